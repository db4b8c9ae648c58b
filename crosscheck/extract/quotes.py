"""Extract verbatim quotations and indirect attributed statements, each with its speaker.

Notes
-----
The rules follow the pattern-based approach of Krestel, Bergler & Witte (2008), "Minding
the source: automatic tagging of reported speech in newspaper articles" (LREC 2008): a
reported-speech *cue* (a reporting verb, or "according to") joins a *source* (the speaker
noun phrase) to the *content* (a quotation, or the reported clause). Like textacy's
``extract.triples.direct_quotations``, a quotation is first paired from its marks, then
given the speaker of the cue verb next to it (``", X said"``, ``"said X"``, ``"X said:"``).
Without a parser, noun phrases are found from capitalisation and small lexicons of titles
and source nouns, following AP style (formal titles are capitalised before a name;
occupational descriptions are lower case).

Decisions:

- A quote mention spans the words inside the marks (marks excluded), trimmed of white
  space and of a trailing ``,``/``;``/``:``; a multi-sentence quotation is one mention.
- Marks are paired within a paragraph; an opening mark that cannot be paired is skipped
  (never an error), except AP's continuation rule: a quotation that runs on into the next
  paragraph has no closing mark when the next paragraph opens with a quote mark, and then
  runs to the end of its paragraph. Straight single quotes are not quote marks here
  (they are apostrophes far more often than not); curly single quotes are, when paired.
- A quoted fragment of at most ``FRAGMENT_MAX_WORDS`` words that shows no sign of a verb,
  or any short title-case phrase, is a name, a title or a scare quote rather than a
  quotation: it is not a quote mention (``crosscheck.extract.framing`` reports scare quotes
  as distancing) and its words stay part of a statement's content.
- A quote with no cue in its own sentence takes the speaker of the sentence just before it
  in the same paragraph when that one is attributed (``"...," X said. "More."``), since AP
  style attributes a run of quotes once; otherwise its speaker is None.
- Pronouns resolve to the last speaker of matching gender (from a small lexicon of
  gendered words and the pronouns already resolved), else the last person who spoke; a
  definite title phrase ("the spokesman") resolves to the most recent speaker whose title
  shares a word with it, else stays as written; an indefinite one ("a spokesman for ...")
  introduces a new speaker and stays as written.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import Any, NamedTuple

from crosscheck.extract.sentences import dateline_end, split_sentences
from crosscheck.models import Article, Mention, Sentence

# --- quotation marks ---------------------------------------------------------------------

#: Opening and closing double marks (typographic quotes, guillemets as used in translated
#: wire copy). The straight double quote is either, decided from the characters around it.
DOUBLE_OPEN = "“«"
DOUBLE_CLOSE = "”»"
STRAIGHT_DOUBLE = '"'
#: Curly single quotes; the closing one is also the typographic apostrophe, so a closing
#: single mark only counts where it is not followed by a letter or digit ("Japan’s").
SINGLE_OPEN = "‘"
SINGLE_CLOSE = "’"
#: Characters after which a straight quote opens a quotation (start of text is also one).
_OPENS_AFTER = set(" \t\n([{—–-/" + DOUBLE_OPEN + SINGLE_OPEN)

#: Quoted fragments of this many words or fewer need a sign of a verb to count as
#: quotations (textacy's ``direct_quotations`` likewise drops quotes under a few tokens;
#: three keeps "to actively engage", "is innocent" and drops "global missile system").
FRAGMENT_MAX_WORDS = 3
#: Quoted title-case phrases up to this many words are names or titles ("The Art of War").
TITLE_MAX_WORDS = 6
#: Words that show a short fragment is a clause, not a noun phrase: auxiliaries, modals,
#: negation, personal pronouns and the infinitive marker.
VERB_SIGNS = frozenset(
    """
    is are was were be been being am will would shall should can could may might must
    do does did have has had not no never to i we you he she they it me us him them
    my our your their won't can't don't isn't aren't wasn't
    """.split()
)
#: Minor words that stay lower case in a title-case phrase (AP composition titles).
TITLE_MINOR_WORDS = frozenset("a an and as at but by for from in into nor of on or the to with".split())

# --- reporting verbs ---------------------------------------------------------------------

#: Reporting (speech-act) verbs, lemma -> finite forms. Modelled on the reporting-verb
#: lists of Krestel, Bergler & Witte (2008) and textacy's ``constants.REPORTING_VERBS``,
#: restricted to verbs of saying (not of thinking: "believe", "hope").
SPEECH_VERBS: dict[str, tuple[str, ...]] = {
    "say": ("say", "says", "said"),
    "tell": ("tell", "tells", "told"),
    "add": ("add", "adds", "added"),
    "note": ("note", "notes", "noted"),
    "warn": ("warn", "warns", "warned"),
    "stress": ("stress", "stresses", "stressed"),
    "emphasize": ("emphasize", "emphasizes", "emphasized", "emphasise", "emphasises", "emphasised"),
    "insist": ("insist", "insists", "insisted"),
    "state": ("states", "stated"),
    "claim": ("claim", "claims", "claimed"),
    "continue": ("continues", "continued"),
    "argue": ("argue", "argues", "argued"),
    "explain": ("explain", "explains", "explained"),
    "announce": ("announce", "announces", "announced"),
    "declare": ("declare", "declares", "declared"),
    "assert": ("assert", "asserts", "asserted"),
    "maintain": ("maintain", "maintains", "maintained"),
    "acknowledge": ("acknowledge", "acknowledges", "acknowledged"),
    "admit": ("admit", "admits", "admitted"),
    "deny": ("deny", "denies", "denied"),
    "confirm": ("confirm", "confirms", "confirmed"),
    "predict": ("predict", "predicts", "predicted"),
    "complain": ("complain", "complains", "complained"),
    "caution": ("caution", "cautions", "cautioned"),
    "reply": ("reply", "replies", "replied"),
    "respond": ("respond", "responds", "responded"),
    "remark": ("remark", "remarks", "remarked"),
    "observe": ("observe", "observes", "observed"),
    "mention": ("mention", "mentions", "mentioned"),
    "allege": ("allege", "alleges", "alleged"),
    "testify": ("testify", "testifies", "testified"),
    "write": ("write", "writes", "wrote"),
    "tweet": ("tweet", "tweets", "tweeted"),
    "report": ("report", "reports", "reported"),
    "accuse": ("accuse", "accuses", "accused"),
    "ask": ("ask", "asks", "asked"),
    "suggest": ("suggest", "suggests", "suggested"),
    "recall": ("recall", "recalls", "recalled"),
    "concede": ("concede", "concedes", "conceded"),
    "contend": ("contend", "contends", "contended"),
    "reiterate": ("reiterate", "reiterates", "reiterated"),
    "underline": ("underline", "underlines", "underlined"),
    "shout": ("shout", "shouts", "shouted"),
    "yell": ("yell", "yells", "yelled"),
    "exclaim": ("exclaim", "exclaims", "exclaimed"),
    "promise": ("promise", "promises", "promised"),
    "pledge": ("pledge", "pledges", "pledged"),
}
CUE_FORMS: dict[str, str] = {form: lemma for lemma, forms in SPEECH_VERBS.items() for form in forms}
#: Verbs that are as often not about speech ("the fighting continued", "roads are
#: maintained", "reported cases"): they introduce a following clause only with "that".
NEEDS_THAT = frozenset(
    "promise pledge add note state continue maintain respond observe report write remark ask".split()
)
#: Verbs that are acts when an object follows ("declared a state of emergency", "declared
#: three days of mourning", "declared victory"): they report speech only with "that" or a
#: pronoun subject opening the reported clause ("declared he would run"), as the
#: complement patterns of the verb in Levin 1993 (English Verb Classes) and COBUILD show.
NEEDS_THAT_OR_PRONOUN = frozenset({"declare"})
#: Verbs that invert after a quotation ('"...," said Jane Doe'), as AP style allows.
INVERTING_VERBS = frozenset("say add tell ask write continue warn insist explain reply".split())
#: "according to a statement from X": the speaker is X, not the document.
DOCUMENT_NOUNS = frozenset("statement report release document".split())
#: "X expressed concern(s)/hope/... over Y" reports a stance (Krestel et al.'s noun cues).
EXPRESS_FORMS = frozenset({"express", "expresses", "expressed", "voice", "voices", "voiced"})
EXPRESS_NOUNS = frozenset(
    "concern concerns hope hopes regret doubt doubts fear fears support opposition anger outrage "
    "satisfaction confidence disappointment alarm frustration".split()
)
#: Passive reporting: "<source> quoted <speaker> as saying".
QUOTED_FORMS = frozenset({"quoted", "quotes", "quote", "cited", "cites"})

# --- noun phrases of speakers --------------------------------------------------------------

#: Words of a title or an occupational description before a name (AP Stylebook, "titles"):
#: capitalised before a name ("Deputy Foreign Minister"), or lower case ("spokeswoman").
TITLE_WORDS = frozenset(
    """
    president vice prime minister deputy foreign defense defence interior finance trade
    justice state secretary spokesman spokeswoman spokesperson chief executive officer
    ceo cfo coo chairman chairwoman chair director general governor mayor senator sen rep
    representative congressman congresswoman ambassador envoy diplomat judge prosecutor
    attorney lawyer counsel commissioner inspector police sheriff captain capt colonel col
    lieutenant lt sergeant sgt commander admiral adm gen major maj king queen prince
    princess pope archbishop bishop rev reverend dr doctor professor prof mr mrs ms miss
    dame sir lord lady head leader official analyst expert economist scientist researcher
    founder owner manager coach witness resident adviser advisor aide assistant senior top
    former acting interim national security affairs economic associate supreme federal
    regional local premier chancellor candidate activist lawmaker legislator mp member
    speaker press staff city county district provincial central military army navy
    presidential ministerial government opposition defendant plaintiff editor reporter
    correspondent broadcaster agency ministry department company firm court council
    committee commission union party bank spokespeople authorities officials analysts
    experts residents witnesses lawyers prosecutors investigators investigator
    """.split()
)
#: Heads of a noun phrase that can be the source of reported speech: persons ...
PERSON_NOUNS = frozenset(
    """
    spokesman spokeswoman spokesperson spokespeople official officials minister diplomat
    ambassador envoy president leader judge prosecutor prosecutors lawyer lawyers attorney
    attorneys witness witnesses resident residents analyst analysts expert experts
    economist economists scientist scientists researcher researchers mayor governor
    senator lawmaker lawmakers legislator legislators chairman chairwoman chair director
    executive executives ceo officer officers commander general secretary aide aides
    adviser advisers advisor advisors source sources investigator investigators survivor
    survivors victim victims activist activists protester protesters organizer organizers
    owner founder manager coach player doctor doctors head chief representative
    representatives member members candidate voter voters worker workers employee
    employees farmer farmers student students teacher teachers woman man defendant
    plaintiff editor reporter correspondent premier chancellor king queen prince princess
    counsel deputy engineer engineers rescuer rescuers neighbour neighbor neighbours
    neighbors
    """.split()
)
#: ... and organisations.
ORG_NOUNS = frozenset(
    """
    government ministry department agency company firm court police army military council
    committee commission union party bank authorities administration office embassy
    statement report broadcaster newspaper network outlet group organisation organization
    association board team club prosecution defence defense regulator operator utility
    """.split()
)
SOURCE_NOUNS = PERSON_NOUNS | ORG_NOUNS
#: Words that make a capitalised name an organisation or a place, not a person.
ORG_WORDS = frozenset(
    """
    ministry department agency office council committee commission court police army navy
    force forces government party union bank inc corp co ltd llc plc group association
    organization organisation institute university college school hospital foundation
    service services authority administration board house senate congress parliament
    assembly times post news tv radio press journal network company airlines motors
    states kingdom republic nations federation emirates north south east west united
    island islands city county province region street council fund reserve guard
    """.split()
)
#: Honorifics and gendered words (a small general lexicon, AP courtesy titles included).
FEMALE_WORDS = frozenset(
    """
    she her hers herself mrs ms miss madam dame lady spokeswoman chairwoman congresswoman
    businesswoman councilwoman queen princess duchess countess actress mother wife
    daughter sister woman girl grandmother aunt
    """.split()
)
MALE_WORDS = frozenset(
    """
    he him his himself mr sir lord spokesman chairman congressman businessman councilman
    king prince duke count father husband son brother man boy grandfather uncle
    """.split()
)
PRONOUN_WORDS = frozenset("she her hers herself he him his himself".split())
HONORIFICS = frozenset("mr mrs ms miss dr prof sir dame".split())
#: Lower-case particles inside personal names.
NAME_PARTICLES = frozenset("de da del della di du van von der den bin ibn al el la le dos das".split())
#: Subject pronouns that can be a speaker, and object pronouns after "according to".
SPEAKER_PRONOUNS = frozenset("he she it they him her them".split())
FIRST_PERSON = frozenset("i we".split())
DETERMINERS = frozenset("the a an this that these those".split())
POSSESSIVE_DETERMINERS = frozenset("his her its their our my your".split())
#: Prepositions that may join a title to its organisation inside a speaker phrase.
NP_PREPOSITIONS = frozenset("of for at".split())
#: Capitalised words that open a sentence without being part of its subject.
SENTENCE_OPENERS = frozenset(
    """
    however but and meanwhile later earlier also still yet separately elsewhere instead
    then now so moreover finally today yesterday tonight in on at after before during
    since under back when while as though although because thus separately besides
    """.split()
)
DAYS_MONTHS = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december jan feb mar apr jun jul aug
    sep sept oct nov dec
    """.split()
)
#: Temporal and venue phrases that sit between a speaker and the verb or after the verb
#: ("X on December 28 said", "said in a statement", "said at a press conference").
ADVERBIAL_PREPOSITIONS = frozenset("on in at last this earlier later late early during overnight".split())
ADVERBIAL_WORDS = DAYS_MONTHS | frozenset(
    """
    a an the this last next week month year morning afternoon evening night day weekend
    statement interview conference briefing release post tweet press news televised
    written separate joint brief recent earlier late early
    """.split()
)
#: A reporting verb after these is a distancing construction ("what X says is"), reported
#: by crosscheck.extract.framing, not a statement.
DISTANCING_WORDS = frozenset({"what"})
#: Auxiliaries and adverbs allowed between a subject and its reporting verb.
AUXILIARIES = frozenset(
    """
    has have had will would could may might did does do is was were also later earlier
    again then previously repeatedly long once further recently already often reportedly
    """.split()
)
#: Lower-case words that cannot be modifiers inside a speaker phrase.
NOT_MODIFIERS = frozenset("and or but that which who whom when while if because than not".split())
#: Words after a reporting verb that start an adverbial, not the reported clause.
NON_CLAUSE_STARTERS = frozenset(
    """
    as when while after before at during outside inside in on without with through via
    from near following ahead upon amid to of about
    """.split()
)

