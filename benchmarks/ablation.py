"""Each ranking signal on and off (not a test): lawqa dev and the natural question set.

For every signal in ``search.SIGNALS`` the index searches with that one signal
switched off, and the table shows what it is worth; each of ``search.OPTIONAL_SIGNALS``
(measured, not adopted) is switched on in turn. lawqa dev (statute index):
Hit@1/5/10 and MRR@10 over the questions that name a topic — questions whose only
content is in their answer choices (「次のうち、正しいものを教えてください。」) cannot be
answered by search and are counted apart. Natural set (statutes + real PDFs
index): page Hit@5 — a result of a gold file whose pages include a gold page.

    PYTHONPATH=src .venv/bin/python benchmarks/ablation.py --index-laws indexes/laws --index-all indexes/all

``--set TITLE_BOOST=0.05`` changes a numeric constant of ``reglens.search`` for the run, and
``--first`` prints only the "all signals" row: how sensitive a signal is to its weight.
``--mrr`` adds each natural set's page MRR@10; ``--kind english`` scores only the natural questions of
that kind (``query.question_kind``), lawqa as always.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from reglens import search  # noqa: E402
from reglens.evaluate import evaluate, read_questions  # noqa: E402
from reglens.query import KINDS, analyse, question_kind  # noqa: E402
from reglens.search import OPTIONAL_SIGNALS, SIGNALS, Index  # noqa: E402

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[0].parent / "shared"


def lawqa(index: Index, questions: list[dict]) -> tuple[dict, int]:
    """Metrics over the questions with a topic, and how many had none (guidance.py decides)."""
    report = evaluate(index, questions)
    return report.metrics(), len(report.no_topic)


def natural_page_hit(index: Index, questions: list[dict], k: int = 5) -> tuple[float, int, float]:
    """Page Hit@k, the number of questions, and page MRR@10 (the first result holding a gold page)."""
    hits, rr = 0, 0.0
    for q in questions:
        gold = {(Path(g["file"]).name, g["page"]) for g in q["gold"]}
        results = index.search(q["question"], top_k=max(k, 10))
        rank = next((n for n, r in enumerate(results, 1)
                     if any((Path(r.doc_path).name, p + 1) in gold for p in r.chunk["pages"])), None)
        hits += bool(rank and rank <= k)
        rr += 1.0 / rank if rank else 0.0
    return hits / len(questions), len(questions), rr / len(questions)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index-laws", required=True)
    ap.add_argument("--index-all", help="statutes + real PDFs, for the natural set")
    ap.add_argument("--lawqa", default=str(SHARED / "eval" / "lawqa_dev.jsonl"))
    ap.add_argument("--natural", nargs="+", default=[str(HERE / "natural_questions.jsonl")],
                    help="one or more natural question sets, one column each")
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                    help="a numeric constant of reglens.search for this run (repeatable)")
    ap.add_argument("--first", action="store_true", help="only the row with every signal")
    ap.add_argument("--only", action="append", default=[], metavar="SIGNAL",
                    help="only the rows of these signals (besides the first; repeatable)")
    ap.add_argument("--kind", choices=KINDS, help="only the natural questions of this kind (query.question_kind)")
    ap.add_argument("--mrr", action="store_true", help="also the natural sets' page MRR@10, a column each")
    ap.add_argument("--term-vectors", metavar="PREFIX",
                    help="terms and vectors from benchmarks/term_vectors.py, for the crosslingual row")
    args = ap.parse_args()
    for item in args.set:
        name, _, value = item.partition("=")
        if not isinstance(getattr(search, name, None), (int, float)):
            ap.error(f"--set {item}: not a numeric constant of reglens.search")
        setattr(search, name, type(getattr(search, name))(float(value)))
        print(f"{name} = {getattr(search, name)}")
    laws = Index(Path(args.index_laws))
    lawqa_qs = read_questions(Path(args.lawqa))
    natural_sets = [[json.loads(x) for x in Path(f).read_text(encoding="utf-8").splitlines() if x.strip()]
                    for f in args.natural]
    every = Index(Path(args.index_all)) if args.index_all else None
    if args.kind and every is not None:
        natural_sets = [[q for q in qs if question_kind(analyse(q["question"], every.names)) == args.kind]
                        for qs in natural_sets]
    if args.term_vectors and every is not None:
        import re

        import numpy as np
        terms = json.loads(Path(args.term_vectors + ".json").read_text(encoding="utf-8"))
        keep = [j for j, t in enumerate(terms) if re.search(r"[\u4e00-\u9fff]", t)]  # kanji: not transliterations
        every.term_vectors = ([terms[j] for j in keep], np.load(args.term_vectors + ".npy")[keep])
    rows = []
    # every signal, each adopted one off in turn, then each measured-but-not-adopted one on
    configs = [("all signals", set(SIGNALS))] + [(f"− {s}", set(SIGNALS) - {s}) for s in SIGNALS] \
        + [(f"+ {s}", set(SIGNALS) | {s}) for s in OPTIONAL_SIGNALS]
    if args.only:
        unknown = set(args.only) - set(SIGNALS) - set(OPTIONAL_SIGNALS)
        if unknown:
            ap.error(f"--only: not a signal: {', '.join(sorted(unknown))}")
        configs = configs[:1] + [c for c in configs[1:] if c[0][2:] in args.only]
    for label, signals in configs[:1] if args.first else configs:
        for ix in (laws, every):
            if ix is not None:
                ix.signals = signals
        m, apart = lawqa(laws, lawqa_qs)
        nat = [natural_page_hit(every, qs) if every is not None else (float("nan"), 0, float("nan"))
               for qs in natural_sets]
        rows.append((label, m, apart, nat))
    m0 = rows[0][1]
    names = [Path(f).stem.removeprefix("natural_questions").strip("_") or "dev" for f in args.natural]
    print(f"lawqa dev: {m0['n']} questions with a topic ({rows[0][2]} topic-less counted apart); natural "
          + ", ".join(f"{name}: {n} questions" for name, (_, n, _) in zip(names, rows[0][3], strict=True)))
    print(f"{'':<16}{'Hit@1':>7}{'Hit@5':>7}{'Hit@10':>7}{'MRR@10':>8}   natural page Hit@5: "
          + "".join(f"{name:>7}" for name in names) + ("   page MRR@10:" + "".join(f"{name:>7}" for name in names)
                                                       if args.mrr else ""))
    for label, m, _, nat in rows:
        print(f"{label:<16}{m['hit@1']:>7.3f}{m['hit@5']:>7.3f}{m['hit@10']:>7.3f}{m['mrr@10']:>8.3f}"
              f"   {'':>19}" + "".join(f"{h:>7.3f}" for h, _, _ in nat)
              + (f"   {'':>12}" + "".join(f"{r:>7.3f}" for _, _, r in nat) if args.mrr else ""))


if __name__ == "__main__":
    main()
