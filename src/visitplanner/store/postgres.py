"""What only a catalogue on a PostgreSQL server needs: its password, its time-outs, and
libpq's failures in words a coordinator can act on.

The password is looked for as libpq does, with the system keyring in between: the URL's
own, else ``PGPASSWORD``, else the entry the window saved in the keyring ("Remember"),
else libpq reads ``~/.pgpass`` itself. The password is handed to the driver at connect
time, so it never sits in the URL that messages and logs show.
"""

from __future__ import annotations

import logging
import os
import re
from typing import Any

from sqlalchemy.engine import URL

from visitplanner.i18n import _

# Not SMTP's entry (services/invitations/smtp_password.py): another secret, another account.
KEYRING_SERVICE = "visitplanner-postgresql"
PORT = 5432
# Seconds libpq waits for a server before giving up: an unreachable host never hangs
# the window or a command for minutes.
CONNECT_TIMEOUT = 10

log = logging.getLogger(__name__)


def keyring_account(host: str, port: int | None, database: str, user: str) -> str:
    """One keyring entry per user, server and database: ``user@host:port/database``."""
    return f"{user.strip()}@{host.strip().lower()}:{port or PORT}/{database.strip()}"


def url_account(url: URL) -> str | None:
    """The keyring account of a server URL; None when it names no user or database."""
    host = url.host or str(url.query.get("host") or "")
    if not (url.username and url.database and host):
        return None
    return keyring_account(host, url.port, url.database, url.username)


def _keyring() -> Any | None:
    try:
        import keyring
    except ImportError:  # pragma: no cover - a dependency, but packagers may drop it
        return None
    return keyring


def saved_password(url: URL) -> str | None:
    """The password the window saved for this server URL; None if none (or no keyring)."""
    account = url_account(url)
    keyring = _keyring()
    if account is None or keyring is None:
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, account)
    except Exception as exc:  # no keyring service on this desktop: libpq's own ways remain
        log.info("no password from the keyring (%s)", type(exc).__name__)
        return None


def save_password(url: URL, password: str) -> None:
    """Keeps ``password`` for this server URL in the keyring; raises what keyring raises."""
    account = url_account(url)
    keyring = _keyring()
    if account is None or keyring is None:
        raise RuntimeError("keyring unavailable")
    keyring.set_password(KEYRING_SERVICE, account, password)


def forget_password(url: URL) -> None:
    """Removes a saved password; nothing happens when none was saved."""
    account = url_account(url)
    keyring = _keyring()
    if account is None or keyring is None:
        return
    try:
        keyring.delete_password(KEYRING_SERVICE, account)
    except Exception as exc:
        log.info("keyring entry not removed (%s)", type(exc).__name__)


def engine_options(url: URL) -> dict[str, Any]:
    """``create_engine`` arguments for a server URL: time-out, name, and a saved password."""
    connect_args: dict[str, Any] = {"application_name": "Visit Planner"}
    if "connect_timeout" not in url.query and not os.environ.get("PGCONNECT_TIMEOUT"):
        connect_args["connect_timeout"] = CONNECT_TIMEOUT
    if url.password is None and not os.environ.get("PGPASSWORD"):
        password = saved_password(url)
        if password:
            connect_args["password"] = password
    return {"connect_args": connect_args, "pool_pre_ping": True}


def without_password(db: str | None) -> str | None:
    """A ``--db`` value as messages and logs may show it: a URL's password as ``***``."""
    if not db or "://" not in db:
        return db
    try:
        from sqlalchemy.engine import make_url

        return make_url(db).render_as_string(hide_password=True)
    except Exception:
        return db.split("://", 1)[0] + "://…"


