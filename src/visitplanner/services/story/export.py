"""Exports the shared story ("récit commun") as a printed PDF, a Markdown file or one HTML page.

The story is read oldest first with the timeline's filters; photos are the
print-size upright copies (``photos.display_file``), and a photo that cannot be
read is left out rather than failing the export. Every file is written beside
its target under a temporary name and moved into place only once complete, so a
failure (full disk, Cancel, a bug) leaves the previous export as it was.
"""

from __future__ import annotations

import base64
import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Literal

from visitplanner.domain.errors import UserError
from visitplanner.i18n import LANGUAGES, _, current_language
from visitplanner.services.story.entries import StoryEntryView, StoryFilter, list_story
from visitplanner.store.database import Catalogue

Format = Literal["md", "html", "pdf"]
FORMATS: tuple[str, ...] = ("md", "html", "pdf")
Progress = Callable[[int, int], None]


def _cannot_write(path: Path, exc: OSError) -> UserError:
    return UserError(
        _("Cannot write {path}: {reason}.").format(path=path, reason=exc.strerror or exc)
    )


def _check_folder(target: Path) -> None:
    folder = target.parent
    if not folder.is_dir():
        raise UserError(
            _("Cannot write {path}: the folder {folder} does not exist.").format(
                path=target, folder=folder
            )
        )
    if target.is_dir():
        raise UserError(_("Cannot write {path}: it is a folder.").format(path=target))


def _umask() -> int:
    """The process's umask, read without changing it (``os.umask`` would, for every thread)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022


def _give_mode(temporary: str | Path, target: Path, *, folder: bool = False) -> None:
    """Temporary files are private (0600); the export gets the mode a new file would get,
    or keeps the one of the file it replaces."""
    try:
        mode = target.stat().st_mode & 0o777
    except OSError:
        mode = (0o777 if folder else 0o666) & ~_umask()
    os.chmod(temporary, mode)


def _write_atomically(target: Path, build: Callable[[str], object]) -> Path:
    """Builds into a unique temporary file in the target's folder, then renames it into place."""
    from visitplanner.atomic_files import atomic_path

    _check_folder(target)
    try:
        with atomic_path(target) as temporary:
            build(str(temporary))
    except OSError as exc:
        raise _cannot_write(target, exc) from None
    return target


def _write_text(text: str) -> Callable[[str], object]:
    def build(path: str) -> None:
        with open(path, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)

    return build


def _print_photos(
    entries: Sequence[StoryEntryView],
    tick: Callable[[], None],
) -> dict[str, Path]:
    """The print-size JPEG of each entry's photo; unreadable or missing ones are left out."""
    from visitplanner.services.documents.image_files import display_file

    found: dict[str, Path] = {}
    for entry in entries:
        if entry.photo is None:
            continue
        tick()
        try:
            found[entry.uuid] = display_file(entry.photo)
        except (UserError, OSError, ValueError):
            continue
    return found


def _period(filters: StoryFilter | None, entries: Sequence[StoryEntryView], language: str) -> str:
    from visitplanner.exchange.story_text import period_label

    start = filters.start if filters else None
    end = filters.end if filters else None
    label = period_label(language, start=start, end=end, dates=[e.date for e in entries])
    return label or ""


def _photo_name(entry: StoryEntryView) -> str:
    from visitplanner.exchange.story_text import safe_id

    return f"{entry.date.isoformat()}-{safe_id(entry.uuid)}.jpg"


