"""Right to erasure, in this catalogue: everything that identifies the person goes.

What stays is anonymous: the person's participations (event, role, reply, attendance per
half-day) hang on a record with no name, no contact, no notes and no search key, marked
``erased_at`` and hidden everywhere (``deleted_at``) but never in the trash, so head
counts, attendance totals and the activity report's figures do not change. What goes:
the identity and contact, the notes, the dynamics, the quotes, the photos whose caption
or file name names the person (and their files when nothing else uses them), the
messages written to them, their links as organiser, host contact, debrief author or
action owner, and the e-mail kept in other people's delegation fields.

The deletes run with ``PRAGMA secure_delete`` (freed pages are overwritten with zeros),
then the write-ahead log is checkpointed and the file vacuumed, so the catalogue file
holds no trace of the name or e-mail once done (SQLite catalogues; a database server
is left to its own maintenance).

Story entries that name the person (in any kept revision) are redacted in the same
transaction (``services.story.redaction``): a redacted revision replaces them and their
earlier revisions are purged here, then, through the shared folder, in every catalogue
that shares the story. Debrief texts that name the person are listed for the user to
edit. Backups taken before still hold the person: :func:`backups_holding` lists them,
:func:`purge_backups` removes them.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, func, or_, select, text, update
from sqlalchemy.orm import Session

from visitplanner.domain.text import fold
from visitplanner.i18n import _
from visitplanner.services.changes import ChangeKind, Changes
from visitplanner.services.privacy.access import mentions, name_keys, revisions_naming
from visitplanner.services.query import get_live
from visitplanner.services.story.redaction import NAME_REMOVED, redact_mentions_in, redact_text
from visitplanner.store.compaction import compact
from visitplanner.store.database import Catalogue
from visitplanner.store.models import (
    Consent,
    Debrief,
    Event,
    FollowUpAction,
    Host,
    OutboxMessage,
    Participation,
    Person,
    Photo,
    ProgrammeItem,
    Quote,
    StoryEntry,
    debrief_authors,
)
from visitplanner.store.types import utcnow

log = logging.getLogger(__name__)
ERASED_NAME = "—"  # what lists show for an anonymous participation


@dataclass(frozen=True)
class ErasureSummary:
    """What an erasure removes, keeps anonymous, and cannot reach; shown before it runs."""

    name: str
    email: str | None
    participations: int  # kept, anonymous
    quotes: int
    photos: int
    messages: int
    story_entries: tuple[str, ...]  # titles of entries of which a revision names the person
    debriefs: tuple[str, ...]  # titles of events whose debrief text names the person
    backups: tuple[Path, ...] = field(default=())
    # Titles of events whose programme names the person (a speaker): the name is replaced.
    programme: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class ErasureResult:
    summary: ErasureSummary
    changes: Changes
    compacted: bool  # secure delete, checkpoint and VACUUM done


def _messages_to(person: Person) -> list:
    wanted = [OutboxMessage.person_id == person.id]
    if person.email:
        wanted.append(func.lower(OutboxMessage.recipient) == person.email.lower())
    return [or_(*wanted)]


def _named_photos(session: Session, keys: tuple[str, ...]) -> list[Photo]:
    def named(photo: Photo) -> bool:
        stem = Path(photo.original_name).stem.replace("_", " ").replace("-", " ")
        return mentions(photo.caption, keys) or bool(photo.original_name and mentions(stem, keys))

    return [p for p in session.scalars(select(Photo)) if named(p)]


def _free_text(session: Session, keys: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Titles of story entries (any kept revision, deleted ones too) and of events whose
    debrief text still names the person."""
    in_history = revisions_naming(session, keys)
    entries = tuple(
        e.title
        for e in session.scalars(select(StoryEntry))
        if e.uuid in in_history
        or any(mentions(v, keys) for v in (e.author, e.title, e.text, e.photo_caption))
    )
    debriefs = []
    for debrief in session.scalars(select(Debrief)):
        texts = [debrief.context, debrief.what_we_saw, debrief.ideas_to_transpose]
        texts += [t.text for t in debrief.takeaways] + [a.text for a in debrief.actions]
        if any(mentions(v, keys) for v in texts):
            debriefs.append(debrief.event.title)
    return entries, tuple(debriefs)


def _programme_items(session: Session, keys: tuple[str, ...]) -> list[ProgrammeItem]:
    """Programme lines whose title or speaker names the person (free text, like photos)."""
    return [
        item
        for item in session.scalars(select(ProgrammeItem).order_by(ProgrammeItem.id))
        if mentions(item.speaker, keys) or mentions(item.title, keys)
    ]


def _summary(session: Session, person: Person) -> ErasureSummary:
    keys = name_keys(person)
    entries, debriefs = _free_text(session, keys)
    return ErasureSummary(
        name=person.full_name,
        email=person.email,
        participations=session.scalar(
            select(func.count(Participation.id)).where(Participation.person_id == person.id)
        )
        or 0,
        quotes=session.scalar(select(func.count(Quote.id)).where(Quote.person_id == person.id))
        or 0,
        photos=len(_named_photos(session, keys)),
        messages=session.scalar(select(func.count(OutboxMessage.id)).where(*_messages_to(person)))
        or 0,
        story_entries=entries,
        debriefs=debriefs,
        programme=tuple(
            dict.fromkeys(
                session.get(Event, item.event_id).title for item in _programme_items(session, keys)
            )
        ),
    )


def erasure_summary(catalogue: Catalogue, person_id: int) -> ErasureSummary:
    """What :func:`erase_person` would do, and the backups that still hold the person."""
    with catalogue.session() as session:
        person = get_live(
            session, Person, person_id, _("No person has id {id}.").format(id=person_id)
        )
        summary = _summary(session, person)
    backups = tuple(backups_holding(catalogue, summary.name, summary.email))
    return ErasureSummary(**{**summary.__dict__, "backups": backups})


