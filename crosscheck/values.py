"""Compare and display normalised fact values: the rules a verdict rests on.

``compatible(a, b)`` says whether two facts of the same kind give values that can both be
true: date intervals that overlap, ranges that overlap (a plain number is a range of
width zero widened by the rounding its written precision allows), money of the same
currency and scope, or of two currencies where the exchange rates of the reports' years
can make them one amount (``_exchanged_overlap``). It returns None where the values cannot
be compared (an unanchored date, two currencies that no rate makes one amount, or without a
rate for a report's year), so that no verdict is drawn from a guess;
one exception: two dates
that no report's day anchors, written alike ("Friday", "yesterday", "last week" in two
undated reports), are taken as compatible (True: they can be one day, and nothing tells
them apart), so that they group and agree, never conflict.
"""

from __future__ import annotations

import math
import re
from datetime import date
from functools import lru_cache
from typing import Any, NamedTuple

from crosscheck import settings
from crosscheck.extract.money import PERIODS
from crosscheck.extract.numbers import (
    QUALIFIER_KINDS, VAGUE_MULTIPLES, VAGUE_PLURALS, find_quantities, last_digit, load_data)
from crosscheck.models import Fact

#: Currency symbols for display; anything else is shown by its ISO code.
CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}

#: Longest "thing counted" shown beside a count, in words; longer ones show their head noun.
ITEM_WORDS_SHOWN = 3

_NUMERAL = re.compile(r"\d(?:[\d,]|, (?=0\d\d))*(?:\.(\d+))?")


def _rounding(fact: Fact, value: float) -> float:
    """Half a unit of the last written digit of the fact's numeral, in value units.

    "$1.2 billion" may stand for 1.15-1.25 billion; "$450 million" for 449.5-450.5
    million; "two" for exactly 2. (The convention that a written figure is rounded to
    its last digit: ISO 80000-1, Annex B.)
    """
    m = _NUMERAL.search(fact.text)
    if not m:
        return 0.0
    try:
        written = float(m.group(0).replace(",", "").replace(" ", ""))
    except ValueError:
        return 0.0
    if written == 0:
        return 0.0
    decimals = len(m.group(1) or "")
    scale = abs(value) / written if written else 1.0
    if fact.kind == "count" and not decimals:
        return 0.0  # a count written as a whole number is exact
    if fact.kind == "measure" and not decimals:
        # a measure written with trailing zeros may be rounded to them ("60 km" is 55-65 km,
        # as "35 miles" converted is 56 km), up to settings.ROUNDING_SHARE_MAX of the figure
        digits = m.group(0).replace(",", "").replace(" ", "")
        zeros = len(digits) - len(digits.rstrip("0"))
        if zeros:
            return min(0.5 * 10**zeros, settings.ROUNDING_SHARE_MAX * written) * scale
    return 0.5 * (10 ** -decimals) * scale


def _range(fact: Fact) -> tuple[float, float]:
    v = fact.value
    return _range_of(fact.kind, fact.text, v.get("low"), v.get("high"))


@lru_cache(maxsize=65536)
def _range_of(kind: str, text: str, low, high) -> tuple[float, float]:
    """The range a figure stands for (memoised: many outlets write one figure alike)."""
    low = float("-inf") if low is None else float(low)
    high = float("inf") if high is None else float(high)
    if low == high:
        slack = _rounding(_Written(kind, text), low)
        return low - slack, high + slack
    return low, high


class _Written(NamedTuple):
    """What ``_rounding`` reads of a fact."""

    kind: str
    text: str


def _written_point(fact: Fact) -> tuple[float, bool] | None:
    """The one figure a fact writes, where it writes one, and whether the range it stands
    for is closed: a plain figure ("400 metres", its range the rounding of what was written,
    half-open unless exact) or an approximation of one ("about 300", the closed range its
    qualifier made, ``crosscheck.extract.numbers.qualify``); None for a range ("about ten to
    twelve" too), a bound ("at least 40") or a vague word."""
    v = fact.value
    low, high = v.get("low"), v.get("high")
    if not isinstance(low, (int, float)) or not isinstance(high, (int, float)):
        return None
    qualifier = QUALIFIER_KINDS.get(str(v.get("qualifier") or "").lower())
    if low == high and qualifier is None:
        return float(low), False
    if qualifier == "approx" and _one_number(fact.text):
        return (float(low) + float(high)) / 2, True
    return None


