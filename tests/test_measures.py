"""Measures: units normalised per dimension, durations, percentages, quake magnitudes."""

from pathlib import Path

import pytest

from crosscheck.extract.measures import DAYS_PER_YEAR, extract_measures, measures_in_sentence
from crosscheck.extract.sentences import split_sentences
from crosscheck.models import Article

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def measures(text):
    article = Article(id="a", path="a.txt", text=text)
    out = extract_measures(article, split_sentences(text))
    for m in out:
        assert m.kind == "measure"
    return out


def only(text):
    found = measures(text)
    assert len(found) == 1, found
    m = found[0]
    return text[m.start : m.end], m.value


def test_quake_magnitude_and_depth():
    found = measures("A magnitude 6.4 earthquake struck 12 km deep on Sunday.")
    mag, depth = (m.value for m in found)
    assert (mag["low"], mag["unit"], mag["dimension"], mag["head"]) == (6.4, "magnitude", "magnitude", "earthquake")
    assert (depth["low"], depth["unit"], depth["dimension"], depth["item"]) == (12, "km", "length", "depth")


@pytest.mark.parametrize(
    "text, span",
    [
        ("The 7.1-magnitude quake hit at dawn.", "7.1-magnitude"),
        ("A magnitude-7.1 tremor shook the coast.", "magnitude-7.1"),
        ("The quake had a magnitude of 7.1, officials said.", "magnitude of 7.1"),
        ("It measured 7.1 on the Richter scale.", "7.1 on the Richter scale"),
        ("A quake measuring 7.1 rattled the city.", "7.1"),
        # real sentences (ECB+ t20_ecb and t38_ecb, CC BY 3.0; the figure set to 7.1)
        ("It was followed by aftershocks of 7.1 degrees on the Richter scale on Monday.",
         "7.1 degrees on the Richter scale"),
        ("The survey originally had rated the quake as 7.1 in magnitude.", "7.1 in magnitude"),
    ],
)
def test_magnitude_spellings(text, span):
    got, v = only(text)
    assert got == span
    assert (v["low"], v["high"], v["unit"]) == (7.1, 7.1, "magnitude")


def test_richter_scale_is_recorded():
    assert only("It measured 7.1 on the Richter scale.")[1]["scale"] == "Richter"


def test_km_and_miles_compare():
    km = only("The tunnel is 12 km long.")[1]
    mi = only("The tunnel is 7.5 miles long.")[1]
    assert km["unit"] == mi["unit"] == "km"
    assert mi["low"] == pytest.approx(12.07, abs=0.01)
    assert km["item"] == mi["item"] == "length"


@pytest.mark.parametrize(
    "text, unit, low",
    [
        ("Crews removed 20 tonnes of debris.", "kg", 20000),
        ("The calf weighed 500 pounds.", "kg", 226.796185),
        ("The tanker spilled 1,000 barrels of oil.", "l", 158987.294928),
        ("The pool holds 2 million gallons.", "l", 7570823.568),
        ("Winds reached 75 mph.", "km/h", 120.7008),
        ("Gusts hit 40 knots.", "km/h", 74.08),
        ("It was 35 degrees Celsius.", "°C", 35),
        ("It was 95°F in the shade.", "°C", 35),
        ("The fire burned 5,000 acres.", "km²", 20.234282112),
        ("Rainfall of 250 mm was recorded.", "km", 0.00025),
    ],
)
def test_units_are_converted(text, unit, low):
    _, v = only(text)
    assert v["unit"] == unit
    assert v["low"] == pytest.approx(low)


def test_percentages():
    _, v = only("Turnout was 64% in the capital.")
    assert (v["low"], v["unit"], v["head"]) == (64, "percent", "turnout")
    _, v = only("About 12 per cent of voters stayed home.")
    assert v["low"] == pytest.approx(11.0) and v["head"] == "voter"  # about: one unit of the last digit
    _, v = only("Inflation rose 3.2 percent in May.")
    assert v["head"] == "inflation"


def test_ranges_and_qualifiers():
    _, v = only("Between 10 and 12 km of road were washed away.")
    assert (v["low"], v["high"], v["head"]) == (10, 12, "road")
    _, v = only("The flood covered a 10-12 km stretch.")
    assert (v["low"], v["high"]) == (10, 12)
    _, v = only("Winds of up to 120 km/h battered the coast.")
    assert (v["low"], v["high"], v["qualifier"]) == (0, 120, "up to")
    _, v = only("Temperatures fell below 10°F overnight.")
    assert v["low"] is None and v["high"] == pytest.approx(-12.222, abs=0.001)


