"""Extract framing words: hedges, distancing constructions, scare quotes and loaded words.

Notes
-----
The lexicons follow Recasens, Danescu-Niculescu-Mizil & Jurafsky (2013), "Linguistic
models for analyzing and detecting biased language" (ACL): *epistemological* bias
(hedges and words that cast doubt on a proposition) and *framing* bias (one-sided,
loaded words); the AP Stylebook's entries on "alleged" and "so-called"; and Wikipedia's
Manual of Style "Words to watch" (expressions of doubt, contentious labels, scare
quotes), which Recasens et al. built their NPOV data on.

Decisions:

- Matching is on lower-cased text with word boundaries; ``word`` is the lexicon form
  ("alleged", "so-called", "what ... says is"), and ``target`` is None (the extract stage
  links each framing word to the fact it qualifies).
- Words inside quotation marks are not flagged: a speaker's own words are not the outlet's
  framing. A short verbless fragment in quotation marks in a sentence with no speaker
  (no reporting cue) is itself flagged as a scare quote (category distancing).
- Words that are also verbs of saying are hedges only as modifiers: "the claimed attack"
  (after a determiner), not "X claimed that ..."; "an alleged plot", not "prosecutors
  alleged the mayor ...".
"""

from __future__ import annotations

import re
from bisect import bisect_right

from crosscheck.extract.numbers import load_data
from crosscheck.extract.quotes import find_quotations, has_speech_cue
from crosscheck.models import Article, Mention, Sentence

#: The lexicons, with their sources: ``data/framing_words.json``.
_LEXICON = load_data("framing_words.json")
#: Hedges (epistemological bias): modifiers and adverbs that put a claim in doubt or pass
#: it on unverified.
HEDGES = tuple(_LEXICON["hedges"])
#: Hedges that are also verbs of saying: a hedge only right after a determiner or
#: possessive ("the claimed attack"), never as a verb ("X claimed ...").
HEDGES_AFTER_DETERMINER_ONLY = frozenset(_LEXICON["hedges_after_determiner_only"])
#: Hedges that are a verb when a determiner, "that", "to" or a pronoun follows
#: ("prosecutors alleged the mayor ...", "was supposed to arrive").
HEDGES_NOT_BEFORE = frozenset(_LEXICON["hedges_not_before"])
DETERMINERS = frozenset("the a an this that these those its his her their our your whose".split())
#: Words after which a participle is a verb, not a modifier.
VERB_FOLLOWERS = frozenset("the a an that to this these those it he she they his her their its".split())

#: Loaded words (framing bias): contentious labels and one-sided terms.
LOADED = tuple(_LEXICON["loaded"])
#: Spelling variants mapped to the lexicon form.
VARIANTS: dict[str, str] = _LEXICON["variants"]
#: Irregular plurals of loaded nouns.
IRREGULAR_PLURALS: dict[str, str] = _LEXICON["irregular_plurals"]

#: Distancing: "what X says is", "what X calls", "what X described as" - the outlet
#: reports a claim as someone's; each form of the verb mapped to its third-person form.
DISTANCING_VERBS: dict[str, str] = _LEXICON["distancing_verbs"]
DISTANCING = re.compile(
    r"\bwhat\s+((?:[\w'’.-]+\s+){1,6}?)(?<!so )(?<!so-)("
    + "|".join(sorted(DISTANCING_VERBS, key=len, reverse=True))
    + r")\b(?:\s+(is|are|was|were|as)\b)?",
    re.IGNORECASE,
)
#: "what has been described as", "what is called": the passive form of the same.
DISTANCING_PASSIVE = re.compile(
    r"\bwhat\s+(?:is|are|was|were|has been|have been|had been)\s+("
    + "|".join(re.escape(w) for w in _LEXICON["distancing_passive"]) + r")\b",
    re.IGNORECASE,
)
#: Words the X of "what X says" cannot contain (X is a speaker, not a clause).
NOT_IN_SPEAKER = frozenset("is are was were be been has have had not and or that which".split())

