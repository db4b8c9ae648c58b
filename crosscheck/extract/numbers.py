"""Find and parse written quantities (digits, number words, scales, qualifiers, ranges).

Shared by the money, count and measure extractors: ``find_quantities(text)`` returns every
written number of a text as a ``Quantity`` whose ``low``/``high`` already account for a
qualifier ("at least", "about", "nearly", ...), a range ("between 10 and 12", "10-12") or a
vague plural ("dozens of", "hundreds of"). The module also holds the small noun-phrase
helpers the extractors use to name the thing counted, priced or measured.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from crosscheck.extract.sentences import dateline_end

# --- number syntax -------------------------------------------------------------------

#: Digits with optional thousands separators and decimals ("1,200", "47.5", "2031").
DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"

#: Cardinal number words (ordinals such as "first" are deliberately absent).
UNIT_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip

#: Scale words written out after a number ("1.5 million", "two hundred").
SCALE_WORDS = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    # Indian numbering, common in South Asian news ("Rs 500 crore").
    "lakh": 1e5,
    "crore": 1e7,
}

#: Scale abbreviations of money amounts (AP style "$2.5bn" in British usage, "$450m";
#: Reuters "mln"). "m", "k" and "b" also abbreviate units (metres), so they count as a
#: scale only right after a currency prefix, attached to the digits.
SCALE_ABBREVIATIONS = {"bn": 1e9, "tn": 1e12, "trn": 1e12, "mn": 1e6, "mln": 1e6,
                       "m": 1e6, "k": 1e3, "b": 1e9}
#: Abbreviations that need a currency prefix before the number to be read as a scale.
PREFIX_ONLY_ABBREVIATIONS = frozenset({"m", "k", "b"})

#: "dozen" after digits multiplies them ("3 dozen" = 36); written out, it is part of the
#: word number ("three dozen", ``WORD_NUMBER``).
DOZEN = 12

_UNITS = "|".join(sorted(UNIT_WORDS, key=len, reverse=True))
_TENS = "|".join(TENS_WORDS)
_SMALL = rf"(?:(?:{_TENS})(?:[- ](?:{_UNITS}))?|(?:{_UNITS}))"
_SCALES = "|".join(SCALE_WORDS)

#: A number written in words: "twenty-three", "one hundred and fifty", "a dozen",
#: "half a dozen", "three dozen" (36); also a bare "a"/"an"/"half a" when a scale word
#: follows ("a million").
WORD_NUMBER = (
    rf"(?:{_SMALL}|an?)\s+hundred(?:\s+(?:and\s+)?{_SMALL})?"
    rf"|(?:half\s+an?|an?|{_SMALL})\s+dozen"
    rf"|(?:half\s+an?|an?)(?=\s+(?:thousand|million|billion|trillion)\b)"
    rf"|{_SMALL}"
)

#: A word number must not run into an ordinal or fraction ("twenty-first", "two-thirds").
_NOT_ORDINAL = r"(?!-(?:first|second|third|fifth|\w+ths?|thirds?|halfs?|halves|quarters?)\b)"

_NUMBER_RE = re.compile(
    rf"(?<![\w.,])(?<!\d[.,])(?:(?P<digits>{DIGITS})(?![\d])"
    rf"|(?P<words>\b(?:{WORD_NUMBER})\b{_NOT_ORDINAL}))"
    rf"(?:\s+(?P<scale>(?:{_SCALES}))\b(?!-)|\s+(?P<dozen>dozen)\b(?!-)|(?P<abbr_space>\s?)(?P<abbr>bn|tn|trn|mn|mln|m|k|b)(?![\w]))?",
    re.IGNORECASE,
)

# --- currency prefixes (part of number syntax: "$5", "US$5", "USD 5") ----------------------

#: Currency written before an amount, to ISO 4217 codes. "$" alone is US dollars unless a
#: country prefix says otherwise (AP style writes "C$", "A$", "HK$" for other dollars).
CURRENCY_PREFIXES = {
    "US$": "USD", "U.S.$": "USD", "A$": "AUD", "AU$": "AUD", "C$": "CAD", "CA$": "CAD",
    "CAN$": "CAD", "HK$": "HKD", "NZ$": "NZD", "S$": "SGD", "NT$": "TWD", "R$": "BRL",
    "MX$": "MXN", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₽": "RUB",
    "₩": "KRW", "₺": "TRY", "₪": "ILS", "Rs.": "INR", "Rs": "INR", "RMB": "CNY",
    "USD": "USD", "EUR": "EUR", "GBP": "GBP", "JPY": "JPY", "CNY": "CNY", "RUB": "RUB",
    "INR": "INR", "CAD": "CAD", "AUD": "AUD", "CHF": "CHF", "HKD": "HKD", "KRW": "KRW",
    "BRL": "BRL", "ZAR": "ZAR", "MXN": "MXN", "SEK": "SEK", "NOK": "NOK", "TRY": "TRY",
}  # fmt: skip
_PREFIX_ALT = "|".join(re.escape(p) for p in sorted(CURRENCY_PREFIXES, key=len, reverse=True))
#: A currency prefix immediately before a number's start; letter codes need a word edge.
_PREFIX_BEFORE = re.compile(rf"(?:(?<![A-Za-z])(?P<prefix>{_PREFIX_ALT}))\s?$")

# --- qualifiers ------------------------------------------------------------------------

#: Qualifiers written before a number, by the kind of range they make. After the wording
#: of AP style ("more than" for numerals, "about" for approximations) and the approximators
#: of Ferson et al. 2015 ("Natural language of uncertainty: numeric hedge words").
QUALIFIERS = {
    # at least N: [N, unbounded)
    "at least": "lower", "no fewer than": "lower", "no less than": "lower",
    "more than": "lower", "over": "lower", "upwards of": "lower", "in excess of": "lower",
    "well over": "lower", "well above": "lower", "above": "lower",
    # just above N: [N, a bit above]
    "just over": "just_over", "a little over": "just_over", "slightly more than": "just_over",
    "just above": "just_over",
    # a bit below N: [a bit below, N]
    "nearly": "near", "almost": "near", "close to": "near", "just under": "near",
    "just shy of": "near", "a little under": "near", "slightly less than": "near",
    "just below": "near", "nearing": "near",
    # about N: N ± a tolerance
    "about": "approx", "some": "approx", "around": "approx", "roughly": "approx",
    "approximately": "approx", "an estimated": "approx", "estimated": "approx",
    "circa": "approx", "an approximate": "approx", "approx.": "approx",
    # at most N: [0, N]
    "up to": "upper", "fewer than": "upper", "less than": "upper", "under": "upper",
    "as many as": "upper", "as much as": "upper", "at most": "upper",
    "no more than": "upper", "a maximum of": "upper", "below": "upper",
}  # fmt: skip
_QUAL_ALT = "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True))
_QUALIFIER_BEFORE = re.compile(rf"(?<![\w])(?P<qual>{_QUAL_ALT})\s+$", re.IGNORECASE)

#: "about N": N ± 10%. News rounds approximate figures to one or two significant digits
#: ("some 400" for 370-430); 10% covers rounding to two significant digits and the spread of
#: readings people give "about N" (Ferson et al. 2015 report roughly ±5-15%).
APPROX_TOLERANCE = 0.10
#: "nearly N" / "just over N": within 10% of N on the named side, for the same reason.
NEAR_TOLERANCE = 0.10

#: Vague plurals: the range runs from two of the unit to just below where the next larger
#: vague word takes over ("dozens" up to 199, "hundreds" from 200; "thousands" up to 19,999).
VAGUE_PLURALS = {
    "dozens": (24, 199),
    "scores": (40, 199),
    "hundreds": (200, 1_999),
    "thousands": (2_000, 19_999),
    "tens of thousands": (20_000, 199_999),
    "hundreds of thousands": (200_000, 1_999_999),
    "millions": (2_000_000, 19_999_999),
    "tens of millions": (20_000_000, 199_999_999),
    "hundreds of millions": (200_000_000, 1_999_999_999),
    "billions": (2e9, 19.999e9),
    "tens of billions": (20e9, 199.999e9),
    "hundreds of billions": (200e9, 1_999.999e9),
}
_VAGUE_ALT = "|".join(re.escape(v) for v in sorted(VAGUE_PLURALS, key=len, reverse=True))
#: A vague plural, followed by "of" ("hundreds of millions of dollars") or, used as a
#: noun, by a verb ("Hundreds were killed").
_VAGUE_RE = re.compile(
    rf"(?<![\w])(?P<vague>{_VAGUE_ALT})(?=\s+of\b|\s+(?:were|are|have|had|more|died|fled|"
    rf"gathered|marched|remain|remained|took|joined|lost|left|attended|protested)\b)",
    re.IGNORECASE,
)

#: "several hundred", "a few thousand": multiples of a scale word.
VAGUE_MULTIPLES = {"several": (3, 9), "a few": (2, 5), "a couple of": (2, 2)}
_MULTIPLE_RE = re.compile(
    rf"(?<![\w])(?P<mult>several|a few|a couple of)\s+(?P<scale>dozen|{_SCALES})\b",
    re.IGNORECASE,
)

#: Range connectors between two numbers: "10-12", "10 to 12", "between 10 and 12".
_RANGE_SEP = re.compile(r"\s*(?:-|–|—)\s*|\s+to\s+|\s+or\s+", re.IGNORECASE)
_BETWEEN_BEFORE = re.compile(r"(?<![\w])between\s+$", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"(?<![\w])from\s+(?:\S+\s+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Quantity:
    """A written quantity: ``text[start:end]`` holds qualifier, currency prefix and number(s).

    ``low``/``high`` are the value range after scale and qualifier (None = unbounded);
    ``value`` is the written number (the first of a range); ``num_start``/``num_end`` the
    span of the last number and its scale word, where units and nouns are looked for.
    """

    start: int
    end: int
    num_start: int
    num_end: int
    value: float
    low: float | None
    high: float | None
    qualifier: str | None = None
    prefix: str | None = None
    scale: str | None = None
    is_word: bool = False
    is_range: bool = False
    is_vague: bool = False


def word_number_value(words: str) -> float | None:
    """The value of a number written in words ("twenty-three" -> 23, "a dozen" -> 12)."""
    total = 0.0
    current = 0.0
    seen = False
    tokens = re.split(r"[\s-]+", words.lower().strip())
    for i, tok in enumerate(tokens):
        if tok == "and":
            continue
        if tok in ("a", "an"):
            current = max(current, 1.0)
            seen = True
        elif tok == "half":
            current = 0.5
            seen = True
            if i + 1 < len(tokens) and tokens[i + 1] in ("a", "an"):
                tokens[i + 1] = "and"  # "half a dozen": the "a" is not another one
        elif tok in UNIT_WORDS:
            current += UNIT_WORDS[tok]
            seen = True
        elif tok in TENS_WORDS:
            current += TENS_WORDS[tok]
            seen = True
        elif tok == "dozen":
            current = (current or 1.0) * 12
            seen = True
        elif tok == "hundred":
            current = (current or 1.0) * 100
            seen = True
        elif tok in SCALE_WORDS:
            total += (current or 1.0) * SCALE_WORDS[tok]
            current = 0.0
            seen = True
        else:
            return None
    return total + current if seen else None


def parse_number(text: str) -> float | None:
    """The value of a written number: digits ("1,200.5") or words ("two million")."""
    s = text.strip()
    m = re.fullmatch(rf"({DIGITS})(?:\s+({_SCALES}))?", s, re.IGNORECASE)
    if m:
        value = float(m.group(1).replace(",", ""))
        if m.group(2):
            value *= SCALE_WORDS[m.group(2).lower()]
        return value
    return word_number_value(s)


def tidy(x: float | None) -> float | None:
    """``x`` rounded to 12 significant digits, so that 47.3 * 1e6 reads 47300000.0."""
    return None if x is None else float(f"{x:.12g}")


def qualify(low: float, high: float, qualifier: str | None) -> tuple[float | None, float | None]:
    """The range a qualifier makes of the written range [low, high] (None = unbounded)."""
    low, high = _qualify(low, high, qualifier)
    return tidy(low), tidy(high)


def _qualify(low: float, high: float, qualifier: str | None) -> tuple[float | None, float | None]:
    kind = QUALIFIERS.get(qualifier.lower()) if qualifier else None
    if kind == "lower":
        return low, None
    if kind == "just_over":
        return low, high * (1 + NEAR_TOLERANCE)
    if kind == "near":
        return low * (1 - NEAR_TOLERANCE), high
    if kind == "approx":
        return low * (1 - APPROX_TOLERANCE), high * (1 + APPROX_TOLERANCE)
    if kind == "upper":
        return 0.0, high
    return low, high


def integer_range(low: float | None, high: float | None) -> tuple[int | None, int | None]:
    """A range of counts: widened outwards to whole numbers."""
    lo = None if low is None else int(math.floor(low + 1e-9))
    hi = None if high is None else int(math.ceil(high - 1e-9))
    return lo, hi


def _single_numbers(text: str) -> list[tuple[int, int, float, str | None, bool]]:
    """(start, end, value, scale word, is_word) of each written number, in order."""
    out = []
    for m in _NUMBER_RE.finditer(text):
        end = m.end()
        abbr = m.group("abbr")
        if abbr:
            ok = bool(m.group("digits")) and abbr == abbr.lower()
            if abbr in PREFIX_ONLY_ABBREVIATIONS:
                ok = ok and not m.group("abbr_space") and _PREFIX_BEFORE.search(
                    text[max(0, m.start() - 8) : m.start()]
                ) is not None
            if not ok:
                end = m.start("abbr_space")
                abbr = None
        if m.group("digits"):
            value = float(m.group("digits").replace(",", ""))
            is_word = False
        else:
            value = word_number_value(m.group("words"))
            is_word = True
            if value is None:
                continue
        scale = m.group("scale").lower() if m.group("scale") else None
        if m.group("dozen"):
            value *= DOZEN  # "3 dozen", as "three dozen"
        if scale:
            value *= SCALE_WORDS[scale]
        elif abbr:
            scale = abbr
            value *= SCALE_ABBREVIATIONS[abbr]
        elif is_word and m.group("words").lower().split()[-1] in ("a", "an"):
            continue  # a bare "a" with no scale word is an article, not a number
        out.append((m.start(), end, tidy(value), scale, is_word))
    return out


def _prefix_and_qualifier(text: str, start: int) -> tuple[int, str | None, str | None]:
    """Extend a number's start over a currency prefix and a qualifier before it."""
    prefix = None
    head = text[max(0, start - 8) : start]
    m = _PREFIX_BEFORE.search(head)
    if m:
        prefix = m.group("prefix")
        start -= len(head) - m.start()
    qualifier = None
    head = text[max(0, start - 24) : start]
    q = _QUALIFIER_BEFORE.search(head)
    if q:
        qualifier = q.group("qual").lower()
        start -= len(head) - q.start()
    return start, prefix, qualifier


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity written in ``text``, in order of position (see ``Quantity``)."""
    singles = _single_numbers(text)
    out: list[Quantity] = []
    used_until = -1
    i = 0
    while i < len(singles):
        s, e, value, scale, is_word = singles[i]
        if s < used_until:
            i += 1
            continue
        start, prefix, qualifier = _prefix_and_qualifier(text, s)
        low = high = value
        num_start, num_end, is_range = s, e, False
        # A range: "10-12", "10 to 12", "between $1bn and $2bn"; "from 10 to 12" is a change.
        between = _BETWEEN_BEFORE.search(text, max(0, start - 10), start)
        if i + 1 < len(singles):
            s2, e2, value2, scale2, _ = singles[i + 1]
            gap = text[e:s2]
            gap_prefix = re.sub(rf"^(.*?)(?:{_PREFIX_ALT})\s?$", r"\1", gap)
            sep_ok = bool(
                (between and re.fullmatch(r"\s+and\s+", gap_prefix, re.IGNORECASE))
                or (not between and _RANGE_SEP.fullmatch(gap_prefix))
            )
            from_before = _FROM_BEFORE.search(text, max(0, start - 12), start)
            if sep_ok and not from_before and re.fullmatch(r"[\s\w$€£¥₹–—-]*", gap):
                # "10-12 million": the scale of the second number applies to the first.
                if scale2 and not scale:
                    value *= SCALE_WORDS.get(scale2) or SCALE_ABBREVIATIONS[scale2]
                    scale = scale2
                if value <= value2:
                    low, high = value, value2
                    num_start, num_end, is_range = s2, e2, True
                    e = e2
                    i += 1
            if between and is_range:
                start = between.start()
        qlow, qhigh = qualify(low, high, qualifier)
        out.append(
            Quantity(start, e, num_start, num_end, value, qlow, qhigh, qualifier, prefix,
                     scale, is_word, is_range)
        )  # fmt: skip
        used_until = e
        i += 1
    out.extend(_vague_quantities(text, out))
    out.sort(key=lambda q: (q.start, q.end))
    return out


def _vague_quantities(text: str, found: list[Quantity]) -> list[Quantity]:
    """Quantities written as vague plurals or multiples ("dozens of", "several hundred")."""
    out = []
    taken = [(q.start, q.end) for q in found]
    for m in _VAGUE_RE.finditer(text):
        lo, hi = VAGUE_PLURALS[m.group("vague").lower()]
        start, prefix, qualifier = _prefix_and_qualifier(text, m.start())
        out.append(
            Quantity(start, m.end(), m.start(), m.end(), float(lo), float(lo), float(hi),
                     m.group("vague").lower(), prefix, None, True, True, True)
        )  # fmt: skip
    for m in _MULTIPLE_RE.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            # "several hundred": the scale word alone was not read as a number, so no clash
            continue
        lo, hi = VAGUE_MULTIPLES[m.group("mult").lower()]
        unit = 12.0 if m.group("scale").lower() == "dozen" else SCALE_WORDS[m.group("scale").lower()]
        out.append(
            Quantity(m.start(), m.end(), m.start(), m.end(), lo * unit, lo * unit, hi * unit,
                     m.group("mult").lower(), None, m.group("scale").lower(), True, True, True)
        )  # fmt: skip
    return out


# --- noun phrases ------------------------------------------------------------------------

#: Words that end a noun phrase after a number: prepositions, conjunctions, determiners,
#: pronouns, auxiliaries and frequent reporting/event verbs (closed classes per Quirk et
#: al. 1985, plus the verbs that most often follow a count in news: "two died").
NP_STOP_WORDS = frozenset(
    """
    of in on at by for from to into onto with without within about above below under over
    after before during since until through across against among between near per via than
    as like including despite toward towards upon off out up down around along amid behind
    and or but nor so yet if because while when where who whom whose which that what
    a an the this these those its their his her our my your some any each every all both
    no not none either neither another other others such same own more most less least
    i you he she it we they me him us them itself themselves
    is are was were be been being am has have had do does did will would shall should can
    could may might must ought
    said says say told tell reported according added died killed injured wounded
    remain remained remains went came come flew fled left took made make got get became
    hit hits struck strikes shook shakes rocked jolted sank swept burned burnt destroyed
    damaged flooded stayed fired fell rose grew won lost ran saw seen gave given kept held
    met spoke spoken fought sat stood began begun wrote sent brought thought found felt led
    sold paid meet speak agree agreed face faced
    aboard abroad inside outside nearby overall altogether alone together respectively
    also still now then already just only even again ago later earlier each apiece
    per cent percent
    """.split()
)

#: Nouns that end in -ly, -ed or -ing and so escape the verb/adverb heuristics below.
NOUNS_LIKE_VERBS = frozenset(
    """
    family families ally rally assembly supply anomaly monopoly belly fly jelly bully
    building buildings meeting meetings hearing hearings wedding weddings ceiling ceilings
    bed beds shed sheds seed seeds need needs speed speeds feed feeds reed breed hundred
    thing things evening evenings morning mornings sibling siblings offspring spring string
    king kings ring rings wing wings shooting shootings bombing bombings killing killings
    warning warnings briefing briefings landing landings crossing crossings opening
    """.split()
)

_WORD_RE = re.compile(r"[A-Za-z][\w'’.-]*[\w]|[A-Za-z]")

#: Irregular plurals -> singular, for head nouns (the common English irregular nouns).
IRREGULAR_PLURALS = {
    "people": "person", "men": "man", "women": "woman", "children": "child",
    "feet": "foot", "teeth": "tooth", "mice": "mouse", "geese": "goose", "police": "police",
    "data": "data", "media": "media", "criteria": "criterion", "phenomena": "phenomenon",
    "personnel": "personnel", "staff": "staff", "sheep": "sheep", "fish": "fish",
    "aircraft": "aircraft", "series": "series", "species": "species", "news": "news",
    "crises": "crisis", "analyses": "analysis", "theses": "thesis", "lives": "life",
    "wives": "wife", "knives": "knife", "leaves": "leaf", "wolves": "wolf",
    "halves": "half", "shelves": "shelf", "thieves": "thief", "buses": "bus",
    "gases": "gas", "viruses": "virus", "bonuses": "bonus", "campuses": "campus",
}  # fmt: skip
#: Singular nouns ending in "s" that the suffix rules would otherwise cut.
SINGULAR_IN_S = frozenset(
    "bus gas lens status virus census chaos bias thesis crisis analysis basis campus "
    "corpus focus bonus plus series species news mathematics physics politics economics "
    "ethics tennis atlas canvas alias axis diabetes measles".split()
)


def singular(word: str) -> str:
    """The lower-case singular of an English noun, by suffix rules (no dictionary)."""
    w = word.lower()
    if w in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[w]
    if w in SINGULAR_IN_S or len(w) <= 3 or w.endswith(("ss", "us", "is")):
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "xes", "sses", "zzes")):
        return w[:-2]
    if w.endswith("oes") and len(w) > 4:
        return w[:-2]
    if w.endswith("s"):
        return w[:-1]
    return w


def _is_np_word(word: str, last: bool) -> bool:
    lw = word.lower()
    if lw in NP_STOP_WORDS or lw in UNIT_WORDS or lw in TENS_WORDS:
        return False
    if lw in NOUNS_LIKE_VERBS or word[:1].isupper():
        return True
    if lw.endswith("ly"):
        return False  # an adverb ("reportedly")
    if last and lw.endswith(("ed", "ing")):
        return False  # a verb after the noun phrase ("five people killed")
    return True


def noun_phrase_after(text: str, pos: int, max_words: int = 6) -> tuple[str, int, int]:
    """The noun phrase that starts at ``pos`` (after blanks): (phrase, start, end).

    It stops at punctuation, a stop word (preposition, verb, determiner...) or after
    ``max_words``; a trailing -ed/-ing word is taken for a verb and dropped. Returns
    ("", pos, pos) when no noun phrase starts there.
    """
    words: list[tuple[str, int, int]] = []
    i = pos
    while len(words) < max_words:
        m = re.match(r"[ \t]+", text[i:])
        j = i + (m.end() if m else 0)
        w = _WORD_RE.match(text, j)
        if not w or (words and j == i):
            break
        word = w.group(0).rstrip(".")
        if not _is_np_word(word, last=False):
            break
        if words and word.lower().endswith("ed") and words[-1][0].lower().endswith("s"):
            break  # a verb after a plural noun ("voters stayed home", "missiles fired")
        words.append((word, j, j + len(word)))
        i = j + len(word)
        if len(word) < len(w.group(0)):
            break  # the word ended a sentence or an abbreviation
    while words and not _is_np_word(words[-1][0], last=True):
        words.pop()
    if not words:
        return "", pos, pos
    start, end = words[0][1], words[-1][2]
    return text[start:end], start, end


def head_noun(phrase: str) -> str:
    """The head noun of a noun phrase (its last word), lower-case singular; "" if none."""
    words = _WORD_RE.findall(phrase)
    if not words:
        return ""
    last = words[-1].split("-")[-1]
    return singular(last)


def noun_phrase_before(text: str, pos: int, max_words: int = 4) -> tuple[str, int, int]:
    """The noun phrase that ends at ``pos`` (before blanks): (phrase, start, end).

    Walks back over noun-phrase words (see ``noun_phrase_after``); ("", pos, pos) if none.
    """
    words: list[tuple[str, int, int]] = []
    i = pos
    while len(words) < max_words:
        j = i
        while j > 0 and text[j - 1] in " \t":
            j -= 1
        m = re.search(r"[A-Za-z][\w'’-]*$", text[max(0, j - 40) : j])
        if not m or (words and j == i):
            break
        word = m.group(0)
        if word.lower() in ("s",) or not _is_np_word(word, last=not words):
            break
        start = j - len(word)
        words.insert(0, (word, start, j))
        i = start
    if not words:
        return "", pos, pos
    return text[words[0][1] : words[-1][2]], words[0][1], words[-1][2]


# --- "pounds": money or mass --------------------------------------------------------------

#: Words that make "pounds" money: the currency's own names and what money does.
POUND_MONEY_CUES = re.compile(
    r"£|\bsterling\b|\b(?:british|uk|u\.k\.)\s+pounds?\b|\b(?:cost|costs|costing|paid|pay|"
    r"pays|paying|price|priced|prices|worth|fine|fined|budget|funding|fund|funds|salary|"
    r"salaries|spend|spent|spending|raise|raised|donated?|donations?|bill|tax|taxes|"
    r"compensation|damages|bail|earn|earned|earns|loan|loans|debt|profit|profits|"
    r"revenue|invest|invested|investment|bonus|wage|wages|award|awarded|grant|bid|"
    r"sold|sell|bought|buy|deal|contract|pension|benefit|benefits)\b",
    re.IGNORECASE,
)
#: Words that make "pounds" a mass: weighing and the mass units it is compared with.
POUND_MASS_CUES = re.compile(
    r"\b(?:weigh|weighs|weighed|weighing|weight|weights|heavy|heavier|lbs?|ounces?|oz|"
    r"kg|kilograms?|kilos?|tons?|tonnes?|grams?|pounds? of)\b",
    re.IGNORECASE,
)


def pounds_are_money(sentence: str) -> bool:
    """Whether "pounds" in ``sentence`` is the British currency rather than a mass.

    A mass unless the sentence speaks of money and not of weight: "pounds of" followed by
    a substance is a mass ("5,000 pounds of beef"), "fined 500 pounds" is money.
    """
    return bool(POUND_MONEY_CUES.search(sentence)) and not POUND_MASS_CUES.search(sentence)


#: Determiners allowed at the start of a subject noun phrase ("These systems").
_SUBJECT_DETERMINERS = re.compile(
    r"^\s*(?:(?:the|these|those|this|that|its|their|his|her|our|a|an|all|both|each)\s+)?",
    re.IGNORECASE,
)
#: A pronoun subject; "these"/"that" are pronouns only when a verb follows them.
_PRONOUN_SUBJECT = re.compile(
    r"^\s*(?:(?:it|they|he|she|we|you|i)\b|(?:this|that|these|those)\s+(?:is|are|was|were|"
    r"will|would|has|have|had|can|could|may|might|must|should|cost|costs)\b)",
    re.IGNORECASE,
)


def clause_subject(sentence: str, verb_start: int) -> str:
    """The subject noun phrase of the clause whose verb starts at ``verb_start``, or "".

    Tries the comma-separated stretches before the verb from the nearest back, so that a
    relative clause ("The jets, which were ordered in 2019, will cost") is skipped; a
    pronoun subject gives "" (its antecedent is another sentence's business). A leading
    dateline ("LIMA, May 9 - ") is skipped.
    """
    first = 0
    skip = dateline_end(sentence)
    if skip and skip <= verb_start:
        first = skip  # "LIMA, May 9 - The toll rose": the subject is "The toll"
    cuts = [first] + [
        m.end() for m in re.finditer(r"[,;:]\s*", sentence[:verb_start]) if m.end() > first
    ]
    for cut in reversed(cuts):
        segment = sentence[cut:verb_start]
        if _PRONOUN_SUBJECT.match(segment):
            return ""
        det = _SUBJECT_DETERMINERS.match(segment)
        phrase, _, end = noun_phrase_after(sentence[:verb_start], cut + det.end())
        if phrase:
            return sentence[cut + len(segment) - len(segment.lstrip()) : end]
    return ""
