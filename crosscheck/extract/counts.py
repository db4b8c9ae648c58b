"""Extract counts: how many of something (an integer or range) and the noun phrase counted."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from functools import lru_cache

from crosscheck.extract.measures import measures_in_sentence
from crosscheck.extract.money import money_in_sentence
from crosscheck.extract.numbers import (
    MULTIPLICATIVE_WORDS,
    TIME_ZONES,
    WORD_NUMBER,
    WORD_START,
    NP_STOP_WORDS,
    QUALIFIERS,
    SCALE_WORDS,
    VAGUE_WORD,
    Quantity,
    context_window,
    ends_at,
    find_quantities,
    head_noun,
    integer_range,
    load_data,
    load_lists,
    noun_phrase_after,
    qualified_after,
    vague_noun,
)
from crosscheck.extract.sentences import NO_SENTENCE_END, title_case
from crosscheck.models import Article, Mention, Sentence
from crosscheck.settings import WORD_BEFORE_CHARS

#: Determiners that make a following number anaphoric ("the two", "these three").
_DEFINITE_BEFORE = re.compile(
    r"(?:\b(?:the|these|those|its|their|our|both|his|her)|['’]s)\s+$", re.IGNORECASE
)

#: Prepositions before a four-digit number that make it a year ("in 2006", "since 1987").
_YEAR_PREPOSITION_BEFORE = re.compile(
    WORD_START + r"(?:in|since|of|by|until|till|from|before|after|during|through|to|between|and|"
    r"year|years|early|late|mid|spring|summer|autumn|fall|winter|fiscal)\s+$",
    re.IGNORECASE,
)
#: Before a number, the end of a designation ("SM-3", "F-35", "A380", "12/25", "No.5").
_DESIGNATION_END = re.compile(r"(?:[A-Za-z]-?|[-/#.:])$")
#: A word of four letters or more and a hyphen right before a number in words: a dash ("workers-two
#: women"); a shorter one makes a compound with it ("top-ten", "Big-Ten", "two-by-four").
_DASHED_WORD_BEFORE = re.compile(r"[A-Za-z]{4}-$")
#: What may stand around a number that is a list's numbering.
_LIST_MARK = " \t\n.)(:-–"
#: A capitalised word right before a number ("Russia 24", "Article 5", "Some 400").
_CAPITALISED_BEFORE = re.compile(r"([A-Z][\w’'.-]*)\s+$")
#: Plausible years: four digits without a thousands separator in this span.
YEAR_RANGE = (1000, 2199)

#: After a number: times of day, not counts ("at 5 pm", "10:30").
_TIME_AFTER = re.compile(
    rf"^(?::\d|\s*(?:a\.?m\b|p\.?m\b|{TIME_ZONES}|o['’]clock|hrs?\b))",
    re.IGNORECASE,
)
#: Before a number: ages ("aged 45") and numbering ("No. 5", "#3", "number 10").
_NOT_COUNT_BEFORE = re.compile(
    r"(?:\b(?:aged|age|ages|No\.?|Nos\.?|number|nos|page|pages|chapter|article|section|"
    r"paragraph|clause|line|room|gate|platform|route|flight|channel|level|grade|phase|"
    r"round|stage|week|day|act|scene|verse|volume|vol\.?|item|part|rule|resolution)|#)\s*$",
    re.IGNORECASE,
)
#: A decimal point before the digits, after a word no sentence ends on or an opening bracket
#: (``sentences.NO_SENTENCE_END``, which keeps them in one sentence): "a .44 Magnum", "(.535)",
#: also as text converted with a space after every full stop writes them ("a. 44", "(. 535)").
_DECIMAL_BEFORE = re.compile(NO_SENTENCE_END + r"\s?\.\s?$")
#: Capitalised words that may stand right before a count ("Some 400", "All three", "And
#: two"): sentence-initial function words, qualifiers; any other capitalised word before a
#: number makes it part of a name or designation ("Russia 24 TV", "Article 5", "Flight 370").
_CAPITALISED_OK = frozenset(
    {w.capitalize() for w in NP_STOP_WORDS}
    | {q.split()[0].capitalize() for q in QUALIFIERS}
    | {"Another", "Only", "Just", "Exactly", "Nearly", "Almost", "Some", "Over", "About"}
)
#: Month names (capitalised, as English spells them) and their AP-style abbreviations
#: (AP Stylebook, "months"): a day number written next to one is part of a date ("May 14",
#: "14 May", "Dec. 5"), also in a dateline, where the date extractor skips it on purpose,
#: and in capitals, as headlines and publication lines set them ("27 MAY 2019").
_FULL_MONTHS = "January February March April May June July August September October November December".split()
_MONTH_NAMES = (
    rf"(?:{'|'.join(_FULL_MONTHS)}|{'|'.join(m.upper() for m in _FULL_MONTHS)}"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?)"
)
_MONTHS = re.compile(r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.\s*$")
_MONTH_BEFORE = re.compile(rf"\b{_MONTH_NAMES}\s*$")
_MONTH_AFTER = re.compile(rf"^\s+(?:of\s+)?{_MONTH_NAMES}(?![\w'’])")
#: The largest day of a month.
MAX_DAY = 31

#: "one" as a pronoun or in idioms, not a count of one (after: "one of", "one day"; before:
#: "no one", "the one", "any one").
_ONE_IDIOM_AFTER = re.compile(
    r"^\s*(?:of|another|day|time|point|way|hand|thing|more|or|by|and|side|another's|"
    r"such|who|which|that|in|at|on|to|for|is|was|'s|’s)\b|^-on-one",
    re.IGNORECASE,
)
_ONE_IDIOM_BEFORE = re.compile(
    WORD_START + r"(?:no|any|every|each|the|this|that|which|some|someone|anyone|no-one|last|only)\s+$",
    re.IGNORECASE,
)
#: Time-unit nouns: a number before them is a duration or an age (a measure), not a count
#: (the duration units of ``data/units.json``, their names and symbols).
TIME_UNIT_NOUNS = frozenset(
    w for u in load_data("units.json")["units"] if u["dimension"] == "duration" for w in [u["name"], *u["symbols"]]
)
#: Largest number that "the N" with no noun refers back to people or things already named
#: ("the two met", "the three were freed"); a larger one leaves its noun out ("66 seats,
#: five more than the 36 needed"), and takes it from a count before it.
ANAPHORIC_MAX = 12
#: A number "of" a group counts members of it ("two of the victims"), also when the group
#: is given with its owner and size ("52 of the National Assembly's 120 seats": seats).
_OF_GROUP_AFTER = re.compile(
    r"^\s+of\s+(?:(?:the|those|these|them|its|their)\b)?\s*"
    r"(?:(?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*['’]s?\s+)?(?:\d[\d,]*\s+)?"
)
#: Prepositions that put a count inside a prepositional phrase (ranked low as antecedent).
_PREPOSITION_BEFORE = re.compile(
    WORD_START + r"(?:in|on|at|of|for|from|to|with|by|during|over|after|before|into|across)\s+$",
    re.IGNORECASE,
)


#: A number joined to a singular noun before another noun counts that noun's things (AP
#: compound modifiers: "the 120-seat assembly" has 120 seats, "a 12-member panel" 12 members).
_COMPOUND_AFTER = re.compile(r"^-(?P<noun>[a-z]{3,})\s+(?:[A-Za-z])")
#: Compound heads that measure, rank or describe, not count things ("a 3-star hotel", "a
#: 23-strong squad", "a one-off payment", "a six-figure loss", "a 3-nil win"; durations are
#: measures, see TIME_UNIT_NOUNS). A building's storeys are counted ("a 12-storey block" has
#: twelve, as "a 600-seat ferry" has seats), and so are occasions and points ("a four-time
#: champion" won four times, "a 16-point lead" is of sixteen points).
_NOT_COMPOUND_COUNTS = frozenset(load_lists("lexicon.tsv")["not_compound_counts"])


def _plural(noun: str) -> str:
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def _is_year(text: str, q: Quantity, noun: str) -> bool:
    raw = text[q.num_start : q.num_end]
    if q.is_word or not raw.isdigit() or len(raw) != 4:
        return False
    if not YEAR_RANGE[0] <= int(raw) <= YEAR_RANGE[1]:
        return False
    if ends_at(_YEAR_PREPOSITION_BEFORE, text, q.start, WORD_BEFORE_CHARS):
        return True
    # "2,000 troops" carries a separator; "2000 troops" is a count only before a plain noun
    return not (noun and noun[:1].islower() and noun.lower().endswith("s"))


def _is_designation(text: str, q: Quantity, sentence: Sentence | None = None, whole: Quantity | None = None) -> bool:
    """Numbers inside names, designations, times and compounds ("SM-3", "Russia 24 TV")."""
    after = text[q.end :]
    if ends_at(_DESIGNATION_END, text, q.start, WORD_BEFORE_CHARS) and not (
            q.is_word and _DASHED_WORD_BEFORE.search(text, max(0, q.start - 5), q.start)):
        return True  # "SM-3", "F-35", "COVID-19", "A380", "12/25", "No.5"; a number in words
        # after a word and a hyphen names nothing: a dash written as a hyphen ("three workers-two
        # women"; not "a two-by-four")
    if re.match(r"[A-Za-z]|-\s*[A-Za-z\d]|/\d|\.\d|,\d", after):
        return True  # "3rd", "24TV", "45-year-old", "737-800", "12/25"
    if _TIME_AFTER.match(after) or ends_at(_NOT_COUNT_BEFORE, text, q.start, WORD_BEFORE_CHARS) or ends_at(
        _MONTHS, text, q.start, WORD_BEFORE_CHARS
    ):
        return True
    m = ends_at(_CAPITALISED_BEFORE, text, q.start, WORD_BEFORE_CHARS)
    if m and sentence is not None and title_case(sentence.text):
        return False  # a headline's capitals name nothing ("Quake Kills 10"); the parse reads
        # its designations ("Flight 370 Vanishes": ``frames._labelled``)
    possessive = m is not None and m.group(1).endswith(("'s", "’s", "s'", "s’"))  # "the Assembly's 120 seats"
    if m and not possessive and m.group(1) not in _CAPITALISED_OK and m.group(1).rstrip(".") not in _CAPITALISED_OK:
        # "Russia 24", "Article 5", "December 19", "Boeing 737", "Radio Nine"; a number in words,
        # in lower case, before a noun in lower case counts it after a name too ("gave Okafor
        # five chances")
        return not (q.is_word and text[q.num_start : q.num_end].islower()
                    and noun_phrase_after(text, q.end)[0][:1].islower()
                    and sentence is not None and whole is not None and _name_apart(sentence, whole))
    return False


#: Two whole numbers joined by a hyphen or dash, the first not smaller: "65-53", "(25-7)",
#: "a 17-4 run", "a 3-2 vote". A range runs upwards ("10-15 people"), so a pair that does not
#: is a tally of two sides (a score, a record, a vote): two counts, not a range or a
#: designation. Not inside a longer code ("737-800-1", "SM-3-2") or after a letter.
TALLY = re.compile(
    r"(?<![\w.,/:\u2013-])(?P<a>[1-9]\d{0,2}|0)[-\u2013](?P<b>[1-9]\d{0,2}|0)(?![\w/:]|[.,]\d|[-\u2013]\d)"
)


def _tally(text: str, q: Quantity) -> re.Match | None:
    """The tally ("65-53") that ``q`` is one side of, or None."""
    if q.is_word or q.is_range or q.qualifier:
        return None
    if text[q.num_end : q.num_end + 1] not in ("-", "\u2013") and text[q.num_start - 1 : q.num_start] not in ("-", "\u2013"):
        return None  # no dash beside it: no pair
    # a pair is at most 7 characters and its lookahead 2 more: a bounded window (linear work)
    for m in TALLY.finditer(text, max(0, q.start - 4), min(len(text), q.end + 8)):
        if (m.start("a"), m.end("a")) == (q.num_start, q.num_end) or (m.start("b"), m.end("b")) == (q.num_start, q.num_end):
            a, b = m.group("a"), m.group("b")
            if int(a) < int(b) or (len(a) == 3 and len(b) == 1):
                return None  # a range runs upwards; "747-8" is a model, not a score
            return m
    return None


def _is_day_of_month(text: str, q: Quantity) -> bool:
    """A day number next to a month name ("May 14", "14 May", "the 3rd of June")."""
    raw = text[q.num_start : q.num_end]
    if q.is_word or q.is_range or q.qualifier or not raw.isdigit():
        return False
    if not 1 <= int(raw) <= MAX_DAY:
        return False
    return bool(ends_at(_MONTH_BEFORE, text, q.start, WORD_BEFORE_CHARS) or _MONTH_AFTER.match(text[q.end :]))


def _is_one_idiom(sentence: Sentence, text: str, q: Quantity, whole: Quantity) -> bool:
    """Whether a "one" is no count of one: without a noun, unless the parse reads it as what
    a predicate is said of (``_one_said_of``); with one, in the idioms of the lists above."""
    if not (q.is_word and q.value == 1 and not q.is_range):
        return False
    if _ONE_OF_MANY.match(text[q.end :]):
        return True  # a proportion or a distributive (Quirk et al. 1985, 6.63): "one in ten", "one at a time"
    if not noun_phrase_after(text, q.end)[0]:
        return not _one_said_of(sentence, whole)
    return bool(_ONE_IDIOM_AFTER.match(text[q.end :]) or ends_at(_ONE_IDIOM_BEFORE, text, q.start, WORD_BEFORE_CHARS))


#: After "one": a proportion ("one in ten", "one in every five") or a distributive ("one at a
#: time", "one by one", "one after another"), no count of one.
_ONE_OF_MANY = re.compile(
    rf"^\s*(?:in\s+(?:every\s+)?(?:\d|(?:{WORD_NUMBER})\b)|at\s+a\s+time\b|by\s+one\b|after\s+(?:another|the\s+other)\b)",
    re.IGNORECASE,
)
#: Dependency labels of a numeral that stands for what it counts in its clause.
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "conj", "attr"})


def _one_said_of(sentence: Sentence, q: Quantity) -> bool:
    """Whether a bare "one" (no noun after it) counts what its clause says was done to it:
    a numeral argument of a verb or adjective with a predicate class ("killing one", "one
    injured", "one died"; ``data/predicates.tsv``), with no determiner, "of" or relative
    clause of its own ("the one she chose", "one another", "one of the riders": a pronoun)."""
    from crosscheck.extract.frames import predicate_class

    span = _number_tokens(sentence, q)
    if span is None or len(span) != 1:
        return False
    one = span[0]
    if one.pos_ != "NUM" or one.dep_ not in _ARGUMENT_DEPS:
        return False
    if any(c.dep_ in ("det", "relcl", "prep", "acl") for c in one.children):
        return False
    head = one.head
    while head.dep_ == "conj" and head.head.i != head.i and head.pos_ == one.pos_:
        head = head.head  # "one man was killed and one injured": the conjunct's own verb
    return bool(predicate_class(head))


def _number_tokens(sentence: Sentence, q: Quantity):
    """The tokens of ``q``'s number in the parse of its sentence (None beyond the parse)."""
    from crosscheck.parse import parse, tokens_in

    return tokens_in(parse(sentence.text), q.num_start, q.num_end)


def _counted_noun(sentence: Sentence, whole: Quantity) -> str:
    """The words from the number to the noun the parse makes it a numeral of, when only
    modifiers stand between ("four injured miners": "injured miners", "three newly built homes");
    "" when the parse gives no such noun."""
    span = _number_tokens(sentence, whole)
    if span is None:
        return ""
    number, noun = span[-1], span[-1].head
    if number.dep_ != "nummod" or noun.pos_ != "NOUN" or noun.i <= number.i:
        return ""
    between = span.doc[number.i + 1 : noun.i]
    if len(between) > 3 or any(t.head.i != noun.i and t.head.head.i != noun.i for t in between):
        return ""  # only the noun's own modifiers (and theirs) between the number and the noun
    return span.doc[number.i + 1 : noun.i + 1].text


def _fused_state(sentence: Sentence, whole: Quantity) -> str:
    """The participle or adjective that heads "the N" as a state said of those counted, right
    after the number ("9 of the 57 wounded", "the three injured"): a reduced relative the
    parse hangs from the number, whose word has a predicate class (``data/predicates.tsv``);
    "" otherwise ("the two met": a verb of its own clause)."""
    from crosscheck.extract.frames import predicate_class

    span = _number_tokens(sentence, whole)
    if span is None:
        return ""
    number = span[-1]
    after = number.nbor(1) if number.i + 1 < len(number.doc) else None
    if after is None or after.head.i != number.i or after.dep_ not in ("acl", "amod") \
            or after.tag_ not in ("VBN", "JJ") or not predicate_class(after):
        return ""
    return after.text


def _summation(head: str, item: str) -> bool:
    """Whether a noun is a summation plural ("scissors", "jeans": ``frame_words.tsv``)."""
    from crosscheck.extract.frames import _words

    words = _words("summation")
    return head in words or item.split()[-1].lower() in words


def _name_apart(sentence: Sentence, whole: Quantity) -> bool:
    """Whether the name before a number in words is no part of the number's noun phrase: the
    parse makes the number a numeral of a noun that the name does not modify ("took Harstad
    four seasons"), unlike a designation ("Year nine pupils", "Formula one drivers", "a
    Category five storm"), and the noun is no score word ("three nil")."""
    span = _number_tokens(sentence, whole)
    if span is None or span.start == 0:
        return False
    number, name = span[-1], span.doc[span.start - 1]
    noun = number.head
    return (number.dep_ == "nummod" and noun.i > number.i and noun.pos_ == "NOUN"
            and noun.lower_ not in ("nil", "love", "all") and name.head.i not in (noun.i, number.i))


def _in_pp(text: str, start: int) -> bool:
    return bool(ends_at(_PREPOSITION_BEFORE, text, start, WORD_BEFORE_CHARS))


def _antecedent(candidates: list[tuple[Mention, bool]]) -> Mention | None:
    """The count an elliptical count takes its noun from: among earlier counts of the same
    and the previous sentence, one outside a prepositional phrase first (subjects and
    objects rank above oblique phrases as antecedents: Grosz, Joshi & Weinstein 1995,
    centering theory), then the nearest."""
    usable = [(m, pp) for m, pp in candidates if m.value.get("item")]
    if not usable:
        return None
    return min(usable, key=lambda c: (c[1], -c[0].start))[0]


class _Antecedents:
    """The counts of a sentence so far, for ``_antecedent`` in logarithmic time: a sentence
    of thousands of counts must not make each one scan all the others."""

    def __init__(self) -> None:
        # per "in a prepositional phrase" flag: starts and mentions of the usable counts
        self._starts: dict[bool, list[int]] = {False: [], True: []}
        self._mentions: dict[bool, list[Mention]] = {False: [], True: []}

    def add(self, mention: Mention, pp: bool) -> None:
        if mention.value.get("item"):
            i = bisect_right(self._starts[pp], mention.start)
            self._starts[pp].insert(i, mention.start)
            self._mentions[pp].insert(i, mention)

    def best_before(self, pp: bool, start: int) -> Mention | None:
        """The nearest usable count with flag ``pp`` starting before ``start`` (the first
        of several at one offset, as ``min`` takes it)."""
        starts = self._starts[pp]
        i = bisect_left(starts, start)
        if not i:
            return None
        return self._mentions[pp][bisect_left(starts, starts[i - 1])]


def _taken_by(spans: list[tuple[int, int]], starts: list[int], ends_max: list[int], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps one of ``spans`` (sorted by start; ``ends_max[i]``
    is the largest end among the first i + 1), by binary search."""
    i = bisect_left(starts, end)  # spans starting before ``end``
    return bool(i) and ends_max[i - 1] > start


def counts_in_sentence(sentence: Sentence, earlier: list[tuple[Mention, bool]]) -> list[tuple[Mention, bool]]:
    """Count mentions of one sentence (each with whether it sits in a prepositional
    phrase), given the counts of the sentence before, for elliptical counts.

    Each count's rules read the text around it (``numbers.context_window``), so the work
    per count is bounded and a sentence of thousands of numbers takes linear time."""
    taken = sorted(
        (m.start - sentence.start, m.end - sentence.start)
        for m in money_in_sentence(sentence) + measures_in_sentence(sentence)
    )
    taken_starts = [a for a, _ in taken]
    taken_ends: list[int] = []
    for _, b in taken:
        taken_ends.append(max(b, taken_ends[-1]) if taken_ends else b)
    earlier_best = {pp: _antecedent([c for c in earlier if c[1] == pp]) for pp in (False, True)}
    so_far = _Antecedents()
    out: list[tuple[Mention, bool]] = []
    found = find_quantities(sentence.text)
    for whole in sorted(found + _vague_nouns(sentence, found), key=lambda q: (q.start, q.end)):
        if whole.prefix or _taken_by(taken, taken_starts, taken_ends, whole.start, whole.end):
            continue  # money, measure, percentage, duration
        if not whole.is_word and not sentence.text[: whole.start].strip(_LIST_MARK) \
                and not sentence.text[whole.end :].strip(_LIST_MARK):
            continue  # a number alone on its line or as its sentence ("5.", "(2)"): a list's numbering
        if not whole.is_vague and whole.value != int(whole.value):
            continue  # counts are whole numbers ("1.5 million" is, "7.1" is not)
        found = _count_in_window(sentence, whole, so_far, earlier_best)
        if found is not None:
            out.append(found)
            so_far.add(*found)
    return out


def _increment_after(text: str, end: int) -> bool:
    """Whether an increment word follows a number ("hundreds more", "two further"):
    ``data/frame_words.tsv`` "increment"."""
    word = re.match(r"\s+(\w+)", text[end:])
    return word is not None and word.group(1).lower() in _increments()


@lru_cache(maxsize=1)
def _increments() -> frozenset[str]:
    return frozenset(load_lists("frame_words.tsv").get("increment", ()))


#: Dependencies of a noun phrase that is an argument or adjunct of its own (a subject, an
#: object, a preposition's object, a conjunct or apposition of one).
_NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "dative", "attr", "conj", "appos"})


def _vague_nouns(sentence: Sentence, found: list[Quantity]) -> list[Quantity]:
    """Vague plurals used as noun phrases of their own ("Dozens chanted slogans", "the blast
    injured dozens", "by tens of thousands who rallied"): where the parse makes the phrase's
    head (its last word), the plural of a number word (dozens, hundreds, thousands, millions,
    ...: not "scores", as often a game's), a subject, an object or a preposition's object
    with no determiner, possessive or numeral of its own ("the thousands", "four scores"). A vague plural before
    "of" is read without the parse (``numbers.find_quantities``)."""
    spans = [m for m in VAGUE_WORD.finditer(sentence.text)
             if not any(q.start < m.end() and m.start() < q.end for q in found)]
    if not spans:
        return []
    from crosscheck.parse import parse  # spaCy only for sentences that hold one

    doc = parse(sentence.text)
    out = []
    for m in spans:
        last = m.start() + m.group().rfind(" ") + 1  # "tens of thousands": "thousands" heads it
        head = next((t for t in doc if t.idx == last), None)
        if head is None or head.dep_ not in _NOMINAL_DEPS or head.pos_ not in ("NOUN", "NUM", "PROPN"):
            continue
        if head.lower_.rstrip("s") not in SCALE_WORDS and head.lower_ != "dozens":
            continue  # the plural of a number word only: "scores" is as often a game's
        if any(c.dep_ in ("det", "poss", "nummod") for c in head.children):
            continue
        out.append(vague_noun(sentence.text, m.start(), m.end()))
    return out


def _count_in_window(
    sentence: Sentence, whole: Quantity, so_far: _Antecedents, earlier_best: dict[bool, Mention | None]
) -> tuple[Mention, bool] | None:
    """The count mention of ``whole`` (offsets into the sentence), or None when it is no
    count, by the rules on the text around it."""
    text, q, _ = context_window(sentence.text, whole)
    if ends_at(_DECIMAL_BEFORE, text, q.start, WORD_BEFORE_CHARS):
        return None  # "a .44 Magnum", "(.535)" written "a. 44", "(. 535)": a decimal fraction
    compound = _COMPOUND_AFTER.match(text[q.end :]) if not q.is_vague else None
    if compound and compound.group("noun").lower() not in TIME_UNIT_NOUNS | _NOT_COMPOUND_COUNTS:
        noun = compound.group("noun").lower()
        noun = "time" if noun == "times" else noun  # "a five-times champion"
        if noun == "time" and q.value == 1:
            return None  # "a one-time payment", "the one-time leader": once, or former
        return _count(sentence, whole, _plural(noun), noun, "text", _in_pp(text, q.start))
    tally = _tally(text, q)
    if tally is not None:
        item, _, _ = noun_phrase_after(text, tally.end())  # "a 17-4 run": both sides of the run
        head = head_noun(item) if item else ""
        if head in TIME_UNIT_NOUNS or (item and head_noun(item.split()[0]) in TIME_UNIT_NOUNS):
            item, head = "", ""  # "won 65-53 Sunday night": a time, not what was counted
        mention, in_pp = _count(sentence, whole, item, head, "text", _in_pp(text, q.start))
        mention.value["tally"] = True  # one side of a score: never a name's number ("Drake 65-53")
        return mention, in_pp
    if not q.is_vague and (
        _is_designation(text, q, sentence, whole) or _is_day_of_month(text, q) or _is_one_idiom(sentence, text, q, whole)
    ):
        return None
    noun_pos = q.end
    pair = text[q.start : q.end].lower().endswith("pair")
    of = re.match(r"\s+of\s+(?:the\s+)?", text[q.end :]) if q.is_vague or pair else None
    if of:
        noun_pos = q.end + of.end()
    if q.is_vague and q.scale is None and not of:
        item, item_end = "", q.end  # a vague plural used as a noun ("Dozens chanted slogans") counts no word after it
    else:
        item, _, item_end = noun_phrase_after(text, noun_pos)
    if _is_year(text, q, item):
        return None
    if pair and (not item or _summation(head_noun(item), item)):
        return None  # "pair" counts what follows its "of", not a summation plural (scissors: one pair)
    head = head_noun(item) if item else ""
    if item and (head in TIME_UNIT_NOUNS or head_noun(re.split(r"[\s-]", item)[0]) in TIME_UNIT_NOUNS):
        return None  # "30 years" is a duration, "45 years old" and "16 year-old" an age
    item_from = "text"
    definite = ends_at(_DEFINITE_BEFORE, text, q.start, WORD_BEFORE_CHARS) is not None
    if not item and definite and (q.value <= ANAPHORIC_MAX or q.is_word):
        # "the four injured miners": the words stop at "injured", the parse finds the noun counted;
        # without one, "the two met on Monday" is anaphoric, not a count ("the 36 needed" is one)
        item = _counted_noun(sentence, whole)
        head, item_from = head_noun(item), "parse"
    if not item and definite:
        # "9 of the 57 wounded", "the three injured": a state said of those counted heads the
        # phrase; what they are is left unknown (the frame reads the state)
        state = _fused_state(sentence, whole)
        if state:
            item, head, item_from = state, "", "parse"
        elif q.value <= ANAPHORIC_MAX or q.is_word:
            return None  # no noun
    if not item:
        m = _OF_GROUP_AFTER.match(text[q.end :])
        if m:
            item, _, _ = noun_phrase_after(text, q.end + m.end())
            head = head_noun(item) if item else ""
    if not item and not (q.is_vague and q.scale is None and not _increment_after(text, q.end)):
        # (a vague plural used as a noun is a noun phrase of its own, no ellipsis: "Hundreds
        # were killed" counts people, whatever was counted before; "Hundreds more" leaves out
        # the noun of an earlier count)
        # "the 36 needed" leaves out the noun of a count in its own sentence; "the 200
        # evacuated" after an earlier sentence's "dogs" is no count of dogs. The same
        # choice as ``_antecedent`` over the earlier counts: outside a prepositional
        # phrase first, then the nearest (this sentence's before the previous one's).
        here = sentence.start + whole.start
        ante = None
        for pp in (False, True):
            ante = so_far.best_before(pp, here) or (None if definite else earlier_best[pp])
            if ante is not None:
                break
        if ante is not None:
            item, head, item_from = ante.value["item"], ante.value["head"], "antecedent"
        elif definite:
            return None  # "the 40 were freed", with nothing counted before: anaphoric
    post = qualified_after(q, text, item_end) if item and item_from == "text" and not q.is_vague else None
    if post is not None:  # "20 people or more": the qualifier after the noun counted
        low, high, qualifier, _ = post
        whole = replace(whole, low=low, high=high, qualifier=qualifier)
    return _count(sentence, whole, item, head, item_from, _in_pp(text, q.start))


def _count(
    sentence: Sentence, q: Quantity, item: str, head: str, item_from: str, in_pp: bool
) -> tuple[Mention, bool]:
    """A count mention of ``q`` (offsets into the sentence; the mention's into the
    article), and whether it sits in a prepositional phrase."""
    low, high = integer_range(q.low, q.high)
    if not any(ch.isalpha() for ch in item):
        item, head = "", ""  # a mark is nothing counted (a broken "€" read as "?" before a number)
    value = {"low": low, "high": high, "item": item, "head": head, "item_from": item_from, "qualifier": q.qualifier}
    mention = Mention("count", sentence.start + q.start, sentence.start + q.end, value)
    return mention, in_pp


#: A multiplicative word, to find the sentences worth parsing for one.
_MULTIPLICATIVE = re.compile(r"\b(?:" + "|".join(MULTIPLICATIVE_WORDS) + r")\b", re.IGNORECASE)


def _multiplicatives(sentence: Sentence) -> list[Mention]:
    """Counts of times a multiplicative gives ("shot him twice", "was twice <verb>ed"): only
    where the parse has it modify a verb; before "as", "what", a determiner or a pronoun it is
    a ratio ("twice as many", "twice the size", "twice what it was"), no count, and after a
    qualifier ("more than twice") no exact one, so none is given."""
    if not _MULTIPLICATIVE.search(sentence.text):
        return []
    from crosscheck.parse import parse  # spaCy only for sentences that hold one

    out = []
    for t in parse(sentence.text):
        n = MULTIPLICATIVE_WORDS.get(t.lower_)
        if not n or t.dep_ != "advmod" or t.head.pos_ not in ("VERB", "AUX"):
            continue
        after = t.nbor(1) if t.i + 1 < len(t.doc) else None
        before = " ".join(w.lower_ for w in t.doc[max(0, t.i - 3):t.i])
        if not (after is not None and (after.lower_ in ("as", "what") or after.pos_ in ("DET", "PRON"))) \
                and not any(before.endswith(q) for q in QUALIFIERS):
            value = {"low": n, "high": n, "item": "times", "head": "time", "item_from": "multiplicative",
                     "qualifier": None}
            out.append(Mention("count", sentence.start + t.idx, sentence.start + t.idx + len(t), value))
    return out


def extract_counts(article: Article, sentences: list[Sentence]) -> list[Mention]:
    """Counts of ``article`` (kind "count"), in text order.

    A count is a whole number (digits, words, a qualified or vague quantity) that is not
    money, a measure, a year, a date, a time, an age, an ordinal or part of a name, with
    the noun phrase it counts (``item``, at most six words) and its head noun (``head``,
    lower-case singular). An elliptical count ("At least two have flown") takes its noun
    from an earlier count of the same or previous sentence (``item_from`` "antecedent"). A
    multiplicative that modifies a verb counts times (``item_from`` "multiplicative").
    """
    out: list[Mention] = []
    previous: list[tuple[Mention, bool]] = []
    for sentence in sentences:
        found = counts_in_sentence(sentence, previous)
        out.extend(m for m, _ in found)
        out.extend(_multiplicatives(sentence))
        previous = found
    return sorted(out, key=lambda m: (m.start, m.end))
