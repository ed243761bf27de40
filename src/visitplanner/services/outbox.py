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

import base64
import contextlib
import logging
import re
import smtplib
import ssl
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from email.message import Message
from email.parser import HeaderParser
from email.policy import compat32
from email.utils import parseaddr
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import ColumnElement, or_, select, update
from sqlalchemy.orm import Session

from visitplanner.domain.enums import OutboxMethod
from visitplanner.domain.errors import NotFoundError, UserError
from visitplanner.domain.text import fold
from visitplanner.exchange.mail import ascii_address, message_bytes, write_eml
from visitplanner.i18n import _
from visitplanner.services.changes import Changes, Key
from visitplanner.settings import Settings
from visitplanner.store.database import Catalogue
from visitplanner.store.models import Event, OutboxMessage, Participation
from visitplanner.store.types import utcnow

log = logging.getLogger(__name__)

SECURITY = ("starttls", "ssl", "none")
TIMEOUT = 30.0


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


class SmtpClient(Protocol):
    """The part of :class:`smtplib.SMTP` the outbox uses (tests may hand a fake)."""

    def sendmail(self, from_addr: str, to_addrs: list[str], msg: bytes) -> object: ...

    def quit(self) -> object: ...


Connect = Callable[[Settings, str | None], SmtpClient]


def _item(row: OutboxMessage) -> OutboxItem:
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


def _sendable() -> ColumnElement[bool]:
    """SQL: never tried, or failed with a reason (not sent, not left in doubt)."""
    return (OutboxMessage.sent_at.is_(None)) & or_(
        OutboxMessage.attempts == 0, OutboxMessage.last_error.is_not(None)
    )


def _one_line(text: str, limit: int = 500) -> str:
    return " ".join(text.split())[:limit]


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
    from visitplanner.services.issuing import record_issued

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
                deleted.append(("outbox", row.id))
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
            created.append(("outbox", row.id))
            if not notice:
                record_issued(session, queued.event_id, queued.sequence)
    return Changes.of(created=created, deleted=deleted)


def list_outbox(catalogue: Catalogue, event_id: int | None = None) -> list[OutboxItem]:
    """Every message, sent or not, oldest first (for one event if ``event_id`` is given)."""
    stmt = select(OutboxMessage).order_by(OutboxMessage.created_at, OutboxMessage.id)
    if event_id is not None:
        stmt = stmt.where(OutboxMessage.event_id == event_id)
    with catalogue.session() as session:
        return [_item(row) for row in session.scalars(stmt)]


def pending(catalogue: Catalogue, event_id: int | None = None) -> list[OutboxItem]:
    """What :func:`send_pending` would send now: never tried or failed, oldest first.

    Unconfirmed messages are not in it (they are in :func:`list_outbox`).
    """
    stmt = select(OutboxMessage).where(_sendable()).order_by(OutboxMessage.id)
    if event_id is not None:
        stmt = stmt.where(OutboxMessage.event_id == event_id)
    with catalogue.session() as session:
        return [_item(row) for row in session.scalars(stmt)]


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
    keys: list[Key] = [("outbox", row.id)]
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
            keys.append(("participation", participation.id))
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
                updated.append(("outbox", row.id))
    return Changes.of(updated=updated)


def discard(catalogue: Catalogue, ids: Sequence[int]) -> Changes:
    """Removes messages from the outbox (sent ones too: they are only a record)."""
    deleted: list[Key] = []
    with catalogue.session() as session:
        for outbox_id in ids:
            session.delete(_get(session, outbox_id))
            deleted.append(("outbox", outbox_id))
    return Changes.of(deleted=deleted)


# --- .eml files --------------------------------------------------------------------------

_UNSAFE = re.compile(r"[^A-Za-z0-9@._+-]+")


def _file_stem(starts_at: datetime, timezone: str, title: str, recipient: str) -> str:
    try:
        day = starts_at.astimezone(ZoneInfo(timezone)).date()
    except (ZoneInfoNotFoundError, ValueError):
        day = starts_at.date()
    event = "-".join(fold(title).split())[:40].strip("-.") or "event"
    address = _UNSAFE.sub("-", recipient).strip("-.")[:80] or "recipient"
    return f"{day:%Y%m%d}-{_UNSAFE.sub('-', event)}-{address}"


