"""The event editor's form, checked and written: one set of rules for creating and saving.

Kept apart from :mod:`.planning` (which owns the public inputs and read models)
so that checking a form, which the editor and the warnings both need, reads as
one idea. Every error names the field the user must fix.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from visitplanner.domain import validation as check
from visitplanner.domain.enums import EventKind, EventStatus
from visitplanner.domain.errors import ValidationError
from visitplanner.i18n import _
from visitplanner.services import search_keys as keys
from visitplanner.services.query import get_live
from visitplanner.store.models import Dynamic, Event, EventDynamic, Host, Person, ProgrammeItem

if TYPE_CHECKING:
    from visitplanner.services.events.views import EventInput, ProgrammeItemInput

Line = tuple[datetime | None, datetime | None, str, str | None]


def fee_cents(value: str | Decimal | None) -> int | None:
    """Whole cents from what people type ("15,50 €"): exact, and the same on every database."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        amount = Decimal(str(value).strip().replace(",", ".").replace("€", "").strip())
    except InvalidOperation:
        raise ValidationError(
            _("fee"), _("“{value}” is not an amount.").format(value=value)
        ) from None
    if amount < 0:
        raise ValidationError(_("fee"), _("the number cannot be negative."))
    return int((amount * 100).to_integral_value())


def moment(value: str | datetime | date, field_name: str, zone: ZoneInfo) -> datetime:
    """An aware moment; a wall-clock time or a date without offset is read in ``zone``.

    A wall-clock time the zone skips (02:30 on the night clocks go forward) is
    refused, naming the field: no calendar can show it, and each would move it
    differently. A time that happens twice (clocks going back) is the first
    one, summer time; the editor's warnings say so (:mod:`.warnings`).
    """
    if isinstance(value, datetime):
        found = value if value.tzinfo else value.replace(tzinfo=zone)
    elif isinstance(value, date):
        found = datetime.combine(value, time(), zone)
    else:
        found = check.parse_datetime(value, field_name, zone)
    if isinstance(found.tzinfo, ZoneInfo) and not exists(found):
        raise ValidationError(
            field_name,
            _(
                "{time} does not exist on {day} in {zone}: the clocks go forward that night. "
                "Choose another time."
            ).format(time=f"{found:%H:%M}", day=f"{found:%Y-%m-%d}", zone=found.tzinfo.key),
        )
    return found


def exists(local: datetime) -> bool:
    """Whether a wall-clock time in a ``ZoneInfo`` zone really happens (not in a DST gap)."""
    from datetime import UTC

    back = local.astimezone(UTC).astimezone(local.tzinfo)
    return back.replace(tzinfo=None) == local.replace(tzinfo=None)


def check_span(start: datetime, end: datetime, all_day: bool) -> None:
    """A timed event ends strictly after it starts: a zero-length one cannot be sent as an
    invitation (RFC 5545 needs DTEND after DTSTART) and is almost always a typing slip."""
    if end < start or (end == start and not all_day):
        message = (
            _("the end comes before the start.")
            if end < start
            else _("the end is the same as the start; an event needs some length.")
        )
        raise ValidationError(_("end"), message)


def is_date_only(value: str | datetime | date) -> bool:
    """Whether the user gave a day rather than a moment (an all-day event's last day)."""
    if isinstance(value, datetime):
        return False
    return isinstance(value, date) or ("T" not in value.strip() and " " not in value.strip())


def all_day_span(
    start: datetime, end: datetime, end_is_date: bool, zone: ZoneInfo
) -> tuple[datetime, datetime]:
    """From the first day's midnight to the midnight after the last day (iCalendar's rule)."""
    first = start.astimezone(zone).date()
    local_end = end.astimezone(zone)
    after = local_end.date()
    if end_is_date or local_end.time() != time() or after <= first:
        after += timedelta(days=1)  # the end names the last day itself
    if after <= first:
        raise ValidationError(_("end"), _("the end comes before the start."))
    return datetime.combine(first, time(), zone), datetime.combine(after, time(), zone)


def programme_moment(
    value: str | datetime | None, first_day: date, zone: ZoneInfo, n: int
) -> datetime | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str) and ":" in value and "-" not in value.strip()[:5]:
        try:
            found = datetime.combine(first_day, time.fromisoformat(value.strip()), zone)
        except ValueError:
            pass
        else:
            if exists(found):
                return found
            raise ValidationError(
                _("programme"),
                _("line {n}: {value} does not exist that day: the clocks go forward.").format(
                    n=n, value=value.strip()
                ),
            )
    try:
        return moment(value, _("programme"), zone)
    except ValidationError:
        raise ValidationError(
            _("programme"),
            _("line {n}: “{value}” is not a time like 10:30.").format(n=n, value=value),
        ) from None


