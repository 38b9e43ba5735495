"""Build and update an index: a generator of Progress events.

``build`` and ``update`` share one implementation: update reuses the chunks
of files whose content hash is unchanged, and every build reuses embeddings
of unchanged chunk texts from the published version, so nothing unchanged is
parsed or embedded twice. Closing the generator cancels the job; the
published index is untouched until the final atomic swap.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from . import __version__, storage
from .embed import DEFAULT_MODEL, load_embedder, text_key
from .ingest import OK, extract, file_digest
from .lawnames import LawNames, default_aliases
from .progress import Progress
from .structure import chunk_document
from .tokenize import Tokenizer, dictionary_version

EMBED_CHARS = 96  # chars of each article's opening embedded; see README "Dense index"
LEAD_CHARS = 80
EMBED_BATCH = 32


@dataclass
class BuildOptions:
    roots: list[Path]
    embedding: str = DEFAULT_MODEL  # "none" disables the dense index
    sudachi_mode: str = "C"
    whole_names: bool = True  # law names and article numbers as single terms
    embed_chars: int = EMBED_CHARS
    alias_files: list[Path] = field(default_factory=list)


def find_pdfs(roots: Sequence[Path]) -> list[tuple[int, str]]:
    """(root index, relative posix path) of every PDF under the roots."""
    found = []
    for i, root in enumerate(roots):
        root = Path(root)
        if root.is_file():
            found.append((i, root.name))
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.lower().endswith(".pdf") and not name.startswith("."):
                    rel = Path(dirpath, name).relative_to(root).as_posix()
                    found.append((i, rel))
    return found


def _abs(roots: Sequence[Path], root_idx: int, rel: str) -> Path:
    root = Path(roots[root_idx])
    return root if root.is_file() else root / rel


def index_text(chunk: dict) -> str:
    """What BM25 sees: caption and section heading carry topic words too."""
    head = chunk.get("caption", "")
    if chunk.get("heading_path"):
        head += " " + chunk["heading_path"][-1]
    return f"{head}\n{chunk['text']}"


def lead_text(chunk: dict) -> str:
    """An article's caption and first sentence: where Japanese statutes state their rule.

    Only the first part of a split article has a lead; later parts get none.
    """
    if chunk.get("part", 0):
        return ""
    return chunk.get("caption", "") + chunk["text"].split("。")[0][:LEAD_CHARS]


def embed_text(chunk: dict, chars: int) -> str:
    """Embedding cost is linear in characters, so only an article's opening is embedded."""
    if chunk.get("part", 0):
        return ""
    return f"{chunk.get('caption', '')}{chunk['text'][:chars]}"


def _previous(root: Path) -> tuple[dict | None, list[dict], Path | None]:
    try:
        version = storage.current_dir(root)
        manifest = storage.read_manifest(version)
    except Exception:
        return None, [], None
    chunks = []
    with open(version / "chunks.jsonl", encoding="utf-8") as f:
        for line in f:
            chunks.append(json.loads(line))
    return manifest, chunks, version


def _cached_vectors(version: Path | None, model_name: str) -> dict[str, np.ndarray]:
    if version is None:
        return {}
    keys_path, vec_path = version / "dense" / "vector_keys.json", version / "dense" / "vectors.npy"
    if not keys_path.exists() or not vec_path.exists():
        return {}
    meta = json.loads(keys_path.read_text(encoding="utf-8"))
    if meta.get("model") != model_name:
        return {}
    vectors = np.load(vec_path, allow_pickle=False)
    return {k: vectors[i] for i, k in enumerate(meta["keys"])}


def build(index_root: Path, options: BuildOptions, incremental: bool = False) -> Iterator[Progress]:
    """Build (or with ``incremental`` update) the index at ``index_root``."""
    index_root = Path(index_root)
    with storage.writer_lock(index_root):
        storage.clean_stale(index_root)
        version = storage.new_version_dir(index_root)
        try:
            yield from _build_into(version, index_root, options, incremental)
            yield Progress("publish", 0, 1, "publishing")
            storage.publish(index_root, version)
            storage.clean_stale(index_root)
            yield Progress("done", 1, 1, "index published")
        finally:
            if version.exists():  # cancelled or failed: drop the half-built version
                storage._remove(version)


