import pytest

from reglens.legal.numerals import article_key, article_label, key_sort, to_int, to_kanji


@pytest.mark.parametrize("text,value", [
    ("一", 1), ("十", 10), ("十一", 11), ("二十", 20), ("二十七", 27), ("百", 100),
    ("百二", 102), ("百二十三", 123), ("千", 1000), ("千五十", 1050), ("三千二百一", 3201),
    ("27", 27), ("２７", 27), ("〇", 0), ("二〇二四", 2024), ("一万二千", 12000),
])
def test_to_int(text, value):
    assert to_int(text) == value


@pytest.mark.parametrize("bad", ["", "条", "十x", "二三十"])
def test_to_int_rejects_prose(bad):
    with pytest.raises(ValueError):
        to_int(bad)


@pytest.mark.parametrize("n", [1, 9, 10, 11, 20, 27, 100, 101, 110, 999, 1000, 1234, 10000])
def test_kanji_round_trip(n):
    assert to_int(to_kanji(n)) == n


@pytest.mark.parametrize("label,key", [
    ("第三条", "3"), ("第二十七条の十三", "27-13"), ("第27条の13", "27-13"),
    ("第２７条の１３", "27-13"), ("第二十三条の二の十五", "23-2-15"), ("27条の13", "27-13"),
    ("第百八十五条の二十二", "185-22"), ("第 3 条", "3"),
])
def test_article_key(label, key):
    assert article_key(label) == key


@pytest.mark.parametrize("bad", ["第三項", "第三号", "三条例", "第条"])
def test_article_key_rejects_non_articles(bad):
    with pytest.raises(ValueError):
        article_key(bad)


def test_article_label_is_printed_form():
    assert article_label("27-13") == "第二十七条の十三"
    assert article_label("3") == "第三条"


def test_key_sort_orders_branch_numbers():
    keys = ["3", "2-10", "2", "2-2", "10"]
    assert sorted(keys, key=key_sort) == ["2", "2-2", "2-10", "3", "10"]
