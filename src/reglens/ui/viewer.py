"""PDF page viewer: PyMuPDF renders in a thread, Qt paints the cited lines' highlight.

Rendering a page takes 5–70 ms (more on a busy machine), so it runs in the viewer's own
render thread: the thread owns the open PyMuPDF document (PyMuPDF objects are used
from that one thread only) and returns a QImage; the UI thread turns it into a QPixmap
(pixmaps belong to the UI thread) and paints the highlight. The latest request wins: a
page asked for while another renders replaces any request still waiting, and a stale
page is never shown. PyMuPDF keeps the interpreter lock while it renders, so the window
still waits for the render call itself; what it no longer waits for is everything
queued behind it (the list, the answer, key presses between requests)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QRect, QRectF, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from .worker import LatestCallRunner

HIGHLIGHT = QColor(255, 214, 0, 90)
MARGIN = 24  # logical pixels kept around the passage when it is taller than the view
DEFAULT_ZOOM = 1.5  # the largest a page is shown until the user zooms: 10.5 pt print at ~21 px
A4_WIDTH = 595.0  # points: the page width assumed before a document's first page is rendered


@dataclass(frozen=True)
class Opened:
    """One provision opened in the viewer: what Back/Forward return to."""

    path: Path
    page: int
    spans: tuple
    key: object = None  # the caller's identity of the provision (main window: (doc_id, article_key))


@dataclass(frozen=True)
class PageImage:
    """A rendered page, handed from the render thread to the UI thread."""

    path: Path
    page: int
    page_count: int
    label: str  # the page's printed label ("" when none)
    image: QImage  # at ``ratio`` device pixels per logical pixel
    ratio: float
    spans: tuple | None = None  # the boxes a located request found (``show_located``)
    width_pt: float = A4_WIDTH  # the width shown, in points (the next page is fitted to it)
    origin_x: float = 0.0  # where the shown part of the page starts (PDF points): its margin is cut
    zoom: float = DEFAULT_ZOOM  # as rendered (fitted to the room asked for, or as asked)


@dataclass(frozen=True)
class _Request:
    """What the UI asked the render thread for, and what to do when the page arrives."""

    entry: Opened
    zoom: float
    push: bool  # a newly opened provision: becomes the newest Back/Forward entry when shown
    reveal: bool  # scroll the highlight into view (else keep ``centre`` of the page in view)
    centre: float = 0.0
    step: bool = False  # Back/Forward: emit ``navigated``
    locate: Callable[[], tuple[int, list]] | None = None  # run in the render thread: (page, spans)


MARGIN_KEPT = 12.0  # points of white kept beside the text when the side margins are cut
MIN_CUT = 0.08  # margins narrower than this share of the page are left as printed


def content_columns(page) -> Any:
    """The page's full height between the outermost text or image on it (a few points kept),
    or the whole page when its margins are narrow or it has no content to measure."""
    import pymupdf
    full = page.rect
    xs = [(b[0], b[2]) for b in page.get_text("blocks") if b[2] > b[0]]
    if not xs:
        return full
    x0 = max(full.x0, min(a for a, _ in xs) - MARGIN_KEPT)
    x1 = min(full.x1, max(b for _, b in xs) + MARGIN_KEPT)
    if x1 - x0 > (1 - MIN_CUT) * full.width or x1 - x0 < 0.2 * full.width:
        return full
    return pymupdf.Rect(x0, full.y0, x1, full.y1)


def fitted(room: float, width_pt: float) -> float:
    """The zoom at which ``width_pt`` points fill ``room`` pixels, at most DEFAULT_ZOOM."""
    return max(0.5, min(DEFAULT_ZOOM, room / max(width_pt, 1.0)))


class PdfViewer(QWidget):
    page_changed = Signal(int)
    navigated = Signal(object)  # Back/Forward reopened a provision: its Opened entry
    history_changed = Signal()  # can_go_back/can_go_forward may have changed
    page_shown = Signal()  # the page last asked for is on screen (or could not be opened)
    open_failed = Signal(str, str)  # path, message for the user: the previous page stays shown

    def __init__(self, parent=None):
        super().__init__(parent)
        self.path: Path | None = None  # the document shown
        self.page = 0
        self.page_count = 0  # of the document shown (0: none)
        self.label = ""  # printed label of the page shown
        # the render thread's own state: touched only by _render_image, in that thread
        self._doc: tuple[Path, Any] | None = None  # (path, pymupdf.Document)
        self._renderer = LatestCallRunner(self)
        self._renderer.done.connect(self._rendered)
        self._renderer.failed.connect(self._render_failed)
        self._requests: dict[int, _Request] = {}
        self._want: int | None = None  # the newest request's ticket: only its page is shown
        self.rendered: QPixmap | None = None  # what was drawn (QLabel keeps a copy at its own ratio)
        self.zoom = DEFAULT_ZOOM
        # the page is fitted to the viewer's width (at most DEFAULT_ZOOM) until the user zooms:
        # at 1024×700 a page at 1.5 ran past the right edge, cutting every line (user test)
        self.fit = True
        self._page_pt = A4_WIDTH
        self._origin_x = 0.0  # the shown part's left edge on the page (PDF points)
        self._refit_timer = QTimer(self, singleShot=True, interval=200)
        self._refit_timer.timeout.connect(self._refit)
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
        self._request(_Request(entry, self._zoom(), push=True, reveal=True))

    def show_located(self, path: str | Path, locate: Callable[[], tuple[int, list]], key: object = None) -> None:
        """Open the place ``locate`` finds and highlight it, like ``show_passage``.

        ``locate`` returns (0-based page, spans) and runs in the render thread, before the page
        is rendered: finding a sentence's own lines reads the PDF's text again (p95 ~130 ms on
        a busy machine), which would stall the window if done on the UI thread, and PyMuPDF is
        then used from that one thread only."""
        if not str(path):
            raise ValueError(self.tr("the index gives this document a location outside its library; "
                                     "it is not opened"))
        entry = Opened(Path(path), -1, (), key)  # page and spans known once located
        self._request(_Request(entry, self._zoom(), push=True, reveal=True, locate=locate))

    def clear(self, message: str = "") -> None:
        """No page (a question without results, a citation with nothing to open): nothing from
        before stays on screen as if it answered this one. ``message`` says why the page is
        empty. Back still returns to what was opened before; a page still being rendered is not
        shown (the render thread keeps its document open)."""
        self._want = None
        self._requests = {}
        self.path = None
        self.page_count = 0
        self.spans, self.highlights = [], []
        self.rendered = None
        self.canvas.clear()
        self.canvas.setText(message or self.tr("Select a result to see its page"))
        self.canvas.setWordWrap(True)
        self.canvas.resize(self.scroll.viewport().size())
        self._update_controls()

    def idle(self) -> bool:
        """No page requested and not yet shown."""
        return self._want is None

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
        self._update_controls()
        self._request(_Request(entry, self._zoom(), push=False, reveal=True, step=True))

    def go(self, page: int) -> None:
        if self.path is None or not 0 <= page < self.page_count:
            return
        entry = Opened(self.path, page, tuple(tuple(s) for s in self.spans))
        self._request(_Request(entry, self._zoom(), push=False, reveal=True))

    def _fit_room(self) -> float:
        """The viewport's width a fitted page may take (room kept for the scroll bar)."""
        bar = self.scroll.verticalScrollBar().sizeHint().width()
        return self.scroll.viewport().width() - (0 if self.scroll.verticalScrollBar().isVisible() else bar) - 4

    def _fit_zoom(self) -> float:
        """The zoom that fits the page shown into the viewport."""
        return fitted(self._fit_room(), self._page_pt)

    def _zoom(self) -> float:
        return self._fit_zoom() if self.fit else self.zoom

    def _refit(self) -> None:
        """The viewer was resized: the page shown is fitted to its new width (the passage kept in view)."""
        if not self.fit or self.path is None or abs(self._fit_zoom() - self.zoom) < 0.03:
            return
        entry = Opened(self.path, self.page, tuple(tuple(s) for s in self.spans))
        self._request(_Request(entry, self._fit_zoom(), push=False, reveal=bool(self.spans)))

    def set_zoom(self, zoom: float) -> None:
        if self.path is None:
            return
        self.fit = False  # the user's zoom stays, whatever the window's width
        bar = self.scroll.verticalScrollBar()
        centre = (bar.value() + self.scroll.viewport().height() / 2) / max(1, self.canvas.height())
        entry = Opened(self.path, self.page, tuple(tuple(s) for s in self.spans))
        # the passage stays in view at the new size; without one, the same part of the page
        self._request(_Request(entry, max(0.5, min(4.0, zoom)), push=False, reveal=bool(self.spans),
                               centre=centre))

    # -- rendering (requests from the UI thread, pages back from the render thread) -------
    def _request(self, req: _Request) -> None:
        ratio = self.pixel_ratio()
        path, page, zoom, locate = req.entry.path, req.entry.page, req.zoom, req.locate
        # fitted in the render thread, to the page it renders (each page's text is as wide as it is)
        room = self._fit_room() if self.fit else None
        if locate is None:
            ticket = self._renderer.submit(lambda: self._render_image(path, page, zoom, ratio, room))
        else:
            ticket = self._renderer.submit(lambda: self._render_located(path, locate, zoom, ratio, room))
        self._requests = {t: r for t, r in self._requests.items() if t == self._want}  # one running
        self._requests[ticket] = req
        self._want = ticket

    def _render_image(self, path: Path, page: int, zoom: float, ratio: float,
                      room: float | None = None) -> PageImage:
        """In the render thread: open (or reuse) the document and render one page to a QImage,
        without its blank side margins (their width went to the text: at 1024×700 a statute's
        page fitted whole printed its lines ~7 px high)."""
        import pymupdf
        if self._doc is None or self._doc[0] != path:
            doc = pymupdf.open(path)  # may raise: the previous page stays shown
            if self._doc is not None:
                self._doc[1].close()
            self._doc = (path, doc)
        doc = self._doc[1]
        if not 0 <= page < doc.page_count:
            page = max(0, min(page, doc.page_count - 1))
        pg = doc[page]
        clip = content_columns(pg)
        if room is not None:
            zoom = fitted(room, clip.width)
        scale = zoom * ratio  # at the screen's device pixel ratio: sharp at 150 %/200 % scaling
        pix = pg.get_pixmap(matrix=pymupdf.Matrix(scale, scale), alpha=False, clip=clip)
        image = QImage(pix.samples, pix.width, pix.height, pix.stride, QImage.Format.Format_RGB888).copy()
        return PageImage(path, page, doc.page_count, pg.get_label() or "", image, ratio,
                         width_pt=clip.width, origin_x=clip.x0, zoom=zoom)

    def _render_located(self, path: Path, locate: Callable[[], tuple[int, list]], zoom: float,
                        ratio: float, room: float | None = None) -> PageImage:
        """In the render thread: find the place first, then render its page."""
        page, spans = locate()
        return replace(self._render_image(path, page, zoom, ratio, room), spans=tuple(tuple(s) for s in spans))

    def _rendered(self, ticket: int, result: PageImage) -> None:
        req = self._requests.pop(ticket, None)
        if ticket != self._want or req is None:
            return  # a newer page was asked for meanwhile: this one is never shown
        self._want = None
        if req.locate is not None:  # Back/Forward return to the place found, not to the search for it
            req = replace(req, entry=replace(req.entry, page=result.page, spans=result.spans or ()), locate=None)
        self.path, self.page, self.page_count, self.label = result.path, result.page, result.page_count, \
            result.label
        self.spans = [list(s) for s in req.entry.spans]
        self.zoom = result.zoom
        self._page_pt, self._origin_x = result.width_pt, result.origin_x
        if req.push and (self.history_pos < 0 or self.history[self.history_pos] != req.entry):
            del self.history[self.history_pos + 1:]
            self.history.append(req.entry)
            self.history_pos = len(self.history) - 1
        self._paint(result)
        if req.reveal and self.highlights:
            self.reveal_highlight()
        elif not req.push and not req.step:  # zoom without a passage: the same part stays in view
            bar = self.scroll.verticalScrollBar()
            bar.setValue(int(req.centre * self.canvas.height() - self.scroll.viewport().height() / 2))
        else:
            self._follow = False
        self.page_changed.emit(self.page)
        if req.step:
            self.navigated.emit(req.entry)
        self.page_shown.emit()

    def _render_failed(self, ticket: int, message: str, _details: str) -> None:
        req = self._requests.pop(ticket, None)
        if ticket != self._want or req is None:
            return
        self._want = None
        self.open_failed.emit(str(req.entry.path), message)
        self.page_shown.emit()

    # -- keeping the passage in view ---------------------------------------------
    def highlight_rect(self) -> QRect:
        """The highlighted lines' bounding box on the canvas, in logical pixels (empty if none)."""
        if not self.highlights:
            return QRect()
        box = self.highlights[0]
        for r in self.highlights[1:]:
            box = box.united(r)
        z, x = self.zoom, box.x() - self._origin_x
        return QRectF(x * z - 2, box.y() * z - 1, box.width() * z + 4, box.height() * z + 2).toAlignedRect()

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
                if self.fit and self.path is not None:
                    self._refit_timer.start()  # once the resizing settles
            elif event.type() == QEvent.Type.Wheel:
                self._follow = False
        return super().eventFilter(obj, event)

    def open_external(self) -> None:
        if self.path:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))

    def page_text_label(self) -> str:
        if self.path is None or not self.page_count:
            return ""
        text = self.tr("page {0} / {1}").format(self.page + 1, self.page_count)
        if self.label and self.label != str(self.page + 1):
            text += self.tr(" (printed {0})").format(self.label)
        return text

    def continues_on(self) -> int | None:
        """The next page the highlighted passage goes on to (0-based), if it runs past this one:
        a sentence cut by the page end looked complete (user test)."""
        later = [int(s[0]) for s in self.spans if int(s[0]) > self.page]
        return min(later) if later and any(int(s[0]) == self.page for s in self.spans) else None

    def pixel_ratio(self) -> float:
        """Device pixels per logical pixel of the screen the viewer is on (2.0 at 200 % scaling)."""
        screen = self.screen()
        return (screen.devicePixelRatio() if screen is not None else self.devicePixelRatioF()) or 1.0

    def _paint(self, page: PageImage) -> None:
        """In the UI thread: the rendered page as a pixmap, with the cited lines highlighted."""
        pixmap = QPixmap.fromImage(page.image)
        pixmap.setDevicePixelRatio(page.ratio)  # painting below is in logical pixels
        self.highlights = [QRectF(x0, y0, x1 - x0, y1 - y0)
                           for p, x0, y0, x1, y1 in self.spans if int(p) == self.page]
        if self.highlights:
            painter = QPainter(pixmap)
            z = self.zoom
            for r in self.highlights:
                x = r.x() - self._origin_x
                painter.fillRect(QRectF(x * z - 2, r.y() * z - 1, r.width() * z + 4, r.height() * z + 2),
                                 HIGHLIGHT)
            painter.end()
        self.rendered = pixmap
        self.canvas.setPixmap(pixmap)
        self.canvas.resize(pixmap.deviceIndependentSize().toSize())
        self._update_controls()

    def _update_controls(self) -> None:
        has = self.path is not None and self.page_count > 0
        self.back_btn.setEnabled(self.can_go_back())
        self.forward_btn.setEnabled(self.can_go_forward())
        self.history_changed.emit()
        self.prev_btn.setEnabled(has and self.page > 0)
        self.next_btn.setEnabled(has and self.page < self.page_count - 1)
        more = self.continues_on() if has else None
        self.next_btn.setText(self.tr("Continues ▶") if more is not None else self.tr("Next ▶"))
        self.next_btn.setToolTip(self.tr("The highlighted text continues on page {0}").format(more + 1)
                                 if more is not None else "")
        for b in (self.zoom_in_btn, self.zoom_out_btn, self.open_btn):
            b.setEnabled(has)
        self.page_label.setText(self.page_text_label())

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        self._renderer.stop()  # the render running finishes; nothing after it
        self._want = None
        if self._doc is not None:  # the render thread has ended: its document can be closed here
            self._doc[1].close()
            self._doc = None
        super().closeEvent(event)
