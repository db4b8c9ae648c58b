"""Hostile and broken input (issue 12): extreme values, a cache in a bad state, baselines
edited by hand, and names and text built to break the outputs. Each gives a correct
report, a warning and a normal run, or a one-line error naming the file, exit 2."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pytest

from crosscheck.cache import cached, cache_key, entry_path
from crosscheck.cli import main
from crosscheck.extract import extract_facts
from crosscheck.models import Article
from crosscheck.safe import markdown_text, printable, xml_text

STORY = "The council approved 12 projects on Monday, officials said. It met last week and will meet next year."


def _write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _control_free(text: str) -> bool:
    return not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)


# --- extreme but valid values ------------------------------------------------------------


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
def test_a_publication_date_at_the_ends_of_the_calendar_gives_a_report(tmp_path, capsys, published):
    # the charts' timeline window and margins once ran past year 1 / 9999: an OverflowError,
    # then Matplotlib's "dates must be between year 0001 and 9999"
    folder = _write(tmp_path / "in", {
        "a.md": f"---\noutlet: A\npublished: {published}\n---\n{STORY} It ended yesterday, a week ago.\n",
        "b.md": f"---\noutlet: B\npublished: 2020-05-05\n---\n{STORY}\n",
    })
    code, _, err = _run(capsys, "compare", folder, "--out", tmp_path / "out", "--format", "json,png,pdf",
                        "--no-cache")
    assert code == 0, err
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    for f in report["facts"]:
        if f["kind"] == "date" and f["value"].get("start"):
            assert date.fromisoformat(f["value"]["start"]) <= date.fromisoformat(f["value"]["end"])
    assert (tmp_path / "out" / "timeline.png").stat().st_size > 0 and (tmp_path / "out" / "report.pdf").exists()


@pytest.mark.parametrize("digits", [400, 5000])
def test_absurdly_long_numbers_are_no_quantities_and_never_a_crash(digits):
    text = f"The council approved {'7' * digits} projects worth ${'3' * digits} million and 12 homes."
    facts = extract_facts(Article(id="a", path="a.txt", text=text, published=date(2020, 1, 1)))
    assert [f.text for f in facts if f.kind in ("count", "money")] == ["12"]
    assert all(json.dumps(dict(f.value), allow_nan=False) for f in facts)


def test_a_sidecar_nested_thousands_deep_is_a_one_line_error(tmp_path, capsys):
    folder = _write(tmp_path / "in", {"a.txt": STORY, "b.txt": STORY})
    (folder / "crosscheck.toml").write_text('["a.txt"]\noutlet = ' + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    code, out, err = _run(capsys, "compare", folder, "--out", tmp_path / "out", "--no-cache")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "crosscheck.toml" in err and "nested too deeply" in err


def test_a_wrong_value_is_quoted_short_in_the_error(tmp_path, capsys):
    folder = _write(tmp_path / "in", {"a.txt": STORY, "b.txt": STORY})
    (folder / "crosscheck.toml").write_text('["a.txt"]\noutlet = ' + "[" * 50 + "1" + "]" * 50 + "\n", encoding="utf-8")
    code, _, err = _run(capsys, "compare", folder, "--out", tmp_path / "out", "--no-cache")
    assert code == 2 and err.count("\n") == 1 and "outlet must be a string" in err and len(err) < 300


def test_a_file_name_with_a_newline_or_escape_keeps_the_error_on_one_line(tmp_path, capsys):
    folder = _write(tmp_path / "in", {"a.txt": STORY, "b\n\x1b[2Jc.txt": ""})
    code, out, err = _run(capsys, "compare", folder, "--out", tmp_path / "out", "--no-cache")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "b\\nc" not in err and "b\\n\\x1b[2Jc.txt" in err
    assert _control_free(err)


# --- the cache is an optimisation -----------------------------------------------------------


def _article(text: str = STORY, id: str = "a") -> Article:
    return Article(id=id, path=f"{id}.txt", text=text, published=date(2020, 1, 1))


@pytest.mark.parametrize("entry", [
    "not json", "[" * 100_000 + "]" * 100_000, '{"key": "%s", "facts": [{"value": NaN}]}', "{}",
])
def test_a_garbage_entry_is_recomputed_with_one_warning(tmp_path, entry):
    extract = cached(extract_facts, tmp_path / "cache")
    want = extract(_article())
    key = cache_key(_article(), extract.code_hash)
    entry_path(tmp_path / "cache", key).write_text(entry.replace("%s", key), encoding="utf-8")
    again = cached(extract_facts, tmp_path / "cache")
    assert again(_article()) == want and again(_article()) == want
    assert again.stats["corrupt"] == 1 and len(again.warnings) == 1


def test_an_entry_with_nan_or_another_articles_fact_is_not_trusted(tmp_path):
    extract = cached(extract_facts, tmp_path / "cache")
    want = extract(_article())
    path = entry_path(tmp_path / "cache", cache_key(_article(), extract.code_hash))
    data = json.loads(path.read_text(encoding="utf-8"))
    for change in ("nan", "other"):
        bad = json.loads(json.dumps(data))
        fact = next(f for f in bad["facts"] if f["kind"] == "count")
        if change == "nan":
            text = json.dumps(bad).replace(f'"low": {fact["value"]["low"]}', '"low": NaN', 1)
        else:
            fact["article"] = "b"
            text = json.dumps(bad)
        path.write_text(text, encoding="utf-8")
        again = cached(extract_facts, tmp_path / "cache")
        assert again(_article()) == want and again.stats["corrupt"] == 1


def test_an_entry_replaced_by_a_folder_or_a_cache_that_is_a_file_runs_without_it(tmp_path):
    extract = cached(extract_facts, tmp_path / "cache")
    want = extract(_article())
    path = entry_path(tmp_path / "cache", cache_key(_article(), extract.code_hash))
    path.unlink()
    path.mkdir()
    again = cached(extract_facts, tmp_path / "cache")
    assert again(_article()) == want and again(_article(STORY + " Two more.", "b"))
    (tmp_path / "file").write_text("x", encoding="utf-8")
    misplaced = cached(extract_facts, tmp_path / "file")
    assert misplaced(_article()) == want and misplaced(_article()) == want
    assert len(misplaced.warnings) == 1 and "running without it" in misplaced.warnings[0]


def test_an_unwritable_cache_warns_once_and_the_run_goes_on(tmp_path, capsys, monkeypatch):
    import crosscheck.cache as cache

    def read_only(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(cache, "write_entry", read_only)
    folder = _write(tmp_path / "in", {"a.txt": STORY, "b.txt": STORY + " Two more."})
    code, _, err = _run(capsys, "compare", folder, "--out", tmp_path / "out", "--format", "json",
                        "--cache", tmp_path / "cache")
    assert code == 0
    assert err.count("cannot write the cache (Permission denied); running without it") == 1


# --- baselines ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def baseline_text(tmp_path_factory) -> tuple[Path, str]:
    folder = _write(tmp_path_factory.mktemp("bl") / "in", {
        "a.md": "---\noutlet: A\npublished: 2020-05-05\n---\n" + STORY,
        "b.md": "---\noutlet: B\npublished: 2020-05-05\n---\n" + STORY,
    })
    out = folder.parent / "base.json"
    assert main(["baseline", str(folder), "--out", str(out), "--no-cache"]) == 0
    return folder, out.read_text(encoding="utf-8")


def test_a_baseline_saved_with_a_bom_is_accepted(tmp_path, capsys, baseline_text):
    folder, text = baseline_text
    (tmp_path / "b.json").write_text("\ufeff" + text, encoding="utf-8")
    code, out, err = _run(capsys, "check", folder, "--baseline", tmp_path / "b.json", "--no-cache")
    assert code == 0, err


@pytest.mark.parametrize("path, value, says", [
    (("scores", "overall"), "high", "scores.overall is a string"),
    (("scores", "pairs"), None, "scores.pairs is null"),
    (("groups", 0, "members", 0, "article"), ["x"], "groups[0].members[0].article is a list"),
    (("groups", 0, "verdict"), 3, "groups[0].verdict is a number"),
    (("articles", 0, "outlet"), {"a": 1}, "articles[0].outlet is an object"),
])
def test_a_wrong_typed_baseline_field_is_a_one_line_error(tmp_path, capsys, baseline_text, path, value, says):
    folder, text = baseline_text
    data = json.loads(text)
    target = data
    for p in path[:-1]:
        target = target[p]
    target[path[-1]] = value
    (tmp_path / "b.json").write_text(json.dumps(data), encoding="utf-8")
    code, out, err = _run(capsys, "check", folder, "--baseline", tmp_path / "b.json", "--no-cache")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "b.json" in err and says in err


# --- output safe by construction --------------------------------------------------------------

HOSTILE = "[click](javascript:alert(1)) ![x](https://t.example/beacon.png) <img src=x> a|b `c` *d* www.example.com https://e.example/ me@example.com $1 and $2"


def test_markdown_text_renders_as_the_same_text_with_no_link_image_or_html():
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    cell = markdown_text(HOSTILE + "\nnext")
    html = md.render(f"| x |\n|---|\n| {cell} |\n")
    assert "<a " not in html and "<img" not in html and "<code" not in html and "<em" not in html
    assert html.count("<td>") == 1
    import html as html_lib

    cell_html = html.split("<td>")[1].split("</td>")[0]
    assert html_lib.unescape(cell_html) == " ".join((HOSTILE + "\nnext").split())


def test_report_md_from_hostile_metadata_and_text_has_no_live_link(tmp_path, capsys):
    folder = _write(tmp_path / "in", {
        "a.md": "---\noutlet: '[Evil](https://evil.example) <b>x</b>'\ntitle: '![t](https://t.example/p.png)'\n---\n"
                f'{STORY} "Read [this](javascript:alert(1)) now," said Ana Vik.\n',
        "b.md": f"---\noutlet: B|C\n---\n{STORY}\n",
    })
    code, _, err = _run(capsys, "compare", folder, "--out", tmp_path / "out", "--format", "md", "--no-cache")
    assert code == 0, err
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").enable("table").render((tmp_path / "out" / "report.md").read_text(encoding="utf-8"))
    assert "<a " not in html and "<img" not in html and "<b>" not in html


def test_junit_with_control_characters_in_outlet_names_parses(tmp_path, capsys, baseline_text):
    folder, text = baseline_text
    data = json.loads(text)
    for g in data["groups"]:
        for m in g["members"]:
            m["value"] = "changed\x01\x1b[31m"  # every value moved
        g["verdict"] = "agree"
    (tmp_path / "b.json").write_text(json.dumps(data), encoding="utf-8")
    changed = _write(tmp_path / "in", {
        "a.md": "---\noutlet: \"A\x07\x1b]0;owned\x07\"\npublished: 2020-05-05\n---\n" + STORY.replace("12", "14"),
        "b.md": "---\noutlet: B\npublished: 2020-05-05\n---\n" + STORY,
    })
    code, out, err = _run(capsys, "check", changed, "--baseline", tmp_path / "b.json", "--no-cache",
                          "--junit", tmp_path / "junit.xml")
    assert code in (0, 1), err
    ElementTree.parse(tmp_path / "junit.xml")
    assert _control_free(out) and _control_free(err)


def test_safe_helpers():
    assert printable("a\nb\x1b[2J\u2028c\td") == "a\\nb\\x1b[2J\\u2028c\\td"
    assert xml_text("a\x00b\x1bc\td\ufffe") == "abc\td"
    assert markdown_text("a  b\nc") == "a b c"
