"""Long work off the GUI thread, with a progress bar and Cancel.

The work is a plain function taking ``progress(done, total)`` and
``cancelled()`` callbacks (the services' convention), so it runs the same in
the command line, in tests and here. Tests set ``SYNCHRONOUS`` to run it inline.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from visitplanner.i18n import _

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

    def run(self) -> None:
        try:
            result = self.work(self.progressed.emit, self.stop.is_set)
        except BaseException as exc:  # handed back to the GUI thread, never lost
            self.finished.emit(None, exc)
        else:
            self.finished.emit(result, None)


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
