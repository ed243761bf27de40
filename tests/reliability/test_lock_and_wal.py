"""A command run beside the window never makes the window's saves go missing.

The defect: with the window open, a file dialog browsing the catalogue's folder
opened and closed the catalogue file, which dropped the window process's POSIX
locks on it (SQLite, "How To Corrupt An SQLite Database File" §2.2). A
``visitplanner`` command run next closed its connection believing it was alone,
checkpointed and deleted the ``-wal`` the window went on writing into: saves
announced as done were gone once the window process ended.

Here a real second process plays the window, a real command runs beside it, and
the window process is killed with SIGKILL before the check.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="kill -9 and POSIX locks")

CHILD = Path(__file__).with_name("window_child.py")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    return env


def _read_until(child: subprocess.Popen[str], marker: str, saved: list[str]) -> None:
    assert child.stdout is not None
    for line in child.stdout:
        line = line.strip()
        if line.startswith("saved "):
            saved.append(line.removeprefix("saved "))  # the journal of acknowledged saves
        elif line == marker:
            return
    raise AssertionError(f"the window process ended before saying {marker!r}")


def _names(path: Path) -> tuple[set[str], str]:
    with sqlite3.connect(path) as conn:
        names = {row[0] for row in conn.execute("SELECT family_name FROM people")}
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
    conn.close()
    return names, check


def test_a_command_beside_the_window_is_refused_and_every_save_survives_a_kill(tmp_path):
    db = tmp_path / "catalogue.sqlite"
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    saved: list[str] = []
    try:
        _read_until(child, "ready", saved)
        command = subprocess.run(
            [sys.executable, "-m", "visitplanner", "--db", str(db), "list", "people"],
            capture_output=True,
            text=True,
            env=_env(),
            timeout=120,
        )
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
        _read_until(child, "done", saved)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()

    assert command.returncode == 1, command.stdout
    refusal = command.stderr.strip()
    assert refusal.startswith(f"{db} is open in Visit Planner by ")
    assert f"(process {child.pid})" in refusal
    assert refusal.endswith("close that window or try again.")
    assert "\n" not in refusal and "Traceback" not in refusal
    assert len(saved) == 15
    names, check = _names(db)
    assert check == "ok"
    assert set(saved) <= names, f"lost: {sorted(set(saved) - names)}"


def test_once_the_window_is_gone_the_command_runs(tmp_path):
    db = tmp_path / "catalogue.sqlite"
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    saved: list[str] = []
    try:
        _read_until(child, "ready", saved)
    finally:
        child.send_signal(signal.SIGKILL)  # a crash leaves no stale lock behind
        child.wait()
    command = subprocess.run(
        [sys.executable, "-m", "visitplanner", "--db", str(db), "list", "people", "--json"],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=120,
    )
    assert command.returncode == 0, command.stderr
    assert set(saved) <= {p["family_name"] for p in json.loads(command.stdout)}
