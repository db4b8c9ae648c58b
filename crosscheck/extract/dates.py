"""Find date expressions in an article and resolve them against its publication date.

Candidates are found with this module's own grammar (month names, weekdays, holidays,
quarters, relative phrases, years in context), in the manner of TIMEX2/TimeML temporal
taggers such as HeidelTime (Strötgen & Gertz, 2010): explicit expressions are normalised
as written, deictic and year-less ones against the document creation time
(``article.published``), anaphoric ones ("a decade earlier", "the previous quarter") against
the date mentioned before them. Days, weeks, months, quarters and years are computed here
from the parts the grammar reads ("Sept. 5": month 9, day 5), with the standard calendar.

Conventions (also in ``extract_dates``):

- The mention span is the date expression without its preposition or article: "December
  19" in "On December 19", "2031" in "provisionally in 2031", "third quarter" in "in the
  third quarter". Words that choose the time are kept: "last week", "earlier this <unit>",
  "next Monday", "two days ago", "Thursday, Dec. 28". The preposition is kept in
  ``value["preposition"]`` ("on", "in", "since", "by", ...).
- "since February" is normalised to February itself (the start point), with
  ``preposition == "since"``, so that "since February" and "since March" conflict.
- ``relative`` is true when the value depends on the anchor or on an earlier date:
  deictic phrases ("last week", "Thursday", "two days ago"), anaphoric ones ("a year
  earlier"), and days, months, quarters or holidays written without a year. Such a mention
  in an article without a publication date is kept with ``anchored: False`` and
  ``start``/``end`` None: it is never guessed. A year-less day or month so kept says what
  is missing (``year_from: "story"``, with its ``month``, ``day`` and ``weekday``), and
  ``year_from_story`` fills it from the story's other dates.
- ``deictic`` (present only when true) marks a day counted from the day of the report
  itself ("today", "yesterday", "this morning"): its value is only as sure as the
  publication date, which names a day in some time zone, not the hour of writing.
- ``inferred`` is true when the mention is relative and the anchor itself was inferred
  (``article.published_from == "inferred"``); an explicit date does not use the anchor.
- Year-less dates and bare weekdays are placed by the tense of the verb that governs them,
  read from the dependency parse (``_tense``): past tense → the most recent one not after
  the publication date; future (a modal, "going to", a to-infinitive under a present
  verb, a prospective predicate such as "due" or "scheduled") → the nearest on or after
  it; otherwise (present tense, no verb) → the nearest in time, as HeidelTime does.
- A weekday written with its date ("Tuesday, Mar. 3") picks the year in which that day is
  that weekday.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from crosscheck.extract.numbers import clock_time_at
from crosscheck.extract.sentences import LONG_WORD
from crosscheck.models import Article, Mention, Sentence

DATA = Path(__file__).resolve().parent.parent / "data"

# --- vocabulary --------------------------------------------------------------------------

#: Month names and their AP-style abbreviations (AP Stylebook, "months": Jan., Feb., Aug.,
#: Sept., Oct., Nov., Dec.; plus the common Mar./Apr./Jun./Jul./Sep. of other styles).
MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

#: Month names that are also common English words or names ("we may", "May I", Theresa
#: May, "protesters march"): without a day or a year they need a stronger context.
AMBIGUOUS_MONTHS = frozenset({"may", "march"})

#: Weekday names, Monday = 0 as in ``date.weekday()``.
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3,
    "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip

#: Counts written as words in "two days ago" (AP style spells out one to nine).
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}  # fmt: skip

#: Ordinals naming a quarter or half of a year ("third quarter", "3rd quarter").
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}

#: Meteorological seasons of the northern hemisphere (WMO practice: whole months, winter
#: from December to February), as (first month, number of months).
SEASONS = {"spring": (3, 3), "summer": (6, 3), "fall": (9, 3), "autumn": (9, 3), "winter": (12, 3)}

#: Months in each period unit, for anaphoric shifts and calendar periods.
UNIT_MONTHS = {"month": 1, "quarter": 3, "half": 6, "year": 12}

#: Granularities from finest to coarsest.
GRANULARITIES = ("day", "week", "month", "season", "quarter", "half", "year", "decade", "century")

#: Prepositions recorded in ``value["preposition"]`` when they stand right before a date.
PREPOSITIONS = frozenset(
    "on in since by until till during before after from through throughout of to "
    "around circa between".split()
)


def _load(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


#: Holidays and the rule giving their day in a year (crosscheck/data/holidays.json, with
#: the sources of the rules): name as written -> rule.
HOLIDAYS: dict[str, dict] = {
    name: h["rule"] for h in _load("holidays.json")["holidays"] for name in h["names"]
}
#: Lemmas of predicates that look ahead ("due", "scheduled"; crosscheck/data/prospective.json).
PROSPECTIVE = frozenset(_load("prospective.json")["lemmas"])

# --- grammar -----------------------------------------------------------------------------
# Month names are matched case-sensitively (capitalised, as English spells them), so that
# "we may" and "protesters march on" never match; relative words match in any case.

_MONTH_NAME = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
#: An abbreviated month ("Dec.", "Sept"); only ever accepted with a day or a year after it.
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_MONTH = rf"(?:{_MONTH_NAME}|{_MONTH_ABBR})"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
#: Day of month, with an optional ordinal suffix; never followed by more digits or by the
#: minutes of a time ("10:30").
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d|[:.]\d)"
#: A year from 1600 to 2199, not part of a longer number, a decimal, a percentage or a
#: thousands group ("1,987 people" never reaches here: the comma splits it).
_YEAR = r"(?<![\d,.$€£¥])(?:1[6-9]\d\d|20\d\d|21\d\d)(?![\d%]|,\d|\.\d|\s*per\s?cent)"
_WEEKDAY_PREFIX = rf"(?:(?P<wd>{_WEEKDAY}),?\s+)?"
#: A year given relative to the anchor after a day or month: "in March last year".
_RELATIVE_YEAR = r"\s+(?P<ry>(?i:last|this|next))\s+(?i:year)\b(?!['’]s)"
#: Offsets of ``_RELATIVE_YEAR`` from the anchor's year.
RELATIVE_YEAR_OFFSETS = {"last": -1, "this": 0, "next": 1}
#: Counts in "two days ago", "three years earlier".
_COUNT = rf"(?P<n>\d{{1,3}}|(?i:{'|'.join(sorted(NUMBER_WORDS, key=len, reverse=True))}))"

#: ISO 8601 calendar date (2017-12-19).
ISO_DATE = re.compile(r"(?<![\d-])(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)(?![\d-])")
#: US order, AP style: "Dec. 19", "December 19, 2017", "Thursday, Dec. 28", and a span
#: of days in one month, "Dec. 19-21" (one mention, its first to its last day).
MONTH_DAY = re.compile(
    rf"\b{_WEEKDAY_PREFIX}(?P<month>{_MONTH})\s+(?P<day>{_DAY})(?:\s*[-–]\s*(?P<day2>{_DAY}))?"
    rf"(?:,?\s+(?P<year>{_YEAR})|{_RELATIVE_YEAR})?"
)
#: British order: "19 December", "19th of December 2017", "19-21 December".
DAY_MONTH = re.compile(
    rf"\b{_WEEKDAY_PREFIX}(?:the\s+)?(?P<day>{_DAY})(?:\s*[-–]\s*(?P<day2>{_DAY}))?\s+"
    rf"(?:of\s+)?(?P<month>{_MONTH})\b"
    rf"(?:,?\s+(?P<year>{_YEAR})|{_RELATIVE_YEAR})?"
)
#: A month and a year: "December 2017", "Dec. 2017".
MONTH_YEAR = re.compile(rf"\b(?P<month>{_MONTH}),?\s+(?P<year>{_YEAR})")
#: A month without day or year needs a preposition or a determiner before it ("in March",
#: "since February", "last December", "mid-January") or a possessive after it
#: ("December's vote"). ``prep`` is outside the span, ``mod`` inside it.
MONTH_IN_CONTEXT = re.compile(
    r"(?:\b(?P<prep>(?i:in|since|until|till|during|before|after|from|through|throughout"
    r"|by|of|to))\s+)?"
    r"(?P<mod>\b(?i:early|mid|late|last|next|this)(?:\s+|-))?"
    rf"\b(?P<month>{_MONTH_NAME})(?P<poss>['’]s)?\b(?!\s*\d)(?:{_RELATIVE_YEAR})?"
)
#: Prepositions that do not make an ambiguous month name a month ("backed by May", "a
#: letter from May", "the Ides of March", "went to March").
AMBIGUOUS_MONTH_WEAK_PREPS = frozenset({"by", "of", "to", "from", "after", "before"})
#: A year needs context (the brief's rule, after TimeML practice of tagging only years
#: used as dates): a preposition or determiner before it ("in 2006", "of 1987", "since
#: 2014", "by 2030", "fiscal 2019", "mid-2020"), or a possessive ("2006's"). A year with
#: neither is read from the parse (``_is_year_by_grammar``: "the 1987 strike").
YEAR_IN_CONTEXT = re.compile(
    r"(?:\b(?P<prep>(?i:in|of|since|by|until|till|before|after|during|from|through"
    r"|throughout|around|circa))\s+|\b(?P<mod>(?i:fiscal|early|mid|late|year)(?:\s+|-)))"
    rf"(?P<year>{_YEAR})\b(?!\s*[-–]\s*\d)"
)
YEAR_POSSESSIVE = re.compile(rf"\b(?P<year>{_YEAR})['’]s\b")
#: Any other year-like number; kept only if the parse reads it as a year (see above).
BARE_YEAR = re.compile(rf"\b(?P<year>{_YEAR})\b(?!\s*[-–/]\s*\d)")
#: A span of years: "from 2014 to 2016", "between 2014 and 2016", and a span written with a
#: dash alone, its second year in full or in two digits ("<yyyy>-<yy>", "the <yyyy>–<yy> season";
#: Chicago Manual of Style 9.64).
YEAR_RANGE = re.compile(
    rf"\b(?P<prep>(?i:from|between))\s+(?P<year>{_YEAR})\s*(?:-|–|to|and|until|through)\s*"
    rf"(?P<year2>{_YEAR})\b"
    rf"|(?<![\d/-])(?P<dyear>{_YEAR})\s?[-–]\s?(?P<dyear2>\d\d(?:\d\d)?)(?![\d/%-]|\.\d)"
)
#: Longest span of years read as a range ("1990-2021"); a longer one is no span of time.
MAX_YEAR_SPAN = 100
#: A decade: "the 1990s", "the mid-1980s", "the '90s".
DECADE = re.compile(
    r"(?:\b(?i:early|mid|late)[-\s])?(?:\b(?P<full>1[6-9]\d0|20\d0)|(?<!\w)['’](?P<short>\d0))['’]?s\b"
)
#: A century: "the 16th century", "the sixteenth century", "21st-century", and the hundreds a
#: plural of a round hundred names ("the 1800s", "the late 1700s"; not "the 2000s", as often the
#: decade). In popular usage the hundred years whose numbers share their first digits, as TimeML
#: writes them (the 19th century is 1800-1899, TIMEX3 value "18"; TimeML 1.2.1 guidelines).
CENTURY_ORDINALS = {
    w: n for n, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
        "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth twenty-first".split(), 1)
}
CENTURY = re.compile(
    rf"\b(?P<n>\d{{1,2}})(?i:st|nd|rd|th)[-\s](?i:century)\b"
    rf"|\b(?P<w>(?i:{'|'.join(sorted(CENTURY_ORDINALS, key=len, reverse=True))}))[-\s](?i:century)\b"
)
#: A quarter or half of a year: "the fourth quarter", "third-quarter", "the first half of
#: 2009", "fiscal 1990's second quarter", "Q3 2009". ``year`` or ``ry`` fixes the year.
QUARTER = re.compile(
    rf"\b(?:(?i:fiscal)\s+)?(?:(?P<year1>{_YEAR})(?:['’]s)?\s+)?"
    r"(?P<ord>(?i:first|second|third|fourth|1st|2nd|3rd|4th))[-\s]+(?P<unit>(?i:quarter|half))\b"
    rf"(?:\s+of\s+(?:(?i:fiscal)\s+)?(?P<year>{_YEAR})\b"
    r"|\s+(?i:of\s+)?(?P<ry>(?i:last|this|next))\s+(?i:year)\b"
    r"|\s+(?i:of)\s+(?P<the_year>(?i:the))\s+(?:(?i:calendar)\s+)?(?i:year)\b)?"
)
#: "of" + a noun phrase after a quarter or half: it divides that thing, not a year.
PART_OF_SOMETHING = re.compile(r"\s+of\s+(?!(?i:fiscal|last|this|next)\b|\d)")
Q_NOTATION = re.compile(rf"\b(?P<q>Q[1-4])(?:\s+(?P<year>{_YEAR}))?\b")
#: A season with a year or a determiner: "last summer", "the fall of 1988", "spring 2010".
SEASON = re.compile(
    r"\b(?:(?P<rel>(?i:last|this\s+past|this|next|early|late))\s+|(?P<the>(?i:the))\s+)?"
    r"(?P<season>(?i:spring|summer|fall|autumn|winter))\b"
    rf"(?:\s+(?:of\s+)?(?P<year>{_YEAR})\b)?"
)
#: What follows "the fall" when it is no season: "the fall of the wall", "the fall in prices".
SEASON_NOT_AFTER = re.compile(r"\s+(?i:of|in|to|from|and|by)\b")
#: A holiday by one of its names in crosscheck/data/holidays.json, with an optional year;
#: not followed by another capitalised word ("Easter Island", "Christmas Carol").
HOLIDAY = re.compile(
    r"\b(?P<rel>(?i:last|this|next)\s+)?(?P<name>"
    + "|".join(re.escape(n) for n in sorted(HOLIDAYS, key=len, reverse=True))
    + rf")(?![\w'’])(?:,?\s+(?P<year>{_YEAR})\b)?(?!\s+[A-Z])"
)
#: Deictic days; "the day before yesterday" and "the day after tomorrow" are two days off.
RELATIVE_DAY = re.compile(
    r"\b(?i:(?:the\s+day\s+before\s+)?yesterday|today|(?:the\s+day\s+after\s+)?tomorrow|tonight|last\s+night"
    r"|this\s+(?:morning|afternoon|evening))\b")
#: "last week", "this month", "later this <unit>", "next quarter", "this past month" (the last
#: one); not "the last fortnight" (a rolling period, not a calendar one).
RELATIVE_PERIOD = re.compile(
    r"(?<!\bthe\s)(?<!\bThe\s)\b(?P<rel>(?i:last|this\s+past|this|next|earlier\s+this|later\s+this))\s+"
    r"(?P<unit>(?i:week|weekend|month|quarter|year))\b"
)
#: The start, middle or end of a period: "the beginning of the week", "the close of the
#: month", "around the middle of October", "by month's end". Read as the period itself, as
#: "late May" is (which part of it, the words do not bound); "the year" is the year the
#: sentence is about: the date before it, else the report's (``_resolve_in_the_period``).
PERIOD_PART = re.compile(
    r"\b(?i:the)\s+(?i:end|start|beginning|middle|close)\s+(?i:of)\s+"
    rf"(?:(?i:the)\s+(?:(?i:calendar)\s+)?(?P<unit>(?i:week|month|year))(?![\w-])"
    rf"|(?P<month>{_MONTH_NAME})\b(?:,?\s+(?P<year>{_YEAR})\b)?)"
    r"|(?<![\w-])(?P<unit2>(?i:week|month|year))['’]s\s+(?i:end)(?![\w-])"
)
#: "last", "next" or "this" right before a possessive period ("last year's end"): the
#: relative period says which (``RELATIVE_PERIOD``).
_RELATIVE_BEFORE = re.compile(r"\b(?i:last|next|this)\s+$")
#: "the weekend" (after any preposition): the one the tense points to.
THE_WEEKEND = re.compile(r"\b(?i:the)\s+(?i:weekend)\b(?!\s+(?i:of|before|after)\b)")
#: A period running up to the report: "the past three days", "the last two months", "the past
#: year" (TimeML's rolling periods); not "the last week of June" (a part of something).
ROLLING_PERIOD = re.compile(
    rf"\b(?i:the)\s+(?i:past|last)\s+(?:{_COUNT}\s+)?(?P<unit>(?i:day|week|month|year|decade))s?\b"
    r"(?!\s+(?i:of|or)\b)(?![-\w])"
)
#: "later in the week", "earlier in the month", "later in the evening" (a part of a day names
#: its day): the period of the date before it, or of the report's day when none was given.
IN_THE_PERIOD = re.compile(
    r"\b(?P<dir>(?i:earlier|later))\s+(?i:in)\s+(?i:the)\s+"
    r"(?P<unit>(?i:day|week|month|year|morning|afternoon|evening|night))\b"
)
#: Parts of a day, which name their day.
DAY_PARTS = frozenset({"morning", "afternoon", "evening", "night"})
#: A date given from an event: "four days after", "a week before", "two weeks before the
#: vote", "a year prior". Said alone it is counted from the date before it; before
#: an event it is counted from that event, which this grammar does not date (unanchored).
EVENT_RELATIVE = re.compile(
    rf"\b(?:{_COUNT}|(?P<one>(?i:a|an|one|the)))\s+(?P<unit>(?i:day|week|month|year|night|morning|evening))s?\s+"
    r"(?P<dir>(?i:before|after|prior))\b"
)
#: What follows an ``EVENT_RELATIVE`` match when it is counted from something named after it
#: ("four days after the storm", "a week after he was elected"); matched in place, at the match's end.
_COUNTED_FROM = re.compile(r"\s*[A-Za-z0-9'’]")
#: A season of a sport or a trade, named from now: "this season", "last season", "the
#: off-season", "next season"; which one it is, the report's day does not say (unanchored).
PLAY_SEASON = re.compile(
    r"\b(?:(?P<rel>(?i:this\s+past|this|last|next|the\s+past|the\s+coming|the\s+current|the\s+previous))\s+"
    r"(?P<s>(?i:season|off-?season|pre-?season|post-?season))"
    r"|(?P<the>(?i:the|this|last|next))\s+(?P<off>(?i:off-?season|pre-?season|post-?season)))\b"
)
#: "two days ago", "a year ago", "3 weeks ago".
AGO = re.compile(rf"\b{_COUNT}\s+(?P<unit>(?i:day|week|month|year))s?\s+(?i:ago)\b")
#: "three weeks from today", "two days from now", "a month from tomorrow": counted from the report's day.
FROM_NOW = re.compile(
    rf"\b{_COUNT}\s+(?P<unit>(?i:day|week|month|year))s?\s+(?i:from)\s+(?P<base>(?i:today|now|tomorrow|yesterday))\b"
)
#: Calendar units a demonstrative date names as they are; a part of a day names its day.
UNIT_NAMES = frozenset({"day", "week", "month", "year"})
#: Granularities from the finest: "that month" after a date of a year names no one month.
FINENESS = {g: n for n, g in enumerate(GRANULARITIES)}
#: Dates given from the date mentioned before them (anaphoric): "a decade earlier", "five
#: days later", "the previous decade", "the following day", "the next <unit>", "the year-ago
#: quarter", "the year-earlier period". ``n``/``unit`` (or ``by``) is the shift, ``named``
#: the period named. A demonstrative names the period of the date before ("that year",
#: "later that day", "the same month", "that morning": ``same``), as TimeML's anaphoric
#: TIMEX3 (Pustejovsky et al., 2003; HeidelTime's English rules resolve them alike).
ANAPHORIC = re.compile(
    rf"\b{_COUNT}\s+(?P<unit>(?i:day|week|month|quarter|year))s?\s+(?P<dir>(?i:earlier|later))\b"
    r"|\b(?i:the)\s+(?P<dir2>(?i:previous|prior|preceding|following|next))\s+"
    r"(?P<named>(?i:day|week|month|quarter|year|morning|afternoon|evening|night))\b"
    r"|\b(?i:the)\s+(?:(?i:same)\s+)?(?P<by>(?i:year|month|quarter))[-\s](?i:ago|earlier)\s+"
    r"(?P<named2>(?i:day|week|month|quarter|half|year|period))\b"
    r"|\b(?:(?i:later|earlier)\s+)?(?:(?P<that>(?i:that))|(?i:the\s+same))\s+(?:(?i:same)\s+)?"
    r"(?P<same>(?i:day|morning|afternoon|evening|night|week|month|year))\b(?![-\w])"
    r"(?!\s+(?i:after|by|to)\s+(?i:day|morning|afternoon|evening|night|week|month|year)\b)"  # "year after year"
)
#: Before "the next <unit>": a stretch of time ahead ("over the next year"), not a date.
_SPAN_AHEAD_BEFORE = re.compile(r"\b(?:over|in|within|during|for)\s+$", re.IGNORECASE)
#: After it: a rough stretch ("the next <unit> or two", "the next <unit> or so").
_SPAN_AHEAD_AFTER = re.compile(r"^\s+or\s+(?:so|two|three|\d)\b", re.IGNORECASE)
#: A weekday, with an optional "last"/"next"/"this" inside the span; "Thursdays" (a habit)
#: does not match.
WEEKDAY = re.compile(rf"\b(?P<rel>(?i:last|next|this)\s+)?(?P<wd>{_WEEKDAY})\b(?!s\b)")

#: A dateline at the very start of a paragraph: "BERLIN, March 4. /Agency/.",
#: "WASHINGTON, Jan. 5 (Reuters) -", "NEW YORK, N.Y., March 3 --" (AP style datelines:
#: a city in capitals, then the date). Its date is the article's, read by the loader.
DATELINE = re.compile(
    rf"^[ \t]*[A-Z][A-Z .'’-]*(?:,\s*[A-Z][A-Za-z.]*)*,\s*(?:{_WEEKDAY},?\s+)?"
    rf"(?:{_MONTH}\s+{_DAY}|{_DAY}\s+{_MONTH})(?:,?\s+{_YEAR})?\s*(?=[./(\-–—]|$)",
    re.M,
)

def _calendar_day(year: int, month: str, day: int) -> date | None:
    """The day a matched year, month (a name or its number) and day of the month name, or
    None when there is none ("June 31", "2019-02-29")."""
    number = int(month) if month.isdigit() else MONTHS.get(month.rstrip(".").lower())
    try:
        return date(year, number, day) if number else None
    except ValueError:
        return None


# --- calendar arithmetic -----------------------------------------------------------------

Bounds = tuple[date, date]


def _month_bounds(year: int, month: int) -> Bounds:
    first = date(year, month, 1)
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return first, nxt - timedelta(days=1)


def _months_bounds(year: int, month: int, count: int) -> Bounds:
    """``count`` whole months from ``month`` of ``year`` (may run into the next year)."""
    last_year, last_month = _shift_month(year, month, count - 1)
    return date(year, month, 1), _month_bounds(last_year, last_month)[1]


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    n = year * 12 + (month - 1) + by
    return n // 12, n % 12 + 1


def _week_bounds(day: date) -> Bounds:
    """The calendar week (Monday..Sunday, ISO 8601) that holds ``day``."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def _year_bounds(year: int) -> Bounds:
    return date(year, 1, 1), date(year, 12, 31)


