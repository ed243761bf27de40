"""The catalogue's tables: the whole product's data model.

Integrity lives in the database (foreign keys, NOT NULL, CHECK on enumerations
and on ``end >= start``, unique e-mail) so that a bug in a window or an import
cannot store what the product forbids. Enumerations are stored as the stable
English codes of :mod:`visitplanner.domain.enums`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from visitplanner.domain.enums import (
    ActorType,
    DynamicKind,
    EventKind,
    EventStatus,
    HalfDay,
    Language,
    OutboxMethod,
    ResponseStatus,
    Role,
    Service,
)

# Re-exported so that every table is importable from here and registered on Base.metadata
# (Alembic's autogenerate and the schema drift test read that metadata).
from visitplanner.store.attachment_models import Attachment  # noqa: F401  (one metadata)
from visitplanner.store.audit_models import AuditRecord  # noqa: F401  (one metadata)
from visitplanner.store.base import Base, created, fk, one_of, updated
from visitplanner.store.consent_models import Consent
from visitplanner.store.debrief_models import (  # noqa: F401
    Debrief,
    FollowUpAction,
    Photo,
    Quote,
    StoryEntry,
    StoryRevision,
    Takeaway,
    debrief_authors,
    story_entry_dynamics,
)
from visitplanner.store.types import UTCDateTime

# --- association tables -------------------------------------------------------

person_dynamics = Table(
    "person_dynamics",
    Base.metadata,
    Column("person_id", fk("people.id", "CASCADE"), primary_key=True),
    Column("dynamic_id", fk("dynamics.id", "CASCADE"), primary_key=True, index=True),
)

host_dynamics = Table(
    "host_dynamics",
    Base.metadata,
    Column("host_id", fk("hosts.id", "CASCADE"), primary_key=True),
    Column("dynamic_id", fk("dynamics.id", "CASCADE"), primary_key=True, index=True),
)


# --- catalogue ----------------------------------------------------------------


class CatalogueInfo(Base):
    """Key/value facts about this catalogue (its own UUID for the shared log, its name)."""

    __tablename__ = "catalogue_info"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)


class Dynamic(Base):
    __tablename__ = "dynamics"
    __table_args__ = (one_of("kind", DynamicKind),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), nullable=False)
    kind: Mapped[str] = mapped_column(String(32), nullable=False, default="other")
    region: Mapped[str | None] = mapped_column(String(120))
    territory: Mapped[str | None] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    website: Mapped[str | None] = mapped_column(String(500))
    search_key: Mapped[str] = mapped_column(Text, nullable=False, default="")
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    created_at: Mapped[datetime] = created()
    updated_at: Mapped[datetime] = updated()
    # Bumped by every UPDATE (``version_id_col``): a form's save names the version it
    # loaded, and an UPDATE of a row someone changed meanwhile touches no row.
    version: Mapped[int] = mapped_column(Integer, nullable=False, server_default="1")
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": version}

    tags: Mapped[list[DynamicTag]] = relationship(
        cascade="all, delete-orphan", order_by="DynamicTag.tag", lazy="selectin"
    )
    services: Mapped[list[DynamicService]] = relationship(
        cascade="all, delete-orphan", order_by="DynamicService.service", lazy="selectin"
    )


class DynamicTag(Base):
    """A practice or theme tag ("réemploi", "économie de la fonctionnalité"...)."""

    __tablename__ = "dynamic_tags"
    dynamic_id: Mapped[int] = mapped_column(fk("dynamics.id", "CASCADE"), primary_key=True)
    tag: Mapped[str] = mapped_column(String(100), primary_key=True)


class DynamicService(Base):
    __tablename__ = "dynamic_services"
    __table_args__ = (one_of("service", Service),)
    dynamic_id: Mapped[int] = mapped_column(fk("dynamics.id", "CASCADE"), primary_key=True)
    service: Mapped[str] = mapped_column(String(32), primary_key=True)


class Host(Base):
    __tablename__ = "hosts"
    __table_args__ = (
        one_of("actor_type", ActorType),
        CheckConstraint("capacity IS NULL OR capacity >= 0", name="capacity_positive"),
        CheckConstraint("length(country) = 2", name="country_code"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), nullable=False)
    actor_type: Mapped[str | None] = mapped_column(String(32))
    address_line1: Mapped[str | None] = mapped_column(String(300))
    address_line2: Mapped[str | None] = mapped_column(String(300))
    postal_code: Mapped[str | None] = mapped_column(String(20))
    city: Mapped[str | None] = mapped_column(String(120))
    country: Mapped[str] = mapped_column(String(2), nullable=False, default="FR")
    capacity: Mapped[int | None] = mapped_column(Integer)
    accessibility: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    contact_person_id: Mapped[int | None] = mapped_column(fk("people.id", "SET NULL"), index=True)
    search_key: Mapped[str] = mapped_column(Text, nullable=False, default="")
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    created_at: Mapped[datetime] = created()
    updated_at: Mapped[datetime] = updated()
    # Bumped by every UPDATE (``version_id_col``): a form's save names the version it
    # loaded, and an UPDATE of a row someone changed meanwhile touches no row.
    version: Mapped[int] = mapped_column(Integer, nullable=False, server_default="1")
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": version}

    contact_person: Mapped[Person | None] = relationship(foreign_keys=[contact_person_id])
    dynamics: Mapped[list[Dynamic]] = relationship(
        secondary=host_dynamics, lazy="selectin", order_by="Dynamic.name"
    )


class Person(Base):
    __tablename__ = "people"
    __table_args__ = (
        one_of("actor_type", ActorType),
        one_of("preferred_language", Language),
        UniqueConstraint("email_key"),
        # The people list: live people in name order, filtered on the folded key,
        # answered from this index alone (no table lookups, no sort).
        Index(
            "ix_people_live_order",
            "sort_key",
            "id",
            "search_key",
            sqlite_where=text("deleted_at IS NULL"),
            postgresql_where=text("deleted_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    given_name: Mapped[str | None] = mapped_column(String(150))
    family_name: Mapped[str] = mapped_column(String(150), nullable=False)
    email: Mapped[str | None] = mapped_column(String(320))
    # Case-folded e-mail: the uniqueness key, so "A@x.org" and "a@x.org" are one person.
    email_key: Mapped[str | None] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(40))
    organisation: Mapped[str | None] = mapped_column(String(300))
    actor_type: Mapped[str | None] = mapped_column(String(32))
    function: Mapped[str | None] = mapped_column(String(200))
    preferred_language: Mapped[str] = mapped_column(String(2), nullable=False, default="fr")
    # Consents are dated records of their own (``consents``, schema 0006).
    notes: Mapped[str | None] = mapped_column(Text)
    search_key: Mapped[str] = mapped_column(Text, nullable=False, default="")
    # Sort key for the big people list: "family given", folded.
    sort_key: Mapped[str] = mapped_column(String(320), nullable=False, default="")
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Erased (RGPD): nothing identifying is left, only the anonymous participations, so
    # head counts stay; also in ``deleted_at`` (hidden everywhere) but never in the trash.
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = created()
    updated_at: Mapped[datetime] = updated()
    # Bumped by every UPDATE (``version_id_col``): a form's save names the version it
    # loaded, and an UPDATE of a row someone changed meanwhile touches no row.
    version: Mapped[int] = mapped_column(Integer, nullable=False, server_default="1")
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": version}

    dynamics: Mapped[list[Dynamic]] = relationship(
        secondary=person_dynamics, lazy="selectin", order_by="Dynamic.name"
    )
    # Every record, withdrawn ones included; read them through services.privacy.consents.
    consents: Mapped[list[Consent]] = relationship(
        order_by="Consent.id", passive_deletes=True, cascade="all, delete-orphan"
    )

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_name, self.family_name) if p)


# --- planning -----------------------------------------------------------------


class Event(Base):
    __tablename__ = "events"
    __table_args__ = (
        one_of("kind", EventKind),
        one_of("status", EventStatus),
        CheckConstraint("ends_at >= starts_at", name="end_after_start"),
        CheckConstraint("capacity IS NULL OR capacity >= 0", name="capacity_positive"),
        CheckConstraint("fee_cents IS NULL OR fee_cents >= 0", name="fee_positive"),
        CheckConstraint("sequence >= 0", name="sequence_positive"),
        Index("ix_events_starts_at", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(255), nullable=False, unique=True)
    sequence: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    visit_question: Mapped[str | None] = mapped_column(Text)
    objectives: Mapped[str | None] = mapped_column(Text)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    timezone: Mapped[str] = mapped_column(String(64), nullable=False, default="Europe/Paris")
    all_day: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    host_id: Mapped[int | None] = mapped_column(fk("hosts.id", "SET NULL"), index=True)
    location: Mapped[str | None] = mapped_column(Text)
    online_url: Mapped[str | None] = mapped_column(String(1000))
    capacity: Mapped[int | None] = mapped_column(Integer)
    # Money as whole cents: exact, and the same on every database.
    fee_cents: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="planned")
    organiser_id: Mapped[int | None] = mapped_column(fk("people.id", "SET NULL"), index=True)
    # The highest SEQUENCE that left the app (queued, sent, or written to an .ics/.eml):
    # once issued, the next significant change raises ``sequence`` (RFC 5546). None: never.
    issued_sequence: Mapped[int | None] = mapped_column(Integer)
    search_key: Mapped[str] = mapped_column(Text, nullable=False, default="")
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    created_at: Mapped[datetime] = created()
    updated_at: Mapped[datetime] = updated()
    # Bumped by every UPDATE (``version_id_col``): a form's save names the version it
    # loaded, and an UPDATE of a row someone changed meanwhile touches no row.
    version: Mapped[int] = mapped_column(Integer, nullable=False, server_default="1")
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": version}

    host: Mapped[Host | None] = relationship()
    organiser: Mapped[Person | None] = relationship()
    programme: Mapped[list[ProgrammeItem]] = relationship(
        cascade="all, delete-orphan", order_by="ProgrammeItem.position", lazy="selectin"
    )
    dynamic_links: Mapped[list[EventDynamic]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )
    participations: Mapped[list[Participation]] = relationship(
        back_populates="event", cascade="all, delete-orphan"
    )


class EventDynamic(Base):
    """A dynamic taking part in an event, as the visiting group or as the visited one."""

    __tablename__ = "event_dynamics"
    __table_args__ = (CheckConstraint("side IN ('visiting', 'visited')", name="side_valid"),)
    event_id: Mapped[int] = mapped_column(fk("events.id", "CASCADE"), primary_key=True)
    dynamic_id: Mapped[int] = mapped_column(
        fk("dynamics.id", "CASCADE"), primary_key=True, index=True
    )
    side: Mapped[str] = mapped_column(String(8), primary_key=True)

    dynamic: Mapped[Dynamic] = relationship(lazy="selectin")


class ProgrammeItem(Base):
    __tablename__ = "programme_items"
    __table_args__ = (
        CheckConstraint(
            "ends_at IS NULL OR (starts_at IS NOT NULL AND ends_at >= starts_at)",
            name="end_after_start",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(fk("events.id", "CASCADE"), nullable=False, index=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    speaker: Mapped[str | None] = mapped_column(String(300))


class Participation(Base):
    __tablename__ = "participations"
    __table_args__ = (
        one_of("role", Role),
        one_of("status", ResponseStatus),
        UniqueConstraint("event_id", "person_id"),
        # A position exactly when waitlisted, and never two people at the same place.
        CheckConstraint(
            "(status = 'waitlisted' AND waitlist_position IS NOT NULL)"
            " OR (status <> 'waitlisted' AND waitlist_position IS NULL)",
            name="waitlist_consistent",
        ),
        UniqueConstraint("event_id", "waitlist_position", name="uq_participations_waitlist"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(fk("events.id", "CASCADE"), nullable=False, index=True)
    person_id: Mapped[int] = mapped_column(fk("people.id", "CASCADE"), nullable=False, index=True)
    role: Mapped[str] = mapped_column(String(16), nullable=False, default="participant")
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="invited")
    waitlist_position: Mapped[int | None] = mapped_column(Integer)
    to_notify: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    invited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # SEQUENCE and DTSTAMP of the last reply applied: an older or repeated one changes nothing.
    reply_sequence: Mapped[int | None] = mapped_column(Integer)
    reply_dtstamp: Mapped[datetime | None] = mapped_column(UTCDateTime)
    delegated_to: Mapped[str | None] = mapped_column(String(320))
    delegated_from: Mapped[str | None] = mapped_column(String(320))
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = created()
    updated_at: Mapped[datetime] = updated()

    event: Mapped[Event] = relationship(back_populates="participations")
    person: Mapped[Person] = relationship(lazy="joined")
    attendance: Mapped[list[Attendance]] = relationship(
        cascade="all, delete-orphan", order_by="(Attendance.day, Attendance.half_day)"
    )


class Attendance(Base):
    """Presence for one half-day, copied from the signed sheet after the event."""

    __tablename__ = "attendance"
    __table_args__ = (one_of("half_day", HalfDay),)
    participation_id: Mapped[int] = mapped_column(
        fk("participations.id", "CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    half_day: Mapped[str] = mapped_column(String(2), primary_key=True)
    present: Mapped[bool] = mapped_column(Boolean, nullable=False)


class OutboxMessage(Base):
    """An invitation or cancellation waiting to be sent, or sent, with its last failure."""

    __tablename__ = "outbox"
    __table_args__ = (
        one_of("method", OutboxMethod),
        CheckConstraint(
            "purpose IS NULL OR purpose IN ('waitlisted', 'promoted', 'removed')",
            name="purpose_valid",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(fk("events.id", "CASCADE"), nullable=False, index=True)
    person_id: Mapped[int | None] = mapped_column(fk("people.id", "SET NULL"), index=True)
    method: Mapped[str] = mapped_column(String(8), nullable=False)
    sequence: Mapped[int] = mapped_column(Integer, nullable=False)
    recipient: Mapped[str] = mapped_column(String(320), nullable=False)
    subject: Mapped[str] = mapped_column(String(500), nullable=False)
    message: Mapped[str] = mapped_column(Text, nullable=False)
    created_at: Mapped[datetime] = created()
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    # A notice about the person's place (waiting list, place offered, removed), which
    # ``notify`` writes out; None for an ordinary invitation, update or cancellation.
    purpose: Mapped[str | None] = mapped_column(String(16))