def programme_lines(
    items: Sequence[ProgrammeItemInput], first_day: date, zone: ZoneInfo
) -> tuple[Line, ...]:
    """The programme in the order given; errors say which line, counted from 1."""
    found = []
    for n, item in enumerate(items, start=1):
        title = (item.title or "").strip()
        if not title:
            raise ValidationError(_("programme"), _("line {n}: the title is missing.").format(n=n))
        start = programme_moment(item.start, first_day, zone, n)
        end = programme_moment(item.end, first_day, zone, n)
        if end is not None and start is None:
            raise ValidationError(_("programme"), _("line {n}: an end needs a start.").format(n=n))
        if start is not None and end is not None and end < start:
            raise ValidationError(
                _("programme"), _("line {n}: the end comes before the start.").format(n=n)
            )
        speaker = check.optional_text(item.speaker, _("programme"), 300)
        found.append((start, end, title[:300], speaker))
    return tuple(found)


@dataclass(frozen=True)
class Form:
    """An :class:`EventInput` checked and converted, before any database work."""

    kind: str
    title: str
    start: datetime
    end: datetime
    timezone: str
    all_day: bool
    status: str
    host_id: int | None
    location: str | None
    online_url: str | None
    capacity: int | None
    fee_cents: int | None
    organiser_id: int | None
    visit_question: str | None
    objectives: str | None
    programme: tuple[Line, ...]
    links: frozenset[tuple[int, str]] = field(default_factory=frozenset)


def check_form(data: EventInput) -> Form:
    """Checks every field in the form's order, so the first error is the first field."""
    kind = EventKind.parse(data.kind, _("kind")).value
    title = check.required_text(data.title, _("title"))
    zone = check.timezone(data.timezone, _("time zone"))
    start = moment(data.start, _("start"), zone)
    end = moment(data.end, _("end"), zone)
    if data.all_day:
        start, end = all_day_span(start, end, is_date_only(data.end), zone)
    check_span(start, end, bool(data.all_day))
    links = frozenset(
        [(int(i), "visiting") for i in data.visiting_dynamic_ids]
        + [(int(i), "visited") for i in data.visited_dynamic_ids]
    )
    return Form(
        kind=kind,
        title=title,
        start=start,
        end=end,
        timezone=zone.key,
        all_day=bool(data.all_day),
        status=EventStatus.parse(data.status or "planned", _("status")).value,
        host_id=data.host_id,
        location=check.optional_text(data.location, _("location"), 2000),
        online_url=check.optional_text(data.online_url, _("online link"), 1000),
        capacity=check.non_negative_int(data.capacity, _("capacity")),
        fee_cents=fee_cents(data.fee),
        organiser_id=data.organiser_id,
        visit_question=check.optional_text(data.visit_question, _("visit question")),
        objectives=check.optional_text(data.objectives, _("objectives")),
        programme=programme_lines(data.programme, start.astimezone(zone).date(), zone),
        links=links,
    )


def check_host(session: Session, host_id: int | None) -> int | None:
    """The id, once sure it names a live host organisation."""
    if host_id is None:
        return None
    get_live(session, Host, host_id, _("No host organisation has id {id}.").format(id=host_id))
    return host_id


def refresh_search_key(e: Event) -> None:
    """Search finds events by the folded title, place and question: kept in step on every write."""
    e.search_key = keys.event_key(e.title, e.location, e.visit_question)


def significant(e: Event) -> tuple[object, ...]:
    """What attendees' calendars must hear about (RFC 5546 bumps SEQUENCE when it changes)."""
    return (e.starts_at, e.ends_at, e.timezone, e.all_day, e.status, e.host_id, e.location)


def apply_form(session: Session, e: Event, form: Form) -> None:
    """Writes the form onto the event; references are checked only when they change,
    so an event whose host went to the trash can still be saved as it is."""
    if form.host_id != e.host_id:
        check_host(session, form.host_id)
    if form.organiser_id is not None and form.organiser_id != e.organiser_id:
        get_live(
            session,
            Person,
            form.organiser_id,
            _("No person has id {id}.").format(id=form.organiser_id),
        )
    e.kind, e.title, e.status = form.kind, form.title, form.status
    e.starts_at, e.ends_at, e.timezone, e.all_day = (
        form.start,
        form.end,
        form.timezone,
        form.all_day,
    )
    e.host_id, e.location, e.online_url = form.host_id, form.location, form.online_url
    e.capacity, e.fee_cents, e.organiser_id = form.capacity, form.fee_cents, form.organiser_id
    e.visit_question, e.objectives = form.visit_question, form.objectives
    current = [(i.starts_at, i.ends_at, i.title, i.speaker) for i in e.programme]
    if current != list(form.programme):
        e.programme = [
            ProgrammeItem(position=n, starts_at=s, ends_at=f, title=t, speaker=sp)
            for n, (s, f, t, sp) in enumerate(form.programme)
        ]
    have = {(k.dynamic_id, k.side) for k in e.dynamic_links}
    for dynamic_id, _side in sorted(form.links - have):
        get_live(session, Dynamic, dynamic_id, _("No dynamic has id {id}.").format(id=dynamic_id))
    e.dynamic_links = [k for k in e.dynamic_links if (k.dynamic_id, k.side) in form.links] + [
        EventDynamic(dynamic_id=i, side=side) for i, side in sorted(form.links - have)
    ]
    refresh_search_key(e)
