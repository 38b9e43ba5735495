"""Enter → results in the desktop app, idle and on a busy machine (not a test).

Drives the real MainWindow offscreen: for each lawqa dev question, types it,
presses Enter (a real key event) and times two moments: the results list painted
with its results (``results_painted``, emitted when the list's paint event has
run) and the answer shown in the answer pane (``answer_shown``); then it waits
for the page and the links before the next question, as a reader would. Also
prints when the window was shown, when the index and the query model were
loaded, where each question's time went (stages), and how long the first
question — typed right after the window appeared, while the index was still
loading — took to answer.
A fresh window (fresh index, nothing cached) is used for each load level.

    python benchmarks/gui_latency.py --index DIR [--background-load 2] [--no-gc-freeze]
"""

from __future__ import annotations

import argparse
import gc
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
    """Run the real event loop (as the app does) until ``condition()`` holds.

    The loop sleeps until an event arrives, so a thread's result is handled as soon as it is
    posted; the condition is only checked every 10 ms, which does not change the times
    measured (they are stamped in the window's own signals)."""
    from PySide6.QtCore import QEventLoop, QTimer
    if condition():
        return
    end = time.perf_counter() + timeout
    loop = QEventLoop()
    timer = QTimer()

    def check() -> None:
        if condition():
            loop.exit(0)
        elif time.perf_counter() > end:
            loop.exit(1)

    timer.timeout.connect(check)
    timer.start(10)
    failed = loop.exec()
    timer.stop()
    if failed:
        raise TimeoutError("the app did not get there in time")


class Stages:
    """Where one question's time goes, stamped by wrappers around the window's own steps."""

    def __init__(self):
        self.t: dict[str, float] = {}

    def stamp(self, name: str) -> None:
        self.t.setdefault(name, time.perf_counter())

    def wrap(self, obj, name: str, before: str, after: str) -> None:
        orig = getattr(obj, name)

        def timed(*a, **k):
            self.stamp(before)
            try:
                return orig(*a, **k)
            finally:
                self.stamp(after)

        setattr(obj, name, timed)


STAGES = [  # (label, end stamp, start stamp): a row of the breakdown
    ("Enter → search starts in its thread", "search_start", "enter"),
    ("search (search thread)", "search_end", "search_start"),
    ("search returned → results slot", "slot_start", "search_end"),
    ("results slot (list filled)", "slot_end", "slot_start"),
    ("results slot → list painted", "painted", "slot_end"),
    ("answer composed (search thread)", "answer_end", "answer_start"),
    ("page rendered (render thread)", "render_end", "render_start"),
]


def one_run(app, index: Path, questions: list[str]) -> dict:
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest

    from reglens import summarize
    from reglens.ui.main_window import MainWindow
    from reglens.ui.settings import Settings
    tmp = tempfile.mkdtemp(prefix="reglens-gui-latency-")
    settings = Settings(QSettings(os.path.join(tmp, "settings.ini"), QSettings.Format.IniFormat))
    settings.index_dir = index
    painted: list[tuple[str, float]] = []  # questions whose results list was painted, and when
    answered: list[tuple[str, float]] = []  # ... whose answer was shown
    done: list[str] = []  # ... whose page and answer are both shown
    stages = Stages()

    def ask(question: str) -> tuple[float, float, dict]:
        stages.t.clear()
        stages.stamp("enter")
        t = stages.t["enter"]
        window.search_box.setText(question)
        QTest.keyClick(window.search_box, Qt.Key.Key_Return)
        # the user reads before asking again: let the page, answer and links finish first
        wait_for(app, lambda: done and done[-1] == question and window._refs_runner.idle()
                 and window.viewer.idle())
        (q1, results_at), (q2, answer_at) = painted[-1], answered[-1]
        assert q1 == q2 == question
        return results_at - t, answer_at - t, {k: 1000 * (v - t) for k, v in stages.t.items()}

    started = time.perf_counter()
    window = MainWindow(settings)
    # each signal is stamped in a slot called directly, in the emitting (UI) thread
    window.results_painted.connect(lambda q: painted.append((q, time.perf_counter())))
    window.answer_shown.connect(lambda q: answered.append((q, time.perf_counter())))
    window.search_finished.connect(done.append)
    window.show()
    app.processEvents()
    shown = time.perf_counter() - started
    loading = window.index is None
    first, _, _ = ask(questions[0])  # typed at once: the index is still loading
    # steady state: the query model loaded; the question typed at once above measured the start-up
    wait_for(app, lambda: window.index is not None and window._searcher.idle()
             and (window.index.dense is None or window.index.embedder is not None), timeout=600)
    steady = time.perf_counter() - started
    index_search = window.index.search
    window.index.search = lambda *a, **k: _timed(stages, "search", index_search, *a, **k)
    stages.wrap(window, "_search_done", "slot_start", "slot_end")  # the first call: the results
    window.results_painted.connect(lambda _q: stages.stamp("painted"))
    real_answer_from = summarize.Summarizer.answer_from
    summarize.Summarizer.answer_from = lambda self, *a, **k: _timed(
        stages, "answer", real_answer_from, self, *a, **k)
    stages.wrap(window.viewer, "_render_image", "render_start", "render_end")
    pauses: list[tuple[int, float]] = []  # (generation, ms) of each garbage collection meanwhile
    began: list[float] = []

    def gc_pause(phase: str, info: dict) -> None:
        if phase == "start":
            began[:] = [time.perf_counter()]
        elif began:
            pauses.append((info["generation"], 1000 * (time.perf_counter() - began[0])))

    gc.callbacks.append(gc_pause)
    try:
        times = [ask(q) for q in questions]
    finally:
        summarize.Summarizer.answer_from = real_answer_from
        gc.callbacks.remove(gc_pause)
    window.close()
    return {"shown": shown, "first": first, "typed_while_loading": loading, "steady": steady,
            "results": [r for r, _, _ in times], "answer": [a for _, a, _ in times],
            "stages": [s for _, _, s in times], "gc": pauses}


