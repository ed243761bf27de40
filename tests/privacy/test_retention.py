"""Retention: people with no participation for N years are reviewed; old message texts go."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import update

from visitplanner.services.changes import ChangeKind, Changes
from visitplanner.services.directory.records import PersonInput, create_person
from visitplanner.services.privacy import retention
from visitplanner.store.models import OutboxMessage, Person

LATER = datetime(2030, 6, 1, tzinfo=UTC)  # over 3 years after the 2026 visit


def _age(catalogue, person_id, when):
    with catalogue.session() as session, session.begin():
        session.execute(
            update(Person).where(Person.id == person_id).values(created_at=when, updated_at=when)
        )


def test_only_people_without_recent_participation_are_due(catalogue, ids):
    old = datetime(2020, 1, 1, tzinfo=UTC)
    quiet = create_person(catalogue, PersonInput(given_name="Léa", family_name="Quiet")).created_id(
        "person"
    )
    for person in (ids.person, ids.other, quiet):
        _age(catalogue, person, old)
    # Today everyone who took part in the 2026 visit is active; Léa never took part.
    now = datetime(2027, 1, 1, tzinfo=UTC)
    assert [r.name for r in retention.due_for_review(catalogue, 3, now=now)] == ["Léa Quiet"]
    # In 2030, the 2026 visit is over three years old: all three are due, Bob with his
    # two participations, the latest one shown.
    rows = {r.name: r for r in retention.due_for_review(catalogue, 3, now=LATER)}
    assert set(rows) == {"Çağla Nguyễn", "Bob Martin", "Léa Quiet"}
    assert rows["Bob Martin"].participations == 2
    assert rows["Bob Martin"].last_event.isoformat() == "2026-03-12"
    # With eleven years, nobody (Léa's record dates from 2020).
    assert retention.due_for_review(catalogue, 11, now=LATER) == []


def test_a_new_record_is_not_due_before_its_years(catalogue):
    create_person(catalogue, PersonInput(given_name="New", family_name="Comer"))
    assert retention.due_for_review(catalogue, 1) == []


def test_keep_takes_the_person_off_the_list(catalogue, ids):
    _age(catalogue, ids.other, datetime(2020, 1, 1, tzinfo=UTC))
    later = datetime.now(UTC).replace(year=datetime.now(UTC).year + 4)
    assert ids.other in [r.id for r in retention.due_for_review(catalogue, 3, now=later)]
    changes = retention.keep_person(catalogue, ids.other)
    assert ("person", ids.other) in changes.updated
    now = datetime.now(UTC).replace(year=datetime.now(UTC).year + 1)
    assert ids.other not in [r.id for r in retention.due_for_review(catalogue, 3, now=now)]


def test_old_sent_message_texts_are_purged_and_pending_ones_kept(catalogue, ids):
    with catalogue.session() as session, session.begin():
        session.add(
            OutboxMessage(
                event_id=ids.event,
                person_id=ids.other,
                method="REQUEST",
                sequence=0,
                recipient="bob@example.org",
                subject="Invitation",
                message="still to send",
            )
        )
    # The fixture's message was sent on 2026-03-05.
    assert retention.message_bodies_due(catalogue, 90, now=datetime(2026, 4, 1, tzinfo=UTC)) == 0
    assert retention.message_bodies_due(catalogue, 90, now=LATER) == 1
    purged = retention.purge_message_bodies(catalogue, 90, now=LATER)
    assert not retention.purge_message_bodies(catalogue, 90, now=LATER)  # nothing twice
    with catalogue.session() as session:
        bodies = dict(session.query(OutboxMessage.recipient, OutboxMessage.message).all())
        sent = session.query(OutboxMessage.id).filter(OutboxMessage.message == "").scalar()
    # The changes name the message emptied, so the outbox shows it again.
    assert purged == Changes.of(updated=[(ChangeKind.OUTBOX, sent)])
    assert bodies == {"cagla.nguyen@example.org": "", "bob@example.org": "still to send"}
