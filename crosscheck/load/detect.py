"""Detect an article's outlet and publication date from its own text: bylines and datelines.

Only the lead is searched (the first ``LEAD_LINES`` non-blank lines), where news layouts
put the headline, standfirst, byline and dateline. Patterns follow the AP Stylebook's
dateline ("CITY (AP) —": an all-caps place, then the credit in parentheses) and the
variants wire services use ("LONDON, Jan 5 (Reuters) -", "KYIV, March 2. /Ukrinform/.").
An outlet is whatever a pattern captures there; nothing is looked up in a list of names.
The text itself is never changed: detection only reports what it found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

#: How many non-blank lines from the top count as the lead. A headline, a standfirst
#: and a "Published/Updated" line can come before the dateline paragraph.
LEAD_LINES = 12

#: Horizontal white space, no-break space included (web pages put it around a byline's dash).
HS = r"[^\S\n]"
#: Month names and the abbreviations AP style (Jan., Feb., Aug., Sept., Oct., Nov., Dec.)
#: and Reuters (Jan, Sep) use, any case.
MONTH = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
#: The month's number from the first three letters of any spelling above.
MONTH_NUMBERS = {
    m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)
}

#: A day and month, with an optional year: "December 30", "Dec. 30, 2017", "30 December 2017".
DATE = (
    rf"(?:(?P<month>{MONTH}){HS}+(?P<day>\d{{1,2}})(?:,?{HS}+(?P<year>\d{{4}}))?"
    rf"|(?P<day2>\d{{1,2}}){HS}+(?P<month2>{MONTH})(?:,?{HS}+(?P<year2>\d{{4}}))?)(?![\d:])"
)
#: A dateline's place: up to five capitalised words, commas allowed ("SAN JUAN, Puerto Rico").
PLACE = rf"[A-Z][\w.'’-]*(?:,?{HS}+[A-Z][\w.'’-]*){{0,4}}"
#: An outlet name as bylines write it: up to four capitalised words ("AFP", "Associated Press").
OUTLET = rf"[A-Z][\w&.'’-]*(?:{HS}+[A-Z&][\w&.'’-]*){{0,3}}"
#: The dashes that end a dateline or byline: hyphen, double hyphen, en and em dash.
DASH = r"(?:--|[-–—])"

#: AP/Reuters/AFP dateline with the credit in parentheses: "WASHINGTON (AP) —",
#: "LONDON, Jan 5 (Reuters) -", "(Reuters) -", "Lagos (Harbour Times)Turnout ..." (no dash).
PAREN_CREDIT = re.compile(
    rf"^{HS}*(?:(?P<place>{PLACE})(?:,{HS}*{DATE})?{HS}+)?"
    rf"\((?P<outlet>[A-Za-z][\w&.'’ \u00a0-]{{0,30}}?)\)(?:{HS}*{DASH}|(?=[A-Z“\"]))",
    re.M,
)
#: Agency dateline with the credit between slashes: "KYIV, March 2. /Ukrinform/."
SLASH_CREDIT = re.compile(
    rf"^{HS}*(?P<place>{PLACE})(?:,{HS}*{DATE})?\.?{HS}*/(?P<outlet>[A-Za-z][\w&.'’ \u00a0-]{{0,30}}?)/",
    re.M,
)
#: A dateline without credit, place in capitals as AP style writes it: "DRAVEC, May 4 -".
PLAIN_DATELINE = re.compile(
    rf"^{HS}*(?P<place>[A-Z][A-Z.'’-]+(?:,?{HS}+[A-Z][\w.'’-]*){{0,4}}),{HS}*{DATE}\.?{HS}*{DASH}",
    re.M,
)
#: The outlet alone on a line before the story, as some broadcasters' pages print it ("WXN —").
OUTLET_LINE = re.compile(rf"^{HS}*(?P<outlet>{OUTLET}){HS}*{DASH}{HS}*$", re.M)
#: A byline: "By Jane Doe, Reuters", "By Jane Doe and John Roe | Associated Press".
BY_LINE = re.compile(rf"^{HS}*By{HS}+(?P<rest>[A-Z][^\n]{{2,100}}?){HS}*$", re.M)
#: Where a byline separates the writers from the outlet.
BY_LINE_SEPARATOR = re.compile(rf"{HS}*(?:,|\||{HS}{DASH}{HS}|[–—]){HS}*")
#: Words that make a byline's last part a job, not an outlet ("By Jane Doe, Staff Writer").
JOB_WORDS = frozenset(
    "writer writers reporter reporters correspondent correspondents editor editors staff "
    "columnist contributor contributing producer analyst special senior chief bureau "
    "published updated posted".split()
)
#: A day and month with the spellings of web page stamps as well: an ordinal suffix ("May
#: 3rd", "3RD"), a dash before the year ("October 9-2019"), or the ISO form.
STAMP_DATE = re.compile(
    rf"(?:(?P<month>{MONTH}){HS}+(?P<day>\d{{1,2}})(?i:st|nd|rd|th)?(?:,?{HS}+|-)(?P<year>\d{{4}})"
    rf"|(?P<day2>\d{{1,2}})(?i:st|nd|rd|th)?{HS}+(?P<month2>{MONTH}),?{HS}+(?P<year2>\d{{4}})"
    rf"|(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})(?![\d:])"
)
#: The same without a year ("Mar. 8", "Jan 5"): a stamp only with a label or nothing else.
STAMP_DAY = re.compile(
    rf"(?:(?P<month>{MONTH}){HS}+(?P<day>\d{{1,2}})(?i:st|nd|rd|th)?"
    rf"|(?P<day2>\d{{1,2}})(?i:st|nd|rd|th)?{HS}+(?P<month2>{MONTH}))(?![\d:])"
    r"(?P<year>)(?P<year2>)(?P<iso>)"  # (empty: the groups STAMP_DATE's readers ask for)
)
#: What else a stamp line holds besides its date: times of day ("9:15am", "0840", "at 6:02
#: PM"), weekdays ("Tue", "FRIDAY,"), the preposition of a date ("on"), words in capitals
#: (zones, places and labels as pages print them: "GMT", "UK", "LISBON", "PUBLISHED"),
#: numbers and punctuation.
STAMP_FILLER = re.compile(
    r"(?i:\b(?:at|on)\s+)?(?:\d{1,2}[:.]\d{2}(?::\d{2})?|\b\d{4}\b)(?:\s*(?i:[ap]\.?m\b\.?))?"
    r"|\b(?i:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*)\b\.?"
    r"|\b(?i:on|at)\b|\b[A-Z]{2,}\b|[^\w\s]|\d+"
)
#: A label that makes a line a stamp wherever it stands, the headline's line too.
STAMP_LABEL = re.compile(r"\b(?i:published|posted|updated)\b")
#: The other words a stamp's label is made of ("Last updated", "Page created:", "Modified
#: time:", "Print edition"): a line may hold these and its date alone. A line with any other
#: word is prose ("The vote on March 3, 2020 was close"), a birth date ("Born: May 5, 1950")
#: or a day's name ("Election Day: November 8, 2016"), whose date is a fact.
STAMP_LABEL_WORDS = frozenset("last first page story created modified edited revised released time date print edition".split())
#: ... unless a publishing label (``STAMP_LABEL``) says the line is a stamp: then up to this many.
STAMP_MAX_WORDS = 2
#: An author's name in a stamp: "Posted by Jane Roe on ...".
STAMP_AUTHOR = re.compile(r"\b(?i:by)(?:\s+[A-Z][\w.'’-]*){1,4}")
#: The label of a line that gives an update, not the publication.
UPDATE_LABEL = re.compile(r"\b(?i:updat|edit|modif|revis)")


@dataclass(frozen=True)
class Stamp:
    """A line of the lead that dates the report itself ("Published March 21, 2018",
    "9:15am UK, Tuesday 3 May 2016", "posted Feb 2nd, 2019 at 4:10 PM"): its span in
    the text, the date's match in ``STAMP_DATE`` and whether it gives an update."""

    start: int
    end: int
    date: re.Match
    update: bool


