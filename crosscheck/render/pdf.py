"""Write report.pdf: a cover page, one page per chart, then the evidence for every group.

Text pages are laid out here, not by matplotlib: every line is measured with the font it
is drawn in (DejaVu Sans, shipped with matplotlib) and wrapped to the page width, so that
long sentences wrap instead of running off the page, and a group of facts moves to the
next page whole when it does not fit (paginated: as many pages as the evidence needs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.backends.backend_pdf import PdfPages  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.font_manager import FontProperties  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402
from matplotlib.textpath import TextToPath  # noqa: E402

from crosscheck.models import VERDICTS, Cluster, Report  # noqa: E402
from crosscheck.render import charts  # noqa: E402

# --- page geometry, in points (1/72 inch) ----------------------------------------------
#: ISO 216 A4, portrait.
PAGE_WIDTH, PAGE_HEIGHT = 595.28, 841.89
MARGIN = 50.0
#: Width available to a line of text.
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
#: Height available to text; the foot of the page holds the page number.
TEXT_HEIGHT = PAGE_HEIGHT - 2 * MARGIN - 14
#: Line height as a multiple of the font size (typographic leading of about 130%).
LEADING = 1.3
#: Column of the values in the cover's table of figures.
TAB_X = 230.0
#: Most articles the cover lists on two lines each; more are listed one line each, so
#: that a dozen outlets still fit on the cover.
COVER_FULL_ARTICLES = 8
#: Indent of an outlet's sentence under its value.
INDENT = 16.0

#: Background of the differing words of a paraphrased quote (Okabe-Ito yellow), underlined
#: too so that the mark survives grey print.
MARK_COLOUR = charts.OKABE_ITO["yellow"]
MUTED = "#555555"

#: Section headings of the evidence, by verdict.
VERDICT_HEADINGS = {
    "conflict": "Conflicts: outlets give values that cannot both be true",
    "paraphrase": "Paraphrases: the same quote in different words",
    "agree": "Agreements: outlets give compatible values",
    "single-source": "Single-source facts: reported by one outlet only",
}

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Line:
    """One laid-out line of text: what to draw and where, in points from the left margin."""

    text: str
    size: float = 9.0
    weight: str = "normal"
    colour: str = "black"
    indent: float = 0.0
    width: float = 0.0
    gap: float = 0.0
    marks: tuple[str, ...] = ()
    tab: str = ""
    swatch: str | None = None

    @property
    def height(self) -> float:
        return self.gap + self.size * LEADING


# --- measuring and wrapping ---------------------------------------------------------
#: Measures text unhinted, in points: the metrics the PDF backend lays text out with
#: (hinted Agg metrics at 72 dpi run about 6% wider).
_MEASURE = TextToPath()


@lru_cache(maxsize=65536)
def text_width(text: str, size: float, weight: str = "normal") -> float:
    """Width of ``text`` in points when drawn in DejaVu Sans at ``size``."""
    if not text:
        return 0.0
    prop = FontProperties(family="DejaVu Sans", size=size, weight=weight)
    w, _, _ = _MEASURE.get_text_width_height_descent(text, prop, ismath=False)
    return float(w)


def wrap(text: str, width: float, size: float, weight: str = "normal") -> list[str]:
    """Greedy word wrap of ``text`` to ``width`` points; a word wider than a line is split."""
    words = _SPACE.split(text.strip())
    lines: list[str] = []
    current = ""
    for word in words:
        if not word:
            continue
        trial = f"{current} {word}" if current else word
        if text_width(trial, size, weight) <= width:
            current = trial
            continue
        if current:
            lines.append(current)
        current = ""
        while text_width(word, size, weight) > width:
            cut = len(word) - 1
            while cut > 1 and text_width(word[:cut], size, weight) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current or not lines:
        lines.append(current)
    return lines


def paragraph(text: str, size: float = 9.0, weight: str = "normal", colour: str = "black",
              indent: float = 0.0, gap: float = 0.0, marks: tuple[str, ...] = (),
              swatch: str | None = None) -> list[Line]:
    """``text`` wrapped into lines; ``gap`` is extra space before the first line."""
    out = []
    for i, t in enumerate(wrap(text, TEXT_WIDTH - indent, size, weight)):
        out.append(Line(t, size, weight, colour, indent, indent + text_width(t, size, weight),
                        gap if i == 0 else 0.0, marks, swatch=swatch if i == 0 else None))
    return out


# --- cover ---------------------------------------------------------------------------
def cover_pages(report: Report) -> list[list[Line]]:
    """The cover: the story, the outlets and where each came from, headline figures."""
    lines: list[Line] = []
    lines += paragraph(charts.story_title(report), size=20, weight="bold")
    n_out = len(charts.outlet_labels(report))
    lines += paragraph(f"crosscheck: how {n_out} outlet{'s' if n_out != 1 else ''} covered "
                       "this story, fact by fact", size=11, colour=MUTED, gap=4)
    lines += paragraph("Headline figures", size=13, weight="bold", gap=18)
    for label, value in charts.headline_figures(report):
        first = paragraph(label, size=10.5, gap=3)[0]
        lines.append(Line(first.text, first.size, first.weight, first.colour, 0.0, first.width,
                          first.gap, tab=value))
    lines += paragraph("Verdict colours (used in every chart and on the evidence pages)",
                       size=13, weight="bold", gap=18)
    for v in VERDICTS:
        lines += paragraph(f"{v}: {VERDICT_HEADINGS[v].split(': ', 1)[1]}", size=10,
                           indent=INDENT, gap=3, swatch=charts.VERDICT_COLOURS[v])
    lines += paragraph("The agreement score is the share of the facts outlets share on which "
                       "they do not conflict (a paraphrase, the same speaker in other words, "
                       "counts as agreeing), from 0 (all conflict) to 1 (no conflict). The "
                       "charts follow the cover; the evidence, with each outlet's sentence, "
                       "comes after them.", size=9, colour=MUTED, gap=14)
    lines += paragraph("Outlets", size=13, weight="bold", gap=18)
    if not report.articles:
        lines += paragraph("No article was read.", colour=MUTED, gap=4)
    compact = len(report.articles) > COVER_FULL_ARTICLES
    for a in report.articles:
        head = a.label + (f" — “{a.title}”" if a.title else "")
        if compact:
            lines += paragraph(f"{head}: {charts.article_origin(a)}", size=8.5, gap=2)
            continue
        lines += paragraph(head, size=10, weight="bold", gap=4)
        lines += paragraph(charts.article_origin(a), size=8.5, colour=MUTED, indent=INDENT)
        if a.copy_of:
            lines += paragraph("near-copy of " + ", ".join(a.copy_of), size=8.5,
                               colour=MUTED, indent=INDENT)
    if report.warnings:
        lines += paragraph("Warnings", size=13, weight="bold", gap=18)
        for w in report.warnings:
            lines += paragraph("• " + w, size=9, gap=2)
    return paginate([lines])


# --- evidence ------------------------------------------------------------------------
def cluster_block(report: Report, cluster: Cluster) -> list[Line]:
    """The lines of one group of facts: heading, then each outlet's value and sentence."""
    colour = charts.VERDICT_COLOURS.get(cluster.verdict, charts.OTHER_COLOUR)
    lines = paragraph(f"[{cluster.verdict}] {cluster.kind}: {cluster.topic or '(no topic)'}",
                      size=11, weight="bold", gap=12, swatch=colour)
    lines += paragraph(f"{len(cluster.outlets)} outlet{'s' if len(cluster.outlets) != 1 else ''}"
                       f" · agreement {charts.score_text(cluster.score)}", size=8, colour=MUTED)
    if cluster.over_time:
        lines += paragraph("The values change with the publication date: later reports may "
                           "be updates rather than contradictions.", size=8.5, colour=MUTED,
                           gap=2)
    for step in cluster.timeline:
        when = step.get("published") or "date unknown"
        lines += paragraph(f"{when} · {step.get('outlet', '')}: {step.get('value', '')}",
                           size=8.5, colour=MUTED, indent=INDENT)
    grouped = charts.cluster_facts(report, cluster)
    for outlet, facts in grouped.items():
        value = cluster.values.get(outlet) or "; ".join(
            dict.fromkeys(f.text for f in facts)) or "(no value)"
        lines += paragraph(f"{outlet}: {value}", size=9.5, weight="bold", gap=5)
        marks = tuple(charts.word_key(w) for w in charts.differing_words(cluster, outlet))
        for sentence in dict.fromkeys(f.sentence for f in facts):
            lines += paragraph(" ".join(sentence.split()), size=9, indent=INDENT,
                               marks=marks, gap=1)
        if marks:
            lines += paragraph("words other versions lack (marked): "
                               + ", ".join(charts.differing_words(cluster, outlet)),
                               size=8, colour=MUTED, indent=INDENT)
    return lines


