"""Start the desktop app."""

from __future__ import annotations

import sys

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from ..resources import resource_dir
from .errors import install_excepthook, setup_logging
from .fonts import ensure_japanese_font
from .main_window import MainWindow


def main(argv: list[str] | None = None) -> int:
    app = QApplication.instance() or QApplication(argv or sys.argv)
    app.setApplicationName("RegLens")
    app.setOrganizationName("RegLens")
    translator = QTranslator(app)
    qm_dir = resource_dir() / "i18n"
    if translator.load(QLocale(), "reglens", "_", str(qm_dir)):
        app.installTranslator(translator)
    ensure_japanese_font(app)
    setup_logging()
    window = MainWindow()
    install_excepthook(lambda: window)
    window.show()
    return app.exec()
