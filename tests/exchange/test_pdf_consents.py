"""A debrief printed after a withdrawal leaves out what is no longer allowed, at once."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from visitplanner.services.demo import load_demo
from visitplanner.services.directory import records as people
from visitplanner.services.documents import debriefs
from visitplanner.services.documents import printing as documents
from visitplanner.services.documents.photos import add_photo
from visitplanner.services.events import participants
from visitplanner.services.privacy import consents

pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("pdftotext", "pdfimages")),
    reason="poppler-utils is not installed",
)


def _text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


def _images(path: Path) -> int:
    out = subprocess.run(
        ["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True
    )
    return len(out.stdout.splitlines()) - 2  # two header lines


@pytest.fixture
def demo(catalogue, tmp_path, monkeypatch):
    monkeypatch.setenv("VISITPLANNER_DATA", str(tmp_path / "data"))
    load_demo(catalogue, "small")
    return catalogue


def _photo(tmp_path: Path, name: str, colour: tuple[int, int, int]) -> Path:
    source = tmp_path / name
    Image.new("RGB", (800, 600), colour).save(source, "JPEG")
    return source


def test_a_withdrawn_quote_consent_leaves_the_quote_out_of_the_next_pdf(demo, tmp_path):
    summary = debriefs.list_debriefs(demo)[0]
    quote = debriefs.get_debrief(demo, summary.id).quotes[0]
    assert quote.consent
    words = " ".join(quote.text.split()[:4])
    before = _text(documents.debrief_pdf(demo, summary.event_id, tmp_path / "before.pdf"))
    assert words in before

    consents.withdraw_consent(demo, quote.person_id, "quotes")

    after = _text(documents.debrief_pdf(demo, summary.event_id, tmp_path / "after.pdf"))
    assert words not in after and quote.person_name not in after.split("Participants")[0]
    assert "citation(s) omise(s)" in after
    # The editor warns too, as it does for a quote never agreed to.
    warnings = debriefs.consent_warnings(debriefs.get_debrief(demo, summary.id))
    assert any(quote.person_name in w for w in warnings)


def test_photos_follow_the_consents_of_the_people_they_name_and_of_who_came(demo, tmp_path):
    summary = debriefs.list_debriefs(demo)[0]
    newcomer = people.create_person(
        demo, people.PersonInput(family_name="Photographiée", given_name="Lise")
    ).created_id("person")
    participants.add_participants(demo, summary.event_id, [newcomer], status="accepted")
    add_photo(
        demo, summary.id, _photo(tmp_path, "a.jpg", (200, 90, 40)), caption="Lise Photographiée"
    )
    add_photo(demo, summary.id, _photo(tmp_path, "b.jpg", (40, 90, 200)), caption="La salle")

    def printed(name: str) -> tuple[int, str]:
        path = documents.debrief_pdf(demo, summary.event_id, tmp_path / name)
        return _images(path), _text(path)

    # Lise never agreed: the photo naming her is left out, the other one printed.
    images, text = printed("never.pdf")
    assert images == 1 and "La salle" in text and "Lise Photographiée" not in text
    assert "1 photo(s) omise(s)" in text
    # The debrief editor says so before anything is printed.
    warnings = debriefs.consent_warnings(debriefs.get_debrief(demo, summary.id))
    assert [w for w in warnings if w.startswith("Photo")] == [
        next(w for w in warnings if w.startswith("Photo 1 "))
    ]

    # She agrees for funders' documents: both are printed.
    consents.give_consent(demo, newcomer, "photos", "partners")
    images, text = printed("agreed.pdf")
    assert images == 2 and "Lise Photographiée" in text and "omise" not in text

    # An agreement for internal documents only does not reach a funder's report.
    consents.withdraw_consent(demo, newcomer, "photos")
    consents.give_consent(demo, newcomer, "photos", "internal")
    # She came and withdrew her consent to photos in such documents: nobody can tell
    # whether she is on the others, so none of the event's photos is printed.
    images, text = printed("withdrawn.pdf")
    assert images == 0 and "2 photo(s) omise(s)" in text
