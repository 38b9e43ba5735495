"""CPU-bound background processes for measuring under load (a busy workstation).

    with background_load(2):
        ...  # measure

Each process is a pure-Python busy loop (never sleeps, never does I/O), the
kind of load an antivirus scan or a browser tab puts on a 2-core machine.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import time


def _spin(stop) -> None:  # pragma: no cover - runs in the child
    x = 0
    while not stop.is_set():
        for _ in range(100_000):
            x = (x * 31 + 7) % 1_000_003


@contextlib.contextmanager
def background_load(n: int, settle: float = 0.5):
    """Run ``n`` busy processes for the duration of the block (0: nothing)."""
    if n <= 0:
        yield
        return
    ctx = mp.get_context("spawn")  # no fork of a process that already holds OpenMP threads
    stop = ctx.Event()
    procs = [ctx.Process(target=_spin, args=(stop,), daemon=True) for _ in range(n)]
    for p in procs:
        p.start()
    time.sleep(settle)  # let them start spinning
    try:
        yield
    finally:
        stop.set()
        for p in procs:
            p.join(5)
            if p.is_alive():
                p.terminate()
                p.join()
