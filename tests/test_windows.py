"""Sentence-aligned windows over a passage's whole text, and their resumable vector cache."""

from __future__ import annotations

import numpy as np
import pytest

from reglens.embed import HashEmbedding
from reglens.textkey import text_key
from reglens.windows import MAX_WINDOW, WINDOW_CHARS, chunk_windows, window_offsets, window_text


def test_short_sentences_are_packed_and_cover_the_text():
    text = "第一条\u3000この規則は、職員に適用する。\n2\u3000前項の職員とは、常勤の者をいう。\n" + "あ" * 170 + "。"
    offs = window_offsets(text)
    assert offs[0] == (0, text.index("\n2") + len("\n2\u3000前項の職員とは、常勤の者をいう。"))
    assert offs[1] == (text.index("あ"), len(text))  # would pass WINDOW_CHARS together: a window of its own
    assert all(b - a <= WINDOW_CHARS for a, b in offs)


def test_a_long_sentence_is_cut_and_nothing_is_lost():
    long = "い" * (2 * MAX_WINDOW + 50) + "。"
    text = "短い文。" + long + "次の文。"
    offs = window_offsets(text)
    assert offs[0] == (0, 4)
    pieces = offs[1:-1]
    assert [b - a for a, b in pieces] == [MAX_WINDOW, MAX_WINDOW, 51]
    assert "".join(text[a:b] for a, b in pieces) == long
    assert text[offs[-1][0]:offs[-1][1]] == "次の文。"


def test_windows_know_their_passage_and_embed_without_line_breaks():
    chunk = {"id": 7, "text": "研修は、\n毎年行う。費用は会社が負担する。"}
    (w,) = chunk_windows(chunk)
    assert (w.chunk, w.start, w.end) == (7, 0, len(chunk["text"]))
    assert window_text(chunk["text"], w.start, w.end) == "研修は、毎年行う。費用は会社が負担する。"


