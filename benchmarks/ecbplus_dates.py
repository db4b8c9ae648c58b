"""Date finding and resolution against ECB+'s own time annotation (not made by this project).

    python benchmarks/ecbplus_dates.py [--events t01_ecb,t02_ecbplus] [--failures] [--json OUT]

ECB+ (Cybulska and Vossen 2014) marks every time expression of its selected sentences with
a tag (``TIME_DATE``, ``TIME_OF_THE_DAY``, ``TIME_DURATION``, ``TIME_REPETITION``) and links
the ones that denote the same time, within and across articles. Its annotators never saw
crosscheck, so it measures the date extractor on real news as the TempEval suites do:

- **recall**: the ``TIME_DATE`` mentions of the selected sentences (the release asks that
  evaluation keep to them) that a date fact of the report overlaps; a mention of the lead's
  publication line counts as found when the report lists it as the report's own date. Also
  given without the deictic words ECB+ tags as dates ("now", "currently", "recently"), which
  name no date crosscheck could compare.
- **consistency**: pairs of found mentions in two articles that ECB+ links as one time,
  both resolved to a day: the share whose intervals overlap (a resolution check that needs
  no normalised value, which ECB+ does not give).

The events are split in three, reported apart: **fitted** (events with a fact-family gold,
on which the date rules were developed: ``benchmarks/ecbplus.py``'s DEV and SEEN), **held
back** (being annotated for facts, not run here until their first run), and **other** (no
fact gold: the date rules were never looked at against them; the figure to quote).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import ecbplus  # noqa: E402

from crosscheck.extract import extract_facts  # noqa: E402
from crosscheck.load import load_corpus  # noqa: E402
from crosscheck.pipeline import _years_from_story, extract_all  # noqa: E402

#: Events being annotated for facts by reading: never run here before their first run.
HELD_BACK = ecbplus.HELD_OUT
#: Words ECB+ tags TIME_DATE that name no date (the present, vaguely).
DEICTIC = re.compile(r"^(?:right |just |until |by |from )?(?:now|currently|recently|present|nowadays|"
                     r"today's|these days|at present|at the moment|at this time|the moment|lately|"
                     r"then|soon|once|ever|always|still|yet|already)$", re.I)


def fitted_events() -> set[str]:
    return {ecbplus.folder(e) for e in ecbplus.DEV + ecbplus.SEEN}


def all_events() -> list[str]:
    return sorted(p.parent.name for p in ecbplus.DATASET.glob("t*/gold.json"))


def score_event(event: str, failures: list | None = None) -> dict:
    folder = ecbplus.DATASET / event
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    articles = load_corpus([str(folder)])
    facts = _years_from_story(extract_all(articles, extract_facts))
    by_art = defaultdict(list)
    for f in facts:
        if f.kind == "date":
            by_art[Path(f.article).stem].append(f)
    texts = {Path(a.path).stem: a.text for a in articles}
    out = {"mentions": 0, "found": 0, "deictic": 0, "deictic_found": 0, "pairs": 0, "consistent": 0}
    found_value: dict[str, tuple] = {}
    chains: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for m in gold["mentions"]:
        if m["kind"] != "TIME_DATE" or not m["in_selected_sentence"]:
            continue
        stem = Path(m["file"]).stem
        deictic = bool(DEICTIC.match(m["text"].strip()))
        out["mentions"] += 1
        out["deictic"] += deictic
        hit = next((f for f in by_art[stem] if f.start < m["char_end"] and m["char_start"] < f.end), None)
        if hit is not None:
            out["found"] += 1
            out["deictic_found"] += deictic
            v = hit.value
            if v.get("anchored") and v.get("granularity") == "day" and v.get("start"):
                key = f"{m['file']}:{m['char_start']}"
                found_value[key] = (v["start"], v["end"], m["text"])
                if m.get("chain") and m.get("chain_scope") == "cross-doc":
                    chains[m["chain"]].append((m["file"], key))
        elif failures is not None and not deictic:
            text = texts.get(stem, "")
            a, b = m["char_start"], m["char_end"]
            failures.append(f"{event:14} {m['file']:18} {text[max(0, a - 50):a]!r} [[{text[a:b]}]] {text[b:b + 30]!r}")
    for members in chains.values():
        for (fa, ka), (fb, kb) in combinations(members, 2):
            if fa == fb:
                continue
            (a0, a1, ta), (b0, b1, tb) = found_value[ka], found_value[kb]
            out["pairs"] += 1
            out["consistent"] += a0 <= b1 and b0 <= a1
            if failures is not None and not (a0 <= b1 and b0 <= a1):
                failures.append(f"{event:14} one time, two days: {ka} {ta!r} {a0}..{a1} / {kb} {tb!r} {b0}..{b1}")
    return out


def _total(rows: list[dict]) -> dict:
    t = {k: sum(r[k] for r in rows) for k in ("mentions", "found", "deictic", "deictic_found", "pairs", "consistent")}
    t["recall"] = round(t["found"] / t["mentions"], 3) if t["mentions"] else None
    nd = t["mentions"] - t["deictic"]
    t["recall_dates"] = round((t["found"] - t["deictic_found"]) / nd, 3) if nd else None
    t["consistency"] = round(t["consistent"] / t["pairs"], 3) if t["pairs"] else None
    return t


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", help="comma-separated event folders (default: all but the held-back ones)")
    ap.add_argument("--failures", action="store_true", help="print the missed (non-deictic) mentions")
    ap.add_argument("--json", type=Path, help="write the figures as JSON here")
    args = ap.parse_args(argv)
    if not ecbplus.DATASET.is_dir():
        print(f"ECB+ dataset not found at {ecbplus.DATASET} (set CROSSCHECK_ECBPLUS)", file=sys.stderr)
        return 2
    events = args.events.split(",") if args.events else [e for e in all_events() if e not in HELD_BACK]
    fitted = fitted_events()
    failures: list[str] | None = [] if args.failures else None
    rows = {e: score_event(e, failures) for e in events}
    sets = {"fitted": [r for e, r in rows.items() if e in fitted],
            "other": [r for e, r in rows.items() if e not in fitted and e not in HELD_BACK],
            "held back": [r for e, r in rows.items() if e in HELD_BACK]}
    result = {name: _total(rs) for name, rs in sets.items() if rs}
    if failures:
        print("\n".join(failures))
    print("| events | TIME_DATE mentions | recall | recall, deictic words aside | linked pairs | consistent |")
    print("|---|---|---|---|---|---|")
    for name, t in result.items():
        n = len(sets[name])
        print(f"| {name} ({n}) | {t['mentions']} | {t['recall']} | {t['recall_dates']} | {t['pairs']} | {t['consistency']} |")
    if args.json:
        args.json.write_text(json.dumps({"sets": result, "events": rows}, indent=1, sort_keys=True), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
