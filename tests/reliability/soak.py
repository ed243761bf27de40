"""Acknowledged means durable: writers killed with SIGKILL at random moments lose nothing.

Shared by ``tests/reliability/test_soak.py`` (100 kills in CI) and
``benchmarks/soak.py`` (as many as asked, with figures).

Each run forks a writer, which is one of:

- ``service``: the window's path: ``app.open_locked`` (the window's lock, then the
  store), then people saved one by one through ``services.catalogue`` as the People
  page saves them;
- ``cli``: ``visitplanner event add ...`` commands run one after the other through
  ``cli.main``, the command line's own entry point (lock, open, service, close).

The writer acknowledges each write on a pipe once the call has returned (for a
command: once it exited 0). The parent copies every acknowledgement into its own
journal file, kills the writer with SIGKILL after a random delay (sometimes while
it is still creating or migrating the catalogue), and then checks with a fresh
SQLite connection that ``PRAGMA integrity_check`` is ``ok`` and that every write
ever acknowledged is in the catalogue.
"""

from __future__ import annotations

import os
import random
import select
import signal
import sqlite3
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

MODES = ("service", "cli")
# ``visitplanner event add ... --title``, the title following.
EVENT_ADD = (
    *("event", "add", "--kind", "visit"),
    *("--start", "2026-03-02T10:00", "--end", "2026-03-02T12:00", "--title"),
)


@dataclass
class Figures:
    runs: int = 0
    kills: int = 0
    acknowledged: int = 0
    lost: list[str] = field(default_factory=list)
    integrity: dict[str, int] = field(default_factory=dict)
    by_mode: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    before_first_write: int = 0  # kills while the writer was still opening the catalogue
    startup: dict[str, float] = field(default_factory=dict)

    def lines(self) -> list[str]:
        checks = ", ".join(f"{k}: {v}" for k, v in sorted(self.integrity.items()))
        modes = ", ".join(f"{k}: {v}" for k, v in sorted(self.by_mode.items()))
        return [
            f"runs                 {self.runs}",
            f"kills (SIGKILL)      {self.kills} ({self.before_first_write} before a first write)",
            f"acknowledged writes  {self.acknowledged} ({modes})",
            f"lost writes          {len(self.lost)}",
            f"integrity_check      {checks}",
            f"time                 {self.seconds:.1f} s",
            "first write after   (median) "
            + ", ".join(f"{k}: {v * 1000:.0f} ms" for k, v in sorted(self.startup.items())),
        ]


def _writer(mode: str, db: Path, run: int, ack: int) -> None:
    """The child: writes until killed, acknowledging each write once it returned."""
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    if mode == "service":
        from visitplanner.app import open_locked
        from visitplanner.services.directory import records as cat

        catalogue, _lock = open_locked(str(db))
        for i in range(100_000):
            name = f"person-{run}-{i}"
            cat.create_person(catalogue, cat.PersonInput(family_name=name))
            os.write(ack, f"{name}\n".encode())
    else:
        from visitplanner.cli.main import main

        for i in range(100_000):
            title = f"event-{run}-{i}"
            code = main(["--db", str(db), *EVENT_ADD, title])
            if code != 0:
                os.write(ack, f"!exit {code}\n".encode())
                return
            os.write(ack, f"{title}\n".encode())


def _fork_writer(mode: str, db: Path, run: int) -> tuple[int, int]:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the writer
        os.close(read_end)
        code = 0
        try:
            _writer(mode, db, run, write_end)
        except BaseException as exc:  # reported to the parent, which fails the run
            os.write(write_end, f"!{type(exc).__name__}: {exc}\n".encode())
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    return pid, read_end


