"""Time a cold run on 500 articles against the incremental run after adding one (the cache).

Builds a corpus of perturbed copies of seeds/ (every number shifted, some paragraphs
dropped, a made-up outlet and date per copy, all deterministic), runs the comparison with
an empty extraction cache, adds one article, and runs it again on the warm cache. Prints
the time of each run (wall and CPU), the time spent extracting, and the ratios.

Two ways, each cold then warm on a fresh cache:

- in this process (``analyse``, no rendering): the warm run finds the cold run's
  in-process memos (parses, content words) filled, as a long-lived caller would;
- as the command a user runs (``--cli``, on by default): ``python -m crosscheck compare
  CORPUS --format json,md`` in a fresh process each time, so the cold run pays for loading
  spaCy and its model and the warm one does not (it never imports spaCy), and both render.

CPU seconds are those of this process or of the child; on a shared machine they move less
with the load than wall time.

    python benchmarks/incremental.py [--articles 500] [--keep DIR] [--no-cli]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crosscheck.cache import cached  # noqa: E402
from crosscheck.extract import extract_facts  # noqa: E402
from crosscheck.load import load_corpus  # noqa: E402
from crosscheck.pipeline import analyse  # noqa: E402

SEEDS = ROOT / "seeds"

#: A run of digits: each is shifted by the copy's offset, so copies disagree on numbers.
DIGITS = re.compile(r"\d+")


def perturb(text: str, n: int) -> str:
    """Copy ``n`` of a seed text: numbers shifted by ``n % 7`` and every paragraph
    whose index is ``n`` modulo 4 dropped (the first paragraph is always kept)."""
    shift = n % 7
    paragraphs = [p for p in text.split("\n\n")]
    kept = [p for i, p in enumerate(paragraphs) if i == 0 or (i + n) % 4 != 0]
    return DIGITS.sub(lambda m: str(int(m.group(0)) + shift), "\n\n".join(kept))


def write_article(folder: Path, n: int, seeds: list[Path], sidecar: list[str]) -> None:
    seed = seeds[n % len(seeds)]
    name = f"{n:04d}_{seed.stem[:3]}.txt"
    (folder / name).write_text(perturb(seed.read_text(encoding="utf-8"), n), encoding="utf-8")
    published = date(2020, 1, 1) + timedelta(days=n % 90)
    sidecar.append(f'["{name}"]\noutlet = "Outlet {n:04d}"\npublished = {published.isoformat()}\n')


def build_corpus(folder: Path, count: int) -> list[str]:
    """Write ``count`` articles and their sidecar into ``folder``; return the sidecar entries."""
    seeds = sorted(SEEDS.glob("*.txt"))
    sidecar: list[str] = []
    for n in range(count):
        write_article(folder, n, seeds, sidecar)
    (folder / "crosscheck.toml").write_text("\n".join(sidecar), encoding="utf-8")
    return sidecar


def timed_run(folder: Path, cache_dir: Path) -> tuple[float, float, float, dict]:
    """(total seconds, CPU seconds, seconds extracting, cache stats) of one comparison of ``folder``."""
    extract = cached(extract_facts, cache_dir)
    spent = [0.0]

    def timed(article):
        t = time.perf_counter()
        try:
            return extract(article)
        finally:
            spent[0] += time.perf_counter() - t

    start, cpu = time.perf_counter(), time.process_time()
    analyse(load_corpus([str(folder)]), timed)
    return time.perf_counter() - start, time.process_time() - cpu, spent[0], dict(extract.stats)


def cli_run(folder: Path, cache_dir: Path, out: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of ``python -m crosscheck compare folder`` in a fresh process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "crosscheck", "compare", str(folder), "--format", "json,md",
                    "--cache", str(cache_dir), "--out", str(out), "--quiet"], check=True, cwd=ROOT, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500, help="articles in the corpus before one is added")
    parser.add_argument("--keep", metavar="DIR", help="build the corpus and cache in DIR and keep them")
    parser.add_argument("--no-cli", action="store_true", help="only the in-process runs, not the command's")
    args = parser.parse_args(argv)

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="crosscheck-bench-"))
    corpus, cache_dir = work / "corpus", work / "cache"
    for d in (corpus, cache_dir, work / "cli-cache", work / "cli-cold", work / "cli-warm"):
        shutil.rmtree(d, ignore_errors=True)
    corpus.mkdir(parents=True)
    seeds = sorted(SEEDS.glob("*.txt"))
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    try:
        sidecar = build_corpus(corpus, args.articles)
        cold, cold_cpu, cold_extract, cold_stats = timed_run(corpus, cache_dir)
        print(f"cold run, {args.articles} articles: {cold:.2f} s, {cold_cpu:.2f} s CPU "
              f"({cold_extract:.2f} s extracting; cache {cold_stats})")

        write_article(corpus, args.articles, seeds, sidecar)
        (corpus / "crosscheck.toml").write_text("\n".join(sidecar), encoding="utf-8")
        warm, warm_cpu, warm_extract, warm_stats = timed_run(corpus, cache_dir)
        print(f"warm run, {args.articles} + 1 articles: {warm:.2f} s, {warm_cpu:.2f} s CPU "
              f"({warm_extract:.2f} s extracting; cache {warm_stats})")

        print(f"ratio warm/cold, whole run: {warm / cold:.3f} ({cold / warm:.1f}x faster; CPU {cold_cpu / warm_cpu:.1f}x)")
        print(f"ratio warm/cold, extraction: {warm_extract / cold_extract:.3f} ({cold_extract / warm_extract:.1f}x faster)")

        if not args.no_cli:  # the same as a user's two runs of the command, each in a fresh process
            (corpus / f"{args.articles:04d}_{seeds[args.articles % len(seeds)].stem[:3]}.txt").unlink()
            (corpus / "crosscheck.toml").write_text("\n".join(sidecar[:-1]), encoding="utf-8")
            cold, cold_cpu = cli_run(corpus, work / "cli-cache", work / "cli-cold")
            write_article(corpus, args.articles, seeds, sidecar[:-1])
            (corpus / "crosscheck.toml").write_text("\n".join(sidecar), encoding="utf-8")
            warm, warm_cpu = cli_run(corpus, work / "cli-cache", work / "cli-warm")
            print(f"crosscheck compare --format json,md, fresh process: cold {cold:.2f} s ({cold_cpu:.2f} s CPU), "
                  f"warm + 1 article {warm:.2f} s ({warm_cpu:.2f} s CPU): {cold / warm:.1f}x faster "
                  f"(CPU {cold_cpu / warm_cpu:.1f}x)")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
