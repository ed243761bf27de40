"""The activity report: what the collective did in a period, in the figures funders ask for.

Every figure is one SQL aggregate over the same selection of events (not in the
trash, neither cancelled nor draft, overlapping the period), so the 20,000 events
of a large catalogue are counted by the database, not loaded. Definitions (they
are printed beside the figures, keep both in step):

- participants: distinct people (not in the trash) whose answer is "accepted" to
  at least one selected event;
- organisations: distinct organisation names of those people (case and accents
  ignored);
- dynamics: distinct dynamics linked to a selected event, visiting or visited;
- links: visiting dynamic -> visited dynamic, with the number of selected events
  that link them;
- cross-family share ("transversalité"): among the selected learning visits that
  link a visiting and a visited dynamic, the share linking an economic dynamic
  (business or competitiveness cluster) with an ESS one (PTCE, third place, TZCLD,
  local currency, transition initiative); null when there is no such visit;
- follow-up actions of the debriefs of the selected events: done, overdue (not
  done, due before today), open (the others);
- person-hours: for each accepted participation, the event's duration: its hours
  for an event within one day, 7 hours a day for all-day or multi-day events;
- territories: participants by département (and région) of the host
  organisation's postal code of the events they accepted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, case, distinct, func, literal, or_, select

from visitplanner.domain.enums import ActorType, EventKind
from visitplanner.domain.text import fold
from visitplanner.services.reports.families import FAMILIES, family
from visitplanner.services.reports.links import Link, links_and_crossings
from visitplanner.services.reports.period import Period
from visitplanner.services.reports.territories import participants_by_territory
from visitplanner.store.database import Catalogue
from visitplanner.store.models import (
    Debrief,
    Dynamic,
    Event,
    EventDynamic,
    FollowUpAction,
    Participation,
    Person,
)

UNKNOWN = "unknown"  # actor type not recorded
HOURS_PER_DAY = 7.0
COUNTED_OUT = ("cancelled", "draft")


@dataclass(frozen=True)
class DynamicNode:
    id: int
    name: str
    kind: str
    events: int

    @property
    def family(self) -> str:
        return family(self.kind)


@dataclass(frozen=True)
class ActivityReport:
    period: Period
    today: date
    events_by_kind: dict[str, int]
    events_by_quarter: tuple[tuple[str, dict[str, int]], ...]  # (quarter code, kind -> n)
    participants: int
    participants_by_actor_type: dict[str, int]
    organisations: int
    nodes: tuple[DynamicNode, ...]
    links: tuple[Link, ...]
    linked_visits: int
    cross_family_visits: int
    actions: dict[str, int]  # done, open, overdue
    person_hours: float
    territories: dict[str, int]  # département code -> participants
    regions: dict[str, int]  # région code -> participants
    unlocated: int  # participants of no event with a known département
    names: dict[int, str] = field(default_factory=dict)
    # Organisations of the period that took part again in an event after it (Interreg's
    # "still cooperating"); None for the light figures.
    organisations_continuing: int | None = None

    @property
    def events(self) -> int:
        return sum(self.events_by_kind.values())

    @property
    def dynamics(self) -> int:
        return len(self.nodes)

    @property
    def cross_family_share(self) -> float | None:
        if not self.linked_visits:
            return None
        return self.cross_family_visits / self.linked_visits

    def dynamics_by_family(self) -> dict[str, int]:
        counts = dict.fromkeys(FAMILIES, 0)
        for node in self.nodes:
            counts[node.family] += 1
        return counts

    def node(self, dynamic_id: int) -> DynamicNode | None:
        return next((n for n in self.nodes if n.id == dynamic_id), None)

    def to_json(self) -> dict[str, Any]:
        """The keys of ``report --out FILE.json`` (docs/command-line.md): stable English codes."""
        share = self.cross_family_share
        return {
            "period": {
                "from": self.period.start.isoformat(),
                "to": self.period.end.isoformat(),
                "time_zone": self.period.zone,
            },
            "events": self.events,
            "events_by_kind": dict(self.events_by_kind),
            "events_by_quarter": {code: dict(kinds) for code, kinds in self.events_by_quarter},
            "participants": self.participants,
            "participants_by_actor_type": dict(self.participants_by_actor_type),
            "organisations": self.organisations,
            "organisations_continuing": self.organisations_continuing,
            "dynamics": self.dynamics,
            "dynamics_by_family": self.dynamics_by_family(),
            "links": [
                {
                    "from": self.names.get(link.from_id, str(link.from_id)),
                    "to": self.names.get(link.to_id, str(link.to_id)),
                    "from_id": link.from_id,
                    "to_id": link.to_id,
                    "events": link.events,
                }
                for link in self.links
            ],
            "cross_family_share": None if share is None else round(share, 4),
            "cross_family_visits": self.cross_family_visits,
            "linked_visits": self.linked_visits,
            "actions": dict(self.actions),
            "person_hours": round(self.person_hours, 2),
            "territories": dict(self.territories),
            "regions": dict(self.regions),
            "territories_unlocated": self.unlocated,
            "as_of": self.today.isoformat(),
        }


def selected_events(period: Period) -> Select[Any]:
    """The ids of the events the report counts."""
    return select(Event.id).where(
        Event.deleted_at.is_(None),
        Event.status.not_in(COUNTED_OUT),
        period.overlaps(),
    )


def accepted(period: Period, *columns: Any) -> Select[Any]:
    """``columns`` over every accepted participation (of a person not in the trash, or
    erased: an anonymous participation still counts) in the selected events; joins rather
    than ``IN`` lists, which SQLite plans much better here."""
    return (
        select(*columns)
        .select_from(Participation)
        .join(Event, Event.id == Participation.event_id)
        .join(Person, Person.id == Participation.person_id)
        .where(
            Participation.status == "accepted",
            or_(Person.deleted_at.is_(None), Person.erased_at.is_not(None)),
            Event.deleted_at.is_(None),
            Event.status.not_in(COUNTED_OUT),
            period.overlaps(),
        )
    )


def _quarter_expression(period: Period) -> tuple[list[str], Any]:
    quarters = period.quarters()
    codes = [q.code for q in quarters]
    if len(quarters) == 1:
        return codes, literal(codes[0])
    whens = [(Event.starts_at < q.end, q.code) for q in quarters[:-1]]
    return codes, case(*whens, else_=codes[-1])


def _hours(start: datetime, end: datetime, all_day: bool, zone: str) -> float:
    tz = ZoneInfo(zone)
    first, last = start.astimezone(tz), end.astimezone(tz)
    if all_day:
        days = max(1, (last.date() - first.date()).days)
        return days * HOURS_PER_DAY
    if first.date() == last.date() or last - first <= timedelta(hours=12):
        return (last - first).total_seconds() / 3600
    return ((last.date() - first.date()).days + 1) * HOURS_PER_DAY


def activity_report(
    catalogue: Catalogue, period: Period, *, today: date | None = None, light: bool = False
) -> ActivityReport:
    """Counts what the collective did in ``period`` (definitions in the module's docstring).

    ``light`` (the dashboard) leaves out organisations, person-hours and territories,
    the figures that need a pass over every participation's details.
    """
    today = today or datetime.now(UTC).astimezone(ZoneInfo(period.zone)).date()
    chosen = selected_events(period).subquery()
    ok = Event.id.in_(select(chosen.c.id))
    with catalogue.session() as session:
        # Events by kind are the quarters' sums: one pass over the events.
        by_kind = dict.fromkeys(EventKind.codes(), 0)
        codes, quarter = _quarter_expression(period)
        quarters = {code: dict.fromkeys(EventKind.codes(), 0) for code in codes}
        for code, kind, count in session.execute(
            select(quarter.label("q"), Event.kind, func.count()).where(ok).group_by("q", Event.kind)
        ):
            quarters[code][kind] = count
            by_kind[kind] += count

        # Each person has one actor type and one organisation: the groups add up to the
        # participants, and one pass gives both figures.
        by_actor = dict.fromkeys(ActorType.codes(), 0)
        organisations: set[str] = set()
        groups = (Person.actor_type,) if light else (Person.actor_type, Person.organisation)
        for *group, count in session.execute(
            accepted(period, *groups, func.count(distinct(Participation.person_id))).group_by(
                *groups
            )
        ):
            actor = group[0] or UNKNOWN
            by_actor[actor] = by_actor.get(actor, 0) + count
            if len(group) > 1 and group[1] and fold(group[1]):
                organisations.add(fold(group[1]))
        participants = sum(by_actor.values())
        continuing = None if light else len(organisations & _later_organisations(session, period))

        nodes = tuple(
            DynamicNode(row.id, row.name, row.kind, row.events)
            for row in session.execute(
                select(
                    Dynamic.id,
                    Dynamic.name,
                    Dynamic.kind,
                    func.count(distinct(EventDynamic.event_id)).label("events"),
                )
                .join(EventDynamic, EventDynamic.dynamic_id == Dynamic.id)
                .where(EventDynamic.event_id.in_(select(chosen.c.id)))
                .group_by(Dynamic.id, Dynamic.name, Dynamic.kind)
                .order_by(func.count(distinct(EventDynamic.event_id)).desc(), Dynamic.name)
            )
        )
        links, linked, crossing = links_and_crossings(session, chosen)
        actions = _actions(session, chosen, today)
        hours = 0.0
        for start, end, all_day, zone, count in (
            ()
            if light
            else session.execute(
                accepted(
                    period,
                    Event.starts_at,
                    Event.ends_at,
                    Event.all_day,
                    Event.timezone,
                    func.count(),
                ).group_by(Event.id, Event.starts_at, Event.ends_at, Event.all_day, Event.timezone)
            )
        ):
            hours += count * _hours(start, end, all_day, zone)
        territories, regions, located = ({}, {}, 0) if light else _territories(session, period)
    return ActivityReport(
        period=period,
        today=today,
        events_by_kind=by_kind,
        events_by_quarter=tuple((code, quarters[code]) for code in codes),
        participants=participants,
        participants_by_actor_type={k: v for k, v in by_actor.items() if v or k != UNKNOWN},
        organisations=len(organisations),
        organisations_continuing=continuing,
        nodes=nodes,
        links=links,
        linked_visits=linked,
        cross_family_visits=crossing,
        actions=actions,
        person_hours=hours,
        territories=territories,
        regions=regions,
        unlocated=0 if light else participants - located,
        names={n.id: n.name for n in nodes},
    )


def _later_organisations(session: Any, period: Period) -> set[str]:
    """Folded organisation names of people who accepted an event starting after the period."""
    later = (
        select(Person.organisation)
        .select_from(Participation)
        .join(Event, Event.id == Participation.event_id)
        .join(Person, Person.id == Participation.person_id)
        .where(
            Participation.status == "accepted",
            Person.deleted_at.is_(None),
            Person.organisation.is_not(None),
            Event.deleted_at.is_(None),
            Event.status.not_in(COUNTED_OUT),
            Event.starts_at >= period.upper,
        )
        .distinct()
    )
    return {fold(name) for name in session.scalars(later) if fold(name)}


def action_state(today: date) -> Any:
    """SQL: ``done``, ``overdue`` or ``open`` for a follow-up action."""
    return case(
        (FollowUpAction.done.is_(True), "done"),
        (FollowUpAction.due_date < today, "overdue"),
        else_="open",
    )


def _actions(session: Any, chosen: Any, today: date) -> dict[str, int]:
    state = action_state(today).label("state")
    counts = {"done": 0, "open": 0, "overdue": 0}
    for code, count in session.execute(
        select(state, func.count())
        .join(Debrief, Debrief.id == FollowUpAction.debrief_id)
        .where(Debrief.event_id.in_(select(chosen.c.id)))
        .group_by("state")
    ):
        counts[code] = count
    return counts


def _territories(session: Any, period: Period) -> tuple[dict[str, int], dict[str, int], int]:
    """Participants by département and région, and how many of them are located at all."""
    pairs = (
        accepted(period, Participation.person_id, Event.host_id)
        .where(Event.host_id.is_not(None))
        .distinct()
    )
    return participants_by_territory(session, pairs)
