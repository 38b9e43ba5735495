"""The desktop app driven through its real widgets (pytest-qt, offscreen)."""

from __future__ import annotations

import csv
import io
import os
import shutil
import time
from pathlib import Path

import pytest

pytest.importorskip("PySide6")
from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402

from reglens import storage  # noqa: E402
from reglens.indexer import BuildOptions, build  # noqa: E402


@pytest.fixture
def settings(tmp_path, qapp, monkeypatch):
    from reglens.ui.fonts import ensure_japanese_font
    from reglens.ui.settings import Settings
    ensure_japanese_font(qapp)
    # conftest points REGLENS_INDEX at an empty folder (isolation); REGLENS_INDEX wins over the
    # stored setting in the app, so GUI tests that set settings.index_dir run without it and
    # the override's own tests set it back
    monkeypatch.delenv("REGLENS_INDEX")
    q = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    s = Settings(q)
    s.q.setValue("library/embedding", "hash")  # fast deterministic model for GUI tests
    return s


@pytest.fixture
def window(qtbot, settings, sample_index, tmp_path):
    from reglens.ui.main_window import MainWindow
    index_copy = tmp_path / "index"
    shutil.copytree(sample_index, index_copy)
    settings.index_dir = index_copy
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()  # keyboard focus needs an active window on a real X server (Xvfb)
    qtbot.waitUntil(lambda: w.index is not None and w.isActiveWindow(), timeout=10_000)
    yield w
    w.close()
    from PySide6.QtCore import QThread
    running = [t for t in w.findChildren(QThread) if t.isRunning()]
    assert not running, f"threads left running: {running}"


def search(qtbot, w, text):
    """Type a question, press Enter and wait for its results (the search runs in a thread)."""
    with qtbot.waitSignal(w.search_finished, timeout=20_000,
                          check_params_cb=lambda question: question == text):
        ask(qtbot, w, text)


def page_shown(qtbot, viewer):
    """The viewer renders in its own thread: wait until the page asked for is on screen."""
    qtbot.waitUntil(viewer.idle, timeout=10_000)


def check_citations(qtbot, w, draft, rows):
    """Open the citation check (Ctrl+K's action), check ``draft`` and wait for its ``rows`` rows
    (the check runs in a thread)."""
    w.check_citations_action.trigger()
    dialog = w.cite_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.input.setPlainText(draft)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == rows, timeout=5000)
    return dialog


def ask(qtbot, w, text):
    w.search_box.setFocus()
    w.search_box.setText(text)  # QTest cannot type non-ASCII keys; Enter is a real key press
    qtbot.keyClick(w.search_box, Qt.Key.Key_Return)


def test_search_shows_cited_results_and_highlighted_page(qtbot, window):
    search(qtbot, window, "借地権の存続期間は何年ですか")
    assert window.result_list.count() >= 5
    texts = [window.result_list.item(i).text() for i in range(window.result_list.count())]
    assert any(t.startswith("借地借家法 第三条") and "p.1" in t for t in texts)
    # the answer pane cites passage [n] for each sentence
    assert "三十年とする" in window.answer.toPlainText() and "[1]" in window.answer.toPlainText()
    row = next(i for i, t in enumerate(texts) if t.startswith("借地借家法 第三条"))
    window.result_list.setCurrentRow(row)
    page_shown(qtbot, window.viewer)
    assert window.viewer.page == 0
    assert window.viewer.highlights, "the cited lines are highlighted"
    assert window.viewer.canvas.pixmap() is not None and not window.viewer.canvas.pixmap().isNull()
    assert "page 1 / 11" in window.viewer.page_label.text()


def test_copy_citation_and_passage(qtbot, window):
    search(qtbot, window, "借地借家法第三条")
    assert window.result_list.currentRow() == 0
    window.copy_citation_action.trigger()
    assert QGuiApplication.clipboard().text() == "借地借家法（平成三年法律第九十号）第三条"
    window.copy_passage_action.trigger()
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("第三条") and "借地借家法（平成三年法律第九十号）第三条、p.1" in copied


def test_keyboard_navigation_and_history(qtbot, window, settings):
    search(qtbot, window, "借地権")
    assert window.result_list.hasFocus()
    qtbot.keyClick(window.result_list, Qt.Key.Key_Down)
    assert window.result_list.currentRow() == 1
    page_shown(qtbot, window.viewer)
    assert window.viewer.path is not None
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.search_box.hasFocus()
    assert settings.history[0] == "借地権"


def test_export_markdown_csv_and_clipboard_stand_on_their_own(qtbot, window, tmp_path, monkeypatch):
    from reglens.ui import main_window
    actions = (window.export_md_action, window.export_csv_action, window.copy_results_action)
    assert not any(a.isEnabled() for a in actions), "nothing to export before a search"
    question = "借地借家法第三条の存続期間"
    search(qtbot, window, question)
    assert all(a.isEnabled() for a in actions)
    version = window.index.version.name
    answer = window._answer_text
    assert "[1]" in answer and answer.replace("\n", "") in window.answer.toPlainText().replace("\n", "")
    # one sentence a line, as the pane shows them (user test: an export ran them together)
    assert answer.count("\n") >= len(window._answer_sentences) - 1
    # the user types a name without the extension: it is added
    md = window.export_markdown(str(tmp_path / "r"))
    assert md == str(tmp_path / "r.md")
    text = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert text.startswith(f"# {question}\n")
    assert f"Index version: {version}" in text and "Date: 20" in text
    assert all(line in text.splitlines() for line in answer.splitlines())
    assert "**[1] 借地借家法（平成三年法律第九十号）第三条** (p.1)" in text
    assert window.results[0]["doc_path"] in text
    cv = window.export_csv(str(tmp_path / "r.CSV"))
    raw = Path(cv).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM: Japanese Excel reads it as UTF-8"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == len(window.results)
    first = rows[0]
    assert first["Question"] == question and first["Answer"] == answer and first["Index version"] == version
    assert first["Citation"] == "借地借家法（平成三年法律第九十号）第三条" and first["Page"] == "p.1"
    assert first["File"] == window.results[0]["doc_path"] and first["No."] == "1"
    window.copy_results_action.trigger()
    assert QGuiApplication.clipboard().text() == text
    # the dialog proposes a file name from the question and the date, in the last folder used
    offered = {}

    def save_dialog(parent, title, start, pattern):
        offered["start"] = start
        return str(tmp_path / "chosen"), pattern

    monkeypatch.setattr(main_window.QFileDialog, "getSaveFileName", save_dialog)
    window.export_csv_action.trigger()
    assert Path(offered["start"]).parent == tmp_path
    assert Path(offered["start"]).name.startswith("借地借家法第三条の存続期間_20")
    assert offered["start"].endswith(".csv") and (tmp_path / "chosen.csv").exists()
    # a question without a topic empties the results: nothing to export again
    search(qtbot, window, "次のうち、正しいものを教えてください。")
    assert not any(a.isEnabled() for a in actions)


@pytest.mark.parametrize("question, expected", [
    ("借地権の存続期間は？", "借地権の存続期間は_20261130-0955.md"),
    ('a/b\\c:d*e?f"g<h>i|j', "a_b_c_d_e_f_g_h_i_j_20261130-0955.md"),
    ("CON", "reglens_CON_20261130-0955.md"),
    ("？？？", "reglens_20261130-0955.md"),
    ("長" * 100, "長" * 40 + "_20261130-0955.md"),
    ("末尾の点. ", "末尾の点_20261130-0955.md"),
])
def test_default_export_file_name_is_safe_on_windows(question, expected):
    from datetime import datetime

    from reglens.ui.citations import export_file_name
    assert export_file_name(question, datetime(2026, 11, 30, 9, 55), ".md") == expected


def test_first_run_offers_sample_and_builds_it(qtbot, settings, tmp_path, sample_docs, monkeypatch):
    from reglens.ui import main_window
    from reglens.ui.main_window import MainWindow
    settings.index_dir = tmp_path / "new-index"
    monkeypatch.setattr(main_window, "resource", lambda name: sample_docs)
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.sample_btn.isVisible(), timeout=5000)
    assert "No library yet" in w.empty_label.text()
    qtbot.mouseClick(w.sample_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.index is not None, timeout=30_000)
    assert w.library is not None and w.library.files.rowCount() == 3
    search(qtbot, w, "借地借家法第三条")
    assert w.result_list.item(0).text().startswith("借地借家法 第三条")
    w.close()


