"""The plain data passed between the pipeline's stages.

load -> ``Article``; extract -> ``Fact`` (from each extractor's ``Mention``);
align + score -> ``Cluster``; the whole result -> ``Report``.

``Fact.value`` is typed: one dataclass per fact kind (``DateValue``, ``MoneyValue``,
``CountValue``, ``MeasureValue``, ``QuoteValue``, ``StatementValue``, ``FramingValue``), whose
fields document the value's schema. Each is also a read-only mapping of the fields it holds,
so that ``value["low"]`` and ``value.get("qualifier")`` read it as before, and ``dict(value)``
is what report.json writes; a field never set is absent (not None). Every field is
JSON-ready (str, int, float, bool, None), so that the JSON report is a plain dump of these
records. Extractors yield plain dicts (``Mention.value``); a ``Fact`` made from one checks its
keys against its kind's fields (a key no field names is an error that says so).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # numpy is imported where the arrays are made (crosscheck.score), not by
    import numpy as np  # the command line's start-up (`crosscheck --help`)

#: Fact kinds, in the order reports list them.
FACT_KINDS = ("date", "money", "count", "measure", "quote", "statement", "framing")

#: Where an article's outlet or publication date came from ("inferred": from a
#: /YYYY/MM/DD/ date in its URL).
SOURCES = ("metadata", "dateline", "byline", "inferred", "unknown")

#: Verdicts on a cluster, in the order reports list them (conflicts first).
VERDICTS = ("conflict", "paraphrase", "agree", "single-source")


@dataclass(frozen=True)
class Article:
    """One article as loaded: its text and what is known about where it came from.

    ``id`` is short and stable (the file name without extension); ``text`` is the
    article text all fact offsets point into (front matter removed, HTML reduced to text).
    ``outlet_from`` / ``published_from`` are one of ``SOURCES``.
    """

    id: str
    path: str
    text: str
    outlet: str | None = None
    outlet_from: str = "unknown"
    published: date | None = None
    published_from: str = "unknown"
    url: str | None = None
    title: str | None = None
    #: ids of articles this one is a near-copy of (wire republication); set by the pipeline.
    copy_of: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """What reports call this article: its outlet, or its id when the outlet is unknown."""
        return self.outlet or self.id


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article text: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """What an extractor yields: a kind, a span of the article text and its normalised value.

    The extract stage turns mentions into ``Fact`` records (adding the id, the verbatim
    text and the sentence), so that extractors only find and normalise.
    """

    kind: str
    start: int
    end: int
    value: dict[str, Any]
    speaker: str | None = None


#: Roles a figure plays in its sentence (``Frame.role``): two figures of two roles are two
#: facts. ``DROPPED_ROLES`` are no quantity and are dropped at extraction: an "identifier"
#: ("Flight 370", "a 999 operator"), a "ratio" ("four times the speed", "one in 500") and the
#: "indefinite" determiner "one" ("one witness said"); an "age" becomes a measure of age.
NUMBER_ROLES = ("total", "part", "whole", "increment", "earlier", "change", "difference", "capacity", "rate",
                "identifier", "ratio", "indefinite", "age")
DROPPED_ROLES = ("identifier", "ratio", "indefinite", "classifier", "recurring")
#: Roles of a date: it dates the reported event, or a statement about it ("the minister spoke on Friday");
#: dropped at extraction (``DROPPED_ROLES``): a date word inside a name ("USA Today", "Windows 2000"), an
#: "identifier"; a holiday that classifies a noun ("a Christmas fair": of the season, not the day), a
#: "classifier"; and a "recurring" set of days ("the first Monday of each month").
DATE_FRAME_ROLES = ("event", "statement")


@dataclass(frozen=True)
class Frame:
    """What a fact is about, read from the parse of its sentence (``crosscheck.extract.frames``).

    An empty slot is unknown, never a guess.

    - ``thing``: the noun a number counts, prices or measures, as lemmas with its compounds
      ("death toll", "ferry crossing"); for "14 of the 40 berths", "berth".
    - ``predicate``: what is said of the thing, as a class of ``data/predicates.tsv`` ("dead"
      for killed / died / death toll, "missing", "injured", "cost", ...) or, when no class
      holds it, the governing word's lemma.
    - ``role``: one of ``NUMBER_ROLES`` for a figure, ``DATE_FRAME_ROLES`` for a date.
    - ``scope``: the years, other times and places the fact's clause names ("year:2003",
      "when:this season", "place:Bam"; ``date:<first>/<last>`` for the days of the sentence
      before, when a pronoun subject continues it).
    - ``event``: for a date, the event it dates, as lemmas (subject, verb, object: "quake strike").
    - ``agent``: for a figure, the names (people, organisations, groups) in the subject of the
      clause that gives it, or in the "by" phrase of a passive: who offered, paid or counted
      ("the Nationals offered $160 million"), or, where a pronoun subject continues the
      sentence before ("He also caught 12 passes"), the names in that sentence's subject; a
      figure of another agent is another fact.
    - ``revised``: for a figure, its sentence gives it as the value a quantity changed to
      ("the toll rose to 14", "fell from 64 to 58"): the report itself says the
      figure moves over time.
    """

    thing: str = ""
    predicate: str = ""
    role: str = ""
    scope: tuple[str, ...] = ()
    event: str = ""
    agent: tuple[str, ...] = ()
    revised: bool = False

    def as_dict(self) -> dict[str, Any]:
        """The slots that are known, for report.json."""
        d: dict[str, Any] = {}
        for k in ("thing", "predicate", "role", "event"):
            v = getattr(self, k)
            if v:
                d[k] = v
        if self.scope:
            d["scope"] = list(self.scope)
        if self.agent:
            d["agent"] = list(self.agent)
        if self.revised:
            d["revised"] = True
        return d


class _Absent:
    """The default of a value field that a fact does not have (distinct from None)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "ABSENT"

    def __reduce__(self) -> str:
        return "ABSENT"  # unpickled as the one module-level sentinel, whatever the process


