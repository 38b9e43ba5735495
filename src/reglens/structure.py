"""Legal structure: headings, 条/項/号 → chunks that carry their citation.

Statutes are cut at 第N条 (article), long articles at 項 (paragraph)
boundaries; a chunk never spans two articles, so a hit always names one
provision. Documents without articles (notices, manuals, Q&A) are cut at
their own headings (第1, 1., (1), 問) or by size, still with page citations.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import asdict, dataclass, field, replace

from .ingest import Extracted, Line
from .legal.format import VARIANT_HEAD, passage_citation
from .legal.grammar import english_heading_key
from .legal.numerals import NUMBER, article_key, circled_number, to_int
from .normalize import join_lines, search_form

MAX_CHUNK_CHARS = 1200  # longer articles are split at paragraph boundaries
PART_CHARS = 800  # target size of each part of a split article / section

_N = NUMBER
ARTICLE_HEAD = re.compile(rf"^(第{_N}条(?:の{_N})*)(?:\s+(?=\S)|$)")
# 「第１９条（労働時間）」 alone on a line, as company and municipal rules print it
ARTICLE_WITH_CAPTION = re.compile(rf"^(第{_N}条(?:の{_N})*)(?=[(（][^()（）]{{1,30}}[)）]$)")
DIVISION_HEAD = re.compile(rf"^第{_N}(編|章|節|款|目)(?:の{_N})*(?:\s|$)")
SUPPLEMENT_HEAD = re.compile(r"^附\s*則(?:\s|$|[（(])")
CAPTION = re.compile(r"^[(（]([^()（）]{1,40})[)）]$")
# 「【第１９条  労働時間及び休憩時間】」「【参考】」 alone on a line: the commentary that model rules
# and annotated regulations print after a provision; it is not the provision's text
COMMENTARY_HEAD = re.compile(r"^【[^【】]{1,40}】$")
PARAGRAPH_HEAD = re.compile(r"^([0-9]{1,3})\s+\S")
ITEM_HEAD = re.compile(r"^([一二三四五六七八九十百]+)(?:の[一二三四五六七八九十]+)*\s+\S")
# "Article 5 Principles relating to…" (a heading, possibly run into the line), not
# "Article 28(2) of Regulation…" (a reference)
ENGLISH_ARTICLE = re.compile(r"\bArticle ([0-9]{1,3})(?:\s+(?=[A-Z][a-z])|$)")
# "Section 4.020 Definitions", "Sec. 12. Fees", "§ 7 Penalties": an ordinance's numbered section,
# cited as such ("Section 4.020"), so it is keyed like an article
ENGLISH_SECTION = re.compile(r"^(?:Section|SECTION|Sec\.|§)\s*([0-9]{1,4}(?:\.[0-9]{1,4})?[a-z]?)\.?\s+[A-Z(]")
SECTION_HEAD = re.compile(
    r"^(?:第[0-9一二三四五六七八九十]+[編章部節款目]?(?:\s|$)"
    r"|[0-9]{1,2}(?:\.[0-9]{1,2})*[.．]?\s+\S"
    r"|[(（][0-9]{1,2}[)）]\s*\S"
    r"|問\s*[0-9]*[\s.．:：]|Q\s*[0-9]+[\s.．:：]"
    r"|[■◆●□◇○]\s*\S)"
)
# a fee schedule's item (区分): 「Ａ００１ 再診料」, 「Ｋ４８８－４ 胸腔鏡下…」, 「区分10の2 調剤管理料」
# (after NFKC); the code is followed by a space, so 「Ａ２３３－２に掲げる…」 (a reference) is not one
FEE_ITEM_HEAD = re.compile(r"^(?:[A-Z][0-9]{3}(?:[-－―ー][0-9]{1,2})*|区分[0-9]{2}(?:の[0-9]{1,2})*)\s+\S")
# a Q&A's question (問１, Q3) starts its own passage even when it runs on to a second line
QUESTION_HEAD = re.compile(r"^(?:問\s*[0-9]*[\s.．:：]|Q\s*[0-9]+[\s.．:：])")
# a table of contents' entry: its leader (……, ・・・・・・, .....) and the page number it points to
CONTENTS_ENTRY = re.compile(r"(?:\.{5,}|…{3,}|‥{3,}|・{6,}|･{6,}|-{6,})\s*[-－]?\s*[0-9０-９]+")
CONTENTS_TITLE = re.compile(r"^(?:目\s*次|もくじ|Contents|CONTENTS|Table of Contents)$")
CONTENTS_MIN_ENTRIES = 3  # fewer leader lines on a page are a form's blanks, not a contents page
CONTENTS_GAP_LINES = 30  # lines between two entries that can still belong to them
CONTENTS_PART_CHARS = 40
SECTION_NUMBER = re.compile(r"^(?:[0-9]{1,2}(?:\.[0-9]{1,2})*\.?|第[0-9一二三四五六七八九十]+[章節部編])$")
# a numbered line this long that runs on to the next line is a numbered paragraph
# (「２ 区分番号Ａ０００に掲げる初診料を算定する…」 wrapping), not a heading
WRAPPED_HEADING_CHARS = 30
TOPIC_HEADINGS = 3  # a section passage's headings read as its topic (topic_headings)
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


@dataclass
class Chunk:
    """One retrievable passage and everything needed to cite it."""

    doc_id: str
    doc_title: str
    text: str
    pages: list[int]
    spans: list[list[float]]  # [page, x0, y0, x1, y1] per source line
    kind: str = "section"  # article | section | preamble | supplementary
    article_label: str = ""
    article_key: str = ""
    paragraph: int | None = None  # first paragraph in this chunk (1-based)
    paragraph_end: int | None = None
    part: int = 0  # index within a split article
    caption: str = ""
    heading_path: list[str] = field(default_factory=list)
    page_label: str = ""
    ocr: bool = False

    def to_json(self) -> dict:
        return asdict(self)

    @property
    def citation(self) -> str:
        """As a legal officer writes it: 借地借家法 第三条第二項."""
        return passage_citation(self.to_json())


@dataclass
class _Unit:
    """Lines of one article/section while it is being collected."""

    kind: str
    label: str = ""
    key: str = ""
    caption: str = ""
    heading_path: list[str] = field(default_factory=list)
    # (paragraph number, lines) in order
    paragraphs: list[tuple[int | None, list[Line]]] = field(default_factory=list)
    variant: str = ""  # the 「［例３］ …規程例」 heading it stands under, if any
    level: int | None = None  # a manual's section: how deep its heading sits (_heading_level)
    rows: bool = False  # short sibling sections read together under their parent (_rows_together)


def without_contents(lines: list[Line]) -> list[Line]:
    """A page's lines less its table of contents.

    A contents entry (「4.3 利用者の管理 ........ 32」) names a section without saying anything,
    yet a page of them holds the words of every heading: it came up among the results for
    questions on a dozen sections of one manual, and the model rules' contents listed
    「第１条（目的）」 lines the article reader could take for articles. The entries go, with
    the short lines between them (entries without a leader, a wrapped title, entry numbers in
    a column of their own, 「目次」); the rest of the page stays.
    """
    marks = [i for i, ln in enumerate(lines) if CONTENTS_ENTRY.search(ln.text)]
    if len(marks) < CONTENTS_MIN_ENTRIES:
        return lines
    drop = set(marks)
    for a, b in itertools.pairwise(marks):
        # the lines between two entries are entries without a leader (an article under its
        # chapter, 「第１９条（労働時間及び休憩時間）」) or a wrapped title, unless one is a sentence
        if b - a <= CONTENTS_GAP_LINES and all(_entry_part(lines[i].text) for i in range(a + 1, b)):
            drop.update(range(a + 1, b))
    # entry numbers set in a column of their own come out as a run before or after the entries,
    # and 「目次」 heads them
    for start, step in ((marks[0], -1), (marks[-1], 1)):
        i = start + step
        while 0 <= i < len(lines) and (i in drop or _contents_label(lines[i].text)):
            drop.add(i)
            i += step
    return [ln for i, ln in enumerate(lines) if i not in drop]


def _contents_label(text: str) -> bool:
    """An entry number, 「目次」, or an article listed by its caption (「第４２条（代替休暇）」)."""
    t = search_form(text).strip()
    return bool(SECTION_NUMBER.match(t) or CONTENTS_TITLE.match(t) or ARTICLE_WITH_CAPTION.match(t))


def _entry_part(text: str) -> bool:
    """A short line without a sentence end: a wrapped entry or its number, not a sentence."""
    t = text.strip()
    return len(t) <= CONTENTS_PART_CHARS and not t.endswith(("。", "."))


def _is_article_head(text: str) -> bool:
    """「第三条　…」, 「第三条」 alone, or 「第１９条（労働時間）」: a line an article may start with."""
    t = search_form(text).strip()
    return bool(ARTICLE_HEAD.match(t) or ARTICLE_WITH_CAPTION.match(t))


def _count_articles(lines: list[Line]) -> int:
    return sum(1 for ln in lines if _is_article_head(ln.text))


def chunk_document(doc: Extracted, doc_id: str) -> list[Chunk]:
    lines = [ln for p in doc.pages for ln in without_contents(p.lines)]
    labels = {p.index: p.label for p in doc.pages}
    ocr_pages = {p.index for p in doc.pages if p.ocr}
    n_articles = _count_articles(lines)
    if n_articles >= 2 or (n_articles and doc.law_num):
        units = _statute_units(lines, doc)
    else:
        units = _section_units(lines)
    chunks: list[Chunk] = []
    for unit in units:
        chunks.extend(_unit_chunks(unit, doc.title, doc_id, labels, ocr_pages))
    return chunks


def _skip_title_lines(lines: list[Line], doc: Extracted) -> int:
    """Index of the first body line after the title / law number block."""
    for i, ln in enumerate(lines[:6]):
        t = ln.text.strip()
        if doc.law_num and t == doc.law_num:
            return i + 1
    return 0


def _statute_units(lines: list[Line], doc: Extracted) -> list[_Unit]:
    units: list[_Unit] = []
    path: list[str] = []  # current 編/章/節/… headings
    rank = {"編": 0, "章": 1, "節": 2, "款": 3, "目": 4}
    path_rank: list[int] = []
    in_supplement = False
    pending_caption = ""
    variant = ""  # the last 「［例N］ …」 heading of this division
    last_key = ""  # the last article's key (a commentary unit has none)
    current = _Unit(kind="preamble", heading_path=[])
    start = _skip_title_lines(lines, doc)
    current.paragraphs.append((None, []))

    def flush() -> None:
        if any(ls for _, ls in current.paragraphs):
            units.append(current)

    for at, ln in enumerate(lines[start:], start):
        t = search_form(ln.text).strip()
        m_art = ARTICLE_HEAD.match(t)
        weak = m_art is not None and t == m_art.group(1)  # the number alone on its line
        if not m_art:
            m_art = ARTICLE_WITH_CAPTION.match(t)
            weak = m_art is not None
        if weak and not _plausible_next(last_key, m_art.group(1)):
            # 「第二十七条の七」 or 「第二十七条の二（第二項から第六項までに限る。）」 far from
            # the current article: a cell of a 読替え table, not a heading
            m_art = None
        if m_art:
            label = m_art.group(1)
            key = article_key(label)
            kind = "article"
            if in_supplement:
                key, kind = f"附則{key}", "supplementary"
            if key == current.key and units and units[-1].kind == kind and variant == current.variant:
                # the same number again: the first was a table cell or a reference printed
                # alone on a line (a 読替え table names the next article); it was part of
                # the article before, so its lines go back there
                units[-1].paragraphs[-1][1].extend(ln2 for _, ls in current.paragraphs for ln2 in ls)
            else:
                flush()
            current = _Unit(kind=kind, label=_printed_label(ln.text), key=key,
                            caption=pending_caption, heading_path=list(path), variant=variant)
            current.paragraphs.append((1, [ln]))
            pending_caption, last_key = "", key
            continue
        if COMMENTARY_HEAD.match(t) and units:
            # the commentary is cited by its own heading (「…【第１９条 労働時間及び休憩時間】」),
            # so an answer never quotes it as the article (user test: model work rules)
            if current.kind == "section" and all(
                    COMMENTARY_HEAD.match(search_form(x.text).strip()) for _, ls in current.paragraphs for x in ls):
                current.paragraphs[-1][1].append(ln)  # 【第１９条…】【第２０条…】: one commentary on both
                continue
            flush()
            current = _Unit(kind="section", heading_path=[*path, ln.text.strip()])
            current.paragraphs.append((None, [ln]))
            pending_caption = ""
            continue
        m_div = DIVISION_HEAD.match(t)
        if m_div and len(t) <= 40 and "。" not in t:
            r = rank[m_div.group(1)]
            while path_rank and path_rank[-1] >= r:
                path.pop()
                path_rank.pop()
            path.append(ln.text.strip())
            path_rank.append(r)
            pending_caption = variant = ""
            if current.kind == "section":  # a chapter's own commentary is not the last article's
                flush()
                current = _Unit(kind="section", heading_path=list(path))
                current.paragraphs.append((None, []))
            continue
        if VARIANT_HEAD.match(t) and len(t) <= 60 and "。" not in t:
            variant = ln.text.strip()  # the line stays in the text; it also names what follows
        if SUPPLEMENT_HEAD.match(t) and len(t) <= 40 and any(u.kind == "article" for u in units):
            # 附則 after the main provisions; a 附則 line in the table of contents is not one
            flush()
            in_supplement = True
            path, path_rank = [ln.text.strip()], [0]
            current = _Unit(kind="supplementary", heading_path=list(path))
            current.paragraphs.append((None, []))
            continue
        m_cap = CAPTION.match(t)
        if m_cap and (_ends_sentence(current) or _heads_article(lines, at + 1)):
            pending_caption = ln.text.strip()
            continue
        m_par = PARAGRAPH_HEAD.match(t) if circled_number(ln.text) is None else None  # ② is an item
        last_no = current.paragraphs[-1][0]
        if m_par and last_no is not None and int(m_par.group(1)) == last_no + 1 \
                and current.kind in ("article", "supplementary"):
            current.paragraphs.append((last_no + 1, [ln]))
            continue
        current.paragraphs[-1][1].append(ln)
    flush()
    _name_variants(units)
    return units


def _name_variants(units: list[_Unit]) -> None:
    """An article printed again under another 「［例N］」 heading is that version of it: its
    heading joins the path, so its citation reads 〔例３〕第１９条 (user test: model work rules
    print three 第１９条, all cited alike). Articles printed once keep their plain path."""
    seen: dict[str, int] = {}
    for u in units:
        if u.kind == "article":
            seen[u.key] = seen.get(u.key, 0) + 1
    for u in units:
        if u.variant and u.kind == "article" and seen[u.key] > 1:
            u.heading_path = [*u.heading_path, u.variant]


def _plausible_next(current_key: str, label: str) -> bool:
    """Could an article printed with no text after its number follow ``current_key``?"""
    try:
        new = int(article_key(label).split("-")[0])
    except ValueError:
        return False
    digits = current_key.removeprefix("附則").split("-")[0] if current_key else ""
    if not digits.isdigit():
        return new <= 2
    return int(digits) <= new <= int(digits) + 1


def _printed_label(text: str) -> str:
    """The article number exactly as printed (kanji or full-width kept)."""
    raw = text.strip()
    m = re.match(rf"第[{NUMBER[1:-2]}]+条(?:の[{NUMBER[1:-2]}]+)*", raw)
    return m.group(0) if m else raw.split()[0]


def _heads_article(lines: list[Line], at: int) -> bool:
    """Does an article start at line ``at``? A caption right before one is that article's, also
    after an item (「四　…を経過しない者」 ends no sentence): 157 of the statutes' passages ended
    with the next article's caption, and an answer quoted 「…者（帳簿）」."""
    return at < len(lines) and _is_article_head(lines[at].text)


