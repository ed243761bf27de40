"""A catalogue written at revision 0001, full of data, survives every migration to head.

The rows are inserted with plain SQL into the 0001 schema (as the first release wrote
them), so the test does not depend on today's models. The head revision is read from
``store/schema.py``: a new migration is covered without touching this file.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.engine import URL, Engine, make_url

from visitplanner.services.directory import records as cat
from visitplanner.services.documents import debriefs
from visitplanner.services.events import planning
from visitplanner.services.story import entries as story_entries
from visitplanner.store import migrate
from visitplanner.store import revision_ids as schema
from visitplanner.store.database import make_engine, open_catalogue

T1 = "2026-05-12 07:30:00"
T2 = "2026-05-13 15:00:00"
NOW = "2026-04-01 09:00:00"
ENTRY_UUID = "5b0c1f7e-3a44-4e0e-9d6f-2c4a1b9e8d01"
ORIGIN = "0f3e2d1c-aaaa-4bbb-8ccc-123456789abc"

# Table by table, in an order the foreign keys accept: what a catalogue held in 0001.
ROWS_0001: list[tuple[str, dict[str, object]]] = [
    ("catalogue_info", {"key": "catalogue_id", "value": ORIGIN}),
    (
        "dynamics",
        {
            "id": 1,
            "name": "Tiers-lieu La Fabrique",
            "kind": "third_place",
            "region": "Occitanie",
            "territory": "Figeac",
            "description": "Atelier partagé et café associatif",
            "website": "https://fabrique.example.org",
            "search_key": "tiers-lieu la fabrique",
            "deleted_at": None,
            "created_at": NOW,
            "updated_at": NOW,
        },
    ),
    (
        "dynamics",
        {
            "id": 2,
            "name": "PTCE Sud Aveyron",
            "kind": "ptce",
            "region": "Occitanie",
            "territory": None,
            "description": None,
            "website": None,
            "search_key": "ptce sud aveyron",
            "deleted_at": None,
            "created_at": NOW,
            "updated_at": NOW,
        },
    ),
    ("dynamic_tags", {"dynamic_id": 1, "tag": "numérique"}),
    ("dynamic_services", {"dynamic_id": 1, "service": "living_lab"}),
    (
        "people",
        {
            "id": 1,
            "given_name": "Hélène",
            "family_name": "Dupont",
            "email": "Helene.Dupont@example.org",
            "email_key": "helene.dupont@example.org",
            "phone": "+33 5 65 00 00 00",
            "organisation": "La Fabrique",
            "actor_type": "association",
            "function": "Coordinatrice",
            "preferred_language": "fr",
            "consent_photos": True,
            "consent_quotes": False,
            "consent_date": "2026-03-01",
            "notes": "Végétarienne",
            "search_key": "helene dupont la fabrique",
            "sort_key": "dupont helene",
            "deleted_at": None,
            "created_at": NOW,
            "updated_at": NOW,
        },
    ),
    (
        "people",
        {
            "id": 2,
            "given_name": "Tom",
            "family_name": "Baker",
            "email": None,
            "email_key": None,
            "phone": None,
            "organisation": None,
            "actor_type": None,
            "function": None,
            "preferred_language": "en",
            "consent_photos": False,
            "consent_quotes": True,
            "consent_date": None,
            "notes": None,
            "search_key": "tom baker",
            "sort_key": "baker tom",
            "deleted_at": NOW,
            "created_at": NOW,
            "updated_at": NOW,
        },
    ),
    ("person_dynamics", {"person_id": 1, "dynamic_id": 1}),
    (
        "hosts",
        {
            "id": 1,
            "name": "Mairie de Figeac",
            "actor_type": "local_authority",
            "address_line1": "Place Vival",
            "address_line2": None,
            "postal_code": "46100",
            "city": "Figeac",
            "country": "FR",
            "capacity": 40,
            "accessibility": "Ascenseur",
            "notes": None,
            "contact_person_id": 1,
            "search_key": "mairie de figeac",
            "deleted_at": None,
            "created_at": NOW,
            "updated_at": NOW,
        },
    ),
    ("host_dynamics", {"host_id": 1, "dynamic_id": 2}),
    (
        "events",
        {
            "id": 1,
            "uid": "evt-0001@visitplanner.example",
            "sequence": 2,
            "kind": "visit",
            "title": "Visite de La Fabrique",
            "visit_question": "Comment financer un tiers-lieu rural ?",
            "objectives": "Voir le modèle économique",
            "starts_at": T1,
            "ends_at": T2,
            "timezone": "Europe/Paris",
            "all_day": False,
            "host_id": 1,
            "location": "Figeac",
            "online_url": None,
            "capacity": 2,
            "fee_cents": 1500,
            "status": "confirmed",
            "organiser_id": 1,
            "search_key": "visite de la fabrique",
            "deleted_at": None,
            "created_at": NOW,
            "updated_at": NOW,
        },
    ),
    ("event_dynamics", {"event_id": 1, "dynamic_id": 1, "side": "visited"}),
    (
        "programme_items",
        {
            "id": 1,
            "event_id": 1,
            "position": 1,
            "starts_at": T1,
            "ends_at": "2026-05-12 09:00:00",
            "title": "Accueil café",
            "speaker": "Hélène Dupont",
        },
    ),
    *[
        (
            "participations",
            {
                "id": pid,
                "event_id": 1,
                "person_id": person,
                "role": role,
                "status": status,
                "waitlist_position": position,
                "to_notify": notify,
                "invited_at": NOW,
                "responded_at": None,
                "reply_sequence": None,
                "delegated_to": None,
                "notes": None,
                "created_at": NOW,
                "updated_at": NOW,
            },
        )
        for pid, person, role, status, position, notify in (
            (1, 1, "organiser", "accepted", None, False),
            (2, 2, "participant", "waitlisted", 1, True),
        )
    ],
    ("attendance", {"participation_id": 1, "day": "2026-05-12", "half_day": "am", "present": True}),
    (
        "outbox",
        {
            "id": 1,
            "event_id": 1,
            "person_id": 1,
            "method": "REQUEST",
            "sequence": 2,
            "recipient": "Helene.Dupont@example.org",
            "subject": "Invitation : Visite de La Fabrique",
            "message": "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
            "created_at": NOW,
            "sent_at": None,
            "attempts": 1,
            "last_error": "Connection refused",
        },
    ),
    (
        "debriefs",
        {
            "id": 1,
            "event_id": 1,
            "status": "draft",
            "context": "Une journée de pluie",
            "what_we_saw": "Un atelier vivant",
            "ideas_to_transpose": "La monnaie locale",
            "finalised_at": None,
            "created_at": NOW,
            "updated_at": NOW,
        },
    ),
    ("debrief_authors", {"debrief_id": 1, "person_id": 1}),
    (
        "takeaways",
        {
            "id": 1,
            "debrief_id": 1,
            "position": 1,
            "text": "Mutualiser",
            "challenge": "service_offer",
        },
    ),
    ("quotes", {"id": 1, "debrief_id": 1, "position": 1, "text": "On ose !", "person_id": 1}),
    (
        "follow_up_actions",
        {
            "id": 1,
            "debrief_id": 1,
            "position": 1,
            "text": "Envoyer le compte rendu",
            "owner_id": 1,
            "due_date": "2026-06-01",
            "done": False,
        },
    ),
    (
        "photos",
        {
            "id": 1,
            "debrief_id": 1,
            "position": 1,
            "path": "photos/ab/abcdef.jpg",
            "sha256": "ab" * 32,
            "caption": "L’atelier",
        },
    ),
    (
        "log_entries",
        {
            "id": 1,
            "uuid": ENTRY_UUID,
            "revision": 1,
            "entry_date": "2026-05-12",
            "title": "Visite de La Fabrique",
            "text": "Nous avons vu…",
            "kind": "visit",
            "author": "Hélène",
            "event_id": 1,
            "debrief_id": 1,
            "photo_path": None,
            "origin": ORIGIN,
            "search_key": "visite de la fabrique",
            "created_at": NOW,
            "updated_at": T2,
        },
    ),
    ("log_entry_dynamics", {"entry_id": 1, "dynamic_id": 1}),
    ("log_entry_dynamics", {"entry_id": 1, "dynamic_id": 2}),
    (
        "log_revisions",
        {
            "id": 1,
            "entry_uuid": ENTRY_UUID,
            "revision": 1,
            "origin": ORIGIN,
            "author": "Hélène",
            "saved_at": T2,
            "content": '{"title": "Visite de La Fabrique"}',
        },
    ),
]


def fill_revision_0001(engine: Engine) -> dict[str, int]:
    """Migrates an empty database to 0001 and fills every table; returns the row counts."""
    migrate.upgrade(engine, "0001")
    with engine.begin() as conn:
        tables = set(inspect(conn).get_table_names()) - {"alembic_version"}
        for table, row in ROWS_0001:
            columns = ", ".join(row)
            values = ", ".join(f":{name}" for name in row)
            conn.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({values})"), row)
        if conn.dialect.name == "postgresql":
            # Explicit ids leave the sequences behind; a real 0001 catalogue had them moved on.
            for table in tables:
                if "id" in {c["name"] for c in inspect(conn).get_columns(table)}:
                    conn.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                            f"(SELECT max(id) FROM {table}))"
                        )
                    )
        counts = {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in tables}
    assert {t for t, n in counts.items() if n == 0} == set(), "every 0001 table holds data"
    return counts


def upgrade_and_check(engine: Engine, url: str) -> None:
    counts = fill_revision_0001(engine)
    migrate.upgrade(engine)

    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            schema.HEAD_REVISION
        )
        after = {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in counts}
        if conn.dialect.name == "sqlite":
            assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        entry = conn.execute(
            text("SELECT event_uid, dynamic_names, saved_at FROM log_entries WHERE id = 1")
        ).one()
    assert after == counts
    # 0002 gave the story entry its event's UID and its dynamics' names.
    assert entry.event_uid == "evt-0001@visitplanner.example"
    assert entry.dynamic_names.splitlines() == ["PTCE Sud Aveyron", "Tiers-lieu La Fabrique"]
    assert entry.saved_at is not None
    engine.dispose()

    # The services read it all back as the window would.
    upgraded = open_catalogue(url)
    try:
        assert upgraded.backup_path is None  # already at head: nothing more to copy
        person = cat.get_person(upgraded, 1)
        assert (person.name, person.email) == ("Hélène Dupont", "Helene.Dupont@example.org")
        assert [p.family_name for p in cat.list_people(upgraded)] == ["Dupont"]
        assert cat.get_host(upgraded, 1).name == "Mairie de Figeac"
        assert [d.name for d in cat.list_dynamics(upgraded)] == [
            "PTCE Sud Aveyron",
            "Tiers-lieu La Fabrique",
        ]
        detail = planning.get_event(upgraded, 1)
        assert detail.event.title == "Visite de La Fabrique"
        assert detail.event.start.isoformat().startswith("2026-05-12T09:30")  # Paris time
        assert [item.title for item in detail.programme] == ["Accueil café"]
        people = sorted((p.person_id, p.status, p.waitlist_position) for p in detail.participants)
        assert people == [(1, "accepted", None), (2, "waitlisted", 1)]
        organiser = next(p for p in detail.participants if p.person_id == 1)
        assert organiser.attendance == ((date(2026, 5, 12), "am", True),)
        debrief = debriefs.get_debrief(upgraded, 1)
        assert debrief.what_we_saw == "Un atelier vivant"
        assert [t.text for t in debrief.takeaways] == ["Mutualiser"]
        entry_view = story_entries.get_entry(upgraded, ENTRY_UUID)
        assert entry_view.title == "Visite de La Fabrique"
        assert entry_view.date == date(2026, 5, 12)
        assert entry_view.dynamic_names == ("PTCE Sud Aveyron", "Tiers-lieu La Fabrique")
        # And it can still be written to.
        new_id = cat.create_person(upgraded, cat.PersonInput(family_name="Nouvelle")).created_id(
            "person"
        )
        assert new_id > 2
    finally:
        upgraded.close()


def test_a_full_0001_sqlite_catalogue_is_upgraded_to_head_intact(tmp_path):
    path = tmp_path / "old.sqlite"
    engine = make_engine(URL.create("sqlite+pysqlite", database=str(path)))
    upgrade_and_check(engine, str(path))


def test_a_full_0001_postgresql_catalogue_is_upgraded_to_head_intact(postgres_url):
    upgrade_and_check(make_engine(make_url(postgres_url)), postgres_url)


@pytest.mark.parametrize("revision", migrate.script_revisions())
def test_every_revision_is_a_step_of_the_chain(revision):
    """The revisions run in order from 0001 to the head ``schema.py`` names."""
    assert migrate.script_revisions()[0] == "0001"
    assert migrate.script_revisions()[-1] == schema.HEAD_REVISION
    assert revision in schema.KNOWN_REVISIONS


def test_an_upgrade_that_would_break_links_is_refused_and_rolled_back(tmp_path, monkeypatch):
    """With foreign keys off during the scripts, the final check is what guards the links."""
    import alembic.command

    from visitplanner.domain.errors import CatalogueError

    path = tmp_path / "old.sqlite"
    engine = make_engine(URL.create("sqlite+pysqlite", database=str(path)))
    counts = fill_revision_0001(engine)
    real_upgrade = alembic.command.upgrade

    def careless_upgrade(config, revision):
        real_upgrade(config, revision)
        config.attributes["connection"].exec_driver_sql("DELETE FROM participations")

    monkeypatch.setattr(alembic.command, "upgrade", careless_upgrade)
    with pytest.raises(CatalogueError, match="pointing at records that do not exist"):
        migrate.upgrade(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0001"
        assert (
            conn.execute(text("SELECT count(*) FROM participations")).scalar()
            == (counts["participations"])
        )
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1  # back on
    engine.dispose()
