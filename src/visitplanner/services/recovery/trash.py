"""The trash: deleted dynamics, host organisations, people and events, until emptied.

Deleting only sets ``deleted_at``, so a slip of the hand is never final (and the
undo history can bring a record back with its id). Emptying the trash is the
one place where records are destroyed; the database's ``ON DELETE`` rules then
clear what pointed at them: a host loses its contact person, an event its host
or organiser, an action its owner (``SET NULL``); participations, debriefs of a
destroyed event and links to a destroyed dynamic go with it (``CASCADE``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, delete, or_, select
from sqlalchemy.orm import Session

from visitplanner.services.changes import ChangeKind, Changes, Key
from visitplanner.services.directory import records as cat
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
    Quote,
    StoryEntry,
    debrief_authors,
    host_dynamics,
    person_dynamics,
    story_entry_dynamics,
)

# In the order the trash lists records deleted at the same moment.
_MODELS: dict[str, Any] = {"dynamic": Dynamic, "host": Host, "person": Person, "event": Event}


def kind_label(kind: str) -> str:
    """What a trashed record is, in words, for the trash's list."""
    return cat.record_kind_label(kind)


@dataclass(frozen=True)
class TrashItem:
    """One record in the trash, as the trash's list shows it."""

    kind: str
    id: int
    title: str
    deleted_at: datetime

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)


def _model(kind: str) -> Any:
    try:
        return _MODELS[kind]
    except KeyError:
        raise ValueError(f"no trash for records of kind {kind!r}") from None


def _title(record: Any) -> str:
    if isinstance(record, Person):
        return record.full_name
    if isinstance(record, Event):
        return record.title
    return record.name


def list_trash(catalogue: Catalogue) -> list[TrashItem]:
    """Everything in the trash, the latest deletion first."""
    rank = {kind: i for i, kind in enumerate(_MODELS)}
    items: list[TrashItem] = []
    with catalogue.session() as session:
        for kind, model in _MODELS.items():
            for record in session.scalars(select(model).where(*_in_trash(model, None))):
                items.append(TrashItem(kind, record.id, _title(record), record.deleted_at))
    return sorted(items, key=lambda i: (-i.deleted_at.timestamp(), rank[i.kind], -i.id))


def restore(catalogue: Catalogue, kind: str, record_id: int) -> Changes:
    """Takes a record out of the trash, with the same id and links as before."""
    return cat.restore_record(catalogue, _model(kind), kind, kind_label(kind), record_id)


def empty_trash(catalogue: Catalogue, older_than: datetime | None = None) -> Changes:
    """Destroys the trashed records (only those deleted before ``older_than`` if given).

    This cannot be undone. The result names the destroyed records and also the
    live ones that pointed at them, since their views change too (a host whose
    contact person is gone, an event that lost a participant...).
    """
    with catalogue.session() as session:
        doomed = {kind: _doomed(model, older_than) for kind, model in _MODELS.items()}
        deleted: list[Key] = [
            (ChangeKind(kind), record_id)
            for kind, stmt in doomed.items()
            for record_id in session.scalars(stmt)
        ]
        if not deleted:
            return Changes()
        deleted += _ids(session, ChangeKind.PARTICIPATION, _lost_participations(doomed))
        deleted += _ids(
            session,
            ChangeKind.DEBRIEF,
            select(Debrief.id).where(Debrief.event_id.in_(doomed["event"])),
        )
        updated = _touched(session, doomed)
        for model in (Event, Person, Host, Dynamic):
            # No ORM object of these tables is loaded here: nothing to synchronise.
            stmt = delete(model).where(*_in_trash(model, older_than))
            session.execute(stmt.execution_options(synchronize_session=False))
        gone = set(deleted)
        return Changes.of(updated=[k for k in updated if k not in gone], deleted=deleted)


def _in_trash(model: Any, older_than: datetime | None) -> list[Any]:
    conditions = [model.deleted_at.is_not(None)]
    if model is Person:
        # An erased person (RGPD) keeps the anonymous participations: never in the trash.
        conditions.append(Person.erased_at.is_(None))
    if older_than is not None:
        conditions.append(model.deleted_at < older_than)
    return conditions


def _doomed(model: Any, older_than: datetime | None) -> Select[Any]:
    return select(model.id).where(*_in_trash(model, older_than))


def _ids(session: Session, kind: ChangeKind, stmt: Select[Any]) -> list[Key]:
    return [(kind, i) for i in session.scalars(stmt.distinct())]


def _lost_participations(doomed: dict[str, Select[Any]]) -> Select[Any]:
    return select(Participation.id).where(
        or_(
            Participation.person_id.in_(doomed["person"]),
            Participation.event_id.in_(doomed["event"]),
        )
    )


def _touched(session: Session, doomed: dict[str, Select[Any]]) -> list[Key]:
    """Records that stay but point at a doomed one: their views change."""
    people, hosts, dynamics = doomed["person"], doomed["host"], doomed["dynamic"]
    queries: list[tuple[ChangeKind, Select[Any]]] = [
        (
            ChangeKind.HOST,
            select(Host.id).where(
                or_(
                    Host.contact_person_id.in_(people),
                    Host.id.in_(
                        select(host_dynamics.c.host_id).where(
                            host_dynamics.c.dynamic_id.in_(dynamics)
                        )
                    ),
                )
            ),
        ),
        (
            ChangeKind.PERSON,
            select(person_dynamics.c.person_id).where(person_dynamics.c.dynamic_id.in_(dynamics)),
        ),
        (
            ChangeKind.EVENT,
            select(Event.id).where(
                or_(
                    Event.organiser_id.in_(people),
                    Event.host_id.in_(hosts),
                    Event.id.in_(
                        select(EventDynamic.event_id).where(EventDynamic.dynamic_id.in_(dynamics))
                    ),
                    Event.id.in_(
                        select(Participation.event_id).where(Participation.person_id.in_(people))
                    ),
                )
            ),
        ),
        (
            ChangeKind.DEBRIEF,
            select(Debrief.id).where(
                or_(
                    Debrief.id.in_(
                        select(debrief_authors.c.debrief_id).where(
                            debrief_authors.c.person_id.in_(people)
                        )
                    ),
                    Debrief.id.in_(select(Quote.debrief_id).where(Quote.person_id.in_(people))),
                    Debrief.id.in_(
                        select(FollowUpAction.debrief_id).where(FollowUpAction.owner_id.in_(people))
                    ),
                )
            ),
        ),
        (
            ChangeKind.STORY_ENTRY,
            select(StoryEntry.id).where(
                or_(
                    StoryEntry.event_id.in_(doomed["event"]),
                    StoryEntry.id.in_(
                        select(story_entry_dynamics.c.entry_id).where(
                            story_entry_dynamics.c.dynamic_id.in_(dynamics)
                        )
                    ),
                )
            ),
        ),
    ]
    touched: list[Key] = []
    for kind, stmt in queries:
        touched += _ids(session, kind, stmt)
    return touched
