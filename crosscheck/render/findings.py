"""One plain sentence per discrepancy, for the top of every report.

"Conflict on the number of people missing: CNN says 12 (2024-05-06), Reuters says 14
(2024-05-07) — updated over time." (an example made up here). Conflicts first, then
possible conflicts (worded as leads to check, never as verdicts), then paraphrased quotes,
then agreements; single-source facts get no sentence (they are in the tables). Outlets are
named as the user gave them (``score.outlet_labels``). Sentences are plain text: each
renderer escapes them.
"""

from __future__ import annotations

from dataclasses import dataclass

from crosscheck import settings
from crosscheck.label import group_label, subject
from crosscheck.models import Cluster, Report
from crosscheck.score import BOUNDS_REASON
from crosscheck.render.quotediff import cluster_diffs

#: Most outlets a sentence names on one side; the rest are counted ("and 3 others").
MAX_NAMED = 4
#: Longest value quoted in a sentence, in characters.
VALUE_CHARS = 90

#: Order of the findings, most important first.
FINDING_KINDS = ("conflict", "possible", "paraphrase", "agree")
#: Heading of each kind of finding.
FINDING_TITLES = {"conflict": "Conflicts", "possible": "Possible conflicts (to check; no verdict)",
                  "paraphrase": "Quotes in other words", "agree": "Agreements"}


@dataclass(frozen=True)
class Finding:
    """One sentence: its kind (``FINDING_KINDS``), the group it is about (a cluster id, or a
    possible conflict's id) and the sentence."""

    kind: str
    group: str
    text: str


def _cut(text: str, limit: int = VALUE_CHARS) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def outlet_list(outlets: list[str]) -> str:
    """"A", "A and B", "A, B and C", "A, B, C, D and 2 others"."""
    outlets = list(dict.fromkeys(outlets))
    if len(outlets) > MAX_NAMED:
        rest = len(outlets) - MAX_NAMED
        return ", ".join(outlets[:MAX_NAMED]) + f" and {rest} other{'s' if rest > 1 else ''}"
    if len(outlets) == 1:
        return outlets[0]
    return ", ".join(outlets[:-1]) + " and " + outlets[-1]


def _says(outlets: list[str], value: str, when: str = "") -> str:
    n = len(dict.fromkeys(outlets))
    return f"{outlet_list(outlets)} say{'s' if n == 1 else ''} {_cut(value)}" + (f" ({when})" if when else "")


def side_text(side: dict) -> str:
    """A side's values as a reader should see them: each distinct value its facts give
    ("≥40 people / 55 people"), not its first fact's alone."""
    return " / ".join(dict.fromkeys(side.get("values") or [side["value"]]))


def _side_says(side: dict) -> str:
    """Who gives which value of a side, each outlet once, with its own values (an outlet
    that repeats a figure in other words, "~60 hurt" in a headline and "≥60 people" below
    it, gives both)."""
    values = side.get("values") or [side["value"]] * len(side["outlets"])
    of_outlet: dict[str, list[str]] = {}
    for outlet, value in zip(side["outlets"], values):
        of_outlet.setdefault(outlet, [])
        if value not in of_outlet[outlet]:
            of_outlet[outlet].append(value)
    by_value: dict[str, list[str]] = {}
    for outlet, told in of_outlet.items():
        by_value.setdefault(" / ".join(told), []).append(outlet)
    return ", ".join(_says(outlets, value) for value, outlets in by_value.items())


def _by_value(c: Cluster) -> list[tuple[str, list[str]]]:
    """(value, outlets giving it), values in the order outlets first give them."""
    out: dict[str, list[str]] = {}
    for o in dict.fromkeys(c.outlets):
        out.setdefault(c.values.get(o, ""), []).append(o)
    return list(out.items())


def _label(c: Cluster) -> str:
    return c.label or group_label([], c.topic)


