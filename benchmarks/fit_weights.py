"""Fit the weights of the alignment similarity on real coverage, and check them
leave-one-story-out.

    python benchmarks/fit_weights.py              # logistic fit, leave-one-out figures
    python benchmarks/fit_weights.py --search     # direct search on B-cubed, leave-one-out figures
    python benchmarks/fit_weights.py [--search] --write   # ... and write the weights fitted on all
                                                         # stories, if leave-one-out beat the shipped ones

The weights (``crosscheck.align.WEIGHTS``, in ``crosscheck/settings.py``) combine the named
feature columns of a pair of facts (``crosscheck.align._similarity_columns``) into the
similarity that grouping compares with its bars (``crosscheck.align._combine``):

    s = t * (h * ((1 - LOCAL_WEIGHT) context + LOCAL_WEIGHT near + ORDER_BONUS order
                  + ANCHOR_BONUS anchor + ITEM_WEIGHT item)
             + SAME_PERSON_BONUS same_person + EQUAL_VALUE_BONUS equal_value
             + NEAR_VALUE_BONUS near_value + SPEAKER_BONUS speaker)

with h = HEAD_MISMATCH_FACTOR where the head nouns differ (else 1) and t =
TIME_MISMATCH_FACTOR where the sentences are dated apart (else 1); the hard masks (one
article, two roles, dimensions, currencies, predicate classes or years, dates years apart)
set s to 0 whatever the weights and are not fitted. The bars (``ALIGN_MIN_SIMILARITY`` and
the others) are not fitted here: a sweep of them moved B-cubed within 0.729-0.742.

Stories. The ECB+ events with a fact-family gold (``benchmarks/ecbplus.py``: the dev events
and the seen held-out ones, 26). Each story's facts are extracted once and aligned with the
shipped weights; the scorer's match (gold mention -> tool fact) gives each matched fact its
gold family.

Logistic fit (default). The pairs are the cross-article pairs of matched facts of one family
(date, count, money, measure) in one block that the hard masks allow, labelled 1 when both
facts are of one gold family; their feature columns are those the alignment computed (the
anchors of dates are those of the shipped grouping). The model is the similarity itself put
through a logistic curve around the family's grouping bar,

    P(one fact) = 1 / (1 + exp(-a (s - ALIGN_MIN_SIMILARITY[family])))

so the fitted weights stay on the scale the bars expect: a pair the model finds as likely one
fact as not sits on the bar. The weights and the slope a are fitted by Gauss-Newton (Fisher
scoring, damped, within bounds: LOCAL_WEIGHT, the factors and the bonuses in [0, 1]) on the
log loss, each story weighing the same (its pairs share weight 1), with a small L2 pull
(``L2``) of each bonus toward 0 and each factor toward 1 (no effect). A weight whose feature
is present in fewer than ``MIN_SUPPORT`` positive pairs of the stories fitted on keeps its
shipped value (the ages of one named person, figures dated apart: ECB+'s gold barely has
them).

Direct search (``--search``). The candidates (``SEARCH``, set before any run): the shipped
weights, and each weight alone set to a few values around its shipped one. Every candidate
aligns and is scored on every story once; a fold chooses, on the stories it is fitted on, the
candidate with the best mean B-cubed F1 among those with no more mixed or false conflicts and
no fewer clean ones than the shipped weights there (ties to the shipped weights).

Leave-one-story-out: each story is aligned with the weights fitted (or chosen) without it and
scored with the dataset's scorer (B-cubed F1, conflicts clean/mixed/false, discrepancy recall,
counting the possible conflicts too); the figures are printed next to the story's figures with
the shipped (hand-set) weights, from the same run. ``--write`` writes the weights fitted on
all stories only if the pooled leave-one-out figures beat the shipped ones (higher mean
B-cubed F1, no more mixed or false conflicts, no fewer clean ones).

Result (2026-11-30, docs/accuracy.md "The alignment weights, fitted"): neither beat the
hand-set weights, which stay. Leave-one-out, pooled over the 26 stories: hand-set B-cubed
0.711, conflicts 7 clean + 1 mixed, discrepancies 7/64 (23/64 counting possible conflicts);
logistic 0.710, 2 clean + 0 mixed, 2/64 (22/64); direct search 0.715, 6 clean + 1 mixed,
6/64 (25/64). The logistic model ranks pairs better (AUC 0.81 against 0.77) but groups no
better, and drops the near-value bonus that draws differing values into one group, so the
conflicts go; no single weight moves pooled B-cubed outside 0.69-0.72. Of the same-family
pairs, 54% score below the bar with the hand-set weights, and most of them carry no evidence
any weight could raise: a context cosine median 0.06, a near-context cosine under 0.1 in 91%,
an item similarity under 0.1 in 80%, the same figure in 8%. The lever is new evidence (the
frames), not the weights.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import ecbplus  # noqa: E402

from crosscheck import align, settings  # noqa: E402
from crosscheck.extract import extract_facts  # noqa: E402
from crosscheck.load import load_corpus  # noqa: E402
from crosscheck.pipeline import analyse  # noqa: E402
from crosscheck.render.json import report_dict  # noqa: E402

SETTINGS = ROOT / "crosscheck" / "settings.py"
FAMILIES = ("date", "count", "money", "measure")
#: The fitted weights, their bounds, and the value the L2 pulls each toward (no effect).
WEIGHTS = align.WEIGHTS
BOUNDS = {name: (0.0, 1.0) for name in WEIGHTS}
NEUTRAL = {name: 1.0 if name.endswith("_FACTOR") else 0.0 for name in WEIGHTS}
#: Bars among the weights: a step in the score, with no gradient to fit; searched only.
BARS = frozenset({"DAY_VALUE_MIN_CONTEXT", "MERGE_MEAN_SHARE"})
L2 = 1e-3
MIN_SUPPORT = 30
#: The columns each weight multiplies (see ``score``).
COLUMNS = ("context", "near", "order", "anchor", "item", "head_mismatch", "same_person", "equal_value",
           "near_value", "speaker", "time_apart", "frame_value", "written_value", "day_value")
SUPPORT = {"LOCAL_WEIGHT": None, "ORDER_BONUS": "order", "ANCHOR_BONUS": "anchor", "ITEM_WEIGHT": "item",
           "HEAD_MISMATCH_FACTOR": "head_mismatch", "SAME_PERSON_BONUS": "same_person",
           "EQUAL_VALUE_BONUS": "equal_value", "NEAR_VALUE_BONUS": "near_value", "SPEAKER_BONUS": "speaker",
           "TIME_MISMATCH_FACTOR": "time_apart", "FRAME_VALUE_BONUS": "frame_value",
           "WRITTEN_VALUE_BONUS": "written_value", "DAY_VALUE_BONUS": "day_value", "DAY_VALUE_MIN_CONTEXT": None}


# --- the stories: facts once, pairs and labels -----------------------------------------

class Story:
    """One event: its articles, facts (extracted once), gold, report and figures with the
    shipped weights, and the labelled pairs."""

    def __init__(self, event: str, scorer):
        self.event = event
        self.articles = load_corpus([str(ecbplus.DATASET / ecbplus.folder(event))])
        self.memo = {a.id: extract_facts(a) for a in self.articles}
        self.gold = json.loads(ecbplus.gold_path(event).read_text(encoding="utf-8"))
        blocks: list[tuple[str, list, object]] = []
        features = align._features

        def recording(family, facts, *args, **kwargs):
            feat = features(family, facts, *args, **kwargs)
            blocks.append((family, facts, feat))
            return feat

        align._features = recording
        try:
            report = self.report()
        finally:
            align._features = features
        self.shipped = ecbplus.score_report(report, self.gold, scorer)
        _, details = scorer.score(report, self.gold)
        family_of: dict[str, set[str]] = {}
        for i, fact in details["match"].items():
            family_of.setdefault(fact["id"], set()).add(self.gold["mentions"][i]["family"])
        self.pairs = pairs(blocks, family_of)

    def report(self) -> dict:
        return report_dict(analyse(self.articles, extractor=lambda art: self.memo[art.id]))


def pairs(blocks, family_of: dict[str, set[str]]) -> dict[str, np.ndarray]:
    """The columns, family bar and label of every cross-article pair of matched facts (one
    gold family each) of a block that the hard masks allow."""
    out: dict[str, list] = {k: [] for k in COLUMNS + ("bar", "label")}
    for family, facts, feat in blocks:
        if family not in FAMILIES:
            continue
        idx = np.array([k for k, f in enumerate(facts) if len(family_of.get(f.id, ())) == 1], dtype=np.int64)
        if len(idx) < 2:
            continue
        col = align._similarity_columns(feat, idx, idx)
        upper = np.triu(np.ones((len(idx), len(idx)), dtype=bool), 1) & ~col["apart"]
        r, c = np.nonzero(upper)
        for name in COLUMNS:
            x = col.get(name)
            out[name].append(np.zeros(len(r)) if x is None else x[r, c].astype(np.float64))
        fam = [next(iter(family_of[facts[k].id])) for k in idx.tolist()]
        out["label"].append(np.array([fam[i] == fam[j] for i, j in zip(r.tolist(), c.tolist())], dtype=np.float64))
        out["bar"].append(np.full(len(r), settings.ALIGN_MIN_SIMILARITY[family]))
        # the score computed here is the alignment's own
        w = {name: getattr(settings, name) for name in WEIGHTS}
        assert np.allclose(score({k: v[-1] for k, v in out.items()}, w)[0],
                           align._combine(family, col)[r, c], atol=1e-12), "the model's score is not the alignment's"
    return {k: np.concatenate(v) if v else np.zeros(0) for k, v in out.items()}


# --- the model ----------------------------------------------------------------------------

def score(p: dict[str, np.ndarray], w: dict[str, float]) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """The similarity of the pairs ``p`` with weights ``w`` (as ``align._combine``), and its
    derivative by each weight."""
    fh = np.where(p["head_mismatch"] > 0, w["HEAD_MISMATCH_FACTOR"], 1.0)
    ft = np.where(p["time_apart"] > 0, w["TIME_MISMATCH_FACTOR"], 1.0)
    local = w["LOCAL_WEIGHT"]
    a = ((1 - local) * p["context"] + local * p["near"] + w["ORDER_BONUS"] * p["order"]
         + w["ANCHOR_BONUS"] * p["anchor"] + w["ITEM_WEIGHT"] * p["item"])
    b = (w["SAME_PERSON_BONUS"] * p["same_person"] + w["EQUAL_VALUE_BONUS"] * p["equal_value"]
         + w["NEAR_VALUE_BONUS"] * p["near_value"] + w["SPEAKER_BONUS"] * p["speaker"]
         + w["FRAME_VALUE_BONUS"] * p["frame_value"] + w["WRITTEN_VALUE_BONUS"] * p["written_value"]
         + w["DAY_VALUE_BONUS"] * p["day_value"] * (p["context"] > w["DAY_VALUE_MIN_CONTEXT"]))
    s = ft * (fh * a + b)
    d = {
        "LOCAL_WEIGHT": ft * fh * (p["near"] - p["context"]),
        "ORDER_BONUS": ft * fh * p["order"],
        "ANCHOR_BONUS": ft * fh * p["anchor"],
        "ITEM_WEIGHT": ft * fh * p["item"],
        "HEAD_MISMATCH_FACTOR": ft * p["head_mismatch"] * a,
        "SAME_PERSON_BONUS": ft * p["same_person"],
        "EQUAL_VALUE_BONUS": ft * p["equal_value"],
        "NEAR_VALUE_BONUS": ft * p["near_value"],
        "SPEAKER_BONUS": ft * p["speaker"],
        "FRAME_VALUE_BONUS": ft * p["frame_value"],
        "WRITTEN_VALUE_BONUS": ft * p["written_value"],
        "DAY_VALUE_BONUS": ft * p["day_value"] * (p["context"] > w["DAY_VALUE_MIN_CONTEXT"]),
        "DAY_VALUE_MIN_CONTEXT": np.zeros(len(p["context"])),  # a bar: no gradient (searched only)
        "MERGE_MEAN_SHARE": np.zeros(len(p["context"])),  # grouping's bar, not the pair's score (searched only)
        "TIME_MISMATCH_FACTOR": p["time_apart"] * (fh * a + b),
    }
    return s, d


def fit(stories: list[Story], iterations: int = 100) -> tuple[dict[str, float], float, list[str]]:
    """The weights fitted on the stories' pairs (and the slope a, and the weights kept at
    their shipped value for want of support)."""
    p = {k: np.concatenate([s.pairs[k] for s in stories]) for k in COLUMNS + ("bar", "label")}
    weight = np.concatenate([np.full(len(s.pairs["label"]), 1.0 / max(len(s.pairs["label"]), 1)) for s in stories])
    weight /= weight.sum()
    y = p["label"]
    w = {name: getattr(settings, name) for name in WEIGHTS}
    free = [name for name in WEIGHTS if name not in BARS
            and (SUPPORT[name] is None or int(((p[SUPPORT[name]] > 0) & (y > 0)).sum()) >= MIN_SUPPORT)]
    kept = [name for name in WEIGHTS if name not in free]

    def loss(w: dict[str, float], slope: float) -> float:
        z = slope * (score(p, w)[0] - p["bar"])
        return float(weight @ np.logaddexp(0.0, -z) + weight @ ((1 - y) * z)) + penalty(w)

    def penalty(w: dict[str, float]) -> float:
        return 0.5 * L2 * sum((w[n] - NEUTRAL[n]) ** 2 for n in free if n != "LOCAL_WEIGHT")

    slope = 10.0
    current = loss(w, slope)
    damping = 1e-3
    for _ in range(iterations):
        s, d = score(p, w)
        z = slope * (s - p["bar"])
        q = 1.0 / (1.0 + np.exp(-z))
        jac = np.stack([slope * d[n] for n in free] + [s - p["bar"]], axis=1)
        grad = jac.T @ (weight * (q - y))
        hess = (jac * (weight * q * (1 - q))[:, None]).T @ jac
        for k, n in enumerate(free):
            if n != "LOCAL_WEIGHT":
                grad[k] += L2 * (w[n] - NEUTRAL[n])
                hess[k, k] += L2
        while True:
            step = np.linalg.solve(hess + damping * np.diag(np.diag(hess) + 1e-12), grad)
            trial = dict(w)
            for k, n in enumerate(free):
                lo, hi = BOUNDS[n]
                trial[n] = float(min(hi, max(lo, w[n] - step[k])))
            trial_slope = max(0.1, slope - float(step[-1]))
            new = loss(trial, trial_slope)
            if new < current - 1e-12:
                w, slope, current = trial, trial_slope, new
                damping = max(damping / 3, 1e-6)
                break
            damping *= 10
            if damping > 1e6:
                return w, slope, kept
    return w, slope, kept


# --- leave-one-story-out -----------------------------------------------------------------

def aligned(story: Story, w: dict[str, float]) -> dict:
    """The story's figures aligned with weights ``w``."""
    shipped = {name: getattr(settings, name) for name in WEIGHTS}
    for name, value in w.items():
        setattr(settings, name, value)
    try:
        report = story.report()
    finally:
        for name, value in shipped.items():
            setattr(settings, name, value)
    return ecbplus.score_report(report, story.gold)


