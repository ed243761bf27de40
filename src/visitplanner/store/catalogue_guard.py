"""Background work and the closing of a catalogue never overlap.

The window syncs the shared story and writes the daily backup in threads. A
restore replaces the catalogue's content and the window then reopens it; exiting
closes it. If a sync were still writing through the old engine meanwhile, it would
write into the file being swapped, or keep a connection open past the close. So
background work holds the catalogue's guard while it uses the catalogue, and
closing waits for it to let go; once closed, background work finds the guard
closed and does nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager


class CatalogueGuard:
    """Shared by background users of one catalogue, taken whole to close it."""

    def __init__(self) -> None:
        self._state = threading.Condition()
        self._users = 0
        self._closing = False
        self.closed = False

    @property
    def users(self) -> int:
        with self._state:
            return self._users

    @contextmanager
    def shared(self) -> Iterator[bool]:
        """``with guard.shared() as usable:`` — False once the catalogue is closed.

        Waits while the catalogue is being closed, so no work starts on a file that
        is being swapped.
        """
        with self._state:
            self._state.wait_for(lambda: not self._closing)
            if self.closed:
                usable = False
            else:
                usable = True
                self._users += 1
        try:
            yield usable
        finally:
            if usable:
                with self._state:
                    self._users -= 1
                    self._state.notify_all()

    def close(self, timeout: float | None = None) -> bool:
        """Waits until no background work uses the catalogue, then marks it closed.

        Returns False (and leaves it open) when work still runs after ``timeout``
        seconds. Never call this from work that holds the guard.
        """
        with self._state:
            if self.closed:
                return True
            self._closing = True
            try:
                if not self._state.wait_for(lambda: self._users == 0, timeout):
                    return False
                self.closed = True
                return True
            finally:
                self._closing = False
                self._state.notify_all()
