"""The audit trail's table: one row per change to a record (see :mod:`.audit`)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from visitplanner.store.base import Base
from visitplanner.store.types import UTCDateTime, utcnow


class AuditRecord(Base):
    """One change to one record, in the order it was made."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_record", "kind", "record_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    coordinator: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    db_user: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    kind: Mapped[str] = mapped_column(String(32), nullable=False)
    record_id: Mapped[int] = mapped_column(Integer, nullable=False)
    action: Mapped[str] = mapped_column(String(16), nullable=False)
    fields: Mapped[str | None] = mapped_column(Text)  # JSON list of field names
