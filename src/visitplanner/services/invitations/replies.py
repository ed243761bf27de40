"""Answers coming back: iTIP REPLY files update the participant list.

A reply is matched to the event by UID and to the participant by e-mail,
case-insensitively. It is reported and ignored when the event is unknown, the
address is not on the list, or it answers an older SEQUENCE than the event's
current one (the person answered a version that has since changed). Declines go
through the same waiting-list rules as a decline typed in the window.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from visitplanner.domain.enums import ResponseStatus
from visitplanner.domain.errors import UserError
from visitplanner.exchange.ical_read import email_key
from visitplanner.i18n import _, ngettext, number
from visitplanner.services import search_keys as keys
from visitplanner.services.changes import ChangeKind, Changes
from visitplanner.services.events import participants as plist
from visitplanner.settings import Settings
from visitplanner.store.database import Catalogue, refuse_catalogue_file
from visitplanner.store.models import Event, Participation, Person
from visitplanner.store.sqlite import lock_for_writing
from visitplanner.store.types import utcnow

STATUSES = {"ACCEPTED": "accepted", "DECLINED": "declined", "TENTATIVE": "tentative"}
ACCEPTED = ResponseStatus.ACCEPTED.value
WAITLISTED = ResponseStatus.WAITLISTED.value
DELEGATED = ResponseStatus.DELEGATED.value
INVITED = ResponseStatus.INVITED.value


@dataclass(frozen=True)
class ReplyOutcome:
    source: str
    email: str
    applied: bool
    message: str
    event_id: int | None = None
    promoted: tuple[int, ...] = ()
    # An acceptance that found the event full: the person must be told they only wait.
    waitlisted: bool = False
    person_id: int | None = None
    # What the reply changed (statuses, the waiting list, a delegate added); none if ignored.
    changes: Changes = field(default_factory=Changes)


@dataclass
class RepliesReport:
    outcomes: list[ReplyOutcome] = field(default_factory=list)
    changes: Changes = field(default_factory=Changes)
    notices: int = 0  # notices put in the outbox (waiting list, place offered)

    @property
    def applied(self) -> int:
        return sum(1 for o in self.outcomes if o.applied)

    @property
    def ignored(self) -> int:
        return sum(1 for o in self.outcomes if not o.applied)

    def summary(self) -> str:
        applied = ngettext("{n} reply applied", "{n} replies applied", self.applied).format(
            n=number(self.applied)
        )
        ignored = ngettext("{n} ignored", "{n} ignored", self.ignored).format(
            n=number(self.ignored)
        )
        return _("{applied}, {ignored}.").format(applied=applied, ignored=ignored)


def _newer(row: Participation, reply: object) -> bool:
    """Whether ``reply`` comes after the last one applied for this person (RFC 5546 §2.1.5):
    a higher SEQUENCE, or the same with a later DTSTAMP. Mail arrives out of order, and
    the same reply is often read twice (inline part and attachment, a file dropped again)."""
    if row.reply_sequence is None:
        return True
    sequence, stamp = reply.sequence, reply.dtstamp  # type: ignore[attr-defined]
    if sequence != row.reply_sequence:
        return sequence > row.reply_sequence
    if stamp is None or row.reply_dtstamp is None:
        return stamp is not None and row.reply_dtstamp is None
    return stamp > row.reply_dtstamp


def _record(row: Participation, reply: object) -> None:
    row.responded_at = utcnow()
    row.reply_sequence = reply.sequence  # type: ignore[attr-defined]
    row.reply_dtstamp = reply.dtstamp  # type: ignore[attr-defined]


def _participation(session: Session, event_id: int, email: str) -> Participation | None:
    return session.scalar(
        select(Participation)
        .join(Person, Participation.person_id == Person.id)
        .where(Participation.event_id == event_id, Person.email_key == email_key(email))
    )


def _person_for(session: Session, email: str, name: str | None) -> Person:
    """The person with this address, or a new one named from the reply (a delegate)."""
    from visitplanner.services.directory import records as cat

    person = session.scalar(select(Person).where(Person.email_key == email_key(email)))
    if person is not None:
        if person.deleted_at is not None:
            person.deleted_at = None  # the delegate is back on a list: out of the trash
        placeholder = (None, email.split("@", 1)[0][:150])
        if name and (person.given_name, person.family_name) == placeholder:
            # Named after the address when the delegator's reply came first: the
            # delegate's own reply carries their name.
            person.given_name, person.family_name = _split_name(name, email)
            person.sort_key = keys.person_sort_key(person.given_name, person.family_name)
            person.search_key = keys.person_search_key(
                person.given_name, person.family_name, person.email, person.organisation
            )
        return person
    given, family = _split_name(name, email)
    person = Person()
    cat.apply_person(session, person, cat.PersonInput(family, given, email))
    session.add(person)
    session.flush()
    return person


def _split_name(name: str | None, email: str) -> tuple[str | None, str]:
    """(given, family) from a CN: "Dupont, Marie" or "Marie Dupont"; else the address's name."""
    name = " ".join((name or "").split())
    if not name or "@" in name:
        return None, email.split("@", 1)[0][:150]
    if "," in name:
        family, given = (part.strip() for part in name.split(",", 1))
        return given[:150] or None, family[:150] or name[:150]
    parts = name.rsplit(" ", 1)
    return (parts[0][:150], parts[1][:150]) if len(parts) == 2 else (None, name[:150])


