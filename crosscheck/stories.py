"""Many stories in one call: load them, compare each in parallel, write a report per story.

``crosscheck compare --stories PATH...`` runs this; a Python caller can too::

    stories = load_stories(["day.jsonl"])
    entries = run_stories(stories, Path("reports"), formats=["json", "md"], jobs=2)

Inputs (``load_stories``), each PATH one of:

- a folder tree: every folder in it (the folder itself included, hidden folders skipped)
  that directly holds article files is one story, named by its path relative to the tree
  ("2024-05-02/grain-deal"); each folder's own ``crosscheck.toml`` gives its metadata;
- a JSON-lines file (``.jsonl``, ``.ndjson``, ``.json``) or ``-`` for standard input, one
  article per line (``crosscheck.load.jsonl``); articles with a ``story`` key go to that
  story, the others are grouped into stories by content (``crosscheck.grouping``).

Each story is compared on its own (``analyse``, the one-story pipeline, unchanged) and its
report set written to ``OUT/<folder>/`` by the one-story renderers; ``OUT/index.json``,
``index.md`` and ``index.html`` list the stories, most conflicted first
(``crosscheck.render.index``). A story of one article is listed, not compared.

Work is spread over ``jobs`` processes (or a Dask cluster, ``scheduler``), one story per
task. A task returns its rendered files as bytes and the parent writes them, so the output
is the same whatever ``jobs`` or wherever the task ran; the parent keeps at most
``2 * jobs`` tasks in flight and drops each result once written, so its memory holds the
loaded articles and a few stories' reports, never all reports.

Errors: bad input (an unreadable file, a bad JSON line, a story key given twice) raises
``InputError`` before anything is compared, as for one story. An error while comparing one
story (a bug) does not stop the others: the story is listed in the index with the error,
and the caller is told (``IndexEntry.error``) so that the command can exit 2.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from hashlib import sha256
from pathlib import Path
from typing import IO, Any

from crosscheck import settings
from crosscheck.models import Article, Report, VERDICTS

#: File suffixes read as JSON lines (anything else named must be a folder tree).
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")

#: Status of a story in the index.
COMPARED, TOO_FEW, FAILED = "compared", "one article", "error"

#: Characters kept in a story's folder name as they are; the rest become "-".
_UNSAFE = re.compile(r"[^a-z0-9._-]+")


@dataclass(frozen=True)
class Story:
    """A story to compare: its key (what the index shows), its folder name under the
    output folder (``folder_name``) and its articles."""

    key: str
    folder: str
    articles: tuple[Article, ...]


@dataclass(frozen=True)
class IndexEntry:
    """What the index lists for one story (``crosscheck.render.index``)."""

    key: str
    folder: str
    status: str
    articles: int
    outlets: tuple[str, ...]
    facts: int = 0
    groups: int = 0
    verdicts: dict[str, int] = field(default_factory=dict)
    possible_conflicts: int = 0
    overall: float | None = None
    top_conflicts: tuple[str, ...] = ()
    error: str = ""

    @property
    def conflicts(self) -> int:
        return self.verdicts.get("conflict", 0)


@dataclass(frozen=True)
class StoryResult:
    """What one task returns: the index entry, the report files (name -> bytes), the
    warnings of the comparison (unknown outlets or dates, also in report.json) and those of
    the extraction cache (a folder it cannot write)."""

    entry: IndexEntry
    files: dict[str, bytes]
    warnings: tuple[str, ...] = ()
    cache_warnings: tuple[str, ...] = ()


def folder_name(key: str, identity: str | None = None) -> str:
    """A safe, deterministic folder name for a story: the key folded to lower-case ASCII
    letters, digits, ``.``, ``_`` and ``-`` (at most ``STORY_FOLDER_CHARS``, never starting
    with a dot or a dash, so no ``..``, no hidden folder, no option), then ``-`` and 10 hex
    digits of the SHA-256 of ``identity`` (default: the key), so that two keys that fold
    alike ("Grain deal" and "grain/deal") still get two folders."""
    text = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode("ascii").lower()
    text = _UNSAFE.sub("-", text).strip(".-_")[: settings.STORY_FOLDER_CHARS].rstrip(".-_")
    digest = sha256((identity if identity is not None else key).encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{text or 'story'}-{digest}"


# --- loading ------------------------------------------------------------------------------


def load_stories(paths: Sequence[str], stdin: IO[bytes] | None = None) -> list[Story]:
    """The stories under ``paths`` (see the module docstring), ordered by key;
    ``InputError`` on bad input or a story key given twice."""
    from crosscheck.load import InputError
    from crosscheck.load.jsonl import STDIN, read_jsonl

    if not paths:
        raise InputError("", "no paths given: name folder trees or JSON-lines files")
    stories: list[Story] = []
    for path in paths:
        if path == STDIN or (not os.path.isdir(path) and Path(path).suffix.lower() in JSONL_SUFFIXES):
            stories.extend(stories_from_records(read_jsonl(path, stdin)))
        elif os.path.isdir(path):
            stories.extend(stories_from_tree(path))
        elif not os.path.exists(path):
            raise InputError(path, "no such file or folder")
        else:
            raise InputError(path, f"with --stories, give a folder tree or a JSON-lines file ({', '.join(JSONL_SUFFIXES)}) or -")
    seen: dict[str, str] = {}
    for s in stories:
        if s.folder in seen:
            raise InputError(s.key, f"story given twice (as {seen[s.folder]!r} too)")
        seen[s.folder] = s.key
    return sorted(stories, key=lambda s: (s.key, s.folder))


def stories_from_tree(root: str) -> list[Story]:
    """One story per folder under ``root`` (``root`` included) that holds article files."""
    from crosscheck.load import ARTICLE_SUFFIXES, load_article, load_corpus
    from crosscheck.load.metadata import SIDECAR_NAME

    stories = []
    base = os.path.basename(os.path.normpath(root)) or "story"
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        names = sorted(
            f for f in files
            if not f.startswith(".") and f != SIDECAR_NAME and Path(f).suffix.lower() in ARTICLE_SUFFIXES
        )
        if not names:
            continue
        rel = os.path.relpath(folder, root)
        key = base if rel == "." else Path(rel).as_posix()
        try:
            key.encode("utf-8")
        except UnicodeEncodeError:
            shown = folder.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            from crosscheck.load import InputError

            raise InputError(shown, "folder name is not valid UTF-8; rename the folder") from None
        if len(names) == 1:  # listed, not compared; still read, so that a bad file is an error
            articles = [load_article(os.path.join(folder, names[0]))]
        else:
            articles = load_corpus([folder])
        stories.append(Story(key=key, folder=folder_name(key), articles=tuple(articles)))
    if not stories:
        from crosscheck.load import InputError

        raise InputError(root, f"no article files ({', '.join(ARTICLE_SUFFIXES)}) in this folder or any folder in it")
    return stories


def stories_from_records(records: Sequence[Any]) -> list[Story]:
    """Stories from JSON-lines records: by their ``story`` key, and the records without one
    grouped by content. A group is named by its first article's title (or first words).
    Articles are sorted by id within a story, as ``load_corpus`` sorts them: the line
    order does not change a report."""
    from crosscheck.grouping import group_texts

    keyed: dict[str, list[Article]] = {}
    loose = []
    for r in records:
        if r.story is None:
            loose.append(r)
        else:
            keyed.setdefault(r.story, []).append(r.article)
    stories = [Story(key=k, folder=folder_name(k), articles=_by_id(v)) for k, v in keyed.items()]
    for members in group_texts([r.article.text for r in loose]):
        articles = tuple(loose[i].article for i in members)
        first = articles[0]
        key = " ".join((first.title or " ".join(first.text.split()[: settings.STORY_NAME_WORDS])).split())
        identity = "\n".join(a.path for a in articles)
        stories.append(Story(key=key, folder=folder_name(key, identity), articles=_by_id(articles)))
    return stories


def _by_id(articles) -> tuple[Article, ...]:
    return tuple(sorted(articles, key=lambda a: (a.id, a.path)))


# --- comparing ----------------------------------------------------------------------------


def compare_story(story: Story, formats: Sequence[str], cache: str | None) -> StoryResult:
    """Compare one story and render its report files (the task run in a worker).

    ``cache`` is the extraction cache folder (``None``: no cache). An exception while
    comparing is returned as a failed entry, so that one story cannot take the others down.
    """
    if len(story.articles) < 2:
        return StoryResult(_entry(story, TOO_FEW), {})
    try:
        report, cache_warnings = _analyse(story, cache)
        files = _render(report, formats)
    except Exception as err:  # noqa: BLE001 - reported in the index and by the command's exit code
        message = " ".join(f"{type(err).__name__}: {err}".split())[:500]
        return StoryResult(_entry(story, FAILED, error=message), {})
    return StoryResult(_entry(story, COMPARED, report), files, report.warnings, cache_warnings)


def _analyse(story: Story, cache: str | None) -> tuple[Report, tuple[str, ...]]:
    from crosscheck.extract import extract_facts
    from crosscheck.pipeline import analyse

    extractor = extract_facts
    if cache is not None:
        from crosscheck.cache import cached

        extractor = cached(extract_facts, cache)
    report = analyse(story.articles, extractor)
    return report, tuple(getattr(extractor, "warnings", ()))


def _render(report: Report, formats: Sequence[str]) -> dict[str, bytes]:
    from crosscheck.render import write_report

    with tempfile.TemporaryDirectory(prefix="crosscheck-story-") as tmp:
        paths = write_report(report, Path(tmp) / "report", formats)
        return {p.name: p.read_bytes() for p in sorted(paths)}


def _entry(story: Story, status: str, report: Report | None = None, error: str = "") -> IndexEntry:
    outlets = tuple(sorted({a.label for a in story.articles}))
    if report is None:
        return IndexEntry(story.key, story.folder, status, len(story.articles), outlets, error=error)
    verdicts = {v: 0 for v in VERDICTS}
    for c in report.clusters:
        verdicts[c.verdict] += 1
    top = tuple(c.label or c.topic for c in report.clusters if c.verdict == "conflict")
    return IndexEntry(
        key=story.key,
        folder=story.folder,
        status=status,
        articles=len(report.articles),
        outlets=outlets,
        facts=len(report.facts),
        groups=len(report.clusters),
        verdicts=verdicts,
        possible_conflicts=len(report.possible_conflicts),
        overall=report.overall,
        top_conflicts=top[: settings.INDEX_TOP_CONFLICTS],
    )


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def results(
    stories: Sequence[Story], formats: Sequence[str], cache: str | None, jobs: int = 1, scheduler: str | None = None
) -> Iterator[StoryResult]:
    """Each story's result, in the order they finish: in this process (``jobs`` 1), in
    ``jobs`` processes, or on the Dask cluster at ``scheduler``. Larger stories are started
    first, so that the last one to finish is a small one."""
    order = sorted(stories, key=lambda s: (-len(s.articles), s.key, s.folder))
    to_compare = sum(1 for s in order if len(s.articles) >= 2)
    if scheduler is not None:
        yield from _on_dask(order, formats, cache, scheduler)
    elif min(jobs, to_compare) <= 1:  # no process to start for one story
        for s in order:
            yield compare_story(s, formats, cache)
    else:
        yield from _in_processes(order, formats, cache, jobs)


def _in_processes(order: list[Story], formats: Sequence[str], cache: str | None, jobs: int) -> Iterator[StoryResult]:
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    # Load the parser and the extractors once, here: forked workers share them (copy on
    # write) instead of each spending seconds importing spaCy and loading the model.
    from crosscheck.parse import nlp
    import crosscheck.pipeline  # noqa: F401
    import crosscheck.render.json  # noqa: F401

    nlp()
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    todo = iter(order)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        running = set()
        while True:
            while len(running) < 2 * jobs:
                story = next(todo, None)
                if story is None:
                    break
                running.add(pool.submit(compare_story, story, formats, cache))
            if not running:
                return
            done, running = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()


def _on_dask(order: list[Story], formats: Sequence[str], cache: str | None, scheduler: str) -> Iterator[StoryResult]:
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise SchedulerError(
            "--scheduler needs Dask's distributed scheduler: pip install 'crosscheck[dask]'"
        ) from None
    try:
        client = Client(scheduler, timeout=settings.SCHEDULER_TIMEOUT_S)
    except (OSError, TimeoutError) as err:
        raise SchedulerError(f"cannot reach the Dask scheduler at {scheduler}: {err}") from None
    try:
        cache = os.path.abspath(cache) if cache is not None else None
        workers = max(1, sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values()))
        todo = iter(order)

        def submit(story: Story):
            return client.submit(compare_story, story, formats, cache, pure=False)

        pending = as_completed([submit(s) for s in _take(todo, 2 * workers)])
        for future in pending:
            result = future.result()
            future.release()
            for s in _take(todo, 1):
                pending.add(submit(s))
            yield result
    finally:
        client.close()


def _take(it: Iterator[Story], n: int) -> list[Story]:
    out = []
    for _ in range(n):
        s = next(it, None)
        if s is None:
            break
        out.append(s)
    return out


class SchedulerError(Exception):
    """The Dask scheduler cannot be used (not installed, not reachable): one line."""


# --- writing ------------------------------------------------------------------------------


def write_story(result: StoryResult, out: Path) -> list[Path]:
    """Write a story's report files into ``out/<folder>/`` at once
    (``crosscheck.atomic.replace_folder``, as ``write_report`` does)."""
    from crosscheck.atomic import replace_folder

    if not result.files:
        return []

    def write(folder: Path) -> list[Path]:
        written = []
        for name, data in result.files.items():
            path = folder / name
            path.write_bytes(data)
            written.append(path)
        return written

    return replace_folder(out / result.entry.folder, write)


def run_stories(
    stories: Sequence[Story],
    out: Path,
    formats: Sequence[str],
    jobs: int = 1,
    scheduler: str | None = None,
    cache: str | None = None,
    on_result: Callable[[StoryResult], None] | None = None,
) -> list[IndexEntry]:
    """Compare every story, write its report set and the index; return the index entries,
    most conflicted first. ``on_result`` is called as each story is written (progress,
    warnings)."""
    from crosscheck.render.index import sort_entries, write_index

    entries = []
    for result in results(stories, formats, cache, jobs, scheduler):
        write_story(result, Path(out))
        entries.append(result.entry)
        if on_result is not None:
            on_result(result)
    entries = sort_entries(entries)
    write_index(entries, Path(out), formats)
    return entries
