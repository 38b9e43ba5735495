"""Ranking signals added for issue 18 (README "Retrieval with the legal core"), on a small
library built through the real pipeline: each test switches its signal off to show it matters."""

from __future__ import annotations

import json

import numpy as np
import pytest

ITEMS = [f"{n} 露店の営業者が市場の区画において商品を陳列し販売する場合に守るべき衛生管理上の事項の第{n}"
         for n in "一二三四五六七八九十"] * 3


@pytest.fixture(scope="module")
def stall_index(tmp_path_factory):
    from reglens.indexer import BuildOptions, build
    from reglens.search import Index
    from tests.pdfmaker import make_pdf
    lib = tmp_path_factory.mktemp("stalls")
    lines = ["見本露店営業法", "（令和元年法律第一号）",
             "第一条 この法律は、露店の営業の届出、営業の期間及び営業の区画について必要な事項を定めるものとする。",
             "第二条 この法律において、次に掲げる用語の意義は、当該各号に定めるところによる。",
             *ITEMS,
             "２ この法律において「露店秘密情報」とは、営業者が秘密として管理する仕入先の名簿をいう。",
             "第三条 露店の営業の届出は、市長にしなければならない。",
             "第四条 露店の営業の期間は、一年とする。",
             "第五条 市長は、区画の割当てを定める。"]
    make_pdf(lib / "act.pdf", [lines[:20], lines[20:]], title="見本露店営業法")
    root = tmp_path_factory.mktemp("stall-index") / "ix"
    for _ in build(root, BuildOptions(roots=[lib], embedding="none")):
        pass
    return Index(root)


def _keys(index, question, k=5):
    return [r.chunk.get("article_key") for r in index.search(question, top_k=k)]


def _without(index, signal, question, k=5):
    index.signals.discard(signal)
    try:
        return index.search(question, top_k=k)
    finally:
        index.signals.add(signal)


def test_the_purpose_article_yields_to_the_rule_unless_the_purpose_is_asked(stall_index):
    question = "露店の営業の届出はどこにしますか"
    assert stall_index.search(question, top_k=1)[0].chunk["article_key"] == "3"
    plain = [r.chunk.get("article_key") for r in _without(stall_index, "overview", question)]
    with_signal = _keys(stall_index, question)
    assert with_signal.index("1") > plain.index("1")  # the scope article counts half
    # asking for the purpose keeps it at full weight
    assert _keys(stall_index, "この法律の目的は何ですか", k=1) == ["1"]


def test_of_several_cited_articles_the_one_the_question_is_about_comes_first(stall_index):
    question = "見本露店営業法第三条に規定する届出をした者について、同法第四条で定める営業の期間は何年ですか"
    assert [r.reason for r in stall_index.search(question, top_k=2)] == ["citation", "citation"]
    assert _keys(stall_index, question, k=2) == ["4", "3"]
    assert [r.chunk["article_key"] for r in _without(stall_index, "cited order", question, k=2)] == ["3", "4"]


def test_a_definition_in_a_split_article_is_shown_by_the_part_that_holds_it(stall_index):
    rows = stall_index.catalog.passages("見本露店営業法", "2")
    assert len(rows) >= 2  # the article is long enough to be split at its paragraphs
    top = stall_index.search("露店秘密情報とは", top_k=1)[0]
    assert top.chunk["article_key"] == "2" and "「露店秘密情報」とは" in top.chunk["text"]
    plain = _without(stall_index, "part", "露店秘密情報とは", k=1)[0]
    assert "「露店秘密情報」とは" not in plain.chunk["text"]


def test_coverage_is_the_share_of_the_question_one_passage_holds(stall_index):
    """The measured-but-not-adopted paraphrase gate (search.OPTIONAL_SIGNALS): words that occur in
    the library but never together leave the question to the dense ranking."""
    terms = stall_index.query_terms("露店の営業の届出")
    rule = stall_index.catalog.passages("見本露店営業法", "3")
    other = stall_index.catalog.passages("見本露店営業法", "5")
    assert stall_index.coverage(terms, rule) == pytest.approx(1.0)
    assert stall_index.coverage(terms, other) < 0.5
    assert "coverage" not in stall_index.signals  # off unless an ablation switches it on
    assert stall_index.dense_weight(terms, other) == 0.0  # every word known: no dense without the gate