def _ignored(source: str, email: str, message: str, event_id: int | None = None) -> ReplyOutcome:
    return ReplyOutcome(source, email, False, message, event_id)


def _seen(source: str, email: str, event: Event) -> ReplyOutcome:
    return _ignored(
        source,
        email,
        _(
            "{file}: {email} already answered “{title}” more recently, or this answer "
            "was read before; nothing changed."
        ).format(file=source, email=email, title=event.title),
        event.id,
    )


def _unknown_answer(source: str, email: str, event: Event, value: str) -> ReplyOutcome:
    return _ignored(
        source,
        email,
        _("{file}: the answer “{value}” is not one Visit Planner records.").format(
            file=source, value=value
        ),
        event.id,
    )


def apply_reply(catalogue: Catalogue, reply: object, source: str) -> ReplyOutcome:
    """One reply (an ``exchange.ical.Reply``) applied to the list, or the reason it was not.

    Everything one reply changes (statuses, waiting list, the reply's SEQUENCE and
    DTSTAMP, a delegate added) is one transaction.
    """
    r: Any = reply
    email = email_key(r.attendee_email)
    with catalogue.session() as session:
        # The event row is locked (PostgreSQL; SQLite: the writer's lock, taken first) while
        # its list is counted and changed, so two replies read at once by two windows cannot
        # both take the last place.
        lock_for_writing(session)
        event = session.scalar(
            select(Event).where(Event.uid == r.uid, Event.deleted_at.is_(None)).with_for_update()
        )
        if event is None:
            return _ignored(
                source,
                email,
                _("{file}: the reply is for an event not in this catalogue.").format(file=source),
            )
        if r.sequence < event.sequence:
            return _ignored(
                source,
                email,
                _(
                    "{file}: {email} answered an older version of “{title}” "
                    "(sequence {old}, now {new}); ignored."
                ).format(
                    file=source, email=email, title=event.title, old=r.sequence, new=event.sequence
                ),
                event.id,
            )
        row = _participation(session, event.id, email)
        delegator = getattr(r, "delegated_from", None)
        if delegator and (row is None or row.delegated_from):
            return _delegate_answers(session, event, r, source, email)
        if row is None:
            return _ignored(
                source,
                email,
                _("{file}: {email} is not on the list of “{title}”.").format(
                    file=source, email=email, title=event.title
                ),
                event.id,
            )
        if not _newer(row, r):
            return _seen(source, email, event)
        if r.method == "COUNTER" or r.proposed_start is not None:
            note = _("{email} proposes another time; the status is left as it is.").format(
                email=email
            )
            return _ignored(source, email, f"{source}: {note}", event.id)
        partstat = (r.partstat or "").upper()
        if partstat == "DELEGATED":
            return _delegator_answers(session, event, row, r, source, email)
        status = STATUSES.get(partstat)
        if status is None:
            return _unknown_answer(source, email, event, partstat)
        if row.status == DELEGATED and status == ACCEPTED:
            row.delegated_to = None  # takes their place back
        outcome = plist.change_participant(session, event, row.person_id, status=status)
        _record(row, r)
        if r.comment:
            row.notes = "\n".join(p for p in (row.notes, r.comment.strip()) if p)
        return _applied(source, email, event, row.person_id, status, outcome, _touched(row))