def _timed(stages: Stages, name: str, fn, *a, **k):
    stages.stamp(f"{name}_start")
    try:
        return fn(*a, **k)
    finally:
        stages.stamp(f"{name}_end")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument("--queries", type=Path, default=SHARED / "eval" / "lawqa_dev.jsonl")
    ap.add_argument("--background-load", type=int, default=0, metavar="N")
    ap.add_argument("--no-gc-freeze", action="store_true",
                    help="leave the loaded index in Python's full garbage collections (as before)")
    args = ap.parse_args()
    if args.no_gc_freeze:
        gc.freeze = lambda: None  # the window's call after loading the index does nothing
    from reglens import threads
    threads.configure()  # what the app does first
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from background import background_load
    from PySide6.QtWidgets import QApplication

    from reglens.ui.fonts import ensure_japanese_font
    app = QApplication.instance() or QApplication([sys.argv[0]])
    ensure_japanese_font(app)
    questions = [json.loads(line)["question"] for line in args.queries.open(encoding="utf-8") if line.strip()]
    # a question without a topic is not searched (guidance asks what it is about): nothing to time
    from reglens.guidance import for_index
    from reglens.search import Index
    probe = Index(args.index)
    asked = [q for q in questions if not for_index(probe, q).no_topic]
    print(f"{len(asked)} of {len(questions)} questions have a topic and are searched "
          f"({len(questions) - len(asked)} are answered with guidance instead, not timed)")
    questions = asked
    del probe
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

    def ms(values: list[float]) -> str:
        return f"{1000 * statistics.median(values):.0f} / {1000 * pct(values, 95):.0f} ms"

    row("Enter → results painted p50 / p95", lambda r: ms(r["results"]))
    row("Enter → answer shown p50 / p95", lambda r: ms(r["answer"]))
    row("slowest results / answer", lambda r: f"{1000 * max(r['results']):.0f} / "
                                              f"{1000 * max(r['answer']):.0f} ms")
    row("window shown after", lambda r: f"{1000 * r['shown']:.0f} ms")
    row("question typed at once → results", lambda r: f"{1000 * r['first']:.0f} ms"
        + (" (while loading)" if r["typed_while_loading"] else ""))
    row("start-up work done after", lambda r: f"{r['steady']:.1f} s")
    def full_gc(r) -> str:
        full = [ms for generation, ms in r["gc"] if generation == 2]
        return f"{len(full)}, {max(full, default=0):.0f} ms"

    row("full garbage collections: n, longest", full_gc)
    print("where the time goes, ms p50 / p95 (Enter → results painted = the first five rows):")
    for label, end, start in STAGES:
        def stage(r, end=end, start=start):
            v = [s[end] - s[start] for s in r["stages"] if end in s and start in s]
            return f"{statistics.median(v):.0f} / {pct(v, 95):.0f}" if v else "-"
        row("  " + label, stage)
    row("1-min load average", lambda r: f"{r['load']:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
