"""Opening read-only, and why a catalogue could not be opened (what start-up acts on)."""

from __future__ import annotations

import errno
import hashlib
import sqlite3
import stat
from contextlib import closing

import pytest
from sqlalchemy.exc import OperationalError

from visitplanner.domain.errors import CatalogueError, ReadOnlyCatalogueError
from visitplanner.services.directory import records as cat
from visitplanner.store import database
from visitplanner.store import revision_ids as schema
from visitplanner.store import sqlite as sqlite_store
from visitplanner.store.database import open_catalogue


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files_in(folder):
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def filled(catalogue, db_path, backend, db):
    """A closed catalogue with one person in it: its file, or its PostgreSQL URL."""
    cat.create_person(catalogue, cat.PersonInput(given_name="Hélène", family_name="Dupont"))
    catalogue.close()
    return db_path if backend == "sqlite" else db


def reason_of_opening(db, **kwargs):
    with pytest.raises(CatalogueError) as info:
        open_catalogue(db, **kwargs)
    return info.value.reason, info.value.message


# --- read-only ----------------------------------------------------------------------------


@pytest.mark.sqlite_only(reason="the catalogue file's bytes, mode and folder")
def test_read_only_shows_the_content_and_writes_nothing_in_the_file_or_folder(filled):
    before, listing = digest(filled), files_in(filled.parent)

    viewer = open_catalogue(str(filled), read_only=True)
    try:
        assert viewer.read_only
        assert [p.name for p in cat.list_people(viewer)] == ["Hélène Dupont"]
        with pytest.raises(ReadOnlyCatalogueError) as info:
            cat.create_person(viewer, cat.PersonInput(family_name="Martin"))
        assert info.value.message.startswith("This catalogue is open read-only")
        assert [p.name for p in cat.list_people(viewer)] == ["Hélène Dupont"]
    finally:
        viewer.close()

    assert digest(filled) == before
    assert files_in(filled.parent) == listing


@pytest.mark.sqlite_only(reason="SQLite's own query_only")
def test_read_only_connections_refuse_writes_in_sqlite_itself(filled):
    viewer = open_catalogue(str(filled), read_only=True)
    try:
        with viewer.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA query_only").scalar() == 1
            with pytest.raises(OperationalError, match="readonly"):
                conn.exec_driver_sql("DELETE FROM people")
        # A bulk statement inside a session gets the same readable refusal.
        from sqlalchemy import delete

        from visitplanner.store.models import Person

        with pytest.raises(ReadOnlyCatalogueError), viewer.session() as session:
            session.execute(delete(Person))
    finally:
        viewer.close()


def test_read_only_beside_a_running_writer_sees_its_commits(filled):
    writer = open_catalogue(str(filled))
    try:
        cat.create_person(writer, cat.PersonInput(family_name="Martin"))
        viewer = open_catalogue(str(filled), read_only=True)
        try:
            assert "Martin" in [p.family_name for p in cat.list_people(viewer)]
            cat.create_person(writer, cat.PersonInput(family_name="Zola"))
            assert "Zola" in [p.family_name for p in cat.list_people(viewer)]
        finally:
            viewer.close()
    finally:
        writer.close()


def test_a_change_on_a_read_only_catalogue_is_refused_in_words(filled):
    """On PostgreSQL too: a read-only transaction's refusal used to come out raw."""
    from visitplanner.services.events import participants, planning

    writer = open_catalogue(str(filled))
    try:
        form = planning.EventInput(
            kind="visit", title="Visite", start="2027-06-10T09:30", end="2027-06-10T17:00"
        )
        event_id = planning.create_event(writer, form).created_id("event")
        person_id = cat.list_people(writer)[0].id
    finally:
        writer.close()
    viewer = open_catalogue(str(filled), read_only=True)
    try:
        with pytest.raises(ReadOnlyCatalogueError):
            cat.create_person(viewer, cat.PersonInput(family_name="Martin"))
        with pytest.raises(ReadOnlyCatalogueError):
            participants.add_participants(viewer, event_id, [person_id], status="accepted")
        assert planning.get_event(viewer, event_id).participants == ()
    finally:
        viewer.close()


def test_read_only_never_creates_a_missing_catalogue(tmp_path):
    missing = tmp_path / "nowhere" / "catalogue.sqlite"
    _reason, message = reason_of_opening(str(missing), read_only=True)
    assert message == f"{missing} does not exist."
    assert not missing.parent.exists()


