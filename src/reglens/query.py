"""Query analysis: which laws and which articles a question names.

「金融商品取引法第27条の13により…」 names a law and an article; 「法第4条」
right after it refers to the same law. Article references are resolved
against the law named most recently before them, which is how Japanese legal
prose reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lawnames import LawNames
from .normalize import search_form
from .numerals import NUMBER, article_key

_CITE = re.compile(rf"(同法|(?<![^\s、。，,「（(])法)?第({NUMBER})条((?:の{NUMBER})*)")

# Words of the question template itself (「次のうち、正しいものを教えてください」),
# not of the topic; they are dropped from the lexical query.
QUESTION_WORDS = frozenset((
    "次 うち 正しい 誤る 物 もの 教える 下さる 下さい 該当 説明 記載 "
    "条文 根拠 どれ 何 いずれ 選ぶ 述べる 示す 定める 規定 以下 当たる "
    "適切 不適切 する いる ある なる 為る 居る 有る 成る 為さる "
    "無関係 組み合わせ 選択肢 問う 答える"
).split())


@dataclass
class ArticleRef:
    title: str | None  # canonical law title, None if no law was named before
    key: str
    start: int


@dataclass
class Analysis:
    text: str
    laws: list[str] = field(default_factory=list)  # in order of first mention
    articles: list[ArticleRef] = field(default_factory=list)


def analyse(question: str, names: LawNames) -> Analysis:
    text = search_form(question)
    hits = names.find(text)
    result = Analysis(text=text)
    for h in hits:
        if h.title not in result.laws:
            result.laws.append(h.title)
    for m in _CITE.finditer(text):
        try:
            key = article_key(f"第{m.group(2)}条{m.group(3)}")
        except ValueError:
            continue
        start = m.start(2) - 1  # the 「第」
        before = [h for h in hits if h.end <= start]
        title = None
        if before:
            # the law named last governs 「…法第N条」, 「法第N条」 and 「同法第N条」
            gap = text[before[-1].end:start]
            if m.group(1) or len(gap) <= 12:
                title = before[-1].title
        result.articles.append(ArticleRef(title, key, start))
    return result
