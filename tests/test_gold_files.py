"""The gold corpora are well-formed and every gold span is found verbatim in its article."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import gold as goldlib  # noqa: E402

GOLD_PATHS = goldlib.gold_paths()


def test_there_are_four_corpora():
    # election/ was written after the tool's rules for the others, as a held-out story.
    assert [p.parent.name for p in GOLD_PATHS] == ["court", "election", "quake", "seeds"]


@pytest.mark.parametrize("path", GOLD_PATHS, ids=lambda p: p.parent.name)
def test_gold_is_well_formed(path):
    gold = goldlib.load_gold(path)
    assert goldlib.validate(gold) == []


@pytest.mark.parametrize("path", GOLD_PATHS, ids=lambda p: p.parent.name)
def test_every_span_is_verbatim_at_its_offsets(path):
    gold = goldlib.load_gold(path)
    for m in gold["mentions"]:
        text = gold["texts"][m["article"]]
        assert text[m["start"] : m["end"]] == m["text"]


@pytest.mark.parametrize("path", GOLD_PATHS, ids=lambda p: p.parent.name)
def test_articles_have_outlet_and_date_in_their_files_or_gold(path):
    gold = goldlib.load_gold(path)
    cdir = Path(gold["corpus_dir"])
    for name, info in sorted(gold["articles"].items()):
        meta, _ = goldlib.read_article(cdir, name)
        assert info["outlet"] and info["published"]
        if meta:  # front matter or sidecar present: it must agree with the gold
            assert meta["outlet"] == info["outlet"]
            assert str(meta["published"]) == info["published"]


def test_seed_points_are_annotated():
    gold = goldlib.load_gold(goldlib.GOLD_ROOT / "seeds" / "gold.json")
    groups = goldlib.groups_by_id(gold)
    by_group = {}
    for m in gold["mentions"]:
        by_group.setdefault(m["group"], []).append(m["text"])
    assert sorted(by_group["japan-decision-date"]) == ["December", "December 19", "last week"]
    assert groups["japan-decision-date"]["verdict"] == "agree"
    assert groups["zakharova-statement-date"]["verdict"] == "agree"
    assert groups["zakharova-inf"]["verdict"] == "paraphrase"
    assert groups["systems-count"]["verdict"] == "agree"
    for gid in ("system-price", "sm3-sale-amount", "missiles-over-japan", "nk-missiles-fired",
                "us-abm-europe", "sm3-sale-count", "framing-alleged", "framing-purported"):
        assert groups[gid]["verdict"] == "single-source"


def test_written_corpora_have_the_required_cases():
    quake = goldlib.load_gold(goldlib.GOLD_ROOT / "quake" / "gold.json")
    court = goldlib.load_gold(goldlib.GOLD_ROOT / "court" / "gold.json")
    verdicts = {(c["corpus"], g["id"]): g["verdict"] for c in (quake, court) for g in c["groups"]}
    assert verdicts[("quake", "death-toll")] == "conflict"
    assert verdicts[("quake", "quake-date")] == "conflict"
    assert verdicts[("quake", "voss-rubble")] == "paraphrase"
    assert verdicts[("court", "verdict-date")] == "conflict"
    assert verdicts[("court", "judge-business")] == "paraphrase"
    # same-day conflict and a rise over days in the death toll
    toll = [m for m in quake["mentions"] if m["group"] == "death-toll"]
    days = {quake["articles"][m["article"]]["published"] for m in toll}
    assert len(days) == 2
    assert any(a.get("copy_of") for a in quake["articles"].values())


# ---------------------------------------------------------------- mutation suite

from benchmarks import mutations as mutlib  # noqa: E402


@pytest.fixture(scope="module")
def suite():
    return mutlib.generate_all()


def test_suite_is_large_and_covers_every_category(suite):
    assert len(suite) >= 300
    kinds = {m.kind for m in suite}
    assert {m.category for m in suite} == set(mutlib.CATEGORIES)
    for kind in ("number-small", "number-word", "day", "month", "weekday", "amount", "scale", "scope",
                 "speaker-swap", "quote-word", "negation", "numeral", "date-style", "money-style",
                 "quote-marks", "sentence-move", "paragraph-split", "said-order"):
        assert kind in kinds, kind


def test_suite_is_deterministic_with_unique_ids(suite):
    again = mutlib.generate_all()
    assert again == suite
    assert len({m.id for m in suite}) == len(suite)


def test_every_mutation_points_at_its_text(suite):
    for m in suite:
        cdir = goldlib.GOLD_ROOT / m.corpus
        gold = goldlib.load_gold(cdir / "gold.json")
        text = gold["texts"][m.article]
        assert text[m.start : m.start + len(m.old)] == m.old, m.id
        assert m.old != m.new


def test_expectations_follow_the_gold(suite):
    cache = {}
    for m in suite:
        if m.corpus not in cache:
            g = goldlib.load_gold(goldlib.GOLD_ROOT / m.corpus / "gold.json")
            cache[m.corpus] = goldlib.group_outlets(g)
        if m.category == "preserving":
            assert m.expect == {"conflicts": 0}
        else:
            assert len(cache[m.corpus][m.expect["group"]]) >= 2, m.id
            assert len(m.expect["values"]) == 2


def test_examples_of_each_rule():
    assert mutlib.bump_numeral("175") == "176"
    assert mutlib.bump_numeral("5,000") == "6,000"
    assert mutlib.bump_numeral("1.2") == "1.3"
    assert mutlib.double_numeral("1,500") == "3,000"
    assert mutlib.date_changes("March 9") == [("day", "March 10"), ("month", "April 9")]
    assert ("date-style", "Sept. 4") in mutlib.date_rewrites("September 4")
    assert mutlib.date_rewrites("June 4") == [("date-style", "4 June")]  # AP: June not abbreviated
    styles = [new for _, new in mutlib.money_rewrites("$40 million")]
    assert styles == ["$40m", "40 million dollars", "US$40 million"]
    assert ("scope", "£3 apiece", "£3") in mutlib.money_changes("£3", " apiece for the tickets")
    assert mutlib.negation_change("The bridge was closed") == (11, "was", "was not")
    assert mutlib.negation_change("Turnout was not high") == (8, "was not", "was")
    assert mutlib.numeral_rewrites("three floods") == [("numeral", "3 floods")]
    assert mutlib.quote_mark_rewrite('"Polls close at eight,"') == [("quote-marks", "“Polls close at eight,”")]


def test_sentence_moves_keep_pronouns_with_their_antecedent():
    text = ("Flood waters rose across the valley overnight. They reached the old bridge by dawn.\n"
            "The mayor of the town opened two shelters. Officials expect more rain this week.")
    moves = [r for r in mutlib.article_rewrites(text, __import__("random").Random(0), 5) if r[0] == "sentence-move"]
    assert [r[2] for r in moves] == ["The mayor of the town opened two shelters. Officials expect more rain this week."]


def test_apply_writes_a_mutated_copy(tmp_path, suite):
    for corpus, suffix in (("quake", ".md"), ("court", ".txt")):
        m = next(x for x in suite if x.corpus == corpus and x.category == "value")
        src = goldlib.GOLD_ROOT / corpus
        paths = mutlib.apply(m, src, tmp_path / corpus)
        assert all(p.suffix == suffix for p in paths)
        meta, text = goldlib.read_article(tmp_path / corpus, m.article)
        orig_meta, orig = goldlib.read_article(src, m.article)
        assert meta == orig_meta and meta["outlet"]
        assert text == orig[: m.start] + m.new + orig[m.start + len(m.old) :]
    assert (tmp_path / "court" / "crosscheck.toml").exists()


def test_a_changed_day_inside_every_other_outlets_period_is_compatible():
    # Issue 2's range rule, as for figures: "last week" and "in December" hold December 20.
    gold = {"articles": {}, "mentions": [
        {"article": "a", "group": "g", "value": {"start": "2017-12-18", "end": "2017-12-24", "granularity": "week"}},
        {"article": "b", "group": "g", "value": {"start": "2017-12-01", "end": "2017-12-31", "granularity": "month"}},
    ]}
    mine = {"article": "c", "group": "g", "value": {"start": "2017-12-19", "end": "2017-12-19", "granularity": "day"}}
    assert not mutlib._date_contradicts(mine, "day", "December 20", gold)
    assert mutlib._date_contradicts(mine, "day", "December 27", gold)  # outside the week
    assert mutlib._date_contradicts(mine, "month", "January 19", gold)
    gold["articles"] = {"c": {"copy_of": "a"}}
    assert mutlib._date_contradicts(mine, "day", "December 20", gold)  # a copy carries its source's date
