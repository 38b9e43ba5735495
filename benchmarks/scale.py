"""Scale benchmark (issue 19): the statute corpus copied N times as distinct PDFs, lexical only.

    PYTHONPATH=src .venv/bin/python benchmarks/scale.py --factor 10 --work /tmp/scale10

How the copies differ: every copy of every statute PDF gets one page appended
with a line naming the copy ("RegLens scale copy 7 of 10 / 323AC0000000025"),
and its metadata title carries the same marker. Each copy therefore has its own
SHA-256 (nothing is de-duplicated) and its own text (the marker line joins the
document's last passage), while the statutes read as before, so the 70 lawqa
dev questions have realistic hits in every copy.

Prints, each step in a fresh process so figures do not share caches:
build time (``reglens index build --embedding none``) and its peak RSS; a
one-question search process (wall time, and import / load / first search
inside it, peak RSS; median of --repeat runs); the 70 questions in one process
(load, p50/p95 per search, total, peak RSS); the time of ``reglens index update``
after one file changed. With --skip-build an existing --work folder is measured again.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus" / "laws" / "pdf"
QUESTIONS = SHARED / "eval" / "lawqa_dev.jsonl"
PY = sys.executable


def mark(src: Path, dst: Path, label: str) -> None:
    """A copy of ``src`` with one marker page and a marked title: a distinct file and text."""
    import pymupdf

    doc = pymupdf.open(src)
    page = doc.new_page()
    page.insert_text((72, 72), label, fontsize=11)
    meta = dict(doc.metadata or {})
    meta["title"] = f"{meta.get('title') or src.stem} [{label}]"
    doc.set_metadata({k: v for k, v in meta.items() if k in (
        "title", "author", "subject", "keywords", "creator", "producer", "creationDate", "modDate")})
    dst.parent.mkdir(parents=True, exist_ok=True)
    doc.save(dst, garbage=0)
    doc.close()


def make_library(lib: Path, factor: int) -> int:
    pdfs = sorted(CORPUS.glob("*.pdf"))
    n = 0
    for k in range(factor):
        for p in pdfs:
            dst = lib / f"copy{k:03d}" / p.name
            if not dst.exists():
                mark(p, dst, f"RegLens scale copy {k + 1} of {factor} / {p.stem}")
            n += 1
    return n


def timed(cmd: list[str], env: dict) -> tuple[float, float, float]:
    """Wall seconds, peak RSS (MB) of the largest process of a command (it or a worker), and the
    CPU seconds of all its processes, measured by a fresh wrapper process so earlier steps do not
    count. On a busy machine the CPU time is what the same work costs when it has a core to itself
    (RegLens's build and update are one process at a time, the PDF worker waiting while the build
    waits for it)."""
    wrapper = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
               "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
               "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
               "print(time.perf_counter() - t, u.ru_maxrss, u.ru_utime + u.ru_stime)")
    # stderr passes through: a failing build or update says why
    out = subprocess.run([PY, "-c", wrapper, *cmd], env=env, check=True, stdout=subprocess.PIPE, text=True).stdout
    wall, rss, cpu = out.split()
    return float(wall), int(rss) / 1024, float(cpu)


def assemble(small: Path, lib: Path, index: Path, factor: int) -> None:
    """A version over ``lib`` (``factor`` copies) made of the passages, term ids and legal graph
    of an index built over fewer copies (copy k reuses copy k mod n's): for measuring load, search
    and update at a size whose build does not fit the time at hand. Every document entry carries
    its own file's hash, so an update reuses all but the changed file, as after a real build."""
    import hashlib

    from reglens import chunkstore, indexer, storage
    from reglens.index_files import load_chunks, load_tokens
    from reglens.tokenids import TokenTable

    version_in, m = storage.open_version(small)
    store = load_chunks(version_in, m)
    tokens = load_tokens(version_in, m["chunk_count"])
    by_doc: dict[str, list[int]] = {}
    for i, d in enumerate(store.doc_ids):
        by_doc.setdefault(d, []).append(i)
    n_small = len({d["path"].split("/")[0] for d in m["documents"]})
    small_docs = {d["path"]: d for d in m["documents"]}
    graph_in = json.loads((version_in / "graph.json").read_text(encoding="utf-8"))
    with storage.writer_lock(index):
        storage.clean_stale(index)
        version = storage.new_version_dir(index)
        writer = chunkstore.Writer(version / chunkstore.FILE)
        writer.attach_previous(version_in / chunkstore.FILE)
        table = TokenTable()
        documents = []
        graph: dict[str, list] = {"edges": [], "definitions": [], "parents": []}
        for k in range(factor):
            as_copy: dict[str, str] = {}  # the small index's doc ids of copy k mod n -> copy k's
            for pdf in sorted((lib / f"copy{k:03d}").glob("*.pdf")):
                old = small_docs[f"copy{k % n_small:03d}/{pdf.name}"]
                doc_id = f"0:copy{k:03d}/{pdf.name}"
                as_copy[old["doc_id"]] = doc_id
                data = pdf.read_bytes()
                documents.append({**old, "doc_id": doc_id, "path": f"copy{k:03d}/{pdf.name}",
                                  "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)})
                ids = by_doc.get(old["doc_id"], [])
                if ids:
                    writer.copy(old["doc_id"], ids, doc_id)
                    table.add_stored_range(tokens, ids[0], ids[-1] + 1)
            # the graph as a build resolves it: what one copy's documents say among themselves
            graph["edges"] += [[as_copy[e[0]], e[1], as_copy[e[2]], *e[3:]] for e in graph_in["edges"]
                               if e[0] in as_copy and e[2] in as_copy]
            graph["definitions"] += [[as_copy[d[0]], *d[1:]] for d in graph_in["definitions"] if d[0] in as_copy]
            graph["parents"] += [[as_copy[p[0]], p[1]] for p in graph_in.get("parents", []) if p[0] in as_copy]
        writer.close()
        table.write(version / "tokens")
        indexer._write_bm25(version / "bm25", table, "body")
        indexer._write_bm25(version / "bm25_lead", table, "lead")
        storage.write_json(version / "graph.json", graph)
        # the same terms as the small index's: the same spellings by reading
        storage.write_json(version / "variants.json",
                           json.loads((version_in / "variants.json").read_text(encoding="utf-8")))
        manifest = {**m, "roots": [str(lib.resolve())], "chunk_count": writer.count, "documents": documents,
                    "skipped": []}
        manifest.pop("files", None)
        sealed = storage.seal(version, manifest)
        storage.publish(index, version, sealed)
    store.close()


def probe(index: str, questions: list[str]) -> dict:
    """Runs in a child: import, load and search as a user's process does; figures as JSON."""
    t0 = time.perf_counter()
    from reglens import threads
    threads.configure()  # as the CLI and the app do, before NumPy loads
    from reglens.search import Index
    t1, c1 = time.perf_counter(), time.process_time()
    ix = Index(index)
    t2, c2 = time.perf_counter(), time.process_time()
    times, cpu = [], []
    for q in questions:
        t, c = time.perf_counter(), time.process_time()
        ix.search(q, 10)
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    t3 = time.perf_counter()
    return {"import": t1 - t0, "load": t2 - t1, "load_cpu": c2 - c1, "searches": times, "cpu": cpu,
            "search_total": t3 - t2,
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "chunks": len(ix.chunks)}


def run_probe(index: Path, questions: list[str], env: dict) -> dict:
    t = time.perf_counter()
    out = subprocess.run([PY, __file__, "--probe", str(index)], input=json.dumps(questions, ensure_ascii=False),
                         env=env, check=True, capture_output=True, text=True).stdout
    res = json.loads(out.strip().splitlines()[-1])
    res["process"] = time.perf_counter() - t
    return res


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(q / 100 * len(s) + 0.5) - 1))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--factor", type=int, default=10)
    ap.add_argument("--work", type=Path, required=False)
    ap.add_argument("--repeat", type=int, default=3, help="one-question processes to time")
    ap.add_argument("--skip-build", action="store_true", help="measure an index already built in --work")
    ap.add_argument("--no-update", action="store_true")
    ap.add_argument("--only-update", action="store_true", help="with --skip-build: time only the update")
    ap.add_argument("--index", type=Path, help="only measure loading and searching this built index")
    ap.add_argument("--assemble-from", type=Path, metavar="WORK",
                    help="instead of building, assemble the index from another run's (smaller) index")
    ap.add_argument("--probe", help=argparse.SUPPRESS)
    ap.add_argument("--verify-cost", help=argparse.SUPPRESS)
    ap.add_argument("--assemble", nargs=4, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.assemble:
        small, lib_, index_, factor = args.assemble
        assemble(Path(small), Path(lib_), Path(index_), int(factor))
        return 0
    if args.verify_cost:
        from reglens import storage
        version, manifest = storage.open_version(Path(args.verify_cost))
        times = []
        for deep in (False, True):
            t = time.perf_counter()
            assert not storage.verify_version(version, manifest, deep=deep)
            times.append(time.perf_counter() - t)
        print(*times)
        return 0
    if args.probe:
        print(json.dumps(probe(args.probe, json.loads(sys.stdin.read()))))
        return 0
    if not CORPUS.is_dir() or not QUESTIONS.is_file():
        print(f"needs {CORPUS} and {QUESTIONS}", file=sys.stderr)
        return 1
    work = args.work or Path(f"/tmp/reglens-scale{args.factor}")
    lib, index = work / "library", args.index or work / "index"
    questions = [json.loads(line)["question"] for line in QUESTIONS.read_text(encoding="utf-8").splitlines()
                 if line.strip()]
    env = dict(os.environ)
    src = str(Path(__file__).resolve().parents[1] / "src")
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    cli = [PY, "-m", "reglens", "index"]
    load1 = os.getloadavg()[0]
    if args.index:
        print(f"index {index}; 1-min load average at start {load1:.1f}")
    else:
        print(f"scale x{args.factor} (work {work}); 1-min load average at start {load1:.1f}")
        n_files = make_library(lib, args.factor)
    if args.assemble_from:
        t = time.perf_counter()
        # in a child: a process forked later starts with its parent's peak RSS on Linux, so an
        # assembly in this process would show up as the probes' peak RSS
        subprocess.run([PY, __file__, "--assemble", str(args.assemble_from / "index"), str(lib), str(index),
                        str(args.factor)], env=env, check=True)
        print(f"  assembled (not built) from {args.assemble_from / 'index'} in {time.perf_counter() - t:.1f} s")
    elif not (args.skip_build or args.index):
        wall, rss, cpu = timed([*cli, "build", "--docs", str(lib), "--index", str(index), "--embedding", "none",
                                "--quiet"], env)
        print(f"  build: {n_files} PDFs in {wall:.1f} s (CPU {cpu:.1f} s), peak RSS {rss:.0f} MB (largest process)")
    manifest = _manifest(index)
    pages = sum(d["pages"] for d in manifest["documents"])
    size = sum(f["bytes"] for f in manifest["files"].values()) / 2**20
    print(f"  index: {len(manifest['documents'])} documents, {pages:,} pages, {manifest['chunk_count']:,} passages, "
          f"{size:.0f} MB on disk")

    cost = subprocess.run([PY, __file__, "--verify-cost", str(index)], env=env, check=True, capture_output=True,
                          text=True).stdout.split()
    print(f"  checking the files: at load (sizes, list) {float(cost[0]) * 1000:.0f} ms; "
          f"index verify (every content hash) {float(cost[1]):.2f} s")
    if not args.only_update:
        one = [run_probe(index, questions[:1], env) for _ in range(args.repeat)]
        med = {k: statistics.median(r[k] if k != "search" else r["searches"][0] for r in one)
               for k in ("process", "import", "load", "load_cpu", "search", "rss_mb")}
        print(f"  one-question search process (median of {len(one)}): {med['process']:.2f} s "
              f"(import {med['import']:.2f} s, load {med['load']:.2f} s (CPU {med['load_cpu']:.2f} s), "
              f"first search {med['search'] * 1000:.0f} ms), "
              f"peak RSS {med['rss_mb']:.0f} MB")
        batch = run_probe(index, questions, env)
        ms = [t * 1000 for t in batch["searches"]]
        cms = [t * 1000 for t in batch["cpu"]]
        print(f"  {len(questions)} questions in one process: {batch['process']:.2f} s "
              f"(load {batch['load']:.2f} s, searches {batch['search_total']:.2f} s: p50 {pct(ms, 50):.0f} ms, "
              f"p95 {pct(ms, 95):.0f} ms, max {max(ms):.0f} ms; CPU p50 {pct(cms, 50):.0f} ms, "
              f"p95 {pct(cms, 95):.0f} ms), peak RSS {batch['rss_mb']:.0f} MB")

    if not (args.no_update or args.index):
        changed = lib / "copy000" / sorted(CORPUS.glob("*.pdf"))[0].name
        mark(sorted(CORPUS.glob("*.pdf"))[0], changed,
             f"RegLens scale copy 1 of {args.factor}, changed {time.time():.0f}")
        wall, rss, cpu = timed([*cli, "update", "--docs", str(lib), "--index", str(index), "--embedding", "none",
                                "--quiet"], env)
        print(f"  index update after one file changed: {wall:.1f} s (CPU {cpu:.1f} s), peak RSS {rss:.0f} MB")
    print(f"  1-min load average at end {os.getloadavg()[0]:.1f}")
    return 0


def _manifest(index: Path) -> dict:
    pointer = json.loads((index / "CURRENT").read_text(encoding="utf-8"))
    return json.loads((index / pointer["version"] / "manifest.json").read_text(encoding="utf-8"))


if __name__ == "__main__":
    sys.exit(main())