def evidence_pages(report: Report) -> list[list[Line]]:
    """All clusters, conflicts first, laid out as pages of lines."""
    blocks: list[list[Line]] = []
    current = None
    for cluster in charts.ordered_clusters(report):
        block: list[Line] = []
        if not blocks:
            block += paragraph("Evidence", size=18, weight="bold")
            block += paragraph("Each group of facts, with every outlet's value and the "
                               "sentence it comes from.", size=9, colour=MUTED, gap=2)
        if cluster.verdict != current:
            current = cluster.verdict
            n = sum(1 for c in report.clusters if c.verdict == current)
            heading = VERDICT_HEADINGS.get(current, current)
            block += paragraph(f"{heading} ({n})", size=14, weight="bold", gap=20)
        block += cluster_block(report, cluster)
        blocks.append(block)
    if not blocks:
        blocks.append(paragraph("Evidence", size=18, weight="bold")
                      + paragraph("No facts were found, so there is no evidence to show.",
                                  size=10, colour=MUTED, gap=6))
    return paginate(blocks)


def paginate(blocks: list[list[Line]]) -> list[list[Line]]:
    """Fill pages with blocks; a block that does not fit moves to a new page whole,
    unless it is taller than a page, in which case it is split between lines."""
    pages: list[list[Line]] = [[]]
    used = 0.0
    for block in blocks:
        height = sum(line.height for line in block)
        if pages[-1] and used + height > TEXT_HEIGHT and height <= TEXT_HEIGHT:
            pages.append([])
            used = 0.0
        for line in block:
            if pages[-1] and used + line.height > TEXT_HEIGHT:
                pages.append([])
                used = 0.0
            if not pages[-1]:
                line = Line(line.text, line.size, line.weight, line.colour, line.indent,
                            line.width, 0.0, line.marks, line.tab, line.swatch)
            pages[-1].append(line)
            used += line.height
    return pages


