"""Write report.pdf: a cover page, one page per chart, then the evidence for every group.

Text pages are laid out here, not by matplotlib: every line is measured with the font it
is drawn in (DejaVu Sans, shipped with matplotlib) and wrapped to the page width, so that
long sentences wrap instead of running off the page, and a group of facts moves to the
next page whole when it does not fit (paginated: as many pages as the evidence needs).
"""

from __future__ import annotations

import itertools
import re
import weakref
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.backends.backend_pdf import PdfPages  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.artist import Artist  # noqa: E402
from matplotlib.font_manager import FontProperties, findfont, get_font  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

try:  # matplotlib >= 3.10 names FreeType's flags; earlier versions take the integers
    from matplotlib.ft2font import Kerning, LoadFlags  # noqa: E402

    _NO_HINTING, _KERNING_UNFITTED = LoadFlags.NO_HINTING, Kerning.UNFITTED
except ImportError:
    _NO_HINTING, _KERNING_UNFITTED = 2, 1
try:  # the PDF text operators used by the fast path below (matplotlib >= 3.11)
    from matplotlib.backends.backend_pdf import Op, RendererPdf  # noqa: E402
    from matplotlib.font_manager import FontPath  # noqa: E402
except ImportError:
    FontPath = None

from crosscheck.models import VERDICTS, Cluster, Report  # noqa: E402
from crosscheck.render import charts  # noqa: E402
from crosscheck.render.findings import FINDING_KINDS, FINDING_TITLES, findings, in_brief  # noqa: E402
from crosscheck.render.quotediff import cluster_diffs  # noqa: E402

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
#: Background of the words a version of a quote drops (struck through as well): a light
#: vermillion, so that black text stays readable on it.
DROP_COLOUR = "#F6C9B0"
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
    #: per word of ``text`` (split on spaces), how a word diff marks it: "", "del", "ins".
    styles: tuple[str, ...] = ()

    @property
    def height(self) -> float:
        return self.gap + self.size * LEADING


# --- measuring and wrapping ---------------------------------------------------------
#: Size at which glyph advances and kerning are read from the font; unhinted metrics
#: scale linearly with the size, so one reading serves every size.
_METRIC_SIZE = 100.0


@lru_cache(maxsize=4)
def _font(weight: str):
    """The FreeType face of DejaVu Sans (shipped with matplotlib) in ``weight``."""
    return get_font(findfont(FontProperties(family="DejaVu Sans", weight=weight)))


@lru_cache(maxsize=None)
def _glyph(char: str, weight: str) -> tuple[int, float]:
    """(glyph index, unhinted advance in points at size 1) of ``char``; index 0 = missing."""
    font = _font(weight)
    font.set_size(_METRIC_SIZE, 72)
    index = font.get_char_index(ord(char))
    glyph = font.load_glyph(index, flags=_NO_HINTING)
    return index, glyph.linearHoriAdvance / 65536 / _METRIC_SIZE


@lru_cache(maxsize=None)
def _kern(left: int, right: int, weight: str) -> float:
    """Kerning between two glyphs in points at size 1 (the font's kern table)."""
    font = _font(weight)
    font.set_size(_METRIC_SIZE, 72)
    return font.get_kerning(left, right, _KERNING_UNFITTED) / 64 / _METRIC_SIZE


@lru_cache(maxsize=65536)
def glyph_run(text: str, weight: str = "normal") -> tuple[tuple[str, int, float, float], ...]:
    """``text`` laid out at size 1: (character, glyph index, x, kerning before it) per
    character, from cached per-character advances and pair kerning; the last item is the
    end of the run ("", 0, width, 0). Measuring and drawing use the same layout, so a
    wrapped line is drawn exactly as wide as it was measured, without matplotlib laying
    out every line glyph by glyph (tens of microseconds per glyph)."""
    out = []
    x = 0.0
    prev = None
    for char in text:
        index, advance = _glyph(char, weight)
        kern = _kern(prev, index, weight) if prev and index else 0.0
        x += kern
        out.append((char, index, x, kern))
        x += advance
        prev = index
    out.append(("", 0, x, 0.0))
    return tuple(out)


