"""Framing words: hedges, distancing, scare quotes and loaded words, on new stories and the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosscheck.extract.framing import extract_framing
from crosscheck.extract.sentences import split_sentences
from crosscheck.models import Article

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _framing(text: str):
    art = Article(id="a", path="a.txt", text=text)
    return extract_framing(art, split_sentences(text))


def _words(text: str) -> list[tuple[str, str]]:
    return [(m.value["word"], m.value["category"]) for m in _framing(text)]


@pytest.mark.parametrize(
    "text, word",
    [
        ("The alleged bribes were paid over six years.", "alleged"),
        ("The mayor allegedly took cash for contracts.", "allegedly"),
        ("Police seized a purported suicide note.", "purported"),
        ("The merger was purportedly approved in secret.", "purportedly"),
        ("The so-called reform plan cuts pensions.", "so-called"),
        ("The so called reform plan cuts pensions.", "so-called"),
        ("The supposed cure was never tested.", "supposed"),
        ("The levee reportedly failed at dawn.", "reportedly"),
        ("The fire was an apparent act of arson.", "apparent"),
        ("Unconfirmed reports spoke of looting.", "unconfirmed"),
        ("An unverified video showed the crash.", "unverified"),
        ("The claimed attack on the convoy left no trace.", "claimed"),
    ],
)
def test_hedges(text, word):
    assert (word, "hedge") in _words(text)


def test_claimed_as_a_verb_is_not_a_hedge():
    assert _words("The union claimed that the vote was rigged.") == []
    assert _words("The rebels claimed the town on Sunday.") == []
    assert _words("Prosecutors alleged the mayor took bribes.") == []
    assert _words("The train was supposed to arrive at noon.") == []


def test_span_is_the_word_and_target_is_unset():
    text = "Voters rejected the so-called reform."
    (m,) = _framing(text)
    assert text[m.start : m.end] == "so-called"
    assert m.kind == "framing" and m.value["target"] is None


@pytest.mark.parametrize(
    "text, word",
    [
        ("Troops moved to counter what the rebels say is an invasion.", "what ... says is"),
        ("Troops moved to counter what officials said was an invasion.", "what ... says is"),
        ("Crowds gathered for what organisers called a peaceful march.", "what ... calls"),
        ("Crowds gathered for what police described as a riot.", "what ... describes as"),
        ("He was jailed for what has been described as a show trial.", "what is described as"),
    ],
)
def test_distancing(text, word):
    assert (word, "distancing") in _words(text)


def test_what_x_said_without_copula_is_not_distancing():
    assert _words("The court reviewed what the witness said on Monday.") == []


@pytest.mark.parametrize(
    "text, word",
    [
        ("The regime jailed three reporters.", "regime"),
        ("State media ran propaganda all week.", "propaganda"),
        ("Thugs attacked the protesters.", "thug"),
        ("Critics called it a massacre.", "massacre"),
        ("The hardline cleric spoke on Friday.", "hardline"),
        ("The hard-line cleric spoke on Friday.", "hardline"),
        ("The notorious prison was closed.", "notorious"),
        ("Draconian laws banned the march.", "draconian"),
        ("The terrorists fled across the border.", "terrorist"),
        ("He denounced the aggression.", "aggression"),
        ("The puppet government fell.", "puppet"),
    ],
)
def test_loaded_words(text, word):
    assert (word, "loaded") in _words(text)


def test_words_inside_a_quotation_are_the_speakers_not_the_outlets():
    text = '"This regime has committed a massacre," the opposition leader said.'
    assert _words(text) == []


def test_scare_quotes_without_a_speaker_are_distancing():
    text = "The company began a “restructuring” of its plants."
    assert ("scare quotes", "distancing") in _words(text)


def test_short_quote_in_an_attributed_sentence_is_not_a_scare_quote():
    text = "The minister said the deal was part of a “historic partnership.”"
    assert _words(text) == []


def test_word_boundaries_and_case():
    assert _words("Regimental bands played. The REGIME fell.") == [("regime", "loaded")]


def test_presstv_hedges_and_distancing():
    text = next(SEEDS.glob("001_*.txt")).read_text()
    words = _words(text)
    assert ("alleged", "hedge") in words and ("purported", "hedge") in words
    assert ("what ... says is", "distancing") in words


def test_seed_quotes_are_not_framing():
    text = next(SEEDS.glob("000_*.txt")).read_text()
    assert _words(text) == []


def test_so_called_inside_a_distancing_construction():
    words = _words("They attacked what the so-called experts say is a safe dam.")
    assert ("so-called", "hedge") in words and ("what ... says is", "distancing") in words
    assert not any(w == "what ... calls" for w, _ in words)
