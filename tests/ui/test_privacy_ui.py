"""The people's rights from the window: the access report button on the person's page."""

from __future__ import annotations

import subprocess

from PySide6.QtCore import Qt
from tests.privacy.conftest import NAME, fill

from visitplanner.services.directory import records as cat


def _show_person(window, person_id):
    window.changes_applied.emit(cat.Changes.of(created=[("person", person_id)]))
    window.open_record("person", person_id)
    return window.pages["people"]


def test_the_persons_page_writes_their_access_report(qtbot, window, tmp_path, monkeypatch):
    ids = fill(window.catalogue)
    target = tmp_path / "rapport.pdf"
    asked, opened = [], []
    monkeypatch.setattr(
        "visitplanner.ui.export.ask_save_path", lambda *args: asked.append(args) or target
    )
    monkeypatch.setattr("visitplanner.ui.export.open_file", opened.append)
    people = _show_person(window, ids.person)
    button = people.form.access_report_button
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert opened == [target]
    assert "cagla-nguyen" in asked[0][2]  # the suggested file name names the person
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True).stdout
    assert NAME in text and "Visite de la recyclerie" in text


def test_no_report_for_a_person_not_yet_saved(qtbot, window):
    window.show_page("people")
    people = window.pages["people"]
    qtbot.mouseClick(people.new_button, Qt.MouseButton.LeftButton)
    assert not people.form.access_report_button.isEnabled()


def _age_everyone(catalogue):
    from datetime import UTC, datetime

    from sqlalchemy import update

    from visitplanner.store.models import Event, OutboxMessage, Person

    old = datetime(2015, 1, 1, tzinfo=UTC)
    with catalogue.session() as session, session.begin():
        session.execute(update(Person).values(created_at=old, updated_at=old))
        session.execute(update(Event).values(starts_at=old, ends_at=old))
        session.execute(update(OutboxMessage).values(sent_at=old))


def test_the_people_page_opens_the_retention_review(qtbot, window):
    ids = fill(window.catalogue)
    _age_everyone(window.catalogue)
    window.show_page("people")
    people = window.pages["people"]
    qtbot.mouseClick(people.review_button, Qt.MouseButton.LeftButton)
    dialog = people.retention_dialog
    qtbot.waitExposed(dialog)
    assert dialog.row_ids() == [ids.other, ids.person]  # Martin, then Nguyễn
    assert "1 message sent over 90 days ago" in dialog.messages.text()

    # Keep: one click, and Bob leaves the list (and the window hears of the change).
    with qtbot.waitSignal(window.changes_applied):
        qtbot.mouseClick(dialog.table.cellWidget(0, 4), Qt.MouseButton.LeftButton)
    assert dialog.row_ids() == [ids.person]

    # The old message's text goes in one click too.
    qtbot.mouseClick(dialog.purge_button, Qt.MouseButton.LeftButton)
    assert "0 messages" in dialog.messages.text() and not dialog.purge_button.isEnabled()

    # Open: the person's page.
    qtbot.mouseClick(dialog.table.cellWidget(0, 6), Qt.MouseButton.LeftButton)
    assert people.form.record_id == ids.person


def test_the_retention_periods_are_set_in_the_preferences(qtbot):
    from visitplanner.settings import Settings, load_settings
    from visitplanner.ui.preferences_dialog import PreferencesDialog

    dialog = PreferencesDialog(Settings(organiser_name="Claire"))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.privacy.inactive_years.value() == 3
    assert dialog.privacy.outbox_days.value() == 90
    dialog.privacy.inactive_years.setFocus()
    dialog.privacy.inactive_years.selectAll()
    qtbot.keyClicks(dialog.privacy.inactive_years, "5")
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    saved = load_settings()
    assert (saved.privacy_inactive_years, saved.outbox_body_days) == (5, 90)


def test_the_file_menu_prints_the_register(qtbot, window, tmp_path, monkeypatch):
    fill(window.catalogue)
    target = tmp_path / "registre.pdf"
    opened = []
    monkeypatch.setattr("visitplanner.ui.export.ask_save_path", lambda *args: target)
    monkeypatch.setattr("visitplanner.ui.export.open_file", opened.append)
    window.register_action.trigger()
    assert opened == [target]
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True).stdout
    assert "Register of processing activities" in text


def test_the_file_menu_opens_the_retention_review(qtbot, window):
    window.review_action.trigger()
    dialog = window.page("people").retention_dialog
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Retention review"


def test_erasing_from_the_persons_page_after_the_summary(qtbot, window, tmp_path):
    from visitplanner.services.recovery.backups import backup

    ids = fill(window.catalogue)
    old = backup(window.catalogue)
    people = _show_person(window, ids.person)
    qtbot.mouseClick(people.form.erase_button, Qt.MouseButton.LeftButton)
    dialog = people.erasure_dialog
    qtbot.waitExposed(dialog)
    text = dialog.details.toPlainText()
    assert "1 participation stays, without a name" in text
    assert "Story entry: Retour de visite" in text and str(old) in text
    # Cancel is the default answer: nothing happens.
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert [p.name for p in cat.list_people(window.catalogue)] == ["Bob Martin", NAME]

    qtbot.mouseClick(people.form.erase_button, Qt.MouseButton.LeftButton)
    dialog = people.erasure_dialog
    qtbot.mouseClick(dialog.purge_backups, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.changes_applied):
        qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    assert [p.name for p in cat.list_people(window.catalogue)] == ["Bob Martin"]
    assert not old.exists()
    assert NAME not in [people.model.index(r, 0).data() for r in range(people.model.rowCount())]


def test_erasing_from_the_retention_review(qtbot, window):
    ids = fill(window.catalogue)
    _age_everyone(window.catalogue)
    window.show_page("people")
    people = window.pages["people"]
    qtbot.mouseClick(people.review_button, Qt.MouseButton.LeftButton)
    review = people.retention_dialog
    qtbot.mouseClick(review.table.cellWidget(1, 5), Qt.MouseButton.LeftButton)
    confirm = people.erasure_dialog
    qtbot.waitExposed(confirm)
    qtbot.mouseClick(confirm.erase_button, Qt.MouseButton.LeftButton)
    assert review.row_ids() == [ids.other]
