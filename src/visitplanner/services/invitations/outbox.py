"""The outbox: invitations and cancellations kept in the catalogue until they are sent.

Offline first: building an invitation only queues it. "Envoyer maintenant"
(:func:`send_pending`) then sends what it can over one SMTP connection, and each
failure stays in the outbox with its reason, to be sent again later.

Never twice (at most once)
    A message is *claimed* in its own transaction before it goes out
    (``attempts + 1``, ``last_error`` cleared, only if it is still unsent and
    not already claimed), and marked ``sent_at`` in another small transaction
    right after the server accepted it, before the next message is touched.
    If the application dies, the disk fills or the connection drops between
    the two, the message is left *unconfirmed*: it may or may not have reached
    the server, so it is reported and never sent again on its own. The user
    decides: :func:`mark_sent_manually` if it arrived, :func:`allow_resend` to
    send it again. Losing a message is visible and fixable; a participant
    receiving the same invitation twice, or a stale one after an update, is not.

States of a message (:attr:`OutboxItem.state`)
    ``pending``      never tried;
    ``failed``       refused or not sent, with the reason in ``last_error``; sent again
                     by the next :func:`send_pending`;
    ``unconfirmed``  tried, outcome unknown (see above); not sent again on its own;
    ``sent``         accepted by the server (or marked sent by hand).

The stored message is the exact text built by :mod:`visitplanner.exchange.mail`
(7-bit, CRLF line ends), sent and exported byte for byte as it was queued.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Callable, Sequence
from datetime import datetime
from email.parser import HeaderParser
from email.policy import compat32
from email.utils import parseaddr

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from visitplanner.domain.enums import OutboxMethod
from visitplanner.domain.errors import NotFoundError, UserError
from visitplanner.exchange.mail import ascii_address, message_bytes
from visitplanner.i18n import _
from visitplanner.services.changes import ChangeKind, Changes, Key

# Moved to siblings; imported back because callers import them from here.
from visitplanner.services.invitations.outbox_eml import export_eml  # noqa: F401
from visitplanner.services.invitations.outbox_items import (
    OutboxItem,
    QueuedMessage,
    SendReport,
    item_of,
    sendable,
)
from visitplanner.services.invitations.smtp_client import (  # noqa: F401
    SECURITY,
    TIMEOUT,
    Connect,
    SmtpClient,
    check_settings,
    check_smtp,
    close_client,
    local_relay_label,
    network_reason,
    one_line,
    server_reply,
    smtp_connect,
    still_connected,
)
from visitplanner.settings import Settings
from visitplanner.store.database import Catalogue
from visitplanner.store.models import OutboxMessage, Participation
from visitplanner.store.types import utcnow

log = logging.getLogger(__name__)

# --- queue and lists ---------------------------------------------------------------------


def queue(catalogue: Catalogue, messages: Sequence[QueuedMessage]) -> Changes:
    """Puts messages in the outbox, all or none.

    A message replaces the ones for the same event and recipient that were
    never tried and have the same or a lower SEQUENCE: an invitation queued
    again, or updated before it went out, reaches the participant once, in its
    latest form. A plain notice replaces only older notices. Queuing an
    invitation or cancellation records its SEQUENCE as issued (it has left the
    editor's hands: the next significant change must raise it).
    """
    from visitplanner.services.invitations.issuing import record_issued

    prepared = []
    for queued in messages:
        method = OutboxMethod.parse(queued.method, _("method")).value
        try:
            recipient = ascii_address(queued.recipient)
        except ValueError:
            raise UserError(
                _("“{address}” is not an e-mail address invitations can be sent to.").format(
                    address=queued.recipient
                )
            ) from None
        text = message_bytes(queued.message).decode("utf-8")
        prepared.append((queued, method, recipient, text))
    created: list[Key] = []
    deleted: list[Key] = []
    with catalogue.session() as session:
        for queued, method, recipient, text in prepared:
            older = session.scalars(
                select(OutboxMessage).where(
                    OutboxMessage.event_id == queued.event_id,
                    OutboxMessage.sent_at.is_(None),
                    OutboxMessage.attempts == 0,
                    OutboxMessage.sequence <= queued.sequence,
                )
            ).all()
            notice = method == OutboxMethod.NOTICE.value
            for row in older:
                if row.recipient.casefold() != recipient.casefold():
                    continue
                if notice and row.method != OutboxMethod.NOTICE.value:
                    continue
                deleted.append((ChangeKind.OUTBOX, row.id))
                session.delete(row)
            row = OutboxMessage(
                event_id=queued.event_id,
                person_id=queued.person_id,
                method=method,
                sequence=queued.sequence,
                recipient=recipient,
                subject=" ".join(queued.subject.split())[:500],
                message=text,
                attempts=0,
                purpose=queued.purpose,
            )
            session.add(row)
            session.flush()
            created.append((ChangeKind.OUTBOX, row.id))
            if not notice:
                record_issued(session, queued.event_id, queued.sequence)
    return Changes.of(created=created, deleted=deleted)


def list_outbox(catalogue: Catalogue, event_id: int | None = None) -> list[OutboxItem]:
    """Every message, sent or not, oldest first (for one event if ``event_id`` is given)."""
    stmt = select(OutboxMessage).order_by(OutboxMessage.created_at, OutboxMessage.id)
    if event_id is not None:
        stmt = stmt.where(OutboxMessage.event_id == event_id)
    with catalogue.session() as session:
        return [item_of(row) for row in session.scalars(stmt)]


def pending(catalogue: Catalogue, event_id: int | None = None) -> list[OutboxItem]:
    """What :func:`send_pending` would send now: never tried or failed, oldest first.

    Unconfirmed messages are not in it (they are in :func:`list_outbox`).
    """
    stmt = select(OutboxMessage).where(sendable()).order_by(OutboxMessage.id)
    if event_id is not None:
        stmt = stmt.where(OutboxMessage.event_id == event_id)
    with catalogue.session() as session:
        return [item_of(row) for row in session.scalars(stmt)]


def unconfirmed(catalogue: Catalogue, event_id: int | None = None) -> list[OutboxItem]:
    """Messages whose sending started but was never confirmed: the user must decide."""
    return [item for item in list_outbox(catalogue, event_id) if item.state == "unconfirmed"]


def message_text(catalogue: Catalogue, outbox_id: int) -> str:
    """The whole stored message (RFC 5322 text), for a preview or a copy."""
    with catalogue.session() as session:
        return _get(session, outbox_id).message


def _get(session: Session, outbox_id: int) -> OutboxMessage:
    row = session.get(OutboxMessage, outbox_id)
    if row is None:
        raise NotFoundError(_("No outbox message has id {id}.").format(id=outbox_id))
    return row


# --- changes the user makes --------------------------------------------------------------


def _mark_sent(session: Session, row: OutboxMessage, when: datetime) -> list[Key]:
    """Sent: and for an invitation, the participant's "invitation sent" date; for a notice
    about their place, the « to notify » reminder goes (they have been told)."""
    row.sent_at = when
    row.last_error = None
    keys: list[Key] = [(ChangeKind.OUTBOX, row.id)]
    if row.person_id is not None and (
        row.method == OutboxMethod.REQUEST.value or row.purpose is not None
    ):
        participation = session.scalar(
            select(Participation).where(
                Participation.event_id == row.event_id,
                Participation.person_id == row.person_id,
            )
        )
        if participation is not None:
            if row.method == OutboxMethod.REQUEST.value:
                participation.invited_at = when
            if row.purpose is not None:
                participation.to_notify = False
            keys.append((ChangeKind.PARTICIPATION, participation.id))
    return keys


def mark_sent_manually(catalogue: Catalogue, ids: Sequence[int]) -> Changes:
    """Records as sent messages the user sent by hand (exported .eml) or saw arrive."""
    updated: list[Key] = []
    with catalogue.session() as session:
        now = utcnow()
        for outbox_id in ids:
            row = _get(session, outbox_id)
            if row.sent_at is None:
                updated += _mark_sent(session, row, now)
    return Changes.of(updated=updated)


def allow_resend(catalogue: Catalogue, ids: Sequence[int]) -> Changes:
    """Lets the next sending send again messages left unconfirmed (the user checked)."""
    updated: list[Key] = []
    with catalogue.session() as session:
        for outbox_id in ids:
            row = _get(session, outbox_id)
            if row.sent_at is None and row.attempts > 0 and row.last_error is None:
                row.last_error = _("Sending was not confirmed; to be sent again.")
                updated.append((ChangeKind.OUTBOX, row.id))
    return Changes.of(updated=updated)


def discard(catalogue: Catalogue, ids: Sequence[int]) -> Changes:
    """Removes messages from the outbox (sent ones too: they are only a record)."""
    deleted: list[Key] = []
    with catalogue.session() as session:
        for outbox_id in ids:
            session.delete(_get(session, outbox_id))
            deleted.append((ChangeKind.OUTBOX, outbox_id))
    return Changes.of(deleted=deleted)


# --- sending -----------------------------------------------------------------------------


def _claim(catalogue: Catalogue, outbox_id: int) -> tuple[str, str] | None:
    """Takes the message for this sending: (envelope sender, text), or None if gone or taken.

    One compare-and-set UPDATE, so two windows sending at once never both get it.
    """
    with catalogue.session() as session:
        claimed = session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == outbox_id, sendable())
            .values(attempts=OutboxMessage.attempts + 1, last_error=None)
            .execution_options(synchronize_session=False)
        ).rowcount
        if claimed != 1:
            return None
        text = session.scalar(select(OutboxMessage.message).where(OutboxMessage.id == outbox_id))
    headers = HeaderParser(policy=compat32).parsestr(text or "", headersonly=True)
    sender = parseaddr(str(headers.get("From", "")))[1]
    return sender, text or ""


def _record(catalogue: Catalogue, outbox_id: int, error: str | None) -> tuple[OutboxItem, Changes]:
    """After the server's answer: sent (``error`` None) or failed with the reason."""
    with catalogue.session() as session:
        row = _get(session, outbox_id)
        if error is None:
            keys = _mark_sent(session, row, utcnow())
        else:
            row.last_error = error
            keys = [(ChangeKind.OUTBOX, row.id)]
        session.flush()
        return item_of(row), Changes.of(updated=keys)


def _lost(item: OutboxItem, exc: BaseException) -> str:
    """The connection went during a message: perhaps after the server took it, so in doubt."""
    log.warning("outbox %s unconfirmed: %s", item.id, type(exc).__name__)
    return _("The connection to the SMTP server was lost: {reason}").format(
        reason=network_reason(exc)
    )


def send_pending(
    catalogue: Catalogue,
    settings: Settings,
    password: str | None,
    *,
    event_id: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    connect: Connect = smtp_connect,
) -> SendReport:
    """Sends every pending or failed message over one SMTP connection.

    Connecting or logging in failing raises :class:`UserError` with the reason
    and changes nothing. Then each message is claimed, sent and recorded
    before the next one (see the module's docstring): a refusal by the server
    ("550 No such user") is that message's failure and sending goes on; a lost
    connection leaves that one message unconfirmed and stops, the others
    staying pending. ``progress(done, total)`` is called after each message;
    ``cancelled()`` is asked before each one.
    """
    items = pending(catalogue, event_id)
    if not items:
        return SendReport(0, [], unconfirmed(catalogue, event_id))
    check_settings(settings, password)
    client = connect(settings, password)
    sent, failed, stopped = 0, [], None
    changes = Changes()
    try:
        for done, item in enumerate(items, start=1):
            if cancelled is not None and cancelled():
                stopped = _("Sending was cancelled.")
                break
            if not still_connected(client):
                stopped = _("The SMTP server closed the connection.")
                break
            claim = _claim(catalogue, item.id)
            if claim is None:  # sent or taken meanwhile by another window
                if progress is not None:
                    progress(done, len(items))
                continue
            sender, text = claim
            sender = sender or settings.organiser_email.strip()
            try:
                client.sendmail(sender, [item.recipient], text.encode("utf-8"))
            except smtplib.SMTPServerDisconnected as exc:
                stopped = _lost(item, exc)
                break
            except (smtplib.SMTPException, UnicodeError, ValueError) as exc:
                # The server answered no (or the message cannot be sent at all): not sent.
                # SMTPException derives from OSError, so this comes before the next clause.
                reason = server_reply(exc) if isinstance(exc, smtplib.SMTPException) else str(exc)
                record, change = _record(catalogue, item.id, one_line(reason))
                failed.append((record, record.last_error or ""))
                changes |= change
                log.info("outbox %s refused by the server", item.id)
            except OSError as exc:
                stopped = _lost(item, exc)
                break
            else:
                _record_item, change = _record(catalogue, item.id, None)
                changes |= change
                sent += 1
            if progress is not None:
                progress(done, len(items))
    finally:
        close_client(client)
    left = unconfirmed(catalogue, event_id)
    changes |= Changes.of(updated=[(ChangeKind.OUTBOX, item.id) for item in left])
    log.info("outbox: %d sent, %d failed, %d unconfirmed", sent, len(failed), len(left))
    return SendReport(sent, failed, left, stopped, changes)
