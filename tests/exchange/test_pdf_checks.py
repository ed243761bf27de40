"""Printed documents checked by independent tools: qpdf's structure check, poppler's fonts,
text, images and qpdf's reading of the outline (bookmarks)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from visitplanner.exchange.pdf import theme
from visitplanner.services.demo import load_demo
from visitplanner.services.directory import records as people
from visitplanner.services.documents import debriefs
from visitplanner.services.documents import printing as documents
from visitplanner.services.events import planning

TOOLS = ("qpdf", "pdftotext", "pdffonts", "pdfinfo", "pdfimages")
pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in TOOLS),
    reason="needs qpdf and poppler-utils (" + ", ".join(TOOLS) + ")",
)

HOSTILE = ("Nguyễn", "Çağla", "Ørsted", "« guillemets »", "d’accord", "<b>gras</b>", "R&D")
EMOJI = "🙂"
TITLE = "Visite « Ørsted » & <b>Çağla</b> chez Nguyễn"


def _run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def _flat(text: str) -> str:
    return " ".join(text.split())


def _text(path: Path, page: int | None = None) -> str:
    pages = ("-f", str(page), "-l", str(page)) if page else ()
    return _flat(_run("pdftotext", *pages, str(path), "-"))


def _qpdf_check(path: Path) -> None:
    out = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert out.returncode == 0, f"qpdf --check {path.name}: {out.stdout}{out.stderr}"


def _fonts_embedded(path: Path) -> None:
    rows = _run("pdffonts", str(path)).splitlines()[2:]
    assert rows, "no font listed"
    for row in rows:
        assert row.split()[-5] == "yes", f"font not embedded in {path.name}: {row}"
        assert row.split()[0].split("+")[-1] in theme._FONT_FILES


def _images(path: Path) -> list[tuple[int, int]]:
    """(width, height) of each embedded image, as ``pdfimages -list`` reports it."""
    rows = _run("pdfimages", "-list", str(path)).splitlines()[2:]
    return [(int(row.split()[3]), int(row.split()[4])) for row in rows]


def _outline(path: Path) -> list[tuple[int, str, int]]:
    """(depth, title, page) of every bookmark, read by qpdf."""
    data = json.loads(_run("qpdf", "--json", "--json-key=outlines", str(path)))
    found: list[tuple[int, str, int]] = []

    def walk(entries, depth):
        for entry in entries:
            found.append((depth, entry["title"], entry["destpageposfrom1"]))
            walk(entry["kids"], depth + 1)

    walk(data["outlines"], 0)
    return found


def _photo(path: Path, size: tuple[int, int], colour, orientation: int | None = None) -> Path:
    image = Image.new("RGB", size, colour)
    # A marker in the top-left corner so each picture differs (originals are de-duplicated).
    image.paste((255, 255, 255), (0, 0, size[0] // 4, size[1] // 8))
    exif = Image.Exif()
    if orientation is not None:
        exif[0x0112] = orientation
    image.save(path, "JPEG", exif=exif.tobytes())
    return path


@pytest.fixture
def hostile(catalogue, tmp_path, monkeypatch):
    """The demo catalogue plus a finished visit whose debrief is full of awkward text."""
    monkeypatch.setenv("VISITPLANNER_DATA", str(tmp_path / "data"))
    load_demo(catalogue, "small")
    changes = planning.create_event(
        catalogue,
        planning.EventInput(
            kind="visit", title=TITLE, start="2026-06-10T09:30", end="2026-06-10T17:00"
        ),
    )
    event_id = next(i for kind, i in changes.created if kind == "event")
    created = people.create_person(
        catalogue, people.PersonInput(family_name="Nguyễn", given_name="Thị Lan")
    ).created
    newcomer = next(i for kind, i in created if kind == "person")
    demo_people = [p.person_id for p in planning.get_event(catalogue, 1).participants]
    statuses = ("accepted", "tentative", "invited", "declined", "accepted")
    for person_id, status in zip([newcomer, *demo_people], statuses, strict=False):
        planning.add_participant(catalogue, event_id, person_id, status=status)
    view = debriefs.open_debrief(catalogue, event_id)
    sentence = " ".join(HOSTILE) + f" {EMOJI} fin."
    for field in debriefs.TEXT_FIELDS:
        debriefs.save_text(catalogue, view.id, field, f"{field} : {sentence}")
    debriefs.save_takeaways(
        catalogue, view.id, [debriefs.TakeawayInput(f"Leçon « {h} »") for h in HOSTILE[:5]]
    )
    debriefs.save_actions(catalogue, view.id, [debriefs.ActionInput("Écrire à Çağla & Ørsted")])
    from visitplanner.services.documents.photos import add_photo

    phone = _photo(tmp_path / "phone.jpg", (1600, 900), (40, 90, 200), orientation=6)
    wide = _photo(tmp_path / "wide.jpg", (1600, 900), (200, 90, 40))
    add_photo(catalogue, view.id, phone, caption="Portrait « téléphone » & <i>Nguyễn</i>")
    add_photo(catalogue, view.id, wide, caption="Paysage d’Ørsted")
    debriefs.set_status(catalogue, view.id, "final")
    return catalogue, event_id


def _hostile_text_survives(text: str) -> None:
    for fragment in HOSTILE:
        assert fragment in text, fragment
    assert EMOJI not in text
    assert f"{EMOJI} fin." not in text and "□ fin." in text  # replaced visibly, not dropped


def test_debrief_pdf(hostile, tmp_path):
    catalogue, event_id = hostile
    path = documents.debrief_pdf(catalogue, event_id, tmp_path / "debrief.pdf")
    _qpdf_check(path)
    _fonts_embedded(path)
    text = _text(path)
    _hostile_text_survives(text)
    assert _flat(TITLE) in text
    assert "Portrait « téléphone » & <i>Nguyễn</i>" in text and "Paysage d’Ørsted" in text
    images = _images(path)
    assert len(images) == 2
    (phone_w, phone_h), (wide_w, wide_h) = images
    assert phone_h > phone_w, "the phone's portrait photo was printed lying on its side"
    assert wide_w > wide_h


def test_attendance_sheet(hostile, tmp_path):
    catalogue, event_id = hostile
    path = documents.attendance_pdf(catalogue, event_id, tmp_path / "sheet.pdf")
    _qpdf_check(path)
    _fonts_embedded(path)
    text = _text(path)
    participants = planning.get_event(catalogue, event_id).participants
    expected = [p.name for p in participants if p.status in {"accepted", "tentative", "invited"}]
    left_out = [p.name for p in participants if p.status == "declined"]
    assert len(expected) == 4 and len(left_out) == 1
    assert "Thị Lan Nguyễn" in expected
    for name in expected:
        assert text.count(name) == 1, f"{name} appears {text.count(name)} times"
    for name in left_out:
        assert name not in text


def test_booklet(hostile, tmp_path):
    catalogue, _event_id = hostile
    path = documents.booklet_pdf(catalogue, tmp_path / "livret.pdf")
    _qpdf_check(path)
    _fonts_embedded(path)
    _hostile_text_survives(_text(path))
    summaries = debriefs.list_debriefs(catalogue)
    assert len(summaries) == 3  # both demo visits and the hostile one
    outline = _outline(path)
    chapters = [(title, page) for depth, title, page in outline if depth == 0]
    titles = [title for title, _page in chapters]
    for summary in summaries:
        assert summary.event_title in titles
    assert "Synthèse thématique" in titles and "Suites à donner en cours" in titles
    pages = [page for _title, page in chapters]
    assert pages == sorted(pages) and len(set(pages)) == len(pages)
    for title, page in chapters:
        assert _text(path, page).startswith(_flat(title)), f"“{title}” → page {page}"
    for depth, title, page in outline:
        if depth:
            assert _flat(title) in _text(path, page), f"“{title}” → page {page}"
    images = _images(path)
    assert len(images) == 2 and images[0][1] > images[0][0]
