"""Exact (FAISS flat) vs inverted-file (dense.IVF) search of passage vectors, at growing sizes.

    PYTHONPATH=src .venv/bin/python benchmarks/ann_recall.py --index indexes/laws

The base vectors are a real index's passage vectors (multilingual-e5-small, 96-character
article openings). Larger sets are made the way a grown library looks: copies of those
vectors with small noise (re-normalized), as revised editions and near-duplicate
documents are. Queries are the 70 lawqa dev questions embedded by the index's model
when it runs here, else stored vectors with noise. Prints, per size: time to build the
flat index at load, flat search p50/p95, k-means + assignment time (done by the build),
and for each nprobe the IVF search p50/p95 and recall@10 against flat.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from reglens import threads

threads.configure()  # OpenMP/BLAS policy of the app, before NumPy and FAISS load

import numpy as np  # noqa: E402

from reglens import storage  # noqa: E402
from reglens.dense import DenseIndex, train_ivf  # noqa: E402
from reglens.index_files import load_vectors  # noqa: E402

QUESTIONS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "lawqa_dev.jsonl"


def grow(base: np.ndarray, n: int, noise: float, rng: np.random.Generator) -> np.ndarray:
    reps = -(-n // len(base))
    x = np.tile(base, (reps, 1))[:n].copy()
    x[len(base):] += noise * rng.standard_normal((n - len(base), base.shape[1])).astype(np.float32) \
        / np.sqrt(base.shape[1])
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def queries(index_root: Path, base: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, str]:
    try:
        from reglens.search import Index
        ix = Index(index_root)
        if ix.load_embedder():
            qs = [json.loads(line)["question"] for line in QUESTIONS.read_text(encoding="utf-8").splitlines()
                  if line.strip()]
            return np.vstack([ix.query_vector(q) for q in qs]).astype(np.float32), f"{len(qs)} lawqa dev questions"
    except Exception as exc:  # no model here: stored vectors stand in
        print(f"(question model unavailable: {exc})", file=sys.stderr)
    q = grow(base[rng.choice(len(base), 70, replace=False)], 140, 0.5, rng)[70:]
    return q, "70 stored vectors with noise"


def pct(v: list[float], p: float) -> float:
    s = sorted(v)
    return s[min(len(s) - 1, max(0, round(p / 100 * len(s) + 0.5) - 1))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index", type=Path, required=True, help="an index built with a dense model")
    ap.add_argument("--sizes", default="7133,50000,100000,285000")
    ap.add_argument("--nprobe", default="8,16,32")
    ap.add_argument("--noise", type=float, default=0.3, help="norm of the noise added to copies")
    args = ap.parse_args()
    rng = np.random.default_rng(0)
    version, manifest = storage.open_version(args.index)
    base, _, _ = load_vectors(version, manifest, manifest["chunk_count"])
    qs, what = queries(args.index, base, rng)
    print(f"base: {len(base):,} vectors of {base.shape[1]} dims from {args.index}; queries: {what}; top 10")
    for n in (int(s) for s in args.sizes.split(",")):
        x = grow(base, n, args.noise, rng)
        rows = list(range(n))
        flat = DenseIndex(x, rows)
        t = time.perf_counter()
        flat._exact()
        t_flat = time.perf_counter() - t
        exact, ft = [], []
        for q in qs:
            t = time.perf_counter()
            exact.append(flat.row_ranks(q, 10))
            ft.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        ivf = train_ivf(x)
        t_ivf = time.perf_counter() - t
        print(f"{n:>8,} vectors: flat index built at load {t_flat:.2f} s, search p50 {statistics.median(ft):.1f} / "
              f"p95 {pct(ft, 95):.1f} ms; IVF {ivf.centroids.shape[0]} lists trained by the build in {t_ivf:.1f} s")
        for nprobe in (int(p) for p in args.nprobe.split(",")):
            approx = DenseIndex(x, rows, ivf, nprobe=nprobe)
            it, rec = [], []
            for q, ex in zip(qs, exact, strict=True):
                t = time.perf_counter()
                got = approx.row_ranks(q, 10)
                it.append((time.perf_counter() - t) * 1000)
                rec.append(len(set(got) & set(ex)) / max(1, len(ex)))
            print(f"          IVF nprobe {nprobe:>3}: search p50 {statistics.median(it):.1f} / "
                  f"p95 {pct(it, 95):.1f} ms, recall@10 {np.mean(rec):.3f} (min {min(rec):.1f})")
        del flat
    return 0


if __name__ == "__main__":
    sys.exit(main())
