"""Passages on disk: one SQLite file per index version, read by id when needed.

Ranking needs only ids, scores and a few short columns (document, article key,
title), which are loaded as arrays; the text, citation fields and line
positions of a passage are read from disk when a result is shown, so loading
a library of 100,000 pages does not parse every passage into memory.

The file comes from a possibly shared drive: it is opened read-only and
immutable (no journal, no locks on the share), with untrusted schema features
off, its single table is checked to be a plain table, and every passage read
is checked like any other index data.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from .manifest import check_chunk, damaged

FILE = "chunks.sqlite"
_SCHEMA = ("CREATE TABLE chunk (id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL, doc_title TEXT NOT NULL, "
           "article_key TEXT NOT NULL, data TEXT NOT NULL)")
# The short columns as a covering index: loading reads them from its few pages instead of
# scanning every passage's text (≈1 GB at 100,000 pages). Format 2 stores have no index.
_INDEX = "CREATE INDEX chunk_columns ON chunk (id, doc_id, doc_title, article_key)"
CACHE = 4096  # passages kept parsed: a search touches a few hundred at most
MAX_COLUMN = 4096  # characters of a document id, title or article key
MAX_PASSAGE = 4 << 20  # characters of one stored passage


class Writer:
    """Passages appended as files are read, so a build never holds the whole library in memory.

    One transaction for the whole file (journal off: an unfinished build's folder is
    deleted, never opened), committed by :meth:`close`; ids are given in order from 0.
    """

    def __init__(self, path: Path):
        self._con = sqlite3.connect(f"file:{quote(str(path))}", uri=True)
        self._con.execute("PRAGMA journal_mode=OFF")
        self._con.execute("PRAGMA synchronous=OFF")  # the seal and the atomic publish come after
        self._con.execute("PRAGMA trusted_schema=OFF")
        self._con.execute(_SCHEMA)
        self.count = 0
        self._previous = False

    def add(self, chunks: list[dict]) -> None:
        """Append passages, giving each its id (``c["id"]`` is set)."""
        for c in chunks:
            c["id"] = self.count
            self.count += 1
        self._con.executemany("INSERT INTO chunk VALUES (?, ?, ?, ?, ?)", (
            (c["id"], c["doc_id"], c["doc_title"], c.get("article_key", ""), json.dumps(c, ensure_ascii=False))
            for c in chunks))

    def attach_previous(self, path: Path) -> None:
        """Open the previous version's store (read-only, immutable) for :meth:`copy`."""
        self._con.execute("ATTACH DATABASE ? AS prev", (f"file:{quote(str(path))}?mode=ro&immutable=1",))
        self._previous = True

    def copy(self, old_doc: str, old_ids: list[int], doc_id: str) -> int:
        """Append the passages ``old_ids`` of the previous version's document ``old_doc`` as
        document ``doc_id``, copied inside SQLite (no passage becomes a Python object: copying
        them one by one was a third of an update at 100,000 pages). Their new ids and document
        id are written into their JSON only when they differ. Each row must be a JSON object of
        bounded size whose id and doc_id are its own; the rest of a passage is checked when it is
        read, as with any version (``ChunkStore``). Returns how many were copied."""
        if not self._previous:
            raise RuntimeError("attach_previous first")
        runs: list[tuple[int, int]] = []  # ids run on in a version RegLens wrote: one query per document
        for i in old_ids:
            if runs and runs[-1][1] == i:
                runs[-1] = (runs[-1][0], i + 1)
            else:
                runs.append((i, i + 1))
        for start, stop in runs:
            shift = self.count - start
            copied = self._con.execute(
                "INSERT INTO chunk (id, doc_id, doc_title, article_key, data) "
                "SELECT id + ?1, ?2, doc_title, article_key, CASE WHEN ?1 = 0 AND ?2 = ?3 THEN data "
                "ELSE json_set(data, '$.id', id + ?1, '$.doc_id', ?2) END FROM prev.chunk "
                "WHERE id >= ?4 AND id < ?5 AND doc_id = ?3 AND typeof(doc_title) = 'text' "
                "AND typeof(article_key) = 'text' AND length(doc_title) <= ?7 AND length(article_key) <= ?7 "
                "AND typeof(data) = 'text' AND length(data) <= ?6 AND json_valid(data) "
                "AND json_type(data) = 'object' AND json_type(data, '$.id') = 'integer' "
                "AND json_extract(data, '$.id') = id AND json_extract(data, '$.doc_id') = ?3 ORDER BY id",
                (shift, doc_id, old_doc, start, stop, MAX_PASSAGE, MAX_COLUMN)).rowcount
            if copied != stop - start:
                raise damaged(f"{FILE}: passages {start}–{stop - 1} of the previous version are not what "
                              "its manifest says")
            self.count += copied
        return len(old_ids)

    def close(self) -> None:
        try:
            if self._previous:
                self._con.commit()
                self._con.execute("DETACH DATABASE prev")
            self._con.execute(_INDEX)  # once, after the inserts: cheaper than maintaining it
            self._con.commit()
        finally:
            self._con.close()


