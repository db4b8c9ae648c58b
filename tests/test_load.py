"""Tests for crosscheck.load: formats, metadata, detection, and one-line errors on bad input."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from crosscheck import settings
from crosscheck.load import InputError, load_article, load_corpus
from crosscheck.load.detect import date_from_url, detect_outlet, detect_published

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

QUAKE = "A magnitude 6.1 earthquake struck the coast on Monday, officials said.\n\nRescuers searched the rubble.\n"
FLOOD = "Floodwaters rose across the delta on Tuesday, forcing 4,000 people from their homes.\n"

HTML_PAGE = """<!DOCTYPE html>
<html><head><title>Dam bursts after storm | The Valley Post</title>
<meta property="og:site_name" content="The Valley Post">
<meta property="article:published_time" content="2023-09-11T06:30:00+02:00">
<link rel="canonical" href="https://valleypost.example/news/dam-bursts">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article><h1>Dam bursts after storm</h1>
<p>Two dams burst after a storm dumped a year's rain in a day, sweeping away whole districts of the port city, officials said on Monday.</p>
<p>Rescue teams were still searching for survivors in the mud on Tuesday as aid began to arrive from neighbouring countries.</p>
</article>
<footer>Copyright 2023 The Valley Post. All rights reserved.</footer>
</body></html>
"""


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def error_of(call, *args) -> InputError:
    with pytest.raises(InputError) as info:
        call(*args)
    err = info.value
    assert "\n" not in str(err)
    assert str(err) == f"{err.path}: {err.problem}"
    return err


# --- formats -----------------------------------------------------------------------------


def test_txt_text_unchanged_but_bom_and_crlf(tmp_path):
    f = write(tmp_path / "quake.txt", b"\xef\xbb\xbfLine one.\r\nLine two.\r\n")
    a = load_article(str(f), None)
    assert a.text == "Line one.\nLine two.\n"
    assert a.id == "quake" and a.path == str(f)
    assert (a.outlet, a.outlet_from, a.published, a.published_from) == (None, "unknown", None, "unknown")


def test_markdown_front_matter(tmp_path):
    f = write(
        tmp_path / "ledger.md",
        "---\noutlet: Daily Ledger\npublished: 2024-05-04\n# a comment\n\n"
        'url: "https://ledger.example/a"\ntitle: Toll rises: 212 dead\n---\n' + QUAKE,
    )
    a = load_article(str(f), None)
    assert a.text == QUAKE
    assert (a.outlet, a.outlet_from) == ("Daily Ledger", "metadata")
    assert (a.published, a.published_from) == (date(2024, 5, 4), "metadata")
    assert a.url == "https://ledger.example/a"
    assert a.title == "Toll rises: 212 dead"


def test_markdown_without_front_matter_is_text(tmp_path):
    f = write(tmp_path / "plain.md", "# Heading\n\n" + QUAKE)
    assert load_article(str(f), None).text == "# Heading\n\n" + QUAKE


def test_html_text_and_page_metadata(tmp_path):
    f = write(tmp_path / "dam.html", HTML_PAGE)
    a = load_article(str(f), None)
    assert "Two dams burst" in a.text and "Rescue teams" in a.text
    assert "Copyright" not in a.text and "Sport" not in a.text
    assert (a.outlet, a.outlet_from) == ("The Valley Post", "metadata")
    assert (a.published, a.published_from) == (date(2023, 9, 11), "metadata")
    assert a.title == "Dam bursts after storm"
    assert a.url == "https://valleypost.example/news/dam-bursts"


def test_html_json_ld_metadata(tmp_path):
    page = HTML_PAGE.replace('<meta property="og:site_name" content="The Valley Post">', "").replace(
        '<meta property="article:published_time" content="2023-09-11T06:30:00+02:00">',
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
        '{"@type": "NewsArticle", "datePublished": "2023-09-12", "publisher": {"@type": "Organization", '
        '"name": "Delta Wire"}}]}</script>',
    )
    a = load_article(str(write(tmp_path / "dam.htm", page)), None)
    assert (a.outlet, a.published) == ("Delta Wire", date(2023, 9, 12))


def test_html_date_not_taken_from_text_or_url(tmp_path):
    page = (
        '<html><head><link rel="canonical" href="https://post.example/2023/09/11/dam"></head><body><article>'
        "<p>Two dams burst after a storm dumped a year's rain in a day on Sunday, September 10, 2023, "
        "sweeping away whole districts of the port city, officials said.</p>"
        "<p>Rescue teams were still searching for survivors in the mud as aid began to arrive.</p></article></body></html>"
    )
    a = load_article(str(write(tmp_path / "dam.html", page)), None)
    # The URL's date is an inference from the URL, recorded as such, not as page metadata.
    assert (a.published, a.published_from) == (date(2023, 9, 11), "inferred")


def test_unknown_extension_named_explicitly_is_text(tmp_path):
    f = write(tmp_path / "story.text", QUAKE)
    assert load_article(str(f), None).text == QUAKE


# --- corpus ------------------------------------------------------------------------------


def test_folder_sorted_skips_hidden_unknown_and_sidecar(tmp_path):
    write(tmp_path / "b.txt", FLOOD)
    write(tmp_path / "a.md", QUAKE)
    write(tmp_path / ".hidden.txt", FLOOD)
    write(tmp_path / "notes.pdf", "not an article")
    write(tmp_path / "crosscheck.toml", '["a.md"]\noutlet = "Alpha News"\n')
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub" / "c.txt", FLOOD)
    arts = load_corpus([str(tmp_path)])
    assert [a.id for a in arts] == ["a", "b"]
    assert arts[0].outlet == "Alpha News"


def test_id_collisions_get_numeric_suffix(tmp_path):
    write(tmp_path / "one" / "story.txt", QUAKE)
    write(tmp_path / "two" / "story.txt", FLOOD)
    write(tmp_path / "two" / "story-2.txt", FLOOD + "More.\n")
    arts = load_corpus([str(tmp_path / "two"), str(tmp_path / "one")])
    by_id = {a.id: a.path for a in arts}
    assert [a.id for a in arts] == sorted(by_id)
    assert by_id["story"] == str(tmp_path / "one" / "story.txt")
    assert by_id["story-2"] == str(tmp_path / "two" / "story-2.txt")
    assert by_id["story-3"] == str(tmp_path / "two" / "story.txt")


def test_same_file_twice_is_loaded_once(tmp_path):
    write(tmp_path / "a.txt", QUAKE)
    write(tmp_path / "b.txt", FLOOD)
    arts = load_corpus([str(tmp_path), str(tmp_path / "a.txt")])
    assert [a.id for a in arts] == ["a", "b"]


def test_seeds_with_sidecar():
    arts = load_corpus([str(SEEDS)])
    got = [(a.id[:3], a.outlet, a.outlet_from, a.published, a.published_from) for a in arts]
    assert got == [
        ("000", "CNN", "metadata", date(2017, 12, 28), "metadata"),
        ("001", "PressTV", "metadata", date(2018, 3, 21), "metadata"),
        ("002", "TASS", "metadata", date(2017, 12, 30), "metadata"),
    ]
    assert arts[0].url == "https://www.cnn.com/2017/12/28/asia/russia-us-japan-anti-missile-defense-intl"
    assert arts[0].text == (SEEDS / "000_ed04c62a9190deb3.txt").read_text(encoding="utf-8")


def test_seeds_without_sidecar_detect(tmp_path):
    for f in SEEDS.glob("*.txt"):
        shutil.copy(f, tmp_path / f.name)
    arts = load_corpus([str(tmp_path)])
    got = [(a.outlet, a.outlet_from, a.published, a.published_from) for a in arts]
    assert got == [
        ("CNN", "byline", None, "unknown"),  # "CNN  — " line
        (None, "unknown", None, "unknown"),  # nothing in the text says it
        ("TASS", "dateline", None, "unknown"),  # "MOSCOW, December 30. /TASS/." has no year
    ]


def test_explicit_sidecar_by_file_name(tmp_path):
    write(tmp_path / "in" / "a.txt", QUAKE)
    write(tmp_path / "in" / "b.txt", FLOOD)
    side = write(tmp_path / "meta" / "my.toml", '["a.txt"]\noutlet = "Alpha"\npublished = "2024-01-02"\n')
    arts = load_corpus([str(tmp_path / "in")], str(side))
    assert (arts[0].outlet, arts[0].published) == ("Alpha", date(2024, 1, 2))
    assert arts[1].outlet is None


def test_sidecar_applies_to_files_named_in_its_folder(tmp_path):
    a = write(tmp_path / "a.txt", QUAKE)
    b = write(tmp_path / "b.txt", FLOOD)
    write(tmp_path / "c.txt", FLOOD)
    write(tmp_path / "crosscheck.toml", '["b.txt"]\noutlet = "Beta"\n["c.txt"]\noutlet = "Gamma"\n')
    arts = load_corpus([str(a), str(b)])
    assert [x.outlet for x in arts] == [None, "Beta"]


# --- precedence --------------------------------------------------------------------------


def test_metadata_wins_over_detection(tmp_path):
    text = "LONDON, Jan 5, 2023 (Reuters) - " + FLOOD
    write(tmp_path / "a.txt", text)
    write(tmp_path / "b.txt", text)
    write(tmp_path / "crosscheck.toml", '["a.txt"]\noutlet = "Morning Star"\npublished = 2023-01-06\n')
    a, b = load_corpus([str(tmp_path)])
    assert (a.outlet, a.outlet_from, a.published, a.published_from) == (
        "Morning Star",
        "metadata",
        date(2023, 1, 6),
        "metadata",
    )
    assert (b.outlet, b.outlet_from, b.published, b.published_from) == (
        "Reuters",
        "dateline",
        date(2023, 1, 5),
        "dateline",
    )
    assert a.text == text  # detection never edits the text


def test_front_matter_wins_over_sidecar_per_key(tmp_path):
    write(tmp_path / "a.md", "---\noutlet: Front Page\n---\n" + QUAKE)
    write(tmp_path / "b.txt", FLOOD)
    write(tmp_path / "crosscheck.toml", '["a.md"]\noutlet = "Side"\npublished = 2020-02-02\n')
    a = load_corpus([str(tmp_path)])[0]
    assert (a.outlet, a.published) == ("Front Page", date(2020, 2, 2))


def test_sidecar_wins_over_html_meta_tags(tmp_path):
    write(tmp_path / "dam.html", HTML_PAGE)
    write(tmp_path / "b.txt", FLOOD)
    write(tmp_path / "crosscheck.toml", '["dam.html"]\noutlet = "Valley Post"\n')
    a = load_corpus([str(tmp_path)])[1]
    assert (a.outlet, a.published) == ("Valley Post", date(2023, 9, 11))


def test_url_year_completes_a_yearless_dateline(tmp_path):
    f = write(tmp_path / "a.txt", "MANILA, Nov. 8 (Reuters) - A typhoon hit the islands.\n")
    a = load_article(str(f), {"url": "https://wire.example/2013/11/09/typhoon"})
    assert (a.published, a.published_from) == (date(2013, 11, 8), "dateline")
    a = load_article(str(write(tmp_path / "b.txt", FLOOD)), {"url": "https://wire.example/2013/11/09/typhoon"})
    assert (a.published, a.published_from) == (date(2013, 11, 9), "inferred")


# --- detection ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, outlet, source",
    [
        ("LONDON, Jan 5 (Reuters) - Oil prices rose on Monday.", "Reuters", "dateline"),
        ("(Reuters) - The central bank held rates.", "Reuters", "dateline"),
        ("WASHINGTON (AP) — The Senate passed the bill 52-48.", "AP", "dateline"),
        ("SAN JUAN, Puerto Rico (AP) — The storm knocked out power.", "AP", "dateline"),
        ("PARIS (AFP) - Farmers blocked the ring road.", "AFP", "dateline"),
        ("NAIROBI, March 3 (REUTERS) -- Voters queued for hours.", "Reuters", "dateline"),
        ("Lagos (Harbour Times)Turnout was low in the vote.", "Harbour Times", "dateline"),
        ("Election count\n\nKYIV, March 2. /Ukrinform/. The count began.", "Ukrinform", "dateline"),
        ("WXN\u00a0 —\u00a0\n\nThe court ruled on Friday.", "WXN", "byline"),
        ("Trade deal signed\nBy Jane Doe, Reuters\n\nThe two countries signed.", "Reuters", "byline"),
        ("By Jane Doe and Sam Roe | The Associated Press\nThe jury found.", "AP", "byline"),
        ("By Jane Doe, Staff Writer\n\nThe jury found.", None, "unknown"),
        ("By Jane Doe, Sam Roe and Ana Li\n\nThe jury found.", None, "unknown"),
        ("Washington — The Senate voted on the bill today.", None, "unknown"),
        ("The river burst its banks (officials) - again.", None, "unknown"),
    ],
)
def test_detect_outlet(text, outlet, source):
    assert detect_outlet(text) == (outlet, source)


def test_detect_outlet_only_in_lead():
    body = "\n".join(f"Paragraph {i} of the flood story." for i in range(20))
    assert detect_outlet(body + "\nBy Jane Doe, Reuters\n") == (None, "unknown")


@pytest.mark.parametrize(
    "text, year, expected",
    [
        ("LONDON, Jan 5 (Reuters) - Oil rose.", None, (None, "unknown")),
        ("LONDON, Jan 5 (Reuters) - Oil rose.", 2021, (date(2021, 1, 5), "dateline")),
        ("ATHENS, Sept. 14, 2022 (AP) — Fires spread.", None, (date(2022, 9, 14), "dateline")),
        ("KYIV, March 2. /Ukrinform/. The count began.", 2024, (date(2024, 3, 2), "dateline")),
        ("DRAVEC, May 4 - The death toll rose.", 2024, (date(2024, 5, 4), "dateline")),
        ("Court rules\nPublished March 21, 2018\n\nThe court ruled.", None, (date(2018, 3, 21), "byline")),
        ("Updated 0713 GMT (1513 HKT) December 28, 2017\nText.", None, (date(2017, 12, 28), "byline")),
        ("Tuesday, 2 May 2023 10:15 BST\nText.", None, (date(2023, 5, 2), "byline")),
        ("Updated June 2, 2023\nPublished June 1, 2023\nText.", None, (date(2023, 6, 1), "byline")),
        ("2019-07-04\nText.", None, (date(2019, 7, 4), "byline")),
        ("PARIS, February 30 (AFP) - Odd.", 2023, (None, "unknown")),
        ("The vote on March 3, 2020 was close.", None, (None, "unknown")),
        # the stamps of web pages: a time first, an ordinal day, a dash, a label of any words
        ("Flood warning\n9:15am UK, Tuesday 3 May 2016\nText.", None, (date(2016, 5, 3), "byline")),
        ("Flood warning\nposted Feb 2nd, 2019 at 4:10 PM\nText.", None, (date(2019, 2, 2), "byline")),
        ("Flood warning\nFRIDAY, OCTOBER 9TH, 2020 AT 11:02 AM\nText.", None, (date(2020, 10, 9), "byline")),
        ("Flood warning\nOctober 9-2020 at 16:40\nText.", None, (date(2020, 10, 9), "byline")),
        ("Flood warning\nPage created: Oct 9, 2020 at 8:10 AM CET\nText.", None, (date(2020, 10, 9), "byline")),
        ("Flood warning\nModified time: October 10, 2020 02:15\nPublished October 9, 2020\nText.", None,
         (date(2020, 10, 9), "byline")),
        ("Flood warning\nReleased 2020-10-09 05:08:35 GMT\nText.", None, (date(2020, 10, 9), "byline")),
        ("Flood warning\n(6:20 am CET, Oct 9th 2020)\nText.", None, (date(2020, 10, 9), "byline")),
        ("FRIDAY, OCTOBER 9, 2020\nFlood warning\nText.", None, (date(2020, 10, 9), "byline")),
        ("Posted: Oct 9, 2020 8:20 AM ET Last Updated: Oct 10, 2020 8:10 PM ET\nText.", None,
         (date(2020, 10, 9), "byline")),
        # figures only ("10/9/2020") are read in no order; prose and a headline are no stamps
        ("Flood warning\n10/9/2020 @ 10:05AM\nText.", None, (None, "unknown")),
        ("Flood warning\nRivers rose in the valley on October 9, 2020.\nText.", None, (None, "unknown")),
        # a date with a word that is no label is a fact, not the report's day
        ("Obituary\nBorn: May 5, 1950\nPublished March 3, 2016\nText.", None, (date(2016, 3, 3), "byline")),
        ("Vote count\nElection Day: November 8, 2016\nText.", None, (None, "unknown")),
        ("Vote count\nPosted by Jane Roe on March 3, 2016\nText.", None, (date(2016, 3, 3), "byline")),
        ("Floods hit valley, October 9, 2020\nText.", None, (None, "unknown")),
    ],
)
def test_detect_published(text, year, expected):
    assert detect_published(text, year) == expected


@pytest.mark.parametrize(
    "line, stamp",
    [
        ("Oct. 9 5:46 PM EST", True),  # no year: a stamp when nothing else is on the line
        ("Updated Friday, Oct 9 at 5:53 PM", True),  # ... or with a label
        ("Oct. 9: the talks begin", False),
        ("Talks resume on Oct. 9", False),
    ],
)
def test_a_stamp_without_a_year(line, stamp):
    from crosscheck.load.detect import stamp_lines

    assert bool(stamp_lines("Flood warning\n" + line + "\nText.")) is stamp


def test_stamp_lines_are_not_facts():
    """A publication or update line dates the report, it is no fact of the story: its date
    is not extracted, while the same date in prose is."""
    from crosscheck.extract import extract_facts
    from crosscheck.load import article_from_text

    text = ("Flood warning\n9:15am UK, Tuesday 3 May 2016\n"
            "Rivers rose in the valley on Monday, May 2, 2016, officials said.\n")
    facts = extract_facts(article_from_text("stamp.txt", "stamp", text))
    assert [f.text for f in facts if f.kind == "date"] == ["Monday, May 2, 2016"]


def test_date_from_url():
    assert date_from_url("https://news.example/2017/12/28/asia/story") == date(2017, 12, 28)
    assert date_from_url("https://news.example/world/story-2017") is None
    assert date_from_url(None) is None


# --- bad input ---------------------------------------------------------------------------


def two(tmp_path: Path, name: str, content: str | bytes) -> list[str]:
    """A corpus of one good article and ``name`` holding ``content``."""
    write(tmp_path / "good.txt", QUAKE)
    return [str(tmp_path / "good.txt"), str(write(tmp_path / name, content))]


@pytest.mark.parametrize(
    "name, content, problem",
    [
        ("empty.txt", "", "empty file"),
        ("blank.txt", " \n\t\n", "file has only white space"),
        ("nul.txt", b"abc\x00def", "binary file (contains NUL bytes), not article text"),
        ("wide.txt", "Floods.\n".encode("utf-16"), "UTF-16/UTF-32 text, not UTF-8"),
        ("ctl.txt", bytes(range(1, 9)) * 20, "binary file, not article text"),
        ("latin.txt", "Caf\u00e9 owners said.".encode("latin-1"), "not UTF-8 text: byte 0xe9 at offset 3 is invalid"),
        ("page.html", "<html><body><script>var x = 1;</script></body></html>", "no article text found"),
        ("open.md", "---\noutlet: X\n" + QUAKE, "front matter opened with '---' on line 1 is never closed"),
        ("key.md", "---\nauthor: Jane\n---\n" + QUAKE, "front matter line 2: unknown key 'author'"),
        ("bad.md", "---\njust words\n---\n" + QUAKE, "front matter line 2: expected 'key: value'"),
        ("date.md", "---\npublished: 04/05/2024\n---\n" + QUAKE, "published must be a date written YYYY-MM-DD"),
        ("day.md", "---\npublished: 2024-02-30\n---\n" + QUAKE, "published '2024-02-30' is not a real date"),
        ("only.md", "---\noutlet: X\n---\n\n", "no article text after the front matter"),
    ],
)
def test_bad_file(tmp_path, name, content, problem):
    err = error_of(load_corpus, two(tmp_path, name, content))
    assert err.path == str(tmp_path / name)
    assert problem in err.problem


def test_bom_offset_counts_from_file_start(tmp_path):
    err = error_of(load_corpus, two(tmp_path, "bom.txt", b"\xef\xbb\xbfab\xffc"))
    assert "offset 5" in err.problem


def test_too_large(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "MAX_ARTICLE_BYTES", 200)
    err = error_of(load_corpus, two(tmp_path, "big.txt", "word " * 50))
    assert err.problem == "file is 250 bytes, over the 200 bytes limit for one article"


def test_missing_path(tmp_path):
    err = error_of(load_corpus, [str(tmp_path / "nope.txt"), str(tmp_path)])
    assert err.problem == "no such file or folder"


def test_folder_without_articles(tmp_path):
    write(tmp_path / "notes.pdf", "x")
    err = error_of(load_corpus, [str(tmp_path)])
    assert err.path == str(tmp_path) and err.problem.startswith("no article files")


def test_one_article(tmp_path):
    write(tmp_path / "a.txt", QUAKE)
    err = error_of(load_corpus, [str(tmp_path)])
    assert str(err) == f"{tmp_path}: need at least two articles to compare, found 1"


@pytest.mark.parametrize(
    "sidecar, problem",
    [
        ('["a.txt"\noutlet = "X"\n', "invalid TOML"),
        ('["gone.txt"]\noutlet = "X"\n', "entry 'gone.txt' names a file that does not exist"),
        ('["a.txt"]\nautor = "X"\n', "entry 'a.txt': unknown key 'autor' (known keys: outlet, published, url, title)"),
        ('["a.txt"]\npublished = "28/12/2017"\n', "entry 'a.txt': published must be a date written YYYY-MM-DD"),
        ('["a.txt"]\npublished = 2017-12-28T10:00:00Z\n', "not a date and time"),
        ('["a.txt"]\nurl = "www.example.com/a"\n', "url must start with http:// or https://"),
        ('outlet = "X"\n', "top-level key 'outlet' is not a table"),
    ],
)
def test_bad_sidecar(tmp_path, sidecar, problem):
    write(tmp_path / "a.txt", QUAKE)
    write(tmp_path / "b.txt", FLOOD)
    side = write(tmp_path / "crosscheck.toml", sidecar)
    err = error_of(load_corpus, [str(tmp_path)])
    assert err.path == str(side)
    assert problem in err.problem


def test_missing_explicit_sidecar(tmp_path):
    write(tmp_path / "a.txt", QUAKE)
    write(tmp_path / "b.txt", FLOOD)
    err = error_of(load_corpus, [str(tmp_path)], str(tmp_path / "meta.toml"))
    assert err.problem == "no such metadata file"


def test_cli_prints_one_line_and_exits_2(tmp_path, capsys):
    from crosscheck.cli import main

    write(tmp_path / "a.txt", QUAKE)
    assert main(["compare", str(tmp_path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err == f"crosscheck: error: {tmp_path}: need at least two articles to compare, found 1\n"
