"""Reading calendars made elsewhere (a partner's seminar) as events to import.

A repeating event is expanded when its series ends within a year of its first
occurrence and has at most 100 occurrences (each gets the UID followed by
``#`` and its original start, so importing again finds the same ones); longer,
endless or more-than-daily series are refused, naming the event, because
importing part of a series silently would be worse than asking the sender for a
bounded one.

The shared reading helpers (file and e-mail unpacking, time zones, TEXT values)
live in :mod:`visitplanner.exchange.ical_read`, beside the reading of replies.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from visitplanner.domain.errors import UserError
from visitplanner.exchange.ical_read import (
    _calendar_texts,
    _check_size,
    _Context,
    _first_found,
    _int,
    _parse,
    _Refused,
    _text,
)
from visitplanner.i18n import _

MAX_OCCURRENCES = 100
MAX_SERIES_SPAN = timedelta(days=366)
_SUB_DAILY = {"SECONDLY", "MINUTELY", "HOURLY"}


@dataclass(frozen=True)
class ImportedEvent:
    """One event (or one occurrence of a series) read from a calendar file.

    ``start``/``end`` are aware datetimes in ``timezone`` (an IANA name, "UTC"
    when the file's zone is unknown to us but defined in the file), or dates
    for all-day events with ``end`` the day after the last day.
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


def _too_many(source: str) -> UserError:
    return UserError(
        _("{source} holds more events than can be imported at once.").format(source=source)
    )


def _event_name(event: Any, index: int) -> str:
    return _text(event.get("SUMMARY")) or _text(event.get("UID")) or f"#{index}"


def _times(event: Any, context: _Context) -> tuple[datetime | date, datetime | date, str | None]:
    start, zone = context.prop(event.get("DTSTART"))
    if event.get("DTEND") is not None:
        end, _zone = context.prop(event.get("DTEND"))
    elif event.get("DURATION") is not None:
        try:
            end = start + event["DURATION"].dt
        except Exception:
            raise _Refused(_("its duration cannot be read")) from None
    else:
        end = start + timedelta(days=1) if not isinstance(start, datetime) else start
    if isinstance(start, datetime) != isinstance(end, datetime):
        raise _Refused(_("it mixes a date and a date with a time"))
    if isinstance(end, datetime) and isinstance(start, datetime) and zone:
        end = end.astimezone(ZoneInfo(zone))
    if end < start:  # type: ignore[operator]
        raise _Refused(_("it ends before it starts"))
    if not isinstance(start, datetime) and end == start:
        end = start + timedelta(days=1)  # Outlook writes one-day events that way
    return start, end, zone


def _wall(moment: datetime | date, zone: str | None) -> datetime:
    """Naive wall time in the series' zone, where recurrence rules apply (RFC 5545 §3.3.10)."""
    if isinstance(moment, datetime):
        if moment.tzinfo is not None and zone:
            moment = moment.astimezone(ZoneInfo(zone))
        return moment.replace(tzinfo=None)
    return datetime.combine(moment, time())


def _occurrences(
    event: Any, start: datetime | date, zone: str | None, context: _Context
) -> list[datetime]:
    """Wall-clock starts of a series, refused unless it is short (see the module doc)."""
    from dateutil.rrule import rrulestr

    first = _wall(start, zone)
    rules = event.get("RRULE")
    if isinstance(rules, list):
        raise _Refused(_("it repeats by several rules at once"))
    if event.get("EXRULE") is not None:
        raise _Refused(_("it uses exception rules (EXRULE), which are not supported"))
    if rules is not None and not isinstance(rules, dict):  # icalendar's vBroken
        raise _Refused(_("its repetition rule cannot be read"))
    found: list[datetime] = [first]
    if rules is not None:
        freq = str((rules.get("FREQ") or [""])[0]).upper()
        if freq in _SUB_DAILY:
            raise _Refused(_("it repeats more often than daily"))
        counts, untils = rules.get("COUNT") or [], rules.get("UNTIL") or []
        if not counts and not untils:
            raise _Refused(_("it repeats without end"))
        count = _int(counts[0]) if counts else None
        if count is not None and count > MAX_OCCURRENCES:
            raise _Refused(_("it repeats more than {n} times").format(n=MAX_OCCURRENCES))
        horizon = first + MAX_SERIES_SPAN
        until = horizon
        if untils:
            last = context.moment(untils[0], None)[0]
            # A date UNTIL on a timed series (not allowed, but seen) includes that whole day.
            last_day = not isinstance(last, datetime) and isinstance(start, datetime)
            until = _wall(last, zone) + (timedelta(days=1, seconds=-1) if last_day else timedelta())
        if until > horizon:
            raise _Refused(_("its series lasts more than a year"))
        text = ";".join(
            part
            for part in rules.to_ical().decode().split(";")
            if not part.upper().startswith(("UNTIL=", "COUNT="))
        )
        try:
            rule = rrulestr(f"RRULE:{text}", dtstart=first).replace(until=until)
        except Exception:
            raise _Refused(_("its repetition rule cannot be read")) from None
        found = []
        for moment in rule:
            found.append(moment)
            if len(found) > MAX_OCCURRENCES or (count is not None and len(found) >= count):
                break
        if count is not None and len(found) < count:
            raise _Refused(_("its series lasts more than a year"))
    for values in _as_list(event.get("RDATE")):
        for item in getattr(values, "dts", []):
            found.append(_wall(context.moment(item.dt, values.params.get("TZID"))[0], zone))
    excluded = set()
    for values in _as_list(event.get("EXDATE")):
        for item in getattr(values, "dts", []):
            excluded.add(_wall(context.moment(item.dt, values.params.get("TZID"))[0], zone))
    result = sorted({moment for moment in found if moment not in excluded})
    if len(result) > MAX_OCCURRENCES:
        raise _Refused(_("it repeats more than {n} times").format(n=MAX_OCCURRENCES))
    return result


def _as_list(value: Any) -> list[Any]:
    return [] if value is None else value if isinstance(value, list) else [value]


def _stamp(moment: datetime | date) -> str:
    if isinstance(moment, datetime):
        return f"{moment.astimezone(UTC):%Y%m%dT%H%M%SZ}"
    return f"{moment:%Y%m%d}"


def _imported(
    event: Any, uid: str, start: Any, end: Any, zone: str | None, status: str, default: str
) -> ImportedEvent:
    return ImportedEvent(
        uid=uid,
        summary=_text(event.get("SUMMARY")) or "",
        start=start,
        end=end,
        timezone=zone or default,
        all_day=not isinstance(start, datetime),
        location=_text(event.get("LOCATION")),
        description=_text(event.get("DESCRIPTION")),
        sequence=_int(event.get("SEQUENCE")),
        status=status,
    )


def _series(
    event: Any, uid: str, status: str, overrides: dict[str, Any], context: _Context
) -> list[ImportedEvent]:
    start, end, zone = _times(event, context)
    if event.get("RRULE") is None and event.get("RDATE") is None:
        return [_imported(event, uid, start, end, zone, status, context.default_zone)]
    length = end - start  # type: ignore[operator]
    result = []
    for wall in _occurrences(event, start, zone, context):
        if isinstance(start, datetime):
            begin: datetime | date = wall.replace(tzinfo=ZoneInfo(zone or "UTC"))
        else:
            begin = wall.date()
        key = _stamp(begin)
        override = overrides.pop(key, None)
        if override is not None:
            o_start, o_end, o_zone = _times(override, context)
            o_status = str(override.get("STATUS") or status).strip().upper()
            result.append(
                _imported(
                    override, f"{uid}#{key}", o_start, o_end, o_zone, o_status, context.default_zone
                )
            )
        else:
            result.append(
                _imported(
                    event, f"{uid}#{key}", begin, begin + length, zone, status, context.default_zone
                )
            )
    return result


def read_calendar(
    data: bytes,
    source: str,
    *,
    max_bytes: int = 10_000_000,
    max_events: int = 5000,
    default_timezone: str = "Europe/Paris",
) -> list[ImportedEvent]:
    """The events of a calendar file (any METHOD or none), series expanded (see the module doc).

    Floating times (no zone) are read in ``default_timezone``. A file that is
    too large, binary, not a calendar, or has an event without UID, with an
    unreadable or missing start, ending before it starts, or with a series too
    long to import, is refused as a whole: nothing is half-imported.
    """
    try:
        _check_size(data, max_bytes, source)
        groups, _sender = _calendar_texts(data, source)

        def read(text: str) -> list[ImportedEvent]:
            found: list[ImportedEvent] = []
            seen: set[str] = set()
            for calendar in _parse(text, source):
                room = max_events - len(found)
                found += _calendar_events(calendar, source, room, default_timezone, seen)
            return found

        unique: dict[str, ImportedEvent] = {}
        for event in _first_found(groups, read):  # several parts of one e-mail: first one wins
            unique.setdefault(event.uid, event)
        events = list(unique.values())
        if len(events) > max_events:
            raise _too_many(source)
    except UserError:
        raise
    except Exception:
        raise UserError(
            _("{source} could not be read as a calendar.").format(source=source)
        ) from None
    if not events:
        raise UserError(_("{source} contains no event.").format(source=source))
    return events


def _calendar_events(
    calendar: Any, source: str, room: int, default: str, seen: set[str]
) -> list[ImportedEvent]:
    context = _Context(calendar, default)
    method = str(calendar.get("METHOD", "")).strip().upper()
    vevents = calendar.walk("VEVENT")
    if len(vevents) > room:
        raise _too_many(source)
    masters: list[tuple[int, Any, str]] = []
    overrides: dict[str, dict[str, Any]] = {}
    for index, event in enumerate(vevents, start=1):
        uid = _text(event.get("UID"))
        name = _event_name(event, index)
        if not uid:
            raise UserError(
                _(
                    "{source}: the event “{event}” has no UID, so it could not be updated later."
                ).format(source=source, event=name)
            )
        if event.get("RECURRENCE-ID") is not None:
            try:
                moment, _zone = context.prop(event["RECURRENCE-ID"])
            except _Refused as reason:
                raise _refusal(source, name, reason) from None
            overrides.setdefault(uid, {})[_stamp(moment)] = event
        else:
            masters.append((index, event, uid))
    result: list[ImportedEvent] = []
    for index, event, uid in masters:
        name = _event_name(event, index)
        status = (
            "CANCELLED"
            if method == "CANCEL"
            else str(event.get("STATUS") or "CONFIRMED").strip().upper()
        )
        try:
            found = _series(event, uid, status, overrides.get(uid, {}), context)
        except _Refused as reason:
            raise _refusal(source, name, reason) from None
        for item in found:
            if item.uid not in seen:
                seen.add(item.uid)
                result.append(item)
        if len(result) > room:
            raise _too_many(source)
    for uid, rest in overrides.items():  # a changed occurrence whose series is not in the file
        for key, event in rest.items():
            try:
                start, end, zone = _times(event, context)
            except _Refused as reason:
                raise _refusal(source, _event_name(event, 0), reason) from None
            status = str(event.get("STATUS") or "CONFIRMED").strip().upper()
            item = _imported(event, f"{uid}#{key}", start, end, zone, status, default)
            if item.uid not in seen:
                seen.add(item.uid)
                result.append(item)
    return result


def _refusal(source: str, name: str, reason: _Refused) -> UserError:
    return UserError(
        _("{source}: the event “{event}” cannot be imported: {reason}.").format(
            source=source, event=name, reason=str(reason)
        )
    )
