"""The list of participants: bulk adds, the waiting list's rules, counters, mix, attendance."""

from datetime import date

import pytest
from sqlalchemy import select

from visitplanner.domain.errors import NotFoundError, UserError, ValidationError
from visitplanner.i18n import set_language
from visitplanner.services.changes import Changes
from visitplanner.services.demo import load_demo
from visitplanner.services.demo.small_events import SEMINAR, VISIT_FIGEAC, VISIT_NOVA
from visitplanner.services.directory import records as cat
from visitplanner.services.events import participants as plist
from visitplanner.services.events import planning
from visitplanner.store.models import Participation

NAMES = ("Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot")


def new_event(catalogue, capacity=None, start="2027-06-10T09:30", end="2027-06-10T17:00"):
    data = planning.EventInput(
        kind="visit", title="Visite", start=start, end=end, capacity=capacity
    )
    return planning.create_event(catalogue, data).created_id("event")


def new_person(catalogue, family_name, actor_type=None, dynamic_ids=()):
    data = cat.PersonInput(
        family_name=family_name, actor_type=actor_type, dynamic_ids=tuple(dynamic_ids)
    )
    return cat.create_person(catalogue, data).created_id("person")


@pytest.fixture
def people(catalogue):
    return {name: new_person(catalogue, name) for name in NAMES}


def state(catalogue, event_id):
    """Name: (status, waiting-list position, to notify), for everyone on the list."""
    detail = planning.get_event(catalogue, event_id)
    return {p.name: (p.status, p.waitlist_position, p.to_notify) for p in detail.participants}


def waiting(catalogue, event_id):
    detail = planning.get_event(catalogue, event_id)
    line = sorted((p.waitlist_position, p.name) for p in detail.participants if p.waitlist_position)
    return [name for _, name in line]


def accept_all(catalogue, event_id, people, names=NAMES):
    return plist.add_participants(
        catalogue, event_id, [people[n] for n in names], status="accepted"
    )


def assert_positions_are_gapless(catalogue, event_id):
    with catalogue.session() as session:
        rows = session.execute(
            select(Participation.status, Participation.waitlist_position).where(
                Participation.event_id == event_id
            )
        ).all()
    positions = sorted(p for s, p in rows if s == "waitlisted")
    assert positions == list(range(1, len(positions) + 1))
    assert all(p is None for s, p in rows if s != "waitlisted")


# --- adding people --------------------------------------------------------------------------


def test_add_several_people_at_once(catalogue, people):
    event_id = new_event(catalogue)
    outcome = plist.add_participants(
        catalogue, event_id, [people["Alpha"], people["Bravo"]], role="speaker"
    )
    assert (outcome.status, outcome.waitlist_position, outcome.promoted) == ("invited", None, ())
    assert {k for k, _ in outcome.changes.created} == {"participation"}
    assert len(outcome.changes.created) == 2
    detail = planning.get_event(catalogue, event_id)
    assert [(p.name, p.role, p.status) for p in detail.participants] == [
        ("Alpha", "speaker", "invited"),
        ("Bravo", "speaker", "invited"),
    ]


def test_people_already_listed_or_given_twice_are_skipped(catalogue, people):
    event_id = new_event(catalogue)
    plist.add_participants(catalogue, event_id, [people["Alpha"]], status="accepted")
    outcome = plist.add_participants(
        catalogue, event_id, [people["Alpha"], people["Bravo"], people["Bravo"]]
    )
    assert len(outcome.changes.created) == 1
    assert state(catalogue, event_id) == {
        "Alpha": ("accepted", None, False),
        "Bravo": ("invited", None, False),
    }


def test_adding_nobody_new_changes_nothing(catalogue, people):
    event_id = new_event(catalogue)
    plist.add_participants(catalogue, event_id, [people["Alpha"]])
    outcome = plist.add_participants(catalogue, event_id, [people["Alpha"]])
    assert (outcome.status, outcome.changes.created) == (None, frozenset())