def stamp_lines(text: str) -> list[Stamp]:
    """The publication and update lines of the lead of ``text`` (``Stamp``): lines that hold,
    besides a date, only times, weekdays, words in capitals (``STAMP_FILLER``) and the words of
    a label (``STAMP_LABEL_WORDS``); with a publishing label (``STAMP_LABEL``), also an
    author ("by Jane Roe") and up to ``STAMP_MAX_WORDS`` other words."""
    out = []
    for line in re.finditer(r"[^\n]+", lead(text)):
        body = line.group()
        if not body.strip():
            continue
        labelled = bool(STAMP_LABEL.search(body))
        dates = list(STAMP_DATE.finditer(body)) or list(STAMP_DAY.finditer(body))
        if dates:
            rest = "".join(body[a:b] for a, b in zip([0] + [m.end() for m in dates], [m.start() for m in dates] + [len(body)]))
            words = [w for w in STAMP_FILLER.sub(" ", STAMP_AUTHOR.sub(" ", STAMP_LABEL.sub(" ", rest))).split()
                     if w.lower() not in STAMP_LABEL_WORDS]
            if len(words) <= (STAMP_MAX_WORDS if labelled else 0):
                out.append(Stamp(line.start(), line.end(), dates[0], bool(UPDATE_LABEL.search(rest))))
    return out


