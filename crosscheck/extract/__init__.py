"""Extract facts from an article: one module per fact kind, this module runs them all.

Each extractor is a plain function ``extract_<kind>(article, sentences) -> list[Mention]``.
``extract_facts`` runs them, settles overlaps between kinds (a number inside a money
amount or a measure is not also a count), turns mentions into ``Fact`` records, gives each
number and date its frame (``crosscheck.extract.frames``: what it is about, from the parse of
its sentence; figures that are identifiers are dropped), numbers them with stable ids, and links each framing word to the fact it qualifies.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Sequence
from dataclasses import replace

from crosscheck.extract.frames import FRAMED_KINDS, add_frames
from crosscheck.extract.sentences import SentenceIndex, dateline_end, split_sentences
from crosscheck.models import Article, Fact, Mention
from crosscheck.settings import MAX_FRAMED_PER_SENTENCE, MAX_SENTENCE_CHARS


def _extractors():
    """(numeric, text) extractors; numeric in order of precedence: where two numeric
    mentions overlap, the earlier extractor's wins. Imported here, not at module level,
    so that ``crosscheck.extract.<kind>`` modules import without loading each other."""
    from crosscheck.extract.counts import extract_counts
    from crosscheck.extract.dates import extract_dates
    from crosscheck.extract.framing import extract_framing
    from crosscheck.extract.measures import extract_measures
    from crosscheck.extract.money import extract_money
    from crosscheck.extract.quotes import extract_quotes

    return (extract_money, extract_measures, extract_dates, extract_counts), (
        extract_quotes,
        extract_framing,
    )


def _overlaps(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


def _settle_numeric(mentions: list[Mention]) -> list[Mention]:
    """Keep numeric mentions that do not overlap one of higher precedence.

    The kept mentions never overlap one another, so sorted by start they are sorted by end
    too, and only the last one starting before a mention's end can overlap it: a binary
    search, not a scan of all kept so far (n log n for a text of thousands of numbers)."""
    kept: list[Mention] = []
    spans: list[tuple[int, int]] = []  # (start, end) of the kept mentions, sorted
    points: list[int] = []  # offsets of kept empty mentions (overlapped by what spans them)
    for m in mentions:
        i = bisect_left(spans, (m.end,))
        if i and spans[i - 1][1] > m.start:
            continue
        j = bisect_right(points, m.start)
        if j < len(points) and points[j] < m.end:
            continue
        kept.append(m)
        if m.start < m.end:
            insort(spans, (m.start, m.end))
        else:
            insort(points, m.start)
    return kept


def _link_framing(facts: list[Fact], index: SentenceIndex) -> list[Fact]:
    """Set ``target`` of each framing fact to the nearest other fact in its sentence.

    Quotes and statements that contain the framing word are preferred over neighbours,
    since the hedge then belongs to the reported claim.
    """
    out: list[Fact] = []
    others = sorted((f for f in facts if f.kind != "framing"), key=lambda f: f.start)
    starts = [o.start for o in others]
    for f in facts:
        if f.kind != "framing":
            out.append(f)
            continue
        sent = index.covering(f.start, f.end)
        candidates = others[bisect_left(starts, sent.start) : bisect_left(starts, sent.end)]
        target = None
        if candidates:
            def distance(o: Fact) -> tuple[int, int, str]:
                inside = o.start <= f.start and f.end <= o.end
                gap = 0 if inside else min(abs(o.start - f.end), abs(f.start - o.end))
                return (0 if inside else 1, gap, o.id)

            target = min(candidates, key=distance).id
        value = dict(f.value, target=target)
        out.append(replace(f, value=value))
    return out


#: Whether ``prefetch_parses`` parses ahead (False only to measure what it saves:
#: ``benchmarks/many_stories.py --extraction``); the facts are the same either way.
PREFETCH = True


def prefetch_parses(articles: Sequence[Article]) -> None:
    """Parse, ahead and in one batch, every sentence the extractors of ``articles`` will
    ask ``crosscheck.parse`` for (spaCy parses a sentence in a batch 1.5 to 2 times faster
    than one or two at a time): the article's sentences (counts, measures, dates, frames,
    framing) and those split around its quotations (quotes). A second, earlier batch parses
    the quoted words whose parse tells whether they are a quotation, which decides that split.

    What is left to parse on demand: a fact that runs over two sentences (its frame is read
    from the two joined), and what goes beyond half the parse memo (``crosscheck.parse.prefetch``).
    """
    if not PREFETCH:
        return
    from crosscheck.extract.quotes import contents_to_parse, sentences_to_parse
    from crosscheck.parse import prefetch

    prefetch(t for a in articles for t in contents_to_parse(a.text))
    prefetch(t for a in articles for t in [*(s.text for s in split_sentences(a.text)), *sentences_to_parse(a.text)])


def extract_facts(article: Article) -> list[Fact]:
    """All facts of ``article``, ordered by position, with ids ``<article id>:<n>``.

    ``extract_facts.prepare(articles)`` (``prefetch_parses``) readies a batch of articles
    about to be extracted (``crosscheck.pipeline.analyse`` calls it)."""
    prefetch_parses([article])  # parses nothing when ``prepare`` has fetched its parses
    sentences = split_sentences(article.text)
    index = SentenceIndex(article.text, sentences)
    numeric_extractors, text_extractors = _extractors()
    numeric: list[Mention] = []
    for extractor in numeric_extractors:
        numeric.extend(sorted(extractor(article, sentences), key=lambda m: (m.start, m.end)))
    # A wire dateline's date ("DRAVEC, May 4 -") is when the story was filed, shown with the
    # article; as a fact it would pit every outlet's filing day against the others'.
    datelines = [(st.start, st.start + end) for st in sentences if (end := dateline_end(st.text))]
    starts = [a for a, _ in datelines]

    def in_dateline(at: int) -> bool:  # sentences do not overlap: the one starting last before ``at``
        k = bisect_right(starts, at) - 1
        return k >= 0 and at < datelines[k][1]

    numeric = [m for m in numeric if not (m.kind == "date" and in_dateline(m.start))]
    if any(m.value.get("tally") for m in numeric):
        # an article that gives a score ("won 65-53") tells a game: a half or a quarter named
        # without its year ("second half", "third quarter") is a part of the game, not of a year
        numeric = [m for m in numeric if not (m.kind == "date" and m.value.get("relative")
                                              and m.value.get("granularity") in ("half", "quarter"))]
    mentions = _settle_numeric(numeric)
    for extractor in text_extractors:
        mentions.extend(extractor(article, sentences))
    mentions.sort(key=lambda m: (m.start, m.end, m.kind))
    facts = []
    for m in mentions:
        sent = index.covering(m.start, m.end)
        facts.append(
            Fact(
                id="",
                article=article.id,
                kind=m.kind,
                text=article.text[m.start : m.end],
                start=m.start,
                end=m.end,
                sentence=sent.text,
                value=dict(m.value),
                speaker=m.speaker,
                sentence_start=sent.start,
            )
        )
    facts = [replace(f, id=f"{article.id}:{n}") for n, f in enumerate(_framed(facts, sentences), 1)]
    return [_within_limit(f, article.text) for f in _link_framing(facts, index)]


extract_facts.prepare = prefetch_parses  # type: ignore[attr-defined]


def _framed(facts: list[Fact], sentences) -> list[Fact]:
    """``add_frames`` on the first ``MAX_FRAMED_PER_SENTENCE`` figures and dates of each
    sentence; those beyond (a table pasted as one sentence) keep no frame. Reading a frame
    walks the figure's clause, so a sentence of thousands of figures would take quadratic
    time."""
    seen: dict[int, int] = {}
    within, beyond = [], []
    for f in facts:
        if f.kind in FRAMED_KINDS:
            seen[f.sentence_start] = seen.get(f.sentence_start, 0) + 1
            if seen[f.sentence_start] > MAX_FRAMED_PER_SENTENCE:
                beyond.append(f)
                continue
        within.append(f)
    if not beyond:
        return add_frames(facts, sentences)
    return sorted(add_frames(within, sentences) + beyond, key=lambda f: (f.start, f.end, f.kind))


def _within_limit(fact: Fact, text: str) -> Fact:
    """``fact`` with, for a sentence longer than ``MAX_SENTENCE_CHARS``, the stretch of that
    length around it as its sentence (cut at blanks; never shorter than the fact itself)."""
    if len(fact.sentence) <= MAX_SENTENCE_CHARS:
        return fact
    first, last = fact.sentence_start, fact.sentence_start + len(fact.sentence)
    lo = max(first, min(fact.start, (fact.start + fact.end - MAX_SENTENCE_CHARS) // 2))
    hi = min(last, max(fact.end, lo + MAX_SENTENCE_CHARS))
    if lo > first:
        blank = text.find(" ", lo, fact.start)
        lo = blank + 1 if blank >= 0 else lo
    if hi < last:
        blank = text.rfind(" ", fact.end, hi)
        hi = blank if blank >= 0 else hi
    window = text[lo:hi].strip()
    lo += len(text[lo:hi]) - len(text[lo:hi].lstrip())
    return replace(fact, sentence=window, sentence_start=lo)
