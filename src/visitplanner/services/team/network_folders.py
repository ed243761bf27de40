"""Is a SQLite catalogue in a synced or network folder? There its file gets corrupted.

SQLite's locks do not cross a network file system reliably (NFS, SMB), and sync clients
(Nextcloud, Dropbox, OneDrive…) copy the file and its ``-wal`` separately, at moments of
their choosing, and may bring back an old copy over a new one (SQLite, "How To Corrupt
An SQLite Database File" §2.1 and §1.4). A team that wants one catalogue for several
people needs team mode (a PostgreSQL server), not a shared folder.

:func:`risky_place` only looks: folder names, marker files left by sync clients, the
file system type (``/proc/self/mountinfo`` on Linux, the drive type on Windows). It
opens nothing of the catalogue. macOS's file system type is not asked (its ``statfs``
needs a structure per architecture); its cloud folders are found by name.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path, PurePath

from visitplanner.i18n import N_, _

log = logging.getLogger(__name__)

MOUNTINFO = Path("/proc/self/mountinfo")

# Folder names sync clients create (compared without case); "Dropbox (Perso)",
# "OneDrive - Contoso" and "GoogleDrive-ana@example.org" start with one of them.
SYNC_FOLDERS = {
    "nextcloud": "Nextcloud",
    "owncloud": "ownCloud",
    "dropbox": "Dropbox",
    "onedrive": "OneDrive",
    "google drive": "Google Drive",
    "googledrive": "Google Drive",
    "my drive": "Google Drive",
    "mon drive": "Google Drive",
    "icloud drive": "iCloud Drive",
    "iclouddrive": "iCloud Drive",
    "mobile documents": "iCloud Drive",
    "com~apple~clouddocs": "iCloud Drive",
    "seafile": "Seafile",
    "pcloud drive": "pCloud",
    "pclouddrive": "pCloud",
    "box sync": "Box",
    "cloudstorage": N_("a cloud storage service"),
}
# What a sync client leaves at the root of what it syncs. Not Dropbox's ``.dropbox``: a
# folder of that name is also its settings folder in the home folder.
SYNC_MARKERS = {
    ".stfolder": "Syncthing",
    ".dropbox.cache": "Dropbox",
    ".seafile-data": "Seafile",
}
# Nextcloud's and ownCloud's clients keep their journal as ``.sync_*.db`` / ``._sync_*.db``.
SYNC_JOURNAL_PREFIXES = (".sync_", "._sync_", ".owncloudsync.log")

# File system types of network shares (mountinfo's names).
NETWORK_TYPES = {
    "nfs": "NFS",
    "nfs4": "NFS",
    "cifs": "SMB",
    "smb3": "SMB",
    "smbfs": "SMB",
    "fuse.sshfs": "SSHFS",
    "9p": "9P",
    "afs": "AFS",
    "ceph": "Ceph",
    "fuse.ceph": "Ceph",
    "glusterfs": "GlusterFS",
    "fuse.glusterfs": "GlusterFS",
    "davfs": "WebDAV",
    "fuse.davfs2": "WebDAV",
    "fuse.rclone": "rclone",
    "fuse.s3fs": "S3",
    "fuse.gvfsd-fuse": N_("a desktop network mount (GVFS)"),
    "fuse.pcloudfs": "pCloud",
    "lustre": "Lustre",
    "ncpfs": "NetWare",
    "virtiofs": N_("a folder shared by the host machine"),
    "vboxsf": N_("a folder shared by the host machine"),
}

SYNC = "sync"
NETWORK = "network"


@dataclass(frozen=True)
class RiskyPlace:
    """Why the catalogue's folder is risky: ``kind`` SYNC or NETWORK, and by whom/what."""

    kind: str
    name: str  # "Dropbox", "NFS"…
    folder: str  # the synced folder or the mount point


