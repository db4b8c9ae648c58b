"""Align facts across articles: group the mentions that speak of the same thing.

Facts are compared within a family (dates, counts, money, measures, and speech: quotes
and attributed statements together). Two facts are similar when their sentences share
the words that single out an event (TF-IDF cosine over truncation stems, see
``crosscheck.context``), when they count, price or measure the same thing (rapidfuzz over
the noun phrase), and when they are given to the same speaker. Similar pairs are joined
best-first into groups holding one fact per article (an article's repeats of one value
join afterwards, ``_join_repeats``); a pair whose values
contradict each other must clear a higher bar than a pair that agrees, or bring other
evidence that it is one fact (the same thing counted, a mutual best match across the two
articles, sentences anchored by another aligned fact), so that a conflict is only claimed
where both facts clearly speak of one thing, and not where an agreeing fact of the other
article is nearly as close. Figures whose sentences are dated far apart are kept apart,
and the same distinctive figure in two articles draws them together. A figure's role in its
sentence, read from its frame (``crosscheck.extract.frames``: an earlier value after "up
from", a change, a whole, a difference; a date's "until" or "before", or a date of a
statement) keeps it from facts of another role, figures of two predicate classes ("dead",
"missing") or two years are two facts, and figures that depend on another ("down from <n>")
conflict only where the figures they go with are aligned. Acronyms the corpus defines are
read as the names they stand for ("the WHO" / "the World Health Organization").

A story of many outlets is compared block by block: facts of two roles, currencies or
dimensions can never be grouped (their similarity is zero), so each block is compared,
clustered and settled on its own (``_blocks``), its similarity computed a band of rows at a
time from per-fact features, each distinct context and item compared once (``_similarity``);
a large block keeps only the pairs that can be grouped and computes any other entry when it
is read (``Similarity``), so that memory does not grow with the square of its facts.

A conflict is then settled as a claim about sides (``_settle_sides``): the value most articles
give is established, and a differing side stays only where its sentences are alike to the
whole established side; the rest are listed apart as possible conflicts.

Near-copies (a wire story republished by another site) are found here too, by word
shingle overlap (Broder, 1997), so that scoring can count them once; only articles that
share a rare shingle are compared (``find_copies``).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process

from crosscheck import settings
from crosscheck.context import ContextSpace, SparseVectors, content_words, find_acronyms, stem, stems
from crosscheck.extract.dates import WEEKDAYS
from crosscheck.extract.frames import predicate_classes
from crosscheck.extract.measures import DAYS_PER_YEAR
from crosscheck.extract.numbers import QUALIFIER_KINDS
from crosscheck.extract.quotes import find_quotations
from crosscheck.extract.sentences import dateline_end
from crosscheck.models import Article, Fact
from crosscheck.values import (
    compare_key, compatible, convertible, currency_block, floor_apart, unanchored, written_numbers)

#: Fact kinds aligned together; a group holds facts of one family.
FAMILIES = {
    "date": "date",
    "count": "count",
    "money": "money",
    "measure": "measure",
    "quote": "speech",
    "statement": "speech",
}


@dataclass(frozen=True)
class Group:
    """Facts (ids, ordered by article) that speak of the same thing, and a topic label.

    A group whose values disagree states its ``sides``: the facts that carry each value, the
    established one (most articles) first, and a ``confidence`` (see ``_settle_sides``).
    ``possible`` marks a side set against an established value whose sentences are not alike
    enough for a conflict: listed apart, never a verdict."""

    family: str
    facts: tuple[str, ...]
    topic: str
    sides: tuple[tuple[str, ...], ...] = ()
    confidence: float | None = None
    possible: bool = False


def speaker_key(fact: Fact) -> str:
    """A quote's or statement's speaker in comparable form (see ``_speaker_key``)."""
    return _speaker_key(fact.speaker or fact.value.get("speaker"))


@lru_cache(maxsize=65536)
def _speaker_key(name: str | None) -> str:
    """A speaker's comparable form: the last word of the name, lower case."""
    if not name:
        return ""
    words = [w for w in name.replace(".", " ").split() if w[:1].isalpha()]
    return words[-1].lower() if words else ""


def _item_text(f: Fact) -> str:
    return " ".join(stems(str(f.value.get("item") or "")))


def _value_key(f: Fact) -> tuple | None:
    """A fact's exact value, for spotting the same figure in two articles: its unit or
    currency, the figure (a range's midpoint) and, for a range its text writes with two
    numbers, its two ends ("$140-150 million", "9-14": two numbers written alike are as telling
    as one large one; not "dozens" nor "for decades", and a range is near no other figure).
    None for small whole numbers (up to ``settings.COMMON_NUMBER_MAX``, a range's upper end
    too) that many facts share."""
    low, high = f.value.get("low"), f.value.get("high")
    if low is not None and high is not None and low != high and _is_approximate(f) and _single_number(f):
        low = high = (float(low) + float(high)) / 2  # "about 3,000": the figure written
    if low is None or high is None:
        return None
    low, high = float(low), float(high)
    if high == int(high) and abs(high) <= settings.COMMON_NUMBER_MAX and abs(low) <= settings.COMMON_NUMBER_MAX:
        return None
    if low != high and not any(q.is_range and not q.is_vague for q in written_numbers(f.text)):
        return None  # a range no two numbers write ("dozens", "for decades", "at least 5"): no figure of its own
    ends = None if low == high else (round(low, 6), round(high, 6))
    return (f.value.get("unit") or f.value.get("currency") or "", round((low + high) / 2, 6), ends)


def _single_number(f: Fact) -> bool:
    """Whether the fact's text writes one figure, in digits or words ("about 400", "an
    estimated two million"; not "about 400 to 500", nor "dozens")."""
    qs = written_numbers(f.text)
    return len(qs) == 1 and not qs[0].is_range and not qs[0].is_vague


def _is_approximate(f: Fact) -> bool:
    """Whether a figure is given as approximate ("about", "some", "roughly")."""
    q = f.value.get("qualifier")
    return bool(q) and QUALIFIER_KINDS.get(str(q).lower()) == "approx"


def _head(f: Fact) -> str:
    """The stem of the thing a figure counts, prices or measures: for a count, the head noun of
    its frame's thing (the noun the number modifies in the parse); else, and for amounts and
    measures (whose frame thing is the noun the unit hangs from, not what is measured), the
    extractor's head noun."""
    if f.kind == "count" and f.frame is not None and f.frame.thing and f.value.get("head") != "age":
        return stem(f.frame.thing.split()[-1])
    head = f.value.get("head") or ""
    return stem(head) if head else ""


#: Name suffixes that are not the surname ("Martin Jr.").
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _person(f: Fact) -> tuple[str, ...]:
    """Whose age a fact gives, as the lower-case words of the name ("Tomas Vik, 61," ->
    ("tomas", "vik")); () when it is no age of a named person."""
    if f.value.get("head") != "age":
        return ()
    words = [w.strip(".,").lower() for w in str(f.value.get("item") or "").split() if w[:1].isupper()]
    return tuple(w for w in words if w and w not in _NAME_SUFFIXES)


def _same_person(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """One person named twice: the same surname, and the same given name where both give one
    ("Vik" and "Tomas Vik" are one; "Sarah Kim" and "Joon Kim" are two)."""
    if not a or not b or a[-1] != b[-1]:
        return False
    return len(a) == 1 or len(b) == 1 or a[0] == b[0]


#: A noun phrase set off by a comma right after a figure's own noun: an apposition that
#: names the thing again ("Two co-defendants, businessmen A and B"), as an outlet's other
#: word for it.
_APPOSITION_AFTER = re.compile(r"^(?:\s*[\w'’-]+){0,3}?\s*,\s*(?:all\s+|both\s+|the\s+)?(?P<word>[A-Za-z][\w'’-]*)")


def _apposition_stem(f: Fact) -> str:
    """The stem of the first word of an apposition right after ``f``'s noun, or ""."""
    i = _offset_in_sentence(f)
    if i < 0:
        return ""
    m = _APPOSITION_AFTER.match(f.sentence[i + len(f.text) :])
    return stem(m.group("word")) if m else ""


#: A toll counts people ("the death toll rose to <n>" and "killing at least <m> people").
TOLL_HEADS = frozenset({stem("toll")})
PEOPLE_HEADS = frozenset(stem(w) for w in ("people", "person", "persons"))


def _heads_in_sentence(facts: list[Fact], heads: list[str]) -> dict[tuple[str, str], set[str]]:
    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    for f, h in zip(facts, heads):
        out[(f.article, f.sentence)].add(h)
    return out


def _context_stems(f: Fact) -> list[str]:
    """Stems of the fact's sentence without the fact itself (the value is not context)."""
    if f.kind in ("quote", "statement"):
        return stems(str(f.value.get("content") or f.text))
    i = _offset_in_sentence(f)
    exclude = (i, i + len(f.text)) if i >= 0 else None
    return stems(f.sentence, exclude)


def _offset_in_sentence(f: Fact) -> int:
    """Where the fact stands in its sentence (-1 if its sentence does not hold it)."""
    i = f.start - f.sentence_start
    if 0 <= i and f.sentence[i : i + len(f.text)] == f.text:
        return i
    return f.sentence.find(f.text)


#: Where a fact's near context stops: clause punctuation, a conjunction, another number.
_CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]|\s-\s|\b(?:and|but|while|whereas|or)\b|\d")


def _local_stems(f: Fact) -> list[str]:
    """Stems of the words next to the fact within its clause ("175 people were killed"
    and "more than 1,200 injured" share a sentence, not a clause)."""
    i = _offset_in_sentence(f)
    if i < 0:
        return []
    left = f.sentence[:i]
    right = f.sentence[i + len(f.text) :]
    cuts = list(_CLAUSE_BREAK.finditer(left))
    left = left[cuts[-1].end() :] if cuts else left
    m = _CLAUSE_BREAK.search(right)
    right = right[: m.start()] if m else right
    n = settings.LOCAL_WORDS
    return stems(" ".join(left.split()[-n:])) + stems(" ".join(right.split()[:n]))


#: Date prepositions that give a date another role than the time of an event: the end of a
#: period or a deadline ("until", "by"), a bound ("before", "after"). Not "since": "in power
#: since 2016" dates the event "came to power in 2016".
DATE_ROLES = {"until": "until", "till": "until", "by": "until", "before": "before", "after": "after"}


def _role(f: Fact) -> str:
    """What a fact is in its sentence, from its frame: a figure's role other than a total
    ("earlier" after "up from", "change" after "rose by", "part", "whole", "increment",
    "capacity", "rate"), a date's role after a preposition of ``DATE_ROLES``, or "" for the
    quantity or the time of the event itself. Facts of two roles are two facts. A date of a
    statement (the day a source spoke) is no other role here: where a story's event is itself
    something said ("the Academy announced on Friday", "the announcement was made Friday"),
    the two readings are one fact, and the grouping's likeness tells a source's words from
    the event; a statement's date takes no part in a claim (``_claim``)."""
    frame_role = f.frame.role if f.frame is not None else ""
    if f.kind == "date":
        return DATE_ROLES.get(str(f.value.get("preposition") or "").lower(), "")
    # "18 of the 90 seats" is the party's 18 seats as much as "two of the victims" is two
    # victims: a part is a hint of a sub-group, not another quantity (the premise test of the
    # frames issue), so it does not keep figures apart.
    # A capacity ("the 120-seat assembly") and a whole ("14 of the 40 berths") both give the
    # size of what holds the others: one role.
    if frame_role == "capacity":
        return "whole"
    return "" if frame_role in ("", "total", "part") else frame_role


def _predicate_class(f: Fact) -> str:
    """The class of what is said of a figure ("dead", "missing"), or "" when the frame gives
    none of ``data/predicates.tsv``'s classes."""
    if f.frame is None or not f.frame.predicate or f.value.get("head") == "age":
        return ""  # an age is said of a person, whatever the sentence says of them
    return f.frame.predicate if f.frame.predicate in _classes() else ""


@lru_cache(maxsize=1)
def _classes() -> frozenset[str]:
    return frozenset(predicate_classes().values())


def _years(f: Fact) -> frozenset[str]:
    """The years a figure's clause names ("the 2003 quake, which killed 26,000")."""
    if f.frame is None or f.kind == "date":
        return frozenset()
    return frozenset(s for s in f.frame.scope if s.startswith("year:"))


#: Measure dimensions whose unit names what is measured (a magnitude is a quake's size).
SELF_NAMING_DIMENSIONS = frozenset({"magnitude"})


def _slot(f: Fact) -> tuple[str, str] | None:
    """What a figure is of, from its frame: (predicate class or lemma, thing's head); None
    when the frame leaves it unknown (no predicate for a count, nothing measured or priced
    for a measure or an amount). An unknown slot, treated as compatible, chains different
    quantities together (the frames issue), so it never makes a claim on its own."""
    if f.kind == "measure" and f.value.get("head") == "age":
        person = _person(f)  # an age is said of a person, whatever the sentence says; the
        return ("age", person[-1]) if person else None  # group has told given names apart
    if f.kind == "measure" and f.value.get("dimension") in SELF_NAMING_DIMENSIONS:
        return (str(f.value["dimension"]), "")
    if f.frame is None:
        return None
    predicate = _predicate_class(f) or f.frame.predicate or ""
    thing = _head(f)
    if f.kind == "count":
        # a class implies what it counts ("killing 12": people); a bare lemma, or a named
        # agent ("Okafor had 17 assists"), needs the noun
        return (predicate, thing) if _predicate_class(f) or ((predicate or f.frame.agent) and thing) else None
    return (predicate, thing) if predicate or thing else None


