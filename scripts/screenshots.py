"""Render the main states of the desktop app to docs/*.png (offscreen).

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py
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
    w.grab().save(str(DOCS / "empty-library.png"))

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
        shots[0].save(str(DOCS / "library-building.png"))
    lib.grab().save(str(DOCS / "library-done.png"))
    lib.close()

    w.search_box.setText("借地権の存続期間は何年ですか")
    w.run_search()
    wait(app, lambda: not w.is_searching() and bool(w.results) and w.viewer.idle())  # threads: search, page
    for _ in range(5):
        app.processEvents()
    w.grab().save(str(DOCS / "results.png"))
    row = next(i for i, r in enumerate(w.results) if r["article_key"] == "3")
    w.result_list.setCurrentRow(row)
    wait(app, w.viewer.idle)  # the page renders in the viewer's thread
    for _ in range(5):  # the highlight is centred once the layout has settled
        app.processEvents()
    w.grab().save(str(DOCS / "pdf-highlight.png"))

    w.open_citation_check()
    dlg = w.cite_dialog
    dlg.input.setPlainText("借地借家法第三条により存続期間は三十年とされ、同条第2項の定めはない。"
                           "更新は同法第4条、異議は第6条第1項による。民法第601条も参照。")
    dlg.run_check()
    wait(app, lambda: dlg.table.rowCount() > 0)
    dlg.table.setCurrentCell(0, 0)
    wait(app, w.viewer.idle)
    app.processEvents()
    dlg.grab().save(str(DOCS / "citation-check.png"))
    dlg.close()
    w.close()
    print("screenshots written to", DOCS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
