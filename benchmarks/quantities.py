"""Value recall of the quantity extractors on request/response cases (tests/data/quantities.json).

    python benchmarks/quantities.py [--failures]

A case is a sentence and the quantities it holds: every money amount and measure
(exhaustive) and some counts. An expected quantity is recalled when the extractor of its
kind yields one with the same low/high (to a relative 1e-6) and the same currency, or the
same canonical unit; extra money or measure mentions are counted as false finds. Recall
is reported per dimension: money, counts, and each measure dimension.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crosscheck.extract.counts import extract_counts  # noqa: E402
from crosscheck.extract.measures import measures_in_sentence  # noqa: E402
from crosscheck.extract.money import money_in_sentence  # noqa: E402
from crosscheck.models import Article, Sentence  # noqa: E402

CASES = Path(__file__).resolve().parent.parent / "tests" / "data" / "quantities.json"


def load_cases(path: Path = CASES) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cases"]


def _close(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-12)


def _same(expected: dict, got: dict) -> bool:
    if not (_close(expected["low"], got.get("low")) and _close(expected["high"], got.get("high"))):
        return False
    return all(got.get(k) == v for k, v in expected.items() if k not in ("kind", "low", "high"))


def extract(text: str) -> list[tuple[str, dict]]:
    """(kind, value) of every money amount, measure and count of one sentence."""
    sentence = Sentence(0, len(text), text)
    found = [(m.kind, m.value) for m in money_in_sentence(sentence) + measures_in_sentence(sentence)]
    article = Article(id="q", path="q.txt", text=text)
    found += [(m.kind, m.value) for m in extract_counts(article, [sentence])]
    return found


def check(case: dict) -> tuple[list[dict], list[dict], list[tuple[str, dict]]]:
    """(recalled, missed, extra) for one case: expected quantities found and not found, and
    money or measure mentions that no expected quantity accounts for."""
    found = extract(case["text"])
    left = list(found)
    recalled, missed = [], []
    for exp in case["expect"]:
        match = next((f for f in left if f[0] == exp["kind"] and _same(exp, f[1])), None)
        if match is None:
            missed.append(exp)
        else:
            recalled.append(exp)
            left.remove(match)
    extra = [f for f in left if f[0] in ("money", "measure")]
    return recalled, missed, extra


def category(exp: dict) -> str:
    return exp["dimension"] if exp["kind"] == "measure" else exp["kind"]


def evaluate(cases: list[dict]) -> dict:
    rows: dict[str, list[int]] = {}
    extras = 0
    failures = []
    for case in cases:
        recalled, missed, extra = check(case)
        for exp in recalled + missed:
            row = rows.setdefault(category(exp), [0, 0])
            row[1] += 1
            row[0] += exp in recalled
        extras += len(extra)
        if missed or extra:
            failures.append({"text": case["text"], "missed": missed, "extra": extra})
    total = [sum(r[0] for r in rows.values()), sum(r[1] for r in rows.values())]
    return {"rows": rows, "total": total, "extra": extras, "failures": failures}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--failures", action="store_true", help="list the cases with a missed or extra quantity")
    args = ap.parse_args(argv)
    result = evaluate(load_cases())
    print(f"{'dimension':<18} {'recalled':>8} {'expected':>8} {'recall':>7}")
    for name, (hit, n) in sorted(result["rows"].items()):
        print(f"{name:<18} {hit:>8} {n:>8} {hit / n:>7.2f}")
    hit, n = result["total"]
    print(f"{'all':<18} {hit:>8} {n:>8} {hit / n:>7.2f}")
    print(f"extra money/measure mentions: {result['extra']}")
    if args.failures:
        for f in result["failures"]:
            print(json.dumps(f, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
