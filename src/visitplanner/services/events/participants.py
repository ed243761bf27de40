"""The list of participants of an event: answers, the waiting list, attendance.

The waiting list follows one rule everywhere: when a place frees up (an
accepted person declines, is removed, or the capacity grows), it goes to the
first person waiting, who is flagged ``to_notify`` so the coordinator tells
them. Positions always run 1..n without gaps. The database guards the list
(UNIQUE event/position, CHECK position iff waitlisted), so positions are
rewritten in two steps that never break either constraint (:func:`_settle`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session, lazyload

from visitplanner.domain import validation as check
from visitplanner.domain.enums import ResponseStatus, Role
from visitplanner.domain.errors import NotFoundError
from visitplanner.i18n import _
from visitplanner.services.changes import ChangeKind, Changes
from visitplanner.services.events.attendance import (
    half_days,
    record_attendance,
    record_attendance_bulk,
)
from visitplanner.services.events.lookup import find_event
from visitplanner.services.events.views import EventDetail
from visitplanner.services.query import get_live
from visitplanner.store.database import Catalogue
from visitplanner.store.models import (
    Dynamic,
    Event,
    Participation,
    Person,
    person_dynamics,
)
from visitplanner.store.types import utcnow

__all__ = [
    "Counters",
    "MixGroup",
    "ParticipantChange",
    "actor_mix",
    "add_dynamic_members",
    "add_in_session",
    "add_participants",
    "change_participant",
    "clear_notify",
    "counters",
    "fill_places",
    "half_days",
    "mix_groups",
    "record_attendance",
    "record_attendance_bulk",
    "remove_participant",
    "set_participant",
]

ACCEPTED = ResponseStatus.ACCEPTED.value
WAITLISTED = ResponseStatus.WAITLISTED.value
_REPLIES = {ACCEPTED, ResponseStatus.TENTATIVE.value, ResponseStatus.DECLINED.value}


@dataclass(frozen=True)
class ParticipantChange:
    """What one list operation did: the person's resulting status and place in line.

    For several people at once, ``status`` and ``waitlist_position`` are those
    of the last person added (``None`` when nobody was added). ``promoted`` names
    the people who moved from the waiting list to accepted and must be told.
    """

    changes: Changes
    status: str | None
    waitlist_position: int | None
    promoted: tuple[int, ...]


def combined(earlier: ParticipantChange | None, later: ParticipantChange) -> ParticipantChange:
    """What two list operations did together: both changes, the later one's status."""
    if earlier is None:
        return later
    return ParticipantChange(
        earlier.changes | later.changes,
        later.status,
        later.waitlist_position,
        earlier.promoted + later.promoted,
    )


# --- the waiting-list engine --------------------------------------------------------------


def _roster(session: Session, event_id: int) -> list[Participation]:
    stmt = (
        select(Participation)
        .where(Participation.event_id == event_id)
        .options(lazyload(Participation.person))
    )
    return list(session.scalars(stmt))


def _waitlist(rows: Iterable[Participation]) -> list[Participation]:
    waiting = [p for p in rows if p.status == WAITLISTED]
    return sorted(waiting, key=lambda p: (p.waitlist_position or 0, p.id or 0))


def _full(capacity: int | None, accepted: int) -> bool:
    return capacity is not None and accepted >= capacity


def _promote(
    rows: list[Participation],
    waitlist: list[Participation],
    capacity: int | None,
    freed: int | None,
    exclude: Participation | None = None,
) -> list[Participation]:
    """Gives up to ``freed`` places (``None``: all there are) to the first people waiting."""
    accepted = sum(1 for p in rows if p.status == ACCEPTED)
    promoted: list[Participation] = []
    for p in list(waitlist):
        if (freed is not None and len(promoted) >= freed) or _full(capacity, accepted):
            break
        if p is exclude:
            continue
        waitlist.remove(p)
        p.status, p.to_notify = ACCEPTED, True
        accepted += 1
        promoted.append(p)
    return promoted