@lru_cache(maxsize=65536)
def written_numbers(written: str) -> tuple:
    """The numbers a figure's text writes (``find_quantities``), read once per distinct text:
    figures are compared pair by pair."""
    return tuple(find_quantities(written))


@lru_cache(maxsize=65536)
def _one_number(written: str) -> bool:
    """Whether a figure is written as one number ("about 400", "about ten"), not as a range
    ("about 400 to 500", "about ten to twelve")."""
    found = written_numbers(written)
    return len(_NUMERAL.findall(written)) <= 1 and len(found) <= 1 and not any(q.is_range for q in found)


def _inside(x: float, low: float, high: float, closed: bool) -> bool:
    """Whether ``x`` lies in the range: a written figure's rounding is half-open ("1.2" is
    1.15 up to, not including, 1.25); an exact figure, and the width an approximation's
    qualifier gives ("about 10" is 9 to 11, both included), are closed."""
    if closed or low == high:
        return low - 1e-9 <= x <= high + 1e-9
    return low - 1e-9 <= x < high - 1e-9


def _ranges_overlap(a: Fact, b: Fact) -> bool:
    """Whether two figures can be one value. Two figures that each write one number ("about
    300", "400 metres", "12 miles", "20 km") are one where either's number lies within the
    other's range (the rounding of what was written, or the width of "about"): each says
    where the value is, and ranges that merely touch at their edges ("about 300" is at most
    330, "400" rounded at least 350) say two values. Other ranges ("10 to 12", "at least
    40") are one where they overlap; a rounded figure covers a half-open interval ("1.2" is
    1.15 up to, not including, 1.25), so "1.2" and "1.3" do not meet at 1.25."""
    la, ha = _range(a)
    lb, hb = _range(b)
    pa, pb = _written_point(a), _written_point(b)
    if pa is not None and pb is not None:
        return pa[0] == pb[0] or _inside(pa[0], lb, hb, pb[1]) or _inside(pb[0], la, ha, pa[1])
    if la == ha or lb == hb:  # an exact value against a range: closed intervals
        return la <= hb + 1e-9 and lb <= ha + 1e-9
    return la < hb - 1e-9 and lb < ha - 1e-9


def _interval(fact: Fact) -> tuple[date, date] | None:
    v = fact.value
    if not v.get("anchored", True) or not v.get("start") or not v.get("end"):
        return None
    return date.fromisoformat(v["start"]), date.fromisoformat(v["end"])


#: The value fields ``compatible`` reads (with the fact's kind and text, see ``compare_key``).
COMPARED_FIELDS = ("low", "high", "unit", "currency", "scope", "over_a_span", "per", "anchored", "start", "end",
                   "expression", "qualifier", "report_year")
_MISSING = object()


def compare_key(fact: Fact) -> tuple[str, str, str]:
    """Everything ``compatible`` reads of a fact (kind, text, the fields it compares, a field
    left out told from one set to None): two facts with one key compare alike with any
    third, so a story of many outlets compares each pair of distinct values once."""
    return fact.kind, fact.text, repr(tuple(fact.value.get(k, _MISSING) for k in COMPARED_FIELDS))


def unanchored(f: Fact) -> bool:
    """A date no report's day anchors (a weekday in an undated report), as written."""
    return not f.value.get("anchored", True) and bool(f.value.get("expression"))


