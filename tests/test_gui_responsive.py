"""The window never waits: results before the answer, newest question wins, Esc, page in a thread.

Slow steps are made slow by the tests (a gated index, a gated answer, a gated page render
injected here), never by sleeps in the app: each gate is an Event the test opens.
"""

from __future__ import annotations

import threading

import pytest

pytest.importorskip("PySide6")
from PySide6.QtCore import Qt  # noqa: E402

from . import test_gui as gui  # noqa: E402
from .test_gui import ask, page_shown, search  # noqa: E402

settings, window = gui.settings, gui.window  # the app's fixtures, shared with the other GUI tests

MAIN = threading.main_thread


class Gate:
    """Holds the calls whose first argument is in ``hold`` until the test opens the gate."""

    def __init__(self, fn, hold=()):
        self.fn, self.hold = fn, set(hold)
        self.calls: list[tuple[str, bool]] = []  # (key, ran on the UI thread)
        self.seen: list[list] = []  # what ``watch`` held when each call started
        self.watch: list = []
        self.entered = threading.Event()
        self.gate = threading.Event()

    def __call__(self, key, *args, **kwargs):
        self.calls.append((key, threading.current_thread() is MAIN()))
        self.seen.append(list(self.watch))
        if key in self.hold:
            self.entered.set()
            assert self.gate.wait(20), "the test never opened the gate"
        return self.fn(key, *args, **kwargs)


class SlowIndex:
    """The loaded index with a gated ``search``, injected into the window in its place."""

    def __init__(self, index, hold=()):
        self._index = index
        self.search = Gate(index.search, hold)

    def __getattr__(self, name):
        return getattr(self._index, name)


@pytest.fixture
def gated_answer(monkeypatch):
    """Summarizer.answer_from held for the questions the test puts in ``hold``."""
    from reglens.errors import Cancelled
    from reglens.summarize import Summarizer
    real = Summarizer.answer_from
    outcomes: list[tuple[str, str]] = []  # (question, "answered" | "stopped")

    def answer(question, self, passages, **kw):
        try:
            result = real(self, question, passages, **kw)
        except Cancelled:
            outcomes.append((question, "stopped"))
            raise
        outcomes.append((question, "answered"))
        return result

    gate = Gate(answer)
    gate.outcomes = outcomes
    monkeypatch.setattr(Summarizer, "answer_from",
                        lambda self, question, passages, **kw: gate(question, self, passages, **kw))
    return gate


def record(window):
    """Every search/answer signal of the window, in order."""
    events: list[tuple[str, str]] = []
    window.results_shown.connect(lambda q: events.append(("results", q)))
    window.results_painted.connect(lambda q: events.append(("painted", q)))
    window.answer_shown.connect(lambda q: events.append(("answer", q)))
    return events


def test_results_are_painted_before_the_answer_is_composed(qtbot, window, gated_answer, monkeypatch):
    from reglens.ui.main_window import HtmlDelegate
    painted_rows: list[str] = []
    real_paint = HtmlDelegate.paint

    def paint(self, painter, option, index):
        painted_rows.append(index.data(Qt.ItemDataRole.DisplayRole))
        real_paint(self, painter, option, index)

    monkeypatch.setattr(HtmlDelegate, "paint", paint)
    events = record(window)
    gated_answer.watch = events
    question = "借地権の存続期間は何年ですか"
    gated_answer.hold.add(question)
    with qtbot.waitSignal(window.results_painted, timeout=20_000):
        ask(qtbot, window, question)
    # the list is painted with the new results before the answer has even started
    assert events == [("results", question), ("painted", question)]
    first = window.result_list.item(0).text()
    assert first.startswith("借地借家法") and first in painted_rows
    assert gated_answer.entered.wait(10), "the answer is composed once the results are painted"
    assert [q for q, _ in gated_answer.calls] == [question]
    assert gated_answer.seen == [[("results", question), ("painted", question)]], \
        "the answer started before the results were painted"
    assert not any(on_ui for _, on_ui in gated_answer.calls), "the answer was composed on the UI thread"
    # meanwhile the list is usable and the answer pane shows it is busy
    assert window.result_list.isEnabled() and not window.answer.isEnabled()
    assert "Composing the answer" in window.answer.toPlainText() and window.busy.isVisible()
    with qtbot.waitSignal(window.search_finished, timeout=20_000):
        gated_answer.gate.set()
    assert events[-1] == ("answer", question)
    assert "三十年" in window.answer.toPlainText() and window.answer.isEnabled()
    assert not window.busy.isVisible() and not window.is_searching()


