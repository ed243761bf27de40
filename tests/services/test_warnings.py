"""Warnings of the event editor: time changes, public holidays, capacity, double bookings."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from visitplanner.domain.holidays import french_public_holidays, holiday_name, in_alsace_moselle
from visitplanner.i18n import set_language
from visitplanner.services.directory import records as cat
from visitplanner.services.events import participants as plist
from visitplanner.services.events import planning
from visitplanner.services.events.checks import Warning, check_event, participant_conflicts

PARIS = ZoneInfo("Europe/Paris")


def form(start="2027-06-10T09:30", end="2027-06-10T17:00", **values) -> planning.EventInput:
    values.setdefault("kind", "visit")
    values.setdefault("title", "Visite")
    return planning.EventInput(start=start, end=end, **values)


def codes(warnings: list[Warning]) -> list[str]:
    return [w.code for w in warnings]


def new_person(catalogue, family_name, given_name=None):
    data = cat.PersonInput(family_name=family_name, given_name=given_name)
    return cat.create_person(catalogue, data).created_id("person")


def new_event(catalogue, **values):
    return planning.create_event(catalogue, form(**values)).created_id("event")


def test_an_ordinary_event_has_no_warning(catalogue):
    assert check_event(catalogue, form()) == []


def test_end_before_start(catalogue):
    [warning] = check_event(catalogue, form(end="2027-06-10T08:00"))
    assert warning == Warning("end_before_start", "The end comes before the start.")
    assert codes(check_event(catalogue, form("2027-06-12", "2027-06-10", all_day=True))) == [
        "end_before_start"
    ]


def test_unreadable_fields_are_left_to_the_save(catalogue):
    assert check_event(catalogue, form(start="demain")) == []
    assert check_event(catalogue, form(timezone="Mars/Olympus")) == []


# --- daylight saving time ----------------------------------------------------------------------


def test_a_start_in_the_spring_gap_does_not_exist(catalogue):
    [warning] = check_event(catalogue, form("2027-03-28T02:30", "2027-03-28T05:00"))
    assert warning.code == "nonexistent_time"
    assert warning.message == (
        "The start, 28 March 2027, 02:30, does not exist in Europe/Paris because the clocks "
        "go forward that night; choose another time (28 March 2027, 03:30 exists)."
    )


def test_an_end_in_the_spring_gap_given_as_a_naive_datetime(catalogue):
    warnings = check_event(
        catalogue, form(datetime(2027, 3, 28, 1, 0), datetime(2027, 3, 28, 2, 15))
    )
    assert codes(warnings) == ["nonexistent_time"]
    assert warnings[0].message.startswith("The end, 28 March 2027, 02:15")


def test_a_wall_clock_in_the_events_zone_object_is_checked_too(catalogue):
    start = datetime(2027, 3, 28, 2, 30, tzinfo=PARIS)
    assert codes(check_event(catalogue, form(start, "2027-03-28T05:00"))) == ["nonexistent_time"]


def test_an_autumn_time_happens_twice(catalogue):
    [warning] = check_event(catalogue, form("2027-10-31T01:00", "2027-10-31T02:30"))
    assert warning.code == "ambiguous_time"
    assert warning.message == (
        "The end, 31 October 2027, 02:30, happens twice in Europe/Paris because the clocks go "
        "back that night; the first one, in summer time, is kept."
    )


def test_an_offset_names_one_instant_and_needs_no_warning(catalogue):
    assert check_event(catalogue, form("2027-03-28T02:30+01:00", "2027-03-28T05:00+02:00")) == []


def test_other_zones_have_their_own_changes(catalogue):
    # New York springs forward on 14 March 2027 at 02:00.
    data = form("2027-03-14T02:30", "2027-03-14T05:00", timezone="America/New_York")
    assert codes(check_event(catalogue, data)) == ["nonexistent_time"]
    assert (
        check_event(catalogue, form("2027-03-28T02:30", "2027-03-28T05:00", timezone="UTC")) == []
    )


# --- public holidays ----------------------------------------------------------------------------


def test_french_public_holidays_of_2027():
    days = french_public_holidays(2027)
    assert list(days) == [
        date(2027, 1, 1),
        date(2027, 3, 29),
        date(2027, 5, 1),
        date(2027, 5, 6),
        date(2027, 5, 8),
        date(2027, 5, 17),
        date(2027, 7, 14),
        date(2027, 8, 15),
        date(2027, 11, 1),
        date(2027, 11, 11),
        date(2027, 12, 25),
    ]
    assert days[date(2027, 3, 29)] == "Easter Monday"
    assert holiday_name(date(2027, 5, 6)) == "Ascension Day"
    assert holiday_name(date(2027, 5, 7)) is None


def test_alsace_and_moselle_have_two_more_days():
    assert holiday_name(date(2027, 3, 26)) is None
    assert holiday_name(date(2027, 3, 26), alsace_moselle=True) == "Good Friday"
    assert holiday_name(date(2027, 12, 26), alsace_moselle=True) == "St Stephen's Day"
    assert in_alsace_moselle("67000") and in_alsace_moselle(" 57100")
    assert not in_alsace_moselle("75011") and not in_alsace_moselle(None)


def test_holiday_names_are_french_in_french():
    set_language("fr")
    assert holiday_name(date(2027, 3, 29)) == "Lundi de Pâques"
    assert holiday_name(date(2027, 7, 14)) == "Fête nationale"


def test_an_event_on_easter_monday(catalogue):
    [warning] = check_event(catalogue, form("2027-03-29T09:00", "2027-03-29T12:00"))
    assert warning == Warning(
        "public_holiday", "Monday 29 March 2027 is a public holiday in France (Easter Monday)."
    )
    set_language("fr")
    [warning] = check_event(catalogue, form("2027-03-29T09:00", "2027-03-29T12:00"))
    assert warning.message == ("Lundi 29 mars 2027 est un jour férié en France (Lundi de Pâques).")


@pytest.mark.parametrize(
    ("start", "end", "all_day", "names"),
    [
        ("2027-05-05T14:00", "2027-05-07T12:00", False, ["Ascension Day"]),
        ("2027-07-13", "2027-07-15", True, ["Bastille Day"]),
        ("2027-07-12", "2027-07-13", True, []),
        ("2027-07-13T18:00", "2027-07-14T00:00", False, []),  # ends at midnight
        (
            "2027-05-01",
            "2027-05-08",
            True,
            ["Labour Day", "Ascension Day", "Victory in Europe Day"],
        ),
    ],
)
def test_every_day_of_the_event_is_checked(catalogue, start, end, all_day, names):
    warnings = check_event(catalogue, form(start, end, all_day=all_day))
    assert [w.message.split("(")[1].rstrip(").") for w in warnings] == names
    assert set(codes(warnings)) <= {"public_holiday"}


def test_good_friday_is_a_holiday_only_at_a_host_in_alsace_moselle(catalogue):
    strasbourg = cat.create_host(
        catalogue, cat.HostInput(name="Maison", postal_code="67000", city="Strasbourg")
    ).created_id("host")
    good_friday = ("2027-03-26T09:00", "2027-03-26T12:00")
    assert check_event(catalogue, form(*good_friday)) == []
    assert codes(check_event(catalogue, form(*good_friday, host_id=strasbourg))) == [
        "public_holiday"
    ]


# --- capacity -----------------------------------------------------------------------------------


def test_more_accepted_than_the_event_or_the_host_can_take(catalogue):
    host = cat.create_host(catalogue, cat.HostInput(name="Ferme", capacity=2)).created_id("host")
    event_id = new_event(catalogue)
    people = [new_person(catalogue, n) for n in ("A", "B", "C")]
    plist.add_participants(catalogue, event_id, people, status="accepted")
    warnings = check_event(catalogue, form(capacity=2, host_id=host), event_id)
    assert warnings == [
        Warning("over_capacity", "More people have accepted (3) than the event has places (2)."),
        Warning("host_capacity", "More people have accepted (3) than Ferme can receive (2)."),
    ]
    assert check_event(catalogue, form(capacity=3), event_id) == []


def test_an_event_offering_more_places_than_the_host_has(catalogue):
    host = cat.create_host(catalogue, cat.HostInput(name="Ferme", capacity=20)).created_id("host")
    assert check_event(catalogue, form(capacity="25", host_id=host)) == [
        Warning("host_capacity", "The event offers more places (25) than Ferme can receive (20).")
    ]
    assert check_event(catalogue, form(capacity="20", host_id=host)) == []


def test_a_host_receiving_another_event_at_the_same_time(catalogue):
    host = cat.create_host(catalogue, cat.HostInput(name="Ferme")).created_id("host")
    other = new_event(catalogue, title="Atelier", host_id=host, start="2027-06-10T14:00")
    assert check_event(catalogue, form(host_id=host)) == [
        Warning("double_booking", "Ferme already receives “Atelier” at that time.")
    ]
    assert check_event(catalogue, form(host_id=host), other) == []  # itself
    planning.update_event(catalogue, other, planning.EventPatch(status="cancelled"))
    assert check_event(catalogue, form(host_id=host)) == []


# --- people expected elsewhere -------------------------------------------------------------------


def test_participants_expected_at_an_overlapping_event(catalogue):
    here = new_event(catalogue, title="Visite")
    there = new_event(
        catalogue, title="Séminaire", start="2027-06-10T16:00", end="2027-06-11T12:00"
    )
    later = new_event(
        catalogue, title="Plus tard", start="2027-06-10T17:00", end="2027-06-10T18:00"
    )
    anne, paul, lea = (
        new_person(catalogue, *n) for n in (("Martin", "Anne"), ("Roy", "Paul"), ("Blanc", "Léa"))
    )
    plist.add_participants(catalogue, here, [anne, paul, lea], status="accepted")
    plist.add_participants(catalogue, there, [anne], status="tentative")
    plist.add_participants(catalogue, there, [paul], status="declined")
    plist.add_participants(catalogue, later, [lea], status="accepted")  # starts as we end
    assert participant_conflicts(catalogue, here) == [
        Warning(
            "double_booking",
            "Anne Martin is also expected at “Séminaire” on 10 June 2027, 16:00.",
        )
    ]
    assert codes(participant_conflicts(catalogue, there)) == ["double_booking"]


def test_cancelled_or_trashed_events_or_declines_are_no_conflict(catalogue):
    here = new_event(catalogue, title="Visite")
    cancelled = new_event(catalogue, title="Annulé", status="cancelled")
    trashed = new_event(catalogue, title="Jeté")
    anne = new_person(catalogue, "Martin", "Anne")
    for event_id in (cancelled, trashed):
        plist.add_participants(catalogue, event_id, [anne], status="accepted")
    planning.trash_event(catalogue, trashed)
    plist.add_participants(catalogue, here, [anne], status="accepted")
    assert participant_conflicts(catalogue, here) == []
    assert participant_conflicts(catalogue, cancelled) == []
    elsewhere = new_event(catalogue, title="Ailleurs")
    plist.add_participants(catalogue, elsewhere, [anne], status="accepted")
    plist.set_participant(catalogue, here, anne, status="declined")
    assert participant_conflicts(catalogue, here) == []
