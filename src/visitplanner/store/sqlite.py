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
from sqlalchemy.orm import Session

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


def lock_for_writing(session: Session) -> None:
    """On SQLite, makes this transaction the one writer now, before it reads what it counts.

    PostgreSQL locks the rows asked ``FOR UPDATE``; SQLite has no row locks and lets one
    writer at a time. A transaction that has read and then writes cannot wait for that
    writer: when another process wrote meanwhile, SQLite refuses at once with "database is
    locked", whatever the busy timeout (its snapshot is stale). Asked as the transaction's
    first statement, the write lock is waited for like any busy moment (busy_timeout), and
    what the transaction reads next is the latest committed state. An UPDATE that changes
    nothing is enough to take it. Must come before any read of the transaction.
    """
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("UPDATE catalogue_info SET key = key WHERE 0")


def _is_memory(connection: sqlite3.Connection) -> bool:
    row = connection.execute("PRAGMA database_list").fetchone()
    return not row or not row[2]


def probe_uri(path: Path) -> str:
    """The URI that reads ``path`` through SQLite without writing a byte in it or beside it.

    Nothing in this process may ``open()`` a catalogue file itself: closing that
    descriptor would drop every POSIX lock SQLite holds on the file in this process
    (SQLite, "How To Corrupt An SQLite Database File" §2.2). SQLite's own opens are
    safe, since it shares and defers the closing of descriptors between connections.

    ``mode=ro`` alone would create ``-wal`` and ``-shm`` files beside a WAL-mode
    catalogue (and leave them). When no ``-wal`` exists nobody is using the file and
    everything is in the main file, so ``immutable`` reads it without any lock; when
    one exists (a window is using it), its ``-wal`` and ``-shm`` are shared and the
    normal locking gives consistent reads while it writes.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    if not wal_in_use(path):
        uri += "&immutable=1"
    return uri


def _connect_probe(path: Path) -> sqlite3.Connection:
    try:
        return sqlite3.connect(probe_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise OSError(str(exc)) from exc


def looks_like_sqlite(path: Path) -> bool:
    """True for a SQLite database file; an empty file counts as a new catalogue.

    Asked of SQLite (see :func:`probe_uri`), never by reading the header ourselves.
    Raises OSError when the file cannot be read at all.
    """
    if not path.stat().st_size:
        return True
    conn = _connect_probe(path)
    try:
        conn.execute("PRAGMA schema_version").fetchone()
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc) or "malformed" in str(exc):
            return False
        raise OSError(str(exc)) from exc
    finally:
        conn.close()
    return True


def wal_in_use(path: Path) -> bool:
    """True while some connection has the catalogue open in WAL mode (its ``-wal`` exists)."""
    return path.with_name(path.name + "-wal").exists()


def read_only_uri(path: Path) -> str:
    """The URI a read-only window opens ``path`` with (see :func:`probe_uri`)."""
    return probe_uri(path)


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
    (not even a ``-shm`` file beside it), hence :func:`probe_uri`. The engine reads
    the revision again afterwards, under its own locks, before any write.
    Returns ``(revision, has_tables)``.
    """
    conn = _connect_probe(path)
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


def copy_database(source: Path, target: Path) -> None:
    """Copies ``source`` into the new file ``target`` with SQLite's backup API (rollback
    journal mode, so the copy is one self-contained file). Raises OSError."""
    try:
        src = sqlite3.connect(probe_uri(source), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            dst = sqlite3.connect(target)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        raise OSError(str(exc)) from exc


def restore_into(source: Path, catalogue: Path) -> None:
    """Overwrites the catalogue's content with ``source``'s, through SQLite.

    The backup API writes the destination in one transaction of its own journal (the
    catalogue's WAL stays its WAL), so a crash leaves the old content or the new one
    and no file is opened, renamed or removed outside SQLite. Raises OSError.
    """
    try:
        src = sqlite3.connect(probe_uri(source), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            dst = sqlite3.connect(catalogue, timeout=BUSY_TIMEOUT_MS / 1000)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        raise OSError(str(exc)) from exc


def online_backup(source: Path, target: Path) -> None:
    """Copies a live catalogue consistently, even while the app has it open.

    Uses SQLite's online backup API, which copies pages under a read lock and
    restarts if a writer changes them, so the copy is always a valid database.
    The copy is built under a temporary name beside ``target`` and renamed when
    complete (:mod:`visitplanner.atomic_files`). Raises OSError.
    """
    from visitplanner.atomic_files import atomic_path, private_folder

    private_folder(target.parent)  # a backup is the whole catalogue: its owner's alone
    with atomic_path(target, private=True) as temporary:
        copy_database(source, temporary)
