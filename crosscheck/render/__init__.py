"""Render a Report: JSON for machines, Markdown for readers, charts, PDF and HTML.

``write_report(report, out_dir, formats)`` writes the chosen formats and returns the paths.
The set is written beside ``out_dir`` and put in its place in one step
(``crosscheck.atomic.replace_folder``): a run killed at any moment leaves the old report set
or the new one, never a mix; report files of formats not asked for are kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from crosscheck.atomic import replace_folder
from crosscheck.models import Report

#: Output formats, in the order they are written; ``png`` is the charts.
FORMATS = ("json", "md", "png", "pdf", "html")
DEFAULT_FORMATS = FORMATS


def write_report(report: Report, out_dir: Path, formats: Iterable[str] = DEFAULT_FORMATS) -> list[Path]:
    """Write ``report`` in each of ``formats`` into ``out_dir`` (created if missing), all
    at once (see the module docstring); an ``OSError`` names the file it concerns."""
    wanted = set(formats)
    return replace_folder(Path(out_dir), lambda folder: _write_formats(report, folder, wanted))


def _write_formats(report: Report, out_dir: Path, wanted: set[str]) -> list[Path]:
    """Write the ``wanted`` formats into ``out_dir``; return the paths. An error on an open
    file (a full disk) names no file: it is given the name of the file being written."""
    written: list[Path] = []
    try:
        _write_each(report, out_dir, wanted, written)
    except OSError as err:
        if err.filename:
            raise
        done = {p.name for p in written}
        partial = [p for p in out_dir.iterdir() if p.name not in done]
        being_written = max(partial, key=lambda p: (p.stat().st_mtime_ns, p.name), default=out_dir)
        raise OSError(err.errno, err.strerror or str(err), str(being_written)) from None
    return written


def _write_each(report: Report, out_dir: Path, wanted: set[str], written: list[Path]) -> None:
    if "json" in wanted:
        from crosscheck.render.json import write_json

        written.append(write_json(report, out_dir))
    if "md" in wanted:
        from crosscheck.render.markdown import write_markdown

        written.append(write_markdown(report, out_dir))
    if "png" in wanted:
        from crosscheck.render.charts import write_charts

        written.extend(write_charts(report, out_dir))
    if "pdf" in wanted:
        from crosscheck.render.pdf import write_pdf

        written.append(write_pdf(report, out_dir))
    if "html" in wanted:
        from crosscheck.render.html import write_html

        written.append(write_html(report, out_dir))
