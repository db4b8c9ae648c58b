"""Split an article text into sentences, keeping character offsets.

A rule-based splitter in the manner of Punkt's orthographic heuristics (Kiss & Strunk,
2006) without its trained model: a sentence ends at ``.``, ``!`` or ``?`` (optionally
followed by closing quotes or brackets) when the next token starts a new sentence
(an upper-case letter, a digit or an opening quote), unless the word before the stop is
a known abbreviation or a single initial. A blank line or a line break always ends one.

Abbreviations the list does not know are learnt from the article, after Punkt's type-based
test and its orthographic one: a short capitalised word that the article writes always with
a full stop after it, and at least twice before one same word, is an abbreviation when no
word after those stops is one the article also writes in lower case ("Msgr. Lee ... Msgr.
Lee": "Lee" is a name; after "... the Bowl. The" comes a word that starts sentences; a place
that ends two sentences is followed by two different words).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from functools import lru_cache

from crosscheck.models import Sentence

#: Abbreviations after which a full stop does not end a sentence (AP style titles,
#: months, common news abbreviations). Lower case, without the final dot.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof gen lt col maj capt sgt adm gov sen rep rev st jr sr
    jan feb mar apr jun jul aug sep sept oct nov dec
    no nos vs etc inc corp co ltd dept univ approx est fig al
    u.s u.k u.n e.u u.s.a d.c a.m p.m i.e e.g
    """.split()
)

#: A dateline opening a lead sentence (AP and wire style: the city in capitals, an optional
#: region, an optional date, an optional agency in brackets, then a dash): "LIMA, Peru,
#: May 9 (Reuters) - ", "GENEVA, 9 May - ", "NAIROBI (AP) -- ". It is not part of the clause.
DATELINE_PREFIX = re.compile(
    r"^\s*[A-Z][A-Z.'’-]*(?:[ ][A-Z][A-Z.'’-]*)*"
    # a comma or an agency after the city, or a city of 3+ capitals: "OK — fine" is none
    r"(?:(?=,|\s*\()|(?<=[A-Z]{3}))"
    r"(?:,\s*[A-Z][\w.'’-]*(?:[ ][A-Z][\w.'’-]*)*)*"
    r"(?:,?\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)(?:,?\s+\d{4})?)?"
    r"\s*(?:\([^()]{1,40}\)\s*)?(?:-{1,2}|–|—)\s+"
)


def dateline_end(text: str) -> int:
    """Where a leading wire dateline ends in ``text`` (0 when it has none)."""
    m = DATELINE_PREFIX.match(text)
    return m.end() if m else 0


#: A run of stops, tried only where the run starts (the lookbehind): from inside a run of
#: thousands of dots the match would rescan the rest of it each time, in quadratic time.
_BOUNDARY = re.compile(r"(?<![.!?])[.!?]+[\"'”’)\]]*(?=\s)")
_NEXT_STARTS_SENTENCE = re.compile(r"\s+[\"'“‘(\[]?[A-Z0-9]")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_LINE_BREAK = re.compile(r"\n")


#: A short capitalised word, whether a full stop follows it, and the word after that stop
#: (for ``_learnt_abbreviations``).
_SHORT_WORD = re.compile(r"(?<![\w.])([A-Z][a-z]{1,4})\b(?:(\.)\s+[\"'“‘(]?(\w+))?")
_LOWER_WORD = re.compile(r"\b[a-z]\w*")


def _learnt_abbreviations(text: str) -> frozenset[str]:
    """The short capitalised words of ``text`` that end in an abbreviation's full stop (see
    the module notes), lower case."""
    after: dict[str, Counter[str]] = {}
    bare: set[str] = set()
    for m in _SHORT_WORD.finditer(text):
        if m.group(2):
            after.setdefault(m.group(1), Counter())[m.group(3).lower()] += 1
        elif text[m.end() : m.end() + 1] != ".":
            bare.add(m.group(1))
    # a title comes back before the name it goes with: one word after the stop twice at least
    # ("Msgr. Lee ... Msgr. Lee"; a place ending two sentences is followed by two others)
    named = [w for w, words in after.items() if w not in bare and max(words.values()) >= 2]
    if not named:
        return frozenset()
    lower = set(_LOWER_WORD.findall(text))
    return frozenset(w.lower() for w in named if not set(after[w]) & lower)


