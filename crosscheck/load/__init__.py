"""Load the articles to compare from files and folders, with their outlet and date.

Formats: ``.txt``; ``.md`` (optional ``---`` front matter); ``.html``/``.htm`` (article
text by trafilatura). Metadata comes from, in order of precedence: front matter, the
``crosscheck.toml`` sidecar, the HTML page's own meta tags (all ``"metadata"``); then
detection in the text (``"dateline"``/``"byline"``, see ``crosscheck.load.detect``);
then a ``/YYYY/MM/DD/`` date in the article's URL (``"inferred"``). docs/metadata.md
describes the formats for users. Any bad input raises ``InputError``.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from crosscheck import settings
from crosscheck.load.detect import date_from_url, detect_outlet, detect_published
from crosscheck.load.html import html_to_text
from crosscheck.safe import printable
from crosscheck.load.metadata import SIDECAR_NAME, check_entry, parse_sidecar, split_front_matter
from crosscheck.models import Article

__all__ = ["InputError", "article_from_text", "load_article", "load_corpus", "ARTICLE_SUFFIXES"]

#: File suffixes read as articles inside a folder (a file named explicitly is read
#: whatever its suffix: unknown suffixes as plain text).
ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
MARKDOWN_SUFFIXES = (".md",)

#: The byte-order mark some editors put at the start of UTF-8 files (Unicode §23.8).
UTF8_BOM = b"\xef\xbb\xbf"
#: Byte-order marks of UTF-16 and UTF-32 text, which is text but not UTF-8.
OTHER_UNICODE_BOMS = (b"\xff\xfe", b"\xfe\xff")
#: Share of control characters (other than tab, line feed, carriage return, form feed)
#: above which a file is binary, not text. Text has none; 10% leaves room for stray ones.
MAX_CONTROL_SHARE = 0.10
#: Control characters that text files do contain.
TEXT_CONTROLS = frozenset("\t\n\r\f")
#: How much of a file is sampled to decide whether it is binary.
BINARY_SAMPLE_BYTES = 8192


class InputError(Exception):
    """Bad input the user can fix: ``str(err)`` is one line, ``"<path>: <problem>"``."""

    def __init__(self, path: str, problem: str):
        self.path = str(path)
        self.problem = " ".join(str(problem).split())
        # one line whatever the file name or the value quoted holds (crosscheck.safe)
        shown = printable(self.problem)
        super().__init__(f"{printable(self.path)}: {shown}" if self.path else shown)


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{n:,} bytes"


def is_mostly_control(sample: str) -> bool:
    if not sample:
        return False
    controls = sum(1 for ch in sample if (ch < " " or ch == "\x7f") and ch not in TEXT_CONTROLS)
    return controls / len(sample) > MAX_CONTROL_SHARE


def read_text(path: str) -> str:
    """The text of a file: UTF-8 (a BOM is dropped), line endings made ``\\n``; ``InputError`` otherwise."""
    p = Path(path)
    if not p.exists():
        raise InputError(path, "no such file or folder")
    if p.is_dir():
        raise InputError(path, "is a folder, not an article file")
    size = p.stat().st_size
    if size > settings.MAX_ARTICLE_BYTES:
        raise InputError(
            path, f"file is {_size(size)}, over the {_size(settings.MAX_ARTICLE_BYTES)} limit for one article"
        )
    try:
        data = p.read_bytes()
    except OSError as err:
        raise InputError(path, f"cannot read: {err.strerror or err}") from None
    bom = len(UTF8_BOM) if data.startswith(UTF8_BOM) else 0
    data = data[bom:]
    if data.startswith(OTHER_UNICODE_BOMS):
        raise InputError(path, "UTF-16/UTF-32 text, not UTF-8 (save the file as UTF-8)")
    if b"\x00" in data:
        raise InputError(path, "binary file (contains NUL bytes), not article text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        if is_mostly_control(data[:BINARY_SAMPLE_BYTES].decode("latin-1")):
            raise InputError(path, "binary file, not article text") from None
        raise InputError(
            path,
            f"not UTF-8 text: byte 0x{data[err.start]:02x} at offset {bom + err.start} is invalid "
            "(save the file as UTF-8)",
        ) from None
    if is_mostly_control(text[:BINARY_SAMPLE_BYTES]):
        raise InputError(path, "binary file, not article text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(path, "empty file" if not text else "file has only white space")
    return text


def load_article(path: str, meta: dict[str, Any] | None = None) -> Article:
    """Read one article file; ``meta`` (sidecar keys) fills what the file does not say itself.

    Front matter overrides ``meta``; ``meta`` overrides the HTML page's own meta tags;
    whatever is still missing is detected in the text (see the module docstring).
    """
    p = Path(path)
    return article_from_text(str(path), p.stem, read_text(path), meta, p.suffix.lower())


def article_from_text(
    path: str, article_id: str, text: str, meta: dict[str, Any] | None = None, suffix: str = ".txt"
) -> Article:
    """An article from text already read (a file's, or a JSON-lines record's): ``suffix``
    says how to read it (HTML, Markdown with front matter, plain text), ``meta`` is checked
    as a sidecar entry, and what is still missing is detected in the text. ``path`` is what
    errors and warnings name."""
    try:
        given = check_entry(meta or {})
    except ValueError as err:
        raise InputError(path, f"metadata: {err}") from None
    page: dict[str, Any] = {}
    own: dict[str, Any] = {}
    if suffix in HTML_SUFFIXES:
        try:
            text, page = html_to_text(text)
        except ValueError as err:
            raise InputError(path, str(err)) from None
    elif suffix in MARKDOWN_SUFFIXES:
        try:
            own, text = split_front_matter(text)
        except ValueError as err:
            raise InputError(path, str(err)) from None
        if not text.strip():
            raise InputError(path, "no article text after the front matter")
    known = {**page, **given, **own}

    outlet, outlet_from = known.get("outlet"), "metadata"
    if not outlet:
        outlet, outlet_from = detect_outlet(text)
    url = known.get("url")
    published, published_from = known.get("published"), "metadata"
    if not published:
        url_date = date_from_url(url)
        published, published_from = detect_published(text, url_date.year if url_date else None)
        if not published and url_date:
            published, published_from = url_date, "inferred"
    return Article(
        id=article_id,
        path=path,
        text=text,
        outlet=outlet,
        outlet_from=outlet_from,
        published=published,
        published_from=published_from,
        url=url,
        title=known.get("title"),
    )


def _folder_files(folder: str) -> list[str]:
    """The article files directly inside ``folder``, sorted by name (hidden files and the sidecar skipped)."""
    names = sorted(
        e.name
        for e in os.scandir(folder)
        if e.is_file()
        and not e.name.startswith(".")
        and e.name != SIDECAR_NAME
        and Path(e.name).suffix.lower() in ARTICLE_SUFFIXES
    )
    if not names:
        raise InputError(folder, f"no article files ({', '.join(ARTICLE_SUFFIXES)}) in this folder")
    return [os.path.join(folder, n) for n in names]


def _read_sidecar(path: str) -> dict[str, dict[str, Any]]:
    p = Path(path)
    if not p.is_file():
        raise InputError(path, "no such metadata file" if not p.exists() else "metadata path is a folder, not a file")
    try:
        raw = p.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(path, f"not UTF-8 text: invalid byte at offset {err.start}") from None
    try:
        return parse_sidecar(raw)
    except ValueError as err:
        raise InputError(path, str(err)) from None


def _apply_sidecar(sidecar: str, files: list[str], metas: dict[str, dict[str, Any]]) -> None:
    """Give each of ``files`` its entry of ``sidecar``; an entry naming no existing file is an error.

    An entry names a file by its path relative to the sidecar's folder, so a plain file
    name for a file beside it; a plain file name also matches an article of that name
    elsewhere (for a sidecar given with ``--metadata``).
    """
    entries = _read_sidecar(sidecar)
    base = Path(sidecar).parent
    by_real: dict[str, list[str]] = {}
    by_name: dict[str, list[str]] = {}
    for f in files:  # looked up by entry, not scanned per entry (500 articles: 250,000 paths)
        by_real.setdefault(os.path.realpath(f), []).append(f)
        by_name.setdefault(Path(f).name, []).append(f)
    for name, entry in entries.items():
        target = os.path.realpath(base / name)
        matched = set(by_real.get(target, [])) | (set(by_name.get(name, [])) if "/" not in name else set())
        if not matched and not os.path.exists(target):
            raise InputError(sidecar, f"entry {name!r} names a file that does not exist ({base / name})")
        for f in matched:
            metas[f] = entry


def load_corpus(paths: list[str], metadata: str | None = None) -> list[Article]:
    """Load the articles under ``paths`` (files, or folders of article files), sorted by id.

    ``metadata`` is a sidecar for all of them; without it, the ``crosscheck.toml`` in
    the folder of each article is used if there is one. Ids are file names without
    extension; two files with one name get ``-2``, ``-3``... in path order.
    """
    if not paths:
        raise InputError("", "no paths given: name article files or folders to compare")
    files: list[str] = []
    for path in paths:
        if not os.path.exists(path):
            raise InputError(path, "no such file or folder")
        files.extend(_folder_files(path) if os.path.isdir(path) else [str(path)])
    seen: set[str] = set()
    unique = []
    for f in files:
        key = os.path.realpath(f)
        if key not in seen:
            seen.add(key)
            unique.append(f)
    files = unique
    for f in files:
        try:
            f.encode("utf-8")
        except UnicodeEncodeError:
            shown = f.encode("utf-8", "backslashreplace").decode("utf-8")
            raise InputError(shown, "file name is not valid UTF-8; rename the file") from None

    metas: dict[str, dict[str, Any]] = {}
    if metadata is not None:
        _apply_sidecar(metadata, files, metas)
    else:
        folders = sorted({os.path.dirname(f) or "." for f in files})
        for folder in folders:
            sidecar = os.path.join(folder, SIDECAR_NAME)
            if os.path.isfile(sidecar):
                _apply_sidecar(sidecar, [f for f in files if (os.path.dirname(f) or ".") == folder], metas)

    articles = [load_article(f, metas.get(f)) for f in files]
    if len(articles) < 2:
        raise InputError(", ".join(str(p) for p in paths), f"need at least two articles to compare, found {len(articles)}")
    return sorted(_unique_ids(articles), key=lambda a: a.id)


def _unique_ids(articles: list[Article]) -> list[Article]:
    """Articles with distinct ids: later files (by path) sharing a stem get ``-2``, ``-3``..."""
    taken = {a.id for a in articles}
    counts: dict[str, int] = {}
    out = []
    for a in sorted(articles, key=lambda a: a.path):
        n = counts.get(a.id, 0) + 1
        counts[a.id] = n
        if n == 1:
            out.append(a)
            continue
        k = n
        while f"{a.id}-{k}" in taken:
            k += 1
        taken.add(f"{a.id}-{k}")
        out.append(replace(a, id=f"{a.id}-{k}"))
    return out
