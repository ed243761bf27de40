"""Fields refuse at once what Save would refuse later: over-long texts, a read-only catalogue."""

from __future__ import annotations

from PySide6.QtCore import Qt
from tests.ui.conftest import type_text

from visitplanner.services.directory import records as cat
from visitplanner.services.documents import debriefs
from visitplanner.services.events import planning
from visitplanner.settings import load_settings
from visitplanner.store.database import open_catalogue
from visitplanner.ui.main_window import MainWindow


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_a_title_stops_at_the_length_the_catalogue_keeps(qtbot, window):
    window.show_page("events")
    page = window.page("events")
    click(qtbot, page.new_button)
    qtbot.keyClicks(page.form.title, "a" * 400)
    assert len(page.form.title.text()) == 300
    click(qtbot, page.form.save_button)
    assert not page.form.error.isVisible(), page.form.error.text()
    assert len(planning.list_events(window.catalogue)[0].title) == 300


def test_every_limited_field_of_a_person_stops_at_its_limit(qtbot, window):
    window.show_page("people")
    form = window.page("people").form
    click(qtbot, window.page("people").new_button)
    for field, limit in (("family_name", 150), ("phone", 40), ("organisation", 300)):
        qtbot.keyClicks(getattr(form, field), "7" * (limit + 20))
        assert len(getattr(form, field).text()) == limit, field
    form.notes.setFocus()
    form.notes.insertPlainText("n" * 20_050)  # a paste
    assert len(form.notes.toPlainText()) == 20_000
    click(qtbot, form.save_button)
    assert not form.error.isVisible(), form.error.text()


def test_a_programme_title_stops_at_its_limit(qtbot, window):
    window.show_page("events")
    page = window.page("events")
    click(qtbot, page.new_button)
    page.form.tabs.setCurrentWidget(page.form.programme)
    click(qtbot, page.form.programme.add_button)
    editor = page.form.programme.tree.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "t" * 320)
    assert len(editor.text()) == 300


def test_a_read_only_catalogue_takes_no_typing_and_asks_nothing_on_close(qtbot, db_path):
    writable = open_catalogue(str(db_path))
    cat.create_person(writable, cat.PersonInput(family_name="Durand"))
    event_id = planning.save_event(
        writable,
        None,
        planning.EventInput(
            kind="visit",
            title="Visite",
            start="2026-03-12T09:30",
            end="2026-03-12T17:00",
            timezone="Europe/Paris",
            all_day=False,
            status="done",
        ),
    ).created_id("event")
    debriefs.open_debrief(writable, event_id)  # a debrief to look at, not to write
    writable.close()
    catalogue = open_catalogue(str(db_path), read_only=True)
    window = MainWindow(catalogue, load_settings())
    window.show()
    try:
        window.show_page("people")
        page = window.page("people")
        page.table.setFocus()
        qtbot.keyClick(page.table, Qt.Key.Key_Down)
        assert page.form.family_name.text() == "Durand"
        type_text(page.form.family_name, "Martin")
        assert not page.form.consents.give_button.isEnabled()
        assert page.form.family_name.text() == "Durand"
        assert not page.form.dirty
        assert not page.form.save_button.isVisible()
        assert not page.new_button.isEnabled()
        assert not page.delete_button.isEnabled()

        window.show_page("events")
        events = window.page("events")
        type_text(events.form.title, "Atelier")
        assert events.form.title.text() == ""
        assert not events.new_button.isEnabled()
        assert not events.form.save_button.isVisible()

        window.show_page("debriefs")
        debriefs_page = window.page("debriefs")
        debriefs_page.open_event(event_id)
        type_text(debriefs_page.editor.context, "Des notes")
        assert debriefs_page.editor.context.toPlainText() == ""
        assert not debriefs_page.editor.status.isEnabled()
    finally:
        window.close()  # an unexpected "save the changes?" would fail the test here
        window.deleteLater()
        catalogue.close()


