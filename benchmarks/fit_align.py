"""Fit the alignment model of figures on gold stories, check it leave-one-story-out, write it.

    python benchmarks/fit_align.py [--check] [--write]

The model (``crosscheck.align.fitted_similarity``) is a logistic regression over the pair
features of two figures (``crosscheck.align.NUMERIC_FEATURES``: context, frame, value and time
features), fitted on the pairs of the gold stories: every two tool figures of two articles
that match gold mentions, labelled 1 when the gold puts them in one group (tests/gold) or one
family (the ECB+ fact gold), 0 otherwise. Only pairs alignment may join at all (same role,
dimension and currency, frames not apart) are used. L2-regularised Newton steps (IRLS), no
library beyond numpy.

Two thresholds go with the weights:

- ``group``: least probability for two figures to be grouped, the one that maximises the F1
  of the training pairs;
- ``conflict``: least probability for two figures whose values clash to be grouped (and so
  make a conflict): the least threshold at which, over the training pairs whose values clash,
  the share that are one fact reaches ``CONFLICT_PRECISION``.

Stories: the four of tests/gold and the seven ECB+ events whose gold came with the dataset.
The three ECB+ events annotated for this project (tests/gold/ecbplus) are never fitted on.
``--check`` refits with each story left out and scores that story with weights fitted
without it (ECB+ events with the dataset's scorer; tests/gold stories by pairwise F1).
``--write`` fits on all eleven and writes ``crosscheck/data/align_weights.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import ecbplus  # noqa: E402
from benchmarks import gold as goldlib  # noqa: E402
from crosscheck import align as alignlib  # noqa: E402
from crosscheck.cache import cached  # noqa: E402
from crosscheck.load import load_corpus  # noqa: E402
from crosscheck.pipeline import analyse  # noqa: E402
from crosscheck.render.json import report_dict  # noqa: E402

WEIGHTS = ROOT / "crosscheck" / "data" / "align_weights.json"
CACHE = ROOT / ".crosscheck-cache"
#: L2 penalty of the logistic regression (on standardised-scale features in [0, 1]).
L2 = 1.0
#: Share of clashing training pairs that must be one fact at the conflict threshold.
CONFLICT_PRECISION = 0.9
#: Least number of training candidates above the side bar for its precision to count (few
#: stories give candidates: with more gold, raise it).
MIN_SUPPORT = 2
NUMERIC = ("count", "money", "measure")


def stories() -> list[tuple[str, list[str], dict[tuple[str, int, int], str]]]:
    """(name, paths, gold spans) per story: spans (article id, start, end) -> group/family."""
    out = []
    for path in goldlib.gold_paths():
        gold = goldlib.load_gold(path)
        names = sorted(gold["articles"])
        spans = {}
        for m in gold["mentions"]:
            if m["start"] is not None and m["kind"] in NUMERIC and m.get("group") and not m.get("lenient"):
                spans[(Path(m["article"]).stem, m["start"], m["end"])] = m["group"]
        out.append((gold["corpus"], [str(Path(gold["corpus_dir"]) / n) for n in names], spans))
    for event in ecbplus.DEV:
        facts = json.loads(ecbplus.gold_path(event).read_text(encoding="utf-8"))
        spans = {(Path(m["file"]).stem, m["char_start"], m["char_end"]): m["family"]
                 for m in facts["mentions"] if m["kind"] in NUMERIC}
        out.append((event, [str(ecbplus.DATASET / f"{event}_ecbplus")], spans))
    return out


def _label(f, spans) -> str | None:
    best, best_ov = None, 0
    for (aid, a, b), fam in spans.items():
        if aid == Path(f.article).stem:
            ov = min(b, f.end) - max(a, f.start)
            if ov > best_ov:
                best, best_ov = fam, ov
    return best


def pairs_of(paths: list[str], spans) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows and labels of a story's labelled pairs (all figure families)."""
    articles = load_corpus(paths)
    extractor = cached(cache_dir=CACHE)
    facts = [f for a in articles for f in extractor(a)]
    rows, labels = [], []
    for _family, fam, _names, stack, allowed in alignlib.numeric_pairs(facts, [a.text for a in articles]):
        lab = [_label(f, spans) for f in fam]
        n = len(fam)
        iu, ju = np.triu_indices(n, k=1)
        for i, j in zip(iu.tolist(), ju.tolist()):
            if allowed[i, j] and lab[i] and lab[j] and fam[i].article != fam[j].article:
                rows.append(stack[:, i, j])
                labels.append(lab[i] == lab[j])
    k = len(alignlib.NUMERIC_FEATURES)
    return np.array(rows).reshape(-1, k), np.array(labels, dtype=float)


def fit(x: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    """L2-regularised logistic regression by Newton steps: (bias, weights)."""
    xb = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(xb.shape[1])
    reg = np.eye(xb.shape[1]) * L2
    reg[0, 0] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-xb @ w))
        grad = xb.T @ (p - y) + reg @ w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + reg
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return float(w[0]), w[1:]


def thresholds(p: np.ndarray, y: np.ndarray, clash: np.ndarray) -> tuple[float, float]:
    grid = np.round(np.arange(0.05, 1.0, 0.01), 2)
    best_t, best_f = 0.5, -1.0
    for t in grid:
        tp = float(((p >= t) & (y == 1)).sum())
        fp = float(((p >= t) & (y == 0)).sum())
        fn = float(((p < t) & (y == 1)).sum())
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f1 > best_f:
            best_t, best_f = float(t), f1
    conflict = 0.99
    for t in grid:
        sel = (p >= t) & (clash > 0)
        if sel.sum() >= 3 and y[sel].mean() >= CONFLICT_PRECISION:
            conflict = max(float(t), best_t)
            break
    return best_t, conflict


