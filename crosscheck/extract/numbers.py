"""Find and parse written quantities (digits, number words, scales, qualifiers, ranges).

Shared by the money, count and measure extractors: ``find_quantities(text)`` returns every
written number of a text as a ``Quantity`` whose ``low``/``high`` already account for a
qualifier ("at least", "about", "nearly", ...), a range ("between 10 and 12", "10-12") or a
vague plural ("dozens of", "hundreds of"). The module also holds the small noun-phrase
helpers the extractors use to name the thing counted, priced or measured.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from crosscheck.extract.sentences import dateline_end, title_case
from crosscheck.settings import ATTACHED_UNIT_WINDOW_CHARS, CONTEXT_CHARS, MAX_NUMBER_DIGITS, WORDS_BEFORE_CHARS

#: Where the knowledge of scales, currencies and units lives (each file names its source).
DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def load_data(name: str) -> dict:
    """A JSON file of ``crosscheck/data/``."""
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def load_lists(name: str) -> dict[str, tuple[str, ...]]:
    """A ``name<TAB>words`` file of ``crosscheck/data/`` (``#`` lines are comments): each list by name."""
    out: dict[str, tuple[str, ...]] = {}
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, words = line.partition("\t")
            out[key.strip()] = tuple(words.split())
    return out


#: Named-entity labels (OntoNotes 5) of an amount a unit of time can be the rate of ("900
#: dollars a month").
RATE_OF_LABELS = frozenset({"MONEY", "QUANTITY", "CARDINAL", "PERCENT"})


# --- number syntax -------------------------------------------------------------------

#: Start of a word given as a case-insensitive alternation of words ("rose|fell|..."):
#: ``\b`` before a letter, spelt so that the regex engine skips non-letters at once (a
#: search over a run of digits or symbols is then ten times faster; same matches).
WORD_START = r"(?<!\w)(?=[a-z])"

#: Digits with optional thousands separators and decimals ("1,200", "47.5", "2031"). A
#: group after a comma and a space is a thousands group only when it starts with 0 ("<n>, 0<dd>",
#: a separator spaced out by tokenised text): no number is written with a leading zero,
#: while "<Month> <d>, <nnn> people" is a list of two. Groups of three may also be set off by
#: a no-break or thin space (``GROUP_SPACES``), as the SI Brochure (9th ed., 5.4.4) and ISO
#: 80000-1 write them ("1 250 000"); a plain space (which web pages and text extraction put
#: for those) only in a run of groups one of which starts with 0 ("3 000", "1 250 000"), for
#: the same reason as after a comma: it also stands between two numbers ("in 12 150-seat jets").
GROUP_SPACES = "\u00a0\u2009\u202f"
DIGITS = (
    rf"\d{{1,3}}(?:,\d{{3}}|, 0\d\d(?!\d))+(?:\.\d+)?"
    rf"|\d{{1,3}}(?:[{GROUP_SPACES}]\d{{3}})+(?!\d)(?:\.\d+)?"
    rf"|\d{{1,3}}(?: \d{{3}}){{0,4}}(?: 0\d\d)(?: \d{{3}}){{0,4}}(?!\d)(?:\.\d+)?"  # bounded: linear on a run of groups
    rf"|\d+(?:\.\d+)?"
)
_GROUP_SEPARATORS = str.maketrans("", "", ", " + GROUP_SPACES)


def _digits(text: str) -> str:
    """A ``DIGITS`` numeral as ``float`` reads it: without its group separators."""
    return text.translate(_GROUP_SEPARATORS)


#: Cardinal number words (ordinals such as "first" are deliberately absent).
UNIT_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
#: Multiplicatives (CGEL, Huddleston & Pullum 2002, ch. 5 § 7): how many times ("shot twice").
#: "once" is left out: it is far more often the conjunction or "at one time".
MULTIPLICATIVE_WORDS = {"twice": 2, "thrice": 3}
TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip

_SCALES_DATA = load_data("scales.json")
#: Scale words written out after a number ("1.5 million", "two hundred", "500 crore").
SCALE_WORDS: dict[str, float] = {w: float(f) for w, f in _SCALES_DATA["words"].items()}
#: Scale abbreviations ("2.5bn", "450 mln"), case-sensitive; and those that are also unit
#: symbols ("m", "t", "k"), a scale only when attached to digits next to money or a unit
#: name (``_abbreviation_is_scale``).
SCALE_ABBREVIATIONS: dict[str, float] = {
    a: float(f) for a, f in {**_SCALES_DATA["abbreviations"], **_SCALES_DATA["attached_only"]}.items()
}
ATTACHED_ONLY_ABBREVIATIONS = frozenset(_SCALES_DATA["attached_only"])
#: The normalised name of each scale word and abbreviation ("bn" -> "billion").
SCALE_NAMES: dict[str, str] = _SCALES_DATA["names"]

#: "dozen" after digits multiplies them ("3 dozen" = 36); written out, it is part of the
#: word number ("three dozen", ``WORD_NUMBER``).
DOZEN = 12

_UNITS = "|".join(sorted(UNIT_WORDS, key=len, reverse=True))
_TENS = "|".join(TENS_WORDS)
_SMALL = rf"(?:(?:{_TENS})(?:[- ](?:{_UNITS}))?|(?:{_UNITS}))"
_SCALES = "|".join(sorted(SCALE_WORDS, key=len, reverse=True))


def _alternation(words, case_sensitive: bool = True) -> str:
    """A regex alternation of literal ``words``, longest first (so the longest wins)."""
    alt = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return f"(?-i:{alt})" if case_sensitive else alt


#: A number written in words: "twenty-three", "one hundred and fifty", "a dozen",
#: "half a dozen", "a half-dozen", "three dozen" (36), "pair" before "of" (2); also a bare
#: "a"/"an"/"half a" when a scale word follows ("a million").
WORD_NUMBER = (
    rf"(?:{_SMALL}|an?)\s+hundred(?:\s+(?:and\s+)?{_SMALL})?"
    rf"|(?:half[\s-]+an?|an?(?:\s+half)?|{_SMALL})[\s-]+dozen"
    r"|an?\s+pair(?=\s+of\b)"
    rf"|(?:half\s+an?|an?)(?=\s+(?:thousand|million|billion|trillion)\b)"
    rf"|{_SMALL}"
)

#: A word number must not run into an ordinal or fraction ("twenty-first", "two-thirds",
#: "three-fifths"); "six-month" is a number and a unit.
_NOT_ORDINAL = (
    r"(?!-(?:first|second|third|thirds|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?|elevenths?"
    r"|twelfths?|\w+teenths?|\w+ieths?|hundredths?|thousandths?|millionths?|halfs?|halves|quarters?)\b)"
)

#: Currency prefixes that end in a letter may be attached to the digits ("euro30 billion",
#: "Rs500", "$US1 million"): then a letter may stand right before a number.
_WORD_PREFIXES = sorted(
    {p for c in load_data("currencies.json")["currencies"] for p in [*c["prefixes"], c["code"]] if p[-1:].isalpha()}
)
_AFTER_WORD_PREFIX = "".join(f"|(?<=(?<![A-Za-z]){re.escape(p)})" for p in _WORD_PREFIXES)

#: Vulgar fractions as Unicode encodes them (Latin-1 Supplement and the Number Forms
#: block), with their values from the Unicode Character Database ("½" -> 0.5).
VULGAR_FRACTIONS = {
    chr(c): unicodedata.numeric(chr(c))
    for c in [*range(0x00BC, 0x00BF), *range(0x2150, 0x215F)]
    if unicodedata.numeric(chr(c), None) is not None
}
_VULGAR = "[" + "".join(VULGAR_FRACTIONS) + "]"

#: A sign before digits: a hyphen or the minus sign attached to them where no word,
#: number or closing bracket comes before (so "10-12" and "SM-3" stay unsigned), or the
#: word "minus"/"negative" ("minus 12", "-5 °C").
_SIGN = r"(?P<sign>(?<![\w.,%)\]/°-])[-\u2212](?=\d)|(?<![\w-])(?:minus|negative)\s+)?"

#: A number, with a scale word after a space or a hyphen (also one spaced out, " - ", as
#: tokenised or scraped text writes "$143 - billion", as it writes "2, 000").
_NUMBER_RE = re.compile(
    rf"{_SIGN}(?:(?<![\w.,]){_AFTER_WORD_PREFIX})(?<!\d[.,])(?:(?P<frac>(?:(?P<whole>\d{{1,3}})\s)?(?P<num>\d{{1,2}})/(?P<den>\d{{1,2}})(?![\d/]))"
    rf"|(?P<digits>{DIGITS})(?P<vulgar>{_VULGAR})?(?![\d])|(?P<lone>{_VULGAR})"
    rf"|(?P<words>\b(?:{WORD_NUMBER})\b{_NOT_ORDINAL}))"
    rf"(?:(?:\s+|-| - )(?P<scale>(?:{_SCALES}))\b|\s+(?P<dozen>dozen)\b(?!-)"
    rf"|(?P<abbr_space>\s?)(?P<abbr>{_alternation(SCALE_ABBREVIATIONS)})(?![\w]))?",
    re.IGNORECASE,
)

# --- currencies and units after a number ("5 million euros", "12 km", "50 cents") --------


@dataclass(frozen=True)
class Term:
    """What a word or symbol after a number makes of it: a unit or a currency.

    ``key`` is the unit's name (as ``original_unit`` reports it) or the ISO 4217 code;
    ``factor``/``offset`` take a value to the canonical unit of ``dimension`` as
    ``(x + offset) * factor`` (a currency's minor unit has factor 0.01, dimension "money").
    """

    kind: str
    key: str
    dimension: str
    factor: float = 1.0
    offset: float = 0.0
    needs_scale: bool = False
    context: frozenset[str] = field(default_factory=frozenset)


def _mojibake(symbol: str) -> str | None:
    """``symbol`` as it reads when its UTF-8 bytes are decoded as Windows-1252 ("€" ->
    "â‚¬"), the commonest corruption of scraped text; None for plain ASCII."""
    if symbol.isascii():
        return None
    try:
        return symbol.encode("utf-8").decode("cp1252")
    except UnicodeDecodeError:
        return None


#: Unit symbols read only right after the digits ("-15C", "8MP"), from units.json.
ATTACHED_SYMBOLS: dict[str, list[Term]] = {}


def _load_terms():
    """(words, symbols, prefixes, canonical units) from units.json and currencies.json:
    words map lower case, symbols and prefixes exact spellings, to their ``Term``s."""
    words: dict[str, list[Term]] = {}
    symbols: dict[str, list[Term]] = {}
    prefixes: dict[str, str] = {}

    def add(table, surface, term):
        for s in (surface, _mojibake(surface)):
            if s:
                table.setdefault(s if table is symbols else s.lower(), []).append(term)

    units = load_data("units.json")
    for u in units["units"]:
        term = Term("unit", u["name"], u["dimension"], u["factor"], u.get("offset", 0.0),
                    context=frozenset(u.get("context", ())))  # fmt: skip
        for w in u["words"]:
            add(words, w, term)
        for s in u["symbols"]:
            add(symbols, s, term)
        for s in u.get("attached", ()):
            ATTACHED_SYMBOLS.setdefault(s, []).append(term)
    for c in load_data("currencies.json")["currencies"]:
        code = c["code"]
        context = frozenset(c.get("context", ()))
        for w in c["names"]:
            add(words, w, Term("currency", code, "money", needs_scale=w in c.get("needs_scale", ()),
                               context=context))  # fmt: skip
        add(symbols, code, Term("currency", code, "money"))
        for p in [*c["prefixes"], code]:
            for s in (p, _mojibake(p)):
                if s:
                    prefixes.setdefault(s, code)
        sub = c.get("subunits")
        if sub:
            term = Term("currency", code, "money", sub["factor"])
            for w in sub["names"]:
                add(words, w, term)
            for s in sub["suffixes"]:
                add(symbols, s, term)
    return words, symbols, prefixes, units["canonical"]


TERM_WORDS, TERM_SYMBOLS, CURRENCY_PREFIXES, CANONICAL_UNITS = _load_terms()
#: Currency names spelled in lower case in the data (common nouns: "sterling", "dollars").
_LOWER_CASE_NAMES = frozenset(
    n.lower() for c in load_data("currencies.json")["currencies"] for n in c["names"] if n == n.lower()
)
#: Unit words spelled in lower case in the data (common nouns: "miles", "watt"; not "Celsius").
_LOWER_CASE_UNIT_WORDS = frozenset(w for u in load_data("units.json")["units"] for w in u["words"] if w == w.lower())


def _surface_pattern(surface: str) -> str:
    """A term's words joined by spaces or, as a compound modifier, by hyphens
    ("a <n>-square-foot building"; Chicago Manual of Style 7.85)."""
    return r"(?:\s+|-)".join(re.escape(part) for part in surface.split())


#: A unit or currency right after a number: attached, after a space or a hyphen ("12 km",
#: "12-km", "12km"). Words in any case, symbols as written; longest first, and not run
#: into a following letter or into an abbreviation ("5 m.p.h." is no metre).
_TERM_RE = re.compile(
    r"(?:\s*-\s*|\s?)(?P<term>"
    + "|".join(
        f"(?i:{_surface_pattern(s)})" if table is TERM_WORDS else _surface_pattern(s)
        for s, table in sorted(
            [(w, TERM_WORDS) for w in TERM_WORDS] + [(s, TERM_SYMBOLS) for s in TERM_SYMBOLS],
            key=lambda x: len(x[0]),
            reverse=True,
        )
    )
    + r")(?:(?<=′)(?=(?:1[01]|\d)(?:\.\d+)?″)|(?![^\W_]|[²³]))(?!\.[^\W\d_])"  # a prime may run into
)  # the inches of a height (5′8″: fewer than twelve, then a double prime)

#: Currency prefixes before an amount, longest first; letters before "$" may be set off by
#: a space when there are two or more of them ("HK $5", not "A $5": that is an article).
#: The second number of a range shares the first one's prefix ("$140 - 150MM").
_ATTACHED_PREFIXES = frozenset(load_data("currencies.json").get("attached", ()))


def _prefix_pattern(prefix: str) -> str:
    if prefix.isalpha() and prefix.islower() or prefix in _ATTACHED_PREFIXES:
        return re.escape(prefix) + r"(?!\s)"  # attached ("euro30 billion", "Dh4,275", "$US1 million")
    return re.sub(r"^([A-Za-z.]{2,})\\\$$", r"\1\\s?\\$", re.escape(prefix))


_PREFIX_ALT = "|".join(_prefix_pattern(p) for p in sorted(CURRENCY_PREFIXES, key=len, reverse=True))
#: A currency prefix immediately before a number's start; letter codes need a word edge.
_PREFIX_BEFORE = re.compile(rf"(?:(?<![A-Za-z])(?P<prefix>{_PREFIX_ALT}))\s?$")
_PREFIXED_RANGE_START = re.compile(rf"(?<![A-Za-z])(?:{_PREFIX_ALT})\s?(?:{DIGITS})\s*(?:-|–|to)\s*$")


def prefix_currency(prefix: str) -> str:
    """The ISO 4217 code of a currency prefix as written ("HK $" -> "HKD")."""
    return CURRENCY_PREFIXES[re.sub(r"\s+", "", prefix)]


#: An attached symbol (``ATTACHED_SYMBOLS``), not run into a letter, a digit or an abbreviation.
_ATTACHED_TERM_RE = re.compile(
    "(?P<term>" + "|".join(re.escape(s) for s in sorted(ATTACHED_SYMBOLS, key=len, reverse=True))
    + r")(?![^\W_])(?!\.[^\W\d_])"
)


#: Right before digits, a letter and a hyphen ("F-16", "KC-135": a model's letters; "gusts
#: and-15C": a word run into what may be a minus sign, whose figure's sign is then unknown), or
#: capitals standing alone ("A380").
_LETTER_BEFORE = re.compile(r"[A-Za-z]-$|(?<![A-Za-z])[A-Z]{1,3}$")


def _attached_terms_at(text: str, pos: int) -> tuple[list[Term], re.Match] | None:
    """A unit symbol written right after the digits that end at ``pos``. A letter after
    digits is as often a model's or a grade's ("F-16C", "a 747F freighter", "Grade 5C
    students"), so a symbol with context words is read only where one of them is near, the
    digits follow no letter, and the word after it, if any, is one of the context words or a
    function word ("-15C temperatures", "30C in London"), not a noun it names."""
    if pos == 0 or not text[pos - 1].isdigit():
        return None
    m = _ATTACHED_TERM_RE.match(text, pos)
    if m is None:
        return None
    terms = ATTACHED_SYMBOLS[m.group("term")]
    if any(t.context for t in terms):
        digits = pos
        while digits > 0 and (text[digits - 1].isdigit() or text[digits - 1] in ".,"):
            digits -= 1
        lead = _LETTER_BEFORE.search(text, max(0, digits - 4), digits)
        near = text[max(0, pos - ATTACHED_UNIT_WINDOW_CHARS):pos + ATTACHED_UNIT_WINDOW_CHARS].lower()
        words = set(re.findall(r"[a-z]+", near))
        after = _WORD_NEXT.match(text, m.end())
        nxt = after.group(1) if after else ""
        terms = [t for t in terms if not t.context or (
            not lead and t.context & words and (not nxt or nxt in t.context or nxt in NP_STOP_WORDS))]
    return (terms, m) if terms else None


def _terms_at(text: str, pos: int) -> tuple[list[Term], re.Match] | None:
    m = _TERM_RE.match(text, pos)
    if not m:
        return _attached_terms_at(text, pos)
    surface = m.group("term")
    terms = TERM_SYMBOLS.get(surface) or TERM_WORDS.get(" ".join(surface.lower().split()), [])
    if not terms and "-" in surface:  # a compound modifier: "square-foot" as "square foot"
        terms = TERM_WORDS.get(" ".join(surface.lower().replace("-", " ").split()), [])
    return (terms, m) if terms else None


#: Where a clause ends, for the headline a unit's capital is read in.
_CLAUSE_END = re.compile(r"[,;:(]|\s[–—-]\s")
#: A capitalised word next: a proper name goes on.
_NAME_GOES_ON = re.compile(r"[ \t]+[A-Z]")
_WORD_NEXT = re.compile(r"[ \t]+([a-z]+)\b")


def _modifies_a_noun(text: str, end: int) -> bool:
    """Whether the word after ``end`` goes on with a noun phrase (a lower-case word that is no
    word ending one, ``NP_STOP_WORDS``): the word before it modifies that noun."""
    m = _WORD_NEXT.match(text, end)
    return m is not None and m.group(1) not in NP_STOP_WORDS


def term_after(text: str, pos: int, *, scaled: bool = False) -> tuple[Term, int] | None:
    """(the unit or currency written at ``pos`` of the sentence ``text``, its end), or None.

    A name that is also a common word ("won", "real") is a currency only after a scale word
    (``scaled``). A surface with two readings ("pounds": mass or sterling) is settled by
    grammar first, then by context, after the word-overlap fallback of quantulum3's
    ``disambiguate``: an attributive compound ("a twenty-pound bag": number, hyphen, unit,
    noun) or an "of" complement ("500 pounds of debris") is a measure (Quirk et al. 1985,
    17.104: measure phrases as premodifiers); otherwise the reading whose context words
    (in the data files) the sentence shares most; a tie goes to the unit.
    """
    found = _terms_at(text, pos)
    if not found:
        return None
    terms, m = found
    terms = [t for t in terms if scaled or not t.needs_scale]
    surface = m.group("term")
    if surface[:1].isupper() and not surface.isupper() and surface.lower() in _LOWER_CASE_NAMES and not scaled \
            and (_NAME_GOES_ON.match(text, m.end()) or _modifies_a_noun(text, m.end())):
        # a currency name is a common noun: capitalised before another capitalised word, it is
        # part of a proper name ("5 Sterling Road", "Dollar General"), and before a noun a
        # modifier of it ("three Euro titles"), unless the data spells it so ("Swiss francs") or
        # a scale word stands before it ("15 billion Euros"); alone, it is the currency written
        # with a capital ("paid 300 Euros for it")
        terms = [t for t in terms if t.kind != "currency"]
    if surface[:1].isupper() and not surface.isupper() and " ".join(surface.lower().split()) in _LOWER_CASE_UNIT_WORDS \
            and not title_case(text) and not title_case(text[:m.end()] + _CLAUSE_END.split(text[m.end():], 1)[0]):
        # so is a unit's word, a common noun, written with a capital after a number outside a
        # headline set in title case (whole, or up to the clause's end: "Storm Leaves 2 Feet Of
        # Snow, forecasters say"): a name ("12 Mile Creek", "the 2019 Volt", "the 3 Pints inn"), not a measure
        terms = [t for t in terms if t.kind != "unit"]
    if not terms:
        return None
    if len({(t.kind, t.key) for t in terms}) > 1:
        units = [t for t in terms if t.kind == "unit"]
        rest = text[m.end() :]
        compound = m.group(0).lstrip().startswith("-") or m.group(0)[:1] == "-"
        if units and (
            (compound and re.match(r"\s+[a-z]", rest) and not re.match(r"\s+(?:of|in|for|to|and|or)\b", rest))
            or re.match(r"\s+of\b", rest)
        ):
            return units[0], m.end()
        if units and _HEIGHT_THEN_NUMBER.search(text, max(0, pos - 48), pos):
            return units[0], m.end()  # "6-foot-3, 230 pounds": a description's weight
        words = {w.lower() for w in re.findall(r"[^\W\d_]+|[£$€¥]", text)}
        terms = sorted(terms, key=lambda t: (-len(t.context & words), t.kind != "unit"))
    return terms[0], m.end()


def _abbreviation_is_scale(text: str, start: int, abbr_end: int, attached: bool) -> bool:
    """Whether a letter after digits that is also a unit symbol ("m", "k", "t") is a scale:
    attached to the digits, after a currency prefix ("$5M", "€10m") or before a currency or
    unit name ("1.2m tons", "5m euros"); "12m deep" stays metres."""
    if not attached:
        return False
    head = text[max(0, start - 40) : start]
    if _PREFIX_BEFORE.search(head[-12:]) or _PREFIXED_RANGE_START.search(head):
        return True
    found = _terms_at(text, abbr_end)
    return bool(found and found[1].group("term").lower() in TERM_WORDS and found[1].group(0)[:1].isspace())

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

#: Qualifiers written right after a number, before its unit or noun: "10 or more people",
#: "three-plus seasons", "20+ years" (more than: Merriam-Webster, "-plus", adjective sense
#: 2), "100 or so", "40-odd years" (with some more, below the next round number: OED, "odd",
#: adj., sense 3b; "step": up to one more unit of the figure's last digit, 40 to 50), "five
#: or fewer". Stored as the key written here; each makes the range its kind says, as the
#: qualifiers before a number do.
POSTFIX_QUALIFIERS = {
    "or more": "lower", "plus": "lower", "or so": "approx", "odd": "step",
    "or fewer": "upper", "or less": "upper",
}  # fmt: skip
_QUALIFIER_AFTER = re.compile(
    r"(?:\s+(?P<or>or\s+(?:more|so|fewer|less))|[-\u2013](?P<hyphened>plus|odd)|(?P<plus>\+))(?![\w+])"
    # not a comparison or an adverb that goes on ("or more than double", "or more importantly"),
    # a compound ("or so-called"), nor a clause that starts ("5% or so he said")
    r"(?!\s+than\b|\s+[a-z]+ly\b|-|\s+(?:he|she|they|it|we|i|you)\b)",
    re.IGNORECASE,
)
#: The kind of range of every qualifier, written before or after the number.
QUALIFIER_KINDS = {**QUALIFIERS, **POSTFIX_QUALIFIERS}


#: A scale word after a qualifier that follows a number ("40-odd thousand").
_SCALE_AFTER = re.compile(rf"\s+({_SCALES})\b", re.IGNORECASE)


def qualifier_after(text: str, end: int) -> tuple[str, int] | None:
    """(the qualifier written right after a number ending at ``end``, its end), or None."""
    m = _QUALIFIER_AFTER.match(text, end)
    if m is None:
        return None
    word = m.group("or") or m.group("hyphened") or "plus"
    return " ".join(word.lower().split()), m.end()

#: "about N": N ± 10% at most. News rounds approximate figures to one or two significant
#: digits ("some 400" for 370-430); 10% covers rounding to two significant digits and the
#: spread of readings people give "about N" (Ferson et al. 2015 report roughly ±5-15%). The
#: tolerance is also at most one unit of N's last significant digit (``last_digit``): a
#: figure written to more digits claims more precision ("about 2,900" is 2,800-3,000, and
#: does not reach "some 3,400"; "about 47" is 46-48).
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
#: A vague plural followed by "of" ("hundreds of millions of pesos", "dozens of ferries"):
#: a quantifier of what follows. One used as a noun phrase of its own ("Hundreds were
#: killed", "the blast injured dozens") is read from the parse (``vague_noun``), where the
#: words alone cannot tell it from other uses ("the scores were level").
_VAGUE_RE = re.compile(rf"(?<![\w])(?P<vague>{_VAGUE_ALT})(?=\s+of\b)", re.IGNORECASE)
#: Any vague plural, to find the sentences worth parsing for one used as a noun.
VAGUE_WORD = re.compile(rf"(?<![\w])(?:{_VAGUE_ALT})(?![\w])", re.IGNORECASE)

#: "several hundred", "a few thousand", "several hundred thousand": multiples of a scale word
#: (a second scale word in lower case: "Several hundred Thousand Oaks residents" is a name's).
VAGUE_MULTIPLES = {"several": (3, 9), "a few": (2, 5), "a couple of": (2, 2)}
_MULTIPLE_RE = re.compile(
    rf"(?<![\w])(?P<mult>several|a few|a couple of)\s+(?P<scale>dozen|{_SCALES})\b(?:\s+(?P<times>(?-i:{_SCALES}))\b)?",
    re.IGNORECASE,
)

#: Range connectors between two numbers: "10-12", "10 to 12", "between 10 and 12".
_RANGE_SEP = re.compile(r"\s*(?:-|–|—)\s*|-?\s+to\s+|\s+or\s+", re.IGNORECASE)
#: Longest text between the two numbers of a range ("10 square kilometres to 12").
MAX_RANGE_GAP = 40
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
        elif tok == "pair":
            current = (current or 1.0) * 2
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
        value = float(_digits(m.group(1)))
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
    if low < 0 and qualifier and QUALIFIER_KINDS.get(qualifier.lower()) in ("approx", "near", "just_over", "step"):
        # below zero a tolerance widens the other way: "about -10" is -11 to -9
        lo, hi = _qualify(-high, -low, qualifier)
        return -hi, -lo
    kind = QUALIFIER_KINDS.get(qualifier.lower()) if qualifier else None
    if kind == "lower":
        return low, None
    if kind == "step":
        return low, high + last_digit(high)
    if kind == "just_over":
        return low, high * (1 + NEAR_TOLERANCE)
    if kind == "near":
        return low * (1 - NEAR_TOLERANCE), high
    if kind == "approx":
        return (low - min(abs(low) * APPROX_TOLERANCE, last_digit(low)),
                high + min(abs(high) * APPROX_TOLERANCE, last_digit(high)))
    if kind == "upper":
        return (0.0 if high >= 0 else None), high  # "-5% or less" has no floor at zero
    return low, high


def qualify_twice(low: float, high: float, before: str | None, after: str) -> tuple[float | None, float | None, str]:
    """(low, high, qualifier) of the written range [low, high] with a qualifier written after
    it ("10 or more") and maybe one before it: both hedge, so the range is the one either
    allows ("about 100 or more": at least about 100, 90 and up), and the qualifier kept is the
    one after where it bounds the range or steps it ("some 200-odd" is no "about 240"), else
    the one before."""
    low_a, high_a = qualify(low, high, after)
    if before is None:
        return low_a, high_a, after
    low_b, high_b = qualify(low, high, before)
    low_q = min(low_a, low_b) if low_a is not None and low_b is not None else None
    high_q = max(high_a, high_b) if high_a is not None and high_b is not None else None
    return low_q, high_q, after if QUALIFIER_KINDS[after] in ("lower", "upper", "step") else before


def qualified_after(q: Quantity, text: str, end: int) -> tuple[float | None, float | None, str, int] | None:
    """(low, high, qualifier, its end) of ``q`` with a qualifier written at ``end`` of ``text``,
    after the figure's unit, currency or noun ("30% or more", "5 million euros or more", "20
    people or more"), beside any qualifier before it (``qualify_twice``); None when there is
    none, or when a range already qualified before it holds no written ends to read again."""
    if q.is_range and q.qualifier:
        return None
    post = qualifier_after(text, end)
    if post is None:
        return None
    written = (q.low, q.high) if q.is_range else (q.value, q.value)
    return (*qualify_twice(written[0], written[1], q.qualifier, post[0]), post[1])


def last_digit(x: float) -> float:
    """One unit of the last significant digit of ``x`` as written: 100 for 2,900, 1 for 47,
    0.1 for 6.5, 100,000 for 2.5 million (its value 2,500,000)."""
    if x == 0 or not math.isfinite(x):
        return 0.0
    return 10.0 ** Decimal(repr(abs(x))).normalize().as_tuple().exponent


def integer_range(low: float | None, high: float | None) -> tuple[int | None, int | None]:
    """A range of counts: widened outwards to whole numbers."""
    lo = None if low is None else int(math.floor(low + 1e-9))
    hi = None if high is None else int(math.ceil(high - 1e-9))
    return lo, hi


def _number_value(m: re.Match) -> tuple[float, bool] | None:
    """(value, is_word) of a ``_NUMBER_RE`` match before its scale; None if no number.

    A slashed pair is a fraction only when it is proper and measures something (a unit
    follows: "1/4 inch", "3 1/2 miles"); otherwise it is a date, score or ratio ("9/11",
    "24/7", "3/4 of voters" is left to the fraction words it is read as)."""
    if m.group("frac"):
        num, den = int(m.group("num")), int(m.group("den"))
        whole = int(m.group("whole") or 0)
        if num >= den and not m.group("whole") and 0 < num % 10 < den:
            # "<d><n>/<m> miles": a mixed number whose space (or "½" glyph) was lost, as no
            # measure is written as an improper fraction
            whole, num = num // 10, num % 10
        if not 0 < num < den or not _terms_at(m.string, m.end("frac")):
            return None
        return whole + num / den, False
    if m.group("digits"):
        return float(_digits(m.group("digits"))) + VULGAR_FRACTIONS.get(m.group("vulgar") or "", 0.0), False
    if m.group("lone"):
        return VULGAR_FRACTIONS[m.group("lone")], False
    value = word_number_value(m.group("words"))
    return None if value is None else (value, True)


_COMPOUND_AFTER = re.compile(r"-[^\W\d_]")
_ARTICLE_BEFORE = re.compile(r"(?<![\w])an?\s+$", re.IGNORECASE)


def _compound_scale(text: str, m: re.Match) -> bool:
    """Whether a scale word set apart from its number by a space opens a compound adjective
    of the noun counted ("two million-dollar homes": two homes of a million dollars each),
    not the number's scale: a scale joined by a hyphen ("$4.5-million", "three-million-euro"),
    after a currency prefix ("$2 million-a-year") or after an article ("a 10 million-euro
    fund") belongs to the number."""
    if text[m.end("scale") - len(m.group("scale")) - 1] == "-" or not _COMPOUND_AFTER.match(text, m.end("scale")):
        return False
    before = text[max(0, m.start() - 12) : m.start()]
    return not (_PREFIX_BEFORE.search(before) or _ARTICLE_BEFORE.search(before))


#: A telephone number, in the notations of ITU-T E.123 (national: a trunk "0" and groups,
#: "0161 496 0123"; international: "+44 161 496 0123") and of the North American Numbering
#: Plan ("(206) 448-8160", "800-800-3855", "1-800-555-0100"): an identifier, no quantity.
_TELEPHONE = re.compile(
    r"(?<![\w.,])(?:\+\d{1,3}[ -]?(?:\(0\))?\d{2,5}(?:[ -]\d{2,8})+"
    r"|0\d{2,4}(?:[ -]\d{3,8})+"
    r"|(?:1-)?\(?\d{3}\)?[ -]\d{3}-\d{4})(?!\w|[.,]\d)")


#: Time-zone abbreviations written after a time of day ("at 0915 GMT", "10:30 EDT"): those of the
#: IANA time zone database (tzdata) that English-language wire copy uses, with "local time".
TIME_ZONES = r"(?:(?-i:GMT|UTC|BST|CET|CEST|EET|EEST|MSK|EST|EDT|CST|CDT|MST|MDT|PST|PDT|AKST|AKDT|HST|GST|IST|PKT|ICT|WIB|SGT|HKT|JST|KST|AEST|AEDT|AWST|NZST|NZDT)|local time)\b"
#: Four digits that are a time on the 24-hour clock by the zone after them ("at about 0915 GMT"),
#: not a year: hours to 23, minutes to 59.
CLOCK_TIME = re.compile(rf"(?<!\d)(?:[01]\d|2[0-3])[0-5]\d(?=\s*{TIME_ZONES})")


def clock_time_at(text: str, start: int) -> bool:
    """Whether the four digits at ``start`` are a time of day (``CLOCK_TIME``)."""
    return CLOCK_TIME.match(text, start) is not None


#: Feet joined by a hyphen to the inches that follow, as news style writes a height ("a
#: 6-foot-2 guard", "5-feet-8 inches"; AP Stylebook, "dimensions"): the next digits are inches,
#: fewer than twelve, whatever follows them ("6-foot-3,230 pounds" is 6 ft 3 in and 230 lb).
FEET_BEFORE_INCHES = re.compile(r"(?<![\w.])\d{1,2}\s*-?\s*(?:foot|feet|ft)-$", re.IGNORECASE)
MAX_INCHES = 11
#: ... where a weight follows, as a description gives it after the height.
_POUNDS_NEXT = re.compile(r"\s*-?\s*(?:pounds?|lbs?)\b", re.IGNORECASE)
#: A height in feet and inches and a number after it ("6-foot-3, 230", "6 feet 1 inch, 190"):
#: the pounds of that number are a weight, whatever else the sentence speaks of.
_HEIGHT_THEN_NUMBER = re.compile(
    r"\d\s*-?\s*(?:foot|feet|ft)(?:-|\s+)(?:1[01]|\d)(?:\s*-?\s*(?:inches|inch|in\.))?\s*[,;]?\s*\d[\d,.]*$",
    re.IGNORECASE,
)


def _single_numbers(text: str) -> list[tuple[int, int, float, str | None, bool]]:
    """(start, end, value, scale word, is_word) of each written number, in order; none of a
    telephone number (``_TELEPHONE``)."""
    out = []
    phones = [m.span() for m in _TELEPHONE.finditer(text)] if any(c.isdigit() for c in text) else []
    phone_starts = [a for a, _ in phones]
    for m in _NUMBER_RE.finditer(text):
        if m.group("digits") and len(m.group("digits")) > MAX_NUMBER_DIGITS:
            continue  # an identifier, a hash or a table run together, not a quantity
        k = bisect_right(phone_starts, m.start()) - 1  # the phone number starting last before it
        if k >= 0 and m.start() < phones[k][1]:
            continue
        inches, _, rest = (m.group("digits") or "").partition(",")
        if rest and rest[0] != "0" and int(inches) <= MAX_INCHES and _POUNDS_NEXT.match(text, m.end("digits")) \
                and FEET_BEFORE_INCHES.search(text, max(0, m.start() - 12), m.start()):
            # "6-foot-3,230 pounds": the inches, then the number after the comma (its own)
            out.append((m.start(), m.start() + len(inches), float(inches), None, False))
            start = m.start() + len(inches) + 1
            out.append((start, start + len(rest), float(rest.replace(",", "")), None, False))
            continue
        parsed = _number_value(m)
        if parsed is None:
            if m.group("frac"):  # not a fraction: its two numbers, as written
                for g in ("num", "den"):
                    out.append((m.start(g), m.end(g), float(m.group(g)), None, False))
            continue
        value, is_word = parsed
        end = m.end()
        abbr = m.group("abbr")
        if abbr and (is_word or (abbr in ATTACHED_ONLY_ABBREVIATIONS and not _abbreviation_is_scale(
            text, m.start(), m.end(), attached=not m.group("abbr_space")
        ))):  # fmt: skip
            end = m.start("abbr_space")
            abbr = None
        scale = m.group("scale").lower() if m.group("scale") else None
        if scale and _compound_scale(text, m):
            end, scale = len(text[: m.start("scale")].rstrip()), None
        if m.group("dozen"):
            value *= DOZEN  # "3 dozen", as "three dozen"
        if scale:
            value *= SCALE_WORDS[scale]
        elif abbr:
            scale = abbr
            value *= SCALE_ABBREVIATIONS[abbr]
        elif is_word and m.group("words").lower().split()[-1] in ("a", "an"):
            continue  # a bare "a" with no scale word is an article, not a number
        if m.group("sign"):
            value = -value
        if not math.isfinite(value):
            continue  # beyond what a float holds ("1e400"): no quantity a report can compare
        out.append((m.start(), end, tidy(value), scale, is_word))
    return out


def prefix_and_qualifier(text: str, start: int) -> tuple[int, str | None, str | None]:
    """Extend a number's start over a currency prefix and a qualifier before it."""
    prefix = None
    head = text[max(0, start - 12) : start]
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


def _range_gap(text: str, end: int, start2: int) -> str:
    """The text between two numbers less what both repeat: the currency prefix of the
    second ("$1bn to $2bn") and a unit written after both ("10 km to 12 km", "5% to 8%")."""
    gap = text[end:start2]
    prefix = _PREFIX_BEFORE.search(gap)
    if prefix:
        gap = gap[: prefix.start()]
    first, second = _terms_at(text, end), None
    if first and first[1].end() <= start2:
        second = _terms_at(text, _number_end(text, start2))
        if second and second[1].group("term").lower() == first[1].group("term").lower():
            gap = text[first[1].end() : end + len(gap)]
    return gap


def _number_end(text: str, start: int) -> int:
    m = _NUMBER_RE.match(text, start)
    return m.end() if m else start


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
        start, prefix, qualifier = prefix_and_qualifier(text, s)
        low = high = value
        num_start, num_end, is_range = s, e, False
        # A range: "10-12", "10 to 12", "8- to 16-metre", "between $1bn and $2bn", "5% to
        # 8%"; "from 10 to 12" is a change.
        between = _BETWEEN_BEFORE.search(text, max(0, start - 10), start)
        if i + 1 < len(singles) and singles[i + 1][0] - e <= MAX_RANGE_GAP:
            s2, e2, value2, scale2, _ = singles[i + 1]
            gap = _range_gap(text, e, s2)
            sep_ok = bool(
                (between and re.fullmatch(r"\s+(?:and|to)\s+", gap, re.IGNORECASE))
                or (not between and _RANGE_SEP.fullmatch(gap))
            )
            from_before = _FROM_BEFORE.search(text, max(0, start - 12), start)
            inches = FEET_BEFORE_INCHES.search(text, max(0, start - 12), start)  # "6-foot-2 to 6-foot-4"
            if sep_ok and not from_before and not inches:
                # "10-12 million": the scale of the second number applies to the first.
                if scale2 and not scale:
                    value *= SCALE_WORDS.get(scale2.lower()) or SCALE_ABBREVIATIONS[scale2]
                    scale = scale2
                if value <= value2:
                    low, high = value, value2
                    num_start, num_end, is_range = s2, e2, True
                    e = e2
                    i += 1
            if between and is_range:
                start = between.start()
        after = qualifier_after(text, e)
        if after is not None:  # "10 or more", "three-plus": the unit or noun comes after it
            e = after[1]
            scaled = _SCALE_AFTER.match(text, e) if not scale else None
            if scaled:  # "40-odd thousand", "$3 or so billion": the scale word follows the qualifier
                factor = SCALE_WORDS[scaled.group(1).lower()]
                value, low, high = tidy(value * factor), tidy(low * factor), tidy(high * factor)
                scale, e = scaled.group(1).lower(), scaled.end()
            qlow, qhigh, qualifier = qualify_twice(low, high, qualifier, after[0])
        else:
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


def ends_at(pattern: re.Pattern, text: str, end: int, chars: int = WORDS_BEFORE_CHARS) -> re.Match | None:
    """A match of ``pattern``, which is anchored at its end (``$``), ending at ``end``:
    the words right before a figure ("at least", "the", "aged").

    The search starts about ``chars`` before ``end`` (widened to take in the word the cut
    falls in, the blanks and the word before it), not at the start of the text, so that its
    cost is bounded however long the sentence; lookbehinds and ``\\b`` still see the
    characters before. Only a match longer than that window could be missed."""
    lo = max(0, end - chars)
    floor = max(0, lo - WORDS_BEFORE_CHARS)
    for blank in (False, True, False, True):
        while lo > floor and text[lo - 1].isspace() == blank:
            lo -= 1
    return pattern.search(text, lo, end)


def context_window(text: str, q: Quantity) -> tuple[str, Quantity, int]:
    """(the text around ``q``, ``q`` with offsets into it, offset of the window in ``text``).

    The window starts and ends at blanks within ``CONTEXT_CHARS`` of the quantity, or at
    the text's ends; a sentence shorter than that is its own window."""
    lo = max(0, q.start - CONTEXT_CHARS)
    if lo:
        blank = text.find(" ", lo, q.start)
        lo = blank + 1 if blank >= 0 else q.start
    hi = min(len(text), q.end + CONTEXT_CHARS)
    if hi < len(text):
        blank = text.rfind(" ", q.end, hi)
        hi = blank if blank >= 0 else hi
    if lo == 0 and hi == len(text):
        return text, q, 0
    shifted = replace(q, start=q.start - lo, end=q.end - lo, num_start=q.num_start - lo, num_end=q.num_end - lo)
    return text[lo:hi], shifted, lo


def vague_noun(text: str, start: int, end: int) -> Quantity:
    """The quantity of the vague plural ``text[start:end]`` ("dozens", "thousands"),
    with the qualifier or prefix written before it."""
    lo, hi = VAGUE_PLURALS[text[start:end].lower()]
    begin, prefix, _ = prefix_and_qualifier(text, start)
    return Quantity(begin, end, start, end, float(lo), float(lo), float(hi), text[start:end].lower(), prefix, None,
                    True, True, True)


def _vague_quantities(text: str, found: list[Quantity]) -> list[Quantity]:
    """Quantities written as vague plurals or multiples ("dozens of", "several hundred")."""
    out = []
    taken = [(q.start, q.end) for q in found]
    for m in _VAGUE_RE.finditer(text):
        out.append(vague_noun(text, m.start(), m.end()))
    for m in _MULTIPLE_RE.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            # "several hundred": the scale word alone was not read as a number, so no clash
            continue
        lo, hi = VAGUE_MULTIPLES[m.group("mult").lower()]
        unit = 12.0 if m.group("scale").lower() == "dozen" else SCALE_WORDS[m.group("scale").lower()]
        if m.group("times"):
            unit *= SCALE_WORDS[m.group("times").lower()]  # "several hundred thousand"
        out.append(
            Quantity(m.start(), m.end(), m.start(), m.end(), lo * unit, lo * unit, hi * unit,
                     m.group("mult").lower(), None, m.group("scale").lower(), True, True, True)
        )  # fmt: skip
    return out


# --- noun phrases ------------------------------------------------------------------------

#: The extractors' word lists, with their sources: ``data/lexicon.tsv``.
_LEXICON = load_lists("lexicon.tsv")
#: Words that end a noun phrase after a number: prepositions, conjunctions, determiners,
#: pronouns, auxiliaries and the verbs that most often follow a count in news ("two died").
NP_STOP_WORDS = frozenset(_LEXICON["np_stop_words"])
#: Nouns that end in -ly, -ed or -ing and so escape the verb/adverb heuristics below.
NOUNS_LIKE_VERBS = frozenset(_LEXICON["nouns_like_verbs"])

_WORD_RE = re.compile(r"[A-Za-z][\w'’.-]*[\w]|[A-Za-z]")

#: Irregular plurals -> singular, for head nouns (the common English irregular nouns).
IRREGULAR_PLURALS = dict(pair.split(":", 1) for pair in _LEXICON["irregular_plurals"])
#: Singular nouns ending in "s" that the suffix rules would otherwise cut.
SINGULAR_IN_S = frozenset(_LEXICON["singular_in_s"])


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
        first, dash, rest = word.partition("-")
        if dash and word_number_value(rest.split("-")[0].lower()) is not None and word_number_value(first.lower()) is None:
            # a hyphen set as a dash before a number ("four people-one with burns"): the word
            # before it ends the phrase ("twenty-one" is one number, "Catch-22" no number word)
            if _is_np_word(first, last=False):
                words.append((first, j, j + len(first)))
            break
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
