"""Who issues an event's invitations, and what has been issued.

The organiser (ORGANIZER, the From address, where replies go) is the event's
organiser when that person has a usable e-mail, else the one set in
Preferences. ``events.issued_sequence`` records the highest SEQUENCE that left
the app in any form (queued, sent, written to a file), so that the next
significant change raises it (RFC 5546; see :mod:`.planning`).
"""

from __future__ import annotations

from sqlalchemy import or_, update
from sqlalchemy.orm import Session

from visitplanner.domain.errors import UserError
from visitplanner.exchange.ical import CalPerson, writable_address
from visitplanner.i18n import _
from visitplanner.services.changes import ChangeKind, Changes
from visitplanner.services.events.planning import EventDetail
from visitplanner.settings import Settings
from visitplanner.store.database import Catalogue
from visitplanner.store.models import Event, Person


def organiser(settings: Settings, person: Person | None = None) -> CalPerson:
    """Who invites: the event's organiser when that person has an e-mail address, else the
    organiser set in Preferences (``config``); replies go back to that address."""
    from visitplanner.domain.validation import email

    if person is not None and person.deleted_at is None:
        address = (person.email or "").strip()
        if address and usable_address(address):
            return CalPerson(
                email=address,
                name=person.full_name.strip() or None,
                role="CHAIR",
                partstat="ACCEPTED",
                rsvp=False,
            )
    address = email(settings.organiser_email, _("organiser e-mail"))
    if not address or not settings.organiser_name.strip():
        raise UserError(
            _(
                "Give the event an organiser with an e-mail address, or set the organiser’s "
                "name and e-mail in Preferences, before sending invitations."
            )
        )
    return CalPerson(
        email=address,
        name=settings.organiser_name.strip(),
        role="CHAIR",
        partstat="ACCEPTED",
        rsvp=False,
    )


def event_organiser(catalogue: Catalogue, detail: EventDetail, settings: Settings) -> CalPerson:
    """The organiser of this event's invitations (see :func:`organiser`)."""
    person = None
    if detail.event.organiser_id is not None:
        with catalogue.session() as session:
            person = session.get(Person, detail.event.organiser_id)
            if person is not None:
                session.expunge(person)
    return organiser(settings, person)


def usable_address(address: str) -> bool:
    """Whether invitations can be written to this address (calendar line and mail header)."""
    from visitplanner.exchange.mail import ascii_address

    try:
        ascii_address(address)
    except ValueError:
        return False
    return writable_address(address)


def mark_issued(catalogue: Catalogue, event_id: int, sequence: int) -> Changes:
    """Records that the event's REQUEST or CANCEL at ``sequence`` left the app (queued, sent,
    written to a file): its next significant change must then raise SEQUENCE."""
    with catalogue.session() as session:
        if record_issued(session, event_id, sequence):
            return Changes.of(updated=[(ChangeKind.EVENT, event_id)])
        return Changes()


def record_issued(session: Session, event_id: int, sequence: int) -> bool:
    """:func:`mark_issued` inside the caller's transaction: one UPDATE, never lowered.

    True when the number was raised (False: it already was at least ``sequence``)."""
    result = session.execute(
        update(Event)
        .where(
            Event.id == event_id,
            or_(Event.issued_sequence.is_(None), Event.issued_sequence < sequence),
        )
        .values(issued_sequence=sequence)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)