def _ends_sentence(unit: _Unit) -> bool:
    last = next((ls[-1] for _, ls in reversed(unit.paragraphs) if ls), None)
    return last is None or last.text.rstrip().endswith(("。", "）", ")", "除", "削除"))


def _split_english_articles(lines: list[Line], start: int = 0) -> list[Line]:
    """Cut lines where an "Article N" heading runs into them, N in sequence."""
    out: list[Line] = []
    expected = start + 1
    for ln in lines:
        pieces = [ln]
        for m in ENGLISH_ARTICLE.finditer(ln.text):
            n = int(m.group(1))
            if not expected <= n <= expected + 3:  # a garbled heading may be missing
                continue
            expected = n + 1
            head = pieces[-1]
            cut = m.start() - (len(ln.text) - len(head.text))
            if cut > 0:
                pieces[-1:] = [replace(head, text=head.text[:cut].rstrip()),
                               replace(head, text=head.text[cut:])]
        out.extend(p for p in pieces if p.text.strip())
    return out


def _section_units(lines: list[Line]) -> list[_Unit]:
    units: list[_Unit] = []
    current = _Unit(kind="section")
    current.paragraphs.append((None, []))
    seen_article = 0
    open_heads: list[tuple[int, str]] = []  # (level, heading) of the sections this line stands in
    for ln in _split_english_articles(lines):
        t = search_form(ln.text).strip()
        m_en = ENGLISH_ARTICLE.match(t)
        if m_en and not seen_article < int(m_en.group(1)) <= seen_article + 4:
            m_en = None
        m_sec = ENGLISH_SECTION.match(t) if not m_en and len(t) <= 80 else None
        if m_en or m_sec or _section_heading(t, ln):
            if any(ls for _, ls in current.paragraphs):
                units.append(current)
            heading = ln.text.strip()[:80]
            if m_en:
                seen_article = int(m_en.group(1))
            label = f"Article {m_en.group(1)}" if m_en else f"Section {m_sec.group(1)}" if m_sec else ""
            key = m_en.group(1) if m_en else english_heading_key(m_sec.group(1)) if m_sec else ""
            if label:  # an English article or section is cited by itself
                open_heads = []
                path = [heading]
            else:
                level = _heading_level(ln.text.strip(), t)
                open_heads = [(lv, h) for lv, h in open_heads if lv < level and _may_contain(h, t)]
                open_heads.append((level, heading))
                path = [h for _, h in open_heads]
            current = _Unit(kind="article" if label else "section", label=label, key=key,
                            heading_path=path, level=None if label else level)
            current.paragraphs.append((None, [ln]))
            continue
        current.paragraphs[-1][1].append(ln)
    if any(ls for _, ls in current.paragraphs):
        units.append(current)
    return _rows_together(_without_bare_headings(units))


