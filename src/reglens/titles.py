"""A document's title, read from its first page the way a person would name it.

Every result, formal citation and export names its document by this title, so a
wrong one is seen everywhere (a user test found 「事」, 「標記」, 「別添３」 and
「事務連絡」 for half of the real-world PDFs). Japanese administrative documents
put other things where a title would be, and this module knows their forms:

* a statute: its title above its law number (「…法」 / 「（令和…法律第…号）」);
* a notice (通知, 事務連絡): a document number (「薬食審査発1117第３号」), a date,
  the addressees (「…御中」, 「…殿」) and the sender come first; its title is the
  subject line, 「…について」 (optionally 「（その１）」);
* an attachment or table (「別添３」, 「別表第一」): the label is named with the line
  after it (「別表第一　医科診療報酬点数表」);
* a heading wrapped over lines of one size (「クラウドサービス利用のための」 +
  「情報セキュリティマネジメントガイドライン」), or letter-spaced one character per
  line (「事」「務」「連」「絡」);
* an EU act: its number and short name, not the Official Journal's running head.

The PDF's own title field is used only when it looks like a title and the page
gives none: it is often a file name (「（様式２）告示_柱書き＋新旧」) or an editor's
default (「Microsoft Word - ….doc」). No Qt, no I/O: lines in, title out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import groupby
from typing import Protocol

MAX_TITLE = 120
FIRST_LINES = 40  # a notice's subject line comes after its addressees and senders

_LAW_NUM = re.compile(r"^[（(]?(?:明治|大正|昭和|平成|令和)[^）)]*第[^）)]*号[）)]?$")
_BAD_META = re.compile(
    r"^(?:Microsoft (?:Word|PowerPoint|Excel)|untitled|無題|タイトル|スライド|Slide|PowerPoint プレゼンテーション"
    r"|<[0-9A-F]{8,}|\s*$)"
    r"|\.(?:docx?|pdf|xlsx?|pptx?|jtd)$|_", re.IGNORECASE)
_DIGIT = "0-9０-９"
_NUMERAL = rf"[{_DIGIT}一二三四五六七八九十百]"
# labels that stand where a title would: what kind of paper this is, not what it is about
_LABEL = re.compile(rf"^(?:事務連絡|通知|記|標記|写し?|参考資料?|資料{_NUMERAL}*|（?案）?|別添{_NUMERAL}*"
                    rf"|別紙{_NUMERAL}*|別記{_NUMERAL}*|別表第?{_NUMERAL}*|様式第?{_NUMERAL}*(?:号)?)$")
_NOTICE = re.compile(r"^(?:事務連絡|通知)$")
# attachments named together with the line after them
_ATTACHMENT = re.compile(r"^(?:別添|別紙|別記|別表|様式)")
_DOC_NUMBER = re.compile(rf"発\s*[{_DIGIT}]+\s*第\s*[{_DIGIT}]+\s*号$|^第\s*[{_DIGIT}]+\s*号$")
_DATE = re.compile(rf"^(?:明治|大正|昭和|平成|令和|[{_DIGIT}]{{4}}\s*年)[^。]{{0,14}}日$|^[{_DIGIT}]{{4}}年度?版?$"
                   rf"|^(?:令和|平成)[{_DIGIT}元]+年度?版?$")
_ADDRESS = re.compile(r"(?:御中|殿|各位)$")
_SUBJECT = re.compile(r"^(?!.*[。、]$).{4,90}について(?:[（(][^）)]{1,20}[）)])?$")
_SUBJECT_END = re.compile(r"^について(?:[（(][^）)]{1,20}[）)])?$")  # a subject wrapped before its last word
# a heading line that goes on: 「…のための」, 「…に関する」, 「…及び」
_CONTINUES = re.compile(r"(?:の|のための|に関する|における|に係る|及び|並びに|又は|と|、|・)$")
_EU_ACT = re.compile(r"\b(REGULATION|DIRECTIVE|DECISION) \((EU|EC|EEC|Euratom)\) (?:No )?(\d+/\d+)", re.IGNORECASE)
_EU_SHORT = re.compile(r"\(([A-Z][A-Za-z ]{6,60}(?:Regulation|Directive|Act))\)")


class Line(Protocol):
    text: str
    size: float


def plausible(title: str) -> bool:
    """A title field that names the document (not a file name, not mojibake)."""
    if _BAD_META.search(title) or len(title) > MAX_TITLE:
        return False
    latin1 = sum(1 for c in title if 0x80 <= ord(c) <= 0xFF)  # Shift-JIS read as Latin-1
    return latin1 == 0 and "\ufffd" not in title and any(c.isalnum() for c in title)


def _texts(lines: Sequence[Line]) -> list[tuple[str, float]]:
    """Stripped texts with sizes; characters letter-spaced one per line joined (「事」「務」…)."""
    texts = [(text, ln.size) for ln in lines if (text := ln.text.strip())]
    out: list[tuple[str, float]] = []
    for spaced, run in groupby(texts, key=lambda ts: len(ts[0]) == 1 and not ts[0].isascii()):
        group = list(run)
        if spaced:
            out.append(("".join(t for t, _ in group), group[0][1]))
        else:
            out += group
    return out


def _not_a_title(text: str) -> bool:
    return bool(_LABEL.match(text) or _DOC_NUMBER.search(text) or _DATE.match(text)
                or _ADDRESS.search(text) or _LAW_NUM.match(text) or text.isdigit())


def _statute(texts: list[tuple[str, float]]) -> tuple[str, str] | None:
    """A statute: the lines above its law number (a long title wraps), or the number first."""
    for i, (text, _) in enumerate(texts[1:5], start=1):
        if _LAW_NUM.match(text):
            return "".join(t for t, _ in texts[:i]), text
    if len(texts) > 1 and _LAW_NUM.match(texts[0][0]):
        return texts[1][0], texts[0][0]
    return None


def _joined(texts: list[tuple[str, float]], i: int) -> str:
    """Line ``i`` and the lines of its size that continue it."""
    title, size = texts[i]
    for text, s in texts[i + 1:i + 4]:
        if s != size or not _CONTINUES.search(title) or _not_a_title(text):
            break
        title += text
    return title


def _subject(texts: list[tuple[str, float]]) -> str:
    """A notice's subject line (「…について（その１）」), also when it wraps before 「について」."""
    for i, (text, _) in enumerate(texts):
        if _SUBJECT.match(text):
            return text
        if i and _SUBJECT_END.match(text) and not _not_a_title(texts[i - 1][0]):
            return texts[i - 1][0] + text
    return ""


