"""Running the command line in-process, as a shell would see it (exit status, stdout, stderr)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest

from backends import (
    backend,
    catalogue,
    db,
    postgres_catalogue_template,
    postgres_copies,
    server_rows,
)
from visitplanner.cli.main import main

# The catalogue fixtures, on SQLite and on PostgreSQL (tests/backends.py).
__all__ = ["backend", "catalogue", "db", "postgres_catalogue_template", "postgres_copies"]


@dataclass
class Outcome:
    code: int
    out: str
    err: str


@pytest.fixture
def vp(capsys):
    """``visitplanner ARGS``; usage errors (SystemExit) give their exit status like a shell."""

    def _run(*args: object) -> Outcome:
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:
            code = exc.code
        out, err = capsys.readouterr()
        return Outcome(code, out, err)

    return _run


@pytest.fixture
def vpdb(vp, db: str):
    """``visitplanner --db DB ARGS`` on this test's catalogue (a file, or a PostgreSQL URL)."""
    return lambda *args: vp("--db", db, *args)


@pytest.fixture
def run(vpdb):
    """``(code, out, err)`` of ``visitplanner --db DB ARGS``."""

    def _run(*args: object) -> tuple[int, str, str]:
        outcome = vpdb(*args)
        return outcome.code, outcome.out, outcome.err

    return _run


def _table_rows(path: Path | str) -> dict[str, list[tuple]]:
    """Every row of every table: what "nothing changed" is compared on."""
    if "://" in str(path):
        return server_rows(str(path))
    with closing(sqlite3.connect(path)) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {
            t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables
        }


def _refused(result: Outcome, *fragments: str) -> None:
    """Exit 1, nothing on stdout, one sentence on stderr holding every fragment."""
    assert result.code == 1, result
    assert result.out == ""
    assert result.err.count("\n") == 1, result.err
    assert "Traceback" not in result.err
    for fragment in fragments:
        assert fragment in result.err, (fragment, result.err)


@pytest.fixture
def table_rows():
    return _table_rows


@pytest.fixture
def refused():
    return _refused
