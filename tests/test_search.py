"""Search on the bundled sample statutes, through the real PDF pipeline."""

import contextlib

import numpy as np
import pytest

from reglens.legal.names import LawNames
from reglens.query import analyse


@pytest.mark.parametrize("question,title,key", [
    ("借地借家法第三条", "借地借家法", "3"),
    ("借地借家法第3条の規定について", "借地借家法", "3"),
    ("借地借家法第十三条により建物の買取りを請求できるのは", "借地借家法", "13"),
    ("原子力基本法第２条の基本方針", "原子力基本法", "2"),
])
def test_named_article_comes_first(loaded_sample, question, title, key):
    top = loaded_sample.search(question, top_k=5)[0]
    assert (top.chunk["doc_title"], top.chunk["article_key"]) == (title, key)
    assert top.reason == "citation"


def test_topic_question_finds_the_provision(loaded_sample):
    results = loaded_sample.search("借地権の存続期間は何年ですか", top_k=5)
    keys = [(r.chunk["doc_title"], r.chunk["article_key"]) for r in results]
    assert ("借地借家法", "3") in keys


def test_results_carry_full_citations(loaded_sample, sample_docs):
    r = loaded_sample.search("借地借家法第三条", top_k=1)[0].to_json()
    assert r["doc_title"] == "借地借家法" and r["article_label"] == "第三条"
    assert r["article_key"] == "3" and r["page"] == 1 and r["law_num"] == "（平成三年法律第九十号）"
    assert r["citation"] == "借地借家法 第三条 (p.1)"
    assert r["doc_path"].endswith("借地借家法.pdf") and r["doc_path"].startswith(str(sample_docs))
    assert "三十年" in r["text"] and r["spans"] and r["spans"][0][0] == 0
    assert {"paragraph", "score", "text"} <= set(r)


def test_one_result_per_article(loaded_sample):
    results = loaded_sample.search("借地権", top_k=10)
    units = [(r.chunk["doc_id"], r.chunk["article_key"]) for r in results]
    assert len(units) == len(set(units)) == 10
    assert [r.rank for r in results] == list(range(1, 11))
    assert all(a.score >= b.score for a, b in zip(results, results[1:], strict=False))


def test_filters(loaded_sample, sample_docs):
    only = loaded_sample.search("目的", top_k=10, documents=["原子力基本法"])
    assert only and {r.chunk["doc_title"] for r in only} == {"原子力基本法"}
    assert loaded_sample.search("目的", folder=str(sample_docs / "nowhere")) == []
    assert loaded_sample.search("目的", folder=str(sample_docs))


def test_empty_and_unknown_queries(loaded_sample):
    assert loaded_sample.search("   ") == []
    assert isinstance(loaded_sample.search("zzzz qqqq"), list)


def test_reference_resolves_to_preceding_law():
    names = LawNames(["金融商品取引法", "金融商品取引法施行令"])
    a = analyse("金融商品取引法第8条により規定される、法第4条第1項の届出", names)
    assert [(r.title, r.key) for r in a.articles] == [("金融商品取引法", "8"), ("金融商品取引法", "4")]
    b = analyse("金融商品取引法施行令第2条の12に定める", names)
    assert [(r.title, r.key) for r in b.articles] == [("金融商品取引法施行令", "2-12")]
    assert analyse("第5条の規定", names).articles[0].title is None


@pytest.mark.parametrize("question", ["借地権の存続期間", "借地権の存続期間は何年ですか"])
def test_article_stating_the_rule_beats_articles_applying_it(loaded_sample, question):
    # 第三条 「借地権の存続期間は、三十年とする」 states the rule; 第七条 and 第十三条
    # mention 「借地権の存続期間が満了…」 more often but only apply it
    top = loaded_sample.search(question, top_k=2)
    assert (top[0].chunk["doc_title"], top[0].chunk["article_key"]) == ("借地借家法", "3")


