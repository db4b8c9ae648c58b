"""Write ``crosscheck/data/person_nouns.tsv`` from WordNet 3.0: the common nouns whose first
(most frequent) sense names a person ("victim", "protester", "employee", "child"), and, marked
``later``, those with a person sense that is not their first ("climber": first a plant).

    python benchmarks/wordnet_persons.py [--wordnet /usr/share/wordnet]

WordNet is read from its database files (Debian/Ubuntu package ``wordnet-base``), as by
``benchmarks/wordnet_organisations.py``; it is not a dependency of crosscheck: the list is
written once and shipped as data.

A noun is listed when it is one word, in lower case, and one of its senses belongs to the
lexicographer file ``noun.person``; ``later`` when its first sense does not.
``crosscheck.extract.frames`` reads a bare number set off after a noun whose first sense is a
person, or said of it with a copula, as that person's age ("her daughter, 11,", "the victim was
29"), as after a name; and a length said with a verb of change whose subject is a noun of any
person sense as the way that person went ("the climber fell 150 metres"), not a change of a
level.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from wordnet_organisations import NOUN_PERSON, read, wordnet_folder  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "crosscheck" / "data" / "person_nouns.tsv"


def person_nouns(wordnet: Path) -> list[tuple[str, bool]]:
    """(noun, whether its first sense is a person), for the nouns with a person sense."""
    _, lexfile, senses = read(wordnet)
    return [(lemma, lexfile[offsets[0]] == NOUN_PERSON) for lemma, offsets in sorted(senses.items())
            if lemma.isalpha() and lemma.islower() and any(lexfile[o] == NOUN_PERSON for o in offsets)]


def main(argv: list[str] | None = None) -> int:
    nouns = person_nouns(wordnet_folder(argv, __doc__.splitlines()[0]))
    header = ("# Common nouns with a sense that names a person (WordNet's lexicographer file noun.person); \"later\"\n"
              "# marks those whose first sense does not (\"climber\": first a plant). A bare number after a noun\n"
              "# whose first sense is a person is that person's age. Source: WordNet 3.0 (Princeton University,\n"
              "# https://wordnet.princeton.edu; WordNet licence: free to use, copy and distribute with this notice),\n"
              "# written by benchmarks/wordnet_persons.py (see it for the rule).\n")
    OUT.write_text(header + "".join(f"{noun}\n" if first else f"{noun}\tlater\n" for noun, first in nouns),
                   encoding="utf-8")
    print(f"{len(nouns)} nouns written to {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
