"""Find date expressions in an article and resolve them against its publication date.

Candidates are found with this module's own grammar (month names, weekdays, relative
phrases, years in context), in the manner of TIMEX2/TimeML temporal taggers such as
HeidelTime (Strötgen & Gertz, 2010): explicit expressions are normalised as written,
relative and year-less ones against the document creation time (``article.published``).
``dateparser`` is used only to normalise a day-level candidate already found (it turns
"Sept. 5", "19th of December" or "2017-12-19" into a date); intervals (weeks, months,
years) are computed here, since ``dateparser`` turns "in March" into a single day.

Conventions (also in ``extract_dates``):

- The mention span is the date expression without its preposition: "December 19" in
  "On December 19", "2023" in "tentatively in 2023", "Thursday" in "said on Thursday",
  "January" in "Later in January". Words that choose the time are kept: "last week",
  "earlier this month", "next Monday", "two days ago", "Thursday, Dec. 28". The
  preposition is kept in ``value["preposition"]`` ("on", "in", "since", "by", ...).
- "since February" is normalised to February itself (the start point), with
  ``preposition == "since"``, so that "since February" and "since March" conflict.
- ``relative`` is true when the value depends on the anchor: deictic phrases ("last
  week", "Thursday", "two days ago") and days or months written without a year.
  Such a mention in an article without a publication date is kept with
  ``anchored: False`` and ``start``/``end`` None: it is never guessed.
- ``inferred`` is true when the mention is relative and the anchor itself was inferred
  (``article.published_from == "inferred"``); an explicit date does not use the anchor.
- A year-less day or month, or a bare weekday, is the most recent one not after the
  publication date, unless the nearest tense cue around it is a future one ("will",
  "is scheduled to", "next", ...): then it is the nearest one on or after that date.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

import dateparser

from crosscheck.models import Article, Mention, Sentence

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

#: Prepositions recorded in ``value["preposition"]`` when they stand right before a date.
PREPOSITIONS = frozenset(
    "on in since by until till during before after from through throughout of to "
    "around circa between".split()
)

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
#: Day of month, with an optional ordinal suffix; never followed by more digits.
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
#: A year from 1600 to 2199, not part of a longer number, a decimal, a percentage or a
#: thousands group ("1,987 people" never reaches here: the comma splits it).
_YEAR = r"(?<![\d,.$€£¥])(?:1[6-9]\d\d|20\d\d|21\d\d)(?![\d%]|,\d|\.\d|\s*per\s?cent)"
_WEEKDAY_PREFIX = rf"(?:(?P<wd>{_WEEKDAY}),?\s+)?"
#: A year given relative to the anchor after a day or month: "in March last year".
_RELATIVE_YEAR = r"\s+(?P<ry>(?i:last|this|next))\s+(?i:year)\b(?!['’]s)"
#: Offsets of ``_RELATIVE_YEAR`` from the anchor's year.
RELATIVE_YEAR_OFFSETS = {"last": -1, "this": 0, "next": 1}

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
#: 2014", "by 2030", "fiscal 2019", "mid-2020"), or a possessive ("2006's").
YEAR_IN_CONTEXT = re.compile(
    r"(?:\b(?P<prep>(?i:in|of|since|by|until|till|before|after|during|from|through"
    r"|throughout|around|circa))\s+|\b(?P<mod>(?i:fiscal|early|mid|late|year)(?:\s+|-)))"
    rf"(?P<year>{_YEAR})\b(?!\s*[-–]\s*\d)"
)
YEAR_POSSESSIVE = re.compile(rf"\b(?P<year>{_YEAR})['’]s\b")
#: A span of years: "from 2014 to 2016", "between 2014 and 2016".
YEAR_RANGE = re.compile(
    rf"\b(?P<prep>(?i:from|between))\s+(?P<year>{_YEAR})\s*(?:-|–|to|and|until|through)\s*"
    rf"(?P<year2>{_YEAR})\b"
)
#: Deictic days.
RELATIVE_DAY = re.compile(r"\b(?i:yesterday|today|tomorrow|tonight|last\s+night)\b")
#: "last week", "this month", "earlier this year", "next weekend"; not "the last week"
#: (a rolling period, not a calendar one).
RELATIVE_PERIOD = re.compile(
    r"(?<!\bthe\s)(?<!\bThe\s)\b(?P<rel>(?i:last|this|next|earlier\s+this|later\s+this))\s+"
    r"(?P<unit>(?i:week|weekend|month|year))\b"
)
#: "two days ago", "a year ago", "3 weeks ago".
AGO = re.compile(
    rf"\b(?P<n>\d{{1,3}}|(?i:{'|'.join(sorted(NUMBER_WORDS, key=len, reverse=True))}))\s+"
    r"(?P<unit>(?i:day|week|month|year))s?\s+(?i:ago)\b"
)
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

# --- tense cues --------------------------------------------------------------------------
# A year-less date is read as past (news reports what happened) unless the nearest tense
# cue is a future one. Cues and clause breaks follow the tense rules of TIMEX taggers
# (Mani & Wilson, 2000: the tense of the governing verb decides the direction).

#: Future cues (AP: "will", "is scheduled to", "is expected to", "must ... by", "next"), each with the
#: rest of its verb group ("will be held", "is scheduled to be read"), so that a past
#: participle inside a future verb group is not read as a past cue. "would" is the future
#: of reported speech ("said exports would recover by September"), but "would have" is a
#: counterfactual past.
FUTURE_CUES = re.compile(
    r"(?:\b(?i:will|won['’]t|shall|would(?!\s+have\b)|must(?!\s+have\b)|going\s+to"
    r"|(?:is|are|was|were)\s+(?:due|set)\s+to|scheduled|slated|due\s+(?:to|on|in)"
    r"|expected\s+to|(?:is|are)\s+expected(?=\s+(?:on|in|by|at|to|later|next|this|within)\b)|plans?\s+to|planning\s+to"
    r"|planned\s+for|upcoming|next|coming)\b|['’]ll\b)"
    r"(?:\s+(?:to|not|be|been|have|[a-z]+ly)\b)*(?:\s+[a-z]+\b)?"
)
#: Past cues: past auxiliaries, past reporting verbs (Krestel, Bergler & Witte, 2008 list
#: the reporting verbs), "ago", and any other lower-case past form in -ed.
PAST_CUES = re.compile(
    r"\b(?:was|were|had|did|said|told|announced|reported|added|stated|wrote|made|took"
    r"|met|held|began|came|went|gave|agreed|ago|last|earlier|previously"
    r"|(?!scheduled\b|slated\b|expected\b|planned\b)[a-z]{2,}(?<!e)ed)\b"
)
#: Clause breaks: punctuation, and words that open a new clause.
CLAUSE_BREAK = re.compile(
    r"[,;:()\[\]“”\"]|\s[–—-]+\s|\b(?:and|but|while|whereas|which|who|that|because"
    r"|although|when|after|before)\b"
)

#: Languages dateparser may read a candidate in: the grammar above is English only, and
#: naming the language skips dateparser's language detection (its documented behaviour).
PARSER_LANGUAGES = ["en"]


def _parse_day(text: str, anchor: date | None, future: bool) -> date | None:
    """Normalise a day-level candidate with dateparser (None if it is no valid date).

    dateparser's documented ``PREFER_DATES_FROM`` setting picks the year of a year-less
    date relative to ``RELATIVE_BASE`` (the anchor)."""
    settings: dict[str, Any] = {
        "REQUIRE_PARTS": ["day", "month", "year"] if anchor is None else ["day", "month"],
        "PREFER_DATES_FROM": "future" if future else "past",
        "DATE_ORDER": "MDY",
    }
    if anchor is not None:
        settings["RELATIVE_BASE"] = datetime(anchor.year, anchor.month, anchor.day)
    parsed = dateparser.parse(text, languages=PARSER_LANGUAGES, settings=settings)
    if parsed is None:
        return None
    day = parsed.date()
    # dateparser's "future" skips the anchor day itself; "on or after" includes it.
    if future and anchor is not None and day.replace(year=anchor.year) == anchor:
        return anchor
    return day


# --- calendar arithmetic -----------------------------------------------------------------


def _month_bounds(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return first, nxt - timedelta(days=1)


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    n = year * 12 + (month - 1) + by
    return n // 12, n % 12 + 1


def _week_bounds(day: date) -> tuple[date, date]:
    """The calendar week (Monday..Sunday, ISO 8601) that holds ``day``."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def _year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def _month_near(month: int, anchor: date, mode: str) -> int:
    """Year of the ``month`` nearest the anchor: ``past`` (on or before its month),
    ``future`` (on or after), ``last`` (strictly before), ``next`` (strictly after)."""
    y = anchor.year
    if mode in ("past", "last"):
        if month > anchor.month or (mode == "last" and month == anchor.month):
            y -= 1
    elif mode in ("future", "next"):
        if month < anchor.month or (mode == "next" and month == anchor.month):
            y += 1
    return y