def _settle(
    session: Session, rows: list[Participation], waitlist: list[Participation]
) -> set[Participation]:
    """Gives ``waitlist`` the positions 1..n in order and everyone else none.

    First the rows that move take distinct negative positions (and those leaving
    the list none), then they take their final ones: at no statement do two rows
    share a position or a waitlisted row lack one. Returns the rows it changed.
    """
    final = {id(p): n for n, p in enumerate(waitlist, start=1)}
    moved = [p for p in waitlist if p.waitlist_position != final[id(p)]]
    touched = set(moved)
    for p in rows:
        if id(p) not in final and p.waitlist_position is not None:
            p.waitlist_position = None
            touched.add(p)
    for k, p in enumerate(moved, start=1):
        p.status, p.waitlist_position = WAITLISTED, -k
    session.flush()
    for p in moved:
        p.waitlist_position = final[id(p)]
    session.flush()
    return touched


def fill_places(session: Session, event: Event, freed: int | None = None) -> list[Participation]:
    """After the capacity grew: the places now free go to the waiting list, in order."""
    rows = _roster(session, event.id)
    waitlist = _waitlist(rows)
    with session.no_autoflush:
        promoted = _promote(rows, waitlist, event.capacity, freed)
    if promoted:
        _settle(session, rows, waitlist)
    return promoted


def _updated(event: Event, rows: Iterable[Participation]) -> Changes:
    participations = [(ChangeKind.PARTICIPATION, p.id) for p in rows]
    return Changes.of(updated=[(ChangeKind.EVENT, event.id), *participations])


def _person_name(session: Session, person_id: int) -> str:
    person = session.get(Person, person_id)
    return person.full_name if person is not None else str(person_id)


def _row(session: Session, e: Event, rows: list[Participation], person_id: int) -> Participation:
    for p in rows:
        if p.person_id == person_id:
            return p
    raise NotFoundError(
        _("{name} is not on the list of “{title}”.").format(
            name=_person_name(session, person_id), title=e.title
        )
    )


# --- adding people --------------------------------------------------------------------------


def _add(
    session: Session, e: Event, person_ids: Sequence[int], role: str, status: str
) -> ParticipantChange:
    rows = _roster(session, e.id)
    listed = {p.person_id for p in rows}
    wanted = [i for i in dict.fromkeys(person_ids) if i not in listed]
    live = set(
        session.scalars(select(Person.id).where(Person.id.in_(wanted), Person.deleted_at.is_(None)))
    )
    for person_id in wanted:
        if person_id not in live:
            raise NotFoundError(_("No person has id {id}.").format(id=person_id))
    waitlist = _waitlist(rows)
    accepted = sum(1 for p in rows if p.status == ACCEPTED)
    added: list[Participation] = []
    with session.no_autoflush:
        for person_id in wanted:
            p = Participation(event_id=e.id, person_id=person_id, role=role, status=status)
            p.responded_at = utcnow() if status in _REPLIES else None
            if status == WAITLISTED or (status == ACCEPTED and _full(e.capacity, accepted)):
                p.status = WAITLISTED
                # An acceptance that finds the event full must be told it is only waiting.
                p.to_notify = status == ACCEPTED
                waitlist.append(p)
            elif status == ACCEPTED:
                accepted += 1
            session.add(p)
            added.append(p)
            rows.append(p)
        touched = _settle(session, rows, waitlist) - set(added)
    last = added[-1] if added else None
    return ParticipantChange(
        Changes.of(created=[(ChangeKind.PARTICIPATION, p.id) for p in added])
        | _updated(e, touched),
        last.status if last else None,
        last.waitlist_position if last else None,
        (),
    )


def add_in_session(
    session: Session, e: Event, person_ids: Sequence[int], role: str, status: str
) -> ParticipantChange:
    """:func:`add_participants` inside the caller's transaction (codes already checked): a
    delegate joining the list in the same commit as the reply that names them."""
    return _add(session, e, person_ids, role, status)


def add_participants(
    catalogue: Catalogue,
    event_ref: str | int,
    person_ids: Sequence[int],
    role: str = "participant",
    status: str = "invited",
) -> ParticipantChange:
    """Adds several people at once, in the order given; people already listed are skipped.

    Accepting beyond the capacity puts the next people on the waiting list, in order.
    """
    role_code = Role.parse(role, _("role")).value
    status_code = ResponseStatus.parse(status, _("status")).value
    with catalogue.session() as session:
        e = find_event(session, event_ref, lock=True)
        return _add(session, e, person_ids, role_code, status_code)


