"""Errors reach the user in one place: a dialog, with a copyable report for unexpected ones."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path

import platformdirs
from PySide6.QtWidgets import QMessageBox, QWidget

from .messages import tr

log = logging.getLogger("reglens")
_last_dialog: QMessageBox | None = None


def log_file() -> Path:
    path = Path(platformdirs.user_log_dir("RegLens", appauthor=False)) / "reglens.log"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def setup_logging() -> None:
    handler = logging.FileHandler(log_file(), encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)


def show_error(parent: QWidget | None, message: str, details: str = "") -> QMessageBox:
    """Plain message; technical details (if any) in the expandable, copyable part."""
    global _last_dialog
    log.error("%s\n%s", message, details)
    box = QMessageBox(QMessageBox.Icon.Warning, "RegLens", message, QMessageBox.StandardButton.Ok, parent)
    if details:
        # translated in the module's own context: parent.tr() looked it up under the caller's
        # class and the Japanese UI showed it in English (user test)
        box.setInformativeText(tr("Something unexpected happened. The report below was also written "
                                  "to {0}.").format(log_file()))
        box.setDetailedText(details)
    _last_dialog = box
    box.open()  # non-blocking: tests and the event loop keep running
    return box


def last_dialog() -> QMessageBox | None:
    return _last_dialog


def install_excepthook(parent_getter) -> None:
    """Unexpected exceptions are logged and shown, never swallowed silently."""

    def hook(exc_type, exc, tb):
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        show_error(parent_getter(), f"{exc_type.__name__}: {exc}", details)

    sys.excepthook = hook
