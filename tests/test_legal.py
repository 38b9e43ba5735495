"""The legal core: one reference grammar, one catalog, one formatter, the legal graph."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from reglens.legal.catalog import (
    CABINET_OFFICE_ORDINANCE,
    CABINET_ORDER,
    LAW,
    MINISTERIAL_ORDINANCE,
    Catalog,
    law_kind,
)
from reglens.legal.format import key_label, passage_citation, provision_text
from reglens.legal.grammar import (
    article_keys,
    english_keys,
    law_before,
    normalize_with_offsets,
    scan,
)
from reglens.legal.graph import Graph, build_graph, defined_terms
from reglens.legal.names import LawNames
from reglens.normalize import search_form
from reglens.query import analyse


def test_half_width_voiced_katakana_normalizes_as_one_character_with_its_offsets():
    text = "ｶﾞｽ事業法第2条"
    norm, offsets = normalize_with_offsets(text)
    assert norm == search_form(text) == "ガス事業法第2条"
    assert len(offsets) == len(norm) + 1
    # every normalized character maps back to the written cluster it came from
    assert text[offsets[0]:offsets[1]] == "ｶﾞ" and text[offsets[norm.index("事")]] == "事"


def test_scan_reads_every_level_and_skips_law_numbers_and_names():
    norm = search_form("借地借家法（平成三年法律第九十号）第三条第二項第一号イただし書、同条第三項及び前条")
    refs = list(scan(norm))
    first = refs[0]
    assert (first.key, first.paragraph, first.item, first.subitem, first.qualifier) == \
        ("3", "第二項", "第一号", "イ", "ただし書")
    assert [r.article for r in refs[1:]] == ["同条", "前条"] and refs[1].relative
    assert "第九十号" not in [r.item for r in refs]  # the law number is not an item


def test_a_number_inside_a_law_name_is_not_a_reference():
    names = LawNames(["金融商品取引法第二条に規定する定義に関する内閣府令"])
    norm = search_form("金融商品取引法第二条に規定する定義に関する内閣府令第十六条")
    hits = names.find(norm)
    assert [r.key for r in scan(norm, [(h.start, h.end) for h in hits])] == ["16"]


def test_law_before_reads_names_relative_words_and_questions():
    names = LawNames(["借地借家法", "金融商品取引法", "金融商品取引法施行令"])
    norm = search_form("金融商品取引法施行令第一条の法第二条")
    hits = names.find(norm)
    refs = list(scan(norm, [(h.start, h.end) for h in hits]))
    assert law_before(norm, refs[0].start, hits, None).law == "金融商品取引法施行令"
    # 「法」 inside an order is its parent act
    assert law_before(norm, refs[1].start, hits, "金融商品取引法施行令").law == "金融商品取引法"
    q = search_form("借地借家法について、第三条は何を定めていますか")
    qh = names.find(q)
    ref = next(scan(q))
    assert law_before(q, ref.start, qh, None).problem == "ambiguous"  # free text: not said
    assert law_before(q, ref.start, qh, None, question=True).law == "借地借家法"  # a question: the law just named


def test_a_law_the_library_lacks_is_read_as_such_through_its_number_and_abbreviations():
    """From a user test: inside 建築基準法施行令, 「行政不服審査法施行令（平成…号）第二条…同令第八条」
    linked to the order's own 第二条/第八条, and 「労基則第１５条」 in the model work rules to
    their own 第十五条."""
    names = LawNames(["建築基準法施行令", "借地借家法"])
    norm = search_form("行政不服審査法施行令（平成二十七年政令第三百九十一号）第二条の規定により")
    hits = names.find(norm)
    ref = next(scan(norm, [(h.start, h.end) for h in hits]))
    read = law_before(norm, ref.start, hits, None, own_law="建築基準法施行令")
    assert (read.law, read.problem, norm[read.start:ref.start].startswith("行政不服審査法施行令")) == \
        ("行政不服審査法施行令", "unknown_law", True)
    for text, law in (("労基則第１５条", "労基則"), ("安衛則第三条", "安衛則")):
        t = search_form(text)
        assert law_before(t, next(scan(t)).start, [], None, own_law="モデル就業規則").law == law
    # words that only end like a 規則 abbreviation are not laws: the article is the document's own
    for text in ("総則第一条", "原則第二条", "罰則第三条"):
        t = search_form(text)
        assert law_before(t, next(scan(t)).start, [], None, own_law="借地借家法").law == "借地借家法"


def test_an_alias_composes_with_the_sub_law_suffix():
    names = LawNames(["金融商品取引法", "金融商品取引法施行令"], {"金商法": "金融商品取引法"})
    hits = names.find("金商法施行令第1条")
    assert [(h.surface, h.title) for h in hits] == [("金商法施行令", "金融商品取引法施行令")]
    # only when that sub-law is in the library
    assert names.find("金商法施行規則")[0].title == "金融商品取引法"
    analysis = analyse("金商法施行令第1条の定義", names)
    assert [(a.title, a.key) for a in analysis.articles] == [("金融商品取引法施行令", "1")]


def test_an_english_act_is_found_by_its_short_title_and_initials():
    """User test: 「GDPRで削除を求める権利は」 never reached the GDPR — nobody writes its whole title."""
    from reglens.legal.names import LawNames, english_short_names
    title = "Regulation (EU) 2016/679 (General Data Protection Regulation)"
    assert english_short_names(title) == ["Regulation (EU) 2016/679", "General Data Protection Regulation", "GDPR"]
    assert english_short_names("Municipal Code of Example City") == []
    assert english_short_names("借地借家法（平成三年法律第九十号）") == []
    names = LawNames([title, "借地借家法"])
    for text in ("GDPRで削除を求める権利は", "Article 17 of Regulation (EU) 2016/679",
                 "under the General Data Protection Regulation"):
        assert [h.title for h in names.find(text)] == [title], text


def test_english_and_japanese_article_keys():
    assert english_keys("See Section 4.020 and Sec. 12, Article 5(2), § 7") == ["4.020", "12", "5", "7"]
    assert english_keys("Article 6(1)(e) and Art. 9(2)(iv)") == ["6", "9"]
    assert article_keys("第二十七条の十三及び第3条") == ["27-13", "3"]


def test_one_formatter_for_provisions_and_passages():
    assert provision_text("借地借家法", "第三条", 1, "2", "イ", "ただし書") == "借地借家法第三条第一項第二号イただし書"
    assert key_label("附則2") == "附則第二条" and key_label("27-13") == "第二十七条の十三"
    passage = {"doc_title": "借地借家法", "article_label": "第三条", "paragraph": 2, "pages": [1]}
    assert passage_citation(passage) == "借地借家法 第三条第二項"
    assert passage_citation(passage, formal=True, law_num="（平成三年法律第九十号）") == \
        "借地借家法（平成三年法律第九十号）第三条第二項"
    assert passage_citation({**passage, "paragraph": 1}, with_page=True) == "借地借家法 第三条 (p.2)"
    # a law number printed bare on the title page is bracketed as the others (user test: exports
    # read 「建築基準法施行令昭和二十五年政令第三百三十八号第百二十六条」)
    assert passage_citation(passage, formal=True, law_num="平成三年法律第九十号") == \
        "借地借家法（平成三年法律第九十号）第三条第二項"


def test_law_kinds_from_title_and_law_number():
    assert law_kind("借地借家法", "（平成三年法律第九十号）") == LAW
    assert law_kind("金融商品取引法施行令", "（昭和四十年政令第三百二十一号）") == CABINET_ORDER
    # first issued as a 大蔵省令, a 内閣府令 now: delegations say 内閣府令
    assert law_kind("企業内容等の開示に関する内閣府令", "（昭和四十八年大蔵省令第五号）") == CABINET_OFFICE_ORDINANCE
    assert law_kind("薬局等構造設備規則", "（昭和三十六年厚生省令第二号）") == MINISTERIAL_ORDINANCE


def test_glossary_items_define_their_terms_with_or_without_printed_numbers():
    head = "第二条 この法律において、次の各号に掲げる用語の意義は、当該各号に定めるところによる。"
    items = "\n一 借地権 建物の所有を目的とする地上権をいう。\n二 借地権者 借地権を有する者をいう。"
    assert defined_terms(head + items) == ["借地権", "借地権者"]
    # the text layer lost the item numbers and put each term on its own line
    assert defined_terms(head + "借地権\n建物の所有を目的とする地上権をいう。\n転借地権\n土地の賃借権をいう。") \
        == ["借地権", "転借地権"]
    # items of an article that defines nothing are not terms
    assert defined_terms("第五条 次に掲げる者は、申請することができる。\n一 借地権者 申請する者をいう。") == []


def test_definitions_are_read_from_both_forms():
    text = ("この法律において「借地権」とは、建物の所有を目的とする地上権をいう。"
            "特定証券情報（以下「特定情報」という。）")
    assert defined_terms(text) == ["借地権", "特定情報"]


class _Checker:
    """A citation checker over a small library (by default an act and its order), for the graph
    builder: ``articles`` are (doc_id, article_key, text), documents titled by ``docs``."""

    def __init__(self, docs: dict | None = None, articles: list[tuple[str, str, str]] | None = None):
        from reglens.cite import CitationChecker
        docs = docs or {"act": {"title": "見本法", "law_num": "（令和元年法律第一号）", "path": "a.pdf"},
                        "ord": {"title": "見本法施行令", "law_num": "（令和元年政令第一号）", "path": "b.pdf"}}
        articles = articles or [
            ("act", "2", "第二条 手数料の額は、政令で定める。"), ("act", "3", "第三条 前条の手数料は、納付する。"),
            ("ord", "1", "第一条 法第二条に規定する政令で定める額は、千円とする。"),
            ("ord", "2", "第二条 法第三条の手数料は、収入印紙で納付する。")]
        chunks = [{"doc_id": d, "doc_title": docs[d]["title"], "article_key": k, "text": t, "pages": [0]}
                  for d, k, t in articles]
        names = LawNames([d["title"] for d in docs.values()])
        index = SimpleNamespace(chunks=chunks, documents=docs, names=names,
                                manifest={"law_names": sorted(names.titles), "aliases": {}},
                                catalog=Catalog(docs, [c["doc_id"] for c in chunks],
                                                [c["doc_title"] for c in chunks],
                                                [c["article_key"] for c in chunks]),
                                doc_path=lambda d: d["path"])
        self.checker = CitationChecker(index)
        self.articles = [((c["doc_id"], c["article_key"]), c["text"]) for c in chunks]


def test_delegation_links_act_article_to_the_order_article_that_fills_it_in():
    lib = _Checker()
    graph = build_graph(lib.checker, lib.articles)
    assert graph.delegates_to(("act", "2")) == [("ord", "1")]
    assert graph.delegated_from(("ord", "1")) == [("act", "2")]
    # a plain reference from the order is a citation, not a delegation (第三条 delegates nothing)
    assert graph.delegates_to(("act", "3")) == [] and graph.cited_by(("act", "3")) == [("ord", "2")]
    assert graph.refers_to(("act", "3")) == [("act", "2")]  # 前条
    assert Graph(**{"edges": graph.edges, "definitions": graph.definitions}).to_json() == graph.to_json()


@pytest.mark.parametrize("word,kind", [("政令", CABINET_ORDER), ("内閣府令", CABINET_OFFICE_ORDINANCE),
                                       ("厚生労働省令", MINISTERIAL_ORDINANCE)])
def test_delegation_words_name_their_kind_of_order(word, kind):
    from reglens.legal.graph import order_kind
    assert order_kind(word) == kind


# -- the legal core in search, on small libraries built through the real pipeline ------------

@pytest.fixture(scope="module")
def variety_index(tmp_path_factory):
    """A manual that writes がん and ゴミ, an English ordinance with sections, an act and its order."""
    from reglens.indexer import BuildOptions, build
    from reglens.search import Index
    from tests.pdfmaker import make_pdf
    lib = tmp_path_factory.mktemp("variety")
    make_pdf(lib / "manual.pdf", [["健康管理の手引", "1 がん検診の受け方",
                                   "がん検診は毎年六月に保健センターで受けられます。",
                                   "2 ゴミの出し方", "燃えるゴミは月曜日と木曜日に出してください。",
                                   "3 予防接種", "予防接種は医療機関で受けられます。"]], title="健康管理の手引")
    make_pdf(lib / "ordinance.pdf", [["Municipal Code of Example City", "Section 4.010 Purpose",
                                      "This chapter governs the licensing of street vendors.",
                                      "Section 4.020 Definitions",
                                      "Vendor means any person who sells goods on a public street.",
                                      "Section 4.030 Fees", "The annual license fee is fifty dollars."]],
             title="Municipal Code of Example City")
    make_pdf(lib / "act.pdf", [["見本手数料法", "（平成元年法律第一号）",
                                "第一条 この法律は、手数料について定める。",
                                "第二条 申請者は、政令で定める額の手数料を納付しなければならない。",
                                "第三条 手数料は、返還しない。"]], title="見本手数料法")
    make_pdf(lib / "order.pdf", [["見本手数料法施行令", "（平成元年政令第一号）",
                                  "第一条 法第二条に規定する政令で定める額は、三千円とする。"]],
             title="見本手数料法施行令")
    root = tmp_path_factory.mktemp("variety-index") / "ix"
    for _ in build(root, BuildOptions(roots=[lib], embedding="none")):
        pass
    return Index(root)


def _top(index, question, k=3):
    return [(r.chunk["doc_title"], r.chunk.get("article_key") or r.chunk.get("heading_path", [""])[-1])
            for r in index.search(question, top_k=k)]


def test_a_kanji_question_finds_the_kana_spelling_and_the_switch_matters(variety_index):
    assert "癌" not in variety_index.bm25.vocab_dict  # the manual never writes it
    assert "がん" in variety_index.variants(variety_index.query_terms("癌"))
    top = variety_index.search("癌", top_k=1)[0]
    assert "がん検診" in top.chunk["text"]
    variety_index.signals.discard("variants")
    try:  # the word alone, without its kana spelling, is unknown to the library
        assert variety_index.search("癌", top_k=1) == []
    finally:
        variety_index.signals.add("variants")
    assert "ゴミ" in variety_index.search("ごみの出し方", top_k=1)[0].chunk["text"]
    # homophones in kanji are other words, not spellings
    assert variety_index.variants(["会"]) == [] or all(
        any("\u3040" <= c <= "\u30ff" for c in v) for v in variety_index.variants(["会"]))


def test_an_english_section_number_is_a_citation(variety_index):
    top = variety_index.search("What does Section 4.020 say?", top_k=1)[0]
    assert top.reason == "citation" and top.chunk["article_key"] == "4.020"
    assert "Vendor means" in top.chunk["text"]


def test_the_citation_check_reads_english_sections_of_the_english_document(variety_index):
    """User test: 「GDPR Article 17(1).」 in a draft was not found at all; a Japanese 第二条 beside
    it stays the act's, and a section the ordinance does not have is reported."""
    from reglens.cite import ARTICLE_MISSING, FOUND, CitationChecker
    text = "See Sec. 4.020(2) and Section 4.090; 見本手数料法第二条も参照。"
    cites = CitationChecker(variety_index).check(text)
    assert [(c.written, c.status) for c in cites] == [
        ("Sec. 4.020(2)", FOUND), ("Section 4.090", ARTICLE_MISSING), ("見本手数料法第二条", FOUND)]
    found = cites[0]
    assert "Vendor means" in found.text and found.page == 1 and not found.exact
    assert found.provision == "Municipal Code of Example City Section 4.020(2)"
    assert found.doc_path.endswith("ordinance.pdf") and found.note_id == "english_paragraph"
    assert cites[1].note_id == "english_missing"
    # clerk4: 「Article 6(1)(e)」 was read as 6(1), the point dropped from the provision
    point, = CitationChecker(variety_index).check("Sec. 4.020(2)(b) applies.")
    assert (point.written, point.status, point.paragraph, point.item) == ("Sec. 4.020(2)(b)", FOUND, 2, "b")
    assert point.provision == "Municipal Code of Example City Section 4.020(2)(b)"
    page, boxes = CitationChecker(variety_index).locate(found)  # the section's own characters, line by line
    assert page == found.page - 1 and boxes and len(boxes) == len(found.spans)
    assert cites[2].article_key == "2" and cites[2].law == "見本手数料法"