def text_width(text: str, size: float, weight: str = "normal") -> float:
    """Width of ``text`` in points when drawn in DejaVu Sans at ``size``."""
    return glyph_run(text, weight)[-1][2] * size if text else 0.0


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
        pieces = _split_word(word, width, size, weight)
        lines.extend(pieces[:-1])
        current = pieces[-1]
    if current or not lines:
        lines.append(current)
    return lines


#: A piece of a word this long or shorter is measured exactly; a longer one is wider than
#: any line whatever the kerning.
_EXACT_CHARS = 1000


def _split_word(word: str, width: float, size: float, weight: str) -> list[str]:
    """``word`` cut into pieces as wide as a line (the longest prefix that fits, at least one
    character), the last piece as it remains. The word is laid out once and the cuts found
    by binary search over its glyph positions, then settled with the exact width of the
    piece: time linear in the word, never a layout (and a cache entry) per prefix, which
    took time and memory quadratic in a 10,000-character URL."""
    run = glyph_run.__wrapped__(word, weight)  # once, and not kept in glyph_run's cache
    ends = [x - kern for _, _, x, kern in run]  # ends[i]: width of word[:i] at size 1
    n, start, pieces = len(word), 0, []
    while n - start > 1:
        if n - start <= _EXACT_CHARS:
            if text_width(word[start:], size, weight) <= width:
                break
        elif (ends[n] - run[start][2]) * size <= width:
            break
        fits = bisect_right(ends, run[start][2] + width / size, start + 1, n) - 1 - start
        cut = max(1, min(n - start - 1, fits + 8))
        while cut > 1 and text_width(word[start : start + cut], size, weight) > width:
            cut -= 1
        pieces.append(word[start : start + cut])
        start += cut
    pieces.append(word[start:])
    return pieces


def paragraph(text: str, size: float = 9.0, weight: str = "normal", colour: str = "black",
              indent: float = 0.0, gap: float = 0.0, marks: tuple[str, ...] = (),
              swatch: str | None = None) -> list[Line]:
    """``text`` wrapped into lines; ``gap`` is extra space before the first line."""
    out = []
    for i, t in enumerate(wrap(text, TEXT_WIDTH - indent, size, weight)):
        out.append(Line(t, size, weight, colour, indent, indent + text_width(t, size, weight),
                        gap if i == 0 else 0.0, marks, swatch=swatch if i == 0 else None))
    return out


def diff_paragraph(ops, size: float = 9.0, indent: float = 0.0, gap: float = 0.0) -> list[Line]:
    """A word diff (``quotediff.word_ops``) wrapped into lines, each word keeping its mark."""
    words = [(w, "" if tag == "same" else tag) for tag, text in ops for w in text.split()]
    lines: list[Line] = []
    current: list[tuple[str, str]] = []
    width = TEXT_WIDTH - indent

    def flush() -> None:
        text = " ".join(w for w, _ in current)
        lines.append(Line(text, size, "normal", "black", indent, indent + text_width(text, size),
                          gap if not lines else 0.0, styles=tuple(st for _, st in current)))

    for w, st in words:
        trial = " ".join(x for x, _ in current + [(w, st)])
        if current and text_width(trial, size) > width:
            flush()
            current = []
        current.append((w, st))
    if current:
        flush()
    return lines


