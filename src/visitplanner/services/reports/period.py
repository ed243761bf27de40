"""A report's period: calendar days in the catalogue's zone, both included.

The rule is the one every ``--from/--to`` follows (:mod:`visitplanner.domain.periods`):
an event belongs to the period when it overlaps it, as a CalDAV time-range query
decides. Here it becomes SQL once, and the period is cut into calendar quarters.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, or_

from visitplanner.domain.errors import UserError
from visitplanner.domain.periods import DayRange
from visitplanner.domain.periods import parse_day as parse_optional_day
from visitplanner.i18n import _
from visitplanner.store.models import Event


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int  # 1..4
    start: datetime  # UTC, first instant (clamped to the period)
    end: datetime  # UTC, first instant after (clamped to the period)

    @property
    def code(self) -> str:
        """``2027-Q1``: the stable key of exported files."""
        return f"{self.year}-Q{self.number}"


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    zone: str = "Europe/Paris"

    def __post_init__(self) -> None:
        DayRange(self.start, self.end, self.zone)  # refuses a reversed range, an unknown zone

    def instant(self, day: date) -> datetime:
        """Midnight at the start of ``day`` in the catalogue's zone, in UTC."""
        return datetime.combine(day, time(), tzinfo=ZoneInfo(self.zone)).astimezone(UTC)

    @property
    def lower(self) -> datetime:
        return self.instant(self.start)

    @property
    def upper(self) -> datetime:
        """The first instant after the period (midnight ending its last day)."""
        return DayRange(self.start, self.end, self.zone).upper or self.instant(self.end)

    def overlaps(self) -> ColumnElement[bool]:
        """The SQL condition "this event overlaps the period"."""
        lower, upper = self.lower, self.upper
        return and_(
            Event.starts_at < upper,
            or_(Event.ends_at > lower, Event.starts_at >= lower),
        )

    def quarters(self) -> list[Quarter]:
        """The calendar quarters the period touches, each clamped to the period."""
        out: list[Quarter] = []
        year, number = self.start.year, (self.start.month - 1) // 3 + 1
        while True:
            first = date(year, 3 * number - 2, 1)
            if first > self.end:
                break
            following = date(year + (number == 4), 1 if number == 4 else 3 * number + 1, 1)
            start = max(first, self.start)
            end = min(following, self.end + timedelta(days=1))
            out.append(Quarter(year, number, self.instant(start), self.instant(end)))
            year, number = (year + 1, 1) if number == 4 else (year, number + 1)
        return out

    @classmethod
    def year_of(cls, day: date, zone: str = "Europe/Paris") -> Period:
        return cls(date(day.year, 1, 1), date(day.year, 12, 31), zone)


def parse_day(value: str, field: str) -> date:
    """A ``YYYY-MM-DD`` day typed by a user, or a refusal naming the field."""
    day = parse_optional_day(value, field)
    if day is None:
        raise UserError(_("{field}: a day is needed (YYYY-MM-DD).").format(field=field))
    return day