def _heading(texts: list[tuple[str, float]]) -> str:
    """A notice's subject; an attachment label with the line after it; else the largest
    line that is not a label, date or address (the first of them), with its continuation."""
    subject = _subject(texts)
    first = texts[0][0]
    if _ATTACHMENT.match(first) and _LABEL.match(first) and len(texts) > 1 \
            and not _not_a_title(texts[1][0]):
        return f"{first}　{_joined(texts, 1)}"
    # a notice: its kind, number or addressees come first (OCR gives its lines varying sizes)
    notice = any(_NOTICE.match(t) or _DOC_NUMBER.search(t) or _ADDRESS.search(t) for t, _ in texts[:12])
    if subject and (notice or max(s for _, s in texts) <= min(s for _, s in texts) + 0.5):
        return subject
    candidates = [i for i, (t, _) in enumerate(texts) if not _not_a_title(t)]
    if not candidates:
        return subject
    biggest = max(texts[i][1] for i in candidates)
    i = next(i for i in candidates if texts[i][1] == biggest)
    return _joined(texts, i)


def _eu_act(text: str) -> str:
    m = _EU_ACT.search(text)
    if not m:
        return ""
    kind, body, number = m.groups()
    short = _EU_SHORT.search(text, m.end())
    name = f"{kind.title()} ({body}) {number}"
    return f"{name} ({short.group(1)})" if short else name


def detect(meta_title: str, lines: Sequence[Line]) -> tuple[str, str]:
    """(title, law number or "") from the first page's lines and the PDF's title field."""
    meta = meta_title.strip()
    texts = _texts(lines[:FIRST_LINES])
    law_num, heading = "", ""
    if texts:
        statute = _statute(texts)
        if statute is not None:
            heading, law_num = statute
        else:
            heading = _eu_act(" ".join(t for t, _ in texts[:6])) or _heading(texts)
    if "\ufffd" in heading:  # undecodable glyphs: no title is better than a row of ����
        heading = ""
    if heading and (law_num or not plausible(meta) or _not_a_title(meta)):
        return heading[:MAX_TITLE], law_num
    return (meta if plausible(meta) else heading[:MAX_TITLE]), law_num


# -- a title read by OCR ----------------------------------------------------------------
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def from_file_name(stem: str) -> str:
    """A file name that reads as a Japanese title (「原薬等登録原簿に関する質疑応答集」), else ""."""
    name = stem.strip()
    return name if len(_JAPANESE.findall(name)) >= 4 and plausible(name) and not _not_a_title(name) else ""


def prefer_to_ocr(heading: str, file_stem: str) -> str:
    """The title of a document whose first page was read by OCR: the file name when it reads as
    a title, else the OCR heading.

    A misread title is seen everywhere — results, citations, exports (clerk4: 「原薬等訪録原息に
    関する…」 for 「原薬等登録原簿」). What is general, in order:

    1. the PDF's title field, when it looks like a title (:func:`detect` already prefers it to
       any heading: typed by a person, never misread);
    2. the file name, when it reads as a Japanese title — four or more kana/kanji and none of a
       file name's marks (``_``, an extension, an editor's default): someone named the file
       after the document. 「mhlw_mf_scan_2005_a」 or 「0000123」 are not titles, and they are
       what scans are usually called, so the OCR heading stays then;
    3. the OCR heading, as read (the app labels the document 「OCR 読み取り」).

    Not adopted: putting a misread character right by the document's own repetitions of the
    title (a 6-character run read once, a run two characters away read three times or more).
    It mends this scan's title, but run over the 43 text-layer titles of the library it
    "corrected" 11 of them (「核原料物質…の規制」 → 「…の運転」; legal text is full of near
    twins), and one scanned document cannot show it is safe.
    """
    return from_file_name(file_stem) or heading
