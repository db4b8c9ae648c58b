"""Write report.html: one self-contained page with summary, charts, verdict tables, evidence.

Self-contained means no request leaves the file: charts are base64 PNG data URIs, the CSS
is inline, there is no script. Every piece of text that comes from an article or from
the extracted facts is escaped with ``html.escape`` before it is written.
"""

from __future__ import annotations

import base64
import re
from html import escape
from pathlib import Path

from crosscheck.models import VERDICTS, Cluster, Report
from crosscheck.render import charts, pdf

#: Inline style sheet; verdict colours are the charts' (Okabe-Ito).
CSS = """
body { font-family: "DejaVu Sans", Verdana, sans-serif; max-width: 1100px; margin: 2em auto;
       padding: 0 1em; color: #222; line-height: 1.45; }
h1 { font-size: 1.7em; margin-bottom: 0.2em; }
.sub, .muted { color: #555; }
table { border-collapse: collapse; margin: 0.6em 0 1.4em; width: 100%; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1.2em 0; }
figure img { max-width: 100%; height: auto; border: 1px solid #ddd; }
figcaption { color: #555; font-size: 0.9em; }
.swatch { display: inline-block; width: 0.9em; height: 0.9em; border: 1px solid #000;
          vertical-align: -0.1em; margin-right: 0.3em; }
details { border-left: 6px solid #999; padding: 0.2em 0.8em; margin: 0.6em 0; }
summary { cursor: pointer; font-weight: bold; }
blockquote { margin: 0.2em 0 0.6em 1.2em; color: #333; }
mark { background: #F0E442; text-decoration: underline; }
ul.values { margin: 0; padding-left: 1.1em; }
"""

#: Alt text of each chart, for readers who cannot see the image.
CHART_CAPTIONS = {
    "agreement_matrix": "Agreement between each pair of outlets: facts shared / agreeing / "
                        "conflicting, coloured by agreement score.",
    "facts_by_topic": "Which outlet reports each group of facts, coloured by verdict.",
    "timeline": "Every dated fact on one time axis, one row per outlet.",
    "quotes": "How close each outlet's wording of a quote is to the other outlets'.",
    "framing": "The hedging, loaded and distancing words each outlet uses.",
}

_TOKENS = re.compile(r"(\s+)")


def marked(text: str, marks: set[str]) -> str:
    """``text`` escaped, with the words in ``marks`` wrapped in ``<mark>``."""
    out = []
    for token in _TOKENS.split(text):
        if token and not token.isspace() and charts.is_marked(token, marks):
            out.append(f"<mark>{escape(token)}</mark>")
        else:
            out.append(escape(token))
    return "".join(out)


def _anchor(cluster: Cluster) -> str:
    return "c-" + re.sub(r"[^A-Za-z0-9_-]", "_", cluster.id)


def _summary(report: Report) -> list[str]:
    out = ["<h2>Summary</h2>", "<table><tbody>"]
    for label, value in charts.headline_figures(report):
        out.append(f'<tr><th>{escape(label)}</th><td class="num">{escape(value)}</td></tr>')
    out.append("</tbody></table>")
    out.append("<h2>Outlets</h2><table><thead><tr><th>outlet</th><th>title</th>"
               "<th>published</th><th>where it came from</th></tr></thead><tbody>")
    labels = charts.fact_outlet(report)
    for a in report.articles:
        when = a.published.isoformat() if a.published else "unknown"
        where = escape(a.url or a.path)
        out.append(f"<tr><td>{escape(labels[a.id])}</td><td>{escape(a.title or '')}</td>"
                   f"<td>{escape(when)} <span class=muted>({escape(a.published_from)})"
                   f"</span></td><td>{where} <span class=muted>(outlet from "
                   f"{escape(a.outlet_from)})</span></td></tr>")
    out.append("</tbody></table>")
    if report.warnings:
        out.append("<h2>Warnings</h2><ul>")
        out += [f"<li>{escape(w)}</li>" for w in report.warnings]
        out.append("</ul>")
    out.append("<p>")
    for v in VERDICTS:
        out.append(f'<span class="swatch" style="background:{charts.VERDICT_COLOURS[v]}">'
                   f"</span>{escape(v)} &nbsp; ")
    out.append("</p>")
    return out