def _weekday_near(weekday: int, anchor: date, mode: str) -> date:
    """The ``weekday`` nearest the anchor, in the sense of ``_month_near``'s modes."""
    if mode in ("past", "last"):
        back = (anchor.weekday() - weekday) % 7
        if mode == "last" and back == 0:
            back = 7
        return anchor - timedelta(days=back)
    ahead = (weekday - anchor.weekday()) % 7
    if mode == "next" and ahead == 0:
        ahead = 7
    return anchor + timedelta(days=ahead)


# --- tense -------------------------------------------------------------------------------


def _is_future(sentence: Sentence, start: int, end: int) -> bool:
    """Whether the nearest tense cue to ``[start, end)`` (article offsets) is a future one.

    Cues in the date's own clause are preferred; failing those, the whole sentence's.
    """
    text = sentence.text
    a, b = start - sentence.start, end - sentence.start
    cuts = [0, len(text)]
    for m in CLAUSE_BREAK.finditer(text):
        cuts.extend((m.start(), m.end()))
    lo = max((c for c in cuts if c <= a), default=0)
    hi = min((c for c in cuts if c >= b), default=len(text))

    def nearest(seg_lo: int, seg_hi: int) -> bool | None:
        found: list[tuple[int, int, bool]] = []
        groups: list[tuple[int, int]] = []
        for pattern, future in ((FUTURE_CUES, True), (PAST_CUES, False)):
            for m in pattern.finditer(text, seg_lo, seg_hi):
                if m.start() < b and m.end() > a:
                    continue  # a cue inside the date itself ("next week") is not a cue
                if future:
                    groups.append(m.span())
                elif any(g0 <= m.start() < g1 for g0, g1 in groups):
                    continue  # "held" in "will be held"
                dist = a - m.end() if m.end() <= a else m.start() - b
                # Future cues win ties.
                found.append((dist, 0 if future else 1, future))
        return min(found)[2] if found else None

    hit = nearest(lo, hi)
    if hit is None:
        hit = nearest(0, len(text))
    return bool(hit)


