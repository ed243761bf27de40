"""Reaching a team catalogue on a PostgreSQL server: the fields a person fills in, the URL
they make, a connection test that answers in plain words, and the password's keyring entry.

The password never goes to the settings: the recent catalogues keep host, port,
database, user and TLS choices (:meth:`ServerFields.to_dict`), the password stays in
the system keyring when the person ticks "Remember", else only in memory while the
catalogue is open.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, fields
from typing import Any

from sqlalchemy.engine import URL, make_url

from visitplanner.domain.errors import UserError
from visitplanner.i18n import _
from visitplanner.store import postgres

DRIVER = "postgresql+psycopg"
# libpq's modes, from the least to the most careful; verify-full is the one to suggest.
TLS_MODES = ("disable", "prefer", "require", "verify-ca", "verify-full")
SUGGESTED_TLS_MODE = "verify-full"
TEST_TIMEOUT = 8  # seconds: a test that hangs longer tells nothing more

# What the server's database holds, as the connection test found it.
EMPTY = "empty"  # no table yet: connecting creates the catalogue
CURRENT = "current"  # a catalogue of this version
OLDER = "older"  # a catalogue connecting upgrades
NEWER = "newer"  # written by a newer Visit Planner: refused
FOREIGN = "foreign"  # tables of another application: refused

log = logging.getLogger(__name__)


def tls_mode_help(mode: str) -> str:
    """One sentence on what a TLS mode protects against, for the dialog."""
    return {
        "disable": _("No encryption: passwords and data cross the network readable."),
        "prefer": _(
            "Encrypted if the server offers it, without checking who the server is; "
            "unencrypted otherwise."
        ),
        "require": _("Always encrypted, but the server's identity is not checked."),
        "verify-ca": _(
            "Encrypted, and the server's certificate must be signed by the root certificate "
            "given; its name is not checked."
        ),
        "verify-full": _(
            "Encrypted, and the server must prove it is the host named above with a "
            "certificate signed by the root certificate given. Recommended."
        ),
    }.get(mode, "")


@dataclass(frozen=True)
class ServerFields:
    """Where a team catalogue is: what the connection dialog asks and the settings keep."""

    host: str
    database: str
    user: str
    port: int = postgres.PORT
    sslmode: str = "prefer"
    sslrootcert: str = ""

    def url(self, password: str | None = None) -> URL:
        """The SQLAlchemy URL; a host that is a folder is a Unix socket, given as ``host=``."""
        query: dict[str, str] = {}
        host: str | None = self.host.strip()
        if host and host.startswith("/"):
            query["host"], host = host, None
            if self.port and self.port != postgres.PORT:  # the socket's name carries it
                query["port"] = str(self.port)
        if self.sslmode and self.sslmode != "prefer":
            query["sslmode"] = self.sslmode
        if self.sslrootcert:
            query["sslrootcert"] = self.sslrootcert
        return URL.create(
            DRIVER,
            username=self.user.strip() or None,
            password=password or None,
            host=host,
            port=None if query.get("host") else (self.port or postgres.PORT),
            database=self.database.strip() or None,
            query=query,
        )

    def db_value(self, password: str | None = None) -> str:
        """What ``open_catalogue`` and ``--db`` take (with the password only when given)."""
        return self.url(password).render_as_string(hide_password=False)

    @property
    def label(self) -> str:
        """“team on db.example.org”: how the window names the catalogue."""
        return _("“{database}” on {host}").format(database=self.database, host=self.host)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ServerFields | None:
        """From the settings; None for an entry a hand edit broke."""
        known = {f.name for f in fields(cls)}
        try:
            found = cls(**{k: v for k, v in data.items() if k in known})
            return found if found.host and found.database else None
        except (TypeError, ValueError):
            return None

    @classmethod
    def from_url(cls, url: URL | str) -> ServerFields:
        url = make_url(url) if isinstance(url, str) else url
        query = url.query
        return cls(
            host=url.host or str(query.get("host") or ""),
            database=url.database or "",
            user=url.username or "",
            port=url.port or int(str(query.get("port") or postgres.PORT)),
            sslmode=str(query.get("sslmode") or "prefer"),
            sslrootcert=str(query.get("sslrootcert") or ""),
        )


def missing_fields(server: ServerFields) -> list[str]:
    """The names of the fields still empty (host, database, user), translated."""
    missing = []
    if not server.host.strip():
        missing.append(_("Server"))
    if not server.database.strip():
        missing.append(_("Database"))
    if not server.user.strip():
        missing.append(_("User"))
    return missing


@dataclass(frozen=True)
class ConnectionReport:
    """The connection test's answer: ``message`` is what the dialog shows."""

    ok: bool
    message: str
    state: str = ""
    encrypted: bool = False
    server_version: str = ""


