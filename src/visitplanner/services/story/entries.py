"""The shared story ("récit commun"): the collective's story, entry by entry.

Every change to an entry is a new revision (``StoryRevision``), ours or read from the
shared folder; the ``StoryEntry`` row is the newest revision as the timeline shows it.
Keeping every revision is what lets two coordinators edit the same entry offline and
lose nothing: the newest wins in the view, the other stays in the entry's history.
"""

from __future__ import annotations

import contextlib
import uuid as uuidlib
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from visitplanner.domain import validation as check
from visitplanner.domain.enums import Challenge, StoryKind
from visitplanner.domain.errors import NotFoundError, UserError, ValidationError
from visitplanner.domain.text import fold
from visitplanner.exchange.story_folder import RevisionRecord
from visitplanner.i18n import _
from visitplanner.services.changes import ChangeKind, Changes
from visitplanner.services.query import with_search

# Moved there; imported back because callers import them from here.
from visitplanner.services.story.revisions import (  # noqa: F401
    RevisionStore,
    catalogue_id,
    ensure_revisions,
    lines_of,
    record_of,
    store_revision,
)
from visitplanner.store.database import Catalogue
from visitplanner.store.models import (
    Dynamic,
    Event,
    StoryEntry,
    StoryRevision,
    story_entry_dynamics,
)


@dataclass(frozen=True)
class StoryEntryView:
    uuid: str
    revision: int
    date: date
    title: str
    text: str | None
    kind: str
    author: str | None
    event_id: int | None
    debrief_id: int | None
    dynamic_names: tuple[str, ...]
    challenges: tuple[str, ...] = ()
    # The original photo in the data folder, when this catalogue has the file.
    photo: Path | None = None
    photo_caption: str | None = None
    saved_at: datetime | None = None
    origin: str | None = None
    # Written (in its current revision) by this catalogue rather than read from the folder.
    own: bool = True
    event_title: str | None = None
    dynamic_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class StoryFilter:
    """What the timeline shows; every field narrows it, None leaves it open."""

    search: str | None = None
    dynamic_id: int | None = None
    kind: str | None = None
    challenge: str | None = None
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class StoryEntryInput:
    date: date
    title: str
    kind: str = "note"
    text: str | None = None
    dynamic_ids: tuple[int, ...] = ()
    challenges: tuple[str, ...] = ()
    event_id: int | None = None
    # A photo file to attach (copied into the data folder), or the entry's current one.
    photo: Path | None = None
    photo_caption: str | None = None


@dataclass(frozen=True)
class RevisionView:
    """One revision in an entry's history, newest first."""

    revision: int
    origin: str
    own: bool
    author: str | None
    saved_at: datetime
    title: str
    text: str | None
    date: date
    kind: str
    deleted: bool
    current: bool
    # Another revision with the same number exists: two people edited the same version.
    parallel: bool
    parent: tuple[int, str] | None


def saved_now() -> datetime:
    """Revisions keep microseconds: two edits of one entry in the same second still order."""
    return datetime.now(UTC)


# --- reading -----------------------------------------------------------------


def _data_folder() -> Path:
    from visitplanner.services.documents.image_files import data_folder

    return data_folder()


def _photo_file(e: StoryEntry, folder: Path | None) -> Path:
    """The entry's photo on this laptop, fetched from a team catalogue if missing."""
    from visitplanner.services.documents.attachments import photo_path

    return photo_path(e, e.photo_path or "", e.photo_sha256, folder)


def _view(
    e: StoryEntry, own_origin: str, event_title: str | None, folder: Path | None = None
) -> StoryEntryView:
    """``folder`` is the data folder, passed when viewing many entries at once."""
    return StoryEntryView(
        uuid=e.uuid,
        revision=e.revision,
        date=e.entry_date,
        title=e.title,
        text=e.text,
        kind=e.kind,
        author=e.author,
        event_id=e.event_id,
        debrief_id=e.debrief_id,
        dynamic_names=lines_of(e.dynamic_names),
        challenges=lines_of(e.challenges),
        photo=_photo_file(e, folder) if e.photo_path else None,
        photo_caption=e.photo_caption,
        saved_at=e.saved_at,
        origin=e.origin,
        own=e.origin in (None, own_origin),
        event_title=event_title,
        dynamic_ids=tuple(d.id for d in e.dynamics),
    )