def _without_bare_headings(units: list[_Unit]) -> list[_Unit]:
    """Sections that hold nothing but their heading line, when that line lives on elsewhere:
    a parent heading right before its first child (「Ａ１００ 一般病棟入院基本料」 before
    「１ 急性期一般入院基本料」: its words are in the child's heading path) or an entry of a contents
    list printed without page numbers (「1.1. 背景」, which heads its section again later). Each had
    been a passage of a few characters that matched a question's words and took a result's place
    (about a thousand in the real PDFs). A heading that is its own content — 「Ｋ３２５ 迷路摘出術
    47,750点」 before the next item — stays."""
    def bare(u: _Unit) -> bool:
        return u.level is not None and sum(len(ls) for _, ls in u.paragraphs) == 1

    def path(u: _Unit) -> tuple[str, ...]:
        return tuple(re.sub(r"\s+", "", search_form(h)) for h in u.heading_path)

    # headings and the headings above them, as printed again later: a contents list's entries
    # (an item repeated under another fee item has another path, and stays)
    last: dict[tuple[str, ...], int] = {path(u): i for i, u in enumerate(units) if u.level is not None}
    # or a heading printed again later over some text, whatever stands above it there
    with_text: dict[str, int] = {path(u)[-1]: i for i, u in enumerate(units) if u.level is not None and not bare(u)}
    kept = []
    for i, u in enumerate(units):
        nxt = units[i + 1] if i + 1 < len(units) else None
        parent = nxt is not None and nxt.level is not None and nxt.level > (u.level or 0)
        if bare(u) and (parent or last[path(u)] > i or with_text.get(path(u)[-1], -1) > i):
            continue
        kept.append(u)
    return kept