_WORD = re.compile(r"(?:[A-Za-z]\.){2,}(?:-\w+)*|\w+(?:['’\-]\w+)*")
_CONTENT_WORD = re.compile(r"[\w'’-]+")
#: Title abbreviations written with a full stop before a name (AP: Gov., Sen., Dr., ...).
TITLE_ABBREVIATIONS = frozenset("mr mrs ms dr prof gen lt col maj capt sgt adm gov sen rep rev st jr sr".split())
_PARAGRAPH = re.compile(r"[^\n]+")


class Quotation(NamedTuple):
    """A pair of quotation marks: ``open``/``close`` are mark offsets (``close`` is the
    paragraph end for an AP continuation); ``start``/``end`` the trimmed content."""

    open: int
    close: int
    start: int
    end: int
    fragment: bool


class _Token(NamedTuple):
    text: str
    start: int
    end: int
    kind: str  # word | punct | quote


class _Cue(NamedTuple):
    """A reporting cue found in a sentence: token indices of the speaker phrase
    (``np_first``..``np_last``), of the cue, and of the whole attribution phrase."""

    lemma: str
    cue: int
    np_first: int
    np_last: int
    first: int
    last: int
    form: str  # sv | vs | passive | according


# --- quotation marks -----------------------------------------------------------------------