def test_article_of_a_law_not_in_the_library_is_no_query_term(loaded_sample):
    """User test: 「労働基準法第32条第2項」 (労働基準法 known by its alias, not indexed) ranked other
    laws' 第三十二条 and the answer quoted them; the number belongs to the missing law."""
    results = loaded_sample.search("労働基準法第3条第2項", top_k=10)
    assert all(r.chunk["article_key"] != "3" for r in results), [r.chunk["article_key"] for r in results]
    # the same number of a law that is indexed is still that law's article, first
    assert loaded_sample.search("借地借家法第3条", top_k=1)[0].chunk["article_key"] == "3"
    names = LawNames(["借地借家法"], {"労基法": "労働基準法"})
    a = analyse("労基法第32条の労働時間の上限", names)
    assert a.topic(lambda title: title == "借地借家法") == "労基法 の労働時間の上限"
    assert a.topic() == a.text  # a known law's reference stays in the topic


def test_a_question_typed_in_hiragana_searches_the_words_it_spells(loaded_sample):
    """User test: 「しゃくちけんの そんぞくきかんは なんねん」 was read by Sudachi as 借地, 其の, 来る."""
    for q in ("しゃくちけんの そんぞくきかんは なんねん", "しゃくちけんのそんぞくきかんはなんねんですか"):
        assert "借地権" in loaded_sample.spelled_in_kana(q) and "存続" in loaded_sample.spelled_in_kana(q)
        top = loaded_sample.search(q, top_k=1)[0].chunk
        assert (top["doc_title"], top["article_key"]) == ("借地借家法", "3"), q
    assert loaded_sample.spelled_in_kana("借地権の存続期間は何年ですか") == []  # written as usual
    assert loaded_sample.spelled_in_kana("ありがとう") == []  # no word of the library


def test_a_clipped_katakana_word_finds_the_words_it_stands_for(tmp_path):
    """User test: 「パワハラ 禁止」 found nothing of 「パワーハラスメントの禁止」 (a clipped compound
    of two of the library's words); a katakana word the library has is searched as it is."""
    from reglens.indexer import BuildOptions, build
    from reglens.search import Index

    from .pdfmaker import make_law
    docs = tmp_path / "docs"
    make_law(docs / "a.pdf", "職場規則", [("一", "職場におけるパワーハラスメントを禁止する。"),
                                         ("二", "ハラスメントの相談窓口を置く。"),
                                         ("三", "クラウドの利用を届け出る。")])
    make_law(docs / "b.pdf", "乙規則", [("一", "禁止行為の禁止。")])
    # words only: the test hash "meaning" of window vectors would decide the second search
    for _ in build(tmp_path / "idx", BuildOptions(roots=[docs], embedding="hash", embed_windows=False)):
        pass
    index = Index(tmp_path / "idx")
    assert index.clipped(["パワハラ", "禁止"]) == ["パワーハラスメント"]
    assert index.clipped(["クラウド"]) == []  # the library's own word
    top = index.search("パワハラ 禁止", top_k=1)[0].chunk
    assert (top["doc_title"], top["article_key"]) == ("職場規則", "1")
    index.clipped = lambda tokens: []  # without it, 禁止 alone decides: the other rules' article
    assert index.search("パワハラ 禁止", top_k=1)[0].chunk["doc_title"] == "乙規則"


def test_a_compound_the_library_lacks_is_searched_by_its_parts(tmp_path):
    """「有給休暇」 is one Sudachi term (split mode C) that a library writing 「年次有給休暇」 or
    「有給の休暇」 never indexes: its parts (有給, 休暇) are searched instead, at half weight;
    a compound the library has is searched as it is."""
    from reglens.indexer import BuildOptions, build
    from reglens.search import Index

    from .pdfmaker import make_law
    docs = tmp_path / "docs"
    make_law(docs / "a.pdf", "就業規則", [("一", "労働者には有給の休暇を与える。"),
                                         ("二", "賃金は毎月支払う。")])
    make_law(docs / "b.pdf", "乙規則", [("一", "届出をしなければならない。")])
    for _ in build(tmp_path / "idx", BuildOptions(roots=[docs], embedding="hash")):
        pass
    index = Index(tmp_path / "idx")
    assert index.compound_parts(["有給休暇", "届出"]) == ["有給", "休暇"]
    assert index.compound_parts(["届出"]) == []
    scores = index._lexical(["有給休暇"])
    top = index.chunks[int(scores.argmax())]
    assert scores.max() > 0 and (top["doc_title"], top["article_key"]) == ("就業規則", "1")
    index.signals.discard("parts")  # without it the question's one term matches nothing
    assert index._lexical(["有給休暇"]).max() == 0


