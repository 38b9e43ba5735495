"""Measure extractive answers (not a test): natural questions and lawqa dev.

Natural set (``benchmarks/natural_questions.jsonl``, index over the statutes
*and* the real PDFs, since its questions span both): an answer *holds* the
answer phrase when the phrase (NFKC, whitespace removed) is inside the answer
sentences that cite a passage of a gold file. Reported:

* held: share of all questions whose shown answer holds the phrase (a tentative
  「該当する可能性のある規定」 answer counts: it is shown, labelled);
* held and confident: the same, counting only answers given without doubt;
* wrong "no clear answer": the verdict was "unsure" although the phrase was in a
  retrieved passage of a gold file (the answer was there);
* confident but wrong: answers given without doubt that do not hold the phrase,
  as a share of confident answers;
* the ceiling: the phrase is in one of the retrieved passages of a gold file;
* median answer length (characters of the answer sentences, marks excluded);
* answer latency on top of search (p50/p95; the search itself is timed apart);
* with ``--why``: each miss sorted by where the answer lost the phrase (not retrieved,
  verdict, unit boundary, list, the right unit's rank among the candidates), counted.
* questions whose phrase is in a table row of a retrieved gold passage (read from the
  text: short lines without 。 beside others), and how many of them the answer holds.

lawqa dev (``../shared/eval/lawqa_dev.jsonl``, statute index): questions with a
statutory gold article in the library; there is no answer phrase, so an answer
"holds" when one of its sentences cites a gold article.

The script only calls ``Index.search`` and ``Summarizer.answer_from`` and reads
``Answer.weak``, ``.sentences`` (``text``, ``cited``) and ``.passages``, so the
summarizer of another checkout can be measured with the same code (``PYTHONPATH=../main/src``: the "before" figures).

    PYTHONPATH=src .venv/bin/python benchmarks/answer_eval.py \\
        --index-all indexes/all --index-laws indexes/laws
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

from reglens.evaluate import gold_articles, read_questions
from reglens.normalize import search_form
from reglens.query import analyse, question_kind
from reglens.search import Index, Result
from reglens.summarize import Summarizer

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / "shared"


def norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def pct(values: list[float], p: int) -> float:
    if not values:
        return 0.0
    v = sorted(values)
    return v[min(len(v) - 1, round(p / 100 * (len(v) - 1)))]


# emphasis that says nothing about the answer (clerk test, round 5): a rule's modal ending alone
MODAL = re.compile(r"^(?:(?:する)?こと(?:が)?でき(?:る|ない)|でき(?:る|ない)|含む|含まない|という。?|に限り|限る|"
                   r"この限りでない|(?:なければ)?ならない|要する|shall|may)$")
HEADING = re.compile(r"^【[^】]{1,40}】$")
ROW_LINE = 60  # a table's lines are short and hold no sentence end


def in_table_row(text: str, phrase: str) -> bool:
    """Is the phrase in a table row of the passage (``--why``'s "phrase in a row" count)?

    Read from the text alone, so main's summarizer is measured the same way: the fewest
    consecutive lines holding the phrase have no 。 and are short, and a line beside them
    is short and has no 。 too (a table's cells, not a sentence wrapped by the page)."""
    lines = [norm(x) for x in text.split("\n")]

    def cell(x: str) -> bool:
        return bool(x) and "。" not in x and len(x) <= ROW_LINE

    for i in range(len(lines)):
        for j in range(i, min(i + 3, len(lines))):
            if phrase in "".join(lines[i:j + 1]):
                if not all(cell(x) for x in lines[i:j + 1]):
                    break
                return (i > 0 and cell(lines[i - 1])) or (j + 1 < len(lines) and cell(lines[j + 1]))
    return False


def answer_timed(summarizer, index: Index, question: str, passages: int, pool: int = 10):
    """Search (top ``pool``, timed apart) then the answer from the first ``passages`` of them.

    Returns the answer, the answer's own seconds, the search's seconds and the whole
    ranked pool (for the ceiling at 5 and at 10 passages)."""
    t = time.perf_counter()
    results = index.search(question, top_k=max(pool, passages))
    st = time.perf_counter() - t
    t = time.perf_counter()
    ans = summarizer.answer_from(question, results[:passages])
    dt = time.perf_counter() - t
    t = time.perf_counter()
    for s in ans.sentences:
        s.spans  # noqa: B018 - the PDF boxes are found on first use (a click in the app)
    SPAN_TIMES.append(time.perf_counter() - t)
    return ans, dt, st, results


SPAN_TIMES: list[float] = []


def is_tentative(ans) -> bool:
    return bool(ans.weak and ans.sentences)


def gold_file(path: str, gold: list[dict]) -> bool:
    p = path.replace("\\", "/")
    return any(p.endswith("/" + g["file"].split("/", 1)[-1]) or p.endswith(g["file"]) for g in gold)


def why_missed(summarizer, ans, phrase: str, holds) -> str:
    """Why an answer does not hold the phrase (``--why``), in the order the answer is built:
    retrieval, the verdict, the units the passage is cut into, the choice among them."""
    gold = [(n, r) for n, r in enumerate(ans.passages, 1) if holds(r)]
    if not gold:
        return "gold passage not retrieved"
    if not ans.sentences:
        return "verdict none (nothing shown)"
    units = [u for n, r in gold for u in summarizer._units(n, r)]
    holding = {(u.passage, u.start) for u in units
               if phrase in norm((u.lead.text if u.lead else "") + u.text)}
    listq = "list" in getattr(ans, "answer_types", [])
    if not holding:
        return "list incomplete (phrase spans items)" if listq else "phrase cut by the unit boundary"
    ranked = getattr(ans, "candidates", [])
    ranks = [i for i, u in enumerate(ranked) if (u.passage, u.start) in holding]
    if not ranks:
        return "right unit not a candidate (no shared word)"
    if listq:
        return "list: wrong list or items left out"
    if ranks[0] == 0:
        return "right unit first but not shown"
    u, best = ranked[ranks[0]], ranked[0]
    where = (f" [#{ranks[0] + 1} in passage {u.passage}, share of the question {u.lex:.2f} vs the winner's "
             f"{best.lex:.2f}, {len(u.text)} vs {len(best.text)} chars]")
    return ("wrong unit chosen (right one 2nd-5th)" if ranks[0] < 5 else "wrong unit chosen (right one below 5th)") \
        + where


def cache_search(folder: Path) -> None:
    """Keep each question's search results in ``folder`` (JSON, one file per question and index)
    and reuse them on later runs: a sweep of the answer's constants (``--set``) then measures
    the answer alone, on the same passages, in a fraction of the time. Delete the folder after
    the index or the search code changes."""
    folder.mkdir(parents=True, exist_ok=True)
    search = Index.search

    def cached(self, question, top_k=10, **filters):
        key = json.dumps([str(self.root), question, top_k, sorted(filters.items())], ensure_ascii=False,
                         default=str)
        path = folder / (hashlib.sha1(key.encode()).hexdigest() + ".json")
        if path.exists():
            kept = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(kept, list):  # a cache written before round 7: no question vector kept
                kept = {"embedded": "", "results": kept}
            if kept.get("embedded"):  # the question vector search left (the verdict reads it when it is
                self.query_vector(kept["embedded"])  # this question's): the same state as a live search
            return [Result(**d) for d in kept["results"]]
        results = search(self, question, top_k=top_k, **filters)
        last = getattr(self, "_last_query", None)
        embedded = last[0] if last is not None else ""
        path.write_text(json.dumps({"embedded": embedded,
                                    "results": [{"rank": r.rank, "score": r.score, "chunk": r.chunk, "doc": r.doc,
                                                 "doc_path": r.doc_path, "reason": r.reason} for r in results]},
                                   ensure_ascii=False, default=str), encoding="utf-8")
        return results

    Index.search = cached


def make_summarizer(index: Index, options: dict):
    return Summarizer(index, **options)


def natural(index: Index, questions: list[dict], details: list[dict], options: dict,
            passages: int = 5, real_index: Index | None = None, name: str = "") -> dict:
    """``real_index``: answer the questions about the real PDFs there and the statute ones in
    ``index`` (when no index over both is at hand)."""
    summarizer = make_summarizer(index, options)
    summarizer.answer(questions[0]["question"])  # warm-up (query embedder)
    real = make_summarizer(real_index, options) if real_index is not None else None
    if real is not None:
        real.answer(questions[0]["question"])
    held = held_conf = wrong_unsure = conf = conf_wrong = unsure = ceiling = unsure_right = 0
    ceiling5 = ceiling10 = 0
    lengths, times, search_times = [], [], []
    bold = modal_only = heading = far = 0
    rows = rows_held = 0  # questions whose phrase is in a table row of a retrieved gold passage
    for q in questions:
        on_real = real is not None and not q["gold"][0]["file"].startswith("corpus/")
        sm, ix = (real, real_index) if on_real else (summarizer, index)
        ans, dt, st, pool = answer_timed(sm, ix, q["question"], passages)
        times.append(dt)
        search_times.append(st)
        phrase = norm(q["answer"])

        def holds(r, phrase=phrase, gold=q["gold"]):
            return gold_file(r.doc_path, gold) and phrase in norm(r.chunk["text"])

        ceiling5 += any(holds(r) for r in pool[:5])
        ceiling10 += any(holds(r) for r in pool[:10])
        paths = [r.doc_path for r in ans.passages]
        in_passages = any(holds(r) for r in ans.passages)
        in_row = any(holds(r) and in_table_row(r.chunk["text"], phrase) for r in ans.passages)
        rows += in_row
        ceiling += in_passages
        cited_gold = "".join(norm(s.text) for s in ans.sentences
                             if any(0 < n <= len(paths) and gold_file(paths[n - 1], q["gold"])
                                    for n in s.cited))
        ok = phrase in cited_gold
        rows_held += in_row and ok
        length = sum(len(s.text) for s in ans.sentences)
        if ans.sentences:
            lengths.append(length)
            marks = [s.text[a:b] for s in ans.sentences for a, b in s.emphasis]
            bold += bool(marks)
            modal_only += bool(marks) and all(MODAL.match(m) for m in marks)
            heading += bool(HEADING.match(ans.sentences[0].text))
            first = ans.sentences[0].cited[0] if ans.sentences[0].cited else 1
            far += first > 3 and ans.passages[first - 1].chunk.get("doc_id") != ans.passages[0].chunk.get("doc_id")
        held += ok
        missed, _, right_unit = ("" if ok else why_missed(sm, ans, phrase, holds)).partition(" [")
        if ans.weak:
            unsure += 1
            wrong_unsure += in_passages
            unsure_right += ok
        else:
            conf += 1
            held_conf += ok
            conf_wrong += not ok
        details.append({"set": name, "id": q["id"], "question": q["question"], "answer_phrase": q["answer"],
                        "held": ok, "why": missed, "right_unit": right_unit.rstrip("]"), "row": in_row,
                        "weak": ans.weak,
                        # which verdict calibration the answer read (answer_calibrate.py --kinds)
                        "kind": question_kind(analyse(q["question"], ix.names)), "typed": bool(ans.answer_types),
                        "confidence": getattr(ans, "confidence", None),
                        "signals": getattr(ans, "signals", {}), "phrase_in_passages": in_passages,
                        "length": length, "ms": round(1000 * dt, 1),
                        "top_score": pool[0].score if pool else 0.0,
                        "top5_docs": len({r.chunk.get("doc_id") for r in pool[:5]}),
                        "answer": [(s.text, s.cited) for s in ans.sentences],
                        "passages": [f"{Path(p).name} {r.chunk.get('article_label', '')} p{r.chunk['pages'][0] + 1}"
                                     for p, r in zip(paths, ans.passages, strict=True)]})
    n = len(questions)
    spans = SPAN_TIMES[-n:]
    shown = max(len(lengths), 1)
    return {"n": n, "held": held / n, "held_confident": held_conf / n,
            "bold": bold / shown, "modal_bold": modal_only / shown, "heading_first": heading / shown,
            "far_first": far / shown, "rows": rows, "rows_held": rows_held,
            "spans_p50_ms": 1000 * pct(spans, 50), "spans_p95_ms": 1000 * pct(spans, 95),
            "unsure": unsure / n, "wrong_unsure": wrong_unsure / n, "unsure_right": unsure_right / n,
            "confident_wrong": conf_wrong / max(conf, 1), "ceiling": ceiling / n,
            "ceiling_top5": ceiling5 / n, "ceiling_top10": ceiling10 / n, "passages": passages,
            "median_chars": statistics.median(lengths) if lengths else 0,
            "p50_ms": 1000 * pct(times, 50), "p95_ms": 1000 * pct(times, 95),
            "search_p50_ms": 1000 * pct(search_times, 50), "search_p95_ms": 1000 * pct(search_times, 95)}


def lawqa(index: Index, questions: list[dict], options: dict, details: list[dict] | None = None,
          passages: int = 5) -> dict:
    summarizer = make_summarizer(index, options)
    titles = {search_form(d["title"]) for d in index.manifest["documents"]}
    summarizer.answer(questions[0]["question"])
    n = held = unsure = wrong_unsure = conf = conf_wrong = gold_sents = all_sents = 0
    lengths, times = [], []
    for q in questions:
        gold = set(gold_articles(q, titles))
        if not gold:
            continue
        n += 1
        ans, dt, _, _ = answer_timed(summarizer, index, q["question"], passages)
        times.append(dt)
        cited = [(search_form(r.chunk["doc_title"]), r.chunk.get("article_key", "")) for r in ans.passages]
        there = bool(gold & set(cited))
        hits = [any(0 < m <= len(cited) and cited[m - 1] in gold for m in s.cited) for s in ans.sentences]
        ok = any(hits)
        gold_sents += sum(hits)
        all_sents += len(hits)
        if ans.sentences:
            lengths.append(sum(len(s.text) for s in ans.sentences))
        held += ok
        if ans.weak:
            unsure += 1
            wrong_unsure += there
        else:
            conf += 1
            conf_wrong += not ok
        if details is not None:
            details.append({"id": q.get("qid", ""), "question": q["question"], "held": ok, "weak": ans.weak,
                            "gold_retrieved": there, "confidence": getattr(ans, "confidence", None),
                            "ms": round(1000 * dt, 1), "answer": [(s.text, s.cited) for s in ans.sentences],
                            "passages": [" ".join(c) for c in cited], "gold": sorted(" ".join(g) for g in gold)})
    return {"n": n, "held": held / n, "unsure": unsure / n, "wrong_unsure": wrong_unsure / n,
            "confident_wrong": conf_wrong / max(conf, 1),
            "sentences_gold": gold_sents / max(all_sents, 1),
            "median_chars": statistics.median(lengths) if lengths else 0,
            "p50_ms": 1000 * pct(times, 50), "p95_ms": 1000 * pct(times, 95)}


def verdict_curve(details: list[dict], thresholds: list[float]) -> list[dict]:
    """For each confidence threshold: answers that would be given as confident but do not hold
    the phrase, and right answers that would be called unsure (both as shares of all questions)."""
    n = max(1, len(details))
    out = []
    for t in thresholds:
        sure = [d for d in details if (d["confidence"] or 0.0) >= t]
        unsure = [d for d in details if (d["confidence"] or 0.0) < t]
        out.append({"threshold": t, "confident": len(sure) / n,
                    "confident_wrong": sum(not d["held"] for d in sure) / n,
                    "unsure_right": sum(d["held"] for d in unsure) / n,
                    "unsure_there": sum(d["phrase_in_passages"] for d in unsure) / n})
    return out


def show_curve(curve: list[dict], current: float | None) -> None:
    print("  verdict threshold curve (shares of all questions): threshold, confident, "
          "confident but wrong, right answer called unsure, unsure while the phrase was retrieved")
    for c in curve:
        mark = "  <- MIN_CONFIDENCE" if current is not None and abs(c["threshold"] - current) < 1e-9 else ""
        print(f"    {c['threshold']:.2f}  {c['confident']:5.1%}  {c['confident_wrong']:5.1%}  "
              f"{c['unsure_right']:5.1%}  {c['unsure_there']:5.1%}{mark}")


def auc(scores: list[float], labels: list[bool]) -> float:
    """Probability that a right answer scores above a wrong one (ties count half)."""
    pos = [s for s, ok in zip(scores, labels, strict=True) if ok]
    neg = [s for s, ok in zip(scores, labels, strict=True) if not ok]
    if not pos or not neg:
        return float("nan")
    return sum((p > n) + 0.5 * (p == n) for p in pos for n in neg) / (len(pos) * len(neg))


def show_separation(details: list[dict]) -> None:
    """How well the confidence, and each signal it is made of, tells answers that hold the phrase
    from answers that do not (ROC AUC; 0.5 = no better than chance). A signal that beats the
    confidence would be worth adding to it."""
    labels = [bool(d["held"]) for d in details]
    right = sum(labels)
    print(f"  separation of right from wrong answers (ROC AUC, {right} right, {len(labels) - right} wrong):")
    print(f"    confidence  {auc([d['confidence'] or 0.0 for d in details], labels):.3f}")
    names = sorted({k for d in details for k in d["signals"]})
    for k in names:
        print(f"    {k:11s} {auc([float(d['signals'].get(k, 0.0)) for d in details], labels):.3f}")
    for k, f in (("search top score", lambda d: d["top_score"]),
                 ("documents in top 5 (fewer first)", lambda d: -d["top5_docs"])):
        print(f"    {k} {auc([f(d) for d in details], labels):.3f}")


def show(name: str, m: dict) -> None:
    print(f"{name}: {m['n']} questions")
    print(f"  answers holding the answer with [n] to the gold {'file' if 'ceiling' in m else 'article'}: "
          f"{m['held']:.1%}" + (f" (confident answers only: {m['held_confident']:.1%}; "
                                f"phrase in a retrieved gold passage: {m['ceiling']:.1%})" if "ceiling" in m else
                                f" (answer sentences citing a gold article: {m['sentences_gold']:.1%})"))
    print(f"  'no clear answer' verdicts: {m['unsure']:.1%}; wrong ones (the answer was in the passages): "
          f"{m['wrong_unsure']:.1%}")
    print(f"  confident answers that are wrong: {m['confident_wrong']:.1%}"
          + (f"; right answers labelled unsure: {m['unsure_right']:.1%} of all" if "unsure_right" in m else ""))
    print(f"  median answer length: {m['median_chars']:.0f} chars")
    if "bold" in m:
        print(f"  of the answers shown: with bold words {m['bold']:.1%}, bold on modal endings only "
              f"{m['modal_bold']:.1%}, a title first {m['heading_first']:.1%}, first sentence from below "
              f"result [3] in another document than [1] {m['far_first']:.1%}")
    if "rows" in m:
        print(f"  phrase in a table row of a retrieved gold passage: {m['rows']} questions, "
              f"held {m['rows_held']}")
    if "ceiling_top5" in m:
        print(f"  phrase in a retrieved gold passage, search top 5: {m['ceiling_top5']:.1%}, "
              f"top 10: {m['ceiling_top10']:.1%} (answers drawn from the top {m['passages']})")
    print(f"  answer latency on top of search: p50 {m['p50_ms']:.0f} ms, p95 {m['p95_ms']:.0f} ms")
    if "search_p50_ms" in m:
        print(f"  search itself: p50 {m['search_p50_ms']:.0f} ms, p95 {m['search_p95_ms']:.0f} ms")
    if "spans_p50_ms" in m:
        print(f"  PDF boxes of the answer sentences, on first use: p50 {m['spans_p50_ms']:.0f} ms, "
              f"p95 {m['spans_p95_ms']:.0f} ms")


def show_why(details: list[dict]) -> None:
    missed = [d for d in details if not d["held"]]
    print(f"  why the {len(missed)} answers that miss the phrase miss it:")
    for why, n in Counter(d["why"] for d in missed).most_common():
        print(f"    {n:3d}  {why}:  " + " ".join(d["id"] for d in missed if d["why"] == why))
    print("  where the right unit stood (dev sets only; a blind set is read by its counts):")
    for d in missed:
        # blind sets (dev3, the held-out test set) are read by their counts only
        if d.get("right_unit") and not any(b in d.get("set", "") for b in ("dev3", "test")):
            print(f"    {d['id']}: {d['right_unit']}")
    sets = list(dict.fromkeys(d.get("set", "") for d in details))
    if len(sets) > 1:  # the counts per set (a blind set is read by its counts only)
        for name in sets:
            counts = Counter(d["why"] for d in missed if d.get("set", "") == name)
            print(f"    {name}: " + ", ".join(f"{why} {n}" for why, n in counts.most_common()))


def set_constant(setting: str) -> None:
    """``NAME=VALUE`` (a constant of :mod:`reglens.summarize`; VALUE a number or another of its
    constants' names), ``TABLE.KEY=VALUE`` (a weight) or ``answertype.NAME=VALUE`` (a constant of
    :mod:`reglens.answertype`)."""
    import reglens.summarize as summarize
    name, _, value = setting.partition("=")
    table, _, key = name.partition(".")
    if table == "answertype":  # a constant of reglens.answertype (answertype.VALUE_NOT_YESNO=0)
        import reglens.answertype as answertype
        current = getattr(answertype, key)
        setattr(answertype, key, type(current)(float(value)))
    elif key:
        getattr(summarize, table)[key] = float(value)
    elif hasattr(summarize, value):  # another of its constants (UNIT_RANKING=FITTED_RANKING)
        setattr(summarize, name, getattr(summarize, value))
    else:
        current = getattr(summarize, name)
        setattr(summarize, name, type(current)(float(value)) if isinstance(current, (int, float)) else value)
    print(f"with {setting}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index-all", type=Path, help="index over the statutes and the real PDFs")
    ap.add_argument("--index-laws", type=Path, help="index over the statutes (lawqa)")
    ap.add_argument("--index-real", type=Path,
                    help="with --index-all over the statutes: an index over the real PDFs alone, where the "
                         "natural questions about them are answered")
    ap.add_argument("--natural", type=Path, nargs="+", default=[HERE / "natural_questions.jsonl"],
                    help="natural question sets (each reported apart; --curve and --why over all together)")
    ap.add_argument("--lawqa", type=Path, default=SHARED / "eval" / "lawqa_dev.jsonl")
    ap.add_argument("--details", type=Path, help="write one JSON line per natural question here")
    ap.add_argument("--lawqa-details", type=Path, help="write one JSON line per lawqa question here")
    ap.add_argument("--json", type=Path, help="write the figures here")
    ap.add_argument("--no-dense", action="store_true",
                    help="score sentences without the dense model (to measure what it adds)")
    ap.add_argument("--passages", type=int, default=10, help="passages the answer is drawn from (search top k)")
    ap.add_argument("--curve", action="store_true", help="print the verdict threshold curve (natural set)")
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                    help="change one of the summarizer's constants or weights for this run, to measure what it "
                         "does (ITEM_LEX=0, TYPED_WEIGHTS.cond=0, CLOSE_RATIO=0.7; the verdict threshold: --curve)")
    ap.add_argument("--separation", action="store_true",
                    help="how well the confidence and each of its signals tell right answers from wrong (ROC AUC)")
    ap.add_argument("--dense", action="store_true", help="score sentences with sentence vectors too")
    ap.add_argument("--why", action="store_true",
                    help="count the natural questions whose answer misses the phrase by why (and list them)")
    ap.add_argument("--search-cache", type=Path, metavar="DIR",
                    help="keep each question's search results here and reuse them (for sweeps with --set; "
                         "delete it when the index or search changes)")
    args = ap.parse_args()
    if args.search_cache:
        cache_search(args.search_cache)
    for setting in args.set:
        set_constant(setting)
    options = {"dense": False} if args.no_dense else {}
    if args.dense:
        options["dense"] = True
    figures = {}
    if args.index_all:
        details: list[dict] = []
        index_all = Index(args.index_all)
        index_real = Index(args.index_real) if args.index_real else None
        for path in args.natural:
            name = "natural" if path == args.natural[0] else f"natural {path.stem}"
            figures[name] = natural(index_all, read_questions(path), details, options, args.passages, index_real,
                                    path.stem)
            show(f"natural questions (statutes + real PDFs), {path.name}", figures[name])
        if len(args.natural) > 1:
            print(f"curve and causes below: the {len(details)} questions of the {len(args.natural)} sets together")
        if args.curve:
            import reglens.summarize as summarize
            current = getattr(summarize, "MIN_CONFIDENCE", None)
            # the confidence is a chance of being right (round 7): thresholds 0.30-0.90
            grid = sorted({round(0.05 * i, 2) for i in range(6, 19)} | ({current} if current else set()))
            figures["natural"]["curve"] = verdict_curve(details, grid)
            show_curve(figures["natural"]["curve"], current)
        if args.why:
            show_why(details)
        if args.separation:
            show_separation(details)
        if args.details:
            args.details.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in details),
                                    encoding="utf-8")
    if args.index_laws:
        ldetails: list[dict] = []
        figures["lawqa"] = lawqa(Index(args.index_laws), read_questions(args.lawqa), options, ldetails,
                                 args.passages)
        if args.lawqa_details:
            args.lawqa_details.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in ldetails),
                                          encoding="utf-8")
        show("lawqa dev (statutes)", figures["lawqa"])
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
