"""The Ctrl+K search popup, driven from the keyboard as a coordinator would."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog

from visitplanner.services import search
from visitplanner.services.demo import load_demo
from visitplanner.services.directory import records as cat
from visitplanner.ui.search_popup import HEADER, HIT, MORE, ROW_ROLE, SUBTITLE_ROLE, SearchPopup


def _type(widget, text):
    """Types like a keyboard, accents included (QTest.keyClicks only knows ASCII)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def _rows(popup):
    """(row type, text) of every line of the result list, headers included."""
    items = [popup.results.item(r) for r in range(popup.results.count())]
    return [(item.data(ROW_ROLE), item.text()) for item in items]


def _person(catalogue, given, family, **values):
    data = cat.PersonInput(given_name=given, family_name=family, **values)
    return cat.create_person(catalogue, data).created_id("person")


def _popup(qtbot, catalogue):
    popup = SearchPopup(catalogue)
    qtbot.addWidget(popup)
    popup.show()
    qtbot.waitExposed(popup)
    return popup


def test_typing_without_accents_finds_helene_under_people(qtbot, catalogue):
    helene = _person(catalogue, "Hélène", "Marchand", email="h.marchand@example.org")
    _person(catalogue, "Paul", "Durand")
    popup = _popup(qtbot, catalogue)
    assert popup.windowTitle() == "Search"
    assert popup.field.accessibleName() == "Search the catalogue"
    assert popup.field.placeholderText() == "Search dynamics, hosts, people and events"
    assert popup.focusWidget() is popup.field

    _type(popup.field, "helene")
    qtbot.waitUntil(lambda: popup.results.count() > 0)

    assert _rows(popup) == [(HEADER, "People"), (HIT, "Hélène Marchand")]
    hit = popup.results.item(1)
    assert hit.data(SUBTITLE_ROLE) == "h.marchand@example.org"
    assert hit.data(Qt.ItemDataRole.AccessibleTextRole) == "Hélène Marchand, h.marchand@example.org"
    header = popup.results.item(0)
    assert not header.flags() & Qt.ItemFlag.ItemIsSelectable
    assert popup.groups[0].hits[0].id == helene


def test_typing_accented_text_also_finds_it(qtbot, catalogue):
    _person(catalogue, "Hélène", "Marchand")
    popup = _popup(qtbot, catalogue)
    _type(popup.field, "HÉLÈNE")
    qtbot.waitUntil(lambda: popup.results.count() > 0)
    assert (HIT, "Hélène Marchand") in _rows(popup)


def test_down_then_enter_opens_the_person_and_closes(qtbot, catalogue):
    helene = _person(catalogue, "Hélène", "Marchand")
    _person(catalogue, "Hélène", "Zola")
    popup = _popup(qtbot, catalogue)
    popup.set_query("helene")

    qtbot.keyClick(popup.field, Qt.Key.Key_Down)
    assert popup.current_hit().id == helene
    with qtbot.waitSignal(popup.open_requested, timeout=1000) as blocker:
        qtbot.keyClick(popup.field, Qt.Key.Key_Return)

    assert blocker.args == ["person", helene]
    assert not popup.isVisible()
    assert popup.result() == QDialog.DialogCode.Accepted


def test_enter_without_a_selection_opens_the_first_hit(qtbot, catalogue):
    first = _person(catalogue, "Hélène", "Marchand")
    _person(catalogue, "Hélène", "Zola")
    popup = _popup(qtbot, catalogue)
    popup.set_query("helene")
    with qtbot.waitSignal(popup.open_requested, timeout=1000) as blocker:
        qtbot.keyClick(popup.field, Qt.Key.Key_Enter)
    assert blocker.args == ["person", first]


def test_enter_typed_before_the_pause_opens_what_was_typed(qtbot, catalogue):
    helene = _person(catalogue, "Hélène", "Marchand")
    popup = _popup(qtbot, catalogue)
    with qtbot.waitSignal(popup.open_requested, timeout=1000) as blocker:
        _type(popup.field, "helene")
        qtbot.keyClick(popup.field, Qt.Key.Key_Return)
    assert blocker.args == ["person", helene]


