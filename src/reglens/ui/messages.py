"""The message catalogue (``reglens.messages``) as the app speaks it: through Qt's translator.

The catalogue lives in the core so that the command line, which has no Qt, says the same
things in the same words; importing this module makes every ``tr`` in it ask the app's
installed translator (the app's language setting), and re-exports the catalogue so the
UI imports it from here as before.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from .. import messages as _catalogue
from ..messages import *  # noqa: F403  (the catalogue's functions, as the UI has always imported them)


def tr(text: str) -> str:
    # context "": the same as the catalogue's module-level tr("…") calls, so one .ts entry serves both
    return QCoreApplication.translate("", text)


_catalogue.set_translator(tr)
