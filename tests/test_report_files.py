"""`crosscheck compare` writes every report file, for the seeds and for a 12-outlet corpus.

Checks that each chart is a valid PNG of at least 150 dpi, that the PDF is valid with the
page count its layout predicts, and that no article text reaches the HTML unescaped (an
article with a <script> element in it proves it).
"""

from __future__ import annotations

import re
import shutil
import struct
from pathlib import Path

import pytest

from crosscheck.cli import main

ROOT = Path(__file__).resolve().parent.parent
CHARTS = ("agreement_matrix.png", "facts_by_topic.png", "timeline.png", "quotes.png", "framing.png")
SCRIPT = "<script>alert('crosscheck')</script>"


def _corpus_of_twelve(dst: Path) -> Path:
    """Twelve outlets: the seeds told again with other names and a hostile article."""
    dst.mkdir()
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    lines = []
    for i in range(12):
        text = seeds[i % 3].read_text(encoding="utf-8")
        if i == 11:
            text = text.replace("Russia", f"Russia {SCRIPT}", 1) + f'\n\n"Injected {SCRIPT} words," he said.\n'
        name = f"{i:02d}.txt"
        (dst / name).write_text(text, encoding="utf-8")
        lines.append(f'["{name}"]\noutlet = "Outlet number {i} & <Co>"\npublished = 2017-12-{18 + i:02d}\n')
    (dst / "crosscheck.toml").write_text("\n".join(lines), encoding="utf-8")
    return dst


def _png_dpi(data: bytes) -> float:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    at = data.find(b"pHYs")
    assert at > 0
    ppu_x, _, unit = struct.unpack(">IIB", data[at + 4 : at + 13])
    assert unit == 1
    return ppu_x * 0.0254


@pytest.fixture(scope="module", params=["seeds", "twelve"])
def written(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp(request.param)
    src = ROOT / "seeds" if request.param == "seeds" else _corpus_of_twelve(tmp / "corpus")
    out = tmp / "out"
    assert main(["compare", str(src), "--out", str(out), "--quiet"]) == 0
    return src, out


def test_every_chart_is_a_png_of_at_least_150_dpi(written):
    _, out = written
    for name in CHARTS:
        assert _png_dpi((out / name).read_bytes()) >= 149.9, name


def test_pdf_has_cover_chart_and_evidence_pages(written):
    from crosscheck.pipeline import compare
    from crosscheck.render import pdf

    src, out = written
    data = (out / "report.pdf").read_bytes()
    assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", data))
    report = compare([str(src)])
    expected = len(pdf.cover_pages(report)) + len(CHARTS) + len(pdf.evidence_pages(report))
    assert pages == expected


def test_html_escapes_all_article_text(written):
    src, out = written
    page = (out / "report.html").read_text(encoding="utf-8")
    from crosscheck.render.html import SCRIPT

    assert page.lower().count("<script") == 1 and f"<script>{SCRIPT}</script>" in page  # the page's own
    assert 'src="http' not in page and "href=\"http" not in page
    if src.name == "corpus":
        assert "&lt;script&gt;" in page
        assert "Outlet number 3 &amp; &lt;Co&gt;" in page


def test_format_picks_the_outputs_and_rendering_leaves_json_alone(tmp_path):
    seeds = ROOT / "seeds"
    assert main(["compare", str(seeds), "--out", str(tmp_path / "j"), "--format", "json", "--quiet"]) == 0
    assert sorted(p.name for p in (tmp_path / "j").iterdir()) == ["report.json"]
    assert main(["compare", str(seeds), "--out", str(tmp_path / "all"), "--quiet"]) == 0
    assert (tmp_path / "j" / "report.json").read_bytes() == (tmp_path / "all" / "report.json").read_bytes()


def test_two_articles_of_one_outlet_get_the_labels_the_scores_use(tmp_path):
    from crosscheck.pipeline import compare
    from crosscheck.render import charts

    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    for i, src in enumerate(seeds[:2]):
        (tmp_path / f"{i}.txt").write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "crosscheck.toml").write_text(
        '["0.txt"]\noutlet = "Wire"\npublished = 2017-12-28\n\n["1.txt"]\noutlet = "Wire"\npublished = 2018-03-21\n',
        encoding="utf-8",
    )
    report = compare([str(tmp_path)])
    labels = charts.outlet_labels(report)
    assert labels == ["Wire (0)", "Wire (1)"]
    assert {p.a for p in report.pairs} | {p.b for p in report.pairs} == set(labels)
    assert all(o in labels for c in report.clusters for o in c.outlets)
