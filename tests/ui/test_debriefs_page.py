"""Writing a debrief in the window: typed text is saved without a Save button."""

from __future__ import annotations

from PIL import Image
from PySide6.QtCore import Qt
from tests.ui.conftest import type_text

from visitplanner.services.changes import Changes
from visitplanner.services.demo import load_demo
from visitplanner.services.documents import debriefs
from visitplanner.services.events import planning


def _upcoming_workshop(window):
    return next(e for e in planning.list_events(window.catalogue) if e.kind == "workshop")


def test_debrief_text_takeaways_and_photos_are_saved_as_typed(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setenv("VISITPLANNER_DATA", str(tmp_path / "data"))
    load_demo(window.catalogue)
    window.changes_applied.emit(Changes.everything())
    event = _upcoming_workshop(window)
    window.open_record("event", event.id)
    qtbot.mouseClick(window.page("events").debrief_button, Qt.MouseButton.LeftButton)
    assert window.current_page() == "debriefs"
    editor = window.page("debriefs").editor
    assert editor.view is not None and editor.view.event_id == event.id

    type_text(editor.context, "Des adhérents « pionniers » ; coût & délais <b>")
    editor._add_row(editor.takeaways, "takeaways")
    editor.takeaways.item(0, 0).setText("Les cotisations financent l’animation")
    editor.takeaways.cellWidget(0, 1).setCurrentIndex(3)
    qtbot.waitUntil(lambda: editor.saved_label.text() == "Saved", timeout=3000)

    photo = tmp_path / "atelier.jpg"
    Image.new("RGB", (64, 32), "orange").save(photo)
    editor.add_photos([photo])

    saved = debriefs.get_debrief(window.catalogue, editor.view.id)
    assert saved.context == "Des adhérents « pionniers » ; coût & délais <b>"
    assert [t.text for t in saved.takeaways] == ["Les cotisations financent l’animation"]
    assert saved.takeaways[0].challenge is not None
    assert len(saved.photos) == 1 and saved.photos[0].path.exists()


def test_closing_the_window_saves_what_was_just_typed(qtbot, window):
    load_demo(window.catalogue)
    window.changes_applied.emit(Changes.everything())
    event = _upcoming_workshop(window)
    window.show_page("debriefs")
    page = window.page("debriefs")
    page.open_event(event.id)
    type_text(page.editor.what_we_saw, "Un atelier de réemploi")
    window.close()  # before the autosave delay has passed
    view = debriefs.open_debrief(window.catalogue, event.id)
    assert view.what_we_saw == "Un atelier de réemploi"


def test_finalising_and_the_list_of_actions(qtbot, window):
    load_demo(window.catalogue)
    window.changes_applied.emit(Changes.everything())
    window.show_page("debriefs")
    page = window.page("debriefs")
    assert page.actions.topLevelItemCount() > 0
    overdue = [
        page.actions.topLevelItem(i).text(0)
        for i in range(page.actions.topLevelItemCount())
        if "overdue" in page.actions.topLevelItem(i).text(0)
    ]
    assert overdue
    event = _upcoming_workshop(window)
    page.open_event(event.id)
    page.editor.toggle_status()
    assert debriefs.open_debrief(window.catalogue, event.id).status == "final"


def test_debrief_and_booklet_pdfs_from_the_page(qtbot, window, monkeypatch, tmp_path):
    load_demo(window.catalogue)
    window.changes_applied.emit(Changes.everything())
    window.show_page("debriefs")
    page = window.page("debriefs")
    visit = next(e for e in planning.list_events(window.catalogue) if e.kind == "visit")
    page.open_event(visit.id)
    opened = []
    targets = iter([tmp_path / "cr.pdf", tmp_path / "livret.pdf"])
    monkeypatch.setattr("visitplanner.ui.export.ask_save_path", lambda *args: next(targets))
    monkeypatch.setattr("visitplanner.ui.export.open_file", opened.append)
    from visitplanner.ui.booklet_dialog import BookletChoice, BookletDialog

    monkeypatch.setattr(
        BookletDialog,
        "ask",
        classmethod(lambda cls, *args: BookletChoice(None, None, None, None, "Collectif")),
    )
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.booklet_button, Qt.MouseButton.LeftButton)
    assert [p.name for p in opened] == ["cr.pdf", "livret.pdf"]
    assert all(p.read_bytes().startswith(b"%PDF") for p in opened)


def test_photos_dropped_on_the_editor_are_added(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtCore import QMimeData, QPoint, QUrl
    from PySide6.QtGui import QDropEvent

    monkeypatch.setenv("VISITPLANNER_DATA", str(tmp_path / "data"))
    load_demo(window.catalogue)
    window.changes_applied.emit(Changes.everything())
    window.show_page("debriefs")
    page = window.page("debriefs")
    page.open_event(_upcoming_workshop(window).id)
    photo = tmp_path / "telephone.jpg"
    Image.new("RGB", (40, 30), "teal").save(photo)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo))])
    drop = QDropEvent(
        QPoint(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    page.editor._photo_drops.eventFilter(page.editor.photo_list.viewport(), drop)
    assert page.editor.photo_list.count() == 1
