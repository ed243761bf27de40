"""The shared story's entry of a finalised debrief, written when the debrief is."""

from __future__ import annotations

import uuid as uuidlib

from sqlalchemy import select
from sqlalchemy.orm import Session

from visitplanner.i18n import _
from visitplanner.services.story.entries import (
    StoryEntryInput,
    next_revision,
    record_from_input,
    same_content,
)
from visitplanner.services.story.revisions import ensure_revisions, store_revision
from visitplanner.store.models import Debrief, Event, StoryEntry


def debrief_entry_input(session: Session, d: Debrief) -> StoryEntryInput:
    """The story of a finalised debrief: the question, what we keep, what we take home.

    Quotes appear only with the consent of the person quoted, and the debrief's first
    photo only with everyone's consent to photos; no other participant is named, since
    the entry travels to every catalogue sharing the folder.
    """
    from visitplanner.services.events.planning import local

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
    quoted = _may_be_quoted_in_story(session, d)
    for q in d.quotes:
        if q.person is not None and q.person_id in quoted and q.text.strip():
            parts.append(f"« {q.text.strip()} » — {q.person.full_name}")
    kind = event.kind if event.kind in ("visit", "seminar") else "note"
    dynamic_ids = tuple(sorted({link.dynamic_id for link in _event_dynamics(session, event)}))
    photo = d.photos[0] if d.photos and _everyone_agreed_to_photos(session, event) else None
    from visitplanner.services.documents.image_files import data_folder

    return StoryEntryInput(
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


def _may_be_quoted_in_story(session: Session, d: Debrief) -> set[int]:
    """Quoted people who agree to quotes in the story (internal scope or wider) today and
    have not withdrawn being named in it: a quote names its author."""
    from visitplanner.domain.consent import ConsentPurpose, ConsentScope
    from visitplanner.services.privacy.consent_rules import allowed_people, withdrawn_people

    quoted = {q.person_id for q in d.quotes if q.person_id is not None}
    scope, event_id = ConsentScope.INTERNAL, d.event_id
    allowed = allowed_people(session, quoted, ConsentPurpose.QUOTES, scope, event_id=event_id)
    unnamed = withdrawn_people(
        session, allowed, ConsentPurpose.STORY_NAMING, scope, event_id=event_id
    )
    return allowed - unnamed


def _named_authors(session: Session, d: Debrief) -> list:  # -> list[Person]
    """The debrief's authors, but those who withdrew being named in the story."""
    from visitplanner.domain.consent import ConsentPurpose, ConsentScope
    from visitplanner.services.privacy.consent_rules import withdrawn_people

    unnamed = withdrawn_people(
        session,
        {p.id for p in d.authors},
        ConsentPurpose.STORY_NAMING,
        ConsentScope.INTERNAL,
        event_id=d.event_id,
    )
    return [p for p in d.authors if p.id not in unnamed]


def _everyone_agreed_to_photos(session: Session, event: Event) -> bool:
    """A debrief's photo goes into the shared story only if nobody there refused photos.

    Photos are not tagged with who is on them, so the rule is the careful one: every
    person who came (or may have come) has agreed. A coordinator can still add a photo
    to the entry by hand, knowingly.
    """
    from visitplanner.domain.consent import ConsentPurpose, ConsentScope
    from visitplanner.services.privacy.consent_rules import allowed_people

    came = {p.person_id for p in event.participations if p.status in ("accepted", "tentative")}
    agreed = allowed_people(
        session, came, ConsentPurpose.PHOTOS, ConsentScope.INTERNAL, event_id=event.id
    )
    return agreed == came


def _event_dynamics(session: Session, event: Event) -> list:
    from visitplanner.store.models import EventDynamic

    return list(session.scalars(select(EventDynamic).where(EventDynamic.event_id == event.id)))


def write_debrief_entry(session: Session, d: Debrief) -> StoryEntry | None:
    """Creates or updates the entry of a finalised debrief, keeping its link and UUID."""
    data = debrief_entry_input(session, d)
    named = _named_authors(session, d)
    author = ", ".join(sorted((p.full_name for p in named), key=str.casefold)) or None
    e = session.scalar(
        select(StoryEntry).where(StoryEntry.debrief_id == d.id).order_by(StoryEntry.id)
    )
    if e is None:
        record = record_from_input(
            session, str(uuidlib.uuid4()), 1, None, data, author, None, from_debrief=True
        )
        return store_revision(session, record)
    ensure_revisions(session, [e])
    record = record_from_input(
        session, e.uuid, next_revision(session, e), (e.revision, e.origin or ""), data,
        author, e, from_debrief=True,
    )  # fmt: skip
    if same_content(record, e) and e.deleted_at is None:
        return None
    store_revision(session, record)
    e.debrief_id = d.id
    return e
