"""A fusion learned from the signals, measured leave-one-set-out (not a test).

Search adds up reciprocal ranks (BM25, dense, windows) and a dozen hand-set boosts. Each of those
is a feature of a candidate passage (``Index.candidates(..., traced=True)``: what each step added,
in units of one first place), with two more the hand-set sum does not use: the share of the
question's IDF weight the passage holds, and its BM25 score relative to the best. A linear score
over them is fitted for "this passage is gold" (lawqa: a gold article; natural sets: a gold page of
a gold file) by a listwise softmax over each question's ``TOP`` best candidates (numpy, L2 towards
the hand-set weights), which then re-ranks those candidates; results are assembled as search does
(one per provision, cited articles first, the dense slot).

LEAVE-ONE-SET-OUT: fit on three of {lawqa, dev, dev2, dev3}, score the fourth. The strength of the
L2 pull is chosen inside the three training sets (the same leave-one-out among them), so the
scored set is never seen. ``--order K`` keeps the hand-set results and lets the learned score only
order their first K (after cited articles): Hit@K cannot move, first places can. ``--by-kind`` fits one
weight vector per kind of question (``query.question_kind``: english, statute, plain), each on that kind's
questions of the training sets only, and prints how many questions of each set fall into each kind. Prints, per set,
the hand-set fusion, the learned one in sample (fit on all four) and out of sample, then the weights
fitted on all four.

    PYTHONPATH=src .venv/bin/python benchmarks/learned_fusion.py --index-laws indexes/laws --index-all indexes/all \\
        --natural benchmarks/natural_questions.jsonl benchmarks/natural_questions_dev2.jsonl \\
                  benchmarks/natural_questions_dev3.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from reglens.evaluate import found_articles, read_questions, scorable  # noqa: E402
from reglens.query import KINDS, analyse, question_kind  # noqa: E402
from reglens.search import RRF_K, Candidates, Index  # noqa: E402

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[0].parent / "shared"
# the steps of the fusion (Candidates.parts), each a feature; the hand-set fusion is their plain sum
STEPS = ("lexical", "subject", "dense", "references", "delegation", "definition", "meaning", "law",
         "windows", "title", "document meaning", "overview", "coordination")
# features the hand-set sum gives no weight
EXTRA = ("held share", "bm25 relative")
FEATURES = STEPS + EXTRA
HAND = np.array([1.0] * len(STEPS) + [0.0] * len(EXTRA))
FREE = np.ones(len(FEATURES), dtype=bool)  # the weights fitted; the rest stay hand-set (``--fit``)
ORDER = [0]  # ``--order K``: the learned score only orders the hand-set fusion's first K results
STEPS_FIT = 1500
TOP = 100  # candidates re-ranked per question (by the hand-set score)
LAMBDAS = (0.0, 1.0, 10.0, 100.0)  # L2 pulls towards the hand-set weights, chosen inside the training sets


@dataclass
class Question:
    found: Candidates
    rows: np.ndarray  # the TOP candidates, best hand-set first
    x: np.ndarray  # their features
    gold: np.ndarray  # bool per row
    is_gold: object  # results -> rank of the first gold (1-based) or None
    kind: str = "plain"  # query.question_kind: english, statute, plain


def features(index: Index, found: Candidates, rows: np.ndarray) -> np.ndarray:
    parts = found.parts or {}
    x = np.zeros((len(rows), len(FEATURES)))
    for k, step in enumerate(STEPS):
        got = parts.get(step, {})
        x[:, k] = [got.get(int(i), 0.0) * (RRF_K + 1) for i in rows]  # one first place = 1
    x[:, len(STEPS)] = index.held_shares(found.terms, rows)
    top = float(found.bm.max()) or 1.0
    x[:, len(STEPS) + 1] = found.bm[rows] / top
    return x


def to_json(index: Index, found: Candidates) -> dict:
    """What assembling and the features read of a question's candidates (the BM25 scores of the
    candidates and of their articles' other parts only), for ``--cache``: no pickle."""
    rows = set(found.fused) | set(found.dense) | set(found.cited_rows)
    for i in list(rows):
        if index._key_of[i]:
            rows.update(index.catalog.passages(index.catalog.title_of(index._doc_of[i]), index._key_of[i]))
    def pairs(d: dict) -> list:
        return [[int(i), float(v)] for i, v in d.items()]
    return {"fused": pairs(found.fused), "bm": [[int(i), float(found.bm[i])] for i in sorted(rows) if found.bm[i]],
            "dense": [[int(i), int(r)] for i, r in found.dense.items()],
            "cited_rows": [int(i) for i in found.cited_rows],
            "by_paragraph": sorted(int(i) for i in found.by_paragraph),
            "terms": found.terms, "dense_weight": float(found.dense_weight),
            "window_weight": float(found.window_weight), "meaning": pairs(found.meaning),
            "parts": {k: pairs(v) for k, v in (found.parts or {}).items()}}