def _period_of(day: date, unit: str) -> Bounds:
    """The calendar ``unit`` (day|week|month|quarter|half|year) that holds ``day``."""
    if unit == "day":
        return day, day
    if unit == "week":
        return _week_bounds(day)
    size = UNIT_MONTHS[unit]
    first = (day.month - 1) // size * size + 1
    return _months_bounds(day.year, first, size)


def _shift(bounds: Bounds, by: int, unit: str) -> Bounds:
    """``bounds`` moved by ``by`` units; whole months stay whole months."""
    if unit in ("day", "week"):
        step = timedelta(days=by * (7 if unit == "week" else 1))
        return bounds[0] + step, bounds[1] + step
    months = by * UNIT_MONTHS[unit]
    start, end = bounds
    whole = start.day == 1 and (end + timedelta(days=1)).day == 1
    y, m = _shift_month(start.year, start.month, months)
    if whole:
        span = (end.year - start.year) * 12 + end.month - start.month + 1
        return _months_bounds(y, m, span)
    def move(d: date) -> date:
        yy, mm = _shift_month(d.year, d.month, months)
        return date(yy, mm, min(d.day, _month_bounds(yy, mm)[1].day))
    return move(start), move(end)


def _easter(year: int) -> date:
    """Easter Sunday, Gregorian computus (Meeus, Astronomical Algorithms, ch. 8)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 (Meeus's names)
    m = (a + 11 * h + 19 * l) // 433
    month = (h + l - 7 * m + 90) // 25
    return date(year, month, (h + l - 7 * m + 33 * month + 19) % 32)


def _holiday(rule: dict, year: int) -> date:
    """The day of a holiday rule (crosscheck/data/holidays.json) in ``year``."""
    if "fixed" in rule:
        return date(year, *rule["fixed"])
    if "easter" in rule:
        return _easter(year) + timedelta(days=rule["easter"])
    month, weekday, n = rule["nth_weekday"]
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = _month_bounds(year, month)[1]
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _nearest_year(make: Callable[[int], Bounds | None], anchor: date, mode: str) -> Bounds | None:
    """The occurrence of a yearly period nearest the anchor, among last, this and next
    year's (``make(year)`` gives its bounds, None where it does not exist).

    ``past``: the latest one begun by the anchor; ``future``: the earliest one not over
    by it; ``last``/``next``: strictly before/after it; ``nearest``: the closest in days
    (0 when it holds the anchor; ties go to the earlier)."""
    found = [b for b in (make(y) for y in (anchor.year - 1, anchor.year, anchor.year + 1)) if b]
    if mode == "past":
        found = [b for b in found if b[0] <= anchor][-1:]
    elif mode == "last":
        found = [b for b in found if b[1] < anchor][-1:]
    elif mode == "future":
        found = [b for b in found if b[1] >= anchor][:1]
    elif mode == "next":
        found = [b for b in found if b[0] > anchor][:1]

    def distance(b: Bounds) -> int:
        return 0 if b[0] <= anchor <= b[1] else min(abs((b[0] - anchor).days), abs((b[1] - anchor).days))

    return min(found, key=distance) if found else None


def _weekday_near(weekday: int, anchor: date, mode: str) -> date:
    """The ``weekday`` nearest the anchor, in the sense of ``_nearest_year``'s modes."""
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if mode == "last" and back == 0:
        back = 7
    if mode == "next" and ahead == 0:
        ahead = 7
    if mode in ("past", "last") or (mode == "nearest" and back <= ahead):
        return anchor - timedelta(days=back)
    return anchor + timedelta(days=ahead)


