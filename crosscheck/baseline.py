"""Save a comparison as a committed baseline, and diff a later comparison against it.

A baseline is the part of a ``Report`` worth watching over time: each article (with a
hash of its text), each group of aligned facts (members, values, verdict, score) and the
agreement scores. It is written as indented JSON with sorted keys and no timestamps or
absolute paths, so that the same corpus gives the same bytes on any machine and a change
shows as a readable ``git diff``.

Group ids are derived from the group's content (its kind and its earliest member), so
adding an unrelated article leaves them alone; when diffing, groups are matched by the
facts they share (member overlap), not by id, so that a group that gains a member is
still recognised. ``check`` says what changed and whether the picture got worse: a new
conflict, or overall agreement falling by more than ``max_drop``.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import Counter
from itertools import combinations
from pathlib import Path, PurePath
from typing import Any
from xml.etree import ElementTree

from crosscheck.align import FAMILIES
from crosscheck.atomic import write_text
from crosscheck.safe import clean, xml_text
from crosscheck.models import FACT_KINDS, VERDICTS, Fact, Report
from crosscheck.score import relation

#: Version of the baseline file layout; bump it when the layout changes incompatibly.
BASELINE_FORMAT = 1

#: Hex digits kept from sha256 for member keys and group ids: 64 bits, so that a
#: collision in a corpus of a million facts has odds around 1 in 10^7 (birthday bound).
KEY_HEX = 16

#: Runs of whitespace, collapsed to one space before hashing text (a re-wrapped
#: paragraph is the same text).
_SPACES = re.compile(r"\s+")

#: Sort order of fact kinds in the baseline (models.FACT_KINDS, unknown kinds last).
_KIND_ORDER = {k: i for i, k in enumerate(FACT_KINDS)}

#: Verdicts under which a group's outlets back each other up.
_CORROBORATING = ("agree", "paraphrase")


class BaselineError(ValueError):
    """A baseline file that is missing, unreadable or not a baseline: names the file."""


# --- building ---------------------------------------------------------------------------


def _normalise(text: str) -> str:
    """Text as compared across runs: NFKC, case-folded, whitespace collapsed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def _sha(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def text_hash(text: str) -> str:
    """sha256 of an article's text (exactly as loaded), hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def member_key(fact: Fact) -> str:
    """A fact's identity across runs: its article, kind, normalised text and a hash of its
    sentence. Unlike the fact id (``<article>:<n>``) it survives edits elsewhere in the
    article."""
    return _sha(fact.article, fact.kind, _normalise(fact.text), _sha(_normalise(fact.sentence)))[:KEY_HEX]


def _kind_rank(kind: str) -> tuple[int, str]:
    return (_KIND_ORDER.get(kind, len(_KIND_ORDER)), kind)


def build_baseline(report: Report) -> dict[str, Any]:
    """The baseline record of ``report``: JSON-ready, with a stable order throughout."""
    facts = {f.id: f for f in report.facts}
    published = {a.id: a.published.isoformat() if a.published else "" for a in report.articles}
    kinds_by_article: dict[str, Counter[str]] = {a.id: Counter() for a in report.articles}
    for f in report.facts:
        kinds_by_article.setdefault(f.article, Counter())[f.kind] += 1
    articles = [
        {
            "id": a.id,
            "file": PurePath(a.path).name,
            "outlet": a.outlet,
            "published": published[a.id] or None,
            "sha256": text_hash(a.text),
            "facts": dict(sorted(kinds_by_article[a.id].items(), key=lambda kv: _kind_rank(kv[0]))),
            "copy_of": sorted(a.copy_of),
        }
        for a in sorted(report.articles, key=lambda a: a.id)
    ]

    groups = []
    for c in report.clusters:
        members = []
        for fid, outlet in zip(c.facts, c.outlets):
            f = facts[fid]
            members.append(
                {
                    "article": f.article,
                    "outlet": outlet,
                    "key": member_key(f),
                    "text": f.text,
                    "value": c.values.get(outlet, ""),
                    "_published": published.get(f.article, ""),
                }
            )
        earliest = min(members, key=lambda m: (m["_published"] or "9999", m["article"], m["key"]))
        conflicts = []
        if c.verdict == "conflict":
            by_fact = [(facts[fid], outlet) for fid, outlet in zip(c.facts, c.outlets)]
            for (fa, la), (fb, lb) in combinations(by_fact, 2):
                if fa.article != fb.article and relation(fa, fb) == "conflict":
                    conflicts.append(sorted((la, lb)))
        for m in members:
            del m["_published"]
        members.sort(key=lambda m: (m["article"], m["key"]))
        groups.append(
            {
                "id": "g" + _sha(c.kind, earliest["key"])[: KEY_HEX - 4],
                "kind": c.kind,
                "topic": c.topic,
                "label": c.label,
                "verdict": c.verdict,
                "score": c.score,
                "members": members,
                "conflicts": sorted(conflicts),
            }
        )
    groups.sort(key=lambda g: (_kind_rank(g["kind"]), g["id"], [m["key"] for m in g["members"]]))
    # Two groups can only share an id if an article repeats one fact in one sentence;
    # number the repeats in their (stable) order so that ids stay unique.
    seen: Counter[str] = Counter()
    for g in groups:
        seen[g["id"]] += 1
        if seen[g["id"]] > 1:
            g["id"] = f"{g['id']}-{seen[g['id']]}"

    verdicts = {v: 0 for v in VERDICTS}
    for c in report.clusters:
        verdicts[c.verdict] = verdicts.get(c.verdict, 0) + 1
    pairs = [
        {"a": p.a, "b": p.b, "shared": p.shared, "agree": p.agree, "conflict": p.conflict,
         "paraphrase": p.paraphrase, "score": p.score}
        for p in sorted(report.pairs, key=lambda p: (p.a, p.b))
    ]
    return {
        "baseline": BASELINE_FORMAT,
        "tool": "crosscheck",
        "version": report.version,
        "summary": {
            "articles": len(report.articles),
            "facts": len(report.facts),
            "groups": len(report.clusters),
            "verdicts": verdicts,
        },
        "articles": articles,
        "groups": groups,
        "possible_conflicts": [
            {"kind": p["kind"], "topic": p["topic"], "label": p.get("label", ""),
             # the differing sides' facts: a new value against a known established one is new
             "keys": sorted(member_key(facts[fid]) for side in p["sides"][1:] for fid in side["facts"]),
             "sides": [{"value": side["value"], "outlets": list(side["outlets"])} for side in p["sides"]]}
            for p in report.possible_conflicts
        ],
        "scores": {"overall": report.overall, "pairs": pairs},
    }


def dumps(baseline: dict[str, Any]) -> str:
    """The baseline as committed: indented JSON, sorted keys, a final newline."""
    return json.dumps(baseline, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def write_baseline(report: Report, path: Path) -> dict[str, Any]:
    """Write the baseline of ``report`` to ``path`` (parents created, the old file replaced
    only once the new one is complete); return it."""
    baseline = build_baseline(report)
    write_text(path, dumps(baseline))
    return baseline


#: Keys every baseline file has, and the type of each; keys every record has.
_REQUIRED = {"baseline": int, "articles": list, "groups": list, "scores": dict}
_ARTICLE_KEYS = ("id", "sha256")
_GROUP_KEYS = ("id", "kind", "verdict", "members")
_MEMBER_KEYS = ("article", "outlet", "key", "value")


def load_baseline(path: Path) -> dict[str, Any]:
    """Read a baseline file; raise ``BaselineError`` naming the file and the problem."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")  # a BOM is accepted, as in articles
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found (create it with `crosscheck baseline`)") from None
    except (OSError, UnicodeDecodeError) as err:
        raise BaselineError(f"{path}: cannot read baseline file ({err})") from None
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as err:
        raise BaselineError(f"{path}: not valid JSON at line {err.lineno}, column {err.colno} ({err.msg})") from None
    except (RecursionError, ValueError) as err:
        why = "nested too deeply" if isinstance(err, RecursionError) else str(err)
        raise BaselineError(f"{path}: not a crosscheck baseline ({why})") from None
    if not isinstance(data, dict):
        raise BaselineError(f"{path}: not a crosscheck baseline (expected a JSON object)")
    for key, kind in _REQUIRED.items():
        if not isinstance(data.get(key), kind):
            raise BaselineError(f"{path}: not a crosscheck baseline (missing or bad {key!r})")
    if data["baseline"] != BASELINE_FORMAT:
        raise BaselineError(
            f"{path}: baseline format {data['baseline']} is not supported (expected {BASELINE_FORMAT}); "
            "re-create it with `crosscheck baseline`"
        )
    records = [("article", a, _ARTICLE_KEYS) for a in data["articles"]]
    for g in data["groups"]:
        records.append(("group", g, _GROUP_KEYS))
        members = g.get("members") if isinstance(g, dict) else None
        records.extend(("group member", m, _MEMBER_KEYS) for m in (members if isinstance(members, list) else [None]))
    for what, record, keys in records:
        missing = [k for k in keys if not isinstance(record, dict) or k not in record]
        if missing:
            raise BaselineError(f"{path}: not a crosscheck baseline ({what} record without {', '.join(missing)})")
    problem = _schema_problem(data)
    if problem:
        raise BaselineError(f"{path}: not a crosscheck baseline ({problem})")
    return data


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is no number")