def compatible(a: Fact, b: Fact) -> bool | None:
    """Whether the values of two same-kind facts can both be true (None: can't tell)."""
    kind = a.kind
    if kind == "date":
        ia, ib = _interval(a), _interval(b)
        if unanchored(a) and unanchored(b) and a.value["expression"] == b.value["expression"]:
            return True  # one unanchored expression in two undated reports: can be one day, not told apart
        if ia is None or ib is None:
            return None
        return ia[0] <= ib[1] and ib[0] <= ia[1]
    if kind in ("count", "measure"):
        if kind == "measure" and a.value.get("unit") != b.value.get("unit"):
            return None
        return _ranges_overlap(a, b)
    if kind == "money":
        if a.value.get("currency") != b.value.get("currency"):
            # two currencies that no rate of the year makes one amount are not told apart
            # either: the rate an outlet used is not known, and a bare "$" may be misread
            one = convertible(a) and convertible(b) and _same_amount(a, b, _exchanged_overlap)
            return True if one else None
        return _same_amount(a, b, _ranges_overlap)
    return None


def _floor_step(f: Fact) -> tuple[float, float] | None:
    """The range a floor written as one number is read as, where it tells a count: its
    number up to one more unit of its last written digit ("at least 60" up to 70, "more than
    14,000" up to 15,000, "at least 43" up to 44). A writer who knew the count was beyond
    that step would have written the higher figure: "more than n" conveys an upper bound at
    the next point of n's granularity (Cummins, Sauerland & Solt 2012, "Granularity and
    scalar implicature in numerical expressions", Linguistics and Philosophy 35). None for
    anything else (a range, a ceiling, an approximation, a vague word)."""
    v = f.value
    low = v.get("low")
    if f.kind == "date" or v.get("high") is not None or not isinstance(low, (int, float)):
        return None
    if QUALIFIER_KINDS.get(str(v.get("qualifier") or "").lower()) != "lower" or not _one_number(f.text):
        return None
    if not low or v.get("dimension") == "temperature":
        # "more than zero" has no granularity to read a step from, nor a temperature one
        # through an affine conversion (the step of "at least 90 °F" is no multiple of it)
        return None
    # the step is of the figure as written: "at least 40 miles" (or "forty") stored as 64.37 km
    # steps by 10 miles, not by the last digit of its conversion
    found = written_numbers(f.text)
    written = abs(found[0].value) if len(found) == 1 and found[0].value else 0.0
    scale = abs(float(low)) / written if written else 1.0
    return float(low), float(low) + last_digit(written or float(low)) * scale


def floor_apart(a: Fact, b: Fact) -> bool:
    """Whether two figures of one kind that can both hold (``compatible``) still tell a count
    differently because one of them is a floor: "at least 37 dead" against "52 dead", or
    "more than 14,000" against "more than 19,000". A floor is the count known so far
    (``_floor_step``), so a figure beyond its step is another count told, which a report
    shows as two sides of one fact (the reason says a bound can hold with the other),
    while "at least 41" and "41", or "more than 600" and "640", tell one count."""
    sa, sb = _floor_step(a), _floor_step(b)
    if sa is None and sb is None:
        return False
    if a.kind == "measure" and a.value.get("unit") != b.value.get("unit"):
        return False
    if a.kind == "money" and (a.value.get("currency") != b.value.get("currency")
                              or a.value.get("scope") != b.value.get("scope")):
        return False
    ra = sa or _range(a)
    rb = sb or _range(b)
    if not all(map(math.isfinite, ra + rb)):
        return False  # against another floor of no step, or a ceiling: nothing told apart
    return not (ra[0] <= rb[1] + 1e-9 and rb[0] <= ra[1] + 1e-9)


def _same_amount(a: Fact, b: Fact, overlap) -> bool:
    """Whether two amounts can be one: the same scope (or one a total, the other the same
    amount per period) and figures that ``overlap`` has meet."""
    if a.value.get("scope") != b.value.get("scope"):
        # "320 million euros a year" against "320 million euros": one figure told more or
        # less fully; against "320 million euros each", two scopes.
        scopes = {a.value.get("scope"), b.value.get("scope")}
        spread = a.value.get("over_a_span") or b.value.get("over_a_span")  # "over five years"
        if not (scopes == {"per_unit", "total"} and (_per_period(a) or _per_period(b))) or spread:
            return False
    elif _per_period(a) != _per_period(b):
        return False  # a yearly figure against a price per unit
    elif _per_period(a) and a.value.get("per") != b.value.get("per"):
        return False  # a month's figure against a year's
    return overlap(a, b)


