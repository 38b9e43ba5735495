"""Scale work (issue 19): updates cost what changed and equal a full build; loading stays light;
the inverted file for large vector sets finds what exact search finds."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from reglens import storage
from reglens.dense import IVF, DenseIndex, train_ivf
from reglens.errors import IndexDamaged
from reglens.index_files import load_tokens
from reglens.indexer import BuildOptions, build
from reglens.search import Index
from reglens.tokenize import Tokenizer

from .pdfmaker import make_law as law

QUESTIONS = ["甲の保存期間は何年か", "船舶の登録", "丙法第二条の届出", "図書の保存と登録", "forest registration",
             "届出の期限", "乙の目的"]


def run(job) -> list:
    return list(job)


@pytest.fixture
def library(tmp_path) -> Path:
    docs = tmp_path / "docs"
    law(docs / "a.pdf", "甲法", [("一", "甲の目的は、図書の保存とする。"), ("二", "甲の保存期間は、十年とする。")])
    law(docs / "b.pdf", "乙法", [("一", "乙の目的は、船舶の登録とする。"), ("二", "乙の登録は、甲法第二条による。")])
    law(docs / "c.pdf", "丙法", [("一", "丙の目的は、河川の管理とする。"),
                                ("二", "届出は、乙法第一条の登録の後三十日以内とする。")])
    return docs


def rankings(root: Path) -> list[list[tuple[str, str, float]]]:
    ix = Index(root)
    return [[(r.chunk["doc_id"], r.chunk.get("article_key", ""), round(r.score, 9)) for r in ix.search(q)]
            for q in QUESTIONS]


def test_update_after_one_change_equals_a_full_build_and_tokenizes_only_that_file(tmp_path, library,
                                                                                  monkeypatch):
    updated, full = tmp_path / "updated", tmp_path / "full"
    run(build(updated, BuildOptions(roots=[library], embedding="hash")))
    law(library / "c.pdf", "丙法", [("一", "丙の目的は、湖沼の管理とする。"),
                                   ("二", "届出は、甲法第一条の後十日以内とする。"),
                                   ("三", "登録の取消しは、書面による。")])
    calls: list[str] = []
    original = Tokenizer.tokens
    monkeypatch.setattr(Tokenizer, "tokens", lambda self, text: calls.append(text) or original(self, text))
    run(build(updated, BuildOptions(roots=[library], embedding="hash"), incremental=True))
    changed = [c for c in Index(updated).chunks if c["doc_id"] == "0:c.pdf"]
    assert calls and all(any(c["text"] in t for c in changed) or not t or "丙" in t or "登録" in t
                         or "届出" in t for t in calls)
    assert len(calls) == 2 * len(changed)  # body and lead of the changed file's passages only
    monkeypatch.setattr(Tokenizer, "tokens", original)
    run(build(full, BuildOptions(roots=[library], embedding="hash")))
    assert rankings(updated) == rankings(full)
    assert any(r for r in rankings(full))
    graphs = [json.loads((storage.current_dir(x) / "graph.json").read_text(encoding="utf-8")) for x in (updated, full)]
    assert graphs[1]["edges"] and all(sorted(map(str, graphs[0][k])) == sorted(map(str, graphs[1][k]))
                                      for k in ("edges", "definitions"))
    variants = [json.loads((storage.current_dir(x) / "variants.json").read_text(encoding="utf-8"))
                for x in (updated, full)]
    assert variants[0] == variants[1]


def test_term_ids_are_stored_checked_and_a_new_law_name_retokenizes_everything(tmp_path, library, monkeypatch):
    root = tmp_path / "idx"
    run(build(root, BuildOptions(roots=[library], embedding="none")))
    version, manifest = storage.open_version(root)
    assert manifest["format_version"] == storage.FORMAT_VERSION == 3
    tokens = load_tokens(version, manifest["chunk_count"])
    body = [tokens.terms[i] for i in tokens.of("body", 0)]
    assert "甲法" in body or "§1" in body  # whole law names and article numbers are single terms
    law(library / "d.pdf", "丁法", [("一", "丁の目的は、甲法第一条の図書の保存とする。")])
    calls: list[str] = []
    original = Tokenizer.tokens
    monkeypatch.setattr(Tokenizer, "tokens", lambda self, text: calls.append(text) or original(self, text))
    run(build(root, BuildOptions(roots=[library], embedding="none"), incremental=True))
    assert len(calls) == 2 * Index(root).manifest["chunk_count"]  # 丁法 is a new term for every passage


def test_damaged_term_ids_are_not_reused(tmp_path, library):
    root = tmp_path / "idx"
    run(build(root, BuildOptions(roots=[library], embedding="none")))
    version = storage.current_dir(root)
    np.save(version / "tokens" / "body.npy", np.full(5, 10**6, dtype=np.int32), allow_pickle=False)
    manifest = json.loads((version / storage.MANIFEST).read_text(encoding="utf-8"))
    pointer = json.loads((root / storage.CURRENT).read_text(encoding="utf-8"))
    pointer["manifest_sha256"] = storage.seal(version, manifest)  # re-sealed by someone with write access
    (root / storage.CURRENT).write_text(json.dumps(pointer), encoding="utf-8")
    events = run(build(root, BuildOptions(roots=[library], embedding="none"), incremental=True))
    assert any("not reused" in e.message for e in events)
    assert Index(root).search("船舶の登録")[0].chunk["doc_id"] == "0:b.pdf"


def test_loading_imports_neither_llama_index_nor_faiss(tmp_path, library):
    root = tmp_path / "idx"
    # without window vectors: a windowed index embeds the questions its words leave open
    run(build(root, BuildOptions(roots=[library], embedding="hash", embed_windows=False)))
    code = ("import sys; from reglens.search import Index; ix = Index(sys.argv[1]); ix.search('船舶の登録'); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('llama_index', 'faiss')))")
    out = subprocess.run([sys.executable, "-c", code, str(root)], capture_output=True, text=True, check=True,
                         env={**__import__("os").environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")})
    assert out.stdout.strip() == "[]"


def _clustered(n: int, dim: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(64, dim))
    x = centres[rng.integers(0, 64, n)] + 0.6 * rng.normal(size=(n, dim))
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def test_inverted_file_finds_what_exact_search_finds():
    x = _clustered(6000, 32)
    rows = list(range(len(x)))
    exact, ivf = DenseIndex(x, rows), DenseIndex(x, rows, train_ivf(x, nlist=64), nprobe=8)
    queries = _clustered(50, 32, seed=1)
    recall = np.mean([len(set(exact.row_ranks(q, 10)) & set(ivf.row_ranks(q, 10))) / 10 for q in queries])
    assert recall >= 0.9
    assert exact.row_ranks(x[7], 1) == [7] == ivf.row_ranks(x[7], 1)


def test_inverted_file_arrays_are_checked():
    x = _clustered(500, 8)
    ivf = train_ivf(x, nlist=10)
    assert ivf.check(500, 8)
    dup = ivf.order.copy()
    dup[0] = dup[1]
    assert not IVF(ivf.centroids, dup, ivf.starts).check(500, 8)  # not a permutation
    assert not IVF(ivf.centroids, ivf.order, ivf.starts[::-1].copy()).check(500, 8)
    assert not ivf.check(501, 8) and not ivf.check(500, 9)


def test_a_large_library_stores_an_inverted_file_that_search_uses_and_checks(tmp_path, library, monkeypatch):
    import reglens.indexer
    monkeypatch.setattr(reglens.indexer, "FLAT_MAX", 2)  # "large" from three vectors on
    root = tmp_path / "idx"
    run(build(root, BuildOptions(roots=[library], embedding="hash")))
    ix = Index(root)
    assert ix.manifest["embedding"]["ivf"]["nlist"] >= 1 and ix.dense is not None and ix.dense.ivf is not None
    assert ix.dense.ranks(ix.query_vector("船舶の登録"), 3)
    version = storage.current_dir(root)
    order = np.load(version / "dense" / "ivf_order.npy")
    np.save(version / "dense" / "ivf_order.npy", np.zeros_like(order), allow_pickle=False)
    manifest = json.loads((version / storage.MANIFEST).read_text(encoding="utf-8"))
    pointer = json.loads((root / storage.CURRENT).read_text(encoding="utf-8"))
    pointer["manifest_sha256"] = storage.seal(version, manifest)
    (root / storage.CURRENT).write_text(json.dumps(pointer), encoding="utf-8")
    with pytest.raises(IndexDamaged, match="rebuild"):
        Index(root)


def test_reading_a_documents_passages_at_once_checks_each_of_them(tmp_path, library):
    root = tmp_path / "idx"
    run(build(root, BuildOptions(roots=[library], embedding="none")))
    ix = Index(root)
    assert ix.chunks.read_range(0, len(ix.chunks)) == [ix.chunks[i] for i in range(len(ix.chunks))]
    ix.chunks.close()
    import sqlite3
    con = sqlite3.connect(storage.current_dir(root) / "chunks.sqlite")
    con.execute("UPDATE chunk SET data = ? WHERE id = 1", (json.dumps({"id": 1, "doc_id": "0:a.pdf"}),))
    con.commit()
    con.close()
    store = Index(root, verify=False).chunks  # an edit of the same size or a re-seal gets this far
    with pytest.raises(IndexDamaged):
        store.read_range(0, len(store))


def _passages(root: Path) -> list[dict]:
    ix = Index(root)
    return [ix.chunks[i] for i in range(len(ix.chunks))]


def test_passages_copied_inside_sqlite_equal_a_full_build_when_ids_and_paths_move(tmp_path, library):
    """Reused passages are copied by SQLite (ids and document ids rewritten in their JSON): a first
    file that grows shifts every later id, a moved file changes its document id."""
    updated, full = tmp_path / "updated", tmp_path / "full"
    run(build(updated, BuildOptions(roots=[library], embedding="none")))
    law(library / "a.pdf", "甲法", [("一", "甲の目的は、図書の保存とする。"), ("二", "甲の保存期間は、十年とする。"),
                                   ("三", "甲の登録は、毎年とする。"), ("四", "甲の届出は、書面による。")])
    (library / "sub").mkdir()
    (library / "b.pdf").rename(library / "sub" / "b.pdf")
    run(build(updated, BuildOptions(roots=[library], embedding="none"), incremental=True))
    run(build(full, BuildOptions(roots=[library], embedding="none")))
    ours, theirs = _passages(updated), _passages(full)
    assert len(ours) == len(theirs) > 6 and ours == theirs
    assert {c["doc_id"] for c in ours} == {"0:a.pdf", "0:c.pdf", "0:sub/b.pdf"}
    assert rankings(updated) == rankings(full)
    # the same scores per term and passage (term numbering follows the order terms were met)
    columns = []
    for x in (updated, full):
        bm = Index(x).bm25
        s, ind, ptr = bm.scores["data"], bm.scores["indices"], bm.scores["indptr"]
        columns.append({t: (ind[ptr[n]:ptr[n + 1]].tolist(), s[ptr[n]:ptr[n + 1]].tolist())
                        for t, n in bm.vocab_dict.items()})
    assert columns[0] == columns[1] and len(columns[0]) > 20


@pytest.mark.parametrize("forged", [
    "UPDATE chunk SET data = json_set(data, '$.id', 7) WHERE id = 3",            # another passage's id
    "UPDATE chunk SET data = json_set(data, '$.doc_id', '0:a.pdf') WHERE id = 3",  # another document's
    "UPDATE chunk SET data = '[1, 2]' WHERE id = 3",                              # not an object
    "UPDATE chunk SET data = 'not json' WHERE id = 3",
])
def test_a_forged_passage_is_not_copied_into_an_update(tmp_path, library, forged):
    """A re-sealed edit verifies, so the copy itself checks what it copies without reading it."""
    import sqlite3
    root = tmp_path / "idx"
    run(build(root, BuildOptions(roots=[library], embedding="none")))
    assert Index(root).chunks.doc_ids[3] != "0:a.pdf"
    con = sqlite3.connect(storage.current_dir(root) / "chunks.sqlite")
    con.execute(forged)
    con.commit()
    con.close()
    version = storage.current_dir(root)
    manifest = json.loads((version / storage.MANIFEST).read_text(encoding="utf-8"))
    manifest.pop("files")
    pointer = json.loads((root / storage.CURRENT).read_text(encoding="utf-8"))
    pointer["manifest_sha256"] = storage.seal(version, manifest)
    (root / storage.CURRENT).write_text(json.dumps(pointer), encoding="utf-8")
    law(library / "a.pdf", "甲法", [("一", "甲の目的は、図書の保存とする。")])
    with pytest.raises(IndexDamaged, match="not what its manifest says"):
        run(build(root, BuildOptions(roots=[library], embedding="none"), incremental=True))
