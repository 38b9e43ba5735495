"""Do the passages of statutes printed without 項/号 numbers keep the statute's own lines? (not a test)

Twelve corpus statutes are sentence-per-line exports: no ２/３ or 一/二, so a paragraph or an
item is known only by starting a line of its own, and the citation check infers 項 and 号 from
those lines (``legal.provisions``). ``../shared/corpus/laws/articles`` holds each article's
text as e-Gov exports it, one sentence, item or term per line. This script reads an index's
article passages and counts the articles whose lines are exactly e-Gov's (after the article
label; white space ignored: a paragraph of two sentences is one line in the PDF, so 100 % is not
expected), and how many of e-Gov's lines start inside one of ours (run into the line before).

    PYTHONPATH=src .venv/bin/python benchmarks/unnumbered_lines.py --index indexes/laws [--list 10]
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
from pathlib import Path

from reglens.legal.numerals import article_key
from reglens.search import Index

SHARED = Path(__file__).resolve().parents[2] / "shared"
_LABEL = re.compile(r"^(?:附則)?第[一二三四五六七八九十百千〇]+条(?:の[一二三四五六七八九十百]+)*[\s\u3000]*")


def _lines(text: str) -> list[str]:
    return [re.sub(r"\s+", "", ln) for ln in text.split("\n") if ln.strip()]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", required=True)
    ap.add_argument("--list", type=int, default=0, help="print this many articles that differ")
    args = ap.parse_args()
    files = sorted((SHARED / "corpus/laws/articles").glob("*.jsonl"))
    if not files:
        print("../shared/corpus/laws/articles not found", file=sys.stderr)
        return 2
    index = Index(Path(args.index), verify=False)
    store = index.chunks
    by_article: dict[tuple[str, str], list[dict]] = collections.defaultdict(list)
    for i in range(len(store)):
        c = store[i]
        if c.get("kind") == "article" and c.get("article_key"):
            by_article[(c["doc_title"], c["article_key"])].append(c)
    articles = same = gold_lines = run_in = 0
    shown = 0
    for f in files:
        for row in map(json.loads, f.open(encoding="utf-8")):
            if row.get("structure") != "sentences" or not row.get("text"):
                continue
            try:
                key = article_key(row["article_title"])
            except ValueError:
                continue
            chunks = by_article.get((row["law_title"], key))
            if not chunks:
                continue
            text = "\n".join(c["text"] for c in sorted(chunks, key=lambda c: c.get("part", 0)))
            ours = _lines(_LABEL.sub("", text, count=1))
            gold = _lines(row["text"])
            articles += 1
            gold_lines += len(gold)
            same += ours == gold
            # a gold line that starts inside one of ours: it was run into the line before
            starts = {ln[:12] for ln in ours}
            missed = [g for g in gold[1:] if g[:12] not in starts and any(g[:12] in o[1:] for o in ours)]
            run_in += len(missed)
            if ours != gold and shown < args.list:
                shown += 1
                print(row["law_title"], row["article_title"], "run in:", [m[:20] for m in missed][:3])
    print(f"unnumbered statutes' articles: {articles}; lines exactly e-Gov's: {same} "
          f"({same / max(articles, 1):.1%}); e-Gov lines run into the line before: {run_in} of {gold_lines}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
