"""Reading a version's data files as untrusted input.

Every array is checked against its file's size before NumPy allocates it (a
forged .npy header could ask for hundreds of GiB), no object arrays are ever
loaded, the BM25 matrix's structure is checked before bm25s indexes into it,
and the dense index is rebuilt in memory from the vectors instead of parsing a
FAISS binary from disk.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .legal.graph import KINDS as EDGE_KINDS
from .legal.graph import Graph
from .manifest import damaged
from .safeio import FileTooLarge, NotARegularFile, is_regular, loads, read_regular
from .storage import member

BM25_PARAMS = {"k1", "b", "delta", "method", "idf_method", "dtype", "int_dtype", "backend", "version",
               "num_docs", "corpus", "stopwords", "tokenizer", "skip_sort"}
MAX_JSON_BYTES = 512 << 20


def check_npy(path: Path, dtype_kinds: str = "fiu", ndim: tuple[int, ...] = (1, 2)) -> tuple[tuple[int, ...], np.dtype]:
    """Shape and dtype of an .npy file whose header agrees with its size; never unpickles."""
    fmt = np.lib.format
    if not is_regular(path):  # a FIFO would block the open below, a link could lead anywhere
        raise damaged(f"{path.name} is not a regular file")
    try:
        with open(path, "rb") as f:
            version = fmt.read_magic(f)
            if version == (1, 0):
                shape, fortran, dtype = fmt.read_array_header_1_0(f, max_header_size=4096)
            elif version in ((2, 0), (3, 0)):
                shape, fortran, dtype = fmt.read_array_header_2_0(f, max_header_size=4096)
            else:
                raise ValueError(f"unknown .npy version {version}")
            offset = f.tell()
        size = path.stat().st_size
    except (OSError, ValueError, SyntaxError, TypeError, OverflowError, RecursionError, MemoryError) as exc:
        raise damaged(f"{path.name} is not a valid array file ({str(exc)[:200]})") from None
    if not all(type(n) is int and 0 <= n < (1 << 40) for n in shape):
        raise damaged(f"{path.name} declares an impossible shape")
    if dtype.hasobject or dtype.kind not in dtype_kinds or len(shape) not in ndim or fortran:
        raise damaged(f"{path.name} holds an unexpected kind of array")
    expected = offset + int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    if expected != size:
        raise damaged(f"{path.name} does not match its own header ({size} bytes, header says {expected})")
    return shape, dtype


def load_npy(path: Path, dtype_kinds: str = "fiu", ndim: tuple[int, ...] = (1, 2),
             mmap: bool = False) -> np.ndarray:
    check_npy(path, dtype_kinds, ndim)
    try:
        return np.load(path, allow_pickle=False, mmap_mode="r" if mmap else None)
    except (OSError, ValueError) as exc:
        raise damaged(f"{path.name} cannot be read ({exc})") from None


def read_json(path: Path) -> object:
    try:
        return loads(read_regular(path, MAX_JSON_BYTES, follow_links=False))
    except FileNotFoundError:
        raise damaged(f"{path.name} is missing") from None
    except (NotARegularFile, FileTooLarge):
        raise damaged(f"{path.name} is not a regular file of plausible size") from None
    except (OSError, ValueError) as exc:
        raise damaged(f"{path.name} is unreadable ({str(exc)[:200]})") from None


def load_chunks(version: Path, manifest: dict):
    """The passage store, its short columns checked against the manifest's documents."""
    from .chunkstore import FILE, ChunkStore
    docs = {d["doc_id"]: d for d in manifest["documents"]}
    return ChunkStore(member(version, FILE), manifest["chunk_count"], docs)


BM25_FILES = ("params.index.json", "vocab.index.json", "data.csc.index.npy", "indices.csc.index.npy",
              "indptr.csc.index.npy")
# what RegLens writes; bm25s is told these, whatever params.index.json says
BM25_FORCED = {"method": "lucene", "idf_method": "lucene", "backend": "numpy", "dtype": "float32",
               "int_dtype": "int32"}