# --- tense -------------------------------------------------------------------------------
# The direction of a year-less date is the tense of the verb that governs it (Mani &
# Wilson, 2000; HeidelTime's tense rules), read from the dependency parse.


def _group_tense(verb, prospective: bool) -> str | None:
    """``past``, ``future`` or None (present, or no tense) of the verb group of ``verb``."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    modals = [c for c in auxes if c.tag_ == "MD"]
    if modals:  # "will", "would", "must" + base verb; "would have", "must have" are past
        return "past" if any(c.lemma_ == "have" for c in auxes) else "future"
    if verb.dep_ == "xcomp" and any(c.tag_ == "TO" for c in auxes):
        matrix = verb.head
        if matrix.dep_ == "acomp" and matrix.head.pos_ in ("VERB", "AUX"):
            matrix = matrix.head  # "was unable to attend": the copula carries the tense
        if verb.tag_ == "VBN" and any(c.lemma_ == "have" for c in auxes):
            # a perfect infinitive is before its matrix verb ("is said to have died"), unless
            # that verb looks ahead: "is expected to have reopened by Friday" (a future perfect)
            if prospective or matrix.lemma_.lower() in PROSPECTIVE:
                return _group_tense(matrix, True)
            return "past"
        if matrix.lemma_ == "go" and matrix.tag_ == "VBG":  # "<be> going to" + a verb
            return "future"
        # A to-infinitive is ahead of its matrix verb: ahead of now if that verb is not past.
        outer = _group_tense(matrix, prospective or matrix.lemma_.lower() in PROSPECTIVE)
        return None if outer == "past" else "future"
    tags = {verb.tag_} | {c.tag_ for c in auxes}
    if "VBD" in tags or (verb.tag_ == "VBN" and any(c.lemma_ == "have" for c in auxes)):
        return None if prospective else "past"  # "was scheduled for Monday": either way
    if tags & {"VBZ", "VBP"}:
        if prospective or verb.tag_ == "VBG":  # "is due", "are meeting on Monday"
            return "future"
        return None
    if verb.tag_ in ("VBG", "VB", "VBN") and not auxes and verb.dep_ in ("advcl", "conj", "acl", "relcl") \
            and verb.head.pos_ in ("VERB", "AUX") and not prospective:
        # A non-finite verb has the tense of the clause it hangs from ("has ratcheted up
        # its programme, firing 23 missiles since February").
        return _group_tense(verb.head, False)
    if verb.tag_ == "VBN" and not auxes:  # a reduced relative: "the vote held on Monday"
        return "future" if prospective else "past"
    return "future" if prospective else None


def _attachment(verb, span):
    """The verb a date modifies, correcting a frequent misattachment: in "said on Monday
    they would ask", a date between a verb and the subject of its complement clause
    modifies the outer verb, not the clause (which begins at its subject)."""
    while verb.dep_ == "ccomp" and verb.head.i < span.start:
        subjects = [c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "mark")]
        if not subjects or min(subjects) < span.end:
            break
        verb = verb.head
    return verb


def _tense(doc, start: int, end: int) -> str | None:
    """Tense of the predicate governing the characters ``start:end`` of a parsed sentence.

    Walks up from the date to the first verb; a prospective predicate passed on the way
    ("due Jan. 2") or being that verb ("expected on Tuesday") looks ahead."""
    from crosscheck.parse import tokens_in

    span = tokens_in(doc, start, end)
    if span is None:
        return None
    if span.root.head.lower_ == "since":  # "since" points back from now (its meaning)
        return "past"
    prospective = False
    for tok in span.root.ancestors:
        if (tok.lemma_.lower() in PROSPECTIVE or tok.text.lower() in PROSPECTIVE) and not _preposition_of_two(tok):
            prospective = True
        if tok.pos_ in ("VERB", "AUX"):
            return _group_tense(_attachment(tok, span), prospective)
    if prospective:
        return "future"
    # No verb above the date (a fragment, or a parse that hung the verb below it): the
    # nearest finite verb of the sentence, preferring one before the date, as HeidelTime
    # reads tense from part-of-speech tags.
    finite = [t for t in doc if t.tag_ in ("VBD", "VBZ", "VBP", "MD") and t not in span]
    if not finite:
        return None
    verb = min(finite, key=lambda t: (abs(t.i - span.start), t.i > span.start))
    if verb.tag_ == "MD":
        perfect = verb.i + 1 < len(doc) and verb.nbor(1).lemma_ == "have"  # "would have"
        return "past" if perfect else "future"
    return "past" if verb.tag_ == "VBD" else None


def _preposition_of_two(tok) -> bool:
    """Whether a word is the first of a preposition of two words, which the parser hangs its
    second word from as a preposition: "due to the weather" (because of), not "due to land
    on Friday" (whose "to" marks a verb)."""
    return any(c.dep_ == "pcomp" and c.tag_ == "IN" for c in tok.children)