# --- resolution --------------------------------------------------------------------------


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d is not None else None


def _value(
    bounds: tuple[date, date] | None,
    granularity: str,
    relative: bool,
    article: Article,
) -> dict[str, Any]:
    anchored = bounds is not None
    return {
        "start": _iso(bounds[0]) if bounds else None,
        "end": _iso(bounds[1]) if bounds else None,
        "granularity": granularity,
        "anchored": anchored,
        "relative": relative,
        "inferred": bool(relative and anchored and article.published_from == "inferred"),
    }


def _resolve_day(m: re.Match, anchor: date | None, future: bool) -> tuple | None:
    """(bounds, granularity, relative) of a MONTH_DAY / DAY_MONTH / ISO_DATE match, or
    None when the match is no valid date ("June 31")."""
    groups = m.groupdict()
    month, year, ry = groups["month"], groups["year"], groups.get("ry")
    day = re.match(r"\d+", groups["day"]).group()
    if month.isdigit():
        text = f"{year}-{month}-{day}"
    elif ry and anchor is not None:
        year = str(anchor.year + RELATIVE_YEAR_OFFSETS[ry.lower()])
        text = f"{month} {day} {year}"
    else:
        text = f"{month} {day}" + (f" {year}" if year else "")
    relative = year is None or bool(ry)
    if year is None and anchor is None:
        # Year-less and unanchored: kept, unresolved, if it can be a date at all.
        try:
            date(2000, MONTHS[month.rstrip(".").lower()], int(day))
        except ValueError:
            return None
        return None, "day", True
    first = _parse_day(text, None if year else anchor, future)
    if first is None:
        return None
    last = first
    if groups.get("day2"):
        try:
            last = first.replace(day=int(re.match(r"\d+", groups["day2"]).group()))
        except ValueError:
            return None
        if last < first:
            return None
    return (first, last), "day", relative


