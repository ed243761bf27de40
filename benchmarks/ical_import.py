"""Prints how long a partner's calendar takes to import, against icalendar's own parse time.

    python benchmarks/ical_import.py [--events 5000 50000] [--no-memory]

The files are what calendar servers export: a VTIMEZONE (Europe/Paris, the
RRULE form, as Nextcloud writes it), timed events in Paris, in UTC and in a
Windows zone name, all-day and multi-day events, weekly series with an EXDATE
and a moved occurrence, CATEGORIES, some VALARMs and ATTACHes. ``--events`` is
the number of events the import creates (series expanded).

For each size it prints: icalendar's parse of the whole file
(``Calendar.from_ical``, best of 3: the floor of any icalendar-based importer),
the whole import into a new SQLite catalogue (read, check, write; best of 2),
their ratio of processor times (target: at most 2 at 5,000 events), and the peak of Python memory
during a third import (tracemalloc, which slows that run down, hence a run of
its own), beside the peak of icalendar's parse of the whole file.
"""

from __future__ import annotations

import argparse
import gc
import random
import tempfile
import time
import tracemalloc
from pathlib import Path

PARIS = """BEGIN:VTIMEZONE
TZID:Europe/Paris
X-LIC-LOCATION:Europe/Paris
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE
"""
ROMANCE = """BEGIN:VTIMEZONE
TZID:Romance Standard Time
BEGIN:STANDARD
DTSTART:16010101T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3
END:DAYLIGHT
END:VTIMEZONE
"""
TITLES = [
    "Séminaire des réseaux\\, Lyon",
    "Visite apprenante : tiers-lieu « La Fabrique »",
    "Réunion du groupe de travail ESS",
    "Atelier mobilité douce",
    "Comité de pilotage PTCE",
]
PLACES = ["Hôtel de Région\\; salle 2", "Mairie de Besançon", "En ligne", "La Coursive, Dijon"]
CATEGORIES = ["Séminaire", "Visite", "Réunion", "Atelier", "Travail", ""]


def _stamp(day: int, hour: int, weeks: int = 0) -> str:
    from datetime import datetime, timedelta

    moment = datetime(2026, 1, 5, hour) + timedelta(days=day % 700, weeks=weeks)
    return moment.strftime("%Y%m%dT%H%M%S")


def calendar_text(events: int, seed: int = 7) -> str:
    """A calendar whose import creates ``events`` events, with CRLF line ends."""
    rng = random.Random(seed)
    out = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Nextcloud calendar//EN"]
    out += PARIS.splitlines() + ROMANCE.splitlines()
    made = 0
    i = 0
    while made < events:
        i += 1
        uid = f"evt-{i:06d}-{rng.randrange(10**9):09d}@partenaire.example.org"
        kind = rng.random()
        left = events - made
        lines = [
            "BEGIN:VEVENT",
            f"UID:{uid}",
            "DTSTAMP:20260301T100000Z",
            f"SUMMARY:{rng.choice(TITLES)} n°{i}",
            f"LOCATION:{rng.choice(PLACES)}",
            "DESCRIPTION:Ordre du jour\\n1. Accueil\\n2. Tour de table\\n3. Suite à donner",
            f"SEQUENCE:{rng.randrange(3)}",
            f"STATUS:{rng.choice(['CONFIRMED', 'CONFIRMED', 'TENTATIVE', 'CANCELLED'])}",
        ]
        category = rng.choice(CATEGORIES)
        if category:
            lines.append(f"CATEGORIES:{category}")
        hour = rng.choice([9, 10, 14, 16])
        if kind < 0.10:  # all-day, sometimes several days
            start = _stamp(i, 0)[:8]
            from datetime import date, timedelta

            end = date(int(start[:4]), int(start[4:6]), int(start[6:])) + timedelta(
                days=rng.choice([1, 1, 2, 3])
            )
            lines += [f"DTSTART;VALUE=DATE:{start}", f"DTEND;VALUE=DATE:{end:%Y%m%d}"]
            made += 1
        elif kind < 0.16 and left >= 4:  # weekly series of 5 with one exception, one moved
            start = _stamp(i, hour)
            lines += [
                f"DTSTART;TZID=Europe/Paris:{start}",
                f"DTEND;TZID=Europe/Paris:{_stamp(i, hour + 2)}",
                "RRULE:FREQ=WEEKLY;COUNT=5",
                f"EXDATE;TZID=Europe/Paris:{_stamp(i, hour, weeks=2)}",
            ]
            made += 4
        elif kind < 0.26:  # UTC
            lines += [f"DTSTART:{_stamp(i, hour)}Z", f"DTEND:{_stamp(i, hour + 1)}Z"]
            made += 1
        elif kind < 0.36:  # Outlook's Windows zone name
            lines += [
                f"DTSTART;TZID=Romance Standard Time:{_stamp(i, hour)}",
                f"DTEND;TZID=Romance Standard Time:{_stamp(i, hour + 3)}",
            ]
            made += 1
        else:
            lines += [
                f"DTSTART;TZID=Europe/Paris:{_stamp(i, hour)}",
                f"DTEND;TZID=Europe/Paris:{_stamp(i, hour + 2)}",
            ]
            made += 1
        if rng.random() < 0.2:
            lines += [
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                "DESCRIPTION:Rappel",
                "TRIGGER:-PT15M",
                "END:VALARM",
            ]
        if rng.random() < 0.05:
            lines.append("ATTACH;FMTTYPE=application/pdf:https://partenaire.example.org/odj.pdf")
        lines.append("END:VEVENT")
        out += lines
    out.append("END:VCALENDAR")
    return "\r\n".join(out) + "\r\n"


