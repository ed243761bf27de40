"""The shared narrative log ("récit commun"): the collective's story, entry by entry.

Every change to an entry is a new revision (``LogRevision``), ours or read from the
shared folder; the ``LogEntry`` row is the newest revision as the timeline shows it.
Keeping every revision is what lets two coordinators edit the same entry offline and
lose nothing: the newest wins in the view, the other stays in the entry's history.
"""

from __future__ import annotations

import contextlib
import uuid as uuidlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from visitplanner.domain import validation as check
from visitplanner.domain.enums import Challenge, LogKind
from visitplanner.domain.errors import NotFoundError, UserError, ValidationError
from visitplanner.domain.text import fold
from visitplanner.exchange.logfolder import RevisionRecord
from visitplanner.i18n import _
from visitplanner.services import keys
from visitplanner.services.changes import Changes
from visitplanner.services.query import with_search
from visitplanner.store.database import Catalogue
from visitplanner.store.models import (
    CatalogueInfo,
    Debrief,
    Dynamic,
    Event,
    LogEntry,
    LogRevision,
    log_entry_dynamics,
)
from visitplanner.store.types import utcnow


@dataclass(frozen=True)
class LogEntryView:
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
class LogFilter:
    """What the timeline shows; every field narrows it, None leaves it open."""

    search: str | None = None
    dynamic_id: int | None = None
    kind: str | None = None
    challenge: str | None = None
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class LogEntryInput:
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


def catalogue_id(session: Session) -> str:
    row = session.get(CatalogueInfo, "catalogue_id")
    if row is None:  # catalogues opened by open_catalogue always have one
        row = CatalogueInfo(key="catalogue_id", value=str(uuidlib.uuid4()))
        session.add(row)
        session.flush()
    return row.value


def _lines(value: str | None) -> tuple[str, ...]:
    return tuple(line for line in (value or "").split("\n") if line)


def _data_folder() -> Path:
    from visitplanner.services.photos import data_folder

    return data_folder()


def _view(
    e: LogEntry, own_origin: str, event_title: str | None, folder: Path | None = None
) -> LogEntryView:
    """``folder`` is the data folder, passed when viewing many entries at once."""
    return LogEntryView(
        uuid=e.uuid,
        revision=e.revision,
        date=e.entry_date,
        title=e.title,
        text=e.text,
        kind=e.kind,
        author=e.author,
        event_id=e.event_id,
        debrief_id=e.debrief_id,
        dynamic_names=_lines(e.dynamic_names),
        challenges=_lines(e.challenges),
        photo=(folder or _data_folder()) / e.photo_path if e.photo_path else None,
        photo_caption=e.photo_caption,
        saved_at=e.saved_at,
        origin=e.origin,
        own=e.origin in (None, own_origin),
        event_title=event_title,
        dynamic_ids=tuple(d.id for d in e.dynamics),
    )


def list_log(
    catalogue: Catalogue,
    search: str | None = None,
    limit: int | None = None,
    *,
    filters: LogFilter | None = None,
    oldest_first: bool = False,
) -> list[LogEntryView]:
    """Entries newest first, as the timeline shows them (oldest first for a printed story)."""
    filters = filters or LogFilter()
    with catalogue.session() as session:
        own = catalogue_id(session)
        stmt = (
            select(LogEntry, Event.title)
            .outerjoin(Event, Event.id == LogEntry.event_id)
            .where(LogEntry.deleted_at.is_(None))
        )
        stmt = with_search(stmt, LogEntry.search_key, search or filters.search)
        if filters.dynamic_id is not None:
            stmt = stmt.where(
                LogEntry.id.in_(
                    select(log_entry_dynamics.c.entry_id).where(
                        log_entry_dynamics.c.dynamic_id == filters.dynamic_id
                    )
                )
            )
        if filters.kind:
            stmt = stmt.where(LogEntry.kind == filters.kind)
        if filters.challenge:
            padded = "\n" + LogEntry.challenges + "\n"
            stmt = stmt.where(padded.like(f"%\n{filters.challenge}\n%"))
        if filters.start:
            stmt = stmt.where(LogEntry.entry_date >= filters.start)
        if filters.end:
            stmt = stmt.where(LogEntry.entry_date <= filters.end)
        # Within a day, an order every catalogue agrees on (local ids differ between them).
        if oldest_first:
            stmt = stmt.order_by(LogEntry.entry_date, LogEntry.title, LogEntry.uuid)
        else:
            stmt = stmt.order_by(
                LogEntry.entry_date.desc(), LogEntry.title.desc(), LogEntry.uuid.desc()
            )
        rows = session.execute(stmt.limit(limit)).all()
        # Looked up once for the whole list, and only when a photo needs it.
        folder = _data_folder() if any(e.photo_path for e, _title in rows) else None
        return [_view(e, own, title, folder) for e, title in rows]


