"""Citation resolution measured against ground-truth article texts.

Every article reference in the answer choices of lawqa-style questions is read
with the question before it (so 「同法」 and a bare 「第5条」 have the law the
question names). A reference is right when the law and article exist in the
ground truth and the text RegLens returns is that article's (or part of it).
Each right one is then cited again with a paragraph and an article number that
do not exist: those must be flagged, or at least marked as not exact.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable
from pathlib import Path

from .cite import ARTICLE_MISSING, FOUND, PARAGRAPH_MISSING, CitationChecker
from .legal.grammar import ARTICLE_NO
from .legal.numerals import article_key
from .normalize import search_form

_LABEL = re.compile(rf"^(?:{ARTICLE_NO}|[0-9]+)\s*")


def load_articles(folder: Path) -> dict[tuple[str, str], str]:
    """(law title, article key) → text, from ``articles/*.jsonl``."""
    out: dict[tuple[str, str], str] = {}
    for f in Path(folder).glob("*.jsonl"):
        for line in f.open(encoding="utf-8"):
            row = json.loads(line)
            try:
                key = article_key(row["article_no"])
            except ValueError:
                continue
            k = (search_form(row["law_title"]), key)
            out[k] = out.get(k, "") + "\n" + row["text"]
    return out


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", search_form(text))


def _opening(text: str) -> str:
    """First 30 characters of a provision's own words (printed number removed)."""
    return _squash(_LABEL.sub("", search_form(text).strip()))[:30]


def citation_report(checker: CitationChecker, questions: Iterable[dict],
                    truth: dict[tuple[str, str], str]) -> dict:
    indexed = {search_form(d["title"]) for d in checker.index.documents.values()}
    n = 0
    misses: list[str] = []
    right = []
    t0 = time.perf_counter()
    for q in questions:
        for choice in q.get("choices", {}).values():
            for c in checker.check(q["question"] + "\n" + choice):
                if c.start <= len(q["question"]) or not c.article_key or c.law not in indexed:
                    continue  # the question's own references, or a law the library lacks
                n += 1
                gold = truth.get((c.law, c.article_key))
                if gold is not None and c.status == FOUND and c.text and _opening(c.text) in _squash(gold):
                    right.append(c)
                else:
                    misses.append(f"{q['qid']}: {c.written} → {c.status} {c.provision} {c.message}")
    ms = (time.perf_counter() - t0) * 1000 / max(n, 1)
    flagged = unsure = total = 0
    for c in right:
        head = f"{c.law}第{c.article_key.split('-')[0]}条" + "".join(
            f"の{p}" for p in c.article_key.split("-")[1:])
        for bad, want in ((head + "第99項", PARAGRAPH_MISSING),
                          (f"{c.law}第{int(c.article_key.split('-')[0]) + 5000}条", ARTICLE_MISSING)):
            got = checker.resolve(bad)
            total += 1
            flagged += got is not None and got.status == want
            unsure += got is not None and got.status == FOUND and not got.exact
    return {"references": n, "resolved": len(right), "misses": misses,
            "wrong_total": total, "wrong_flagged": flagged, "wrong_marked_not_exact": unsure,
            "ms_per_reference": round(ms, 1)}