#: A value field not set: left out of the mapping and of report.json.
ABSENT: Any = _Absent()

_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


class Value(Mapping[str, Any]):
    """Base of the typed values of ``Fact.value``: a read-only mapping of the fields set."""

    __slots__ = ()

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        if cls not in _FIELD_NAMES:
            _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
        return _FIELD_NAMES[cls]

    # an instance's __dict__ holds its fields and nothing else: reading it is the fast path of
    # the many reads alignment and scoring make
    def __getitem__(self, key: str) -> Any:
        v = self.__dict__.get(key, ABSENT)
        if v is ABSENT:
            raise KeyError(key)
        return v

    def get(self, key: str, default: Any = None) -> Any:
        v = self.__dict__.get(key, ABSENT)
        return default if v is ABSENT else v

    def __contains__(self, key: object) -> bool:
        return self.__dict__.get(key, ABSENT) is not ABSENT  # type: ignore[arg-type]

    def __iter__(self) -> Iterator[str]:
        return (k for k in self.field_names() if self.__dict__[k] is not ABSENT)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({dict(self)!r})"


@dataclass(frozen=True, eq=False, repr=False)
class DateValue(Value):
    """A date: ``start``/``end`` (ISO dates, inclusive; None when unanchored), ``granularity``
    (day|week|month|season|quarter|half|year|decade), ``anchored`` (whether a day of the
    calendar is known), ``relative`` (written relative to the report's day: "Monday", "last
    week"), ``inferred`` (the anchor date was itself inferred), ``expression`` (the words of
    time, lower case) and ``preposition`` (the one before it, or None). A date written without
    a year in an article with no publication date carries ``year_from`` ("story") with its
    ``month``, ``day`` and ``weekday`` (``extract.dates.year_from_story`` fills the year); a
    date counted from an earlier one names its ``reference``; ``deictic``
    marks a date read from the report's own day ("today", "yesterday")."""

    start: str | None = ABSENT
    end: str | None = ABSENT
    granularity: str = ABSENT
    anchored: bool = ABSENT
    relative: bool = ABSENT
    inferred: bool = ABSENT
    expression: str = ABSENT
    preposition: str | None = ABSENT
    year_from: str = ABSENT
    month: int = ABSENT
    day: int = ABSENT
    weekday: int = ABSENT
    reference: str = ABSENT
    deictic: bool = ABSENT


