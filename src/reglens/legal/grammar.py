"""The one reference grammar: how a Japanese (or English) legal text writes a provision.

A reference is written as up to five parts, each optional but at least one of
article, paragraph or item present::

    [附則]第二十七条の十三 | 同条 | 前条 | 次条          article
    第二項 | 同項 | 前項 | 次項                           paragraph
    第三号の二 | 同号 | 前号 | 次号                       item
    イ … ム                                                sub-item
    本文 | ただし書 | 前段 | 後段 | 柱書                   qualifier

and is preceded by what tells whose provision it is: a law's name (read by
:class:`~reglens.legal.names.LawNames`), a relative word (法, 同法, 同法施行令, 施行規則 …)
or nothing (the law read last). Every module that reads references — the
citation check, query analysis, the tokenizer, the answer step, the build's
reference graph — uses the patterns and the scanner here, so they cannot read
the same text differently.

All patterns apply to the *search form* of a text (NFKC, see
:func:`reglens.normalize.search_form`); :func:`normalize_with_offsets` gives that
form with a map back to the text as written, so a span found in the search form
can be shown in the original.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..normalize import search_form
from .numerals import NUMBER, article_key, to_int

_N = NUMBER
# a drafter's or a PDF's stray space: 「第６条 の２」
_SP = r"[ \u3000]?"
# 第二十七条の十三 — the printed article number; groups: main number, 「の」 branches
ARTICLE_NUMBER = re.compile(rf"第({_N})条((?:{_SP}の{_N})*)")
ARTICLE_NO = rf"第{_N}条(?:{_SP}の{_N})*"
_ART = rf"(?:附則)?(?:第{_N}条|(?<![0-9])[0-9]+条)(?:{_SP}の{_N})*"
_PARA = rf"第{_N}項|(?<![0-9])[0-9]+項"
_ITEM = rf"(?:第{_N}号|(?<![0-9])[0-9]+号)(?:の{_N})*"
SUBITEM_LETTERS = "イロハニホヘトチリヌルヲワカヨタレソツネナラム"
_SUB = rf"[{SUBITEM_LETTERS}](?![ァ-ヴー])"
QUALIFIERS = ("本文", "ただし書", "前段", "後段", "柱書")
RELATIVE_ARTICLES = ("同条", "前条", "次条")

REFERENCE = re.compile(
    rf"(?P<art>{_ART}|同条|前条|次条)?"
    rf"(?P<para>{_PARA}|同項|前項|次項)?"
    rf"(?P<item>{_ITEM}|同号|前号|次号)?"
    rf"(?P<sub>{_SUB})?"
    rf"(?P<qual>{'|'.join(QUALIFIERS)})?"
)
# 「第1項」「第四号」 alone: where inside a provision, not which provision
SUBDIVISION = re.compile(rf"第{_N}[項号]")
# What may stand right before an article number instead of a law's name.
RELATIVE_LAW = re.compile(r"(同法施行令|同法施行規則|同法|同令|同規則|本法|施行令|施行規則|法|令)$")
# A law's name the library does not know: kanji/katakana ending in a statute suffix, or an
# abbreviated 規則 (「労基則」「安衛則」), not a word that only ends like one (原則, 罰則, 総則).
UNKNOWN_LAW = re.compile(
    r"(?:[一-龥々ァ-ヴー]+(?:に関する|の))?[一-龥々ァ-ヴー]*"
    r"(?:法律|法|政令|府令|省令|規則|(?<![原罰総附通準鉄法会社細])則|条例|規程|令)$")
# a law number or other aside between a name and its article: 「…施行令（平成二十七年政令第三百九十一号）第二条」
_ASIDE = re.compile(r"[(（][^()（）]{0,40}[)）]\s*$")
# 「平成三年法律第九十号」 is a law number, not an item
LAW_NUMBER_BEFORE = re.compile(r"(?:法律|政令|府令|省令|規則|条例|告示|訓令)$")
NAME_CHAR = re.compile(r"[一-龥々ァ-ヴー]")
# what may stand between a law's name and its article: a space, closing quotes, の, the law number
NAME_GAP = re.compile(r"(?:\s|[」』]|の|[(（][^()（）]{0,40}[)）])*")
# a law named a little earlier in a question governs its article: 「借地借家法について、第三条は…」
QUESTION_GAP = 12
# what joins the references of one list: 「第二条、第五条及び第七条」, 「第三条から第五条まで並びに」
LIST_GAP = re.compile(r"(?:\s|[、,]|及び|並びに|又は|若しくは|から)+")
DELETED_LIST = re.compile(rf"((?:{ARTICLE_NO}(?:、|及び))+{ARTICLE_NO})\s*削除")
DELETED_RANGE = re.compile(rf"第({_N})条(?:の({_N}))?から第({_N})条(?:の({_N}))?まで\s*削除")
# English: "Article 5(2)", "Art. 5", "Section 4.020", "Sec. 12", "§ 5", "§§ 4.010", and a point
# after the paragraph: "Article 6(1)(e)", "Art. 9(2)(iv)" (a letter, or a small roman numeral)
ENGLISH_REFERENCE = re.compile(
    r"(?<![A-Za-z])(?:(?P<kind>Article|Art\.|Section|Sec\.|§§?)\s*)"
    r"(?P<num>[0-9]{1,4}(?:\.[0-9]{1,4})?[a-z]?)"
    r"(?:\s*\((?P<para>[0-9]{1,3})\)(?:\s*\((?P<point>[a-z]|[ivx]{2,5})\))?)?", re.IGNORECASE)


@dataclass(frozen=True)
class Written:
    """One reference as the grammar reads it, before it is resolved to a law."""

    start: int  # span in the search form
    end: int
    article: str  # as written: 第三条, 附則第二条, 3条, 同条, 前条, 次条 or ""
    paragraph: str  # 第二項, 2項, 同項, 前項, 次項 or ""
    item: str  # 第三号の二, 同号, 前号, 次号 or ""
    subitem: str  # イ … or ""
    qualifier: str  # 本文 … or ""

    @property
    def relative(self) -> bool:
        """Is the article 同条/前条/次条, or missing (a paragraph or item of the article read last)?"""
        return not self.article or self.article in RELATIVE_ARTICLES

    @property
    def key(self) -> str:
        """The article key (27-13, 附則2) of an explicit article; "" for a relative one."""
        return article_key_of(self.article) if not self.relative else ""


def scan(norm: str, names: Sequence[tuple[int, int]] = ()) -> Iterator[Written]:
    """Every reference in ``norm`` (search form), in order.

    ``names`` are the spans of law names found in the text: a number inside a
    name (「金融商品取引法第二条に規定する定義に関する内閣府令」) is part of the name.
    Law numbers (「法律第九十号」) are not references. Numbers the numeral parser
    rejects (「第〇〇条」) are skipped.
    """
    for m in REFERENCE.finditer(norm):
        if m.start() == m.end() or not (m.group("art") or m.group("para") or m.group("item")):
            continue
        if any(a <= m.start() < b for a, b in names):
            continue
        if not m.group("art") and not m.group("para") and LAW_NUMBER_BEFORE.search(norm[:m.start()]):
            continue
        w = Written(m.start(), m.end(), m.group("art") or "", m.group("para") or "",
                    m.group("item") or "", m.group("sub") or "", m.group("qual") or "")
        try:
            w.key  # noqa: B018 - parse now, so a bad numeral is no reference
            paragraph_number(w.paragraph)
            item_key(w.item)
        except ValueError:
            continue
        yield w


def article_key_of(article: str) -> str:
    """附則第二条 → 附則2, 第二十七条の十三 → 27-13 (ValueError when not an article number)."""
    prefix = "附則" if article.startswith("附則") else ""
    return prefix + article_key(article.removeprefix("附則"))


def paragraph_number(paragraph: str) -> int | None:
    """第二項 / 2項 → 2; None for a relative or missing paragraph."""
    if not paragraph or paragraph in ("同項", "前項", "次項"):
        return None
    return to_int(paragraph.strip("第項"))


def item_key(item: str) -> str:
    """第三号の二 → 3-2; "" for a relative or missing item."""
    if not item or item in ("同号", "前号", "次号"):
        return ""
    return "-".join(str(to_int(p)) for p in re.sub("[第号]", "", item).split("の"))


def article_keys(text: str) -> list[str]:
    """Keys of the explicit article numbers in ``text`` (search form or not), in order."""
    out: list[str] = []
    for m in ARTICLE_NUMBER.finditer(search_form(text)):
        try:
            key = article_key(m.group(0))
        except ValueError:
            continue
        if key not in out:
            out.append(key)
    return out


def english_keys(text: str) -> list[str]:
    """Keys of "Article 5(2)", "Section 4.020", "Sec. 12", "§ 5" in an English text: 5, 4.020, 12."""
    out: list[str] = []
    for m in ENGLISH_REFERENCE.finditer(search_form(text)):
        key = english_heading_key(m.group("num"))
        if key not in out:
            out.append(key)
    return out


def english_heading_key(number: str) -> str:
    """The key an English heading's number is stored under (the same as :func:`english_keys`)."""
    return number.lower()


