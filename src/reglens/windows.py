"""Meaning over the whole text: sentence-aligned windows of a passage and their vectors.

The dense index embeds only each passage's opening (``indexer.EMBED_CHARS``), because
embedding costs ~2,000 characters/s on 2 cores. A paraphrase that matches the middle of
a long manual section therefore reaches search only through its words. Windows cover
the whole text: consecutive sentences (``summarize.sentence_offsets``) packed up to
:data:`WINDOW_CHARS` characters; a longer sentence is its own window, cut every
:data:`MAX_WINDOW` characters. Each window knows its passage and character range, so a
passage's best window and a sentence's window can be looked up at query time.

A build embeds the windows and stores them in the index (:class:`WindowVectors`), reusing
the published version's vectors by text key once a sample of them is checked against
their texts (``indexer._cache_is_sound``). The measuring script's resumable cache lives with
it (``benchmarks/window_dense.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

WINDOW_CHARS = 200  # windows hold whole sentences up to this many characters
MAX_WINDOW = 400  # a longer sentence is cut into pieces of at most this many


@dataclass(frozen=True)
class Window:
    """Characters ``[start, end)`` of passage ``chunk``."""

    chunk: int
    start: int
    end: int


def window_offsets(text: str, wrapped: bool = False) -> list[tuple[int, int]]:
    """Sentence-aligned ranges covering ``text``: sentences packed while the window stays
    ≤ WINDOW_CHARS; a sentence longer than that is alone, cut every MAX_WINDOW characters."""
    from .summarize import sentence_offsets

    out: list[tuple[int, int]] = []
    cur: tuple[int, int] | None = None
    for a, b in sentence_offsets(text, wrapped=wrapped):
        if b - a > WINDOW_CHARS:
            if cur:
                out.append(cur)
                cur = None
            out.extend((s, min(s + MAX_WINDOW, b)) for s in range(a, b, MAX_WINDOW))
        elif cur and b - cur[0] <= WINDOW_CHARS:
            cur = (cur[0], b)
        else:
            if cur:
                out.append(cur)
            cur = (a, b)
    if cur:
        out.append(cur)
    return out


def window_text(text: str, start: int, end: int) -> str:
    """What is embedded for a window: its characters with line breaks removed."""
    return text[start:end].replace("\n", "").replace("\u2028", "")


def chunk_windows(chunk: dict) -> list[Window]:
    """The windows of one stored passage (its ``id`` and ``text``)."""
    return [Window(int(chunk["id"]), a, b)
            for a, b in window_offsets(chunk.get("text", ""), wrapped=bool(chunk.get("ocr")))]


# -- in the index (``dense/windows.npy``, ``dense/window_spans.npy``, ``dense/window_keys.json``) --

FORMAT = 1  # of the window files; recorded in the manifest's embedding.windows


@dataclass
class WindowVectors:
    """Every window's vector and its (passage, start, end), searched by inner product at query time.

    11,800 windows (1.5 M characters of real PDFs) score in ~2 ms; nothing is embedded at query
    time but the question, which the dense search embeds anyway."""

    matrix: np.ndarray  # (n, dim) float32, unit length
    spans: np.ndarray  # (n, 3) int64: passage id, start, end (characters of the passage's text)
    keys: list[str]  # each window's text key (reused by the next build)

    def __post_init__(self) -> None:
        order = np.argsort(self.spans[:, 0], kind="stable")
        self._order = order
        self._starts = np.searchsorted(self.spans[order, 0], np.arange(int(self.spans[:, 0].max(initial=-1)) + 2))

    def __len__(self) -> int:
        return len(self.keys)

    def similarities(self, q: np.ndarray) -> np.ndarray:
        return self.matrix @ np.asarray(q, dtype=np.float32)

    def passage_best(self, sims: np.ndarray, n_chunks: int) -> np.ndarray:
        """Each passage's best window similarity (-inf for a passage without windows)."""
        best = np.full(n_chunks, -np.inf, dtype=np.float32)
        np.maximum.at(best, self.spans[:, 0], sims.astype(np.float32))
        return best

    def range_best(self, sims: np.ndarray, chunk: int, start: int, end: int) -> float | None:
        """The best similarity of the windows of passage ``chunk`` that overlap ``[start, end)``."""
        if not 0 <= chunk < len(self._starts) - 1:
            return None
        rows = self._order[self._starts[chunk]:self._starts[chunk + 1]]
        s = self.spans[rows]
        hit = rows[(s[:, 1] < end) & (s[:, 2] > start)]
        return float(sims[hit].max()) if len(hit) else None