# --- drawing -------------------------------------------------------------------------
def _draw_page(lines: list[Line], number: int, footer: str) -> Figure:
    fig = Figure(figsize=(PAGE_WIDTH / 72, PAGE_HEIGHT / 72))
    FigureCanvasAgg(fig)

    def fx(x: float) -> float:
        return x / PAGE_WIDTH

    def fy(y: float) -> float:
        return 1 - y / PAGE_HEIGHT

    y = MARGIN
    for line in lines:
        y += line.gap + line.size
        x = MARGIN + line.indent
        if line.swatch:
            s = line.size * 0.8
            fig.add_artist(Rectangle((fx(x - s - 5), fy(y)), s / PAGE_WIDTH, s / PAGE_HEIGHT,
                                     transform=fig.transFigure, facecolor=line.swatch,
                                     edgecolor="black", linewidth=0.4))
        if line.marks:
            _draw_marks(fig, line, x, y, fx, fy)
        fig.text(fx(x), fy(y), line.text, fontsize=line.size, fontweight=line.weight,
                 color=line.colour, va="baseline", ha="left", parse_math=False)
        if line.tab:
            fig.text(fx(MARGIN + TAB_X), fy(y), line.tab, fontsize=line.size,
                     fontweight="bold", va="baseline", ha="left", parse_math=False)
        y += line.size * (LEADING - 1)
    fig.text(fx(MARGIN), fy(PAGE_HEIGHT - MARGIN + 14), footer, fontsize=7.5, color=MUTED,
             va="baseline", ha="left", parse_math=False)
    fig.text(fx(PAGE_WIDTH - MARGIN), fy(PAGE_HEIGHT - MARGIN + 14), f"page {number}",
             fontsize=7.5, color=MUTED, va="baseline", ha="right", parse_math=False)
    return fig


def _draw_marks(fig: Figure, line: Line, x: float, y: float, fx, fy) -> None:
    """Highlight and underline the words of ``line`` that are in ``line.marks``."""
    marks = set(line.marks)
    words = line.text.split(" ")
    for k, word in enumerate(words):
        if not charts.is_marked(word, marks):
            continue
        left = x + text_width(" ".join(words[:k]) + " ", line.size, line.weight) if k else x
        width = text_width(word, line.size, line.weight)
        fig.add_artist(Rectangle((fx(left - 1), fy(y + line.size * 0.25)),
                                 (width + 2) / PAGE_WIDTH, line.size * 1.1 / PAGE_HEIGHT,
                                 transform=fig.transFigure, facecolor=MARK_COLOUR,
                                 edgecolor="none", zorder=0))
        fig.add_artist(Rectangle((fx(left), fy(y + 1.6)), width / PAGE_WIDTH, 0.6 / PAGE_HEIGHT,
                                 transform=fig.transFigure, facecolor="black",
                                 edgecolor="none"))


def write_pdf(report: Report, out_dir: Path) -> Path:
    """Write ``report.pdf`` into ``out_dir``: cover, charts, evidence; return its path."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "report.pdf"
    title = charts.story_title(report)
    footer = charts.shorten("crosscheck · " + title, 110)
    metadata = {"Title": title, "Creator": "crosscheck", "CreationDate": None}
    number = 0
    with matplotlib.rc_context(charts.RC), PdfPages(path, metadata=metadata) as doc:
        for page in cover_pages(report):
            number += 1
            doc.savefig(_draw_page(page, number, footer))
        for _, fig in charts.chart_figures(report):
            number += 1
            doc.savefig(fig)
        for page in evidence_pages(report):
            number += 1
            doc.savefig(_draw_page(page, number, footer))
    return path
