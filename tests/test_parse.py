"""The parse is batched: the extractors of an article (or of a story) find every sentence they
parse already in the memo, parsed ahead in one batch (``crosscheck.extract.prefetch_parses``);
counted as calls of the pipeline, never timed."""

from __future__ import annotations

from collections import OrderedDict
from datetime import date
from pathlib import Path

import pytest

import crosscheck.parse as parse_module
from crosscheck import extract
from crosscheck.cache import cached
from crosscheck.extract import extract_facts
from crosscheck.load import load_corpus
from crosscheck.models import Article
from crosscheck.pipeline import analyse

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

#: An invented article reaching every extractor that parses: quotations (a short one whose
#: parse tells whether it is one, a scare quote, a speaker named in full earlier), reported
#: speech, a multiplicative, an earthquake magnitude, dates read by tense, a bare year, a
#: range of years and a figure whose pronoun subject refers to the sentence before.
TEXT = """Dravec quake kills 14 as storms return

DRAVEC, March 3 - A magnitude 5.8 earthquake struck the hill town of Dravec on Tuesday, officials said.
Mayor Ilse Varnholt said the town had been hit twice since 2009. "We are rebuilding again. We will not leave," Varnholt told reporters.
It destroyed 40 homes and a school, and the 1987 flood wall held. The town's "recovery" has stalled.
The regional office called the response "a model of order" in a statement on Wednesday.
Rescue teams from 2010-2012 drills were on site within two hours, according to the fire service.
"Not again," she said. The council will meet on May 4 to discuss a 3 million euro fund.
"""


class _Counting:
    """Stands in for the loaded pipeline: counts its batches (``pipe``) and single calls."""

    def __init__(self, nlp):
        self.nlp, self.batches, self.singles = nlp, 0, 0

    def pipe(self, texts, **kw):
        self.batches += 1
        return self.nlp.pipe(texts, **kw)

    def __call__(self, text):
        self.singles += 1
        return self.nlp(text)

    def make_doc(self, text):  # tokenising only: no parse
        return self.nlp.make_doc(text)


@pytest.fixture
def counting(monkeypatch) -> _Counting:
    """An empty parse memo and a counting pipeline."""
    counter = _Counting(parse_module.nlp())
    monkeypatch.setattr(parse_module, "_memo", OrderedDict())
    monkeypatch.setattr(parse_module, "nlp", lambda: counter)
    return counter


def _article(text: str = TEXT, n: int = 0) -> Article:
    return Article(id=f"a{n}", path=f"a{n}.txt", text=text, outlet=f"Outlet {n}", published=date(2024, 3, 5))


def test_extractors_parse_nothing_outside_the_prefetched_batch(counting, monkeypatch):
    article = _article()
    facts = extract_facts(article)
    # one batch of the quoted words that need their parse, one of every sentence
    assert (counting.batches, counting.singles) == (2, 0)
    assert {f.kind for f in facts} >= {"quote", "statement", "count", "measure", "date", "money", "framing"}
    # what the prefetch saves: without it, the extractors ask in many small calls, same facts
    monkeypatch.setattr(parse_module, "_memo", OrderedDict())
    monkeypatch.setattr(extract, "PREFETCH", False)
    counting.batches = 0
    assert extract_facts(article) == facts
    assert counting.batches > 4


def test_seed_articles_are_parsed_in_their_prefetch(counting):
    for n, path in enumerate(sorted(SEEDS.glob("*.txt"))):
        parse_module._memo.clear()
        counting.batches = 0
        extract_facts(_article(path.read_text(encoding="utf-8"), n))
        assert counting.batches <= 2 and counting.singles == 0, path.name


def test_a_story_is_parsed_in_one_prefetch_for_all_its_articles(counting, monkeypatch):
    articles = load_corpus([str(SEEDS)])
    prefetched = []
    monkeypatch.setattr(extract, "prefetch_parses", lambda arts, real=extract.prefetch_parses: (
        prefetched.append(len(arts)), real(arts))[1])
    monkeypatch.setattr(extract_facts, "prepare", extract.prefetch_parses)
    analyse(articles)
    assert prefetched[0] == len(articles)  # the story first, then each article finds its parses
    assert counting.batches <= 2 and counting.singles == 0


def test_a_warm_cache_prepares_no_parse(counting, tmp_path):
    articles = [_article(), _article(TEXT.replace("14", "15"), 1)]
    extractor = cached(extract_facts, tmp_path)
    cold = [extractor(a) for a in articles]
    counting.batches = 0
    extractor.prepare(articles)
    assert [extractor(a) for a in articles] == cold
    assert counting.batches == 0 and extractor.stats["hit"] == 2


def test_a_prefetch_larger_than_the_memo_fills_half_of_it(counting, monkeypatch):
    monkeypatch.setattr(parse_module, "_MEMO_SIZE", 8)
    texts = [f"The council met {n} times." for n in range(20)]
    parse_module.prefetch(texts)
    assert list(parse_module._memo) == sorted(texts[:4]) and counting.batches == 1
    docs = parse_module.parse_many(texts)  # the rest on demand; the memo stays bounded
    assert [d.text for d in docs] == texts and len(parse_module._memo) <= 8
    facts = extract_facts(_article())  # an article of more sentences than the memo holds
    monkeypatch.setattr(parse_module, "_MEMO_SIZE", 8192)
    parse_module._memo.clear()
    assert extract_facts(_article()) == facts


def test_a_sentence_is_parsed_as_one_sentence():
    # the parser alone ends a sentence at the abbreviation, cutting the attribution off from
    # its quotation; the splitter's sentence is kept whole, so the quotation is what is said
    doc = parse_module.parse('"The plan will work," Msgr. Lee said on Monday.')
    assert len(list(doc.sents)) == 1
    said = next(t for t in doc if t.lower_ == "said")
    assert said.dep_ == "ROOT" and next(t for t in doc if t.lower_ == "work").head == said


def test_a_parse_is_kept_without_its_tensor_and_reads_as_before(monkeypatch):
    # the memo holds a sentence's parse, not tok2vec's per-token floats (about half its
    # memory); the tags, dependencies, lemmas and entities are those of the full pipeline
    monkeypatch.setattr(parse_module, "_memo", OrderedDict())
    text = "Mayor Ilse Varnholt said on Tuesday that 40 homes in Dravec were destroyed."
    full = parse_module.nlp()(parse_module._sentence(text))
    assert full.tensor.size > 0
    for doc in (parse_module.parse(text), parse_module.parse_many([text + " Twice."])[0]):
        assert doc.tensor.size == 0
    kept = parse_module.parse(text)
    assert [(t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_, t.ent_iob_, t.ent_type_) for t in kept] == [
        (t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_, t.ent_iob_, t.ent_type_) for t in full]
    assert [(e.text, e.label_) for e in kept.ents] == [(e.text, e.label_) for e in full.ents]
