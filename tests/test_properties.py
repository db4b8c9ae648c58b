"""Property-based tests (hypothesis): hostile text never raises anything but the tool's own
input error, every fact's offsets slice the article to its text, and the renderers escape
what came from input (issue 12). Bounded so the suite stays fast; ``benchmarks/fuzz.py``
runs many more examples."""

from __future__ import annotations

import os
import re
from datetime import date

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from crosscheck.extract import extract_facts  # noqa: E402
from crosscheck.load import InputError, load_corpus  # noqa: E402
from crosscheck.models import Article  # noqa: E402
from crosscheck.pipeline import analyse  # noqa: E402
from crosscheck.render.html import render_html  # noqa: E402
from crosscheck.render.markdown import render_markdown  # noqa: E402

#: Pieces news text is made of, and the characters that break parsers: numbers in every
#: style, currencies, units, months, quotation marks, brackets, dashes, Markdown and HTML.
PIECES = st.sampled_from([
    "12", "1,500", "3.5", "two", "dozens", "$", "€", "£5m", "US$", "km", "miles", "%", "per cent",
    "million", "bn", "Monday", "March", "2013", "last week", "ago", "between", "and", "to", "-",
    "–", "/", "1/2", "65-53", "(25-7)", "at least", "about", "said", "told", "he", "she", "“", "”",
    '"', "'", "«", "»", "„", "(", ")", ".", ",", ";", ":", "\n", "\n\n", " ", "people", "killed",
    "injured", "missing", "quake", "the", "The", "Police", "[x](javascript:alert(1))", "<script>",
    "![i](http://e/b.png)", "|", "*", "_", "`", "#", "\x00", "\u202e", "\x1b[2J",
])
TEXT = st.lists(PIECES, max_size=60).map(" ".join)
#: Examples per property: few and fixed (derandomised) in the suite; ``benchmarks/fuzz.py``
#: sets ``CROSSCHECK_FUZZ_EXAMPLES`` to run many more, at random.
EXAMPLES = int(os.environ.get("CROSSCHECK_FUZZ_EXAMPLES", "0"))
FAST = settings(max_examples=EXAMPLES or 25, deadline=None, derandomize=not EXAMPLES,
                suppress_health_check=[HealthCheck.too_slow])


def _article(text: str, aid: str = "a") -> Article:
    return Article(aid, f"{aid}.txt", text, aid.upper(), "metadata", date(2013, 3, 9), "metadata")


@FAST
@given(TEXT)
def test_extraction_never_raises_and_offsets_slice_the_text(text):
    for f in extract_facts(_article(text)):
        assert text[f.start : f.end] == f.text
        assert f.sentence[f.start - f.sentence_start :].startswith(f.text) or f.kind in ("quote", "statement")


@FAST
@given(TEXT, TEXT)
def test_the_renderers_escape_what_came_from_input(a, b):
    report = analyse([_article(a, "a"), _article(b, "b")])
    md = render_markdown(report)
    html = render_html(report)
    assert not re.search(r"(?<!\\)\]\(javascript:", md)  # "\](" is a literal bracket, no link
    assert "<script>" not in md and not re.search(r"[\x00\x1b]", md)
    assert html.count("<script") == 1  # the page's own script, never one from the articles


@settings(max_examples=EXAMPLES or 25, deadline=None, derandomize=not EXAMPLES,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400))
def test_any_bytes_load_or_give_the_input_error(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("story")
    (folder / "a.txt").write_bytes(data)
    (folder / "b.txt").write_text("Police said 12 people were hurt on Monday.", encoding="utf-8")
    try:
        articles = load_corpus([str(folder)])
    except InputError as err:
        assert str(folder) in str(err) and "\n" not in str(err)  # names the file (or its folder)
    else:
        assert all(isinstance(a.text, str) for a in articles)