def test_arrows_move_through_hits_and_skip_the_group_headers(qtbot, catalogue):
    load_demo(catalogue)
    popup = _popup(qtbot, catalogue)
    popup.set_query("jura")
    kinds = [g.kind for g in popup.groups]
    assert len(kinds) >= 2
    hits = [hit for group in popup.groups for hit in group.hits]

    seen = []
    for _ in hits:
        qtbot.keyClick(popup.field, Qt.Key.Key_Down)
        assert popup.results.currentItem().data(ROW_ROLE) == HIT
        seen.append(popup.current_hit())
    assert seen == hits
    qtbot.keyClick(popup.field, Qt.Key.Key_Down)
    assert popup.current_hit() == hits[-1]
    for _ in hits:
        qtbot.keyClick(popup.field, Qt.Key.Key_Up)
    assert popup.current_hit() == hits[0]
    assert popup.focusWidget() is popup.field


def test_escape_closes_without_opening_anything(qtbot, catalogue):
    _person(catalogue, "Hélène", "Marchand")
    popup = _popup(qtbot, catalogue)
    popup.set_query("helene")
    with qtbot.assertNotEmitted(popup.open_requested):
        qtbot.keyClick(popup.field, Qt.Key.Key_Escape)
    assert not popup.isVisible()
    assert popup.result() == QDialog.DialogCode.Rejected


def test_double_click_opens_a_hit(qtbot, catalogue):
    _person(catalogue, "Hélène", "Marchand")
    zola = _person(catalogue, "Hélène", "Zola")
    popup = _popup(qtbot, catalogue)
    popup.set_query("helene")
    item = popup.results.item(2)
    assert item.text() == "Hélène Zola"
    centre = popup.results.visualItemRect(item).center()
    viewport = popup.results.viewport()
    with qtbot.waitSignal(popup.open_requested, timeout=1000) as blocker:
        # A real double-click: press and release, then the double-click event.
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=centre)
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=centre)
    assert blocker.args == ["person", zola]


def test_no_result_is_said_honestly(qtbot, catalogue):
    _person(catalogue, "Hélène", "Marchand")
    popup = _popup(qtbot, catalogue)
    assert popup.message.isVisible()

    popup.set_query("zyxwv")

    assert popup.results.count() == 0
    assert not popup.results.isVisible()
    assert popup.message.isVisible()
    assert popup.message.text() == "No result for “zyxwv”."
    with qtbot.assertNotEmitted(popup.open_requested):
        qtbot.keyClick(popup.field, Qt.Key.Key_Return)
    assert popup.isVisible()


def test_a_group_says_how_many_more_match(qtbot, catalogue):
    for n in range(10):
        _person(catalogue, "Anne", f"Martin{n:02d}")
    popup = _popup(qtbot, catalogue)
    popup.set_query("anne")
    rows = _rows(popup)
    assert rows[0] == (HEADER, "People")
    assert [kind for kind, _text in rows].count(HIT) == 8
    assert rows[-1] == (MORE, "and 2 more")
    assert not popup.results.item(len(rows) - 1).flags() & Qt.ItemFlag.ItemIsSelectable


def test_a_capped_count_is_shown_as_a_floor(qtbot, catalogue, monkeypatch):
    for n in range(10):
        _person(catalogue, "Anne", f"Martin{n:02d}")
    monkeypatch.setattr(search, "COUNT_CAP", 9)
    popup = _popup(qtbot, catalogue)
    popup.set_query("anne")
    assert _rows(popup)[-1] == (MORE, "9+ matches; keep typing to narrow the search")


def test_typing_in_the_list_goes_on_refining_the_search(qtbot, catalogue):
    _person(catalogue, "Hélène", "Marchand")
    _person(catalogue, "Hélène", "Zola")
    popup = _popup(qtbot, catalogue)
    popup.set_query("helene")
    popup.results.setFocus()
    _type(popup.results, " z")
    assert popup.field.text() == "helene z"
    qtbot.waitUntil(lambda: len(_rows(popup)) == 2)
    assert _rows(popup)[1] == (HIT, "Hélène Zola")


def test_clearing_the_field_shows_the_hint_again(qtbot, catalogue):
    _person(catalogue, "Hélène", "Marchand")
    popup = _popup(qtbot, catalogue)
    hint = popup.message.text()
    popup.set_query("helene")
    assert popup.results.isVisible()
    popup.set_query("")
    assert popup.results.count() == 0
    assert popup.message.text() == hint
