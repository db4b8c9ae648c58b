"""Many stories in one call (crosscheck.stories, crosscheck.load.jsonl, crosscheck.grouping,
crosscheck.render.index, ``crosscheck compare --stories``)."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from crosscheck.cli import main
from crosscheck.grouping import group_texts
from crosscheck.load import InputError
from crosscheck.load.jsonl import read_jsonl
from crosscheck.render.index import sort_entries
from crosscheck.stories import COMPARED, TOO_FEW, IndexEntry, folder_name, load_stories

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
OTHER = Path(__file__).resolve().parent / "data" / "stories" / "t22_ecb"
FAST = ["--format", "json,md", "--no-cache", "--quiet"]


def _records(folder: Path, story: str | None = None) -> list[dict]:
    """The articles of ``folder`` as JSON-lines records, with the sidecar's metadata."""
    sidecar = folder / "crosscheck.toml"
    meta = tomllib.loads(sidecar.read_text("utf-8")) if sidecar.exists() else {}
    out = []
    for f in sorted(folder.glob("*.txt")):
        r = {"text": f.read_text("utf-8"), "id": f.stem}
        r.update({k: str(v) for k, v in meta.get(f.name, {}).items()})
        if story is not None:
            r["story"] = story
        out.append(r)
    return out


def _jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    return path


def _tree(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    shutil.copytree(SEEDS, tree / "russia-japan")
    shutil.copytree(OTHER, tree / "2008" / "staunton")
    (tree / "lonely").mkdir()
    (tree / "lonely" / "only.txt").write_text("CNN — One article about a thing on May 2, 2008.", "utf-8")
    (tree / ".hidden").mkdir()
    (tree / ".hidden" / "x.txt").write_text("not read", "utf-8")
    return tree


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_tree_gives_one_report_per_story_and_the_one_story_report_unchanged(tmp_path: Path):
    tree = _tree(tmp_path)
    assert main(["compare", "--stories", str(tree), "--out", str(tmp_path / "out"), "--jobs", "1", *FAST]) == 0
    index = json.loads((tmp_path / "out" / "index.json").read_text("utf-8"))
    stories = {s["key"]: s for s in index["stories"]}
    assert set(stories) == {"russia-japan", "2008/staunton", "lonely"}
    assert stories["lonely"]["status"] == TOO_FEW and not (tmp_path / "out" / stories["lonely"]["folder"]).exists()
    assert stories["2008/staunton"]["articles"] == 9 and stories["russia-japan"]["articles"] == 3
    # the story's report is exactly what `crosscheck compare FOLDER` writes for that folder
    assert main(["compare", str(tree / "russia-japan"), "--out", str(tmp_path / "one"), *FAST]) == 0
    story = tmp_path / "out" / stories["russia-japan"]["folder"]
    for name in ("report.json", "report.md"):
        assert (story / name).read_bytes() == (tmp_path / "one" / name).read_bytes()
    for name in ("index.json", "index.md", "index.html"):
        assert (tmp_path / "out" / name).is_file()


def test_jobs_1_and_2_write_byte_identical_reports(tmp_path: Path):
    tree = _tree(tmp_path)
    for jobs in ("1", "2"):
        assert main(["compare", "--stories", str(tree), "--out", str(tmp_path / jobs), "--jobs", jobs, *FAST]) == 0
    one, two = _files(tmp_path / "1"), _files(tmp_path / "2")
    assert len(one) == 2 * 2 + 3 and one == two


def test_jsonl_with_story_keys(tmp_path: Path):
    records = _records(SEEDS, "Russia, Japan & missiles") + _records(OTHER, 22)
    path = _jsonl(tmp_path / "day.jsonl", records[::-1])  # line order does not matter
    assert main(["compare", "--stories", str(path), "--out", str(tmp_path / "out"), "--jobs", "1", *FAST]) == 0
    index = json.loads((tmp_path / "out" / "index.json").read_text("utf-8"))
    assert sorted((s["key"], s["articles"]) for s in index["stories"]) == [("22", 9), ("Russia, Japan & missiles", 3)]
    seeds = next(s for s in index["stories"] if s["articles"] == 3)
    report = json.loads((tmp_path / "out" / seeds["folder"] / "report.json").read_text("utf-8"))
    assert sorted(a["outlet"] for a in report["articles"]) == ["CNN", "PressTV", "TASS"]
    assert {a["path"] for a in report["articles"]} == {f"{path}:{n}" for n in range(10, 13)}
    # the line order changes the paths (line numbers) only, not what is found
    forward = _jsonl(tmp_path / "forward.jsonl", records)
    assert main(["compare", "--stories", str(forward), "--out", str(tmp_path / "fwd"), "--jobs", "1", *FAST]) == 0
    again = json.loads((tmp_path / "fwd" / seeds["folder"] / "report.json").read_text("utf-8"))
    strip = lambda r: json.dumps({**r, "articles": [{**a, "path": None} for a in r["articles"]]})  # noqa: E731
    assert strip(again) == strip(report)


def test_jsonl_without_keys_groups_by_content_from_stdin(tmp_path: Path, monkeypatch):
    records = _records(SEEDS) + _records(OTHER)
    records = records[::2] + records[1::2]  # interleaved: grouping, not order, decides
    groups = group_texts([r["text"] for r in records])
    assert sorted(sorted(records[i]["id"] for i in g) for g in groups) == sorted(
        [sorted(r["id"] for r in _records(SEEDS)), sorted(r["id"] for r in _records(OTHER))]
    )
    data = "".join(json.dumps(r) + "\n" for r in records).encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["compare", "--stories", "-", "--out", str(tmp_path / "out"), "--jobs", "1", *FAST]) == 0
    index = json.loads((tmp_path / "out" / "index.json").read_text("utf-8"))
    assert sorted(s["articles"] for s in index["stories"]) == [3, 9]
    assert all(s["status"] == COMPARED for s in index["stories"])


