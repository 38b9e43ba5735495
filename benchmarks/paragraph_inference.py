"""How well 項/号 are found in statutes that print no paragraph numbers (not a test).

Twelve of the corpus PDFs are sentence-per-line exports with no ２/３ or 一/二
markers. The 16 laws under ../shared/corpus/laws/paragraphs print them; this
script strips the markers from their ground-truth paragraphs, lets
``provisions.read_provision`` infer the layout, and prints how often the
paragraph and item counts come out exact, and whether the upper bound used to
flag impossible citations ever falls below the truth.

    .venv/bin/python benchmarks/paragraph_inference.py
"""

from __future__ import annotations

import collections
import json
import re
import sys
from pathlib import Path

from reglens.legal.provisions import read_provision

SHARED = Path(__file__).resolve().parents[2] / "shared"
_PARA_NO = re.compile(r"^[0-9０-９]+\u3000")
_ITEM_NO = re.compile(
    r"(?m)^(?:[一二三四五六七八九十]+(?:の[一二三四五六七八九十]+)*|[イロハニホヘトチリヌルヲ])\u3000")
_ITEM_LINE = re.compile(r"(?m)^[一二三四五六七八九十]+(?:の[一二三四五六七八九十]+)*\u3000")


def main() -> int:
    files = sorted((SHARED / "corpus/laws/paragraphs").glob("*.jsonl"))
    if not files:
        print("../shared/corpus/laws/paragraphs not found", file=sys.stderr)
        return 2
    articles = exact = over = under = bound_broken = 0
    paragraphs = items_exact = 0
    for f in files:
        by_article: dict[str, list[dict]] = collections.defaultdict(list)
        for line in f.open(encoding="utf-8"):
            row = json.loads(line)
            by_article[row["article_no"]].append(row)
        for rows in by_article.values():
            text = "\n".join(_ITEM_NO.sub("", _PARA_NO.sub("", r["text"])) for r in rows)
            prov = read_provision([{"text": text, "pages": [0]}])
            articles += 1
            got, want = len(prov.paragraphs), len(rows)
            exact += got == want
            over += got > want
            under += got < want
            bound_broken += prov.max_paragraphs < want
            for row, par in zip(rows, prov.paragraphs, strict=False):
                paragraphs += 1
                items_exact += len(_ITEM_LINE.findall(row["text"])) == len(par.items)
    print(f"laws {len(files)}, articles {articles}")
    print(f"paragraph count exact : {exact / articles:.3f} (too many {over}, too few {under})")
    print(f"item count exact      : {items_exact / paragraphs:.3f} of {paragraphs} paragraphs")
    print(f"upper bound below truth: {bound_broken} articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
