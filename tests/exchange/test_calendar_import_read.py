"""Reading large calendars a batch at a time: the same events as reading them whole.

The file is laid out first and parsed by batches, so what spans batches must
still meet: a moved occurrence far from its series, a VTIMEZONE written after
the events that use it, several VCALENDARs in one file.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from visitplanner.domain.errors import UserError
from visitplanner.exchange.calendar_import import BATCH, LeftOut, iter_events, read_calendar


def text(*parts: str) -> bytes:
    return "\n".join(p.strip() for p in parts).replace("\n", "\r\n").encode() + b"\r\n"


def vevent(uid: str, *lines: str, start: str = "20260316T093000Z") -> str:
    return "\n".join(["BEGIN:VEVENT", f"UID:{uid}", f"DTSTART:{start}", *lines, "END:VEVENT"])


def test_a_moved_occurrence_far_after_its_series_is_applied():
    series = vevent(
        "s",
        "SUMMARY:Série",
        "DTEND:20260316T103000Z",
        "RRULE:FREQ=WEEKLY;COUNT=3",
    )
    filler = [vevent(f"f{i}") for i in range(BATCH + 10)]
    moved = vevent(
        "s", "SUMMARY:Déplacée", "RECURRENCE-ID:20260323T093000Z", start="20260324T140000Z"
    )
    data = text("BEGIN:VCALENDAR", "VERSION:2.0", series, *filler, moved, "END:VCALENDAR")
    events = {e.uid: e for e in read_calendar(data, "s.ics")}
    assert len(events) == 3 + BATCH + 10
    assert events["s#20260323T093000Z"].summary == "Déplacée"
    assert events["s#20260323T093000Z"].start == datetime(2026, 3, 24, 14, tzinfo=UTC)


def test_a_time_zone_defined_after_the_events_and_several_calendars():
    zone = """BEGIN:VTIMEZONE
TZID:Romance Standard Time
BEGIN:STANDARD
DTSTART:16010101T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
END:DAYLIGHT
END:VTIMEZONE"""
    summer = vevent("w", start="20260703T093000").replace(
        "DTSTART:", "DTSTART;TZID=Romance Standard Time:"
    )
    data = text(
        "BEGIN:VCALENDAR",
        summer,
        zone,
        "END:VCALENDAR",
        "BEGIN:VCALENDAR",
        "METHOD:CANCEL",
        vevent("c"),
        "END:VCALENDAR",
    )
    events = {e.uid: e for e in read_calendar(data, "z.ics")}
    assert events["w"].timezone == "Europe/Paris"
    assert events["w"].start == datetime(2026, 7, 3, 7, 30, tzinfo=UTC)
    assert events["c"].status == "CANCELLED"


def test_lines_are_counted_and_a_broken_nesting_is_refused_by_line():
    data = text(
        "BEGIN:VCALENDAR", vevent("a"), vevent("b", "DTEND:20260101T000000Z"), "END:VCALENDAR"
    )
    with pytest.raises(UserError, match=r"x\.ics, line 6: .*\(UID b\).*ends before"):
        read_calendar(data, "x.ics")
    broken = text("BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:a", "END:VTODO", "END:VCALENDAR")
    with pytest.raises(UserError, match=r"x\.ics, line 4: this is not a valid calendar"):
        read_calendar(broken, "x.ics")


def test_events_come_one_by_one_and_left_outs_are_counted():
    alarm = "BEGIN:VALARM\nACTION:DISPLAY\nTRIGGER:-PT5M\nEND:VALARM"
    data = text(
        "BEGIN:VCALENDAR",
        vevent("a", alarm, "ATTACH:https://example.org/a.pdf", "ATTENDEE:mailto:x@example.org"),
        vevent("a"),
        "BEGIN:VJOURNAL\nUID:j\nEND:VJOURNAL",
        "END:VCALENDAR",
    )
    left = LeftOut()
    events = iter_events(data, "l.ics", left_out=left)
    assert next(events).uid == "a"
    assert list(events) == []
    assert left == LeftOut(alarms=1, attachments=1, attendees=1, others=1, duplicates=1)
