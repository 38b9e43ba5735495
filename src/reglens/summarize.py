"""Extractive answers: sentences taken verbatim from the top passages, each tagged [n].

Nothing is generated, so nothing can be invented: every sentence shown is a
sentence of the cited provision. Selection is query relevance (IDF-weighted
term overlap) plus the passage's rank, minus redundancy; 「ただし…」 and
「この場合において…」 stay attached to the sentence they qualify. When no
passage covers enough of the question, the answer says so and lists the
closest provisions instead of forcing a summary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .numerals import NUMBER
from .search import Index, Result

MAX_SENTENCES = 4
MAX_CHARS = 420
PASSAGES = 5
# Share of the question's IDF weight the best passage must cover; below it the
# evidence is called weak. Calibrated on the dev questions (README, "Answers").
MIN_COVERAGE = 0.5
# A sentence scoring under half the best one adds more reading than answer: on dev,
# this raised the share of sentences citing a gold article from 53 % to 60 % while
# dropping 2 of 99 gold sentences (benchmarks/answer_eval.py; 0.6 dropped 6).
KEEP_RATIO = 0.5
_OPEN, _CLOSE = "「（(『【", "」）)』】"
_QUALIFIER = re.compile(r"^(ただし|但し|この場合において|この場合には|この場合)")


@dataclass
class Sentence:
    text: str
    passage: int  # 1-based number of the cited passage
    score: float = 0.0
    cites: list[int] = field(default_factory=list)  # all passages cited, when more than one

    @property
    def cited(self) -> list[int]:
        return self.cites or [self.passage]

    @property
    def marks(self) -> str:
        return "".join(f"[{n}]" for n in self.cited)


@dataclass
class Answer:
    question: str
    passages: list[Result]
    sentences: list[Sentence] = field(default_factory=list)
    weak: bool = False
    coverage: float = 0.0

    @property
    def text(self) -> str:
        if self.weak:
            return "明確な回答は見つかりませんでした。関連する規定: " + "、".join(
                f"{r.chunk['doc_title']} {r.chunk.get('article_label') or ''}[{n}]".replace(" [", "[")
                for n, r in enumerate(self.passages[:3], 1))
        return "".join(f"{s.text}{s.marks}" for s in self.sentences)

    def to_json(self) -> dict:
        return {
            "question": self.question, "answer": self.text, "weak_evidence": self.weak,
            "coverage": round(self.coverage, 3), "generated": False,
            "sentences": [{"text": s.text, "cites": s.cited} for s in self.sentences],
            "citations": [{"n": n, **r.to_json()} for n, r in enumerate(self.passages, 1)],
        }


def split_sentences(text: str) -> list[str]:
    """Split at 。 outside brackets and at line ends; keep ただし-clauses attached."""
    out: list[str] = []
    for line in text.split("\n"):
        buf, depth = "", 0
        for ch in line:
            buf += ch
            if ch in _OPEN:
                depth += 1
            elif ch in _CLOSE:
                depth = max(0, depth - 1)
            elif ch == "。" and depth == 0:
                out.append(buf.strip())
                buf = ""
        if buf.strip():
            out.append(buf.strip())
    merged: list[str] = []
    for s in out:
        if merged and _QUALIFIER.match(s):
            merged[-1] += s
        else:
            merged.append(s)
    return [s for s in merged if s]


_LABEL = re.compile(rf"^第{NUMBER}条(?:の{NUMBER})*[\s　]+|^[0-9０-９]{{1,3}}[\s　]+")


def _strip_label(sentence: str) -> str:
    """「第三条　借地権の…」 → 「借地権の…」: the citation carries the number."""
    return _LABEL.sub("", sentence, count=1)


class Summarizer:
    def __init__(self, index: Index, max_sentences: int = MAX_SENTENCES, max_chars: int = MAX_CHARS,
                 min_coverage: float = MIN_COVERAGE):
        self.index = index
        self.max_sentences = max_sentences
        self.max_chars = max_chars
        self.min_coverage = min_coverage
        self.idf = index.idf

    def _terms(self, text: str) -> set[str]:
        return set(self.index.query_terms(text))

    def answer(self, question: str, top_k: int = PASSAGES, **filters) -> Answer:
        return self.answer_from(question, self.index.search(question, top_k=top_k, **filters))

    def answer_from(self, question: str, passages: list) -> Answer:
        """The answer made of these search results (the app shows them before it has the answer)."""
        ans = Answer(question, passages)
        q = self._terms(question)
        q_weight = sum(self.idf(t) for t in q) or 1.0
        if not passages:
            ans.weak = True
            return ans
        candidates: list[Sentence] = []
        best_cover = 0.0
        for n, r in enumerate(passages, 1):
            cited = r.reason == "citation"
            cover = sum(self.idf(t) for t in q & self._terms(r.chunk["text"])) / q_weight
            if cited:
                cover = 1.0  # the question named this provision
            best_cover = max(best_cover, cover)
            for pos, s in enumerate(split_sentences(r.chunk["text"])):
                terms = self._terms(s)
                rel = sum(self.idf(t) for t in q & terms) / q_weight
                if rel < 0.1 and not cited:
                    continue  # shares nothing with the question
                # the provision the question names, its opening rule, higher ranks first
                score = rel + 0.3 / n + (0.15 if pos == 0 else 0.0) + (1.0 if cited else 0.0)
                candidates.append(Sentence(_strip_label(s), n, score))
        ans.coverage = best_cover
        if best_cover < self.min_coverage:
            ans.weak = True
            return ans
        chosen: list[Sentence] = []
        chosen_terms: list[set[str]] = []
        length = 0
        ranked = sorted(candidates, key=lambda s: -s.score)
        floor = ranked[0].score * KEEP_RATIO if ranked else 0.0
        for s in ranked:
            if len(chosen) >= self.max_sentences or s.score < floor:
                break
            terms = self._terms(s.text)
            if any(_jaccard(terms, t) > 0.6 for t in chosen_terms):
                continue  # says what a chosen sentence already says
            if chosen and length + len(s.text) > self.max_chars:
                continue
            chosen.append(s)
            chosen_terms.append(terms)
            length += len(s.text)
        # read in citation order, then in the provision's own order
        order = {id(s): i for i, s in enumerate(candidates)}
        ans.sentences = sorted(chosen, key=lambda s: (s.passage, order[id(s)]))
        return ans


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0