_STR, _OPT_STR, _NUM, _OPT_NUM, _INT = (str,), (str, type(None)), (int, float), (int, float, type(None)), (int,)

#: The type of each field ``diff`` and the text reads, by record: a baseline edited by hand
#: or by another tool is refused with the field named, never a crash halfway through.
_SCHEMA = {
    "article": {"id": _STR, "sha256": _STR, "outlet": _OPT_STR, "published": _OPT_STR, "facts": (dict,)},
    "group": {"id": _STR, "kind": _STR, "topic": _OPT_STR, "verdict": _STR, "members": (list,),
              "conflicts": (list,), "score": _OPT_NUM},
    "member": {"article": _STR, "outlet": _STR, "key": _STR, "value": _STR, "text": _STR},
    "pair": {"a": _STR, "b": _STR, "score": _OPT_NUM},
    "possible": {"kind": _STR, "topic": _OPT_STR, "keys": (list,), "sides": (list,)},
}


def _type_name(value: Any) -> str:
    return {type(None): "null", bool: "a boolean", int: "a number", float: "a number", str: "a string",
            list: "a list", dict: "an object"}.get(type(value), type(value).__name__)


def _record_problem(what: str, where: str, record: Any) -> str | None:
    if not isinstance(record, dict):
        return f"{where} is {_type_name(record)}, not an object"
    for field, kinds in _SCHEMA[what].items():
        if field in record and (not isinstance(record[field], kinds) or isinstance(record[field], bool)):
            wanted = " or ".join(sorted({_type_name(k()) if k is not type(None) else "null" for k in kinds}))
            return f"{where}.{field} is {_type_name(record[field])}, not {wanted}"
    return None


