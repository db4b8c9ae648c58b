"""Counts: the number, the noun counted, elliptical counts, and what is not a count."""

from pathlib import Path

import pytest

from crosscheck.extract.counts import extract_counts
from crosscheck.extract.sentences import split_sentences
from crosscheck.models import Article

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def counts(text):
    article = Article(id="a", path="a.txt", text=text)
    out = extract_counts(article, split_sentences(text))
    for m in out:
        assert m.kind == "count"
        assert isinstance(m.value["low"], (int, type(None)))
    return out


def spans(text):
    return [text[m.start : m.end] for m in counts(text)]


def only(text):
    found = counts(text)
    assert len(found) == 1, [(text[m.start : m.end], m.value) for m in found]
    return found[0].value


def seed(prefix):
    return next(SEEDS.glob(prefix + "_*.txt")).read_text(encoding="utf-8")


def by_span(text):
    return {text[m.start : m.end]: m.value for m in counts(text)}


def test_flood_toll_at_least():
    v = only("At least 175 people died when the river burst its banks.")
    assert (v["low"], v["high"], v["qualifier"]) == (175, None, "at least")
    assert (v["item"], v["head"], v["item_from"]) == ("people", "person", "text")


@pytest.mark.parametrize(
    "text, low, high, head",
    [
        ("Police arrested more than 380 protesters.", 380, None, "protester"),
        ("Nearly 400 homes were destroyed.", 360, 400, "home"),
        ("Up to 73 flights were cancelled.", 0, 73, "flight"),
        ("Some 400 volunteers joined.", 360, 440, "volunteer"),
        ("Dozens of villages were cut off.", 24, 199, "village"),
        ("Twenty-three people were rescued.", 23, 23, "person"),
        ("A dozen boats sank.", 12, 12, "boat"),
        ("Officials counted 1.5 million ballots.", 1_500_000, 1_500_000, "ballot"),
        ("Rescuers found between 10 and 12 survivors.", 10, 12, "survivor"),
    ],
)
def test_counts_and_qualifiers(text, low, high, head):
    v = only(text)
    assert (v["low"], v["high"], v["head"]) == (low, high, head)


def test_item_stops_at_prepositions_and_verbs():
    found = by_span("The court heard 12 witnesses in 3 sessions.")
    assert found["12"]["item"] == "witnesses"
    assert found["3"]["item"] == "sessions"


def test_elliptical_count_takes_antecedent():
    text = "Rebels fired 40 rockets in 6 volleys on Monday. At least ten struck homes."
    v = by_span(text)["At least ten"]
    assert (v["head"], v["item_from"], v["low"], v["high"]) == ("rocket", "antecedent", 10, None)


def test_bare_toll_takes_subject():
    # the words after the number name nothing; the parse's frame says the toll is what 212 is
    from crosscheck.extract import extract_facts

    assert only("The death toll rose to 212 on Monday.")["head"] == ""
    (fact,) = [f for f in extract_facts(Article(id="a", path="a.txt", text="The death toll rose to 212 on Monday."))
               if f.kind == "count"]
    assert (fact.value["item"], fact.value["head"], fact.value["item_from"]) == ("death toll", "toll", "parse")
    # no noun is read off a name or a headline's capitals ("Quake Kills 10")
    for text in ("Creighton defeats Drake 65-53 in the final.", "Powerful Quake in Iran Kills 10"):
        assert all(f.value["item"] == "" for f in extract_facts(Article(id="a", path="a.txt", text=text))
                   if f.kind == "count" and f.text in ("65", "10"))


@pytest.mark.parametrize(
    "text",
    [
        "The treaty was signed in 2006.",
        "The vote is due in 2023, officials said.",
        "He finished 3rd in the first round.",
        "One of the victims was a child.",
        "No one was hurt.",
        "One day later the river fell.",
        "The two met on Monday.",
        "Both leaders spoke.",
        "The station Channel 4 reported it.",
        "The SM-3 missile and the F-35 jet.",
        "The RIM-161 interceptor.",
        "COVID-19 spread fast.",
        "Article 5 of the treaty applies.",
        "The meeting began at 10:30 and ended at 5 pm.",
        "It happened on December 19.",
        "Unemployment rose to 12%.",
        "The deal is worth $2.5bn.",
        "The quake was 12 km deep.",
        "The truce lasted for 30 years.",
        "A 45-year-old man was arrested.",
        "He was 45 years old.",
        "The dam burst two years ago.",
    ],
)
def test_not_counts(text):
    assert spans(text) == []


