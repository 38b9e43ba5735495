"""Where the answers' "gold passage not retrieved" misses are (not a test).

Reads the ``--details`` file of ``benchmarks/answer_eval.py`` and, for each natural question whose
answer missed because no retrieved passage of a gold file held the answer phrase, asks: would the
passage that holds it be reached by reading the *neighbours* of the top-k results — the passage
before and after on a shared page, and the other parts of the same split article? It prints how
many such misses a neighbour rescues and how many neighbours that adds per question (the noise an
answer built from them would have to rank through). An idea measured, not a product feature:

    PYTHONPATH=src .venv/bin/python benchmarks/answer_neighbours.py --index indexes/all \\
        --details d.jsonl --natural benchmarks/natural_questions.jsonl \\
        benchmarks/natural_questions_dev2.jsonl benchmarks/natural_questions_dev3.jsonl [--k 5 10]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from answer_eval import gold_file, norm  # noqa: E402

from reglens.search import Index  # noqa: E402

ARTICLE_SPAN = 6  # parts of one split article lie within this many passages of each other


def neighbours(index: Index, chunk: dict) -> list[int]:
    """Passage ids next to ``chunk`` on a page it shares, and the other parts of its article."""
    n, doc, pages = chunk["id"], chunk["doc_id"], set(chunk["pages"])
    out = [m for m in (n - 1, n + 1) if 0 <= m < len(index.chunks)
           and index.chunks[m]["doc_id"] == doc and pages & set(index.chunks[m]["pages"])]
    key = chunk.get("article_key")
    if key:
        out += [m for m in range(max(0, n - ARTICLE_SPAN), min(len(index.chunks), n + ARTICLE_SPAN + 1))
                if m != n and m not in out and index.chunks[m]["doc_id"] == doc
                and index.chunks[m].get("article_key") == key]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", required=True)
    ap.add_argument("--details", required=True, help="answer_eval.py --details output")
    ap.add_argument("--natural", nargs="+", required=True, help="the question sets the details came from")
    ap.add_argument("--k", nargs="+", type=int, default=[5, 10])
    args = ap.parse_args(argv)
    questions = {}
    for f in args.natural:
        for line in Path(f).read_text(encoding="utf-8").splitlines():
            if line.strip():
                q = json.loads(line)
                questions[q["id"]] = q
    details = [json.loads(x) for x in Path(args.details).read_text(encoding="utf-8").splitlines() if x.strip()]
    missed = [d for d in details if d["why"] == "gold passage not retrieved" and d["id"] in questions]
    index = Index(Path(args.index))
    results = {d["id"]: index.search(questions[d["id"]]["question"], top_k=max(args.k)) for d in missed}
    for k in args.k:
        rescued = added = 0
        for d in missed:
            q = questions[d["id"]]
            phrase = norm(q["answer"])
            top = results[d["id"]][:k]
            seen = {r.chunk["id"] for r in top}
            hit = False
            for r in top:
                for m in neighbours(index, r.chunk):
                    if m in seen:
                        continue
                    seen.add(m)
                    added += 1
                    hit |= gold_file(r.doc_path, q["gold"]) and phrase in norm(index.chunks[m]["text"])
            rescued += hit
        print(f"top {k}: {rescued} of {len(missed)} 'not retrieved' misses have the phrase in a neighbour "
              f"passage; {added / max(len(missed), 1):.1f} neighbours added per question")
    return 0


if __name__ == "__main__":
    sys.exit(main())
