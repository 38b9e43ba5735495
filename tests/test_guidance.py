"""Guidance: questions without a topic, and laws named that the library does not hold."""

from __future__ import annotations

import pytest

from reglens.guidance import assess, for_index, law_like_names
from reglens.legal.names import LawNames, default_aliases
from reglens.normalize import search_form
from reglens.tokenize import Tokenizer

SAMPLE_TITLES = ["借地借家法", "原子力基本法", "特定工場における公害防止組織の整備に関する法律施行令"]


@pytest.fixture(scope="module")
def tokenizer() -> Tokenizer:
    # as an index of the sample sees names: its titles plus the shipped alias table
    return Tokenizer(LawNames(SAMPLE_TITLES + ["金融商品取引法"], default_aliases()))


@pytest.mark.parametrize("question", [
    "次のうち、正しいものを教えてください。",
    "次のうち、誤っているものを教えてください。",
    "教えてください",
    "？",
    "",
    "   ",
    "よろしくお願いします。",
    "これについて教えて",
    "該当する条文を教えて下さい",
    "What is correct?",
    "thank you",
    "Thanks a lot!",
    "Hello, good morning",
    "ありがとうございます",
])
def test_questions_without_a_topic(tokenizer, question):
    g = assess(question, tokenizer, SAMPLE_TITLES)
    assert g.no_topic, g.topic_terms


@pytest.mark.parametrize("question, term", [
    ("借地権", "借地権"),
    ("第3条", "§3"),
    ("Section 4", None),
    ("lease term", None),
    ("借地権の存続期間は何年ですか", "借地権"),
    ("次のうち、借地権について正しいものを教えてください。", "借地権"),
    ("借地借家法", "借地借家法"),
    ("GX", None),
])
def test_short_real_queries_keep_their_topic(tokenizer, question, term):
    g = assess(question, tokenizer, SAMPLE_TITLES)
    assert not g.no_topic
    if term:
        assert term in g.topic_terms


@pytest.mark.parametrize("question, named, title", [
    ("金融商品取引法第2条の定義", "金融商品取引法", "金融商品取引法"),
    ("金商法第27条の13の公開買付け", "金商法", "金融商品取引法"),
    ("民法の規定による賃貸借", "民法", None),
    ("当社の不正アクセス禁止法違反", "不正アクセス禁止法", None),
    ("個人情報の保護に関する法律第2条", "個人情報の保護に関する法律", None),
    ("建築基準法施行令第1条", "建築基準法施行令", None),
    ("東京都迷惑防止条例", "東京都迷惑防止条例", None),
])
def test_a_law_not_in_the_library_is_named(tokenizer, question, named, title):
    g = assess(question, tokenizer, SAMPLE_TITLES)
    assert [m.named for m in g.missing_laws] == [named]
    if title:
        assert g.missing_laws[0].title == title
    assert not g.no_topic  # the results are still shown


@pytest.mark.parametrize("question", [
    "借地借家法第三条",
    "借地借家法施行令",  # not indexed: the 施行令 is a different law …
    "政令で定める金融機関",
    "厚生労働省令で定める事項",
    "重要情報の公表の方法",
    "同法第4条",
    "その他政令で定める者",
    "違法な行為と適法な行為",
    "特定工場における公害防止組織の整備に関する法律施行令第2条",
    "改正借地借家法",
])
def test_indexed_laws_and_generic_words_are_not_reported(tokenizer, question):
    missing = [m.named for m in assess(question, tokenizer, SAMPLE_TITLES).missing_laws]
    if question == "借地借家法施行令":
        assert missing == ["借地借家法施行令"]  # … so it is reported
    else:
        assert missing == []


def test_law_like_names_are_spans_of_the_text():
    text = search_form("次のうち、金融商品取引法第２条及び民法について")
    spans = law_like_names(text)
    assert [(text[s:e], n) for s, e, n in spans] == [("金融商品取引法", "金融商品取引法"), ("民法", "民法")]


def test_for_index_uses_the_index_titles(loaded_sample):
    g = for_index(loaded_sample, "金融商品取引法第2条の定義")
    assert [m.named for m in g.missing_laws] == ["金融商品取引法"]
    assert for_index(loaded_sample, "借地借家法第3条").missing_laws == ()
    assert for_index(loaded_sample, "次のうち、正しいものを教えてください。").no_topic
    assert g.to_json()["missing_laws"][0]["named"] == "金融商品取引法"