def _resolve_month(month_word: str, year: str | None, mod: str, anchor: date | None,
                   future: bool, ry: str | None = None) -> tuple | None:
    month = MONTHS[month_word.rstrip(".").lower()]
    if year is not None:
        return _month_bounds(int(year), month), "month", False
    if anchor is None:
        return None, "month", True
    if ry:
        return _month_bounds(anchor.year + RELATIVE_YEAR_OFFSETS[ry.lower()], month), "month", True
    mode = {"last": "last", "next": "next"}.get(mod, "future" if future else "past")
    if mod == "this":
        return _month_bounds(anchor.year, month), "month", True
    return _month_bounds(_month_near(month, anchor, mode), month), "month", True


def _resolve_relative_day(word: str, anchor: date | None) -> tuple:
    word = " ".join(word.lower().split())
    if anchor is None:
        return None, "day", True
    if word == "last night":
        # Evening before a morning edition, or of the day itself: both days.
        return (anchor - timedelta(days=1), anchor), "day", True
    offset = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[word]
    d = anchor + timedelta(days=offset)
    return (d, d), "day", True


def _resolve_period(rel: str, unit: str, anchor: date | None) -> tuple:
    rel = " ".join(rel.lower().split())
    unit = unit.lower()
    granularity = "week" if unit == "weekend" else unit
    if anchor is None:
        return None, granularity, True
    step = {"last": -1, "next": 1}.get(rel, 0)
    if unit in ("week", "weekend"):
        start, end = _week_bounds(anchor + timedelta(weeks=step))
        if unit == "weekend":
            start = start + timedelta(days=5)
    elif unit == "month":
        start, end = _month_bounds(*_shift_month(anchor.year, anchor.month, step))
    else:
        start, end = _year_bounds(anchor.year + step)
    if rel == "earlier this":
        end = anchor
    elif rel == "later this":
        start = anchor
    return (start, end), granularity, True


def _resolve_ago(n: str, unit: str, anchor: date | None) -> tuple:
    count = int(n) if n.isdigit() else NUMBER_WORDS[n.lower()]
    unit = unit.lower()
    if anchor is None:
        return None, unit, True
    if unit == "day":
        d = anchor - timedelta(days=count)
        return (d, d), "day", True
    if unit == "week":
        return _week_bounds(anchor - timedelta(weeks=count)), "week", True
    if unit == "month":
        return _month_bounds(*_shift_month(anchor.year, anchor.month, -count)), "month", True
    return _year_bounds(anchor.year - count), "year", True


def _resolve_weekday(rel: str | None, name: str, anchor: date | None, future: bool) -> tuple:
    if anchor is None:
        return None, "day", True
    rel = (rel or "").strip().lower()
    mode = {"last": "last", "next": "next"}.get(rel, "future" if future else "past")
    d = _weekday_near(WEEKDAYS[name.lower()], anchor, mode)
    return (d, d), "day", True


# --- candidates --------------------------------------------------------------------------


