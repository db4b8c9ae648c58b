"""Read article metadata: the ``crosscheck.toml`` sidecar, Markdown front matter, and checks.

Both formats carry the same keys (``KEYS``). Parsers take text and raise ``ValueError``
with a one-line problem a user can act on; ``crosscheck.load`` adds the file name.
The formats are described for users in ``docs/metadata.md``.
"""

from __future__ import annotations

import re
import reprlib
import tomllib
from datetime import date, datetime
from typing import Any

#: The metadata keys an article may have, in the order messages list them.
KEYS = ("outlet", "published", "url", "title")

#: The sidecar's file name, looked for inside each folder of articles.
SIDECAR_NAME = "crosscheck.toml"

#: A calendar date as ISO 8601 writes it, and nothing else ("2017-12-28").
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: A URL the metadata accepts: absolute http(s), as a browser's address bar shows it.
URL = re.compile(r"https?://[^\s/]+\S*")

#: Front matter opens and closes with a line of three hyphens (the Jekyll/Hugo convention).
FRONT_MATTER_FENCE = re.compile(r"---[^\S\n]*")
#: A front-matter line: ``key: value``; the value may be wrapped in matching quotes.
FRONT_MATTER_LINE = re.compile(r"(?P<key>[A-Za-z_][\w-]*)[^\S\n]*:(?:[^\S\n]+(?P<value>.*?))?[^\S\n]*")
#: Front-matter lines that say nothing: blank, or a ``#`` comment (as in YAML).
FRONT_MATTER_SKIP = re.compile(r"[^\S\n]*(?:#.*)?")


#: How values are quoted in error messages: short, and a structure nested thousands deep
#: is shown to a few levels (``repr`` of it would recurse past Python's limit).
_SHOWN = reprlib.Repr()
_SHOWN.maxlevel, _SHOWN.maxstring, _SHOWN.maxother, _SHOWN.maxlist, _SHOWN.maxdict = 3, 60, 60, 4, 4


def _shown(value: Any) -> str:
    """``value`` quoted for a one-line error message, at most about 60 characters."""
    return _SHOWN.repr(value)


def _known_keys() -> str:
    return ", ".join(KEYS)


def parse_date(value: Any, key: str = "published") -> date:
    """A date from a TOML date or a ``YYYY-MM-DD`` string; ``ValueError`` otherwise."""
    if isinstance(value, datetime):
        raise ValueError(f"{key} must be a date like 2017-12-28, not a date and time ({value.isoformat()})")
    if isinstance(value, date):
        return value
    if isinstance(value, str) and ISO_DATE.fullmatch(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"{key} {_shown(value)} is not a real date") from None
    raise ValueError(f"{key} must be a date written YYYY-MM-DD, got {_shown(value)}")


def check_entry(entry: dict[str, Any]) -> dict[str, Any]:
    """The entry with ``published`` as a ``date`` and strings trimmed; ``ValueError`` on a bad key or value."""
    out: dict[str, Any] = {}
    for key in sorted(entry):
        value = entry[key]
        if key not in KEYS:
            raise ValueError(f"unknown key {key!r} (known keys: {_known_keys()})")
        if key == "published":
            out[key] = parse_date(value)
            continue
        if not isinstance(value, str):
            raise ValueError(f"{key} must be a string, got {_shown(value)}")
        value = " ".join(value.split())
        if not value:
            raise ValueError(f"{key} is empty")
        if key == "url" and not URL.fullmatch(value):
            raise ValueError(f"url must start with http:// or https://, got {_shown(value)}")
        out[key] = value
    return out


def parse_sidecar(text: str) -> dict[str, dict[str, Any]]:
    """The sidecar's entries by file name, each checked with ``check_entry``.

    The sidecar is TOML with one table per article file, named by the file's name
    relative to the sidecar's folder: ``["000.txt"]`` then ``outlet = "..."`` lines.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ValueError(f"invalid TOML: {err}") from None
    except RecursionError:
        raise ValueError("invalid TOML: arrays or tables nested too deeply") from None
    entries: dict[str, dict[str, Any]] = {}
    for name in sorted(data):
        table = data[name]
        if not isinstance(table, dict):
            raise ValueError(
                f"top-level key {_shown(name)} is not a table; write one table per file, "
                f'e.g. ["{name if "." in name else "article.txt"}"] with {_known_keys()} under it'
            )
        try:
            entries[name] = check_entry(table)
        except ValueError as err:
            raise ValueError(f"entry {_shown(name)}: {err}") from None
    return entries


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """``(metadata, body)`` of a Markdown file's text; no front matter -> ``({}, text)``.

    Front matter is a first line ``---``, then ``key: value`` lines (blank lines and
    ``# comments`` allowed), then a closing ``---`` line. Values are plain text up to the
    end of the line, optionally quoted. The body is everything after the closing line,
    unchanged. Anything else inside the fences is an error, not a guess.
    """
    lines = text.split("\n")
    if not FRONT_MATTER_FENCE.fullmatch(lines[0]):
        return {}, text
    closing = next((i for i in range(1, len(lines)) if FRONT_MATTER_FENCE.fullmatch(lines[i])), None)
    if closing is None:
        raise ValueError("front matter opened with '---' on line 1 is never closed (add a '---' line after it)")
    raw: dict[str, str] = {}
    for number, line in enumerate(lines[1:closing], start=2):
        if FRONT_MATTER_SKIP.fullmatch(line):
            continue
        m = FRONT_MATTER_LINE.fullmatch(line)
        if not m:
            raise ValueError(f"front matter line {number}: expected 'key: value', got {line.strip()[:60]!r}")
        key, value = m.group("key"), (m.group("value") or "")
        if key not in KEYS:
            raise ValueError(f"front matter line {number}: unknown key {key!r} (known keys: {_known_keys()})")
        if key in raw:
            raise ValueError(f"front matter line {number}: {key!r} given twice")
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        if not value.strip():
            raise ValueError(f"front matter line {number}: {key!r} has no value")
        raw[key] = value
    try:
        return check_entry(raw), "\n".join(lines[closing + 1 :])
    except ValueError as err:
        raise ValueError(f"front matter: {err}") from None
