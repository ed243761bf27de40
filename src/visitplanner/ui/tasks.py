"""Long work off the GUI thread, with a progress bar and Cancel.

The work is a plain function taking ``progress(done, total)`` and
``cancelled()`` callbacks (the services' convention), so it runs the same in
the command line, in tests and here. Tests set ``SYNCHRONOUS`` to run it inline.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from visitplanner.i18n import _

if TYPE_CHECKING:
    from visitplanner.store.database import Catalogue

SYNCHRONOUS = False
_RUNNING: set[tuple[QObject, ...]] = set()

Work = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]


class _Worker(QObject):
    progressed = Signal(int, int)
    finished = Signal(object, object)  # result, exception

    def __init__(self, work: Work) -> None:
        super().__init__()
        self.work = work
        self.stop = threading.Event()
        self.returned = threading.Event()  # the work is over, even if ``done`` has not run yet

    def run(self) -> None:
        try:
            result = self.work(self.progressed.emit, self.stop.is_set)
        except BaseException as exc:  # handed back to the GUI thread, never lost
            self.finished.emit(None, exc)
        else:
            self.finished.emit(result, None)
        finally:
            self.returned.set()


class _Receiver(QObject):
    """Lives in the GUI thread so the worker's signals are queued to it.

    A plain Python function connected to a signal of an object in another thread
    runs in that other thread: the progress dialog would then be touched from the
    worker, and the thread would wait on itself (a crash). Slots of a QObject that
    belongs to the GUI thread run in the GUI thread.
    """

    def __init__(
        self,
        parent: QObject,
        on_progress: Callable[[int, int], None],
        on_finished: Callable[[Any, BaseException | None], None],
    ) -> None:
        super().__init__(parent)
        self._on_progress = on_progress
        self._on_finished = on_finished

    @Slot(int, int)
    def progressed(self, current: int, total: int) -> None:
        self._on_progress(current, total)

    @Slot(object, object)
    def finished(self, result: Any, error: BaseException | None) -> None:
        self._on_finished(result, error)


def run_task(
    parent: QWidget | None,
    label: str,
    work: Work,
    done: Callable[[Any, BaseException | None], None],
    *,
    quiet: bool = False,
) -> None:
    """Runs ``work`` in a thread; ``done(result, error)`` is called on the GUI thread.

    ``quiet`` work (a daily backup, a background sync) shows no progress dialog.
    """
    if SYNCHRONOUS:
        try:
            result = work(lambda _d, _t: None, lambda: False)
        except BaseException as exc:
            done(None, exc)
        else:
            done(result, None)
        return
    dialog: QProgressDialog | None = None
    if not quiet:
        dialog = QProgressDialog(label, _("Cancel"), 0, 0, parent)
        dialog.setWindowTitle(label)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
    thread = QThread(parent)
    worker = _Worker(work)
    worker.moveToThread(thread)

    def progressed(current: int, total: int) -> None:
        if dialog is not None:
            dialog.setMaximum(total)
            dialog.setValue(current)

    def finished(result: Any, error: BaseException | None) -> None:
        if dialog is not None:
            dialog.close()
        thread.quit()
        thread.wait()
        worker.deleteLater()
        thread.deleteLater()
        _RUNNING.discard(running)
        done(result, error)

    receiver = _Receiver(thread, progressed, finished)
    running = (thread, worker, receiver)
    _RUNNING.add(running)  # Python keeps them alive until the work is done
    queued = Qt.ConnectionType.QueuedConnection
    worker.progressed.connect(receiver.progressed, queued)
    worker.finished.connect(receiver.finished, queued)
    if dialog is not None:
        dialog.canceled.connect(worker.stop.set)
    thread.started.connect(worker.run)
    thread.start()


class _FirstPaint(QObject):
    """Watches a widget for its first paint event, then calls back on the loop's next turn."""

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, watched, self._callback)  # dropped if the widget is gone
        return False


def after_first_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    """Calls ``callback()`` once ``widget`` has been painted for the first time.

    For the slower part of a page (its queries): the window shows first, at once,
    and the page fills a moment later. Inline when ``SYNCHRONOUS`` (tests).
    """
    if SYNCHRONOUS:
        callback()
    else:
        _FirstPaint(widget, callback)


def running() -> int:
    """How many tasks are running (their ``done`` not called yet)."""
    return len(_RUNNING)


def settle(timeout: float = 30.0) -> bool:
    """Asks every running task to stop, waits for their work to return and calls their ``done``.

    Before a restore, a switch to another catalogue, or the exit: nothing may still
    be working on the catalogue when it is closed. Returns False when some work was
    still running after ``timeout`` seconds (it is left running).
    """
    from PySide6.QtCore import QCoreApplication

    deadline = time.monotonic() + timeout
    while _RUNNING:
        # A ``done`` may start another task (a sync asked for meanwhile): the next round
        # cancels that one too.
        for _thread, worker, _receiver in list(_RUNNING):
            worker.stop.set()
        for _thread, worker, _receiver in list(_RUNNING):
            if not worker.returned.wait(max(0.0, deadline - time.monotonic())):
                return False
        # Their ``finished`` signals wait in the event queue: deliver them (only them,
        # no timers), so that every ``done`` has run and every thread has ended.
        QCoreApplication.sendPostedEvents()
        if time.monotonic() > deadline:
            return not _RUNNING
    return True


def release_catalogue(catalogue: Catalogue, timeout: float = 30.0) -> bool:
    """Stops the background work and closes ``catalogue`` so that its file can be swapped.

    Tasks are cancelled and awaited; work that started meanwhile finds the catalogue's
    guard closed and does nothing. Returns False, with the catalogue still open, when
    some work would not stop in time.
    """
    if not settle(timeout) or not catalogue.guard.close(timeout):
        return False
    catalogue.close()
    return True
