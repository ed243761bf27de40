"""Schema 0006: the people's consent flags become dated consent records, on both engines."""

from __future__ import annotations

from datetime import date

from sqlalchemy import inspect, text
from sqlalchemy.engine import URL, Engine, make_url
from tests.store.test_upgrade_with_data import NOW, fill_revision_0001

from visitplanner.services.privacy import consents
from visitplanner.store import migrate
from visitplanner.store.database import make_engine, open_catalogue


def upgrade_and_check(engine: Engine, url: str) -> None:
    # Hélène: photos yes, quotes no, dated 2026-03-01; Tom (in the trash): quotes yes, no date.
    fill_revision_0001(engine)
    migrate.upgrade(engine, "0005")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO people (id, family_name, preferred_language, consent_photos, "
                "consent_quotes, consent_date, search_key, sort_key, deleted_at, erased_at, "
                "created_at, updated_at) VALUES (3, '—', 'fr', :yes, :yes, '2026-02-01', '', '', "
                ":now, :now, :now, :now)"
            ),
            {"yes": True, "now": NOW},
        )
    migrate.upgrade(engine)

    with engine.connect() as conn:
        columns = {c["name"] for c in inspect(conn).get_columns("people")}
        rows = conn.execute(
            text(
                "SELECT person_id, purpose, scope, event_id, given_on, withdrawn_on "
                "FROM consents ORDER BY person_id, purpose"
            )
        ).all()
        if conn.dialect.name == "sqlite":
            assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
    assert not columns & {"consent_photos", "consent_quotes", "consent_date"}
    given = [(r[0], r[1], r[2], r[3], str(r[4]), r[5]) for r in rows]
    assert given == [
        (1, "photos", "partners", None, "2026-03-01", None),
        # No date kept with the flag: the day the person was recorded.
        (2, "quotes", "partners", None, "2026-04-01", None),
        # The erased record (3) gets none: nothing is kept about an erased person.
    ]
    engine.dispose()

    # The services read them as any consent: Hélène may appear in partners' documents.
    upgraded = open_catalogue(url)
    try:
        [record] = consents.list_consents(upgraded, 1)
        assert (record.purpose, record.given_on) == ("photos", date(2026, 3, 1))
        assert "catalogue upgrade" in record.note
        assert [c.purpose for c in consents.consents_on(upgraded, 1)] == ["photos"]
        # And they can be withdrawn like any other.
        consents.withdraw_consent(upgraded, 1, "photos")
        assert consents.consents_on(upgraded, 1) == []
    finally:
        upgraded.close()


def test_sqlite_consent_flags_become_records(tmp_path):
    path = tmp_path / "old.sqlite"
    upgrade_and_check(make_engine(URL.create("sqlite+pysqlite", database=str(path))), str(path))


def test_postgresql_consent_flags_become_records(postgres_url):
    upgrade_and_check(make_engine(make_url(postgres_url)), postgres_url)