#: The direct search (``--search``): each weight alone set to each of these values, the others
#: shipped; chosen before any run, around the shipped values (a bonus off, halved, doubled,
#: tripled; a factor off, harsher, milder; the near context's share from 0 to 0.8).
SEARCH = {
    "LOCAL_WEIGHT": (0.0, 0.2, 0.6, 0.8),
    "ORDER_BONUS": (0.0, 0.1, 0.15),
    "ANCHOR_BONUS": (0.0, 0.075, 0.3, 0.45),
    "ITEM_WEIGHT": (0.0, 0.075, 0.3, 0.45),
    "HEAD_MISMATCH_FACTOR": (0.25, 0.75, 1.0),
    "SAME_PERSON_BONUS": (0.15, 0.6),
    "EQUAL_VALUE_BONUS": (0.0, 0.075, 0.3, 0.45),
    "NEAR_VALUE_BONUS": (0.0, 0.05, 0.2, 0.3),
    "SPEAKER_BONUS": (0.0, 0.075, 0.3),
    "TIME_MISMATCH_FACTOR": (0.25, 0.75, 1.0),
    "FRAME_VALUE_BONUS": (0.1, 0.2, 0.3, 0.45),
    "WRITTEN_VALUE_BONUS": (0.0, 0.075, 0.15, 0.3, 0.45, 0.6, 0.8),
    "DAY_VALUE_BONUS": (0.0, 0.075, 0.15, 0.3, 0.45, 0.6, 0.8),
    "DAY_VALUE_MIN_CONTEXT": (0.05, 0.1, 0.15, 0.2),
    "MERGE_MEAN_SHARE": (0.3, 0.4, 0.5, 0.7, 0.8),
}


