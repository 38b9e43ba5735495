"""Generated answers, kept only where the cited passage supports them.

A language model may phrase an answer better than extracted sentences, and it
may also invent law. So the model sees only the numbered passages and must end
every sentence with [n]; then :func:`ground` checks each sentence against the
passages it cites, by three measurable tests:

1. it cites at least one passage that was given (no citation, or [9] when
   there were five passages, fails);
2. its content words are in the cited passages: at least ``MIN_SUPPORT`` of
   the sentence's IDF weight (Sudachi terms, the same the search uses);
3. every number and article reference in it (三十年, 30日, 第十九条) occurs in a
   cited passage, read as a number whatever the numerals.

A failing sentence is not shown as part of the answer; it is reported with its
reason. When nothing survives, the extractive answer is shown instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .errors import RegLensError
from .legal.grammar import ARTICLE_NO
from .legal.numerals import NUMBER, article_key, to_int
from .search import Result, citation
from .summarize import Answer, Sentence, Summarizer, split_sentences

MIN_SUPPORT = 0.6
PASSAGE_CHARS = 700  # of each passage shown to the model
_MARK = re.compile(r"\s*[\[［]\s*([0-9０-９]+(?:\s*[,，、]\s*[0-9０-９]+)*)\s*[\]］]")
# a number with a unit, so that 「一定」「同一」 are not numbers
_QUANTITY = re.compile(
    rf"({NUMBER})(?=\s*(?:年|か月|ヶ月|箇月|月|日|週|時間|分|円|人|名|回|倍|割|%|％|歳|件|条|項|号))")
_ARTICLE = re.compile(ARTICLE_NO)

PROMPT = """あなたは日本の法令の調査を補助します。次の【資料】だけを根拠に【質問】に日本語で簡潔に答えてください。
規則:
- すべての文の末尾に、根拠とした資料の番号を [1] のように付けること。
- 資料に書かれていないことは書かないこと。推測や一般知識を加えないこと。
- 資料から答えられない場合は「資料からは回答できません。」とだけ書くこと。
- 3文以内。

【質問】
{question}

【資料】
{passages}
"""


@dataclass
class Dropped:
    text: str
    reason: str  # uncited | unknown_passage | unsupported_terms | unsupported_number


@dataclass
class GroundedAnswer(Answer):
    generated: bool = True
    model: str = ""
    raw: str = ""
    dropped: list[Dropped] = field(default_factory=list)
    fallback_reason: str = ""  # why the extractive answer is shown instead

    def to_json(self) -> dict:
        d = super().to_json()
        d["generated"] = self.generated
        d["model"] = self.model
        d["dropped"] = [{"text": x.text, "reason": x.reason} for x in self.dropped]
        if self.fallback_reason:
            d["fallback_reason"] = self.fallback_reason
        return d


def prompt_for(question: str, passages: list[Result]) -> str:
    blocks = []
    for n, r in enumerate(passages, 1):
        text = r.chunk["text"][:PASSAGE_CHARS]
        blocks.append(f"[{n}] {citation(r.chunk)}\n{text}")
    return PROMPT.format(question=question, passages="\n\n".join(blocks))


def numbers_in(text: str, quantities_only: bool) -> set[int]:
    pattern = _QUANTITY if quantities_only else re.compile(NUMBER)
    out = set()
    for m in pattern.finditer(text):
        try:
            out.add(to_int(m.group(1) if quantities_only else m.group(0)))
        except ValueError:
            continue
    return out


def articles_in(text: str) -> set[str]:
    out = set()
    for m in _ARTICLE.finditer(text):
        try:
            out.add(article_key(m.group(0)))
        except ValueError:
            continue
    return out


class GroundedSummarizer:
    """Generated answer + grounding check; the extractive answer is the fallback."""

    def __init__(self, summarizer: Summarizer, llm, model_name: str = "",
                 min_support: float = MIN_SUPPORT):
        self.summarizer = summarizer
        self.index = summarizer.index
        self.llm = llm
        self.model_name = model_name or getattr(getattr(llm, "metadata", None), "model_name", "")
        self.min_support = min_support

    def answer(self, question: str, top_k: int = 5, **filters) -> Answer:
        extractive = self.summarizer.answer(question, top_k=top_k, **filters)
        if extractive.weak or not extractive.passages:
            return extractive  # weak evidence: no model gets to fill the gap
        try:
            raw = self.llm.complete(prompt_for(question, extractive.passages)).text
        except RegLensError as exc:
            return self._fallback(extractive, str(exc), "")
        kept, dropped = self.ground(raw, extractive.passages)
        if not kept:
            return self._fallback(extractive, "no generated sentence passed the grounding check",
                                  raw, dropped)
        return GroundedAnswer(question=question, passages=extractive.passages, sentences=kept,
                              coverage=extractive.coverage, model=self.model_name, raw=raw,
                              dropped=dropped)

    def _fallback(self, extractive: Answer, reason: str, raw: str,
                  dropped: list[Dropped] | None = None) -> GroundedAnswer:
        return GroundedAnswer(question=extractive.question, passages=extractive.passages,
                              sentences=extractive.sentences, weak=extractive.weak,
                              coverage=extractive.coverage, generated=False, model=self.model_name,
                              raw=raw, dropped=dropped or [], fallback_reason=reason)

    def ground(self, raw: str, passages: list[Result]) -> tuple[list[Sentence], list[Dropped]]:
        kept: list[Sentence] = []
        dropped: list[Dropped] = []
        # 「…です。[1]」 → 「…です[1]。」 so that the mark stays with its sentence
        raw = re.sub(r"。\s*((?:\s*[\[［][0-9０-９,，、\s]+[\]］])+)", r"\1。", raw.strip())
        for sentence in split_sentences(raw):
            cites = [to_int(n) for m in _MARK.finditer(sentence) for n in re.split(r"[,，、]", m.group(1))]
            text = _MARK.sub("", sentence).strip()
            if not text or text.strip("。") == "":
                continue
            if "資料からは回答できません" in text:
                dropped.append(Dropped(text, "no_answer"))
                continue
            if not cites:
                dropped.append(Dropped(text, "uncited"))
                continue
            if any(not 1 <= n <= len(passages) for n in cites):
                dropped.append(Dropped(text, "unknown_passage"))
                continue
            source = "\n".join(passages[n - 1].chunk["text"] for n in cites)
            own = {passages[n - 1].chunk.get("article_key") for n in cites}
            reason = self._unsupported(text, source, own)
            if reason:
                dropped.append(Dropped(text, reason))
                continue
            kept.append(Sentence(text=text, passage=cites[0], cites=cites))
        return kept, dropped

    def _unsupported(self, text: str, source: str, own_articles: set) -> str:
        terms = set(self.index.query_terms(text))
        weight = sum(self.index.idf(t) for t in terms)
        if weight:
            have = set(self.index.query_terms(source))
            support = sum(self.index.idf(t) for t in terms & have) / weight
            if support < self.min_support:
                return "unsupported_terms"
        if not numbers_in(text, quantities_only=True) <= numbers_in(source, quantities_only=False):
            return "unsupported_number"
        if not articles_in(text) <= (articles_in(source) | own_articles):
            return "unsupported_article"
        return ""

