"""Long work off the GUI thread, with a progress bar and Cancel.

The work is a plain function taking ``progress(done, total)`` and
``cancelled()`` callbacks (the services' convention), so it runs the same in
the command line, in tests and here. Tests set ``SYNCHRONOUS`` to run it inline.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from visitplanner.i18n import _

SYNCHRONOUS = False

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


def run_task(
    parent: QWidget | None,
    label: str,
    work: Work,
    done: Callable[[Any, BaseException | None], None],
) -> None:
    """Runs ``work`` in a thread; ``done(result, error)`` is called on the GUI thread."""
    if SYNCHRONOUS:
        try:
            result = work(lambda _d, _t: None, lambda: False)
        except BaseException as exc:
            done(None, exc)
        else:
            done(result, None)
        return
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
        dialog.setMaximum(total)
        dialog.setValue(current)

    def finished(result: Any, error: BaseException | None) -> None:
        dialog.close()
        thread.quit()
        thread.wait()
        worker.deleteLater()
        thread.deleteLater()
        done(result, error)

    worker.progressed.connect(progressed)
    worker.finished.connect(finished)
    dialog.canceled.connect(worker.stop.set)
    thread.started.connect(worker.run)
    thread.start()
