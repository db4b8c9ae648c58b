"""The sentence splitter and the wire-dateline prefix, on text written for the test."""

from __future__ import annotations

import pytest

from crosscheck.extract.sentences import SentenceIndex, dateline_end, split_sentences


def test_sentences_keep_offsets_and_skip_abbreviations_and_initials():
    text = 'Dr. Lena Hart met officials in the U.S. on Monday. "It went well," she said. Then J. Ruiz left!\n\nNew paragraph'
    sents = split_sentences(text)
    assert [s.text for s in sents] == [
        "Dr. Lena Hart met officials in the U.S. on Monday.",
        '"It went well," she said.',
        "Then J. Ruiz left!",
        "New paragraph",
    ]
    for s in sents:
        assert text[s.start : s.end] == s.text


def test_sentence_index_joins_the_sentences_a_span_covers():
    text = '"We will rebuild. We will not leave," the mayor said. Rain fell.'
    index = SentenceIndex(text)
    both = index.covering(1, text.index("leave") + 5)
    assert both.text.startswith('"We will rebuild.') and both.text.endswith("said.")


@pytest.mark.parametrize(
    "text,prefix",
    [
        ("LIMA, Peru, May 9 (Reuters) - The toll rose.", "LIMA, Peru, May 9 (Reuters) - "),
        ("NAIROBI (AP) -- Talks resumed.", "NAIROBI (AP) -- "),
        ("HARBOR TOWN (Coast Wire) — Boats sank.", "HARBOR TOWN (Coast Wire) — "),
        ("GENEVA, 9 May - Delegates met.", "GENEVA, 9 May - "),
        ("KINGSTON - The number of missing rose.", "KINGSTON - "),
        ("OK — fine, we agree.", ""),
        ("US — The talks stalled.", ""),
        ("I — like many others — believe it.", ""),
        ("EU - China talks resumed.", ""),
    ],
)
def test_dateline_prefix(text, prefix):
    assert text[: dateline_end(text)] == prefix


def test_an_abbreviation_the_list_lacks_is_learnt_from_the_article():
    # "Msgr." is in no list: written twice, each time before a name the article never writes
    # in lower case, it is an abbreviation (Punkt's type-based and orthographic tests)
    text = ("The award went to Msgr. Farrow of the cathedral. It was announced on Monday.\n"
            '"She earned it," Msgr. Farrow said.')
    assert [s.text for s in split_sentences(text)] == [
        "The award went to Msgr. Farrow of the cathedral.", "It was announced on Monday.",
        '"She earned it," Msgr. Farrow said.']
    # a short word that ends two sentences before words that also stand in lower case is no
    # abbreviation
    text = "The team lost to Gaza. The coach left. Then came Gaza. Then the season ended."
    assert len(split_sentences(text)) == 4


def test_a_place_ending_two_sentences_before_two_names_is_no_abbreviation():
    text = "Ministers met in Oslo. Hansen said the talks went well. Later they flew from Oslo. Berg stayed."
    assert len(split_sentences(text)) == 4