@pytest.mark.parametrize("question,kind", [
    ("How long does a Japanese patent remain in force?", "english"),
    ("GDPR Article 20: in what format must the data be given?", "english"),
    ("GDPRはいつから適用されていますか", "plain"),  # a Latin acronym in a Japanese question
    ("借地借家法第三条の存続期間", "statute"),  # names a law
    ("政令で定める金融機関以外の者が行う場合", "statute"),  # the statutes' register
    ("土地を借りて家を建てるとき、何年借りられますか。", "plain"),
])
def test_question_kind_is_read_from_the_question_alone(question, kind):
    from reglens.query import question_kind
    names = LawNames(["借地借家法", "特許法"])
    assert question_kind(analyse(question, names)) == kind


@pytest.mark.parametrize("text,kept", [
    ("How long does a Japanese patent remain in force?", "long Japanese patent remain force?"),
    ("What is IT used for in the US?", "IT used US?"),  # abbreviations in capitals stay
    ("GDPRの第5条 and the data", "GDPRの第5条 data"),
])
def test_english_function_words_are_no_search_terms(text, kept):
    from reglens.search import without_function_words
    assert " ".join(without_function_words(text).split()) == kept


def test_an_english_questions_function_words_do_not_count(loaded_sample, monkeypatch):
    """Sudachi reads "how", "the", "what" as loanwords (ハウ, ザ, ホワット) that the library rarely uses: they
    outweighed the question's content words and made it look known. Without them the question is left
    more to meaning, which counts ENGLISH_MEANING times for an English question."""
    from reglens import search
    factor = search.ENGLISH_MEANING
    assert factor > 1
    question = "What is the duration of the land lease right?"
    with_words = set(loaded_sample.query_terms(question))
    assert {"ホワット", "ザ"} <= with_words  # what Sudachi makes of them
    found = loaded_sample.candidates(question)
    assert found.terms == ["デュレーション", "ランド", "リース", "ライト"]  # duration, land, lease, right
    monkeypatch.setattr(search, "ENGLISH_MEANING", 1.0)
    plain = loaded_sample.candidates(question).dense_weight
    assert plain > 0 and found.dense_weight == pytest.approx(factor * plain)
    loaded_sample.signals.discard("english stopwords")
    try:
        assert {"ホワット", "ザ"} <= set(loaded_sample.candidates(question).terms)
    finally:
        loaded_sample.signals.add("english stopwords")
    japanese = "借地権の存続期間は何年ですか"  # another kind: no factor
    monkeypatch.setattr(search, "ENGLISH_MEANING", 5.0)
    a = loaded_sample.candidates(japanese).dense_weight
    monkeypatch.setattr(search, "ENGLISH_MEANING", 1.0)
    assert loaded_sample.candidates(japanese).dense_weight == a


class _TitleModel:
    """A stand-in question model: every question points along one axis, and so does the title of the
    document named ``nearest`` (every other title is orthogonal to it)."""

    def __init__(self, dim: int, nearest: str):
        self.dim, self.nearest = dim, nearest

    def _axis(self, k: int) -> list[float]:
        v = [0.0] * self.dim
        v[k] = 1.0
        return v

    def get_query_embedding(self, text: str) -> list[float]:
        return self._axis(0)

    def get_text_embedding_batch(self, texts: list[str]) -> list[list[float]]:
        return [self._axis(0 if self.nearest in t else 1) for t in texts]


@pytest.mark.parametrize("nearest", ["原子力基本法", "借地借家法"])
def test_an_english_question_lifts_the_document_whose_title_it_means(sample_index, nearest):
    """An English question cannot name a Japanese document in its words ("the Atomic Energy Basic Act"); the
    document whose title is nearest it by meaning gains DOCUMENT_BOOST on each of its candidates."""
    from reglens import search
    index = search.Index(sample_index)
    index._title_vectors = None  # as an index built before stored title vectors: this model makes them
    index.embedder = _TitleModel(index.manifest["embedding"]["dim"], nearest)
    found = index.candidates("What does the law say about the duration of the lease?", traced=True)
    lifted = found.parts["document meaning"]
    assert lifted and all(v == pytest.approx(search.DOCUMENT_BOOST) for v in lifted.values())
    assert {index.catalog.title_of(index._doc_of[i]) for i in lifted} == {nearest}
    # a Japanese question names its documents in their own words: nothing is added
    assert not index.candidates("借地権の存続期間は何年ですか", traced=True).parts["document meaning"]
    index.signals.discard("document meaning")
    assert not index.candidates("What does the law say about the duration of the lease?", traced=True
                                ).parts["document meaning"]


