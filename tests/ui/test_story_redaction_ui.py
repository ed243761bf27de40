"""Erasing a person from the window takes their name out of the shared story folder too."""

from __future__ import annotations

from PySide6.QtCore import Qt
from tests.privacy.test_story_redaction import assert_no_trace, fill_alice, folder_bytes

from visitplanner.services.changes import Changes
from visitplanner.services.story import entries as story_entries
from visitplanner.services.story import folder_sync


def test_erasing_from_the_persons_page_redacts_the_story_and_its_folder(qtbot, window, tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    person, named, *_ = fill_alice(window.catalogue)
    folder_sync.set_shared_folder(window.catalogue, folder)
    folder_sync.sync_folder(window.catalogue, folder)
    window.changes_applied.emit(Changes.of(created=[("person", person)]))
    window.open_record("person", person)
    people = window.pages["people"]

    qtbot.mouseClick(people.form.erase_button, Qt.MouseButton.LeftButton)
    dialog = people.erasure_dialog
    qtbot.waitExposed(dialog)
    text = dialog.details.toPlainText()
    assert "their names are replaced, here and in the shared story folder" in text
    assert "Story entry: Au jardin de Çağla Nguyễn" in text
    qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)

    # The window's story sync takes the redaction to the folder.
    qtbot.waitUntil(lambda: any(n.startswith("redactions/") for n in folder_bytes(folder)))
    qtbot.waitUntil(lambda: not window.story_sync.running)
    for name, data in folder_bytes(folder).items():
        assert_no_trace(data, name)
    assert story_entries.get_entry(window.catalogue, named).title == "Au jardin de [name removed]"
