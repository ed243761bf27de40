"""Backups: a complete, valid copy, even while someone else is writing."""

import sqlite3
from contextlib import closing

import pytest

from visitplanner.domain.errors import UserError
from visitplanner.services.directory import records as cat
from visitplanner.services.recovery.backups import backup
from visitplanner.store.database import open_catalogue

pytestmark = pytest.mark.sqlite_only(reason="a backup is a copy of the SQLite file")


def integrity(path):
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def test_a_backup_is_a_complete_catalogue(catalogue, tmp_path, add_person, people_in):
    add_person(catalogue, "Dupont")
    add_person(catalogue, "Martin")
    target = backup(catalogue, tmp_path / "copies" / "saved.sqlite")
    assert target == tmp_path / "copies" / "saved.sqlite"
    assert integrity(target) == "ok"
    assert people_in(target) == ["Dupont", "Martin"]
    assert [p.name for p in target.parent.iterdir()] == ["saved.sqlite"]


def test_a_backup_is_a_single_self_contained_file(catalogue, tmp_path, add_person):
    add_person(catalogue, "Dupont")
    target = backup(catalogue, tmp_path / "saved.sqlite")
    with closing(sqlite3.connect(target)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_by_default_the_backup_goes_next_to_the_catalogue(
    catalogue, db_path, add_person, people_in
):
    add_person(catalogue, "Dupont")
    target = backup(catalogue)
    assert target.parent == db_path.parent / "backups"
    assert target.name.startswith("catalogue-") and target.suffix == ".sqlite"
    assert people_in(target) == ["Dupont"]


def test_a_backup_replaces_an_older_one_with_the_same_name(
    catalogue, tmp_path, add_person, people_in
):
    target = tmp_path / "saved.sqlite"
    add_person(catalogue, "Dupont")
    backup(catalogue, target)
    add_person(catalogue, "Martin")
    backup(catalogue, target)
    assert people_in(target) == ["Dupont", "Martin"]


def test_a_backup_while_another_connection_is_writing_has_the_committed_data(
    catalogue, db_path, tmp_path, add_person, people_in
):
    add_person(catalogue, "Committed")
    writer = sqlite3.connect(db_path, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute(
            "INSERT INTO people (family_name, preferred_language,"
            " search_key, sort_key, created_at, updated_at)"
            " VALUES ('Uncommitted', 'fr', '', 'zz', '2027-01-01', '2027-01-01')"
        )
        target = backup(catalogue, tmp_path / "during-write.sqlite")
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert integrity(target) == "ok"
    assert people_in(target) == ["Committed"]


def test_the_backup_cannot_overwrite_the_catalogue_itself(
    catalogue, db_path, monkeypatch, add_person
):
    add_person(catalogue, "Dupont")
    before = db_path.read_bytes()
    with pytest.raises(UserError, match=r"cannot overwrite the catalogue itself"):
        backup(catalogue, db_path)
    monkeypatch.chdir(db_path.parent)
    with pytest.raises(UserError, match=r"cannot overwrite the catalogue itself"):
        backup(catalogue, db_path.name)
    assert db_path.read_bytes() == before
    assert [p.family_name for p in cat.list_people(catalogue)] == ["Dupont"]


def test_a_folder_is_not_a_backup_file(catalogue, tmp_path):
    folder = tmp_path / "backups-folder"
    folder.mkdir()
    with pytest.raises(UserError, match=r"is a folder; give a file name"):
        backup(catalogue, folder)
    assert list(folder.iterdir()) == []


def test_an_unwritable_target_is_refused_naming_it(catalogue, tmp_path):
    blocker = tmp_path / "plain-file"
    blocker.write_text("x")
    target = blocker / "saved.sqlite"
    with pytest.raises(UserError) as info:
        backup(catalogue, target)
    assert str(info.value).startswith(f"Cannot write the backup {target}")
    assert blocker.read_text() == "x"


def test_a_catalogue_in_a_folder_with_unusual_characters_is_backed_up(
    tmp_path, add_person, people_in
):
    """'#' and '%' mean something in a URI; in a folder name they must not."""
    folder = tmp_path / "Réseau #2 à 50%"
    source = open_catalogue(str(folder / "catalogue.sqlite"))
    try:
        add_person(source, "Dupont")
        target = backup(source, tmp_path / "saved.sqlite")
    finally:
        source.close()
    assert people_in(target) == ["Dupont"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "home") == [
        "Réseau #2 à 50%",
        "saved.sqlite",
    ]


def test_an_in_memory_catalogue_cannot_be_backed_up_here():
    catalogue = open_catalogue("sqlite://")
    try:
        with pytest.raises(UserError, match=r"Only a catalogue file can be backed up"):
            backup(catalogue)
    finally:
        catalogue.close()
