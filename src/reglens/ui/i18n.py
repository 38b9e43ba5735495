"""UI language: Japanese on a Japanese locale by default, English otherwise.

Two translators: RegLens's own strings (reglens_ja.qm) and Qt's (qtbase_ja.qm: file
dialogs, OK/Cancel, context menus). Qt's copy ships in resources/i18n because the
frozen build drops PySide6's translations folder; PySide6's own is the fallback.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from ..resources import resource_dir


def install_translator(app: QApplication, language: str = "") -> QTranslator | None:
    """``language``: "ja", "en" or "" (follow the system locale). Returns RegLens's translator."""
    lang = language or QLocale.system().name()
    if not lang.startswith("ja"):
        return None
    translator = QTranslator(app)
    if not translator.load(str(resource_dir() / "i18n" / "reglens_ja.qm")):
        return None
    app.installTranslator(translator)
    qt = QTranslator(app)
    if qt.load(str(resource_dir() / "i18n" / "qtbase_ja.qm")) or \
            qt.load("qtbase_ja", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        translator.qt = qt  # removed together (tests switch languages)
    return translator


def remove_translator(app: QApplication, translator: QTranslator) -> None:
    app.removeTranslator(translator)
    qt = getattr(translator, "qt", None)
    if qt is not None:
        app.removeTranslator(qt)
