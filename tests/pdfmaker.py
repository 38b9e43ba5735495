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


def make_columns_pdf(path: Path, title: str, columns: list[str], font_size: float = 10.5) -> Path:
    """One page: a title across the page, then each text set as a column of its own, left to
    right, wrapping at the column's width (a newsletter's or gazette's layout)."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((56, 60), title, fontname="japan", fontsize=font_size * 1.4)
    width = (595 - 2 * 50 - 15 * (len(columns) - 1)) / len(columns)
    for i, text in enumerate(columns):
        x0 = 50 + i * (width + 15)
        page.insert_textbox(pymupdf.Rect(x0, 80, x0 + width, 800), text, fontname="japan",
                            fontsize=font_size)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    doc.close()
    return path
