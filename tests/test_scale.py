"""Alignment and scoring at many outlets give what the plain path gives (fast tests: no parse).

The timings live in ``benchmarks/scale.py``; these tests pin the results: the outlet-pair
table read as records, the compact table of report.json, and the scaled paths of
alignment and near-copy detection against straightforward versions of the same rule.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date
from itertools import combinations

import numpy as np
import pytest

from crosscheck import settings
from crosscheck.models import Article, Fact, PairScore, PairTable
from crosscheck.pipeline import analyse
from crosscheck.render.json import report_dict

#: Sentences of a made-up story; each outlet tells some of them, with its own figures.
SENTENCES = (
    "The council approved {n} pumping stations for the flooded district.",
    "Rescue teams evacuated {n} families from the river bank overnight.",
    "The storm damaged {n} bridges across the northern valley.",
    "Volunteers filled {n} sandbags outside the town hall.",
)


def _story(outlets: int, seed: int = 3) -> tuple[list[Article], dict[str, list[Fact]]]:
    """Articles of one made-up story and their count facts (made by hand: no parse)."""
    rng = random.Random(seed)
    articles, facts = [], {}
    for i in range(outlets):
        text, own = "", []
        for k, template in enumerate(SENTENCES):
            if rng.random() < 0.3:
                continue
            n = rng.choice((2, 3, 12, 40)) + (k if rng.random() < 0.2 else 0)
            sentence = template.format(n=n)
            start = len(text) + sentence.index(str(n))
            item = sentence.split()[sentence.split().index(str(n)) + 1]
            own.append(Fact(f"a{i}:{len(own) + 1}", f"a{i}", "count", str(n), start, start + len(str(n)),
                            sentence, {"low": n, "high": n, "item": item, "head": item, "qualifier": None},
                            sentence_start=len(text)))
            text += sentence + " "
        text += f"Report number {i} of the day, written by desk {i * 7919 % 101}."
        articles.append(Article(f"a{i}", f"/story/a{i}.txt", text, f"Outlet {i:02d}", "metadata",
                                date(2021, 3, 1 + i % 5), "metadata"))
        facts[f"a{i}"] = own
    return articles, facts


def test_pair_table_reads_as_records_in_combination_order():
    rng = np.random.default_rng(1)
    labels = ("A", "B", "C", "D", "E")
    groups, arrays = [], np.zeros((4, 5, 5), dtype=np.int64)  # what the groups add, summed by hand
    for _ in range(12):
        outlets = rng.permutation(5)[: rng.integers(2, 6)]
        codes = np.triu(rng.integers(0, 4, (len(outlets), len(outlets))), 1).astype(np.int8)
        codes = codes + codes.T
        groups.append((outlets, codes))
        for p, q in combinations(range(len(outlets)), 2):
            i, j = sorted((outlets[p], outlets[q]))
            arrays[0, i, j] += 1
            arrays[codes[p, q], i, j] += codes[p, q] > 0
    table = PairTable(labels, groups)
    records = list(table)
    assert len(table) == len(records) == 10
    assert [(p.a, p.b) for p in records] == list(combinations(labels, 2))
    for index, p in enumerate(records):
        i, j = labels.index(p.a), labels.index(p.b)
        counts = [int(m[i, j]) for m in arrays]
        comparable = counts[1] + counts[2] + counts[3]
        score = round((counts[1] + counts[3]) / comparable, 4) if comparable else None
        assert p == PairScore(p.a, p.b, *counts, score)
        assert table[index] == p and table[index - len(table)] == p
    with pytest.raises(IndexError):
        table[10]


def test_compact_pair_table_holds_the_records(monkeypatch, tmp_path):
    articles, facts = _story(8)
    report = analyse(articles, lambda a: facts[a.id])
    records = report_dict(report)
    assert "pairs" in records["scores"] and "pair_table" not in records["scores"]
    monkeypatch.setattr(settings, "COMPACT_PAIRS_ABOVE_OUTLETS", 5)
    compact = report_dict(report)
    table = compact["scores"].pop("pair_table")
    assert "pairs" not in compact["scores"] and "compact" == table["form"] and "line i" in table["note"]
    rows = {k: [[int(x) for x in line.split()] for line in table[k]] for k in ("shared", "agree", "conflict",
                                                                               "paraphrase")}
    expanded = []
    for i, j in combinations(range(len(table["outlets"])), 2):
        c = {k: rows[k][i][j - i - 1] for k in rows}
        comparable = c["agree"] + c["conflict"] + c["paraphrase"]
        expanded.append({"a": table["outlets"][i], "b": table["outlets"][j], **c,
                         "score": round((c["agree"] + c["paraphrase"]) / comparable, 4) if comparable else None})
    assert sorted(expanded, key=lambda p: (p["a"], p["b"])) == sorted(records["scores"].pop("pairs"),
                                                                      key=lambda p: (p["a"], p["b"]))
    assert compact == {**records, "scores": records["scores"]}
    assert any(p["conflict"] for p in expanded) and any(p["agree"] for p in expanded)
    # written as it is made (the table's lines generated), the same text
    from crosscheck.render.json import dumps, write_json
    from crosscheck.render.markdown import render_markdown, write_markdown

    assert write_json(report, tmp_path).read_text(encoding="utf-8") == dumps(report)
    assert write_markdown(report, tmp_path).read_text(encoding="utf-8") == render_markdown(report)
    md = render_markdown(report)  # many outlets: the pair scores in report.json, values in one column
    assert "`scores.pair_table`" in md and "| Group | Values | Verdict | Evidence |" in md


def _copies_every_pair(articles: list[Article]) -> dict[str, tuple[str, ...]]:
    """Near-copies by comparing every pair of articles (the rule ``find_copies`` applies)."""
    from crosscheck.align import _shingles

    sh = [_shingles(a.text, settings.COPY_SHINGLE) for a in articles]
    out: dict[str, list[str]] = {}
    for i, j in combinations(range(len(articles)), 2):
        if len(sh[i] & sh[j]) / len(sh[i] | sh[j]) >= settings.COPY_MIN_JACCARD:
            out.setdefault(articles[i].id, []).append(articles[j].id)
            out.setdefault(articles[j].id, []).append(articles[i].id)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def test_near_copies_by_prefix_filter_are_those_of_every_pair():
    from crosscheck.align import find_copies

    rng = random.Random(7)
    vocabulary = ["".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(3)) for _ in range(60)]
    sources = [[rng.choice(vocabulary) for _ in range(rng.randint(5, 40))] for _ in range(12)]
    articles = []
    for i in range(120):
        words = list(sources[i % len(sources)])
        for _ in range(rng.randint(0, len(words) // 4)):  # from no edit to a few: Jaccard around the bar
            words[rng.randrange(len(words))] = rng.choice(vocabulary)
        articles.append(Article(f"a{i:03d}", f"/s/a{i:03d}.txt", " ".join(words), None, "unknown", None, "unknown"))
    articles.append(Article("empty", "/s/e.txt", "42 17", None, "unknown", None, "unknown"))
    articles.append(Article("empty2", "/s/e2.txt", "7", None, "unknown", None, "unknown"))
    expected = _copies_every_pair(articles)
    assert find_copies(articles) == expected
    pairs = sum(len(v) for v in expected.values()) // 2
    assert 50 < pairs < 120 * 119 // 2 / 4, pairs  # copies and non-copies both present


@pytest.fixture(scope="module")
def seed_facts():
    """The facts of seeds/ and the context space alignment builds for them."""
    from pathlib import Path

    from crosscheck.align import FAMILIES, _speaker_key
    from crosscheck.context import ContextSpace, find_acronyms, stems
    from crosscheck.extract import extract_facts
    from crosscheck.load import load_corpus

    articles = load_corpus([str(Path(__file__).resolve().parent.parent / "seeds")])
    facts = [f for a in articles for f in extract_facts(a)]
    sentences = {(f.article, f.sentence): stems(f.sentence) for f in facts}
    speakers: dict = {}
    for f in facts:
        if f.kind in ("quote", "statement") and f.speaker:
            speakers.setdefault((f.article, f.sentence), set()).add(_speaker_key(f.speaker))
    space = ContextSpace((sentences[k] for k in sorted(sentences)), find_acronyms([a.text for a in articles]))
    by_family: dict = {}
    for f in facts:
        if FAMILIES.get(f.kind):
            by_family.setdefault(FAMILIES[f.kind], []).append(f)
    return by_family, space, speakers


def _dense(sim) -> np.ndarray:
    """Every entry of a ``Similarity``, as an n x n array."""
    return np.vstack(list(sim.bands(range(sim.n), range(sim.n))))


def test_blocks_and_bands_give_the_whole_familys_similarity(seed_facts, monkeypatch):
    """Pairs across two blocks are zero in the whole family's similarity, and a block on its
    own (given the family's order in sentence and heads) gets the whole family's entries;
    bands of a few rows or of many, held whole or computed when read (terms and weights for
    the contexts, items compared per band), give the same array. Equal up to the last bits of float
    rounding: BLAS sums a dot product in an order that depends on the shape of the product
    (so did the n x n product before blocks and bands)."""
    from crosscheck.align import _blocks, _date_hull, _head, _heads_in_sentence, _rank_in_sentence, _role, _similarity

    by_family, space, speakers = seed_facts
    checked = 0
    for family, facts in sorted(by_family.items()):
        facts = sorted(facts, key=lambda f: (f.article, f.start, f.id))
        if family == "date":
            # a date after "before" has a role of its own ("before the vote"): two blocks
            facts = [replace(f, value=dict(f.value, preposition="before")) if k % 3 == 0 else f
                     for k, f in enumerate(facts)]
        numeric = family in ("count", "money", "measure")
        roles = [_role(f) for f in facts] if family != "speech" else [""] * len(facts)
        dates = {}
        for f in by_family.get("date", []):
            dates.setdefault((f.article, f.sentence), []).append(f)
        options = {"days_by_sentence": {k: _date_hull(v) for k, v in dates.items()}} if numeric else {}
        whole = _dense(_similarity(family, facts, space, speakers, roles=roles, **options))
        monkeypatch.setattr(settings, "SIMILARITY_ROWS", 3)
        monkeypatch.setattr(settings, "SIMILARITY_DENSE_UP_TO", 0)  # computed when read
        assert np.allclose(whole, _dense(_similarity(family, facts, space, speakers, roles=roles, **options)),
                           rtol=0, atol=1e-12)
        monkeypatch.undo()
        rank, size = _rank_in_sentence(facts)
        heads = _heads_in_sentence(facts, [_head(f) for f in facts]) if numeric else None
        blocks = _blocks(family, facts, roles)
        block_of = np.zeros(len(facts), dtype=np.int64)
        for b, block in enumerate(blocks):
            block_of[block] = b
            part = _dense(_similarity(family, [facts[i] for i in block], space, speakers,
                                      roles=[roles[i] for i in block], order=(rank[block], size[block]),
                                      heads_in_sentence=heads, **options))
            assert np.allclose(part, whole[np.ix_(block, block)], rtol=0, atol=1e-12)
        assert not whole[block_of[:, None] != block_of[None, :]].any()
        checked += len(blocks) > 1 and (whole > 0).any()
    assert checked  # at least one family of the seeds is split into blocks with pairs to compare


def _one_line_story(articles: int, seed: int = 5) -> list[Fact]:
    """The count facts of ``articles`` one-sentence articles (made by hand: no parse), one
    block; their sentences are words drawn from a fixed vocabulary, so that most pairs are
    unlike and some alike."""
    rng = random.Random(seed)
    words = ["".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(3)) for _ in range(300)]
    facts = []
    for i in range(articles):
        n, thing = rng.randint(2, 900), rng.choice(words)
        sentence = f"The {' '.join(rng.sample(words, 5))} {n} {thing} {' '.join(rng.sample(words, 4))}."
        start = sentence.index(f" {n} ") + 1
        facts.append(Fact(f"a{i}:1", f"a{i}", "count", str(n), start, start + len(str(n)), sentence,
                          {"low": n, "high": n, "item": thing, "head": thing, "qualifier": None}))
    return facts


def test_alignment_memory_grows_with_the_facts_not_their_square(monkeypatch):
    """Issue 12: 10,000 one-line articles made one block of 20,000 facts, and its n x n
    similarity ran out of 6 GB. The alignment keeps the pairs it can join and computes the
    rest when read: the peak of aligning twice the facts is about twice, not four times (bands
    of a few rows, so that an n x n array would show)."""
    import tracemalloc

    from crosscheck.align import align

    monkeypatch.setattr(settings, "SIMILARITY_ROWS", 32)
    monkeypatch.setattr(settings, "SIMILARITY_DENSE_UP_TO", 0)
    peaks = {}
    for n in (700, 1400):
        facts = _one_line_story(n)
        align(facts)  # the memos of words filled, as in a run's long-lived process
        tracemalloc.start()
        groups = align(facts)
        peaks[n] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert any(len(g.facts) > 1 for g in groups)  # some facts are grouped
    # the n x n similarity made the peak grow 2.8 times here (set SIMILARITY_DENSE_UP_TO to 1400)
    assert peaks[1400] < 2.4 * peaks[700], peaks


def test_kept_pairs_and_entries_read_later_are_the_dense_similarity():
    """``Similarity`` keeps the pairs at or above the bar, in row order, and gives any block of
    entries as the dense array holds them."""
    from crosscheck.align import Similarity

    rng = np.random.default_rng(4)
    dense = rng.random((40, 40)) * 0.5
    sim = Similarity.of(dense, 0.3)
    i, j = np.nonzero(np.triu(dense >= 0.3, k=1))
    assert np.array_equal(sim.i, i) and np.array_equal(sim.j, j) and np.array_equal(sim.value, dense[i, j])
    rows, cols = [3, 1, 30], [0, 5, 39, 7]
    assert sim.mean(rows, cols) == dense[np.ix_(rows, cols)].mean()
    assert np.array_equal(sim.row_max(rows, cols), dense[np.ix_(rows, cols)].max(axis=1))
    others, values = sim.partners(7)  # its pairs (k, 7) and (7, k), each with its kept value
    kept = {k: dense[min(k, 7), max(k, 7)] for k in range(40) if k != 7 and dense[min(k, 7), max(k, 7)] >= 0.3}
    assert dict(zip(others.tolist(), values.tolist())) == kept
