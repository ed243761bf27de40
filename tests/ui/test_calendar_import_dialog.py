"""Importing a calendar from the window: a preview before, one Undo after, all-day shown as such.

Before, the window imported the file at once, with no way to see what would
happen nor to undo it, and said nothing of the alarms it dropped.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from visitplanner.services.events import planning
from visitplanner.ui.calendar_import_dialog import CalendarImportDialog
from visitplanner.ui.widgets.calendar_view import time_label

ALARM = "BEGIN:VALARM\nACTION:DISPLAY\nDESCRIPTION:Rappel\nTRIGGER:-PT15M\nEND:VALARM"
EVENTS = [
    "UID:s1\nSUMMARY:Séminaire des réseaux\nCATEGORIES:Séminaire\nSTATUS:CONFIRMED\n"
    "DTSTART;TZID=Europe/Paris:20260316T093000\nDTEND;TZID=Europe/Paris:20260316T120000\n" + ALARM,
    "UID:d1\nSUMMARY:Salon des tiers-lieux\nDTSTART;VALUE=DATE:20260403\n"
    "DTEND;VALUE=DATE:20260405\nSTATUS:TENTATIVE",
]


def write(path: Path, *events: str) -> Path:
    body = "".join(f"BEGIN:VEVENT\n{e}\nEND:VEVENT\n" for e in events)
    text = f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//P//FR\n{body}END:VCALENDAR\n"
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    return path


def open_preview(window, monkeypatch, path: Path) -> CalendarImportDialog:
    monkeypatch.setattr("visitplanner.ui.file_dialogs.open_path", lambda *args, **kwargs: str(path))
    window.import_calendar()
    (dialog,) = [d for d in window.findChildren(CalendarImportDialog) if d.isVisible()]
    return dialog


def test_preview_then_import_then_one_undo(qtbot, window, catalogue, tmp_path, monkeypatch):
    dialog = open_preview(window, monkeypatch, write(tmp_path / "partenaire.ics", *EVENTS))
    assert "2 events to create, 0 to update, 0 to skip" in dialog.summary.text()
    assert "1 alarm (VALARM) is not imported" in dialog.notes.text()
    rows = dialog.rows()
    assert rows[0][:5] == [
        "Create",
        "2026-03-16 09:30",
        "Séminaire des réseaux",
        "Joint seminar",
        "Confirmed",
    ]
    assert rows[1][:5] == [
        "Create",
        "2026-04-03",
        "Salon des tiers-lieux",
        "Task force meeting",
        "Planned",
    ]
    assert "imported as a meeting" in rows[1][5]
    assert planning.list_events(catalogue) == []  # nothing written by the preview
    dialog.grab().save(str(tmp_path / "preview.png"))

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    events = {e.uid: e for e in planning.list_events(catalogue)}
    assert set(events) == {"s1", "d1"}
    salon = events["d1"]
    assert salon.all_day and time_label(salon, salon.start.date()) == "All day"
    assert "2 events created" in window.statusBar().currentMessage()
    assert "import calendar “partenaire.ics”" in window.undo_action.text()

    window.undo_action.trigger()
    assert planning.list_events(catalogue) == []
    window.redo_action.trigger()
    assert len(planning.list_events(catalogue)) == 2


def test_cancel_writes_nothing_and_a_file_with_nothing_new_cannot_be_imported(
    qtbot, window, catalogue, tmp_path, monkeypatch
):
    path = write(tmp_path / "p.ics", *EVENTS)
    dialog = open_preview(window, monkeypatch, path)
    dialog.reject()
    assert planning.list_events(catalogue) == []
    dialog = open_preview(window, monkeypatch, path)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    again = open_preview(window, monkeypatch, path)
    assert [row[0] for row in again.rows()] == ["Skip", "Skip"]
    assert not again.import_button.isEnabled()


def test_a_refused_file_names_the_event_and_writes_nothing(
    window, catalogue, tmp_path, monkeypatch
):
    shown: list[str] = []
    monkeypatch.setattr(
        "visitplanner.ui.dialogs.show_error", lambda _parent, _title, message: shown.append(message)
    )
    bad = "UID:bad\nSUMMARY:À rebours\nDTSTART:20260316T093000Z\nDTEND:20260315T093000Z"
    monkeypatch.setattr(
        "visitplanner.ui.file_dialogs.open_path",
        lambda *args, **kwargs: str(write(tmp_path / "bad.ics", EVENTS[0], bad)),
    )
    window.import_calendar()
    assert not [d for d in window.findChildren(CalendarImportDialog) if d.isVisible()]
    assert len(shown) == 1 and "bad.ics, line" in shown[0] and "À rebours" in shown[0]
    assert planning.list_events(catalogue) == []
