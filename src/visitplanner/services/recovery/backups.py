"""Consistent copies of the catalogue, safe while the window has it open.

Four kinds of copies exist, told apart by their names (see docs/startup-and-backups.md):

- manual: ``backups/<stem>-YYYYMMDD-HHMMSS<suffix>`` (``visitplanner backup``);
- automatic: ``backups/<stem>-auto-YYYYMMDD<suffix>``, one a day, the newest N kept;
- before an upgrade: ``<stem>.before-upgrade-<revision>-<stamp><suffix>`` beside the file;
- before a restore: ``<stem>.before-restore-<stamp><suffix>`` beside the file.

Only automatic copies are ever deleted, and only by the rotation: the others were
asked for, or are the way back from an upgrade or a restore.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from visitplanner.atomic_files import atomic_path, copy_file_atomic
from visitplanner.domain.errors import UserError
from visitplanner.i18n import _
from visitplanner.store import sqlite as sqlite_store
from visitplanner.store.database import Catalogue

BACKUP_FOLDER = "backups"
AUTO = "auto"
MANUAL = "manual"
BEFORE_UPGRADE = "before-upgrade"
BEFORE_RESTORE = "before-restore"


@dataclass(frozen=True)
class BackupInfo:
    """One copy of a catalogue, as listed for the user to choose from."""

    path: Path
    taken_at: datetime  # aware, UTC
    size: int  # bytes
    kind: str  # AUTO, MANUAL, BEFORE_UPGRADE or BEFORE_RESTORE


def backup_folder(catalogue_path: Path, folder: str | Path | None = None) -> Path:
    """Where manual and automatic copies go: ``folder``, else ``backups/`` beside the file."""
    if folder:
        return Path(folder).expanduser()
    return catalogue_path.parent / BACKUP_FOLDER


def default_backup_path(catalogue: Catalogue) -> Path:
    path = catalogue.path
    assert path is not None
    return path.parent / BACKUP_FOLDER / f"{path.stem}-{sqlite_store.stamp()}{path.suffix}"


def auto_backup_path(catalogue_path: Path, day: date, folder: str | Path | None = None) -> Path:
    name = f"{catalogue_path.stem}-auto-{day:%Y%m%d}{catalogue_path.suffix}"
    return backup_folder(catalogue_path, folder) / name


def _require_file(catalogue: Catalogue) -> Path:
    if catalogue.path is None:
        raise UserError(
            _(
                "Only a catalogue file can be backed up here; "
                "back up a database server with its own tools (pg_dump)."
            )
        )
    return catalogue.path


def backup(catalogue: Catalogue, out: str | Path | None = None) -> Path:
    """Writes a complete copy of a SQLite catalogue and returns where."""
    path = _require_file(catalogue)
    target = Path(out).expanduser().resolve() if out else default_backup_path(catalogue)
    if target == path.resolve():
        raise UserError(_("The backup cannot overwrite the catalogue itself."))
    if target.is_dir():
        raise UserError(_("{path} is a folder; give a file name.").format(path=target))
    from visitplanner.store.lock import CatalogueLock

    # A copy written over another catalogue a window has open would pull its file from
    # under it (its next saves would go into a deleted file): its lock says so, and
    # holding that lock while writing keeps anyone from opening it meanwhile.
    with CatalogueLock(target, "backup"):
        _write_copy(path, target)
    return target


def _write_copy(source: Path, target: Path) -> None:
    try:
        sqlite_store.online_backup(source, target)
    except OSError as exc:
        raise UserError(
            _("Cannot write the backup {path}: {reason}.").format(
                path=target, reason=exc.strerror or exc
            )
        ) from None


# --- listing ----------------------------------------------------------------------------


def _patterns(stem: str, suffix: str) -> list[tuple[str, re.Pattern[str]]]:
    s, x = re.escape(stem), re.escape(suffix)
    return [
        (AUTO, re.compile(rf"^{s}-auto-(?P<day>\d{{8}}){x}$")),
        (MANUAL, re.compile(rf"^{s}-(?P<stamp>\d{{8}}-\d{{6}}){x}$")),
        (BEFORE_UPGRADE, re.compile(rf"^{s}\.before-upgrade-.+-(?P<stamp>\d{{8}}-\d{{6}}){x}$")),
        (BEFORE_RESTORE, re.compile(rf"^{s}\.before-restore-(?P<stamp>\d{{8}}-\d{{6}}){x}$")),
    ]


def _info(path: Path, kind: str, match: re.Match[str]) -> BackupInfo | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    stamp = match.groupdict().get("stamp")
    if stamp:
        taken_at = datetime.strptime(stamp, sqlite_store.STAMP_FORMAT).replace(tzinfo=UTC)
    else:
        # An automatic copy is named by its day; the file's time says when in that day.
        taken_at = datetime.fromtimestamp(stat.st_mtime, tz=UTC)
    return BackupInfo(path=path, taken_at=taken_at, size=stat.st_size, kind=kind)


def list_backups(catalogue_path: Path, folder: str | Path | None = None) -> list[BackupInfo]:
    """Every copy of this catalogue Visit Planner made, newest first."""
    patterns = _patterns(catalogue_path.stem, catalogue_path.suffix)
    places = [
        (backup_folder(catalogue_path, folder), (AUTO, MANUAL)),
        (catalogue_path.parent, (BEFORE_UPGRADE, BEFORE_RESTORE)),
    ]
    found: dict[Path, BackupInfo] = {}
    for place, kinds in places:
        try:
            entries = list(place.iterdir())
        except OSError:
            continue
        for entry in entries:
            for kind, pattern in patterns:
                match = pattern.match(entry.name) if kind in kinds else None
                if match and entry.is_file():
                    info = _info(entry, kind, match)
                    if info is not None:
                        found[entry] = info
                    break
    return sorted(found.values(), key=lambda b: (b.taken_at, b.path.name), reverse=True)


# --- automatic daily copies -------------------------------------------------------------


def _auto_day(info: BackupInfo) -> str:
    return info.path.name.rsplit("-auto-", 1)[1][:8]


def daily_backup(
    catalogue: Catalogue,
    keep: int,
    today: date | None = None,
    folder: str | Path | None = None,
) -> Path | None:
    """Writes today's automatic copy if there is none yet, then keeps only the newest ``keep``.

    Returns the copy written, or None when nothing was written (already done today,
    turned off with ``keep`` 0, a server or read-only catalogue). Runs at start-up
    off the GUI thread, so a coordinator who forgets backups still has last week's.
    """
    path = catalogue.path
    if keep <= 0 or path is None or catalogue.read_only:
        return None
    today = today or date.today()
    target = auto_backup_path(path, today, folder)
    written: Path | None = None
    if not target.exists():
        _write_copy(path, target)
        written = target
    autos = [b for b in list_backups(path, folder) if b.kind == AUTO]
    autos.sort(key=_auto_day, reverse=True)
    for old in autos[keep:]:
        # One copy too many is never worth failing the start-up for.
        with contextlib.suppress(OSError):
            old.path.unlink()
    return written


# --- restoring --------------------------------------------------------------------------


def _check_backup(backup_path: Path) -> None:
    from visitplanner.store.revision_ids import KNOWN_REVISIONS

    label = str(backup_path)
    if not backup_path.is_file():
        raise UserError(_("The backup {path} no longer exists.").format(path=label))
    try:
        ok = sqlite_store.looks_like_sqlite(backup_path) and backup_path.stat().st_size > 0
        revision, _has_tables = sqlite_store.read_revision(backup_path) if ok else (None, False)
    except OSError:
        ok, revision = False, None
    if not ok or revision is None:
        raise UserError(_("{path} is not a Visit Planner catalogue.").format(path=label))
    if revision not in KNOWN_REVISIONS:
        raise UserError(
            _(
                "{path} was written by a newer version of Visit Planner; "
                "update the application to open it."
            ).format(path=label)
        )


def restore_backup(catalogue_path: Path, backup_path: Path) -> Path | None:
    """Replaces the catalogue file with a backup; returns where the replaced file was kept.

    The catalogue must be closed first. The current file is copied aside
    (``<stem>.before-restore-<stamp>``) so a restore can itself be undone; the backup
    is copied to a temporary file in the same folder and renamed over the catalogue,
    so a crash leaves either the old or the new file, never half of one. Returns
    None when there was no current file to keep.
    """
    _check_backup(backup_path)
    if backup_path.resolve() == catalogue_path.resolve():
        raise UserError(_("This backup is the catalogue itself."))
    aside: Path | None = None
    if catalogue_path.exists():
        aside = sqlite_store.copy_beside(catalogue_path, BEFORE_RESTORE)
        try:
            _keep_aside(catalogue_path, aside)
        except OSError as exc:
            raise UserError(
                _(
                    "The current catalogue could not be kept aside ({reason}); "
                    "nothing was restored."
                ).format(reason=exc.strerror or exc)
            ) from None
    try:
        _copy_over(backup_path, catalogue_path)
    except OSError as exc:
        raise UserError(
            _("The backup could not be restored: {reason}.").format(reason=exc.strerror or exc)
        ) from None
    return aside


def _copy_over(backup_path: Path, catalogue_path: Path) -> None:
    """Writes the backup's content in place of the catalogue's, all of it or nothing.

    A catalogue SQLite can open is overwritten through SQLite's backup API, in one
    transaction of its own journal: nothing opens the file outside SQLite, and a
    crash leaves the old content or the new one. A file that is no database (the
    start-up dialog restores over one) is replaced whole, under a temporary name.
    """
    if catalogue_path.exists() and catalogue_path.stat().st_size:
        try:
            if sqlite_store.looks_like_sqlite(catalogue_path):
                sqlite_store.restore_into(backup_path, catalogue_path)
                return
        except OSError:
            pass  # damaged beyond what SQLite can write: replaced whole below
    with atomic_path(catalogue_path, private=True) as temporary:
        sqlite_store.copy_database(backup_path, temporary)
        # An old write-ahead log belongs to the replaced content: replayed into the
        # restored file it would corrupt it. Its data is in the copy kept aside.
        sqlite_store.remove_journal_files(catalogue_path)


def _keep_aside(source: Path, target: Path) -> None:
    """A consistent copy when the file is a database (its WAL included), else the bytes."""
    if sqlite_store.looks_like_sqlite(source) and source.stat().st_size:
        try:
            sqlite_store.online_backup(source, target)
            return
        except OSError:
            pass  # damaged: keep its bytes as they are
    # Not a database SQLite can read, so no connection of ours has it open: its bytes.
    copy_file_atomic(source, target, private=True)
    wal = source.with_name(source.name + "-wal")
    if wal.exists():
        copy_file_atomic(wal, target.with_name(target.name + "-wal"), private=True)