def from_json(index: Index, d: dict) -> Candidates:
    bm = np.zeros(len(index.chunks))
    for i, s in d["bm"]:
        bm[i] = s
    return Candidates({i: s for i, s in d["fused"]}, bm, {i: r for i, r in d["dense"]}, d["cited_rows"],
                      set(d["by_paragraph"]), d["terms"], d["dense_weight"], d["window_weight"],
                      {i: s for i, s in d["meaning"]}, {k: {i: s for i, s in v} for k, v in d["parts"].items()})


class Searcher:
    """Traced candidates of each question, from a JSON-lines cache when one was written (``--cache``)."""

    def __init__(self, index: Index, cache: Path | None):
        self.index, self.cache = index, cache
        self.saved: dict[str, dict] = {}
        if cache and cache.exists():
            for line in cache.read_text(encoding="utf-8").splitlines():
                d = json.loads(line)
                self.saved[d["question"]] = d["found"]
        self.new: list[str] = []

    def __call__(self, text: str) -> Candidates | None:
        if text in self.saved:
            d = self.saved[text]
            return from_json(self.index, d) if d else None
        found = self.index.candidates(text, traced=True)
        d = to_json(self.index, found) if found is not None else None
        self.saved[text] = d or {}
        self.new.append(json.dumps({"question": text, "found": d or {}}, ensure_ascii=False))
        return found

    def save(self) -> None:
        if self.cache and self.new:
            self.cache.parent.mkdir(parents=True, exist_ok=True)
            with self.cache.open("a", encoding="utf-8") as f:
                f.write("".join(line + "\n" for line in self.new))
            self.new = []


def collect(index: Index, search: Searcher, text: str, gold_row, rank_of) -> Question | None:
    found = search(text)
    if found is None or not found.fused:
        return None
    rows = np.array(sorted(found.fused, key=lambda i: -found.fused[i])[:TOP], dtype=np.int64)
    return Question(found, rows, features(index, found, rows), np.array([gold_row(int(i)) for i in rows]), rank_of,
                    question_kind(analyse(text, index.names)))


def lawqa_questions(index: Index, search: Searcher, path: Path) -> list[Question]:
    out = []
    for q, gold in scorable(index, read_questions(path)):
        gold_set = set(gold)

        def gold_row(i: int, gold_set=gold_set) -> bool:
            return (index.catalog.title_of(index._doc_of[i]), index._key_of[i]) in gold_set

        def rank_of(results, gold_set=gold_set) -> int | None:
            found = found_articles(results)
            ranks = [k + 1 for k, f in enumerate(found) if f in gold_set]
            return min(ranks) if ranks else None
        got = collect(index, search, q["question"], gold_row, rank_of)
        if got is not None:
            out.append(got)
    return out


def natural_questions(index: Index, search: Searcher, path: Path) -> list[Question]:
    names = {d: Path(doc["path"]).name for d, doc in index.documents.items()}
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        q = json.loads(line)
        gold = {(Path(g["file"]).name, g["page"]) for g in q["gold"]}

        def gold_row(i: int, gold=gold) -> bool:
            return any((names[index._doc_of[i]], p + 1) in gold for p in index.chunks[i]["pages"])

        def rank_of(results, gold=gold) -> int | None:
            for k, r in enumerate(results):
                if any((Path(r.doc_path or index.documents[r.chunk["doc_id"]]["path"]).name, p + 1) in gold
                       for p in r.chunk["pages"]):
                    return k + 1
            return None
        got = collect(index, search, q["question"], gold_row, rank_of)
        if got is not None:
            out.append(got)
        else:  # nothing found: a miss under any fusion
            out.append(Question(Candidates({}, np.zeros(1), {}, [], set(), [], 0.0, 0.0, {}, {}), np.zeros(0, np.int64),
                                np.zeros((0, len(FEATURES))), np.zeros(0, bool), lambda results: None,
                                question_kind(analyse(q["question"], index.names))))
    return out


