"""A catalogue where one person appears everywhere personal data can be kept."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from visitplanner.services.directory.records import PersonInput, create_person
from visitplanner.services.events.planning import EventInput, create_event
from visitplanner.store.models import (
    Attendance,
    Debrief,
    OutboxMessage,
    Participation,
    Photo,
    Quote,
    StoryEntry,
)

NAME = "Çağla Nguyễn"
EMAIL = "cagla.nguyen@example.org"
QUOTE = "On a appris <b>ensemble</b> & c’est « précieux »"


@dataclass(frozen=True)
class Ids:
    person: int
    other: int
    event: int
    old_event: int


def fill(catalogue) -> Ids:
    """Çağla took part in a visit (present in the morning), was quoted, photographed, named in
    the story and written to; Bob Martin took part too and appears in nothing else."""
    person = create_person(
        catalogue,
        PersonInput(
            given_name="Çağla",
            family_name="Nguyễn",
            email=EMAIL,
            phone="+33 6 12 34 56 78",
            organisation="Tiers-lieu des Ormes",
            actor_type="inhabitant",
            consent_photos=True,
            consent_quotes=True,
            consent_date=date(2026, 3, 2),
        ),
    ).created_id("person")
    other = create_person(
        catalogue, PersonInput(given_name="Bob", family_name="Martin", email="bob@example.org")
    ).created_id("person")
    event = create_event(
        catalogue,
        EventInput(
            kind="visit",
            title="Visite de la recyclerie",
            start="2026-03-12T09:30",
            end="2026-03-12T17:00",
        ),
    ).created_id("event")
    old_event = create_event(
        catalogue,
        EventInput(
            kind="seminar", title="Séminaire 2021", start="2021-05-04T09:00", end="2021-05-04T12:00"
        ),
    ).created_id("event")
    answered = datetime(2026, 3, 5, 10, 0, tzinfo=UTC)
    with catalogue.session() as session, session.begin():
        mine = Participation(
            event_id=event, person_id=person, status="accepted", responded_at=answered
        )
        session.add(mine)
        session.add(Participation(event_id=event, person_id=other, status="accepted"))
        session.add(Participation(event_id=old_event, person_id=other, status="accepted"))
        session.flush()
        session.add(
            Attendance(participation_id=mine.id, day=date(2026, 3, 12), half_day="am", present=True)
        )
        session.add(
            Attendance(
                participation_id=mine.id, day=date(2026, 3, 12), half_day="pm", present=False
            )
        )
        debrief = Debrief(event_id=event, status="final", what_we_saw="Une recyclerie.")
        session.add(debrief)
        session.flush()
        session.add(Quote(debrief_id=debrief.id, text=QUOTE, person_id=person))
        session.add(Quote(debrief_id=debrief.id, text="Bob’s words", person_id=other))
        session.add(
            Photo(
                debrief_id=debrief.id,
                path="originals/a.jpg",
                sha256="a" * 64,
                caption=f"{NAME} au jardin",
                original_name="jardin.jpg",
            )
        )
        session.add(
            Photo(
                debrief_id=debrief.id,
                path="originals/b.jpg",
                sha256="b" * 64,
                caption="L’atelier vélo",
                original_name="atelier.jpg",
            )
        )
        session.add(
            StoryEntry(
                uuid="11111111-1111-4111-8111-111111111111",
                entry_date=date(2026, 3, 13),
                title="Retour de visite",
                kind="visit",
                text=f"Merci à {NAME.upper()} pour l’accueil.",
                author="Ana Ruiz",
            )
        )
        session.add(
            StoryEntry(
                uuid="22222222-2222-4222-8222-222222222222",
                entry_date=date(2026, 3, 14),
                title="Décision",
                kind="decision",
                text="Rien sur elle.",
                author="Ana Ruiz",
            )
        )
        session.add(
            OutboxMessage(
                event_id=event,
                person_id=person,
                method="REQUEST",
                sequence=0,
                recipient=EMAIL,
                subject="Invitation : Visite de la recyclerie",
                message="BEGIN:VCALENDAR secret body",
                sent_at=answered,
            )
        )
    return Ids(person, other, event, old_event)


@pytest.fixture
def ids(catalogue) -> Ids:
    return fill(catalogue)
