"""A booklet being built shows its progress, and Cancel stops it with nothing written."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton

from visitplanner.services.changes import Changes
from visitplanner.services.demo import load_demo
from visitplanner.services.documents import debriefs
from visitplanner.ui import tasks


def test_cancel_stops_the_booklet_and_writes_nothing(qtbot, window, monkeypatch, tmp_path):
    monkeypatch.setattr(tasks, "SYNCHRONOUS", False)
    load_demo(window.catalogue)
    window.changes_applied.emit(Changes.everything())
    window.show_page("debriefs")
    page = window.page("debriefs")
    target = tmp_path / "livret.pdf"
    monkeypatch.setattr("visitplanner.ui.export.ask_save_path", lambda *args: target)
    opened: list[object] = []
    monkeypatch.setattr("visitplanner.ui.export.open_file", opened.append)
    errors: list[str] = []
    monkeypatch.setattr(
        "visitplanner.ui.dialogs.show_error", lambda parent, title, text: errors.append(text)
    )
    from visitplanner.ui.booklet_dialog import BookletChoice, BookletDialog

    monkeypatch.setattr(
        BookletDialog,
        "ask",
        classmethod(lambda cls, *args: BookletChoice(None, None, None, None, "Collectif")),
    )
    # The first debrief waits until Cancel was clicked, so the click lands mid-build.
    clicked = threading.Event()
    real_get = debriefs.get_debrief

    def get_debrief(catalogue, debrief_id):  # type: ignore[no-untyped-def]
        clicked.wait(10)
        return real_get(catalogue, debrief_id)

    monkeypatch.setattr(debriefs, "get_debrief", get_debrief)

    qtbot.mouseClick(page.booklet_button, Qt.MouseButton.LeftButton)
    (progress,) = page.findChildren(QProgressDialog)
    progress.show()  # shown after 300 ms in use; the test does not wait for that
    cancel = next(b for b in progress.findChildren(QPushButton) if b.text() == "Cancel")
    qtbot.waitUntil(cancel.isVisible, timeout=5000)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    clicked.set()

    qtbot.waitUntil(lambda: tasks.running() == 0, timeout=30000)
    assert errors == ["Booklet cancelled; nothing was written."]
    assert opened == []
    assert not target.exists()
    assert list(tmp_path.glob(".livret.pdf.*")) == []  # no temporary file left behind
