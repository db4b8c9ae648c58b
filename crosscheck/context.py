"""Turn a fact's sentence into the weighted bag of words that alignment compares.

A fact's context is the content words of its sentence, minus the words of the value
itself (numbers, month and weekday names), each reduced to a crude stem by truncation
to five letters ("Japanese" and "Japan", "deployment" and "deploy" meet). Truncation
stemming is as effective as rule-based stemmers for matching English news text
(Mayfield & McNamee, 2003, "Single N-gram stemming"), and needs no word list per story.
Words are weighted by inverse sentence frequency over the corpus (Sparck Jones, 1972),
so that words every article uses ("said", the country at the centre of the story) count
for less than the words that single out one event.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np

from crosscheck import settings

#: Letters kept by the truncation stemmer (Mayfield & McNamee found 4-5 best for English).
STEM_LENGTH = 5

#: English function words and reporting verbs: they say nothing about which event a
#: sentence is about. Function words after the SMART stop list (Salton, 1971), cut down.
STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his how
    i if in into is it its itself just me more most my myself no nor not now of off on once
    only or other our ours ourselves out over own same she should so some such than that
    the their theirs them themselves then there these they this those through to too under
    until up very was we were what when where which while who whom why will with would you
    your yours yourself yourselves may might must shall also its it's would've
    said says say saying told tells tell added adds add stressed noted according
    claimed claims claiming stated states statement announced reported reports reporting
    mr mrs ms dr
    """.split()
)

#: Words that are themselves values (numbers, calendar words): a changed value must not
#: change which fact it is aligned with.
VALUE_WORDS = frozenset(
    """
    one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy
    eighty ninety hundred hundreds thousand thousands million millions billion billions
    trillion dozen dozens half first second third fourth fifth
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday
    today yesterday tomorrow week weeks month months year years day days last next this
    earlier later ago since least nearly almost about around some roughly approximately
    per each apiece percent
    """.split()
)

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The truncation stem of ``word``: lower case, possessive dropped, first letters kept."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'-")
    return w[:STEM_LENGTH]


def content_words(text: str) -> list[str]:
    """The words of ``text`` that can tell one event from another, in order, unstemmed.

    Sentence-sized texts are memoised (``settings.MEMO_TEXT_CHARS``): a story of many
    outlets repeats its sentences, and alignment reads each sentence several times."""
    if len(text) <= settings.MEMO_TEXT_CHARS:
        return list(_content_words_memo(text))
    return _content_words(text)


@lru_cache(maxsize=65536)
def _content_words_memo(text: str) -> tuple[str, ...]:
    return tuple(_content_words(text))


@lru_cache(maxsize=65536)
def _stems_memo(text: str) -> tuple[str, ...]:
    return tuple(_token(w) for w in content_words(text))


def _content_words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text) if _is_content_word(w)]


@lru_cache(maxsize=65536)
def _is_content_word(w: str) -> bool:
    """Whether the word ``w`` (as written) is a content word (memoised: words repeat)."""
    if _is_acronym(w):
        return True  # "US" is not the pronoun "us", nor "WHO" the stopword
    lw = w.lower().replace("’", "'")
    if lw.endswith("'s"):
        lw = lw[:-2]
    return not (lw in STOPWORDS or lw in VALUE_WORDS or len(lw) < 2)


def _is_acronym(word: str) -> bool:
    return 2 <= len(word) <= 6 and word.isalpha() and word.isupper()


def _token(word: str) -> str:
    """A word's token in a context: its stem, or an acronym as written (see ``ContextSpace``)."""
    return word if _is_acronym(word) else stem(word)


def stems(text: str, exclude: tuple[int, int] | None = None) -> list[str]:
    """Stems of the content words of ``text``, leaving out the span ``exclude`` if given."""
    if exclude is not None:
        a, b = exclude
        text = text[:a] + " " + text[b:]
    if len(text) <= settings.MEMO_TEXT_CHARS:
        return list(_stems_memo(text))
    return [_token(w) for w in content_words(text)]


