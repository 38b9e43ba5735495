"""Bad input never escapes the per-file boundary: fuzzed bytes, huge files, files that change."""

from __future__ import annotations

import hashlib

import pymupdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reglens.indexer import BuildOptions, build
from reglens.ingest import EMPTY, NOT_PDF, OK, STATUSES, UNREADABLE, extract
from reglens.search import Index

from .pdfmaker import make_pdf


@pytest.fixture(scope="module")
def seed_pdf(tmp_path_factory) -> bytes:
    path = make_pdf(tmp_path_factory.mktemp("seed") / "seed.pdf",
                    [["見本法", "第一条　この法律は、見本の保存を目的とする。"], ["第二条　保存期間は、十年とする。"]])
    return path.read_bytes()


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_pdf_bytes_always_get_a_status(tmp_path_factory, seed_pdf, data):
    raw = bytearray(seed_pdf)
    for _ in range(data.draw(st.integers(0, 12))):
        op = data.draw(st.sampled_from(["flip", "cut", "insert", "truncate"]))
        pos = data.draw(st.integers(0, max(0, len(raw) - 1)))
        if op == "flip" and raw:
            raw[pos] = data.draw(st.integers(0, 255))
        elif op == "cut":
            del raw[pos:pos + data.draw(st.integers(1, 200))]
        elif op == "insert":
            raw[pos:pos] = data.draw(st.binary(min_size=1, max_size=64))
        else:
            raw = raw[:pos]
    path = tmp_path_factory.mktemp("fuzz") / "mutated.pdf"
    path.write_bytes(bytes(raw))
    ex = extract(path, ocr=False)  # must not raise, whatever the bytes
    assert ex.status in STATUSES
    assert ex.status == OK or ex.reason
    assert ex.sha256 == hashlib.sha256(bytes(raw)).hexdigest()


def test_library_where_every_file_fails_still_publishes_its_statuses(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "空.pdf").write_bytes(b"")
    (docs / "メモ.pdf").write_text("not a pdf")
    for _ in build(tmp_path / "idx", BuildOptions(roots=[docs], embedding="none")):
        pass
    index = Index(tmp_path / "idx")
    assert sorted(d["status"] for d in index.manifest["documents"]) == [EMPTY, NOT_PDF]
    assert index.search("保存期間") == []


def test_file_deleted_or_replaced_during_a_build(tmp_path):
    docs = tmp_path / "docs"
    for name, title in (("a.pdf", "甲法"), ("b.pdf", "乙法"), ("c.pdf", "丙法")):
        make_pdf(docs / name, [[title, f"第一条　{title}は、見本の保存を目的とする。"]], title=title)
    replacement = make_pdf(tmp_path / "new.pdf", [["丙法", "第一条　丙法は、差し替えた内容を定める。"]],
                           title="丙法").read_bytes()
    root = tmp_path / "idx"
    touched = False
    for p in build(root, BuildOptions(roots=[docs], embedding="none")):
        if p.stage == "ingest" and p.message == "a.pdf" and not touched:
            (docs / "b.pdf").unlink()               # gone before it is read
            (docs / "c.pdf").write_bytes(replacement)  # replaced before it is read
            touched = True
    index = Index(root)
    docs_by_path = {d["path"]: d for d in index.manifest["documents"]}
    assert docs_by_path["a.pdf"]["status"] == OK
    assert docs_by_path["b.pdf"]["status"] == UNREADABLE
    assert "disappeared" in docs_by_path["b.pdf"]["reason"]
    # what was indexed for c.pdf is the replacement, and the hash says so
    assert docs_by_path["c.pdf"]["sha256"] == hashlib.sha256(replacement).hexdigest()
    assert index.search("差し替えた内容", top_k=1)[0].chunk["doc_title"] == "丙法"


