"""Reading answers and calendars: the 22 real client messages, and files meant to hurt.

``tests/fixtures/imip`` holds replies, requests and cancellations written by
Outlook, Exchange, Gmail, Thunderbird, Apple and Android clients (provenance in
its README). ICALENDAR.md assertion 11 (matching a REPLY) is tested here too.
"""

from __future__ import annotations

import base64
import time
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from visitplanner.domain.errors import UserError
from visitplanner.exchange.ical import (
    Reply,
    email_key,
    read_calendar,
    read_replies,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imip"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


# file: (attendee e-mail, PARTSTAT, SEQUENCE, METHOD, proposed start)
REPLIES = {
    "android-reply-accepted.eml": ("dana.example@example.org", "ACCEPTED", 0, "REPLY", None),
    "apple-ical-reply-accepted.ics": ("appleguest@example.org", "ACCEPTED", 1, "REPLY", None),
    "exchange-reply-accepted.eml": ("martin.attendee@example.org", "ACCEPTED", 0, "REPLY", None),
    "exchange-reply-declined-comment.eml": (
        "martin.attendee@example.org",
        "DECLINED",
        0,
        "REPLY",
        None,
    ),
    "gmail-reply-accepted.eml": ("tobias@example.com", "ACCEPTED", 0, "REPLY", None),
    "gmail-reply-declined.eml": ("tobias@example.com", "DECLINED", 0, "REPLY", None),
    "gmail-reply-tentative.ics": ("test1@example.com", "TENTATIVE", 0, "REPLY", None),
    "gmail-counter.eml": ("max@gmail.com", "TENTATIVE", 0, "COUNTER", utc(2021, 1, 13, 18, 45)),
    "ios-reply-accepted-comment.eml": ("admin@willow.vmw", "ACCEPTED", 0, "REPLY", None),
    "ios-reply-counter-proposal.ics": (
        "david@b-m.lan",
        "TENTATIVE",
        0,
        "REPLY",
        utc(2020, 12, 25, 8, 30),
    ),
    "outlook-mac-reply-accepted.eml": ("admin@willow.vmw", "ACCEPTED", 0, "REPLY", None),
    "outlook-mac-reply-declined.eml": ("tom@willow.vmw", "DECLINED", 0, "REPLY", None),
    "thunderbird-reply-accepted.eml": ("tine20admin@caldav.net", "ACCEPTED", 0, "REPLY", None),
    "thunderbird-reply-declined.eml": ("tine20admin@caldav.net", "DECLINED", 0, "REPLY", None),
    # Written for this project in those clients' style (see the README): delegation, order.
    "outlook-reply-delegated.eml": ("bruno@example.org", "DELEGATED", 0, "REPLY", None),
    "outlook-reply-delegate-accepted.eml": (
        "claire.petit@example.org",
        "ACCEPTED",
        0,
        "REPLY",
        None,
    ),
    "thunderbird-reply-tentative-first.ics": ("alice@example.org", "TENTATIVE", 0, "REPLY", None),
    "thunderbird-reply-accepted-later.ics": ("alice@example.org", "ACCEPTED", 0, "REPLY", None),
}
# file: (start in UTC, IANA zone it is read in, SEQUENCE, STATUS)
INVITATIONS = {
    "outlook-request-w-europe-tz.eml": (utc(2025, 4, 17, 12), "Europe/Berlin", 0, "CONFIRMED"),
    "exchange-request-romance-tz.ics": (utc(2015, 2, 20, 8, 30), "Europe/Paris", 4, "CONFIRMED"),
    "exchange-request-display-name-tzid.eml": (
        utc(2025, 3, 10, 13),
        "Europe/Berlin",
        0,
        "CONFIRMED",
    ),
    "outlookcom-request-w-europe-tz.eml": (utc(2025, 2, 26, 7), "Europe/Berlin", 0, "CONFIRMED"),
    "gmail-request.eml": (utc(2025, 2, 20, 18), "Europe/Berlin", 0, "CONFIRMED"),
    "exchange-cancel.eml": (utc(2025, 4, 18, 6), "Europe/Berlin", 0, "CANCELLED"),
    "gmail-cancel.ics": (utc(2015, 4, 1, 14), "UTC", 1, "CANCELLED"),
    "outlook-mac-cancel.eml": (utc(2012, 5, 28, 13), "Europe/Warsaw", 1, "CANCELLED"),
}


def calendar(*events: str, head: str = "") -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\n{e.strip()}\r\nEND:VEVENT\r\n" for e in events)
    text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Partenaire//FR\r\n"
    text += f"{head}{body}END:VCALENDAR\r\n"
    return text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")


SEMINAR = """UID:seminaire-2026@partenaire.fr
DTSTAMP:20260301T100000Z
DTSTART;TZID=Europe/Paris:20260316T093000
DTEND;TZID=Europe/Paris:20260316T120000
SUMMARY:Séminaire des réseaux\\, Lyon
LOCATION:Hôtel de Région\\; salle 2
DESCRIPTION:Ligne 1\\nLigne 2 — « fin »"""


# --- the fixtures --------------------------------------------------------------------------------


def test_every_fixture_is_covered_and_documented() -> None:
    files = {p.name for p in FIXTURES.iterdir() if p.suffix in (".eml", ".ics")}
    assert files == set(REPLIES) | set(INVITATIONS)
    assert len(files) == 26
    readme = (FIXTURES / "README.md").read_text(encoding="utf-8")
    assert all(name in readme for name in files)
    assert "Apache-2.0" in readme and "AGPL-3.0" in readme


def test_delegation_replies_name_both_sides() -> None:
    (delegator,) = read_replies(fixture("outlook-reply-delegated.eml"), "d.eml")
    (delegate,) = read_replies(fixture("outlook-reply-delegate-accepted.eml"), "a.eml")
    # The delegator's reply lists both attendees: the sender's line is the answer.
    assert (delegator.delegated_to, delegator.delegated_from) == ("claire.petit@example.org", None)
    assert (delegate.delegated_from, delegate.name) == ("bruno@example.org", "Claire Petit")


@pytest.mark.parametrize("name", sorted(REPLIES))
def test_replies_from_real_clients(name: str) -> None:
    address, partstat, sequence, method, proposed = REPLIES[name]
    (reply,) = read_replies(fixture(name), name)
    assert (reply.attendee_email, reply.partstat, reply.sequence, reply.method) == (
        address,
        partstat,
        sequence,
        method,
    )
    assert reply.proposed_start == proposed
    assert reply.uid and reply.dtstamp is not None and reply.dtstamp.tzinfo is not None


@pytest.mark.parametrize("name", sorted(INVITATIONS))
def test_requests_and_cancellations_read_as_calendars(name: str) -> None:
    start, zone, sequence, status = INVITATIONS[name]
    (event,) = read_calendar(fixture(name), name)
    assert isinstance(event.start, datetime)
    assert (
        event.start == start
        and event.start.utcoffset() == start.astimezone(ZoneInfo(zone)).utcoffset()
    )
    assert (event.timezone, event.sequence, event.status) == (zone, sequence, status)
    assert event.end > event.start  # type: ignore[operator]
    with pytest.raises(UserError, match=name):
        read_replies(fixture(name), name)


@pytest.mark.parametrize("name", sorted(REPLIES))
def test_replies_can_be_read_as_calendars_too(name: str) -> None:
    assert len(read_calendar(fixture(name), name)) == 1


def test_client_quirks() -> None:
    # Exchange: no ORGANIZER, uppercase MAILTO:, an empty COMMENT with LANGUAGE.
    (accepted,) = read_replies(fixture("exchange-reply-accepted.eml"), "a.eml")
    assert accepted.comment is None and accepted.name == "Martin Attendee"
    (declined,) = read_replies(fixture("exchange-reply-declined-comment.eml"), "d.eml")
    assert declined.comment == "no, sorry"
    # iOS: the note is in X-CALENDARSERVER-PRIVATE-COMMENT, in a quoted-printable part.
    (ios,) = read_replies(fixture("ios-reply-accepted-comment.eml"), "i.eml")
    assert ios.comment == "Annotation" and ios.name == "admin SetupWizard"
    (proposal,) = read_replies(fixture("ios-reply-counter-proposal.ics"), "p.ics")
    assert proposal.comment is not None
    assert proposal.comment.endswith("Can we move this event to tomorrow at 09:30?")
    # Apple: CN with a comma and ß; Thunderbird: quoted CN, EMAIL= parameter.
    (apple,) = read_replies(fixture("apple-ical-reply-accepted.ics"), "a.ics")
    assert apple.name == "Straß, Carolina"
    (thunderbird,) = read_replies(fixture("thunderbird-reply-accepted.eml"), "t.eml")
    assert thunderbird.name == "External, Caldav"
    # Android: TAB-folded line, base64 part without charset, uppercase MAILTO:, no CN.
    (android,) = read_replies(fixture("android-reply-accepted.eml"), "x.eml")
    assert android.attendee_email == "dana.example@example.org" and android.name is None


def test_the_inline_part_counts_and_the_attached_copy_is_not_read_twice() -> None:
    # Gmail and Thunderbird attach the same answer again as invite.ics: one answer.
    assert len(read_replies(fixture("gmail-reply-accepted.eml"), "g.eml")) == 1
    # When the copies differ, the inline part (what clients act on) wins.
    (counter,) = read_replies(fixture("gmail-counter.eml"), "c.eml")
    assert counter.attendee_email == "max@gmail.com"


def test_windows_and_display_name_time_zones_become_iana_zones() -> None:
    (romance,) = read_calendar(fixture("exchange-request-romance-tz.ics"), "r.ics")
    assert romance.timezone == "Europe/Paris"
    assert isinstance(romance.start, datetime)
    assert romance.start.replace(tzinfo=None) == datetime(2015, 2, 20, 9, 30)
    (display,) = read_calendar(fixture("exchange-request-display-name-tzid.eml"), "d.eml")
    assert display.timezone == "Europe/Berlin"
    (mac,) = read_calendar(fixture("outlook-mac-cancel.eml"), "m.eml")
    assert mac.timezone == "Europe/Warsaw" and mac.summary == "Réunion depuis outlook"
    summer = calendar(
        """UID:w
DTSTART;TZID="W. Europe Standard Time":20260703T093000
DTEND;TZID="W. Europe Standard Time":20260703T103000""",
        head="BEGIN:VTIMEZONE\r\nTZID:W. Europe Standard Time\r\nEND:VTIMEZONE\r\n",
    )
    (event,) = read_calendar(summer, "w.ics")
    assert event.timezone == "Europe/Berlin" and event.start == utc(2026, 7, 3, 7, 30)
    for tzid, zone in (
        ("Romance Standard Time", "Europe/Paris"),
        ("GMT Standard Time", "Europe/London"),
        ("Central Europe Standard Time", "Europe/Budapest"),
        ("UTC", "UTC"),
        ("/mozilla.org/20050126_1/Europe/Paris", "Europe/Paris"),
        ("(UTC+01:00) Brussels\\, Copenhagen\\, Madrid\\, Paris", "Europe/Paris"),
    ):
        text = f'UID:x\nDTSTART;TZID="{tzid.replace(chr(92), "")}":20260115T100000'
        (found,) = read_calendar(calendar(text), "z.ics")
        assert found.timezone == zone, tzid


# --- replies: assertion 11 and the rest ----------------------------------------------------------


def test_assertion_11_reply_gives_what_matching_needs() -> None:
    """One attendee, its address without MAILTO: in lower case, the SEQUENCE (0 when missing).

    Matching to the list and ignoring stale answers (the event's SEQUENCE is
    newer) is tested with the service that applies replies.
    """
    (reply,) = read_replies(fixture("exchange-reply-declined-comment.eml"), "r.eml")
    assert reply.attendee_email == "martin.attendee@example.org"  # written MAILTO:... there
    assert email_key("MAILTO:Martin.Attendee@Example.org ") == reply.attendee_email
    assert email_key("mailto:martin.attendee@EXAMPLE.org") == reply.attendee_email
    assert email_key('"mailto:x@y.org"') == "x@y.org"
    (apple,) = read_replies(fixture("apple-ical-reply-accepted.ics"), "a.ics")
    assert apple.sequence == 1
    no_sequence = fixture("gmail-reply-tentative.ics").replace(b"SEQUENCE:0\r\n", b"")
    assert read_replies(no_sequence, "n.ics")[0].sequence == 0
    later = fixture("gmail-reply-tentative.ics").replace(b"SEQUENCE:0", b"SEQUENCE:7")
    assert read_replies(later, "l.ics")[0].sequence == 7


def test_exactly_one_attendee_per_reply_or_the_sender() -> None:
    two = """UID:u
DTSTAMP:20260301T100000Z
DTSTART:20260316T093000Z
ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.org
ATTENDEE;PARTSTAT=DECLINED:MAILTO:B@example.org"""
    data = calendar(two, head="METHOD:REPLY\r\n")
    with pytest.raises(UserError, match="several"):
        read_replies(data, "two.ics")
    mail = (
        b"From: B <b@example.org>\nContent-Type: text/calendar; method=REPLY\n"
        b"Content-Transfer-Encoding: base64\n\n" + base64.encodebytes(data)
    )
    (reply,) = read_replies(mail, "two.eml")
    assert (reply.attendee_email, reply.partstat) == ("b@example.org", "DECLINED")


def test_delegation_missing_sequence_lf_and_tab_folding() -> None:
    text = (
        "BEGIN:VCALENDAR\nMETHOD:REPLY\nVERSION:2.0\nBEGIN:VEVENT\nUID:u-1\n"
        'DTSTART:20260316T093000Z\nATTENDEE;PARTSTAT=DELEGATED;DELEGATED-TO="MAILTO:Col\n'
        '\tlegue@Example.org";CN="Dupont, Jean":MAILTO:jean@example.org\n'
        "COMMENT;LANGUAGE=fr-FR:Ma collègue viendra\\, merci\nEND:VEVENT\nEND:VCALENDAR\n"
    )
    (reply,) = read_replies(text.encode(), "delegue.ics")
    assert reply == Reply(
        uid="u-1",
        sequence=0,
        attendee_email="jean@example.org",
        partstat="DELEGATED",
        name="Dupont, Jean",
        comment="Ma collègue viendra, merci",
        dtstamp=None,
        delegated_to="collegue@example.org",
        method="REPLY",
        proposed_start=None,
    )


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"Hello,\n\nsee you on Monday.\n",
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40,
        b"From: a@b.org\nContent-Type: text/plain\n\nNo calendar here\n",
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n",
        b"BEGIN:VCALENDAR\r\n" + b"X" * 10_000_001,
    ],
    ids=["empty", "text", "binary", "mail-without-calendar", "broken", "huge"],
)
def test_a_file_without_answers_is_refused_by_name(data: bytes) -> None:
    with pytest.raises(UserError, match=r"reponse-partenaire\.eml"):
        read_replies(data, "reponse-partenaire.eml")