def get_entry(catalogue: Catalogue, entry_uuid: str) -> LogEntryView:
    with catalogue.session() as session:
        e = _find(session, entry_uuid)
        event = session.get(Event, e.event_id) if e.event_id else None
        return _view(e, catalogue_id(session), event.title if event else None)


def _find(session: Session, entry_uuid: str) -> LogEntry:
    e = session.scalar(select(LogEntry).where(LogEntry.uuid == entry_uuid))
    if e is None or e.deleted_at is not None:
        raise NotFoundError(_("No story entry has id {id}.").format(id=entry_uuid))
    return e


def entry_history(catalogue: Catalogue, entry_uuid: str) -> list[RevisionView]:
    """Every revision known here, newest first: what each coordinator wrote, and when."""
    with catalogue.session() as session:
        e = session.scalar(select(LogEntry).where(LogEntry.uuid == entry_uuid))
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


def _revisions(session: Session, e: LogEntry) -> list[LogRevision]:
    return list(session.scalars(select(LogRevision).where(LogRevision.entry_uuid == e.uuid)))


# --- writing -----------------------------------------------------------------


def _checked(session: Session, data: LogEntryInput) -> tuple[str, str | None, str, list[Dynamic]]:
    title = check.required_text(data.title, _("title"), 300)
    text = check.optional_text(data.text, _("text"), 100_000)
    kind = LogKind.parse(data.kind, _("kind")).value
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


