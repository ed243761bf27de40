"""Messages reach the user in French or English, from the shipped catalogues."""

from __future__ import annotations

import pytest

from visitplanner.domain.enums import EventKind, ResponseStatus
from visitplanner.i18n import _, set_language, system_language


def test_french_labels_and_messages() -> None:
    set_language("fr")
    assert EventKind.VISIT.label == "Visite apprenante"
    assert ResponseStatus.WAITLISTED.label == "Liste d’attente"
    assert _("Dashboard") == "Tableau de bord"


def test_english_is_the_source_text() -> None:
    set_language("en")
    assert EventKind.SEMINAR.label == "Joint seminar"


@pytest.mark.parametrize(
    ("lang", "expected"), [("fr_FR.UTF-8", "fr"), ("en_US.UTF-8", "en"), ("de_DE.UTF-8", "en")]
)
def test_system_language(monkeypatch: pytest.MonkeyPatch, lang: str, expected: str) -> None:
    monkeypatch.setenv("LANG", lang)
    assert system_language() == expected


def test_enum_parse_accepts_codes_and_labels_in_either_language() -> None:
    set_language("fr")
    assert EventKind.parse("visit", "kind") is EventKind.VISIT
    assert EventKind.parse("Séminaire commun", "kind") is EventKind.SEMINAR
    assert EventKind.parse("Joint seminar", "kind") is EventKind.SEMINAR
