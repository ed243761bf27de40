"""The shared narrative log ("récit commun"): the collective's story, entry by entry."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from visitplanner.services.query import with_search
from visitplanner.store.database import Catalogue
from visitplanner.store.models import LogEntry


@dataclass(frozen=True)
class LogEntryView:
    uuid: str
    revision: int
    date: date
    title: str
    text: str | None
    kind: str
    author: str | None
    event_id: int | None
    debrief_id: int | None
    dynamic_names: tuple[str, ...]


def list_log(
    catalogue: Catalogue, search: str | None = None, limit: int | None = None
) -> list[LogEntryView]:
    """Entries newest first, as the timeline shows them."""
    with catalogue.session() as session:
        stmt = with_search(select(LogEntry), LogEntry.search_key, search)
        stmt = stmt.order_by(LogEntry.entry_date.desc(), LogEntry.id.desc()).limit(limit)
        return [
            LogEntryView(
                e.uuid,
                e.revision,
                e.entry_date,
                e.title,
                e.text,
                e.kind,
                e.author,
                e.event_id,
                e.debrief_id,
                tuple(d.name for d in e.dynamics),
            )
            for e in session.scalars(stmt)
        ]
