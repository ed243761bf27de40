"""Which photos of a debrief a document may show, asked when the document is made.

Printed debriefs and booklets go to funders and partners, so they ask for consents of
the ``partners`` scope (or wider), for every event or for this one, that hold today:
a consent withdrawn this morning leaves the photo out of this afternoon's booklet.

Photos carry no list of who is on them. A photo is left out when its caption or file
name names someone of the event who has no consent to photos for this use (as the
access report and the erasure find a name), and every photo of the event is left out
when someone who came has withdrawn their consent to photos: nobody can tell whether
they are on it. Quotes name their author; that consent is read with the debrief
(:attr:`~visitplanner.services.documents.debriefs.QuoteView.consent`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from visitplanner.domain.consent import ConsentPurpose, ConsentScope
from visitplanner.services.privacy.consent_rules import allowed_people, withdrawn_people
from visitplanner.services.privacy.naming import mentions, name_keys
from visitplanner.store.database import Catalogue
from visitplanner.store.models import Participation, Person

DOCUMENT_SCOPE = ConsentScope.PARTNERS
CAME = ("accepted", "tentative")  # as the story's rule for photos


def _names(caption: str | None, original_name: str | None) -> tuple[str | None, str | None]:
    stem = Path(original_name).stem.replace("_", " ").replace("-", " ") if original_name else None
    return caption, stem


def printable_photo_ids(
    session: Session,
    event_id: int,
    photos: Sequence,  # PhotoView or Photo: id, caption, original_name
    *,
    scope: ConsentScope = DOCUMENT_SCOPE,
    day: date | None = None,
) -> set[int]:
    """The ids of ``photos`` a document of ``scope`` made on ``day`` may show."""
    if not photos:
        return set()
    rows = session.execute(
        select(Person, Participation.status)
        .join(Participation, Participation.person_id == Person.id)
        .where(Participation.event_id == event_id, Person.erased_at.is_(None))
    ).all()
    people = {person.id: person for person, _status in rows}
    came = {person.id for person, status in rows if status in CAME}
    purpose = ConsentPurpose.PHOTOS
    if withdrawn_people(session, came, purpose, scope, event_id=event_id, day=day):
        return set()
    allowed = allowed_people(session, people, purpose, scope, event_id=event_id, day=day)
    without = [name_keys(people[i]) for i in people if i not in allowed]
    shown = set()
    for photo in photos:
        texts = _names(photo.caption, photo.original_name)
        if not any(mentions(text, keys) for keys in without for text in texts):
            shown.add(photo.id)
    return shown


def printable_photos(catalogue: Catalogue, event_id: int, photos: Sequence) -> set[int]:
    with catalogue.session() as session:
        return printable_photo_ids(session, event_id, photos)
