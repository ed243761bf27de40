"""The audit trail: who changed which record, when, which fields; on SQLite and PostgreSQL."""

from __future__ import annotations

import getpass
from pathlib import Path

import pytest

from visitplanner.services.directory import people, records
from visitplanner.services.events import planning
from visitplanner.settings import load_settings, save_settings
from visitplanner.store import audit
from visitplanner.store.database import open_catalogue


@pytest.fixture(params=["sqlite", "postgresql"])
def team(request: pytest.FixtureRequest, tmp_path: Path):
    settings = load_settings()
    settings.organiser_name = "Marie Dupont"
    save_settings(settings)
    if request.param == "sqlite":
        db = str(tmp_path / "catalogue.sqlite")
    else:
        db = request.getfixturevalue("postgres_url")
    catalogue = open_catalogue(db)
    yield catalogue
    catalogue.close()


def _trail(catalogue, kind: str, record_id: int) -> list[tuple[str, str, str, str | None]]:
    with catalogue.session() as session:
        return [
            (r.coordinator, r.db_user, r.action, r.fields)
            for r in audit.history(session, kind, record_id)
        ]


def _new_person(catalogue, family_name: str) -> int:
    before = {p.id for p in people.list_people(catalogue)}
    people.create_person(catalogue, people.PersonInput(family_name=family_name, given_name="Anne"))
    (new,) = {p.id for p in people.list_people(catalogue)} - before
    return new


def test_each_change_says_who_what_and_which_fields(team) -> None:
    person = _new_person(team, "Martin")
    people.update_person(
        team,
        person,
        people.PersonInput(family_name="Martin", given_name="Anne", email="anne@example.org"),
    )
    records.move_to_trash(team, "person", person)
    records.restore_from_trash(team, "person", person)

    user = "postgres" if not team.is_sqlite else getpass.getuser()
    assert _trail(team, "person", person) == [
        ("Marie Dupont", user, "create", None),
        ("Marie Dupont", user, "update", '["email"]'),
        ("Marie Dupont", user, "trash", '["deleted_at"]'),
        ("Marie Dupont", user, "restore", '["deleted_at"]'),
    ]


def test_a_list_change_is_in_its_events_history(team) -> None:
    person = _new_person(team, "Petit")
    changes = planning.create_event(
        team,
        planning.EventInput(
            kind="visit", title="Visite", start="2027-03-15T09:00", end="2027-03-15T12:00"
        ),
    )
    event = changes.created_id("event")
    planning.add_participant(team, event, person)
    actions = [(action, fields) for _c, _u, action, fields in _trail(team, "event", event)]
    assert actions == [("create", None), ("update", '["participants"]')]


def test_a_refused_write_leaves_no_trail(team) -> None:
    person = _new_person(team, "Leroy")
    people.update_person(
        team, person, people.PersonInput(family_name="Leroy", email="dup@example.org")
    )
    other = _new_person(team, "Roux")
    with pytest.raises(Exception):  # noqa: B017 - the duplicate e-mail's own error
        people.update_person(
            team, other, people.PersonInput(family_name="Roux", email="dup@example.org")
        )
    assert [a for _c, _u, a, _f in _trail(team, "person", other)] == ["create"]


def test_the_trail_holds_no_values_only_field_names(team) -> None:
    person = _new_person(team, "Secret")
    people.update_person(
        team, person, people.PersonInput(family_name="Secret", email="hidden@example.org")
    )
    with team.session() as session:
        rows = session.query(audit.AuditRecord).all()
    text = repr([(r.coordinator, r.db_user, r.kind, r.action, r.fields) for r in rows])
    assert "hidden@example.org" not in text and "Secret" not in text


def test_a_notice_too_long_for_the_server_says_which_kinds_changed() -> None:
    many = tuple(("person", i, "update", "Quelqu’un " * 5) for i in range(2_000))
    notice = audit.Notice("me", "Marie", many)
    payload = notice.to_json()
    assert len(payload.encode()) < 8_000
    assert audit.Notice.from_json(payload).changes == (("person", None, "update", ""),)
    assert audit.Notice.from_json("{not json") is None
