"""Dates and times written the way the interface language writes them (Babel)."""

from __future__ import annotations

from datetime import date, datetime

from visitplanner.i18n import current_language


def when(moment: datetime) -> str:
    """« jeu. 12 mars 2027, 09:30 » in French, "Thu 12 Mar 2027, 09:30" in English."""
    from babel.dates import format_datetime

    return format_datetime(
        moment, "EEE d MMM y, HH:mm", tzinfo=moment.tzinfo, locale=current_language()
    )


def day(value: date) -> str:
    from babel.dates import format_date

    return format_date(value, "d MMM y", locale=current_language())