def fit(questions: list[Question], lam: float, scale: float, steps: int = STEPS_FIT) -> np.ndarray:
    """Weights maximising each question's softmax probability of its gold candidates, with
    ``lam``·‖w − HAND‖² (Adam), for features times ``scale`` (the hand-set weights' best temperature,
    so that the pull is towards the hand-set fusion as it stands); questions without a gold candidate
    carry no signal. Returned in the features' own units."""
    qs = [q for q in questions if q.gold.any() and not q.gold.all()]
    prior = HAND
    if not qs:
        return prior * scale
    x = scale * np.concatenate([q.x for q in qs])
    g = np.concatenate([q.gold for q in qs]).astype(float)
    seg = np.repeat(np.arange(len(qs)), [len(q.rows) for q in qs])
    starts = np.r_[0, np.cumsum([len(q.rows) for q in qs])[:-1]]
    w = prior.copy()
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    lr = 0.02
    for t in range(1, steps + 1):
        s = x @ w
        s = s - np.maximum.reduceat(s, starts)[seg]
        e = np.exp(s)
        p = e / np.add.reduceat(e, starts)[seg]
        eg = e * g
        pg = eg / np.add.reduceat(eg, starts)[seg]
        grad = ((p - pg)[:, None] * x).sum(axis=0) / len(qs) + 2 * lam * (w - prior) / len(qs)
        grad[~FREE] = 0.0
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad ** 2
        w -= lr * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
    return w * scale


def temperature(questions: list[Question]) -> float:
    """The scale of the hand-set weights that fits the training sets best (the prior's length)."""
    best, loss_best = 1.0, np.inf
    for c in (1, 2, 4, 8, 16, 32, 64):
        loss = 0.0
        for q in questions:
            if not q.gold.any() or q.gold.all():
                continue
            s = c * (q.x @ HAND)
            s = s - s.max()
            loss -= np.log(np.exp(s[q.gold]).sum() / np.exp(s).sum())
        if loss < loss_best:
            best, loss_best = c, loss
    return float(best)


def ranks(index: Index, questions: list[Question], weights: np.ndarray | dict[str, np.ndarray] | None
          ) -> list[int | None]:
    """Rank of the first gold per question, the candidates scored by ``weights`` (one vector, or one per
    kind of question; None: the hand-set fusion as search does it)."""
    out = []
    for q in questions:
        if not q.rows.size:
            out.append(None)
            continue
        w = weights.get(q.kind) if isinstance(weights, dict) else weights
        scores = None
        if w is not None and not ORDER[0]:  # the TOP candidates by the learned score, the rest below them as before
            learned = q.x @ w
            floor = float(learned.min()) - 1.0
            scores = {i: floor - 1.0 + s / 1e3 for i, s in q.found.fused.items()}
            scores.update({int(i): float(s) for i, s in zip(q.rows, learned, strict=True)})
        results = index.assemble(q.found, 10, scores)
        if w is not None and ORDER[0]:
            results = reorder(index, q, results, w, ORDER[0])
        out.append(q.is_gold(results))
    return out


def reorder(index: Index, q: Question, results: list, w: np.ndarray, k: int) -> list:
    """The hand-set fusion's results, those in its first ``k`` places after the cited articles in the
    order of the learned score (a provision's best part): what is shown stays, only its order changes."""
    learned = dict(zip(q.rows.tolist(), (q.x @ w).tolist(), strict=True))

    def score(r) -> float:
        row = int(r.chunk["id"])
        key = index._key_of[row]
        rows = index.catalog.passages(index.catalog.title_of(index._doc_of[row]), key) if key else [row]
        return max((learned.get(x, -np.inf) for x in rows if index._doc_of[x] == index._doc_of[row]),
                   default=-np.inf)
    cited = [r for r in results if r.reason == "citation"]
    rest = [r for r in results if r.reason != "citation"]
    k = max(0, k - len(cited))  # the first K places, cited articles included: Hit@K stays
    head = sorted(rest[:k], key=lambda r: -score(r))  # stable: ties keep the hand-set order
    return cited + head + rest[k:]


