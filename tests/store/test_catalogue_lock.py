"""``<catalogue>.lock``: one holder at a time, named to whoever is refused."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from visitplanner.cli.main import main
from visitplanner.domain.errors import CatalogueError
from visitplanner.i18n import set_language
from visitplanner.store.lock import WINDOW, CatalogueLock, holder_sentence, read_holder


def test_the_holder_is_written_down_and_a_second_lock_refused(db_path):
    db_path.parent.mkdir(parents=True, exist_ok=True)
    lock = CatalogueLock(db_path)
    assert lock.acquire()
    try:
        holder = read_holder(db_path)
        assert holder is not None
        assert (holder.program, holder.pid, holder.host) == (
            WINDOW,
            os.getpid(),
            socket.gethostname(),
        )
        with pytest.raises(CatalogueError) as refused:
            CatalogueLock(db_path, "backup").acquire()
        assert refused.value.reason == CatalogueError.LOCKED
        assert f"(process {os.getpid()})" in refused.value.message
    finally:
        lock.release()
    assert not lock.path.exists()
    again = CatalogueLock(db_path, "backup")
    assert again.acquire()
    assert read_holder(db_path).program == "backup"
    again.release()


def test_a_stray_open_and_close_of_the_lock_file_keeps_the_lock(db_path):
    """flock belongs to the open file description: unlike SQLite's POSIX locks, no
    other descriptor closed in this process lets it go."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    lock = CatalogueLock(db_path)
    assert lock.acquire()
    try:
        with open(lock.path, "rb") as peek:
            peek.read()
        with pytest.raises(CatalogueError):
            CatalogueLock(db_path).acquire()
    finally:
        lock.release()


@pytest.mark.skipif(sys.platform == "win32", reason="kill -9")
def test_a_lock_left_by_a_killed_process_is_taken_over(db_path):
    db_path.parent.mkdir(parents=True, exist_ok=True)
    code = (
        "import sys; from pathlib import Path; from visitplanner.store.lock import CatalogueLock;"
        "l = CatalogueLock(Path(sys.argv[1])); assert l.acquire(); print('held', flush=True);"
        "sys.stdin.readline()"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    child = subprocess.Popen(
        [sys.executable, "-c", code, str(db_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert child.stdout.readline().strip() == "held"
        with pytest.raises(CatalogueError) as refused:
            CatalogueLock(db_path).acquire()
        assert f"(process {child.pid})" in refused.value.message
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    lock = CatalogueLock(db_path)
    assert lock.acquire()  # no stale lock to clean up by hand
    lock.release()


@pytest.mark.sqlite_only(reason="the lock beside the catalogue file")
def test_a_command_is_refused_while_the_window_holds_the_catalogue(catalogue, db_path, capsys):
    lock = CatalogueLock(db_path)
    assert lock.acquire()
    try:
        code = main(
            [
                "--db",
                str(db_path),
                "event",
                "add",
                "--kind",
                "visit",
                "--title",
                "Visite",
                "--start",
                "2026-03-02T10:00",
                "--end",
                "2026-03-02T12:00",
            ]
        )
    finally:
        lock.release()
    err = capsys.readouterr().err.strip()
    assert code == 1
    assert err.startswith(f"{db_path} is open in Visit Planner by ")
    assert err.endswith("close that window or try again.")
    assert main(["--db", str(db_path), "list", "events", "--json"]) == 0
    assert capsys.readouterr().out.strip() == "[]"  # nothing was changed


def test_the_refusal_reads_in_french(db_path):
    from datetime import datetime

    from visitplanner.store.lock import Holder

    set_language("fr")
    since = datetime(2026, 3, 2, 9, 12).astimezone()
    holder = Holder(WINDOW, 1234, "marie", "portable-marie", since)
    sentence = holder_sentence(Path("/data/catalogue.sqlite"), holder)
    assert sentence == (
        "Le catalogue /data/catalogue.sqlite est ouvert dans Visit Planner par marie sur "
        "portable-marie (processus 1234) depuis 09:12\u00a0; fermez la fenêtre ou réessayez."
    )


def test_preferences_need_no_catalogue_lock(db_path, capsys):
    db_path.parent.mkdir(parents=True, exist_ok=True)
    lock = CatalogueLock(db_path)
    assert lock.acquire()
    try:
        assert main(["--db", str(db_path), "config", "set", "organiser_name", "Marie"]) == 0
        assert main(["--db", str(db_path), "config", "get", "organiser_name"]) == 0
    finally:
        lock.release()
    assert capsys.readouterr().out.strip().endswith("Marie")


@pytest.mark.sqlite_only(reason="the lock beside the catalogue file")
def test_a_command_closes_what_it_opened_before_letting_the_lock_go(catalogue, db_path, capsys):
    from visitplanner.store import database

    before = database.open_ids()
    assert main(["--db", str(db_path), "list", "events"]) == 0
    assert database.open_ids() == before  # its own catalogue closed, the others left open
    assert not catalogue.guard.closed
    assert not CatalogueLock(db_path).path.exists()
