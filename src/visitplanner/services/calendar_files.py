"""Calendar files that are not invitations: a feed to publish, a partner's file to import."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select

from visitplanner.domain.errors import UserError
from visitplanner.i18n import _
from visitplanner.services import keys
from visitplanner.services.changes import Changes
from visitplanner.services.planning import EventView, list_events
from visitplanner.store.database import Catalogue
from visitplanner.store.models import Event, EventDynamic

STATUS = {"cancelled": "CANCELLED", "draft": "TENTATIVE", "planned": "TENTATIVE"}


def span(e: EventView) -> tuple[datetime | date, datetime | date]:
    """Start and end as calendars want them: dates for all-day events, DTEND the day after."""
    if not e.all_day:
        return e.start, e.end
    end = e.end.date() if e.end.time() == time(0) else e.end.date() + timedelta(days=1)
    return e.start.date(), end


def cal_event_of(e: EventView):  # -> CalEvent
    """The event as calendars see it, without organiser or attendees (a feed's entry)."""
    from visitplanner.exchange.ical import CalEvent

    start, end = span(e)
    return CalEvent(
        uid=e.uid,
        sequence=e.sequence,
        summary=e.title,
        start=start,
        end=end,
        timezone=e.timezone,
        location=e.location,
        description=e.visit_question,
        url=e.online_url,
        status=STATUS.get(e.status, "CONFIRMED"),
    )


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.part")
    with tmp.open("wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    tmp.replace(path)


def export_feed(
    catalogue: Catalogue,
    path: str | Path,
    *,
    start_from: datetime | None = None,
    start_to: datetime | None = None,
    dynamic_id: int | None = None,
) -> int:
    """All events (or a period, or one dynamic's) as one .ics without METHOD, for CalDAV."""
    from visitplanner.exchange.ical import build_feed

    events = list_events(catalogue, start_from=start_from, start_to=start_to)
    if dynamic_id is not None:
        with catalogue.session() as session:
            linked = set(
                session.scalars(
                    select(EventDynamic.event_id).where(EventDynamic.dynamic_id == dynamic_id)
                )
            )
        events = [e for e in events if e.id in linked]
    target = Path(path)
    try:
        _atomic_write(target, build_feed([cal_event_of(e) for e in events], name=catalogue.label))
    except OSError as exc:
        raise UserError(
            _("Cannot write {path}: {reason}.").format(path=target, reason=exc.strerror or exc)
        ) from None
    return len(events)


@dataclass(frozen=True)
class CalendarImport:
    created: int
    updated: int
    unchanged: int
    changes: Changes


def import_calendar(catalogue: Catalogue, path: str | Path) -> CalendarImport:
    """A partner's .ics as events of the catalogue, in one transaction (all or nothing).

    An event already imported (same UID) is updated when the file carries a newer
    SEQUENCE, and left alone otherwise, so importing the same file twice changes nothing.
    """
    from visitplanner.exchange.ical import read_calendar

    source = Path(path)
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise UserError(
            _("Cannot read {path}: {reason}.").format(path=source, reason=exc.strerror or exc)
        ) from None
    imported = read_calendar(data, source.name)
    created: list[tuple[str, int]] = []
    updated: list[tuple[str, int]] = []
    unchanged = 0
    with catalogue.session() as session:
        for item in imported:
            zone = ZoneInfo(item.timezone)
            if item.all_day:
                start = datetime.combine(item.start, time(0), zone)  # type: ignore[arg-type]
                end = datetime.combine(item.end, time(0), zone)  # type: ignore[arg-type]
            else:
                start, end = item.start, item.end  # type: ignore[assignment]
            event = session.scalar(select(Event).where(Event.uid == item.uid))
            if event is not None and event.sequence >= item.sequence:
                unchanged += 1
                continue
            is_new = event is None
            if is_new:
                event = Event(uid=item.uid, kind="seminar", status="planned")
                session.add(event)
            event.sequence = item.sequence
            event.title = item.summary[:300] or _("(untitled event)")
            event.starts_at, event.ends_at = start, end
            event.timezone = item.timezone
            event.all_day = item.all_day
            event.location = item.location
            event.objectives = item.description
            event.status = "cancelled" if item.status == "CANCELLED" else event.status
            event.deleted_at = None
            event.search_key = keys.event_key(event.title, event.location, event.visit_question)
            session.flush()
            (created if is_new else updated).append(("event", event.id))
    return CalendarImport(
        len(created), len(updated), unchanged, Changes.of(created=created, updated=updated)
    )
