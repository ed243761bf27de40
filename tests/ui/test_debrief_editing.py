"""The debrief editor: photos people recognise, due dates that can be typed and picked."""

from __future__ import annotations

import re
from datetime import date

from PIL import Image
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QPushButton, QStyleOptionViewItem
from tests.ui.conftest import type_text

from visitplanner.services.changes import Changes
from visitplanner.services.directory import records as cat
from visitplanner.services.documents import debriefs
from visitplanner.services.events import planning


def past_visit(window, organiser=True):
    catalogue = window.catalogue
    organiser_id = (
        cat.create_person(
            catalogue, cat.PersonInput(family_name="Benhamou", given_name="Anaïs")
        ).created_id("person")
        if organiser
        else None
    )
    event_id = planning.save_event(
        catalogue,
        None,
        planning.EventInput(
            kind="visit",
            title="Visite de la ressourcerie",
            start="2026-03-12T09:30",
            end="2026-03-12T17:00",
            timezone="Europe/Paris",
            all_day=False,
            status="planned",
            organiser_id=organiser_id,
        ),
    ).created_id("event")
    window.changes_applied.emit(Changes.of(created=[("event", event_id)]))
    window.show_page("debriefs")
    page = window.page("debriefs")
    page.open_event(event_id)
    return page.editor


def button(editor, accessible_name):
    return next(
        b for b in editor.findChildren(QPushButton) if b.accessibleName() == accessible_name
    )


def new_action(qtbot, editor):
    qtbot.mouseClick(button(editor, "Add a line to Follow-up actions"), Qt.MouseButton.LeftButton)
    return editor.actions.rowCount() - 1


def test_photos_show_as_thumbnails_with_their_caption_never_a_hash(
    qtbot, window, tmp_path, monkeypatch
):
    monkeypatch.setenv("VISITPLANNER_DATA", str(tmp_path / "data"))
    editor = past_visit(window)
    photo = tmp_path / "atelier-reemploi.png"
    Image.new("RGB", (300, 200), "teal").save(photo)
    monkeypatch.setattr(editor, "ask_photos", lambda: [photo])
    qtbot.mouseClick(button(editor, "Add photos"), Qt.MouseButton.LeftButton)

    strip = editor.photo_list
    item = strip.item(0)
    assert not item.icon().isNull()
    assert not re.search(r"[0-9a-f]{64}", item.text() + item.toolTip())

    rect = strip.visualItemRect(item)
    qtbot.mouseClick(strip.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(strip, Qt.Key.Key_F2)  # as a double-click would, start the caption
    caption_editor = strip.focusWidget()
    type_text(caption_editor, "L’atelier de réemploi")
    qtbot.keyClick(caption_editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: strip.item(0).text() == "L’atelier de réemploi")
    saved = debriefs.get_debrief(window.catalogue, editor.view.id)
    assert saved.photos[0].caption == "L’atelier de réemploi"
    assert saved.photos[0].original_name == "atelier-reemploi.png"
    # What the strip paints under the thumbnail: the caption, then the file's own name.
    option = QStyleOptionViewItem()
    strip.itemDelegate().initStyleOption(option, strip.indexFromItem(strip.item(0)))
    # Two lines: Qt's item text breaks only at U+2028 (a "\n" ran them into one).
    assert option.text.split("\u2028") == ["L’atelier de réemploi", "atelier-reemploi.png"]


def test_a_photo_without_caption_shows_the_placeholder_above_its_name(
    qtbot, window, tmp_path, monkeypatch
):
    monkeypatch.setenv("VISITPLANNER_DATA", str(tmp_path / "data"))
    editor = past_visit(window)
    photo = tmp_path / "visite du living lab.jpg"
    Image.new("RGB", (300, 200), "orange").save(photo)
    monkeypatch.setattr(editor, "ask_photos", lambda: [photo])
    qtbot.mouseClick(button(editor, "Add photos"), Qt.MouseButton.LeftButton)
    strip = editor.photo_list
    option = QStyleOptionViewItem()
    strip.itemDelegate().initStyleOption(option, strip.indexFromItem(strip.item(0)))
    assert option.text.split("\u2028") == ["(no caption)", "visite du living lab.jpg"]


def test_a_typed_due_date_is_kept(qtbot, window):
    editor = past_visit(window)
    row = new_action(qtbot, editor)
    type_text(editor.actions.focusWidget(), "Écrire au réseau")
    qtbot.keyClick(editor.actions.focusWidget(), Qt.Key.Key_Return)
    due = editor.actions.cellWidget(row, 2)
    due.setFocus()
    qtbot.keyClicks(due, "15/05/2027")
    qtbot.keyClick(due, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: editor.saved_label.text() == "Saved", timeout=3000)
    saved = debriefs.get_debrief(window.catalogue, editor.view.id)
    assert [(a.text, a.due_date) for a in saved.actions] == [
        ("Écrire au réseau", date(2027, 5, 15))
    ]


def test_the_due_date_calendar_opens_on_this_month_inside_the_window(qtbot, window):
    window.resize(1100, 700)
    editor = past_visit(window)
    row = new_action(qtbot, editor)
    due = editor.actions.cellWidget(row, 2)
    editor.actions.scrollToBottom()
    qtbot.mouseClick(due, Qt.MouseButton.LeftButton, pos=QPoint(due.width() - 6, due.height() // 2))
    calendar = due.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)
    today = date.today()
    assert (calendar.yearShown(), calendar.monthShown()) == (today.year, today.month)
    popup = calendar.window()
    area = window.geometry()
    assert area.contains(popup.geometry()), (area, popup.geometry())
    popup.hide()
    assert due.value() is None  # opening the calendar chose nothing


def test_the_organiser_can_own_a_follow_up_action(qtbot, window):
    editor = past_visit(window)
    row = new_action(qtbot, editor)
    owners = editor.actions.cellWidget(row, 1)
    names = [owners.itemText(i) for i in range(owners.count())]
    assert any("Benhamou" in name for name in names), names
