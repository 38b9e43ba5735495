"""A build killed at any moment leaves the published index loadable and unchanged.

Real subprocesses running the real CLI are SIGKILLed while they ingest,
tokenize and embed; readers search concurrently while rebuilds publish.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time

import pytest

from reglens import storage
from reglens.indexer import BuildOptions, build
from reglens.search import Index

from .pdfmaker import make_pdf

pytestmark = pytest.mark.skipif(os.name != "posix", reason="uses SIGKILL")


@pytest.fixture
def library(tmp_path, sample_docs):
    docs = tmp_path / "docs"
    shutil.copytree(sample_docs, docs)
    for n in range(12):  # enough files that every stage takes a moment
        body = [f"第{k}条　見本{n}の第{k}の規定は、記録の保存とする。" for k in "一二三四五"]
        make_pdf(docs / f"extra{n:02}.pdf", [[f"見本規程{n}", "（令和五年法律第一号）", *body]])
    return docs


def results(index: Index, q: str = "借地権の存続期間") -> list[tuple[str, str]]:
    return [(r.chunk["doc_title"], r.chunk["article_key"]) for r in index.search(q, top_k=5)]


def start_build(docs, root) -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-m", "reglens", "index", "build", "--docs", str(docs),
                             "--index", str(root), "--embedding", "hash"],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=env)


def kill_when(proc: subprocess.Popen, marker: bytes, limit: float = 60.0) -> bool:
    """SIGKILL ``proc`` as soon as its progress output shows ``marker``; False if it ended first."""
    seen = b""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        chunk = os.read(proc.stderr.fileno(), 4096)
        if not chunk:
            break
        seen += chunk
        if marker in seen:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return True
    proc.wait()
    return False


@pytest.mark.slow
@pytest.mark.parametrize("stage", [b"ingest", b"tokenize", b"embed"])
def test_killed_build_leaves_previous_index_answering(tmp_path, library, sample_docs, stage):
    root = tmp_path / "idx"
    for _ in build(root, BuildOptions(roots=[sample_docs], embedding="hash")):
        pass
    before_version = storage.current_dir(root)
    before = results(Index(root))

    killed = kill_when(start_build(library, root), stage)
    assert killed, "the build finished before it could be killed"
    assert storage.verify(root) == []
    assert storage.current_dir(root) == before_version
    assert results(Index(root)) == before
    assert (root / storage.LOCK_OWNER).exists()  # left by the killed writer
    assert any(p.name.startswith(storage.TMP_PREFIX) for p in root.iterdir())

    # the OS released the dead writer's lock: the next writer takes it and removes its leftovers
    for _ in build(root, BuildOptions(roots=[library], embedding="hash")):
        pass
    assert not any(p.name.startswith(storage.TMP_PREFIX) for p in root.iterdir())
    assert not (root / storage.LOCK_OWNER).exists()
    assert len(Index(root).manifest["documents"]) == 15


@pytest.mark.slow
def test_readers_see_old_or_new_never_a_mix(tmp_path, library, sample_docs):
    root = tmp_path / "idx"
    for _ in build(root, BuildOptions(roots=[sample_docs], embedding="hash")):
        pass
    errors: list[BaseException] = []
    seen_sizes: set[int] = set()
    stop = threading.Event()

    def reader():
        while not stop.is_set():
            try:
                index = Index(root)
                seen_sizes.add(len(index.manifest["documents"]))
                assert results(index, "借地借家法第三条")[0] == ("借地借家法", "3")
            except BaseException as exc:  # noqa: BLE001 - collected for the assertion below
                errors.append(exc)

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for t in threads:
        t.start()
    try:
        for docs in (library, sample_docs, library):
            proc = subprocess.run([sys.executable, "-m", "reglens", "index", "build", "--docs", str(docs),
                                   "--index", str(root), "--embedding", "hash", "--quiet"],
                                  capture_output=True, text=True, timeout=300)
            assert proc.returncode == 0, proc.stderr
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert not errors, errors[:3]
    assert seen_sizes <= {3, 15} and 3 in seen_sizes


def test_second_writer_is_refused_with_a_clear_message(tmp_path, sample_docs, capsys):
    from reglens.cli import main
    root = tmp_path / "idx"
    with storage.writer_lock(root):
        code = main(["index", "build", "--docs", str(sample_docs), "--index", str(root),
                     "--embedding", "hash", "--quiet"])
    assert code == 2
    assert "another process is updating" in capsys.readouterr().err


def test_loading_writes_nothing(tmp_path, sample_docs):
    """A read-only shared index: opening and searching must not touch it."""
    root = tmp_path / "idx"
    for _ in build(root, BuildOptions(roots=[sample_docs], embedding="hash")):
        pass
    snapshot = {p: p.stat().st_mtime_ns for p in root.rglob("*")}
    index = Index(root)
    assert results(index)
    assert {p: p.stat().st_mtime_ns for p in root.rglob("*")} == snapshot


def test_moved_library_can_be_repointed(tmp_path, sample_docs, monkeypatch):
    root = tmp_path / "idx"
    lib = tmp_path / "old place"
    shutil.copytree(sample_docs, lib)
    for _ in build(root, BuildOptions(roots=[lib], embedding="hash")):
        pass
    shared = tmp_path / "shared drive" / "idx"
    shutil.copytree(root, shared)
    moved = tmp_path / "new place"
    lib.rename(moved)
    index = Index(shared, roots=[moved])
    top = index.search("借地借家法第三条", top_k=1)[0]
    assert top.doc_path == str(moved / "借地借家法.pdf") and os.path.exists(top.doc_path)
    # what a workstation does without code: REGLENS_ROOTS names the folders as it mounts them
    monkeypatch.setenv("REGLENS_ROOTS", str(moved))
    top = Index(shared).search("借地借家法第三条", top_k=1)[0]
    assert top.doc_path == str(moved / "借地借家法.pdf")
