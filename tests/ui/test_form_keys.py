"""Editing with the keyboard: Esc, dates typed whole, the programme as a small spreadsheet."""

from __future__ import annotations

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from tests.ui.conftest import type_text

from visitplanner.services.directory import records as cat
from visitplanner.services.events import planning


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def new_event(qtbot, window):
    window.show_page("events")
    page = window.page("events")
    click(qtbot, page.new_button)
    return page, page.form


def type_date(qtbot, edit, text):
    """Select everything in the field, type a whole date, leave with Tab (as people do)."""
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_escape_in_a_half_filled_new_record_asks_before_throwing_it_away(
    qtbot, window, monkeypatch
):
    asked = []

    def ask(parent, title, question):
        asked.append(question)
        return "cancel"

    monkeypatch.setattr("visitplanner.ui.dialogs.ask_save_discard_cancel", ask)
    window.show_page("people")
    page = window.page("people")
    click(qtbot, page.new_button)
    type_text(page.form.family_name, "Lemaire")
    qtbot.keyClick(page.form.family_name, Qt.Key.Key_Escape)
    assert asked, "Esc threw the new record away without asking"
    assert page.form.family_name.text() == "Lemaire"

    monkeypatch.setattr("visitplanner.ui.dialogs.ask_save_discard_cancel", lambda *a: "save")
    qtbot.keyClick(page.form.family_name, Qt.Key.Key_Escape)
    assert [p.family_name for p in cat.list_people(window.catalogue)] == ["Lemaire"]


def test_escape_in_a_new_event_asks_too(qtbot, window, monkeypatch):
    asked = []
    monkeypatch.setattr(
        "visitplanner.ui.dialogs.ask_save_discard_cancel",
        lambda *a: asked.append(a) or "discard",
    )
    _page, form = new_event(qtbot, window)
    type_text(form.title, "Atelier")
    qtbot.keyClick(form.title, Qt.Key.Key_Escape)
    assert asked
    assert form.title.text() == "" and not form.dirty


def test_a_date_typed_over_the_whole_field_is_kept_and_the_end_follows(qtbot, window):
    _page, form = new_event(qtbot, window)
    form.start.setDateTime(QDateTime(QDate(2027, 4, 14), QTime(9, 30)))
    form.end.setDateTime(QDateTime(QDate(2027, 4, 14), QTime(17, 0)))

    type_date(qtbot, form.start, "15/05/2027 10:00")
    assert form.start.dateTime() == QDateTime(QDate(2027, 5, 15), QTime(10, 0))
    # Seven and a half hours, as before the start moved.
    assert form.end.dateTime() == QDateTime(QDate(2027, 5, 15), QTime(17, 30))

    type_date(qtbot, form.end, "16/05/2027 12:00")
    assert form.end.dateTime() == QDateTime(QDate(2027, 5, 16), QTime(12, 0))


def test_an_end_before_the_start_is_said_once_and_goes_when_fixed(qtbot, window):
    _page, form = new_event(qtbot, window)
    type_text(form.title, "Atelier")
    form.start.setDateTime(QDateTime(QDate(2027, 4, 14), QTime(14, 0)))
    type_date(qtbot, form.end, "14/04/2027 09:00")
    qtbot.waitUntil(form.warnings.isVisible)  # the form checks on its own as one types
    click(qtbot, form.save_button)
    qtbot.wait(400)  # past the form's own re-check
    shown = [label.text() for label in (form.error, form.warnings) if label.isVisible()]
    assert len(shown) == 1, shown
    assert "end" in shown[0]

    type_date(qtbot, form.end, "14/04/2027 18:00")
    qtbot.waitUntil(lambda: not form.error.isVisible() and not form.warnings.isVisible())


def test_new_programme_lines_start_where_the_last_one_ends(qtbot, window):
    _page, form = new_event(qtbot, window)
    type_text(form.title, "Visite")
    form.start.setDateTime(QDateTime(QDate(2027, 4, 14), QTime(9, 30)))
    form.tabs.setCurrentWidget(form.programme)
    click(qtbot, form.programme.add_button)
    QTest.keyClick(form.programme.tree.focusWidget(), Qt.Key.Key_Return)
    click(qtbot, form.programme.add_button)
    tree = form.programme.tree
    rows = [[tree.topLevelItem(r).text(c) for c in (0, 1)] for r in range(2)]
    assert rows == [["09:30", "10:00"], ["10:00", "10:30"]]