def masked(text: str, *secrets: str | None) -> str:
    """``text`` with every given secret replaced by ``***``."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text


# --- libpq's failures in words ----------------------------------------------------------


def _libpq_text(exc: BaseException) -> str:
    return str(getattr(exc, "orig", None) or exc)


def _quoted(pattern: str, text: str) -> str:
    found = re.search(pattern, text)
    return found.group(1) if found else ""


def explain(exc: BaseException, url: URL) -> str:
    """One plain sentence for a failure to reach or use the server ``url`` names.

    libpq's texts are English and technical ("fe_sendauth: no password supplied");
    each kind a coordinator meets gets its own sentence, with what to do. Anything else
    keeps libpq's first line, without the password.
    """
    text = _libpq_text(exc)
    low = text.lower()
    host = url.host or str(url.query.get("host") or "localhost")
    port = url.port or PORT
    user = url.username or ""
    database = url.database or ""
    where = f"{host}:{port}"
    if isinstance(exc, ImportError) or "no module named 'psycopg" in low:
        return _(
            "Team catalogues need the PostgreSQL driver: install it with "
            "“pip install 'visitplanner[team]'”."
        )
    if "root certificate file" in low and "does not exist" in low:
        return _(
            "The server's certificate cannot be checked: no root certificate was given. "
            "Choose the root certificate file your administrator gave you, or a TLS mode "
            "that does not check the certificate."
        )
    if "does not match host name" in low:
        return _(
            "The server's certificate is made out to “{name}”, not to “{host}”: connect "
            "with the name the certificate gives, or ask your administrator. This check "
            "keeps you from talking to an impostor server."
        ).format(name=_quoted(r'certificate for "([^"]*)"', text), host=host)
    if "certificate verify failed" in low or "self-signed certificate" in low:
        return _(
            "The server's certificate was not signed by the root certificate given: check "
            "that you chose the file your administrator gave you for this server."
        )
    if "could not read root certificate" in low or "could not load root certificate" in low:
        return _(
            "The root certificate file cannot be read: choose the certificate file "
            "(PEM, usually ending in .crt or .pem) your administrator gave you."
        )
    if "does not support ssl" in low or "ssl is not enabled" in low:
        return _(
            "The server at {where} does not offer encrypted (TLS) connections, and the TLS "
            "mode chosen requires one: ask your administrator to enable TLS."
        ).format(where=where)
    if (
        "could not translate host name" in low
        or "failed to resolve host" in low
        or "name or service not known" in low
        or "nodename nor servname" in low
    ):
        return _(
            "The server name “{host}” is unknown: check its spelling and that this "
            "computer is connected to the network (or to the VPN it needs)."
        ).format(host=host)
    if "connection refused" in low:
        return _(
            "Nothing answered at {where}: the server is stopped, the port is wrong, or a "
            "firewall blocks the connection. Check the host and port, or ask your "
            "administrator."
        ).format(where=where)
    if "timeout expired" in low or "timed out" in low:
        return _(
            "The server at {where} did not answer in time: check the network, the VPN "
            "or the firewall, then try again."
        ).format(where=where)
    if "no password supplied" in low:
        return _("The server asks for a password for “{user}”: enter it.").format(user=user)
    if "password authentication failed" in low or "authentication failed" in low:
        return _(
            "The server refused the user name “{user}” or its password: check both "
            "(the password is case-sensitive)."
        ).format(user=user)
    if "role" in low and "does not exist" in low:
        return _("The server has no user named “{user}”: check the user name.").format(user=user)
    if "database" in low and "does not exist" in low:
        return _(
            "The server has no database named “{database}”: check its name, or ask your "
            "administrator to create it."
        ).format(database=database)
    if "no pg_hba.conf entry" in low:
        return _(
            "The server does not accept “{user}” on “{database}” from this computer "
            "(or without encryption): ask your administrator to allow it."
        ).format(user=user, database=database)
    if "permission denied" in low:
        return _(
            "The user “{user}” may not create or change the catalogue's tables in "
            "“{database}”: ask your administrator for those rights."
        ).format(user=user, database=database)
    if "too many clients" in low or "connection slots" in low:
        return _("The server has no free connection left: try again in a moment.")
    if "starting up" in low or "shutting down" in low:
        return _("The server is starting or stopping: try again in a moment.")
    first = next((line.strip() for line in text.splitlines() if line.strip()), text)
    return _("The server at {where} could not be used: {reason}").format(
        where=where, reason=masked(first, url.password)
    )
