"""Opening a catalogue: locate it, check it is one, migrate it, hand out sessions.

Nothing here runs at import time: an engine is made only when the application
or a command asks for a catalogue.
"""

from __future__ import annotations

import errno
import logging
import os
import uuid
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, inspect, select, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from visitplanner.domain.errors import (
    CatalogueError,
    ConcurrentSaveError,
    ReadOnlyCatalogueError,
)
from visitplanner.i18n import _
from visitplanner.store import sqlite as sqlite_store
from visitplanner.store.catalogue_guard import CatalogueGuard
from visitplanner.store.catalogue_location import (  # where a catalogue is, named here too
    ENV_VAR,  # noqa: F401
    catalogue_file,  # noqa: F401
    default_database_path,
    describe,
    resolve_url,
)
from visitplanner.store.revision_ids import HEAD_REVISION, KNOWN_REVISIONS

log = logging.getLogger(__name__)


@dataclass
class Catalogue:
    """An open catalogue: the engine and the session factory for one database."""

    url: URL
    engine: Engine
    sessions: sessionmaker[Session]
    backup_path: Path | None = None
    # Opened only to look at it (locked by another window, read-only file): every
    # session refuses to commit a change, with a message the user can read.
    read_only: bool = False
    # Background work (story sync, daily backup) holds it; closing waits for it.
    guard: CatalogueGuard = field(default_factory=CatalogueGuard, compare=False, repr=False)
    # Who writes through it, for the audit trail (store/audit.py); None when read-only.
    actor: Any = field(default=None, compare=False, repr=False)

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def path(self) -> Path | None:
        if self.is_sqlite and self.url.database and self.url.database != ":memory:":
            return Path(self.url.database)
        return None

    @property
    def label(self) -> str:
        return describe(self.url)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: committed if the block succeeds, rolled back otherwise.

        On a read-only catalogue a block that changed something is refused here, as a
        :class:`ReadOnlyCatalogueError` every window and command already shows as a
        plain sentence, instead of SQLite's "attempt to write a readonly database".
        """
        session = self.sessions()
        try:
            yield session
            if self.read_only and (session.new or session.dirty or session.deleted):
                raise ReadOnlyCatalogueError()
            session.commit()
        except StaleDataError:
            # Someone's save came between our read and our UPDATE (``version_id_col``).
            session.rollback()
            raise ConcurrentSaveError() from None
        except DBAPIError as exc:
            session.rollback()
            if self.read_only and _refused_as_read_only(exc):
                raise ReadOnlyCatalogueError() from None
            raise
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def info(self, key: str) -> str | None:
        from visitplanner.store.models import CatalogueInfo

        # On the table, not the mapped class: read at start, before the first page's
        # queries, it does not configure every ORM mapping ahead of the first paint.
        table = CatalogueInfo.__table__
        with self.session() as session:
            return session.scalar(select(table.c.value).where(table.c.key == key))

    def close(self, timeout: float | None = 30.0) -> None:
        """Waits for background work using it (at most ``timeout`` seconds), then closes."""
        _OPEN.pop(id(self), None)
        if not self.guard.close(timeout):
            log.warning("closing %s while background work still uses it", self.label)
        self.engine.dispose()


def _refused_as_read_only(exc: DBAPIError) -> bool:
    """SQLite's "attempt to write a readonly database", or PostgreSQL's refusal of a write
    (or of ``SELECT ... FOR UPDATE``) in a read-only transaction (SQLSTATE 25006)."""
    return "readonly" in str(exc.orig).lower() or getattr(exc.orig, "sqlstate", None) == "25006"


# Every catalogue opened in this process and not closed yet: a command closes them all
# before it gives up the catalogue's lock (store/lock.py), whatever module opened them.
_OPEN: weakref.WeakValueDictionary[int, Catalogue] = weakref.WeakValueDictionary()


class CatalogueFileError(PermissionError):
    """A document was asked to be read from a file of a catalogue open in this process."""


def refuse_catalogue_file(path: str | os.PathLike[str]) -> None:
    """Raises :class:`CatalogueFileError` (an OSError) for a file of an open catalogue.

    Reading the catalogue, its ``-wal`` or ``-shm`` as a document (a photo, a CSV file
    chosen by mistake) would close a descriptor of it and so drop SQLite's locks in
    this process (see docs/storage.md). Compared by ``stat``, which opens nothing.
    """
    try:
        wanted = os.stat(path)
    except OSError:
        return
    for catalogue in list(_OPEN.values()):
        base = catalogue.path
        if base is None:
            continue
        for suffix in ("", "-wal", "-shm", "-journal"):
            try:
                found = os.stat(base.with_name(base.name + suffix))
            except OSError:
                continue
            if (found.st_dev, found.st_ino) == (wanted.st_dev, wanted.st_ino):
                raise CatalogueFileError(
                    errno.EACCES,
                    _("it is a file of the catalogue open in Visit Planner"),
                    str(path),
                )


def open_ids() -> set[int]:
    """Which catalogues are open now, for :func:`close_all` to leave alone."""
    return set(_OPEN.keys())


def close_all(keep: set[int] | None = None) -> None:
    """Closes every catalogue this process opened (their connections included), but those
    in ``keep`` (from :func:`open_ids`)."""
    for key, catalogue in list(_OPEN.items()):
        if keep is None or key not in keep:
            catalogue.close()


def reason_of(exc: BaseException) -> str:
    """Sorts an OS or SQLite failure into one of :class:`CatalogueError`'s reasons."""
    code = getattr(exc, "errno", None)
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return CatalogueError.DISK_FULL
    if code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return CatalogueError.READ_ONLY
    text = str(getattr(exc, "orig", None) or exc).lower()
    if "disk is full" in text or "no space left" in text or "disk quota" in text:
        return CatalogueError.DISK_FULL
    if "readonly" in text or "read-only" in text:
        return CatalogueError.READ_ONLY
    if "database is locked" in text:
        return CatalogueError.LOCKED
    if "file is not a database" in text:
        return CatalogueError.NOT_CATALOGUE
    return CatalogueError.OTHER