def test_durations_are_in_days():
    _, v = only("The treaty has been in force for 30 years.")
    assert (v["dimension"], v["unit"], v["low"]) == ("duration", "day", 30 * DAYS_PER_YEAR)
    assert only("Talks lasted 48 hours.")[1]["low"] == 2
    assert only("He served six months in jail.")[1]["original_unit"] == "month"


@pytest.mark.parametrize(
    "text",
    [
        "A 45-year-old man was arrested.",
        "He was 45 years old.",
        "The dam burst three years ago.",
        "Two days later the river rose.",
        "The SM-3 and F-35 programmes.",
        "The M5 motorway was closed.",
        "The 5G network went down.",
        "He was fined 500 pounds for speeding.",
        "The bill costs $5m.",
    ],
)
def test_not_measures(text):
    assert measures(text) == []


def test_seed_cnn_for_30_years_is_a_duration():
    text = next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8")
    found = measures(text)
    assert [text[m.start : m.end] for m in found] == ["30 years"]
    assert found[0].value["dimension"] == "duration"


def test_seeds_have_no_other_measures():
    for prefix in ("001", "002"):
        text = next(SEEDS.glob(prefix + "_*.txt")).read_text(encoding="utf-8")
        assert measures(text) == []


@pytest.mark.parametrize(
    "text, item",
    [
        ("Fire chief Olga Brandt, 61, retired on Friday.", "Olga Brandt"),
        ("The board dismissed Brandt, 61, after the audit.", "Brandt"),
        ("A woman aged 61 was rescued from the river.", "woman"),
    ],
)
def test_age_in_apposition_is_a_duration_in_years(text, item):
    span, v = only(text)
    assert span == "61"
    assert (v["dimension"], v["unit"], v["low"], v["high"]) == (
        "duration", "day", 61 * DAYS_PER_YEAR, 61 * DAYS_PER_YEAR
    )
    assert (v["original_unit"], v["item"], v["head"]) == ("year", item, "age")


@pytest.mark.parametrize(
    "text",
    [
        "On Tuesday, 61 boats left the harbour.",
        "In March, 61, the highest figure yet, was reached.",
        "The chair went to Brandt, 2024, by vote.",
    ],
)
def test_not_ages(text):
    assert measures(text) == []


def test_a_year_before_the_word_magnitude_is_no_magnitude():
    found = measures("The 2011 magnitude 9.0 quake killed thousands.")
    assert [m.value["low"] for m in found if m.value["unit"] == "magnitude"] == [9.0]


@pytest.mark.parametrize("word", ["tremor", "quake", "earthquake", "temblor"])
def test_names_of_one_main_shock_share_a_head(word):
    _, v = only(f"The magnitude 5.9 {word} hit before dawn.")
    assert v["head"] == "earthquake"
    _, v = only("The strongest aftershock, of magnitude 4.2, came an hour later.")
    assert v["head"] == "aftershock"


def test_ages_and_durations_are_shown_as_written():
    from crosscheck.models import Fact
    from crosscheck.values import display

    text = "Tomas Vik, 61, served eight years as mayor."
    shown = []
    for m in measures(text):
        f = Fact("x", "a", "measure", text[m.start : m.end], m.start, m.end, text, m.value)
        shown.append(display(f))
    assert shown == ["age 61", "eight years"]


@pytest.mark.parametrize("text, want", [
    ("The island covers 26,000 square kilometres.", "26,000 km²"),
    ("The link runs at 1.28Tb/sec.", "1,280,000 Mbps (1.28Tb/sec)"),
    ("The ridge is 4,810 metres high.", "4.81 km (4,810 metres)"),
])
def test_large_measures_are_shown_without_an_exponent(text, want):
    from crosscheck.models import Fact
    from crosscheck.values import display

    (m,) = measures(text)
    assert display(Fact("x", "a", "measure", text[m.start : m.end], m.start, m.end, text, m.value)) == want


# --- request/response cases (tests/data/quantities.json) ---------------------------------

import sys  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks import quantities as qbench  # noqa: E402