LEAF_LEVEL = 15  # Q&A questions, marked lines, numbered lines that end a sentence (_heading_level)
ROW_SECTION_CHARS = 80  # a section this short, among siblings as short, is a row of a schedule


def _rows_together(units: list[_Unit]) -> list[_Unit]:
    """Short sibling sections in a row are one passage under their parent: a fee schedule's item
    and its sub-items (「Ｋ５３２ 食道・胃静脈瘤手術」: 「１ 食道離断術を主とするもの 42,130点」,
    「２ …」) read as the item's table, cited by the item. Each sub-item had been a passage of some
    twenty characters (half the medical fee schedule's), whose vector matched unrelated questions,
    English ones above all, and whose answer could not show the item's other rows."""
    def size(u: _Unit) -> int:
        return sum(len(ln.text.strip()) for _, ls in u.paragraphs for ln in ls)

    def row(u: _Unit) -> bool:
        """Numbered or a fee item (not a Q&A, not a footnote), under a parent, short, and no
        sentence in it (「１ …を主とするもの 42,130点」; prose sections stay apart)."""
        return (u.level is not None and u.level < LEAF_LEVEL and len(u.heading_path) > 1
                and size(u) <= ROW_SECTION_CHARS
                and not any(ln.text.rstrip().endswith("。") for _, ls in u.paragraphs for ln in ls))

    out: list[_Unit] = []
    for u in units:
        prev = out[-1] if out else None
        if prev is not None and row(u) and size(prev) + size(u) <= PART_CHARS and (
                (prev.rows and prev.heading_path == u.heading_path[:-1])
                or (row(prev) and prev.heading_path[:-1] == u.heading_path[:-1] and prev.level == u.level)):
            if not prev.rows:  # the first row: the passage stands under the parent
                prev.heading_path = prev.heading_path[:-1]
                prev.rows = True
            prev.paragraphs.extend(u.paragraphs)
            continue
        out.append(u)
    return out