def metrics(rs: list[int | None]) -> dict[str, float]:
    n = len(rs) or 1
    return {"hit@1": sum(1 for r in rs if r and r <= 1) / n, "hit@5": sum(1 for r in rs if r and r <= 5) / n,
            "mrr@10": sum(1.0 / r for r in rs if r and r <= 10) / n}


def choose(sets: dict[str, tuple[Index, list[Question]]], names: list[str]) -> tuple[np.ndarray, float]:
    """Fit on ``names``, with the L2 pull chosen by leave-one-out among them (Hit@5 + MRR summed)."""
    pooled = [q for n in names for q in sets[n][1]]
    best_lam, best_score = LAMBDAS[-1], -np.inf
    for lam in LAMBDAS:
        score = 0.0
        for held in names:
            rest = [q for n in names if n != held for q in sets[n][1]]
            w = fit(rest, lam, temperature(rest))
            m = metrics(ranks(sets[held][0], sets[held][1], w))
            score += m["hit@5"] + m["mrr@10"]
        if score > best_score:
            best_lam, best_score = lam, score
    return fit(pooled, best_lam, temperature(pooled)), best_lam


def choose_by_kind(sets: dict[str, tuple[Index, list[Question]]], names: list[str]
                   ) -> tuple[dict[str, np.ndarray], dict[str, float]]:
    """Weights per kind of question, each fitted on that kind's questions of ``names`` only, its L2
    pull chosen by leave-one-set-out among the sets that have questions of that kind (the strongest
    pull when only one has: nothing can choose it)."""
    out, lams = {}, {}
    for kind in KINDS:
        sub = {n: (sets[n][0], [q for q in sets[n][1] if q.kind == kind]) for n in names}
        have = [n for n in names if any(q.gold.any() and not q.gold.all() for q in sub[n][1])]
        if len(have) >= 2:
            out[kind], lams[kind] = choose(sub, have)
        elif have:
            pooled = sub[have[0]][1]
            out[kind], lams[kind] = fit(pooled, LAMBDAS[-1], temperature(pooled)), LAMBDAS[-1]
    return out, lams


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index-laws", required=True)
    ap.add_argument("--index-all", required=True)
    ap.add_argument("--lawqa", default=str(SHARED / "eval" / "lawqa_dev.jsonl"))
    ap.add_argument("--natural", nargs="+", required=True)
    ap.add_argument("--cache", type=Path, help="a folder for each set's traced candidates (JSON lines), reused "
                                               "by the next run: a new folder whenever an index or search changes")
    ap.add_argument("--fit", nargs="+", choices=FEATURES, metavar="FEATURE",
                    help="fit only these weights (the rest stay hand-set); default: all of " + ", ".join(FEATURES))
    ap.add_argument("--by-kind", action="store_true",
                    help="one set of weights per kind of question (query.question_kind): english, statute, plain")
    ap.add_argument("--order", type=int, default=0, metavar="K",
                    help="keep the hand-set results; the learned score only orders their first K")
    args = ap.parse_args()
    ORDER[0] = args.order
    if args.fit:
        FREE[:] = [f in args.fit for f in FEATURES]
    laws, every = Index(Path(args.index_laws)), Index(Path(args.index_all))

    def searcher(index: Index, name: str) -> Searcher:
        return Searcher(index, args.cache / f"{name}.jsonl" if args.cache else None)
    search = searcher(laws, "lawqa")
    sets: dict[str, tuple[Index, list[Question]]] = {"lawqa": (laws, lawqa_questions(laws, search, Path(args.lawqa)))}
    search.save()
    for f in args.natural:
        name = Path(f).stem.removeprefix("natural_questions").strip("_") or "dev"
        search = searcher(every, name)
        sets[name] = (every, natural_questions(every, search, Path(f)))
        search.save()
    names = list(sets)
    for name in names:  # the traced parts add up to the fused score: the hand-set fusion is their sum
        for q in sets[name][1]:
            if q.rows.size:
                assert np.allclose(q.x @ HAND / (RRF_K + 1), [q.found.fused[int(i)] for i in q.rows]), name
    hand = {n: metrics(ranks(*sets[n], None)) for n in names}
    print("questions: " + ", ".join(f"{n} {len(sets[n][1])}" for n in names) + f"; top {TOP} candidates re-ranked")
    print("kinds (query.question_kind): " + "; ".join(
        n + " " + " / ".join(f"{k} {sum(q.kind == k for q in sets[n][1])}" for k in KINDS) for n in names))
    if args.by_kind:
        by_kind(sets, names, hand)
        return
    w_all, lam_all = choose(sets, names)
    inside = {n: metrics(ranks(*sets[n], w_all)) for n in names}
    outside, lams = {}, {}
    for held in names:
        w, lams[held] = choose(sets, [n for n in names if n != held])
        outside[held] = metrics(ranks(*sets[held], w))
    print(f"{'set':<8}{'':>3}{'hand-set':>24}{'learned, in sample':>26}{'learned, out of sample':>28}   L2")
    print(f"{'':<11}" + "   Hit@1  Hit@5 MRR@10" * 3)
    for n in names:
        row = "".join(f"   {m['hit@1']:.3f}  {m['hit@5']:.3f}  {m['mrr@10']:.3f}"
                      for m in (hand[n], inside[n], outside[n]))
        print(f"{n:<11}{row}   {lams[n]:g}")
    tot = {k: sum(d[n]["hit@5"] * len(sets[n][1]) for n in names) for k, d in
           (("hand", hand), ("in", inside), ("out", outside))}
    print("Hit@5 questions summed over the sets: hand-set {hand:.0f}, learned in sample {in:.0f}, "
          "out of sample {out:.0f}".format(**tot))
    pooled = [q for n in names for q in sets[n][1]]
    free = fit(pooled, 0.0, temperature(pooled))
    print(f"weights fitted on all four, relative to the lexical ranking's (hand-set: 1 for each step, 0 for the "
          f"extra features): chosen L2 {lam_all:g}, and none")
    for f, wk, fk in zip(FEATURES, w_all, free, strict=True):
        print(f"  {f:<16}{wk / (w_all[0] or 1.0):>8.2f}{fk / (free[0] or 1.0):>8.2f}")


