"""The times of an event read from a calendar file, and the occurrences of a short series.

Recurrence rules apply in the wall time of the series' zone (RFC 5545
§3.3.10), so 09:30 stays 09:30 across a change of clocks. A series is expanded
only when it ends within a year of its first occurrence and has at most 100
occurrences; anything longer, endless or more often than daily is refused
(``Refused``), because importing part of a series silently would be worse than
asking the sender for a bounded one.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from visitplanner.exchange.ical_read import ReadContext, Refused, int_value
from visitplanner.i18n import _

MAX_OCCURRENCES = 100
MAX_SERIES_SPAN = timedelta(days=366)
_SUB_DAILY = {"SECONDLY", "MINUTELY", "HOURLY"}
_ALL_DAY_FLAGS = ("X-MICROSOFT-CDO-ALLDAYEVENT", "X-MICROSOFT-MSNCALENDAR-ALLDAYEVENT")


def times(event: Any, context: ReadContext) -> tuple[datetime | date, datetime | date, str | None]:
    start, zone = context.prop(event.get("DTSTART"))
    if event.get("DTEND") is not None:
        end, _zone = context.prop(event.get("DTEND"))
    elif event.get("DURATION") is not None:
        try:
            end = start + event["DURATION"].dt
        except Exception:
            raise Refused(_("its duration cannot be read")) from None
    else:
        end = start + timedelta(days=1) if not isinstance(start, datetime) else start
    if isinstance(start, datetime) != isinstance(end, datetime):
        raise Refused(_("it mixes a date and a date with a time"))
    if isinstance(end, datetime) and isinstance(start, datetime) and zone:
        end = end.astimezone(ZoneInfo(zone))
    if end < start:  # type: ignore[operator]
        raise Refused(_("it ends before it starts"))
    if not isinstance(start, datetime) and end == start:
        end = start + timedelta(days=1)  # Outlook writes one-day events that way
    if isinstance(start, datetime) and isinstance(end, datetime) and _flagged_all_day(event):
        # Outlook and Exchange may write an all-day event as midnight to midnight,
        # flagged all-day: it is one, not an event that starts at 00:00.
        first, last = wall(start, zone), wall(end, zone)
        if first.time() == last.time() == time() and last > first:
            return first.date(), last.date(), zone
    return start, end, zone


def _flagged_all_day(event: Any) -> bool:
    return any(str(event.get(flag, "")).strip().upper() == "TRUE" for flag in _ALL_DAY_FLAGS)


def wall(moment: datetime | date, zone: str | None) -> datetime:
    """Naive wall time in the series' zone, where recurrence rules apply (RFC 5545 §3.3.10)."""
    if isinstance(moment, datetime):
        if moment.tzinfo is not None and zone:
            moment = moment.astimezone(ZoneInfo(zone))
        return moment.replace(tzinfo=None)
    return datetime.combine(moment, time())


def occurrences(
    event: Any, start: datetime | date, zone: str | None, context: ReadContext
) -> list[datetime]:
    """Wall-clock starts of a series, refused unless it is short (see the module doc)."""
    from dateutil.rrule import rrulestr

    first = wall(start, zone)
    rules = event.get("RRULE")
    if isinstance(rules, list):
        raise Refused(_("it repeats by several rules at once"))
    if event.get("EXRULE") is not None:
        raise Refused(_("it uses exception rules (EXRULE), which are not supported"))
    if rules is not None and not isinstance(rules, dict):  # icalendar's vBroken
        raise Refused(_("its repetition rule cannot be read"))
    found: list[datetime] = [first]
    if rules is not None:
        freq = str((rules.get("FREQ") or [""])[0]).upper()
        if freq in _SUB_DAILY:
            raise Refused(_("it repeats more often than daily"))
        counts, untils = rules.get("COUNT") or [], rules.get("UNTIL") or []
        if not counts and not untils:
            raise Refused(_("it repeats without end"))
        count = int_value(counts[0]) if counts else None
        if count is not None and count > MAX_OCCURRENCES:
            raise Refused(_("it repeats more than {n} times").format(n=MAX_OCCURRENCES))
        horizon = first + MAX_SERIES_SPAN
        until = horizon
        if untils:
            last = context.moment(untils[0], None)[0]
            # A date UNTIL on a timed series (not allowed, but seen) includes that whole day.
            last_day = not isinstance(last, datetime) and isinstance(start, datetime)
            until = wall(last, zone) + (timedelta(days=1, seconds=-1) if last_day else timedelta())
        if until > horizon:
            raise Refused(_("its series lasts more than a year"))
        text = ";".join(
            part
            for part in rules.to_ical().decode().split(";")
            if not part.upper().startswith(("UNTIL=", "COUNT="))
        )
        try:
            rule = rrulestr(f"RRULE:{text}", dtstart=first).replace(until=until)
        except Exception:
            raise Refused(_("its repetition rule cannot be read")) from None
        found = []
        for moment in rule:
            found.append(moment)
            if len(found) > MAX_OCCURRENCES or (count is not None and len(found) >= count):
                break
        if count is not None and len(found) < count:
            raise Refused(_("its series lasts more than a year"))
    for values in as_list(event.get("RDATE")):
        for item in getattr(values, "dts", []):
            found.append(wall(context.moment(item.dt, values.params.get("TZID"))[0], zone))
    excluded = set()
    for values in as_list(event.get("EXDATE")):
        for item in getattr(values, "dts", []):
            excluded.add(wall(context.moment(item.dt, values.params.get("TZID"))[0], zone))
    result = sorted({moment for moment in found if moment not in excluded})
    if len(result) > MAX_OCCURRENCES:
        raise Refused(_("it repeats more than {n} times").format(n=MAX_OCCURRENCES))
    return result


def as_list(value: Any) -> list[Any]:
    return [] if value is None else value if isinstance(value, list) else [value]


def stamp(moment: datetime | date) -> str:
    if isinstance(moment, datetime):
        return f"{moment.astimezone(UTC):%Y%m%dT%H%M%SZ}"
    return f"{moment:%Y%m%d}"
