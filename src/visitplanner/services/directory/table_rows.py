"""Rows for the window's big lists: ids first, then the few rows on screen.

A list of 100,000 people is shown by fetching the ordered ids once (one
indexed query) and the visible rows in small batches, never every record.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select

from visitplanner.domain.enums import ActorType, DynamicKind
from visitplanner.i18n import number
from visitplanner.services.query import with_search
from visitplanner.store.database import Catalogue
from visitplanner.store.id_columns import integer_column
from visitplanner.store.models import Dynamic, Host, Person
from visitplanner.store.types import byte_order


@dataclass(frozen=True)
class TableQuery:
    search: str | None = None
    actor_type: str | None = None
    kind: str | None = None
    dynamic_id: int | None = None
    region: str | None = None
    status: str | None = None
    period: str | None = None  # "upcoming", "past" or None for all


@dataclass(frozen=True)
class Row:
    id: int
    cells: tuple[str, ...]


def _rows(
    catalogue: Catalogue,
    stmt: Select[Any],
    ids: Sequence[int],
    cells: Callable[[Any], tuple[str, ...]],
) -> list[Row]:
    """The rows ``stmt`` finds (its first column the id), in the order of ``ids``."""
    with catalogue.session() as session:
        found = {r.id: Row(r.id, cells(r)) for r in session.execute(stmt)}
    return [found[i] for i in ids if i in found]


def people_ids(catalogue: Catalogue, query: TableQuery) -> list[int]:
    stmt = select(Person.id).where(Person.deleted_at.is_(None))
    stmt = with_search(stmt, Person.search_key, query.search)
    if query.actor_type:
        stmt = stmt.where(Person.actor_type == query.actor_type)
    if query.dynamic_id is not None:
        stmt = stmt.where(Person.dynamics.any(Dynamic.id == query.dynamic_id))
    with catalogue.session() as session:
        return integer_column(session, stmt.order_by(Person.sort_key, Person.id))


def people_rows(catalogue: Catalogue, ids: Sequence[int]) -> list[Row]:
    """Name, organisation, actor type, e-mail: what a coordinator scans a list for."""
    stmt = select(
        Person.id,
        Person.family_name,
        Person.given_name,
        Person.organisation,
        Person.actor_type,
        Person.email,
    ).where(Person.id.in_(list(ids)))
    return _rows(catalogue, stmt, ids, _person_cells)


def _person_cells(r: Any) -> tuple[str, ...]:
    return (
        ", ".join(p for p in (r.family_name, r.given_name) if p),
        r.organisation or "",
        ActorType.label_of(r.actor_type),
        r.email or "",
    )


def host_ids(catalogue: Catalogue, query: TableQuery) -> list[int]:
    stmt = select(Host.id).where(Host.deleted_at.is_(None))
    stmt = with_search(stmt, Host.search_key, query.search)
    if query.actor_type:
        stmt = stmt.where(Host.actor_type == query.actor_type)
    if query.dynamic_id is not None:
        stmt = stmt.where(Host.dynamics.any(Dynamic.id == query.dynamic_id))
    with catalogue.session() as session:
        return integer_column(session, stmt.order_by(byte_order(Host.search_key), Host.id))


def host_rows(catalogue: Catalogue, ids: Sequence[int]) -> list[Row]:
    stmt = select(Host.id, Host.name, Host.city, Host.actor_type, Host.capacity).where(
        Host.id.in_(list(ids))
    )
    return _rows(catalogue, stmt, ids, _host_cells)


def _host_cells(r: Any) -> tuple[str, ...]:
    return (
        r.name,
        r.city or "",
        ActorType.label_of(r.actor_type),
        "" if r.capacity is None else number(r.capacity),
    )


def dynamic_ids(catalogue: Catalogue, query: TableQuery) -> list[int]:
    stmt = select(Dynamic.id).where(Dynamic.deleted_at.is_(None))
    stmt = with_search(stmt, Dynamic.search_key, query.search)
    if query.kind:
        stmt = stmt.where(Dynamic.kind == query.kind)
    if query.region:
        stmt = stmt.where(Dynamic.region == query.region)
    with catalogue.session() as session:
        return integer_column(session, stmt.order_by(byte_order(Dynamic.search_key), Dynamic.id))


def dynamic_regions(catalogue: Catalogue) -> list[str]:
    """The regions in use, for the dynamics page's region filter."""
    stmt = (
        select(Dynamic.region)
        .where(Dynamic.deleted_at.is_(None), Dynamic.region.is_not(None))
        .distinct()
        .order_by(Dynamic.region)
    )
    with catalogue.session() as session:
        return [r for r in session.scalars(stmt) if r]


