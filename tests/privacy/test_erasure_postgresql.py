"""Erasure on a team catalogue (PostgreSQL): no table keeps the name or the e-mail.

The server's files cannot be read like a SQLite file, so the test reads what the
database gives back: every row of every table, the audit trail (``audit_log``) and the
photo bytes (``attachments``) included.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.privacy.conftest import EMAIL, fill

from backends import server_rows
from visitplanner.services.privacy.erasure import erase_person
from visitplanner.store.database import open_catalogue

TRACES = (EMAIL, "Nguyễn", "Çağla", "cagla.nguyen", "+33 6 12 34 56 78", "Ormes")


def _jpeg(path: Path) -> Path:
    from PIL import Image

    Image.new("RGB", (8, 8), (200, 10, 10)).save(path, "JPEG")
    return path


def _text_of(rows: dict[str, list[tuple]]) -> dict[str, str]:
    def cell(value) -> str:
        if isinstance(value, bytes | memoryview):
            return bytes(value).decode("utf-8", "replace")
        return str(value)

    return {name: " ".join(cell(v) for row in table for v in row) for name, table in rows.items()}


@pytest.fixture
def team(postgres_url):
    catalogue = open_catalogue(postgres_url)
    yield postgres_url, catalogue
    catalogue.close()


def test_no_table_of_a_team_catalogue_keeps_the_name_or_email(team, tmp_path):
    from visitplanner.services.directory.people import PersonInput, update_person
    from visitplanner.services.documents import debriefs, photos

    url, catalogue = team
    ids = fill(catalogue)
    # Edits leave rows in the audit trail; a stored photo leaves its bytes on the server.
    update_person(
        catalogue,
        ids.person,
        PersonInput(given_name="Çağla", family_name="Nguyễn", email=EMAIL, notes="Ormes"),
    )
    debrief = debriefs.open_debrief(catalogue, ids.event).id
    photos.add_photo(catalogue, debrief, _jpeg(tmp_path / "cagla-nguyen.jpg"), "Çağla Nguyễn")
    before = _text_of(server_rows(url))
    assert any(EMAIL in text for text in before.values())
    assert before.get("audit_log") and before.get("attachments")

    erase_person(catalogue, ids.person)

    after = _text_of(server_rows(url))
    for table, text in after.items():
        for trace in TRACES:
            assert trace.lower() not in text.lower(), (table, trace)
    assert "erase" in after["audit_log"]  # the trail says a record was erased, not whose
    assert not after.get("attachments")
