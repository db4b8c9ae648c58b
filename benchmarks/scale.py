"""How alignment and scoring grow with the outlets of one story: time, peak memory, report size.

Builds one story of many outlets from real coverage: the articles of ECB+ events
(``../shared/datasets/ecbplus``, see its README), each outlet a perturbed version of one of
them (some sentences dropped, a sentence or two of another article of the event taken in,
some numbers nudged, a publication date shifted), so that the story has many distinct
sentences, items and quotes, not copies of three texts. Facts are extracted once (and kept
in ``--work``); then for each size the comparison after extraction (near-copies, align,
score, report.json) runs in a fresh process, so that its peak memory is its own, for the
code under ``--code`` (default: this checkout) and, with ``--old DIR``, for another copy of
the package (e.g. ``git archive 40e3077 crosscheck | tar -x -C DIR``) in the same run.

Prints seconds, peak memory (max RSS of the process, and its growth over the loaded facts)
and report.json size per size, and the growth exponent of align + score between the
smallest and the largest size (log time ratio / log size ratio): ratios within one run,
since the machine is shared and noisy.

    python benchmarks/scale.py [--sizes 200,400,800,2000] [--old DIR] [--old-max 800] [--repeat N] [--work DIR]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import pickle
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATASET = Path(os.environ.get("CROSSCHECK_ECBPLUS", ROOT.parent / "shared" / "datasets" / "ecbplus"))
#: Events whose articles the outlets are made from: one story told many times (an
#: earthquake with its magnitudes, depths and distances; a shooting with its counts and
#: quotes), each event's folder as one story.
EVENTS = ("t38_ecbplus", "t22_ecbplus", "t01_ecbplus")
_NUMBER = re.compile(r"\b\d+(?:\.\d+)?\b")


def perturb(lines: list[str], other: list[str], rng: random.Random) -> str:
    """Another outlet's version of an article: the headline kept, each later line dropped
    with chance 0.2, up to two lines of another article of the event put in, small numbers
    nudged with chance 0.1."""
    body = [ln for ln in lines[1:] if rng.random() >= 0.2]
    for _ in range(rng.choice((0, 1, 2))):
        if other:
            body.insert(rng.randrange(len(body) + 1), rng.choice(other))

    def nudge(m: re.Match) -> str:
        if rng.random() < 0.1 and len(m.group(0)) < 4 and "." not in m.group(0):
            return str(int(m.group(0)) + rng.choice((1, 2)))
        return m.group(0)

    return "\n".join([lines[0]] + [_NUMBER.sub(nudge, ln) for ln in body]) + "\n"


def build_story(folder: Path, outlets: int, seed: int = 11, events: tuple[str, ...] = EVENTS) -> None:
    """Write ``outlets`` articles made from the events' articles, with a sidecar."""
    import tomllib

    rng = random.Random(seed)
    sources = []
    for event in events:
        meta = tomllib.loads((DATASET / event / "crosscheck.toml").read_text(encoding="utf-8"))
        texts = sorted(DATASET.joinpath(event).glob("*.txt"))
        for path in texts:
            lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
            if len(lines) > 2:
                sources.append((event, lines, meta.get(path.name, {}).get("published")))
    folder.mkdir(parents=True, exist_ok=True)
    sidecar = []
    for i in range(outlets):
        event, lines, published = sources[i % len(sources)]
        others = [ln for e, ls, _ in sources if e == event and ls is not lines for ln in ls[1:]]
        name = f"{i:04d}.txt"
        (folder / name).write_text(perturb(lines, others, rng), encoding="utf-8")
        entry = f'["{name}"]\noutlet = "Outlet {i:04d}"\n'
        if published:
            entry += f"published = {published}\n"
        sidecar.append(entry)
    (folder / "crosscheck.toml").write_text("\n".join(sidecar), encoding="utf-8")


def extracted(work: Path, outlets: int) -> Path:
    """A pickle of the story's loaded articles and their facts (built once per size)."""
    out = work / f"story{outlets}.pkl"
    if out.is_file():
        return out
    sys.path.insert(0, str(ROOT))
    from crosscheck.extract import extract_facts
    from crosscheck.load import load_corpus

    folder = work / f"story{outlets}"
    if not folder.is_dir():
        build_story(folder, outlets)
    articles = load_corpus([str(folder)])
    # facts as plain records (fields, the value a dict), so that another version of the
    # package (``--old``) can rebuild them with its own types
    facts = {a.id: [(dict(vars(f), value=dict(f.value))) for f in extract_facts(a)] for a in articles}
    out.write_bytes(pickle.dumps((articles, facts)))
    return out


