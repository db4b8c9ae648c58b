"""Opposite words, for telling a remark reversed from a remark rephrased.

"My client is guilty" and "My client is innocent" share all their words but one, and say
opposite things; "not guilty" and "innocent" say the same. Scoring (``crosscheck.score``)
reads each quote with "not X" turned into X's opposite, then calls two versions of one
remark a conflict when they differ by a pair of opposites and are otherwise the same words.

The pairs are general English (verdicts, votes, decisions, directions of change, truth),
the opposites that reported speech turns on; each line lists the forms of one word, then
``|``, then the forms of its opposite. Forms are matched as written, lower case.
"""

from __future__ import annotations

_PAIRS = """
guilty | innocent
true | false untrue
truth | lie lies
legal lawful | illegal unlawful
legitimate | illegitimate
possible | impossible
likely | unlikely
able | unable
willing | unwilling
safe | unsafe dangerous
fair | unfair
just justified | unjust unjustified
responsible | irresponsible
correct right | incorrect wrong
accept accepts accepted accepting | reject rejects rejected rejecting
approve approves approved approving | reject rejects rejected rejecting
support supports supported supporting | oppose opposes opposed opposing
agree agrees agreed agreeing | disagree disagrees disagreed disagreeing
win wins won winning | lose loses lost losing
victory | defeat
success successful succeeded succeed | failure unsuccessful failed fail
confirm confirms confirmed confirming | deny denies denied denying
admit admits admitted admitting | deny denies denied denying
allow allows allowed allowing | ban bans banned banning
permit permits permitted | forbid forbids forbade forbidden
increase increases increased increasing | decrease decreases decreased decreasing
rise rises rose risen rising | fall falls fell fallen falling
raise raises raised raising | cut cuts cutting
higher | lower
more | less fewer
better | worse
strong stronger | weak weaker
open opened | closed shut
always | never
everyone everybody | nobody
everything | nothing
yes | no
peace | war
friend friends | enemy enemies
ally allies | enemy enemies
progress | setback
optimistic | pessimistic
welcome welcomes welcomed | condemn condemns condemned
praise praised | criticise criticize criticised criticized
"""


def _build() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for line in _PAIRS.strip().splitlines():
        left, right = (side.split() for side in line.split("|"))
        for a in left:
            out.setdefault(a, set()).update(right)
        for b in right:
            out.setdefault(b, set()).update(left)
    return {k: frozenset(v) for k, v in out.items()}


#: Each word's opposites (both directions).
OPPOSITES: dict[str, frozenset[str]] = _build()


def opposite(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` (lower-case words) are opposites."""
    return b in OPPOSITES.get(a, ())


def first_opposite(word: str) -> str | None:
    """One opposite of ``word`` (the first in alphabetical order), or None."""
    found = OPPOSITES.get(word)
    return min(found) if found else None
