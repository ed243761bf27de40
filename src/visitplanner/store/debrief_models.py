"""The debrief and shared story tables: what was learnt from a visit, told afterwards.

Imported back into :mod:`visitplanner.store.models`, which is where the rest of the
code (and Alembic's metadata) finds every table.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from visitplanner.domain.enums import Challenge, DebriefStatus, StoryKind
from visitplanner.store.base import Base, created, fk, one_of, updated
from visitplanner.store.types import UTCDateTime

if TYPE_CHECKING:
    from visitplanner.store.models import Dynamic, Event, Person

debrief_authors = Table(
    "debrief_authors",
    Base.metadata,
    Column("debrief_id", fk("debriefs.id", "CASCADE"), primary_key=True),
    Column("person_id", fk("people.id", "CASCADE"), primary_key=True, index=True),
)

story_entry_dynamics = Table(
    "log_entry_dynamics",
    Base.metadata,
    Column("entry_id", fk("log_entries.id", "CASCADE"), primary_key=True),
    Column("dynamic_id", fk("dynamics.id", "CASCADE"), primary_key=True, index=True),
)


# --- debriefs -----------------------------------------------------------------


class Debrief(Base):
    __tablename__ = "debriefs"
    __table_args__ = (one_of("status", DebriefStatus), UniqueConstraint("event_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(fk("events.id", "CASCADE"), nullable=False)
    status: Mapped[str] = mapped_column(String(8), nullable=False, default="draft")
    context: Mapped[str | None] = mapped_column(Text)
    what_we_saw: Mapped[str | None] = mapped_column(Text)
    ideas_to_transpose: Mapped[str | None] = mapped_column(Text)
    finalised_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = created()
    updated_at: Mapped[datetime] = updated()
    # Bumped by every UPDATE (``version_id_col``): a form's save names the version it
    # loaded, and an UPDATE of a row someone changed meanwhile touches no row.
    version: Mapped[int] = mapped_column(Integer, nullable=False, server_default="1")
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": version}

    event: Mapped[Event] = relationship()
    authors: Mapped[list[Person]] = relationship(secondary=debrief_authors, lazy="selectin")
    takeaways: Mapped[list[Takeaway]] = relationship(
        cascade="all, delete-orphan", order_by="Takeaway.position", lazy="selectin"
    )
    quotes: Mapped[list[Quote]] = relationship(
        cascade="all, delete-orphan", order_by="Quote.position", lazy="selectin"
    )
    photos: Mapped[list[Photo]] = relationship(
        cascade="all, delete-orphan", order_by="Photo.position", lazy="selectin"
    )
    actions: Mapped[list[FollowUpAction]] = relationship(
        cascade="all, delete-orphan", order_by="FollowUpAction.position", lazy="selectin"
    )


class Takeaway(Base):
    __tablename__ = "takeaways"
    __table_args__ = (one_of("challenge", Challenge),)

    id: Mapped[int] = mapped_column(primary_key=True)
    debrief_id: Mapped[int] = mapped_column(
        fk("debriefs.id", "CASCADE"), nullable=False, index=True
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    challenge: Mapped[str | None] = mapped_column(String(32))


class Quote(Base):
    __tablename__ = "quotes"

    id: Mapped[int] = mapped_column(primary_key=True)
    debrief_id: Mapped[int] = mapped_column(
        fk("debriefs.id", "CASCADE"), nullable=False, index=True
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    person_id: Mapped[int | None] = mapped_column(fk("people.id", "SET NULL"), index=True)

    person: Mapped[Person | None] = relationship(lazy="joined")


class Photo(Base):
    """A photo attached to a debrief; the file itself lives in the data folder."""

    __tablename__ = "photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    debrief_id: Mapped[int] = mapped_column(
        fk("debriefs.id", "CASCADE"), nullable=False, index=True
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    path: Mapped[str] = mapped_column(String(1000), nullable=False)
    sha256: Mapped[str | None] = mapped_column(String(64))
    caption: Mapped[str | None] = mapped_column(Text)
    # The file's name as the coordinator chose it; the stored copy is named by its hash.
    original_name: Mapped[str | None] = mapped_column(String(255))


class FollowUpAction(Base):
    __tablename__ = "follow_up_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    debrief_id: Mapped[int] = mapped_column(
        fk("debriefs.id", "CASCADE"), nullable=False, index=True
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    owner_id: Mapped[int | None] = mapped_column(fk("people.id", "SET NULL"), index=True)
    due_date: Mapped[date | None] = mapped_column(Date, index=True)
    done: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)

    owner: Mapped[Person | None] = relationship(lazy="joined")


# --- shared story --------------------------------------------------------------


class StoryEntry(Base):
    __tablename__ = "log_entries"
    __table_args__ = (one_of("kind", StoryKind), CheckConstraint("revision >= 1", name="rev_pos"))

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), nullable=False, unique=True)
    revision: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    entry_date: Mapped[date] = mapped_column(Date, nullable=False, index=True)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    text: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16), nullable=False, default="note")
    author: Mapped[str | None] = mapped_column(String(200))
    event_id: Mapped[int | None] = mapped_column(fk("events.id", "SET NULL"), index=True)
    debrief_id: Mapped[int | None] = mapped_column(fk("debriefs.id", "SET NULL"), index=True)
    photo_path: Mapped[str | None] = mapped_column(String(1000))
    # The photo's hash travels with the entry; the file follows when the folder has it.
    photo_sha256: Mapped[str | None] = mapped_column(String(64))
    photo_caption: Mapped[str | None] = mapped_column(Text)
    # UUID of the catalogue that wrote the current revision (shared-folder sync).
    origin: Mapped[str | None] = mapped_column(String(36))
    # Challenge codes and dynamic names as the author wrote them, one per line: entries
    # read from another catalogue keep them even where no local record matches.
    challenges: Mapped[str] = mapped_column(Text, nullable=False, default="", server_default="")
    dynamic_names: Mapped[str] = mapped_column(Text, nullable=False, default="", server_default="")
    # The linked event's iCalendar UID: the link survives the trip to another catalogue.
    event_uid: Mapped[str | None] = mapped_column(String(255))
    # When the current revision was written (by whoever wrote it), in UTC.
    saved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    search_key: Mapped[str] = mapped_column(Text, nullable=False, default="")
    created_at: Mapped[datetime] = created()
    updated_at: Mapped[datetime] = updated()

    dynamics: Mapped[list[Dynamic]] = relationship(
        secondary=story_entry_dynamics, lazy="selectin", order_by="Dynamic.name"
    )


class StoryRevision(Base):
    """Every revision of an entry, ours or read from the shared folder: the entry's history."""

    __tablename__ = "log_revisions"
    __table_args__ = (UniqueConstraint("entry_uuid", "revision", "origin"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_uuid: Mapped[str] = mapped_column(String(36), nullable=False, index=True)
    revision: Mapped[int] = mapped_column(Integer, nullable=False)
    origin: Mapped[str] = mapped_column(String(36), nullable=False)
    author: Mapped[str | None] = mapped_column(String(200))
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    content: Mapped[str] = mapped_column(Text, nullable=False)
