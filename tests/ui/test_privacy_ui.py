"""The people's rights from the window: the access report button on the person's page."""

from __future__ import annotations

import subprocess

from PySide6.QtCore import Qt
from tests.privacy.conftest import NAME, fill

from visitplanner.services import catalogue as cat


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
    people.form.grab().save("/tmp/acc/person.png")
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