def _schema_problem(data: dict[str, Any]) -> str | None:
    """The first field of ``data`` of the wrong type, as ``groups[3].members[0].outlet is a
    number, not a string``; None when all are right."""
    for i, a in enumerate(data["articles"]):
        problem = _record_problem("article", f"articles[{i}]", a)
        if problem:
            return problem
        for kind, n in a["facts"].items():
            if not isinstance(n, int) or isinstance(n, bool):
                return f"articles[{i}].facts.{kind} is {_type_name(n)}, not a number"
    for i, g in enumerate(data["groups"]):
        problem = _record_problem("group", f"groups[{i}]", g)
        if problem:
            return problem
        for j, m in enumerate(g["members"]):
            problem = _record_problem("member", f"groups[{i}].members[{j}]", m)
            if problem:
                return problem
        for j, pair in enumerate(g.get("conflicts") or []):
            if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)):
                return f"groups[{i}].conflicts[{j}] is not a pair of outlet names"
    possible = data.get("possible_conflicts", [])
    problem = _records_problem("possible", "possible_conflicts", possible)
    if problem:
        return problem
    for i, p in enumerate(possible):
        for field in ("keys", "sides"):
            if field not in p:
                return f"possible_conflicts[{i}] has no {field}"
        if not all(isinstance(k, str) for k in p["keys"]):
            return f"possible_conflicts[{i}].keys holds a value that is not a string"
        for j, side in enumerate(p["sides"]):
            if not (isinstance(side, dict) and isinstance(side.get("value"), str) and isinstance(side.get("outlets"), list)
                    and all(isinstance(o, str) for o in side["outlets"])):
                return f"possible_conflicts[{i}].sides[{j}] is not a value with its outlets"
    scores = data["scores"]
    overall = scores.get("overall")
    if overall is not None and (not isinstance(overall, (int, float)) or isinstance(overall, bool)):
        return f"scores.overall is {_type_name(overall)}, not a number or null"
    return _records_problem("pair", "scores.pairs", scores.get("pairs", []))


