"""Group labels from frames: request/response cases in tests/data/labels.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crosscheck.label import group_label, split_label, subject
from crosscheck.models import Fact, Frame

CASES = json.loads((Path(__file__).parent / "data" / "labels.json").read_text(encoding="utf-8"))["cases"]


def _fact(i: int, d: dict) -> Fact:
    frame = d.get("frame")
    return Fact(id=f"a{i}:1", article=f"a{i}", kind=d["kind"], text=d["text"], start=0, end=len(d["text"]),
                sentence=d["sentence"], value=d["value"], speaker=d.get("speaker"),
                frame=Frame(**{**frame, "scope": tuple(frame.get("scope", ()))}) if frame else None)


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_label_from_frames(case):
    facts = [_fact(i, d) for i, d in enumerate(case["facts"])]
    assert group_label(facts, case.get("topic", "")) == case["label"]


def test_subject_names_what_a_sentence_is_about():
    assert subject("people missing — count") == "the number of people missing"
    assert split_label("no separator") == ("no separator", "")


def test_seed_labels_come_from_frames_and_reach_report_json(seeds_report):
    labels = {c["label"] for c in seeds_report["clusters"]}
    assert "cabinet approved plan — date" in labels  # the three outlets' dates of one decision
    assert all(" — " in c["label"] and c["topic"] for c in seeds_report["clusters"])
    assert all(" — " in p["label"] for p in seeds_report["possible_conflicts"])


def test_a_day_or_month_name_alone_is_no_name_but_a_given_name_stays():
    from crosscheck.label import _names

    assert _names("The plan was agreed with Varno on Friday, in September.", "Ortiz") == ["Varno"]
    assert _names("The plan was agreed with June on Friday.", "Ortiz") == ["June"]