def test_build_progress_and_cancel_keep_old_index(qtbot, window, settings, sample_docs):
    old = storage.current_dir(settings.index_dir)
    settings.folders = [str(sample_docs)]
    window.open_library()
    lib = window.library
    values = []
    lib.progress.valueChanged.connect(values.append)
    cancelled = []
    assert lib.progress.isHidden()  # no job: no bar standing at 0 %
    lib.start(incremental=False)
    assert not lib.progress.isHidden()
    # pressed from the worker's own thread at the tokenize event: a queued press could
    # arrive after this small build has already finished (seen on Xvfb)
    lib.worker.progress.connect(lambda p: p.stage == "tokenize" and lib.worker.cancel(),
                                Qt.ConnectionType.DirectConnection)
    lib.worker.cancelled.connect(lambda: cancelled.append(True))
    # the thread can end before its queued "cancelled" signal is delivered: wait for both
    qtbot.waitUntil(lambda: bool(cancelled) and not lib.is_running(), timeout=30_000)
    assert cancelled and "Cancelled" in lib.stage_label.text()
    assert values and max(values) > 0, "the progress bar moved"
    # the bar hides on the thread's queued "finished", which can come after isRunning() is False
    # (a fresh-clone CI run caught the assertion between the two)
    qtbot.waitUntil(lib.progress.isHidden, timeout=5_000)
    assert lib.progress.isHidden()
    assert storage.current_dir(settings.index_dir) == old
    # search still works on the old index
    search(qtbot, window, "借地借家法第三条")
    assert window.result_list.item(0).text().startswith("借地借家法 第三条")


def test_library_shows_bad_file_status(qtbot, window, settings, tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(window.index.roots[0], docs)
    (docs / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    settings.folders = [str(docs)]
    window.open_library()
    lib = window.library
    with qtbot.waitSignal(lib.index_changed, timeout=30_000):
        lib.start(incremental=False)
    rows = {lib.files.item(r, 0).text().rsplit("/", 1)[-1]: lib.files.item(r, 2).text()
            for r in range(lib.files.rowCount())}
    assert rows["broken.pdf"] in {"Corrupt", "Empty"}
    assert rows["借地借家法.pdf"] == "OK"


def test_unexpected_error_shows_copyable_dialog(qtbot, window):
    from reglens.ui.errors import last_dialog, show_error
    show_error(window, "Something failed", "Traceback: details here")
    box = last_dialog()
    assert box is not None and box.isVisible()
    assert box.text() == "Something failed" and "details here" in box.detailedText()
    box.close()


def damaged_index(root, docs, builds: int = 1):
    """An index of ``docs`` built ``builds`` times whose live passage store is then garbage."""
    for _ in range(builds):
        for _ in build(root, BuildOptions(roots=[docs], embedding="hash")):
            pass
    (storage.current_dir(root) / "chunks.sqlite").write_text("garbage", encoding="utf-8")
    return root


def test_damaged_index_is_explained(qtbot, settings, tmp_path, sample_docs):
    from reglens.ui.main_window import MainWindow
    root = damaged_index(tmp_path / "idx", sample_docs)
    settings.index_dir = root
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.empty_label.isVisible(), timeout=5000)
    assert "cannot be used" in w.empty_label.text() and "Rebuild" in w.empty_label.text()
    # user test: the sample button replaced the library's folders in one click; a damaged
    # index is rebuilt from the user's own folders instead
    settings.folders = [str(sample_docs)]
    w.load_index()
    qtbot.waitUntil(lambda: w.rebuild_btn.isVisible(), timeout=5000)
    assert not w.sample_btn.isVisible()
    w.index_sample()  # even if it were reached: the library is not replaced
    assert settings.folders == [str(sample_docs)] and w.library is None
    qtbot.mouseClick(w.rebuild_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.index is not None, timeout=30_000)
    assert settings.folders == [str(sample_docs)] and not w.rebuild_btn.isVisible()
    w.close()


def test_a_damaged_index_can_be_restored_to_its_previous_version(qtbot, settings, tmp_path, sample_docs,
                                                                  monkeypatch):
    from reglens.ui.main_window import MainWindow
    root = damaged_index(tmp_path / "idx", sample_docs, builds=2)
    settings.index_dir = root
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.restore_btn.isVisible(), timeout=5000)
    qtbot.mouseClick(w.restore_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.index is not None, timeout=30_000)
    assert not w.restore_btn.isVisible() and not w.empty_label.isVisible()
    search(qtbot, w, "借地借家法第三条")
    assert w.result_list.count() > 0
    # the damaged one is now the previous version: a second restore is refused with a message
    shown = []
    monkeypatch.setattr(w, "show_error", lambda m, d="": shown.append(m))
    w.restore_previous()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert "damaged too" in shown[0] and w.index is not None
    w.close()


def test_damage_found_while_searching_offers_restore_and_rebuild(qtbot, settings, tmp_path, sample_docs,
                                                                 monkeypatch):
    """User test: a passage store damaged inside (it loads, its pages do not read) failed at the
    first search with a dialog whose second line was English, over a blank window with no way
    back; a command-line-built index's Library then said "add a folder first"."""
    from reglens import errors as core_errors
    from reglens.ui.main_window import MainWindow
    root = tmp_path / "idx"
    for _ in range(2):  # two versions: the previous one can be restored
        for _ in build(root, BuildOptions(roots=[sample_docs], embedding="hash")):
            pass
    settings.index_dir = root
    settings.folders = []  # built from the command line: the app never listed its folders
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.index is not None, timeout=10_000)
    search(qtbot, w, "借地借家法第三条")
    assert w.result_list.count() > 0
    shown = []
    monkeypatch.setattr(w, "show_error", lambda m, d="": shown.append(m))

    def broken(*_a, **_k):
        raise core_errors.IndexDamaged("the index is damaged: chunks.sqlite: passage 3 cannot be read")

    monkeypatch.setattr(w.index, "search", broken)
    w.search_box.setText("存続期間")
    qtbot.keyClick(w.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.restore_btn.isVisible(), timeout=10_000)
    assert not shown, "no dialog: the window itself says what happened and offers the way back"
    assert w.index is None and w.result_list.count() == 0 and w.viewer.path is None
    assert "damaged" in w.empty_label.text() and "Restore the previous version" in w.empty_label.text()
    assert w.rebuild_btn.isVisible()
    w.search_box.setText("借地権")
    qtbot.keyClick(w.search_box, Qt.Key.Key_Return)
    assert "see the note above" in w.statusBar().currentMessage()
    # the Library rebuilds from the folders the index was built from
    w.open_library()
    w.library.start(incremental=False)
    assert settings.folders == [str(sample_docs)]
    qtbot.waitUntil(lambda: not w.library.is_running(), timeout=60_000)
    qtbot.waitUntil(lambda: w.index is not None, timeout=30_000)
    w.library.close()
    w.close()


def test_an_index_built_on_the_command_line_and_damaged_is_rebuilt_from_its_own_folders(
        qtbot, settings, tmp_path, sample_docs):
    """User test (IT): files of a CLI-built index were missing; the app offered 「再構築」 but the
    Library listed no folders and said "add a folder first"."""
    from reglens.ui.main_window import MainWindow
    root = tmp_path / "idx"
    for _ in build(root, BuildOptions(roots=[sample_docs], embedding="hash")):
        pass
    version = storage.current_dir(root)
    next(p for p in version.rglob("*.npy")).unlink()  # a vector file gone: damaged at launch
    settings.index_dir = root
    settings.folders = []
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.rebuild_btn.isVisible(), timeout=10_000)
    qtbot.mouseClick(w.rebuild_btn, Qt.MouseButton.LeftButton)
    assert settings.folders == [str(sample_docs)]
    qtbot.waitUntil(lambda: w.index is not None, timeout=60_000)
    search(qtbot, w, "借地借家法第三条")
    assert w.result_list.count() > 0
    w.library.close()
    w.close()


def test_damaged_shared_index_says_who_can_rebuild_it(qtbot, settings, tmp_path, sample_docs, monkeypatch):
    from reglens.ui.main_window import MainWindow
    root = damaged_index(tmp_path / "share" / "index", sample_docs)
    monkeypatch.setenv("REGLENS_INDEX", str(root))
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.empty_label.isVisible(), timeout=5000)
    assert "IT department" in w.empty_label.text() and "Library" not in w.empty_label.text()
    assert not w.sample_btn.isVisible() and not w.rebuild_btn.isVisible()
    w.close()


def test_japanese_ui(qtbot, qapp, settings, sample_index):
    from reglens.ui.i18n import install_translator, remove_translator
    from reglens.ui.library import LibraryDialog
    translator = install_translator(qapp, "ja")
    assert translator is not None
    try:
        dialog = LibraryDialog(settings, None)
        qtbot.addWidget(dialog)
        assert dialog.build_btn.text() == "索引を再構築"
        assert dialog.status_text("needs_ocr") == "要 OCR"
    finally:
        remove_translator(qapp, translator)
    assert install_translator(qapp, "en") is None


