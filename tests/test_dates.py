"""Tests for crosscheck.extract.dates on sentences of other stories and on seeds/."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from crosscheck.extract.dates import extract_dates
from crosscheck.extract.sentences import split_sentences
from crosscheck.models import Article

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

SAT = date(2017, 12, 30)  # a Saturday
WED = date(2018, 3, 21)  # a Wednesday


def dates(text: str, published: date | None = SAT, published_from: str = "metadata"):
    """(span text, value) of every date mention of ``text``."""
    art = Article(id="a", path="a.txt", text=text, published=published,
                  published_from=published_from)
    out = []
    for m in extract_dates(art, split_sentences(text)):
        assert m.kind == "date"
        out.append((text[m.start:m.end], m.value))
    return out


def one(text: str, published: date | None = SAT, **kw):
    found = dates(text, published, **kw)
    assert len(found) == 1, found
    return found[0]


def interval(text: str, published: date | None = SAT):
    span, v = one(text, published)
    return span, v["start"], v["end"], v["granularity"]


# --- absolute ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, span, start",
    [
        ("The earthquake struck on December 19 near the coast.", "December 19", "2017-12-19"),
        ("Polls closed on Dec. 19 in most districts.", "Dec. 19", "2017-12-19"),
        ("The court ruled on 19 December that the ban was lawful.", "19 December", "2017-12-19"),
        ("The flood began on December 19, 2017, officials said.", "December 19, 2017",
         "2017-12-19"),
        ("The trade deal was signed on 2016-05-04 in Geneva.", "2016-05-04", "2016-05-04"),
        ("The trial opened on Sept. 5 in Denver.", "Sept. 5", "2017-09-05"),
        ("The vote was held on Thursday, Dec. 28, in the capital.", "Thursday, Dec. 28",
         "2017-12-28"),
        # The publication day itself is "not after publication".
        ("Rescuers reached the village on December 30.", "December 30", "2017-12-30"),
        # A later day of the year has not come yet: last year's.
        ("The dam failed on December 31, residents recalled.", "December 31", "2016-12-31"),
    ],
)
def test_day(text, span, start):
    assert interval(text) == (span, start, start, "day")


@pytest.mark.parametrize(
    "text, start",
    [
        ("The runoff will be held on January 14.", "2018-01-14"),
        ("The verdict is scheduled to be read on March 3.", "2018-03-03"),
        ("The summit is due on December 30 at noon.", "2017-12-30"),
    ],
)
def test_day_future(text, start):
    assert interval(text)[1] == start


def test_reported_future_with_would():
    text = "The minister said on Tuesday that exports would recover by February."
    found = dates(text)
    assert [(s, v["start"]) for s, v in found] == [
        ("Tuesday", "2017-12-26"), ("February", "2018-02-01")]
    # A counterfactual "would have" is past.
    assert interval("The dam would have burst in November without the new levee.")[1] == (
        "2017-11-01")


def test_day_said_before_future_clause_is_past():
    # "will" belongs to another clause; "said" is the verb of the date.
    text = "The new levee will hold back the river, the mayor said on December 12."
    assert interval(text)[1] == "2017-12-12"


@pytest.mark.parametrize(
    "text, published, span, start, end",
    [
        ("Parliament dissolved in December amid the crisis.", WED, "December",
         "2017-12-01", "2017-12-31"),
        ("The river rose in March after heavy rain.", WED, "March", "2018-03-01", "2018-03-31"),
        ("Later in January, the board approved the merger.", WED, "January",
         "2018-01-01", "2018-01-31"),
        ("The tariff took effect in December 2017.", WED, "December 2017",
         "2017-12-01", "2017-12-31"),
        ("Exports fell by a third in Feb. 2016.", WED, "Feb. 2016", "2016-02-01", "2016-02-29"),
        ("Unemployment has fallen since February, the ministry said.", SAT, "February",
         "2017-02-01", "2017-02-28"),
        ("Turnout was lower last March than in any election.", WED, "last March",
         "2017-03-01", "2017-03-31"),
        ("The new dam will open in June.", WED, "June", "2018-06-01", "2018-06-30"),
        ("The company said flooding in mid-November hit output.", SAT, "mid-November",
         "2017-11-01", "2017-11-30"),
    ],
)
def test_month(text, published, span, start, end):
    assert interval(text, published) == (span, start, end, "month")


@pytest.mark.parametrize(
    "text, span, year",
    [
        ("The plant was built in 2006 by a local firm.", "2006", 2006),
        ("Under the accord of 1987, both sides cut arsenals.", "1987", 1987),
        ("The stadium will open, tentatively in 2023, on the riverbank.", "2023", 2023),
        ("Prices have doubled since 2014 in the capital.", "2014", 2014),
        ("The country aims to be carbon neutral by 2030.", "2030", 2030),
        ("2006's floods were the worst on record.", "2006", 2006),
        ("Back in 2006, the two parties signed a pact.", "2006", 2006),
    ],
)
def test_year(text, span, year):
    assert interval(text) == (span, f"{year}-01-01", f"{year}-12-31", "year")


@pytest.mark.parametrize(
    "text, span, start, end",
    [
        ("The river flooded in March last year.", "March last year", "2016-03-01",
         "2016-03-31"),
        ("On June 12 last year, the dam failed.", "June 12 last year", "2016-06-12",
         "2016-06-12"),
        ("The vote is due on 5 May next year.", "5 May next year", "2018-05-05", "2018-05-05"),
        ("The festival ran Dec. 19-21 in the old town.", "Dec. 19-21", "2017-12-19",
         "2017-12-21"),
        ("Talks were held on 3-5 June in Bonn.", "3-5 June", "2017-06-03", "2017-06-05"),
    ],
)
def test_day_or_month_with_relative_year_or_range(text, span, start, end):
    got, v = one(text)
    assert (got, v["start"], v["end"]) == (span, start, end)


def test_invalid_day_is_no_date():
    assert dates("The deadline is June 31.") == []
    assert dates("The deadline is June 31.", published=None) == []


def test_year_range():
    span, start, end, gran = interval("Sales grew every year from 2014 to 2016.")
    assert (span, start, end, gran) == ("2014 to 2016", "2014-01-01", "2016-12-31", "year")


def test_absolute_value_fields():
    span, v = one("The quake hit on December 19, 2017.")
    assert v["anchored"] is True and v["relative"] is False and v["inferred"] is False
    assert v["expression"] == "december 19, 2017"
    assert v["preposition"] == "on"


# --- relative ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, span, start, end, gran",
    [
        ("The jury reached its verdict last week.", "last week", "2017-12-18", "2017-12-24",
         "week"),
        ("Floodwaters receded this week.", "this week", "2017-12-25", "2017-12-31", "week"),
        ("The ballots will be counted next week.", "next week", "2018-01-01", "2018-01-07",
         "week"),
        ("Inflation rose last month.", "last month", "2017-11-01", "2017-11-30", "month"),
        ("Aftershocks continued this month.", "this month", "2017-12-01", "2017-12-31", "month"),
        ("The minister resigned earlier this month.", "earlier this month", "2017-12-01",
         "2017-12-30", "month"),
        ("A new tribunal opens later this month.", "later this month", "2017-12-30",
         "2017-12-31", "month"),
        ("Growth slowed this year.", "this year", "2017-01-01", "2017-12-31", "year"),
        ("The party won last year.", "last year", "2016-01-01", "2016-12-31", "year"),
        ("Talks resume next year.", "next year", "2018-01-01", "2018-12-31", "year"),
        ("The ruling came yesterday.", "yesterday", "2017-12-29", "2017-12-29", "day"),
        ("The count ends today.", "today", "2017-12-30", "2017-12-30", "day"),
        ("Voters go to the polls tomorrow.", "tomorrow", "2017-12-31", "2017-12-31", "day"),
        ("The ceasefire collapsed two days ago.", "two days ago", "2017-12-28", "2017-12-28",
         "day"),
        ("The company went bankrupt three years ago.", "three years ago", "2014-01-01",
         "2014-12-31", "year"),
        ("The judge ruled last Thursday.", "last Thursday", "2017-12-28", "2017-12-28", "day"),
        ("The count resumes next Monday.", "next Monday", "2018-01-01", "2018-01-01", "day"),
        ("Rescuers reached the town late last night.", "last night", "2017-12-29",
         "2017-12-30", "day"),
        ("Markets were shut last weekend.", "last weekend", "2017-12-23", "2017-12-24", "week"),
    ],
)
def test_relative(text, span, start, end, gran):
    assert interval(text) == (span, start, end, gran)


def test_weekday_resolves_to_most_recent():
    # Saturday article: "on Thursday" two days before, "on Saturday" the day itself.
    assert interval("The dam burst on Thursday, officials said.")[1:3] == (
        "2017-12-28", "2017-12-28")
    assert interval("The governor spoke on Saturday.")[1] == "2017-12-30"
    assert interval("The senator said Tuesday the bill had failed.")[1] == "2017-12-26"


def test_weekday_future():
    assert interval("The committee will meet on Tuesday to vote.")[1] == "2018-01-02"
    assert interval("Final results are expected on Tuesday.")[1] == "2018-01-02"
    assert interval("As is expected of a champion, she won the final on Thursday.")[1] == "2017-12-28"
    assert interval("The new council must meet for the first time by January 4.")[1] == "2018-01-04"


def test_a_perfect_infinitive_is_past_unless_its_verb_looks_ahead():
    # Wednesday article: "is said to have died Saturday" is the Saturday before; "is
    # expected to have reopened by Friday" is a future perfect, the Friday to come
    assert interval("He is said to have died Saturday.", WED)[1] == "2018-03-17"
    assert interval("The bridge is expected to have reopened by Friday.", WED)[1] == "2018-03-23"
    assert interval("Crews are scheduled to have finished the work by Friday.", WED)[1] == "2018-03-23"


def test_the_day_before_yesterday_and_after_tomorrow_are_two_days_off():
    assert interval("The day before yesterday, the storm hit.") == (
        "The day before yesterday", "2017-12-28", "2017-12-28", "day")
    assert interval("Talks resume the day after tomorrow.")[1:3] == ("2018-01-01", "2018-01-01")


def test_weekday_with_future_elsewhere_in_sentence_is_past():
    text = "The new law will hurt farmers, the opposition leader said on Thursday."
    assert interval(text)[1] == "2017-12-28"


def test_relative_value_fields():
    _, v = one("The jury reached its verdict last week.")
    assert v["anchored"] is True and v["relative"] is True and v["inferred"] is False
    _, v = one("The jury reached its verdict last week.", published_from="inferred")
    assert v["inferred"] is True
    # An explicit date does not depend on an inferred anchor.
    _, v = one("The plant was built in 2006.", published_from="inferred")
    assert v["inferred"] is False


# --- unanchored --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, span, gran",
    [
        ("The storm hit last week.", "last week", "week"),
        ("The court ruled on Thursday.", "Thursday", "day"),
        ("The vote took place on December 19.", "December 19", "day"),
        ("Parliament dissolved in December.", "December", "month"),
        ("The ceasefire collapsed two days ago.", "two days ago", "day"),
    ],
)
def test_unanchored_kept_not_guessed(text, span, gran):
    got, v = one(text, published=None)
    assert got == span
    assert v["anchored"] is False and v["relative"] is True
    assert v["start"] is None and v["end"] is None and v["granularity"] == gran


def test_unanchored_absolute_still_resolved():
    _, v = one("The flood began on December 19, 2017.", published=None)
    assert v["anchored"] is True and v["start"] == "2017-12-19"


# --- traps -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "We may see more aftershocks, the agency warned.",
        "May I ask the minister a question?",
        "Now the opposition wants a recount.",
        "Protesters march on the parliament every evening.",
        "The candidate came second in the first round.",
        "The navy ordered 400 missiles from the supplier.",
        "The interview aired on Russia 24 and was repeated on Channel 4.",
        "The ship carries SM-3 interceptors and F-35 jets.",
        "The treaty has been in force for 30 years.",
        "Inflation reached 2017% in the hyperinflation, economists said.",
        "The fund raised $2,006 from donors.",
        "Officials counted 1,987 people in the shelters.",
        "The bill was backed by May and her cabinet.",
        "The Ides of March passed quietly.",
        "The vote is the last week of campaigning.",
        "He spends Thursdays at the clinic.",
    ],
)
def test_not_dates(text):
    assert dates(text) == []


def test_pure_numbers_next_to_dates():
    # The count is not a year, the date is.
    found = dates("In 2010, 1,200 families were relocated.")
    assert [span for span, _ in found] == ["2010"]


def test_dateline_skipped():
    text = (
        "WASHINGTON, Jan. 5 (Reuters) - The Senate passed the bill on Thursday.\n\n"
        "It had stalled since November."
    )
    spans = [s for s, _ in dates(text, published=date(2018, 1, 5))]
    assert spans == ["Thursday", "November"]
    text = "BERLIN, December 30. /DPA/. Floods hit the north on December 28."
    assert [s for s, _ in dates(text)] == ["December 28"]


def test_mentions_sorted_and_spans_consistent():
    text = "On March 3 the court met; in 2019 it had ruled; last week it adjourned."
    art = Article(id="a", path="a.txt", text=text, published=WED, published_from="metadata")
    mentions = extract_dates(art, split_sentences(text))
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    for m in mentions:
        assert text[m.start:m.end].lower() == m.value["expression"]


# --- seeds -------------------------------------------------------------------------------


def _seed(prefix: str, published: date) -> tuple[str, list]:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    art = Article(id=prefix, path=str(path), text=text, published=published,
                  published_from="metadata")
    return text, extract_dates(art, split_sentences(text))


def _by_span(text: str, mentions: list) -> dict[str, dict]:
    return {text[m.start:m.end]: m.value for m in mentions}


def test_seed_cnn():
    text, mentions = _seed("000", date(2017, 12, 28))
    got = _by_span(text, mentions)
    assert (got["last week"]["start"], got["last week"]["end"]) == ("2017-12-18", "2017-12-24")
    assert got["last week"]["granularity"] == "week"
    assert got["March"]["start"] == "2017-03-01"
    # "has ratcheted up ..., firing 23 missiles ... since February": this year's February.
    assert got["February"]["start"] == "2017-02-01"
    # "in force for 30 years" is a duration, not a date.
    assert not any("30" in s for s in got)


def test_seed_presstv():
    text, mentions = _seed("001", date(2018, 3, 21))
    got = _by_span(text, mentions)
    assert (got["December"]["start"], got["December"]["end"]) == ("2017-12-01", "2017-12-31")
    assert got["January"]["start"] == "2018-01-01"
    assert got["December 28"]["start"] == "2017-12-28"
    # "Russia 24", "SM-3", "400" are not dates.
    assert set(got) == {"Wednesday", "December", "January", "December 28", "March"}


def test_seed_tass():
    text, mentions = _seed("002", date(2017, 12, 30))
    got = _by_span(text, mentions)
    assert got["December 19"]["start"] == "2017-12-19"
    assert got["Thursday"]["start"] == "2017-12-28"
    assert got["Saturday"]["start"] == "2017-12-30"
    assert got["2023"]["start"] == "2023-01-01"
    assert got["1987"]["granularity"] == "year"
    # The dateline "MOSCOW, December 30." is the loader's, not a fact.
    assert "December 30" not in got
    assert sorted(got) == sorted(["Saturday", "2006", "1987", "December 19", "2023", "Thursday"])


def test_a_wire_dateline_date_is_no_fact():
    from crosscheck.extract import extract_facts

    text = "OSLO, June 9 (Wirepost) - The party won Sunday's vote, officials said on June 9."
    facts = extract_facts(Article(id="a", path="a.txt", text=text, published=date(2024, 6, 9)))
    dates = [(f.text, f.start) for f in facts if f.kind == "date"]
    assert ("June 9", text.index("June 9")) not in dates
    assert ("June 9", text.rindex("June 9")) in dates and any(t == "Sunday" for t, _ in dates)


# --- request/response cases (tests/data/dates.json; also read by benchmarks/dates.py) -----

import json  # noqa: E402

CASES = json.loads((Path(__file__).parent / "data" / "dates.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[f"{c['class']}:{c['text'][:40]}" for c in CASES])
def test_case(case):
    got = [(span, v["start"], v["end"], v["granularity"])
           for span, v in dates(case["text"], date.fromisoformat(case["published"]))]
    want = [(e["span"], e["start"], e["end"], e["granularity"]) for e in case["expect"]]
    assert got == want


def test_benchmark_figures_meet_the_target():
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from dates import score  # benchmarks/dates.py

    figures, _ = score(CASES)
    assert figures["all"]["recall"] >= 0.93
    assert figures["all"]["precision"] >= 0.94
    assert figures["all"]["resolved_right"] >= 0.9


# --- metadata lines, story years, hostile text --------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Updated 0713 GMT (1513 HKT) December 28, 2017\n\nThe vote was held on Monday.",
        "Published: May 2, 2013\nThe vote was held on Monday.",
        "Posted 2017-12-28\nThe vote was held on Monday.",
        "Thursday, December 28, 2017\nThe vote was held on Monday.",
    ],
)
def test_publication_lines_are_no_facts(text):
    assert [s for s, _ in dates(text)] == ["Monday"]


def test_year_less_date_without_publication_date_asks_the_story():
    from crosscheck.extract.dates import year_from_story

    _, v = one("Sunday, November 27: the storm reached the coast.", published=None)
    assert (v["anchored"], v["year_from"], v["month"], v["day"], v["weekday"]) == (
        False, "story", 11, 27, 6)
    # The story's other dates are of late 2016; 27 November 2016 was a Sunday.
    filled = year_from_story(v, [("2016-11-28", "2016-11-28"), ("2016-01-01", "2016-12-31")])
    assert (filled["start"], filled["anchored"], filled["inferred"]) == ("2016-11-27", True, True)
    # No weekday written: the nearest occurrence to a story date.
    _, v = one("The storm reached the coast on November 27.", published=None)
    assert year_from_story(v, [("2011-12-02", "2011-12-02")])["start"] == "2011-11-27"
    assert year_from_story(v, []) is None
    # A month of history the story recalls is no reference for its own days: the year most
    # of its dates fall in is (the latest of a tie).
    history = [("1989-11-01", "1989-11-30"), ("2011-12-02", "2011-12-02")]
    assert year_from_story(v, history)["start"] == "2011-11-27"
    # by mention: the story's days told many times outweigh three days of history
    told = [("2011-11-25", "2011-11-25")] * 6 + [("2011-11-26", "2011-11-26")] * 3
    history = [(f"1989-11-{d}", f"1989-11-{d}") for d in ("14", "17", "25")]
    assert year_from_story(v, told + history)["start"] == "2011-11-27"
    # one report's day resolved a year off (ECB+ t42-like: its tense misread) is outweighed by
    # the story's: the occurrence nearest the median day, not the nearest of any day
    _, v = one("Registration begins April 29th, with availability coming sometime afterwards.", published=None)
    story = [("2013-04-29", "2013-04-29")] * 5 + [("2013-04-24", "2013-04-24")] * 3 + [("2012-04-29", "2012-04-29")]
    assert year_from_story(v, story)["start"] == "2013-04-29"
    # ... and the same day given elsewhere in the story is the day meant, though most of the
    # story's reports are of a year later; with no such day, the occurrence nearest the median
    _, v = one("The body was found in a car on April 9.", published=None)
    story = [("2012-04-09", "2012-04-09")] * 2 + [("2013-04-09", "2013-04-09")] + [("2013-11-08", "2013-11-08")] * 6
    assert year_from_story(v, story)["start"] == "2012-04-09"
    _, v = one("The trial was set to resume on November 12.", published=None)
    assert year_from_story(v, story)["start"] == "2013-11-12"


def test_anaphoric_reference_is_the_last_date_given_on_its_own():
    text = "Profit fell in 2010. It rose a year earlier and a year earlier still."
    found = dates(text)
    assert [(s, v["start"]) for s, v in found] == [
        ("2010", "2010-01-01"), ("a year earlier", "2009-01-01"), ("a year earlier", "2009-01-01")]


@pytest.mark.parametrize("unit", ["on Monday ", "December 19, ", "a year earlier ", "the third quarter ",
                                  "Christmas ", "Monday, Oct. 26 ", "a day after ", "the past two weeks ",
                                  "the weekend ", "earlier in the day ", "this season "])
def test_hostile_sentence_finishes_fast(unit):
    import time

    from crosscheck.models import Sentence

    text = unit * (200_000 // len(unit))
    art = Article(id="a", path="a.txt", text=text, published=SAT)
    t0 = time.perf_counter()
    extract_dates(art, [Sentence(0, len(text), text)])
    assert time.perf_counter() - t0 < 20


def test_a_date_without_a_year_in_an_undated_article_takes_its_year_from_the_story():
    from crosscheck.models import Article
    from crosscheck.pipeline import analyse

    undated = Article("a", "a.txt", "The bridge reopened on Sunday, November 27, after repairs.", "A")
    dated = Article("b", "b.txt", "The bridge reopened on November 27 after two weeks of repairs.", "B",
                    "metadata", date(2022, 11, 28), "metadata")
    (d,) = [f for f in analyse([undated, dated]).facts if f.article == "a" and f.kind == "date"]
    assert (d.value["start"], d.value["anchored"], d.value["inferred"]) == ("2022-11-27", True, True)


@pytest.mark.parametrize("line", ["3 March 2019 Last updated at 09:40 GMT", "Tuesday, Mar 5, 2019 | Updated 7:15 PM EST"])
def test_a_date_line_with_its_update_stamp_is_no_date_fact(line):
    from crosscheck.extract import extract_facts
    from crosscheck.models import Article

    text = f"Ferry service resumes\n{line}\nThe ferry to the island sailed again on Monday."
    facts = extract_facts(Article("a", "a.txt", text, "A", "metadata", date(2019, 3, 5), "metadata"))
    assert [f.text for f in facts if f.kind == "date"] == ["Monday"]


def test_a_part_of_the_day_of_the_report_is_that_day():
    from crosscheck.extract import extract_facts
    from crosscheck.models import Article

    text = "Ferry service resumes\n\nThe ferry to the island sailed again this afternoon, the operator said."
    facts = extract_facts(Article("a", "a.txt", text, "A", "metadata", date(2019, 3, 5), "metadata"))
    assert [(f.text, f.value["start"]) for f in facts if f.kind == "date"] == [("this afternoon", "2019-03-05")]


@pytest.mark.parametrize("text", [
    "The strike began on May 4, 2011. Officials said that morning commutes would be hit.",
    "The plan was announced on May 4, 2011. It will cut jobs over the next year, or in the next day or two.",
])
def test_demonstrative_and_next_that_name_no_date(text):
    assert [span for span, _ in dates(text, date(2013, 4, 1))] == ["May 4, 2011"]


def test_only_a_day_week_or_month_gives_the_story_its_year():
    from crosscheck.models import Article
    from crosscheck.pipeline import analyse

    def dec9(report):
        return next(f for f in report.facts if f.kind == "date" and f.text == "Dec. 9").value

    one = Article(id="a", path="a.txt", text="The utility cut power to the valley on Dec. 9, officials said.")
    dated = Article(id="b", path="b.txt", text="Crews restored power on March 3, 2019, the utility said.")
    modifier = Article(id="c", path="c.txt", text="The old grid, a design of the 1996 plan, failed again.")
    assert dec9(analyse([one, dated]))["start"] == "2018-12-09"  # the nearest Dec. 9 to a day of the story
    assert not dec9(analyse([one, modifier])).get("anchored")  # a year alone does not say when the story is


@pytest.mark.parametrize("sentence, found", [
    ("She was named Woman of the Year by CBS This Morning.", []),
    ("He told NBC's Today show that he would run.", []),
    ("The fire broke out this morning, officials said.", ["this morning"]),
    ("Today, the company said it would sell the unit.", ["Today"]),
    ('He said: "Today we start again."', ["Today"]),
    ("FIRE BREAKS OUT TODAY IN TOWN CENTRE", ["TODAY"]),  # a headline in capitals
    ("Strike Set For Today", ["Today"]),  # a short headline: no long word in lower case
    ("Rescuers searched through the night… Today they found 12 survivors.", ["Today"]),
    ("• Today the council votes on the budget.", ["Today"]),  # a list item begins
])
def test_a_deictic_word_capitalised_inside_a_sentence_is_part_of_a_name(sentence, found):
    from crosscheck.extract import extract_facts

    article = Article(id="a", path="a.txt", text=sentence, published=date(2013, 5, 2), published_from="metadata")
    assert [f.text for f in extract_facts(article) if f.kind == "date"] == found


def test_a_sentence_of_thousands_of_capitalised_deictic_words_is_read_in_linear_time():
    # hostile text: each "Today" after a word asks whether the sentence is a headline, which
    # is read once per sentence, not once per word (four times the words, about four times
    # the time; sixteen if quadratic); the best of three texts per size, as load slows one run
    import time

    from crosscheck.extract.dates import extract_dates
    from crosscheck.extract.sentences import split_sentences

    def seconds(n):
        best = float("inf")
        for r in range(3):
            text = " ".join([f"Harbour{r} Today"] * n) + " said."
            start = time.perf_counter()
            extract_dates(Article(id="a", path="a.txt", text=text), split_sentences(text))
            best = min(best, time.perf_counter() - start)
        return best

    seconds(100)  # warm up
    assert seconds(2000) < 9 * max(seconds(500), 0.01)
