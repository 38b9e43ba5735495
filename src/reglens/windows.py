"""Meaning over the whole text: sentence-aligned windows of a passage and their vectors.

The dense index embeds only each passage's opening (``indexer.EMBED_CHARS``), because
embedding costs ~2,000 characters/s on 2 cores. A paraphrase that matches the middle of
a long manual section therefore reaches search only through its words. Windows cover
the whole text: consecutive sentences (``summarize.sentence_offsets``) packed up to
:data:`WINDOW_CHARS` characters; a longer sentence is its own window, cut every
:data:`MAX_WINDOW` characters. Each window knows its passage and character range, so a
passage's best window and a sentence's window can be looked up at query time.

:class:`VectorCache` keeps window vectors on disk keyed by ``embed.text_key`` (model +
text), written as it goes so an interrupted embedding resumes: vectors in ``.npy``
shards and a SQLite table key → (shard, row). No pickle.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
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


class VectorCache:
    """Vectors by text key, appended in shards; safe to stop and reopen (resumable)."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.folder / "keys.sqlite")
        self._db.execute("CREATE TABLE IF NOT EXISTS vec (key TEXT PRIMARY KEY, shard INTEGER, row INTEGER)")
        self._db.commit()
        self._shards: dict[int, np.ndarray] = {}

    def close(self) -> None:
        self._db.close()

    def __contains__(self, key: str) -> bool:
        return self._db.execute("SELECT 1 FROM vec WHERE key = ?", (key,)).fetchone() is not None

    def keys(self) -> set[str]:
        return {k for (k,) in self._db.execute("SELECT key FROM vec")}

    def add(self, keys: Sequence[str], vectors: np.ndarray) -> None:
        """One shard per call, then its keys (a shard without keys is only wasted space)."""
        (nxt,) = self._db.execute("SELECT COALESCE(MAX(shard), -1) + 1 FROM vec").fetchone()
        np.save(self.folder / f"shard_{nxt:06d}.npy", np.asarray(vectors, dtype=np.float32))
        self._db.executemany("INSERT OR IGNORE INTO vec VALUES (?, ?, ?)",
                             [(k, nxt, i) for i, k in enumerate(keys)])
        self._db.commit()

    def matrix(self, keys: Iterable[str]) -> np.ndarray:
        """The vectors of ``keys`` in order (each key must be present)."""
        rows = []
        for k in keys:
            found = self._db.execute("SELECT shard, row FROM vec WHERE key = ?", (k,)).fetchone()
            if found is None:
                raise KeyError(k)
            shard, row = found
            if shard not in self._shards:
                self._shards[shard] = np.load(self.folder / f"shard_{shard:06d}.npy", allow_pickle=False)
            rows.append(self._shards[shard][row])
        return np.vstack(rows).astype(np.float32) if rows else np.zeros((0, 0), np.float32)