# --- calendars -----------------------------------------------------------------------------------


def test_an_external_seminar_is_read_with_its_text_intact() -> None:
    (event,) = read_calendar(calendar(SEMINAR), "seminaire.ics")
    assert event.uid == "seminaire-2026@partenaire.fr"
    assert event.summary == "Séminaire des réseaux, Lyon"
    assert event.location == "Hôtel de Région; salle 2"
    assert event.description == "Ligne 1\nLigne 2 — « fin »"
    assert event.start == datetime(2026, 3, 16, 9, 30, tzinfo=ZoneInfo("Europe/Paris"))
    assert (event.timezone, event.all_day, event.sequence, event.status) == (
        "Europe/Paris",
        False,
        0,
        "CONFIRMED",
    )


def test_floating_times_durations_and_all_day_events() -> None:
    floating = calendar("UID:f\nDTSTART:20260703T093000\nDURATION:PT1H30M")
    (event,) = read_calendar(floating, "f.ics")
    assert event.start == datetime(2026, 7, 3, 9, 30, tzinfo=ZoneInfo("Europe/Paris"))
    assert event.end == datetime(2026, 7, 3, 11, 0, tzinfo=ZoneInfo("Europe/Paris"))
    (cayenne,) = read_calendar(floating, "f.ics", default_timezone="America/Cayenne")
    assert cayenne.timezone == "America/Cayenne" and cayenne.start == utc(2026, 7, 3, 12, 30)
    days = calendar("UID:d\nDTSTART;VALUE=DATE:20260703\nDTEND;VALUE=DATE:20260705")
    (all_day,) = read_calendar(days, "d.ics")
    assert (all_day.start, all_day.end, all_day.all_day) == (
        date(2026, 7, 3),
        date(2026, 7, 5),
        True,
    )
    (one_day,) = read_calendar(calendar("UID:o\nDTSTART;VALUE=DATE:20260703"), "o.ics")
    assert one_day.end == date(2026, 7, 4)


