"""« Historique… » on a record: who changed it, when, and which fields, as typed in the form."""

from __future__ import annotations

import getpass

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from visitplanner.services.directory import people
from visitplanner.settings import load_settings, save_settings


def _history_rows(qtbot, button) -> list[list[str]]:
    seen: dict[str, list[list[str]]] = {}

    def read_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        table = dialog.table
        seen["rows"] = [
            [table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())
        ]
        dialog.reject()

    QTimer.singleShot(0, read_and_close)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return seen["rows"]


def test_a_persons_history_names_the_coordinator_and_the_fields_changed(qtbot, window):
    settings = load_settings()
    settings.organiser_name = "Marie Dupont"
    save_settings(settings)
    window.catalogue.actor.coordinator = "Marie Dupont"
    people.create_person(
        window.catalogue, people.PersonInput(family_name="Martin", given_name="Anne")
    )
    window.show_page("people")
    page = window.page("people")
    page.reload()
    (anne,) = [p.id for p in people.list_people(window.catalogue)]
    page.select_record(anne)
    form = page.form
    assert form.history_button.isEnabled()

    email = form.email
    qtbot.mouseClick(email, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(email, "anne.martin@example.org")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    rows = _history_rows(qtbot, form.history_button)
    who = f"Marie Dupont (database user {getpass.getuser()})"
    assert [row[1:] for row in rows] == [[who, "Changed", "E-mail"], [who, "Created", ""]]


def test_a_new_record_has_no_history_yet(qtbot, window):
    window.show_page("people")
    page = window.page("people")
    page.new_record()
    assert not page.form.history_button.isEnabled()