def test_one_as_a_count():
    v = only("Officials said one man died.")
    assert (v["low"], v["head"]) == (1, "man")


def test_seed_cnn():
    text = seed("000")
    found = by_span(text)
    assert found["two"]["head"] == "system"
    assert found["two"]["item"] == "US-built Aegis Ashore missile defense systems"
    assert (found["23"]["head"], found["16"]["head"]) == ("missile", "test")
    v = found["At least two"]
    assert (v["low"], v["high"], v["head"], v["item_from"]) == (2, None, "missile", "antecedent")
    assert "30" not in found  # "for 30 years" is a duration
    assert len(found) == 4


def test_seed_presstv():
    text = seed("001")
    found = by_span(text)
    assert (found["four"]["low"], found["four"]["head"]) == (4, "missile")
    v = found["some 400"]
    assert v["low"] < 400 < v["high"] and v["head"] == "missile"
    # "Russia 24 TV", "SM-3", "RIM-161" are not counts; "The two allies" counts the allies
    assert sorted(found) == ["four", "some 400", "two"]
    assert found["two"]["head"] == "ally"


def test_seed_tass():
    text = seed("002")
    found = by_span(text)
    assert sorted(found) == ["two"]
    assert (found["two"]["low"], found["two"]["head"]) == (2, "system")


def test_vague_plural_as_noun_and_others():
    text = "Thousands of people fled. Hundreds more remained."
    found = by_span(text)
    assert (found["Thousands"]["low"], found["Thousands"]["high"]) == (2000, 19999)
    assert found["Hundreds"]["head"] == "person"
    assert found["Hundreds"]["item_from"] == "antecedent"
    v = by_span("Rebels freed 3 hostages and 2 others.")["2"]
    assert (v["head"], v["item_from"]) == ("hostage", "antecedent")


@pytest.mark.parametrize(
    "text",
    [
        "SANTIAGO, March 8 (Reuters) - Flooding forced 2,300 families from their homes.",
        "ACCRA, 8 March - Flooding forced 2,300 families from their homes.",
        "OSLO, May 21 - Flooding forced 2,300 families from their homes.",
        "The strike called for 12 June drew 2,300 families into the streets.",
        "The vote set for Oct. 3 drew 2,300 families into the streets.",
        "14 FEBRUARY, 2011\nFlooding forced 2,300 families from their homes.",
        "Flooding on 3 JULY forced 2,300 families from their homes.",
    ],
)
def test_day_of_month_is_not_a_count(text):
    # a day next to a month name is a date, in a dateline too (the date extractor skips
    # datelines, so the count extractor must not take their day for a count)
    assert spans(text) == ["2,300"]


def test_multiple_of_a_dozen_counts_the_noun():
    v = only("Customs officers seized three dozen rifles at the port.")
    assert (v["low"], v["high"], v["head"]) == (36, 36, "rifle")


def test_a_part_of_a_group_counts_the_group_s_things():
    text = "The Farmers' League won 18 of the Regional Council's 90 seats."
    found = extract_counts(Article(id="a", path="a.txt", text=text), split_sentences(text))
    assert [(text[m.start : m.end], m.value["head"]) for m in found] == [("18", "seat"), ("90", "seat")]


@pytest.mark.parametrize("text, item", [
    ("The 90-seat Regional Council meets on Monday.", "seats"),
    ("A 12-member panel will review the bids.", "members"),
    ("The three-party coalition collapsed.", "parties"),
    ("The five-times champion lost.", "times"),  # occasions are counted
    ("A 10-point plan was unveiled.", "points"),
])
def test_a_number_joined_to_a_noun_counts_its_things(text, item):
    found = extract_counts(Article(id="a", path="a.txt", text=text), split_sentences(text))
    assert [m.value["item"] for m in found] == [item]


