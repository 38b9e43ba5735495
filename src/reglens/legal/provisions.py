"""An article's inner structure: 項 (paragraphs), 号 (items) and イロハ (sub-items).

Chunks keep an article's text with one paragraph or item per line (see
``structure._join``); this module reads that layout back so a citation to
「第十九条第一項第二号」 can be checked against what the article really contains.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..normalize import search_form
from .grammar import ARTICLE_NO
from .numerals import circled_number, to_int

_PARAGRAPH = re.compile(r"^([0-9]{1,3})\s+\S")
_ITEM = re.compile(r"^([一二三四五六七八九十百]+(?:の[一二三四五六七八九十]+)*)\s+\S")
_SUBITEM = re.compile(r"^([イロハニホヘトチリヌルヲワカヨタレソツネナラム])\s+\S")
_LABEL = re.compile(rf"^(?:附則)?{ARTICLE_NO}\s*")
SUBITEMS = "イロハニホヘトチリヌルヲワカヨタレソツネナラム"


def item_key(label: str) -> str:
    """一 → "1", 二の二 → "2-2", 2 → "2" (items are numbered like articles)."""
    return "-".join(str(to_int(p)) for p in label.split("の"))


@dataclass
class Item:
    key: str
    text: str
    subitems: dict[str, str] = field(default_factory=dict)


@dataclass
class Paragraph:
    number: int
    text: str
    page: int  # 0-based page where the paragraph starts
    items: dict[str, Item] = field(default_factory=dict)
    max_items: int = 0  # the most items any reading of an unnumbered layout allows


@dataclass
class Provision:
    """One article, read back from its chunks (all parts, in order)."""

    chunks: list[dict]
    paragraphs: list[Paragraph]
    # False when the document does not print 項 numbers (２, ３ …): the
    # paragraphs above were then inferred from sentence structure, and
    # ``max_paragraphs`` is the most any reading of the text allows.
    numbered: bool = True
    max_paragraphs: int = 0
    lists_items: bool = False  # the text announces items (次に掲げる…, 各号)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    @property
    def deleted(self) -> bool:
        """「第五条　削除」: the number is kept but the article has no content."""
        first = search_form(self.text).split("\n", 1)[0]
        return _LABEL.sub("", first).strip() == "削除"

    def paragraph(self, number: int) -> Paragraph | None:
        return next((p for p in self.paragraphs if p.number == number), None)


# Sentences that continue the paragraph before them (但書, 後段).
_CONTINUATION = re.compile(r"^(?:ただし|但し|この場合(?:において|には|においては)|前段の場合)")
_ANNOUNCES_ITEMS = re.compile(
    r"(?:次に掲げる|次の各号|各号に掲げる|次のいずれか|左に掲げる|次の事項|次の表|次のとおり)")
# How a paragraph (not an item) opens once a list of items is over.
_PARAGRAPH_OPENING = re.compile(
    r"^(?:前項|前各項|前条|同項|第[一二三四五六七八九十百]+項|この(?:法律|条|章|節)|[^、。]{1,30}は、)")
_PARAGRAPH_ENDING = re.compile(
    r"(?:する|できる|ない|とする|みなす|ものとする|準用する|適用する|られる|れる|いう|による|同様とする)。$")


def read_provision(chunks: list[dict]) -> Provision:
    """Paragraphs and items of one article, from its chunks' line layout."""
    lines: list[tuple[str, str, int]] = []  # (as printed, search form, page)
    for c in sorted(chunks, key=lambda c: c.get("part", 0)):
        for raw in c["text"].split("\n"):
            lines.append((raw, search_form(raw).strip(), c["pages"][0]))
    if not lines:
        return Provision(chunks=chunks, paragraphs=[])
    numbered = any((m := _PARAGRAPH.match(n)) and m.group(1) == "2" and circled_number(r) is None
                   for r, n, _ in lines[1:])
    has_items = any(_ITEM.match(n) for _, n, _ in lines[1:])
    announces = any(_ANNOUNCES_ITEMS.search(n) for _, n, _ in lines)
    if numbered or len(lines) == 1 or (has_items and not announces):
        return _numbered(chunks, lines, numbered or len(lines) == 1)
    return _inferred(chunks, lines, announces)


def _numbered(chunks: list[dict], lines, numbered: bool) -> Provision:
    """Layout with printed numbers: ２ opens paragraph 2, 一 opens item 1."""
    paragraphs: list[Paragraph] = []
    item: Item | None = None
    for raw, line, page in lines:
        circled = circled_number(raw)
        m_par = _PARAGRAPH.match(line) if circled is None else None  # ② is an item, not paragraph 2
        if not paragraphs:
            paragraphs.append(Paragraph(1, raw, page))
            item = None
            continue
        if m_par and int(m_par.group(1)) == paragraphs[-1].number + 1:
            paragraphs.append(Paragraph(int(m_par.group(1)), raw, page))
            item = None
            continue
        paragraphs[-1].text += "\n" + raw
        if circled is not None:  # 「① …」 numbers the paragraph's items as 一, 二 do
            item = Item(str(circled), raw)
            paragraphs[-1].items[item.key] = item
            continue
        m_item = _ITEM.match(line)
        if m_item:
            try:
                item = Item(item_key(m_item.group(1)), raw)
                paragraphs[-1].items[item.key] = item
                continue
            except ValueError:
                pass
        if item is not None:
            item.text += "\n" + raw
            m_sub = _SUBITEM.match(line)
            if m_sub:
                item.subitems[m_sub.group(1)] = raw
    lists = any(p.items for p in paragraphs)
    for p in paragraphs:
        p.max_items = len(p.items)
    return Provision(chunks, paragraphs, numbered=numbered, max_paragraphs=len(paragraphs),
                     lists_items=lists)