def _mode(rel: str | None, tense: str | None) -> str:
    """A resolution mode of ``_nearest_year`` from "last"/"next"/"this" or the tense."""
    rel = (rel or "").strip().lower()
    if rel in ("last", "next"):
        return rel
    return {"past": "past", "future": "future"}.get(tense or "", "nearest")


# --- resolution --------------------------------------------------------------------------
# A resolution is (bounds or None, granularity, relative, extra value keys).

Resolution = tuple[Bounds | None, str, bool, dict[str, Any]]


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d is not None else None


def _value(resolution: Resolution, article: Article) -> dict[str, Any]:
    bounds, granularity, relative, extra = resolution
    anchored = bounds is not None
    value = {
        "start": _iso(bounds[0]) if bounds else None,
        "end": _iso(bounds[1]) if bounds else None,
        "granularity": granularity,
        "anchored": anchored,
        "relative": relative,
        "inferred": bool(relative and anchored and article.published_from == "inferred"),
    }
    value.update(extra)
    return value


def _resolve_day(m: re.Match, anchor: date | None, tense: Callable[[], str | None]) -> Resolution | None:
    """A MONTH_DAY / DAY_MONTH / ISO_DATE match, or None when it is no valid date ("June 31")."""
    groups = m.groupdict()
    month, year, ry, wd = groups["month"], groups["year"], groups.get("ry"), groups.get("wd")
    day = int(re.match(r"\d+", groups["day"]).group())
    last_day = int(re.match(r"\d+", groups["day2"]).group()) if groups.get("day2") else day
    if last_day < day:
        return None
    if year:
        first = _calendar_day(int(year), month, day)
        relative = False
    else:
        month_no = MONTHS[month.rstrip(".").lower()]
        try:
            date(2000, month_no, last_day)  # a leap year: is it a day of that month at all?
        except ValueError:
            return None
        if anchor is None:
            missing = {"year_from": "story", "month": month_no, "day": day}
            if wd:
                missing["weekday"] = WEEKDAYS[wd.lower()]
            return None, "day", True, missing
        relative = True
        if ry:
            first = _calendar_day(anchor.year + RELATIVE_YEAR_OFFSETS[ry.lower()], month, day)
        else:
            first = _year_for(month_no, day, WEEKDAYS[wd.lower()] if wd else None, anchor,
                              _mode(None, tense()))
    if first is None:
        return None
    try:
        last = first.replace(day=last_day)
    except ValueError:
        return None
    return (first, last), "day", relative, {}


