"""Extract quotations and attributed statements, each with its speaker, from the dependency parse.

Notes
-----
Reported speech is read as Krestel, Bergler & Witte (2008), "Minding the source: automatic
tagging of reported speech in newspaper articles" (LREC) describe it: a *cue* (a reporting
verb, or "according to") joins a *source* (the speaker) to the *content* (a quotation, or
the reported clause). As in textacy's ``extract.triples.direct_quotations``, a quotation is
first paired from its marks, then given the subject of the reporting verb that governs it
or stands next to it; the verbs are data (``crosscheck/data/reporting_verbs.json``) and the
grammar comes from spaCy's parse (``crosscheck.parse``), read only for the sentences that
hold a quotation mark or a reporting-verb form.

Decisions:

- Quotation marks are pairs of characters (``DOUBLE_MARKS``, ``SINGLE_MARKS``): English
  “…” and ‘…’, straight "…", German „…“ and ‚…‘, guillemets «…» and »…«, ‹…›, and CJK 「…」.
  Straight quotes and curly singles (which double as apostrophes: "Japan’s") open or close
  by the characters around them. A quotation may run over ``QUOTE_MAX_LINES`` line
  breaks (one sentence a line is common in converted corpora); an unpaired mark is
  skipped. AP's continuation: a quotation left open at a line end before a line that opens
  with a quote mark runs to that line end.
- A quote mention spans the words inside the marks, trimmed of white space and a trailing
  ``,;:``. A quoted fragment of at most ``FRAGMENT_MAX_WORDS`` words without a finite verb,
  auxiliary or infinitive, or a short title-case phrase, is a name, title or scare quote:
  not a quote mention (``crosscheck.extract.framing`` reports scare quotes).
- The speaker is the subject of the cue verb (``nsubj``; the passive subject or object of
  "quoted ... as saying"; the object of "according to", or a named organisation inside it:
  "a statement from the ministry"). A speaker is a whole named entity (PERSON, ORG, GPE,
  NORP), else the run of proper nouns ending at the subject, else the subject's noun
  phrase ("a spokesman for the agency"); a common-noun subject with a named apposition
  ("the mayor, Jo Lee,") is the name. Words before a name in its phrase are its title.
- A one-word personal name takes the full name of the nearest earlier person of that
  surname in the article. He/she take the nearest preceding person (a speaker or a PERSON
  named in the sentences before) whose known gender agrees (from title words and earlier
  pronouns); they/it the nearest speaker that is not a person. A definite title phrase
  ("the deputy minister") is the latest speaker whose title shares its head, else a word.
- A quote with no cue in its sentence keeps the speaker of the sentence just before it
  when that one is attributed and no blank line parts them (AP attributes a run of quotes
  once, and a quote paragraph after an attributed one continues it); else it has none.
- A statement is the clausal complement (``ccomp``) of a cue verb not used by a quote,
  quotations inside it replaced by an ellipsis; "what X says is" (a distancing
  construction) is not one.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
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
_FORMS = {f for forms in _DATA["verbs"].values() for f in forms}
_FORMS |= {f for forms in _DATA["noun_cues"]["verbs"].values() for f in forms}
_CUE_FORM = re.compile(r"\b(?:" + "|".join(sorted(_FORMS, key=len, reverse=True)) + r"|according to)\b", re.I)
FEMALE = frozenset(_DATA["gender"]["female"])
MALE = frozenset(_DATA["gender"]["male"])

# --- quotation marks ---------------------------------------------------------------------

#: Opening mark -> the marks that close it (a straight quote may close a curly one).
DOUBLE_MARKS = {"“": "”\"", '"': '"”', "„": "“”\"", "«": "»", "»": "«", "「": "」", "『": "』"}
SINGLE_MARKS = {"‘": "’", "‚": "‘’", "‹": "›", "›": "‹"}
#: Marks whose role depends on the characters around them (straight quotes; curly singles,
#: which are also apostrophes); the others' role is given by the tables above.
CONTEXT_MARKS = "\"‘’‚"
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
#: Object pronouns ("according to him") as the subject pronouns they resolve like.
OBJECT_PRONOUNS = {"him": "he", "her": "she", "them": "they"}
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
    of the open one's style means the first was never closed; other styles inside are
    nested quotes. A quotation may run over at most ``lines`` line breaks; one left open at
    a line end before a line that opens with a mark closes there (AP's continuation); a
    blank line ends an open quotation otherwise."""
    closers = {c for cs in marks.values() for c in cs}
    pairs: list[tuple[int, int]] = []
    opened, crossed = -1, 0
    for i, ch in enumerate(text):
        if ch == "\n" and opened >= 0:
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
    """The speaker token of a reporting verb: its subject, through "as saying" and
    conjoined verbs ("X said ... and added ...")."""
    head = verb.head
    if verb.dep_ == "pcomp" and head.lower_ == "as" and head.head.lemma_.lower() in PASSIVE_CUES:
        quoting = head.head  # "<source> quoted <speaker> as saying" / "<speaker> was quoted as saying"
        kids = list(quoting.children)
        return next((c for c in kids if c.dep_ == "nsubjpass"), None) or next(
            (c for c in kids if c.dep_ == "dobj"), None
        )
    for c in verb.children:
        if c.dep_ == "nsubj":
            if c.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
                return verb.head  # "Jo Lee, who said ..."
            return _inner_source(c)
    if verb.dep_ in ("conj", "advcl", "xcomp") and head.pos_ in ("VERB", "AUX") and head.i != verb.i:
        return _subject(head)  # "X said ... and added", "X issued a memo, stating that"
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


