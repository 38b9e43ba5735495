"""Learn the ranking of an answer's candidate units, and measure it out of sample (not a test).

The answer is one of the candidate units (sentences, 号 items, table rows) of the top
passages; which one comes first was decided by hand-set weights (``summarize.TYPED_WEIGHTS``,
``UNTYPED_WEIGHTS``). Here the weights are read off the dev sets instead:

* for every dev question, every candidate with the features the summarizer computes
  (``_Unit.feats``) and the label "this unit holds the answer phrase, in a gold file";
  questions with no such unit among the candidates teach nothing about the order and are
  left out of the fit (they still count in the figures);
* a conditional logit (softmax over each question's candidates), L2-regularized, weights kept
  non-negative (every feature is written as evidence *for* a unit: a fit that needs a feature
  against the answer is fitting noise on 300 questions), one table for questions of a type and
  one for the others, as the hand-set tables; then rescaled so that the best unit's mean score
  on the training questions equals the hand-set tables' (only the verdict's margin reads the
  scale; the answer is built from score ratios);
* measured end to end, the answer rebuilt with the fitted tables (``summarize.UNIT_RANKING``):
  **leave one set out** (fitted on two dev sets, counted on the third, the verdict's
  calibration also refitted on the two), lawqa with the tables fitted on the three natural
  sets, and in sample (fitted on all three) for the record.

Printed per set: answers holding the phrase (held), confident answers that are wrong, median
answer length, and how often the top-ranked candidate holds the phrase; hand-set vs learned.
The last lines are the tables fitted on all three sets (``summarize.UNIT_RANKING``) and their
calibration (``summarize.CALIBRATION``).

    PYTHONPATH=src .venv/bin/python benchmarks/unit_ranker.py --index-all indexes/all \\
        --index-laws indexes/laws --natural benchmarks/natural_questions.jsonl \\
        benchmarks/natural_questions_dev2.jsonl benchmarks/natural_questions_dev3.jsonl \\
        --search-cache .scache [--l2 1.0] [--features hand|all]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

import conditional_logit
import numpy as np
from answer_calibrate import Model
from answer_eval import cache_search, gold_file, lawqa, natural, norm

from reglens import summarize
from reglens.evaluate import read_questions
from reglens.search import Index

HERE = Path(__file__).resolve().parent
# the features of the hand-set tables, and those added in round 8 (summarize: ``_Unit.feats``)
HAND = {"typed": ["lex", "ctx", "typed", "rank", "first", "cited", "cond", "focus", "defines", "listed", "doc"],
        "untyped": ["lex", "rank", "first", "cited"]}
NEW = ["section", "plocal", "pos", "short", "item", "meaning", "local", "rare", "proviso"]
FEATURES = {"hand": HAND,
            "all": {"typed": HAND["typed"] + NEW, "untyped": HAND["untyped"] + ["ctx", "focus", "cond", *NEW]}}


def candidates(index: Index, questions: list[dict], name: str, passages: int) -> list[dict]:
    """Per question: its candidates' features (all of them) and labels, in the summarizer's order."""
    sm = summarize.Summarizer(index, spans=False)
    sm.all_features = True
    out = []
    for q in questions:
        results = index.search(q["question"], top_k=passages)
        ans = sm.answer_from(q["question"], results)
        phrase = norm(q["answer"])
        feats, labels = [], []
        for u in ans.candidates:
            text = norm((u.lead.text if u.lead else "") + u.text)
            labels.append(gold_file(results[u.passage - 1].doc_path, q["gold"]) and phrase in text)
            # the summarizer scales a question the document asks after the weighted sum
            feats.append({k: v * (summarize.ASK_FACTOR if u.asks else 1.0) for k, v in u.feats.items()})
        out.append({"set": name, "id": q["id"], "typed": bool(ans.answer_types), "feats": feats,
                    "y": np.array(labels, dtype=bool)})
    return out


def design(rows: list[dict], names: list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
    return [(np.array([[f.get(k, 0.0) for k in names] for f in d["feats"]]).reshape(-1, len(names)), d["y"])
            for d in rows if d["y"].any() and not d["y"].all()]


def fit(data: list[tuple[np.ndarray, np.ndarray]], start: np.ndarray, l2: np.ndarray, low: np.ndarray,
        steps: int = 800) -> np.ndarray:
    """Conditional logit (conditional_logit.fit), pulled towards ``start`` and kept ≥ ``low``."""
    return conditional_logit.fit(data, start, l2, low, steps=steps, min_rate=1e-7)


def best_scores(rows: list[dict], weights: dict) -> list[float]:
    return [max(sum(weights.get(k, 0.0) * v for k, v in f.items()) for f in d["feats"]) for d in rows if d["feats"]]


def learn(rows: list[dict], features: dict, l2: float, prior: bool) -> summarize.UnitRanking:
    """The two tables fitted on ``rows``, each rescaled to the hand-set table's mean best score there.

    ``prior``: the hand-set table is the starting point and the L2 pulls towards it (score =
    a·hand-set score + Σ d_k·feature_k, the d_k kept small; the table is a·hand + d), so a feature
    moves the ranking away from the hand-set one only as far as the data insist; otherwise the
    weights start and are pulled towards 0, each at least 0."""
    tables = {}
    for kind, hand in (("typed", summarize.TYPED_WEIGHTS), ("untyped", summarize.UNTYPED_WEIGHTS)):
        part = [d for d in rows if d["typed"] == (kind == "typed")]
        names = sorted(set(features[kind]) | set(hand)) if prior else features[kind]
        data = design(part, names)
        k = len(names)
        if prior:
            h = np.array([hand.get(n, 0.0) for n in names])
            data = [(np.column_stack([X @ h, X]), y) for X, y in data]
            w = fit(data, np.r_[1.0, np.zeros(k)], np.r_[0.0, np.full(k, l2)], np.r_[0.0, np.full(k, -np.inf)])
            w = w[0] * h + w[1:]
        else:
            w = fit(data, np.full(k, 0.5), np.full(k, l2), np.zeros(k))
        table = {n: float(x) for n, x in zip(names, w, strict=True) if abs(x) > 1e-4}
        ours, theirs = best_scores(part, table), best_scores(part, hand)
        scale = statistics.fmean(theirs) / statistics.fmean(ours) if ours and statistics.fmean(ours) > 0 else 1.0
        tables[kind] = {n: round(v * scale, 3) for n, v in table.items()}
    return summarize.UnitRanking(typed=tables["typed"], untyped=tables["untyped"])


def choose_l2(rows: list[dict], features: dict, prior: bool, grid: list[float]) -> float:
    """The L2 that ranks best out of sample *within* ``rows``: each of its sets counted with the
    tables fitted on its other sets (nested: the set left out of the outer fold is never read);
    a tie goes to the stronger pull."""
    sets = list(dict.fromkeys(d["set"] for d in rows))
    score = {}
    for l2 in grid:
        score[l2] = sum(top1([d for d in rows if d["set"] == s],
                             learn([d for d in rows if d["set"] != s], features, l2, prior)) for s in sets)
    return max(grid, key=lambda x: (score[x], x))


def top1(rows: list[dict], ranking: summarize.UnitRanking | None) -> int:
    """Questions whose top-ranked candidate holds the phrase (the ranking's own figure)."""
    got = 0
    for d in rows:
        if not d["feats"]:
            continue
        if ranking is None:
            w = summarize.TYPED_WEIGHTS if d["typed"] else summarize.UNTYPED_WEIGHTS
        else:
            w = ranking.typed if d["typed"] else ranking.untyped
        s = [sum(w.get(k, 0.0) * v for k, v in f.items()) for f in d["feats"]]
        got += bool(d["y"][int(np.argmax(s))])
    return got


def answers(index: Index, sets: dict[str, list[dict]], ranking) -> list[dict]:
    """Every natural question answered with ``ranking`` (None: hand-set); their detail lines."""
    summarize.UNIT_RANKING = ranking
    details: list[dict] = []
    for name, questions in sets.items():
        natural(index, questions, details, {}, summarize.PASSAGES, None, name)
    summarize.UNIT_RANKING = None
    return details


def verdict(details: list[dict], fit_on: list[dict]) -> list[bool]:
    """Confident answers under a calibration fitted on ``fit_on`` (as summarize.CALIBRATION is)."""
    model = Model(fit_on, ["evidence", "ctx", "meaning_rank"], ["meaning_rank"])
    return [model.chance(d) >= summarize.MIN_CONFIDENCE for d in details]


def calibration(model: Model) -> tuple[dict, dict]:
    """``summarize.CALIBRATION`` and ``CALIBRATION_WORDS`` of a fitted model."""
    out = []
    for feats, wb in ((model.full, model.w_full), (model.words, model.w_words)):
        w, b = wb
        out.append({**{f: round(float(x), 3) for f, x in zip(feats, w, strict=True)}, "bias": round(float(b), 3)})
    return out[0], out[1]


def figures(details: list[dict], sure: list[bool] | None = None) -> str:
    n = len(details)
    held = sum(d["held"] for d in details)
    if sure is None:
        sure = [not d["weak"] for d in details]
    conf = sum(sure)
    wrong = sum(s and not d["held"] for s, d in zip(sure, details, strict=True))
    lengths = [d["length"] for d in details if d["length"]]
    second = sum("2nd-5th" in d["why"] for d in details)
    below = sum("below 5th" in d["why"] for d in details)
    return (f"held {held:3d}/{n} {held / n:5.1%}  confident-wrong {wrong:2d}/{conf:2d} "
            f"{wrong / max(conf, 1):5.1%}  median {statistics.median(lengths) if lengths else 0:.0f} chars  "
            f"right unit 2nd-5th {second:2d}, below 5th {below:2d}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index-all", type=Path, required=True)
    ap.add_argument("--index-laws", type=Path)
    ap.add_argument("--natural", type=Path, nargs="+", required=True)
    ap.add_argument("--lawqa", type=Path, default=HERE.parents[1] / "shared" / "eval" / "lawqa_dev.jsonl")
    ap.add_argument("--search-cache", type=Path, metavar="DIR")
    ap.add_argument("--l2", default="0.1,0.3,1,3",
                    help="L2 on the summed log-likelihood; several: chosen per fit by leaving one of its sets out")
    ap.add_argument("--prior", action="store_true",
                    help="start from the hand-set tables and pull towards them (else towards 0, weights >= 0)")
    ap.add_argument("--features", default="all",
                    help="hand (the hand-set tables' features), all (and every round-8 one), or the hand-set "
                         "features and these, comma-separated (meaning,short)")
    ap.add_argument("--rows", type=Path, help="keep the candidates' features here (JSON lines) and reuse them "
                    "(delete after the summarizer's features change)")
    ap.add_argument("--lawqa-only", action="store_true",
                    help="end to end only on lawqa (the tables fitted on all natural sets and their calibration)")
    ap.add_argument("--no-answers", action="store_true", help="only the rankings' top-1 counts (quick)")
    args = ap.parse_args()
    if args.search_cache:
        cache_search(args.search_cache)
    features = FEATURES.get(args.features) or {kind: HAND[kind] + args.features.split(",") for kind in HAND}
    index = Index(args.index_all)
    sets = {p.stem: read_questions(p) for p in args.natural}
    if args.rows and args.rows.exists():
        rows = [{**d, "y": np.array(d["y"], dtype=bool)}
                for d in map(json.loads, args.rows.read_text(encoding="utf-8").splitlines())]
    else:
        rows = [r for name, qs in sets.items() for r in candidates(index, qs, name, summarize.PASSAGES)]
        if args.rows:
            args.rows.write_text("".join(json.dumps({**d, "y": d["y"].tolist()}, ensure_ascii=False) + "\n"
                                         for d in rows), encoding="utf-8")
    names = list(sets)
    print(f"features {args.features}: typed {features['typed']}; untyped {features['untyped']}; l2 {args.l2}, "
          f"{'pulled towards the hand-set tables' if args.prior else 'pulled towards 0'}")
    for name in names:
        part = [d for d in rows if d["set"] == name]
        usable = sum(bool(d["y"].any()) for d in part)
        print(f"{name}: {len(part)} questions, {usable} with a unit holding the phrase among the candidates "
              f"({sum(d['typed'] for d in part if d['y'].any())} typed)")
    grid = [float(x) for x in args.l2.split(",")]

    def tables(part: list[dict]) -> summarize.UnitRanking:
        l2 = grid[0] if len(grid) == 1 else choose_l2(part, features, args.prior, grid)
        print(f"  l2 {l2} for the fit on {sorted(set(d['set'] for d in part))}")
        return learn(part, features, l2, args.prior)

    folds = {name: tables([d for d in rows if d["set"] != name]) for name in names}
    everything = tables(rows)
    print("top-ranked candidate holds the phrase (questions): hand-set / left-out fit / fitted on all")
    for name in names:
        part = [d for d in rows if d["set"] == name]
        print(f"  {name}: {top1(part, None)} / {top1(part, folds[name])} / {top1(part, everything)}")
    for name in names:
        print(f"  fitted without {name}: {folds[name]}")
    print(f"  fitted on all: {everything}")
    if args.no_answers:
        return 0
    learned_all = answers(index, sets, everything)
    print("answers end to end, per set (verdict: CALIBRATION refitted as noted)")
    shown = [] if args.lawqa_only else names
    hand = answers(index, sets, None) if shown else []
    left_out = {n: answers(index, sets, folds[n]) for n in shown}
    for name in shown:
        mine = [d for d in hand if d["set"] == name]
        others = [d for d in hand if d["set"] != name]
        print(f"{name}")
        print(f"  hand-set, verdict as shipped (calibrated on all three):  {figures(mine)}")
        print(f"  hand-set, calibration fitted on the other two:           {figures(mine, verdict(mine, others))}")
        lo = left_out[name]
        mine, others = [d for d in lo if d["set"] == name], [d for d in lo if d["set"] != name]
        print(f"  learned on the other two, calibration too (out of sample): {figures(mine, verdict(mine, others))}")
        mine = [d for d in learned_all if d["set"] == name]
        print(f"  learned on all three, calibration too (in sample):     "
              f"{figures(mine, verdict(mine, learned_all))}")
    model = Model(learned_all, ["evidence", "ctx", "meaning_rank"], ["meaning_rank"])
    print("calibration for the tables fitted on all three (summarize.CALIBRATION):\n  " + model.show())
    if args.index_laws:
        laws = Index(args.index_laws)
        questions = read_questions(args.lawqa)
        before = lawqa(laws, questions, {}, passages=summarize.PASSAGES)
        # the tables and their calibration fitted on the natural sets: lawqa is out of sample
        shipped = summarize.CALIBRATION, summarize.CALIBRATION_WORDS
        summarize.UNIT_RANKING = everything
        summarize.CALIBRATION, summarize.CALIBRATION_WORDS = calibration(model)
        after = lawqa(laws, questions, {}, passages=summarize.PASSAGES)
        summarize.UNIT_RANKING = None
        summarize.CALIBRATION, summarize.CALIBRATION_WORDS = shipped
        for label, m in (("hand-set", before), ("learned on the natural sets", after)):
            print(f"lawqa {label}: held {m['held']:.1%}  confident-wrong {m['confident_wrong']:.1%}  "
                  f"median {m['median_chars']:.0f} chars")
    return 0


if __name__ == "__main__":
    sys.exit(main())
