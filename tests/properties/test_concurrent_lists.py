"""Several coordinators answer for the same event at once: the count rules still hold.

Two windows (threads here, each with its own connection) accept people onto the same
event at the same moment on a PostgreSQL catalogue. The capacity is never exceeded
and the waiting list stays numbered 1..n: the rules are kept by the database within
one transaction, not by a count read in Python before writing.
"""

from __future__ import annotations

import threading

from sqlalchemy import select

from visitplanner.domain.errors import UserError
from visitplanner.services.directory import records as cat
from visitplanner.services.events import participants as plist
from visitplanner.services.events import planning
from visitplanner.store.database import open_catalogue
from visitplanner.store.models import Participation

WINDOWS = 6


def test_simultaneous_acceptances_never_overbook(fresh_postgres_catalogue):
    catalogue = fresh_postgres_catalogue()
    event_id = planning.create_event(
        catalogue,
        planning.EventInput(
            kind="visit", title="Visite", start="2027-06-10T09:30", end="2027-06-10T17:00",
            capacity=2,
        ),
    ).created_id("event")  # fmt: skip
    people = [
        cat.create_person(catalogue, cat.PersonInput(family_name=f"P{n}")).created_id("person")
        for n in range(WINDOWS * 2)
    ]
    url = catalogue.url.render_as_string(hide_password=False)
    windows = [open_catalogue(url) for _ in range(WINDOWS)]
    start = threading.Barrier(WINDOWS)
    failures: list[BaseException] = []

    def window(n: int) -> None:
        start.wait()
        for person in people[n * 2 : n * 2 + 2]:
            try:
                plist.add_participants(windows[n], event_id, [person], status="accepted")
            except UserError:
                pass  # a refusal the user can read is fine; a traceback is not
            except BaseException as exc:
                failures.append(exc)

    threads = [threading.Thread(target=window, args=(n,)) for n in range(WINDOWS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for other in windows:
        other.close()

    with catalogue.session() as session:
        rows = session.execute(
            select(Participation.status, Participation.waitlist_position).where(
                Participation.event_id == event_id
            )
        ).all()
    accepted = sum(1 for status, _ in rows if status == "accepted")
    positions = sorted(p for status, p in rows if status == "waitlisted")
    assert failures == []
    assert accepted <= 2
    assert positions == list(range(1, len(positions) + 1))