def _straight_role(text: str, i: int) -> tuple[bool, bool]:
    """Whether a straight quote at ``i`` can open and/or close a quotation."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    can_open = (before in _OPENS_AFTER or i == 0) and not after.isspace()
    can_close = not before.isspace() and (after.isspace() or not after.isalnum())
    return can_open, can_close


def _is_fragment(content: str) -> bool:
    """Whether quoted words are a name, a title or a scare quote rather than a quotation."""
    words = _CONTENT_WORD.findall(content)
    if not words:
        return True
    major = [w for w in words if w.lower() not in TITLE_MINOR_WORDS]
    if (
        len(words) <= TITLE_MAX_WORDS
        and major
        and all(w[0].isupper() or w[0].isdigit() for w in major)
        and not re.search(r"[.!?,;:]\W*$", content)
        and not any(w.lower() in VERB_SIGNS for w in words)
    ):
        return True
    if len(words) > FRAGMENT_MAX_WORDS:
        return False
    if len(words) == 1:
        return True  # one quoted word is a label, whatever its ending ("restructuring")
    low = [w.lower() for w in words]
    if any(w in VERB_SIGNS for w in low):
        return False
    if any(w in ("the", "a", "an") for w in low[1:]):
        return False
    return not any(len(w) > 4 and (w.endswith("ing") or w.endswith("ed")) for w in low)


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    """Trim white space and a trailing comma/semicolon/colon from ``text[a:b]``."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;:"):
        b -= 1
    return a, b


def _pair_double(text: str, pa: int, pb: int) -> list[tuple[int, int]]:
    """Pairs of double marks (open, close offsets) in the paragraph ``text[pa:pb]``; an
    opening mark left open at the paragraph end yields ``(open, -1)``."""
    pairs: list[tuple[int, int]] = []
    opened = -1
    for i in range(pa, pb):
        ch = text[i]
        if ch in DOUBLE_OPEN:
            can_open, can_close = True, False
        elif ch in DOUBLE_CLOSE:
            can_open, can_close = False, True
        elif ch == STRAIGHT_DOUBLE:
            can_open, can_close = _straight_role(text, i)
        else:
            continue
        if opened < 0:
            if can_open:
                opened = i
            continue
        if can_close:
            pairs.append((opened, i))
            opened = -1
        elif can_open:
            # A second opening mark: the first one was never closed; skip it.
            opened = i
    if opened >= 0:
        pairs.append((opened, -1))
    return pairs


