"""People in the catalogue: their records, the rules a person's fields obey, and lookups.

Split from :mod:`visitplanner.services.directory.records`, which imports every name back.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from visitplanner.domain import validation as check
from visitplanner.domain.enums import ActorType, Language
from visitplanner.domain.errors import NotFoundError, UserError
from visitplanner.i18n import _
from visitplanner.services import search_keys as keys
from visitplanner.services.changes import ChangeKind, Changes
from visitplanner.services.privacy.consent_rules import record_initial_consents
from visitplanner.services.query import get_live, with_search
from visitplanner.services.team.edit_conflicts import check_version, refused_when_stale
from visitplanner.store.database import Catalogue
from visitplanner.store.models import Dynamic, Person
from visitplanner.store.sqlite import lock_for_writing

# --- read models and inputs -------------------------------------------------------


@dataclass(frozen=True)
class PersonView:
    id: int
    given_name: str | None
    family_name: str
    email: str | None
    phone: str | None
    organisation: str | None
    actor_type: str | None
    function: str | None
    preferred_language: str
    notes: str | None
    dynamic_ids: tuple[int, ...]
    dynamic_names: tuple[str, ...]
    # What a form names when saving (services/team/edit_conflicts.py); not the record's
    # state: a record back as it was compares equal whatever its version.
    version: int = field(default=0, compare=False)

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.given_name, self.family_name) if p)


@dataclass(frozen=True)
class PersonInput:
    family_name: str
    given_name: str | None = None
    email: str | None = None
    phone: str | None = None
    organisation: str | None = None
    actor_type: str | None = None
    function: str | None = None
    preferred_language: str = "fr"
    # Consents the person comes with when created (an import, the demo), recorded as
    # dated consents for partners' documents. Afterwards consents change only through
    # services.privacy.consents, which keeps their history: an edit never touches them.
    consent_photos: bool = False
    consent_quotes: bool = False
    consent_date: date | None = None
    notes: str | None = None
    dynamic_ids: Sequence[int] = field(default_factory=tuple)
    # The version the form loaded; None: last write wins (command line, imports).
    expected_version: int | None = None


# --- conversions ------------------------------------------------------------------


def person_view(p: Person) -> PersonView:
    dynamics = [d for d in p.dynamics if d.deleted_at is None]
    return PersonView(
        p.id,
        p.given_name,
        p.family_name,
        p.email,
        p.phone,
        p.organisation,
        p.actor_type,
        p.function,
        p.preferred_language,
        p.notes,
        tuple(d.id for d in dynamics),
        tuple(d.name for d in dynamics),
        version=p.version,
    )


def person_input(view: PersonView) -> PersonInput:
    """The input that gives a person exactly the state ``view`` shows."""
    return PersonInput(
        family_name=view.family_name,
        given_name=view.given_name,
        email=view.email,
        phone=view.phone,
        organisation=view.organisation,
        actor_type=view.actor_type,
        function=view.function,
        preferred_language=view.preferred_language,
        notes=view.notes,
        dynamic_ids=tuple(view.dynamic_ids),
    )


# --- validation -------------------------------------------------------------------


def optional_enum(enum: type, value: str | None, field_name: str) -> str | None:
    """A blank answer stays unset; anything else must be one of ``enum``'s codes."""
    if value is None or not str(value).strip():
        return None
    return enum.parse(str(value), field_name).value


def live_dynamics(session: Session, ids: Sequence[int]) -> list[Dynamic]:
    """The dynamics ``ids`` name, each once; one in the trash or missing is refused."""
    found = []
    for dynamic_id in dict.fromkeys(ids):
        found.append(
            get_live(
                session, Dynamic, dynamic_id, _("No dynamic has id {id}.").format(id=dynamic_id)
            )
        )
    return found


def apply_person(session: Session, p: Person, data: PersonInput) -> None:
    p.family_name = check.required_text(data.family_name, _("family name"), 150)
    p.given_name = check.optional_text(data.given_name, _("given name"), 150)
    email = check.email(data.email, _("e-mail"))
    key = check.email_key(email)
    if key:
        # Checked before assigning: an autoflush must not hit the UNIQUE constraint first.
        with session.no_autoflush:
            stmt = select(Person.id, Person.deleted_at).where(Person.email_key == key)
            if p.id is not None:
                stmt = stmt.where(Person.id != p.id)
            other = session.execute(stmt).first()
        if other is not None:
            raise DuplicateEmailError(other.id, email, in_trash=other.deleted_at is not None)
    p.email, p.email_key = email, key
    p.phone = check.optional_text(data.phone, _("phone"), 40)
    p.organisation = check.optional_text(data.organisation, _("organisation"), 300)
    p.actor_type = optional_enum(ActorType, data.actor_type, _("actor type"))
    p.function = check.optional_text(data.function, _("function"), 200)
    p.preferred_language = Language.parse(data.preferred_language or "fr", _("language")).value
    p.notes = check.optional_text(data.notes, _("notes"))
    p.dynamics = live_dynamics(session, data.dynamic_ids)
    p.search_key = keys.person_search_key(p.given_name, p.family_name, p.email, p.organisation)
    p.sort_key = keys.person_sort_key(p.given_name, p.family_name)