class _Acks:
    """The parent's end of a writer's pipe; every line read is journaled at once."""

    def __init__(self, read_end: int, journal, acked: list[str]) -> None:
        self.read_end, self.journal, self.acked = read_end, journal, acked
        self.pending = b""

    def collect(self, until: float, stop_after: int | None = None) -> None:
        """Reads until ``until`` (monotonic), the end of the pipe, or ``stop_after`` in all."""
        while stop_after is None or len(self.acked) < stop_after:
            left = until - time.monotonic()
            if left <= 0:
                return
            ready, _, _ = select.select([self.read_end], [], [], left)
            if not ready:
                return
            chunk = os.read(self.read_end, 65536)
            if not chunk:
                return
            *lines, self.pending = (self.pending + chunk).split(b"\n")
            for line in lines:
                text = line.decode()
                if text.startswith("!"):
                    raise AssertionError(f"the writer failed: {text[1:]}")
                self.journal.write(text + "\n")
                self.journal.flush()
                self.acked.append(text)


def _present(db: Path) -> tuple[set[str], str]:
    if not db.exists():
        return set(), "ok"
    conn = sqlite3.connect(db)
    try:
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        found: set[str] = set()
        if "people" in tables:
            found |= {r[0] for r in conn.execute("SELECT family_name FROM people")}
        if "events" in tables:
            found |= {r[0] for r in conn.execute("SELECT title FROM events")}
        return found, check
    finally:
        conn.close()


def _warm_up(folder: Path) -> None:
    """Both paths once in this process, so that the forked writers find every module
    (even those imported on first use) loaded and start writing at once."""
    import contextlib
    import io

    from visitplanner.app import open_locked
    from visitplanner.cli.main import main
    from visitplanner.services.directory import records as cat

    folder.mkdir(parents=True, exist_ok=True)
    catalogue, lock = open_locked(str(folder / "warm.sqlite"))
    cat.create_person(catalogue, cat.PersonInput(family_name="warm"))
    catalogue.close()
    if lock is not None:
        lock.release()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        main(["--db", str(folder / "warm.sqlite"), *EVENT_ADD, "warm"])


def run_soak(
    folder: Path, runs: int, *, seed: int | None = None, max_delay: float = 0.1
) -> Figures:
    """``runs`` writers killed at random moments; returns what was acknowledged and lost."""
    if sys.platform == "win32":
        raise RuntimeError("the soak test forks and kills with SIGKILL (POSIX only)")
    _warm_up(folder / "warm-up")
    rng = random.Random(seed)
    db = folder / "soak.sqlite"
    figures = Figures()
    started = time.monotonic()
    acked: list[str] = []
    starts: dict[str, list[float]] = {}  # time to the first write, per kind of writer
    with open(folder / "acknowledged.journal", "a", encoding="utf-8") as journal:
        for run in range(runs):
            mode = MODES[run % len(MODES)]
            before = len(acked)
            forked = time.monotonic()
            pid, read_end = _fork_writer(mode, db, run)
            acks = _Acks(read_end, journal, acked)
            try:
                seen = starts.setdefault(mode, [])
                if not seen:  # first of its kind: how long until it writes?
                    acks.collect(forked + 60, stop_after=before + 1)
                    seen.append(time.monotonic() - forked)
                # Killed before its first write about a third of the time (while it
                # opens, creates or upgrades the catalogue), else while writing.
                delay = rng.uniform(0.0, 1.5 * statistics.median(seen) + max_delay)
                acks.collect(forked + delay, stop_after=before + 1)
                if len(acked) > before:
                    seen.append(time.monotonic() - forked)
                acks.collect(forked + delay)
                os.kill(pid, signal.SIGKILL)
                figures.kills += 1
                figures.before_first_write += len(acked) == before
                os.waitpid(pid, 0)
                # What the writer acknowledged before it died is still in the pipe.
                acks.collect(time.monotonic() + 5)
            finally:
                os.close(read_end)
                try:
                    os.kill(pid, signal.SIGKILL)
                    os.waitpid(pid, 0)
                except (ProcessLookupError, ChildProcessError):
                    pass
            figures.runs += 1
            figures.by_mode[mode] = figures.by_mode.get(mode, 0) + len(acked) - before
            found, check = _present(db)
            figures.integrity[check] = figures.integrity.get(check, 0) + 1
            figures.lost = [name for name in acked if name not in found]
            if figures.lost or check != "ok":
                break
    figures.startup = {mode: statistics.median(seen) for mode, seen in starts.items()}
    figures.acknowledged = len(acked)
    figures.seconds = time.monotonic() - started
    return figures
