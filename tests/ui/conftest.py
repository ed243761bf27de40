"""Helpers for driving the window as a person would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication


def type_text(widget, text: str) -> None:
    """Types like a keyboard, accents included (QTest.keyClicks only knows ASCII)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


@pytest.fixture
def window(qtbot, catalogue):
    from visitplanner.settings import load_settings
    from visitplanner.ui.main_window import MainWindow

    win = MainWindow(catalogue, load_settings())
    win.show()
    yield win
    page = win.stack.currentWidget()
    form = getattr(page, "form", None)
    if form is not None and form.dirty:
        form.revert()  # a test may leave a refused edit behind; closing must not ask
    win.close()
    win.deleteLater()


@pytest.fixture(autouse=True)
def _no_unexpected_dialogs(monkeypatch):
    """A modal dialog nobody answers would hang the run: fail loudly instead."""

    def unexpected(*args, **kwargs):
        raise AssertionError(f"unexpected dialog: {args[1:3]}")

    for name in ("ask_yes_no", "ask_save_discard_cancel", "show_error", "ask_open_preferences"):
        monkeypatch.setattr(f"visitplanner.ui.dialogs.{name}", unexpected)
    from visitplanner.ui.startup_dialog import StartupDialog

    monkeypatch.setattr(StartupDialog, "ask", classmethod(unexpected))


@pytest.fixture(autouse=True)
def _synchronous_tasks(monkeypatch):
    """Background work runs inline in tests, so results are there when the call returns."""
    monkeypatch.setattr("visitplanner.ui.tasks.SYNCHRONOUS", True)