def _year_for(month: int, day: int, weekday: int | None, anchor: date, mode: str) -> date | None:
    """The year-less ``month``/``day`` placed in the year ``mode`` picks; a weekday written
    with it ("Tuesday, Mar. 3") picks the year in which that day is that weekday."""
    def make(y: int, need_weekday: bool) -> Bounds | None:
        try:
            d = date(y, month, day)
        except ValueError:
            return None
        if need_weekday and d.weekday() != weekday:
            return None
        return d, d

    found = None
    if weekday is not None:
        found = _nearest_year(lambda y: make(y, True), anchor, "nearest")
    found = found or _nearest_year(lambda y: make(y, False), anchor, mode)
    return found[0] if found else None


def _resolve_month(month_word: str, year: str | None, mod: str, anchor: date | None,
                   tense: Callable[[], str | None], ry: str | None = None) -> Resolution:
    month = MONTHS[month_word.rstrip(".").lower()]
    if year is not None:
        return _month_bounds(int(year), month), "month", False, {}
    if anchor is None:
        return None, "month", True, {"year_from": "story", "month": month}
    if ry:
        return _month_bounds(anchor.year + RELATIVE_YEAR_OFFSETS[ry.lower()], month), "month", True, {}
    if mod == "this":
        return _month_bounds(anchor.year, month), "month", True, {}
    mode = _mode(mod, None) if mod in ("last", "next") else _mode(None, tense())
    return _nearest_year(lambda y: _month_bounds(y, month), anchor, mode), "month", True, {}


def _resolve_yearly(make: Callable[[int], Bounds], granularity: str, year: str | None,
                    ry: str | None, rel: str | None, anchor: date | None,
                    tense: Callable[[], str | None]) -> Resolution:
    """A period that comes once a year (a quarter, a season, a holiday), with its year as
    written, relative to the anchor ("of last year", "last Christmas") or from the tense."""
    if year:
        return make(int(year)), granularity, False, {}
    if anchor is None:
        return None, granularity, True, {}
    if ry:
        return make(anchor.year + RELATIVE_YEAR_OFFSETS[ry.lower()]), granularity, True, {}
    rel = (rel or "").strip().lower()
    if rel == "this":
        return _nearest_year(make, anchor, "nearest"), granularity, True, {}
    mode = _mode(rel, None) if rel in ("last", "next") else _mode(None, tense())
    return _nearest_year(make, anchor, mode), granularity, True, {}


def _resolve_relative_day(word: str, anchor: date | None) -> Resolution:
    word = " ".join(word.lower().split())
    if anchor is None:
        return None, "day", True, {}
    if word == "last night":
        # Evening before a morning edition, or of the day itself: both days.
        return (anchor - timedelta(days=1), anchor), "day", True, {"deictic": True}
    # "this morning", "this afternoon", "this evening": a part of the day of the report
    offset = 0 if word.startswith("this ") else {
        "yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1,
        "the day before yesterday": -2, "the day after tomorrow": 2}[word]
    d = anchor + timedelta(days=offset)
    return (d, d), "day", True, {"deictic": True}


def _resolve_period(rel: str, unit: str, anchor: date | None) -> Resolution:
    rel = " ".join(rel.lower().split())
    unit = unit.lower()
    granularity = "week" if unit == "weekend" else unit
    if anchor is None:
        return None, granularity, True, {}
    step = {"last": -1, "next": 1}.get(rel, 0)
    start, end = _shift(_period_of(anchor, granularity), step, granularity)
    if unit == "weekend":
        start = start + timedelta(days=5)
    if rel == "earlier this":
        end = anchor
    elif rel == "later this":
        start = anchor
    return (start, end), granularity, True, {}


def _resolve_weekend(anchor: date | None, tense: Callable[[], str | None]) -> Resolution:
    """"the weekend": the last one for a past tense, the next one for a future tense, else
    the nearest (the one just past early in the week, the one ahead late in it)."""
    if anchor is None:
        return None, "week", True, {}
    mode = _mode(None, tense())
    saturday = anchor - timedelta(days=(anchor.weekday() - 5) % 7)  # the last Saturday, or today
    if anchor.weekday() < 5 and (mode == "future" or (mode == "nearest" and anchor.weekday() >= 3)):
        saturday += timedelta(days=7)
    return (saturday, saturday + timedelta(days=1)), "week", True, {}


def _resolve_rolling(n: str | None, unit: str, anchor: date | None) -> Resolution:
    """"the past <n> <unit>s": the stretch of that length that ends on the report's day."""
    unit = unit.lower()
    if anchor is None:
        return None, unit, True, {}
    by = _count(n) if n else 1
    if unit == "decade":
        by, unit = by * 10, "year"
    start, _ = _shift((anchor, anchor), -by, unit)
    return (start, anchor), unit, True, {}


def _resolve_in_the_period(unit: str, ref: tuple[Bounds, str] | None, anchor: date | None) -> Resolution:
    unit = unit.lower()
    if ref is not None and FINENESS.get(ref[1], len(FINENESS)) <= FINENESS[unit]:
        return _period_of(ref[0][0], unit), unit, True, {"reference": "previous date"}
    if anchor is None:
        return None, unit, True, {}
    return _period_of(anchor, unit), unit, True, {}


def _part_of_the_year(make: Callable[[int], Bounds], granularity: str, ref: tuple[Bounds, str] | None,
                      anchor: date | None) -> Resolution:
    """A quarter or half "of the year": of the year of the date before it, else the report's."""
    year = _resolve_in_the_period("year", ref, anchor)[0]
    return (make(year[0].year) if year else None), granularity, True, {}


def _resolve_event_relative(m: re.Match, alone: bool, ref: tuple[Bounds, str] | None) -> Resolution:
    """"<n> <unit>s after" with nothing after it: counted from the date before it; "the day
    after <event>": unanchored."""
    unit = m.group("unit").lower()
    unit = "day" if unit in DAY_PARTS else unit  # "the night before": the day before
    if not alone or ref is None:
        return None, unit, True, {"reference": "event"}
    by = (1 if m.group("one") else _count(m.group("n"))) * (1 if m.group("dir").lower() == "after" else -1)
    bounds, granularity = ref
    try:
        return _shift(bounds, by, unit), granularity, True, {"reference": "previous date"}
    except (ValueError, OverflowError):
        return None, granularity, True, {"reference": "previous date"}


def _count(n: str) -> int:
    return int(n) if n.isdigit() else NUMBER_WORDS[n.lower()]


def _resolve_ago(n: str, unit: str, anchor: date | None) -> Resolution:
    unit = unit.lower()
    if anchor is None:
        return None, unit, True, {}
    return _shift(_period_of(anchor, unit), -_count(n), unit), unit, True, {}


def _resolve_from_now(n: str, unit: str, base: str, anchor: date | None) -> Resolution:
    """"three weeks from today": the report's day (or the day after or before it) moved ahead."""
    unit = unit.lower()
    if anchor is None:
        return None, "day", True, {}
    day = anchor + timedelta(days={"tomorrow": 1, "yesterday": -1}.get(base.lower(), 0))
    exact = unit in ("day", "week")  # "three weeks from today" names a day; "a year from now", a year
    try:
        moved = _shift((day, day) if exact else _period_of(day, unit), _count(n), unit)
    except (ValueError, OverflowError):
        return None
    return moved, "day" if exact else unit, True, {}


