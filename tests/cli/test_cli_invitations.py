"""`invite`, `cancel`, `calendar` and `notify` from a script: what leaves the app is right.

Each test starts from a fresh install (no preferences set) unless it says otherwise.
"""

from __future__ import annotations

import email
from pathlib import Path

import pytest

from visitplanner.services.directory import records as cat
from visitplanner.services.events import participants as plist
from visitplanner.services.events import planning
from visitplanner.store.database import open_catalogue


def _person(catalogue, family, given, address):
    changes = cat.create_person(
        catalogue, cat.PersonInput(family_name=family, given_name=given, email=address)
    )
    return changes.created_id("person")


@pytest.fixture
def seminar(db):
    """An event whose organiser has an e-mail, two participants; nothing in Preferences."""
    catalogue = open_catalogue(str(db))
    try:
        organiser = _person(catalogue, "Benhamou", "Anaïs", "anais@example.org")
        alice = _person(catalogue, "Martin", "Alice", "alice@example.org")
        bruno = _person(catalogue, "Durand", "Bruno", "bruno@example.org")
        changes = planning.create_event(
            catalogue,
            planning.EventInput(
                kind="seminar",
                title="Séminaire circuits courts",
                start="2027-06-10T09:00",
                end="2027-06-10T17:00",
                organiser_id=organiser,
                location="Salle 1",
            ),
        )
        event_id = changes.created_id("event")
        plist.add_participants(catalogue, event_id, [alice, bruno])
        return event_id
    finally:
        catalogue.close()


def _lines(path: Path) -> list[str]:
    return path.read_bytes().decode().replace("\r\n ", "").split("\r\n")


def _sequence(path: Path) -> int:
    return int(next(x for x in _lines(path) if x.startswith("SEQUENCE:")).split(":")[1])


def test_invite_on_a_fresh_install_uses_the_events_organiser(run, seminar, tmp_path):
    code, out, err = run("invite", seminar, "--out", tmp_path / "invite.ics")

    assert (code, err) == (0, "")
    lines = _lines(tmp_path / "invite.ics")
    assert "ORGANIZER;CN=Anaïs Benhamou:mailto:anais@example.org" in lines
    assert "2 participants" in out


def test_invite_without_any_organiser_is_refused_in_one_sentence(run, db, tmp_path):
    catalogue = open_catalogue(str(db))
    alice = _person(catalogue, "Martin", "Alice", "alice@example.org")
    event_id = planning.create_event(
        catalogue,
        planning.EventInput(
            kind="visit", title="Visite", start="2027-06-10T09:00", end="2027-06-10T12:00"
        ),
    ).created_id("event")
    plist.add_participants(catalogue, event_id, [alice])
    catalogue.close()

    code, _out, err = run("invite", event_id, "--out", tmp_path / "x.ics")

    assert code == 1
    assert "organiser" in err and "Traceback" not in err
    assert not (tmp_path / "x.ics").exists()


def test_invite_eml_into_a_folder_that_does_not_exist_creates_it(run, seminar, tmp_path):
    folder = tmp_path / "new" / "mails"

    code, _out, err = run("invite", seminar, "--out", tmp_path / "i.ics", "--eml", folder)

    assert (code, err) == (0, "")
    written = sorted(p.name for p in folder.iterdir())
    assert len(written) == 2 and all(name.endswith(".eml") for name in written)
    message = email.message_from_bytes((folder / written[0]).read_bytes())
    assert "anais@example.org" in message["From"]