@dataclass(frozen=True, eq=False, repr=False)
class MoneyValue(Value):
    """An amount: ``low``/``high`` (in units of ``currency``, after scale; None = unbounded),
    ``currency`` (ISO 4217 code), ``scale`` (million|billion|... or None), ``scope``
    (per_unit|total), ``per`` (the unit an amount each or a rate is of, or None),
    ``over_a_span`` (an amount said to be spread over a span: "over five years"), ``item``
    (the thing priced, may be ""), ``head`` (its head noun), ``qualifier`` ("about", or
    None); ``report_year`` (the year whose exchange rates compare the amount with one in
    another currency; in an undated report the story's year, marked
    ``report_year_inferred``)."""

    low: float | None = ABSENT
    high: float | None = ABSENT
    currency: str = ABSENT
    scale: str | None = ABSENT
    scope: str = ABSENT
    per: str | None = ABSENT
    over_a_span: bool = ABSENT
    item: str = ABSENT
    head: str = ABSENT
    qualifier: str | None = ABSENT
    report_year: int = ABSENT
    report_year_inferred: bool = ABSENT


@dataclass(frozen=True, eq=False, repr=False)
class CountValue(Value):
    """A count: ``low``/``high`` (int; None = unbounded), ``item`` (the thing counted),
    ``head`` (its head noun), ``item_from`` (where the item was read), ``qualifier``;
    ``tally`` (set, true, only for one side of a score, record or vote: "65-53")."""

    low: int | None = ABSENT
    high: int | None = ABSENT
    item: str = ABSENT
    head: str = ABSENT
    item_from: str = ABSENT
    qualifier: str | None = ABSENT
    tally: bool = ABSENT


@dataclass(frozen=True, eq=False, repr=False)
class MeasureValue(Value):
    """A measure: ``low``/``high`` (in the canonical ``unit`` of its ``dimension``; None =
    unbounded), ``original_unit`` (as written), ``item`` and ``head`` (what is measured),
    ``qualifier``; ``scale`` (an earthquake magnitude's scale, "Richter", or None),
    ``from_place`` (a distance from a named place), ``vague`` (a bare plural of a unit:
    "for decades")."""

    low: float | None = ABSENT
    high: float | None = ABSENT
    unit: str = ABSENT
    dimension: str = ABSENT
    original_unit: str = ABSENT
    item: str = ABSENT
    head: str = ABSENT
    qualifier: str | None = ABSENT
    scale: str | None = ABSENT
    from_place: str = ABSENT
    vague: bool = ABSENT


@dataclass(frozen=True, eq=False, repr=False)
class QuoteValue(Value):
    """A quotation: ``content`` (the words inside the marks), ``speaker`` (or None),
    ``speaker_from`` (named|according_to: read in the quotation's own sentence; pronoun|title:
    resolved from a pronoun or a description; previous: the attribution of the sentence
    before, continued; none), ``speaker_title`` (the speaker's title, or None), ``cue`` (the
    reporting verb's lemma, or None), ``speaker_named`` (whether the speaker is a name, not a
    description such as "the comedian"), ``clause`` (whether the quoted words hold a finite
    verb: a remark, not a phrase such as "for the coming years")."""

    content: str = ABSENT
    speaker: str | None = ABSENT
    speaker_from: str = ABSENT
    speaker_title: str | None = ABSENT
    cue: str | None = ABSENT
    speaker_named: bool = ABSENT
    clause: bool = ABSENT


@dataclass(frozen=True, eq=False, repr=False)
class StatementValue(Value):
    """An attributed statement in reported speech: ``content`` (the reported clause),
    ``speaker``, ``speaker_from``, ``speaker_title``, ``cue``, ``speaker_named`` (as for a
    quotation) and ``verb`` (the reporting verb as written)."""

    speaker: str | None = ABSENT
    speaker_from: str = ABSENT
    speaker_title: str | None = ABSENT
    cue: str | None = ABSENT
    speaker_named: bool = ABSENT
    content: str = ABSENT
    verb: str = ABSENT


@dataclass(frozen=True, eq=False, repr=False)
class FramingValue(Value):
    """A framing word: ``word`` (lower case lemma), ``category`` (hedge|loaded|distancing),
    ``target`` (id of the fact it qualifies, or None)."""

    word: str = ABSENT
    category: str = ABSENT
    target: str | None = ABSENT