def _resolve_weekday(rel: str | None, name: str, anchor: date | None,
                     tense: Callable[[], str | None]) -> Resolution:
    if anchor is None:
        return None, "day", True, {}
    rel = (rel or "").strip().lower()
    mode = _mode(rel, None) if rel in ("last", "next") else _mode(None, tense())
    d = _weekday_near(WEEKDAYS[name.lower()], anchor, mode)
    return (d, d), "day", True, {}


def _resolve_anaphoric(m: re.Match, ref: tuple[Bounds, str] | None, anchor: date | None) -> Resolution:
    """A date given from the one mentioned before it (``ref``: its bounds and granularity),
    or from the publication day when none was: "a decade earlier" is the reference moved by a
    decade, at its own granularity; "the previous decade" and "the year-ago quarter" name the
    period (a year, a quarter) holding the reference, moved."""
    g = m.groupdict()
    if g["same"]:  # "that year", "later that day", "the same month": the period of the reference
        unit = named = g["same"].lower() if g["same"].lower() in UNIT_NAMES else "day"  # "that morning"
        by = 0
    elif g["unit"]:
        by, unit, named = _count(g["n"]) * (-1 if g["dir"].lower() == "earlier" else 1), g["unit"].lower(), None
    elif g["named"]:
        unit = named = "day" if g["named"].lower() in DAY_PARTS else g["named"].lower()  # "the next morning"
        by = -1 if g["dir2"].lower() in ("previous", "prior", "preceding") else 1
    else:
        by, unit, named = -1, g["by"].lower(), g["named2"].lower()
        named = None if named == "period" else named
    if g["same"] and (ref is None or FINENESS.get(ref[1], len(FINENESS)) > FINENESS[named]):
        return None, named, True, {}  # no date before, or one too coarse to name its day or month
    if ref is None:
        if anchor is None:
            return None, named or unit, True, {}
        ref = ((anchor, anchor), "day")
    bounds, granularity = ref
    if named:
        bounds, granularity = _period_of(bounds[0], named), named
    if granularity in ("season", "decade", "century"):
        granularity = "month" if granularity == "season" else "year"
    try:
        moved = _shift(bounds, by, unit)
    except (ValueError, OverflowError):  # moved out of the calendar: no date
        return None, granularity, True, {"reference": "previous date"}
    return moved, granularity, True, {"reference": "previous date"}


# --- candidates --------------------------------------------------------------------------

#: A candidate: (match start, match end, span start, span end, resolve, anaphoric); offsets
#: in the article; ``resolve(ref)`` gives the Resolution or None (no date after all).
Candidate = tuple[int, int, int, int, Callable[..., Resolution | None], bool]


def _is_year_by_grammar(doc, start: int, end: int, *, one_token: bool = True) -> bool:
    """Whether a year-like number (or, with ``one_token=False``, a span of them, "<yyyy>-<yy>")
    reads as a date in the parse: the named-entity recogniser calls it a DATE (or part of an
    EVENT), it is no number before a place's name, and it does not count a plural noun in lower
    case that it modifies ("the <yyyy> troops" and "<yyyy>-<yyyy> people" count; "the 1987
    strike", "the 2008 Olympics" are years)."""
    from crosscheck.parse import tokens_in

    span = tokens_in(doc, start, end)
    if span is None or (one_token and len(span) != 1):
        return False
    if not all(t.ent_type_ in ("DATE", "EVENT") or t.is_punct for t in span):
        return False  # a year, or one that names an event it dates ("the 2012 London Olympics")
    root = span.root
    head = root.head
    if root.dep_ in ("nummod", "compound") and head.pos_ == "PROPN" and head.i > root.i \
            and head.ent_type_ in NAMED_THING_LABELS:
        return False  # a number before a place's or a product's name: a street number ("at 1600
        # Elm"), a model's year
    return not (root.dep_ in ("nummod", "compound", "amod") and head.tag_ == "NNS" and (
        head.text[:1].islower() or not _has_lower_long_word(doc.text)))  # "the 2014 Oscars" is a year


#: Named-entity labels (OntoNotes 5) of a name whose number before it is no year: a place or
#: building (a street number), a product (a model's year). Not an organisation's, event's or
#: work's: "the 1994 league draft", "a 2011 prize fellow", "a 1999 novel" are dated.
NAMED_THING_LABELS = frozenset({"GPE", "LOC", "FAC", "PRODUCT"})


#: Dependency labels of a verb's participants (subject, object, predicate noun): a word in
#: one of them names a thing or an event, not the time of one.
_PARTICIPANT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr"})


def _is_season_by_grammar(doc, start: int, end: int) -> bool:
    """Whether "the <season>", with no year or "last"/"next", is a time. A season's name is
    also a common noun ("the fall was fatal", "survived the fall", "the fall from the
    ladder"): unless the entity recogniser reads it as a date, it is no time as the subject
    or object of a verb, nor as a noun that takes a source ("from")."""
    from crosscheck.parse import tokens_in

    span = tokens_in(doc, start, end)
    if span is None or span.root.ent_type_ == "DATE":
        return True
    root = span.root
    return root.dep_ not in _PARTICIPANT_DEPS and not any(c.dep_ == "prep" and c.lower_ == "from" for c in root.children)


def _rel(word: str | None) -> str:
    """A relative word in one spelling: "this past" is "last" ("this past month", "this past
    spring": the last one before the report)."""
    low = " ".join((word or "").lower().split())
    return "last" if low == "this past" else low


def _is_month_by_grammar(doc, start: int, end: int) -> bool:
    """Whether a month name with no preposition or modifier before it dates what a noun
    names, by the parse: the named-entity recogniser calls it a DATE and it premodifies a
    common noun ("the March flood", "a September report") or is a noun with a determiner
    or a possessive of its own ("the firm's bad September"); no person's name ("April Lee")."""
    from crosscheck.parse import tokens_in

    span = tokens_in(doc, start, end)
    if span is None or len(span) != 1 or span[0].ent_type_ != "DATE":
        return False
    tok = span[0]
    if tok.dep_ in ("compound", "nmod") and tok.head.pos_ == "NOUN" and tok.head.i > tok.i:
        return True
    return any(c.dep_ in ("det", "poss") for c in tok.children)


def _in_a_name(text: str, at: int) -> bool:
    """Whether a deictic word at ``at`` is written with a capital right after a word, in a
    sentence that is no headline: then it continues a name ("Harbour Today", "Channel 9 This Morning",
    "NBC's Today show"), as English capitalises "today" or "this morning" only where a
    sentence, a quotation, a title or a list item begins, which no word comes before. A
    headline is told by its long words: none of them in lower case ("Strike Set For Today")."""
    if not (text[at : at + 1].isupper() and text[at + 1 : at + 2].islower()):
        return False  # "TODAY" in capitals is emphasis
    j = at - 1
    while j >= 0 and text[j].isspace():
        j -= 1
    if j < 0 or not (text[j].isalnum() or text[max(0, j - 1) : j + 1] in ("'s", "’s")):
        return False
    return _has_lower_long_word(text)


@lru_cache(maxsize=256)
def _has_lower_long_word(text: str) -> bool:
    """Whether a long word of ``text`` is in lower case (it is no headline): once per
    sentence, however many deictic words it holds."""
    return any(w[0].islower() for w in LONG_WORD.findall(text))


def _determiner_of(doc, at: int, noun_at: int) -> bool:
    """Whether the token at character ``at`` is a determiner of the token at ``noun_at``."""
    tok = next((t for t in doc if t.idx == at), None)
    return tok is not None and tok.dep_ == "det" and tok.head.idx == noun_at


