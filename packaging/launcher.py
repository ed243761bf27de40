"""Entry point of the frozen application (PyInstaller): the window without arguments,
the command line with them, exactly as the ``visitplanner`` script installed by pip.

``VISITPLANNER_SMOKE_EXIT_MS=N`` (packaging/smoke-test.sh) makes the window close itself
N milliseconds after it is shown, and prints ``smoke: window shown after X ms`` (and
how Qt's own translations say "Cancel") on standard error: a headless check that the
built application really starts. It is read only here, in the frozen build's launcher,
and changes nothing else.
"""

from __future__ import annotations

import os
import sys
import time

STARTED = time.perf_counter()
SMOKE_VARIABLE = "VISITPLANNER_SMOKE_EXIT_MS"


def _arm_smoke_exit(delay_ms: int) -> None:
    """Creates the QApplication ``visitplanner.app.run`` will reuse, and watches it.

    ``run`` takes ``QApplication.instance()`` when there is one, so an event filter
    installed now sees the main window's first Show event; the window is then closed
    (as a user would: ``closeEvent`` runs) and the event loop quits.
    """
    from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QDialog, QMainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])

    class ShownWatcher(QObject):
        fired = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if (
                not self.fired
                and event.type() == QEvent.Type.Show
                and isinstance(watched, QDialog)
                and watched.parent() is None
            ):
                # A start-up dialog instead of the window: the smoke test fails, loudly.
                title = watched.windowTitle()
                print(f"smoke: a dialog opened instead: {title}", file=sys.stderr, flush=True)
                os._exit(3)
            if (
                not self.fired
                and event.type() == QEvent.Type.Show
                and isinstance(watched, QMainWindow)
            ):
                self.fired = True
                shown = (time.perf_counter() - STARTED) * 1000
                print(f"smoke: window shown after {shown:.0f} ms", file=sys.stderr, flush=True)
                # Qt's own strings: "Annuler" in French when qtbase_fr.qm was found.
                cancel = QCoreApplication.translate("QPlatformTheme", "Cancel")
                print(f"smoke: Qt says Cancel as {cancel}", file=sys.stderr, flush=True)
                QTimer.singleShot(delay_ms, self.finish)
            return False

        def finish(self) -> None:
            app.closeAllWindows()
            QTimer.singleShot(0, app.quit)

    watcher = ShownWatcher(app)
    app.installEventFilter(watcher)
    app._smoke_watcher = watcher  # kept alive as long as the application


def main() -> int:
    delay = os.environ.get(SMOKE_VARIABLE, "")
    if delay.isdigit() and _only_options():
        _arm_smoke_exit(int(delay))
    from visitplanner.cli.main import main as visitplanner_main

    return visitplanner_main()


def _only_options() -> bool:
    """True when the arguments are only ``--db X`` / ``--lang X``: the window opens."""
    args = sys.argv[1:]
    i = 0
    while i < len(args):
        if args[i] in ("--db", "--lang") and i + 1 < len(args):
            i += 2
        elif args[i].startswith(("--db=", "--lang=")):
            i += 1
        else:
            return False
    return True


if __name__ == "__main__":
    raise SystemExit(main())
