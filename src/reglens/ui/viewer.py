"""PDF page viewer: PyMuPDF renders, Qt paints the cited lines' highlight."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QRect, QRectF, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QSizePolicy, QToolButton, QVBoxLayout, QWidget

HIGHLIGHT = QColor(255, 214, 0, 90)
MARGIN = 24  # logical pixels kept around the passage when it is taller than the view


@dataclass(frozen=True)
class Opened:
    """One provision opened in the viewer: what Back/Forward return to."""

    path: Path
    page: int
    spans: tuple
    key: object = None  # the caller's identity of the provision (main window: (doc_id, article_key))


class PdfViewer(QWidget):
    page_changed = Signal(int)
    navigated = Signal(object)  # Back/Forward reopened a provision: its Opened entry
    history_changed = Signal()  # can_go_back/can_go_forward may have changed

    def __init__(self, parent=None):
        super().__init__(parent)
        self.doc = None  # pymupdf.Document, imported on first use (start-up time)
        self.path: Path | None = None
        self.page = 0
        self.zoom = 1.5
        self.spans: list[list[float]] = []
        self.highlights: list[QRectF] = []  # what is painted on the current page (PDF points)
        self.history: list[Opened] = []
        self.history_pos = -1
        self._follow = False  # keep the passage in view when the viewport is resized (layout settling)

        # tool buttons (no 80 px minimum per button): the bar fits beside the results at 1024 px
        self.back_btn = QToolButton(text=self.tr("← Back"))
        self.forward_btn = QToolButton(text=self.tr("Forward →"))
        self.back_btn.setToolTip(self.tr("Back to the previously opened provision (Alt+←)"))
        self.forward_btn.setToolTip(self.tr("Forward (Alt+→)"))
        self.back_btn.clicked.connect(self.back)
        self.forward_btn.clicked.connect(self.forward)
        self.prev_btn = QToolButton(text=self.tr("◀ Previous"))
        self.next_btn = QToolButton(text=self.tr("Next ▶"))
        self.zoom_out_btn = QToolButton(text="−")
        self.zoom_in_btn = QToolButton(text="+")
        self.open_btn = QToolButton(text=self.tr("Open in PDF viewer"))
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
        for w in (self.back_btn, self.forward_btn, self.prev_btn, self.next_btn, self.page_label,
                  self.zoom_out_btn, self.zoom_in_btn):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.open_btn)

        self.canvas = QLabel(self.tr("Select a result to see its page"))
        self.canvas.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.canvas.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.canvas)
        self.scroll.setWidgetResizable(False)
        self.scroll.viewport().installEventFilter(self)
        self.scroll.verticalScrollBar().sliderPressed.connect(self._stop_following)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.scroll, 1)
        self._update_controls()

    def show_passage(self, path: str | Path, page: int, spans: list[list[float]], key: object = None) -> None:
        """Open ``path`` at 0-based ``page``, highlight the cited lines and scroll them into view.

        Every way of opening a provision comes here; it becomes the newest entry of Back/Forward."""
        if not str(path):  # the index named a place outside its library: never opened
            raise ValueError(self.tr("the index gives this document a location outside its library; "
                                     "it is not opened"))
        entry = Opened(Path(path), page, tuple(tuple(s) for s in spans), key)
        self._open(entry)
        if self.history_pos < 0 or self.history[self.history_pos] != entry:
            del self.history[self.history_pos + 1:]
            self.history.append(entry)
            self.history_pos = len(self.history) - 1
        self._update_controls()

    def clear(self) -> None:
        """No page (a question without results): nothing from the previous question stays on
        screen as if it answered this one. Back still returns to what was opened before."""
        if self.doc is not None:
            self.doc.close()
            self.doc = None
        self.path = None
        self.spans, self.highlights = [], []
        self.canvas.clear()
        self.canvas.setText(self.tr("Select a result to see its page"))
        self.canvas.resize(self.scroll.viewport().size())
        self._update_controls()

    def _open(self, entry: Opened) -> None:
        if self.path != entry.path:
            import pymupdf
            doc = pymupdf.open(entry.path)  # may raise: the previous page stays shown
            if self.doc is not None:
                self.doc.close()
            self.doc = doc
            self.path = entry.path
        self.spans = [list(s) for s in entry.spans]
        self.go(entry.page)
        self.reveal_highlight()

    def can_go_back(self) -> bool:
        return self.history_pos > 0

    def can_go_forward(self) -> bool:
        return 0 <= self.history_pos < len(self.history) - 1

    def back(self) -> None:
        if self.can_go_back():
            self._step(-1)

    def forward(self) -> None:
        if self.can_go_forward():
            self._step(1)

    def _step(self, delta: int) -> None:
        self.history_pos += delta
        entry = self.history[self.history_pos]
        self._open(entry)
        self._update_controls()
        self.navigated.emit(entry)

    def go(self, page: int) -> None:
        if self.doc is None or not 0 <= page < self.doc.page_count:
            return
        self.page = page
        self._render()
        self.page_changed.emit(page)

    def set_zoom(self, zoom: float) -> None:
        if self.doc is None:
            return
        bar = self.scroll.verticalScrollBar()
        centre = (bar.value() + self.scroll.viewport().height() / 2) / max(1, self.canvas.height())
        self.zoom = max(0.5, min(4.0, zoom))
        self._render()
        if self.highlights:
            self.reveal_highlight()  # the passage stays in view at the new size
        else:
            bar.setValue(int(centre * self.canvas.height() - self.scroll.viewport().height() / 2))

    # -- keeping the passage in view ---------------------------------------------
    def highlight_rect(self) -> QRect:
        """The highlighted lines' bounding box on the canvas, in logical pixels (empty if none)."""
        if not self.highlights:
            return QRect()
        box = self.highlights[0]
        for r in self.highlights[1:]:
            box = box.united(r)
        z = self.zoom
        return QRectF(box.x() * z - 2, box.y() * z - 1, box.width() * z + 4, box.height() * z + 2).toAlignedRect()

    def highlight_in_viewport(self) -> QRect:
        """``highlight_rect`` in the scroll area's viewport coordinates (what tests check)."""
        r = self.highlight_rect()
        if r.isNull():
            return r
        return r.translated(self.canvas.mapTo(self.scroll.viewport(), self.canvas.rect().topLeft()))

    def reveal_highlight(self) -> None:
        """Scroll so the passage is centred when it fits, else its top shown with a margin.

        Also re-applied when the viewport is resized (the first page after launch is rendered
        before the splitters have settled) until the user scrolls."""
        self._follow = bool(self.highlights)
        self._apply_reveal()
        QTimer.singleShot(0, self._apply_reveal)  # after pending layout

    def _apply_reveal(self) -> None:
        if not self._follow or not self.highlights:
            return
        r = self.highlight_rect()
        vp = self.scroll.viewport()
        for bar, start, length, view in ((self.scroll.verticalScrollBar(), r.top(), r.height(), vp.height()),
                                         (self.scroll.horizontalScrollBar(), r.left(), r.width(), vp.width())):
            if length <= view:
                bar.setValue(int(start + length / 2 - view / 2))
            else:
                bar.setValue(start - MARGIN)

    def _stop_following(self) -> None:
        self._follow = False

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if obj is self.scroll.viewport():
            if event.type() == QEvent.Type.Resize:
                self._apply_reveal()
            elif event.type() == QEvent.Type.Wheel:
                self._follow = False
        return super().eventFilter(obj, event)

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

    def pixel_ratio(self) -> float:
        """Device pixels per logical pixel of the screen the viewer is on (2.0 at 200 % scaling)."""
        screen = self.screen()
        return (screen.devicePixelRatio() if screen is not None else self.devicePixelRatioF()) or 1.0

    def _render(self) -> None:
        assert self.doc is not None
        pg = self.doc[self.page]
        import pymupdf
        # rendered at the screen's device pixel ratio: sharp at 150 %/200 % scaling
        dpr = self.pixel_ratio()
        scale = self.zoom * dpr
        pix = pg.get_pixmap(matrix=pymupdf.Matrix(scale, scale), alpha=False)
        image = QImage(pix.samples, pix.width, pix.height, pix.stride, QImage.Format.Format_RGB888).copy()
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(dpr)  # painting below is in logical pixels
        self.highlights = [QRectF(x0, y0, x1 - x0, y1 - y0)
                           for p, x0, y0, x1, y1 in self.spans if int(p) == self.page]
        if self.highlights:
            painter = QPainter(pixmap)
            for r in self.highlights:
                z = self.zoom
                painter.fillRect(QRectF(r.x() * z - 2, r.y() * z - 1, r.width() * z + 4, r.height() * z + 2),
                                 HIGHLIGHT)
            painter.end()
        self.rendered = pixmap  # what was drawn (QLabel keeps a copy at its own ratio)
        self.canvas.setPixmap(pixmap)
        self.canvas.resize(pixmap.deviceIndependentSize().toSize())
        self._update_controls()

    def _update_controls(self) -> None:
        has = self.doc is not None
        self.back_btn.setEnabled(self.can_go_back())
        self.forward_btn.setEnabled(self.can_go_forward())
        self.history_changed.emit()
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
