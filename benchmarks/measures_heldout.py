"""Measures in news-style sentences written after the unit data, scored once (held out).

    python benchmarks/measures_heldout.py [--failures] [--json OUT]

``tests/data/measures_heldout.json`` holds 115 sentences with 209 measures across 24
dimensions (and 21 numbers that are no measure: "Apollo 11", "V8", "three stones"),
written and annotated by reading on 2026-12-02 by a helper who never ran crosscheck nor
read its code or unit data; its values are in SI reference units (its ``reference_units``).
Each sentence goes through the whole extraction (``extract_facts``). A gold measure is
found when a measure fact overlaps its span, has its dimension and a value range that holds
the gold range (within 0.1%: the gold rounds to 15 digits, a qualifier widens the tool's
range); "dimension right" counts the overlapping measures of the right dimension whatever
their value. A false find is a measure fact that overlaps no gold measure.

The conversion from crosscheck's canonical units to the reference units below is this
benchmark's own table, not units.json, so that a wrong factor in the data shows.
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

from crosscheck.extract import extract_facts  # noqa: E402
from crosscheck.models import Article  # noqa: E402

CASES = ROOT / "tests" / "data" / "measures_heldout.json"

#: crosscheck's canonical unit of each dimension -> factor to the gold's reference unit.
TO_REFERENCE = {
    ("length", "km"): 1000.0, ("area", "km²"): 1e6, ("volume", "l"): 1.0, ("mass", "kg"): 1.0,
    ("duration", "day"): 86400.0, ("temperature", "°C"): 1.0, ("pressure", "kPa"): 1000.0,
    ("energy", "kWh"): 3.6e6, ("power", "kW"): 1000.0, ("voltage", "V"): 1.0, ("current", "A"): 1.0,
    ("resistance", "ohm"): 1.0, ("force", "N"): 1.0, ("frequency", "GHz"): 1e9,
    ("rotational_speed", "rpm"): 1.0, ("data", "GB"): 1e9, ("data_rate", "Mbps"): 1e6,
    ("speed", "km/h"): 1 / 3.6, ("radiation_dose", "mSv"): 0.001, ("radioactivity", "Bq"): 1.0,
    ("sound_level", "dB"): 1.0, ("concentration", "ppm"): 1.0, ("fuel_economy", "mpg"): 1.0,
    ("percent", "percent"): 1.0,
}  # fmt: skip
TOLERANCE = 1e-3


def _measures(text: str) -> list:
    art = Article(id="case", path="case.txt", text=text, published=date(2020, 1, 1), published_from="metadata")
    return [f for f in extract_facts(art) if f.kind == "measure"]


def _holds(fact, gold: dict) -> bool:
    v = fact.value
    factor = TO_REFERENCE.get((v.get("dimension"), v.get("unit")))
    if factor is None:
        return False
    low = None if v.get("low") is None else v["low"] * factor
    high = None if v.get("high") is None else v["high"] * factor

    def le(a: float, b: float) -> bool:
        return a <= b + TOLERANCE * max(abs(a), abs(b), 1e-30)

    return (low is None or le(low, gold["low"])) and (high is None or le(gold["high"], high))


def score(cases: list[dict]) -> tuple[dict, list[str]]:
    tally: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    failures: list[str] = []
    for case in cases:
        text = case["text"]
        facts = _measures(text)
        used = set()
        for g in case["measures"]:
            a = text.index(g["span"])
            b = a + len(g["span"])
            near = [f for f in facts if f.start < b and a < f.end]
            right_dim = [f for f in near if f.value.get("dimension") == g["dimension"]]
            hit = next((f for f in right_dim if _holds(f, g)), None)
            used.update(f.id for f in near)
            for key in (g["dimension"], "all"):
                tally[key]["gold"] += 1
                tally[key]["dimension"] += bool(right_dim)
                tally[key]["found"] += hit is not None
            if hit is None:
                got = [(f.text, f.value.get("dimension"), f.value.get("low"), f.value.get("high"), f.value.get("unit"))
                       for f in near]
                failures.append(f"missed {g['span']!r} ({g['dimension']} {g['low']}..{g['high']}): got {got} in {text!r}")
        for f in facts:
            if f.id not in used:
                tally["all"]["false"] += 1
                failures.append(f"false find {f.text!r} ({f.value.get('dimension')}) in {text!r}")
        for n in case.get("non_measures", []):
            a = text.index(n)
            if any(f.start < a + len(n) and a < f.end for f in facts):
                tally["all"]["non_measure_read"] += 1
    return {k: dict(v) for k, v in tally.items()}, failures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--failures", action="store_true", help="list every miss and false find")
    ap.add_argument("--json", type=Path, help="write the figures as JSON")
    args = ap.parse_args()
    data = json.loads(CASES.read_text(encoding="utf-8"))
    tally, failures = score(data["cases"])
    print(f"{'dimension':18} {'found':>6} {'gold':>5} {'recall':>7} {'dim right':>10}")
    for key in sorted(tally, key=lambda k: (k == "all", k)):
        t = tally[key]
        print(f"{key:18} {t.get('found', 0):6} {t['gold']:5} {t.get('found', 0) / t['gold']:7.2f} "
              f"{t.get('dimension', 0) / t['gold']:10.2f}")
    a = tally["all"]
    found_facts = a.get("found", 0) + a.get("false", 0)
    print(f"false finds: {a.get('false', 0)}; non-measures read as measures: {a.get('non_measure_read', 0)} "
          f"of {sum(len(c.get('non_measures', [])) for c in data['cases'])}; "
          f"precision {a.get('found', 0) / found_facts if found_facts else 1:.2f}")
    if args.failures:
        print("\n".join(failures))
    if args.json:
        args.json.write_text(json.dumps(tally, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
