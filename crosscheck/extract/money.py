"""Extract money amounts: value range, ISO currency, scale, per-unit or total, and what is priced."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlparse

from crosscheck.extract.numbers import (
    WORD_START,
    SCALE_NAMES,
    Quantity,
    clause_subject,
    context_window,
    ends_at,
    find_quantities,
    head_noun,
    load_data,
    load_lists,
    noun_phrase_after,
    noun_phrase_before,
    prefix_currency,
    qualified_after,
    term_after,
    tidy,
)
from crosscheck.models import Article, Mention, Sentence
from crosscheck.settings import WORD_BEFORE_CHARS

#: "millions of dollars": a vague amount names its currency after "of".
_OF = re.compile(r"\s+of\b", re.IGNORECASE)

#: Words after an amount that make it a price per unit (AP: "$5 apiece", "$80 a barrel",
#: "300 euros for every household", "2,000 euros to each family", "to the parents of every pupil").
_PER_UNIT_AFTER = re.compile(
    r"^\s*(?:(?P<each>each|apiece|a piece|per piece)\b"
    r"|per\s+(?P<per>[A-Za-z][\w-]*)"
    r"|(?:for|to)\s+(?:(?:the|a|an)\s+[A-Za-z][\w-]*\s+of\s+)?(?:every|each)\s+(?P<every>[A-Za-z][\w-]*)"
    r"|an?\s+(?P<a>head|piece|unit|barrel|share|ton|tonne|ounce|kilo|kilogram|pound|gallon|"
    r"litre|liter|month|year|week|day|hour|night|person|seat|ticket|dose|vote|vaccine)\b)",
    re.IGNORECASE,
)
#: Units of a per-unit amount that make it a rate in time ("450 million euros a year").
PERIODS = frozenset(load_lists("frame_words.tsv")["rate"])
#: After a total, the span it is spread over ("2 billion euros over five years"): then it is
#: no figure a rate ("a year") may be the same as.
_OVER_A_SPAN = re.compile(
    r"^\s*(?:over|across|during|spread\s+over|in)\s+(?:the\s+(?:next|coming|past|last)\s+)?"
    r"(?:[\w-]+\s+)?(?:years?|months?|decades?|weeks?)\b",
    re.IGNORECASE,
)
#: "each costing $X", "each worth $X": the distributive "each" before the amount.
_EACH_BEFORE = re.compile(
    r"\beach\s+(?:costing|cost|costs|worth|valued|priced|selling|sold|fetching|"
    r"will cost|would cost)\b[^,;]*$",
    re.IGNORECASE,
)
#: Words between an article and the amount that show an attributive amount ("a $5m deal").
_ATTRIBUTIVE_BEFORE = re.compile(
    r"(?:\b(?:a|an|the|its|their|his|her|our|this|that|whose|another|record)|['’]s)\s+$",
    re.IGNORECASE,
)
#: Verbs whose subject is the thing priced ("the jets will cost $80m").
_COST_VERB = re.compile(
    WORD_START + r"(?:cost|costs|costing|will cost|would cost|is worth|are worth|was worth|were worth|"
    r"is valued|are valued|was valued|were valued|is priced|are priced|was priced|"
    r"were priced|sold for|sells for|sell for|fetched|fetch|fetches)\b",
    re.IGNORECASE,
)
#: Verbs whose "for"/"on" object is the thing priced ("paid $5m for the land").
_PAY_VERB_AMOUNT_OBJECT = re.compile(r"^\s*(?:for|on)\s+(?:the|a|an|its|their|new)?\s*", re.IGNORECASE)
_PAY_VERB = re.compile(
    WORD_START + r"(?:paid|pay|pays|paying|spend|spent|spends|spending|bought|buy|invest|invested|"
    r"allocated|allocate|earmarked|approved|set aside|budgeted)\b",
    re.IGNORECASE,
)
#: A noun phrase that ends with one of these before the amount names the priced thing
#: ("a contract worth $2bn", "a fine of $5m").
_NP_LINK_BEFORE = re.compile(
    r"\s+(?:worth|valued at|totalling|totaling|amounting to|of|costing|priced at)\s+$",
    re.IGNORECASE,
)
#: "$5bn in aid": the noun after "in" says what the sum consists of.
_IN_AFTER = re.compile(r"^\s+in\s+(?:new\s+)?", re.IGNORECASE)
#: Nouns that only restate that a sum is a sum ("a total of", "an equivalent of").
GENERIC_MONEY_NOUNS = frozenset(load_lists("lexicon.tsv")["generic_money_nouns"])


def _currency(q: Quantity, sentence: str) -> tuple[str | None, float, int]:
    """(ISO currency, factor to whole units, end of the amount's text) for a quantity;
    currency None if it is no money. The currency is a prefix ("$", "HK$", "USD") or a name
    or symbol after the amount ("euros", "US dollars", "cents", "99¢"), see ``term_after``."""
    pos = q.end
    if q.is_vague and (of := _OF.match(sentence, pos)):
        pos = of.end()
    found = None if q.prefix else term_after(sentence, pos, scaled=bool(q.scale))
    if found and found[0].kind == "currency":
        term, end = found
        return term.key, term.factor, end
    if q.prefix:
        return prefix_currency(q.prefix), 1.0, q.end
    return None, 1.0, q.end


def _with_complement(sentence: str, phrase: str, end: int) -> str:
    """A noun phrase extended by an "of" complement ("sale of anti-ballistic missiles")."""
    m = re.match(r"\s+of\s+", sentence[end:])
    if not m:
        return phrase
    rest, _, rest_end = noun_phrase_after(sentence, end + m.end())
    if not rest:
        return phrase
    return phrase + sentence[end : end + m.end()] + rest


def _item(sentence: str, q: Quantity, amount_end: int, per: str | None) -> tuple[str, str]:
    """(item, head) of the thing priced by the amount, by the rules in order."""
    before = sentence[: q.start]
    # 1. attributive: "a $47.5 million sale of ..." / "a 5 million euro contract"
    if ends_at(_ATTRIBUTIVE_BEFORE, sentence, q.start, WORD_BEFORE_CHARS):
        m = re.match(r"-?\s*", sentence[amount_end:])
        pos = amount_end + m.end()
        if re.match(r"-|\s", sentence[amount_end : amount_end + 1] or "x"):
            phrase, _, end = noun_phrase_after(sentence, pos)
            if phrase:
                return _with_complement(sentence, phrase, end), head_noun(phrase)
    # 2. a price per unit: "$80 per barrel"
    if per:
        return per, head_noun(per)
    # 3. the subject of a cost verb: "These systems will ... cost about $450 million each"
    verbs = list(_COST_VERB.finditer(before))
    if verbs:
        subject = clause_subject(sentence, verbs[-1].start())
        if subject:
            return subject, head_noun(subject)
    # 4. a noun phrase linked to the amount: "a contract worth $2bn", "a fine of $5m"
    link = ends_at(_NP_LINK_BEFORE, sentence, q.start)
    if link:
        phrase, _, end = noun_phrase_before(sentence, link.start())
        if phrase and head_noun(phrase) not in GENERIC_MONEY_NOUNS:
            return phrase, head_noun(phrase)
    # 5. the object of a paying verb: "spent $5m on new schools"
    if _PAY_VERB.search(before):
        m = _PAY_VERB_AMOUNT_OBJECT.match(sentence[amount_end:])
        if m:
            phrase, start, end = noun_phrase_after(sentence, amount_end + m.end())
            if phrase:
                return _with_complement(sentence, phrase, end), head_noun(phrase)
    # 6. what the sum is counted in: "$5bn in aid", "$2m in damages"
    m = _IN_AFTER.match(sentence[amount_end:])
    if m:
        phrase, _, end = noun_phrase_after(sentence, amount_end + m.end())
        if phrase:
            return phrase, head_noun(phrase)
    return "", ""


def _scope(sentence: str, q: Quantity, amount_end: int) -> tuple[str, str | None]:
    """("per_unit"|"total", the unit named by "per X"/"a X" or None)."""
    m = _PER_UNIT_AFTER.match(sentence[amount_end:])
    if m:
        per = m.group("per") or m.group("a") or m.group("every")
        return "per_unit", per
    if _EACH_BEFORE.search(sentence[: q.start]):
        return "per_unit", None
    return "total", None


def money_in_sentence(sentence: Sentence) -> list[Mention]:
    """Money mentions of one sentence, with offsets into the article
    (memoised: the count extractor asks again, to leave these figures out)."""
    return list(_money_in_sentence(sentence))


@lru_cache(maxsize=1024)
def _money_in_sentence(sentence: Sentence) -> tuple[Mention, ...]:
    out = []
    for q in find_quantities(sentence.text):
        text, q, offset = context_window(sentence.text, q)
        currency, factor, amount_end = _currency(q, text)
        if currency is None:
            continue
        low, high, qualifier = q.low, q.high, q.qualifier
        post = qualified_after(q, text, amount_end) if amount_end > q.end else None
        if post is not None:  # "5 million euros or more": the qualifier after the currency
            low, high, qualifier, amount_end = post
        scope, per = _scope(text, q, amount_end)
        # "a year" makes a rate, it names no thing priced ("$80 a barrel" does)
        item, head = _item(text, q, amount_end, None if (per or "").lower() in PERIODS else per)
        value = {
            "low": low if low is None else tidy(low * factor),
            "high": high if high is None else tidy(high * factor),
            "currency": currency,
            "scale": SCALE_NAMES.get(q.scale or ""),
            "scope": scope,
            "per": per.lower() if per else None,
            "over_a_span": scope == "total" and bool(_OVER_A_SPAN.match(text[amount_end:])),
            "item": item,
            "head": head,
            "qualifier": qualifier,
        }
        out.append(Mention("money", sentence.start + offset + q.start, sentence.start + offset + amount_end, value))
    return tuple(out)


def extract_money(article: Article, sentences: list[Sentence]) -> list[Mention]:
    """Money amounts of ``article`` (kind "money"), in text order.

    An amount is a number with a currency: a symbol or code before it ("$", "US$", "€",
    "USD"), or a currency name or minor unit after it ("dollars", "euros", "cents"; "pounds"
    only when the sentence speaks of money, not weight: ``numbers.term_after``). Currencies
    and their spellings are data (``crosscheck/data/currencies.json``, after ISO 4217). See ``Fact`` for the value schema; ``head`` is
    the lower-case singular head noun of ``item``; ``report_year``, the year of a dated report,
    is the year whose exchange rates set the amount against one in another currency.
    """
    out: list[Mention] = []
    local = _local_dollar(article.url)
    year = {"report_year": article.published.year} if article.published is not None else {}
    for sentence in sentences:
        for m in money_in_sentence(sentence):
            m = _in_local_dollars(m, article.text[m.start : m.end], local) if local else m
            out.append(Mention(m.kind, m.start, m.end, dict(m.value, **year), m.speaker) if year else m)
    return sorted(out, key=lambda m: (m.start, m.end))


@lru_cache(maxsize=1)
def _dollar_countries() -> dict[str, str]:
    """Country code -> the currency its press writes as a bare "$" (``data/currencies.json``)."""
    return {cc: c["code"] for c in load_data("currencies.json")["currencies"] for cc in c.get("countries", ())}


@lru_cache(maxsize=1)
def _us_dollar() -> re.Pattern:
    """The US dollar written as such ("US$", "USD", "U.S. dollars"): its code, and its prefixes
    and names of ``data/currencies.json`` other than the bare ones a country's press writes for
    its own dollar ("$", "dollars"), longest first."""
    usd = next(c for c in load_data("currencies.json")["currencies"] if c["code"] == "USD")
    forms = [usd["code"], *(p for p in usd["prefixes"] if p != "$"),
             *(n for n in usd["names"] if n.lower() not in ("dollar", "dollars"))]
    return re.compile("|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)), re.IGNORECASE)


def _local_dollar(url: str | None) -> str | None:
    """The currency a bare "$" means in the press of the country of ``url``'s domain (".com.au":
    the Australian dollar), or None where it is the US dollar or the country is not known."""
    host = urlparse(url).hostname if url else None
    return _dollar_countries().get(host.rsplit(".", 1)[-1].lower()) if host and "." in host else None


def _in_local_dollars(mention: Mention, text: str, local: str) -> Mention:
    """``mention`` in the local dollar when it writes a bare "$", "dollars" or "cents" for the US
    dollar's default (not "US$", "US dollars")."""
    if mention.value.get("currency") != "USD" or _us_dollar().search(text):
        return mention
    return Mention(mention.kind, mention.start, mention.end, dict(mention.value, currency=local), mention.speaker)
