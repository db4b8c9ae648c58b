"""Load the hand-made gold annotations under ``tests/gold/`` and resolve their spans.

A corpus is a folder with article files (``.txt``/``.md``, metadata in ``---`` front
matter or in a ``crosscheck.toml`` sidecar) and a ``gold.json`` whose format is described
in ``tests/gold/README.md``. Spans are given as verbatim text plus an occurrence index,
so that they survive edits elsewhere in an article; ``load_gold`` turns them into offsets
into the article text (the file text with its front matter removed).
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

#: The repository root and the folder holding one sub-folder per gold corpus.
REPO_ROOT = Path(__file__).resolve().parent.parent
GOLD_ROOT = REPO_ROOT / "tests" / "gold"

#: Fact kinds and verdicts, as in ``crosscheck/models.py`` (repeated so that the gold
#: files can be checked without importing the package under test).
KINDS = ("date", "money", "count", "measure", "quote", "statement", "framing")
VERDICTS = ("conflict", "paraphrase", "agree", "single-source")

#: Keys each kind's gold ``value`` must have (see tests/gold/README.md).
VALUE_KEYS = {
    "date": ("start", "end", "granularity"),
    "money": ("low", "high", "currency", "scope"),
    "count": ("low", "high", "item"),
    "measure": ("low", "high", "unit"),
    "quote": ("speaker", "content"),
    "statement": ("speaker", "content"),
    "framing": ("word",),
}
GRANULARITIES = ("day", "week", "month", "year")
MONEY_SCOPES = ("per_unit", "total")

#: Article files the loader reads; the sidecar file of a corpus.
ARTICLE_SUFFIXES = (".txt", ".md")
SIDECAR = "crosscheck.toml"

#: Front matter: a first line ``---``, ``key: value`` lines, a closing ``---`` line
#: (the Jekyll/Hugo convention, restricted to flat string values).
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n---[ \t]*\n", re.DOTALL)
FRONT_MATTER_LINE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*?)\s*$")


def split_front_matter(raw: str) -> tuple[dict[str, str], str]:
    """(front-matter fields, article text) of a file's contents; no front matter -> ({}, raw)."""
    m = FRONT_MATTER.match(raw)
    if not m:
        return {}, raw
    fields: dict[str, str] = {}
    for line in m.group("body").splitlines():
        lm = FRONT_MATTER_LINE.match(line)
        if lm:
            fields[lm.group("key")] = lm.group("value").strip("'\"")
    return fields, raw[m.end() :]


def read_article(corpus_dir: Path, name: str) -> tuple[dict[str, str], str]:
    """(metadata, text) of article ``name`` of a corpus; sidecar metadata under front matter."""
    raw = (Path(corpus_dir) / name).read_text(encoding="utf-8")
    fields, text = split_front_matter(raw)
    meta = {k: str(v) for k, v in sidecar(corpus_dir).get(name, {}).items()}
    meta.update(fields)
    return meta, text


def sidecar(corpus_dir: Path) -> dict[str, dict[str, Any]]:
    """The tables of the corpus's ``crosscheck.toml``, by file name ({} if there is none)."""
    path = Path(corpus_dir) / SIDECAR
    if not path.exists():
        return {}
    with path.open("rb") as f:
        return tomllib.load(f)


def find_occurrence(text: str, span: str, occurrence: int = 0) -> int:
    """Start offset of the ``occurrence``-th (0-based, non-overlapping) ``span`` in ``text``, or -1."""
    pos = -1
    start = 0
    for _ in range(occurrence + 1):
        pos = text.find(span, start)
        if pos < 0:
            return -1
        start = pos + len(span)
    return pos


def count_occurrences(text: str, span: str) -> int:
    """Non-overlapping occurrences of ``span`` in ``text`` (as ``find_occurrence`` counts them)."""
    return text.count(span) if span else 0


def corpus_dir_of(gold_path: Path, gold: dict[str, Any]) -> Path:
    """Folder holding the articles of a gold file: ``articles_dir`` relative to it, or its own folder."""
    return (Path(gold_path).parent / gold.get("articles_dir", ".")).resolve()