#: The weights ``--only`` limits the search to (all when empty).
ONLY: set[str] = set()


def candidates() -> list[dict[str, float]]:
    """The shipped weights first, then each weight of ``SEARCH`` changed alone."""
    shipped = {name: getattr(settings, name) for name in WEIGHTS}
    out = [shipped]
    for name, values in SEARCH.items():
        if ONLY and name not in ONLY:
            continue
        out += [dict(shipped, **{name: v}) for v in values if v != shipped[name]]
    return out


def acceptable(rows: list[dict], base: list[dict]) -> bool:
    """Whether figures ``rows`` keep the conflicts of ``base`` (the shipped weights' on the same
    stories): no more mixed or false conflicts, no fewer clean ones."""
    def total(rs, k):
        return sum(r["conflicts"][k] for r in rs)
    return (total(rows, "mixed") + total(rows, "false") <= total(base, "mixed") + total(base, "false")
            and total(rows, "clean") >= total(base, "clean"))


def choose(table: list[dict[str, dict]], events: list[str]) -> int:
    """The candidate (index) with the best mean B-cubed F1 over ``events`` among those that keep
    the shipped weights' conflicts there (``acceptable``); ties to the earlier one (shipped first)."""
    best, value = 0, None
    for k, figures in enumerate(table):
        rows = [figures[e] for e in events]
        if not acceptable(rows, [table[0][e] for e in events]):
            continue
        f1 = round(sum(r["bcubed"]["f1"] for r in rows) / len(rows), 6)
        if value is None or f1 > value:
            best, value = k, f1
    return best