def test_the_build_stores_each_document_s_title_vector_and_search_reads_it_without_the_model(sample_index):
    """Embedding the titles when the question comes costs ~0.2 s a title on a busy machine (minutes for a
    large library): the build stores them, sealed and checked like the passage vectors."""
    from reglens import search, storage
    from reglens.embed import HashEmbedding
    index = search.Index(sample_index, deep=True)
    got = index.title_vectors()
    assert index.embedder is None  # read from the index, no model asked for
    assert got is not None and got.docs == list(index.documents)
    assert index.manifest["embedding"]["titles"]["count"] == len(got.docs)
    assert {"dense/titles.npy", "dense/title_keys.json"} <= set(index.manifest["files"])
    model = HashEmbedding()
    for d, row in zip(got.docs, got.matrix, strict=True):
        want = np.asarray(model.get_text_embedding_batch([index.documents[d]["title"]])[0], dtype=np.float32)
        assert float(row @ want) / float(np.linalg.norm(want)) == pytest.approx(1.0, abs=1e-5)
    assert storage.verify(sample_index) == []


def test_title_vectors_of_unknown_documents_are_refused(sample_index, tmp_path):
    """Index data is untrusted: a title vector for a document the manifest does not have, or a matrix of the
    wrong shape, is damage (rebuild), not something search silently reads."""
    import json
    import shutil

    from reglens.errors import IndexDamaged
    from reglens.storage import current_dir, read_manifest
    from reglens.title_vectors import load_titles
    copy = tmp_path / "idx"
    shutil.copytree(sample_index, copy)
    version = current_dir(copy)
    manifest = read_manifest(version)
    keys_file = version / "dense" / "title_keys.json"
    listing = json.loads(keys_file.read_text(encoding="utf-8"))
    listing["docs"][0] = "not-a-document"
    keys_file.write_text(json.dumps(listing), encoding="utf-8")
    with pytest.raises(IndexDamaged):
        load_titles(version, manifest)
    listing["docs"][0] = manifest["documents"][0]["doc_id"]
    keys_file.write_text(json.dumps(listing), encoding="utf-8")
    np.save(version / "dense" / "titles.npy", np.zeros((1, 3), np.float32))
    with pytest.raises(IndexDamaged):
        load_titles(version, manifest)


def test_an_update_reuses_the_title_vectors_it_can_check(sample_docs, tmp_path, monkeypatch):
    """An update embeds no title again beyond the spot check of the reused ones; a title whose document
    changed is embedded anew."""
    from reglens import title_vectors
    from reglens.indexer import BuildOptions, build
    from reglens.textkey import text_key
    root = tmp_path / "idx"
    for _ in build(root, BuildOptions(roots=[sample_docs], embedding="hash")):
        pass
    seen: list[int] = []
    real = title_vectors.embed_titles

    def counting(documents, model, previous):
        seen.append(sum(1 for d in documents if text_key(model.model_name, d["title"]) not in previous))
        return real(documents, model, previous)

    monkeypatch.setattr(title_vectors, "embed_titles", counting)
    for _ in build(root, BuildOptions(roots=[sample_docs], embedding="hash"), incremental=True):
        pass
    assert seen == [0]


def test_an_index_without_stored_titles_goes_without_title_meaning_when_large(sample_index, monkeypatch):
    """An index built before stored title vectors has them made at first use — ~0.2 s a document on a busy
    machine: beyond TITLE_VECTORS_MAX_DOCS the signal is skipped rather than making the question wait minutes."""
    from reglens import search
    index = search.Index(sample_index)
    index._title_vectors = None
    assert index.load_embedder(warm=True)  # a small library: made while the app warms the model
    assert index._title_vectors is not None and index._title_vectors.docs == list(index.documents)
    index._title_vectors = None
    index.embedder = _TitleModel(index.manifest["embedding"]["dim"], "借地借家法")
    monkeypatch.setattr(search, "TITLE_VECTORS_MAX_DOCS", len(index.documents) - 1)
    found = index.candidates("What does the law say about the duration of the lease?", traced=True)
    assert not found.parts["document meaning"] and index._title_vectors is None