def test_one_unknown_person_cancels_the_whole_add(catalogue, people):
    event_id = new_event(catalogue)
    cat.move_to_trash(catalogue, "person", people["Bravo"])
    with pytest.raises(NotFoundError, match=rf"No person has id {people['Bravo']}"):
        plist.add_participants(catalogue, event_id, [people["Alpha"], people["Bravo"]])
    with pytest.raises(NotFoundError, match=r"No person has id 999"):
        plist.add_participants(catalogue, event_id, [999])
    assert state(catalogue, event_id) == {}


def test_a_bad_role_or_status_is_refused(catalogue, people):
    event_id = new_event(catalogue)
    with pytest.raises(ValidationError, match=r"^role: "):
        plist.add_participants(catalogue, event_id, [people["Alpha"]], role="chef")
    with pytest.raises(ValidationError, match=r"^status: "):
        plist.set_participant(catalogue, event_id, people["Alpha"], status="peut-être")


def test_add_all_members_of_a_dynamic(catalogue):
    nova = cat.create_dynamic(catalogue, cat.DynamicInput(name="Nova")).created_id("dynamic")
    other = cat.create_dynamic(catalogue, cat.DynamicInput(name="Autre")).created_id("dynamic")
    for name in ("Zola", "Abel"):
        new_person(catalogue, name, dynamic_ids=(nova,))
    new_person(catalogue, "Dehors", dynamic_ids=(other,))
    gone = new_person(catalogue, "Parti", dynamic_ids=(nova,))
    cat.move_to_trash(catalogue, "person", gone)
    event_id = new_event(catalogue, capacity=1)
    outcome = plist.add_dynamic_members(catalogue, event_id, nova, status="accepted")
    # Name order decides who gets the one place; the acceptance that found the event full
    # is flagged « to notify »: Zola must hear they are only waiting.
    assert state(catalogue, event_id) == {
        "Abel": ("accepted", None, False),
        "Zola": ("waitlisted", 1, True),
    }
    assert (outcome.status, outcome.waitlist_position) == ("waitlisted", 1)
    with pytest.raises(NotFoundError, match=r"No dynamic has id 99"):
        plist.add_dynamic_members(catalogue, event_id, 99)


# --- the waiting list -----------------------------------------------------------------------


def test_accepting_beyond_capacity_fills_the_waiting_list_in_order(catalogue, people):
    event_id = new_event(catalogue, capacity=2)
    outcome = accept_all(catalogue, event_id, people)
    assert (outcome.status, outcome.waitlist_position) == ("waitlisted", 4)
    assert waiting(catalogue, event_id) == ["Charlie", "Delta", "Echo", "Foxtrot"]
    assert planning.get_event(catalogue, event_id).count("accepted") == 2


def test_accepting_one_by_one_beyond_capacity(catalogue, people):
    event_id = new_event(catalogue, capacity=1)
    plist.add_participants(catalogue, event_id, [people[n] for n in NAMES[:3]])
    outcomes = [
        plist.set_participant(catalogue, event_id, people[n], status="accepted")
        for n in ("Charlie", "Alpha", "Bravo")
    ]
    assert [(o.status, o.waitlist_position) for o in outcomes] == [
        ("accepted", None),
        ("waitlisted", 1),
        ("waitlisted", 2),
    ]


def test_a_decline_promotes_the_first_person_waiting(catalogue, people):
    event_id = new_event(catalogue, capacity=2)
    accept_all(catalogue, event_id, people)
    outcome = plist.set_participant(catalogue, event_id, people["Alpha"], status="declined")
    assert outcome.promoted == (people["Charlie"],)
    assert (outcome.status, outcome.waitlist_position) == ("declined", None)
    assert state(catalogue, event_id)["Charlie"] == ("accepted", None, True)
    assert waiting(catalogue, event_id) == ["Delta", "Echo", "Foxtrot"]
    assert [n for n in NAMES if state(catalogue, event_id)[n][1]] == ["Delta", "Echo", "Foxtrot"]
    assert_positions_are_gapless(catalogue, event_id)
    updated = {i for k, i in outcome.changes.updated if k == "participation"}
    assert len(updated) == 5  # Alpha, Charlie promoted, and three moved up
    assert ("event", event_id) in outcome.changes.updated


