"""A group's label a reader understands, built from its facts' frames.

A label says what a group of facts is about and what kind of value it holds, as
``<what> — <kind>``: "miners trapped — count", "board ratified merger — date",
"Ortiz on Harbour Treaty — quote" (examples made up for this docstring). It replaces the
bag of weighty words alignment computes (``Group.topic``), which stays in report.json as
``topic``; the label is ``label``.

- count, amount, measure: the thing (the written item when it names the frame's thing,
  with its case; else the frame's lemmas) and what is said of it (the predicate class,
  or the governing word as the sentence writes it), then the figure's role when it is
  not a plain total and the place the clause names;
- date: the event it dates (subject, verb, object as the sentence writes them);
  a date of a statement says so;
- quote and statement: the speaker (a person's surname) on the name most versions of
  the quote mention (a run of capitalised words that is not the speaker), else on the
  group's weightiest words.

Each slot takes the value most of the group's facts give (ties: the first fact's), so
that one odd parse does not name the group. A slot no fact fills is left out; a label
with no slot filled falls back to the group's topic words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from crosscheck.context import STOPWORDS
from crosscheck.extract.dates import MONTHS, WEEKDAYS
from crosscheck.extract.frames import predicate_classes
from crosscheck.extract.measures import DIMENSION_ADJECTIVES
from crosscheck.extract.numbers import load_lists, singular
from crosscheck.models import Fact

#: Separator between what a group is about and its kind, in every label.
SEP = " — "

#: Word naming each kind of value in a label.
KIND_WORDS = {"count": "count", "money": "amount", "measure": "measure", "date": "date",
              "quote": "quote", "statement": "statement", "framing": "framing"}

#: How a figure's role (``models.NUMBER_ROLES``) reads in a label; a total says nothing.
ROLE_WORDS = {"part": "part", "whole": "whole", "increment": "increase", "earlier": "earlier figure",
              "change": "change", "difference": "difference", "capacity": "capacity", "rate": "rate"}

#: Predicates a kind of value already says: an amount's "cost" adds nothing to "amount".
IMPLIED = {"money": frozenset({"cost"})}

#: Endings of the predicate classes of ``data/predicates.tsv`` that read after a noun as
#: the sentence's gerund does not ("people injured", not "people injuring"): participles and
#: the adjectives of state.
PARTICIPLE_ENDINGS = ("ed", "en", "dead", "missing", "aboard", "shot", "won")

#: Plurals not formed from their singular, as a thing's lemma and its written plural differ.
SUPPLETIVE = {"person": "people", "man": "men", "woman": "women", "child": "children"}

#: Longest thing kept, in words (the last words: the head noun ends an English noun phrase).
THING_WORDS = 5
#: Longest label, in characters, before its "what" is cut with an ellipsis.
LABEL_CHARS = 80

#: Words a written item starts with that are no part of the thing ("these systems").
DETERMINERS = frozenset("the a an these those this that some its their his her our my your another "
                        "other such".split())

#: The past and participle of irregular English verbs, which a lemma's prefix does not find in
#: the sentence ("say" / "said", "take" / "took", "taken"): ``data/lexicon.tsv``.
IRREGULAR = {lemma: tuple(forms) for lemma, *forms in (
    entry.split(":") for entry in load_lists("lexicon.tsv")["irregular_verbs"])}

_WORD = re.compile(r"[\w][\w'’.-]*")
_CAPITAL_RUN = re.compile(r"(?:[A-Z][\w'’.-]*)(?:\s+[A-Z][\w'’.-]*)*")


def _majority(items: Sequence[str]) -> str:
    """The non-empty item most facts give; ties go to the one given first."""
    counts = Counter(i for i in items if i)
    if not counts:
        return ""
    top = max(counts.values())
    return next(i for i in items if i and counts[i] == top)


def _shared_place(facts: Sequence[Fact]) -> str:
    """The place most facts name, when more than half of them name it: a place one fact of
    several gives (an earlier event's, or a mistaken parse) would mislabel the rest."""
    place = _majority([_place(f) for f in facts])
    return place if place and 2 * sum(_place(f) == place for f in facts) > len(facts) else ""


def _surface(lemma: str, sentence: str) -> str:
    """``lemma`` as ``sentence`` writes it ("approve" -> "approved", "ortiz" ->
    "Ortiz"), or the lemma when no word of the sentence is its form."""
    words = _WORD.findall(sentence)
    low = lemma.lower()
    words = [w[:-1] if w.endswith(".") and w.count(".") == 1 else w for w in words]  # "case." / "U.S."
    irregular = IRREGULAR.get(low, ())
    for w in words:
        if w.lower() == low:
            return w
    for w in words:
        if w.lower() in irregular:
            return w
    forms = _inflections(low)
    for n, w in enumerate(words):
        if w.lower() in forms:
            return w.lower() if n == 0 and w[1:].islower() else w  # a sentence's capital: no name
    return lemma


def _inflections(lemma: str) -> frozenset[str]:
    """The regular inflected forms of an English verb, noun or adjective (-s, -ed, -ing, -er,
    -est, with the final "e" dropped, "y" after a consonant made "i", a final consonant
    doubled: Quirk et al. 1985, 3.5-3.9, 5.75, 7.74): "fire" is "fired", never "firm"."""
    stems = {lemma}
    if lemma.endswith("e"):
        stems.add(lemma[:-1])  # "fire" -> "fir" + ed, ing
    if len(lemma) > 2 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
        stems.add(lemma + lemma[-1])  # "stop" -> "stopped"
    out = {stem + end for stem in stems for end in ("ed", "ing", "er", "est")} | {lemma + "s", lemma + "es", lemma + "d"}
    if len(lemma) > 2 and lemma.endswith("y") and lemma[-2] not in "aeiou":
        out |= {lemma[:-1] + end for end in ("ied", "ies", "ier", "iest")}  # "carry" -> "carried"
    return frozenset(out | {lemma})


def _phrase(lemmas: str, sentence: str) -> str:
    return " ".join(_surface(w, sentence) for w in lemmas.split())


def _name(lemmas: str, sentence: str) -> str:
    """A name's lemmas as ``sentence`` writes them, else capitalised (a name resolved from the
    sentences before is not in its own)."""
    written = _phrase(lemmas, sentence)
    return written if written != lemmas else lemmas.title()


def _clean_item(item: str) -> str:
    words = [w for w in item.split() if w]
    while words and words[0].lower() in DETERMINERS:
        words = words[1:]
    return " ".join(words[-THING_WORDS:])


def _thing(f: Fact) -> str:
    """What a figure counts, prices or measures, as the article writes it where it can."""
    frame_thing = f.frame.thing if f.frame else ""
    item = _clean_item(str(f.value.get("item") or ""))
    head = str(f.value.get("head") or "")
    if f.value.get("from_place"):
        return f"distance from {f.value['from_place']}"  # a length from a named place
    if head == "age" and item:
        return f"age of {item}"  # "Ana Ortiz, 61,": whose age it is
    if item:
        last = item.split()[-1].lower()
        wanted = (frame_thing.split()[-1] if frame_thing else head).lower()
        if not wanted or last.startswith(wanted[: max(3, len(wanted) - 1)]) or SUPPLETIVE.get(wanted) == last:
            return item
    if frame_thing:
        return " ".join(_phrase(frame_thing, f.sentence).split()[-THING_WORDS:])
    return head


def _predicate(f: Fact, kind: str) -> str:
    """The frame's predicate as the sentence writes it: for a class (``data/predicates.tsv``),
    the word of the sentence that belongs to it ("buying" for the class of "buy" and "cost"),
    else the class name."""
    p = f.frame.predicate if f.frame else ""
    if not p or p in IMPLIED.get(kind, ()):
        return ""
    written = _surface(p, f.sentence)
    for lemma in _class_lemmas().get(p, (p,)):
        form = _surface(lemma, f.sentence)
        if form != lemma or re.search(rf"\b{re.escape(lemma)}\b", f.sentence, re.IGNORECASE):
            written = form
            break
    if written[:1].isupper() and written[1:].islower():
        written = written.lower()  # a headline's capital ("7 Villages Damaged"): no name
    if written.endswith("ing") and p in _class_lemmas() and p.endswith(PARTICIPLE_ENDINGS):
        return p  # "wounding 70 people": the people are wounded, the class says it after the noun
    return written


@lru_cache(maxsize=1)
def _class_lemmas() -> dict[str, tuple[str, ...]]:
    """Predicate class -> its lemmas, the class name first (read once)."""
    out: dict[str, list[str]] = {}
    for lemma, cls in predicate_classes().items():
        out.setdefault(cls, []).append(lemma)
    return {cls: tuple(dict.fromkeys([cls, *lemmas])) for cls, lemmas in out.items()}


def _place(f: Fact) -> str:
    places = [s.split(":", 1)[1] for s in (f.frame.scope if f.frame else ()) if s.startswith("place:")]
    return places[0] if places else ""


def _topic_words(topic: str, n: int = 4) -> str:
    """The words of an alignment topic, without its "lead: " prefix."""
    return " ".join(topic.split(": ", 1)[-1].split()[:n])


def _written_alike(items: list[str]) -> list[str]:
    """``items`` with each written as another item writes it in lower case, where one does: a
    headline's capitals ("7 Bridges Damaged" beside "seven bridges") are no name's, while a
    name keeps its capital where every fact writes it so ("Americans")."""
    lower = {i.lower() for i in items if i and i == i.lower()}
    return [i.lower() if i.lower() in lower else i for i in items]


#: Nouns that name what a length measures ("depth", "distance"): a measure of one says its
#: dimension already.
DIMENSION_NOUNS = frozenset(DIMENSION_ADJECTIVES.values())


def _figure_what(facts: list[Fact], kind: str, topic: str) -> str:
    thing = _majority(_written_alike([_thing(f) for f in facts]))
    predicate = _majority([_predicate(f, kind) for f in facts])
    classes = predicate_classes()
    if predicate and (predicate.lower() in thing.lower().split() or any(
            classes.get(w) == classes.get(predicate.lower(), predicate.lower()) for w in thing.lower().split())):
        predicate = ""  # "80 hurt": the thing already says it ("hurt", of class injured)
    role = ROLE_WORDS.get(_majority([f.frame.role if f.frame else "" for f in facts]), "")
    place = _shared_place(facts)
    dimension = _majority([str(f.value.get("dimension") or "") for f in facts]) if kind == "measure" else ""
    if thing and dimension and predicate.lower() not in _class_lemmas():
        # a measure of a thing says what is measured of it ("quake magnitude", "tremor
        # duration"), which a verb with no class ("puts", "hit") does not
        said = dimension in thing.lower() or thing.split()[0].lower() in DIMENSION_NOUNS | {"age"}
        # "depth", "distance from Elm Falls", "age of Jo Lee": the thing names the dimension
        last = thing.split()[-1]
        # a plural premodifies no noun: "duration of riots", but "tremor duration"
        measured = f"{dimension} of {thing}" if singular(last) != last.lower() else f"{thing} {dimension}"
        thing, predicate = (thing if said else measured), ""
    if not thing and kind == "measure":
        # a measure of nothing named ("stayed abroad for a month"): its dimension, and who
        # did what it measures, else the group's weightiest words
        agent = _majority([_name(f.frame.agent[0], f.sentence) if f.frame and f.frame.agent else "" for f in facts])
        words = [w for w in _topic_words(topic, 4).split() if w.lower() != predicate.lower()][:3]
        about = agent if agent and predicate else " ".join(words)
        thing = f"{dimension}: {about}" if dimension and about else dimension
    what = " ".join(x for x in (thing, predicate) if x) or _topic_words(topic)
    if place and place.lower() not in what.lower():
        what += f" in {place}"
    if kind == "money" and _majority([str(f.value.get("scope") or "") for f in facts]) == "per_unit":
        what += " each"
    if role:
        what += f" ({role})"
    return what


def _date_what(facts: list[Fact], topic: str) -> str:
    events = [(f.frame.event if f.frame else "", f) for f in facts]
    event = _majority([e for e, _ in events])
    if not event:
        return _topic_words(topic)
    sentence = next(f.sentence for e, f in events if e == event)
    what = _phrase(event, sentence)
    place = _shared_place(facts)
    if place and place.lower() not in what.lower():
        what += f" in {place}"
    return what


def short_speaker(speaker: str) -> str:
    """A person's surname ("Ana Ortiz" -> "Ortiz"); any other speaker as given
    ("the government", "U.S. Weather Service": initials and acronyms are no person's)."""
    words = speaker.split()
    if 2 <= len(words) <= 3 and all(w[:1].isupper() and w[1:].islower() and w.isalpha() for w in words):
        return words[-1]
    return speaker


#: Names of days and months, which are capitalised but name no one and nothing said about;
#: not the months that are as often given names ("April", "May", "June", "August"), which stay.
_CALENDAR_NAMES = frozenset(
    max((w for w in names if names[w] == n), key=len)  # the full name: the lists hold abbreviations too
    for names in (WEEKDAYS, MONTHS) for n in set(names.values())
) - {"april", "may", "june", "august"}


def _names(text: str, speaker: str) -> list[str]:
    """Runs of capitalised words in ``text``, in order: names of people, places, treaties.
    A single capitalised word that opens a sentence is left out unless it is an acronym
    ("Rivers like these" opens with a capital, not a name), and so are the speaker's names."""
    own = {w.lower() for w in speaker.split()}
    out = []
    for m in _CAPITAL_RUN.finditer(text):
        words = m.group(0).split()
        before = text[: m.start()].rstrip()
        opens = not before or before[-1] in ".!?“\"‘'"
        if opens:
            first = words[0]
            if len(words) == 1 and not first.isupper() or first.lower() in STOPWORDS:
                words = words[1:]
        words = [re.sub(r"[’']s$", "", w.strip(".’'")) for w in words]
        if any(w.lower() != w and "-" in w and w.split("-")[-1].islower() for w in words):
            continue  # "UN-backed": a modifier, not a name
        while words and words[0].lower() in STOPWORDS | {"i"}:
            words = words[1:]
        if not words or all(w.lower() in own for w in words):
            continue
        if len(words) == 1 and words[0].lower() in _CALENDAR_NAMES:
            continue  # "on Friday", "in September": when it was said, not what about
        out.append(" ".join(words))
    return out


def _speech_what(facts: list[Fact], topic: str) -> str:
    speaker = _majority([f.speaker or str(f.value.get("speaker") or "") for f in facts])
    contents = [str(f.value.get("content") or f.text) for f in facts]
    seen: Counter[str] = Counter()
    first: dict[str, int] = {}
    for i, text in enumerate(contents):
        for k, name in enumerate(_names(text, speaker)):
            first.setdefault(name, i * 1000 + k)
        seen.update(set(_names(text, speaker)))
    name = min(seen, key=lambda n: (-seen[n], -(len(n.split()) > 1 or n.isupper()), first[n])) if seen else ""
    taken = {w.lower() for w in (name + " " + speaker).split()}
    words = [w for w in _topic_words(topic, 6).split() if w.lower() not in taken][:3]
    about = ": ".join(x for x in (name, " ".join(words)) if x)
    who = short_speaker(speaker) if speaker else "unattributed"
    return f"{who} on {about}" if about else who


def _cut(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def group_label(facts: Sequence[Fact], topic: str = "") -> str:
    """The label of a group of facts: ``<what> — <kind>`` (see the module docstring);
    ``topic`` is alignment's bag of words, used where the frames say nothing."""
    facts = list(facts)
    if not facts:
        return _cut(topic, LABEL_CHARS)
    kinds = {f.kind for f in facts}
    kind = facts[0].kind if len(kinds) == 1 else "quote"
    if kind in ("quote", "statement"):
        what = _speech_what(facts, topic)
    elif kind == "date":
        what = _date_what(facts, topic)
    elif kind in ("count", "money", "measure"):
        what = _figure_what(facts, kind, topic)
    else:
        what = _topic_words(topic)
    return _cut(what or "(no topic)", LABEL_CHARS) + SEP + KIND_WORDS.get(kind, kind)


def split_label(label: str) -> tuple[str, str]:
    """(what, kind word) of a label made by ``group_label``."""
    what, _, kind = label.rpartition(SEP)
    return (what, kind) if what else (label, "")


#: How a sentence names what a group holds, by kind word: "the number of people missing".
SUBJECT_FORMS = {"count": "the number of {what}", "amount": "the amount of {what}",
                 "measure": "the measure of {what}", "date": "when {what}",
                 "quote": "{what}", "statement": "{what}"}


def subject(label: str) -> str:
    """What a group is about, as a sentence names it: "miners trapped — count" is "the
    number of miners trapped"."""
    what, kind = split_label(label)
    return SUBJECT_FORMS.get(kind, "{what}").format(what=what)
