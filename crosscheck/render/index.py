"""The index of many stories: index.json, index.md and index.html beside the story folders.

One row per story, most conflicted first (``sort_entries``): the story's key, its folder
(a link to its report), articles and outlets, facts, groups and verdicts, possible
conflicts, overall agreement and the labels of its first conflicts. Stories of one article
(listed, not compared) and stories whose comparison failed (with the error) are listed too.
Keys, outlets and labels come from the input: Markdown escapes them (``markdown_text``) and
HTML with ``html.escape`` after ``printable`` (control characters shown as escapes); the page has no script and fetches nothing.

The files are byte-identical for the same stories, whatever the order they were compared in.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from html import escape as _html_escape
from pathlib import Path
from typing import Any

from crosscheck import __version__
from crosscheck.atomic import write_text
from crosscheck.models import VERDICTS
from crosscheck.render.html import CSS
from crosscheck.safe import markdown_text, printable
from crosscheck.stories import COMPARED, IndexEntry

INDEX_FILES = ("index.json", "index.md", "index.html")


def escape(text: str, quote: bool = False) -> str:
    """``text`` for HTML: control characters as visible escapes (``crosscheck.safe.printable``), then
    ``html.escape``."""
    return _html_escape(printable(text), quote=quote)


def sort_entries(entries: Iterable[IndexEntry]) -> list[IndexEntry]:
    """Most conflicted first: more conflicts, then more possible conflicts, then lower
    agreement; stories not compared after those compared; ties by key and folder."""
    def order(e: IndexEntry) -> tuple[Any, ...]:
        overall = e.overall if e.overall is not None else 2.0
        return (e.status != COMPARED, -e.conflicts, -e.possible_conflicts, overall, e.key, e.folder)

    return sorted(entries, key=order)


def index_dict(entries: Sequence[IndexEntry]) -> dict[str, Any]:
    """The index as plain JSON-ready data (the contract other scripts read)."""
    stories = [
        {
            "key": e.key,
            "folder": e.folder,
            "status": e.status,
            "articles": e.articles,
            "outlets": list(e.outlets),
            "facts": e.facts,
            "clusters": e.groups,
            "verdicts": dict(e.verdicts),
            "conflicts": e.conflicts,
            "possible_conflicts": e.possible_conflicts,
            "overall": e.overall,
            "top_conflicts": list(e.top_conflicts),
            **({"error": e.error} if e.error else {}),
        }
        for e in entries
    ]
    compared = [e for e in entries if e.status == COMPARED]
    return {
        "tool": "crosscheck",
        "version": __version__,
        "summary": {
            "stories": len(entries),
            "compared": len(compared),
            "articles": sum(e.articles for e in entries),
            "with_conflicts": sum(1 for e in compared if e.conflicts),
            "failed": sum(1 for e in entries if e.error),
        },
        "stories": stories,
    }


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.0f}%"


def _report_link(entry: IndexEntry, formats: Sequence[str], ext: str) -> str | None:
    """The path of the story's report to link to (``ext`` preferred), or None."""
    if entry.status != COMPARED:
        return None
    for fmt in (ext, "md", "html", "json"):
        if fmt in formats:
            return f"{entry.folder}/report.{fmt}"
    return None


def _note(e: IndexEntry) -> str:
    if e.error:
        return f"comparison failed: {e.error}"
    if e.status != COMPARED:
        return "one article: not compared"
    return "; ".join(e.top_conflicts)


def index_markdown(entries: Sequence[IndexEntry], formats: Sequence[str]) -> str:
    d = index_dict(entries)["summary"]
    lines = [
        "# crosscheck: stories",
        "",
        f"{d['stories']} stories ({d['compared']} compared), {d['articles']} articles; "
        f"{d['with_conflicts']} with conflicts" + (f"; {d['failed']} failed" if d["failed"] else "") + ".",
        "Most conflicted first.",
        "",
        "| story | articles | outlets | groups | " + " | ".join(VERDICTS) + " | possible conflicts | agreement | conflicts on |",
        "| --- | ---: | ---: | ---: | " + " | ".join("---:" for _ in VERDICTS) + " | ---: | ---: | --- |",
    ]
    for e in entries:
        link = _report_link(e, formats, "md")
        name = markdown_text(e.key)
        story = f"[{name}](<{link}>)" if link else name
        counts = " | ".join(str(e.verdicts.get(v, 0)) for v in VERDICTS)
        lines.append(
            f"| {story} | {e.articles} | {len(e.outlets)} | {e.groups} | {counts} | {e.possible_conflicts} | "
            f"{_pct(e.overall)} | {markdown_text(_note(e))} |"
        )
    return "\n".join(lines) + "\n"


def index_html(entries: Sequence[IndexEntry], formats: Sequence[str]) -> str:
    d = index_dict(entries)["summary"]
    head = "".join(f"<th>{escape(h)}</th>" for h in
                   ("story", "articles", "outlets", "groups", *VERDICTS, "possible conflicts", "agreement", "conflicts on"))
    rows = []
    for e in entries:
        link = _report_link(e, formats, "html")
        name = escape(e.key)
        story = f'<a href="{escape(link, quote=True)}">{name}</a>' if link else name
        counts = "".join(f'<td class="num">{e.verdicts.get(v, 0)}</td>' for v in VERDICTS)
        outlets = escape(", ".join(e.outlets))
        rows.append(
            f"<tr><td>{story}</td><td class=\"num\">{e.articles}</td>"
            f"<td class=\"num\" title=\"{escape(outlets, quote=True)}\">{len(e.outlets)}</td>"
            f"<td class=\"num\">{e.groups}</td>{counts}<td class=\"num\">{e.possible_conflicts}</td>"
            f"<td class=\"num\">{_pct(e.overall)}</td><td>{escape(_note(e))}</td></tr>"
        )
    failed = f"; {d['failed']} failed" if d["failed"] else ""
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>crosscheck: stories</title><style>{CSS}</style></head><body>"
        "<h1>crosscheck: stories</h1>"
        f"<p class=\"sub\">{d['stories']} stories ({d['compared']} compared), {d['articles']} articles; "
        f"{d['with_conflicts']} with conflicts{failed}. Most conflicted first.</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        "</body></html>\n"
    )


def write_index(entries: Sequence[IndexEntry], out_dir: Path, formats: Sequence[str] = ("json", "md", "html")) -> list[Path]:
    """Write index.json, index.md and index.html into ``out_dir`` (each atomically);
    ``formats`` are the story report formats written, which the links point to."""
    out_dir = Path(out_dir)
    text = json.dumps(index_dict(entries), ensure_ascii=False, indent=2) + "\n"
    return [
        write_text(out_dir / "index.json", text),
        write_text(out_dir / "index.md", index_markdown(entries, formats)),
        write_text(out_dir / "index.html", index_html(entries, formats)),
    ]
