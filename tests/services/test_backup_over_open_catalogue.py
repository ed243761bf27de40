"""``backup --out`` never writes over a catalogue another window has open.

The copy is renamed into place: over a catalogue in use, the window would go on saving
into a file no longer at that path, and those saves would be lost.
"""

from __future__ import annotations

import os

import pytest

from visitplanner.domain.errors import UserError
from visitplanner.services.directory import records as cat
from visitplanner.services.recovery.backups import backup
from visitplanner.store.database import open_catalogue
from visitplanner.store.lock import CatalogueLock, lock_path

pytestmark = pytest.mark.sqlite_only(reason="a backup is a copy of the SQLite file")


def test_a_backup_over_a_catalogue_open_in_a_window_is_refused(catalogue, tmp_path):
    other_path = tmp_path / "other.sqlite"
    window_lock = CatalogueLock(other_path)  # what the window holds while it is open
    assert window_lock.acquire()
    other = open_catalogue(str(other_path))
    try:
        cat.create_person(other, cat.PersonInput(family_name="Martin"))
        inode = os.stat(other_path).st_ino

        with pytest.raises(UserError) as refused:
            backup(catalogue, other_path)

        assert refused.value.message.startswith(f"{other_path} is open in Visit Planner by ")
        assert os.stat(other_path).st_ino == inode  # still the window's own file
        cat.create_person(other, cat.PersonInput(family_name="Durand"))
        assert {p.family_name for p in cat.list_people(other)} == {"Martin", "Durand"}
    finally:
        other.close()
        window_lock.release()


def test_a_backup_over_a_closed_catalogue_replaces_it_and_leaves_no_lock(catalogue, tmp_path):
    cat.create_person(catalogue, cat.PersonInput(family_name="Dupont"))
    target = tmp_path / "copy.sqlite"
    target.write_bytes(b"old")
    backup(catalogue, target)
    copy = open_catalogue(str(target))
    try:
        assert [p.family_name for p in cat.list_people(copy)] == ["Dupont"]
    finally:
        copy.close()
    assert not lock_path(target).exists()
