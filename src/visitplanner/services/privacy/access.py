"""Right of access: a copy of everything the catalogue keeps about one person.

A person may ask what is kept about them; the association answers within a month.
The copy gathers the record itself and every place the person appears: their
participations with the replies and the signed attendance, the quotes, the photos
whose caption or file name names them, the story entries that name them, and the
messages written to them. Nothing is summarised away: the JSON file holds the values
as stored (stable English codes, ISO 8601 times), the PDF the same facts for a reader,
plus the purposes, recipients and retention periods (:mod:`.notice`).

Photos carry no list of who is on them, and story entries are free text: both are
found by the person's name (folded: case, accents and punctuation do not matter),
which is what a reader of the catalogue would see too.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from visitplanner import __version__
from visitplanner.domain.errors import UserError
from visitplanner.i18n import _
from visitplanner.services.privacy.naming import mentions, name_keys
from visitplanner.services.query import get_live
from visitplanner.store.database import Catalogue
from visitplanner.store.models import (
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
    StoryRevision,
    debrief_authors,
)

FORMAT = "visitplanner-access-report"
VERSION = 2  # 2: "consents" is the list of dated records (schema 0006)


def _iso(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _local(value: datetime | None, zone: str) -> str | None:
    """An event time in the event's own zone, with its offset."""
    if value is None:
        return None
    try:
        return value.astimezone(ZoneInfo(zone)).isoformat()
    except (KeyError, ValueError):
        return value.isoformat()


def _event_brief(event: Event) -> dict[str, Any]:
    return {
        "uid": event.uid,
        "title": event.title,
        "kind": event.kind,
        "start": _local(event.starts_at, event.timezone),
        "end": _local(event.ends_at, event.timezone),
    }


def _participations(session: Session, person_id: int) -> list[dict[str, Any]]:
    rows = session.scalars(
        select(Participation)
        .join(Event, Participation.event_id == Event.id)
        .where(Participation.person_id == person_id)
        .order_by(Event.starts_at, Event.id)
    )
    out = []
    for p in rows:
        out.append(
            {
                "event": _event_brief(p.event),
                "role": p.role,
                "status": p.status,
                "waitlist_position": p.waitlist_position,
                "invited_at": _iso(p.invited_at),
                "responded_at": _iso(p.responded_at),
                "reply_sequence": p.reply_sequence,
                "reply_dtstamp": _iso(p.reply_dtstamp),
                "delegated_to": p.delegated_to,
                "delegated_from": p.delegated_from,
                "notes": p.notes,
                "attendance": [
                    {"day": a.day.isoformat(), "half_day": a.half_day, "present": a.present}
                    for a in p.attendance
                ],
            }
        )
    return out


def _quotes(session: Session, person_id: int) -> list[dict[str, Any]]:
    rows = session.execute(
        select(Quote, Event)
        .join(Debrief, Quote.debrief_id == Debrief.id)
        .join(Event, Debrief.event_id == Event.id)
        .where(Quote.person_id == person_id)
        .order_by(Event.starts_at, Quote.position)
    )
    return [{"text": q.text, "event": _event_brief(e)} for q, e in rows]


def _photos(session: Session, keys: tuple[str, ...]) -> list[dict[str, Any]]:
    rows = session.execute(
        select(Photo, Event)
        .join(Debrief, Photo.debrief_id == Debrief.id)
        .join(Event, Debrief.event_id == Event.id)
        .order_by(Event.starts_at, Photo.position)
    )
    return [
        {
            "event": _event_brief(e),
            "caption": ph.caption,
            "original_name": ph.original_name,
            "file": ph.path,
            "sha256": ph.sha256,
        }
        for ph, e in rows
        if mentions(ph.caption, keys) or mentions(_stem(ph.original_name), keys)
    ]


def _stem(name: str | None) -> str | None:
    return Path(name).stem.replace("_", " ").replace("-", " ") if name else None


