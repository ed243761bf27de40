"""Times no calendar can carry are refused when an event is saved, naming the field.

Zero-length timed events (RFC 5545 needs DTEND after DTSTART) and wall-clock times
in the spring-forward gap (02:30 on 28 March 2027 does not exist in Paris). A time
that happens twice (autumn) is kept as its first occurrence, summer time, and the
editor's warnings say so.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from visitplanner.domain.errors import ValidationError
from visitplanner.services.events import planning
from visitplanner.services.events.checks import check_event

PARIS = ZoneInfo("Europe/Paris")


def form(start, end, **extra):
    return planning.EventInput(kind="visit", title="Visite", start=start, end=end, **extra)


def test_a_timed_event_ending_when_it_starts_is_refused(catalogue):
    with pytest.raises(ValidationError) as info:
        planning.create_event(catalogue, form("2027-06-10T09:00", "2027-06-10T09:00"))
    assert "same as the start" in str(info.value)
    assert planning.list_events(catalogue) == []


def test_an_edit_that_makes_an_event_zero_length_is_refused(catalogue):
    event_id = planning.create_event(
        catalogue, form("2027-06-10T09:00", "2027-06-10T12:00")
    ).created_id("event")
    with pytest.raises(ValidationError, match="same as the start"):
        planning.update_event(catalogue, event_id, planning.EventPatch(end="2027-06-10T09:00"))
    assert planning.get_event(catalogue, event_id).event.end.hour == 12


def test_a_one_day_all_day_event_is_still_fine(catalogue):
    changes = planning.create_event(catalogue, form("2027-06-10", "2027-06-10", all_day=True))
    event = planning.get_event(catalogue, changes.created_id("event")).event
    assert event.end - event.start == timedelta(days=1)


@pytest.mark.parametrize(
    "start, end, field",
    [
        ("2027-03-28T02:30", "2027-03-28T05:00", "start"),
        ("2027-03-28T01:00", "2027-03-28T02:15", "end"),
        (datetime(2027, 3, 28, 2, 30, tzinfo=PARIS), "2027-03-28T05:00", "start"),
    ],
)
def test_a_time_in_the_spring_gap_is_refused_saying_it_does_not_exist(catalogue, start, end, field):
    with pytest.raises(ValidationError) as info:
        planning.create_event(catalogue, form(start, end))
    assert info.value.field == field
    assert "does not exist on 2027-03-28 in Europe/Paris" in str(info.value)
    assert planning.list_events(catalogue) == []


def test_an_autumn_time_that_happens_twice_is_the_first_one_and_the_editor_says_so(catalogue):
    data = form("2027-10-31T02:30", "2027-10-31T04:00")
    warnings = check_event(catalogue, data)
    event_id = planning.create_event(catalogue, data).created_id("event")

    start = planning.get_event(catalogue, event_id).event.start
    assert start.utcoffset() == timedelta(hours=2)  # summer time, the first 02:30
    assert [w.code for w in warnings] == ["ambiguous_time"]
    assert "the first one, in summer time, is kept" in warnings[0].message


def test_a_programme_line_in_the_spring_gap_says_so(catalogue):
    data = form(
        "2027-03-28T01:00",
        "2027-03-28T06:00",
        programme=(planning.ProgrammeItemInput("Départ", "02:30"),),
    )
    with pytest.raises(ValidationError) as info:
        planning.create_event(catalogue, data)
    assert info.value.field == "programme"
    assert "line 1: 02:30 does not exist that day" in str(info.value)