def test_a_short_series_is_expanded_in_wall_time_with_stable_uids() -> None:
    series = SEMINAR + "\nRRULE:FREQ=WEEKLY;COUNT=4\nEXDATE;TZID=Europe/Paris:20260323T093000"
    moved = """UID:seminaire-2026@partenaire.fr
RECURRENCE-ID;TZID=Europe/Paris:20260406T093000
DTSTART;TZID=Europe/Paris:20260407T140000
DTEND;TZID=Europe/Paris:20260407T160000
SUMMARY:Séance déplacée"""
    events = read_calendar(calendar(series, moved), "serie.ics")
    assert [e.uid for e in events] == [
        "seminaire-2026@partenaire.fr#20260316T083000Z",
        "seminaire-2026@partenaire.fr#20260330T073000Z",
        "seminaire-2026@partenaire.fr#20260406T073000Z",
    ]
    first, after_the_change, replaced = events
    assert first.start.utcoffset() != after_the_change.start.utcoffset()  # type: ignore[union-attr]
    assert after_the_change.start.hour == 9 and after_the_change.start.minute == 30  # type: ignore[union-attr]
    assert replaced.summary == "Séance déplacée" and replaced.start.day == 7  # type: ignore[union-attr]
    again = read_calendar(calendar(series, moved), "serie.ics")
    assert [e.uid for e in again] == [e.uid for e in events]
    daily = calendar("UID:d\nDTSTART;VALUE=DATE:20260701\nRRULE:FREQ=DAILY;UNTIL=20260703")
    assert [e.uid for e in read_calendar(daily, "d.ics")] == [
        "d#20260701",
        "d#20260702",
        "d#20260703",
    ]