@pytest.mark.parametrize("status", ["tentative", "invited"])
def test_any_step_back_from_accepted_frees_the_place(catalogue, people, status):
    event_id = new_event(catalogue, capacity=2)
    accept_all(catalogue, event_id, people, NAMES[:3])
    outcome = plist.set_participant(catalogue, event_id, people["Bravo"], status=status)
    assert outcome.promoted == (people["Charlie"],)


def test_a_removal_promotes_the_first_person_waiting(catalogue, people):
    event_id = new_event(catalogue, capacity=2)
    accept_all(catalogue, event_id, people)
    outcome = plist.remove_participant(catalogue, event_id, people["Bravo"])
    assert outcome.promoted == (people["Charlie"],)
    assert [k for k, _ in outcome.changes.deleted] == ["participation"]
    assert "Bravo" not in state(catalogue, event_id)
    assert waiting(catalogue, event_id) == ["Delta", "Echo", "Foxtrot"]
    assert_positions_are_gapless(catalogue, event_id)


def test_removing_someone_waiting_closes_the_gap(catalogue, people):
    event_id = new_event(catalogue, capacity=2)
    accept_all(catalogue, event_id, people)
    outcome = plist.remove_participant(catalogue, event_id, people["Delta"])
    assert outcome.promoted == ()
    assert waiting(catalogue, event_id) == ["Charlie", "Echo", "Foxtrot"]
    assert_positions_are_gapless(catalogue, event_id)


def test_someone_waiting_who_declines_leaves_the_line_without_promoting(catalogue, people):
    event_id = new_event(catalogue, capacity=2)
    accept_all(catalogue, event_id, people)
    outcome = plist.set_participant(catalogue, event_id, people["Charlie"], status="declined")
    assert outcome.promoted == ()
    assert waiting(catalogue, event_id) == ["Delta", "Echo", "Foxtrot"]
    assert planning.get_event(catalogue, event_id).count("accepted") == 2
    assert_positions_are_gapless(catalogue, event_id)


def test_accepting_someone_waiting_when_still_full_keeps_their_place(catalogue, people):
    event_id = new_event(catalogue, capacity=2)
    accept_all(catalogue, event_id, people)
    outcome = plist.set_participant(catalogue, event_id, people["Echo"], status="accepted")
    assert (outcome.status, outcome.waitlist_position) == ("waitlisted", 3)
    assert waiting(catalogue, event_id) == ["Charlie", "Delta", "Echo", "Foxtrot"]


def test_explicit_waitlisting_goes_to_the_end_and_is_not_promoted_back(catalogue, people):
    event_id = new_event(catalogue, capacity=2)
    accept_all(catalogue, event_id, people, NAMES[:3])
    outcome = plist.set_participant(catalogue, event_id, people["Alpha"], status="waitlisted")
    # Alpha's place goes to Charlie, who was waiting first; Alpha waits behind.
    assert outcome.promoted == (people["Charlie"],)
    assert (outcome.status, outcome.waitlist_position) == ("waitlisted", 1)
    assert waiting(catalogue, event_id) == ["Alpha"]


def test_explicit_waitlisting_when_places_are_free(catalogue, people):
    event_id = new_event(catalogue, capacity=5)
    plist.add_participants(catalogue, event_id, [people["Alpha"]], status="accepted")
    outcome = plist.add_participants(
        catalogue, event_id, [people["Bravo"], people["Charlie"]], status="waitlisted"
    )
    assert (outcome.status, outcome.waitlist_position) == ("waitlisted", 2)
    outcome = plist.set_participant(catalogue, event_id, people["Alpha"], status="waitlisted")
    assert outcome.promoted == (people["Bravo"],)
    assert waiting(catalogue, event_id) == ["Charlie", "Alpha"]
    assert_positions_are_gapless(catalogue, event_id)


def test_without_capacity_everyone_who_accepts_is_accepted(catalogue, people):
    event_id = new_event(catalogue)
    outcome = accept_all(catalogue, event_id, people)
    assert outcome.status == "accepted"
    assert waiting(catalogue, event_id) == []


