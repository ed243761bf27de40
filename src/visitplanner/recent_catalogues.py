"""The catalogues opened lately, files and team catalogues alike, kept in the settings.

A file is kept by its path; a team catalogue by the fields that find it again (host,
port, database, user, TLS mode, root certificate), never with its password, which stays
in the system keyring when the person asked to remember it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from visitplanner.settings import Settings

KEEP = 8
FILE = "file"
SERVER = "server"


@dataclass(frozen=True)
class RecentCatalogue:
    """One entry: ``path`` for a file, ``server`` (a ServerFields) for a team catalogue."""

    kind: str
    path: Path | None = None
    server: Any = None  # services.team.connection.ServerFields

    @property
    def label(self) -> str:
        return str(self.path) if self.kind == FILE else self.server.label

    def db_value(self) -> str:
        """What ``--db`` and ``open_catalogue`` take, without a password."""
        return str(self.path) if self.kind == FILE else self.server.db_value()


def _key(entry: dict[str, Any]) -> tuple:
    if entry.get("kind") == SERVER:
        return (SERVER, entry.get("host"), entry.get("port"), entry.get("database"))
    return (FILE, entry.get("path"))


def _remember(settings: Settings, entry: dict[str, Any]) -> None:
    kept = [e for e in settings.recent_catalogues if isinstance(e, dict)]
    kept = [e for e in kept if _key(e) != _key(entry)]
    settings.recent_catalogues = [entry, *kept][:KEEP]


def remember_file(settings: Settings, path: str | Path) -> None:
    _remember(settings, {"kind": FILE, "path": str(Path(path))})


def remember_server(settings: Settings, server: Any) -> None:
    """``server``: a ServerFields; its fields only (it holds no password)."""
    _remember(settings, {"kind": SERVER, **server.to_dict()})


def remember_url(settings: Settings, db: str) -> None:
    """A catalogue named as ``--db`` names it (a path or a URL)."""
    if "://" not in db:
        remember_file(settings, db)
    elif db.startswith("postgresql"):
        from visitplanner.services.team.connection import ServerFields

        remember_server(settings, ServerFields.from_url(db))


def recent(settings: Settings) -> list[RecentCatalogue]:
    """Newest first; entries a hand edit broke are left out."""
    found = []
    for entry in settings.recent_catalogues:
        if not isinstance(entry, dict):
            continue
        if entry.get("kind") == SERVER:
            from visitplanner.services.team.connection import ServerFields

            server = ServerFields.from_dict(entry)
            if server is not None:
                found.append(RecentCatalogue(SERVER, server=server))
        elif isinstance(entry.get("path"), str) and entry["path"]:
            found.append(RecentCatalogue(FILE, path=Path(entry["path"])))
    return found
