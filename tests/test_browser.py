"""report.html in a real browser (headless Chromium): filters, search, opening a group's
evidence by mouse and by keyboard, and the page without JavaScript.

Runs on a real event of ECB+ (``CROSSCHECK_ECBPLUS``, by default ../shared/datasets/ecbplus)
when it is there, else on the seeds; skipped when no Chromium is installed.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from crosscheck.cli import main

from chromium import Browser, executable  # tests/chromium.py

ROOT = Path(__file__).resolve().parent.parent
ECBPLUS = Path(os.environ.get("CROSSCHECK_ECBPLUS", ROOT.parent / "shared" / "datasets" / "ecbplus"))
EVENT = ECBPLUS / "t38_ecbplus"

pytestmark = pytest.mark.skipif(executable() is None, reason="no Chromium (apt-get install chromium)")


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    src = EVENT if EVENT.is_dir() else ROOT / "seeds"
    out = tmp_path_factory.mktemp("browser")
    assert main(["compare", str(src), "--out", str(out), "--format", "json,html", "--quiet"]) == 0
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    with Browser() as b:
        b.open((out / "report.html").as_uri())
        yield b, report, out


def _visible(b) -> list[dict]:
    return b.js("""Array.prototype.map.call(document.querySelectorAll('details.group'), function (g) {
        return {id: g.id, verdict: g.dataset.verdict, kind: g.dataset.kind, hidden: g.hidden,
                open: g.open, outlets: g.dataset.outlets.split('\\n')}; })""")


def _reset(b) -> None:
    b.js("document.getElementById('f-reset').click()")


def test_the_script_shows_the_filters_and_folds_the_groups(page):
    b, report, _ = page
    groups = _visible(b)
    assert len(groups) == len(report["clusters"])
    assert b.js("document.getElementById('controls').hidden") is False
    assert not any(g["open"] or g["hidden"] for g in groups)
    assert b.js("document.getElementById('shown').textContent") == f"{len(groups)} of {len(groups)} groups shown"


def test_verdict_and_outlet_filters(page):
    b, report, _ = page
    _reset(b)
    b.js("""Array.prototype.forEach.call(document.querySelectorAll('input[name=verdict]'), function (box) {
        if (box.value !== 'conflict' && box.value !== 'paraphrase') { box.click(); } })""")
    shown = [g for g in _visible(b) if not g["hidden"]]
    expected = [c for c in report["clusters"] if c["verdict"] in ("conflict", "paraphrase")]
    assert len(shown) == len(expected) > 0
    assert {g["verdict"] for g in shown} <= {"conflict", "paraphrase"}
    assert b.js("document.getElementById('verdict-single-source').hidden") is True
    outlet = expected[0]["outlets"][0]
    b.js(f"""var s = document.getElementById('f-outlet'); s.value = {json.dumps(outlet)};
             s.dispatchEvent(new Event('change', {{bubbles: true}}))""")
    shown = [g for g in _visible(b) if not g["hidden"]]
    assert shown and all(outlet in g["outlets"] for g in shown)
    assert len(shown) == sum(1 for c in expected if outlet in c["outlets"])
    _reset(b)
    assert not any(g["hidden"] for g in _visible(b))


def test_search_box_and_kind(page):
    b, report, _ = page
    _reset(b)
    kind = report["clusters"][0]["kind"]
    b.js(f"""var s = document.getElementById('f-kind'); s.value = {json.dumps(kind)};
             s.dispatchEvent(new Event('change', {{bubbles: true}}))""")
    shown = [g for g in _visible(b) if not g["hidden"]]
    assert len(shown) == sum(1 for c in report["clusters"] if c["kind"] == kind)
    b.js("""var s = document.getElementById('f-search'); s.value = 'no such words anywhere';
            s.dispatchEvent(new Event('input', {bubbles: true}))""")
    assert not [g for g in _visible(b) if not g["hidden"]]
    assert b.js("document.getElementById('shown').textContent").startswith("0 of ")
    _reset(b)


def test_opening_a_group_by_keyboard_shows_its_evidence_side_by_side(page):
    b, report, _ = page
    _reset(b)
    shared = next(c for c in report["clusters"] if len(set(c["outlets"])) > 1)
    anchor = "c-" + shared["id"]
    b.js(f"document.querySelector('#{anchor} > summary').focus()")
    b.key("Enter", "Enter", 13)
    assert b.js(f"document.getElementById('{anchor}').open") is True
    cards = b.js(f"""Array.prototype.map.call(document.querySelectorAll('#{anchor} .card'), function (c) {{
        var r = c.getBoundingClientRect();
        return {{outlet: c.querySelector('h4').textContent, top: r.top, left: r.left, width: r.width,
                 marked: c.querySelectorAll('mark').length, sentence: c.querySelectorAll('.sent').length,
                 date: c.querySelector('.muted').textContent}}; }})""")
    assert [c["outlet"] for c in cards] == list(dict.fromkeys(shared["outlets"]))
    assert all(c["width"] > 100 and c["marked"] >= 1 and c["sentence"] >= 1 for c in cards)
    assert all(c["date"].startswith("published ") for c in cards)
    assert cards[0]["top"] == cards[1]["top"] and cards[0]["left"] < cards[1]["left"]  # side by side
    b.key("Enter", "Enter", 13)
    assert b.js(f"document.getElementById('{anchor}').open") is False


def test_a_sentence_at_the_top_opens_its_group(page):
    b, report, _ = page
    _reset(b)
    href = b.js("document.querySelector('#brief a').getAttribute('href')")
    assert href and href.startswith("#c-")
    b.js("document.querySelector('#brief a').click()")
    target = href[1:]
    if b.js(f"document.getElementById('{target}').tagName") == "DETAILS":
        assert b.js(f"document.getElementById('{target}').open") is True
        assert b.js(f"document.activeElement === document.querySelector('#{target} > summary')")


def test_without_javascript_everything_is_visible_and_filters_absent(page):
    _, report, out = page
    with Browser() as b:
        b.send("Target.setDiscoverTargets", {"discover": False}, session=False)
        b.open("about:blank")
        b.send("Emulation.setScriptExecutionDisabled", {"value": True})
        b.send("Page.navigate", {"url": (out / "report.html").as_uri()})
        time.sleep(1.5)
        b.send("Emulation.setScriptExecutionDisabled", {"value": False})  # to read the page
        groups = _visible(b)
        assert len(groups) == len(report["clusters"])
        assert all(g["open"] and not g["hidden"] for g in groups)
        assert b.js("document.getElementById('controls').hidden") is True
        assert b.js("document.getElementById('shown').textContent") == ""
