"""Why gold is not first, by category, on lawqa dev and the natural set (not a test).

Each question whose gold is not first is put in the first category that
applies, so the counts add up and the largest general category is plain:

* cites another provision — the question cites an article (「定義府令第十六条…に規定する
  契約」) that is not its gold; the cited one comes first, by design;
* wrong document — none of the top 5 comes from a gold document (law or PDF file);
* page vs article (natural set) — a top-5 result is the gold file's gold article, or a
  neighbouring page of it, but its pages do not include the gold page;
* caption paraphrase — the gold article's caption （禁止行為） shares no word with the
  question and the gold passage covers under half the question's IDF weight;
* paraphrase — the gold passage covers under half of the question's IDF weight
  (the question says it in other words);
* outranked — the words are there, other passages rank higher.

Each category is split by where the gold is: 2–5 (costs MRR), 6–50 (costs Hit@5), beyond 50.

``--by-kind`` also sorts each natural set's questions whose gold page is not in the top 5 by the
kind of question or page (the first that applies): English over Japanese (an English question, a
Japanese gold document), English (an English gold document), kana only, cover page (gold on a
document's first page), table page (most of the gold page's lines are short cells), paraphrase
(the gold page holds under half the question's IDF weight), words there; and by whether the
right document is in the top 5 at all.

    PYTHONPATH=src .venv/bin/python benchmarks/failures.py --index-laws indexes/laws --index-all indexes/all [-v]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from reglens.evaluate import found_articles, read_questions, scorable  # noqa: E402
from reglens.legal.names import latin_title  # noqa: E402
from reglens.normalize import search_form  # noqa: E402
from reglens.query import analyse  # noqa: E402
from reglens.search import _HIRAGANA_ONLY, Index  # noqa: E402

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[0].parent / "shared"
DEEP = 50
KINDS = ("english over japanese", "english", "kana only", "cover page", "table page", "paraphrase", "words there")
TABLE_LINE = 15  # characters: a line this short is a table cell (a point, a code, a number)
CATEGORIES = ("cites another provision", "wrong document", "page vs article", "caption paraphrase",
              "paraphrase", "outranked")


@dataclass
class Miss:
    qid: str
    question: str
    rank: int | None  # within the top DEEP, else None
    category: str
    top: str


def coverage(index: Index, question_terms: list[str], rows: list[int]) -> float:
    """Share of the question's IDF weight whose terms occur in the gold passages."""
    terms = set(question_terms)
    total = sum(index.idf(t) for t in terms)
    if not total or not rows:
        return 0.0
    have: set[str] = set()
    for i in rows:
        c = index.chunks[i]
        have |= set(index.query_terms(search_form(c.get("caption", "") + c["text"])))
    return sum(index.idf(t) for t in terms & have) / total


def caption_shared(index: Index, question_terms: list[str], rows: list[int]) -> bool | None:
    caps = [index.chunks[i].get("caption", "") for i in rows if index.chunks[i].get("caption")]
    if not caps:
        return None
    words = {t for c in caps for t in index.query_terms(search_form(c.strip("（）()")))}
    return bool(words & set(question_terms))


def classify(index: Index, question: str, gold_rows: list[int], top5_docs: set[str],
             gold_docs: set[str], cites_other: bool, granular: bool) -> str:
    if cites_other:
        return "cites another provision"
    if not top5_docs & gold_docs:
        return "wrong document"
    if granular:
        return "page vs article"
    terms = index.query_terms(analyse(question, index.names).text)
    if coverage(index, terms, gold_rows) < 0.5:
        return "caption paraphrase" if caption_shared(index, terms, gold_rows) is False else "paraphrase"
    return "outranked"


