"""Fuzz crosscheck with many more examples than the suite runs (issue 12).

    python benchmarks/fuzz.py [--examples N]

Runs the properties of ``tests/test_properties.py`` (hostile text never raises anything but
the tool's own input error; offsets slice the article to each fact's text; the renderers
escape what came from input; any bytes load or give a one-line error) with N random
examples each (default 500) instead of the suite's 25 fixed ones.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--examples", type=int, default=500, help="examples per property (default 500)")
    args = ap.parse_args(argv)
    env = dict(os.environ, CROSSCHECK_FUZZ_EXAMPLES=str(args.examples))
    return subprocess.call([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                            str(ROOT / "tests" / "test_properties.py")], env=env, cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main())
