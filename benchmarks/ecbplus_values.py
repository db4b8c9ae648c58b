"""Whether the figures crosscheck finds in real coverage carry the right value.

    python benchmarks/ecbplus_values.py [--reports DIR] [--failures]

The ECB+ fact gold (``benchmarks/ecbplus.py``) says where each count, amount and measure is;
``tests/gold/ecbplus/<event>/values.json`` adds, for some events, the value a reader gives
each one (made by reading, never from the tool's output: see tests/gold/ecbplus/README.md).
Each event's report (run here, or read from ``--reports DIR/<event>/report.json`` as
``benchmarks/ecbplus.py --save`` writes them) is matched to the gold mentions as the
dataset's scorer matches them (the tool fact of a compatible kind that overlaps most), and
each matched figure's value is compared as ``benchmarks/quantities_news.py`` compares them:
low/high (a qualified figure: the number written within the interval the tool reads),
the currency, a measure in the canonical unit of the gold's unit. Vague figures ("dozens")
and figures whose currency the text lost are left out.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.ecbplus import DATASET, run  # noqa: E402
from benchmarks.quantities_news import _canonical, _same_value, _units  # noqa: E402

GOLD = Path(__file__).resolve().parent.parent / "tests" / "gold" / "ecbplus"
COMPATIBLE = {"money": {"money"}, "count": {"count", "measure"}, "measure": {"measure", "count"}}


def _events() -> list[str]:
    return sorted(p.parent.name for p in GOLD.glob("*/values.json"))


def _match(value: dict, facts: list[dict]) -> dict | None:
    best = None
    for f in facts:
        ov = min(f["end"], value["char_end"]) - max(f["start"], value["char_start"])
        if ov > 0 and f["kind"] in COMPATIBLE[value["kind"]]:
            key = (ov, f["kind"] == value["kind"], -f["start"])
            if best is None or key > best[0]:
                best = (key, f)
    return best[1] if best else None


def _value(v: dict, low, high, qualified: bool) -> bool:
    """``_same_value``, or one end of the range the tool read where the gold splits a range
    into its two ends ("between $140 million and $150 million", "100 or 200")."""
    if _same_value(v, low, high, qualified):
        return True
    ends = [x for x in (v.get("low"), v.get("high")) if x is not None]
    return low == high and any(abs(x - low) <= 1e-6 * max(1.0, abs(low)) for x in ends)


def right(value: dict, fact: dict, units: dict) -> bool:
    v, qualified = fact.get("value") or {}, bool(value.get("qualifier"))
    if value["kind"] == "money":
        return fact["kind"] == "money" and v.get("currency") == value["currency"] and \
            _value(v, value["low"], value["high"], qualified)
    unit = (value.get("unit") or "").lower()
    if unit == "magnitude":
        return v.get("dimension") == "magnitude" and _value(v, value["low"], value["high"], qualified)
    canon = _canonical(value, units) if unit else None
    if value["kind"] == "count" or canon is None:  # a count, or a unit no table holds ("floors")
        return fact["kind"] == "count" and _value(v, value["low"], value["high"], qualified)
    if fact["kind"] != "measure":
        return False
    dim, lo, hi = canon
    return v.get("dimension") == dim and _value(v, lo, hi, qualified)


def score(event: str, report: dict, units: dict) -> dict:
    values = json.loads((GOLD / event / "values.json").read_text(encoding="utf-8"))
    by_article = defaultdict(list)
    for f in report["facts"]:
        by_article[Path(f["article"]).stem].append(f)
    rows: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # kind -> [right, matched, gold]
    wrong = []
    for value in values:
        if value.get("vague") or value.get("low") is None or (value["kind"] == "money" and not value.get("currency")):
            continue
        row = rows[value["kind"]]
        row[2] += 1
        fact = _match(value, by_article[Path(value["file"]).stem])
        if fact is None:
            continue
        row[1] += 1
        if right(value, fact, units):
            row[0] += 1
        else:
            wrong.append({"event": event, "surface": value["surface"], "gold": {k: value.get(k) for k in
                          ("low", "high", "unit", "currency", "qualifier")},
                          "tool": {"kind": fact["kind"], "text": fact["text"], **{k: (fact.get("value") or {}).get(k) for k in
                                   ("low", "high", "unit", "currency", "qualifier")}}})
    return {"rows": dict(rows), "wrong": wrong}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=Path, help="read DIR/<event>/report.json instead of running the tool")
    ap.add_argument("--failures", action="store_true", help="list every matched figure with a wrong value")
    args = ap.parse_args(argv)
    units = _units()
    total: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    wrong = []
    for event in _events():
        name = event.removesuffix("_ecbplus") if event.endswith("_ecbplus") else event
        report = run(name, args.reports)
        result = score(event, report, units)
        for kind, (r, m, g) in result["rows"].items():
            total[kind][0] += r
            total[kind][1] += m
            total[kind][2] += g
        wrong += result["wrong"]
    print(f"events: {' '.join(_events())} (texts in {DATASET})")
    print(f"{'kind':<8} {'right':>6} {'matched':>8} {'gold':>6} {'value right':>12}")
    for kind, (r, m, g) in sorted(total.items()):
        print(f"{kind:<8} {r:>6} {m:>8} {g:>6} {r / m if m else 0:>12.2f}")
    r, m = sum(x[0] for x in total.values()), sum(x[1] for x in total.values())
    print(f"{'all':<8} {r:>6} {m:>8} {sum(x[2] for x in total.values()):>6} {r / m if m else 0:>12.2f}")
    if args.failures:
        for w in wrong:
            print(json.dumps(w, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