@pytest.mark.slow
def test_several_thousand_pages(tmp_path):
    """A 3,000-page PDF ingests completely; its last page is searchable and cited right."""
    docs = tmp_path / "docs"
    docs.mkdir()
    doc = pymupdf.open()
    for n in range(1, 3001):
        page = doc.new_page(width=595, height=842)
        page.insert_text((56, 300), f"第{n}条　この規程の第{n}項目は、記録番号{n:05d}の保存を定める。",
                         fontname="japan", fontsize=10.5)
        page.insert_text((56, 320), f"2　前項の記録は、{n % 7 + 1}年間保存する。", fontname="japan", fontsize=10.5)
    doc.set_metadata({"title": "大規模規程"})
    doc.save(docs / "大規模 規程.pdf")
    doc.close()
    root = tmp_path / "idx"
    for _ in build(root, BuildOptions(roots=[docs], embedding="none")):
        pass
    index = Index(root)
    d = index.manifest["documents"][0]
    assert (d["status"], d["pages"]) == (OK, 3000)
    top = index.search("記録番号02999の保存", top_k=1)[0]
    assert top.chunk["article_key"] == "2999" and top.to_json()["page"] == 2999


def test_pdf_reading_does_not_depend_on_pymupdfs_optional_addons(tmp_path):
    """PyMuPDF's layout add-on and pymupdf4llm are never imported (each PDF process paid ~1 s
    and an ONNX runtime for them), and the line boxes are the same whether they are installed
    or not: pymupdf4llm used to switch quad corrections off, process-wide, at import."""
    import subprocess
    import sys
    pdf = make_pdf(tmp_path / "a.pdf", [["見本法", "第一条　この法律は、見本の保存を目的とする。"]])
    probe = ("import sys, pathlib\n"
             "{pre}\n"
             "import reglens.ingest as ingest\n"
             "import pymupdf\n"
             "x = ingest.extract(pathlib.Path(sys.argv[1]), ocr=False)\n"
             "print([l.bbox for p in x.pages for l in p.lines])\n"
             "print(sorted(m for m in ('onnxruntime', 'pymupdf.layout', 'pymupdf4llm') if sys.modules.get(m)))\n"
             "print(pymupdf.TOOLS.unset_quad_corrections(None))\n")

    def run(pre: str) -> list[str]:
        out = subprocess.run([sys.executable, "-c", probe.format(pre=pre), str(pdf)], capture_output=True,
                             text=True, check=True, timeout=120).stdout
        return out.splitlines()

    plain = run("")
    assert plain[1] == "[]", "an optional PyMuPDF add-on was imported"
    assert plain[2] == "True"
    # as if pymupdf4llm had been imported first and switched the corrections the other way
    other = run("import pymupdf; pymupdf.TOOLS.unset_quad_corrections(False)")
    assert other[0] == plain[0]


@pytest.mark.parametrize("name", ["yaizu_smartmap_riyo_kiyaku.pdf", "cao_ai_ronten_seiri_2023.pdf",
                                  "mhlw_kokuji_r6_ika_tensuhyo.pdf"])
def test_the_head_of_a_real_pdf_is_reported_damaged(name):
    """User test: a 3,000-byte head was reported as undecodable text ("needs OCR") or as a PDF
    without pages; it is a damaged file, and the advice is to obtain an intact copy. The last
    two are linearized: their head carries an early %%EOF."""
    from pathlib import Path

    from reglens.ingest import CORRUPT, PARTIAL, extract_data

    from .conftest import shared_or_skip
    data = shared_or_skip("realpdfs", name).read_bytes()
    assert extract_data(Path(name), data, ocr=False).status == OK
    result = extract_data(Path(name), data[:3000], ocr=False)
    assert result.status == CORRUPT and "intact copy" in result.reason, result.status
    longer = extract_data(Path(name), data[:20000], ocr=False)  # what could be read is kept
    assert longer.status in (CORRUPT, PARTIAL) and "intact copy" in longer.reason, longer.status
