"""Dated consent records: what a person agreed to, for whom, since when, until when.

Imported back into :mod:`visitplanner.store.models`. A withdrawal is a date on the
record, never a deletion: the history of what was allowed when is itself what the
association must be able to show (RGPD art. 7.1).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from visitplanner.domain.consent import ConsentPurpose, ConsentScope
from visitplanner.store.base import Base, created, fk, one_of


class Consent(Base):
    __tablename__ = "consents"
    __table_args__ = (
        one_of("purpose", ConsentPurpose),
        one_of("scope", ConsentScope),
        CheckConstraint(
            "withdrawn_on IS NULL OR withdrawn_on >= given_on", name="withdrawn_after_given"
        ),
        Index("ix_consents_person_purpose", "person_id", "purpose"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(fk("people.id", "CASCADE"), nullable=False)
    purpose: Mapped[str] = mapped_column(String(16), nullable=False)
    scope: Mapped[str] = mapped_column(String(16), nullable=False)
    # None: every event; else the consent holds for this event's documents only.
    event_id: Mapped[int | None] = mapped_column(fk("events.id", "CASCADE"), index=True)
    given_on: Mapped[date] = mapped_column(Date, nullable=False)
    withdrawn_on: Mapped[date | None] = mapped_column(Date)
    # Who wrote the record down (a coordinator's name, free text; the catalogue has no users).
    recorded_by: Mapped[str | None] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)
    withdrawal_note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = created()
