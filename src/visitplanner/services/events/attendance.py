"""Who came: the half-days an event covers and the boxes of its signed sign-in sheet.

Funders ask for attendance per half-day ("feuille d'émargement"); the sheet's
columns come from :func:`half_days` and the coordinator copies the signed boxes
back with :func:`record_attendance_bulk`. Re-exported by :mod:`.participants`,
where the event editor looks for everything about its list.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, lazyload

from visitplanner.domain.enums import HalfDay
from visitplanner.domain.errors import UserError, ValidationError
from visitplanner.i18n import _
from visitplanner.services.changes import ChangeKind, Changes
from visitplanner.services.events.lookup import find_event
from visitplanner.services.events.views import EventView, event_view
from visitplanner.store.database import Catalogue
from visitplanner.store.models import Attendance, Event, Participation, Person

_AM_ENDS, _PM_STARTS = time(13), time(14)


def half_days(event: EventView) -> list[tuple[date, str]]:
    """The mornings and afternoons the event covers, in its own time zone: the sheet's columns.

    A day's morning counts when the event is there before 13:00, its afternoon
    when the event lasts until 14:00 or later (09:00-12:30 is a morning,
    14:00-17:00 an afternoon, 09:30-17:00 both).
    """
    start, end = event.start.replace(tzinfo=None), event.end.replace(tzinfo=None)
    found: list[tuple[date, str]] = []
    day = start.date()
    while datetime.combine(day, time()) < end:
        midnight = datetime.combine(day, time())
        seg_start, seg_end = max(start, midnight), min(end, midnight + timedelta(days=1))
        if seg_end > seg_start:
            morning = seg_start < datetime.combine(day, _AM_ENDS)
            if morning:
                found.append((day, HalfDay.MORNING.value))
            if seg_end >= datetime.combine(day, _PM_STARTS) or not morning:
                found.append((day, HalfDay.AFTERNOON.value))
        day += timedelta(days=1)
    return found


def _write_attendance(
    session: Session, e: Event, rows: Sequence[tuple[int, date, str, bool]]
) -> Changes:
    covered = set(half_days(event_view(e)))
    stmt = (
        select(Participation)
        .where(Participation.event_id == e.id)
        .options(lazyload(Participation.person))
    )
    by_person = {p.person_id: p for p in session.scalars(stmt)}
    touched = []
    for person_id, day, half_day, present in rows:
        half = HalfDay.parse(half_day, _("half-day")).value
        if (day, half) not in covered:
            raise ValidationError(
                _("half-day"),
                _("“{title}” does not take place on {day} ({half}).").format(
                    title=e.title, day=day.isoformat(), half=HalfDay(half).label.lower()
                ),
            )
        p = by_person.get(person_id)
        if p is None:
            person = session.get(Person, person_id)
            raise UserError(
                _("{name} is not on the list of “{title}”.").format(
                    name=person.full_name if person else person_id, title=e.title
                )
            )
        mark = session.get(Attendance, (p.id, day, half))
        if mark is None:
            session.add(Attendance(participation_id=p.id, day=day, half_day=half, present=present))
        else:
            mark.present = bool(present)
        touched.append((ChangeKind.PARTICIPATION, p.id))
    return Changes.of(updated=[(ChangeKind.EVENT, e.id), *touched])


def record_attendance(
    catalogue: Catalogue,
    event_ref: str | int,
    person_id: int,
    day: date,
    half_day: str,
    present: bool,
) -> Changes:
    """Copies one box of the signed sheet: present or absent for one half-day."""
    with catalogue.session() as session:
        return _write_attendance(
            session, find_event(session, event_ref), [(person_id, day, half_day, present)]
        )


def record_attendance_bulk(
    catalogue: Catalogue, event_ref: str | int, rows: Sequence[tuple[int, date, str, bool]]
) -> Changes:
    """Copies a whole signed sheet in one transaction: (person id, day, "am"/"pm", present)."""
    with catalogue.session() as session:
        return _write_attendance(session, find_event(session, event_ref), rows)