def revisions_naming(session: Session, keys: tuple[str, ...]) -> set[str]:
    """UUIDs of the story entries of which some kept revision names the person.

    Every revision read from or written to the shared folder stays in ``log_revisions``
    (the entry's history), so a name taken out of an entry is still kept there.
    """
    found = set()
    for uuid, content in session.execute(select(StoryRevision.entry_uuid, StoryRevision.content)):
        try:
            data = json.loads(content)
        except ValueError:
            data = {"text": content}
        photo = data.get("photo") if isinstance(data.get("photo"), dict) else {}
        values = (data.get("author"), data.get("title"), data.get("text"), photo.get("caption"))
        if any(isinstance(v, str) and mentions(v, keys) for v in values):
            found.add(uuid)
    return found


def _story(session: Session, keys: tuple[str, ...]) -> list[dict[str, Any]]:
    in_history = revisions_naming(session, keys)
    rows = session.scalars(
        select(StoryEntry)
        .where(or_(StoryEntry.deleted_at.is_(None), StoryEntry.uuid.in_(in_history)))
        .order_by(StoryEntry.entry_date, StoryEntry.id)
    )
    out = []
    for entry in rows:
        named_in = [
            field
            for field, value in (
                ("author", entry.author),
                ("title", entry.title),
                ("text", entry.text),
                ("photo_caption", entry.photo_caption),
            )
            if mentions(value, keys)
        ]
        if not named_in and entry.uuid in in_history:
            named_in = ["earlier_revision"]
        if named_in:
            out.append(
                {
                    "id": entry.uuid,
                    "date": entry.entry_date.isoformat(),
                    "kind": entry.kind,
                    "title": entry.title,
                    "author": entry.author,
                    "text": entry.text,
                    "named_in": named_in,
                }
            )
    return out


def _messages(session: Session, person: Person) -> list[dict[str, Any]]:
    wanted = [OutboxMessage.person_id == person.id]
    if person.email:
        # Equal ignoring case, as the erasure finds them; not ILIKE, which reads the "_"
        # and "%" an address may hold as wildcards (and so others' messages).
        wanted.append(func.lower(OutboxMessage.recipient) == person.email.lower())
    rows = session.execute(
        select(OutboxMessage, Event)
        .join(Event, OutboxMessage.event_id == Event.id)
        .where(or_(*wanted))
        .order_by(OutboxMessage.created_at, OutboxMessage.id)
    )
    return [
        {
            "event": _event_brief(e),
            "method": m.method,
            "purpose": m.purpose,
            "recipient": m.recipient,
            "subject": m.subject,
            "created_at": _iso(m.created_at),
            "sent_at": _iso(m.sent_at),
            "body": m.message,
        }
        for m, e in rows
    ]


def _other_roles(session: Session, person_id: int, keys: tuple[str, ...]) -> dict[str, Any]:
    organiser = session.scalars(
        select(Event).where(Event.organiser_id == person_id).order_by(Event.starts_at)
    )
    hosts = session.scalars(select(Host.name).where(Host.contact_person_id == person_id))
    authored = session.scalars(
        select(Event)
        .join(Debrief, Debrief.event_id == Event.id)
        .join(debrief_authors, debrief_authors.c.debrief_id == Debrief.id)
        .where(debrief_authors.c.person_id == person_id)
        .order_by(Event.starts_at)
    )
    actions = session.execute(
        select(FollowUpAction, Event)
        .join(Debrief, FollowUpAction.debrief_id == Debrief.id)
        .join(Event, Debrief.event_id == Event.id)
        .where(FollowUpAction.owner_id == person_id)
        .order_by(FollowUpAction.due_date, FollowUpAction.id)
    )
    return {
        "organiser_of": [_event_brief(e) for e in organiser],
        "host_contact_of": list(hosts),
        "debrief_author_of": [_event_brief(e) for e in authored],
        "follow_up_actions": [
            {
                "text": a.text,
                "due_date": _iso(a.due_date),
                "done": a.done,
                "event": _event_brief(e),
            }
            for a, e in actions
        ],
        # A programme line's speaker is free text: found by the name, like photos.
        "speaker_in": [
            {"event": _event_brief(e), "title": item.title, "speaker": item.speaker}
            for item, e in session.execute(
                select(ProgrammeItem, Event)
                .join(Event, ProgrammeItem.event_id == Event.id)
                .order_by(Event.starts_at, ProgrammeItem.position, ProgrammeItem.id)
            )
            if mentions(item.speaker, keys) or mentions(item.title, keys)
        ],
    }


