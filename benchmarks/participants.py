"""Prints how fast the event editor opens and answers on a 500-participant seminar.

    python benchmarks/participants.py [--people 500] [--runs 20]

Targets: ``planning.get_event`` (what the editor needs to open the event, with
its list and attendance) under 300 ms; one status change with
``participants.set_participant`` (waiting list moved and renumbered) under 50 ms.
Each figure is the median of ``--runs`` calls on a fresh temporary catalogue.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import insert

from visitplanner.services import search_keys as keys
from visitplanner.services.events import participants, planning
from visitplanner.store.database import open_catalogue
from visitplanner.store.models import Person


def median_ms(action: Callable[[int], object], runs: int) -> float:
    times = []
    for n in range(runs):
        start = time.perf_counter()
        action(n)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="vp-bench-participants-"))
    catalogue = open_catalogue(str(folder / "seminar.sqlite"))
    rows = [
        {
            "given_name": f"Prénom{n}",
            "family_name": f"Nom{n:04d}",
            "email": f"p{n}@example.org",
            "email_key": f"p{n}@example.org",
            "organisation": "Réseau",
            "actor_type": ("sme", "sse", "association", "inhabitant", None)[n % 5],
            "preferred_language": "fr",
            "search_key": keys.person_search_key(f"Prénom{n}", f"Nom{n:04d}", None, None),
            "sort_key": keys.person_sort_key(f"Prénom{n}", f"Nom{n:04d}"),
        }
        for n in range(args.people)
    ]
    with catalogue.session() as session:
        session.execute(insert(Person), rows)
    capacity = args.people * 4 // 5  # a fifth of the people end up waiting
    event_id = planning.create_event(
        catalogue,
        planning.EventInput(
            kind="seminar",
            title="Séminaire commun",
            start="2027-02-11T09:30",
            end="2027-02-12T16:00",
            capacity=capacity,
            programme=tuple(planning.ProgrammeItemInput(f"Atelier {n}") for n in range(10)),
        ),
    ).created_id("event")
    person_ids = list(range(1, args.people + 1))
    start = time.perf_counter()
    participants.add_participants(catalogue, event_id, person_ids, status="accepted")
    added_ms = (time.perf_counter() - start) * 1000
    sheet = [
        (person_id, day, half, True)
        for person_id in person_ids[:capacity]
        for day, half in participants.half_days(planning.get_event(catalogue, event_id).event)
    ]
    participants.record_attendance_bulk(catalogue, event_id, sheet)
    detail = planning.get_event(catalogue, event_id)
    print(
        f"participants: {len(detail.participants)}, accepted: {detail.count('accepted')}, "
        f"waiting: {detail.count('waitlisted')}, attendance boxes: {len(sheet)}"
    )
    print(f"{'add_participants (all at once)':<45} {added_ms:8.1f} ms")
    opened = median_ms(lambda _n: planning.get_event(catalogue, event_id), args.runs)
    print(f"{'planning.get_event (median)':<45} {opened:8.1f} ms   target < 300 ms")

    # An accepted person declines (the first waiting is promoted), then accepts again
    # (and goes to the end of the line): each call moves the whole waiting list.
    def flip(n: int) -> None:
        status = "declined" if n % 2 == 0 else "accepted"
        participants.set_participant(catalogue, event_id, person_ids[0], status=status)

    changed = median_ms(flip, args.runs)
    print(f"{'participants.set_participant (median)':<45} {changed:8.1f} ms   target < 50 ms")
    checked = median_ms(lambda _n: participants.half_days(detail.event), args.runs)
    print(f"{'participants.half_days (median)':<45} {checked:8.3f} ms")
    window_figures(catalogue, event_id, person_ids[1], args.runs)
    catalogue.close()
    return 0


def window_figures(catalogue: object, event_id: int, person_id: int, runs: int) -> None:
    """The same two actions as a coordinator does them, in the window (offscreen)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from visitplanner.services.recovery.history import History
    from visitplanner.ui.pages.events_page import EventsPage

    app = QApplication.instance() or QApplication([])
    page = EventsPage(catalogue, History(catalogue))
    page.resize(1200, 760)
    page.show()
    page.form.tabs.setCurrentWidget(page.participants)
    app.processEvents()

    def open_event(_n: int) -> None:
        page.form.load(event_id)
        page.participants.load(event_id)
        app.processEvents()

    opened = median_ms(open_event, runs)
    print(
        f"{'window: open the event with its list (median)':<45} {opened:8.1f} ms   target < 300 ms"
    )

    def flip(n: int) -> None:
        page.participants.set_status(person_id, "declined" if n % 2 == 0 else "accepted")
        app.processEvents()

    changed = median_ms(flip, runs)
    print(
        f"{'window: change a status, list redrawn (median)':<45} {changed:8.1f} ms   target < 50 ms"
    )


if __name__ == "__main__":
    raise SystemExit(main())