def _slots_agree(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """Whether two known slots name one quantity: each part equal where both give it, and
    at least one part given by both."""
    shared = [(x, y) for x, y in zip(a, b) if x and y]
    return bool(shared) and all(x == y for x, y in shared)


def _event_words(f: Fact) -> frozenset[str]:
    """The words of a date's event, each as its predicate class where it has one ("killed"
    and "died" are one event word), else as its verb (``_denominal``)."""
    classes = predicate_classes()
    return frozenset(classes.get(w) or _denominal(w) for w in (f.frame.event.split() if f.frame is not None else ()))


#: Suffixes that make a noun of a verb (Quirk et al. 1985, App. I.34-I.36), longest first.
NOMINALISING = ("ation", "ment", "ing", "ion", "al")


def _denominal(word: str) -> str:
    """``word`` less a suffix that makes a noun of a verb and a verb's final "e", so that a verb
    and its nominalisation are one event ("announce" and "announcement", "unveil" and
    "unveiling", "elect" and "election"); other words as they are ("police", "policy")."""
    for suffix in NOMINALISING:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def _anchor_shift(facts: list[Fact], established: list[int], side: list[int], published: dict | None = None,
                  doubtful: bool = True) -> bool:
    """Whether two sides of dates differ only as the days they are counted from, where a side
    counts its day from the day of the report ("today", "yesterday", marked ``deictic``):
    - by one day: the publication date names a day in some time zone (or the day a copy was
      posted), not the hour of writing, so the day could be either;
    - inside a quotation, where "this morning" is the morning the words were said, not the
      report's (deixis in reported speech is the speaker's);
    - every date of both sides counted alike from its own report's day ("today" in a report
      of the 14th and "today" in one of the 20th): the sides differ because the reports do.
    Alike for a side that counts from the date before it (``reference``: "the next <unit>",
    "that morning"): inside a quotation, or written alike on both sides, the sides differ in
    the date each report gave before, which is where a claim would have to be found. And
    for a day or month told alike whose year one side did not write (``_year_inferred``).
    Without ``doubtful``, only the cases that show the sides say the same thing: the day a
    publication date leaves in doubt, or a year a report had to guess, still leave a possible
    conflict open."""
    members = established + side
    if doubtful and _year_inferred(facts, established, side):
        return True
    anaphoric = [i for i in members if facts[i].value.get("reference")]
    if anaphoric and (any(_quoted(facts[i]) for i in anaphoric) or (
            len(anaphoric) == len(members) and len({facts[i].value.get("expression") for i in members}) == 1)):
        return True
    deictic = [i for i in members if facts[i].value.get("deictic")]
    if not deictic:
        return False
    if any(_quoted(facts[i]) for i in deictic):
        return True
    spans = [_span(facts[group[0]]) for group in (established, side)]
    if doubtful and None not in spans and abs(spans[0][0] - spans[1][0]) == 1:
        return True
    if not published or len(deictic) < len(members):
        return False
    offsets = set()
    for i in members:
        day, span = published.get(facts[i].article), _span(facts[i])
        if day is None or span is None:
            return False
        offsets.add(span[0] - day.toordinal())
    return len(offsets) == 1


#: A year as written in a date's expression.
_WRITTEN_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)|'\d\d\b")


def _year_inferred(facts: list[Fact], established: list[int], side: list[int]) -> bool:
    """Whether two sides of dates give one day or month of the year, and differ only in a
    year that one side did not write ("April 9" in a report of September, read as this
    year's, against "<Month> <d>" or "<Month> <d>, <yyyy>" elsewhere): the year is each report's
    guess from its own date, not what the outlet said."""
    def calendar(i: int) -> tuple | None:
        v = facts[i].value
        if v.get("granularity") not in ("day", "month") or not v.get("start") or not v.get("end"):
            return None
        return v["granularity"], v["start"][5:], v["end"][5:]

    def yearless(group: list[int]) -> bool:
        return all(facts[i].value.get("relative") and not facts[i].value.get("deictic")
                   and not facts[i].value.get("reference")
                   and not _WRITTEN_YEAR.search(facts[i].value.get("expression") or "") for i in group)

    days = {calendar(i) for i in established + side}
    return len(days) == 1 and None not in days and (yearless(established) or yearless(side))


def _quoted(f: Fact) -> bool:
    """Whether a fact stands inside a quotation of its sentence."""
    at = _offset_in_sentence(f)
    return at >= 0 and any(q.start <= at < q.end for q in find_quotations(f.sentence))


def _agent_words(facts: list[Fact], group: list[int]) -> tuple[set[str], set[str]]:
    """The last word of each agent's name, and the initials of each name of several plain
    words. "Sox" is the Red Sox, "Carter" Richard Carter; the New York Yankees and the New
    York Mets, or the Bank of America and the Bank of Japan, stay apart."""
    words, initials = set(), set()
    for a in (a.split() for i in group if facts[i].frame is not None for a in facts[i].frame.agent):
        if a:
            words.add(a[-1])
            if len(a) > 1 and not any("." in w for w in a):
                initials.add("".join(w[0] for w in a))
    return words, initials


def _agents_differ(facts: list[Fact], established: list[int], side: list[int]) -> bool:
    """Whether both sides name who gives their figure (``Frame.agent``) and share no name
    (``_agent_words``): one team's offer is not another's. A name of one word that spells
    the other side's initials is an acronym of it ("ABC", "Alpha Beta Corporation"); two names of
    several words never meet by their initials alone."""
    (w0, i0), (w1, i1) = (_agent_words(facts, group) for group in (established, side))
    return bool(w0 and w1 and not (w0 & w1 or w0 & i1 or i0 & w1))


def _group_years(facts: list[Fact], group: list[int]) -> frozenset[str]:
    """The years the clauses of a group's figures name (``_years``), together."""
    return frozenset().union(*(_years(facts[i]) for i in group))


def _ages_agree(facts: list[Fact], established: list[int], side: list[int], published: dict | None) -> bool:
    """Whether two sides of ages are one birth told at different times: an age is counted
    from birth to the day it is reported, so "27" in a report of one year and "29" in a
    report two years on fit one person (each age "n" puts the birth between n + 1 and n
    years before its report's day). Judged on the ages whose reports are dated, at least
    one on each side, and only for reports ``settings.AGE_REPORTS_APART_DAYS`` apart or more:
    58 and 59 in reports a week apart fit one birth only if the birthday fell in that week,
    which is less likely than one report being wrong."""
    if not published or facts[side[0]].value.get("head") != "age":
        return False

    def births(group: list[int]) -> list[tuple[int, float, float]]:
        out = []
        for i in group:
            day, low, high = published.get(facts[i].article), facts[i].value.get("low"), facts[i].value.get("high")
            if day is not None and isinstance(low, (int, float)) and isinstance(high, (int, float)):
                out.append((day.toordinal(), day.toordinal() - high - DAYS_PER_YEAR, day.toordinal() - low))
        return out

    a, b = births(established), births(side)
    if not (a and b) or min(abs(x[0] - y[0]) for x in a for y in b) < settings.AGE_REPORTS_APART_DAYS:
        return False  # reported within months: a birthday between is less likely than an error
    return all(x[1] <= y[2] and y[1] <= x[2] for x in a for y in b)


def _places_differ(facts: list[Fact], established: list[int], side: list[int]) -> bool:
    """Whether both sides' clauses put what they date in places (``_places``), and no word of a
    place's name is on both (two towns; not "Mount Kenya" and "Kenya's Mount Kenya National
    Park", one place named two ways): one town's quake is not another's, and two
    events' dates make no claim (for dates only: see ``_told_apart``)."""
    a, b = (frozenset(w for i in group for p in _places(facts[i]) for w in stems(p.partition(":")[2]))
            for group in (established, side))
    return bool(a and b and not a & b)


def _told_apart(facts: list[Fact], established: list[int], side: list[int], published: dict | None = None) -> bool:
    """Whether the frames show two sides of figures to be two facts, not one in doubt: two
    different agents give them (``_agents_differ``), both sides' clauses name years and
    not the same ones (two seasons' statistics, two years' tolls), or they are ages of one
    birth reported at different times (``_ages_agree``). Not places (``_places_differ`` is
    for dates): a figure's place is often named at another level than the other side's, a
    mountain hut against its national park."""
    if _agents_differ(facts, established, side) or _ages_agree(facts, established, side, published):
        return True
    years = [_group_years(facts, group) for group in (established, side)]
    return bool(years[0] and years[1] and years[0] != years[1])


#: Roles whose figure stands beside another of the same thing in one report as a revision's
#: end ("up from 10", "rose by 4"), not as a second quantity.
_REVISION_ROLES = frozenset({"earlier", "change"})


def _told_both(by_head: dict[str, list[Fact]] | None, facts: list[Fact], established: list[int],
               side: list[int]) -> bool:
    """Whether one report gives a figure of each side for the same thing (``_head``, and
    ``_slot`` where known), as two figures: an outlet that writes "14 goals" of one player
    and "9 goals" of another tells two quantities apart, so that two outlets' 14 and 9 goals
    make no claim of one quantity told differently. A figure that is a revision's end ("up
    from 10", "rose to 14") does not count; nor does one whose value fits both sides, nor one
    of a year the claim's figures do not name (an earlier event's toll)."""
    if not by_head:
        return False
    sides = [list({compare_key(facts[i]): facts[i] for i in group}.values()) for group in (established, side)]
    slots = {_slot(facts[i]) for i in established + side} - {None}
    years = frozenset().union(*(_years(facts[i]) for i in established + side))
    seen: dict[str, set[int]] = defaultdict(set)
    for head in sorted({_head(facts[i]) for i in established + side} - {""}):
        for f in by_head.get(head, ()):
            if f.frame is not None and (f.frame.revised or f.frame.role in _REVISION_ROLES):
                continue
            slot = _slot(f)
            if slot and slots and not any(_slots_agree(slot, r) for r in slots):
                continue  # of the same noun, but said of something else (another's age)
            if _years(f) and not _years(f) & years:
                continue  # of another year than the claim's figures: another event's ("15 died in 1998")
            fits = [any(compatible(f, x) is True and not floor_apart(f, x) for x in group) for group in sides]
            if fits[0] != fits[1]:
                seen[f.article].add(0 if fits[0] else 1)
                if len(seen[f.article]) == 2:
                    return True
    return False


def _claim(facts: list[Fact], sim: Similarity, established: list[int], side: list[int],
           published: dict | None = None, days_by_sentence: dict | None = None) -> tuple[list[int], list[int]]:
    """The facts of two sides whose frames make the claim that they tell one fact
    differently; the rest stay in the group as context. For a figure: the facts whose slot is
    known and agrees with the differing side's (which must agree among themselves), when
    both sides name the same years and times in words (``_whens``) and stand at times that
    can meet (``_days_differ``), both or neither name whose figure it is, and no two different agents, and counts share more than
    the noun counted (``_count_identity``) or read as one sentence; for a date, facts that
    date an event (not a statement), whose event shares a word with the other side's events,
    where the two sides are not put in different places (``_places_differ``). A fact whose frame leaves this unknown takes part only where its sentence
    reads as the other side's (``settings.CLAIM_MIN_SIMILARITY_UNKNOWN_FRAME``: one report's
    sentence with a figure changed). When the differing side has no known slot, the
    established side's known slots are the reference. ([], []) when no claim stands.
    (Quotes are settled by their words in ``crosscheck.score``, not here.)"""
    kind = facts[side[0]].kind
    bar = settings.CLAIM_MIN_SIMILARITY_UNKNOWN_FRAME

    closest: dict[int, float] = {}  # each fact's most alike fact of the other side

    def alike(i: int, other: list[int]) -> bool:
        if i not in closest:
            mine = established if i in established else side
            closest.update(zip(mine, sim.row_max(mine, other).tolist()))
        return closest[i] >= bar

    if kind == "date":
        # a date of a statement ("told reporters on Friday") is when a source spoke, and
        # sources speak more than once: it takes no part in a claim about one fact
        established, side = ([i for i in group if facts[i].frame is None or facts[i].frame.role != "statement"]
                             for group in (established, side))
        if not established or not side:
            return [], []  # a side of statements' dates only: no claim (and no facts to compare with)
        words = [frozenset().union(*(_event_words(facts[i]) for i in group)) for group in (established, side)]
        claim = ([i for i in established if _event_words(facts[i]) & words[1] or alike(i, side)],
                 [i for i in side if _event_words(facts[i]) & words[0] or alike(i, established)])
        return ([], []) if all(claim) and (_anchor_shift(facts, *claim, published) or _places_differ(facts, *claim)) \
            else claim
    if _agents_differ(facts, established, side) or _ages_agree(facts, established, side, published):
        return [], []
    slots = {i: _slot(facts[i]) for i in established + side}
    # the differing side says what it is of; the established facts that say the same join it
    ref = [slots[i] for i in side if slots[i]] or [slots[i] for i in established if slots[i]]
    if not all(_slots_agree(a, b) for a in ref for b in ref):
        return [], []

    def takes_part(i: int, other: list[int]) -> bool:
        slot = slots[i]
        return all(_slots_agree(slot, r) for r in ref) if slot else alike(i, other)

    claim = ([i for i in established if takes_part(i, side)], [i for i in side if takes_part(i, established)])
    years = [_group_years(facts, group) for group in claim]
    whens = [frozenset().union(*(_whens(facts[i]) for i in group)) for group in claim]
    if years[0] != years[1] or whens[0] != whens[1]:
        return [], []
    if days_by_sentence is not None and _days_differ(facts, claim, days_by_sentence, published):
        return [], []  # the two sides stand at times that cannot meet
    if bool(_agent_words(facts, claim[0])[0]) != bool(_agent_words(facts, claim[1])[0]):
        return [], []  # one side says whose figure it is, the other not: one team's offer, or another's
    if kind == "count" and all(claim) and not _count_identity(facts, claim) \
            and float(sim.row_max(claim[0], claim[1]).max()) < bar:
        return [], []
    return claim


