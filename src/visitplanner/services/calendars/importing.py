"""A partner's calendar (.ics) as events of the catalogue: preview, import, undo.

All or nothing: the events are written as they are read, a batch at a time,
inside one transaction, so that a file of 50,000 events needs neither all its
parsed components nor all its rows in memory, and a refusal met at the last
event still leaves the catalogue unchanged.

An event already in the catalogue (same UID) is updated when the file carries a
newer SEQUENCE and skipped otherwise, so importing the same file twice changes
nothing. The file's STATUS and kind are kept as the catalogue understands them
(:func:`status_of`, :func:`kind_of`; the table is in ``docs/calendar-import.md``);
what the catalogue has no place for is counted in the report.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, time
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any, Literal, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from visitplanner.domain.enums import EventKind, EventStatus
from visitplanner.domain.errors import UserError
from visitplanner.exchange.calendar_import import ImportedEvent, LeftOut
from visitplanner.i18n import _
from visitplanner.services import search_keys as keys
from visitplanner.services.calendars.report import report_lines
from visitplanner.services.calendars.undo import FIELDS, ImportStep
from visitplanner.store.database import Catalogue, refuse_catalogue_file
from visitplanner.store.models import Event
from visitplanner.store.types import utcnow

__all__ = ["CalendarImport", "ImportStep", "PreviewRow", "import_calendar", "preview_calendar"]

WRITE_BATCH = 1000
NEUTRAL_KIND = EventKind.MEETING.value  # the app has no neutral kind; see the module doc
# CATEGORIES words (case-insensitive) and the kind they mean: the kinds' codes and
# labels in both languages, and what Outlook, Google and Nextcloud users commonly type.
KIND_WORDS: dict[str, tuple[str, ...]] = {
    "visit": ("visit", "learning visit", "study visit", "visite", "visite apprenante"),
    "seminar": ("seminar", "joint seminar", "séminaire", "seminaire", "séminaire commun"),
    "meeting": (
        "meeting",
        "task force meeting",
        "réunion",
        "reunion",
        "réunion de travail",
        "réunion de task force",
    ),
    "workshop": ("workshop", "atelier", "training", "formation"),
}
_KIND_OF_WORD = {word: kind for kind, words in KIND_WORDS.items() for word in words}
STATUSES = {"CONFIRMED": "confirmed", "TENTATIVE": "planned", "CANCELLED": "cancelled"}

Action = Literal["create", "update", "skip"]
T = TypeVar("T")


def kind_of(categories: Iterable[str]) -> str | None:
    """The first category that names a kind of event, or ``None``."""
    for category in categories:
        kind = _KIND_OF_WORD.get(category.strip().casefold())
        if kind is not None:
            return kind
    return None


def status_of(status: str) -> str:
    """CONFIRMED → confirmed, TENTATIVE → planned, CANCELLED → cancelled; else planned."""
    return STATUSES.get(status.upper(), EventStatus.PLANNED.value)


@dataclass(frozen=True)
class PreviewRow:
    """One event of the file and what the import does with it, with the reason."""

    action: Action
    uid: str
    title: str
    start: datetime
    all_day: bool
    kind: str
    status: str
    reason: str
    line: int


@dataclass
class CalendarImport:
    """What an import did, or (``preview``) would do; ``step`` undoes it as one step."""

    source: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    neutral_kind: int = 0  # events with no category naming a kind, imported as meetings
    left_out: LeftOut = field(default_factory=LeftOut)
    rows: list[PreviewRow] = field(default_factory=list)  # filled by a preview only
    step: ImportStep | None = None

    @property
    def changes(self):  # -> Changes
        return self.step.changes if self.step is not None else _no_changes()

    def lines(self) -> list[str]:
        """The report, one sentence a line: counts, then what was left out and why."""
        return report_lines(self)


def _no_changes():  # -> Changes
    from visitplanner.services.changes import Changes

    return Changes()


def preview_calendar(catalogue: Catalogue, path: str | Path) -> CalendarImport:
    """What :func:`import_calendar` would do, event by event; writes nothing.

    Raises the same :class:`UserError` as the import when the file is refused.
    """
    return _run(catalogue, path, preview=True)


def import_calendar(catalogue: Catalogue, path: str | Path) -> CalendarImport:
    """Imports the file in one transaction, or raises :class:`UserError` and writes nothing."""
    return _run(catalogue, path, preview=False)


# --- the work ------------------------------------------------------------------------------


def _chunks(items: Iterator[T], size: int) -> Iterator[list[T]]:
    while batch := list(islice(items, size)):
        yield batch


def _run(catalogue: Catalogue, path: str | Path, *, preview: bool) -> CalendarImport:
    from visitplanner.exchange.calendar_import import iter_events

    source = Path(path)
    try:
        refuse_catalogue_file(source)  # reading it would drop SQLite's locks
        data = source.read_bytes()
    except OSError as exc:
        raise UserError(
            _("Cannot read {path}: {reason}.").format(path=source, reason=exc.strerror or exc)
        ) from None
    result = CalendarImport(source.name)
    events = iter_events(data, source.name, left_out=result.left_out)
    del data  # the reader keeps the text it needs
    created: list[int] = []
    updates: list[tuple[int, dict[str, Any], dict[str, Any]]] = []
    try:
        with catalogue.session() as session:
            for batch in _chunks(events, WRITE_BATCH):
                _write(session, batch, result, created, updates, preview)
            if not (result.created or result.updated or result.unchanged):
                raise UserError(_("{source} contains no event.").format(source=source.name))
            if preview:
                session.rollback()
    except IntegrityError:
        # Someone else imported the same events meanwhile (shared PostgreSQL catalogue).
        raise UserError(
            _("The catalogue changed during the import; nothing was imported. Try again.")
        ) from None
    if not preview and (created or updates):
        label = _("import calendar “{file}”").format(file=source.name)
        result.step = ImportStep(label, tuple(created), tuple(updates))
    return result


@lru_cache(maxsize=4096)
def _search_key(title: str, location: str | None) -> str:
    """The occurrences of a series share title and place: their key is computed once."""
    return keys.event_key(title, location, None)


def _values(item: ImportedEvent) -> dict[str, Any]:
    """The columns an imported event sets, as stored."""
    if item.all_day:
        zone = ZoneInfo(item.timezone)
        start = datetime.combine(item.start, time(0), zone)  # type: ignore[arg-type]
        end = datetime.combine(item.end, time(0), zone)  # type: ignore[arg-type]
    else:
        start, end = item.start, item.end  # type: ignore[assignment]
    title = item.summary[:300] or _("(untitled event)")
    return {
        "sequence": item.sequence,
        "title": title,
        "starts_at": start,
        "ends_at": end,
        "timezone": item.timezone,
        "all_day": item.all_day,
        "location": item.location,
        "objectives": item.description,
        "status": status_of(item.status),
        "deleted_at": None,
        "search_key": _search_key(title, item.location),
    }


def _write(
    session: Session,
    batch: list[ImportedEvent],
    result: CalendarImport,
    created: list[int],
    updates: list[tuple[int, dict[str, Any], dict[str, Any]]],
    preview: bool,
) -> None:
    columns = [getattr(Event, name) for name in FIELDS]
    existing = {
        row.uid: row
        for row in session.execute(
            select(Event.id, Event.uid, Event.kind, Event.version, *columns).where(
                Event.uid.in_([item.uid for item in batch])
            )
        )
    }
    now = utcnow()
    new_rows: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    for item in batch:
        values = _values(item)
        old = existing.get(item.uid)
        if old is None:
            kind = kind_of(item.categories)
            if kind is None:
                result.neutral_kind += 1
            new_rows.append(
                {"uid": item.uid, "kind": kind or NEUTRAL_KIND, **values}
                | {"created_at": now, "updated_at": now}
            )
            action: Action = "create"
            result.created += 1
            reason = "" if kind else _("no category names a kind: imported as a meeting")
            kind = kind or NEUTRAL_KIND
        elif old.sequence < item.sequence:
            before = {name: getattr(old, name) for name in FIELDS}
            updates.append((old.id, before, values))
            changed.append({"id": old.id, "version": old.version, **values, "updated_at": now})
            action, kind = "update", old.kind
            result.updated += 1
            reason = _("a newer version (SEQUENCE {old} → {new})").format(
                old=old.sequence, new=item.sequence
            )
        else:
            action, kind = "skip", old.kind
            result.unchanged += 1
            reason = (
                _("already imported, and the file's version is not newer")
                if old.deleted_at is None
                else _("in the trash, and the file's version is not newer")
            )
        if preview:
            result.rows.append(
                PreviewRow(
                    action,
                    item.uid,
                    values["title"],
                    values["starts_at"],
                    item.all_day,
                    kind,
                    values["status"],
                    reason,
                    item.line,
                )
            )
    if preview:
        return
    if new_rows:
        ids = session.execute(insert(Event).returning(Event.id), new_rows).scalars().all()
        created.extend(ids)
    if changed:
        session.execute(update(Event), changed)