def export_eml(
    catalogue: Catalogue,
    folder: str | Path,
    event_id: int | None = None,
    ids: Sequence[int] | None = None,
) -> list[Path]:
    """Writes each message :func:`pending` lists as a ready-to-send .eml file; returns the paths.

    Names are ``YYYYMMDD-<event>-<recipient>.eml`` (the event's first day, in
    its zone), with ``-cancel`` for a cancellation and a number if two would
    clash. The messages are NOT marked sent: whether they leave depends on the
    user's mail program; :func:`mark_sent_manually` records it once they did,
    and until then "Envoyer maintenant" would still send them.
    """
    target = Path(folder)
    stmt = (
        select(OutboxMessage, Event.starts_at, Event.timezone, Event.title)
        .join(Event, Event.id == OutboxMessage.event_id)
        .where(_sendable())
        .order_by(OutboxMessage.id)
    )
    if event_id is not None:
        stmt = stmt.where(OutboxMessage.event_id == event_id)
    if ids is not None:
        stmt = stmt.where(OutboxMessage.id.in_(list(ids)))
    with catalogue.session() as session:
        rows = session.execute(stmt).all()
    written: list[Path] = []
    used: set[str] = set()
    try:
        target.mkdir(parents=True, exist_ok=True)
        for row, starts_at, timezone, title in rows:
            stem = _file_stem(starts_at, timezone, title, row.recipient)
            if row.method == OutboxMethod.CANCEL.value:
                stem += "-cancel"
            elif row.method == OutboxMethod.NOTICE.value:
                stem += "-notice"
            name, number = f"{stem}.eml", 2
            while name.casefold() in used:
                name, number = f"{stem}-{number}.eml", number + 1
            used.add(name.casefold())
            written.append(write_eml(target / name, row.message.encode("utf-8")))
    except OSError as exc:
        for path in written:  # never half a set: a mail program would send the ones left
            with contextlib.suppress(OSError):
                path.unlink()
        raise UserError(
            _("Cannot write the messages in {folder}: {reason}.").format(
                folder=target, reason=exc.strerror or exc
            )
        ) from None
    return written


# --- sending -----------------------------------------------------------------------------


def _reply(exc: smtplib.SMTPException) -> str:
    """The server's answer in one line: "550 5.1.1 No such user"."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        replies = [f"{code} {_decode(text)}" for code, text in exc.recipients.values()]
        return _one_line("; ".join(replies) or str(exc))
    if isinstance(exc, smtplib.SMTPResponseException):
        return _one_line(f"{exc.smtp_code} {_decode(exc.smtp_error)}")
    return _one_line(str(exc) or type(exc).__name__)


def _decode(text: bytes | str) -> str:
    return text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)


def _network_reason(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPException):
        return _reply(exc)
    if isinstance(exc, OSError) and exc.strerror:
        return _one_line(exc.strerror)
    return _one_line(str(exc) or type(exc).__name__)


def smtp_connect(
    settings: Settings,
    password: str | None,
    *,
    context: ssl.SSLContext | None = None,
    timeout: float = TIMEOUT,
) -> smtplib.SMTP:
    """An open, authenticated SMTP connection as the Preferences describe it.

    ``context`` replaces the system's certificate checks (tests trust their own
    certificate with it); by default certificates are verified, with no way to
    turn that off from the window.
    """
    _check_settings(settings, password)
    host, port = settings.smtp_host.strip(), int(settings.smtp_port)
    security = settings.smtp_security
    server = f"{host}:{port}"
    client: smtplib.SMTP | None = None
    try:
        if security == "ssl":
            context = context or ssl.create_default_context()
            client = smtplib.SMTP_SSL(host, port, timeout=timeout, context=context)
        else:
            client = smtplib.SMTP(host, port, timeout=timeout)
        client.ehlo()
        if security == "starttls":
            if not client.has_extn("starttls"):
                raise UserError(
                    _("The SMTP server {server} does not offer STARTTLS.").format(server=server)
                )
            client.starttls(context=context or ssl.create_default_context())
            client.ehlo()
        if settings.smtp_user:
            if not client.has_extn("auth"):
                raise UserError(
                    _(
                        "The SMTP server {server} does not accept a user name here; "
                        "check the security setting or leave the user name empty."
                    ).format(server=server)
                )
            _login(client, settings.smtp_user, password or "", server)
    except UserError:
        _close(client)
        raise
    except smtplib.SMTPAuthenticationError:
        _close(client)
        raise UserError(
            _("The SMTP server {server} refused the user name or the password.").format(
                server=server
            )
        ) from None
    except (smtplib.SMTPException, OSError) as exc:
        _close(client)
        reason = _network_reason(exc)
        if password and password in reason:
            reason = type(exc).__name__
        raise UserError(
            _("Cannot connect to the SMTP server {server}: {reason}").format(
                server=server, reason=reason
            )
        ) from None
    return client


def _login(client: smtplib.SMTP, user: str, password: str, server: str) -> None:
    """Logs in; with accented letters too, which smtplib alone cannot send.

    smtplib encodes credentials as ASCII; RFC 4616 PLAIN carries UTF-8, so a
    password such as "Été2027!" is sent that way by hand.
    """
    if user.isascii() and password.isascii():
        client.login(user, password)
        return
    if "PLAIN" not in client.esmtp_features.get("auth", "").upper().split():
        raise UserError(
            _(
                "The SMTP server {server} cannot take a user name or password with "
                "accented letters."
            ).format(server=server)
        )
    token = base64.b64encode(f"\0{user}\0{password}".encode()).decode("ascii")
    code, reply = client.docmd("AUTH", f"PLAIN {token}")
    if code == 334:  # the server wants the credentials on their own line
        code, reply = client.docmd(token)
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, reply)


def _close(client: object | None) -> None:
    if client is None:
        return
    with contextlib.suppress(Exception):
        client.quit()  # type: ignore[attr-defined]
    with contextlib.suppress(Exception):
        client.close()  # type: ignore[attr-defined]


def _check_settings(settings: Settings, password: str | None) -> None:
    if not settings.smtp_host.strip():
        raise UserError(_("No SMTP server is set; fill it in the Preferences."))
    if settings.smtp_security not in SECURITY:
        raise UserError(
            _("Unknown SMTP security “{value}”: use STARTTLS, SSL or none.").format(
                value=settings.smtp_security
            )
        )
    try:
        port = int(settings.smtp_port)
    except (TypeError, ValueError):
        port = 0
    if not 0 < port < 65536:
        raise UserError(
            _("The SMTP port must be a number from 1 to 65535, not “{value}”.").format(
                value=settings.smtp_port
            )
        )
    if (
        settings.smtp_security == "none"
        and settings.smtp_user
        and settings.smtp_local_relay_confirmed is not True
    ):
        # Never a password in clear by accident: the Preferences must say it is a local relay.
        raise UserError(
            _(
                "With the security “None”, the password of {user} would travel unencrypted "
                "to {host}; nothing was sent. In the Preferences, choose STARTTLS or SSL/TLS, "
                "or tick “{setting}” if {host} is a relay on this computer or a network "
                "you trust."
            ).format(user=settings.smtp_user, host=settings.smtp_host, setting=local_relay_label())
        )
    if settings.smtp_user and not password:
        raise UserError(
            _("Enter the SMTP password of {user} on {host}.").format(
                user=settings.smtp_user, host=settings.smtp_host
            )
        )


def local_relay_label() -> str:
    """The Preferences' check box that allows a login without encryption (named in refusals)."""
    return _("The server without encryption is a local relay I trust")


