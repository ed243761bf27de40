"""One rule for what names a record: id, UID, e-mail, or a name only one live record has."""

from __future__ import annotations

import re

import pytest

from visitplanner.domain.errors import NotFoundError
from visitplanner.services.directory import records as cat
from visitplanner.services.events import planning
from visitplanner.services.references import AmbiguousReferenceError, resolve


def _person(catalogue, given, family, email=None):
    return cat.create_person(
        catalogue, cat.PersonInput(given_name=given, family_name=family, email=email)
    ).created_id("person")


def _event(catalogue, title):
    return planning.create_event(
        catalogue,
        planning.EventInput(
            kind="visit", title=title, start="2027-07-01T09:00", end="2027-07-01T12:00"
        ),
    ).created_id("event")


def test_people_by_id_email_and_folded_full_name_either_way_round(catalogue):
    helene = _person(catalogue, "Hélène", "Lefèvre", "Helene@X.fr")
    for reference in (str(helene), helene, " helene@x.FR ", "HELENE LEFEVRE", "lefèvre hélène"):
        assert resolve(catalogue, "person", reference) == helene


def test_events_by_uid_and_title_hosts_and_dynamics_by_name(catalogue):
    event_id = _event(catalogue, "Visite de l’Atelier")
    uid = planning.get_event(catalogue, event_id).event.uid
    assert resolve(catalogue, "event", uid) == event_id
    assert resolve(catalogue, "event", "visite de latelier") == event_id
    host = cat.create_host(catalogue, cat.HostInput(name="Fromagerie")).created_id("host")
    assert resolve(catalogue, "host", "FROMAGERIE") == host
    dynamic = cat.create_dynamic(catalogue, cat.DynamicInput(name="Clus'ter Jura")).created_id(
        "dynamic"
    )
    assert resolve(catalogue, "dynamic", "cluster jura") == dynamic
    # A name is matched whole, not as a search: a word of it names nothing.
    with pytest.raises(NotFoundError, match=re.escape("No dynamic matches “jura”.")):
        resolve(catalogue, "dynamic", "jura")


def test_a_shared_name_lists_the_candidates_with_their_ids(catalogue):
    first = _person(catalogue, "Marie", "Dupont", "m1@x.fr")
    second = _person(catalogue, "Marie", "Dupont")
    with pytest.raises(AmbiguousReferenceError) as caught:
        resolve(catalogue, "person", "Marie Dupont")
    assert [c.id for c in caught.value.candidates] == [first, second]
    assert caught.value.message == (
        f"“Marie Dupont” names several people: {first} (Marie Dupont, m1@x.fr); "
        f"{second} (Marie Dupont). Give the id instead."
    )


def test_records_in_the_trash_are_not_named(catalogue):
    kept = _person(catalogue, "Marie", "Dupont")
    gone = _person(catalogue, "Marie", "Dupont")
    cat.move_to_trash(catalogue, "person", gone)
    assert resolve(catalogue, "person", "marie dupont") == kept
    with pytest.raises(NotFoundError, match=re.escape(f"No person has id {gone}.")):
        resolve(catalogue, "person", gone)


def test_the_services_that_take_a_reference_use_the_same_rule(catalogue):
    event_id = _event(catalogue, "Séminaire d’hiver")
    person = _person(catalogue, "Zoé", "Martin")
    assert planning.get_event(catalogue, "seminaire dhiver").event.id == event_id
    assert cat.find_person(catalogue, "zoe martin").id == person
    _event(catalogue, "Seminaire d'hiver")
    with pytest.raises(AmbiguousReferenceError):
        planning.get_event(catalogue, "Séminaire d’hiver")
