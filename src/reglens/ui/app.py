"""Start the desktop app."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from .errors import install_excepthook, setup_logging
from .fonts import ensure_japanese_font
from .i18n import install_translator
from .main_window import MainWindow
from .settings import Settings


def main(argv: list[str] | None = None) -> int:
    app = QApplication.instance() or QApplication(argv or sys.argv)
    app.setApplicationName("RegLens")
    app.setOrganizationName("RegLens")
    settings = Settings()
    install_translator(app, settings.language)
    ensure_japanese_font(app)
    setup_logging()
    window = MainWindow(settings)
    install_excepthook(lambda: window)
    window.show()
    return app.exec()
