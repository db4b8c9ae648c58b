"""Draw the report's charts (agreement, topics, timeline, quotes, framing) as PNG files.

Each chart is built by a plain function ``Report -> Figure``; ``write_charts`` saves them,
and the PDF and HTML reports reuse the same figures. A chart with nothing to show is still
drawn, and says so in words, so that every report has the same five charts.

The helpers at the end (story title, headline figures, evidence order, differing words) are
shared by the PDF and HTML reports so that both tell the same story.
"""

from __future__ import annotations

import io
import textwrap
import weakref
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates  # noqa: E402
import numpy as np  # noqa: E402

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402
from rapidfuzz import fuzz, process, utils  # noqa: E402

from crosscheck.context import STOPWORDS, content_words  # noqa: E402
from crosscheck.label import split_label  # noqa: E402
from crosscheck.models import VERDICTS, Cluster, Fact, Report  # noqa: E402
from crosscheck.score import NEGATIONS  # noqa: E402
from crosscheck.score import outlet_labels as score_outlet_labels  # noqa: E402
from crosscheck.values import display  # noqa: E402

# --- style ---------------------------------------------------------------------------
#: Okabe & Ito (2008), "Color Universal Design": eight colours told apart by readers with
#: any common colour-vision deficiency.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "grey": "#999999",
}

#: One fixed colour per verdict, in every chart, the PDF and the HTML.
VERDICT_COLOURS = {
    "conflict": OKABE_ITO["vermillion"],
    "paraphrase": OKABE_ITO["orange"],
    "agree": OKABE_ITO["blue"],
    "single-source": OKABE_ITO["grey"],
}
#: A second channel besides colour (marker shape), for print in grey and for any reader.
VERDICT_MARKERS = {"conflict": "X", "paraphrase": "D", "agree": "o", "single-source": "s"}

#: Colours of the framing categories (crosscheck.extract.framing's ``category``).
FRAMING_COLOURS = {
    "hedge": OKABE_ITO["sky_blue"],
    "loaded": OKABE_ITO["reddish_purple"],
    "distancing": OKABE_ITO["bluish_green"],
}
OTHER_COLOUR = OKABE_ITO["grey"]

#: Sequential colour map of the agreement matrix: cividis is built to read the same with
#: and without colour-vision deficiency (Nuñez, Anderton & Renslow, 2018).
AGREEMENT_CMAP = "cividis"
#: Cell colour of outlet pairs with no shared fact (no score).
NO_SCORE_COLOUR = "#EEEEEE"

#: Resolution of the PNG files.
DPI = 150
#: rcParams for every figure: the font matplotlib ships, a fixed SVG hash salt so that
#: output is reproducible, TrueType embedding in the PDF.
RC = {
    "font.family": "DejaVu Sans",
    "svg.hashsalt": "crosscheck",
    "pdf.fonttype": 3,
    "axes.titleweight": "bold",
    "axes.titlesize": 12,
}

#: Longest label on an axis, in characters; longer labels end in an ellipsis.
LABEL_CHARS = 42
#: Most rows in a topic, quote or framing chart; the rest are in the evidence pages.
MAX_ROWS = 60
#: Days the timeline shows before the earliest and after the latest publication date:
#: half a year back covers "last month", "in March", "earlier this year"; a quarter ahead
#: covers announced dates. Dates further off are listed under the chart, not drawn.
TIMELINE_DAYS_BEFORE = 183
TIMELINE_DAYS_AFTER = 92
#: Longest row label of the timeline, in characters.
TIMELINE_LABEL_CHARS = 60
#: Height of one timeline row, in inches (8-point labels need about 0.15).
TIMELINE_ROW_INCHES = 0.24
#: Most lines of notes under a chart (unplaced dates).
MAX_NOTE_LINES = 12
#: Characters per line of an outlet label (two lines at most).
OUTLET_LINE_CHARS = 20
#: Characters per line, and most lines, of the differing-words notes in the quotes chart.
NOTE_CHARS = 52
NOTE_LINES = 3

#: Chart file names, in the order the reports show them.
CHART_NAMES = ("agreement_matrix", "facts_by_topic", "timeline", "quotes", "framing")


# --- small helpers -------------------------------------------------------------------
def plain(text: str) -> str:
    """``text`` made safe for a matplotlib label: a ``$`` is a dollar, not mathtext."""
    return text.replace("$", r"\$")


def shorten(text: str, limit: int = LABEL_CHARS) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def outlet_labels(report: Report) -> list[str]:
    """Outlet labels in the order of the articles, each once (as the scores name them:
    two articles of one outlet are told apart by id)."""
    seen: dict[str, None] = dict.fromkeys(fact_outlet(report).values())
    for c in report.clusters:
        for o in c.outlets:
            seen.setdefault(o, None)
    return list(seen)


def fact_outlet(report: Report) -> dict[str, str]:
    """Map article id -> outlet label, the same labels the clusters and pairs use."""
    return score_outlet_labels(list(report.articles))


def facts_by_id(report: Report) -> dict[str, Fact]:
    return {f.id: f for f in report.facts}


