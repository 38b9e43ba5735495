"""Render the main states of the desktop app to docs/*.png.

In real X11 windows on a virtual screen (what `make screenshots` runs), once per language:

    QT_QPA_PLATFORM=xcb LANG=en_US.UTF-8 xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/screenshots.py
    QT_QPA_PLATFORM=xcb LANG=ja_JP.UTF-8 xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/screenshots.py

Pictures are saved with a 256-colour palette (each well under 300 KB).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from reglens.resources import resource  # noqa: E402
from reglens.ui.fonts import ensure_japanese_font  # noqa: E402
from reglens.ui.main_window import MainWindow  # noqa: E402
from reglens.ui.settings import Settings  # noqa: E402

# the UI follows the locale (LANG=ja_JP.UTF-8: Japanese); Japanese pictures go to docs/ja/
_LANG = os.environ.get("LANG", "")
DOCS = Path(__file__).resolve().parents[1] / "docs" / ("ja" if _LANG.startswith("ja") else "")


def wait(app: QApplication, cond, limit: float = 60.0) -> None:
    import time
    end = time.monotonic() + limit
    while not cond() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def save(widget_or_pixmap, name: str) -> None:
    """A small PNG: the UI has few colours, so a palette keeps it sharp at a fraction of the size."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage
    pixmap = widget_or_pixmap if hasattr(widget_or_pixmap, "toImage") else widget_or_pixmap.grab()
    image = pixmap.toImage().convertToFormat(QImage.Format.Format_Indexed8,
                                             Qt.ImageConversionFlag.ThresholdDither)
    image.save(str(DOCS / name), "PNG", 9)


def settle(app: QApplication, rounds: int = 10) -> None:
    import time
    for _ in range(rounds):
        app.processEvents()
        time.sleep(0.02)


def main() -> int:
    app = QApplication(sys.argv)
    ensure_japanese_font(app)
    from reglens.ui.i18n import install_translator
    install_translator(app, "ja" if _LANG.startswith("ja") else "en")
    DOCS.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="reglens-shots-"))
    settings = Settings(QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat))
    settings.q.setValue("library/embedding", "hash")
    settings.index_dir = tmp / "index"
    DOCS.mkdir(exist_ok=True)

    w = MainWindow(settings)
    w.resize(1280, 820)
    w.show()
    wait(app, lambda: w.sample_btn.isVisible())
    save(w, "empty-library.png")

    settings.folders = [str(resource("sample"))]
    w.open_library()
    lib = w.library
    shots = []

    def on_progress(p):
        if p.stage == "tokenize" and not shots:
            app.processEvents()
            shots.append(lib.grab())
    lib.start(incremental=False)
    lib.worker.progress.connect(on_progress)
    wait(app, lambda: not lib.is_running() and w.index is not None)
    if shots:
        save(shots[0], "library-building.png")
    save(lib, "library-done.png")
    lib.close()

    w.search_box.setText("借地権の存続期間は何年ですか")
    w.run_search()
    wait(app, lambda: not w.is_searching() and bool(w.results) and w.viewer.idle())  # threads: search, page
    for _ in range(5):
        app.processEvents()
    save(w, "results.png")
    row = next(i for i, r in enumerate(w.results) if r["article_key"] == "3")
    w.result_list.setCurrentRow(row)
    wait(app, w.viewer.idle)  # the page renders in the viewer's thread
    for _ in range(5):  # the highlight is centred once the layout has settled
        app.processEvents()
    save(w, "pdf-highlight.png")

    w.open_citation_check()
    dlg = w.cite_dialog
    dlg.input.setPlainText("借地借家法第三条により存続期間は三十年とされ、同条第2項の定めはない。"
                           "更新は同法第4条、異議は第6条第1項による。民法第601条も参照。")
    dlg.run_check()
    wait(app, lambda: dlg.table.rowCount() > 0)
    dlg.table.setCurrentCell(0, 0)
    wait(app, w.viewer.idle)
    app.processEvents()
    save(dlg, "citation-check.png")
    dlg.close()

    # the main window at 1024×700: the PDF page gets the space
    w.resize(1024, 700)
    ask(app, w, "借地権の存続期間は何年ですか")
    save(w, "main-window.png")
    # guidance: a law the library does not hold, and a question without a topic
    ask(app, w, "金融商品取引法第2条の定義")
    save(w, "guidance-missing-law.png")
    ask(app, w, "次のうち、正しいものを教えてください。")
    save(w, "guidance-no-topic.png")

    # the library with a folder never indexed and a new PDF waiting for an update
    extra = tmp / "新しいフォルダー"
    extra.mkdir()
    import shutil
    shutil.copy(resource("sample") / "借地借家法.pdf", extra / "借地借家法.pdf")
    w.open_library()
    lib = w.library
    lib.add_folder(str(extra))
    wait(app, lambda: lib._disk is not None and str(extra) in lib._disk)
    settle(app)
    save(lib, "library-states.png")
    lib.close()

    # settings at font size 14 (labels must not clip)
    from reglens.ui.settings_dialog import SettingsDialog
    settings.font_size = 14
    w.apply_font()
    settle(app)
    dialog = SettingsDialog(settings, w)
    dialog.show()
    settle(app)
    save(dialog, "settings-font14.png")
    dialog.close()
    w.close()
    print("screenshots written to", DOCS)
    return 0


def ask(app: QApplication, w: MainWindow, question: str) -> None:
    w.search_box.setText(question)
    w.run_search()
    wait(app, lambda: not w.is_searching() and "answer" not in w._unfinished)
    settle(app)


if __name__ == "__main__":
    sys.exit(main())