def test_coordination_lifts_the_passage_holding_distinctly_more_of_the_question(stall_index):
    """The coordination signal: a passage that holds clearly more
    of the question's words than the first gains COORD_BOOST; a near tie leaves the order alone."""
    from reglens import search
    terms = stall_index.query_terms("露店の営業の届出")
    rule = stall_index.catalog.passages("見本露店営業法", "3")[0]
    other = stall_index.catalog.passages("見本露店営業法", "5")[0]
    shares = stall_index.held_shares(terms, [rule, other])
    assert shares[0] == pytest.approx(1.0) and shares[1] < 0.5
    fused = {other: 0.05, rule: 0.045}
    stall_index._boost_coordination(fused, terms)
    assert fused[rule] == pytest.approx(0.045 + search.COORD_BOOST) and fused[other] == 0.05
    assert max(fused, key=fused.get) == rule
    level = {rule: 0.05, other: 0.045}  # the first already holds the most: nothing moves
    stall_index._boost_coordination(level, terms)
    assert level == {rule: 0.05, other: 0.045}
    assert "coordination" in stall_index.signals

@pytest.fixture(scope="module")
def two_laws(tmp_path_factory):
    """Two laws with the same rule word for word; only the second's title names the stalls (屋台)."""
    from reglens.indexer import BuildOptions, build
    from reglens.search import Index
    from tests.pdfmaker import make_law
    lib = tmp_path_factory.mktemp("two-laws")
    rule = "営業者は、毎年、区画の届出を市長にしなければならない。"
    make_law(lib / "a_market.pdf", "見本市場営業法",
             [("一", rule)] + [(n, f"営業者は、区画の届出に係る第{n}の事項を守らなければならない。")
                              for n in ("二", "三", "四", "五", "六")])
    make_law(lib / "b_stalls.pdf", "見本屋台衛生規則", [("一", rule), ("二", "衛生責任者は、手洗い設備を点検する。")])
    root = tmp_path_factory.mktemp("two-laws-index") / "ix"
    for _ in build(root, BuildOptions(roots=[lib], embedding="none")):
        pass
    return Index(root)


def _titles(results):
    return [(r.doc.get("title") or r.chunk["doc_title"], r.chunk.get("article_key")) for r in results]


def test_a_document_whose_title_holds_the_question_words_comes_first(two_laws):
    question = "屋台の区画の届出はどこにしますか"
    top = two_laws.search(question, top_k=1)[0]
    assert (top.chunk["doc_title"], top.chunk["article_key"]) == ("見本屋台衛生規則", "1")
    plain = _without(two_laws, "title", question, k=1)[0]
    assert plain.chunk["doc_title"] == "見本市場営業法"  # the same words, the first document of the library
    # a question whose words no title holds is ranked as before
    assert _titles(two_laws.search("区画の届出", top_k=3)) == _titles(_without(two_laws, "title", "区画の届出", k=3))


def test_the_meaning_based_best_from_another_document_is_shown_fifth(two_laws, monkeypatch):
    question = "露店の区画の届出に係る事項"  # 露店 is no word of this library: the question is embedded
    hygiene = two_laws.catalog.passages("見本屋台衛生規則", "2")[0]
    # a meaning-based ranking whose best passage is the other law's article on hygiene
    monkeypatch.setattr(two_laws, "_dense_ranks", lambda text, k: {hygiene: 0})
    words = _without(two_laws, "dense slot", question, k=6)
    assert {r.chunk["doc_title"] for r in words[:5]} == {"見本市場営業法"}
    got = two_laws.search(question, top_k=6)
    assert [r.rank for r in got] == [1, 2, 3, 4, 5, 6]
    assert (got[4].chunk["doc_title"], got[4].chunk["article_key"], got[4].reason) == ("見本屋台衛生規則", "2", "dense")
    assert [r.chunk["id"] for r in got[:4]] == [r.chunk["id"] for r in words[:4]]
    assert got[5].chunk["id"] == words[4].chunk["id"]  # the 5th word match moves down one place
    # its document already among the first five: nothing moves
    monkeypatch.setattr(two_laws, "_dense_ranks", lambda text, k: {words[2].chunk["id"]: 0})
    assert [r.chunk["id"] for r in two_laws.search(question, top_k=6)] == \
        [r.chunk["id"] for r in _without(two_laws, "dense slot", question, k=6)]
    # a question whose words the library all knows is not embedded: no slot
    monkeypatch.setattr(two_laws, "_dense_ranks", lambda text, k: {hygiene: 0})
    assert "見本屋台衛生規則" not in {r.chunk["doc_title"] for r in two_laws.search("区画の届出に係る事項", top_k=5)}


