import pytest

from reglens.normalize import clean, join_lines, search_form


@pytest.mark.parametrize("raw,expected", [
    ("⽣活⽤品", "生活用品"),  # Kangxi radicals U+2F63, U+2F64
    ("⻑期", "長期"),  # CJK radicals supplement, not covered by NFKC
    ("speciﬁc ﬂow", "specific flow"),  # ligatures
    ("\uf0b2 項目", "・ 項目"),  # Wingdings bullet in the private-use area
    ("事 務 連 絡", "事務連絡"),  # letter-spaced heading
    ("（公 印 省 略）", "（公印省略）"),
    ("本 編", "本編"),
    ("平成25 年10 月", "平成25年10月"),
    ("ｶﾀｶﾅ", "カタカナ"),
    ("第三条　この法律は", "第三条　この法律は"),  # printed form kept
    ("a b c", "a b c"),  # English letters are not letter-spaced Japanese
    ("soft\u00adhyphen", "softhyphen"),
    ("③の時間外労働", "③の時間外労働"),  # an item mark, not the quantity 3 (user test)
    ("⑴ 対象", "(1) 対象"),
])
def test_clean(raw, expected):
    assert clean(raw) == expected


def test_clean_leaves_no_kangxi_or_pua():
    text = clean("".join(chr(c) for c in range(0x2F00, 0x2FD6)) + "\ue000\uf8ff")
    assert not any(0x2F00 <= ord(c) <= 0x2FDF or 0xE000 <= ord(c) <= 0xF8FF for c in text)


def test_search_form_is_nfkc():
    assert search_form("第２７条の１３　（目的）") == "第27条の13 (目的)"
    assert search_form("③の時間外労働") == "3の時間外労働"


@pytest.mark.parametrize("a,b,joined", [
    ("借地権の存続期", "間は、三十年", "借地権の存続期間は、三十年"),
    ("the speci-", "fied period", "the specified period"),
    ("the period", "of time", "the period of time"),
    ("", "x", "x"),
])
def test_join_lines(a, b, joined):
    assert join_lines(a, b) == joined
