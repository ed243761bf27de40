"""VTIMEZONE definitions that every calendar client reads the same way.

icalendar 7 can generate a VTIMEZONE by itself (``add_missing_timezones``), but it
lists each transition in comma-separated RDATEs: Thunderbird's parser (ical.js)
and vobject (Radicale) then read a summer meeting one hour off, and Outlook is
known to mishandle RDATE-based zones. What every client understands is the
classic form: one STANDARD and one DAYLIGHT block, each with a yearly RRULE.

That form is only true for a zone whose rules did not change in the years it
covers, so a definition is written only after checking, with the system's
time-zone database (zoneinfo), that the zone really follows the rule in every
year from the year before the first event to the year of the last one:

* European zones with EU rules: summer time from the last Sunday of March to the
  last Sunday of October, changing at 01:00 UTC (offsets taken from zoneinfo, so
  Paris is +01/+02, London and Lisbon +00/+01, Helsinki +02/+03);
* zones without summer time, such as the French overseas departments and
  territories, and UTC: one STANDARD block.

For any other zone, or a supported one whose rules differ in those years,
:func:`zone_rules` answers ``None`` and the writer puts times in UTC (``Z``):
correct everywhere, only displayed in the reader's own zone, rather than a
definition that some client would read wrongly.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# Zones with EU summer-time rules: the EU and EEA, the United Kingdom, Switzerland
# and the neighbours that follow the same calendar.
EU_RULE_ZONES = frozenset(
    f"Europe/{city}"
    for city in [
        "Amsterdam",
        "Andorra",
        "Athens",
        "Belgrade",
        "Berlin",
        "Bratislava",
        "Brussels",
        "Bucharest",
        "Budapest",
        "Busingen",
        "Copenhagen",
        "Dublin",
        "Gibraltar",
        "Guernsey",
        "Helsinki",
        "Isle_of_Man",
        "Jersey",
        "Kyiv",
        "Lisbon",
        "Ljubljana",
        "London",
        "Luxembourg",
        "Madrid",
        "Malta",
        "Mariehamn",
        "Monaco",
        "Oslo",
        "Paris",
        "Podgorica",
        "Prague",
        "Riga",
        "Rome",
        "San_Marino",
        "Sarajevo",
        "Skopje",
        "Sofia",
        "Stockholm",
        "Tallinn",
        "Tirane",
        "Vaduz",
        "Vatican",
        "Vienna",
        "Vilnius",
        "Warsaw",
        "Zagreb",
        "Zurich",
    ]
)
# French overseas zones (and UTC), which have no summer time.
FIXED_ZONES = frozenset(
    {
        "UTC",
        "Etc/UTC",
        "America/Guadeloupe",
        "America/Martinique",
        "America/Cayenne",
        "America/St_Barthelemy",
        "America/Marigot",
        "Indian/Reunion",
        "Indian/Mayotte",
        "Pacific/Noumea",
        "Pacific/Tahiti",
        "Pacific/Wallis",
    }
)
SUPPORTED_ZONES: frozenset[str] = EU_RULE_ZONES | FIXED_ZONES
UTC_NAMES = frozenset({"UTC", "Etc/UTC", "GMT", "Etc/GMT", "Z"})


@dataclass(frozen=True)
class Rules:
    """What a VTIMEZONE states: standard offset, summer offset (None: no summer time)."""

    tzid: str
    standard: timedelta
    standard_name: str
    daylight: timedelta | None
    daylight_name: str | None
    first_year: int  # the year of the first onsets written in DTSTART


def _last_sunday(year: int, month: int) -> date:
    day = date(year, month + 1, 1) - timedelta(days=1) if month < 12 else date(year, 12, 31)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def eu_switches(year: int) -> tuple[datetime, datetime]:
    """The two instants (UTC) when EU clocks change in ``year``."""
    march, october = _last_sunday(year, 3), _last_sunday(year, 10)
    return (
        datetime(march.year, 3, march.day, 1, tzinfo=UTC),
        datetime(october.year, 10, october.day, 1, tzinfo=UTC),
    )


def _offset(zone: ZoneInfo, moment: datetime) -> tuple[timedelta, str]:
    local = moment.astimezone(zone)
    return local.utcoffset() or timedelta(0), local.tzname() or ""


@lru_cache(maxsize=512)
def _year_rules(tzid: str, year: int) -> tuple[timedelta, str, timedelta | None, str | None] | None:
    """The zone's offsets in ``year`` if it follows the EU rule or has one fixed offset.

    Every day of the year is sampled at 00:00 and 12:00 UTC besides the switch
    instants themselves, so a zone that changes on other dates, or twice, is
    caught rather than described wrongly.
    """
    try:
        zone = ZoneInfo(tzid)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    start = datetime(year, 1, 1, tzinfo=UTC) - timedelta(hours=14)
    end = datetime(year + 1, 1, 1, tzinfo=UTC) + timedelta(hours=14)
    winter = _offset(zone, datetime(year, 1, 15, tzinfo=UTC))
    summer = _offset(zone, datetime(year, 7, 15, tzinfo=UTC))
    samples = [
        start + timedelta(hours=12 * i) for i in range(int((end - start) / timedelta(hours=12)) + 1)
    ]
    if winter == summer:
        if all(_offset(zone, moment)[0] == winter[0] for moment in samples):
            return winter[0], winter[1], None, None
        return None
    if tzid not in EU_RULE_ZONES or summer[0] <= winter[0]:
        return None
    spring, autumn = eu_switches(year)
    second = timedelta(seconds=1)
    for moment in [*samples, spring - second, spring, autumn - second, autumn]:
        expected = summer[0] if spring <= moment < autumn else winter[0]
        if _offset(zone, moment)[0] != expected:
            return None
    return winter[0], winter[1], summer[0], summer[1]


def zone_rules(tzid: str, years: Iterable[int]) -> Rules | None:
    """The rules to write for ``tzid`` covering ``years``, or None: then write UTC.

    The year before the first one is checked too, because the definition's
    onsets are written in that year, so that every event falls after them.
    """
    wanted = sorted(set(years))
    if tzid not in SUPPORTED_ZONES or not wanted:
        return None
    first = wanted[0] - 1
    found = {_year_rules(tzid, year) for year in range(first, wanted[-1] + 1)}
    if len(found) != 1 or None in found:
        return None
    (rules,) = found
    assert rules is not None
    return Rules(tzid, rules[0], rules[1], rules[2], rules[3], first)


def _utc_offset(value: timedelta) -> str:
    minutes = int(value.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}{minutes:02d}"


def vtimezone_lines(rules: Rules) -> list[str]:
    """The content lines of the VTIMEZONE (all shorter than 75 octets: no folding)."""
    lines = ["BEGIN:VTIMEZONE", f"TZID:{rules.tzid}", f"X-LIC-LOCATION:{rules.tzid}"]
    if rules.daylight is None:
        offset = _utc_offset(rules.standard)
        lines += [
            "BEGIN:STANDARD",
            f"DTSTART:{rules.first_year:04d}0101T000000",
            f"TZOFFSETFROM:{offset}",
            f"TZOFFSETTO:{offset}",
            f"TZNAME:{rules.standard_name}",
            "END:STANDARD",
        ]
    else:
        spring, autumn = eu_switches(rules.first_year)
        # DTSTART is the local time just before the change, in the offset being left.
        spring_local = (spring + rules.standard).replace(tzinfo=None)
        autumn_local = (autumn + rules.daylight).replace(tzinfo=None)
        standard, daylight = _utc_offset(rules.standard), _utc_offset(rules.daylight)
        lines += [
            "BEGIN:DAYLIGHT",
            f"DTSTART:{spring_local:%Y%m%dT%H%M%S}",
            "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
            f"TZOFFSETFROM:{standard}",
            f"TZOFFSETTO:{daylight}",
            f"TZNAME:{rules.daylight_name}",
            "END:DAYLIGHT",
            "BEGIN:STANDARD",
            f"DTSTART:{autumn_local:%Y%m%dT%H%M%S}",
            "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
            f"TZOFFSETFROM:{daylight}",
            f"TZOFFSETTO:{standard}",
            f"TZNAME:{rules.standard_name}",
            "END:STANDARD",
        ]
    lines.append("END:VTIMEZONE")
    return lines


def vtimezone(tzid: str, *, years: Collection[int] = ()) -> str:
    """The RRULE-based VTIMEZONE text (CRLF line ends) for a supported zone.

    ``years`` are the years of the events that will refer to it (default: this
    year). Raises ``ValueError`` for a zone outside :data:`SUPPORTED_ZONES` or
    whose rules differ from the EU rule (or from one fixed offset) in those
    years: the invitation writer then writes times in UTC instead.
    """
    rules = zone_rules(tzid, years or (datetime.now(UTC).year,))
    if rules is None:
        raise ValueError(f"no reliable VTIMEZONE for {tzid!r} in {sorted(years)}")
    return "\r\n".join(vtimezone_lines(rules)) + "\r\n"