def is_writable(path: Path) -> bool:
    """Whether ``path`` may be written, honouring a read-only mark even for an administrator.

    ``os.access`` alone says yes to root for any file; a file or folder someone
    marked read-only (no write bit at all) is meant to stay as it is.
    """
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return os.access(path, os.W_OK) and bool(mode & 0o222)


def _cannot_open(label: str, exc: BaseException) -> CatalogueError:
    """The failure to open, in words, sorted by :func:`reason_of`."""
    if label.startswith("postgresql"):  # a server: libpq's failure in words (not any URL)
        from visitplanner.store.postgres import explain

        error = CatalogueError(explain(exc, make_url(label)), reason_of(exc))
        error.server = label  # the start-up dialog offers to connect again, filled in
        return error
    reason = getattr(exc, "orig", None) or exc
    return CatalogueError(
        _("Cannot open the catalogue {path}: {reason}.").format(path=label, reason=reason),
        reason_of(exc),
    )


def _read_only_error(label: str) -> CatalogueError:
    return CatalogueError(
        _("{path} cannot be changed: the file or its folder is read-only.").format(path=label),
        CatalogueError.READ_ONLY,
    )


def _check_sqlite_file(path: Path) -> None:
    """Refuses a folder, an unreadable file or one that is not an SQLite database."""
    label = str(path)
    if path.is_dir():
        raise CatalogueError(_("{path} is a folder, not a catalogue file.").format(path=label))
    try:
        ok = sqlite_store.looks_like_sqlite(path)
    except OSError as exc:
        raise CatalogueError(
            _("Cannot read the catalogue {path}: {reason}.").format(
                path=label, reason=exc.strerror or exc
            )
        ) from None
    if not ok:
        raise CatalogueError(
            _("{path} is not a Visit Planner catalogue.").format(path=label),
            CatalogueError.NOT_CATALOGUE,
        )


