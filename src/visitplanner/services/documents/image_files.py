"""Photo files: originals kept untouched in the data folder, display copies derived.

The catalogue stores each photo's path relative to the data folder, so the folder
can move with the user's profile. Originals are named after their SHA-256: the
same picture dropped twice is stored once. No catalogue here: debriefs
(:mod:`.photos`) and story entries both keep their pictures through this module.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import warnings
from collections.abc import Iterator
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from visitplanner.domain.errors import UserError
from visitplanner.i18n import _

ORIGINALS = "originals"
CACHE = "cache"


def data_folder() -> Path:
    """Where attachments live; ``VISITPLANNER_DATA`` overrides it (tests, portable use)."""
    override = os.environ.get("VISITPLANNER_DATA")
    if override:
        return Path(override)
    from platformdirs import user_data_path

    return user_data_path("visitplanner", appauthor=False) / "attachments"


def private_data_folder() -> Path:
    """The attachments folder, made 0700, and the app's own data folder above it too.

    ``mkdir(parents=True)`` would leave the app's folder (``catalogue.sqlite`` lives there
    too) readable by others when photos come before the default catalogue; a folder named
    by ``VISITPLANNER_DATA`` is the user's choice and its parent is left alone.
    """
    from visitplanner.atomic_files import private_folder

    folder = data_folder()
    if not os.environ.get("VISITPLANNER_DATA"):
        private_folder(folder.parent, tighten=True)
    return private_folder(folder, tighten=True)


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


def check_image(source: Path) -> None:
    """Refuses a file Pillow cannot read in full, before it is attached anywhere."""
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
    private_data_folder()
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
