"""The one ``last_day`` gives the list, the event form and the calendar the days they showed.

The list and the form used to read an all-day event's last day as the day before its end,
and a timed event ending at midnight likewise; the calendar as the day of the moment just
before the end. On every event a catalogue can hold (ends_at >= starts_at, all-day events
from one midnight to another) the two rules agree: this checks it.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from visitplanner.services.events.views import last_day

PARIS = ZoneInfo("Europe/Paris")


def _list_rule(event) -> date:
    """The rule the list and the event form followed before."""
    if event.all_day or (event.end.time() == time() and event.end > event.start):
        return (event.end - timedelta(days=1)).date()
    return event.end.date()


@given(
    st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1)),
    st.integers(min_value=0, max_value=60 * 24 * 40),
)
def test_timed_events_keep_their_last_day(start, minutes):
    start = start.replace(second=0, microsecond=0, tzinfo=PARIS)
    event = SimpleNamespace(start=start, end=start + timedelta(minutes=minutes), all_day=False)
    assert last_day(event) == _list_rule(event)


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 1, 1)), st.integers(1, 40))
def test_all_day_events_keep_their_last_day(first, days):
    start = datetime.combine(first, time(), PARIS)
    end = datetime.combine(first + timedelta(days=days), time(), PARIS)
    event = SimpleNamespace(start=start, end=end, all_day=True)
    assert last_day(event) == _list_rule(event) == first + timedelta(days=days - 1)


def test_an_event_ending_at_midnight_does_not_spill_onto_the_next_day():
    start = datetime(2027, 3, 12, 20, 0, tzinfo=PARIS)
    event = SimpleNamespace(start=start, end=datetime(2027, 3, 13, tzinfo=PARIS), all_day=False)
    assert last_day(event) == date(2027, 3, 12)