def write(path: Path, chunks: list[dict]) -> None:
    """All passages, in id order, in one transaction."""
    w = Writer(path)
    try:
        w.add(chunks)
    finally:
        w.close()


def iter_own(path: Path, start: int = 0, stop: int | None = None) -> Iterator[dict]:
    """Passages ``start``..``stop-1`` (all by default) of the store being built, in id order, as
    written (passages copied from a previous version are checked by the caller when it reads them)."""
    con = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)
    try:
        for (data,) in con.execute("SELECT data FROM chunk WHERE id >= ? AND id < ? ORDER BY id",
                                   (start, stop if stop is not None else 1 << 62)):
            yield json.loads(data)
    finally:
        con.close()


class ChunkStore(Sequence[dict]):
    """A read-only sequence of passages (dicts) backed by SQLite, with short columns in memory."""

    def __init__(self, path: Path, count: int, documents: dict[str, dict]):
        self._documents = documents
        self._count = count
        try:
            self._con = sqlite3.connect(f"file:{quote(str(path))}?mode=ro&immutable=1", uri=True,
                                        check_same_thread=False)
            self._con.execute("PRAGMA trusted_schema=OFF")
            kinds = self._con.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
            # exactly our table (and index): no views, triggers, generated columns
            if kinds == [("table", "chunk", _SCHEMA), ("index", "chunk_columns", _INDEX)]:
                source = "chunk INDEXED BY chunk_columns"
            elif kinds == [("table", "chunk", _SCHEMA)]:
                source = "chunk"
            else:
                raise damaged(f"{FILE} holds unexpected objects")
            # names past the bound are never fetched (a forged 1 GB title would exhaust memory);
            # their rows are then missing and the count below fails
            # only text columns of bounded size are fetched: a forged 1 GB title would exhaust memory,
            # a number where a name belongs would reach code that expects a name; such rows are then
            # missing and the count below fails
            rows = self._con.execute(
                f"SELECT id, doc_id, doc_title, article_key FROM {source} WHERE typeof(doc_id) = 'text' "
                "AND typeof(doc_title) = 'text' AND typeof(article_key) = 'text' AND length(doc_id) <= ?1 "
                "AND length(doc_title) <= ?1 AND length(article_key) <= ?1 ORDER BY id", (MAX_COLUMN,)).fetchall()
        except sqlite3.Error as exc:
            raise damaged(f"{FILE} cannot be read ({exc})") from None
        # ids are the table's integer primary key, distinct and ascending: count, first and last
        # being right means they are exactly 0..count-1 in order
        if len(rows) != count or (rows and (rows[0][0] != 0 or rows[-1][0] != count - 1)):
            raise damaged(f"{FILE} holds {len(rows)} passages of plausible size, the manifest says {count}")
        _, doc_ids, titles, keys = zip(*rows, strict=True) if rows else ((), (), (), ())
        del rows
        if not set(doc_ids) <= documents.keys():
            raise damaged(f"{FILE}: a passage belongs to no listed document")
        self.doc_ids: list[str] = list(doc_ids)
        self.doc_titles: list[str] = list(titles)
        self.article_keys: list[str] = list(keys)
        self._lock = threading.Lock()  # one connection, readers in several threads
        self._get = lru_cache(maxsize=CACHE)(self._read)

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._count))]
        if not 0 <= i < self._count:
            raise IndexError(i)
        return self._get(int(i))

    def __iter__(self) -> Iterator[dict]:
        for i in range(self._count):
            yield self[i]

    def _read(self, i: int) -> dict:
        try:
            with self._lock:
                row = self._con.execute("SELECT data FROM chunk WHERE id = ? AND length(data) <= ?",
                                        (i, MAX_PASSAGE)).fetchone()
            c = json.loads(row[0]) if row and isinstance(row[0], str) else None
        except (sqlite3.Error, ValueError, RecursionError, MemoryError) as exc:
            raise damaged(f"{FILE}: passage {i} cannot be read ({exc})") from None
        c = check_chunk(c, i, self._documents)
        if c["doc_id"] != self.doc_ids[i]:
            raise damaged(f"{FILE}: passage {i} is inconsistent")
        return c

    def read_range(self, start: int, stop: int) -> list[dict]:
        """Passages start..stop-1 in one query, each checked like :meth:`__getitem__` (an update
        copies a document's passages: one query per passage was most of that copy)."""
        if not 0 <= start <= stop <= self._count:
            raise IndexError(start)
        try:
            with self._lock:
                rows = self._con.execute("SELECT id, data FROM chunk WHERE id >= ? AND id < ? AND length(data) <= ? "
                                         "ORDER BY id", (start, stop, MAX_PASSAGE)).fetchall()
            out = [json.loads(d) if isinstance(d, str) else None for _, d in rows]
        except (sqlite3.Error, ValueError, RecursionError, MemoryError) as exc:
            raise damaged(f"{FILE}: passages {start}–{stop} cannot be read ({exc})") from None
        if [r[0] for r in rows] != list(range(start, stop)):
            raise damaged(f"{FILE}: passages {start}–{stop} are missing or too long")
        for i, c in zip(range(start, stop), out, strict=True):
            check_chunk(c, i, self._documents)
            if c is None or c["doc_id"] != self.doc_ids[i]:
                raise damaged(f"{FILE}: passage {i} is inconsistent")
        return out  # type: ignore[return-value]

    def close(self) -> None:
        self._con.close()