def cluster_of_fact(report: Report) -> dict[str, Cluster]:
    """Map fact id -> the cluster holding it."""
    return {fid: c for c in report.clusters for fid in c.facts}


def cluster_facts(report: Report, cluster: Cluster) -> dict[str, list[Fact]]:
    """The facts of ``cluster`` grouped by outlet label, outlets in the cluster's order."""
    by_id = facts_by_id(report)
    label = fact_outlet(report)
    out: dict[str, list[Fact]] = {o: [] for o in cluster.outlets}
    for fid in cluster.facts:
        f = by_id.get(fid)
        if f is None:
            continue
        out.setdefault(label.get(f.article, f.article), []).append(f)
    return out


def _new_figure(width: float, height: float, title: str) -> Figure:
    """A figure with constrained layout (titles, labels and legends never overlap)."""
    fig = Figure(figsize=(width, height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    fig.suptitle(plain(title), fontweight="bold", fontsize=12)
    return fig


def outlet_tick(outlet: str) -> str:
    """An outlet label for an axis: wrapped onto two lines, then shortened."""
    lines = textwrap.wrap(outlet, OUTLET_LINE_CHARS) or [""]
    if len(lines) > 2:
        lines = [lines[0], shorten(" ".join(lines[1:]), OUTLET_LINE_CHARS)]
    return plain("\n".join(lines))


def _message(fig: Figure, ax, text: str) -> None:
    """Write ``text`` in the middle of an empty chart and hide its axes."""
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ax.spines.values():
        side.set_visible(False)
    ax.text(0.5, 0.5, text, ha="center", va="center", fontsize=11, color="#444444",
            wrap=True, transform=ax.transAxes, parse_math=False)


def _verdict_legend(ax, verdicts=VERDICTS, **kwargs) -> None:
    handles = [
        Line2D([], [], linestyle="", marker=VERDICT_MARKERS[v], markersize=8,
               markerfacecolor=VERDICT_COLOURS[v], markeredgecolor="black",
               markeredgewidth=0.5, label=v)
        for v in verdicts
    ]
    ax.legend(handles=handles, title="verdict", **kwargs)


# --- agreement matrix ----------------------------------------------------------------
def agreement_matrix(report: Report) -> Figure:
    """Outlet x outlet heatmap of agreement; cells read shared / agreeing / conflicting."""
    outlets = outlet_labels(report)
    n = len(outlets)
    side = max(5.0, 0.85 * n + 2.5)
    fig = _new_figure(side + 1.2, side, "Agreement between outlets")
    ax = fig.add_subplot()
    if n < 2 or not report.pairs:
        _message(fig, ax, "Fewer than two outlets share a fact:\nno pair of outlets to compare.")
        return fig
    index = {o: i for i, o in enumerate(outlets)}
    cells: dict[tuple[int, int], Any] = {}
    for p in report.pairs:
        if p.a in index and p.b in index:
            cells[index[p.a], index[p.b]] = p
            cells[index[p.b], index[p.a]] = p
    cmap = matplotlib.colormaps[AGREEMENT_CMAP]
    font = 9 if n <= 6 else 7
    own = Counter(o for c in report.clusters for o in set(c.outlets))  # groups, not facts
    rgba = np.ones((n, n, 4))
    for i in range(n):
        for j in range(n):
            p = cells.get((i, j))
            if i == j:
                colour, text, ink = "white", f"{own[outlets[i]]}\ngroups", "#555555"
            elif p is None or p.score is None:
                shared = p.shared if p is not None else 0
                colour, text, ink = NO_SCORE_COLOUR, f"{shared} / – / –", "#555555"
            else:
                colour = cmap(p.score)
                r, g, b, _ = colour
                ink = "black" if 0.299 * r + 0.587 * g + 0.114 * b > 0.5 else "white"
                text = f"{p.shared} / {p.agree} / {p.conflict}"
            rgba[i, j] = matplotlib.colors.to_rgba(colour)
            ax.text(j, i, text, ha="center", va="center", fontsize=font, color=ink,
                    parse_math=False)
    # One mesh for all cells (far faster than a patch per cell, and than an image, which
    # the PNG backend resamples to the figure's pixels), white lines between.
    edges = np.arange(n + 1) - 0.5
    mesh = ax.pcolormesh(edges, edges, np.zeros((n, n)), edgecolors="none",
                         antialiased=False)
    mesh.set_array(None)
    mesh.set_facecolor(rgba.reshape(n * n, 4))
    ax.set_xticks([k + 0.5 for k in range(n - 1)], minor=True)
    ax.set_yticks([k + 0.5 for k in range(n - 1)], minor=True)
    ax.grid(which="minor", color="white", linewidth=1.5)
    ax.tick_params(which="minor", length=0)
    ax.set_xlim(-0.5, n - 0.5)
    ax.set_ylim(n - 0.5, -0.5)
    ax.set_aspect("equal")
    labels = [outlet_tick(o) for o in outlets]
    ax.set_xticks(range(n), labels, rotation=90 if n > 3 else 0, ha="center",
                  fontsize=font + 1)
    ax.set_yticks(range(n), labels, fontsize=font + 1)
    ax.set_xlabel("outlet\n\ncells: facts shared / agreeing / conflicting\n"
                  "diagonal: groups the outlet appears in; grey: no score", fontsize=9)
    ax.set_ylabel("outlet")
    ax.tick_params(length=0)
    for side_ in ax.spines.values():
        side_.set_visible(False)
    mappable = matplotlib.cm.ScalarMappable(norm=matplotlib.colors.Normalize(0, 1), cmap=cmap)
    bar = fig.colorbar(mappable, ax=ax, fraction=0.04, pad=0.03)
    bar.set_label("agreement score (0 = all conflict, 1 = all agree)")
    return fig


# --- facts by topic ------------------------------------------------------------------
def ordered_clusters(report: Report) -> list[Cluster]:
    """Clusters conflicts first, then paraphrase, agree, single-source; stable within."""
    rank = {v: i for i, v in enumerate(VERDICTS)}
    return sorted(report.clusters, key=lambda c: rank.get(c.verdict, len(rank)))


def group_name(cluster: Cluster) -> str:
    """What a group is about, for a reader: its label ("people missing — count"), or its
    topic words and kind for a report made before labels."""
    return cluster.label or f"{cluster.topic or '(no topic)'} — {cluster.kind}"


def topic_label(cluster: Cluster, limit: int = LABEL_CHARS) -> str:
    """The group's name, shortened for an axis."""
    return shorten(group_name(cluster), limit)


def shared_clusters(report: Report) -> list[Cluster]:
    """Groups two or more outlets report, conflicts first (``ordered_clusters``)."""
    return [c for c in ordered_clusters(report) if len(set(c.outlets)) > 1]


def facts_by_topic(report: Report) -> Figure:
    """Dot matrix: a row per group of facts two or more outlets report, a column per outlet,
    colour/shape = verdict; the groups one outlet reports are counted in the title."""
    outlets = outlet_labels(report)
    clusters = shared_clusters(report)
    alone = len(report.clusters) - len(clusters)
    shown = clusters[:MAX_ROWS]
    rows = len(shown)
    width = max(7.0, 3.6 + 0.55 * len(outlets) + 1.8)
    title = "Facts by topic: which outlet reports what, and the verdict"
    if len(clusters) > rows:
        title += f"\n(first {rows} of {len(clusters)} groups two or more outlets report)"
    if alone:
        title += (f"\n+ {alone} group{'s' if alone != 1 else ''} reported by one outlet only "
                  "(in the evidence pages)")
    fig = _new_figure(width, max(3.5, 2.2 + 0.27 * rows), title)
    ax = fig.add_subplot()
    if not clusters:
        _message(fig, ax, "No fact is reported by two or more outlets." if report.clusters
                 else "No facts were found in these articles.")
        return fig
    col = {o: i for i, o in enumerate(outlets)}
    for v in VERDICTS:
        xs, ys = [], []
        for r, c in enumerate(shown):
            if c.verdict != v:
                continue
            for o in c.outlets:
                if o in col:
                    xs.append(col[o])
                    ys.append(r)
        if xs:
            ax.scatter(xs, ys, s=70, marker=VERDICT_MARKERS[v], c=VERDICT_COLOURS[v],
                       edgecolors="black", linewidths=0.5, zorder=3)
    ax.set_xticks(range(len(outlets)), [outlet_tick(o) for o in outlets],
                  rotation=90 if len(outlets) > 3 else 0, ha="center")
    ax.set_yticks(range(rows), [plain(topic_label(c)) for c in shown], fontsize=8)
    ax.set_xlim(-0.6, len(outlets) - 0.4)
    ax.set_ylim(rows - 0.5, -0.5)
    ax.grid(True, color="#DDDDDD", linewidth=0.6, zorder=0)
    ax.set_axisbelow(True)
    ax.set_xlabel("outlet")
    ax.set_ylabel("group of facts: what — kind")
    _verdict_legend(ax, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8,
                    title_fontsize=9, frameon=False)
    return fig


# --- timeline ------------------------------------------------------------------------
def _date_interval(fact: Fact) -> tuple[date, date] | None:
    v = fact.value
    if not v.get("anchored", True) or not v.get("start") or not v.get("end"):
        return None
    try:
        return date.fromisoformat(v["start"]), date.fromisoformat(v["end"])
    except (TypeError, ValueError):
        return None


def _day(d: date) -> float:
    """Matplotlib's day number of ``d`` (the start of that day)."""
    return float(mdates.date2num(d))


def _timeline_rows(report: Report, placed: dict[str, list[tuple[Fact, date, date]]],
                   outlets: list[str]) -> list[tuple[str, str, Any]]:
    """Rows of the timeline, grouped by fact: for a group of facts two or more outlets date,
    a heading row (its label) and a row per outlet; for a fact one outlet dates, one row
    ("label · outlet"). Groups in the evidence order (conflicts first), shared ones first."""
    owner = cluster_of_fact(report)
    rank = {c.id: i for i, c in enumerate(ordered_clusters(report))}
    by_group: dict[str, list[tuple[str, Fact, date, date]]] = defaultdict(list)
    for o in outlets:
        for f, s, e in placed.get(o, []):
            c = owner.get(f.id)
            by_group[c.id if c else f.id].append((o, f, s, e))

    def order(key: str) -> tuple:
        outs = {o for o, *_ in by_group[key]}
        return (len(outs) < 2, rank.get(key, len(rank)), key)

    rows: list[tuple[str, str, Any]] = []
    for key in sorted(by_group, key=order):
        items = by_group[key]
        c = owner.get(items[0][1].id)
        what = split_label(group_name(c))[0] if c else items[0][1].text
        verdict = c.verdict if c else "single-source"
        per_outlet: dict[str, list[tuple[Fact, date, date]]] = {}
        for o, f, s, e in items:
            per_outlet.setdefault(o, []).append((f, s, e))
        if len(per_outlet) > 1:
            rows.append(("head", shorten(what, TIMELINE_LABEL_CHARS), verdict))
            rows += [("row", shorten(o, OUTLET_LINE_CHARS + 4), (o, its, verdict, True))
                     for o, its in per_outlet.items()]
        else:
            (o, its), = per_outlet.items()
            rows.append(("row", shorten(f"{what} · {o}", TIMELINE_LABEL_CHARS), (o, its, verdict, False)))
    return rows


def timeline(report: Report) -> Figure:
    """Every anchored date fact on one time axis, grouped by fact: a labelled heading per
    group of facts two or more outlets date, with a row per outlet under it; a labelled row
    per fact one outlet dates. A day is a point, a longer span a bar."""
    outlets = outlet_labels(report)
    label = fact_outlet(report)
    published = {label[a.id]: a.published for a in report.articles if a.published}
    intervals = [(f, _date_interval(f)) for f in report.facts if f.kind == "date"]
    window = _focus_window(list(published.values()),
                           [iv for _, iv in intervals if iv is not None])
    placed: dict[str, list[tuple[Fact, date, date]]] = defaultdict(list)
    loose: list[tuple[str, Fact]] = []
    outside: list[tuple[str, Fact]] = []
    cut: set[str] = set()  # ids of facts whose bar is cut at the window's edge
    for f, iv in intervals:
        o = label.get(f.article, f.article)
        if iv is None:
            loose.append((o, f))
        elif iv[1] < window[0] or iv[0] > window[1]:
            outside.append((o, f))
        else:
            placed[o].append((f, max(iv[0], window[0]), min(iv[1], window[1])))
            if iv[0] < window[0] or iv[1] > window[1]:
                cut.add(f.id)
    note_lines = _unplaced_notes(outlets, loose, outside, window)
    title = "Timeline: when each outlet dates the events it reports, fact by fact"
    if not any(placed.values()):
        fig = _new_figure(10.0, max(3.0, 1.8 + 0.2 * len(note_lines)), title)
        ax = fig.add_subplot()
        _message(fig, ax, "\n".join(["No date in these articles could be placed on a "
                                      "calendar."] + note_lines))
        return fig
    rows = _timeline_rows(report, placed, outlets)
    if len(rows) > MAX_ROWS:
        cut_at = MAX_ROWS
        while cut_at > 0 and rows[cut_at][0] == "row" and rows[cut_at][2][3]:
            cut_at -= 1  # do not split a group from its heading
        hidden = len(rows) - cut_at
        rows = rows[:cut_at]
        title += f"\n(first {cut_at} rows; {hidden} more are in the evidence pages)"
    drawn = [(f, s, e) for kind, _, p in rows if kind == "row" for f, s, e in p[1]]
    all_days = [d for _, s, e in drawn for d in (s, e)]
    all_days += [d for d in published.values() if window[0] <= d <= window[1]]
    lo_day, hi_day = min(all_days), max(all_days)
    span_days = max((hi_day - lo_day).days, 1)
    gap = span_days / 60.0
    note_height = 0.17 * len(note_lines) + (0.2 if note_lines else 0)
    plot_height = max(2.0, TIMELINE_ROW_INCHES * len(rows) + 0.6)
    fig = _new_figure(11.0, plot_height + note_height + 1.6, title)
    if note_lines:
        ax, notes = fig.subplots(2, 1, height_ratios=[plot_height, note_height])
        notes.axis("off")
        notes.text(0, 1, "\n".join(note_lines), va="top", ha="left", fontsize=8,
                   color="#333333", transform=notes.transAxes, parse_math=False)
    else:
        ax = fig.add_subplot()
    band = False
    for y, (kind, text, payload) in enumerate(rows):
        if kind == "head":
            band = not band
        if band and (kind == "head" or payload[3]):
            ax.axhspan(y - 0.5, y + 0.5, color="#F3F3F3", zorder=0, linewidth=0)
        if kind == "head":
            continue
        o, items, verdict, _ = payload
        colour = VERDICT_COLOURS.get(verdict, OTHER_COLOUR)
        for f, s, e in items:
            if s == e:
                ax.scatter([_day(s) + 0.5], [y], s=45, marker=VERDICT_MARKERS.get(verdict, "o"),
                           c=colour, edgecolors="black", linewidths=0.5, zorder=4)
            else:
                left, right = _day(s), max(_day(e) + 1, _day(s) + gap)
                ax.barh([y], [right - left], left=[left], height=0.55, color=colour,
                        edgecolor="black", linewidth=0.5, alpha=0.85, zorder=3,
                        hatch="//" if f.id in cut else None)
        d = published.get(o)
        if d is not None and window[0] <= d <= window[1]:
            ax.plot([_day(d) + 0.5] * 2, [y - 0.35, y + 0.35], color="black", linewidth=1.4,
                    zorder=5)
    ax.set_yticks(range(len(rows)), [plain(text) for _, text, _ in rows], fontsize=8)
    for tick, (kind, _, _) in zip(ax.get_yticklabels(), rows):
        if kind == "head":
            tick.set_fontweight("bold")
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    pad = max(span_days * 0.04, 1.5)
    # within the years Matplotlib can draw (1 to 9999), as the dates are
    ax.set_xlim(max(_day(lo_day) - pad, _day(date.min)), min(_day(hi_day) + 1 + pad, _day(date.max)))
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.set_xlabel("date")
    ax.grid(True, axis="x", color="#E4E4E4", zorder=0)
    present = [v for v in VERDICTS if any(kind == "row" and p[2] == v for kind, _, p in rows)]
    handles = []
    if any(s == e for _, s, e in drawn):
        handles.append(Line2D([], [], linestyle="", marker="o", markersize=7,
                              markerfacecolor="white", markeredgecolor="black",
                              label="a day (point)"))
    if any(s != e for _, s, e in drawn):
        handles.append(Patch(facecolor="white", edgecolor="black",
                             label="a week, month or\nyear (bar)"))
    if any(f.id in cut for f, _, _ in drawn):
        handles.append(Patch(facecolor="white", edgecolor="black", hatch="//",
                             label="bar cut at the edge\n(runs further)"))
    if published:
        handles.append(Line2D([], [], color="black", linewidth=1.4,
                              label="the outlet's\npublication date"))
    handles += [Patch(facecolor=VERDICT_COLOURS.get(v, OTHER_COLOUR), edgecolor="black",
                      label=v) for v in present]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8,
              frameon=False, title="key", title_fontsize=9)
    return fig


def _focus_window(published: list[date], intervals: list[tuple[date, date]]) -> tuple[date, date]:
    """The dates the timeline shows: around the publication dates (or, without them,
    around the median date mentioned), so that one far-off year does not squeeze the
    days the articles are about into a sliver."""
    if published:
        lo, hi = min(published), max(published)
    elif intervals:
        mids = sorted(s + (e - s) / 2 for s, e in intervals)
        lo = hi = mids[len(mids) // 2]
    else:
        return date.min, date.max
    # never past the ends of the calendar (a publication date of 0001-01-01 or 9999-12-31)
    return (lo - timedelta(days=min(TIMELINE_DAYS_BEFORE, (lo - date.min).days)),
            hi + timedelta(days=min(TIMELINE_DAYS_AFTER, (date.max - hi).days)))


def _unplaced_notes(outlets: list[str], loose: list[tuple[str, Fact]],
                    outside: list[tuple[str, Fact]], window: tuple[date, date]) -> list[str]:
    """Lines listing, per outlet, the dates not on the axis: no calendar anchor, or
    outside the dates shown."""
    def order(o: str) -> int:
        return outlets.index(o) if o in outlets else len(outlets)

    lines = []
    for items, head, show in (
        (loose, "with no calendar anchor", lambda f: f"“{shorten(f.text, 40)}”"),
        (outside, f"outside the dates shown ({window[0]} to {window[1]})",
         lambda f: f"{display(f)} (“{shorten(f.text, 30)}”)"),
    ):
        if not items:
            continue
        by_outlet: dict[str, list[str]] = defaultdict(list)
        for o, f in items:
            by_outlet[o].append(show(f))
        n = len(items)
        lines.append(f"Not on the axis: {n} date{'s' if n != 1 else ''} {head}")
        for o in sorted(by_outlet, key=order):
            lines += textwrap.wrap(f"{o}: " + ", ".join(dict.fromkeys(by_outlet[o])), 130,
                                   subsequent_indent="    ")
    if len(lines) > MAX_NOTE_LINES:
        lines = lines[:MAX_NOTE_LINES - 1] + ["… (all dates are in the evidence pages)"]
    return lines


# --- quotes --------------------------------------------------------------------------
#: Kinds whose facts are someone's words.
SPEECH_KINDS = ("quote", "statement")


def speech_content(fact: Fact) -> str:
    return str(fact.value.get("content") or fact.text)


def speaker_of(facts: list[Fact]) -> str:
    """The speaker most facts name (ties: first named), or "unattributed"."""
    names = [f.speaker or f.value.get("speaker") for f in facts]
    names = [n for n in names if n]
    if not names:
        return "unattributed"
    counts = Counter(names)
    return max(names, key=lambda n: counts[n])


def differing_words(cluster: Cluster, outlet: str) -> list[str]:
    """Words of ``outlet``'s version that another outlet's version lacks.

    Read from the cluster's ``differences`` (a paraphrase's word diff): the ``removed``
    words when the outlet is side ``a``, the ``added`` words when it is side ``b``. Each
    word once, in the order first met. Function words are left out (they make most of a
    diff and say little), except negations, which reverse a quote's meaning.
    """
    out: dict[str, None] = {}
    for d in cluster.differences:
        if d.get("a") == outlet:
            words = d.get("removed") or []
        elif d.get("b") == outlet:
            words = d.get("added") or []
        else:
            continue
        for w in words:
            key = word_key(str(w))
            if key and (key not in STOPWORDS or key in NEGATIONS):
                out.setdefault(str(w), None)
    return list(out)


def speech_similarity(contents: list[str]) -> list[float]:
    """For each text, its mean wording similarity (0-100) to the others.

    rapidfuzz's ``fuzz.ratio`` (normalised Indel distance) after its ``default_process``
    (lower case, punctuation removed): word order and word choice both count, as they do
    when a reader compares two versions of a quote.
    """
    if len(contents) < 2:
        return [100.0] * len(contents)
    m = process.cdist(contents, contents, scorer=fuzz.ratio, processor=utils.default_process)
    n = len(contents)
    return [float((m[i].sum() - m[i, i]) / (n - 1)) for i in range(n)]


def speech_rows(report: Report) -> list[dict[str, Any]]:
    """One record per quote/statement group that two or more outlets report."""
    rows = []
    for c in ordered_clusters(report):
        if c.kind not in SPEECH_KINDS or len(c.outlets) < 2:
            continue
        grouped = cluster_facts(report, c)
        outlets = [o for o, fs in grouped.items() if fs]
        if len(outlets) < 2:
            continue
        firsts = [max(grouped[o], key=lambda f: len(speech_content(f))) for o in outlets]
        sims = speech_similarity([speech_content(f) for f in firsts])
        rows.append({
            "cluster": c,
            "speaker": speaker_of([f for fs in grouped.values() for f in fs]),
            "outlets": outlets,
            "similarity": sims,
            "words": [differing_words(c, o) for o in outlets],
        })
    return rows


def quotes(report: Report) -> Figure:
    """Per speaker and quote, how close each outlet's wording is to the others'."""
    groups = speech_rows(report)
    shown: list[dict[str, Any]] = []
    n_rows = 0
    for g in groups:
        if n_rows + len(g["outlets"]) > MAX_ROWS and shown:
            break
        shown.append(g)
        n_rows += len(g["outlets"])
    title = "Quotes: how close each outlet's wording is to the other outlets'"
    if len(groups) > len(shown):
        title += f"\n(first {len(shown)} of {len(groups)} quotes; all are in the evidence pages)"
    # Lay out rows first: a heading row per quote, then a row per outlet, as tall as its
    # note on differing words.
    rows = []  # (y, kind, payload)
    y = 0.0
    for g in shown:
        rows.append((y, "head", g))
        y += 1.0
        for o, sim, words in zip(g["outlets"], g["similarity"], g["words"]):
            note = textwrap.wrap(", ".join(words), NOTE_CHARS)
            if len(note) > NOTE_LINES:
                note = note[:NOTE_LINES - 1] + [shorten(" ".join(note[NOTE_LINES - 1:]),
                                                        NOTE_CHARS)]
            rows.append((y, "outlet", (g, o, sim, note)))
            y += 0.6 + 0.4 * max(1, len(note))
        y += 0.3
    fig = _new_figure(11.0, max(3.5, 1.8 + 0.28 * y), title)
    if not shown:
        ax = fig.add_subplot()
        _message(fig, ax, "No quote or statement is reported by two or more outlets:\n"
                          "there is no wording to compare.")
        return fig
    ax, side = fig.subplots(1, 2, sharey=True, width_ratios=[3, 1.6])
    for yy, kind, payload in rows:
        if kind == "head":
            c = payload["cluster"]
            head = group_name(c)
            ax.text(0, yy, plain(shorten(head, 100)),
                    fontsize=9, fontweight="bold", va="center", ha="left", clip_on=False)
            continue
        g, o, sim, note = payload
        colour = VERDICT_COLOURS.get(g["cluster"].verdict, OTHER_COLOUR)
        ax.barh([yy], [sim], height=0.55, color=colour, edgecolor="black", linewidth=0.5)
        ax.text(min(sim, 100) + 1, yy, f"{sim:.0f}", va="center", fontsize=8, parse_math=False)
        side.text(0, yy - 0.25, "\n".join(note) if note else "–", va="top", ha="left",
                  fontsize=7.5, color="#333333", parse_math=False, linespacing=1.15)
    ax.set_yticks([r[0] for r in rows if r[1] == "outlet"],
                  [outlet_tick(r[2][1]) for r in rows if r[1] == "outlet"], fontsize=8)
    ax.set_ylim(y, -0.7)
    ax.set_xlim(0, 108)
    ax.set_xlabel("wording similarity to the other outlets' versions\n"
                  "(rapidfuzz ratio, 0-100; 100 = the same words)")
    ax.set_ylabel("outlet (under each speaker and quote)")
    ax.grid(True, axis="x", color="#EEEEEE")
    ax.set_axisbelow(True)
    side.set_xlim(0, 1)
    side.set_xticks([])
    side.tick_params(left=False)
    for spine in side.spines.values():
        spine.set_visible(False)
    side.set_title("words that other versions lack\n(function words left out)", fontsize=9,
                   loc="left")
    present = [v for v in VERDICTS if any(g["cluster"].verdict == v for g in shown)]
    fig.legend(handles=[Patch(facecolor=VERDICT_COLOURS[v], edgecolor="black", label=v)
                        for v in present],
               title="verdict", loc="outside lower center", ncols=len(present), fontsize=8,
               title_fontsize=8, frameon=False)
    return fig


# --- framing -------------------------------------------------------------------------
def framing(report: Report) -> Figure:
    """The framing words each outlet uses: a row per word, dot size = times used."""
    outlets = outlet_labels(report)
    label = fact_outlet(report)
    uses: Counter[tuple[str, str]] = Counter()
    category: dict[str, str] = {}
    for f in report.facts:
        if f.kind != "framing":
            continue
        word = str(f.value.get("word") or f.text).lower()
        uses[word, label.get(f.article, f.article)] += 1
        category.setdefault(word, str(f.value.get("category") or "other"))
    totals = Counter()
    for (w, _), n in uses.items():
        totals[w] += n
    cat_rank = {c: i for i, c in enumerate(FRAMING_COLOURS)}
    words = sorted(totals, key=lambda w: (cat_rank.get(category[w], len(cat_rank)),
                                          -totals[w], w))
    shown = words[:MAX_ROWS]
    width = max(7.0, 3.5 + 0.55 * len(outlets) + 1.8)
    title = "Framing words each outlet uses (hedges, loaded and distancing words)"
    if len(words) > len(shown):
        title += f"\n(the {len(shown)} most used of {len(words)} words)"
    fig = _new_figure(width, max(3.5, 2.2 + 0.3 * len(shown)), title)
    ax = fig.add_subplot()
    if not shown:
        _message(fig, ax, "No framing word (hedge, loaded or distancing word) was found.")
        return fig
    col = {o: i for i, o in enumerate(outlets)}
    top = max(uses.values())
    for r, w in enumerate(shown):
        colour = FRAMING_COLOURS.get(category[w], OTHER_COLOUR)
        for o in outlets:
            n = uses.get((w, o), 0)
            if not n:
                continue
            ax.scatter([col[o]], [r], s=60 + 240 * (n / top), c=colour, edgecolors="black",
                       linewidths=0.5, zorder=3)
            ax.text(col[o], r, str(n), ha="center", va="center", fontsize=7, zorder=4,
                    parse_math=False)
    ax.set_xticks(range(len(outlets)), [outlet_tick(o) for o in outlets],
                  rotation=90 if len(outlets) > 3 else 0, ha="center")
    ax.set_yticks(range(len(shown)), [plain(shorten(w, 30)) for w in shown], fontsize=9)
    ax.set_xlim(-0.6, len(outlets) - 0.4)
    ax.set_ylim(len(shown) - 0.5, -0.5)
    ax.grid(True, color="#DDDDDD", linewidth=0.6, zorder=0)
    ax.set_axisbelow(True)
    ax.set_xlabel("outlet")
    ax.set_ylabel("framing word (lemma)")
    present = [c for c in FRAMING_COLOURS if c in category.values()]
    present += sorted({c for c in category.values() if c not in FRAMING_COLOURS})
    ax.legend(handles=[Line2D([], [], linestyle="", marker="o", markersize=8,
                              markerfacecolor=FRAMING_COLOURS.get(c, OTHER_COLOUR),
                              markeredgecolor="black", markeredgewidth=0.5, label=c)
                       for c in present],
              title="category\n(number = times used)", loc="upper left",
              bbox_to_anchor=(1.01, 1.0), fontsize=8, title_fontsize=8, frameon=False)
    return fig


# --- all charts ----------------------------------------------------------------------
#: Chart name -> the function that draws it.
CHARTS: dict[str, Callable[[Report], Figure]] = {
    "agreement_matrix": agreement_matrix,
    "facts_by_topic": facts_by_topic,
    "timeline": timeline,
    "quotes": quotes,
    "framing": framing,
}


def chart_figures(report: Report) -> list[tuple[str, Figure]]:
    """Every chart as (name, figure), in ``CHART_NAMES`` order."""
    with matplotlib.rc_context(RC):
        return [(name, CHARTS[name](report)) for name in CHART_NAMES]


def png_bytes(fig: Figure) -> bytes:
    """The figure as PNG bytes, with no time stamp in the metadata."""
    buf = io.BytesIO()
    with matplotlib.rc_context(RC):
        fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
    return buf.getvalue()


#: Figures and PNG bytes of the charts of each live report, by ``id(report)``: the PNG
#: files, the HTML report (the same images) and the PDF (the same figures) draw each chart
#: once. An entry goes when its report does.
_FIGURE_CACHE: dict[int, list[tuple[str, Figure]]] = {}
_PNG_CACHE: dict[int, list[tuple[str, bytes]]] = {}


def report_figures(report: Report) -> list[tuple[str, Figure]]:
    """Every chart as (name, figure), built once per report object."""
    key = id(report)
    if key not in _FIGURE_CACHE:
        _FIGURE_CACHE[key] = chart_figures(report)
        weakref.finalize(report, _FIGURE_CACHE.pop, key, None)
    return _FIGURE_CACHE[key]


def chart_pngs(report: Report) -> list[tuple[str, bytes]]:
    """Every chart as (name, PNG bytes), drawn once per report object.

    Once drawn, a figure keeps the positions its constrained layout found: laying it out
    again for the PDF page (sizes in points, the same at any resolution) would find the
    same positions, at the cost of measuring every label again.
    """
    key = id(report)
    if key not in _PNG_CACHE:
        pngs = []
        for name, fig in report_figures(report):
            pngs.append((name, png_bytes(fig)))
            fig.set_layout_engine("none")
        _PNG_CACHE[key] = pngs
        weakref.finalize(report, _PNG_CACHE.pop, key, None)
    return _PNG_CACHE[key]


def write_charts(report: Report, out_dir: Path) -> list[Path]:
    """Write one PNG per chart into ``out_dir``; return their paths in order."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in chart_pngs(report):
        path = out_dir / f"{name}.png"
        path.write_bytes(data)
        paths.append(path)
    return paths


# --- shared by the PDF and HTML reports ---------------------------------------------
#: Words of a title that say nothing about the story (site furniture).
TITLE_NOISE = frozenset({"news", "video", "live", "update", "updates", "breaking", "opinion"})


def story_title(report: Report) -> str:
    """A title for the story.

    The article title sharing most content words with the other titles (the most
    central one); without titles, the content words most articles use.
    """
    titles = [a.title.strip() for a in report.articles if a.title and a.title.strip()]
    if titles:
        bags = [{w.lower() for w in content_words(t)} - TITLE_NOISE for t in titles]

        def centrality(i: int) -> int:
            return sum(len(bags[i] & bags[j]) for j in range(len(bags)) if j != i)

        best = max(range(len(titles)), key=lambda i: (centrality(i), -i))
        return " ".join(titles[best].split())
    df: Counter[str] = Counter()
    tf: Counter[str] = Counter()
    forms: Counter[tuple[str, str]] = Counter()
    for a in report.articles:
        words = [w.replace("’", "'") for w in content_words(a.text)]
        words = [w for w in words if w.lower() not in TITLE_NOISE]
        forms.update((w.lower(), w) for w in words)
        tf.update(w.lower() for w in words)
        df.update({w.lower() for w in words})
    top = sorted(df, key=lambda w: (-df[w], -tf[w], w))[:5]
    if not top:
        return "Comparison of news coverage"

    def surface(word: str) -> str:
        # the spelling the articles use most ("US", "Japan"), ties broken alphabetically
        return max(sorted(f for (k, f) in forms if k == word), key=lambda f: forms[word, f])

    return "Coverage of: " + ", ".join(surface(w) for w in top)


def headline_figures(report: Report) -> list[tuple[str, str]]:
    """(label, value) pairs of the report's headline figures."""
    verdicts = Counter(c.verdict for c in report.clusters)
    overall = "n/a (no shared facts)" if report.overall is None else f"{report.overall:.2f}"
    return [
        ("articles", str(len(report.articles))),
        ("outlets", str(len(outlet_labels(report)))),
        ("facts found", str(len(report.facts))),
        ("groups of facts", str(len(report.clusters))),
        ("agreement score (0-1)", overall),
        ("conflicts", str(verdicts["conflict"])),
        ("paraphrased quotes", str(verdicts["paraphrase"])),
        ("agreeing groups", str(verdicts["agree"])),
        ("single-source facts", str(verdicts["single-source"])),
    ]


def score_text(score: float | None) -> str:
    """A cluster's or pair's agreement score for display ("n/a" when there is none)."""
    return "n/a" if score is None else f"{score:.2f}"


def article_origin(article) -> str:
    """Where an article came from: its date, and how outlet and date were found."""
    when = article.published.isoformat() if article.published else "date unknown"
    where = article.url or article.path
    return (f"{when} (date from {article.published_from}; outlet from "
            f"{article.outlet_from}) — {where}")


#: Function words kept among the differing words of a quote: a negation added or dropped
#: reverses what was said (the SMART stop list that STOPWORDS follows holds them); the
#: negations scoring reads (``crosscheck.score.NEGATIONS``).

#: Punctuation stripped from the edges of a word before it is matched against the
#: differing words of a paraphrase.
EDGE_PUNCT = "\"'“”‘’«»()[]{}.,;:!?…—–-"


def word_key(word: str) -> str:
    """A word as matched against ``differing_words``: lower case, edge punctuation off."""
    return word.strip(EDGE_PUNCT).lower()


def is_marked(token: str, marks: set[str]) -> bool:
    """Whether a token of a sentence is one of ``marks`` (a hyphenated compound is when
    each of its parts is: diffs split "Anti-Corruption" into two words)."""
    key = word_key(token)
    if not key:
        return False
    if key in marks:
        return True
    parts = [p for p in key.split("-") if p]
    return len(parts) > 1 and all(p in marks for p in parts)
