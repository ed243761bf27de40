"""The SMTP password, kept in the system keyring and nowhere else.

Not in the catalogue (it is shared and backed up), not in the settings file (it
is plain JSON that people copy between machines), not in the logs. The keyring
(GNOME Keyring, KWallet, KeePassXC, macOS Keychain, Windows Credential Locker)
is reached through the ``keyring`` library, imported only when a password is
needed, so a machine without one still runs everything else.

Every keyring failure becomes a :class:`UserError` that says what to do: a
headless or minimal Linux desktop often has no keyring service at all, and the
library's own message ("No recommended backend was available…") means nothing
to a coordinator. The password never appears in a message or a log line.
"""

from __future__ import annotations

import logging
from typing import Any

from visitplanner.domain.errors import UserError
from visitplanner.i18n import _

SERVICE = "visitplanner-smtp"

log = logging.getLogger(__name__)


class KeyringUnavailableError(UserError):
    """No keyring can keep the password here: the window asks for it at each sending."""


def _account(host: str, user: str) -> str:
    """One keyring entry per server and user: several accounts may share a keyring."""
    return f"{user.strip()}@{host.strip().lower()}"


def _keyring() -> Any:
    try:
        import keyring
    except ImportError:  # pragma: no cover - a dependency, but packagers may drop it
        raise KeyringUnavailableError(_unavailable_message()) from None
    return keyring


def _unavailable_message() -> str:
    return _(
        "No system keyring is available to keep the SMTP password; enter it each time "
        "you send, or install a keyring service (GNOME Keyring, KWallet, KeePassXC)."
    )


def _failure(exc: BaseException, action: str, secret: str | None = None) -> UserError:
    """The user's version of a keyring error; logged by type only, never with values."""
    log.warning("keyring %s failed: %s", action, type(exc).__name__)
    from keyring.errors import InitError, NoKeyringError

    if isinstance(exc, NoKeyringError | InitError):
        return KeyringUnavailableError(_unavailable_message())
    reason = " ".join(str(exc).split())[:200] or type(exc).__name__
    if secret and secret in reason:
        reason = type(exc).__name__
    message = {
        "read": _("The system keyring did not give the SMTP password: {reason}"),
        "save": _("The system keyring did not save the SMTP password: {reason}"),
        "delete": _("The system keyring did not delete the SMTP password: {reason}"),
    }[action]
    return UserError(message.format(reason=reason))


def get_smtp_password(host: str, user: str) -> str | None:
    """The saved password for ``user`` on ``host``; None if none was saved."""
    keyring = _keyring()
    try:
        return keyring.get_password(SERVICE, _account(host, user))
    except Exception as exc:
        raise _failure(exc, "read") from None


def set_smtp_password(host: str, user: str, password: str) -> None:
    """Saves (or replaces) the password; an empty one removes the entry instead."""
    if not password:
        delete_smtp_password(host, user)
        return
    keyring = _keyring()
    try:
        keyring.set_password(SERVICE, _account(host, user), password)
    except Exception as exc:
        raise _failure(exc, "save", password) from None


def delete_smtp_password(host: str, user: str) -> None:
    """Forgets the password; nothing happens if none was saved."""
    keyring = _keyring()
    from keyring.errors import PasswordDeleteError

    try:
        keyring.delete_password(SERVICE, _account(host, user))
    except PasswordDeleteError:
        return
    except Exception as exc:
        raise _failure(exc, "delete") from None
