"""Reading what calendar clients send back, and calendars made elsewhere.

Two readers, both refusing anything doubtful with one :class:`UserError`
sentence that names the file (and the event when it can), never another
exception, and returning nothing from a file they refuse:

* :func:`read_replies`: the answers (iTIP REPLY, and COUNTER proposals) that
  Outlook, Exchange, Gmail, Apple, Thunderbird and Android clients send, as a
  ``.ics`` or as the whole e-mail (``.eml``). Every quirk of the captured
  messages in ``tests/fixtures/imip`` is handled: uppercase ``MAILTO:``, no
  ORGANIZER, Windows and display-name time zones, TAB folding, LF-only lines,
  quoted-printable and base64 parts without charset, the inline part and the
  ``.ics`` attachment carrying the same answer, comments in
  X-CALENDARSERVER-PRIVATE-COMMENT, iOS proposals in an ATTENDEE parameter.
* :func:`read_calendar`: the events of a calendar file (a partner's seminar).
  A repeating event is expanded when its series ends within a year of its first
  occurrence and has at most 100 occurrences (each gets the UID followed by
  ``#`` and its original start, so importing again finds the same ones);
  longer, endless or more-than-daily series are refused, naming the event,
  because importing part of a series silently would be worse than asking the
  sender for a bounded one.

icalendar (7.x) does the parsing; it is imported only here and only when a file
is read, so that listing a catalogue does not pay for it.
"""

from __future__ import annotations

import email
import email.policy
import email.utils
import math
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from visitplanner.domain.errors import UserError
from visitplanner.i18n import _

MAX_REPLY_BYTES = 10_000_000
MAX_OCCURRENCES = 100
MAX_SERIES_SPAN = timedelta(days=366)
CALENDAR_TYPES = ("text/calendar", "application/ics", "text/x-vcalendar", "application/x-ics")

# Windows time-zone names (Outlook, Exchange) for the zones this network meets;
# icalendar's complete table is consulted after this one.
WINDOWS_ZONES = {
    "Romance Standard Time": "Europe/Paris",
    "W. Europe Standard Time": "Europe/Berlin",
    "Central Europe Standard Time": "Europe/Budapest",
    "Central European Standard Time": "Europe/Warsaw",
    "GMT Standard Time": "Europe/London",
    "Greenwich Standard Time": "Atlantic/Reykjavik",
    "GTB Standard Time": "Europe/Bucharest",
    "FLE Standard Time": "Europe/Kyiv",
    "E. Europe Standard Time": "Europe/Chisinau",
    "UTC": "UTC",
    "Coordinated Universal Time": "UTC",
    "SA Western Standard Time": "America/Martinique",
    "SA Eastern Standard Time": "America/Cayenne",
    "Mauritius Standard Time": "Indian/Reunion",
    "E. Africa Standard Time": "Indian/Mayotte",
    "Central Pacific Standard Time": "Pacific/Noumea",
    "Hawaiian Standard Time": "Pacific/Tahiti",
}
# First city of Windows display names, "(UTC+01:00) Brussels, Copenhagen, Madrid, Paris".
DISPLAY_CITIES = {
    "amsterdam": "Europe/Berlin",
    "brussels": "Europe/Paris",
    "belgrade": "Europe/Budapest",
    "sarajevo": "Europe/Warsaw",
    "dublin": "Europe/London",
    "athens": "Europe/Bucharest",
    "helsinki": "Europe/Kyiv",
    "monrovia": "Atlantic/Reykjavik",
    "coordinated universal time": "UTC",
}
_UTC_ALIASES = {"utc", "z", "gmt", "etc/utc", "etc/gmt", "universal", "zulu"}
_DISPLAY_PREFIX = re.compile(r"^\((?:UTC|GMT)[^)]*\)\s*", re.I)
_BINARY = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_PROPOSED = re.compile(r"DTSTART(?:;TZID=([^:]+))?:(\d{8}T\d{6}Z?)", re.I)
_ESCAPE = re.compile(r"\\([\\;,nN])")
_UTC_ZONE = ZoneInfo("UTC")
T = TypeVar("T")
_SUB_DAILY = {"SECONDLY", "MINUTELY", "HOURLY"}


@dataclass(frozen=True)
class Reply:
    """One attendee's answer. ``method`` is REPLY or COUNTER; e-mail in lower case."""

    uid: str
    sequence: int
    attendee_email: str
    partstat: str
    name: str | None
    comment: str | None
    dtstamp: datetime | None
    delegated_to: str | None
    method: str
    proposed_start: datetime | None  # COUNTER's DTSTART, or iOS's TO-ALL-PROPOSED-NEW-TIME


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


