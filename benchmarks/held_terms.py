"""Which of a question's terms each result and each named article holds (not a test).

Reads near ties: a gold article and the neighbour ranked above it, term by term, with each term's
IDF and the share of the question's IDF weight the passage holds (what coordination compares).

    PYTHONPATH=src .venv/bin/python benchmarks/held_terms.py --index indexes/laws \\
        "次のうち、借地契約の存続期間について誤っているものを教えてください。" "借地借家法|3" "借地借家法|4"
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from reglens.query import analyse  # noqa: E402
from reglens.search import Index  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", required=True)
    ap.add_argument("--top", type=int, default=10, help="results to show")
    ap.add_argument("question")
    ap.add_argument("articles", nargs="*", metavar="TITLE|KEY", help="articles to show besides the results")
    args = ap.parse_args()
    index = Index(Path(args.index))
    terms = index.query_terms(analyse(args.question, index.names).topic(index.catalog.titled))
    total = sum(index.idf(t) for t in set(terms))
    print("terms:", ", ".join(f"{t} {index.idf(t):.2f}" for t in dict.fromkeys(terms)))

    def show(label: str, row: int) -> None:
        held = index.held_terms(terms, row)
        share = sum(index.idf(t) for t in held) / total if total else 0.0
        print(f"{label:<40} {share:.2f}  {' '.join(sorted(held))}")

    for spec in args.articles:
        title, _, key = spec.partition("|")
        for row in index.catalog.passages(title, key)[:1]:
            show(f"{title[:24]} {key} (asked)", row)
    for r in index.search(args.question, top_k=args.top):
        c = r.chunk
        show(f"{r.rank:>2}. {c['doc_title'][:24]} {c.get('article_key') or ''} p{c['pages'][0] + 1}", c["id"])


if __name__ == "__main__":
    main()