def add_dynamic_members(
    catalogue: Catalogue,
    event_ref: str | int,
    dynamic_id: int,
    role: str = "participant",
    status: str = "invited",
) -> ParticipantChange:
    """Invites everyone linked to a dynamic ("all members of this network"), in name order."""
    role_code = Role.parse(role, _("role")).value
    status_code = ResponseStatus.parse(status, _("status")).value
    with catalogue.session() as session:
        e = find_event(session, event_ref, lock=True)
        get_live(session, Dynamic, dynamic_id, _("No dynamic has id {id}.").format(id=dynamic_id))
        stmt = (
            select(Person.id)
            .join(person_dynamics, person_dynamics.c.person_id == Person.id)
            .where(person_dynamics.c.dynamic_id == dynamic_id, Person.deleted_at.is_(None))
            .order_by(Person.sort_key, Person.id)
        )
        return _add(session, e, list(session.scalars(stmt)), role_code, status_code)


# --- changing and removing ------------------------------------------------------------------


def set_participant(
    catalogue: Catalogue,
    event_ref: str | int,
    person_id: int,
    *,
    role: str | None = None,
    status: str | None = None,
    notes: str | None = None,
) -> ParticipantChange:
    """Changes a person's role, answer or notes (``None``: unchanged; ``""`` clears notes).

    Accepting when the event is full puts the person at the end of the waiting
    list (or keeps their place if already waiting); leaving the accepted gives
    the freed place to the first person waiting; "waitlisted" asked explicitly
    puts the person at the end of the list.
    """
    role_code = Role.parse(role, _("role")).value if role is not None else None
    wanted = ResponseStatus.parse(status, _("status")).value if status is not None else None
    with catalogue.session() as session:
        e = find_event(session, event_ref, lock=True)
        return change_participant(session, e, person_id, role=role_code, status=wanted, notes=notes)


def change_participant(
    session: Session,
    e: Event,
    person_id: int,
    *,
    role: str | None = None,
    status: str | None = None,
    notes: str | None = None,
) -> ParticipantChange:
    """:func:`set_participant` inside the caller's transaction (codes already checked), so a
    reply can change a status and record itself in one commit."""
    rows = _roster(session, e.id)
    p = _row(session, e, rows, person_id)
    touched: set[Participation] = {p}
    promoted: list[Participation] = []
    with session.no_autoflush:
        if role is not None:
            p.role = role
        if notes is not None:
            p.notes = check.optional_text(notes, _("notes"))
        if status is not None and status != p.status:
            waitlist = _waitlist(rows)
            freed = 1 if p.status == ACCEPTED else 0
            accepted = sum(1 for r in rows if r.status == ACCEPTED)
            if status == WAITLISTED or (status == ACCEPTED and _full(e.capacity, accepted)):
                if p not in waitlist:
                    waitlist.append(p)
                    p.status = WAITLISTED  # its position comes with _settle
                # An acceptance that finds the event full must be told it is only waiting.
                p.to_notify = status == ACCEPTED
            else:
                if p in waitlist:
                    waitlist.remove(p)
                    # From the waiting list to a place: they must hear it, like any promotion.
                    p.to_notify = status == ACCEPTED
                p.status = status
            if status in _REPLIES:
                p.responded_at = utcnow()
            if status != ACCEPTED:
                p.to_notify = False
            promoted = _promote(rows, waitlist, e.capacity, freed, exclude=p)
            touched |= _settle(session, rows, waitlist) | set(promoted)
    return ParticipantChange(
        _updated(e, touched),
        p.status,
        p.waitlist_position,
        tuple(x.person_id for x in promoted),
    )


