"""The shared story folder: one JSON file per entry revision, never edited once written.

Coordinators share the folder with whatever they already have (Syncthing, Nextcloud,
a network share, a USB key). Those tools copy whole files and fight over files that
two people change, so nobody ever changes a file here: each revision of an entry gets
its own file, named by the entry's UUID, its revision number and the catalogue that
wrote it, and appears under that name only once complete (temporary name, then
rename). See docs/shared-log.md for the layout and why.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

FORMAT = "visitplanner-log"
FORMAT_VERSION = 1
ENTRIES = "entries"
PHOTOS = "photos"
README = "LISEZ-MOI.txt"
# No revision is this big; a larger file is not ours (or not finished) and is not read.
MAX_FILE_SIZE = 1_000_000
KINDS = ("visit", "seminar", "milestone", "decision", "note")

_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_NAME = re.compile(rf"^(?P<entry>{_UUID})\.r(?P<revision>\d{{1,9}})\.(?P<origin>{_UUID})\.json$")
_PHOTO = re.compile(r"^[0-9a-f]{64}\.[a-z0-9]{1,5}$")


class StoryFileError(ValueError):
    """A file in the folder that cannot be read as a revision; ``kind`` says why."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(kind, detail)
        self.kind = kind  # corrupt, foreign, future, mismatch, too_big
        self.detail = detail


@dataclass(frozen=True)
class RevisionRecord:
    """One revision of one entry, exactly as it travels between catalogues."""

    entry: str
    revision: int
    origin: str
    saved_at: datetime
    date: date
    title: str
    kind: str
    text: str | None = None
    author: str | None = None
    deleted: bool = False
    dynamics: tuple[str, ...] = ()
    challenges: tuple[str, ...] = ()
    event_uid: str | None = None
    event_title: str | None = None
    from_debrief: bool = False
    photo: str | None = None  # file name in photos/: "<sha256>.<ext>"
    photo_caption: str | None = None
    parent: tuple[int, str] | None = None
    extra: dict[str, object] = field(default_factory=dict, compare=False)

    @property
    def file_name(self) -> str:
        return file_name(self.entry, self.revision, self.origin)

    @property
    def photo_sha256(self) -> str | None:
        return self.photo.split(".", 1)[0] if self.photo else None

    def sort_key(self) -> tuple[int, datetime, str]:
        """The newest revision wins: a later revision number, else the later save."""
        return (self.revision, self.saved_at, self.origin)

    def to_json(self) -> str:
        data: dict[str, object] = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "entry": self.entry,
            "revision": self.revision,
            "origin": self.origin,
            "parent": (
                {"revision": self.parent[0], "origin": self.parent[1]} if self.parent else None
            ),
            "saved_at": self.saved_at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
            "author": self.author,
            "deleted": self.deleted,
            "date": self.date.isoformat(),
            "kind": self.kind,
            "title": self.title,
            "text": self.text,
            "dynamics": list(self.dynamics),
            "challenges": list(self.challenges),
            "event": (
                {"uid": self.event_uid, "title": self.event_title} if self.event_uid else None
            ),
            "from_debrief": self.from_debrief,
            "photo": ({"file": self.photo, "caption": self.photo_caption} if self.photo else None),
        }
        # Fields a newer version added within the same format version survive a round trip.
        for key, value in self.extra.items():
            data.setdefault(key, value)
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"

    @classmethod
    def from_json(cls, raw: bytes) -> RevisionRecord:
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise StoryFileError("corrupt", str(exc)) from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise StoryFileError("foreign")
        version = data.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise StoryFileError("corrupt", "version")
        if version > FORMAT_VERSION:
            raise StoryFileError("future", str(version))
        try:
            return cls._from_dict(data)
        except (KeyError, TypeError, ValueError) as exc:
            raise StoryFileError("corrupt", str(exc)) from None

    @classmethod
    def _from_dict(cls, data: dict) -> RevisionRecord:
        entry = _uuid(data["entry"])
        origin = _uuid(data["origin"])
        revision = _int(data["revision"])
        saved_at = datetime.fromisoformat(_str(data["saved_at"]).replace("Z", "+00:00"))
        if saved_at.tzinfo is None:
            raise ValueError("saved_at has no offset")
        kind = _str(data["kind"])
        if kind not in KINDS:
            raise ValueError(f"kind {kind!r}")
        title = _str(data["title"]).strip()
        if not title or len(title) > 300:
            raise ValueError("title")
        parent = data.get("parent")
        event = data.get("event")
        photo = data.get("photo")
        photo_file = _str(photo["file"]) if photo else None
        if photo_file is not None and not _PHOTO.match(photo_file):
            raise ValueError("photo file name")
        known = {
            "format", "version", "entry", "revision", "origin", "parent", "saved_at",
            "author", "deleted", "date", "kind", "title", "text", "dynamics", "challenges",
            "event", "from_debrief", "photo",
        }  # fmt: skip
        return cls(
            entry=entry,
            revision=revision,
            origin=origin,
            saved_at=saved_at.astimezone(UTC),
            date=date.fromisoformat(_str(data["date"])),
            title=title,
            kind=kind,
            text=_opt_str(data.get("text")),
            author=_opt_str(data.get("author")),
            deleted=bool(data.get("deleted", False)),
            dynamics=tuple(_str(n) for n in data.get("dynamics") or ()),
            challenges=tuple(_str(c) for c in data.get("challenges") or ()),
            event_uid=_str(event["uid"]) if event else None,
            event_title=_opt_str(event.get("title")) if event else None,
            from_debrief=bool(data.get("from_debrief", False)),
            photo=photo_file,
            photo_caption=_opt_str(photo.get("caption")) if photo else None,
            parent=(_int(parent["revision"]), _uuid(parent["origin"])) if parent else None,
            extra={k: v for k, v in data.items() if k not in known},
        )


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {type(value).__name__}")
    return value


