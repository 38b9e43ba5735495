"""English questions: which ranking of whole DOCUMENTS finds the gold document (not a test).

english_pages.py found that within its document the fusion ranks an English question's gold page
well; what loses it is the document. This ranks the index's documents for each English question
(``query.question_kind``) by:

* title vector — the question's vector against each document title's (stored by the build);
* title + opening — against the title with its first passage's first OPENING_CHARS characters, embedded here;
* both summed — the sum of those two similarities;
* first passage — against the vector of the document's first passage (its opening, which holds its title);
* centroid — against the mean of the document's passage vectors;
* best passage — the document's best passage vector;
* best window — the document's best sentence window;
* top-3 windows — the mean of the document's three best passage windows;
* search — where the document's first result is in the search's top 10 (as search does it now).

and counts, per set and for the questions whose gold is a Japanese document and all English ones,
how often the gold document is 1st and in the top 3.

    PYTHONPATH=src .venv/bin/python benchmarks/english_documents.py --index indexes/all --natural SET [SET …] [-v]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from english_library import open_english_library  # noqa: E402

from reglens.query import analyse, question_kind  # noqa: E402

OPENING_CHARS = 200
RANKINGS = ("title vector", "title + opening", "both summed", "first passage", "centroid", "best passage",
            "best window", "top-3 windows", "search")


def place(scores: dict[str, float], gold: set[str]) -> int | None:
    """1-based place of the best gold document by ``scores`` (ties: the later place)."""
    best = max((scores[d] for d in gold if d in scores), default=None)
    if best is None or not np.isfinite(best):
        return None
    return 1 + sum(1 for d, s in scores.items() if s > best or (s == best and d not in gold))


def main() -> None:
    args, index, english = open_english_library(__doc__.splitlines()[0])
    n = len(index.chunks)
    got = index.title_vectors()  # the titles as search embeds them (documents in manifest order)
    if got is None:
        sys.exit("no title vectors: the model is not available or the library is too large")
    docs, titles = got.docs, got.matrix
    by_name = {Path(doc["path"]).name: d for d, doc in index.documents.items()}
    of = np.array([docs.index(index._doc_of[i]) for i in range(n)])
    rows = np.asarray(index.dense.rows)
    mat = np.asarray(index.dense.matrix, dtype=np.float32)
    centroids = np.zeros((len(docs), mat.shape[1]), dtype=np.float32)
    np.add.at(centroids, of[rows], mat)
    centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-9)
    first = {}
    for n_row, i in enumerate(index.dense.rows):
        first.setdefault(of[i], n_row)
    index.load_embedder()
    opening = {}  # each document's title with its first passage's opening text (what it is about)
    for i in sorted(index.dense.rows):
        opening.setdefault(index._doc_of[i], index.chunks[i]["text"][:OPENING_CHARS])
    cards = np.asarray(index.embedder.get_text_embedding_batch(
        [index.documents[d]["title"] + "\n" + opening.get(d, "") for d in docs]), dtype=np.float32)
    cards /= np.maximum(np.linalg.norm(cards, axis=1, keepdims=True), 1e-9)
    for path in args.natural:
        name = Path(path).stem.removeprefix("natural_questions").strip("_") or "dev"
        counts = {g: {r: [0, 0] for r in RANKINGS} for g in ("japanese gold", "english gold")}
        totals = {"japanese gold": 0, "english gold": 0}
        for q in (json.loads(x) for x in Path(path).read_text(encoding="utf-8").splitlines() if x.strip()):
            text = q["question"]
            if question_kind(analyse(text, index.names)) != "english":
                continue
            gold = {by_name.get(Path(g["file"]).name) for g in q["gold"]} - {None}
            group = "english gold" if gold & english else "japanese gold"
            totals[group] += 1
            qv = index.query_vector(text)
            dense = np.full(n, -np.inf)
            dense[rows] = mat @ qv
            win = index.windows.passage_best(index.windows.similarities(qv), n).astype(float)
            scores: dict[str, dict[str, float]] = {r: {} for r in RANKINGS}
            for k, d in enumerate(docs):
                mine = of == k
                scores["title vector"][d] = float(titles[k] @ qv)
                scores["title + opening"][d] = float(cards[k] @ qv)
                scores["both summed"][d] = float(titles[k] @ qv) + float(cards[k] @ qv)
                scores["centroid"][d] = float(centroids[k] @ qv)
                scores["first passage"][d] = float(mat[first[k]] @ qv) if k in first else -np.inf
                scores["best passage"][d] = float(dense[mine].max())
                w = np.sort(win[mine])[::-1]
                scores["best window"][d] = float(w[0])
                scores["top-3 windows"][d] = float(w[:3].mean())
            results = index.search(text, 10)
            firsts: dict[str, float] = {}
            for r in results:
                firsts.setdefault(r.chunk["doc_id"], -r.rank)
            scores["search"] = {d: firsts.get(d, -np.inf) for d in docs}
            places = {r: place(scores[r], gold) for r in RANKINGS}
            for r, p in places.items():
                counts[group][r][0] += p == 1
                counts[group][r][1] += bool(p and p <= 3)
            if args.verbose and name in ("dev", "dev2"):
                print(f"  {group[:2]} " + ", ".join(f"{r} {p}" for r, p in places.items()) + f"  {text[:70]}")
        for group, c in counts.items():
            print(f"{name}: {totals[group]} English questions, {group}; gold document 1st / top 3: "
                  + ", ".join(f"{r} {a} / {b}" for r, (a, b) in c.items()))


if __name__ == "__main__":
    main()
