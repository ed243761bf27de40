"""Opening a catalogue: locate it, check it is one, migrate it, hand out sessions.

Nothing here runs at import time: an engine is made only when the application
or a command asks for a catalogue.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, inspect, select, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from visitplanner.domain.errors import CatalogueError
from visitplanner.i18n import _
from visitplanner.store import sqlite as sqlite_store
from visitplanner.store.schema import HEAD_REVISION, KNOWN_REVISIONS

ENV_VAR = "VISITPLANNER_DB"


def default_database_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("visitplanner", appauthor=False) / "catalogue.sqlite"


def resolve_url(db: str | None) -> URL:
    """``--db`` value, else ``VISITPLANNER_DB``, else the file in the user's data folder."""
    value = db or os.environ.get(ENV_VAR) or str(default_database_path())
    if "://" in value:
        try:
            return make_url(value)
        except Exception:
            raise CatalogueError(
                _("“{value}” is neither a file path nor a database URL.").format(value=value)
            ) from None
    path = Path(value).expanduser().resolve()
    return URL.create("sqlite+pysqlite", database=str(path))


def describe(url: URL) -> str:
    """What to show the user for a catalogue: a path, or the URL without its password."""
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    return url.render_as_string(hide_password=True)


@dataclass
class Catalogue:
    """An open catalogue: the engine and the session factory for one database."""

    url: URL
    engine: Engine
    sessions: sessionmaker[Session]
    backup_path: Path | None = None

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
        """One unit of work: committed if the block succeeds, rolled back otherwise."""
        session = self.sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def info(self, key: str) -> str | None:
        from visitplanner.store.models import CatalogueInfo

        with self.session() as session:
            row = session.get(CatalogueInfo, key)
            return row.value if row else None

    def close(self) -> None:
        self.engine.dispose()


def _prepare_sqlite_file(path: Path) -> None:
    label = str(path)
    if path.is_dir():
        raise CatalogueError(_("{path} is a folder, not a catalogue file.").format(path=label))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CatalogueError(
            _("Cannot create the catalogue {path}: {reason}.").format(
                path=label, reason=exc.strerror or exc
            )
        ) from None
    if path.exists():
        try:
            ok = sqlite_store.looks_like_sqlite(path)
        except OSError as exc:
            raise CatalogueError(
                _("Cannot read the catalogue {path}: {reason}.").format(
                    path=label, reason=exc.strerror or exc
                )
            ) from None
        if not ok:
            raise CatalogueError(_("{path} is not a Visit Planner catalogue.").format(path=label))
    elif not os.access(path.parent, os.W_OK):
        raise CatalogueError(
            _("Cannot create the catalogue {path}: the folder is not writable.").format(path=label)
        )


def make_engine(url: URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": 5})
        sqlite_store.install_pragmas(engine)
        return engine
    return create_engine(url, pool_pre_ping=True)


def open_catalogue(db: str | None = None, *, migrate: bool = True) -> Catalogue:
    """Opens (creating if needed) and upgrades the catalogue named by ``db``."""
    url = resolve_url(db)
    label = describe(url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        path = Path(url.database)
        _prepare_sqlite_file(path)
        if path.exists() and path.stat().st_size and not sqlite_store.uses_wal(path):
            # Refuse a foreign or newer file before the engine switches it to WAL.
            try:
                _check_revision(*sqlite_store.read_revision(path), label)
            except OSError as exc:
                raise CatalogueError(
                    _("Cannot open the catalogue {path}: {reason}.").format(path=label, reason=exc)
                ) from None
    try:
        engine = make_engine(url)
    except Exception as exc:
        raise CatalogueError(
            _("Cannot open the catalogue {path}: {reason}.").format(path=label, reason=exc)
        ) from None
    catalogue = Catalogue(url, engine, sessionmaker(engine, expire_on_commit=False))
    try:
        revision, has_tables = _current_revision(engine)
        _check_revision(revision, has_tables, label)
        if revision != HEAD_REVISION:
            if not migrate:
                raise CatalogueError(
                    _("{path} needs an upgrade before it can be opened.").format(path=label)
                )
            if revision is not None and catalogue.path is not None:
                catalogue.backup_path = _backup_before_migration(catalogue.path, revision)
            from visitplanner.store import migrate as migrations

            migrations.upgrade(engine)
        _ensure_identity(catalogue)
    except CatalogueError:
        engine.dispose()
        raise
    except (DBAPIError, SQLAlchemyError, OSError) as exc:
        engine.dispose()
        reason = getattr(exc, "orig", None) or exc
        raise CatalogueError(
            _("Cannot open the catalogue {path}: {reason}.").format(path=label, reason=reason)
        ) from None
    return catalogue


def _check_revision(revision: str | None, has_tables: bool, label: str) -> None:
    if revision is None and has_tables:
        raise CatalogueError(_("{path} is not a Visit Planner catalogue.").format(path=label))
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise CatalogueError(
            _(
                "{path} was written by a newer version of Visit Planner; "
                "update the application to open it."
            ).format(path=label)
        )


def _current_revision(engine: Engine) -> tuple[str | None, bool]:
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        if "alembic_version" not in tables:
            return None, bool(tables)
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return (row[0] if row else None), True


def _backup_before_migration(path: Path, revision: str) -> Path:
    from visitplanner.store.types import utcnow

    stamp = utcnow().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.before-upgrade-{revision}-{stamp}{path.suffix}")
    sqlite_store.online_backup(path, target)
    return target


def _ensure_identity(catalogue: Catalogue) -> None:
    """Gives the catalogue its own UUID once: the shared log tells writers apart by it."""
    from visitplanner.store.models import CatalogueInfo

    with catalogue.session() as session:
        if session.scalar(select(CatalogueInfo).where(CatalogueInfo.key == "catalogue_id")):
            return
        session.add(CatalogueInfo(key="catalogue_id", value=str(uuid.uuid4())))