@pytest.mark.parametrize("text", ["The 45-year-old driver fled.",
                                  "She served a two-year sentence.", "The F-35 jets landed.",
                                  "He named a 23-strong squad.",
                                  "A one-off payment was made.", "The firm made a six-figure loss."])
def test_compounds_that_rank_or_measure_are_no_counts(text):
    found = extract_counts(Article(id="a", path="a.txt", text=text), split_sentences(text))
    assert found == []


def test_the_number_with_its_noun_left_out_takes_it_from_the_count_before():
    text = "Together the two parties would hold 66 seats, five more than the 61 needed to govern."
    found = extract_counts(Article(id="a", path="a.txt", text=text), split_sentences(text))
    assert [(text[m.start : m.end], m.value["item"]) for m in found][-1] == ("61", "seats")
    text = "The 40 were freed after talks. The two met on Monday."
    assert extract_counts(Article(id="a", path="a.txt", text=text), split_sentences(text)) == []
    # The noun comes from a count of the same sentence, not of an earlier one.
    text = "Volunteers rescued 30 dogs. The 200 were moved to a school."
    found = extract_counts(Article(id="a", path="a.txt", text=text), split_sentences(text))
    assert [text[m.start : m.end] for m in found] == ["30"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a pair that does not run upwards is a tally of two sides: two counts
        ("The home side sealed a 65-53 victory.", [("65", 65, "victory"), ("53", 53, "victory")]),
        ("The visitors, now (25-7), play again on Saturday.", [("25", 25, ""), ("7", 7, "")]),
        ("The council backed the plan by a 3-2 vote.", [("3", 3, "vote"), ("2", 2, "vote")]),
        ("The Senate voted 51-49, along party lines.", [("51", 51, ""), ("49", 49, "")]),
        ("Creighton beat Drake 65-53.", [("65", 65, ""), ("53", 53, "")]),
        ("Three 747-8 freighters landed.", [("Three", 3, "")]),  # a model number is no tally
        # a pair that runs upwards is a range; a code is no count
        ("Between them, 10-15 people were hurt.", [("10-15", 10, "people")]),
        ("The airline flew a Boeing 737-800 that day.", []),
        ("Call 555-1234 for help.", []),
    ],
)
def test_a_descending_pair_is_a_tally_of_two_counts(text, expected):
    got = [(text[m.start : m.end], m.value["low"], m.value["item"]) for m in counts(text)]
    assert got == expected


@pytest.mark.parametrize("text, found", [
    ("The vote was twice delayed and canceled twice.", ["twice", "twice"]),
    ("Twice as many people came this year.", []),
    ("The new hall is twice the size of the old one.", []),
])
def test_a_multiplicative_counts_times_only_where_it_modifies_a_verb(text, found):
    from datetime import date

    from crosscheck.extract import extract_facts
    from crosscheck.models import Article

    facts = extract_facts(Article("a", "a.txt", text, None, published=date(2013, 4, 1)))
    assert [f.text for f in facts if f.kind == "count" and f.value.get("item_from") == "multiplicative"] == found


@pytest.mark.parametrize(
    "text, expected",
    [
        # a bare "one" that a predicate is said of counts ("killing one": ECB+ t18, 18_3ecbplus)
        ("A man suspected of shooting three people, killing one, at an accounting firm was arrested.",
         ["three", "one"]),
        ("Two people died and one was wounded.", ["Two", "one"]),
        ("One man was killed and one injured.", ["One", "one"]),
        # a pronoun: with a determiner, "of", a relative clause, or said of nothing counted
        ("One of the victims died.", []),
        ("No one was hurt in the blast.", []),
        ("He is the one who called the police.", []),
        ("The neighbours blamed one another.", []),
        ("One said the fire was set on purpose.", []),
        # a proportion or a distributive
        ("The fever killed one in ten of the villagers.", ["ten"]),
        ("Rescuers pulled the survivors out, saving one at a time.", []),
    ],
)
def test_a_bare_one_counts_only_what_is_said_of_it(text, expected):
    assert spans(text) == expected


