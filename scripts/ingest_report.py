"""Report what ingestion did with every PDF in a folder (not a test).

For each file: status, pages, characters extracted, articles found, passages,
pages read by OCR, time, and the reason when it is not simply ok.

    .venv/bin/python scripts/ingest_report.py ../shared/realpdfs [--json] [--no-ocr]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from reglens.indexer import find_pdfs
from reglens.ingest import OK, extract, tessdata_dir
from reglens.structure import chunk_document


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path)
    ap.add_argument("--json", action="store_true", help="one JSON object per file")
    ap.add_argument("--no-ocr", action="store_true")
    args = ap.parse_args()
    if not args.folder.exists():
        print(f"no such folder: {args.folder}", file=sys.stderr)
        return 2
    rows = []
    for _, rel in find_pdfs([args.folder]):
        path = args.folder / rel if args.folder.is_dir() else args.folder
        t = time.perf_counter()
        doc = extract(path, ocr=not args.no_ocr)
        chunks = chunk_document(doc, rel) if doc.status == OK else []
        rows.append({
            "file": rel, "status": doc.status, "pages": doc.page_count, "chars": doc.chars,
            "articles": len({c.article_key for c in chunks if c.kind == "article"}),
            "passages": len(chunks), "ocr_pages": sum(1 for p in doc.pages if p.ocr),
            "seconds": round(time.perf_counter() - t, 2), "title": doc.title, "reason": doc.reason,
        })
    if args.json:
        for r in rows:
            print(json.dumps(r, ensure_ascii=False))
        return 0
    print(f"Tesseract: {tessdata_dir() or 'not installed (scanned pages get status needs_ocr)'}")
    print(f"{'status':10} {'pages':>5} {'chars':>8} {'articles':>8} {'passages':>8} {'ocr':>4} {'sec':>6}  "
          "file / title")
    for r in rows:
        print(f"{r['status']:10} {r['pages']:5} {r['chars']:8} {r['articles']:8} {r['passages']:8} "
              f"{r['ocr_pages']:4} {r['seconds']:6.2f}  {r['file']} — {r['title'][:40]}")
        if r["reason"]:
            print(f"{'':52}{r['reason']}")
    ok = sum(1 for r in rows if r["status"] == OK)
    print(f"{ok}/{len(rows)} ok, {sum(r['seconds'] for r in rows):.1f} s in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