def list_story(
    catalogue: Catalogue,
    search: str | None = None,
    limit: int | None = None,
    *,
    filters: StoryFilter | None = None,
    oldest_first: bool = False,
) -> list[StoryEntryView]:
    """Entries newest first, as the timeline shows them (oldest first for a printed story)."""
    filters = filters or StoryFilter()
    with catalogue.session() as session:
        own = catalogue_id(session)
        stmt = (
            select(StoryEntry, Event.title)
            .outerjoin(Event, Event.id == StoryEntry.event_id)
            .where(StoryEntry.deleted_at.is_(None))
        )
        stmt = with_search(stmt, StoryEntry.search_key, search or filters.search)
        if filters.dynamic_id is not None:
            stmt = stmt.where(
                StoryEntry.id.in_(
                    select(story_entry_dynamics.c.entry_id).where(
                        story_entry_dynamics.c.dynamic_id == filters.dynamic_id
                    )
                )
            )
        if filters.kind:
            stmt = stmt.where(StoryEntry.kind == filters.kind)
        if filters.challenge:
            padded = "\n" + StoryEntry.challenges + "\n"
            stmt = stmt.where(padded.like(f"%\n{filters.challenge}\n%"))
        if filters.start:
            stmt = stmt.where(StoryEntry.entry_date >= filters.start)
        if filters.end:
            stmt = stmt.where(StoryEntry.entry_date <= filters.end)
        # Within a day, an order every catalogue agrees on (local ids differ between them).
        if oldest_first:
            stmt = stmt.order_by(StoryEntry.entry_date, StoryEntry.title, StoryEntry.uuid)
        else:
            stmt = stmt.order_by(
                StoryEntry.entry_date.desc(), StoryEntry.title.desc(), StoryEntry.uuid.desc()
            )
        rows = session.execute(stmt.limit(limit)).all()
        # Looked up once for the whole list, and only when a photo needs it.
        folder = _data_folder() if any(e.photo_path for e, _title in rows) else None
        return [_view(e, own, title, folder) for e, title in rows]


def get_entry(catalogue: Catalogue, entry_uuid: str) -> StoryEntryView:
    with catalogue.session() as session:
        e = _find(session, entry_uuid)
        event = session.get(Event, e.event_id) if e.event_id else None
        return _view(e, catalogue_id(session), event.title if event else None)


def _find(session: Session, entry_uuid: str) -> StoryEntry:
    e = session.scalar(select(StoryEntry).where(StoryEntry.uuid == entry_uuid))
    if e is None or e.deleted_at is not None:
        raise NotFoundError(_("No story entry has id {id}.").format(id=entry_uuid))
    return e


def entry_history(catalogue: Catalogue, entry_uuid: str) -> list[RevisionView]:
    """Every revision known here, newest first: what each coordinator wrote, and when."""
    with catalogue.session() as session:
        e = session.scalar(select(StoryEntry).where(StoryEntry.uuid == entry_uuid))
        if e is None:
            raise NotFoundError(_("No story entry has id {id}.").format(id=entry_uuid))
        ensure_revisions(session, [e])
        own = catalogue_id(session)
        records = [RevisionRecord.from_json(r.content.encode()) for r in _revisions(session, e)]
    numbers = [r.revision for r in records]
    winner = max(records, key=RevisionRecord.sort_key)
    return [
        RevisionView(
            revision=r.revision,
            origin=r.origin,
            own=r.origin == own,
            author=r.author,
            saved_at=r.saved_at,
            title=r.title,
            text=r.text,
            date=r.date,
            kind=r.kind,
            deleted=r.deleted,
            current=r is winner,
            parallel=numbers.count(r.revision) > 1,
            parent=r.parent,
        )
        for r in sorted(records, key=RevisionRecord.sort_key, reverse=True)
    ]


def _revisions(session: Session, e: StoryEntry) -> list[StoryRevision]:
    return list(session.scalars(select(StoryRevision).where(StoryRevision.entry_uuid == e.uuid)))


# --- writing -----------------------------------------------------------------