def _prepare_sqlite_file(path: Path) -> None:
    """Creates the folder; refuses a file that is no catalogue or that cannot be written."""
    from visitplanner.atomic_files import create_private_file, private_folder

    label = str(path)
    try:
        # The app's own data folder is its user's alone; a folder the user chose keeps its mode.
        private_folder(path.parent, tighten=path.parent == default_database_path().parent)
    except OSError as exc:
        reason = reason_of(exc)
        raise CatalogueError(
            _("Cannot create the catalogue {path}: {reason}.").format(
                path=label, reason=exc.strerror or exc
            ),
            reason if reason in (CatalogueError.DISK_FULL, CatalogueError.READ_ONLY) else "other",
        ) from None
    if path.exists():
        _check_sqlite_file(path)
        # SQLite needs to write the file and, for its journal, the folder.
        if not (is_writable(path) and is_writable(path.parent)):
            raise _read_only_error(label)
    elif not is_writable(path.parent):
        raise CatalogueError(
            _("Cannot create the catalogue {path}: the folder is not writable.").format(path=label),
            CatalogueError.READ_ONLY,
        )
    else:
        # Empty and 0600 before SQLite opens it: SQLite would make it (and, after it, its
        # journal files) readable by every account of the computer.
        try:
            create_private_file(path)
        except OSError as exc:
            raise CatalogueError(
                _("Cannot create the catalogue {path}: {reason}.").format(
                    path=label, reason=exc.strerror or exc
                )
            ) from None


def make_engine(url: URL, *, read_only: bool = False) -> Engine:
    if url.get_backend_name() == "sqlite":
        if read_only and url.database not in (None, "", ":memory:"):
            path = Path(url.database)
            engine = create_engine(url, creator=lambda: sqlite_store.connect_read_only(path))
        else:
            engine = create_engine(url, connect_args={"timeout": 5})
        sqlite_store.install_pragmas(engine, read_only=read_only)
        return engine
    from visitplanner.store import postgres

    options = postgres.engine_options(url)  # time-out, and the password saved in the keyring
    if read_only:
        return create_engine(url, execution_options={"postgresql_readonly": True}, **options)
    return create_engine(url, **options)


