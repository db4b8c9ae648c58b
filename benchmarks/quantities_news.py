"""Quantity values in real news sentences, against a gold made by reading (tests/data/quantities_news.json).

    python benchmarks/quantities_news.py [--failures]

Each case is a sentence of an ECB+ article with every quantity it holds (money, counts,
measures, ages; see the file's "about"). Each sentence goes through crosscheck's whole
extraction as a one-sentence article (``extract_facts``: the parse, the frames, what they
drop), and its counts, amounts and measures are compared with the gold:

- an exact quantity is recalled by a fact of its kind with the same low/high (to a relative
  1e-6) and currency, or, for a measure, the same value in the canonical unit of the gold's
  unit (``crosscheck/data/units.json``); an age by a measure of age with the same years;
- a vague one ("dozens", "a few days", value null) by a fact of its kind whose span
  overlaps the gold's surface (reported apart: the ECB+ fact gold leaves "a few", "several"
  and "many" out of its scope, and so does the tool);
- a gold figure with a qualifier ("just over a month") is written as the number: it is
  recalled when it lies in the interval the tool reads ("just over" one month: 1 to 1.1);
- a fact that no gold quantity accounts for is a false find (precision).

Nothing here is fitted: the gold was made without running the tool, and the figures of its
first run are in docs/accuracy.md.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crosscheck.extract import extract_facts  # noqa: E402
from crosscheck.models import Article  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "data" / "quantities_news.json"
UNITS = ROOT / "crosscheck" / "data" / "units.json"
KINDS = ("count", "money", "measure")
DAYS_PER_YEAR = 365.25


def _units() -> dict[str, tuple[str, float]]:
    """unit word -> (dimension, factor to the canonical unit)."""
    out = {}
    for u in json.loads(UNITS.read_text(encoding="utf-8"))["units"]:
        for w in [u["name"], *u.get("words", []), *u.get("symbols", [])]:
            out.setdefault(w.lower(), (u["dimension"], u["factor"], u.get("offset", 0.0)))
    return out


def _close(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)


def _canonical(exp: dict, units: dict) -> tuple[str, float | None, float | None] | None:
    """(dimension, low, high) of a gold measure in the canonical unit; None for a unit the
    table does not hold (which the tool cannot find either)."""
    found = units.get(exp["unit"].lower()) or units.get(exp["unit"].lower() + "s")
    if exp["unit"].lower() in ("percent", "per cent"):
        found = ("percent", 1.0, 0.0)
    if found is None:
        return None
    dim, factor, offset = found
    conv = (lambda x: None if x is None else (x + offset) * factor)
    return dim, conv(exp["low"]), conv(exp["high"])


def _same_value(v: dict, low, high, qualified: bool) -> bool:
    """The gold's low/high against a fact's; a qualified gold figure ("about 30", "just over
    a month": the number as written) against the interval the tool reads the qualifier as."""
    if not qualified:
        return _close(v.get("low"), low) and _close(v.get("high"), high)
    lo, hi = v.get("low"), v.get("high")
    def inside(x) -> bool:
        return (lo is None or x >= lo * (1 - 1e-6)) and (hi is None or x <= hi * (1 + 1e-6))
    return inside(low) and inside(high)


def _matches(exp: dict, fact, span: tuple[int, int] | None, units: dict) -> bool:
    v = fact.value
    kind = exp["kind"]
    qualified = bool(exp.get("qualifier"))
    if kind == "age":
        return fact.kind == "measure" and v.get("head") == "age" and (
            exp["low"] is None or _same_value(v, exp["low"] * DAYS_PER_YEAR, exp["high"] * DAYS_PER_YEAR, qualified))
    if fact.kind != kind:
        return False
    if _vague(exp):
        return span is not None and fact.start < span[1] and span[0] < fact.end
    if kind == "money":
        return _same_value(v, exp["low"], exp["high"], qualified) and v.get("currency") == exp["currency"]
    if kind == "count":
        return _same_value(v, exp["low"], exp["high"], qualified)
    canon = _canonical(exp, units)
    if canon is None:
        return False
    dim, lo, hi = canon
    return v.get("dimension") == dim and _same_value(v, lo, hi, qualified)


def _vague(exp: dict) -> bool:
    return bool(exp.get("vague")) or exp.get("low") is None


def check(case: dict, units: dict) -> tuple[list[dict], list[dict], list]:
    """(recalled, missed, extra) of one case."""
    text = case["text"]
    facts = [f for f in extract_facts(Article(id="q", path="q.txt", text=text)) if f.kind in KINDS]
    left = list(facts)
    recalled, missed = [], []
    for exp in case["expect"]:
        if exp["kind"] not in (*KINDS, "age"):
            continue  # scores and the like: not scored
        at = text.find(exp["surface"])
        span = (at, at + len(exp["surface"])) if at >= 0 else None
        match = next((f for f in left if _matches(exp, f, span, units)), None)
        if match is None:
            missed.append(exp)
        else:
            recalled.append(exp)
            left.remove(match)
    return recalled, missed, left


def evaluate(cases: list[dict]) -> dict:
    units = _units()
    rows: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    extra_by_kind: dict[str, int] = defaultdict(int)
    found = 0
    failures = []
    for case in cases:
        recalled, missed, extra = check(case, units)
        for exp in recalled + missed:
            key = exp["kind"] + (" (vague)" if _vague(exp) else "")
            rows[key][1] += 1
            rows[key][0] += exp in recalled
        for f in extra:
            extra_by_kind[f.kind] += 1
        found += len(recalled) + len(extra)
        if missed or extra:
            failures.append({"source": case["source"], "text": case["text"], "missed": missed,
                             "extra": [(f.kind, f.text, {k: f.value.get(k) for k in ("low", "high", "unit", "currency", "head")})
                                       for f in extra]})
    exact = [r for k, r in rows.items() if "vague" not in k]
    hit = sum(r[0] for r in exact)
    n = sum(r[1] for r in exact)
    extras = sum(extra_by_kind.values())
    return {"rows": dict(rows), "recall": hit / n if n else None, "expected": n, "recalled": hit,
            "extra": dict(extra_by_kind), "precision": (found - extras) / found if found else None,
            "failures": failures}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--failures", action="store_true", help="list the cases with a missed or extra quantity")
    ap.add_argument("--json", help="write the figures as JSON")
    args = ap.parse_args(argv)
    data = json.loads(CASES.read_text(encoding="utf-8"))
    result = evaluate(data["cases"])
    print(f"{'kind':<18} {'recalled':>8} {'expected':>8} {'recall':>7}")
    for name, (hit, n) in sorted(result["rows"].items()):
        print(f"{name:<18} {hit:>8} {n:>8} {hit / n:>7.2f}")
    print(f"{'all but vague':<18} {result['recalled']:>8} {result['expected']:>8} {result['recall']:>7.2f}")
    print(f"false finds by kind: {result['extra']}; precision {result['precision']:.2f}")
    if args.failures:
        for f in result["failures"]:
            print(json.dumps(f, ensure_ascii=False))
    if args.json:
        Path(args.json).write_text(json.dumps({k: v for k, v in result.items() if k != "failures"}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
