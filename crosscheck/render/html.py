"""Write report.html: one self-contained page that works as a tool.

At the top, one plain sentence per discrepancy (``render.findings``), each a link to its
group. Then every group of facts, by verdict, with filters (verdict, kind, outlet), sorting
and a search box; opening a group shows its evidence: each outlet's sentence inside its
paragraph, side by side, with the value highlighted, the framing words marked and the
publication date; quotes as a word diff (``<del>`` dropped, ``<ins>`` added). Then the
charts and the outlets.

Self-contained means no request leaves the file: charts are base64 PNG data URIs, the CSS
and the project's own small script (``SCRIPT``) are inline. Without the script the page is
a plain document: every group is open and the filters, which need it, are not shown. Every
piece of text that comes from an article or from the extracted facts is escaped with
``html.escape`` before it is written; the script only reads ``data-`` attributes and
toggles ``hidden`` / ``open``, it never writes markup.
"""

from __future__ import annotations

import base64
import re
from collections import defaultdict
from html import escape
from pathlib import Path

from crosscheck.label import split_label
from crosscheck.models import VERDICTS, Article, Cluster, Fact, Report
from crosscheck.render import charts, pdf
from crosscheck.render.findings import FINDING_KINDS, FINDING_TITLES, findings, possible_reason, side_text
from crosscheck.render.quotediff import QuoteDiff, cluster_diffs

#: Inline style sheet; verdict colours are the charts' (Okabe-Ito).
CSS = """
body { font-family: "DejaVu Sans", Verdana, sans-serif; max-width: 1200px; margin: 2em auto;
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
ul.brief li { margin: 0.25em 0; }
details.group { border-left: 6px solid #999; padding: 0.2em 0.8em; margin: 0.5em 0; }
details.group > summary { cursor: pointer; }
summary .verdict { font-weight: bold; text-transform: uppercase; font-size: 0.8em;
                   letter-spacing: 0.04em; }
summary .what { font-weight: bold; }
:focus-visible { outline: 3px solid #0072B2; outline-offset: 2px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr));
         gap: 0.8em; margin: 0.6em 0; }
.card { border: 1px solid #ccc; border-radius: 4px; padding: 0.5em 0.7em; background: #fcfcfc; }
.card h4 { margin: 0 0 0.2em; font-size: 1em; }
.card .value { font-weight: bold; }
.card .para { font-size: 0.92em; color: #444; }
.card .sent { color: #000; background: #f1f1f1; }
mark { background: #F0E442; text-decoration: underline; color: #000; }
.framing { border-bottom: 2px dotted #CC79A7; font-style: italic; }
del { background: #F6C9B0; text-decoration: line-through; }
ins { background: #F0E442; text-decoration: underline; }
.diff { margin: 0.3em 0 0.6em; }
#controls { background: #f6f6f6; border: 1px solid #ddd; padding: 0.6em 0.8em; margin: 0.8em 0; }
#controls fieldset { display: inline-block; border: 0; margin: 0 1em 0.3em 0; padding: 0; }
#controls label { margin-right: 0.6em; white-space: nowrap; }
#controls legend { font-weight: bold; padding: 0; }
"""

