"""A record's history as people read it: when, who, what was done, which fields.

Read from the audit trail every write leaves (:mod:`visitplanner.store.audit`). On a
team catalogue it is how coordinators see who changed a person's e-mail last week;
on a laptop it still says when a record was made and changed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from visitplanner.i18n import _
from visitplanner.store import audit
from visitplanner.store.database import Catalogue


@dataclass(frozen=True)
class HistoryLine:
    at: datetime
    coordinator: str
    db_user: str
    action: str  # create, update, trash, restore, erase, delete
    fields: tuple[str, ...]


def record_history(catalogue: Catalogue, kind: str, record_id: int) -> list[HistoryLine]:
    """Newest first, as a history is read."""
    with catalogue.session() as session:
        rows = audit.history(session, kind, record_id)
        return [
            HistoryLine(
                at=row.at,
                coordinator=row.coordinator,
                db_user=row.db_user,
                action=row.action,
                fields=tuple(json.loads(row.fields)) if row.fields else (),
            )
            for row in reversed(rows)
        ]


def action_label(action: str) -> str:
    return {
        "create": _("Created"),
        "update": _("Changed"),
        "trash": _("Moved to the trash"),
        "restore": _("Restored"),
        "erase": _("Erased (RGPD)"),
        "delete": _("Deleted"),
    }.get(action, action)
