"""report.json: the whole result for machines, byte-identical for the same input."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from crosscheck.models import VERDICTS, Report


def report_dict(report: Report) -> dict[str, Any]:
    """The report as plain JSON-ready data (the contract other scripts read)."""
    articles = [
        {
            "id": a.id,
            "path": a.path,
            "outlet": a.outlet,
            "outlet_from": a.outlet_from,
            "published": a.published.isoformat() if a.published else None,
            "published_from": a.published_from,
            "url": a.url,
            "title": a.title,
            "copy_of": list(a.copy_of),
        }
        for a in report.articles
    ]
    facts = [
        {
            "id": f.id,
            "article": f.article,
            "kind": f.kind,
            "text": f.text,
            "start": f.start,
            "end": f.end,
            "sentence": f.sentence,
            "value": f.value,
            **({"speaker": f.speaker} if f.kind in ("quote", "statement") else {}),
            **({"frame": f.frame.as_dict()} if f.frame is not None else {}),
        }
        for f in report.facts
    ]
    clusters = []
    for c in report.clusters:
        d = asdict(c)
        d["facts"] = list(c.facts)
        d["outlets"] = list(c.outlets)
        d["differences"] = list(c.differences)
        d["timeline"] = list(c.timeline)
        d["framing"] = list(c.framing)
        d["sides"] = list(c.sides)
        clusters.append(d)
    verdicts = {v: 0 for v in VERDICTS}
    for c in report.clusters:
        verdicts[c.verdict] += 1
    return {
        "tool": "crosscheck",
        "version": report.version,
        "summary": {
            "articles": len(report.articles),
            "facts": len(report.facts),
            "clusters": len(report.clusters),
            "possible_conflicts": len(report.possible_conflicts),
            "verdicts": verdicts,
            "overall": report.overall,
        },
        "articles": articles,
        "facts": facts,
        "clusters": clusters,
        "possible_conflicts": list(report.possible_conflicts),
        "scores": {"overall": report.overall, "pairs": [asdict(p) for p in report.pairs]},
        "warnings": list(report.warnings),
    }


def dumps(report: Report) -> str:
    return json.dumps(report_dict(report), ensure_ascii=False, indent=2) + "\n"


def write_json(report: Report, out_dir: Path) -> Path:
    path = out_dir / "report.json"
    path.write_text(dumps(report), encoding="utf-8")
    return path
