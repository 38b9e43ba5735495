"""Where a built index's search time goes: cProfile over loading and over the 70 dev questions.

    PYTHONPATH=src .venv/bin/python benchmarks/profile_search.py --index /tmp/rl-scale2/x40/index

Prints load time, p50/p95 of the searches (under the profiler, so slower than scale.py's) and
the functions by cumulative and own time. For finding what to make faster, not for figures of
speed (those come from scale.py).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import time
from pathlib import Path

QUESTIONS = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "lawqa_dev.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument("--lines", type=int, default=40, help="functions listed per table")
    args = ap.parse_args()
    from reglens import threads
    threads.configure()
    from reglens.search import Index
    questions = [json.loads(line)["question"] for line in QUESTIONS.read_text(encoding="utf-8").splitlines()
                 if line.strip()]
    prof = cProfile.Profile()
    t = time.perf_counter()
    prof.enable()
    ix = Index(args.index)
    prof.disable()
    print(f"load {time.perf_counter() - t:.2f} s (profiled)")
    pstats.Stats(prof).sort_stats("tottime").print_stats(args.lines // 2)
    prof = cProfile.Profile()
    times = []
    prof.enable()
    for q in questions:
        t = time.perf_counter()
        ix.search(q, 10)
        times.append(time.perf_counter() - t)
    prof.disable()
    s = sorted(times)
    print(f"{len(s)} searches (profiled): {sum(s):.2f} s, p50 {s[len(s) // 2] * 1000:.0f} ms, "
          f"p95 {s[min(len(s) - 1, round(0.95 * len(s)))] * 1000:.0f} ms")
    pstats.Stats(prof).sort_stats("cumulative").print_stats(args.lines)
    pstats.Stats(prof).sort_stats("tottime").print_stats(args.lines // 2)


if __name__ == "__main__":
    main()
