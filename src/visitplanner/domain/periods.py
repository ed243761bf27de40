"""Day ranges typed by people (``--from 2027-03-01 --to 2027-03-31``) as instants, one rule.

A range is calendar days in the catalogue's time zone, both days included: it
runs from midnight starting the first day to midnight ending the last one, as
local time there (so a range across the clock change is 23 or 25 hours longer
or shorter than a count of days would say). An event is in the range when it
overlaps it, as a CalDAV time-range query decides (RFC 4791 §9.9): it starts
before the range ends and ends after the range starts; an event of no duration
counts when it starts inside. Either end may be open (``None``).

The calendar feed, the booklet, the activity report and the log export all
select with this rule, so the same dates pick the same events everywhere.
Plain Python (no Qt, no SQL): services turn :func:`bounds` into their query.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from visitplanner.domain.errors import UserError, ValidationError
from visitplanner.i18n import _


def parse_day(value: str | date | None, field: str) -> date | None:
    """A day written ``2027-03-12`` (``None`` or empty: no limit); the error names ``field``."""
    if value is None or isinstance(value, date):
        return value
    text = value.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            field, _("“{value}” is not a date like 2027-03-12.").format(value=text)
        ) from None


@dataclass(frozen=True)
class DayRange:
    """Days ``first``..``last`` (both included, either may be None) in ``zone``."""

    first: date | None
    last: date | None
    zone: str = "Europe/Paris"

    def __post_init__(self) -> None:
        if self.first is not None and self.last is not None and self.last < self.first:
            raise UserError(
                _("The period ends ({end}) before it starts ({start}).").format(
                    start=self.first.isoformat(), end=self.last.isoformat()
                )
            )
        try:
            ZoneInfo(self.zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise UserError(_("Unknown time zone: {zone}.").format(zone=self.zone)) from None

    def _midnight(self, day: date) -> datetime:
        return datetime.combine(day, time(), tzinfo=ZoneInfo(self.zone)).astimezone(UTC)

    @property
    def lower(self) -> datetime | None:
        """The first instant of the range, in UTC (None: open)."""
        return None if self.first is None else self._midnight(self.first)

    @property
    def upper(self) -> datetime | None:
        """The first instant after the range (midnight ending the last day), in UTC."""
        return None if self.last is None else self._midnight(self.last + timedelta(days=1))

    def bounds(self) -> tuple[datetime | None, datetime | None]:
        """(lower, upper): the half-open interval [lower, upper) of the range, in UTC."""
        return self.lower, self.upper

    def overlaps(self, start: datetime, end: datetime) -> bool:
        """Whether an event from ``start`` to ``end`` (aware) is in the range (CalDAV rule)."""
        lower, upper = self.bounds()
        if upper is not None and start >= upper:
            return False
        if lower is None:
            return True
        return end > lower or (end <= start and start >= lower)


def day_range(
    first: str | date | None, last: str | date | None, zone: str = "Europe/Paris"
) -> DayRange:
    """``--from``/``--to`` as typed, checked: errors name the option."""
    return DayRange(parse_day(first, "--from"), parse_day(last, "--to"), zone)
