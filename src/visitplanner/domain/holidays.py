"""French public holidays ("jours fériés"), to warn before an event is set on one.

Computed rather than looked up: the list is fixed by the Code du travail
(article L3133-1) and the movable feasts all follow Easter, so a few lines and
``dateutil.easter`` cover every year offline. Alsace and Moselle keep two more
days (Good Friday and St Stephen's Day, article L3134-13).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from dateutil.easter import easter

from visitplanner.i18n import N_, _

# Names are translated when shown: the language can change while the app runs.
_FIXED = (
    (1, 1, N_("New Year's Day")),
    (5, 1, N_("Labour Day")),
    (5, 8, N_("Victory in Europe Day")),
    (7, 14, N_("Bastille Day")),
    (8, 15, N_("Assumption Day")),
    (11, 1, N_("All Saints' Day")),
    (11, 11, N_("Armistice Day")),
    (12, 25, N_("Christmas Day")),
)
# Days after Easter Sunday.
_MOVABLE = (
    (1, N_("Easter Monday")),
    (39, N_("Ascension Day")),
    (50, N_("Whit Monday")),
)
_ALSACE_MOSELLE_FIXED = ((12, 26, N_("St Stephen's Day")),)
_ALSACE_MOSELLE_MOVABLE = ((-2, N_("Good Friday")),)
# Postal codes of the Bas-Rhin, Haut-Rhin and Moselle departments start so.
_ALSACE_MOSELLE_POSTCODES = ("57", "67", "68")


@lru_cache(maxsize=64)
def _untranslated(year: int, alsace_moselle: bool) -> dict[date, str]:
    days: dict[date, str] = {}
    sunday = easter(year)
    fixed = _FIXED + (_ALSACE_MOSELLE_FIXED if alsace_moselle else ())
    movable = _MOVABLE + (_ALSACE_MOSELLE_MOVABLE if alsace_moselle else ())
    for month, day, name in fixed:
        days[date(year, month, day)] = name
    for offset, name in movable:
        # Ascension can fall on 1 or 8 May: the feast of the Church names the day.
        days[sunday + timedelta(days=offset)] = name
    return dict(sorted(days.items()))


def french_public_holidays(year: int, alsace_moselle: bool = False) -> dict[date, str]:
    """The public holidays of ``year`` in France, by day, with their translated names."""
    return {day: _(name) for day, name in _untranslated(year, alsace_moselle).items()}


def holiday_name(day: date, alsace_moselle: bool = False) -> str | None:
    """The translated name of the public holiday ``day`` is, or None on a working day."""
    name = _untranslated(day.year, alsace_moselle).get(day)
    return _(name) if name else None


def in_alsace_moselle(postal_code: str | None) -> bool:
    """Whether a French postal code lies where the local law adds two holidays."""
    return bool(postal_code) and postal_code.strip().startswith(_ALSACE_MOSELLE_POSTCODES)
