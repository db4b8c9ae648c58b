"""Frames read from the parse of real sentences (tests/data/frames.json: request/response data
from several unrelated ECB+ stories)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crosscheck.extract.frames import add_frames, read_frame
from crosscheck.models import Fact, Sentence
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


DISCOURSE = json.loads((Path(__file__).parent / "data" / "frames.json").read_text(encoding="utf-8"))["discourse"]


@pytest.mark.parametrize("case", DISCOURSE, ids=[f"{c['story'].split()[0]}:{c['text']}" for c in DISCOURSE])
def test_pronoun_subject_takes_the_years_of_the_sentence_before(case):
    previous, sentence, text = case["previous"], case["sentence"], case["text"]
    body = f"{previous} {sentence}"
    at = len(previous) + 1
    sentences = [Sentence(0, len(previous), previous), Sentence(at, len(body), sentence)]
    start = at + sentence.index(text)
    fact = Fact("t:1", "t", case["kind"], text, start, start + len(text), sentence, {}, None, sentence_start=at)
    (framed,) = add_frames([fact], sentences)
    assert framed.frame is not None
    scope = set(framed.frame.scope)
    assert set(case["has"]) <= scope, scope
    assert not set(case.get("not", [])) & scope, scope
