"""The per-article extraction cache: hits, invalidation, corrupt entries, exact round trips.

Uses an extractor defined here over articles written for the test (a trade-deal story), so
that it does not depend on the real extractors; the last test runs the real ones on the
seeds once they land.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from crosscheck.cache import cache_key, cached, code_hash, entry_path
from crosscheck.models import Article, Fact

ROOT = Path(__file__).resolve().parent.parent

#: A value with a field of every JSON type a value holds, including awkward floats and text.
AWKWARD_VALUE = {
    "low": 1.2e9,
    "high": 0.1 + 0.2,
    "currency": "EUR",
    "scale": None,
    "over_a_span": True,
    "item": "“quoted” — naïve café ½",
    "head": "-0.0",
}

CALLS: list[str] = []


def trade_extractor(article: Article) -> list[Fact]:
    """One fact per line of the article, recording each call."""
    CALLS.append(article.id)
    facts, start = [], 0
    for n, line in enumerate(article.text.split("\n"), 1):
        facts.append(
            Fact(f"{article.id}:{n}", article.id, "money", line, start, start + len(line), line,
                 dict(AWKWARD_VALUE, report_year=2000 + n), speaker=None if n % 2 else "the minister")
        )
        start += len(line) + 1
    return facts


def trade_articles() -> list[Article]:
    texts = {
        "wire": "The two countries signed a trade deal worth 1.2 billion euros.\nTariffs fall over five years.",
        "gazette": "A trade pact worth about 1.2 billion euros was signed on Tuesday.",
        "herald": "Ministers signed the deal, which cuts tariffs on 300 product lines.",
    }
    return [
        Article(i, f"/news/trade/{i}.txt", t, f"{i.title()} News", "metadata", date(2022, 6, 7), "metadata")
        for i, t in texts.items()
    ]


@pytest.fixture
def fresh():
    CALLS.clear()
    yield
    CALLS.clear()


def run(extract, articles):
    return {a.id: extract(a) for a in articles}


def test_second_run_reads_everything_from_the_cache(tmp_path, fresh):
    articles = trade_articles()
    cold = run(cached(trade_extractor, tmp_path), articles)
    assert sorted(CALLS) == ["gazette", "herald", "wire"]
    warm_extract = cached(trade_extractor, tmp_path)
    warm = run(warm_extract, articles)
    assert len(CALLS) == 3 and warm_extract.stats == {"hit": 3}
    assert warm == cold


def test_facts_and_values_round_trip_exactly(tmp_path, fresh):
    articles = trade_articles()
    direct = run(trade_extractor, articles)
    run(cached(trade_extractor, tmp_path), articles)
    again = run(cached(trade_extractor, tmp_path), articles)
    assert again == direct
    value = again["wire"][0].value
    assert value["high"] == 0.1 + 0.2 and isinstance(value["report_year"], int) and value["scale"] is None
    assert value["item"] == AWKWARD_VALUE["item"] and value["over_a_span"] is True
    assert [f.id for f in again["wire"]] == ["wire:1", "wire:2"] and again["wire"][1].speaker == "the minister"


def test_editing_an_article_invalidates_its_entry_only(tmp_path, fresh):
    articles = trade_articles()
    run(cached(trade_extractor, tmp_path), articles)
    CALLS.clear()
    edited = [replace(a, text=a.text + " Critics objected.") if a.id == "gazette" else a for a in articles]
    extract = cached(trade_extractor, tmp_path)
    after = run(extract, edited)
    assert CALLS == ["gazette"] and extract.stats == {"hit": 2, "miss": 1}
    assert after["gazette"][0].text.endswith("Critics objected.")


@pytest.mark.parametrize(
    "change",
    [
        {"outlet": "Other News"},
        {"published": date(2022, 6, 8)},
        {"path": "/news/elsewhere/wire.txt"},
        {"id": "wire2"},
        {"title": "Deal signed"},
    ],
)
def test_every_input_of_extraction_is_in_the_key(change):
    a = trade_articles()[0]
    assert cache_key(a, "code") != cache_key(replace(a, **change), "code")
    assert cache_key(a, "code") != cache_key(a, "other code")


def test_near_copy_links_do_not_invalidate(tmp_path):
    a = trade_articles()[0]
    assert cache_key(a, "code") == cache_key(replace(a, copy_of=("gazette",)), "code")


def test_an_edit_to_the_extractor_source_invalidates(tmp_path, fresh):
    src = tmp_path / "src"
    src.mkdir()
    (src / "rules.py").write_text("LEXICON = ['deal']\n", encoding="utf-8")
    articles = trade_articles()
    run(cached(trade_extractor, tmp_path / "cache", sources=[src]), articles)
    before = code_hash([src])
    (src / "rules.py").write_text("LEXICON = ['deal', 'pact']\n", encoding="utf-8")
    assert code_hash([src]) != before
    CALLS.clear()
    extract = cached(trade_extractor, tmp_path / "cache", sources=[src])
    run(extract, articles)
    assert sorted(CALLS) == ["gazette", "herald", "wire"] and extract.stats == {"miss": 3}


def test_the_default_sources_cover_the_extractors():
    files = {p.name for p in (ROOT / "crosscheck" / "extract").glob("*.py")}
    assert "sentences.py" in files
    assert code_hash() == code_hash()  # deterministic


def test_a_different_extractor_does_not_read_anothers_entries(tmp_path, fresh):
    def other(article: Article) -> list[Fact]:
        return []

    articles = trade_articles()
    run(cached(trade_extractor, tmp_path), articles)
    assert run(cached(other, tmp_path), articles) == {a.id: [] for a in articles}


@pytest.mark.parametrize(
    "damage",
    [
        "",
        "{truncated",
        "[]",
        '{"key": "wrong", "facts": []}',
        "\udcff",
    ],
)
def test_a_corrupt_entry_is_ignored_and_rewritten(tmp_path, fresh, damage):
    articles = trade_articles()
    first = cached(trade_extractor, tmp_path)
    expected = run(first, articles)
    path = entry_path(tmp_path, cache_key(articles[0], first.code_hash))
    assert path.is_file()
    if damage == "\udcff":
        path.write_bytes(b"\xff\xfe not utf-8")
    else:
        path.write_text(damage, encoding="utf-8")
    CALLS.clear()
    extract = cached(trade_extractor, tmp_path)
    assert run(extract, articles) == expected
    assert CALLS == ["wire"] and extract.stats == {"corrupt": 1, "hit": 2}
    assert json.loads(path.read_text(encoding="utf-8"))["key"] == path.stem


def test_a_bad_fact_record_is_treated_as_corrupt(tmp_path, fresh):
    articles = trade_articles()
    first = cached(trade_extractor, tmp_path)
    expected = run(first, articles)
    path = entry_path(tmp_path, cache_key(articles[1], first.code_hash))
    data = json.loads(path.read_text(encoding="utf-8"))
    data["facts"][0]["start"] = "zero"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert run(cached(trade_extractor, tmp_path), articles) == expected


def test_the_cache_folder_is_safe_to_delete(tmp_path, fresh):
    import shutil

    articles = trade_articles()
    expected = run(cached(trade_extractor, tmp_path / "c"), articles)
    shutil.rmtree(tmp_path / "c")
    assert run(cached(trade_extractor, tmp_path / "c"), articles) == expected


def _pipeline_ready() -> bool:
    try:
        from crosscheck.extract import _extractors
        from crosscheck.load import load_corpus  # noqa: F401

        _extractors()
    except ImportError:
        return False
    return True


@pytest.mark.skipif(not _pipeline_ready(), reason="loader or extractors not written yet")
def test_cached_compare_on_the_seeds_equals_the_plain_one(tmp_path):
    from crosscheck.extract import extract_facts
    from crosscheck.pipeline import compare
    from crosscheck.render.json import report_dict

    seeds = [str(ROOT / "seeds")]
    plain = report_dict(compare(seeds, extractor=extract_facts))
    cold = cached(extract_facts, tmp_path)
    assert report_dict(compare(seeds, extractor=cold)) == plain
    warm = cached(extract_facts, tmp_path)
    assert report_dict(compare(seeds, extractor=warm)) == plain
    assert warm.stats["hit"] == len(plain["articles"]) and "miss" not in warm.stats
