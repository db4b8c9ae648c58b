"""Text from input made safe for where it is shown: a terminal, Markdown, XML.

Article text, titles, outlet names and file names come from anyone who can publish a page
or name a file. Shown as they are, they could clear a CI log's screen or fake a line in it
(terminal escape sequences, a newline in a file name), turn report.md into a page with a
live link, a tracking image or raw HTML, or make JUnit XML that does not parse.

- ``printable(text)``: for a terminal and one-line messages: control characters (C0, DEL,
  C1, and the line and paragraph separators) written as escapes (``\\n``, ``\\x1b``), so that
  one line stays one line and nothing is interpreted by the terminal.
- ``clean(data)``: ``printable`` on every string of a JSON-like structure.
- ``markdown_text(text)``: text that CommonMark and GitHub-flavoured Markdown render as
  the same text: every character that could start a link, image, emphasis, code span, raw
  HTML, an autolink or break a table cell is escaped.
- ``xml_text(text)``: text without the characters XML 1.0 forbids (``ElementTree`` writes
  them as they are, which makes a file no parser reads).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

#: Control characters: C0 (but for none), DEL, C1, and the Unicode line and paragraph
#: separators (terminals and some log viewers break lines at them).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(m: re.Match) -> str:
    ch = m.group()
    return _NAMED.get(ch) or (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")


def printable(text: Any) -> str:
    """``text`` with each control character written as an escape (one line, no effects)."""
    return _CONTROL.sub(_escape, str(text))


def clean(data: Any) -> Any:
    """``data`` (dicts, lists, strings, numbers) with ``printable`` applied to every string,
    keys included."""
    if isinstance(data, str):
        return printable(data)
    if isinstance(data, dict):
        return {clean(k): clean(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return type(data)(clean(x) for x in data)
    return data


#: ASCII punctuation that opens or closes a Markdown construct inside a line (CommonMark
#: 0.31 "backslash escapes": any ASCII punctuation may be escaped): links and images need
#: "[", emphasis "*" and "_", code "`", GFM strikethrough "~", GFM tables "|", GitHub's
#: math "$". "<", ">" and "&" become character references (raw HTML, entities).
_MARKDOWN_SPECIAL = re.compile(r"[\\`*_\[\]!|~$]")
#: Autolinks of GitHub-flavoured Markdown need no brackets: "www.", "http://", "https://",
#: and e-mail addresses. Escaping the ":" or "." and the "@" keeps them text.
_AUTOLINK = re.compile(r"(?i)(?<=\bwww)\.|(?<=\bhttps)(?=:)|(?<=\bhttp)(?=:)|(?<=\bftp)(?=:)|@")


def markdown_text(text: Any) -> str:
    """``text`` as Markdown that renders as exactly this text on one line: no link, image,
    emphasis, code, raw HTML or autolink, and no table cell broken."""
    return _markdown_text(str(text))


@lru_cache(maxsize=65536)
def _markdown_text(text: str) -> str:
    """``markdown_text`` of a string (memoised: a story's outlets repeat their sentences and values)."""
    text = printable(" ".join(text.split()))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MARKDOWN_SPECIAL.sub(lambda m: "\\" + m.group(), text)
    return _AUTOLINK.sub(lambda m: "&#64;" if m.group() == "@" else ("&#46;" if m.group() == "." else "\\"), text)


#: Characters XML 1.0 does not allow (section 2.2, "Char"), and the surrogates.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: Any) -> str:
    """``text`` without the characters XML 1.0 forbids (control characters but tab and
    newline; unpaired surrogates; U+FFFE and U+FFFF)."""
    return _NOT_XML.sub("", str(text))