def _claim_time(f: Fact, days_by_sentence: dict, published: dict | None) -> tuple[int, int, bool] | None:
    """When a figure stands, for a claim: the days its sentence names (``_fact_time``; named:
    True), else any day up to its report's (a figure no day is named for was known when it
    was reported, and may recap an earlier day; named: False), else unknown (None)."""
    named = _fact_time(f, days_by_sentence)
    if named is not None:
        return named[0], named[1], True
    day = (published or {}).get(f.article)
    return (1, day.toordinal(), False) if day is not None else None


def _days_differ(facts: list[Fact], claim: tuple[list[int], list[int]], days_by_sentence: dict,
                 published: dict | None) -> bool:
    """Whether the two sides of a claim stand at different times (``_claim_time``): no day of
    one side meets a day of the other, and a sentence names one of them ("300 marched" on
    a Friday night against "120 marched" in a report of the Tuesday before). Figures
    dated only by their reports' days, or given as revised ("rose to 14"), may be one figure
    revised over time; unknown times tell nothing."""
    da, db = ([t for t in (_claim_time(facts[i], days_by_sentence, published) for i in group) if t is not None]
              for group in claim)
    if not (da and db) or any(x[0] <= y[1] and y[0] <= x[1] for x in da for y in db):
        return False
    named = any(x[2] for x in da + db)
    revised = any(facts[i].frame is not None and facts[i].frame.revised for group in claim for i in group)
    return named and not revised


def _contradicted(facts: list[Fact], established: list[int], side: list[int]) -> bool:
    """Whether the differing side does not merely refine the established value. Sides are cut
    where one fact clashes with one other, so a side may clash with a few established facts
    and fall inside the ceiling most of the others give: a figure within "up to <n> GB" (a
    maximum, of a range of models or of outcomes) does not contradict it. A floor ("at least
    175") is the count known so far, so a figure above it still tells the count differently."""
    articles = {facts[j].article for j in established}
    within = {facts[j].article for j in established
              if QUALIFIER_KINDS.get(str(facts[j].value.get("qualifier") or "").lower()) == "upper"
              and all(compatible(facts[i], facts[j]) is not False for i in side)}
    return 2 * len(within) < len(articles)


def _count_identity(facts: list[Fact], claim: tuple[list[int], list[int]]) -> bool:
    """Whether the two sides of a claim about counts share more than the noun counted (a
    bare "people" or "points" names no one quantity): a predicate (class or lemma) or a named
    agent."""
    def marks(group: list[int]) -> set[str]:
        out = {f"pred:{facts[i].frame.predicate}" for i in group if facts[i].frame and facts[i].frame.predicate}
        return out | {f"agent:{w}" for w in _agent_words(facts, group)[0]}
    return bool(marks(claim[0]) & marks(claim[1]))


def _sentence_speakers(f: Fact, speakers_by_sentence: dict[tuple[str, str], set[str]]) -> set[str]:
    return speakers_by_sentence.get((f.article, f.sentence), set())


def _codes(keys: list) -> np.ndarray:
    """Integer codes for hashable keys, 0 for an empty key (None or "")."""
    table: dict = {}
    return np.array([table.setdefault(k, len(table) + 1) if k else 0 for k in keys], dtype=np.int64)


def _rank_in_sentence(facts: list[Fact]) -> tuple[np.ndarray, np.ndarray]:
    """Each fact's position among the facts of its family in its sentence, and how many
    there are ("voted 31 to 9": 0 of 2 and 1 of 2)."""
    by_sentence: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, f in enumerate(facts):
        by_sentence[(f.article, f.sentence)].append(i)
    rank = np.zeros(len(facts), dtype=np.int64)
    size = np.ones(len(facts), dtype=np.int64)
    for members in by_sentence.values():
        members.sort(key=lambda i: facts[i].start)
        for r, i in enumerate(members):
            rank[i], size[i] = r, len(members)
    return rank, size


def _exact(f: Fact) -> tuple | None:
    """A figure's one value with its unit or currency, small numbers too; None for a range."""
    low, high = f.value.get("low"), f.value.get("high")
    if low is None or low != high:
        return None
    return (f.value.get("unit") or f.value.get("currency") or "", round(float(low), 6))


def _span(d: Fact) -> tuple[int, int] | None:
    """A date fact's first and last day as ordinals; None when it is unanchored."""
    v = d.value
    if not (v.get("start") and v.get("end")):
        return None
    return date.fromisoformat(v["start"]).toordinal(), date.fromisoformat(v["end"]).toordinal()


def _date_hull(dates: list[Fact]) -> tuple[int, int] | None:
    """The span (as day ordinals) covering a sentence's dates; None if it has none, or one
    that is unanchored (then nothing is known of when its figures stand)."""
    spans = [_span(d) for d in dates]
    if not spans or None in spans:
        return None
    return min(a for a, _ in spans), max(b for _, b in spans)


def _fact_time(f: Fact, days_by_sentence: dict) -> tuple[int, int] | None:
    """When a figure stands: the span of its sentence's dates (``days_by_sentence``: (article,
    sentence) -> ``_date_hull`` of its dates), or, where it has none, of the dates its frame
    took from the sentence before ("It destroyed 40 homes")."""
    hull = days_by_sentence.get((f.article, f.sentence))
    if hull is not None or f.frame is None:
        return hull
    spans = [x[5:].split("/") for x in f.frame.scope if x.startswith("date:")]
    if not spans:
        return None
    days = [(date.fromisoformat(a).toordinal(), date.fromisoformat(b).toordinal()) for a, b in spans]
    return min(a for a, _ in days), max(b for _, b in days)


def _places(f: Fact) -> frozenset[str]:
    return frozenset(x for x in (f.frame.scope if f.frame else ()) if x.startswith("place:"))


def _whens(f: Fact) -> frozenset[str]:
    return frozenset(x for x in (f.frame.scope if f.frame else ()) if x.startswith("when:"))


def _times_differ(a: Fact, b: Fact) -> bool:
    """Whether the sentences of two figures name times in words that have nothing in common
    ("900 yards this season" and "700 yards since round 3"; the frame's ``when:`` items): two
    quantities, not one told two ways. Days the extractor anchored are not among them (see
    ``_fact_time``: dated figures are compared by their days, and a revision is one quantity
    over time)."""
    wa, wb = _whens(a), _whens(b)
    return bool(wa and wb and not wa & wb)


