"""PDF page viewer: PyMuPDF renders, Qt paints the cited lines' highlight."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

HIGHLIGHT = QColor(255, 214, 0, 90)


class PdfViewer(QWidget):
    page_changed = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.doc = None  # pymupdf.Document, imported on first use (start-up time)
        self.path: Path | None = None
        self.page = 0
        self.zoom = 1.5
        self.spans: list[list[float]] = []
        self.highlights: list[QRectF] = []  # what is painted on the current page (PDF points)

        self.prev_btn = QPushButton(self.tr("◀ Previous"))
        self.next_btn = QPushButton(self.tr("Next ▶"))
        self.zoom_out_btn = QPushButton("−")
        self.zoom_in_btn = QPushButton("+")
        self.open_btn = QPushButton(self.tr("Open in PDF viewer"))
        self.page_label = QLabel()
        for b, fn in ((self.prev_btn, lambda: self.go(self.page - 1)),
                      (self.next_btn, lambda: self.go(self.page + 1)),
                      (self.zoom_out_btn, lambda: self.set_zoom(self.zoom / 1.25)),
                      (self.zoom_in_btn, lambda: self.set_zoom(self.zoom * 1.25)),
                      (self.open_btn, self.open_external)):
            b.clicked.connect(fn)
        self.prev_btn.setShortcut("PgUp")
        self.next_btn.setShortcut("PgDown")
        self.zoom_in_btn.setShortcut("Ctrl++")
        self.zoom_out_btn.setShortcut("Ctrl+-")
        bar = QHBoxLayout()
        for w in (self.prev_btn, self.next_btn, self.page_label, self.zoom_out_btn, self.zoom_in_btn):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.open_btn)

        self.canvas = QLabel(self.tr("Select a result to see its page"))
        self.canvas.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.canvas.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.canvas)
        self.scroll.setWidgetResizable(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.scroll, 1)
        self._update_controls()

    def show_passage(self, path: str | Path, page: int, spans: list[list[float]]) -> None:
        """Open ``path`` at 0-based ``page`` and highlight the cited lines."""
        if not str(path):  # the index named a place outside its library: never opened
            raise ValueError(self.tr("the index gives this document a location outside its library; "
                                     "it is not opened"))
        path = Path(path)
        if self.path != path:
            if self.doc is not None:
                self.doc.close()
            import pymupdf
            self.doc = pymupdf.open(path)
            self.path = path
        self.spans = spans
        self.go(page)

    def go(self, page: int) -> None:
        if self.doc is None or not 0 <= page < self.doc.page_count:
            return
        self.page = page
        self._render()
        self.page_changed.emit(page)

    def set_zoom(self, zoom: float) -> None:
        self.zoom = max(0.5, min(4.0, zoom))
        self._render()

    def open_external(self) -> None:
        if self.path:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))

    def page_text_label(self) -> str:
        if self.doc is None:
            return ""
        label = self.doc[self.page].get_label() or ""
        text = self.tr("page {0} / {1}").format(self.page + 1, self.doc.page_count)
        if label and label != str(self.page + 1):
            text += self.tr(" (printed {0})").format(label)
        return text

    def _render(self) -> None:
        assert self.doc is not None
        pg = self.doc[self.page]
        import pymupdf
        pix = pg.get_pixmap(matrix=pymupdf.Matrix(self.zoom, self.zoom), alpha=False)
        image = QImage(pix.samples, pix.width, pix.height, pix.stride, QImage.Format.Format_RGB888).copy()
        pixmap = QPixmap.fromImage(image)
        self.highlights = [QRectF(x0, y0, x1 - x0, y1 - y0)
                           for p, x0, y0, x1, y1 in self.spans if int(p) == self.page]
        if self.highlights:
            painter = QPainter(pixmap)
            for r in self.highlights:
                z = self.zoom
                painter.fillRect(QRectF(r.x() * z - 2, r.y() * z - 1, r.width() * z + 4, r.height() * z + 2),
                                 HIGHLIGHT)
            painter.end()
        self.canvas.setPixmap(pixmap)
        self.canvas.resize(pixmap.size())
        if self.highlights:
            self.scroll.ensureVisible(0, int(self.highlights[0].y() * self.zoom), 0, 80)
        self._update_controls()

    def _update_controls(self) -> None:
        has = self.doc is not None
        self.prev_btn.setEnabled(has and self.page > 0)
        self.next_btn.setEnabled(has and self.doc is not None and self.page < self.doc.page_count - 1)
        for b in (self.zoom_in_btn, self.zoom_out_btn, self.open_btn):
            b.setEnabled(has)
        self.page_label.setText(self.page_text_label())

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self.doc is not None:
            self.doc.close()
            self.doc = None
        super().closeEvent(event)
