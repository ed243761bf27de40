"""A whole catalogue copied between a SQLite file and a database server, either way.

Two uses (docs/team.md): publishing a laptop's catalogue to the team's server, and
taking a team catalogue away for a day without network. The copy is made table by
table in the models' foreign-key order, keeping every id, so links, the story's
revisions and the outbox come across as they are.

Rules that make a copy safe to trust:

- the target must be new or empty: a copy never merges into, nor overwrites, a
  catalogue that holds records;
- all or nothing: a server target is filled in one transaction; a file target is
  built under a temporary name and renamed into place only once complete;
- the copy gets its own catalogue id, so the shared story tells its writers apart
  (two catalogues writing revisions under one id would overwrite each other's);
- an offline copy of a team catalogue says so (``copy_of`` and ``copied_at`` in
  ``catalogue_info``); what is typed in it stays in that file.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Table, delete, func, insert, select, text

from visitplanner.domain.errors import UserError
from visitplanner.i18n import _

BATCH = 2_000

# ``catalogue_info`` keys that describe one catalogue, never carried to another.
OWN_KEYS = ("catalogue_id", "copy_of", "copied_at")

Progress = Callable[[str, int], None]


@dataclass(frozen=True)
class CopyReport:
    """What a copy did, for the command line to tell."""

    source: str
    target: str
    rows: dict[str, int] = field(default_factory=dict)
    offline_copy: bool = False

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def copy_catalogue(source: str, target: str, progress: Progress | None = None) -> CopyReport:
    """Copies the catalogue ``source`` names into the new or empty one ``target`` names.

    Both are what ``--db`` takes: a SQLite file path or a database URL. Raises
    :class:`UserError` with one sentence naming the catalogue when it refuses; then
    nothing was written (a server target may be left with an empty schema).
    """
    from visitplanner.store.database import describe, open_catalogue, resolve_url

    refuse_same(source, target)
    target_url = resolve_url(target)
    _refuse_existing_file(target_url)
    origin = open_catalogue(source, read_only=True)
    try:
        offline = not origin.is_sqlite and target_url.get_backend_name() == "sqlite"
        marks = {"catalogue_id": str(uuid.uuid4())}
        if offline:
            marks["copy_of"] = origin.label
            marks["copied_at"] = datetime.now(UTC).isoformat(timespec="seconds")
        if target_url.get_backend_name() == "sqlite":
            rows = _copy_to_file(origin, Path(target_url.database), marks, progress)
        else:
            rows = _copy_to_server(origin, target, marks, progress)
    finally:
        origin.close()
    return CopyReport(origin.label, describe(target_url), rows, offline)


def refuse_same(source: str, target: str) -> None:
    """Checked before anything else, even before taking the catalogues' locks."""
    from visitplanner.store.database import describe, resolve_url

    if describe(resolve_url(source)) == describe(resolve_url(target)):
        raise UserError(_("The source and the target are the same catalogue."))


def _refuse_existing_file(url) -> None:  # url: sqlalchemy URL
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return
    path = Path(url.database)
    if path.exists() and path.stat().st_size:
        raise UserError(
            _("{path} already exists: a copy goes into a new file, never over a catalogue.").format(
                path=path
            )
        )
    if not path.parent.is_dir():
        raise UserError(_("The folder {folder} does not exist.").format(folder=path.parent))


def _copy_to_file(origin, path: Path, marks: dict[str, str], progress: Progress | None):
    from visitplanner.atomic_files import atomic_path
    from visitplanner.store.database import open_catalogue

    with atomic_path(path, private=True) as building:
        # SQLite takes the empty file as a new database; it stays its owner's alone.
        copy = open_catalogue(str(building))
        try:
            with copy.engine.begin() as target:
                rows = _copy_rows(origin, target, marks, progress)
            with copy.engine.connect() as connection:
                # Everything into the main file before it is renamed: a -wal left
                # behind would stay with the temporary name.
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            copy.close()
        for suffix in ("-wal", "-shm"):
            Path(f"{building}{suffix}").unlink(missing_ok=True)
    return rows


def _copy_to_server(origin, target: str, marks: dict[str, str], progress: Progress | None):
    from visitplanner.store.database import open_catalogue

    copy = open_catalogue(target)
    try:
        with copy.engine.begin() as connection:
            _refuse_records(connection, copy.label)
            rows = _copy_rows(origin, connection, marks, progress)
            _advance_sequences(connection)
    finally:
        copy.close()
    return rows


def _tables() -> list[Table]:
    from visitplanner.store import models  # noqa: F401  (registers every table)
    from visitplanner.store.base import Base

    return list(Base.metadata.sorted_tables)


def _refuse_records(connection: Connection, label: str) -> None:
    for table in _tables():
        if table.name == "catalogue_info":
            continue
        if connection.execute(select(func.count()).select_from(table)).scalar_one():
            raise UserError(
                _(
                    "{target} already holds records: a copy goes into a new or empty "
                    "catalogue, never over one."
                ).format(target=label)
            )


def _copy_rows(
    origin, target: Connection, marks: dict[str, str], progress: Progress | None
) -> dict[str, int]:
    counts: dict[str, int] = {}
    with origin.engine.connect() as source:
        for table in _tables():
            target.execute(delete(table))
            order = list(table.primary_key.columns)
            result = source.execution_options(yield_per=BATCH).execute(
                select(table).order_by(*order)
            )
            count = 0
            for batch in result.partitions():
                rows = [dict(row._mapping) for row in batch]
                if table.name == "catalogue_info":
                    rows = [row for row in rows if row["key"] not in OWN_KEYS]
                if rows:
                    target.execute(insert(table), rows)
                count += len(rows)
                if progress is not None:
                    progress(table.name, count)
            if table.name == "catalogue_info":
                target.execute(insert(table), [{"key": k, "value": v} for k, v in marks.items()])
            counts[table.name] = count
    return counts


def _advance_sequences(connection: Connection) -> None:
    """Ids were copied as they were: the server's counters must start after them."""
    for table in _tables():
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or keys[0].type.python_type is not int:
            continue
        for column in keys:
            sequence = connection.execute(
                text("SELECT pg_get_serial_sequence(:table, :column)"),
                {"table": table.name, "column": column.name},
            ).scalar()
            if sequence is None:
                continue
            connection.execute(
                text(
                    f"SELECT setval(:sequence, COALESCE((SELECT MAX({column.name}) "
                    f"FROM {table.name}), 0) + 1, false)"
                ),
                {"sequence": sequence},
            )
