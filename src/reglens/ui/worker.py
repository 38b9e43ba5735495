"""Run a core progress generator off the UI thread, with cancel.

The core's long jobs are plain generators of Progress events; this wraps one
in a QThread. Cancel is checked between events and closes the generator in
its own thread, which is what makes the core drop its half-built version.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable, Iterator

from PySide6.QtCore import QThread, Signal

from ..errors import Cancelled
from ..progress import Progress


class GeneratorWorker(QThread):
    progress = Signal(object)  # Progress
    succeeded = Signal()
    failed = Signal(str, str)  # message for the user, technical details
    cancelled = Signal()

    def __init__(self, job: Callable[[], Iterator[Progress]], parent=None):
        super().__init__(parent)
        self._job = job
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:  # runs in the worker thread
        try:
            gen = self._job()
            for event in gen:
                self.progress.emit(event)
                if self._cancel.is_set():
                    gen.close()
                    self.cancelled.emit()
                    return
            self.succeeded.emit()
        except Cancelled:
            self.cancelled.emit()
        except Exception as exc:  # reported to the user through one place
            self.failed.emit(str(exc), traceback.format_exc())


class CallWorker(QThread):
    """One blocking call (loading an index, a search) off the UI thread."""

    done = Signal(object)
    failed = Signal(str, str)

    def __init__(self, fn: Callable[[], object], parent=None):
        super().__init__(parent)
        self._fn = fn

    def run(self) -> None:
        try:
            self.done.emit(self._fn())
        except Exception as exc:
            self.failed.emit(str(exc), traceback.format_exc())
