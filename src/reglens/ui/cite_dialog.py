"""Citation check: paste a draft, see every 法令名＋条項号 with its status, open any one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
)

from ..cite import (
    FOUND,
    Citation,
    CitationChecker,
)
from .messages import accessible_text, cite_note, cite_status_text
from .worker import CallWorker

CITE_ROLE = Qt.ItemDataRole.UserRole + 1
_OK = QColor("#1b7f3b")
_UNSURE = QColor("#9a6700")
_BAD = QColor("#b42318")


class CitationDialog(QDialog):
    """Non-modal, so the officer can keep the draft open while reading provisions."""

    open_requested = Signal(object)  # Citation
    nothing_to_open = Signal(object)  # Citation without a provision text: the viewer must not keep the last one

    def __init__(self, checker: CitationChecker, parent=None):
        super().__init__(parent)
        self.checker = checker
        self.citations: list[Citation] = []
        self._worker: CallWorker | None = None
        self.setWindowTitle(self.tr("Check citations"))
        self.resize(980, 640)
        self.input = QPlainTextEdit()
        self.input.setPlaceholderText(self.tr(
            "Paste a draft or a citation, e.g. 金商法27条の13第1項及び同法施行令第9条の3第1項第2号"))
        self.check_button = QPushButton(self.tr("&Check"))
        self.check_button.clicked.connect(self.run_check)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.run_check)
        self.summary = QLabel()
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([self.tr("As written"), self.tr("Status"), self.tr("Provision"),
                                              self.tr("Page"), self.tr("Note")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda row, *_: self._select(row))
        self.table.cellActivated.connect(lambda row, _col: self._open(row))
        self.text = QTextBrowser()
        # Keyboard (user test 6): Tab in the draft inserted a tab character and Tab in the table
        # walked its cells, so nothing after the draft could be reached without a mouse. A draft
        # needs no tab characters; the table's rows are walked with the arrows, Enter opens one.
        self.input.setTabChangesFocus(True)
        self.table.setTabKeyNavigation(False)
        for widget, part in ((self.input, "citation_input"), (self.table, "citation_table"),
                             (self.text, "citation_text")):
            name, description = accessible_text(part)
            widget.setAccessibleName(name)
            widget.setAccessibleDescription(description)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.check_button)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.input)
        split.addWidget(self.table)
        split.addWidget(self.text)
        # the table is what the officer works through: it gets most of the height (at 1000×600
        # it showed 4 of 19 rows under a taller text pane, user test)
        for i, stretch in enumerate((2, 5, 2)):
            split.setStretchFactor(i, stretch)
        split.setSizes([140, 350, 140])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        # the draft first (the button sits above it on screen, but the draft is what is typed)
        for a, b in ((self.input, self.check_button), (self.check_button, self.table), (self.table, self.text)):
            self.setTabOrder(a, b)

    def present(self) -> None:
        """Show the dialog (Ctrl+K) ready to type or paste into: it opened with the focus on the
        Check button, where a pasted draft went nowhere (user test 6)."""
        self.show()
        self.raise_()
        self.activateWindow()
        self.input.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def set_checker(self, checker: CitationChecker) -> None:
        self.checker = checker

    def run_check(self) -> None:
        text = self.input.toPlainText()
        if not text.strip() or (self._worker is not None and self._worker.isRunning()):
            return
        self.check_button.setEnabled(False)
        self.summary.setText(self.tr("Checking…"))
        self._worker = CallWorker(lambda: self.checker.check(text), self)
        self._worker.done.connect(self.show_citations)
        self._worker.failed.connect(self._failed)
        self._worker.finished.connect(lambda: self.check_button.setEnabled(True))
        self._worker.start()

    def show_citations(self, citations: list[Citation]) -> None:
        self.citations = citations
        self.table.setRowCount(len(citations))
        for row, c in enumerate(citations):
            colour = _OK if c.status == FOUND and c.exact else _UNSURE if c.status == FOUND else _BAD
            status = self.status_text(c)
            note = cite_note(c.note_id, c.note_params, c.message)
            cells = [c.written, status, c.provision or c.law, str(c.page or ""),
                     note + (" " + "、".join(c.candidates) if c.candidates else "")]
            for col, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setData(CITE_ROLE, c)
                if note:  # why a row is flagged, on every cell: the note column can be off screen
                    item.setToolTip(note)
                if col == 1:
                    item.setForeground(QBrush(colour))
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        for col in (0, 2):  # a long title ("Regulation (EU) 2016/679 (General …)") must not push the note away
            self.table.setColumnWidth(col, min(self.table.columnWidth(col), 260))
        bad = sum(1 for c in citations if c.status != FOUND)
        self.summary.setText(self.tr("{0} citations, {1} with problems").format(len(citations), bad)
                             if citations else self.tr("No citations found in the text"))
        if citations:
            self.table.setCurrentCell(0, 0)
            if self.input.hasFocus() or self.check_button.hasFocus():
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)  # the rows are what is read next

    def status_text(self, c: Citation) -> str:
        return cite_status_text(c.status, c.exact)

    def _failed(self, message: str, details: str) -> None:
        self.summary.setText(self.tr("The check failed: {0}").format(message))

    def _select(self, row: int) -> None:
        if not 0 <= row < len(self.citations):
            return
        c = self.citations[row]
        note = cite_note(c.note_id, c.note_params, c.message)
        # the note first (「PDF で確認」 says why), then the provision's text
        self.text.setPlainText("\n\n".join(x for x in (note, c.text) if x))
        if c.text:
            self.open_requested.emit(c)
        else:
            self.nothing_to_open.emit(c)

    def _open(self, row: int) -> None:
        if 0 <= row < len(self.citations) and self.citations[row].text:
            self.open_requested.emit(self.citations[row])

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self._worker is not None:
            self._worker.wait()
        super().closeEvent(event)
