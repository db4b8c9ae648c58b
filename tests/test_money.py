"""Money amounts: currency, scale, qualifier range, scope and the thing priced."""

from pathlib import Path

import pytest

from crosscheck.extract.money import extract_money
from crosscheck.extract.sentences import split_sentences
from crosscheck.models import Article

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def money(text):
    article = Article(id="a", path="a.txt", text=text)
    out = extract_money(article, split_sentences(text))
    for m in out:
        assert m.kind == "money"
    return out


def only(text):
    found = money(text)
    assert len(found) == 1, found
    m = found[0]
    return text[m.start : m.end], m.value


def seed(prefix):
    return next(SEEDS.glob(prefix + "_*.txt")).read_text(encoding="utf-8")


def test_trade_deal_bn_is_total_with_item():
    span, v = only("The two countries signed a $2.5bn trade deal on Tuesday.")
    assert span == "$2.5bn"
    assert (v["low"], v["high"], v["currency"], v["scale"]) == (2.5e9, 2.5e9, "USD", "billion")
    assert v["scope"] == "total"
    assert (v["item"], v["head"]) == ("trade deal", "deal")


@pytest.mark.parametrize(
    "text",
    [
        "The agency approved $889m in aid.",
        "The agency approved US$889 million in aid.",
        "The agency approved 889 million dollars in aid.",
        "The agency approved USD 889 million in aid.",
        "The agency approved 889 million US dollars in aid.",
    ],
)
def test_spellings_normalise_to_one_value(text):
    _, v = only(text)
    assert (v["low"], v["high"], v["currency"], v["scale"]) == (889e6, 889e6, "USD", "million")
    assert v["head"] == "aid"


@pytest.mark.parametrize(
    "text, currency",
    [
        ("The museum raised A$3 million.", "AUD"),
        ("The museum raised C$3 million.", "CAD"),
        ("The museum raised HK$3 million.", "HKD"),
        ("The museum raised €3 million.", "EUR"),
        ("The museum raised £3m.", "GBP"),
        ("The museum raised ¥3 million.", "JPY"),
        ("The museum raised 3 million euros.", "EUR"),
        ("The museum raised 3 million yen.", "JPY"),
        ("The museum raised 3 million roubles.", "RUB"),
        ("The museum raised 3 million rubles.", "RUB"),
        ("The museum raised 3 million Canadian dollars.", "CAD"),
    ],
)
def test_currencies(text, currency):
    assert only(text)[1]["currency"] == currency


def test_pounds_are_money_only_when_context_says_so():
    _, v = only("He was fined 500 pounds for speeding.")
    assert v["currency"] == "GBP"
    assert money("The calf weighed 500 pounds.") == []


def test_not_money_without_currency():
    assert money("At least 175 people died and 12 km of road was lost.") == []
    assert money("The team won 5 games.") == []


@pytest.mark.parametrize(
    "text",
    [
        "The jets will cost about $80 million each.",
        "The jets were sold for $80 million apiece.",
        "The jets cost $80 million a piece.",
        "The navy paid $80 million per unit for the jets.",
        "The navy ordered six jets, each costing $80 million.",
        "The city pledged 300 euros for every household in the flood zone.",
        "The state will pay 5,000 euros to each family that lost its home.",
    ],
)
def test_per_unit_scope(text):
    assert only(text)[1]["scope"] == "per_unit"


def test_an_amount_with_and_without_its_period_is_one_figure():
    from crosscheck.models import Fact
    from crosscheck.values import compatible, display

    def fact(text):
        _, v = only(text)
        return Fact("x", "a", "money", "m", 0, 1, text, v)

    yearly = fact("The rebate would cost about 450 million euros a year.")
    total = fact("The rebate would cost about 450 million euros.")
    each = fact("The rebate is 450 million euros each.")
    assert yearly.value["per"] == "year" and display(yearly).endswith("per year")
    assert compatible(yearly, total) is True  # one omits the period: not a conflict
    assert compatible(each, total) is False  # a price per unit against a total is one
    assert compatible(each, yearly) is False
    monthly = fact("The rebate would cost about 450 million euros a month.")
    spread = fact("The rebate would cost about 450 million euros over five years.")
    assert compatible(yearly, monthly) is False  # a month's figure against a year's
    assert compatible(yearly, spread) is False  # a total spread over years is no yearly figure


def test_per_unit_price_names_the_unit():
    _, v = only("Brent crude rose to $80 a barrel.")
    assert (v["scope"], v["head"]) == ("per_unit", "barrel")


def test_subject_of_cost_verb_is_the_item():
    _, v = only("The jets, which were ordered in 2019, will cost about US$80m apiece.")
    assert v["item"] == "The jets" and v["head"] == "jet"
    assert v["qualifier"] == "about"
    assert v["low"] == pytest.approx(72e6) and v["high"] == pytest.approx(88e6)


