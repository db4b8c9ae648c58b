"""The seeds through the whole pipeline: the eight points the comparison must show.

Each point follows from general rules; nothing in crosscheck/ names these articles.
"""

from __future__ import annotations

import json
from pathlib import Path

from crosscheck.cli import main

CNN, PRESSTV, TASS = "000_ed04c62a9190deb3", "001_53ba22589fc03a6e", "002_8630f97f2a732009"


def _facts(report, article, kind, text):
    return [f for f in report["facts"] if f["article"] == article and f["kind"] == kind and text in f["text"]]


def _cluster_of(report, fact_id):
    return next(c for c in report["clusters"] if fact_id in c["facts"])


def _one(report, article, kind, text):
    found = _facts(report, article, kind, text)
    assert found, f"no {kind} fact with {text!r} in {article}"
    return found[0]


def test_outlets_from_text_without_sidecar(seeds_copy: Path):
    from crosscheck.pipeline import compare

    (seeds_copy / "crosscheck.toml").unlink()
    arts = {a.id: a for a in compare([str(seeds_copy)]).articles}
    assert (arts[CNN].outlet, arts[CNN].outlet_from) == ("CNN", "byline")
    assert (arts[TASS].outlet, arts[TASS].outlet_from) == ("TASS", "dateline")
    assert arts[PRESSTV].outlet_from == "unknown"


def test_outlets_and_dates_with_sidecar(seeds_report):
    arts = {a["id"]: a for a in seeds_report["articles"]}
    assert arts[PRESSTV]["outlet"] == "PressTV" and arts[PRESSTV]["outlet_from"] == "metadata"
    assert arts[CNN]["published"] == "2017-12-28"
    assert arts[TASS]["published"] == "2017-12-30"
    assert arts[PRESSTV]["published"] == "2018-03-21"


def test_decision_dates_agree(seeds_report):
    cnn = _one(seeds_report, CNN, "date", "last week")
    ptv = _one(seeds_report, PRESSTV, "date", "December")
    tass = _one(seeds_report, TASS, "date", "December 19")
    cluster = _cluster_of(seeds_report, cnn["id"])
    assert {cnn["id"], ptv["id"], tass["id"]} <= set(cluster["facts"])
    assert cluster["verdict"] == "agree"
    assert tass["value"]["start"] == tass["value"]["end"] == "2017-12-19"
    assert (cnn["value"]["start"], cnn["value"]["end"]) == ("2017-12-18", "2017-12-24")
    assert (ptv["value"]["start"], ptv["value"]["end"]) == ("2017-12-01", "2017-12-31")


def test_two_systems_agree_and_other_counts_stay_apart(seeds_report):
    cnn = next(f for f in _facts(seeds_report, CNN, "count", "two") if "At least" not in f["text"]
               and "system" in f["value"].get("item", ""))
    tass = next(f for f in _facts(seeds_report, TASS, "count", "two") if "system" in f["value"].get("item", ""))
    cluster = _cluster_of(seeds_report, cnn["id"])
    assert tass["id"] in cluster["facts"] and cluster["verdict"] == "agree"
    others = (
        _facts(seeds_report, CNN, "count", "23")
        + _facts(seeds_report, CNN, "count", "At least two")
        + _facts(seeds_report, PRESSTV, "count", "400")
    )
    assert len(others) == 3
    for f in others:
        assert f["id"] not in cluster["facts"]
    four = _one(seeds_report, PRESSTV, "count", "four")
    assert _cluster_of(seeds_report, four["id"])["verdict"] != "conflict"


def test_spokeswoman_statement_dates_agree(seeds_report):
    ptv = _one(seeds_report, PRESSTV, "date", "December 28")
    tass = _one(seeds_report, TASS, "date", "Thursday")
    assert ptv["value"]["start"] == tass["value"]["start"] == "2017-12-28"
    cluster = _cluster_of(seeds_report, ptv["id"])
    assert tass["id"] in cluster["facts"] and cluster["verdict"] == "agree"


