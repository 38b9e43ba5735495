"""Each document's title embedded as a passage, made at build time and stored with the index.

Search lifts the document whose title is nearest an English question by meaning ("the Atomic Energy
Basic Act" names 原子力基本法 in no word it shares). Embedding the titles when the question comes costs
~0.2 s a title on a busy two-core machine — minutes for a library of thousands of documents — so the
build embeds them once, beside the passage vectors, and an update reuses the published version's by
title text. Files (sealed in the manifest like every other)::

    dense/titles.npy        float32, unit length, row n = the document title_keys.json["docs"][n]
    dense/title_keys.json   {"model": ..., "docs": [doc_id, ...], "keys": [text key of each title, ...]}

An index built before them has none: search then embeds the titles at first use, for a small library only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

FORMAT = 1


@dataclass(frozen=True)
class TitleVectors:
    """The documents (doc ids, in manifest order) and their titles' unit vectors, one row each."""
    docs: list[str]
    matrix: np.ndarray

    def nearest_first(self, q: np.ndarray) -> list[str]:
        """The documents by their title's nearness in meaning to the (unit) question vector ``q``."""
        return [self.docs[k] for k in np.argsort(-(self.matrix @ q), kind="stable")]


def unit_rows(vectors) -> np.ndarray:
    matrix = np.asarray(vectors, dtype=np.float64).reshape(len(vectors), -1)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return (matrix / np.maximum(norms, 1e-9)).astype(np.float32)


def embed_titles(documents: list[dict], model, previous: dict[str, np.ndarray]) -> tuple[TitleVectors, list[str]]:
    """The titles' vectors and their text keys, reusing ``previous`` (text key → vector) where it has them."""
    from .textkey import text_key
    docs = [d["doc_id"] for d in documents]
    keys = [text_key(model.model_name, d["title"]) for d in documents]
    todo = sorted({k: d["title"] for d, k in zip(documents, keys, strict=True) if k not in previous}.items())
    made = dict(previous)
    if todo:
        vecs = model.get_text_embedding_batch([t for _, t in todo])
        made.update({k: np.asarray(v, dtype=np.float32) for (k, _), v in zip(todo, vecs, strict=True)})
    rows = [made[k] for k in keys]
    dim = rows[0].shape[0] if rows else 0
    matrix = unit_rows(rows) if rows else np.zeros((0, dim), np.float32)
    return TitleVectors(docs, matrix), keys


def write_titles(folder: Path, tv: TitleVectors, keys: list[str], model_name: str) -> dict:
    """The two files, and what the manifest records of them."""
    from .storage import write_json
    folder.mkdir(parents=True, exist_ok=True)
    np.save(folder / "titles.npy", tv.matrix, allow_pickle=False)
    write_json(folder / "title_keys.json", {"model": model_name, "docs": tv.docs, "keys": keys})
    return {"format": FORMAT, "count": len(tv.docs)}


def _read(version: Path, manifest: dict) -> tuple[TitleVectors, list[str]] | None:
    from .index_files import load_npy, read_json
    from .manifest import damaged
    from .storage import member

    meta = manifest["embedding"].get("titles")
    if not meta:
        return None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise damaged("the title vectors are of an unknown format")
    listing = read_json(member(version, "dense/title_keys.json"))
    docs = listing.get("docs") if isinstance(listing, dict) else None
    keys = listing.get("keys") if isinstance(listing, dict) else None
    titles = {d["doc_id"]: d.get("title", "") for d in manifest["documents"]}
    if not (isinstance(docs, list) and isinstance(keys, list) and len(docs) == len(keys) == meta.get("count")
            and all(isinstance(d, str) and d in titles for d in docs) and len(set(docs)) == len(docs)
            and all(isinstance(k, str) for k in keys) and listing.get("model") == manifest["embedding"]["model"]):
        raise damaged("dense/title_keys.json does not match the manifest")
    matrix = load_npy(member(version, "dense/titles.npy"), "f", (2,))
    if matrix.shape != (len(docs), manifest["embedding"]["dim"]) or not np.all(np.isfinite(matrix)):
        raise damaged("dense/titles.npy does not match its documents")
    norms = np.linalg.norm(matrix.astype(np.float64), axis=1)
    if not np.all((np.abs(norms - 1.0) < 1e-3) | (norms == 0.0)):  # the build writes unit rows
        raise damaged("dense/titles.npy does not hold unit vectors")
    from .textkey import text_key
    if any(k != text_key(listing["model"], titles[d]) for d, k in zip(docs, keys, strict=True)):
        raise damaged("dense/title_keys.json does not match the documents' titles")
    return TitleVectors(docs, matrix.astype(np.float32, copy=False)), keys


def load_titles(version: Path, manifest: dict) -> TitleVectors | None:
    """The index's title vectors, checked like any index data; None when it was built without them."""
    got = _read(version, manifest)
    return None if got is None else got[0]


def previous_vectors(version: Path | None, manifest: dict | None, model_name: str) -> dict[str, np.ndarray]:
    """The published version's title vectors by text key, for reuse; empty when unusable."""
    if version is None or manifest is None or manifest["embedding"].get("model") != model_name:
        return {}
    try:
        got = _read(version, manifest)
    except Exception:  # noqa: BLE001 - damaged: embed again
        return {}
    return {} if got is None else {k: got[0].matrix[i] for i, k in enumerate(got[1])}