def best(runs: int, work) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """The best wall-clock and processor times of ``runs`` runs.

    The ratio is taken on processor time: on a shared machine the wall clock
    also counts the time other programs held the processor.
    """
    walls, cpus = [], []
    for _ in range(runs):
        gc.collect()
        began, began_cpu = time.perf_counter(), time.process_time()
        work()
        walls.append(time.perf_counter() - began)
        cpus.append(time.process_time() - began_cpu)
    return min(walls), min(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, nargs="+", default=[5000, 50000])
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc run")
    args = parser.parse_args()

    import icalendar

    from visitplanner.domain.errors import UserError
    from visitplanner.services.calendars.files import import_calendar
    from visitplanner.store.database import open_catalogue

    folder = Path(tempfile.mkdtemp(prefix="vp-ical-import-"))
    for count in args.events:
        path = folder / f"partenaire-{count}.ics"
        text = calendar_text(count)
        path.write_bytes(text.encode("utf-8"))
        size = path.stat().st_size / 1_000_000

        def parse(text: str = text) -> None:
            icalendar.Calendar.from_ical(text)

        parse_time = best(1 if count > 10_000 else 3, parse)
        runs = 1 if count > 10_000 else 2
        # New catalogues made beforehand: creating one (migrations) is not the import's time.
        fresh = [open_catalogue(str(folder / f"c-{count}-{n}.sqlite")) for n in range(runs + 1)]

        def run(path: Path = path, count: int = count, fresh: list = fresh) -> None:
            catalogue = fresh.pop()
            try:
                result = import_calendar(catalogue, path)
                assert result.created == count, (result.created, count)
            finally:
                catalogue.close()

        try:
            import_time = best(runs, run)
        except UserError as refused:
            print(f"{count} events ({size:.1f} MB): refused: {refused}")
            continue
        line = (
            f"{count} events ({size:.1f} MB): icalendar parse {parse_time[1]:.2f} s CPU "
            f"({parse_time[0]:.2f} s wall), import {import_time[1]:.2f} s CPU "
            f"({import_time[0]:.2f} s wall), ratio {import_time[1] / parse_time[1]:.2f}"
        )
        if not args.no_memory:
            peaks = []
            for work in (run, parse):
                tracemalloc.start()
                work()
                peaks.append(tracemalloc.get_traced_memory()[1] / 1_000_000)
                tracemalloc.stop()
            line += (
                f", peak Python memory {peaks[0]:.0f} MB "
                f"(icalendar's parse of the whole file alone: {peaks[1]:.0f} MB)"
            )
        print(line, flush=True)


if __name__ == "__main__":
    main()
