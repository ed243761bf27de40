"""Automatic daily backups, their rotation, listing and restoring a backup."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date, timedelta

import pytest

from visitplanner.domain.errors import UserError
from visitplanner.services.recovery.backups import (
    AUTO,
    BEFORE_RESTORE,
    BEFORE_UPGRADE,
    MANUAL,
    auto_backup_path,
    backup,
    daily_backup,
    list_backups,
    restore_backup,
)
from visitplanner.store.database import open_catalogue

pytestmark = pytest.mark.sqlite_only(reason="a backup is a copy of the SQLite file")

MONDAY = date(2027, 3, 15)


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def backups_folder(db_path):
    return db_path.parent / "backups"


def test_the_daily_backup_is_written_once_a_day(catalogue, db_path, add_person, people_in):
    add_person(catalogue, "Dupont")
    first = daily_backup(catalogue, keep=7, today=MONDAY)
    assert first == backups_folder(db_path) / "catalogue-auto-20270315.sqlite"
    assert people_in(first) == ["Dupont"]

    add_person(catalogue, "Martin")
    assert daily_backup(catalogue, keep=7, today=MONDAY) is None
    assert people_in(first) == ["Dupont"]  # the morning's copy is not overwritten

    tuesday = daily_backup(catalogue, keep=7, today=MONDAY + timedelta(days=1))
    assert tuesday is not None and tuesday.name == "catalogue-auto-20270316.sqlite"
    assert people_in(tuesday) == ["Dupont", "Martin"]


def test_rotation_keeps_the_newest_n_and_never_touches_other_copies(catalogue, db_path, add_person):
    add_person(catalogue, "Dupont")
    manual = backup(catalogue)
    before_upgrade = db_path.with_name("catalogue.before-upgrade-0001-20270101-090000.sqlite")
    before_restore = db_path.with_name("catalogue.before-restore-20270102-090000.sqlite")
    for copy in (before_upgrade, before_restore):
        backup(catalogue, copy)
    unrelated = backups_folder(db_path) / "notes-auto-20200101.sqlite"
    unrelated.write_bytes(b"someone else's")

    for offset in range(10):
        daily_backup(catalogue, keep=3, today=MONDAY + timedelta(days=offset))

    autos = sorted(p.name for p in backups_folder(db_path).glob("catalogue-auto-*"))
    assert autos == [
        "catalogue-auto-20270322.sqlite",
        "catalogue-auto-20270323.sqlite",
        "catalogue-auto-20270324.sqlite",
    ]
    for survivor in (manual, before_upgrade, before_restore, unrelated):
        assert survivor.exists(), survivor


def test_lowering_the_number_kept_prunes_at_the_next_start(catalogue, db_path):
    for offset in range(5):
        daily_backup(catalogue, keep=7, today=MONDAY + timedelta(days=offset))
    assert daily_backup(catalogue, keep=2, today=MONDAY + timedelta(days=4)) is None
    assert [b.path.name for b in list_backups(db_path) if b.kind == AUTO] == [
        "catalogue-auto-20270319.sqlite",
        "catalogue-auto-20270318.sqlite",
    ]


def test_zero_turns_daily_backups_off(catalogue, db_path):
    assert daily_backup(catalogue, keep=0, today=MONDAY) is None
    assert not backups_folder(db_path).exists()


def test_a_chosen_folder_receives_the_daily_copies(catalogue, tmp_path):
    folder = tmp_path / "elsewhere"
    written = daily_backup(catalogue, keep=7, today=MONDAY, folder=folder)
    assert written == folder / "catalogue-auto-20270315.sqlite"
    assert [b.path for b in list_backups(catalogue.path, folder)] == [written]


def test_no_daily_backup_for_a_read_only_or_server_catalogue(catalogue, db_path):
    catalogue.close()
    viewer = open_catalogue(str(db_path), read_only=True)
    try:
        assert daily_backup(viewer, keep=7, today=MONDAY) is None
    finally:
        viewer.close()
    memory = open_catalogue("sqlite://")
    try:
        assert daily_backup(memory, keep=7, today=MONDAY) is None
    finally:
        memory.close()
    assert not backups_folder(db_path).exists()


def test_backups_are_listed_newest_first_with_kind_and_size(catalogue, db_path, add_person):
    add_person(catalogue, "Dupont")
    backup(catalogue, backups_folder(db_path) / "catalogue-20270301-080000.sqlite")
    backup(catalogue, db_path.with_name("catalogue.before-upgrade-0001-20270302-080000.sqlite"))
    backup(catalogue, db_path.with_name("catalogue.before-restore-20270303-080000.sqlite"))
    backup(catalogue, backups_folder(db_path) / "my own name.sqlite")  # not recognisable

    listed = list_backups(db_path)

    assert [b.kind for b in listed] == [BEFORE_RESTORE, BEFORE_UPGRADE, MANUAL]
    assert [b.taken_at.day for b in listed] == [3, 2, 1]
    assert all(b.size == b.path.stat().st_size > 0 for b in listed)


def test_a_catalogue_without_backups_lists_none(db_path):
    assert list_backups(db_path) == []


# --- restore ------------------------------------------------------------------------------


def test_restore_replaces_the_content_and_keeps_the_replaced_file_aside(
    catalogue, db_path, add_person, people_in
):
    add_person(catalogue, "Dupont")
    saved = backup(catalogue)
    add_person(catalogue, "Martin")
    catalogue.close()
    current = people_in(db_path)

    aside = restore_backup(db_path, saved)

    assert people_in(db_path) == ["Dupont"]
    assert aside is not None and aside.name.startswith("catalogue.before-restore-")
    assert aside.suffix == ".sqlite"
    assert people_in(aside) == current == ["Dupont", "Martin"]
    assert BEFORE_RESTORE in {b.kind for b in list_backups(db_path)}
    assert not list(db_path.parent.glob(".catalogue.sqlite.restoring"))


def test_restore_drops_the_old_write_ahead_log(catalogue, db_path, add_person, people_in):
    add_person(catalogue, "Dupont")
    saved = backup(catalogue)
    # A crash leaves the last changes in the -wal file beside the catalogue.
    writer = sqlite3.connect(db_path)
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("UPDATE people SET family_name = 'Changed'")
    writer.commit()
    wal = db_path.with_name(db_path.name + "-wal")
    assert wal.exists() and wal.stat().st_size
    catalogue.engine.dispose()

    aside = restore_backup(db_path, saved)
    writer.close()  # too late to matter: the file it wrote to is gone

    assert people_in(db_path) == ["Dupont"]
    assert people_in(aside) == ["Changed"]  # the aside copy has the logged changes


def test_a_damaged_catalogue_is_kept_aside_byte_for_byte(catalogue, db_path, add_person, people_in):
    add_person(catalogue, "Dupont")
    saved = backup(catalogue)
    catalogue.close()
    db_path.write_bytes(b"not a database at all")

    aside = restore_backup(db_path, saved)

    assert aside.read_bytes() == b"not a database at all"
    assert people_in(db_path) == ["Dupont"]


def test_restoring_something_that_is_not_a_catalogue_changes_nothing(
    catalogue, db_path, tmp_path, add_person
):
    add_person(catalogue, "Dupont")
    catalogue.close()
    before = digest(db_path)
    bogus = tmp_path / "bogus.sqlite"
    bogus.write_text("shopping list", encoding="utf-8")
    with pytest.raises(UserError, match="is not a Visit Planner catalogue"):
        restore_backup(db_path, bogus)
    assert digest(db_path) == before
    assert not list(db_path.parent.glob("*before-restore*"))


def test_the_auto_backup_name_follows_the_catalogue(tmp_path):
    path = tmp_path / "Réseau 2027.db"
    assert auto_backup_path(path, MONDAY).name == "Réseau 2027-auto-20270315.db"
    assert auto_backup_path(path, MONDAY).parent == tmp_path / "backups"