def test_a_refusal_goes_once_its_field_is_corrected(qtbot, window):
    window.show_page("people")
    page = window.page("people")
    click(qtbot, page.new_button)
    type_text(page.form.given_name, "Solène")
    click(qtbot, page.form.save_button)
    assert page.form.error.isVisible()
    type_text(page.form.phone, "07 01 35 33 52")
    assert page.form.error.isVisible()  # another field: the family name is still missing
    type_text(page.form.family_name, "Abgrall")
    assert not page.form.error.isVisible()


def test_a_read_only_catalogue_offers_no_story_entry_to_write(qtbot, db_path):
    from datetime import date

    from visitplanner.services.story import entries as story_entries
    from visitplanner.services.story.entries import StoryEntryInput

    writable = open_catalogue(str(db_path))
    story_entries.add_entry(
        writable, StoryEntryInput(date=date(2026, 11, 24), title="Relance", kind="note"), "Test"
    )
    writable.close()
    catalogue = open_catalogue(str(db_path), read_only=True)
    window = MainWindow(catalogue, load_settings())
    window.show()
    try:
        window.show_page("story")
        page = window.page("story")
        assert page.current_uuid() is not None  # the entry shows, to be read
        assert not page.new_button.isEnabled()
        click(qtbot, page.new_button)
        qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        page.tree.setFocus()
        qtbot.keyClick(page.tree, Qt.Key.Key_Return)  # Enter on an entry opens it to edit
        assert page.entry_dialog is None, "an entry editor opened on a read-only catalogue"
        assert not page.edit_button.isEnabled() and not page.delete_button.isEnabled()
        assert not page.sync_button.isEnabled()
        assert page.history_button.isEnabled()
    finally:
        window.close()
        window.deleteLater()
        catalogue.close()


def test_a_read_only_catalogue_still_saves_an_invitation_file_without_recording_it(
    qtbot, db_path, tmp_path, monkeypatch
):
    from visitplanner.services.demo import load_demo

    writable = open_catalogue(str(db_path))
    load_demo(writable)
    writable.close()
    catalogue = open_catalogue(str(db_path), read_only=True)
    window = MainWindow(catalogue, load_settings())
    window.show()
    try:
        seminar = next(e for e in planning.list_events(catalogue) if e.kind == "seminar")
        window.open_record("event", seminar.id)
        page = window.page("events")
        target = tmp_path / "invitation.ics"
        monkeypatch.setattr("visitplanner.ui.export.ask_save_path", lambda *args: target)
        click(qtbot, page.ics_button)  # used to write the file, then fail to record it
        assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")
        assert "invitation.ics" in window.statusBar().currentMessage()
        panel = page.participants
        assert panel.export_button.isEnabled()  # a list to read, not to change
        assert not panel.add_button.isEnabled() and not panel.apply_button.isEnabled()
    finally:
        window.close()
        window.deleteLater()
        catalogue.close()


def test_a_read_only_catalogue_says_an_unwritten_debrief_cannot_be_started(qtbot, db_path):
    writable = open_catalogue(str(db_path))
    event_id = planning.save_event(
        writable,
        None,
        planning.EventInput(
            kind="visit",
            title="Visite sans compte rendu",
            start="2026-03-12T09:30",
            end="2026-03-12T17:00",
            timezone="Europe/Paris",
            all_day=False,
            status="done",
        ),
    ).created_id("event")
    writable.close()
    catalogue = open_catalogue(str(db_path), read_only=True)
    window = MainWindow(catalogue, load_settings())
    window.show()
    try:
        window.open_record("event", event_id)
        click(qtbot, window.page("events").debrief_button)  # used to fail creating the draft
        editor = window.page("debriefs").editor
        assert window.current_page() == "debriefs"
        assert "read-only" in editor.title.text()
        assert not editor.isEnabled()
    finally:
        window.close()
        window.deleteLater()
        catalogue.close()
