"""Quotes as a word diff in order: the words one version drops and another adds, in place.

The alignment of two versions is rapidfuzz's edit script over their word lists
(``rapidfuzz.distance.Indel.opcodes``: the longest common subsequence of words, as a code
review's word diff shows it). Words are compared lower case with their edge punctuation
off, and shown as the second version writes them (dropped words as the first writes them).
Every renderer draws the same operations: HTML as ``<del>``/``<ins>``, Markdown as
``~~dropped~~ **added**``, the PDF struck out and highlighted.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import Indel

from crosscheck.models import Cluster, Fact, Report

#: Characters stripped from the edges of a word before two words are compared.
EDGE_PUNCT = "\"'“”‘’«»()[]{}.,;:!?…—–-"

SPEECH_KINDS = ("quote", "statement")


def _key(word: str) -> str:
    key = word.strip(EDGE_PUNCT).lower().replace("’", "'")
    return key or word


def word_ops(a: str, b: str) -> list[tuple[str, str]]:
    """The word diff of ``a`` -> ``b`` as ``(tag, words)`` runs in reading order; ``tag`` is
    ``same``, ``del`` (in ``a`` only) or ``ins`` (in ``b`` only); in a changed stretch the
    dropped words come before the added ones."""
    wa, wb = a.split(), b.split()
    ka, kb = [_key(w) for w in wa], [_key(w) for w in wb]
    runs: list[tuple[str, list[str]]] = []

    def add(tag: str, words: list[str]) -> None:
        if not words:
            return
        if runs and runs[-1][0] == tag:
            runs[-1][1].extend(words)
        else:
            runs.append((tag, list(words)))

    dels: list[str] = []
    ins: list[str] = []
    for op in Indel.opcodes(ka, kb):
        if op.tag == "equal":
            add("del", dels)
            add("ins", ins)
            dels, ins = [], []
            add("same", wb[op.dest_start:op.dest_end])
        else:
            dels += wa[op.src_start:op.src_end]
            ins += wb[op.dest_start:op.dest_end]
    add("del", dels)
    add("ins", ins)
    return [(tag, " ".join(words)) for tag, words in runs]


@dataclass(frozen=True)
class QuoteDiff:
    """One outlet's version of a quote against the group's first version."""

    a: str  # outlet of the first version
    b: str  # outlet of this version
    ops: tuple[tuple[str, str], ...]

    @property
    def same(self) -> bool:
        """Whether the two versions have the same words ("same words")."""
        return all(tag == "same" for tag, _ in self.ops)

    @property
    def counts(self) -> tuple[int, int]:
        """(words dropped, words added)."""
        return (sum(len(w.split()) for t, w in self.ops if t == "del"),
                sum(len(w.split()) for t, w in self.ops if t == "ins"))


def content(f: Fact) -> str:
    """The words a quote or statement gives (inside the quotation marks)."""
    return " ".join(str(f.value.get("content") or f.text).split())


def cluster_diffs(report: Report, cluster: Cluster) -> list[QuoteDiff]:
    """Each outlet's version of a quote group against the first outlet's, in the group's
    outlet order (empty for other kinds and for a group of one outlet). An outlet with
    several versions is shown by its longest."""
    if cluster.kind not in SPEECH_KINDS:
        return []
    facts = {f.id: f for f in report.facts}
    versions: dict[str, Fact] = {}
    for fid, outlet in zip(cluster.facts, cluster.outlets):
        f = facts.get(fid)
        if f is not None and (outlet not in versions or len(content(f)) > len(content(versions[outlet]))):
            versions[outlet] = f
    if len(versions) < 2:
        return []
    outlets = list(versions)
    first = content(versions[outlets[0]])
    return [QuoteDiff(outlets[0], o, tuple(word_ops(first, content(versions[o])))) for o in outlets[1:]]