@lru_cache(maxsize=1)
def _exchange_rates() -> dict[str, dict[str, list[float]]]:
    """Units of each currency per euro, the lowest and highest of each year's daily rates
    (``data/exchange_rates.json``, from the European Central Bank's reference rates)."""
    return load_data("exchange_rates.json")["rates"]


def _per_euro(f: Fact) -> tuple[float, float] | None:
    """The lowest and highest rate, in units of an amount's currency per euro, of the year
    of its report (``report_year``); (1, 1) for the euro; None where either is unknown."""
    year, currency = f.value.get("report_year"), f.value.get("currency")
    if year is None or not currency:
        return None
    if currency == "EUR":
        return 1.0, 1.0
    rates = _exchange_rates().get(currency, {}).get(str(year))
    return (float(rates[0]), float(rates[1])) if rates else None


def convertible(f: Fact) -> bool:
    """Whether an amount has an exchange rate for its report's year (``_per_euro``)."""
    return _per_euro(f) is not None


def currency_block(f: Fact) -> str:
    """The currencies an amount may be compared with: those with exchange rates (the euro
    and every currency of ``data/exchange_rates.json``) with one another (one block, "";
    ``compatible`` still needs a rate for each report's year), the others with their own."""
    currency = str(f.value.get("currency") or "-")
    return "" if currency == "EUR" or currency in _exchange_rates() else currency


def _exchanged_overlap(a: Fact, b: Fact) -> bool:
    """Whether amounts in two currencies can be one amount: converted to euros at every rate
    of their reports' years (the day an outlet converted at is not known, so each amount
    stands for the range its year's lowest and highest rate give), the figures meet as
    ``_ranges_overlap`` has them meet in one currency: either's written number within the
    other's range (the rounding of what was written, or the width of "about"), other ranges
    where they overlap. "€3 million" and "$3.9 million" in 2013 (1.28-1.38 dollars to the
    euro) are one amount; "£700,000" (0.80-0.86 million euros) and "$2.5 million" (1.81-1.96
    million) are not."""
    (ra_low, ra_high), (rb_low, rb_high) = _per_euro(a), _per_euro(b)

    def euros(low: float, high: float, r_low: float, r_high: float) -> tuple[float, float]:
        ends = [x / r for x in (low, high) for r in (r_low, r_high)]  # a negative amount too
        return min(ends), max(ends)

    (la, ha), (lb, hb) = _range(a), _range(b)
    ea, eb = euros(la, ha, ra_low, ra_high), euros(lb, hb, rb_low, rb_high)
    pa, pb = _written_point(a), _written_point(b)
    if pa is not None and pb is not None:
        xa, xb = euros(pa[0], pa[0], ra_low, ra_high), euros(pb[0], pb[0], rb_low, rb_high)
        return _meet(xa, eb) or _meet(xb, ea)
    return _meet(ea, eb)


def _meet(x: tuple[float, float], y: tuple[float, float]) -> bool:
    return x[0] <= y[1] + 1e-9 and y[0] <= x[1] + 1e-9


def _per_period(f: Fact) -> bool:
    """Whether an amount is a rate in time ("320 million euros a year"): the same amount
    given with and without its period is one figure told more or less fully."""
    return f.value.get("scope") == "per_unit" and str(f.value.get("per") or "").lower() in PERIODS