def test_invite_eml_into_a_file_is_refused_before_anything_is_written(run, seminar, tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")

    code, _out, err = run("invite", seminar, "--out", tmp_path / "i.ics", "--eml", blocker / "x")

    assert code == 1
    assert "Unexpected" not in err and str(blocker) in err
    assert not (tmp_path / "i.ics").exists()


def test_a_change_after_an_exported_invitation_raises_the_sequence(run, seminar, tmp_path):
    assert run("invite", seminar, "--out", tmp_path / "first.ics")[0] == 0
    assert _sequence(tmp_path / "first.ics") == 0

    code, _out, err = run(
        "event", "edit", seminar, "--start", "2027-06-11T09:00", "--end", "2027-06-11T17:00"
    )
    assert (code, err) == (0, "")
    assert run("invite", seminar, "--out", tmp_path / "second.ics")[0] == 0

    assert _sequence(tmp_path / "second.ics") == 1


def test_changes_before_any_invitation_left_keep_the_sequence(run, seminar, tmp_path):
    for day in ("11", "12"):
        code, _out, err = run(
            "event",
            "edit",
            seminar,
            "--start",
            f"2027-06-{day}T09:00",
            "--end",
            f"2027-06-{day}T17:00",
        )
        assert (code, err) == (0, "")
    assert run("invite", seminar, "--out", tmp_path / "first.ics")[0] == 0

    assert _sequence(tmp_path / "first.ics") == 0


def test_cancel_after_an_exported_invitation_has_a_greater_sequence(run, seminar, tmp_path):
    assert run("invite", seminar, "--out", tmp_path / "first.ics")[0] == 0

    assert run("cancel", seminar, "--out", tmp_path / "cancel.ics")[0] == 0

    lines = _lines(tmp_path / "cancel.ics")
    assert "METHOD:CANCEL" in lines and "STATUS:CANCELLED" in lines
    assert _sequence(tmp_path / "cancel.ics") == 1


# --- calendar feed: periods and bad events ------------------------------------------------------


def _event(db, title, start, end, **extra):
    catalogue = open_catalogue(str(db))
    try:
        data = planning.EventInput(kind="meeting", title=title, start=start, end=end, **extra)
        return planning.create_event(catalogue, data).created_id("event")
    finally:
        catalogue.close()


def _summaries(path: Path) -> list[str]:
    return sorted(x[8:] for x in _lines(path) if x.startswith("SUMMARY:"))


def test_calendar_days_are_in_the_catalogues_zone_both_included(run, db, tmp_path):
    _event(db, "Late on the last day", "2027-03-31T23:30", "2027-03-31T23:55")
    _event(db, "Early on the first day", "2027-03-01T00:10", "2027-03-01T01:00")
    _event(db, "Next day", "2027-04-01T00:30", "2027-04-01T02:00")
    _event(db, "Day before", "2027-02-28T22:00", "2027-02-28T23:59")

    code, out, _err = run(
        "calendar", "--out", tmp_path / "m.ics", "--from", "2027-03-01", "--to", "2027-03-31"
    )

    assert code == 0 and "2 events" in out
    assert _summaries(tmp_path / "m.ics") == ["Early on the first day", "Late on the last day"]


def test_an_event_overlapping_the_range_is_selected(run, db, tmp_path):
    _event(db, "Workshop over the weekend", "2027-02-27", "2027-03-02", all_day=True)
    _event(db, "Night shift", "2027-03-05T22:00", "2027-03-06T02:00")

    run("calendar", "--out", tmp_path / "a.ics", "--from", "2027-03-01", "--to", "2027-03-01")
    run("calendar", "--out", tmp_path / "b.ics", "--from", "2027-03-06", "--to", "2027-03-06")

    assert _summaries(tmp_path / "a.ics") == ["Workshop over the weekend"]
    assert _summaries(tmp_path / "b.ics") == ["Night shift"]


def test_a_range_that_ends_before_it_starts_is_refused(run, tmp_path):
    code, _out, err = run(
        "calendar", "--out", tmp_path / "x.ics", "--from", "2027-03-02", "--to", "2027-03-01"
    )
    assert code == 1 and "2027-03-01" in err and "Traceback" not in err
    assert not (tmp_path / "x.ics").exists()


def test_one_bad_event_is_reported_and_the_others_are_written(run, db, tmp_path):
    from visitplanner.store.models import Event

    good = _event(db, "Good", "2027-05-03T09:00", "2027-05-03T10:00")
    bad = _event(db, "Zero length", "2027-05-04T09:00", "2027-05-04T10:00")
    catalogue = open_catalogue(str(db))
    with catalogue.session() as session:  # as an older version could leave it
        row = session.get(Event, bad)
        row.ends_at = row.starts_at
    catalogue.close()

    code, out, err = run("calendar", "--out", tmp_path / "all.ics")

    assert code == 0 and "1 event" in out
    assert "Zero length" in err and "Traceback" not in err
    assert _summaries(tmp_path / "all.ics") == ["Good"]
    assert good


def test_invite_leaves_out_an_address_calendars_cannot_carry_and_says_so(
    run, db, seminar, tmp_path
):
    from visitplanner.store.models import Person

    catalogue = open_catalogue(str(db))
    with catalogue.session() as session:  # e.g. imported by an older version
        bruno = session.query(Person).filter_by(email="bruno@example.org").one()
        bruno.email = "bruno durand@example.org"
    catalogue.close()

    code, out, err = run("invite", seminar, "--out", tmp_path / "i.ics", "--eml", tmp_path / "m")

    assert code == 0 and "1 participant" in out
    assert "bruno durand@example.org" in err
    assert len(list((tmp_path / "m").iterdir())) == 1


def test_invite_names_a_participant_without_any_e_mail(run, db, seminar, tmp_path):
    catalogue = open_catalogue(str(db))
    try:
        dan = _person(catalogue, "Dumas", "Dan", None)
        plist.add_participants(catalogue, seminar, [dan])
    finally:
        catalogue.close()

    code, out, err = run("invite", seminar, "--out", tmp_path / "i.ics", "--eml", tmp_path / "m")

    assert code == 0 and "2 participants" in out
    assert "Dan Dumas has no e-mail address" in err
    assert len(list((tmp_path / "m").iterdir())) == 2


def test_show_event_json_lists_the_delegator_and_the_delegate(run, db, seminar, tmp_path):
    import json
    import shutil

    from visitplanner.store.models import Event

    fixtures = Path(__file__).parents[1] / "fixtures" / "imip"
    catalogue = open_catalogue(str(db))
    with catalogue.session() as session:  # the event the Outlook fixtures answer
        session.get(Event, seminar).uid = "3f6d2a9e-7c41-4b8e-9a55-0c1d2e3f4a5b@visitplanner"
    catalogue.close()
    files = []
    for name in ("outlook-reply-delegate-accepted.eml", "outlook-reply-delegated.eml"):
        shutil.copy(fixtures / name, tmp_path / name)
        files.append(tmp_path / name)
    assert run("replies", *files)[0] == 0

    code, out, _err = run("show", "event", seminar, "--json")

    assert code == 0
    people = {p["email"]: p["status"] for p in json.loads(out)["participants"]}
    assert people["bruno@example.org"] == "delegated"
    assert people["claire.petit@example.org"] == "accepted"


def test_event_times_calendars_cannot_carry_are_refused_on_the_command_line(run, seminar):
    code, _out, err = run(
        "event", "edit", seminar, "--start", "2027-06-10T09:00", "--end", "2027-06-10T09:00"
    )
    assert code == 1 and "same as the start" in err

    code, _out, err = run(
        "event", "edit", seminar, "--start", "2027-03-28T02:30", "--end", "2027-03-28T05:00"
    )
    assert code == 1
    assert "02:30 does not exist on 2027-03-28 in Europe/Paris" in err
    assert "Traceback" not in err
