"""What needs the coordinator's attention now, gathered for the dashboard."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select

from visitplanner.services.documents.debriefs import ActionView, list_actions
from visitplanner.services.events.planning import EventView, list_events, local
from visitplanner.services.story.entries import StoryEntryView, list_story
from visitplanner.store.database import Catalogue
from visitplanner.store.models import Event, Participation


@dataclass(frozen=True)
class AwaitedReplies:
    event_id: int
    title: str
    start: datetime
    count: int


@dataclass(frozen=True)
class Dashboard:
    upcoming: tuple[EventView, ...]
    awaited: tuple[AwaitedReplies, ...]
    overdue: tuple[ActionView, ...]
    latest_story: tuple[StoryEntryView, ...]


def dashboard(catalogue: Catalogue, now: datetime | None = None, limit: int = 8) -> Dashboard:
    now = now or datetime.now(UTC)
    upcoming = list_events(catalogue, start_from=now, limit=limit)
    upcoming = [e for e in upcoming if e.status != "cancelled"]
    with catalogue.session() as session:
        stmt = (
            select(Event.id, Event.title, Event.starts_at, Event.timezone, func.count())
            .join(Participation, Participation.event_id == Event.id)
            .where(
                Event.deleted_at.is_(None),
                Event.starts_at >= now,
                Event.status != "cancelled",
                Participation.status == "invited",
                Participation.invited_at.is_not(None),
            )
            .group_by(Event.id, Event.title, Event.starts_at, Event.timezone)
            .order_by(Event.starts_at)
            .limit(limit)
        )
        awaited = tuple(
            AwaitedReplies(r[0], r[1], local(r[2], r[3]), r[4]) for r in session.execute(stmt)
        )
    today = now.date()
    overdue = tuple(list_actions(catalogue, overdue_on=today, limit=limit))
    latest = tuple(list_story(catalogue, limit=limit))
    return Dashboard(tuple(upcoming), awaited, overdue, latest)
