"""Opening a catalogue: where it is, what is accepted as one, how its connections behave."""

import sqlite3
import threading
import time
from contextlib import closing
from pathlib import Path

import pytest

from visitplanner.domain.errors import CatalogueError
from visitplanner.services.directory import records as cat
from visitplanner.store.database import open_catalogue
from visitplanner.store.revision_ids import HEAD_REVISION


@pytest.fixture
def opened():
    """Opens catalogues and closes them all at the end of the test."""
    catalogues = []

    def _open(db=None):
        catalogue = open_catalogue(db)
        catalogues.append(catalogue)
        return catalogue

    yield _open
    for catalogue in catalogues:
        catalogue.close()


def people_names(catalogue):
    return [p.name for p in cat.list_people(catalogue)]


# --- connections ------------------------------------------------------------------------------


def pragmas(conn):
    return {
        name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
        for name in ("journal_mode", "foreign_keys", "busy_timeout")
    }


@pytest.mark.sqlite_only(reason="SQLite's pragmas and WAL")
def test_every_connection_has_wal_foreign_keys_and_a_busy_timeout(catalogue):
    expected = {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 5000}
    with catalogue.engine.connect() as first, catalogue.engine.connect() as second:
        assert pragmas(first) == expected
        assert pragmas(second) == expected
    catalogue.engine.dispose()  # brand-new connections get them too
    with catalogue.engine.connect() as third:
        assert pragmas(third) == expected


@pytest.mark.sqlite_only(reason="SQLite's pragmas and WAL")
def test_the_file_itself_is_in_wal_mode(catalogue, db_path):
    with closing(sqlite3.connect(db_path)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_session_is_committed_on_success_and_rolled_back_on_error(catalogue):
    from visitplanner.store.models import Person

    with catalogue.session() as session:
        session.add(Person(family_name="Kept"))
    with pytest.raises(RuntimeError), catalogue.session() as session:
        session.add(Person(family_name="Dropped"))
        session.flush()
        raise RuntimeError("boom")
    assert people_names(catalogue) == ["Kept"]


@pytest.mark.sqlite_only(reason="a second sqlite3 connection writes the file")
def test_a_catalogue_can_be_opened_while_another_connection_writes(catalogue, db_path):
    """The window saving while a nightly ``visitplanner backup`` opens the same file.

    The writer's commits are checkpointed into the file (as SQLite does on its
    own every thousand pages, or when the last connection closes) while the
    catalogue is opened again and again; every opening must succeed.
    """
    stop = threading.Event()

    def write():
        writer = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
        number = 0
        while not stop.is_set():
            writer.execute("BEGIN IMMEDIATE")
            for _ in range(100):
                number += 1
                writer.execute(
                    "INSERT INTO people (family_name, preferred_language,"
                    " search_key, sort_key, created_at, updated_at)"
                    " VALUES (?, 'fr', ?, '', '2027-01-01', '2027-01-01')",
                    (f"Person {number}", "x" * 500),
                )
            writer.execute("COMMIT")
            writer.execute("PRAGMA wal_checkpoint(PASSIVE)")
        writer.close()

    thread = threading.Thread(target=write)
    thread.start()
    failures = []
    try:
        deadline = time.monotonic() + 2.5
        while time.monotonic() < deadline and not failures:
            try:
                open_catalogue(str(db_path)).close()
            except CatalogueError as exc:
                failures.append(str(exc))
    finally:
        stop.set()
        thread.join()
    assert failures == []


# --- where the catalogue is -------------------------------------------------------------------


def test_the_environment_variable_names_the_catalogue_when_no_db_is_given(
    tmp_path, monkeypatch, opened
):
    target = tmp_path / "from-env" / "shared.sqlite"
    monkeypatch.setenv("VISITPLANNER_DB", str(target))
    catalogue = opened()
    assert catalogue.path == target
    assert target.exists()


def test_an_explicit_db_wins_over_the_environment_variable(tmp_path, monkeypatch, opened):
    monkeypatch.setenv("VISITPLANNER_DB", str(tmp_path / "env.sqlite"))
    catalogue = opened(str(tmp_path / "explicit.sqlite"))
    assert catalogue.path == tmp_path / "explicit.sqlite"
    assert not (tmp_path / "env.sqlite").exists()


def test_without_db_nor_variable_the_catalogue_is_in_the_user_data_folder(tmp_path, opened):
    catalogue = opened()
    expected = tmp_path / "home" / "data" / "visitplanner" / "catalogue.sqlite"
    assert catalogue.path == expected
    assert expected.exists()


def test_an_sqlalchemy_url_is_accepted(tmp_path, opened):
    target = tmp_path / "by-url.sqlite"
    catalogue = opened(f"sqlite:///{target}")
    assert catalogue.path == target
    assert catalogue.label == str(target)


def test_a_relative_path_is_resolved(tmp_path, monkeypatch, opened):
    monkeypatch.chdir(tmp_path)
    catalogue = opened("relative.sqlite")
    assert catalogue.path == tmp_path / "relative.sqlite"


# --- what counts as a catalogue ---------------------------------------------------------------


def test_a_path_that_does_not_exist_becomes_a_new_catalogue(tmp_path, opened):
    target = tmp_path / "new" / "folders" / "catalogue.sqlite"
    catalogue = opened(str(target))
    assert target.exists()
    assert people_names(catalogue) == []
    with closing(sqlite3.connect(target)) as conn:
        version = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    assert version == HEAD_REVISION


def test_a_new_catalogue_gets_an_identity_that_is_kept(db_path, opened):
    first = opened(str(db_path)).info("catalogue_id")
    second = opened(str(db_path)).info("catalogue_id")
    assert first and len(first) == 36
    assert first == second


def test_data_survives_reopening(db_path, opened):
    cat.create_person(opened(str(db_path)), cat.PersonInput(family_name="Dupont"))
    assert people_names(opened(str(db_path))) == ["Dupont"]


def test_an_empty_file_is_accepted_as_a_new_catalogue(db_path, opened):
    db_path.write_bytes(b"")
    catalogue = opened(str(db_path))
    cat.create_person(catalogue, cat.PersonInput(family_name="Dupont"))
    assert people_names(catalogue) == ["Dupont"]


def test_a_text_file_is_refused_and_left_untouched(tmp_path):
    folder = tmp_path / "documents"
    folder.mkdir()
    notes = folder / "notes.txt"
    notes.write_text("Liste des visites 2027\n", encoding="utf-8")
    before = notes.read_bytes()
    with pytest.raises(CatalogueError) as info:
        open_catalogue(str(notes))
    assert str(info.value) == f"{notes} is not a Visit Planner catalogue."
    assert notes.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]


