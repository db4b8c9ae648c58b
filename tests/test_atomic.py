"""Output is all or nothing: a report set, a baseline and a JUnit file are replaced whole.

The kill test writes a report set in a forked child process that SIGKILLs itself at the
n-th file-system step (each rename, link, fsync and folder creation, and half-way through
each file written), for every n until the run completes, and checks that the folder then
holds the old set or the new one, byte for byte.
"""

from __future__ import annotations

import errno
import os
import signal
from datetime import date
from pathlib import Path

import pytest

from crosscheck.atomic import STAGING_MARK, write_text
from crosscheck.models import Article, Report
from crosscheck.render import write_report

def _instrument(kill_at: int) -> None:
    """In a forked child: SIGKILL this process at the ``kill_at``-th file-system step (before
    and after each rename, link, fsync, folder creation and exchange, and half-way through
    each file written)."""
    import crosscheck.atomic as atomic

    steps = 0

    def step():
        nonlocal steps
        steps += 1
        if steps == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    def counted(fn):
        def wrapper(*args, **kwargs):
            step()
            result = fn(*args, **kwargs)
            step()
            return result
        return wrapper

    for name in ("replace", "rename", "link", "fsync", "mkdir"):
        setattr(os, name, counted(getattr(os, name)))
    atomic._exchange = counted(atomic._exchange)

    def halves(method):
        def wrapper(self, data, *args, **kwargs):
            method(self, data[: len(data) // 2], *args, **kwargs)
            step()  # killed here, the file is half written
            return method(self, data, *args, **kwargs)
        return wrapper

    Path.write_text = halves(Path.write_text)
    Path.write_bytes = halves(Path.write_bytes)


def _killed_run(report: Report, out: Path, kill_at: int) -> int:
    """Write ``report`` in a forked child killed at step ``kill_at``; its exit status."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 3
        try:
            _instrument(kill_at)
            write_report(report, out, ["json", "md"])
            code = 0
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return status


def _report(version: str, outlet: str) -> Report:
    articles = tuple(
        Article(id=f"a{i}", path=f"a{i}.txt", text="Text.", outlet=f"{outlet} {i}", outlet_from="metadata",
                published=date(2024, 1, i), published_from="metadata")
        for i in (1, 2)
    )
    return Report(articles=articles, facts=(), clusters=(), pairs=(), overall=None, version=version)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.exists() else {}


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the kill test forks")
def test_a_run_killed_at_any_moment_leaves_the_old_set_or_the_new_one(tmp_path):
    out = tmp_path / "reports"
    write_report(_report("old", "Old"), out, ["json", "md"])
    old = _snapshot(out)
    new_dir = tmp_path / "expected"
    write_report(_report("new", "New"), new_dir, ["json", "md"])
    new = _snapshot(new_dir)
    assert old != new and set(old) == set(new) == {"report.json", "report.md"}
    seen = {"old": 0, "new": 0}
    for kill_at in range(1, 200):
        status = _killed_run(_report("new", "New"), out, kill_at)
        now = _snapshot(out)
        assert now in (old, new), f"killed at step {kill_at}: a mixed or truncated set {sorted(now)}"
        seen["old" if now == old else "new"] += 1
        if os.WIFEXITED(status):
            assert os.WEXITSTATUS(status) == 0
            break
        assert os.WTERMSIG(status) == signal.SIGKILL
        write_report(_report("old", "Old"), out, ["json", "md"])  # the next run cleans up and starts over
        assert _snapshot(out) == old
    else:
        pytest.fail("the run never completed")
    assert seen["old"] >= 5 and seen["new"] >= 1
    leftovers = [p.name for p in tmp_path.iterdir() if STAGING_MARK in p.name]
    write_report(_report("new", "New"), out, ["json", "md"])
    assert not [p.name for p in tmp_path.iterdir() if STAGING_MARK in p.name], leftovers


def test_files_of_formats_not_written_stay_and_other_files_are_kept(tmp_path):
    out = tmp_path / "reports"
    write_report(_report("old", "Old"), out, ["json", "md"])
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    write_report(_report("new", "New"), out, ["json"])
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt", "report.json", "report.md"]
    assert "Old 1" in (out / "report.md").read_text(encoding="utf-8")
    assert '"version": "new"' in (out / "report.json").read_text(encoding="utf-8")
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_a_folder_holding_folders_is_written_file_by_file_and_never_moved(tmp_path):
    out = tmp_path / "project"
    (out / "src").mkdir(parents=True)
    (out / "src" / "x.py").write_text("x = 1\n", encoding="utf-8")
    write_report(_report("new", "New"), out, ["json"])
    assert (out / "src" / "x.py").read_text(encoding="utf-8") == "x = 1\n"
    assert '"version": "new"' in (out / "report.json").read_text(encoding="utf-8")
    assert not [p for p in tmp_path.iterdir() if STAGING_MARK in p.name]


def test_a_full_disk_names_the_file_and_leaves_the_old_set_whole(tmp_path, monkeypatch):
    out = tmp_path / "reports"
    write_report(_report("old", "Old"), out, ["json", "md"])
    old = _snapshot(out)
    from crosscheck.render import markdown

    def full_disk(report, folder):
        with open(folder / "report.md", "w", encoding="utf-8") as fh:
            fh.write("# half")
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(markdown, "write_markdown", full_disk)
    with pytest.raises(OSError) as info:
        write_report(_report("new", "New"), out, ["json", "md"])
    assert info.value.filename == str(out / "report.md")
    assert info.value.errno == errno.ENOSPC
    assert _snapshot(out) == old
    assert not [p for p in tmp_path.iterdir() if STAGING_MARK in p.name]


def test_single_files_are_replaced_whole_and_keep_their_permissions(tmp_path, monkeypatch):
    path = tmp_path / "sub" / "baseline.json"
    write_text(path, "old\n")
    os.chmod(path, 0o640)
    write_text(path, "new\n")
    assert path.read_text(encoding="utf-8") == "new\n"
    assert path.stat().st_mode & 0o777 == 0o640

    def fail(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError) as info:
        write_text(path, "newer\n")
    assert info.value.filename == str(path)
    assert path.read_text(encoding="utf-8") == "new\n"
    assert sorted(p.name for p in path.parent.iterdir()) == ["baseline.json"]