def _charts(report: Report) -> list[str]:
    out = ["<h2>Charts</h2>"]
    for name, png in charts.chart_pngs(report):
        data = base64.b64encode(png).decode("ascii")
        caption = escape(CHART_CAPTIONS.get(name, name))
        out.append(f'<figure id="chart-{name}"><img alt="{caption}" '
                   f'src="data:image/png;base64,{data}"><figcaption>{caption}</figcaption>'
                   "</figure>")
    return out


def _verdict_tables(report: Report) -> list[str]:
    out = ["<h2>Groups of facts by verdict</h2>"]
    ordered = charts.ordered_clusters(report)
    for v in VERDICTS:
        group = [c for c in ordered if c.verdict == v]
        colour = charts.VERDICT_COLOURS[v]
        out.append(f'<section id="verdict-{v}"><h3><span class="swatch" '
                   f'style="background:{colour}"></span>{escape(pdf.VERDICT_HEADINGS[v])} '
                   f"({len(group)})</h3>")
        if not group:
            out.append("<p class=muted>None.</p></section>")
            continue
        out.append("<table><thead><tr><th>topic</th><th>kind</th><th>agreement</th>"
                   "<th>what each outlet says</th></tr></thead><tbody>")
        for c in group:
            values = "".join(f"<li><b>{escape(o)}</b>: {escape(c.values.get(o, ''))}</li>"
                             for o in c.outlets)
            out.append(f'<tr><td><a href="#{_anchor(c)}">{escape(c.topic or "(no topic)")}'
                       f"</a></td><td>{escape(c.kind)}</td>"
                       f"<td class=num>{charts.score_text(c.score)}</td>"
                       f'<td><ul class="values">{values}</ul></td></tr>')
        out.append("</tbody></table></section>")
    return out


def _evidence(report: Report) -> list[str]:
    out = ["<h2>Evidence</h2>",
           "<p class=muted>Each group of facts with every outlet's value and the sentence it "
           "comes from; in paraphrased quotes, the words other versions lack are "
           "<mark>marked</mark>.</p>"]
    for c in charts.ordered_clusters(report):
        colour = charts.VERDICT_COLOURS.get(c.verdict, charts.OTHER_COLOUR)
        is_open = " open" if c.verdict in ("conflict", "paraphrase") else ""
        out.append(f'<details id="{_anchor(c)}" style="border-left-color:{colour}"{is_open}>'
                   f"<summary>[{escape(c.verdict)}] {escape(c.kind)}: "
                   f"{escape(c.topic or '(no topic)')}</summary>")
        out.append(f"<p class=muted>{len(c.outlets)} outlet(s) · "
                   f"agreement {charts.score_text(c.score)}")
        if c.over_time:
            out.append(" · the values change with the publication date: later reports "
                       "may be updates rather than contradictions")
        out.append("</p>")
        if c.timeline:
            out.append("<ul>")
            for step in c.timeline:
                out.append(f"<li>{escape(str(step.get('published') or 'date unknown'))} · "
                           f"{escape(str(step.get('outlet', '')))}: "
                           f"{escape(str(step.get('value', '')))}</li>")
            out.append("</ul>")
        for outlet, facts in charts.cluster_facts(report, c).items():
            value = c.values.get(outlet) or "; ".join(dict.fromkeys(f.text for f in facts))
            words = charts.differing_words(c, outlet)
            marks = {charts.word_key(w) for w in words}
            out.append(f"<p><b>{escape(outlet)}</b>: {escape(value)}</p>")
            for sentence in dict.fromkeys(f.sentence for f in facts):
                out.append(f"<blockquote>{marked(' '.join(sentence.split()), marks)}"
                           "</blockquote>")
            if words:
                out.append(f"<p class=muted>words other versions lack: "
                           f"{escape(', '.join(words))}</p>")
        out.append("</details>")
    if not report.clusters:
        out.append("<p class=muted>No facts were found, so there is no evidence to show.</p>")
    return out


def write_html(report: Report, out_dir: Path) -> Path:
    """Write the self-contained ``report.html`` into ``out_dir``; return its path."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    title = charts.story_title(report)
    n = len(charts.outlet_labels(report))
    parts = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{escape(title)}</title><style>{CSS}</style></head><body>",
             f"<h1>{escape(title)}</h1>",
             f"<p class=sub>crosscheck: how {n} outlet{'s' if n != 1 else ''} covered this "
             "story, fact by fact</p>"]
    parts += _summary(report)
    parts += _charts(report)
    parts += _verdict_tables(report)
    parts += _evidence(report)
    parts.append("</body></html>")
    path = out_dir / "report.html"
    path.write_text("\n".join(parts) + "\n", encoding="utf-8")
    return path
