"""Importing people from a CSV table into the catalogue, or straight onto an event's list.

All or nothing: the whole file is one transaction, and one bad row (its line and
the reason are reported) means nothing is written, so a coordinator fixes the
file and imports it again without cleaning up half an import.

People are the same person when their e-mail addresses match, whatever the case.
A row that matches someone already in the catalogue (or an earlier row of the same
file) only fills in that person's blank fields: an import never overwrites what a
coordinator typed. Rows without an e-mail address always create a new person.

Every row goes through the catalogue's own validation (the rules the person form
uses), but without a query per row, so 10,000 rows import in a few seconds.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping

from sqlalchemy.exc import IntegrityError

from visitplanner.domain.enums import ResponseStatus, Role
from visitplanner.domain.errors import UserError
from visitplanner.exchange.csvio import Table, check_mapping
from visitplanner.i18n import _, ngettext, number
from visitplanner.services.directory.import_rows import ImportReport, RowError, RowImporter
from visitplanner.services.events.lookup import find_event
from visitplanner.store.database import Catalogue, refuse_catalogue_file

__all__ = [
    "ImportCancelled",
    "ImportRejected",
    "ImportReport",
    "RowError",
    "import_people",
    "preview_people",
    "read_people_file",
]

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


def read_people_file(path: str | os.PathLike[str]) -> Table:
    """The CSV table at ``path``, refused unread when it is a file of an open catalogue.

    Reading the catalogue (or its ``-wal``/``-shm``) chosen by mistake would close a
    descriptor of it and drop this process's SQLite locks (docs/storage.md).
    """
    from visitplanner.exchange.csvio import read_table

    try:
        refuse_catalogue_file(path)
    except OSError as exc:
        raise UserError(
            _("Cannot read {path}: {reason}.").format(path=path, reason=exc.strerror)
        ) from None
    return read_table(path)


STEP = 250  # rows between two progress reports and cancellation checks


class ImportRejected(UserError):
    """Some rows are wrong; nothing was imported. ``report.errors`` says which and why."""

    def __init__(self, name: str, report: ImportReport) -> None:
        n = len(report.errors)
        super().__init__(
            ngettext(
                "{path}: {n} row has an error; nothing was imported.",
                "{path}: {n} rows have errors; nothing was imported.",
                n,
            ).format(path=name, n=number(n))
        )
        self.report = report

    def lines(self, limit: int = 10) -> list[str]:
        """The summary, then the first ``limit`` errors, one sentence each."""
        errors = self.report.errors
        out = [self.message, *(str(e) for e in errors[:limit])]
        if len(errors) > limit:
            more = len(errors) - limit
            out.append(
                ngettext("… and {n} more error.", "… and {n} more errors.", more).format(
                    n=number(more)
                )
            )
        return out


class ImportCancelled(UserError):
    """The user pressed Cancel; the transaction was rolled back."""


# --- public use cases ----------------------------------------------------------------------


def preview_people(
    catalogue: Catalogue,
    table: Table,
    mapping: Mapping[int, str | None],
    *,
    event_ref: str | int | None = None,
    role: str = "participant",
    status: str = "invited",
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportReport:
    """What :func:`import_people` would do, with every row's errors; writes nothing.

    Raises only for problems of the whole file (no e-mail column, unknown event).
    """
    return _run(catalogue, table, mapping, event_ref, role, status, progress, cancelled, "preview")


def import_people(
    catalogue: Catalogue,
    table: Table,
    mapping: Mapping[int, str | None],
    *,
    event_ref: str | int | None = None,
    role: str = "participant",
    status: str = "invited",
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    dry_run: bool = False,
) -> ImportReport:
    """Imports the rows in one transaction, or raises :class:`ImportRejected` and writes nothing.

    ``mapping`` gives each column's person field (see ``csvio.guess_mapping``). With
    ``event_ref``, each person is also put on that event's list with the row's role
    and status (else ``role`` and ``status``); accepting beyond capacity puts people on
    the waiting list in file order, as adding them one by one would; people already on
    the list are left as they are. ``dry_run`` checks everything and writes nothing.
    """
    mode = "dry-run" if dry_run else "import"
    return _run(catalogue, table, mapping, event_ref, role, status, progress, cancelled, mode)


# --- the work ------------------------------------------------------------------------------


def _run(
    catalogue: Catalogue,
    table: Table,
    mapping: Mapping[int, str | None],
    event_ref: str | int | None,
    role: str,
    status: str,
    progress: Progress | None,
    cancelled: Cancelled | None,
    mode: str,
) -> ImportReport:
    columns = check_mapping(table, mapping)
    default_role = Role.parse(role, _("role")).value
    default_status = ResponseStatus.parse(status, _("status")).value
    total = len(table.rows)
    try:
        with catalogue.session() as session:
            job = RowImporter(session, table, columns, default_role, default_status)
            if event_ref is not None:
                job.open_event(find_event(session, event_ref, lock=True))
            job.prefetch()
            for done, (line, row) in enumerate(zip(table.lines, table.rows, strict=True)):
                if done % STEP == 0:
                    _tick(progress, cancelled, done, total)
                try:
                    job.take(row)
                except UserError as exc:
                    job.errors.append(RowError(line, exc.message))
            _tick(progress, cancelled, total, total)
            if job.errors and mode != "preview":
                raise ImportRejected(table.name, job.report())
            if job.errors or mode != "import":
                session.rollback()
                return job.report()
            return job.write()
    except IntegrityError:
        # Someone else wrote the same people meanwhile (shared PostgreSQL catalogue).
        raise UserError(
            _("The catalogue changed during the import; nothing was imported. Try again.")
        ) from None


def _tick(progress: Progress | None, cancelled: Cancelled | None, done: int, total: int) -> None:
    if cancelled is not None and cancelled():
        raise ImportCancelled(_("Import cancelled; nothing was imported."))
    if progress is not None:
        progress(done, total)
