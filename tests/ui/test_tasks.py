"""Long work really runs in another thread, and its results come back to the GUI thread."""

from __future__ import annotations

import threading

import pytest

from visitplanner.ui import tasks


@pytest.fixture
def threaded(monkeypatch):
    monkeypatch.setattr(tasks, "SYNCHRONOUS", False)


@pytest.mark.parametrize("quiet", [False, True])
def test_work_runs_off_the_gui_thread_and_reports_on_it(qtbot, threaded, quiet):
    seen = {}

    def work(progress, cancelled):
        seen["work"] = threading.current_thread()
        for i in range(3):
            progress(i + 1, 3)
        return 42

    def done(result, error):
        seen["done"] = threading.current_thread()
        seen["result"] = (result, error)

    tasks.run_task(None, "Counting", work, done, quiet=quiet)
    qtbot.waitUntil(lambda: "result" in seen, timeout=5000)
    assert seen["result"] == (42, None)
    assert seen["work"] is not threading.main_thread()
    assert seen["done"] is threading.main_thread()
    qtbot.waitUntil(lambda: not tasks._RUNNING, timeout=5000)


def test_an_error_in_the_work_is_handed_back(qtbot, threaded):
    seen = {}

    def work(progress, cancelled):
        raise ValueError("broken")

    tasks.run_task(None, "Failing", work, lambda r, e: seen.setdefault("error", e))
    qtbot.waitUntil(lambda: "error" in seen, timeout=5000)
    assert isinstance(seen["error"], ValueError)


def test_several_tasks_at_once_all_finish(qtbot, threaded):
    results = []
    for n in range(5):
        tasks.run_task(
            None, "n", lambda p, c, n=n: n * n, lambda r, e: results.append(r), quiet=True
        )
    qtbot.waitUntil(lambda: len(results) == 5, timeout=5000)
    assert sorted(results) == [0, 1, 4, 9, 16]