def _number(x: float) -> str:
    if x == int(x):
        return f"{int(x):,}"
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def _significant(x: float, digits: int = 4) -> str:
    """``x`` to ``digits`` significant digits, with thousands separators and never in
    exponent form ("1,280,000", "12,350", "0.06096"; ``:,.4g`` writes 1.28e+06)."""
    x = float(x)
    if x == 0 or not math.isfinite(x):
        return "0" if x == 0 else str(x)
    places = digits - 1 - math.floor(math.log10(abs(x)))
    x = round(x, places)
    return _number(x) if places <= 0 else f"{x:,.{places}f}".rstrip("0").rstrip(".")


def _money_amount(x: float, currency: str) -> str:
    sym = CURRENCY_SYMBOLS.get(currency, currency + " ")
    for div, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(x) >= div:
            return f"{sym}{_number(round(x / div, 3))} {word}"
    return f"{sym}{_number(x)}"


def _range_text(v: dict[str, Any], fmt, written: str = "") -> str:
    low, high = v.get("low"), v.get("high")
    if low is not None and high is not None and low == high:
        return fmt(low)
    q = str(v.get("qualifier") or "").lower()
    single = len(_NUMERAL.findall(written)) == 1  # "about 400", not "about 400 to 500"
    if low is not None and high is not None and QUALIFIER_KINDS.get(q) == "approx" and single:
        return f"~{fmt((float(low) + float(high)) / 2)}"  # "about 400": the figure written
    if high is None and low is not None:
        return f"≥{fmt(low)}"
    if low is None or low == 0:
        return f"≤{fmt(high)}"
    return f"{fmt(low)}–{fmt(high)}"


def display(fact: Fact) -> str:
    """A short, human-readable form of a fact's normalised value."""
    v = fact.value
    kind = fact.kind
    if kind == "date":
        if not v.get("anchored", True) or not v.get("start"):
            return f"“{fact.text}” (unanchored)"
        g = v.get("granularity", "day")
        s, e = v["start"], v["end"]
        if g == "day" or s == e:
            return s
        if g == "month":
            return s[:7]
        if g == "year":
            return s[:4]
        return f"{s}..{e} ({g})"
    if kind == "money":
        cur = v.get("currency") or ""
        text = _range_text(v, lambda x: _money_amount(float(x), cur), fact.text)
        if v.get("scope") == "per_unit":
            text += f" per {v['per']}" if v.get("per") else " each"
        return text
    if kind == "count":
        text = _range_text(v, lambda x: _number(float(x)), fact.text)
        vague = str(v.get("qualifier") or "").lower()
        if vague in VAGUE_PLURALS or vague in VAGUE_MULTIPLES:
            # "dozens of volunteers", "a few hundred farmers": the words, not the range they stand for
            text = fact.text.lower() + (" of" if vague in VAGUE_PLURALS and v.get("item") else "")
        words = str(v.get("item") or "").split()
        while words and words[0].lower() in ("the", "a", "an"):
            words = words[1:]  # "45 death toll", not "45 The death toll"
        # the thing counted as written if short ("volunteer crews"), else its last word as
        # written (the head noun in its number: "systems", not the lemma "system")
        head = str(v.get("head") or "")
        last = words[-1] if words and words[-1].lower().startswith(head[:3].lower()) else head
        item = " ".join(words) if 0 < len(words) <= ITEM_WORDS_SHOWN else last
        return f"{text} {item}".strip()
    if kind == "measure":
        unit = v.get("unit") or ""
        original = v.get("original_unit")
        if v.get("head") == "age":
            return f"age {fact.text}"
        if v.get("dimension") == "duration" and original and original != unit:
            return fact.text  # "eight years", not "2,922 day"; compared in days all the same
        text = f"{_range_text(v, _significant, fact.text)} {unit}".strip()
        return text if not original or original == unit else f"{text} ({fact.text})"
    if kind in ("quote", "statement"):
        who = fact.speaker or v.get("speaker") or "unattributed"
        content = v.get("content") or fact.text
        if len(content) > 90:
            content = content[:87].rstrip() + "…"
        return f"{who}: “{content}”"
    if kind == "framing":
        return str(v.get("word") or fact.text.lower())
    return fact.text
