"""Extract quotations and attributed statements, each with its speaker, from the dependency parse.

Reported speech as Krestel, Bergler & Witte (2008, "Minding the source", LREC) read it: a *cue*
(a reporting verb, "according to") joins a *source* (the speaker) to the *content* (a quotation
or the reported clause). As in textacy's ``direct_quotations``, a quotation is paired from its
marks, then given the subject of its cue. Verbs are data (``data/reporting_verbs.json``); the
grammar is spaCy's parse (``crosscheck.parse``) of the sentences that hold a quotation mark or a
cue form, or come before a quotation or a pronoun to resolve.

- Marks pair by style; straight quotes and curly singles (also apostrophes) open or close by the
  characters around them. A quotation runs over at most ``QUOTE_MAX_LINES`` line breaks, never
  a blank line; one left open ends at its line end if the next line opens with a mark (AP's
  continuation) or another opening mark of its style comes first. A few words without a finite
  verb, or a short title-case phrase, are a name, title or scare quote, not a quotation.
- The speaker is the subject of the cue (also: the passive subject or object of "quoted as
  saying", a passive's agent, the noun a participle modifies, the object of "according to",
  the named source of a document): a whole entity, else the proper nouns ending at it, else its
  noun phrase; a name in apposition or right after a common noun, the words before it its
  title; coordinated people jointly; for a document ("the memo said"), its possessor, else
  whoever the article last said wrote one.
- A quotation's cue, the first found: the clause a colon before it ends (the first verb upwards
  that is a cue or has a person as subject); a cue, or a verb with a subject, next to it; a cue
  above it in the parse; the main verb, if its subject is a person ('X regretted that "..."');
  the verb it is the object of ('X sang "..."'); the nearest cue before it. A quotation that
  opens a sentence without one continues the attribution of the sentence before (no blank line
  between): its colon's clause, its last quotation's or cue's, else its main subject if a person.
- A one-word name is the nearest person of that surname. A pronoun is resolved by Hobbs's
  (1978) search on the dependency trees: the first agreeing mention left of it in its sentence
  (not an argument of its verb), then in each sentence before, nearest first, subjects before
  objects before the rest, shallower before deeper, left before right. Mentions are entities,
  pronouns and cue subjects outside quotations, read in order (a pronoun chain carries its
  referent). Number and gender come from the parse's morphology, honorifics and titles (data)
  and pronouns resolved before; he/she never take an organisation, place or document. A
  definite title phrase is the last mention whose title shares its head ("the trade minister");
  a definite plural of people ("both ministers") resolves as "they".
- A quotation in single marks inside one in double marks is a quotation of its own when
  a cue inside the outer one governs it with a noun for subject ("the nurse told me, 'Wait
  here.'"): its speaker is that noun's, not the outer quotation's.
- A statement is the clausal complement of a cue not used by a quote, quotations inside it
  replaced by an ellipsis; "what X says is" (distancing) is not one.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, insort
from collections import defaultdict
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:  # spaCy is imported by crosscheck.parse on the first parse
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
_FORMS = {f for table in (_DATA["verbs"], _DATA["noun_cues"]["verbs"]) for forms in table.values() for f in forms}
_CUE_FORM = re.compile(r"\b(?:" + "|".join(sorted(_FORMS, key=len, reverse=True)) + r"|according to)\b", re.IGNORECASE)
#: Title and honorific words that give a gender ("f" or "m"; a word of both kinds reads "f").
GENDER = {w: kind[0] for kind in ("male", "female") for w in _DATA["gender"][kind]}
#: Given names that give a gender (``data/given_names.tsv``: the US Census Bureau's 1990 first
#: names, those borne by one sex; written by ``benchmarks/census_given_names.py``).
GIVEN_NAMES = dict(
    line.split("\t") for line in resources.files("crosscheck").joinpath("data/given_names.tsv").read_text("utf-8").splitlines()
    if line and not line.startswith("#")
)
#: Common nouns that name an organisation -> "business" (a firm: named by a name of its own)
#: or "institution" (a ministry: named by its kind). From WordNet: see the file's header.
ORGANISATIONS = dict(
    line.split("\t") for line in resources.files("crosscheck").joinpath("data/organisation_nouns.tsv")
    .read_text("utf-8").splitlines() if line and not line.startswith("#"))

#: Opening mark -> the marks that close it (a straight quote may close a curly one).
DOUBLE_MARKS = {"“": "”\"", '"': '"”', "„": "“”\"", "«": "»", "»": "«", "「": "」", "『": "』"}
SINGLE_MARKS = {"‘": "’'", "'": "'’", "‚": "‘’", "‹": "›", "›": "‹"}
#: Marks that open or close by the characters around them (straight quotes, curly singles).
CONTEXT_MARKS = "\"'‘’‚"
#: Marks the parser knows less well, read as straight quotes (one character for one).
PARSE_MARKS = str.maketrans({**{c: '"' for c in "„«»「」『』"}, **{c: "'" for c in "‚‘‹›"}})
#: Characters after which a context mark opens a quotation (start of text too).
_OPENS_AFTER = set(" \t\n([{—–-/") | set(DOUBLE_MARKS)
#: Quoted words need a finite verb, auxiliary or "to" to be a quotation when they are this few
#: (as textacy drops short quotes), or up to ``TITLE_MAX_WORDS`` in title case (a name).
FRAGMENT_MAX_WORDS = 3
TITLE_MAX_WORDS = 6
#: Penn tags that make a fragment a clause (not the participles of "done deal").
CLAUSE_TAGS = frozenset({"VB", "VBD", "VBZ", "VBP", "MD", "TO"})
#: Entity labels a speaker can carry (spaCy's OntoNotes scheme).
SPEAKER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
#: Line breaks a quotation may run over (texts with one sentence or paragraph a line).
QUOTE_MAX_LINES = 4
#: A pronoun's antecedent is looked for this many sentences back, at most.
PRONOUN_LOOKBACK = 8
#: A statement needs this many words (outside quotations) to be a claim, not "he said so".
MIN_STATEMENT_WORDS = 3

_WORD = re.compile(r"[\w'’-]+")
#: Ideographs, kana and hangul (CJK Unified Ideographs, Hiragana, Katakana, Hangul Syllables).
_CJK = re.compile("[\u4e00-\u9fff\u3040-\u30ff\uac00-\ud7af]")
#: A run of word characters: the keys of a ``_Discourse``'s word index.
_INDEX_WORD = re.compile(r"\w+")


class Quotation(NamedTuple):
    """Marks at ``open``/``close`` (a line end for one left open); content at ``start``/``end``."""

    open: int
    close: int
    start: int
    end: int
    fragment: bool


def _pair(text: str, marks: dict[str, str], taken: list[tuple[int, int]], lines: int) -> list[tuple[int, int]]:
    """Pairs (open, close) of ``marks`` outside ``taken`` over at most ``lines`` line breaks."""
    closers = {c for cs in marks.values() for c in cs}
    before, after = (lambda i: text[i - 1] if i else " "), (lambda i: text[i + 1] if i + 1 < len(text) else " ")
    pairs: list[tuple[int, int]] = []
    opened, crossed, eol = -1, 0, -1
    for i, ch in enumerate(text):
        if ch == "\n" and opened >= 0:
            eol = i if not crossed else eol
            if lines and text[i + 1 : i + 80].lstrip()[:1] in marks:
                pairs.append((opened, i))
                opened = -1
            crossed += 1
            if crossed > lines or text[i + 1 : i + 80].lstrip(" \t").startswith("\n"):
                opened = -1  # too long, or a blank line: a paragraph break ends a quotation
        elif (ch not in marks and ch not in closers) or any(a <= i <= b for a, b in taken):
            continue
        elif opened >= 0 and ch in marks[text[opened]] and (
            ch not in CONTEXT_MARKS or not before(i).isspace() and not after(i).isalnum() and i > 0
        ):
            pairs.append((opened, i))
            opened = -1
        elif ch in marks and (opened < 0 or ch == text[opened]) and (
            ch not in CONTEXT_MARKS or (not i or before(i) in _OPENS_AFTER) and not after(i).isspace()
        ):
            if opened >= 0 and crossed:  # never closed: it ends at its first line end
                pairs.append((opened, eol))
            opened, crossed = i, 0
    return pairs


def _fragment_by_words(content: str) -> bool | None:
    """Whether quoted words are a fragment when their words alone tell (a mark of exclamation
    or question, too many words, or one), or None when the parse must tell."""
    words = _WORD.findall(content)
    if re.search(r"[!?]\W*$", content) or len(words) > TITLE_MAX_WORDS:
        return False
    if len(_CJK.findall(content)) > FRAGMENT_MAX_WORDS:
        return False  # Chinese, Japanese or Korean, written without spaces: a character is about a word
    if len(words) <= 1:
        return True
    return None


def _is_fragment(content: str) -> bool:
    """Whether quoted words are a name, a title or a scare quote rather than a quotation."""
    by_words = _fragment_by_words(content)
    if by_words is not None:
        return by_words
    words = _WORD.findall(content)
    doc = parse(content)
    clause = any(t.tag_ in CLAUSE_TAGS or t.pos_ == "AUX" for t in doc)
    if len(words) <= FRAGMENT_MAX_WORDS:
        return not clause
    title_case = all(t.is_stop or not t.is_alpha or t.text[0].isupper() for t in doc)
    return title_case and not clause and not re.search(r"[.!?,;:]\W*$", content)


def _quotation_spans(text: str) -> list[tuple[int, int, int, int]]:
    """(open, close, content start, content end) of the paired quotation marks of ``text``."""
    spans = _pair(text, DOUBLE_MARKS, [], QUOTE_MAX_LINES)
    spans += _pair(text, SINGLE_MARKS, spans, QUOTE_MAX_LINES)
    out = []
    for o, c in sorted(spans):
        a, b = _words_span(text, o, c)
        if a < b:
            out.append((o, c, a, b))
    return out


def _words_span(text: str, open_: int, close: int) -> tuple[int, int]:
    """Start and end of the words between the marks at ``open_`` and ``close``: without the
    spaces after the opening mark, nor the spaces and commas before the closing one."""
    a = close - len(text[open_ + 1 : close].lstrip())
    return a, a + len(re.sub(r"[\s,;:]+$", "", text[a:close]))


def find_quotations(text: str) -> list[Quotation]:
    """All paired quotation marks of ``text``, in order; fragments are flagged, not dropped."""
    return [Quotation(o, c, a, b, _is_fragment(text[a:b])) for o, c, a, b in _quotation_spans(text)]


def _nested(text: str, q: Quotation) -> list[tuple[int, int, int, int]]:
    """(open, close, content start, content end) of the quotations in single marks inside
    quotation ``q`` in double ones ("... the nurse told me, 'Wait here.'"): a speaker quoting
    another (double marks inside single ones are paired with the rest, ``_quotation_spans``).
    One that fills the whole of ``q`` is ``q`` itself, twice marked."""
    if text[q.open] not in DOUBLE_MARKS:
        return []
    part = text[q.start : q.end]
    out = []
    for o, c in _pair(part, SINGLE_MARKS, [], QUOTE_MAX_LINES):
        a, b = _words_span(part, o, c)
        if a < b and part[:o].strip():
            out.append((q.start + o, q.start + c, q.start + a, q.start + b))
    return out


def contents_to_parse(text: str) -> list[str]:
    """The quoted words of ``text`` whose parse tells whether they are a fragment
    (``find_quotations`` parses them)."""
    return [text[a:b] for _, _, a, b in _quotation_spans(text) if _fragment_by_words(text[a:b]) is None]


def _outer_sentences(text: str, real: list[Quotation]) -> list[Sentence]:
    """The sentences of ``text`` split around its quotations ``real`` (not inside them)."""
    return [Sentence(s.start, s.end, text[s.start : s.end]) for s in split_sentences(_mask(text, real))]


def sentences_to_parse(text: str) -> list[str]:
    """The sentences ``extract_quotes`` may parse: those around the quotations, as parsed for
    quotes (``PARSE_MARKS``) and as written (for names). Their quotation contents must be
    parsed first (``contents_to_parse``): a fragment does not split sentences around it."""
    outer = [s.text for s in _outer_sentences(text, [q for q in find_quotations(text) if not q.fragment])]
    return outer + [t.translate(PARSE_MARKS) for t in outer]


def _mask(text: str, quotes: list[Quotation]) -> str:
    """``text`` with quotations blanked (a capital first), for sentences to split around them."""
    chars = list(text)
    for q in quotes:
        end = min(q.close, len(text))
        if q.open + 1 < end:
            chars[q.open + 1 : end] = "Q" + " " * (end - q.open - 2)
    return "".join(chars)


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
        obj = [o for c in t.children if t.lower_ == "according" and c.lower_ == "to" for o in c.children if o.dep_ == "pobj"]
        out += [Cue(t, _inner_source(obj[0]), "according to", True)] if obj else []
        if t.lower_ == "according" or t.pos_ not in ("VERB", "AUX") or t.dep_ in ("amod", "csubj"):
            continue
        clause = [t, *(c for c in t.children if c.dep_ == "ccomp")]
        if any(w.tag_ in ("WP", "WDT") and w.i < t.i and w.dep_ in ("nsubj", "dobj") for v in clause for w in v.children):
            continue  # "what X says is ...": a distancing construction, not a report
        lemma = t.lemma_.lower()  # a noun cue: "expressed (Moscow's) concerns", however parsed
        noun = [c.lemma_.lower() for c in t.doc[t.i + 1 : t.i + 4] if c.pos_ == "NOUN" and c.lemma_.lower() in NOUN_CUES]
        if lemma in REPORTING_VERBS or lemma in NOUN_CUE_VERBS and noun:
            out.append(Cue(t, _subject(t), f"{lemma} {noun[0]}" if lemma in NOUN_CUE_VERBS else lemma))
    return out


def _subject(verb: Token) -> Token | None:
    """The speaker token of a verb, through conjoined and subordinate verbs ("X said and added")."""
    head, kids = verb.head, list(verb.children)
    if verb.dep_ == "pcomp" and head.lower_ == "as" and head.head.lemma_.lower() in PASSIVE_CUES:
        quoting = list(head.head.children)  # "<source> quoted <speaker> as saying" / "<speaker> was quoted as saying"
        return next((c for c in quoting if c.dep_ == "nsubjpass"), None) or next((c for c in quoting if c.dep_ == "dobj"), None)
    subjects = sorted((c for c in kids if c.dep_ == "nsubj"), key=lambda c: abs(c.i - verb.i))
    agent = [t for c in kids if c.dep_ == "agent" for t in c.children if t.dep_ == "pobj"]
    if subjects:
        return head if subjects[0].tag_ in ("WP", "WDT") and verb.dep_ == "relcl" else _inner_source(subjects[0])
    if agent or (verb.dep_ == "acl" and verb.tag_ == "VBG"):
        return agent[0] if agent else head
    if verb.dep_ in ("conj", "advcl", "xcomp") and head.pos_ in ("VERB", "AUX") and head.i != verb.i:
        return _subject(head)
    return None


def _inner_source(obj: Token) -> Token:
    """A source noun phrase, or the named source of a document ("a statement from X", "results by X")."""
    if obj.ent_type_ in SPEAKER_LABELS or obj.pos_ in ("PROPN", "PRON"):
        return obj
    return next((t for t in obj.subtree if t.ent_type_ in SPEAKER_LABELS and t.dep_ == "pobj"
                 and t.head.lower_ in ("from", "by")), obj)


def _colon_cue(doc: Doc, colon: int, cues: list[Cue], person) -> Cue | None:
    """The cue of the clause that the colon at token ``colon`` ends (see the module notes)."""
    last = next((t for t in reversed(doc[:colon]) if not t.is_punct), None)
    for t in [last, *last.ancestors] if last is not None else []:
        cue = next((c for c in cues if c.verb.i == t.i), None) or Cue(t, _subject(t), t.lemma_.lower())
        if cue in cues or t.pos_ in ("VERB", "AUX") and t.dep_ != "relcl" and cue.speaker is not None and person(cue.speaker):
            return cue
    return None


def _entity(tok: Token) -> Span | None:
    return next((e for e in tok.doc.ents if e.start <= tok.i < e.end and e.label_ in SPEAKER_LABELS), None)


def _strip(toks: list[Token], lead=lambda t: t.dep_ == "det", trail=lambda t: t.tag_ == "POS") -> list[Token]:
    """``toks`` without punctuation, and the words ``lead`` and ``trail`` name, at either end."""
    while toks and (toks[-1].is_punct or trail(toks[-1])):
        toks = toks[:-1]
    while toks and (toks[0].is_punct or lead(toks[0])):
        toks = toks[1:]
    return toks


def _phrase(head: Token) -> list[Token]:
    """The noun phrase of ``head`` without appositions, relative clauses or what follows a comma."""
    cut = {"appos", "relcl", "acl", "advcl", "punct", "cc", "conj"}
    skip = {t.i for c in head.children if c.dep_ in cut for t in c.subtree}
    toks = [t for t in head.subtree if t.i not in skip]
    return [t for k, t in enumerate(toks) if t.i == toks[0].i + k]  # contiguous from the left edge


def _pronoun(tok: Token) -> bool:
    """Whether a token is a third-person personal pronoun (he, her, its, they, ...)."""
    return tok.pos_ == "PRON" and tok.morph.get("Person") == ["3"] and tok.morph.get("PronType") == ["Prs"]


def _gender(words: set[str]) -> str | None:
    return min((GENDER[w] for w in words if w in GENDER), default=None)


def _describe(tok: Token) -> dict[str, Any]:
    """What a token names: kind (pronoun|named|phrase|group), name, title, person (False for an
    organisation, place or document), gender, plural; a phrase also head, words, definite."""
    if _pronoun(tok):
        gender = {"Masc": "m", "Fem": "f", "Neut": "n"}.get((tok.morph.get("Gender") or [""])[0])
        return {"kind": "pronoun", "name": tok.lower_, "title": None, "person": None, "gender": gender,
                "plural": tok.morph.get("Number") == ["Plur"]}
    conj = [c for h in (tok, _apposition(tok)) if h is not None for c in h.conjuncts if c.i > h.i]
    members = [_describe_one(t) for t in [tok, *conj]]  # "A, B and C said": a group if all are people
    if len(members) > 1 and members[-1]["kind"] == "named" and members[-1]["person"] and all(
            m["kind"] == "phrase" and not m["definite"] and not m["plural"]
            and m["name"].split()[0].lower() not in ("a", "an") for m in members[:-1]):
        # "chairman and chief executive Jo Lee said": titles coordinated before one name, with
        # no article (which makes a referent of its own: "a police officer and Jo Lee said")
        titles = " and ".join(m["name"] for m in members[:-1])
        return dict(members[-1], title=f"{titles} {members[-1]['title']}" if members[-1]["title"] else titles)
    if len(members) > 1 and all(m["person"] for m in members):
        names = " and ".join(m["name"] for m in members)
        return {"kind": "group", "name": names, "title": None, "person": True, "gender": None, "plural": True}
    return members[0]


def _apposition(tok: Token) -> Token | None:
    """The name in apposition to a common noun or entity, or right after a noun ("creator Jo Lee")."""
    ent = _entity(tok)
    if _pronoun(tok) or (ent.label_ == "PERSON" if ent is not None else tok.pos_ == "PROPN"):
        return None
    person = [c for c in tok.children if getattr(_entity(c), "label_", "") == "PERSON"]
    return next((c for c in person if c.dep_ == "appos" or ent is None and _entity(c).start == tok.i + 1), None) or next(
        (c for c in tok.children if c.dep_ == "appos" and ent is None and (_entity(c) or c.pos_ == "PROPN")), None)


def _describe_one(tok: Token) -> dict[str, Any]:
    named, poss = _apposition(tok), next((c for c in tok.children if c.dep_ == "poss"), None)
    if named is not None:  # "the mayor, Jo Lee, said"; "Harbour Board Director Jo Lee" (an ORG, a PERSON)
        title = _strip([t for t in _phrase(tok) if t.i not in {w.i for w in named.subtree}])
        info = _describe_one(named)
        info["title"] = info["title"] or " ".join(t.text for t in title) or None
        info["gender"] = info["gender"] or _gender({t.lemma_.lower() for t in title})
        return dict(info, person=True)  # a name in apposition to a common noun: a titled person
    if _pronoun(tok) or tok.lemma_.lower() in DOCUMENTS and poss is not None:
        return _describe(poss if poss is not None and not _pronoun(tok) else tok)  # "Lee's letter": its author
    phrase, ent = _phrase(tok), _entity(tok)
    if ent is None and tok.pos_ != "PROPN":
        words = [t for t in phrase if not t.is_punct and t.tag_ != "POS"]
        text = " ".join(t.lower_ if t.dep_ == "det" else t.text for t in words) or tok.text
        gender, document = _gender({t.lemma_.lower() for t in words}), tok.lemma_.lower() in DOCUMENTS
        organisation = None if gender else ORGANISATIONS.get(tok.lemma_.lower())  # "the company", "the ministry"
        return {"kind": "phrase", "name": text, "title": text,
                "person": False if document or organisation else gender and True, "organisation": organisation,
                "gender": gender, "plural": tok.morph.get("Number") == ["Plur"], "document": document,
                "head": tok.lemma_.lower(), "words": {t.lemma_.lower() for t in words if not t.is_stop and t.is_alpha},
                "definite": any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in tok.children)}
    # a whole entity; a one-word one (or an unlabelled proper noun) with the proper nouns
    # compounded before it ("Ida Berg" where NER saw only "Berg")
    name = [t for t in ent if t.i in {p.i for p in phrase} or t.i == tok.i] if ent is not None else [tok]
    # NER's label, overruled by a title: a common noun before a name ("lawyer Ida Berg")
    person = ent is None or ent.label_ == "PERSON" or any(p.pos_ == "NOUN" and p.i < tok.i for p in phrase)
    for t in reversed([p for p in phrase if p.i < tok.i] if len(name) == 1 else []):
        if t.pos_ != "PROPN" or t.i != name[0].i - 1 or t.ent_type_ in SPEAKER_LABELS - {"PERSON"}:
            break
        name.insert(0, t)
    name = _strip(name)
    title = _strip([t for t in phrase if t.i < (name[0].i if name else tok.i) and t.tag_ != "PRP$" and t.dep_ != "poss"])
    low = {t.lower_.rstrip(".") for t in title + name[: len(name) > 1]}  # an honorific inside the name too
    gender = _gender(low)
    if gender is None and person and len(name) > 1:  # a full name's given name ("Regina Lee")
        gender = GIVEN_NAMES.get(next((t.lower_ for t in name if t.lower_.rstrip(".") not in GENDER), ""))
    return {"kind": "named", "name": " ".join(t.text for t in name) or tok.text, "plural": False,
            "organisation": ent is not None and ent.label_ == "ORG" and not person,
            "title": " ".join(t.text for t in title) or None, "person": person or gender is not None,
            "gender": gender}


def _agrees(pron: dict[str, Any], e: dict[str, Any] | None) -> bool:
    """Whether a pronoun (or a definite plural phrase of people) can refer to entry ``e``."""
    if e is None or e.get("document"):
        return False
    if pron.get("organisation"):  # a definite description of an organisation: a named one
        return bool(e.get("organisation")) and e["kind"] == "named"
    if pron["plural"]:
        return bool(e["plural"]) and (e["person"] or not pron["person"]) or (e["person"] is False and not pron["person"])
    if pron["gender"] == "n" or e["plural"]:
        return e["person"] is False and not e["plural"]
    return e["person"] is not False and e["gender"] in (None, pron["gender"])


class _Discourse:
    """What an article mentions, read in order (only the sentences a resolution needs)."""

    def __init__(self, sentences: list[Sentence], quotes: list[Quotation], docs: dict[int, Doc]):
        self.sentences, self.docs = sentences, docs
        self.quoted = {i for q in quotes for i in range(q.open, q.close + 1)}  # no antecedents in here
        self.history: list[tuple[int, dict[str, Any]]] = []  # (offset, entry), in reading order
        self.people: dict[str, dict[str, Any]] = {}  # entry by name
        self.mentions: dict[int, list[tuple[tuple[int, int, int], dict[str, Any]]]] = {}  # ((rank), entry)
        self.refs: dict[tuple[int, int], tuple[dict[str, Any] | None, str]] = {}  # (sentence, token) -> (entry, how)
        self.authors: dict[str, dict[str, Any] | None] = {}  # document noun -> who last wrote one
        self._cues: dict[int, list[Cue]] = {}
        self._names: dict[str, list[tuple[int, str]]] = {}  # surname -> its full names (``_named``)
        self._words: dict[str, list[int]] | None = None  # word -> sentences holding it
        self.fed = -1

    def doc(self, n: int) -> Doc:
        if n not in self.docs:
            todo = [m for m in range(max(0, n - PRONOUN_LOOKBACK), n + 1) if m not in self.docs]
            self.docs.update(zip(todo, parse_many(self.sentences[m].text.translate(PARSE_MARKS) for m in todo)))
        return self.docs[n]

    def cues(self, n: int) -> list[Cue]:
        """The cues of sentence ``n`` outside its quotations."""
        if n not in self._cues:
            at = self.sentences[n].start
            self._cues[n] = [c for c in _cues(self.doc(n)) if at + c.verb.idx not in self.quoted
                             and (c.speaker is None or at + c.speaker.idx not in self.quoted)]
        return self._cues[n]

    def attribution(self, n: int, cue: Cue | None) -> dict[str, Any] | None:
        if cue is None or cue.speaker is None:
            return None
        entry, how = self.refer(n, cue.speaker)
        return {"speaker": entry and entry["name"], "speaker_from": "according_to" if cue.according and how != "pronoun" else how,
                "speaker_title": entry and entry["title"], "cue": cue.lemma,
                "speaker_named": entry is not None and entry["kind"] in ("named", "group")}

    def refer(self, n: int, tok: Token) -> tuple[dict[str, Any] | None, str]:
        """(entry, speaker_from) of a token of sentence ``n``, read after the sentences before it."""
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
            self.fed, at, found = m, self.sentences[m].start, self.mentions.setdefault(m, [])
            speakers = {c.speaker.i for c in self.cues(m) if c.speaker is not None}
            for t in (t for t in self.doc(m) if at + t.idx not in self.quoted):
                if t.dep_ == "dobj" and t.lemma_.lower() in DOCUMENTS and _subject(t.head) is not None:
                    self.authors[t.lemma_.lower()] = self.refer(m, _subject(t.head))[0]  # "X issued a memo"
                ent = _entity(t)
                if (t.i in speakers or _pronoun(t) or ent is not None and t == ent.root and t.dep_ != "compound") and (
                    entry := self.refer(m, t)[0]
                ):
                    head = t.head if t.dep_ == "appos" else t  # "Her aide, Jo Lee,": the subject
                    role = 0 if head.dep_ in ("nsubj", "nsubjpass") else 1 if head.dep_ in ("dobj", "dative") else 2
                    found.append(((role, sum(1 for _ in head.ancestors), t.i), entry))

    def _resolve(self, n: int, tok: Token, info: dict[str, Any]) -> tuple[dict[str, Any] | None, str]:
        pos, entry, how = self.sentences[n].start + tok.idx, None, "title"
        if info["kind"] == "pronoun":
            entry, how = self._antecedent(n, tok, info), "pronoun"
            if entry is not None and info["gender"] in ("m", "f") and not entry["plural"]:
                entry["gender"], entry["person"] = entry["gender"] or info["gender"], True
        elif info["kind"] == "named":
            full = self._full_name(info["name"], pos) if " " not in info["name"] and (info["person"] or not info["title"]) else None
            entry, how = self._entry(dict(info, name=full, person=True) if full else info), "named"
        elif info.get("definite"):
            entry = self.authors.get(info["head"]) if info["document"] else self._title(info, pos)
            if entry is None and info["plural"] and info["person"]:
                entry = self._antecedent(n, tok, info)  # "both ministers said"
            elif entry is None and info["organisation"] and not info["plural"]:
                entry = self._antecedent(n, tok, info)  # "the <business noun> said": the organisation named before
        entry = entry or (self._entry(info) if info["kind"] != "pronoun" else None)
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
        """Hobbs's search (see the module notes) for what a pronoun, or a definite description of
        people or of an organisation, refers to."""
        doc, rank = self.doc(n), (lambda mention: mention[0])
        found = [(n, e) for _, e in sorted(((r, e) for r, e in self.mentions.get(n, [])
                                              if r[2] < tok.i and doc[r[2]].head.i != tok.head.i), key=rank)]
        for m in range(n - 1, max(-1, n - PRONOUN_LOOKBACK - 1), -1):
            found += [(m, e) for _, e in sorted(self.mentions.get(m, []), key=rank)]
        fit = [(m, e) for m, e in found if _agrees(info, e)]
        if info.get("organisation"):  # "the commission": an organisation whose name calls it one; "the
            # company": else the one named before (a business has a name of its own, an institution its kind),
            # when the nearest sentence that names one names no other ("Boeing sold jets to Ryanair. ... the
            # airline said": either may be meant, and the description stays as written)
            named = next((e for _, e in fit if info["head"] in e["name"].lower().split()), None)
            nearest = {e["name"] for m, e in fit if m == fit[0][0]} if fit else set()
            return named or (fit[0][1] if len(nearest) == 1 and info["organisation"] == "business" else None)
        return fit[0][1] if fit else None

    def _full_name(self, surname: str, pos: int) -> str | None:
        """The full name of the nearest person (before ``pos``, else after) named ``surname``."""
        for at, entry in reversed(self.history):
            if at < pos and entry["kind"] == "named" and entry["name"].split()[-1] == surname and " " in entry["name"]:
                return entry["name"]
        found = self._named(surname)
        before = [name for at, name in found if at < pos]
        return before[-1] if before else (found[0][1] if found else None)

    def _named(self, surname: str) -> list[tuple[int, str]]:
        """(offset, full name) of each entity of the article that ends a longer name with
        ``surname``, in text order; found once per surname, among the sentences that hold
        its first word (an index of the article's words, built once): not a scan of every
        sentence per mention, which a long article would pay quadratically."""
        if surname not in self._names:
            if self._words is None:
                self._words = defaultdict(list)
                for k, sent in enumerate(self.sentences):
                    for w in dict.fromkeys(_INDEX_WORD.findall(sent.text)):
                        self._words[w].append(k)
            word = re.compile(r"\b" + re.escape(surname) + r"\b")
            first = _INDEX_WORD.search(surname)
            hits = [self.sentences[k] for k in self._words.get(first.group(), [])] if first else []
            hits = [s for s in hits if word.search(s.text)]
            self._names[surname] = [  # "Petar Holm" also from "Petar Holm's party"
                (s.start + ent.start_char, doc[ent.start : at + 1].text)
                for s, doc in zip(hits, parse_many(s.text for s in hits)) for ent in doc.ents
                for at in [next((t.i for t in ent if t.text == surname), -1)]
                if at > ent.start and ent.label_ in SPEAKER_LABELS and doc[at - 1].pos_ == "PROPN"]
        return self._names[surname]

    def _title(self, info: dict[str, Any], pos: int) -> dict[str, Any] | None:
        """The latest mention whose title shares the head of a definite title phrase, else a word."""
        seen = [(e, {w.lower() for w in _WORD.findall(e["title"] or "")} | e.get("words", set()))
                for at, e in reversed(self.history) if at < pos and info["gender"] in (None, e["gender"] or info["gender"])]
        return next((e for e, w in seen if info["head"] in w), None) or next((e for e, w in seen if info["words"] & w), None)


def _cue_for(doc: Doc, qa: int, qb: int, cues: list[Cue], person) -> tuple[Cue | None, bool]:
    """The cue of the quotation at tokens ``qa..qb``, and whether it is next to it (not a statement)."""
    def bare(a: int, b: int, also: tuple[str, ...] = ()) -> bool:
        return all(t.is_punct or t.lower_ in also for t in doc[a:b])

    def verb_cue(t: Token) -> Cue:
        return next((c for c in cues if c.verb.i == t.i), None) or Cue(t, _subject(t), t.lemma_.lower())

    if qa > 0 and doc[qa - 1].text == ":" and _colon_cue(doc, qa - 1, cues, person) is not None:
        return _colon_cue(doc, qa - 1, cues, person), True
    others = [Cue(t, _subject(t), t.lemma_.lower()) for t in doc[qb + 1 :] if t.pos_ == "VERB" and any(
        c.dep_ == "nsubj" for c in t.children)]
    after = [c for c in cues + others if (a := _span(c)[0]) > qb and bare(qb + 1, a)
             and (c in cues or all(w.text != ":" for w in doc[qb + 1 : a]))]
    before = [c for c in cues if _span(c)[1] < qa and bare(_span(c)[1] + 1, qa, ("that",))]
    if after or before:
        return (after[0] if after and (after[0] in cues or not before) else before[-1]), True
    root = next((t for t in doc[qa : qb + 1] if not t.is_punct and not qa <= t.head.i <= qb), doc[qa : qb + 1].root)
    above = [t for t in root.ancestors if all(w.text != ":" for w in doc[min(t.i, qb) : max(t.i, qa)])]
    cue = next((c for t in above for c in cues if c.verb.i == t.i or c.according and c.verb.head.i == t.i), None)
    if cue is None and above and _subject(above[-1]) is not None and person(_subject(above[-1])):
        cue = verb_cue(above[-1])  # 'X regretted that "..."': the sentence's main subject
    if cue is None and above and root.dep_ in ("dobj", "ccomp", "xcomp") and _subject(above[0]) is not None:
        cue = verb_cue(above[0])  # 'X sang "...": the verb it is the object of
    return cue or next((c for c in reversed(cues) if c.verb.i < qa), None), False


def _span(cue: Cue) -> tuple[int, int]:
    """The first and last tokens of a cue's attribution clause."""
    toks = [cue.verb.i] + ([cue.speaker.left_edge.i, cue.speaker.right_edge.i] if cue.speaker is not None else [])
    if cue.according:
        toks.append(cue.verb.right_edge.i)
    if cue.verb.dep_ == "pcomp":  # "<source> quoted <speaker> as saying"
        quoting = cue.verb.head.head
        toks += [quoting.i, *(c.left_edge.i for c in quoting.children if c.dep_ == "nsubj")]
    return min(toks), max(toks)


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
        # "said at dawn it would ...": the adverbial before the subject belongs to the verb
        start = subj.left_edge.i if subj is not None and verb.i < comp.left_edge.i else comp.left_edge.i
        if any(t.is_punct for t in verb.doc[comp.left_edge.i : start]):
            start = comp.left_edge.i
        toks = [t for t in comp.subtree if t.i >= start]
    elif cue.lemma in OBJECT_VERBS:
        kids = [c for c in verb.children if c.dep_ in ("dobj", "prep") and c.i > verb.i]
        toks = [t for c in kids for t in c.subtree] if any(c.dep_ == "dobj" for c in kids) else []
    elif " " in cue.lemma:  # a noun cue: "expressed concern over ..."
        toks = list(verb.doc[verb.i + 1 : verb.right_edge.i + 1])
    elif (
        (verb.dep_ == "ROOT" or verb.head.lemma_.lower() not in REPORTING_VERBS)
        and _span(cue)[0] > 0 and verb.doc[_span(cue)[0] - 1].is_punct
        and not any(c.dep_ in ("dobj", "xcomp", "attr") and c.i > verb.i for c in verb.children)
    ):  # "The bridge will open, she said": what precedes the attribution, however parsed
        toks = list(verb.doc[verb.sent.start : _span(cue)[0]])
    else:
        return []
    return _strip(toks, lambda t: t.dep_ == "mark" and t.lower_ == "that", lambda t: False)


def _statements(text: str, at: int, near: list[Quotation], cues: list[Cue], attrs: dict[int, Any]) -> list[Mention]:
    """The clauses the ``cues`` of a sentence at ``at`` report, quotations as ellipses."""
    out = []
    for cue in cues:
        toks = _content(cue)
        if not toks:
            continue
        a, b = at + toks[0].idx, at + toks[-1].idx + len(toks[-1].text)
        if any(q.open <= a <= q.close for q in near if not q.fragment) and b <= max(q.close for q in near) + 1:
            continue  # the reported clause is a quotation, already a quote mention
        for q in near:
            if q.fragment and a <= q.open < b <= q.close:
                b = q.close + 1  # a quoted fragment opened inside runs to its mark
            elif not q.fragment and a < q.open < b and not text[q.close + 1 : b].strip(" .,;:"):
                b = a + len(re.sub(r"[\s,;:]+$", "", text[a : q.open]))  # a quotation closing it is its own mention
        a += dateline_end(text[a:b])
        parts, i = [], a
        for q in (q for q in near if not q.fragment and q.close >= a and q.open < b):
            parts += [text[i : q.open], "…"]
            i = min(q.close + 1, b)
        content = re.sub(r"\s+", " ", "".join(parts) + text[i:b]).strip(" ,;:")
        if len(_WORD.findall(content.replace("…", ""))) >= MIN_STATEMENT_WORDS:
            out.append(Mention("statement", a, b, dict(attrs[cue.verb.i], content=content, verb=cue.lemma),
                               attrs[cue.verb.i]["speaker"]))
    return out


def extract_quotes(article: Article, sentences: list[Sentence]) -> list[Mention]:
    """Quotations (kind "quote") and indirect attributed statements (kind "statement"); the
    text is split anew (``sentences``, the common signature, unused), each quotation whole."""
    text = article.text
    quotes = find_quotations(text)
    real = [q for q in quotes if not q.fragment]
    opens = [q.open for q in quotes]
    outer = _outer_sentences(text, real)
    holds = [any(s.start <= q.open < s.end for q in real) for s in outer] + [False]
    todo = [n for n, s in enumerate(outer) if holds[n] or holds[n + 1] or _CUE_FORM.search(s.text)]
    docs = dict(zip(todo, parse_many(outer[n].text.translate(PARSE_MARKS) for n in todo)))
    model, parsed, out = _Discourse(outer, real, docs), set(todo), []
    previous: tuple[int, dict[str, Any]] | None = None  # (sentence end, attribution)
    for n, sent in enumerate(outer):
        if n not in parsed:
            previous = None
            continue
        doc, at, last, used = docs[n], sent.start, None, set()
        cues = [c for c in model.cues(n) if c.speaker is not None]
        attrs = {c.verb.i: model.attribution(n, c) for c in cues}
        person = lambda tok, n=n: (model.refer(n, tok)[0] or {}).get("person") is True
        mine = [q for q in real if at <= q.open < sent.end]
        for q in mine:
            idx = [t.i for t in doc if q.open <= at + t.idx <= q.close]
            cue, adjacent = _cue_for(doc, idx[0], idx[-1], cues, person) if idx else (None, False)
            attr = cue and (attrs.get(cue.verb.i) or model.attribution(n, cue))
            used |= {cue.verb.i} if adjacent else set()
            if cue is None and q is mine[0] and previous and "\n\n" not in text[previous[0] : q.open]:
                attr = dict(previous[1], speaker_from="previous") if previous[1]["speaker"] else previous[1]
            last = attr or last
            clause = any(doc[i].tag_ in CLAUSE_TAGS or doc[i].pos_ == "AUX" for i in idx)
            value = {"content": text[q.start : q.end], "speaker": None, "speaker_from": "none", "speaker_title": None,
                     "cue": None, "speaker_named": False, **(attr or {}), "clause": clause}
            out.append(Mention("quote", q.start, q.end, value, value["speaker"]))
            out += _nested_quotes(text, q, doc, at, model, n)
        near = quotes[bisect_left(opens, sent.start) : bisect_left(opens, sent.end)]
        out += _statements(text, at, near, [c for c in cues if c.verb.i not in used], attrs)
        # what a following quotation without a cue continues (see the module notes)
        attr = model.attribution(n, _colon_cue(doc, len(doc) - 1, cues, person)) if doc[-1].text == ":" else None
        attr = attr or last or (attrs[max(attrs)] if attrs else None)
        root = next(t for t in doc if t.dep_ == "ROOT")
        if attr is None and not mine and _subject(root) is not None and person(_subject(root)):
            attr = model.attribution(n, Cue(root, _subject(root), root.lemma_.lower()))
        previous = (sent.end, attr) if attr else previous if mine else None
    nested, reach = set(), -1  # the quotations inside another: each ends before the furthest end so far
    quoted = sorted((m for m in out if m.kind == "quote"), key=lambda m: (m.start, -m.end))
    for m in quoted:
        if m.end <= reach:
            nested.add(id(m))
        reach = max(reach, m.end)
    said = [(" ".join(_WORD.findall(m.value["content"].lower())), m.value) for m in quoted
            if m.speaker and id(m) not in nested]  # not an inner quotation's speaker for its outer one
    said = [(w, v) for w, v in said if " " in w]
    for i, m in enumerate(out):  # a quotation without a cue (a headline's) takes the speaker of the same words
        words = " ".join(_WORD.findall(m.value["content"].lower()))
        v = m.value.get("speaker_from") == "none" and next((v for w, v in said if words in w or w in words), None)
        if v:
            out[i] = Mention("quote", m.start, m.end, {**v, "content": m.value["content"], "clause": m.value["clause"]},
                             v["speaker"])
    kept: list[Mention] = []
    reach = -1  # the furthest end of a statement kept: all of them start before the next mention
    for m in sorted(out, key=lambda m: (m.start, -m.end, m.kind)):  # a statement inside another is dropped
        if m.kind == "quote" or m.end > reach:
            kept.append(m)
            reach = max(reach, m.end) if m.kind == "statement" else reach
    return kept


def _nested_quotes(text: str, q: Quotation, doc: Doc, at: int, model: _Discourse, n: int) -> list[Mention]:
    """The quotations inside quotation ``q`` of sentence ``n`` (parsed as ``doc`` from offset
    ``at``) that a cue inside ``q`` attributes to a noun ("the nurse told me, 'Wait here.'"),
    each with that cue's speaker: whoever ``q``'s speaker says spoke them, not ``q``'s
    speaker. One without such a cue, or whose cue's subject is a pronoun, is left inside ``q``."""
    out = []
    inside = [c for c in _cues(doc) if c.speaker is not None and q.start <= at + c.speaker.idx < q.end
              and q.start <= at + c.verb.idx < q.end]
    for o, c, a, b in _nested(text, q) if inside else ():
        idx = [t.i for t in doc if o <= at + t.idx <= c]
        if not idx:
            continue
        # the cue the inner quotation hangs from in the parse, inside ``q`` and outside itself
        verbs = {cue.verb.i: cue for cue in inside if not o <= at + cue.verb.idx <= c}
        root = next((t for t in doc[idx[0] : idx[-1] + 1] if not idx[0] <= t.head.i <= idx[-1]), doc[idx[0]])
        cue = next((verbs[t.i] for t in [root, *root.ancestors] if t.i in verbs), None)
        if cue is None or cue.speaker.pos_ == "PRON" or _is_fragment(text[a:b]):
            continue  # "I said, '...'" is the quotation's own speaker; "he said, '...'" someone
            # the speaker had named, whom the article's antecedents do not give
        attr = model.attribution(n, cue)
        if attr is None or not attr["speaker"]:
            continue
        clause = any(doc[i].tag_ in CLAUSE_TAGS or doc[i].pos_ == "AUX" for i in idx)
        value = {"content": text[a:b], "speaker_title": None, "cue": None, "speaker_named": False, **attr, "clause": clause}
        out.append(Mention("quote", a, b, value, value["speaker"]))
    return out


@lru_cache(maxsize=4096)
def has_speech_cue(text: str) -> bool:
    """Whether a sentence holds a reporting verb with a speaker, or "according to"."""
    return bool(_CUE_FORM.search(text)) and any(c.speaker is not None for c in _cues(parse(text)))