# --- cover ---------------------------------------------------------------------------
def cover_pages(report: Report) -> list[list[Line]]:
    """The cover: the story, the outlets and where each came from, headline figures."""
    lines: list[Line] = []
    lines += paragraph(charts.story_title(report), size=20, weight="bold")
    n_out = len(charts.outlet_labels(report))
    lines += paragraph(f"crosscheck: how {n_out} outlet{'s' if n_out != 1 else ''} covered "
                       "this story, fact by fact", size=11, colour=MUTED, gap=4)
    found = findings(report)
    if found:
        lines += paragraph("In brief", size=13, weight="bold", gap=18)
        for kind in FINDING_KINDS:
            these, more = in_brief(found, kind)
            if these:
                lines += paragraph(FINDING_TITLES[kind], size=10.5, weight="bold", gap=8,
                                   swatch=charts.VERDICT_COLOURS.get(kind, MUTED))
                for f in these:
                    lines += paragraph("• " + f.text, size=9, indent=INDENT, gap=2)
                if more:
                    lines += paragraph(f"• … and {more} more (on the evidence pages)", size=9, indent=INDENT,
                                       gap=2, colour=MUTED)
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
    labels = charts.fact_outlet(report)
    for a in report.articles:
        head = labels[a.id] + (f" — “{a.title}”" if a.title else "")
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
    lines = paragraph(f"[{cluster.verdict}] {charts.group_name(cluster)}",
                      size=11, weight="bold", gap=12, swatch=colour)
    n = len(set(cluster.outlets))  # an outlet that dates one day twice is listed twice, counted once
    lines += paragraph(f"{n} outlet{'s' if n != 1 else ''}"
                       f" · agreement {charts.score_text(cluster.score)}", size=8, colour=MUTED)
    if cluster.over_time:
        lines += paragraph("The values were revised over time: later reports may "
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
        for sentence in dict.fromkeys(f.sentence for f in facts):
            lines += paragraph(" ".join(sentence.split()), size=9, indent=INDENT, gap=1)
    diffs = cluster_diffs(report, cluster)
    if diffs:
        lines += paragraph("The quote word by word against the first version: struck out, the "
                           "words a version drops; highlighted and underlined, the words it adds.",
                           size=8, colour=MUTED, gap=5)
    for d in diffs:
        if d.same:
            lines += paragraph(f"{d.a} → {d.b}: same words", size=9, weight="bold", gap=3)
            continue
        lines += paragraph(f"{d.a} → {d.b}:", size=9, weight="bold", gap=3)
        lines += diff_paragraph(d.ops, size=9, indent=INDENT)
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
                line = replace(line, gap=0.0)
            pages[-1].append(line)
            used += line.height
    return pages


# --- drawing -------------------------------------------------------------------------
@dataclass(frozen=True)
class Run:
    """A piece of text to draw on one baseline: position in points from the page's top
    left corner, size, weight and colour."""

    x: float
    y: float
    text: str
    size: float
    weight: str = "normal"
    colour: str = "black"


class PageText(Artist):
    """All the text of a text page, as one artist.

    In a PDF (matplotlib >= 3.11) each run is written as PDF text operators straight from
    ``glyph_run``'s cached layout: the same glyphs, font subsets and kerning operators
    matplotlib writes for a Text, without laying the text out again glyph by glyph, which
    made text pages take about 90 microseconds per character. Elsewhere, or for a run
    with a character DejaVu Sans lacks (matplotlib then picks a fallback font), the run
    goes through the renderer's ``draw_text``, as a Text would.
    """

    def __init__(self, runs: list[Run]):
        super().__init__()
        self.runs = runs

    def draw(self, renderer) -> None:
        if not self.get_visible():
            return
        pdf = getattr(renderer, "_renderer", renderer)  # PDF pages draw through a mixer
        fast = (FontPath is not None and isinstance(pdf, RendererPdf)
                and hasattr(pdf.file._character_tracker, "track_glyph")
                and hasattr(pdf, "_encode_glyphs"))
        to_display = self.get_figure().transFigure
        for run in self.runs:
            if not run.text:
                continue
            x, y = to_display.transform((run.x / PAGE_WIDTH, 1 - run.y / PAGE_HEIGHT))
            gc = renderer.new_gc()
            gc.set_foreground(run.colour)
            layout = glyph_run(run.text, run.weight)
            if fast and all(index for _, index, _, _ in layout[:-1]):
                _pdf_text(pdf, gc, x, y, run, layout)
            else:
                prop = FontProperties(family="DejaVu Sans", size=run.size, weight=run.weight)
                renderer.draw_text(gc, x, y, run.text, prop, 0.0, ismath=False)
            gc.restore()


#: (subset, code) of each (weight, character) already tracked, per PDF file's glyph
#: tracker: asking the tracker again costs more than writing the glyph.
_TRACKED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _pdf_text(renderer, gc, x: float, y: float, run: Run, layout) -> None:
    """Write ``run`` at (x, y) as PDF text, as ``RendererPdf.draw_text`` does (matplotlib
    3.11): glyphs tracked into the file's font subsets, a kerning value between glyphs."""
    file = renderer.file
    font = _font(run.weight)
    path = FontPath(font.fname, font.face_index)
    fonttype = matplotlib.rcParams["pdf.fonttype"]
    size = run.size
    renderer.check_gc(gc, gc.get_rgb())
    file.output(Op.gsave)
    file.output(1, 0, 0, 1, x, y, Op.concat_matrix)
    file.output(Op.begin_text)
    chunk: list = []

    def flush() -> None:
        if chunk:
            file.output([(-1000 * next(group) / size) if kind is float
                         else renderer._encode_glyphs(group, fonttype)
                         for kind, group in itertools.groupby(chunk, type)], Op.showkern)
            chunk.clear()

    tracker = file._character_tracker
    codes = _TRACKED.setdefault(tracker, {})
    subset_now = None
    start_x = 0.0
    for char, index, gx, kern in layout[:-1]:
        key = (run.weight, char)
        if key not in codes:  # the tracker gives a glyph the same code every time
            codes[key] = tracker.track_glyph(font, char, index)
        subset, code = codes[key]
        if subset != subset_now:
            flush()
            file.output(file.fontName(path, subset), size, Op.selectfont)
            file.output(gx * size - start_x, 0, Op.textpos)
            subset_now, start_x = subset, gx * size
        elif kern:
            chunk.append(kern * size)
        chunk.append(code)
    flush()
    file.output(Op.end_text)
    file.output(Op.grestore)


def _draw_page(lines: list[Line], number: int, footer: str) -> Figure:
    fig = Figure(figsize=(PAGE_WIDTH / 72, PAGE_HEIGHT / 72))
    FigureCanvasAgg(fig)

    def fx(x: float) -> float:
        return x / PAGE_WIDTH

    def fy(y: float) -> float:
        return 1 - y / PAGE_HEIGHT

    runs = []
    y = MARGIN
    for line in lines:
        y += line.gap + line.size
        x = MARGIN + line.indent
        if line.swatch:
            s = line.size * 0.8
            fig.add_artist(Rectangle((fx(x - s - 5), fy(y)), s / PAGE_WIDTH, s / PAGE_HEIGHT,
                                     transform=fig.transFigure, facecolor=line.swatch,
                                     edgecolor="black", linewidth=0.4))
        if line.marks or line.styles:
            _draw_marks(fig, line, x, y, fx, fy)
        runs.append(Run(x, y, line.text, line.size, line.weight, line.colour))
        if line.tab:
            runs.append(Run(MARGIN + TAB_X, y, line.tab, line.size, "bold"))
        y += line.size * (LEADING - 1)
    foot_y = PAGE_HEIGHT - MARGIN + 14
    runs.append(Run(MARGIN, foot_y, footer, 7.5, colour=MUTED))
    label = f"page {number}"
    runs.append(Run(PAGE_WIDTH - MARGIN - text_width(label, 7.5), foot_y, label, 7.5,
                    colour=MUTED))
    fig.add_artist(PageText(runs))
    return fig


def _draw_marks(fig: Figure, line: Line, x: float, y: float, fx, fy) -> None:
    """Highlight and underline the words of ``line`` that are in ``line.marks`` or that a
    word diff adds; strike through, on a light background, the words it drops."""
    marks = set(line.marks)
    words = line.text.split(" ")
    styles = line.styles or tuple("ins" if charts.is_marked(w, marks) else "" for w in words)
    for k, (word, style) in enumerate(zip(words, styles)):
        if not style:
            continue
        left = x + text_width(" ".join(words[:k]) + " ", line.size, line.weight) if k else x
        width = text_width(word, line.size, line.weight)
        # a run of marked words is one band: the space before a marked word joins it
        joined = k and styles[k - 1] == style
        pad = text_width(" ", line.size, line.weight) if joined else 1
        fig.add_artist(Rectangle((fx(left - pad), fy(y + line.size * 0.25)),
                                 (width + pad + 1) / PAGE_WIDTH, line.size * 1.1 / PAGE_HEIGHT,
                                 transform=fig.transFigure,
                                 facecolor=MARK_COLOUR if style == "ins" else DROP_COLOUR,
                                 edgecolor="none", zorder=0))
        rule_y = y + 1.6 if style == "ins" else y - line.size * 0.3
        fig.add_artist(Rectangle((fx(left - (pad if joined else 0)), fy(rule_y)),
                                 (width + (pad if joined else 0)) / PAGE_WIDTH, 0.6 / PAGE_HEIGHT,
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
        for _, fig in charts.report_figures(report):
            number += 1
            doc.savefig(fig)
        for page in evidence_pages(report):
            number += 1
            doc.savefig(_draw_page(page, number, footer))
    return path
