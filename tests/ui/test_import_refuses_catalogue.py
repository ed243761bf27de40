"""The CSV import dialog refuses the open catalogue's own files without reading them.

Reading the catalogue (or its ``-wal``) as a CSV file closes a descriptor of it, which
drops this process's SQLite locks: another process then deletes the ``-wal`` the window
is still writing into (docs/storage.md).
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from visitplanner.services.directory import records as cat
from visitplanner.ui import dialogs
from visitplanner.ui.import_dialog import ImportDialog

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX locks")


def _other_process_reads_and_closes(path) -> None:
    code = (
        "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]);"
        "c.execute('SELECT count(*) FROM people').fetchone(); c.close()"
    )
    subprocess.run([sys.executable, "-c", code, str(path)], check=True, timeout=60)


@pytest.mark.parametrize("suffix", ["", "-wal"])
def test_the_catalogue_chosen_as_a_csv_file_is_refused_unread(
    qtbot, catalogue, db_path, monkeypatch, suffix
):
    cat.create_person(catalogue, cat.PersonInput(family_name="Dupont"))
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: shown.append(text))
    chosen = db_path.with_name(db_path.name + suffix)

    assert ImportDialog.run(catalogue, None, path=chosen) is None

    assert shown == [f"Cannot read {chosen}: it is a file of the catalogue open in Visit Planner."]
    _other_process_reads_and_closes(db_path)
    wal = db_path.with_name(db_path.name + "-wal")
    assert wal.exists()  # the other process knew the window was still there
    cat.create_person(catalogue, cat.PersonInput(family_name="Martin"))
    assert {p.family_name for p in cat.list_people(catalogue)} == {"Dupont", "Martin"}
