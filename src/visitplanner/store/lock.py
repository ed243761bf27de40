"""``<catalogue>.lock``: one holder at a time, shared by the window and every command.

Why a lock of our own when SQLite has locks? SQLite's locks on the catalogue are
POSIX advisory locks, and POSIX drops *all* of a process's locks on a file as soon
as *any* descriptor of that file is closed in that process (SQLite, "How To Corrupt
An SQLite Database File" §2.2). A file dialog that peeks into the catalogue to
choose an icon is enough. Another process closing its connection then believes it
is alone, checkpoints and deletes the ``-wal`` the window is still writing into.

This lock lives in a separate file and uses ``flock`` (POSIX) or ``msvcrt.locking``
(Windows): an ``flock`` belongs to the open file description, so no stray
open/close elsewhere in the process can release it, and the system drops it when
the process dies, so a crash never leaves a stale lock. The file also says who
holds it (program, process, user, computer, since when) so that others can name
the holder in their refusal.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import logging
import os
import socket
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType

from visitplanner.domain.errors import CatalogueError
from visitplanner.i18n import _

log = logging.getLogger(__name__)

WINDOW = "window"
# Windows locks bytes, and a locked byte cannot be read by others: lock one far past
# the holder's description so that the description stays readable.
_WINDOWS_LOCK_OFFSET = 1 << 30


def lock_path(catalogue_path: Path) -> Path:
    return catalogue_path.with_name(catalogue_path.name + ".lock")


@dataclass(frozen=True)
class Holder:
    """Who holds a catalogue, as written in its lock file."""

    program: str  # WINDOW, or the command (``backup``, ``event add``)
    pid: int
    user: str
    host: str
    since: datetime  # local time, aware

    def to_json(self) -> str:
        return json.dumps(
            {
                "program": self.program,
                "pid": self.pid,
                "user": self.user,
                "host": self.host,
                "since": self.since.isoformat(timespec="seconds"),
            }
        )

    @classmethod
    def from_json(cls, text: str) -> Holder | None:
        try:
            data = json.loads(text)
            return cls(
                program=str(data["program"]),
                pid=int(data["pid"]),
                user=str(data.get("user", "")),
                host=str(data.get("host", "")),
                since=datetime.fromisoformat(data["since"]),
            )
        except (ValueError, KeyError, TypeError):
            return None


def me(program: str) -> Holder:
    try:
        user = getpass.getuser()
    except Exception:  # no user name in this environment: the process id still says who
        user = ""
    return Holder(program, os.getpid(), user, socket.gethostname(), datetime.now().astimezone())


def read_holder(catalogue_path: Path) -> Holder | None:
    """The holder written in the lock file, if any (never call this while holding it)."""
    try:
        text = lock_path(catalogue_path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return Holder.from_json(text.strip("\0 \n")) if text.strip("\0 \n") else None


def _wait_for_holder(catalogue_path: Path) -> Holder | None:
    """The holder, given a moment to write itself down if it has only just locked."""
    for _attempt in range(5):
        holder = read_holder(catalogue_path)
        if holder is not None:
            return holder
        time.sleep(0.02)
    return None


def holder_sentence(catalogue_path: Path, holder: Holder | None) -> str:
    """One sentence naming who has the catalogue and what to do about it."""
    path = str(catalogue_path)
    if holder is None:
        return _("{path} is in use by another Visit Planner; close it or try again.").format(
            path=path
        )
    values = {
        "path": path,
        "user": holder.user or "?",
        "host": holder.host or "?",
        "pid": holder.pid,
        "since": holder.since.astimezone().strftime("%H:%M"),
    }
    if holder.program == WINDOW:
        return _(
            "{path} is open in Visit Planner by {user} on {host} (process {pid}) since "
            "{since}; close that window or try again."
        ).format(**values)
    return _(
        "{path} is in use by the command “visitplanner {command}” run by {user} on {host} "
        "(process {pid}) since {since}; wait for it to finish or try again."
    ).format(command=holder.program, **values)


class CatalogueLock:
    """The lock of one catalogue file, held from :meth:`acquire` to :meth:`release`.

    A second lock on the same file is refused even inside the same process.
    """

    def __init__(self, catalogue_path: Path, program: str = WINDOW) -> None:
        self.catalogue_path = catalogue_path
        self.path = lock_path(catalogue_path)
        self.program = program
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        """True when held; False when no lock file can be written (read-only folder).

        Raises a ``locked`` :class:`CatalogueError` naming the holder when another
        process (or another part of this one) has the catalogue.
        """
        if self._fd is not None:
            return True
        for _attempt in range(10):
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
            except OSError as exc:
                log.warning("cannot write the lock file %s: %s", self.path, exc)
                return False
            try:
                if not _try_lock(fd):
                    os.close(fd)
                    raise CatalogueError(
                        holder_sentence(self.catalogue_path, _wait_for_holder(self.catalogue_path)),
                        CatalogueError.LOCKED,
                    )
            except OSError as exc:  # a file system without locks: proceed as before, unlocked
                os.close(fd)
                log.warning("cannot lock %s: %s", self.path, exc)
                return False
            if _same_file(fd, self.path):
                break
            # The holder removed the file between our open and our lock: lock the new one.
            os.close(fd)
        else:
            return False
        self._fd = fd
        try:
            data = me(self.program).to_json().encode("utf-8")
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, data)
        except OSError as exc:  # the lock holds even if the description could not be written
            log.warning("cannot describe the holder in %s: %s", self.path, exc)
        return True

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        # Removed while still locked, so nobody can lock the old file after us.
        with contextlib.suppress(OSError):
            if _same_file(fd, self.path):
                self.path.unlink()
        with contextlib.suppress(OSError):
            _unlock(fd)
        os.close(fd)

    def __enter__(self) -> CatalogueLock:
        if not self.acquire():
            log.warning("no lock file beside %s; going on without one", self.catalogue_path)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def _same_file(fd: int, path: Path) -> bool:
    if sys.platform == "win32":
        return True  # a file open on Windows cannot be removed, so it cannot change under us
    try:
        mine, current = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return (mine.st_dev, mine.st_ino) == (current.st_dev, current.st_ino)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except PermissionError:
            return False
        finally:
            os.lseek(fd, 0, os.SEEK_SET)
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


@contextlib.contextmanager
def command_lock(
    db: str | None, command: str, *, needed: bool = True
) -> Iterator[CatalogueLock | None]:
    """Holds the catalogue's lock for one command, and closes its catalogues before letting go.

    A database server, an unnamed catalogue or a command that opens none (``needed``
    False) needs no file lock. When the lock file
    cannot be written (read-only folder, a folder that does not exist yet) the command
    goes on without it, as the window does: opening will say what is wrong, if anything.
    """
    from visitplanner.store.database import catalogue_file, close_all, open_ids

    path = catalogue_file(db) if needed else None
    if path is None or path.is_dir():
        yield None
        return
    lock = CatalogueLock(path, command)
    held = lock.acquire()
    already_open = open_ids()
    try:
        yield lock if held else None
    finally:
        # No connection of the command may outlive the lock: the next holder must be alone.
        close_all(keep=already_open)
        lock.release()
