"""Debriefs and their follow-up actions: what the group learned and what comes next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from visitplanner.services.planning import local
from visitplanner.services.query import with_search
from visitplanner.store.database import Catalogue
from visitplanner.store.models import Debrief, Event, FollowUpAction


@dataclass(frozen=True)
class DebriefSummary:
    id: int
    event_id: int
    event_title: str
    event_start: date
    status: str
    takeaways: int
    actions: int


@dataclass(frozen=True)
class ActionView:
    id: int
    debrief_id: int
    event_id: int
    event_title: str
    text: str
    owner_id: int | None
    owner_name: str | None
    due_date: date | None
    done: bool

    def overdue(self, today: date) -> bool:
        return not self.done and self.due_date is not None and self.due_date < today


def list_debriefs(catalogue: Catalogue, search: str | None = None) -> list[DebriefSummary]:
    with catalogue.session() as session:
        stmt = (
            select(Debrief, Event)
            .join(Event, Debrief.event_id == Event.id)
            .where(Event.deleted_at.is_(None))
        )
        stmt = with_search(stmt, Event.search_key, search).order_by(Event.starts_at, Debrief.id)
        return [
            DebriefSummary(
                d.id,
                e.id,
                e.title,
                local(e.starts_at, e.timezone).date(),
                d.status,
                len(d.takeaways),
                len(d.actions),
            )
            for d, e in session.execute(stmt)
        ]


def list_actions(
    catalogue: Catalogue,
    search: str | None = None,
    open_only: bool = False,
    overdue_on: date | None = None,
    limit: int | None = None,
) -> list[ActionView]:
    """Follow-up actions of every debrief, those due first (undated last).

    ``overdue_on``: only open actions due before that day.
    """
    with catalogue.session() as session:
        stmt = (
            select(FollowUpAction, Debrief.event_id, Event.title)
            .join(Debrief, FollowUpAction.debrief_id == Debrief.id)
            .join(Event, Debrief.event_id == Event.id)
            .where(Event.deleted_at.is_(None))
        )
        if open_only or overdue_on is not None:
            stmt = stmt.where(FollowUpAction.done.is_(False))
        if overdue_on is not None:
            stmt = stmt.where(FollowUpAction.due_date < overdue_on)
        stmt = with_search(stmt, Event.search_key, search)
        stmt = stmt.order_by(
            FollowUpAction.done,
            FollowUpAction.due_date.is_(None),
            FollowUpAction.due_date,
            FollowUpAction.id,
        ).limit(limit)
        return [
            ActionView(
                a.id,
                a.debrief_id,
                event_id,
                title,
                a.text,
                a.owner_id,
                a.owner.full_name if a.owner else None,
                a.due_date,
                a.done,
            )
            for a, event_id, title in session.execute(stmt)
        ]