def _checked(session: Session, data: StoryEntryInput) -> tuple[str, str | None, str, list[Dynamic]]:
    title = check.required_text(data.title, _("title"), 300)
    text = check.optional_text(data.text, _("text"), 100_000)
    kind = StoryKind.parse(data.kind, _("kind")).value
    for code in data.challenges:
        Challenge.parse(code, _("challenge"))
    if not isinstance(data.date, date):
        raise ValidationError(_("date"), _("give a date."))
    dynamics = []
    for dynamic_id in data.dynamic_ids:
        d = session.get(Dynamic, dynamic_id)
        if d is None or d.deleted_at is not None:
            raise ValidationError(_("dynamics"), _("no dynamic has id {id}.").format(id=dynamic_id))
        dynamics.append(d)
    if data.event_id is not None:
        event = session.get(Event, data.event_id)
        if event is None or event.deleted_at is not None:
            raise ValidationError(_("event"), _("no event has id {id}.").format(id=data.event_id))
    return title, text, kind, dynamics


def _photo_fields(
    data: StoryEntryInput, current: StoryEntry | None
) -> tuple[str | None, str | None]:
    """(relative path, sha256) of the entry's photo, storing a newly chosen file."""
    from visitplanner.services.documents.image_files import (
        check_image,
        data_folder,
        display_file,
        store_original,
    )

    if data.photo is None:
        return None, None
    if (
        current is not None
        and current.photo_path
        and Path(data.photo) == data_folder() / current.photo_path
    ):
        return current.photo_path, current.photo_sha256
    source = Path(data.photo)
    if not source.is_file():
        raise ValidationError(_("photo"), _("“{name}” is not a file.").format(name=source.name))
    check_image(source)
    stored = store_original(source)
    # The print-size copy is made once, now, rather than by every export.
    with contextlib.suppress(UserError, OSError):
        display_file(data_folder() / stored[0])
    return stored


def record_from_input(
    session: Session,
    entry_uuid: str,
    revision: int,
    parent: tuple[int, str] | None,
    data: StoryEntryInput,
    author: str | None,
    current: StoryEntry | None,
    from_debrief: bool = False,
) -> RevisionRecord:
    title, text, kind, dynamics = _checked(session, data)
    relative, digest = _photo_fields(data, current)
    if relative and digest and (current is None or current.photo_sha256 != digest):
        from visitplanner.services.documents.attachments import keep

        keep(session, digest, _data_folder() / relative)  # a team catalogue: bytes too
    photo = f"{digest}{Path(relative).suffix}" if relative and digest else None
    caption = check.optional_text(data.photo_caption, _("caption"), 2000)
    event = session.get(Event, data.event_id) if data.event_id is not None else None
    event_uid, event_title = (event.uid, event.title) if event else (None, None)
    names = [d.name for d in dynamics]
    if current is not None:
        # What this catalogue cannot show, the editor cannot have removed: a photo still
        # on its way from the shared folder, dynamics and an event known only elsewhere.
        shown = _current_record(session, current)
        if data.photo is None and current.photo_sha256 and not current.photo_path:
            photo, caption = shown.photo, caption or shown.photo_caption
        live = {fold(n) for n in session.scalars(select(Dynamic.name))}
        names += [n for n in shown.dynamics if fold(n) not in live]
        if data.event_id is None and current.event_id is None and shown.event_uid:
            event_uid, event_title = shown.event_uid, shown.event_title
    return RevisionRecord(
        entry=entry_uuid,
        revision=revision,
        origin=catalogue_id(session),
        saved_at=saved_now(),
        date=data.date,
        title=title,
        kind=kind,
        text=text,
        author=check.optional_text(author, _("author"), 200),
        # One order everywhere, so saving an unchanged entry is recognised as such.
        dynamics=tuple(sorted(dict.fromkeys(names), key=str.casefold)),
        challenges=tuple(c for c in Challenge.codes() if c in data.challenges),
        event_uid=event_uid,
        event_title=event_title,
        from_debrief=from_debrief,
        photo=photo,
        photo_caption=caption if photo else None,
        parent=parent,
    )


