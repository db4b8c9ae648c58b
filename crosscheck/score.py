"""Score aligned groups: a verdict and an agreement score per group, per outlet pair, overall.

Pairwise relations between the facts of a group decide everything:

- numeric facts (dates, counts, money, measures): ``agree`` when ``values.compatible``,
  ``conflict`` when not, unknown when the values cannot be compared;
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
from itertools import combinations
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from crosscheck import settings
from crosscheck.align import Group, speaker_key
from crosscheck.antonyms import first_opposite, opposite
from crosscheck.label import group_label
from crosscheck.models import VERDICTS, Article, Cluster, Fact, PairScore
from crosscheck.values import compatible, display

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


def relation(a: Fact, b: Fact) -> str | None:
    """How two facts of one group relate: agree, conflict, paraphrase, or None (unknown)."""
    if a.kind in ("quote", "statement"):
        ka, kb = speaker_key(a), speaker_key(b)
        if ka and kb and ka != kb:
            return "conflict"
        ca = str(a.value.get("content") or a.text)
        cb = str(b.value.get("content") or b.text)
        ta, tb = _tokens(ca), _tokens(cb)
        # "Not guilty" is read as "innocent": then a pair of opposites, or a negation on one
        # side only, in otherwise the same words is the remark reversed.
        # One opposite against one distant negation cancel ("isn't going to rise" / "is going
        # to fall"); any other turn is a reversal (two opposites are a remark twice reversed,
        # not the same remark: "we want peace, not war" / "we want war, not peace").
        pa, pb = _polar(ta), _polar(tb)
        flips, pb = _opposites(pa, pb)
        negated = (_negations(pa) > 0) != (_negations(pb) > 0)
        if flips or negated:
            bar = settings.OPPOSITE_SAME_WORDS if flips else settings.NEGATION_SAME_WORDS
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


def _reason(kind: str, verdict: str, copies_only: bool = False) -> str:
    if copies_only and verdict == "agree":
        return "reported only by copies of one story: not independent corroboration"
    if verdict == "single-source":
        return "reported by one source only"
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


def _unit_relations(rels, unit: dict[str, str], order: dict[str, int]) -> list[str]:
    """One relation per pair of independent sources (copies of a story count once: the
    worst relation between their facts), plus each conflict within a group of copies."""
    between: dict[tuple[str, str], list[str]] = defaultdict(list)
    within: list[str] = []
    for a, b, r in rels:
        if not r:
            continue
        ua, ub = unit[a.article], unit[b.article]
        if ua == ub:
            if r == "conflict":
                within.append(r)
        else:
            between[tuple(sorted((ua, ub)))].append(r)
    return [min(rs, key=order.__getitem__) for _, rs in sorted(between.items())] + within


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


def score(
    articles: list[Article], facts: list[Fact], groups: list[Group]
) -> tuple[list[Cluster], list[PairScore], float | None]:
    """Clusters with verdicts and scores, outlet-pair scores, and the overall score."""
    by_id = {f.id: f for f in facts}
    art = {a.id: a for a in articles}
    label = outlet_labels(articles)
    unit = source_units(articles)
    framing_of: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        if f.kind == "framing" and f.value.get("target"):
            framing_of[f.value["target"]].append(f)

    pair_counts: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    total_ok = total = 0
    clusters: list[Cluster] = []
    order = {v: i for i, v in enumerate(VERDICTS)}
    figure = {f.id: _figure(f) for f in facts}
    for n, g in enumerate((g for g in groups if not g.possible), 1):
        members = [by_id[i] for i in g.facts]
        kind = members[0].kind if len({m.kind for m in members}) == 1 else "quote"
        rels: list[tuple[Fact, Fact, str | None]] = []
        for a, b in combinations(members, 2):
            r = relation(a, b)
            if r == "agree" and unit[a.article] == unit[b.article] and figure[a.id] != figure[b.id]:
                # A copy carries its source's figures: "at least 350" where the source says
                # "at least 175" is an edit, even though the two ranges overlap.
                r = "conflict"
            rels.append((a, b, r))
        # Copies of one story corroborate nothing, but a copy that changed a figure or a
        # quote differs from its source: keep those differences, drop their agreement.
        independent = [
            (a, b, r)
            for a, b, r in rels
            if unit[a.article] != unit[b.article] or r in ("conflict", "paraphrase")
        ]
        units = {unit[m.article] for m in members}
        if len(members) < 2:
            verdict = "single-source"
        else:
            known = [r for _, _, r in independent if r]
            verdict = min(known, key=order.__getitem__) if known else "agree"
        comparable = _unit_relations(rels, unit, order)
        ok = sum(1 for r in comparable if r in ("agree", "paraphrase"))
        cscore = round(ok / len(comparable), 4) if comparable else None
        if verdict != "single-source":
            total_ok += ok
            total += len(comparable)
        for a, b, r in rels:
            la, lb = sorted((label[a.article], label[b.article]))
            pc = pair_counts[(la, lb)]
            pc["shared"] += 1
            if r and (unit[a.article] != unit[b.article] or r == "conflict"):
                pc[r] += 1
        differences = []
        if kind in ("quote", "statement"):
            # Every pair in a small group; in a large one, each version against the first
            # (n - 1 lists, not n^2 / 2).
            shown = rels if len(members) <= settings.DIFF_ALL_PAIRS_UP_TO else [
                (a, b, r) for a, b, r in rels if a is members[0]
            ]
            for a, b, r in shown:
                if r in ("paraphrase", "conflict"):
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
            timeline, over_time = _timeline(members, art, label, rels)
        framing = [
            {"outlet": label[fr.article], "word": fr.value.get("word"), "fact": fr.id, "target": m.id}
            for m in members
            for fr in framing_of.get(m.id, [])
        ]
        clusters.append(
            Cluster(
                id=f"c{n}",
                kind=kind,
                topic=g.topic,
                facts=tuple(m.id for m in members),
                outlets=tuple(label[m.article] for m in members),
                verdict=verdict,
                score=cscore,
                values={label[m.article]: display(m) for m in members},
                differences=tuple(differences),
                over_time=over_time,
                timeline=tuple(timeline),
                framing=tuple(framing),
                reason=_reason(kind, verdict, copies_only=len(units) < 2),
                sides=_side_values(g, by_id, label) if verdict == "conflict" else (),
                confidence=g.confidence if verdict == "conflict" and g.sides else None,
                label=group_label(members, g.topic),
            )
        )
    pairs = []
    labels = sorted(set(label.values()))
    for la, lb in combinations(labels, 2):
        pc = pair_counts.get((la, lb), {})
        comparable = pc.get("agree", 0) + pc.get("conflict", 0) + pc.get("paraphrase", 0)
        pairs.append(
            PairScore(
                a=la,
                b=lb,
                shared=pc.get("shared", 0),
                agree=pc.get("agree", 0),
                conflict=pc.get("conflict", 0),
                paraphrase=pc.get("paraphrase", 0),
                score=round((pc.get("agree", 0) + pc.get("paraphrase", 0)) / comparable, 4) if comparable else None,
            )
        )
    overall = round(total_ok / total, 4) if total else None
    return clusters, pairs, overall


def _side_values(g: Group, by_id: dict[str, Fact], label: dict[str, str]) -> tuple[dict[str, Any], ...]:
    """The sides of a conflict: each value with the facts (and outlets) that give it."""
    out = []
    for side in g.sides:
        facts = [by_id[i] for i in side]
        out.append({"value": display(facts[0]), "facts": [f.id for f in facts],
                    "outlets": [label[f.article] for f in facts]})
    return tuple(out)


def possible_conflicts(articles: list[Article], facts: list[Fact], groups: list[Group]) -> list[dict[str, Any]]:
    """Two sides that may be one figure told two ways, below the conflict bar: listed apart
    with the same evidence (the sentences), never as a conflict."""
    by_id = {f.id: f for f in facts}
    label = outlet_labels(articles)
    out = []
    for n, g in enumerate((g for g in groups if g.possible), 1):
        sides = []
        for side in g.sides:
            members = [by_id[i] for i in side]
            sides.append({"value": display(members[0]), "facts": [f.id for f in members],
                          "outlets": [label[f.article] for f in members],
                          "sentences": [f.sentence for f in members]})
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


def _timeline(members, art, label, rels) -> tuple[list[dict], bool | None]:
    """Values in order of publication, and whether they move with the date (over_time).

    Only figures can move with the date (a toll that rises day by day): every clash must be
    between articles of different days, and the figures must rise, or fall, with the date.
    """
    dated = [m for m in members if art[m.article].published]
    dated.sort(key=lambda m: (art[m.article].published, m.article))
    timeline = [
        {"outlet": label[m.article], "published": art[m.article].published.isoformat(),
         "value": display(m), "fact": m.id}
        for m in dated
    ]
    if members[0].kind not in ("count", "money", "measure") or len(dated) < len(members):
        return timeline, False
    if len({art[m.article].published for m in dated}) < 2:
        return timeline, False
    for a, b, r in rels:
        if r == "conflict" and art[a.article].published == art[b.article].published:
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