def _conflict(c: Cluster) -> str:
    about = subject(_label(c))
    if c.over_time and c.timeline:
        parts = [_says([t["outlet"]], t["value"], t["published"]) for t in c.timeline if t.get("published")]
        undated = [_says([t["outlet"]], t["value"]) for t in c.timeline if not t.get("published")]
        if undated and parts:  # not in the order of time: said apart
            parts.append("undated, " + ", ".join(undated))
        elif undated:
            parts = undated
        return f"Conflict on {about}: " + ", ".join(parts) + " — updated over time."
    if c.sides:
        parts = [_side_says(s) for s in c.sides]
    else:
        parts = [_says(outlets, value) for value, outlets in _by_value(c)]
    tail = f" ({c.reason})" if c.reason and (c.kind in ("quote", "statement") or c.reason == BOUNDS_REASON) else ""
    return f"Conflict on {about}: " + "; ".join(parts) + tail + "."


def _paraphrase(report: Report, c: Cluster) -> str:
    diffs = cluster_diffs(report, c)
    outlets = list(dict.fromkeys(c.outlets))
    changed = [d for d in diffs if not d.same]
    detail = ""
    if changed:
        bits = []
        for d in changed[:MAX_NAMED]:
            dropped, added = d.counts
            bits.append(f"{d.b} drops {dropped} and adds {added} of {d.a}'s words")
        detail = " (" + "; ".join(bits) + (f"; and {len(changed) - MAX_NAMED} more" if len(changed) > MAX_NAMED
                                           else "") + ")"
    return f"{outlet_list(outlets)} quote {subject(_label(c))} in other words{detail}."


def _agree(c: Cluster) -> str:
    groups = _by_value(c)
    about = subject(_label(c))
    if c.kind in ("quote", "statement"):
        return f"Same words: {outlet_list([o for _, os in groups for o in os])} quote {about}."
    if len(groups) == 1:
        value, outlets = groups[0]
        n = len(outlets)
        return f"Agreement on {about}: {'all ' + str(n) + ' outlets' if n > 2 else outlet_list(outlets)} " \
               f"say {_cut(value)}."
    return f"Agreement on {about}: " + ", ".join(_says(os, v) for v, os in groups) + " — compatible values."


def possible_reason(p: dict) -> str:
    """Why a possible conflict is no conflict: its sentences are less alike than the fitted
    bar, or alike enough while what each figure is said of leaves it open."""
    if p["confidence"] >= settings.CONFLICT_MIN_CONFIDENCE:
        return "their sentences read alike, but what each figure is said of does not show it is one fact"
    return f"their sentences are only {100 * p['confidence']:.0f}% alike"


def _possible(p: dict) -> str:
    about = subject(p.get("label") or group_label([], p.get("topic", "")))
    parts = "; ".join(_side_says(s) for s in p["sides"])
    return (f"Possible conflict on {about}, to check: {parts} — {possible_reason(p)}, so this may be one "
            f"figure told two ways, or two figures.")


def in_brief(found: list[Finding], kind: str) -> tuple[list[Finding], int]:
    """The sentences of ``kind`` a one-page brief shows (the first
    ``settings.BRIEF_MAX_PER_KIND``, most important first) and how many more there are."""
    these = [f for f in found if f.kind == kind]
    limit = settings.BRIEF_MAX_PER_KIND if kind != "conflict" else len(these)  # every conflict
    return these[:limit], max(0, len(these) - limit)


def findings(report: Report) -> list[Finding]:
    """The report's sentences, most important first (``FINDING_KINDS``)."""
    out: list[Finding] = []
    clusters = list(report.clusters)
    out += [Finding("conflict", c.id, _conflict(c)) for c in clusters if c.verdict == "conflict"]
    out += [Finding("possible", p["id"], _possible(p)) for p in report.possible_conflicts]
    out += [Finding("paraphrase", c.id, _paraphrase(report, c)) for c in clusters if c.verdict == "paraphrase"]
    # a group whose values can all hold but tell a count apart ("≥26,000" and "≥31,000") is
    # listed as a possible conflict with both its sides: not as an agreement too
    in_doubt = [[set(side.get("facts") or ()) for side in p["sides"]] for p in report.possible_conflicts]
    out += [Finding("agree", c.id, _agree(c)) for c in clusters if c.verdict == "agree" and not any(
        all(side and side <= set(c.facts) for side in sides) for sides in in_doubt)]
    return out