def test_without_capacity_each_freed_place_promotes_one_person(catalogue, people):
    event_id = new_event(catalogue)
    accept_all(catalogue, event_id, people, NAMES[:2])
    plist.add_participants(
        catalogue, event_id, [people["Charlie"], people["Delta"]], status="waitlisted"
    )
    outcome = plist.set_participant(catalogue, event_id, people["Alpha"], status="declined")
    assert outcome.promoted == (people["Charlie"],)
    assert waiting(catalogue, event_id) == ["Delta"]


def test_a_capacity_of_zero_keeps_everyone_waiting(catalogue, people):
    event_id = new_event(catalogue, capacity=0)
    accept_all(catalogue, event_id, people, NAMES[:2])
    assert waiting(catalogue, event_id) == ["Alpha", "Bravo"]
    outcome = plist.remove_participant(catalogue, event_id, people["Alpha"])
    assert outcome.promoted == ()
    assert waiting(catalogue, event_id) == ["Bravo"]


def test_an_accepted_person_over_a_lowered_capacity_frees_no_place_by_leaving(catalogue, people):
    event_id = new_event(catalogue, capacity=3)
    accept_all(catalogue, event_id, people, NAMES[:4])
    planning.update_event(catalogue, event_id, planning.EventPatch(capacity=1))
    outcome = plist.set_participant(catalogue, event_id, people["Alpha"], status="declined")
    assert outcome.promoted == ()  # two accepted still fill the one place
    assert waiting(catalogue, event_id) == ["Delta"]


def test_the_notice_flag_is_cleared_once_told(catalogue, people):
    event_id = new_event(catalogue, capacity=1)
    accept_all(catalogue, event_id, people, NAMES[:3])
    plist.remove_participant(catalogue, event_id, people["Alpha"])
    assert state(catalogue, event_id)["Bravo"] == ("accepted", None, True)
    changes = plist.clear_notify(catalogue, event_id, [people["Bravo"], people["Charlie"]])
    assert state(catalogue, event_id)["Bravo"] == ("accepted", None, False)
    assert {k for k, _ in changes.updated} == {"event", "participation"}
    # Bravo (given the place) and Charlie (accepted, found it full) were both flagged.
    assert len(changes.updated) == 3
    assert state(catalogue, event_id)["Charlie"] == ("waitlisted", 1, False)


def test_a_long_line_survives_many_moves(catalogue):
    event_id = new_event(catalogue, capacity=3)
    ids = [new_person(catalogue, f"Personne {n:02d}") for n in range(12)]
    plist.add_participants(catalogue, event_id, ids, status="accepted")
    plist.remove_participant(catalogue, event_id, ids[5])
    plist.set_participant(catalogue, event_id, ids[0], status="declined")
    plist.set_participant(catalogue, event_id, ids[2], status="waitlisted")
    plist.set_participant(catalogue, event_id, ids[8], status="tentative")
    plist.remove_participant(catalogue, event_id, ids[1])
    assert_positions_are_gapless(catalogue, event_id)
    assert waiting(catalogue, event_id) == [f"Personne {n:02d}" for n in (7, 9, 10, 11, 2)]
    detail = planning.get_event(catalogue, event_id)
    accepted = [p.name for p in detail.participants if p.status == "accepted"]
    assert accepted == ["Personne 03", "Personne 04", "Personne 06"]


# --- other changes ----------------------------------------------------------------------------


def test_change_role_and_notes(catalogue, people):
    event_id = new_event(catalogue)
    plist.add_participants(catalogue, event_id, [people["Alpha"]])
    outcome = plist.set_participant(
        catalogue, event_id, people["Alpha"], role="Speaker", notes="  Végétarien  "
    )
    assert outcome.status == "invited"
    [p] = planning.get_event(catalogue, event_id).participants
    assert (p.role, p.notes) == ("speaker", "Végétarien")
    plist.set_participant(catalogue, event_id, people["Alpha"], notes="")
    assert planning.get_event(catalogue, event_id).participants[0].notes is None