def topic_headings(passage: dict) -> list[str]:
    """The headings whose words count as a passage's topic (search terms, the answer's context):
    a manual's or notice's section, its own and the two it stands under (passage rules 9: a fee
    schedule's note and its fee item, 「Ｄ００７ 血液化学検査」 › 「43 ピルビン酸キナーゼ」); an article,
    only its nearest division (its caption says the rest). Outer parts and chapters (第２章 特掲診療料
    › 第３部 検査) hold hundreds of passages each: their words rank nothing."""
    path = passage.get("heading_path") or []
    return list(path[-TOPIC_HEADINGS:]) if passage.get("kind", "section") == "section" else list(path[-1:])


_DOTTED = re.compile(r"^([0-9]{1,2}(?:\.[0-9]{1,2})+)\.?(?![0-9])")
_NUMBERED = re.compile(r"^([0-9]{1,2})(?:\.[0-9]{1,2})*\.?(?![0-9])")


def _may_contain(outer: str, t: str) -> bool:
    """Whether numbered heading ``outer`` can hold the dotted heading ``t`` (search forms): 「1.3.」
    stands under 「1.」, never under 「2.」 — a numbered list in the text (「1. 個人」…「10. 設備」) had
    become the parent of the sections after it. Anything else may hold anything."""
    inner = _DOTTED.match(t)
    if not inner:
        return True
    outer = search_form(outer).strip()
    number = _NUMBERED.match(outer)
    if not number:
        return True
    outer_dotted = _DOTTED.match(outer)
    prefix = outer_dotted.group(1) if outer_dotted else number.group(1)
    return inner.group(1).startswith(prefix + ".")