@pytest.mark.parametrize("text, counted", [
    # a person noun after "the two" still says how many: another outlet may say three
    ("Relatives of the two women asked for privacy.", ["two"]),
    ("Police released the names of the three men on Friday.", ["three"]),
    # a participle between the number and its noun, read from the parse
    ("The families of the two wounded men requested privacy.", ["two"]),
    # so does a noun of parties already named: "the two sides" says how many sides there are
    # (the counts a reader of ECB+ marks: "the two sides", "the two companies", "the two teams")
    ("The two rivals met in Geneva on Friday.", ["two"]),
    ("The two warring parties met in Geneva on Friday.", ["two"]),
    # with no noun, the number stands for parties already named: no count
    ("The two met on Monday.", []),
])
def test_a_definite_number_counts_what_its_noun_names(text, counted):
    found = extract_counts(Article(id="a", path="a.txt", text=text), split_sentences(text))
    assert [text[m.start : m.end] for m in found] == counted


@pytest.mark.parametrize("text, counted", [
    # after a name, a number in words before a noun counts it; a name's own number does not
    ("It took Ortega and Lindqvist four seasons to reach that total.", ["four"]),
    ("The mayor spoke on a live BBC One show on Friday.", []),
    ("Year nine pupils were sent home on Monday.", []),  # a name's number in words
    ("A Category five storm hit the island.", []),
    ("The Vega 12 rocket failed.", []),
    # a building's storeys are counted, as a ferry's seats are
    ("Flames came out of the back of the three-story building.", ["three"]),
])
def test_a_number_after_a_name_and_a_buildings_storeys(text, counted):
    found = extract_counts(Article(id="a", path="a.txt", text=text), split_sentences(text))
    assert [text[m.start : m.end] for m in found] == counted


@pytest.mark.parametrize("text, value, item", [
    ("The visitors pulled level with a pair of late penalties.", 2, "late penalties"),
    ("More than half-a-dozen versions of the browser were patched.", 6, "versions"),
    ("Officials closed a half-dozen schools on Monday.", 6, "schools"),
])
def test_a_pair_and_a_hyphenated_half_dozen_are_numbers(text, value, item):
    (m,) = extract_counts(Article(id="a", path="a.txt", text=text), split_sentences(text))
    assert (m.value["low"], m.value["item"]) == (value, item)


@pytest.mark.parametrize("text, counted", [
    ("Police found a pair of scissors in the van.", []),  # a summation plural: one pair, no count
    ("A pair of 20-year-old men were arrested.", []),  # nothing counted after "of"
    ("The officers fired at the suspect, hitting Vance eleven times.", ["eleven"]),
])
def test_a_pair_counts_only_what_comes_in_ones(text, counted):
    found = extract_counts(Article(id="a", path="a.txt", text=text), split_sentences(text))
    assert [text[m.start : m.end] for m in found] == counted


@pytest.mark.parametrize("text, written", [
    # real sentences (ECB+ t08 and t30_ecb, CC BY 3.0): a dash written as a hyphen, no space
    ("The three bank workers-two women and a man-were killed when their branch went up in flames.", "two"),
    ("The cause-three international underwater cables in the Mediterranean were cut.", "three"),
])
def test_a_number_in_words_after_a_dash_written_as_a_hyphen_counts(text, written):
    assert written in [text[m.start : m.end] for m in counts(text)]


@pytest.mark.parametrize("text", ["The SM-3 missile was tested.", "He bought a two-by-four at the store."])
def test_a_designation_or_a_compound_after_a_hyphen_counts_nothing(text):
    assert counts(text) == []


@pytest.mark.parametrize("text", [
    # real text (ECB+ t43_ecbplus, CC BY 3.0): a list's numbering as a line of its own
    "AMD buys SeaMicro.\n2.\nThe servers use Atom chips.",
    "Highlights:\n(5)\nThe deal closes in April.",
])
def test_a_number_alone_on_its_line_is_a_lists_numbering(text):
    assert spans(text) == []


def test_a_number_in_words_alone_still_counts():
    assert spans("How many were hurt? Three.") == ["Three"]