def _photo_fields(data: LogEntryInput, current: LogEntry | None) -> tuple[str | None, str | None]:
    """(relative path, sha256) of the entry's photo, storing a newly chosen file."""
    from visitplanner.services.photos import (
        _check_image,
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
    _check_image(source)
    stored = store_original(source)
    # The print-size copy is made once, now, rather than by every export.
    with contextlib.suppress(UserError, OSError):
        display_file(data_folder() / stored[0])
    return stored


def _record_from_input(
    session: Session,
    entry_uuid: str,
    revision: int,
    parent: tuple[int, str] | None,
    data: LogEntryInput,
    author: str | None,
    current: LogEntry | None,
    from_debrief: bool = False,
) -> RevisionRecord:
    title, text, kind, dynamics = _checked(session, data)
    relative, digest = _photo_fields(data, current)
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


def add_entry(catalogue: Catalogue, data: LogEntryInput, author: str | None) -> str:
    """Writes a new entry; returns its UUID (the entry's name in the shared folder)."""
    with catalogue.session() as session:
        record = _record_from_input(
            session, str(uuidlib.uuid4()), 1, None, data, author, current=None
        )
        store_revision(session, record)
        return record.entry


def edit_entry(
    catalogue: Catalogue, entry_uuid: str, data: LogEntryInput, author: str | None
) -> Changes:
    """A new revision on top of the one shown; nothing is written if nothing changed."""
    with catalogue.session() as session:
        e = _find(session, entry_uuid)
        ensure_revisions(session, [e])
        record = _record_from_input(
            session, e.uuid, _next_revision(session, e), (e.revision, e.origin or ""), data,
            author, current=e, from_debrief=e.debrief_id is not None,
        )  # fmt: skip
        if _same_content(record, e):
            return Changes()
        store_revision(session, record)
        return Changes.of(updated=[("log_entry", e.id)])


def delete_entry(catalogue: Catalogue, entry_uuid: str, author: str | None) -> Changes:
    """Removes the entry from the story everywhere; its revisions stay in its history."""
    with catalogue.session() as session:
        e = _find(session, entry_uuid)
        ensure_revisions(session, [e])
        _store_on_top(session, e, None, author, deleted=True)
        return Changes.of(deleted=[("log_entry", e.id)])


def restore_revision(
    catalogue: Catalogue, entry_uuid: str, revision: int, origin: str, author: str | None
) -> Changes:
    """Makes an older (or parallel) revision current again, as a new revision."""
    with catalogue.session() as session:
        e = session.scalar(select(LogEntry).where(LogEntry.uuid == entry_uuid))
        if e is None:
            raise NotFoundError(_("No story entry has id {id}.").format(id=entry_uuid))
        ensure_revisions(session, [e])
        row = session.scalar(
            select(LogRevision).where(
                LogRevision.entry_uuid == entry_uuid,
                LogRevision.revision == revision,
                LogRevision.origin == origin,
            )
        )
        if row is None:
            raise NotFoundError(_("This entry has no such revision."))
        chosen = RevisionRecord.from_json(row.content.encode())
        _store_on_top(session, e, chosen, author, deleted=False)
        return Changes.of(updated=[("log_entry", e.id)])


def _store_on_top(
    session: Session,
    e: LogEntry,
    content: RevisionRecord | None,
    author: str | None,
    deleted: bool,
) -> None:
    """``content`` (None: the shown one) saved by us as the entry's next revision, on top."""
    current = _current_record(session, e)
    record = replace(
        content or current,
        revision=_next_revision(session, e),
        origin=catalogue_id(session),
        saved_at=saved_now(),
        author=author,
        deleted=deleted,
        parent=(current.revision, current.origin),
    )
    store_revision(session, record)


def _next_revision(session: Session, e: LogEntry) -> int:
    highest = session.scalar(
        select(func.max(LogRevision.revision)).where(LogRevision.entry_uuid == e.uuid)
    )
    return max(highest or 0, e.revision) + 1


def _same_content(record: RevisionRecord, e: LogEntry) -> bool:
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


def _current_record(session: Session, e: LogEntry) -> RevisionRecord:
    return max(
        (RevisionRecord.from_json(r.content.encode()) for r in _revisions(session, e)),
        key=RevisionRecord.sort_key,
    )


# --- revisions to entries ------------------------------------------------------


def store_revision(session: Session, record: RevisionRecord) -> LogEntry | None:
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
        self._entries: dict[str, LogEntry | None] = {}
        self._dynamics: dict[str, Dynamic] | None = None
        self._events: dict[str, tuple[int, int | None] | None] = {}
        for start in range(0, len(uuids or ()), 500):
            chunk = list(uuids[start : start + 500])  # type: ignore[index]
            self._entries.update(dict.fromkeys(chunk))
            for e in session.scalars(select(LogEntry).where(LogEntry.uuid.in_(chunk))):
                self._entries[e.uuid] = e

    def _entry(self, entry_uuid: str) -> LogEntry | None:
        if entry_uuid not in self._entries:
            self._entries[entry_uuid] = self.session.scalar(
                select(LogEntry).where(LogEntry.uuid == entry_uuid)
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

    def store(self, record: RevisionRecord) -> LogEntry | None:
        self.session.add(_revision_row(record))
        e = self._entry(record.entry)
        if e is not None and e.saved_at is not None:
            shown = (e.revision, e.saved_at, e.origin or "")
            if shown >= record.sort_key():
                return None
        if e is None:
            e = LogEntry(uuid=record.entry)
            self.session.add(e)
            self._entries[record.entry] = e
        self.apply(e, record)
        return e

    def apply(self, e: LogEntry, record: RevisionRecord) -> None:
        """Shows ``record`` in the entry row, linking local records by UID or name."""
        from visitplanner.services.photos import data_folder

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
        e.search_key = keys.log_key(record.title, record.text)
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


def _revision_row(record: RevisionRecord) -> LogRevision:
    return LogRevision(
        entry_uuid=record.entry,
        revision=record.revision,
        origin=record.origin,
        author=record.author,
        saved_at=record.saved_at,
        content=record.to_json(),
    )


def record_of(e: LogEntry, origin: str) -> RevisionRecord:
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
        dynamics=_lines(e.dynamic_names) or tuple(d.name for d in e.dynamics),
        challenges=_lines(e.challenges),
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


def ensure_revisions(session: Session, entries: Sequence[LogEntry] | None = None) -> int:
    """Gives entries that have no revision yet (demo, older catalogues) their first one."""
    origin = catalogue_id(session)
    if entries is None:
        known = select(LogRevision.id).where(LogRevision.entry_uuid == LogEntry.uuid)
        entries = list(session.scalars(select(LogEntry).where(~known.exists())))
    else:
        entries = [
            e
            for e in entries
            if not session.scalar(
                select(select(LogRevision.id).where(LogRevision.entry_uuid == e.uuid).exists())
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


# --- debriefs ------------------------------------------------------------------


def debrief_entry_input(session: Session, d: Debrief) -> LogEntryInput:
    """The story of a finalised debrief: the question, what we keep, what we take home.

    Quotes appear only with the consent of the person quoted, and the debrief's first
    photo only with everyone's consent to photos; no other participant is named, since
    the entry travels to every catalogue sharing the folder.
    """
    from visitplanner.services.planning import local

    event = d.event
    parts = []
    if event.visit_question:
        parts.append(_("Our question: {question}").format(question=event.visit_question.strip()))
    if d.takeaways:
        parts.append(
            _("What we keep")
            + "\n"
            + "\n".join(f"- {t.text.strip()}" for t in d.takeaways if t.text.strip())
        )
    if d.ideas_to_transpose and d.ideas_to_transpose.strip():
        parts.append(_("Ideas to transpose") + "\n" + d.ideas_to_transpose.strip())
    for q in d.quotes:
        if q.person is not None and q.person.consent_quotes and q.text.strip():
            parts.append(f"« {q.text.strip()} » — {q.person.full_name}")
    kind = event.kind if event.kind in ("visit", "seminar") else "note"
    dynamic_ids = tuple(sorted({link.dynamic_id for link in _event_dynamics(session, event)}))
    photo = d.photos[0] if d.photos and _everyone_agreed_to_photos(event) else None
    from visitplanner.services.photos import data_folder

    return LogEntryInput(
        date=local(event.starts_at, event.timezone).date(),
        title=event.title,
        kind=kind,
        text="\n\n".join(parts) or None,
        dynamic_ids=dynamic_ids,
        challenges=tuple(dict.fromkeys(t.challenge for t in d.takeaways if t.challenge)),
        event_id=event.id,
        photo=data_folder() / photo.path if photo else None,
        photo_caption=photo.caption if photo else None,
    )


def _everyone_agreed_to_photos(event: Event) -> bool:
    """A debrief's photo goes into the shared story only if nobody there refused photos.

    Photos are not tagged with who is on them, so the rule is the careful one: every
    person who came (or may have come) has agreed. A coordinator can still add a photo
    to the entry by hand, knowingly.
    """
    present = (p for p in event.participations if p.status in ("accepted", "tentative"))
    return all(p.person.consent_photos for p in present)


def _event_dynamics(session: Session, event: Event) -> list:
    from visitplanner.store.models import EventDynamic

    return list(session.scalars(select(EventDynamic).where(EventDynamic.event_id == event.id)))


def write_debrief_entry(session: Session, d: Debrief) -> LogEntry | None:
    """Creates or updates the entry of a finalised debrief, keeping its link and UUID."""
    data = debrief_entry_input(session, d)
    author = ", ".join(sorted((p.full_name for p in d.authors), key=str.casefold)) or None
    e = session.scalar(select(LogEntry).where(LogEntry.debrief_id == d.id).order_by(LogEntry.id))
    if e is None:
        record = _record_from_input(
            session, str(uuidlib.uuid4()), 1, None, data, author, None, from_debrief=True
        )
        return store_revision(session, record)
    ensure_revisions(session, [e])
    record = _record_from_input(
        session, e.uuid, _next_revision(session, e), (e.revision, e.origin or ""), data,
        author, e, from_debrief=True,
    )  # fmt: skip
    if _same_content(record, e) and e.deleted_at is None:
        return None
    store_revision(session, record)
    e.debrief_id = d.id
    return e
