"""Measure extractive answers on the dev questions (not a test).

For each question with a statutory gold article in the library: is the answer
given or "no clear answer"; share of answer sentences whose cited passage is a
gold article; answer length; time per answer. Also prints the coverage of
questions whose gold is / is not in the top 5, which is what MIN_COVERAGE is
calibrated from.

    .venv/bin/python benchmarks/answer_eval.py --index DIR
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from reglens.evaluate import gold_articles, read_questions
from reglens.normalize import search_form
from reglens.search import Index
from reglens.summarize import Summarizer

SHARED = Path(__file__).resolve().parents[2] / "shared"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument("--queries", type=Path, default=SHARED / "eval" / "lawqa_dev.jsonl")
    args = ap.parse_args()
    index = Index(args.index)
    summarizer = Summarizer(index)
    titles = {search_form(c["doc_title"]) for c in index.chunks}
    answered = weak = 0
    gold_sentences = all_sentences = 0
    lengths, times, cover_hit, cover_miss = [], [], [], []
    questions = read_questions(args.queries)
    summarizer.answer(questions[0]["question"])  # warm-up (query embedder)
    for q in questions:
        gold = set(gold_articles(q, titles))
        if not gold:
            continue
        t = time.perf_counter()
        ans = summarizer.answer(q["question"])
        times.append(time.perf_counter() - t)
        cited = [(search_form(r.chunk["doc_title"]), r.chunk.get("article_key", "")) for r in ans.passages]
        (cover_hit if gold & set(cited) else cover_miss).append(ans.coverage)
        if ans.weak:
            weak += 1
            continue
        answered += 1
        lengths.append(sum(len(s.text) for s in ans.sentences))
        for s in ans.sentences:
            all_sentences += 1
            gold_sentences += cited[s.passage - 1] in gold
    n = answered + weak
    print(f"questions: {n}; answered {answered} ({answered / n:.0%}), 'no clear answer' {weak} ({weak / n:.0%})")
    print(f"answer sentences citing a gold article: {gold_sentences}/{all_sentences} "
          f"({gold_sentences / max(all_sentences, 1):.0%})")
    print(f"answer length: median {statistics.median(lengths):.0f} chars, max {max(lengths)}")
    print(f"time per answer: median {1000 * statistics.median(times):.0f} ms, max {1000 * max(times):.0f} ms")
    print(f"coverage when a gold article is in the passages: median {statistics.median(cover_hit):.2f} "
          f"(min {min(cover_hit):.2f}); when not: median {statistics.median(cover_miss):.2f} "
          f"(n={len(cover_miss)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