def test_treaty_remarks_are_a_paraphrase(seeds_report):
    """The spokeswoman's words on the treaty: quoted by TASS, quoted and reported by CNN in
    other words. Whichever of CNN's treaty remarks is aligned, it is a paraphrase."""
    tass = next(f for f in seeds_report["facts"] if f["article"] == TASS and f["kind"] == "quote"
                and "Intermediate-Range" in f["text"])
    assert "Zakharova" in tass["speaker"]
    cluster = _cluster_of(seeds_report, tass["id"])
    by_id = {f["id"]: f for f in seeds_report["facts"]}
    cnn = [by_id[i] for i in cluster["facts"] if by_id[i]["article"] == CNN]
    assert len(cnn) == 1 and "INF" in cnn[0]["text"] and "Zakharova" in cnn[0]["speaker"]
    assert cluster["verdict"] == "paraphrase"
    diff = next(d for d in cluster["differences"] if {d["fact_a"], d["fact_b"]} == {cnn[0]["id"], tass["id"]})
    assert diff["removed"] and diff["added"]


def test_prices_are_single_source_facts_about_different_things(seeds_report):
    each = _one(seeds_report, TASS, "money", "889")
    sale = _one(seeds_report, PRESSTV, "money", "133.3")
    assert each["value"]["scope"] == "per_unit" and sale["value"]["scope"] == "total"
    c1, c2 = _cluster_of(seeds_report, each["id"]), _cluster_of(seeds_report, sale["id"])
    assert c1["id"] != c2["id"]
    assert c1["verdict"] == c2["verdict"] == "single-source"


def test_hedges_framing_the_decision(seeds_report):
    decision = _cluster_of(seeds_report, _one(seeds_report, CNN, "date", "last week")["id"])
    for word in ("alleged", "purported"):
        fr = next(f for f in seeds_report["facts"] if f["article"] == PRESSTV and f["kind"] == "framing"
                  and f["value"]["word"] == word)
        assert fr["value"]["target"] in decision["facts"]
        assert any(x["word"] == word and x["outlet"] == "PressTV" for x in decision["framing"])


def test_no_conflict_on_unmodified_seeds(seeds_report):
    assert [c for c in seeds_report["clusters"] if c["verdict"] == "conflict"] == []


def test_cli_writes_identical_json_and_markdown(tmp_path: Path, capsys):
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    for run in ("a", "b"):
        assert main(["compare", str(seeds), "--out", str(tmp_path / run), "--format", "json,md", "--quiet"]) == 0
    for name in ("report.json", "report.md"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    data = json.loads((tmp_path / "a" / "report.json").read_text())
    assert {"articles", "facts", "clusters", "scores"} <= set(data)
    assert {"overall", "pairs"} <= set(data["scores"])
    for c in data["clusters"]:
        assert {"id", "kind", "topic", "facts", "outlets", "verdict", "score"} <= set(c)
    md = (tmp_path / "a" / "report.md").read_text()
    assert md.index("## Agreements") < md.index("## Reported by one source only")


def test_cli_errors_are_one_line_with_exit_2(tmp_path: Path, capsys):
    (tmp_path / "only.txt").write_text("CNN — A single article about something.", encoding="utf-8")
    assert main(["compare", str(tmp_path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "at least two" in err
    assert main(["compare", str(tmp_path / "missing")]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_every_frame_in_the_seeds_report_uses_the_documented_roles():
    from pathlib import Path

    from crosscheck.models import DATE_FRAME_ROLES, NUMBER_ROLES
    from crosscheck.pipeline import compare

    report = compare([str(Path(__file__).parent.parent / "seeds")])
    framed = [f for f in report.facts if f.frame is not None]
    assert framed
    for f in framed:
        roles = DATE_FRAME_ROLES if f.kind == "date" else NUMBER_ROLES
        assert f.frame.role in roles and f.frame.role != "identifier", (f.text, f.frame)
