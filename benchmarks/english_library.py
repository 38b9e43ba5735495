"""The command line and library the English-question benchmarks share (english_dense.py, english_pages.py,
english_documents.py): ``--index``, ``--natural SET …``, ``-v``; the index; its English documents."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from reglens.legal.names import latin_title  # noqa: E402
from reglens.search import Index  # noqa: E402


def open_english_library(description: str) -> tuple[argparse.Namespace, Index, set[str]]:
    """Parsed arguments, the index they name, and the ids of its documents with an English (Latin) title."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--index", required=True)
    ap.add_argument("--natural", nargs="+", required=True)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    index = Index(Path(args.index))
    return args, index, {d for d, doc in index.documents.items() if latin_title(doc["title"])}
