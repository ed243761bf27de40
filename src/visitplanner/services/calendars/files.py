"""Calendar files that are not invitations: a feed to publish, a partner's file to import.

The import itself lives in :mod:`visitplanner.services.calendars.importing`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload, lazyload

from visitplanner.domain.errors import UserError
from visitplanner.domain.periods import DayRange
from visitplanner.i18n import _
from visitplanner.services.calendars.importing import CalendarImport, import_calendar
from visitplanner.services.calendars.naming import feed_name
from visitplanner.services.events.planning import EventView, event_view
from visitplanner.store.database import Catalogue
from visitplanner.store.models import Event, EventDynamic

__all__ = [
    "CalendarImport",
    "FeedResult",
    "cal_event_of",
    "export_feed",
    "feed_name",
    "import_calendar",
    "span",
    "write_feed",
]

STATUS = {"cancelled": "CANCELLED", "draft": "TENTATIVE", "planned": "TENTATIVE"}


def span(e: EventView) -> tuple[datetime | date, datetime | date]:
    """Start and end as calendars want them: dates for all-day events, DTEND the day after."""
    if not e.all_day:
        return e.start, e.end
    end = e.end.date() if e.end.time() == time(0) else e.end.date() + timedelta(days=1)
    return e.start.date(), end


def cal_event_of(e: EventView):  # -> CalEvent
    """The event as calendars see it, without organiser or attendees (a feed's entry).

    CATEGORIES carries the kind's label in the current language: calendar clients show it,
    and :data:`visitplanner.services.calendars.importing.KIND_WORDS` knows the labels of both
    languages, so a feed imported into another catalogue keeps its kinds.
    """
    from visitplanner.domain.enums import EventKind
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
        categories=(EventKind(e.kind).label,),
    )


def write_calendar_file(path: Path, data: bytes) -> None:
    """Writes a calendar file whole or not at all, creating its folder."""
    from visitplanner.atomic_files import write_bytes_atomic

    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(path, data)


@dataclass(frozen=True)
class FeedResult:
    """What a feed export wrote: how many events, and one sentence per event left out."""

    count: int
    skipped: tuple[str, ...] = ()


def write_feed(
    catalogue: Catalogue,
    path: str | Path,
    *,
    period: DayRange | None = None,
    dynamic_id: int | None = None,
) -> FeedResult:
    """All events (or those overlapping ``period``, or one dynamic's) as one .ics without
    METHOD, for CalDAV. An event calendars cannot carry (its end not after its start, a
    broken link) is left out and named in ``skipped``; the others are written."""
    from visitplanner.exchange.ical import build_feed, check_event

    events = _selected(catalogue, period, dynamic_id)
    entries, skipped = [], []
    for e in events:
        entry = cal_event_of(e)
        try:
            check_event(entry)
        except ValueError:
            reason = (
                _("its end is not after its start")
                if e.end <= e.start
                else _("calendars cannot read it")
            )
            skipped.append(
                _("“{title}” ({day}) was left out: {reason}.").format(
                    title=e.title, day=f"{e.start:%Y-%m-%d}", reason=reason
                )
            )
            continue
        entries.append(entry)
    target = Path(path)
    try:
        write_calendar_file(target, build_feed(entries, name=feed_name(catalogue)))
    except OSError as exc:
        raise UserError(
            _("Cannot write {path}: {reason}.").format(path=target, reason=exc.strerror or exc)
        ) from None
    return FeedResult(len(entries), tuple(skipped))


def _selected(
    catalogue: Catalogue, period: DayRange | None, dynamic_id: int | None
) -> list[EventView]:
    """The live events overlapping ``period`` (CalDAV rule, in SQL), in start order."""
    stmt = (
        select(Event)
        .where(Event.deleted_at.is_(None))
        .options(
            joinedload(Event.host),
            joinedload(Event.organiser),
            lazyload(Event.programme),  # a feed entry never reads it: never loaded
        )
        .order_by(Event.starts_at, Event.id)
    )
    lower, upper = period.bounds() if period is not None else (None, None)
    if upper is not None:
        stmt = stmt.where(Event.starts_at < upper)
    if lower is not None:
        stmt = stmt.where(or_(Event.ends_at > lower, Event.starts_at >= lower))
    if dynamic_id is not None:
        linked = select(EventDynamic.event_id).where(EventDynamic.dynamic_id == dynamic_id)
        stmt = stmt.where(Event.id.in_(linked))
    with catalogue.session() as session:
        return [event_view(e) for e in session.scalars(stmt).unique()]


def export_feed(
    catalogue: Catalogue,
    path: str | Path,
    *,
    period: DayRange | None = None,
    dynamic_id: int | None = None,
) -> int:
    """:func:`write_feed`, for callers that show only the number of events written."""
    return write_feed(catalogue, path, period=period, dynamic_id=dynamic_id).count