def _records_problem(what: str, where: str, records: Any) -> str | None:
    """What is wrong with a list of ``what`` records at ``where``, or None."""
    if not isinstance(records, list):
        return f"{where} is {_type_name(records)}, not a list"
    for i, record in enumerate(records):
        problem = _record_problem(what, f"{where}[{i}]", record)
        if problem:
            return problem
    return None


# --- diffing ----------------------------------------------------------------------------


def _family(kind: str) -> str:
    """Kinds aligned together (quotes and statements are one family, see align.FAMILIES)."""
    return FAMILIES.get(kind, kind)


def match_groups(old: list[dict], new: list[dict]) -> list[tuple[dict, dict]]:
    """Pair baseline groups with current groups of the same family, one to one.

    Pairs sharing the most members (by member key) are matched first. Groups left over are
    then matched when they have the same topic and the same articles: the fact's sentence
    was edited (its value moved), so no member key is shared any more.
    """
    old_by_key: dict[str, list[dict]] = {}
    for o in old:
        for m in o["members"]:
            old_by_key.setdefault(m["key"], []).append(o)
    candidates = []
    for n in new:
        shared: Counter[str] = Counter()
        old_of: dict[str, dict] = {}
        for m in n["members"]:
            for o in old_by_key.get(m["key"], []):
                if _family(o["kind"]) == _family(n["kind"]):
                    shared[o["id"]] += 1
                    old_of[o["id"]] = o
        candidates.extend((-count, oid, n["id"], old_of[oid], n) for oid, count in shared.items())
    candidates.sort(key=lambda c: c[:3])
    pairs: list[tuple[dict, dict]] = []
    used_old: set[str] = set()
    used_new: set[str] = set()
    for _, oid, nid, o, n in candidates:
        if oid not in used_old and nid not in used_new:
            pairs.append((o, n))
            used_old.add(oid)
            used_new.add(nid)

    def signature(g: dict) -> tuple:
        return (_family(g["kind"]), g.get("topic") or "", tuple(sorted(m["article"] for m in g["members"])))

    left: dict[tuple, list[dict]] = {}
    for n in new:
        if n["id"] not in used_new:
            left.setdefault(signature(n), []).append(n)
    for o in old:
        if o["id"] not in used_old and left.get(signature(o)):
            n = left[signature(o)].pop(0)
            pairs.append((o, n))
            used_old.add(o["id"])
            used_new.add(n["id"])
    pairs.sort(key=lambda p: (_kind_rank(p[1]["kind"]), p[1]["id"]))
    return pairs


def _outlets(g: dict) -> list[str]:
    return sorted({m["outlet"] for m in g["members"]})


def _values(g: dict) -> list[dict[str, str]]:
    """One ``{"outlet", "value"}`` per outlet and value, by outlet (an article that dates one
    day twice is two members with one value)."""
    pairs = {(m["outlet"], m["value"]) for m in g["members"]}
    return [{"outlet": o, "value": v} for o, v in sorted(pairs)]


def _conflict_record(g: dict) -> dict[str, Any]:
    value = {m["outlet"]: m["value"] for m in g["members"]}
    pairs = g.get("conflicts") or []
    if not pairs:
        # A baseline without conflict pairs: every two outlets giving different values.
        outlets = _outlets(g)
        pairs = [[a, b] for a, b in combinations(outlets, 2) if value.get(a) != value.get(b)]
    return {
        "group": g["id"],
        "kind": g["kind"],
        "topic": g.get("topic", ""),
        "label": _label(g),
        "pairs": [
            {"a": a, "value_a": value.get(a, ""), "b": b, "value_b": value.get(b, "")} for a, b in pairs
        ],
        "values": _values(g),
    }


