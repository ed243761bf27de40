"""The catalogue, its backups, exports and the data folder are readable by their owner alone.

A French association answers to the CNIL for the names, contacts and photos it keeps: on
a shared computer another account must not be able to open them (POSIX modes; Windows
keeps a user's profile private by itself).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from visitplanner.atomic_files import private_folder, write_text_atomic

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


@pytest.fixture
def open_umask():
    """The usual umask: what a user's new documents get (0644)."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_a_new_catalogue_and_its_journal_are_private(tmp_path, open_umask):
    from visitplanner.services.directory.records import PersonInput, create_person
    from visitplanner.store.database import open_catalogue

    path = tmp_path / "new folder" / "cat.sqlite"
    catalogue = open_catalogue(str(path))
    try:
        create_person(catalogue, PersonInput(given_name="Ana", family_name="Ruiz"))
        assert _mode(path) == 0o600
        assert _mode(path.parent) == 0o700
        journals = [p for p in path.parent.iterdir() if p.name.startswith("cat.sqlite-")]
        assert journals  # WAL mode: SQLite gives them the catalogue's own mode
        assert all(_mode(p) == 0o600 for p in journals)
    finally:
        catalogue.engine.dispose()


def test_a_catalogue_in_an_existing_folder_leaves_the_folder_alone(tmp_path, open_umask):
    from visitplanner.store.database import open_catalogue

    folder = tmp_path / "Documents"
    folder.mkdir(mode=0o755)
    catalogue = open_catalogue(str(folder / "cat.sqlite"))
    catalogue.engine.dispose()
    assert _mode(folder) == 0o755
    assert _mode(folder / "cat.sqlite") == 0o600


def test_backups_and_their_folder_are_private(catalogue, open_umask):
    from visitplanner.services.recovery.backups import backup

    target = backup(catalogue)
    assert _mode(target) == 0o600
    assert _mode(target.parent) == 0o700


def test_people_and_participant_exports_are_private(catalogue, tmp_path, open_umask):
    from visitplanner.services.directory.exports import export_people

    out = tmp_path / "people.csv"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o644)
    export_people(catalogue, out)
    assert _mode(out) == 0o600


def test_the_photo_store_is_private(tmp_path, monkeypatch, open_umask):
    from PIL import Image

    from visitplanner.services.documents.photos import data_folder, store_original

    monkeypatch.setenv("VISITPLANNER_DATA", str(tmp_path / "data"))
    picture = tmp_path / "p.png"
    Image.new("RGB", (4, 4), "red").save(picture)
    relative, _digest = store_original(picture)
    assert _mode(data_folder()) == 0o700
    assert _mode(data_folder() / relative) == 0o600


def test_a_private_write_replaces_a_readable_file_with_a_private_one(tmp_path, open_umask):
    target = tmp_path / "report.json"
    target.write_text("{}", encoding="utf-8")
    target.chmod(0o644)
    write_text_atomic(target, '{"a": 1}', private=True)
    assert _mode(target) == 0o600
    write_text_atomic(tmp_path / "doc.txt", "x")
    assert _mode(tmp_path / "doc.txt") == 0o644  # ordinary documents stay ordinary


def test_private_folder_tightens_only_when_asked(tmp_path, open_umask):
    existing = tmp_path / "mine"
    existing.mkdir(mode=0o755)
    private_folder(existing)
    assert _mode(existing) == 0o755
    private_folder(existing, tighten=True)
    assert _mode(existing) == 0o700


def test_photos_before_the_default_catalogue_leave_the_apps_folder_private(tmp_path, open_umask):
    """The app's own data folder holds the default catalogue too: never left 0755."""
    from PIL import Image

    from visitplanner.services.documents.photos import data_folder, store_original

    picture = tmp_path / "p.png"
    Image.new("RGB", (4, 4), "red").save(picture)
    store_original(picture)
    assert _mode(data_folder()) == 0o700
    assert _mode(data_folder().parent) == 0o700
    assert data_folder().parent.name == "visitplanner"
