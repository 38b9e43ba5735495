"""UI language: Japanese on a Japanese locale by default, English otherwise."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from ..resources import resource_dir


def install_translator(app: QApplication, language: str = "") -> QTranslator | None:
    """``language``: "ja", "en" or "" (follow the system locale)."""
    lang = language or QLocale.system().name()
    if not lang.startswith("ja"):
        return None
    translator = QTranslator(app)
    if not translator.load(str(resource_dir() / "i18n" / "reglens_ja.qm")):
        return None
    app.installTranslator(translator)
    return translator