def _applied(
    source: str,
    email: str,
    event: Event,
    person_id: int,
    asked: str,
    outcome: plist.ParticipantChange,
    changes: Changes,
) -> ReplyOutcome:
    final = outcome.status or asked
    waitlisted = asked == ACCEPTED and final == WAITLISTED
    if waitlisted:
        message = _(
            "{email} accepted “{title}”, which is full: on the waiting list, position {n}."
        ).format(email=email, title=event.title, n=outcome.waitlist_position)
    else:
        message = _("{email}: {status} for “{title}”.").format(
            email=email, status=ResponseStatus(final).label, title=event.title
        )
    return ReplyOutcome(
        source,
        email,
        True,
        message,
        event.id,
        outcome.promoted,
        waitlisted=waitlisted,
        person_id=person_id,
        changes=outcome.changes | changes,
    )


def _touched(*rows: Participation) -> Changes:
    """The rows a reply wrote itself (its SEQUENCE, a note, a delegation), with their event."""
    return Changes.of(
        updated=[(ChangeKind.PARTICIPATION, row.id) for row in rows]
        + [(ChangeKind.EVENT, row.event_id) for row in rows]
    )


def _delegator_answers(
    session: Session, event: Event, row: Participation, r: Any, source: str, email: str
) -> ReplyOutcome:
    """PARTSTAT=DELEGATED;DELEGATED-TO=x: the place passes on; x joins the list as invited,
    in the delegator's role, until x answers (which may already have happened)."""
    delegate = r.delegated_to
    if not delegate or "@" not in delegate:
        return _ignored(
            source,
            email,
            _("{file}: {email} delegated without saying to whom; nothing changed.").format(
                file=source, email=email
            ),
            event.id,
        )
    changes = Changes()
    if _participation(session, event.id, delegate) is None:
        person = _person_for(session, delegate, None)
        changes = Changes.of(updated=[(ChangeKind.PERSON, person.id)])
        changes |= plist.add_in_session(session, event, [person.id], row.role, INVITED).changes
    listed = _participation(session, event.id, delegate)
    assert listed is not None
    if not listed.delegated_from:
        listed.delegated_from = email
    promoted: tuple[int, ...] = ()
    if not _hand_over(session, row, listed):
        freed = plist.change_participant(session, event, row.person_id, status=DELEGATED)
        promoted, changes = freed.promoted, changes | freed.changes
    row.delegated_to = delegate
    _record(row, r)
    return ReplyOutcome(
        source,
        email,
        True,
        _("{email} delegated their place to {delegate}.").format(email=email, delegate=delegate),
        event.id,
        promoted,
        person_id=row.person_id,
        changes=changes | _touched(row, listed),
    )


def _hand_over(session: Session, delegator: Participation, delegate: Participation) -> bool:
    """A delegator who held a place passes it to the delegate directly, not to the waiting
    list: the number of places taken does not change, so no count is needed."""
    if delegator.status != ACCEPTED or delegate.status not in (INVITED, ResponseStatus.TENTATIVE):
        return False
    delegator.status, delegator.to_notify = DELEGATED, False
    delegate.status = ACCEPTED
    session.flush()
    return True


