"""BM25 matrices from stored term ids in whole-array NumPy operations (bm25s's own scoring).

bm25s builds its matrix with Python loops over the passages (a set intersection for the
document frequencies, a ``Counter`` and a few small arrays per passage): a quarter of an
``index update`` at 100,000 pages. Its documented hook for building differently is
``BM25.build_index_from_ids``; :class:`IdsBM25` overrides it and computes, from the flat
id array and passage offsets ``tokenids`` keeps, the same term frequencies, document
frequencies, IDF and scores with the same float operations, so the saved matrix is
byte for byte what bm25s would have written (``tests/test_bm25build.py``), and bm25s
still saves, loads and scores it.
"""

from __future__ import annotations

import math

import bm25s
import numpy as np


class IdsBM25(bm25s.BM25):
    """bm25s's BM25 (Lucene variant, the default) built from ``tokenids._Docs``-like corpora:
    an object with ``ids`` (int32, concatenated) and ``starts`` (int64 offsets)."""

    def build_index_from_ids(self, unique_token_ids, corpus_token_ids, show_progress=True,
                             leave_progress=False):
        if self.method != "lucene" or not hasattr(corpus_token_ids, "starts"):
            return super().build_index_from_ids(unique_token_ids, corpus_token_ids, show_progress,
                                                leave_progress)
        self.nonoccurrence_array = None  # as bm25s sets it for the Lucene variant
        return lucene_matrix(np.asarray(corpus_token_ids.ids), np.asarray(corpus_token_ids.starts),
                             len(unique_token_ids), self.k1, self.b, np.dtype(self.dtype),
                             np.dtype(self.int_dtype))


def lucene_matrix(ids: np.ndarray, starts: np.ndarray, n_vocab: int, k1: float, b: float,
                  dtype: np.dtype, int_dtype: np.dtype) -> dict:
    """The CSC score matrix (terms as columns) bm25s's ``build_index_from_ids`` returns.

    The (passage, term) pairs come from one stable sort of ``passage << 32 | term``: the
    ids are already grouped by passage, so the merge sort only orders each passage's few
    hundred terms. Every float step repeats bm25s's (Python floats and float64 where it
    uses them, float32 storage), so the scores are identical, not merely close.
    """
    n_docs = len(starts) - 1
    lengths = np.diff(starts)
    avg_doc_len = lengths.mean()
    # in place where possible: at 100,000 pages there are ~40 million term occurrences
    # each occurrence's passage: the running count of passage starts before it (cheaper than np.repeat)
    # (empty passages at the end start at len(ids): counted past the array and cut off)
    keys = np.bincount(starts[1:-1], minlength=len(ids) + 1)[:len(ids)].astype(np.int64)
    np.cumsum(keys, out=keys)
    keys <<= 32
    keys |= ids
    keys.sort(kind="stable")
    first = np.empty(len(keys), dtype=bool)
    if len(keys):
        first[0] = True
        np.not_equal(keys[1:], keys[:-1], out=first[1:])
    at = np.flatnonzero(first)
    del first
    pairs = keys[at]
    del keys
    tf = np.diff(np.append(at, len(ids))).astype(np.float64)  # occurrences of each (passage, term)
    del at
    pair_doc = (pairs >> 32).astype(int_dtype)
    pairs &= 0xFFFFFFFF
    pair_term = pairs.astype(int_dtype)
    del pairs
    df = np.bincount(pair_term, minlength=n_vocab)
    # IDF with math.log per distinct frequency, as bm25s computes it, stored in its float dtype
    values, where = np.unique(df, return_inverse=True)
    idf_of = np.array([math.log(1 + (n_docs - int(v) + 0.5) / (int(v) + 0.5)) if v else 0.0
                       for v in values.tolist()], dtype=np.float64).astype(dtype)
    idf = idf_of[where]
    # bm25s: idf * (tf / (k1 * ((1 - b) + b * l_d / l_avg) + tf)), in float64 (NumPy 2 evaluates a
    # float64 scalar with its float32 arrays so), stored as float32; + and * commute exactly
    norm = k1 * ((1 - b) + b * lengths.astype(np.float64) / avg_doc_len)
    denom = norm[pair_doc]
    denom += tf
    tf /= denom
    del denom
    tf *= idf[pair_term]
    scores = tf.astype(dtype)
    del tf
    # CSC: by term, then passage (bm25s sorts the packed pairs so); the pairs are in passage order,
    # so a stable sort by term alone gives that order
    order = np.argsort(pair_term, kind="stable")
    del pair_term
    indptr = np.zeros(n_vocab + 1, dtype=np.int64)
    np.cumsum(df, out=indptr[1:])
    return {"data": scores[order], "indices": pair_doc[order], "indptr": indptr, "num_docs": n_docs}