@pytest.fixture(scope="module")
def applying_law(tmp_path_factory):
    """A rule for stall keepers, an article applying it to cart vendors (準用), and one that only
    mentions an application made elsewhere (「…において準用する場合を含む」)."""
    from reglens.indexer import BuildOptions, build
    from reglens.search import Index
    from tests.pdfmaker import make_law
    lib = tmp_path_factory.mktemp("applying")
    make_law(lib / "act.pdf", "見本露店営業法", [
        ("一", "露店の営業者は、衛生責任者を置き、その氏名を市長に届け出なければならない。"),
        ("二", "屋台の営業者については、第一条の規定を準用する。"
               "この場合において、「市長」とあるのは「区長」と読み替えるものとする。"),
        ("三", "第一条（第二条において準用する場合を含む。）の規定による届出は、書面でしなければならない。"),
        ("四", "市長は、屋台の営業者に営業の区画を割り当てる。")])
    root = tmp_path_factory.mktemp("applying-index") / "ix"
    for _ in build(root, BuildOptions(roots=[lib], embedding="none")):
        pass
    return Index(root)


def test_an_applying_article_is_read_with_the_article_it_applies(applying_law):
    """The applying signal (measured, not adopted: switched on here): 第二条 applies 第一条 to
    屋台の営業者; a question about a cart vendor's 衛生責任者 is held whole by the two together and by
    neither alone, so 第二条 comes first."""
    from reglens import search
    ix = applying_law
    rule, applying, mention = (ix.catalog.passages("見本露店営業法", k)[0] for k in ("1", "2", "3"))
    assert ix._applies(applying, rule)
    assert not ix._applies(mention, rule)  # 「第二条において準用する場合を含む」 applies nothing itself
    assert not ix._applies(rule, applying)
    question = "屋台の営業者の衛生責任者"
    assert "applying" not in ix.signals
    assert _keys(ix, question, k=1) != ["2"]
    ix.signals.add("applying")
    try:
        assert _keys(ix, question, k=1) == ["2"]
    finally:
        ix.signals.discard("applying")
    terms = ix.query_terms(question)
    fused = {rule: 0.05, applying: 0.04, mention: 0.03}
    ix._boost_applying(fused, np.ones(len(ix.chunks), dtype=bool), terms)
    assert fused == {rule: 0.05, applying: pytest.approx(0.04 + search.APPLY_BOOST), mention: 0.03}
    # a question the rule alone holds whole: nothing moves
    plain = {rule: 0.05, applying: 0.04}
    ix._boost_applying(plain, np.ones(len(ix.chunks), dtype=bool), ix.query_terms("露店の営業者の衛生責任者"))
    assert plain == {rule: 0.05, applying: 0.04}


def test_the_definition_of_the_term_whose_meaning_is_asked_comes_first(stall_index):
    """The meaning signal: 「…とはどういう意味ですか」 asks for a definition, so the part of 第二条 that
    defines the term gains MEANING_BOOST however little of the question's weight the term carries."""
    from reglens import search
    defining = stall_index._defining_part(stall_index.graph.defined_in("露店秘密情報")[0][0], "2", "露店秘密情報")
    other = stall_index.catalog.passages("見本露店営業法", "3")[0]
    everywhere = np.ones(len(stall_index.chunks), dtype=bool)
    for asked in ("露店の営業で「露店秘密情報」とはどういう意味ですか", "露店秘密情報って何", "「露店秘密情報」の意味"):
        fused = {other: 0.05}
        stall_index._boost_meaning(fused, everywhere, asked, {"見本露店営業法"})
        assert fused == {other: 0.05, defining: pytest.approx(search.MEANING_BOOST)}, asked
    # a question that asks something else about the term: nothing moves
    fused = {other: 0.05}
    stall_index._boost_meaning(fused, everywhere, "露店秘密情報を漏らした場合の罰則", {"見本露店営業法"})
    assert fused == {other: 0.05}
    # nor a term of a law neither named nor among the results
    fused = {}
    stall_index._boost_meaning(fused, everywhere, "露店秘密情報とは何", set())
    assert fused == {}
    question = "露店の営業の届出を市長にするとき、露店秘密情報とはどういう意味ですか"
    assert stall_index.search(question, top_k=1)[0].chunk["id"] == defining
    assert _without(stall_index, "meaning", question, k=1)[0].chunk["id"] != defining


