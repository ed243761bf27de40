"""Debriefs and their follow-up actions: what the group learned and what comes next."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from visitplanner.domain import validation as check
from visitplanner.domain.enums import Challenge, DebriefStatus
from visitplanner.domain.errors import NotFoundError, ValidationError
from visitplanner.i18n import _
from visitplanner.services.changes import ChangeKind, Changes
from visitplanner.services.events.planning import local
from visitplanner.services.query import get_live, with_search
from visitplanner.store.database import Catalogue
from visitplanner.store.models import (
    Debrief,
    Event,
    FollowUpAction,
    Person,
    Quote,
    Takeaway,
)
from visitplanner.store.types import utcnow


@dataclass(frozen=True)
class DebriefSummary:
    id: int
    event_id: int
    event_title: str
    event_start: date
    status: str
    takeaways: int
    actions: int


@dataclass(frozen=True)
class ActionView:
    id: int
    debrief_id: int
    event_id: int
    event_title: str
    text: str
    owner_id: int | None
    owner_name: str | None
    due_date: date | None
    done: bool
    event_start: datetime | None = None

    def overdue(self, today: date) -> bool:
        return not self.done and self.due_date is not None and self.due_date < today


def list_debriefs(catalogue: Catalogue, search: str | None = None) -> list[DebriefSummary]:
    with catalogue.session() as session:
        stmt = (
            select(Debrief, Event)
            .join(Event, Debrief.event_id == Event.id)
            .where(Event.deleted_at.is_(None))
        )
        stmt = with_search(stmt, Event.search_key, search).order_by(Event.starts_at, Debrief.id)
        return [
            DebriefSummary(
                d.id,
                e.id,
                e.title,
                local(e.starts_at, e.timezone).date(),
                d.status,
                len(d.takeaways),
                len(d.actions),
            )
            for d, e in session.execute(stmt)
        ]


def list_actions(
    catalogue: Catalogue,
    search: str | None = None,
    open_only: bool = False,
    overdue_on: date | None = None,
    limit: int | None = None,
) -> list[ActionView]:
    """Follow-up actions of every debrief, those due first (undated last).

    ``overdue_on``: only open actions due before that day.
    """
    with catalogue.session() as session:
        stmt = (
            select(FollowUpAction, Debrief.event_id, Event.title, Event.starts_at, Event.timezone)
            .join(Debrief, FollowUpAction.debrief_id == Debrief.id)
            .join(Event, Debrief.event_id == Event.id)
            .where(Event.deleted_at.is_(None))
        )
        if open_only or overdue_on is not None:
            stmt = stmt.where(FollowUpAction.done.is_(False))
        if overdue_on is not None:
            stmt = stmt.where(FollowUpAction.due_date < overdue_on)
        stmt = with_search(stmt, Event.search_key, search)
        stmt = stmt.order_by(
            FollowUpAction.done,
            FollowUpAction.due_date.is_(None),
            FollowUpAction.due_date,
            FollowUpAction.id,
        ).limit(limit)
        return [
            ActionView(
                a.id,
                a.debrief_id,
                event_id,
                title,
                a.text,
                a.owner_id,
                a.owner.full_name if a.owner else None,
                a.due_date,
                a.done,
                local(starts_at, zone),
            )
            for a, event_id, title, starts_at, zone in session.execute(stmt)
        ]


# --- the debrief editor ------------------------------------------------------------


TextField = Literal["context", "what_we_saw", "ideas_to_transpose"]
TEXT_FIELDS: tuple[str, ...] = ("context", "what_we_saw", "ideas_to_transpose")


@dataclass(frozen=True)
class TakeawayView:
    id: int
    text: str
    challenge: str | None


@dataclass(frozen=True)
class QuoteView:
    id: int
    text: str
    person_id: int | None
    person_name: str | None
    consent: bool


@dataclass(frozen=True)
class PhotoView:
    id: int
    path: Path
    caption: str | None
    sha256: str | None
    original_name: str | None = None  # as the coordinator's file was called


@dataclass(frozen=True)
class ActionEdit:
    id: int
    text: str
    owner_id: int | None
    owner_name: str | None
    due_date: date | None
    done: bool


@dataclass(frozen=True)
class DebriefView:
    id: int
    event_id: int
    event_title: str
    event_start: datetime
    visit_question: str | None
    status: str
    context: str | None
    what_we_saw: str | None
    ideas_to_transpose: str | None
    authors: tuple[tuple[int, str], ...]
    takeaways: tuple[TakeawayView, ...]
    quotes: tuple[QuoteView, ...]
    photos: tuple[PhotoView, ...]
    actions: tuple[ActionEdit, ...]
    finalised_at: datetime | None
    updated_at: datetime
    # Photos printed documents leave out today (see documents.consent_filter).
    photos_left_out: frozenset[int] = frozenset()


@dataclass(frozen=True)
class TakeawayInput:
    text: str
    challenge: str | None = None


@dataclass(frozen=True)
class QuoteInput:
    text: str
    person_id: int | None = None


@dataclass(frozen=True)
class ActionInput:
    text: str
    owner_id: int | None = None
    due_date: date | None = None
    done: bool = False


def _photo_file(d: Debrief, photo: Any, folder: Path) -> Path:
    from visitplanner.services.documents.attachments import photo_path

    return photo_path(d, photo.path, photo.sha256, folder)


def debrief_view(d: Debrief) -> DebriefView:
    from visitplanner.services.documents.image_files import data_folder

    folder = data_folder()
    e = d.event
    may_quote = _may_be_quoted(d)
    return DebriefView(
        d.id,
        e.id,
        e.title,
        local(e.starts_at, e.timezone),
        e.visit_question,
        d.status,
        d.context,
        d.what_we_saw,
        d.ideas_to_transpose,
        tuple(sorted(((p.id, p.full_name) for p in d.authors), key=lambda a: a[1].casefold())),
        tuple(TakeawayView(t.id, t.text, t.challenge) for t in d.takeaways),
        tuple(
            QuoteView(
                q.id,
                q.text,
                q.person_id,
                q.person.full_name if q.person else None,
                q.person_id in may_quote,
            )
            for q in d.quotes
        ),
        tuple(
            PhotoView(p.id, _photo_file(d, p, folder), p.caption, p.sha256, p.original_name)
            for p in d.photos
        ),
        tuple(
            ActionEdit(
                a.id,
                a.text,
                a.owner_id,
                a.owner.full_name if a.owner else None,
                a.due_date,
                a.done,
            )
            for a in d.actions
        ),
        d.finalised_at,
        d.updated_at,
        _photos_left_out(d),
    )


def _photos_left_out(d: Debrief) -> frozenset[int]:
    from sqlalchemy.orm import object_session

    from visitplanner.services.documents.consent_filter import printable_photo_ids

    session = object_session(d)
    if session is None or not d.photos:
        return frozenset()
    shown = printable_photo_ids(session, d.event_id, d.photos)
    return frozenset(p.id for p in d.photos if p.id not in shown)


def _may_be_quoted(d: Debrief) -> set[int]:
    """The people quoted who may be, today, in documents for partners about this event."""
    from sqlalchemy.orm import object_session

    from visitplanner.domain.consent import ConsentPurpose
    from visitplanner.services.documents.consent_filter import DOCUMENT_SCOPE
    from visitplanner.services.privacy.consent_rules import allowed_people

    session = object_session(d)
    quoted = {q.person_id for q in d.quotes if q.person_id is not None}
    if session is None or not quoted:
        return set()
    return allowed_people(
        session, quoted, ConsentPurpose.QUOTES, DOCUMENT_SCOPE, event_id=d.event_id
    )


def find_debrief(session: Session, debrief_id: int) -> Debrief:
    """The debrief, even when its event is in the trash (an open editor keeps saving)."""
    d = session.get(Debrief, debrief_id)
    if d is None:
        raise NotFoundError(_("No debrief has id {id}.").format(id=debrief_id))
    return d


def _touch(d: Debrief) -> Changes:
    d.updated_at = utcnow()
    return Changes.of(updated=[(ChangeKind.DEBRIEF, d.id)])


def _person(session: Session, person_id: int) -> Person:
    return get_live(session, Person, person_id, _("No person has id {id}.").format(id=person_id))


def open_debrief(catalogue: Catalogue, event_id: int) -> DebriefView:
    """The event's debrief, created as a draft the first time."""
    with catalogue.session() as session:
        get_live(session, Event, event_id, _("No event has id {id}.").format(id=event_id))
        d = session.scalar(select(Debrief).where(Debrief.event_id == event_id))
        if d is None:
            d = Debrief(event_id=event_id, status=DebriefStatus.DRAFT.value)
            session.add(d)
            session.flush()
            session.refresh(d)
        return debrief_view(d)