class _Anchors:
    """Whether two facts' sentences hold facts of another kind aligned together (``anchors``:
    the sentences of each group aligned, as (article, sentence) keys): ``[i, j]`` for a pair,
    ``band(rows, cols)`` for many. A sentence is not its own anchor. Held as the groups of
    each sentence, not n x n."""

    def __init__(self, facts: list[Fact], anchors: Iterable[tuple[tuple[str, str], ...]]):
        codes: dict[tuple[str, str], int] = {}
        self.code = np.array([codes.setdefault((f.article, f.sentence), len(codes)) for f in facts], dtype=np.int64)
        self.groups: list[set[int]] = [set() for _ in codes]  # each sentence's groups
        self.members: list[list[int]] = []  # each group's sentences
        for keys in anchors:
            found = [codes[k] for k in keys if k in codes]
            if len(found) > 1:
                for c in found:
                    self.groups[c].add(len(self.members))
                self.members.append(found)

    def __getitem__(self, pair: tuple[int, int]) -> bool:
        a, b = self.code[pair[0]], self.code[pair[1]]
        return bool(a != b and not self.groups[a].isdisjoint(self.groups[b]))

    def band(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        mine, inverse = np.unique(self.code[rows], return_inverse=True)
        theirs, back = np.unique(self.code[cols], return_inverse=True)
        linked = np.zeros((len(mine), len(theirs)), dtype=bool)
        for r, a in enumerate(mine.tolist()):
            partners = np.array([c for g in self.groups[a] for c in self.members[g] if c != a], dtype=np.int64)
            at = np.minimum(np.searchsorted(theirs, partners), len(theirs) - 1)
            linked[r, at[theirs[at] == partners]] = True
        return linked[inverse.reshape(-1)][:, back.reshape(-1)]


def _blocks(family: str, facts: list[Fact], roles: list[str]) -> list[list[int]]:
    """The facts of a family (indices, in order) split where ``_similarity`` sets every
    pair to zero: facts of two roles (``_role``; not for speech), amounts of two currencies
    that no exchange rate sets side by side (``currency_block``), measures of two
    dimensions. No pair across two blocks can be grouped, so each block is compared,
    clustered and settled on its own: the n x n comparison of a family becomes one per
    block."""
    out: dict[tuple, list[int]] = {}
    for i, (f, role) in enumerate(zip(facts, roles)):
        key: tuple = (role or "-",)
        if family == "money":
            key += (currency_block(f),)
        elif family == "measure":
            key += (f.value.get("dimension") or "",)
        out.setdefault(key, []).append(i)
    return list(out.values())


@dataclass
class _Features:
    """What ``_similarity`` reads of each fact of a family (or of a block of it), found once:
    codes for the keys compared, values, and the contexts' vectors once per distinct
    context. Each entry of the similarity depends on its two facts' features only, so that
    it can be computed a band of rows at a time (``_similarity_rows``) without n x n
    temporaries."""

    family: str
    n: int
    ctx: np.ndarray  # the distinct contexts' vectors (distinct x vocabulary)
    ctx_of: np.ndarray  # each fact's row of ``ctx``
    article: np.ndarray  # article codes
    near: np.ndarray | None = None  # the same for the words beside the figure
    near_of: np.ndarray | None = None
    rank: np.ndarray | None = None
    size: np.ndarray | None = None
    anchors: _Anchors | None = None
    items: list[str] | None = None  # the distinct items
    item_sim: np.ndarray | None = None  # distinct items x distinct items, 0-1 (a small block)
    item_of: np.ndarray | None = None
    has_item: np.ndarray | None = None
    things: np.ndarray | None = None
    head: np.ndarray | None = None  # head codes (0: none), and the code of an apposition's word
    other_head: np.ndarray | None = None
    toll: np.ndarray | None = None
    people: np.ndarray | None = None
    same_person: np.ndarray | None = None  # distinct named persons x distinct, bool
    person_of: np.ndarray | None = None  # -1: no age of a named person
    value: np.ndarray | None = None
    has_value: np.ndarray | None = None
    value_unit: np.ndarray | None = None
    value_x: np.ndarray | None = None
    dimension: np.ndarray | None = None
    from_place: np.ndarray | None = None  # codes of the place a length is from (0: none named)
    currency: np.ndarray | None = None
    speaker: np.ndarray | None = None
    statement: np.ndarray | None = None
    speakers: np.ndarray | None = None  # facts x speakers of their sentence (dates)
    events: np.ndarray | None = None  # facts x the words of their events (dates)
    exact: np.ndarray | None = None  # codes of one exact value (0: a range or none)
    said: np.ndarray | None = None  # codes of what the frame says of a figure (class or lemma)
    role: np.ndarray | None = None
    predicate: np.ndarray | None = None
    years_apart: np.ndarray | None = None  # distinct year sets x distinct, bool
    years_of: np.ndarray | None = None  # -1: no year named
    span: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None  # start, end, known
    written: np.ndarray | None = None
    unanchored: np.ndarray | None = None  # dates with no day, compared as written (undated reports)
    one_day: np.ndarray | None = None  # dates anchored to one day
    time: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None


def _item_sim(a: list[str], b: list[str]) -> np.ndarray:
    """How alike two items are, 0-1 (rapidfuzz's token set ratio), ``a`` x ``b``."""
    return process.cdist(a, b, scorer=fuzz.token_set_ratio, dtype=np.float64) / 100.0


def _distinct_vectors(space: ContextSpace, docs: list[list[str]]) -> tuple[np.ndarray | SparseVectors, np.ndarray]:
    """The vectors of the distinct documents, and each document's row among them: a story
    of many outlets repeats its sentences. Beyond ``settings.SIMILARITY_DENSE_UP_TO`` documents
    (one long article's sentences) as terms and weights, not a documents x vocabulary array."""
    rows: dict[tuple[str, ...], int] = {}
    of = np.array([rows.setdefault(tuple(d), len(rows)) for d in docs], dtype=np.int64)
    if len(docs) > settings.SIMILARITY_DENSE_UP_TO:
        return space.sparse_vectors([list(d) for d in rows]), of
    return space.vectors([list(d) for d in rows]), of


def _spans(spans: list[tuple[int, int] | None]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    known = np.array([x is not None for x in spans], dtype=bool)
    start = np.array([x[0] if x else 0 for x in spans], dtype=np.int64)
    end = np.array([x[1] if x else 0 for x in spans], dtype=np.int64)
    return start, end, known


def _features(
    family: str, facts: list[Fact], space: ContextSpace, sent_speakers, anchors: _Anchors | None = None,
    roles: list[str] | None = None, order: tuple[np.ndarray, np.ndarray] | None = None,
    heads_in_sentence: dict[tuple[str, str], set[str]] | None = None, days_by_sentence: dict | None = None,
) -> _Features:
    ctx, ctx_of = _distinct_vectors(space, [_context_stems(f) for f in facts])
    feat = _Features(family, len(facts), ctx, ctx_of, _codes([f.article for f in facts]), anchors=anchors)
    if family != "speech":
        feat.near, feat.near_of = _distinct_vectors(space, [_local_stems(f) for f in facts])
        feat.rank, feat.size = order if order is not None else _rank_in_sentence(facts)
        roles = roles if roles is not None else [_role(f) for f in facts]
        feat.role = _codes([r or "-" for r in roles])
    if family in ("count", "money", "measure"):
        items = [_item_text(f) for f in facts]
        # Each distinct item compared once ("people" 600 times is one string).
        distinct = sorted(set(items))
        index = {x: k for k, x in enumerate(distinct)}
        feat.item_of = np.array([index[x] for x in items], dtype=np.int64)
        feat.items = distinct
        if len(facts) <= settings.SIMILARITY_DENSE_UP_TO:  # else compared when read (``_item_sim``)
            feat.item_sim = _item_sim(distinct, distinct)
        feat.has_item = np.array([bool(x) for x in items], dtype=bool)
        heads = [_head(f) for f in facts]
        feat.things = _codes([h if h != "age" else "" for h in heads])
        # head codes, with the word an apposition gives a figure's thing (see _head_mismatch_rows)
        table: dict[str, int] = {}
        feat.head = np.array([table.setdefault(h, len(table) + 1) if h else 0 for h in heads], dtype=np.int64)
        if heads_in_sentence is None:
            heads_in_sentence = _heads_in_sentence(facts, heads)
        other = []
        for j, f in enumerate(facts):
            name = _apposition_stem(f)
            if not name or name == heads[j] or name in heads_in_sentence[(f.article, f.sentence)]:
                other.append(-1)
            else:
                other.append(table.get(name, -2))  # -2: no fact of the family has that head
        feat.other_head = np.array(other, dtype=np.int64)
        feat.toll = np.array([h in TOLL_HEADS for h in heads], dtype=bool)
        feat.people = np.array([h in PEOPLE_HEADS for h in heads], dtype=bool)
        names = [_person(f) for f in facts]
        persons = sorted({x for x in names if x})
        pindex = {x: k for k, x in enumerate(persons)}
        feat.person_of = np.array([pindex[x] if x else -1 for x in names], dtype=np.int64)
        feat.same_person = np.array([[_same_person(x, y) for y in persons] for x in persons],
                                    dtype=bool).reshape(len(persons), len(persons))
        keys = [_value_key(f) for f in facts]
        feat.value = _codes(keys)
        feat.has_value = np.array([bool(k) for k in keys], dtype=bool)
        feat.value_unit = _codes([k[0] if k else None for k in keys])
        # a range's midpoint is no figure written: ranges are near nothing
        feat.value_x = np.array([k[1] if k and k[2] is None else 0.0 for k in keys], dtype=np.float64)
        if family == "measure":
            feat.dimension = _codes([f.value.get("dimension") for f in facts])
            feat.from_place = _codes([str(f.value.get("from_place") or "").lower() or None for f in facts])
        if family == "money":
            feat.currency = _codes([currency_block(f) for f in facts])
        feat.predicate = _codes([_predicate_class(f) for f in facts])
        feat.said = _codes([_predicate_class(f) or (f.frame.predicate if f.frame is not None else "") for f in facts])
        feat.exact = _codes([_exact(f) for f in facts])
        years = [_years(f) for f in facts]
        sets = sorted({y for y in years if y}, key=sorted)
        yindex = {y: k for k, y in enumerate(sets)}
        feat.years_of = np.array([yindex[y] if y else -1 for y in years], dtype=np.int64)
        feat.years_apart = np.array([[not (x & y) for y in sets] for x in sets], dtype=bool).reshape(len(sets), len(sets))
        if days_by_sentence is not None:
            feat.time = _spans([_fact_time(f, days_by_sentence) for f in facts])
    if family == "speech":
        feat.speaker = _codes([speaker_key(f) for f in facts])
        feat.statement = np.array([f.kind == "statement" for f in facts], dtype=bool)
    elif family == "date":
        speakers = sorted({k for f in facts for k in _sentence_speakers(f, sent_speakers)})
        if speakers:
            col = {k: i for i, k in enumerate(speakers)}
            m = np.zeros((len(facts), len(speakers)))
            for r, f in enumerate(facts):
                for k in _sentence_speakers(f, sent_speakers):
                    m[r, col[k]] = 1.0
            feat.speakers = m
        words = [_event_words(f) for f in facts]
        vocabulary = {w: k for k, w in enumerate(sorted(set().union(*words)))}
        if vocabulary:
            m = np.zeros((len(facts), len(vocabulary)))
            for r, ws in enumerate(words):
                m[r, [vocabulary[w] for w in ws]] = 1.0
            feat.events = m
        feat.exact = _codes([_span(f) or (unanchored(f) and ("written", f.value["expression"])) for f in facts])
        feat.unanchored = np.array([_span(f) is None and unanchored(f) for f in facts], dtype=bool)
        feat.one_day = np.array([(span := _span(f)) is not None and span[0] == span[1] for f in facts], dtype=bool)
        feat.span = _spans([_span(f) for f in facts])
        feat.written = _codes([f.value.get("granularity") if not f.value.get("relative") else None for f in facts])
    return feat


def _similarity(
    family: str, facts: list[Fact], space: ContextSpace, sent_speakers, anchors: _Anchors | None = None,
    roles: list[str] | None = None, order: tuple[np.ndarray, np.ndarray] | None = None,
    heads_in_sentence: dict[tuple[str, str], set[str]] | None = None, days_by_sentence: dict | None = None,
) -> Similarity:
    """Pairwise similarity of facts of one family, zero within an article and between facts
    of two roles (``roles``: each fact's ``_role``, found here if not given); with
    ``days_by_sentence``, figures whose sentences are dated far apart are less alike
    (``settings.TIME_MISMATCH_FACTOR``).

    Each entry depends on its two facts only, given what is read from the facts' sentences
    across the whole family: ``order`` (each fact's ``_rank_in_sentence``) and
    ``heads_in_sentence`` (see ``_head_mismatch_rows``), found from ``facts`` when not given; so
    a block of the family (``_blocks``) gets the entries the whole family would. No n x n
    array is made beyond ``settings.SIMILARITY_DENSE_UP_TO`` facts: see ``Similarity``."""
    feat = _features(family, facts, space, sent_speakers, anchors, roles, order, heads_in_sentence, days_by_sentence)
    low = settings.ALIGN_MIN_SIMILARITY[family]
    if feat.n > settings.SIMILARITY_DENSE_UP_TO:
        return Similarity(feat.n, lambda rows, cols: _similarity_rows(feat, rows, cols), low)
    # a block this small is held whole, a band of rows at a time: read, not computed again
    sim = np.empty((feat.n, feat.n))
    everyone = np.arange(feat.n)
    for start in range(0, feat.n, settings.SIMILARITY_ROWS):
        sim[start : start + settings.SIMILARITY_ROWS] = _similarity_rows(
            feat, everyone[start : start + settings.SIMILARITY_ROWS], everyone)
    return Similarity.of(sim, low)


class Similarity:
    """The similarity of a block of facts, kept as the pairs grouping can join and computed on
    demand for any other entry.

    Grouping (``_grow_groups``) takes, best first, the pairs at or above the grouping bar
    (``low``); every other reading is of a few rows and columns: a fact against the facts of
    one article (a best match, an agreeing alternative), or two groups' members against each
    other (the mean a merge and a claim about sides ask). So the pairs at or above ``low`` (i <
    j) are kept, found a band of rows at a time, and the rest is computed again when read
    (``entries``), from the per-fact features: memory grows with the facts and the pairs that
    can be joined, not with n x n (issue 12: a story of 10,000 one-line articles). ``entries``
    gives ``rows`` x ``cols``; a dense array serves as well (``Similarity.of``: ``_similarity``
    holds a block of up to ``settings.SIMILARITY_DENSE_UP_TO`` facts whole)."""

    def __init__(self, n: int, entries, low: float):
        self.n, self.entries = n, entries
        found = [], [], []
        # bands as before (``settings.SIMILARITY_ROWS``), fewer rows for a large block
        step = max(1, min(settings.SIMILARITY_ROWS, settings.SIMILARITY_CELLS // max(n, 1)))
        everyone = np.arange(n)
        for start in range(0, n, step):
            rows = everyone[start : start + step]
            band = entries(rows, everyone)
            r, c = np.nonzero(band >= low)
            upper = c > rows[r]
            found[0].append(rows[r[upper]])
            found[1].append(c[upper])
            found[2].append(band[r[upper], c[upper]])
        self.i, self.j, self.value = (np.concatenate(x) for x in found)
        self._by: np.ndarray | None = None  # the kept pairs by fact (``partners``), when asked

    def partners(self, x: int) -> tuple[np.ndarray, np.ndarray]:
        """The facts kept in a pair with ``x`` and the pairs' values (the entry of the pair's
        first fact's row: the two entries of a pair differ by float rounding only)."""
        if self._by is None:
            ends = np.concatenate([self.i, self.j])
            self._by = np.argsort(ends, kind="stable")
            self._start = np.searchsorted(ends[self._by], np.arange(self.n + 1))
        at = self._by[self._start[x] : self._start[x + 1]]
        pair = at % len(self.i)
        return np.where(at < len(self.i), self.j[pair], self.i[pair]), self.value[pair]

    @classmethod
    def of(cls, sim: np.ndarray, low: float) -> Similarity:
        """A dense array's similarity (a small block's, or a test's)."""
        return cls(len(sim), lambda rows, cols: sim[np.ix_(rows, cols)], low)

    def bands(self, rows: Sequence[int], cols: Sequence[int]) -> Iterable[np.ndarray]:
        """``rows`` x ``cols``, a band of rows at a time (``settings.SIMILARITY_CELLS`` entries)."""
        rows, cols = np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)
        step = max(1, settings.SIMILARITY_CELLS // max(len(cols), 1))
        for start in range(0, len(rows), step):
            yield self.entries(rows[start : start + step], cols)

    def mean(self, rows: Sequence[int], cols: Sequence[int]) -> float:
        """The mean entry of ``rows`` x ``cols`` (summed band by band beyond one band)."""
        bands = self.bands(rows, cols)
        if len(rows) * len(cols) <= settings.SIMILARITY_CELLS:
            return float(next(iter(bands)).mean())
        return sum(float(b.sum()) for b in bands) / (len(rows) * len(cols))

    def row_max(self, rows: Sequence[int], cols: Sequence[int]) -> np.ndarray:
        """Each row's largest entry over ``cols``."""
        return np.concatenate([b.max(axis=1) for b in self.bands(rows, cols)])


def _pair(x: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``x`` of the rows as a column and of the columns as a row, to compare by broadcasting."""
    return x[rows][:, None], x[cols][None, :]


def _cosines(vectors: np.ndarray, of: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Dot products of the rows' vectors with the columns'; for a band of rows against every
    fact, once per distinct pair."""
    if isinstance(vectors, SparseVectors):
        mine, inverse = np.unique(of[rows], return_inverse=True)
        theirs, back = np.unique(of[cols], return_inverse=True)
        return vectors.cosines(mine, theirs).take(back.reshape(-1), axis=1).take(inverse.reshape(-1), axis=0)
    if len(cols) < len(of) or not np.array_equal(cols, np.arange(len(of))):
        return vectors[of[rows]] @ vectors[of[cols]].T  # a few entries
    mine, inverse = np.unique(of[rows], return_inverse=True)
    return (vectors[mine] @ vectors.T).take(of, axis=1).take(inverse.reshape(-1), axis=0)


#: The weights that combine the similarity's feature columns (``_combine``), as named in
#: ``crosscheck.settings``: the ones ``benchmarks/fit_weights.py`` fits. The speech weights
#: (``SAME_SPEAKER_BONUS``, ``OTHER_SPEAKER_PENALTY``) are applied the same way but not fitted.
WEIGHTS = ("LOCAL_WEIGHT", "ORDER_BONUS", "ANCHOR_BONUS", "ITEM_WEIGHT", "HEAD_MISMATCH_FACTOR", "SAME_PERSON_BONUS",
           "EQUAL_VALUE_BONUS", "NEAR_VALUE_BONUS", "SPEAKER_BONUS", "TIME_MISMATCH_FACTOR", "FRAME_VALUE_BONUS",
           "WRITTEN_VALUE_BONUS", "DAY_VALUE_BONUS", "DAY_VALUE_MIN_CONTEXT", "MERGE_MEAN_SHARE")


def _similarity_rows(feat: _Features, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """The entries ``rows`` x ``cols`` of the similarity (see ``_similarity``): the feature
    columns of those entries (``_similarity_columns``) combined with the weights of
    ``settings`` (``_combine``)."""
    return _combine(feat.family, _similarity_columns(feat, rows, cols))


def _similarity_columns(feat: _Features, rows: np.ndarray, cols: np.ndarray) -> dict[str, np.ndarray]:
    """The named feature columns of the entries ``rows`` x ``cols``, each an array of that
    shape, that ``_combine`` weighs into the similarity:

    - ``context``: the TF-IDF cosine of the two facts' sentence contexts;
    - ``near``: the cosine of their near contexts (the words beside the figure; not speech);
    - ``order``: two values at the same place among the several values of their sentences;
    - ``anchor``: dates whose sentences hold other facts aligned together (when given);
    - ``item``: how alike the things counted, priced or measured are, 0-1 (1 for one head noun);
    - ``head_mismatch``: figures whose head nouns differ (``_head_mismatch_rows``);
    - ``same_person``: ages of one named person;
    - ``equal_value``, ``near_value``: the very same distinctive figure; a figure within
      ``settings.NEAR_VALUE_SHARE`` of the other, of one unit;
    - ``speaker``: dates whose sentences name one speaker;
    - ``frame_value``: the same value (one day, or one weekday as written in undated reports;
      one figure, small ones too) with the same frame (a date's event sharing a word, a
      predicate class standing for its verbs; what is said of a figure, its class or lemma);
    - ``written_value``: dates of two undated reports written alike ("Saturday", "this season"),
      which no day anchors, whatever their events;
    - ``day_value``: one anchored day in two reports whose events share no word (weighed only
      where the sentences' context is above ``DAY_VALUE_MIN_CONTEXT``);
    - ``same_speaker``, ``other_speaker``: quotes/statements of one speaker, of two named ones;
    - ``apart``: pairs that can never be one fact (the hard masks: one article, two roles,
      dimensions, currencies, predicate classes or years, distances from two named places,
      dates years apart, a statement in two mouths); their similarity is 0 whatever the weights;
    - ``time_apart``: figures whose sentences are dated more than ``settings.TIME_MISMATCH_DAYS``
      apart (when the sentences' dates are given).

    Every step is the one the n x n computation takes, on those entries only."""
    family = feat.family
    out: dict[str, np.ndarray] = {"context": _cosines(feat.ctx, feat.ctx_of, rows, cols)}
    apart = np.zeros((len(rows), len(cols)), dtype=bool)
    if family != "speech":
        out["near"] = _cosines(feat.near, feat.near_of, rows, cols)
        # Two values in one sentence have the same context; their order tells them apart.
        size_r, size_c = _pair(feat.size, rows, cols)
        rank_r, rank_c = _pair(feat.rank, rows, cols)
        several = (size_r > 1) & (size_c > 1)
        out["order"] = several & (rank_r == rank_c)
    if feat.anchors is not None:
        out["anchor"] = feat.anchors.band(rows, cols)
    if family in ("count", "money", "measure"):
        if feat.item_sim is not None:
            item_sim = feat.item_sim[feat.item_of[rows][:, None], feat.item_of[cols][None, :]]
        else:
            mine, inverse = np.unique(feat.item_of[rows], return_inverse=True)
            theirs, back = np.unique(feat.item_of[cols], return_inverse=True)
            item_sim = _item_sim([feat.items[k] for k in mine.tolist()], [feat.items[k] for k in theirs.tolist()])
            item_sim = item_sim[inverse.reshape(-1)][:, back.reshape(-1)]
        item_sim[~feat.has_item[rows], :] = 0.0
        item_sim[:, ~feat.has_item[cols]] = 0.0
        # The same head noun is the same thing, however the phrases around it differ (the
        # extractor gives one head to one thing's names: "tremor" and "quake" are an earthquake).
        # Not for ages: their head says what is measured, the person says whose it is.
        things_r, things_c = _pair(feat.things, rows, cols)
        out["item"] = np.maximum(item_sim, (things_r == things_c) & (things_r > 0))
        # Different things counted or priced ("missiles" vs "tests") are less likely one
        # fact; not ruled out, since outlets name one thing differently ("troops", "soldiers").
        out["head_mismatch"] = _head_mismatch_rows(feat, rows, cols)
        # Two ages of one named person are one fact, whatever the sentences around them.
        person_r, person_c = _pair(feat.person_of, rows, cols)
        same_person = (person_r >= 0) & (person_c >= 0) & (rows[:, None] != cols[None, :])
        if same_person.any():
            same_person &= feat.same_person[np.maximum(person_r, 0), np.maximum(person_c, 0)]
        out["same_person"] = same_person
        # The same figure, if it is not a small number many facts share, is evidence of one fact.
        value_r, value_c = _pair(feat.value, rows, cols)
        has_r, has_c = _pair(feat.has_value, rows, cols)
        same = (value_r == value_c) & has_r
        # A near figure of the same unit (157 dead and 175 dead) is evidence too, if less:
        # it is how a reader spots two outlets counting one thing differently.
        x_r, x_c = _pair(feat.value_x, rows, cols)
        lo, hi = np.minimum(x_r, x_c), np.maximum(x_r, x_c)
        with np.errstate(divide="ignore", invalid="ignore"):
            near = (hi > 0) & (lo >= hi * (1 - settings.NEAR_VALUE_SHARE))
        unit_r, unit_c = _pair(feat.value_unit, rows, cols)
        near &= has_r & has_c & (unit_r == unit_c) & ~same
        out["equal_value"], out["near_value"] = same, near
        if family == "measure":
            d_r, d_c = _pair(feat.dimension, rows, cols)
            apart |= d_r != d_c
            # distances from two named places are two facts ("14 miles north of A", "20 miles from B")
            p_r, p_c = _pair(feat.from_place, rows, cols)
            apart |= (p_r != p_c) & (p_r > 0) & (p_c > 0)
        if family == "money":
            c_r, c_c = _pair(feat.currency, rows, cols)
            apart |= c_r != c_c
    if family == "speech":
        codes_r, codes_c = _pair(feat.speaker, rows, cols)
        out["same_speaker"] = (codes_r == codes_c) & (codes_r > 0)
        out["other_speaker"] = other = (codes_r != codes_c) & (codes_r > 0) & (codes_c > 0)
        # Reported speech put in two different mouths is two claims, not one claim with a
        # disputed speaker: only verbatim quotes can conflict on who said them.
        st_r, st_c = _pair(feat.statement, rows, cols)
        apart |= other & (st_r | st_c)
    elif family == "date" and feat.speakers is not None:
        out["speaker"] = (feat.speakers[rows] @ feat.speakers[cols].T) > 0
    if feat.exact is not None:
        # The same value with the same frame: one day of one event ("the dam burst"), one
        # figure of which one thing is said ("12 injured"), however the sentences differ.
        e_r, e_c = _pair(feat.exact, rows, cols)
        same_value = (e_r == e_c) & (e_r > 0)
        if family == "date":
            events = feat.events if feat.events is not None else np.zeros((feat.n, 0))
            out["frame_value"] = same_value & ((events[rows] @ events[cols].T) > 0)
            # one date as written in two undated reports ("Saturday", "this season"), whatever
            # the event words: most often one day of the story's news
            w_r, w_c = _pair(feat.unanchored, rows, cols)
            out["written_value"] = same_value & w_r & w_c
            # one anchored day in two reports whose event words do not meet: most often one day
            # of the story's news where the sentences are alike beyond it (``_combine``)
            d_r, d_c = _pair(feat.one_day, rows, cols)
            out["day_value"] = same_value & d_r & d_c & ~out["frame_value"]
        elif feat.said is not None:
            s_r, s_c = _pair(feat.said, rows, cols)
            out["frame_value"] = same_value & (s_r == s_c) & (s_r > 0)
    if family != "speech":
        role_r, role_c = _pair(feat.role, rows, cols)
        apart |= role_r != role_c
    if family in ("count", "money", "measure"):
        # Figures whose frames say they are two facts: different predicate classes ("dead"
        # and "missing"), or clauses naming different years.
        p_r, p_c = _pair(feat.predicate, rows, cols)
        apart |= (p_r != p_c) & (p_r > 0) & (p_c > 0)
        y_r, y_c = _pair(feat.years_of, rows, cols)
        dated = (y_r >= 0) & (y_c >= 0)
        if dated.any():
            apart |= dated & feat.years_apart[np.maximum(y_r, 0), np.maximum(y_c, 0)]
    if family == "date":
        # Dates years apart are two events, not one event misdated, unless both are written
        # out alike ("founded in 1989" / "in 1998": a transposed year).
        gap = _gap_rows(feat.span, rows, cols)
        w_r, w_c = _pair(feat.written, rows, cols)
        alike = (w_r == w_c) & (w_r > 0)
        apart |= (gap > settings.DATE_MAX_GAP_DAYS) & ~alike
    a_r, a_c = _pair(feat.article, rows, cols)
    out["apart"] = apart | (a_r == a_c)
    if feat.time is not None:
        # Figures whose sentences are dated far apart ("62 people died in 1987" and "157
        # people died on Thursday" are two tolls): see ``_fact_time``.
        out["time_apart"] = _gap_rows(feat.time, rows, cols) > settings.TIME_MISMATCH_DAYS
    return out


def _combine(family: str, col: dict[str, np.ndarray], weights: dict[str, float] | None = None) -> np.ndarray:
    """The similarity from its feature columns (``_similarity_columns``): the context cosine,
    mixed with the near context's (``LOCAL_WEIGHT``), plus a bonus per piece of evidence of
    one fact (``ORDER_BONUS``, ``ANCHOR_BONUS``, ``ITEM_WEIGHT`` x the item similarity,
    ``SAME_PERSON_BONUS``, ``EQUAL_VALUE_BONUS``, ``NEAR_VALUE_BONUS``, ``SPEAKER_BONUS``,
    ``FRAME_VALUE_BONUS``, ``WRITTEN_VALUE_BONUS``, ``DAY_VALUE_BONUS`` where the context is
    above ``DAY_VALUE_MIN_CONTEXT``), a
    factor on figures whose head nouns differ (``HEAD_MISMATCH_FACTOR``, before the value
    bonuses) and on figures dated apart (``TIME_MISMATCH_FACTOR``, last), zero where the
    facts can never be one. ``weights`` (by their names in ``WEIGHTS``) override those of
    ``settings``."""
    w = {name: getattr(settings, name) for name in WEIGHTS}
    if weights:
        w.update(weights)
    sim = col["context"]
    if family != "speech":
        local = w["LOCAL_WEIGHT"]
        sim = (1 - local) * sim + local * col["near"]
        sim = sim + w["ORDER_BONUS"] * col["order"]
    if "anchor" in col:
        sim = sim + w["ANCHOR_BONUS"] * col["anchor"]
    if family in ("count", "money", "measure"):
        sim = sim + w["ITEM_WEIGHT"] * col["item"]
        sim[col["head_mismatch"]] *= w["HEAD_MISMATCH_FACTOR"]
        sim = sim + w["SAME_PERSON_BONUS"] * col["same_person"]
        sim = sim + w["EQUAL_VALUE_BONUS"] * col["equal_value"] + w["NEAR_VALUE_BONUS"] * col["near_value"]
    if family == "speech":
        # One speaker says many things: the words must overlap before the speaker counts.
        weak = sim < settings.SPEECH_MIN_CONTENT
        sim = sim + settings.SAME_SPEAKER_BONUS * col["same_speaker"] - settings.OTHER_SPEAKER_PENALTY * col["other_speaker"]
        sim[weak] = 0.0
    elif "speaker" in col:
        sim = sim + w["SPEAKER_BONUS"] * col["speaker"]
    if "frame_value" in col:
        sim = sim + w["FRAME_VALUE_BONUS"] * col["frame_value"]
    if "written_value" in col:
        sim = sim + w["WRITTEN_VALUE_BONUS"] * col["written_value"]
    if "day_value" in col:
        sim = sim + w["DAY_VALUE_BONUS"] * (col["day_value"] & (col["context"] > w["DAY_VALUE_MIN_CONTEXT"]))
    sim[col["apart"]] = 0.0
    if "time_apart" in col:
        sim *= np.where(col["time_apart"], w["TIME_MISMATCH_FACTOR"], 1.0)
    return sim


def _gap_rows(span: tuple[np.ndarray, np.ndarray, np.ndarray], rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Days between the rows' spans and the columns' (negative when they overlap); -1 where
    one is unknown."""
    start, end, known = span
    gap = np.maximum(start[cols][None, :] - end[rows][:, None], start[rows][:, None] - end[cols][None, :])
    return np.where(known[rows][:, None] & known[cols][None, :], gap, -1)


def _head_mismatch_rows(feat: _Features, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Pairs whose head nouns differ ("missiles" and "tests"), unless one fact's head is the
    word an apposition gives the other's thing ("two businessmen" and "two co-defendants,
    businessmen A and B": the other outlet names it that way too) and no other figure of
    that sentence counts it under that name, or one is a toll and the other counts people
    (``TOLL_HEADS``)."""
    h_r, h_c = _pair(feat.head, rows, cols)
    out = (h_r != h_c) & (h_r > 0) & (h_c > 0)
    if not out.any():
        return out
    t_r, t_c = _pair(feat.toll, rows, cols)
    p_r, p_c = _pair(feat.people, rows, cols)
    out &= ~((t_r & p_c) | (p_r & t_c))
    o_r, o_c = _pair(feat.other_head, rows, cols)
    out &= ~((o_r == h_c) | (h_r == o_c))
    return out


def _value_clash(family: str, a: Fact, b: Fact) -> bool:
    """Whether two facts' values contradict each other (for the stricter threshold)."""
    if family == "speech":
        ka, kb = speaker_key(a), speaker_key(b)
        return bool(ka and kb and ka != kb)
    return compatible(a, b) is False


def _same_thing(a: Fact, b: Fact) -> bool:
    """Whether two numeric facts name the same thing counted, priced or measured (a head
    noun both give): then their sentences need not be as alike to call a conflict."""
    ha, hb = _head(a), _head(b)
    if ha == "age":
        return _same_person(_person(a), _person(b))
    return bool(ha) and ha == hb


def _days_apart(a: Fact, b: Fact) -> bool:
    """Whether two dates are single days at most ``settings.DATE_MUTUAL_MAX_DAYS`` apart:
    one event misdated by a day or two ("Monday" against "Tuesday")."""
    if a.kind != "date" or a.value.get("granularity") != "day" or b.value.get("granularity") != "day":
        return False
    sa, sb = _span(a), _span(b)
    return sa is not None and sb is not None and 0 < abs(sa[0] - sb[0]) <= settings.DATE_MUTUAL_MAX_DAYS


def _cluster(
    family: str, facts: list[Fact], sim: Similarity | np.ndarray, anchored: _Anchors | np.ndarray | None = None,
    clash_needs_anchor: bool = False,
) -> list[list[int]]:
    """Best-first grouping of facts with at most one fact per article per group.

    A pair whose values clash joins only when it clears the conflict bar, or when other
    evidence says both facts are one: the same thing counted, a mutual best match, or
    sentences anchored by another aligned fact (``anchored``)."""
    return [sorted(m) for m in _grow_groups(family, facts, sim, anchored, clash_needs_anchor).values()]


def _grow_groups(
    family: str, facts: list[Fact], sim: Similarity | np.ndarray, anchored: _Anchors | np.ndarray | None = None,
    clash_needs_anchor: bool = False, per_article: Counter | None = None, held: set[int] | None = None,
    no_alternative: set[int] | None = None,
) -> dict[int, list[int]]:
    """``_cluster``'s groups by the fact each grew from (in that order). ``per_article``
    counts each article's facts of the family when ``facts`` is a block of it; the facts
    ``held`` (restatements of another, ``_restatements``) stay groups of their own, and
    those ``no_alternative`` (figures in brackets after another) are no other reading of the
    figure they follow when it clashes with another article's."""
    n = len(facts)
    low = settings.ALIGN_MIN_SIMILARITY[family]
    high = settings.ALIGN_MIN_SIMILARITY_CONFLICT[family]
    if isinstance(sim, np.ndarray):
        sim = Similarity.of(sim, low)
    # The pairs above the bar (i < j, row by row), best first; ties by position (facts come
    # sorted by article and offset): deterministic.
    order = np.argsort(-np.round(sim.value, 9), kind="stable")
    art_codes = _codes([f.article for f in facts]) - 1
    if per_article is None:
        per_article = Counter(f.article for f in facts)
    per_article = np.array([per_article[f.article] for f in facts], dtype=np.int64)
    # Each fact's best similarity to any fact of each article: a clashing pair that are
    # each other's best match across their two articles is one fact told two ways. Found
    # when asked (for a few clashing pairs), not for every fact and article; a pair's own
    # similarity is at least ``low``, so only kept pairs can beat it.
    columns: dict[int, list[int]] = defaultdict(list)  # each article's facts, in order
    for x, a in enumerate(art_codes.tolist()):
        columns[a].append(x)

    bracketed = np.zeros(n, dtype=bool)  # figures in brackets after another are no better match
    bracketed[sorted((held or set()) | (no_alternative or set()))] = True

    def best(i: int, a: int) -> float:
        others, values = sim.partners(i)
        return float(values[(art_codes[others] == a) & ~bracketed[others]].max(initial=0.0))

    def mutual(i: int, j: int, s: float) -> bool:
        return s >= best(i, int(art_codes[j])) - 1e-9 and s >= best(j, int(art_codes[i])) - 1e-9

    keys = [compare_key(f) for f in facts] if family != "speech" else []
    compared: dict[tuple, bool | None] = {}

    def agree(x: int, y: int) -> bool | None:
        """``compatible`` of two facts, once per pair of distinct values."""
        key = (keys[x], keys[y])
        if key not in compared:
            compared[key] = compatible(facts[x], facts[y])
        return compared[key]

    def _agreeing_alternative(i: int, j: int) -> bool:
        """Whether i has, in j's article, a fact whose value agrees with i's and whose
        similarity to i is nearly that of j (or j has such a fact in i's article)."""
        for x, y in ((i, j), (j, i)):
            same = _same_thing(facts[x], facts[y])  # then only as good a thing counts
            # the facts of y's article, in order, that would do if as alike
            others = [k for k in columns[int(art_codes[y])]
                      if k != y and k not in no_alternative and agree(x, k) is True
                      and (not same or _same_thing(facts[x], facts[k]))]
            if others:
                row = next(iter(sim.bands([x], [y] + others)))[0]
                if (row[1:] >= row[0] - settings.CLASH_ALTERNATIVE_MARGIN).any():
                    return True
        return False

    group_of = list(range(n))
    apart: dict[tuple[int, int], tuple[int, int]] = {}  # groups too unlike to merge, at their sizes then
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    articles: dict[int, set[str]] = {i: {facts[i].article} for i in range(n)}
    held, no_alternative = held or set(), no_alternative or set()
    for s, i, j in _pairs(sim, order):
        gi, gj = group_of[i], group_of[j]
        if gi == gj or not articles[gi].isdisjoint(articles[gj]) or i in held or j in held:
            continue
        if family == "speech":
            clash = _value_clash(family, facts[i], facts[j])
        else:
            ok = agree(i, j)
            if ok is None:
                continue  # values that cannot be compared (an unanchored date): no verdict to draw
            clash = ok is False
            if clash and _agreeing_alternative(i, j):
                continue  # a fact the other article gives that agrees is as likely the match
        if clash and family != "speech" and _places(facts[i]) and _places(facts[j]) \
                and not _places(facts[i]) & _places(facts[j]):
            continue  # figures of two places (a district's toll, another town's quake) do not conflict
        if clash and family != "speech" and _times_differ(facts[i], facts[j]):
            continue  # figures of two times named in words are two quantities
        if clash and clash_needs_anchor and not (anchored is not None and anchored[i, j]):
            continue  # an earlier value's conflict needs the figures it goes with aligned
        if s < high and clash:
            evidence = (
                _same_thing(facts[i], facts[j])
                or (family in settings.ALIGN_MUTUAL_BEST_CLASH and mutual(i, j, s))
                or (_days_apart(facts[i], facts[j]) and s >= settings.DATE_MUTUAL_MIN_SIMILARITY
                    and per_article[i] > 1 and per_article[j] > 1 and mutual(i, j, s))
                or (anchored is not None and anchored[i, j])
            )
            if not evidence or s < settings.ALIGN_MIN_SIMILARITY_CLASH_WITH_EVIDENCE[family]:
                continue
        if len(members[gi]) + len(members[gj]) > 2:
            sizes = (len(members[gi]), len(members[gj]))
            if apart.get((gi, gj)) == sizes:
                continue  # the same two groups as last time, found too unlike then
            if sim.mean(members[gi], members[gj]) < settings.MERGE_MEAN_SHARE * low:
                apart[(gi, gj)] = sizes
                continue
        for k in members[gj]:
            group_of[k] = gi
        members[gi].extend(members.pop(gj))
        articles[gi] |= articles.pop(gj)
    return members


def _pairs(sim: Similarity, order: np.ndarray, chunk: int = 1 << 16) -> Iterable[tuple[float, int, int]]:
    """The kept pairs (value, i, j) in ``order``, a chunk at a time (not one list of all)."""
    for start in range(0, len(order), chunk):
        at = order[start : start + chunk]
        yield from zip(sim.value[at].tolist(), sim.i[at].tolist(), sim.j[at].tolist())


def _value_sides(facts: list[Fact], members: list[int]) -> list[list[int]]:
    """The members split by value: each fact joins the first side it agrees with throughout
    (a floor agreeing only within its step, ``floor_apart``)
    (values that cannot be compared count as agreeing), else starts a side."""
    sides: list[list[int]] = []
    for i in members:
        for side in sides:
            if all(compatible(facts[i], facts[j]) is not False and not floor_apart(facts[i], facts[j]) for j in side):
                side.append(i)
                break
        else:
            sides.append([i])
    return sides


def _join_repeats(family: str, facts: list[Fact], sim: Similarity, items: list[tuple[int, tuple]],
                  restating: dict[int, int] | None = None) -> list[tuple[int, tuple]]:
    """Settled groups (``_settle_sides``'s items, each with the position it sorts at) that
    hold one article's repeats of a figure (headline, lead and body), made one: grouping
    takes one fact per article, so each repeat starts a group of its own beside the first.
    Two groups without sides join where an article they share writes, in both, the same
    figure (``_figure_told``: "at least 2" and "2" are one figure, "at least 2" and "10" are
    not, though both can be true), every value of the two can be true together, and their
    facts are as alike as grouping asks of a merge (a pair at the bar, the mean at
    ``MERGE_MEAN_SHARE`` of it). Not told apart: two events with one figure each that every
    article gives (two crashes with two dead each), where the frames leave the difference
    unread. Groups with sides and possible conflicts stay as they are: a repeat that another
    outlet tells otherwise is the evidence of a conflict. A figure's conversion in brackets
    (``restating``: index -> the figure it restates) is that figure told again, not a figure
    of the article's own: it neither tells two figures apart nor makes a join.
    Each pair of groups is weighed once at its sizes, and only where one of them holds
    another article (a group of one article's facts has no likeness to weigh)."""
    if family == "speech":
        return items
    low = settings.ALIGN_MIN_SIMILARITY[family]
    open_ = [k for k, (_, (_, sides, _, possible)) in enumerate(items) if not sides and not possible]
    parent = {k: k for k in open_}
    members = {k: list(items[k][1][0]) for k in open_}
    articles = {k: {facts[i].article for i in members[k]} for k in open_}

    def find(k: int) -> int:
        while parent[k] != k:
            k = parent[k]
        return k

    # each article's groups, by the figure it gives in them: only groups of one figure can join
    restating = restating or {}
    holding: dict[str, dict[tuple, list[int]]] = defaultdict(lambda: defaultdict(list))
    for k in open_:
        for i in members[k]:
            if i not in restating:
                holding[facts[i].article][_figure_told(facts[i])].append(k)
    keys = {i: compare_key(facts[i]) for k in open_ for i in members[k] if i not in restating}
    weighed: set[tuple[int, int, int, int]] = set()
    for a in sorted(holding):
        for ks in holding[a].values():
            # one group of each pair holds another article: only those are walked, so that a
            # hostile article's thousands of groups of its own cost no pairs
            for x, y in ((x, y) for x in ks if len(articles[find(x)]) > 1 for y in ks if y != x):
                gx, gy = sorted((find(x), find(y)))
                if gx == gy:
                    continue
                mx, my = members[gx], members[gy]
                if (gx, gy, len(mx), len(my)) in weighed:
                    continue
                weighed.add((gx, gy, len(mx), len(my)))
                mine = [i for i in mx + my if facts[i].article == a and i not in restating]
                if len({_figure_told(facts[i]) for i in mine}) > 1:
                    continue  # the article writes two figures: two facts ("at least 2 died", "10 hurt")
                if len({_predicate_class(facts[i]) for i in mine} - {""}) > 1:
                    continue  # one figure said in two classes ("2 died", "2 were wounded")
                distinct = list({keys[i]: i for i in mx + my if i not in restating}.values())
                if any(compatible(facts[i], facts[j]) is not True or floor_apart(facts[i], facts[j])
                       for n, i in enumerate(distinct) for j in distinct[n + 1:]):
                    continue
                if sim.row_max(mx, my).max() < low or sim.mean(mx, my) < settings.MERGE_MEAN_SHARE * low:
                    continue
                parent[gy] = gx
                members[gx].extend(members.pop(gy))
                articles[gx] |= articles.pop(gy)
    out = []
    for k, (at, item) in enumerate(items):
        if k not in parent:
            out.append((at, item))
        elif find(k) == k:
            out.append((at, (sorted(members[k]), [], None, False)))
    return out


def _join_claims(family: str, facts: list[Fact], sim: Similarity,
                 items: list[tuple[int, tuple]]) -> list[tuple[int, tuple]]:
    """Conflicts (settled groups with sides, ``_settle_sides``) that make one claim twice,
    made one: an article that repeats a figure (headline, lead and body) gives one fact to
    each of two groups, so one toll told as 10 by most reports and 3 by one is two conflicts
    of the same sides. Two conflicts join where they have as many sides, an article in both
    writes the same figure in both (``_figure_told``), each side's values can all hold with
    those of exactly one side of the other conflict and of no other side (``_one_value``),
    and no two predicate classes are said in them: one class said ("10 killed" and "10
    dead"), or, where none is, facts as alike as grouping asks of a merge
    (``MERGE_MEAN_SHARE`` of the bar, on average). The sides join side by side; the
    confidence is the lower one."""
    claims = [k for k, (_, (_, sides, _, possible)) in enumerate(items) if sides and not possible]
    if len(claims) < 2 or family == "speech":
        return items
    low = settings.ALIGN_MIN_SIMILARITY[family]
    merged: dict[int, int] = {}
    for n, x in enumerate(claims):
        if x in merged:
            continue
        for y in claims[n + 1:]:
            if y in merged:
                continue
            mx, sx, cx, _ = items[x][1]
            my, sy, cy, _ = items[y][1]
            if len(sx) != len(sy):
                continue
            told = defaultdict(set)
            for i in mx + my:
                told[facts[i].article].add(_figure_told(facts[i]))
            shared = {facts[i].article for i in mx} & {facts[i].article for i in my}
            if not any(len(told[a]) == 1 for a in shared):
                continue  # no article writes one figure in both: not one claim repeated
            classes = {_predicate_class(facts[i]) for i in mx + my} - {""}
            if len(classes) > 1:
                continue
            # each side of one is one value with exactly one side of the other
            pairing = [[m for m, other in enumerate(sy) if _one_value(facts, side, other)] for side in sx]
            if any(len(p) != 1 for p in pairing) or len({p[0] for p in pairing}) != len(sy):
                continue
            if not classes and sim.mean(mx, my) < settings.MERGE_MEAN_SHARE * low:
                continue
            members = sorted(set(mx) | set(my))
            sides = [sorted(set(side) | set(sy[p[0]])) for side, p in zip(sx, pairing)]
            items[x] = (items[x][0], (members, sides, min(cx, cy), False))
            merged[y] = x
    return [item for k, item in enumerate(items) if k not in merged]


def _one_value(facts: list[Fact], side: list[int], other: list[int]) -> bool:
    """Whether every value of one side can hold with every value of another, as one figure
    told (not told apart by a floor either)."""
    return all(compatible(facts[i], facts[j]) is not False and not floor_apart(facts[i], facts[j])
               for i in side for j in other)


def _figure_told(f: Fact) -> tuple:
    """The figure a fact writes: a date's days (or, unanchored, its words); a number's
    number(s) as written, whatever qualifies them ("at least 7", "7" and "an estimated 7"
    write 7; "10" does not), with its unit or currency and scope."""
    if f.kind == "date":
        return f.kind, _span(f) or f.value.get("expression")
    written = tuple((q.value, q.high if q.is_range else None) for q in written_numbers(f.text))
    return f.kind, written or (f.value.get("low"), f.value.get("high")), tuple(
        f.value.get(k) for k in ("unit", "currency", "scope", "per"))


def _revision(facts: list[Fact], sides: list[list[int]], published: dict | None) -> bool:
    """Whether the sides come from reports of different days and their values rise, or
    fall, with the day (a toll revised from report to report)."""
    if not published:
        return False
    days = []
    for side in sides:
        when = {published.get(facts[i].article) for i in side}
        if None in when or len(when) != 1:
            return False
        days.append((when.pop(), _midpoint(facts[side[0]])))
    if len({d for d, _ in days}) < len(days):
        return False
    values = [v for _, v in sorted(days)]
    steps = [b - a for a, b in zip(values, values[1:])]
    return all(x > 0 for x in steps) or all(x < 0 for x in steps)


def _midpoint(f: Fact) -> float:
    vals = [float(v) for v in (f.value.get("low"), f.value.get("high")) if isinstance(v, (int, float))]
    return sum(vals) / len(vals) if vals else 0.0


def _stands(facts: list[Fact], sim: Similarity, claim: tuple[list[int], list[int]], high: float,
            strong: float) -> bool:
    """Whether a claim (``_claim``: the facts of two sides that tell one fact differently)
    stands on its own facts, the rest of the group left as context: its differing side's
    sentences are, on average over every pair with its established side, as alike as a clash
    with other evidence needs (``high``), or, where one article gives the established value
    (one pair of evidence), as a conflict needs (``strong``); and the differing value
    contradicts the established facts (``_contradicted``). A stray figure in the group ("up to
    30 people were in the hall" beside "9 people were hurt") neither
    lowers the claim's likeness nor, as a ceiling, absorbs its differing value."""
    established, side = claim
    bar = high if len({facts[i].article for i in established}) > 1 else strong
    return sim.mean(side, established) >= bar and _contradicted(facts, established, side)


def _settle_sides(family: str, facts: list[Fact], sim: Similarity, groups: list[list[int]],
                  published: dict | None = None, days_by_sentence: dict | None = None,
                  by_head: dict[str, list[Fact]] | None = None, listing: bool = True):
    """A conflict as a claim about sides: in a group whose values disagree, the side most
    articles give is the established value; another side stays in the group only where the
    frames make a claim that the two tell one fact differently (``_claim``), no report gives
    both values as two figures of the thing (``_told_both``, over the family's facts
    ``by_head``), and the claim stands on its own facts (``_stands``: alike enough, over
    every pair of its two sides, and contradicted); the closest such side stays, and a further side only where the sides
    read as one figure revised from report to report (``_revision``): otherwise a third
    value is more often another fact mixed in. The confidence is the claim's likeness (the
    mean over its pairs), the lowest over its sides. A side that falls short leaves the
    group, unless its values can all hold with the group's, told apart
    by a floor only (``_can_hold``), and, if its sentences reach the grouping bar on average
    over the whole established side, is listed as a possible conflict (with ``listing``).
    Sides that make no claim and cannot hold with the group are settled again among
    themselves (``_settle_rejected``). Yields (members,
    sides, confidence, possible)."""
    high = settings.ALIGN_MIN_SIMILARITY_CLASH_WITH_EVIDENCE[family]
    strong = settings.ALIGN_MIN_SIMILARITY_CONFLICT[family]
    low = settings.ALIGN_MIN_SIMILARITY[family]
    for members in groups:
        sides = _value_sides(facts, members)
        if len(sides) < 2:
            yield members, [], None, False
            continue
        sides.sort(key=lambda side: (-len({facts[i].article for i in side}), min(side)))
        established, kept, confidence = sides[0], [sides[0]], 1.0
        claims: list[tuple[list[int], list[int]]] = []
        # sides that make no claim against the established value and cannot hold with it: other
        # facts the grouping chained in, settled again among themselves, where two of them may
        # tell one fact differently ("12 hurt" and "18 hurt" beside a crowd's size)
        rejected: list[list[int]] = []
        # sides that can hold with the established value, told apart by a floor only: where no
        # claim stands they stay in the group as context, the most alike first (``_can_hold``)
        holdable: list[list[int]] = []
        means = [sim.mean(side, established) for side in sides[1:]]
        for mean, side in sorted(zip(means, sides[1:]), key=lambda x: (-x[0], min(x[1]))):
            if not _figures_apart(facts, established, side):
                # the side's figure and the established one can both be the count told (a
                # member that set the side apart, "at least 45" beside "at least 40", writes
                # no figure of the claim): no claim or possible conflict; context where its
                # values can all hold with the group's, else set out
                if _can_hold(facts, established, side):
                    holdable.append(side)
                else:
                    rejected.append(side)
                continue
            claim = _claim(facts, sim, established, side, published, days_by_sentence)
            told_both = family != "date" and _told_both(by_head, facts, established, side)
            if all(claim) and not told_both and _stands(facts, sim, claim, high, strong) \
                    and (len(kept) == 1 or _revision(facts, kept + [side], published)):
                kept.append(side)  # a third value only as a revision: else it is another fact mixed in
                claims.append(claim)
                confidence = min(confidence, sim.mean(claim[1], claim[0]))
                holdable.append(side)
                continue
            contradicted = _contradicted(facts, established, side)
            if _can_hold(facts, established, side):
                holdable.append(side)
            else:
                rejected.append(side)
            if listing and mean >= low and contradicted and not (
                    _anchor_shift(facts, established, side, published, doubtful=False)
                    or _places_differ(facts, established, side) if family == "date"
                    else told_both or _told_apart(facts, established, side, published)):
                # (dates that differ only in the day each report counts from, or figures the
                # frames or one report tell apart, are not in doubt)
                yield sorted(established + side), [_carriers(facts, established), _carriers(facts, side)], _likeness(mean), True
        called = len(kept) > 1 and confidence >= settings.CONFLICT_MIN_CONFIDENCE
        held: list[int] = []
        apart: list[list[int]] = []
        claimed = [i for side in kept[1:] for i in side] if called else []
        for side in holdable:
            if called and side in kept:
                continue
            if listing and _can_hold(facts, established + claimed + held, side):
                held += side
            else:
                apart.append(side)  # (set out again, only a claim keeps sides together)
        if len(kept) > 1 and not called:
            # a claim whose sentences are less alike than the fitted bar: listed, not called
            for side in [established + held, *apart]:
                yield sorted(side), [], None, False
            if listing:
                yield sorted(i for side in kept for i in side), [_carriers(facts, side) for side in kept], _likeness(confidence), True
            yield from _settle_rejected(family, facts, sim, rejected, published, days_by_sentence, by_head)
            continue
        for side in apart:
            yield sorted(side), [], None, False
        if len(kept) == 1:
            yield sorted(established + held), [], None, False
        else:
            # the established side's claim: its facts that take part against every kept side
            first = [i for i in established if all(i in c[0] for c in claims)] or claims[0][0]
            yield (sorted(claimed + established + held),
                   [_carriers(facts, first)] + [_carriers(facts, c[1]) for c in claims], _likeness(confidence), False)
        yield from _settle_rejected(family, facts, sim, rejected, published, days_by_sentence, by_head)


def _likeness(similarity: float) -> float:
    """A claim's confidence as reported: its mean similarity, at most 1 (the bonuses of one
    value or one frame lift a pair above a sentence's own likeness)."""
    return round(min(similarity, 1.0), 4)


def _settle_rejected(family: str, facts: list[Fact], sim: Similarity, rejected: list[list[int]], published,
                     days_by_sentence, by_head):
    """``_settle_sides`` of the sides a group set out (no claim against its established value,
    none that can hold with it), where two or more are left, so that two of them can still
    make a conflict; the sides of no conflict are each a group of their own (only a claim
    keeps sides together here: the grouping chained them through another fact), and none is
    listed as a possible conflict (they were weighed against the established value)."""
    if len(rejected) < 2:
        for side in rejected:
            yield sorted(side), [], None, False
        return
    yield from _settle_sides(family, facts, sim, [sorted(i for side in rejected for i in side)],
                             published, days_by_sentence, by_head, listing=False)


def _can_hold(facts: list[Fact], established: list[int], side: list[int]) -> bool:
    """Whether a side's values can all hold with the established side's (and with those the
    group already holds), told apart only by a floor (``crosscheck.values.floor_apart``: "at
    least 64" against "at least 71"): where no claim about it stands, such a side stays in
    the group as context, one count told more or less fully, as it would with no floor read
    (its possible conflict is listed all the same)."""
    return all(compatible(facts[i], facts[j]) is not False for i in side for j in established)


def _figures_apart(facts: list[Fact], established: list[int], side: list[int]) -> bool:
    """Whether the figures two sides write (``_carriers``) tell the fact differently: a pair
    of them cannot both hold, or a floor tells them apart (``floor_apart``)."""
    return any(compatible(facts[i], facts[j]) is False or floor_apart(facts[i], facts[j])
               for i in _carriers(facts, established) for j in _carriers(facts, side))


def _carriers(facts: list[Fact], side: list[int]) -> list[int]:
    """The facts of a side that write its figure: the one more of the side's articles write
    than any other (``_figure_told``). A fact of the side that writes another figure agreeing
    with it ("at least 3" beside three reports' "at least 41") carries no side of the claim:
    it stays in the group as context. Where no figure leads, the side is kept whole, and so
    is a side of dates (a month and a day in it write two figures, and either may be the
    claim)."""
    if facts[side[0]].kind == "date":
        return side
    figures = [_figure_told(facts[i]) for i in side]
    articles = Counter(f for _, f in dict.fromkeys(zip((facts[i].article for i in side), figures)))
    (figure, most), *rest = articles.most_common(2)
    if rest and rest[0][1] == most:
        return side
    return [i for i, f in zip(side, figures) if f == figure]


def topic_label(facts: list[Fact], space: ContextSpace, max_words: int = 4) -> str:
    """A short label for a group: its thing counted/priced, then the words its sentences
    share that weigh most (highest idf among the words most sentences use)."""
    surface: dict[str, Counter[str]] = defaultdict(Counter)
    seen_in: Counter[str] = Counter()
    first_pos: dict[str, int] = {}
    for f in facts:
        # a wire dateline ("VARNO, June 9 (CNS) -") says where and who filed, not what about
        text = str(f.value.get("content") or "") if f.kind in ("quote", "statement") else f.sentence[
            dateline_end(f.sentence) :]
        words = content_words(text)
        for pos, w in enumerate(words):
            st = stem(w)
            surface[st][w] += 1
            first_pos.setdefault(st, pos)
        seen_in.update({stem(w) for w in words})
    ranked = sorted(seen_in, key=lambda s: (-seen_in[s] * space.weight(s), first_pos[s], s))
    chosen = ranked[:max_words]
    chosen.sort(key=lambda s: first_pos[s])
    words = [surface[s].most_common(1)[0][0] for s in chosen]
    head = next((str(f.value.get("head") or "") for f in facts if f.value.get("head")), "")
    speaker = next((f.speaker for f in facts if f.speaker), None)
    lead = speaker if facts[0].kind in ("quote", "statement") and speaker else head
    label = " ".join(words)
    return f"{lead}: {label}" if lead else label


def align(facts: list[Fact], texts: Sequence[str] | None = None, published: dict | None = None) -> list[Group]:
    """Group facts across articles. Framing facts are not aligned (they qualify a fact).

    ``texts`` (the articles' texts) are searched for the names behind acronyms ("EU"); the
    facts' sentences are, when they are not given. ``published`` (article id -> date) tells
    a figure revised from report to report from several figures mixed (``_revision``)."""
    by_family: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        fam = FAMILIES.get(f.kind)
        if fam:
            by_family[fam].append(f)
    sentences: dict[tuple[str, str], list[str]] = {}
    sent_speakers: dict[tuple[str, str], set[str]] = defaultdict(set)
    for f in facts:
        sentences.setdefault((f.article, f.sentence), stems(f.sentence))
        if f.kind in ("quote", "statement") and f.speaker:
            sent_speakers[(f.article, f.sentence)].add(_speaker_key(f.speaker))
    named = find_acronyms(texts if texts is not None else sorted({k[1] for k in sentences}))
    space = ContextSpace((sentences[k] for k in sorted(sentences)), named)
    dates_by_sentence: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for f in by_family.get("date", []):
        dates_by_sentence[(f.article, f.sentence)].append(f)
    # each sentence's span of days, once (an article may repeat one sentence many times)
    days_by_sentence = {key: _date_hull(dates) for key, dates in dates_by_sentence.items()}
    groups: list[Group] = []
    # Sentences that hold facts aligned together, one tuple per group: an event told in each.
    anchors: list[tuple[tuple[str, str], ...]] = []
    for family in ("count", "money", "measure", "speech", "date"):
        fam_facts = sorted(by_family.get(family, []), key=lambda f: (f.article, f.start, f.id))
        if not fam_facts:
            continue
        # an amount or measure restated in brackets in another currency or unit is the same
        # figure: it joins the group of the one it restates (grouping takes one fact per
        # article), and its value is weighed there like any other
        restated = _restatements(fam_facts) if family in ("money", "measure") else {}
        equivalent = {b: a for b, (a, same) in restated.items() if same}
        numeric = family in ("count", "money", "measure")
        roles = [_role(f) for f in fam_facts] if family != "speech" else [""] * len(fam_facts)
        if equivalent:  # a restatement has the role of the figure it restates ("fell 40 metres (130 feet)")
            position = {f.id: k for k, f in enumerate(fam_facts)}
            for b, a in equivalent.items():
                roles[position[b]] = roles[position[a]]
        rank, size = _rank_in_sentence(fam_facts)
        heads = _heads_in_sentence(fam_facts, [_head(f) for f in fam_facts]) if numeric else None
        by_head: dict[str, list[Fact]] = defaultdict(list)
        for f in fam_facts if numeric else ():
            if f.id not in restated:  # a figure's conversion is no second figure of its thing
                by_head[_head(f)].append(f)
        blocks = _blocks(family, fam_facts, roles)
        # Figures themselves first, then those that depend on one ("down from <n>" goes
        # with "41 seats"): two earlier values conflict only where the figures they go
        # with are aligned too.
        family_anchors: list[tuple[tuple[str, str], ...]] = []
        for needs in (False, True) if numeric else (None,):
            keep = [i for i, r in enumerate(roles) if needs is None or bool(r) == needs]
            if not keep:
                continue
            per_article = Counter(fam_facts[i].article for i in keep)
            settled = []
            for block in blocks:
                if needs is not None and bool(roles[block[0]]) != needs:
                    continue
                part = [fam_facts[i] for i in block]
                anchored = _Anchors(part, anchors) if family == "date" else (
                    _Anchors(part, family_anchors) if needs else None)
                sim = _similarity(family, part, space, sent_speakers, anchored if family == "date" else None,
                                  roles=[roles[i] for i in block], order=(rank[block], size[block]),
                                  heads_in_sentence=heads, days_by_sentence=days_by_sentence if numeric else None)
                items = []
                local = {f.id: k for k, f in enumerate(part)}
                restating = {local[b]: local[a] for b, a in equivalent.items() if b in local and a in local}
                grown = _grow_groups(family, part, sim, anchored, clash_needs_anchor=bool(needs),
                                     per_article=per_article, held=set(restating),
                                     no_alternative={local[b] for b in restated if b in local})
                root_of = {i: root for root, members in grown.items() for i in members}
                for b, a in restating.items():
                    del grown[b]
                    grown[root_of[a]].append(b)
                for root, members in grown.items():
                    idx = sorted(members)
                    if family == "speech":
                        items.append((block[root], (idx, [], None, False)))
                        continue
                    # the figures settle the sides; each conversion then goes with the figure
                    # it converts, and is weighed against the others' conversions in its unit
                    figures = [i for i in idx if i not in restating]
                    settled_items = _with_restatements(
                        _settle_sides(family, part, sim, [figures], published,
                                      days_by_sentence if numeric else None, by_head),
                        {b: a for b, a in restating.items() if a in members})
                    settled_items += _conversions_told_apart(part, sim, [i for i in idx if i in restating])
                    items.extend((block[root], item) for item in settled_items)
                for at, item in _join_claims(family, part, sim, _join_repeats(family, part, sim, items, restating)):
                    settled.append((at, part, [item]))
            settled.sort(key=lambda x: x[0])  # groups in the order the whole family gives them
            for _, part, items in settled:
                for idx, sides, confidence, possible in items:
                    members = sorted((part[i] for i in idx), key=lambda f: (f.article, f.start))
                    groups.append(Group(family, tuple(f.id for f in members), topic_label(members, space),
                                        tuple(tuple(part[i].id for i in side) for side in sides), confidence,
                                        possible))
                    if numeric and not possible:
                        keys = tuple((f.article, f.sentence) for f in members)
                        anchors.append(keys)
                        family_anchors.append(keys)
    groups = _one_group_per_interval(groups, {f.id: f for f in by_family.get("date", [])}, space)
    order = {"date": 0, "count": 1, "money": 2, "measure": 3, "speech": 4}
    groups.sort(key=lambda g: (order[g.family], g.facts))
    return groups


#: What stands between a figure and its restatement in another currency or unit: an opening
#: bracket ("€3 million ($3.9 million)", "40 metres (130 feet)"), or, inside the bracket, a
#: separator before a further one ("5m euros (£4.3m; $6.5m)").
_RESTATED = re.compile(r"\s*[(\[]\s*")
_RESTATED_AGAIN = re.compile(r"\s*[;,/]\s*")


def _written_in(f: Fact) -> str:
    return str(f.value.get("currency") or f.value.get("original_unit") or "")


def _restatements(facts: list[Fact]) -> dict[str, tuple[str, bool]]:
    """Figures given in brackets right after another in another currency or unit (the
    conversion news copy gives: "€3 million ($3.9 million)", "1,300 kilometers (800
    miles)"), each mapped to the id of the figure it restates and whether its value can be
    that figure's: a measure's always (an edit that left its conversion behind, "30 km (eight
    miles)", is found against the other outlets' conversions), an amount's where, in the
    report's year, an exchange rate makes it so (in an undated report the rate is not known
    and the bracket is taken at its word). One that is not is a figure of its own, but no
    other reading of the figure it follows. ``facts`` are one family's, sorted by article
    and offset."""
    out: dict[str, tuple[str, bool]] = {}
    by_id = {f.id: f for f in facts}
    written: dict[str, set[str]] = {}  # the units or currencies a figure is given in so far
    for a, b in zip(facts, facts[1:]):
        if a.article != b.article or a.sentence_start != b.sentence_start or b.start < a.end:
            continue
        between = a.sentence[a.end - a.sentence_start : b.start - a.sentence_start]
        # the first restatement opens the bracket; a further one follows a restatement, in a
        # unit or currency not given yet ("(£4.3m; $6.5m)", not "($6.5m, $2m of it in cash)")
        restated = _RESTATED_AGAIN if a.id in out else _RESTATED
        original = by_id[out[a.id][0] if a.id in out else a.id]
        given = written.setdefault(original.id, {_written_in(original)})
        if not restated.fullmatch(between) or _written_in(b) in given \
                or b.value.get("dimension") != original.value.get("dimension"):
            continue
        given.add(_written_in(b))
        one = compatible(original, b)
        # a length or weight converts by a fixed factor: one the figure's rounding does not
        # hold is a conversion all the same, weighed against the others' (``_conversions_told_apart``);
        # an amount no rate makes the figure is another amount ("$2m of it in cash")
        out[b.id] = original.id, b.kind == "measure" or not (
            one is False or one is None and convertible(original) and convertible(b))
    return out


def _with_restatements(items, restating: dict[int, int]) -> list:
    """``_settle_sides``'s items with each restatement (index -> the figure it restates) in
    the group, and the side, of its figure; the possible conflicts are left as they are."""
    out = []
    for members, sides, confidence, possible in items:
        if not possible:
            extra = [b for b, a in restating.items() if a in members]
            members = sorted(members + extra)
            sides = [sorted(side + [b for b in extra if restating[b] in side]) for side in sides]
        out.append((members, sides, confidence, possible))
    return out


def _conversions_told_apart(facts: list[Fact], sim: Similarity, conversions: list[int]) -> list:
    """Possible conflicts between the conversions of one figure that outlets give in one unit
    or currency ("8 km (five miles)" against "8 km (six miles)"): the figure itself may
    agree within its rounding while the conversions do not."""
    out = []
    by_unit: dict[str, list[int]] = defaultdict(list)
    for i in conversions:
        by_unit[_written_in(facts[i])].append(i)
    for unit in sorted(by_unit):
        sides = _value_sides(facts, by_unit[unit])
        if len(sides) < 2 or len({facts[i].article for i in by_unit[unit]}) < 2:
            continue
        sides.sort(key=lambda side: (-len({facts[i].article for i in side}), min(side)))
        out.append((sorted(by_unit[unit]), [sorted(side) for side in sides[:2]],
                    round(sim.mean(sides[1], sides[0]), 4), True))
    return out


def _one_group_per_interval(groups: list[Group], dates: dict[str, Fact], space: ContextSpace) -> list[Group]:
    """Date groups whose every member gives one and the same anchored interval (or, in
    reports without a date, one and the same bare weekday: ``_day_key``), made one
    group where their events may be one (``_events_meet``): grouping allows one fact per
    article, so an article's repeats of its day ("on Thursday", "Thursday's attack") and
    groups split on wording stay apart otherwise, while a day can hold two events told
    apart by the parse (a quake and a pledge of aid on one Friday). Groups with sides
    (values that differ) and possible conflicts are left as they are. Measured on the ECB+
    fact gold: B-cubed dev 0.69 -> 0.71, seen 0.74 -> 0.75 (without the events' test 0.73 and
    0.76, but the written gold's alignment F1 fell 0.88 -> 0.83: its days hold two events)."""
    merged: dict[tuple, list[int]] = {}
    out: list[Group] = []
    for g in groups:
        spans = {_day_key(dates[i]) for i in g.facts} if g.family == "date" and not g.sides and not g.possible else {None}
        span = spans.pop() if len(spans) == 1 else None
        host = next((k for k in merged.get(span, ()) if _events_meet(out[k], g, dates)), None) if span else None
        if span is None:
            out.append(g)
        elif host is not None:
            facts = sorted((dates[i] for i in out[host].facts + g.facts), key=lambda f: (f.article, f.start))
            out[host] = replace(out[host], facts=tuple(f.id for f in facts), topic=topic_label(facts, space))
        else:
            merged.setdefault(span, []).append(len(out))
            out.append(g)
    return out


def _day_key(d: Fact) -> tuple | None:
    """The day a date names, for ``_one_group_per_interval``: its span when anchored; a bare
    weekday of a story whose reports have no date ("on Friday") names one day of the week
    the story is told in, the same in every report; anything else unanchored, None."""
    span = _span(d)
    if span is not None:
        return span
    expression = d.value.get("expression", "")
    return ("weekday", expression) if expression in WEEKDAYS and d.value.get("granularity") == "day" else None


def _events_meet(a: Group, b: Group, dates: dict[str, Fact]) -> bool:
    """Whether two groups' dates may date one event: their events share a word, or one
    group's events are unknown (the parse gave none)."""
    wa, wb = (frozenset().union(*(_event_words(dates[i]) for i in g.facts)) for g in (a, b))
    return not wa or not wb or bool(wa & wb)


def _shingles(text: str, k: int) -> set[str]:
    words = [w.lower() for w in content_words(text)] or text.lower().split()
    return {" ".join(words[i : i + k]) for i in range(max(1, len(words) - k + 1))}


def find_copies(articles: list[Article]) -> dict[str, tuple[str, ...]]:
    """Map each article id to the ids of the articles it is a near-copy of.

    Only pairs that can reach ``settings.COPY_MIN_JACCARD`` are compared, by prefix filtering
    (Chaudhuri, Ganti & Kaushik, 2006; Bayardo, Ma & Srikant, 2007): with shingles ranked
    rarest first, two sets of Jaccard at least t share at least ceil(t * |A|) shingles, so
    one of the first |A| - ceil(t * |A|) + 1 of each; an inverted index of those prefixes
    gives the candidate pairs, and each is then measured exactly. The same pairs as comparing
    every pair, without the n^2 / 2 comparisons of a story of many outlets."""
    sh = [_shingles(a.text, settings.COPY_SHINGLE) for a in articles]
    least = settings.COPY_MIN_JACCARD
    df = Counter(s for shingles in sh for s in shingles)
    rarity = {s: r for r, s in enumerate(sorted(df, key=lambda s: (df[s], s)))}
    # Each article's shingles as their ranks, rarest first, in one flat array (row j is
    # flat[starts[j]:starts[j + 1]]): a pair's shared shingles are counted in numpy.
    rows = [np.sort(np.fromiter(map(rarity.__getitem__, s), dtype=np.int64, count=len(s))) for s in sh]
    sizes = np.array([len(r) for r in rows], dtype=np.int64)
    starts = np.concatenate(([0], np.cumsum(sizes)))
    flat = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    mark = np.zeros(len(rarity), dtype=np.int64)  # 1 on the shingles of the article in hand
    index: dict[int, list[int]] = defaultdict(list)
    copies: dict[str, list[str]] = defaultdict(list)
    for j, ranked in enumerate(rows):
        shared = max(0, math.ceil(least * len(ranked) - 1e-9))  # a lower bound, to err towards more candidates
        prefix = ranked[: len(ranked) - shared + 1].tolist()
        earlier = [np.asarray(index[s], dtype=np.int64) for s in prefix if s in index]
        for s in prefix:
            index[s].append(j)
        if not earlier:
            continue
        candidates = np.unique(np.concatenate(earlier))  # each earlier article once, in order
        lengths = sizes[candidates]
        offsets = np.concatenate(([0], np.cumsum(lengths[:-1])))
        positions = np.arange(int(lengths.sum()), dtype=np.int64) + np.repeat(starts[candidates] - offsets, lengths)
        mark[ranked] = 1
        common = np.add.reduceat(mark[flat[positions]], offsets)
        mark[ranked] = 0
        for i in candidates[common / (lengths + len(ranked) - common) >= least].tolist():
            copies[articles[i].id].append(articles[j].id)
            copies[articles[j].id].append(articles[i].id)
    return {k: tuple(sorted(v)) for k, v in copies.items()}