@pytest.fixture(scope="module")
def named_english(tmp_path_factory):
    """A Japanese ordinance and an English one, whose words the Japanese question shares only with the former."""
    from reglens.indexer import BuildOptions, build
    from reglens.search import Index

    from .pdfmaker import make_law, make_pdf
    lib = tmp_path_factory.mktemp("named-english")
    make_law(lib / "ja.pdf", "見本露店条例", [("一", "道路で物を売る者は、年間の許可の費用を市に納める。"),
                                            ("二", "許可の費用は、毎年四月に納める。")])
    make_pdf(lib / "en.pdf", [["Municipal Code of Example City", "Section 4.010 Purpose",
                               "This chapter governs the licensing of street vendors.",
                               "Section 4.030 Fees", "The annual license fee is fifty dollars."]],
             title="Municipal Code of Example City")
    root = tmp_path_factory.mktemp("named-english-index") / "ix"
    for _ in build(root, BuildOptions(roots=[lib], embedding="hash")):
        pass
    return Index(root)


@contextlib.contextmanager
def signal_off(index, signal):
    """One ranking signal switched off for a few searches on an index other tests share."""
    index.signals.discard(signal)
    try:
        yield
    finally:
        index.signals.add(signal)


def test_a_japanese_question_naming_an_english_document_is_ranked_by_meaning_within_it(named_english):
    """「…（GDPR）」: the question's Japanese words are the library's, so it went (nearly) unembedded, though the
    document it names holds none of them. With "named script" its meaning-based rankings count the share of
    its weight that document lacks, and rank that document's passages only."""
    index = named_english
    english = {d for d, doc in index.documents.items() if doc["title"].startswith("Municipal")}
    question = "Municipal Code of Example Cityでは、道路で物を売る者の年間の許可の費用はいくらですか"
    found = index.candidates(question)
    with signal_off(index, "named script"):
        plain = index.candidates(question)
        japanese = "見本露店条例で、道路で物を売る者の許可の費用はいつ納めますか"
        before = index.candidates(japanese)
    assert found.dense_weight > max(plain.dense_weight, 0.5)
    assert found.dense and {index._doc_of[i] for i in found.dense} == english
    assert found.meaning and {index._doc_of[i] for i in found.meaning} == english
    assert {index._doc_of[i] for i in plain.meaning} - english  # without it, the Japanese text by meaning too
    # a Japanese question naming a Japanese document: nothing changes
    after = index.candidates(japanese)
    assert (after.dense_weight, after.meaning) == (before.dense_weight, before.meaning)


@pytest.mark.parametrize("nearest,english_stays", [("見本露店条例", False), ("Municipal Code", True)])
def test_an_english_question_meaning_a_japanese_document_is_ranked_without_the_english_ones(
        named_english, nearest, english_stays):
    """An English question shares its every word with the English document only, and that document's windows
    are nearer any English text, so it took the first places even when the question meant a Japanese act
    ("… under the Act on Land and Building Leases?"). When the question's meaning is nearer a Japanese title
    than any English one by SCRIPT_MARGIN, "script by meaning" leaves the English documents out of its
    rankings; nearer an English title, or naming the English document, nothing changes."""
    from reglens import search
    index = search.Index(named_english.root)
    index._title_vectors = None  # made by this model, as for an index built before stored title vectors
    index.embedder = _TitleModel(index.manifest["embedding"]["dim"], nearest)
    english = {d for d, doc in index.documents.items() if doc["title"].startswith("Municipal")}
    question = "What is the annual license fee for street vendors?"
    found = index.candidates(question)
    with signal_off(index, "script by meaning"):
        plain = index.candidates(question)
    assert {index._doc_of[i] for i in plain.fused} & english  # its words are the English document's
    kept = {index._doc_of[i] for i in found.fused} & english
    assert bool(kept) == english_stays
    if english_stays:
        assert found.fused == plain.fused
    # a question naming the English document is about it, whatever its meaning's nearest title
    named = "Under the Municipal Code of Example City, what is the annual license fee?"
    assert {index._doc_of[i] for i in index.candidates(named).fused} & english
    # nor when the user's filter leaves English documents only: there is no other script to choose
    only = index.candidates(question, documents=["Municipal Code of Example City"])
    assert only is not None and {index._doc_of[i] for i in only.fused} == english
