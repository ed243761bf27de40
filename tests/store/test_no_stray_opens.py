"""Our own checks and copies of a live catalogue never drop SQLite's locks.

Closing any descriptor of the catalogue file drops every POSIX lock this process
holds on it (SQLite, "How To Corrupt An SQLite Database File" §2.2). Another
process closing its connection then believes it is alone and deletes the ``-wal``
our connection still writes into. The start-up checks, backups and restores go
through SQLite, whose own descriptors do not have that effect.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from visitplanner.services.directory import records as cat
from visitplanner.services.recovery.backups import backup
from visitplanner.store import sqlite as sqlite_store

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="POSIX locks"),
    pytest.mark.sqlite_only(reason="POSIX locks on the SQLite file"),
]


def other_process_reads_and_closes(path) -> None:
    code = (
        "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]);"
        "c.execute('SELECT count(*) FROM people').fetchone(); c.close()"
    )
    subprocess.run([sys.executable, "-c", code, str(path)], check=True, timeout=60)


def wal(path):
    return path.with_name(path.name + "-wal")


def test_checks_and_backups_keep_the_wal_of_a_live_catalogue(catalogue, db_path, tmp_path):
    cat.create_person(catalogue, cat.PersonInput(family_name="Dupont"))
    assert wal(db_path).exists()

    assert sqlite_store.looks_like_sqlite(db_path)
    assert sqlite_store.read_revision(db_path)[1]
    backup(catalogue, tmp_path / "copy.sqlite")
    other_process_reads_and_closes(db_path)

    assert wal(db_path).exists()  # the other process knew it was not alone
    cat.create_person(catalogue, cat.PersonInput(family_name="Martin"))
    assert {p.family_name for p in cat.list_people(catalogue)} == {"Dupont", "Martin"}


def test_a_plain_open_and_close_is_what_loses_the_wal(catalogue, db_path):
    """The hazard itself, so that the test above is known to be able to fail."""
    cat.create_person(catalogue, cat.PersonInput(family_name="Dupont"))
    os.close(os.open(db_path, os.O_RDONLY))
    other_process_reads_and_closes(db_path)
    assert not wal(db_path).exists()  # deleted under our open connection


@pytest.mark.parametrize("suffix", ["", "-wal"])
def test_the_catalogue_chosen_as_a_document_is_refused_unread(catalogue, db_path, suffix):
    from visitplanner.domain.errors import UserError
    from visitplanner.services.calendars.importing import import_calendar

    cat.create_person(catalogue, cat.PersonInput(family_name="Dupont"))
    chosen = db_path.with_name(db_path.name + suffix)
    with pytest.raises(UserError) as refused:
        import_calendar(catalogue, chosen)
    assert refused.value.message == (
        f"Cannot read {chosen}: it is a file of the catalogue open in Visit Planner."
    )
    other_process_reads_and_closes(db_path)
    assert wal(db_path).exists()
