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

``--blend 0,0.25,0.5,0.75,1`` (round 9): score = (1 − λ)·hand-set + λ·learned, one table
(``blended``); λ chosen by nested leave-one-set-out (for each held-out set on the other sets
only: ``--lambda-by top1`` the ranking's top-1 there, ``held`` the answers end to end), the
calibration refitted on the other sets; printed per set for hand-set, learned and blend, out of
sample and in sample, and lawqa with the blend chosen on all natural sets.

``--kinds plain,english`` (round 10): the blend ranks only questions of these kinds
(``query.question_kind``); the others keep the hand-set tables and the shipped calibration, on
every set and on lawqa (whose questions are nearly all 'statute').

``--loso "all:0.1;all:1;hand+meaning:0.1" --typed-only`` (round 12): every ranking left one of N sets
out — hand-set, the shipped blend as is, its round-10 protocol refitted without the set, and each
variant (features:L2[:k]) refitted on the other sets with its λ chosen by nested folds there — and
the held answers per set and summed; then each variant fitted on all sets, with its calibration.

Printed per set: answers holding the phrase (held), confident answers that are wrong, median
answer length, and how often the top-ranked candidate holds the phrase; hand-set vs learned.
The last lines are the tables fitted on all three sets (``summarize.UNIT_RANKING``) and their
calibration (``summarize.CALIBRATION``).

    PYTHONPATH=src .venv/bin/python benchmarks/unit_ranker.py --index-all indexes/all \\
        --index-laws indexes/laws --natural benchmarks/natural_questions.jsonl \\
        benchmarks/natural_questions_dev2.jsonl benchmarks/natural_questions_dev3.jsonl \\
        --search-cache .scache [--l2 1.0] [--features hand|all] [--blend 0,0.25,0.5,0.75,1]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import statistics
import sys
from pathlib import Path

import conditional_logit
import numpy as np
from answer_calibrate import Model
from answer_eval import cache_search, gold_file, lawqa, natural, norm, set_constant

from reglens import summarize
from reglens.evaluate import read_questions
from reglens.query import analyse, question_kind
from reglens.search import Index

HERE = Path(__file__).resolve().parent
# the kinds of question a blend ranks (``--kinds``; empty: all)
APPLY_KINDS: tuple[str, ...] = ()
# ``--loso``: refit the verdict's calibration per fold (slow) or keep the shipped one
VERDICT = False
# the blend ranks only questions asking for a type of answer (``--typed-only``; the shipped
# BLENDED_RANKING's untyped table is empty: round 10)
TYPED_ONLY = False
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
            labels.append(gold_file(ans.passages[u.passage - 1].doc_path, q["gold"]) and phrase in text)
            # the summarizer scales a question the document asks after the weighted sum
            feats.append({k: v * (summarize.ASK_FACTOR if u.asks else 1.0) for k, v in u.feats.items()})
        out.append({"set": name, "id": q["id"], "typed": bool(ans.answer_types), "feats": feats,
                    "kind": question_kind(analyse(q["question"], index.names)), "y": np.array(labels, dtype=bool)})
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
        if ranking is None or not ranking.ranks(d.get("kind", ""), d["typed"]):
            # as the summarizer: a question of a kind the ranking leaves alone keeps the hand-set tables
            w = summarize.TYPED_WEIGHTS if d["typed"] else summarize.UNTYPED_WEIGHTS
        else:
            w = ranking.typed if d["typed"] else ranking.untyped
        s = [sum(w.get(k, 0.0) * v for k, v in f.items()) for f in d["feats"]]
        got += bool(d["y"][int(np.argmax(s))])
    return got


def blended(learned: summarize.UnitRanking, lam: float) -> summarize.UnitRanking | None:
    """score = (1 − λ)·hand-set + λ·learned, as one table (round 9).

    Both scores are weighted sums of the same features on one scale (the learned tables are
    rescaled so that the best unit's mean score on their training questions is the hand-set
    tables'), so the blend of the two scores is the blend of the two tables: the summarizer
    needs nothing new, and the weights land as one ``UnitRanking``. λ = 0 is the hand-set
    ranking itself (None). The blend ranks the questions of ``APPLY_KINDS`` (all when empty)."""
    if lam <= 0.0:
        return None
    tables = []
    for hand, learnt in ((summarize.TYPED_WEIGHTS, learned.typed), (summarize.UNTYPED_WEIGHTS, learned.untyped)):
        keys = sorted(set(hand) | set(learnt))
        tables.append({k: round((1.0 - lam) * hand.get(k, 0.0) + lam * learnt.get(k, 0.0), 4) for k in keys
                       if abs((1.0 - lam) * hand.get(k, 0.0) + lam * learnt.get(k, 0.0)) > 1e-6})
    return summarize.UnitRanking(typed=tables[0], untyped={} if TYPED_ONLY else tables[1], kinds=APPLY_KINDS)


_ANSWERED: dict[tuple[str, str], list[dict]] = {}


def answer_set(index: Index, questions: list[dict], name: str, ranking) -> list[dict]:
    """One set answered with ``ranking`` (None: hand-set), its detail lines; remembered per
    (ranking, set): the nested choice of λ asks for the same answers several times."""
    key = (repr(ranking and (sorted(ranking.typed.items()), sorted(ranking.untyped.items()), ranking.kinds)), name)
    if key not in _ANSWERED:
        summarize.UNIT_RANKING = ranking
        details: list[dict] = []
        # no PDF boxes: they are found on first use and change no figure here
        natural(index, questions, details, {"spans": False}, summarize.PASSAGES, None, name)
        summarize.UNIT_RANKING = None
        _ANSWERED[key] = details
    return _ANSWERED[key]


def choose_lambda(index: Index, sets: dict[str, list[dict]], rows: list[dict], train: list[str], features: dict,
                  l2: float, grid: list[float], by: str) -> tuple[float, dict[float, int]]:
    """λ chosen on the sets ``train`` alone: each of them ranked (``by`` "top1": questions whose
    top-ranked candidate holds the phrase, read off the rows) or answered end to end ("held":
    answers holding the phrase) with the blend of the hand-set tables and tables learned on the
    *other* training sets (nested: the set left out of the outer fold is never read); the best λ
    wins, a tie goes to the smaller λ (nearer the hand-set ranking, which was not read off these sets)."""
    score: dict[float, int] = {}
    inner = {s: learn([d for d in rows if d["set"] in train and d["set"] != s], features, l2, False) for s in train}
    for lam in grid:
        if by == "held":
            score[lam] = sum(sum(d["held"] for d in answer_set(index, sets[s], s, blended(inner[s], lam)))
                             for s in train)
        else:
            score[lam] = sum(top1([d for d in rows if d["set"] == s], blended(inner[s], lam)) for s in train)
    return min(grid, key=lambda x: (-score[x], x)), score


def run_blend(index: Index, sets: dict[str, list[dict]], rows: list[dict], features: dict, l2grid: list[float],
              grid: list[float], laws: Index | None, lawqa_questions: list[dict], by: str = "top1",
              in_sample_learned: bool = False) -> None:
    """Round 9: the hand-set and the learned ranking blended, λ chosen by nested leave-one-set-out.

    Out of sample, for each set S: the learned tables fitted on the other sets (their L2 chosen
    there), λ chosen on the other sets (``choose_lambda``), the calibration refitted on the other
    sets' answers under that blend; S answered and counted. In sample: tables, λ and calibration
    from all sets. lawqa: the in-sample blend of the natural sets (lawqa is out of sample)."""
    names = list(sets)

    def l2_for(part: list[dict]) -> float:
        return l2grid[0] if len(l2grid) == 1 else choose_l2(part, features, False, l2grid)

    def evaluate(ranking, name: str, train: list[str]) -> tuple[list[dict], list[bool]]:
        mine = answer_set(index, sets[name], name, ranking)
        others = [d for s in train for d in answer_set(index, sets[s], s, ranking)]
        return mine, verdict(mine, others)

    print(f"blend: score = (1 - lambda) * hand-set + lambda * learned, lambda from {grid}")
    rows_out = {}
    for name in names:
        train = [s for s in names if s != name]
        part = [d for d in rows if d["set"] in train]
        l2 = l2_for(part)
        learned = learn(part, features, l2, False)
        lam, held = choose_lambda(index, sets, rows, train, features, l2, grid, by)
        print(f"  without {name}: l2 {l2}; {by} on {train} (inner folds) by lambda: "
              + ", ".join(f"{k:g} {v}" for k, v in held.items()) + f" -> lambda {lam:g}")
        rows_out[name] = {
            "hand": evaluate(None, name, train),
            "learned": evaluate(learned, name, train),
            "blend": evaluate(blended(learned, lam), name, train)}
    l2 = l2_for(rows)
    learned_all = learn(rows, features, l2, False)
    # λ in sample: leave-one-set-out over all three (each set with the tables learned on the others)
    lam_all, held = choose_lambda(index, sets, rows, names, features, l2, grid, by)
    print(f"  on all: l2 {l2}; {by} by lambda (each set with tables learned on the others): "
          + ", ".join(f"{k:g} {v}" for k, v in held.items()) + f" -> lambda {lam_all:g}")
    blend_all = blended(learned_all, lam_all)
    print("per set: out of sample (tables, lambda and calibration fitted on the other sets) | in sample")
    for name in names:
        print(name)
        for label, ranking in (("hand", None), ("learned", learned_all), ("blend", blend_all)):
            print(f"  {label:8s} out: {figures(*rows_out[name][label])}")
            if ranking is None or label == "blend" or in_sample_learned:
                mine = answer_set(index, sets[name], name, ranking)
                everything = [d for s in names for d in answer_set(index, sets[s], s, ranking)]
                print(f"  {'':8s} in:  {figures(mine, verdict(mine, everything))}")
    model = Model([d for s in names for d in answer_set(index, sets[s], s, blend_all)],
                  ["evidence", "ctx", "meaning_rank"], ["meaning_rank"])
    print(f"blend fitted on all (lambda {lam_all:g}): {blend_all}")
    print("its calibration:\n  " + model.show())
    if laws is not None:
        for label, ranking in (("hand-set", None), (f"blend lambda {lam_all:g}", blend_all)):
            if ranking is not None:
                # its calibration travels with it: it reads only the answers it ranked
                full, words = calibration(model)
                summarize.UNIT_RANKING = dataclasses.replace(ranking, calibration=full, calibration_words=words)
            m = lawqa(laws, lawqa_questions, {}, passages=summarize.PASSAGES)
            summarize.UNIT_RANKING = None
            print(f"lawqa {label}: held {m['held']:.1%}  confident-wrong {m['confident_wrong']:.1%}  "
                  f"median {m['median_chars']:.0f} chars")


def parse_variant(spec: str) -> tuple[str, dict, list[float], bool]:
    """``FEATURES:L2[,L2…][:k]`` (``--loso``): the features (``all``, ``hand`` or the hand-set ones plus
    these, joined by +), the L2 grid (several: chosen by nested top-1 on the training sets) and ``k``:
    fit on the questions of ``APPLY_KINDS`` asking for a type only (the questions the blend ranks)."""
    parts = spec.split(":")
    name, l2s = parts[0], [float(x) for x in parts[1].split(",")]
    features = FEATURES.get(name) or {kind: HAND[kind] + name.split("+") for kind in HAND}
    return spec, features, l2s, len(parts) > 2 and parts[2] == "k"


def run_loso(index: Index, sets: dict[str, list[dict]], rows: list[dict], variants: list[str], grid: list[float],
             shipped_from: list[str], by: str) -> None:
    """Round 12: every ranking judged leaving one set out of N (fitted on the others, counted on it).

    Per set: the hand-set tables; the shipped blend as is (``summarize.BLENDED_RANKING``, read off
    ``shipped_from``: in sample on those, out of sample on the others); the shipped blend's own
    protocol refitted without the set, for the sets it was read off (tables as round 10: every
    feature, L2 0.1, λ ½, learned on the other sets of ``shipped_from``); and each variant refitted
    on the other N − 1 sets, its L2 and λ chosen by nested leave-one-set-out inside them (``by``:
    the ranking's top-1 there, or answers end to end). Answers holding the phrase count any shown
    answer, so they do not depend on the verdict; with ``VERDICT`` (``--loso-verdict``: three more
    sets answered per ranking and fold) the confident-wrong figure reads, for a question the
    ranking ranks, a calibration refitted on the training sets' answers under it (as the shipped
    blend's is), and the details' own verdict for the others; without, the verdict the answers
    were given (the shipped calibrations)."""
    names = list(sets)

    def ours(d: dict) -> bool:
        return (not APPLY_KINDS or d.get("kind") in APPLY_KINDS) and (d["typed"] or not TYPED_ONLY)

    def fitted(train: list[str], features: dict, l2s: list[float], kinds_only: bool) -> summarize.UnitRanking | None:
        part = [d for d in rows if d["set"] in train and (ours(d) or not kinds_only)]
        l2 = l2s[0] if len(l2s) == 1 else choose_l2(part, features, False, l2s)
        learned = learn(part, features, l2, False)
        lam, scores = choose_lambda(index, sets, part, train, features, l2, grid, by)
        print(f"    fit on {train}: l2 {l2}; {by} by lambda " + ", ".join(f"{k:g} {v}" for k, v in scores.items())
              + f" -> {lam:g}")
        return blended(learned, lam)

    def judged(ranking, name: str, train: list[str]) -> str:
        mine = answer_set(index, sets[name], name, ranking)
        if ranking is None or not VERDICT:
            return figures(mine)
        others = [d for s in train for d in answer_set(index, sets[s], s, ranking)]
        model = Model(others, ["evidence", "ctx", "meaning_rank"], ["meaning_rank"])
        sure = [model.chance(d) >= summarize.MIN_CONFIDENCE if ours(d) else not d["weak"] for d in mine]
        return figures(mine, sure)

    held: dict[str, dict[str, int]] = {}

    def count(label: str, name: str, ranking) -> None:
        held.setdefault(label, {})[name] = sum(d["held"] for d in answer_set(index, sets[name], name, ranking))

    table: dict[str, list[str]] = {name: [] for name in names}
    for name in names:
        train = [s for s in names if s != name]
        print(f"without {name}:")
        table[name].append(f"  {'hand-set':34s} {judged(None, name, train)}")
        count("hand-set", name, None)
        shipped = summarize.BLENDED_RANKING
        where = "in sample" if name in shipped_from else "out of sample"
        table[name].append(f"  {'shipped blend as is (' + where + ')':34s} "
                           f"{figures(answer_set(index, sets[name], name, shipped))}")
        count("shipped as is", name, shipped)
        if name in shipped_from:
            rest = [s for s in shipped_from if s != name]
            part = [d for d in rows if d["set"] in rest]
            redo = blended(learn(part, FEATURES["all"], 0.1, False), 0.5)
            table[name].append(f"  {'shipped protocol without it':34s} {judged(redo, name, rest)}")
            count("shipped, out of sample", name, redo)
        else:
            count("shipped, out of sample", name, shipped)
        for spec in variants:
            label, features, l2s, kinds_only = parse_variant(spec)
            ranking = fitted(train, features, l2s, kinds_only)
            table[name].append(f"  {label:34s} {judged(ranking, name, train)}")
            count(label, name, ranking)
    print("per set (held counts any shown answer; variants out of sample):")
    for name in names:
        print(name)
        print("\n".join(table[name]))
    print("answers holding the phrase, per set and summed:")
    for label, per in held.items():
        print(f"  {label:34s} " + " / ".join(str(per[n]) for n in names) + f"  sum {sum(per.values())}")
    for spec in variants:
        label, features, l2s, kinds_only = parse_variant(spec)
        print(f"{label} fitted on all {names} (in sample):")
        ranking = fitted(names, features, l2s, kinds_only)
        print(f"  {ranking}")
        everything = [d for s in names for d in answer_set(index, sets[s], s, ranking)]
        model = Model(everything, ["evidence", "ctx", "meaning_rank"], ["meaning_rank"])
        print("  its calibration: " + model.show())
        for name in names:
            print(f"  {name} in sample: {figures(answer_set(index, sets[name], name, ranking))} (verdict as shipped)")


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
    ap.add_argument("--blend", metavar="LAMBDAS",
                    help="round 9: blend the hand-set and the learned ranking, lambda chosen from these "
                         "(0,0.25,0.5,0.75,1) by nested leave-one-set-out, and report hand / learned / blend")
    ap.add_argument("--kinds", default="",
                    help="round 10: the blend ranks only these kinds of question (query.question_kind, "
                         "comma-separated: plain,english); the others keep the hand-set tables")
    ap.add_argument("--lambda-by", choices=["top1", "held"], default="top1",
                    help="what chooses lambda on the training sets: the top-ranked unit holding the phrase "
                         "(read off the rows, quick) or the answers holding it (end to end, slow)")
    ap.add_argument("--typed-only", action="store_true",
                    help="the blend ranks only questions asking for a type of answer (as BLENDED_RANKING)")
    ap.add_argument("--loso", metavar="VARIANTS",
                    help="round 12: leave one set out of all N for hand-set, the shipped blend and these refitted "
                         "blends, ';'-separated FEATURES:L2[,L2…][:k] (all:0.1;hand+meaning:1;all:0.1,1,3:k)")
    ap.add_argument("--loso-verdict", action="store_true",
                    help="--loso: refit the verdict per fold on the training sets' answers (slow)")
    ap.add_argument("--shipped-from", default="natural_questions,natural_questions_dev2,natural_questions_dev3",
                    help="the sets BLENDED_RANKING was read off (their file stems)")
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                    help="a constant, as answer_eval.py --set (answertype.VALUE_NOT_YESNO=0)")
    args = ap.parse_args()
    for setting in args.set:
        set_constant(setting)
    if args.search_cache:
        cache_search(args.search_cache)
    global APPLY_KINDS, TYPED_ONLY, VERDICT
    APPLY_KINDS = tuple(k for k in args.kinds.split(",") if k)
    TYPED_ONLY = args.typed_only
    VERDICT = args.loso_verdict
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

    if args.loso:
        run_loso(index, sets, rows, args.loso.split(";"), [float(x) for x in (args.blend or "0,0.5,1").split(",")],
                 args.shipped_from.split(","), args.lambda_by)
        return 0
    if args.blend:
        laws = Index(args.index_laws) if args.index_laws else None
        run_blend(index, sets, rows, features, grid, [float(x) for x in args.blend.split(",")], laws,
                  read_questions(args.lawqa) if laws else [], args.lambda_by)
        return 0
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