def check_connection(server: ServerFields, password: str | None) -> ConnectionReport:
    """Connects once (nothing is written) and says whether the catalogue can be opened."""
    from sqlalchemy import create_engine, inspect, text
    from sqlalchemy.exc import SQLAlchemyError
    from sqlalchemy.pool import NullPool

    missing = missing_fields(server)
    if missing:
        return ConnectionReport(False, _("Fill in: {fields}.").format(fields=", ".join(missing)))
    url = server.url(password)
    options = postgres.engine_options(url)
    options["connect_args"]["connect_timeout"] = TEST_TIMEOUT
    options.pop("pool_pre_ping", None)
    engine = create_engine(url, poolclass=NullPool, **options)
    try:
        with engine.connect() as conn:
            version = str(conn.execute(text("SHOW server_version")).scalar() or "")
            encrypted = bool(
                conn.execute(
                    text("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
                ).scalar()
            )
            tables = set(inspect(conn).get_table_names())
            revision = None
            if "alembic_version" in tables:
                revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            may_create = bool(
                conn.execute(
                    text("SELECT has_schema_privilege(current_user, 'public', 'CREATE')")
                ).scalar()
            )
    except (SQLAlchemyError, OSError) as exc:
        log.info("connection test to %s failed: %s", url, type(exc).__name__)
        return ConnectionReport(False, postgres.explain(exc, url))
    finally:
        engine.dispose()
    return _report(server, version, encrypted, tables, revision, may_create)


def _report(
    server: ServerFields,
    version: str,
    encrypted: bool,
    tables: set[str],
    revision: str | None,
    may_create: bool,
) -> ConnectionReport:
    from visitplanner.store.revision_ids import HEAD_REVISION, KNOWN_REVISIONS

    short = version.split()[0] if version else "?"
    link = (
        _("Connected to PostgreSQL {version}, encrypted.")
        if encrypted
        else _("Connected to PostgreSQL {version}, not encrypted.")
    ).format(version=short)
    if "alembic_version" not in tables and tables:
        return ConnectionReport(
            False,
            link
            + " "
            + _(
                "The database “{database}” holds another application's tables: choose a "
                "database of its own for the catalogue."
            ).format(database=server.database),
            FOREIGN,
            encrypted,
            version,
        )
    if not tables:
        if not may_create:
            return ConnectionReport(
                False,
                link
                + " "
                + _(
                    "The database “{database}” is empty, and “{user}” may not create the "
                    "catalogue's tables in it: ask your administrator for that right."
                ).format(database=server.database, user=server.user),
                EMPTY,
                encrypted,
                version,
            )
        words, state = _("The database is empty: connecting creates the catalogue."), EMPTY
    elif revision not in KNOWN_REVISIONS:
        return ConnectionReport(
            False,
            link
            + " "
            + _(
                "This catalogue was written by a newer version of Visit Planner; "
                "update the application to open it."
            ),
            NEWER,
            encrypted,
            version,
        )
    elif revision != HEAD_REVISION:
        words, state = _("The catalogue is from an earlier version: connecting upgrades it."), OLDER
    else:
        words, state = _("The catalogue is ready to open."), CURRENT
    return ConnectionReport(True, f"{link} {words}", state, encrypted, version)


def remember_password(server: ServerFields, password: str) -> None:
    """Keeps the password in the system keyring; a keyring failure is a plain UserError."""
    try:
        postgres.save_password(server.url(), password)
    except Exception as exc:
        log.warning("keyring save failed: %s", type(exc).__name__)
        raise UserError(
            _(
                "The system keyring did not keep the password, so it will be asked again "
                "next time (install or unlock a keyring service such as GNOME Keyring, "
                "KWallet or KeePassXC)."
            )
        ) from None


def forget_password(server: ServerFields) -> None:
    postgres.forget_password(server.url())


def saved_password(server: ServerFields) -> str | None:
    return postgres.saved_password(server.url())
