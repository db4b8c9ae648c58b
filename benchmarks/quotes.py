"""Score quote extraction: quote recall and speaker accuracy on the gold corpora and ECB+.

    python benchmarks/quotes.py [--ecbplus DIR] [--datasets DIR] [--failures] [--json]

Two golds are read:

- the hand-made corpora under ``tests/gold/*/gold.json`` (seeds first): every quote and
  statement mention whose ``value`` has a speaker key, lenient ones left out;
- ECB+ speaker gold, ``<ecbplus>/<event>/speakers.json`` (entries ``file``, ``char_start``,
  ``char_end`` -- the quotation, marks included -- ``speaker``, ``speaker_surface``), over the
  article texts in ``<datasets>/<event>/<file>`` read as they are.

A gold mention is *found* when a tool quote or statement overlaps its span (for ECB+, a
tool quote); the speaker is *right* when the gold speaker's surname (last word) is a word of
the tool's speaker, or both have none (the rule of ``benchmarks/accuracy.py``). Speaker
accuracy is over the found mentions. Only ``crosscheck.extract.quotes`` runs, not the
whole pipeline.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import gold as goldlib  # noqa: E402
from benchmarks.accuracy import WORD, _surname  # noqa: E402
from crosscheck.extract.quotes import extract_quotes  # noqa: E402
from crosscheck.extract.sentences import split_sentences  # noqa: E402
from crosscheck.models import Article, Mention  # noqa: E402

#: Where the ECB+ speaker gold and the ECB+ texts live by default.
ECBPLUS_GOLD = ROOT / "tests" / "gold" / "ecbplus"
ECBPLUS_TEXTS = Path("/work/shared/datasets/ecbplus")
SPEECH = ("quote", "statement")


def _mentions(name: str, text: str, cache: dict[tuple[str, str], list[Mention]]) -> list[Mention]:
    key = (name, text)
    if key not in cache:
        cache[key] = extract_quotes(Article(id=name, path=name, text=text), split_sentences(text))
    return cache[key]


def speaker_right(gold_speaker: str | None, tool_speaker: str | None) -> bool:
    """The gold speaker's surname is a word of the tool's speaker (or neither has one)."""
    surname = _surname(gold_speaker)
    if not surname:
        return not tool_speaker
    return surname in [w.lower() for w in WORD.findall(tool_speaker or "")]


def _score(items: list[dict[str, Any]]) -> dict[str, Any]:
    found = [i for i in items if i["tool"] is not None]
    right = [i for i in found if i["right"]]
    return {
        "gold": len(items),
        "found": len(found),
        "recall": round(len(found) / len(items), 3) if items else None,
        "speaker_right": len(right),
        "speaker_accuracy": round(len(right) / len(found), 3) if found else None,
        "misses": [i for i in items if i["tool"] is None or not i["right"]],
    }


def _best(mentions: list[Mention], start: int, end: int, kinds: tuple[str, ...]) -> Mention | None:
    over = [(min(end, m.end) - max(start, m.start), m) for m in mentions if m.kind in kinds]
    over = [(o, m) for o, m in over if o > 0]
    # the most overlap for its length (overlap over union), then a quote before a statement: a
    # quotation quoted inside another is its own mention, not the outer one's
    return max(over, key=lambda om: (om[0] / (max(end, om[1].end) - min(start, om[1].start)),
                                     om[1].kind == "quote"))[1] if over else None


def _item(where: str, text: str, start: int, end: int, speaker: str | None, tool: Mention | None) -> dict[str, Any]:
    return {
        "where": where,
        "text": text[start:end][:80],
        "gold_speaker": speaker,
        "tool": None if tool is None else tool.kind,
        "tool_speaker": None if tool is None else tool.speaker,
        "right": tool is not None and speaker_right(speaker, tool.speaker),
    }


def score_corpora(cache: dict) -> dict[str, dict[str, Any]]:
    """Scores per hand-made corpus under tests/gold (quotes and statements with a speaker)."""
    out = {}
    for path in goldlib.gold_paths():
        gold = goldlib.load_gold(path)
        items = []
        for m in gold["mentions"]:
            if m["kind"] not in SPEECH or "speaker" not in m["value"] or m.get("lenient") or m["start"] is None:
                continue
            text = gold["texts"][m["article"]]
            tool = _best(_mentions(m["article"], text, cache), m["start"], m["end"], SPEECH)
            items.append(_item(f"{gold['corpus']}/{m['article']}", text, m["start"], m["end"], m["value"]["speaker"], tool))
        out[gold["corpus"]] = _score(items)
    return out


#: Speaker gold annotated by reading and held out from the quote work, run once (t27 t34 on
#: 2026-11-29; t01 t02 t09 `_ecb` on 2026-11-30) and looked at since: scored apart from the
#: events the speaker rules were developed on.
SEEN_HELD_OUT_SPEAKERS = ("t27_ecbplus", "t34_ecbplus", "t01_ecb", "t02_ecb", "t09_ecb")
#: Speaker gold annotated by reading and not looked at: scored only with ``--held-out`` (run
#: once per change worth reporting, then report it), never in the default run. t06 t05 t30
#: `_ecbplus`: annotated 2026-11-30 (session 13) by a helper who never ran the tool. In that
#: session the failures of the seen set above were listed, so it is seen twice over.
HELD_OUT_SPEAKERS: tuple[str, ...] = ("t06_ecbplus", "t05_ecbplus", "t30_ecbplus")


def score_ecbplus(gold_dir: Path, texts_dir: Path, cache: dict, events: tuple[str, ...] | None = None,
                  leave_out: tuple[str, ...] = ()) -> dict[str, Any] | None:
    """Scores on the ECB+ speaker gold (quotes only) of ``events`` (all by default, but
    those in ``leave_out``), or None when there is none."""
    files = [f for f in sorted(Path(gold_dir).glob("*/speakers.json"))
             if (events is None or f.parent.name in events) and f.parent.name not in leave_out]
    if not files:
        return None
    items = []
    for f in files:
        event = f.parent.name
        entries = json.loads(f.read_text(encoding="utf-8"))
        entries = entries.get("quotes", entries.get("entries", [])) if isinstance(entries, dict) else entries
        for e in entries:
            text = (Path(texts_dir) / event / e["file"]).read_text(encoding="utf-8")
            a, b = e["char_start"], e["char_end"]
            tool = _best(_mentions(e["file"], text, cache), a, b, ("quote",))
            items.append(_item(f"{event}/{e['file']}", text, a, b, e.get("speaker"), tool))
    return _score(items)


def evaluate(ecbplus: Path = ECBPLUS_GOLD, datasets: Path = ECBPLUS_TEXTS, held_out: bool = False) -> dict[str, Any]:
    cache: dict = {}
    result: dict[str, Any] = {"corpora": score_corpora(cache)}
    result["ecbplus"] = score_ecbplus(ecbplus, datasets, cache, leave_out=SEEN_HELD_OUT_SPEAKERS + HELD_OUT_SPEAKERS)
    result["ecbplus_seen_held_out"] = score_ecbplus(ecbplus, datasets, cache, events=SEEN_HELD_OUT_SPEAKERS)
    if held_out:
        result["ecbplus_held_out"] = score_ecbplus(ecbplus, datasets, cache, events=HELD_OUT_SPEAKERS)
    return result


def to_text(result: dict[str, Any], failures: bool = False) -> str:
    rows = [("corpus", "gold", "found", "recall", "speaker right", "speaker accuracy")]
    named = dict(result["corpora"])
    if result["ecbplus"] is not None:
        named["ecbplus (quotes)"] = result["ecbplus"]
    if result.get("ecbplus_seen_held_out") is not None:
        named["ecbplus seen held-out (" + " ".join(e.split("_")[0] for e in SEEN_HELD_OUT_SPEAKERS) + ")"] = \
            result["ecbplus_seen_held_out"]
    if result.get("ecbplus_held_out") is not None:
        named["ecbplus held-out (" + " ".join(HELD_OUT_SPEAKERS) + ")"] = result["ecbplus_held_out"]
    for name, s in named.items():
        rows.append((name, str(s["gold"]), str(s["found"]), str(s["recall"]), str(s["speaker_right"]),
                     str(s["speaker_accuracy"])))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in rows]
    if result["ecbplus"] is None:
        lines.append("(no ECB+ speaker gold found)")
    if failures:
        for name, s in named.items():
            for m in s["misses"]:
                lines.append(f"{name}: {m['where']}: {m['text']!r} gold={m['gold_speaker']!r} "
                             f"tool={m['tool']}:{m['tool_speaker']!r}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ecbplus", type=Path, default=ECBPLUS_GOLD, help="folder of <event>/speakers.json")
    ap.add_argument("--datasets", type=Path, default=ECBPLUS_TEXTS, help="folder of the ECB+ event folders")
    ap.add_argument("--failures", action="store_true", help="list every miss and wrong speaker")
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    ap.add_argument("--held-out", action="store_true", help="also score the held-out speaker gold (run once per change)")
    args = ap.parse_args(argv)
    result = evaluate(args.ecbplus, args.datasets, args.held_out)
    print(json.dumps(result, indent=1) if args.json else to_text(result, args.failures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
