"""Enter → results in the desktop app, idle and on a busy machine (not a test).

Drives the real MainWindow offscreen: for each lawqa dev question, types it,
presses Enter (a real key event) and waits until its results are in the list
and painted. Also prints when the window was shown, when the index and the
query model were loaded, and how long the first question — typed right after
the window appeared, while the index was still loading — took to answer.
A fresh window (fresh index, nothing cached) is used for each load level.

    python benchmarks/gui_latency.py --index DIR [--background-load 2]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
sys.path.insert(0, str(HERE))


def pct(values: list[float], p: int) -> float:
    v = sorted(values)
    return v[min(len(v) - 1, round(p / 100 * (len(v) - 1)))]


def wait_for(app, condition, timeout: float = 60.0) -> None:
    end = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > end:
            raise TimeoutError("the app did not get there in time")
        app.processEvents()
        time.sleep(0.001)


def one_run(app, index: Path, questions: list[str]) -> dict:
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest

    from reglens.ui.main_window import MainWindow
    from reglens.ui.settings import Settings
    tmp = tempfile.mkdtemp(prefix="reglens-gui-latency-")
    settings = Settings(QSettings(os.path.join(tmp, "settings.ini"), QSettings.Format.IniFormat))
    settings.index_dir = index
    finished: list[str] = []  # questions whose results are in the list
    done: list[str] = []  # ... and whose page and answer are shown too

    def ask(question: str) -> float:
        t = time.perf_counter()
        window.search_box.setText(question)
        QTest.keyClick(window.search_box, Qt.Key.Key_Return)
        wait_for(app, lambda: finished and finished[-1] == question)
        window.result_list.viewport().repaint()  # the results as the user sees them
        elapsed = time.perf_counter() - t
        # the user reads before asking again: let the page, answer and links finish first
        wait_for(app, lambda: done and done[-1] == question and window._refs_runner.idle())
        return elapsed

    started = time.perf_counter()
    window = MainWindow(settings)
    window.results_shown.connect(finished.append)
    window.search_finished.connect(done.append)
    window.show()
    app.processEvents()
    shown = time.perf_counter() - started
    loading = window.index is None
    first = ask(questions[0])  # typed at once: the index is still loading
    first_at = time.perf_counter() - started
    # steady state: the query model loaded; the question typed at once above measured the start-up
    wait_for(app, lambda: window.index is not None and window._searcher.idle(), timeout=600)
    steady = time.perf_counter() - started
    times = [ask(q) for q in questions]
    window.close()
    return {"shown": shown, "first": first, "typed_while_loading": loading, "first_at": first_at,
            "steady": steady, "times": times}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument("--queries", type=Path, default=SHARED / "eval" / "lawqa_dev.jsonl")
    ap.add_argument("--background-load", type=int, default=0, metavar="N")
    args = ap.parse_args()
    from reglens import threads
    threads.configure()  # what the app does first
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from background import background_load
    from PySide6.QtWidgets import QApplication

    from reglens.ui.fonts import ensure_japanese_font
    app = QApplication.instance() or QApplication([sys.argv[0]])
    ensure_japanese_font(app)
    questions = [json.loads(line)["question"] for line in args.queries.open(encoding="utf-8") if line.strip()]
    runs = {}
    for n in sorted({0, args.background_load}):
        with background_load(n):
            runs[n] = one_run(app, args.index, questions)
            runs[n]["load"] = os.getloadavg()[0]
    print(f"{os.cpu_count()} CPUs; Enter → results painted, {len(questions)} lawqa dev questions, "
          f"fresh window per column")
    cols = sorted(runs)
    print(f"{'':34}" + " | ".join(f"{'idle' if n == 0 else f'{n} busy processes':>24}" for n in cols))

    def row(name, fn):
        print(f"{name:34}" + " | ".join(f"{fn(runs[n]):>24}" for n in cols))

    row("Enter → results p50 / p95", lambda r: f"{1000 * statistics.median(r['times']):.0f} / "
                                               f"{1000 * pct(r['times'], 95):.0f} ms")
    row("slowest", lambda r: f"{1000 * max(r['times']):.0f} ms")
    row("window shown after", lambda r: f"{1000 * r['shown']:.0f} ms")
    row("question typed at once → results", lambda r: f"{1000 * r['first']:.0f} ms"
        + (" (while loading)" if r["typed_while_loading"] else ""))
    row("start-up work done after", lambda r: f"{r['steady']:.1f} s")
    row("1-min load average", lambda r: f"{r['load']:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
