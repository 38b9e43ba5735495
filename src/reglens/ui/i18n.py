"""UI language: Japanese on a Japanese locale by default, English otherwise.

Three translators: RegLens's own strings (reglens_ja.qm), Qt's (qtbase_ja.qm: file
dialogs, OK/Cancel, context menus) and a supplement for the Qt 6 strings Qt's Japanese
file lacks (qtbase_supplement_ja.qm: the file dialog's "Look in:" and "Files of type:").
Qt's copy ships in resources/i18n because the frozen build drops PySide6's translations
folder; PySide6's own is the fallback.
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
    translator.qt = []  # Qt's translators, removed together with ours (tests switch languages)
    qt = QTranslator(app)
    if qt.load(str(resource_dir() / "i18n" / "qtbase_ja.qm")) or \
            qt.load("qtbase_ja", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        translator.qt.append(qt)
    supplement = QTranslator(app)
    if supplement.load(str(resource_dir() / "i18n" / "qtbase_supplement_ja.qm")):
        app.installTranslator(supplement)  # installed last: asked first
        translator.qt.append(supplement)
    return translator


def remove_translator(app: QApplication, translator: QTranslator) -> None:
    app.removeTranslator(translator)
    for qt in getattr(translator, "qt", []):
        app.removeTranslator(qt)
