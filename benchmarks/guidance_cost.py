"""What guidance adds before a search (not a test): it runs on the app's UI thread.

    python benchmarks/guidance_cost.py --index DIR [--queries ../shared/eval/lawqa_dev.jsonl] [--repeat 5]
                                       [--citations]

``--citations`` also checks the provisions the questions cite (what the CLI does, and
the app does in its search thread beside the search, not on the UI thread).

Prints the cost of the first call in a new thread (its Sudachi tokenizer is
created then; the app does this right after the index loads, not at Enter),
then median and p95 per question over the dev questions, and how many of them
have no topic or name a law the index does not hold.
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time
from pathlib import Path

from reglens.evaluate import read_questions
from reglens.guidance import for_index
from reglens.search import Index

HERE = Path(__file__).resolve().parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument("--queries", type=Path, default=HERE.parent.parent / "shared" / "eval" / "lawqa_dev.jsonl")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--citations", action="store_true", help="also check the cited provisions")
    args = ap.parse_args()
    index = Index(args.index)
    questions = [q["question"] for q in read_questions(args.queries)]
    out: dict = {}

    def run() -> None:  # a fresh thread, as the app's UI thread is for guidance
        t = time.perf_counter()
        for_index(index, questions[0], args.citations)
        out["first"] = time.perf_counter() - t
        times, no_topic, missing = [], 0, 0
        for _ in range(args.repeat):
            for q in questions:
                t = time.perf_counter()
                g = for_index(index, q, args.citations)
                times.append(time.perf_counter() - t)
        wrong = 0
        for q in questions:
            g = for_index(index, q, args.citations)
            no_topic += g.no_topic
            missing += bool(g.missing_laws)
            wrong += bool(g.wrong_citations)
        out.update(times=sorted(times), no_topic=no_topic, missing=missing, wrong=wrong)

    th = threading.Thread(target=run)
    th.start()
    th.join()
    times = out["times"]
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    print(f"first call in a new thread (creates its tokenizer): {1000 * out['first']:.1f} ms")
    print(f"per question over {len(questions)} questions × {args.repeat}: median "
          f"{1000 * statistics.median(times):.2f} ms, p95 {1000 * p95:.2f} ms")
    print(f"questions without a topic: {out['no_topic']}; naming a law not in the index: {out['missing']}"
          + (f"; citing a provision that does not exist: {out['wrong']}" if args.citations else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