class _Refused(Exception):
    """An event-level problem, turned into a UserError that names the file and event."""


# --- addresses ----------------------------------------------------------------------------


def email_key(address: str | None) -> str:
    """The form used to match addresses: no ``mailto:``/``MAILTO:``, no spaces, lower case."""
    value = (address or "").strip().strip('"').strip()
    if value[:7].lower() == "mailto:":
        value = value[7:]
    return value.strip().lower()


# --- getting the calendar text out of a file ----------------------------------------------------


def _check_size(data: bytes, limit: int, source: str) -> None:
    if len(data) > limit:
        raise UserError(
            _("{source} is too large for a calendar ({size} MB; at most {limit} MB).").format(
                source=source, size=math.ceil(len(data) / 1_000_000), limit=limit // 1_000_000
            )
        )


def _too_many(source: str) -> UserError:
    return UserError(
        _("{source} holds more events than can be imported at once.").format(source=source)
    )


def _not_calendar(source: str) -> UserError:
    return UserError(
        _("{source} is neither a calendar file (.ics) nor an e-mail carrying one.").format(
            source=source
        )
    )


def _decode(payload: bytes, charset: str | None, source: str) -> str:
    """Text of a calendar: UTF-8 as RFC 5545 asks, else the declared charset, else Latin-1."""
    if payload.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = payload.decode("utf-16", errors="replace")
    else:
        text = ""
        for encoding in ("utf-8-sig", charset, "cp1252", "latin-1"):
            if not encoding:
                continue
            try:
                text = payload.decode(encoding)
                break
            except (UnicodeDecodeError, LookupError):
                continue
    if _BINARY.search(text):
        raise _not_calendar(source)
    return text


def _calendar_texts(data: bytes, source: str) -> tuple[list[list[str]], str | None]:
    """The calendar texts in a file, inline parts first then attachments, and the sender.

    An e-mail often carries the same answer twice, inline (what clients act on,
    RFC 6047) and as an ``.ics`` attachment; when they differ, the inline part is
    the one that counts, and the attachments are read only when the inline parts
    give nothing.
    """
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _not_calendar(source)
    head = data.lstrip()[:40].lstrip(b"\xef\xbb\xbf").upper()
    if head.startswith(b"BEGIN:VCALENDAR") or data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return [[_decode(data, None, source)]], None
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    inline: list[str] = []
    attached: list[str] = []
    for part in message.walk():
        if part.is_multipart():
            continue
        kind = part.get_content_type()
        filename = (part.get_filename() or "").lower()
        if kind not in CALENDAR_TYPES and not filename.endswith((".ics", ".ical", ".vcs")):
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes) or not payload.strip():
            continue
        text = _decode(payload, part.get_content_charset(), source)
        disposition = (part.get("Content-Disposition") or "").lower()
        is_inline = kind == "text/calendar" and not disposition.startswith("attachment")
        (inline if is_inline else attached).append(text)
    groups = [list(dict.fromkeys(texts)) for texts in (inline, attached) if texts]
    if not groups:
        raise _not_calendar(source)
    sender = email.utils.parseaddr(str(message.get("From", "")))[1]
    return groups, email_key(sender) or None


def _first_found(groups: list[list[str]], read: Callable[[str], list[T]]) -> list[T]:
    """What ``read`` finds in the first group of texts that gives anything, deduplicated."""
    failure: UserError | None = None
    for texts in groups:
        found: list[T] = []
        try:
            for text in texts:
                found += [item for item in read(text) if item not in found]
        except UserError as error:
            failure = failure or error
            continue
        if found:
            return found
    if failure is not None:
        raise failure
    return []


def _parse(text: str, source: str) -> list[Any]:
    import icalendar

    if "BEGIN:VCALENDAR" not in text[:4096].upper():
        raise _not_calendar(source)
    try:
        with warnings.catch_warnings():
            # icalendar warns when it guesses "/vendor/Europe/Paris" TZIDs; resolved below.
            warnings.simplefilter("ignore")
            return list(icalendar.Calendar.from_ical(text, multiple=True))
    except Exception:  # icalendar raises ValueError, KeyError, IndexError...
        raise UserError(_("{source} is not a valid calendar file.").format(source=source)) from None


# --- time zones ---------------------------------------------------------------------------------


def _iana(name: str) -> str | None:
    name = name.strip()
    if name.lower() in _UTC_ALIASES:
        return "UTC"
    if not name or ".." in name or name.startswith("/"):
        return None
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None
    return name