def test_changing_someone_not_listed_is_refused(catalogue, people):
    event_id = new_event(catalogue)
    with pytest.raises(UserError, match=r"^Alpha is not on the list of “Visite”\.$"):
        plist.set_participant(catalogue, event_id, people["Alpha"], status="accepted")
    with pytest.raises(UserError, match=r"not on the list"):
        plist.remove_participant(catalogue, event_id, people["Alpha"])


# --- counters and mix -----------------------------------------------------------------------------


def test_counters(catalogue, people):
    event_id = new_event(catalogue, capacity=2)
    accept_all(catalogue, event_id, people, NAMES[:3])
    plist.add_participants(catalogue, event_id, [people["Delta"]], status="tentative")
    plist.add_participants(catalogue, event_id, [people["Echo"]], status="declined")
    plist.add_participants(catalogue, event_id, [people["Foxtrot"]])
    counts = plist.counters(planning.get_event(catalogue, event_id))
    assert counts == plist.Counters(
        accepted=2, capacity=2, waiting=1, no_answer=1, tentative=1, declined=1, total=6
    )


def test_actor_mix_counts_who_may_come(catalogue):
    event_id = new_event(catalogue)
    rows = [
        ("A", "sme", "accepted"),
        ("B", "sme", "tentative"),
        ("C", "large_company", "accepted"),
        ("D", "inhabitant", "accepted"),
        ("E", None, "accepted"),
        ("F", "research", "declined"),
        ("G", "association", "accepted"),
        ("H", "ngo", "accepted"),
        ("I", "sse", "invited"),
    ]
    for name, actor, status in rows:
        plist.add_participants(
            catalogue, event_id, [new_person(catalogue, name, actor)], status=status
        )
    detail = planning.get_event(catalogue, event_id)
    assert plist.actor_mix(detail) == [
        ("sme", 2),
        ("association", 1),
        ("inhabitant", 1),
        ("large_company", 1),
        ("ngo", 1),
        (None, 1),
    ]
    assert plist.mix_groups(detail) == [
        ("Companies", 3),
        ("Associations", 2),
        ("Inhabitants", 1),
        ("Unknown", 1),
    ]
    label, count = plist.mix_groups(detail)[0]
    assert (label, count) == (plist.mix_groups(detail)[0].label, plist.mix_groups(detail)[0].count)
    set_language("fr")
    assert [g.label for g in plist.mix_groups(detail)] == [
        "Entreprises",
        "Associations",
        "Habitant·es",
        "Inconnu",
    ]


def test_demo_seminar_counters_and_mix(catalogue):
    load_demo(catalogue)
    [seminar] = planning.list_events(catalogue, search=SEMINAR)
    detail = planning.get_event(catalogue, seminar.id)
    counts = plist.counters(detail)
    assert (counts.accepted, counts.capacity, counts.waiting) == (18, 18, 3)
    assert sum(g.count for g in plist.mix_groups(detail)) == 20


# --- half-days and attendance ---------------------------------------------------------------------


def view(catalogue, start, end, all_day=False):
    data = planning.EventInput(kind="visit", title="V", start=start, end=end, all_day=all_day)
    return planning.get_event(catalogue, planning.create_event(catalogue, data).created_id("event"))


D1, D2, D3 = date(2027, 6, 10), date(2027, 6, 11), date(2027, 6, 12)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2027-06-10T09:00", "2027-06-10T12:00", [(D1, "am")]),
        ("2027-06-10T09:00", "2027-06-10T12:30", [(D1, "am")]),
        ("2027-06-10T14:00", "2027-06-10T17:00", [(D1, "pm")]),
        ("2027-06-10T13:15", "2027-06-10T13:45", [(D1, "pm")]),
        ("2027-06-10T09:30", "2027-06-10T17:00", [(D1, "am"), (D1, "pm")]),
        (
            "2027-06-10T14:00",
            "2027-06-12T12:00",
            [(D1, "pm"), (D2, "am"), (D2, "pm"), (D3, "am")],
        ),
        ("2027-06-10T20:00", "2027-06-11T00:00", [(D1, "pm")]),
    ],
)
def test_half_days_an_event_covers(catalogue, start, end, expected):
    assert plist.half_days(view(catalogue, start, end).event) == expected