def _describe(tok: Token) -> dict[str, Any]:
    """What a speaker token names: kind (pronoun|named|phrase), name, title, person, gender."""
    if tok.pos_ == "PRON":
        return {"kind": "pronoun", "name": OBJECT_PRONOUNS.get(tok.lower_, tok.lower_), "title": None, "person": None, "gender": None}
    if tok.pos_ not in ("PROPN",) and _entity(tok) is None:
        named = next((c for c in tok.children if c.dep_ == "appos" and (_entity(c) or c.pos_ == "PROPN")), None)
        if named is not None:  # "the mayor, Jo Lee, said"
            info = _describe(named)
            title = _strip(_phrase(tok))
            info["title"] = info["title"] or " ".join(t.text for t in title) or None
            info["person"] = True  # a name in apposition to a common noun: a titled person
            info["gender"] = info["gender"] or _gender({t.lower_ for t in title})
            return info
    phrase = _phrase(tok)
    ent = _entity(tok)
    if ent is not None or tok.pos_ == "PROPN":
        # a whole entity; a one-word one (or an unlabelled proper noun) with the proper
        # nouns compounded before it ("Ana Petrova" where NER saw only "Petrova")
        name = [t for t in ent if t.i in {p.i for p in phrase} or t.i == tok.i] if ent is not None else [tok]
        # NER's label, overruled by a title: a common noun before a name ("lawyer Ana Petrova")
        person = ent is None or ent.label_ == "PERSON" or any(p.pos_ == "NOUN" and p.i < tok.i for p in phrase)
        if len(name) == 1:
            for t in reversed([p for p in phrase if p.i < tok.i]):
                if t.pos_ != "PROPN" or t.i != name[0].i - 1 or t.ent_type_ in SPEAKER_LABELS - {"PERSON"}:
                    break
                name.insert(0, t)
    else:
        words = [t for t in phrase if not t.is_punct and t.tag_ != "POS"]
        text = " ".join(t.lower_ if t.dep_ == "det" else t.text for t in words)
        definite = any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in tok.children)
        words_low = {t.lower_ for t in words}
        gender = _gender(words_low)  # a phrase is a person for he/she when its gender is known
        return {"kind": "phrase", "name": text or tok.text, "title": text or tok.text, "person": bool(gender),
                "gender": gender, "definite": definite, "head": tok.lemma_.lower(),
                "words": {t.lemma_.lower() for t in words if not t.is_stop and t.is_alpha}}
    name = _strip(name)
    first = name[0].i if name else tok.i
    title_toks = _strip([t for t in phrase if t.i < first and t.tag_ != "PRP$" and t.dep_ != "poss"])
    title = " ".join(t.text for t in title_toks) or None
    low = {t.lower_.rstrip(".") for t in title_toks}
    return {"kind": "named", "name": " ".join(t.text for t in name) or tok.text, "title": title,
            "person": person or bool(low & (FEMALE | MALE)), "gender": _gender(low)}


