"""Events, their programme and their participants: the planning use cases."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, fields
from datetime import datetime
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from visitplanner.domain import validation as check
from visitplanner.domain.enums import EventKind, EventStatus, ResponseStatus, Role
from visitplanner.domain.errors import NotFoundError, UserError, ValidationError
from visitplanner.i18n import _
from visitplanner.services import keys
from visitplanner.services.changes import Changes
from visitplanner.services.query import get_live, with_search
from visitplanner.store.database import Catalogue
from visitplanner.store.models import Event, EventDynamic, Host, Participation, Person
from visitplanner.store.types import utcnow

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
    location: str | None
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


@dataclass(frozen=True)
class EventDetail:
    event: EventView
    programme: tuple[ProgrammeItemView, ...]
    participants: tuple[ParticipantView, ...]

    def count(self, status: str) -> int:
        return sum(1 for p in self.participants if p.status == status)


# --- inputs -------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventInput:
    kind: str
    title: str
    start: str | datetime
    end: str | datetime
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


# --- conversions ----------------------------------------------------------------------------


def local(moment: datetime | None, zone: str) -> datetime | None:
    return moment.astimezone(ZoneInfo(zone)) if moment is not None else None


def event_view(e: Event) -> EventView:
    location = e.location
    if not location and e.host is not None:
        town = " ".join(p for p in (e.host.postal_code, e.host.city) if p)
        location = ", ".join(p for p in (e.host.name, e.host.address_line1, town) if p)
    visiting = tuple(link.dynamic.name for link in e.dynamic_links if link.side == "visiting")
    visited = tuple(link.dynamic.name for link in e.dynamic_links if link.side == "visited")
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
        visiting,
        visited,
    )


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
    )


def _fee_cents(value: str | Decimal | None) -> int | None:
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


def _moment(value: str | datetime, field_name: str, zone: ZoneInfo) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=zone)
    return check.parse_datetime(value, field_name, zone)


def _host(session: Session, host_id: int | None) -> int | None:
    if host_id is None:
        return None
    get_live(session, Host, host_id, _("No host organisation has id {id}.").format(id=host_id))
    return host_id


def _refresh_search_key(e: Event) -> None:
    e.search_key = keys.event_key(e.title, e.location, e.visit_question)


def new_uid() -> str:
    return f"{uuid.uuid4()}@{UID_DOMAIN}"


# --- events ---------------------------------------------------------------------------------


def create_event(catalogue: Catalogue, data: EventInput) -> Changes:
    zone = check.timezone(data.timezone, _("time zone"))
    start = _moment(data.start, _("start"), zone)
    end = _moment(data.end, _("end"), zone)
    check.end_after_start(start, end, _("end"))
    with catalogue.session() as session:
        e = Event(
            uid=new_uid(),
            sequence=0,
            kind=EventKind.parse(data.kind, _("kind")).value,
            title=check.required_text(data.title, _("title")),
            starts_at=start,
            ends_at=end,
            timezone=zone.key,
            all_day=bool(data.all_day),
            status=EventStatus.parse(data.status or "planned", _("status")).value,
            host_id=_host(session, data.host_id),
            location=check.optional_text(data.location, _("location"), 2000),
            online_url=check.optional_text(data.online_url, _("online link"), 1000),
            capacity=check.non_negative_int(data.capacity, _("capacity")),
            fee_cents=_fee_cents(data.fee),
            organiser_id=data.organiser_id,
            visit_question=check.optional_text(data.visit_question, _("visit question")),
            objectives=check.optional_text(data.objectives, _("objectives")),
        )
        if data.organiser_id is not None:
            get_live(
                session,
                Person,
                data.organiser_id,
                _("No person has id {id}.").format(id=data.organiser_id),
            )
        _refresh_search_key(e)
        session.add(e)
        session.flush()
        return Changes.of(created=[("event", e.id)])


# Changes the attendees' calendars must hear about (RFC 5546: bump SEQUENCE).
_SIGNIFICANT = {"start", "end", "timezone", "status", "host_id", "location"}


def update_event(catalogue: Catalogue, reference: str | int, patch: EventPatch) -> Changes:
    with catalogue.session() as session:
        e = _find_event(session, reference)
        given = {f.name for f in fields(patch) if getattr(patch, f.name) is not None}
        if not given:
            raise UserError(_("Nothing to change: give at least one field."))
        zone = check.timezone(patch.timezone or e.timezone, _("time zone"))
        before = (e.starts_at, e.ends_at, e.timezone, e.status, e.host_id, e.location)
        if patch.kind is not None:
            e.kind = EventKind.parse(patch.kind, _("kind")).value
        if patch.title is not None:
            e.title = check.required_text(patch.title, _("title"))
        start = _moment(patch.start, _("start"), zone) if patch.start is not None else e.starts_at
        end = _moment(patch.end, _("end"), zone) if patch.end is not None else e.ends_at
        check.end_after_start(start, end, _("end"))
        e.starts_at, e.ends_at, e.timezone = start, end, zone.key
        if patch.status is not None:
            e.status = EventStatus.parse(patch.status, _("status")).value
        if patch.host_id is not None:
            e.host_id = _host(session, patch.host_id)
        if patch.location is not None:
            e.location = check.optional_text(patch.location, _("location"), 2000)
        if patch.online_url is not None:
            e.online_url = check.optional_text(patch.online_url, _("online link"), 1000)
        if patch.capacity is not None:
            e.capacity = check.non_negative_int(patch.capacity, _("capacity"))
        if patch.fee is not None:
            e.fee_cents = _fee_cents(patch.fee)
        if patch.visit_question is not None:
            e.visit_question = check.optional_text(patch.visit_question, _("visit question"))
        if patch.objectives is not None:
            e.objectives = check.optional_text(patch.objectives, _("objectives"))
        after = (e.starts_at, e.ends_at, e.timezone, e.status, e.host_id, e.location)
        if before != after and _invitations_sent(session, e.id):
            e.sequence += 1
        _refresh_search_key(e)
        return Changes.of(updated=[("event", e.id)])


def _invitations_sent(session: Session, event_id: int) -> bool:
    stmt = select(func.count()).where(
        Participation.event_id == event_id, Participation.invited_at.is_not(None)
    )
    return bool(session.scalar(stmt))


def _find_event(session: Session, reference: str | int) -> Event:
    ref = str(reference).strip()
    if ref.isdigit():
        e = session.get(Event, int(ref))
    else:
        e = session.scalar(select(Event).where(Event.uid == ref))
    if e is None or e.deleted_at is not None:
        raise NotFoundError(_("No event matches “{ref}”.").format(ref=ref))
    return e


def get_event(catalogue: Catalogue, reference: str | int) -> EventDetail:
    with catalogue.session() as session:
        e = _find_event(session, reference)
        programme = tuple(
            ProgrammeItemView(
                local(item.starts_at, e.timezone),
                local(item.ends_at, e.timezone),
                item.title,
                item.speaker,
            )
            for item in e.programme
        )
        participants = sorted(e.participations, key=lambda p: (p.person.sort_key, p.person.id))
        return EventDetail(
            event_view(e), programme, tuple(participant_view(p) for p in participants)
        )


def list_events(
    catalogue: Catalogue,
    search: str | None = None,
    kind: str | None = None,
    status: str | None = None,
    start_from: datetime | None = None,
    start_to: datetime | None = None,
    limit: int | None = None,
) -> list[EventView]:
    with catalogue.session() as session:
        stmt = select(Event).where(Event.deleted_at.is_(None))
        stmt = with_search(stmt, Event.search_key, search)
        if kind:
            stmt = stmt.where(Event.kind == kind)
        if status:
            stmt = stmt.where(Event.status == status)
        if start_from is not None:
            stmt = stmt.where(Event.starts_at >= start_from)
        if start_to is not None:
            stmt = stmt.where(Event.starts_at < start_to)
        stmt = stmt.order_by(Event.starts_at, Event.id).limit(limit)
        return [event_view(e) for e in session.scalars(stmt)]


def link_dynamic(catalogue: Catalogue, event_id: int, dynamic_id: int, side: str) -> Changes:
    if side not in ("visiting", "visited"):
        raise ValidationError(_("side"), _("choose visiting or visited."))
    with catalogue.session() as session:
        e = _find_event(session, event_id)
        if not any(k.dynamic_id == dynamic_id and k.side == side for k in e.dynamic_links):
            e.dynamic_links.append(EventDynamic(dynamic_id=dynamic_id, side=side))
        return Changes.of(updated=[("event", e.id)])


# --- participants ------------------------------------------------------------------------------


def accepted_count(session: Session, event_id: int) -> int:
    stmt = select(func.count()).where(
        Participation.event_id == event_id, Participation.status == ResponseStatus.ACCEPTED.value
    )
    return session.scalar(stmt) or 0


def _next_waitlist_position(session: Session, event_id: int) -> int:
    stmt = select(func.max(Participation.waitlist_position)).where(
        Participation.event_id == event_id
    )
    return (session.scalar(stmt) or 0) + 1


@dataclass(frozen=True)
class AddOutcome:
    changes: Changes
    status: str
    waitlist_position: int | None


def add_participant(
    catalogue: Catalogue,
    event_reference: str | int,
    person_id: int,
    role: str = "participant",
    status: str = "invited",
    notes: str | None = None,
) -> AddOutcome:
    """Adds a person; accepting beyond capacity puts them on the waiting list, in order."""
    role_code = Role.parse(role, _("role")).value
    status_code = ResponseStatus.parse(status, _("status")).value
    with catalogue.session() as session:
        e = _find_event(session, event_reference)
        person = get_live(
            session, Person, person_id, _("No person has id {id}.").format(id=person_id)
        )
        existing = session.scalar(
            select(Participation).where(
                Participation.event_id == e.id, Participation.person_id == person.id
            )
        )
        if existing is not None:
            raise UserError(
                _("{name} is already on the list of “{title}”.").format(
                    name=person.full_name, title=e.title
                )
            )
        position = None
        if status_code == ResponseStatus.WAITLISTED.value or (
            status_code == ResponseStatus.ACCEPTED.value
            and e.capacity is not None
            and accepted_count(session, e.id) >= e.capacity
        ):
            status_code = ResponseStatus.WAITLISTED.value
            position = _next_waitlist_position(session, e.id)
        p = Participation(
            event_id=e.id,
            person_id=person.id,
            role=role_code,
            status=status_code,
            waitlist_position=position,
            notes=check.optional_text(notes, _("notes")),
            responded_at=utcnow() if status_code != ResponseStatus.INVITED.value else None,
        )
        session.add(p)
        session.flush()
        return AddOutcome(
            Changes.of(created=[("participation", p.id)], updated=[("event", e.id)]),
            status_code,
            position,
        )
