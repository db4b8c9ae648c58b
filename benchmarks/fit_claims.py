"""Fit the thresholds that decide when a conflict is claimed, on real coverage, and check them
leave-one-story-out.

    python benchmarks/fit_claims.py            # fit, print the leave-one-out figures
    python benchmarks/fit_claims.py --write    # ... and write the fitted values to settings.py

The thresholds (``crosscheck/settings.py``, between the "fitted by" markers):

- ``CLAIM_MIN_SIMILARITY_UNKNOWN_FRAME``: how alike a fact's sentence must be to the other
  side's for a fact whose frame leaves what it is of unknown to take part in a claim;
- ``CONFLICT_MIN_CONFIDENCE``: how alike a claim's sides must be (its confidence) to be
  reported as a conflict rather than a possible conflict.

Procedure. The stories are the ECB+ events with a fact-family gold
(``benchmarks/ecbplus.py``): the dev events and the seen held-out ones; the held-out events
that have not been looked at are never used here. Each story's facts are extracted once;
for every value of the grid below, alignment and scoring are run again and the report is
scored with the dataset's scorer. The objective, pooled over the stories fitted on, is the
F-measure with beta = 0.25 of conflict precision (clean conflicts / conflicts) and
discrepancy recall (discrepant gold families reported as a conflict): precision counts
four times as much as recall, since a user trusts a discrepancy tool only as far as its
conflicts are real, and what falls short is still listed as a possible conflict. (With
beta = 0.5 the fitted confidence bar moved between 0.35 and 0.6 from fold to fold and
leave-one-out precision was 0.42 at recall 0.15.) Ties go to the stricter values. Leave-one-story-out: each story is scored with
the values fitted on all the others; those figures, pooled, are what the README quotes.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import ecbplus  # noqa: E402

from crosscheck import settings  # noqa: E402
from crosscheck.extract import extract_facts  # noqa: E402
from crosscheck.load import load_corpus  # noqa: E402
from crosscheck.pipeline import analyse  # noqa: E402
from crosscheck.render.json import report_dict  # noqa: E402

GRID = {
    "CLAIM_MIN_SIMILARITY_UNKNOWN_FRAME": (0.5, 0.6, 0.7, 0.8, 0.9, 1.01),
    "CONFLICT_MIN_CONFIDENCE": (0.0, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7),
}
BETA = 0.25
SETTINGS = ROOT / "crosscheck" / "settings.py"


def counts(report: dict, gold: dict, scorer) -> tuple[int, int, int, int]:
    """(clean conflicts, conflicts, discrepancies found, discrepancies) of one report."""
    out, _ = scorer.score(report, gold)
    return out["conflicts"]["clean"], out["conflicts"]["n"], out["discrepancy"]["found"], out["discrepancy"]["n"]


def objective(rows: list[tuple[int, int, int, int]]) -> float:
    clean, n, found, disc = (sum(r[k] for r in rows) for k in range(4))
    p = clean / n if n else 0.0
    r = found / disc if disc else 0.0
    return (1 + BETA**2) * p * r / (BETA**2 * p + r) if p + r else 0.0


def below(report: dict, confidence: float) -> dict:
    """The report as it would be with ``CONFLICT_MIN_CONFIDENCE = confidence``: a conflict
    whose confidence is lower is no conflict (the tool lists it as a possible one)."""
    clusters = [dict(c, verdict="possible") if c["verdict"] == "conflict" and (c.get("confidence") or 0) < confidence
                else c for c in report["clusters"]]
    return dict(report, clusters=clusters)


def evaluate(events: list[str]) -> dict[tuple, dict[str, tuple[int, int, int, int]]]:
    """{grid point: {event: counts}}, extracting each story once and aligning it once per
    value of the first threshold (the second only turns conflicts into possible ones)."""
    scorer = ecbplus._scorer()
    table: dict[tuple, dict[str, tuple[int, int, int, int]]] = {}
    first, second = GRID
    shipped = {name: getattr(settings, name) for name in GRID}
    for event in events:
        articles = load_corpus([str(ecbplus.DATASET / ecbplus.folder(event))])
        memo = {a.id: extract_facts(a) for a in articles}
        gold = json.loads(ecbplus.gold_path(event).read_text(encoding="utf-8"))
        for a in GRID[first]:
            setattr(settings, first, a)
            setattr(settings, second, 0.0)
            report = report_dict(analyse(articles, extractor=lambda art: memo[art.id]))
            for b in GRID[second]:
                table.setdefault((a, b), {})[event] = counts(below(report, b), gold, scorer)
        print(f"  {event}: {len(articles)} articles", file=sys.stderr)
    for name, value in shipped.items():
        setattr(settings, name, value)
    return table


def best(table: dict[tuple, dict[str, tuple]], events: list[str]) -> tuple:
    # the strictest point among the best: highest thresholds first
    points = sorted(table, key=lambda p: tuple(-x for x in p))
    return max(points, key=lambda p: round(objective([table[p][e] for e in events]), 6))


def write(point: tuple) -> None:
    text = SETTINGS.read_text(encoding="utf-8")
    for name, value in zip(GRID, point):
        text, n = re.subn(rf"^{name} = .*$", f"{name} = {value}", text, flags=re.M)
        if n != 1:
            raise SystemExit(f"{SETTINGS}: no single line for {name}")
    SETTINGS.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="write the values fitted on all stories to settings.py")
    args = ap.parse_args(argv)
    events = list(ecbplus.DEV + ecbplus.SEEN)
    table = evaluate(events)
    loso = []
    print("| left out | fitted on the others | clean / conflicts | discrepancies found |")
    print("|---|---|---|---|")
    for event in events:
        point = best(table, [e for e in events if e != event])
        row = table[point][event]
        loso.append(row)
        print(f"| {event} | {', '.join(f'{v:g}' for v in point)} | {row[0]}/{row[1]} | {row[2]}/{row[3]} |")
    clean, n, found, disc = (sum(r[k] for r in loso) for k in range(4))
    print(f"\nleave-one-story-out, pooled: conflict precision {clean}/{n}"
          f" = {clean / n if n else float('nan'):.2f}, discrepancy recall {found}/{disc} = {found / disc:.2f}")
    point = best(table, events)
    rows = [table[point][e] for e in events]
    clean, n, found, disc = (sum(r[k] for r in rows) for k in range(4))
    print(f"fitted on all {len(events)} stories: " + ", ".join(f"{k} = {v:g}" for k, v in zip(GRID, point))
          + f" (on them: precision {clean}/{n}, recall {found}/{disc})")
    if args.write:
        write(point)
        print(f"written to {SETTINGS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