CASES = qbench.load_cases()


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:50] for c in CASES])
def test_quantities_data(case):
    """Every money amount and measure of the sentence, and the counts listed, are read
    with the expected value; no other money amount or measure is."""
    _, missed, extra = qbench.check(case)
    assert (missed, extra) == ([], [])


def test_quantities_data_has_real_news_from_several_stories():
    stories = {c["source"].split("/")[0] for c in CASES if c["source"].startswith("ecbplus")}
    assert len(stories) >= 5


def test_a_gap_shorter_than_a_day_is_a_measure_and_a_longer_one_dates_an_event():
    from crosscheck.models import Sentence

    for text, found in [("The guard had left the gate 20 minutes earlier.", ["20 minutes"]),
                        ("The ferry sailed three hours later.", ["three hours"]),
                        ("The ferry sailed two days later.", []),
                        ("The ferry sailed ten minutes ago.", [])]:
        mentions = measures_in_sentence(Sentence(0, len(text), text))
        assert [text[m.start:m.end] for m in mentions] == found, text


@pytest.mark.parametrize("text", ["Eight MP votes went against the bill, and 2 million PPI complaints were filed."])
def test_unit_symbols_news_uses_for_other_things_are_no_measures(text):
    from crosscheck.models import Sentence

    assert measures_in_sentence(Sentence(0, len(text), text)) == []


def test_a_line_of_measures_and_durations_with_the_article_is_read_in_linear_time():
    """Hostile text: thousands of measures and of "a <unit of time>" in one sentence; each
    article is tested against the measures the parse can reach, not against all of them."""
    import time

    from crosscheck.extract.measures import _one_unit
    from crosscheck.models import Sentence

    def seconds(n):
        text = "5 km, a day, " * n
        sentence = Sentence(0, len(text), text)
        found = measures_in_sentence(sentence)
        t = time.perf_counter()
        _one_unit(sentence, found)
        return time.perf_counter() - t

    seconds(200)  # warm up
    assert seconds(4000) < 9 * max(seconds(1000), 0.01)


@pytest.mark.parametrize("text, found, role", [
    # the time between two events, whatever the parse hangs it on
    ("Two men were arrested a month after the raid.", ["a month"], "total"),
    ("The strike began a week before the general election.", ["a week"], "total"),
    # the time since an event is counted to the report's day, as "ago" is (ECB+ t19, CC BY
    # 3.0): outlets a day apart would write two values of one span
    ("Candlelit vigils were held to mark a week since the shooting.", [], None),
    ("Boras has had one month since then to solicit bids from other teams.", [], None),
    # one to two of the unit, written once (ECB+ t13, CC BY 3.0)
    ("The Palmer fire chief and the Palmer police arrived within a minute or two.", ["a minute or two"], "total"),
    # a rate of an amount, and what a week was like, are no lengths of time
    ("Rents rose to 900 dollars a month after the increase.", [], None),
    ("It has been quite a week for the prime minister.", [], None),
    # how long the verb went on, right after it or a qualifier (an accusative of extent); how
    # often it happens, or a figure's rate, has something between the verb and the article
    ("The shaking lasted a minute, witnesses said.", ["a minute"], "total"),
    ("Rescuers waited nearly an hour for the boats.", ["nearly an hour"], "total"),
    ("The council meets once a week.", [], None),
    ("The guards were paid $5 an hour.", [], None),
    ("Rent is charged a month.", [], None),  # after a passive, a bare noun reads as a rate
])
def test_a_unit_after_the_article_before_an_event(text, found, role):
    from crosscheck.extract import extract_facts
    from crosscheck.models import Article

    measures = [f for f in extract_facts(Article("a", "a.txt", text, "x", "metadata", None, "none")) if f.kind == "measure"]
    assert [f.text for f in measures] == found
    assert all(f.frame.role == role for f in measures)  # not the "rate" of "$4 million a day"


@pytest.mark.parametrize("text, span", [
    ("Scientists who for decades have reviewed the rules were left out.", "decades"),
    ("It was the worst flood the valley had seen in decades.", "decades"),
    ("The region has known centuries of war.", "centuries"),
    ("The law was passed decades ago.", None),  # a date
    ("It is a decades-old practice.", None),  # an age
    ("Decades later, the case was reopened.", None),  # a date counted from an event
])
def test_the_bare_plural_of_a_unit_of_years_is_a_vague_length_of_time(text, span):
    found = measures(text)
    if span is None:
        assert found == []
        return
    (m,) = found
    assert text[m.start : m.end] == span and m.value["vague"]
    tens = 100 if span == "centuries" else 10
    assert (m.value["low"], m.value["high"]) == (2 * tens * DAYS_PER_YEAR, 9.99 * tens * DAYS_PER_YEAR)


