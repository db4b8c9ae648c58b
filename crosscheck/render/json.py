"""report.json: the whole result for machines, byte-identical for the same input."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from crosscheck import settings
from crosscheck.models import VERDICTS, PairTable, Report


def report_dict(report: Report, lazy: bool = False) -> dict[str, Any]:
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
            "value": dict(f.value),
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
        "scores": {"overall": report.overall, **_pair_scores(report, lazy)},
        "warnings": list(report.warnings),
    }


#: What the compact pair table holds, written into it (``settings.COMPACT_PAIRS_ABOVE_OUTLETS``).
PAIR_TABLE_NOTE = (
    "Outlet-pair scores of a story of more than {limit} outlets, written as a table instead of "
    "one record per pair ('pairs'). 'outlets' are the outlet labels, sorted; in 'shared', "
    "'agree', 'conflict' and 'paraphrase', line i holds the counts of outlet i against outlets "
    "i+1, i+2, ... (space-separated integers). A pair's score is (agree + paraphrase) / "
    "(agree + conflict + paraphrase), none where that is 0."
)


class _Lines(list):
    """The lines of one count of the compact pair table, made as ``json.dump`` writes them
    (its encoder, with an indent, iterates a list): 10,000 outlets give 50 million counts."""

    def __init__(self, pairs: PairTable, count: int):
        super().__init__()
        self.pairs, self.count = pairs, count

    def __len__(self) -> int:
        return len(self.pairs.labels)

    def __iter__(self):
        for i in range(len(self.pairs.labels)):
            yield " ".join(map(str, self.pairs.row(i)[self.count][i + 1 :].tolist()))


def _pair_scores(report: Report, lazy: bool = False) -> dict[str, Any]:
    """``pairs``: one record per pair of outlets; above ``settings.COMPACT_PAIRS_ABOVE_OUTLETS``
    outlets, ``pair_table`` instead (see ``PAIR_TABLE_NOTE``), its lines made as they are
    written when ``lazy``."""
    pairs = report.pairs
    labels = sorted({x for p in pairs for x in (p.a, p.b)}) if not isinstance(pairs, PairTable) else pairs.labels
    if len(labels) <= settings.COMPACT_PAIRS_ABOVE_OUTLETS:
        return {"pairs": [{"a": p.a, "b": p.b, "shared": p.shared, "agree": p.agree, "conflict": p.conflict,
                           "paraphrase": p.paraphrase, "score": p.score} for p in pairs]}
    if not isinstance(pairs, PairTable):
        raise TypeError("a report of many outlets holds its pairs as a PairTable")
    table: dict[str, Any] = {"form": "compact", "note": PAIR_TABLE_NOTE.format(limit=settings.COMPACT_PAIRS_ABOVE_OUTLETS),
                             "outlets": list(pairs.labels)}
    for count, name in enumerate(("shared", "agree", "conflict", "paraphrase")):
        table[name] = _Lines(pairs, count) if lazy else list(_Lines(pairs, count))
    return {"pair_table": table}


def dumps(report: Report) -> str:
    return json.dumps(report_dict(report), ensure_ascii=False, indent=2) + "\n"


def write_json(report: Report, out_dir: Path) -> Path:
    """report.json (``dumps``), written as it is made: a compact pair table is not held whole."""
    path = out_dir / "report.json"
    with path.open("w", encoding="utf-8") as f:
        json.dump(report_dict(report, lazy=True), f, ensure_ascii=False, indent=2)
        f.write("\n")
    return path
