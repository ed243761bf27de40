"""Notices about a person's place: on the waiting list, a place offered, taken off the list.

A calendar client that sent ACCEPTED shows the event as accepted; when the
event is full, the person is only on the waiting list and must be told so, in
their language, with their position, or they will come. Likewise a person given
a freed place receives an invitation saying so, and a person taken off the list
a CANCEL saying so.

Each notice is an outbox message with a ``purpose`` (``waitlisted``,
``promoted``, ``removed``): the window sends it with the other messages, and
``visitplanner notify EVENT --eml DIR`` writes the pending ones as .eml files
and marks them done. The participant's « to notify » flag (``to_notify``) is the
same fact seen from the list: set when the place changed, cleared when the
notice left (sent, written out) or when the coordinator says they told the
person themselves. Notices are queued automatically only once invitations went
out (``events.issued_sequence``): before that, the coordinator is still
building the list. ``notify`` queues the flagged ones in any case.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import select

from visitplanner.domain.enums import OutboxMethod, ResponseStatus
from visitplanner.domain.errors import UserError
from visitplanner.services.changes import Changes
from visitplanner.services.events.planning import EventDetail, get_event
from visitplanner.settings import Settings
from visitplanner.store.database import Catalogue
from visitplanner.store.models import Event, OutboxMessage, Person

PURPOSES = ("waitlisted", "promoted", "removed")


def _issued(catalogue: Catalogue, event_id: int) -> bool:
    with catalogue.session() as session:
        return session.scalar(select(Event.issued_sequence).where(Event.id == event_id)) is not None


def queue_notices(
    catalogue: Catalogue,
    event_ref: str | int,
    settings: Settings,
    *,
    removed: Sequence[int] = (),
    promoted: Sequence[int] = (),
    waitlisted: Sequence[int] = (),
    always: bool = False,
) -> Changes:
    """Queues the notices for these people; the changes name the outbox messages queued
    (and those they replaced), so they can be counted and the outbox shows them.

    Without ``always``, nothing is queued before the event's first invitation
    left, nor without an organiser (their « to notify » flag stays, so the list
    still shows who must be told).
    """
    from visitplanner.services.invitations.compose import event_organiser, prepare
    from visitplanner.services.invitations.outbox import queue

    if not (removed or promoted or waitlisted):
        return Changes()
    detail = get_event(catalogue, event_ref)
    if not always and not _issued(catalogue, detail.event.id):
        return Changes()
    try:
        event_organiser(catalogue, detail, settings)
    except UserError:
        if always:
            raise
        return Changes()
    changes = Changes()
    if removed:
        composed = prepare(
            catalogue, event_ref, settings, kind="removed", person_ids=removed, purpose="removed"
        )
        changes |= queue(catalogue, composed.messages)
    if promoted:
        composed = prepare(
            catalogue, event_ref, settings, kind="promoted", person_ids=promoted, purpose="promoted"
        )
        changes |= queue(catalogue, composed.messages)
    if waitlisted:
        changes |= queue(catalogue, _waitlist_notices(catalogue, detail, settings, waitlisted))
    return changes


def notify_list_changes(
    catalogue: Catalogue,
    event_ref: str | int,
    settings: Settings,
    *,
    removed: Sequence[int] = (),
    promoted: Sequence[int] = (),
    waitlisted: Sequence[int] = (),
) -> Changes:
    """After the list changed: the notices queued in the outbox (the messages it created).
    None before the first invitations went out, or without an organiser."""
    return queue_notices(
        catalogue,
        event_ref,
        settings,
        removed=removed,
        promoted=promoted,
        waitlisted=waitlisted,
    )


def _waitlist_notices(
    catalogue: Catalogue, detail: EventDetail, settings: Settings, person_ids: Sequence[int]
) -> list:
    from visitplanner.exchange.mail import build_notice, waitlist_texts
    from visitplanner.services.invitations.compose import (
        event_organiser,
        event_when,
        usable_address,
    )
    from visitplanner.services.invitations.outbox import QueuedMessage

    chair = event_organiser(catalogue, detail, settings)
    wanted = set(person_ids)
    waiting = [
        p
        for p in detail.participants
        if p.person_id in wanted
        and p.status == ResponseStatus.WAITLISTED.value
        and p.email
        and usable_address(p.email)
    ]
    with catalogue.session() as session:
        languages = dict(
            session.execute(
                select(Person.id, Person.preferred_language).where(
                    Person.id.in_([p.person_id for p in waiting])
                )
            ).all()
        )
    messages = []
    for p in waiting:
        language = languages.get(p.person_id, "fr")
        subject, text = waitlist_texts(
            language,
            title=detail.event.title,
            when=event_when(detail, language),
            organiser=chair.name or chair.email,
            position=p.waitlist_position or 0,
        )
        messages.append(
            QueuedMessage(
                event_id=detail.event.id,
                person_id=p.person_id,
                method=OutboxMethod.NOTICE.value,
                sequence=detail.event.sequence,
                recipient=p.email or "",
                subject=subject,
                message=build_notice(
                    from_name=chair.name or "",
                    from_email=chair.email,
                    to_name=p.name,
                    to_email=p.email or "",
                    subject=subject,
                    text=text,
                ),
                purpose="waitlisted",
            )
        )
    return messages


def _pending_ids(catalogue: Catalogue, event_id: int) -> list[int]:
    """The event's notices not sent yet (never tried or failed), oldest first."""
    from visitplanner.services.invitations.outbox_items import sendable

    stmt = (
        select(OutboxMessage.id)
        .where(
            OutboxMessage.event_id == event_id,
            OutboxMessage.purpose.is_not(None),
            sendable(),
        )
        .order_by(OutboxMessage.id)
    )
    with catalogue.session() as session:
        return list(session.scalars(stmt))


