"""Calendar invitations (iTIP/iMIP) and feeds that real clients accept, and reading their answers.

Invitations are judged by what Outlook, Gmail, Apple Calendar, Thunderbird and
CalDAV servers do with them (``shared/interop/ICALENDAR.md``), so the text is
written here line by line rather than through icalendar's serializer, which
adds a random calendar-level UID (``Calendar.new``), orders properties
alphabetically, leaves time zones to ``add_missing_timezones`` (whose RDATE
lists ical.js and vobject read an hour off in summer) and folds lines without
knowing TEXT escapes. This module controls each of those:

* CRLF everywhere, lines folded at 75 octets, never inside a UTF-8 character or
  a backslash escape;
* TEXT values escaped, parameter values quoted when they contain ``, ; :``, and
  a CN cleaned of double quotes and line breaks;
* one VTIMEZONE per TZID, before the VEVENTs, in the RRULE form of
  :mod:`visitplanner.exchange.vtimezone`; a zone it cannot describe reliably is
  written in UTC (``Z``), and so is a wall time that occurs twice when clocks go
  back, since parsers do not agree on which of the two they pick;
* DTSTAMP, CREATED and LAST-MODIFIED in UTC; no floating times, no X-WR-TIMEZONE.

Reading (replies and external calendars) lives in
:mod:`visitplanner.exchange.ical_read` and is re-exported here; it uses icalendar
for parsing, imported only when a file is read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from visitplanner import APP_NAME, __version__
from visitplanner.exchange.calendar_import import ImportedEvent, read_calendar
from visitplanner.exchange.ical_read import Reply, email_key, read_replies
from visitplanner.exchange.vtimezone import (
    SUPPORTED_ZONES,
    UTC_NAMES,
    Rules,
    vtimezone,
    vtimezone_lines,
    zone_rules,
)

__all__ = [
    "PRODID",
    "SUPPORTED_ZONES",
    "CalEvent",
    "CalPerson",
    "ImportedEvent",
    "Reply",
    "build_feed",
    "build_itip",
    "check_event",
    "email_key",
    "escape_text",
    "fold",
    "read_calendar",
    "read_replies",
    "vtimezone",
]

PRODID = f"-//{APP_NAME}//{APP_NAME} {__version__}//EN"
ROLES = frozenset({"CHAIR", "REQ-PARTICIPANT", "OPT-PARTICIPANT", "NON-PARTICIPANT"})
PARTSTATS = frozenset({"NEEDS-ACTION", "ACCEPTED", "DECLINED", "TENTATIVE", "DELEGATED"})
CUTYPES = frozenset({"INDIVIDUAL", "GROUP", "ROOM", "RESOURCE", "UNKNOWN"})
STATUSES = frozenset({"TENTATIVE", "CONFIRMED", "CANCELLED"})
METHODS = frozenset({"REQUEST", "CANCEL"})

_LIMIT = 75  # octets per physical line, CRLF excluded (RFC 5545 §3.1)
# A backslash escape travels as one unit so that no fold separates it (Google drops such events).
_TOKEN = re.compile(r"\\.|.", re.S)
_NEEDS_QUOTES = re.compile(r"[,;:]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_ADDRESS = re.compile(r"[^\s\x00-\x1f\x7f\"<>]+@[^\s\x00-\x1f\x7f\"<>@]+")


@dataclass(frozen=True)
class CalPerson:
    """An organiser or attendee: ``role`` is CHAIR, REQ-, OPT- or NON-PARTICIPANT."""

    email: str
    name: str | None = None
    role: str = "REQ-PARTICIPANT"
    partstat: str = "NEEDS-ACTION"
    rsvp: bool = True
    cutype: str = "INDIVIDUAL"
    # Delegation (RFC 5545 §3.2.4-5): the address this attendee passed their place to, or
    # the one they answer for; written as quoted mailto: parameters.
    delegated_to: str | None = None
    delegated_from: str | None = None


@dataclass(frozen=True)
class CalEvent:
    """One event as calendars see it.

    ``start``/``end`` are aware datetimes (converted to ``timezone`` for writing)
    or, for all-day events, dates with ``end`` the day after the last day.
    """

    uid: str
    sequence: int
    summary: str
    start: datetime | date
    end: datetime | date
    timezone: str = "Europe/Paris"
    location: str | None = None
    description: str | None = None
    url: str | None = None
    status: str = "CONFIRMED"  # TENTATIVE / CONFIRMED / CANCELLED
    organizer: CalPerson | None = None
    attendees: tuple[CalPerson, ...] = ()
    created: datetime | None = None
    last_modified: datetime | None = None
    # The event's kind as words (CATEGORIES): what lets a feed imported elsewhere keep it.
    categories: tuple[str, ...] = ()


# --- low-level writing ----------------------------------------------------------------------


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines escaped.

    Control characters other than TAB are not allowed in TEXT and are dropped.
    """
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub("", value)
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def param_value(value: str) -> str:
    """A parameter value: no double quote, CR or LF can be represented, so none is kept."""
    value = _CONTROL.sub(" ", value.replace("\t", " ").replace('"', "'"))
    value = " ".join(value.split())
    return f'"{value}"' if _NEEDS_QUOTES.search(value) else value