def risky_place(
    path: str | os.PathLike[str],
    *,
    mountinfo: Path | None = MOUNTINFO,
    platform: str | None = None,
) -> RiskyPlace | None:
    """The synced or network folder ``path`` is in, or None when it is a local disk."""
    platform = platform or sys.platform
    pure = PurePath(path)
    if platform == "win32" and str(pure).startswith(("\\\\", "//")):
        return RiskyPlace(NETWORK, _("a network share"), str(pure))
    found = _by_name(pure) or _by_marker(Path(path))
    if found is not None:
        return found
    if platform.startswith("linux") and mountinfo is not None:
        return _by_mount(Path(path), mountinfo)
    if platform == "win32":
        return _windows_drive(pure)
    return None


def _by_name(path: PurePath) -> RiskyPlace | None:
    parts = path.parts[:-1]  # the folders, not the file's own name
    found: RiskyPlace | None = None
    for index, part in enumerate(parts):
        low = part.lower()
        for key, name in SYNC_FOLDERS.items():
            if low == key or low.startswith((key + " ", key + "-", key + "(")):
                found = RiskyPlace(SYNC, _(name), str(PurePath(*parts[: index + 1])))
                # macOS's CloudStorage holds one folder per service: name the service.
                if key != "cloudstorage":
                    return found
    return found


def _by_marker(path: Path) -> RiskyPlace | None:
    for folder in [path.parent, *path.parent.parents]:
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            if name in SYNC_MARKERS:
                return RiskyPlace(SYNC, SYNC_MARKERS[name], str(folder))
            if name.startswith(SYNC_JOURNAL_PREFIXES) and name.endswith((".db", ".log")):
                return RiskyPlace(SYNC, "Nextcloud / ownCloud", str(folder))
    return None


def _unescape(field: str) -> str:
    """mountinfo writes a space as ``\\040`` (and tab, newline, backslash likewise)."""
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def read_mounts(mountinfo: Path) -> list[tuple[str, str]]:
    """``(mount point, file system type)`` of every line of a mountinfo file."""
    mounts = []
    try:
        lines = mountinfo.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    for line in lines:
        before, sep, after = line.partition(" - ")
        fields, rest = before.split(), after.split()
        if sep and len(fields) >= 5 and rest:
            mounts.append((_unescape(fields[4]), rest[0]))
    return mounts


def _by_mount(path: Path, mountinfo: Path) -> RiskyPlace | None:
    try:
        target = path.parent.resolve()
    except OSError:
        target = path.parent
    best: tuple[str, str] | None = None
    for point, kind in read_mounts(mountinfo):
        inside = target == Path(point) or Path(point) in target.parents
        if inside and (best is None or len(point) >= len(best[0])):
            best = (point, kind)
    if best is None:
        return None
    point, kind = best
    if kind in NETWORK_TYPES:
        return RiskyPlace(NETWORK, _(NETWORK_TYPES[kind]), point)
    return None


def _windows_drive(path: PurePath) -> RiskyPlace | None:  # pragma: no cover - Windows only
    try:
        import ctypes

        drive_remote = 4
        root = path.anchor or str(path)
        if ctypes.windll.kernel32.GetDriveTypeW(root) == drive_remote:  # type: ignore[attr-defined]
            return RiskyPlace(NETWORK, _("a network drive"), root)
    except (AttributeError, OSError) as exc:
        log.info("drive type unknown: %s", exc)
    return None


def warning(place: RiskyPlace, path: str | os.PathLike[str] | None = None) -> str:
    """What the window (without ``path``: its title names the file) and the command line
    say about it."""
    if place.kind == SYNC:
        where = (
            _("{path} is in a folder synchronised by {name} ({folder}).")
            if path is not None
            else _("This catalogue is in a folder synchronised by {name} ({folder}).")
        )
    else:
        where = (
            _("{path} is on a network file system ({name}, mounted at {folder}).")
            if path is not None
            else _("This catalogue is on a network file system ({name}, mounted at {folder}).")
        )
    return (
        where.format(path=os.fspath(path or ""), name=place.name, folder=place.folder)
        + " "
        + _(
            "SQLite catalogues get corrupted there when two computers use them, or when "
            "the copy is synchronised while it is open. To share a catalogue, use team "
            "mode (File › Connect to a team catalogue…); keep this file on a local disk."
        )
    )
