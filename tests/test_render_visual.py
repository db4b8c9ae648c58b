"""Tests of the visual report: charts (PNG), report.pdf and the self-contained report.html."""

from __future__ import annotations

import base64
import re
import struct
from dataclasses import replace
from datetime import date

import pytest

from crosscheck.models import Article, Cluster, Fact, PairScore, Report
from crosscheck.render import charts, html, pdf

XSS = "<script>alert(1)</script>"


def _fact(fid, article, kind, text, sentence, value, speaker=None):
    return Fact(id=fid, article=article, kind=kind, text=text, start=0, end=len(text),
                sentence=sentence, value=value, speaker=speaker)


def _date(start, end=None, granularity="day", anchored=True):
    return {"start": start, "end": end or start, "granularity": granularity,
            "anchored": anchored, "relative": False, "inferred": False}


def seed_like_report() -> Report:
    """Three outlets on one story, with every verdict and every chart's data."""
    arts = (
        Article("a1", "stories/a1.txt", "The storm reached the coast ...", outlet="Coast Daily",
                outlet_from="metadata", published=date(2021, 9, 3), published_from="dateline",
                title="Storm floods coastal towns, thousands evacuated"),
        Article("a2", "stories/a2.txt", "Floods ...", outlet="River Post", outlet_from="byline",
                published=date(2021, 9, 4), published_from="metadata",
                url="https://example.org/floods"),
        Article("a3", "stories/a3.txt", "Officials said ...", outlet=None,
                published=None, title="Officials warn of more rain after floods " + XSS),
    )
    s1 = "The storm made landfall on Thursday, the weather service said."
    facts = (
        _fact("a1:d1", "a1", "date", "Thursday", s1, _date("2021-09-02")),
        _fact("a2:d1", "a2", "date", "Thursday", "Landfall came on Thursday night.",
              _date("2021-09-02")),
        _fact("a3:d1", "a3", "date", "last week", "The storm hit last week.",
              _date("2021-08-30", "2021-09-05", "week")),
        _fact("a1:d2", "a1", "date", "in August", "Rain had fallen all through August.",
              _date("2021-08-01", "2021-08-31", "month")),
        _fact("a2:d2", "a2", "date", "soon", "More rain is expected soon.",
              _date(None, None, anchored=False)),
        _fact("a1:c1", "a1", "count", "3,000 people",
              "About 3,000 people were evacuated from the towns.",
              {"low": 2900, "high": 3100, "item": "people", "qualifier": "about"}),
        _fact("a2:c1", "a2", "count", "5,000 residents",
              "Officials said 5,000 residents had to leave their homes " + XSS,
              {"low": 5000, "high": 5000, "item": "residents", "qualifier": None}),
        _fact("a1:q1", "a1", "quote", "We have never seen water this high",
              "“We have never seen water this high,” said Mayor Ana Ortiz.",
              {"content": "We have never seen water this high", "speaker": "Ana Ortiz",
               "speaker_from": "named"}, speaker="Ana Ortiz"),
        _fact("a2:q1", "a2", "quote", "We have never seen the water rise this high",
              "Mayor Ortiz said: “We have never seen the water rise this high.”",
              {"content": "We have never seen the water rise this high", "speaker": "Ana Ortiz",
               "speaker_from": "named"}, speaker="Ana Ortiz"),
        _fact("a3:q1", "a3", "quote", "Never have we seen water so high " + XSS,
              "“Never have we seen water so high " + XSS + ",” the mayor said.",
              {"content": "Never have we seen water so high " + XSS, "speaker": "Ana Ortiz",
               "speaker_from": "title"}, speaker="Ana Ortiz"),
        _fact("a2:f1", "a2", "framing", "alleged", "The alleged failure of the levee ...",
              {"word": "alleged", "category": "distancing", "target": None}),
        _fact("a3:f1", "a3", "framing", "reportedly", "The dam reportedly cracked.",
              {"word": "reportedly", "category": "hedge", "target": None}),
        _fact("a3:f2", "a3", "framing", "catastrophic", "A catastrophic failure.",
              {"word": "catastrophic", "category": "loaded", "target": None}),
        _fact("a1:m1", "a1", "money", "$2.5 million",
              "The state released $2.5 million in emergency aid for the towns' " * 3,
              {"low": 2.5e6, "high": 2.5e6, "currency": "USD", "scale": "million",
               "scope": "total", "item": "emergency aid", "qualifier": None}),
        _fact("a3:m1", "a3", "money", "$40 million", "Damage is put at $40 million.",
              {"low": 4e7, "high": 4e7, "currency": "USD", "scale": "million",
               "scope": "total", "item": "damage", "qualifier": None}),
    )
    label = "a3"
    clusters = (
        Cluster("c1", "date", "storm landfall", ("a1:d1", "a2:d1", "a3:d1"),
                ("Coast Daily", "River Post", label), "agree", 1.0,
                {"Coast Daily": "2021-09-02", "River Post": "2021-09-02",
                 label: "2021-08-30..2021-09-05 (week)"}),
        Cluster("c2", "count", "people evacuated from the towns", ("a1:c1", "a2:c1"),
                ("Coast Daily", "River Post"), "conflict", 0.0,
                {"Coast Daily": "2,900–3,100 people", "River Post": "5,000 residents"},
                over_time=True,
                timeline=({"outlet": "Coast Daily", "published": "2021-09-03",
                           "value": "2,900–3,100 people"},
                          {"outlet": "River Post", "published": "2021-09-04",
                           "value": "5,000 residents"})),
        Cluster("c3", "quote", "mayor on water level", ("a1:q1", "a2:q1", "a3:q1"),
                ("Coast Daily", "River Post", label), "paraphrase", 0.8,
                {"Coast Daily": "Ana Ortiz: “We have never seen water this high”",
                 "River Post": "Ana Ortiz: “We have never seen the water rise this high”",
                 label: "Ana Ortiz: “Never have we seen water so high”"},
                differences=({"a": "Coast Daily", "b": "River Post", "removed": [],
                              "added": ["the", "rise"]},
                             {"a": "Coast Daily", "b": label, "removed": ["this"],
                              "added": ["so", XSS]})),
        Cluster("c4", "date", "rain in August", ("a1:d2",), ("Coast Daily",),
                "single-source", None, {"Coast Daily": "2021-08"}),
        Cluster("c5", "money", "emergency aid " + XSS, ("a1:m1",), ("Coast Daily",),
                "single-source", 1.0, {"Coast Daily": "$2.5 million"}),
        Cluster("c6", "money", "damage", ("a3:m1",), (label,), "single-source", 1.0,
                {label: "$40 million"}),
    )
    pairs = (
        PairScore("Coast Daily", "River Post", 3, 1, 1, 1, 0.5),
        PairScore("Coast Daily", label, 2, 1, 0, 1, 0.75),
        PairScore("River Post", label, 2, 1, 0, 1, 0.75),
    )
    return Report(arts, facts, clusters, pairs, 0.62, version="test",
                  warnings=("a3: outlet unknown, labelled by file id",))