def side_candidates(model: dict, story_list) -> list[tuple[float, bool]]:
    """(confidence, one gold family) of every two sides alignment would set against each
    other with ``model``, over the stories given (run with no side bar)."""
    trial = {"numeric": dict(model["numeric"], side=0.0), "sides": model["sides"]}
    alignlib.use_model(trial)
    out = []
    for _name, paths, spans in story_list:
        report = analyse(load_corpus(paths), cached(cache_dir=CACHE))
        by_id = {f.id: f for f in report.facts}
        for c in report.clusters:
            if c.sides and c.confidence is not None:
                fams = {_label(by_id[fid], spans) for side in c.sides for fid in side["facts"]}
                if None not in fams:
                    out.append((c.confidence, len(fams) == 1))
    alignlib.use_model(None)
    return out


def side_threshold(cands: list[tuple[float, bool]]) -> float:
    """Least confidence at which the sides set against each other are one fact for at least
    ``CONFLICT_PRECISION`` of the training candidates (with ``MIN_SUPPORT`` or more above it)."""
    for t in np.round(np.arange(0.05, 1.0, 0.01), 2):
        above = [ok for c, ok in cands if c >= t]
        if len(above) >= MIN_SUPPORT and sum(above) / len(above) >= CONFLICT_PRECISION:
            return float(t)
    return 1.0


def model_from(data: list[tuple[np.ndarray, np.ndarray]], story_list=None) -> dict:
    x = np.vstack([d[0] for d in data])
    y = np.concatenate([d[1] for d in data])
    bias, w = fit(x, y)
    p = 1 / (1 + np.exp(-(bias + x @ w)))
    clash = x[:, alignlib.NUMERIC_FEATURES.index("values_clash")]
    group, conflict = thresholds(p, y, clash)
    model = {
        "numeric": {
            "bias": round(bias, 6),
            "weights": {k: round(float(v), 6) for k, v in zip(alignlib.NUMERIC_FEATURES, w)},
            "group": group,
            "conflict": conflict,
            "side": 1.0,
            "pairs": int(len(y)),
            "positive": int(y.sum()),
        }
    }
    blind = x.copy()
    for name in alignlib.VALUE_FEATURES:
        blind[:, alignlib.NUMERIC_FEATURES.index(name)] = 0.0
    sbias, sw = fit(blind, y)
    model["sides"] = {"bias": round(sbias, 6),
                      "weights": {k: round(float(v), 6) for k, v in zip(alignlib.NUMERIC_FEATURES, sw)}}
    if story_list:
        cands = side_candidates(model, story_list)
        model["numeric"]["side"] = side_threshold(cands)
        model["numeric"]["side_candidates"] = len(cands)
    return model


def pair_f1(paths, spans) -> float:
    """Pairwise F1 of the grouping of a story's labelled figures (cross-article pairs)."""
    articles = load_corpus(paths)
    report = analyse(articles, cached(cache_dir=CACHE))
    cluster_of = {fid: c.id for c in report.clusters for fid in c.facts}
    labelled = [(f, _label(f, spans)) for f in report.facts if f.kind in NUMERIC]
    labelled = [(f, lab) for f, lab in labelled if lab]
    tp = fp = fn = 0
    for i, (a, la) in enumerate(labelled):
        for b, lb in labelled[i + 1:]:
            if a.article == b.article:
                continue
            same_tool = cluster_of.get(a.id) == cluster_of.get(b.id) and cluster_of.get(a.id) is not None
            tp += same_tool and la == lb
            fp += same_tool and la != lb
            fn += (not same_tool) and la == lb
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="leave-one-story-out figures")
    ap.add_argument("--write", action="store_true", help=f"fit on all stories and write {WEIGHTS.name}")
    args = ap.parse_args(argv)
    all_stories = stories()
    data = {name: pairs_of(paths, spans) for name, paths, spans in all_stories}
    for name, (x, y) in data.items():
        print(f"{name}: {len(y)} pairs, {int(y.sum())} same fact", file=sys.stderr)
    if args.check:
        rows = []
        for name, paths, spans in all_stories:
            alignlib.use_model(model_from([d for k, d in data.items() if k != name],
                                          [st for st in all_stories if st[0] != name]))
            if name in ecbplus.DEV:
                r = report_dict(analyse(load_corpus(paths), cached(cache_dir=CACHE)))
                out, _ = ecbplus._scorer().score(r, json.loads(ecbplus.gold_path(name).read_text(encoding="utf-8")))
                out["precision"] = ecbplus.mention_precision(r, json.loads(ecbplus.gold_path(name).read_text()))
                rows.append(out)
                print(f"{name} (left out): B-cubed F1 {out['bcubed']['f1']:.2f}, conflicts {out['conflicts']['n']} "
                      f"clean {out['conflicts']['clean']} mixed {out['conflicts']['mixed']} false {out['conflicts']['false']}, "
                      f"discrepancies {out['discrepancy']['found']}/{out['discrepancy']['n']}")
            else:
                print(f"{name} (left out): figure pair F1 {pair_f1(paths, spans):.2f}")
        alignlib.use_model(None)
        if rows:
            print(ecbplus.table("ECB+ dev, leave-one-story-out", rows))
    model = model_from(list(data.values()), all_stories)
    print(json.dumps(model, indent=1))
    if args.write:
        model["about"] = ("Written by benchmarks/fit_align.py: logistic regression over crosscheck.align.NUMERIC_FEATURES, "
                          "fitted on tests/gold and the ECB+ dev events' fact gold; do not edit by hand.")
        WEIGHTS.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
