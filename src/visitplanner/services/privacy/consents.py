"""Consent records: who agreed to what, for whom, from when to when.

A consent is given for one purpose (photos, quotes, being named in the shared story)
and one scope (internal, funders and partners, public), optionally for one event only.
Withdrawing it dates the record; nothing is deleted, so the history of what was
allowed on a given day stays readable (the association must be able to show it).

What a withdrawal changes applies at once, because documents ask when they are made:
:func:`.consent_rules.allowed_people` answers "who may appear, for this purpose, in a
document of this scope, about this event, today". Withdrawing being named in the story
also redacts the story entries that name the person (:func:`withdraw_consent`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from visitplanner.domain import validation as check
from visitplanner.domain.consent import ConsentPurpose, ConsentScope
from visitplanner.domain.errors import ValidationError
from visitplanner.i18n import _
from visitplanner.services.changes import ChangeKind, Changes
from visitplanner.services.privacy.consent_rules import ConsentView, history, views_of
from visitplanner.services.query import get_live
from visitplanner.store.database import Catalogue
from visitplanner.store.models import Consent, Event, Participation, Person


@dataclass(frozen=True)
class Withdrawal:
    """What a withdrawal did: the records it closed, and how many story entries it redacted."""

    changes: Changes
    withdrawn: tuple[ConsentView, ...]
    redacted_entries: int = 0


def parse_purpose(value: str) -> ConsentPurpose:
    return ConsentPurpose(ConsentPurpose.parse(value, _("purpose")))


def parse_scope(value: str | None) -> ConsentScope:
    if value is None or not str(value).strip():
        return ConsentScope.INTERNAL
    return ConsentScope(ConsentScope.parse(value, _("scope")))


def _day(value: date | None, name: str) -> date:
    """Today when not given; a day to come is refused (a record says what happened)."""
    day = value or date.today()
    if day > date.today():
        raise ValidationError(name, _("{day} is in the future.").format(day=day.isoformat()))
    return day


def _person(session: Session, person_id: int) -> Person:
    return get_live(session, Person, person_id, _("No person has id {id}.").format(id=person_id))


def list_consents(catalogue: Catalogue, person_id: int) -> list[ConsentView]:
    with catalogue.session() as session:
        _person(session, person_id)
        return history(session, person_id)


def consents_on(catalogue: Catalogue, person_id: int, day: date | None = None) -> list[ConsentView]:
    """The records that hold on ``day`` (today when not given): the person's current state."""
    day = day or date.today()
    return [c for c in list_consents(catalogue, person_id) if c.holds_on(day)]


def events_of(catalogue: Catalogue, person_id: int) -> list[tuple[int, str]]:
    """The events the person is listed on, newest first: what a consent may be limited to."""
    with catalogue.session() as session:
        rows = session.execute(
            select(Event.id, Event.title)
            .join(Participation, Participation.event_id == Event.id)
            .where(Participation.person_id == person_id, Event.deleted_at.is_(None))
            .order_by(Event.starts_at.desc(), Event.id)
        )
        return [(event_id, title) for event_id, title in rows]


def give_consent(
    catalogue: Catalogue,
    person_id: int,
    purpose: str,
    scope: str | None = None,
    *,
    given_on: date | None = None,
    event_id: int | None = None,
    recorded_by: str | None = None,
    note: str | None = None,
) -> Changes:
    """Records a consent; an earlier one for the same purpose stays as it was."""
    wanted = parse_purpose(purpose)
    width = parse_scope(scope)
    day = _day(given_on, _("date"))
    with catalogue.session() as session:
        _person(session, person_id)
        if event_id is not None:
            get_live(session, Event, event_id, _("No event has id {id}.").format(id=event_id))
        session.add(
            Consent(
                person_id=person_id,
                purpose=wanted.value,
                scope=width.value,
                event_id=event_id,
                given_on=day,
                recorded_by=check.optional_text(recorded_by, _("recorded by"), 200),
                note=check.optional_text(note, _("note")),
            )
        )
        session.flush()
        return Changes.of(updated=[(ChangeKind.PERSON, person_id)])


def withdraw_consent(
    catalogue: Catalogue,
    person_id: int,
    purpose: str,
    scope: str | None = None,
    *,
    withdrawn_on: date | None = None,
    note: str | None = None,
    record_id: int | None = None,
) -> Withdrawal:
    """Closes every current record of ``purpose`` that allows ``scope`` (all of them by default).

    Withdrawing ``public`` keeps a consent for partners' documents; withdrawing
    ``internal`` (the default) leaves nothing; ``record_id`` closes that record alone
    (the window's « Retirer » on one line). Withdrawing being named in the story
    redacts, in the same transaction, the story entries that name the person.
    """
    wanted = parse_purpose(purpose)
    width = parse_scope(scope)
    day = _day(withdrawn_on, _("date"))
    with catalogue.session() as session:
        person = _person(session, person_id)
        current = list(
            session.scalars(
                select(Consent)
                .where(
                    Consent.person_id == person_id,
                    Consent.purpose == wanted.value,
                    Consent.withdrawn_on.is_(None),
                    Consent.scope.in_(width.covering())
                    if record_id is None
                    else Consent.id == record_id,
                )
                .order_by(Consent.id)
            )
        )
        if not current:
            raise ValidationError(
                _("purpose"),
                _("{name} has no current consent for “{purpose}” to withdraw.").format(
                    name=person.full_name, purpose=wanted.label
                ),
            )
        early = [c for c in current if c.given_on > day]
        if early:
            raise ValidationError(
                _("date"),
                _("{day} is before the consent was given ({given}).").format(
                    day=day.isoformat(), given=early[0].given_on.isoformat()
                ),
            )
        reason = check.optional_text(note, _("note"))
        for record in current:
            record.withdrawn_on = day
            record.withdrawal_note = reason
        session.flush()
        changes = Changes.of(updated=[(ChangeKind.PERSON, person_id)])
        redacted = 0
        if wanted is ConsentPurpose.STORY_NAMING:
            story = _redact_story(session, person)
            redacted = sum(1 for kind, _id in story.updated if kind == "story_entry")
            changes = changes | story
        return Withdrawal(changes, tuple(views_of(session, current)), redacted)


def _redact_story(session: Session, person: Person) -> Changes:
    """The story entries naming the person, redacted by the erasure's own path: a redacted
    revision here, the earlier ones purged, and a redaction record every catalogue sharing
    the folder applies at its next sync."""
    from visitplanner.services.story.redaction import redact_mentions_in

    forms = (person.full_name, f"{person.family_name} {person.given_name or ''}", person.email)
    return redact_mentions_in(session, [f for f in forms if f], "consent_withdrawn")
