"""The trash: what it lists, what it restores, and what emptying it destroys and keeps."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, text

from visitplanner.domain.errors import NotFoundError
from visitplanner.services.changes import Changes
from visitplanner.services.demo import load_demo
from visitplanner.services.directory import records as cat
from visitplanner.services.events import planning
from visitplanner.services.recovery import trash
from visitplanner.services.recovery.trash import TrashItem, empty_trash, list_trash, restore
from visitplanner.store.models import (
    Debrief,
    Event,
    FollowUpAction,
    Host,
    Participation,
    Person,
    StoryEntry,
    host_dynamics,
    person_dynamics,
)

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def at(monkeypatch, moment):
    """Deletions made from now on are stamped ``moment``."""
    monkeypatch.setattr(cat, "utcnow", lambda: moment)


def trash_event(catalogue, event_id, moment=T0):
    # Events have no trash command yet; set the mark as one would.
    with catalogue.session() as session:
        session.get(Event, event_id).deleted_at = moment


def new_event(catalogue, title="Visite à Figeac", **values):
    data = planning.EventInput(
        kind="visit", title=title, start="2025-05-01T09:00", end="2025-05-01T17:00", **values
    )
    return planning.create_event(catalogue, data).created_id("event")


@pytest.fixture
def world(catalogue):
    """Anne is a host's contact, on two participant lists, an organiser and an action's owner."""
    dynamic = cat.create_dynamic(catalogue, cat.DynamicInput(name="Figeacteurs")).created_id(
        "dynamic"
    )
    anne = cat.create_person(
        catalogue,
        cat.PersonInput(family_name="Martin", given_name="Anne", dynamic_ids=[dynamic]),
    ).created_id("person")
    paul = cat.create_person(
        catalogue, cat.PersonInput(family_name="Roux", given_name="Paul", dynamic_ids=[dynamic])
    ).created_id("person")
    host = cat.create_host(
        catalogue, cat.HostInput(name="La Ruche", contact_person_id=anne, dynamic_ids=[dynamic])
    ).created_id("host")
    visit = new_event(catalogue, host_id=host, organiser_id=anne)
    seminar = new_event(catalogue, "Séminaire commun", organiser_id=paul)
    planning.link_dynamic(catalogue, visit, dynamic, "visited")
    for event in (visit, seminar):
        planning.add_participant(catalogue, event, anne, status="accepted")
        planning.add_participant(catalogue, event, paul)
    with catalogue.session() as session:
        debrief = Debrief(event_id=seminar)
        debrief.actions = [FollowUpAction(text="Send the minutes", owner_id=anne)]
        session.add(debrief)
        session.add(StoryEntry(uuid="u-1", entry_date=T0.date(), title="Visit", event_id=visit))
        session.flush()
        debrief_id = debrief.id
    return {
        "dynamic": dynamic,
        "anne": anne,
        "paul": paul,
        "host": host,
        "visit": visit,
        "seminar": seminar,
        "debrief": debrief_id,
    }


def participants(catalogue, event_id):
    return [p.name for p in planning.get_event(catalogue, event_id).participants]


def count(catalogue, model):
    with catalogue.session() as session:
        return session.scalar(select(func.count()).select_from(model))


# --- listing --------------------------------------------------------------------------------------


def test_an_empty_trash_lists_nothing(catalogue, world):
    assert list_trash(catalogue) == []


def test_the_trash_lists_every_kind_latest_deletion_first(catalogue, world, monkeypatch):
    at(monkeypatch, T0)
    cat.move_to_trash(catalogue, "person", world["paul"])
    at(monkeypatch, T0 + timedelta(hours=1))
    cat.move_to_trash(catalogue, "host", world["host"])
    cat.move_to_trash(catalogue, "dynamic", world["dynamic"])
    trash_event(catalogue, world["seminar"], T0 + timedelta(days=1))
    assert list_trash(catalogue) == [
        TrashItem("event", world["seminar"], "Séminaire commun", T0 + timedelta(days=1)),
        TrashItem("dynamic", world["dynamic"], "Figeacteurs", T0 + timedelta(hours=1)),
        TrashItem("host", world["host"], "La Ruche", T0 + timedelta(hours=1)),
        TrashItem("person", world["paul"], "Paul Roux", T0),
    ]
    assert [i.kind_label for i in list_trash(catalogue)] == [
        "event",
        "dynamic",
        "host organisation",
        "person",
    ]


# --- restoring ------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["dynamic", "host", "person"])
def test_restore_brings_back_a_catalogue_record_as_it_was(catalogue, world, kind):
    record_id = world["paul"] if kind == "person" else world[kind]
    get = {"dynamic": cat.get_dynamic, "host": cat.get_host, "person": cat.get_person}[kind]
    before = get(catalogue, record_id)
    cat.move_to_trash(catalogue, kind, record_id)
    assert restore(catalogue, kind, record_id) == Changes.of(created=[(kind, record_id)])
    assert get(catalogue, record_id) == before
    assert list_trash(catalogue) == []


def test_restore_brings_back_an_event_with_its_participants(catalogue, world):
    before = planning.get_event(catalogue, world["visit"])
    trash_event(catalogue, world["visit"])
    assert [e.id for e in planning.list_events(catalogue)] == [world["seminar"]]
    assert restore(catalogue, "event", world["visit"]) == Changes.of(
        created=[("event", world["visit"])]
    )
    assert planning.get_event(catalogue, world["visit"]) == before


@pytest.mark.parametrize("kind", ["dynamic", "host", "person", "event"])
def test_restoring_what_is_not_in_the_trash_is_refused(catalogue, world, kind):
    with pytest.raises(NotFoundError, match=r"^The trash holds no "):
        restore(catalogue, kind, 999)


def test_restoring_a_live_event_is_refused(catalogue, world):
    with pytest.raises(NotFoundError, match=r"^The trash holds no event with id \d+\.$"):
        restore(catalogue, "event", world["visit"])


# --- emptying ------------------------------------------------------------------------------------


def test_emptying_an_empty_trash_changes_nothing(catalogue, world):
    assert empty_trash(catalogue) == Changes()
    assert count(catalogue, Person) == 2


def test_emptying_destroys_a_person_and_clears_what_pointed_at_her(catalogue, world):
    anne = world["anne"]
    with catalogue.session() as session:
        anne_participations = session.scalars(
            select(Participation.id).where(Participation.person_id == anne)
        ).all()
    cat.move_to_trash(catalogue, "person", anne)

    changes = empty_trash(catalogue)

    assert changes.deleted == {("person", anne)} | {
        ("participation", i) for i in anne_participations
    }
    assert changes.updated == {
        ("host", world["host"]),
        ("event", world["visit"]),
        ("event", world["seminar"]),
        ("debrief", world["debrief"]),
    }
    with catalogue.session() as session:
        assert session.get(Person, anne) is None
        assert session.scalar(select(FollowUpAction.owner_id)) is None
    host = cat.get_host(catalogue, world["host"])
    assert (host.contact_person_id, host.contact_person_name) == (None, None)
    visit = planning.get_event(catalogue, world["visit"])
    assert visit.event.organiser_id is None
    assert participants(catalogue, world["visit"]) == ["Paul Roux"]
    assert participants(catalogue, world["seminar"]) == ["Paul Roux"]
    assert count(catalogue, Participation) == 2
    assert list_trash(catalogue) == []


def test_emptying_destroys_a_host_and_a_dynamic_but_not_what_used_them(catalogue, world):
    cat.move_to_trash(catalogue, "host", world["host"])
    cat.move_to_trash(catalogue, "dynamic", world["dynamic"])

    changes = empty_trash(catalogue)

    assert changes.deleted == {("host", world["host"]), ("dynamic", world["dynamic"])}
    assert changes.updated == {
        ("person", world["anne"]),
        ("person", world["paul"]),
        ("event", world["visit"]),
    }
    visit = planning.get_event(catalogue, world["visit"]).event
    assert (visit.host_id, visit.visited_dynamics) == (None, ())
    assert [p.dynamic_ids for p in cat.list_people(catalogue)] == [(), ()]
    with catalogue.session() as session:
        assert session.get(Host, world["host"]) is None
        assert session.scalar(select(func.count()).select_from(host_dynamics)) == 0
        assert session.scalar(select(func.count()).select_from(person_dynamics)) == 0


def test_emptying_destroys_an_event_with_its_lists_and_debrief(catalogue, world):
    trash_event(catalogue, world["seminar"])
    trash_event(catalogue, world["visit"])
    changes = empty_trash(catalogue)
    assert ("debrief", world["debrief"]) in changes.deleted
    assert {k for k, _ in changes.deleted} == {"event", "participation", "debrief"}
    assert {k for k, _ in changes.updated} == {"story_entry"}
    assert count(catalogue, Participation) == 0
    assert count(catalogue, Debrief) == 0
    with catalogue.session() as session:
        assert session.scalar(select(StoryEntry.event_id)) is None
    assert [p.name for p in cat.list_people(catalogue)] == ["Anne Martin", "Paul Roux"]


def test_emptying_can_keep_the_latest_deletions(catalogue, world, monkeypatch):
    at(monkeypatch, T0)
    cat.move_to_trash(catalogue, "person", world["paul"])
    at(monkeypatch, T0 + timedelta(days=40))
    cat.move_to_trash(catalogue, "person", world["anne"])

    changes = empty_trash(catalogue, older_than=T0 + timedelta(days=30))

    assert ("person", world["paul"]) in changes.deleted
    assert ("person", world["anne"]) not in changes.deleted
    assert [(i.kind, i.id) for i in list_trash(catalogue)] == [("person", world["anne"])]
    restore(catalogue, "person", world["anne"])
    assert participants(catalogue, world["visit"]) == ["Anne Martin"]


def test_emptying_the_trash_of_the_demo_keeps_the_catalogue_consistent(catalogue):
    load_demo(catalogue)
    people = cat.list_people(catalogue)
    hosts = cat.list_hosts(catalogue)
    contacts = {h.contact_person_id for h in hosts} - {None}
    with catalogue.session() as session:
        listed = set(session.scalars(select(Participation.person_id)))
    # Someone who is both a host's contact and on an event's list.
    victim = next(p for p in people if p.id in contacts and p.id in listed)
    cat.move_to_trash(catalogue, "person", victim.id)
    cat.move_to_trash(catalogue, "host", hosts[0].id)
    cat.move_to_trash(catalogue, "dynamic", cat.list_dynamics(catalogue)[0].id)

    changes = empty_trash(catalogue)

    assert {k for k, _ in changes.deleted} >= {"person", "host", "dynamic", "participation"}
    assert "event" in changes.kinds
    assert list_trash(catalogue) == []
    assert victim.id not in {h.contact_person_id for h in cat.list_hosts(catalogue)}
    for event in planning.list_events(catalogue):
        assert victim.name not in participants(catalogue, event.id)
    if catalogue.is_sqlite:  # PostgreSQL checks every foreign key at each statement
        with catalogue.session() as session:
            assert session.execute(text("PRAGMA foreign_key_check")).all() == []


def test_kinds_outside_the_trash_are_programming_errors(catalogue):
    with pytest.raises(ValueError):
        restore(catalogue, "debrief", 1)
    with pytest.raises(KeyError):
        trash.kind_label("debrief")