@pytest.mark.parametrize("text, span, days", [
    # real sentences (ECB+ t05 and t31, CC BY 3.0): adjectives between the number and its unit
    ("They missed the postseason in 2004, breaking a streak of 21 consecutive years in the playoffs.",
     "21 consecutive years", 21 * DAYS_PER_YEAR),
    ("In 8 first-half minutes, the guy scored 7 points.", "8 first-half minutes", 8 / 1440),
    ("He spent three long years in prison.", "three long years", 3 * DAYS_PER_YEAR),
])
def test_a_unit_of_time_after_the_adjectives_that_modify_it(text, span, days):
    (m,) = [m for m in measures(text) if m.value["dimension"] == "duration"]
    assert text[m.start : m.end] == span
    assert m.value["low"] == pytest.approx(days)


@pytest.mark.parametrize("text", [
    "Some 40 angry fans waited outside.",  # the number counts fans
    "The 12 injured workers were released a day later.",  # "a day later" dates; 12 counts workers
])
def test_a_number_whose_noun_is_no_unit_of_time_measures_nothing(text):
    assert [text[m.start : m.end] for m in measures(text) if m.value["dimension"] == "duration"] == []


@pytest.mark.parametrize("text, span, item", [
    # real sentences (ECB+ t38, CC BY 3.0)
    ("The quake occurred at 2:09 a.m. about 14 miles north-northeast of Healdsburg and had a depth of 1.2 miles.",
     "about 14 miles", "distance from Healdsburg"),
    ("The quake was six miles west of Cobb and seven miles from Anderson Springs.", "seven miles",
     "distance from Anderson Springs"),
    ("The quake struck 20 km (12 miles) south-west of Ludian.", "20 km", "distance from Ludian"),
])
def test_a_length_from_a_named_place_is_the_distance_from_it(text, span, item):
    found = {text[m.start : m.end]: m.value for m in measures(text)}
    assert found[span]["from_place"] == item.removeprefix("distance from ")


def test_a_length_of_a_named_road_is_no_distance():
    assert "from_place" not in only("Crews closed 12 miles of Highway 1.")[1]


@pytest.mark.parametrize("text, unit_dimension", [
    ("Alpha Centauri is 4.37 light years away.", "length"),  # a unit of its own, not years
])
def test_a_noun_before_a_unit_of_time_makes_another_unit(text, unit_dimension):
    assert only(text)[1]["dimension"] == unit_dimension


def test_a_noun_between_a_number_and_hours_makes_no_duration():
    assert [m for m in measures("Divers spent 10,000 man hours on the wreck.") if m.value["dimension"] == "duration"] == []


@pytest.mark.parametrize("text, place", [
    ("The quake struck 6 miles south of Napa Sunday, the USGS said.", "Napa"),  # a day ends the name
    ("It lies 12 km from Ürümqi.", "Ürümqi"),  # a capital in any script
])
def test_the_place_of_a_distance_is_its_capitalised_name(text, place):
    assert only(text)[1]["from_place"] == place


@pytest.mark.parametrize(
    "text, span",
    [
        # a whole number before a singular shock noun is no count of shocks (number agreement)
        ("A 4 earthquake struck near the town.", "4"),
        ("4-Plus Earthquake Recorded Near Healdsburg", "4-Plus"),  # ECB+ t38, a headline
    ],
)
def test_a_number_before_a_singular_shock_noun_is_its_magnitude(text, span):
    (value,) = [m.value for m in measures(text) if text[m.start : m.end] == span]
    assert (value["low"], value["unit"]) == (4.0, "magnitude")


@pytest.mark.parametrize("text", [
    "The 3 a.m. quake killed 12 people.",
    "The 7 p.m. aftershock was felt widely.",
    "The 5 o'clock tremor woke residents.",
])
def test_a_clock_time_before_a_shock_noun_is_no_magnitude(text):
    assert [m for m in measures(text) if m.value["unit"] == "magnitude"] == []


