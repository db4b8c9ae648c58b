"""Score the date extractor on its request/response cases (tests/data/dates.json).

    python benchmarks/dates.py [--json] [--failures]

A found mention matches an expected one when their spans overlap (one-to-one, in order);
recall = matched / expected, precision = matched / found, resolved-right = matched
mentions whose interval holds the expected one (start <= expected start and expected end
<= end) over matched mentions. Figures are given overall and per class of case. The
TempEval-3 data the brief quotes is not here; these cases stand in for its classes.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crosscheck.extract.dates import extract_dates  # noqa: E402
from crosscheck.extract.sentences import split_sentences  # noqa: E402
from crosscheck.models import Article  # noqa: E402

CASES = ROOT / "tests" / "data" / "dates.json"


def run_case(case: dict) -> list[tuple[str, dict]]:
    """(span text, value) of each date mention the extractor finds in a case's sentence."""
    text = case["text"]
    published = date.fromisoformat(case["published"]) if case["published"] else None
    art = Article(id="case", path="case.txt", text=text, published=published,
                  published_from="metadata" if published else "unknown")
    return [(text[m.start:m.end], m.value, m.start, m.end)
            for m in extract_dates(art, split_sentences(text))]


def _span(text: str, needle: str, after: int) -> tuple[int, int]:
    i = text.find(needle, after)
    return (i, i + len(needle)) if i >= 0 else (-1, -1)


def score(cases: list[dict]) -> tuple[dict, list[str]]:
    tally: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    failures: list[str] = []
    for case in cases:
        found = run_case(case)
        used: set[int] = set()
        pos = 0
        for exp in case["expect"]:
            a, b = _span(case["text"], exp["span"], pos)
            pos = max(pos, a + 1)
            hit = next((i for i, f in enumerate(found) if i not in used and f[2] < b and a < f[3]), None)
            for key in (case["class"], "all"):
                tally[key]["expected"] += 1
            if hit is None:
                failures.append(f"missed {exp['span']!r} in {case['text']!r}")
                continue
            used.add(hit)
            v = found[hit][1]
            right = bool(v["start"]) and v["start"] <= exp["start"] and exp["end"] <= v["end"]
            for key in (case["class"], "all"):
                tally[key]["matched"] += 1
                tally[key]["right"] += right
            if not right:
                failures.append(f"{exp['span']!r} read {v['start']}..{v['end']}, expected "
                                f"{exp['start']}..{exp['end']} in {case['text']!r}")
        for i, f in enumerate(found):
            for key in (case["class"], "all"):
                tally[key]["found"] += 1
            if i not in used:
                failures.append(f"spurious {f[0]!r} in {case['text']!r}")
    figures = {}
    for key, t in sorted(tally.items()):
        figures[key] = {
            "expected": t["expected"], "found": t["found"],
            "recall": round(t["matched"] / t["expected"], 3) if t["expected"] else None,
            "precision": round(t["matched"] / t["found"], 3) if t["found"] else None,
            "resolved_right": round(t["right"] / t["matched"], 3) if t["matched"] else None,
        }
    return figures, failures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--failures", action="store_true", help="list every miss and wrong value")
    args = ap.parse_args()
    figures, failures = score(json.loads(CASES.read_text(encoding="utf-8"))["cases"])
    if args.json:
        print(json.dumps(figures, indent=1))
    else:
        print(f"{'class':20} {'exp':>4} {'found':>5} {'recall':>7} {'prec':>6} {'right':>6}")
        for key, f in figures.items():
            print(f"{key:20} {f['expected']:4} {f['found']:5} {f['recall'] if f['recall'] is not None else '-':>7} "
                  f"{f['precision'] if f['precision'] is not None else '-':>6} "
                  f"{f['resolved_right'] if f['resolved_right'] is not None else '-':>6}")
    if args.failures:
        print("\n".join(failures))


if __name__ == "__main__":
    main()