#: Small words a name may hold that its acronym leaves out ("Bank of England (BoE)").
_NAME_LINKS = frozenset({"of", "and", "for", "the", "on", "de", "du", "des", "la", "le", "&"})
#: An acronym defined in parentheses after its name, "Social Democratic Union (SDU)", or
#: before it, "SDU (Social Democratic Union)" (Schwartz & Hearst, 2003, "A simple algorithm
#: for identifying abbreviation definitions in biomedical text").
_DEFINED_AFTER = re.compile(r"\(\s*([A-Z]{2,6})\s*\)")
_DEFINED_BEFORE = re.compile(r"\b([A-Z]{2,6})\s*\(([^()]{3,80})\)")
#: ... and a name written with "the" where the acronym is too ("the European Union" and "the
#: EU", "the Prime Minister" and "the PM"): two or more capitalised words after "the", not
#: followed by another (then they are a title before a name, "the Under Secretary Lane").
_THE_ACRONYM = re.compile(r"\b[Tt]he\s+([A-Z]{2,6})\b")
_THE_NAME = re.compile(
    r"\b[Tt]he\s+((?:[A-Z][\w'’-]*\s+(?:(?:of|and|for|on)\s+)?)+[A-Z][\w’'-]*)(?!\s+[A-Z])(?![\w'’-])"
)
_NAME_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z][A-Za-z'’]*)*|&")


def find_acronyms(texts: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Acronyms a corpus defines, with the stems of their names ({"SDU": ("socia",
    "democ", "union")}), so that an outlet writing the acronym and one writing the name
    share the words.

    Only definitions count: the name right before "(ACR)", right inside the parentheses
    after "ACR", or written with "the" where the acronym is too ("the European Union", "the
    EU"; see ``_THE_NAME``). A name matches when the initials of its capitalised words spell the
    acronym, small linking words left out; a hyphenated word gives one initial or one per
    part ("Non-Governmental Organization" is NO or NGO). An acronym defined two ways takes
    the more frequent name (ties: the first in alphabetical order).
    """
    texts = list(texts)
    found: dict[str, Counter[tuple[str, ...]]] = {}
    with_the = {m.group(1) for t in texts for m in _THE_ACRONYM.finditer(t)}
    for text in texts:
        for m in _THE_NAME.finditer(text):
            words = [w.group(0) for w in _NAME_WORD.finditer(m.group(1))]
            for acronym in with_the:
                name = _name_ending(words, acronym)
                if name and len(name) == len(words):
                    found.setdefault(acronym, Counter())[name] += 1
        for m in _DEFINED_AFTER.finditer(text):
            words = [w.group(0) for w in _NAME_WORD.finditer(text[max(0, m.start() - 120) : m.start()])]
            name = _name_ending(words, m.group(1))
            if name:
                found.setdefault(m.group(1), Counter())[name] += 1
        for m in _DEFINED_BEFORE.finditer(text):
            words = [w.group(0) for w in _NAME_WORD.finditer(m.group(2))]
            name = _name_ending(words, m.group(1))
            if name and len(name) >= len(words) - 1:
                found.setdefault(m.group(1), Counter())[name] += 1
    out = {}
    for acronym, names in sorted(found.items()):
        best = sorted(names.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        out[acronym] = tuple(stem(w) for w in best if w.lower() not in _NAME_LINKS)
    return out


def _initials(word: str) -> set[str]:
    parts = [p for p in word.split("-") if p]
    out = {word[0].upper()}
    if len(parts) > 1:
        out.add("".join(p[0].upper() for p in parts))
    return out


def _name_ending(words: list[str], acronym: str) -> tuple[str, ...] | None:
    """The shortest run of capitalised words ending ``words`` that spells ``acronym``."""
    spellings = {""}
    for k in range(len(words) - 1, -1, -1):
        w = words[k]
        if w.lower() in _NAME_LINKS:
            continue
        if not w[0].isupper():
            return None
        spellings = {i + s for s in spellings for i in _initials(w) if len(i + s) <= len(acronym)}
        spellings = {s for s in spellings if acronym.endswith(s)}
        if not spellings:
            return None
        if acronym in spellings:
            return tuple(words[k:])
    return None


class ContextSpace:
    """TF-IDF vectors over stems, with idf taken from a collection of sentences.

    ``acronyms`` (see ``find_acronyms``) turns an acronym's stem into its name's stems."""

    def __init__(self, documents: Iterable[Sequence[str]], acronyms: dict[str, tuple[str, ...]] | None = None):
        self.acronyms = acronyms or {}
        df: Counter[str] = Counter()
        n = 0
        for doc in documents:
            n += 1
            df.update(self._expand(doc))
        self.n = max(n, 1)
        self.vocab = {t: i for i, t in enumerate(sorted(df))}
        self.idf = np.array(
            [math.log((1 + self.n) / (1 + df[t])) + 1.0 for t in sorted(df)], dtype=float
        )

    def _expand(self, doc: Iterable[str]) -> set[str]:
        """The document's tokens, each acronym replaced by its name's stems, or by its own
        stem when the corpus does not define it ("NATO" and "Nato" meet)."""
        out: set[str] = set()
        for t in doc:
            if t in self.acronyms:
                out.update(self.acronyms[t])
            elif _is_acronym(t):
                if t.lower() not in STOPWORDS:
                    out.add(stem(t))
            else:
                out.add(t)
        return out

    def weight(self, token: str) -> float:
        expanded = sorted(self._expand([token]))
        if len(expanded) == 1:
            token = expanded[0]
        i = self.vocab.get(token)
        return float(self.idf[i]) if i is not None else math.log(1 + self.n) + 1.0

    def sparse_vectors(self, docs: Sequence[Sequence[str]]) -> SparseVectors:
        """``vectors`` as each document's terms and weights (no documents x vocabulary array)."""
        start, terms, weights = [0], [], []
        for doc in docs:
            ids = sorted(i for i in (self.vocab.get(t) for t in self._expand(doc)) if i is not None)
            w = self.idf[ids]
            norm = float(np.sqrt((w * w).sum())) or 1.0
            terms.extend(ids)
            weights.extend((w / norm).tolist())
            start.append(len(terms))
        return SparseVectors(np.array(start, dtype=np.int64), np.array(terms, dtype=np.int64),
                             np.array(weights, dtype=float), len(self.vocab))

    def vectors(self, docs: Sequence[Sequence[str]]) -> np.ndarray:
        """Row-normalised binary TF-IDF vectors, one row per document."""
        m = np.zeros((len(docs), len(self.vocab)), dtype=float)
        for r, doc in enumerate(docs):
            for t in self._expand(doc):
                i = self.vocab.get(t)
                if i is not None:
                    m[r, i] = self.idf[i]
        norms = np.linalg.norm(m, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return m / norms


class SparseVectors:
    """Row-normalised vectors as each row's terms and weights (``ContextSpace.sparse_vectors``):
    the contexts of a block of many facts by the vocabulary of a long story would not fit."""

    def __init__(self, start: np.ndarray, terms: np.ndarray, weights: np.ndarray, size: int):
        self.start, self.terms, self.weights, self.size = start, terms, weights, size

    def __len__(self) -> int:
        return len(self.start) - 1

    def dense(self, rows: np.ndarray) -> np.ndarray:
        out = np.zeros((len(rows), self.size))
        for r, x in enumerate(rows.tolist()):
            out[r, self.terms[self.start[x] : self.start[x + 1]]] = self.weights[self.start[x] : self.start[x + 1]]
        return out

    def cosines(self, rows: np.ndarray, cols: np.ndarray, chunk: int = 1 << 16) -> np.ndarray:
        """Dot products of ``rows`` with ``cols`` (rows x cols): the rows' vectors dense, the
        columns' terms gathered from them, a chunk of columns at a time."""
        mine = self.dense(rows)
        out = np.zeros((len(rows), len(cols)))
        lengths = self.start[cols + 1] - self.start[cols]
        c = 0
        while c < len(cols):
            take = max(1, int(np.searchsorted(np.cumsum(lengths[c:]), chunk)))
            part = cols[c : c + take]
            at = np.concatenate([np.arange(self.start[x], self.start[x + 1]) for x in part.tolist()] + [[]]).astype(np.int64)
            # a column of zeros after the products: a row without terms sums to nothing
            products = np.concatenate([mine[:, self.terms[at]] * self.weights[at], np.zeros((len(rows), 1))], axis=1)
            bounds = np.concatenate([[0], np.cumsum(lengths[c : c + take])[:-1]])
            sums = np.add.reduceat(products, bounds, axis=1)
            out[:, c : c + take] = np.where(lengths[c : c + take] > 0, sums, 0.0)
            c += take
        return out
