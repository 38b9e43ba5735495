"""What storing the titles' vectors at build time saves (not a test).

Loads an index twice: once reading its stored title vectors (``dense/titles.npy``), once as an index
built before them would (the titles embedded at first use by the question model), and prints the
time of each and how far apart the two sets of vectors are (cosine per document):

    PYTHONPATH=src .venv/bin/python benchmarks/title_vectors.py --index indexes/all
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from reglens.search import Index  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", required=True)
    args = ap.parse_args()
    stored = Index(Path(args.index))
    t = time.perf_counter()
    got = stored.title_vectors()
    read = time.perf_counter() - t
    if got is None or stored.embedder is not None:
        sys.exit("this index has no stored title vectors (built before them): rebuild it")
    print(f"stored: {len(got.docs)} titles read in {read * 1000:.1f} ms, no model loaded")
    fresh = Index(Path(args.index))
    fresh._title_vectors = None  # as an index built without them
    t = time.perf_counter()
    if not fresh.load_embedder():
        sys.exit("the question model is not available here")
    loaded = time.perf_counter() - t
    t = time.perf_counter()
    made = fresh.title_vectors()
    embedded = time.perf_counter() - t
    assert made is not None
    print(f"first use: model loaded in {loaded:.1f} s, {len(made.docs)} titles embedded in {embedded:.1f} s")
    row = dict(zip(made.docs, made.matrix, strict=True))
    cos = [float(row[d] @ v) for d, v in zip(got.docs, got.matrix, strict=True)]
    print(f"cosine stored vs first use: min {min(cos):.6f}, median {float(np.median(cos)):.6f}")


if __name__ == "__main__":
    main()
