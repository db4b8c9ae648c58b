"""Peak memory and time of ``crosscheck compare`` on the two hostile inputs of issue 12.

- **one-line files**: 10,000 articles of one line each in one folder, each a sentence with a
  count, a date, an amount or a measure (varied: places, things, figures, days), the
  smallest article a page can be and the most articles one story can have;
- **one long article**: real ECB+ articles (``../shared/datasets/ecbplus``) concatenated to
  4.9 MB (under the 5 MB limit for one article), with one ordinary article beside it (a story
  needs two).

Each input is built once in ``--work``, then compared by ``crosscheck compare`` in a
subprocess (``--format json,md --no-cache``); the script prints its wall time and peak
memory (max RSS of the child, its own ``ru_maxrss`` from ``os.wait4``: what
``resource.getrusage(RUSAGE_CHILDREN)`` gives for one child). Issue 12 asks for both under 1 GB.

    python benchmarks/hostile_scale.py [--files 10000] [--mb 4.9] [--only files|long] [--work DIR] [--code DIR]

Figures (2026-11-30, the project's shared 2-core machine, load average 3 to 5; the table in
docs/many-stories.md): before (3ce7a3c), 10,000 one-line files took more than 5.4 GB and 15
minutes without finishing, and the 4.9 MB article did not finish in 3,000 s (still in
extraction); after, 10,000 one-line files: 849 MB, 1,788 s; the 4.9 MB article (10bd04a):
623 MB, 1,537 s, nearly all of it the parse.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATASET = Path(os.environ.get("CROSSCHECK_ECBPLUS", ROOT.parent / "shared" / "datasets" / "ecbplus"))

PLACES = ["Dravec", "Norham", "Kelso Bay", "Port Ardent", "Villeneuve", "Ostrava", "Marlow", "Tessin",
          "the capital", "the northern province", "the coastal district", "Lake Orin"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
PEOPLE = ["people", "residents", "workers", "students", "passengers", "soldiers", "miners", "patients"]
EVENTS = ["were killed", "were injured", "were evacuated", "were rescued", "went missing", "were arrested",
          "were taken to hospital", "lost their homes"]
BODIES = ["The city council", "The ministry", "The company", "The regional government", "The club", "The agency"]
THINGS = ["new bridge", "hospital wing", "rail line", "stadium", "water plant", "school building"]
SPEAKERS = ["Mayor Ana Kovac", "police chief Tom Reyes", "Health Minister Lena Ortiz", "spokesman Ivo Marsh"]


def one_line(rng: random.Random) -> str:
    """A one-sentence article with a figure and, mostly, a date."""
    place, month, day = rng.choice(PLACES), rng.choice(MONTHS), rng.randint(1, 28)
    n = rng.choice([rng.randint(2, 40), rng.randint(40, 900), rng.randint(1000, 20000)])
    kind = rng.randrange(6)
    if kind == 0:
        return f"At least {n} {rng.choice(PEOPLE)} {rng.choice(EVENTS)} in {place} on {month} {day}, officials said."
    if kind == 1:
        return f"{rng.choice(BODIES)} will spend ${rng.randint(2, 900)} million on a {rng.choice(THINGS)} in {place}, it said on {rng.choice(DAYS)}."
    if kind == 2:
        return (f"A magnitude {rng.randint(3, 8)}.{rng.randint(0, 9)} earthquake struck {place} on {month} {day}, "
                f"{rng.choice([2011, 2012, 2013])}, at a depth of {rng.randint(5, 80)} km.")
    if kind == 3:
        return f"\"We counted {n} {rng.choice(PEOPLE)} this morning,\" {rng.choice(SPEAKERS)} said in {place}."
    if kind == 4:
        return f"{n} {rng.choice(PEOPLE)} {rng.choice(EVENTS)} when floods hit {place} last {rng.choice(DAYS)}."
    return f"Police in {place} said {n} {rng.choice(PEOPLE)} {rng.choice(EVENTS)} and {rng.randint(2, 30)} more on {month} {day}."


def build_files(folder: Path, files: int, seed: int = 12) -> Path:
    """``files`` one-line articles in ``folder`` (built once)."""
    if folder.is_dir() and len(list(folder.glob("*.txt"))) == files:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    for i in range(files):
        (folder / f"{i:05d}.txt").write_text(one_line(rng) + "\n", encoding="utf-8")
    return folder


def build_long(folder: Path, mb: float) -> Path:
    """One article of ECB+ articles concatenated to ``mb`` MB, and one ordinary article."""
    size = int(mb * 1_000_000)
    long = folder / "long.txt"
    if long.is_file() and abs(long.stat().st_size - size) < 1000:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    texts = [p.read_text(encoding="utf-8") for p in sorted(DATASET.glob("t*_ecb*/*.txt"))]
    out, n = [], 0
    while n < size:
        for t in texts:
            out.append(t.strip())
            n += len(t.strip().encode("utf-8")) + 2
            if n >= size:
                break
    text = "\n\n".join(out).encode("utf-8")[: size - 1000].decode("utf-8", "ignore")
    long.write_text(text[: text.rfind("\n")] + "\n", encoding="utf-8")
    (folder / "short.txt").write_text(texts[0], encoding="utf-8")
    return folder


def run(folder: Path, code: Path) -> tuple[float, float]:
    """Seconds and peak memory (MB) of ``crosscheck compare folder`` in a child process."""
    out = Path(tempfile.mkdtemp(prefix="hostile-out-"))
    env = dict(os.environ, PYTHONPATH=str(code))
    t = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "crosscheck", "compare", str(folder), "--out", str(out),
                              "--format", "json,md", "--no-cache", "--quiet"], env=env)
    _, status, usage = os.wait4(child.pid, 0)
    secs = time.perf_counter() - t
    if status:
        raise SystemExit(f"crosscheck compare {folder} failed ({status})")
    return secs, usage.ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=10_000, help="one-line articles (default 10000)")
    ap.add_argument("--mb", type=float, default=4.9, help="size of the long article in MB (default 4.9)")
    ap.add_argument("--only", choices=("files", "long"), help="run one input only")
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "crosscheck-hostile")
    ap.add_argument("--code", type=Path, default=ROOT, help="the checkout whose package runs (default: this one)")
    args = ap.parse_args(argv)
    if args.only in (None, "files"):
        folder = build_files(args.work / f"files{args.files}", args.files)
        secs, peak = run(folder, args.code)
        print(f"{args.files} one-line files: {secs:7.1f} s, peak {peak:6.0f} MB", flush=True)
    if args.only in (None, "long"):
        folder = build_long(args.work / f"long{args.mb}", args.mb)
        secs, peak = run(folder, args.code)
        print(f"one {args.mb} MB article: {secs:7.1f} s, peak {peak:6.0f} MB", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