@lru_cache(maxsize=256)
def _zone_for_tzid(tzid: str, hints: tuple[str, ...] = ()) -> str | None:
    """The IANA zone a TZID means: IANA itself, a Windows name, a display name, a vendor path."""
    cleaned = tzid.strip().strip('"').replace("\\,", ",").strip()
    found = _iana(cleaned)
    if found:
        return found
    windows = WINDOWS_ZONES.get(cleaned)
    if windows is None:
        try:
            from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

            windows = WINDOWS_TO_OLSON.get(cleaned)
        except ImportError:  # pragma: no cover - an icalendar without the table
            windows = None
    if windows and _iana(windows):
        return _iana(windows)
    display = _DISPLAY_PREFIX.sub("", cleaned)
    first = display.split(",")[0].strip().lower()
    if first in DISPLAY_CITIES:
        return DISPLAY_CITIES[first]
    for hint in hints:  # X-LIC-LOCATION, X-ENTOURAGE-CFTIMEZONE of the file's VTIMEZONE
        if _iana(hint):
            return _iana(hint)
    parts = cleaned.strip("/").split("/")  # "/mozilla.org/20050126_1/Europe/Paris"
    for start in range(1, len(parts)):
        found = _iana("/".join(parts[start:]))
        if found and "/" in "/".join(parts[start:]):
            return found
    return None


class _Context:
    """What resolving times needs: the file's VTIMEZONE hints and the zone for floating times."""

    def __init__(self, calendar: Any, default_zone: str) -> None:
        self.default_zone = default_zone
        self.hints: dict[str, tuple[str, ...]] = {}
        for component in calendar.walk("VTIMEZONE"):
            tzid = str(component.get("TZID", "")).replace("\\,", ",").strip()
            hints = [
                str(component[key])
                for key in ("X-LIC-LOCATION", "X-ENTOURAGE-CFTIMEZONE", "X-MICROSOFT-CDO-TZID")
                if key in component
            ]
            self.hints[tzid] = tuple(hints)

    def zone(self, tzid: str) -> str | None:
        cleaned = tzid.strip().strip('"').replace("\\,", ",").strip()
        return _zone_for_tzid(tzid, self.hints.get(cleaned, ()))

    def moment(self, value: Any, tzid: str | None) -> tuple[datetime | date, str | None]:
        """An aware datetime (in its IANA zone) or a date, and the zone name (None: a date)."""
        if isinstance(value, tuple):  # RDATE/EXDATE PERIOD: its start
            value = value[0]
        if not isinstance(value, datetime):
            if isinstance(value, date):
                return value, None
            raise _Refused(_("a date cannot be read"))
        if tzid:
            name = self.zone(str(tzid))
            if name is None:
                if value.tzinfo is None or value.utcoffset() is None:
                    raise _Refused(_("it uses an unknown time zone ({zone})").format(zone=tzid))
                return value.astimezone(_UTC_ZONE), "UTC"
            zone = ZoneInfo(name)
            mine = value.replace(tzinfo=zone)
            theirs = value.utcoffset() if value.tzinfo is not None else None
            # A zone the file defined itself: its own rules say which instant it meant.
            custom = theirs is not None and not isinstance(value.tzinfo, ZoneInfo)
            if custom and theirs != mine.utcoffset():
                mine = value.astimezone(zone)
            return mine, name
        if value.tzinfo is None:  # floating time: the wall time where the user plans
            return value.replace(tzinfo=ZoneInfo(self.default_zone)), self.default_zone
        return value.astimezone(_UTC_ZONE), "UTC"

    def prop(self, prop: Any) -> tuple[datetime | date, str | None]:
        if prop is None or not hasattr(prop, "params"):
            raise _Refused(_("a date is missing"))
        try:
            value = prop.dt
        except Exception:
            raise _Refused(_("a date cannot be read")) from None
        return self.moment(value, prop.params.get("TZID"))


# --- replies ------------------------------------------------------------------------------------


def _unescape(value: str) -> str:
    """TEXT unescaping for X- properties, which icalendar leaves as written."""
    return _ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        joined = "\n".join(str(_text(v) or "") for v in value)
        return _text(joined.strip("\n"))
    text = str(value)
    if type(value).__name__ == "vUnknown":
        text = _unescape(text)
    cleaned = text.strip().strip("\u200b\u200c\u200d\ufeff").strip()
    return cleaned or None


def _int(value: Any) -> int:
    try:
        return int(str(value).strip()) if value is not None else 0
    except (TypeError, ValueError):
        return 0


