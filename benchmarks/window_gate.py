"""What the window ranking does, by how much of the question its words already hold (not a test).

Each question is searched with the window ranking at full weight and without it; beside the
change in the gold's rank goes the share of the question's IDF weight held by the best of the
``WINDOW_DECIDED_PASSAGES`` first passages before the windows (what ``Index.window_weight``
gates on). Printed per set and share band: questions, gold brought into first place / lost from
it, brought into the top 5 / lost from it, and how many of the set's questions are embedded for
the windows under the gate. lawqa dev on a statute index with windows, natural sets (page gold)
on a library with windows; counts only, no question is listed.

    PYTHONPATH=src .venv/bin/python benchmarks/window_gate.py --index-laws /work/lead/idx-lawsw \\
        --index-all /work/lead/idx-allw --natural benchmarks/natural_questions.jsonl …
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from reglens import search  # noqa: E402
from reglens.evaluate import found_articles, read_questions, scorable  # noqa: E402
from reglens.search import SIGNALS, Index  # noqa: E402

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[0].parent / "shared"
BANDS = (0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 1.01)


def held_before_windows(index: Index, question: str) -> float:
    """The gate's measure for this question: searched once, read where the windows would be fused."""
    seen: list[float] = []
    real = Index.window_weight

    def spy(self, fused, terms, dense_weight):
        best = sorted(fused, key=lambda i: -fused[i])[:search.WINDOW_DECIDED_PASSAGES]
        seen.append(self.coverage(terms, best) if best else 0.0)
        return real(self, fused, terms, dense_weight)
    Index.window_weight = spy
    try:
        index.search(question, top_k=10)
    finally:
        Index.window_weight = real
    return seen[0] if seen else 0.0


def rank(index: Index, q: dict, gold) -> int:
    results = index.search(q["question"], top_k=10)
    if gold is not None:  # lawqa: (law title, article key)
        found = found_articles(results)
        ranks = [found.index(g) + 1 for g in gold if g in found]
    else:  # natural: (file name, page)
        pages = {(Path(g["file"]).name, g["page"]) for g in q["gold"]}
        ranks = [k + 1 for k, r in enumerate(results)
                 if any((Path(r.doc_path).name, p + 1) in pages for p in r.chunk["pages"])]
    return min(ranks) if ranks else 99


def report(name: str, index: Index, questions: list[tuple[dict, object]]) -> None:
    rows = Counter()
    gated = 0
    for q, gold in questions:
        index.signals = set(SIGNALS)
        held = held_before_windows(index, q["question"])
        gated += held < search.WINDOW_HELD
        saved, search.WINDOW_HELD = search.WINDOW_HELD, 2.0  # full weight
        try:
            with_w = rank(index, q, gold)
        finally:
            search.WINDOW_HELD = saved
        index.signals = set(SIGNALS) - {"windows"}
        without = rank(index, q, gold)
        band = next(b for b in BANDS[1:] if held < b)
        rows[band, "n"] += 1
        rows[band, "1+"] += with_w == 1 < without
        rows[band, "1-"] += without == 1 < with_w
        rows[band, "5+"] += with_w <= 5 < without
        rows[band, "5-"] += without <= 5 < with_w
    index.signals = set(SIGNALS)
    print(f"{name}: {len(questions)} questions, {gated} embedded for the windows under the gate "
          f"(held share < {search.WINDOW_HELD})")
    print(f"  {'held share':<12}{'questions':>10}{'1st +':>7}{'1st −':>7}{'top5 +':>8}{'top5 −':>8}")
    for lo, hi in zip(BANDS, BANDS[1:], strict=False):
        if rows[hi, "n"]:
            print(f"  {lo:.1f}–{min(hi, 1.0):.1f}{'':<5}{rows[hi, 'n']:>10}{rows[hi, '1+']:>7}{rows[hi, '1-']:>7}"
                  f"{rows[hi, '5+']:>8}{rows[hi, '5-']:>8}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index-laws", required=True, help="statutes, with window vectors")
    ap.add_argument("--index-all", help="statutes + real PDFs, with window vectors")
    ap.add_argument("--lawqa", default=str(SHARED / "eval" / "lawqa_dev.jsonl"))
    ap.add_argument("--natural", nargs="*", default=[])
    args = ap.parse_args()
    laws = Index(Path(args.index_laws))
    if laws.windows is None:
        ap.error(f"{args.index_laws}: built without window vectors")
    report("lawqa dev", laws, list(scorable(laws, read_questions(Path(args.lawqa)))))
    if args.index_all:
        every = Index(Path(args.index_all))
        for path in args.natural:
            qs = [json.loads(x) for x in Path(path).read_text(encoding="utf-8").splitlines() if x.strip()]
            report(Path(path).stem, every, [(q, None) for q in qs])


if __name__ == "__main__":
    main()
