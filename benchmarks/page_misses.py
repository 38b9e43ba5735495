"""Natural questions whose gold page is not in the top 5, one by one (not a test).

For each such question of each set: its kind (``query.question_kind``), the dense and window
weights, where the first result holding a gold page ranks (of 50), the top five (document, pages,
article, fused score and what each fusion step added, in units of one first place; BM25 rank; dense
rank; '-' for a passage without a vector of its own: a split article's later parts) and the gold page's
best passage the same way, with the share of the question's IDF weight it
holds and its opening text. Each question goes to the first class that applies:

* not a passage — no passage of the gold file covers the gold page (never indexed on its own);
* English over Japanese — an English question, a Japanese gold document;
* same article — a top-5 result is the gold page's article, shown by another of its parts (a split
  article is one result, shown by the part its words choose);
* next page — a top-5 result is from the gold file, a page before or after the gold page;
* right document — a top-5 result is from the gold file, further away;
* paraphrase — the gold page's best passage holds under half the question's IDF weight;
* shared word — the words are there; other documents' passages hold them as well or better.

    PYTHONPATH=src .venv/bin/python benchmarks/page_misses.py --index indexes/all --natural SET [SET …] [-v]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from reglens.legal.names import latin_title  # noqa: E402
from reglens.query import analyse, question_kind  # noqa: E402
from reglens.search import RRF_K, Candidates, Index  # noqa: E402

SHOWN = ("lexical", "subject", "dense", "references", "delegation", "definition", "meaning", "law", "windows",
         "title", "document meaning", "overview", "coordination")
CLASSES = ("not a passage", "English over Japanese", "same article", "next page", "right document", "paraphrase",
           "shared word")
DEPTH = 50


def describe(index: Index, found: Candidates, row: int, bm_rank: np.ndarray, dense_rank: dict[int, int]) -> str:
    parts = found.parts or {}
    got = [f"{s} {parts[s][row] * (RRF_K + 1):+.2f}" for s in SHOWN if row in parts.get(s, {})]
    c = index.chunks[row]
    pages = ",".join(str(p + 1) for p in c["pages"])
    head = f"{c['doc_title'][:16]} p{pages} {c.get('article_label', '')[:12]}"
    held = index.held_shares(found.terms, [row])[0]
    return (f"{head:<40} fused {found.fused.get(row, 0.0) * (RRF_K + 1):5.2f} bm25 #{bm_rank[row]} "
            f"dense #{dense_rank.get(row, '-')} held {held:.2f} | {', '.join(got)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", required=True)
    ap.add_argument("--natural", nargs="+", required=True)
    ap.add_argument("-v", "--verbose", action="store_true", help="each question's top 5 and gold page")
    args = ap.parse_args()
    index = Index(Path(args.index))
    n = len(index.chunks)
    name_of = {d: Path(doc["path"]).name for d, doc in index.documents.items()}
    rows_of: dict[tuple[str, int], list[int]] = {}
    for i in range(n):
        for p in index.chunks[i]["pages"]:
            rows_of.setdefault((name_of[index._doc_of[i]], p + 1), []).append(i)
    for path in args.natural:
        set_name = Path(path).stem.removeprefix("natural_questions").strip("_") or "dev"
        counts: Counter = Counter()
        for q in (json.loads(x) for x in Path(path).read_text(encoding="utf-8").splitlines() if x.strip()):
            gold = {(Path(g["file"]).name, g["page"]) for g in q["gold"]}
            found = index.candidates(q["question"], traced=True)
            if found is None:
                continue
            results = index.assemble(found, DEPTH)
            rank = next((k for k, r in enumerate(results, 1)
                         if any((name_of[r.chunk["doc_id"]], p + 1) in gold for p in r.chunk["pages"])), None)
            if rank is not None and rank <= 5:
                continue
            gold_files = {f for f, _ in gold}
            gold_rows = sorted({i for g in gold for i in rows_of.get(g, [])})
            gold_articles = {(index._doc_of[i], index._key_of[i]) for i in gold_rows if index._key_of[i]}
            kind = question_kind(analyse(q["question"], index.names))
            bm_rank = np.empty(n, dtype=np.int64)
            bm_rank[np.argsort(-found.bm, kind="stable")] = np.arange(1, n + 1)
            dense_rank = {i: r + 1 for i, r in found.dense.items()}  # 1-based, as the full ranking below
            qv = index.query_vector(q["question"]) if index.dense is not None else None
            if qv is not None and index.dense is not None:
                sims = np.full(n, -np.inf)
                sims[np.asarray(index.dense.rows)] = index.dense.matrix @ qv
                order = np.argsort(-sims, kind="stable")
                full = np.empty(n, dtype=np.int64)
                full[order] = np.arange(1, n + 1)
                dense_rank = {i: int(full[i]) for i in gold_rows if np.isfinite(sims[i])} | dense_rank
            held = index.held_shares(found.terms, gold_rows) if gold_rows else np.zeros(0)
            japanese_gold = not any(latin_title(index.documents[d]["title"]) for d in index.documents
                                    if name_of[d] in gold_files)
            if not gold_rows:
                cls = "not a passage"
            elif kind == "english" and japanese_gold:
                cls = "English over Japanese"
            elif any((r.chunk["doc_id"], r.chunk.get("article_key")) in gold_articles for r in results[:5]):
                cls = "same article"
            elif any((name_of[r.chunk["doc_id"]], p + 1 + d) in gold for r in results[:5] for p in r.chunk["pages"]
                     for d in (-1, 1)):
                cls = "next page"
            elif any(name_of[r.chunk["doc_id"]] in gold_files for r in results[:5]):
                cls = "right document"
            elif held.max() < 0.5:
                cls = "paraphrase"
            else:
                cls = "shared word"
            counts[cls] += 1
            if not args.verbose:
                continue
            print(f"\n{q['id']} [{cls}] {kind} gold {sorted(gold)} at {rank or '>' + str(DEPTH)}; "
                  f"dense weight {found.dense_weight:.2f} windows {found.window_weight:.2f}\n  {q['question'][:110]}"
                  f"\n  terms: " + ", ".join(f"{t} {index.idf(t):.1f}" for t in dict.fromkeys(found.terms)))
            for k, r in enumerate(results[:5], 1):
                print(f"  {k} {describe(index, found, int(r.chunk['id']), bm_rank, dense_rank)}")
            if gold_rows:
                best = max(gold_rows, key=lambda i: (found.fused.get(i, -1.0), -bm_rank[i]))
                print(f"  g {describe(index, found, best, bm_rank, dense_rank)}")
                print("    " + index.chunks[best]["text"][:160].replace("\n", " / "))
        print(f"{set_name}: gold page not in the top 5, by class: "
              + ", ".join(f"{c} {counts[c]}" for c in CLASSES) + f" (total {sum(counts.values())})")


if __name__ == "__main__":
    main()