def test_a_syndicated_copy_joins_its_story():
    seeds = [r["text"] for r in _records(SEEDS)]
    copy = seeds[0].replace("\n", "\n\n", 3)[: len(seeds[0]) * 2 // 3]  # cut and reflowed
    unrelated = [r["text"] for r in _records(OTHER)]
    groups = group_texts([*seeds, *unrelated, copy])
    story = next(g for g in groups if 0 in g)
    assert len(seeds) + len(unrelated) in story


def test_index_is_most_conflicted_first():
    def entry(key, conflicts, possible=0, overall=1.0, status=COMPARED):
        return IndexEntry(key, folder_name(key), status, 3, ("A", "B"), verdicts={"conflict": conflicts},
                          possible_conflicts=possible, overall=overall)

    entries = [entry("calm", 0), entry("one", 1, overall=0.9), entry("lonely", 0, status=TOO_FEW),
               entry("two", 2, overall=0.95), entry("leads", 0, possible=3), entry("one-lower", 1, overall=0.5)]
    assert [e.key for e in sort_entries(entries)] == ["two", "one-lower", "one", "leads", "calm", "lonely"]


#: An article agreeing with the seeds (as in tests/test_check.py), and one giving another count.
AGREEING = (
    "Moscow criticises Tokyo's missile shield plan\n\nOn December 19, Japan's cabinet approved buying two "
    "US-built Aegis Ashore missile defense systems.\n\nRussian Foreign Ministry spokeswoman Maria Zakharova "
    "said on Thursday that the deployment would violate the treaty on intermediate-range missiles.\n"
)
CONFLICTING = AGREEING.replace("buying two", "buying three")


def test_index_lists_the_story_with_a_conflict_first(tmp_path: Path):
    def herald(text):  # another outlet's rewrite of the same report
        return text.replace("Moscow criticises", "Russia slams").replace("said on", "told reporters on")

    courier = {"outlet": "Eastern Courier", "published": "2017-12-29", "id": "courier"}
    other = {"outlet": "Western Herald", "published": "2017-12-29", "id": "herald"}
    records = [{**courier, "text": AGREEING, "story": "as published"},
               {**other, "text": herald(AGREEING), "story": "as published"},
               {**courier, "text": AGREEING, "story": "changed"},
               {**other, "text": herald(CONFLICTING), "story": "changed"}]
    path = _jsonl(tmp_path / "day.jsonl", records)
    assert main(["compare", "--stories", str(path), "--out", str(tmp_path / "out"), "--jobs", "1", *FAST]) == 0
    index = json.loads((tmp_path / "out" / "index.json").read_text("utf-8"))
    assert [s["key"] for s in index["stories"]] == ["changed", "as published"]
    assert index["stories"][0]["conflicts"] == 1 and index["stories"][1]["conflicts"] == 0
    assert index["stories"][0]["top_conflicts"] == ["Aegis Ashore missile defense systems buying — count"]
    md = (tmp_path / "out" / "index.md").read_text("utf-8")
    assert md.index("changed") < md.index("as published") and "Aegis Ashore" in md


HOSTILE = ["../../etc/passwd", "..", ".", "/abs/path", "a/b\\c", "\x1b[2J\x1b[H", "line\nbreak", "-rf", ".hidden",
           "CON", "x" * 400, "Grain deal", "grain/deal", "Ünïcödé ✓", "<script>alert(1)</script>", "[x](http://e.vil)"]


def test_hostile_story_keys_give_safe_distinct_deterministic_folders(tmp_path: Path):
    names = [folder_name(k) for k in HOSTILE]
    assert names == [folder_name(k) for k in HOSTILE] and len(set(names)) == len(names)
    for n in names:
        assert re.fullmatch(r"[a-z0-9][a-z0-9._-]*-[0-9a-f]{10}", n) and ".." not in n and len(n) <= 71
    records = []
    for i, key in enumerate(HOSTILE[:8]):
        records += [{**r, "story": key, "id": f"{r['id']}-{i}"} for r in _records(SEEDS)][:2]
    path = _jsonl(tmp_path / "day.jsonl", records)
    out = tmp_path / "deep" / "out"
    assert main(["compare", "--stories", str(path), "--out", str(out), "--jobs", "1", *FAST]) == 0
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p != path]
    assert written and all(out in p.parents for p in written)
    for name in ("index.md", "index.html"):
        text = (out / name).read_text("utf-8")
        assert "\x1b" not in text and "<script>" not in text and "](http" not in text