def open_catalogue(
    db: str | None = None, *, migrate: bool = True, read_only: bool = False
) -> Catalogue:
    """Opens (creating if needed) and upgrades the catalogue named by ``db``.

    ``read_only`` opens an existing catalogue only to look at it: the file is neither
    created, nor migrated, nor switched to WAL, and nothing is written beside it.
    Failures are :class:`CatalogueError` with a ``reason`` start-up can act on.
    """
    if read_only:
        return _open_read_only(db)
    url = resolve_url(db)
    label = describe(url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        path = Path(url.database)
        _prepare_sqlite_file(path)
        if path.exists() and path.stat().st_size:
            # Refuse a foreign or newer file before the engine switches it to WAL.
            try:
                _check_revision(*sqlite_store.read_revision(path), label)
            except OSError as exc:
                raise _cannot_open(label, exc) from None
    try:
        engine = make_engine(url)
    except Exception as exc:
        raise _cannot_open(label, exc) from None
    catalogue = Catalogue(url, engine, sessionmaker(engine, expire_on_commit=False))
    _OPEN[id(catalogue)] = catalogue
    try:
        revision, has_tables = _current_revision(engine)
        _check_revision(revision, has_tables, label)
        if revision != HEAD_REVISION:
            if not migrate:
                raise CatalogueError(
                    _("{path} needs an upgrade before it can be opened.").format(path=label)
                )
            if revision is not None and catalogue.path is not None:
                try:
                    catalogue.backup_path = _backup_before_migration(catalogue.path, revision)
                except OSError as exc:
                    raise CatalogueError(
                        _(
                            "{path} needs an upgrade, but the copy made before upgrading "
                            "could not be written: {reason}."
                        ).format(path=label, reason=exc.strerror or exc),
                        reason_of(exc),
                    ) from None
            from visitplanner.store import migrate as migrations

            try:
                migrations.upgrade(engine)
            except DBAPIError as exc:
                if _permission_denied(exc):
                    raise CatalogueError(
                        _(
                            "{path} needs an upgrade that only its owner can make "
                            "(the database user who created it); ask them to open it once "
                            "with this version."
                        ).format(path=label)
                    ) from None
                raise
        _ensure_identity(catalogue)
        _keep_audit(catalogue)
    except CatalogueError:
        engine.dispose()
        raise
    except (DBAPIError, SQLAlchemyError, OSError) as exc:
        engine.dispose()
        raise _cannot_open(label, exc) from None
    return catalogue


def _open_read_only(db: str | None) -> Catalogue:
    url = resolve_url(db)
    label = describe(url)
    path: Path | None = None
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        path = Path(url.database)
        if not path.exists():
            raise CatalogueError(_("{path} does not exist.").format(path=label))
        _check_sqlite_file(path)
        if not path.stat().st_size:
            raise CatalogueError(
                _("{path} is empty: there is nothing to show.").format(path=label),
                CatalogueError.NOT_CATALOGUE,
            )
    try:
        engine = make_engine(url, read_only=True)
    except Exception as exc:
        raise _cannot_open(label, exc) from None
    try:
        revision, has_tables = _current_revision(engine)
        _check_revision(revision, has_tables, label)
        if revision != HEAD_REVISION:
            raise CatalogueError(
                _(
                    "{path} needs an upgrade before it can be opened, "
                    "and a catalogue opened read-only cannot be upgraded."
                ).format(path=label)
            )
    except CatalogueError:
        engine.dispose()
        raise
    except (DBAPIError, SQLAlchemyError, OSError) as exc:
        engine.dispose()
        raise _cannot_open(label, exc) from None
    catalogue = Catalogue(url, engine, sessionmaker(engine, expire_on_commit=False), read_only=True)
    _OPEN[id(catalogue)] = catalogue
    return catalogue


def _permission_denied(exc: DBAPIError) -> bool:
    """A server refused the statement to this user (SQLSTATE 42501), as to a coordinator
    whose role may write records but not change tables (docs/team-server.md)."""
    return getattr(exc.orig, "sqlstate", None) == "42501"


def _check_revision(revision: str | None, has_tables: bool, label: str) -> None:
    if revision is None and has_tables:
        raise CatalogueError(
            _("{path} is not a Visit Planner catalogue.").format(path=label),
            CatalogueError.NOT_CATALOGUE,
        )
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise CatalogueError(
            _(
                "{path} was written by a newer version of Visit Planner; "
                "update the application to open it."
            ).format(path=label),
            CatalogueError.NEWER,
        )


def _current_revision(engine: Engine) -> tuple[str | None, bool]:
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        if "alembic_version" not in tables:
            return None, bool(tables)
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return (row[0] if row else None), True


def _backup_before_migration(path: Path, revision: str) -> Path:
    target = sqlite_store.copy_beside(path, f"before-upgrade-{revision}")
    sqlite_store.online_backup(path, target)
    return target


def _keep_audit(catalogue: Catalogue) -> None:
    """Every write through this catalogue leaves its trail; a server also tells the others."""
    from visitplanner.store import audit

    actor = audit.Actor()
    if catalogue.is_sqlite:
        actor.db_user = actor.coordinator_login
    else:
        with catalogue.engine.connect() as connection:
            actor.db_user = connection.exec_driver_sql("SELECT current_user").scalar() or ""
    catalogue.actor = actor
    audit.install(catalogue.sessions, actor, notify=not catalogue.is_sqlite)


def _ensure_identity(catalogue: Catalogue) -> None:
    """Gives the catalogue its own UUID once: the shared log tells writers apart by it."""
    from visitplanner.store.models import CatalogueInfo

    table = CatalogueInfo.__table__  # not the class: see Catalogue.info
    with catalogue.session() as session:
        if session.scalar(select(table.c.key).where(table.c.key == "catalogue_id")):
            return
        session.add(CatalogueInfo(key="catalogue_id", value=str(uuid.uuid4())))
