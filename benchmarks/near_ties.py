"""lawqa near ties: why the article ranked first beat the gold (not a test).

For each lawqa dev question (with a topic) whose first gold article is ranked 2nd–10th, prints
the first five results and the gold with what each step of the fusion added to them
(``Index.candidates(traced=True)``, in units of one first place), their BM25 rank and score and
their dense rank, and puts the question in the first class that applies to the result ranked
first against the gold:

* order vs law — the first and the gold are of one law's family: an act and its 施行令 / 施行規則 /
  府令, or two orders under one act (the catalog's parents and orders, as the build read them);
* definition — the first is the definitions article of its law (第2条, or one that defines DEFINES
  terms or more in the legal graph) and the gold is not;
* neighbour — the same law, an article at most NEIGHBOUR articles away in printed order;
* same law — the same law, an article further away;
* split gold — the gold article is split into parts and its best-scored part is not its first
  (the question is about a paragraph under it; the article's opening holds other words);
* other words — another law's article holds the question's words.

    PYTHONPATH=src .venv/bin/python benchmarks/near_ties.py --index-laws indexes/laws [--cache FILE] [-v]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from learned_fusion import Searcher  # noqa: E402

from reglens.evaluate import found_articles, read_questions, scorable  # noqa: E402
from reglens.search import RRF_K, Candidates, Index  # noqa: E402

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[0].parent / "shared"
NEIGHBOUR = 3
DEFINES = 3  # an article that defines this many terms is a definitions article
CLASSES = ("order vs law", "definition", "neighbour", "same law", "split gold", "other words")
SHOWN = ("lexical", "subject", "dense", "windows", "references", "delegation", "definition", "meaning", "law",
         "title", "overview", "coordination")


def related_laws(index: Index, a: str, b: str) -> bool:
    """Are the two titles one law's family: an act and its order (施行令, 施行規則, 府令), or two orders
    under one act (the catalog's links)?"""
    cat = index.catalog
    return a != b and (cat.parent_of(a) in (b, cat.parent_of(b)) or cat.parent_of(b) == a
                       or cat.order_of(a) == b or cat.order_of(b) == a)


def is_definitions(index: Index, row: int) -> bool:
    key = index._key_of[row]
    if key == "2":
        return True
    doc = index._doc_of[row]
    return sum(p == (doc, key) for t in index.graph.terms for p in index.graph.defined_in(t)) >= DEFINES


def classify(index: Index, found: Candidates, first: int, gold: tuple[str, str]) -> str:
    cat = index.catalog
    t1, k1 = cat.title_of(index._doc_of[first]), index._key_of[first]
    tg, kg = gold
    if related_laws(index, t1, tg):
        return "order vs law"
    if t1 == tg and is_definitions(index, first) and kg != "2":
        return "definition"
    if t1 == tg:
        order = cat.articles(index._doc_of[first])
        if k1 in order and kg in order and abs(order.index(k1) - order.index(kg)) <= NEIGHBOUR:
            return "neighbour"
        return "same law"
    rows = [r for r in cat.passages(tg, kg) if cat.title_of(index._doc_of[r]) == tg]
    if len(rows) > 1:
        best = max(rows, key=lambda r: found.fused.get(r, 0.0))
        if best != rows[0]:
            return "split gold"
    return "other words"


def describe(index: Index, found: Candidates, row: int, bm_rank: dict[int, int]) -> str:
    parts = found.parts or {}
    got = [f"{s} {parts[s][row] * (RRF_K + 1):+.2f}" for s in SHOWN if row in parts.get(s, {})]
    c = index.chunks[row]
    head = f"{c['doc_title'][:18]} {c.get('article_label', '')} p{c.get('part', 0)}"
    held = index.held_shares(found.terms, [row])[0]
    return (f"{head:<34} fused {found.fused.get(row, 0.0) * (RRF_K + 1):5.2f}  bm25 #{bm_rank.get(row, '-')} "
            f"{found.bm[row]:.1f}  dense #{found.dense.get(row, '-')}  held {held:.2f}"
            f"  | {', '.join(got)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index-laws", required=True)
    ap.add_argument("--lawqa", default=str(SHARED / "eval" / "lawqa_dev.jsonl"))
    ap.add_argument("--cache", type=Path, help="traced candidates (learned_fusion.py's JSON lines), reused")
    ap.add_argument("-v", "--verbose", action="store_true", help="print each question's top 5 and gold")
    args = ap.parse_args()
    index = Index(Path(args.index_laws))
    search = Searcher(index, args.cache)
    counts: Counter = Counter()
    for q, gold in scorable(index, read_questions(Path(args.lawqa))):
        found = search(q["question"])
        if found is None:
            continue
        results = index.assemble(found, 10)
        arts = found_articles(results)
        ranks = [k + 1 for k, f in enumerate(arts) if f in set(gold)]
        rank = min(ranks) if ranks else None
        if rank is None or rank == 1:
            continue
        g = arts[rank - 1]
        band = "2–5" if rank <= 5 else "6–10"
        first = int(results[0].chunk["id"])
        cls = "cited first" if results[0].reason == "citation" else classify(index, found, first, g)
        counts[(cls, band)] += 1
        if args.verbose:
            order = sorted((i for i in found.fused if found.bm[i] > 0), key=lambda i: -found.bm[i])
            bm_rank = {i: n + 1 for n, i in enumerate(order)}
            print(f"\n{q.get('qid')} gold {g[0]} {g[1]} at {rank} [{cls}]  dense weight {found.dense_weight:.2f}"
                  f" windows {found.window_weight:.2f}\n  {q['question'][:100]}")
            for n, r in enumerate(results[:5], 1):
                print(f"  {n} {describe(index, found, int(r.chunk['id']), bm_rank)}")
            if rank > 5:
                print(f"  {rank} {describe(index, found, int(results[rank - 1].chunk['id']), bm_rank)}")
    search.save()
    print("\nlawqa dev: gold article 2nd–10th, by why the first beat it")
    print(f"  {'class':<16} {'2–5':>4} {'6–10':>5}")
    for cls in ("cited first", *CLASSES):
        if counts[(cls, '2–5')] or counts[(cls, '6–10')]:
            print(f"  {cls:<16} {counts[(cls, '2–5')]:>4} {counts[(cls, '6–10')]:>5}")


if __name__ == "__main__":
    main()