@pytest.mark.sqlite_only(reason="the catalogue file's bytes, mode and folder")
def test_read_only_refuses_a_catalogue_that_needs_an_upgrade(filled, monkeypatch):
    before = digest(filled)
    monkeypatch.setattr(database, "KNOWN_REVISIONS", (*schema.KNOWN_REVISIONS, "next"))
    monkeypatch.setattr(database, "HEAD_REVISION", "next")
    _reason, message = reason_of_opening(str(filled), read_only=True)
    assert "read-only cannot be upgraded" in message
    assert digest(filled) == before
    assert not list(filled.parent.glob("*before-upgrade*"))


# --- reasons ------------------------------------------------------------------------------


def test_a_text_file_is_not_a_catalogue(tmp_path):
    notes = tmp_path / "notes.sqlite"
    notes.write_text("shopping list", encoding="utf-8")
    assert reason_of_opening(str(notes)) == (
        CatalogueError.NOT_CATALOGUE,
        f"{notes} is not a Visit Planner catalogue.",
    )


def test_random_bytes_are_not_a_catalogue(tmp_path):
    noise = tmp_path / "noise.db"
    noise.write_bytes(bytes(range(256)) * 16)
    assert reason_of_opening(str(noise))[0] == CatalogueError.NOT_CATALOGUE


def test_a_foreign_sqlite_database_is_not_a_catalogue(tmp_path):
    other = tmp_path / "accounts.sqlite"
    with closing(sqlite3.connect(other)) as conn, conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    assert reason_of_opening(str(other))[0] == CatalogueError.NOT_CATALOGUE
    assert reason_of_opening(str(other), read_only=True)[0] == CatalogueError.NOT_CATALOGUE


@pytest.mark.sqlite_only(reason="the catalogue file's bytes, mode and folder")
def test_a_newer_catalogue_says_so(filled):
    with closing(sqlite3.connect(filled)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    reason, message = reason_of_opening(str(filled))
    assert reason == CatalogueError.NEWER
    assert "newer version" in message


@pytest.mark.sqlite_only(reason="the catalogue file's bytes, mode and folder")
def test_a_file_marked_read_only_is_refused_as_read_only_untouched(filled):
    before = digest(filled)
    filled.chmod(stat.S_IRUSR | stat.S_IRGRP)
    try:
        reason, message = reason_of_opening(str(filled))
        assert reason == CatalogueError.READ_ONLY
        assert message == f"{filled} cannot be changed: the file or its folder is read-only."
        viewer = open_catalogue(str(filled), read_only=True)
        viewer.close()
    finally:
        filled.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert digest(filled) == before


@pytest.mark.sqlite_only(reason="the catalogue file's bytes, mode and folder")
def test_a_read_only_folder_is_refused_as_read_only(filled):
    folder = filled.parent
    listing = files_in(folder)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        assert reason_of_opening(str(filled))[0] == CatalogueError.READ_ONLY
        viewer = open_catalogue(str(filled), read_only=True)
        try:
            assert len(cat.list_people(viewer)) == 1
        finally:
            viewer.close()
        new = folder / "new.sqlite"
        assert reason_of_opening(str(new))[0] == CatalogueError.READ_ONLY
    finally:
        folder.chmod(stat.S_IRWXU)
    assert files_in(folder) == listing


@pytest.mark.sqlite_only(reason="the catalogue file's bytes, mode and folder")
def test_no_space_for_the_copy_before_an_upgrade_is_a_full_disk(filled, monkeypatch):
    before = digest(filled)
    monkeypatch.setattr(database, "KNOWN_REVISIONS", (*schema.KNOWN_REVISIONS, "next"))
    monkeypatch.setattr(database, "HEAD_REVISION", "next")

    def no_space(source, target):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(sqlite_store, "online_backup", no_space)
    reason, message = reason_of_opening(str(filled))
    assert reason == CatalogueError.DISK_FULL
    assert "No space left on device" in message
    assert digest(filled) == before


def test_sqlite_saying_the_disk_is_full_is_a_full_disk(db_path, monkeypatch):
    def full(catalogue):
        raise OperationalError("INSERT", {}, sqlite3.OperationalError("database or disk is full"))

    monkeypatch.setattr(database, "_ensure_identity", full)
    reason, message = reason_of_opening(str(db_path))
    assert reason == CatalogueError.DISK_FULL
    assert "database or disk is full" in message


def test_creating_a_folder_on_a_full_disk_is_a_full_disk(tmp_path, monkeypatch):
    from pathlib import Path

    def no_space(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "mkdir", no_space)
    reason, _message = reason_of_opening(str(tmp_path / "new" / "catalogue.sqlite"))
    assert reason == CatalogueError.DISK_FULL


def test_other_failures_keep_a_plain_reason(tmp_path):
    assert reason_of_opening(str(tmp_path))[0] == CatalogueError.OTHER  # a folder