def get_debrief(catalogue: Catalogue, debrief_id: int) -> DebriefView:
    with catalogue.session() as session:
        return debrief_view(find_debrief(session, debrief_id))


def save_text(catalogue: Catalogue, debrief_id: int, field: TextField, text: str | None) -> Changes:
    """Saves one text section, nothing else (autosave while typing)."""
    if field not in TEXT_FIELDS:
        raise ValueError(f"not a debrief text field: {field}")
    labels = {
        "context": _("context"),
        "what_we_saw": _("what we saw"),
        "ideas_to_transpose": _("ideas to transpose"),
    }
    with catalogue.session() as session:
        d = find_debrief(session, debrief_id)
        setattr(d, field, check.optional_text(text, labels[field], 100_000))
        return _touch(d)


def set_authors(catalogue: Catalogue, debrief_id: int, person_ids: Sequence[int]) -> Changes:
    with catalogue.session() as session:
        d = find_debrief(session, debrief_id)
        d.authors = [_person(session, pid) for pid in dict.fromkeys(person_ids)]
        return _touch(d)


def save_takeaways(
    catalogue: Catalogue, debrief_id: int, items: Sequence[TakeawayInput]
) -> Changes:
    """Replaces the takeaways, in order; empty ones are dropped."""
    with catalogue.session() as session:
        d = find_debrief(session, debrief_id)
        takeaways = []
        for item in items:
            text = check.optional_text(item.text, _("takeaway"))
            if text is None:
                continue
            challenge = None
            if item.challenge is not None and str(item.challenge).strip():
                challenge = Challenge.parse(str(item.challenge), _("challenge")).value
            takeaways.append(Takeaway(position=len(takeaways), text=text, challenge=challenge))
        d.takeaways = takeaways
        return _touch(d)