@pytest.mark.parametrize("text, counted", [
    ("It was a top-ten finish and a top-five ranking.", []),  # a short word and a hyphen: a compound
    ("Spain has won three Euro titles.", ["three"]),  # a currency name before a noun modifies it
])
def test_a_compound_after_a_short_word_and_a_currency_name_as_a_modifier(text, counted):
    assert spans(text) == counted


@pytest.mark.parametrize("text, low, high", [
    # a qualifier after the noun counted, as after the number ("10 or more people")
    ("About 20 people or more were hurt.", 18, None),
    ("It has 12 members or fewer.", 0, 12),
    ("20 people or more importantly their families came.", 20, 20),  # "or more" goes on
])
def test_a_qualifier_after_the_noun_counted_makes_the_range_it_says(text, low, high):
    value = only(text)
    assert (value["low"], value["high"]) == (low, high)


@pytest.mark.parametrize("text, number, item", [
    ("Several dozen youths threw stones at the police.", "Several dozen", "youths"),
    ("A few hundred youths wearing gas masks attacked a bank.", "A few hundred", "youths"),
    ("Three cables linking Italy and Egypt went down.", "Three", "cables"),
    ("Fire broke out at two Texas nursing homes.", "two", "Texas nursing homes"),
    ("Police arrested three arms trafficking suspects.", "three", "arms trafficking suspects"),
    ("Two gas processing plants were shut.", "Two", "gas processing plants"),
])
def test_the_noun_counted_ends_where_the_parse_puts_its_head(text, number, item):
    # the words after a plural do not tell a verb or participle ("threw", "wearing") from a
    # noun that premodifies ("trafficking suspects", "nursing homes"): the parse does
    from crosscheck.extract import extract_facts

    (fact,) = [f for f in extract_facts(Article(id="a", path="a.txt", text=text)) if f.text == number]
    assert fact.value["item"] == item


def test_a_multiple_of_two_scale_words_is_their_product():
    v = only("Several hundred thousand people fled the city.")
    assert (v["low"], v["high"], v["item"]) == (300_000, 900_000, "people")



def test_a_second_scale_word_in_capitals_is_a_name():
    v = only("Several hundred Thousand Oaks residents attended the meeting.")
    assert (v["low"], v["high"]) == (300, 900)


@pytest.mark.parametrize("text, span, low, high", [
    # a vague plural used as a noun phrase, whatever verb follows: the parse says it is one
    ("Dozens chanted slogans outside the station.", "Dozens", 24, 199),
    ("The blast injured hundreds.", "hundreds", 200, 1999),
    ("Three people died during demonstrations by tens of thousands who marched through Athens.",
     "tens of thousands", 20000, 199999),
    ("Damaged cables cause internet outages for millions.", "millions", 2000000, 19999999),
])
def test_a_vague_plural_used_as_a_noun_is_a_count(text, span, low, high):
    found = by_span(text)
    assert (found[span]["low"], found[span]["high"]) == (low, high), found
    assert found[span]["item"] == ""  # no word after it is counted, nor an earlier count's noun


@pytest.mark.parametrize("text", [
    "He had three punt returns for scores.",  # a game's scores
    "The thousands who came were told to wait.",  # "the thousands": anaphoric
])
def test_a_plural_that_is_no_vague_count(text):
    assert not [m for m in counts(text) if m.value["high"] and m.value["high"] >= 199], by_span(text)


@pytest.mark.parametrize("text, span, low, item", [
    # ECB+ t20-like (CC BY 3.0): a state said of "the N" heads the phrase (a reduced relative)
    ("He said 30 of the 80 wounded remained in hospital.", "80", 80, "wounded"),
    ("Police named the three injured as local residents.", "three", 3, "injured"),
])
def test_the_number_and_a_state_said_of_it_is_a_count(text, span, low, item):
    found = by_span(text)
    assert (found[span]["low"], found[span]["item"], found[span]["head"]) == (low, item, ""), found


def test_the_number_and_a_verb_of_its_own_clause_is_no_count():
    assert not counts("The two met on Monday.")
    assert not counts("The three left the building before noon.")
