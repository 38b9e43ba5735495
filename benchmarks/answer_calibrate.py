"""Fit and check the answer verdict (not a test): is a confident answer right?

Reads the per-question lines ``answer_eval.py --details F`` writes (several dev sets in one
file, each line naming its set) and fits a logistic model of "the answer holds the phrase" on
a few of the answer's signals (``Answer.signals``: ``evidence`` is the summarizer's own score,
``ctx`` the share of the question the best unit holds with its setting, ``meaning_rank`` where
the best unit's passage stands among the passages by meaning). The verdict is "confident"
when the modelled chance of being right is at least ``cost / (cost + 1)``: a confident wrong
answer misleads and costs ``cost`` times a right answer labelled unsure, which only asks the
clerk to check it (docs/history/answers.md, round 7: 2).

Printed, per set: the model fitted on the *other* sets, applied to this one (confident
answers, of which wrong; right answers labelled unsure; the cost), next to the verdict the
details were written with; then the model fitted on all sets, whose coefficients are
``summarize.CALIBRATION``.

    PYTHONPATH=src .venv/bin/python benchmarks/answer_calibrate.py details.jsonl \\
        [--features evidence,ctx,meaning_rank] [--cost 2] [--kinds plain,english]

``--kinds``: the calibration of a ranking that ranks only these kinds of question, and only those
asking for a type of answer (``summarize.BLENDED_RANKING``, round 10; the details name each
question's kind, round 11). The sets are judged on those questions alone, the model fitted on the
other sets both ways: on every question (how round 10 fitted it) and on those questions only.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np


def value(d: dict, name: str) -> float:
    signals = d.get("signals") or {}
    if name == "evidence" and name not in signals:
        return float(d.get("confidence") or 0.0)  # details written before the calibration
    return float(signals.get(name, 0.0))


def matrix(rows: list[dict], features: list[str]) -> np.ndarray:
    return np.array([[value(d, f) for f in features] for d in rows], dtype=float).reshape(len(rows), len(features))


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 5000) -> tuple[np.ndarray, float]:
    """Logistic regression by gradient descent on standardized features (a little L2 keeps
    the weights of correlated signals apart); returns weights and bias on the raw features."""
    mu, sd = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = (x - mu) / sd
    w, b = np.zeros(z.shape[1]), 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(z @ w + b)))
        w -= 0.5 * (z.T @ (p - y) / len(y) + l2 * w / len(y))
        b -= 0.5 * float((p - y).mean())
    return w / sd, b - float((mu / sd) @ w)


def chance(x: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(x @ w + b)))


def trade(sure: list[bool], rows: list[dict], cost: float) -> dict:
    wrong = sum(s and not d["held"] for s, d in zip(sure, rows, strict=True))
    unsure_right = sum(not s and d["held"] for s, d in zip(sure, rows, strict=True))
    return {"n": len(rows), "confident": sum(sure), "wrong": wrong, "unsure_right": unsure_right,
            "cost": cost * wrong + unsure_right}


def line(t: dict) -> str:
    share = t["wrong"] / t["confident"] if t["confident"] else 0.0
    return (f"confident {t['confident']:3d}, of which wrong {t['wrong']:2d} ({share:5.1%}); right labelled unsure "
            f"{t['unsure_right']:2d} ({t['unsure_right'] / t['n']:5.1%}); cost {t['cost']:.0f}")


class Model:
    """Two logistic models: one on all the features for the answers that have them all, one on
    the features every answer has (``meaning_rank`` is there only when search embedded the
    question) for the others."""

    def __init__(self, rows: list[dict], features: list[str], optional: list[str]):
        self.full, self.words = features, [f for f in features if f not in optional]
        self.optional = optional
        with_all = [d for d in rows if self.has_all(d)]
        y = np.array([float(d["held"]) for d in with_all])
        self.w_full = fit(matrix(with_all, self.full), y) if with_all and 0 < y.sum() < len(y) else None
        self.w_words = fit(matrix(rows, self.words), np.array([float(d["held"]) for d in rows]))

    def has_all(self, d: dict) -> bool:
        return all(f in (d.get("signals") or {}) for f in self.optional)

    def chance(self, d: dict) -> float:
        if self.w_full is not None and self.has_all(d):
            return float(chance(matrix([d], self.full), *self.w_full)[0])
        return float(chance(matrix([d], self.words), *self.w_words)[0])

    def show(self) -> str:
        out = []
        for name, feats, wb in (("CALIBRATION", self.full, self.w_full),
                                ("CALIBRATION_WORDS", self.words, self.w_words)):
            if wb is not None:
                w, b = wb
                out.append(f"{name} = {{" + ", ".join(f'"{f}": {x:.3f}' for f, x in zip(feats, w, strict=True))
                           + f', "bias": {b:.3f}' + "}")
        return "\n  ".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("details", type=Path, help="answer_eval.py --details output (natural sets)")
    ap.add_argument("--features", default="evidence,ctx,meaning_rank")
    ap.add_argument("--optional", default="meaning_rank", help="features some answers lack (a second model without)")
    ap.add_argument("--cost", type=float, default=2.0,
                    help="a confident wrong answer costs this many right answers labelled unsure")
    ap.add_argument("--kinds", default="", help="only questions of these kinds asking for a type (comma-separated)")
    ap.add_argument("--choose", default="", metavar="F1;F2…",
                    help="with --kinds: choose among these feature lists (and the rows fitted on) by nested folds")
    ap.add_argument("--evidence-threshold", type=float, default=1.2,
                    help="also show the verdict `evidence >= this` (the rule before round 7)")
    args = ap.parse_args()
    rows = [json.loads(x) for x in args.details.read_text(encoding="utf-8").splitlines() if x.strip()]
    features = args.features.split(",")
    optional = [f for f in args.optional.split(",") if f in features]
    cut = args.cost / (args.cost + 1.0)
    sets = list(dict.fromkeys(d["set"] for d in rows))
    print(f"features {features} ({optional} when at hand), confident when the chance of being right is >= {cut:.3f}")
    known = sum(all(f in (d.get("signals") or {}) for f in optional) for d in rows)
    print(f"answers with {optional}: {known} of {len(rows)}")
    if args.kinds and args.choose:
        return nested(rows, set(args.kinds.split(",")), [f.split(",") for f in args.choose.split(";")],
                      args.optional.split(","), args.cost, cut)
    if args.kinds:
        return by_kind(rows, set(args.kinds.split(",")), features, optional, args.cost, cut)
    total_now = total_fit = 0.0
    for name in sets:
        test = [d for d in rows if d["set"] == name]
        model = Model([d for d in rows if d["set"] != name], features, optional)
        held_out = trade([model.chance(d) >= cut for d in test], test, args.cost)
        now = trade([not d["weak"] for d in test], test, args.cost)
        total_now += now["cost"]
        total_fit += held_out["cost"]
        print(f"{name} ({len(test)} questions)")
        print(f"  verdict of the details:          {line(now)}")
        print(f"  fitted on the other sets:        {line(held_out)}")
        old = trade([value(d, "evidence") >= args.evidence_threshold for d in test], test, args.cost)
        print(f"  evidence >= {args.evidence_threshold:<4}:               {line(old)}")
    print(f"cost over all sets: verdict of the details {total_now:.0f}, fitted on the other sets {total_fit:.0f}")
    model = Model(rows, features, optional)
    print("fitted on all sets:\n  " + model.show())
    for name in sets:
        test = [d for d in rows if d["set"] == name]
        print(f"  {name}: {line(trade([model.chance(d) >= cut for d in test], test, args.cost))}")
    return 0


def _ours(kinds: set[str]):
    return lambda d: d.get("kind") in kinds and bool(d.get("typed"))


def nested(rows: list[dict], kinds: set[str], choices: list[list[str]], optional: list[str], cost: float,
           cut: float) -> int:
    """``--choose``: for each set left out, the feature list and the rows to fit on (every question or
    those of ``kinds``) are chosen by the cost on the other two sets, each fitted on the third; the
    choice is then fitted on both and judged on the set left out (on its questions of ``kinds``),
    so no figure printed was seen when choosing."""
    ours = _ours(kinds)
    sets = list(dict.fromkeys(d["set"] for d in rows))
    ways = [(f, w) for f in choices for w in ("every", "ours")]

    def cost_of(train: list[dict], test: list[dict], f: list[str], w: str) -> tuple[dict, list[bool]]:
        model = Model([d for d in train if w == "every" or ours(d)], f, [x for x in optional if x in f])
        sure = [model.chance(d) >= cut for d in test]
        return trade(sure, test, cost), sure

    total = {"details": 0.0, "nested": 0.0}
    for name in sets:
        rest = [x for x in sets if x != name]
        inner = {}
        for f, w in ways:
            inner[(",".join(f), w)] = sum(cost_of([d for d in rows if d["set"] == a],
                                                  [d for d in rows if d["set"] == b and ours(d)], f, w)[0]["cost"]
                                          for a in rest for b in rest if a != b)
        (fs, w), best = min(inner.items(), key=lambda kv: kv[1])
        test = [d for d in rows if d["set"] == name and ours(d)]
        t, _ = cost_of([d for d in rows if d["set"] != name], test, fs.split(","), w)
        now = trade([not d["weak"] for d in test], test, cost)
        total["details"] += now["cost"]
        total["nested"] += t["cost"]
        print(f"{name}: chose {fs} fitted on {w} (inner cost {best:.0f})")
        print(f"  verdict of the details  {line(now)}")
        print(f"  chosen, fitted on both  {line(t)}")
    print("cost over all sets: " + ", ".join(f"{k} {v:.0f}" for k, v in total.items()))
    return 0


def by_kind(rows: list[dict], kinds: set[str], features: list[str], optional: list[str], cost: float,
            cut: float) -> int:
    """``--kinds``: each set's questions of those kinds (asking for a type) judged by the verdict of
    the details and by the models fitted on the other sets on every question or on those only."""
    ours = _ours(kinds)
    if not any("kind" in d for d in rows):
        print("the details name no question's kind: write them with this round's answer_eval.py")
        return 1
    totals = {"details": 0.0, "every": 0.0, "ours": 0.0}
    for name in dict.fromkeys(d["set"] for d in rows):
        test = [d for d in rows if d["set"] == name and ours(d)]
        rest = [d for d in rows if d["set"] != name]
        every, only = Model(rest, features, optional), Model([d for d in rest if ours(d)], features, optional)
        ways = {"details": [not d["weak"] for d in test], "every": [every.chance(d) >= cut for d in test],
                "ours": [only.chance(d) >= cut for d in test]}
        print(f"{name} ({len(test)} of {sum(d['set'] == name for d in rows)} questions of kinds {sorted(kinds)})")
        for way, label in (("details", "verdict of the details"), ("every", "fitted on the others, every q"),
                           ("ours", "fitted on the others, these")):
            t = trade(ways[way], test, cost)
            totals[way] += t["cost"]
            print(f"  {label:<31} {line(t)}")
    print("cost over all sets: " + ", ".join(f"{k} {v:.0f}" for k, v in totals.items()))
    model = Model([d for d in rows if ours(d)], features, optional)
    print("fitted on these questions of all sets:\n  " + model.show())
    return 0


if __name__ == "__main__":
    sys.exit(main())
