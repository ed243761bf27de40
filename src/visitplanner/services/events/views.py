"""What the planning use cases read and take: event views, form inputs, conversions.

Split from :mod:`visitplanner.services.events.planning`, which imports every name back; the
views are plain frozen data so that windows and the command line never hold a session.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from visitplanner.store.models import Event, Participation

UID_DOMAIN = "visitplanner"

# --- read models ----------------------------------------------------------------------


@dataclass(frozen=True)
class ProgrammeItemView:
    start: datetime | None
    end: datetime | None
    title: str
    speaker: str | None


@dataclass(frozen=True)
class ParticipantView:
    participation_id: int
    person_id: int
    name: str
    email: str | None
    organisation: str | None
    actor_type: str | None
    role: str
    status: str
    waitlist_position: int | None
    to_notify: bool
    invited_at: datetime | None
    notes: str | None
    # (day, "am" | "pm", present) from the signed sheet, in day order.
    attendance: tuple[tuple[date, str, bool], ...] = ()
    # Delegation (iTIP): whom this person passed their place to, or who passed it to them.
    delegated_to: str | None = None
    delegated_from: str | None = None


@dataclass(frozen=True)
class EventView:
    id: int
    uid: str
    sequence: int
    kind: str
    title: str
    start: datetime
    end: datetime
    timezone: str
    all_day: bool
    status: str
    location: str | None  # what to show: the typed place, else the host's address
    host_id: int | None
    host_name: str | None
    online_url: str | None
    capacity: int | None
    fee_cents: int | None
    organiser_id: int | None
    organiser_name: str | None
    visit_question: str | None
    objectives: str | None
    visiting_dynamics: tuple[str, ...]
    visited_dynamics: tuple[str, ...]
    visiting_dynamic_ids: tuple[int, ...] = ()  # same order as visiting_dynamics
    visited_dynamic_ids: tuple[int, ...] = ()  # same order as visited_dynamics
    # The place typed for this event, None when the host's address stands for it:
    # what the editor edits (``location`` above is what a list shows).
    own_location: str | None = None
    organiser_email: str | None = None
    version: int = field(default=0, compare=False)  # as PersonView's


@dataclass(frozen=True)
class EventDetail:
    event: EventView
    programme: tuple[ProgrammeItemView, ...]
    participants: tuple[ParticipantView, ...]

    def count(self, status: str) -> int:
        return sum(1 for p in self.participants if p.status == status)


# --- inputs -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgrammeItemInput:
    """One line of the programme; a time alone ("10:30") is on the event's first day."""

    title: str
    start: str | datetime | None = None
    end: str | datetime | None = None
    speaker: str | None = None


@dataclass(frozen=True)
class EventInput:
    """The event editor's whole form.

    All-day events: ``start`` is the first day and ``end`` the last day, given as
    dates (the last day included), or as date-times where a midnight ``end`` is
    the exclusive end as in iCalendar; they are stored from the first midnight to
    the midnight after the last day.
    """

    kind: str
    title: str
    start: str | datetime | date
    end: str | datetime | date
    timezone: str = "Europe/Paris"
    all_day: bool = False
    status: str = "planned"
    host_id: int | None = None
    location: str | None = None
    online_url: str | None = None
    capacity: int | str | None = None
    fee: str | Decimal | None = None
    organiser_id: int | None = None
    visit_question: str | None = None
    objectives: str | None = None
    programme: Sequence[ProgrammeItemInput] = ()
    visiting_dynamic_ids: Sequence[int] = ()
    visited_dynamic_ids: Sequence[int] = ()
    # The version the form loaded; None: last write wins (command line, imports, undo).
    expected_version: int | None = None


@dataclass(frozen=True)
class EventPatch:
    """Only the fields given (not ``None``) change."""

    kind: str | None = None
    title: str | None = None
    start: str | datetime | None = None
    end: str | datetime | None = None
    timezone: str | None = None
    status: str | None = None
    host_id: int | None = None
    location: str | None = None
    online_url: str | None = None
    capacity: int | str | None = None
    fee: str | Decimal | None = None
    visit_question: str | None = None
    objectives: str | None = None
    all_day: bool | None = None  # True: whole days from the start's day to the end's day
    organiser_id: int | None = None


# --- conversions ----------------------------------------------------------------------------


def local(moment: datetime | None, zone: str) -> datetime | None:
    return moment.astimezone(ZoneInfo(zone)) if moment is not None else None


def event_view(e: Event) -> EventView:
    location = e.location
    if not location and e.host is not None:
        town = " ".join(p for p in (e.host.postal_code, e.host.city) if p)
        location = ", ".join(p for p in (e.host.name, e.host.address_line1, town) if p)
    visiting = [link for link in e.dynamic_links if link.side == "visiting"]
    visited = [link for link in e.dynamic_links if link.side == "visited"]
    return EventView(
        e.id,
        e.uid,
        e.sequence,
        e.kind,
        e.title,
        local(e.starts_at, e.timezone),
        local(e.ends_at, e.timezone),
        e.timezone,
        e.all_day,
        e.status,
        location,
        e.host_id,
        e.host.name if e.host else None,
        e.online_url,
        e.capacity,
        e.fee_cents,
        e.organiser_id,
        e.organiser.full_name if e.organiser else None,
        e.visit_question,
        e.objectives,
        tuple(link.dynamic.name for link in visiting),
        tuple(link.dynamic.name for link in visited),
        tuple(link.dynamic_id for link in visiting),
        tuple(link.dynamic_id for link in visited),
        e.location,
        organiser_email=e.organiser.email if e.organiser else None,
        version=e.version,
    )


def last_day(event: EventView) -> date:
    """The last day an event covers, in its zone, for lists, forms and the calendar alike.

    An event ending at midnight does not spill onto the next day (all-day events run from
    one midnight to another); an event ending when it starts covers that one day.
    """
    if event.end <= event.start:
        return event.start.date()
    return (event.end - timedelta(microseconds=1)).date()


def participant_view(p: Participation) -> ParticipantView:
    person = p.person
    return ParticipantView(
        p.id,
        person.id,
        person.full_name,
        person.email,
        person.organisation,
        person.actor_type,
        p.role,
        p.status,
        p.waitlist_position,
        p.to_notify,
        p.invited_at,
        p.notes,
        tuple((a.day, a.half_day, a.present) for a in p.attendance),
        p.delegated_to,
        p.delegated_from,
    )


def new_uid() -> str:
    return f"{uuid.uuid4()}@{UID_DOMAIN}"