def test_delegation_is_stored_and_brings_the_order_article_into_the_results(variety_index):
    cat = variety_index.catalog
    act, = cat.titled("見本手数料法")
    order, = cat.titled("見本手数料法施行令")
    assert variety_index.graph.delegates_to((act, "2")) == [(order, "1")]
    results = _top(variety_index, "手数料の額はいくらですか", k=5)
    assert ("見本手数料法施行令", "1") in results


def test_a_list_goes_on_in_the_law_it_began_in_and_前項_is_the_own_article():
    lib = _Checker()
    # inside the order's 第二条: 「見本法第二条、第三条」 — both the act's, not the order's own articles
    cites = lib.checker.check("見本法第二条、第三条及び前項の規定", within=("ord", "2", 2), verify=False)
    assert [(c.law, c.article_key, c.paragraph) for c in cites] == [
        ("見本法", "2", None), ("見本法", "3", None), ("見本法施行令", "2", 1)]


def test_an_update_rereads_only_what_changed_and_ends_with_the_graph_a_full_build_makes():
    lib = _Checker()
    full = build_graph(lib.checker, lib.articles)
    # nothing changed: the previous graph is kept whole, without reading an article
    calls = []
    real = lib.checker.check
    lib.checker.check = lambda *a, **k: calls.append(k["within"][:2]) or real(*a, **k)
    kept = build_graph(lib.checker, lib.articles, previous=full, changed=set())
    assert kept.to_json() == full.to_json() and calls == []
    # the act changed: its articles and the order's articles that cite it are read again
    again = build_graph(lib.checker, lib.articles, previous=full, changed={"act"})
    assert sorted(again.edges) == sorted(full.edges) and sorted(again.definitions) == sorted(full.definitions)
    assert set(calls) == {("act", "2"), ("act", "3"), ("ord", "1"), ("ord", "2")}