def dynamic_choices(catalogue: Catalogue) -> list[tuple[int, str]]:
    """(id, name) of every live dynamic, for filters and pickers."""
    stmt = (
        select(Dynamic.id, Dynamic.name)
        .where(Dynamic.deleted_at.is_(None))
        .order_by(byte_order(Dynamic.search_key), Dynamic.id)
    )
    with catalogue.session() as session:
        return [(r.id, r.name) for r in session.execute(stmt)]


def dynamic_rows(catalogue: Catalogue, ids: Sequence[int]) -> list[Row]:
    stmt = select(Dynamic.id, Dynamic.name, Dynamic.kind, Dynamic.region, Dynamic.territory)
    stmt = stmt.where(Dynamic.id.in_(list(ids)))
    return _rows(catalogue, stmt, ids, _dynamic_cells)


def _dynamic_cells(r: Any) -> tuple[str, ...]:
    return (r.name, DynamicKind.label_of(r.kind), r.region or "", r.territory or "")


def event_ids(catalogue: Catalogue, query: TableQuery) -> list[int]:
    """Events newest first when looking back, soonest first when looking ahead."""
    from datetime import UTC, datetime

    from visitplanner.store.models import Event, EventDynamic

    now = datetime.now(UTC)
    stmt = select(Event.id).where(Event.deleted_at.is_(None))
    stmt = with_search(stmt, Event.search_key, query.search)
    if query.kind:
        stmt = stmt.where(Event.kind == query.kind)
    if query.status:
        stmt = stmt.where(Event.status == query.status)
    if query.dynamic_id is not None:
        stmt = stmt.where(
            Event.id.in_(
                select(EventDynamic.event_id).where(EventDynamic.dynamic_id == query.dynamic_id)
            )
        )
    if query.period == "upcoming":
        stmt = stmt.where(Event.ends_at >= now).order_by(Event.starts_at, Event.id)
    elif query.period == "past":
        stmt = stmt.where(Event.ends_at < now).order_by(Event.starts_at.desc(), Event.id.desc())
    else:
        stmt = stmt.order_by(Event.starts_at.desc(), Event.id.desc())
    with catalogue.session() as session:
        return integer_column(session, stmt)


def event_rows(catalogue: Catalogue, ids: Sequence[int]) -> list[Row]:
    from zoneinfo import ZoneInfo

    from visitplanner.domain.enums import EventKind, EventStatus
    from visitplanner.store.models import Event, Participation

    accepted = (
        select(func.count())
        .where(Participation.event_id == Event.id, Participation.status == "accepted")
        .correlate(Event)
        .scalar_subquery()
    )
    stmt = select(
        Event.id,
        Event.starts_at,
        Event.timezone,
        Event.all_day,
        Event.title,
        Event.kind,
        Event.status,
        Event.capacity,
        accepted.label("accepted"),
    ).where(Event.id.in_(list(ids)))

    def cells(r: Any) -> tuple[str, ...]:
        start = r.starts_at.astimezone(ZoneInfo(r.timezone))
        when = start.strftime("%Y-%m-%d") if r.all_day else start.strftime("%Y-%m-%d %H:%M")
        accepted = number(r.accepted)
        places = f"{accepted} / {number(r.capacity)}" if r.capacity is not None else accepted
        return (when, r.title, EventKind.label_of(r.kind), EventStatus.label_of(r.status), places)

    return _rows(catalogue, stmt, ids, cells)
