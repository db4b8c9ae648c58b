"""Time extraction on adversarial text against ordinary text of the same size.

Each pathological text is one long run of a repeated token with no sentence end ("1 1 1
...", "..........", "on Monday on Monday ...", "December 19, December 19, ...", "between 1
and between 1 and ...", sentences of hundreds of numbers), the kind of thing a results table pasted without full stops or a
hostile page can hold. Ordinary text is the seed articles repeated to the same size. Every
stage of extraction should be linear in its input, so each ratio should stay well under 10
(issue 12); a quadratic stage shows as a ratio that grows with --size.

    python benchmarks/pathological.py [--size 200000] [--only NAME]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crosscheck import parse  # noqa: E402
from crosscheck.extract import extract_facts  # noqa: E402
from crosscheck.models import Article  # noqa: E402

#: The repeated unit of each pathological text.
PATTERNS = {
    "numbers": "1 ",
    "ellipsis": "…",
    "dots": ".",
    "on Monday": "on Monday ",
    "month day": "December 19, ",
    "between": "between 1 and ",
    "money": "$1 ",
    "percent": "5% ",
    "long token": "x",
    "a minute": "for about a minute ",  # each a duration read through the parse
    "spaced thousands": "3 000 ",  # each a possible thousands group of the one before
    "table rows": None,  # sentences of 600 numbers each (``rows``)
    # one short attributed sentence with a count and a day, repeated: thousands of statements
    # and dates in one article (the statement and dateline tests were quadratic in them)
    "one sentence": "The storm killed 12 people on Tuesday, officials said. ",
}


def ordinary(size: int) -> str:
    """The seed articles, repeated and cut to ``size`` characters at a paragraph."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    out, n = [], 0
    while n < size:
        for t in texts:
            out.append(t)
            n += len(t) + 2
    return "\n\n".join(out)[:size]


def rows(size: int) -> str:
    """Sentences of 600 different small numbers each: a table pasted with a full stop per row."""
    out, n, k = [], 0, 0
    while n < size:
        row = "Row " + " ".join(str((k * 7 + j) % 90 + 1) for j in range(600)) + ". "
        out.append(row)
        n += len(row)
        k += 1
    return "".join(out)[:size]


def pathological(name: str, size: int) -> str:
    unit = PATTERNS[name]
    if unit is None:
        return rows(size)
    return (unit * (size // len(unit) + 1))[:size]


def time_extraction(text: str) -> tuple[float, int]:
    """Seconds to extract the facts of one article holding ``text`` (parse memo cleared)."""
    parse._memo.clear()
    article = Article(id="a", path="a.txt", text=text, published=None)
    t = time.perf_counter()
    facts = extract_facts(article)
    return time.perf_counter() - t, len(facts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=200_000, help="characters of each text (default 200000)")
    ap.add_argument("--only", action="append", choices=sorted(PATTERNS), help="run only these patterns")
    args = ap.parse_args(argv)
    parse.nlp()  # load the model and the extractors outside the timings
    time_extraction("Warm up: 3 people on Monday paid $5.")
    base, n = time_extraction(ordinary(args.size))
    print(f"ordinary text, {args.size} chars: {base:.2f} s, {n} facts")
    worst = 0.0
    for name in args.only or PATTERNS:
        secs, n = time_extraction(pathological(name, args.size))
        worst = max(worst, secs / base)
        print(f"  {name:<12} {secs:7.2f} s  x {secs / base:5.1f}  ({n} facts)", flush=True)
    print(f"worst ratio: x {worst:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