def gold_paths() -> list[Path]:
    """All gold files under ``tests/gold/``, sorted."""
    return sorted(GOLD_ROOT.glob("*/gold.json"))


def load_gold(gold_path: Path) -> dict[str, Any]:
    """The gold file, with ``corpus_dir``, article ``text``s and each mention's ``id``,
    ``start`` and ``end`` (None when its span is not found; ``validate`` reports that)."""
    gold_path = Path(gold_path)
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    cdir = corpus_dir_of(gold_path, gold)
    gold["corpus_dir"] = str(cdir)
    texts = {name: read_article(cdir, name)[1] for name in sorted(gold["articles"]) if (cdir / name).exists()}
    gold["texts"] = texts
    for n, m in enumerate(gold["mentions"]):
        m["id"] = f"{gold['corpus']}:{n}"
        text = texts.get(m["article"], "")
        start = find_occurrence(text, m["text"], m.get("occurrence", 0))
        m["start"] = start if start >= 0 else None
        m["end"] = start + len(m["text"]) if start >= 0 else None
    return gold


def groups_by_id(gold: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Groups keyed by id."""
    return {g["id"]: g for g in gold["groups"]}


def group_outlets(gold: dict[str, Any]) -> dict[str, list[str]]:
    """Sorted outlets reporting each group (an article without an outlet counts as itself)."""
    out: dict[str, set[str]] = {g["id"]: set() for g in gold["groups"]}
    for m in gold["mentions"]:
        art = gold["articles"].get(m["article"], {})
        out.setdefault(m["group"], set()).add(art.get("outlet") or m["article"])
    return {k: sorted(v) for k, v in out.items()}


def validate(gold: dict[str, Any]) -> list[str]:
    """Problems with a loaded gold file (empty when it is well-formed)."""
    problems: list[str] = []
    cdir = Path(gold["corpus_dir"])
    groups = groups_by_id(gold)
    if len(groups) != len(gold["groups"]):
        problems.append("duplicate group ids")
    for name in sorted(gold["articles"]):
        if not (cdir / name).exists():
            problems.append(f"{name}: article file not found in {cdir}")
    for g in gold["groups"]:
        if g.get("kind") not in KINDS:
            problems.append(f"group {g['id']}: unknown kind {g.get('kind')!r}")
        if g.get("verdict") not in VERDICTS:
            problems.append(f"group {g['id']}: unknown verdict {g.get('verdict')!r}")
    used: set[str] = set()
    for m in gold["mentions"]:
        where = f"{m['article']} {m['text'][:40]!r}"
        used.add(m["group"])
        if m["article"] not in gold["texts"]:
            problems.append(f"{where}: unknown article")
            continue
        if m["kind"] not in KINDS:
            problems.append(f"{where}: unknown kind {m['kind']!r}")
            continue
        n = count_occurrences(gold["texts"][m["article"]], m["text"])
        if m["start"] is None:
            problems.append(f"{where}: span not found verbatim (occurrence {m.get('occurrence', 0)})")
        elif n > 1 and "occurrence" not in m:
            problems.append(f"{where}: span occurs {n} times; give an occurrence index")
        missing = [k for k in VALUE_KEYS[m["kind"]] if k not in m["value"]]
        if missing:
            problems.append(f"{where}: value lacks {missing}")
        if m["kind"] == "date" and m["value"].get("granularity") not in GRANULARITIES:
            problems.append(f"{where}: bad granularity")
        if m["kind"] == "money" and m["value"].get("scope") not in MONEY_SCOPES:
            problems.append(f"{where}: bad money scope")
        if not m.get("about"):
            problems.append(f"{where}: no 'about'")
        if m["group"] not in groups:
            problems.append(f"{where}: unknown group {m['group']!r}")
    for gid in sorted(set(groups) - used):
        problems.append(f"group {gid}: no mention")
    outlets = group_outlets(gold)
    for gid, g in sorted(groups.items()):
        single = len(outlets.get(gid, [])) < 2
        if single != (g["verdict"] == "single-source"):
            problems.append(f"group {gid}: verdict {g['verdict']} but reported by {outlets.get(gid)}")
    return problems
