"""Make sure Japanese text is drawable even where the system has no CJK font.

PyMuPDF ships a CJK font (Droid Sans Fallback); when Qt finds no font with
Japanese glyphs (minimal Linux images, CI, frozen apps on stripped systems),
that font is registered with Qt instead of showing empty boxes.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication


def ensure_japanese_font(app: QApplication) -> str | None:
    """Register a fallback CJK font if needed; return its family name when used."""
    if QFontDatabase.families(QFontDatabase.WritingSystem.Japanese):
        return None
    import pymupdf
    font_id = QFontDatabase.addApplicationFontFromData(pymupdf.Font("japan").buffer)
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        return None
    base = app.font()
    QFont.insertSubstitution(base.family(), families[0])
    font = QFont(families[0], base.pointSize())
    app.setFont(font)
    return families[0]
