"""Dates and words of the calendar: which days an event covers and how it is written.

Shared by the month, week and agenda views so that an event reads the same in all three.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

from PySide6.QtCore import Qt

from visitplanner.domain.enums import EventKind, EventStatus
from visitplanner.i18n import _, current_language
from visitplanner.services.events.planning import EventView
from visitplanner.services.events.views import last_day

MODES = ("month", "week", "agenda")
AGENDA_DAYS = 60
MONTH_CHIPS = 3  # events written in a month cell; the others are counted in "+N"
# Events are fetched by their start: one that began before the period and still runs
# is found by looking this far back (seminars last two days, study trips a week). Not
# further: every event of the extra days is read for nothing.
LOOKBACK = timedelta(days=14)
EVENT_ID = Qt.ItemDataRole.UserRole
KIND = Qt.ItemDataRole.UserRole + 1

Fetch = Callable[[datetime, datetime], list[EventView]]


# --- dates and words ----------------------------------------------------------------------


def format_date(day: date, pattern: str) -> str:
    from babel.dates import format_date

    return format_date(day, pattern, locale=current_language())


def long_day(day: date) -> str:
    """« jeudi 11 février 2027 », "Thursday 11 February 2027"."""
    return format_date(day, "EEEE d MMMM y")


def weekday_names() -> list[str]:
    """Abbreviated weekday names, Monday first: « lun. » … / "Mon" …."""
    from babel.dates import get_day_names

    names = get_day_names("abbreviated", context="stand-alone", locale=current_language())
    return [names[i] for i in range(7)]


def hour_minute(moment: datetime) -> str:
    return moment.strftime("%H:%M")


def midnight_utc(day: date) -> datetime:
    """The start of ``day`` on this computer's clock, as an aware UTC moment."""
    return datetime.combine(day, time()).astimezone().astimezone(UTC)


def first_day(event: EventView) -> date:
    return event.start.date()


def days_of(event: EventView) -> list[date]:
    first, last = first_day(event), last_day(event)
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def whole_day(event: EventView, day: date) -> bool:
    """All-day events and the middle days of a long one are listed before timed ones."""
    if event.all_day:
        return True
    return first_day(event) < day < last_day(event)


def time_label(event: EventView, day: date) -> str:
    """What the event occupies of ``day``: "09:30–17:00", "09:30 →", "→ 16:00" or "All day"."""
    first, last = first_day(event), last_day(event)
    if whole_day(event, day):
        return _("All day")
    if first == last:
        return f"{hour_minute(event.start)}–{hour_minute(event.end)}"
    if day == first:
        return f"{hour_minute(event.start)} →"
    return f"→ {hour_minute(event.end)}"


def chip_text(event: EventView, day: date) -> str:
    """A month cell is narrow: the start time on the first day, an arrow on the following ones."""
    if event.all_day:
        return event.title
    if day == first_day(event):
        return f"{hour_minute(event.start)} {event.title}"
    return f"→ {event.title}"


def sort_key(event: EventView, day: date) -> tuple[int, datetime, int]:
    whole = whole_day(event, day) or day != first_day(event)
    return (0 if whole else 1, event.start, event.id)


def kind_label(kind: str) -> str:
    return EventKind.label_in(kind, _)


def status_label(status: str) -> str:
    return EventStatus.label_in(status, _)


def when_text(event: EventView) -> str:
    first, last = first_day(event), last_day(event)
    if event.all_day:
        if first == last:
            return long_day(first)
        return f"{long_day(first)} – {long_day(last)}"
    if first == last:
        return f"{long_day(first)}, {hour_minute(event.start)}–{hour_minute(event.end)}"
    start, end = hour_minute(event.start), hour_minute(event.end)
    return f"{long_day(first)}, {start} – {long_day(last)}, {end}"


def describe(event: EventView) -> list[str]:
    """The event in words, for tooltips and screen readers: colour is never the only clue."""
    lines = [
        event.title,
        when_text(event),
        f"{kind_label(event.kind)} · {status_label(event.status)}",
    ]
    if event.location:
        lines.append(event.location)
    return lines
