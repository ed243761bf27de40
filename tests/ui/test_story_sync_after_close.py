"""A closed window starts no story sync: its catalogue is about to close (or already gone)."""

from __future__ import annotations

from visitplanner.services.story import folder_setting


def test_no_sync_starts_after_the_window_closed(qtbot, window, monkeypatch):
    asked: list[object] = []
    monkeypatch.setattr(
        folder_setting, "shared_folder", lambda catalogue: asked.append(catalogue) or None
    )
    window.close()
    qtbot.wait(1500)  # the first sync is due one second after the window shows
    assert asked == []
