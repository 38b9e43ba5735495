"""Write small PDFs with PyMuPDF's built-in Japanese font, for structure tests."""

from __future__ import annotations

from pathlib import Path

import pymupdf


def make_pdf(path: Path, pages: list[list[str]], title: str = "", font_size: float = 10.5) -> Path:
    doc = pymupdf.open()
    for lines in pages:
        page = doc.new_page(width=595, height=842)
        y = 72.0
        for line in lines:
            page.insert_text((56, y), line, fontname="japan", fontsize=font_size)
            y += font_size * 1.6
    if title:
        doc.set_metadata({"title": title})
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    doc.close()
    return path


def make_law(path: Path, title: str, articles: list[tuple[str, str]]) -> Path:
    """A one-page statute: its title, its law number, then 第N条 per (number, text) pair."""
    return make_pdf(path, [[title, "（令和五年法律第一号）"] + [f"第{n}条　{text}" for n, text in articles]])