def load_bm25(version: Path, name: str, num_docs: int):
    """A bm25s index whose files, parameters and sparse matrix have been checked."""
    import bm25s

    member(version, name, folder=True)
    paths = {f: member(version, f"{name}/{f}") for f in BM25_FILES}  # regular files, no links
    params = read_json(paths["params.index.json"])
    vocab = read_json(paths["vocab.index.json"])
    if (not isinstance(params, dict) or not set(params) <= BM25_PARAMS or type(params.get("num_docs")) is not int
            or params["num_docs"] != num_docs
            or not all(type(params.get(k, 0.5)) in (int, float) and 0 <= params.get(k, 0.5) <= 10
                       for k in ("k1", "b", "delta"))):
        raise damaged(f"{name}: unexpected lexical index parameters")
    if not isinstance(vocab, dict) or not all(type(v) is int for v in vocab.values()):
        raise damaged(f"{name}: invalid vocabulary")
    data = load_npy(paths["data.csc.index.npy"], "f", (1,), mmap=True)
    indices = load_npy(paths["indices.csc.index.npy"], "iu", (1,), mmap=True)
    indptr = load_npy(paths["indptr.csc.index.npy"], "iu", (1,), mmap=True)
    n_terms = len(indptr) - 1
    if (data.dtype != np.float32 or indices.dtype != np.int32 or len(data) != len(indices) or n_terms < 0
            or (len(indptr) and (indptr[0] != 0 or indptr[-1] != len(data)))
            or np.any(np.diff(indptr.astype(np.int64)) < 0)
            or (len(indices) and (int(indices.min()) < 0 or int(indices.max()) >= num_docs))
            or any(v < 0 for v in vocab.values())):
        raise damaged(f"{name}: the lexical index is inconsistent")
    try:
        # memory-mapped: pages are read when a query touches them and shared between processes
        bm = bm25s.BM25.load(str(version / name), allow_pickle=False, mmap=True, override_params=BM25_FORCED)
    except Exception as exc:  # bm25s raises what its parsing hits; checked above, so rare
        raise damaged(f"{name} cannot be read ({type(exc).__name__})") from None
    if bm.scores["num_docs"] != num_docs:
        raise damaged(f"{name} does not match the passages")
    # bm25s keeps an id past the matrix for its empty token; no query may index beyond the matrix
    bm.vocab_dict = {t: v for t, v in bm.vocab_dict.items() if v < n_terms}
    return bm


def load_vectors(version: Path, manifest: dict, n_chunks: int) -> tuple[np.ndarray, list[int], list[str]]:
    """Passage vectors, the chunk each row belongs to, and each row's text key (embedding cache)."""
    meta = read_json(member(version, "dense/vector_keys.json"))
    if not isinstance(meta, dict):
        raise damaged("dense/vector_keys.json is not an object")
    rows, keys, model = meta.get("chunks"), meta.get("keys"), meta.get("model")
    if not (isinstance(rows, list) and isinstance(keys, list) and len(rows) == len(keys)
            and all(type(r) is int and 0 <= r < n_chunks for r in rows)
            and all(isinstance(k, str) for k in keys) and isinstance(model, str)):
        raise damaged("dense/vector_keys.json does not match the passages")
    if model != manifest["embedding"]["model"]:
        raise damaged("the vectors were made by another model than the manifest names")
    matrix = load_npy(member(version, "dense/vectors.npy"), "f", (2,))
    if matrix.shape[0] != len(rows) or matrix.shape[1] != manifest["embedding"]["dim"]:
        raise damaged("dense/vectors.npy does not match the passages")
    if not np.all(np.isfinite(matrix)):
        raise damaged("dense/vectors.npy holds invalid numbers")
    return matrix.astype(np.float32, copy=False), rows, keys