#: The page's own script: filters, sorting, search, and opening a group from a link. It
#: reads the ``data-`` attributes of each group and sets ``hidden`` and ``open``.
SCRIPT = """
(function () {
  var controls = document.getElementById("controls");
  if (!controls || !document.querySelector) { return; }
  var groups = Array.prototype.slice.call(document.querySelectorAll("details.group"));
  var status = document.getElementById("shown");
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.verdict"));
  function value(id) { return document.getElementById(id).value; }
  function apply() {
    var verdicts = {};
    Array.prototype.forEach.call(controls.querySelectorAll("input[name=verdict]"), function (b) {
      verdicts[b.value] = b.checked;
    });
    var kind = value("f-kind"), outlet = value("f-outlet");
    var words = value("f-search").toLowerCase().split(/\\s+/).filter(Boolean);
    var n = 0;
    groups.forEach(function (g) {
      var text = g.textContent.toLowerCase();
      var ok = verdicts[g.dataset.verdict] &&
        (!kind || g.dataset.kind === kind) &&
        (!outlet || g.dataset.outlets.split("\\n").indexOf(outlet) >= 0) &&
        words.every(function (w) { return text.indexOf(w) >= 0; });
      g.hidden = !ok;
      if (ok) { n += 1; }
    });
    sections.forEach(function (s) {
      s.hidden = !s.querySelector("details.group:not([hidden])");
    });
    status.textContent = n + " of " + groups.length + " groups shown";
  }
  function sort() {
    var by = value("f-sort");
    var key = {
      importance: function (g) { return [+g.dataset.order]; },
      agreement: function (g) { return [g.dataset.score === "" ? 2 : +g.dataset.score, +g.dataset.order]; },
      outlets: function (g) { return [-g.dataset.n, +g.dataset.order]; },
      name: function (g) { return [g.dataset.name, +g.dataset.order]; }
    }[by];
    sections.forEach(function (s) {
      var list = s.querySelector(".groups");
      var items = Array.prototype.slice.call(list.children);
      items.sort(function (a, b) {
        var ka = key(a), kb = key(b);
        for (var i = 0; i < ka.length; i++) {
          if (ka[i] < kb[i]) { return -1; }
          if (ka[i] > kb[i]) { return 1; }
        }
        return 0;
      });
      items.forEach(function (el) { list.appendChild(el); });
    });
  }
  function reveal() {
    var target = location.hash && document.getElementById(location.hash.slice(1));
    if (target && target.classList.contains("group")) {
      target.hidden = false;
      target.parentNode.closest("section").hidden = false;
      target.open = true;
      target.querySelector("summary").focus();
    }
  }
  groups.forEach(function (g) { g.open = false; });
  controls.hidden = false;
  controls.addEventListener("submit", function (e) { e.preventDefault(); });
  controls.addEventListener("input", apply);
  controls.addEventListener("change", function (e) { if (e.target.id === "f-sort") { sort(); } apply(); });
  document.getElementById("f-reset").addEventListener("click", function () {
    controls.reset(); sort(); apply();
  });
  window.addEventListener("hashchange", reveal);
  apply();
  reveal();
})();
"""

#: Alt text of each chart, for readers who cannot see the image.
CHART_CAPTIONS = {
    "agreement_matrix": "Agreement between each pair of outlets: facts shared / agreeing / "
                        "conflicting, coloured by agreement score.",
    "facts_by_topic": "Which outlet reports each group of facts two or more outlets report, "
                      "coloured by verdict.",
    "timeline": "Every dated fact on one time axis, one row per outlet, each labelled with "
                "its group.",
    "quotes": "How close each outlet's wording of a quote is to the other outlets'.",
    "framing": "The hedging, loaded and distancing words each outlet uses.",
}

#: Characters of an article shown around a fact's sentence when its paragraph is longer.
CONTEXT_CHARS = 400

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


def _anchor(group_id: str) -> str:
    return "c-" + re.sub(r"[^A-Za-z0-9_-]", "_", group_id)


def _attr(text: str) -> str:
    return escape(str(text), quote=True)