def search(stories: list[Story], write_them: bool = False) -> None:
    """The direct search, leave-one-story-out: every candidate aligned and scored on every
    story once; each story scored with the candidate chosen on the others."""
    cands = candidates()
    table = []
    for k, w in enumerate(cands):
        table.append({s.event: aligned(s, w) for s in stories} if k else {s.event: s.shipped for s in stories})
        rows = list(table[-1].values())
        changed = ", ".join(f"{n} {w[n]:g}" for n in WEIGHTS if w[n] != cands[0][n]) or "shipped"
        print(f"  {changed}: {_pooled(rows)}", file=sys.stderr, flush=True)
    events = [s.event for s in stories]
    print("| left out | chosen on the others | B-cubed F1 | conflicts clean/mixed/false | discrepancies found |")
    print("|---|---|---|---|---|")
    loso = []
    for e in events:
        k = choose(table, [x for x in events if x != e])
        loso.append(table[k][e])
        changed = ", ".join(f"{n} {cands[k][n]:g}" for n in WEIGHTS if cands[k][n] != cands[0][n]) or "shipped"
        print(f"| {e} | {changed} | {_row(table[k][e])} |", flush=True)
    print(f"\nshipped weights, pooled:          {_pooled([table[0][e] for e in events])}")
    print(f"leave-one-story-out, pooled:      {_pooled(loso)}")
    k = choose(table, events)
    print(f"chosen on all {len(events)} stories: {_weights(cands[k])}")
    if write_them:
        adopt(cands[k], loso, [table[0][e] for e in events])