def test_an_ordinance_that_declares_its_act_reads_法_as_that_act():
    from reglens.legal.graph import declared_laws
    names = LawNames(["金融商品取引法", "金融商品取引法施行令", "金融商品取引業等に関する内閣府令"])
    first = "第一条 この府令において使用する用語は、金融商品取引法（以下「法」という。）において使用する。"
    assert declared_laws(first, names) == {"法": "金融商品取引法"}
    assert declared_laws("第一条 この府令は、公布の日から施行する。", names) == {}
    with_number = "第一条 金融商品取引法（昭和二十三年法律第二十五号。以下「法」という。）第百七十二条の規定"
    assert declared_laws(with_number, names) == {"法": "金融商品取引法"}
    both = "第一条 金融商品取引法（以下「法」という。）及び金融商品取引法施行令（以下「令」という。）"
    assert declared_laws(both, names) == {"法": "金融商品取引法", "令": "金融商品取引法施行令"}
    # a law the library does not hold is named as written, never read as the order itself
    unknown = "第一条 感染症の予防に関する法律（以下「法」という。）第五十六条の規定"
    assert declared_laws(unknown, names) == {"法": "感染症の予防に関する法律"}


def test_令_in_an_ordinance_is_the_order_it_declares():
    """User test: a 規則's 「令第二十二条」 and 「法第五十六条の二十七」 were linked to its own
    (non-existent) articles; 7 of the corpus' 府令 declare 「令」 as 金融商品取引法施行令."""
    from reglens.cite import AMBIGUOUS, FOUND, LAW_NOT_INDEXED
    docs = {"act": {"title": "見本法", "path": "a.pdf"}, "ord": {"title": "見本法施行令", "path": "b.pdf"},
            "fu": {"title": "見本内閣府令", "path": "c.pdf"}, "ki": {"title": "見本運搬規則", "path": "d.pdf"}}
    lib = _Checker(docs, [
        ("act", "2", "第二条 手数料は、政令で定める。"), ("ord", "1", "第一条 手数料は千円とする。"),
        ("fu", "1", "第一条 用語は、見本法（以下「法」という。）及び見本法施行令（以下「令」という。）の例による。"),
        ("fu", "2", "第二条 令第一条の手数料は、法第二条の規定により納付する。"),
        ("ki", "1", "第一条 感染症の予防に関する法律（以下「法」という。）第五条の届出は、この規則による。"),
        ("ki", "2", "第二条 法第五条及び令第一条に規定する届出は、書面による。")])
    checker = lib.checker
    graph = build_graph(checker, lib.articles)
    assert graph.orders == {"fu": "見本法施行令"}
    assert graph.parents == {"fu": "見本法", "ki": "感染症の予防に関する法律"}
    assert sorted(graph.refers_to(("fu", "2"))) == [("act", "2"), ("ord", "1")]
    assert graph.refers_to(("ki", "2")) == []  # neither its own 第五条 nor anyone's 第一条
    inside = checker.check("法第五条及び令第一条", within=("ki", "2", None), verify=False)
    assert [(c.status, c.law) for c in inside] == [(LAW_NOT_INDEXED, "感染症の予防に関する法律"), (AMBIGUOUS, "")]
    assert [c.status for c in checker.check("令第一条", within=("fu", "2", None))] == [FOUND]
    loaded = Graph(graph.edges, graph.definitions, graph.parents, graph.orders)
    assert loaded.to_json() == graph.to_json() and graph.to_json()["orders"] == [["fu", "見本法施行令"]]