def test_citation_check_lists_each_citation_and_opens_it(qtbot, window):
    dialog = check_citations(qtbot, window, "借地借家法第三条により存続期間は三十年であり、同条第2項、同法第99条、"
                                            "原子力基本法第2条第3項及び民法第709条も参照。", 5)
    rows = [[dialog.table.item(r, c).text() for c in range(4)] for r in range(5)]
    assert [r[0] for r in rows] == ["借地借家法第三条", "同条第2項", "同法第99条", "原子力基本法第2条第3項",
                                    "民法第709条"]
    assert [r[1] for r in rows] == ["found", "no such paragraph", "no such article", "found",
                                    "law not in library"]
    assert "4 with problems" not in dialog.summary.text() and "3 with problems" in dialog.summary.text()
    # clicking the 原子力基本法 row opens that provision in the viewer, highlighted
    dialog.table.setCurrentCell(3, 0)
    page_shown(qtbot, window.viewer)
    assert window.viewer.path is not None and window.viewer.path.name == "原子力基本法.pdf"
    assert window.viewer.page == int(rows[3][3]) - 1 and window.viewer.highlights
    # only the cited 第3項 is lit, not the whole article (user test: 第2条第6項 lit 2–8)
    assert len(window.viewer.highlights) < len(dialog.citations[3].spans)
    assert dialog.table.height() > dialog.text.height(), "the table gets most of the height"
    # why a flagged row is flagged is in the text pane and on every cell, not only in the last column
    dialog.table.setCurrentCell(1, 0)
    assert dialog.table.item(1, 0).toolTip() and dialog.table.item(1, 0).toolTip() in dialog.text.toPlainText()
    dialog.table.setCurrentCell(3, 0)
    page_shown(qtbot, window.viewer)
    assert "エネルギーとしての原子力利用" in dialog.text.toPlainText()
    # the 民法 row (not in the library) has nothing to open: the viewer must not keep 原子力基本法
    dialog.table.setCurrentCell(4, 0)
    assert window.viewer.path is None and window.viewer.rendered is None
    assert "民法第709条" in window.viewer.canvas.text() and window._shown is None


def test_cross_references_are_links_both_ways(qtbot, window):
    search(qtbot, window, "借地借家法第六条")
    assert window.result_list.currentItem().text().startswith("借地借家法 第六条")
    with qtbot.waitSignal(window.refs_shown, timeout=10_000):  # read in a thread
        window._show_refs()
    html = window.refs.toHtml()
    assert window.refs.isVisible() and "借地借家法第五条" in window.refs.toPlainText()
    assert "ref:0" in html
    # follow 「前条」 → 第五条, whose "cited by" lists 第六条 back
    from PySide6.QtCore import QUrl
    with qtbot.waitSignal(window.refs_shown, timeout=10_000):
        window._ref_link(QUrl("ref:0"))
    assert window._shown[1] == "5"
    assert "借地借家法第六条" in window.refs.toPlainText()


@pytest.mark.loopback
def test_generated_answer_is_marked_and_grounded(qtbot, window, settings):
    from .test_generate import ScriptedLLM
    server = ScriptedLLM()
    try:
        server.replies.append((200, "借地権の存続期間は三十年です[1]。更新料は必ず払います。"))
        settings.llm_url = server.url
        search(qtbot, window, "借地権の存続期間は何年ですか")
        qtbot.waitUntil(lambda: "Generated by" in window.answer.toPlainText(), timeout=10_000)
        shown = window.answer.toPlainText()
        assert "借地権の存続期間は三十年です。[1]" in shown
        assert "更新料" not in shown and "1 generated sentence(s) were removed" in shown
        assert window.result_list.count() >= 1  # the cited passages stay beside it
    finally:
        server.close()


def test_settings_dialog_saves_what_the_user_sets(qtbot, window, settings):
    from reglens.ui.settings_dialog import SettingsDialog
    dialog = SettingsDialog(settings, window)
    qtbot.addWidget(dialog)
    dialog.top_k.setValue(7)
    dialog.font_size.setValue(14)
    dialog.language.setCurrentIndex(1)
    dialog.llm_url.setText(" http://127.0.0.1:8080/v1 ")
    dialog.accept()
    assert (settings.top_k, settings.font_size, settings.language, settings.llm_url) == (
        7, 14, "ja", "http://127.0.0.1:8080/v1")
    settings.llm_url = ""  # no server runs in this test
    search(qtbot, window, "借地権")
    assert window.result_list.count() == 7


def test_missing_x11_libraries_get_a_plain_message(monkeypatch, capsys):
    import ctypes.util

    from reglens.ui import app
    monkeypatch.setattr(app.sys, "platform", "linux")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None if name == "xcb-cursor" else name)
    assert app.main(["reglens"]) == 2
    err = capsys.readouterr().err
    assert "libxcb-cursor0" in err and "apt install libxcb-cursor0" in err


# -- searching in a worker (issue 13) ------------------------------------------------
class GatedSearch:
    """Wraps Index.search: records questions and threads, and holds chosen questions at a gate."""

    def __init__(self, search, hold: set[str] = frozenset()):
        import threading
        self._search = search
        self.hold = set(hold)
        self.gate = threading.Event()
        self.entered = threading.Event()
        self.calls: list[tuple[str, bool]] = []  # (question, on the main thread?)

    def __call__(self, question, *args, **kwargs):
        import threading
        self.calls.append((question, threading.current_thread() is threading.main_thread()))
        if question in self.hold:
            self.entered.set()
            assert self.gate.wait(20), "the test never opened the gate"
        return self._search(question, *args, **kwargs)

    @property
    def questions(self) -> list[str]:
        return [q for q, _ in self.calls]


def test_search_never_runs_on_the_ui_thread(qtbot, window, monkeypatch):
    gated = GatedSearch(window.index.search)
    monkeypatch.setattr(window.index, "search", gated)
    search(qtbot, window, "借地権の存続期間は何年ですか")
    search(qtbot, window, "借地借家法第三条")
    assert gated.questions == ["借地権の存続期間は何年ですか", "借地借家法第三条"]
    assert not any(on_main for _, on_main in gated.calls), "a search ran on the UI thread"
    assert window.result_list.item(0).text().startswith("借地借家法 第三条")


def test_latest_query_wins_and_stale_results_are_never_shown(qtbot, window, monkeypatch):
    search(qtbot, window, "借地借家法第三条")
    gated = GatedSearch(window.index.search, hold={"借地借家法第五条"})
    monkeypatch.setattr(window.index, "search", gated)
    finished = []
    window.search_finished.connect(finished.append)
    ask(qtbot, window, "借地借家法第五条")
    assert gated.entered.wait(10)  # the first question is running, held at the gate
    # busy: the old results are greyed and a busy indicator shows
    assert not window.result_list.isEnabled() and window.busy.isVisible()
    assert window.result_list.item(0).text().startswith("借地借家法 第三条")
    ask(qtbot, window, "借地権の存続期間")  # waits behind the running one…
    with qtbot.waitSignal(window.search_finished, timeout=20_000):
        ask(qtbot, window, "借地借家法第六条")  # …and is superseded by this one
        gated.gate.set()
    assert finished == ["借地借家法第六条"], "only the newest question's results are shown"
    assert gated.questions == ["借地借家法第五条", "借地借家法第六条"], "a superseded question still ran"
    assert window.result_list.item(0).text().startswith("借地借家法 第六条")
    assert window.result_list.isEnabled() and not window.busy.isVisible()
    # the held search's late result was delivered and dropped: wait for the thread to idle
    qtbot.waitUntil(lambda: not window.is_searching(), timeout=5000)
    qtbot.wait(100)
    assert finished == ["借地借家法第六条"]


def test_escape_cancels_a_running_search(qtbot, window, monkeypatch):
    search(qtbot, window, "借地借家法第三条")
    gated = GatedSearch(window.index.search, hold={"借地借家法第六条"})
    monkeypatch.setattr(window.index, "search", gated)
    finished = []
    window.search_finished.connect(finished.append)
    ask(qtbot, window, "借地借家法第六条")
    assert gated.entered.wait(10)
    assert window.is_searching() and window.busy.isVisible()
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    assert not window.is_searching() and not window.busy.isVisible() and window.result_list.isEnabled()
    assert "cancelled" in window.statusBar().currentMessage()
    with qtbot.waitSignal(window._searcher.done, timeout=20_000):  # the search ends in its thread…
        gated.gate.set()
    qtbot.wait(100)
    assert finished == [], "a cancelled search's results were shown"  # …and nothing changes
    assert window.result_list.item(0).text().startswith("借地借家法 第三条")
    search(qtbot, window, "借地借家法第六条")  # the next search works as usual
    assert window.result_list.item(0).text().startswith("借地借家法 第六条")


