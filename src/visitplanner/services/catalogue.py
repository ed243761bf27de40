"""Dynamics, host organisations and people: the catalogue's use cases."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from visitplanner.domain import validation as check
from visitplanner.domain.enums import ActorType, DynamicKind, Language, Service
from visitplanner.domain.errors import NotFoundError, UserError
from visitplanner.domain.text import fold
from visitplanner.i18n import _
from visitplanner.services import keys
from visitplanner.services.changes import Changes
from visitplanner.services.query import get_live, with_search
from visitplanner.store.database import Catalogue
from visitplanner.store.models import (
    Dynamic,
    DynamicService,
    DynamicTag,
    Host,
    Person,
)
from visitplanner.store.types import utcnow

# --- read models ----------------------------------------------------------------


@dataclass(frozen=True)
class DynamicView:
    id: int
    name: str
    kind: str
    region: str | None
    territory: str | None
    description: str | None
    website: str | None
    tags: tuple[str, ...]
    services: tuple[str, ...]


@dataclass(frozen=True)
class HostView:
    id: int
    name: str
    actor_type: str | None
    address_line1: str | None
    address_line2: str | None
    postal_code: str | None
    city: str | None
    country: str
    capacity: int | None
    accessibility: str | None
    notes: str | None
    contact_person_id: int | None
    contact_person_name: str | None
    dynamic_ids: tuple[int, ...]
    dynamic_names: tuple[str, ...]

    @property
    def address(self) -> str:
        """The postal address on as many lines as it needs."""
        town = " ".join(p for p in (self.postal_code, self.city) if p)
        return "\n".join(p for p in (self.address_line1, self.address_line2, town) if p)


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
    consent_photos: bool
    consent_quotes: bool
    consent_date: date | None
    notes: str | None
    dynamic_ids: tuple[int, ...]
    dynamic_names: tuple[str, ...]

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.given_name, self.family_name) if p)


# --- inputs ---------------------------------------------------------------------


@dataclass(frozen=True)
class DynamicInput:
    name: str
    kind: str = "other"
    region: str | None = None
    territory: str | None = None
    description: str | None = None
    website: str | None = None
    tags: Sequence[str] = ()
    services: Sequence[str] = ()


@dataclass(frozen=True)
class HostInput:
    name: str
    actor_type: str | None = None
    address_line1: str | None = None
    address_line2: str | None = None
    postal_code: str | None = None
    city: str | None = None
    country: str = "FR"
    capacity: int | str | None = None
    accessibility: str | None = None
    notes: str | None = None
    contact_person_id: int | None = None
    dynamic_ids: Sequence[int] = ()


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
    consent_photos: bool = False
    consent_quotes: bool = False
    consent_date: date | None = None
    notes: str | None = None
    dynamic_ids: Sequence[int] = field(default_factory=tuple)


# --- conversions ------------------------------------------------------------------


def dynamic_view(d: Dynamic) -> DynamicView:
    return DynamicView(
        d.id,
        d.name,
        d.kind,
        d.region,
        d.territory,
        d.description,
        d.website,
        tuple(t.tag for t in d.tags),
        tuple(s.service for s in d.services),
    )


def host_view(h: Host) -> HostView:
    # Links to records in the trash are hidden, so saving the view back never fails.
    contact = h.contact_person if h.contact_person and h.contact_person.deleted_at is None else None
    dynamics = [d for d in h.dynamics if d.deleted_at is None]
    return HostView(
        h.id,
        h.name,
        h.actor_type,
        h.address_line1,
        h.address_line2,
        h.postal_code,
        h.city,
        h.country,
        h.capacity,
        h.accessibility,
        h.notes,
        contact.id if contact else None,
        contact.full_name if contact else None,
        tuple(d.id for d in dynamics),
        tuple(d.name for d in dynamics),
    )


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
        p.consent_photos,
        p.consent_quotes,
        p.consent_date,
        p.notes,
        tuple(d.id for d in dynamics),
        tuple(d.name for d in dynamics),
    )


# --- validation -------------------------------------------------------------------


def _optional_enum(enum: type, value: str | None, field_name: str) -> str | None:
    if value is None or not str(value).strip():
        return None
    return enum.parse(str(value), field_name).value


def _dynamics(session: Session, ids: Sequence[int]) -> list[Dynamic]:
    found = []
    for dynamic_id in dict.fromkeys(ids):
        found.append(
            get_live(
                session, Dynamic, dynamic_id, _("No dynamic has id {id}.").format(id=dynamic_id)
            )
        )
    return found


def _apply_dynamic(session: Session, d: Dynamic, data: DynamicInput) -> None:
    d.name = check.required_text(data.name, _("name"))
    d.kind = DynamicKind.parse(data.kind or "other", _("kind")).value
    d.region = check.optional_text(data.region, _("region"), 120)
    d.territory = check.optional_text(data.territory, _("territory"), 200)
    d.description = check.optional_text(data.description, _("description"))
    d.website = check.optional_text(data.website, _("website"), 500)
    # One tag per folded spelling: "Réemploi" and "réemploi" are the same practice.
    cleaned = [t.strip()[:100] for t in data.tags if t and t.strip()]
    tags = sorted({fold(t): t for t in cleaned}.values(), key=fold)
    services = sorted({Service.parse(s, _("services")).value for s in data.services})
    d.tags = [DynamicTag(tag=t) for t in tags]
    d.services = [DynamicService(service=s) for s in services]
    d.search_key = keys.dynamic_key(d.name, d.region, d.territory, tags)


def _apply_host(session: Session, h: Host, data: HostInput) -> None:
    h.name = check.required_text(data.name, _("name"))
    h.actor_type = _optional_enum(ActorType, data.actor_type, _("actor type"))
    h.address_line1 = check.optional_text(data.address_line1, _("address"), 300)
    h.address_line2 = check.optional_text(data.address_line2, _("address"), 300)
    h.postal_code = check.optional_text(data.postal_code, _("postal code"), 20)
    h.city = check.optional_text(data.city, _("city"), 120)
    h.country = (data.country or "FR").strip().upper()[:2] or "FR"
    h.capacity = check.non_negative_int(data.capacity, _("capacity"))
    h.accessibility = check.optional_text(data.accessibility, _("accessibility"))
    h.notes = check.optional_text(data.notes, _("notes"))
    if data.contact_person_id is not None:
        get_live(
            session,
            Person,
            data.contact_person_id,
            _("No person has id {id}.").format(id=data.contact_person_id),
        )
    h.contact_person_id = data.contact_person_id
    h.dynamics = _dynamics(session, data.dynamic_ids)
    h.search_key = keys.host_key(h.name, h.city, h.postal_code)


def _apply_person(session: Session, p: Person, data: PersonInput) -> None:
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
    p.actor_type = _optional_enum(ActorType, data.actor_type, _("actor type"))
    p.function = check.optional_text(data.function, _("function"), 200)
    p.preferred_language = Language.parse(data.preferred_language or "fr", _("language")).value
    p.consent_photos = bool(data.consent_photos)
    p.consent_quotes = bool(data.consent_quotes)
    p.consent_date = data.consent_date
    p.notes = check.optional_text(data.notes, _("notes"))
    p.dynamics = _dynamics(session, data.dynamic_ids)
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


# --- dynamics ---------------------------------------------------------------------


def create_dynamic(catalogue: Catalogue, data: DynamicInput) -> Changes:
    with catalogue.session() as session:
        d = Dynamic()
        _apply_dynamic(session, d, data)
        session.add(d)
        session.flush()
        return Changes.of(created=[("dynamic", d.id)])


def update_dynamic(catalogue: Catalogue, dynamic_id: int, data: DynamicInput) -> Changes:
    with catalogue.session() as session:
        d = get_live(
            session, Dynamic, dynamic_id, _("No dynamic has id {id}.").format(id=dynamic_id)
        )
        _apply_dynamic(session, d, data)
        return Changes.of(updated=[("dynamic", d.id)])


def get_dynamic(catalogue: Catalogue, dynamic_id: int) -> DynamicView:
    with catalogue.session() as session:
        return dynamic_view(
            get_live(
                session, Dynamic, dynamic_id, _("No dynamic has id {id}.").format(id=dynamic_id)
            )
        )


def list_dynamics(
    catalogue: Catalogue, search: str | None = None, kind: str | None = None
) -> list[DynamicView]:
    with catalogue.session() as session:
        stmt = select(Dynamic).where(Dynamic.deleted_at.is_(None))
        stmt = with_search(stmt, Dynamic.search_key, search)
        if kind:
            stmt = stmt.where(Dynamic.kind == kind)
        rows = session.scalars(stmt.order_by(func.lower(Dynamic.name), Dynamic.id))
        return [dynamic_view(d) for d in rows]


# --- hosts --------------------------------------------------------------------------


def create_host(catalogue: Catalogue, data: HostInput) -> Changes:
    with catalogue.session() as session:
        h = Host()
        _apply_host(session, h, data)
        session.add(h)
        session.flush()
        return Changes.of(created=[("host", h.id)])


def update_host(catalogue: Catalogue, host_id: int, data: HostInput) -> Changes:
    with catalogue.session() as session:
        h = get_live(
            session, Host, host_id, _("No host organisation has id {id}.").format(id=host_id)
        )
        _apply_host(session, h, data)
        return Changes.of(updated=[("host", h.id)])


def get_host(catalogue: Catalogue, host_id: int) -> HostView:
    with catalogue.session() as session:
        return host_view(
            get_live(
                session, Host, host_id, _("No host organisation has id {id}.").format(id=host_id)
            )
        )


def list_hosts(
    catalogue: Catalogue,
    search: str | None = None,
    actor_type: str | None = None,
    dynamic_id: int | None = None,
    limit: int | None = None,
) -> list[HostView]:
    with catalogue.session() as session:
        stmt = select(Host).where(Host.deleted_at.is_(None))
        stmt = with_search(stmt, Host.search_key, search)
        if actor_type:
            stmt = stmt.where(Host.actor_type == actor_type)
        if dynamic_id is not None:
            stmt = stmt.where(Host.dynamics.any(Dynamic.id == dynamic_id))
        stmt = stmt.order_by(func.lower(Host.name), Host.id).limit(limit)
        return [host_view(h) for h in session.scalars(stmt)]


# --- people -------------------------------------------------------------------------


def create_person(catalogue: Catalogue, data: PersonInput) -> Changes:
    with catalogue.session() as session:
        p = Person()
        _apply_person(session, p, data)
        session.add(p)
        session.flush()
        return Changes.of(created=[("person", p.id)])


def update_person(catalogue: Catalogue, person_id: int, data: PersonInput) -> Changes:
    with catalogue.session() as session:
        p = get_live(session, Person, person_id, _("No person has id {id}.").format(id=person_id))
        _apply_person(session, p, data)
        return Changes.of(updated=[("person", p.id)])


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


# --- trash --------------------------------------------------------------------------

_TRASHABLE = {"dynamic": Dynamic, "host": Host, "person": Person}


def _kind_label(kind: str) -> str:
    return {"dynamic": _("dynamic"), "host": _("host organisation"), "person": _("person")}[kind]


def move_to_trash(catalogue: Catalogue, kind: str, record_id: int) -> Changes:
    """Deletion that can be undone: the record is hidden, not destroyed."""
    model = _TRASHABLE[kind]
    with catalogue.session() as session:
        record = session.get(model, record_id)
        if record is None or record.deleted_at is not None:
            raise NotFoundError(
                _("Nothing to delete: no {kind} has id {id}.").format(
                    kind=_kind_label(kind), id=record_id
                )
            )
        record.deleted_at = utcnow()
        return Changes.of(deleted=[(kind, record_id)])


def restore_from_trash(catalogue: Catalogue, kind: str, record_id: int) -> Changes:
    return restore_record(catalogue, _TRASHABLE[kind], kind, _kind_label(kind), record_id)


def restore_record(
    catalogue: Catalogue, model: Any, kind: str, label: str, record_id: int
) -> Changes:
    """Takes a record of ``model`` out of the trash; ``label`` names its kind in a refusal."""
    with catalogue.session() as session:
        record = session.get(model, record_id)
        # An erased person (RGPD) is never brought back, not even by undo.
        erased = getattr(record, "erased_at", None) is not None
        if record is None or record.deleted_at is None or erased:
            raise NotFoundError(
                _("The trash holds no {kind} with id {id}.").format(kind=label, id=record_id)
            )
        record.deleted_at = None
        return Changes.of(created=[(kind, record_id)])


# --- inputs from views ----------------------------------------------------------------
# The undo history snapshots a record as the input that recreates it: applying
# ``x_input(get_x(id))`` with ``update_x`` leaves the record as it was.


def dynamic_input(view: DynamicView) -> DynamicInput:
    """The input that gives a dynamic exactly the state ``view`` shows."""
    return DynamicInput(
        name=view.name,
        kind=view.kind,
        region=view.region,
        territory=view.territory,
        description=view.description,
        website=view.website,
        tags=tuple(view.tags),
        services=tuple(view.services),
    )


def host_input(view: HostView) -> HostInput:
    """The input that gives a host organisation exactly the state ``view`` shows."""
    return HostInput(
        name=view.name,
        actor_type=view.actor_type,
        address_line1=view.address_line1,
        address_line2=view.address_line2,
        postal_code=view.postal_code,
        city=view.city,
        country=view.country,
        capacity=view.capacity,
        accessibility=view.accessibility,
        notes=view.notes,
        contact_person_id=view.contact_person_id,
        dynamic_ids=tuple(view.dynamic_ids),
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
        consent_photos=view.consent_photos,
        consent_quotes=view.consent_quotes,
        consent_date=view.consent_date,
        notes=view.notes,
        dynamic_ids=tuple(view.dynamic_ids),
    )
