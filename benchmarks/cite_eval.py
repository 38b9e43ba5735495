"""Check citation resolution against the ground-truth article texts (not a test).

Resolves every article reference in the dev questions' answer choices and
compares with ../shared/corpus/laws/articles; then cites each one again with a
non-existent paragraph (第99項) and article (+5000), which must be flagged.
See ``reglens.cite_eval`` for the rules.

    .venv/bin/python benchmarks/cite_eval.py --index DIR [-v]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reglens.cite import CitationChecker
from reglens.cite_eval import citation_report, load_articles
from reglens.evaluate import read_questions
from reglens.search import Index

SHARED = Path(__file__).resolve().parents[2] / "shared"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument("--queries", type=Path, default=SHARED / "eval/lawqa_dev.jsonl")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    r = citation_report(CitationChecker(Index(args.index)), read_questions(args.queries),
                        load_articles(SHARED / "corpus/laws/articles"))
    n = r["references"]
    print(f"article references in dev answer choices (laws in the library): {n}")
    print(f"resolved to the right article, with its text                 : {r['resolved']} "
          f"({r['resolved'] / max(n, 1):.1%})")
    for m in r["misses"] if args.verbose else r["misses"][:10]:
        print("   miss:", m)
    print(f"deliberately wrong (第99項, article +5000) flagged            : "
          f"{r['wrong_flagged']}/{r['wrong_total']} (the rest marked 'not exact, check the PDF': "
          f"{r['wrong_marked_not_exact']})")
    print(f"time per reference: {r['ms_per_reference']} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
