"""Consistent copies of the catalogue, safe while the window has it open."""

from __future__ import annotations

from pathlib import Path

from visitplanner.domain.errors import UserError
from visitplanner.i18n import _
from visitplanner.store import sqlite as sqlite_store
from visitplanner.store.database import Catalogue
from visitplanner.store.types import utcnow


def default_backup_path(catalogue: Catalogue) -> Path:
    path = catalogue.path
    assert path is not None
    stamp = utcnow().strftime("%Y%m%d-%H%M%S")
    return path.parent / "backups" / f"{path.stem}-{stamp}{path.suffix}"


def backup(catalogue: Catalogue, out: str | Path | None = None) -> Path:
    """Writes a complete copy of a SQLite catalogue and returns where."""
    if catalogue.path is None:
        raise UserError(
            _(
                "Only a catalogue file can be backed up here; "
                "back up a database server with its own tools (pg_dump)."
            )
        )
    target = Path(out).expanduser().resolve() if out else default_backup_path(catalogue)
    if target == catalogue.path.resolve():
        raise UserError(_("The backup cannot overwrite the catalogue itself."))
    if target.is_dir():
        raise UserError(_("{path} is a folder; give a file name.").format(path=target))
    try:
        sqlite_store.online_backup(catalogue.path, target)
    except OSError as exc:
        raise UserError(
            _("Cannot write the backup {path}: {reason}.").format(
                path=target, reason=exc.strerror or exc
            )
        ) from None
    return target
