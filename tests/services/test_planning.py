"""Events and their participants: time zones, the SEQUENCE rule, the waiting list."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import update

from visitplanner.domain.errors import NotFoundError, UserError, ValidationError
from visitplanner.services.changes import Changes
from visitplanner.services.directory import records as cat
from visitplanner.services.events import planning
from visitplanner.store.models import Participation
from visitplanner.store.types import utcnow

SUMMER = ("2027-07-01T09:00", "2027-07-01T17:30")
WINTER = ("2027-01-14T09:00", "2027-01-14T12:00")


def new_event(catalogue, title="Visite de la fromagerie", when=SUMMER, **values):
    values.setdefault("kind", "visit")
    data = planning.EventInput(title=title, start=when[0], end=when[1], **values)
    return planning.create_event(catalogue, data).created_id("event")


def new_person(catalogue, family_name="Dupont", **values):
    data = cat.PersonInput(family_name=family_name, **values)
    return cat.create_person(catalogue, data).created_id("person")


def event(catalogue, reference):
    return planning.get_event(catalogue, reference).event


def mark_invitations_sent(catalogue, event_id):
    """What sending invitations leaves behind: invited_at on the participations."""
    with catalogue.session() as session:
        session.execute(
            update(Participation)
            .where(Participation.event_id == event_id)
            .values(invited_at=utcnow())
        )


# --- creating events --------------------------------------------------------------------------


def test_create_an_event_and_read_it_back(catalogue):
    host_id = cat.create_host(catalogue, cat.HostInput(name="Fromagerie", city="Pontarlier"))
    event_id = new_event(
        catalogue,
        kind="Learning visit",
        host_id=host_id.created_id("host"),
        capacity="12",
        fee="15,50 €",
        visit_question="  Comment mutualiser ?  ",
    )
    e = event(catalogue, event_id)
    assert e.kind == "visit"
    assert e.status == "planned"
    assert e.sequence == 0
    assert e.capacity == 12
    assert e.fee_cents == 1550
    assert e.visit_question == "Comment mutualiser ?"
    assert e.host_name == "Fromagerie"
    assert e.location == "Fromagerie, Pontarlier"
    assert e.uid.endswith("@visitplanner")


def test_create_returns_what_changed(catalogue):
    changes = planning.create_event(
        catalogue,
        planning.EventInput(kind="meeting", title="Point", start=SUMMER[0], end=SUMMER[1]),
    )
    assert changes == Changes.of(created=[("event", changes.created_id("event"))])


def test_every_event_gets_its_own_uid(catalogue):
    first, second = new_event(catalogue), new_event(catalogue)
    assert event(catalogue, first).uid != event(catalogue, second).uid


def test_a_time_without_offset_is_taken_in_paris_with_the_summer_offset(catalogue):
    e = event(catalogue, new_event(catalogue, when=SUMMER))
    assert e.timezone == "Europe/Paris"
    assert e.start.isoformat() == "2027-07-01T09:00:00+02:00"
    assert e.end.isoformat() == "2027-07-01T17:30:00+02:00"


def test_a_time_without_offset_is_taken_in_paris_with_the_winter_offset(catalogue):
    e = event(catalogue, new_event(catalogue, when=WINTER))
    assert e.start.isoformat() == "2027-01-14T09:00:00+01:00"
    assert e.end.isoformat() == "2027-01-14T12:00:00+01:00"


def test_an_event_across_the_autumn_change_keeps_both_offsets(catalogue):
    e = event(catalogue, new_event(catalogue, when=("2027-10-30T10:00", "2027-11-01T16:00")))
    assert e.start.utcoffset() == timedelta(hours=2)
    assert e.end.utcoffset() == timedelta(hours=1)


def test_a_given_offset_keeps_the_instant_shown_in_the_events_zone(catalogue):
    e = event(catalogue, new_event(catalogue, when=("2027-07-01T09:00-04:00", "2027-07-01T16:00Z")))
    assert e.start.isoformat() == "2027-07-01T15:00:00+02:00"
    assert e.end.isoformat() == "2027-07-01T18:00:00+02:00"


def test_another_time_zone_is_kept(catalogue):
    e = event(catalogue, new_event(catalogue, timezone="America/Montreal", when=WINTER))
    assert e.timezone == "America/Montreal"
    assert e.start.isoformat() == "2027-01-14T09:00:00-05:00"


def test_an_aware_datetime_is_accepted(catalogue):
    start = datetime(2027, 7, 1, 9, tzinfo=ZoneInfo("Europe/Paris"))
    event_id = new_event(catalogue, when=(start, start + timedelta(hours=2)))
    assert event(catalogue, event_id).start == start


def test_an_event_ending_before_it_starts_is_refused(catalogue):
    with pytest.raises(ValidationError) as info:
        new_event(catalogue, when=("2027-07-01T17:00", "2027-07-01T09:00"))
    assert info.value.field == "end"
    assert str(info.value) == "end: the end comes before the start."
    assert planning.list_events(catalogue) == []


def test_an_offset_can_make_a_later_looking_end_come_first(catalogue):
    # 11:00 in Paris is 09:00 UTC: one hour before the start.
    with pytest.raises(ValidationError, match=r"^end: "):
        new_event(catalogue, when=("2027-07-01T10:00+00:00", "2027-07-01T11:00+02:00"))
    assert planning.list_events(catalogue) == []


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"when": ("le 1er juillet", SUMMER[1])}, "start"),
        ({"when": (SUMMER[0], "2027-07-32T10:00")}, "end"),
        ({"when": ("", SUMMER[1])}, "start"),
        ({"title": "  "}, "title"),
        ({"kind": "party"}, "kind"),
        ({"status": "postponed"}, "status"),
        ({"timezone": "Europe/Atlantis"}, "time zone"),
        ({"capacity": "-1"}, "capacity"),
        ({"fee": "free"}, "fee"),
    ],
)
def test_a_bad_event_is_refused_naming_the_field(catalogue, values, field):
    with pytest.raises(ValidationError) as info:
        new_event(catalogue, **values)
    assert info.value.field == field
    assert str(info.value).startswith(f"{field}: ")
    assert planning.list_events(catalogue) == []


def test_an_event_with_an_unknown_host_or_organiser_is_refused(catalogue):
    with pytest.raises(NotFoundError, match=r"No host organisation has id 9"):
        new_event(catalogue, host_id=9)
    with pytest.raises(NotFoundError, match=r"No person has id 9"):
        new_event(catalogue, organiser_id=9)
    assert planning.list_events(catalogue) == []


# --- reading events ---------------------------------------------------------------------------


def test_get_an_event_by_id_or_by_uid(catalogue):
    event_id = new_event(catalogue)
    uid = event(catalogue, event_id).uid
    assert event(catalogue, uid).id == event_id
    assert event(catalogue, str(event_id)).uid == uid
    with pytest.raises(NotFoundError, match=r"No event matches “999”"):
        planning.get_event(catalogue, 999)
    with pytest.raises(NotFoundError, match=r"No event matches “nope@visitplanner”"):
        planning.get_event(catalogue, "nope@visitplanner")


def test_events_are_listed_by_start_and_found_by_folded_words(catalogue):
    new_event(catalogue, "Visite à Besançon", when=SUMMER)
    new_event(catalogue, "Séminaire commun", when=WINTER, kind="seminar")
    new_event(catalogue, "Atelier réemploi", when=("2027-03-02T14:00", "2027-03-02T16:00"))
    assert [e.title for e in planning.list_events(catalogue)] == [
        "Séminaire commun",
        "Atelier réemploi",
        "Visite à Besançon",
    ]
    assert [e.title for e in planning.list_events(catalogue, "BESANCON")] == ["Visite à Besançon"]
    assert [e.title for e in planning.list_events(catalogue, "seminaire")] == ["Séminaire commun"]
    assert [e.title for e in planning.list_events(catalogue, kind="seminar")] == [
        "Séminaire commun"
    ]


# --- changing events --------------------------------------------------------------------------


def test_update_an_event(catalogue):
    event_id = new_event(catalogue)
    changes = planning.update_event(
        catalogue,
        event_id,
        planning.EventPatch(
            title="Visite reportée", start="2027-07-02T09:00", end="2027-07-02T12:00"
        ),
    )
    assert changes == Changes.of(updated=[("event", event_id)])
    e = event(catalogue, event_id)
    assert e.title == "Visite reportée"
    assert e.start.isoformat() == "2027-07-02T09:00:00+02:00"
    assert e.end.isoformat() == "2027-07-02T12:00:00+02:00"
    assert [x.title for x in planning.list_events(catalogue, "reportee")] == ["Visite reportée"]


def test_update_an_event_by_uid(catalogue):
    event_id = new_event(catalogue)
    uid = event(catalogue, event_id).uid
    planning.update_event(catalogue, uid, planning.EventPatch(capacity=3))
    assert event(catalogue, event_id).capacity == 3


def test_an_update_moving_the_end_before_the_start_changes_nothing(catalogue):
    event_id = new_event(catalogue)
    before = event(catalogue, event_id)
    with pytest.raises(ValidationError, match=r"^end: the end comes before the start"):
        planning.update_event(
            catalogue, event_id, planning.EventPatch(title="Changed", end="2027-07-01T08:00")
        )
    assert event(catalogue, event_id) == before


def test_an_update_with_nothing_to_change_is_refused(catalogue):
    event_id = new_event(catalogue)
    with pytest.raises(UserError, match=r"Nothing to change"):
        planning.update_event(catalogue, event_id, planning.EventPatch())


def test_an_update_of_an_unknown_event_is_refused(catalogue):
    with pytest.raises(NotFoundError, match=r"No event matches “42”"):
        planning.update_event(catalogue, 42, planning.EventPatch(title="x"))


@pytest.fixture
def invited_event(catalogue):
    """An event whose invitations went out to one person."""
    event_id = new_event(catalogue)
    planning.add_participant(catalogue, event_id, new_person(catalogue))
    mark_invitations_sent(catalogue, event_id)
    return event_id


@pytest.mark.parametrize(
    "patch",
    [
        planning.EventPatch(start="2027-07-01T10:00"),
        planning.EventPatch(end="2027-07-01T18:00"),
        planning.EventPatch(location="Salle des fêtes, Morteau"),
        planning.EventPatch(status="cancelled"),
        planning.EventPatch(timezone="Europe/London"),
    ],
    ids=["start", "end", "location", "status", "time zone"],
)
def test_a_significant_change_after_invitations_bumps_the_sequence(catalogue, invited_event, patch):
    planning.update_event(catalogue, invited_event, patch)
    assert event(catalogue, invited_event).sequence == 1
    planning.update_event(catalogue, invited_event, planning.EventPatch(location="Ailleurs"))
    assert event(catalogue, invited_event).sequence == 2


@pytest.mark.parametrize(
    "patch",
    [
        planning.EventPatch(title="Nouveau titre"),
        planning.EventPatch(capacity=40),
        planning.EventPatch(visit_question="Pourquoi ?"),
        planning.EventPatch(start="2027-07-01T09:00"),  # the same moment again
        planning.EventPatch(start="2027-07-01T07:00Z"),  # the same moment, written in UTC
        planning.EventPatch(status="planned"),  # the same status again
    ],
    ids=["title", "capacity", "question", "same start", "same start in UTC", "same status"],
)
def test_a_minor_change_after_invitations_keeps_the_sequence(catalogue, invited_event, patch):
    planning.update_event(catalogue, invited_event, patch)
    assert event(catalogue, invited_event).sequence == 0


def test_a_change_before_any_invitation_keeps_the_sequence(catalogue):
    event_id = new_event(catalogue)
    planning.add_participant(catalogue, event_id, new_person(catalogue))  # listed, not invited
    planning.update_event(
        catalogue, event_id, planning.EventPatch(start="2027-07-03T09:00", end="2027-07-03T12:00")
    )
    assert event(catalogue, event_id).sequence == 0


# --- participants -----------------------------------------------------------------------------


def participants(catalogue, event_id):
    detail = planning.get_event(catalogue, event_id)
    return {p.name: (p.status, p.waitlist_position) for p in detail.participants}


def test_add_a_participant(catalogue):
    event_id = new_event(catalogue)
    person_id = new_person(catalogue, given_name="Hélène", email="helene@example.org")
    outcome = planning.add_participant(catalogue, event_id, person_id, role="Speaker")
    assert outcome.status == "invited"
    assert outcome.waitlist_position is None
    assert outcome.changes.updated == {("event", event_id)}
    assert [k for k, _ in outcome.changes.created] == ["participation"]
    [p] = planning.get_event(catalogue, event_id).participants
    assert (p.person_id, p.name, p.email, p.role, p.status) == (
        person_id,
        "Hélène Dupont",
        "helene@example.org",
        "speaker",
        "invited",
    )


def test_a_person_is_added_only_once(catalogue):
    event_id = new_event(catalogue, title="Visite de la fromagerie")
    person_id = new_person(catalogue, given_name="Hélène")
    planning.add_participant(catalogue, event_id, person_id)
    with pytest.raises(UserError) as info:
        planning.add_participant(catalogue, event_id, person_id, role="speaker", status="accepted")
    assert str(info.value) == "Hélène Dupont is already on the list of “Visite de la fromagerie”."
    assert participants(catalogue, event_id) == {"Hélène Dupont": ("invited", None)}


def test_accepting_beyond_capacity_fills_the_waiting_list_in_order(catalogue):
    event_id = new_event(catalogue, capacity=2)
    people = [new_person(catalogue, name) for name in ("Alpha", "Bravo", "Charlie", "Delta")]
    outcomes = [
        planning.add_participant(catalogue, event_id, person, status="accepted")
        for person in people
    ]
    assert [(o.status, o.waitlist_position) for o in outcomes] == [
        ("accepted", None),
        ("accepted", None),
        ("waitlisted", 1),
        ("waitlisted", 2),
    ]
    assert participants(catalogue, event_id) == {
        "Alpha": ("accepted", None),
        "Bravo": ("accepted", None),
        "Charlie": ("waitlisted", 1),
        "Delta": ("waitlisted", 2),
    }
    assert planning.get_event(catalogue, event_id).count("accepted") == 2


def test_invited_people_do_not_take_places(catalogue):
    event_id = new_event(catalogue, capacity=1)
    planning.add_participant(catalogue, event_id, new_person(catalogue, "Alpha"))
    outcome = planning.add_participant(
        catalogue, event_id, new_person(catalogue, "Bravo"), status="accepted"
    )
    assert (outcome.status, outcome.waitlist_position) == ("accepted", None)


def test_an_event_without_capacity_has_no_waiting_list(catalogue):
    event_id = new_event(catalogue)
    for name in ("Alpha", "Bravo", "Charlie"):
        outcome = planning.add_participant(
            catalogue, event_id, new_person(catalogue, name), status="accepted"
        )
        assert outcome.status == "accepted"


def test_a_capacity_of_zero_puts_everyone_on_the_waiting_list(catalogue):
    event_id = new_event(catalogue, capacity=0)
    outcome = planning.add_participant(
        catalogue, event_id, new_person(catalogue), status="accepted"
    )
    assert (outcome.status, outcome.waitlist_position) == ("waitlisted", 1)


def test_putting_someone_on_the_waiting_list_gives_the_next_position(catalogue):
    event_id = new_event(catalogue, capacity=1)
    planning.add_participant(catalogue, event_id, new_person(catalogue, "Alpha"), status="accepted")
    first = planning.add_participant(
        catalogue, event_id, new_person(catalogue, "Bravo"), status="waitlisted"
    )
    second = planning.add_participant(
        catalogue, event_id, new_person(catalogue, "Charlie"), status="accepted"
    )
    assert (first.waitlist_position, second.waitlist_position) == (1, 2)


def test_waiting_lists_are_per_event(catalogue):
    full = new_event(catalogue, "Complet", capacity=0)
    other = new_event(catalogue, "Autre", capacity=0)
    person_a, person_b = new_person(catalogue, "Alpha"), new_person(catalogue, "Bravo")
    planning.add_participant(catalogue, full, person_a, status="accepted")
    planning.add_participant(catalogue, full, person_b, status="accepted")
    outcome = planning.add_participant(catalogue, other, person_a, status="accepted")
    assert outcome.waitlist_position == 1


@pytest.mark.parametrize(
    ("values", "field"), [({"role": "boss"}, "role"), ({"status": "maybe"}, "status")]
)
def test_a_bad_role_or_status_is_refused_naming_the_field(catalogue, values, field):
    event_id, person_id = new_event(catalogue), new_person(catalogue)
    with pytest.raises(ValidationError, match=rf"^{field}: "):
        planning.add_participant(catalogue, event_id, person_id, **values)
    assert planning.get_event(catalogue, event_id).participants == ()


def test_an_unknown_or_trashed_person_cannot_be_added(catalogue):
    event_id, person_id = new_event(catalogue), new_person(catalogue)
    cat.move_to_trash(catalogue, "person", person_id)
    with pytest.raises(NotFoundError, match=rf"No person has id {person_id}"):
        planning.add_participant(catalogue, event_id, person_id)
    with pytest.raises(NotFoundError, match=r"No person has id 99"):
        planning.add_participant(catalogue, event_id, 99)
    with pytest.raises(NotFoundError, match=r"No event matches “99”"):
        planning.add_participant(catalogue, 99, new_person(catalogue, "Martin"))
    assert planning.get_event(catalogue, event_id).participants == ()