def _gender(words: set[str]) -> str | None:
    if words & FEMALE:
        return "f"
    if words & MALE:
        return "m"
    return None


class _Speakers:
    """The people and organisations an article has named so far, to resolve a speaker."""

    def __init__(self, text: str, sentences: list[Sentence], quotes: list[Quotation]):
        self.text = text
        self.sentences = sentences
        self.quoted = [(q.open, q.close) for q in quotes]  # names inside these are not antecedents
        self.history: list[tuple[int, dict[str, Any]]] = []  # (offset, entry), in reading order
        self.people: dict[str, dict[str, Any]] = {}

    def _entry(self, info: dict[str, Any]) -> dict[str, Any]:
        if info["kind"] != "named":
            return dict(info)
        entry = self.people.setdefault(info["name"], dict(info))
        entry["title"] = entry["title"] or info["title"]
        entry["gender"] = entry["gender"] or info["gender"]
        entry["person"] = entry["person"] or info["person"]
        return entry

    def resolve(self, info: dict[str, Any], pos: int, sent_index: int) -> tuple[dict[str, Any] | None, str]:
        """(entry, speaker_from) for a described speaker at offset ``pos``."""
        if info["kind"] == "pronoun":
            entry = self._pronoun(info["name"], pos, sent_index)
            if entry is not None and entry["person"] and info["name"] in ("he", "she"):
                entry["gender"] = entry["gender"] or ("f" if info["name"] == "she" else "m")
            how = "pronoun"
        elif info["kind"] == "named":
            if " " not in info["name"] and (info["person"] or not info["title"]):
                full = self._full_name(info["name"], pos)
                if full:
                    info = dict(info, name=full, person=True)
            entry, how = self._entry(info), "named"
        else:
            entry = self._title(info, pos) if info["definite"] else None
            entry, how = entry or self._entry(info), "title"
        if entry is not None:
            self.history.append((pos, entry))
        return entry, how

    def _full_name(self, surname: str, pos: int) -> str | None:
        """The full name of the nearest person (before ``pos``, else after) named ``surname``."""
        for _, entry in reversed(self.history):
            if entry["kind"] == "named" and entry["name"].split()[-1] == surname and " " in entry["name"]:
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

    def _candidates(self, pos: int, sent_index: int):
        """Speakers and persons named (outside quotations) before ``pos``, nearest first."""
        seen = [(at, e) for at, e in self.history if at < pos]
        lo = max(0, sent_index - PRONOUN_LOOKBACK)
        sents = self.sentences[lo : sent_index + 1]
        for s, doc in zip(sents, parse_many(s.text for s in sents)):
            for ent in doc.ents:
                at = s.start + ent.start_char
                if ent.label_ == "PERSON" and at < pos and not any(a <= at <= b for a, b in self.quoted):
                    info = _describe(ent.root)
                    if info["kind"] == "named":
                        if " " not in info["name"]:
                            info = dict(info, name=self._full_name(info["name"], at) or info["name"])
                        seen.append((at, self._entry(dict(info, person=True))))
        return [e for _, e in sorted(seen, key=lambda ae: -ae[0])]

    def _pronoun(self, pron: str, pos: int, sent_index: int) -> dict[str, Any] | None:
        if pron in ("he", "she"):
            want = "f" if pron == "she" else "m"
            for entry in self._candidates(pos, sent_index):
                if entry["person"] and entry["gender"] in (None, want) and entry["kind"] != "pronoun":
                    return entry
            return None
        if pron in ("they", "it"):
            for at, entry in reversed(self.history):
                if at < pos and not entry["person"]:
                    return entry
        return None

    def _title(self, info: dict[str, Any], pos: int) -> dict[str, Any] | None:
        """The latest speaker whose title shares the head of a definite title phrase (else a word)."""
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