def many_outlets_report(n: int = 12) -> Report:
    """``n`` outlets with long names, many topics, and pairwise scores."""
    arts = tuple(
        Article(f"o{i:02d}", f"x/o{i:02d}.txt", "text", outlet=f"The Very Long Outlet Name {i}",
                outlet_from="metadata", published=date(2022, 3, 1 + i), published_from="metadata")
        for i in range(n))
    facts, clusters = [], []
    for t in range(12):
        members = [i for i in range(n) if (i + t) % 3 != 0] if t % 4 else [t % n]
        ids = []
        for i in members:
            fid = f"o{i:02d}:t{t}"
            kind = "date" if t % 2 == 0 else "count"
            value = (_date(f"2022-03-{1 + (t + i) % 9:02d}") if kind == "date"
                     else {"low": 10 + t, "high": 10 + t, "item": "boats", "qualifier": None})
            facts.append(_fact(fid, f"o{i:02d}", kind, "x", f"A sentence about topic {t}.",
                               value))
            ids.append(fid)
        verdict = ("single-source" if len(members) == 1 else
                   ("conflict", "agree", "paraphrase")[t % 3])
        clusters.append(Cluster(
            f"k{t}", facts[-1].kind,
            f"a rather long topic label number {t} that needs to be shortened somewhere",
            tuple(ids), tuple(arts[i].label for i in members), verdict, 0.5,
            {arts[i].label: str(t) for i in members}))
    for i in range(n):
        facts.append(_fact(f"o{i:02d}:f", f"o{i:02d}", "framing", "so-called", "s",
                           {"word": ("so-called", "reportedly", "slaughter")[i % 3],
                            "category": ("distancing", "hedge", "loaded")[i % 3],
                            "target": None}))
    pairs = tuple(PairScore(arts[i].label, arts[j].label, 6, 3, 1, 2, (i * j % 7) / 6)
                  for i in range(n) for j in range(i + 1, n))
    return Report(arts, tuple(facts), tuple(clusters), pairs, 0.5)