def _write_markdown(
    out: Path, entries: Sequence[StoryEntryView], meta, photos: dict[str, Path]
) -> Path:
    """The .md file and its ``<stem>-photos/`` folder, each replaced only once complete."""
    from visitplanner.exchange.story_markdown import render_markdown

    _check_folder(out)
    folder = out.with_name(f"{out.stem}-photos")
    by_uuid = {e.uuid: e for e in entries}
    links = {uuid: f"{folder.name}/{_photo_name(by_uuid[uuid])}" for uuid in photos}
    text = render_markdown(entries, meta, links)
    if not photos:
        return _write_atomically(out, _write_text(text))
    if folder.exists() and not folder.is_dir():
        raise UserError(_("Cannot write {path}: it is not a folder.").format(path=folder))
    try:
        staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{folder.name}.", suffix=".part"))
    except OSError as exc:
        raise _cannot_write(folder, exc) from None
    from visitplanner.atomic_files import replace_folder

    try:
        for uuid, source in photos.items():
            shutil.copyfile(source, staging / _photo_name(by_uuid[uuid]))
        _give_mode(staging, folder, folder=True)

        def swap_and_write(temporary: str) -> None:
            _write_text(text)(temporary)
            replace_folder(staging, folder)

        _write_atomically(out, swap_and_write)
    except OSError as exc:
        raise _cannot_write(folder, exc) from None
    finally:
        with contextlib.suppress(OSError):
            if staging.exists():
                shutil.rmtree(staging)
    return out


def export_story(
    catalogue: Catalogue,
    fmt: Format,
    out: Path,
    *,
    filters: StoryFilter | None = None,
    title: str | None = None,
    network: str | None = None,
    language: str | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Path:
    """Writes the story (oldest first, narrowed by ``filters``) to ``out``; returns ``out``.

    ``language`` is the document's ("fr" or "en"; the interface's when None).
    ``progress(done, total)`` moves on as photos are prepared and the document is
    laid out; ``cancelled()`` returning true stops with ``ExportCancelled`` and
    leaves ``out`` as it was.
    """
    from visitplanner.exchange.story_text import ExportCancelled, StoryMeta

    if fmt not in FORMATS:
        raise UserError(
            _("“{value}” is not one of: {choices}.").format(value=fmt, choices=", ".join(FORMATS))
        )
    out = Path(out)
    language = language or current_language()
    if language not in LANGUAGES:
        raise UserError(
            _("“{value}” is not one of: {choices}.").format(
                value=language, choices=", ".join(LANGUAGES)
            )
        )
    entries = list_story(catalogue, filters=filters, oldest_first=True)
    if not entries:
        narrowed = filters is not None and any(vars(filters).values())
        raise UserError(
            _("No story entry matches these filters: nothing to export.")
            if narrowed
            else _("The shared story has no entries to export.")
        )
    with_photo = sum(1 for e in entries if e.photo is not None)
    layout = len(entries) if fmt == "pdf" else 1
    total = with_photo + layout
    done = 0

    def check() -> None:
        if cancelled is not None and cancelled():
            raise ExportCancelled(_("Export cancelled; nothing was written."))

    def report(value: int, *, can_stop: bool = True) -> None:
        nonlocal done
        if can_stop:
            check()
        if progress is not None and value > done:
            done = value
            progress(min(done, total), total)

    def tick() -> None:
        report(done + 1)

    if progress is not None:
        progress(0, total)
    photos = _print_photos(entries, tick)
    meta = StoryMeta(
        language=language,
        title=title or "",
        network=network or None,
        period=_period(filters, entries, language) or None,
        generated_on=date.today(),
    )
    check()
    if fmt == "pdf":
        from visitplanner.exchange.pdf.story import build_story_pdf

        def layout_progress(step: int, steps: int) -> None:
            if progress is not None:
                report(with_photo + (layout * step) // max(steps, 1))

        _write_atomically(
            out,
            lambda tmp: build_story_pdf(entries, meta, tmp, photos, layout_progress, cancelled),
        )
    elif fmt == "html":
        from visitplanner.exchange.story_html import render_html

        sources = {uuid: uri for uuid, path in photos.items() if (uri := _data_uri(path))}
        text = render_html(entries, meta, sources)
        check()
        _write_atomically(out, _write_text(text))
    else:
        _write_markdown(out, entries, meta, photos)
    report(total, can_stop=False)
    return out


def _data_uri(path: Path) -> str | None:
    """The photo embedded in the page; None (left out) if its file went missing meanwhile."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return "data:image/jpeg;base64," + base64.b64encode(data).decode("ascii")