def save_quotes(catalogue: Catalogue, debrief_id: int, items: Sequence[QuoteInput]) -> Changes:
    """Replaces the quotes, in order; empty ones are dropped. Consent is warned, not enforced."""
    with catalogue.session() as session:
        d = find_debrief(session, debrief_id)
        quotes = []
        for item in items:
            text = check.optional_text(item.text, _("quote"))
            if text is None:
                continue
            if item.person_id is not None:
                _person(session, item.person_id)
            quotes.append(Quote(position=len(quotes), text=text, person_id=item.person_id))
        d.quotes = quotes
        return _touch(d)


def save_actions(catalogue: Catalogue, debrief_id: int, items: Sequence[ActionInput]) -> Changes:
    """Replaces the follow-up actions, in order; empty ones are dropped."""
    with catalogue.session() as session:
        d = find_debrief(session, debrief_id)
        actions = []
        for item in items:
            text = check.optional_text(item.text, _("follow-up action"), 2000)
            if text is None:
                continue
            if item.owner_id is not None:
                _person(session, item.owner_id)
            if item.due_date is not None and not isinstance(item.due_date, date):
                raise ValidationError(_("due date"), _("this is not a date."))
            actions.append(
                FollowUpAction(
                    position=len(actions),
                    text=text,
                    owner_id=item.owner_id,
                    due_date=item.due_date,
                    done=bool(item.done),
                )
            )
        d.actions = actions
        return _touch(d)


def set_status(catalogue: Catalogue, debrief_id: int, status: str) -> Changes:
    """Draft or final; finalising stamps the moment, going back to draft clears it."""
    wanted = DebriefStatus.parse(str(status), _("status")).value
    with catalogue.session() as session:
        d = find_debrief(session, debrief_id)
        if d.status == wanted:
            return Changes()
        d.status = wanted
        d.finalised_at = utcnow() if wanted == DebriefStatus.FINAL.value else None
        changes = _touch(d)
        if wanted == DebriefStatus.FINAL.value:
            from visitplanner.services.story.debrief_entries import write_debrief_entry

            entry = write_debrief_entry(session, d)
            if entry is not None:
                changes = changes | Changes.of(updated=[(ChangeKind.STORY_ENTRY, entry.id)])
        return changes


def consent_warnings(view: DebriefView) -> list[str]:
    """One sentence per quote that should not be published as it is, and per photo that
    printed documents leave out for want of consent."""
    warnings = []
    for number, quote in enumerate(view.quotes, start=1):
        if quote.person_id is None:
            warnings.append(_("Quote {n} is not attributed to anyone.").format(n=number))
        elif quote.person_name is None:
            warnings.append(_("Quote {n} is attributed to an unknown person.").format(n=number))
        elif not quote.consent:
            warnings.append(
                _("Quote {n}: {name} has not agreed to be quoted.").format(
                    n=number, name=quote.person_name
                )
            )
    for number, photo in enumerate(view.photos, start=1):
        if photo.id in view.photos_left_out:
            warnings.append(
                _(
                    "Photo {n} is left out of printed documents: someone it names, or who "
                    "came, has not agreed to photos."
                ).format(n=number)
            )
    return warnings
