"""Guidance before search: is there a topic to search for, and are the laws named indexed?

Search always returns its ten best passages, so a question made only of the
question template (「次のうち、正しいものを教えてください。」) gets ten unrelated
articles presented as answers. Whether a question has a topic is decided from
its content words — the units search itself would use (Sudachi, normal forms,
law names and article numbers kept whole) after removing function words, the
template's words (query.QUESTION_WORDS) and stock phrases — not from a list of
sentences. Short real queries (「借地権」, 「第3条」, 「Section 4」) keep their topic.

A law the question names that the library does not hold is reported so the
user knows why the results are about other laws; so is a provision it cites that
its law does not have (「借地借家法第99条」: the law has 61 articles), as the
citation check would say it, since search then shows other laws' 第九十九条. Names are recognised by the
form Japanese law titles take (…法, …法律, …施行令, …規則, …条例, …府令/省令)
and matched against the law-name table (titles and aliases) and the index's
document titles. No Qt here: the CLI, the app and the evaluation share it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from .legal.names import latin_title
from .normalize import search_form
from .query import QUESTION_WORDS
from .tokenize import Tokenizer, Unit

# parts of speech that never carry a topic on their own
_FUNCTION_POS = {"代名詞", "副詞", "連体詞", "接続詞", "感動詞", "接頭辞", "接尾辞", "記号"}
# stock phrases of a request (normal forms), beyond the question template's words
_STOCK = frozenset((
    "御 願う 願い 宜しい 宜しく 質問 問題 回答 答え 内容 事 件 方 点 場合 分かる 知る 確認 詳細 "
    "詳しい 意味 言う 思う 考える 他 其の他 等 つく 次 うち 下記 上記 以上 以下 について 良い "
    "出来る 可能 求める 挙げる 書く 見る 欲しい 貰う 頂く 致す 御座る 存ずる 伺う"
).split())
# English question words (by surface: Sudachi turns English words into katakana forms)
_ENGLISH_STOP = frozenset(
    "a an the of to in on for at by with about and or is are be was were do does did can could "
    "what which who whom whose when where why how please tell me us i you it this that these "
    "those following correct incorrect true false right wrong explain show give find question "
    "answer any some there here under over into from within without after before between during "
    "than then as if not no yes will shall may must should would has have had "
    # courtesies, as 「ありがとうございます」 and 「よろしくお願いします」 are in _STOCK (user test:
    # "thank you" got ten passages of the AI guideline)
    "thank thanks hello hi hey ok okay sorry bye goodbye good morning afternoon evening "
    "great nice cheers regards kind kindly very much lot lots".split())


@dataclass(frozen=True)
class MissingLaw:
    """A law the question names that is not in the index."""

    named: str  # as the question writes it (e.g. 金商法)
    title: str | None  # its official title when the name is a known title or alias


@dataclass(frozen=True)
class WrongCitation:
    """A provision the question cites that its (indexed) law does not have, or has deleted."""

    written: str  # as the question writes it
    status: str  # cite.ARTICLE_MISSING, PARAGRAPH_MISSING, ITEM_MISSING or DELETED
    message: str  # English, for the CLI
    note_id: str  # the message's id for faces that translate (ui/messages.cite_note)
    note_params: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Guidance:
    """What to tell the user before (or instead of) the results."""

    topic_terms: tuple[str, ...]
    missing_laws: tuple[MissingLaw, ...] = ()
    wrong_citations: tuple[WrongCitation, ...] = ()
    # an English question over a library mostly in Japanese: its words reach only the English
    # documents, and the multilingual model ranks Japanese pages low for it (measured, README):
    # the user is told that asking in Japanese searches the Japanese documents well
    english_over_japanese: bool = False

    @property
    def no_topic(self) -> bool:
        return not self.topic_terms

    def to_json(self) -> dict:
        return {"no_topic": self.no_topic, "topic_terms": list(self.topic_terms),
                "missing_laws": [{"named": m.named, "title": m.title} for m in self.missing_laws],
                "wrong_citations": [{"written": w.written, "status": w.status, "message": w.message}
                                    for w in self.wrong_citations],
                "english_over_japanese": self.english_over_japanese}


def _is_topic(u: Unit) -> bool:
    if u.pos in ("law", "article"):
        return True
    if u.pos in _FUNCTION_POS or u.form in QUESTION_WORDS or u.form in _STOCK:
        return False
    surface = u.surface.strip()
    if surface.isascii():
        # Sudachi reads some phrases as one word ("thank you" → サンキュー): each word counts
        words = re.findall(r"[a-z0-9]+", surface.lower())
        return any(not w.isdigit() and w not in _ENGLISH_STOP for w in words)
    return not u.form.isdigit()


def topic_terms(question: str, tokenizer: Tokenizer) -> list[str]:
    """The question's content words (normal forms), in order, without repeats."""
    return list(dict.fromkeys(u.form for u in tokenizer.units(question) if _is_topic(u)))