def _foreign_database(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount INTEGER)")
        conn.execute("INSERT INTO invoices (amount) VALUES (120)")


def test_another_applications_sqlite_database_is_refused(tmp_path):
    other = tmp_path / "accounts.sqlite"
    _foreign_database(other)
    with pytest.raises(CatalogueError) as info:
        open_catalogue(str(other))
    assert str(info.value) == f"{other} is not a Visit Planner catalogue."
    with closing(sqlite3.connect(other)) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    assert tables == ["invoices"]


def test_another_applications_sqlite_database_is_left_byte_for_byte_untouched(tmp_path):
    other = tmp_path / "accounting" / "accounts.sqlite"
    _foreign_database(other)
    before = other.read_bytes()
    with pytest.raises(CatalogueError):
        open_catalogue(str(other))
    assert other.read_bytes() == before
    assert sorted(p.name for p in other.parent.iterdir()) == ["accounts.sqlite"]


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(CatalogueError, match=r"is a folder, not a catalogue file"):
        open_catalogue(str(tmp_path))


def test_a_path_that_cannot_be_created_is_refused_naming_it(tmp_path):
    blocker = tmp_path / "plain-file"
    blocker.write_text("x")
    target = blocker / "catalogue.sqlite"
    with pytest.raises(CatalogueError) as info:
        open_catalogue(str(target))
    message = str(info.value)
    assert message.startswith(f"Cannot create the catalogue {target}")
    assert message.endswith(".")
    assert blocker.read_text() == "x"


def test_a_url_that_cannot_be_opened_is_refused(tmp_path):
    with pytest.raises(CatalogueError, match=r"Cannot open the catalogue"):
        open_catalogue("nosuchdriver://user:secret@localhost/visits")


def test_the_password_of_a_url_is_not_shown(tmp_path):
    with pytest.raises(CatalogueError) as info:
        open_catalogue("nosuchdriver://user:secret@localhost/visits")
    assert "secret" not in str(info.value)
