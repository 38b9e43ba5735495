"""Run a core progress generator off the UI thread, with cancel.

The core's long jobs are plain generators of Progress events; this wraps one
in a QThread. Cancel is checked between events and closes the generator in
its own thread, which is what makes the core drop its half-built version.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable, Iterator

from PySide6.QtCore import QThread, Signal

from ..errors import Cancelled
from ..progress import Progress
from .messages import error_message

log = logging.getLogger(__name__)


class GeneratorWorker(QThread):
    progress = Signal(object)  # Progress
    succeeded = Signal()
    failed = Signal(str, str)  # message for the user, technical details
    cancelled = Signal()

    def __init__(self, job: Callable[[], Iterator[Progress]], parent=None):
        super().__init__(parent)
        self._job = job
        self._cancel = threading.Event()
        self.error: Exception | None = None  # the failure, with its type (set before ``failed``)

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
        except Exception as exc:  # reported to the user through one place, in the UI's language
            self.error = exc
            self.failed.emit(error_message(exc), _details(exc))


class CallWorker(QThread):
    """One blocking call (loading an index, a search) off the UI thread."""

    done = Signal(object)
    failed = Signal(str, str)

    def __init__(self, fn: Callable[[], object], parent=None):
        super().__init__(parent)
        self._fn = fn
        self.error: Exception | None = None  # the failure, with its type (set before ``failed``)

    def run(self) -> None:
        try:
            self.done.emit(self._fn())
        except Exception as exc:
            self.error = exc
            self.failed.emit(error_message(exc), _details(exc))


class LatestCallRunner(QThread):
    """One long-lived thread for searches: the latest submitted call wins.

    ``submit`` replaces any call still waiting to start and returns a ticket; the
    caller keeps the newest ticket and ignores ``done``/``failed`` for older ones
    (a call already running finishes, its result is dropped). Calls never run
    concurrently, so the index and the embedding model see one caller at a time.
    A running call may ask ``stale()`` between its steps — true once a newer call
    waits or ``cancel_running`` was called — and stop early by raising
    :class:`~reglens.errors.Cancelled`: its result would be dropped anyway, and the
    newer call starts sooner.
    Results come back only through the signals.
    """

    done = Signal(int, object)  # ticket, result
    failed = Signal(int, str, str)  # ticket, message for the user, technical details

    def __init__(self, parent=None):
        super().__init__(parent)
        self._cond = threading.Condition()
        self._pending: tuple[int, Callable[[], object]] | None = None
        self._ticket = 0
        self._stopping = False
        self._current = 0  # ticket of the call running (0: none)
        self._cancelled = 0  # ticket whose running call was cancelled
        self.errors: dict[int, BaseException] = {}  # ticket → what its call raised (the latest few)

    def submit(self, fn: Callable[[], object]) -> int:
        with self._cond:
            self._ticket += 1
            ticket = self._ticket
            self._pending = (ticket, fn)
            self._cond.notify()
        if not self.isRunning() and not self._stopping:
            self.start()
        return ticket

    def drop_pending(self) -> None:
        """Forget the call waiting to start, if any (the running one cannot be interrupted)."""
        with self._cond:
            self._pending = None

    def cancel_running(self) -> None:
        """Ask the running call to stop at its next check of ``stale()``."""
        with self._cond:
            self._cancelled = self._current

    def stale(self) -> bool:
        """For the running call: its result will not be used (a newer call waits, or it was
        cancelled), so it may stop now."""
        with self._cond:
            return self._pending is not None or (self._current != 0 and self._cancelled == self._current)

    def idle(self) -> bool:
        """Nothing running and nothing waiting."""
        with self._cond:
            return self._current == 0 and self._pending is None

    def stop(self) -> None:
        """Finish the running call, drop the rest and end the thread (waits)."""
        with self._cond:
            self._stopping = True
            self._pending = None
            self._cond.notify()
        self.wait()

    def run(self) -> None:  # runs in the worker thread
        while True:
            with self._cond:
                while self._pending is None and not self._stopping:
                    self._cond.wait()
                if self._stopping:
                    return
                (ticket, fn), self._pending = self._pending, None
                self._current = ticket
            try:
                result = fn()
            except Cancelled:
                log.debug("call %d stopped early: superseded or cancelled", ticket)
                continue
            except Exception as exc:
                with self._cond:
                    self.errors[ticket] = exc
                    for old in [t for t in self.errors if t < ticket - 8]:
                        del self.errors[old]  # only the latest few are ever asked for
                self.failed.emit(ticket, error_message(exc), _details(exc))
                continue
            finally:
                with self._cond:
                    self._current = 0
            self.done.emit(ticket, result)

    def error(self, ticket: int) -> BaseException | None:
        """The exception a failed call raised (``failed`` carries only text): the window
        treats a damaged index apart from other failures."""
        with self._cond:
            return self.errors.get(ticket)


def _details(exc: BaseException) -> str:
    """What goes in the dialog's expandable part and the log: the core's own words and where."""
    return f"{type(exc).__name__}: {exc}\n\n" + traceback.format_exc()
