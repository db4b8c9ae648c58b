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
from crosscheck.load import load_corpus
from crosscheck.models import Article, Fact, Report
from crosscheck.score import possible_conflicts, score

#: Signature of a per-article extraction function (the cache wraps ``extract_facts``).
Extractor = Callable[[Article], list[Fact]]


def analyse(articles: Sequence[Article], extractor: Extractor = extract_facts) -> Report:
    """Extract, align and score already loaded articles."""
    copies = find_copies(list(articles))
    articles = [replace(a, copy_of=copies.get(a.id, ())) for a in articles]
    facts: list[Fact] = []
    for a in articles:
        facts.extend(extractor(a))
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
        pairs=tuple(pairs),
        overall=overall,
        possible_conflicts=tuple(possible_conflicts(articles, facts, groups)),
        version=__version__,
        warnings=tuple(warnings),
    )


def compare(paths: Sequence[str], metadata: str | None = None, extractor: Extractor = extract_facts) -> Report:
    """Load the articles under ``paths`` and compare them (raises ``InputError`` on bad input)."""
    return analyse(load_corpus(list(paths), metadata), extractor)
