"""Everything SQLite-specific lives here, and only here.

The rest of the code speaks SQLAlchemy so that a team can move its catalogue to
PostgreSQL; the pragmas, the file checks and the online backup below are the
parts that only make sense for the embedded file.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
# The time in a backup's name (UTC): services.backup reads it back when listing copies.
STAMP_FORMAT = "%Y%m%d-%H%M%S"


def stamp() -> str:
    """Now, as written in a backup's name."""
    return datetime.now(UTC).strftime(STAMP_FORMAT)


def copy_beside(path: Path, kind: str) -> Path:
    """``<stem>.<kind>-<stamp><suffix>`` beside ``path``: a copy kept before changing it."""
    return path.with_name(f"{path.stem}.{kind}-{stamp()}{path.suffix}")


def install_pragmas(engine: Engine, *, read_only: bool = False) -> None:
    """Foreign keys on, WAL journal, and a busy timeout on every connection.

    A read-only connection changes nothing in the file: no switch to WAL, no
    ``synchronous`` setting, and ``query_only`` so that even a stray write is refused
    by SQLite itself.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # Let SQLAlchemy own transactions (pysqlite's implicit BEGIN is off) so
        # that DDL inside migrations is transactional too.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if read_only:
            cursor.execute("PRAGMA query_only=ON")
            cursor.close()
            return
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


def uses_wal(path: Path) -> bool:
    """True when the file is already in WAL mode (header bytes 18-19 are 2)."""
    with path.open("rb") as fh:
        header = fh.read(20)
    return len(header) == 20 and header[18] == 2 and header[19] == 2


def wal_in_use(path: Path) -> bool:
    """True while some connection has the catalogue open in WAL mode (its ``-wal`` exists)."""
    return path.with_name(path.name + "-wal").exists()


def read_only_uri(path: Path) -> str:
    """The URI that opens ``path`` without writing a byte in it or beside it.

    ``mode=ro`` alone would still create ``-wal`` and ``-shm`` files beside a WAL-mode
    catalogue (and leave them, since a read-only connection cannot remove them). When
    no other connection has the file open, ``immutable`` avoids that; when one has
    (another Visit Planner is using it), its ``-wal`` and ``-shm`` already exist and
    the normal locking protocol is needed to read consistent data while it writes.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    if uses_wal(path) and not wal_in_use(path):
        uri += "&immutable=1"
    return uri


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A DB-API connection for a read-only engine (see :func:`read_only_uri`)."""
    return sqlite3.connect(
        read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
    )


def remove_journal_files(path: Path) -> None:
    """Deletes ``-wal``, ``-shm`` and ``-journal`` files left beside ``path``.

    After a file is replaced (restored), an old write-ahead log beside it belongs to
    the previous content: SQLite would replay it into the new file and corrupt it.
    """
    for suffix in ("-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def read_revision(path: Path) -> tuple[str | None, bool]:
    """The schema revision of an existing file, read without changing a byte of it.

    Opening through the engine would switch a rollback-journal file to WAL mode;
    a foreign database, or one from a newer version, must be refused untouched
    (not even a ``-shm`` file beside it), hence ``immutable``. Only call this for
    files not yet in WAL mode: ``immutable`` takes no locks, so a file that a
    live catalogue is checkpointing could be read half-written. The engine reads
    the revision again afterwards, under proper locking, before any write.
    Returns ``(revision, has_tables)``.
    """
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error as exc:
        raise OSError(str(exc)) from exc
    try:
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if "alembic_version" not in tables:
            return None, bool(tables)
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return (row[0] if row else None), True
    except sqlite3.Error as exc:
        raise OSError(str(exc)) from exc
    finally:
        conn.close()


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
        src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
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