def _png_size_and_dpi(data: bytes) -> tuple[int, int, float | None]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    dpi = None
    at = data.find(b"pHYs")
    if at > 0:
        ppu_x, _, unit = struct.unpack(">IIB", data[at + 4:at + 13])
        if unit == 1:
            dpi = ppu_x * 0.0254
    return width, height, dpi


def _pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", data))


REPORTS = {
    "seed_like": seed_like_report,
    "many_outlets": many_outlets_report,
    "empty": lambda: Report((), (), (), (), None),
}


@pytest.fixture(scope="module", params=sorted(REPORTS))
def rendered(request, tmp_path_factory):
    """Each report rendered once (charts, PDF, HTML) into its own folder."""
    report = REPORTS[request.param]()
    out = tmp_path_factory.mktemp(request.param)
    return {"report": report, "charts": charts.write_charts(report, out),
            "pdf": pdf.write_pdf(report, out), "html": html.write_html(report, out)}


def test_charts_are_valid_pngs(rendered):
    paths = rendered["charts"]
    assert [p.name for p in paths] == [f"{n}.png" for n in charts.CHART_NAMES]
    for p in paths:
        w, h, dpi = _png_size_and_dpi(p.read_bytes())
        assert dpi is not None and dpi >= 149
        assert w >= 700 and h >= 450


def test_pdf_is_valid_and_paginated(rendered):
    report, path = rendered["report"], rendered["pdf"]
    data = path.read_bytes()
    assert path.name == "report.pdf" and data.startswith(b"%PDF")
    expected = (len(pdf.cover_pages(report)) + len(charts.CHART_NAMES)
                + len(pdf.evidence_pages(report)))
    assert _pdf_pages(data) == expected
    assert b"CreationDate" not in data


def test_html_is_self_contained(rendered):
    doc = rendered["html"].read_text(encoding="utf-8")
    images = re.findall(r'<img [^>]*src="data:image/png;base64,([^"]+)"', doc)
    assert len(images) == len(charts.CHART_NAMES)
    assert base64.b64decode(images[0])[:8] == b"\x89PNG\r\n\x1a\n"
    assert not re.search(r'(?:src|href)="(?:https?:)?//', doc)
    assert "<link" not in doc and "@import" not in doc
    for verdict in ("conflict", "paraphrase", "agree", "single-source"):
        assert f'id="verdict-{verdict}"' in doc


def test_pdf_is_reproducible(rendered, tmp_path):
    if len(rendered["report"].articles) != 3:
        pytest.skip("checked on the seed-like report only, to keep the test fast")
    again = pdf.write_pdf(rendered["report"], tmp_path).read_bytes()
    assert again == rendered["pdf"].read_bytes()


def test_evidence_orders_conflicts_first_and_wraps_long_text():
    pages = pdf.evidence_pages(seed_like_report())
    text = "\n".join(line.text for page in pages for line in page)
    order = [text.index(t) for t in ("people evacuated", "mayor on water level",
                                     "storm landfall", "damage")]
    assert order == sorted(order)
    assert "$2.5 million in emergency aid" in text  # the long sentence, wrapped not cut
    assert all(line.width <= pdf.TEXT_WIDTH + 0.5 for page in pages for line in page)


def test_html_escapes_article_text(rendered):
    doc = rendered["html"].read_text(encoding="utf-8")
    assert XSS not in doc
    # the one script is the page's own (filters), written by the package, not by an article
    assert doc.lower().count("<script") == 1 and f"<script>{html.SCRIPT}</script>" in doc
    if rendered["report"].clusters and len(rendered["report"].articles) == 3:
        assert doc.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 5


def test_differing_words_come_from_the_diff():
    c = seed_like_report().clusters[2]
    assert charts.differing_words(c, "River Post") == ["rise"]  # "the": a function word
    assert charts.differing_words(c, "Coast Daily") == []
    negated = replace(c, differences=({"a": "Coast Daily", "b": "River Post",
                                       "removed": ["the", "bridge"], "added": ["not"]},))
    assert charts.differing_words(negated, "River Post") == ["not"]
    assert charts.differing_words(negated, "Coast Daily") == ["bridge"]


