"""The vectorized BM25 build writes exactly the matrix bm25s's own loops write."""

from __future__ import annotations

from pathlib import Path

import bm25s
import numpy as np
import pytest
from bm25s.tokenization import Tokenized

from reglens.bm25build import IdsBM25
from reglens.tokenids import _Docs


def _corpus(seed: int, n_docs: int, n_vocab: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    lengths = rng.integers(1, 400, n_docs)
    lengths[::7] = 1
    if n_docs > 10:  # RegLens gives every passage a term (tokenids.EMPTY); the build copes without
        lengths[3] = lengths[-1] = lengths[-2] = 0
    starts = np.zeros(n_docs + 1, dtype=np.int64)
    np.cumsum(lengths, out=starts[1:])
    # Zipf-like: a few terms everywhere, most rare, repeated terms within passages
    ids = np.minimum(rng.zipf(1.3, int(starts[-1])) - 1, n_vocab - 1).astype(np.int32)
    used = np.unique(ids)  # the vocabulary the build hands over: only terms in use, numbered 0..
    remap = np.zeros(n_vocab, dtype=np.int32)
    remap[used] = np.arange(len(used), dtype=np.int32)
    return remap[ids], starts


def _saved(retriever: bm25s.BM25, folder: Path) -> dict[str, bytes]:
    retriever.save(str(folder), allow_pickle=False, show_progress=False)
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize(("seed", "n_docs", "n_vocab"), [(0, 1, 5), (1, 50, 30), (2, 3000, 5000)])
def test_same_files_as_bm25s(tmp_path: Path, seed: int, n_docs: int, n_vocab: int) -> None:
    ids, starts = _corpus(seed, n_docs, n_vocab)
    vocab = {f"t{n}": n for n in range(int(ids.max()) + 1)}
    ours = IdsBM25(k1=1.2, b=0.75)
    ours.index(Tokenized(ids=_Docs(ids, starts), vocab=dict(vocab)), show_progress=False)
    theirs = bm25s.BM25(k1=1.2, b=0.75)
    theirs.index(Tokenized(ids=[ids[starts[i]:starts[i + 1]].tolist() for i in range(n_docs)],
                           vocab=dict(vocab)), show_progress=False)
    for key in ("data", "indices", "indptr"):
        assert ours.scores[key].dtype == theirs.scores[key].dtype
        assert np.array_equal(ours.scores[key], theirs.scores[key]), key
    assert _saved(ours, tmp_path / "ours") == _saved(theirs, tmp_path / "theirs")
    assert np.array_equal(ours.get_scores(["t0", "t3"]), theirs.get_scores(["t0", "t3"]))


def test_lists_fall_back_to_bm25s() -> None:
    """A corpus of lists (the empty library's placeholder row) goes through bm25s's own loops."""
    r = IdsBM25(k1=1.2, b=0.75)
    r.index([["∅"]], show_progress=False)
    assert r.scores["num_docs"] == 1 and len(r.scores["data"]) == 1