def _window_dense():
    """benchmarks/window_dense.py, where the resumable cache lives (the app never uses it)."""
    import importlib.util
    from pathlib import Path
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "window_dense.py"
    spec = importlib.util.spec_from_file_location("window_dense", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_vector_cache_resumes_and_returns_vectors_in_key_order(tmp_path):
    VectorCache = _window_dense().VectorCache
    model = HashEmbedding()
    texts = ["有給休暇の日数", "育児休業の期間", "賃金の支払日"]
    keys = [text_key(model.model_name, t) for t in texts]
    vecs = np.asarray(model.get_text_embedding_batch(texts), dtype=np.float32)
    cache = VectorCache(tmp_path / "c")
    cache.add(keys[:2], vecs[:2])
    cache.close()
    cache = VectorCache(tmp_path / "c")  # a second run sees what the first wrote
    assert keys[0] in cache and keys[2] not in cache
    cache.add(keys[2:], vecs[2:])
    assert np.array_equal(cache.matrix([keys[2], keys[0]]), vecs[[2, 0]])
    with pytest.raises(KeyError):
        cache.matrix([text_key(model.model_name, "未登録")])
    cache.close()


# -- in the index ---------------------------------------------------------------------------

def _build(root, docs, incremental=False, embed_windows=True):
    from reglens.indexer import BuildOptions, build
    events = list(build(root, BuildOptions(roots=[docs], embedding="hash", embed_windows=embed_windows),
                        incremental=incremental))
    assert events[-1].stage == "done"
    return events


@pytest.fixture
def library(tmp_path):
    from .pdfmaker import make_pdf
    docs = tmp_path / "docs"
    make_pdf(docs / "a.pdf", [["甲規程", "（令和五年法律第一号）", "第一条　この規程は、職員の勤務に適用する。",
                               "職員は、上司の命令に従う。", "第二条　職員の年次休暇は、毎年二十日とする。",
                               "ただし、採用の年は十日とする。", "休暇を取るときは、前日までに所属長に届け出る。"]])
    return docs


def test_build_stores_window_vectors_that_cover_every_passage(tmp_path, library):
    from reglens import storage
    from reglens.search import Index
    root = tmp_path / "idx"
    events = _build(root, library)
    assert any(e.stage == "embed" and "windows" in e.message for e in events)
    index = Index(root, deep=True)  # the window files are sealed in the manifest like the rest
    meta = index.manifest["embedding"]["windows"]
    assert meta["count"] == len(index.windows) > 0 and meta["window_chars"] == WINDOW_CHARS
    assert storage.verify(root) == []
    for i, c in enumerate(index.chunks):  # every passage's text is covered by its windows, in order
        spans = [(a, b) for ch, a, b in index.windows.spans.tolist() if ch == i]
        assert spans and spans[0][0] <= 1 and spans[-1][1] >= len(c["text"].rstrip()) - 1
    # a passage's best window is its own text's: the question's sentence wins in its passage
    q = np.asarray(HashEmbedding().get_query_embedding("前日までに所属長に届け出る"))
    sims = index.windows.similarities(q)
    second = [i for i, c in enumerate(index.chunks) if "所属長" in c["text"]][0]
    text = index.chunks[second]["text"]
    at = text.index("休暇を取る")
    assert index.windows.range_best(sims, second, at, at + 5) == pytest.approx(float(sims.max()))
    assert index.search("所属長への届出", top_k=1)[0].chunk["id"] == second


def test_update_reuses_the_window_vectors_and_an_index_without_them_still_works(tmp_path, library, monkeypatch):
    from reglens import windows
    from reglens.search import Index
    root = tmp_path / "idx"
    _build(root, library)
    embedded: list[int] = []
    real = windows.embed_windows

    def counting(chunks, model, previous, batch=32):
        chunks = list(chunks)
        embedded.append(sum(1 for c in chunks for _ in chunk_windows(c)) - len(previous))
        return (yield from real(chunks, model, previous, batch))

    monkeypatch.setattr(windows, "embed_windows", counting)
    _build(root, library, incremental=True)
    assert embedded == [0]  # nothing changed: every window vector reused
    _build(root, library, incremental=True, embed_windows=False)
    index = Index(root)
    assert index.windows is None and "windows" not in index.manifest["embedding"]
    assert index.search("年次休暇", top_k=1)


def test_damaged_window_spans_are_refused(tmp_path, library):
    from reglens.errors import IndexDamaged
    from reglens.storage import current_dir, read_manifest
    from reglens.windows import load_windows
    root = tmp_path / "idx"
    _build(root, library)
    version = current_dir(root)
    manifest = read_manifest(version)
    spans = np.load(version / "dense" / "window_spans.npy")
    spans[0, 0] = 10_000  # a passage the index does not have
    np.save(version / "dense" / "window_spans.npy", spans)
    with pytest.raises(IndexDamaged):
        load_windows(version, manifest, manifest["chunk_count"])


def test_search_fuses_the_window_ranking_within_the_filter_and_answers_read_it(tmp_path, library, monkeypatch):
    import reglens.summarize as summarize
    from reglens.search import RRF_K, Index
    from reglens.summarize import Summarizer
    root = tmp_path / "idx"
    _build(root, library)
    index = Index(root)
    q = index.query_vector("休暇の届出")
    n = len(index.chunks)
    fused: dict[int, float] = {}
    index._fuse_windows(fused, "休暇の届出", np.ones(n, dtype=bool), 0.0, [])
    best = index.windows.passage_best(index.windows.similarities(q), n)
    first = int(np.argmax(best))
    assert fused[first] == pytest.approx(1.0 / (RRF_K + 1))  # a ranking of its own, its best first
    allowed = np.ones(n, dtype=bool)
    allowed[first] = False
    fused = {}
    index._fuse_windows(fused, "休暇の届出", allowed, 0.0, [])
    assert first not in fused and fused  # the search's document filter holds for windows too
    monkeypatch.setattr(summarize, "W_WINDOW", 1.0)
    ans = Summarizer(index).answer("休暇はいつまでに届け出ますか")
    scored = [u for u in ans.candidates if "window" in u.feats]
    assert scored and max(u.feats["window"] for u in scored) <= 1.0 + 1e-6


def test_windows_do_not_outvote_a_question_its_words_decide(tmp_path, library, monkeypatch):
    import reglens.search as search
    from reglens.search import Index
    root = tmp_path / "idx"
    _build(root, library)
    index = Index(root)
    n, allowed = len(index.chunks), np.ones(len(index.chunks), dtype=bool)
    terms = index.query_terms("職員の年次休暇")
    held = index.held_shares(terms, range(n))
    holder, other = int(np.argmax(held)), int(np.argmin(held))
    assert held[holder] >= search.WINDOW_HELD > held[other]
    # the best passage so far holds the question's words: the windows add nothing, the question is not embedded
    monkeypatch.setattr(Index, "_query_vector", lambda self, text: pytest.fail("embedded"))
    fused = {holder: 0.05, other: 0.04}
    index._fuse_windows(fused, "職員の年次休暇", allowed, 0.0, terms)
    assert fused == {holder: 0.05, other: 0.04}
    monkeypatch.undo()
    # only passages that miss most of the words so far: the windows count in full
    fused = {other: 0.05}
    index._fuse_windows(fused, "職員の年次休暇", allowed, 0.0, terms)
    assert len(fused) > 1 and max(fused.values()) > 0.05
    monkeypatch.setattr(search, "WINDOW_DECIDED_WEIGHT", 1.0)  # the gate off: they count in full again
    fused = {holder: 0.05, other: 0.04}
    index._fuse_windows(fused, "職員の年次休暇", allowed, 0.0, terms)
    assert len(fused) > 2 or fused[holder] > 0.05


def test_cli_windows_by_default_for_a_small_library_and_an_update_keeps_the_choice(tmp_path, library, monkeypatch):
    from reglens import indexer
    from reglens.cli import main
    from reglens.storage import current_dir, read_manifest

    def build(*extra, command="build"):
        assert main(["index", command, "--docs", str(library), "--index", str(root), "--embedding", "hash",
                     "--quiet", *extra]) == 0
        return read_manifest(current_dir(root))["embedding"].get("windows")

    root = tmp_path / "idx"
    assert build()["count"] > 0  # a small library: windows by default
    assert build(command="update")["count"] > 0
    assert build("--no-embed-windows") is None  # asked not to
    assert build(command="update") is None  # an update keeps the index's choice...
    assert build("--embed-windows", command="update")["count"] > 0  # ...unless asked
    monkeypatch.setattr(indexer, "WINDOW_AUTO_CHARS", 10)  # a library larger than the budget
    assert build() is None
    assert build("--embed-windows")["count"] > 0


def test_an_update_from_the_app_keeps_window_vectors(tmp_path, library):
    """The library dialog builds with default options: an update there must not drop the windows."""
    from reglens.indexer import BuildOptions, build
    from reglens.storage import current_dir, read_manifest
    root = tmp_path / "idx"
    _build(root, library)
    events = list(build(root, BuildOptions(roots=[library], embedding="hash"), incremental=True))
    assert events[-1].stage == "done"
    assert read_manifest(current_dir(root))["embedding"]["windows"]["count"] > 0


def test_reused_window_vectors_are_checked_against_their_texts(tmp_path, library):
    """A version re-sealed with forged window vectors verifies; reused blindly, its vectors would
    no longer belong to their texts. A sample is re-embedded, as for the passage vectors."""
    import json

    from reglens import storage
    root = tmp_path / "idx"
    _build(root, library)
    version = storage.current_dir(root)
    good = np.load(version / "dense" / "windows.npy")
    np.save(version / "dense" / "windows.npy", np.roll(good, 1, axis=0), allow_pickle=False)  # each row another's
    manifest = json.loads((version / storage.MANIFEST).read_text(encoding="utf-8"))
    pointer = json.loads((root / storage.CURRENT).read_text(encoding="utf-8"))
    pointer["manifest_sha256"] = storage.seal(version, manifest)  # re-sealed: verify passes
    (root / storage.CURRENT).write_text(json.dumps(pointer), encoding="utf-8")
    assert storage.verify(root) == []
    events = _build(root, library, incremental=True)
    assert any("window vectors do not match their texts" in e.message for e in events)
    assert np.allclose(np.load(storage.current_dir(root) / "dense" / "windows.npy"), good)
    # sound vectors are reused without a word
    events = _build(root, library, incremental=True)
    assert not any("do not match" in e.message for e in events)


def test_a_unit_s_meaning_is_read_from_the_windows_search_already_scored(tmp_path, library):
    """``meaning`` (a learned ranking's feature, docs/history/answers.md round 8): 1 for the unit whose
    window is nearest the question, less for the others, and only from the vector search embedded:
    nothing is embedded for it."""
    from reglens.search import Index
    from reglens.summarize import Summarizer
    root = tmp_path / "idx"
    _build(root, library)
    index = Index(root)
    summarizer = Summarizer(index)
    passages = index.search("休暇はいつまでに届け出ますか")
    ans = summarizer.answer_from("休暇はいつまでに届け出ますか", passages)
    units = list(ans.candidates)
    for u in units:
        u.feats.pop("meaning", None)
    index._last_query = None  # search's vector forgotten: nothing to read, nothing embedded
    summarizer._window_feats("休暇はいつまでに届け出ますか", units, passages)
    assert not any("meaning" in u.feats for u in units)
    index.search("休暇はいつまでに届け出ますか")  # search embeds the question again
    if index._last_query is None:
        pytest.skip("search did not embed this question (its words decided)")
    summarizer._window_feats("休暇はいつまでに届け出ますか", units, passages)
    scored = [u.feats["meaning"] for u in units if "meaning" in u.feats]
    assert scored and max(scored) == pytest.approx(1.0) and all(0.0 <= m <= 1.0 for m in scored)
