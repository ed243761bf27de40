"""Undoing and redoing a whole calendar import as one step of the history.

An import may create or update thousands of events; the coordinator who sees a
wrong file went in wants it gone in one Undo, not one event at a time. Undoing
moves the created events to the trash (nothing is destroyed, so Redo brings
the same ids back) and puts every updated event back as it was, in one
transaction; Redo does the reverse. If an event was emptied from the trash
meanwhile, the step refuses and changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, update

from visitplanner.domain.errors import UserError
from visitplanner.i18n import _
from visitplanner.services.changes import ChangeKind, Changes
from visitplanner.store.database import Catalogue
from visitplanner.store.models import Event
from visitplanner.store.types import utcnow

# The columns an import sets on an event it updates: what undo puts back.
FIELDS = (
    "sequence",
    "title",
    "starts_at",
    "ends_at",
    "timezone",
    "all_day",
    "location",
    "objectives",
    "status",
    "deleted_at",
    "search_key",
)
_CHUNK = 500

Update = tuple[int, dict[str, Any], dict[str, Any]]  # event id, columns before, columns after


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for begin in range(0, len(ids), _CHUNK):
        yield ids[begin : begin + _CHUNK]


@dataclass(frozen=True)
class ImportStep:
    """One import: the events it created and, for those it updated, the columns before and after.

    ``label`` is what Undo and Redo show ("import calendar “partner.ics”").
    """

    label: str
    created: tuple[int, ...]
    updated: tuple[Update, ...]

    @property
    def changes(self) -> Changes:
        return Changes.of(
            created=[(ChangeKind.EVENT, i) for i in self.created],
            updated=[(ChangeKind.EVENT, i) for i, _before, _after in self.updated],
        )

    def revert(self, catalogue: Catalogue) -> Changes:
        """Created events go to the trash, updated ones get their columns back."""
        return self._run(catalogue, undo=True)

    def apply(self, catalogue: Catalogue) -> Changes:
        """Created events come back from the trash, updated ones get the file's columns again."""
        return self._run(catalogue, undo=False)

    def _run(self, catalogue: Catalogue, *, undo: bool) -> Changes:
        with catalogue.session() as session:
            now = utcnow()
            for ids in _chunks(self.created):
                found = session.scalar(select(func.count()).where(Event.id.in_(ids)))
                if found != len(ids):
                    raise UserError(
                        _("some of the imported events were emptied from the trash since.")
                    )
                session.execute(
                    update(Event)
                    .where(Event.id.in_(ids))
                    .values(deleted_at=now if undo else None, updated_at=now)
                )
            rows = [
                {"id": i, **(before if undo else after), "updated_at": now}
                for i, before, after in self.updated
            ]
            if rows:
                # Each row's version as it is now: the ORM's bulk UPDATE names and bumps it.
                present = dict(
                    session.execute(
                        select(Event.id, Event.version).where(Event.id.in_([r["id"] for r in rows]))
                    ).all()
                )
                if len(present) != len(rows):
                    raise UserError(
                        _("some of the updated events were emptied from the trash since.")
                    )
                session.execute(update(Event), [{**r, "version": present[r["id"]]} for r in rows])
        if undo:
            return Changes.of(
                deleted=[(ChangeKind.EVENT, i) for i in self.created],
                updated=[(ChangeKind.EVENT, i) for i, _b, _a in self.updated],
            )
        return self.changes