def _candidates(sentence: Sentence, anchor: date | None) -> list[Candidate]:
    """Candidates of one sentence; overlapping ones are settled by the caller."""
    text = sentence.text
    base = sentence.start
    out: list[Candidate] = []
    doc_cache: list = []

    def doc():
        if not doc_cache:
            from crosscheck.parse import parse

            doc_cache.append(parse(text))
        return doc_cache[0]

    def add(m: re.Match, resolve: Callable[..., Resolution | None],
            span: tuple[int, int] | None = None, anaphoric: bool = False) -> None:
        """A match resolved lazily; ``span`` (sentence offsets) defaults to the whole match."""
        span = span or m.span()
        out.append((base + m.start(), base + m.end(), base + span[0], base + span[1], resolve,
                    anaphoric))

    def tense(a: int, b: int) -> Callable[[], str | None]:
        return lambda: _tense(doc(), a, b)

    for m in ISO_DATE.finditer(text):
        add(m, lambda m=m: _resolve_day(m, anchor, lambda: None))
    for pattern in (MONTH_DAY, DAY_MONTH):
        for m in pattern.finditer(text):
            add(m, lambda m=m: _resolve_day(m, anchor, tense(*m.span())))
    for m in MONTH_YEAR.finditer(text):
        add(m, lambda m=m: _resolve_month(m.group("month"), m.group("year"), "", anchor, lambda: None))
    for m in MONTH_IN_CONTEXT.finditer(text):
        prep = (m.group("prep") or "").lower()
        mod = (m.group("mod") or "").strip(" -").lower()
        if not (prep or mod or m.group("poss")) and not (
                m.group("month").lower() not in AMBIGUOUS_MONTHS and _is_month_by_grammar(doc(), *m.span("month"))):
            continue
        if m.group("month").lower() in AMBIGUOUS_MONTHS and not mod and (
            prep in AMBIGUOUS_MONTH_WEAK_PREPS or not prep
        ):
            continue
        start = m.start("mod") if m.group("mod") else m.start("month")
        add(m, lambda m=m, mod=mod, start=start: _resolve_month(
            m.group("month"), None, mod, anchor, tense(start, m.end("month")), m.group("ry")),
            (start, m.end()))
    for pattern in (YEAR_IN_CONTEXT, YEAR_POSSESSIVE):
        for m in pattern.finditer(text):
            if clock_time_at(text, m.start("year")):
                continue  # "until 0915 BST": a time of day on the 24-hour clock, no year
            mod = m.groupdict().get("mod")
            keep_mod = mod and mod.strip(" -").lower() in ("fiscal", "early", "mid", "late")
            start = m.start("mod") if keep_mod else m.start("year")
            add(m, lambda m=m: (_year_bounds(int(m.group("year"))), "year", False, {}),
                (start, m.end("year")))
    for m in BARE_YEAR.finditer(text):
        if clock_time_at(text, m.start()):
            continue  # "at about 0915 GMT": a time of day on the 24-hour clock, no year
        add(m, lambda m=m: (_year_bounds(int(m.group("year"))), "year", False, {})
            if _is_year_by_grammar(doc(), *m.span()) else None)
    for m in YEAR_RANGE.finditer(text):
        first, second = ("year", "year2") if m.group("year") else ("dyear", "dyear2")
        y1, y2 = int(m.group(first)), int(m.group(second))
        if y2 < 100:  # "<yyyy>-<yy>": the century of the first year
            y2 += y1 // 100 * 100
        if y1 < y2 <= y1 + MAX_YEAR_SPAN:
            bounds = (date(y1, 1, 1), date(y2, 12, 31))
            # a dash alone may join two counts ("<yyyy>-<yyyy> people"): the parse must read a
            # date, unless the second year is the next one in two digits ("the 1998-99 roster": a
            # season, which no pair of counts is written as)
            season = len(m.group(second)) == 2 and y2 == y1 + 1
            by_grammar = first == "year" or season or _is_year_by_grammar(doc(), m.start(first), m.end(second),
                                                                          one_token=False)
            add(m, lambda b=bounds, ok=by_grammar: (b, "year", False, {}) if ok else None,
                (m.start(first), m.end(second)))
    for m in DECADE.finditer(text):
        if m.group("full"):
            first, relative = int(m.group("full")), False
        elif anchor is not None:  # "the '90s": the latest such decade begun by the anchor
            first = anchor.year // 100 * 100 + int(m.group("short"))
            first, relative = (first - 100 if first > anchor.year else first), True
        else:
            continue
        if m.group("full") and first % 100 == 0 and first < 2000:  # "the 1800s": a century
            add(m, lambda f=first: ((date(f, 1, 1), date(f + 99, 12, 31)), "century", False, {}))
            continue
        add(m, lambda f=first, r=relative: ((date(f, 1, 1), date(f + 9, 12, 31)), "decade", r, {}))
    for m in CENTURY.finditer(text):
        n = int(m.group("n")) if m.group("n") else CENTURY_ORDINALS[m.group("w").lower()]
        if 1 <= n <= 22 and not PART_OF_SOMETHING.match(text, m.end()):  # not "the first century of the empire"
            add(m, lambda f=(n - 1) * 100: ((date(max(f, 1), 1, 1), date(f + 99, 12, 31)), "century", False, {}))
    for m in QUARTER.finditer(text):
        size = UNIT_MONTHS[m.group("unit").lower()]
        index = ORDINALS[m.group("ord").lower()]
        if index * size > 12 or (
            not (m.group("year") or m.group("ry") or m.group("the_year")) and PART_OF_SOMETHING.match(text, m.end())
        ):
            continue  # "third half"; "the fourth quarter of the match" (a part of a game)
        make = lambda y, size=size, index=index: _months_bounds(y, (index - 1) * size + 1, size)  # noqa: E731
        if m.group("the_year"):  # "the first quarter of the year": of the year the sentence is about
            add(m, lambda ref, make=make, size=size: _part_of_the_year(make, "quarter" if size == 3 else "half",
                                                                        ref, anchor), anaphoric=True)
            continue
        add(m, lambda m=m, make=make, size=size: _resolve_yearly(
            make, "quarter" if size == 3 else "half", m.group("year") or m.group("year1"),
            m.group("ry"), None, anchor, tense(*m.span())))
    for m in Q_NOTATION.finditer(text):
        index = int(m.group("q")[1])
        make = lambda y, index=index: _months_bounds(y, (index - 1) * 3 + 1, 3)  # noqa: E731
        add(m, lambda m=m, make=make: _resolve_yearly(
            make, "quarter", m.group("year"), None, None, anchor, tense(*m.span())))
    for m in SEASON.finditer(text):
        if not (m.group("rel") or m.group("year")) and (
            not m.group("the") or SEASON_NOT_AFTER.match(text, m.end())
            or not _is_season_by_grammar(doc(), *m.span("season"))
        ):
            continue
        first_month, count = SEASONS[m.group("season").lower()]
        make = lambda y, f=first_month, c=count: _months_bounds(y, f, c)  # noqa: E731
        rel = _rel(m.group("rel")) if _rel(m.group("rel")) in ("last", "this", "next") else None
        start = m.start("rel") if m.group("rel") else m.start("season")
        add(m, lambda m=m, make=make, rel=rel: _resolve_yearly(
            make, "season", m.group("year"), None, rel, anchor, tense(*m.span())), (start, m.end()))
    for m in HOLIDAY.finditer(text):
        rule = HOLIDAYS[m.group("name")]
        make = lambda y, rule=rule: (_holiday(rule, y),) * 2  # noqa: E731
        add(m, lambda m=m, make=make: _resolve_yearly(
            make, "day", m.group("year"), None, m.group("rel"), anchor, tense(*m.span())))
    for m in RELATIVE_DAY.finditer(text):
        if not _in_a_name(text, m.start()):
            add(m, lambda m=m: _resolve_relative_day(m.group(), anchor))
    for m in RELATIVE_PERIOD.finditer(text):
        add(m, lambda m=m: _resolve_period(_rel(m.group("rel")), m.group("unit"), anchor))
    for m in PERIOD_PART.finditer(text):
        if m.group("month"):
            add(m, lambda m=m: _resolve_month(m.group("month"), m.group("year"), "", anchor, lambda m=m: tense(*m.span())))
        elif not _RELATIVE_BEFORE.search(text, 0, m.start()):
            # "the year" is the one the sentence is about: the date before it, else the report's
            add(m, lambda ref, m=m: _resolve_in_the_period(m.group("unit") or m.group("unit2"), ref, anchor),
                anaphoric=True)
    for m in AGO.finditer(text):
        add(m, lambda m=m: _resolve_ago(m.group("n"), m.group("unit"), anchor))
    for m in FROM_NOW.finditer(text):
        add(m, lambda m=m: _resolve_from_now(m.group("n"), m.group("unit"), m.group("base"), anchor))
    for m in THE_WEEKEND.finditer(text):
        add(m, lambda m=m: _resolve_weekend(anchor, tense(*m.span())))
    for m in ROLLING_PERIOD.finditer(text):
        add(m, lambda m=m: _resolve_rolling(m.group("n"), m.group("unit"), anchor))
    for m in IN_THE_PERIOD.finditer(text):
        unit = "day" if m.group("unit").lower() in DAY_PARTS else m.group("unit")
        add(m, lambda ref, unit=unit: _resolve_in_the_period(unit, ref, anchor), anaphoric=True)
    for m in EVENT_RELATIVE.finditer(text):
        alone = not _COUNTED_FROM.match(text, m.end())  # nothing it is counted from follows
        if not alone and (m.group("one") or "").lower() != "the":
            continue  # counted from an event named after it: a length of time (a measure), no
            # date; "the day after the vote" names a day, and stays one (unanchored)
        add(m, lambda ref, m=m, alone=alone: _resolve_event_relative(m, alone, ref), anaphoric=True)
    for m in PLAY_SEASON.finditer(text):
        add(m, lambda: (None, "season", True, {}))
    for m in ANAPHORIC.finditer(text):
        if (m.group("dir2") or "").lower() == "next" and (
                _SPAN_AHEAD_BEFORE.search(text, 0, m.start()) or _SPAN_AHEAD_AFTER.match(text, m.end())):
            continue  # "over the next <unit>", "the next <unit> or two": time ahead, no date
        if m.group("that") and not _determiner_of(doc(), m.start("that"), m.start("same")):
            continue  # "said that morning commutes ...": the conjunction, no date
        start = m.start() + (4 if text[m.start():m.start() + 4].lower() == "the " else 0)
        add(m, lambda ref, m=m: _resolve_anaphoric(m, ref, anchor), (start, m.end()), anaphoric=True)
    for m in WEEKDAY.finditer(text):
        add(m, lambda m=m: _resolve_weekday(m.group("rel"), m.group("wd"), anchor,
                                            tense(m.start("wd"), m.end("wd"))))
    return out


