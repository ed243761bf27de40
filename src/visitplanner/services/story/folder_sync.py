"""Sharing the story through a folder: write what the folder lacks, read what we lack.

The folder is the union of every catalogue's revisions. A sync writes every revision
this catalogue knows that the folder does not have (our own, and others' we read
earlier, so a USB key carried between three laptops still brings everything), then
reads every revision the folder has that we do not. Deciding "already have it" from
the file name alone is what makes a sync with nothing new cost one directory listing.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from visitplanner.domain.errors import UserError
from visitplanner.exchange import story_folder, story_redactions
from visitplanner.exchange.story_folder import RevisionRecord, StoryFileError
from visitplanner.i18n import _, ngettext, number
from visitplanner.services.changes import ChangeKind, Changes
from visitplanner.services.story import entries as story_entries
from visitplanner.services.story import redaction_sync
from visitplanner.services.story.folder_setting import (  # noqa: F401 (read from here too)
    FOLDER_KEY,
    folder_reachable,
    shared_folder,
)
from visitplanner.store.database import Catalogue
from visitplanner.store.models import CatalogueInfo, StoryEntry, StoryRevision

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
REJECTED_KEY = "log_sync_rejected"


@dataclass(frozen=True)
class SyncProblem:
    file: str
    reason: str


@dataclass
class SyncReport:
    written: int = 0
    read: int = 0
    # Entries whose shown revision changed because of what was read.
    updated_entries: int = 0
    # Files reported for the first time (or changed since they were last reported).
    problems: list[SyncProblem] = field(default_factory=list)
    # Every bad file still in the folder, reported now or before.
    skipped: int = 0
    photos_written: int = 0
    photos_read: int = 0
    # Redactions read from the folder and applied here; revision files they purged.
    redactions_applied: int = 0
    purged_files: int = 0
    redactions_written: int = 0
    compacted: bool = False
    # The records the read revisions, photos and redactions changed here (not named).
    changes: Changes = field(default_factory=Changes)

    @property
    def changed_anything(self) -> bool:
        return bool(
            self.written
            or self.read
            or self.photos_written
            or self.photos_read
            or self.redactions_applied
            or self.purged_files
            or self.redactions_written
        )

    def details(self) -> list[str]:
        """What the sync did, in short phrases: "3 revisions received", "1 unreadable file"."""
        parts = []
        if self.read:
            parts.append(
                ngettext("{n} revision received", "{n} revisions received", self.read).format(
                    n=number(self.read)
                )
            )
        if self.written:
            parts.append(
                ngettext("{n} revision shared", "{n} revisions shared", self.written).format(
                    n=number(self.written)
                )
            )
        if self.redactions_applied:
            parts.append(
                ngettext(
                    "{n} redaction applied", "{n} redactions applied", self.redactions_applied
                ).format(n=number(self.redactions_applied))
            )
        if self.skipped:
            parts.append(
                ngettext(
                    "{n} unreadable file skipped", "{n} unreadable files skipped", self.skipped
                ).format(n=number(self.skipped))
            )
        return parts

    def summary(self) -> str:
        """One sentence for the status bar and the command line."""
        parts = self.details()
        if not parts:
            return _("Shared story up to date.")
        return _("Shared story synchronised: {details}.").format(details=", ".join(parts))


def _reason(error: StoryFileError) -> str:
    return {
        "corrupt": _("the file is damaged or incomplete"),
        "foreign": _("the file was not written by Visit Planner"),
        "future": _("the file was written by a newer version of Visit Planner"),
        "mismatch": _("the file's content does not match its name"),
        "too_big": _("the file is too large to be a story entry"),
        "unreadable": _("the file cannot be read"),
    }.get(error.kind, _("the file cannot be read"))


def sync_folder(
    catalogue: Catalogue,
    folder: str | Path,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> SyncReport:
    """Exchanges revisions with ``folder``; local data never changes because of a bad file."""
    root = Path(folder).expanduser()
    if not root.is_dir():
        raise UserError(_("The shared story folder {path} cannot be reached.").format(path=root))
    report = SyncReport()
    try:
        names = story_folder.list_revision_names(root)
        redaction_names = story_redactions.list_redaction_names(root)
    except OSError as exc:
        raise _unreachable(root, exc) from None
    # Redactions first: what they purge is neither read nor written again.
    outcome = redaction_sync.read_redactions(
        catalogue, root, redaction_names, lambda exc: _unreachable(root, exc)
    )
    report.redactions_applied = outcome.applied
    report.problems += [SyncProblem(name, _reason(exc)) for name, exc in outcome.problems]
    names, report.purged_files = redaction_sync.drop_purged(root, names, outcome.purges)
    with catalogue.session() as session:
        story_entries.ensure_revisions(session)
        known = _known_names(session)
    fresh = [n for n in names if n not in known]
    _read(catalogue, root, fresh, known, report, progress, cancelled, outcome.purges.covers)
    report.skipped += outcome.skipped
    # ``known`` now names every revision stored here, including those just read.
    _write(catalogue, root, known - set(names), report, cancelled)
    try:
        report.redactions_written = redaction_sync.write_redactions(
            catalogue, root, redaction_names
        )
    except OSError as exc:
        raise _unreachable(root, exc) from None
    if report.redactions_applied:
        # The purged revisions' text must not stay in freed pages or in the WAL.
        from visitplanner.store.compaction import compact

        report.compacted = compact(catalogue)
    report.changes = _changes(report)
    return report


def _changes(report: SyncReport) -> Changes:
    kinds = []
    if report.read or report.updated_entries or report.redactions_applied:
        kinds.append(ChangeKind.STORY_ENTRY)
    if report.photos_read or report.redactions_applied:
        kinds.append(ChangeKind.PHOTO)
    return Changes.of_kinds(*kinds)


def _unreachable(root: Path, exc: OSError) -> UserError:
    return UserError(
        _("The shared story folder {path} cannot be used: {reason}.").format(
            path=root, reason=exc.strerror or exc
        )
    )


def _known_names(session: Session) -> set[str]:
    rows = session.execute(
        select(StoryRevision.entry_uuid, StoryRevision.revision, StoryRevision.origin)
    )
    return {story_folder.file_name(u, r, o) for u, r, o in rows}


def _read(
    catalogue: Catalogue,
    root: Path,
    fresh: list[str],
    known: set[str],
    report: SyncReport,
    progress: Progress | None,
    cancelled: Cancelled | None,
    purged: Callable[[str, int, str], bool] = lambda *_: False,
) -> None:
    """Imports every new revision in one transaction: all of what was read, or nothing."""
    with catalogue.session() as session:
        rejected = _load_rejected(session)
        if not fresh:
            if rejected:  # the bad files are gone from the folder
                _save_rejected(session, {})
            _fetch_waiting_photos(session, root, report)
            return
        still_bad: dict[str, list[int]] = {}
        named = (story_folder.parse_name(name) for name in fresh)
        store = story_entries.RevisionStore(session, sorted({n[0] for n in named if n}))
        touched: set[str] = set()
        for done, name in enumerate(fresh, start=1):
            if cancelled and cancelled():
                raise UserError(_("Synchronisation cancelled; nothing was changed."))
            stamp = [0, 0]
            try:
                file = story_folder.folder_file(root, name)
                stamp = [file.size, file.mtime_ns]
                record = story_folder.read_revision(file)
            except FileNotFoundError as exc:
                if not root.is_dir():  # the folder went away: keep nothing half-read
                    raise _unreachable(root, exc) from None
                continue  # replaced by the sync tool meanwhile: next time
            except StoryFileError as exc:
                still_bad[name] = stamp
                if rejected.get(name) != stamp:
                    report.problems.append(SyncProblem(name, _reason(exc)))
                continue
            except OSError as exc:
                if not root.is_dir():
                    raise _unreachable(root, exc) from None
                still_bad[name] = stamp
                if rejected.get(name) != stamp:
                    report.problems.append(SyncProblem(name, _reason(StoryFileError("unreadable"))))
                continue
            if record.file_name in known:  # a copy under another name (a sync tool's)
                continue
            if purged(record.entry, record.revision, record.origin):
                continue  # a copy, under another name, of a revision a redaction purged
            known.add(record.file_name)
            _fetch_photo(root, record, report)
            if store.store(record) is not None:
                touched.add(record.entry)
            report.read += 1
            if progress:
                progress(done, len(fresh))
        report.updated_entries = len(touched)
        report.skipped = len(still_bad)
        if still_bad != rejected:
            _save_rejected(session, still_bad)
        _fetch_waiting_photos(session, root, report)


def _load_rejected(session: Session) -> dict[str, list[int]]:
    row = session.get(CatalogueInfo, REJECTED_KEY)
    try:
        value = json.loads(row.value) if row else {}
    except ValueError:
        value = {}
    return value if isinstance(value, dict) else {}


def _save_rejected(session: Session, rejected: dict[str, list[int]]) -> None:
    row = session.get(CatalogueInfo, REJECTED_KEY)
    if row is None:
        session.add(CatalogueInfo(key=REJECTED_KEY, value=json.dumps(rejected)))
    else:
        row.value = json.dumps(rejected)


def _fetch_photo(root: Path, record: RevisionRecord, report: SyncReport) -> None:
    """Copies the entry's photo into the data folder when the folder has it and we don't."""
    from visitplanner.services.documents.image_files import ORIGINALS, data_folder

    if not record.photo:
        return
    target = data_folder() / ORIGINALS / record.photo
    source = root / story_folder.PHOTOS / record.photo
    if target.is_file() or not source.is_file():
        return
    try:
        data = source.read_bytes()
    except OSError:
        return
    if hashlib.sha256(data).hexdigest() != record.photo_sha256:
        return  # still being copied by the sync tool, or damaged: try again next time
    target.parent.mkdir(parents=True, exist_ok=True)
    story_folder.write_atomically(target, data)
    report.photos_read += 1


def _fetch_waiting_photos(session: Session, root: Path, report: SyncReport) -> None:
    """Entries whose photo reaches the folder after them show it once it is there."""
    from visitplanner.services.documents.image_files import ORIGINALS, data_folder

    waiting = list(
        session.execute(
            select(StoryEntry, StoryRevision.content)
            .join(
                StoryRevision,
                (StoryRevision.entry_uuid == StoryEntry.uuid)
                & (StoryRevision.revision == StoryEntry.revision)
                & (StoryRevision.origin == StoryEntry.origin),
            )
            .where(StoryEntry.photo_sha256.is_not(None), StoryEntry.photo_path.is_(None))
        )
    )
    if not waiting:
        return
    originals = data_folder() / ORIGINALS
    for e, content in waiting:
        record = RevisionRecord.from_json(content.encode("utf-8"))
        _fetch_photo(root, record, report)
        if record.photo and (originals / record.photo).is_file():
            e.photo_path = f"{ORIGINALS}/{record.photo}"


def _write(
    catalogue: Catalogue,
    root: Path,
    missing: set[str],
    report: SyncReport,
    cancelled: Cancelled | None,
) -> None:
    """Writes, one complete file at a time, every revision the folder lacks."""
    from visitplanner.services.documents.image_files import data_folder

    with catalogue.session() as session:
        contents = _contents(session, missing)
        photos = set(
            session.scalars(select(StoryEntry.photo_path).where(StoryEntry.photo_path.is_not(None)))
        )
    if not contents and not photos:
        return
    try:
        if not root.is_dir():
            raise FileNotFoundError(2, os.strerror(2), str(root))
        _write_readme(root)
        entries = root / story_folder.ENTRIES
        entries.mkdir(exist_ok=True)
        for name, content in sorted(contents):
            if cancelled and cancelled():
                return
            story_folder.write_atomically(entries / name, content.encode("utf-8"))
            report.written += 1
        photo_folder = root / story_folder.PHOTOS
        originals = data_folder()
        for relative in sorted(photos):
            source = originals / relative
            target = photo_folder / Path(relative).name
            if source.is_file() and not target.exists():
                photo_folder.mkdir(exist_ok=True)
                story_folder.copy_atomically(source, target)
                report.photos_written += 1
    except OSError as exc:
        raise _unreachable(root, exc) from None


def _contents(session: Session, missing: set[str]) -> list[tuple[str, str]]:
    """(file name, JSON) of the ``missing`` revisions, read only for the entries concerned."""
    uuids = sorted({named[0] for named in map(story_folder.parse_name, missing) if named})
    contents = []
    for start in range(0, len(uuids), 500):
        rows = session.execute(
            select(
                StoryRevision.entry_uuid,
                StoryRevision.revision,
                StoryRevision.origin,
                StoryRevision.content,
            ).where(StoryRevision.entry_uuid.in_(uuids[start : start + 500]))
        )
        for entry_uuid, revision, origin, content in rows:
            name = story_folder.file_name(entry_uuid, revision, origin)
            if name in missing:
                contents.append((name, content))
    return contents


def _write_readme(root: Path) -> None:
    readme = root / story_folder.README
    if not readme.exists():
        story_folder.write_atomically(readme, story_folder.README_TEXT.encode("utf-8"))


def set_shared_folder(catalogue: Catalogue, folder: str | Path | None) -> Changes:
    """Records the folder the story is shared through (``None``: shared no more).

    Only the catalogue's own setting changes, no record a view lists: the changes are
    empty; the sync that follows reports what it reads.
    """
    path = Path(folder).expanduser() if folder else None
    if path is not None and not path.is_dir():
        raise UserError(_("{path} is not a folder.").format(path=path))
    with catalogue.session() as session:
        row = session.get(CatalogueInfo, FOLDER_KEY)
        if path is None:
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(CatalogueInfo(key=FOLDER_KEY, value=str(path)))
        else:
            row.value = str(path)
    return Changes()
