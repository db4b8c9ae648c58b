"""Render a Report: JSON for machines, Markdown for readers, charts, PDF and HTML.

``write_report(report, out_dir, formats)`` writes the chosen formats and returns the paths.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from crosscheck.models import Report

#: Output formats, in the order they are written; ``png`` is the charts.
FORMATS = ("json", "md", "png", "pdf", "html")
DEFAULT_FORMATS = FORMATS


def write_report(report: Report, out_dir: Path, formats: Iterable[str] = DEFAULT_FORMATS) -> list[Path]:
    """Write ``report`` in each of ``formats`` into ``out_dir`` (created if missing)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    wanted = set(formats)
    written: list[Path] = []
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
    return written