def embed_windows(chunks: Iterable[dict], model, previous: dict[str, np.ndarray], batch: int = 32):
    """Generator of ``(done, total)`` progress pairs while the windows of ``chunks`` are embedded
    (a window whose text key is in ``previous`` is reused); returns :class:`WindowVectors`."""
    from .textkey import text_key

    spans: list[tuple[int, int, int]] = []
    keys: list[str] = []
    todo: dict[str, str] = {}
    for c in chunks:
        for w in chunk_windows(c):
            t = window_text(c["text"], w.start, w.end)
            if not t.strip():
                continue
            k = text_key(model.model_name, t)
            spans.append((w.chunk, w.start, w.end))
            keys.append(k)
            if k not in previous:
                todo[k] = t
    vectors = dict(previous)
    items = list(todo.items())
    for s in range(0, len(items), batch):
        yield s, len(items)
        part = items[s:s + batch]
        for (k, _), v in zip(part, model.get_text_embedding_batch([t for _, t in part]), strict=True):
            vectors[k] = np.asarray(v, dtype=np.float32)
    yield len(items), len(items)
    dim = next(iter(vectors.values())).shape[0] if vectors else 0
    matrix = np.vstack([vectors[k] for k in keys]).astype(np.float32) if keys else np.zeros((0, dim), np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    matrix /= np.where(norms > 0, norms, 1.0)
    return WindowVectors(matrix, np.asarray(spans, dtype=np.int64).reshape(-1, 3), keys)


def write_windows(folder: Path, wv: WindowVectors, model_name: str) -> dict:
    """The three files, and what the manifest records of them."""
    from .storage import write_json
    folder.mkdir(parents=True, exist_ok=True)
    np.save(folder / "windows.npy", wv.matrix, allow_pickle=False)
    np.save(folder / "window_spans.npy", wv.spans, allow_pickle=False)
    write_json(folder / "window_keys.json", {"model": model_name, "keys": wv.keys})
    return {"format": FORMAT, "count": len(wv), "window_chars": WINDOW_CHARS, "max_window": MAX_WINDOW}


def load_windows(version: Path, manifest: dict, n_chunks: int) -> WindowVectors | None:
    """The index's window vectors, checked like any index data; None when it has none."""
    from .index_files import load_npy, read_json
    from .manifest import damaged
    from .storage import member

    meta = manifest["embedding"].get("windows")
    if not meta:
        return None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise damaged("the window vectors are of an unknown format")
    keys_file = read_json(member(version, "dense/window_keys.json"))
    keys = keys_file.get("keys") if isinstance(keys_file, dict) else None
    if not (isinstance(keys, list) and all(isinstance(k, str) for k in keys)
            and keys_file.get("model") == manifest["embedding"]["model"] and len(keys) == meta.get("count")):
        raise damaged("dense/window_keys.json does not match the manifest")
    matrix = load_npy(member(version, "dense/windows.npy"), "f", (2,))
    spans = load_npy(member(version, "dense/window_spans.npy"), "i", (2,))
    if (matrix.shape != (len(keys), manifest["embedding"]["dim"]) or spans.shape != (len(keys), 3)
            or not np.all(np.isfinite(matrix))):
        raise damaged("the window vectors do not match their windows")
    spans = spans.astype(np.int64)
    if len(spans) and (spans[:, 0].min() < 0 or spans[:, 0].max() >= n_chunks or np.any(spans[:, 1] < 0)
                       or np.any(spans[:, 2] <= spans[:, 1])):
        raise damaged("dense/window_spans.npy does not match the passages")
    return WindowVectors(matrix.astype(np.float32, copy=False), spans, keys)


def previous_vectors(version: Path | None, manifest: dict | None, n_chunks: int,
                     model_name: str) -> dict[str, np.ndarray]:
    """Window vectors of the published version by text key, for reuse; empty when unusable."""
    if version is None or manifest is None or manifest["embedding"].get("model") != model_name:
        return {}
    try:
        wv = load_windows(version, manifest, n_chunks)
    except Exception:  # noqa: BLE001 - damaged: embed again
        return {}
    return {} if wv is None else {k: wv.matrix[i] for i, k in enumerate(wv.keys)}