def test_item_linked_by_worth_or_of():
    assert only("A contract worth C$1.2 billion was awarded.")[1]["head"] == "contract"
    assert only("The court imposed a fine of €5 million.")[1]["head"] == "fine"
    # a generic noun ("a total of") says nothing about what is priced
    assert only("The city paid a total of $5 million for the land.")[1]["head"] == "land"


def test_qualified_and_vague_amounts():
    _, v = only("The storm caused hundreds of millions of dollars in damage.")
    assert (v["low"], v["high"], v["head"]) == (2e8, 1999999999, "damage")
    _, v = only("Losses could reach between $1bn and $2bn.")
    assert (v["low"], v["high"]) == (1e9, 2e9)
    _, v = only("The bill adds up to $3 billion in spending.")
    assert (v["low"], v["high"], v["qualifier"]) == (0, 3e9, "up to")


def test_seed_presstv_sale_is_total():
    text = seed("001")
    found = money(text)
    assert len(found) == 1
    v = found[0].value
    assert text[found[0].start : found[0].end] == "$133.3 million"
    assert (v["low"], v["currency"], v["scope"]) == (133.3e6, "USD", "total")
    assert v["head"] == "sale" and "anti-ballistic missiles" in v["item"]


def test_seed_tass_price_is_per_unit():
    text = seed("002")
    found = money(text)
    assert len(found) == 1
    v = found[0].value
    assert text[found[0].start : found[0].end] == "about $889 million"
    assert v["scope"] == "per_unit" and v["qualifier"] == "about"
    assert v["low"] < 889e6 < v["high"]
    assert v["head"] == "system"


def test_seed_cnn_has_no_money():
    assert money(seed("000")) == []


@pytest.mark.parametrize("url, currency", [
    ("https://www.example.com.au/news/1", "AUD"),  # the Australian press writes "$" for its own dollar
    ("https://news.example.ca/story", "CAD"),
    ("https://www.example.com/story", "USD"),
    (None, "USD"),
])
def test_a_bare_dollar_is_the_dollar_of_the_outlets_country(url, currency):
    from crosscheck.extract import extract_facts

    text = "The fund is worth $40 million, or US$30 million, and costs 50 cents a share."
    facts = [f for f in extract_facts(Article(id="a", path="a.txt", text=text, url=url)) if f.kind == "money"]
    assert [(f.text, f.value["currency"]) for f in facts] == [
        ("$40 million", currency), ("US$30 million", "USD"), ("50 cents", currency)]


# --- amounts in two currencies (real sentences of the ECB+ heist and Athens riot stories) ---

HEIST_EUROS = "They made off with 2m euros (£1.7m; $2.6m) in gems and watches."
HEIST_DOLLARS = ("Four men rammed their car into an upmarket jewellery store in central Paris on Monday, "
                 "smashing the shop window and making off with a €2 million ($2.6-million) booty, a police source said.")
RIOT_DAMAGE = "Eight days of clashes have caused 200 million euros ($265.3 million) of damage in Athens alone."


def _dated(text, year):
    from datetime import date

    article = Article(id="a", path="a.txt", text=text, published=date(year, 12, 1))
    return extract_money(article, split_sentences(text))


def _fact(mention, text):
    from crosscheck.models import Fact

    return Fact("x", "a", "money", text[mention.start : mention.end], mention.start, mention.end, text, mention.value)


@pytest.mark.parametrize("text, year", [(HEIST_EUROS, 2013), (HEIST_DOLLARS, 2013), (RIOT_DAMAGE, 2008)])
def test_an_amount_and_its_conversion_are_one_amount_at_the_years_rates(text, year):
    from crosscheck.values import compatible

    found = [_fact(m, text) for m in _dated(text, year)]
    assert len(found) >= 2 and len({f.value["currency"] for f in found}) == len(found)
    assert all(f.value["report_year"] == year for f in found)
    assert all(compatible(a, b) is True for a in found for b in found)


def test_amounts_no_rate_of_the_year_makes_one_are_not_told_apart():
    from crosscheck.values import compatible

    text = "The necklace was worth £1.2m. A necklace worth $2.5 million was stolen."
    pounds, dollars = (_fact(m, text) for m in _dated(text, 2013))
    # 1.37-1.48 million euros against 1.81-1.96 million: not one amount, but the rate an
    # outlet used is unknown and a bare "$" may be misread, so no conflict is drawn either
    assert compatible(pounds, dollars) is None


def test_an_undated_reports_amount_is_not_converted():
    from crosscheck.values import compatible

    undated = [_fact(m, HEIST_EUROS) for m in money(HEIST_EUROS)]
    assert all("report_year" not in f.value for f in undated)
    assert compatible(undated[0], undated[2]) is None  # euros and dollars, year unknown
    same = _fact(money("It cost $2.6m.")[0], "It cost $2.6m.")
    assert compatible(undated[2], same) is True  # one currency needs no rate


