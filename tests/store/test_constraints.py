"""Integrity lives in the database: rows written behind the services' back are refused too."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.exc import DataError, IntegrityError

from visitplanner.store.models import Base, Event

START = datetime(2027, 7, 1, 7, 0, tzinfo=UTC)
END = START + timedelta(hours=8)

# What each engine says when it refuses a row: SQLite's words, then PostgreSQL's.
CHECK = r"CHECK constraint failed|violates check constraint"
FOREIGN_KEY = r"FOREIGN KEY constraint failed|violates foreign key constraint"


def unique(constraint: str = "") -> str:
    """SQLite names the columns (``people.email_key``), PostgreSQL the constraint or index."""
    if not constraint:
        return r"UNIQUE constraint failed|violates unique constraint"
    table, column = constraint.split(".")
    return rf"UNIQUE constraint failed: {constraint}|unique constraint \"\w*{table}\w*{column}\w*\""


def not_null(column: str) -> str:
    table, name = column.split(".")
    return (
        rf"NOT NULL constraint failed: {column}"
        rf'|null value in column "{name}" of relation "{table}" violates not-null'
    )


def table(name):
    return Base.metadata.tables[name]


def insert(catalogue, table_name, /, **values):
    """One row through SQLAlchemy Core, bypassing every service; returns its primary key."""
    with catalogue.engine.begin() as conn:
        result = conn.execute(table(table_name).insert().values(**values))
        return result.inserted_primary_key[0]


def count(catalogue, name):
    with catalogue.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(table(name)))


def person(catalogue, **values):
    return insert(catalogue, "people", **({"family_name": "Dupont"} | values))


def event(catalogue, **values):
    defaults = {
        "uid": f"{count(catalogue, 'events')}-{id(values)}@test",
        "kind": "visit",
        "title": "Visite",
        "starts_at": START,
        "ends_at": END,
    }
    return insert(catalogue, "events", **(defaults | values))


def host(catalogue, **values):
    return insert(catalogue, "hosts", **({"name": "Fromagerie"} | values))


def dynamic(catalogue, **values):
    return insert(catalogue, "dynamics", **({"name": "Clus'ter Jura"} | values))


def participation(catalogue, **values):
    if "event_id" not in values:
        values["event_id"] = event(catalogue)
    if "person_id" not in values:
        values["person_id"] = person(catalogue, email_key=None)
    return insert(catalogue, "participations", **values)


def debrief(catalogue, **values):
    if "event_id" not in values:
        values["event_id"] = event(catalogue)
    return insert(catalogue, "debriefs", **values)


def story_entry(catalogue, **values):
    defaults = {"uuid": f"uuid-{count(catalogue, 'log_entries')}", "entry_date": date(2027, 7, 1)}
    return insert(catalogue, "log_entries", **(defaults | {"title": "Note"} | values))


def test_valid_rows_of_every_kind_are_accepted(catalogue):
    """The helpers below write valid rows: each refusal in this file is the bad value's doing."""
    event_id = event(catalogue, capacity=0, fee_cents=0, status="draft")
    person_id = person(catalogue, email="a@x.org", email_key="a@x.org", actor_type="sme")
    host(catalogue, capacity=0, actor_type="association")
    dynamic_id = dynamic(catalogue, kind="ptce")
    participation_id = participation(
        catalogue, event_id=event_id, person_id=person_id, status="waitlisted", waitlist_position=1
    )
    debrief_id = debrief(catalogue, event_id=event_id, status="final")
    insert(catalogue, "takeaways", debrief_id=debrief_id, text="Idée", challenge="business_model")
    insert(catalogue, "dynamic_services", dynamic_id=dynamic_id, service="living_lab")
    insert(catalogue, "event_dynamics", event_id=event_id, dynamic_id=dynamic_id, side="visited")
    insert(
        catalogue,
        "attendance",
        participation_id=participation_id,
        day=date(2027, 7, 1),
        half_day="am",
        present=True,
    )
    story_entry(catalogue, kind="milestone")
    insert(
        catalogue,
        "outbox",
        event_id=event_id,
        method="REQUEST",
        sequence=0,
        recipient="a@x.org",
        subject="Invitation",
        message="BEGIN:VCALENDAR",
    )
    assert count(catalogue, "participations") == 1
    assert count(catalogue, "outbox") == 1


# --- enumerations -----------------------------------------------------------------------------


