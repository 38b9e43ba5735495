import pytest

from reglens.legal.names import LawNames, default_aliases
from reglens.tokenize import Tokenizer, dictionary_version

TITLES = ["金融商品取引法", "金融商品取引法施行令", "借地借家法",
          "金融商品取引法第二条に規定する定義に関する内閣府令"]


@pytest.fixture(scope="module")
def tok():
    return Tokenizer(LawNames(TITLES, default_aliases()))


@pytest.mark.parametrize("text,expected", [
    # law names stay whole, also when Sudachi alone would split them
    ("資金決済法に基づく", ["資金決済に関する法律", "基づく"]),
    ("金商法第27条の13第1項", ["金融商品取引法", "§27-13"]),
    ("同項第二号に掲げる者", ["同項", "掲げる", "者"]),
    ("金融商品取引法第二十七条の十三により", ["金融商品取引法", "§27-13", "よる"]),
    ("借地借家法第三条", ["借地借家法", "§3"]),
    # the longest title wins over the title it contains
    ("金融商品取引法施行令第2条の12", ["金融商品取引法施行令", "§2-12"]),
    ("金融商品取引法第二条に規定する定義に関する内閣府令第十六条",
     ["金融商品取引法第二条に規定する定義に関する内閣府令", "§16"]),
    # mode C keeps compounds, normalized forms, no punctuation or particles
    ("借地権の存続期間は、三十年とする。", ["借地権", "存続", "期間", "30", "年", "為る"]),
])
def test_tokens(tok, text, expected):
    assert tok.tokens(text) == expected


def test_same_terms_for_kanji_arabic_and_fullwidth(tok):
    a = tok.tokens("金融商品取引法第二十七条の十三")
    assert a == tok.tokens("金融商品取引法第27条の13") == tok.tokens("金融商品取引法第２７条の１３")


def test_split_mode_a_is_finer(tok):
    a = Tokenizer(tok.names, mode="A").tokens("有価証券届出書")
    assert len(a) > len(tok.tokens("有価証券届出書"))


def test_unknown_mode_rejected():
    with pytest.raises(ValueError):
        Tokenizer(mode="D")


def test_dictionary_version_is_known():
    assert dictionary_version().startswith("sudachidict-")


@pytest.mark.parametrize("term,parts", [
    ("有給休暇", ["有給", "休暇"]),
    ("年次有給休暇", ["年次", "有給", "休暇"]),
    ("§27-13", []),  # an article number is no compound
    ("借地借家法", []),  # nor a law name, one term of the library
])
def test_parts_of_a_compound(tok, term, parts):
    assert tok.parts(term) == parts
