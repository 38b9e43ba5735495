"""English questions about Japanese documents: what ranks the gold PAGE within its document (not a test).

e5-small's cross-lingual similarity finds the document of such a question and rarely its page
(retrieval round 6: ``english_dense.py``). This takes each English question (``query.question_kind``)
whose gold file is a Japanese document and ranks that document's own passages by each ranking that
could choose among them: the passage vectors (caption + opening), the best sentence window, the two
summed by reciprocal rank, the question's Latin words the document also writes (acronyms, numbers,
romaji: ``GMP``, ``USP``, ``2013``) by BM25 within the document, and the hand-set fusion's score.
It counts where each puts the gold page among the document's passages (1st, top 3), and whether the
search shows the gold document and page in its top 5. Counts per set; ``-v`` lists the questions of
dev and dev2 (never of a validation-only set).

    PYTHONPATH=src .venv/bin/python benchmarks/english_pages.py --index indexes/all --natural SET [SET …]
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from english_library import open_english_library  # noqa: E402

from reglens.query import analyse, question_kind  # noqa: E402
from reglens.search import RRF_K  # noqa: E402

RANKINGS = ("passage vectors", "windows", "vectors + windows", "latin words", "fusion")
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9\-]+|\d+(?:\.\d+)?")


def within(scores: np.ndarray, rows: list[int], gold_rows: set[int]) -> int | None:
    """Place (1-based) of the best gold passage among ``rows`` by ``scores`` (ties: the later place)."""
    best = max((scores[i] for i in rows if i in gold_rows), default=None)
    if best is None or not np.isfinite(best):
        return None
    return 1 + sum(1 for i in rows if scores[i] > best or (scores[i] == best and i not in gold_rows))


def rrf(scores: np.ndarray, rows: list[int]) -> np.ndarray:
    """Reciprocal ranks of ``rows`` by ``scores`` (0 elsewhere)."""
    out = np.zeros(len(scores))
    for r, i in enumerate(sorted(rows, key=lambda i: -scores[i])):
        out[i] = 1.0 / (RRF_K + r + 1)
    return out


def main() -> None:
    args, index, english = open_english_library(__doc__.splitlines()[0])
    n = len(index.chunks)
    by_name = {Path(doc["path"]).name: d for d, doc in index.documents.items()}
    vocab = index.bm25.vocab_dict
    for path in args.natural:
        name = Path(path).stem.removeprefix("natural_questions").strip("_") or "dev"
        counts = {r: [0, 0] for r in RANKINGS}
        shown_doc = shown_page = total = 0
        for q in (json.loads(x) for x in Path(path).read_text(encoding="utf-8").splitlines() if x.strip()):
            text = q["question"]
            if question_kind(analyse(text, index.names)) != "english":
                continue
            gold = {(Path(g["file"]).name, g["page"]) for g in q["gold"]}
            docs = {by_name.get(f) for f, _ in gold} - {None}
            if not docs or docs & english:
                continue
            total += 1
            rows = [i for i in range(n) if index._doc_of[i] in docs]
            gold_rows = {i for i in rows if any((Path(index.documents[index._doc_of[i]]["path"]).name, p + 1) in gold
                                                for p in index.chunks[i]["pages"])}
            qv = index.query_vector(text)
            dense = np.full(n, -np.inf)
            if index.dense is not None and qv is not None:
                sims = index.dense.matrix @ qv
                dense[np.asarray(index.dense.rows)] = sims
            win = np.full(n, -np.inf)
            if index.windows is not None and qv is not None:
                win = index.windows.passage_best(index.windows.similarities(qv), n).astype(float)

            words = [w for w in dict.fromkeys(index.tokenizer.plain_tokens(" ".join(_LATIN.findall(text))))
                     if w in vocab]
            latin = index.bm25.get_scores([vocab[w] for w in words]) if words else np.zeros(n)
            found = index.candidates(text)
            fused = np.full(n, -np.inf)
            for i, s in (found.fused.items() if found else ()):
                fused[i] = s
            places = {"passage vectors": within(dense, rows, gold_rows), "windows": within(win, rows, gold_rows),
                      "vectors + windows": within(rrf(dense, rows) + rrf(win, rows), rows, gold_rows),
                      "latin words": within(latin, rows, gold_rows) if latin[rows].max(initial=0) > 0 else None,
                      "fusion": within(fused, rows, gold_rows)}
            for r, p in places.items():
                counts[r][0] += p == 1
                counts[r][1] += bool(p and p <= 3)
            results = index.assemble(found, 5) if found else []
            doc_in = any(r.chunk["doc_id"] in docs for r in results)
            page_in = any((Path(r.doc_path or index.documents[r.chunk["doc_id"]]["path"]).name, p + 1) in gold
                          for r in results for p in r.chunk["pages"])
            shown_doc += doc_in
            shown_page += page_in
            if args.verbose and name in ("dev", "dev2"):
                print(f"  {q['id']} doc in top 5 {doc_in:d} page {page_in:d}; within its {len(rows)} passages: "
                      + ", ".join(f"{r} {p}" for r, p in places.items()) + f"; latin {words}  {text[:60]}")
                print("    its words as Sudachi reads them, with their IDF: " + ", ".join(
                    f"{t} {index.idf(t):.1f}" for t in index.query_terms(text)))
        print(f"{name}: {total} English questions with a Japanese gold; search shows the gold document in the top 5 "
              f"for {shown_doc}, the gold page for {shown_page}. Gold page 1st / top 3 among its document's passages:")
        print("  " + ", ".join(f"{r} {a} / {b}" for r, (a, b) in counts.items()))


if __name__ == "__main__":
    main()
