"""The outbox's messages as the services hand them out, and which of them may be sent."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from email.message import Message

from sqlalchemy import ColumnElement, or_

from visitplanner.services.changes import Changes
from visitplanner.store.models import OutboxMessage


@dataclass(frozen=True)
class QueuedMessage:
    """One e-mail to queue: built by :func:`visitplanner.exchange.mail.build_message`."""

    event_id: int
    person_id: int | None
    method: str
    sequence: int
    recipient: str
    subject: str
    message: Message | bytes
    purpose: str | None = None  # waitlisted / promoted / removed: a notice about a place


@dataclass(frozen=True)
class OutboxItem:
    """One message of the outbox, as lists show it (without its text)."""

    id: int
    event_id: int
    person_id: int | None
    method: str
    sequence: int
    recipient: str
    subject: str
    created_at: datetime
    sent_at: datetime | None
    attempts: int
    last_error: str | None

    @property
    def state(self) -> str:
        """``pending``, ``failed``, ``unconfirmed`` or ``sent``: see the module's docstring."""
        if self.sent_at is not None:
            return "sent"
        if self.attempts == 0:
            return "pending"
        return "failed" if self.last_error is not None else "unconfirmed"


@dataclass(frozen=True)
class SendReport:
    """What one :func:`send_pending` did.

    ``stopped`` says why sending ended before the last message (connection
    lost, cancelled); the messages not reached stay pending, untouched.
    ``unconfirmed`` lists every message left in doubt, from this run or an
    earlier one, so the window keeps asking the user about them.
    """

    sent: int
    failed: list[tuple[OutboxItem, str]]
    unconfirmed: list[OutboxItem] = field(default_factory=list)
    stopped: str | None = None
    changes: Changes = field(default_factory=Changes)


def item_of(row: OutboxMessage) -> OutboxItem:
    return OutboxItem(
        row.id,
        row.event_id,
        row.person_id,
        row.method,
        row.sequence,
        row.recipient,
        row.subject,
        row.created_at,
        row.sent_at,
        row.attempts,
        row.last_error,
    )


def sendable() -> ColumnElement[bool]:
    """SQL: never tried, or failed with a reason (not sent, not left in doubt)."""
    return (OutboxMessage.sent_at.is_(None)) & or_(
        OutboxMessage.attempts == 0, OutboxMessage.last_error.is_not(None)
    )
