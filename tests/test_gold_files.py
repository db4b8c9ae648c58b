"""The gold corpora are well-formed and every gold span is found verbatim in its article."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import gold as goldlib  # noqa: E402

GOLD_PATHS = goldlib.gold_paths()


def test_there_are_three_corpora():
    assert [p.parent.name for p in GOLD_PATHS] == ["court", "quake", "seeds"]


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
