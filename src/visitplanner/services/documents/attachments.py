"""Photos in a team catalogue: the bytes in the database, the data folder as a cache.

On a laptop's catalogue file, originals live in the data folder only (the file stays
small and the daily backup fast). On a team catalogue every original is also stored
in ``attachments``, named by its SHA-256 like the data folder's copy, so a photo added
on one laptop prints in the debrief made on another: the first view on the other
laptop writes the file into its data folder, which from then on serves as a cache.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from visitplanner.services.documents.image_files import data_folder, private_data_folder
from visitplanner.store.database import Catalogue
from visitplanner.store.models import Attachment, Photo, StoryEntry

log = logging.getLogger(__name__)


def keeps_bytes(session: Session) -> bool:
    """Whether this catalogue keeps photo bytes itself (a server: yes; a file: no)."""
    return session.get_bind().dialect.name != "sqlite"


def keep(session: Session, digest: str, source: Path) -> None:
    """Stores the original's bytes in a team catalogue, once per content, in the caller's
    transaction: the photo row and its bytes are committed together or not at all."""
    if not keeps_bytes(session) or session.get(Attachment, digest) is not None:
        return
    data = source.read_bytes()
    session.add(Attachment(sha256=digest, data=data, size=len(data)))


def local_file(session: Session, relative: str, digest: str | None) -> Path:
    """The original in the data folder, fetched from the catalogue first if this laptop
    lacks it. A missing or altered blob leaves the path as it is (shown as missing)."""
    path = data_folder() / relative
    if path.is_file() or not digest:
        return path
    data = session.scalar(select(Attachment.data).where(Attachment.sha256 == digest))
    if data is None:
        return path
    if hashlib.sha256(data).hexdigest() != digest:
        log.warning("attachment %s does not match its hash; not written", digest)
        return path
    from visitplanner.atomic_files import private_folder, write_bytes_atomic

    try:
        private_data_folder()
        private_folder(path.parent)
        write_bytes_atomic(path, data, private=True)
    except OSError as exc:  # a read-only data folder: the photo shows as missing
        log.warning("cannot write %s into the data folder: %s", relative, exc)
    return path


def photo_path(owner: Any, relative: str, digest: str | None, folder: Path | None = None) -> Path:
    """The photo of ``owner`` (a debrief or a story entry, still in its session) on this
    laptop: the data folder's file, fetched first from a team catalogue when missing."""
    path = (folder or data_folder()) / relative
    if path.is_file():
        return path
    session = object_session(owner)
    return local_file(session, relative, digest) if session is not None else path


def upload_missing(catalogue: Catalogue) -> tuple[int, int]:
    """Stores in a team catalogue the originals this laptop holds and it lacks.

    For a catalogue published from a laptop (``visitplanner copy``): its photos were
    files only. Returns (stored, not found here); those not found are on some other
    laptop, whose own publishing or next photo work stores them.
    """
    stored = missing = 0
    with catalogue.session() as session:
        if not keeps_bytes(session):
            return 0, 0
        known = set(session.scalars(select(Attachment.sha256)))
        wanted: dict[str, str] = {}
        for digest, relative in session.execute(select(Photo.sha256, Photo.path)):
            if digest and digest not in known:
                wanted.setdefault(digest, relative)
        for relative in session.scalars(
            select(StoryEntry.photo_path).where(StoryEntry.photo_path.is_not(None))
        ):
            digest = Path(relative).stem
            if len(digest) == 64 and digest not in known:
                wanted.setdefault(digest, relative)
    for digest, relative in wanted.items():
        path = data_folder() / relative
        if not path.is_file():
            missing += 1
            continue
        with catalogue.session() as session:  # one photo per transaction: bounded memory
            keep(session, digest, path)
        stored += 1
    return stored, missing