def _candidates(sentence: Sentence, anchor: date | None) -> list[tuple[int, int, int, int, tuple]]:
    """(match start, match end, span start, span end, resolution) for each candidate in a
    sentence, in article offsets; overlapping candidates are settled by the caller."""
    text = sentence.text
    base = sentence.start
    out: list[tuple[int, int, int, int, tuple]] = []

    def add(m: re.Match, resolved: tuple | None, span: tuple[int, int] | None = None) -> None:
        """Keep a resolved match; ``span`` (sentence offsets) defaults to the whole match."""
        if resolved is None:
            return
        span = span or m.span()
        out.append((base + m.start(), base + m.end(), base + span[0], base + span[1], resolved))

    def future(m: re.Match, a: int, b: int) -> bool:
        return _is_future(sentence, base + a, base + b)

    for m in ISO_DATE.finditer(text):
        add(m, _resolve_day(m, anchor, False))
    for pattern in (MONTH_DAY, DAY_MONTH):
        for m in pattern.finditer(text):
            add(m, _resolve_day(m, anchor, future(m, *m.span())))
    for m in MONTH_YEAR.finditer(text):
        add(m, _resolve_month(m.group("month"), m.group("year"), "", anchor, False))
    for m in MONTH_IN_CONTEXT.finditer(text):
        prep = (m.group("prep") or "").lower()
        mod = (m.group("mod") or "").strip(" -").lower()
        if not (prep or mod or m.group("poss")):
            continue
        if m.group("month").lower() in AMBIGUOUS_MONTHS and not mod and (
            prep in AMBIGUOUS_MONTH_WEAK_PREPS or not prep
        ):
            continue
        start = m.start("mod") if m.group("mod") else m.start("month")
        resolved = _resolve_month(
            m.group("month"), None, mod, anchor, future(m, start, m.end("month")), m.group("ry")
        )
        add(m, resolved, (start, m.end()))
    for pattern in (YEAR_IN_CONTEXT, YEAR_POSSESSIVE):
        for m in pattern.finditer(text):
            mod = m.groupdict().get("mod")
            keep_mod = mod and mod.strip(" -").lower() in ("fiscal", "early", "mid", "late")
            start = m.start("mod") if keep_mod else m.start("year")
            add(m, (_year_bounds(int(m.group("year"))), "year", False),
                (start, m.end("year")))
    for m in YEAR_RANGE.finditer(text):
        y1, y2 = int(m.group("year")), int(m.group("year2"))
        if y1 < y2:
            bounds = (date(y1, 1, 1), date(y2, 12, 31))
            add(m, (bounds, "year", False), (m.start("year"), m.end("year2")))
    for m in RELATIVE_DAY.finditer(text):
        add(m, _resolve_relative_day(m.group(), anchor))
    for m in RELATIVE_PERIOD.finditer(text):
        add(m, _resolve_period(m.group("rel"), m.group("unit"), anchor))
    for m in AGO.finditer(text):
        add(m, _resolve_ago(m.group("n"), m.group("unit"), anchor))
    for m in WEEKDAY.finditer(text):
        resolved = _resolve_weekday(
            m.group("rel"), m.group("wd"), anchor, future(m, m.start("wd"), m.end("wd"))
        )
        add(m, resolved)
    return out


def _datelines(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in DATELINE.finditer(text)]


#: The word right before a date, to record its preposition (one of ``PREPOSITIONS``).
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\s*$")


def extract_dates(article: Article, sentences: list[Sentence]) -> list[Mention]:
    """Date mentions of ``article`` (kind ``"date"``), ordered by position.

    Each value holds ``start``/``end`` (ISO, inclusive; None when unanchored),
    ``granularity`` (day|week|month|year), ``anchored``, ``relative``, ``inferred`` (see
    the module docstring), ``expression`` (the span in lower case, spaces normalised) and
    ``preposition`` (the preposition right before the span, lower case, or None).

    Where candidates overlap, the longest match wins ("December 19, 2017" over
    "December 19"), then the earliest. Dates inside a paragraph-initial dateline are
    skipped.

    Notes: not handled are decades ("the 1990s"), seasons, quarters, day ranges
    ("Dec. 19-21" yields Dec. 19), and dates relative to another event ("the day
    before", "two weeks later").
    """
    anchor = article.published
    text = article.text
    skip = _datelines(text)
    found: list[tuple[int, int, int, int, tuple]] = []
    for sentence in sentences:
        found.extend(_candidates(sentence, anchor))
    found.sort(key=lambda c: (-(c[1] - c[0]), c[0], c[2]))
    taken: list[tuple[int, int]] = []
    mentions: list[Mention] = []
    for m_start, m_end, s_start, s_end, (bounds, granularity, relative) in found:
        if any(m_start < b and a < m_end for a, b in taken):
            continue
        if any(a <= s_start < b for a, b in skip):
            continue
        taken.append((m_start, m_end))
        value = _value(bounds, granularity, relative, article)
        value["expression"] = " ".join(text[s_start:s_end].lower().split())
        before = _WORD_BEFORE.search(text, max(0, s_start - 20), s_start)
        word = before.group(1).lower() if before else None
        value["preposition"] = word if word in PREPOSITIONS else None
        mentions.append(Mention("date", s_start, s_end, value))
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions
