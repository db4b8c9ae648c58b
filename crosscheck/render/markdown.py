"""report.md: a reader's view — one plain sentence per discrepancy, a summary, then one table
per verdict, conflicts first; quotes as a word diff (~~dropped~~ **added**)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from crosscheck import settings
from crosscheck.models import VERDICTS, Report
from crosscheck.render.findings import FINDING_KINDS, FINDING_TITLES, findings, in_brief, side_text
from crosscheck.render.quotediff import QuoteDiff, cluster_diffs
from crosscheck.safe import markdown_text
from crosscheck.score import outlet_labels

TITLES = {
    "conflict": "Conflicts",
    "paraphrase": "Paraphrases",
    "agree": "Agreements",
    "single-source": "Reported by one source only",
}

#: Longest evidence sentence shown in a table cell before it is cut with an ellipsis
#: (the full sentence is in report.json and the PDF's evidence pages).
EVIDENCE_CHARS = 240


def _cell(text: str) -> str:
    """Text made safe for one Markdown table cell (no link, image, HTML; see crosscheck.safe)."""
    return markdown_text(text)


def _inline(text: str) -> str:
    """Text made safe for a Markdown line or table cell (``crosscheck.safe``)."""
    return markdown_text(text)


def diff_markdown(d: QuoteDiff) -> str:
    """One version of a quote against the first, in place: ~~dropped~~ **added**."""
    if d.same:
        return f"*{_cell(d.a)} → {_cell(d.b)}*: same words"
    parts = []
    for tag, words in d.ops:
        w = _inline(words)
        parts.append(f"~~{w}~~" if tag == "del" else f"**{w}**" if tag == "ins" else w)
    return f"*{_cell(d.a)} → {_cell(d.b)}*: " + " ".join(parts)


def _short(text: str, n: int = EVIDENCE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.0f}%"


def render_markdown(report: Report) -> str:
    return "\n".join(_lines(report))


def _lines(report: Report) -> Iterator[str]:
    """report.md's lines. A story of more than ``settings.COMPACT_PAIRS_ABOVE_OUTLETS`` outlets
    gives its outlet-pair scores in report.json only (10,000 outlets make 50 million pairs), and
    each group's values as one column of the outlets that give one, not a column per outlet."""
    articles = list(report.articles)
    many = len(articles) > settings.COMPACT_PAIRS_ABOVE_OUTLETS
    labels = outlet_labels(articles)
    facts = {f.id: f for f in report.facts}
    verdicts = Counter(c.verdict for c in report.clusters)
    kinds = Counter(f.kind for f in report.facts)
    out: list[str] = ["# crosscheck report", ""]
    found = findings(report)
    if found:
        out += ["## In brief", ""]
        for kind in FINDING_KINDS:
            these, more = in_brief(found, kind)
            if these:
                out += [f"**{FINDING_TITLES[kind]}**", ""] + [f"- {_inline(f.text)}" for f in these]
                out += [f"- … and {more} more (see below)"] if more else []
                out += [""]
    out += [
        f"**{len(articles)} articles**, {len(report.facts)} facts, {len(report.clusters)} groups. "
        f"Overall agreement: **{_pct(report.overall)}**. "
        + ", ".join(f"{verdicts.get(v, 0)} {v}" for v in VERDICTS)
        + ".",
        "",
        "Facts by kind: " + ", ".join(f"{kinds[k]} {k}" for k in sorted(kinds)) + ".",
        "",
        "## Articles",
        "",
        "| Outlet | Published | Outlet from | Date from | File | Copy of |",
        "|---|---|---|---|---|---|",
    ]
    for a in articles:
        out.append(
            f"| {_cell(labels[a.id])} | {a.published.isoformat() if a.published else 'unknown'} | "
            f"{a.outlet_from} | {a.published_from} | {_cell(a.path)} | "
            f"{_cell(', '.join(labels.get(c, c) for c in a.copy_of)) or '—'} |"
        )
    if report.warnings:
        out += ["", "Warnings:", ""] + [f"- {_cell(w)}" for w in report.warnings]
    out += ["", "## Agreement between outlets", ""]
    if many:
        out.append(f"{len(articles)} outlets make {len(report.pairs):,} pairs: their scores are in report.json "
                   "(`scores.pair_table`).")
    else:
        out += ["| Outlets | Shared | Agree | Paraphrase | Conflict | Score |", "|---|---|---|---|---|---|"]
        for p in report.pairs:
            out.append(
                f"| {_cell(p.a)} – {_cell(p.b)} | {p.shared} | {p.agree} | {p.paraphrase} | {p.conflict} | {_pct(p.score)} |"
            )
    yield from out
    out = []
    outlet_order = [labels[a.id] for a in articles]
    for verdict in VERDICTS:
        group = [c for c in report.clusters if c.verdict == verdict]
        if not group:
            continue
        out += ["", f"## {TITLES[verdict]} ({len(group)})", ""]
        if many:
            out += ["| Group | Values | Verdict | Evidence |", "|---|---|---|---|"]
        else:
            out.append("| Group | " + " | ".join(_cell(o) for o in outlet_order) + " | Verdict | Evidence |")
            out.append("|---" * (len(outlet_order) + 3) + "|")
        for c in group:
            if many:
                values = ["<br>".join(f"{_cell(o)}: {_cell(v)}" for o, v in c.values.items())]
            else:
                values = [_cell(c.values.get(o, "—")) for o in outlet_order]
            # each outlet's sentence once, though it gives the figure twice ("€2m ($2.6m)")
            evidence = list(dict.fromkeys(f"**{_cell(outlet)}**: {_cell(_short(facts[fid].sentence))}"
                                          for fid, outlet in zip(c.facts, c.outlets)))
            evidence += [diff_markdown(d) for d in cluster_diffs(report, c)]
            if c.sides:
                evidence.insert(0, "*sides*: " + " against ".join(
                    f"{_cell(side_text(side))} ({_cell(', '.join(dict.fromkeys(side['outlets'])))})" for side in c.sides))
            if c.over_time:
                evidence.append("*values revised over time, in order of publication*: " + _cell(
                    " → ".join(f"{t['published'] or 'undated'} {t['value']}" for t in c.timeline)))
            for fr in c.framing:
                evidence.append(f"*framing ({_cell(fr['outlet'])})*: {_cell(fr['word'])}")
            verdict_text = c.verdict + (" (over time)" if c.over_time else "")
            out.append(
                f"| {_inline(c.label or c.topic)} | " + " | ".join(values) + f" | {verdict_text} | " + "<br>".join(evidence) + " |"
            )
        yield from out
        out = []
    if report.possible_conflicts:
        out += ["", f"## Possible conflicts ({len(report.possible_conflicts)})", "",
                "Values that may be one fact told two ways, but whose sentences are not alike enough to say so: "
                "check them, they are no verdict.", "",
                "| Group | Sides | Similarity | Evidence |", "|---|---|---|---|"]
        for p in report.possible_conflicts:
            sides = "<br>".join(f"{_cell(side_text(side))}: {_cell(', '.join(dict.fromkeys(side['outlets'])))}" for side in p["sides"])
            evidence = "<br>".join(
                f"**{_cell(outlet)}**: {_cell(_short(sentence))}"
                for side in p["sides"] for outlet, sentence in zip(side["outlets"], side["sentences"])
            )
            out.append(f"| {_inline(p.get('label') or p['topic'])} | {sides} | {p['confidence']:.2f} | {evidence} |")
    framing = [f for f in report.facts if f.kind == "framing"]
    if framing:
        out += ["", f"## Framing ({len(framing)})", "", "| Outlet | Word | Qualifies | Sentence |", "|---|---|---|---|"]
        for f in framing:
            target = facts.get(f.value.get("target") or "")
            out.append(
                f"| {_cell(labels[f.article])} | {_cell(f.value.get('word', f.text))} | "
                f"{_cell(target.text) if target else '—'} | {_cell(_short(f.sentence))} |"
            )
    out.append("")
    yield from out


def write_markdown(report: Report, out_dir: Path) -> Path:
    """report.md (``render_markdown``), written a line at a time."""
    path = out_dir / "report.md"
    with path.open("w", encoding="utf-8") as f:
        for n, line in enumerate(_lines(report)):
            f.write(f"\n{line}" if n else line)
    return path