# --- an outlet's sentence in its paragraph ---------------------------------------------
def _paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    """The line of ``text`` holding ``start``..``end`` (articles put a paragraph on a line),
    cut to ``CONTEXT_CHARS`` on each side at a space when it is longer."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    hi = len(text) if hi < 0 else hi
    if start - lo > CONTEXT_CHARS:
        cut = text.find(" ", start - CONTEXT_CHARS)
        lo = cut + 1 if 0 <= cut < start else start - CONTEXT_CHARS
    if hi - end > CONTEXT_CHARS:
        cut = text.rfind(" ", end, end + CONTEXT_CHARS)
        hi = cut if cut > end else end + CONTEXT_CHARS
    return lo, hi


def annotated(text: str, lo: int, hi: int, spans: list[tuple[int, int, str]]) -> str:
    """``text[lo:hi]`` escaped, with each ``(start, end, tag)`` span wrapped in its element
    (``sent``: the sentence, ``mark``: the value, ``framing``: a framing word). Spans may
    overlap: the text is cut at every boundary and each piece wrapped in the spans that
    cover it, outermost first, so the markup is always well nested."""
    order = {"sent": 0, "mark": 1, "framing": 2}
    spans = [(max(s, lo), min(e, hi), t) for s, e, t in spans if s < hi and e > lo and s < e]
    cuts = sorted({lo, hi, *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        piece = escape(text[a:b])
        for tag in sorted({t for s, e, t in spans if s <= a and b <= e}, key=order.get, reverse=True):
            piece = (f"<mark>{piece}</mark>" if tag == "mark" else
                     f'<span class="{tag}">{piece}</span>')
        out.append(piece)
    return "".join(out)


def _card(article: Article | None, outlet: str, value: str, facts: list[Fact],
          framing: list[Fact]) -> str:
    when = article.published.isoformat() if article and article.published else "date unknown"
    out = [f'<div class="card"><h4>{escape(outlet)}</h4>',
           f'<div class="muted">published {escape(when)}</div>',
           f'<div class="value">{escape(value)}</div>']
    in_sentence: dict[tuple[int, str], list[Fact]] = {}  # a sentence giving two of the figures
    for f in facts:  # ("€2m ($2.6m)") is shown once, both marked
        in_sentence.setdefault((f.sentence_start, f.sentence), []).append(f)
    for same in in_sentence.values():
        f = same[0]
        sent_end = f.sentence_start + len(f.sentence)
        if article is None or article.text[f.sentence_start:sent_end] != f.sentence:
            # no offsets into the article: the sentence alone, the values marked in it
            marks = [(at, at + len(g.text), "mark") for g in same if (at := f.sentence.find(g.text)) >= 0]
            spans = [(0, len(f.sentence), "sent")] + marks
            out.append(f'<p class="para">{annotated(f.sentence, 0, len(f.sentence), spans)}</p>')
            continue
        lo, hi = _paragraph(article.text, f.sentence_start, sent_end)
        spans = [(f.sentence_start, sent_end, "sent")] + [(g.start, g.end, "mark") for g in same]
        spans += [(fr.start, fr.end, "framing") for fr in framing if fr.article == f.article]
        body = annotated(article.text, lo, hi, spans)
        out.append(f'<p class="para">{"… " if lo > 0 and article.text[lo - 1] != chr(10) else ""}'
                   f'{body}{" …" if hi < len(article.text) and article.text[hi] != chr(10) else ""}</p>')
    out.append("</div>")
    return "".join(out)


def diff_html(d: QuoteDiff) -> str:
    """One version of a quote against the first, in place: <del>dropped</del> <ins>added</ins>."""
    head = f"<b>{escape(d.a)} → {escape(d.b)}</b>: "
    if d.same:
        return f'<p class="diff">{head}same words</p>'
    parts = []
    for tag, words in d.ops:
        w = escape(words)
        parts.append(f"<del>{w}</del>" if tag == "del" else f"<ins>{w}</ins>" if tag == "ins" else w)
    return f'<p class="diff">{head}{" ".join(parts)}</p>'


# --- sections ----------------------------------------------------------------------
def _brief(report: Report) -> list[str]:
    found = findings(report)
    out = ['<section id="brief"><h2>In brief</h2>']
    if not found:
        out.append("<p class=muted>No fact is reported by two or more outlets: nothing to "
                   "compare.</p>")
    for kind in FINDING_KINDS:
        these = [f for f in found if f.kind == kind]
        if not these:
            continue
        colour = charts.VERDICT_COLOURS.get(kind, "#fff")
        out.append(f'<h3><span class="swatch" style="background:{colour}"></span>'
                   f"{escape(FINDING_TITLES[kind])} ({len(these)})</h3><ul class=brief>")
        for f in these:
            out.append(f'<li>{escape(f.text)} <a href="#{_anchor(f.group)}">evidence</a></li>')
        out.append("</ul>")
    out.append("</section>")
    return out


def _summary(report: Report) -> list[str]:
    out = ["<h2>Summary</h2>", "<table><tbody>"]
    for label, value in charts.headline_figures(report):
        out.append(f'<tr><th>{escape(label)}</th><td class="num">{escape(value)}</td></tr>')
    out.append("</tbody></table>")
    return out


def _outlets(report: Report) -> list[str]:
    out = ["<h2>Outlets</h2><table><thead><tr><th>outlet</th><th>title</th>"
           "<th>published</th><th>where it came from</th></tr></thead><tbody>"]
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


def _controls(report: Report) -> list[str]:
    """The filters, hidden until the script shows them (they need it)."""
    kinds = sorted({c.kind for c in report.clusters})
    outlets = charts.outlet_labels(report)
    out = ['<form id="controls" hidden role="search" aria-label="Filter the groups of facts" '
           'onsubmit="return false">']
    out.append("<fieldset><legend>Verdict</legend>")
    for v in VERDICTS:
        out.append(f'<label><input type="checkbox" name="verdict" value="{_attr(v)}" checked> '
                   f"{escape(v)}</label>")
    out.append("</fieldset>")
    out.append('<fieldset><legend><label for="f-kind">Kind</label></legend>'
               '<select id="f-kind"><option value="">all kinds</option>')
    out += [f'<option value="{_attr(k)}">{escape(k)}</option>' for k in kinds]
    out.append('</select></fieldset><fieldset><legend><label for="f-outlet">Outlet</label>'
               '</legend><select id="f-outlet"><option value="">all outlets</option>')
    out += [f'<option value="{_attr(o)}">{escape(o)}</option>' for o in outlets]
    out.append('</select></fieldset><fieldset><legend><label for="f-sort">Sort</label></legend>'
               '<select id="f-sort"><option value="importance">as listed</option>'
               '<option value="agreement">least agreement first</option>'
               '<option value="outlets">most outlets first</option>'
               '<option value="name">by name</option></select></fieldset>'
               '<fieldset><legend><label for="f-search">Search</label></legend>'
               '<input type="search" id="f-search" placeholder="words in a group"></fieldset>'
               '<button type="button" id="f-reset">Show all</button> '
               '<span id="shown" class="muted" aria-live="polite"></span></form>')
    return out


def _group(report: Report, c: Cluster, order: int, articles: dict[str, Article],
           framing_by_article: dict[str, list[Fact]]) -> str:
    colour = charts.VERDICT_COLOURS.get(c.verdict, charts.OTHER_COLOUR)
    what, kind_word = split_label(charts.group_name(c))
    outlets = list(dict.fromkeys(c.outlets))
    score = "" if c.score is None else f"{c.score:.4f}"
    out = [f'<details class="group" id="{_anchor(c.id)}" open style="border-left-color:{colour}" '
           f'data-verdict="{_attr(c.verdict)}" data-kind="{_attr(c.kind)}" '
           f'data-outlets="{_attr(chr(10).join(outlets))}" data-score="{score}" '
           f'data-n="{len(outlets)}" data-order="{order}" data-name="{_attr(what.lower())}">',
           f'<summary><span class="verdict">{escape(c.verdict)}</span> · '
           f'<span class="what">{escape(what)}</span> <span class="muted">— {escape(kind_word or c.kind)}'
           f" · {len(outlets)} outlet{'s' if len(outlets) != 1 else ''}: "
           f"{escape(', '.join(outlets))}</span></summary>"]
    facts = charts.cluster_facts(report, c)
    notes = [f"agreement {charts.score_text(c.score)}"]
    if c.reason:
        notes.append(c.reason)
    if c.over_time:
        notes.append("the values were revised over time: later reports may be "
                     "updates rather than contradictions")
    out.append(f"<p class=muted>{escape(' · '.join(notes))}</p>")
    if c.sides:
        out.append("<p>Sides: " + " against ".join(
            f"<b>{escape(side_text(s))}</b> ({escape(', '.join(dict.fromkeys(s['outlets'])))})" for s in c.sides) + "</p>")
    cards = []
    by_article = {a.id: a for a in articles.values()}
    for outlet, fs in facts.items():
        if not fs:
            continue
        art = by_article.get(fs[0].article)
        value = c.values.get(outlet) or "; ".join(dict.fromkeys(f.text for f in fs))
        cards.append(_card(art, outlet, value, fs, framing_by_article.get(fs[0].article, [])))
    out.append('<div class="cards">' + "".join(cards) + "</div>")
    diffs = cluster_diffs(report, c)
    if diffs:
        out.append("<p class=muted>The quote word by word against the first version: "
                   "<del>dropped</del> words, <ins>added</ins> words.</p>")
        out += [diff_html(d) for d in diffs]
    out.append("</details>")
    return "\n".join(out)


def _groups(report: Report) -> list[str]:
    out = ['<h2 id="groups">Groups of facts</h2>',
           "<p class=muted>Each group is one fact as the outlets report it. Open a group for "
           "its evidence: each outlet's sentence (shaded) in its paragraph, the value "
           "<mark>highlighted</mark>, <span class=framing>framing words</span> marked.</p>"]
    out += _controls(report)
    articles = {a.id: a for a in report.articles}
    framing_by_article: dict[str, list[Fact]] = defaultdict(list)
    for f in report.facts:
        if f.kind == "framing":
            framing_by_article[f.article].append(f)
    ordered = charts.ordered_clusters(report)
    order = {c.id: i for i, c in enumerate(ordered)}
    for v in VERDICTS:
        group = [c for c in ordered if c.verdict == v]
        colour = charts.VERDICT_COLOURS[v]
        out.append(f'<section class="verdict" id="verdict-{v}"><h3><span class="swatch" '
                   f'style="background:{colour}"></span>{escape(pdf.VERDICT_HEADINGS[v])} '
                   f"({len(group)})</h3>")
        if not group:
            out.append("<p class=muted>None.</p><div class=groups></div></section>")
            continue
        out.append('<div class="groups">')
        out += [_group(report, c, order[c.id], articles, framing_by_article) for c in group]
        out.append("</div></section>")
    if report.possible_conflicts:
        out.append('<section id="possible"><h3>Possible conflicts: to check, no verdict '
                   f"({len(report.possible_conflicts)})</h3>")
        for p in report.possible_conflicts:
            out.append(f'<div id="{_anchor(p["id"])}" class="possible"><p><b>'
                       f"{escape(p.get('label') or p['topic'])}</b> <span class=muted>· "
                       f"{escape(possible_reason(p))}</span></p><ul>")
            for side in p["sides"]:
                values = side.get("values") or [side["value"]] * len(side["outlets"])
                for o, value, sentence in zip(side["outlets"], values, side["sentences"]):
                    out.append(f"<li><b>{escape(o)}</b>: {escape(value)} — "
                               f"{escape(' '.join(sentence.split()))}</li>")
            out.append("</ul></div>")
        out.append("</section>")
    if not report.clusters:
        out.append("<p class=muted>No facts were found, so there is no evidence to show.</p>")
    return out


def render_html(report: Report) -> str:
    """The whole page as a string (deterministic for a report)."""
    title = charts.story_title(report)
    n = len(charts.outlet_labels(report))
    parts = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{escape(title)}</title><style>{CSS}</style></head><body>",
             f"<h1>{escape(title)}</h1>",
             f"<p class=sub>crosscheck: how {n} outlet{'s' if n != 1 else ''} covered this "
             "story, fact by fact</p>"]
    parts += _brief(report)
    parts += _summary(report)
    parts += _groups(report)
    parts += _charts(report)
    parts += _outlets(report)
    parts.append(f"<script>{SCRIPT}</script>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def write_html(report: Report, out_dir: Path) -> Path:
    """Write the self-contained ``report.html`` into ``out_dir``; return its path."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "report.html"
    path.write_text(render_html(report), encoding="utf-8")
    return path
