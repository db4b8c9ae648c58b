"""Extract measures: a number with a unit, converted to one canonical unit per dimension."""

from __future__ import annotations

import re
from functools import lru_cache

from crosscheck.extract.numbers import (
    RATE_OF_LABELS,
    WORD_START,
    CANONICAL_UNITS,
    QUALIFIER_KINDS,
    Quantity,
    Term,
    clause_subject,
    context_window,
    ends_at,
    find_quantities,
    head_noun,
    load_data,
    load_lists,
    noun_phrase_after,
    noun_phrase_before,
    parse_number,
    prefix_and_qualifier,
    qualified_after,
    qualify,
    term_after,
    tidy,
    word_number_value,
)
from crosscheck.extract.dates import MONTHS, WEEKDAYS
from crosscheck.models import Article, Mention, Sentence
from crosscheck.settings import MAX_SENTENCE_CHARS, WORD_BEFORE_CHARS

#: Units, their spellings, dimensions and factors to the canonical unit of each dimension
#: (``CANONICAL_UNITS``) are data: ``crosscheck/data/units.json`` (NIST SP 811, SI Brochure).

#: Days in a year: the mean Julian year (IAU), as units.json has it; ages are in years.
DAYS_PER_YEAR = 365.25
_AGE_UNIT = Term("unit", "year", "duration", DAYS_PER_YEAR)

#: After a duration: the number dates an event or gives an age, it does not measure a span
#: ("<n> years ago", "<n> days later", "a 45-year-old", "<n> years old"); "<n> days before" or
#: "after" with nothing after it is counted from the date before it. Counted from an event
#: named after it ("three weeks before the release"), it measures the time between the two,
#: which no report's day dates. The time since an event ("a week since the shooting") is
#: counted to the report's own day, as "ago" is: outlets a day apart write 7 and 8 days of
#: one span, which is no discrepancy.
DURATION_NOT_SPAN = re.compile(
    r"^\s*(?:ago|later|earlier|since|old|of age|from (?:now|today|tomorrow|yesterday)|-old|-long-old)\b"
    r"|^\s*(?:before|after|prior)\b(?!\s*[A-Za-z0-9'’])"
    r"|^-old\b",
    re.IGNORECASE,
)

#: ... of which these never measure a gap, whatever the unit ("ten minutes ago", "a 45-year-old").
AGO_OR_AGE = re.compile(r"^\s*(?:ago|old|of age|from (?:now|today|tomorrow|yesterday)|-old|-long-old)\b|^-old\b",
                        re.IGNORECASE)

#: Earthquake magnitude: "magnitude 7.1", "magnitude-7.1", "a magnitude of 7.1" before;
#: "7.1-magnitude", "7.1 magnitude", "7.1 in magnitude", "7.1 on the Richter scale" after (USGS
#: usage), also with "degrees" before the scale ("3.8 degrees on the Richter scale", as agencies'
#: English often has it: the scale names the dimension, whatever the word before it).
_MAGNITUDE_BEFORE = re.compile(
    r"(?:(?P<scale>Richter|moment)\s+)?magnitude(?:\s*-\s*|\s+)(?:of\s+)?$", re.IGNORECASE
)
_MAGNITUDE_AFTER = re.compile(
    r"^(?:\s*-\s*|\s+(?:in\s+)?)magnitude\b"
    r"|^(?:\s+degrees?)?\s+on\s+the\s+(?P<scale>Richter|moment magnitude|Mercalli)(?:\s+magnitude)?\s+scale\b",
    re.IGNORECASE,
)
#: Largest magnitude read as one: no recorded earthquake has exceeded 9.5 (USGS), and a
#: larger number next to the word is something else ("the 2011 magnitude 9.0 quake").
MAX_MAGNITUDE = 10.0
_QUAKE_MEASURING_BEFORE = re.compile(r"\bmeasuring\s+$", re.IGNORECASE)
#: The nouns of shocks and the magnitude scales, with their sources: ``data/magnitudes.json``.
_SHOCKS = load_data("magnitudes.json")
#: Names of one main shock, as a magnitude's head ("tremor", "quake", "earthquake"): outlets
#: vary the word, the thing measured is one (an aftershock is another).
_MAIN_SHOCK = frozenset(_SHOCKS["main_shock"])
#: Nouns naming a shock, as a parse lemmatises them.
_SHOCK_NOUNS = _MAIN_SHOCK | frozenset(_SHOCKS["other_shocks"])
_SHOCK_WORDS = "|".join(f"{re.escape(w)}s?" for w in sorted(_SHOCK_NOUNS))
#: Words that make a sentence about an earthquake (for "a tremor measuring 5.2").
_QUAKE_WORDS = re.compile(WORD_START + rf"(?:{_SHOCK_WORDS})\b", re.I)
#: Sentences where a number may be a magnitude by its parse alone (``_magnitude_by_grammar``).
_MAGNITUDE_SENTENCE = re.compile(WORD_START + rf"(?:magnitudes?|{_SHOCK_WORDS})\b", re.I)
_SCALE_NAMES: dict[str, str] = _SHOCKS["scales"]

