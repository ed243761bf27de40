"""The shared story page, used like a coordinator would: read, filter, write, share."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QDate, QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from tests.ui.conftest import type_text

from visitplanner.domain.enums import Challenge
from visitplanner.services.changes import ChangeKind, Changes
from visitplanner.services.demo import load_demo
from visitplanner.services.story import entries as story_entries
from visitplanner.services.story import folder_sync
from visitplanner.services.story.entries import StoryEntryInput
from visitplanner.store.database import open_catalogue

ROLE = Qt.ItemDataRole.UserRole


@pytest.fixture(autouse=True)
def _data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("VISITPLANNER_DATA", str(tmp_path / "data"))


def _story(window, qtbot):
    load_demo(window.catalogue)
    window.changes_applied.emit(Changes.everything())
    assert window.show_page("story")
    page = window.page("story")
    qtbot.waitExposed(page)
    return page


def _titles(page) -> list[str]:
    return [e.title for e in page.entries.values()]


def _rows(page) -> list[str]:
    """The timeline as shown: "year", "  month", "    day title"."""
    lines = []
    for y in range(page.tree.topLevelItemCount()):
        year = page.tree.topLevelItem(y)
        lines.append(year.text(0))
        for m in range(year.childCount()):
            month = year.child(m)
            lines.append("  " + month.text(0))
            lines.extend("    " + month.child(e).text(0) for e in range(month.childCount()))
    return lines


def _select(page, title: str) -> None:
    uuid = next(e.uuid for e in page.entries.values() if e.title == title)
    assert page.select_entry(uuid)


def _search(qtbot, page, text: str) -> None:
    page.search.setText(text)
    qtbot.waitUntil(lambda: not page._debounce.isActive(), timeout=2000)


def _add(catalogue, title: str, **values) -> str:
    data = StoryEntryInput(date=values.pop("day", date(2026, 11, 25)), title=title, **values)
    return story_entries.add_entry(catalogue, data, "Test").uuid


def test_the_demo_story_is_grouped_by_year_and_month(qtbot, window):
    page = _story(window, qtbot)
    rows = _rows(page)
    assert rows[0] == "2026 (8)"
    assert rows[1] == "  November (3)"
    assert any(r.startswith("    24 Nov") and "Relance des suites à donner" in r for r in rows)
    assert "  January (1)" in rows
    assert page.count.text() == "8 entries"
    # The newest entry is selected; the reading view tells its month as a story.
    assert page.current_entry().title == "Relance des suites à donner"
    text = page.reader.toPlainText()
    assert "Invitations envoyées pour le séminaire de Fourmies" in text
    assert "Tuesday 24 November 2026" in text
    assert "Deux jours à Figeac" not in text  # another month
    assert page.scope_label.text() == "November 2026"
    # Selecting a year reads the whole year, under month headings.
    page.tree.setCurrentItem(page.tree.topLevelItem(0))
    assert "Deux jours à Figeac" in page.reader.toPlainText()
    assert "September 2026" in page.reader.toPlainText()


def test_search_ignores_accents(qtbot, window):
    page = _story(window, qtbot)
    _add(window.catalogue, "Une décision difficile", kind="decision")
    window.changes_applied.emit(Changes.of_kinds(ChangeKind.STORY_ENTRY))
    _search(qtbot, page, "decision")
    assert _titles(page) == ["Une décision difficile"]
    assert page.count.text() == "1 entry"
    _search(qtbot, page, "zzz introuvable")
    assert page.body.currentWidget() is page.empty
    assert page.empty_text.text() == "No entry matches these filters."
    qtbot.mouseClick(page.empty_button, Qt.MouseButton.LeftButton)
    assert page.search.text() == ""
    assert len(page.entries) == 9


def test_kind_dynamic_challenge_and_period_filters(qtbot, window):
    page = _story(window, qtbot)
    _add(
        window.catalogue,
        "Les habitants au cœur du projet",
        day=date(2025, 6, 3),
        challenges=(Challenge.INHABITANT_INVOLVEMENT.value,),
    )
    window.changes_applied.emit(Changes.of_kinds(ChangeKind.STORY_ENTRY))

    _select(page, "Le séminaire commun sera payant")
    page.kind_box.setCurrentIndex(page.kind_box.findText("Decision"))
    assert page.current_entry().title == "Le séminaire commun sera payant"  # still selected
    assert sorted(_titles(page)) == [
        "Deux visites retenues : Nova Child et Figeacteurs",
        "Le séminaire commun sera payant",
    ]
    page.kind_box.setCurrentIndex(0)

    page.dynamic_box.setCurrentIndex(page.dynamic_box.findText("PTCE Figeacteurs"))
    assert sorted(_titles(page)) == [
        "Deux jours à Figeac avec Figeacteurs",
        "Deux visites retenues : Nova Child et Figeacteurs",
    ]
    page.dynamic_box.setCurrentIndex(0)

    page.challenge_box.setCurrentIndex(page.challenge_box.findText("Involvement of inhabitants"))
    assert _titles(page) == ["Les habitants au cœur du projet"]
    page.challenge_box.setCurrentIndex(0)

    page.period_box.setCurrentIndex(page.period_box.findData("custom"))
    assert page.start_edit.isVisible() and page.end_edit.isVisible()
    page.start_edit.setDate(QDate(2025, 1, 1))
    page.end_edit.setDate(QDate(2025, 12, 31))
    assert _titles(page) == ["Les habitants au cœur du projet"]
    assert _rows(page)[:2] == ["2025 (1)", "  June (1)"]
    page.period_box.setCurrentIndex(0)
    assert not page.start_edit.isVisible()
    assert len(page.entries) == 9


def test_a_new_entry_is_written_in_the_dialog(qtbot, window):
    window.settings.organiser_name = "Claire Dupont"
    page = _story(window, qtbot)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.entry_dialog
    assert dialog.isVisible()
    assert not dialog.save_button.isEnabled()  # nothing typed yet
    dialog.date_edit.setDate(QDate(2026, 11, 26))
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findText("Milestone"))
    type_text(dialog.title_edit, "Bilan à mi-parcours « réussi »")
    type_text(dialog.text_edit, "Ce que nous retenons :")
    dialog.text_edit.appendPlainText("- des visites utiles\n- un réseau élargi\n\nÀ suivre.")
    dialog.challenges.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.dynamics.item(0).setCheckState(Qt.CheckState.Checked)
    photo = Path(window.catalogue.path).parent / "bilan.png"
    Image.new("RGB", (1600, 900), "teal").save(photo)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo))])
    drop = QDropEvent(
        QPoint(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    dialog._drops.eventFilter(dialog.text_edit.viewport(), drop)  # dropped over the text
    assert dialog.photo == photo
    assert not dialog.thumbnail.pixmap().isNull()
    type_text(dialog.caption_edit, "La salle comble")
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert not dialog.isVisible()
    entry = page.current_entry()
    assert entry.title == "Bilan à mi-parcours « réussi »"
    assert entry.author == "Claire Dupont"
    assert entry.kind == "milestone"
    assert entry.challenges == (Challenge.LASTING_COOPERATION.value,)
    assert entry.photo is not None and entry.photo.is_file()
    assert any("Bilan à mi-parcours" in row for row in _rows(page))
    assert _rows(page)[1] == "  November (4)"
    html = page.reader.toHtml()
    assert "<li" in html and "des visites utiles" in html
    assert "<img" in html
    text = page.reader.toPlainText()
    assert "Bilan à mi-parcours « réussi »" in text
    assert "La salle comble" in text
    assert "Challenges: Lasting cooperation" in text
    # The dashboard lists it among the latest entries.
    latest = window.page("dashboard").latest
    assert any("Bilan à mi-parcours" in latest.item(i).text() for i in range(latest.count()))


def test_editing_an_entry_with_enter(qtbot, window):
    page = _story(window, qtbot)
    _select(page, "Le séminaire commun sera payant")
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    dialog = page.entry_dialog
    assert dialog.isVisible()
    assert dialog.title_edit.text() == "Le séminaire commun sera payant"
    assert not dialog.save_button.isEnabled()
    dialog.title_edit.selectAll()
    type_text(dialog.title_edit, "Le séminaire de Fourmies sera payant")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert page.current_entry().title == "Le séminaire de Fourmies sera payant"
    assert "Le séminaire de Fourmies sera payant" in page.reader.toPlainText()


def test_an_entry_from_a_debrief_says_so(qtbot, window):
    page = _story(window, qtbot)
    entry = next(e for e in page.entries.values() if e.debrief_id is not None)
    page.select_entry(entry.uuid)
    rect = page.tree.visualItemRect(page.tree.currentItem())
    qtbot.mouseClick(page.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.entry_dialog is not None and page.entry_dialog.isVisible()
    note = page.entry_dialog.debrief_note
    assert note.isVisible()
    assert note.text() == (
        f"Created from the debrief of {entry.event_title}; editing keeps the link."
    )
    page.entry_dialog.reject()  # nothing typed: closes without asking


def test_an_empty_title_is_refused_under_the_field(qtbot, window):
    page = _story(window, qtbot)
    page.new_entry()
    dialog = page.entry_dialog
    type_text(dialog.text_edit, "Un texte sans titre")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.errors["title"].isVisible()
    assert dialog.errors["title"].text() == "This field is required."
    assert dialog.text_edit.toPlainText() == "Un texte sans titre"
    assert len(page.entries) == 8
    type_text(dialog.title_edit, "Titre")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert len(page.entries) == 9


def test_escape_asks_before_throwing_typed_text_away(qtbot, window, monkeypatch):
    page = _story(window, qtbot)
    page.new_entry()
    dialog = page.entry_dialog
    type_text(dialog.title_edit, "Brouillon")
    answers = iter(["cancel", "discard"])
    asked = []

    def ask(parent, title, question):
        asked.append(question)
        return next(answers)

    monkeypatch.setattr("visitplanner.ui.dialogs.ask_save_discard_cancel", ask)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert len(asked) == 2
    assert "Brouillon" not in _titles(page)


def test_deleting_asks_then_removes(qtbot, window, monkeypatch):
    page = _story(window, qtbot)
    _select(page, "Le séminaire commun sera payant")
    questions = []
    answers = iter([False, True])

    def ask(parent, title, question):
        questions.append(question)
        return next(answers)

    monkeypatch.setattr("visitplanner.ui.dialogs.ask_yes_no", ask)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert "Le séminaire commun sera payant" in _titles(page)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert "Le séminaire commun sera payant" not in _titles(page)
    assert "“Le séminaire commun sera payant”" in questions[0]
    assert page.count.text() == "7 entries"
    assert page.current_entry() is not None
    assert window.statusBar().currentMessage() == "Entry deleted."
    # The Delete key does the same from the timeline.
    answers = iter([True])
    following = page.current_entry().title
    window.activateWindow()
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_Delete)
    assert following not in _titles(page)
    assert len(questions) == 3


def test_history_shows_the_edit_and_brings_back_a_version(qtbot, window, monkeypatch):
    page = _story(window, qtbot)
    _select(page, "Relance des suites à donner")
    uuid = page.current_uuid()
    entry = story_entries.get_entry(window.catalogue, uuid)
    changes = story_entries.edit_entry(
        window.catalogue,
        uuid,
        StoryEntryInput(date=entry.date, title="Relance des actions", kind=entry.kind),
        "Claire",
    )
    window.changes_applied.emit(changes)
    assert page.current_entry().title == "Relance des actions"

    qtbot.mouseClick(page.history_button, Qt.MouseButton.LeftButton)
    dialog = page.history_dialog
    assert dialog.isVisible()
    assert dialog.list.topLevelItemCount() == 2
    newest, oldest = (dialog.list.topLevelItem(i) for i in range(2))
    assert newest.text(0) == "2" and newest.text(1) == "Claire"
    assert "current" in newest.text(4)
    assert newest.text(3) == "this catalogue"
    assert oldest.text(1) == "François Le Gall"
    assert not dialog.use_button.isEnabled()  # the current version is already in use

    dialog.list.setCurrentItem(oldest)
    assert "Relance des suites à donner" in dialog.selected_view.toPlainText()
    assert "Relance des actions" in dialog.current_view.toPlainText()
    asked = []
    monkeypatch.setattr(
        "visitplanner.ui.dialogs.ask_yes_no", lambda *args: asked.append(args[2]) or True
    )
    qtbot.mouseClick(dialog.use_button, Qt.MouseButton.LeftButton)
    assert asked and "version 1" in asked[0]
    assert not dialog.isVisible()
    assert page.current_entry().title == "Relance des suites à donner"
    assert len(story_entries.entry_history(window.catalogue, uuid)) == 3


def test_choosing_a_folder_then_sync_now_writes_the_entries(qtbot, window, tmp_path, monkeypatch):
    page = _story(window, qtbot)
    assert "choose a shared folder" in page.sync_label.text()
    shared = tmp_path / "Récit"
    shared.mkdir()
    monkeypatch.setattr(
        "visitplanner.ui.pages.story_page.choose_folder", lambda parent, current: shared
    )
    page.choose_shared_folder()  # chooses, then shares at once
    assert folder_sync.shared_folder(window.catalogue) == shared
    written = sorted((shared / "entries").glob("*.json"))
    assert len(written) == 8
    assert page.sync_label.text().startswith("Folder: …/Récit — 8 revisions shared")

    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    assert "Folder: …/Récit — up to date" in page.sync_label.text()
    assert window.statusBar().currentMessage() == "Shared story up to date."

    # A change made on the page reaches the folder without pressing anything.
    _select(page, "Relance des suites à donner")
    monkeypatch.setattr("visitplanner.ui.dialogs.ask_yes_no", lambda *args: True)
    page.delete_current()
    assert len(list((shared / "entries").glob("*.json"))) == 9


def test_an_entry_of_another_catalogue_arrives_with_sync_now(qtbot, window, tmp_path, monkeypatch):
    page = _story(window, qtbot)
    shared = tmp_path / "partage"
    shared.mkdir()
    folder_sync.set_shared_folder(window.catalogue, shared)
    other = open_catalogue(str(tmp_path / "b.sqlite"))
    try:
        story_entries.add_entry(
            other,
            StoryEntryInput(date=date(2026, 11, 25), title="Nouvelles de Lille", kind="note"),
            "Bérénice",
        )
        folder_sync.sync_folder(other, shared)
    finally:
        other.close()
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    assert "Nouvelles de Lille" in _titles(page)
    assert "1 revision received" in page.sync_label.text()
    latest = window.page("dashboard").latest
    assert any("Nouvelles de Lille" in latest.item(i).text() for i in range(latest.count()))
    _select(page, "Nouvelles de Lille")
    page.show_history()
    assert page.history_dialog.list.topLevelItem(0).text(3) == "another catalogue"
    page.history_dialog.reject()


def test_an_unreadable_file_is_reported_once(qtbot, window, tmp_path, monkeypatch):
    page = _story(window, qtbot)
    shared = tmp_path / "partage"
    (shared / "entries").mkdir(parents=True)
    bad = "0b7a3f5e-1c2d-4e5f-8a9b-0c1d2e3f4a5b.r1.1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d.json"
    (shared / "entries" / bad).write_text("{pas du json", encoding="utf-8")
    folder_sync.set_shared_folder(window.catalogue, shared)
    reports = []
    monkeypatch.setattr(
        "visitplanner.ui.dialogs.show_report",
        lambda parent, title, summary, lines: reports.append(lines),
    )
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    assert len(reports) == 1
    assert reports[0] == [f"{bad}: the file is damaged or incomplete"]
    assert "1 unreadable file" in page.sync_label.text()


def test_an_unreachable_folder_is_only_a_status(qtbot, window, tmp_path):
    page = _story(window, qtbot)
    shared = tmp_path / "cle-usb"
    shared.mkdir()
    folder_sync.set_shared_folder(window.catalogue, shared)
    shared.rmdir()  # the USB key is unplugged
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)  # no dialog expected
    assert "not reachable" in page.sync_label.text()


def test_a_finalised_debrief_is_shared_automatically(qtbot, window, tmp_path):
    from visitplanner.services.documents import debriefs
    from visitplanner.services.events import planning

    page = _story(window, qtbot)
    shared = tmp_path / "partage"
    shared.mkdir()
    folder_sync.set_shared_folder(window.catalogue, shared)
    page.sync_now()
    before = len(list((shared / "entries").glob("*.json")))
    workshop = next(e for e in planning.list_events(window.catalogue) if e.kind == "workshop")
    view = debriefs.open_debrief(window.catalogue, workshop.id)
    window.changes_applied.emit(debriefs.set_status(window.catalogue, view.id, "final"))
    assert len(list((shared / "entries").glob("*.json"))) == before + 1
    assert workshop.title in _titles(page)


def test_the_dashboard_opens_the_story_on_its_entry(qtbot, window):
    load_demo(window.catalogue)
    window.changes_applied.emit(Changes.everything())
    window.show_page("dashboard")
    latest = window.page("dashboard").latest
    item = latest.item(3)
    _kind, uuid = item.data(ROLE)
    rect = latest.visualItemRect(item)
    qtbot.mouseClick(latest.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_page() == "story"
    page = window.page("story")
    assert page.current_uuid() == uuid
    title = page.entries[uuid].title
    assert title in page.reader.toPlainText()
    # Ctrl+N on this page writes a new entry, not a new person.
    window.new_record()
    assert page.entry_dialog is not None and page.entry_dialog.isVisible()
    page.entry_dialog.reject()


def test_the_splitter_is_remembered(qtbot, window):
    page = _story(window, qtbot)
    page.splitter.setSizes([250, 800])
    page.splitter.splitterMoved.emit(250, 1)
    state = window.settings.extra["pages"]["story"]["splitter"]
    assert state


@pytest.mark.parametrize("fmt", ["pdf", "md", "html"])
def test_export_writes_the_story_in_each_format(qtbot, window, tmp_path, monkeypatch, fmt):
    page = _story(window, qtbot)
    target = tmp_path / f"recit.{fmt}"
    asked = []
    monkeypatch.setattr(
        "visitplanner.ui.export.ask_save_path",
        lambda parent, title, suggested, kind: asked.append(kind) or target,
    )
    opened = []
    monkeypatch.setattr("visitplanner.ui.export.open_file", opened.append)
    page.kind_box.setCurrentIndex(page.kind_box.findText("Decision"))
    page.export_actions[fmt].trigger()
    assert asked == [fmt]
    assert target.is_file() and target.stat().st_size > 0
    if fmt == "pdf":
        assert target.read_bytes().startswith(b"%PDF")
    else:
        content = target.read_text(encoding="utf-8")
        assert "Le séminaire commun sera payant" in content
        assert "Relance des suites à donner" not in content  # the filter on screen applies
    assert str(target) in window.statusBar().currentMessage()
    qtbot.mouseClick(page.open_export_button, Qt.MouseButton.LeftButton)
    assert opened == [target]


def test_two_coordinators_editing_the_same_entry_see_both_versions(qtbot, window, tmp_path):
    page = _story(window, qtbot)
    shared = tmp_path / "partage"
    shared.mkdir()
    folder_sync.set_shared_folder(window.catalogue, shared)
    page.sync_now()
    _select(page, "Le séminaire commun sera payant")
    uuid = page.current_uuid()
    entry = page.current_entry()
    other = open_catalogue(str(tmp_path / "b.sqlite"))
    try:
        folder_sync.sync_folder(other, shared)
        story_entries.edit_entry(
            other,
            uuid,
            StoryEntryInput(date=entry.date, title="Séminaire payant : 40 €", kind=entry.kind),
            "Bérénice",
        )
        folder_sync.sync_folder(other, shared)
    finally:
        other.close()
    # Meanwhile, offline, this coordinator edits the same version.
    story_entries.edit_entry(
        window.catalogue,
        uuid,
        StoryEntryInput(date=entry.date, title="Séminaire payant : 45 €", kind=entry.kind),
        "Claire",
    )
    page.sync_now()

    page.select_entry(uuid)
    page.show_history()
    dialog = page.history_dialog
    rows = [
        [dialog.list.topLevelItem(i).text(c) for c in range(5)]
        for i in range(dialog.list.topLevelItemCount())
    ]
    assert len(rows) == 3
    parallel = [r for r in rows if "written at the same time as another edit" in r[4]]
    assert {r[1] for r in parallel} == {"Claire", "Bérénice"}
    assert {r[3] for r in parallel} == {"this catalogue", "another catalogue"}
    assert "Two coordinators edited the same version" in dialog.explanation.text()
    # The one not shown in the story can be compared and chosen.
    other_row = next(i for i, r in enumerate(rows) if r[0] == "2" and "current" not in r[4])
    dialog.list.setCurrentItem(dialog.list.topLevelItem(other_row))
    assert dialog.panes[1].isVisibleTo(dialog)
    assert dialog.use_button.isEnabled()
    dialog.reject()


def test_a_folder_chosen_in_preferences_is_shared_at_once(window, tmp_path, monkeypatch):
    from visitplanner.services import demo
    from visitplanner.services.story import folder_sync
    from visitplanner.ui.preferences_dialog import PreferencesDialog

    demo.load_demo(window.catalogue)
    shared = tmp_path / "Syncthing"
    shared.mkdir()

    def edit(settings, parent, catalogue):
        folder_sync.set_shared_folder(catalogue, shared)
        return True

    monkeypatch.setattr(PreferencesDialog, "edit", staticmethod(edit))
    window.show_preferences()
    assert len(list((shared / "entries").iterdir())) == 8
    assert window.statusBar().currentMessage() == "Shared story synchronised: 8 revisions shared."


def test_settings_saved_on_the_log_page_reopen_the_story(qtbot, catalogue):
    """Settings written before the page was renamed ("log", version 1) open the window on
    the story page, with its splitter as the coordinator left it."""
    import json

    from PySide6.QtWidgets import QSplitter, QWidget

    from visitplanner.settings import load_settings, settings_path
    from visitplanner.ui.main_window import MainWindow

    load_demo(catalogue)
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    splitter = QSplitter()
    splitter.addWidget(QWidget())
    splitter.addWidget(QWidget())
    splitter.setSizes([260, 700])
    state = splitter.saveState().toBase64().data().decode()
    pages = {"log": {"splitter": state}}
    path.write_text(json.dumps({"version": 1, "last_page": "log", "extra": {"pages": pages}}))

    window = MainWindow(catalogue, load_settings())
    window.show()
    qtbot.waitExposed(window)
    try:
        assert window.current_page() == "story"
        assert window.sidebar.currentItem().text() == "Shared story"
        assert window.settings.extra["pages"]["story"] == {"splitter": state}
    finally:
        window.close()
        window.deleteLater()