def _kind_counts(articles: list[dict], ids) -> dict[str, int]:
    total: Counter[str] = Counter()
    by_id = {a["id"]: a for a in articles}
    for i in ids:
        total.update(by_id[i].get("facts") or {})
    return dict(sorted(total.items(), key=lambda kv: _kind_rank(kv[0])))


def diff(old: dict[str, Any], new: dict[str, Any], max_drop: float, fail_on_possible: bool = False) -> dict[str, Any]:
    """What changed from baseline ``old`` to baseline ``new`` (both ``build_baseline``
    records), and whether it got worse. JSON-ready; ``worse`` is the verdict of the check."""
    old_articles = {a["id"]: a for a in old["articles"]}
    new_articles = {a["id"]: a for a in new["articles"]}
    added = sorted(set(new_articles) - set(old_articles))
    removed = sorted(set(old_articles) - set(new_articles))
    edited = sorted(i for i in set(old_articles) & set(new_articles)
                    if old_articles[i]["sha256"] != new_articles[i]["sha256"])

    def article_record(a: dict) -> dict[str, Any]:
        return {"id": a["id"], "outlet": a.get("outlet"), "published": a.get("published")}

    # Facts: all of a new article's facts are new; an edited article's change per kind.
    new_facts: Counter[str] = Counter(_kind_counts(new["articles"], added))
    removed_facts: Counter[str] = Counter(_kind_counts(old["articles"], removed))
    for i in edited:
        before = Counter(old_articles[i].get("facts") or {})
        after = Counter(new_articles[i].get("facts") or {})
        new_facts.update(after - before)
        removed_facts.update(before - after)

    pairs = match_groups(old["groups"], new["groups"])
    matched_old = {o["id"] for o, _ in pairs}
    matched_new = {n["id"] for _, n in pairs}
    new_groups = [n for n in new["groups"] if n["id"] not in matched_new]
    gone_groups = [o for o in old["groups"] if o["id"] not in matched_old]

    # near-copies of an article (a wire story republished) repeat it: they corroborate nothing
    copy_of = {a["id"]: {c for c in a.get("copy_of") or [] if isinstance(c, str)} for a in new["articles"]}
    outlet_of = {a["id"]: a.get("outlet") or a["id"] for a in new["articles"]}
    verdict_changes, corroborated, copied, moved, conflicts, resolved = [], [], [], [], [], []
    for o, n in pairs:
        before, after = _outlets(o), _outlets(n)
        base = {"group": n["id"], "baseline_group": o["id"], "kind": n["kind"], "topic": n.get("topic", ""),
                "label": _label(n)}
        if o["verdict"] != n["verdict"]:
            verdict_changes.append({**base, "before": o["verdict"], "after": n["verdict"]})
        if n["verdict"] == "conflict" and o["verdict"] != "conflict":
            conflicts.append(_conflict_record(n))
        if o["verdict"] == "conflict" and n["verdict"] != "conflict":
            resolved.append({**base, "values": _values(n)})
        gained = sorted(set(after) - set(before))
        known = {m["article"] for m in o["members"]}
        sources = {m["outlet"]: sorted(outlet_of.get(c, c) for c in copy_of.get(m["article"], set()) & known)
                   for m in n["members"] if m["article"] not in known}
        independent = [g for g in gained if not sources.get(g)]
        if n["verdict"] in _CORROBORATING and gained and not independent:
            copied.append({**base, "outlets_added": gained,
                           "copy_of": sorted({s for g in gained for s in sources[g]})})
        elif n["verdict"] in _CORROBORATING and gained:
            corroborated.append(
                {**base, "before": o["verdict"], "after": n["verdict"], "outlets_before": before,
                 "outlets_added": gained, "values": _values(n)}
            )
        old_value = {m["article"]: (m["outlet"], m["value"]) for m in o["members"]}
        now_value = {m["article"]: (m["outlet"], m["value"]) for m in n["members"]}  # an article once
        for article, (outlet, value) in sorted(now_value.items()):
            was = old_value.get(article)
            if was is not None and was[1] != value:
                moved.append({**base, "outlet": outlet, "before": was[1], "after": value})
    for n in new_groups:
        if n["verdict"] == "conflict":
            conflicts.append(_conflict_record(n))

    # a possible conflict is new when no possible conflict or conflict of the baseline
    # shares a fact with it: listed, and a failure only with ``fail_on_possible``
    known = {k for p in old.get("possible_conflicts") or [] for k in p["keys"]}
    known |= {m["key"] for g in old["groups"] if g["verdict"] == "conflict" for m in g["members"]}
    new_possible = [p for p in new.get("possible_conflicts") or [] if not known & set(p["keys"])] \
        if "possible_conflicts" in old else []  # a baseline from before possible conflicts: none tracked

    before_overall = old["scores"].get("overall")
    after_overall = new["scores"].get("overall")
    change = None
    if before_overall is not None and after_overall is not None:
        change = round(after_overall - before_overall, 4)
    old_pairs = {(p["a"], p["b"]): p.get("score") for p in old["scores"].get("pairs", [])}
    pair_changes = []
    for p in new["scores"].get("pairs", []):
        key = (p["a"], p["b"])
        if old_pairs.get(key) != p.get("score"):
            pair_changes.append({"a": p["a"], "b": p["b"], "before": old_pairs.get(key), "after": p.get("score")})

    reasons = []
    for c in conflicts:
        reasons.append(f"new conflict: {describe_conflict(c)}")
    if fail_on_possible:
        reasons += [f"new possible conflict: {describe_possible(p)}" for p in new_possible]
    dropped = change is not None and -change > max_drop + 1e-9
    if dropped:
        reasons.append(
            f"overall agreement fell by {_points(-change)} (from {_percent(before_overall)} to "
            f"{_percent(after_overall)}; allowed: {_points(max_drop)})"
        )
    return {
        "baseline_version": old.get("version"),
        "version": new.get("version"),
        "articles": {
            "before": len(old_articles),
            "after": len(new_articles),
            "added": [article_record(new_articles[i]) for i in added],
            "removed": [article_record(old_articles[i]) for i in removed],
            "edited": [article_record(new_articles[i]) for i in edited],
        },
        "facts": {"added": dict(sorted(new_facts.items(), key=lambda kv: _kind_rank(kv[0]))),
                  "removed": dict(sorted(removed_facts.items(), key=lambda kv: _kind_rank(kv[0])))},
        "groups": {
            "before": len(old["groups"]),
            "after": len(new["groups"]),
            "added": [{"group": g["id"], "kind": g["kind"], "topic": g.get("topic", ""), "label": _label(g), "verdict": g["verdict"],
                       "values": _values(g)} for g in new_groups],
            "removed": [{"group": g["id"], "kind": g["kind"], "topic": g.get("topic", ""), "label": _label(g), "verdict": g["verdict"],
                         "values": _values(g)} for g in gone_groups],
            "verdict_changed": verdict_changes,
            "corroborated": corroborated,
            "copied": copied,
            "resolved": resolved,
            "values_moved": moved,
        },
        "new_conflicts": conflicts,
        "new_possible_conflicts": new_possible,
        "possible_conflicts_tracked": "possible_conflicts" in old,
        "scores": {"overall": {"before": before_overall, "after": after_overall, "change": change},
                   "pairs": pair_changes},
        "max_drop": max_drop,
        "fail_on_possible": fail_on_possible,
        "worse": bool(conflicts) or dropped or (fail_on_possible and bool(new_possible)),
        "reasons": reasons,
    }


