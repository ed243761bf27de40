"""Prints how long the activity report takes on the large demo catalogue (20,000 events).

    python benchmarks/report.py [--db LARGE.sqlite] [--repeat N]

Builds the large demo first unless ``--db`` names one already built (``visitplanner
--db FILE demo --size large``). Times, best of ``--repeat`` runs, wall clock and
process CPU (on a shared machine the CPU time is the steadier figure):

- the figures of the whole catalogue (2019–2029) and of one year;
- the dashboard's light figures of one year (target: under 200 ms);
- the records behind the busiest bar;
- the whole report written as JSON, CSV and PDF (target: the PDF under 5 s).
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
from datetime import date
from pathlib import Path

from timing import large_demo, timed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", help="an existing large demo catalogue")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="vp-report-"))
    db = large_demo(args.db, folder)

    from visitplanner.exchange.charts.model import Selection
    from visitplanner.services.reports import Period, activity_report
    from visitplanner.services.reports.export import write_report
    from visitplanner.services.reports.records import records
    from visitplanner.store.database import open_catalogue

    catalogue = open_catalogue(str(db))
    everything = Period(date(2019, 1, 1), date(2029, 12, 31))
    year = Period(date(2026, 1, 1), date(2026, 12, 31))
    r = args.repeat
    report = timed("figures, 2019-2029", r, lambda: activity_report(catalogue, everything))
    print(f"{'  events counted':<52} {report.events:8d}")
    print(f"{'  participants':<52} {report.participants:8d}")
    timed("figures, 2026", r, lambda: activity_report(catalogue, year))
    timed(
        "dashboard figures, 2026 (light)", r, lambda: activity_report(catalogue, year, light=True)
    )
    busiest = max(report.events_by_quarter, key=lambda q: q[1]["visit"])[0]
    found = timed(
        f"records behind the visits of {busiest}",
        r,
        lambda: records(catalogue, everything, Selection("quarter_kind", (busiest, "visit"))),
    )
    print(f"{'  records':<52} {found.total:8d}")
    for suffix in ("json", "csv", "pdf"):
        out = folder / f"report.{suffix}"
        timed(
            f"report 2019-2029 written as {suffix.upper()} (total)",
            r,
            lambda out=out: write_report(catalogue, everything, out),
        )
    pages = subprocess.run(["pdfinfo", str(folder / "report.pdf")], capture_output=True, text=True)
    for line in pages.stdout.splitlines():
        if line.startswith("Pages"):
            print(f"{'  PDF pages':<52} {line.split()[-1]:>8}")
    print(f"files in {folder}")
    catalogue.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
