"""Retention: data is kept no longer than needed.

Two rules, both set in the preferences:

- a person who has taken part in nothing for N years (3 by default) is listed for a
  review, where the coordinator erases the record or keeps it; "keep" marks the record
  as reviewed today, so it leaves the list for another N years;
- the text of a message sent more than N days ago (90 by default) is purged from the
  outbox: the row stays (who was invited to what, when: the invitation cycle needs it),
  its body goes.

A person's last activity is the latest of: the start of an event they were on the list
of (whatever their reply), the day their record was created, and the day it was last
changed or kept. The list is one query; nothing is read then written in Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select, update

from visitplanner.services.changes import ChangeKind, Changes
from visitplanner.store.database import Catalogue
from visitplanner.store.models import Event, OutboxMessage, Participation, Person
from visitplanner.store.types import utcnow

PURGED_BODY = ""  # the column is NOT NULL: an emptied body


@dataclass(frozen=True)
class ReviewRow:
    id: int
    name: str
    email: str | None
    organisation: str | None
    last_event: date | None  # start day (UTC) of the latest event they were listed for
    last_change: date  # record created, changed or kept
    participations: int


def _years_ago(years: int, now: datetime) -> datetime:
    try:
        return now.replace(year=now.year - years)
    except ValueError:  # 29 February
        return now.replace(year=now.year - years, day=28)


def due_for_review(
    catalogue: Catalogue, years: int, *, now: datetime | None = None
) -> list[ReviewRow]:
    """Live people with no participation, creation, change or keep in the last ``years``."""
    cutoff = _years_ago(max(1, years), now or datetime.now(UTC))
    last = (
        select(
            Participation.person_id.label("person_id"),
            func.max(Event.starts_at).label("last_start"),
            func.count(Participation.id).label("n"),
        )
        .join(Event, Participation.event_id == Event.id)
        .where(Event.deleted_at.is_(None))
        .group_by(Participation.person_id)
        .subquery()
    )
    stmt = (
        select(Person, last.c.last_start, last.c.n)
        .outerjoin(last, last.c.person_id == Person.id)
        .where(
            Person.deleted_at.is_(None),
            Person.created_at < cutoff,
            Person.updated_at < cutoff,
            (last.c.last_start.is_(None)) | (last.c.last_start < cutoff),
        )
        .order_by(Person.sort_key, Person.id)
    )
    with catalogue.session() as session:
        return [
            ReviewRow(
                id=p.id,
                name=p.full_name,
                email=p.email,
                organisation=p.organisation,
                last_event=last_start.date() if last_start else None,
                last_change=max(p.created_at, p.updated_at).date(),
                participations=n or 0,
            )
            for p, last_start, n in session.execute(stmt)
        ]


def keep_person(catalogue: Catalogue, person_id: int) -> Changes:
    """Marks the record as reviewed today: it leaves the review list for N years."""
    with catalogue.session() as session, session.begin():
        done = session.execute(
            update(Person)
            .where(Person.id == person_id, Person.deleted_at.is_(None))
            .values(updated_at=utcnow())
        ).rowcount
    return Changes.of(updated=[(ChangeKind.PERSON, person_id)]) if done else Changes()


def message_bodies_due(catalogue: Catalogue, days: int, *, now: datetime | None = None) -> int:
    """How many sent messages still hold a body older than ``days``."""
    cutoff = (now or datetime.now(UTC)) - timedelta(days=max(1, days))
    with catalogue.session() as session:
        return session.scalar(
            select(func.count(OutboxMessage.id)).where(
                OutboxMessage.sent_at.is_not(None),
                OutboxMessage.sent_at < cutoff,
                OutboxMessage.message != PURGED_BODY,
            )
        )


def purge_message_bodies(
    catalogue: Catalogue, days: int, *, now: datetime | None = None
) -> Changes:
    """Empties the body of every message sent more than ``days`` ago; the changes name them
    (as outbox messages updated), so they can be counted and the outbox shows them again.

    Messages not sent yet keep theirs (they are still to go out).
    """
    cutoff = (now or datetime.now(UTC)) - timedelta(days=max(1, days))
    with catalogue.session() as session, session.begin():
        # The ids first, then only those rows (no RETURNING: SQLite before 3.35 lacks it);
        # a message sent in between is purged next time.
        ids = list(
            session.scalars(
                select(OutboxMessage.id).where(
                    OutboxMessage.sent_at.is_not(None),
                    OutboxMessage.sent_at < cutoff,
                    OutboxMessage.message != PURGED_BODY,
                )
            )
        )
        if ids:
            session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id.in_(ids))
                .values(message=PURGED_BODY)
                .execution_options(synchronize_session=False)
            )
    return Changes.of(updated=[(ChangeKind.OUTBOX, i) for i in ids])
