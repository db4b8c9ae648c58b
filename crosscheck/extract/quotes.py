"""Extract quotations and attributed statements, each with its speaker, from the dependency parse.

Notes
-----
Reported speech is read as Krestel, Bergler & Witte (2008), "Minding the source: automatic
tagging of reported speech in newspaper articles" (LREC) describe it: a *cue* (a reporting
verb, or "according to") joins a *source* (the speaker) to the *content* (a quotation, or
the reported clause). As in textacy's ``extract.triples.direct_quotations``, a quotation is
first paired from its marks, then given the subject of the cue that governs it; the verbs are
data (``crosscheck/data/reporting_verbs.json``) and the grammar comes from spaCy's parse
(``crosscheck.parse``), read only for the sentences that hold a quotation mark or a
reporting-verb form, the sentence before a quotation, and those before a pronoun to resolve.

Decisions:

- Quotation marks are pairs of characters (``DOUBLE_MARKS``, ``SINGLE_MARKS``): English
  “…” and ‘…’, straight "…" and '…', German „…“ and ‚…‘, guillemets «…» and »…«, ‹…›, and
  CJK 「…」. Straight quotes and curly singles (which double as apostrophes: "Japan’s") open
  or close by the characters around them. A quotation may run over ``QUOTE_MAX_LINES`` line
  breaks (one sentence a line is common in converted corpora); an unpaired mark is
  skipped. AP's continuation: a quotation left open at a line end before a line that opens
  with a quote mark runs to that line end.
- A quote mention spans the words inside the marks, trimmed of white space and a trailing
  ``,;:``. A quoted fragment of at most ``FRAGMENT_MAX_WORDS`` words without a finite verb,
  auxiliary or infinitive, or a short title-case phrase, is a name, title or scare quote:
  not a quote mention (``crosscheck.extract.framing`` reports scare quotes); words that end
  in "!" or "?" are an utterance, never a fragment.
- The speaker is the subject of the cue verb (``nsubj``; the passive subject or object of
  "quoted ... as saying"; the object of "according to", or a named organisation inside it:
  "a statement from the ministry"). A speaker is a whole named entity (PERSON, ORG, GPE,
  NORP), else the run of proper nouns ending at the subject, else the subject's noun
  phrase ("a spokesman for the agency"); a common-noun subject with a named apposition
  ("the mayor, Jo Lee,") is the name; coordinated people are one joint speaker ("A and B").
  Words before a name in its phrase are its title. A document (``documents`` in the data:
  "the letter read", "Smith's statement said") speaks for its possessor, else for whoever
  the article last said wrote, issued or sent one.
- The cue of a quotation, first found wins: the clause that a colon right before it ends
  (its subject, whatever the verb: 'X managed a joke: "..."'); the first cue above it in
  the parse; a cue (or any verb with a subject) right after it, or a cue right before it;
  the subject of the sentence's main verb when that names a person ('X lamented that a
  "..."'); the nearest cue before it, else after it. A quotation that opens a sentence
  without any takes the attribution of the sentence before it, unless a blank line parts
  them: the clause its colon ends, else its quotation or main cue (AP attributes a run of
  quotes once), else its main subject when that names a person (a quote paragraph
  introduced by its speaker: "X agreed.").
- A one-word personal name takes the full name of the nearest earlier person of that
  surname in the article. A pronoun is resolved by Hobbs's (1978) search on the dependency
  trees: the first mention that agrees, looked for left of it in its own sentence (not an
  argument of its own verb), then in the sentences before, nearest first and at most
  ``PRONOUN_LOOKBACK`` back; within a sentence subjects before objects before the rest,
  shallower before deeper, left before right. Mentions are the named entities, pronouns
  and cue subjects outside quotations, read in order, so a chain of pronouns carries its
  referent. Agreement in number and gender comes from the parse's morphology (``Number``,
  ``Gender``); a referent's gender from its honorifics and titles (data) and the pronouns
  already resolved to it; he/she never take an organisation, a place or a document, they
  takes a group (a coordination, a plural noun) or an organisation. A definite title
  phrase ("the deputy minister") is the latest mention whose title shares its head, a
  definite plural phrase of people ("the two men") resolves as "they" among people.
- A statement is the clausal complement (``ccomp``) of a cue verb not used by a quote,
  quotations inside it replaced by an ellipsis; "what X says is" (a distancing
  construction) is not one.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, insort
from functools import lru_cache
from importlib import resources
from typing import Any, NamedTuple

from spacy.tokens import Doc, Span, Token

from crosscheck.extract.sentences import dateline_end, split_sentences
from crosscheck.models import Article, Mention, Sentence
from crosscheck.parse import parse, parse_many

_DATA = json.loads(resources.files("crosscheck").joinpath("data/reporting_verbs.json").read_text("utf-8"))
#: Lemmas of reporting verbs, and every form of them (forms only choose what to parse).
REPORTING_VERBS = frozenset(_DATA["verbs"])
OBJECT_VERBS = frozenset(_DATA["object_verbs"]["verbs"])
NOUN_CUE_VERBS = frozenset(_DATA["noun_cues"]["verbs"])
NOUN_CUES = frozenset(_DATA["noun_cues"]["nouns"])
PASSIVE_CUES = frozenset(_DATA["passive_cues"]["verbs"])
DOCUMENTS = frozenset(_DATA["documents"]["nouns"])
_FORMS = {f for forms in _DATA["verbs"].values() for f in forms}
_FORMS |= {f for forms in _DATA["noun_cues"]["verbs"].values() for f in forms}
_CUE_FORM = re.compile(r"\b(?:" + "|".join(sorted(_FORMS, key=len, reverse=True)) + r"|according to)\b", re.I)
FEMALE = frozenset(_DATA["gender"]["female"])
MALE = frozenset(_DATA["gender"]["male"])

# --- quotation marks ---------------------------------------------------------------------

#: Opening mark -> the marks that close it (a straight quote may close a curly one).
DOUBLE_MARKS = {"“": "”\"", '"': '"”', "„": "“”\"", "«": "»", "»": "«", "「": "」", "『": "』"}
SINGLE_MARKS = {"‘": "’'", "'": "'’", "‚": "‘’", "‹": "›", "›": "‹"}
#: Marks whose role depends on the characters around them (straight quotes; curly singles,
#: which are also apostrophes); the others' role is given by the tables above.
CONTEXT_MARKS = "\"'‘’‚"
#: Marks the parser knows less well, read as the straight quotes it knows (one character for
#: one, so that offsets hold).
PARSE_MARKS = str.maketrans({**{c: '"' for c in "„«»「」『』"}, **{c: "'" for c in "‚‘‹›"}})
#: Characters after which a context mark opens a quotation (start of text too).
_OPENS_AFTER = set(" \t\n([{—–-/") | set(DOUBLE_MARKS)
#: Quoted fragments of this many words or fewer need a finite verb, auxiliary or "to" to be
#: quotations (textacy drops quotes of a few tokens likewise); title-case phrases of up to
#: ``TITLE_MAX_WORDS`` words without one are names or titles ("Operation Clean Streets").
FRAGMENT_MAX_WORDS = 3
TITLE_MAX_WORDS = 6
#: Penn tags that make a fragment a clause: finite and base verbs, modals, "to" (not the
#: participles of "done deal" or "restructuring").
CLAUSE_TAGS = frozenset({"VB", "VBD", "VBZ", "VBP", "MD", "TO"})
#: Entity labels a speaker can carry (spaCy's OntoNotes scheme).
SPEAKER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
#: Line breaks a quotation may run over (texts with one sentence or paragraph a line).
QUOTE_MAX_LINES = 4
#: A pronoun speaker is looked for this many sentences back, at most.
PRONOUN_LOOKBACK = 8
#: A statement needs this many words (outside quotations) to be a claim, not "he said so".
MIN_STATEMENT_WORDS = 3

_WORD = re.compile(r"[\w'’-]+")


class Quotation(NamedTuple):
    """A pair of quotation marks: ``open``/``close`` are mark offsets (``close`` is the
    paragraph end for an AP continuation); ``start``/``end`` the trimmed content."""

    open: int
    close: int
    start: int
    end: int
    fragment: bool


def _can_open(text: str, i: int) -> bool:
    after = text[i + 1] if i + 1 < len(text) else " "
    return (i == 0 or text[i - 1] in _OPENS_AFTER) and not after.isspace()


def _can_close(text: str, i: int) -> bool:
    after = text[i + 1] if i + 1 < len(text) else " "
    return i > 0 and not text[i - 1].isspace() and not after.isalnum()


def _pair(text: str, marks: dict[str, str], taken: list[tuple[int, int]], lines: int) -> list[tuple[int, int]]:
    """Pairs (open, close) of ``marks`` in ``text`` outside ``taken``. A second opening mark
    of the open one's style means the first was never closed: it ends at its first line end
    if it crossed one, else it is dropped; other styles inside are nested quotes. A
    quotation may run over at most ``lines`` line breaks; one left open at a line end before
    a line that opens with a mark closes there (AP's continuation); a blank line ends an
    open quotation otherwise."""
    closers = {c for cs in marks.values() for c in cs}
    pairs: list[tuple[int, int]] = []
    opened, crossed, eol = -1, 0, -1
    for i, ch in enumerate(text):
        if ch == "\n" and opened >= 0:
            eol = i if not crossed else eol
            nxt = text[i + 1 : i + 80].lstrip()[:1]
            if lines and nxt and nxt in marks:
                pairs.append((opened, i))
                opened = -1
            crossed += 1
            if crossed > lines or text[i + 1 : i + 80].lstrip(" \t").startswith("\n"):
                opened = -1  # too long, or a blank line: a paragraph break ends a quotation
            continue
        if (ch not in marks and ch not in closers) or any(a <= i <= b for a, b in taken):
            continue
        if opened >= 0 and ch in marks[text[opened]] and (ch not in CONTEXT_MARKS or _can_close(text, i)):
            pairs.append((opened, i))
            opened = -1
        elif ch in marks and (opened < 0 or ch == text[opened]):
            if ch not in CONTEXT_MARKS or _can_open(text, i):
                if opened >= 0 and crossed:
                    pairs.append((opened, eol))
                opened, crossed = i, 0
    return pairs


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;:"):
        b -= 1
    return a, b


def _is_fragment(content: str) -> bool:
    """Whether quoted words are a name, a title or a scare quote rather than a quotation."""
    words = _WORD.findall(content)
    if re.search(r"[!?]\W*$", content):
        return False
    if len(words) <= 1:
        return True
    if len(words) > TITLE_MAX_WORDS:
        return False
    doc = parse(content)
    clause = any(t.tag_ in CLAUSE_TAGS or t.pos_ == "AUX" for t in doc)
    if len(words) <= FRAGMENT_MAX_WORDS:
        return not clause
    title_case = all(t.is_stop or not t.is_alpha or t.text[0].isupper() for t in doc)
    return title_case and not clause and not re.search(r"[.!?,;:]\W*$", content)


def find_quotations(text: str) -> list[Quotation]:
    """All paired quotation marks of ``text``, in order; fragments are flagged, not dropped."""
    spans = _pair(text, DOUBLE_MARKS, [], QUOTE_MAX_LINES)
    spans += _pair(text, SINGLE_MARKS, spans, 0)
    out: list[Quotation] = []
    for o, c in sorted(spans):
        a, b = _trim(text, o + 1, c)
        if a < b:
            out.append(Quotation(o, c, a, b, _is_fragment(text[a:b])))
    return out


def _mask(text: str, quotes: list[Quotation]) -> str:
    """``text`` with each quotation's content blanked (a capital first), so that sentences
    split around whole quotations rather than inside them."""
    chars = list(text)
    for q in quotes:
        end = min(q.close, len(text))
        for i in range(q.open + 1, end):
            chars[i] = " "
        if q.open + 1 < end:
            chars[q.open + 1] = "Q"
    return "".join(chars)


# --- speakers from the parse ----------------------------------------------------------------


class Cue(NamedTuple):
    """A reporting cue of a parsed sentence: the cue token, its speaker token (or None)."""

    verb: Token
    speaker: Token | None
    lemma: str
    according: bool = False


def _cues(doc: Doc) -> list[Cue]:
    """Reporting cues of a parsed sentence, in order."""
    out = []
    for t in doc:
        if t.lower_ == "according" and any(c.lower_ == "to" for c in t.children):
            to = next(c for c in t.children if c.lower_ == "to")
            obj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if obj is not None:
                out.append(Cue(t, _inner_source(obj), "according to", True))
            continue
        if t.pos_ not in ("VERB", "AUX") or t.dep_ in ("amod", "csubj"):
            continue
        clause = [t, *(c for c in t.children if c.dep_ == "ccomp")]
        if any(w.tag_ in ("WP", "WDT") and w.i < t.i and w.dep_ in ("nsubj", "dobj") for v in clause for w in v.children):
            continue  # "what X says is ...": a distancing construction, not a report
        lemma = t.lemma_.lower()
        if lemma in NOUN_CUE_VERBS:
            near = t.doc[t.i + 1 : t.i + 4]  # "expressed (Moscow's) concerns", however parsed
            noun = next((c for c in near if c.pos_ == "NOUN" and c.lemma_.lower() in NOUN_CUES), None)
            if noun is None:
                continue
            lemma = f"{lemma} {noun.lemma_.lower()}"
        elif lemma not in REPORTING_VERBS:
            continue
        out.append(Cue(t, _subject(t), lemma))
    return out


def _subject(verb: Token) -> Token | None:
    """The speaker token of a verb: its subject (the one nearest it), through "as saying" and
    conjoined or subordinate verbs ("X said ... and added ...", "X issued a memo, stating")."""
    head = verb.head
    if verb.dep_ == "pcomp" and head.lower_ == "as" and head.head.lemma_.lower() in PASSIVE_CUES:
        quoting = head.head  # "<source> quoted <speaker> as saying" / "<speaker> was quoted as saying"
        kids = list(quoting.children)
        return next((c for c in kids if c.dep_ == "nsubjpass"), None) or next(
            (c for c in kids if c.dep_ == "dobj"), None
        )
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if subjects:
        c = min(subjects, key=lambda c: abs(c.i - verb.i))
        if c.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
            return verb.head  # "Jo Lee, who said ..."
        return _inner_source(c)
    agent = [t for c in verb.children if c.dep_ == "agent" for t in c.children if t.dep_ == "pobj"]
    if agent:  # a passive's agent is its logical subject ("was welcomed by X")
        return agent[0]
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        return head  # "a spokesman stating ..."
    if verb.dep_ in ("conj", "advcl", "xcomp") and head.pos_ in ("VERB", "AUX") and head.i != verb.i:
        return _subject(head)
    return None


def _inner_source(obj: Token) -> Token:
    """A source noun phrase, or the named source of the document it names ("a statement
    from X", "results published by X"; Krestel et al.'s document sources)."""
    if obj.ent_type_ in SPEAKER_LABELS or obj.pos_ in ("PROPN", "PRON"):
        return obj
    for t in obj.subtree:
        if t.ent_type_ in SPEAKER_LABELS and t.dep_ == "pobj" and t.head.lower_ in ("from", "by"):
            return t
    return obj


def _colon_cue(doc: Doc, colon: int, cues: list[Cue], person) -> Cue | None:
    """The cue of the clause that the colon at token ``colon`` ends: the first verb above
    its last word that is a cue, or whose subject is a person ('X managed a joke:')."""
    last = next((t for t in reversed(doc[:colon]) if not t.is_punct), None)
    for t in [last, *last.ancestors] if last is not None else []:
        cue = next((c for c in cues if c.verb.i == t.i), None)
        if cue is None and t.pos_ in ("VERB", "AUX") and t.dep_ != "relcl" and _subject(t) is not None:
            cue = Cue(t, _subject(t), t.lemma_.lower()) if person(_subject(t)) else None
        if cue is not None:
            return cue
    return None


def _entity(tok: Token) -> Span | None:
    doc = tok.doc
    for ent in doc.ents:
        if ent.start <= tok.i < ent.end and ent.label_ in SPEAKER_LABELS:
            return ent
    return None


def _strip(span_toks: list[Token]) -> list[Token]:
    while span_toks and (span_toks[-1].is_punct or span_toks[-1].tag_ == "POS"):
        span_toks = span_toks[:-1]
    while span_toks and (span_toks[0].is_punct or span_toks[0].dep_ == "det"):
        span_toks = span_toks[1:]
    return span_toks


def _phrase(head: Token) -> list[Token]:
    """The noun phrase of ``head`` without appositions, relative clauses or what follows a comma."""
    cut = {"appos", "relcl", "acl", "advcl", "punct", "cc", "conj"}
    skip = {t.i for c in head.children if c.dep_ in cut for t in c.subtree}
    toks = [t for t in head.subtree if t.i not in skip]
    out = []
    for t in toks:  # contiguous from the left edge up to the head, then its modifiers
        if out and t.i != out[-1].i + 1:
            break
        out.append(t)
    return out


def _pronoun(tok: Token) -> bool:
    """Whether a token is a third-person personal pronoun (he, her, its, they, ...)."""
    return tok.pos_ == "PRON" and tok.morph.get("Person") == ["3"] and tok.morph.get("PronType") == ["Prs"]


def _describe(tok: Token) -> dict[str, Any]:
    """What a speaker or mention token names: kind (pronoun|named|phrase|group), name, title,
    person (True; False for organisations, places and documents; None if unknown), gender
    ("m", "f", "n"), plural; a phrase also its head lemma, words, and whether it is definite."""
    plural = tok.morph.get("Number") == ["Plur"]
    if _pronoun(tok):
        gender = {"Masc": "m", "Fem": "f", "Neut": "n"}.get((tok.morph.get("Gender") or [""])[0])
        return {"kind": "pronoun", "name": tok.lower_, "title": None, "person": None, "gender": gender, "plural": plural}
    named = _named_apposition(tok)
    conj, todo = [], [c for h in (tok, named) if h is not None for c in h.children if c.dep_ == "conj"]
    while todo:  # "A, B and C said": one joint speaker when every conjunct is a person
        conj.append(todo.pop(0))
        todo += [c for c in conj[-1].children if c.dep_ == "conj"]
    members = [_describe_one(t) for t in [tok, *conj]]
    if len(members) > 1 and all(m["person"] for m in members):
        return {"kind": "group", "name": " and ".join(m["name"] for m in members), "title": None, "person": True,
                "gender": None, "plural": True}
    return members[0]


def _named_apposition(tok: Token) -> Token | None:
    """The name in apposition to a common noun, or the person in apposition to another entity."""
    ent = _entity(tok)
    if _pronoun(tok) or (ent is not None and ent.label_ == "PERSON") or (ent is None and tok.pos_ == "PROPN"):
        return None
    return next((c for c in tok.children if c.dep_ == "appos" and (
        _entity(c) is not None and _entity(c).label_ == "PERSON" or ent is None and (_entity(c) or c.pos_ == "PROPN"))), None)


def _describe_one(tok: Token) -> dict[str, Any]:
    named = _named_apposition(tok)
    if named is not None:  # "the mayor, Jo Lee, said"; "Budget Office Director Jo Lee" (an ORG + a PERSON)
        info = _describe_one(named)
        title = _strip(_phrase(tok))
        info["title"] = info["title"] or " ".join(t.text for t in title) or None
        info["person"] = True  # a name in apposition to a common noun: a titled person
        info["gender"] = info["gender"] or _gender({t.lemma_.lower() for t in title})
        return info
    poss = next((c for c in tok.children if c.dep_ == "poss"), None)
    if tok.lemma_.lower() in DOCUMENTS and poss is not None:
        return _describe(poss)  # "Willoughby's letter continued": its author
    if _pronoun(tok):
        return _describe(tok)
    phrase = _phrase(tok)
    ent = _entity(tok)
    if ent is None and tok.pos_ != "PROPN":
        words = [t for t in phrase if not t.is_punct and t.tag_ != "POS"]
        text = " ".join(t.lower_ if t.dep_ == "det" else t.text for t in words)
        gender = _gender({t.lemma_.lower() for t in words})
        document = tok.lemma_.lower() in DOCUMENTS
        return {"kind": "phrase", "name": text or tok.text, "title": text or tok.text,
                "person": False if document else (True if gender else None), "gender": gender,
                "plural": tok.morph.get("Number") == ["Plur"], "document": document, "head": tok.lemma_.lower(),
                "definite": any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in tok.children),
                "words": {t.lemma_.lower() for t in words if not t.is_stop and t.is_alpha}}
    # a whole entity; a one-word one (or an unlabelled proper noun) with the proper nouns
    # compounded before it ("Ana Petrova" where NER saw only "Petrova")
    name = [t for t in ent if t.i in {p.i for p in phrase} or t.i == tok.i] if ent is not None else [tok]
    # NER's label, overruled by a title: a common noun before a name ("lawyer Ana Petrova")
    person = ent is None or ent.label_ == "PERSON" or any(p.pos_ == "NOUN" and p.i < tok.i for p in phrase)
    if len(name) == 1:
        for t in reversed([p for p in phrase if p.i < tok.i]):
            if t.pos_ != "PROPN" or t.i != name[0].i - 1 or t.ent_type_ in SPEAKER_LABELS - {"PERSON"}:
                break
            name.insert(0, t)
    name = _strip(name)
    first = name[0].i if name else tok.i
    title_toks = _strip([t for t in phrase if t.i < first and t.tag_ != "PRP$" and t.dep_ != "poss"])
    low = {t.lower_.rstrip(".") for t in title_toks} | {t.lower_.rstrip(".") for t in name[:1]}
    return {"kind": "named", "name": " ".join(t.text for t in name) or tok.text,
            "title": " ".join(t.text for t in title_toks) or None, "person": person or bool(low & (FEMALE | MALE)),
            "gender": _gender(low), "plural": False}


def _gender(words: set[str]) -> str | None:
    if words & FEMALE:
        return "f"
    if words & MALE:
        return "m"
    return None


def _agrees(pron: dict[str, Any], e: dict[str, Any] | None) -> bool:
    """Whether a pronoun (or a definite plural phrase of people) can refer to entry ``e``."""
    if e is None or e.get("document"):
        return False
    if pron["plural"]:
        return bool(e["plural"]) and (e["person"] or not pron["person"]) or (e["person"] is False and not pron["person"])
    if e["plural"]:
        return False
    if pron["gender"] == "n":
        return e["person"] is False
    return e["person"] is not False and e["gender"] in (None, pron["gender"])


class _Discourse:
    """The people, groups, organisations and documents an article mentions, read in order
    (lazily: only the sentences before a speaker that needs them), to resolve a speaker."""

    def __init__(self, sentences: list[Sentence], quotes: list[Quotation], docs: dict[int, Doc]):
        self.sentences, self.docs = sentences, docs
        self.quoted = [(q.open, q.close) for q in quotes]  # names inside these are not antecedents
        self.history: list[tuple[int, dict[str, Any]]] = []  # (offset, entry), in reading order
        self.people: dict[str, dict[str, Any]] = {}
        self.mentions: dict[int, list[tuple[tuple[int, int, int], dict[str, Any]]]] = {}
        self.refs: dict[tuple[int, int], tuple[dict[str, Any] | None, str]] = {}
        self.authors: dict[str, dict[str, Any]] = {}  # document noun -> who last wrote one
        self._cues: dict[int, list[Cue]] = {}
        self.fed = -1

    def quoted_at(self, pos: int) -> bool:
        i = bisect_left(self.quoted, (pos + 1,)) - 1
        return i >= 0 and self.quoted[i][0] <= pos <= self.quoted[i][1]

    def doc(self, n: int) -> Doc:
        if n not in self.docs:
            todo = [m for m in range(max(0, n - PRONOUN_LOOKBACK), n + 1) if m not in self.docs]
            self.docs.update(zip(todo, parse_many(self.sentences[m].text.translate(PARSE_MARKS) for m in todo)))
        return self.docs[n]

    def cues(self, n: int) -> list[Cue]:
        """The cues of sentence ``n`` outside its quotations."""
        if n not in self._cues:
            base = self.sentences[n].start
            self._cues[n] = [c for c in _cues(self.doc(n)) if not self.quoted_at(base + c.verb.idx)
                             and (c.speaker is None or not self.quoted_at(base + c.speaker.idx))]
        return self._cues[n]

    def attribution(self, n: int, cue: Cue | None) -> dict[str, Any] | None:
        if cue is None or cue.speaker is None:
            return None
        entry, how = self.refer(n, cue.speaker)
        return {"speaker": entry["name"] if entry else None, "speaker_from": "according_to" if cue.according else how,
                "speaker_title": entry["title"] if entry else None, "cue": cue.lemma}

    def refer(self, n: int, tok: Token) -> tuple[dict[str, Any] | None, str]:
        """(entry, speaker_from) for a token of sentence ``n``; the sentences before are read
        first when it needs them (a pronoun, a definite or plural phrase)."""
        if (n, tok.i) not in self.refs:
            info = _describe(tok)
            if info["kind"] == "pronoun" or info.get("definite") or info["plural"]:
                self._feed(n)
            if (n, tok.i) not in self.refs:
                self.refs[(n, tok.i)] = self._resolve(n, tok, info)
        return self.refs[(n, tok.i)]

    def _feed(self, n: int) -> None:
        """Read the mentions of the sentences up to ``n`` (at most ``PRONOUN_LOOKBACK`` back)."""
        for m in range(max(self.fed + 1, n - PRONOUN_LOOKBACK), n + 1):
            self.fed, base, found = m, self.sentences[m].start, self.mentions.setdefault(m, [])
            speakers = {c.speaker.i for c in self.cues(m) if c.speaker is not None}
            for t in self.doc(m):
                if self.quoted_at(base + t.idx):
                    continue
                if t.dep_ == "dobj" and t.lemma_.lower() in DOCUMENTS and _subject(t.head) is not None:
                    self.authors[t.lemma_.lower()] = self.refer(m, _subject(t.head))[0]  # "X wrote a letter"
                ent = _entity(t)
                if t.i in speakers or _pronoun(t) or (ent is not None and t == ent.root and t.dep_ != "compound"):
                    entry = self.refer(m, t)[0]
                    head = t.head if t.dep_ == "appos" else t  # "His barber, Julian Clark,": the subject
                    if entry is not None:
                        role = 0 if head.dep_ in ("nsubj", "nsubjpass") else 1 if head.dep_ in ("dobj", "dative") else 2
                        found.append(((role, sum(1 for _ in head.ancestors), t.i), entry))

    def _resolve(self, n: int, tok: Token, info: dict[str, Any]) -> tuple[dict[str, Any] | None, str]:
        pos = self.sentences[n].start + tok.idx
        if info["kind"] == "pronoun":
            entry, how = self._antecedent(n, tok, info), "pronoun"
            if entry is not None and info["gender"] in ("m", "f") and not entry["plural"]:
                entry["gender"], entry["person"] = entry["gender"] or info["gender"], True
        elif info["kind"] == "named":
            if " " not in info["name"] and (info["person"] or not info["title"]):
                full = self._full_name(info["name"], pos)
                if full:
                    info = dict(info, name=full, person=True)
            entry, how = self._entry(info), "named"
        else:
            entry = None
            if info.get("definite"):
                entry = self.authors.get(info["head"]) if info["document"] else self._title(info, pos)
                if entry is None and info["plural"] and info["person"]:
                    entry = self._antecedent(n, tok, info)  # "the two men said"
            entry, how = entry or self._entry(info), "title"
        if entry is not None:
            insort(self.history, (pos, entry), key=lambda pe: pe[0])
        return entry, how

    def _entry(self, info: dict[str, Any]) -> dict[str, Any]:
        if info["kind"] not in ("named", "group"):
            return dict(info)
        entry = self.people.setdefault(info["name"], dict(info))
        for key in ("title", "gender", "person"):
            entry[key] = entry[key] or info[key]
        return entry

    def _antecedent(self, n: int, tok: Token, info: dict[str, Any]) -> dict[str, Any] | None:
        """Hobbs's search (see the module notes) for what a pronoun refers to."""
        doc, rank = self.doc(n), (lambda mention: mention[0])
        own = [(r, e) for r, e in self.mentions.get(n, []) if r[2] < tok.i and doc[r[2]].head.i != tok.head.i]
        found = sorted(own, key=rank)
        for m in range(n - 1, max(-1, n - PRONOUN_LOOKBACK - 1), -1):
            found += sorted(self.mentions.get(m, []), key=rank)
        return next((e for _, e in found if _agrees(info, e)), None)

    def _full_name(self, surname: str, pos: int) -> str | None:
        """The full name of the nearest person (before ``pos``, else after) named ``surname``."""
        for at, entry in reversed(self.history):
            if at < pos and entry["kind"] == "named" and entry["name"].split()[-1] == surname and " " in entry["name"]:
                return entry["name"]
        word = re.compile(r"\b" + re.escape(surname) + r"\b")
        hits = [s for s in self.sentences if word.search(s.text)]
        found = []
        for s, doc in zip(hits, parse_many(s.text for s in hits)):
            for ent in doc.ents:  # "Petar Holm" also from "Petar Holm's party" (an ORG)
                at = next((t.i for t in ent if t.text == surname), -1)
                if at > ent.start and ent.label_ in SPEAKER_LABELS and doc[at - 1].pos_ == "PROPN":
                    found.append((s.start + ent.start_char, doc[ent.start : at + 1].text))
        before = [name for at, name in found if at < pos]
        return before[-1] if before else (found[0][1] if found else None)

    def _title(self, info: dict[str, Any], pos: int) -> dict[str, Any] | None:
        """The latest mention whose title shares the head of a definite title phrase (else a word)."""
        fallback = None
        for at, entry in reversed(self.history):
            if at >= pos or (entry["gender"] and info["gender"] and entry["gender"] != info["gender"]):
                continue
            theirs = {w.lower() for w in _WORD.findall(entry["title"] or "")}
            if entry["kind"] == "phrase":
                theirs |= entry.get("words", set())
            if info["head"] in theirs:
                return entry
            if fallback is None and info["words"] & theirs:
                fallback = entry
        return fallback


# --- quotes and statements --------------------------------------------------------------------


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


def _content(cue: Cue) -> list[Token]:
    """Tokens of the clause a cue reports (empty when it reports none)."""
    verb = cue.verb
    comp = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if cue.according:  # the clause before "according to X", or after it when it opens the sentence
        whole = list(verb.head.subtree) if verb.dep_ != "ROOT" else []
        before = [t for t in whole if t.i < verb.left_edge.i]
        toks = before if len(before) > 1 else [t for t in whole if t.i > verb.right_edge.i]
    elif comp is not None:
        subj = next((c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < comp.i), None)
        # "said on Monday it would ...": the adverbial before the subject belongs to the verb
        start = subj.left_edge.i if subj is not None and verb.i < comp.left_edge.i else comp.left_edge.i
        if any(t.is_punct for t in verb.doc[comp.left_edge.i : start]):
            start = comp.left_edge.i
        toks = [t for t in comp.subtree if t.i >= start]
    elif cue.lemma in OBJECT_VERBS:
        kids = [c for c in verb.children if c.dep_ in ("dobj", "prep") and c.i > verb.i]
        if not any(c.dep_ == "dobj" for c in kids):
            return []
        toks = [t for c in kids for t in c.subtree]
    elif " " in cue.lemma:  # a noun cue: "expressed concern over ..."
        toks = [t for t in verb.doc[verb.i + 1 : verb.right_edge.i + 1]]
    elif (
        (verb.dep_ == "ROOT" or verb.head.lemma_.lower() not in REPORTING_VERBS)
        and _after_punct(cue)
        and not any(c.dep_ in ("dobj", "xcomp", "attr") and c.i > verb.i for c in verb.children)
    ):
        # "The bridge will open, she said": the words before the attribution, however parsed
        toks = list(verb.doc[verb.sent.start : _attribution_span(cue)[0]])
    else:
        return []
    while toks and (toks[0].is_punct or (toks[0].dep_ == "mark" and toks[0].lower_ == "that")):
        toks = toks[1:]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    return toks


def _after_punct(cue: Cue) -> bool:
    """Whether the attribution clause of a cue follows a punctuation mark ("..., X said")."""
    first = _attribution_span(cue)[0]
    return first > 0 and cue.verb.doc[first - 1].is_punct


def _token_range(doc: Doc, base: int, a: int, b: int) -> tuple[int, int]:
    """Indices of the first and last tokens of ``doc`` (at offset ``base``) within ``[a, b]``."""
    idx = [t.i for t in doc if a <= base + t.idx <= b]
    return (idx[0], idx[-1]) if idx else (-1, -1)


def _attribution_span(cue: Cue) -> tuple[int, int]:
    toks = [cue.verb.i] + ([cue.speaker.left_edge.i, cue.speaker.right_edge.i] if cue.speaker is not None else [])
    if cue.according:
        toks.append(cue.verb.right_edge.i)
    if cue.verb.dep_ == "pcomp":  # "<source> quoted <speaker> as saying"
        quoting = cue.verb.head.head
        toks += [quoting.i, *(c.left_edge.i for c in quoting.children if c.dep_ == "nsubj")]
    return min(toks), max(toks)


def _cue_for(doc: Doc, qa: int, qb: int, cues: list[Cue], person) -> tuple[Cue | None, bool]:
    """The cue of the quotation at tokens ``qa..qb`` (in the order of the module notes), and
    whether it is next to the quotation (then it reports nothing else)."""
    def between_only(a: int, b: int, also: tuple[str, ...] = ()) -> bool:
        return all(t.is_punct or t.lower_ in also for t in doc[a:b])

    def verb_cue(t: Token) -> Cue:
        return next((c for c in cues if c.verb.i == t.i), None) or Cue(t, _subject(t), t.lemma_.lower())

    if qa > 0 and doc[qa - 1].text == ":" and _colon_cue(doc, qa - 1, cues, person) is not None:
        return _colon_cue(doc, qa - 1, cues, person), True
    others = [Cue(t, _subject(t), t.lemma_.lower()) for t in doc[qb + 1 :]
              if t.pos_ == "VERB" and any(c.dep_ == "nsubj" for c in t.children)]
    after = [c for c in cues + others if _attribution_span(c)[0] > qb and between_only(qb + 1, _attribution_span(c)[0])
             and (c in cues or all(w.text != ":" for w in doc[qb + 1 : _attribution_span(c)[0]]))]
    before = [c for c in cues if _attribution_span(c)[1] < qa and between_only(_attribution_span(c)[1] + 1, qa, ("that",))]
    if after and after[0] in cues or before or after:
        return (after[0] if after and after[0] in cues else before[-1] if before else after[0]), True
    root = next((t for t in doc[qa : qb + 1] if not t.is_punct and not qa <= t.head.i <= qb), doc[qa : qb + 1].root)
    above = [t for t in root.ancestors if all(w.text != ":" for w in doc[min(t.i, qb) : max(t.i, qa)])]
    cue = next((c for t in above for c in cues if c.verb.i == t.i or c.according and c.verb.head.i == t.i), None)
    if cue is None and above and _subject(above[-1]) is not None and person(_subject(above[-1])):
        cue = verb_cue(above[-1])  # 'X lamented that a "..."': the sentence's main subject
    if cue is None and above and root.dep_ in ("dobj", "ccomp", "xcomp") and _subject(above[0]) is not None:
        cue = verb_cue(above[0])  # 'X chanted "..."': the verb it is the object of
    before = [c for c in cues if c.verb.i < qa]
    return cue or (before[-1] if before else cues[0] if cues else None), False


def extract_quotes(article: Article, sentences: list[Sentence]) -> list[Mention]:
    """Quotations (kind "quote") and indirect attributed statements (kind "statement").

    ``sentences`` is accepted for the common extractor signature; sentences are re-split
    with each quotation kept whole, and only those with a quotation or a cue form, and those
    before a quotation, are parsed (and those a pronoun needs).
    """
    text = article.text
    quotes = find_quotations(text)
    real = [q for q in quotes if not q.fragment]
    opens = [q.open for q in quotes]
    outer = [Sentence(s.start, s.end, text[s.start : s.end]) for s in split_sentences(_mask(text, real))]
    holds = [any(s.start <= q.open < s.end for q in real) for s in outer] + [False]
    todo = [n for n, s in enumerate(outer) if holds[n] or holds[n + 1] or _CUE_FORM.search(s.text)]
    docs = dict(zip(todo, parse_many(outer[n].text.translate(PARSE_MARKS) for n in todo)))
    model = _Discourse(outer, real, docs)
    out: list[Mention] = []
    previous: tuple[int, dict[str, Any]] | None = None  # (sentence end, attribution)
    parsed = set(todo)
    for n, sent in enumerate(outer):
        if n not in parsed:
            previous = None
            continue
        doc, base = docs[n], sent.start
        mine = [q for q in real if base <= q.open < sent.end]
        cues = [c for c in model.cues(n) if c.speaker is not None]
        attrs = {c.verb.i: model.attribution(n, c) for c in cues}
        used: set[int] = set()
        last = None
        person = lambda tok: (model.refer(n, tok)[0] or {}).get("person") is True  # noqa: E731
        for q in mine:
            qa, qb = _token_range(doc, base, q.open, q.close)
            cue, adjacent = _cue_for(doc, qa, qb, cues, person) if qa >= 0 else (None, False)
            attr = attrs.get(cue.verb.i) or model.attribution(n, cue) if cue is not None else None
            if adjacent:
                used.add(cue.verb.i)
            if cue is None and q is mine[0] and previous and "\n\n" not in text[previous[0] : q.open]:
                attr = previous[1]
            last = attr or last
            value = {"content": text[q.start : q.end], "speaker": None, "speaker_from": "none",
                     "speaker_title": None, "cue": None}
            value.update(attr or {})
            out.append(Mention("quote", q.start, q.end, value, value["speaker"]))
        out += _statements(text, sent, quotes, opens, [c for c in cues if c.verb.i not in used], attrs)
        colon = len(doc) - 1 if doc[len(doc) - 1].text == ":" else -1
        main = min(cues, key=lambda c: (sum(1 for _ in c.verb.ancestors), -c.verb.i)) if cues else None
        attr = model.attribution(n, _colon_cue(doc, colon, cues, person)) if colon > 0 else None
        attr = attr or last or (attrs[main.verb.i] if main else None)
        root = next(t for t in doc if t.dep_ == "ROOT")
        if attr is None and not mine and _subject(root) is not None and (model.refer(n, _subject(root))[0] or {}).get("person"):
            attr = model.attribution(n, Cue(root, _subject(root), root.lemma_.lower()))
        previous = (sent.end, attr) if attr else previous if mine else None
    return _drop_nested(out)


def _statements(text: str, sent: Sentence, quotes: list[Quotation], opens: list[int], cues: list[Cue],
                attrs: dict[int, dict[str, Any]]) -> list[Mention]:
    """Statements of a sentence: the clauses its cues (not used by a quotation) report."""
    out = []
    base = sent.start
    near = quotes[bisect_left(opens, sent.start) : bisect_left(opens, sent.end)]
    for cue in cues:
        toks = _content(cue)
        if not toks:
            continue
        a, b = base + toks[0].idx, base + toks[-1].idx + len(toks[-1].text)
        if any(q.open <= a <= q.close for q in near if not q.fragment) and b <= max(q.close for q in near) + 1:
            continue  # the reported clause is a quotation, already a quote mention
        for q in near:
            if q.fragment and a <= q.open < b <= q.close:
                b = q.close + 1  # a quoted fragment opened inside runs to its mark
            elif not q.fragment and a < q.open < b and not text[q.close + 1 : b].strip(" .,;:"):
                b = q.open  # a quotation closing the clause is a quote mention of its own
                while b > a and (text[b - 1].isspace() or text[b - 1] in ",;:"):
                    b -= 1
        a += dateline_end(text[a:b])
        content = _statement_text(text, a, b, near)
        if len(_WORD.findall(content.replace("…", ""))) < MIN_STATEMENT_WORDS:
            continue
        value = dict(attrs[cue.verb.i], content=content, verb=cue.lemma)
        out.append(Mention("statement", a, b, value, value["speaker"]))
    return out


def _drop_nested(mentions: list[Mention]) -> list[Mention]:
    """Sort by position; drop a statement inside another statement's span."""
    mentions.sort(key=lambda m: (m.start, -m.end, m.kind))
    out: list[Mention] = []
    for m in mentions:
        if m.kind == "statement" and any(o.kind == "statement" and o.start <= m.start and m.end <= o.end for o in out):
            continue
        out.append(m)
    return out


@lru_cache(maxsize=4096)
def has_speech_cue(text: str) -> bool:
    """Whether a sentence holds a reporting verb with a speaker, or "according to"."""
    if not _CUE_FORM.search(text):
        return False
    return any(c.speaker is not None for c in _cues(parse(text)))