def test_a_plural_shock_noun_is_counted_and_a_qualifier_after_a_number_keeps_its_unit():
    from crosscheck.extract import extract_facts

    text = "Three quakes struck the region. He spent 10-plus years there."
    facts = extract_facts(Article(id="a", path="a.txt", text=text))
    assert {f.text: f.kind for f in facts if f.kind in ("count", "measure")} == {"Three": "count", "10-plus years": "measure"}


def test_a_unit_or_a_number_after_it_is_a_range_of_the_unit():
    (m,) = measures("It will take a day or two to restore the service.")
    assert (m.value["low"], m.value["high"], m.value["unit"]) == (1.0, 2.0, "day")
    assert measures("It has been three years since.") == []  # counted from the date before it


@pytest.mark.parametrize("text, span, value", [
    # a temperature as British news style writes it (after ECB+ t23, CC BY 3.0, which runs the
    # minus into the word before: "and-15C", whose sign is then unknown, is not read), and its
    # conversion
    ("Police said the weather conditions were severe, with poor visibility, strong wind gusts and -15C temperatures.",
     "-15C", (-15.0, "°C")),
    ("Temperatures of 30C (86F) are forecast.", "86F", (30.0, "°C")),
    ("It has an 8MP rear-facing camera.", "8MP", (8.0, "MP")),
    # a letter after digits with no word of temperature near is a model's variant, not degrees;
    # nor where a weather word is near, after a letter, or naming the noun after it
    ("The F-16C jet landed at the base.", "16C", None),
    ("Two F-16C fighters crashed; the pilot ejected into the cold sea.", "16C", None),
    ("The 747F freighter flew in warm weather.", "747F", None),
    ("Grade 5C students sweltered in the heat.", "5C", None),
    ("There were strong wind gusts and-15C temperatures.", "15C", None),
    ("It was 5C in London yesterday, and cold.", "5C", (5.0, "°C")),
])
def test_a_unit_symbol_read_only_attached_to_its_digits(text, span, value):
    found = {text[m.start : m.end]: (m.value["low"], m.value["unit"]) for m in measures(text)}
    assert found.get(span) == value


@pytest.mark.parametrize("text, span, low, high", [
    ("Turnout was 30% or more in most districts.", "30% or more", 30.0, None),
    ("Prices rose 5 per cent or less.", "5 per cent or less", 0.0, 5.0),
    ("About 30 percent or more of homes were damaged.", "About 30 percent or more", 27.0, None),
])
def test_a_qualifier_after_the_unit_makes_the_range_it_says(text, span, low, high):
    (m,) = measures(text)
    assert (text[m.start : m.end], m.value["low"], m.value["high"]) == (span, low, high)


def test_a_span_that_dates_an_event_is_no_measure_past_a_qualifier():
    assert measures("Four days or so later, he left the city.") == []


# --- held-out measures (tests/data/measures_heldout.json, benchmarks/measures_heldout.py) ---


def test_measures_written_after_the_unit_data_keep_their_first_run_figures():
    """115 news-style sentences annotated by reading by a helper who never ran the tool,
    run once after the units of session 22 were added: 198 of 209 measures read with their
    dimension and value, two false finds; 193 after the review left out units that are often
    something else (stone, carat, pint, quart). Floors at that figure."""
    import json

    from benchmarks import measures_heldout as mh

    cases = json.loads(mh.CASES.read_text(encoding="utf-8"))["cases"]
    tally, _ = mh.score(cases)
    assert tally["all"]["found"] / tally["all"]["gold"] >= 0.92
    assert tally["all"].get("false", 0) <= 2
    assert tally["all"].get("non_measure_read", 0) <= 2


@pytest.mark.parametrize("text, place", [
    ("The ferry overturned five nautical miles off Oriel, the coast guard said.", "Oriel"),
    ("It sank about 9 km from the coast of Oriel, in the strait.", "Oriel"),
    ("It overturned 12 miles out of Kessara on the crossing.", "Kessara"),
    ("The plant is 20 km outside Lyon.", "Lyon"),
    ("The road runs 12 miles of Highway 1.", ""),
    ("The gunman was found 5 miles from the scene.", ""),
])
def test_a_distance_names_the_place_it_is_measured_from(text, place):
    from crosscheck.models import Sentence

    (m,) = measures_in_sentence(Sentence(0, len(text), text))
    assert (m.value.get("from_place") or "") == place