def _inferred(chunks: list[dict], lines, announces: bool) -> Provision:
    """Sentence-per-line layout without numbers (e-Gov text exports).

    A line opens a new paragraph unless it continues the sentence before it
    (ただし…, この場合において…) or is one of the items a paragraph announced
    (次に掲げる…); items are numbered in order of appearance.
    """
    paragraphs: list[Paragraph] = []
    in_items = False
    possible = 0
    for raw, line, page in lines:
        continuation = bool(_CONTINUATION.match(line))
        if not continuation:
            # generous on purpose: a sentence cut by a page break also starts a line,
            # and a checker must never call a real paragraph missing
            possible += 1
        # a paragraph can also start inside a line: where the sentence before it ended one
        # character short of the margin, the PDF's line break read as a wrap (借地借家法
        # 第二十六条: 第二項 and 第三項 joined, and 「第二十六条第三項」 was called missing)
        possible += sum(not _CONTINUATION.match(s) for s in _sentences(line)[1:])
        opens = not paragraphs or (not continuation and (
            not in_items or _closes_list(line)))
        if opens:
            paragraphs.append(Paragraph(len(paragraphs) + 1, raw, page))
            in_items = bool(_ANNOUNCES_ITEMS.search(line))
            continue
        par = paragraphs[-1]
        par.text += "\n" + raw
        par.max_items += not continuation
        if in_items and not continuation:
            last = par.items.get(str(len(par.items)))
            if last is not None and _is_term(last.text) and line.endswith("をいう。"):
                last.text += "\n" + raw  # 「借地権」 / 「…をいう。」: term and definition, one item
            else:
                key = str(len(par.items) + 1)
                par.items[key] = Item(key, raw)
        elif in_items and par.items:
            par.items[str(len(par.items))].text += "\n" + raw
    return Provision(chunks, paragraphs, numbered=False, max_paragraphs=possible,
                     lists_items=announces)


_BRACKETS = {"（": "）", "「": "」", "(": ")", "『": "』"}


def _sentences(line: str) -> list[str]:
    """The sentences of a line, cut at 。 outside brackets (「以下同じ。」 ends no sentence)."""
    out, start, depth = [], 0, []
    for i, ch in enumerate(line):
        if ch in _BRACKETS:
            depth.append(_BRACKETS[ch])
        elif depth and ch == depth[-1]:
            depth.pop()
        elif ch == "。" and not depth:
            out.append(line[start:i + 1])
            start = i + 1
    if line[start:].strip():
        out.append(line[start:])
    return [s.strip() for s in out if s.strip()]


def _closes_list(line: str) -> bool:
    """A full sentence with a subject and a paragraph's predicate ends a list of items."""
    return bool(_PARAGRAPH_ENDING.search(line)) and bool(
        _PARAGRAPH_OPENING.match(line) or "は、" in line or "前項" in line)


def _is_term(text: str) -> bool:
    return "\n" not in text and len(text) <= 20 and not re.search(r"[、。]", text)


# 「ただし、」 opening a sentence: the proviso (ただし書) of the text it closes
_PROVISO = re.compile(r"(?:^|(?<=[。\s]))ただし[、，]")
_SENTENCE = re.compile(r"[^。]+。?")


def qualified_part(text: str, qualifier: str) -> str:
    """The part of a provision's ``text`` that a qualifier names; "" when it cannot be told apart.

    ただし書 is the sentence opening with 「ただし、」, 本文 what comes before it; 前段/後段 are
    the first/second of exactly two sentences. A text with several provisos (a paragraph whose
    items have their own) or another number of sentences is left whole: the check then shows
    the paragraph, which holds the part, rather than guessing.
    """
    if qualifier in ("ただし書", "本文"):
        starts = [m.start() for m in _PROVISO.finditer(text)]
        if len(starts) != 1:
            return ""
        at = starts[0]
        if qualifier == "本文":
            return text[:at].rstrip()
        end = text.find("。", at)
        return text[at:end + 1 if end >= 0 else len(text)]
    if qualifier in ("前段", "後段"):
        sentences = [s.strip() for s in _SENTENCE.findall(text) if s.strip()]
        if len(sentences) != 2:
            return ""
        return sentences[0] if qualifier == "前段" else sentences[1]
    return ""