def test_a_slow_stale_search_never_replaces_a_newer_one(qtbot, window):
    search(qtbot, window, "借地借家法第三条")
    slow = SlowIndex(window.index, hold={"借地借家法第五条"})
    window.index = slow
    events = record(window)
    shown_first_rows = []
    window.results_shown.connect(lambda _q: shown_first_rows.append(window.result_list.item(0).text()))
    ask(qtbot, window, "借地借家法第五条")
    assert slow.search.entered.wait(10)  # running in the search thread, held
    with qtbot.waitSignal(window.search_finished, timeout=20_000,
                          check_params_cb=lambda q: q == "借地借家法第六条"):
        ask(qtbot, window, "借地借家法第六条")  # asked while the stale one still runs
        slow.search.gate.set()  # the stale one returns first…
    # …and its results were dropped: only the newest question reached the list and the answer
    assert [q for q, _ in slow.search.calls] == ["借地借家法第五条", "借地借家法第六条"]
    assert {q for _, q in events} == {"借地借家法第六条"}
    assert shown_first_rows and all(r.startswith("借地借家法 第六条") for r in shown_first_rows)
    assert window.result_list.item(0).text().startswith("借地借家法 第六条")
    assert not any(on_ui for _, on_ui in slow.search.calls)


def test_a_stale_answer_never_replaces_a_newer_question(qtbot, window, gated_answer):
    events = record(window)
    gated_answer.hold.add("借地借家法第三条")
    with qtbot.waitSignal(window.results_painted, timeout=20_000):
        ask(qtbot, window, "借地借家法第三条")
    assert gated_answer.entered.wait(10)  # its answer is being composed, held
    with qtbot.waitSignal(window.search_finished, timeout=20_000,
                          check_params_cb=lambda q: q == "借地権の存続期間は何年ですか"):
        ask(qtbot, window, "借地権の存続期間は何年ですか")
        gated_answer.gate.set()
    assert ("answer", "借地借家法第三条") not in events
    assert events[-1] == ("answer", "借地権の存続期間は何年ですか")
    assert "三十年" in window.answer.toPlainText()
    # the stale answer stopped at its first check instead of running to its end
    assert gated_answer.outcomes[0] == ("借地借家法第三条", "stopped")


def test_escape_cancels_a_search(qtbot, window):
    search(qtbot, window, "借地借家法第三条")
    slow = SlowIndex(window.index, hold={"借地借家法第六条"})
    window.index = slow
    events = record(window)
    ask(qtbot, window, "借地借家法第六条")
    assert slow.search.entered.wait(10)
    assert window.busy.isVisible() and not window.result_list.isEnabled()  # visibly busy
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    assert not window.is_searching() and not window.busy.isVisible() and window.result_list.isEnabled()
    assert "cancelled" in window.statusBar().currentMessage()
    assert "借地借家法第三条" in window.statusBar().currentMessage()  # whose results stay on screen
    with qtbot.waitSignal(window._searcher.done, timeout=20_000):  # the search ends in its thread…
        slow.search.gate.set()
    qtbot.waitUntil(window._searcher.idle, timeout=5000)
    qtbot.wait(50)  # a late delivery would be processed here
    assert events == [], "a cancelled search's results were shown"
    assert window.result_list.item(0).text().startswith("借地借家法 第三条")
    # the results on screen are still the first question's: so is what an export says
    assert window.search_box.text() == "借地借家法第六条"
    assert window.current_export().question == "借地借家法第三条"