def erase_person(catalogue: Catalogue, person_id: int) -> ErasureResult:
    """Erases the person from this catalogue in one transaction, then compacts the file."""
    sqlite = catalogue.engine.dialect.name == "sqlite"
    files: list[str] = []
    with catalogue.session() as session, session.begin():
        if sqlite:
            session.execute(text("PRAGMA secure_delete = ON"))
        person = get_live(
            session, Person, person_id, _("No person has id {id}.").format(id=person_id)
        )
        summary = _summary(session, person)
        keys = name_keys(person)
        email = person.email
        story = redact_mentions_in(
            session,
            (person.full_name, f"{person.family_name} {person.given_name or ''}", email or ""),
            "erasure",
        )
        for photo in _named_photos(session, keys):
            files.append(photo.path)
            session.delete(photo)
        terms = (person.full_name, f"{person.family_name} {person.given_name or ''}", email or "")
        for item in _programme_items(session, keys):
            item.title = redact_text(item.title, terms, _(NAME_REMOVED)) or item.title
            item.speaker = redact_text(item.speaker, terms, _(NAME_REMOVED))
        session.execute(delete(Quote).where(Quote.person_id == person.id))
        session.execute(delete(Consent).where(Consent.person_id == person.id))
        session.execute(delete(OutboxMessage).where(*_messages_to(person)))
        session.execute(delete(debrief_authors).where(debrief_authors.c.person_id == person.id))
        # The person's dynamics (``person_dynamics``) go through ``person.dynamics = []``
        # below: the collection is loaded with the person, and deleting its rows here
        # too would make the flush find none and refuse the whole erasure.
        session.execute(
            update(FollowUpAction).where(FollowUpAction.owner_id == person.id).values(owner_id=None)
        )
        session.execute(
            update(Host).where(Host.contact_person_id == person.id).values(contact_person_id=None)
        )
        session.execute(
            update(Event).where(Event.organiser_id == person.id).values(organiser_id=None)
        )
        session.execute(
            update(Participation)
            .where(Participation.person_id == person.id)
            .values(notes=None, delegated_to=None, delegated_from=None)
        )
        if email:
            for column in (Participation.delegated_to, Participation.delegated_from):
                session.execute(
                    update(Participation)
                    .where(func.lower(column) == email.lower())
                    .values({column.key: None})
                )
        now = utcnow()
        person.given_name = None
        person.family_name = ERASED_NAME
        for attribute in ("email", "email_key", "phone", "organisation", "function", "notes"):
            setattr(person, attribute, None)
        person.search_key = person.sort_key = ""
        person.deleted_at = person.erased_at = now
        person.dynamics = []
        session.flush()
        still_used = set(session.scalars(select(Photo.path).where(Photo.path.in_(files))))
        still_used |= set(
            session.scalars(select(StoryEntry.photo_path).where(StoryEntry.photo_path.in_(files)))
        )
        gone = [Path(f).stem for f in files if f not in still_used]
        if gone:  # a team catalogue's copy of the bytes goes with the last photo using them
            from visitplanner.store.models import Attachment

            session.execute(delete(Attachment).where(Attachment.sha256.in_(gone)))
    _remove_files([f for f in files if f not in still_used])
    compacted = compact(catalogue) if sqlite else False
    changes = Changes.of(deleted=[(ChangeKind.PERSON, person_id)]) | story
    return ErasureResult(summary=summary, changes=changes, compacted=compacted)


def _remove_files(relative: list[str]) -> None:
    """The stored photos and their shrunk copies (named by the original's hash)."""
    from visitplanner.services.documents.photos import CACHE, data_folder

    folder = data_folder()
    for name in relative:
        with contextlib.suppress(OSError):
            (folder / name).unlink()
        for cached in (folder / CACHE).glob(f"{Path(name).stem}-*.jpg"):
            with contextlib.suppress(OSError):
                cached.unlink()


def backups_holding(catalogue: Catalogue, name: str, email: str | None) -> list[Path]:
    """The backup files of this catalogue that still hold a person of this name or e-mail."""
    from visitplanner.services.recovery.backups import list_backups
    from visitplanner.settings import load_settings
    from visitplanner.store import sqlite as sqlite_store

    if catalogue.path is None:
        return []
    wanted = fold(name)
    found = []
    for info in list_backups(catalogue.path, load_settings().backup_folder or None):
        try:
            conn = sqlite3.connect(sqlite_store.probe_uri(info.path), uri=True)
            try:
                rows = conn.execute(
                    "SELECT given_name, family_name, email FROM people WHERE erased_at IS NULL"
                    if _has_erased(conn)
                    else "SELECT given_name, family_name, email FROM people"
                ).fetchall()
            finally:
                conn.close()
        except sqlite3.Error:
            continue  # not readable: nothing to say about it
        for given, family, mail in rows:
            full = fold(" ".join(p for p in (given, family) if p))
            if (wanted and full == wanted) or (email and mail and mail.lower() == email.lower()):
                found.append(info.path)
                break
    return found


def _has_erased(conn: sqlite3.Connection) -> bool:
    return any(row[1] == "erased_at" for row in conn.execute("PRAGMA table_info(people)"))


def purge_backups(paths: list[Path]) -> int:
    """Removes these backup files (and a WAL file beside one); returns how many went."""
    removed = 0
    for path in paths:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        with contextlib.suppress(OSError):
            path.with_name(path.name + "-wal").unlink()
        removed += 1
    return removed
