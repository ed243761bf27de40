"""Revisions of the shared story's entries, and which one an entry shows.

Our own edits and revisions read from the shared folder go through the same
:func:`store_revision`, so both decide the newest revision the same way.
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from visitplanner.domain.text import fold
from visitplanner.exchange.story_folder import RevisionRecord
from visitplanner.services import search_keys as keys
from visitplanner.store.models import (
    CatalogueInfo,
    Debrief,
    Dynamic,
    Event,
    StoryEntry,
    StoryRevision,
)
from visitplanner.store.types import utcnow


def catalogue_id(session: Session) -> str:
    row = session.get(CatalogueInfo, "catalogue_id")
    if row is None:  # catalogues opened by open_catalogue always have one
        row = CatalogueInfo(key="catalogue_id", value=str(uuidlib.uuid4()))
        session.add(row)
        session.flush()
    return row.value


def lines_of(value: str | None) -> tuple[str, ...]:
    return tuple(line for line in (value or "").split("\n") if line)


def store_revision(session: Session, record: RevisionRecord) -> StoryEntry | None:
    """Keeps ``record`` in the history and shows it if it is now the newest revision.

    Returns the entry when its view changed. Used for our own edits and for revisions
    read from the shared folder alike, so both paths decide the winner the same way.
    """
    entry = RevisionStore(session).store(record)
    session.flush()
    return entry


class RevisionStore:
    """Stores revisions without a query per revision: a first sync reads thousands.

    Entries, events and dynamics are looked up once and remembered for the session.
    """

    def __init__(self, session: Session, uuids: Sequence[str] | None = None) -> None:
        self.session = session
        self._entries: dict[str, StoryEntry | None] = {}
        self._dynamics: dict[str, Dynamic] | None = None
        self._events: dict[str, tuple[int, int | None] | None] = {}
        for start in range(0, len(uuids or ()), 500):
            chunk = list(uuids[start : start + 500])  # type: ignore[index]
            self._entries.update(dict.fromkeys(chunk))
            for e in session.scalars(select(StoryEntry).where(StoryEntry.uuid.in_(chunk))):
                self._entries[e.uuid] = e

    def _entry(self, entry_uuid: str) -> StoryEntry | None:
        if entry_uuid not in self._entries:
            self._entries[entry_uuid] = self.session.scalar(
                select(StoryEntry).where(StoryEntry.uuid == entry_uuid)
            )
        return self._entries[entry_uuid]

    def _event(self, uid: str | None) -> tuple[int, int | None] | None:
        if uid is None:
            return None
        if uid not in self._events:
            row = self.session.execute(
                select(Event.id, Debrief.id)
                .outerjoin(Debrief, Debrief.event_id == Event.id)
                .where(Event.uid == uid)
            ).first()
            self._events[uid] = (row[0], row[1]) if row else None
        return self._events[uid]

    def _dynamics_named(self, names: Sequence[str]) -> list[Dynamic]:
        if not names:
            return []
        if self._dynamics is None:
            live = self.session.scalars(select(Dynamic).where(Dynamic.deleted_at.is_(None)))
            self._dynamics = {fold(d.name): d for d in live}
        found = (self._dynamics.get(fold(n)) for n in names)
        return sorted({d.id: d for d in found if d is not None}.values(), key=lambda d: d.name)

    def store(self, record: RevisionRecord) -> StoryEntry | None:
        self.session.add(_revision_row(record))
        e = self._entry(record.entry)
        if e is not None and e.saved_at is not None:
            shown = (e.revision, e.saved_at, e.origin or "")
            if shown >= record.sort_key():
                return None
        if e is None:
            e = StoryEntry(uuid=record.entry)
            self.session.add(e)
            self._entries[record.entry] = e
        self.apply(e, record)
        return e

    def apply(self, e: StoryEntry, record: RevisionRecord) -> None:
        """Shows ``record`` in the entry row, linking local records by UID or name."""
        from visitplanner.services.documents.image_files import data_folder

        e.revision = record.revision
        e.origin = record.origin
        e.saved_at = record.saved_at
        e.entry_date = record.date
        e.title = record.title
        e.text = record.text
        e.kind = record.kind
        e.author = record.author
        e.challenges = "\n".join(record.challenges)
        e.dynamic_names = "\n".join(record.dynamics)
        e.event_uid = record.event_uid
        e.deleted_at = record.saved_at if record.deleted else None
        e.search_key = keys.story_key(record.title, record.text)
        event = self._event(record.event_uid)
        e.event_id = event[0] if event else None
        if not record.from_debrief:
            e.debrief_id = None
        elif event is not None:
            e.debrief_id = event[1]
        e.dynamics = self._dynamics_named(record.dynamics)
        e.photo_sha256 = record.photo_sha256
        e.photo_caption = record.photo_caption
        local = f"originals/{record.photo}" if record.photo else None
        e.photo_path = local if local and (data_folder() / local).is_file() else None
        e.updated_at = utcnow()


def _revision_row(record: RevisionRecord) -> StoryRevision:
    return StoryRevision(
        entry_uuid=record.entry,
        revision=record.revision,
        origin=record.origin,
        author=record.author,
        saved_at=record.saved_at,
        content=record.to_json(),
    )


def record_of(e: StoryEntry, origin: str) -> RevisionRecord:
    """The entry row as a revision: for entries written before revisions were kept."""
    return RevisionRecord(
        entry=e.uuid,
        revision=e.revision,
        origin=e.origin or origin,
        saved_at=e.saved_at or e.updated_at or utcnow(),
        date=e.entry_date,
        title=e.title,
        kind=e.kind,
        text=e.text,
        author=e.author,
        deleted=e.deleted_at is not None,
        dynamics=lines_of(e.dynamic_names) or tuple(d.name for d in e.dynamics),
        challenges=lines_of(e.challenges),
        event_uid=e.event_uid,
        event_title=None,
        from_debrief=e.debrief_id is not None,
        photo=(
            f"{e.photo_sha256}{Path(e.photo_path).suffix}"
            if e.photo_path and e.photo_sha256
            else None
        ),
        photo_caption=e.photo_caption,
        parent=None,
    )


def ensure_revisions(session: Session, entries: Sequence[StoryEntry] | None = None) -> int:
    """Gives entries that have no revision yet (demo, older catalogues) their first one."""
    origin = catalogue_id(session)
    if entries is None:
        known = select(StoryRevision.id).where(StoryRevision.entry_uuid == StoryEntry.uuid)
        entries = list(session.scalars(select(StoryEntry).where(~known.exists())))
    else:
        entries = [
            e
            for e in entries
            if not session.scalar(
                select(select(StoryRevision.id).where(StoryRevision.entry_uuid == e.uuid).exists())
            )
        ]
    for e in entries:
        record = record_of(e, origin)
        if e.event_id and not e.event_uid:
            event = session.get(Event, e.event_id)
            record = replace(record, event_uid=event.uid if event else None)
        e.origin = record.origin
        e.saved_at = record.saved_at
        e.event_uid = record.event_uid
        e.dynamic_names = "\n".join(record.dynamics)
        session.add(_revision_row(record))
    session.flush()
    return len(entries)
