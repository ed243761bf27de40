"""Debrief photos: validated, stored once by hash, shown upright and shrunk."""

from pathlib import Path

import pytest
from PIL import Image

from visitplanner.domain.errors import NotFoundError, UserError
from visitplanner.services.documents import debriefs, photos
from visitplanner.services.events import planning


@pytest.fixture
def data(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "attachments"
    monkeypatch.setenv("VISITPLANNER_DATA", str(folder))
    return folder


@pytest.fixture
def debrief_id(catalogue, data) -> int:
    event = planning.EventInput(
        kind="visit", title="Visite", start="2027-06-10T09:30", end="2027-06-10T17:00"
    )
    event_id = planning.save_event(catalogue, None, event).created_id("event")
    return debriefs.open_debrief(catalogue, event_id).id


def jpeg(path: Path, size=(40, 20), color="red", orientation: int | None = None) -> Path:
    image = Image.new("RGB", size, color)
    exif = Image.Exif()
    if orientation is not None:
        exif[0x0112] = orientation
    image.save(path, "JPEG", exif=exif.tobytes())
    return path


def test_data_folder_follows_the_environment(data, monkeypatch):
    assert photos.data_folder() == data
    monkeypatch.delenv("VISITPLANNER_DATA")
    assert photos.data_folder().name == "attachments"
    assert "visitplanner" in str(photos.data_folder())


def test_add_keeps_the_original_bytes_and_round_trips(catalogue, debrief_id, data, tmp_path):
    source = jpeg(tmp_path / "Repair Café.JPG", orientation=6)
    changes = photos.add_photo(catalogue, debrief_id, source, "  The workshop ")
    photo_id = changes.created_id("photo")
    assert changes.touches("debrief")
    view = debriefs.get_debrief(catalogue, debrief_id)
    [photo] = view.photos
    assert photo.id == photo_id
    assert photo.caption == "The workshop"
    assert photo.path.is_absolute()
    assert photo.path.parent == data / "originals"
    assert photo.path.name == f"{photo.sha256}.jpg"
    assert photo.path.read_bytes() == source.read_bytes()
    assert not list((data / "originals").glob(".tmp-*"))


def test_same_picture_is_stored_once(catalogue, debrief_id, data, tmp_path):
    first = jpeg(tmp_path / "a.jpg")
    second = tmp_path / "copy.jpg"
    second.write_bytes(first.read_bytes())
    photos.add_photo(catalogue, debrief_id, first)
    photos.add_photo(catalogue, debrief_id, second, "again")
    view = debriefs.get_debrief(catalogue, debrief_id)
    assert len(view.photos) == 2
    assert view.photos[0].path == view.photos[1].path
    assert len(list((data / "originals").iterdir())) == 1


def test_non_images_are_refused_by_name(catalogue, debrief_id, tmp_path, data):
    text = tmp_path / "notes.txt"
    text.write_text("not a picture")
    with pytest.raises(UserError, match=r"notes\.txt"):
        photos.add_photo(catalogue, debrief_id, text)
    with pytest.raises(UserError, match=r"missing\.jpg"):
        photos.add_photo(catalogue, debrief_id, tmp_path / "missing.jpg")
    assert debriefs.get_debrief(catalogue, debrief_id).photos == ()
    assert not (data / "originals").exists()


def test_decompression_bombs_are_refused(catalogue, debrief_id, tmp_path, monkeypatch):
    source = jpeg(tmp_path / "huge.jpg", size=(200, 200))
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    with pytest.raises(UserError, match=r"huge\.jpg"):
        photos.add_photo(catalogue, debrief_id, source)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 30000)  # warning zone only
    with pytest.raises(UserError, match=r"huge\.jpg"):
        photos.add_photo(catalogue, debrief_id, source)


def test_display_applies_exif_rotation_and_shrinks(catalogue, debrief_id, tmp_path, data):
    source = jpeg(tmp_path / "sideways.jpg", size=(400, 200), orientation=6)
    photos.add_photo(catalogue, debrief_id, source)
    [photo] = debriefs.get_debrief(catalogue, debrief_id).photos
    image = photos.display_image(photo.path)
    assert image.size == (200, 400)
    small = photos.display_image(photo.path, max_side=100)
    assert small.size == (50, 100)
    cached = data / "cache" / f"{photo.sha256}-100.jpg"
    assert cached.exists()
    assert photos.display_image(photo.path, max_side=100).size == (50, 100)
    # The original is never rewritten.
    assert photo.path.read_bytes() == source.read_bytes()


def test_caption_remove_and_reorder(catalogue, debrief_id, tmp_path):
    ids = [
        photos.add_photo(
            catalogue, debrief_id, jpeg(tmp_path / f"{color}.jpg", color=color)
        ).created_id("photo")
        for color in ("red", "green", "blue")
    ]
    photos.set_caption(catalogue, ids[1], "Green")
    photos.reorder_photos(catalogue, debrief_id, [ids[2], ids[0]])
    view = debriefs.get_debrief(catalogue, debrief_id)
    assert [p.id for p in view.photos] == [ids[2], ids[0], ids[1]]
    assert view.photos[2].caption == "Green"
    photos.set_caption(catalogue, ids[1], "")
    photos.remove_photo(catalogue, ids[0])
    view = debriefs.get_debrief(catalogue, debrief_id)
    assert [(p.id, p.caption) for p in view.photos] == [(ids[2], None), (ids[1], None)]
    assert all(p.path.exists() for p in view.photos)
    with pytest.raises(NotFoundError):
        photos.remove_photo(catalogue, ids[0])
    with pytest.raises(NotFoundError):
        photos.reorder_photos(catalogue, debrief_id, [ids[0]])
    # Other sections are untouched by photo edits.
    assert debriefs.get_debrief(catalogue, debrief_id).takeaways == ()
