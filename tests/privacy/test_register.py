"""The register of processing activities, pre-filled from the catalogue and the preferences."""

from __future__ import annotations

import subprocess

import pytest

from visitplanner.domain.errors import UserError
from visitplanner.services.privacy.register import build_register, write_register
from visitplanner.settings import Settings, save_settings


def _text(path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_register_is_filled_from_the_catalogue_and_the_preferences(catalogue, ids):
    save_settings(
        Settings(
            organiser_name="Réseau des Tiers-lieux <Jura>",
            organiser_email="rgpd@example.org",
            smtp_host="smtp.example.org",
            privacy_inactive_years=4,
            outbox_body_days=30,
        )
    )
    register = build_register(catalogue, "en")
    assert register.controller == "Réseau des Tiers-lieux <Jura>"
    assert (register.people, register.events) == (2, 2)
    assert len(register.activities) == 4
    everything = "\n".join(v for a in register.activities for _f, v in a.rows)
    assert "4 years" in everything and "30 days" in everything
    assert "smtp.example.org" in everything
    assert "Inhabitant (1)" in everything
    assert "share the story folder" not in everything  # this catalogue shares no story


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "fr",
            ["Registre des activités de traitement", "Finalité", "Base légale", "Destinataires"],
        ),
        ("en", ["Register of processing activities", "Purpose", "Legal basis", "Recipients"]),
    ],
)
def test_the_register_pdf(catalogue, ids, tmp_path, language, words):
    save_settings(Settings(organiser_name="Réseau <b>Jura</b> & co"))
    out = write_register(catalogue, tmp_path / "registre.pdf", language=language)
    text = _text(out)
    for word in [*words, "Réseau <b>Jura</b> & co"]:
        assert word in text, word
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    assert "Helvetica" not in fonts


def test_only_pdf(catalogue, tmp_path):
    with pytest.raises(UserError, match=r"r\.txt"):
        write_register(catalogue, tmp_path / "r.txt")