def _pair_single(text: str, pa: int, pb: int, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Pairs of curly single marks in a paragraph, outside the double-quoted stretches."""
    pairs: list[tuple[int, int]] = []
    i = pa
    while i < pb:
        j = text.find(SINGLE_OPEN, i, pb)
        if j < 0:
            break
        i = j + 1
        before = text[j - 1] if j > 0 else " "
        if not (before in _OPENS_AFTER or j == pa) or j + 1 >= pb or not text[j + 1].isalpha():
            continue
        if any(a <= j <= b for a, b in taken):
            continue
        k = j + 1
        while True:
            k = text.find(SINGLE_CLOSE, k, pb)
            if k < 0:
                break
            after = text[k + 1] if k + 1 < len(text) else " "
            if not text[k - 1].isspace() and not after.isalnum():
                break
            k += 1
        if k < 0:
            continue
        pairs.append((j, k))
        i = k + 1
    return pairs


def find_quotations(text: str) -> list[Quotation]:
    """All paired quotation marks of ``text``, in order; fragments are flagged, not dropped.

    Unpaired marks are skipped. An opening mark left open at the end of a paragraph is a
    quotation to the paragraph end only when the next paragraph opens with a quote mark
    (AP's rule for a quotation running over paragraphs).
    """
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    out: list[Quotation] = []
    for n, (pa, pb) in enumerate(paragraphs):
        doubles = _pair_double(text, pa, pb)
        spans: list[tuple[int, int]] = []
        for o, c in doubles:
            if c >= 0:
                spans.append((o, c))
                continue
            nxt = paragraphs[n + 1] if n + 1 < len(paragraphs) else None
            if nxt and text[nxt[0]:nxt[1]].lstrip()[:1] in (DOUBLE_OPEN + STRAIGHT_DOUBLE):
                spans.append((o, pb))
        spans += _pair_single(text, pa, pb, spans)
        for o, c in sorted(spans):
            a, b = _trim(text, o + 1, c)
            if a >= b:
                continue
            out.append(Quotation(o, c, a, b, _is_fragment(text[a:b])))
    return out


def _mask(text: str, quotes: list[Quotation]) -> str:
    """``text`` with the content of each quotation replaced by a capital and blanks, so that
    sentences split around whole quotations rather than inside them (the capital lets a
    quotation start a sentence; blanks keep the splitter's regexes from long word runs)."""
    chars = list(text)
    for q in quotes:
        end = min(q.close, len(text))
        for i in range(q.open + 1, end):
            if chars[i] != "\n":
                chars[i] = " "
        if q.open + 1 < end:
            chars[q.open + 1] = "Q"
    return "".join(chars)


# --- tokens and noun phrases ----------------------------------------------------------------


def _tokens(text: str, a: int, b: int, quotes: list[Quotation]) -> list[_Token]:
    """Tokens of ``text[a:b]``; each whole quotation (marks included) is one token."""
    out: list[_Token] = []
    i = a
    lo = bisect_left(quotes, a, key=lambda q: q.open)
    hi = bisect_left(quotes, b, key=lambda q: q.open)
    spans = [(q.open, min(q.close + 1, b)) for q in quotes[lo:hi]]
    si = 0
    word = _WORD
    while i < b:
        if si < len(spans) and i >= spans[si][0]:
            out.append(_Token(text[spans[si][0] : spans[si][1]], spans[si][0], spans[si][1], "quote"))
            i = spans[si][1]
            si += 1
            continue
        limit = spans[si][0] if si < len(spans) else b
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        m = word.match(text, i, limit)
        if m:
            end = m.end()
            if text[i:end].lower() in TITLE_ABBREVIATIONS and end < limit and text[end] == ".":
                end += 1
            out.append(_Token(text[i:end], i, end, "word"))
            i = end
        else:
            out.append(_Token(ch, i, i + 1, "punct"))
            i += 1
    return out


def _low(tok: _Token) -> str:
    return tok.text.lower().rstrip(".")


def _is_cap(tok: _Token) -> bool:
    return tok.kind == "word" and tok.text[0].isupper()


def _is_possessive(tok: _Token) -> bool:
    return tok.kind == "word" and tok.text[-2:].lower() in ("'s", "’s")


def _np_word(tok: _Token) -> bool:
    return tok.kind == "word" and (
        _is_cap(tok) or _is_possessive(tok) or _low(tok) in TITLE_WORDS or _low(tok) in NAME_PARTICLES
    )


def _adverbial_len(toks: list[_Token], i: int, step: int) -> int:
    """Length of a temporal/venue phrase ending (step -1) or starting (step 1) at ``i``."""
    for n in (4, 3, 2):
        lo, hi = (i - n + 1, i) if step < 0 else (i, i + n - 1)
        if lo < 0 or hi >= len(toks):
            continue
        span = toks[lo : hi + 1]
        if span[0].kind != "word" or _low(span[0]) not in ADVERBIAL_PREPOSITIONS:
            continue
        rest = span[1:]
        if rest and _low(rest[0]) in DETERMINERS:
            rest = rest[1:]
        if rest and all(
            t.kind == "word"
            and _low(t) not in DETERMINERS
            and (_low(t) in ADVERBIAL_WORDS or t.text.isdigit() or _is_cap(t))
            for t in rest
        ):
            return n
    if 0 <= i < len(toks) and _low(toks[i]) in DAYS_MONTHS | {"yesterday", "today", "tonight"}:
        return 1
    return 0


def _skip_left(toks: list[_Token], k: int) -> int:
    """Move left from ``k`` over auxiliaries, -ly adverbs and temporal phrases."""
    while k >= 0:
        t = toks[k]
        low = _low(t)
        if t.kind == "word" and (low in AUXILIARIES or (t.text.islower() and low.endswith("ly") and len(low) > 4)):
            k -= 1
            continue
        n = _adverbial_len(toks, k, -1)
        if n:
            k -= n
            continue
        break
    return k


def _skip_right(toks: list[_Token], k: int) -> int:
    """Move right from ``k`` over temporal/venue phrases and adverbs."""
    while k < len(toks):
        t = toks[k]
        if t.kind == "word" and t.text.islower() and t.text.endswith("ly") and len(t.text) > 4:
            k += 1
            continue
        n = _adverbial_len(toks, k, 1)
        if n:
            k += n
            continue
        break
    return k


def _det_left(toks: list[_Token], j: int) -> int:
    """Index of a determiner at most three plain lower-case words left of ``j`` (the words
    in between being modifiers: "the newly appointed envoy"), or -1."""
    for d in range(j, max(-1, j - 4), -1):
        t = toks[d]
        if _low(t) in DETERMINERS | POSSESSIVE_DETERMINERS:
            return d
        if t.kind != "word" or not t.text.islower() or _low(t) in NOT_MODIFIERS | AUXILIARIES or _low(t) in CUE_FORMS:
            return -1
    return -1


def _np_left(toks: list[_Token], k: int) -> int:
    """First token index of the speaker noun phrase ending at ``k`` (``k + 1`` if none)."""
    if k < 0 or toks[k].kind != "word" or not (_np_word(toks[k]) or _low(toks[k]) in SOURCE_NOUNS):
        return k + 1
    j = k
    while j >= 0:
        t = toks[j]
        low = _low(t)
        if _np_word(t) or (j == k and low in SOURCE_NOUNS):
            j -= 1
            continue
        if low in NP_PREPOSITIONS and 0 < j < k and _np_word(toks[j - 1]):
            j -= 1
            continue
        d = _det_left(toks, j)
        if d < 0:
            break
        if d > 1 and _low(toks[d]) == "the" and _low(toks[d - 1]) in NP_PREPOSITIONS and _np_word(toks[d - 2]):
            j = d - 2  # "a spokesman for the electoral board"
            continue
        return d
    first = j + 1
    if _is_cap(toks[first]):
        # an occupational title in lower case before a name (AP): ", city engineer Jo Lee"
        for b in range(j, max(-1, j - 4), -1):
            t = toks[b]
            plain = _low(t) not in NOT_MODIFIERS | AUXILIARIES | NON_CLAUSE_STARTERS and _low(t) not in CUE_FORMS
            if t.kind == "word" and t.text.islower() and plain:
                if b == 0 or toks[b - 1].text in ",:;" or _low(toks[b - 1]) in DETERMINERS:
                    return b - 1 if b > 0 and _low(toks[b - 1]) in DETERMINERS else b
                continue
            break
    return first


def _np_right(toks: list[_Token], k: int) -> int:
    """Last token index of a speaker noun phrase starting at ``k`` (``k - 1`` if none)."""
    if k < len(toks) and _low(toks[k]) in SPEAKER_PRONOUNS:
        return k
    j = k
    if j < len(toks) and _low(toks[j]) in DETERMINERS | POSSESSIVE_DETERMINERS:
        j += 1
    last = k - 1
    while j < len(toks):
        t = toks[j]
        if _np_word(t):
            last = j
            j += 1
            continue
        if _low(t) in NP_PREPOSITIONS and last == j - 1 and j + 1 < len(toks):
            nxt = j + 2 if _low(toks[j + 1]) == "the" else j + 1
            if nxt < len(toks) and _np_word(toks[nxt]):
                j = nxt
                continue
        if t.kind == "word" and t.text.islower() and last < k and j - k < 4:
            # lower-case modifiers before the head: "a senior defence official"
            j += 1
            continue
        break
    if last >= k and (_low(toks[last]) in SOURCE_NOUNS or _is_cap(toks[last])):
        return last
    return k - 1


def _valid_np(toks: list[_Token], a: int, b: int) -> bool:
    """Whether ``toks[a..b]`` can be a source of speech: a pronoun, a name or a source noun."""
    if a > b:
        return False
    if a == b and _low(toks[a]) in SPEAKER_PRONOUNS | FIRST_PERSON:
        return True
    words = [t for t in toks[a : b + 1] if t.kind == "word"]
    content = [t for t in words if _low(t) not in SENTENCE_OPENERS | DETERMINERS | DAYS_MONTHS]
    if not content:
        return False
    return any(_is_cap(t) for t in content) or _low(toks[b]) in SOURCE_NOUNS or any(
        _low(t) in SOURCE_NOUNS for t in content
    )


# --- cues ------------------------------------------------------------------------------------


def _find_cues(toks: list[_Token]) -> list[_Cue]:
    """Reporting cues of a sentence, each with its speaker phrase."""
    cues: list[_Cue] = []
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        low = _low(t) if t.kind == "word" else ""
        # "according to X"
        if low == "according" and i + 1 < n and _low(toks[i + 1]) == "to":
            k = i + 2
            if (
                k + 2 < n
                and _low(toks[k]) in DETERMINERS
                and _low(toks[k + 1]) in DOCUMENT_NOUNS
                and _low(toks[k + 2]) in ("from", "by", "of")
            ):
                k += 3
            last = _np_right(toks, k)
            if last >= k and _valid_np(toks, k, last):
                cues.append(_Cue("according to", i, k, last, i, last, "according"))
                i = last + 1
                continue
        # "<source> quoted <speaker> as saying"; "<speaker> was quoted as saying"
        if low == "saying" and i > 0 and _low(toks[i - 1]) == "as":
            q = next((j for j in range(i - 2, max(-1, i - 12), -1) if _low(toks[j]) in QUOTED_FORMS), -1)
            if q >= 0:
                if q > 0 and _low(toks[q - 1]) in ("was", "were", "is", "been"):
                    k = _skip_left(toks, q - 2)
                    first = _np_left(toks, k)
                    if _valid_np(toks, first, k):
                        cues.append(_Cue("say", i, first, k, first, i, "passive"))
                else:
                    last = i - 2
                    first_np = q + 1
                    if _valid_np(toks, first_np, last):
                        src = _np_left(toks, _skip_left(toks, q - 1))
                        cues.append(_Cue("say", i, first_np, last, min(src, q), i, "passive"))
            i += 1
            continue
        lemma = CUE_FORMS.get(low) if t.kind == "word" else None
        if low in EXPRESS_FORMS:
            nouns = [j for j in range(i + 1, min(n, i + 4)) if _low(toks[j]) in EXPRESS_NOUNS]
            if nouns:
                lemma = f"express {toks[nouns[0]].text.lower().rstrip('s')}"
        if not lemma or (t.text[0].isupper() and i > 0):
            i += 1
            continue
        # subject - verb
        k = _skip_left(toks, i - 1)
        if k >= 0 and toks[k].kind == "word":
            first = k if _low(toks[k]) in SPEAKER_PRONOUNS | FIRST_PERSON else _np_left(toks, k)
            if (
                _valid_np(toks, first, k)
                and not (first > 0 and _low(toks[first - 1]) in DETERMINERS | DISTANCING_WORDS)
            ):
                cues.append(_Cue(lemma, i, first, k, first, i, "sv"))
                i += 1
                continue
        if k >= 1 and toks[k].text == ",":
            # "Jane Doe, the company's chief executive, said"
            p = next((j for j in range(k - 1, max(-1, k - 14), -1) if toks[j].text == ","), -1)
            if p > 0 and toks[p - 1].kind == "word":
                first = _np_left(toks, p - 1)
                app = toks[p + 1] if p + 1 < k else None
                app_ok = app is not None and (
                    _low(app) in DETERMINERS | POSSESSIVE_DETERMINERS | {"who", "which"}
                    or app.text.isdigit()
                    or _low(app) in TITLE_WORDS
                )
                if app_ok and _valid_np(toks, first, p - 1) and any(_is_cap(x) for x in toks[first:p]):
                    cues.append(_Cue(lemma, i, first, p - 1, first, i, "sv"))
                    i += 1
                    continue
        # verb - subject, right after a quotation: '"...," said Jane Doe'
        prev = i - 1
        if prev >= 0 and toks[prev].text == ",":
            prev -= 1
        if prev >= 0 and toks[prev].kind == "quote" and lemma in INVERTING_VERBS:
            last = _np_right(toks, i + 1)
            if last > i and _valid_np(toks, i + 1, last):
                cues.append(_Cue(lemma, i, i + 1, last, i, last, "vs"))
                i = last + 1
                continue
        i += 1
    return cues


# --- speakers ----------------------------------------------------------------------------------


def _gender(words: list[str]) -> str | None:
    """Gender of a noun phrase from its gendered words; a possessive in it ("his lawyer")
    is about someone else, so pronouns count only when they are the whole phrase."""
    low = {w.lower().rstrip(".") for w in words}
    if len(words) > 1:
        low -= PRONOUN_WORDS
    if low & FEMALE_WORDS:
        return "f"
    if low & MALE_WORDS:
        return "m"
    return None


def _content_words(text: str) -> set[str]:
    return {
        w.lower()
        for w in _CONTENT_WORD.findall(text)
        if w.lower() not in DETERMINERS | NP_PREPOSITIONS | POSSESSIVE_DETERMINERS and len(w) > 1
    }


def _find_full_name(text: str, surname: str, before: int) -> str | None:
    """The full name ending in ``surname`` nearest before ``before`` (else first after)."""
    names = _full_names(text, surname)
    earlier = [name for pos, name in names if pos < before]
    if earlier:
        return earlier[-1]
    return names[0][1] if names else None


NOT_GIVEN_NAMES = TITLE_WORDS | SENTENCE_OPENERS | ORG_WORDS | DAYS_MONTHS


@lru_cache(maxsize=32)
def _full_names(text: str, surname: str) -> tuple[tuple[int, str], ...]:
    """(offset, full name) of each "Given [Middle] Surname" in ``text``, in order."""
    found: list[tuple[int, str]] = []
    pattern = re.compile(r"((?:[A-Z][\w'’-]*\s+){1,2})" + re.escape(surname) + r"\b")
    for m in pattern.finditer(text):
        given = [w for w in m.group(1).split()]
        while given and (given[0].lower().rstrip(".") in NOT_GIVEN_NAMES or given[0].endswith(("'s", "’s"))):
            given = given[1:]
        if not given or any(g.lower().rstrip(".") in TITLE_WORDS | ORG_WORDS for g in given):
            continue
        found.append((m.start(), " ".join([*given, surname])))
    return tuple(found)


def _analyse(toks: list[_Token], a: int, b: int) -> dict[str, Any]:
    """Describe the speaker phrase ``toks[a..b]``: kind (pronoun|named|phrase), name, title,
    gender, whether it is a person, whether it is definite."""
    words = [t for t in toks[a : b + 1] if t.kind == "word"]
    while len(words) > 1 and (_low(words[0]) in SENTENCE_OPENERS or _low(words[0]) in DAYS_MONTHS) and _is_cap(words[0]):
        words = words[1:]
    low = [_low(w) for w in words]
    text = " ".join(w.text for w in words)
    if len(words) > 1 and low[0] in DETERMINERS | POSSESSIVE_DETERMINERS:
        text = low[0] + text[len(low[0]) :]  # "The mayor" at a sentence start -> "the mayor"
    info: dict[str, Any] = {"text": text, "title": None, "gender": _gender([w.text for w in words]), "definite": False}
    if len(words) == 1 and low[0] in SPEAKER_PRONOUNS | FIRST_PERSON:
        info.update(kind="pronoun", name=low[0], person=low[0] in ("he", "she", "him", "her"))
        return info
    # name: the trailing capitalised words that are not title or organisation words
    j = len(words)
    while j > 0:
        w = words[j - 1]
        lw = low[j - 1]
        if (_is_cap(w) and lw not in TITLE_WORDS and lw not in ORG_WORDS and not _is_possessive(w)) or (
            lw in NAME_PARTICLES and j < len(words)
        ):
            j -= 1
            continue
        break
    name_words = words[j:]
    while name_words and _low(name_words[0]) in NAME_PARTICLES:
        name_words = name_words[1:]
        j += 1
    title_words = words[:j]
    det = bool(title_words) and low[0] in DETERMINERS
    if det:
        title_words = title_words[1:]
    if name_words and len(name_words) <= 4:
        title = " ".join(w.text for w in title_words) or None
        tl = {_low(w) for w in title_words}
        honorific = bool(tl & HONORIFICS)
        person = bool(tl & (PERSON_NOUNS | TITLE_WORDS) - ORG_NOUNS) or honorific or (
            len(name_words) >= 2 and not det and not any(_low(w) in ORG_WORDS for w in name_words)
        )
        if tl and tl <= ORG_NOUNS | {"state"}:
            person = False
        info.update(
            kind="named",
            name=" ".join(w.text for w in name_words),
            title=title,
            person=person,
            definite=True,
        )
        return info
    if all(_is_cap(w) or _low(w) in NP_PREPOSITIONS or _low(w) == "the" for w in words[1 if det else 0 :]):
        # an organisation named in capitals: "the Foreign Ministry"
        name = " ".join(w.text for w in words[1 if det else 0 :])
        info.update(kind="named", name=name, title=None, person=False, definite=True)
        return info
    # a description: "the top diplomat", "a spokesman for the State Department"
    head_i = next((n for n, lw in enumerate(low) if lw in NP_PREPOSITIONS and n > 0), len(low)) - 1
    head = low[head_i]
    info.update(
        kind="phrase",
        name=text,
        title=text,
        person=head in PERSON_NOUNS or head in TITLE_WORDS - ORG_NOUNS,
        definite=low[0] in ("the", "this", "that") or low[0] in POSSESSIVE_DETERMINERS or _is_possessive(words[0]),
        head=head,
    )
    return info


class _Resolver:
    """Speakers seen so far in an article, most recent last, and how to resolve a new one."""

    def __init__(self, text: str):
        self.text = text
        self.history: list[dict[str, Any]] = []
        self.people: dict[str, dict[str, Any]] = {}

    def _remember(self, entry: dict[str, Any]) -> dict[str, Any]:
        self.history.append(entry)
        return entry

    def _person(self, name: str, title: str | None, gender: str | None, person: bool) -> dict[str, Any]:
        entry = self.people.get(name)
        if entry is None:
            entry = {"name": name, "title": title, "gender": gender, "person": person, "kind": "named"}
            self.people[name] = entry
        else:
            if title and (not entry["title"] or len(title) > len(entry["title"])):
                entry["title"] = title
            entry["gender"] = entry["gender"] or gender
            entry["person"] = entry["person"] or person
        return entry

    def resolve(self, info: dict[str, Any], pos: int, according: bool) -> tuple[str | None, str, str | None]:
        """(speaker, speaker_from, title) for an analysed speaker phrase at ``pos``."""
        how = "according_to" if according else None
        if info["kind"] == "pronoun":
            pron = info["name"]
            entry = self._pronoun(pron)
            if entry is None:
                return None, how or "pronoun", None
            if pron in ("he", "him") and entry["person"]:
                entry["gender"] = entry["gender"] or "m"
            if pron in ("she", "her") and entry["person"]:
                entry["gender"] = entry["gender"] or "f"
            self._remember(entry)
            return entry["name"], how or "pronoun", entry["title"]
        if info["kind"] == "named":
            name = info["name"]
            if " " not in name:
                full = self._surname(name, pos)
                if full:
                    name = full
                    info = dict(info, person=True)
            entry = self._person(name, info["title"], info["gender"], info["person"])
            self._remember(entry)
            return entry["name"], how or "named", entry["title"]
        # a description
        if info["definite"]:
            entry = self._title(info)
            if entry is not None:
                self._remember(entry)
                return entry["name"], how or "title", entry["title"]
        entry = {
            "name": info["name"],
            "title": info["title"],
            "gender": info["gender"],
            "person": info["person"],
            "kind": "phrase",
        }
        self._remember(entry)
        return entry["name"], how or "title", None

    def mention(self, info: dict[str, Any]) -> None:
        """Note a titled person named outside any attribution, as a pronoun's antecedent."""
        entry = self._person(info["name"], info["title"], info["gender"], True)
        self._remember(entry)

    def _surname(self, name: str, pos: int) -> str | None:
        for entry in reversed(self.history):
            if entry["kind"] == "named" and " " in entry["name"] and entry["name"].split()[-1] == name:
                return entry["name"]
        return _find_full_name(self.text, name, pos)

    def _pronoun(self, pron: str) -> dict[str, Any] | None:
        if pron in ("it", "they", "them"):
            for entry in reversed(self.history):
                if not entry["person"] or (pron != "it" and entry["name"].lower().endswith("s")):
                    return entry
            return None
        want = "f" if pron in ("she", "her") else "m"
        people = [e for e in reversed(self.history) if e["person"]]
        for entry in people:
            if entry["gender"] == want:
                return entry
        for entry in people:
            if entry["gender"] is None:
                return entry
        return None

    def _title(self, info: dict[str, Any]) -> dict[str, Any] | None:
        words = _content_words(info["text"])
        head = info.get("head")
        fallback = None
        for entry in reversed(self.history):
            if entry["gender"] and info["gender"] and entry["gender"] != info["gender"]:
                continue
            their = _content_words(entry["title"] or "")
            if entry["kind"] == "phrase":
                their |= _content_words(entry["name"])
            if head and head in their:
                return entry
            if fallback is None and words & their:
                fallback = entry
        return fallback


# --- quotes and statements -------------------------------------------------------------------


def _content_span(text: str, toks: list[_Token], a: int, b: int) -> tuple[int, int] | None:
    """Character span of ``toks[a..b]`` without leading/trailing quotations and punctuation."""
    while a <= b and (toks[a].kind != "word"):
        a += 1
    while b >= a and (toks[b].kind != "word"):
        b -= 1
    if a > b:
        return None
    return toks[a].start, toks[b].end


def _close_fragments(span: tuple[int, int], quotes: list[Quotation]) -> tuple[int, int]:
    """Extend a span to the closing mark of a quoted fragment opened inside it."""
    a, b = span
    for q in quotes:
        if q.fragment and a <= q.open < b <= q.close:
            b = q.close + 1
    return a, b


def _statement_text(text: str, start: int, end: int, quotes: list[Quotation]) -> str:
    """The reported clause without the quotations inside it (each replaced by an ellipsis)."""
    parts: list[str] = []
    i = start
    for q in quotes:
        if q.fragment or q.close < start or q.open >= end:
            continue
        parts.append(text[i : q.open])
        parts.append("…")
        i = min(q.close + 1, end)
    parts.append(text[i:end])
    return re.sub(r"\s+", " ", "".join(parts)).strip(" ,;:")


def _after_dateline(text: str, start: int, end: int) -> int:
    """Move a clause start past a wire dateline it begins with."""
    return start + dateline_end(text[start:end])


def _clause(toks: list[_Token], cue: _Cue) -> tuple[int, int] | None:
    """Token range of the clause a cue reports, or None."""
    n = len(toks)
    end = n - 1
    while end >= 0 and toks[end].kind == "punct":
        end -= 1
    if cue.form == "according":
        if cue.first == 0 and cue.last + 1 < n and toks[cue.last + 1].text == ",":
            return cue.last + 2, end
        if cue.first > 0 and toks[cue.first - 1].text == ",":
            return 0, cue.first - 2
        return None
    k = (cue.last if cue.form != "sv" else cue.cue) + 1
    if cue.lemma == "tell":
        that = next((j for j in range(k, min(n, k + 8)) if _low(toks[j]) == "that"), -1)
        if that >= 0:
            k = that
        else:
            last = _np_right(toks, k)
            k = max(k + 1, last + 1) if k < n and toks[k].kind == "word" else k
    elif cue.lemma.startswith("express "):
        pass
    k = _skip_right(toks, k)
    has_that = k < n and _low(toks[k]) == "that"
    if has_that:
        k += 1
    after_ok = k <= end and toks[k].kind != "punct" and _low(toks[k]) not in NON_CLAUSE_STARTERS
    if cue.lemma in NEEDS_THAT and not has_that:
        after_ok = False
    if cue.lemma in NEEDS_THAT_OR_PRONOUN and not has_that and not (
        k <= end and _low(toks[k]) in SPEAKER_PRONOUNS | FIRST_PERSON | {"there"}
    ):
        after_ok = False
    if cue.form == "vs":
        after_ok = False
    if after_ok:
        return k, end
    if cue.first > 1 and toks[cue.first - 1].text == ",":
        return 0, cue.first - 2
    return None


def _words_outside(toks: list[_Token], a: int, b: int, quotes: list[Quotation]) -> int:
    real = {(q.open) for q in quotes if not q.fragment}
    return sum(1 for t in toks[a : b + 1] if t.kind == "word" or (t.kind == "quote" and t.start not in real))


def extract_quotes(article: Article, sentences: list[Sentence]) -> list[Mention]:
    """Quotations (kind "quote") and indirect attributed statements (kind "statement").

    ``sentences`` is accepted for the common extractor signature; quotations are found over
    the whole text and attributed within sentences split with each quotation kept whole.
    """
    text = article.text
    quotes = find_quotations(text)
    real = [q for q in quotes if not q.fragment]
    outer = split_sentences(_mask(text, real))
    by_open = {q.open: q for q in real}
    opens = [q.open for q in quotes]
    resolver = _Resolver(text)
    out: list[Mention] = []
    prev_attr: tuple[int, dict[str, Any]] | None = None  # (sentence end, attribution)
    for sent in outer:
        toks = _tokens(text, sent.start, sent.end, real)
        cues = _find_cues(toks)
        attrs: list[dict[str, Any]] = []
        events = [(c.np_first, 1, c) for c in cues]
        events += [(a, 0, info) for a, info in _titled_people(toks, cues)]
        for _, is_cue, cue in sorted(events, key=lambda e: (e[0], e[1])):
            if not is_cue:
                resolver.mention(cue)
                continue
            info = _analyse(toks, cue.np_first, cue.np_last)
            speaker, how, title = resolver.resolve(info, toks[cue.np_first].start, cue.form == "according")
            attrs.append(
                {"cue": cue, "speaker": speaker, "speaker_from": how, "title": title, "as_written": info["text"]}
            )
        attrs.sort(key=lambda a: a["cue"].cue)
        consumed: set[int] = set()
        for qi, tok in enumerate(toks):
            if tok.kind != "quote":
                continue
            q = by_open[tok.start]
            attr = _attribution_for(toks, qi, attrs, consumed)
            if attr is None and qi == 0 and prev_attr and "\n" not in text[prev_attr[0] : sent.start]:
                attr = prev_attr[1]
            value: dict[str, Any] = {
                "content": text[q.start : q.end],
                "speaker": attr["speaker"] if attr else None,
                "speaker_from": attr["speaker_from"] if attr else "none",
                "speaker_title": attr["title"] if attr else None,
                "cue": attr["cue"].lemma if attr else None,
                "speaker_as_written": attr["as_written"] if attr else None,
            }
            out.append(Mention("quote", q.start, q.end, value, value["speaker"]))
        for attr in attrs:
            cue = attr["cue"]
            if cue.cue in consumed:
                continue
            rng = _clause(toks, cue)
            if rng is None or _words_outside(toks, rng[0], rng[1], real) < 3:
                continue
            span = _content_span(text, toks, *rng)
            if span is None:
                continue
            near = quotes[bisect_left(opens, sent.start) : bisect_left(opens, sent.end)]
            span = _close_fragments((_after_dateline(text, *span), span[1]), near)
            value = {
                "content": _statement_text(text, span[0], span[1], near),
                "speaker": attr["speaker"],
                "verb": cue.lemma,
                "speaker_from": attr["speaker_from"],
                "speaker_title": attr["title"],
                "cue": toks[cue.cue].text,
                "speaker_as_written": attr["as_written"],
            }
            out.append(Mention("statement", span[0], span[1], value, attr["speaker"]))
        if attrs:
            prev_attr = (sent.end, attrs[-1])
        elif not any(t.kind == "quote" for t in toks):
            prev_attr = None
    return _drop_nested(out)


def _titled_people(toks: list[_Token], cues: list[_Cue]) -> list[tuple[int, dict[str, Any]]]:
    """Persons named with a title ("Prime Minister Jane Doe") outside the speaker phrases
    of ``cues``: the antecedents a later "he"/"she" may refer to."""
    taken = {i for c in cues for i in range(c.np_first, c.np_last + 1)}
    out = []
    for i, tok in enumerate(toks):
        if not _is_cap(tok) or (i + 1 < len(toks) and _np_word(toks[i + 1])) or i in taken:
            continue
        first = _np_left(toks, i)
        if any(j in taken for j in range(first, i + 1)):
            continue
        info = _analyse(toks, first, i)
        if info["kind"] == "named" and info["person"] and info["title"] and " " in info["name"]:
            out.append((first, info))
    return out


def _attribution_for(
    toks: list[_Token], qi: int, attrs: list[dict[str, Any]], consumed: set[int]
) -> dict[str, Any] | None:
    """The attribution of the quotation token ``qi`` among a sentence's attributions."""
    if not attrs:
        return None
    after = qi + 2 if qi + 1 < len(toks) and toks[qi + 1].text in ",:" else qi + 1
    for attr in attrs:
        if attr["cue"].first in (qi + 1, after):
            consumed.add(attr["cue"].cue)
            return attr
    for attr in reversed(attrs):
        last = attr["cue"].last
        gap = toks[last + 1 : qi]
        if last < qi and all(t.text in ",:" or _low(t) == "that" for t in gap):
            consumed.add(attr["cue"].cue)
            return attr
    before = [a for a in attrs if a["cue"].cue < qi]
    if before:
        return before[-1]
    return min(attrs, key=lambda a: a["cue"].cue - qi)


def _drop_nested(mentions: list[Mention]) -> list[Mention]:
    """Sort by position; drop a statement inside another statement's span."""
    mentions.sort(key=lambda m: (m.start, -m.end, m.kind))
    out: list[Mention] = []
    for m in mentions:
        if m.kind == "statement" and any(
            o.kind == "statement" and o.start <= m.start and m.end <= o.end for o in out
        ):
            continue
        out.append(m)
    return out


def has_speech_cue(text: str) -> bool:
    """Whether a sentence holds a reporting verb with a speaker, or "according to"."""
    quotes = find_quotations(text)
    toks = _tokens(text, 0, len(text), [q for q in quotes if not q.fragment])
    return bool(_find_cues(toks))