@pytest.mark.parametrize(
    ("rule", "reason"),
    [
        ("RRULE:FREQ=WEEKLY", "without end"),
        ("RRULE:FREQ=SECONDLY;COUNT=100000000", "more often than daily"),
        ("RRULE:FREQ=DAILY;COUNT=100000", "more than 100"),
        ("RRULE:FREQ=DAILY;UNTIL=20991231T000000Z", "more than a year"),
        ("RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;COUNT=3", "more than a year"),
        ("RRULE:FREQ=DAILY;UNTIL=20260801T000000Z;BYHOUR=1,2,3,4,5,6,7,8,9,10", "more than 100"),
        ("RRULE:FREQ=WEEKLY;COUNT=3\nRRULE:FREQ=DAILY;COUNT=3", "several rules"),
        ("RRULE:FREQ=WEEKLY;COUNT=3;BYDAY=XX", "rule cannot be read"),
    ],
)
def test_long_or_hostile_series_are_refused_quickly_naming_the_event(
    rule: str, reason: str
) -> None:
    began = time.perf_counter()
    with pytest.raises(UserError, match=reason) as refused:
        read_calendar(calendar(SEMINAR + "\n" + rule), "bombe.ics")
    # A guard against expanding the series before refusing it (minutes, or memory
    # exhausted), not a speed measure: the bound is far above the milliseconds it takes.
    assert time.perf_counter() - began < 30
    assert "bombe.ics" in str(refused.value) and "Séminaire des réseaux, Lyon" in str(refused.value)


