"""Prints how long a 10,000-row French Excel CSV takes to read, check and import.

    python benchmarks/csv_import.py [--rows N]

Target: under 5 s for 10,000 rows, into the catalogue and onto an event's list,
reading included. A second pass imports the same file again (every row matched
by e-mail) and exports it, to time the other paths a coordinator meets.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from visitplanner.exchange.csvio import guess_mapping, read_table
from visitplanner.services.directory import exports, imports
from visitplanner.services.events import planning
from visitplanner.store.database import open_catalogue

GIVEN = ["Hélène", "Çağla", "Thị Lan", "Jean-Noël", "Anaïs", "Zoé", "Loïc", "Chloé", "Mathéo"]
FAMILY = ["Nguyễn", "Dupont", "Lefèvre", "Œuvray", "Garçon", "Müller", "Da Silva", "N'Diaye"]
ORGS = ["Mairie de Besançon", "Tiers-lieu « La Fabrique »", "PTCE Sud Aquitaine", "Cluster Jura"]
T = TypeVar("T")
TYPES = ["PME", "Association", "Collectivité", "Recherche", "Habitant·e", ""]


def write_excel_csv(path: Path, rows: int) -> None:
    """What French Excel's "CSV (séparateur: point-virgule)" writes: Windows-1252, CRLF."""
    rng = random.Random(7)
    lines = ["Nom;Prénom;Adresse e-mail;Structure;Fonction;Téléphone;Type d'acteur;Statut"]
    for i in range(rows):
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        lines.append(
            ";".join(
                [
                    family,
                    given,
                    f"personne.{i}@exemple.fr",
                    f'"{rng.choice(ORGS)}; antenne {i % 40}"',
                    "Chargée de mission",
                    f"06 {i % 100:02d} 12 34 56",
                    rng.choice(TYPES),
                    rng.choice(["Invité", "Accepté", ""]),
                ]
            )
        )
    data = ("\r\n".join(lines) + "\r\n").encode("cp1252", errors="replace")
    path.write_bytes(data)


def timed(label: str, action: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    result = action()
    elapsed = time.perf_counter() - start
    print(f"{label:<50} {elapsed:7.2f} s")
    return result, elapsed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="vp-csv-bench-"))
    source = folder / "participants.csv"
    write_excel_csv(source, args.rows)
    print(f"{args.rows} rows, {source.stat().st_size / 1e6:.1f} MB, in {folder}")

    def read_and_import(db: str, event: str | None = None):
        table = read_table(source)
        catalogue = open_catalogue(db)
        try:
            return imports.import_people(
                catalogue, table, guess_mapping(table.headers), event_ref=event
            )
        finally:
            catalogue.close()

    people_db = str(folder / "people.sqlite")
    report, first = timed("read + import into a new catalogue", lambda: read_and_import(people_db))
    assert report.created == args.rows, report
    report, again = timed(
        "same file again (all matched by e-mail)", lambda: read_and_import(people_db)
    )
    assert report.matched == args.rows, report

    event_db = str(folder / "event.sqlite")
    catalogue = open_catalogue(event_db)
    planning.create_event(
        catalogue,
        planning.EventInput(
            kind="seminar", title="Séminaire", start="2027-05-01T09:00", end="2027-05-01T17:00",
            capacity=2000,
        ),
    )  # fmt: skip
    catalogue.close()
    report, to_event = timed(
        "read + import onto an event's list", lambda: read_and_import(event_db, "1")
    )
    assert report.added_to_event == args.rows, report
    print(f"{'':<50} ({report.waitlisted} on the waiting list)")

    catalogue = open_catalogue(event_db)
    timed(
        "export the participant list",
        lambda: exports.export_participants(catalogue, "1", folder / "export.csv"),
    )
    catalogue.close()
    worst = max(first, again, to_event)
    verdict = "OK" if worst < 5 else "TOO SLOW"
    print(f"{'slowest import':<50} {worst:7.2f} s  (target < 5 s: {verdict})")
    return 0 if worst < 5 else 1


if __name__ == "__main__":
    raise SystemExit(main())