def _bad_enum_rows():
    """(column, writer of a row with a bad code) for every column that holds a stable code."""
    return [
        ("dynamics.kind", lambda c: dynamic(c, kind="club")),
        (
            "dynamic_services.service",
            lambda c: insert(c, "dynamic_services", dynamic_id=dynamic(c), service="coffee"),
        ),
        ("hosts.actor_type", lambda c: host(c, actor_type="pirate")),
        ("people.actor_type", lambda c: person(c, actor_type="pirate")),
        ("people.preferred_language", lambda c: person(c, preferred_language="de")),
        ("events.kind", lambda c: event(c, kind="party")),
        ("events.status", lambda c: event(c, status="postponed")),
        (
            "event_dynamics.side",
            lambda c: insert(
                c, "event_dynamics", event_id=event(c), dynamic_id=dynamic(c), side="both"
            ),
        ),
        ("participations.role", lambda c: participation(c, role="boss")),
        ("participations.status", lambda c: participation(c, status="maybe")),
        ("debriefs.status", lambda c: debrief(c, status="public")),  # fits VARCHAR(8)
        (
            "takeaways.challenge",
            lambda c: insert(c, "takeaways", debrief_id=debrief(c), text="x", challenge="fun"),
        ),
        ("log_entries.kind", lambda c: story_entry(c, kind="gossip")),
        (
            "outbox.method",
            lambda c: insert(
                c,
                "outbox",
                event_id=event(c),
                method="PUBLISH",
                sequence=0,
                recipient="a@x.org",
                subject="s",
                message="m",
            ),
        ),
    ]


@pytest.mark.parametrize(
    ("column", "write"), _bad_enum_rows(), ids=[c for c, _ in _bad_enum_rows()]
)
def test_an_unknown_code_is_refused_by_a_check_constraint(catalogue, column, write):
    name = column.split(".")[0]
    before = count(catalogue, name)
    with pytest.raises(IntegrityError, match=CHECK):
        write(catalogue)
    assert count(catalogue, name) == before


def test_an_unknown_half_day_is_refused(catalogue):
    participation_id = participation(catalogue)
    with pytest.raises(IntegrityError, match=CHECK):
        insert(
            catalogue,
            "attendance",
            participation_id=participation_id,
            day=date(2027, 7, 1),
            half_day="ev",
            present=True,
        )


def test_enumeration_codes_are_case_sensitive(catalogue):
    with pytest.raises(IntegrityError):
        event(catalogue, kind="Visit")


def test_the_orm_cannot_bypass_the_checks_either(catalogue):
    with pytest.raises(IntegrityError), catalogue.session() as session:
        session.add(Event(uid="x@test", kind="party", title="T", starts_at=START, ends_at=END))
    assert count(catalogue, "events") == 0


# --- dates and numbers ------------------------------------------------------------------------


def test_an_event_cannot_end_before_it_starts(catalogue):
    with pytest.raises(IntegrityError, match=r"end_after_start"):
        event(catalogue, starts_at=START, ends_at=START - timedelta(minutes=1))
    event(catalogue, starts_at=START, ends_at=START)  # zero length is allowed
    assert count(catalogue, "events") == 1


@pytest.mark.parametrize(
    ("starts_at", "ends_at"),
    [(START, START - timedelta(minutes=5)), (None, START)],
    ids=["end before start", "end without start"],
)
def test_a_programme_item_cannot_end_before_it_starts(catalogue, starts_at, ends_at):
    event_id = event(catalogue)
    with pytest.raises(IntegrityError, match=r"end_after_start"):
        insert(
            catalogue,
            "programme_items",
            event_id=event_id,
            title="Accueil",
            starts_at=starts_at,
            ends_at=ends_at,
        )
    insert(catalogue, "programme_items", event_id=event_id, title="Accueil", starts_at=START)
    assert count(catalogue, "programme_items") == 1


@pytest.mark.parametrize("country", ["FRA", "F", ""])
def test_a_host_country_is_a_two_letter_code(catalogue, country):
    # PostgreSQL's VARCHAR(2) refuses three letters before the check is asked.
    error = (IntegrityError, DataError) if len(country) > 2 else IntegrityError
    with pytest.raises(error, match=r"country_code|value too long"):
        host(catalogue, country=country)


@pytest.mark.parametrize(
    ("write", "constraint"),
    [
        (lambda c: event(c, capacity=-1), "capacity_positive"),
        (lambda c: host(c, capacity=-1), "capacity_positive"),
        (lambda c: event(c, fee_cents=-100), "fee_positive"),
        (lambda c: event(c, sequence=-1), "sequence_positive"),
        (lambda c: story_entry(c, revision=0), "rev_pos"),
    ],
    ids=["event capacity", "host capacity", "fee", "sequence", "log revision"],
)
def test_negative_numbers_are_refused(catalogue, write, constraint):
    with pytest.raises(IntegrityError, match=constraint):
        write(catalogue)


