"""Score aligned groups: a verdict and an agreement score per group, per outlet pair, overall.

Pairwise relations between the facts of a group decide everything:

- numeric facts (dates, counts, money, measures): ``agree`` when ``values.compatible``,
  ``conflict`` when not, unknown when the values cannot be compared; and ``conflict``
  between the sides of a claim (``crosscheck.align``) that a floor tells apart
  (``values.floor_apart``: "at least 37" against "52"), though both can hold;
- speech (quotes and statements): ``conflict`` when the speakers differ or one side negates
  what the other says (a negation, or a word's opposite, "guilty" / "innocent", in
  otherwise the same words), ``agree`` when the words are the same, else ``paraphrase``.

A group's verdict is its worst relation (conflict > paraphrase > agree); a group of one
fact is ``single-source``. Articles that are near-copies of each other are one source: their
agreement is not corroboration and is not counted in any score (a group reported only by
copies is ``agree`` with no score), but a copy that changed a figure conflicts with its
source. The formulas are in the README.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from typing import Any

import numpy as np

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from crosscheck import settings
from crosscheck.align import Group
from crosscheck.extract.quotes import GENDER
from crosscheck.extract.sentences import ABBREVIATIONS
from crosscheck.antonyms import first_opposite, opposite
from crosscheck.label import group_label
from crosscheck.models import VERDICTS, Article, Cluster, Fact, PairTable
from crosscheck.extract.numbers import QUALIFIER_KINDS
from crosscheck.values import compare_key, compatible, display, floor_apart

#: Words that turn a statement into its opposite (a general English list).
NEGATIONS = frozenset("not no never none nothing nobody neither nor cannot n't without".split())

_TOKEN = re.compile(r"[\w']+|n't")


@lru_cache(maxsize=65536)
def _tokens(text: str) -> tuple[str, ...]:
    """Lower-case words of ``text`` (cached: the same quote recurs across outlets)."""
    return tuple(t.lower().replace("’", "'") for t in _TOKEN.findall(text.replace("’", "'")))


def _is_negation(token: str) -> bool:
    return token in NEGATIONS or token.endswith("n't")


@lru_cache(maxsize=65536)
def _negations(tokens: tuple[str, ...]) -> int:
    return sum(1 for t in tokens if _is_negation(t))


#: Verbs contracted with "n't" whose stem is not the verb ("won't" is "will not").
_CONTRACTED = {"wo": "will", "ca": "can", "sha": "shall", "ai": "is"}


def _without_negation(tokens: tuple[str, ...]) -> str:
    """The words with each negation taken out and each contraction restored to its verb:
    "we can't accept" and "we cannot accept" both give "we can accept"."""
    out = []
    for t in tokens:
        if t == "cannot":
            out.append("can")
        elif t.endswith("n't") and len(t) > 3:
            stem = t[:-3]
            out.append(_CONTRACTED.get(stem, stem))
        elif t not in NEGATIONS and t != "n't":
            out.append(t)
    return " ".join(out)


def _polar(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """The words with "not X" read as X's opposite where it has one ("is not guilty" ->
    "is innocent", "isn't true" -> "is false")."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        negates_next = _is_negation(t) and t not in ("no", "none", "nothing", "nobody")
        flipped = first_opposite(nxt) if negates_next else None
        if flipped:
            if t.endswith("n't") and len(t) > 3:
                out.append(_CONTRACTED.get(t[:-3], t[:-3]))  # "isn't true": "is false"
            out.append(flipped)
            i += 2
            continue
        out.append(t)
        i += 1
    return tuple(out)


