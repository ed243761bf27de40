"""Small query helpers shared by the services: folded search and id lookups."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import Select
from sqlalchemy.orm import Session

from visitplanner.domain.errors import NotFoundError
from visitplanner.domain.text import search_terms

T = TypeVar("T")


def with_search(stmt: Select[Any], column: Any, query: str | None) -> Select[Any]:
    """Every folded word of ``query`` must appear in the record's folded key."""
    for term in search_terms(query):
        escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        stmt = stmt.where(column.like(f"%{escaped}%", escape="\\"))
    return stmt


def get_live(session: Session, model: type[T], record_id: int, message: str) -> T:
    """The record with ``record_id`` unless it is missing or in the trash."""
    record = session.get(model, record_id)
    if record is None or getattr(record, "deleted_at", None) is not None:
        raise NotFoundError(message)
    return record