def _heading_level(raw: str, t: str) -> int:
    """How deep a manual's or notice's heading sits (smaller = outer), so a passage carries the
    headings it stands under: 「Ａ１００ 一般病棟入院基本料」 over 「２ 地域一般入院基本料」, 「10 通信及び運用管理」
    over 「10.1.1 操作手順書」. The fee schedule's notes named neither the fee item they belong to
    nor anything but their own first line, so a question about 初診料 was answered from 再診料's note.
    Circled numbers (①, which NFKC reads as 1) sit under (1); Q&A questions and marked lines
    (■, ○) are leaves: they close only each other. ``raw``: the line as printed; ``t``: its
    search form. A numbered line that ends a sentence (a footnote 「4 事業執行責任者は、…含む。」, a
    wrapped line 「70 点を算定し、…算定する。」) heads a passage but never stands over others."""
    if t.endswith(("。", ".")) and not SECTION_NUMBER.match(t):
        return LEAF_LEVEL
    if raw[:1] in CIRCLED:
        return LEAF_LEVEL - 1
    division = re.match(r"^第[0-9一二三四五六七八九十]+([編章部節款目]?)", t)
    if division:  # 第２部 › 第１節 › …; a bare 「第１」 (a notice's part) sits where 目 would
        return "編章部節款目".index(division.group(1)) if division.group(1) else 5
    if FEE_ITEM_HEAD.match(t):
        return 6
    m = re.match(r"^[0-9]{1,2}((?:\.[0-9]{1,2})*)", t)
    if m:
        return 7 + m.group(1).count(".")
    if t[0] in "(（":
        return LEAF_LEVEL - 2
    return LEAF_LEVEL


