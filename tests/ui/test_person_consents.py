"""Consents on the person's page: given in a dialog, withdrawn after saying what happens."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from tests.privacy.conftest import fill
from tests.ui.conftest import type_text

from visitplanner.services.directory import records as cat
from visitplanner.services.privacy import consents
from visitplanner.services.story.entries import get_entry

MENTION_UUID = "11111111-1111-4111-8111-111111111111"


def _show_person(window, person_id):
    window.changes_applied.emit(cat.Changes.of(created=[("person", person_id)]))
    window.open_record("person", person_id)
    return window.pages["people"]


def _rows(panel):
    """Each record as the list shows it: (what, for whom and when)."""
    table = panel.table
    return [tuple(table.item(i).text().split("\n")) for i in range(table.count())]


def _click_row(qtbot, panel, row):
    rect = panel.table.visualItemRect(panel.table.item(row))
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _choose(qtbot, combo, text):
    """Picks an entry as a user would: focus the list, then type the start of its label."""
    combo.setFocus()
    index = combo.findText(text)
    assert index >= 0, text
    while combo.currentIndex() != index:
        qtbot.keyClick(combo, Qt.Key.Key_Down if combo.currentIndex() < index else Qt.Key.Key_Up)


def test_giving_and_withdrawing_consents_from_the_page(qtbot, window, monkeypatch):
    ids = fill(window.catalogue)
    people = _show_person(window, ids.person)
    panel = people.form.consents
    # The two records the person came with: photos and quotes, for partners' documents.
    assert [r[0] for r in _rows(panel)] == ["Appearing in photos", "Being quoted"]
    assert not panel.withdraw_button.isEnabled()  # nothing selected yet

    # « Donner un consentement… »: being named in the story, public, for one event.
    qtbot.mouseClick(panel.give_button, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    qtbot.waitExposed(dialog)
    _choose(qtbot, dialog.purpose, "Being named in the shared story")
    _choose(qtbot, dialog.scope, "Public (web site, press)")
    _choose(qtbot, dialog.event, "Visite de la recyclerie")
    type_text(dialog.recorded_by, "Ana Ruiz")
    type_text(dialog.note, "Formulaire signé")
    dialog.grab().save("/tmp/consent-give.png")
    with qtbot.waitSignal(window.changes_applied):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    [naming] = [
        c
        for c in consents.list_consents(window.catalogue, ids.person)
        if c.purpose == "story_naming"
    ]
    assert (naming.scope, naming.event_id, naming.recorded_by) == ("public", ids.event, "Ana Ruiz")
    assert naming.given_on == date.today()
    what, scope = _rows(panel)[0]
    assert what == "Being named in the shared story"
    assert scope.startswith(
        "Public (web site, press), for “Visite de la recyclerie” only · given on"
    )
    people.form.grab().save("/tmp/consent-page.png")

    # « Retirer »: the question says what happens at once; answering no changes nothing.
    asked = []
    monkeypatch.setattr(
        "visitplanner.ui.dialogs.ask_yes_no", lambda *args: asked.append(args[2]) or False
    )
    _click_row(qtbot, panel, 0)
    assert panel.withdraw_button.isEnabled()
    qtbot.mouseClick(panel.withdraw_button, Qt.MouseButton.LeftButton)
    assert "redacted at once" in asked[0] and "cannot be undone" in asked[0]
    assert consents.consents_on(window.catalogue, ids.person)[-1].purpose == "story_naming"

    # Yes: the record is dated today and the story entry naming her is redacted.
    monkeypatch.setattr("visitplanner.ui.dialogs.ask_yes_no", lambda *args: True)
    _click_row(qtbot, panel, 0)
    with qtbot.waitSignal(window.changes_applied):
        qtbot.mouseClick(panel.withdraw_button, Qt.MouseButton.LeftButton)
    [naming] = [
        c
        for c in consents.list_consents(window.catalogue, ids.person)
        if c.purpose == "story_naming"
    ]
    assert naming.withdrawn_on == date.today()
    assert "nguy" not in get_entry(window.catalogue, MENTION_UUID).text.casefold()
    # The history stays on the page, the withdrawn record last and greyed.
    rows = _rows(panel)
    assert rows[-1][0] == "Being named in the shared story" and "withdrawn on" in rows[-1][1]
    assert not panel.withdraw_button.isEnabled()
    people.form.grab().save("/tmp/consent-withdrawn.png")


def test_withdrawing_photos_says_what_documents_leave_out(qtbot, window, monkeypatch):
    ids = fill(window.catalogue)
    panel = _show_person(window, ids.person).form.consents
    asked = []
    monkeypatch.setattr(
        "visitplanner.ui.dialogs.ask_yes_no", lambda *args: asked.append(args[2]) or True
    )
    photos = [r[0] for r in _rows(panel)].index("Appearing in photos")
    _click_row(qtbot, panel, photos)
    qtbot.mouseClick(panel.withdraw_button, Qt.MouseButton.LeftButton)
    assert "documents made afterwards" in asked[0] and "photos" in asked[0]
    assert [c.purpose for c in consents.consents_on(window.catalogue, ids.person)] == ["quotes"]


def test_a_refusal_shows_in_the_dialog_and_nothing_is_recorded(qtbot, window):
    ids = fill(window.catalogue)
    panel = _show_person(window, ids.other).form.consents
    assert panel.empty.isVisible() and not panel.table.isVisible()
    qtbot.mouseClick(panel.give_button, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    qtbot.waitExposed(dialog)
    # The day it was given cannot be a day to come: the editor stops at today.
    dialog.given_on.setFocus()
    qtbot.keyClick(dialog.given_on, Qt.Key.Key_Up)
    assert dialog.given_on.date().toPython() == date.today()
    # Meanwhile another window moved Bob to the trash: the dialog says so and stays open.
    cat.move_to_trash(window.catalogue, "person", ids.other)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and str(ids.other) in dialog.error.text()
    dialog.grab().save("/tmp/consent-refused.png")
    assert consents.list_consents(window.catalogue, ids.person)[0].purpose == "photos"
    with window.catalogue.session() as session:
        from visitplanner.store.models import Consent

        assert session.query(Consent).filter_by(person_id=ids.other).count() == 0


def test_no_consents_for_a_person_not_yet_saved(qtbot, window):
    window.show_page("people")
    people = window.pages["people"]
    qtbot.mouseClick(people.new_button, Qt.MouseButton.LeftButton)
    assert not people.form.consents.give_button.isEnabled()