def check(baseline: dict[str, Any], report: Report, max_drop: float, fail_on_possible: bool = False) -> dict[str, Any]:
    """Diff ``report`` against a loaded ``baseline`` (see ``diff``)."""
    return diff(baseline, build_baseline(report), max_drop, fail_on_possible)


# --- rendering --------------------------------------------------------------------------


def _percent(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}%"


def _points(x: float) -> str:
    return f"{100 * x:.1f} points"


def _label(record: dict) -> str:
    """A group's label ("people killed — count"); "" in a baseline written before labels."""
    label = record.get("label")
    return label if isinstance(label, str) else ""


def _topic(record: dict) -> str:
    """How a group is named in the text: its label, else (an older baseline) kind and topic."""
    if _label(record):
        return f"“{_label(record)}”"
    topic = record.get("topic") or ""
    return f"{record['kind']} “{topic}”" if topic else record["kind"]


def _value_list(values: list[dict[str, str]]) -> str:
    return "; ".join(f"{v['outlet']}: {v['value']}" for v in values)


def _names(outlets: list[str]) -> str:
    return outlets[0] if len(outlets) == 1 else ", ".join(outlets[:-1]) + " and " + outlets[-1]


def describe_possible(p: dict[str, Any]) -> str:
    """One line for a possible conflict: its fact and each value with its outlets."""
    sides = "; ".join(f"{_names(side['outlets'])} {'says' if len(side['outlets']) == 1 else 'say'} {side['value']}"
                      for side in p["sides"])
    return f"{_topic(p)}: {sides}"


