"""Parse untrusted PDFs in a child process, under time and memory limits.

A library holds whatever people saved: a PDF of millions of text operators, a
font bomb, a file that makes MuPDF spin. Parsing happens in a worker process
that the build watches; one that runs too long or grows too large is killed,
its file gets a status (too_slow / too_large) and the build goes on with a
fresh worker. The worker is started with ``spawn`` on every platform, so it
behaves the same on Windows and in the frozen app (which calls
``multiprocessing.freeze_support``).
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .ingest import CORRUPT, INDEXED, TOO_LARGE, TOO_SLOW, Extracted

POLL_SECONDS = 0.05
MEMORY_EXIT = 86  # the worker's exit code when it ran out of memory outside a parse (e.g. receiving a file)


@dataclass
class Limits:
    max_file_mb: int = 512
    max_seconds: float = 300.0  # per file, parsing and structure together
    max_memory_mb: int = 4096  # the worker's resident memory


def _worker(conn, ocr: bool, memory_bytes: int) -> None:  # runs in the child
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource  # a backstop for allocations too fast for the parent's watch (POSIX only)
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes * 2, memory_bytes * 2))
    try:
        _serve(conn, ocr)
    except MemoryError:  # under the backstop limit, e.g. receiving a large file: a status, not a crash
        import os
        os._exit(MEMORY_EXIT)


def _serve(conn, ocr: bool) -> None:  # runs in the child
    from .ingest import extract_data
    from .structure import chunk_document

    while True:
        try:
            msg = conn.recv()
        except EOFError:
            return
        if msg is None:
            return
        path, data, doc_id = msg
        ex = extract_data(Path(path), data, ocr, on_ocr_page=lambda page, pages: conn.send(("ocr", page, pages)))
        try:
            chunks = [c.to_json() for c in chunk_document(ex, doc_id)] if ex.status in INDEXED else []
        except MemoryError:
            ex.status, ex.reason, chunks = TOO_LARGE, "structuring the text needs more memory than allowed", []
        except Exception as exc:  # a structure bug must not lose the build
            ex.status, ex.reason, chunks = CORRUPT, f"the text could not be structured: {exc}", []
        chars = ex.chars
        ex.pages = []  # positions travel inside the chunks; the pages need not cross the pipe
        conn.send((ex, chars, chunks))


class Parser:
    """A watched worker process; :meth:`events` never raises for a bad file."""

    def __init__(self, limits: Limits | None = None, ocr: bool = True):
        self.limits = limits or Limits()
        self.ocr = ocr
        self._proc: mp.process.BaseProcess | None = None
        self._conn = None

    def __enter__(self) -> Parser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self) -> None:
        ctx = mp.get_context("spawn")
        parent, child = ctx.Pipe()
        self._proc = ctx.Process(target=_worker, args=(child, self.ocr, self.limits.max_memory_mb << 20),
                                 daemon=True, name="reglens-pdf-reader")
        self._proc.start()
        child.close()
        self._conn = parent

    def close(self) -> None:
        if self._proc is not None and self._conn is not None:
            with contextlib.suppress(OSError, ValueError, BrokenPipeError):
                self._conn.send(None)
            self._proc.join(timeout=2)
        self._kill()

    def _kill(self) -> None:
        with contextlib.suppress(ValueError, AssertionError):  # never started
            if self._proc is not None and self._proc.is_alive():
                self._proc.kill()
                self._proc.join(timeout=5)
        if self._conn is not None:
            with contextlib.suppress(OSError):
                self._conn.close()
        self._proc = self._conn = None

    def events(self, path: Path, data: bytes, doc_id: str) -> Iterator[tuple]:
        """One file's bytes read as it goes: ("ocr", page, pages) before each scanned page is
        OCR'd (a page takes seconds: a build reports them), then ("done", (extraction without
        pages, characters read, chunk dicts))."""
        import psutil

        if self._proc is None:
            self._start()
        limit_rss = self.limits.max_memory_mb << 20
        try:
            start = time.monotonic()  # the handoff counts: a huge file takes its time to cross
            self._conn.send((str(path), data, doc_id))
            watched = psutil.Process(self._proc.pid)
            while True:
                if time.monotonic() - start > self.limits.max_seconds:
                    yield ("done", self._failed(path, data, TOO_SLOW, (
                        f"reading took longer than the limit of {self.limits.max_seconds:.0f} s; "
                        "the file was skipped (raise the limit with --max-file-seconds)")))
                    return
                with contextlib.suppress(psutil.Error):
                    if watched.memory_info().rss > limit_rss:
                        yield ("done", self._failed(path, data, TOO_LARGE, (
                            f"reading needed more than the memory limit of {self.limits.max_memory_mb} MB; "
                            "the file was skipped (raise the limit with --max-file-memory-mb)")))
                        return
                if self._conn.poll(POLL_SECONDS):
                    got = self._conn.recv()
                    if isinstance(got, tuple) and got and got[0] == "ocr":
                        yield got
                        continue
                    yield ("done", got)
                    return
                if not self._proc.is_alive():
                    yield ("done", self._ended(path, data))
                    return
        except (EOFError, OSError, BrokenPipeError):
            if self._proc is not None:
                self._proc.join(timeout=2)  # its exit code says whether memory ran out
            yield ("done", self._ended(path, data))

    def _ended(self, path: Path, data: bytes) -> tuple[Extracted, int, list[dict]]:
        """The worker died during this file: out of memory under its limit, or a crash."""
        code = self._proc.exitcode if self._proc is not None else None
        if code == MEMORY_EXIT:
            return self._failed(path, data, TOO_LARGE, (
                f"reading needed more than the memory limit of {self.limits.max_memory_mb} MB; "
                "the file was skipped (raise the limit with --max-file-memory-mb)"))
        return self._failed(path, data, CORRUPT, f"the PDF crashed the reader (exit code {code}); "
                            "it is probably damaged")

    def _failed(self, path: Path, data: bytes, status: str, reason: str) -> tuple[Extracted, int, list[dict]]:
        self._kill()  # the next file gets a fresh worker
        import hashlib
        return Extracted(Path(path), hashlib.sha256(data).hexdigest(), len(data), status, reason), 0, []