def adopt(w: dict[str, float], loso: list[dict], shipped: list[dict], path: Path = SETTINGS) -> None:
    """Write ``w`` to settings.py, only if leave-one-story-out beat the shipped weights: a
    higher mean B-cubed F1, with no more mixed or false conflicts and no fewer clean ones."""
    better = (sum(r["bcubed"]["f1"] for r in loso) > sum(r["bcubed"]["f1"] for r in shipped)
              and acceptable(loso, shipped))
    if not better:
        print(f"not written to {path}: leave-one-story-out did not beat the shipped weights")
        return
    write(w, path)
    print(f"written to {path}")


def _row(r: dict) -> str:
    c = r["conflicts"]
    return (f"{r['bcubed']['f1']:.2f} | {c['clean']}/{c['mixed']}/{c['false']} of {c['n']} | "
            f"{r['discrepancy']['found']}/{r['discrepancy']['n']} | "
            f"{r['discrepancy_with_possible']['found']}/{r['discrepancy']['n']}")


def _pooled(rows: list[dict]) -> str:
    t = ecbplus.pooled(rows)
    c = t["conflicts"]
    n = sum(r["discrepancy"]["n"] for r in rows)
    return (f"B-cubed F1 {t['bcubed_f1']:.3f}; conflicts {c['n']}: clean {c['clean']}, mixed {c['mixed']},"
            f" false {c['false']}, outside {c['outside']}; discrepancy recall"
            f" {sum(r['discrepancy']['found'] for r in rows)}/{n} = {t['discrepancy_recall']:.2f},"
            f" counting possible conflicts {sum(r['discrepancy_with_possible']['found'] for r in rows)}/{n}"
            f" = {t['discrepancy_recall_with_possible']:.2f}")


