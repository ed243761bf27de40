"""Listening for the other coordinators' changes on a team catalogue (PostgreSQL NOTIFY).

Each committed write on a server sends one notice on :data:`audit.CHANNEL` (see
:mod:`visitplanner.store.audit`); a window keeps one connection listening and hands
each notice to a callback, from a thread of its own. A lost connection is retried
quietly: the window goes on working, it only stops refreshing by itself meanwhile.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from visitplanner.store.audit import CHANNEL, Notice
from visitplanner.store.database import Catalogue

log = logging.getLogger(__name__)

RETRY_SECONDS = 5.0


class Listener:
    """Calls ``on_notice`` for every notice another process sends about ``catalogue``."""

    def __init__(self, catalogue: Catalogue, on_notice: Callable[[Notice], None]) -> None:
        self.catalogue = catalogue
        self.on_notice = on_notice
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="visitplanner-listen", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def wait_ready(self, timeout: float = 5.0) -> bool:
        """True once listening (tests wait for it before writing elsewhere)."""
        return self._ready.wait(timeout)

    def stop(self, timeout: float = 3.0) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self._listen()
            except Exception as exc:  # the server went away: try again a little later
                log.info("listening for changes stopped: %s", exc)
                self._ready.clear()
                self._stop.wait(RETRY_SECONDS)

    def _listen(self) -> None:
        fairy = self.catalogue.engine.raw_connection()
        connection = fairy.driver_connection
        try:
            # Not back to the pool afterwards: a pooled connection must not keep listening.
            fairy.detach()
            connection.autocommit = True
            connection.execute(f"LISTEN {CHANNEL}")
            self._ready.set()
            while not self._stop.is_set():
                for message in connection.notifies(timeout=0.5, stop_after=1):
                    notice = Notice.from_json(message.payload)
                    if notice is not None:
                        self.on_notice(notice)
        finally:
            connection.close()
