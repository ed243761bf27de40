"""One coordinator's window in a process of its own, for tests/properties/test_races.py.

Reads one JSON command a line on stdin and answers one JSON line on stdout:

- ``{"db": ..., "action": ..., "args": [...]}``: opens the catalogue, connects, answers
  ``{"ready": true}`` and waits for the next line (``go``), so that every process starts
  its write at the same moment; then runs the action through the real services and
  answers ``{"ok": result}``, ``{"refused": sentence}`` (a :class:`UserError`, what a
  user would read) or ``{"error": traceback}`` (a defect).
- an empty line or end of input: the process ends.

The imports are paid once per process, not once per trial.
"""

from __future__ import annotations

import json
import sys
import traceback
from typing import Any


def _accept(catalogue, event_id: int, person_id: int) -> list[Any]:
    """A new person says yes: one of the places left, or the end of the waiting list."""
    from visitplanner.services.events import participants

    outcome = participants.add_participants(catalogue, event_id, [person_id], status="accepted")
    return [outcome.status, outcome.waitlist_position]


def _answer(catalogue, event_id: int, person_id: int, status: str) -> list[Any]:
    """Someone already listed answers (declines, accepts): a freed place is given away."""
    from visitplanner.services.events import participants

    outcome = participants.set_participant(catalogue, event_id, person_id, status=status)
    return [outcome.status, outcome.waitlist_position, list(outcome.promoted)]


def _remove(catalogue, event_id: int, person_id: int) -> list[Any]:
    from visitplanner.services.events import participants

    outcome = participants.remove_participant(catalogue, event_id, person_id)
    return [None, None, list(outcome.promoted)]


def _capacity(catalogue, event_id: int, capacity: int) -> list[Any]:
    """A coordinator raises the capacity: the new places go to the front of the line."""
    from visitplanner.services.events import planning

    changes = planning.update_event(catalogue, event_id, planning.EventPatch(capacity=capacity))
    return [None, None, sorted(i for kind, i in changes.updated if kind == "participation")]


def _add_person(catalogue, family_name: str, email: str) -> int:
    from visitplanner.services.directory import records

    data = records.PersonInput(family_name=family_name, email=email)
    return records.create_person(catalogue, data).created_id("person")


ACTIONS = {
    "accept": _accept,
    "answer": _answer,
    "remove": _remove,
    "capacity": _capacity,
    "add_person": _add_person,
}


def _say(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def main() -> None:
    from visitplanner.domain.errors import UserError
    from visitplanner.store.database import open_catalogue

    _say({"ready": True})
    while line := sys.stdin.readline().strip():
        command = json.loads(line)
        catalogue = open_catalogue(command["db"])
        try:
            with catalogue.engine.connect():
                pass  # the connection is made before the start, not in the race
            _say({"ready": True})
            sys.stdin.readline()
            try:
                result = ACTIONS[command["action"]](catalogue, *command["args"])
                _say({"ok": result})
            except UserError as exc:
                _say({"refused": str(exc)})
            except Exception:
                _say({"error": traceback.format_exc()})
        finally:
            catalogue.close()


if __name__ == "__main__":
    main()