#: Dimension adjectives after a measure name what is measured ("12 km deep" -> depth).
DIMENSION_ADJECTIVES = {
    "deep": "depth", "long": "length", "high": "height", "tall": "height", "wide": "width",
    "thick": "thickness", "away": "distance", "across": "width", "below": "depth",
    "underground": "depth", "beneath": "depth",
}  # fmt: skip
_DIMENSION_ADJ = re.compile(rf"^\s*(?P<adj>{'|'.join(DIMENSION_ADJECTIVES)})\b", re.IGNORECASE)
_ATTRIBUTIVE_BEFORE = re.compile(
    r"(?:\b(?:a|an|the|its|their|his|her|our|this|that|another|each)|['’]s)\s+$", re.IGNORECASE
)
#: Verbs of change or state whose subject is what a percentage or measure describes.
_MEASURE_VERB = re.compile(
    WORD_START + r"(?:rose|rises|rise|risen|fell|falls|fall|fallen|grew|grows|grow|increased|increases|"
    r"decreased|decreases|dropped|drops|declined|declines|jumped|jumps|climbed|climbs|"
    r"slipped|slips|surged|surges|plunged|plunges|was|were|is|are|stood|stands|reached|"
    r"reaches|hit|hits|measured|measures|covers|covered|stretches|stretched|weighs|weighed|"
    r"lasted|lasts)\b",
    re.IGNORECASE,
)
_OF_BEFORE = re.compile(r"\s+(?:of|at)\s+$", re.IGNORECASE)

#: An age: set off by commas after a name (AP style, "ages": "Tomas Vik, 61, said")
#: or after "aged" ("a man aged 61"). Its value is a duration in years of the person named.
_AGE_APPOSITION_BEFORE = re.compile(
    r"(?P<full>(?:\b[A-Z][\w'’.-]*\s+)*(?P<name>\b[A-Z][\w'’.-]*)),\s*$"
)
_AGE_APPOSITION_AFTER = re.compile(r"^\s*(?:,|;|\)|\s[–—-]\s)")
_AGED_BEFORE = re.compile(r"\baged\s+$", re.IGNORECASE)
#: Capitalised words before ", 61," that are no name: calendar words and function words
#: opening a sentence ("On Monday, 61 ...", "In March, 61, ...").
_NOT_A_NAME = frozenset(
    """
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April
    May June July August September October November December Jan Feb Mar Apr Jun Jul Aug
    Sep Sept Oct Nov Dec Today Yesterday Tomorrow Meanwhile However Overall Also Then
    """.split()
)
#: Capitalised function words that may open a sentence before a name.
_OPENING_WORDS = frozenset("The A An On In At By For From With And But Of To As".split())
#: Oldest verified human age, 122 (Guinness World Records): larger numbers are no ages.
MAX_AGE = 122
#: Nouns that only restate the dimension ("a distance of", "a total of").
GENERIC_MEASURE_NOUNS = frozenset(load_lists("lexicon.tsv")["generic_measure_nouns"])


def _to_canonical(x: float | None, unit: Term) -> float | None:
    return None if x is None else tidy((x + unit.offset) * unit.factor)


#: The points of the compass, as a direction from a place is written ("north", "north-east",
#: "southwest", "north-northeast"): the four cardinal points, the four between them and the
#: eight between those (a cardinal point, a hyphen, an intercardinal one).
_CARDINAL = "(?:north|south|east|west)"
_INTERCARDINAL = "(?:north|south)-?(?:east|west)"
_COMPASS = rf"(?:{_CARDINAL}-{_INTERCARDINAL}|{_INTERCARDINAL}|{_CARDINAL})"
#: A length from a named place: "9 miles north-northeast of Millbrook", "five miles from
#: Elm Falls", "30 miles away from Port Henry", "four nautical miles off Gull Point", "9 miles out
#: of Hallam", "20 km outside Lyon" (a direction and "of", or a preposition of distance: "12
#: miles of Highway 1" is a length of the road, not a distance from it). The place is a name,
#: its words capitalised, or the name a noun of place gives after "of" ("from the coast of
#: Brisa", "off the port of Hallam": the appositive "of", CGEL ch. 5, § 14.3).
_FROM_PLACE = re.compile(
    r"\)?(?:\s*\([^()]{1,40}\))?"  # past a conversion in brackets: "20 km (12 miles) south of"
    rf"\s+(?:(?i:{_COMPASS})\s+(?:of|from|off)|(?:(?i:away)\s+)?(?:from|off)|out\s+of|outside)\s+(?:[Tt]he\s+)?"
    r"(?:[a-z]+\s+of\s+(?:the\s+)?(?=[^\W\d_a-z]))?"
    r"(?P<place>[^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){0,3})")