def test_exchange_rates_cover_the_currencies_they_name():
    import json

    data_dir = Path(__file__).resolve().parent.parent / "crosscheck" / "data"
    rates = json.loads((data_dir / "exchange_rates.json").read_text(encoding="utf-8"))
    codes = {c["code"] for c in json.loads((data_dir / "currencies.json").read_text(encoding="utf-8"))["currencies"]}
    assert rates["base"] == "EUR" and "European Central Bank" in rates["source"]
    assert {"USD", "GBP", "JPY", "CHF"} <= set(rates["rates"]) <= codes
    for code, years in rates["rates"].items():
        for year, (low, high) in years.items():
            assert 1999 <= int(year) and 0 < low <= high, (code, year)
    assert 1.27 <= rates["rates"]["USD"]["2013"][0] <= 1.29  # the euro's low against the dollar in 2013


def test_amounts_of_two_scopes_in_two_currencies_are_not_told_apart():
    from crosscheck.values import compatible

    each = _fact(_dated("Investors bought the shares at €5 each.", 2013)[0], "Investors bought the shares at €5 each.")
    total = _fact(_dated("Investors paid $6.5 million.", 2013)[0], "Investors paid $6.5 million.")
    assert each.value["scope"] == "per_unit" and compatible(each, total) is None  # never a conflict


def test_a_negative_amount_converts_as_a_positive_one_does():
    from crosscheck.values import compatible

    text = "The shop lost €-2.00 million ($-2.55 million) in the year."
    euros, dollars = (_fact(m, text) for m in _dated(text, 2013))
    assert euros.value["low"] < 0 and compatible(euros, dollars) is True


@pytest.mark.parametrize("text", ["Lot Dh 3 was sold at noon.", "Tickets cost $A 25 at the door."])
def test_prefixes_written_against_the_digits_need_them_there(text):
    assert money(text) == []


def test_a_pegged_currency_converts_at_its_anchor_times_the_peg():
    from crosscheck.values import compatible

    text = "The fine was Dh10 million ($2.7 million), the court said."
    dirhams, dollars = (_fact(m, text) for m in _dated(text, 2013))
    assert dirhams.value["currency"] == "AED" and compatible(dirhams, dollars) is True


def test_an_undated_reports_amount_takes_the_storys_year_for_its_rate():
    from crosscheck.models import Fact
    from crosscheck.pipeline import _years_from_story
    from crosscheck.values import compatible

    day = Fact("a:1", "a", "date", "July 29", 0, 7, "On July 29 the shop was robbed.",
               {"start": "2013-07-29", "end": "2013-07-29", "granularity": "day", "anchored": True})
    undated = [_fact(m, RIOT_DAMAGE) for m in money(RIOT_DAMAGE)]
    facts = _years_from_story([day, *undated])
    euros, dollars = facts[1:]
    assert euros.value["report_year"] == 2013 and euros.value["report_year_inferred"] is True
    assert compatible(euros, dollars) is True  # 200 million euros and $265.3 million at 2013's rates
    assert _years_from_story(undated) == undated  # a story with no date: no year, no conversion


@pytest.mark.parametrize("text, written, low", [
    # real sentences (ECB+ t08 and t24, CC BY 3.0): a currency written with a capital
    ("Merkel urged parliament to quickly pass the country's share of the bailout -- 22 billion Euros over three years.",
     "22 billion Euros", 22e9),
    ("Four men stole $2.6 million (two million Euros) in jewelry, according to AFP.", "two million Euros", 2e6),
    ("She paid 300 Euros for the ticket.", "300 Euros", 300.0),
])
def test_a_currency_written_with_a_capital_is_money(text, written, low):
    found = {text[m.start : m.end]: m.value for m in extract_money(Article(id="a", path="a.txt", text=text), split_sentences(text))}
    assert found[written]["low"] == low


@pytest.mark.parametrize("text", ["He lives at 5 Sterling Road.", "The chain opened 4 Dollar General stores."])
def test_a_currency_name_inside_a_proper_name_is_no_money(text):
    assert extract_money(Article(id="a", path="a.txt", text=text), split_sentences(text)) == []


@pytest.mark.parametrize("text, span, low, high", [
    # a qualifier after the currency, as after the number ("$5 million or more")
    ("The deal is worth 5 million euros or more.", "5 million euros or more", 5e6, None),
    ("It cost 300 dollars or less.", "300 dollars or less", 0.0, 300.0),
    ("They raised about 2 million pounds or more.", "about 2 million pounds or more", 1.8e6, None),
])
def test_a_qualifier_after_the_currency_makes_the_range_it_says(text, span, low, high):
    written, value = only(text)
    assert (written, value["low"], value["high"]) == (span, low, high)