def describe_conflict(c: dict[str, Any]) -> str:
    """One line naming the fact, and each value with the outlets that give it: "X says 3
    systems, but Y and Z say 2 systems" (values held by fewer outlets first)."""
    outlets_by_value: dict[str, set[str]] = {}
    for p in c["pairs"] or []:
        outlets_by_value.setdefault(p["value_a"], set()).add(p["a"])
        outlets_by_value.setdefault(p["value_b"], set()).add(p["b"])
    if len(outlets_by_value) < 2:
        return f"{_topic(c)}: {_value_list(c['values'])}"
    ranked = sorted(outlets_by_value.items(), key=lambda kv: (len(kv[1]), kv[0]))
    said = [f"{_names(sorted(o))} {'says' if len(o) == 1 else 'say'} {v}" for v, o in ranked]
    return f"{_topic(c)}: " + (", but ".join(said) if len(said) == 2 else "; ".join(said))


def _article_line(a: dict) -> str:
    about = ", ".join(x for x in (a.get("outlet"), a.get("published")) if x)
    return f"{a['id']} ({about})" if about else a["id"]


def _counts(kinds: dict[str, int]) -> str:
    return ", ".join(f"{n} {k}" for k, n in kinds.items())


def format_text(d: dict[str, Any]) -> str:
    """The diff in plain words, one change per line, ending with the outcome. Control
    characters from the articles are shown as escapes: a name cannot fake a line."""
    d = clean(d)
    lines = []
    if d.get("baseline_version") and d.get("version") and d["baseline_version"] != d["version"]:
        lines.append(f"note: baseline made with crosscheck {d['baseline_version']}, now {d['version']}")
    arts = d["articles"]
    lines.append(f"articles: {arts['before']} in the baseline, {arts['after']} now")
    for a in arts["added"]:
        lines.append(f"  new article: {_article_line(a)}")
    for a in arts["removed"]:
        lines.append(f"  removed article: {_article_line(a)}")
    for a in arts["edited"]:
        lines.append(f"  edited article: {_article_line(a)}")
    for label, kinds in (("new facts", d["facts"]["added"]), ("facts gone", d["facts"]["removed"])):
        if kinds:
            lines.append(f"{label}: {sum(kinds.values())} ({_counts(kinds)})")
    g = d["groups"]
    lines.append(f"groups: {g['before']} in the baseline, {g['after']} now")
    for c in g["corroborated"]:
        if c["before"] == c["after"]:
            was = f"{c['after']}, already reported by {', '.join(c['outlets_before'])}"
        else:
            was = f"was {c['before']}, reported by {', '.join(c['outlets_before'])}; now {c['after']}"
        lines.append(
            f"  corroborated: {_topic(c)} now also reported by {', '.join(c['outlets_added'])} "
            f"({was}): {_value_list(c['values'])}"
        )
    by_copy: dict[tuple[str, str], int] = Counter()
    for c in g.get("copied") or []:
        by_copy[(", ".join(c["outlets_added"]), ", ".join(c["copy_of"]))] += 1
    for (outlets, sources), n in sorted(by_copy.items()):
        lines.append(f"  copied: {n} group{'s' if n != 1 else ''} now also carried by {outlets}, a near-copy of "
                     f"{sources}: a copy corroborates nothing")
    corroborated = {c["group"] for c in g["corroborated"]} | {c["group"] for c in g.get("copied") or []}
    for c in g["verdict_changed"]:
        if c["group"] in corroborated:
            continue  # already said, with the outlets, on its "corroborated" line
        lines.append(f"  verdict changed: {_topic(c)}: {c['before']} -> {c['after']}")
    for c in g["resolved"]:
        lines.append(f"  conflict resolved: {_topic(c)}: {_value_list(c['values'])}")
    for m in g["values_moved"]:
        lines.append(f"  value moved: {_topic(m)}: {m['outlet']} {m['before']} -> {m['after']}")
    for n in g["added"]:
        lines.append(f"  new group ({n['verdict']}): {_topic(n)}: {_value_list(n['values'])}")
    for n in g["removed"]:
        lines.append(f"  group gone ({n['verdict']}): {_topic(n)}: {_value_list(n['values'])}")
    for c in d["new_conflicts"]:
        lines.append(f"NEW CONFLICT: {describe_conflict(c)}")
    for p in d.get("new_possible_conflicts") or []:
        lines.append(f"new possible conflict (check it): {describe_possible(p)}")
    if not d.get("possible_conflicts_tracked", True):
        lines.append("  (the baseline predates possible conflicts: write it again to track them)")
    o = d["scores"]["overall"]
    change = "" if o["change"] is None else f" ({'+' if o['change'] >= 0 else '-'}{_points(abs(o['change']))})"
    lines.append(f"overall agreement: {_percent(o['before'])} -> {_percent(o['after'])}{change}")
    for p in d["scores"]["pairs"]:
        lines.append(f"  {p['a']} / {p['b']}: {_percent(p['before'])} -> {_percent(p['after'])}")
    if d["worse"]:
        lines.append("result: WORSE: " + "; ".join(d["reasons"]))
    else:
        lines.append(f"result: OK, nothing got worse (allowed drop in agreement: {_points(d['max_drop'])})")
    return "\n".join(lines) + "\n"