def fold(line: str) -> str:
    """Folds a content line at 75 octets, never inside a UTF-8 character or an escape."""
    if len(line) * 4 <= _LIMIT or len(line.encode("utf-8")) <= _LIMIT:
        return line
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for token in _TOKEN.findall(line):
        width = len(token) if token.isascii() else len(token.encode("utf-8"))
        if size + width > _LIMIT and current:
            pieces.append("".join(current))
            current, size = [" "], 1  # the continuation's leading space counts
        current.append(token)
        size += width
    pieces.append("".join(current))
    return "\r\n".join(pieces)


def writable_address(email: str) -> bool:
    """Whether ``email`` can be written as an ORGANIZER or ATTENDEE ``mailto:`` value."""
    email = email.strip()
    if email.lower().startswith("mailto:"):
        email = email[7:]
    return _ADDRESS.fullmatch(email) is not None


def _address(email: str) -> str:
    email = email.strip()
    if email.lower().startswith("mailto:"):
        email = email[7:]
    if not _ADDRESS.fullmatch(email):
        raise ValueError(f"not an e-mail address: {email!r}")
    return f"mailto:{email}"


def _utc(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("naive datetime: calendars need an aware one")
    return f"{moment.astimezone(UTC):%Y%m%dT%H%M%SZ}"


def _check_person(person: CalPerson) -> None:
    if person.role not in ROLES:
        raise ValueError(f"unknown ROLE {person.role!r}")
    if person.partstat not in PARTSTATS:
        raise ValueError(f"unknown PARTSTAT {person.partstat!r}")
    if person.cutype not in CUTYPES:
        raise ValueError(f"unknown CUTYPE {person.cutype!r}")


def _organizer_line(person: CalPerson) -> str:
    # ROLE is not allowed on ORGANIZER (RFC 5545 §3.8.4.3): the chair is an ATTENDEE.
    cn = f";CN={param_value(person.name)}" if person.name and person.name.strip() else ""
    return f"ORGANIZER{cn}:{_address(person.email)}"


def _attendee_line(person: CalPerson) -> str:
    _check_person(person)
    params = [
        f"CUTYPE={person.cutype}",
        f"ROLE={person.role}",
        f"PARTSTAT={person.partstat}",
        f"RSVP={'TRUE' if person.rsvp else 'FALSE'}",
    ]
    if person.delegated_to:
        params.append(f'DELEGATED-TO="{_address(person.delegated_to)}"')
    if person.delegated_from:
        params.append(f'DELEGATED-FROM="{_address(person.delegated_from)}"')
    if person.name and person.name.strip():
        params.append(f"CN={param_value(person.name)}")
    return f"ATTENDEE;{';'.join(params)}:{_address(person.email)}"


# --- time -----------------------------------------------------------------------------------


def _zone_name(event: CalEvent) -> str | None:
    """The IANA zone the event's times are written in, None for UTC."""
    return None if event.timezone in UTC_NAMES else event.timezone


def _check_times(event: CalEvent) -> None:
    start, end = event.start, event.end
    if isinstance(start, datetime) != isinstance(end, datetime):
        raise ValueError(f"{event.uid}: DATE and DATE-TIME mixed in start and end")
    if isinstance(start, datetime) and (start.tzinfo is None or end.tzinfo is None):  # type: ignore[union-attr]
        raise ValueError(f"{event.uid}: naive datetime (floating times are not written)")
    if end <= start:  # type: ignore[operator]
        raise ValueError(f"{event.uid}: the end is not after the start")


def check_event(event: CalEvent) -> None:
    """Raises ValueError, saying why, when ``event`` cannot be written as a VEVENT: lets a
    feed leave out (and report) one bad event instead of failing for all of them."""
    _check_times(event)
    if event.status not in STATUSES:
        raise ValueError(f"unknown STATUS {event.status!r}")
    if not event.uid or _CONTROL.search(event.uid) or "\n" in event.uid:
        raise ValueError(f"unusable UID {event.uid!r}")
    if event.url and (_CONTROL.search(event.url) or any(c.isspace() for c in event.url)):
        raise ValueError(f"unusable URL {event.url!r}")
    if isinstance(event.start, datetime) and event.timezone not in UTC_NAMES:
        try:
            ZoneInfo(event.timezone)
        except (ValueError, KeyError):  # ZoneInfoNotFoundError is a KeyError
            raise ValueError(f"unknown time zone {event.timezone!r}") from None


def _years(event: CalEvent) -> set[int]:
    if not isinstance(event.start, datetime) or event.timezone not in SUPPORTED_ZONES:
        return set()  # dates, or a zone written in UTC (see the module doc)
    if _zone_name(event) is None:
        return set()  # UTC itself: written with Z, no VTIMEZONE needed
    zone = ZoneInfo(event.timezone)
    return {moment.astimezone(zone).year for moment in (event.start, event.end)}  # type: ignore[union-attr]


def _zones_needed(events: Iterable[CalEvent]) -> dict[str, Rules | None]:
    years: dict[str, set[int]] = {}
    for event in events:
        _check_times(event)
        found = _years(event)
        if found:
            years.setdefault(event.timezone, set()).update(found)
    return {tzid: zone_rules(tzid, found) for tzid, found in sorted(years.items())}


def _time_line(name: str, value: datetime | date, tzid: str | None, rules: Rules | None) -> str:
    if not isinstance(value, datetime):
        return f"{name};VALUE=DATE:{value:%Y%m%d}"
    if tzid is None or rules is None:
        return f"{name}:{_utc(value)}"
    zone = ZoneInfo(tzid)
    wall = value.astimezone(zone).replace(tzinfo=None)
    first, second = wall.replace(tzinfo=zone, fold=0), wall.replace(tzinfo=zone, fold=1)
    if first.utcoffset() != second.utcoffset():
        # Clocks going back: this wall time happens twice; only UTC is unambiguous.
        return f"{name}:{_utc(value)}"
    return f"{name};TZID={tzid}:{wall:%Y%m%dT%H%M%S}"


def _vevent(
    event: CalEvent,
    rules: dict[str, Rules | None],
    *,
    method: str | None,
    dtstamp: datetime,
) -> list[str]:
    if event.status not in STATUSES:
        raise ValueError(f"unknown STATUS {event.status!r}")
    if not event.uid or _CONTROL.search(event.uid) or "\n" in event.uid:
        raise ValueError(f"unusable UID {event.uid!r}")
    tzid = _zone_name(event)
    zone_rules_ = rules.get(tzid) if tzid else None
    status = "CANCELLED" if method == "CANCEL" else event.status
    lines = [
        "BEGIN:VEVENT",
        f"UID:{escape_text(event.uid)}",
        f"SEQUENCE:{int(event.sequence)}",
        f"DTSTAMP:{_utc(dtstamp)}",
        _time_line("DTSTART", event.start, tzid, zone_rules_),
        _time_line("DTEND", event.end, tzid, zone_rules_),
        f"SUMMARY:{escape_text(event.summary)}",
    ]
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.url:
        if _CONTROL.search(event.url) or any(c.isspace() for c in event.url):
            raise ValueError(f"unusable URL {event.url!r}")
        lines.append(f"URL:{event.url}")
    categories = [escape_text(c) for c in event.categories if c and c.strip()]
    if categories:
        lines.append("CATEGORIES:" + ",".join(categories))
    lines.append(f"STATUS:{status}")
    lines.append("TRANSP:OPAQUE")
    if method is not None:
        assert event.organizer is not None
        organizer = event.organizer
        lines.append(_organizer_line(organizer))
        chair = CalPerson(organizer.email, organizer.name, "CHAIR", "ACCEPTED", False)
        lines.append(_attendee_line(chair))
        seen = {email_key(organizer.email)}
        for person in event.attendees:
            key = email_key(person.email)
            if key in seen:
                continue
            seen.add(key)
            lines.append(_attendee_line(person))
    if event.created is not None:
        lines.append(f"CREATED:{_utc(event.created)}")
    if event.last_modified is not None:
        lines.append(f"LAST-MODIFIED:{_utc(event.last_modified)}")
    lines.append("END:VEVENT")
    return lines


def _calendar(
    header: list[str],
    events: Sequence[CalEvent],
    method: str | None,
    stamp: Callable[[CalEvent], datetime],
) -> bytes:
    """The whole object: every VTIMEZONE first (ICALENDAR.md 14), then the events, folded."""
    rules = _zones_needed(events)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", *header]
    for found in rules.values():
        if found is not None:
            lines += vtimezone_lines(found)
    for event in events:
        lines += _vevent(event, rules, method=method, dtstamp=stamp(event))
    lines.append("END:VCALENDAR")
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode("utf-8")


# --- public writers -------------------------------------------------------------------------


def build_itip(event: CalEvent, method: str, *, dtstamp: datetime | None = None) -> bytes:
    """One iTIP message (RFC 5546) to attach to an e-mail: ``REQUEST`` or ``CANCEL``.

    The organiser is written as ORGANIZER and again as the CHAIR attendee who has
    accepted, because clients show the organiser among the participants only
    then. A CANCEL carries STATUS:CANCELLED and every attendee it is sent to (a
    participant removed from the list gets a CANCEL naming only them). The UID
    and SEQUENCE are the caller's: the caller bumps SEQUENCE on every change
    attendees must see. ``dtstamp`` defaults to now. Times are written in the
    event's zone with an RRULE VTIMEZONE when the zone is in
    :data:`SUPPORTED_ZONES` and follows its rule in the event's years, otherwise
    in UTC (``Z``): shown in each reader's own zone, but never an hour off.

    Raises ``ValueError`` for a programming error (unknown method, no organiser,
    a REQUEST for a cancelled event, naive datetimes, end not after start).
    """
    method = method.upper()
    if method not in METHODS:
        raise ValueError(f"unsupported iTIP method {method!r}")
    if event.organizer is None:
        raise ValueError("an invitation needs an organiser")
    if method == "REQUEST" and event.status == "CANCELLED":
        raise ValueError("a cancelled event is sent with METHOD:CANCEL, not REQUEST")
    stamp = dtstamp or datetime.now(UTC).replace(microsecond=0)
    return _calendar([f"METHOD:{method}"], [event], method, lambda _event: stamp)


def build_feed(events: Sequence[CalEvent], *, name: str | None = None) -> bytes:
    """All ``events`` as one calendar for a subscription, a download or a CalDAV import.

    No METHOD (Nextcloud refuses a PUT that has one) and no ORGANIZER or
    ATTENDEE: a CalDAV server that sees them starts scheduling and e-mails every
    participant again. DTSTAMP is the event's last change, so that an unchanged
    feed is byte-identical and caches stay valid.
    """
    uids = [event.uid for event in events]
    if len(set(uids)) != len(uids):
        raise ValueError("two events share a UID")
    now = datetime.now(UTC).replace(microsecond=0)
    header: list[str] = []
    if name:
        header += [f"NAME:{escape_text(name)}", f"X-WR-CALNAME:{escape_text(name)}"]
    return _calendar(
        header, events, None, lambda event: event.last_modified or event.created or now
    )