#: Capitalised words that end a place's name: the article, and the names of days and months,
#: which date the sentence ("6 miles south of Napa Sunday").
_NOT_PLACE_WORDS = frozenset({"the", "a", "an", *WEEKDAYS, *MONTHS})


def from_place(sentence: str, unit_end: int) -> str:
    """The named place a length after ``unit_end`` is measured from ("9 miles north-northeast
    of Millbrook" -> "Millbrook"), or "": two distances from two places are two facts."""
    m = _FROM_PLACE.match(sentence, unit_end)
    if not m:
        return ""
    words = []
    for w in m.group("place").split():
        if not w[0].isupper() or w.lower().strip(".,") in _NOT_PLACE_WORDS:
            break  # a name is capitalised, in any script ("Ürümqi")
        words.append(w)
    return " ".join(words).rstrip(".,")


def _item(sentence: str, q_start: int, unit_end: int, dimension: str) -> tuple[str, str]:
    """(item, head) of what is measured, by the rules in order; ("", "") if unclear."""
    after = sentence[unit_end:]
    m = _DIMENSION_ADJ.match(after)
    if m and dimension in ("length", "area"):
        noun = DIMENSION_ADJECTIVES[m.group("adj").lower()]
        return noun, noun
    m = re.match(r"\s+of\s+(?:the\s+)?", after)
    if m and dimension not in ("duration",):
        phrase, _, end = noun_phrase_after(sentence, unit_end + m.end())
        if phrase:
            return phrase, head_noun(phrase)
    if ends_at(_ATTRIBUTIVE_BEFORE, sentence, q_start, WORD_BEFORE_CHARS) and re.match(r"[\s-]", after[:1] or "x"):
        phrase, _, end = noun_phrase_after(sentence, unit_end + (1 if after[:1] == "-" else 0))
        if phrase:
            return phrase, head_noun(phrase)
    m = ends_at(_OF_BEFORE, sentence, q_start, WORD_BEFORE_CHARS)
    if m:
        phrase, _, _ = noun_phrase_before(sentence, m.start())
        if phrase and head_noun(phrase) not in GENERIC_MEASURE_NOUNS:
            return phrase, head_noun(phrase)
    if dimension != "duration":
        verbs = list(_MEASURE_VERB.finditer(sentence[:q_start]))
        if verbs:
            subject = clause_subject(sentence, verbs[-1].start())
            if subject:
                return subject, head_noun(subject)
    return "", ""


def _magnitude(sentence: str, q: Quantity) -> tuple[int, int, str | None] | None:
    """(start, end, scale name) of an earthquake magnitude around ``q``, or None."""
    before = ends_at(_MAGNITUDE_BEFORE, sentence, q.num_start)
    after = _MAGNITUDE_AFTER.match(sentence[q.end :])
    if before:
        scale = before.group("scale")
        start = min(q.start, before.start())
        end = q.end
        if after:
            scale = scale or after.group("scale")
            end = q.end + after.end()
        return start, end, _SCALE_NAMES.get((scale or "").lower())
    if after:
        return q.start, q.end + after.end(), _SCALE_NAMES.get((after.group("scale") or "").lower())
    if ends_at(_QUAKE_MEASURING_BEFORE, sentence, q.start, WORD_BEFORE_CHARS) and _QUAKE_WORDS.search(sentence):
        return q.start, q.end, None
    return None


#: Relations by which a number modifies the noun above it ("a <x.y> quake", "magnitude <x.y>").
_MODIFIER_DEPS = frozenset({"nummod", "compound", "amod", "npadvmod", "quantmod", "appos", "nmod"})