def test_bad_jsonl_line_is_one_line_naming_file_and_line(tmp_path: Path, capsys):
    good = json.dumps(_records(SEEDS, "s")[0])
    cases = {
        "{not json": "line 2: not JSON",
        '["a list"]': "line 2: a line must be a JSON object",
        '{"text": "x", "outlett": "CNN"}': "line 2: unknown key 'outlett'",
        '{"outlet": "CNN"}': "line 2: give the article as exactly one of 'text' or 'html'",
        '{"text": "\\u0000\\u0000"}': "line 2: text holds NUL characters",
        '{"text": "ok", "published": "yesterday"}': "line 2: metadata:",
        '{"text": "ok", "story": ["a"]}': "line 2: story must be a string or an integer",
    }
    for line, problem in cases.items():
        path = tmp_path / "bad.jsonl"
        path.write_text(good + "\n" + line + "\n", "utf-8")
        assert main(["compare", "--stories", str(path), "--out", str(tmp_path / "out"), *FAST]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and f"{path}: {problem}" in err, err
    (tmp_path / "bytes.jsonl").write_bytes(good.encode() + b"\n\n{\"text\": \"caf\xe9\"}\n")
    with pytest.raises(InputError, match=r"bytes.jsonl: line 3: not UTF-8: byte 0xe9"):
        read_jsonl(str(tmp_path / "bytes.jsonl"))
    assert not (tmp_path / "out").exists()


def test_options_for_many_stories_need_stories(tmp_path: Path, capsys):
    assert main(["compare", str(SEEDS), "--jobs", "2", "--out", str(tmp_path / "o"), *FAST]) == 2
    assert "--stories" in capsys.readouterr().err
    assert main(["compare", "--stories", str(SEEDS), "--metadata", str(SEEDS / "crosscheck.toml"), *FAST]) == 2
    assert main(["compare", "--stories", str(SEEDS / "crosscheck.toml"), *FAST]) == 2
    assert capsys.readouterr().err.count("\n") == 2


def test_a_failing_story_does_not_take_the_others_down(tmp_path: Path, capsys, monkeypatch):
    import crosscheck.stories as stories

    real = stories._analyse

    def failing(story, cache):
        if story.key == "2008/staunton":
            raise RuntimeError("boom")
        return real(story, cache)

    monkeypatch.setattr(stories, "_analyse", failing)
    tree = _tree(tmp_path)
    assert main(["compare", "--stories", str(tree), "--out", str(tmp_path / "out"), "--jobs", "1", *FAST]) == 2
    assert "story 2008/staunton: RuntimeError: boom" in capsys.readouterr().err
    index = json.loads((tmp_path / "out" / "index.json").read_text("utf-8"))
    status = {s["key"]: (s["status"], s.get("error")) for s in index["stories"]}
    assert status["2008/staunton"] == ("error", "RuntimeError: boom")
    assert status["russia-japan"] == (COMPARED, None)
    assert index["summary"]["failed"] == 1


def test_duplicate_story_across_inputs_is_an_error(tmp_path: Path):
    path = _jsonl(tmp_path / "a.jsonl", _records(SEEDS, "same"))
    with pytest.raises(InputError, match="story given twice"):
        load_stories([str(path), str(path)])


def test_help_imports_no_heavy_module():
    code = ("import sys; from crosscheck.cli import build_parser; build_parser(); "
            "print(sorted(m for m in ('spacy', 'trafilatura', 'crosscheck.cache', 'crosscheck.load', 'tqdm', "
            "'importlib.metadata', 'numpy', 'crosscheck.stories') if m in sys.modules))")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
    assert out.strip() == "[]"


def test_scheduler_without_distributed_says_how_to_install(tmp_path: Path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    path = _jsonl(tmp_path / "a.jsonl", _records(SEEDS, "s"))
    code = main(["compare", "--stories", str(path), "--scheduler", "tcp://127.0.0.1:1", "--out", str(tmp_path / "o"),
                 *FAST])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "pip install 'crosscheck[dask]'" in err


def test_dask_local_cluster_gives_byte_identical_reports(tmp_path: Path):
    distributed = pytest.importorskip("distributed")
    tree = _tree(tmp_path)
    assert main(["compare", "--stories", str(tree), "--out", str(tmp_path / "local"), "--jobs", "1", *FAST]) == 0
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None,
                                  host="127.0.0.1") as cluster:
        code = main(["compare", "--stories", str(tree), "--out", str(tmp_path / "dask"),
                     "--scheduler", cluster.scheduler_address, *FAST])
    assert code == 0
    assert _files(tmp_path / "local") == _files(tmp_path / "dask")
