"""Extract facts from an article: one module per fact kind, this module runs them all.

Each extractor is a plain function ``extract_<kind>(article, sentences) -> list[Mention]``.
``extract_facts`` runs them, settles overlaps between kinds (a number inside a money
amount or a measure is not also a count), turns mentions into ``Fact`` records, gives each
number and date its frame (``crosscheck.extract.frames``: what it is about, from the parse of
its sentence; figures that are identifiers are dropped), numbers them with stable ids, and links each framing word to the fact it qualifies.
"""

from __future__ import annotations

from dataclasses import replace

from crosscheck.extract.frames import add_frames
from crosscheck.extract.sentences import SentenceIndex, dateline_end, split_sentences
from crosscheck.models import Article, Fact, Mention


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
    """Keep numeric mentions that do not overlap one of higher precedence."""
    kept: list[Mention] = []
    for m in mentions:
        if not any(_overlaps(m, k) for k in kept):
            kept.append(m)
    return kept


def _link_framing(facts: list[Fact], index: SentenceIndex) -> list[Fact]:
    """Set ``target`` of each framing fact to the nearest other fact in its sentence.

    Quotes and statements that contain the framing word are preferred over neighbours,
    since the hedge then belongs to the reported claim.
    """
    out: list[Fact] = []
    others = [f for f in facts if f.kind != "framing"]
    for f in facts:
        if f.kind != "framing":
            out.append(f)
            continue
        sent = index.covering(f.start, f.end)
        candidates = [o for o in others if sent.start <= o.start < sent.end]
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


def extract_facts(article: Article) -> list[Fact]:
    """All facts of ``article``, ordered by position, with ids ``<article id>:<n>``."""
    sentences = split_sentences(article.text)
    index = SentenceIndex(article.text, sentences)
    numeric_extractors, text_extractors = _extractors()
    numeric: list[Mention] = []
    for extractor in numeric_extractors:
        numeric.extend(sorted(extractor(article, sentences), key=lambda m: (m.start, m.end)))
    # A wire dateline's date ("DRAVEC, May 4 -") is when the story was filed, shown with the
    # article; as a fact it would pit every outlet's filing day against the others'.
    datelines = [(st.start, st.start + dateline_end(st.text)) for st in sentences]
    numeric = [m for m in numeric if not (m.kind == "date" and any(a <= m.start < b for a, b in datelines))]
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
    facts = [replace(f, id=f"{article.id}:{n}") for n, f in enumerate(add_frames(facts, sentences), 1)]
    return _link_framing(facts, index)