def _build_into(version: Path, index_root: Path, opt: BuildOptions,
                incremental: bool) -> Iterator[Progress]:
    roots = [Path(r).resolve() for r in opt.roots]
    prev_manifest, prev_chunks, prev_version = _previous(index_root)
    reusable: dict[str, tuple[dict, list[dict]]] = {}
    if incremental and prev_manifest:
        by_doc: dict[str, list[dict]] = {}
        for c in prev_chunks:
            by_doc.setdefault(c["doc_id"], []).append(c)
        for d in prev_manifest["documents"]:
            reusable[d["sha256"]] = (d, by_doc.get(d["doc_id"], []))

    yield Progress("scan", 0, 1, "looking for PDF files")
    files = find_pdfs(roots)
    documents: list[dict] = []
    chunks: list[dict] = []
    seen: dict[str, dict] = {}
    for n, (ri, rel) in enumerate(files):
        path = _abs(roots, ri, rel)
        yield Progress("ingest", n, len(files), rel)
        doc_id = f"{ri}:{rel}"
        try:
            digest = file_digest(path)[0]
        except OSError:
            digest = ""  # unreadable: extract() reports why
        if digest and digest in seen:  # identical file at another path
            seen[digest]["duplicates"].append({"root": ri, "path": rel})
            continue
        if digest and digest in reusable and reusable[digest][0]["status"] == OK:
            old, old_chunks = reusable[digest]
            entry = {**old, "doc_id": doc_id, "root": ri, "path": rel, "duplicates": []}
            for c in old_chunks:
                chunks.append({**c, "doc_id": doc_id})
        else:
            ex = extract(path)
            entry = {"doc_id": doc_id, "root": ri, "path": rel, "sha256": ex.sha256,
                     "bytes": ex.size, "status": ex.status, "reason": ex.reason,
                     "title": ex.title, "law_num": ex.law_num, "pages": ex.page_count,
                     "chars": ex.chars, "duplicates": []}
            if ex.status == OK:
                for c in chunk_document(ex, doc_id):
                    chunks.append(c.to_json())
        entry["chunks"] = sum(1 for c in chunks if c["doc_id"] == doc_id) if entry["status"] == OK else 0
        documents.append(entry)
        if digest:
            seen[digest] = entry
    yield Progress("ingest", len(files), len(files), f"{len(files)} files read")

    for i, c in enumerate(chunks):
        c["id"] = i
    names = LawNames((d["title"] for d in documents if d["status"] == OK),
                     default_aliases(opt.alias_files))
    tokenizer = Tokenizer(names, mode=opt.sudachi_mode, whole_names=opt.whole_names)
    corpus_tokens, lead_tokens = [], []
    for i, c in enumerate(chunks):
        if i % 200 == 0:
            yield Progress("tokenize", i, len(chunks), "tokenizing")
        corpus_tokens.append(tokenizer.tokens(index_text(c)) or ["∅"])
        lead_tokens.append(tokenizer.tokens(lead_text(c)) or ["∅"])
    yield Progress("tokenize", len(chunks), len(chunks), "tokenized")
    _write_bm25(version / "bm25", corpus_tokens)
    _write_bm25(version / "bm25_lead", lead_tokens)

    embedding_meta = {"model": "none", "dim": 0}
    if opt.embedding != "none" and chunks:
        model = load_embedder(opt.embedding)
        cache = _cached_vectors(prev_version, model.model_name)
        texts = [embed_text(c, opt.embed_chars) for c in chunks]
        rows = [i for i, t in enumerate(texts) if t]  # chunks that get a vector
        keys = [text_key(model.model_name, texts[i]) for i in rows]
        todo = [r for r, k in zip(rows, keys, strict=True) if k not in cache]
        key_of = dict(zip(rows, keys, strict=True))
        for start in range(0, len(todo), EMBED_BATCH):
            yield Progress("embed", start, len(todo), f"embedding ({len(chunks) - len(todo)} reused)")
            batch = todo[start:start + EMBED_BATCH]
            vecs = model.get_text_embedding_batch([texts[i] for i in batch])
            for i, v in zip(batch, vecs, strict=True):
                cache[key_of[i]] = np.asarray(v, dtype=np.float32)
        yield Progress("embed", len(todo), len(todo), "embedded")
        matrix = np.vstack([cache[k] for k in keys]).astype(np.float32)
        _write_dense(version / "dense", matrix, keys, rows, model.model_name)
        embedding_meta = {"model": model.model_name, "spec": opt.embedding,
                          "dim": int(matrix.shape[1]), "embed_chars": opt.embed_chars}

    yield Progress("write", 0, 1, "writing chunks")
    with open(version / "chunks.jsonl", "w", encoding="utf-8") as f:
        for c in chunks:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    manifest = {
        "format": "reglens-index",
        "format_version": storage.FORMAT_VERSION,
        "reglens_version": __version__,
        "created": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "roots": [str(r) for r in roots],
        "tokenizer": {"sudachi_dictionary": dictionary_version(), "split_mode": opt.sudachi_mode,
                      "whole_names": opt.whole_names},
        "embedding": embedding_meta,
        "law_names": sorted(names.titles),
        "aliases": {a: t for a, t in names.canonical.items() if a != t},
        "chunk_count": len(chunks),
        "documents": documents,
    }
    storage.seal(version, manifest)
    yield Progress("write", 1, 1, "written")


def _write_bm25(path: Path, corpus_tokens: list[list[str]]) -> None:
    import bm25s
    retriever = bm25s.BM25(k1=1.2, b=0.75)
    # a library whose files all failed still publishes (their statuses are the news);
    # bm25s cannot index nothing, so it gets one placeholder row no chunk points to
    retriever.index(corpus_tokens or [["∅"]], show_progress=False)
    retriever.save(str(path), allow_pickle=False)


def _write_dense(path: Path, matrix: np.ndarray, keys: list[str], rows: list[int],
                 model_name: str) -> None:
    import faiss
    from llama_index.core.schema import TextNode
    from llama_index.vector_stores.faiss import FaissVectorStore

    path.mkdir(parents=True, exist_ok=True)
    store = FaissVectorStore(faiss_index=faiss.IndexFlatIP(matrix.shape[1]))
    # FAISS rows are positional; vector_keys.json maps row n to chunk rows[n]
    store.add([TextNode(id_=str(chunk), text="", embedding=matrix[n].tolist())
               for n, chunk in enumerate(rows)])
    store.persist(persist_path=str(path / "faiss.index"))
    np.save(path / "vectors.npy", matrix, allow_pickle=False)
    storage.write_json(path / "vector_keys.json", {"model": model_name, "keys": keys, "chunks": rows})
