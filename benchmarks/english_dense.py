"""English questions about Japanese documents: where the dense ranking puts their gold (not a test).

The only English document of the library (the GDPR) wins such questions' lexical ranking word for
word; this asks whether the meaning-based ranking, restricted to the Japanese documents, would find
the gold document and page — whether a slot for the best Japanese passage could bring them in.
Counts per set; ``-v`` lists the questions (never for a validation-only set).

    PYTHONPATH=src .venv/bin/python benchmarks/english_dense.py --index indexes/all --natural SET [SET …]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from english_library import open_english_library  # noqa: E402

from reglens.search import CANDIDATES  # noqa: E402


def main() -> None:
    args, index, english = open_english_library(__doc__.splitlines()[0])

    def name(i: int) -> str:
        return Path(index.documents[index._doc_of[i]]["path"]).name

    for path in args.natural:
        found = []
        for q in (json.loads(x) for x in Path(path).read_text(encoding="utf-8").splitlines() if x.strip()):
            gold = {(Path(g["file"]).name, g["page"]) for g in q["gold"]}
            files = {f for f, _ in gold}
            if q.get("lang") != "en" or any(index.documents[d]["path"].endswith(f) for d in english for f in files):
                continue
            ranked = [i for i, _ in sorted(index._dense_ranks(q["question"], CANDIDATES).items(), key=lambda kv: kv[1])
                      if index._doc_of[i] not in english]
            page = next((n for n, i in enumerate(ranked, 1)
                         if any((name(i), p + 1) in gold for p in index.chunks[i]["pages"])), None)
            doc = next((n for n, i in enumerate(ranked, 1) if name(i) in files), None)
            found.append((page, doc))
            if args.verbose:
                print(f"  {q['id']} Japanese-only dense: gold page {page}, gold document {doc}  {q['question'][:60]}")
        doc1, doc3 = sum(d == 1 for _, d in found), sum(bool(d and d <= 3) for _, d in found)
        page1, page5 = sum(p == 1 for p, _ in found), sum(bool(p and p <= 5) for p, _ in found)
        print(f"{Path(path).stem}: {len(found)} English questions with a Japanese gold; dense over Japanese documents "
              f"puts the gold document 1st in {doc1}, top 3 in {doc3}; the gold page 1st in {page1}, top 5 in {page5}")


if __name__ == "__main__":
    main()
