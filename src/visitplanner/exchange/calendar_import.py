"""Reading calendars made elsewhere (a partner's seminars) as events to import.

The events come one at a time (:func:`iter_events`) so that a calendar of
50,000 events is imported without holding every parsed component at once: the
text is laid out first (:mod:`visitplanner.exchange.ics_layout`), then parsed
by icalendar a batch of events at a time. Whatever is doubtful stops the
reading with one :class:`UserError` sentence naming the file, the line, the
event and its UID; the caller writes inside one transaction, so a refusal met
at the last event still leaves the catalogue as it was.

A repeating event becomes one event per occurrence (see
:mod:`visitplanner.exchange.calendar_series`), each with the UID followed by
``#`` and its original start, so that importing again finds the same ones. What
the catalogue has no place for (alarms, attachments, attendees, to-dos...) is
counted in :class:`LeftOut` for the import report, never dropped silently.

The shared reading helpers (file and e-mail unpacking, time zones, TEXT values)
live in :mod:`visitplanner.exchange.ical_read`, beside the reading of replies.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from visitplanner.domain.errors import UserError
from visitplanner.exchange.calendar_series import as_list, occurrences, stamp, times
from visitplanner.exchange.ical_read import (
    ReadContext,
    Refused,
    calendar_texts,
    check_size,
    int_value,
    not_calendar,
    text_value,
)
from visitplanner.exchange.ics_layout import CalendarLayout, LayoutError, Span, layout, piece
from visitplanner.i18n import _

MAX_BYTES = 100_000_000  # about 250,000 events as calendar servers write them
MAX_EVENTS = 200_000
BATCH = 400  # events parsed by icalendar at once: memory stays flat, speed is the same
_METHOD = re.compile(r"^METHOD[ \t]*:[ \t]*([A-Za-z-]+)", re.I)


@dataclass(frozen=True)
class ImportedEvent:
    """One event (or one occurrence of a series) read from a calendar file.

    ``start``/``end`` are aware datetimes in ``timezone`` (an IANA name, "UTC"
    when the file's zone is unknown to us but defined in the file), or dates
    for all-day events with ``end`` the day after the last day. ``status`` is
    the file's STATUS in upper case (CONFIRMED when it has none, CANCELLED for
    a METHOD:CANCEL); ``categories`` are the CATEGORIES as written; ``line`` is
    where the event starts in the file.
    """

    uid: str
    summary: str
    start: datetime | date
    end: datetime | date
    timezone: str
    all_day: bool
    location: str | None
    description: str | None
    sequence: int
    status: str
    categories: tuple[str, ...] = ()
    line: int = 0


@dataclass
class LeftOut:
    """What a file holds that the catalogue keeps no place for, counted for the report."""

    alarms: int = 0  # VALARM reminders
    attachments: int = 0  # ATTACH files and links
    attendees: int = 0  # events whose list of attendees was not imported
    others: int = 0  # to-dos, journal entries, free/busy times
    duplicates: int = 0  # a second event with a UID already read

    def add(self, other: LeftOut) -> None:
        for item in fields(self):
            setattr(self, item.name, getattr(self, item.name) + getattr(other, item.name))

    def __bool__(self) -> bool:
        return any(getattr(self, item.name) for item in fields(self))


@dataclass
class _Reading:
    source: str
    default_zone: str
    max_events: int
    left: LeftOut = field(default_factory=LeftOut)
    seen: set[str] = field(default_factory=set)


def _too_many(source: str) -> UserError:
    return UserError(
        _("{source} holds more events than can be imported at once.").format(source=source)
    )


def _event_name(event: Any, index: int) -> str:
    return text_value(event.get("SUMMARY")) or text_value(event.get("UID")) or f"#{index}"


def _refusal(source: str, line: int, name: str, uid: str | None, reason: Refused) -> UserError:
    if uid:
        text = _(
            "{source}, line {line}: the event “{event}” (UID {uid}) cannot be imported: {reason}."
        )
    else:
        text = _("{source}, line {line}: the event “{event}” cannot be imported: {reason}.")
    return UserError(text.format(source=source, line=line, event=name, uid=uid, reason=str(reason)))


def _unreadable(source: str, line: int) -> UserError:
    return UserError(
        _("{source}, line {line}: this is not a valid calendar file from this line on.").format(
            source=source, line=line
        )
    )


# --- whole files ---------------------------------------------------------------------------


def read_calendar(
    data: bytes,
    source: str,
    *,
    max_bytes: int = MAX_BYTES,
    max_events: int = MAX_EVENTS,
    default_timezone: str = "Europe/Paris",
    left_out: LeftOut | None = None,
) -> list[ImportedEvent]:
    """Every event of a calendar file as a list; see :func:`iter_events`."""
    limits = {"max_bytes": max_bytes, "max_events": max_events}
    events = list(
        iter_events(data, source, default_timezone=default_timezone, left_out=left_out, **limits)
    )
    if not events:
        raise UserError(_("{source} contains no event.").format(source=source))
    return events


def iter_events(
    data: bytes,
    source: str,
    *,
    max_bytes: int = MAX_BYTES,
    max_events: int = MAX_EVENTS,
    default_timezone: str = "Europe/Paris",
    left_out: LeftOut | None = None,
) -> Iterator[ImportedEvent]:
    """The events of a calendar file (any METHOD or none), series expanded, as they are read.

    Floating times (no zone) are read in ``default_timezone``. A file that is
    too large, binary, not a calendar, or has an event without UID, with an
    unreadable or missing start, ending before it starts, or with a series too
    long to import, raises :class:`UserError` when the reading gets there: a
    caller that writes as it reads does so in one transaction. A second event
    with the same UID is skipped (the first one counts). ``left_out`` receives
    the counts of what was not imported. An e-mail is read as a whole: its
    inline calendar parts first, its attached ``.ics`` only if they hold none.
    """
    left = left_out if left_out is not None else LeftOut()
    try:
        check_size(data, max_bytes, source)
        groups, _sender = calendar_texts(data, source)
        del data  # the decoded text is all that is read from now on
        if len(groups) == 1 and len(groups[0]) == 1:
            reading = _Reading(source, default_timezone, max_events, left)
            yield from _stream(groups[0][0], reading)
            return
        yield from _first_group(groups, source, default_timezone, max_events, left)
    except UserError:
        raise
    except Exception:
        raise UserError(
            _("{source} could not be read as a calendar.").format(source=source)
        ) from None


def _first_group(
    groups: list[list[str]], source: str, zone: str, max_events: int, left: LeftOut
) -> list[ImportedEvent]:
    """The events of the first group of texts that has any (an e-mail's parts)."""
    failure: UserError | None = None
    for texts in groups:
        reading = _Reading(source, zone, max_events)
        try:
            found = [event for text in texts for event in _stream(text, reading)]
        except UserError as error:
            failure = failure or error
            continue
        if found:
            left.add(reading.left)
            return found
    if failure is not None:
        raise failure
    return []


# --- one calendar text ---------------------------------------------------------------------


def _parse(text: str, source: str, line: int) -> Any:
    import icalendar

    try:
        with warnings.catch_warnings():
            # icalendar warns when it guesses "/vendor/Europe/Paris" TZIDs; resolved later.
            warnings.simplefilter("ignore")
            return icalendar.Calendar.from_ical(text)
    except Exception:  # icalendar raises ValueError, KeyError, IndexError...
        raise _unreadable(source, line) from None


def _stream(text: str, reading: _Reading) -> Iterator[ImportedEvent]:
    if "BEGIN:VCALENDAR" not in text[:4096].upper():
        raise not_calendar(reading.source)
    try:
        calendars = layout(text)
    except LayoutError as broken:
        raise _unreadable(reading.source, broken.line) from None
    for calendar in calendars:
        yield from _calendar(text, calendar, reading)


def _calendar(text: str, calendar: CalendarLayout, reading: _Reading) -> Iterator[ImportedEvent]:
    reading.left.others += calendar.others
    methods = [m.group(1).upper() for m in map(_METHOD.match, calendar.head) if m]
    method = methods[0] if methods else ""
    first_line = calendar.timezones[0][2] if calendar.timezones else 1
    # Parsing the zones once puts the file's own zones in icalendar's cache for every batch.
    zones = _parse(piece(text, calendar.timezones), reading.source, first_line)
    context = ReadContext(zones, reading.default_zone)
    overrides: dict[str, dict[str, tuple[Any, int]]] = {}
    for event, line in _events(text, calendar.overrides, reading.source):
        uid = text_value(event.get("UID"))
        if not uid:
            raise _no_uid(reading.source, line, _event_name(event, line))
        try:
            moment, _zone = context.prop(event["RECURRENCE-ID"])
        except Refused as reason:
            raise _refusal(reading.source, line, _event_name(event, line), uid, reason) from None
        overrides.setdefault(uid, {})[stamp(moment)] = (event, line)
    for event, line in _events(text, calendar.events, reading.source):
        uid = text_value(event.get("UID"))
        name = _event_name(event, line)
        if not uid:
            raise _no_uid(reading.source, line, name)
        status = "CANCELLED" if method == "CANCEL" else _status(event, "CONFIRMED")
        _count_left_out(event, reading.left)
        try:
            found = _series(event, uid, status, overrides.get(uid, {}), context, line)
        except Refused as reason:
            raise _refusal(reading.source, line, name, uid, reason) from None
        yield from _new(found, reading)
    for uid, rest in overrides.items():  # a changed occurrence whose series is not in the file
        for key, (event, line) in rest.items():
            _count_left_out(event, reading.left)
            try:
                start, end, zone = times(event, context)
            except Refused as reason:
                name = _event_name(event, line)
                raise _refusal(reading.source, line, name, uid, reason) from None
            status = _status(event, "CONFIRMED")
            found = [_imported(event, f"{uid}#{key}", start, end, zone, status, context, line)]
            yield from _new(found, reading)


def _events(text: str, spans: list[Span], source: str) -> Iterator[tuple[Any, int]]:
    """The parsed VEVENTs at ``spans`` with their lines, a batch at a time."""
    for begin in range(0, len(spans), BATCH):
        batch = spans[begin : begin + BATCH]
        try:
            parsed = _parse(piece(text, batch), source, batch[0][2]).subcomponents
        except UserError:
            parsed = []
        if len(parsed) != len(batch):  # find the event icalendar cannot read
            parsed = [
                _parse(piece(text, [span]), source, span[2]).subcomponents[0] for span in batch
            ]
        yield from zip(parsed, (line for _start, _end, line in batch), strict=True)


def _new(found: list[ImportedEvent], reading: _Reading) -> Iterator[ImportedEvent]:
    for item in found:
        if item.uid in reading.seen:
            reading.left.duplicates += 1
            continue
        reading.seen.add(item.uid)
        if len(reading.seen) > reading.max_events:
            raise _too_many(reading.source)
        yield item


def _no_uid(source: str, line: int, name: str) -> UserError:
    return UserError(
        _(
            "{source}, line {line}: the event “{event}” has no UID, so it could not be updated "
            "later."
        ).format(source=source, line=line, event=name)
    )


def _status(event: Any, default: str) -> str:
    return str(event.get("STATUS") or default).strip().upper()


def _count_left_out(event: Any, left: LeftOut) -> None:
    left.alarms += sum(1 for part in event.subcomponents if part.name == "VALARM")
    left.attachments += len(as_list(event.get("ATTACH")))
    if event.get("ATTENDEE") is not None:
        left.attendees += 1


def _categories(event: Any) -> tuple[str, ...]:
    found: list[str] = []
    for prop in as_list(event.get("CATEGORIES")):
        for value in getattr(prop, "cats", None) or [prop]:
            text = text_value(value)
            if text:
                found.append(text)
    return tuple(found)


def _imported(
    event: Any,
    uid: str,
    start: Any,
    end: Any,
    zone: str | None,
    status: str,
    context: ReadContext,
    line: int,
) -> ImportedEvent:
    return ImportedEvent(
        uid=uid,
        summary=text_value(event.get("SUMMARY")) or "",
        start=start,
        end=end,
        timezone=zone or context.default_zone,
        all_day=not isinstance(start, datetime),
        location=text_value(event.get("LOCATION")),
        description=text_value(event.get("DESCRIPTION")),
        sequence=int_value(event.get("SEQUENCE")),
        status=status,
        categories=_categories(event),
        line=line,
    )


def _series(
    event: Any,
    uid: str,
    status: str,
    overrides: dict[str, tuple[Any, int]],
    context: ReadContext,
    line: int,
) -> list[ImportedEvent]:
    start, end, zone = times(event, context)
    if event.get("RRULE") is None and event.get("RDATE") is None:
        return [_imported(event, uid, start, end, zone, status, context, line)]
    length = end - start
    result = []
    for moment in occurrences(event, start, zone, context):
        if isinstance(start, datetime):
            begin: datetime | date = moment.replace(tzinfo=ZoneInfo(zone or "UTC"))
        else:
            begin = moment.date()
        key = stamp(begin)
        override = overrides.pop(key, None)
        if override is not None:
            changed, changed_line = override
            o_start, o_end, o_zone = times(changed, context)
            o_status = _status(changed, status)
            result.append(
                _imported(
                    changed, f"{uid}#{key}", o_start, o_end, o_zone, o_status, context, changed_line
                )
            )
        else:
            result.append(
                _imported(event, f"{uid}#{key}", begin, begin + length, zone, status, context, line)
            )
    return result