def _opt_str(value: object) -> str | None:
    return None if value is None else _str(value)


def _int(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValueError(f"expected a positive whole number, got {value!r}")
    return value


def _uuid(value: object) -> str:
    text = _str(value)
    if not re.fullmatch(_UUID, text):
        raise ValueError(f"not a UUID: {text!r}")
    return text


def file_name(entry: str, revision: int, origin: str) -> str:
    return f"{entry}.r{revision:04d}.{origin}.json"


def parse_name(name: str) -> tuple[str, int, str] | None:
    """(entry, revision, origin) for a well-named revision file, else None."""
    match = _NAME.match(name)
    if not match:
        return None
    return match["entry"], int(match["revision"]), match["origin"]


def in_progress(name: str) -> bool:
    """Files that sync tools (and we) are still writing: never read, never reported."""
    lowered = name.lower()
    return (
        name.startswith((".", "~"))
        or lowered.endswith((".tmp", ".part", ".partial", "~", ".crdownload"))
        or ".syncthing." in lowered
    )


@dataclass(frozen=True)
class FolderFile:
    folder: Path
    name: str
    size: int
    mtime_ns: int

    @property
    def path(self) -> Path:
        return self.folder / self.name


def list_revision_names(folder: Path) -> list[str]:
    """Names of the finished files of the entries folder; OSError if the folder is gone.

    Names only: deciding what is new needs nothing more, and a folder of 10,000
    entries is listed in milliseconds when nothing else is asked of each file.
    """
    entries = folder / ENTRIES
    if not entries.exists():
        if not folder.is_dir():
            raise FileNotFoundError(2, os.strerror(2), str(folder))
        return []
    return finished_names(entries)


def finished_names(folder: Path) -> list[str]:
    """Names of the files in ``folder`` that another catalogue has finished writing."""
    with os.scandir(folder) as it:
        return [item.name for item in it if not in_progress(item.name) and _is_file(item)]


def _is_file(item: os.DirEntry[str]) -> bool:
    try:
        return item.is_file()
    except OSError:
        return False


def folder_file(folder: Path, name: str) -> FolderFile:
    """The file ``name`` of the entries folder with its size and time (to remember it by)."""
    stat = (folder / ENTRIES / name).stat()
    return FolderFile(folder / ENTRIES, name, stat.st_size, stat.st_mtime_ns)


def list_revision_files(folder: Path) -> Iterator[FolderFile]:
    for name in list_revision_names(folder):
        try:
            yield folder_file(folder, name)
        except FileNotFoundError:  # renamed or removed by a sync tool meanwhile
            continue


def read_revision(file: FolderFile) -> RevisionRecord:
    """The revision in ``file``, checked against its name when it follows our naming."""
    if file.size > MAX_FILE_SIZE:
        raise StoryFileError("too_big")
    record = RevisionRecord.from_json(file.path.read_bytes())
    named = parse_name(file.name)
    if named is not None and named != (record.entry, record.revision, record.origin):
        raise StoryFileError("mismatch")
    return record


def write_atomically(target: Path, data: bytes) -> None:
    """Writes ``data`` under a temporary dot-name in the same folder, then renames it.

    Readers (ours and the sync tools') skip dot-names, so nobody ever sees half a file.
    The folder must exist: creating it would bring back, on the laptop's own disk, a
    shared folder (a USB key, a network share) that has just gone away.
    """
    from visitplanner.atomic_files import write_bytes_atomic

    write_bytes_atomic(target, data)


def copy_atomically(source: Path, target: Path) -> None:
    write_atomically(target, source.read_bytes())


README_TEXT = """\
Visit Planner — récit commun partagé / shared story

Ce dossier contient le récit commun de votre collectif, écrit par Visit Planner.
Chaque fichier de « entries » est une version d'une entrée ; aucun fichier n'est
jamais modifié après son écriture. Ne modifiez ni ne renommez rien ici : ouvrez
Visit Planner et synchronisez.

This folder holds your collective's shared story, written by Visit Planner. Each
file in "entries" is one revision of one entry and is never changed once written.
Do not edit or rename anything here: open Visit Planner and sync.
"""
