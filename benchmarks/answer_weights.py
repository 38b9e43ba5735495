"""Read the summarizer's scoring weights off natural question sets, honestly (not a test).

For every typed question, the candidates (sentences, 号 items, table rows of the
top passages) are scored as the summarizer does and labelled: does the candidate
hold the answer phrase, in a gold file? The weights are then judged by how often
the best-scoring candidate holds the phrase ("top 1"), over the questions whose
phrase is among the candidates at all (construction's share; retrieval is apart).

The weights in ``summarize.TYPED_WEIGHTS`` were once chosen on the first dev set,
so their figure on it flatters them. What this prints is what generalizes:

* ``k-fold``: a conditional logit (softmax over each question's candidates, L2,
  plain gradient ascent) fitted on k−1 folds of the questions and counted on the
  fold it did not see, repeated over shuffles; the current weights and equal
  weights counted on the same folds for comparison;
* ``--test FILE``: fitted on every ``--natural`` set and counted on another set
  written apart (the second dev set), next to the current weights there.

    PYTHONPATH=src .venv/bin/python benchmarks/answer_weights.py --index indexes/all \\
        [--natural benchmarks/natural_questions.jsonl ...] [--test dev2.jsonl] [--folds 5]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import conditional_logit
import numpy as np
from answer_eval import gold_file, norm

from reglens import summarize
from reglens.search import Index

HERE = Path(__file__).resolve().parent
NAMES = ["lex", "ctx", "typed", "rare", "rank", "first", "cited", "focus", "defines", "listed", "borrowed", "cond",
         "proviso"]
L2 = 1.0  # on the summed log-likelihood: the sets are small, the weights are kept near 0 unless they earn it


def candidates(index: Index, questions: list[dict], passages: int) -> list[dict]:
    """Per typed question: feature rows of its ranked candidates and their labels."""
    sm = summarize.Summarizer(index, spans=False)
    out = []
    for q in questions:
        results = index.search(q["question"], top_k=passages)
        ans = sm.answer_from(q["question"], results)
        ranked = ans.candidates
        if not ans.answer_types or not ranked:
            continue  # untyped questions keep the overlap scoring
        phrase = norm(q["answer"])
        rows, labels = [], []
        for u in ranked:
            text = norm((u.lead.text if u.lead else "") + u.text)
            labels.append(gold_file(results[u.passage - 1].doc_path, q["gold"]) and phrase in text)
            rows.append([u.feats.get(k, 0.0) * (summarize.ASK_FACTOR if u.asks else 1.0) for k in NAMES])
        if any(labels):
            out.append({"id": q["id"], "X": np.array(rows), "y": np.array(labels, dtype=bool)})
    return out


def top1(data: list[dict], v: np.ndarray, idx: list[int]) -> int:
    return int(sum(data[i]["y"][int(np.argmax(data[i]["X"] @ v))] for i in idx))


def fit(data: list[dict], idx: list[int], steps: int = 400, rate: float = 0.5) -> np.ndarray:
    """Conditional logit over the questions ``idx`` (conditional_logit.fit), L2 towards 0."""
    return conditional_logit.fit([(data[i]["X"], data[i]["y"]) for i in idx],
                                 np.zeros(data[idx[0]]["X"].shape[1]), L2, steps=steps, rate=rate)


def vector(weights: dict) -> np.ndarray:
    return np.array([weights.get(k, 0.0) for k in NAMES])


def show(name: str, v: np.ndarray) -> str:
    scale = v[0] if v[0] > 0 else 1.0
    return name + " {" + ", ".join(f"{k}: {x / scale:.2f}" for k, x in zip(NAMES, v, strict=True)) + "}"


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument("--natural", type=Path, nargs="+", default=[HERE / "natural_questions.jsonl"])
    ap.add_argument("--test", type=Path, help="a question set written apart: fit on --natural, count here")
    ap.add_argument("--passages", type=int, default=summarize.PASSAGES)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    index = Index(args.index)
    data = candidates(index, [q for p in args.natural for q in read(p)], args.passages)
    n = len(data)
    print(f"{n} typed questions with the answer phrase among the candidates")
    for k in (1, 2, 3, 5):
        print(f"  phrase in the best {k} (current scoring): {sum(bool(d['y'][:k].any()) for d in data)}")
    current, equal = vector(summarize.TYPED_WEIGHTS), vector({k: 1.0 for k in NAMES if k != "borrowed"})
    everyone = list(range(n))
    fitted_all = fit(data, everyone)
    print(f"  {show('current', current)}: top 1 {top1(data, current, everyone)}")
    print(f"  {show('fitted on all', fitted_all)}: top 1 {top1(data, fitted_all, everyone)} (not held out)")
    rng = random.Random(1)
    got = {"current": 0, "equal": 0, "fitted": 0}
    for _ in range(args.repeats):
        order = list(everyone)
        rng.shuffle(order)
        for f in range(args.folds):
            held = order[f::args.folds]
            train = [i for i in order if i not in held]
            got["fitted"] += top1(data, fit(data, train), held)
            got["current"] += top1(data, current, held)
            got["equal"] += top1(data, equal, held)
    total = n * args.repeats
    print(f"{args.folds}-fold cross-validation x{args.repeats} (top 1 on the fold not fitted on, of {n}):")
    for name, c in got.items():
        print(f"  {name:8s} {c / args.repeats:5.1f}  ({c / total:.1%})")
    if args.test:
        test = candidates(index, read(args.test), args.passages)
        idx = list(range(len(test)))
        print(f"{args.test.name}: {len(test)} typed questions with the phrase among the candidates; top 1: "
              f"current {top1(test, current, idx)}, fitted on --natural {top1(test, fitted_all, idx)}, "
              f"equal {top1(test, equal, idx)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