def test_paragraphs_and_items_follow_the_article_notation():
    """User test: 「第４２条第八項」 mixed two notations in one citation."""
    from reglens.legal.format import passage_citation, provision_text
    assert passage_citation({"doc_title": "規則", "article_label": "第４２条", "paragraph": 8}) == "規則 第４２条第８項"
    assert passage_citation({"doc_title": "法", "article_label": "第四十二条", "paragraph": 8}) == "法 第四十二条第八項"
    assert provision_text("法", "第3条", 2, "3-2") == "法第3条第2項第3号の2"
    assert provision_text("法", "第三条", 1, "2") == "法第三条第一項第二号"
    # a version of a template article is cited with its mark, from the heading it stands under
    assert passage_citation({"doc_title": "規則", "article_label": "第１９条", "paragraph": None,
                             "heading_path": ["第４章", "［例３］ １年単位の規程例"]}) == "規則 〔例３〕第１９条"


def test_the_order_article_filling_in_a_cited_delegation_ranks_as_if_its_law_were_named(variety_index):
    """「見本手数料法第二条の政令で定める額」: the question names the act, whose passages gain LAW_BOOST, while
    the answer is the order's article that fills in the cited article's delegation: it gains as much."""
    from reglens import search
    index = variety_index
    order = [i for i in index.catalog.passages("見本手数料法施行令", "1")][0]

    def added(question: str) -> float:
        return index.candidates(question, traced=True).parts["delegation"].get(order, 0.0)
    asked = "見本手数料法第二条の政令で定める額はいくらですか"
    assert added(asked) == pytest.approx(search.DELEGATION_BOOST + search.LAW_BOOST)
    # citing the article without asking what an order decides: the delegation alone
    assert added("見本手数料法第二条の手数料は誰が納めますか") == pytest.approx(search.DELEGATION_BOOST)
    index.signals.discard("cited delegation")
    try:
        assert added(asked) == pytest.approx(search.DELEGATION_BOOST)
    finally:
        index.signals.add("cited delegation")
