"""Every file Visit Planner writes is written whole or not at all.

One recipe for settings, documents, calendars, e-mails, exports, photos, story files
and backups: the content goes to a temporary file in the target's own folder (a
dot-name the story folder's readers and sync tools skip), is flushed to the disk,
then renamed over the target in one step (``os.replace``), and the folder itself is
flushed so that the new name survives a power cut. A crash, a full disk or an error
half-way leaves the previous file as it was and no temporary file behind.

This is the only module that renames files into place (a test walks the sources).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

PRIVATE_FILE = 0o600  # the catalogue, backups, exports, photos: their owner alone
PRIVATE_FOLDER = 0o700


def _temporary_beside(target: Path, private: bool = False) -> Path:
    """Creates an empty temporary file in ``target``'s folder and returns its path.

    Created with ``O_EXCL`` and mode 0666 so that the umask gives it the mode any new
    document gets (``mkstemp`` would make it private to its owner); ``private`` files
    (personal data) are created 0600 from the start, so no other account can open them
    even while they are written.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    while True:
        temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
        try:
            os.close(os.open(temporary, flags, PRIVATE_FILE if private else 0o666))
        except FileExistsError:
            continue
        return temporary


def _fsync_path(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def fsync_folder(folder: Path) -> None:
    """Makes a rename in ``folder`` durable (POSIX; Windows has no folder handles)."""
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):  # some file systems refuse; the rename still holds
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _put_in_place(temporary: Path, target: Path, private: bool = False) -> None:
    # A replaced file keeps its mode (a private settings file stays private); a private
    # file stays private even over a file others could read.
    if not private:
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temporary, target.stat().st_mode & 0o7777)
    os.replace(temporary, target)
    fsync_folder(target.parent)


def private_folder(folder: str | os.PathLike[str], *, tighten: bool = False) -> Path:
    """Creates ``folder`` (and its parents) and returns it; the folder itself is 0700.

    A folder created here is readable by its owner alone; an existing one keeps its mode
    unless ``tighten`` (the app's own data and backup folders, never a folder the user
    chose). No-op for modes on Windows, where the user's profile is already private.
    """
    target = Path(folder)
    existed = target.is_dir()
    target.mkdir(parents=True, exist_ok=True)
    if sys.platform != "win32" and (tighten or not existed):
        with contextlib.suppress(OSError):  # a folder owned by someone else: left as it is
            os.chmod(target, PRIVATE_FOLDER)
    return target


def create_private_file(path: str | os.PathLike[str]) -> bool:
    """Creates ``path`` empty with mode 0600 unless it exists; True when created.

    SQLite creates a new database 0644 and gives its journal files the database's mode:
    creating the empty file first makes the catalogue and its journals private.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    try:
        os.close(os.open(path, flags, PRIVATE_FILE))
    except FileExistsError:
        return False
    return True


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str], *, private: bool = False) -> Iterator[Path]:
    """A temporary path to build ``path`` in, for writers that want a file name.

    SQLite's backup and reportlab write to a name of their own choosing; when the
    block ends without error the file is flushed and renamed over ``path``, otherwise
    it is removed and ``path`` is left untouched. The folder must exist. ``private``:
    readable by its owner alone (mode 0600), whatever the file it replaces.
    """
    target = Path(path)
    temporary = _temporary_beside(target, private)
    try:
        yield temporary
        _fsync_path(temporary)
        _put_in_place(temporary, target, private)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


@contextlib.contextmanager
def atomic_output(
    path: str | os.PathLike[str],
    mode: str = "wb",
    *,
    encoding: str | None = None,
    newline: str | None = None,
    private: bool = False,
) -> Iterator[IO[Any]]:
    """An open file whose content replaces ``path`` only once the block has succeeded.

    For writers that stream (a csv writer, a canvas, ``Image.save``). ``mode`` is
    ``"wb"`` or ``"w"``; text mode takes ``encoding`` (UTF-8 by default) and ``newline``.
    """
    if mode not in ("wb", "w"):
        raise ValueError(f"atomic_output writes a new file ('w' or 'wb'), not {mode!r}")
    if mode == "w" and encoding is None:
        encoding = "utf-8"
    with (
        atomic_path(path, private=private) as temporary,
        open(temporary, mode, encoding=encoding, newline=newline) as handle,
    ):
        yield handle
        handle.flush()
        os.fsync(handle.fileno())


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes, *, private: bool = False) -> Path:
    """Writes ``data`` to ``path`` whole or not at all; returns ``path``."""
    with atomic_output(path, "wb", private=private) as handle:
        handle.write(data)
    return Path(path)


def write_text_atomic(
    path: str | os.PathLike[str],
    text: str,
    *,
    encoding: str = "utf-8",
    newline: str | None = None,
    private: bool = False,
) -> Path:
    """Writes ``text`` to ``path`` whole or not at all; returns ``path``."""
    with atomic_output(path, "w", encoding=encoding, newline=newline, private=private) as handle:
        handle.write(text)
    return Path(path)


def copy_file_atomic(
    source: str | os.PathLike[str], path: str | os.PathLike[str], *, private: bool = False
) -> Path:
    """Copies ``source``'s bytes to ``path`` whole or not at all (never a catalogue file)."""
    with atomic_output(path, "wb", private=private) as out, open(source, "rb") as inp:
        shutil.copyfileobj(inp, out)
    return Path(path)


def replace_folder(staging: Path, folder: Path) -> None:
    """Puts the complete folder ``staging`` in place of ``folder`` (both in one parent).

    The old folder is first moved aside under a dot-name, then removed once the new
    one is in place; if the move fails, the old folder is put back. The staged files
    and the staging folder are flushed to the disk first: otherwise a power cut right
    after the swap could leave the new names pointing at empty files.
    """
    for staged in staging.iterdir():
        if staged.is_file():
            _fsync_path(staged)
    fsync_folder(staging)
    old: Path | None = None
    if folder.exists():
        old = folder.with_name(f".{folder.name}.{secrets.token_hex(4)}.old")
        os.replace(folder, old)
    try:
        os.replace(staging, folder)
    except BaseException:
        if old is not None:
            os.replace(old, folder)
        raise
    fsync_folder(folder.parent)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
