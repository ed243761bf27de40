"""Several coordinators, each in a process of their own, act on the same event at once.

The counting rules hold because the database holds them, inside one transaction that
locks the event row (PostgreSQL: ``SELECT ... FOR UPDATE``; SQLite: one writer at a
time, the write lock taken at the start of the transaction): not because of a count
read in Python before writing. Each trial starts real processes' writes at the same
moment (tests/properties/race_worker.py) and then reads the table:

- the last place of an event goes to exactly one of eight people accepting at once;
  the others wait in line at positions 1..7, in no particular order but without gaps;
- two people typing the same e-mail address (in different cases) make one person;
  the other is told, in a sentence, that the address is taken;
- two coordinators freeing places at once promote exactly as many people waiting, the
  first in line, and the line is renumbered 1..n.

No process may fail with anything but a sentence a user can read. CI runs a few trials;
``VISITPLANNER_RACE_TRIALS=50`` runs more (docs/testing.md).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from visitplanner.services.directory import records as cat
from visitplanner.services.events import participants as plist
from visitplanner.services.events import planning
from visitplanner.store.database import Catalogue
from visitplanner.store.models import Participation, Person

TRIALS = int(os.environ.get("VISITPLANNER_RACE_TRIALS", "3"))
PROCESSES = 8
WORKER = Path(__file__).with_name("race_worker.py")


class Workers:
    """Processes that each run one service call per trial, all released at once."""

    def __init__(self, count: int) -> None:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
        self.processes = [
            subprocess.Popen(
                [sys.executable, str(WORKER)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                env=env,
            )
            for _ in range(count)
        ]
        for process in self.processes:
            self._read(process)

    @staticmethod
    def _read(process: subprocess.Popen) -> dict[str, Any]:
        line = process.stdout.readline()
        if not line:
            raise RuntimeError(f"a race worker ended early (exit {process.wait()})")
        return json.loads(line)

    def race(self, db: str, calls: list[tuple[str, list[Any]]]) -> list[dict[str, Any]]:
        """Runs ``calls[i]`` in process ``i``, all starting together; their answers in order."""
        busy = self.processes[: len(calls)]
        for process, (action, args) in zip(busy, calls, strict=True):
            process.stdin.write(json.dumps({"db": db, "action": action, "args": args}) + "\n")
            process.stdin.flush()
        for process in busy:
            assert self._read(process) == {"ready": True}
        for process in busy:
            process.stdin.write("go\n")
            process.stdin.flush()
        answers = [self._read(process) for process in busy]
        errors = [a["error"] for a in answers if "error" in a]
        assert errors == [], "\n".join(errors)
        return answers

    def close(self) -> None:
        for process in self.processes:
            process.stdin.close()
        for process in self.processes:
            process.wait(timeout=30)


@pytest.fixture(scope="module")
def workers() -> Iterator[Workers]:
    pool = Workers(PROCESSES)
    yield pool
    pool.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def new_catalogue(request) -> Callable[[], Catalogue]:
    """Opens a new empty catalogue each call, on the engine of this run."""
    if request.param == "sqlite":
        return request.getfixturevalue("fresh_catalogue")
    return request.getfixturevalue("fresh_postgres_catalogue")


def url_of(catalogue: Catalogue) -> str:
    return catalogue.url.render_as_string(hide_password=False)


def event(catalogue: Catalogue, capacity: int | None) -> int:
    data = planning.EventInput(
        kind="visit",
        title="Visite",
        start="2027-06-10T09:30",
        end="2027-06-10T17:00",
        capacity=capacity,
    )
    return planning.create_event(catalogue, data).created_id("event")


def people(catalogue: Catalogue, count: int, prefix: str = "P") -> list[int]:
    return [
        cat.create_person(catalogue, cat.PersonInput(family_name=f"{prefix}{n:02}")).created_id(
            "person"
        )
        for n in range(count)
    ]


def listed(catalogue: Catalogue, event_id: int) -> dict[int, tuple[str, int | None]]:
    """person id: (status, waiting position), read straight from the table."""
    with catalogue.session() as session:
        rows = session.execute(
            select(
                Participation.person_id, Participation.status, Participation.waitlist_position
            ).where(Participation.event_id == event_id)
        ).all()
    return {person: (status, position) for person, status, position in rows}


def line(state: dict[int, tuple[str, int | None]]) -> list[int]:
    """The people waiting, first in line first; asserts the positions run 1..n."""
    waiting = sorted((pos, p) for p, (status, pos) in state.items() if status == "waitlisted")
    assert [pos for pos, _ in waiting] == list(range(1, len(waiting) + 1)), state
    return [p for _, p in waiting]


def accepted(state: dict[int, tuple[str, int | None]]) -> set[int]:
    return {p for p, (status, _) in state.items() if status == "accepted"}


@pytest.mark.parametrize("trial", range(TRIALS))
def test_eight_people_accepting_the_last_place_at_once(workers, new_catalogue, trial):
    catalogue = new_catalogue()
    event_id = event(catalogue, capacity=3)
    first, *racers = people(catalogue, 1 + PROCESSES)
    already = people(catalogue, 2, prefix="A")
    plist.add_participants(catalogue, event_id, already, status="accepted")
    plist.add_participants(catalogue, event_id, [first], status="waitlisted")

    answers = workers.race(url_of(catalogue), [("accept", [event_id, p]) for p in racers])

    state = listed(catalogue, event_id)
    assert len(accepted(state)) == 3
    winners = [p for p, a in zip(racers, answers, strict=True) if a["ok"][0] == "accepted"]
    assert len(winners) == 1
    assert accepted(state) == {*already, *winners}
    # The one already waiting keeps the front of the line; the others queue behind, as
    # each process was told.
    waiting = line(state)
    assert waiting[0] == first and len(waiting) == PROCESSES
    told = {p: a["ok"][1] for p, a in zip(racers, answers, strict=True) if p not in winners}
    assert told == {p: state[p][1] for p in told}


@pytest.mark.parametrize("trial", range(TRIALS))
def test_two_people_typing_the_same_email_at_once_make_one_person(workers, new_catalogue, trial):
    catalogue = new_catalogue()
    spellings = ["Anne.Martin@Example.org", "anne.martin@example.ORG"] * (PROCESSES // 2)
    calls = [("add_person", [f"Martin {n}", email]) for n, email in enumerate(spellings)]

    answers = workers.race(url_of(catalogue), calls)

    created = [a["ok"] for a in answers if "ok" in a]
    refused = [a["refused"] for a in answers if "refused" in a]
    assert len(created) == 1
    assert len(refused) == PROCESSES - 1
    assert all("already belongs to person" in sentence for sentence in refused), refused
    with catalogue.session() as session:
        assert session.scalars(select(Person.id)).all() == created


@pytest.mark.parametrize("trial", range(TRIALS))
def test_places_freed_at_once_go_to_the_first_in_line(workers, new_catalogue, trial):
    """Four coordinators act at once on a full event with six people waiting: two accepted
    people decline, one is taken off the list, and the capacity goes up by one. Four places
    free up: the first four in line get them, and nobody else."""
    catalogue = new_catalogue()
    event_id = event(catalogue, capacity=4)
    going = people(catalogue, 4, prefix="A")
    waiting = people(catalogue, 6, prefix="W")
    plist.add_participants(catalogue, event_id, going, status="accepted")
    plist.add_participants(catalogue, event_id, waiting, status="waitlisted")
    assert line(listed(catalogue, event_id)) == waiting

    calls = [
        ("answer", [event_id, going[0], "declined"]),
        ("answer", [event_id, going[1], "declined"]),
        ("remove", [event_id, going[2]]),
        ("capacity", [event_id, 5]),
    ]
    answers = workers.race(url_of(catalogue), calls)

    state = listed(catalogue, event_id)
    assert accepted(state) == {going[3], *waiting[:4]}
    assert line(state) == waiting[4:]
    promoted = [p for a in answers[:3] for p in a["ok"][2]]
    assert sorted(promoted) == sorted(promoted_once := set(promoted))  # nobody twice
    assert promoted_once <= set(waiting[:4])
