"""Everything SQLite-specific lives here, and only here.

The rest of the code speaks SQLAlchemy so that a team can move its catalogue to
PostgreSQL; the pragmas, the file checks and the online backup below are the
parts that only make sense for the embedded file.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


def install_pragmas(engine: Engine) -> None:
    """Foreign keys on, WAL journal, and a busy timeout on every connection."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # Let SQLAlchemy own transactions (pysqlite's implicit BEGIN is off) so
        # that DDL inside migrations is transactional too.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
        if mode != "wal" and not _is_memory(dbapi_connection):
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")


def _is_memory(connection: sqlite3.Connection) -> bool:
    row = connection.execute("PRAGMA database_list").fetchone()
    return not row or not row[2]


def looks_like_sqlite(path: Path) -> bool:
    """True for a SQLite database file; an empty file counts as a new catalogue."""
    with path.open("rb") as fh:
        head = fh.read(len(SQLITE_HEADER))
    return head == SQLITE_HEADER or head == b""


def online_backup(source: Path, target: Path) -> None:
    """Copies a live catalogue consistently, even while the app has it open.

    Uses SQLite's online backup API, which copies pages under a read lock and
    restarts if a writer changes them, so the copy is always a valid database.
    The copy is written under a temporary name and renamed when complete.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    tmp.unlink(missing_ok=True)
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        tmp.unlink(missing_ok=True)
        raise OSError(str(exc)) from exc
    tmp.replace(target)
