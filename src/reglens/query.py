"""Query analysis: which laws and which articles a question names.

「金融商品取引法第27条の13により…」 names a law and an article; 「法第4条」
right after it refers to the same law. Article references are resolved
against the law named most recently before them, which is how Japanese legal
prose reads.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .legal.grammar import ENGLISH_REFERENCE, english_heading_key, law_before, paragraph_number, scan
from .legal.names import LawNames, latin_title
from .normalize import search_form

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
    english: bool = False  # Article/Section N of an English document
    end: int = 0  # where the reference's text ends (0: not known)
    unknown_law: bool = False  # its law is named, but not one the library knows at all
    paragraph: int | None = None  # 第二項 → 2: the paragraph cited, when one is


@dataclass
class Analysis:
    text: str
    laws: list[str] = field(default_factory=list)  # in order of first mention
    articles: list[ArticleRef] = field(default_factory=list)

    def topic(self, indexed: Callable[[str], object] = lambda title: True) -> str:
        """The text the topic is read from: without the provision numbers of laws the library
        does not have (unknown, or known by name but not ``indexed``): 「労働基準法第32条第2項」 →
        「労働基準法」. Other laws' 第三十二条 are no answer to it (user test: four unrelated
        第三十二条 were quoted)."""
        spans = sorted(((r.start, r.end) for r in self.articles if r.end > r.start
                        and (r.unknown_law or (r.title and not indexed(r.title)))), reverse=True)
        text = self.text
        for start, end in spans:
            text = text[:start] + " " + text[end:]
        return text


def analyse(question: str, names: LawNames) -> Analysis:
    """The laws a question names and the articles it cites, read by the one reference grammar.

    An article belongs to the law named right before it, to the law a relative
    word (法, 同法, 施行令) points at, or to a law named a few characters earlier
    (「借地借家法について、第三条は」); otherwise its law is None (unknown).
    """
    text = search_form(question)
    hits = names.find(text)
    result = Analysis(text=text)
    for h in hits:
        if h.title not in result.laws:
            result.laws.append(h.title)
    for ref in scan(text, [(h.start, h.end) for h in hits]):
        if ref.relative:
            continue  # 同条, 前項: a question has no provision of its own to count from
        context = [h.title for h in hits if h.end <= ref.start]
        read = law_before(text, ref.start, hits, context[-1] if context else None, question=True)
        result.articles.append(ArticleRef(read.law if not read.problem else None, ref.key, ref.start,
                                          end=ref.end, unknown_law=read.problem == "unknown_law",
                                          paragraph=paragraph_number(ref.paragraph)))
    # "Article 5(2) of the GDPR", "Section 4.020": the English document's article or section
    for m in ENGLISH_REFERENCE.finditer(text):
        context = [h.title for h in hits if h.end <= m.start() + 40]
        result.articles.append(ArticleRef(context[-1] if context else None,
                                          english_heading_key(m.group("num")), m.start(), english=True))
    return result


# The kinds of question the fusion may weigh differently (retrieval round 9), read from the question
# alone: its script, whether it names a law or cites an article, and whether it writes in the
# statutes' own register. Not from the collection it comes from.
KINDS = ("english", "statute", "plain")
# the statutes' own register: orders and delegation (政令, 施行規則), provisions (規定, 条文, 該当,
# 定める), and the connectives of legal drafting (又は, 若しくは, 及び, 並びに, 当該)
_STATUTE_WORDS = re.compile(r"政令|省令|府令|施行令|施行規則|規定|条文|該当|当該|定め|掲げる|以下「|に基づ"
                            r"|違反|抵触|準用|法令|又は|若しくは|及び|並びに")


def question_kind(analysis: Analysis) -> str:
    """english (mostly Latin letters), statute (names a law, cites an article or uses the statutes'
    register) or plain (everyday Japanese)."""
    if latin_title(analysis.text):  # the same test as an English document's title
        return "english"
    if analysis.laws or analysis.articles or _STATUTE_WORDS.search(analysis.text):
        return "statute"
    return "plain"