def load_tokens(version: Path, n_chunks: int):
    """The term ids of a version's passages (``tokenids.StoredTokens``), every id and offset checked."""
    from .tokenids import FIELDS, StoredTokens
    meta = read_json(member(version, "tokens/vocab.json"))
    terms = meta.get("terms") if isinstance(meta, dict) else None
    if not (isinstance(terms, list) and all(isinstance(t, str) for t in terms) and len(set(terms)) == len(terms)):
        raise damaged("tokens/vocab.json is not a list of distinct terms")
    ids, starts = {}, {}
    for f in FIELDS:
        a = load_npy(member(version, f"tokens/{f}.npy"), "i", (1,), mmap=True)
        s = load_npy(member(version, f"tokens/{f}_starts.npy"), "i", (1,))
        if (a.dtype != np.int32 or s.dtype != np.int64 or len(s) != n_chunks + 1 or int(s[0]) != 0
                or int(s[-1]) != len(a) or np.any(np.diff(s) < 0)
                or (len(a) and (int(a.min()) < 0 or int(a.max()) >= len(terms)))):
            raise damaged(f"tokens/{f} does not match the passages")
        ids[f], starts[f] = a, s
    return StoredTokens(terms, ids, starts)


IVF_FILES = ("ivf_centroids.npy", "ivf_order.npy", "ivf_starts.npy")


def load_ivf(version: Path, manifest: dict, shape: tuple[int, ...]):
    """The inverted file of a large index (``dense.IVF``), checked; None when the index has none."""
    from .dense import IVF
    if not manifest["embedding"].get("ivf"):
        return None
    c, o, s = (load_npy(member(version, f"dense/{f}"), kinds, (nd,), mmap=True)
               for f, kinds, nd in zip(IVF_FILES, ("f", "i", "i"), (2, 1, 1), strict=True))
    ivf = IVF(np.asarray(c, dtype=np.float32), np.asarray(o), np.asarray(s, dtype=np.int64))
    if not ivf.check(shape[0], shape[1]):
        raise damaged("the dense index's lists do not match its vectors")
    return ivf


def load_graph(version: Path, documents: dict[str, dict]) -> Graph:
    """graph.json: references, delegations and definitions resolved by the build; every id checked."""
    data = read_json(member(version, "graph.json"))
    if not (isinstance(data, dict) and isinstance(data.get("edges"), list)
            and isinstance(data.get("definitions"), list)):
        raise damaged("graph.json holds no legal graph")

    def provision(doc: object, key: object) -> tuple[str, str]:
        if not (isinstance(doc, str) and doc in documents and isinstance(key, str) and len(key) <= 64):
            raise damaged("graph.json names an unknown provision")
        return doc, key

    edges = []
    for e in data["edges"]:
        if not (isinstance(e, list) and len(e) == 5 and e[4] in EDGE_KINDS):
            raise damaged("graph.json is malformed")
        edges.append((provision(e[0], e[1]), provision(e[2], e[3]), e[4]))
    definitions = []
    for d in data["definitions"]:
        if not (isinstance(d, list) and len(d) == 3 and isinstance(d[2], str) and 0 < len(d[2]) <= 64):
            raise damaged("graph.json is malformed")
        definitions.append((provision(d[0], d[1]), d[2]))
    declared = []
    for field_name in ("parents", "orders"):  # 「法」 and 「令」 of each order ("orders": since passage rules 4)
        pairs = data.get(field_name, [])
        if not (isinstance(pairs, list) and all(
                isinstance(p, list) and len(p) == 2 and p[0] in documents and isinstance(p[1], str)
                and 0 < len(p[1]) <= 200 for p in pairs)):
            raise damaged("graph.json is malformed")
        declared.append({p[0]: p[1] for p in pairs})
    return Graph(edges, definitions, *declared)


def load_variants(version: Path, vocab: dict[str, int]) -> dict[str, list[str]]:
    """variants.json: reading → the library's terms spelled differently that read so."""
    data = read_json(member(version, "variants.json"))
    groups = data.get("readings") if isinstance(data, dict) else None
    if not isinstance(groups, dict):
        raise damaged("variants.json holds no readings")
    for reading, terms in groups.items():
        if not (isinstance(reading, str) and 0 < len(reading) <= 64 and isinstance(terms, list)
                and 0 < len(terms) <= 256 and all(isinstance(t, str) and t in vocab for t in terms)):
            raise damaged("variants.json does not match the lexical index")
    return groups
