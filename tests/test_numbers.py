"""Shared number parsing: digits, words, scales, qualifiers, ranges, vague plurals."""

import pytest

from crosscheck.extract.numbers import (
    APPROX_TOLERANCE,
    clause_subject,
    find_quantities,
    head_noun,
    noun_phrase_after,
    parse_number,
    singular,
    term_after,
)


def one(text):
    qs = find_quantities(text)
    assert len(qs) == 1, qs
    return qs[0]


@pytest.mark.parametrize(
    "text, value",
    [
        ("1,200", 1200),
        ("133.3", 133.3),
        ("two", 2),
        ("twenty-three", 23),
        ("a dozen", 12),
        ("half a dozen", 6),
        ("one hundred and fifty", 150),
        ("1.5 million", 1_500_000),
        ("two million", 2_000_000),
        ("a million", 1_000_000),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == pytest.approx(value)
    q = one(text + " voters")
    assert q.low == q.high == pytest.approx(value)


@pytest.mark.parametrize(
    "text, low, high",
    [
        ("at least 175 dead", 175, None),
        ("more than 380 homes", 380, None),
        ("upwards of 50 boats", 50, None),
        ("nearly 400 flights", 360, 400),
        ("almost 400 flights", 360, 400),
        ("close to 600 troops", 540, 600),
        ("just under 100 votes", 90, 100),
        ("about 890 houses", 880, 900),  # at most one unit of the last significant digit
        ("about 2,900 people", 2800, 3000),
        ("some 3,400 people", 3300, 3500),  # so the two do not overlap
        ("about 2.5 million people", 2400000, 2600000),
        ("some 400 missiles", 360, 440),
        ("roughly 20 trucks", 18, 22),
        ("an estimated 3,000 protesters", 2700, 3300),
        ("up to 73 flights", 0, 73),
        ("fewer than 10 people", 0, 10),
        ("between 10 and 12 km", 10, 12),
        ("10-12 km", 10, 12),
        ("two to three days", 2, 3),
        # qualifiers written after the number
        ("10 or more people", 10, None),
        ("one or more of them", 1, None),
        ("three-plus seasons", 3, None),
        ("a 4-Plus earthquake", 4, None),
        ("20+ years", 20, None),
        ("100 or so people", 90, 110),
        ("some 100 or so people", 90, 110),
        ("40-odd years", 40, 50),
        ("five or fewer", 0, 5),
        # ... before a scale word, and beside a qualifier before the number (either range holds)
        ("40-odd thousand residents", 40_000, 50_000),
        ("$3 or so billion", 2.7e9, 3.3e9),
        ("20 million or more people", 20_000_000, None),
        ("about 100 or more protesters", 90, None),
        ("about 100 or fewer", 0, 110),
        ("$4.1-odd million", 4.1e6, 4.2e6),  # the scaled figure's last digit, not a float's
        ("some 200-odd people", 180, 300),
        ("growth of -5 or less", None, -5),  # no floor at zero below it
    ],
)
def test_qualifiers_and_ranges(text, low, high):
    q = one(text)
    assert q.low == pytest.approx(low)
    assert q.high == (None if high is None else pytest.approx(high))


def test_a_qualifier_after_the_number_is_part_of_its_span_and_a_sum_is_no_qualifier():
    q = one("10 or more people")
    assert (q.qualifier, q.end) == ("or more", len("10 or more"))
    assert [(x.low, x.high) for x in find_quantities("5+3 is 8")] == [(5, 5), (3, 3), (8, 8)]


@pytest.mark.parametrize("text", [
    "10 or more importantly",  # an adverb goes on
    "10 or more than double",  # a comparison
    "ten or so-called experts",  # a compound
    "10 or so he said",  # a clause that starts
])
def test_or_more_that_goes_on_is_no_qualifier(text):
    q = find_quantities(text)[0]
    assert (q.low, q.high, q.qualifier) == (10, 10, None)


def test_approx_tolerance_is_symmetric():
    q = one("around 1,000 people")
    assert q.qualifier == "around"
    assert q.high - 1000 == pytest.approx(1000 * APPROX_TOLERANCE)
    assert 1000 - q.low == pytest.approx(1000 * APPROX_TOLERANCE)


@pytest.mark.parametrize(
    "text, low, high",
    [
        ("dozens of villages", 24, 199),
        ("hundreds of homes", 200, 1999),
        ("thousands of people", 2000, 19999),
        ("tens of thousands of people", 20000, 199999),
        ("several hundred troops", 300, 900),
    ],
)
def test_vague_plurals_are_wide_ranges(text, low, high):
    q = one(text)
    assert (q.low, q.high) == (low, high)
    assert q.is_vague


def test_from_to_is_a_change_not_a_range():
    qs = find_quantities("Unemployment rose from 5 to 7 percent.")
    assert [(q.low, q.high) for q in qs] == [(5, 5), (7, 7)]


def test_currency_prefix_and_abbreviated_scale():
    q = one("a US$2.5bn deal")
    assert (q.prefix, q.low, q.scale) == ("US$", 2.5e9, "bn")
    q = one("about $889m each")
    assert q.qualifier == "about" and q.prefix == "$"
    # "m" without a currency is not a scale ("12m deep" is metres)
    q = one("12m deep")
    assert q.low == 12 and q.scale is None


def test_ordinals_and_fractions_are_not_numbers():
    assert find_quantities("the twenty-first century") == []
    assert find_quantities("two-thirds of voters") == []
    assert find_quantities("the first and second rounds") == []


def test_noun_phrase_after_stops_at_prepositions_and_verbs():
    text = "23 missiles in 16 tests"
    assert noun_phrase_after(text, 2)[0] == "missiles"
    assert noun_phrase_after("two have flown", 3)[0] == ""
    assert noun_phrase_after("five people killed in the blast", 4)[0] == "people"
    assert noun_phrase_after("12% of voters stayed home", 7)[0] == "voters"
    # a hyphen set as a dash before a number ends the phrase; a number's own hyphen does not
    assert noun_phrase_after("four people-one with burns, two with cuts", 5)[0] == "people"
    assert noun_phrase_after("a twenty-one gun salute", 2)[0] == "twenty-one gun salute"


def test_singular_and_head():
    assert [singular(w) for w in "systems allies churches people buses boxes".split()] == [
        "system", "ally", "church", "person", "bus", "box"
    ]
    assert head_noun("US-built Aegis Ashore missile defense systems") == "system"


@pytest.mark.parametrize(
    "sentence, kind",
    [
        ("He was fined 500 pounds for speeding.", "currency"),
        ("The calf weighed 500 pounds.", "unit"),
        ("Crews hauled 5,000 pounds of debris.", "unit"),
        ("She paid for a twenty-pound bag of rice.", "unit"),
        ("The club paid 500 pounds sterling for the bag.", "currency"),
    ],
)
def test_pounds_money_or_mass(sentence, kind):
    q = find_quantities(sentence)[0]
    assert term_after(sentence, q.end)[0].kind == kind


@pytest.mark.parametrize(
    "sentence",
    [
        "KINGSTON, Jamaica, June 2 - The number of missing rose to 40 overnight.",
        "KINGSTON, 2 June (AP) -- The number of missing rose to 40 overnight.",
        "KINGSTON - The number of missing rose to 40 overnight.",
        "The number of missing rose to 40 overnight.",
    ],
)
def test_clause_subject_skips_a_dateline(sentence):
    assert clause_subject(sentence, sentence.index("rose")) == "The number"


@pytest.mark.parametrize(
    "text, value",
    [
        ("Police seized three dozen rifles.", 36),
        ("Two dozen homes burned.", 24),
        ("Police seized 3 dozen rifles.", 36),
    ],
)
def test_multiples_of_a_dozen(text, value):
    q = one(text)
    assert (q.low, q.high, q.scale) == (value, value, None)


@pytest.mark.parametrize("sep", [" ", "-", " to ", " $", " km ", " pounds ", "/"])
def test_a_sentence_of_thousands_of_numbers_is_read_in_linear_time(sep):
    """Hostile text: the work per number is bounded (settings.CONTEXT_CHARS), so four times
    the numbers take about four times as long (sixteen if it were quadratic)."""
    import time

    from crosscheck.extract.measures import measures_in_sentence
    from crosscheck.extract.money import money_in_sentence
    from crosscheck.models import Sentence

    def seconds(n):
        # the best of three texts (each new to the extractors' memos): a shared machine's
        # load slows one run, not the fastest of three
        best = float("inf")
        for r in range(3):
            text = sep.join(str((i + r) % 97) for i in range(n))
            sentence = Sentence(0, len(text), text)
            t = time.perf_counter()
            find_quantities(text)
            measures_in_sentence(sentence)
            money_in_sentence(sentence)
            best = min(best, time.perf_counter() - t)
        return best

    seconds(200)  # warm up
    assert seconds(2000) < 9 * max(seconds(500), 0.01)


@pytest.mark.parametrize("sep", [" ", "\u00a0"])
def test_a_run_of_three_digit_groups_is_read_in_linear_time(sep):
    """Hostile text: thousands of groups of three digits, as a spaced-out table prints them,
    each a possible thousands group of the number before it."""
    import time

    def seconds(n):
        # the best of three texts (each new to the memos): a shared machine's load slows one
        # run, not the fastest of three
        best = float("inf")
        for r in range(3):
            text = sep.join(str(100 + (i + r) % 900) for i in range(n))
            t = time.perf_counter()
            find_quantities(text)
            best = min(best, time.perf_counter() - t)
        return best

    seconds(200)  # warm up
    assert seconds(4000) < 9 * max(seconds(1000), 0.01)


@pytest.mark.parametrize(
    "text, values",
    [
        # thousands set off by a no-break or thin space (SI Brochure 5.4.4, ISO 80000-1)
        ("about 3\u00a0000 people", [3000]),
        ("\u20ac1\u202f250\u2009000 in damage", [1_250_000]),
        # ... or by a plain space, when a group starts with 0 (no number does)
        ("about 3 000 people", [3000]),
        ("\u20ac1 250 000 in damage", [1_250_000]),
        ("5 000.5 metres", [5000.5]),
        # otherwise a plain space stands between two numbers
        ("12 150-seat jets", [12, 150]),
        ("in 2013 100 people", [2013, 100]),
    ],
)
def test_thousands_grouped_with_spaces(text, values):
    assert [q.value for q in find_quantities(text)] == [pytest.approx(v) for v in values]


@pytest.mark.parametrize(
    "text, values",
    [
        ("-5 °C", [-5]),
        ("minus 12 degrees", [-12]),
        ("a 10-12 km stretch", [(10, 12)]),
        ("SM-3 missiles", [3]),
        ("1/4 inch", [0.25]),
        ("3½ miles", [3.5]),
        ("9/11 attacks", [9, 11]),
        ("24/7 care", [24, 7]),
        ("$5M Deal", [5e6]),
        ("$2.2T", [2.2e12]),
        ("1.2m tons", [1.2e6]),
        ("12m deep", [12]),
        ("5K run", [5]),
        ("$160MM offer", [1.6e8]),
        ("$140 - 150MM offer", [(1.4e8, 1.5e8)]),
    ],
)
def test_signs_fractions_and_scale_letters(text, values):
    got = [(q.low, q.high) for q in find_quantities(text)]
    want = [v if isinstance(v, tuple) else (v, v) for v in values]
    assert got == [pytest.approx(w) for w in want]


@pytest.mark.parametrize("text, kept", [
    ("Witnesses can call the incident room on 0161 496 0123 or 0300 123 1234.", []),
    ("Readers abroad can reach the desk on +44 20 7946 0958.", []),
    ("The hotline, (503) 555-0142 or 1-800-555-0199, opens at nine.", [9.0]),
    # scores, ranges and years are no telephone numbers
    ("The Hawks won 88-79 before 12,400 fans, and 300-400 more watched in 2008-2009.",
     [88.0, 79.0, 12400.0, 300.0, 2008.0]),
])
def test_telephone_numbers_are_no_quantities(text, kept):
    from crosscheck.extract.numbers import find_quantities

    assert [q.low for q in find_quantities(text)] == kept


@pytest.mark.parametrize("text, values", [
    ("She served a six-month sentence.", [6.0]),  # a number and a unit ("month" ends in -th)
    ("Nine-month-old twins were rescued.", [9.0]),
    ("Two-thirds of voters agreed.", []),  # fractions and ordinals are no quantities here
    ("It came in the seventy-sixth minute.", []),
    ("The ship sank two-tenths of a mile offshore.", []),
])
def test_a_number_word_before_a_unit_is_read_and_before_an_ordinal_or_fraction_is_not(text, values):
    assert [q.value for q in find_quantities(text)] == values


def test_a_scale_word_after_a_spaced_hyphen_scales_its_number():
    # scraped text spaces a hyphen out ("$143 - billion") as it spaces a thousands comma ("2, 000")
    from crosscheck.extract.numbers import find_quantities

    (q,) = find_quantities("a $143 - billion rescue package")
    assert (q.value, q.scale) == (143e9, "billion")
    assert [q.value for q in find_quantities("they won 12 - 10 in the end")] == [12, 10]