def highlight_words(question: str, tokenizer: Tokenizer, idf, common: float = 1.2) -> list[str]:
    """The question's words worth marking in a result's snippet: its topic words (no function
    words, template words or English stopwords) that are not common in the library
    (``idf(form) >= common``: 場合 and こと occur in a third or more of the passages), as
    the question writes them and in their normal form. A snippet with every 「場合」, 「どのような」
    or "on" marked says nothing about why it matched."""
    out: dict[str, None] = {}
    for u in tokenizer.units(question):
        if _is_topic(u) and u.pos not in ("law", "article") and idf(u.form) >= common:
            out.update(dict.fromkeys(w for w in (u.surface.strip(), u.form) if w))
    return list(out)


# -- law-like names -------------------------------------------------------------
_K = r"A-Za-z\u3005\u3006\u30f6\u30a1-\u30fa\u30fc\u30fb\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CONNECT = r"に関する|に規定する|の規定による|による|における|のための|及び|並びに|又は|の|、"
_SUFFIX = (r"法律施行令|法律施行規則|法施行令|法施行規則|施行令|施行規則|法律|府令|省令|政令|規則|条例|法")
# a name ends where the text stops being a name: punctuation, kana, a digit, or 第/上/等/違反…
_AFTER = rf"(?=$|[^{_K}]|第|上|等|附則|別表|違反|改正|所定|施行(?!令|規則))"
_CANDIDATE = re.compile(rf"(?:[{_K}]+(?:{_CONNECT}))*[{_K}]*?(?:{_SUFFIX}){_AFTER}")
_CONNECTOR = re.compile(_CONNECT)
# words ending like a law title that name no particular law
_GENERIC = frozenset((
    "法 法律 政令 府令 省令 規則 条例 施行令 施行規則 内閣府令 主務省令 命令 同法 本法 新法 旧法 前法 後法 "
    "各法 他法 当該法 同法律 本法律 当該法律 同令 本令 同規則 本規則 特別法 一般法 基本法 手続法 実体法 "
    "国内法 外国法 準拠法 関係法 関連法 改正法 司法 立法 憲法上 就業規則 社内規則 内部規則"
).split())
_GENERIC_ENDINGS = ("方法", "手法", "違法", "適法", "合法", "不法", "用法", "療法", "製法", "技法", "工法",
                    "寸法", "作法", "算法", "加法", "減法", "乗法", "除法", "論法", "文法", "司法", "立法")
_MINISTRY_ORDINANCE = re.compile(r"^[^、の]{1,8}(省|府)令$")  # 厚生労働省令で定める: no particular law
# 「同法」「その他政令」「当該法律」: a reference to some law, not a name
_REFERENCE = re.compile(rf"(?:同|本|当該|前記|上記|各|他|其他|新|旧|前|後)(?:{_SUFFIX})")
_FORMAL = ("法律", "府令", "省令", "規則", "施行令", "施行規則", "条例")


def _trim(candidate: str) -> str:
    """Only formal long titles (…に関する法律) run across の/に関する; 「当社の…法」 is 「…法」."""
    if candidate.endswith(_FORMAL):
        return candidate
    return _CONNECTOR.split(candidate)[-1]


def law_like_names(text: str) -> list[tuple[int, int, str]]:
    """Spans of ``text`` (search form) shaped like a law's title: (start, end, name)."""
    out = []
    for m in _CANDIDATE.finditer(text):
        name = _trim(m.group(0))
        start = m.end() - len(name)
        if (name in _GENERIC or name.endswith(_GENERIC_ENDINGS) or _MINISTRY_ORDINANCE.match(name)
                or len(name) < 2 or _REFERENCE.fullmatch(name)):
            continue
        out.append((start, m.end(), name))
    return out


