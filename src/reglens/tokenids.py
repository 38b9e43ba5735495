"""Every passage's terms as ids, kept in the index so an update tokenizes only what changed.

Sudachi is the slow part of building the lexical index (hundreds of thousands of
characters a second); bm25s turning term ids into its matrix is quick. A
version therefore stores, next to its BM25 matrices, the term ids of each
passage (body and lead) and the vocabulary, and an update re-tokenizes only the
passages of added or changed files. The terms of an unchanged passage are the
same only while the tokenizer is: same Sudachi dictionary, split mode and the
same law names and aliases (a law name is one term). When any of these
differs, every passage is tokenized again.

Layout (``tokens/`` in a version)::

    vocab.json                  {"terms": [term, ...]}: id n is terms[n]
    body.npy, body_starts.npy   int32 ids of every passage's indexed text, concatenated;
                                int64 starts, passage i = body[starts[i]:starts[i+1]]
    lead.npy, lead_starts.npy   the same for each article's caption and first sentence

The BM25 matrices are built from these ids and come out equal to what the
same terms as strings give (tests/test_scale.py compares rankings of an
update with a full build).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

FIELDS = ("body", "lead")
EMPTY = "∅"  # the term of a passage with none (bm25s cannot index an empty document)


@dataclass(frozen=True)
class StoredTokens:
    """Term ids read from a previous version (checked by ``index_files.load_tokens``)."""

    terms: list[str]
    ids: dict[str, np.ndarray]
    starts: dict[str, np.ndarray]

    def of(self, field: str, i: int) -> np.ndarray:
        s = self.starts[field]
        return self.ids[field][s[i]:s[i + 1]]


class TokenTable:
    """Term ids of every passage of the version being built, appended in passage order."""

    def __init__(self) -> None:
        self.vocab: dict[str, int] = {}
        self.ids = {f: array("i") for f in FIELDS}
        self.starts = {f: array("q", [0]) for f in FIELDS}
        self._maps: dict[int, np.ndarray] = {}  # id(previous vocabulary) -> its ids in ours

    def __len__(self) -> int:
        return len(self.starts["body"]) - 1

    def _id(self, term: str) -> int:
        n = self.vocab.get(term)
        if n is None:
            n = self.vocab[term] = len(self.vocab)
        return n

    def add(self, body: list[str], lead: list[str]) -> None:
        """A freshly tokenized passage."""
        for f, terms in zip(FIELDS, (body or [EMPTY], lead or [EMPTY]), strict=True):
            self.ids[f].extend(self._id(t) for t in terms)
            self.starts[f].append(len(self.ids[f]))

    def add_stored(self, old: StoredTokens, i: int) -> None:
        """Passage ``i`` of a previous version, unchanged: its ids, translated to this vocabulary."""
        self.add_stored_range(old, i, i + 1)

    def add_stored_range(self, old: StoredTokens, start: int, stop: int) -> None:
        """Passages ``start``..``stop-1`` of a previous version, unchanged, in whole-array
        operations (an update copies nearly every passage: one call per document, not per passage)."""
        table = self._maps.get(id(old))
        if table is None:
            table = self._maps[id(old)] = np.array([self._id(t) for t in old.terms], dtype=np.int32)
        for f in FIELDS:
            s = old.starts[f][start:stop + 1]
            base = len(self.ids[f])
            self.ids[f].frombytes(table[old.ids[f][s[0]:s[-1]]].tobytes())  # int32, appended as bytes
            self.starts[f].frombytes((s[1:] - s[0] + base).astype(np.int64, copy=False).tobytes())

    def bm25_corpus(self, field: str) -> tuple[_Docs, dict[str, int]]:
        """One field's passages as contiguous ids over the terms it uses, with that vocabulary."""
        used, remapped = _compact(np.frombuffer(self.ids[field], dtype=np.int32), len(self.vocab))
        terms = self.terms()
        vocab = {terms[u]: n for n, u in enumerate(used.tolist())}
        return _Docs(remapped, np.frombuffer(self.starts[field], dtype=np.int64)), vocab

    def terms(self) -> list[str]:
        out = [""] * len(self.vocab)
        for t, n in self.vocab.items():
            out[n] = t
        return out

    def write(self, folder: Path) -> None:
        """The ids over a vocabulary of only the terms still used (an update drops removed ones)."""
        from .safeio import write_json

        folder.mkdir(parents=True, exist_ok=True)
        arrays = {f: np.frombuffer(self.ids[f], dtype=np.int32) for f in FIELDS}
        seen = np.zeros(len(self.vocab), dtype=bool)
        for a in arrays.values():
            seen[a] = True
        used = np.flatnonzero(seen)
        remap = np.cumsum(seen, dtype=np.int32) - 1
        terms = self.terms()
        write_json(folder / "vocab.json", {"terms": [terms[u] for u in used.tolist()]})
        for f in FIELDS:
            np.save(folder / f"{f}.npy", remap[arrays[f]], allow_pickle=False)
            np.save(folder / f"{f}_starts.npy", np.frombuffer(self.starts[f], dtype=np.int64),
                    allow_pickle=False)


def _compact(ids: np.ndarray, n_terms: int) -> tuple[np.ndarray, np.ndarray]:
    """The term ids in use (ascending) and ``ids`` renumbered 0.. over them, in linear time and
    int32 (np.unique would sort a copy and return int64: gigabytes at 100,000 pages)."""
    seen = np.zeros(n_terms, dtype=bool)
    seen[ids] = True
    remap = np.cumsum(seen, dtype=np.int32) - 1
    return np.flatnonzero(seen), remap[ids]


class _Docs:
    """Passages' id lists: whole arrays for ``bm25build.IdsBM25``, or made one at a time if
    bm25s iterates them, so the whole corpus is never held as Python lists."""

    def __init__(self, ids: np.ndarray, starts: np.ndarray):
        self.ids, self.starts = ids, starts

    def __len__(self) -> int:
        return len(self.starts) - 1

    def __iter__(self) -> Iterator[list[int]]:
        ids, s = self.ids, self.starts
        for i in range(len(s) - 1):
            yield ids[s[i]:s[i + 1]].tolist()
