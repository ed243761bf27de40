"""Files are written whole or not at all, by one helper only."""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest

from visitplanner.atomic_files import (
    atomic_output,
    atomic_path,
    replace_folder,
    write_bytes_atomic,
    write_text_atomic,
)

SOURCE = Path(__file__).resolve().parents[1] / "src" / "visitplanner"


def test_a_file_is_written_and_replaced_whole(tmp_path):
    target = tmp_path / "list.csv"
    write_text_atomic(target, "first\n")
    write_bytes_atomic(target, b"second\n")
    assert target.read_bytes() == b"second\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["list.csv"]


def test_a_failure_half_way_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "calendar.ics"
    target.write_text("BEGIN:VCALENDAR old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_output(target, "w") as out:
        out.write("BEGIN:VCALENDAR new but never ")
        raise RuntimeError("the writer failed")
    assert target.read_text(encoding="utf-8") == "BEGIN:VCALENDAR old"
    assert [p.name for p in tmp_path.iterdir()] == ["calendar.ics"]


def test_a_builder_given_a_name_that_fails_changes_nothing(tmp_path):
    target = tmp_path / "booklet.pdf"
    with pytest.raises(OSError), atomic_path(target) as temporary:
        temporary.write_bytes(b"%PDF-1.4 half")
        raise OSError(28, "No space left on device")
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_is_an_error_and_nothing_is_created(tmp_path):
    with pytest.raises(OSError):
        write_bytes_atomic(tmp_path / "gone" / "entry.json", b"{}")
    assert list(tmp_path.iterdir()) == []


def test_a_new_file_gets_an_ordinary_mode_and_a_replaced_one_keeps_its_own(tmp_path):
    if os.name != "posix":
        pytest.skip("POSIX modes")
    umask = os.umask(0o022)
    os.umask(umask)
    fresh = write_text_atomic(tmp_path / "people.csv", "x")
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~umask
    private = tmp_path / "settings.json"
    private.write_text("{}")
    private.chmod(0o600)
    write_text_atomic(private, '{"a": 1}')
    assert private.stat().st_mode & 0o777 == 0o600


def test_a_folder_is_swapped_whole(tmp_path):
    folder = tmp_path / "story-photos"
    folder.mkdir()
    (folder / "old.jpg").write_bytes(b"old")
    staging = tmp_path / ".story-photos.part"
    staging.mkdir()
    (staging / "new.jpg").write_bytes(b"new")
    replace_folder(staging, folder)
    assert [p.name for p in folder.iterdir()] == ["new.jpg"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story-photos"]


def test_a_folder_swapped_in_has_its_files_on_the_disk_first(tmp_path, monkeypatch):
    """The staged files are fsynced before the rename that makes them the folder's."""
    staging = tmp_path / ".story-photos.part"
    staging.mkdir()
    (staging / "a.jpg").write_bytes(b"a")
    (staging / "b.jpg").write_bytes(b"b")
    synced: list[int] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append(os.fstat(fd).st_ino)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    inodes = {p.stat().st_ino for p in staging.iterdir()}
    replace_folder(staging, tmp_path / "story-photos")
    assert inodes <= set(synced)


# --- nobody else renames files into place --------------------------------------------

FORBIDDEN_CALLS = {
    ("os", "replace"),
    ("os", "rename"),
    ("os", "renames"),
    ("shutil", "move"),
    ("tempfile", "mkstemp"),
    ("tempfile", "NamedTemporaryFile"),
}


def _hand_written_writers(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        owner = node.func.value
        name = node.func.attr
        forbidden = isinstance(owner, ast.Name) and (owner.id, name) in FORBIDDEN_CALLS
        # Path.replace(target) / Path.rename(target): one argument. str.replace takes two,
        # datetime.replace and dataclasses.replace take keywords.
        path_rename = (
            name in ("replace", "rename")
            and len(node.args) == 1
            and not node.keywords
            and not isinstance(owner, ast.Constant)
        )
        if forbidden or path_rename:
            lines.append(node.lineno)
    return lines


def test_only_the_helper_renames_files_into_place():
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        if path.name == "atomic_files.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        found += [f"{path.relative_to(SOURCE)}:{line}" for line in _hand_written_writers(tree)]
    assert found == [], "write through visitplanner.atomic_files instead: " + ", ".join(found)
