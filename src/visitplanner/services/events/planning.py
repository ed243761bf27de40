"""Events, their programme and their participants: the planning use cases.

The event editor saves the whole form at once (:func:`save_event`), the command
line changes a few fields (:func:`update_event`); both follow the same rules, in
particular RFC 5546's: once invitations went out, a change the attendees'
calendars must hear about bumps the event's ``SEQUENCE``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, lazyload, selectinload

from visitplanner.domain import validation as check
from visitplanner.domain.enums import EventKind, EventStatus, ResponseStatus, Role
from visitplanner.domain.errors import UserError, ValidationError
from visitplanner.i18n import _
from visitplanner.services.changes import ChangeKind, Changes
from visitplanner.services.events import form as ef
from visitplanner.services.events.lookup import find_event
from visitplanner.services.events.views import (  # noqa: F401  (importable from here too)
    UID_DOMAIN,
    EventDetail,
    EventInput,
    EventPatch,
    EventView,
    ParticipantView,
    ProgrammeItemInput,
    ProgrammeItemView,
    event_view,
    last_day,
    local,
    new_uid,
    participant_view,
)
from visitplanner.services.query import get_live, with_search
from visitplanner.services.team.edit_conflicts import check_version
from visitplanner.store.database import Catalogue
from visitplanner.store.models import (
    Event,
    EventDynamic,
    Participation,
    Person,
    ProgrammeItem,
)
from visitplanner.store.types import utcnow

# Changes the attendees' calendars must hear about (RFC 5546: bump SEQUENCE).
_SIGNIFICANT = {"start", "end", "timezone", "status", "host_id", "location"}


# --- events ---------------------------------------------------------------------------------


def create_event(catalogue: Catalogue, data: EventInput) -> Changes:
    return save_event(catalogue, None, data)


def save_event(catalogue: Catalogue, event_id: int | None, data: EventInput) -> Changes:
    """Creates the event (``event_id`` None) or replaces all it holds with the form.

    The programme takes the order given; links to dynamics become exactly those
    given. A raised capacity gives the freed places to the waiting list, in order.
    """
    checked = ef.check_form(data)
    with catalogue.session() as session:
        if event_id is None:
            e = Event(uid=new_uid(), sequence=0)
            ef.apply_form(session, e, checked)
            session.add(e)
            session.flush()
            return Changes.of(created=[(ChangeKind.EVENT, e.id)])
        e = find_event(session, event_id, lock=True)  # the row is ours: no save slips in
        check_version(
            session, "event", e, data.expected_version, lambda row: event_detail(session, row)
        )
        before, capacity = ef.significant(e), e.capacity
        ef.apply_form(session, e, checked)
        if before != ef.significant(e) and _issued(session, e):
            e.sequence += 1
        changes = Changes.of(updated=[(ChangeKind.EVENT, e.id)])
        return changes | _after_capacity(session, e, capacity)


def _after_capacity(session: Session, e: Event, before: int | None) -> Changes:
    """Places opened by a higher (or no) capacity go to the waiting list, first come first."""
    raised = before is not None and (e.capacity is None or e.capacity > before)
    if not raised:
        return Changes()
    from visitplanner.services.events.participants import fill_places

    promoted = fill_places(session, e, freed=None)
    return Changes.of(updated=[(ChangeKind.PARTICIPATION, p.id) for p in promoted])


def event_input(detail: EventDetail) -> EventInput:
    """The form that gives the event exactly the state ``detail`` shows (undo, editing)."""
    view = detail.event
    fee = None if view.fee_cents is None else Decimal(view.fee_cents) / 100
    return EventInput(
        kind=view.kind,
        title=view.title,
        start=view.start,
        end=view.end,
        timezone=view.timezone,
        all_day=view.all_day,
        status=view.status,
        host_id=view.host_id,
        location=view.own_location,
        online_url=view.online_url,
        capacity=view.capacity,
        fee=fee,
        organiser_id=view.organiser_id,
        visit_question=view.visit_question,
        objectives=view.objectives,
        programme=tuple(
            ProgrammeItemInput(i.title, i.start, i.end, i.speaker) for i in detail.programme
        ),
        visiting_dynamic_ids=view.visiting_dynamic_ids,
        visited_dynamic_ids=view.visited_dynamic_ids,
    )


def update_event(catalogue: Catalogue, reference: str | int, patch: EventPatch) -> Changes:
    with catalogue.session() as session:
        e = find_event(session, reference, lock=True)
        given = {f.name for f in fields(patch) if getattr(patch, f.name) is not None}
        if not given:
            raise UserError(_("Nothing to change: give at least one field."))
        zone = check.timezone(patch.timezone or e.timezone, _("time zone"))
        before, capacity = ef.significant(e), e.capacity
        if patch.kind is not None:
            e.kind = EventKind.parse(patch.kind, _("kind")).value
        if patch.title is not None:
            e.title = check.required_text(patch.title, _("title"))
        start = ef.moment(patch.start, _("start"), zone) if patch.start is not None else e.starts_at
        end = ef.moment(patch.end, _("end"), zone) if patch.end is not None else e.ends_at
        all_day = e.all_day if patch.all_day is None else bool(patch.all_day)
        if all_day:
            end_is_date = patch.end is not None and ef.is_date_only(patch.end)
            start, end = ef.all_day_span(start, end, end_is_date, zone)
        ef.check_span(start, end, all_day)
        e.starts_at, e.ends_at, e.timezone, e.all_day = start, end, zone.key, all_day
        if patch.organiser_id is not None:
            e.organiser_id = get_live(
                session,
                Person,
                patch.organiser_id,
                _("No person has id {id}.").format(id=patch.organiser_id),
            ).id
        if patch.status is not None:
            e.status = EventStatus.parse(patch.status, _("status")).value
        if patch.host_id is not None:
            e.host_id = ef.check_host(session, patch.host_id)
        if patch.location is not None:
            e.location = check.optional_text(patch.location, _("location"), 2000)
        if patch.online_url is not None:
            e.online_url = check.optional_text(patch.online_url, _("online link"), 1000)
        if patch.capacity is not None:
            e.capacity = check.non_negative_int(patch.capacity, _("capacity"))
        if patch.fee is not None:
            e.fee_cents = ef.fee_cents(patch.fee)
        if patch.visit_question is not None:
            e.visit_question = check.optional_text(patch.visit_question, _("visit question"))
        if patch.objectives is not None:
            e.objectives = check.optional_text(patch.objectives, _("objectives"))
        if before != ef.significant(e) and _issued(session, e):
            e.sequence += 1
        ef.refresh_search_key(e)
        changes = Changes.of(updated=[(ChangeKind.EVENT, e.id)])
        return changes | _after_capacity(session, e, capacity)


def _issued(session: Session, e: Event) -> bool:
    """Whether an invitation has left the app (queued, sent, or exported as a file): then
    attendees' calendars may hold the event, and each significant change raises SEQUENCE
    (RFC 5546), so that the window offers to send the update every time."""
    if e.issued_sequence is not None:
        return True
    stmt = select(func.count()).where(
        Participation.event_id == e.id, Participation.invited_at.is_not(None)
    )
    return bool(session.scalar(stmt))


def trash_event(catalogue: Catalogue, event_id: int) -> Changes:
    """Moves the event to the trash: hidden everywhere, restorable with its list and debrief."""
    with catalogue.session() as session:
        e = find_event(session, event_id)
        e.deleted_at = utcnow()
        return Changes.of(deleted=[(ChangeKind.EVENT, e.id)])


def duplicate_event(catalogue: Catalogue, event_id: int, start: datetime | date) -> Changes:
    """A new draft of the same event at another date, to organise the next edition.

    Everything that describes the event is copied, with the programme moved by
    the same wall-clock shift (10:00 stays 10:00 across a time change); the list
    of participants and the replies are not, and the copy has its own UID.
    """
    with catalogue.session() as session:
        e = find_event(session, event_id)
        zone = ZoneInfo(e.timezone)
        old_start = e.starts_at.astimezone(zone).replace(tzinfo=None)
        new_start = ef.moment(start, _("start"), zone).astimezone(zone).replace(tzinfo=None)
        if e.all_day:
            new_start = datetime.combine(new_start.date(), time())
        shift = new_start - old_start

        def moved(moment: datetime | None) -> datetime | None:
            if moment is None:
                return None
            return (moment.astimezone(zone).replace(tzinfo=None) + shift).replace(tzinfo=zone)

        copy = Event(
            uid=new_uid(),
            sequence=0,
            kind=e.kind,
            title=e.title,
            visit_question=e.visit_question,
            objectives=e.objectives,
            starts_at=moved(e.starts_at),
            ends_at=moved(e.ends_at),
            timezone=e.timezone,
            all_day=e.all_day,
            host_id=e.host_id,
            location=e.location,
            online_url=e.online_url,
            capacity=e.capacity,
            fee_cents=e.fee_cents,
            status=EventStatus.DRAFT.value,
            organiser_id=e.organiser_id,
            search_key=e.search_key,
        )
        copy.programme = [
            ProgrammeItem(
                position=item.position,
                starts_at=moved(item.starts_at),
                ends_at=moved(item.ends_at),
                title=item.title,
                speaker=item.speaker,
            )
            for item in e.programme
        ]
        copy.dynamic_links = [
            EventDynamic(dynamic_id=k.dynamic_id, side=k.side) for k in e.dynamic_links
        ]
        session.add(copy)
        session.flush()
        return Changes.of(created=[(ChangeKind.EVENT, copy.id)])


def get_event(catalogue: Catalogue, reference: str | int) -> EventDetail:
    """What the event editor shows: the event, its programme, its list in name order."""
    with catalogue.session() as session:
        return event_detail(session, find_event(session, reference))


def event_detail(session: Session, e: Event) -> EventDetail:
    """The event, its programme and its list in name order, as the event form shows them."""
    programme = tuple(
        ProgrammeItemView(
            local(item.starts_at, e.timezone),
            local(item.ends_at, e.timezone),
            item.title,
            item.speaker,
        )
        for item in e.programme
    )
    # One query for the list and one for the attendance, however long the list.
    stmt = (
        select(Participation)
        .join(Participation.person)
        .where(Participation.event_id == e.id)
        .options(
            joinedload(Participation.person).options(lazyload(Person.dynamics)),
            selectinload(Participation.attendance),
        )
        .order_by(Person.sort_key, Person.id)
    )
    participants = tuple(participant_view(p) for p in session.scalars(stmt))
    return EventDetail(event_view(e), programme, participants)


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
        # Hosts and organisers in the same query: a month of the calendar is one round trip.
        stmt = (
            select(Event)
            .where(Event.deleted_at.is_(None))
            .options(joinedload(Event.host), joinedload(Event.organiser))
        )
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
        e = find_event(session, event_id)
        if not any(k.dynamic_id == dynamic_id and k.side == side for k in e.dynamic_links):
            e.dynamic_links.append(EventDynamic(dynamic_id=dynamic_id, side=side))
        return Changes.of(updated=[(ChangeKind.EVENT, e.id)])


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
        e = find_event(session, event_reference, lock=True)
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
            # An acceptance that finds the event full must be told it is only waiting.
            to_notify = status_code == ResponseStatus.ACCEPTED.value
            status_code = ResponseStatus.WAITLISTED.value
            position = _next_waitlist_position(session, e.id)
        else:
            to_notify = False
        p = Participation(
            event_id=e.id,
            person_id=person.id,
            role=role_code,
            status=status_code,
            waitlist_position=position,
            to_notify=to_notify,
            notes=check.optional_text(notes, _("notes")),
            responded_at=utcnow() if status_code != ResponseStatus.INVITED.value else None,
        )
        session.add(p)
        session.flush()
        return AddOutcome(
            Changes.of(
                created=[(ChangeKind.PARTICIPATION, p.id)], updated=[(ChangeKind.EVENT, e.id)]
            ),
            status_code,
            position,
        )
