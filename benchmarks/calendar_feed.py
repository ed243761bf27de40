"""Prints how long the calendar feed takes on the large demo catalogue (20,000 events).

    python benchmarks/calendar_feed.py [--db LARGE.sqlite] [--repeat N]

Builds the large demo first unless ``--db`` names one already built (``visitplanner
--db FILE demo --size large``). Times, best of ``--repeat`` runs, wall clock and process
CPU, of ``calendar --out``: the whole catalogue, one year and one month (``--from``/``--to``
as days in the catalogue's zone, overlap selected in SQL), and the events each wrote.
"""

from __future__ import annotations

import argparse
import tempfile
from datetime import date
from pathlib import Path

from timing import large_demo, timed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", help="an existing large demo catalogue")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="vp-feed-"))
    db = large_demo(args.db, folder)

    from visitplanner.domain.periods import DayRange
    from visitplanner.services.calendars.files import write_feed
    from visitplanner.store.database import open_catalogue

    catalogue = open_catalogue(str(db))
    for label, period in (
        ("whole catalogue", None),
        ("one year (2026)", DayRange(date(2026, 1, 1), date(2026, 12, 31))),
        ("one month (March 2027)", DayRange(date(2027, 3, 1), date(2027, 3, 31))),
    ):
        out = folder / "feed.ics"
        result = timed(
            label, args.repeat, lambda p=period, o=out: write_feed(catalogue, o, period=p)
        )
        size = out.stat().st_size / 1_000_000
        print(f"{'  events, file size':<40} {result.count:8d} {size:8.1f} MB")
    catalogue.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
