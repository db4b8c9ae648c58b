"""Frames read from the parse of real sentences (tests/data/frames.json: request/response data
from several unrelated ECB+ stories)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from crosscheck.extract.frames import add_frames, read_frame
from crosscheck.models import Fact, Sentence
from crosscheck.parse import parse

CASES = json.loads((Path(__file__).parent / "data" / "frames.json").read_text(encoding="utf-8"))["cases"]


def _facts(text: str, **article):
    """The facts the extractors find in ``text`` as one article (``article``: its other fields)."""
    from crosscheck.extract import extract_facts
    from crosscheck.models import Article

    return extract_facts(Article(id="a", path="a.txt", text=text, **article))


def _the_fact(sentence: str, text: str):
    """The one fact of ``sentence`` written ``text``."""
    (fact,) = [f for f in _facts(sentence) if f.text == text]
    return fact


def _frame(case: dict):
    sentence, text = case["sentence"], case["text"]
    start = sentence.index(text)
    fact = Fact("t:1", "t", case["kind"], text, start, start + len(text), sentence, case.get("value", {}), None)
    return read_frame(fact, parse(sentence))


def test_cases_come_from_several_stories():
    assert len({c["story"].split()[0] for c in CASES}) >= 6


@pytest.mark.parametrize("case", CASES, ids=[f"{c['story'].split()[0]}:{c['text']}" for c in CASES])
def test_frame_slots(case):
    frame = _frame(case)
    assert frame is not None
    got = frame.as_dict()
    for slot, want in case["expect"].items():
        assert got.get(slot) == want, (slot, got)
    for slot in case.get("absent", []):
        assert slot not in got, (slot, got)


DISCOURSE = json.loads((Path(__file__).parent / "data" / "frames.json").read_text(encoding="utf-8"))["discourse"]


@pytest.mark.parametrize("case", DISCOURSE, ids=[f"{c['story'].split()[0]}:{c['text']}" for c in DISCOURSE])
def test_pronoun_subject_takes_the_years_of_the_sentence_before(case):
    previous, sentence, text = case["previous"], case["sentence"], case["text"]
    body = f"{previous} {sentence}"
    at = len(previous) + 1
    sentences = [Sentence(0, len(previous), previous), Sentence(at, len(body), sentence)]
    start = at + sentence.index(text)
    fact = Fact("t:1", "t", case["kind"], text, start, start + len(text), sentence, {}, None, sentence_start=at)
    (framed,) = add_frames([fact], sentences)
    assert framed.frame is not None
    scope = set(framed.frame.scope)
    assert set(case["has"]) <= scope, scope
    assert not set(case.get("not", [])) & scope, scope
    if "agent" in case:  # and the names of the previous sentence's subject, as its agent
        assert list(framed.frame.agent) == case["agent"], framed.frame


# --- the times a figure's sentence names in words (``when:`` items of its scope) ----------------


def _whens(text: str, published=None) -> dict[str, list[str]]:
    from crosscheck.extract import extract_facts
    from crosscheck.models import Article

    article = Article(id="a", path="a.txt", text=text, published=published,
                      published_from="metadata" if published else "unknown")
    return {f.text: [s for s in f.frame.scope if s.startswith("when:")]
            for f in extract_facts(article) if f.kind != "date" and f.frame is not None}


def test_times_in_words_are_part_of_the_scope():
    # t25_ecb (ECB+, CC BY 3.0): one player's season against another's run since a week
    assert _whens("He has 548 rushing yards, 28 receptions and 258 receiving yards this season.")["548"] \
        == ["when:this season"]
    assert _whens("Since Week 11, Thomas has eight touchdowns on 498 rushing yards and 176 receiving yards.")["498"] \
        == ["when:week 11"]


def test_durations_ages_anchored_days_and_datelines_are_no_times_in_words():
    from datetime import date

    # a duration and an age the parse labels DATE are facts of their own
    assert _whens("Judge Marta Sollen said Rehn, 58, had accepted 1.2 million euros in bribes over six "
                  "years in office.")["1.2 million euros"] == []
    # the dateline is the report's own date
    assert _whens("PORT ALVAR, May 14 (MPA) - A court in Port Alvar sentenced the former mayor to seven "
                  "years in prison.", date(2019, 5, 14))["seven years"] == []
    # a day the extractor anchors is compared as a day; unanchored, it is compared as words
    assert _whens("The quake killed 12 people on Sunday, officials said.", date(2008, 12, 18))["12"] == []
    assert _whens("The quake killed 12 people on Sunday, officials said.")["12"] == ["when:sunday"]


def test_figures_of_two_times_in_words_do_not_conflict():
    from crosscheck.models import Article
    from crosscheck.pipeline import analyse

    texts = {"a": "Bush has 548 rushing yards, 28 receptions and 258 receiving yards this season.",
             "b": "Since Week 11, Thomas has eight touchdowns on 498 rushing yards and 176 receiving yards."}
    report = analyse([Article(id=k, path=f"{k}.txt", text=t) for k, t in texts.items()])
    facts = {f.id: f for f in report.facts}
    for c in report.clusters:
        if c.verdict == "conflict":
            assert {facts[i].text for i in c.facts}.isdisjoint({"548", "498", "258", "176"})


def test_a_preposition_with_a_predicate_class_of_its_own_says_what_the_amount_is():
    # The parser hangs "worth" from "taking" here (tests/gold/court); climbing past it, the
    # amount was read as taken. "worth" has a class of its own (cost), and the amount is one.
    sentence = ("A court in Port Alvar on Tuesday sentenced the city's former mayor, Tomas Rehn, to seven "
                "years in prison for taking bribes from construction companies in exchange for municipal "
                "contracts worth 41 million euros.")
    doc = parse(sentence)
    worth = next(t for t in doc if t.text == "worth")
    assert worth.head.text == "taking"  # the misattachment this guards against
    start = sentence.index("41 million euros")
    fact = Fact("t:1", "t", "money", "41 million euros", start, start + 16, sentence, {}, None)
    assert read_frame(fact, doc).predicate == "cost"


def test_an_earlier_counts_noun_gives_way_to_the_noun_the_parse_finds():
    from crosscheck.extract import extract_facts
    from crosscheck.models import Article

    text = "Vandals broke 40 car windows in the lot.\nThree other vans were towed away later."
    counts = [f for f in extract_facts(Article("a", "a.txt", text, "x", "metadata", None, "none")) if f.kind == "count"]
    three = next(f for f in counts if f.text == "Three")
    # the words after "Three" are no noun to the text rules ("other ..."), which take the
    # earlier count's; the parse reads the noun the number modifies, as written
    assert (three.value["item"], three.value["head"], three.value["item_from"]) == ("vans", "van", "parse")


def test_a_date_word_inside_a_name_is_no_date():
    from datetime import date

    from crosscheck.extract import extract_facts
    from crosscheck.models import Article

    text = "The mayor told USA Today on Monday that the bridge would reopen.\nIt reopened today."
    article = Article("a", "a.txt", text, "x", "metadata", date(2024, 3, 6), "metadata")
    assert [f.text for f in extract_facts(article) if f.kind == "date"] == ["Monday", "today"]


# --- figures that are no quantity, and figures that are (written sentences, each a grammar class) ---
def _figures(text: str) -> list[tuple[str, str]]:
    from crosscheck.extract import extract_facts
    from crosscheck.models import Article

    out = []
    for f in extract_facts(Article(id="a", path="a.txt", text=text)):
        if f.kind == "count":
            out.append(("count", f.text))
        elif f.kind == "measure" and f.value.get("head") == "age":
            out.append(("age", f.text))
    return out


@pytest.mark.parametrize("text, expected", [
    # "in" before a year or a smaller number is no proportion
    ("A similar quake killed 300 in 2010.", [("count", "300")]),
    ("The storm killed 12 in three states.", [("count", "12"), ("count", "three")]),
    ("Officials said one in every 500 voters was turned away.", []),
    # occasions in a time named after them are counted; a multiplier is not
    ("The officer fired 16 times that night.", [("count", "16")]),
    ("The new engine is four times the weight of the old one.", []),
    ("The cables deliver up to 12 times the bandwidth.", []),
    # a score or a clock time is no age; a copula or a death with a person is
    ("Okafor was 6 of 12 from the field.", [("count", "6"), ("count", "12")]),
    ("He left the house at 7 and came back later.", [("count", "7")]),
    ("Ms Reyes was 75.", [("age", "75")]),
    # a collective noun counted with a plural verb; a body of people is no street
    ("The 300 crew of HMS Example were rescued.", [("count", "300")]),
    ("The governor sent 300 National Guard to the valley.", [("count", "300")]),
    # an address, a headline's name and number
    ("The fire broke out at 325 E. Linden Ave. on Monday.", []),
    ("Apollo 11 Anniversary Marked With Parade In Town", []),
    ("Quake Kills 10 In Remote Province", [("count", "10")]),
    # "one" counted beside another number, not in a pair told apart
    ("The dead included one child and two women.", [("count", "one"), ("count", "two")]),
    ("One Finnish and one Chilean sailor were missing.", []),
    # a decimal point after a sentence-opening "A", not after a name's "A"
    ("Police arrived at midnight. A. 38-caliber pistol was found.", []),
    ("The plan was called Plan A. 12 people were arrested.", [("count", "12")]),
    ("A one-time payment was made.", []),
])
def test_figures_that_are_no_quantity_are_dropped_and_the_others_kept(text, expected):
    assert _figures(text) == expected


def test_a_number_that_sizes_a_noun_takes_no_earlier_figure_s_thing():
    # "a population of 120,000" is the size of the population, not 120,000 of the villages
    # counted in the sentence before; what it counts stays unknown rather than guessed
    text = "The storm flattened nine farms. Kavala is the region's largest town, with a population of 64,000."
    counts = {f.text: f.value for f in _facts(text) if f.kind == "count"}
    assert counts["nine"]["item"] == "farms"
    assert counts["64,000"]["item"] == ""


def test_a_half_without_its_year_in_a_report_of_a_game_is_no_date():
    # an article that gives a score tells a game: "the second half" is the game's
    from datetime import date

    from crosscheck.extract import extract_facts
    from crosscheck.models import Article

    game = "Tromso beat Molde 3-1 on Sunday. Ndiaye scored twice in the second half."
    dates = [f.text for f in extract_facts(Article(id="a", path="a.txt", text=game, published=date(2021, 5, 3)))
             if f.kind == "date"]
    assert dates == ["Sunday"]
    business = "The carrier expects a loss in the second half."
    dates = [f.text for f in extract_facts(Article(id="b", path="b.txt", text=business, published=date(2021, 5, 3)))
             if f.kind == "date"]
    assert dates == ["second half"]


# --- a headline's figures each say their own predicate ---------------------------------------


@pytest.mark.parametrize("headline, text, predicate", [
    ("4 Dead, 2 Wounded in Warehouse Blast", "2", "injured"),  # the second figure's own participle
    ("Five dead, 30 missing after boat capsizes off coast", "30", "missing"),  # a participle tagged VBG
    ("3 killed, 12 hurt as bus overturns", "12", "injured"),
])
def test_a_headlines_second_figure_takes_no_predicate_word_of_the_first_as_its_thing(headline, text, predicate):
    from crosscheck.extract import extract_facts
    from crosscheck.models import Article

    article = Article(id="a", path="a.txt", text=f"{headline}\n\nThe accident happened on Monday.", title=headline)
    fact = next(f for f in extract_facts(article) if f.kind == "count" and f.text == text)
    assert fact.frame.predicate == predicate
    assert fact.value["item"].lower() not in ("dead", "killed"), fact.value  # no "dead" borrowed as what it counts


# --- a list of numbers shares the designation it starts with ---------------------------------


@pytest.mark.parametrize("sentence, kept", [
    # t27 (ECB+, CC BY 3.0): browser versions
    ("While Microsoft claims that it has received reports of attacks aimed at Internet Explorer 8 and 9, "
     "it appears that the security flaw affects all the other versions of the browser.", []),
    # t43 (ECB+, CC BY 3.0): chip models
    ("The company will not divulge what Opteron chips it will weld onto the SeaMicro server boards, but it "
     "stands to reason that it would be a low-voltage Opteron 3200 or 4200 part.", []),
    # written: versions, games, names written with their number, numbers among names
    ("The patch covers versions 6, 7, 8 and 9 of the browser.", []),
    ("The team lost Games 5 and 6 at home.", []),
    ("The fix works for IE6 to 10 and for IE11, 7 and 8 of its rivals.", []),
    ("The update runs on Windows XP, Vista and 7.", []),
    # counts stay counts: no designation before the list, or a person, or a noun counted after
    ("Rescuers pulled 12, 14 and 20 people from the rubble on three days.", ["12", "14", "20"]),
    ("Texas, Ohio and 3 other states sued the agency.", ["3"]),
    ("The storm killed 12 in Ohio, 3 in Texas and 5 in Iowa.", ["12", "3", "5"]),
    ("In December 2008, 3 men emptied the store.", ["3"]),  # a date before the list
    ("The firm supplies Acme and Globex, two of the largest buyers.", ["two"]),  # a number word counts
    ("The team ended its season 15-17 on Friday.", ["15-17"]),  # a dash writes a record, no list
    ("Shakers around magnitude 2 and 3 are common there.", ["3"]),  # a singular noun: a measure's scale
    ("After the downing of MH17, 298 people were dead.", ["298"]),  # a comma alone is no list
    ("In Syria, Iraq and Lebanon, 12 died on Friday.", ["12"]),  # after a list of names, not in it
])
def test_numbers_listed_after_a_designation_are_designations(sentence, kept):
    facts = _facts(sentence)
    assert [f.text for f in facts if f.kind == "count"] == kept


def test_ages_listed_after_names_of_persons_stay_ages():
    facts = _facts("The victims were John Smith, 47, and Mary Jones, 52.")
    assert [(f.text, f.value.get("head")) for f in facts if f.kind == "measure"] == [("47", "age"), ("52", "age")]


def test_a_noun_borrowed_from_an_earlier_figure_stays_what_it_counts():
    # "crew" names what was counted (a noun of the class "aboard"): the later figure counts
    # crew too, though it says another class of them
    text = "The plane carried 8 crew, and 3 were killed in the crash."
    three = _the_fact(text, "3")
    assert (three.value["item"], three.frame.predicate) == ("crew", "dead")


@pytest.mark.parametrize("sentence, text, predicate", [
    # what is said of the thing comes before the class its noun names it by
    ("30 passengers were rescued from the ferry on Monday.", "30", "rescued"),
    ("At least 40 passengers are still missing.", "At least 40", "missing"),
    ("Three crew members died in the crash.", "Three", "dead"),
    ("The bodies of 12 passengers were found.", "12", "dead"),
    ("12 injured passengers were flown out.", "12", "injured"),
    # ... and the noun says it where nothing else does
    ("120 passengers were aboard the ferry.", "120", "aboard"),
    ("The ferry carried 120 passengers.", "120", "aboard"),
    ("12 bodies were recovered from the sea.", "12", "dead"),
    # a figure set beside another's predicate takes its own ("2 hurt", not the "dead" before it)
    ("1 dead, 2 hurt in office shooting; police say the gunman had worked there", "2", "injured"),
    # a part of a state used as a noun; the whole of a part is not what the clause says of the part
    ("Two of the injured are in critical condition.", "Two", "injured"),
    ("14 of the 52 passengers were killed.", "14", "dead"),
    ("14 of the 52 passengers were killed.", "52", "aboard"),
    ("Of the 52 passengers on the ferry, 12 died.", "52", "aboard"),  # a fronted whole
    ("Of the 120 people on board, 98 were rescued.", "120", "aboard"),  # where a phrase after the noun puts it
    ("The 300 people on board the ferry were rescued.", "300", "rescued"),  # ... outranked by what befell them
    ("Two of the injured died in hospital on Monday.", "Two", "dead"),  # what the clause says first
    # a noun that names the thing by an outcome keeps its class; by where it is, it does not
    ("A coast guard vessel carrying 24 bodies docked in the port on Friday.", "24", "dead"),
    ("A helicopter carrying 12 survivors landed on Friday.", "12", "rescued"),
])
def test_what_is_said_of_a_thing_comes_before_the_class_its_noun_names(sentence, text, predicate):
    assert _the_fact(sentence, text).frame.predicate == predicate


@pytest.mark.parametrize("sentence, text, predicate", [
    # what came of it outranks the means, where the figure is the subject both verbs share
    ("Four people were shot and killed at the depot.", "Four", "dead"),
    ("The gunman shot and killed four people.", "four", "dead"),
    # ... not where the second verb is another's: the gunman's fate is not the figure's
    ("A gunman shot four people and was killed by police.", "four", "shot"),
    ("The suspect shot three officers and was arrested.", "three", "shot"),
    # ... nor where the other class is no outcome of the shooting
    ("Two teenagers were shot and robbed.", "Two", "shot"),
    # an adverb says no outcome ("non-fatally" is shot, not dead)
    ("Two men were shot non-fatally.", "Two", "shot"),
    # a resultative "to" phrase says the outcome, after a verb of no class or of the means ...
    ("Two guards were beaten to death in the yard.", "Two", "dead"),
    ("Gunmen shot five villagers to death overnight.", "five", "dead"),
    ("Three climbers fell to their deaths on the glacier.", "Three", "dead"),
    # ... not after a verb with a class of its own, whose "to" is no outcome
    ("Two men were sentenced to death on Monday.", "Two", "sentenced"),
    # ... nor where the noun has an article: a goal or a cause, not a state the verb brings about
    ("Two doctors tended to the injured.", "Two", "tend"),
    ("Three factors contributed to the death of the climber.", "Three", "contribute"),
    ("Two issues led to the deaths of the workers.", "Two", "lead"),
])
def test_an_outcome_outranks_the_means_only_when_it_is_the_figures(sentence, text, predicate):
    assert _the_fact(sentence, text).frame.predicate == predicate


@pytest.mark.parametrize("sentence, text, role", [
    # the way a person went: a verb of directed motion with a person as its subject
    ("The climber fell 200 metres from the ridge.", "200 metres", "total"),
    # a level that changed, a place's or a body's: a change
    ("The Delaware rose eight feet in 24 hours.", "eight feet", "change"),
    ("Lake Mead fell 20 feet last year.", "20 feet", "change"),
    ("The boy grew 10 centimetres in a year.", "10 centimetres", "change"),
])
def test_a_length_a_person_went_is_no_change_of_a_level(sentence, text, role):
    assert _the_fact(sentence, text).frame.role == role


def test_a_number_after_a_headlines_colon_is_no_age_of_the_word_before():
    # an age is set off by a comma after a name ("Banky, 40,"); a headline's capitals and colon
    # ("Ferry Sinks: 30 Missing") are no name and age
    title = "Ferry Sinks: 30 Missing, 12 Dead"
    facts = _facts(f"{title}\n\nThe ferry sank on Monday.", title=title)
    assert [(f.kind, f.text, f.frame.predicate) for f in facts if f.kind == "count"] == [
        ("count", "30", "missing"), ("count", "12", "dead")]


@pytest.mark.parametrize("sentence, text, role", [
    # the distributive article on a bare noun makes a rate, whatever the noun
    ("He earns $23 million a season.", "$23 million", "rate"),
    ("He was paid $2 million a game.", "$2 million", "rate"),
    ("The program costs 450 million euros a year.", "450 million euros", "rate"),
    # not a time before or after ("a year ago"), nor a noun phrase of its own
    ("The firm made $5 million a year ago.", "$5 million", "total"),
    ("Police arrested 12 people a day earlier.", "12", "total"),
    ("The storm caused $2 billion in damage, a figure that insurers disputed.", "$2 billion", "total"),
])
def test_an_amount_with_the_distributive_article_is_a_rate(sentence, text, role):
    assert _the_fact(sentence, text).frame.role == role


def test_a_definite_subject_given_after_an_indefinite_one_continues_its_event():
    # "a tsunami" introduced in a sentence of 2004, "the tsunami" of the next sentence is that one:
    # its figures take that sentence's year (not so after a definite subject: no new referent)
    from crosscheck.extract import extract_facts
    from crosscheck.models import Article

    def scopes(text):
        article = Article(id="a", path="a.txt", text=text, published=date(2013, 5, 2), published_from="metadata")
        return {f.text: f.frame.scope for f in extract_facts(article) if f.kind == "count"}

    assert "year:2004" in scopes("In 2004, a tsunami killed 230,000 people. The tsunami also destroyed 40,000 homes.")["40,000"]
    assert scopes("The quake struck on Thursday, the strongest since 2004. The quake killed 12 people.")["12"] == ()


def test_a_subject_told_apart_from_the_one_introduced_before_continues_nothing():
    # "the quake on Sunday" is told apart by its own words; "a similar quake" is not the first
    # mention of the noun: neither takes the year of the sentence before
    from crosscheck.extract import extract_facts
    from crosscheck.models import Article

    for text in ("A similar quake in 2005 killed 87,000 people in Kashmir. The quake on Sunday killed 40 people.",
                 "A quake struck on Sunday. A similar quake in 2005 killed 87,000 people. The quake killed 40 people."):
        article = Article(id="a", path="a.txt", text=text, published=date(2013, 5, 2), published_from="metadata")
        (forty,) = [f for f in extract_facts(article) if f.text == "40"]
        assert forty.frame.scope == ()


def test_an_age_in_brackets_after_a_name_is_an_age():
    facts = _facts("Patrick Murphy (45) was injured in the crash.")
    assert [(f.kind, f.value.get("head")) for f in facts if f.text == "45"] == [("measure", "age")]


def test_a_figure_counted_since_a_date_names_that_time():
    # "three times since October" counts a part of a record, not the record: its scope says so,
    # so that "four times" elsewhere is no claim against it
    from crosscheck.extract import extract_facts
    from crosscheck.models import Article

    article = Article(id="a", path="a.txt", text="Lee had been arrested three times since October.",
                      published=date(2013, 3, 12), published_from="metadata")
    (three,) = [f for f in extract_facts(article) if f.text == "three"]
    assert "when:since october" in three.frame.scope


@pytest.mark.parametrize("sentence, text, slots", [
    # a plural number before a singular head counts the modifier's things, not the head
    ("The two vehicle collision killed one person.", "two", {"thing": "vehicle"}),
    # a headline's capitals name nobody: "Death Toll Is 29" is a toll, not an age
    ("Death Toll Is 29 After Ferry Sinks", "29", {"thing": "death toll", "predicate": "dead"}),
    # a plural group said to be a number is a count, not an age
    ("In the Senate, Democrats are 53 and Republicans are 45.", "53", {"role": "total"}),
])
def test_no_lift_and_no_age_against_agreement_or_capitals(sentence, text, slots):
    got = _the_fact(sentence, text).frame.as_dict()
    for slot, want in slots.items():
        assert got.get(slot) == want, (slot, got)


@pytest.mark.parametrize("sentence, text, thing", [
    ("The standoff lasted for five hours.", "five hours", "standoff"),
    ("The trial ran for three weeks.", "three weeks", "trial"),
    ("At least 70 people have been hurt in the protests over the past eight days.", "eight days", ""),
    ("Government scientists have performed reviews for 35 years.", "35 years", ""),
])
def test_a_span_after_for_is_how_long_its_subject_went_on_only_without_an_object(sentence, text, thing):
    # "for" gives how long an event with no object went on; a span after another preposition,
    # or after a verb with an object, times the event and is no measure of its subject
    assert _the_fact(sentence, text).frame.thing == thing


@pytest.mark.parametrize("sentence, text, thing", [
    ("The death toll reached 40 on Friday.", "40", "death toll"),
    ("Sales topped $1 billion last year.", "$1 billion", "sale"),
    ("Travellers faced three days of holiday travel delays.", "three days", "holiday travel delay"),
    ("He served two years of a five-year sentence.", "two years", ""),
    ("Gunmen stole $3 million of diamonds.", "$3 million", "diamond"),  # "$" is no adjective picking a part
])
def test_a_level_reached_is_its_subjects_and_a_unit_inside_a_word_is_no_same_unit(sentence, text, thing):
    # "the toll reached 40": the object of a verb of reaching a level is its subject's value;
    # "holiday" holds "day" but is no whole measured in days ("a five-year sentence" is)
    assert _the_fact(sentence, text).frame.thing == thing