def test_an_english_question_over_japanese_documents_says_to_ask_in_japanese(loaded_sample):
    """User test: English questions about the model work rules returned only the GDPR, with no
    word on why; the multilingual model ranks Japanese pages low for them (README)."""
    from reglens.guidance import english_over_japanese, for_index
    from reglens.ui.messages import guidance_texts
    g = for_index(loaded_sample, "How long does a land lease last?")
    assert g.english_over_japanese and not g.no_topic and g.to_json()["english_over_japanese"]
    assert any("ask in Japanese" in t for t in guidance_texts(g))
    assert not for_index(loaded_sample, "借地権の存続期間は何年ですか").english_over_japanese
    assert not for_index(loaded_sample, "借地借家法 Article 3 の存続期間").english_over_japanese
    assert not english_over_japanese("What is Article 17?", ["Regulation (EU) 2016/679", "Municipal Code"])
    assert not for_index(loaded_sample, "Please tell me.").english_over_japanese  # no topic: that note alone


def test_a_cited_provision_its_law_does_not_have_is_reported(loaded_sample):
    """Search shows other laws' 第九十九条 for 「借地借家法第99条」: say first that the law has none."""
    g = for_index(loaded_sample, "借地借家法第99条の内容", citations=True)
    assert [(w.written, w.status) for w in g.wrong_citations] == [("借地借家法第99条", "article_missing")]
    assert "第九十九条" in g.wrong_citations[0].message and not g.no_topic
    assert dict(g.wrong_citations[0].note_params)["law"] == "借地借家法"
    assert [w.status for w in for_index(loaded_sample, "借地借家法第3条第5項", citations=True).wrong_citations] == \
        ["paragraph_missing"]
    # a relative item after a blank to fill in is not checked against whatever came before
    assert for_index(loaded_sample, "借地借家法第3条は、［　　］第１項から第３号までを引用している。",
                     citations=True).wrong_citations == ()
    for fine in ("借地借家法第3条", "借地権の存続期間", "金融商品取引法第2条"):  # exists / no citation / not indexed
        assert for_index(loaded_sample, fine, citations=True).wrong_citations == ()
    # the UI thread's check before searching leaves citations to the search thread
    assert for_index(loaded_sample, "借地借家法第99条").wrong_citations == ()


def test_cli_asks_for_the_topic_and_names_missing_laws(sample_index, capsys):
    import json

    from reglens.cli import main
    assert main(["search", "--index", str(sample_index), "次のうち、正しいものを教えてください。"]) == 0
    out = capsys.readouterr().out
    assert "names no topic" in out and "[1]" not in out
    assert main(["ask", "--index", str(sample_index), "教えてください"]) == 0
    out = capsys.readouterr().out
    assert "names no topic" in out and "[1]" not in out
    assert main(["search", "--index", str(sample_index), "金融商品取引法第2条の定義"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("note: 金融商品取引法 is not in the index") and "[1]" in out  # results still shown
    assert main(["search", "--index", str(sample_index), "--json", "借地権"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["guidance"] == {"no_topic": False, "topic_terms": ["借地権"], "missing_laws": [],
                                "wrong_citations": [], "english_over_japanese": False}
    assert data["results"]


def test_eval_counts_questions_without_a_topic_apart(loaded_sample):
    from reglens.evaluate import evaluate
    questions = [
        {"qid": "a", "question": "次のうち、正しいものを教えてください。",
         "gold": [{"law_title": "借地借家法", "article_no": "第三条"}]},
        {"qid": "b", "question": "借地権の存続期間は何年ですか",
         "gold": [{"law_title": "借地借家法", "article_no": "第三条"}]},
    ]
    report = evaluate(loaded_sample, questions)
    s = report.summary()
    assert report.no_topic == ["a"] and s["no_topic"] == 1
    assert s["overall"]["n"] == 1 and [q.qid for q in report.scored] == ["b"]


def test_snippets_mark_the_questions_rare_words_only(loaded_sample):
    """From a user test: snippets marked 「場合」, 「どのような」, and "on" inside "operation"."""
    from reglens.guidance import highlight_words
    from reglens.ui.citations import highlight_html
    ix = loaded_sample
    rare = {"借地権": 3.0, "存続": 3.0, "期間": 2.5}
    words = highlight_words("借地権の存続期間はどのような場合に何年ですか", ix.tokenizer, lambda t: rare.get(t, 0.7))
    assert "借地権" in words and "場合" not in words and "どのような" not in words
    assert "どのような" not in highlight_words("どのような場合か", ix.tokenizer, lambda _t: 9.0)  # not a topic
    # words common in the library are not marked however the question stresses them
    common = highlight_words("借地権", ix.tokenizer, lambda _t: 0.5)
    assert common == []
    english = highlight_words("What is the operation of a lease on land?", ix.tokenizer, lambda _t: 9.0)
    assert "lease" in english and "on" not in english and "is" not in english and "What" not in english
    html = highlight_html("The operation is on record. A Lease of land.", english)
    assert "<b style='background:#fff2a8'>operation</b>" in html
    assert "<b style='background:#fff2a8'>Lease</b>" in html  # any case, whole words
    assert "on</b> record" not in html and "oper<b" not in html
