"""Read the summarizer's scoring weights off the natural question set (not a test).

For every question, the candidates (sentences, 号 items, table rows of the top
passages) are scored as the summarizer does and labelled: does the candidate
hold the answer phrase, in a gold file? The script prints

* how often the phrase is in the best candidate, in the best two, three, five
  (what showing a close second is worth), over the questions whose phrase is
  among the candidates at all;
* a coordinate search over each typed-question weight (``TYPED_WEIGHTS``) for
  the most questions answered by the best candidate, on all questions and as a
  2-fold cross-validation repeated three times (fit on one half, count on the
  other), so a weight is changed only when it also helps questions it was not
  read from.

    PYTHONPATH=src .venv/bin/python benchmarks/answer_weights.py \\
        --index indexes/all [--natural benchmarks/natural_questions.jsonl] [--passages 10]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import numpy as np
from answer_eval import gold_file, norm

from reglens import summarize
from reglens.search import Index

HERE = Path(__file__).resolve().parent
GRID = [0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 3.0]


def candidates(index: Index, questions: list[dict], passages: int) -> list[dict]:
    """Per typed question: feature rows of its ranked candidates and their labels."""
    sm = summarize.Summarizer(index, spans=False)
    seen: dict = {}
    choose = sm._choose

    def spy(ranked, kinds, parts=1):
        seen["ranked"], seen["kinds"] = ranked, kinds
        return choose(ranked, kinds, parts)

    sm._choose = spy  # type: ignore[method-assign]
    out = []
    for q in questions:
        seen.clear()
        results = index.search(q["question"], top_k=passages)
        sm.answer_from(q["question"], results)
        if not seen.get("kinds") or not seen.get("ranked"):
            continue  # untyped questions keep the overlap scoring
        phrase = norm(q["answer"])
        rows, labels = [], []
        for u in seen["ranked"]:
            text = norm((u.lead.text if u.lead else "") + u.text)
            labels.append(gold_file(results[u.passage - 1].doc_path, q["gold"]) and phrase in text)
            rows.append([u.feats.get(k, 0.0) for k in NAMES])
        if any(labels):
            out.append({"id": q["id"], "X": np.array(rows), "y": np.array(labels)})
    return out


NAMES = list(summarize.TYPED_WEIGHTS)


def answered(data: list[dict], w: dict, idx: list[int]) -> int:
    v = np.array([w[k] for k in NAMES])
    return int(sum(data[i]["y"][int(np.argmax(data[i]["X"] @ v))] for i in idx))


def fit(data: list[dict], idx: list[int], start: dict) -> tuple[dict, int]:
    w, best = dict(start), answered(data, start, idx)
    for _ in range(3):
        for k in NAMES:
            if k == "lex":
                continue  # the scale
            for g in GRID:
                trial = {**w, k: g}
                got = answered(data, trial, idx)
                if got > best:
                    best, w = got, trial
    return w, best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument("--natural", type=Path, default=HERE / "natural_questions.jsonl")
    ap.add_argument("--passages", type=int, default=summarize.PASSAGES)
    args = ap.parse_args()
    questions = [json.loads(line) for line in args.natural.read_text(encoding="utf-8").splitlines() if line.strip()]
    data = candidates(Index(args.index), questions, args.passages)
    n = len(data)
    print(f"{n} typed questions with the answer phrase among the candidates")
    for k in (1, 2, 3, 5):
        print(f"  phrase in the best {k}: {sum(bool(d['y'][:k].any()) for d in data)}")
    everyone = list(range(n))
    base = dict(summarize.TYPED_WEIGHTS)
    print(f"current weights {base}: best candidate holds the phrase for {answered(data, base, everyone)}")
    w, got = fit(data, everyone, base)
    print(f"fitted on all: {got} with {w}")
    rng = random.Random(1)
    for rep in range(3):
        rng.shuffle(everyone)
        a, b = everyone[: n // 2], everyone[n // 2:]
        wa, _ = fit(data, a, base)
        wb, _ = fit(data, b, base)
        print(f"2-fold CV {rep}: current {answered(data, base, everyone)}, "
              f"fitted on the other half {answered(data, wa, b) + answered(data, wb, a)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