def with_pending_notice(catalogue: Catalogue, event_id: int) -> set[int]:
    """The people of the event who have a notice waiting to leave (not to queue it twice)."""
    with catalogue.session() as session:
        return set(
            session.scalars(
                select(OutboxMessage.person_id).where(
                    OutboxMessage.id.in_(_pending_ids(catalogue, event_id))
                )
            )
        )


def queue_flagged(catalogue: Catalogue, event_ref: str | int, settings: Settings) -> Changes:
    """Queues a notice for every person flagged « to notify » who has none pending yet:
    a place offered (accepted) or a waiting-list placement (waitlisted)."""
    detail = get_event(catalogue, event_ref)
    pending = with_pending_notice(catalogue, detail.event.id)
    flagged = [p for p in detail.participants if p.to_notify and p.person_id not in pending]
    promoted = [p.person_id for p in flagged if p.status == ResponseStatus.ACCEPTED.value]
    waitlisted = [p.person_id for p in flagged if p.status == ResponseStatus.WAITLISTED.value]
    return queue_notices(
        catalogue, event_ref, settings, promoted=promoted, waitlisted=waitlisted, always=True
    )


def write_notices(
    catalogue: Catalogue, event_ref: str | int, settings: Settings, folder: str | Path
) -> list[Path]:
    """Every pending notice of the event as a ready-to-send .eml file in ``folder`` (created
    if missing), each then marked done; returns the files written.

    Flagged people without a queued notice get one first. If a file cannot be
    written, the ones already written are removed and nothing is marked done.
    """
    from visitplanner.services.invitations.outbox import export_eml, mark_sent_manually

    event_id = get_event(catalogue, event_ref).event.id
    queue_flagged(catalogue, event_id, settings)
    ids = _pending_ids(catalogue, event_id)
    if not ids:
        return []
    paths = export_eml(catalogue, folder, event_id=event_id, ids=ids)
    mark_sent_manually(catalogue, ids)
    return paths