def _joins_previous(ch: str) -> bool:
    """Does ``ch`` combine with the character before it under NFKC (ﾞ, ﾟ, U+3099, accents)?"""
    folded = unicodedata.normalize("NFKC", ch)
    return bool(folded) and all(unicodedata.combining(c) for c in folded)


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """The search form of ``text`` and, for each of its positions, the offset in ``text``.

    Normalized one *cluster* at a time — a character with the marks that combine
    with it — so 「ｶﾞｽ事業法」 becomes ガス事業法 (one character per cluster) as in
    :func:`search_form`, never カ + a loose voiced mark that no name can match.
    """
    out: list[str] = []
    offsets: list[int] = []
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and _joins_previous(text[j]):
            j += 1
        cluster = text[i:j]
        # a space is kept (clean() strips a text's trailing spaces, and a lone space is all trailing):
        # 「第一条　法第二条」 must not read as a law named 「第一条法」
        n = search_form(cluster) if not cluster.isspace() else unicodedata.normalize("NFKC", cluster)
        out.append(n)
        offsets.extend([i] * len(n))
        i = j
    offsets.append(len(text))
    return "".join(out), offsets


@dataclass(frozen=True)
class LawRead:
    """Whose provision a reference is, as the words before it say.

    ``problem`` is "" (``law`` is the answer), ``unknown_law`` (``law`` is a name
    the library does not know), ``ambiguous`` (no law named; ``word`` is the kind
    written, e.g. 施行令, or "" for a bare number) or ``no_antecedent``
    (``word`` — 同法 … — has nothing before it to refer to).
    """

    law: str | None
    start: int  # where the reference begins, the law's name or relative word included
    problem: str = ""
    word: str = ""


