"""Dynamics, host organisations and people: the catalogue's use cases."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from visitplanner.domain import validation as check
from visitplanner.domain.enums import ActorType, DynamicKind, Service
from visitplanner.domain.errors import NotFoundError
from visitplanner.domain.text import fold
from visitplanner.i18n import _
from visitplanner.services import search_keys as keys
from visitplanner.services.changes import ChangeKind, Changes
from visitplanner.services.directory.people import (  # noqa: F401  (people's names stay importable from here)
    DuplicateEmailError,
    PersonInput,
    PersonView,
    apply_person,
    create_person,
    find_person,
    get_person,
    list_people,
    person_input,
    person_view,
    update_person,
)
from visitplanner.services.directory.people import live_dynamics as _dynamics
from visitplanner.services.directory.people import optional_enum as _optional_enum
from visitplanner.services.query import get_live, with_search
from visitplanner.services.team.edit_conflicts import check_version, refused_when_stale
from visitplanner.store.database import Catalogue
from visitplanner.store.models import (
    Dynamic,
    DynamicService,
    DynamicTag,
    Host,
    Person,
)
from visitplanner.store.types import byte_order, utcnow

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
    version: int = field(default=0, compare=False)  # as PersonView's


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
    version: int = field(default=0, compare=False)  # as PersonView's

    @property
    def address(self) -> str:
        """The postal address on as many lines as it needs."""
        town = " ".join(p for p in (self.postal_code, self.city) if p)
        return "\n".join(p for p in (self.address_line1, self.address_line2, town) if p)


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
    # The version the form loaded; None: last write wins (command line, imports).
    expected_version: int | None = None


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
    expected_version: int | None = None  # as DynamicInput's


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
        version=d.version,
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
        version=h.version,
    )


# --- validation -------------------------------------------------------------------


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


# --- dynamics ---------------------------------------------------------------------


def create_dynamic(catalogue: Catalogue, data: DynamicInput) -> Changes:
    with catalogue.session() as session:
        d = Dynamic()
        _apply_dynamic(session, d, data)
        session.add(d)
        session.flush()
        return Changes.of(created=[(ChangeKind.DYNAMIC, d.id)])


def update_dynamic(catalogue: Catalogue, dynamic_id: int, data: DynamicInput) -> Changes:
    """Saves the dynamic; refused with EditConflict when it changed since ``expected_version``."""
    message = _("No dynamic has id {id}.").format(id=dynamic_id)
    return _update(
        catalogue,
        Dynamic,
        ChangeKind.DYNAMIC,
        dynamic_id,
        message,
        dynamic_view,
        lambda session, d: _apply_dynamic(session, d, data),
        data.expected_version,
    )


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
        # By folded name ("Écomusée" with the E), the same on both engines.
        rows = session.scalars(stmt.order_by(byte_order(Dynamic.search_key), Dynamic.id))
        return [dynamic_view(d) for d in rows]


# --- hosts --------------------------------------------------------------------------


def create_host(catalogue: Catalogue, data: HostInput) -> Changes:
    with catalogue.session() as session:
        h = Host()
        _apply_host(session, h, data)
        session.add(h)
        session.flush()
        return Changes.of(created=[(ChangeKind.HOST, h.id)])


def update_host(catalogue: Catalogue, host_id: int, data: HostInput) -> Changes:
    """Saves the host; refused with EditConflict when it changed since ``expected_version``."""
    message = _("No host organisation has id {id}.").format(id=host_id)
    return _update(
        catalogue,
        Host,
        ChangeKind.HOST,
        host_id,
        message,
        host_view,
        lambda session, h: _apply_host(session, h, data),
        data.expected_version,
    )


def _update(
    catalogue: Catalogue,
    model: Any,
    kind: ChangeKind,
    record_id: int,
    missing: str,
    view: Any,
    apply: Any,
    expected_version: int | None,
) -> Changes:
    """One versioned save for a dynamic or a host: the form's version checked, then applied."""

    def now(session: Session) -> tuple[Any, int]:
        record = get_live(session, model, record_id, missing)
        return view(record), record.version

    with refused_when_stale(catalogue, kind, record_id, now), catalogue.session() as session:
        record = get_live(session, model, record_id, missing)
        check_version(session, kind, record, expected_version, view)
        apply(session, record)
        session.flush()
        return Changes.of(updated=[(kind, record.id)])


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
        stmt = stmt.order_by(byte_order(Host.search_key), Host.id).limit(limit)
        return [host_view(h) for h in session.scalars(stmt)]


# --- trash --------------------------------------------------------------------------

_TRASHABLE = {"dynamic": Dynamic, "host": Host, "person": Person}


def record_kind_label(kind: str) -> str:
    """What a record the trash can hold is, in words: in the trash's list and in refusals.

    Any other kind is a programming error (``KeyError``).
    """
    return {
        "dynamic": _("dynamic"),
        "host": _("host organisation"),
        "person": _("person"),
        "event": _("event"),
    }[kind]


def move_to_trash(catalogue: Catalogue, kind: str, record_id: int) -> Changes:
    """Deletion that can be undone: the record is hidden, not destroyed."""
    model = _TRASHABLE[kind]
    with catalogue.session() as session:
        record = session.get(model, record_id)
        if record is None or record.deleted_at is not None:
            raise NotFoundError(
                _("Nothing to delete: no {kind} has id {id}.").format(
                    kind=record_kind_label(kind), id=record_id
                )
            )
        record.deleted_at = utcnow()
        return Changes.of(deleted=[(kind, record_id)])


def restore_from_trash(catalogue: Catalogue, kind: str, record_id: int) -> Changes:
    return restore_record(catalogue, _TRASHABLE[kind], kind, record_kind_label(kind), record_id)


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
