"""Group articles that name no story into stories, by what they mention.

Two articles about one story name the same people, places and organisations, give the same
figures and dates, and often share wording (a syndicated wire copy shares nearly all of it).
Each article is reduced to a set of such features (``features``): runs of capitalised words
that are not function words (names), figures of two digits or more, month-day dates, and
word 4-grams (wording). Candidates are found without comparing every pair: a MinHash
signature of the name-figure-date features (Broder 1997) cut into bands of rows, and
articles sharing a band are candidates (locality-sensitive hashing, Indyk & Motwani 1998;
Leskovec, Rajaraman & Ullman, *Mining of Massive Datasets*, ch. 3). Each candidate pair is
then judged exactly: the same story when the names, figures and dates they share weigh
enough (idf-weighted Jaccard, rare ones weighing more) or when they share most of their
wording (a copy). Stories are the connected groups of such pairs.

Everything is deterministic: hashes are blake2b of the feature text (not Python's salted
``hash``), the MinHash permutations come from a fixed seed, and groups are ordered by their
first article in input order.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from hashlib import blake2b

import numpy as np

from crosscheck import settings

#: Capitalised words that start sentences or stand in headlines, not names.
FUNCTION_WORDS = frozenset(
    """a an the this that these those he she it they we i you his her its their our my your
    in on at to of for from by with as and or but if when while after before since until
    there here what which who whom whose where why how not no yes all some any each every
    mr mrs ms dr said says say also then than so just more most many much other such one
    monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow
    is are was were be been has have had will would can could may might must should do did""".split()
)
MONTHS = (
    "january february march april may june july august september october november december".split()
)
_NAME_RUN = re.compile(r"[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*)*")
_FIGURE = re.compile(r"\d[\d,.]*\d")
_MONTH_DAY = re.compile(r"(?i)\b(" + "|".join(MONTHS) + r")\.?\s+(\d{1,2})\b")
_WORD = re.compile(r"\w+")

#: A Mersenne prime above every 32-bit hash: (a*x + b) mod P with a, x < 2**32 fits in 64 bits.
_PRIME = (1 << 61) - 1


def _hash32(feature: str) -> int:
    return int.from_bytes(blake2b(feature.encode("utf-8", "surrogatepass"), digest_size=4).digest(), "little")


def features(text: str) -> tuple[set[int], set[int]]:
    """The article's (names, figures and dates) and (word 4-grams), as 32-bit hashes."""
    entities: set[str] = set()
    for run in _NAME_RUN.findall(text):
        words = [w.strip(".'’-").lower() for w in run.split()]
        words = [w for w in words if w and w not in FUNCTION_WORDS]
        entities.update(f"n:{w}" for w in words if len(w) > 1 and w not in MONTHS)
        entities.update(f"n:{a} {b}" for a, b in zip(words, words[1:]))
    entities.update(f"d:{m.replace(',', '')}" for m in _FIGURE.findall(text))
    entities.update(f"t:{m.group(1).lower()} {int(m.group(2))}" for m in _MONTH_DAY.finditer(text))
    words = _WORD.findall(text.lower())
    n = settings.GROUP_SHINGLE_WORDS
    shingles = {_hash32(" ".join(words[i : i + n])) for i in range(max(0, len(words) - n + 1))}
    return {_hash32(e) for e in entities}, shingles


def _signatures(sets: list[np.ndarray]) -> np.ndarray:
    """MinHash signatures (articles x ``GROUP_MINHASH_PERMUTATIONS``); an empty set gets the
    largest value in every row, which matches only other empty sets (and those are left alone)."""
    rng = np.random.default_rng(settings.GROUP_SEED)
    k = settings.GROUP_MINHASH_PERMUTATIONS
    a = rng.integers(1, 1 << 32, size=k, dtype=np.uint64)
    b = rng.integers(0, 1 << 32, size=k, dtype=np.uint64)
    out = np.full((len(sets), k), np.iinfo(np.uint64).max, dtype=np.uint64)
    for i, values in enumerate(sets):
        if values.size:
            out[i] = ((np.outer(values, a) + b) % np.uint64(_PRIME)).min(axis=0)
    return out


def _candidates(sig: np.ndarray, empty: np.ndarray) -> set[tuple[int, int]]:
    """Pairs (i < j) of articles that agree on every row of at least one band."""
    rows = settings.GROUP_BAND_ROWS
    pairs: set[tuple[int, int]] = set()
    for start in range(0, sig.shape[1] - rows + 1, rows):
        buckets: dict[bytes, list[int]] = {}
        for i in np.flatnonzero(~empty):
            buckets.setdefault(sig[i, start : start + rows].tobytes(), []).append(int(i))
        for members in buckets.values():
            if 1 < len(members) <= settings.GROUP_MAX_BUCKET:
                pairs.update((x, y) for k, x in enumerate(members) for y in members[k + 1 :])
    return pairs


def group_texts(texts: Sequence[str]) -> list[list[int]]:
    """Indices of ``texts`` grouped into stories (see the module docstring): each group in
    input order, groups ordered by their first member; an article alike to none is a group
    of its own."""
    n = len(texts)
    feats = [features(t) for t in texts]
    df = Counter(h for ents, _ in feats for h in ents)
    # a feature in a large share of all articles ("U.S.", "2009") tells no story apart
    common = max(settings.GROUP_COMMON_MIN_ARTICLES, settings.GROUP_COMMON_SHARE * n)
    ents = [{h for h in e if df[h] <= common} for e, _ in feats]
    weight = {h: math.log((n + 1) / df[h]) + 1.0 for e in ents for h in e}
    sig = _signatures([np.fromiter(sorted(e), dtype=np.uint64, count=len(e)) for e in ents])
    empty = np.array([not e for e in ents], dtype=bool)

    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in sorted(_candidates(sig, empty)):
        if root(i) == root(j):
            continue
        if _same_story(ents[i], ents[j], feats[i][1], feats[j][1], weight):
            ri, rj = root(i), root(j)
            parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(root(i), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0])


def similarity(a: set[int], b: set[int], weight: dict[int, float]) -> float:
    """idf-weighted Jaccard similarity of two feature sets (0 when both are empty)."""
    union = sum(weight[h] for h in a | b)
    return sum(weight[h] for h in a & b) / union if union else 0.0


def _same_story(ea: set[int], eb: set[int], sa: set[int], sb: set[int], weight: dict[int, float]) -> bool:
    if similarity(ea, eb, weight) >= settings.GROUP_MIN_SIMILARITY:
        return True
    smaller = min(len(sa), len(sb))
    return bool(smaller) and len(sa & sb) / smaller >= settings.GROUP_MIN_COPY_SHARE