def _consents(session: Session, person_id: int) -> list[dict[str, Any]]:
    """Every consent record, withdrawn ones included: the history is kept data too."""
    from visitplanner.services.privacy.consent_rules import history

    return [
        {
            "purpose": c.purpose,
            "scope": c.scope,
            "event": c.event_title,
            "given_on": _iso(c.given_on),
            "withdrawn_on": _iso(c.withdrawn_on),
            "recorded_by": c.recorded_by,
            "note": c.note,
            "withdrawal_note": c.withdrawal_note,
        }
        for c in history(session, person_id)
    ]


def access_data(catalogue: Catalogue, person_id: int) -> dict[str, Any]:
    """Everything kept about one person, as JSON-ready values with stable keys."""
    with catalogue.session() as session:
        person = get_live(
            session, Person, person_id, _("No person has id {id}.").format(id=person_id)
        )
        keys = name_keys(person)
        return {
            "format": FORMAT,
            "version": VERSION,
            "generated_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
            "generator": f"Visit Planner {__version__}",
            "person": {
                "id": person.id,
                "given_name": person.given_name,
                "family_name": person.family_name,
                "email": person.email,
                "phone": person.phone,
                "organisation": person.organisation,
                "function": person.function,
                "actor_type": person.actor_type,
                "preferred_language": person.preferred_language,
                "dynamics": [d.name for d in person.dynamics],
                "notes": person.notes,
                "created_at": _iso(person.created_at),
                "updated_at": _iso(person.updated_at),
            },
            "consents": _consents(session, person.id),
            "participations": _participations(session, person.id),
            "roles": _other_roles(session, person.id, keys),
            "quotes": _quotes(session, person.id),
            "photos": _photos(session, keys),
            "story_entries": _story(session, keys),
            "messages": _messages(session, person),
        }


def _cannot_write(path: Path, exc: OSError) -> UserError:
    return UserError(
        _("Cannot write {path}: {reason}.").format(path=path, reason=exc.strerror or exc)
    )


def write_access_report(
    catalogue: Catalogue,
    person_id: int,
    path: str | os.PathLike[str],
    *,
    language: str | None = None,
) -> Path:
    """Writes the copy to ``path``: ``.json`` (the data) or ``.pdf`` (for the person).

    The file is readable by the user alone (it is all about one person). ``language``:
    that of the PDF; by default the person's preferred language.
    """
    from visitplanner.atomic_files import atomic_path, private_folder, write_text_atomic

    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in (".json", ".pdf"):
        raise UserError(
            _("{path}: the report is written as .json or .pdf.").format(path=target.name)
        )
    data = access_data(catalogue, person_id)
    try:
        private_folder(target.parent)
        if suffix == ".json":
            text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
            write_text_atomic(target, text, private=True)
            return target
        from visitplanner.exchange.pdf.access_report import build_access_report
        from visitplanner.services.privacy.notice import processing_notice

        lang = language or data["person"]["preferred_language"]
        lang = lang if lang in ("fr", "en") else "fr"
        notice = processing_notice(catalogue, lang)
        with atomic_path(target, private=True) as temporary:
            build_access_report(temporary, data, notice, language=lang)
    except OSError as exc:
        raise _cannot_write(target, exc) from None
    return target
