"""Writes the large demo's rows with SQLAlchemy Core, chunk by chunk.

ORM objects would take minutes for a few hundred thousand rows; executemany on
plain dictionaries takes seconds. The tables are written parents first, in the
order the rows are drawn from the seeded generator (see :mod:`.large`).
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

from visitplanner.services.demo import large
from visitplanner.services.demo.shared import Ticker
from visitplanner.store.models import (
    Consent,
    Debrief,
    Dynamic,
    DynamicService,
    DynamicTag,
    Event,
    EventDynamic,
    FollowUpAction,
    Host,
    Participation,
    Person,
    StoryEntry,
    Takeaway,
    debrief_authors,
    host_dynamics,
    person_dynamics,
    story_entry_dynamics,
)

CHUNK = 10_000


def load(session: Session, origin: str | None, ticker: Ticker) -> None:
    """Writes the synthetic catalogue with explicit ids 1..n, parents before children.

    Explicit ids let children refer to parents without reading anything back; the
    tables are empty at this point (checked or just emptied by the caller).
    """
    rng = random.Random(large.LARGE_SEED)

    dynamics = list(large.dynamic_rows(rng))
    tags = [{"dynamic_id": d["id"], "tag": t} for d in dynamics for t in d.pop("_tags")]
    services = [{"dynamic_id": d["id"], "service": s} for d in dynamics for s in d.pop("_services")]
    _bulk(session, Dynamic.__table__, dynamics, ticker)
    _bulk(session, DynamicTag.__table__, tags)
    _bulk(session, DynamicService.__table__, services)

    organisations = large.organisations(rng)
    consents: list[dict[str, Any]] = []
    _bulk(
        session,
        Person.__table__,
        _consents_apart(large.person_rows(rng, organisations), consents),
        ticker,
    )
    _bulk(session, Consent.__table__, consents)
    _bulk(session, person_dynamics, large.person_dynamic_rows(rng))
    _bulk(session, Host.__table__, large.host_rows(rng), ticker)
    _bulk(session, host_dynamics, large.host_dynamic_rows(rng))

    events = list(large.event_rows(rng))
    _bulk(session, Event.__table__, events, ticker)
    _bulk(session, EventDynamic.__table__, large.event_dynamic_rows(rng, events))
    _bulk(session, Participation.__table__, large.participation_rows(rng, events), ticker)
    debriefs, takeaways, authors, actions = large.debrief_rows(rng, events)
    _bulk(session, Debrief.__table__, debriefs, ticker)
    _bulk(session, Takeaway.__table__, takeaways)
    _bulk(session, debrief_authors, authors)
    _bulk(session, FollowUpAction.__table__, actions)
    _bulk(session, StoryEntry.__table__, large.story_rows(rng, origin, debriefs, events), ticker)
    _bulk(session, story_entry_dynamics, large.story_dynamic_rows(rng))
    _name_story_dynamics(session)
    ticker.finish()


def _name_story_dynamics(session: Session) -> None:
    """Entries carry their dynamics' names too: that is what travels to other catalogues."""
    names: dict[int, list[str]] = {}
    rows = session.execute(
        select(story_entry_dynamics.c.entry_id, Dynamic.name)
        .join(Dynamic, Dynamic.id == story_entry_dynamics.c.dynamic_id)
        .order_by(story_entry_dynamics.c.entry_id, Dynamic.name)
    )
    for entry_id, name in rows:
        names.setdefault(entry_id, []).append(name)
    session.execute(
        update(StoryEntry),
        [{"id": i, "dynamic_names": "\n".join(found)} for i, found in names.items()],
    )


def _consents_apart(
    people: Iterable[dict[str, Any]], consents: list[dict[str, Any]]
) -> Iterator[dict[str, Any]]:
    """The people rows without their consents, which go to ``consents`` as they pass."""
    for row in people:
        consents.extend(row.pop("_consents"))
        yield row


def _chunks(rows: Iterable[dict[str, Any]], size: int = CHUNK) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _bulk(
    session: Session,
    table: Table,
    rows: Iterable[dict[str, Any]],
    ticker: Ticker | None = None,
) -> int:
    """Inserts ``rows`` with executemany, ``CHUNK`` at a time; returns how many."""
    count = 0
    for batch in _chunks(rows):
        session.execute(insert(table), batch)
        count += len(batch)
        if ticker is not None:
            ticker.advance(len(batch))
    return count