class DuplicateEmailError(UserError):
    """Another person (maybe in the trash) already has this e-mail address."""

    def __init__(self, existing_id: int, email: str | None, in_trash: bool = False) -> None:
        if in_trash:
            message = _(
                "e-mail: {email} belongs to a person in the trash; restore that person instead."
            ).format(email=email)
        else:
            message = _("e-mail: {email} already belongs to person {id}.").format(
                email=email, id=existing_id
            )
        super().__init__(message)
        self.existing_id = existing_id
        self.in_trash = in_trash


# --- people -------------------------------------------------------------------------


@contextmanager
def _address_taken_in_words(
    session: Session, person_id: int | None, email: str | None
) -> Iterator[None]:
    """Writes a person; an address another window took meanwhile is refused in words.

    The UNIQUE index on the folded address holds the rule (two windows adding the same
    person at once both pass :func:`apply_person`'s check on PostgreSQL): its refusal,
    inside a savepoint so that the transaction can still look, becomes the usual sentence.
    """
    try:
        with session.begin_nested():
            yield
            session.flush()
    except IntegrityError:
        email = check.email(email, _("e-mail"))
        key = check.email_key(email)
        stmt = select(Person.id, Person.deleted_at).where(Person.email_key == key)
        if person_id is not None:
            stmt = stmt.where(Person.id != person_id)
        other = session.execute(stmt).first() if key else None
        if other is None:
            raise
        in_trash = other.deleted_at is not None
        raise DuplicateEmailError(other.id, email, in_trash=in_trash) from None


def create_person(catalogue: Catalogue, data: PersonInput) -> Changes:
    with catalogue.session() as session:
        lock_for_writing(session)  # SQLite: the check below sees every address committed
        p = Person()
        with _address_taken_in_words(session, None, data.email):
            apply_person(session, p, data)
            session.add(p)
        record_initial_consents(
            session, p, data.consent_photos, data.consent_quotes, data.consent_date
        )
        return Changes.of(created=[(ChangeKind.PERSON, p.id)])


def update_person(catalogue: Catalogue, person_id: int, data: PersonInput) -> Changes:
    """Saves the person; refused with EditConflict when it changed since ``expected_version``."""
    with (
        refused_when_stale(catalogue, "person", person_id, lambda s: _now(s, person_id)),
        catalogue.session() as session,
    ):
        lock_for_writing(session)
        p = get_live(session, Person, person_id, _("No person has id {id}.").format(id=person_id))
        check_version(session, "person", p, data.expected_version, person_view)
        with _address_taken_in_words(session, p.id, data.email):
            apply_person(session, p, data)
        return Changes.of(updated=[(ChangeKind.PERSON, p.id)])


def _now(session: Session, person_id: int) -> tuple[PersonView, int]:
    p = get_live(session, Person, person_id, _("No person has id {id}.").format(id=person_id))
    return person_view(p), p.version


def get_person(catalogue: Catalogue, person_id: int) -> PersonView:
    with catalogue.session() as session:
        return person_view(
            get_live(session, Person, person_id, _("No person has id {id}.").format(id=person_id))
        )


def find_person(catalogue: Catalogue, reference: str) -> PersonView:
    """A person by numeric id, e-mail address (case-insensitive) or a full name no one shares."""
    ref = (reference or "").strip()
    with catalogue.session() as session:
        if ref.isdigit():
            person = session.get(Person, int(ref))
        else:
            person = session.scalar(select(Person).where(Person.email_key == check.email_key(ref)))
            if person is None and ref:
                from visitplanner.services.references import resolve_in

                person = session.get(Person, resolve_in(session, "person", ref))
        if person is None or person.deleted_at is not None:
            raise NotFoundError(_("No person matches “{ref}”.").format(ref=ref))
        return person_view(person)


def list_people(
    catalogue: Catalogue,
    search: str | None = None,
    actor_type: str | None = None,
    dynamic_id: int | None = None,
    limit: int | None = None,
) -> list[PersonView]:
    with catalogue.session() as session:
        stmt = select(Person).where(Person.deleted_at.is_(None))
        stmt = with_search(stmt, Person.search_key, search)
        if actor_type:
            stmt = stmt.where(Person.actor_type == actor_type)
        if dynamic_id is not None:
            stmt = stmt.where(Person.dynamics.any(Dynamic.id == dynamic_id))
        stmt = stmt.order_by(Person.sort_key, Person.id).limit(limit)
        return [person_view(p) for p in session.scalars(stmt)]