def test_return_in_the_programme_moves_to_the_next_cell_never_to_another_tab(qtbot, window):
    page, form = new_event(qtbot, window)
    type_text(form.title, "Visite")
    form.tabs.setCurrentWidget(form.programme)
    click(qtbot, form.programme.add_button)
    tree = form.programme.tree
    editor = tree.focusWidget()
    editor.selectAll()
    type_text(editor, "Accueil")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tree.topLevelItem(0).text(2) == "Accueil")  # Qt commits queued
    assert form.tabs.currentWidget() is form.programme
    assert tree.currentIndex().column() == 3  # the speaker, next to the title

    qtbot.keyClick(tree, Qt.Key.Key_Return)  # starts editing the speaker
    type_text(tree.focusWidget(), "Mme Diallo")
    qtbot.keyClick(tree.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tree.topLevelItem(0).text(3) == "Mme Diallo")
    assert form.tabs.currentWidget() is form.programme
    click(qtbot, form.save_button)
    assert not form.error.isVisible(), form.error.text()
    detail = planning.get_event(window.catalogue, form.event_id)
    assert [(i.title, i.speaker) for i in detail.programme] == [("Accueil", "Mme Diallo")]
    assert page.form is form


def test_tab_in_the_programme_goes_from_cell_to_cell(qtbot, window):
    _page, form = new_event(qtbot, window)
    form.start.setDateTime(QDateTime(QDate(2027, 4, 14), QTime(9, 30)))
    form.tabs.setCurrentWidget(form.programme)
    click(qtbot, form.programme.add_button)
    tree = form.programme.tree
    editor = tree.focusWidget()
    editor.selectAll()
    type_text(editor, "Accueil")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: tree.topLevelItem(0).text(2) == "Accueil")
    assert tree.currentIndex().column() == 3  # on to the speaker, still in the table
    assert form.tabs.currentWidget() is form.programme
    assert tree.isAncestorOf(QApplication.focusWidget()) or QApplication.focusWidget() is tree


def test_a_date_typed_whole_after_tabbing_into_the_field_is_kept(qtbot, window):
    """Tab selects the whole date, so typing replaces it rather than filling sections."""
    _page, form = new_event(qtbot, window)
    form.start.setDateTime(QDateTime(QDate(2027, 4, 14), QTime(9, 30)))
    form.end.setDateTime(QDateTime(QDate(2027, 4, 14), QTime(17, 0)))
    form.status.setFocus()
    qtbot.keyClick(form.status, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is form.start
    qtbot.keyClicks(form.start, "15/05/2027 10:00")
    qtbot.keyClick(form.start, Qt.Key.Key_Tab)
    assert form.start.dateTime() == QDateTime(QDate(2027, 5, 15), QTime(10, 0))
    assert form.end.dateTime() == QDateTime(QDate(2027, 5, 15), QTime(17, 30))


def test_escape_in_an_edited_record_asks_too(qtbot, window, monkeypatch):
    cat.create_person(window.catalogue, cat.PersonInput(given_name="Inès", family_name="Lemaire"))
    window.show_page("people")
    page = window.page("people")
    page.reload()
    row = page.table.visualRect(page.table.model().index(0, 0)).center()
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=row)
    assert page.form.family_name.text() == "Lemaire"
    answers = iter(["cancel", "discard"])
    asked = []
    monkeypatch.setattr(
        "visitplanner.ui.dialogs.ask_save_discard_cancel",
        lambda *a: asked.append(a) or next(answers),
    )
    click(qtbot, page.form.family_name)
    qtbot.keyClick(page.form.family_name, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(page.form.family_name, "Lemaître")
    qtbot.keyClick(page.form.family_name, Qt.Key.Key_Escape)
    assert len(asked) == 1, "Esc threw the typed changes away without asking"
    assert page.form.family_name.text() == "Lemaître"
    qtbot.keyClick(page.form.family_name, Qt.Key.Key_Escape)
    assert page.form.family_name.text() == "Lemaire" and not page.form.dirty
