"""The people page, driven as a coordinator would: type, save, filter, delete."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from visitplanner.services import catalogue as cat
from visitplanner.services.demo import load_demo
from visitplanner.ui.pages.people_page import PeoplePage


def _type(widget, text):
    """Types like a keyboard, accents included (QTest.keyClicks only knows ASCII)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def _type_person(qtbot, page, given, family, email):
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    _type(page.form.given_name, given)
    _type(page.form.family_name, family)
    _type(page.form.email, email)
    qtbot.mouseClick(page.form.save_button, Qt.MouseButton.LeftButton)


def _names(page):
    return [page.model.index(r, 0).data() for r in range(page.model.rowCount())]


def test_create_filter_without_accents_and_delete(qtbot, catalogue):
    page = PeoplePage(catalogue)
    qtbot.addWidget(page)
    page.show()

    _type_person(qtbot, page, "Hélène", "Moreau", "helene.moreau@example.org")
    _type_person(qtbot, page, "François", "Lemaître", "f.lemaitre@example.org")
    _type_person(qtbot, page, "Zoé", "Nguyễn", "zoe@example.org")
    assert _names(page) == ["Lemaître, François", "Moreau, Hélène", "Nguyễn, Zoé"]
    assert page.count.text() == "3 people"

    qtbot.keyClicks(page.filter, "helene")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert _names(page) == ["Moreau, Hélène"]

    page.table.selectRow(0)
    assert page.form.family_name.text() == "Moreau"
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 0
    assert [p.family_name for p in cat.list_people(catalogue)] == ["Lemaître", "Nguyễn"]


def test_missing_family_name_is_reported_at_the_field_and_nothing_is_saved(qtbot, catalogue):
    page = PeoplePage(catalogue)
    qtbot.addWidget(page)
    page.show()
    _type_person(qtbot, page, "Anaïs", "", "anais@example.org")
    assert page.form.error.isVisible()
    assert "family name" in page.form.error.text()
    assert cat.list_people(catalogue) == []


def test_duplicate_email_offers_the_existing_record(qtbot, catalogue, monkeypatch):
    changes = cat.create_person(
        catalogue, cat.PersonInput(family_name="Moreau", email="Helene@Example.org")
    )
    existing = changes.created_id("person")
    monkeypatch.setattr("visitplanner.ui.dialogs.ask_yes_no", lambda *args: True)
    page = PeoplePage(catalogue)
    qtbot.addWidget(page)
    page.show()

    _type_person(qtbot, page, "Hélène", "Moreau", "helene@example.org")

    assert page.current_id() == existing
    assert len(cat.list_people(catalogue)) == 1


def test_editing_a_person_updates_the_row(qtbot, catalogue):
    load_demo(catalogue)
    page = PeoplePage(catalogue)
    qtbot.addWidget(page)
    page.show()
    page.table.selectRow(0)
    page.form.organisation.clear()
    _type(page.form.organisation, "Tiers-lieu de Saint-Éloi")
    qtbot.mouseClick(page.form.save_button, Qt.MouseButton.LeftButton)
    assert page.model.index(0, 1).data() == "Tiers-lieu de Saint-Éloi"
    assert not page.form.save_button.isEnabled()


def test_the_people_model_passes_qt_model_checks(qtbot, qtmodeltester, catalogue):
    load_demo(catalogue)
    page = PeoplePage(catalogue)
    qtbot.addWidget(page)
    qtmodeltester.check(page.model)