def _attendee_email(attendee: Any) -> str:
    address = email_key(str(attendee))
    if "@" not in address:
        address = email_key(attendee.params.get("EMAIL") if hasattr(attendee, "params") else "")
    return address


def _proposed(attendee: Any, event: Any, method: str, context: _Context) -> datetime | None:
    if method == "COUNTER":
        try:
            start, _zone = context.prop(event.get("DTSTART"))
        except _Refused:
            return None
        return start if isinstance(start, datetime) else None
    raw = attendee.params.get("TO-ALL-PROPOSED-NEW-TIME") if hasattr(attendee, "params") else None
    found = _PROPOSED.search(str(raw or ""))
    if not found:
        return None
    tzid, stamp = found.groups()
    moment = datetime.strptime(stamp[:15], "%Y%m%dT%H%M%S")
    if stamp.upper().endswith("Z"):
        return moment.replace(tzinfo=UTC)
    # Without Z: in the zone named there, else in the event's own zone.
    dtstart = event.get("DTSTART")
    tzid = tzid or (dtstart.params.get("TZID") if hasattr(dtstart, "params") else None)
    try:
        proposed = context.moment(moment, tzid)[0] if tzid else moment.replace(tzinfo=UTC)
    except _Refused:
        return None
    return proposed if isinstance(proposed, datetime) else None


def _reply(
    event: Any, method: str, sender: str | None, context: _Context, source: str
) -> Reply | None:
    uid = _text(event.get("UID"))
    attendees = event.get("ATTENDEE")
    if not uid or attendees is None:
        return None
    if not isinstance(attendees, list):
        attendees = [attendees]
    if len(attendees) > 1:
        attendees = [a for a in attendees if sender and _attendee_email(a) == sender]
        if len(attendees) != 1:
            raise UserError(
                _(
                    "{source} is an answer naming several attendees; whose it is cannot be told."
                ).format(source=source)
            )
    attendee = attendees[0]
    address = _attendee_email(attendee)
    if "@" not in address:
        return None
    params = attendee.params
    name = _text(params.get("CN"))
    if name and len(name) > 1 and name[0] == name[-1] == "'":
        name = name[1:-1].strip() or None
    comment = _text(event.get("COMMENT")) or _text(event.get("X-CALENDARSERVER-PRIVATE-COMMENT"))
    comment = comment or _text(event.get("X-CALENDARSERVER-ATTENDEE-COMMENT"))
    delegated = params.get("DELEGATED-TO")
    if isinstance(delegated, list):
        delegated = delegated[0] if delegated else None
    stamp = event.get("DTSTAMP")
    try:
        dtstamp = stamp.dt if stamp is not None else None
    except Exception:
        dtstamp = None
    if isinstance(dtstamp, datetime):
        dtstamp = dtstamp.replace(tzinfo=UTC) if dtstamp.tzinfo is None else dtstamp.astimezone(UTC)
    else:
        dtstamp = None
    return Reply(
        uid=uid,
        sequence=_int(event.get("SEQUENCE")),
        attendee_email=address,
        partstat=str(params.get("PARTSTAT") or "NEEDS-ACTION").strip().upper(),
        name=name,
        comment=comment,
        dtstamp=dtstamp,
        delegated_to=email_key(str(delegated)) if delegated else None,
        method=method,
        proposed_start=_proposed(attendee, event, method, context),
    )


def read_replies(data: bytes, source: str) -> list[Reply]:
    """The answers in an ``.ics`` or ``.eml`` file: METHOD REPLY, and COUNTER proposals.

    A missing SEQUENCE counts as 0. Matching an answer to a participant (by
    :func:`email_key`) and ignoring one older than the event's SEQUENCE
    (RFC 5546 §2.1.5) is the caller's job: only the catalogue knows the event.
    """
    try:
        _check_size(data, MAX_REPLY_BYTES, source)
        groups, sender = _calendar_texts(data, source)

        def read(text: str) -> list[Reply]:
            found: list[Reply] = []
            for calendar in _parse(text, source):
                method = str(calendar.get("METHOD", "")).strip().upper()
                if method not in ("REPLY", "COUNTER"):
                    continue
                context = _Context(calendar, "UTC")
                for event in calendar.walk("VEVENT"):
                    try:
                        reply = _reply(event, method, sender, context, source)
                    except _Refused:
                        reply = None
                    if reply is not None:
                        found.append(reply)
            return found

        replies = _first_found(groups, read)
    except UserError:
        raise
    except Exception:
        raise _not_calendar(source) from None
    if not replies:
        raise UserError(_("{source} contains no answer to an invitation.").format(source=source))
    return replies


# --- calendars ------------------------------------------------------------------------------------


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