def test_marks_match_words_and_hyphenated_compounds():
    marks = {"intermediate", "range", "water"}
    assert charts.is_marked("“Water,", marks)
    assert charts.is_marked("Intermediate-Range", marks)
    assert not charts.is_marked("Mid-Range", marks)
    assert html.marked("the <b>water</b> rose", {"rose"}) == (
        "the &lt;b&gt;water&lt;/b&gt; <mark>rose</mark>")


def test_quote_similarity_ranks_the_odd_version_lowest():
    sims = charts.speech_similarity(["we will rebuild the bridge this year",
                                     "we will rebuild the bridge this year",
                                     "the bridge may not be rebuilt"])
    assert sims[0] == sims[1] > sims[2]


def test_rendering_does_not_change_the_report(rendered, request):
    name = request.node.callspec.params["rendered"]
    assert rendered["report"] == REPORTS[name]()


def test_story_title_prefers_the_central_title():
    r = seed_like_report()
    assert charts.story_title(r).startswith("Storm floods")
    untitled = replace(r, articles=tuple(replace(a, title=None) for a in r.articles))
    assert charts.story_title(untitled).startswith("Coverage of:")


# --- no label cut off or overlapping ---------------------------------------------------
def text_boxes(fig):
    """(text, window extent) of every visible, non-empty text of a drawn figure."""
    from matplotlib.text import Text

    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    return [(t.get_text(), t.get_window_extent(renderer)) for t in fig.findobj(Text)
            if t.get_visible() and t.get_text().strip()]


def overlaps(fig, tolerance: float = 1.0) -> list[tuple[str, str]]:
    """Pairs of texts whose boxes overlap, and texts ("", text) that run off the figure.
    Boxes are axis-aligned: the charts write text horizontally or at 90 degrees."""
    boxes = text_boxes(fig)
    out = []
    for i, (ta, a) in enumerate(boxes):
        if (a.x0 < fig.bbox.x0 - tolerance or a.x1 > fig.bbox.x1 + tolerance
                or a.y0 < fig.bbox.y0 - tolerance or a.y1 > fig.bbox.y1 + tolerance):
            out.append(("", ta))
        for tb, b in boxes[i + 1:]:
            if (a.x0 < b.x1 - tolerance and b.x0 < a.x1 - tolerance
                    and a.y0 < b.y1 - tolerance and b.y0 < a.y1 - tolerance):
                out.append((ta, tb))
    return out


def test_overlap_check_sees_overlapping_and_cut_text():
    fig = charts._new_figure(4, 3, "a title")
    ax = fig.add_subplot()
    ax.text(0.5, 0.5, "first label", transform=ax.transAxes)
    ax.text(0.52, 0.5, "second label", transform=ax.transAxes)
    ax.text(1.6, 0.5, "off the page", transform=ax.transAxes)
    found = overlaps(fig)
    assert ("first label", "second label") in found and ("", "off the page") in found


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_chart_texts_neither_overlap_nor_run_off(name):
    report = REPORTS[name]()
    for chart, fig in charts.chart_figures(report):
        assert overlaps(fig) == [], chart


def test_timeline_labels_every_row_with_its_fact_and_groups_outlets_under_it():
    fig = charts.timeline(seed_like_report())
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    # the storm's landfall, dated by all three outlets: a heading, then one row per outlet
    head = labels.index("storm landfall")
    assert labels[head + 1:head + 4] == ["Coast Daily", "River Post", "a3"]
    assert "rain in August · Coast Daily" in labels


def test_facts_by_topic_shows_shared_groups_and_counts_the_rest():
    report = seed_like_report()
    fig = charts.facts_by_topic(report)
    rows = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    shared = [c for c in report.clusters if len(set(c.outlets)) > 1]
    assert len(rows) == len(shared) == 3
    assert "+ 3 groups reported by one outlet only" in fig._suptitle.get_text()


ROOT = __import__("pathlib").Path(__file__).resolve().parent.parent
#: A real event of about 20 outlets (ECB+ topic 1, outside the project: skipped when absent).
BIG_EVENT = ROOT.parent / "shared" / "datasets" / "ecbplus" / "t01_ecbplus"


@pytest.mark.parametrize("folder", [ROOT / "seeds", BIG_EVENT], ids=["seeds", "ecbplus-t01"])
def test_real_charts_texts_neither_overlap_nor_run_off(folder):
    from crosscheck.pipeline import compare

    if not folder.is_dir():
        pytest.skip(f"{folder} is not here")
    report = compare([str(folder)])
    for chart, fig in charts.chart_figures(report):
        assert overlaps(fig) == [], chart
