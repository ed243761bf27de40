"""Someone else saved first: the dialog shows both values and each button gives its record.

The other coordinator's save goes through the same services while this window's form
is open; the form then names an old version, and the dialog must appear.
"""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from tests.ui.conftest import type_text

from visitplanner.services.directory import people
from visitplanner.services.events import planning


def their_save(catalogue, person_id, **changes):
    """Marie Curie saves the person from her own window."""
    catalogue.actor.coordinator = "Marie Curie"
    view = people.get_person(catalogue, person_id)
    data = dataclasses.replace(people.person_input(view), expected_version=view.version, **changes)
    people.update_person(catalogue, person_id, data)
    catalogue.actor.coordinator = "Paul Martin"


def answer_conflict(qtbot, button: str, seen: dict, screenshot: str | None = None) -> None:
    """When the dialog opens: reads its rows, takes a picture, clicks ``button``."""

    def act() -> None:
        from visitplanner.ui.conflict_dialog import ConflictDialog

        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ConflictDialog)
        table = dialog.table
        seen["intro"] = dialog.intro.text()
        seen["rows"] = [
            [table.item(r, c).text() for c in range(3)] for r in range(table.rowCount())
        ]
        if screenshot:
            dialog.grab().save(screenshot)
        qtbot.mouseClick(getattr(dialog, button), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, act)


@pytest.fixture
def anne(window):
    window.catalogue.actor.coordinator = "Paul Martin"
    data = people.PersonInput(family_name="Martin", given_name="Anne", phone="01 02 03 04 05")
    person_id = people.create_person(window.catalogue, data).created_id("person")
    window.show_page("people")
    page = window.page("people")
    page.reload()
    page.select_record(person_id)
    return person_id, page.form


def type_notes(qtbot, form, text: str) -> None:
    qtbot.mouseClick(form.notes.viewport(), Qt.MouseButton.LeftButton)
    type_text(form.notes.viewport(), text)
    assert form.save_button.isEnabled()


def test_keep_mine_saves_my_values_over_theirs(qtbot, window, anne, tmp_path):
    person_id, form = anne
    type_notes(qtbot, form, "Vient en train")
    their_save(window.catalogue, person_id, notes="Allergie aux noix", phone="06 11 22 33 44")

    seen: dict = {}
    answer_conflict(qtbot, "keep_mine_button", seen, str(tmp_path / "conflict.png"))
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    assert "Marie Curie saved this record on" in seen["intro"]
    assert seen["rows"] == [
        ["Phone", "01 02 03 04 05", "06 11 22 33 44"],
        ["Notes", "Vient en train", "Allergie aux noix"],
    ]
    saved = people.get_person(window.catalogue, person_id)
    assert (saved.notes, saved.phone) == ("Vient en train", "01 02 03 04 05")
    assert form.notes.toPlainText() == "Vient en train" and not form.dirty


def test_take_theirs_shows_their_record_and_saves_nothing(qtbot, window, anne):
    person_id, form = anne
    type_notes(qtbot, form, "Vient en train")
    their_save(window.catalogue, person_id, notes="Allergie aux noix")

    answer_conflict(qtbot, "take_theirs_button", {})
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    assert people.get_person(window.catalogue, person_id).notes == "Allergie aux noix"
    assert form.notes.toPlainText() == "Allergie aux noix"
    assert not form.dirty


def test_merge_keeps_what_i_typed_and_takes_what_they_changed(qtbot, window, anne):
    person_id, form = anne
    type_notes(qtbot, form, "Vient en train")
    their_save(window.catalogue, person_id, phone="06 11 22 33 44", organisation="Ressourcerie")

    seen: dict = {}
    answer_conflict(qtbot, "merge_button", seen)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    assert [row[0] for row in seen["rows"]] == ["Phone", "Organisation", "Notes"]
    saved = people.get_person(window.catalogue, person_id)
    assert (saved.notes, saved.phone, saved.organisation) == (
        "Vient en train",
        "06 11 22 33 44",
        "Ressourcerie",
    )
    assert form.phone.text() == "06 11 22 33 44"
    assert form.organisation.text() == "Ressourcerie"
    assert form.notes.toPlainText() == "Vient en train"


@pytest.fixture
def no_dialog(monkeypatch):
    """A conflict dialog nobody answers would hang the run: fail instead."""
    from visitplanner.ui.conflict_dialog import ConflictDialog

    def unexpected(self):
        raise AssertionError("unexpected conflict dialog")

    monkeypatch.setattr(ConflictDialog, "exec", unexpected)


def test_without_a_conflict_no_dialog_appears(qtbot, window, anne, no_dialog):
    person_id, form = anne
    type_notes(qtbot, form, "Vient en train")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)  # a dialog would fail
    assert people.get_person(window.catalogue, person_id).notes == "Vient en train"


def test_the_event_form_merges_a_title_changed_elsewhere(qtbot, catalogue, tmp_path):
    from visitplanner.ui.forms.event import EventForm

    catalogue.actor.coordinator = "Paul Martin"
    data = planning.EventInput(
        kind="visit", title="Fromagerie", start="2027-07-01T09:00", end="2027-07-01T17:00"
    )
    event_id = planning.create_event(catalogue, data).created_id("event")
    form = EventForm(catalogue)
    qtbot.addWidget(form)
    form.load(event_id)
    form.show()
    qtbot.mouseClick(form.capacity, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(form.capacity, "12")

    catalogue.actor.coordinator = "Marie Curie"
    theirs = dataclasses.replace(
        planning.event_input(planning.get_event(catalogue, event_id)), title="Fromagerie du Vercors"
    )
    planning.save_event(catalogue, event_id, theirs)

    seen: dict = {}
    answer_conflict(qtbot, "merge_button", seen, str(tmp_path / "event_conflict.png"))
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    assert seen["rows"] == [
        ["Title", "Fromagerie", "Fromagerie du Vercors"],
        ["Capacity", "12", "—"],
    ]
    saved = planning.get_event(catalogue, event_id).event
    assert (saved.title, saved.capacity) == ("Fromagerie du Vercors", 12)
    assert form.title.text() == "Fromagerie du Vercors"


def test_a_save_elsewhere_that_changed_no_field_of_the_form_asks_nothing(
    qtbot, window, anne, no_dialog
):
    from datetime import UTC, datetime

    from visitplanner.store.models import Person

    person_id, form = anne
    type_notes(qtbot, form, "Vient en train")
    with window.catalogue.session() as session:  # a write of a column no form shows
        session.get(Person, person_id).updated_at = datetime(2020, 1, 1, tzinfo=UTC)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)  # a dialog would fail

    saved = people.get_person(window.catalogue, person_id)
    assert saved.notes == "Vient en train" and saved.version == 3
    assert not form.dirty