@dataclass(frozen=True)
class NewEntry:
    """An entry just written: its UUID (its name in the shared folder) and what changed."""

    uuid: str
    changes: Changes


def add_entry(catalogue: Catalogue, data: StoryEntryInput, author: str | None) -> NewEntry:
    """Writes a new entry, shown at once (a new UUID has no other revision to compete)."""
    with catalogue.session() as session:
        record = record_from_input(
            session, str(uuidlib.uuid4()), 1, None, data, author, current=None
        )
        e = store_revision(session, record) or _find(session, record.entry)
        return NewEntry(record.entry, Changes.of(created=[(ChangeKind.STORY_ENTRY, e.id)]))


def edit_entry(
    catalogue: Catalogue, entry_uuid: str, data: StoryEntryInput, author: str | None
) -> Changes:
    """A new revision on top of the one shown; nothing is written if nothing changed."""
    with catalogue.session() as session:
        e = _find(session, entry_uuid)
        ensure_revisions(session, [e])
        record = record_from_input(
            session, e.uuid, next_revision(session, e), (e.revision, e.origin or ""), data,
            author, current=e, from_debrief=e.debrief_id is not None,
        )  # fmt: skip
        if same_content(record, e):
            return Changes()
        store_revision(session, record)
        return Changes.of(updated=[(ChangeKind.STORY_ENTRY, e.id)])


def delete_entry(catalogue: Catalogue, entry_uuid: str, author: str | None) -> Changes:
    """Removes the entry from the story everywhere; its revisions stay in its history."""
    with catalogue.session() as session:
        e = _find(session, entry_uuid)
        ensure_revisions(session, [e])
        _store_on_top(session, e, None, author, deleted=True)
        return Changes.of(deleted=[(ChangeKind.STORY_ENTRY, e.id)])


def restore_revision(
    catalogue: Catalogue, entry_uuid: str, revision: int, origin: str, author: str | None
) -> Changes:
    """Makes an older (or parallel) revision current again, as a new revision."""
    with catalogue.session() as session:
        e = session.scalar(select(StoryEntry).where(StoryEntry.uuid == entry_uuid))
        if e is None:
            raise NotFoundError(_("No story entry has id {id}.").format(id=entry_uuid))
        ensure_revisions(session, [e])
        row = session.scalar(
            select(StoryRevision).where(
                StoryRevision.entry_uuid == entry_uuid,
                StoryRevision.revision == revision,
                StoryRevision.origin == origin,
            )
        )
        if row is None:
            raise NotFoundError(_("This entry has no such revision."))
        chosen = RevisionRecord.from_json(row.content.encode())
        _store_on_top(session, e, chosen, author, deleted=False)
        return Changes.of(updated=[(ChangeKind.STORY_ENTRY, e.id)])


def _store_on_top(
    session: Session,
    e: StoryEntry,
    content: RevisionRecord | None,
    author: str | None,
    deleted: bool,
) -> None:
    """``content`` (None: the shown one) saved by us as the entry's next revision, on top."""
    current = _current_record(session, e)
    record = replace(
        content or current,
        revision=next_revision(session, e),
        origin=catalogue_id(session),
        saved_at=saved_now(),
        author=author,
        deleted=deleted,
        parent=(current.revision, current.origin),
    )
    store_revision(session, record)


def next_revision(session: Session, e: StoryEntry) -> int:
    highest = session.scalar(
        select(func.max(StoryRevision.revision)).where(StoryRevision.entry_uuid == e.uuid)
    )
    return max(highest or 0, e.revision) + 1


def same_content(record: RevisionRecord, e: StoryEntry) -> bool:
    return (
        record.date == e.entry_date
        and record.title == e.title
        and record.text == e.text
        and record.kind == e.kind
        and "\n".join(record.dynamics) == e.dynamic_names
        and "\n".join(record.challenges) == e.challenges
        and record.event_uid == e.event_uid
        and record.photo_sha256 == e.photo_sha256
        and record.photo_caption == e.photo_caption
    )


def _current_record(session: Session, e: StoryEntry) -> RevisionRecord:
    return max(
        (RevisionRecord.from_json(r.content.encode()) for r in _revisions(session, e)),
        key=RevisionRecord.sort_key,
    )
