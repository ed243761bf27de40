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
* the helpers :mod:`visitplanner.exchange.calendar_import` uses to read the
  events of a calendar file (a partner's seminar).

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
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from visitplanner.domain.errors import UserError
from visitplanner.i18n import _

MAX_REPLY_BYTES = 10_000_000
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
    # A delegate answering in the delegator's place (ATTENDEE;DELEGATED-FROM=...), lower case.
    delegated_from: str | None = None


class Refused(Exception):
    """An event-level problem, turned into a UserError that names the file and event."""


# --- addresses ----------------------------------------------------------------------------


def email_key(address: str | None) -> str:
    """The form used to match addresses: no ``mailto:``/``MAILTO:``, no spaces, lower case."""
    value = (address or "").strip().strip('"').strip()
    if value[:7].lower() == "mailto:":
        value = value[7:]
    return value.strip().lower()


# --- getting the calendar text out of a file ----------------------------------------------------


def check_size(data: bytes, limit: int, source: str) -> None:
    """Refuses a file too large to be a calendar before any parsing starts."""
    if len(data) > limit:
        raise UserError(
            _("{source} is too large for a calendar ({size} MB; at most {limit} MB).").format(
                source=source, size=math.ceil(len(data) / 1_000_000), limit=limit // 1_000_000
            )
        )


def not_calendar(source: str) -> UserError:
    """The one sentence for a file that holds no calendar, for replies and imports alike."""
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
        raise not_calendar(source)
    return text


def calendar_texts(data: bytes, source: str) -> tuple[list[list[str]], str | None]:
    """The calendar texts in a file, inline parts first then attachments, and the sender.

    An e-mail often carries the same answer twice, inline (what clients act on,
    RFC 6047) and as an ``.ics`` attachment; when they differ, the inline part is
    the one that counts, and the attachments are read only when the inline parts
    give nothing.
    """
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise not_calendar(source)
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
        raise not_calendar(source)
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
        raise not_calendar(source)
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


class ReadContext:
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
            raise Refused(_("a date cannot be read"))
        if tzid:
            name = self.zone(str(tzid))
            if name is None:
                if value.tzinfo is None or value.utcoffset() is None:
                    raise Refused(_("it uses an unknown time zone ({zone})").format(zone=tzid))
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
            raise Refused(_("a date is missing"))
        try:
            value = prop.dt
        except Exception:
            raise Refused(_("a date cannot be read")) from None
        return self.moment(value, prop.params.get("TZID"))


# --- replies ------------------------------------------------------------------------------------


def _unescape(value: str) -> str:
    """TEXT unescaping for X- properties, which icalendar leaves as written."""
    return _ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def text_value(value: Any) -> str | None:
    """A property's text, lists joined by lines; blank is None."""
    if value is None:
        return None
    if isinstance(value, list):
        joined = "\n".join(str(text_value(v) or "") for v in value)
        return text_value(joined.strip("\n"))
    text = str(value)
    if type(value).__name__ == "vUnknown":
        text = _unescape(text)
    cleaned = text.strip().strip("\u200b\u200c\u200d\ufeff").strip()
    return cleaned or None


def int_value(value: Any) -> int:
    """A property's whole number (``SEQUENCE``); missing or unreadable counts as 0."""
    try:
        return int(str(value).strip()) if value is not None else 0
    except (TypeError, ValueError):
        return 0


def _attendee_email(attendee: Any) -> str:
    address = email_key(str(attendee))
    if "@" not in address:
        address = email_key(attendee.params.get("EMAIL") if hasattr(attendee, "params") else "")
    return address


def _proposed(attendee: Any, event: Any, method: str, context: ReadContext) -> datetime | None:
    if method == "COUNTER":
        try:
            start, _zone = context.prop(event.get("DTSTART"))
        except Refused:
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
    except Refused:
        return None
    return proposed if isinstance(proposed, datetime) else None


def _reply(
    event: Any, method: str, sender: str | None, context: ReadContext, source: str
) -> Reply | None:
    uid = text_value(event.get("UID"))
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
    name = text_value(params.get("CN"))
    if name and len(name) > 1 and name[0] == name[-1] == "'":
        name = name[1:-1].strip() or None
    comment = text_value(event.get("COMMENT")) or text_value(
        event.get("X-CALENDARSERVER-PRIVATE-COMMENT")
    )
    comment = comment or text_value(event.get("X-CALENDARSERVER-ATTENDEE-COMMENT"))
    delegated = _first_param(params.get("DELEGATED-TO"))
    delegator = _first_param(params.get("DELEGATED-FROM"))
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
        sequence=int_value(event.get("SEQUENCE")),
        attendee_email=address,
        partstat=str(params.get("PARTSTAT") or "NEEDS-ACTION").strip().upper(),
        name=name,
        comment=comment,
        dtstamp=dtstamp,
        delegated_to=email_key(str(delegated)) if delegated else None,
        method=method,
        proposed_start=_proposed(attendee, event, method, context),
        delegated_from=email_key(str(delegator)) if delegator else None,
    )


def _first_param(value: Any) -> str | None:
    """A parameter that may hold a list of addresses (DELEGATED-TO="a","b"): the first one."""
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    text = str(value).strip().strip('"') if value is not None else ""
    return text or None


def read_replies(data: bytes, source: str) -> list[Reply]:
    """The answers in an ``.ics`` or ``.eml`` file: METHOD REPLY, and COUNTER proposals.

    A missing SEQUENCE counts as 0. Matching an answer to a participant (by
    :func:`email_key`) and ignoring one older than the event's SEQUENCE
    (RFC 5546 §2.1.5) is the caller's job: only the catalogue knows the event.
    """
    try:
        check_size(data, MAX_REPLY_BYTES, source)
        groups, sender = calendar_texts(data, source)

        def read(text: str) -> list[Reply]:
            found: list[Reply] = []
            for calendar in _parse(text, source):
                method = str(calendar.get("METHOD", "")).strip().upper()
                if method not in ("REPLY", "COUNTER"):
                    continue
                context = ReadContext(calendar, "UTC")
                for event in calendar.walk("VEVENT"):
                    try:
                        reply = _reply(event, method, sender, context, source)
                    except Refused:
                        reply = None
                    if reply is not None:
                        found.append(reply)
            return found

        replies = _first_found(groups, read)
    except UserError:
        raise
    except Exception:
        raise not_calendar(source) from None
    if not replies:
        raise UserError(_("{source} contains no answer to an invitation.").format(source=source))
    return replies