def test_question_typed_while_the_index_loads_runs_when_it_is_loaded(qtbot, settings, sample_index,
                                                                     tmp_path, monkeypatch):
    import threading

    from reglens import search as search_module
    from reglens.ui.main_window import MainWindow
    gate = threading.Event()
    real_index = search_module.Index

    class SlowIndex(real_index):
        def __init__(self, *a, **k):
            assert gate.wait(20), "the test never let the index load"
            super().__init__(*a, **k)

    monkeypatch.setattr(search_module, "Index", SlowIndex)
    index_copy = tmp_path / "index"
    shutil.copytree(sample_index, index_copy)
    settings.index_dir = index_copy
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    try:
        assert w.index is None
        ask(qtbot, w, "借地借家法第三条")
        message = w.statusBar().currentMessage()
        assert "Build an index first" not in message and "Loading" in message
        assert w.is_searching() and w.busy.isVisible()
        with qtbot.waitSignal(w.search_finished, timeout=20_000):
            gate.set()
        assert w.index is not None
        assert w.result_list.item(0).text().startswith("借地借家法 第三条")
        assert not w.busy.isVisible()
    finally:
        gate.set()
        w.close()


def highlight_visible(viewer) -> bool:
    """Inside the viewport on each axis where it fits; where it is larger, its start is shown."""
    r, vp = viewer.highlight_in_viewport(), viewer.scroll.viewport().rect()
    if r.isNull():
        return False
    for start, end, view in ((r.top(), r.bottom(), vp.height()), (r.left(), r.right(), vp.width())):
        if end - start + 1 <= view:
            if start < 0 or end >= view:
                return False
        elif not 0 <= start < view // 2:
            return False
    return True