def dumps_diff(d: dict[str, Any]) -> str:
    """The diff as JSON for machines (sorted keys, stable order). JSON escapes C0 controls;
    DEL, C1 controls and the line separators are escaped too (they can only stand inside
    strings), so that nothing from an article acts on a terminal."""
    text = json.dumps(d, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


#: Characters JSON leaves as they are that a terminal may act on.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029]")


def junit_xml(d: dict[str, Any]) -> str:
    """JUnit XML: one failed testcase per new conflict, one for a fall in agreement, and a
    passing testcase for each check that found nothing."""
    suite = ElementTree.Element("testsuite", name="crosscheck check")
    cases = 0
    failures = 0

    def case(name: str, failure: str | None, kind: str) -> None:
        nonlocal cases, failures
        el = ElementTree.SubElement(suite, "testcase", classname="crosscheck.check", name=xml_text(name))
        cases += 1
        if failure is not None:
            failures += 1
            failure = xml_text(failure)  # a control character in an outlet name is no XML
            ElementTree.SubElement(el, "failure", message=failure, type=kind).text = failure

    if d["new_conflicts"]:
        for c in d["new_conflicts"]:
            case(f"new conflict: {_topic(c)} [{c['group']}]", describe_conflict(c), "conflict")
    else:
        case("no new conflicts", None, "conflict")
    if d.get("fail_on_possible"):
        for p in d.get("new_possible_conflicts") or []:
            case(f"new possible conflict: {describe_possible(p)}", describe_possible(p), "possible conflict")
    o = d["scores"]["overall"]
    drop = [r for r in d["reasons"] if r.startswith("overall agreement")]
    case(f"overall agreement {_percent(o['before'])} -> {_percent(o['after'])}", drop[0] if drop else None, "agreement")
    suite.set("tests", str(cases))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    ElementTree.indent(suite)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(suite, encoding="unicode") + "\n"
