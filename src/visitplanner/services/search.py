"""The window's global search (Ctrl+K): a few best matches of every kind at once.

A coordinator types a fragment ("helene", "cluster jura") and wants to jump to
the record without first choosing the page it lives on. Every kind is searched
the same way as its own list (folded ``LIKE`` on ``search_key``, see
:func:`visitplanner.services.query.with_search`), so the popup and the pages
never disagree about what matches.

Speed on a catalogue of 100,000 people comes from three choices:

* each kind is one Core ``SELECT`` of the few columns a hit shows, with a
  ``LIMIT``, never full ORM objects with their relationships;
* the number of matches is counted only when the hits fill the page, and then
  only up to :data:`COUNT_CAP` (a ``LIMIT`` sub-query stops the scan early on
  a one-letter query that matches everybody);
* the ranking is a ``CASE`` expression computed by the database.

Ranking, best first:

0. the record's folded title starts with the first word typed (for people,
   the given name or the family name starts with it: people are looked up by
   surname as often as by first name);
1. one of the record's words (title, city, e-mail, region...) starts with it;
2. the word only appears inside another word.

Within a rank, dynamics and host organisations are in folded alphabetical order
(accents do not push "Écopôle" after "Zèbre"), people in the order of the
People page (family name, given name), and events by date: upcoming ones
first, soonest first, then past ones, most recent first, because the event a
coordinator looks for is usually the next one or the last one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, case, func, or_, select
from sqlalchemy.orm import Session

from visitplanner.domain.enums import ActorType, DynamicKind, EventKind
from visitplanner.domain.text import search_terms
from visitplanner.i18n import _
from visitplanner.services.events.planning import local
from visitplanner.services.query import with_search
from visitplanner.store.database import Catalogue
from visitplanner.store.models import Dynamic, Event, Host, Person
from visitplanner.store.types import utcnow

KINDS = ("dynamic", "host", "person", "event")

# Beyond this many matches the popup says "5,000+": counting every one of
# 100,000 people for a one-letter query would cost more than the search itself,
# while any query worth refining ("helene": 1,234 people) still gets its exact count.
COUNT_CAP = 5000

SEPARATOR = " · "


@dataclass(frozen=True)
class SearchHit:
    """One record as the popup shows it; ``kind`` and ``id`` are what opening it needs."""

    kind: str
    id: int
    title: str
    subtitle: str


@dataclass(frozen=True)
class SearchGroup:
    """The best hits of one kind and how many records of that kind match in all.

    ``total`` is exact unless ``capped`` is true, in which case at least
    ``total`` (= :data:`COUNT_CAP`) records match and the count stopped there.
    """

    kind: str
    label: str
    hits: tuple[SearchHit, ...]
    total: int
    capped: bool = False

    @property
    def more(self) -> int:
        """How many matches are not shown (a lower bound when ``capped``)."""
        return max(0, self.total - len(self.hits))


def _escape(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _rank(key: Any, first: str, *title_columns: Any) -> Any:
    """0 when a title starts with ``first``, 1 when any word does, 2 otherwise.

    Every ``search_key`` begins with the record's folded title, so "the key
    starts with the word" is "the title starts with the word", without a
    separate folded title column.
    """
    word = _escape(first)
    starts = [column.like(f"{word}%", escape="\\") for column in title_columns]
    return case(
        (or_(*starts), 0),
        (key.like(f"% {word}%", escape="\\"), 1),
        else_=2,
    )


def _join(*parts: str | None) -> str:
    return SEPARATOR.join(p for p in parts if p)


@dataclass(frozen=True)
class _Kind:
    """How one kind is selected, ordered and shown."""

    model: Any
    label: Callable[[], str]
    columns: Callable[[], tuple[Any, ...]]
    order: Callable[[str, datetime], tuple[Any, ...]]
    hit: Callable[[Any], SearchHit]


def _dynamic_hit(r: Any) -> SearchHit:
    return SearchHit("dynamic", r.id, r.name, _join(DynamicKind.label_of(r.kind), r.region))


def _host_hit(r: Any) -> SearchHit:
    return SearchHit("host", r.id, r.name, _join(r.city, ActorType.label_of(r.actor_type)))


def _person_hit(r: Any) -> SearchHit:
    title = " ".join(p for p in (r.given_name, r.family_name) if p)
    return SearchHit("person", r.id, title, _join(r.organisation, r.email))


def _event_hit(r: Any) -> SearchHit:
    start = local(r.starts_at, r.timezone)
    when = start.strftime("%Y-%m-%d" if r.all_day else "%Y-%m-%d %H:%M") if start else ""
    return SearchHit("event", r.id, r.title, _join(when, EventKind.label_of(r.kind)))


def _alphabetical(model: Any) -> Callable[[str, datetime], tuple[Any, ...]]:
    """Rank, then folded alphabetical order: every ``search_key`` begins with the folded title."""
    return lambda first, _now: (
        _rank(model.search_key, first, model.search_key),
        model.search_key,
        model.id,
    )


def _event_order(first: str, now: datetime) -> tuple[Any, ...]:
    past = case((Event.starts_at < now, 1), else_=0)
    upcoming_start = case((Event.starts_at >= now, Event.starts_at), else_=None)
    return (
        _rank(Event.search_key, first, Event.search_key),
        past,
        upcoming_start.asc(),
        Event.starts_at.desc(),
        Event.id,
    )


_KINDS: dict[str, _Kind] = {
    "dynamic": _Kind(
        Dynamic,
        lambda: _("Dynamics"),
        lambda: (Dynamic.id, Dynamic.name, Dynamic.kind, Dynamic.region),
        _alphabetical(Dynamic),
        _dynamic_hit,
    ),
    "host": _Kind(
        Host,
        lambda: _("Host organisations"),
        lambda: (Host.id, Host.name, Host.city, Host.actor_type),
        _alphabetical(Host),
        _host_hit,
    ),
    "person": _Kind(
        Person,
        lambda: _("People"),
        lambda: (
            Person.id,
            Person.given_name,
            Person.family_name,
            Person.organisation,
            Person.email,
        ),
        lambda first, _now: (
            _rank(Person.search_key, first, Person.search_key, Person.sort_key),
            Person.sort_key,
            Person.id,
        ),
        _person_hit,
    ),
    "event": _Kind(
        Event,
        lambda: _("Visits and seminars"),
        lambda: (Event.id, Event.title, Event.kind, Event.starts_at, Event.timezone, Event.all_day),
        _event_order,
        _event_hit,
    ),
}


def _matching(stmt: Select[Any], model: Any, text: str) -> Select[Any]:
    """Live records (not in the trash) whose folded key holds every word typed."""
    return with_search(stmt.where(model.deleted_at.is_(None)), model.search_key, text)


def _count(session: Session, model: Any, text: str) -> tuple[int, bool]:
    """Matches of one kind, counted up to :data:`COUNT_CAP`; true when there are more."""
    limited = _matching(select(model.id), model, text).limit(COUNT_CAP + 1).subquery()
    n = session.scalar(select(func.count()).select_from(limited)) or 0
    return min(n, COUNT_CAP), n > COUNT_CAP


def _group(
    session: Session, kind: str, text: str, first: str, per_kind: int, now: datetime
) -> SearchGroup:
    spec = _KINDS[kind]
    stmt = _matching(select(*spec.columns()), spec.model, text)
    stmt = stmt.order_by(*spec.order(first, now)).limit(per_kind)
    hits = tuple(spec.hit(row) for row in session.execute(stmt))
    if len(hits) < per_kind:
        # The page was not filled, so these are all the matches: no count needed.
        total, capped = len(hits), False
    else:
        total, capped = _count(session, spec.model, text)
    return SearchGroup(kind, spec.label(), hits, max(total, len(hits)), capped)


def search_everything(
    catalogue: Catalogue, text: str, per_kind: int = 8, *, now: datetime | None = None
) -> list[SearchGroup]:
    """The best ``per_kind`` matches of each kind, in the order of :data:`KINDS`.

    Kinds without any match are left out, and so is everything in the trash;
    a blank query returns nothing rather than the whole catalogue. ``now``
    (default: the current time) only decides which events are upcoming.
    """
    terms = search_terms(text)
    if not terms:
        return []
    per_kind = max(0, per_kind)
    moment = now or utcnow()
    with catalogue.session() as session:
        groups = [_group(session, kind, text, terms[0], per_kind, moment) for kind in KINDS]
    return [g for g in groups if g.total]
