"""The SMTP connection the outbox sends over: settings checked, TLS, login, one-line reasons.

Nothing here touches the catalogue; :mod:`visitplanner.services.invitations.outbox`
decides what is sent.
"""

from __future__ import annotations

import base64
import contextlib
import smtplib
import ssl
from collections.abc import Callable
from typing import Protocol

from visitplanner.domain.errors import UserError
from visitplanner.i18n import _
from visitplanner.settings import Settings

SECURITY = ("starttls", "ssl", "none")
TIMEOUT = 30.0


class SmtpClient(Protocol):
    """The part of :class:`smtplib.SMTP` the outbox uses (tests may hand a fake)."""

    def sendmail(self, from_addr: str, to_addrs: list[str], msg: bytes) -> object: ...

    def quit(self) -> object: ...


Connect = Callable[[Settings, str | None], SmtpClient]


def one_line(text: str, limit: int = 500) -> str:
    return " ".join(text.split())[:limit]


def server_reply(exc: smtplib.SMTPException) -> str:
    """The server's answer in one line: "550 5.1.1 No such user"."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        replies = [f"{code} {_decode(text)}" for code, text in exc.recipients.values()]
        return one_line("; ".join(replies) or str(exc))
    if isinstance(exc, smtplib.SMTPResponseException):
        return one_line(f"{exc.smtp_code} {_decode(exc.smtp_error)}")
    return one_line(str(exc) or type(exc).__name__)


def _decode(text: bytes | str) -> str:
    return text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)


def network_reason(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPException):
        return server_reply(exc)
    if isinstance(exc, OSError) and exc.strerror:
        return one_line(exc.strerror)
    return one_line(str(exc) or type(exc).__name__)


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
    check_settings(settings, password)
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
        close_client(client)
        raise
    except smtplib.SMTPAuthenticationError:
        close_client(client)
        raise UserError(
            _("The SMTP server {server} refused the user name or the password.").format(
                server=server
            )
        ) from None
    except (smtplib.SMTPException, OSError) as exc:
        close_client(client)
        reason = network_reason(exc)
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


def close_client(client: object | None) -> None:
    if client is None:
        return
    with contextlib.suppress(Exception):
        client.quit()  # type: ignore[attr-defined]
    with contextlib.suppress(Exception):
        client.close()  # type: ignore[attr-defined]


def check_settings(settings: Settings, password: str | None) -> None:
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


def still_connected(client: SmtpClient) -> bool:
    # smtplib drops its socket after a 421 or a lost connection; a fake has none.
    return getattr(client, "sock", True) is not None


def check_smtp(
    settings: Settings, password: str | None, *, connect: Connect = smtp_connect
) -> None:
    """Connects, logs in and leaves: the Preferences' "test" button. Raises UserError."""
    close_client(connect(settings, password))
