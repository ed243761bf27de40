"""The same tests on SQLite and on PostgreSQL: the catalogue fixtures of services, store, cli.

A directory's ``conftest.py`` imports these fixtures; every test there that asks for
``catalogue`` or ``db`` then runs twice, ``[sqlite]`` and ``[postgresql]`` (see
``pytest_generate_tests`` in ``tests/conftest.py``). PostgreSQL is started once per
session (tests/postgres.py); each test gets its own database, a copy of a template
migrated once (``CREATE DATABASE ... TEMPLATE``), so a test costs a file copy, not a
migration. A test that is about the SQLite file itself (WAL, locks, the backup API,
file modes, its bytes) says so with ``@pytest.mark.sqlite_only(reason=...)``.

``VISITPLANNER_TEST_BACKENDS=sqlite`` (or ``postgresql``) runs one half only.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from visitplanner.store.database import Catalogue, open_catalogue

BACKENDS = ("sqlite", "postgresql")
ENV_VAR = "VISITPLANNER_TEST_BACKENDS"


def wanted_backends(sqlite_only: bool) -> list[str]:
    """The backends a test runs on: both, but those the environment variable leaves out."""
    chosen = [b.strip() for b in os.environ.get(ENV_VAR, ",".join(BACKENDS)).split(",")]
    found = [b for b in BACKENDS if b in chosen and not (sqlite_only and b != "sqlite")]
    return found or ["sqlite"]


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """``sqlite`` or ``postgresql``: which engine this run of the test is on."""
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def postgres_catalogue_template(postgres_server: str) -> str:
    """The URL of an empty catalogue migrated to the newest revision, copied by each test."""
    import postgres

    return postgres.migrated_template(postgres_server)


@pytest.fixture(scope="session")
def postgres_copies(postgres_server: str, postgres_catalogue_template: str):
    """Copies of the template, made ahead while the tests run (tests/postgres.py)."""
    import postgres

    copies = postgres.Copies(postgres_server, postgres_catalogue_template)
    yield copies
    copies.close()


@pytest.fixture
def db(backend: str, db_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """What ``--db`` is given: this test's file on SQLite, its own database's URL on PostgreSQL.

    The SQLite file does not exist yet (the first opening creates it); the PostgreSQL
    database is already migrated (a new server database is never a file to create).
    """
    if backend == "sqlite":
        yield str(db_path)
        return
    copies = request.getfixturevalue("postgres_copies")
    url = copies.take()
    yield url
    copies.give_back(url)  # dropped WITH (FORCE): a connection a test left open is cut


@pytest.fixture
def catalogue(db: str) -> Iterator[Catalogue]:
    cat = open_catalogue(db)
    yield cat
    cat.close()


def server_rows(url: str) -> dict[str, list[tuple]]:
    """Every row of every table of a server's catalogue: what "nothing changed" compares."""
    from sqlalchemy import MetaData, create_engine

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            tables = MetaData()
            tables.reflect(conn)
            return {
                name: sorted((tuple(r) for r in conn.execute(t.select())), key=repr)
                for name, t in tables.tables.items()
            }
    finally:
        engine.dispose()
