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

Everything is deterministic: hashes are CRC-32 of the feature text (not Python's salted
``hash``), the MinHash permutations come from a fixed seed, and groups are ordered by their
first article in input order.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from collections.abc import Iterator, Sequence

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

def _hash32(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8", "surrogatepass"))


def features(text: str) -> tuple[set[int], set[int]]:
    """The article's (names, figures and dates), as 32-bit hashes, and (word 4-grams), as 64-bit hashes."""
    entities: set[str] = set()
    for run in _NAME_RUN.findall(text):
        words = [w.strip(".'’-").lower() for w in run.split()]
        words = [w for w in words if w and w not in FUNCTION_WORDS]
        entities.update(f"n:{w}" for w in words if len(w) > 1 and w not in MONTHS)
        entities.update(f"n:{a} {b}" for a, b in zip(words, words[1:]))
    entities.update(f"d:{m.replace(',', '')}" for m in _FIGURE.findall(text))
    entities.update(f"t:{m.group(1).lower()} {int(m.group(2))}" for m in _MONTH_DAY.finditer(text))
    words = np.fromiter((_hash32(w) for w in _WORD.findall(text.lower())), dtype=np.uint64)
    n = settings.GROUP_SHINGLE_WORDS
    shingles: set[int] = set()
    if len(words) >= n:
        # each 4-gram's hash: its words' hashes, each mixed with its position in the 4-gram
        with np.errstate(over="ignore"):
            h = np.zeros(len(words) - n + 1, dtype=np.uint64)
            for k in range(n):
                h ^= _mix(words[k : len(words) - n + 1 + k] + np.uint64(k + 1))
        shingles = set(h.tolist())
    return {_hash32(e) for e in entities}, shingles


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser (Steele, Lea & Flood 2014): a bijection of 64-bit integers whose
    output bits each depend on every input bit, so that the order it gives is a pseudo-random
    permutation (multiplication wraps modulo 2**64, as intended)."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def _signatures(sets: list[np.ndarray]) -> np.ndarray:
    """MinHash signatures (articles x ``GROUP_MINHASH_PERMUTATIONS``): for each permutation,
    the least of the article's features mixed with that permutation's seed. An empty set gets
    the largest value in every row (and empty sets are left out of the buckets)."""
    seeds = np.random.default_rng(settings.GROUP_SEED).integers(0, 2**63, size=settings.GROUP_MINHASH_PERMUTATIONS,
                                                                dtype=np.uint64)
    out = np.full((len(sets), seeds.size), np.iinfo(np.uint64).max, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for i, values in enumerate(sets):
            if values.size:
                out[i] = _mix(values[:, None] ^ seeds[None, :]).min(axis=0)
    return out


def _buckets(sig: np.ndarray, empty: np.ndarray) -> Iterator[list[int]]:
    """Groups (of two or more, in index order) of articles that agree on every row of a band;
    bands in order, each band's groups by their first member."""
    rows = settings.GROUP_BAND_ROWS
    keep = np.flatnonzero(~empty)
    for start in range(0, sig.shape[1] - rows + 1, rows):
        buckets: dict[bytes, list[int]] = {}
        for i in keep:
            buckets.setdefault(sig[i, start : start + rows].tobytes(), []).append(int(i))
        yield from sorted(m for m in buckets.values() if 1 < len(m) <= settings.GROUP_MAX_BUCKET)


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
    totals = [sum(weight[h] for h in e) for e in ents]
    sig = _signatures([np.fromiter(sorted(e), dtype=np.uint64, count=len(e)) for e in ents])
    empty = np.array([not e for e in ents], dtype=bool)

    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Single linkage over the candidate pairs that pass ``_same_story``. A pair already in one
    # group needs no test (it changes nothing), so a large story costs about one test per
    # article, not one per pair; a pair that failed is not tested again in a later band.
    failed: set[tuple[int, int]] = set()
    for members in _buckets(sig, empty):
        if len({root(m) for m in members}) == 1:
            continue
        for k, j in enumerate(members):
            for i in members[:k]:
                if root(i) == root(j) or (i, j) in failed:
                    continue
                if _same_story(ents[i], ents[j], totals[i] + totals[j], feats[i][1], feats[j][1], weight):
                    ri, rj = root(i), root(j)
                    parent[max(ri, rj)] = min(ri, rj)
                else:
                    failed.add((i, j))
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(root(i), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0])


def similarity(a: set[int], b: set[int], weight: dict[int, float], total: float | None = None) -> float:
    """idf-weighted Jaccard similarity of two feature sets (0 when both are empty); ``total``
    is the weight of ``a`` plus that of ``b``, when known."""
    shared = sum(weight[h] for h in a & b)
    if total is None:
        total = sum(weight[h] for h in a) + sum(weight[h] for h in b)
    union = total - shared
    return shared / union if union else 0.0


def _same_story(ea: set[int], eb: set[int], total: float, sa: set[int], sb: set[int], weight: dict[int, float]) -> bool:
    if similarity(ea, eb, weight, total) >= settings.GROUP_MIN_SIMILARITY:
        return True
    smaller = min(len(sa), len(sb))
    return bool(smaller) and len(sa & sb) / smaller >= settings.GROUP_MIN_COPY_SHARE
