"""Participant lists and the catalogue's people as CSV files for French Excel.

Headers and enumeration values are written in the interface language (the
people who open these files read them, they do not parse them), and the headers
are ones :func:`visitplanner.exchange.csvio.guess_mapping` recognises, so an
exported file can be edited in a spreadsheet and imported back.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from sqlalchemy import select

from visitplanner.domain.enums import ActorType, Language, ResponseStatus, Role
from visitplanner.exchange.csvio import write_table
from visitplanner.i18n import _
from visitplanner.services.events.lookup import find_event
from visitplanner.store.database import Catalogue
from visitplanner.store.models import Participation, Person


def people_headers() -> list[str]:
    return [
        _("Family name"),
        _("Given name"),
        _("E-mail"),
        _("Phone"),
        _("Organisation"),
        _("Function"),
        _("Actor type"),
        _("Language"),
    ]


def participant_headers() -> list[str]:
    return [
        _("Family name"),
        _("Given name"),
        _("E-mail"),
        _("Organisation"),
        _("Function"),
        _("Actor type"),
        _("Role"),
        _("Status"),
        _("Waiting list"),
    ]


def export_people(catalogue: Catalogue, path: str | os.PathLike[str]) -> int:
    """Writes every person not in the trash, in name order; returns how many.

    Notes and consents stay out: this file is for mailing tools and partners.
    """
    with catalogue.session() as session:
        stmt = (
            select(
                Person.family_name,
                Person.given_name,
                Person.email,
                Person.phone,
                Person.organisation,
                Person.function,
                Person.actor_type,
                Person.preferred_language,
            )
            .where(Person.deleted_at.is_(None))
            .order_by(Person.sort_key, Person.id)
        )

        def rows() -> Iterator[list[object]]:
            for family, given, email, phone, org, function, actor, language in session.execute(
                stmt
            ):
                yield [
                    family,
                    given,
                    email,
                    phone,
                    org,
                    function,
                    ActorType.label_of(actor),
                    Language.label_of(language),
                ]

        return write_table(path, people_headers(), rows(), private=True)


def export_participants(
    catalogue: Catalogue, event_ref: str | int, path: str | os.PathLike[str]
) -> int:
    """Writes an event's list in name order (the waiting list's place in its column)."""
    with catalogue.session() as session:
        event = find_event(session, event_ref)
        stmt = (
            select(Participation, Person)
            .join(Person, Participation.person_id == Person.id)
            .where(Participation.event_id == event.id)
            .order_by(Person.sort_key, Person.id)
        )
        rows = [
            [
                person.family_name,
                person.given_name,
                person.email,
                person.organisation,
                person.function,
                ActorType.label_of(person.actor_type),
                Role.label_of(p.role),
                ResponseStatus.label_of(p.status),
                p.waitlist_position,
            ]
            for p, person in session.execute(stmt)
        ]
    return write_table(path, participant_headers(), rows, private=True)
