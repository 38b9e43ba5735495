"""Japanese numerals and article numbers (第二十七条の十三 ⇄ 27-13).

Statutes print numbers in kanji; questions and drafts use Arabic or full-width
digits. Everything that compares citations goes through :func:`article_key`.
"""

from __future__ import annotations

import re

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9, "壱": 1, "弐": 2, "参": 3}
_UNITS = {"十": 10, "百": 100, "千": 1000, "拾": 10}
_BIG = {"万": 10_000}

KANJI_NUM = "〇零一二三四五六七八九十百千万壱弐参拾"
NUM_CHARS = KANJI_NUM + "0-9０-９"
NUMBER = f"[{NUM_CHARS}]+"

_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def to_int(text: str) -> int:
    """Parse kanji (二十七, 百二, 千五十), Arabic or full-width digits.

    Raises ValueError for anything else so callers never mistake prose for a
    number.
    """
    s = text.strip().translate(_FULLWIDTH)
    if not s:
        raise ValueError("empty number")
    if s.isdigit():
        return int(s)
    if all(c in _DIGITS for c in s) and len(s) > 1:
        # positional form such as 二〇二四
        return int("".join(str(_DIGITS[c]) for c in s))
    total = 0
    section = 0
    digit: int | None = None
    for c in s:
        if c in _DIGITS:
            if digit is not None:
                raise ValueError(f"not a kanji numeral: {text!r}")
            digit = _DIGITS[c]
        elif c in _UNITS:
            section += (1 if digit is None else digit) * _UNITS[c]
            digit = None
        elif c in _BIG:
            section += digit or 0
            total += (section or 1) * _BIG[c]
            section = 0
            digit = None
        elif c.isdigit():
            raise ValueError(f"mixed numeral: {text!r}")
        else:
            raise ValueError(f"not a numeral: {text!r}")
    return total + section + (digit or 0)


# ①–⑳, ㉑–㉟, ㊱–㊿ (code points of each run, and the number of its first)
_CIRCLED = ((0x2460, 0x2473, 1), (0x3251, 0x325F, 21), (0x32B1, 0x32BF, 36))


def circled_number(text: str) -> int | None:
    """The number of a circled numeral (①…㊿) opening ``text``, else None.

    Model rules and manuals number the items of a paragraph ①②③; NFKC (the search form)
    folds ② to 2, which then read as paragraph 2 (「第五十三条第八項」 for an item of its
    third paragraph, user test), and ③ in 「③の時間外労働」 as three hours. Whoever reads
    numbers from the search form asks this of the printed text first; clean() keeps them."""
    head = text.lstrip()[:1]
    if not head:
        return None
    cp = ord(head)
    return next((first + cp - lo for lo, hi, first in _CIRCLED if lo <= cp <= hi), None)


def to_kanji(n: int) -> str:
    """Render an integer as statutes print it (27 → 二十七, 100 → 百)."""
    if n < 0:
        raise ValueError("negative")
    if n == 0:
        return "〇"
    names = "〇一二三四五六七八九"
    out = []
    if n >= 10_000:
        out.append(to_kanji(n // 10_000) + "万")
        n %= 10_000
    for unit, name in ((1000, "千"), (100, "百"), (10, "十")):
        d, n = divmod(n, unit)
        if d:
            out.append(("" if d == 1 else names[d]) + name)
    if n:
        out.append(names[n])
    return "".join(out)


_ARTICLE = re.compile(rf"第?({NUMBER})条((?:の{NUMBER})*)")


def article_key(label: str) -> str:
    """第二十七条の十三 / 第27条の13 / 27条の13 → "27-13".

    Raises ValueError when the label is not an article number.
    """
    m = _ARTICLE.fullmatch(label.strip().replace(" ", "").replace("　", ""))
    if not m:
        raise ValueError(f"not an article label: {label!r}")
    parts = [to_int(m.group(1))]
    parts += [to_int(p) for p in m.group(2).split("の")[1:]]
    return "-".join(str(p) for p in parts)


def article_label(key: str) -> str:
    """"27-13" → 第二十七条の十三 (the printed form)."""
    nums = [int(p) for p in key.split("-")]
    head = f"第{to_kanji(nums[0])}条"
    return head + "".join(f"の{to_kanji(n)}" for n in nums[1:])


def key_sort(key: str) -> tuple[int, ...]:
    """Sort key for article keys: 2 < 2-2 < 2-10 < 3."""
    try:
        return tuple(int(p) for p in key.split("-"))
    except ValueError:
        return (1 << 30,)
