"""Right of access: the copy of everything kept about one person, as JSON and as PDF."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from tests.privacy.conftest import EMAIL, NAME, QUOTE

from visitplanner.domain.errors import UserError
from visitplanner.services.privacy.access import access_data, write_access_report


def test_the_copy_holds_every_place_the_person_appears(catalogue, ids):
    data = access_data(catalogue, ids.person)
    assert data["person"]["email"] == EMAIL
    assert data["person"]["phone"] == "+33 6 12 34 56 78"
    consents = [
        (c["purpose"], c["scope"], c["given_on"], c["withdrawn_on"]) for c in data["consents"]
    ]
    assert consents == [
        ("photos", "partners", "2026-03-02", None),
        ("quotes", "partners", "2026-03-02", None),
    ]
    [part] = data["participations"]
    assert part["event"]["title"] == "Visite de la recyclerie"
    assert part["event"]["start"] == "2026-03-12T09:30:00+01:00"
    assert part["status"] == "accepted" and part["responded_at"].startswith("2026-03-05T10:00")
    assert [(a["half_day"], a["present"]) for a in part["attendance"]] == [
        ("am", True),
        ("pm", False),
    ]
    assert [q["text"] for q in data["quotes"]] == [QUOTE]
    assert [p["caption"] for p in data["photos"]] == [f"{NAME} au jardin"]
    [entry] = data["story_entries"]  # named in capitals, without the accents: still her
    assert entry["title"] == "Retour de visite" and entry["named_in"] == ["text"]
    [message] = data["messages"]
    assert message["body"] == "BEGIN:VCALENDAR secret body"


def test_someone_else_gets_only_what_is_theirs(catalogue, ids):
    data = access_data(catalogue, ids.other)
    assert [q["text"] for q in data["quotes"]] == ["Bob’s words"]
    assert data["photos"] == [] and data["story_entries"] == [] and data["messages"] == []
    assert len(data["participations"]) == 2


def test_the_json_file_is_the_data_and_private(catalogue, ids, tmp_path):
    out = write_access_report(catalogue, ids.person, tmp_path / "copy.json")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "visitplanner-access-report" and data["version"] == 2
    assert data["person"]["family_name"] == "Nguyễn"
    if sys.platform != "win32":
        assert out.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fr", ["Rapport d’accès (RGPD)", "Finalités", "Destinataires", "Durées de conservation"]),
        ("en", ["Access report (RGPD)", "Purposes", "Recipients", "Retention periods"]),
    ],
)
def test_the_pdf_adds_purposes_recipients_and_retention(catalogue, ids, tmp_path, language, words):
    out = write_access_report(catalogue, ids.person, tmp_path / "copy.pdf", language=language)
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    for word in [*words, NAME, EMAIL, "Visite de la recyclerie", "<b>ensemble</b> &", "jardin"]:
        assert word in text, word
    assert "Retour de visite" in text and "Décision" not in text
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    assert "Helvetica" not in fonts


def test_a_file_of_another_kind_is_refused_and_nothing_written(catalogue, ids, tmp_path):
    with pytest.raises(UserError, match=r"copy\.txt.*\.json or \.pdf"):
        write_access_report(catalogue, ids.person, tmp_path / "copy.txt")
    assert not list(tmp_path.glob("copy*"))


def test_an_earlier_revision_that_named_the_person_is_part_of_the_copy(catalogue, ids):
    from datetime import UTC, datetime

    from visitplanner.services.privacy.erasure import erasure_summary
    from visitplanner.store.models import StoryRevision

    earlier = {
        "format": "visitplanner-log",
        "version": 1,
        "title": "Décision",
        "text": f"Proposé par {NAME}.",
        "author": "Ana Ruiz",
    }
    with catalogue.session() as session, session.begin():
        session.add(
            StoryRevision(
                entry_uuid="22222222-2222-4222-8222-222222222222",
                revision=1,
                origin="33333333-3333-4333-8333-333333333333",
                author="Ana Ruiz",
                saved_at=datetime(2026, 3, 14, tzinfo=UTC),
                content=json.dumps(earlier, ensure_ascii=False),
            )
        )
    entries = {
        e["title"]: e["named_in"] for e in access_data(catalogue, ids.person)["story_entries"]
    }
    assert entries == {"Retour de visite": ["text"], "Décision": ["earlier_revision"]}
    assert erasure_summary(catalogue, ids.person).story_entries == (
        "Retour de visite",
        "Décision",
    )


def test_a_programme_line_naming_the_person_as_speaker_is_part_of_the_copy(
    catalogue, ids, tmp_path
):
    from visitplanner.store.models import ProgrammeItem

    with catalogue.session() as session, session.begin():
        session.add(
            ProgrammeItem(event_id=ids.event, title="Atelier réemploi", speaker=f"{NAME} (Ormes)")
        )
        session.add(ProgrammeItem(event_id=ids.event, title="Accueil", speaker="Bob Martin"))
    [line] = access_data(catalogue, ids.person)["roles"]["speaker_in"]
    assert (line["event"]["title"], line["title"]) == (
        "Visite de la recyclerie",
        "Atelier réemploi",
    )
    assert [o["title"] for o in access_data(catalogue, ids.other)["roles"]["speaker_in"]] == [
        "Accueil"
    ]
    target = write_access_report(catalogue, ids.person, tmp_path / "r.pdf", language="fr")
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True).stdout
    assert "Au programme de Visite de la recyclerie" in " ".join(text.split())
