"""The event editor's use cases: save the whole form, round trips, trash, duplicate."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, update

from visitplanner.domain.errors import NotFoundError, ValidationError
from visitplanner.services.changes import Changes
from visitplanner.services.demo import load_demo
from visitplanner.services.directory import records as cat
from visitplanner.services.events import participants as plist
from visitplanner.services.events import planning
from visitplanner.services.recovery import trash
from visitplanner.store.models import Event, Participation, ProgrammeItem
from visitplanner.store.types import utcnow

PARIS = ZoneInfo("Europe/Paris")
Item = planning.ProgrammeItemInput


def form(**values) -> planning.EventInput:
    values.setdefault("kind", "visit")
    values.setdefault("title", "Visite de la ressourcerie")
    values.setdefault("start", "2027-06-10T09:30")
    values.setdefault("end", "2027-06-10T17:00")
    return planning.EventInput(**values)


def new_dynamic(catalogue, name):
    return cat.create_dynamic(catalogue, cat.DynamicInput(name=name)).created_id("dynamic")


def new_host(catalogue, name="Ressourcerie", **values):
    return cat.create_host(catalogue, cat.HostInput(name=name, **values)).created_id("host")


def new_person(catalogue, family_name):
    return cat.create_person(catalogue, cat.PersonInput(family_name=family_name)).created_id(
        "person"
    )


def save(catalogue, event_id=None, **values):
    changes = planning.save_event(catalogue, event_id, form(**values))
    return event_id if event_id is not None else changes.created_id("event")


def mark_invitations_sent(catalogue, event_id):
    with catalogue.session() as session:
        session.execute(
            update(Participation)
            .where(Participation.event_id == event_id)
            .values(invited_at=utcnow())
        )


# --- saving the whole form ------------------------------------------------------------------


def test_save_creates_an_event_with_its_programme_and_dynamics(catalogue):
    nova, figeac, jura = (new_dynamic(catalogue, n) for n in ("Nova", "Figeac", "Jura"))
    changes = planning.save_event(
        catalogue,
        None,
        form(
            programme=(
                Item("Accueil", "2027-06-10T09:30", "2027-06-10T10:00", "Jeanne"),
                Item("Visite de l’atelier", "10:00", "12:00"),
                Item("Déjeuner"),
            ),
            visiting_dynamic_ids=(nova, jura),
            visited_dynamic_ids=(figeac,),
        ),
    )
    event_id = changes.created_id("event")
    assert changes == Changes.of(created=[("event", event_id)])
    detail = planning.get_event(catalogue, event_id)
    assert [(i.title, i.start, i.end, i.speaker) for i in detail.programme] == [
        (
            "Accueil",
            datetime(2027, 6, 10, 9, 30, tzinfo=PARIS),
            datetime(2027, 6, 10, 10, tzinfo=PARIS),
            "Jeanne",
        ),
        (
            "Visite de l’atelier",
            datetime(2027, 6, 10, 10, tzinfo=PARIS),
            datetime(2027, 6, 10, 12, tzinfo=PARIS),
            None,
        ),
        ("Déjeuner", None, None, None),
    ]
    e = detail.event
    assert sorted(e.visiting_dynamic_ids) == sorted([nova, jura])
    assert e.visited_dynamic_ids == (figeac,)
    assert dict(zip(e.visiting_dynamic_ids, e.visiting_dynamics, strict=True)) == {
        nova: "Nova",
        jura: "Jura",
    }


def test_create_event_honours_programme_and_dynamics(catalogue):
    nova = new_dynamic(catalogue, "Nova")
    event_id = planning.create_event(
        catalogue, form(programme=(Item("Accueil"),), visited_dynamic_ids=(nova,))
    ).created_id("event")
    detail = planning.get_event(catalogue, event_id)
    assert [i.title for i in detail.programme] == ["Accueil"]
    assert detail.event.visited_dynamic_ids == (nova,)


def test_save_replaces_everything_the_form_holds(catalogue):
    nova, figeac = new_dynamic(catalogue, "Nova"), new_dynamic(catalogue, "Figeac")
    host = new_host(catalogue)
    event_id = save(
        catalogue,
        programme=(Item("A"), Item("B"), Item("C")),
        visiting_dynamic_ids=(nova,),
        visited_dynamic_ids=(figeac,),
        capacity=10,
        fee="12",
    )
    changes = planning.save_event(
        catalogue,
        event_id,
        form(
            title="Nouveau titre",
            kind="seminar",
            host_id=host,
            programme=(Item("C"), Item("A")),
            visiting_dynamic_ids=(figeac,),
            visited_dynamic_ids=(),
            capacity=None,
            fee=None,
            objectives="Voir",
        ),
    )
    assert changes == Changes.of(updated=[("event", event_id)])
    detail = planning.get_event(catalogue, event_id)
    e = detail.event
    assert (e.title, e.kind, e.host_id, e.capacity, e.fee_cents, e.objectives) == (
        "Nouveau titre",
        "seminar",
        host,
        None,
        None,
        "Voir",
    )
    assert [i.title for i in detail.programme] == ["C", "A"]
    assert (e.visiting_dynamic_ids, e.visited_dynamic_ids) == ((figeac,), ())
    with catalogue.session() as session:
        positions = session.scalars(
            select(ProgrammeItem.position)
            .where(ProgrammeItem.event_id == event_id)
            .order_by(ProgrammeItem.position)
        ).all()
    assert positions == [0, 1]


def test_the_typed_place_and_the_hosts_address_are_told_apart(catalogue):
    host = new_host(catalogue, city="Figeac")
    at_host = planning.get_event(catalogue, save(catalogue, host_id=host)).event
    assert (at_host.location, at_host.own_location) == ("Ressourcerie, Figeac", None)
    elsewhere = planning.get_event(
        catalogue, save(catalogue, host_id=host, location="Salle des fêtes")
    ).event
    assert (elsewhere.location, elsewhere.own_location) == ("Salle des fêtes", "Salle des fêtes")


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"end": "2027-06-10T08:00"}, "end"),
        ({"start": "demain"}, "start"),
        ({"title": ""}, "title"),
        ({"programme": (Item(" "),)}, "programme"),
        ({"programme": (Item("A", "2027-06-10T11:00", "2027-06-10T10:00"),)}, "programme"),
        ({"programme": (Item("A", None, "2027-06-10T10:00"),)}, "programme"),
        ({"programme": (Item("A", "vers dix heures"),)}, "programme"),
        ({"capacity": "beaucoup"}, "capacity"),
    ],
)
def test_a_bad_form_is_refused_naming_the_field_and_changes_nothing(catalogue, values, field):
    event_id = save(catalogue, programme=(Item("Accueil"),))
    before = planning.get_event(catalogue, event_id)
    with pytest.raises(ValidationError) as info:
        planning.save_event(catalogue, event_id, form(**values))
    assert info.value.field == field
    assert planning.get_event(catalogue, event_id) == before


def test_a_programme_error_says_which_line(catalogue):
    with pytest.raises(ValidationError, match=r"^programme: line 2: the title is missing\.$"):
        save(catalogue, programme=(Item("Accueil"), Item("")))


def test_an_unknown_dynamic_or_event_is_refused(catalogue):
    with pytest.raises(NotFoundError, match=r"No dynamic has id 42"):
        save(catalogue, visited_dynamic_ids=(42,))
    assert planning.list_events(catalogue) == []
    with pytest.raises(NotFoundError, match=r"No event matches “42”"):
        planning.save_event(catalogue, 42, form())


def test_an_event_keeps_a_host_that_went_to_the_trash_when_saved_as_it_is(catalogue):
    host = new_host(catalogue)
    event_id = save(catalogue, host_id=host)
    cat.move_to_trash(catalogue, "host", host)
    planning.save_event(
        catalogue, event_id, planning.event_input(planning.get_event(catalogue, event_id))
    )
    with pytest.raises(NotFoundError):
        save(catalogue, host_id=host)


# --- the SEQUENCE rule ------------------------------------------------------------------------


@pytest.fixture
def invited(catalogue):
    event_id = save(catalogue)
    planning.add_participant(catalogue, event_id, new_person(catalogue, "Dupont"))
    mark_invitations_sent(catalogue, event_id)
    return event_id


@pytest.mark.parametrize(
    "values",
    [
        {"start": "2027-06-10T10:00"},
        {"end": "2027-06-10T18:00"},
        {"timezone": "Europe/London"},
        {"location": "Salle des fêtes"},
        {"status": "cancelled"},
    ],
    ids=["start", "end", "zone", "place", "status"],
)
def test_a_significant_save_after_invitations_bumps_the_sequence(catalogue, invited, values):
    save(catalogue, invited, **values)
    assert planning.get_event(catalogue, invited).event.sequence == 1


def test_moving_to_another_host_is_significant(catalogue, invited):
    save(catalogue, invited, host_id=new_host(catalogue))
    assert planning.get_event(catalogue, invited).event.sequence == 1


@pytest.mark.parametrize(
    "values",
    [
        {"title": "Autre titre"},
        {"capacity": 30},
        {"programme": (Item("Accueil"),)},
        {"start": "2027-06-10T07:30Z"},  # the same instant
    ],
    ids=["title", "capacity", "programme", "same instant"],
)
def test_a_minor_save_keeps_the_sequence(catalogue, invited, values):
    save(catalogue, invited, **values)
    assert planning.get_event(catalogue, invited).event.sequence == 0


def test_a_save_before_invitations_keeps_the_sequence(catalogue):
    event_id = save(catalogue)
    save(catalogue, event_id, start="2027-06-11T09:30", end="2027-06-11T17:00")
    assert planning.get_event(catalogue, event_id).event.sequence == 0


# --- round trip ---------------------------------------------------------------------------------


def test_saving_what_was_read_changes_nothing_not_even_the_sequence(catalogue, invited):
    nova = new_dynamic(catalogue, "Nova")
    save(
        catalogue,
        invited,
        host_id=new_host(catalogue),
        location="Cour",
        capacity=12,
        fee="15,50",
        organiser_id=new_person(catalogue, "Martin"),
        visit_question="Comment ?",
        programme=(Item("Accueil", "09:30", "10:00", "Jeanne"), Item("Pause")),
        visiting_dynamic_ids=(nova,),
    )
    before = planning.get_event(catalogue, invited)
    changes = planning.save_event(catalogue, invited, planning.event_input(before))
    assert changes == Changes.of(updated=[("event", invited)])
    assert planning.get_event(catalogue, invited) == before
    assert before.event.sequence == 1  # the host and place changed once


def test_every_demo_event_survives_the_round_trip(catalogue):
    load_demo(catalogue)
    with catalogue.session() as session:
        stamps = dict(session.execute(select(Event.id, Event.updated_at)).all())
    for event in planning.list_events(catalogue):
        before = planning.get_event(catalogue, event.id)
        planning.save_event(catalogue, event.id, planning.event_input(before))
        assert planning.get_event(catalogue, event.id) == before
    with catalogue.session() as session:
        assert dict(session.execute(select(Event.id, Event.updated_at)).all()) == stamps


def test_event_input_gives_the_fee_as_an_amount(catalogue):
    detail = planning.get_event(catalogue, save(catalogue, fee="45"))
    assert planning.event_input(detail).fee == Decimal("45")


# --- all-day events -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2027, 9, 1), date(2027, 9, 2)),
        ("2027-09-01", "2027-09-02"),
        ("2027-09-01T00:00", "2027-09-03T00:00"),  # a midnight end is exclusive
        ("2027-09-01T00:00", "2027-09-02T23:59"),  # the last day written as its last minute
        (datetime(2027, 9, 1, 9, 30), datetime(2027, 9, 2, 17)),
    ],
)
def test_an_all_day_event_runs_from_midnight_to_the_midnight_after_its_last_day(
    catalogue, start, end
):
    e = planning.get_event(catalogue, save(catalogue, start=start, end=end, all_day=True)).event
    assert e.all_day
    assert e.start == datetime(2027, 9, 1, tzinfo=PARIS)
    assert e.end == datetime(2027, 9, 3, tzinfo=PARIS)
    assert planning.last_day(e) == date(2027, 9, 2)


def test_a_one_day_event_given_as_one_date(catalogue):
    e = planning.get_event(
        catalogue, save(catalogue, start="2027-09-01", end="2027-09-01", all_day=True)
    ).event
    assert (e.start.date(), e.end.date(), planning.last_day(e)) == (
        date(2027, 9, 1),
        date(2027, 9, 2),
        date(2027, 9, 1),
    )


def test_an_all_day_event_ending_before_it_starts_is_refused(catalogue):
    with pytest.raises(ValidationError, match=r"^end: "):
        save(catalogue, start="2027-09-03", end="2027-09-01", all_day=True)


def test_last_day_of_a_timed_event(catalogue):
    e = planning.get_event(catalogue, save(catalogue, end="2027-06-11T12:30")).event
    assert planning.last_day(e) == date(2027, 6, 11)


# --- capacity raised: the waiting list moves up --------------------------------------------------


def waiting_list(catalogue, event_id):
    detail = planning.get_event(catalogue, event_id)
    return {p.name: (p.status, p.waitlist_position, p.to_notify) for p in detail.participants}


def test_raising_the_capacity_promotes_the_first_people_waiting(catalogue):
    event_id = save(catalogue, capacity=1)
    people = [new_person(catalogue, n) for n in ("Alpha", "Bravo", "Charlie", "Delta")]
    plist.add_participants(catalogue, event_id, people, status="accepted")
    changes = planning.save_event(catalogue, event_id, form(capacity=3))
    assert waiting_list(catalogue, event_id) == {
        "Alpha": ("accepted", None, False),
        "Bravo": ("accepted", None, True),
        "Charlie": ("accepted", None, True),
        "Delta": ("waitlisted", 1, True),  # accepted, found it full: still to be told
    }
    assert {k for k, _ in changes.updated} == {"event", "participation"}


def test_removing_the_capacity_promotes_everyone_waiting(catalogue):
    event_id = save(catalogue, capacity=1)
    people = [new_person(catalogue, n) for n in ("Alpha", "Bravo", "Charlie")]
    plist.add_participants(catalogue, event_id, people, status="accepted")
    save(catalogue, event_id, capacity=None)
    assert {s for s, _, _ in waiting_list(catalogue, event_id).values()} == {"accepted"}


def test_raising_the_capacity_from_the_command_line_promotes_too(catalogue):
    event_id = save(catalogue, capacity=1)
    people = [new_person(catalogue, n) for n in ("Alpha", "Bravo", "Charlie")]
    plist.add_participants(catalogue, event_id, people, status="accepted")
    changes = planning.update_event(catalogue, event_id, planning.EventPatch(capacity=2))
    assert waiting_list(catalogue, event_id) == {
        "Alpha": ("accepted", None, False),
        "Bravo": ("accepted", None, True),
        "Charlie": ("waitlisted", 1, True),  # accepted, found it full: still to be told
    }
    assert ("participation", 2) in changes.updated


def test_lowering_the_capacity_keeps_who_accepted(catalogue):
    event_id = save(catalogue, capacity=3)
    people = [new_person(catalogue, n) for n in ("Alpha", "Bravo", "Charlie")]
    plist.add_participants(catalogue, event_id, people, status="accepted")
    save(catalogue, event_id, capacity=1)
    assert {s for s, _, _ in waiting_list(catalogue, event_id).values()} == {"accepted"}


# --- trash and duplicate --------------------------------------------------------------------------


def test_trash_an_event_and_restore_it(catalogue):
    event_id = save(catalogue)
    planning.add_participant(catalogue, event_id, new_person(catalogue, "Dupont"))
    assert planning.trash_event(catalogue, event_id) == Changes.of(deleted=[("event", event_id)])
    assert planning.list_events(catalogue) == []
    with pytest.raises(NotFoundError):
        planning.get_event(catalogue, event_id)
    with pytest.raises(NotFoundError):
        planning.trash_event(catalogue, event_id)
    assert [(i.kind, i.id) for i in trash.list_trash(catalogue)] == [("event", event_id)]
    trash.restore(catalogue, "event", event_id)
    assert len(planning.get_event(catalogue, event_id).participants) == 1


def test_duplicate_an_event_for_its_next_edition(catalogue):
    nova, figeac = new_dynamic(catalogue, "Nova"), new_dynamic(catalogue, "Figeac")
    host = new_host(catalogue)
    event_id = save(
        catalogue,
        start="2027-06-10T09:30",
        end="2027-06-11T12:00",
        status="confirmed",
        host_id=host,
        capacity=12,
        fee="30",
        visit_question="Comment ?",
        objectives="Voir",
        programme=(
            Item("Accueil", "2027-06-10T09:30", "2027-06-10T10:00"),
            Item("Atelier", "2027-06-11T10:00", "2027-06-11T12:00", "Jeanne"),
            Item("Pause"),
        ),
        visiting_dynamic_ids=(nova,),
        visited_dynamic_ids=(figeac,),
    )
    planning.add_participant(catalogue, event_id, new_person(catalogue, "Dupont"))
    original = planning.get_event(catalogue, event_id)
    # From summer time to winter time: the wall clock is kept.
    changes = planning.duplicate_event(catalogue, event_id, datetime(2027, 12, 2, 9, 30))
    copy = planning.get_event(catalogue, changes.created_id("event"))
    e, o = copy.event, original.event
    assert changes == Changes.of(created=[("event", e.id)])
    assert e.uid != o.uid and e.sequence == 0 and e.status == "draft"
    assert (e.title, e.host_id, e.capacity, e.fee_cents, e.visit_question, e.objectives) == (
        o.title,
        o.host_id,
        o.capacity,
        o.fee_cents,
        o.visit_question,
        o.objectives,
    )
    assert (e.visiting_dynamic_ids, e.visited_dynamic_ids) == ((nova,), (figeac,))
    assert e.start == datetime(2027, 12, 2, 9, 30, tzinfo=PARIS)
    assert e.end == datetime(2027, 12, 3, 12, tzinfo=PARIS)
    assert [(i.title, i.start, i.end, i.speaker) for i in copy.programme] == [
        (
            "Accueil",
            datetime(2027, 12, 2, 9, 30, tzinfo=PARIS),
            datetime(2027, 12, 2, 10, tzinfo=PARIS),
            None,
        ),
        (
            "Atelier",
            datetime(2027, 12, 3, 10, tzinfo=PARIS),
            datetime(2027, 12, 3, 12, tzinfo=PARIS),
            "Jeanne",
        ),
        ("Pause", None, None, None),
    ]
    assert copy.participants == ()
    assert len(planning.get_event(catalogue, event_id).participants) == 1


def test_duplicate_an_all_day_event_to_a_day(catalogue):
    event_id = save(catalogue, start="2027-09-01", end="2027-09-02", all_day=True)
    new_id = planning.duplicate_event(catalogue, event_id, date(2028, 1, 10)).created_id("event")
    e = planning.get_event(catalogue, new_id).event
    assert (e.start, e.end, e.all_day) == (
        datetime(2028, 1, 10, tzinfo=PARIS),
        datetime(2028, 1, 12, tzinfo=PARIS),
        True,
    )


def test_participants_are_listed_in_name_order_with_their_attendance(catalogue):
    event_id = save(catalogue, start="2027-06-10T09:00", end="2027-06-10T17:00")
    zoe, alain = new_person(catalogue, "Zola"), new_person(catalogue, "Étienne")
    plist.add_participants(catalogue, event_id, [zoe, alain], status="accepted")
    plist.record_attendance(catalogue, event_id, zoe, date(2027, 6, 10), "pm", False)
    plist.record_attendance(catalogue, event_id, zoe, date(2027, 6, 10), "am", True)
    detail = planning.get_event(catalogue, event_id)
    assert [p.name for p in detail.participants] == ["Étienne", "Zola"]
    assert detail.participants[1].attendance == (
        (date(2027, 6, 10), "am", True),
        (date(2027, 6, 10), "pm", False),
    )
    assert detail.participants[0].attendance == ()


def test_a_start_given_as_an_aware_datetime_in_another_zone_keeps_its_instant(catalogue):
    start = datetime(2027, 6, 10, 7, 30, tzinfo=ZoneInfo("UTC"))
    e = planning.get_event(
        catalogue, save(catalogue, start=start, end=start + timedelta(hours=2))
    ).event
    assert e.start == start and e.start.tzinfo.key == "Europe/Paris"