def _claim(catalogue: Catalogue, outbox_id: int) -> tuple[str, str] | None:
    """Takes the message for this sending: (envelope sender, text), or None if gone or taken.

    One compare-and-set UPDATE, so two windows sending at once never both get it.
    """
    with catalogue.session() as session:
        claimed = session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == outbox_id, _sendable())
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
            keys = [("outbox", row.id)]
        session.flush()
        return _item(row), Changes.of(updated=keys)


def _still_connected(client: SmtpClient) -> bool:
    # smtplib drops its socket after a 421 or a lost connection; a fake has none.
    return getattr(client, "sock", True) is not None


def check_smtp(
    settings: Settings, password: str | None, *, connect: Connect = smtp_connect
) -> None:
    """Connects, logs in and leaves: the Preferences' "test" button. Raises UserError."""
    _close(connect(settings, password))


def _lost(item: OutboxItem, exc: BaseException) -> str:
    """The connection went during a message: perhaps after the server took it, so in doubt."""
    log.warning("outbox %s unconfirmed: %s", item.id, type(exc).__name__)
    return _("The connection to the SMTP server was lost: {reason}").format(
        reason=_network_reason(exc)
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
    _check_settings(settings, password)
    client = connect(settings, password)
    sent, failed, stopped = 0, [], None
    changes = Changes()
    try:
        for done, item in enumerate(items, start=1):
            if cancelled is not None and cancelled():
                stopped = _("Sending was cancelled.")
                break
            if not _still_connected(client):
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
                reason = _reply(exc) if isinstance(exc, smtplib.SMTPException) else str(exc)
                record, change = _record(catalogue, item.id, _one_line(reason))
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
        _close(client)
    left = unconfirmed(catalogue, event_id)
    changes |= Changes.of(updated=[("outbox", item.id) for item in left])
    log.info("outbox: %d sent, %d failed, %d unconfirmed", sent, len(failed), len(left))
    return SendReport(sent, failed, left, stopped, changes)