def by_kind(sets: dict[str, tuple[Index, list[Question]]], names: list[str], hand: dict) -> None:
    """The fusion conditioned on the kind of question: hand-set, in sample, leave-one-set-out; then per
    kind, Hit@5 questions of each set and the weights fitted on all four."""
    w_all, lam_all = choose_by_kind(sets, names)
    inside = {n: metrics(ranks(*sets[n], w_all)) for n in names}
    outside, held_w = {}, {}
    for held in names:
        held_w[held], _ = choose_by_kind(sets, [n for n in names if n != held])
        outside[held] = metrics(ranks(*sets[held], held_w[held]))
    print(f"{'set':<8}{'':>3}{'hand-set':>24}{'by kind, in sample':>26}{'by kind, out of sample':>28}")
    print(f"{'':<11}" + "   Hit@1  Hit@5 MRR@10" * 3)
    for n in names:
        print(f"{n:<11}" + "".join(f"   {m['hit@1']:.3f}  {m['hit@5']:.3f}  {m['mrr@10']:.3f}"
                                    for m in (hand[n], inside[n], outside[n])))
    tot = {k: sum(d[n]["hit@5"] * len(sets[n][1]) for n in names) for k, d in
           (("hand", hand), ("in", inside), ("out", outside))}
    print("Hit@5 questions summed over the sets: hand-set {hand:.0f}, by kind in sample {in:.0f}, "
          "out of sample {out:.0f}".format(**tot))
    print("top-5 questions per kind and set, hand-set → out of sample:")
    for kind in KINDS:
        cells = []
        for n in names:
            qs = [q for q in sets[n][1] if q.kind == kind]
            if not qs:
                continue
            h = sum(1 for r in ranks(sets[n][0], qs, None) if r and r <= 5)
            o = sum(1 for r in ranks(sets[n][0], qs, held_w[n]) if r and r <= 5)
            cells.append(f"{n} {h}→{o} of {len(qs)}")
        print(f"  {kind:<9}" + ", ".join(cells))
    print("weights per kind fitted on all four, relative to the lexical ranking's (hand-set: 1 each, extras 0; L2 "
          + ", ".join(f"{k} {lam_all[k]:g}" for k in w_all) + ")")
    print(f"  {'':<16}" + "".join(f"{k:>9}" for k in w_all))
    for j, f in enumerate(FEATURES):
        print(f"  {f:<16}" + "".join(f"{w_all[k][j] / (w_all[k][0] or 1.0):>9.2f}" for k in w_all))


if __name__ == "__main__":
    main()