def missing_laws(question: str, tokenizer: Tokenizer, titles: Iterable[str]) -> list[MissingLaw]:
    """Law-like names in the question whose law is not among the index's document titles."""
    text = search_form(question)
    indexed = {search_form(t) for t in titles}
    hits = tokenizer.names.find(text)
    out: list[MissingLaw] = []
    for start, end, name in law_like_names(text):
        # the known name that ends where this one ends says which law it is
        hit = next((h for h in hits if h.end == end and h.start >= start - 40), None)
        if hit is not None:
            if hit.title in indexed:
                continue
            item = MissingLaw(hit.surface, hit.title)
        else:
            if any(t.endswith(name) or name.endswith(t) for t in indexed if len(t) >= 2):
                continue
            item = MissingLaw(name, None)
        if item not in out:
            out.append(item)
    return out


def wrong_citations(question: str, checker) -> list[WrongCitation]:
    """Provisions the question cites that do not exist in their indexed law (the citation
    checker's verdict: the one resolver of references). Only citations that write their
    article: a bare 「第３号」 leans on context a question seldom sets up (「［　　］第１項から
    第３号まで」, a blank to fill in), and would be checked against the wrong article."""
    from .cite import ARTICLE_MISSING, DELETED, ITEM_MISSING, PARAGRAPH_MISSING
    wrong = (ARTICLE_MISSING, PARAGRAPH_MISSING, ITEM_MISSING, DELETED)
    return [WrongCitation(c.written, c.status, c.message, c.note_id, tuple(sorted(c.note_params.items())))
            for c in checker.check(question) if c.status in wrong and _writes_article(c.written)]


def _writes_article(written: str) -> bool:
    return "条" in written or written.lstrip().lower().startswith(("article", "section", "sec.", "§"))


def english_over_japanese(question: str, titles: Iterable[str]) -> bool:
    """The question is in English (its letters mostly Latin) and most documents are not."""
    letters = [c for c in question if c.isalpha()]
    if not letters or sum(c.isascii() for c in letters) * 4 < len(letters) * 3:
        return False
    titles = list(titles)
    return sum(not latin_title(t) for t in titles) * 2 > len(titles)


def assess(question: str, tokenizer: Tokenizer, titles: Iterable[str], checker=None) -> Guidance:
    """``checker``: a :class:`reglens.cite.CitationChecker` for the same index, to report
    cited provisions that do not exist (none reported without it)."""
    titles = list(titles)
    topic = tuple(topic_terms(question, tokenizer))
    return Guidance(topic, tuple(missing_laws(question, tokenizer, titles)),
                    tuple(wrong_citations(question, checker)) if checker is not None else (),
                    bool(topic) and english_over_japanese(question, titles))


def for_index(index, question: str, citations: bool = False) -> Guidance:
    """Guidance for a question against a loaded :class:`reglens.search.Index`.

    Without ``citations`` it is the millisecond check the app runs on its UI thread before
    searching (topic, laws not indexed). Checking the cited provisions reads their articles
    (p95 ~0.3 s over the dev questions on a busy machine, ``benchmarks/guidance_cost.py
    --citations``), so the app does that beside the search: :func:`with_citations`."""
    titles = getattr(index, "_guidance_titles", None)
    if titles is None:
        titles = index._guidance_titles = frozenset(search_form(d["title"]) for d in index.documents.values())
    g = assess(question, index.tokenizer, titles)
    return with_citations(g, index, question) if citations else g


def with_citations(g: Guidance, index, question: str, checker=None) -> Guidance:
    """``g`` with the cited provisions that do not exist in their indexed law. ``checker``: the
    caller's :class:`reglens.cite.CitationChecker` for ``index`` (the app has one); without it
    one is made once per index."""
    checker = checker or getattr(index, "_guidance_checker", None)
    if checker is None:
        from .cite import CitationChecker
        checker = index._guidance_checker = CitationChecker(index)
    return replace(g, wrong_citations=tuple(wrong_citations(question, checker)))