@pytest.mark.parametrize(
    ("event", "reason"),
    [
        ("DTSTART:20260316T093000Z\nSUMMARY:Sans UID", "no UID"),
        ("UID:x\nSUMMARY:Date folle\nDTSTART:20261345T250000", "date cannot be read"),
        ("UID:x\nSUMMARY:Sans début", "date is missing"),
        (
            "UID:x\nSUMMARY:À rebours\nDTSTART:20260316T093000Z\nDTEND:20260315T093000Z",
            "ends before",
        ),
        ("UID:x\nSUMMARY:Mixte\nDTSTART;VALUE=DATE:20260316\nDTEND:20260317T093000Z", "mixes"),
        ("UID:x\nSUMMARY:Zone\nDTSTART;TZID=Mars/Olympus:20260316T093000", "unknown time zone"),
    ],
)
def test_broken_events_are_refused_naming_file_and_event(event: str, reason: str) -> None:
    data = calendar(SEMINAR, event)
    with pytest.raises(UserError, match=reason) as refused:
        read_calendar(data, "partenaire.ics")
    assert "partenaire.ics" in str(refused.value)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        bytes(range(256)) * 100,
        b"PK\x03\x04" + b"\x00" * 5000,
        "BEGIN:VCALENDAR\r\n".encode("utf-16"),
        b"BEGIN:VCALENDAR\r\n" + b"X-FILL:" + b"y" * 20_000_000 + b"\r\nEND:VCALENDAR\r\n",
        b"BEGIN:VCALENDAR\r\n" + b"BEGIN:VEVENT\r\n" * 5000 + b"END:VCALENDAR\r\n",
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n",
        b"BEGIN:VCALENDAR\r\n\x00\x01\x02\r\nEND:VCALENDAR\r\n",
    ],
    ids=["empty", "binary", "zip", "utf16-stub", "20MB", "nested", "no-event", "control-chars"],
)
def test_hostile_files_give_a_user_error_and_nothing_else(data: bytes) -> None:
    with pytest.raises(UserError, match=r"partenaire\.ics"):
        read_calendar(data, "partenaire.ics")


def test_too_many_events_are_refused() -> None:
    events = [f"UID:e{i}\nDTSTART:20260316T093000Z" for i in range(30)]
    assert len(read_calendar(calendar(*events), "n.ics")) == 30
    with pytest.raises(UserError, match="more events"):
        read_calendar(calendar(*events), "n.ics", max_events=20)


def test_a_truncated_file_never_raises_anything_but_a_user_error() -> None:
    data = fixture("exchange-request-romance-tz.ics")
    for end in range(0, len(data), 7):
        try:
            read_calendar(data[:end], "cut.ics")
            read_replies(data[:end], "cut.ics")
        except UserError:
            pass
