"""Cooperation links between dynamics and the cross-family share, counted in SQL."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, case, distinct, func, or_, select
from sqlalchemy.orm import aliased

from visitplanner.services.reports.families import ECONOMIC, ESS
from visitplanner.store.models import Dynamic, Event, EventDynamic


@dataclass(frozen=True)
class Link:
    from_id: int
    to_id: int
    events: int


def links_and_crossings(session: Any, chosen: Any) -> tuple[tuple[Link, ...], int, int]:
    """Visiting -> visited pairs with their number of events, the learning visits that link
    two dynamics, and how many of those cross from an economic dynamic to an ESS one."""
    visiting = aliased(EventDynamic)
    visited = aliased(EventDynamic)
    from_dynamic = aliased(Dynamic)
    to_dynamic = aliased(Dynamic)
    pairs = (
        select(visiting.dynamic_id, visited.dynamic_id, func.count(distinct(visiting.event_id)))
        .join(
            visited,
            and_(visited.event_id == visiting.event_id, visited.side == "visited"),
        )
        .where(visiting.side == "visiting", visiting.event_id.in_(select(chosen.c.id)))
        .group_by(visiting.dynamic_id, visited.dynamic_id)
    )
    links = sorted(
        (Link(a, b, n) for a, b, n in session.execute(pairs)),
        key=lambda link: (-link.events, link.from_id, link.to_id),
    )
    crosses = or_(
        and_(from_dynamic.kind.in_(ECONOMIC), to_dynamic.kind.in_(ESS)),
        and_(from_dynamic.kind.in_(ESS), to_dynamic.kind.in_(ECONOMIC)),
    )
    per_visit = (
        select(
            visiting.event_id.label("event_id"),
            func.max(case((crosses, 1), else_=0)).label("crosses"),
        )
        .join(
            visited,
            and_(visited.event_id == visiting.event_id, visited.side == "visited"),
        )
        .join(from_dynamic, from_dynamic.id == visiting.dynamic_id)
        .join(to_dynamic, to_dynamic.id == visited.dynamic_id)
        .join(Event, Event.id == visiting.event_id)
        .where(
            visiting.side == "visiting",
            Event.kind == "visit",
            visiting.event_id.in_(select(chosen.c.id)),
        )
        .group_by(visiting.event_id)
        .subquery()
    )
    linked, crossing = session.execute(
        select(func.count(), func.coalesce(func.sum(per_visit.c.crosses), 0))
    ).one()
    return tuple(links), int(linked or 0), int(crossing or 0)