def assert_highlight_in_view(qtbot, viewer):
    page_shown(qtbot, viewer)
    # within the turn that opened it, or at most once the pending layout has run
    qtbot.waitUntil(lambda: highlight_visible(viewer), timeout=2000)
    vp, r = viewer.scroll.viewport().rect(), viewer.highlight_in_viewport()
    if r.height() <= vp.height():  # centred when it fits
        assert abs(r.center().y() - vp.center().y()) <= max(4, vp.height() // 10) or \
            viewer.scroll.verticalScrollBar().value() in (0, viewer.scroll.verticalScrollBar().maximum())


def test_highlight_is_in_view_on_every_way_of_opening(qtbot, window):
    from PySide6.QtCore import QUrl
    viewer = window.viewer
    # 1. the first search after launch: 第三条 is low on its page, below the fold from the top
    search(qtbot, window, "借地借家法第三条")
    assert viewer.highlights and viewer.canvas.height() > viewer.scroll.viewport().height()
    assert_highlight_in_view(qtbot, viewer)
    assert viewer.scroll.verticalScrollBar().value() > 0
    # 2. a click on another result
    search(qtbot, window, "借地権の存続期間は何年ですか")
    row = next(i for i in range(1, window.result_list.count()) if window.results[i]["spans"])
    rect = window.result_list.visualItemRect(window.result_list.item(row))
    qtbot.mouseClick(window.result_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.result_list.currentRow() == row
    assert_highlight_in_view(qtbot, viewer)
    # 3. zooming keeps it in view
    for _ in range(3):
        viewer.zoom_in_btn.click()
        assert_highlight_in_view(qtbot, viewer)
    viewer.zoom_out_btn.click()
    assert_highlight_in_view(qtbot, viewer)
    # 4. a cross-reference link
    search(qtbot, window, "借地借家法第六条")
    with qtbot.waitSignal(window.refs_shown, timeout=10_000):
        window._show_refs()
    with qtbot.waitSignal(window.refs_shown, timeout=10_000):
        window._ref_link(QUrl("ref:0"))
    assert window._shown[1] == "5"
    assert_highlight_in_view(qtbot, viewer)
    # 5. a click in the citation check
    dialog = check_citations(qtbot, window, "原子力基本法第2条第3項", 1)
    dialog.table.setCurrentCell(0, 0)
    page_shown(qtbot, viewer)
    assert viewer.path.name == "原子力基本法.pdf"
    assert_highlight_in_view(qtbot, viewer)
    dialog.close()
    # 6. Back/Forward across what was opened, with Alt+←/→ and the buttons
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    assert viewer.back_btn.isEnabled() and not viewer.forward_btn.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    page_shown(qtbot, viewer)
    assert viewer.path.name == "借地借家法.pdf" and window._shown[1] == "5"
    assert_highlight_in_view(qtbot, viewer)
    viewer.back_btn.click()
    page_shown(qtbot, viewer)
    assert window._shown[1] == "6"
    assert_highlight_in_view(qtbot, viewer)
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    page_shown(qtbot, viewer)
    assert window._shown[1] == "5"
    viewer.forward_btn.click()
    page_shown(qtbot, viewer)
    assert viewer.path.name == "原子力基本法.pdf" and not viewer.forward_btn.isEnabled()
    assert_highlight_in_view(qtbot, viewer)


def test_page_is_rendered_at_the_device_pixel_ratio(qtbot, window, monkeypatch):
    search(qtbot, window, "借地借家法第三条")
    viewer = window.viewer
    logical = viewer.canvas.size()
    monkeypatch.setattr(type(viewer), "pixel_ratio", lambda self: 2.0)
    viewer.set_zoom(viewer.zoom)
    page_shown(qtbot, viewer)
    pm = viewer.rendered
    # (a page fitted to the width has a fractional zoom: a pixel of rounding either way)
    assert pm.devicePixelRatio() == 2.0 and abs(pm.width() - 2 * logical.width()) <= 2
    size = viewer.canvas.size()  # same size on screen, twice the pixels
    assert abs(size.width() - logical.width()) <= 1 and abs(size.height() - logical.height()) <= 1
    assert_highlight_in_view(qtbot, viewer)


def test_document_outside_its_library_is_explained(qtbot, window):
    from reglens.ui.errors import last_dialog
    search(qtbot, window, "借地借家法第三条")
    window.results[0] = dict(window.results[0], doc_path="")
    window.show_result(0)
    box = last_dialog()
    assert box is not None and box.isVisible() and "outside its library" in box.text()
    box.close()


def test_japanese_ui_shows_no_core_english(qtbot, qapp, window, settings, tmp_path):
    """Statuses, reasons, stages, citation notes, errors and Qt's own buttons, in Japanese."""
    from PySide6.QtWidgets import QDialogButtonBox

    from reglens.errors import IndexBusy, IndexDamaged, IndexMissing, QueryTooLong
    from reglens.ui import messages
    from reglens.ui.i18n import install_translator, remove_translator
    from reglens.ui.library import LibraryDialog, eta_text
    translator = install_translator(qapp, "ja")
    try:
        ascii_word = __import__("re").compile(r"[A-Za-z]{3,}")
        for exc in (IndexMissing("no index at x"), IndexDamaged("x"), IndexBusy("x"), QueryTooLong("x")):
            text = messages.error_message(exc)
            assert text and not ascii_word.search(text.replace("RegLens", "")), text
        for code in ("ok", "needs_ocr", "encrypted", "corrupt", "empty", "unreadable", "not_pdf", "partial",
                     "garbled", "not_a_file", "too_large", "too_slow"):
            assert not ascii_word.search(messages.status_text(code).replace("OCR", "").replace("PDF", ""))
        reason = messages.reason_text("needs_ocr", "no text layer (scanned pages); install Tesseract")
        assert "スキャン" in reason
        skipped = messages.reason_text("ok", "2 page(s) without text were skipped")
        assert skipped == "テキストのない 2 ページを読み飛ばしました"
        for stage in ("scan", "ingest", "tokenize", "embed", "write", "publish", "done"):
            assert not ascii_word.search(messages.stage_text(stage).replace("PDF", ""))
        assert eta_text(12) == "残り約 10 秒" and eta_text(600) == "残り約 10 分"
        # Qt's own strings: file dialogs, OK/Cancel
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        assert box.buttons()[0].text() == "キャンセル"
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QFileDialog, QLabel
        save = QFileDialog(window, "", "", "Markdown (*.md)")
        save.setOption(QFileDialog.Option.DontUseNativeDialog)  # Qt's own dialog, as on this machine
        qtbot.addWidget(save)
        labels = [w.text() for w in save.findChildren(QLabel) if w.text()]
        assert labels and not [t for t in labels if ascii_word.search(t.replace("&", ""))], labels
        assert QCoreApplication.translate("QFileDialog", "Files of &type:") != "Files of &type:"
        # citation-check notes
        dialog = LibraryDialog(settings, window.index.manifest)
        qtbot.addWidget(dialog)
        assert dialog.build_btn.text() == "索引を再構築"
        from reglens.ui.cite_dialog import CitationDialog
        check = CitationDialog(window.checker)
        qtbot.addWidget(check)
        check.input.setPlainText("借地借家法第九十九条、原子力基本法第2条第9項、金融商品取引法第1条")
        check.check_button.click()
        qtbot.waitUntil(lambda: check.table.rowCount() == 3, timeout=5000)
        notes = [check.table.item(r, 4).text() for r in range(3)]
        assert notes[0].startswith("借地借家法に第九十九条はありません"), notes
        assert "ライブラリにありません" in notes[2]
        for n in notes:
            assert not ascii_word.search(n), n
    finally:
        remove_translator(qapp, translator)


def test_build_progress_is_one_bar_with_a_steady_estimate():
    from reglens.progress import Progress
    from reglens.ui.library import Eta, overall_fraction
    stages = [Progress("scan", 0, 1), Progress("ingest", 5, 10), Progress("ingest", 10, 10),
              Progress("tokenize", 0, 100), Progress("embed", 50, 100), Progress("write", 1, 1),
              Progress("done", 1, 1)]
    fractions = [overall_fraction(p) for p in stages]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0  # never restarts at 0 %
    eta = Eta(0.0)
    assert eta.update(0.01, 0.5) is None  # no estimate before there is a rate
    first = eta.update(0.10, 10.0)
    second = eta.update(0.50, 11.0)  # a sudden jump in progress
    assert first is not None and second is not None and second > first * 0.5


# -- issue 15, items 3 to 6 -------------------------------------------------------------
def test_question_without_topic_asks_for_it_and_shows_no_results(qtbot, window):
    search(qtbot, window, "借地権")
    assert window.result_list.count() > 0
    search(qtbot, window, "次のうち、正しいものを教えてください。")
    assert window.result_list.count() == 0 and window.results == []
    assert window.notice_label.isVisible()
    assert "no topic" in window.notice_label.text()
    assert window.answer.toPlainText() == ""
    # nothing of the previous question stays on screen as if it answered this one
    assert window.viewer.path is None and window.viewer.canvas.pixmap().isNull()
    assert not window.refs.isVisible()
    # a short real query is searched as before
    search(qtbot, window, "第3条")
    assert window.result_list.count() > 0 and not window.notice_label.isVisible()


def test_law_not_in_the_library_is_named_above_the_results(qtbot, window):
    search(qtbot, window, "金融商品取引法第2条の定義")
    assert window.notice_label.isVisible()
    assert window.notice_label.text().startswith("金融商品取引法 is not in the index")
    assert window.result_list.count() > 0, "the results are still shown"
    # the notice sits above the result list
    assert window.notice_label.geometry().bottom() <= window.result_list.geometry().top()
    search(qtbot, window, "借地借家法第三条")
    assert not window.notice_label.isVisible()


def test_guidance_in_japanese(qtbot, qapp, window):
    from reglens.ui.i18n import install_translator, remove_translator
    translator = install_translator(qapp, "ja")
    try:
        search(qtbot, window, "金融商品取引法第2条の定義")
        assert window.notice_label.text().startswith("金融商品取引法は索引にありません")
        search(qtbot, window, "教えてください")
        assert window.notice_label.text().startswith("質問に検索する話題が含まれていません")
        search(qtbot, window, "借地借家法第99条")
        assert window.notice_label.isVisible() or not window.isVisible()
        assert window.notice_label.text().startswith("借地借家法に第九十九条はありません（条は第一条から")
        assert window.notice_label.text().endswith("以下の結果は別の規定です。")
    finally:
        remove_translator(qapp, translator)


def test_environment_override_wins_and_the_dialog_shows_it(qtbot, settings, sample_index, tmp_path,
                                                          monkeypatch):
    from reglens.ui.main_window import MainWindow
    from reglens.ui.settings_dialog import SettingsDialog
    shared = tmp_path / "shared-index"
    shutil.copytree(sample_index, shared)
    settings.index_dir = tmp_path / "my-own-index"  # stored by the user earlier
    monkeypatch.setenv("REGLENS_INDEX", str(shared))
    assert settings.index_dir == shared and settings.stored_index_dir == tmp_path / "my-own-index"
    w = MainWindow(settings)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: w.index is not None, timeout=10_000)
    assert w.index.root == shared
    dialog = SettingsDialog(settings, w)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.index_dir.text() == str(shared) and dialog.index_dir.isReadOnly()
    assert not dialog.browse.isEnabled()
    assert dialog.override_note.isVisible() and "REGLENS_INDEX" in dialog.override_note.text()
    dialog.accept()  # OK never stores IT's override as the user's choice
    assert settings.stored_index_dir == tmp_path / "my-own-index"
    monkeypatch.delenv("REGLENS_INDEX")
    assert settings.index_dir == tmp_path / "my-own-index"
    w.close()


def test_font_applies_at_once_and_labels_do_not_clip_at_14(qtbot, qapp, window, settings, monkeypatch):
    from PySide6.QtWidgets import QLabel

    from reglens.ui import settings_dialog
    from reglens.ui.i18n import install_translator, remove_translator
    before = qapp.font()
    translator = install_translator(qapp, "ja")

    def exec_with_font_14(dialog):
        dialog.font_size.setValue(14)
        dialog.accept()
        return 1

    try:
        with monkeypatch.context() as m:
            m.setattr(settings_dialog.SettingsDialog, "exec", exec_with_font_14)
            window.settings_action.trigger()
        assert settings.font_size == 14 and not hasattr(window, "_restart_box"), "no restart for the font"
        qtbot.waitUntil(lambda: window.search_box.font().pointSize() == 14, timeout=3000)
        again = settings_dialog.SettingsDialog(settings, window)
        qtbot.addWidget(again)
        again.show()
        qtbot.waitExposed(again)
        assert again.font().pointSize() == 14
        labels = [lb for lb in again.findChildren(QLabel) if lb.isVisible() and lb.text()]
        assert len(labels) >= 6
        for label in labels:
            hint = label.minimumSizeHint() if label.wordWrap() else label.sizeHint()
            assert label.width() >= hint.width() and label.height() >= hint.height(), label.text()
    finally:
        remove_translator(qapp, translator)
        qapp.setFont(before)


def test_new_language_offers_a_restart_that_relaunches(qtbot, window, settings, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from reglens.ui import main_window, settings_dialog
    launched = []
    monkeypatch.setattr(main_window.QProcess, "startDetached",
                        staticmethod(lambda program, args: launched.append((program, args)) or True))

    def exec_and_choose_japanese(dialog):
        dialog.language.setCurrentIndex(1)
        dialog.accept()
        return 1

    monkeypatch.setattr(settings_dialog.SettingsDialog, "exec", exec_and_choose_japanese)
    window.settings_action.trigger()
    assert settings.language == "ja"
    box = window._restart_box
    assert box.isVisible()
    restart = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    restart.click()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    assert launched and launched[0][1] == ["-m", "reglens", "gui"]


def test_window_geometry_and_splitters_are_remembered(qtbot, window, settings):
    from reglens.ui.main_window import MainWindow
    window.resize(760, 560)  # within the offscreen screen (800×600): restoring clamps to the screen
    window.split.setSizes([250, 490])
    window.right_split.setSizes([100, 330, 50])
    sizes, right = window.split.sizes(), window.right_split.sizes()
    window.close()
    again = MainWindow(settings)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert (again.width(), again.height()) == (760, 560)
    assert again.split.sizes() == sizes and again.right_split.sizes() == right
    qtbot.waitUntil(lambda: again.index is not None, timeout=10_000)
    again.close()


def test_pdf_viewer_gets_the_space_at_1024x700(qtbot, window):
    window.resize(1024, 700)
    search(qtbot, window, "借地権の存続期間は何年ですか")
    qtbot.wait(50)
    assert (window.width(), window.height()) == (1024, 700)
    assert window.viewer.height() >= 0.55 * window.height(), (window.viewer.height(), window.right_split.sizes())
    assert window.answer.verticalScrollBar().maximum() == 0  # and the answer is whole
    assert window.viewer.width() >= 0.55 * window.width()
    assert window.result_list.width() >= 280  # results still readable
    # the viewer's bar never forces the results into a strip (at font size 14 either)
    assert window.viewer.minimumSizeHint().width() <= 0.55 * 1024


def test_open_in_pdf_viewer_failures_are_shown(qtbot, window, monkeypatch, tmp_path):
    from reglens.ui import main_window
    from reglens.ui.errors import last_dialog
    search(qtbot, window, "借地借家法第三条")
    monkeypatch.setattr(main_window.QDesktopServices, "openUrl", staticmethod(lambda url: False))
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    box = last_dialog()
    assert box is not None and box.isVisible() and "no PDF viewer" in box.text()
    box.close()
    qtbot.mouseClick(window.viewer.open_btn, Qt.MouseButton.LeftButton)  # the viewer's own button
    assert last_dialog() is not box and "no PDF viewer" in last_dialog().text()
    last_dialog().close()
    window.viewer.path = tmp_path / "moved-away.pdf"
    window.open_external_action.trigger()
    assert "not there" in last_dialog().text()
    last_dialog().close()


def _library_folder(tmp_path, sample_docs, name):
    folder = tmp_path / name
    shutil.copytree(sample_docs, folder)
    return folder


def test_library_shows_indexed_pending_failed_and_never_indexed_folders(qtbot, qapp, settings, tmp_path,
                                                                       sample_docs):
    from reglens.ui.i18n import install_translator, remove_translator
    from reglens.ui.library import LibraryDialog
    docs = _library_folder(tmp_path, sample_docs, "docs")
    (docs / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    (docs / ".hidden.pdf").write_bytes(b"%PDF-1.4")
    settings.folders = [str(docs)]
    settings.index_dir = tmp_path / "index"
    dialog = LibraryDialog(settings, None)
    qtbot.addWidget(dialog)
    assert dialog.folder_states[0].state == "not_indexed", "never built: not shown as indexed"
    with qtbot.waitSignal(dialog.index_changed, timeout=30_000):
        dialog.start(incremental=False)
    qtbot.waitUntil(lambda: dialog._disk is not None, timeout=10_000)
    state = dialog.folder_states[0]
    assert (state.indexed, state.failed, state.pending, state.skipped) == (3, 1, 0, 1)
    assert state.state == "failed"
    # a new PDF, a changed one and a folder that was never indexed
    shutil.copy(docs / "借地借家法.pdf", docs / "新しい法令.pdf")
    with open(docs / "原子力基本法.pdf", "ab") as f:
        f.write(b"\n% appended\n")
    # touched after the build but identical (a copied library): not pending
    later = time.time() + 120
    os.utime(docs / "借地借家法.pdf", (later, later))
    # the same size, other contents, modified after the build: pending
    odd = next(p for p in docs.glob("特定工場*.pdf"))
    data = bytearray(odd.read_bytes())
    data[-1] ^= 0x01
    odd.write_bytes(bytes(data))
    os.utime(odd, (later, later))
    other = _library_folder(tmp_path, sample_docs, "other")
    with qtbot.waitSignal(dialog.scanned, timeout=10_000):
        dialog.add_folder(str(other))
    states = {s.folder: s for s in dialog.folder_states}
    assert states[str(docs)].pending == 3 and states[str(docs)].indexed == 1
    assert states[str(other)].state == "not_indexed"
    rows = {(r.folder, r.rel): r.status for r in dialog.file_rows}
    assert rows[(str(docs), "新しい法令.pdf")] == "pending_new"
    assert rows[(str(docs), "原子力基本法.pdf")] == "pending_changed"
    assert rows[(str(docs), odd.name)] == "pending_changed"
    assert rows[(str(docs), "借地借家法.pdf")] == "ok"
    assert rows[(str(docs), ".hidden.pdf")] == "skipped"
    translator = install_translator(qapp, "ja")
    try:
        dialog.refresh()
        shown = {dialog.folders.topLevelItem(i).text(0): dialog.folders.topLevelItem(i).text(1)
                 for i in range(dialog.folders.topLevelItemCount())}
        assert shown[str(other)] == "未索引"
        assert shown[str(docs)] == "一部失敗（索引済み 1 件、未反映 3 件、失敗 1 件、対象外 1 件）"
        table = {dialog.files.item(r, 0).text(): (dialog.files.item(r, 2).text(), dialog.files.item(r, 3).text())
                 for r in range(dialog.files.rowCount())}
        assert table[str(docs / "新しい法令.pdf")][0] == "未索引（新規）"
        assert table[str(docs / ".hidden.pdf")] == ("対象外", "隠しファイルのため読み込みません")
        assert table[str(docs / "broken.pdf")][0] in ("破損", "空")
    finally:
        remove_translator(qapp, translator)


def test_read_only_index_disables_rebuild_and_update_with_the_reason(qtbot, settings, sample_index, tmp_path,
                                                                     monkeypatch):
    from reglens.ui import library_status
    from reglens.ui.library import LibraryDialog
    settings.index_dir = tmp_path / "index"
    dialog = LibraryDialog(settings, None)
    qtbot.addWidget(dialog)
    assert dialog.build_btn.isEnabled() and dialog.update_btn.isEnabled()
    monkeypatch.setenv("REGLENS_INDEX", str(sample_index))  # IT's shared index
    dialog.apply_read_only()
    assert not dialog.build_btn.isEnabled() and not dialog.update_btn.isEnabled()
    assert "REGLENS_INDEX" in dialog.build_btn.toolTip() and dialog.read_only_label.text()
    # folders feed only a build: no adding (or dropping) them where none can run (user test)
    assert not dialog.add_btn.isEnabled() and not dialog.acceptDrops()
    assert "Drop folders" not in dialog.stage_label.text()
    dialog.start(incremental=True)
    assert dialog.worker is None, "nothing is written to a shared index"
    monkeypatch.delenv("REGLENS_INDEX")
    monkeypatch.setattr(library_status.os, "access", lambda path, mode: False)  # tests may run as root
    dialog.apply_read_only()
    assert not dialog.build_btn.isEnabled() and "no permission" in dialog.update_btn.toolTip()
    monkeypatch.undo()


def test_build_progress_note_is_translated(qtbot, qapp, settings):
    from reglens.progress import Progress
    from reglens.ui.i18n import install_translator, remove_translator
    from reglens.ui.library import LibraryDialog
    translator = install_translator(qapp, "ja")
    try:
        dialog = LibraryDialog(settings, None)
        qtbot.addWidget(dialog)
        dialog.on_progress(Progress("embed", 3, 10, "embedding (12 reused)"))
        assert dialog.stage_label.text().startswith("意味ベクトルを計算中 3/10（12 件は再利用）")
        assert "reused" not in dialog.stage_label.text() and "embedding" not in dialog.stage_label.text()
    finally:
        remove_translator(qapp, translator)


def test_results_are_measured_at_the_width_they_are_painted(qtbot, window):
    window.resize(1280, 820)
    search(qtbot, window, "借地権の存続期間は何年ですか")
    lst = window.result_list
    wide = [lst.visualItemRect(lst.item(i)).height() for i in range(3)]
    window.split.setSizes([260, 1000])  # a narrower list wraps the snippets into more lines
    qtbot.waitUntil(lambda: lst.visualItemRect(lst.item(0)).height() > wide[0], timeout=3000)
    rects = [lst.visualItemRect(lst.item(i)) for i in range(3)]
    assert all(rects[i].bottom() < rects[i + 1].top() for i in range(2)), "items never overlap"
    assert all(r.width() <= lst.viewport().width() for r in rects), [r.width() for r in rects]


def test_missing_shared_index_is_explained_without_offering_a_build(qtbot, settings, tmp_path, monkeypatch):
    from reglens.ui.main_window import MainWindow
    monkeypatch.setenv("REGLENS_INDEX", str(tmp_path / "share" / "index"))
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.empty_label.isVisible(), timeout=5000)
    assert "shared index cannot be found" in w.empty_label.text() and "REGLENS_INDEX" in w.empty_label.text()
    assert not w.sample_btn.isVisible()
    w.close()


def test_answer_sentence_shows_the_paragraph_it_stands_in(qtbot, window):
    """The legal officer's precision: a sentence from 第四条第二項 says so after its [n]."""
    from reglens.summarize import Answer, Sentence
    ans = Answer("報告書はいつまで", [], sentences=[
        Sentence("見本業者は、毎年六月三十日までに報告書を提出しなければならない。", 1, provision="第四条第二項"),
        Sentence("見本業を営もうとする者は、見本大臣の登録を受けなければならない。", 2)])
    ans.confidence = 1.0
    window._show_answer(ans)
    text = window.answer.toPlainText()
    assert "ならない。[1]（第四条第二項）" in text
    assert "ならない。[2]\n" in text or text.count("（") == 1  # no place shown where none is known


def test_text_read_by_ocr_is_marked_in_answer_results_and_exports(qtbot, window):
    """User test: a scanned Q&A's misread words (訪録 for 登録) were quoted with nothing saying
    that a machine read them; the answer, the result entry and the exports now say so."""
    from reglens.search import Result
    from reglens.summarize import Answer, Sentence
    from reglens.ui.citations import Export, to_csv, to_markdown
    from reglens.ui.main_window import result_html
    search(qtbot, window, "借地借家法第三条の存続期間")
    scanned, typed = window.index.search("存続期間", top_k=2)
    scanned = Result(1, 1.0, {**scanned.chunk, "ocr": True}, scanned.doc, scanned.doc_path, "hybrid")
    ans = Answer("q", [scanned, typed], sentences=[Sentence("読み取った文。", 1), Sentence("印刷された文。", 2)])
    ans.confidence = 1.0
    window._show_answer(ans)
    text = window.answer.toPlainText()
    assert "読み取った文。[1]（OCR）" in text and "印刷された文。[2]（OCR）" not in text
    assert "[1] was read from a scanned page by OCR" in text and "[2] was read" not in text
    assert "read by OCR" in result_html(scanned.to_json(), [], "read by OCR")
    assert "read by OCR" not in result_html(typed.to_json(), [], "read by OCR")
    export = Export("q", [scanned.to_json(), typed.to_json()])
    md = to_markdown(export).splitlines()
    assert [line.endswith("`" + scanned.doc_path + "`") and "(read by OCR)" in line
            for line in md if line.startswith("- **[")] == [True, False]
    rows = list(csv.DictReader(io.StringIO(to_csv(export))))
    assert [r["OCR"] for r in rows] == ["read by OCR", ""]


def test_answer_pane_fits_a_long_answer_and_gives_the_space_back(qtbot, window):
    """User test: at 1280×820 a 400-character answer hid its last sentence behind a scrollbar."""
    from reglens.summarize import Answer, Sentence
    window.resize(1280, 820)
    qtbot.wait(20)
    before = window.right_split.sizes()[0]
    rule = "借地権の存続期間は、三十年とする。ただし、契約でこれより長い期間を定めたときは、その期間とする。"
    long_answer = Answer("q", [], [Sentence(rule * 2, 1, cites=[1]) for _ in range(4)])
    window._show_answer(long_answer)
    qtbot.wait(20)
    assert window.answer.verticalScrollBar().maximum() == 0  # all of it readable
    assert window.right_split.sizes()[0] > before
    assert window.viewer.height() >= 0.55 * window.height()  # the page keeps most of the column
    window._show_answer(Answer("q", [], [Sentence(rule, 1, cites=[1])]))
    qtbot.wait(20)
    assert window.right_split.sizes()[0] == before  # a short answer gives the space back
    # a height the user dragged to is kept: answers never shrink the pane below it
    sizes = window.right_split.sizes()
    window.right_split.setSizes([before + 150, sizes[1] - 150, sizes[2]])
    window.right_split.splitterMoved.emit(before + 150, 1)
    window._show_answer(Answer("q", [], [Sentence(rule, 1, cites=[1])]))
    qtbot.wait(20)
    assert window.right_split.sizes()[0] == before + 150


def test_viewer_says_when_the_highlighted_text_goes_on_to_the_next_page(qtbot, tmp_path):
    """User test: a sentence cut by the page end was highlighted up to it and looked complete."""
    from reglens.ui.viewer import PdfViewer

    from .pdfmaker import make_pdf
    pdf = make_pdf(tmp_path / "two.pdf",
                   [["第一条　長い文はここから始まり"], ["次のページで終わる。", "第二条　別の文。"]])
    viewer = PdfViewer()
    qtbot.addWidget(viewer)
    with qtbot.waitSignal(viewer.page_shown, timeout=10_000):
        viewer.show_passage(pdf, 0, [[0, 50, 50, 300, 70], [1, 50, 50, 300, 70]])
    assert viewer.continues_on() == 1
    assert viewer.next_btn.text() == "Continues ▶" and "page 2" in viewer.next_btn.toolTip()
    with qtbot.waitSignal(viewer.page_shown, timeout=10_000):
        viewer.go(1)
    assert viewer.highlights and viewer.continues_on() is None and viewer.next_btn.text() == "Next ▶"
    with qtbot.waitSignal(viewer.page_shown, timeout=10_000):
        viewer.show_passage(pdf, 1, [[1, 50, 90, 300, 110]])  # a passage on one page: plain Next
    assert viewer.continues_on() is None and viewer.next_btn.toolTip() == ""


def test_page_fits_the_viewer_width_until_the_user_zooms(qtbot, window):
    """User test: at 1024×700 a page at 150 % ran past the right edge, cutting every line."""
    window.resize(1024, 700)
    qtbot.wait(50)
    search(qtbot, window, "借地借家法第三条")
    viewer = window.viewer
    page_shown(qtbot, viewer)
    qtbot.waitUntil(lambda: viewer.canvas.width() <= viewer.scroll.viewport().width(), timeout=3000)
    assert viewer.zoom < 1.5 and viewer.highlights
    assert_highlight_in_view(qtbot, viewer)
    narrow = viewer.zoom
    window.resize(1400, 900)  # wider: the page follows, up to 150 %
    qtbot.waitUntil(lambda: viewer.zoom > narrow, timeout=3000)
    page_shown(qtbot, viewer)
    viewer.zoom_in_btn.click()  # the user's own zoom stays whatever the width
    page_shown(qtbot, viewer)
    mine = viewer.zoom
    window.resize(1024, 700)
    qtbot.wait(400)
    assert viewer.zoom == mine and not viewer.fit


def test_a_page_is_fitted_by_its_text_not_its_blank_margins(qtbot, tmp_path):
    """User test: at 1024×700 a statute's page fitted whole printed its lines ~7 px high; the
    blank side margins are cut, the highlight stays on its words."""
    import pymupdf

    from reglens.ui.viewer import PdfViewer, fitted
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    for i in range(12):  # a column of text from x=150 to ~350, wide margins on both sides
        page.insert_text((150, 100 + 20 * i), "第一条　この規則は、施設の利用に関し必要な事項を定める。"[: 14 + i % 3],
                         fontname="japan", fontsize=10.5)
    doc.save(tmp_path / "narrow.pdf")
    viewer = PdfViewer()
    qtbot.addWidget(viewer)
    viewer.resize(520, 600)
    viewer.show()
    with qtbot.waitSignal(viewer.page_shown, timeout=10_000):
        viewer.show_passage(tmp_path / "narrow.pdf", 0, [[0, 150, 90, 300, 104]])
    assert 130 < viewer._origin_x < 150  # the left margin is cut, a few points kept
    whole_page = fitted(viewer._fit_room(), 595)
    assert viewer.zoom > 1.3 * whole_page  # the text takes the width the margins had
    assert viewer.canvas.width() <= viewer.scroll.viewport().width()
    left = viewer.highlight_rect().left()
    assert abs(left - ((150 - viewer._origin_x) * viewer.zoom - 2)) <= 1  # on its words, not shifted


def test_tab_chain_skips_the_read_only_panes_and_every_pane_has_a_name(qtbot, window):
    """clerk4: six Tab stops in the answer and links panes before the viewer, and no name a screen
    reader could announce on the result list or any text pane."""
    from PySide6.QtWidgets import QApplication

    from reglens.messages import accessible_text
    w = window
    search(qtbot, w, "借地権の存続期間")
    qtbot.waitUntil(lambda: "[1]" in w.answer.toPlainText(), timeout=20_000)
    w.search_box.setFocus()
    chain = []
    for _ in range(8):
        focus = QApplication.focusWidget()
        chain.append(focus)
        qtbot.keyClick(focus, Qt.Key.Key_Tab)
    assert w.answer not in chain and w.refs not in chain
    assert chain[:2] == [w.search_box, w.result_list]
    assert chain[2] in (w.viewer.prev_btn, w.viewer.next_btn)  # straight on to the viewer's controls
    assert w.viewer.scroll in chain
    for widget, part in ((w.search_box, "search"), (w.result_list, "results"), (w.answer, "answer"),
                         (w.refs, "references"), (w.viewer.scroll, "page")):
        assert widget.accessibleName() == accessible_text(part)[0] != ""
        assert widget.accessibleDescription()
    # the panes are reached another way: F6 in turn, Ctrl+Shift+A the answer; Tab there walks its links
    w.search_box.setFocus()
    qtbot.keyClick(w.search_box, Qt.Key.Key_F6)
    assert QApplication.focusWidget() is w.result_list
    qtbot.keyClick(w.result_list, Qt.Key.Key_F6)
    assert QApplication.focusWidget() is w.answer
    qtbot.keyClick(w.answer, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is w.result_list
    qtbot.keyClick(w.result_list, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is w.answer
    qtbot.keyClick(w.answer, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is w.answer and w.answer.textCursor().hasSelection()  # on a [n] link


def test_accessible_names_follow_the_language(qapp):
    from reglens.ui.i18n import install_translator, remove_translator
    from reglens.ui.messages import accessible_text
    assert accessible_text("results")[0] == "Search results"
    translator = install_translator(qapp, "ja")
    try:
        assert accessible_text("results")[0] == "検索結果"
        assert accessible_text("answer")[0] == "回答"
    finally:
        remove_translator(qapp, translator)


def test_a_provision_opened_from_the_check_says_whose_results_are_beside_it(qtbot, window):
    """clerk4: the viewer showed a checked provision while the results and answer were the last
    question's, and nothing said so; a cited ただし書 lights the proviso alone."""
    search(qtbot, window, "借地権の存続期間")
    dialog = check_citations(qtbot, window, "原子力基本法第2条第3項。借地借家法第3条ただし書。", 2)
    dialog.table.setCurrentCell(0, 0)
    page_shown(qtbot, window.viewer)
    message = window.statusBar().currentMessage()
    assert "原子力基本法第二条第三項" in message and "借地権の存続期間" in message
    dialog.table.setCurrentCell(1, 0)
    page_shown(qtbot, window.viewer)
    qtbot.waitUntil(lambda: bool(window.viewer.highlights), timeout=5000)
    assert len(window.viewer.highlights) < len(dialog.citations[1].spans)  # the proviso's line, not the article's


def test_a_result_lights_its_own_characters_not_the_whole_first_line(qtbot, window, monkeypatch):
    """clerk4 / lead: a GDPR article begins on the PDF line that ends the article before, and a
    click on the result lit that whole line; the passage's own characters are lit."""
    from reglens import sentence_spans
    search(qtbot, window, "借地権の存続期間")
    r = window.results[0]
    lines = sentence_spans.line_texts(r, r["doc_path"])
    assert lines, "the sample statute's lines can be read again"
    # the first line now also holds the end of something before this passage
    before = "前の条の終わりの文。"
    monkeypatch.setattr(sentence_spans, "line_texts", lambda c, p: [before + lines[0], *lines[1:]])
    window.viewer.highlights = []
    assert window.show_result(0)
    page_shown(qtbot, window.viewer)
    qtbot.waitUntil(lambda: bool(window.viewer.highlights), timeout=5000)
    first = min(window.viewer.highlights, key=lambda h: (h.top(), h.left()))
    _, x0, _, x1, _ = r["spans"][0]
    assert first.left() > x0 + 0.3 * (x1 - x0)  # cut where the passage begins, not at the line's start


def test_library_update_keeps_the_index_model_whatever_the_settings(qtbot, window, settings, sample_docs):
    """The app's updates passed the settings' model, the command line's kept the index's: one rule
    now (indexer.wants_model). An update under settings that say "none" must not drop the vectors."""
    import json
    settings.folders = [str(sample_docs)]
    settings.q.setValue("library/embedding", "none")
    window.open_library()
    lib = window.library
    with qtbot.waitSignal(lib.index_changed, timeout=60_000):
        lib.start(incremental=True)
    qtbot.waitUntil(lambda: not lib.is_running(), timeout=10_000)
    manifest = json.loads((storage.current_dir(settings.index_dir) / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["embedding"]["model"] == "hash-bigram-256"


def test_cancelling_a_first_build_does_not_speak_of_a_previous_index(qtbot, window, settings, sample_docs,
                                                                      tmp_path):
    """User test 5: a cancelled first build said "The previous index is unchanged" — there was none."""
    settings.index_dir = tmp_path / "first"
    settings.folders = [str(sample_docs)]
    window.open_library()
    lib = window.library
    cancelled = []
    lib.start(incremental=False)
    lib.worker.progress.connect(lambda p: p.stage == "tokenize" and lib.worker.cancel(),
                                Qt.ConnectionType.DirectConnection)
    lib.worker.cancelled.connect(lambda: cancelled.append(True))
    qtbot.waitUntil(lambda: bool(cancelled) and not lib.is_running(), timeout=30_000)
    assert "No index was made" in lib.stage_label.text() and "previous" not in lib.stage_label.text()


def test_a_version_published_while_the_app_is_open_is_searched_from_then_on(qtbot, window, sample_docs):
    """IT updates a shared index while workstations keep the app open (user test 6): the next
    search notices the new version, loads it in the background and later searches use it; the
    results already shown keep the version they came from (exports say so)."""
    search(qtbot, window, "借地権の存続期間")
    opened = window.index.version.name
    root = window.settings.index_dir
    for _ in build(root, BuildOptions(roots=[sample_docs], embedding="hash"), incremental=True):
        pass
    live = storage.read_pointer(root).version
    assert live != opened
    focus = window.result_list
    focus.setFocus()
    search(qtbot, window, "建物の賃貸借")
    qtbot.waitUntil(lambda: window.index.version.name == live, timeout=15_000)
    assert live in window.statusBar().currentMessage()
    assert window.current_export().index_version == opened  # shown results: from the opened version
    assert window.result_list.count() > 0  # nothing on screen was cleared by the reload
    search(qtbot, window, "建物の賃貸借")
    assert window.current_export().index_version == live


def test_the_citation_check_works_from_the_keyboard(qtbot, window):
    """User test 6, a clerk without a mouse: Ctrl+K opened with the focus on the Check button (a
    pasted draft went nowhere), Tab in the draft typed a tab, Tab in the table walked its cells:
    the rows could not be reached. Now: type, Ctrl+Return, the rows, Tab leaves the table."""
    from PySide6.QtWidgets import QApplication
    window.check_citations_action.trigger()
    dialog = window.cite_dialog
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5000)
    assert dialog.input.hasFocus()
    dialog.input.insertPlainText("借地借家法第3条及び借地借家法第99条")
    qtbot.keyClick(dialog.input, Qt.Key.Key_Tab)
    assert "\t" not in dialog.input.toPlainText() and not dialog.input.hasFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert dialog.input.hasFocus()
    qtbot.keyClick(dialog.input, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=5000)
    assert dialog.table.hasFocus()  # the rows are read next
    opened = []
    dialog.open_requested.connect(opened.append)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert opened and "第三条" in opened[0].provision
    qtbot.keyClick(dialog.table, Qt.Key.Key_Tab)
    assert dialog.text.hasFocus()  # out of the table, not to its next cell


def test_tab_leaves_the_library_file_table_and_its_lists_have_names(qtbot, window):
    """User test 6: Tab in the Library's file table walked it cell by cell, so its buttons were
    out of reach without a mouse; the folder list and the table said nothing to a screen reader."""
    window.library_action.trigger()
    dialog = window.library
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.files.rowCount() > 0, timeout=10_000)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5000)
    dialog.files.setFocus()
    dialog.files.setCurrentCell(0, 0)
    qtbot.keyClick(dialog.files, Qt.Key.Key_Tab)
    assert not dialog.files.hasFocus() and dialog.files.currentColumn() == 0
    assert dialog.folders.accessibleName() and dialog.files.accessibleName()
    assert dialog.files.accessibleName() != dialog.folders.accessibleName()


def test_every_menu_command_that_opens_a_window_has_a_key(window):
    """User test 6: Settings had no shortcut on Windows or Linux (the platform's Preferences key
    exists on macOS only); a clerk without a mouse had to know Alt+T, S."""
    for action in (window.settings_action, window.library_action, window.check_citations_action):
        assert not action.shortcut().isEmpty(), action.text()


def test_a_neighbour_the_answer_cites_joins_the_results_and_opens_with_its_sentence(qtbot, window, monkeypatch):
    """Round 11: search found only the passage before 第三条 on its page; the answer reads its
    neighbour 第三条 (三十年) and cites it as [2], a result of its own: the list gains it, and the
    [2] link opens its page with the sentence highlighted."""
    from PySide6.QtCore import QUrl

    import reglens.summarize as sm
    from reglens.search import Index, Result
    monkeypatch.setattr(sm, "NEIGHBOUR_HOSTS", 3)
    index = window.index
    third = next(i for i in range(len(index.chunks)) if index.chunks[i].get("doc_title") == "借地借家法"
                 and index.chunks[i].get("article_key") == "3")
    before = index.chunks[third - 1]
    assert before["doc_id"] == index.chunks[third]["doc_id"]
    assert set(before["pages"]) & set(index.chunks[third]["pages"])

    def only_the_passage_before(self, question, top_k=10, **filters):
        doc = self.documents[before["doc_id"]]
        return [Result(1, 1.0, before, doc, self.doc_path(doc), "hybrid")]

    monkeypatch.setattr(Index, "search", only_the_passage_before)
    search(qtbot, window, "借地権の存続期間は何年ですか")
    assert window.result_list.count() == 2 and len(window.results) == 2
    assert window.results[1]["article_key"] == "3" and window.results[1]["match"] == sm.NEIGHBOUR
    assert window.result_list.item(1).text().startswith("借地借家法 第三条")
    assert "[1]" in window.result_list.item(1).toolTip()  # not the host's score: where it stands
    assert "score" not in window.result_list.item(1).toolTip()
    text = window.answer.toPlainText()
    assert "三十年" in text and "[2]" in text
    window._answer_link(QUrl("cite:2:0"))
    assert window.result_list.currentRow() == 1
    page_shown(qtbot, window.viewer)
    assert window.viewer.path.name == "借地借家法.pdf" and window.viewer.highlights