def _is_abbreviation(text: str, stop: int, learnt: frozenset[str] = frozenset()) -> bool:
    """Whether the full stop at ``stop`` closes an abbreviation or an initial."""
    if text[stop] != ".":
        return False
    m = _WORD_BEFORE.search(text, max(0, stop - 40), stop)
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    if word in ABBREVIATIONS or word in learnt:
        return True
    # A single capital initial ("John F. Kennedy") or dotted acronym ("U.S.").
    raw = m.group(1)
    if len(raw) == 1 and raw.isupper():
        return True
    return bool(re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", raw))


#: Words no sentence ends on, in lower case (the articles and the possessive determiners but
#: "her" and "his", which are also pronouns: "The title was his."; "A" only where it opens a
#: sentence: "Plan A." is a name) or an opening bracket, before a full stop and a digit: the stop is a
#: decimal point ("a .44 Magnum", "(.535)"), spaced out as some converted text writes it
#: ("a. 44 Magnum", "(. 535)").
NO_SENTENCE_END = r"(?:(?<![\w.])(?:a|an|the|its|their|my|your|our)|(?:^|(?<=[.!?]\s))A|\()"
_NO_SENTENCE_END = re.compile(NO_SENTENCE_END + r"\s?$")


def _decimal_point(text: str, stop: int, end: int) -> bool:
    """Whether the stop at ``stop`` (a run ending at ``end``) is a decimal point."""
    return (end - stop == 1 and text[end:end + 2].strip()[:1].isdigit()
            and _NO_SENTENCE_END.search(text, max(0, stop - 8), stop) is not None)


#: A word of four letters or more: the words a headline capitalises (``title_case``).
LONG_WORD = re.compile(r"\b[^\W\d_][\w'’-]{3,}")


@lru_cache(maxsize=4096)
def title_case(text: str) -> bool:
    """Whether ``text`` is set in title case or capitals, as headlines are: three or more
    words of four letters or more, none of them in lower case (one in ten or more: a long
    headline may keep a preposition low); short function words stay lower case in title case
    (Chicago Manual of Style, 8.159). "President Obama signed Executive Order 13769" is a
    sentence: "signed" is in lower case."""
    words = LONG_WORD.findall(text)
    return len(words) >= 3 and sum(w[0].islower() for w in words) <= len(words) // 10


def split_sentences(text: str) -> list[Sentence]:
    """Return the sentences of ``text`` in order, each with its offsets.

    Leading and trailing white space is excluded from each sentence; empty stretches
    yield nothing.
    """
    cuts: set[int] = set()
    learnt = _learnt_abbreviations(text)
    for m in _LINE_BREAK.finditer(text):
        cuts.add(m.end())
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if not _NEXT_STARTS_SENTENCE.match(text, end):
            continue
        if _is_abbreviation(text, m.start(), learnt) and m.end() - m.start() == 1:
            continue
        if _decimal_point(text, m.start(), end):
            continue
        cuts.add(end)
    bounds = [0, *sorted(cuts), len(text)]
    out: list[Sentence] = []
    for a, b in zip(bounds, bounds[1:]):
        seg = text[a:b]
        stripped = seg.strip()
        if not stripped:
            continue
        s = a + (len(seg) - len(seg.lstrip()))
        out.append(Sentence(s, s + len(stripped), stripped))
    return out


class SentenceIndex:
    """Find the sentence(s) that hold a span, by binary search over sentence starts."""

    def __init__(self, text: str, sentences: list[Sentence] | None = None):
        self.text = text
        self.sentences = sentences if sentences is not None else split_sentences(text)
        self._starts = [s.start for s in self.sentences]

    def index_at(self, offset: int) -> int:
        """Index of the sentence that holds ``offset`` (the nearest before it, if between)."""
        return max(0, bisect_right(self._starts, offset) - 1)

    def covering(self, start: int, end: int) -> Sentence:
        """The sentence holding ``[start, end)``, or the joined sentences it spans."""
        if not self.sentences:
            return Sentence(start, end, self.text[start:end])
        i = self.index_at(start)
        j = self.index_at(max(start, end - 1))
        if i == j and self.sentences[i].start <= start and end <= self.sentences[i].end:
            return self.sentences[i]  # its text shared, not copied: a sentence may be long
        a, b = self.sentences[i].start, self.sentences[j].end
        a, b = min(a, start), max(b, end)
        return Sentence(a, b, self.text[a:b])