_HEDGE_RE = re.compile(
    r"\b(" + "|".join(re.escape(h).replace(r"\-", r"[-\s]") for h in sorted(HEDGES, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
_LOADED_RE = re.compile(
    r"\b("
    + "|".join(
        sorted(
            [re.escape(w) + "(?:e?s)?" for w in LOADED]
            + [re.escape(v) + "(?:s)?" for v in VARIANTS if v not in HEDGES and v != "so called"]
            + [re.escape(p) for p in IRREGULAR_PLURALS],
            key=len,
            reverse=True,
        )
    )
    + r")\b",
    re.IGNORECASE,
)
_PREV_WORD = re.compile(r"([\w'’]+)\s+$")
_NEXT_WORD = re.compile(r"\s*([\w'’]+)")
_WORDS = re.compile(r"[\w'’-]+")


def _lemma(form: str) -> str:
    """The lexicon form of a matched loaded word."""
    low = re.sub(r"\s+", " ", form.lower())
    if low in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[low]
    for cand in (low, low[:-1], low[:-2]):
        cand = VARIANTS.get(cand, cand)
        if cand in LOADED:
            return cand
    return VARIANTS.get(low, low)


def _is_modifier(text: str, start: int, end: int, word: str) -> bool:
    """Whether a hedge that can also be a verb is used as a modifier here."""
    prev = _PREV_WORD.search(text[max(0, start - 40) : start])
    nxt = _NEXT_WORD.match(text, end, min(len(text), end + 40))
    prev_w = prev.group(1).lower() if prev else ""
    if word in HEDGES_AFTER_DETERMINER_ONLY:
        return prev_w in DETERMINERS and not (nxt and nxt.group(1).lower() in ("that", "to"))
    if word in HEDGES_NOT_BEFORE:
        return bool(nxt) and nxt.group(1).lower() not in VERB_FOLLOWERS and not re.match(r"\s*[,.;:]", text[end:])
    return True


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` lies in one of ``spans`` (sorted, not overlapping)."""
    i = bisect_right(spans, (start, len(spans) and spans[-1][1] + 1)) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


def extract_framing(article: Article, sentences: list[Sentence]) -> list[Mention]:
    """Framing words of ``article``: kind "framing", value ``{word, category, target}``."""
    text = article.text
    quotations = find_quotations(text)
    quoted = sorted((q.open, q.close + 1) for q in quotations)
    starts = [s.start for s in sentences]
    out: list[Mention] = []

    def add(start: int, end: int, word: str, category: str) -> None:
        if not _inside(quoted, start, end):
            out.append(Mention("framing", start, end, {"word": word, "category": category, "target": None}))

    for m in _HEDGE_RE.finditer(text):
        word = VARIANTS.get(re.sub(r"\s+", " ", m.group(1).lower()), m.group(1).lower())
        if word in HEDGES and _is_modifier(text, m.start(), m.end(), word):
            add(m.start(), m.end(), word, "hedge")
    for m in _LOADED_RE.finditer(text):
        add(m.start(), m.end(), _lemma(m.group(1)), "loaded")
    for m in DISTANCING.finditer(text):
        speaker = m.group(1).lower().split()
        if any(w in NOT_IN_SPEAKER for w in speaker) or "\n" in m.group(0):
            continue
        verb = DISTANCING_VERBS[m.group(2).lower()]
        tail = m.group(3)
        if tail:
            tail = "as" if tail.lower() == "as" else "is"
        elif verb in ("says", "claims"):
            continue  # "what X said" without a copula is a plain relative clause
        word = " ".join(filter(None, ["what ...", verb, tail]))
        add(m.start(), m.end(), word, "distancing")
    for m in DISTANCING_PASSIVE.finditer(text):
        form = re.sub(r"labell?ed", "labelled", m.group(1).lower())
        add(m.start(), m.end(), f"what is {form}", "distancing")
    for q in quotations:
        if not q.fragment or _title_case(text[q.start : q.end]):
            continue
        i = bisect_right(starts, q.open) - 1
        sent = sentences[i] if i >= 0 and q.open < sentences[i].end else None
        if sent is not None and not has_speech_cue(sent.text):
            value = {"word": "scare quotes", "category": "distancing", "target": None}
            out.append(Mention("framing", q.start, q.end, value))
    out.sort(key=lambda m: (m.start, m.end, m.value["word"]))
    return out


def _title_case(content: str) -> bool:
    """Whether quoted words are a name or title (every word capitalised)."""
    words = _WORDS.findall(content)
    return bool(words) and all(w[0].isupper() or w[0].isdigit() for w in words if len(w) > 3)
