"""The copy of a person's data holds the messages sent to their address, and no one else's.

Messages were matched with ``recipient ILIKE <address>``: an address holding ``_`` or
``%`` (both allowed in e-mail addresses) was read as a pattern, so the copy for
``a_b@exemple.org`` also held the messages sent to ``axb@exemple.org``.
"""

from __future__ import annotations

from visitplanner.services.directory import records as cat
from visitplanner.services.events import planning
from visitplanner.services.privacy.access import access_data
from visitplanner.store.models import OutboxMessage


def _message(catalogue, event_id: int, recipient: str, body: str) -> None:
    with catalogue.session() as session:
        session.add(
            OutboxMessage(
                event_id=event_id,
                person_id=None,  # e.g. sent before the address was given to a person
                method="REQUEST",
                sequence=0,
                recipient=recipient,
                subject="Invitation",
                message=body,
            )
        )


def test_an_address_with_an_underscore_or_a_percent_is_not_a_pattern(catalogue):
    form = planning.EventInput(
        kind="visit", title="Visite", start="2027-06-10T09:30", end="2027-06-10T17:00"
    )
    event_id = planning.create_event(catalogue, form).created_id("event")
    person = cat.create_person(
        catalogue, cat.PersonInput(family_name="Martin", email="A_B%c@exemple.org")
    ).created_id("person")
    _message(catalogue, event_id, "a_b%c@exemple.org", "hers")
    _message(catalogue, event_id, "axbyyc@exemple.org", "someone else's")

    bodies = [m["body"] for m in access_data(catalogue, person)["messages"]]

    assert bodies == ["hers"]
