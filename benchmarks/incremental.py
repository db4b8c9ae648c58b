"""Time a cold run on 500 articles against the incremental run after adding one (the cache).

Builds a corpus of perturbed copies of seeds/ (every number shifted, some paragraphs
dropped, a made-up outlet and date per copy, all deterministic), runs the comparison with
an empty extraction cache, adds one article, and runs it again on the warm cache. Prints
the time of each run, the time spent extracting, and the ratios.

    python benchmarks/incremental.py [--articles 500] [--keep DIR]
"""

from __future__ import annotations

import argparse
import re
import shutil
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


def timed_run(folder: Path, cache_dir: Path) -> tuple[float, float, dict]:
    """(total seconds, seconds extracting, cache stats) of one comparison of ``folder``."""
    extract = cached(extract_facts, cache_dir)
    spent = [0.0]

    def timed(article):
        t = time.perf_counter()
        try:
            return extract(article)
        finally:
            spent[0] += time.perf_counter() - t

    start = time.perf_counter()
    analyse(load_corpus([str(folder)]), timed)
    return time.perf_counter() - start, spent[0], dict(extract.stats)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500, help="articles in the corpus before one is added")
    parser.add_argument("--keep", metavar="DIR", help="build the corpus and cache in DIR and keep them")
    args = parser.parse_args(argv)

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="crosscheck-bench-"))
    corpus, cache_dir = work / "corpus", work / "cache"
    for d in (corpus, cache_dir):
        shutil.rmtree(d, ignore_errors=True)
    corpus.mkdir(parents=True)
    try:
        sidecar = build_corpus(corpus, args.articles)
        cold, cold_extract, cold_stats = timed_run(corpus, cache_dir)
        print(f"cold run, {args.articles} articles: {cold:.2f} s ({cold_extract:.2f} s extracting; cache {cold_stats})")

        write_article(corpus, args.articles, sorted(SEEDS.glob("*.txt")), sidecar)
        (corpus / "crosscheck.toml").write_text("\n".join(sidecar), encoding="utf-8")
        warm, warm_extract, warm_stats = timed_run(corpus, cache_dir)
        print(f"warm run, {args.articles} + 1 articles: {warm:.2f} s ({warm_extract:.2f} s extracting; cache {warm_stats})")

        print(f"ratio warm/cold, whole run: {warm / cold:.3f} ({cold / warm:.1f}x faster)")
        print(f"ratio warm/cold, extraction: {warm_extract / cold_extract:.3f} ({cold_extract / warm_extract:.1f}x faster)")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