def _cue_for(doc: Doc, qa: int, qb: int, cues: list[Cue], others: list[Cue]) -> tuple[Cue | None, bool]:
    """The cue of the quotation at tokens ``qa..qb``, and whether it is next to it: the one
    right after it (a reporting verb, else any verb with a subject: '"...," X fumed'), else
    right before it; else (not next to it) the nearest before, else the nearest after."""
    def between_only(a: int, b: int, also: tuple[str, ...] = ()) -> bool:
        return all(t.is_punct or t.lower_ in also for t in doc[a:b])

    for cue in cues + others:
        a, _ = _attribution_span(cue)
        if a > qb and between_only(qb + 1, a):
            return cue, True
    for cue in reversed(cues):
        _, b = _attribution_span(cue)
        if b < qa and between_only(b + 1, qa, ("that",)):
            return cue, True
    before = [c for c in cues if c.verb.i < qa]
    if before:
        return before[-1], False
    return (cues[0] if cues else None), False


def extract_quotes(article: Article, sentences: list[Sentence]) -> list[Mention]:
    """Quotations (kind "quote") and indirect attributed statements (kind "statement").

    ``sentences`` is accepted for the common extractor signature; sentences are re-split
    with each quotation kept whole, and only those with a quotation or a cue form are parsed.
    """
    text = article.text
    quotes = find_quotations(text)
    real = [q for q in quotes if not q.fragment]
    opens = [q.open for q in quotes]
    outer = [Sentence(s.start, s.end, text[s.start : s.end]) for s in split_sentences(_mask(text, real))]
    speakers = _Speakers(text, outer, real)
    todo = [n for n, s in enumerate(outer) if _CUE_FORM.search(s.text) or any(s.start <= q.open < s.end for q in real)]
    docs = dict(zip(todo, parse_many(outer[n].text.translate(PARSE_MARKS) for n in todo)))
    out: list[Mention] = []
    previous: tuple[int, dict[str, Any]] | None = None  # (sentence end, attribution)
    for n, sent in enumerate(outer):
        doc = docs.get(n)
        if doc is None:
            previous = None
            continue
        base = sent.start
        mine = [q for q in real if base <= q.open < sent.end]
        inside = {t.i for q in mine for t in doc if q.open <= base + t.idx <= q.close}
        cues = [c for c in _cues(doc) if c.verb.i not in inside and (c.speaker is None or c.speaker.i not in inside)]
        attrs: dict[int, dict[str, Any]] = {}
        for cue in cues:
            if cue.speaker is None:
                continue
            entry, how = speakers.resolve(_describe(cue.speaker), base + cue.speaker.idx, n)
            attrs[cue.verb.i] = {
                "speaker": entry["name"] if entry else None,
                "speaker_from": "according_to" if cue.according else how,
                "speaker_title": entry["title"] if entry else None,
                "cue": cue.lemma,
            }
        cues = [c for c in cues if c.verb.i in attrs]
        others = [Cue(t, next(c for c in t.children if c.dep_ == "nsubj"), t.lemma_.lower()) for t in doc
                  if t.pos_ == "VERB" and t.i not in attrs and t.i not in inside and any(c.dep_ == "nsubj" for c in t.children)]
        used: set[int] = set()
        for q in mine:
            qa, qb = _token_range(doc, base, q.open, q.close)
            cue, adjacent = _cue_for(doc, qa, qb, cues, others) if qa >= 0 else (None, False)
            if cue is not None and cue.verb.i not in attrs:  # a verb of manner next to the quote
                entry, how = speakers.resolve(_describe(cue.speaker), base + cue.speaker.idx, n)
                attrs[cue.verb.i] = {"speaker": entry["name"] if entry else None, "speaker_from": how,
                                     "speaker_title": entry["title"] if entry else None, "cue": cue.lemma}
            attr = attrs[cue.verb.i] if cue is not None else None
            if adjacent:
                used.add(cue.verb.i)
            if cue is None and q is mine[0] and previous and "\n\n" not in text[previous[0] : q.open]:
                attr = previous[1]
            value = {"content": text[q.start : q.end], "speaker": None, "speaker_from": "none",
                     "speaker_title": None, "cue": None}
            value.update(attr or {})
            out.append(Mention("quote", q.start, q.end, value, value["speaker"]))
        for cue in cues:
            if cue.verb.i in used:
                continue
            toks = _content(cue)
            if not toks:
                continue
            a, b = base + toks[0].idx, base + toks[-1].idx + len(toks[-1].text)
            near = quotes[bisect_left(opens, sent.start) : bisect_left(opens, sent.end)]
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
        if attrs:
            previous = (sent.end, attrs[max(attrs)])
        elif not mine:
            previous = None
    return _drop_nested(out)


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