def law_before(norm: str, start: int, hits, context_law: str | None, own_law: str | None = None,
               question: bool = False, listed: str | None = None, parent_of=None, order_of=None) -> LawRead:
    """Whose article begins at ``start`` in ``norm`` (search form).

    ``hits`` are the law names found in ``norm``; ``context_law`` the law read
    last (named or cited) before ``start``; ``own_law`` the law whose text this is
    (a bare 「第五条」 and 「法」 inside a provision, as statutes are drafted).
    ``question``: a law named a few characters earlier governs the article
    (「借地借家法について、第三条は」), as people ask. ``listed``: the law of the
    reference this one follows in a list (「特許法第百八十四条の三、第百八十四条の九」).
    ``parent_of``: the act an order implements (the catalog's, which knows the 府令 that
    say 「金融商品取引法（以下「法」という。）」); by default read from the title (施行令).
    ``order_of``: the order a 「令」 means in a law's text (「…施行令（以下「令」という。）」);
    a 「令」 no text declared names no law.
    """
    from .names import parent_act
    parent_of = parent_of or parent_act
    # 「借地借家法第三条」, 「借地借家法 第三条」, 「借地借家法（平成三年法律第九十号）第三条」
    named = [h for h in hits if h.end <= start and NAME_GAP.fullmatch(norm[h.end:start])]
    if named:
        return LawRead(named[-1].title, named[-1].start)
    before = norm[max(0, start - 40):start]
    rel = RELATIVE_LAW.search(before)
    if rel and (rel.group(1).startswith("同") or not NAME_CHAR.match(before[:rel.start()][-1:] or " ")):
        word = rel.group(1)
        base = context_law if word.startswith("同") else (own_law or context_law)
        if base is None:
            if word.startswith("同"):
                return LawRead(None, start, "no_antecedent", word)
            # 「施行令第3条」 with no law named: which 施行令 is not said
            return LawRead(None, start - len(word), "ambiguous", word.removeprefix("本"))
        if word == "令":
            order = order_of(base) if order_of is not None else None
            if order is None:
                return LawRead(None, start - len(word), "ambiguous", word)
            return LawRead(order, start - len(word))
        parent = parent_of(base)
        law = {"同法施行令": parent + "施行令", "同法施行規則": parent + "施行規則",
               "施行令": parent + "施行令", "施行規則": parent + "施行規則",
               "法": parent, "同法": base if not base.endswith(("令", "規則")) else parent,
               }.get(word, base)
        return LawRead(law, start - len(word))
    named_before = before[:m.start()] if (m := _ASIDE.search(before)) else before
    unknown = UNKNOWN_LAW.search(named_before)
    if unknown and len(unknown.group(0)) >= 2:
        return LawRead(unknown.group(0), start - len(before) + unknown.start(), "unknown_law")
    if listed is not None:
        return LawRead(listed, start)
    if question:
        near = [h for h in hits if h.end <= start and start - h.end <= QUESTION_GAP
                and "。" not in norm[h.end:start]]
        if near:
            return LawRead(near[-1].title, start)
    if own_law is not None:
        return LawRead(own_law, start)
    if context_law is not None:
        return LawRead(context_law, start)
    return LawRead(None, start, "ambiguous", "")
