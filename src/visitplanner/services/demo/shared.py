"""What the small and the large demo are both made with.

The reference day both are written against, the deterministic identifiers and
contact details of fictional records, and the counter behind the progress bar.
Identifiers are derived from a fixed namespace rather than drawn at random so
that two loads, on any machine, give the same event UIDs and log-entry UUIDs.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date

from visitplanner.domain.text import fold

Progress = Callable[[int, int], None]

# The demo's "today": past visits, overdue actions and upcoming events are relative to it.
TODAY = date(2026, 11, 26)
# Fixed so that event UIDs and log-entry UUIDs are the same on every machine and every load.
NAMESPACE = uuid.UUID("5d0f3c1e-8a54-4c1b-9b8e-2f6a0d4e7c21")
UID_DOMAIN = "visitplanner"


def event_uid(name: str) -> str:
    return f"{uuid.uuid5(NAMESPACE, 'event:' + name)}@{UID_DOMAIN}"


def story_uuid(name: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "log:" + name))


def demo_email(given: str | None, family: str, suffix: str = "") -> str:
    """``prenom.nom@example.org`` without accents, spaces or apostrophes."""
    parts = [fold(p).replace(" ", "-") for p in (given, family) if p]
    return f"{'.'.join(parts)}{suffix}@example.org"


def phone_number(index: int) -> str:
    """A deterministic French mobile number, written the French way."""
    digits = f"{(index * 7_919 + 1_234_567) % 100_000_000:08d}"
    prefix = "06" if index % 3 else "07"
    return " ".join([prefix, *(digits[i : i + 2] for i in range(0, 8, 2))])


class Ticker:
    """Counts written rows and reports them to the optional progress callback."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress = progress
        self.total = total
        self.done = 0

    def advance(self, rows: int) -> None:
        self.done = min(self.total, self.done + rows)
        if self.progress is not None:
            self.progress(self.done, self.total)

    def finish(self) -> None:
        self.advance(self.total - self.done)
