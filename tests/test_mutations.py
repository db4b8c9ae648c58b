"""Change one shared fact in one article and the report names exactly that discrepancy.

Runs on copies of seeds/ and of a story written for the test (tests/data/bridge); the
unchanged copies report no conflict at all.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from crosscheck.pipeline import compare
from crosscheck.render.json import report_dict

ROOT = Path(__file__).resolve().parent.parent
CORPORA = {"seeds": ROOT / "seeds", "bridge": ROOT / "tests" / "data" / "bridge"}


def _run(src: Path, tmp: Path, edit: tuple[str, str, str] | None = None) -> dict:
    dst = tmp / src.name
    shutil.copytree(src, dst)
    if edit:
        name, old, new = edit
        path = dst / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} must occur once in {name}"
        path.write_text(text.replace(old, new), encoding="utf-8")
    return report_dict(compare([str(dst)]))


def _conflicts(report: dict) -> list[dict]:
    return [c for c in report["clusters"] if c["verdict"] == "conflict"]


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_unchanged_copies_report_no_conflict(corpus, tmp_path):
    assert _conflicts(_run(CORPORA[corpus], tmp_path)) == []


VALUE_CHANGES = [
    # (corpus, file, old, new, the two values the conflict must name)
    ("seeds", "002_8630f97f2a732009.txt", "deploy two Aegis", "deploy three Aegis", ("2", "3")),
    ("seeds", "002_8630f97f2a732009.txt", "On December 19,", "On December 12,", ("2017-12-12", "2017-12-18..2017-12-24")),
    ("seeds", "001_53ba22589fc03a6e.txt", "on December 28 said", "on December 21 said", ("2017-12-21", "2017-12-28")),
    ("bridge", "b_courier.md", "cost $240 million", "cost $260 million", ("$240 million", "$260 million")),
    ("bridge", "b_courier.md", "carry four traffic lanes", "carry six traffic lanes", ("4", "6")),
    ("bridge", "b_courier.md", "council leader Amina Okafor told", "opposition leader Marco Bellini told",
     ("Amina Okafor", "Marco Bellini")),
]


@pytest.mark.parametrize("corpus,name,old,new,values", VALUE_CHANGES, ids=[c[3] for c in VALUE_CHANGES])
def test_one_changed_value_is_one_conflict_naming_both_values(corpus, name, old, new, values, tmp_path):
    # A conflict is claimed where the frames say what both figures are of; where they leave
    # it open (another verb, another event word), the change is listed as a possible conflict
    # with the same evidence, never dropped.
    report = _run(CORPORA[corpus], tmp_path, (name, old, new))
    conflicts = _conflicts(report)
    assert len(conflicts) <= 1, [c["topic"] for c in conflicts]
    shown = [" | ".join(c["values"].values()) for c in conflicts]
    shown += [" | ".join(side["value"] for side in p["sides"]) + " | " + " | ".join(
        v for side in p["sides"] for v in side.get("values", [])) for p in report["possible_conflicts"]]
    assert any(all(v in text for v in values) for text in shown), (values, shown)


def test_a_changed_word_inside_a_quote_is_shown(tmp_path):
    report = _run(CORPORA["bridge"], tmp_path, ("b_courier.md", "cut off for far too long", "cut off for much too long"))
    assert _conflicts(report) == []
    diffs = [d for c in report["clusters"] if c["verdict"] == "paraphrase" for d in c["differences"]]
    assert any(
        sorted([tuple(d["removed"]), tuple(d["added"])]) == [("far",), ("much",)] for d in diffs
    ), diffs


def test_a_negation_inserted_into_a_quote_is_a_conflict(tmp_path):
    report = _run(CORPORA["bridge"], tmp_path, ("b_courier.md", "This bridge will connect", "This bridge will not connect"))
    conflicts = _conflicts(report)
    assert len(conflicts) == 1 and conflicts[0]["kind"] == "quote"