#: The value type of each fact kind.
VALUE_TYPES: dict[str, type[Value]] = {
    "date": DateValue, "money": MoneyValue, "count": CountValue, "measure": MeasureValue,
    "quote": QuoteValue, "statement": StatementValue, "framing": FramingValue,
}


def make_value(kind: str, value: Mapping[str, Any]) -> Value:
    """The typed value of a fact of ``kind`` from a mapping of its fields; a ``ValueError``
    names a kind or a key the schema does not have."""
    cls = VALUE_TYPES.get(kind)
    if cls is None:
        raise ValueError(f"no value schema for fact kind {kind!r}")
    if type(value) is cls:
        return value  # type: ignore[return-value]
    unknown = [k for k in value if k not in cls.field_names()]
    if unknown:
        raise ValueError(f"a {kind} value has no field {', '.join(map(repr, sorted(unknown)))}")
    return cls(**value)


@dataclass(frozen=True)
class Fact:
    """One fact mention in one article.

    ``text == article.text[start:end]``; ``sentence`` is the sentence (or sentences, for a
    quote that spans several) that holds it.

    ``value`` is the typed value of its kind (``VALUE_TYPES``: ``DateValue``, ``MoneyValue``,
    ``CountValue``, ``MeasureValue``, ``QuoteValue``, ``StatementValue``, ``FramingValue``);
    a mapping given here is made one (``make_value``).
    """

    id: str
    article: str
    kind: str
    text: str
    start: int
    end: int
    sentence: str
    value: Value
    speaker: str | None = None
    #: offset of ``sentence`` in the article text, so that a fact's place in its sentence
    #: is ``start - sentence_start`` (a figure may occur twice in one sentence).
    sentence_start: int = 0
    #: what the fact is about, for counts, amounts, measures and dates (None for others).
    frame: Frame | None = None

    def __post_init__(self) -> None:
        if type(self.value) is not VALUE_TYPES.get(self.kind):
            object.__setattr__(self, "value", make_value(self.kind, self.value))


@dataclass(frozen=True)
class Cluster:
    """A group of facts from different articles that speak of the same thing.

    ``facts`` and ``outlets`` run in step (the outlet of each fact); an outlet appears more
    than once where its article dates one day several times (see
    ``crosscheck.align._one_group_per_interval``); it counts once. ``verdict`` is one of
    ``VERDICTS``; ``score`` is the cluster's agreement in [0, 1].
    ``values`` maps each outlet label to the display value it gives. ``differences`` lists
    the word-level differences of a paraphrase (``{"a": ..., "b": ..., "removed": [...],
    "added": [...]}``); ``over_time`` is set on conflicts whose values move with the
    publication date, or that a report itself gives as revised ("the toll rose to 14"; None
    where it does not apply); ``timeline`` lists a conflict's values in order of
    publication, those of undated reports last (``published`` null).
    """

    id: str
    kind: str
    topic: str
    facts: tuple[str, ...]
    outlets: tuple[str, ...]
    verdict: str
    score: float
    values: dict[str, str] = field(default_factory=dict)
    differences: tuple[dict[str, Any], ...] = ()
    over_time: bool | None = None
    timeline: tuple[dict[str, Any], ...] = ()
    #: framing words outlets attach to this group's facts: ``{"outlet", "word", "fact"}``.
    framing: tuple[dict[str, Any], ...] = ()
    #: why the verdict is what it is, in a few words ("values overlap", "speakers differ").
    reason: str = ""
    #: a conflict as a claim about sides: ``{"value", "facts", "outlets"}`` per value, the
    #: established value (most outlets) first; only those facts make the claim.
    sides: tuple[dict[str, Any], ...] = ()
    #: how alike the conflicting sides' sentences are (the least mean similarity of a
    #: differing side to the established one), or None.
    confidence: float | None = None
    #: what the group is about for a reader, from its facts' frames: "people missing —
    #: count" (``crosscheck.label``); ``topic`` keeps alignment's bag of words.
    label: str = ""


@dataclass(frozen=True)
class PairScore:
    """Agreement between two outlets over the clusters both report."""

    a: str
    b: str
    shared: int
    agree: int
    conflict: int
    paraphrase: int
    score: float | None


