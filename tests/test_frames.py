"""Frames read from the parse of real sentences (tests/data/frames.json: request/response data
from several unrelated ECB+ stories)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crosscheck.extract.frames import read_frame
from crosscheck.models import Fact
from crosscheck.parse import parse

CASES = json.loads((Path(__file__).parent / "data" / "frames.json").read_text(encoding="utf-8"))["cases"]


def _frame(case: dict):
    sentence, text = case["sentence"], case["text"]
    start = sentence.index(text)
    fact = Fact("t:1", "t", case["kind"], text, start, start + len(text), sentence, {}, None)
    return read_frame(fact, parse(sentence))


def test_cases_come_from_several_stories():
    assert len({c["story"].split()[0] for c in CASES}) >= 6


@pytest.mark.parametrize("case", CASES, ids=[f"{c['story'].split()[0]}:{c['text']}" for c in CASES])
def test_frame_slots(case):
    frame = _frame(case)
    assert frame is not None
    got = frame.as_dict()
    for slot, want in case["expect"].items():
        assert got.get(slot) == want, (slot, got)
    for slot in case.get("absent", []):
        assert slot not in got, (slot, got)
