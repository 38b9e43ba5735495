"""The dense side of search: passage vectors ranked by inner product.

Loading an index only checks and maps the vectors; FAISS is imported and its
exact (flat) index built at the first question that needs meaning-based search,
so a word-only question never pays for it (import + copy: ~0.1 s for 7,000
vectors). Nothing here parses a FAISS file: the index is rebuilt in memory from
the plain ``vectors.npy`` that ``index_files.load_vectors`` has checked.

Past :data:`FLAT_MAX` vectors the build also stores an inverted file (IVF) as
plain arrays (``dense/ivf_*.npy``): the k-means centroids, the rows sorted by
their nearest centroid and where each list starts. A question then scores the centroids and only the ``nprobe``
closest lists. The arrays are checked like any other index data (a permutation,
monotone offsets), searched with NumPy, and cost nothing to "build" at load.
Its recall against flat search is printed by ``benchmarks/ann_recall.py``.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

# Below this many vectors exact search answers in a few ms; above it the IVF lists are
# stored and searched (benchmarks/ann_recall.py: flat p50 vs IVF p50 and recall@10).
FLAT_MAX = 100_000
NPROBE = 32  # lists searched: recall@10 0.93 at 100,000 vectors (benchmarks/ann_recall.py)


@dataclass(frozen=True)
class IVF:
    """An inverted file as plain arrays: ``order[starts[j]:starts[j+1]]`` are the rows of list j."""

    centroids: np.ndarray  # (nlist, dim) float32
    order: np.ndarray  # (n,) int32: rows sorted by list
    starts: np.ndarray  # (nlist + 1,) int64

    def check(self, n: int, dim: int) -> bool:
        """Is this a consistent IVF over n vectors of dim? (untrusted arrays from an index)"""
        c, o, s = self.centroids, self.order, self.starts
        return (c.ndim == 2 and c.shape[1] == dim and 0 < c.shape[0] <= n and bool(np.all(np.isfinite(c)))
                and o.shape == (n,) and s.shape == (c.shape[0] + 1,)
                and int(s[0]) == 0 and int(s[-1]) == n and not np.any(np.diff(s) < 0)
                and (n == 0 or (int(o.min()) >= 0 and int(o.max()) < n
                                and np.bincount(o, minlength=n).max() == 1)))


def train_ivf(matrix: np.ndarray, nlist: int | None = None, seed: int = 1234) -> IVF:
    """k-means (FAISS, at build time on our own vectors); about √n lists and each vector's nearest centroid."""
    import faiss

    n, dim = matrix.shape
    nlist = nlist or max(1, min(int(np.sqrt(n)), n // 39))  # FAISS wants ≥ 39 points per centroid
    km = faiss.Kmeans(dim, nlist, niter=10, seed=seed, spherical=True, verbose=False,
                      max_points_per_centroid=64)
    km.train(np.ascontiguousarray(matrix, dtype=np.float32))
    _, assign = km.index.search(np.ascontiguousarray(matrix, dtype=np.float32), 1)
    assign = assign[:, 0].astype(np.int64)
    order = np.argsort(assign, kind="stable").astype(np.int32)
    starts = np.zeros(nlist + 1, dtype=np.int64)
    np.cumsum(np.bincount(assign, minlength=nlist), out=starts[1:])
    return IVF(km.centroids.astype(np.float32), order, starts)


class DenseIndex:
    """Passage vectors (row n belongs to chunk ``rows[n]``), searched exactly or through an IVF."""

    def __init__(self, matrix: np.ndarray, rows: list[int], ivf: IVF | None = None,
                 nprobe: int = NPROBE):
        self.matrix, self.rows, self.ivf, self.nprobe = matrix, rows, ivf, nprobe
        self._flat = None
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self.rows)

    def _exact(self):
        with self._lock:  # built once, by whichever thread asks first
            if self._flat is None:
                import faiss
                flat = faiss.IndexFlatIP(self.matrix.shape[1])
                flat.add(np.ascontiguousarray(self.matrix, dtype=np.float32))
                self._flat = flat
        return self._flat

    def row_ranks(self, q: np.ndarray, k: int) -> list[int]:
        """Rows of the k best vectors for q, best first."""
        q = np.asarray(q, dtype=np.float32).reshape(1, -1)
        if self.ivf is None:
            _, idx = self._exact().search(q, k)
            return [int(i) for i in idx[0] if i >= 0]
        ivf = self.ivf
        lists = np.argsort(-(ivf.centroids @ q[0]), kind="stable")[: self.nprobe]
        cand = np.concatenate([ivf.order[ivf.starts[j]:ivf.starts[j + 1]] for j in lists])
        if not len(cand):
            return []
        scores = self.matrix[cand] @ q[0]
        top = np.argsort(-scores, kind="stable")[:k]
        return [int(cand[i]) for i in top]

    def ranks(self, q: np.ndarray, k: int) -> dict[int, int]:
        """Chunk id → rank (0 = closest) of the k closest passages."""
        return {self.rows[i]: r for r, i in enumerate(self.row_ranks(q, k))}

    def ranks_among(self, q: np.ndarray, mask: np.ndarray, k: int) -> dict[int, int]:
        """Chunk id → rank (0 = closest) of the k closest passages that ``mask`` (per chunk) allows, scored
        exactly: a few documents' passages, which the nearest ``k`` of the whole library may not reach."""
        rows = np.asarray(self.rows)
        keep = np.flatnonzero(mask[rows])
        sims = np.asarray(self.matrix[keep], dtype=np.float32) @ q
        return {int(rows[keep[j]]): r for r, j in enumerate(np.argsort(-sims, kind="stable")[:k])}