def _metadata_spans(text: str) -> list[tuple[int, int]]:
    """Datelines and the publication / "Updated ..." lines of the lead: the article's own
    dates, read by the loader (crosscheck.load.detect), never facts of the story."""
    from crosscheck.load.detect import stamp_lines

    spans = [m.span() for m in DATELINE.finditer(text)]
    spans.extend((s.start, s.end) for s in stamp_lines(text))
    return sorted(spans)


#: The word right before a date, to record its preposition (one of ``PREPOSITIONS``).
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\s*$")


class _Taken:
    """Disjoint intervals taken so far, for overlap tests in O(log n)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, a: int, b: int) -> bool:
        i = bisect_left(self.starts, b)  # intervals starting before b: the last may overlap
        return i > 0 and self.ends[i - 1] > a

    def add(self, a: int, b: int) -> None:
        i = bisect_left(self.starts, a)
        self.starts.insert(i, a)
        self.ends.insert(i, b)


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    i = bisect_left(spans, (pos + 1,)) - 1
    return any(a <= pos < b for a, b in spans[max(0, i - 3): i + 1])


def extract_dates(article: Article, sentences: list[Sentence]) -> list[Mention]:
    """Date mentions of ``article`` (kind ``"date"``), ordered by position.

    Each value holds ``start``/``end`` (ISO, inclusive; None when unanchored),
    ``granularity`` (day|week|month|season|quarter|half|year|decade), ``anchored``,
    ``relative``, ``inferred`` (see the module docstring), ``expression`` (the span in
    lower case, spaces normalised) and ``preposition`` (the preposition right before the
    span, lower case, or None); a year-less day or month of an article without a
    publication date also holds ``year_from: "story"`` and its ``month``/``day``/
    ``weekday``; an anaphoric one ("a decade earlier") holds ``reference: "previous date"``.

    Where candidates overlap, the longest match wins ("December 19, 2017" over
    "December 19"), then the earliest. Dates inside a paragraph-initial dateline or a
    publication line are skipped. Anaphoric dates are resolved in reading order against
    the last date before them.

    A length of time counted from an event named after it ("two weeks after the election")
    dates nothing here: it is a measure (``crosscheck.extract.measures``), the time between
    the two, which outlets can give differently. "The day after the vote" names a day, left
    unanchored (``reference: "event"``): the event is not dated here. "<n> <unit>s after" with
    nothing after it is counted from the date before it.
    Not handled: fiscal years that do not follow the calendar year ("fiscal 1990" is read as
    the calendar year 1990).
    """
    anchor = article.published
    text = article.text
    skip = _metadata_spans(text)
    found: list[Candidate] = []
    for sentence in sentences:
        found.extend(_candidates(sentence, anchor))
    found.sort(key=lambda c: (-(c[1] - c[0]), c[0], c[2]))
    taken = _Taken()
    kept: list[tuple[int, int, Any, bool]] = []
    for m_start, m_end, s_start, s_end, resolve, anaphoric in found:
        if taken.overlaps(m_start, m_end) or _inside(skip, s_start):
            continue
        resolution = None if anaphoric else _in_range(resolve)
        if resolution is None and not anaphoric:
            continue
        taken.add(m_start, m_end)
        kept.append((s_start, s_end, resolve if anaphoric else resolution, anaphoric))
    kept.sort(key=lambda k: (k[0], k[1]))
    mentions: list[Mention] = []
    ref: tuple[Bounds, str] | None = None
    for s_start, s_end, resolution, anaphoric in kept:
        if anaphoric:
            resolution = _in_range(resolution, ref)
            if resolution is None:
                continue
        elif resolution[0] is not None:  # a reference is a date given on its own
            ref = (resolution[0], resolution[1])
        value = _value(resolution, article)
        value["expression"] = " ".join(text[s_start:s_end].lower().split())
        before = _WORD_BEFORE.search(text, max(0, s_start - 20), s_start)
        word = before.group(1).lower() if before else None
        value["preposition"] = word if word in PREPOSITIONS else None
        mentions.append(Mention("date", s_start, s_end, value))
    return mentions


def _in_range(resolve: Callable[..., Resolution | None], *args) -> Resolution | None:
    """``resolve(*args)``, or None for a date outside the calendar Python knows (years 1 to
    9999): "next year" in an article published 9999-12-31, "a fortnight ago" on 0001-01-01. Such
    a date is left out, never a crash."""
    try:
        return resolve(*args)
    except (OverflowError, ValueError):
        return None


def story_year(story: Iterable[tuple[str, str]]) -> int | None:
    """The year of a story: the one most of its anchored dates (``(start, end)`` ISO pairs)
    fall in, counted by mention (a date told often weighs), the latest of a tie; a date of
    history it recalls ("the November <yyyy> uprising") is outweighed by its own days."""
    years = Counter(date.fromisoformat(a).year for a, b in story if a and b)
    return max(years, key=lambda y: (years[y], y)) if years else None


def year_from_story(value: dict[str, Any], story: Iterable[tuple[str, str]]) -> dict[str, Any] | None:
    """Fill the year of an unanchored year-less date (``value["year_from"] == "story"``)
    from the anchored dates of the story it belongs to (``(start, end)`` ISO pairs from all
    its articles, by mention). Of the occurrences within a year of the story's median day
    (over its dates within a year of the year most of them fall in) that fall on the weekday
    written, if one was ("Tuesday, March 5"), the one most of the story's mentions of the
    same day give (the one day the reports tell), else the nearest to that median day. The
    median, not the nearest of the story's days: one report's date resolved a year off (a
    tense misread) must not carry the others' year-less dates with it. The result is marked
    ``anchored`` and ``inferred``; None when the story has no anchored date (or no year fits
    the weekday). The extractor sees one article; the caller that holds the story (the
    pipeline) applies this."""
    if value.get("year_from") != "story" or "month" not in value:
        return None
    story = [(a, b) for a, b in story if a and b]
    if not story:
        return None
    year = story_year(story)
    story = [(date.fromisoformat(a), date.fromisoformat(b)) for a, b in story]
    days = sorted(a + (b - a) / 2 for a, b in story if abs(a.year - year) <= 1)
    ref = days[(len(days) - 1) // 2]
    month, day, weekday = value["month"], value.get("day"), value.get("weekday")
    options = []
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            bounds = (date(y, month, day),) * 2 if day else _month_bounds(y, month)
        except ValueError:
            continue
        if weekday is not None and bounds[0].weekday() != weekday:
            continue
        same = sum((a, b) == bounds for a, b in story) if day else 0
        gap = 0 if bounds[0] <= ref <= bounds[1] else min(abs((b - ref).days) for b in bounds)
        options.append((-same, gap, bounds))
    if not options:
        return None
    best = min(options)[2]
    return dict(value, start=_iso(best[0]), end=_iso(best[1]), anchored=True, inferred=True)
