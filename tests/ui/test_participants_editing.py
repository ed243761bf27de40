"""The list of participants: apply only what was changed, see replies at once, flag promotions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QPushButton

from visitplanner.domain.enums import ResponseStatus
from visitplanner.services.changes import Changes
from visitplanner.services.directory import records as cat
from visitplanner.services.events import participants as plist
from visitplanner.services.events import planning


def click(qtbot, widget, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, modifier)


def click_row(qtbot, table, row, modifier=Qt.KeyboardModifier.NoModifier):
    rect = table.visualItemRect(table.item(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def choose(qtbot, combo, value):
    """Picks ``value`` with the arrow keys, as someone using the keyboard would."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _step in range(combo.findData(value)):
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == value


def apply_button(panel):
    return next(b for b in panel.findChildren(QPushButton) if b.text() == "Apply to selection")


def small_event(window, capacity=None):
    catalogue = window.catalogue
    people = [
        cat.create_person(
            catalogue, cat.PersonInput(family_name=name, email=f"{name.lower()}@example.org")
        ).created_id("person")
        for name in ("Arnaud", "Bonnet", "Chevalier")
    ]
    event_id = planning.save_event(
        catalogue,
        None,
        planning.EventInput(
            kind="visit",
            title="Visite du tiers-lieu",
            start="2027-04-14T09:30",
            end="2027-04-14T17:00",
            timezone="Europe/Paris",
            all_day=False,
            status="planned",
            capacity="" if capacity is None else str(capacity),
        ),
    ).created_id("event")
    window.changes_applied.emit(Changes.of(created=[("event", event_id)]))
    return event_id, people


def open_participants(window, event_id):
    window.open_record("event", event_id)
    page = window.page("events")
    page.form.tabs.setCurrentWidget(page.participants)
    return page.participants


def label(status):
    return ResponseStatus(status).label


def people_by_id(window, event_id):
    return {p.person_id: p for p in planning.get_event(window.catalogue, event_id).participants}


def test_applying_a_status_to_the_selection_leaves_roles_alone(qtbot, window):
    event_id, people = small_event(window)
    plist.add_participants(window.catalogue, event_id, people[:2], role="speaker")
    panel = open_participants(window, event_id)
    click_row(qtbot, panel.table, 0)
    click_row(qtbot, panel.table, 1, Qt.KeyboardModifier.ControlModifier)
    choose(qtbot, panel.status, "accepted")
    click(qtbot, apply_button(panel))
    after = people_by_id(window, event_id)
    assert [after[p].status for p in people[:2]] == ["accepted", "accepted"]
    assert [after[p].role for p in people[:2]] == ["speaker", "speaker"]

    choose(qtbot, panel.status, None)
    choose(qtbot, panel.role, "observer")
    click(qtbot, apply_button(panel))
    after = people_by_id(window, event_id)
    assert [(after[p].status, after[p].role) for p in people[:2]] == [
        ("accepted", "observer"),
        ("accepted", "observer"),
    ]


def test_an_imported_reply_shows_in_the_open_list_and_the_promotion_is_flagged(
    qtbot, window, monkeypatch, tmp_path
):
    event_id, people = small_event(window, capacity=1)
    plist.add_participants(window.catalogue, event_id, people, status="accepted")
    panel = open_participants(window, event_id)
    assert panel.table.item(1, 1).text() == label("waitlisted")
    event = planning.get_event(window.catalogue, event_id).event
    reply = tmp_path / "reponse.ics"
    reply.write_bytes(
        (
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nMETHOD:REPLY\r\n"
            f"BEGIN:VEVENT\r\nUID:{event.uid}\r\nSEQUENCE:{event.sequence}\r\n"
            "DTSTAMP:20270101T120000Z\r\n"
            "ATTENDEE;PARTSTAT=DECLINED:mailto:arnaud@example.org\r\nEND:VEVENT\r\n"
            "END:VCALENDAR\r\n"
        ).encode()
    )
    reported = []
    monkeypatch.setattr("visitplanner.ui.dialogs.show_report", lambda *a: reported.append(a))
    monkeypatch.setattr(
        "visitplanner.ui.file_dialogs.open_paths", lambda *args: [reply]
    )  # the file chosen in the dialog the menu opens
    menu_entry = next(
        a for a in window.findChildren(QAction) if a.text() == "Import replies (.ics, .eml)…"
    )
    menu_entry.trigger()
    assert reported, "the menu entry did not import the replies"

    shown = {
        panel.table.item(r, 0).text(): (
            panel.table.item(r, 1).text(),
            panel.table.item(r, 6).text(),
        )
        for r in range(panel.table.rowCount())
    }
    assert shown["Arnaud"][0] == label("declined")
    assert shown["Bonnet"] == (label("accepted"), "to notify")
    assert shown["Chevalier"][0] == label("waitlisted")


def test_accepting_someone_from_the_waiting_list_flags_them_to_notify(qtbot, window):
    event_id, people = small_event(window, capacity=2)
    plist.add_participants(window.catalogue, event_id, people[:1], status="accepted")
    plist.add_participants(window.catalogue, event_id, people[2:], status="waitlisted")
    panel = open_participants(window, event_id)
    row = next(
        r for r in range(panel.table.rowCount()) if panel.table.item(r, 0).text() == "Chevalier"
    )
    click_row(qtbot, panel.table, row)
    choose(qtbot, panel.status, "accepted")
    click(qtbot, apply_button(panel))
    after = people_by_id(window, event_id)[people[2]]
    assert (after.status, after.to_notify) == ("accepted", True)
    assert panel.table.item(row, 6).text() == "to notify"
