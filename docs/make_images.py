"""Write the README's images from the seeds: docs/images/timeline.png (the timeline chart)
and docs/images/report_html.png (report.html in headless Chromium, a conflict-free story's
first paraphrase opened). For a person to look at; no test asserts on them.

    python docs/make_images.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from chromium import Browser  # noqa: E402  (tests/chromium.py)

from crosscheck.pipeline import compare  # noqa: E402
from crosscheck.render import write_report  # noqa: E402

IMAGES = ROOT / "docs" / "images"


def main() -> None:
    report = compare([str(ROOT / "seeds")])
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        write_report(report, out, ("png", "html"))
        (IMAGES / "timeline.png").write_bytes((out / "timeline.png").read_bytes())
        first = next((c for c in report.clusters if c.verdict in ("conflict", "paraphrase")), None)
        with Browser(1200, 1300) as b:
            b.open((out / "report.html").as_uri() + (f"#c-{first.id}" if first else ""))
            if first:
                b.js(f"window.scrollTo(0, document.getElementById('c-{first.id}').offsetTop - 330)")
            b.screenshot(IMAGES / "report_html.png")
    print(f"wrote {IMAGES / 'timeline.png'} and {IMAGES / 'report_html.png'}")


if __name__ == "__main__":
    main()
