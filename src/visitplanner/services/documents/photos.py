"""Debrief photos: attaching, captioning, ordering and removing them.

The files themselves (originals, display copies, the data folder) are kept by
:mod:`.image_files`, whose public names are importable from here too.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.orm import Session

from visitplanner.domain import validation as check
from visitplanner.domain.errors import NotFoundError, UserError
from visitplanner.i18n import _
from visitplanner.services.changes import ChangeKind, Changes
from visitplanner.services.documents.attachments import keep
from visitplanner.services.documents.debriefs import find_debrief
from visitplanner.services.documents.image_files import (  # noqa: F401  (importable from here too)
    CACHE,
    ORIGINALS,
    check_image,
    data_folder,
    display_file,
    display_image,
    store_original,
)
from visitplanner.store.database import Catalogue, refuse_catalogue_file
from visitplanner.store.models import Photo
from visitplanner.store.types import utcnow


def _photo(session: Session, photo_id: int) -> Photo:
    photo = session.get(Photo, photo_id)
    if photo is None:
        raise NotFoundError(_("No photo has id {id}.").format(id=photo_id))
    return photo


def add_photo(
    catalogue: Catalogue, debrief_id: int, source: Path, caption: str | None = None
) -> Changes:
    """Attaches a copy of ``source`` to the debrief, after the other photos."""
    source = Path(source)
    if not source.is_file():
        raise UserError(_("“{name}” is not a file.").format(name=source.name))
    refuse_catalogue_file(source)  # reading it would drop SQLite's locks
    check_image(source)
    text = check.optional_text(caption, _("caption"), 2000)
    with catalogue.session() as session:
        d = find_debrief(session, debrief_id)
        relative, digest = store_original(source)
        keep(session, digest, data_folder() / relative)  # a team catalogue: bytes too
        position = max((p.position for p in d.photos), default=-1) + 1
        photo = Photo(
            position=position,
            path=relative,
            sha256=digest,
            caption=text,
            original_name=source.name[:255],
        )
        d.photos.append(photo)
        d.updated_at = utcnow()
        session.flush()
        changes = Changes.of(
            created=[(ChangeKind.PHOTO, photo.id)], updated=[(ChangeKind.DEBRIEF, d.id)]
        )
    # The print-size copy is made once, when the photo arrives, not by every document.
    with contextlib.suppress(UserError, OSError):
        display_file(data_folder() / relative)
    return changes


def remove_photo(catalogue: Catalogue, photo_id: int) -> Changes:
    """Detaches the photo; the original stays in the data folder (other debriefs may use it)."""
    with catalogue.session() as session:
        photo = _photo(session, photo_id)
        d = find_debrief(session, photo.debrief_id)
        d.photos.remove(photo)
        for position, other in enumerate(d.photos):
            other.position = position
        d.updated_at = utcnow()
        return Changes.of(
            deleted=[(ChangeKind.PHOTO, photo_id)], updated=[(ChangeKind.DEBRIEF, d.id)]
        )


def set_caption(catalogue: Catalogue, photo_id: int, caption: str | None) -> Changes:
    with catalogue.session() as session:
        photo = _photo(session, photo_id)
        photo.caption = check.optional_text(caption, _("caption"), 2000)
        d = find_debrief(session, photo.debrief_id)
        d.updated_at = utcnow()
        return Changes.of(updated=[(ChangeKind.PHOTO, photo.id), (ChangeKind.DEBRIEF, d.id)])


def reorder_photos(catalogue: Catalogue, debrief_id: int, photo_ids: Sequence[int]) -> Changes:
    """Puts the photos in the given order; photos not named keep their order, after them."""
    with catalogue.session() as session:
        d = find_debrief(session, debrief_id)
        by_id = {p.id: p for p in d.photos}
        unknown = [pid for pid in photo_ids if pid not in by_id]
        if unknown:
            raise NotFoundError(_("No photo has id {id}.").format(id=unknown[0]))
        wanted = list(dict.fromkeys(photo_ids))
        ordered = [by_id[pid] for pid in wanted]
        ordered += [p for p in d.photos if p.id not in set(wanted)]
        for position, photo in enumerate(ordered):
            photo.position = position
        d.updated_at = utcnow()
        photos = [(ChangeKind.PHOTO, p.id) for p in ordered]
        return Changes.of(updated=[(ChangeKind.DEBRIEF, d.id), *photos])