def test_traced_candidates_say_what_each_signal_added(stall_index):
    """``Index.candidates(traced=True)`` (benchmarks/learned_fusion.py's features): the steps' parts add
    up to every candidate's fused score, and assembling the candidates is the search itself."""
    question = "露店の営業の届出はどこにしますか"
    found = stall_index.candidates(question, traced=True)
    assert found.parts is not None and found.parts["lexical"]  # the BM25 ranking's reciprocal ranks
    assert found.parts["overview"][stall_index.catalog.passages("見本露店営業法", "1")[0]] < 0  # halved
    for i, score in found.fused.items():
        assert sum(p.get(i, 0.0) for p in found.parts.values()) == pytest.approx(score)
    plain = stall_index.candidates(question)
    assert plain.parts is None and plain.fused == found.fused
    assert [r.chunk["id"] for r in stall_index.assemble(plain, 5)] == \
        [r.chunk["id"] for r in stall_index.search(question, top_k=5)]
    # other scores rank the same candidates (a learned fusion): here the reverse order
    backwards = {i: -s for i, s in found.fused.items()}
    shown = stall_index.assemble(found, 5, backwards)
    assert shown[0].chunk["id"] != stall_index.search(question, top_k=1)[0].chunk["id"]


def test_a_split_article_found_by_meaning_shows_the_part_its_words_choose(stall_index):
    """``part words``: the window ranking put one part of 第二条 first (a near tie of its best windows),
    but the words hold another part: the article is shown by the part with the most evidence from
    words and the graph; with the signal off, by the part the fusion ranked."""
    from reglens.search import Candidates
    first, second = stall_index.catalog.passages("見本露店営業法", "2")[:2]
    bm = np.zeros(len(stall_index.chunks))
    bm[[first, second]] = (1.0, 3.0)
    fused = {first: 0.02 + 0.05, second: 0.04}  # the first part: weaker words, the window ranking's best
    found = Candidates(fused, bm, {}, [], set(), [], 0.0, 1.0, {first: 0.05})
    assert stall_index.assemble(found, 1)[0].chunk["id"] == second
    stall_index.signals.discard("part words")
    try:
        assert stall_index.assemble(found, 1)[0].chunk["id"] == first
    finally:
        stall_index.signals.add("part words")
    # where the words agree with the fusion (or nothing came by meaning), the ranked part is shown
    found = Candidates({first: 0.05, second: 0.04}, bm, {}, [], set(), [], 0.0, 0.0, {})
    assert stall_index.assemble(found, 1)[0].chunk["id"] == first


def _learned_fusion():
    """benchmarks/learned_fusion.py (the app never uses it)."""
    import importlib.util
    from pathlib import Path
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "learned_fusion.py"
    import sys
    spec = importlib.util.spec_from_file_location("learned_fusion", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being made
    spec.loader.exec_module(module)
    return module


def test_the_learned_fusion_finds_the_feature_that_marks_gold_and_its_cache_keeps_the_candidates(stall_index):
    """The fit moves weight to a feature that tells gold apart, and only as far as the L2 pull allows;
    a question's traced candidates survive the JSON cache as the same ranking."""
    lf = _learned_fusion()
    rng = np.random.default_rng(3)
    held = lf.FEATURES.index("held share")
    questions = []
    for _ in range(40):
        x = rng.random((20, len(lf.FEATURES))) * 0.1
        gold = np.zeros(20, dtype=bool)
        gold[rng.integers(20)] = True
        x[gold, held] = 1.0  # only the extra feature, which the hand-set sum ignores, marks gold
        questions.append(lf.Question(None, np.arange(20), x, gold, None))
    free = lf.fit(questions, 0.0, 1.0, steps=300)
    pulled = lf.fit(questions, 1e4, 1.0, steps=300)
    assert free[held] > 1.0 > abs(pulled[held])
    assert np.allclose(pulled[:len(lf.STEPS)], 1.0, atol=0.05)  # held at the hand-set weights

    found = stall_index.candidates("露店の営業の届出はどこにしますか", traced=True)
    again = lf.from_json(stall_index, json.loads(json.dumps(lf.to_json(stall_index, found))))
    assert again.fused == found.fused and again.parts == found.parts
    assert [r.chunk["id"] for r in stall_index.assemble(again, 5)] == \
        [r.chunk["id"] for r in stall_index.assemble(found, 5)]