def lawqa_misses(index: Index, questions: list[dict]) -> tuple[int, list[Miss]]:
    n, misses = 0, []
    for q, gold in scorable(index, questions):
        n += 1
        found = found_articles(index.search(q["question"], top_k=DEEP))
        ranks = [found.index(g) + 1 for g in gold if g in found]
        rank = min(ranks) if ranks else None
        if rank == 1:
            continue
        rows = [i for t, k in gold for i in index.catalog.passages(t, k)]
        cited = {(ref.title, ref.key) for ref in analyse(q["question"], index.names).articles}
        cites_other = bool(cited) and not (cited & set(gold))
        top5_docs = {t for t, _ in found[:5]}
        cat = classify(index, q["question"], rows, top5_docs, {t for t, _ in gold}, cites_other, False)
        misses.append(Miss(q.get("qid", "?"), q["question"], rank, cat, " | ".join(f"{a} {b}" for a, b in found[:3])))
    return n, misses


def natural_misses(index: Index, questions: list[dict]) -> tuple[int, list[Miss]]:
    by_file: dict[str, list[int]] = {}
    for i, c in enumerate(index.chunks):
        doc = index.documents[c["doc_id"]]
        by_file.setdefault(Path(doc["path"]).name, []).append(i)
    misses = []
    for q in questions:
        gold = {(Path(g["file"]).name, g["page"]) for g in q["gold"]}
        gold_files = {f for f, _ in gold}
        res = index.search(q["question"], top_k=DEEP)
        names = [Path(r.doc_path or index.documents[r.chunk["doc_id"]]["path"]).name for r in res]
        hits = [k + 1 for k, r in enumerate(res) if any((names[k], p + 1) in gold for p in r.chunk["pages"])]
        rank = min(hits) if hits else None
        if rank == 1:
            continue
        rows = [i for f, p in gold for i in by_file.get(f, []) if p - 1 in index.chunks[i]["pages"]]
        gold_articles_ = {(f, g["article"]) for g in q["gold"] for f in [Path(g["file"]).name] if g.get("article")}
        granular = False
        for k, r in enumerate(res[:5]):
            if names[k] not in gold_files:
                continue
            label = r.chunk.get("article_label", "")
            if k + 1 in hits:
                continue  # the gold itself, ranked below something else
            near = any(f == names[k] and abs(p + 1 - gp) <= 1 for f, gp in gold for p in r.chunk["pages"])
            same_article = label and any(f == names[k] and search_form(a) == search_form(label)
                                         for f, a in gold_articles_)
            if near or same_article:
                granular = True
        cites_other = bool(analyse(q["question"], index.names).articles) and rank is None
        cat = classify(index, q["question"], rows, set(names[:5]), gold_files, cites_other, granular)
        misses.append(Miss(q["id"], q["question"], rank, cat,
                           " | ".join(f"{names[k]} p{res[k].chunk['pages'][0] + 1}" for k in range(min(3, len(res))))))
    return len(questions), misses


def _is_table(index: Index, rows: list[int]) -> bool:
    lines = [ln for i in rows for ln in index.chunks[i]["text"].splitlines() if ln.strip()]
    return bool(lines) and sum(len(ln) <= TABLE_LINE for ln in lines) * 2 > len(lines)


