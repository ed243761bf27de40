"""The records behind a figure or a part of a chart: what a click on the Bilan page lists.

Each :class:`Selection` is answered with the same conditions the report counts
with (:mod:`.report`), so the list a coordinator opens always matches the figure
they clicked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import aliased

from visitplanner.domain.enums import DynamicKind
from visitplanner.exchange.charts.model import Selection
from visitplanner.services.events.planning import local
from visitplanner.services.reports.families import ECONOMIC, ESS
from visitplanner.services.reports.period import Period
from visitplanner.services.reports.report import (
    UNKNOWN,
    accepted,
    action_state,
    selected_events,
)
from visitplanner.services.reports.territories import departement_expression, departements
from visitplanner.store.database import Catalogue
from visitplanner.store.models import (
    Debrief,
    Dynamic,
    Event,
    EventDynamic,
    FollowUpAction,
    Host,
    Participation,
    Person,
)

LIMIT = 500


@dataclass(frozen=True)
class RecordRow:
    kind: str  # "event", "person" or "dynamic": where a double click leads
    id: int
    title: str
    detail: str
    day: date | None = None  # the event's first day, or the action's due date


@dataclass(frozen=True)
class RecordList:
    rows: tuple[RecordRow, ...]
    total: int


def _links(a: int, b: int, *, both_ways: bool = True) -> Any:
    visiting, visited = aliased(EventDynamic), aliased(EventDynamic)

    def pair(x: int, y: int) -> Any:
        return exists().where(
            visiting.event_id == Event.id,
            visiting.side == "visiting",
            visiting.dynamic_id == x,
            visited.event_id == Event.id,
            visited.side == "visited",
            visited.dynamic_id == y,
        )

    return or_(pair(a, b), pair(b, a)) if both_ways else pair(a, b)


def _crossing() -> Any:
    visiting, visited = aliased(EventDynamic), aliased(EventDynamic)
    one, two = aliased(Dynamic), aliased(Dynamic)
    return and_(
        Event.kind == "visit",
        exists().where(
            visiting.event_id == Event.id,
            visiting.side == "visiting",
            visited.event_id == Event.id,
            visited.side == "visited",
            one.id == visiting.dynamic_id,
            two.id == visited.dynamic_id,
            or_(
                and_(one.kind.in_(ECONOMIC), two.kind.in_(ESS)),
                and_(one.kind.in_(ESS), two.kind.in_(ECONOMIC)),
            ),
        ),
    )


def _event_condition(selection: Selection, period: Period) -> Any | None:
    what, value = selection.what, selection.value
    if what == "events":
        return Event.id.is_not(None)
    if what == "kind":
        return Event.kind == value
    if what == "quarter_kind":
        code, kind = value  # type: ignore[misc]
        quarters = period.quarters()
        for index, quarter in enumerate(quarters):
            if quarter.code == code:
                later = Event.starts_at < quarter.end if index < len(quarters) - 1 else True
                earlier = Event.starts_at >= quarter.start if index else True
                return and_(Event.kind == kind, later, earlier)
        return Event.id.is_(None)
    if what == "dynamic":
        return exists().where(EventDynamic.event_id == Event.id, EventDynamic.dynamic_id == value)
    if what == "link":
        a, b = value  # type: ignore[misc]
        return _links(int(a), int(b))
    if what == "directed_link":
        a, b = value  # type: ignore[misc]
        return _links(int(a), int(b), both_ways=False)
    if what == "crossing":
        return _crossing()
    return None


def records(
    catalogue: Catalogue,
    period: Period,
    selection: Selection,
    *,
    today: date | None = None,
    limit: int = LIMIT,
) -> RecordList:
    """The events, people or actions behind ``selection``, the first ``limit`` of them."""
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    today = today or datetime.now(UTC).astimezone(ZoneInfo(period.zone)).date()
    chosen = selected_events(period)
    with catalogue.session() as session:
        condition = _event_condition(selection, period)
        if condition is not None:
            stmt = select(Event.id, Event.title, Event.starts_at, Event.timezone).where(
                Event.id.in_(chosen), condition
            )
            total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
            rows = tuple(
                RecordRow("event", i, title, "", local(start, zone).date())
                for i, title, start, zone in session.execute(
                    stmt.order_by(Event.starts_at, Event.id).limit(limit)
                )
            )
            return RecordList(rows, total)
        if selection.what == "dynamics":
            stmt = (
                select(Dynamic.id, Dynamic.name, Dynamic.kind)
                .where(
                    Dynamic.id.in_(
                        select(EventDynamic.dynamic_id).where(EventDynamic.event_id.in_(chosen))
                    )
                )
                .order_by(Dynamic.name, Dynamic.id)
            )
            total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
            rows = tuple(
                RecordRow("dynamic", i, name, DynamicKind(kind).label)
                for i, name, kind in session.execute(stmt.limit(limit))
            )
            return RecordList(rows, total)
        if selection.what == "actions":
            state = action_state(today)
            stmt = (
                select(FollowUpAction.text, FollowUpAction.due_date, Event.id, Event.title)
                .join(Debrief, Debrief.id == FollowUpAction.debrief_id)
                .join(Event, Event.id == Debrief.event_id)
                .where(Event.id.in_(chosen), state == selection.value)
            )
            total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
            rows = tuple(
                RecordRow("event", event_id, text, title, due)
                for text, due, event_id, title in session.execute(
                    stmt.order_by(FollowUpAction.due_date, FollowUpAction.id).limit(limit)
                )
            )
            return RecordList(rows, total)
        people = accepted(period, Participation.person_id)
        if selection.what == "actor_type":
            if selection.value == UNKNOWN:
                people = people.where(Person.actor_type.is_(None))
            else:
                people = people.where(Person.actor_type == selection.value)
        elif selection.what == "departement":
            dept = departement_expression(Host.postal_code)
            people = people.join(Host, Host.id == Event.host_id).where(dept == selection.value)
        elif selection.what == "departements":  # the people counted in some département
            dept = departement_expression(Host.postal_code)
            people = people.join(Host, Host.id == Event.host_id).where(
                dept.in_(tuple(departements()))
            )
        elif selection.what not in ("participants", "organisations"):
            return RecordList((), 0)
        stmt = select(Person.id, Person.given_name, Person.family_name, Person.organisation).where(
            Person.id.in_(people)
        )
        total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
        rows = tuple(
            RecordRow("person", i, " ".join(p for p in (given, family) if p), org or "")
            for i, given, family, org in session.execute(
                stmt.order_by(Person.sort_key, Person.id).limit(limit)
            )
        )
        return RecordList(rows, total)
