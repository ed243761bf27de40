"""Debrief photos: originals kept untouched in the data folder, display copies derived.

The catalogue stores each photo's path relative to the data folder, so the folder
can move with the user's profile. Originals are named after their SHA-256: the
same picture dropped twice is stored once.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy.orm import Session

from visitplanner.domain import validation as check
from visitplanner.domain.errors import NotFoundError, UserError
from visitplanner.i18n import _
from visitplanner.services.changes import Changes
from visitplanner.services.documents.debriefs import find_debrief
from visitplanner.store.database import Catalogue, refuse_catalogue_file
from visitplanner.store.models import Photo
from visitplanner.store.types import utcnow

ORIGINALS = "originals"
CACHE = "cache"


def data_folder() -> Path:
    """Where attachments live; ``VISITPLANNER_DATA`` overrides it (tests, portable use)."""
    override = os.environ.get("VISITPLANNER_DATA")
    if override:
        return Path(override)
    from platformdirs import user_data_path

    return user_data_path("visitplanner", appauthor=False) / "attachments"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@contextlib.contextmanager
def _readable(path: Path) -> Iterator[None]:
    """Turns Pillow's refusals of the image at ``path`` into messages for the user."""
    try:
        yield
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise UserError(
            _("“{name}” is too large an image to be opened safely.").format(name=path.name)
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise UserError(
            _("“{name}” is not an image that can be read.").format(name=path.name)
        ) from None


def _check_image(source: Path) -> None:
    with _readable(source), warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(source) as image:
            image.verify()
        # verify() reads the structure only: a GIF cut short passes it, then can never be
        # shown or printed. Decoding the pixels once refuses it before it is attached.
        with Image.open(source) as image:
            image.load()


def _copy_atomically(source: Path, target: Path) -> None:
    from visitplanner.atomic_files import copy_file_atomic, private_folder

    # Photos of people: the data folder and its files are for the user alone.
    private_folder(data_folder(), tighten=True)
    private_folder(target.parent)
    copy_file_atomic(source, target, private=True)


def store_original(source: Path) -> tuple[str, str]:
    """Copies the file's bytes into the data folder; returns (relative path, sha256)."""
    digest = _sha256(source)
    relative = f"{ORIGINALS}/{digest}{source.suffix.lower()}"
    target = data_folder() / relative
    if not target.exists():
        _copy_atomically(source, target)
    return relative, digest


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
    _check_image(source)
    text = check.optional_text(caption, _("caption"), 2000)
    with catalogue.session() as session:
        d = find_debrief(session, debrief_id)
        relative, digest = store_original(source)
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
        changes = Changes.of(created=[("photo", photo.id)], updated=[("debrief", d.id)])
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
        return Changes.of(deleted=[("photo", photo_id)], updated=[("debrief", d.id)])


def set_caption(catalogue: Catalogue, photo_id: int, caption: str | None) -> Changes:
    with catalogue.session() as session:
        photo = _photo(session, photo_id)
        photo.caption = check.optional_text(caption, _("caption"), 2000)
        d = find_debrief(session, photo.debrief_id)
        d.updated_at = utcnow()
        return Changes.of(updated=[("photo", photo.id), ("debrief", d.id)])


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
        return Changes.of(updated=[("debrief", d.id), *(("photo", p.id) for p in ordered)])


def display_image(path: Path, max_side: int = 1200) -> Image.Image:
    """The photo upright (EXIF orientation applied), shrunk to fit ``max_side``.

    A JPEG copy is cached under ``cache/`` in the data folder, keyed by the
    original's hash, so previews and PDFs do not decode large originals twice.
    """
    path = Path(path)
    stem = path.stem
    cached = data_folder() / CACHE / f"{stem}-{max_side}.jpg"
    if len(stem) == 64 and cached.exists():
        try:
            with Image.open(cached) as image:
                image.load()
                return image.copy()
        except (OSError, SyntaxError, ValueError):
            cached.unlink(missing_ok=True)
    with _readable(path), Image.open(path) as image:
        upright = ImageOps.exif_transpose(image)
        upright.thumbnail((max_side, max_side))
        if upright.mode not in ("RGB", "L"):
            upright = upright.convert("RGB")
        result = upright.copy()
    if len(stem) == 64:
        _write_cache(result, cached)
    return result


def display_file(path: Path, max_side: int = 1200) -> Path:
    """A JPEG file of the photo upright and shrunk, for documents that embed many photos.

    Long documents take files rather than decoded images: reportlab copies a JPEG
    file into the PDF as it is, so a 200-photo booklet never holds its photos in
    memory and never re-encodes them on each layout pass.
    """
    path = Path(path)
    stem = path.stem if len(path.stem) == 64 else hashlib.sha256(str(path).encode()).hexdigest()
    cached = data_folder() / CACHE / f"{stem}-{max_side}.jpg"
    if cached.exists():
        return cached
    image = display_image(path, max_side)  # stored originals write ``cached`` themselves
    if not cached.exists():
        _write_cache(image, cached)
    if not cached.exists():  # no writable data folder: a private temporary copy
        temporary = Path(tempfile.mkdtemp()) / cached.name
        image.save(temporary, "JPEG", quality=88)
        return temporary
    return cached


def _write_cache(image: Image.Image, cached: Path) -> None:
    """Best effort: a read-only data folder only costs the next preview a decode."""
    from visitplanner.atomic_files import atomic_path, private_folder

    try:
        private_folder(cached.parent)
        with atomic_path(cached, private=True) as temporary:
            image.save(temporary, "JPEG", quality=88)
    except OSError:
        return