class PairTable(Sequence[PairScore]):
    """Every pair of outlets, as a sequence of ``PairScore`` (labels sorted, pairs in the order
    of ``itertools.combinations``), held as what each group adds to it rather than one record
    per pair or outlets x outlets arrays: a story of 10,000 outlets has 50 million pairs. Each
    group is its outlets (indices of ``labels``, each once) and a k x k array of how each two of
    them relate (``COUNTED``: 0 shared only, 1 agree, 2 conflict, 3 paraphrase); an outlet's
    counts against the later outlets (``row``) are summed when read, and records made then."""

    #: The counts a pair of outlets has, in the order of the codes of a group's array (after
    #: "shared", which every pair of a group adds to).
    COUNTED = ("agree", "conflict", "paraphrase")

    def __init__(self, labels: tuple[str, ...], groups: Sequence[tuple[np.ndarray, np.ndarray]]):
        self.labels = tuple(labels)
        self.groups = list(groups)
        self._of: list[list[tuple[int, int]]] = [[] for _ in self.labels]  # each outlet's (group, place in it)
        for g, (outlets, _) in enumerate(self.groups):
            for at, i in enumerate(outlets.tolist()):
                self._of[i].append((g, at))

    def __len__(self) -> int:
        n = len(self.labels)
        return n * (n - 1) // 2

    def row(self, i: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Outlet i's counts against every outlet (shared, agree, conflict, paraphrase; only
        the later outlets' are filled: a pair is counted in its first outlet's row)."""
        import numpy as np

        n = len(self.labels)
        others, relations = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int8)]
        for g, at in self._of[i]:  # the later outlets of each of its groups, and how i relates to them
            outlets, codes = self.groups[g]
            later = outlets > i
            others.append(outlets[later])
            relations.append(codes[at][later])
        other, relation = np.concatenate(others).astype(np.int64), np.concatenate(relations)
        shared = np.bincount(other, minlength=n).astype(np.int64)
        agree, conflict, paraphrase = (np.bincount(other[relation == code], minlength=n).astype(np.int64)
                                       for code in (1, 2, 3))
        return shared, agree, conflict, paraphrase

    def __iter__(self) -> Iterator[PairScore]:
        n = len(self.labels)
        for i in range(n):
            rows = [m.tolist() for m in self.row(i)]
            for j in range(i + 1, n):
                yield self._record(i, j, rows[0][j], rows[1][j], rows[2][j], rows[3][j])

    def __getitem__(self, index):
        if isinstance(index, slice):
            return list(self)[index]
        n = len(self.labels)
        index = index + len(self) if index < 0 else index
        if not 0 <= index < len(self):
            raise IndexError("pair index out of range")
        i = 0
        while index >= n - 1 - i:  # row i holds the pairs (i, i + 1) .. (i, n - 1)
            index -= n - 1 - i
            i += 1
        j = i + 1 + index
        return self._record(i, j, *(int(m[j]) for m in self.row(i)))

    def __eq__(self, other: object) -> bool:
        import numpy as np

        return isinstance(other, PairTable) and self.labels == other.labels and all(
            all(np.array_equal(x, y) for x, y in zip(self.row(i), other.row(i))) for i in range(len(self.labels)))

    __hash__ = None  # type: ignore[assignment]

    def _record(self, i: int, j: int, shared: int, agree: int, conflict: int, paraphrase: int) -> PairScore:
        comparable = agree + conflict + paraphrase
        return PairScore(a=self.labels[i], b=self.labels[j], shared=shared, agree=agree, conflict=conflict,
                         paraphrase=paraphrase,
                         score=round((agree + paraphrase) / comparable, 4) if comparable else None)


@dataclass(frozen=True)
class Report:
    """The whole result of a comparison, as written to report.json."""

    articles: tuple[Article, ...]
    facts: tuple[Fact, ...]
    clusters: tuple[Cluster, ...]
    pairs: Sequence[PairScore]  # a PairTable from ``crosscheck.score``; any sequence of PairScore
    overall: float | None
    version: str = ""
    warnings: tuple[str, ...] = ()
    #: a side that may be the same figure told differently but whose sentences are not alike
    #: enough for a conflict (see ``crosscheck.score.possible_conflicts``): listed apart,
    #: never a verdict.
    possible_conflicts: tuple[dict[str, Any], ...] = ()