def _magnitude_by_grammar(sentence: str, start: int, end: int, fractional: bool, plural: bool = False,
                          phrase_end: int | None = None) -> str | None:
    """The shock a number measures when the number at ``start:end`` of ``sentence`` is a
    magnitude by its parse ("" when no shock is named; None when it is no magnitude),
    where no word beside it says so: it modifies the noun "magnitude" or, being fractional or
    a number other than one before a singular noun, a noun naming a shock (a fractional count
    of quakes is no count, nor is a plural number of a singular noun: "a <x.y> aftershock",
    "a <x.y>-strength quake", "a <n> quake"; Quirk et al. 1985, 5.10: the number right before
    the noun, where ``phrase_end`` ends the number's phrase, not "the 3 a.m. quake"); it is
    the object of a preposition hung on "magnitude" or on a verb whose object or whose noun
    is "magnitude" ("put the magnitude at <x.y>",
    "magnitudes ranging from <x.y> to <x.y>"); or it is a conjunct of such a number
    ("magnitude <x.y> and <x.y>"). A quantity of a shock noun names it: its lemma is returned."""
    from crosscheck.parse import parse, tokens_in

    span = tokens_in(parse(sentence), start, end)
    if span is None:
        return None
    tok = span.root
    while tok.dep_ == "conj" and tok.head is not tok:
        if tok.head.pos_ != "NUM":  # "a <x.y> aftershock and a <x.y>": the noun is left out
            lemma = tok.head.lemma_.lower()
            return lemma if fractional and lemma in _SHOCK_NOUNS else None
        tok = tok.head
    for _ in range(3):  # the number, a compound noun ("<x.y>-strength"), the noun named
        head = tok.head
        if head is tok:
            return None
        lemma = head.lemma_.lower()
        if tok.dep_ == "pobj":  # through the preposition to what it hangs on
            holder = head.head
            while holder.dep_ == "prep" and holder.head is not holder:  # "from <x.y> to <x.y>"
                holder = holder.head
            if holder.lemma_.lower() == "magnitude":
                return ""
            if holder.pos_ in ("VERB", "AUX"):
                named = [c for c in holder.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")]
                if holder.dep_ == "acl":
                    named.append(holder.head)
                return "" if any(c.lemma_.lower() == "magnitude" for c in named) else None
            return None
        if tok.dep_ not in _MODIFIER_DEPS:
            return None
        if lemma == "magnitude":
            return head.head.lemma_.lower() if head.head.lemma_.lower() in _SHOCK_NOUNS else ""
        next_to = phrase_end is None or not sentence[phrase_end:head.idx].strip()
        if (fractional or plural and head.tag_ in ("NN", "NNP") and next_to) and lemma in _SHOCK_NOUNS:
            return lemma
        tok = head
    return None


def _unit_value(low: float | None, high: float | None, unit: Term, item: str, head: str,
                qualifier: str | None) -> dict:
    """The value of a measure of ``low``..``high`` ``unit``, in the canonical unit of its dimension."""
    return {
        "low": _to_canonical(low, unit), "high": _to_canonical(high, unit),
        "unit": CANONICAL_UNITS[unit.dimension], "dimension": unit.dimension, "original_unit": unit.key,
        "item": item, "head": head, "qualifier": qualifier,
    }  # fmt: skip


def age_value(low: float | None, high: float | None, item: str, qualifier: str | None) -> dict:
    """The value of a measure of a person's age in years (``low``/``high``), ``item`` whose."""
    return {
        "low": _to_canonical(low, _AGE_UNIT), "high": _to_canonical(high, _AGE_UNIT),
        "unit": CANONICAL_UNITS["duration"], "dimension": "duration",
        "original_unit": "year", "item": item, "head": "age", "qualifier": qualifier,
    }  # fmt: skip


def _age(sentence: str, q: Quantity) -> tuple[str, str] | None:
    """(item, head) when ``q`` is a person's age ("Vik, 61," or "aged 61"), else None."""
    raw = sentence[q.num_start : q.num_end]
    if q.is_word or not raw.isdigit() or not 1 <= int(raw) <= MAX_AGE:
        return None
    aged = ends_at(_AGED_BEFORE, sentence, q.start, WORD_BEFORE_CHARS)
    if aged:
        phrase, _, _ = noun_phrase_before(sentence, aged.start())
        return phrase, "age"
    if q.qualifier or q.is_range:
        return None
    m = ends_at(_AGE_APPOSITION_BEFORE, sentence, q.start)
    if not m or m.group("name").rstrip(".") in _NOT_A_NAME:
        return None
    if not _AGE_APPOSITION_AFTER.match(sentence[q.end :]):
        return None
    words = m.group("full").split()
    while len(words) > 1 and words[0].rstrip(".") in _NOT_A_NAME | _OPENING_WORDS:
        words.pop(0)  # "On Monday Vik, 61," / "The Mayor Vik": the name is what follows
    return " ".join(words), "age"


#: The inches after a height's feet: joined by a hyphen, or followed by their unit.
_INCHES_AFTER = re.compile(
    r"(-|\s+|)(?P<n>\d{1,2}(?:\.\d+)?)(?P<unit>\s*-?\s*(?:inches|inch|in\.)|\s*(?:″|\"|”|''))?(?![\d.]?\d)",
    re.IGNORECASE,
)


def measures_in_sentence(sentence: Sentence) -> list[Mention]:
    """Measure mentions of one sentence, with offsets into the article
    (memoised: the count extractor asks again, to leave these figures out)."""
    return list(_measures_in_sentence(sentence))


@lru_cache(maxsize=1024)
def _measures_in_sentence(sentence: Sentence) -> tuple[Mention, ...]:
    out = []
    quake_sentence = bool(_MAGNITUDE_SENTENCE.search(sentence.text))  # once: not per number
    quantities = find_quantities(sentence.text)
    skip_until = -1  # the end of a height's inches, read with its feet
    for i, q in enumerate(quantities):
        if q.start < skip_until:
            continue
        text, q, offset = context_window(sentence.text, q)
        if q.prefix or q.is_vague:
            continue  # money, or "dozens of"
        if q.start and text[q.start - 1] in "°′":
            continue  # the minutes or seconds of an angle: "38°19′22″N"
        if text[max(0, q.start - 2):q.start][:1].isdigit() and text[q.start - 1:q.start] == ":":
            continue  # the minutes of a clock time: "at 14:20 hours" (ISO 8601, military style)
        mag = _magnitude(text, q) if q.value <= MAX_MAGNITUDE else None
        shock = None
        if (
            not mag and 0 < q.value <= MAX_MAGNITUDE and not q.is_word and not q.is_range
            and quake_sentence
            and not term_after(text, q.end, scaled=bool(q.scale))
        ):  # fmt: skip
            written = sentence.text[offset + q.num_start : offset + q.num_end]
            shock = _magnitude_by_grammar(sentence.text, offset + q.num_start, offset + q.num_end,
                                          fractional=q.value != int(q.value) or "." in written,  # "a 5.0 temblor"
                                          plural=q.value != 1, phrase_end=offset + q.end)
            if shock is not None:
                mag = (q.start, q.end, None)
        if mag:
            start, end, scale = mag
            item, head = (shock, shock) if shock else _item(text, q.start, end, "magnitude")
            if not item:
                found = _QUAKE_WORDS.search(text)
                item = found.group(0) if found else ""
                head = head_noun(item) if item else ""
            if head in _MAIN_SHOCK:
                head = "earthquake"
            value = {
                "low": q.low, "high": q.high, "unit": "magnitude", "dimension": "magnitude",
                "original_unit": "magnitude", "scale": scale, "item": item, "head": head,
                "qualifier": q.qualifier,
            }  # fmt: skip
            out.append(Mention("measure", sentence.start + offset + start, sentence.start + offset + end, value))
            continue
        found = term_after(text, q.end, scaled=bool(q.scale))
        unit, end = found if found and found[0].kind == "unit" else (None, q.end)
        age = None if found else _age(text, q)
        if age:
            value = age_value(q.low, q.high, age[0], q.qualifier)
            out.append(Mention("measure", sentence.start + offset + q.start, sentence.start + offset + q.end, value))
            continue
        after = text[end:]
        if not found:
            shared = _shared_unit(sentence.text, quantities, i)
            if shared is not None:  # "6, 12 and 18 km": the number, of the unit the list ends on
                unit, after = shared[0], sentence.text[shared[1]:]
            elif not q.is_range and (modified := _modified_unit(sentence.text, offset + q.num_start, offset + q.num_end)):
                unit, end = modified[0], modified[1] - offset  # "19 straight years"
                after = text[end:]
        if not unit:
            continue
        dimension = unit.dimension
        if dimension == "duration" and q.high == 0:
            continue  # "a zero-day flaw": no stretch of time is zero long
        low, high, qualifier = q.low, q.high, q.qualifier
        post = qualified_after(q, text, end)
        if post is not None:  # "30% or more", "19 straight years or so": the qualifier after the unit
            low, high, qualifier, end = post
            after = text[end:]
        if dimension == "duration" and DURATION_NOT_SPAN.match(after) and (
            unit.factor >= 1 or AGO_OR_AGE.match(after)
        ):
            continue  # "four days (or so) later" dates an event; "ten minutes later" measures a gap no date can
        if unit.key == "ft" and not q.is_range and (inches := _INCHES_AFTER.match(text, end)) \
                and float(inches.group("n")) < 12 and (inches.group(1) == "-" or inches.group("unit")) \
                and any(p.num_start == offset + inches.start("n") and p.num_end == offset + inches.end("n")
                        for p in quantities[i + 1:i + 2]):  # the inches as read ("10-foot-1,000-pound": none)
            # a height in feet and inches: "6-foot-2", "6 feet 1 inch", "5′11″" (one measure)
            extra = float(inches.group("n")) / 12
            low, high = (None if x is None else x + extra for x in (low, high))
            end = inches.end()
            skip_until = offset + end
        value = _unit_value(low, high, unit, *_item(text, q.start, end, dimension), qualifier)
        if dimension == "length" and (place := from_place(text, end)):
            value["from_place"] = place
        if dimension == "temperature" and QUALIFIER_KINDS.get(qualifier or "") == "upper":
            value["low"] = None  # "below 10°F": no floor at zero on a temperature scale
        out.append(Mention("measure", sentence.start + offset + q.start, sentence.start + offset + end, value))
    out.extend(_fraction_units(sentence, out))
    out.extend(_one_unit(sentence, out))
    out.extend(_vague_units(sentence, out))
    return tuple(out)


#: Most words between a number and the unit of time it counts ("19 straight years", "12
#: tense and scrappy minutes").
MODIFIED_UNIT_MAX_WORDS = 4
_WORDS_AFTER = re.compile(r"(?:[\s,-]+[A-Za-z][\w'’]*){1,%d}" % (MODIFIED_UNIT_MAX_WORDS + 1))
#: The dependencies of the words that may stand between a number and its noun as modifiers of
#: the noun: adjectives and participles, with their adverbs and coordination ("tense and
#: scrappy"), and hyphenated compounds ("second-half").
_BETWEEN_DEPS = frozenset({"amod", "advmod", "cc", "conj", "punct", "compound", "npadvmod", "hmod", "hyph"})


def _modified_unit(text: str, start: int, end: int) -> tuple[Term, int] | None:
    """The unit of time a number counts across the adjectives that modify it ("19 straight
    years", "6 second-half minutes"; Quirk et al. 1985, 17.3: premodifiers come between the
    determinative and the head), with where it ends: read from the parse, where the number is
    the noun's numeral modifier and every word between modifies the noun. Only units of time
    (``ONE_UNIT_DIMENSIONS``), whose names have no other sense in news copy."""
    words = _WORDS_AFTER.match(text, end)
    if words is None:
        return None
    unit = None
    for w in re.finditer(r"[A-Za-z][\w'’]*", words.group()):
        term = term_after(text, end + w.start())
        if term is not None and term[0].kind == "unit" and term[0].dimension in ONE_UNIT_DIMENSIONS:
            unit = (term, end + w.start())
            break
    if unit is None or unit[1] == end or not text[end:unit[1]].strip():
        return None
    from crosscheck.parse import parse, tokens_in

    doc = parse(text)
    number, noun = tokens_in(doc, start, end), tokens_in(doc, unit[1], unit[0][1])
    if number is None or noun is None or len(noun) != 1:
        return None
    head, q = noun[0], number.root
    if head.pos_ != "NOUN" or q.dep_ != "nummod" or q.head.i != head.i:
        return None
    between = doc[number.end : head.i]
    if any(t.dep_ not in _BETWEEN_DEPS or t.head.i == q.i for t in between) or any(
            t.dep_ == "compound" and t.pos_ in ("NOUN", "PROPN") and not _hyphened(t) for t in between):
        return None  # a noun before the unit makes another unit ("light years", "man hours")
    return unit[0]


def _hyphened(t) -> bool:
    """Whether a token is joined to the one before or after it by a hyphen ("first-half")."""
    doc = t.doc
    return (t.i + 1 < len(doc) and doc[t.i + 1].text in ("-", "‐")) or (t.i > 0 and doc[t.i - 1].text in ("-", "‐"))


#: Units that are themselves counts of years, whose bare plural is a vague number of years as
#: "dozens" is of things ("for decades": tens of years): from two of the unit to just below
#: ten of them, where the next unit takes over (``numbers.VAGUE_PLURALS``).
VAGUE_UNITS = {"decades": (2, 9.99), "centuries": (2, 9.99)}
_VAGUE_UNIT = re.compile(
    rf"(?<![\w-])(?:(?P<prep>for|in|over|within|across|through|after|spanning)\s+)?(?P<unit>{'|'.join(VAGUE_UNITS)})\b"
    r"(?![-‐])(?P<of>\s+of\b)?", re.IGNORECASE)
#: Words after the plural that make it a date or an age ("decades ago", "decades-old",
#: "decades later"), not a length of time.
_VAGUE_UNIT_NOT_SPAN = re.compile(r"\s*(?:ago|old|later|earlier|before|after|apart)\b", re.IGNORECASE)


def _vague_units(sentence: Sentence, taken: list[Mention]) -> list[Mention]:
    """Lengths of time written as the bare plural of a unit of years, as the object of a
    preposition of time or followed by "of" ("for decades", "in decades", "centuries of
    war"): a vague quantity, as "dozens of" is; not "decades ago" (a date) nor "decades-old"
    (an age)."""
    text, out = sentence.text, []
    # as far as the parse reads, against the measures there only (as ``_one_unit``): a line of
    # thousands of measures must not make each vague unit test them all
    taken = [x for x in taken if x.start - sentence.start < MAX_SENTENCE_CHARS]
    for m in _VAGUE_UNIT.finditer(text, 0, MAX_SENTENCE_CHARS):
        if not (m.group("prep") or m.group("of")) or _VAGUE_UNIT_NOT_SPAN.match(text, m.end("unit")):
            continue
        start, end = sentence.start + m.start("unit"), sentence.start + m.end("unit")
        if any(x.start < end and start < x.end for x in taken):
            continue
        found = term_after(text, m.start("unit"))
        if found is None or found[0].kind != "unit" or found[0].dimension != "duration":
            continue
        low, high = VAGUE_UNITS[m.group("unit").lower()]
        value = _unit_value(low, high, found[0], *_item(text, m.start("unit"), m.end("unit"), "duration"), None)
        out.append(Mention("measure", start, end, dict(value, vague=True)))
    return out


#: What stands between the numbers of a list: "6, 12 and 18", "eleven or twelve", "9, 11, 13".
_LIST_GAP = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+")
#: A list's numbers are looked through this far for the unit written after its last one.
LIST_MAX_NUMBERS = 8


def _shared_unit(text: str, quantities: list[Quantity], i: int) -> tuple[Term, int] | None:
    """The unit written once after the last number of a list that the ``i``-th number of
    ``text`` opens or continues ("6, 12 and 18 km", "eleven, twelve or thirteen hours"), with where
    it ends; None when no coordinated list of numbers ends on a unit (a comma alone is no list:
    "In 1988, 43 percent", "on June 9, four km south") (Quirk et al. 1985, 13.62: ellipsis of a
    head shared by coordinated determinatives). At most ``LIST_MAX_NUMBERS`` ahead."""
    joined = False  # a list is coordinated: "and" or "or" before its last number
    for k in range(i + 1, min(len(quantities), i + LIST_MAX_NUMBERS)):
        before, nxt = quantities[k - 1], quantities[k]
        gap = _LIST_GAP.fullmatch(text[before.end : nxt.start])
        if nxt.prefix or nxt.is_vague or not gap:
            return None
        joined = bool(re.search(r"\b(?:and|or)\b", gap.group()))
        found = term_after(text, nxt.end, scaled=bool(nxt.scale))
        if found:
            return found if found[0].kind == "unit" and joined else None
    return None


#: The indefinite article before a unit: "for nearly an hour", "inside a month".
_ARTICLE = re.compile(WORD_START + r"an?(?=\s)", re.IGNORECASE)
#: Dimensions whose unit names one of itself after "a"/"an": the units of time, whose names
#: have no other sense in news copy. Other units' names do ("a yard" is a garden, "a knot" is
#: tied, "tons of" is "many", "a degree" is a diploma): on 38 ECB+ events, 27 of 28 "a"
#: durations were gold measures, 2 of 5 other units.
ONE_UNIT_DIMENSIONS = frozenset({"duration"})


#: A fraction joined to a unit: "a half-hour", "a quarter-inch wider", "a half-mile loop".
_FRACTION_UNIT = re.compile(r"\b(?P<frac>[Hh]alf|[Qq]uarter)-(?=[A-Za-z])")
FRACTIONS = {"half": 0.5, "quarter": 0.25}


def _fraction_units(sentence: Sentence, taken: list[Mention]) -> list[Mention]:
    """Measures of a fraction of one unit written as a compound ("the following half-hour", "a
    quarter-inch wider"): the fraction word, a hyphen and a unit (Quirk et al. 1985, 17.104:
    measure phrases as premodifiers)."""
    text, out = sentence.text[:MAX_SENTENCE_CHARS], []
    for m in _FRACTION_UNIT.finditer(text):
        term = term_after(text, m.end())
        if term is None or term[0].kind != "unit":
            continue
        unit, end = term
        if any(x.start < sentence.start + end and sentence.start + m.start() < x.end for x in taken):
            continue
        start, prefix, qualifier = prefix_and_qualifier(text, m.start())
        if prefix:
            continue
        share = FRACTIONS[m.group("frac").lower()]
        low, high = qualify(share, share, qualifier)
        value = _unit_value(low, high, unit, *_item(text, start, end, unit.dimension), qualifier)
        out.append(Mention("measure", sentence.start + m.start(), sentence.start + end, value))
    return out


def _one_unit(sentence: Sentence, taken: list[Mention]) -> list[Mention]:
    """Measures of one unit written with the indefinite article: "for nearly an hour", "in
    less than a day", "inside a month" (the article is the numeral one in the noun
    phrase; Quirk et al. 1985, 5.56). Read from the parse: the unit is a noun the article
    determines (or, qualified, counts: "nearly an hour"), not a bare-noun adverbial (a rate:
    "twice a day", "$9 million a year") nor an ordinal ("a second victim", "while a second
    is longer": the named-entity recogniser's ORDINAL); one that dates from the date before
    it ("a decade later", or "before" or "after" with nothing after it) is left to the dates,
    as for figures (``DURATION_NOT_SPAN``). "half a day" is half of one."""
    text = sentence.text
    found = []
    # as far as the parse reads (``MAX_SENTENCE_CHARS``), and against the measures there only:
    # a line of thousands of measures must not make each article test them all
    taken = [x for x in taken if x.start - sentence.start < MAX_SENTENCE_CHARS]
    for m in _ARTICLE.finditer(text, 0, MAX_SENTENCE_CHARS):
        term = term_after(text, m.end())
        if term is None or term[0].kind != "unit" or term[0].dimension not in ONE_UNIT_DIMENSIONS:
            continue
        unit, end = term
        if any(x.start < sentence.start + end and sentence.start + m.start() < x.end for x in taken):
            continue
        if DURATION_NOT_SPAN.match(text[end:]):
            continue
        found.append((m, unit, end))
    if not found:
        return []
    from crosscheck.extract.frames import from_event
    from crosscheck.parse import parse, tokens_in

    doc = parse(text)
    out = []
    for m, unit, end in found:
        article, noun = tokens_in(doc, m.start(), m.end()), tokens_in(doc, m.end(), end)
        if article is None or noun is None or len(article) != 1:
            continue
        det, head = article[0], noun.root
        before = doc[det.i - 1] if det.i > 0 else None
        gap = (head.head.pos_ in ("ADP", "SCONJ") or (head.head.pos_ == "VERB" and from_event(head))) \
            and not (before is not None and (before.like_num or before.ent_type_ in RATE_OF_LABELS))
        halved = any(c.dep_ == "predet" and c.i == det.i - 1 for c in head.children)  # "lasted half a day": no rate
        if det.dep_ not in ("det", "nummod") or det.head.i != head.i or head.pos_ != "NOUN" \
                or (head.dep_ == "npadvmod" and not gap and not halved and not _verbs_extent(head, text, m.start())) \
                or head.ent_type_ == "ORDINAL":
            continue  # not the unit's article, or a bare-noun adverbial: a rate ("$9 million a
            # year", "twice a day"), which the parse does not tell from a length of time; the
            # time between two events ("a fortnight after the vote", "was elected a week before
            # the strike") measures, unless an amount stands before it ("900 dollars a month
            # after the rise": a rate)
        upper = _number_after_or(head)
        if upper is None and any(c.dep_ in ("cc", "conj") or c.dep_ == "nummod" and c.i != det.i for c in head.children) or (
            head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ in ("NOUN", "NUM")
        ):
            continue  # more or less than one: "a year and a half", "a quarter of an hour"
        share, at = 1.0, m.start()
        top = parse_number(upper.text) if upper is not None else None
        if top is not None and top > share:  # "a day or two": from one to two of the unit
            end = max(end, upper.idx + len(upper))
        else:
            top = None
        predet = next((c for c in head.children if c.dep_ == "predet" and c.i == det.i - 1), None)
        if predet is not None:  # "half a day"; "quite a week" says what it was like, not how long
            share, at = word_number_value(predet.lower_), predet.idx
            if share is None:
                continue
        start, prefix, qualifier = prefix_and_qualifier(text, at)
        if prefix:
            continue
        low, high = qualify(share, top if top is not None else share, qualifier)
        value = _unit_value(low, high, unit, *_item(text, start, end, unit.dimension), qualifier)
        out.append(Mention("measure", sentence.start + start, sentence.start + end, value))
    return out


def _verbs_extent(unit, text: str, article: int) -> bool:
    """Whether a bare-noun adverbial "a <unit>" right after its verb, or after a qualifier
    there, says how long the verb went on ("lasted an hour", "waited nearly a day": an
    accusative of extent, Quirk et al. 1985, 8.55), not how often ("meets once a week", "$5 an
    hour", "ten shifts a month": a rate has its figure between the verb and the article; nor
    after a passive, "is taken a day", whose bare noun reads as a rate)."""
    verb = unit.head
    if verb.pos_ != "VERB" or verb.i > unit.i or any(c.dep_ == "auxpass" for c in verb.children):
        return False
    start = prefix_and_qualifier(text, article)[0]
    return not text[verb.idx + len(verb) : start].strip()


def _number_after_or(head):
    """The number after "or" in "a <unit> or <n>" ("a day or two", "an hour or three"): the
    upper end of a range of the unit written once (the unit is shared by the coordination;
    Quirk et al. 1985, 13.70), or None."""
    nums = [c for c in head.children if c.dep_ == "nummod" and c.i > head.i]
    if len(nums) != 1 or any(c.dep_ == "conj" for c in head.children):
        return None
    num = nums[0]
    between = head.doc[head.i + 1 : num.i]
    if [t.lower_ for t in between] != ["or"] or num.i + 1 < len(head.doc) and head.doc[num.i + 1].like_num:
        return None
    return num


def extract_measures(article: Article, sentences: list[Sentence]) -> list[Mention]:
    """Measures of ``article`` (kind "measure"), in text order.

    Each is converted to the canonical unit of its dimension (``CANONICAL_UNITS``) so that
    "12 km" and "7.5 miles" compare; durations ("for 30 years", "48 hours") are in days.
    Earthquake magnitudes have unit "magnitude" and ``scale`` (e.g. "Richter") when named.
    """
    out: list[Mention] = []
    for sentence in sentences:
        out.extend(measures_in_sentence(sentence))
    return sorted(out, key=lambda m: (m.start, m.end))
