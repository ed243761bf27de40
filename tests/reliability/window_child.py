"""Plays the window in a process of its own, for tests/reliability/test_lock_and_wal.py.

    python window_child.py CATALOGUE

Opens the catalogue the way the window does (``app.open_locked``: the window's lock,
then the store), saves people through the same service the People page calls, and
prints ``saved NAME`` once each save has returned. Between saves it opens and
closes the catalogue file with plain ``open()``, as a file dialog looking for an
icon does. It prints ``ready`` and waits for a line on its input, saves a few more,
prints ``done`` and then waits to be killed.
"""

from __future__ import annotations

import sys
from pathlib import Path


def save(catalogue, name: str) -> None:  # type: ignore[no-untyped-def]
    from visitplanner.services.directory import records as cat

    cat.create_person(catalogue, cat.PersonInput(family_name=name))
    print(f"saved {name}", flush=True)


def main(path: Path) -> None:
    from visitplanner.app import open_locked

    catalogue, lock = open_locked(str(path))
    assert lock is not None
    for i in range(5):
        save(catalogue, f"before-{i}")
    with open(path, "rb") as peek:  # what a native file dialog does for an icon
        peek.read(100)
    for i in range(5):
        save(catalogue, f"after-peek-{i}")
    print("ready", flush=True)
    sys.stdin.readline()
    for i in range(5):
        save(catalogue, f"after-command-{i}")
    print("done", flush=True)
    sys.stdin.readline()  # killed here


if __name__ == "__main__":
    main(Path(sys.argv[1]))
