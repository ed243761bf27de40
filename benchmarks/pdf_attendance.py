"""Prints how long the attendance sheet of a large seminar takes to build.

    python benchmarks/pdf_attendance.py [--participants N] [--runs N]

Target: a 500-participant, two-day seminar (four half-days, landscape) in under 2 s,
both "page X / Y" passes included.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from visitplanner.exchange.pdf.attendance import AttendanceSheet, build_attendance

GIVEN = ("Anaïs", "Thị Lan", "Çağla", "Søren", "Élodie", "Zoë", "Mohamed", "Ghislaine")
FAMILY = ("Nguyễn", "Yıldız", "Ørsted", "Le Gall", "Durand-Nakamura", "d’Arc", "Vandenbussche")
ORGS = ("Collectif Dynamiques pionnières", "Pôle Mer Bretagne Atlantique", "EBE & Co « Sambre »")


def sheet(participants: int) -> AttendanceSheet:
    rows = tuple(
        (
            f"{GIVEN[i % len(GIVEN)]} {FAMILY[i % len(FAMILY)]} {i:03d}",
            ORGS[i % len(ORGS)],
            "Participant",
        )
        for i in range(participants)
    )
    days = (date(2027, 2, 11), date(2027, 2, 12))
    return AttendanceSheet(
        title="Séminaire commun des animateurs — coopérer avec les habitants",
        dates="du jeudi 11 février au vendredi 12 février 2027",
        place="La Fabrique du Bocage, 21 rue des Tisserands, 59610 Fourmies",
        organiser="Hélène Marchand",
        half_days=tuple((d, h) for d in days for h in ("am", "pm")),
        rows=rows,
        funder="Avec le soutien du FEADER et de la Région Hauts-de-France",
        blank_rows=10,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--participants", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    data = sheet(args.participants)
    timings = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sheet.pdf"
        build_attendance(path, sheet(5))  # fonts registered and translations loaded once
        for _ in range(args.runs):
            began = time.perf_counter()
            pages = build_attendance(path, data)
            timings.append(time.perf_counter() - began)
        size = path.stat().st_size
    print(
        f"attendance sheet, {args.participants} participants: {pages} pages, "
        f"{size / 1024:.0f} KiB, median {statistics.median(timings):.2f} s "
        f"(best {min(timings):.2f} s, target < 2 s)"
    )


if __name__ == "__main__":
    main()
