"""The register and the access report say where a team catalogue lives: on a server.

A catalogue file stays on the coordinators' computers; a team catalogue (PostgreSQL) does
not, and the security measures and transfers printed for the association's data
protection contact must not claim otherwise.
"""

from __future__ import annotations

import pytest

from visitplanner.services.privacy.notice import processing_notice
from visitplanner.services.privacy.register import build_register
from visitplanner.store.database import open_catalogue


def _everything(catalogue, language: str) -> str:
    register = build_register(catalogue, language)
    rows = "\n".join(v for a in register.activities for _f, v in a.rows)
    notice = processing_notice(catalogue, language)
    return rows + "\n" + "\n".join(i for s in notice.sections for i in s.items)


@pytest.fixture
def team(postgres_url):
    catalogue = open_catalogue(postgres_url)
    yield catalogue
    catalogue.close()


def test_a_catalogue_file_says_it_stays_on_the_computers(catalogue):
    text = _everything(catalogue, "en")
    assert "No server: the data stays on the coordinators’ computers" in text
    assert "the catalogue stays on the coordinators’ computers" in text


def test_a_team_catalogue_names_its_server_and_never_says_no_server(team):
    text = _everything(team, "en")
    assert "No server" not in text and "stays on the coordinators’ computers" not in text
    assert "Team catalogue on the database server" in text
    assert "database server" in text and "is hosted" in text
    french = _everything(team, "fr")
    assert "Pas de serveur" not in french
