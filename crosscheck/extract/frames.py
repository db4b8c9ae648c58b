"""Fact frames: what each number and date in a sentence is about, read from its parse.

A frame (``crosscheck.models.Frame``) says, for a count, an amount or a measure, the
**thing** (the noun the number modifies, through the dependency arc, with its compounds:
"death toll", "school student"; for an amount or a measure whose unit takes an "of", what
the unit is of: "three days of strikes", "5 million euros of repairs"), the **predicate** (what is said of it, as a class of
``data/predicates.tsv``: "killed", "died" and "death toll" are all ``dead``; "unaccounted
for" is ``missing``), the **role** of the figure (a total, a part of a whole, the whole, an
increment, an earlier value, a change, a difference, a capacity, a rate, or an identifier that is no
quantity at all) and its **scope** (the years and places its clause names: "the 2003 quake,
which killed 26,000" is not this year's toll). For a date it gives the **event** dated (the
governing verb with its subject and object, "quake strike", "cabinet approve purchase") and
whether it dates the event or a statement about it ("the minister spoke on Friday").

The grammar is the dependency parse of ``crosscheck.parse`` (Universal-Dependencies-style
ClearNLP labels of spaCy's English models). A slot the parse does not give stays empty,
never guessed; alignment treats an empty slot as unknown (``crosscheck.align``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported by crosscheck.parse on the first parse
    from spacy.tokens import Doc, Span, Token

from crosscheck.extract.dates import DATELINE, HOLIDAY
from crosscheck.extract.measures import MAX_AGE, age_value
from crosscheck.extract.numbers import DATA_DIR, clock_time_at, load_data, load_lists, parse_number, singular
from crosscheck.extract.sentences import dateline_end, title_case
from crosscheck.models import DROPPED_ROLES, Fact, Frame, Sentence
from crosscheck.parse import parse, parse_many, tokens_in

#: Fact kinds that get a frame.
FRAMED_KINDS = ("count", "money", "measure", "date")

#: Dependency labels that open a new clause: a clause's scope stops at them.
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "conj", "xcomp", "acl", "parataxis", "csubj", "csubjpass"})
#: Labels that attach a number to the noun it counts or measures.
NUMBER_TO_NOUN = frozenset({"nummod", "amod", "compound", "quantmod", "nmod"})
#: Labels only a noun (or pronoun) takes in its clause: subject, object, object of a preposition.
NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "dative", "appos"})
#: Labels of a noun's own arguments of its governing word (subject, object, complement).
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "oprd", "pobj", "npadvmod", "appos", "dative", "conj"})
#: Labels of words that say something of a noun right beside it ("30 missing", "people killed").
MODIFIER_DEPS = frozenset({"amod", "acl", "relcl", "compound", "acomp", "oprd", "attr", "advcl"})
#: Years a scope may name.
YEARS = (1800, 2100)
#: Labels of a verb that shares the subject of the verb it hangs from (coordination,
#: adverbial and control clauses: "scored 20 and grabbed 11", "led, while grabbing 7").
SUBJECT_SHARING = frozenset({"conj", "advcl", "xcomp"})
#: Determiners that make a noun phrase definite (CGEL ch. 5, § 6).
DEFINITE_DETERMINERS = frozenset({"the", "this", "these", "that", "those"})
#: Named-entity labels (OntoNotes 5) of who acts: people, organisations, groups.
AGENT_LABELS = frozenset({"PERSON", "ORG", "NORP"})
#: Named-entity labels (OntoNotes 5) of dates and times of day.
TIME_LABELS = frozenset({"DATE", "TIME"})
#: Named-entity labels (OntoNotes 5) of places.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


@lru_cache(maxsize=1)
@lru_cache(maxsize=1)
def _predicate_entries() -> dict[str, tuple[str, frozenset[str]]]:
    """lemma -> (predicate class, the parts of speech it holds it as; empty: any), from
    ``data/predicates.tsv`` ("hit/VERB,ADJ")."""
    out = {}
    for cls, entries in load_lists("predicates.tsv").items():
        for entry in entries:
            lemma, _, pos = entry.partition("/")
            out[lemma] = (cls, frozenset(pos.split(",")) if pos else frozenset())
    return out


@lru_cache(maxsize=1)
def predicate_classes() -> dict[str, str]:
    """lemma -> predicate class (``data/predicates.tsv``), for words read without their part
    of speech (a date's event words); a word of the parse is read by ``predicate_class``."""
    return {lemma: cls for lemma, (cls, _) in _predicate_entries().items()}


def predicate_class(t: Token) -> str:
    """The predicate class of a word of the parse, by its lemma and part of speech; "" if none."""
    cls, pos = _predicate_entries().get(_lemma(t), ("", frozenset()))
    return cls if not pos or t.pos_ in pos else ""


def _words(name: str) -> frozenset[str]:
    return frozenset(_frame_words().get(name, ()))


@lru_cache(maxsize=1)
def _frame_words() -> dict[str, tuple[str, ...]]:
    return load_lists("frame_words.tsv")


def quantity_nouns() -> frozenset[str]:
    """Nouns that name a number, not what is counted ("toll", "number", "total"):
    ``data/frame_words.tsv``."""
    return _words("quantity")


def _counted(noun: Token) -> list[Token]:
    """The words that say what a noun's figure counts: its compounds and itself, and, for a
    noun that names a number ("the number of wounded", "the tally of people killed"), what its
    "of" counts."""
    out = [c for c in noun.children if c.dep_ == "compound"]
    if _lemma(noun) in quantity_nouns():  # before the noun: "the toll of wounded" is no death toll
        out += [o for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.subtree if o.dep_ != "prep"]
    return out + [noun]


def _lemma(t: Token) -> str:
    return t.lemma_.lower()


def _phrase(noun: Token, own: Span | None = None) -> str:
    """A noun with its compound modifiers, as lemmas in text order ("death toll", "wind
    farm access road"); not a word hyphened to a number, nor one of ``own``'s tokens (the
    figure's own span): both are part of the number's own phrase ("three-plus seasons" are
    seasons, "$136M worth" is worth, "a nine-acre site" a site)."""
    parts, stack = [noun], [noun]
    while stack:
        for c in stack.pop().children:
            if c.dep_ == "compound" and c.i < noun.i and not c.like_num and not _hyphened_to_number(c) \
                    and not (own is not None and own.start <= c.i < own.end):
                parts.append(c)
                stack.append(c)
    return " ".join(_lemma(t) for t in sorted(parts, key=lambda t: t.i))


def _hyphened_to_number(t: Token) -> bool:
    return t.i > 1 and t.doc[t.i - 1].text in ("-", "\u2013") and t.doc[t.i - 2].like_num


def _noun(t: Token) -> bool:
    """Whether ``t`` works as a noun: tagged one, or tagged a verb where the parser gives it a
    dependency only a noun takes (``NOMINAL_DEPS``): the tagger and the parser of a
    statistical pipeline disagree at times ("caught <n> passes" with "passes" tagged a verb,
    yet the object of "caught"). A token without a letter is none."""
    if not any(ch.isalpha() for ch in t.text):
        return False  # a mark the tagger calls a noun (a broken "€" read as "?" or "\ufffd")
    return t.pos_ in ("NOUN", "PROPN") or t.pos_ == "VERB" and t.dep_ in NOMINAL_DEPS


def _clause_head(t: Token) -> Token:
    """The verb (or root) heading the clause ``t`` sits in."""
    while t.head.i != t.i and (t.pos_ not in ("VERB", "AUX") or _noun(t)):
        t = t.head
    return t


def _clause_tokens(head: Token, keep: Token) -> list[Token]:
    """Tokens of the clause of ``head``, leaving out embedded clauses that do not hold ``keep``."""
    out = [head]
    stack = list(head.children)
    above_keep = {a.i for a in keep.ancestors}  # once, not a walk up the tree per token
    while stack:
        t = stack.pop()
        if t.i != keep.i and t.i not in above_keep and (
            t.dep_ in CLAUSE_DEPS or (t.like_num and not _is_year(t))
        ):
            continue  # another clause, or another figure's own phrase ("up from 48 in 2020")
        out.append(t)
        stack.extend(t.children)
    return sorted(out, key=lambda t: t.i)


def _is_year(t: Token) -> bool:
    return t.shape_ == "dddd" and t.text.isdigit() and YEARS[0] <= int(t.text) <= YEARS[1] \
        and not clock_time_at(t.doc.text, t.idx)  # "at 0915 GMT" is a time of day


#: Prepositions that place an event ("in Zarand", "near the coast"); a place named otherwise
#: ("US-built", "Japan's cabinet") says where something comes from, not where the figure stands.
LOCATIVE = frozenset({"in", "at", "near", "on", "across", "throughout", "off", "outside", "inside"})


def _locative(t: Token) -> bool:
    """Whether the entity starting at ``t`` is the object of a locative preposition, or names
    the noun that is ("in the city of Lyon", "at the port of Dover": the "of" that gives a
    common noun's proper name)."""
    ent = next((e for e in t.doc.ents if e.start == t.i), None)
    root = ent.root if ent is not None else t
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "NOUN":
        root = root.head.head
    return root.dep_ == "pobj" and root.head.lower_ in LOCATIVE


def _scope(head: Token, keep: Token, own: Span) -> tuple[str, ...]:
    """Years the clause of ``head`` names, and places it puts things in (``_locative``),
    outside the fact's own span."""
    out: set[str] = set()
    for t in _clause_tokens(head, keep):
        if own.start <= t.i < own.end:
            continue
        if _is_year(t) and (t.ent_type_ == "DATE" or t.dep_ in ("nummod", "compound", "pobj", "npadvmod")):
            out.add(f"year:{t.text}")
        elif t.ent_type_ in PLACE_LABELS and t.ent_iob_ == "B" and _locative(t):
            ent = next((e for e in t.doc.ents if e.start == t.i), None)
            if ent is not None:
                out.add(f"place:{ent.text}")
    return tuple(sorted(out))


def _predicate(candidates: Iterable[Token]) -> tuple[str, str]:
    """The first candidate word whose lemma has a predicate class (a support verb's object
    standing right after it: ``data/frame_words.tsv``): (class, lemma), a class
    that says where the thing is (``LOCATIVE_CLASSES``: "carrying", "passengers") only where no
    other class is said of it, and the means (``MEANS_CLASSES``: "shot") only where no outcome
    is (``OUTCOME_CLASSES``) ("a boat carrying 24 bodies": dead; "30 passengers were rescued":
    rescued; "a guard was shot and died": dead); else the first content word's lemma with no
    class: ("", lemma)."""
    support = _words("support")
    # a support verb says it by its object ("sustained burns", "suffering heavy damage")
    candidates = [x for t in candidates for x in (
        [t, *(c for c in t.children if c.dep_ == "dobj")] if _lemma(t) in support else [t])]
    classed = [t for t in candidates if predicate_class(t)]
    outcome = any(predicate_class(t) in OUTCOME_CLASSES for t in classed)
    for t in sorted(classed, key=lambda t: (
            predicate_class(t) in LOCATIVE_CLASSES,
            outcome and predicate_class(t) in MEANS_CLASSES)):
        return predicate_class(t), _lemma(t)
    for pos in ("VERB", "ADJ"):
        for t in candidates:
            if t.pos_ == pos and not t.is_stop and not _noun(t):
                return "", _lemma(t)
    return "", ""


def _resultative(verb: Token) -> list[Token]:
    """The outcome a resultative phrase says of a verb's argument: "to" and a noun of an
    outcome class after a verb of no class or of a means ("froze to death", "were crushed
    to death", "gunned to death": dead), as a result adjective does (already an ``oprd``).
    The English resultative (Goldberg & Jackendoff 2004, "The English resultative as a family
    of constructions", Language 80): its noun is a state, with no article; one with an
    article is a goal or a cause, no outcome of the verb's argument ("tended to the injured",
    "led to the deaths of"). A verb with a class of its own keeps it: a sentence's "to"
    names the penalty, not what came of the sentenced."""
    if predicate_class(verb) not in ("", *MEANS_CLASSES):
        return []
    return [o for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"
            for o in c.children if o.dep_ == "pobj" and predicate_class(o) in OUTCOME_CLASSES
            and not any(d.dep_ == "det" for d in o.children)]


def from_event(t: Token) -> bool:
    """Whether a unit of time is counted from an event named after it ("a week before the
    vote", "a month after he was elected"): "before", "after" or "prior" follows it, and a
    word follows that."""
    doc = t.doc
    return t.i + 2 < len(doc) and doc[t.i + 1].lower_ in ("before", "after", "prior") and not doc[t.i + 2].is_punct


def _definite_object(prep: Token) -> bool:
    """Whether a partitive preposition's object is definite or counted, as a part of a whole
    needs it to be (CGEL ch. 5, § 9: "two of the five", "six of us", "four of its
    players", "12 of 40 seats"; not "a pair of boots", "dozens of lorries")."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None:
        return True  # the parse gives none: as before, a part
    return obj.pos_ == "PRON" or obj.tag_ in ("WP", "WDT") or any(
        c.dep_ in ("poss", "nummod") or (c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS) for c in obj.children)


#: A local telephone number, the North American Numbering Plan's 3-4 digit groups ("call
#: 745-4811"), read as a count only where nothing is counted; those with an area code or a
#: country code never become numbers (``numbers._TELEPHONE``).
LOCAL_TELEPHONE = re.compile(r"[2-9]\d{2}-\d{4}")


def _labelled(fact: Fact, q: Token, noun: Token | None) -> Token | None:
    """The word a number labels, or the number itself, when it names rather than counts
    (a designation, CGEL ch. 5, § 6.3: a noun followed by a numeral, "version 5", "Flight
    370"): None when it counts. What the parse shows of it:

    - a noun before the number ("Flight 370", "version 5", "blog post 1");
    - in a headline, a proper noun right before it ("Apollo 11 Anniversary");
    - a proper noun in the singular after it that names a place: a recognised place, a street
      suffix (``data/frame_words.tsv``, USPS Publication 28) or a numbered street ("473 East
      52nd Street", "325 E. Elm Ave.", "the 909 Turnpike");
    - a common noun in the singular after a number of 100 or more, with "a" before them ("a
      999 operator") or a named place after them ("the 12000 block of Elm Street"): a count
      above one takes a plural noun, except in a hyphenated compound ("a 600-seat ferry", a
      capacity) and for nouns whose plural is their singular, which their verb shows ("the
      300 crew of HMS Belfast were rescued");
    - local telephone numbers (``LOCAL_TELEPHONE``) and emergency numbers (``data/frame_words.tsv``)."""
    if q.dep_ == "appos" and q.head.pos_ == "PROPN" and q.i == q.head.i + 1:
        return q.head  # "the Boeing 737" (not "Vik, 61,")
    if noun is not None and noun.i < q.i:  # right before it; not "wounds 2" (a verb tagged a
        # plural), nor "a lap or two", nor a noun that says what is counted ("Death toll 12")
        return noun if noun.tag_ in ("NN", "NNP") and noun.i == q.i - 1 and not predicate_class(noun) else None
    before = q.doc[q.i - 1] if q.i > 0 else None
    if before is not None and before.tag_ == "NNP" and not before.is_upper and not predicate_class(before) \
            and _title_case(q.doc):
        return before  # a headline's name and number: "Apollo 11 Anniversary", "Windows 11 Update"
    if fact.kind != "count":
        return None  # an amount or a measure names its unit, not the thing
    written = fact.text.strip()
    if noun is None and LOCAL_TELEPHONE.fullmatch(written) and not written.endswith("00"):
        return q  # not "500-1000", a range
    if written in _words("emergency") and (noun.tag_ in ("NN", "NNP") if noun is not None else not predicate_class(q.head)):
        return q  # "a 911 call", "called 911" (not "killing 112")
    if noun is None:
        return None
    low = fact.value.get("low")
    doc = q.doc
    hyphenated = q.i + 1 < len(doc) and doc[q.i + 1].text in ("-", "‐", "–")
    if hyphenated or low is None or low <= 1 or noun.tag_ not in ("NN", "NNP") or noun.is_upper:
        return None  # "121 RBI": an abbreviation takes no plural ending
    if noun.tag_ == "NNP":
        # a name of a place or a thing: a recognised one, or one of several words ("East 52nd
        # Street"); not a headline's capitals ("2 Dead", "Kills 10") nor a person's name
        named = noun.ent_type_ in PLACE_LABELS or noun.lower_.rstrip(".") in _words("street_suffix") or any(
            c.dep_ == "compound" and c.i > q.i and c.text[:1].isdigit() for c in noun.children)  # "52nd"
        return noun if named else None  # not "300 National Guard", "12 al Qaeda": a body of people
    if low < 100 or not fact.text.strip().replace(",", "").isdigit():
        return None  # "a lap or two", "a 4.0 tremor"
    if any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children):
        return noun  # "a 999 operator"
    after = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
    if after is not None and after.lower_ == "of" and not _plural_verb(noun) and any(
            o.dep_ == "pobj" and o.pos_ == "PROPN" and o.ent_type_ in PLACE_LABELS for o in after.children):
        return noun  # "the 12000 block of Elm Street" (not "the 300 crew of HMS Belfast were rescued")
    return None


#: Predicate classes of ``data/predicates.tsv`` that say where a thing is, not what befell it.
LOCATIVE_CLASSES = ("aboard",)
#: Predicate classes of ``data/predicates.tsv`` that name the means, not what came of it: ACE's
#: Conflict.Attack against its Life.Die and Life.Injure (ACE 2005 annotates a shooting that
#: killed, "shot him dead", as an Attack and a Die event). Where an outcome is said of the
#: thing too, the outcome says what the figure counts ("two guards were shot and died": two
#: dead); alone, the attack does ("three people were shot").
MEANS_CLASSES = ("shot",)
#: ... and the outcomes they yield to: ACE's Life.Die and Life.Injure ("two teenagers were shot
#: and robbed" stays shot).
OUTCOME_CLASSES = ("dead", "injured")

#: Words that join the members of a list of numbers ("6, 7 and 8", "6 to 10"; not a dash,
#: which writes a range, a score or a record of one thing: "15-17").
LIST_JOINERS = frozenset({",", "and", "or", "to", "through", "&", "/"})
#: Most tokens a list of designations runs over on either side of one of its numbers (a dozen
#: numbers and their joiners); a longer run of numbers is a table's row, no list of names.
LIST_MAX_TOKENS = 24
#: The joiners that make a list of what they join (a comma alone also ends a phrase: "After
#: MH17, 298 people died").
CONJUNCTIONS = LIST_JOINERS - {","}


def _listed_designation(q: Token, noun: Token | None) -> Token | None:
    """The designation a number written in digits shares as a member of a coordinated list of
    such numbers that starts with one (coordination shares its head, as a list of measures
    shares its unit): two or more numbers after a plural or a proper noun ("versions 6, 7 and
    8", "Games 5 and 6", "Release 2019 and 2021"; not "level 4 and 5", a measure, nor a
    tally, "61 to 39") or after a name written with its number ("KX4 to 9", "KX7 and 8"), and
    a number that is a member of a list of names ("Orbis Lite, Pro and 5"; not "In Syria,
    Iraq and Lebanon, 12 died", after it; nor "Texas, Ohio and 3 other states", nor among
    persons or dates). The list must be coordinated: a conjunction joins its members. A
    designation is written in digits: a number word ("four of those") counts. Parsers attach
    the members of such lists unreliably, so the list is read in the words around the number."""
    doc = q.doc

    def member(k: int) -> bool:
        return 0 <= k < len(doc) and (doc[k].lower_ in LIST_JOINERS or doc[k].tag_ == "CD" and doc[k].text[0].isdigit())

    if not q.text[0].isdigit():
        return None
    k = q.i - 1
    while member(k) and q.i - k <= LIST_MAX_TOKENS:
        k -= 1
    if k < 0 or k == q.i - 1 and doc[k].tag_ not in ("NNS", "NNP", "NNPS") or member(k):
        return None  # no designation before, or a run longer than a list: a table's row
    end = q.i + 1
    while member(end) and end - q.i <= LIST_MAX_TOKENS:
        end += 1
    listed = doc[k + 1 : end]
    numbers = [t for t in listed if t.tag_ == "CD"]
    if not any(t.lower_ in CONJUNCTIONS for t in listed) and k != q.i - 1:
        return None  # a comma alone: no list
    first = doc[k]
    if first.ent_type_ in ("PERSON", *TIME_LABELS) or predicate_class(first) or _lemma(first) == "age":
        return None  # "ages 6 and 16" (``_age_of``)
    if first.pos_ == "PROPN" and first.text[-1:].isdigit() and any(c.isalpha() for c in first.text):
        return first  # a name written with its number: "KX4 to 9", "KX7 and 8"
    if len(numbers) >= 2 and first.tag_ in ("NNS", "NNP", "NNPS") and doc[k + 1].tag_ == "CD" and not any(
            t.lower_ == "to" and parse_number(a.text) > parse_number(b.text)
            for a, t, b in zip(listed, listed[1:], listed[2:]) if a.tag_ == b.tag_ == "CD"):
        return first  # "versions 6, 7 and 8", "Release 2019, and 2021" (not "the Senate 61 to 39")
    if (noun is None or noun.i < q.i) and first.pos_ == "PROPN" and doc[k + 1].lower_ in LIST_JOINERS \
            and k >= 2 and doc[k - 1].lower_ in LIST_JOINERS and doc[k - 2].pos_ == "PROPN" \
            and any(t.lower_ in CONJUNCTIONS for t in doc[k + 1 : end]):
        return first  # "Orbis Lite, Pro and 5": a number among names
    return None


def _title_case(doc: Doc) -> bool:
    """``sentences.title_case`` of a parsed sentence, once per parse (not its text per figure)."""
    if "title_case" not in doc.user_data:
        doc.user_data["title_case"] = title_case(doc.text)
    return doc.user_data["title_case"]


def _plural_verb(noun: Token) -> bool:
    """Whether ``noun`` is the subject of a verb in the plural ("the 300 crew ... were"): a noun
    whose plural is its singular (crew, staff, sheep, aircraft) is told by its verb."""
    if noun.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = noun.head
    return verb.tag_ == "VBP" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBP" or c.lower_ in ("were", "are")
                                     for c in verb.children) or verb.lower_ in ("were", "are")


def _ratio(q: Token, noun: Token | None) -> bool:
    """Whether a number is a multiplier or a proportion, not a count (CGEL ch. 5, § 6.4;
    ch. 7, § 11): "four times the speed", "ten times that of", "three times as many";
    "one in every 40", "1 in 40"."""
    doc = q.doc
    if q.dep_ == "nummod" and _lemma(q.head) != "time" and any(
            c.dep_ == "quantmod" and _lemma(c) == "time" for c in q.children):
        return True  # "four times the speed": the number, with "times", modifies the noun compared
    if noun is not None and _lemma(noun) == "time" and noun.i + 1 < len(doc):
        nxt = doc[noun.i + 1]
        if nxt.lower_ == "as" or nxt.tag_ in ("JJR", "RBR"):
            return True  # "three times as many", "ten times larger"
        if nxt.pos_ == "DET" or nxt.lower_ in ("that", "those"):
            # "4 times the current count", "12 times the capacity"; not "fired 16 times that
            # night", "erupted 11 times this year": occasions, in a time named after them
            compared = next((t for t in doc[nxt.i: nxt.i + 4] if t.pos_ in ("NOUN", "PROPN")), None)
            return compared is None or not (_lemma(compared) in _words("day_parts") | DURATION_UNITS
                                            or compared.ent_type_ in TIME_LABELS)
    if q.tag_ != "CD":
        return False  # "twice in one season", "the eighth in 10 games"

    def whole(i: int) -> float | None:
        """The number at ``i`` when it can be the whole of a proportion: a cardinal, no year."""
        if not (0 <= i < len(doc)) or doc[i].tag_ != "CD" or _is_year(doc[i]):
            return None
        return parse_number(doc[i].text)

    mine = whole(q.i)
    if mine is None:
        return False
    after = [t.lower_ for t in doc[q.i + 1: q.i + 3]]
    of = whole(q.i + 2) if after[1:] != ["every"] else whole(q.i + 3)
    if after[:1] == ["in"] and of is not None and mine < of:
        return True  # "one in every 40": the part ("killed 12 in three states" is no proportion)
    before = [t.lower_ for t in doc[max(0, q.i - 2): q.i]]
    part = whole(q.i - 2) if before[-1:] == ["in"] else whole(q.i - 3) if before == ["in", "every"] else None
    return part is not None and part < mine  # the whole


#: Personal pronouns that stand for a person (not "it", "they").
PERSONAL = frozenset({"he", "she", "i", "you", "him", "her", "me"})
#: Common nouns with a sense that names a person (``data/person_nouns.tsv``, from WordNet): each
#: with whether that sense is its first.
_PERSON_SENSES = {noun: sense != "later" for noun, _, sense in (
    line.partition("\t") for line in (DATA_DIR / "person_nouns.tsv").read_text("utf-8").splitlines()
    if line and not line.startswith("#"))}
#: ... those whose first sense names a person ("victim", "daughter"; not "climber", first a plant).
PERSON_NOUNS = frozenset(noun for noun, first in _PERSON_SENSES.items() if first)


def _person(t: Token | None) -> Token | None:
    """``t`` when it names a person (a name the recogniser labels PERSON, a personal pronoun
    other than "it", a noun whose first sense is a person: "her daughter", "the victim"), or
    the person a relative pronoun stands for ("Ruiz, who was 18")."""
    if t is None:
        return None
    if t.tag_ in ("WP",) and t.head.dep_ == "relcl":
        t = t.head.head
    if t.lower_ in PERSONAL or t.ent_type_ == "PERSON" or (t.pos_ == "PROPN" and not t.ent_type_):
        return t  # a proper noun the recogniser gives no label is taken as a name
    if t.pos_ == "NOUN" and (t.lemma_.lower() in PERSON_NOUNS or not t.ent_type_ and t.text[:1].isupper() and t.i > 0
                             and not _title_case(t.doc)):
        return t  # a person by its noun, or a name the tagger took for a common noun ("Ruiz, now 16,");
        # not a headline's capitals ("Death Toll Is 29")
    return None


#: Words after a number that make "was 6 ..." a score or a standing, not an age.
_SCORE_WORDS = frozenset({"of", "for", "under", "over", "not", "to", "from", "out", "up", "down", "behind", "ahead"})


def _age_of(fact: Fact, q: Token, noun: Token | None) -> str | None:
    """Whose age a bare number gives (the name or pronoun as written), or None: news copy
    gives an age without a noun after a name ("Banky, 40."), after a copula or "turn" with
    a person as subject ("He was 75", "who turns 41"), after "at" on a person's verb ("dies
    at 88", "At 61, she is"), and after "ages" ("ages 6 and 16"; AP Stylebook, "ages")."""
    low, high = fact.value.get("low"), fact.value.get("high")
    if noun is not None or fact.value.get("qualifier") or low is None or not 0 < low <= high <= MAX_AGE:
        return None
    first = q
    while first.dep_ == "conj" and first.head.like_num and first.head.i != first.i:
        first = first.head  # "ages 47 and 48", "Lopez, 20 and Carrasquillo, 24"
    if any(c.dep_ not in ("punct", "cc", "conj") and not (c.dep_ == "advmod" and c.i < q.i) for c in q.children):
        return None  # "6 of 12 from the field", "4 under", "102 not out": a score, not an age ("now 16" is one)
    doc, head = q.doc, first.head
    nxt = doc[q.i + 1] if q.i + 1 < len(doc) else None
    person = None
    if first.dep_ == "appos" or (first.dep_ == "conj" and head.pos_ == "PROPN"):
        # set off by a comma, a bracket or a dash after the name ("Banky, 40,", "Banky (40)"; not a
        # headline's "Ferry Sinks: 30 Missing")
        before = doc[first.left_edge.i - 1] if first.left_edge.i > 0 else None  # "Timmons, now 16,"
        person = _person(head) if first.i > head.i and before is not None and before.text in (",", "(", "–", "—") else None
    elif first.dep_ in ("attr", "acomp", "oprd", "dobj") and _lemma(head) in ("be", "turn") and (
            nxt is None or nxt.is_punct or nxt.pos_ in ("ADP", "SCONJ", "CCONJ", "ADV") and nxt.lower_ not in _SCORE_WORDS):
        subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        # a name is a person's where the recogniser says an organisation's ("Okafor will be 31"):
        # a bare number said of a name with a copula is an age either way
        person = _person(subject) or (subject if subject is not None and subject.tag_ == "NNP"
                                      and subject.ent_type_ == "ORG" else None)  # not "Democrats are 53"
    elif first.dep_ == "pobj" and head.lower_ == "at":
        verb = _clause_head(head)
        opening = head.i == 0 and nxt is not None and nxt.text == ","  # "At 61, she is ..."
        if opening or predicate_class(verb) == "dead":  # "dies at 88"; not "left at 7", a time
            person = next((s for s in map(_person, _subjects(verb)) if s is not None), None)
    if person is None and first.i > 0 and _lemma(doc[first.i - 1]) == "age":
        return "age"
    if person is None:
        return None
    ent = next((e for e in doc.ents if e.start <= person.i < e.end and e.label_ == "PERSON"), None)
    return ent.text if ent is not None else person.text  # as written: "Marco Delgado", "he"


def _indefinite_one(fact: Fact, q: Token) -> bool:
    """Whether a count is the word "one" as an indefinite determiner or pronoun ("one
    witness told reporters", "in one photo", "it was not one person"), not the numeral:
    English "one" is both, and the numeral reading needs something counted said of it, a
    predicate class of ``data/predicates.tsv`` ("one man was killed", "one count of
    murder"), or a bound on it ("at least one"). The caller has found no class."""
    if q.lower_ != "one" or fact.text.lower() != "one" or fact.value.get("qualifier"):
        return False
    noun = q.head if q.dep_ == "nummod" else q
    conjuncts = [c for t in (noun, q) for c in t.children if c.dep_ == "conj"] + ([noun.head] if noun.dep_ == "conj" else [])
    def other_number(t: Token) -> bool:
        return t.like_num and t.lower_ != "one"

    if any(other_number(c) or any(g.dep_ == "nummod" and other_number(g) for g in c.children) for c in conjuncts):
        return False  # "one child and two women": counted with the others (not "one Briton and one
        # Swede", a pair told apart)
    # a restrictive focusing adverb marks the numeral ("just one ferry"; "only one" is read
    # as an idiom before this, ``counts._ONE_IDIOM_BEFORE``)
    return not (q.i > 0 and q.doc[q.i - 1].lower_ in ("just", "only", "merely", "solely", "single"))


def _agrees_in_number(fact: Fact, noun: Token) -> bool:
    """Whether a number can count ``noun``: a plural noun for a number above one, a singular
    for one (number agreement in the noun phrase; Quirk et al. 1985, 5.10)."""
    low = fact.value.get("low")
    plural = noun.tag_ in ("NNS", "NNPS")
    return plural if low is None or low != 1 else not plural


def _measure_premodifier(span: Span, noun: Token) -> bool:
    """Whether a number and its noun premodify another noun as one measure phrase ("a
    600-seat ferry", "a four seat plane"), not count it with a noun of its own before it
    ("the four shop assistants", which a parse may hang from "shop"): the phrase is joined by
    a hyphen, or the noun it modifies takes the indefinite article, which agrees with that
    noun, not with the number (Quirk et al. 1985, 17.104)."""
    hyphened = any(t.text in ("-", "–") for t in span.doc[span.end : noun.i]) or "-" in span[-1].text
    return hyphened or any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.head.children)


def _number_frame(fact: Fact, span: Span) -> Frame:
    q = span.root
    noun: Token | None = None
    if q.dep_ in NUMBER_TO_NOUN and _noun(q.head) and not (span.start <= q.head.i < span.end):
        noun = q.head
    elif fact.kind in ("money", "measure") and q.pos_ in ("NOUN", "PROPN", "SYM"):
        noun = None  # the unit itself ("12 km", "3 million dollars"): what is measured comes from its head
    while noun is not None and noun.dep_ == "compound" and noun.i < noun.head.i and _noun(noun.head) \
            and not _measure_premodifier(span, noun) and _agrees_in_number(fact, noun.head):
        # a number before a compound counts its head, not the noun that modifies it ("the three
        # bank workers" are workers), wherever a parse hangs it, where the head agrees with it in
        # number; a measure phrase stays ("a 600-seat ferry", "the two vehicle collision": a
        # plural number before a singular head counts the modifier's things, not the head)
        noun = noun.head
    label = _labelled(fact, q, noun) if not fact.value.get("tally") else None
    if label is None and (fact.kind == "count" or fact.value.get("head") == "age") and not fact.value.get("tally"):
        label = _listed_designation(q, noun)  # an age is read by its words ("Vista, 7,"): so is a list
    if label is not None:
        return Frame(role="identifier", thing=_phrase(label) if label.i != q.i else "")
    if fact.kind == "count" and not fact.value.get("tally"):
        if _ratio(q, noun):
            return Frame(role="ratio")
        whose = _age_of(fact, q, noun)
        if whose is not None:
            return Frame(role="age", thing=whose)
    # The word that stands for the quantity in its clause: the noun counted, or the number.
    arg = noun if noun is not None else q
    role = "total"
    thing = _phrase(noun, span) if noun is not None else ""
    children = list(q.children) + (list(noun.children) if noun is not None else [])
    # part of a whole: "four of the nine riders", "three of whom"
    of = next((c for c in q.children if c.dep_ == "prep" and _lemma(c) in _words("partitive") and c.i >= span.end
               and fact.kind == "count"), None)  # "eight years of rule" is no part
    obj = None
    if of is not None:
        role = "part" if _definite_object(of) else role  # "a pair of boots", "dozens of lorries": what is counted
        obj = next((c for c in of.children if c.dep_ == "pobj"), None)
        if obj is not None and obj.pos_ in ("NOUN", "PROPN") and not thing:
            thing = _phrase(obj)
            children += list(obj.children)
    elif fact.kind in ("money", "measure") and noun is None and not thing:
        # what a unit's worth is of: "three days of strikes", "40 km of road", "$5 million of aid"
        # (the complement of the unit's "of"); not the whole a part is taken from ("the first
        # 10 minutes of the match", "two years of a five-year sentence": a part an adjective
        # picks out, or a whole measured in the same unit) nor the place a distance is "within" of
        obj = next((o for c in q.children if c.dep_ == "prep" and c.lower_ == "of" and c.i >= span.end
                    for o in c.children if o.dep_ == "pobj" and o.pos_ == "NOUN"), None)
        # an adjective before the numeral picks a part out ("the first ten minutes"; not "$",
        # a compound before the number of an amount)
        numeral = min((c.i for c in q.children if c.dep_ == "nummod"), default=q.i)
        part = any(c.dep_ == "amod" and c.i < numeral for c in q.children) or _lemma(q.head) == "within" \
            or (obj is not None and any(_lemma(t) == _lemma(q) or t.lower_.endswith("-" + _lemma(q))
                                        for t in obj.subtree if t.i != obj.i))
        if obj is not None and not part:
            thing = _phrase(obj)
        obj = None
    elif arg.dep_ == "pobj" and _lemma(arg.head) in _words("partitive") and arg.head.lemma_ != "of":
        role = "part"  # "including three children", "among them 12 police"
    elif arg.dep_ == "pobj" and _lemma(arg.head) == "of" and (arg.head.head.like_num or (
            arg.head.head.pos_ in ("VERB", "AUX") and arg.head.i < arg.head.head.i
            and (arg.head.i == 0 or arg.doc[arg.head.i - 1].is_punct))):
        role = "whole"  # the 40 of "14 of the 40 berths", or of a fronted "Of the 40 aboard, 14 died"
    increments = _words("increment")
    for c in children:
        if _lemma(c) in increments and c.dep_ in ("amod", "advmod", "quantmod", "det"):
            if any(s.lower_ == "than" for s in c.subtree if s.i != c.i):
                role = "difference"  # "five more than they need": the figure is a difference
            elif not any(s.lower_ == "than" for s in c.head.children):  # "more than 40" is a bound
                role = "increment"  # "another 30", "eleven more bodies"
    prep = arg.head if arg.dep_ == "pobj" else None
    changes = _words("change")
    if prep is not None and _lemma(prep) == "from" and _lemma(prep.head) in changes:
        role = "earlier"  # "down from 64", "fell from 64 to 58"
    elif prep is not None and _lemma(prep) == "by" and _lemma(prep.head) in changes:
        role = "change"  # "rose by 12"
    elif arg.dep_ in ("npadvmod", "dobj") and _lemma(arg.head) in changes and arg.head.pos_ == "VERB" \
            and not _moved(fact, arg.head):
        role = "change"  # "rose 12 percent"
    # the value a quantity changed to: "the toll rose to 14", "fell from 64 to 58"
    revised = prep is not None and _lemma(prep) == "to" and _lemma(prep.head) in changes
    membership = False
    if fact.kind == "count" and noun is not None and noun.dep_ in ("compound", "amod", "nmod") \
            and noun.head.pos_ == "NOUN" and noun.i < noun.head.i and _measure_premodifier(span, noun):
        if _lemma(noun) in _words("membership"):
            thing = _lemma(noun.head)  # "the 9-member crew", "a 12-man team": the group's own count
            membership = True
        else:
            role = "capacity"  # "a 450-seat theatre", "a 40-bed ward"
            thing = f"{_phrase(noun)} of {_lemma(noun.head)}"
    if role == "total" and fact.kind == "count" and _capacity(arg):
        role = "capacity"  # "certified to carry 40 people", "a capacity of 1,200"
    rates = _words("rate")
    for c in list(arg.head.children) + list(arg.children):
        if span.start <= c.i < span.end or from_event(c):
            continue  # the figure's own unit, or a gap from an event ("a week before the vote"), is no rate
        if c.dep_ == "npadvmod" and c.pos_ == "NOUN" and any(
                d.dep_ == "det" and _lemma(d) in ("a", "an", "each", "every")
                and d.i in (span.end, noun.i + 1 if noun is not None and noun.i >= span.end else span.end)
                for d in c.children) \
                and not any(d.dep_ in ("amod", "compound", "prep", "advmod", "relcl", "acl") for d in c.children):
            role = "rate"  # "$4 million a day", "$31 million a season", "$2 a share": the distributive
            # article (CGEL ch. 5, 7.3), on a bare noun (not "a fortnight later" nor "a new deal")
        elif c.dep_ == "prep" and _lemma(c) == "per" and any(_lemma(o) in rates for o in c.children):
            role = "rate"  # "$4 million per day" (not "per household": that is per unit)
    # What is said of it: the noun's own words first, then its governing word and that
    # word's complements ("remain missing", "confirmed dead", "the toll rose to 14").
    candidates: list[Token] = []
    # a headline's capitalised words are read as nouns and names, so its parse says little
    # against its noun: there the noun's own words come first
    noun_first = noun is not None and _title_case(q.doc)
    if noun is not None:
        candidates += [c for c in noun.children if c.dep_ == "compound"] + [noun] if noun_first else []
        candidates += [c for c in noun.children if c.dep_ in MODIFIER_DEPS and c.dep_ != "compound"]
    candidates += [c for c in q.children if c.dep_ in MODIFIER_DEPS]
    if q.dep_ == "advmod" and q.head.pos_ in ("VERB", "AUX"):
        candidates.append(q.head)  # a number of times says it of the verb's event ("shot twice")
    # a conjunct noun shares its first conjunct's governing word ("a woman and two men were shot")
    first = arg
    while first.dep_ == "conj" and first.head.pos_ in ("NOUN", "PROPN", "NUM") and first.head.i != first.i:
        first = first.head
    gov = first.head
    while gov.head.i != gov.i and (gov.dep_ == "prep" or gov.pos_ == "ADP") and not predicate_class(gov):
        gov = gov.head  # up from "to", "of", ...; a preposition with a class of its own says it ("worth")
    if first.dep_ == "pobj" and _lemma(first.head) == "of" and gov.pos_ == "NOUN" and _lemma(gov) in quantity_nouns() \
            and gov.head.i != gov.i:
        first, gov = gov, gov.head  # "a total of 7 miners were injured": the number-transparent noun
        # passes what its clause says on to what it counts (CGEL ch. 5, § 3.3)
    coordinated = first.dep_ in ("conj", "appos") and gov.pos_ in ("VERB", "AUX", "ADJ")  # "3 killed, 12 hurt":
    # set beside the predicate, not its argument (a headline's two clauses read as one)
    # the whole of a part ("the 120 people" of "of the 120 people on board, 98 were rescued")
    # is no argument of what the clause says of the part
    if first.dep_ in ARGUMENT_DEPS and gov.i != first.i and not coordinated and role != "whole":
        subject = next((c for c in gov.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in (arg.i, first.i)), None)
        # a span after a preposition times the verb's event, not its subject ("40 people were
        # hurt over the past six days"), unless "for" gives how long an event with no object
        # went on ("the standoff lasted for five hours"); a copula's is its subject's
        spans_event = fact.kind == "measure" and fact.value.get("dimension") == "duration" \
            and first.dep_ == "pobj" and not (_lemma(first.head) == "for" and gov.pos_ == "VERB"
                                              and not any(c.dep_ in ("dobj", "auxpass") for c in gov.children))
        level = first.dep_ == "dobj" and _lemma(gov) in _words("level") | _words("change")  # "reached 40"
        valued = next((c for c in gov.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None) \
            if first.dep_ == "pobj" and _lemma(first.head) in ("to", "at") and gov.pos_ == "VERB" else None
        if valued is not None and not thing and not spans_event:
            # the value the verb's object is brought to or put at ("bringing the tally to 41", "the
            # find brought the toll to 41", "put the losses at $3 billion"): in the causative
            # alternation the object of the transitive verb is what the subject of the
            # intransitive is ("the toll rose to 86"; Levin 1993, 1.1.2.1), and "to" gives what
            # it changed to
            thing = _phrase(valued)
            candidates += _counted(valued)
            revised = revised or _lemma(first.head) == "to"
        elif subject is not None and (first.dep_ in ("pobj", "attr") or level) and not thing and subject.pos_ == "NOUN" \
                and not spans_event:
            thing = _phrase(subject)  # "the toll rose to 14", "the toll reached 40": the toll is what it is
            candidates += _counted(subject)
        candidates.append(gov)
        candidates += [c for c in gov.children if c.dep_ in ("acomp", "oprd", "attr", "prt")]
        if _lemma(gov) == "be":  # a copula's place says it ("90 passengers were on board")
            candidates += [o for c in gov.children if c.dep_ == "prep" for o in c.children
                           if o.dep_ == "pobj" and predicate_class(o) in LOCATIVE_CLASSES]
        candidates += _resultative(gov)
        # what came of it: a verb coordinated with the governing one that shares its
        # subject, where the figure is that subject ("two guards were shot and died"; not
        # "a gunman shot four people and was killed", whose second verb is the gunman's)
        if first.dep_ in ("nsubj", "nsubjpass"):
            candidates += [c for c in gov.children if c.dep_ == "conj" and c.pos_ == "VERB"
                           and not any(d.dep_ in ("nsubj", "nsubjpass", "dobj") for d in c.children)]
        # a passive raising verb's complement says it ("is believed to have been arrested";
        # not "tried to rob", whose subject only tried)
        if any(c.dep_ == "auxpass" for c in gov.children):
            candidates += [c for c in gov.children if c.dep_ == "xcomp"]
    if obj is not None and obj.pos_ in ("ADJ", "VERB"):
        candidates.append(obj)  # "two of the injured", "three of the dead": a state used as a noun,
        # after what the clause says ("two of the injured died")
    if noun is not None:
        # where a phrase after the noun puts it ("the 120 people on board"): a locative class
        # only, which any other class said of the thing outranks
        candidates += [o for c in noun.children if c.dep_ == "prep" for o in c.children
                       if o.dep_ == "pobj" and predicate_class(o) in LOCATIVE_CLASSES]
    if noun is not None and not noun_first:
        # the noun's own words last: a noun that names the thing by a state ("passengers",
        # "bodies", "crew") says it only where nothing else is said of the thing ("120
        # passengers", but "30 passengers were rescued", "three crew members died")
        candidates += [c for c in noun.children if c.dep_ == "compound"] + [noun]
    if not candidates or not _predicate(candidates)[0]:
        # a headline's elided copula: "30 missing", "Five dead"
        nxt = span.doc[span.end] if span.end < len(span.doc) else None
        if nxt is not None and (nxt.pos_ == "ADJ" or nxt.tag_ == "VBN" or (nxt.tag_ == "VBG" and predicate_class(nxt))):
            candidates.append(nxt)
    predicate, word = _predicate(candidates)
    if fact.kind == "count" and not predicate and role != "capacity" and not membership and _indefinite_one(fact, q):
        return Frame(role="indefinite", thing=thing)
    head = _clause_head(arg)
    return Frame(thing=thing, predicate=predicate or word, role=role, scope=_scope(head, q, span),
                 agent=_agent(head, span), revised=revised)


def _capacity(arg: Token) -> bool:
    """Whether a figure (``arg``: the number or the noun it counts) is what something can hold
    rather than what it holds (``data/frame_words.tsv``, "capacity"): the complement of
    "capacity" ("a capacity of 1,200"), the object of a verb of capacity ("seats 50,000") or of
    one of carrying where a modal or a verb of permission or design grants it ("can carry
    40", "certified to carry 40", "built to hold 1,200"), the object of "allow" with no
    action allowed ("its permit allows 40"), and what a thing was made or licensed for
    ("built for 40 passengers")."""
    head = arg.head
    if arg.dep_ == "pobj":
        over = head.head
        if _lemma(head) == "of" and _lemma(over) in _words("capacity"):
            return True
        return _lemma(head) == "for" and over.pos_ == "VERB" and _lemma(over) in _words("capability")
    if arg.dep_ != "dobj" or head.pos_ not in ("VERB", "AUX"):
        return False
    verb = _lemma(head)
    if verb in _words("capacity"):
        return True
    if verb in _words("permission"):
        return not any(c.dep_ in ("xcomp", "ccomp", "advcl") for c in head.children)
    if verb not in _words("capacity_granted"):
        return False
    granted = any(c.dep_ == "aux" and _lemma(c) in _words("capability") for c in head.children)
    # the infinitive the parse hangs from the granting verb as its complement or, after a
    # passive, as an adverbial clause ("is certified to carry")
    infinitive = head.dep_ in ("xcomp", "advcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children)
    return granted or (infinitive and _lemma(head.head) in _words("capability"))


def _moved(fact: Fact, verb: Token) -> bool:
    """Whether a length said with a verb of change that is also one of directed motion
    ("fell", "rose"; not "grew") is the way a person went, not a change of a level: the verb's
    subject is a person ("the climber fell 200 metres"; but "the river rose two metres", "the
    boy grew 10 centimetres"), or, for a gerund after a preposition with no subject of its
    own, the subject of the clause it modifies ("X died after slipping and falling 150
    metres"). A common noun with no entity label may be a person by any of its senses
    ("climber"); a name only as the recogniser labels it."""
    if fact.value.get("dimension") != "length" or _lemma(verb) not in _words("motion"):
        return False
    subjects = _subjects(verb)
    while not subjects and verb.dep_ in ("conj", "pcomp", "prep") and verb.head.i != verb.i:
        verb = verb.head
        subjects = _subjects(verb) if verb.pos_ in ("VERB", "AUX") else []
    return any(_person(s) or (s.pos_ == "NOUN" and not s.ent_type_ and _lemma(s) in _PERSON_SENSES)
               for s in subjects)


def _subjects(verb: Token) -> list[Token]:
    """The subjects of ``verb``, or the noun of the "by" phrase of a passive; a verb without
    one shares the subject of the verb it hangs from (``SUBJECT_SHARING``: "X scored 20 and
    grabbed 11 rebounds": X's)."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    subjects += [o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
    if not subjects and verb.dep_ in SUBJECT_SHARING and verb.head.i != verb.i:
        return _subjects(_clause_head(verb.head))
    return subjects


def _agent(verb: Token, own: Span) -> tuple[str, ...]:
    """The names (``AGENT_LABELS``) in the subject of ``verb``, or in the "by" phrase of a
    passive, lower-cased and sorted; none when the figure itself sits in the subject ("12
    people were hurt") or the clause has no named subject."""
    names: set[str] = set()
    cut = dateline_end(own.doc.text)  # a wire dateline the parse hung from the verb names no agent
    for subject in _subjects(verb):
        lo, hi = subject.left_edge.i, subject.right_edge.i + 1
        if lo < own.end and own.start < hi or subject.idx < cut:
            continue
        found = {" ".join(t.lower_ for t in ent if not t.is_punct and t.lower_ not in ("the", "'s"))
                 for ent in own.doc.ents if ent.label_ in AGENT_LABELS and lo <= ent.start and ent.end <= hi
                 and ent.start_char >= cut}
        if not found and subject.pos_ == "PROPN" and subject.ent_type_ in ("", *AGENT_LABELS):
            found = {_phrase(subject).lower()}  # a name the recogniser missed ("the Nationals")
        names |= found
    return tuple(sorted(n for n in names if n))


#: Entity labels (spaCy's OntoNotes scheme) that are no names: times, amounts and events. A
#: date word inside a longer entity of any other label ("USA Today") names, it does not date
#: (a date the tagger labels as a name on its own, "2 Mar 2021" as a product, stays a date).
NOT_NAME_LABELS = TIME_LABELS | {"PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "EVENT"}


def _date_frame(fact: Fact, span: Span) -> Frame:
    name = next((e for e in span.doc.ents if e.start <= span.start and span.end <= e.end), None)
    if name is not None and name.label_ not in NOT_NAME_LABELS and (name.start, name.end) != (span.start, span.end):
        return Frame(role="identifier")  # a word of a longer name: dropped, like "Flight 370"
    d = span.root
    outside = not (span.start <= d.head.i < span.end)
    if outside and d.dep_ in ("compound", "nmod", "amod") and d.head.pos_ == "NOUN" and d.head.i > d.i \
            and len(span) == 1 and HOLIDAY.fullmatch(fact.text) and d.head.ent_type_ not in TIME_LABELS \
            and _lemma(d.head) not in _words("day_parts") | DURATION_UNITS:
        return Frame(role="classifier")  # "a Christmas fair", "Christmas shoppers": of the season, not the day
    if _is_year(d) and outside and d.head.pos_ == "PROPN" and d.head.i == d.i - 1 and d.head.ent_type_ not in TIME_LABELS:
        return Frame(role="identifier")  # "WWDC 2012": a name's number (not "Ramadan 2019", "FY
        # 2019"; a month before a year, "March 2012", is in the date's own span)
    doc = span.doc
    if [t.lower_ for t in doc[span.end: span.end + 2]] in (["of", "each"], ["of", "every"]):
        return Frame(role="recurring")  # "the first Monday of each month": a set of days, no date
    gov = d.head
    while gov.head.i != gov.i and (gov.dep_ == "prep" or gov.pos_ == "ADP"):
        gov = gov.head
    if d.head.i == d.i:
        gov = d
    while (gov.ent_type_ in TIME_LABELS or (gov.dep_ == "npadvmod" and gov.pos_ == "NOUN")) and gov.head.i != gov.i:
        gov = gov.head  # "Monday morning", "tomorrow morning": a time of day, or a noun used as
        # an adverb of time, is the date's own, not the event dated
    noun = gov if gov.pos_ in ("NOUN", "PROPN") and gov.i != d.i else None
    verb = _clause_head(gov)
    parts = []
    subject = _event_subject(verb)
    if subject is not None:
        parts.append(_lemma(subject))
    if verb.pos_ != "AUX":  # a copula ("the hearing was on March 3") names no event of its own
        parts.append(_lemma(verb))
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "attr")), None)
    if obj is not None and obj.pos_ != "PRON":
        parts.append(_lemma(obj))
    if noun is not None and _lemma(noun) not in parts:
        parts.append(_lemma(noun))  # "the March 14 quake"
    # a date that modifies a noun ("Sunday's election", "the March 3 vote") dates that noun's
    # event, whatever verb the noun hangs from; otherwise a reporting verb makes it a statement
    role = "statement" if noun is None and _lemma(verb) in _words("reporting") else "event"
    return Frame(event=" ".join(parts), role=role, scope=_scope(verb, d, span))


def _event_subject(verb: Token) -> Token | None:
    """Who or what does what ``verb`` says, as a noun: its subject; for a relative pronoun
    ("the blaze, which began at dawn"), the noun the relative clause describes; where the
    subject is a pronoun or missing, the noun of a passive's "by" phrase ("it was flooded by
    the river"). None when only a pronoun names it."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
        subject = verb.head
    if subject is None or subject.pos_ == "PRON":
        subject = next((o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"), None)
    return subject if subject is not None and subject.pos_ != "PRON" else None


def read_frame(fact: Fact, doc: Doc | None) -> Frame | None:
    """The frame of ``fact`` in the parse of its sentence, or None when its span is not in it."""
    if doc is None:
        return None
    offset = fact.start - fact.sentence_start
    span = tokens_in(doc, offset, offset + len(fact.text))
    if span is None:
        return None
    if fact.kind == "date":
        return _date_frame(fact, span)
    return _number_frame(fact, span)


def _refers_back(t: Token) -> bool:
    """Whether ``t`` is a pronoun that refers back beyond its sentence: a third-person
    personal pronoun ("he", "it", "they"), or a demonstrative one ("this", "that"), by the
    parser's morphology (Universal Dependencies features). "I" and "we" name the speaker,
    and a relative pronoun's antecedent is in its own sentence."""
    kind = t.morph.get("PronType")
    return "Dem" in kind and t.pos_ == "PRON" or "Prs" in kind and "3" in t.morph.get("Person")


def _anaphoric_subject(doc: Doc, fact: Fact) -> bool:
    """Whether the clause of ``fact`` has a pronoun subject that refers back ("It killed 12",
    "He had <n> yards")."""
    offset = fact.start - fact.sentence_start
    span = tokens_in(doc, offset, offset + len(fact.text))
    if span is None:
        return False
    return any(_refers_back(c) for c in _subjects(_clause_head(span.root)))


def _definite_again(doc: Doc, fact: Fact, previous, earlier) -> bool:
    """Whether the clause of ``fact`` has as subject a bare definite noun ("the" and the noun,
    nothing that tells it apart: not "the quake on Sunday") whose noun the previous
    sentence's subject introduced, with the indefinite article, for the first time in the
    article (``earlier()``: its text before that sentence): "In 2004, a tsunami killed ... The
    tsunami also destroyed ...". New information introduced with "a", given with "the"
    (Prince 1981): the clause continues that sentence's event. ``previous()`` parses that
    sentence; both are asked only where the subjects match, so a long article pays for its
    text once per match, not once per figure."""
    offset = fact.start - fact.sentence_start
    span = tokens_in(doc, offset, offset + len(fact.text))
    if span is None:
        return False
    mine = {_lemma(t) for t in _subjects(_clause_head(span.root)) if t.pos_ == "NOUN"
            and [(c.dep_, c.lower_) for c in t.children] == [("det", "the")]}
    if not mine:
        return False
    root = next((t for t in previous() if t.head.i == t.i), None)
    return root is not None and any(
        _lemma(t) in mine and t.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in t.children)
        and not re.search(rf"\b{re.escape(t.lower_)}", earlier(), re.IGNORECASE) for t in _subjects(root))


def _inherited(frame: Frame, previous: Doc, dates: list[Fact]) -> Frame:
    """``frame`` with the years and places of the previous sentence, and its dates as
    ``date:<first day>/<last day>`` items, added to its scope; and, where the frame names no
    agent, the names in the subject of the previous sentence's main clause as its agent (the
    pronoun continues that subject: "Smith ran for 90 yards. He also caught 12 passes")."""
    extra = set(frame.scope)
    agent = frame.agent
    root = next((t for t in previous if t.head.i == t.i), None)
    if root is not None:
        extra.update(_scope(root, root, previous[0:0]))
        if not agent:
            agent = _agent(root, previous[0:0])
    for d in dates:
        if d.value.get("start") and d.value.get("end"):
            extra.add(f"date:{d.value['start']}/{d.value['end']}")
    return replace(frame, scope=tuple(sorted(extra)), agent=agent)


def add_frames(facts: list[Fact], sentences: list[Sentence] | None = None) -> list[Fact]:
    """``facts`` with a frame on each count, amount, measure and date; sentences are parsed
    in one batch. Facts whose frame says they are identifiers ("Flight 370") are dropped.

    With the article's ``sentences``, a figure whose clause has a pronoun subject that refers
    back ("It destroyed 40 homes", after a sentence on an earlier storm) also takes the scope
    of the sentence before (``_inherited``): its years, places and dates, and, naming no agent
    of its own, the names in that sentence's subject as its agent. Centering theory
    (Grosz, Joshi & Weinstein, 1995): a pronoun subject continues the previous sentence's
    centre."""
    framed = [f for f in facts if f.kind in FRAMED_KINDS]
    docs = dict(zip((f.sentence for f in framed), parse_many(f.sentence for f in framed)))
    starts = [st.start for st in sentences] if sentences else []
    facts_at: dict[int, list[Fact]] = {}
    for f in facts:
        facts_at.setdefault(f.sentence_start, []).append(f)
    out = []
    for f in facts:
        if f.kind not in FRAMED_KINDS:
            out.append(f)
            continue
        doc = docs.get(f.sentence)
        frame = read_frame(f, doc)
        if frame is not None and frame.role in DROPPED_ROLES:
            continue
        if frame is not None and frame.role == "age":
            out.append(replace(f, kind="measure", frame=None,
                               value=age_value(f.value["low"], f.value["high"], frame.thing, None)))
            continue
        k = bisect_left(starts, f.sentence_start)
        prev = sentences[k - 1] if sentences and 0 < k <= len(sentences) else None

        def previous(prev: Sentence | None = prev) -> Doc | None:
            """The parse of the sentence before (parsed once, when asked)."""
            return parse(prev.text) if prev is not None else None

        if frame is not None and f.kind != "date" and prev is not None and doc is not None:
            if _anaphoric_subject(doc, f) or _definite_again(
                    doc, f, previous, lambda k=k: " ".join(st.text for st in sentences[: k - 1])):
                frame = _inherited(frame, previous(), [d for d in facts_at.get(prev.start, []) if d.kind == "date"])
        if frame is not None and f.kind != "date" and doc is not None:
            frame = _with_times(frame, f, doc, facts_at.get(f.sentence_start, []))
        if frame is not None and frame.thing and (f.value.get("item_from") == "antecedent" or (
                f.kind == "count" and not f.value.get("item") and doc is not None and _common_noun(doc, f, frame.thing))):
            # the parse found what the figure counts in its own sentence ("three other
            # cars", "12 more pupils", "the death toll rose to 10"): an earlier count's noun,
            # guessed where the words after the number gave none, gives way, and no noun
            # after the number is none counted
            f = replace(f, value=dict(f.value, item=_written(doc, f, frame.thing), head=frame.thing.split()[-1],
                                      item_from="parse"))
        elif frame is not None and f.value.get("item_from") == "antecedent" and _says_otherwise(f, frame, doc, previous):
            # "4 Dead, 3 Wounded": the earlier figure's word is what is said of it, not a
            # thing; this figure says something else of its own, so what it counts is unknown
            f = replace(f, value=dict(f.value, item="", head="", item_from="none"))
        elif frame is not None and f.value.get("item_from") == "antecedent" and _sizes_a_noun(f, doc):
            # "a population of 120,000": the number is the size of the noun before "of", no
            # count of the things an earlier figure counted; what it counts is left unknown
            f = replace(f, value=dict(f.value, item="", head="", item_from="none"))
        elif frame is not None and frame.thing and f.kind == "count" and f.value.get("item_from") == "text":
            f = _item_to_head(f, frame, doc)
        out.append(replace(f, frame=frame) if frame is not None else f)
    return out


def _item_to_head(fact: Fact, frame: Frame, doc: Doc | None) -> Fact:
    """A count whose words after the number run past the noun the parse finds it counts
    ("several dozen farmers blocked roads", "40 homes suffering flood damage"): its item
    ends at that noun, which is its head. The words alone do not tell a verb or a participle
    after a plural ("threw", "suffering") from a noun premodifier ("arms trafficking
    suspects", "nursing homes"); the parse does."""
    words = str(fact.value.get("item") or "").split()
    if doc is None or len(words) < 2:
        return fact
    written = _written(doc, fact, frame.thing).split()[-1]
    if written not in words[:-1] or singular(words[-1]) == frame.thing.split()[-1]:
        return fact
    kept = words[: words.index(written) + 1]
    return replace(fact, value=dict(fact.value, item=" ".join(kept), head=singular(written)))


def _says_otherwise(fact: Fact, frame: Frame, doc: Doc | None, previous) -> bool:
    """Whether a figure's item, taken from an earlier figure, is a word that says something of
    what was counted ("4 Dead, 3 Wounded": an adjective or a participle, of a class of
    ``data/predicates.tsv``) rather than a noun that names it ("8 crew ... 3 were killed"),
    and the figure's own frame gives another class. The word is read where the earlier figure
    wrote it: before the figure in its sentence, else in the sentence before (``previous()``)."""
    item = fact.value.get("item", "").lower()
    classes = predicate_classes()
    said = classes.get(item, "") if item and " " not in item else ""
    if not said or frame.predicate == said or frame.predicate not in set(classes.values()):
        return False
    at = fact.start - fact.sentence_start
    mine = [t for t in doc if t.lower_ == item and t.idx < at] if doc is not None else []
    word = mine[-1] if mine else next((t for t in reversed(previous() or []) if t.lower_ == item), None)
    if word is not None and word.pos_ == "PROPN" and _title_case(word.doc):
        # a headline's capitals make the tagger read words as names: its word as in running text
        word = next((t for t in parse(word.doc.text.lower()) if t.idx == word.idx), word)
    return word is not None and (word.pos_ in ("ADJ", "VERB") or word.dep_ in ("amod", "acomp", "oprd", "acl"))


def _sizes_a_noun(fact: Fact, doc: Doc) -> bool:
    """Whether a figure is the object of "of" after a noun ("a population of 120,000", "a
    crowd of 5,000"): it gives that noun's size."""
    offset = fact.start - fact.sentence_start
    span = tokens_in(doc, offset, offset + len(fact.text))
    q = span.root if span is not None else None
    return q is not None and q.dep_ == "pobj" and q.head.lower_ == "of" and q.head.head.pos_ == "NOUN"


def _common_noun(doc: Doc, fact: Fact, thing: str) -> bool:
    """Whether the frame's ``thing`` is a common noun as the sentence writes it, outside a
    headline's capitals: a name ("Drake 65-53") or a headline's verb read as a noun ("Quake
    Kills 10") is no thing counted."""
    head = _thing_token(doc, fact, thing)
    return head is not None and not _title_case(doc) and head.pos_ == "NOUN"


def _thing_token(doc: Doc, fact: Fact, thing: str) -> Token | None:
    """The token of the sentence nearest the figure with the lemma of the frame's ``thing``'s head."""
    lemma = thing.split()[-1]
    at = fact.start - fact.sentence_start
    return min((t for t in doc if _lemma(t) == lemma), key=lambda t: (abs(t.idx - at), t.i), default=None)


def _written(doc: Doc, fact: Fact, thing: str) -> str:
    """The frame's ``thing`` (lemmas) as the sentence writes it ("three other cars":
    "cars"): the nearest token to the figure with its head's lemma, with its compounds."""
    head = _thing_token(doc, fact, thing)
    if head is None:
        return thing
    parts = sorted([c for c in head.children if c.dep_ == "compound" and c.i < head.i] + [head], key=lambda t: t.i)
    return " ".join(t.text for t in parts)


def _with_times(frame: Frame, fact: Fact, doc: Doc, others: list[Fact]) -> Frame:
    """``frame`` with the times its sentence names in words, as ``when:<words>`` items of its
    scope: the named entities of the parse labelled DATE ("this season", "since round 3",
    "on Sunday" in an undated report). Of the whole sentence, not of the clause: a time
    phrase is often hung on the wrong verb. Left out: an entity that is a fact of its own
    (a duration or an age the parse labels DATE, a date the extractor anchored: those are
    compared as values and days) unless it is a date no day anchors, and a dateline (the
    report's own date, no time of the story)."""
    line = DATELINE.match(doc.text)
    skip = [(o.start - o.sentence_start, o.end - o.sentence_start) for o in others
            if o.kind in FRAMED_KINDS and not (o.kind == "date" and not o.value.get("anchored"))]
    skip.append((fact.start - fact.sentence_start, fact.end - fact.sentence_start))
    if line is not None:
        skip.append(line.span())
    times = set()
    for ent in doc.ents:
        if ent.label_ != "DATE" or any(a < ent.end_char and ent.start_char < b for a, b in skip) \
                or not _time_point(ent):
            continue
        words = " ".join(w.lower_ for w in ent if not w.is_punct)
        if words and not _is_year_words(words):
            times.add("when:" + words)
    # a date a figure is counted from ("fined four times since March") bounds what is
    # counted, whether or not a day anchors it: a part of a total over time, not the total
    times.update("when:since " + " ".join(o.text.lower().split()) for o in others
                 if o.kind == "date" and str(o.value.get("preposition") or "").lower() == "since")
    if not times:
        return frame
    return replace(frame, scope=tuple(sorted(set(frame.scope) | times)))


#: Time units whose count makes a length of time ("six years", "a seven-year-old"): the
#: duration units of ``data/units.json`` and the rate nouns of ``data/frame_words.tsv``
#: ("three nights").
DURATION_UNITS = frozenset(u["name"] for u in load_data("units.json")["units"] if u["dimension"] == "duration") \
    | _words("rate")


def _time_point(ent: Span) -> bool:
    """Whether a DATE entity names when, not how long or how often: not a count of time
    units ("six years", "seven-year-old", unless counted from something: "nine years ago",
    "ten days after"), not a repetition ("every winter", "each year")."""
    if ent[0].lower_ in ("every", "each"):
        return False
    counted = any(t.like_num and any(u.lemma_.lower() in DURATION_UNITS for u in ent.doc[t.i + 1: min(t.i + 4, ent.end)])
                  for t in ent)
    return not counted or any(t.lower_ in ("ago", "after", "before", "later", "earlier") for t in ent)


def _is_year_words(words: str) -> bool:
    """A year alone ("2004"): the clause's years are ``year:`` items already."""
    return words.isdigit() and YEARS[0] <= int(words) <= YEARS[1]
