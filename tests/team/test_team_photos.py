"""Photos in a team catalogue: added on one laptop, printed from another."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from visitplanner.cli.main import main as cli
from visitplanner.services.documents import debriefs, photos, printing
from visitplanner.services.events import planning
from visitplanner.store.database import open_catalogue
from visitplanner.store.models import Attachment, Debrief


def _jpeg(path: Path, colour: tuple[int, int, int]) -> Path:
    Image.new("RGB", (320, 240), colour).save(path, "JPEG", quality=90)
    return path


def _visit(db: str) -> int:
    catalogue = open_catalogue(db)
    try:
        event = planning.EventInput(
            kind="visit", title="Visite à Figeac", start="2027-06-10T09:30", end="2027-06-10T17:00"
        )
        return planning.save_event(catalogue, None, event).created_id("event")
    finally:
        catalogue.close()


def _laptop(monkeypatch: pytest.MonkeyPatch, folder: Path) -> Path:
    """Switches the data folder, as another laptop would have its own."""
    monkeypatch.setenv("VISITPLANNER_DATA", str(folder))
    return folder


def _images_in(pdf: Path) -> int:
    out = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True)
    return len(out.stdout.splitlines()) - 2


def _blobs(db: str) -> int:
    catalogue = open_catalogue(db)
    try:
        with catalogue.session() as session:
            return session.scalar(select(func.count()).select_from(Attachment))
    finally:
        catalogue.close()


def test_a_photo_added_on_one_laptop_prints_on_another(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    event = _visit(postgres_url)
    _laptop(monkeypatch, tmp_path / "anne")
    source = _jpeg(tmp_path / "atelier.jpg", (200, 60, 30))
    assert cli(["--db", postgres_url, "debrief", "photo", str(event), str(source)]) == 0

    marie = _laptop(monkeypatch, tmp_path / "marie")
    assert not marie.exists()
    catalogue = open_catalogue(postgres_url)
    try:
        debrief_id = debriefs.open_debrief(catalogue, event).id
        (photo,) = debriefs.get_debrief(catalogue, debrief_id).photos
        assert photo.path.is_relative_to(marie)  # the data folder is a cache, filled on demand
        assert photo.path.read_bytes() == source.read_bytes()
        out = tmp_path / "debrief.pdf"
        printing.debrief_pdf(catalogue, event, out)
    finally:
        catalogue.close()
    if shutil.which("pdfimages"):
        assert _images_in(out) >= 1


def test_a_laptops_catalogue_file_keeps_photos_in_its_data_folder_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(tmp_path / "laptop.sqlite")
    event = _visit(db)
    _laptop(monkeypatch, tmp_path / "data")
    assert (
        cli(["--db", db, "debrief", "photo", str(event), str(_jpeg(tmp_path / "a.jpg", (1, 2, 3)))])
        == 0
    )
    assert _blobs(db) == 0


def test_publishing_takes_the_photos_and_an_offline_copy_brings_them_back(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    laptop = str(tmp_path / "laptop.sqlite")
    event = _visit(laptop)
    _laptop(monkeypatch, tmp_path / "anne")
    source = _jpeg(tmp_path / "visite.jpg", (20, 90, 160))
    assert cli(["--db", laptop, "debrief", "photo", str(event), str(source)]) == 0
    assert cli(["--lang", "en", "copy", laptop, postgres_url]) == 0
    said = capsys.readouterr().out
    assert "(1 photo)." in said  # the count agrees with its noun, as in every language
    assert "1 photo stored in the team catalogue." in said
    assert _blobs(postgres_url) == 1

    _laptop(monkeypatch, tmp_path / "train")
    away = str(tmp_path / "away.sqlite")
    assert cli(["copy", postgres_url, away]) == 0
    catalogue = open_catalogue(away)
    try:
        with catalogue.session() as session:
            debrief_id = session.scalar(select(Debrief.id).where(Debrief.event_id == event))
        (photo,) = debriefs.get_debrief(catalogue, debrief_id).photos
        assert photo.path.read_bytes() == source.read_bytes()
    finally:
        catalogue.close()


def test_a_refused_photo_changes_nothing(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    event = _visit(postgres_url)
    _laptop(monkeypatch, tmp_path / "anne")
    fake = tmp_path / "notes.jpg"
    fake.write_text("not a picture")
    assert (
        cli(["--lang", "en", "--db", postgres_url, "debrief", "photo", str(event), str(fake)]) == 1
    )
    assert "notes.jpg" in capsys.readouterr().err
    assert (
        cli(["--lang", "en", "--db", postgres_url, "debrief", "photo", str(event), "missing.jpg"])
        == 1
    )
    assert "missing.jpg" in capsys.readouterr().err
    catalogue = open_catalogue(postgres_url)
    try:
        with catalogue.session() as session:
            assert session.scalar(select(func.count()).select_from(Debrief)) == 0
    finally:
        catalogue.close()
    assert _blobs(postgres_url) == 0


def test_photos_only_this_laptop_has_are_stored_once(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A photo row whose bytes only this laptop has (added before the catalogue kept them).
    event = _visit(postgres_url)
    _laptop(monkeypatch, tmp_path / "anne")
    source = _jpeg(tmp_path / "ancienne.jpg", (90, 90, 0))
    relative, digest = photos.store_original(source)
    catalogue = open_catalogue(postgres_url)
    try:
        debrief_id = debriefs.open_debrief(catalogue, event).id
        from visitplanner.store.models import Photo

        with catalogue.session() as session:
            session.add(Photo(debrief_id=debrief_id, position=0, path=relative, sha256=digest))
        from visitplanner.services.documents.attachments import upload_missing

        assert upload_missing(catalogue) == (1, 0)
        assert upload_missing(catalogue) == (0, 0)
    finally:
        catalogue.close()


def test_erasing_a_person_removes_the_bytes_of_the_photos_they_appear_in(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from visitplanner.services.directory import people
    from visitplanner.services.privacy.erasure import erase_person

    event = _visit(postgres_url)
    _laptop(monkeypatch, tmp_path / "anne")
    catalogue = open_catalogue(postgres_url)
    try:
        people.create_person(
            catalogue, people.PersonInput(family_name="Lefèvre", given_name="Hélène")
        )
        (person,) = [p.id for p in people.list_people(catalogue)]
        debrief_id = debriefs.open_debrief(catalogue, event).id
        photos.add_photo(
            catalogue,
            debrief_id,
            _jpeg(tmp_path / "portrait.jpg", (5, 5, 5)),
            "Hélène Lefèvre à l’atelier",
        )
        assert _blobs(postgres_url) == 1
        erase_person(catalogue, person)
    finally:
        catalogue.close()
    assert _blobs(postgres_url) == 0