def test_escape_cancels_the_answer_being_composed(qtbot, window, gated_answer):
    events = record(window)
    gated_answer.hold.add("借地権の存続期間は何年ですか")
    with qtbot.waitSignal(window.results_painted, timeout=20_000):
        ask(qtbot, window, "借地権の存続期間は何年ですか")
    assert gated_answer.entered.wait(10)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    assert not window.is_searching() and not window.busy.isVisible()
    assert "cancelled" in window.statusBar().currentMessage()
    assert "Composing" not in window.answer.toPlainText()  # the busy text is gone
    gated_answer.gate.set()
    # the answer stops at its first check (and says nothing): it does not run to its end
    qtbot.waitUntil(lambda: bool(gated_answer.outcomes), timeout=20_000)
    assert gated_answer.outcomes == [("借地権の存続期間は何年ですか", "stopped")]
    qtbot.waitUntil(window._searcher.idle, timeout=5000)
    qtbot.wait(50)
    assert ("answer", "借地権の存続期間は何年ですか") not in events
    assert window.answer.toPlainText() == ""
    assert window.result_list.count() > 0  # the results already shown stay


def test_escape_right_after_the_results_keeps_them_and_their_page(qtbot, window, gated_answer):
    window.results_shown.connect(lambda _q: window.cancel_search())  # Esc before the list is painted
    page = []
    window.viewer.page_shown.connect(lambda: page.append(window.viewer.path))
    ask(qtbot, window, "借地借家法第三条")
    qtbot.waitUntil(lambda: bool(page), timeout=20_000)
    assert page[-1] is not None and page[-1].name == "借地借家法.pdf"  # the first result's page
    qtbot.waitUntil(window._searcher.idle, timeout=5000)
    assert gated_answer.calls == [], "an answer was composed for a cancelled search"
    assert not window.is_searching() and not window.busy.isVisible() and window.answer.isEnabled()
    assert window.result_list.item(0).text().startswith("借地借家法 第三条")


def test_page_renders_off_the_ui_thread_and_the_latest_page_wins(qtbot, window, monkeypatch):
    search(qtbot, window, "借地借家法第三条")
    viewer = window.viewer
    page_shown(qtbot, viewer)
    real = type(viewer)._render_image
    threads: list[bool] = []
    hold, entered = threading.Event(), threading.Event()

    def render(self, path, page, zoom, ratio, room=None):
        threads.append(threading.current_thread() is MAIN())
        if page == 1:  # the page the user has already moved past
            entered.set()
            assert hold.wait(20), "the test never let the render finish"
        return real(self, path, page, zoom, ratio, room)

    monkeypatch.setattr(type(viewer), "_render_image", render)
    shown_pages: list[int] = []
    viewer.page_changed.connect(shown_pages.append)
    viewer.go(1)
    assert entered.wait(10)
    assert not viewer.idle()
    # the UI thread is free while the page renders: it handles this click at once
    window.result_list.setCurrentRow(window.result_list.currentRow())
    viewer.go(2)
    viewer.go(3)  # replaces page 2 before it starts
    hold.set()
    page_shown(qtbot, viewer)
    qtbot.wait(50)
    assert shown_pages == [3], "a stale page was shown"
    assert viewer.page == 3 and "page 4 /" in viewer.page_label.text()
    assert threads and not any(threads), "a page was rendered on the UI thread"


def test_query_model_loads_in_the_background_after_the_window_shows(qtbot, settings, sample_index,
                                                                    tmp_path, monkeypatch):
    import shutil

    from reglens import search as search_module
    from reglens.ui.main_window import MainWindow
    calls: list[tuple[bool, bool]] = []  # (on the UI thread, window visible)
    real = search_module.Index.load_embedder

    def load_embedder(self, *a, **k):
        calls.append((threading.current_thread() is MAIN(), w.isVisible()))
        return real(self, *a, **k)

    monkeypatch.setattr(search_module.Index, "load_embedder", load_embedder)
    shutil.copytree(sample_index, tmp_path / "index")
    settings.index_dir = tmp_path / "index"
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    try:
        qtbot.waitUntil(lambda: w.index is not None and bool(calls) and w.index.embedder is not None,
                        timeout=20_000)
        assert calls == [(False, True)]
    finally:
        w.close()


