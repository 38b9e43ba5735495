"""Text clean-up for extracted PDF text.

Two forms exist on purpose: :func:`clean` keeps what the statute prints
(full-width digits, （）, 「」, circled item numbers ①) so citations read as officers expect, and only
folds characters that are never meant literally (Kangxi radicals, CJK
compatibility ideographs, ligatures, half-width katakana, private-use bullets).
:func:`search_form` is full NFKC and is what the tokenizer and the citation
patterns see.
"""

from __future__ import annotations

import re
import unicodedata

from .legal.numerals import circled_number

# CJK Radicals Supplement (U+2E80–2EFF) has almost no NFKC mappings, yet PDF
# producers emit these glyphs for ordinary kanji. Only the forms seen in
# Japanese documents are listed; unmapped ones are left alone.
_RADICAL_SUPPLEMENT = {
    "⺟": "母", "⺠": "民", "⻑": "長", "⻘": "青", "⻝": "食", "⻤": "鬼",
    "⻄": "西", "⻩": "黄", "⻭": "歯", "⻲": "亀", "⻯": "竜", "⻫": "斉",
    "⺣": "火", "⺾": "艹", "⻖": "阝", "⻏": "阝", "⺅": "亻", "⺡": "氵",
    "⺌": "小", "⺍": "小", "⺮": "竹", "⻊": "足", "⻌": "辶", "⻎": "辶",
    "⺩": "王", "⺤": "爪", "⺦": "丬", "⺨": "犭", "⺪": "疋", "⺫": "目",
    "⺬": "示", "⺭": "礻", "⺯": "糸", "⺰": "纟", "⺲": "罒", "⺶": "羊",
    "⺷": "羊", "⺹": "耂", "⺺": "聿", "⻁": "虎", "⻂": "衤", "⻃": "覀",
    "⻆": "角", "⻇": "言", "⻈": "讠", "⻉": "贝", "⻋": "车", "⻍": "辶",
    "⻐": "钅", "⻒": "镸", "⻔": "门", "⻗": "雨", "⻙": "韦", "⻚": "页",
    "⻛": "风", "⻜": "飞", "⻞": "飠", "⻟": "食", "⻢": "马", "⻣": "骨",
    "⻥": "鱼", "⻦": "鸟", "⻧": "卤", "⻨": "麦", "⻪": "黾", "⻬": "齐",
    "⻮": "齿", "⻰": "龙", "⻳": "亀",
}

_FOLD_RANGES = (
    (0x2F00, 0x2FDF),  # Kangxi radicals
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFB00, 0xFB4F),  # alphabetic presentation forms (ﬁ, ﬂ)
    (0xFF61, 0xFF9F),  # half-width katakana
    (0x2460, 0x24FF),  # enclosed alphanumerics (⑴, ⒈; not the circled numbers ①)
    (0x3200, 0x33FF),  # enclosed CJK and squared units (㈱, ㍉)
)

BULLET = "・"


def _is_pua(cp: int) -> bool:
    return 0xE000 <= cp <= 0xF8FF or 0xF0000 <= cp <= 0x10FFFF


def _fold_char(ch: str) -> str:
    cp = ord(ch)
    if circled_number(ch) is not None:  # item marks, told apart from quantities; search_form folds them
        return ch
    if ch in _RADICAL_SUPPLEMENT:
        return _RADICAL_SUPPLEMENT[ch]
    if _is_pua(cp):
        # Symbol/Wingdings bullets and arrows mapped into the PUA by Word.
        return BULLET
    for lo, hi in _FOLD_RANGES:
        if lo <= cp <= hi:
            return unicodedata.normalize("NFKC", ch)
    if cp in (0x00AD, 0x200B, 0x200C, 0x200D, 0xFEFF):  # soft hyphen, ZW*
        return ""
    return ch


def _is_cjk(ch: str) -> bool:
    cp = ord(ch)
    return (0x3040 <= cp <= 0x30FF or 0x3400 <= cp <= 0x9FFF
            or 0xF900 <= cp <= 0xFAFF or 0xFF01 <= cp <= 0xFF60
            or 0x3000 < cp <= 0x303F)


# Three or more single characters separated by single spaces: 「事 務 連 絡」.
_SPACED_TOKEN = r"[（(「『]?[^\s（）()「」『』][）)」』]?"
_LETTER_SPACED = re.compile(
    rf"(?<![^\s]){_SPACED_TOKEN}(?:[ 　]{_SPACED_TOKEN}){{2,}}(?![^\s])")
_SPACED_PAIR = re.compile(r"(\S)[ 　]+(\S)")
# A stray space between a CJK character and a digit: 「平成25 年10 月」.
_CJK_DIGIT_GAP = re.compile(r"(?<=[0-9０-９]) (?=[年月日条項号回歳時分])")


def _join_letter_spaced(m: re.Match[str]) -> str:
    tokens = m.group(0).split()
    if all(_is_cjk(t.strip("（(「『）)」』") or "x") for t in tokens):
        return "".join(tokens)
    return m.group(0)


def clean(text: str) -> str:
    """Fold never-literal characters and undo letter-spacing, keep the rest."""
    text = "".join(_fold_char(c) for c in text)
    text = _LETTER_SPACED.sub(_join_letter_spaced, text)
    pair = _SPACED_PAIR.fullmatch(text.strip())
    if pair and _is_cjk(pair.group(1)) and _is_cjk(pair.group(2)):
        text = pair.group(1) + pair.group(2)  # a two-letter heading: 「本 編」
    text = _CJK_DIGIT_GAP.sub("", text)
    return text.rstrip()


def search_form(text: str) -> str:
    """Full NFKC (after :func:`clean`): the form matching and tokenizing use."""
    return unicodedata.normalize("NFKC", clean(text))


def join_lines(prev: str, nxt: str) -> str:
    """Join a wrapped line: no space inside Japanese, de-hyphenate English."""
    if not prev:
        return nxt
    if not nxt:
        return prev
    a, b = prev[-1], nxt[0]
    if _is_cjk(a) or _is_cjk(b):
        return prev + nxt
    if a == "-" and len(prev) > 1 and prev[-2].isalpha() and b.islower():
        return prev[:-1] + nxt
    return prev + " " + nxt
