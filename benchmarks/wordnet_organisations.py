"""Write ``crosscheck/data/organisation_nouns.tsv`` from WordNet 3.0: the common nouns that
name an organisation ("the company", "the ministry", "the automaker"), and which of them
name a business.

    python benchmarks/wordnet_organisations.py [--wordnet /usr/share/wordnet]

WordNet is read from its database files (Debian/Ubuntu package ``wordnet-base``); it is not
a dependency of crosscheck: the list is written once and shipped as data.

A noun is listed when it is one word, in lower case, and
- one of its senses lies under ``organization.n.01`` or ``administration.n.02`` (the
  hyponym closure, instances included), outside the social units (``unit.n.03``: family,
  crew, team, platoon) except the administrative units (``administrative_unit.n.01``:
  department, bureau, agency) under them;
- its first (most frequent) sense is no person (lexicographer file ``noun.person``: "the
  maker" is first a person) and no social unit outside the administrative ones ("the
  family" is first a household).

Its class is ``business`` when its first organisation sense lies under ``enterprise.n.02``,
``company.n.01`` or ``business.n.01`` (a firm, a carmaker, a publisher), else
``institution`` (a ministry, the police, a commission). Businesses are named by names of
their own ("Microsoft ... the company said"), institutions mostly by their kind ("the
Electoral Commission ... the commission said"): ``crosscheck.extract.quotes`` resolves a
business to the organisation named before it, an institution only to one whose name holds
the noun.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "crosscheck" / "data" / "organisation_nouns.tsv"
ROOTS = ("08008335", "08164585")  # organization.n.01, administration.n.02 (WordNet 3.0 offsets)
SOCIAL_UNIT, ADMINISTRATIVE_UNIT = "08189659", "08077292"
BUSINESS = ("08056231", "08058098", "08061042")  # enterprise.n.02, company.n.01, business.n.01
NOUN_PERSON = 18  # lexicographer file number of noun.person


def read(wordnet: Path) -> tuple[dict, dict, dict]:
    hyponyms, lexfile = defaultdict(list), {}
    for line in (wordnet / "data.noun").read_text(encoding="latin-1").splitlines():
        if line.startswith("  "):
            continue  # the licence header
        fields = line.partition("|")[0].split()
        offset, words = fields[0], int(fields[3], 16)
        lexfile[offset] = int(fields[1])
        k = 4 + 2 * words
        for i in range(int(fields[k])):
            symbol, target, pos = fields[k + 1 + 4 * i : k + 4 + 4 * i]
            if symbol in ("~", "~i") and pos == "n":
                hyponyms[offset].append(target)
    senses = {}
    for line in (wordnet / "index.noun").read_text(encoding="latin-1").splitlines():
        if line.startswith("  "):
            continue
        fields = line.split()
        senses[fields[0]] = fields[4 + int(fields[3]) + 2 :]
    return hyponyms, lexfile, senses


def closure(hyponyms: dict, roots) -> set[str]:
    seen, todo = set(), list(roots)
    while todo:
        offset = todo.pop()
        if offset not in seen:
            seen.add(offset)
            todo += hyponyms[offset]
    return seen


def organisation_nouns(wordnet: Path) -> dict[str, str]:
    """{noun: "business" | "institution"} (see the module notes)."""
    hyponyms, lexfile, senses = read(wordnet)
    social = closure(hyponyms, [SOCIAL_UNIT])
    keep = (closure(hyponyms, ROOTS) - social) | closure(hyponyms, [ADMINISTRATIVE_UNIT])
    business = closure(hyponyms, BUSINESS)
    return {
        lemma: "business" if next(o for o in offsets if o in keep) in business else "institution"
        for lemma, offsets in sorted(senses.items())
        if lemma.isalpha() and lemma.islower() and any(o in keep for o in offsets)
        and lexfile[offsets[0]] != NOUN_PERSON and (offsets[0] not in social or offsets[0] in keep)}


def wordnet_folder(argv: list[str] | None, description: str) -> Path:
    """The WordNet 3.0 database folder named on the command line (``--wordnet``), checked."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"), help="WordNet 3.0 database folder")
    args = ap.parse_args(argv)
    if not (args.wordnet / "data.noun").is_file():
        raise SystemExit(f"{args.wordnet}: no WordNet database (apt-get install wordnet-base)")
    return args.wordnet


def main(argv: list[str] | None = None) -> int:
    nouns = organisation_nouns(wordnet_folder(argv, __doc__.splitlines()[0]))
    header = ("# Common nouns that name an organisation, and their class (business | institution): a definite\n"
              "# speaker headed by one (\"the company said\") is an organisation named before it. Source: WordNet 3.0\n"
              "# (Princeton University, https://wordnet.princeton.edu; WordNet licence: free to use, copy and\n"
              "# distribute with this notice), written by benchmarks/wordnet_organisations.py (see it for the rule).\n")
    OUT.write_text(header + "".join(f"{noun}\t{kind}\n" for noun, kind in nouns.items()), encoding="utf-8")
    print(f"{len(nouns)} nouns written to {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