# --- required values --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("write", "column"),
    [
        (lambda c: insert(c, "dynamics", name=None), "dynamics.name"),
        (lambda c: insert(c, "hosts", name=None), "hosts.name"),
        (lambda c: insert(c, "people", family_name=None), "people.family_name"),
        (lambda c: event(c, title=None), "events.title"),
        (lambda c: event(c, uid=None), "events.uid"),
        (lambda c: event(c, starts_at=None), "events.starts_at"),
        (lambda c: story_entry(c, title=None), "log_entries.title"),
    ],
    ids=lambda value: value if isinstance(value, str) else "row",
)
def test_names_and_required_columns_cannot_be_null(catalogue, write, column):
    with pytest.raises(IntegrityError, match=not_null(column)):
        write(catalogue)


# --- uniqueness -------------------------------------------------------------------------------


def test_two_people_cannot_share_an_email_key(catalogue):
    person(catalogue, email="Marie@X.org", email_key="marie@x.org")
    with pytest.raises(IntegrityError, match=unique("people.email_key")):
        person(catalogue, family_name="Autre", email="marie@x.org", email_key="marie@x.org")
    assert count(catalogue, "people") == 1


def test_many_people_may_have_no_email(catalogue):
    person(catalogue, email_key=None)
    person(catalogue, email_key=None)
    assert count(catalogue, "people") == 2


def test_two_events_cannot_share_a_uid(catalogue):
    event(catalogue, uid="same@visitplanner")
    with pytest.raises(IntegrityError, match=unique("events.uid")):
        event(catalogue, uid="same@visitplanner")


def test_a_person_is_on_an_event_list_only_once(catalogue):
    event_id, person_id = event(catalogue), person(catalogue)
    participation(catalogue, event_id=event_id, person_id=person_id)
    with pytest.raises(IntegrityError, match=unique()):
        participation(catalogue, event_id=event_id, person_id=person_id, role="speaker")


def test_an_event_has_one_debrief(catalogue):
    event_id = event(catalogue)
    debrief(catalogue, event_id=event_id)
    with pytest.raises(IntegrityError, match=unique("debriefs.event_id")):
        debrief(catalogue, event_id=event_id)


# --- foreign keys -----------------------------------------------------------------------------


def test_foreign_keys_are_enforced(catalogue):
    with pytest.raises(IntegrityError, match=FOREIGN_KEY):
        participation(catalogue, event_id=9999)
    with pytest.raises(IntegrityError, match=FOREIGN_KEY):
        participation(catalogue, person_id=9999)
    with pytest.raises(IntegrityError, match=FOREIGN_KEY):
        event(catalogue, host_id=9999)
    assert count(catalogue, "participations") == 0


def test_deleting_a_person_takes_them_off_event_lists(catalogue):
    event_id, person_id = event(catalogue), person(catalogue)
    participation(catalogue, event_id=event_id, person_id=person_id)
    with catalogue.engine.begin() as conn:
        conn.execute(delete(table("people")).where(table("people").c.id == person_id))
    assert count(catalogue, "participations") == 0
    assert count(catalogue, "events") == 1


def test_deleting_a_host_keeps_its_events(catalogue):
    host_id = host(catalogue)
    event(catalogue, host_id=host_id)
    with catalogue.engine.begin() as conn:
        conn.execute(delete(table("hosts")).where(table("hosts").c.id == host_id))
        assert conn.scalar(select(table("events").c.host_id)) is None


def test_deleting_an_event_deletes_its_participations(catalogue):
    event_id = event(catalogue)
    participation(catalogue, event_id=event_id)
    with catalogue.engine.begin() as conn:
        conn.execute(delete(table("events")).where(table("events").c.id == event_id))
    assert count(catalogue, "participations") == 0
    assert count(catalogue, "people") == 1


# --- waiting list -----------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["invited", "accepted", "tentative", "declined"])
def test_a_waitlist_position_needs_the_waitlisted_status(catalogue, status):
    with pytest.raises(IntegrityError, match=r"waitlist_consistent"):
        participation(catalogue, status=status, waitlist_position=1)


def test_a_waitlisted_participation_has_a_position(catalogue):
    with pytest.raises(IntegrityError, match="waitlist_consistent"):
        participation(catalogue, status="waitlisted", waitlist_position=None)
    participation(catalogue, status="waitlisted", waitlist_position=2)
    assert count(catalogue, "participations") == 1


def test_two_people_cannot_share_a_place_on_one_waiting_list(catalogue):
    first_event, second_event = event(catalogue), event(catalogue)
    participation(catalogue, event_id=first_event, status="waitlisted", waitlist_position=1)
    participation(catalogue, event_id=second_event, status="waitlisted", waitlist_position=1)
    with pytest.raises(IntegrityError, match=unique()):
        participation(catalogue, event_id=first_event, status="waitlisted", waitlist_position=1)
    assert count(catalogue, "participations") == 2
