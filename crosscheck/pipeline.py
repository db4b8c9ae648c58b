"""The whole comparison in one call: load -> extract -> align -> score.

``compare(paths)`` is what ``crosscheck compare`` runs; anything the command line does,
a Python caller can do with it (and then ``crosscheck.render.write_report``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from crosscheck import __version__
from crosscheck.align import align, find_copies
from crosscheck.extract import extract_facts
from crosscheck.extract.dates import story_year, year_from_story
from crosscheck.load import load_corpus
from crosscheck.models import Article, Fact, Report
from crosscheck.score import possible_conflicts, score

#: Signature of a per-article extraction function (the cache wraps ``extract_facts``). It
#: may have a ``prepare(articles)`` attribute, called with the next articles it will be
#: given, to batch work across them (``extract_facts`` parses their sentences at once).
Extractor = Callable[[Article], list[Fact]]

#: Articles readied (``prepare``) at a time: their parses are held until they are extracted.
PREPARE_ARTICLES = 50


def analyse(articles: Sequence[Article], extractor: Extractor = extract_facts) -> Report:
    """Extract, align and score already loaded articles."""
    copies = find_copies(list(articles))
    articles = [replace(a, copy_of=copies.get(a.id, ())) for a in articles]
    facts = _years_from_story(extract_all(articles, extractor))
    groups = align(facts, [a.text for a in articles], {a.id: a.published for a in articles})
    clusters, pairs, overall = score(articles, facts, groups)
    warnings = []
    for a in articles:
        if a.outlet is None:
            warnings.append(f"{a.path}: outlet unknown (give it in metadata); shown as {a.id}")
        if a.published is None:
            warnings.append(f"{a.path}: publication date unknown; relative dates left unanchored")
    return Report(
        articles=tuple(articles),
        facts=tuple(facts),
        clusters=tuple(clusters),
        pairs=pairs,
        overall=overall,
        possible_conflicts=tuple(possible_conflicts(articles, facts, groups)),
        version=__version__,
        warnings=tuple(warnings),
    )


def extract_all(articles: Sequence[Article], extractor: Extractor = extract_facts) -> list[Fact]:
    """The facts of ``articles``, article by article; the extractor readies
    ``PREPARE_ARTICLES`` of them at a time (its ``prepare``: ``extract_facts`` parses their
    sentences in one batch)."""
    facts: list[Fact] = []
    prepare = getattr(extractor, "prepare", None)
    for i, a in enumerate(articles):
        if prepare is not None and i % PREPARE_ARTICLES == 0:
            prepare(articles[i : i + PREPARE_ARTICLES])
        facts.extend(extractor(a))
    return facts


#: Granularities of a date that place a story in time, for the year of its year-less dates.
STORY_TIME_GRANULARITIES = ("day", "week", "month")


def _years_from_story(facts: list[Fact]) -> list[Fact]:
    """Dates written without a year in an article with no publication date ("Sunday,
    November 27") take their year from the story: the other articles' anchored dates
    (``crosscheck.extract.dates.year_from_story``), marked inferred; so does the year whose
    exchange rates an undated report's amounts are converted at (``report_year``). Only dates that place
    the story in time count, a day, week or month: a year alone is as often a modifier or
    history ("the <yyyy> <event>", a decade written "<yyyy>'s") as when the story happens."""
    story = [(f.value.get("start"), f.value.get("end")) for f in facts
             if f.kind == "date" and f.value.get("anchored") and not f.value.get("inferred")
             and f.value.get("granularity") in STORY_TIME_GRANULARITIES]
    year = story_year(story)
    out = []
    anchored: dict[tuple[str, int], list[tuple[str, ...]]] = {}  # (article, sentence) -> the dates' words
    for f in facts:
        if f.kind == "money" and "report_year" not in f.value and year is not None:
            # an undated report's amount is converted at the rates of the story's year
            out.append(replace(f, value=dict(f.value, report_year=year, report_year_inferred=True)))
            continue
        filled = year_from_story(f.value, story) if f.kind == "date" and f.value.get("year_from") == "story" else None
        out.append(replace(f, value=filled) if filled else f)
        if filled:
            anchored.setdefault((f.article, f.sentence_start), []).append(_words(f.text))
    return [_without_times(f, anchored[(f.article, f.sentence_start)])
            if (f.article, f.sentence_start) in anchored and f.frame is not None else f for f in out]


def _words(text: str) -> tuple[str, ...]:
    return tuple(w for w in (w.strip(",;:()[]\"“”'‘’") for w in text.lower().split()) if w)


def _without_times(f: Fact, dates: list[tuple[str, ...]]) -> Fact:
    """``f`` without the times in words (``when:`` items, ``crosscheck.extract.frames``) that
    name a date of its sentence now anchored from the story: an anchored day is compared as
    a day, never as words (a dated report's "March 3" is no ``when:`` item either)."""
    def names_one(item: str) -> bool:
        words = _words(item[len("when:"):])
        return any(words[i : i + len(d)] == d for d in dates if d for i in range(len(words) - len(d) + 1))

    scope = tuple(x for x in f.frame.scope if not (x.startswith("when:") and names_one(x)))
    return f if scope == f.frame.scope else replace(f, frame=replace(f.frame, scope=scope))


def compare(paths: Sequence[str], metadata: str | None = None, extractor: Extractor = extract_facts) -> Report:
    """Load the articles under ``paths`` and compare them (raises ``InputError`` on bad input)."""
    return analyse(load_corpus(list(paths), metadata), extractor)
