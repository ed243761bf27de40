"""Warnings the event editor shows before and after saving: legal, but probably a mistake.

Errors stop a save (:mod:`.event_form`); warnings only inform, because the
coordinator may mean it: a seminar on Whit Monday, a few more people than the
room was booked for. Each message is one translated sentence naming what is
concerned, so it can be shown as is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from visitplanner.domain import validation as check
from visitplanner.domain.errors import ValidationError
from visitplanner.domain.holidays import holiday_name, in_alsace_moselle
from visitplanner.i18n import _, current_language
from visitplanner.services.events import form as ef
from visitplanner.services.events.lookup import find_event
from visitplanner.services.events.views import EventInput
from visitplanner.store.database import Catalogue
from visitplanner.store.models import Event, Host, Participation, Person

# Statuses that hold a place in a person's diary.
_EXPECTED = ("accepted", "tentative")


@dataclass(frozen=True)
class Warning:
    """Something to check; ``code`` is stable for tests and icons, ``message`` is for people."""

    code: str
    message: str


def _babel_locale() -> str:
    return "fr_FR" if current_language() == "fr" else "en_GB"


def _day_text(day: date) -> str:
    from babel.dates import format_date

    text = format_date(day, "EEEE d MMMM y", locale=_babel_locale())
    return text[:1].upper() + text[1:]


def _moment_text(moment: datetime) -> str:
    from babel.dates import format_datetime

    return format_datetime(moment, "d MMMM y, HH:mm", tzinfo=moment.tzinfo, locale=_babel_locale())


# --- wall-clock times that do not exist or happen twice ----------------------------------------


def _wall_clock(value: object, zone: ZoneInfo) -> tuple[datetime, ZoneInfo] | None:
    """The local time as the user typed it, when it was typed without an offset."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    if not isinstance(value, datetime):
        return None
    if value.tzinfo is None:
        return value, zone
    if isinstance(value.tzinfo, ZoneInfo):
        return value.replace(tzinfo=None), value.tzinfo
    return None  # a fixed offset names one instant


def _clock_messages(which: str) -> tuple[str, str]:
    if which == "start":
        return (
            _(
                "The start, {when}, does not exist in {zone} because the clocks go forward "
                "that night; choose another time ({kept} exists)."
            ),
            _(
                "The start, {when}, happens twice in {zone} because the clocks go back that "
                "night; the first one, in summer time, is kept."
            ),
        )
    return (
        _(
            "The end, {when}, does not exist in {zone} because the clocks go forward that "
            "night; choose another time ({kept} exists)."
        ),
        _(
            "The end, {when}, happens twice in {zone} because the clocks go back that night; "
            "the first one, in summer time, is kept."
        ),
    )


def _clock_warning(which: str, value: object, zone: ZoneInfo) -> Warning | None:
    """A local time in the spring gap (02:30 on the last Sunday of March in Paris) or in
    the autumn's repeated hour: the calendar would silently move or guess it."""
    found = _wall_clock(value, zone)
    if found is None:
        return None
    naive, where = found
    first, second = naive.replace(tzinfo=where, fold=0), naive.replace(tzinfo=where, fold=1)
    if first.utcoffset() == second.utcoffset():
        return None
    missing, twice = _clock_messages(which)
    when = _moment_text(naive.replace(tzinfo=UTC))
    kept = first.astimezone(UTC).astimezone(where)
    if kept.replace(tzinfo=None) != naive:
        message = missing.format(when=when, zone=where.key, kept=_moment_text(kept))
        return Warning("nonexistent_time", message)
    return Warning("ambiguous_time", twice.format(when=when, zone=where.key))


# --- the editor's checks ------------------------------------------------------------------------


def _days(start: datetime, end: datetime) -> list[date]:
    """The local days an event touches; a midnight end does not touch its day."""
    last = end.date()
    if end.time() == time() and end > start:
        last -= timedelta(days=1)
    return [start.date() + timedelta(days=n) for n in range((last - start.date()).days + 1)]


def _accepted(session: Session, event_id: int | None) -> int:
    if event_id is None:
        return 0
    stmt = select(func.count()).where(
        Participation.event_id == event_id, Participation.status == "accepted"
    )
    return session.scalar(stmt) or 0