def test_loaded_index_is_left_out_of_full_garbage_collections(qtbot, window):
    import gc
    frozen = gc.get_freeze_count()
    assert frozen > 1000, "the index's objects are walked by every full collection"
    window.close()
    assert gc.get_freeze_count() == 0


def test_answer_link_finds_its_sentence_off_the_ui_thread(qtbot, window, monkeypatch):
    """[n] after a sentence: the sentence's own lines are found in the render thread and only
    those are highlighted (not the whole passage); the window is not held meanwhile."""
    from PySide6.QtCore import QUrl

    from reglens import sentence_spans
    search(qtbot, window, "借地権の存続期間は何年ですか")
    page_shown(qtbot, window.viewer)
    sentences = window._answer_sentences
    i = next(k for k, s in enumerate(sentences) if "三十年" in s.text)
    n = sentences[i].cited[0]
    passage = window.results[n - 1]
    real = sentence_spans.locate
    threads: list[bool] = []
    hold, entered = threading.Event(), threading.Event()

    def locate(*args, **kwargs):
        threads.append(threading.current_thread() is MAIN())
        entered.set()
        assert hold.wait(20), "the test never let the location finish"
        return real(*args, **kwargs)

    window.result_list.setCurrentRow(min(n, window.result_list.count() - 1))  # another passage first
    page_shown(qtbot, window.viewer)
    monkeypatch.setattr(sentence_spans, "locate", locate)  # (a result is located too: after it)
    window._answer_link(QUrl(f"cite:{n}:{i}"))
    assert entered.wait(10), "the sentence is located in the viewer's thread"
    assert window.result_list.currentRow() == n - 1  # the list follows at once
    hold.set()
    page_shown(qtbot, window.viewer)
    assert threads == [False], "the sentence was located on the UI thread (or more than once)"
    spans = sentences[i].spans
    assert spans and window.viewer.spans == [list(s) for s in spans]
    assert window.viewer.page == int(spans[0][0])
    # the sentence's own lines (the first cut where the sentence starts), not the passage's
    assert spans != passage["spans"] and len(spans) <= len(passage["spans"])
    # Back returns to the sentence (the located place is what history keeps)
    assert window.viewer.history[window.viewer.history_pos].spans == tuple(tuple(s) for s in spans)


def test_a_running_call_learns_it_is_stale_and_stops(qtbot):
    """The search thread's running call sees ``stale()`` once a newer call waits or Esc
    cancelled it; stopping with Cancelled emits nothing, and the newer call runs next."""
    from reglens.errors import Cancelled
    from reglens.ui.worker import LatestCallRunner
    runner = LatestCallRunner()
    done, failed = [], []
    runner.done.connect(lambda t, r: done.append((t, r)))
    runner.failed.connect(lambda t, m, d: failed.append(t))
    started = threading.Event()

    def long_call(name):
        def job():
            started.set()
            for _ in range(2000):  # up to 20 s: a step of work, then a check
                if runner.stale():
                    raise Cancelled()
                threading.Event().wait(0.01)
            return name
        return job

    try:
        first = runner.submit(long_call("first"))
        assert started.wait(10) and not runner.stale()
        second = runner.submit(lambda: "second")
        qtbot.waitUntil(lambda: bool(done), timeout=5_000)  # well before the first call's 20 s
        assert done == [(second, "second")] and not failed and first != second
        started.clear()
        runner.submit(long_call("third"))
        assert started.wait(10)
        runner.cancel_running()  # Esc
        qtbot.waitUntil(runner.idle, timeout=5_000)
        qtbot.wait(50)
        assert done == [(second, "second")] and not failed
    finally:
        runner.stop()