#: A date in a URL path: ".../2017/12/28/...", the convention of most news CMSs.
URL_DATE = re.compile(r"/(?P<year>(?:19|20)\d{2})/(?P<month>[01]?\d)/(?P<day>[0-3]?\d)(?:/|$)")

#: Case normalisation for the wire agencies' names as datelines and bylines spell them
#: ("REUTERS", "The Associated Press"), so that one agency gets one label. Lower-case keys.
WIRE_SPELLINGS = {
    "reuters": "Reuters",
    "ap": "AP",
    "associated press": "AP",
    "the associated press": "AP",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "upi": "UPI",
}


def lead(text: str) -> str:
    """The top of ``text``: its first ``LEAD_LINES`` non-blank lines (and the blank ones between)."""
    seen = 0
    for m in re.finditer(r"[^\n]*\n?", text):
        if m.group().strip():
            seen += 1
            if seen == LEAD_LINES:
                return text[: m.end()]
    return text


def _outlet_name(raw: str) -> str | None:
    name = " ".join(raw.split()).strip(" .,-")
    if not name or name.lower() in JOB_WORDS:
        return None
    return WIRE_SPELLINGS.get(name.lower(), name)


def _byline_outlet(rest: str) -> str | None:
    """The outlet after the writers' names in a byline's text, or None."""
    parts = [p for p in BY_LINE_SEPARATOR.split(rest) if p]
    if len(parts) < 2:
        return None
    last = parts[-1]
    words = last.split()
    if not re.fullmatch(OUTLET, last) or " and " in f" {last} " or any(w.lower() in JOB_WORDS for w in words):
        return None
    return _outlet_name(last)


def detect_outlet(text: str) -> tuple[str | None, str]:
    """``(outlet, source)`` found in the lead of ``text``; ``(None, "unknown")`` if none.

    A credit in a dateline ("WASHINGTON (AP) —", "KYIV, March 2. /Ukrinform/.") gives
    source ``"dateline"``; an outlet line ("WXN —") or a byline ("By Jane Doe, Reuters")
    gives ``"byline"``. The first of these in the text wins.
    """
    top = lead(text)
    found: list[tuple[int, str, str]] = []
    for pattern, source in ((PAREN_CREDIT, "dateline"), (SLASH_CREDIT, "dateline"), (OUTLET_LINE, "byline")):
        for m in pattern.finditer(top):
            name = _outlet_name(m.group("outlet"))
            if name:
                found.append((m.start(), name, source))
                break
    for m in BY_LINE.finditer(top):
        name = _byline_outlet(m.group("rest"))
        if name:
            found.append((m.start(), name, "byline"))
            break
    if not found:
        return None, "unknown"
    _, name, source = min(found)
    return name, source


def _date_parts(m: re.Match) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) of a ``DATE`` match; the year is None when not written."""
    month = m.group("month") or m.group("month2")
    day = m.group("day") or m.group("day2")
    year = m.group("year") or m.group("year2")
    if not month:
        return None, None, None
    return (int(year) if year else None), MONTH_NUMBERS[month[:3].lower()], int(day)


def _make_date(year: int | None, month: int | None, day: int | None) -> date | None:
    if year is None or month is None or day is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:  # "February 30": not a date, so no detection
        return None


def detect_published(text: str, year: int | None = None) -> tuple[date | None, str]:
    """``(date, source)`` of publication found in the lead of ``text``.

    A dateline's date ("LONDON, Jan 5 (Reuters) -") gives source ``"dateline"``; a
    date line near the byline ("Published March 21, 2018") gives ``"byline"``. A dateline
    without a year takes ``year`` when the caller knows it; otherwise the date stays
    unknown (``(None, "unknown")``): a year is never guessed.
    """
    top = lead(text)
    for stamp in sorted(stamp_lines(text), key=lambda s: (s.update, s.start)):
        m = stamp.date
        if m.group("iso"):
            try:
                return date.fromisoformat(m.group("iso")), "byline"
            except ValueError:  # "2018-13-45": not a date
                continue
        found = _make_date(*_date_parts(m)) if (m.group("month") or m.group("month2")) else None
        if found:  # (a date in figures only, "10/9/2020", is read in no order: no date)
            return found, "byline"
    for pattern in (PAREN_CREDIT, SLASH_CREDIT, PLAIN_DATELINE):
        m = pattern.search(top)
        if not m:
            continue
        y, mo, d = _date_parts(m)
        found = _make_date(y if y is not None else year, mo, d)
        if found:
            return found, "dateline"
    return None, "unknown"


def date_from_url(url: str | None) -> date | None:
    """The date in a ``/YYYY/MM/DD/`` URL path, or None."""
    if not url:
        return None
    m = URL_DATE.search(url)
    if not m:
        return None
    return _make_date(int(m.group("year")), int(m.group("month")), int(m.group("day")))
