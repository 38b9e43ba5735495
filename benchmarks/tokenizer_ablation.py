"""Measure the tokenizer choices on the dev questions, lexical only (not a test).

Builds one lexical index per configuration of ../shared/corpus/laws/pdf and
prints the dev eval for each: Sudachi split mode A vs B vs C, and law names /
article numbers kept whole vs plain Sudachi (資金決済法 → 資金/決済/法).

    .venv/bin/python benchmarks/tokenizer_ablation.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from reglens.evaluate import evaluate, read_questions
from reglens.indexer import BuildOptions, build
from reglens.search import Index

SHARED = Path(__file__).resolve().parents[2] / "shared"
CONFIGS = [("C", True), ("B", True), ("A", True), ("C", False)]


def main() -> int:
    docs = SHARED / "corpus" / "laws" / "pdf"
    queries = SHARED / "eval" / "lawqa_dev.jsonl"
    if not docs.is_dir() or not queries.exists():
        print("needs ../shared/corpus/laws/pdf and ../shared/eval/lawqa_dev.jsonl", file=sys.stderr)
        return 2
    questions = read_questions(queries)
    tmp = Path(tempfile.mkdtemp(prefix="reglens-ablation-"))
    print(f"{'mode':4} {'names':6} {'Hit@1':>6} {'Hit@5':>6} {'MRR@10':>6} {'art.Hit@1':>9} "
          f"{'noart.Hit@5':>11} {'vocab':>6} {'build s':>7}")
    for mode, whole in CONFIGS:
        root = tmp / f"{mode}-{whole}"
        t = time.perf_counter()
        for _ in build(root, BuildOptions(roots=[docs], embedding="none", sudachi_mode=mode,
                                          whole_names=whole)):
            pass
        secs = time.perf_counter() - t
        index = Index(root)
        s = evaluate(index, questions).summary()
        o, a, n = s["overall"], s["names_article"], s["no_article"]
        print(f"{mode:4} {'whole' if whole else 'split':6} {o['hit@1']:6.3f} {o['hit@5']:6.3f} "
              f"{o['mrr@10']:6.3f} {a['hit@1']:9.3f} {n['hit@5']:11.3f} {len(index.bm25.vocab_dict):6} "
              f"{secs:7.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