def test_half_days_of_an_all_day_event(catalogue):
    detail = view(catalogue, "2027-06-10", "2027-06-11", all_day=True)
    assert plist.half_days(detail.event) == [(D1, "am"), (D1, "pm"), (D2, "am"), (D2, "pm")]


def test_half_days_are_counted_in_the_events_own_zone(catalogue):
    data = planning.EventInput(
        kind="seminar",
        title="Nouméa",
        start="2027-06-10T09:00",
        end="2027-06-10T12:00",
        timezone="Pacific/Noumea",
    )
    event_id = planning.create_event(catalogue, data).created_id("event")
    assert plist.half_days(planning.get_event(catalogue, event_id).event) == [(D1, "am")]


def test_half_days_of_the_demo_match_its_sign_in_sheets(catalogue):
    load_demo(catalogue)
    for title in (VISIT_NOVA, VISIT_FIGEAC):
        [event] = planning.list_events(catalogue, search=title)
        detail = planning.get_event(catalogue, event.id)
        expected = plist.half_days(detail.event)
        for p in detail.participants:
            if p.status == "accepted":
                assert [(d, h) for d, h, _ in p.attendance] == expected


def test_record_attendance_is_an_upsert(catalogue, people):
    event_id = new_event(catalogue)
    plist.add_participants(catalogue, event_id, [people["Alpha"]], status="accepted")
    changes = plist.record_attendance(catalogue, event_id, people["Alpha"], D1, "am", True)
    assert ("event", event_id) in changes.updated
    plist.record_attendance(catalogue, event_id, people["Alpha"], D1, "Morning", False)
    [p] = planning.get_event(catalogue, event_id).participants
    assert p.attendance == ((D1, "am", False),)


def test_record_a_whole_sheet_at_once(catalogue, people):
    event_id = new_event(catalogue)
    plist.add_participants(catalogue, event_id, [people["Alpha"], people["Bravo"]])
    plist.record_attendance_bulk(
        catalogue,
        event_id,
        [
            (people["Alpha"], D1, "am", True),
            (people["Alpha"], D1, "pm", True),
            (people["Bravo"], D1, "am", False),
        ],
    )
    detail = planning.get_event(catalogue, event_id)
    assert {p.name: p.attendance for p in detail.participants} == {
        "Alpha": ((D1, "am", True), (D1, "pm", True)),
        "Bravo": ((D1, "am", False),),
    }


def test_attendance_outside_the_event_or_for_a_stranger_is_refused(catalogue, people):
    event_id = new_event(catalogue, start="2027-06-10T09:00", end="2027-06-10T12:00")
    plist.add_participants(catalogue, event_id, [people["Alpha"]])
    with pytest.raises(ValidationError, match=r"^half-day: .*does not take place"):
        plist.record_attendance(catalogue, event_id, people["Alpha"], D1, "pm", True)
    with pytest.raises(ValidationError, match=r"^half-day: "):
        plist.record_attendance(catalogue, event_id, people["Alpha"], D1, "night", True)
    with pytest.raises(UserError, match=r"^Bravo is not on the list"):
        plist.record_attendance_bulk(
            catalogue,
            event_id,
            [(people["Alpha"], D1, "am", True), (people["Bravo"], D1, "am", True)],
        )
    assert planning.get_event(catalogue, event_id).participants[0].attendance == ()


def test_removing_a_participant_removes_their_attendance(catalogue, people):
    event_id = new_event(catalogue)
    plist.add_participants(catalogue, event_id, [people["Alpha"]], status="accepted")
    plist.record_attendance(catalogue, event_id, people["Alpha"], D1, "am", True)
    outcome = plist.remove_participant(catalogue, event_id, people["Alpha"])
    assert outcome.changes.deleted == Changes.of(deleted=[("participation", 1)]).deleted
    assert state(catalogue, event_id) == {}