def _opposites(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[int, tuple[str, ...]]:
    """How many words of ``b`` are opposites of words of ``a`` in the same place
    ("my client is guilty" / "my client is innocent"), and ``b`` with them put back."""
    swapped = list(b)
    flips = 0
    removed: list[str] = []
    added: list[int] = []
    for op in [*Indel.opcodes(a, b), None]:  # None: the end, closing the last gap
        if op is None or op.tag == "equal":
            for y in added:
                x = next((w for w in removed if opposite(w, b[y])), None)
                if x:
                    swapped[y] = x
                    flips += 1
            removed, added = [], []
            continue
        removed.extend(a[op.src_start : op.src_end])
        added.extend(range(op.dest_start, op.dest_end))
    return flips, tuple(swapped)


def word_differences(a: str, b: str) -> tuple[list[str], list[str]]:
    """Words of ``a`` missing from ``b`` and words of ``b`` missing from ``a``, in order,
    from the word-level edit script (rapidfuzz Indel opcodes over word lists)."""
    ta, tb = _tokens(a), _tokens(b)
    removed: list[str] = []
    added: list[str] = []
    for op in Indel.opcodes(ta, tb):
        if op.tag in ("delete", "replace"):
            removed.extend(ta[op.src_start : op.src_end])
        if op.tag in ("insert", "replace"):
            added.extend(tb[op.dest_start : op.dest_end])
    return removed, added


#: Titles and honorifics, which are no part of a name ("Ms. Su" is "Su").
_HONORIFICS = frozenset(GENDER) | ABBREVIATIONS


def _name_words(name: str) -> list[str]:
    """The words of a name, lower case, without its titles, honorifics and abbreviations,
    except that a title word after a given name is the surname ("Stephen King", "Martin
    Luther King Jr.")."""
    words = [w.lower() for w in re.findall(r"[^\W\d_][\w'’-]*", name)]
    while words and words[-1] in ABBREVIATIONS:  # "Jr.", "Inc."
        words.pop()
    return [w for k, w in enumerate(words) if w not in _HONORIFICS or 0 < k == len(words) - 1]


def same_name(a: str, b: str) -> bool:
    """Whether two names can name one speaker: the same words, whatever the spacing ("Del
    Giudice", "DelGiudice"); the same last word, the surname, whatever titles and given names
    come before it ("Sergeant Ana Ruiz", "Al Ruiz"); or a one-word name that is one
    of the other's words ("Charlie", "Charlie Kafoury")."""
    wa, wb = _name_words(a), _name_words(b)
    if not wa or not wb or "".join(wa) == "".join(wb) or wa[-1] == wb[-1]:
        return True
    return (len(wa) == 1 or len(wb) == 1) and bool(set(wa) & set(wb))


#: Where a speaker is read in the quotation's own sentence, not followed from a pronoun, a
#: description or the sentence before (``Fact.value['speaker_from']``).
_READ_HERE = frozenset({"named", "according_to"})


def _speakers_clash(a: Fact, b: Fact) -> bool:
    """One remark put in two mouths: both speakers are names read in the remark's own
    sentence (one followed from a pronoun, a description or the sentence before may be a
    wrong turn of the resolution, not the outlet's), neither a title of the other's
    (``_a_title_of``), the remark is a clause (a phrase such
    as "for the coming years" is anyone's), and no one could bear both names. The caller has
    found the words one remark ("not guilty" read as "innocent", a word or two changed)."""
    va, vb = a.value, b.value
    if not (va.get("speaker_named", True) and vb.get("speaker_named", True)):
        return False
    if va.get("speaker_from", "named") not in _READ_HERE or vb.get("speaker_from", "named") not in _READ_HERE:
        return False
    if not (va.get("clause", True) and vb.get("clause", True)):
        return False
    na, nb = str(a.speaker or va.get("speaker") or ""), str(b.speaker or vb.get("speaker") or "")
    if _a_title_of(na, vb.get("speaker_title")) or _a_title_of(nb, va.get("speaker_title")):
        return False
    return not same_name(na, nb)


def _a_title_of(name: str, title: str | None) -> bool:
    """Whether a speaker's "name" is only words of another speaker's title, its head among
    them (a title taken for the name: "Secretary" said, where another outlet names
    "Fisheries Secretary Ana Ruiz"; not "Ortiz" against "Ortiz spokesman": a name in a title
    is someone else's)."""
    words = set(re.findall(r"[^\W\d_]+", name.lower()))
    titled = re.findall(r"[^\W\d_]+", (title or "").lower())
    return bool(words and titled) and titled[-1] in words and words <= set(titled)


def _named_apart(members: list[Fact]) -> bool:
    """Whether a group of speech gives names no one could bear both, neither a title of the
    other's (its verdict then rests on the words: one of the names was followed from a
    pronoun, a description or the sentence before, or the words are no remark of their own)."""
    names = sorted({(str(f.speaker or f.value.get("speaker") or ""), str(f.value.get("speaker_title") or ""))
                    for f in members if f.kind in ("quote", "statement") and f.value.get("speaker_named", True)
                    and (f.speaker or f.value.get("speaker"))})
    return any(not (same_name(a, b) or _a_title_of(a, tb) or _a_title_of(b, ta))
               for k, (a, ta) in enumerate(names) for b, tb in names[k + 1:])


def relation(a: Fact, b: Fact) -> str | None:
    """How two facts of one group relate: agree, conflict, paraphrase, or None (unknown)."""
    if a.kind in ("quote", "statement"):
        ca = str(a.value.get("content") or a.text)
        cb = str(b.value.get("content") or b.text)
        ta, tb = _tokens(ca), _tokens(cb)
        # "Not guilty" is read as "innocent": then a pair of opposites, or a negation on one
        # side only, in otherwise the same words is the remark reversed.
        # One opposite against one distant negation cancel ("isn't going to rise" / "is going
        # to fall"); any other turn is a reversal (two opposites are a remark twice reversed,
        # not the same remark: "we want peace, not war" / "we want war, not peace").
        pa, pb = _polar(ta), _polar(tb)
        same_remark = a.kind == b.kind and fuzz.ratio(" ".join(pa), " ".join(pb)) >= settings.SAME_REMARK
        if same_remark and _speakers_clash(a, b):
            return "conflict"
        flips, pb = _opposites(pa, pb)
        negated = (_negations(pa) > 0) != (_negations(pb) > 0)
        if flips or negated:
            # a negation reverses a remark only where it is all that differs: "was not one
            # person but a combination" corrects, it does not deny, "was a combination"
            bar = settings.SAME_REMARK if flips else settings.QUOTE_SAME_WORDS
            cancel = flips == 1 and negated
            if fuzz.ratio(_without_negation(pa), _without_negation(pb)) >= bar and not cancel:
                return "conflict"
            if negated:
                return "paraphrase"  # never "the same words" when only one side negates
        if (_negations(ta) > 0) != (_negations(tb) > 0):
            return "paraphrase"  # "not guilty" and "innocent": one remark, other words
        if a.kind == b.kind and fuzz.ratio(" ".join(ta), " ".join(tb)) >= settings.QUOTE_SAME_WORDS:
            return "agree"
        return "paraphrase"
    ok = compatible(a, b)
    if ok is None:
        return None
    return "agree" if ok else "conflict"


#: The reason of a conflict whose sides differ only as a bound and a figure beyond it (``_bounds_only``).
BOUNDS_REASON = "the figures told differ, though a bound such as “at least” on one side can hold with the other's"


def _reason(kind: str, verdict: str, copies_only: bool = False, speakers_differ: bool = False,
            bounds_only: bool = False) -> str:
    if bounds_only:
        return BOUNDS_REASON
    if copies_only and verdict == "agree":
        return "reported only by copies of one story: not independent corroboration"
    if verdict == "single-source":
        return "reported by one source only"
    if kind in ("quote", "statement") and speakers_differ and verdict in ("agree", "paraphrase"):
        words = "same words" if verdict == "agree" else "different words"
        return f"{words}; the speakers differ, but one was inferred or the words are a common phrase"
    if kind in ("quote", "statement"):
        return {
            "conflict": "different speakers or opposite meaning",
            "paraphrase": "same speaker, different words",
            "agree": "same speaker, same words",
        }[verdict]
    return {"conflict": "values do not overlap", "agree": "values overlap"}.get(verdict, verdict)


def _figure(f: Fact) -> tuple:
    """The normalised figure of a count, amount or measure, for comparing a copy with its
    source (dates are left out: a copy published a day later dates "yesterday" apart)."""
    if f.kind not in ("count", "money", "measure"):
        return ()
    v = f.value
    return tuple(v.get(k) for k in ("low", "high", "currency", "scope", "unit"))


def source_units(articles: list[Article]) -> dict[str, str]:
    """Map each article id to the id of its group of near-copies (the smallest id)."""
    unit = {a.id: a.id for a in articles}

    def find(x: str) -> str:
        while unit[x] != x:
            unit[x] = unit[unit[x]]
            x = unit[x]
        return x

    for a in articles:
        for other in a.copy_of:
            if other in unit:
                ra, rb = find(a.id), find(other)
                if ra != rb:
                    unit[max(ra, rb)] = min(ra, rb)
    return {a.id: find(a.id) for a in articles}


def outlet_labels(articles: list[Article]) -> dict[str, str]:
    """A unique display label per article: its outlet, disambiguated by id where two
    articles share an outlet, or the id where the outlet is unknown."""
    counts: dict[str, int] = defaultdict(int)
    for a in articles:
        counts[a.label] += 1
    return {a.id: (a.label if counts[a.label] == 1 else f"{a.label} ({a.id})") for a in articles}


#: Relation codes, in the order of ``VERDICTS`` (worst first: a group's verdict is its least
#: code); ``UNKNOWN`` where two values cannot be compared.
CONFLICT, PARAPHRASE, AGREE, UNKNOWN = 0, 1, 2, 3
_CODE = {"conflict": CONFLICT, "paraphrase": PARAPHRASE, "agree": AGREE, None: UNKNOWN}


def _relation_key(f: Fact) -> tuple:
    """Everything ``relation`` reads of a fact: two facts with one key relate alike to any
    third, so each distinct pair of keys is compared once (many outlets give one value)."""
    if f.kind in ("quote", "statement"):
        speaker = str(f.speaker or f.value.get("speaker") or "")
        v = f.value
        return ("speech", f.kind, speaker, v.get("speaker_named", True), v.get("speaker_from", "named"),
                v.get("speaker_title"), v.get("clause", True), str(v.get("content") or f.text))
    return compare_key(f)


class _Relations:
    """``relation`` over facts, computed once per distinct pair of ``_relation_key``s."""

    def __init__(self, facts: list[Fact]):
        self.cls: dict[str, int] = {}
        self.rep: list[Fact] = []
        ids: dict[tuple, int] = {}
        for f in facts:
            key = _relation_key(f)
            if key not in ids:
                ids[key] = len(self.rep)
                self.rep.append(f)
            self.cls[f.id] = ids[key]
        self.memo: dict[tuple[int, int], int] = {}

    def matrix(self, members: list[Fact]) -> np.ndarray:
        """k x k relation codes between the members (row fact first)."""
        c = np.array([self.cls[m.id] for m in members], dtype=np.int64)
        uniq, inv = np.unique(c, return_inverse=True)
        inv = inv.reshape(-1)
        small = np.full((len(uniq), len(uniq)), UNKNOWN, dtype=np.int8)
        iu, ju = np.triu_indices(len(members), 1)
        for pair in np.unique(inv[iu] * len(uniq) + inv[ju]).tolist():  # the (first, second) pairs asked
            x, y = divmod(pair, len(uniq))
            cx, cy = int(uniq[x]), int(uniq[y])
            code = self.memo.get((cx, cy))
            if code is None:
                code = self.memo[(cx, cy)] = _CODE[relation(self.rep[cx], self.rep[cy])]
            small[x, y] = code
        return small[inv[:, None], inv[None, :]]


def score(
    articles: list[Article], facts: list[Fact], groups: list[Group]
) -> tuple[list[Cluster], PairTable, float | None]:
    """Clusters with verdicts and scores, outlet-pair scores, and the overall score.

    Relations are computed once per distinct pair of values (``_Relations``) and applied to
    the pairs of a group's members as k x k arrays; the outlet-pair table is summed in numpy
    table holds what each group adds (``PairTable``), not one record per pair of outlets."""
    by_id = {f.id: f for f in facts}
    art = {a.id: a for a in articles}
    label = outlet_labels(articles)
    unit = source_units(articles)
    framing_of: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        if f.kind == "framing" and f.value.get("target"):
            framing_of[f.value["target"]].append(f)

    labels = sorted(set(label.values()))
    label_index = {la: i for i, la in enumerate(labels)}
    table: list[tuple[np.ndarray, np.ndarray]] = []  # each group's outlets and how each two relate
    table_code = {AGREE: 1, CONFLICT: 2, PARAPHRASE: 3}  # PairTable.COUNTED
    unit_code = {u: i for i, u in enumerate(sorted(set(unit.values())))}
    relations = _Relations([by_id[i] for g in groups if not g.possible for i in g.facts])
    figure_code: dict[tuple, int] = {}
    total_ok = total = 0
    clusters: list[Cluster] = []
    for n, g in enumerate((g for g in groups if not g.possible), 1):
        every = [by_id[i] for i in g.facts]
        # an article's repeats of one value (``crosscheck.align``) are listed, but each
        # article is counted once: its first fact stands for it
        firsts: set[str] = set()
        members = [m for m in every if not (m.article in firsts or firsts.add(m.article))]
        k = len(members)
        kind = members[0].kind if len({m.kind for m in members}) == 1 else "quote"
        rm = relations.matrix(members)
        if g.sides:
            _floors_told_apart(rm, members, g.sides)
        u = np.array([unit_code[unit[m.article]] for m in members], dtype=np.int64)
        same_unit = u[:, None] == u[None, :]
        # A copy carries its source's figures: "at least 350" where the source says
        # "at least <m>" is an edit, even though the two ranges overlap. An article's
        # repeats in the group ("40 tonnes" in the headline, "an estimated 40 tonnes" in
        # the body) are all its figures: an edit is a copy that shares none of them.
        figures: dict[str, set[int]] = defaultdict(set)
        for m in every:
            figures[m.article].add(figure_code.setdefault(_figure(m), len(figure_code)))
        for x, y in zip(*np.nonzero(np.triu(same_unit, 1))):
            if rm[x, y] == AGREE and not figures[members[x].article] & figures[members[y].article]:
                rm[x, y] = rm[y, x] = CONFLICT
        iu, ju = np.triu_indices(k, 1)
        r, su = rm[iu, ju], same_unit[iu, ju]
        known = r != UNKNOWN
        # Copies of one story corroborate nothing, but a copy that changed a figure or a
        # quote differs from its source: keep those differences, drop their agreement.
        independent = known & (~su | (r <= PARAPHRASE))
        units = {unit[m.article] for m in members}
        if k < 2:
            verdict = "single-source"
        else:
            verdict = VERDICTS[int(r[independent].min())] if independent.any() else "agree"
        ok, comparable = _unit_relations(r, known, su, u[iu], u[ju])
        cscore = round(ok / comparable, 4) if comparable else None
        if verdict != "single-source":
            total_ok += ok
            total += comparable
        li = np.array([label_index[label[m.article]] for m in members], dtype=np.int64)
        counted = known & (~su | (r == CONFLICT))
        codes = np.zeros((k, k), dtype=np.int8)  # one fact per article counted: no pair twice
        for code, row in table_code.items():
            sel = counted & (r == code)
            codes[iu[sel], ju[sel]] = codes[ju[sel], iu[sel]] = row
        if k > 1:
            table.append((li, codes))
        differences = []
        if kind in ("quote", "statement"):
            # Every pair in a small group; in a large one, each version against the first
            # (n - 1 lists, not n^2 / 2).
            shown = np.ones(len(r), dtype=bool) if k <= settings.DIFF_ALL_PAIRS_UP_TO else iu == 0
            for x in np.flatnonzero(shown & ((r == PARAPHRASE) | (r == CONFLICT))).tolist():
                a, b = members[iu[x]], members[ju[x]]
                removed, added = word_differences(
                    str(a.value.get("content") or a.text), str(b.value.get("content") or b.text)
                )
                differences.append(
                    {"a": label[a.article], "b": label[b.article], "fact_a": a.id, "fact_b": b.id,
                     "removed": removed, "added": added}
                )
        over_time = None
        timeline: list[dict] = []
        if verdict == "conflict":
            days: dict = {}
            day = np.array([days.setdefault(art[m.article].published, len(days)) for m in members])
            same_day_conflict = bool(((r == CONFLICT) & (day[iu] == day[ju])).any())
            timeline, over_time = _timeline(members, art, label, same_day_conflict)
        framing = [
            {"outlet": label[fr.article], "word": fr.value.get("word"), "fact": fr.id, "target": m.id}
            for m in every
            for fr in framing_of.get(m.id, [])
        ]
        clusters.append(
            Cluster(
                id=f"c{n}",
                kind=kind,
                topic=g.topic,
                facts=tuple(m.id for m in every),
                outlets=tuple(label[m.article] for m in every),
                verdict=verdict,
                score=cscore,
                values={label[m.article]: display(m) for m in members},
                differences=tuple(differences),
                over_time=over_time,
                timeline=tuple(timeline),
                framing=tuple(framing),
                reason=_reason(kind, verdict, copies_only=len(units) < 2, speakers_differ=_named_apart(members),
                               bounds_only=verdict == "conflict" and kind not in ("quote", "statement", "date")
                               and _bounds_only(g, by_id)),
                sides=_side_values(g, by_id, label) if verdict == "conflict" else (),
                confidence=g.confidence if verdict == "conflict" and g.sides else None,
                label=group_label(members, g.topic),
            )
        )
    overall = round(total_ok / total, 4) if total else None
    return clusters, PairTable(tuple(labels), table), overall


def _unit_relations(r: np.ndarray, known: np.ndarray, same_unit: np.ndarray, ua: np.ndarray,
                    ub: np.ndarray) -> tuple[int, int]:
    """(agreeing, comparable) relations of a group, one per pair of independent sources
    (copies of a story count once: the worst relation between their facts), plus each
    conflict within a group of copies. ``r`` holds the relation of each pair of members,
    ``ua``/``ub`` their sources."""
    within = int((known & same_unit & (r == CONFLICT)).sum())
    between = known & ~same_unit
    lo, hi, codes = np.minimum(ua, ub)[between], np.maximum(ua, ub)[between], r[between]
    if len(codes):
        keys = lo * (int(hi.max()) + 1) + hi
        if len(np.unique(keys)) < len(keys):
            order = np.argsort(keys, kind="stable")
            keys, codes = keys[order], codes[order]
            starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
            codes = np.minimum.reduceat(codes, starts)
    return int((codes >= PARAPHRASE).sum()), len(codes) + within


def _floors_told_apart(rm: np.ndarray, members: list[Fact], sides: tuple[tuple[str, ...], ...]) -> None:
    """Marks as conflicts, in a group's relations, the pairs of facts on two sides of its
    claim that a floor tells apart (``floor_apart``: "at least 37" against "52"): values that
    can both hold, of a count the claim says is told differently."""
    side_of = {fid: n for n, side in enumerate(sides) for fid in side}
    at = [(k, side_of[m.id]) for k, m in enumerate(members) if m.id in side_of]
    for x, sx in at:
        for y, sy in at:
            if sx != sy and rm[x, y] == AGREE and floor_apart(members[x], members[y]):
                rm[x, y] = CONFLICT


def _bounds_only(g: Group, by_id: dict[str, Fact]) -> bool:
    """Whether a conflict's sides differ only as a bound and a figure beyond it: no fact of one
    side has a value that cannot hold with one of another's ("at least 40" against "about
    60": the counts told differ, the ranges written do not). Such a claim is made where a
    figure is the count known so far (``crosscheck.align._contradicted``); the reason says so
    rather than that the values do not overlap."""
    sides = [[by_id[i] for i in side] for side in g.sides]
    bounded = any(f.value.get("low") is None or f.value.get("high") is None
                  or QUALIFIER_KINDS.get(str(f.value.get("qualifier") or "").lower()) in ("lower", "upper")
                  for side in sides for f in side)
    return len(sides) > 1 and bounded and all(
        compatible(a, b) is True for n, side in enumerate(sides) for other in sides[n + 1:] for a in side for b in other)


def _side_values(g: Group, by_id: dict[str, Fact], label: dict[str, str]) -> tuple[dict[str, Any], ...]:
    """The sides of a conflict: each value with the facts (and outlets) that give it, and
    each fact's own value as it displays (``values``: a side holds values that can all be
    true, "at least 40" and "55", told apart for the reader)."""
    out = []
    for side in g.sides:
        facts = [by_id[i] for i in side]
        out.append({"value": display(facts[0]), "facts": [f.id for f in facts],
                    "outlets": [label[f.article] for f in facts], "values": [display(f) for f in facts]})
    return tuple(out)


def possible_conflicts(articles: list[Article], facts: list[Fact], groups: list[Group]) -> list[dict[str, Any]]:
    """Two sides that may be one figure told two ways, below the conflict bar: listed apart
    with the same evidence (the sentences), never as a conflict."""
    by_id = {f.id: f for f in facts}
    label = outlet_labels(articles)
    out = []
    for n, g in enumerate((g for g in groups if g.possible), 1):
        sides = [{**shown, "sentences": [by_id[i].sentence for i in side]}
                 for shown, side in zip(_side_values(g, by_id, label), g.sides)]
        out.append({"id": f"p{n}", "kind": by_id[g.facts[0]].kind, "topic": g.topic,
                    "label": group_label([by_id[i] for i in g.facts], g.topic), "confidence": g.confidence,
                    "sides": sides})
    out.sort(key=lambda p: (-p["confidence"], p["id"]))
    return out


def _numeric_mid(f: Fact) -> float | None:
    v = f.value
    low, high = v.get("low"), v.get("high")
    if low is None and high is None:
        return None
    if low is None:
        return float(high)
    if high is None:
        return float(low)
    return (float(low) + float(high)) / 2


def _revised_last(m, members, mids: dict, ends: set, art) -> bool:
    """Whether a report gives its figure as what the quantity changed to ("the toll rose to
    10": ``Frame.revised``), the figure is at one end of those given, and no report dated
    after it gives another: a later report's other figure is no earlier stage of the count."""
    if m.frame is None or not m.frame.revised or mids[m.id] not in ends:
        return False
    day = art[m.article].published
    return not day or all(mids[o.id] == mids[m.id] for o in members
                          if art[o.article].published and art[o.article].published > day)


def _timeline(members, art, label, same_day_conflict: bool) -> tuple[list[dict], bool | None]:
    """Values in order of publication (those of undated reports last, ``published`` null),
    and whether they move with the date (over_time).

    Only figures can move with the date (a toll that rises day by day): every clash must be
    between articles of different days, and the figures must rise, or fall, with the date;
    or a report says itself that the figure moved ("the toll rose to 14": ``Frame.revised``)
    to a value at one end of those given, whatever the days, and no later report gives
    another (``_revised_last``).
    """
    dated = [m for m in members if art[m.article].published]
    dated.sort(key=lambda m: (art[m.article].published, m.article))
    timeline = [
        {"outlet": label[m.article], "published": art[m.article].published.isoformat(),
         "value": display(m), "fact": m.id}
        for m in dated
    ] + [  # then the undated reports' values, published null
        {"outlet": label[m.article], "published": None, "value": display(m), "fact": m.id}
        for m in members if not art[m.article].published
    ]
    if members[0].kind not in ("count", "money", "measure"):
        return timeline, False
    mids = {m.id: _numeric_mid(m) for m in members}
    ends = {min(x for x in mids.values() if x is not None), max(x for x in mids.values() if x is not None)} \
        if any(x is not None for x in mids.values()) else set()
    if any(_revised_last(m, members, mids, ends, art) for m in members):
        return timeline, True
    if len(dated) < len(members):
        return timeline, False
    if len({art[m.article].published for m in dated}) < 2:
        return timeline, False
    if same_day_conflict:  # a clash between two reports of one day is no revision
        return timeline, False
    mids = [_numeric_mid(m) for m in dated]
    if any(x is None for x in mids):
        return timeline, False
    by_day: dict = {}
    for m, x in zip(dated, mids):
        by_day.setdefault(art[m.article].published, []).append(x)
    days = [sum(xs) / len(xs) for _, xs in sorted(by_day.items())]
    steps = [b - a for a, b in zip(days, days[1:])]
    return timeline, all(s > 0 for s in steps) or all(s < 0 for s in steps)