def _delegate_answers(
    session: Session, event: Event, r: Any, source: str, email: str
) -> ReplyOutcome:
    """The delegate's own answer (DELEGATED-FROM=y): the delegate takes y's role on the list
    and answers for themselves; y is marked delegated and no longer holds a place."""
    delegator_email = r.delegated_from
    delegator = _participation(session, event.id, delegator_email)
    if delegator is None:
        return _ignored(
            source,
            email,
            _(
                "{file}: {email} answers for {delegator}, who is not on the list of “{title}”."
            ).format(file=source, email=email, delegator=delegator_email, title=event.title),
            event.id,
        )
    status = STATUSES.get((r.partstat or "").upper())
    if status is None:
        return _unknown_answer(source, email, event, r.partstat)
    row = _participation(session, event.id, email)
    if row is not None and not _newer(row, r):
        return _seen(source, email, event)
    person = _person_for(session, email, r.name)  # also names one added from the address
    changes = Changes.of(updated=[(ChangeKind.PERSON, person.id)])
    if row is None:
        changes |= plist.add_in_session(
            session, event, [person.id], delegator.role, INVITED
        ).changes
        row = _participation(session, event.id, email)
        assert row is not None
    row.delegated_from = delegator_email
    row.role = delegator.role
    delegator.delegated_to = email
    promoted: list[int] = []
    if status == ACCEPTED and _hand_over(session, delegator, row):
        outcome = plist.ParticipantChange(Changes(), ACCEPTED, None, ())
    else:
        if delegator.status != DELEGATED:
            freed = plist.change_participant(session, event, delegator.person_id, status=DELEGATED)
            promoted += freed.promoted
            changes |= freed.changes
        outcome = plist.change_participant(session, event, row.person_id, status=status)
    promoted += outcome.promoted
    _record(row, r)
    result = _applied(
        source, email, event, row.person_id, status, outcome, changes | _touched(row, delegator)
    )
    note = _("{email} answers in the place of {delegator}.").format(
        email=email, delegator=delegator_email
    )
    return replace(
        result, message=f"{note} {result.message}", promoted=tuple(dict.fromkeys(promoted))
    )


def import_replies(
    catalogue: Catalogue,
    files: Sequence[str | Path],
    *,
    progress: Callable[[int, int], None] | None = None,
    settings: Settings | None = None,
) -> RepliesReport:
    """Reads each .ics or .eml file and applies its replies; unreadable files are reported.

    With ``settings`` (for the organiser), the notices the replies call for are
    queued: an acceptance that found the event full (waiting list, position), a
    place freed by a decline going to the first person waiting. Without, or
    without an organiser, those people stay flagged « to notify ».
    """
    from visitplanner.exchange.ical import read_replies

    report = RepliesReport()
    changed: list[tuple[str, int]] = []
    for n, name in enumerate(files, start=1):
        path = Path(name)
        try:
            refuse_catalogue_file(path)  # reading it would drop SQLite's locks
            data = path.read_bytes()
            replies = read_replies(data, path.name)
        except OSError as exc:
            report.outcomes.append(
                ReplyOutcome(
                    path.name,
                    "",
                    False,
                    _("{file}: {reason}.").format(file=path.name, reason=exc.strerror or exc),
                )
            )
            continue
        except UserError as exc:
            report.outcomes.append(ReplyOutcome(path.name, "", False, exc.message))
            continue
        for reply in replies:
            outcome = apply_reply(catalogue, reply, path.name)
            report.outcomes.append(outcome)
            report.changes |= outcome.changes
            if outcome.applied and outcome.event_id is not None:
                changed.append((ChangeKind.EVENT, outcome.event_id))
        if progress:
            progress(n, len(files))
    if settings is not None:
        queued = _queue_notices(catalogue, report.outcomes, settings)
        report.notices = len(queued.created_ids(ChangeKind.OUTBOX))
        report.changes |= queued
    report.changes |= Changes.of(updated=changed)
    return report


def _queue_notices(
    catalogue: Catalogue, outcomes: list[ReplyOutcome], settings: Settings
) -> Changes:
    from visitplanner.services.invitations.notices import queue_notices

    by_event: dict[int, tuple[list[int], list[int]]] = {}
    for o in outcomes:
        if not o.applied or o.event_id is None:
            continue
        waitlisted, promoted = by_event.setdefault(o.event_id, ([], []))
        if o.waitlisted and o.person_id is not None:
            waitlisted.append(o.person_id)
        promoted.extend(o.promoted)
    changes = Changes()
    for event_id, (waitlisted, promoted) in by_event.items():
        changes |= queue_notices(
            catalogue, event_id, settings, waitlisted=waitlisted, promoted=promoted
        )
    return changes
