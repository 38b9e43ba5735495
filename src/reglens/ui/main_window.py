"""Main window: ask, read results with citations, see the cited page highlighted."""

from __future__ import annotations

import gc
import logging
import sys
from html import escape
from pathlib import Path

from PySide6.QtCore import QProcess, QSignalBlocker, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QAction,
    QDesktopServices,
    QGuiApplication,
    QKeySequence,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QApplication,
    QCompleter,
    QFileDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..legal.format import key_label
from ..resources import resource
from .citations import (
    Export,
    export_file_name,
    formal_citation,
    highlight_html,
    page_text,
    passage_with_citation,
    short_citation,
    to_csv,
    to_markdown,
    with_extension,
)
from .cite_dialog import CitationDialog
from .library import LibraryDialog
from .settings import Settings
from .viewer import PdfViewer
from .worker import CallWorker, LatestCallRunner

log = logging.getLogger(__name__)
# the share of the window's height the PDF page keeps when an answer grows its pane
PAGE_SHARE = 0.55
RESULT_ROLE = Qt.ItemDataRole.UserRole + 1
HTML_ROLE = Qt.ItemDataRole.UserRole + 2


class HtmlDelegate(QStyledItemDelegate):
    """Draws a result's rich text (citation line + highlighted snippet).

    The view asks for each row's size several times per search (a layout pass, another
    once the scroll bar appears) and paints it again on every scroll or selection. Each
    entry's HTML is parsed once and laid out again only when the width changes, and its
    size is kept: measured, this took the list's slot from ~15 to a few ms per search."""

    CACHE = 64  # entries kept: a few result lists

    def __init__(self, parent=None):
        super().__init__(parent)
        self._docs: dict[tuple, list] = {}  # (html, font) -> [document, width, size hint]

    def _entry(self, option, index, keep: bool = False) -> list:
        """The entry's document laid out at the list's width; ``keep``: as last laid out (paint
        gets the item's own, narrower rect and would otherwise wrap the text differently
        from the row height it measured)."""
        html = index.data(HTML_ROLE) or ""
        key = (html, option.font.key())
        entry = self._docs.get(key)
        if entry is None:
            if len(self._docs) >= self.CACHE:
                # deleting documents takes time: later, not in the middle of a layout or paint
                stale, self._docs = self._docs, {}
                QTimer.singleShot(1000, stale.clear)
            doc = QTextDocument()
            doc.setDefaultFont(option.font)
            doc.setHtml(html)
            entry = self._docs[key] = [doc, None, QSize()]
        if entry[1] is not None and keep:
            return entry
        # measured and painted at the viewport's width (option.rect is not set when measuring,
        # and is the item's own rect when painting), so a resize re-measures every entry
        view = option.widget
        width = view.viewport().width() if isinstance(view, QListWidget) else option.rect.width()
        width = max(200, width - 8 - self._bar_room(view))
        if entry[1] != width:
            doc = entry[0]
            doc.setTextWidth(width)
            entry[1], entry[2] = width, QSize(int(doc.idealWidth()), int(doc.size().height()) + 6)
        return entry

    @staticmethod
    def _bar_room(view) -> int:
        """Room for the vertical scroll bar even before it shows: the list is laid out at one
        text width whether or not ten results overflow it (else each entry twice per search)."""
        bar = view.verticalScrollBar() if isinstance(view, QListWidget) else None
        if bar is None or bar.isVisible():
            return 0
        return view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, view)

    def paint(self, painter, option, index) -> None:
        self.initStyleOption(option, index)
        option.text = ""
        option.widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        doc = self._entry(option, index, keep=True)[0]
        painter.save()
        painter.translate(option.rect.left() + 4, option.rect.top() + 2)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        if not option.state & QStyle.StateFlag.State_Enabled:  # results of a search being replaced
            ctx.palette.setColor(QPalette.ColorRole.Text,
                                 option.palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 - Qt API
        self.initStyleOption(option, index)
        return QSize(self._entry(option, index)[2])


class ResultList(QListWidget):
    """The results list; says when it has been painted, which is when the user sees results
    (the answer and the page are started only then, so they do not slow the list down)."""

    painted = Signal()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().paintEvent(event)
        self.painted.emit()


# amber: what the user must check before relying on it (a tentative answer, text read by OCR)
CAUTION_COLOUR = "#8a5a00"


def result_html(r: dict, terms: list[str], ocr_note: str = "") -> str:
    """A result's list entry (built in the search thread: no widget involved). The score is in
    the entry's tooltip, not its text: a clerk reads the citation and the words, and a bare
    number like 0.058 only takes room. Text read by OCR says so (``ocr_note``, translated by
    the caller): its words can be misread (訪録 for 登録) and must be checked on the page."""
    ocr = f" <span style='color:{CAUTION_COLOUR}'>（{ocr_note}）</span>" if r.get("ocr") and ocr_note else ""
    return (f"<div><b>[{r['rank']}] {short_citation(r)}</b> <span style='color:#555'>"
            f"{page_text(r)}</span>{ocr}<br>{highlight_html(r['text'], terms)}</div>")


class MainWindow(QMainWindow):
    # a search's results are in the list (the page of the first one renders right after)
    results_shown = Signal(str)
    # ... and the list has been painted with them: what the user sees (the answer starts now)
    results_painted = Signal(str)
    answer_shown = Signal(str)  # the answer of this question is in the answer pane
    # ... and its first result's page is shown too, or the search failed: the question asked
    search_finished = Signal(str)
    refs_shown = Signal()  # the cross-reference links under the page are up to date

    def __init__(self, settings: Settings | None = None):
        super().__init__()
        self.settings = settings or Settings()
        self.index = None
        self.results: list[dict] = []
        self.question = ""  # the newest question asked
        self.shown_question = ""  # the question the results on screen answer (Esc can leave older ones)
        self.library: LibraryDialog | None = None
        self.checker = None  # CitationChecker over the loaded index
        self._damaged_manifest: dict | None = None  # of an index found damaged while in use
        self.cite_dialog: CitationDialog | None = None
        self._background: list[CallWorker] = []  # every worker started, waited for on close
        self._reloading = False  # a version published since the index was opened is being loaded
        self._shown_version = ""  # the index version the shown results came from (for exports)
        self._closing = False
        self._shown: tuple[str, str] | None = None  # (doc_id, article_key) in the viewer
        self._refs: list = []
        self._refs_runner = LatestCallRunner(self)  # cross references, off the UI thread
        self._refs_runner.done.connect(self._refs_done)
        self._refs_runner.failed.connect(lambda _t, m, d: log.warning("cross references: %s\n%s", m, d))
        self._refs_ticket: int | None = None
        self._loader: CallWorker | None = None
        # searches run in one thread, newest first; only the newest ticket's results are shown
        self._searcher = LatestCallRunner(self)
        self._searcher.done.connect(self._search_done)
        self._searcher.failed.connect(self._search_failed)
        self._ticket: int | None = None  # the search whose results the window waits for
        self._waiting: str | None = None  # a question asked while the index was loading
        self._loading = False
        self._answer_job = None
        self._unfinished: set[str] = set()  # parts of the current search not shown yet
        self._guidance = None  # guidance.Guidance of the question shown (no topic, laws not indexed)
        self._answer_text = ""  # the answer shown, with its [n], for export
        self._answer_sentences: list = []  # the sentences shown: what a click on their [n] opens
        self._unpainted: tuple | None = None  # (ticket, question, results) shown but not painted yet
        self._page_for: tuple | None = None  # (question, results) whose first page is being rendered
        self.setWindowTitle("RegLens")
        self.resize(1280, 820)
        from PySide6.QtWidgets import QApplication
        self._base_font = QApplication.font()  # "system default" in the settings
        if self.settings.font_size:
            self.apply_font()

        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(self.tr("Ask a question, e.g. 借地権の存続期間は何年ですか"))
        self.search_box.returnPressed.connect(self.run_search)
        self.completer = QCompleter(self.settings.history, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search_box.setCompleter(self.completer)

        self.result_list = ResultList()
        self.result_list.painted.connect(self._list_painted)
        self.result_list.setItemDelegate(HtmlDelegate(self.result_list))
        self.result_list.setWordWrap(True)
        self.result_list.setResizeMode(QListWidget.ResizeMode.Adjust)  # re-measure on resize
        self.result_list.currentRowChanged.connect(self.show_result)
        self.result_list.itemActivated.connect(lambda _item: self.open_external())

        self.answer = QTextBrowser()
        self.answer.setOpenLinks(False)
        self.answer.anchorClicked.connect(self._answer_link)
        self.answer.setMinimumHeight(60)
        self.viewer = PdfViewer()
        self.viewer.navigated.connect(self._navigated)
        # the viewer's own "Open in PDF viewer" button reports failures like Ctrl+O does
        self.viewer.open_btn.clicked.disconnect()
        self.viewer.open_btn.clicked.connect(self.open_external)
        self.viewer.page_shown.connect(self._page_shown)
        self.viewer.open_failed.connect(
            lambda path, message: self.show_error(self.tr("Cannot open {0}: {1}").format(path, message)))
        # the provisions the shown article refers to, and those that refer to it: links
        self.refs = QTextBrowser()
        self.refs.setOpenLinks(False)
        self.refs.anchorClicked.connect(self._ref_link)
        self.refs.setMaximumHeight(90)
        self.refs.hide()

        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setTextFormat(Qt.TextFormat.RichText)
        self.sample_btn = QPushButton(self.tr("Index the bundled sample statutes"))
        self.sample_btn.clicked.connect(self.index_sample)
        self.rebuild_btn = QPushButton(self.tr("Rebuild the index from my library"))
        self.rebuild_btn.clicked.connect(self.rebuild_library)
        self.rebuild_btn.hide()
        self.restore_btn = QPushButton(self.tr("Restore the previous version of the index"))
        self.restore_btn.clicked.connect(self.restore_previous)
        self.restore_btn.hide()
        self.empty_label.hide()  # shown when loading the index fails
        # what the user should know about this index here (Index.notices), unobtrusive, translated
        self.notice_label = QLabel()
        self.notice_label.setWordWrap(True)
        self.notice_label.setStyleSheet("QLabel { background: #fff4d6; padding: 3px; }")
        self.notice_label.hide()
        self.sample_btn.hide()

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.notice_label)
        ll.addWidget(self.empty_label)
        ll.addWidget(self.sample_btn)
        ll.addWidget(self.restore_btn)
        ll.addWidget(self.rebuild_btn)
        ll.addWidget(self.result_list, 1)
        # the PDF page gets the space: the answer and the links take what they need,
        # the results a third of the width (also at 1024×700)
        right = self.right_split = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.answer)
        right.addWidget(self.viewer)
        right.addWidget(self.refs)
        right.setStretchFactor(0, 0)
        right.setStretchFactor(1, 1)
        right.setStretchFactor(2, 0)
        right.setChildrenCollapsible(False)
        right.setSizes([110, 600, 56])
        # the answer pane's height the user chose (None: the restored or default one); answers
        # grow the pane past it to show whole (_fit_answer_pane), never shrink it below it
        self._answer_height: int | None = None
        right.splitterMoved.connect(self._answer_pane_dragged)
        split = self.split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 2)
        split.setSizes([380, 900])
        split.setChildrenCollapsible(False)  # the results never vanish behind a dragged handle
        central = QWidget()
        cl = QVBoxLayout(central)
        cl.setContentsMargins(6, 6, 6, 0)
        cl.addWidget(self.search_box)
        cl.addWidget(split, 1)
        self.setCentralWidget(central)
        self._accessibility()
        self.busy = QProgressBar()  # indeterminate: shown while a search runs
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.statusBar().addPermanentWidget(self.busy)
        self._actions()
        self.restore_layout()
        self._update_export_actions()
        self.statusBar().showMessage(self.tr("Loading the index…"))
        self.load_index()

    # -- layout remembered between sessions ----------------------------------------
    def restore_layout(self) -> None:
        """Window geometry and splitter positions of the last session (QSettings)."""
        q = self.settings.q
        for key, restore in (("ui/geometry", self.restoreGeometry), ("ui/split", self.split.restoreState),
                             ("ui/right_split", self.right_split.restoreState)):
            value = q.value(key)
            if value is not None:
                try:
                    restore(value)
                except TypeError:  # not a byte array (edited by hand): keep the default
                    log.info("ignored layout setting %s", key)

    def save_layout(self) -> None:
        q = self.settings.q
        q.setValue("ui/geometry", self.saveGeometry())
        q.setValue("ui/split", self.split.saveState())
        q.setValue("ui/right_split", self.right_split.saveState())
        q.sync()

    # -- actions ------------------------------------------------------------------
    def _actions(self) -> None:
        def act(text: str, shortcut, slot, menu) -> QAction:
            a = QAction(text, self)
            if shortcut:
                a.setShortcut(QKeySequence(shortcut))
            a.triggered.connect(slot)
            menu.addAction(a)
            self.addAction(a)
            return a

        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.library_action = act(self.tr("&Library…"), "Ctrl+B", self.open_library, file_menu)
        self.export_md_action = act(self.tr("Export results as &Markdown…"), "Ctrl+S",
                                    lambda: self.export_markdown(), file_menu)
        self.export_csv_action = act(self.tr("Export results as &CSV…"), None, lambda: self.export_csv(),
                                     file_menu)
        act(self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close, file_menu)
        edit = self.menuBar().addMenu(self.tr("&Edit"))
        act(self.tr("&Focus search"), "Ctrl+L", self.focus_search, edit)
        self.cancel_search_action = act(self.tr("Cancel &search"), "Esc", self.cancel_search, edit)
        self.copy_citation_action = act(self.tr("Copy &citation"), "Ctrl+Shift+C", self.copy_citation, edit)
        self.copy_passage_action = act(self.tr("Copy &passage with citation"), "Ctrl+Shift+P",
                                       self.copy_passage, edit)
        self.copy_results_action = act(self.tr("Copy &results (question, answer, citations)"), "Ctrl+Shift+R",
                                       self.copy_results, edit)
        self.open_external_action = act(self.tr("Open in system PDF &viewer"), "Ctrl+O", self.open_external, edit)
        go = self.menuBar().addMenu(self.tr("&Go"))
        # Alt+←/→ (the browser keys) across the provisions opened in the viewer
        act(self.tr("&Next pane"), "F6", lambda: self.cycle_pane(1), go)
        act(self.tr("&Previous pane"), "Shift+F6", lambda: self.cycle_pane(-1), go)
        act(self.tr("&Answer"), "Ctrl+Shift+A", self.focus_answer, go)
        self.back_action = act(self.tr("&Back"), QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Left),
                               self.viewer.back, go)
        self.forward_action = act(self.tr("&Forward"), QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Right),
                                  self.viewer.forward, go)

        def history_changed() -> None:
            self.back_action.setEnabled(self.viewer.can_go_back())
            self.forward_action.setEnabled(self.viewer.can_go_forward())

        self.viewer.history_changed.connect(history_changed)
        history_changed()
        tools = self.menuBar().addMenu(self.tr("&Tools"))
        self.check_citations_action = act(self.tr("Check &citations in a text…"), "Ctrl+K",
                                          self.open_citation_check, tools)
        # Preferences is Ctrl+, on macOS only: on Windows and Linux it is no key at all (user test 6)
        self.settings_action = act(self.tr("&Settings…"), QKeySequence.StandardKey.Preferences,
                                   self.open_settings, tools)
        if self.settings_action.shortcut().isEmpty():
            self.settings_action.setShortcut(QKeySequence("Ctrl+,"))

    def _accessibility(self) -> None:
        """Names for screen readers, and a Tab chain without the read-only panes.

        The answer and the links pane are text to read, not controls: each took Tab once per
        link (six stops before the viewer's buttons, clerk4). They are reached by F6 / Shift+F6
        (the panes in turn, as in Windows' own programs) or Ctrl+Shift+A (the answer), and a
        click; once there, Tab still walks their [n] links and Enter opens one.
        """
        from .messages import accessible_text
        for widget, part in ((self.search_box, "search"), (self.result_list, "results"), (self.answer, "answer"),
                             (self.refs, "references"), (self.viewer.scroll, "page"),
                             (self.viewer.zoom_out_btn, "zoom_out"), (self.viewer.zoom_in_btn, "zoom_in")):
            name, description = accessible_text(part)
            widget.setAccessibleName(name)
            widget.setAccessibleDescription(description)
        for pane in (self.answer, self.refs):
            pane.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

    def panes(self) -> list[QWidget]:
        """The window's panes in F6 order (the hidden ones left out)."""
        return [w for w in (self.search_box, self.result_list, self.answer, self.viewer.scroll, self.refs)
                if w.isVisible()]

    def cycle_pane(self, step: int = 1) -> None:
        panes = self.panes()
        focus = QApplication.focusWidget()
        at = next((i for i, w in enumerate(panes) if focus is w or (focus and w.isAncestorOf(focus))), -1)
        target = panes[(at + step) % len(panes)] if at >= 0 else panes[0]
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_answer(self) -> None:
        self.answer.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    # -- index --------------------------------------------------------------------
    def load_index(self) -> None:
        from ..search import Index
        gc.unfreeze()  # a replaced index's objects can be collected again (see _index_loaded)
        path = self.settings.index_dir
        self._loading = True  # until _index_loaded/_index_failed: questions wait, not refused
        def load():
            from ..errors import IndexDamaged
            try:
                return Index(path)
            except IndexDamaged as exc:
                # its files are damaged, its sealed manifest may not be: it says which folders the
                # index was built from, so "rebuild" works for an index built on the command line
                from .. import storage
                try:
                    exc.manifest = storage.open_version(path)[1]  # type: ignore[attr-defined]
                except Exception:  # noqa: BLE001 - the manifest is damaged too: nothing to offer
                    pass
                raise

        self._loader = CallWorker(load, self)
        self._loader.done.connect(self._index_loaded)
        self._loader.failed.connect(self._index_failed)
        self._loader.start()

    def _index_loaded(self, index) -> None:
        self._loading = False
        if self._closing:
            return
        self._adopt(index)
        docs = index.manifest["documents"]
        ok = sum(1 for d in docs if d["status"] == "ok")
        self.statusBar().showMessage(self.tr("{0} documents, {1} passages — {2}").format(
            ok, index.manifest["chunk_count"], self.settings.index_dir))
        self.empty_label.hide()
        self.sample_btn.hide()
        self.rebuild_btn.hide()
        self.restore_btn.hide()
        self.show_notices()
        self.search_box.setFocus()
        if self._waiting:
            question, self._waiting = self._waiting, None
            self._start_search(question)

    def _adopt(self, index) -> None:
        """Search ``index`` from now on: its citation checker, guidance and question model get ready."""
        from ..cite import CitationChecker
        self.index = index
        self._damaged_manifest = None
        # The loaded index is a great many Python objects that live as long as it does.
        # Python's full garbage collection walks all of them: 363-389 ms on the busy 2-core
        # machine (benchmarks/gui_latency.py --no-gc-freeze), at a random moment, freezing
        # the window and whichever search was running. Frozen, they are skipped (they are
        # still freed by reference counting).
        gc.freeze()
        self.checker = CitationChecker(index)
        if self.cite_dialog is not None:
            self.cite_dialog.set_checker(self.checker)
        # guidance runs on this thread before each search: its Sudachi tokenizer (one per thread,
        # ~60 ms to create on a busy machine) is made now, not when the user presses Enter
        QTimer.singleShot(0, lambda: self.index is index and self._warm_guidance(index))
        # The query model loads in a thread of its own, not the search thread: a question
        # asked right after launch used to wait behind it (2.5-3 s on a busy machine) even when
        # word search alone answers it; now only a question that needs the model waits for
        # it (Index.load_embedder holds a lock while loading).
        def load_model() -> None:
            index.load_embedder(warm=True)
            gc.freeze()  # the model and the libraries it imported live as long as the index

        loader = CallWorker(load_model, self)
        self._background = [w for w in self._background if w.isRunning()] + [loader]
        loader.start(CallWorker.Priority.LowPriority)

    def _reload_updated_index(self) -> None:
        """A newer version of the index was published (IT updating a shared index, another
        workstation's Library): load it in the background while the loaded one keeps answering,
        then search it — without touching what is on screen or where the focus is."""
        if self._loading or self._reloading or self.index is None:
            return
        from ..search import Index
        old, path = self.index, self.settings.index_dir
        self._reloading = True

        def load():
            new = Index(path)
            if (old.embedder is not None and new.dense is not None and new.dense_model == old.dense_model
                    and new._embedding_setting == old._embedding_setting):
                new.embedder = old.embedder  # the same question model: not loaded twice
            return new

        def done(index) -> None:
            self._reloading = False
            if self._closing or self.index is not old:  # replaced meanwhile (Library, Settings)
                return
            gc.unfreeze()  # the old version's objects can be collected once the searches let go
            self._adopt(index)
            self.statusBar().showMessage(self.tr(
                "The index was updated ({0}); new searches use it.").format(index.version.name))

        def failed(message: str, details: str) -> None:
            self._reloading = False  # the loaded version keeps serving; the next search tries again
            log.warning("the updated index could not be loaded: %s\n%s", message, details)

        worker = CallWorker(load, self)
        worker.done.connect(done)
        worker.failed.connect(failed)
        self._background = [w for w in self._background if w.isRunning()] + [worker]
        worker.start(CallWorker.Priority.LowPriority)

    def _index_failed(self, message: str, details: str) -> None:
        self._loading = False
        self.index = None
        if self._waiting:
            self._waiting = None
            self._set_busy(False)
        from ..errors import IndexMissing
        shared = self.settings.index_override is not None  # IT's index: not built from here
        error = self._loader.error if self._loader else None
        missing = isinstance(error, IndexMissing)
        if getattr(error, "manifest", None) is not None:  # damaged at launch, its manifest readable
            self._damaged_manifest = error.manifest
        where = escape(str(self.settings.index_dir))
        if shared and missing:
            self.empty_label.setText(self.tr(
                "<b>The shared index cannot be found.</b> This computer is set (by {0}) to use the "
                "index in {1}. Ask your IT department.").format("REGLENS_INDEX", where))
            self.statusBar().showMessage(self.tr("No index"))
        elif shared:  # the Library cannot rebuild IT's index: say who can (user test)
            self.empty_label.setText(self.tr(
                "<b>The shared index cannot be used.</b> This computer is set (by {0}) to use the "
                "index in {1}; only your IT department can rebuild it. Ask them.").format("REGLENS_INDEX", where))
            self.statusBar().showMessage(self.tr("The index cannot be used"))
        elif missing:
            self.empty_label.setText(self.tr(
                "<b>No library yet.</b> Index the bundled sample statutes to try RegLens, or add your "
                "own folders of PDFs with <i>File → Library…</i> (Ctrl+B)."))
            self.statusBar().showMessage(self.tr("No index"))
        # the version before a damaged one, if the index keeps it: back in seconds, not a rebuild
        from ..storage import restorable
        can_restore = not shared and not missing and restorable(self.settings.index_dir) is not None
        if not shared and not missing:
            how = (self.tr("Restore the previous version of the index, or rebuild it from your library.")
                   if can_restore else self.tr("Rebuild it from your library."))
            self.empty_label.setText(f"<b>{escape(message)}</b><br>{how}")  # message: translated per error type
            self.statusBar().showMessage(self.tr("The index cannot be used"))
        self.empty_label.show()
        # The sample is offered to a new user only: one click on it used to replace the library
        # folders of a user whose index was damaged (user test); they rebuild their own instead.
        self.sample_btn.setVisible(not shared and missing and not self.settings.folders)
        self.rebuild_btn.setVisible(not shared and not missing)
        self.restore_btn.setVisible(can_restore)

    def index_sample(self) -> None:
        if self.settings.folders:  # never replace someone's library with the sample
            return
        self.settings.folders = [str(resource("sample"))]
        self.rebuild_library()

    def restore_previous(self) -> None:
        """Publish the previous version again; it is verified whole first (off the UI thread)."""
        from ..integrity import restore_previous
        root = self.settings.index_dir
        self.restore_btn.setEnabled(False)
        self.statusBar().showMessage(self.tr("Checking the previous version of the index…"))
        worker = CallWorker(lambda: restore_previous(root), self)

        def failed(_message: str, details: str) -> None:
            self.restore_btn.setEnabled(True)
            self.restore_btn.hide()
            self.show_error(self.tr("The previous version is damaged too. Rebuild the index from your library."),
                            details)

        worker.done.connect(lambda _name: (self.restore_btn.setEnabled(True), self.load_index()))
        worker.failed.connect(failed)
        self._background = [w for w in self._background if w.isRunning()] + [worker]
        worker.start()

    def rebuild_library(self) -> None:
        """Build the index again from the library's own folders (a damaged index's way back)."""
        self.open_library()
        assert self.library is not None
        if not self.library.is_running():
            self.library.start(incremental=False)

    def open_library(self) -> None:
        manifest = self.index.manifest if self.index else self._damaged_manifest
        if self.library is None:
            self.library = LibraryDialog(self.settings, manifest, self)
            self.library.index_changed.connect(self.load_index)
            self.library.error.connect(lambda m, d: self.show_error(m, d))
        elif not self.library.is_running():
            self.library.manifest = manifest  # the index may have changed since it was last shown
            self.library.refresh(rescan=True)  # and PDFs may have been added to the folders
        self.library.show()
        self.library.raise_()

    # -- search -------------------------------------------------------------------
    def run_search(self) -> None:
        """Enter: search in the search thread; a newer question supersedes this one."""
        question = self.search_box.text().strip()
        if not question:
            return
        self.question = question
        self.settings.remember(question)
        self.completer.model().setStringList(self.settings.history)
        if self.index is None:
            if self._loading:
                self._waiting = question  # runs as soon as the index is loaded
                self._set_busy(True, self.tr("Loading the index… the search will run when it is ready"))
                return
            self._say_no_index()
            return
        self._start_search(question)

    def _say_no_index(self) -> None:
        """Why a question or a check cannot run: a damaged index (the note above says what to
        do) or none built yet."""
        if self.rebuild_btn.isVisible():
            self.statusBar().showMessage(self.tr("The index cannot be used; see the note above"))
        else:
            self.statusBar().showMessage(self.tr("Build an index first (File → Library…)"))

    def _start_search(self, question: str) -> None:
        if not self._guide(question):
            return
        from ..summarize import Summarizer  # imported here, on the UI thread: imports take turns
        index, top_k = self.index, self.settings.top_k

        guidance, checker = self._guidance, self.checker
        ocr_note = self.tr("read by OCR")

        def job():  # in the search thread: nothing here touches a widget
            from ..guidance import highlight_words, with_citations
            passages = index.search(question, top_k=top_k)
            results = [r.to_json() for r in passages]
            terms = highlight_words(question, index.tokenizer, index.idf)
            # cited provisions that do not exist: read here, not on the UI thread before searching
            from ..storage import newer_version
            return ("results", question, passages, results, [result_html(r, terms, ocr_note) for r in results],
                    with_citations(guidance, index, question, checker), newer_version(index.root, index.version.name))

        stale = self._searcher.stale

        def answer_job(passages):  # second step, once the results are painted; stops when stale
            def compose():
                from ..guidance import highlight_words
                answer = Summarizer(index).answer_from(question, passages, stop=stale)
                # a passage next to a result that the answer cites is a result of its own, after them
                extra = [r.to_json() for r in answer.passages[len(passages):]]
                terms = highlight_words(question, index.tokenizer, index.idf) if extra else []
                return "answer", question, answer, extra, [result_html(r, terms, ocr_note) for r in extra]
            return compose

        self._answer_job = answer_job
        self._unpainted = None
        self._ticket = self._searcher.submit(job)
        self._set_busy(True, self.tr("Searching…"))

    def _warm_guidance(self, index) -> None:
        from ..guidance import for_index
        for_index(index, "借地権")

    def _guide(self, question: str) -> bool:
        """Guidance before searching (a millisecond of Sudachi): False when the question has no
        topic — then the user is asked for it instead of being shown unrelated articles."""
        from ..guidance import for_index
        self._guidance = for_index(self.index, question)
        if not self._guidance.no_topic:
            return True
        self._ticket = None
        self._searcher.drop_pending()
        self._set_busy(False)
        self._clear_shown()
        self.show_notices()
        self.statusBar().showMessage(self.tr("No search: the question has no topic"), 5000)
        self._update_export_actions()
        self.search_box.setFocus()
        self.search_finished.emit(question)
        return False

    def cancel_search(self) -> None:
        """Esc: forget the running search or answer (its result will not be shown) and a waiting one.

        An answer being composed stops at its next passage (``Summarizer.answer_from`` asks
        the search thread's ``stale``); a search cannot be stopped half-way inside the core,
        so it finishes in its thread and its result is dropped (its ticket is no longer the
        window's). A question typed next starts as soon as the running call returns; typing
        one also stops an answer being composed."""
        if self._ticket is None and self._waiting is None:
            return
        self._ticket = None
        self._waiting = None
        self._searcher.drop_pending()  # results already in the list still get their page
        self._searcher.cancel_running()  # an answer being composed stops at its next step
        if "answer" in self._unfinished:  # the results are shown, their answer will not be
            self._unfinished.discard("answer")
            self.answer.clear()
        self._set_busy(False)
        if self.shown_question and self.shown_question != self.question:
            # the box keeps the cancelled question (to edit and ask again); the user test read the
            # older results under it as its answer, so say whose results they are, and keep saying it
            self.statusBar().showMessage(self.tr("Search cancelled. The results shown are for “{0}”.").format(
                self.shown_question))
        else:
            self.statusBar().showMessage(self.tr("Search cancelled"), 3000)

    def is_searching(self) -> bool:
        return self._ticket is not None or self._waiting is not None

    def _set_busy(self, busy: bool, message: str = "") -> None:
        self.result_list.setEnabled(not busy)  # greyed: these results are about to be replaced
        self.answer.setEnabled(not busy)
        self.busy.setVisible(busy)
        if message:
            self.statusBar().showMessage(message)

    def _search_failed(self, ticket: int, message: str, details: str) -> None:
        if ticket != self._ticket or self._closing:
            return
        self._ticket = None
        self._unpainted = None
        self._unfinished.clear()
        self._set_busy(False)
        self.statusBar().clearMessage()
        from ..errors import IndexDamaged
        if isinstance(self._searcher.error(ticket), IndexDamaged):
            # damage found only now (a passage store that reads as a database but is not one):
            # the window offers what it offers when the damage is found at launch — restore the
            # previous version or rebuild — instead of a dialog over a blank window (user test)
            log.error("index damaged at search time: %s\n%s", message, details)
            self._index_unusable(message)
        else:
            self.show_error(message, details)
        self.search_finished.emit(self.question)

    def _index_unusable(self, message: str) -> None:
        """The loaded index turned out to be damaged: nothing of it stays on screen. Its manifest
        (read and verified at load) still says which folders it was built from, for a rebuild."""
        self._damaged_manifest = self.index.manifest if self.index is not None else None
        self.index = None
        self.checker = None
        self.shown_question = ""
        self._clear_shown()
        self._update_export_actions()
        self._index_failed(message, "")

    def _clear_shown(self) -> None:
        """Nothing of the previous question stays on screen (or behind it, for a link or an export)."""
        self.results, self._answer_text, self._answer_sentences = [], "", []
        self.result_list.clear()
        self.answer.clear()
        self.viewer.clear()
        self._shown = None
        self._show_refs()

    def _search_done(self, ticket: int, result) -> None:
        if ticket != self._ticket or self._closing:
            return  # superseded by a newer question, or cancelled: never shown
        if result[0] == "answer":
            self._answer_done(*result[1:])
            return
        _, question, passages, self.results, htmls, self._guidance, newer = result
        self.shown_question = question
        self._shown_version = self.index.version.name if self.index is not None else ""
        self.show_notices()
        self._unfinished = {"page", "answer"}
        self.result_list.setEnabled(True)
        self.answer.setEnabled(False)  # the answer pane is busy until the answer is composed
        self.answer.setHtml("<p style='color:#777'>" + self.tr("Composing the answer…") + "</p>")
        with QSignalBlocker(self.result_list):  # no page render while the list is rebuilt
            self.result_list.clear()
            for r, html in zip(self.results, htmls, strict=True):
                self._add_result_item(r, html)
            if self.results:
                self.result_list.setCurrentRow(0)
        self.statusBar().showMessage(self.tr("{0} results").format(len(self.results)))
        self._answer_text = ""
        self._update_export_actions()
        if self.results:
            self.result_list.setFocus()
        self.results_shown.emit(question)
        if newer:
            self._reload_updated_index()
        # the answer and the first page wait until the list is painted: started earlier, they
        # would take turns with it for the interpreter and delay what the user reads first
        self._unpainted = (ticket, question, self.results, passages)
        if self.result_list.isVisible():
            self.result_list.viewport().update()
            QTimer.singleShot(250, lambda: self._after_paint(ticket))  # never painted (minimised)
        else:
            self._after_paint(ticket)

    def _list_painted(self) -> None:
        if self._unpainted is not None:
            QTimer.singleShot(0, lambda t=self._unpainted[0]: self._after_paint(t))

    def _after_paint(self, ticket: int) -> None:
        """The results are on screen: compose the answer in the search thread, render the page."""
        if self._unpainted is None or self._unpainted[0] != ticket or self._closing:
            return
        _, question, results, passages = self._unpainted
        self._unpainted = None
        self.results_painted.emit(question)
        if self._ticket == ticket:  # not cancelled meanwhile
            self._ticket = self._searcher.submit(self._answer_job(passages))
        if not results:
            self._finished("page", question)
        elif self.results is results:
            self._page_for = (question, results)
            if not self.show_result(self.result_list.currentRow()):
                self._page_shown()

    def _page_shown(self) -> None:
        """The viewer has shown the page asked for (rendered in its thread) or said it cannot."""
        if self._page_for is not None and self.viewer.idle():
            (question, results), self._page_for = self._page_for, None
            if self.results is results:
                self._finished("page", question)

    def show_notices(self) -> None:
        """Index.notices grow while it is used (e.g. the meaning model cannot load): re-read after
        each search; each shown once, in the UI's language."""
        from .messages import guidance_texts, notice_text
        notices = guidance_texts(self._guidance) if self._guidance is not None else []
        notices += list(dict.fromkeys(notice_text(n) for n in (self.index.notices if self.index else [])))
        self.notice_label.setText("\n".join(notices))
        self.notice_label.setVisible(bool(notices))

    def _add_result_item(self, r: dict, html: str) -> None:
        item = QListWidgetItem(f"{short_citation(r)} {page_text(r)}")  # accessible text
        if r.get("beside"):  # cited by the answer from next to a result: search gave it no score
            item.setToolTip(self.tr("next to result [{0}], cited by the answer").format(r["beside"]))
        else:
            item.setToolTip(self.tr("score {0}").format(f"{r['score']:.3f}"))
        item.setData(RESULT_ROLE, r)
        item.setData(HTML_ROLE, html)
        self.result_list.addItem(item)

    def _answer_done(self, question: str, answer, extra: list[dict] | None = None,
                     htmls: list[str] | None = None) -> None:
        """Show the answer; the passages it cites beyond the search's results (a result's neighbour,
        ``Summarizer._neighbours``) join the list first, so its [n] selects them as any other."""
        self._ticket = None
        self._set_busy(False)
        if extra:
            with QSignalBlocker(self.result_list):  # the page shown stays the one selected
                for r, html in zip(extra, htmls or [], strict=True):
                    self.results.append(r)  # the same list: the page and export checks compare it by identity
                    self._add_result_item(r, html)
            self.statusBar().showMessage(self.tr("{0} results").format(len(self.results)))
            self._update_export_actions()
        self._show_answer(answer)
        self.answer_shown.emit(question)
        if self.settings.llm_url and not answer.weak:
            self._generate(question)
        self._finished("answer", question)

    def _finished(self, part: str, question: str) -> None:
        """search_finished once the page and the answer of the current question are both shown."""
        self._unfinished.discard(part)
        if not self._unfinished:
            self.search_finished.emit(question)

    def _show_answer(self, answer) -> None:
        """The answering sentences, their answering words in bold, each [n] opening that sentence."""
        import html
        self._answer_sentences = list(answer.sentences)
        self._answer_text = answer.text
        verdict = getattr(answer, "verdict", "none" if answer.weak else "answer")
        ocr_cited = {n for n, p in enumerate(answer.passages, 1) if p.chunk.get("ocr")}
        ocr_cited &= {n for s in answer.sentences for n in s.cited}
        if verdict == "none" or not answer.sentences:
            body = self.tr("No clear answer found; closest provisions are listed below.")
        else:
            parts = []
            for i, s in enumerate(answer.sentences):
                text, pos = "", 0
                for a, b in sorted(getattr(s, "emphasis", [])):
                    text += html.escape(s.text[pos:a]) + "<b>" + html.escape(s.text[a:b]) + "</b>"
                    pos = b
                text += html.escape(s.text[pos:])
                marks = "" if getattr(s, "role", "") == "lead" else "".join(
                    f"<a href='cite:{n}:{i}'>[{n}]</a>" for n in s.cited)
                if getattr(s, "provision", ""):  # the paragraph (and item) it stands in: 第二十六条第一項
                    marks += f"<span style='color:#666'>（{html.escape(s.provision)}）</span>"
                if ocr_cited & set(s.cited):
                    marks += f"<span style='color:{CAUTION_COLOUR}'>（OCR）</span>"
                parts.append(text + marks)
            body = "<br>".join(parts)  # one sentence (or item) per line: where each ends is visible
            if verdict == "tentative":
                label = self.tr("No clear answer; possibly relevant provision:")
                body = f"<span style='color:{CAUTION_COLOUR}'>{label}</span><br>{body}"
        footer = self.tr("Extracted from the cited provisions; check the sources.")
        if ocr_cited:  # machine-read words can be wrong (訪録 for 登録): say which and what to do
            marks = "".join(f"[{n}]" for n in sorted(ocr_cited))
            footer = (f"<span style='color:{CAUTION_COLOUR}'>"
                      + self.tr("{0} was read from a scanned page by OCR and may contain misread "
                                "characters; compare it with the page.").format(marks) + "</span><br>" + footer)
        self.answer.setHtml(f"<p>{body}</p><p style='color:#777'>{footer}</p>")
        self._fit_answer_pane()

    def _answer_pane_dragged(self, _pos: int, handle: int) -> None:
        if handle == 1:  # the handle between the answer and the page
            self._answer_height = self.right_split.sizes()[0]

    def _fit_answer_pane(self) -> None:
        """Show the whole answer and its footer without scrolling (user test: at 1280×820 a
        400-character answer hid its last sentence and the "check the sources" line), taking at
        most a third of the column and leaving the PDF page PAGE_SHARE of the window (at
        1024×700 too: a 0.6 share still cut 12 of 37 answers in a user test); a short answer
        gives the space back."""
        sizes = self.right_split.sizes()
        column = sum(sizes)
        if column <= 0 or not self.answer.isVisible():
            return
        if self._answer_height is None:
            self._answer_height = sizes[0]
        doc = self.answer.document()
        doc.setTextWidth(self.answer.viewport().width())
        need = int(doc.size().height()) + 2 * self.answer.frameWidth() + 2
        cap = min(column // 3, column - sizes[2] - int(PAGE_SHARE * self.height()))
        want = max(self._answer_height, min(need, cap))
        if want != sizes[0]:
            self.right_split.setSizes([want, column - want - sizes[2], sizes[2]])

    def _generate(self, question: str) -> None:
        """Ask the configured language model off the UI thread; only grounded sentences come back."""
        from ..generate import GroundedSummarizer
        from ..llm import load_llm
        from ..summarize import Summarizer
        index, url, model, top_k = self.index, self.settings.llm_url, self.settings.llm_model, self.settings.top_k

        def job():
            return GroundedSummarizer(Summarizer(index), load_llm(url, model)).answer(question, top_k=top_k)

        worker = CallWorker(job, self)
        worker.done.connect(lambda ans: self._show_generated(question, ans))
        worker.failed.connect(lambda m, _d: self.statusBar().showMessage(
            self.tr("Language model not used: {0}").format(m), 8000))
        self._background = [w for w in self._background if w.isRunning()] + [worker]
        self.answer.append("<p style='color:#777'>" + self.tr("Asking the language model…") + "</p>")
        worker.start()

    def _show_generated(self, question: str, answer) -> None:
        if question != self.question or self._closing:
            return  # a newer search replaced this one
        if not answer.generated:
            self.statusBar().showMessage(self.tr("Language model not used: {0}").format(
                answer.fallback_reason), 8000)
            self._show_answer(answer)
            return
        body = "".join(f"{s.text}" + "".join(f"<a href='cite:{n}'>[{n}]</a>" for n in s.cited)
                       for s in answer.sentences)
        self._answer_text = "\n".join(f"{s.text}{s.marks}" for s in answer.sentences)
        dropped = (self.tr(" {0} generated sentence(s) were removed because the cited passage did not "
                           "support them.").format(len(answer.dropped)) if answer.dropped else "")
        self.answer.setHtml(
            "<p style='background:#fff4d6'><b>" + self.tr("Generated by {0}").format(answer.model)
            + "</b> — " + self.tr("every sentence was checked against the passage it cites; read the "
                                  "passages before relying on it.") + dropped + "</p>"
            f"<p>{body}</p>")
        self._fit_answer_pane()

    def open_settings(self) -> None:
        """Font size applies at once; a new language needs a restart, which is offered."""
        from .settings_dialog import SettingsDialog
        s = self.settings
        before = (s.index_dir, s.font_size, s.language)
        if not SettingsDialog(s, self).exec():
            return
        if s.font_size != before[1]:
            self.apply_font()
        if s.index_dir != before[0]:
            self.load_index()
        if s.language != before[2]:
            self.offer_restart()

    def apply_font(self) -> None:
        """The whole application's font, so dialogs and message boxes follow it too."""
        from PySide6.QtGui import QFont
        from PySide6.QtWidgets import QApplication
        f = QFont(self._base_font)
        if self.settings.font_size:
            f.setPointSize(self.settings.font_size)
        QApplication.setFont(f)

    def offer_restart(self) -> QMessageBox:
        """The language is read at start: ask to restart now (relaunching RegLens) or later."""
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Restart RegLens"),
                          self.tr("The new language is used after RegLens restarts."), parent=self)
        restart = box.addButton(self.tr("Restart now"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Later"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restart)
        box.finished.connect(lambda _r: box.clickedButton() is restart and self.restart())
        self._restart_box = box
        box.open()
        return box

    def restart(self) -> bool:
        """Start a new RegLens, then close this one (its settings and layout are saved on close)."""
        if getattr(sys, "frozen", False):
            program, args = sys.executable, []
        else:
            program, args = sys.executable, ["-m", "reglens", "gui"]
        if not QProcess.startDetached(program, args):
            self.show_error(self.tr("RegLens could not be restarted; start it again yourself."))
            return False
        self.close()
        return True

    def _answer_link(self, url: QUrl) -> None:
        """[n] selects passage n; when it belongs to a sentence, the viewer highlights that sentence.

        The sentence's own boxes are found in the viewer's render thread (reading the PDF's
        lines again); until then the list shows passage n selected and the window stays live.
        A sentence whose lines cannot be found opens its passage's lines instead."""
        if url.scheme() != "cite":
            return
        n, _, i = url.path().partition(":")
        if not n.isdigit() or not 0 < int(n) <= len(self.results):
            return
        row = int(n) - 1
        sentences = self._answer_sentences
        if not (i.isdigit() and int(i) < len(sentences)):
            self.result_list.setCurrentRow(row)  # the passage, as a click on its entry
            return
        with QSignalBlocker(self.result_list):  # the sentence's page, not the passage's, is opened
            self.result_list.setCurrentRow(row)
        r, sentence = self.results[row], sentences[int(i)]
        fallback = (r["page"] - 1, r["spans"])

        def locate() -> tuple[int, list]:  # in the render thread
            spans = sentence.spans
            return (int(spans[0][0]), spans) if spans else fallback

        key = (r["doc_id"], r["article_key"]) if r.get("article_key") else None
        if self._open_in_viewer(r["doc_path"], 0, locate, key):
            self._shown = key
            self._show_refs()

    def current_result(self) -> dict | None:
        item = self.result_list.currentItem()
        return item.data(RESULT_ROLE) if item else None

    def show_result(self, row: int) -> bool:
        """Open result ``row`` in the viewer (its page renders in the viewer's thread)."""
        if not 0 <= row < len(self.results):
            return False
        r = self.results[row]
        key = (r["doc_id"], r["article_key"]) if r.get("article_key") else None
        fallback = (r["page"] - 1, r["spans"])

        def located() -> tuple[int, list]:  # in the render thread: the PDF lines are read there
            # the passage's own characters, not its whole lines (a GDPR article begins on the line
            # that ends the article before)
            from ..sentence_spans import own_place
            return own_place([r], r["doc_path"], fallback)

        if self._open_in_viewer(r["doc_path"], r["page"] - 1, located, key):
            self._shown = key
            self._show_refs()
            return True
        return False

    def _open_in_viewer(self, path: str, page: int, spans, key) -> bool:
        """Every way of opening a provision ends here; a failure is shown, in the UI's language.

        ``spans`` is the boxes to highlight, or a function finding (page, boxes) that the
        viewer runs in its render thread."""
        try:
            if callable(spans):
                self.viewer.show_located(path, spans, key=key)
            else:
                self.viewer.show_passage(path, page, spans, key=key)
        except ValueError as exc:  # the viewer's own, translated explanation (e.g. no usable path)
            self.show_error(str(exc))
            return False
        except Exception as exc:
            self.show_error(self.tr("Cannot open {0}: {1}").format(path, exc))
            return False
        return True

    def open_external(self) -> None:
        """Ctrl+O: the shown PDF in the system's viewer; a failure is shown, not only logged."""
        path = self.viewer.path
        if not path:
            self.statusBar().showMessage(self.tr("No document is shown"), 3000)
            return
        if not Path(path).is_file():
            self.show_error(self.tr("Cannot open {0}: the file is not there (moved or deleted?)").format(path))
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.show_error(self.tr("Cannot open {0}: no PDF viewer is set up on this computer").format(path))

    def _navigated(self, entry) -> None:
        """Back/Forward in the viewer: the cross-reference links follow the provision shown."""
        self._shown = entry.key
        self._show_refs()

    # -- citations and cross references ----------------------------------------
    def open_citation_check(self) -> None:
        if self.checker is None:
            self._say_no_index()
            return
        if self.cite_dialog is None:
            self.cite_dialog = CitationDialog(self.checker, self)
            self.cite_dialog.open_requested.connect(self._open_checked)
            self.cite_dialog.nothing_to_open.connect(self.show_no_provision)
        self.cite_dialog.present()

    def _open_checked(self, cite) -> None:
        """A row of the citation check opened: the viewer shows it, and the status bar says that the
        results and the answer beside it are still the last question's (clerk4: nothing said so)."""
        self.open_provision(cite)
        if self.shown_question:
            self.statusBar().showMessage(
                self.tr("Showing {0} from the citation check; the results and the answer are still those of "
                        "「{1}」.").format(cite.provision or cite.written, self.shown_question))

    def open_provision(self, cite) -> None:
        """Show a resolved citation's provision in the viewer (from the check or a link)."""
        key = (cite.doc_id, cite.article_key) if cite.doc_id and cite.article_key else None
        spans = cite.spans
        checker = self.checker
        if checker is not None and cite.doc_id and cite.article_key:
            # 第2条第6項, 第5条ただし書, an English article: only its own lines (or characters), found
            # in the render thread (a page read); a whole Japanese article is its lines as checked
            spans = lambda: checker.locate(cite)  # noqa: E731 - the viewer calls it in its thread
        if self._open_in_viewer(cite.doc_path, (cite.page or 1) - 1, spans, key):
            self._shown = key
            self._show_refs()

    def show_no_provision(self, cite) -> None:
        """A citation the library cannot show (law not indexed, no such article): the viewer
        says so instead of keeping the provision opened before, which would read as its text."""
        self._shown = None
        self._show_refs()
        self.viewer.clear(self.tr("「{0}」: nothing in the library to show for this citation").format(cite.written))

    def _show_refs(self) -> None:
        """Links to what the shown article refers to and what cites it; read in a thread
        (an article with many references takes seconds on a busy machine)."""
        if self.checker is None or self._shown is None:
            self._refs_ticket = None
            self.refs.hide()
            return
        checker, shown = self.checker, self._shown

        def job():  # "cited by" and delegations come resolved from the index's graph
            return (shown, checker.references(*shown), checker.cited_by(*shown),
                    checker.delegates_to(*shown), checker.delegated_from(*shown))

        self._refs_ticket = self._refs_runner.submit(job)

    def _refs_done(self, ticket: int, result) -> None:
        if ticket != self._refs_ticket or self._closing:
            return
        shown, refs, sources, delegates, delegators = result
        if shown != self._shown:
            return
        parts = []
        if refs:
            links = " ".join(f"<a href='ref:{i}'>{c.provision}</a>" if c.text else c.provision
                             for i, c in enumerate(refs))
            parts.append(self.tr("Refers to: {0}").format(links))
        self._refs = refs
        title = {d: v["title"] for d, v in self.index.documents.items()}

        def links_to(provisions: list[tuple[str, str]]) -> str:
            out = " ".join(f"<a href='src:{d}/{k}'>{title[d]}{key_label(k)}</a>" for d, k in provisions[:30])
            return out + (self.tr(" and {0} more").format(len(provisions) - 30) if len(provisions) > 30 else "")

        if delegates:
            parts.append(self.tr("Delegates to: {0}").format(links_to(delegates)))
        if delegators:
            parts.append(self.tr("Delegated by: {0}").format(links_to(delegators)))
        if sources:
            parts.append(self.tr("Cited by: {0}").format(links_to(sources)))
        if not parts:
            self.refs.hide()
        else:
            self.refs.setHtml("<br>".join(parts))
            self.refs.show()
        self.refs_shown.emit()

    def _ref_link(self, url: QUrl) -> None:
        target = url.toString()
        if target.startswith("ref:"):
            self.open_provision(self._refs[int(target[4:])])
        elif target.startswith("src:"):
            doc, key = target[4:].split("/", 1)
            cite = self.checker.article(doc, key)
            if cite.text:
                self.open_provision(cite)

    # -- copy / export ------------------------------------------------------------
    def copy_citation(self) -> None:
        r = self.current_result()
        if r:
            QGuiApplication.clipboard().setText(formal_citation(r))
            self.statusBar().showMessage(self.tr("Citation copied"), 3000)

    def copy_passage(self) -> None:
        r = self.current_result()
        if r:
            QGuiApplication.clipboard().setText(passage_with_citation(r))
            self.statusBar().showMessage(self.tr("Passage copied"), 3000)

    def _export_labels(self) -> dict[str, str]:
        return {"question": self.tr("Question"), "answer": self.tr("Answer"), "date": self.tr("Date"),
                "index": self.tr("Index version"), "citations": self.tr("Citations"),
                "rank": self.tr("No."), "citation": self.tr("Citation"), "page": self.tr("Page"),
                "file": self.tr("File"), "score": self.tr("Score"), "text": self.tr("Text"),
                "doc_title": self.tr("Title"), "article": self.tr("Article"),
                "paragraph": self.tr("Paragraph"), "no_answer": self.tr("(no answer)"),
                "ocr": "OCR", "read_by_ocr": self.tr("read by OCR")}

    def current_export(self) -> Export | None:
        """The shown question, answer and citations, with the date and the index version."""
        if not self.results:
            return None
        version = self._shown_version  # the version these results came from (an update may have followed)
        return Export(self.shown_question, list(self.results), self._answer_text, index_version=version,
                      index_path=str(self.settings.index_dir))

    def _update_export_actions(self) -> None:
        has = bool(self.results)
        for a in (self.export_md_action, self.export_csv_action, self.copy_results_action):
            a.setEnabled(has)

    def copy_results(self) -> None:
        export = self.current_export()
        if export is not None:
            QGuiApplication.clipboard().setText(to_markdown(export, self._export_labels()))
            self.statusBar().showMessage(self.tr("Results copied"), 3000)

    def export_markdown(self, path: str | None = None) -> str | None:
        return self._export(path, ".md", self.tr("Markdown (*.md)"), to_markdown)

    def export_csv(self, path: str | None = None) -> str | None:
        return self._export(path, ".csv", self.tr("CSV for Excel (*.csv)"), to_csv)

    def _export(self, path, extension: str, pattern: str, render) -> str | None:
        """Write the export; the file name defaults to the question and date, the extension is
        added when omitted, CSV carries a BOM so Japanese Excel reads it as UTF-8."""
        export = self.current_export()
        if export is None:
            return None
        if not path:
            start = str(Path(self.settings.export_dir) / export_file_name(export.question, export.when, extension))
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export results"), start, pattern)
            if not path:
                return None
        path = with_extension(str(path), extension)
        try:
            Path(path).write_text(render(export, self._export_labels()),
                                  encoding="utf-8-sig" if extension == ".csv" else "utf-8", newline="")
        except OSError as exc:
            from .messages import error_message
            self.show_error(error_message(exc), str(exc))
            return None
        self.settings.export_dir = str(Path(path).parent)
        self.statusBar().showMessage(self.tr("Exported to {0}").format(path), 5000)
        return path

    # -- errors -------------------------------------------------------------------
    def show_error(self, message: str, details: str = "") -> None:
        from .errors import show_error
        show_error(self, message, details)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.save_layout()
        if self.library is not None:
            self.library.close()
        if self._loader is not None:
            self._loader.wait()
        self._closing = True
        self._searcher.stop()  # lets a running search finish; its result is dropped
        self._refs_runner.stop()
        for worker in self._background:
            worker.wait()
        if self.cite_dialog is not None:
            self.cite_dialog.close()
        self.viewer.close()
        gc.unfreeze()  # the index goes with the window: collectable again
        super().closeEvent(event)
