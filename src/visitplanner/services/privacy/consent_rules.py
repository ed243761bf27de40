"""Reading the consent records: a person's history, and what documents and the story ask.

Apart from :mod:`.consents` (which writes, and redacts the story on a withdrawal) so
that the documents, the story, the access report and the directory can read without
importing the story's redaction back: no import circle.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from visitplanner.domain.consent import ConsentPurpose, ConsentScope
from visitplanner.store.models import Consent, Event, Person


@dataclass(frozen=True)
class ConsentView:
    id: int
    person_id: int
    purpose: str
    scope: str
    event_id: int | None
    event_title: str | None
    given_on: date
    withdrawn_on: date | None
    recorded_by: str | None
    note: str | None
    withdrawal_note: str | None

    def holds_on(self, day: date) -> bool:
        """Given on or before ``day`` and not withdrawn by then (withdrawn that day: no)."""
        return self.given_on <= day and (self.withdrawn_on is None or self.withdrawn_on > day)


def _view(c: Consent, titles: dict[int, str]) -> ConsentView:
    return ConsentView(
        c.id,
        c.person_id,
        c.purpose,
        c.scope,
        c.event_id,
        titles.get(c.event_id) if c.event_id is not None else None,
        c.given_on,
        c.withdrawn_on,
        c.recorded_by,
        c.note,
        c.withdrawal_note,
    )


def views_of(session: Session, records: Iterable[Consent]) -> list[ConsentView]:
    records = list(records)
    ids = {c.event_id for c in records if c.event_id is not None}
    titles = (
        dict(session.execute(select(Event.id, Event.title).where(Event.id.in_(ids))).all())
        if ids
        else {}
    )
    return [_view(c, titles) for c in records]


def history(session: Session, person_id: int) -> list[ConsentView]:
    """Every record of the person, withdrawn ones included, oldest first."""
    stmt = (
        select(Consent).where(Consent.person_id == person_id).order_by(Consent.given_on, Consent.id)
    )
    return views_of(session, session.scalars(stmt))


def _for_event(event_id: int | None):  # -> a SQL condition
    """Records for every event, and for ``event_id`` when one is asked about."""
    if event_id is None:
        return Consent.event_id.is_(None)
    return or_(Consent.event_id.is_(None), Consent.event_id == event_id)


def allowed_people(
    session: Session,
    person_ids: Iterable[int],
    purpose: ConsentPurpose,
    scope: ConsentScope,
    *,
    event_id: int | None = None,
    day: date | None = None,
) -> set[int]:
    """Those of ``person_ids`` with a consent that holds on ``day`` for this use.

    One query: a record of the purpose, of a scope that covers ``scope``, for every
    event or for ``event_id``, given on or before the day and not withdrawn by then.
    """
    ids = set(person_ids)
    if not ids:
        return set()
    day = day or date.today()
    stmt = select(Consent.person_id).where(
        Consent.person_id.in_(ids),
        Consent.purpose == purpose.value,
        Consent.scope.in_(scope.covering()),
        _for_event(event_id),
        Consent.given_on <= day,
        or_(Consent.withdrawn_on.is_(None), Consent.withdrawn_on > day),
    )
    return set(session.scalars(stmt))


def withdrawn_people(
    session: Session,
    person_ids: Iterable[int],
    purpose: ConsentPurpose,
    scope: ConsentScope,
    *,
    event_id: int | None = None,
    day: date | None = None,
) -> set[int]:
    """Those of ``person_ids`` who withdrew a consent of this purpose and hold none now.

    Refused outright, as opposed to never asked: a group photo of an event they came to
    is left out, since photos carry no list of who is on them.
    """
    ids = set(person_ids)
    if not ids:
        return set()
    day = day or date.today()
    stmt = select(Consent.person_id).where(
        Consent.person_id.in_(ids),
        Consent.purpose == purpose.value,
        _for_event(event_id),
        and_(Consent.withdrawn_on.is_not(None), Consent.withdrawn_on <= day),
    )
    withdrew = set(session.scalars(stmt))
    return withdrew - allowed_people(session, withdrew, purpose, scope, event_id=event_id, day=day)


def record_initial_consents(
    session: Session, person: Person, photos: bool, quotes: bool, given_on: date | None
) -> None:
    """The consents a new record comes with (an import, the demo), as dated records.

    Given for funders' and partners' documents, the use the old yes/no flags had.
    """
    day = given_on or date.today()
    for purpose, wanted in ((ConsentPurpose.PHOTOS, photos), (ConsentPurpose.QUOTES, quotes)):
        if wanted:
            session.add(
                Consent(
                    person_id=person.id,
                    purpose=purpose.value,
                    scope=ConsentScope.PARTNERS.value,
                    given_on=day,
                )
            )
