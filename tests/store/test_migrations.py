"""Migrations: they build the models' schema, and the app refuses what it cannot migrate."""

import sqlite3
from contextlib import closing

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import URL

from visitplanner.domain.errors import CatalogueError
from visitplanner.services.directory import records as cat
from visitplanner.store import database, migrate
from visitplanner.store import revision_ids as schema
from visitplanner.store.database import make_engine, open_catalogue
from visitplanner.store.models import Base


def revision_of(path):
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def test_an_empty_database_is_upgraded_to_head(db_path):
    engine = make_engine(URL.create("sqlite+pysqlite", database=str(db_path)))
    try:
        migrate.upgrade(engine)
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
    finally:
        engine.dispose()
    assert tables == set(Base.metadata.tables) | {"alembic_version"}
    assert revision_of(db_path) == schema.HEAD_REVISION


def test_the_models_and_the_migrations_agree(catalogue):
    with catalogue.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "render_as_batch": True}
        )
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_the_known_revisions_match_the_migration_scripts():
    assert migrate.script_heads() == (schema.HEAD_REVISION,)
    assert migrate.script_revisions() == schema.KNOWN_REVISIONS


@pytest.mark.sqlite_only(reason="reads and compares the catalogue file")
def test_a_new_catalogue_is_at_head_and_gets_no_backup(catalogue, db_path):
    assert revision_of(db_path) == schema.HEAD_REVISION
    assert catalogue.backup_path is None
    catalogue.close()
    again = open_catalogue(str(db_path))
    try:
        assert again.backup_path is None
    finally:
        again.close()
    assert list(db_path.parent.glob("*before-upgrade*")) == []


@pytest.mark.sqlite_only(reason="reads and compares the catalogue file")
def test_a_catalogue_from_a_newer_version_is_refused_untouched(catalogue, db_path):
    cat.create_person(catalogue, cat.PersonInput(family_name="Dupont"))
    catalogue.close()
    with closing(sqlite3.connect(db_path)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    before = db_path.read_bytes()
    files = sorted(p.name for p in db_path.parent.iterdir())

    with pytest.raises(CatalogueError) as info:
        open_catalogue(str(db_path))

    assert "newer version" in str(info.value)
    assert str(db_path) in str(info.value)
    assert db_path.read_bytes() == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == files
    assert revision_of(db_path) == "9999"


def pretend_newer_application(monkeypatch):
    """This version pretends its head is one step beyond the scripts' head.

    A catalogue written at the scripts' head then looks older to open_catalogue:
    the only way to see the backup-before-migration while a single revision
    exists. The upgrade itself is a no-op (the file is already at the scripts'
    head). Returns the catalogue's real revision.
    """
    monkeypatch.setattr(database, "KNOWN_REVISIONS", (*schema.KNOWN_REVISIONS, "next"))
    monkeypatch.setattr(database, "HEAD_REVISION", "next")
    return schema.HEAD_REVISION


@pytest.mark.sqlite_only(reason="the copy made beside the file before upgrading")
def test_an_older_catalogue_is_copied_before_it_is_migrated(catalogue, db_path, monkeypatch):
    person_id = cat.create_person(
        catalogue, cat.PersonInput(family_name="Dupont", given_name="Hélène")
    ).created_id("person")
    catalogue.close()
    old_revision = pretend_newer_application(monkeypatch)

    upgraded = open_catalogue(str(db_path))
    upgraded.close()

    copy = upgraded.backup_path
    assert copy is not None and copy.exists()
    assert copy.parent == db_path.parent
    assert copy.name.startswith(f"{db_path.stem}.before-upgrade-{old_revision}-")
    assert copy.suffix == db_path.suffix
    monkeypatch.undo()
    restored = open_catalogue(str(copy))
    try:
        assert cat.get_person(restored, person_id).name == "Hélène Dupont"
    finally:
        restored.close()


@pytest.mark.sqlite_only(reason="reads and compares the catalogue file")
def test_an_older_catalogue_is_not_migrated_when_migration_is_not_allowed(
    catalogue, db_path, monkeypatch
):
    catalogue.close()
    pretend_newer_application(monkeypatch)
    before = db_path.read_bytes()
    with pytest.raises(CatalogueError, match=r"needs an upgrade"):
        open_catalogue(str(db_path), migrate=False)
    assert db_path.read_bytes() == before
    assert list(db_path.parent.glob("*before-upgrade*")) == []
