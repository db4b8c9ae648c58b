"""Load articles from JSON lines: one article per line, from a file or standard input.

Each line is a JSON object::

    {"text": "...", "outlet": "CNN", "published": "2024-05-02", "url": "https://...",
     "title": "...", "story": "ukraine-grain-deal", "id": "cnn-0502"}

``text`` (plain text) or ``html`` (a whole page, reduced to its article text by
trafilatura as for ``.html`` files) is required; ``outlet``, ``published``, ``url`` and
``title`` are the sidecar keys (docs/metadata.md) and are checked the same way; ``story``
(a string or an integer) puts the article in a story by name, and without it
``crosscheck.grouping`` groups articles by content; ``id`` names the article in reports
(default ``line<N>``, its line number). Any other key is an error, as in a sidecar: a typo
must not silently drop metadata. Blank lines are skipped.

Every problem stops the whole run with a one-line ``InputError`` naming the file and the
line ("day.jsonl: line 12: not JSON: ..."), before anything is compared: as for a folder,
a bad article is an error to fix, not something to skip unseen.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from typing import IO, Any

from crosscheck import settings
from crosscheck.load import BINARY_SAMPLE_BYTES, HTML_SUFFIXES, InputError, article_from_text, is_mostly_control
from crosscheck.models import Article

#: What the path ``-`` reads, and how errors name it.
STDIN = "-"
STDIN_NAME = "<stdin>"

#: Keys a line may hold besides the sidecar's (``crosscheck.load.metadata.KEYS``).
TEXT_KEYS = ("text", "html")
OWN_KEYS = ("story", "id")
META_KEYS = ("outlet", "published", "url", "title")
KNOWN_KEYS = (*TEXT_KEYS, *META_KEYS, *OWN_KEYS)


@dataclass(frozen=True)
class Record:
    """One line: its article and the story it names (``None``: group by content)."""

    article: Article
    story: str | None
    line: int


def read_jsonl(path: str, stream: IO[bytes] | None = None) -> list[Record]:
    """The records of the JSON-lines file ``path`` (``-``: ``stream``, default standard input),
    in line order; ``InputError`` naming the file and line on the first bad line."""
    name = STDIN_NAME if path == STDIN else path
    if path == STDIN:
        return _read(name, stream if stream is not None else sys.stdin.buffer)
    try:
        with open(path, "rb") as f:
            return _read(name, f)
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder, not a JSON-lines file") from None


def _read(name: str, f: IO[bytes]) -> list[Record]:
    records: list[Record] = []
    ids: set[tuple[str | None, str]] = set()
    n = 0
    while True:
        # bounded: a line without an end cannot fill the memory
        raw = f.readline(settings.MAX_JSONL_LINE_BYTES + 1)
        if not raw:
            break
        n += 1
        if len(raw) > settings.MAX_JSONL_LINE_BYTES:
            raise InputError(name, f"line {n}: longer than {settings.MAX_JSONL_LINE_BYTES:,} bytes")
        if not raw.strip():
            continue
        record = _record(name, n, raw)
        key = (record.story, record.article.id)
        if key in ids:
            raise InputError(name, f"line {n}: id {record.article.id!r} is used by an earlier line"
                             + (f" of story {record.story!r}" if record.story is not None else ""))
        ids.add(key)
        records.append(record)
    if not records:
        raise InputError(name, "no articles (no non-blank line)")
    return records


def _record(name: str, n: int, raw: bytes) -> Record:
    where = f"line {n}"
    try:
        line = raw.decode("utf-8-sig" if n == 1 else "utf-8")
    except UnicodeDecodeError as err:
        raise InputError(name, f"{where}: not UTF-8: byte 0x{raw[err.start]:02x} at column {err.start + 1}") from None
    try:
        data = json.loads(line)
    except json.JSONDecodeError as err:
        raise InputError(name, f"{where}: not JSON: {err.msg} at column {err.colno}") from None
    except RecursionError:
        raise InputError(name, f"{where}: not JSON: nested too deeply") from None
    if not isinstance(data, dict):
        raise InputError(name, f"{where}: a line must be a JSON object, got {type(data).__name__}")
    unknown = sorted(k for k in data if k not in KNOWN_KEYS)
    if unknown:
        raise InputError(name, f"{where}: unknown key {unknown[0]!r} (known keys: {', '.join(KNOWN_KEYS)})")
    given = [k for k in TEXT_KEYS if k in data]
    if len(given) != 1:
        raise InputError(name, f"{where}: give the article as exactly one of 'text' or 'html'")
    text = data[given[0]]
    if not isinstance(text, str):
        raise InputError(name, f"{where}: {given[0]} must be a string, got {type(text).__name__}")
    text = _checked_text(name, where, text)
    story = _name_field(name, where, data, "story")
    article_id = _name_field(name, where, data, "id") or f"line{n}"
    meta: dict[str, Any] = {k: data[k] for k in META_KEYS if k in data and data[k] is not None}
    suffix = HTML_SUFFIXES[0] if given[0] == "html" else ".txt"
    try:
        article = article_from_text(f"{name}:{n}", article_id, text, meta, suffix)
    except InputError as err:
        raise InputError(name, f"{where}: {err.problem}") from None
    return Record(article=article, story=story, line=n)


def _checked_text(name: str, where: str, text: str) -> str:
    """The article text with line endings made ``\\n``; the checks ``read_text`` makes on files."""
    if len(text.encode("utf-8", "surrogatepass")) > settings.MAX_ARTICLE_BYTES:
        raise InputError(name, f"{where}: text is over the {settings.MAX_ARTICLE_BYTES:,}-byte limit for one article")
    if "\x00" in text:
        raise InputError(name, f"{where}: text holds NUL characters: binary, not article text")
    if any("\ud800" <= ch <= "\udfff" for ch in text):
        raise InputError(name, f"{where}: text holds an unpaired surrogate (\\ud800-\\udfff), not text")
    if is_mostly_control(text[:BINARY_SAMPLE_BYTES]):
        raise InputError(name, f"{where}: text is mostly control characters: binary, not article text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(name, f"{where}: text is empty")
    return text


def _name_field(name: str, where: str, data: dict[str, Any], key: str) -> str | None:
    """``story`` or ``id``: a non-empty string or an integer, spaces collapsed; absent or null: None."""
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise InputError(name, f"{where}: {key} must be a string or an integer, got {type(value).__name__}")
    value = " ".join(str(value).split())
    if not value:
        raise InputError(name, f"{where}: {key} is empty")
    if len(value) > settings.MAX_STORY_KEY_CHARS:
        raise InputError(name, f"{where}: {key} is longer than {settings.MAX_STORY_KEY_CHARS} characters")
    return value
