"""Retrieval quality on lawqa-style questions: Hit@1/5/10, Recall@10, MRR@10.

Only the question text is sent to search, never the answer choices. A result
matches a gold citation when its document title and article number agree;
questions without a statutory gold article in the library are not scored, nor
are questions without a topic (「次のうち、正しいものを教えてください。」: the app
asks for the topic instead of searching, see guidance.py) — they are counted apart.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .guidance import for_index
from .legal.numerals import article_key
from .normalize import search_form
from .search import Index

K = 10


@dataclass
class QuestionScore:
    qid: str
    question: str
    names_article: bool
    gold: list[tuple[str, str]]
    ranks: list[int]  # 1-based rank of each distinct gold found in the top K
    top: list[str]
    seconds: float

    @property
    def first(self) -> int | None:
        return min(self.ranks) if self.ranks else None


@dataclass
class Report:
    scored: list[QuestionScore] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    no_topic: list[str] = field(default_factory=list)  # asked for their topic, never searched

    def metrics(self, subset: Iterable[QuestionScore] | None = None) -> dict:
        qs = list(self.scored if subset is None else subset)
        if not qs:
            return {"n": 0}
        def hit(k: int) -> float:
            return sum(1 for q in qs if q.first and q.first <= k) / len(qs)
        return {
            "n": len(qs),
            "hit@1": round(hit(1), 3), "hit@5": round(hit(5), 3), "hit@10": round(hit(10), 3),
            "recall@10": round(statistics.mean(len(q.ranks) / len(q.gold) for q in qs), 3),
            "mrr@10": round(statistics.mean(1.0 / q.first if q.first else 0.0 for q in qs), 3),
        }

    def summary(self) -> dict:
        return {
            "overall": self.metrics(),
            "names_article": self.metrics(q for q in self.scored if q.names_article),
            "no_article": self.metrics(q for q in self.scored if not q.names_article),
            "skipped_no_gold_in_library": len(self.skipped),
            "no_topic": len(self.no_topic),
            "latency_ms_p50": round(1000 * _pct([q.seconds for q in self.scored], 50), 1),
            "latency_ms_p95": round(1000 * _pct([q.seconds for q in self.scored], 95), 1),
            "misses": [{"qid": q.qid, "question": q.question[:80],
                        "gold": [f"{t} {k}" for t, k in q.gold], "top3": q.top[:3]}
                       for q in self.scored if not q.first or q.first > 5],
        }


def _pct(values: list[float], p: int) -> float:
    if not values:
        return 0.0
    v = sorted(values)
    return v[min(len(v) - 1, round(p / 100 * (len(v) - 1)))]


MAX_QUESTIONS_FILE = 64 << 20


def read_questions(path: Path) -> list[dict]:
    from .safeio import FileTooLarge, NotARegularFile, read_regular
    try:
        raw = read_regular(Path(path), MAX_QUESTIONS_FILE)
    except (NotARegularFile, FileTooLarge):
        raise ValueError(f"{path}: not a regular file of at most {MAX_QUESTIONS_FILE >> 20} MB") from None
    out = []
    for n, line in enumerate(raw.decode("utf-8", "replace").splitlines(), 1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not valid JSON ({exc.msg})") from None
    return out


def gold_articles(q: dict, titles: set[str]) -> list[tuple[str, str]]:
    gold = []
    for g in q.get("gold", []):
        if not g.get("article_no") or not g.get("law_title"):
            continue
        t = search_form(g["law_title"])
        if t not in titles:
            continue
        try:
            item = (t, article_key(g["article_no"]))
        except ValueError:
            continue
        if item not in gold:
            gold.append(item)
    return gold


def found_articles(results) -> list[tuple[str, str]]:
    """Each result's (law title in search form, article key): the form gold_articles gives."""
    return [(search_form(r.chunk["doc_title"]), r.chunk.get("article_key", "")) for r in results]


def scorable(index: Index, questions: list[dict]) -> Iterator[tuple[dict, list[tuple[str, str]]]]:
    """The questions :func:`evaluate` scores, each with its gold articles: those with a topic
    and with gold in a law the index holds (for scripts that rank them their own way)."""
    titles = {search_form(d["title"]) for d in index.manifest["documents"]}
    for q in questions:
        if not for_index(index, q["question"]).no_topic and (gold := gold_articles(q, titles)):
            yield q, gold


def evaluate(index: Index, questions: list[dict]) -> Report:
    titles = {search_form(d["title"]) for d in index.manifest["documents"]}
    report = Report()
    for q in questions:
        if for_index(index, q["question"]).no_topic:
            report.no_topic.append(q.get("qid", "?"))
            continue
        gold = gold_articles(q, titles)
        if not gold:
            report.skipped.append(q.get("qid", "?"))
            continue
        t = time.perf_counter()
        results = index.search(q["question"], top_k=K)
        dt = time.perf_counter() - t
        found = found_articles(results)
        ranks = sorted({found.index(g) + 1 for g in gold if g in found})
        report.scored.append(QuestionScore(
            q.get("qid", "?"), q["question"], bool(q.get("names_article")), gold, ranks,
            [f"{a} {b}" for a, b in found], dt))
    return report
