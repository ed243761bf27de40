"""Attachment bytes kept in the catalogue itself, by content hash.

See :mod:`visitplanner.services.documents.attachments`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, deferred, mapped_column

from visitplanner.store.base import Base, created


class Attachment(Base):
    """The bytes of one original photo, named by their SHA-256 like the data folder's copy."""

    __tablename__ = "attachments"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    # Loaded only when a laptop lacks the file: listing photos never reads their bytes.
    data: Mapped[bytes] = deferred(mapped_column(LargeBinary, nullable=False))
    size: Mapped[int] = mapped_column(Integer, nullable=False)
    created_at: Mapped[datetime] = created()