def _weights(w: dict[str, float]) -> str:
    return ", ".join(f"{n} {w[n]:.3g}" for n in WEIGHTS)


def write(w: dict[str, float], path: Path = SETTINGS) -> None:
    """Write the weights between the markers "# --- fitted by benchmarks/fit_weights.py" and
    "# --- end of fitted weights" of settings.py, one ``NAME = value`` line each (rounded to
    three decimals). The shipped settings have no such block while the weights stay hand-set
    (leave-one-out did not beat them): to adopt fitted weights, move their lines between
    those markers first."""
    text = path.read_text(encoding="utf-8")
    block = re.search(r"^# --- fitted by benchmarks/fit_weights\.py.*?^# --- end of fitted weights.*?$", text, re.M | re.S)
    if not block:
        raise SystemExit(f"{path}: no block fitted by benchmarks/fit_weights.py (see the docstring of write)")
    inner = block.group(0)
    for name in (n for n in WEIGHTS if not ONLY or n in ONLY):  # with --only, the weights searched
        inner, n = re.subn(rf"^{name} = .*$", f"{name} = {round(w[name], 3)}", inner, flags=re.M)
        if n != 1:
            raise SystemExit(f"{path}: no single line for {name} in the fitted block")
    path.write_text(text[: block.start()] + inner + text[block.end():], encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true",
                    help="write the weights fitted on all stories to settings.py, if leave-one-out beat the shipped ones")
    ap.add_argument("--search", action="store_true",
                    help="instead of the logistic fit, the direct search of the weights on B-cubed (SEARCH)")
    ap.add_argument("--events", help="comma-separated events (default: dev and seen held-out)")
    ap.add_argument("--only", help="comma-separated weights: search only these (with --search)")
    args = ap.parse_args(argv)
    ONLY.update(args.only.split(",") if args.only else ())
    if not (ecbplus.DATASET / "score_facts.py").is_file():
        print(f"ECB+ dataset not found at {ecbplus.DATASET} (set CROSSCHECK_ECBPLUS)", file=sys.stderr)
        return 2
    events = args.events.split(",") if args.events else list(ecbplus.DEV + ecbplus.SEEN)
    scorer = ecbplus._scorer()
    stories = []
    for event in events:
        stories.append(Story(event, scorer))
        y = stories[-1].pairs["label"]
        print(f"  {event}: {len(stories[-1].articles)} articles, {len(y)} pairs, {int(y.sum())} of one family",
              file=sys.stderr)
    if args.search:
        search(stories, args.write)
        return 0
    print("| left out | B-cubed F1 | conflicts clean/mixed/false | discrepancies found | ... counting possible"
          " | B-cubed F1 | conflicts clean/mixed/false | discrepancies found | ... counting possible |")
    print("|---|---|---|---|---|---|---|---|---|")
    print("| | **shipped (hand-set)** | | | | **fitted without the story** | | | |")
    loso = []
    for story in stories:
        w, _, _ = fit([s for s in stories if s is not story])
        loso.append(aligned(story, w))
        print(f"| {story.event} | {_row(story.shipped)} | {_row(loso[-1])} |", flush=True)
    print(f"\nshipped weights, pooled:          {_pooled([s.shipped for s in stories])}")
    print(f"leave-one-story-out, pooled:      {_pooled(loso)}")
    w, slope, kept = fit(stories)
    print(f"\nfitted on all {len(stories)} stories (slope {slope:.3g}): {_weights(w)}")
    if kept:
        print(f"kept at their shipped values (fewer than {MIN_SUPPORT} positive pairs): {', '.join(kept)}")
    print(f"shipped: {_weights({n: getattr(settings, n) for n in WEIGHTS})}")
    if args.write:
        adopt(w, loso, [s.shipped for s in stories])
    return 0


if __name__ == "__main__":
    sys.exit(main())