def _section_heading(t: str, ln: Line) -> bool:
    """A numbered line that heads a section of a manual or notice: short, or ending its line.

    The 点数表's and 通知's numbered paragraphs (「２ 区分番号Ａ０００に掲げる初診料を…」) run on
    to the next line; read as headings, each became a passage cited by its own first line, five
    results in a row looked the same (user test), and a page's rule was cut from its heading
    (「５ 小児科療養指導料 270点」)."""
    fee_item = FEE_ITEM_HEAD.match(t) is not None  # its points may share the line: 「Ｋ３７４－２ …手術  38,740点」
    if not (SECTION_HEAD.match(t) or fee_item) or len(t) > (80 if fee_item else 60):
        return False
    return ln.hard_break or len(t) < WRAPPED_HEADING_CHARS or QUESTION_HEAD.match(t) is not None


def _join(lines: list[Line], article: bool = False) -> str:
    """A paragraph's lines as passage text: wrapped lines run on, a line that ends its text
    starts a new one. ``article``: an article's text, where a line is what the provision reader
    takes for a paragraph or an item, so a sentence stopping a character short ends its line too
    (passage rules 7; elsewhere that would only move white space)."""
    out = ""
    for i, ln in enumerate(lines):
        text = ln.text.strip()
        if i == 0:
            out = text
        elif lines[i - 1].hard_break or (article and lines[i - 1].stops_short) or ITEM_HEAD.match(
                search_form(text)) or (
                out.endswith("。") and PARAGRAPH_HEAD.match(search_form(text))):
            # 「…短縮することができる。」 at the margin, then 「３ 前項の規定は…」: a new paragraph,
            # on its own line as the provision reader expects (it was run into the one before).
            # (A line opening with ①②③ starting its own line was measured and not adopted: README.)
            out += "\n" + text
        else:
            out = join_lines(out, text)
    return out


def _unit_chunks(unit: _Unit, title: str, doc_id: str, labels: dict[int, str],
                 ocr_pages: set[int]) -> list[Chunk]:
    groups: list[list[tuple[int | None, list[Line]]]] = [[]]
    size = 0
    total = sum(len(ln.text) for _, ls in unit.paragraphs for ln in ls)
    for para in unit.paragraphs:
        if not para[1]:
            continue
        psize = sum(len(ln.text) for ln in para[1])
        if total > MAX_CHUNK_CHARS and groups[-1] and size + psize > PART_CHARS:
            groups.append([])
            size = 0
        if total > MAX_CHUNK_CHARS and psize > MAX_CHUNK_CHARS:
            # one huge paragraph (or an unnumbered article): cut at line ends
            for piece in _split_lines(para[1]):
                if groups[-1]:
                    groups.append([])
                groups[-1].append((para[0], piece))
            size = PART_CHARS + 1
            continue
        groups[-1].append(para)
        size += psize
    chunks = []
    for part, group in enumerate(g for g in groups if g):
        lines = [ln for _, ls in group for ln in ls]
        text = "\n".join(_join(ls, unit.kind == "article") for _, ls in group)
        pages = sorted({ln.page for ln in lines})
        numbers = [n for n, _ in group if n is not None]
        chunks.append(Chunk(
            doc_id=doc_id, doc_title=title, text=text, pages=pages,
            spans=[[ln.page, *ln.bbox] for ln in lines],
            kind=unit.kind, article_label=unit.label, article_key=unit.key,
            paragraph=numbers[0] if numbers and unit.key else None,
            paragraph_end=numbers[-1] if numbers and unit.key else None,
            part=part, caption=unit.caption, heading_path=unit.heading_path,
            page_label=labels.get(pages[0], ""),
            ocr=any(p in ocr_pages for p in pages),
        ))
    return chunks


def _split_lines(lines: list[Line]) -> list[list[Line]]:
    """Cut a long run of lines into ~PART_CHARS pieces, preferring sentence ends."""
    pieces: list[list[Line]] = [[]]
    size = 0
    for ln in lines:
        pieces[-1].append(ln)
        size += len(ln.text)
        # where a line ends short, as before Latin wraps stopped counting as sentence ends: the
        # passages keep their bounds (cutting only at 1.5 × PART_CHARS cut GDPR articles anywhere)
        if size >= PART_CHARS and (ln.ends_short or ln.text.rstrip().endswith("。")
                                   or size >= PART_CHARS * 1.5):
            pieces.append([])
            size = 0
    return [p for p in pieces if p]


__all__ = ["Chunk", "chunk_document", "to_int", "topic_headings"]