def remove_participant(
    catalogue: Catalogue, event_ref: str | int, person_id: int
) -> ParticipantChange:
    """Takes a person off the list; an accepted person's place goes to the first waiting."""
    with catalogue.session() as session:
        e = find_event(session, event_ref, lock=True)
        rows = _roster(session, e.id)
        p = _row(session, e, rows, person_id)
        removed_id, freed = p.id, 1 if p.status == ACCEPTED else 0
        rows.remove(p)
        session.delete(p)
        session.flush()
        waitlist = _waitlist(rows)
        with session.no_autoflush:
            promoted = _promote(rows, waitlist, e.capacity, freed)
            touched = _settle(session, rows, waitlist) | set(promoted)
        return ParticipantChange(
            Changes.of(deleted=[(ChangeKind.PARTICIPATION, removed_id)]) | _updated(e, touched),
            None,
            None,
            tuple(x.person_id for x in promoted),
        )


def clear_notify(catalogue: Catalogue, event_ref: str | int, person_ids: Sequence[int]) -> Changes:
    """The coordinator told these people they got a place: the reminder flag goes away."""
    wanted = set(person_ids)
    with catalogue.session() as session:
        e = find_event(session, event_ref, lock=True)
        rows = [p for p in _roster(session, e.id) if p.person_id in wanted and p.to_notify]
        for p in rows:
            p.to_notify = False
        return _updated(e, rows)


# --- figures for the editor -------------------------------------------------------------------


@dataclass(frozen=True)
class Counters:
    """The figures shown above the list: places taken, waiting, answers still expected."""

    accepted: int
    capacity: int | None
    waiting: int
    no_answer: int
    tentative: int
    declined: int
    total: int


def counters(detail: EventDetail) -> Counters:
    """Counts the list by answer; ``no_answer`` are the people invited who did not reply."""
    by_status = Counter(p.status for p in detail.participants)
    return Counters(
        accepted=by_status[ACCEPTED],
        capacity=detail.event.capacity,
        waiting=by_status[WAITLISTED],
        no_answer=by_status[ResponseStatus.INVITED.value],
        tentative=by_status[ResponseStatus.TENTATIVE.value],
        declined=by_status[ResponseStatus.DECLINED.value],
        total=len(detail.participants),
    )


def actor_mix(detail: EventDetail) -> list[tuple[str | None, int]]:
    """Who is coming, by actor type (``None``: unknown), biggest group first.

    A learning visit works when companies, associations, researchers,
    authorities and inhabitants meet: the editor shows this mix.
    """
    coming = {ACCEPTED, ResponseStatus.TENTATIVE.value}
    mix = Counter(p.actor_type for p in detail.participants if p.status in coming)
    return sorted(mix.items(), key=lambda item: (-item[1], item[0] is None, item[0] or ""))


# The families of actors the study-action speaks of, in its order.
_FAMILIES: tuple[tuple[str, tuple[str | None, ...]], ...] = (
    ("companies", ("large_company", "sme", "micro_company")),
    ("sse", ("sse",)),
    ("associations", ("association", "ngo")),
    ("research", ("research",)),
    ("authorities", ("local_authority",)),
    ("inhabitants", ("inhabitant",)),
    ("culture", ("culture",)),
    ("unknown", (None,)),
)


def _family_label(code: str) -> str:
    return {
        "companies": _("Companies"),
        "sse": _("Social and solidarity economy"),
        "associations": _("Associations"),
        "research": _("Research"),
        "authorities": _("Local authorities"),
        "inhabitants": _("Inhabitants"),
        "culture": _("Culture"),
        "unknown": _("Unknown"),
    }[code]


class MixGroup(NamedTuple):
    """One family of actors and how many may come: unpacks as ``label, count``."""

    label: str
    count: int


def mix_groups(detail: EventDetail) -> list[MixGroup]:
    """The actor mix by family (companies, SSE, associations...), biggest first, none empty.

    Ties keep the study-action's order of families.
    """
    mix = dict(actor_mix(detail))
    counted = [
        (sum(mix.get(t, 0) for t in types), n, code) for n, (code, types) in enumerate(_FAMILIES)
    ]
    return [
        MixGroup(_family_label(code), count)
        for count, _n, code in sorted(counted, key=lambda c: (-c[0], c[1]))
        if count
    ]