def measure(pkl: str) -> None:
    """In this process: compare the pickled story after extraction; print a JSON line."""
    import resource
    import time

    articles, records = pickle.loads(Path(pkl).read_bytes())
    from crosscheck.models import Fact

    facts = {a: [Fact(**r) for r in rs] for a, rs in records.items()}
    from crosscheck import align as align_module
    from crosscheck.pipeline import analyse
    from crosscheck.render.json import dumps

    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    stage = {"copies": 0.0, "align": 0.0}
    find_copies, align = align_module.find_copies, align_module.align

    def timed(name, fn):
        def run(*a, **k):
            t = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                stage[name] += time.perf_counter() - t
        return run

    import crosscheck.pipeline as pipeline
    pipeline.find_copies, pipeline.align = timed("copies", find_copies), timed("align", align)
    t0 = time.perf_counter()
    report = analyse(articles, lambda a: facts[a.id])
    t1 = time.perf_counter()
    text = dumps(report)
    t2 = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({
        "facts": len(report.facts), "analyse": t1 - t0, "copies": stage["copies"], "align": stage["align"],
        "score": t1 - t0 - stage["copies"] - stage["align"], "json": t2 - t1, "json_mb": len(text.encode()) / 1e6,
        "peak_mb": peak / 1024, "growth_mb": (peak - base) / 1024,
    }))


def run_one(code: Path, pkl: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(code))
    out = subprocess.run([sys.executable, __file__, "--measure", str(pkl)], env=env, check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="200,400,800")
    ap.add_argument("--code", default=str(ROOT), help="folder holding the crosscheck package to time")
    ap.add_argument("--old", help="folder holding another crosscheck package, timed in the same run")
    ap.add_argument("--old-max", type=int, default=800,
                    help="time --old only up to this many outlets (40e3077 needs ~16 GB at 2,000)")
    ap.add_argument("--repeat", type=int, default=1, help="runs per size and code; the fastest is kept")
    ap.add_argument("--work", help="keep built stories and extracted facts here (reused)")
    ap.add_argument("--measure", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:
        measure(args.measure)
        return
    if not DATASET.is_dir():
        sys.exit(f"scale: the ECB+ dataset is not at {DATASET} (set CROSSCHECK_ECBPLUS)")
    work = Path(args.work or tempfile.mkdtemp(prefix="crosscheck-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    codes = [("new", Path(args.code))] + ([("old", Path(args.old))] if args.old else [])
    results: dict[str, dict[int, dict]] = {name: {} for name, _ in codes}
    for n in sizes:
        pkl = extracted(work, n)
        for name, code in codes:
            if name == "old" and n > args.old_max:
                continue
            r = min((run_one(code, pkl) for _ in range(args.repeat)), key=lambda x: x["align"] + x["score"])
            results[name][n] = r
            print(f"{name:3s} {n:5d} outlets {r['facts']:6d} facts  copies {r['copies']:7.2f} s  align "
                  f"{r['align']:7.2f} s  score {r['score']:7.2f} s  json {r['json']:6.2f} s  "
                  f"{r['json_mb']:7.1f} MB  peak {r['peak_mb']:7.0f} MB (+{r['growth_mb']:.0f})", flush=True)
    for name, _ in codes:
        done = sorted(results[name])
        for lo, hi in zip(done, done[1:]):
            a, b = results[name][lo], results[name][hi]
            exp = math.log((b["align"] + b["score"]) / (a["align"] + a["score"])) / math.log(hi / lo)
            print(f"{name}: align + score growth exponent {lo} -> {hi} outlets: {exp:.2f}")
        if len(done) > 2:
            a, b = results[name][done[0]], results[name][done[-1]]
            exp = math.log((b["align"] + b["score"]) / (a["align"] + a["score"])) / math.log(done[-1] / done[0])
            print(f"{name}: align + score growth exponent {done[0]} -> {done[-1]} outlets: {exp:.2f}")
    for n in sizes:
        if n in results.get("old", {}):
            new, old = results["new"][n], results["old"][n]
            print(f"{n} outlets: analyse old/new {old['analyse'] / new['analyse']:.1f}x, "
                  f"peak old/new {old['peak_mb'] / new['peak_mb']:.1f}x")


if __name__ == "__main__":
    main()