def check_event(
    catalogue: Catalogue, data: EventInput, event_id: int | None = None
) -> list[Warning]:
    """What the editor should point out about the form before it is saved.

    Never raises on a bad field: saving reports those, naming the field.
    """
    try:
        zone = check.timezone(data.timezone, _("time zone"))
    except ValidationError:
        return []
    found: list[Warning] = []
    if not data.all_day:
        for which, value in (("start", data.start), ("end", data.end)):
            warning = _clock_warning(which, value, zone)
            if warning is not None:
                found.append(warning)
    try:
        start: datetime | None = ef.moment(data.start, _("start"), zone)
        end: datetime | None = ef.moment(data.end, _("end"), zone)
    except ValidationError:
        return found  # unreadable: saving names the field
    if data.all_day and start is not None and end is not None:
        try:
            start, end = ef.all_day_span(start, end, ef.is_date_only(data.end), zone)
        except ValidationError:
            start = end = None
    if start is None or end is None or end < start:
        found.append(Warning("end_before_start", _("The end comes before the start.")))
        start = end = None
    with catalogue.session() as session:
        host = session.get(Host, data.host_id) if data.host_id is not None else None
        if start is not None and end is not None:
            local_start, local_end = start.astimezone(zone), end.astimezone(zone)
            regional = host is not None and in_alsace_moselle(host.postal_code)
            for day in _days(local_start, local_end):
                name = holiday_name(day, alsace_moselle=regional)
                if name:
                    found.append(
                        Warning(
                            "public_holiday",
                            _("{day} is a public holiday in France ({name}).").format(
                                day=_day_text(day), name=name
                            ),
                        )
                    )
            if host is not None:
                found.extend(_host_booked(session, host, start, end, event_id))
        found.extend(_capacity(session, data, host, event_id))
    return found


def _capacity(
    session: Session, data: EventInput, host: Host | None, event_id: int | None
) -> list[Warning]:
    try:
        capacity = check.non_negative_int(data.capacity, _("capacity"))
    except ValidationError:
        capacity = None
    accepted = _accepted(session, event_id)
    found = []
    if capacity is not None and accepted > capacity:
        found.append(
            Warning(
                "over_capacity",
                _("More people have accepted ({n}) than the event has places ({capacity}).").format(
                    n=accepted, capacity=capacity
                ),
            )
        )
    if host is not None and host.capacity is not None:
        if accepted > host.capacity:
            message = _("More people have accepted ({n}) than {host} can receive ({capacity}).")
            found.append(
                Warning(
                    "host_capacity",
                    message.format(n=accepted, host=host.name, capacity=host.capacity),
                )
            )
        elif capacity is not None and capacity > host.capacity:
            message = _("The event offers more places ({n}) than {host} can receive ({capacity}).")
            found.append(
                Warning(
                    "host_capacity",
                    message.format(n=capacity, host=host.name, capacity=host.capacity),
                )
            )
    return found


def _host_booked(
    session: Session, host: Host, start: datetime, end: datetime, event_id: int | None
) -> list[Warning]:
    stmt = select(Event.title).where(
        Event.host_id == host.id,
        Event.deleted_at.is_(None),
        Event.status != "cancelled",
        Event.starts_at < end,
        Event.ends_at > start,
    )
    if event_id is not None:
        stmt = stmt.where(Event.id != event_id)
    return [
        Warning(
            "double_booking",
            _("{host} already receives “{title}” at that time.").format(host=host.name, title=t),
        )
        for t in session.scalars(stmt.order_by(Event.starts_at, Event.id))
    ]


# --- after saving: people expected elsewhere ---------------------------------------------


def participant_conflicts(catalogue: Catalogue, event_id: int) -> list[Warning]:
    """People on this list who are expected at another event at the same time.

    Counts, here, everyone who has not declined; elsewhere, those who accepted
    or may come, at events neither cancelled nor in the trash.
    """
    with catalogue.session() as session:
        e = find_event(session, event_id)
        if e.status == "cancelled":
            return []
        mine, theirs, other = aliased(Participation), aliased(Participation), aliased(Event)
        stmt = (
            select(Person, other.title, other.starts_at, other.timezone)
            .select_from(mine)
            .join(Person, Person.id == mine.person_id)
            .join(theirs, theirs.person_id == mine.person_id)
            .join(other, other.id == theirs.event_id)
            .where(
                mine.event_id == e.id,
                mine.status != "declined",
                theirs.status.in_(_EXPECTED),
                other.id != e.id,
                other.deleted_at.is_(None),
                other.status != "cancelled",
                other.starts_at < e.ends_at,
                other.ends_at > e.starts_at,
            )
            .order_by(Person.sort_key, Person.id, other.starts_at, other.id)
        )
        return [
            Warning(
                "double_booking",
                _("{name} is also expected at “{title}” on {when}.").format(
                    name=person.full_name,
                    title=title,
                    when=_moment_text(starts_at.astimezone(ZoneInfo(zone))),
                ),
            )
            for person, title, starts_at, zone in session.execute(stmt)
        ]
