"""Background work (story sync, daily backup) never overlaps a restore or the exit.

These tests run real threads (``tasks.SYNCHRONOUS`` off): a task keeps saving into
the catalogue until it is cancelled, as a long story sync does, while the window
restores a backup.
"""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest

from visitplanner.services.directory import records as cat
from visitplanner.services.recovery.backups import backup
from visitplanner.ui import tasks
from visitplanner.ui.restore_dialog import RestoreDialog


@pytest.fixture(autouse=True)
def _threads(monkeypatch):
    monkeypatch.setattr("visitplanner.ui.tasks.SYNCHRONOUS", False)


class Sync:
    """Saves an entry every few milliseconds through the catalogue's guard, until cancelled."""

    def __init__(self, catalogue) -> None:
        self.catalogue = catalogue
        self.saved: list[str] = []
        self.returned = threading.Event()
        self.results: list[object] = []
        self.usable: bool | None = None

    def work(self, _progress, cancelled):
        try:
            with self.catalogue.guard.shared() as usable:
                self.usable = usable
                while usable and not cancelled():
                    name = f"synced-{len(self.saved)}"
                    cat.create_person(self.catalogue, cat.PersonInput(family_name=name))
                    self.saved.append(name)
                    time.sleep(0.005)
                return len(self.saved)
        finally:
            self.returned.set()

    def done(self, result, error) -> None:
        self.results.append(error or result)


def names(path) -> list[str]:
    with sqlite3.connect(path) as conn:
        rows = sorted(r[0] for r in conn.execute("SELECT family_name FROM people"))
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    return rows


def test_a_restore_waits_for_the_sync_and_nothing_writes_into_the_swapped_file(
    qtbot, window, db_path, monkeypatch
):
    cat.create_person(window.catalogue, cat.PersonInput(family_name="Dupont"))
    backup(window.catalogue)
    sync = Sync(window.catalogue)
    tasks.run_task(window, "Synchronising", sync.work, sync.done, quiet=True)
    qtbot.waitUntil(lambda: len(sync.saved) >= 3, timeout=10000)

    monkeypatch.setattr(
        RestoreDialog, "choose", classmethod(lambda cls, backups, parent=None: backups[0])
    )
    monkeypatch.setattr("visitplanner.ui.dialogs.ask_yes_no", lambda *args: True)
    old = window.catalogue
    window.restore_action.trigger()

    assert sync.returned.is_set() and sync.results == [len(sync.saved)]  # cancelled, awaited
    assert tasks.running() == 0
    assert window.catalogue is not old and old.guard.closed
    # Every entry the sync saved went into the catalogue kept aside, none into the restored one.
    assert names(db_path) == ["Dupont"]
    (aside,) = db_path.parent.glob("catalogue.before-restore-*.sqlite")
    assert set(sync.saved) <= set(names(aside))


def test_work_that_starts_on_a_closed_catalogue_does_nothing(qtbot, window):
    old = window.catalogue
    assert tasks.release_catalogue(old)
    late = Sync(old)
    tasks.run_task(window, "Synchronising", late.work, late.done, quiet=True)
    qtbot.waitUntil(lambda: late.results != [], timeout=10000)
    assert late.usable is False and late.saved == []


def test_closing_waits_for_the_work_using_the_catalogue(qtbot, catalogue):
    """What the exit does: cancel and await tasks, then close."""
    sync = Sync(catalogue)
    tasks.run_task(None, "Synchronising", sync.work, sync.done, quiet=True)
    qtbot.waitUntil(lambda: len(sync.saved) >= 2, timeout=10000)

    assert tasks.settle()

    assert sync.returned.is_set() and sync.results == [len(sync.saved)]
    assert tasks.running() == 0
    catalogue.close()
    assert catalogue.guard.closed


def test_the_guard_makes_a_closing_wait_for_its_holder(catalogue):
    entered, leave = threading.Event(), threading.Event()

    def holder() -> None:
        with catalogue.guard.shared():
            entered.set()
            leave.wait(5)

    thread = threading.Thread(target=holder)
    thread.start()
    entered.wait(5)
    assert catalogue.guard.close(timeout=0.05) is False  # still used: refused, still open
    assert not catalogue.guard.closed
    leave.set()
    assert catalogue.guard.close(timeout=5) is True
    thread.join()
    with catalogue.guard.shared() as usable:
        assert usable is False
