"""Mutated photos: attached, or refused with a sentence and the debrief left as it was.

An attached photo must also show (preview, documents) or be refused with a sentence:
a broken image never reaches the user as a traceback.
"""

from __future__ import annotations

import io

import pytest
from fuzzing import budget, dump, mutated, outcome
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from visitplanner.domain.errors import UserError
from visitplanner.services.documents import debriefs, photos


@pytest.fixture(scope="session")
def photo_seeds() -> list[bytes]:
    """Small pictures as cameras and phones save them: JPEG with EXIF turn, PNG, GIF, WebP."""
    picture = Image.new("RGB", (64, 40), (200, 120, 40))
    for x in range(64):
        picture.putpixel((x, x % 40), (10, 10, 200))
    seeds = []
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: turned 90°
    for fmt, options in (
        ("JPEG", {"quality": 80, "exif": exif.tobytes()}),
        ("PNG", {}),
        ("GIF", {}),
        ("WEBP", {}),
    ):
        out = io.BytesIO()
        picture.save(out, fmt, **options)
        seeds.append(out.getvalue())
    return seeds


def test_mutated_photos(demo_catalogue, photo_seeds, tmp_path, monkeypatch):
    monkeypatch.setenv("VISITPLANNER_DATA", str(tmp_path / "data"))
    count = iter(range(10**9))

    @budget(2)  # decoding a picture with a forged size is the slow part
    @given(
        data=mutated(photo_seeds, max_mutations=2),
        suffix=st.sampled_from([".jpg", ".png", ".gif", ".webp"]),
    )
    def run(data, suffix):
        path = tmp_path / f"photo-{next(count)}{suffix}"
        path.write_bytes(data)
        catalogue = demo_catalogue()
        debrief = debriefs.list_debriefs(catalogue)[0].id
        before = dump(catalogue)
        result = outcome(
            "photo attach", lambda: photos.add_photo(catalogue, debrief, path, "Atelier")
        )
        if isinstance(result, UserError):
            assert dump(catalogue) == before
            return
        (photo,) = [p for p in debriefs.get_debrief(catalogue, debrief).photos if p.caption]
        original = photos.data_folder() / photo.path
        outcome("photo preview", lambda: photos.display_image(original, 300))
        outcome("photo print copy", lambda: photos.display_file(original, 300))

    run()


def test_a_picture_cut_short_is_refused_before_it_is_attached(
    demo_catalogue, photo_seeds, tmp_path, monkeypatch
):
    """A GIF cut short passed Pillow's verify() and was attached, then never showed."""
    monkeypatch.setenv("VISITPLANNER_DATA", str(tmp_path / "data"))
    gif = photo_seeds[2]
    path = tmp_path / "cut.gif"
    path.write_bytes(gif[: len(gif) * 2 // 3])
    catalogue = demo_catalogue()
    debrief = debriefs.list_debriefs(catalogue)[0].id
    before = dump(catalogue)
    with pytest.raises(UserError, match="not an image that can be read"):
        photos.add_photo(catalogue, debrief, path)
    assert dump(catalogue) == before