def columns(chunks: Sequence[dict]) -> tuple[list[str], list[str], list[str]]:
    """(doc_id, doc_title, article_key) of every passage, without reading a store's texts."""
    if isinstance(chunks, ChunkStore):
        return chunks.doc_ids, chunks.doc_titles, chunks.article_keys
    return ([c["doc_id"] for c in chunks], [c["doc_title"] for c in chunks],
            [c.get("article_key", "") for c in chunks])


class ArticleChunks:
    """(doc_id, article_key) → that article's passages, fetched when asked for."""

    def __init__(self, chunks: Sequence[dict]):
        self._chunks = chunks
        self._ids: dict[tuple[str, str], list[int]] = {}
        for i, (doc, _title, key) in enumerate(zip(*columns(chunks), strict=True)):
            if key:
                self._ids.setdefault((doc, key), []).append(i)

    def get(self, key: tuple[str, str]) -> list[dict] | None:
        ids = self._ids.get(key)
        return [self._chunks[i] for i in ids] if ids else None

    def __contains__(self, key: object) -> bool:
        return key in self._ids

    def __len__(self) -> int:
        return len(self._ids)

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self._ids)

    def items(self) -> Iterator[tuple[tuple[str, str], list[dict]]]:
        for key, ids in self._ids.items():
            yield key, [self._chunks[i] for i in ids]
