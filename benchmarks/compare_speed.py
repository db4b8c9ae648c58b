"""Throughput of ``crosscheck compare`` on perturbed copies of the seeds.

Builds 1,000 articles: 50 stories of 20 outlets (each story compared as its own folder)
and one story of 200 outlets. Prints articles per second with and without report
rendering, and how alignment time grows with the number of outlets (as ratios measured
in one run: these machines are shared and noisy, so absolute seconds mean little).

    python benchmarks/compare_speed.py [--stories 50] [--outlets 20] [--big 200] [--render]
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crosscheck.align import align  # noqa: E402
from crosscheck.extract import extract_facts  # noqa: E402
from crosscheck.load import load_corpus  # noqa: E402
from crosscheck.pipeline import analyse  # noqa: E402
from crosscheck.render import write_report  # noqa: E402

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
_NUMBER = re.compile(r"\b\d+(?:\.\d+)?\b")
_PARAS = re.compile(r"\n\s*\n")


def perturb(text: str, rng: random.Random) -> str:
    """A plausible other outlet's version: a few numbers nudged, paragraphs reordered."""
    def nudge(m: re.Match) -> str:
        if rng.random() < 0.15 and len(m.group(0)) < 4:
            return str(int(float(m.group(0))) + rng.choice((1, 2)))
        return m.group(0)

    paras = _PARAS.split(_NUMBER.sub(nudge, text))
    head, body = paras[:2], paras[2:]
    rng.shuffle(body)
    return "\n\n".join(head + body)


def build_story(folder: Path, outlets: int, seed: int) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    lines = []
    for i in range(outlets):
        src = SEEDS[i % len(SEEDS)]
        name = f"{i:03d}.txt"
        (folder / name).write_text(perturb(src.read_text(encoding="utf-8"), rng), encoding="utf-8")
        lines.append(f'["{name}"]\noutlet = "Outlet {i:03d}"\npublished = 2017-12-{20 + i % 10:02d}\n')
    (folder / "crosscheck.toml").write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stories", type=int, default=50)
    ap.add_argument("--outlets", type=int, default=20)
    ap.add_argument("--big", type=int, default=200)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="crosscheck-bench-"))
    try:
        stories = []
        for s in range(args.stories):
            build_story(tmp / f"story{s:02d}", args.outlets, s)
            stories.append(tmp / f"story{s:02d}")
        build_story(tmp / "big", args.big, 999)
        n_small = args.stories * args.outlets

        t0 = time.perf_counter()
        for folder in stories:
            analyse(load_corpus([str(folder)]))
        t_plain = time.perf_counter() - t0
        t0 = time.perf_counter()
        for folder in stories:
            write_report(analyse(load_corpus([str(folder)])), tmp / "out" / folder.name, ("json", "md"))
        t_md = time.perf_counter() - t0
        sample = stories[: max(1, args.stories // 10)]
        t0 = time.perf_counter()
        for folder in sample:
            write_report(analyse(load_corpus([str(folder)])), tmp / "outfull" / folder.name)
        t_full = time.perf_counter() - t0
        t0 = time.perf_counter()
        analyse(load_corpus([str(tmp / "big")]))
        t_big = time.perf_counter() - t0

        print(f"compare, {args.stories} stories x {args.outlets} outlets ({n_small} articles):")
        print(f"  no rendering        {n_small / t_plain:8.1f} articles/s")
        print(f"  json + md           {n_small / t_md:8.1f} articles/s")
        print(f"  all formats ({len(sample)} stories) {len(sample) * args.outlets / t_full:8.1f} articles/s")
        print(f"compare, one story of {args.big} outlets: {args.big / t_big:8.1f} articles/s")

        facts_all = []
        big_articles = load_corpus([str(tmp / "big")])
        per_article = {a.id: extract_facts(a) for a in big_articles}
        print("alignment time by number of outlets (ratio to the smallest):")
        base = None
        for n in sorted({10, 25, 50, 100, args.big}):
            if n > len(big_articles):
                break
            facts_all = [f for a in big_articles[:n] for f in per_article[a.id]]
            t0 = time.perf_counter()
            align(facts_all)
            dt = time.perf_counter() - t0
            base = base or dt
            print(f"  {n:4d} outlets  {len(facts_all):6d} facts  {dt:7.3f} s  x{dt / base:6.1f}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