def natural_kinds(index: Index, questions: list[dict]) -> list[tuple[str, bool, str]]:
    """(kind, right document in the top 5, listing line) of each question whose gold page is not in the top 5."""
    by_file: dict[str, list[int]] = {}
    for i, c in enumerate(index.chunks):
        by_file.setdefault(Path(index.documents[c["doc_id"]]["path"]).name, []).append(i)
    out = []
    for q in questions:
        gold = {(Path(g["file"]).name, g["page"]) for g in q["gold"]}
        files = {f for f, _ in gold}
        res = index.search(q["question"], top_k=5)
        names = [Path(r.doc_path or index.documents[r.chunk["doc_id"]]["path"]).name for r in res]
        if any((n, p + 1) in gold for n, r in zip(names, res, strict=True) for p in r.chunk["pages"]):
            continue
        rows = [i for f, p in gold for i in by_file.get(f, []) if p - 1 in index.chunks[i]["pages"]]
        english_gold = any(latin_title(index.documents[index.chunks[i]["doc_id"]]["title"]) for i in rows)
        if q.get("lang") == "en":
            kind = "english" if english_gold else "english over japanese"
        elif _HIRAGANA_ONLY.fullmatch(q["question"]):
            kind = "kana only"
        elif any(p == 1 for _, p in gold):
            kind = "cover page"
        elif _is_table(index, rows):
            kind = "table page"
        elif coverage(index, index.query_terms(analyse(q["question"], index.names).text), rows) < 0.5:
            kind = "paraphrase"
        else:
            kind = "words there"
        right = bool(set(names) & files)
        out.append((kind, right, f"    [{kind}{'' if right else ' / wrong document'}] {q['id']} {q['question'][:60]}"
                                 f"  → {' | '.join(names[:3])}"))
    return out


def report_kinds(name: str, n: int, found: list[tuple[str, bool, str]], verbose: bool) -> None:
    print(f"{name}: {n} questions, {len(found)} with the gold page not in the top 5")
    print(f"  {'kind':<24}{'right document':>15}{'wrong document':>15}")
    for k in KINDS:
        right = sum(1 for kind, r, _ in found if kind == k and r)
        wrong = sum(1 for kind, r, _ in found if kind == k and not r)
        if right or wrong:
            print(f"  {k:<24}{right:>15}{wrong:>15}")
    if verbose:
        for line in sorted(x[2] for x in found):
            print(line)


def _bucket(rank: int | None) -> str:
    return "2–5" if rank and rank <= 5 else f"6–{DEEP}" if rank else f">{DEEP}"


def report(name: str, n: int, misses: list[Miss], verbose: bool) -> None:
    buckets = Counter(_bucket(m.rank) for m in misses)
    print(f"{name}: {n} questions, {len(misses)} with gold not first "
          f"(2–5: {buckets['2–5']}, 6–{DEEP}: {buckets[f'6–{DEEP}']}, beyond {DEEP}: {buckets[f'>{DEEP}']})")
    print(f"  {'category':<26}{'2–5':>5}{f'6–{DEEP}':>6}{f'>{DEEP}':>5}")
    for c in CATEGORIES:
        got = Counter(_bucket(m.rank) for m in misses if m.category == c)
        if got:
            print(f"  {c:<26}{got['2–5']:>5}{got[f'6–{DEEP}']:>6}{got[f'>{DEEP}']:>5}")
    if verbose:
        for m in sorted(misses, key=lambda m: CATEGORIES.index(m.category)):
            print(f"    [{m.category}] {m.qid} rank={m.rank} {m.question[:70]}  → {m.top}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index-laws", required=True)
    ap.add_argument("--index-all")
    ap.add_argument("--lawqa", default=str(SHARED / "eval" / "lawqa_dev.jsonl"))
    ap.add_argument("--natural", nargs="+", default=[str(HERE / "natural_questions.jsonl")],
                    help="one or more natural question sets, each reported apart")
    ap.add_argument("--by-kind", action="store_true", help="natural sets: gold pages not in the top 5, by kind")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = ap.parse_args()
    n, m = lawqa_misses(Index(Path(args.index_laws)), read_questions(Path(args.lawqa)))
    report("lawqa dev (questions with a topic)", n, m, args.verbose)
    if args.index_all:
        every = Index(Path(args.index_all))
        for path in args.natural:
            nat = [json.loads(x) for x in Path(path).read_text(encoding="utf-8").splitlines() if x.strip()]
            n, m = natural_misses(every, nat)
            report(f"natural set (page), {Path(path).stem}", n, m, args.verbose)
            if args.by_kind:
                report_kinds(f"natural set by kind, {Path(path).stem}", n, natural_kinds(every, nat), args.verbose)


if __name__ == "__main__":
    main()
