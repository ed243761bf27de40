"""Full events: an acceptance that lands on the waiting list is told so, and `notify`
writes every pending notice (waiting list, place offered) as an e-mail, once."""

from __future__ import annotations

import email
from email.header import decode_header, make_header
from pathlib import Path

import pytest

from visitplanner.services.directory import records as cat
from visitplanner.services.events import participants as plist
from visitplanner.services.events import planning
from visitplanner.services.invitations import outbox
from visitplanner.store.database import open_catalogue


def _person(catalogue, given, family, address, language="fr"):
    data = cat.PersonInput(
        family_name=family, given_name=given, email=address, preferred_language=language
    )
    return cat.create_person(catalogue, data).created_id("person")


@pytest.fixture
def full_event(db):
    """Capacity 1: Alice has the place; Bruno (English) and Chloé (French) are invited."""
    catalogue = open_catalogue(str(db))
    try:
        organiser = _person(catalogue, "Anaïs", "Benhamou", "anais@example.org")
        ids = {
            "alice": _person(catalogue, "Alice", "Martin", "alice@example.org"),
            "bruno": _person(catalogue, "Bruno", "Durand", "bruno@example.org", "en"),
            "chloe": _person(catalogue, "Chloé", "Roux", "chloe@example.org"),
        }
        event_id = planning.create_event(
            catalogue,
            planning.EventInput(
                kind="visit",
                title="Visite de la ressourcerie",
                start="2027-06-10T09:00",
                end="2027-06-10T12:00",
                capacity=1,
                organiser_id=organiser,
            ),
        ).created_id("event")
        plist.add_participants(catalogue, event_id, list(ids.values()))
        plist.set_participant(catalogue, event_id, ids["alice"], status="accepted")
        uid = planning.get_event(catalogue, event_id).event.uid
        return event_id, uid, ids
    finally:
        catalogue.close()


def _reply(path: Path, uid: str, address: str, partstat: str, stamp: str) -> Path:
    path.write_bytes(
        (
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//Client//EN\r\nMETHOD:REPLY\r\n"
            f"BEGIN:VEVENT\r\nUID:{uid}\r\nSEQUENCE:0\r\nDTSTAMP:{stamp}\r\n"
            f"ATTENDEE;PARTSTAT={partstat}:mailto:{address}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        ).encode()
    )
    return path


def _read(path: Path) -> tuple[str, str]:
    message = email.message_from_bytes(path.read_bytes())
    subject = str(make_header(decode_header(message["Subject"])))
    body = next(
        part.get_payload(decode=True).decode()
        for part in message.walk()
        if part.get_content_type() == "text/plain"
    )
    return subject, body


def test_an_accept_on_a_full_event_is_told_it_is_waiting_in_its_language(
    run, db, full_event, tmp_path
):
    event_id, uid, _ids = full_event
    assert run("invite", event_id, "--out", tmp_path / "i.ics")[0] == 0
    bruno = _reply(tmp_path / "b.ics", uid, "bruno@example.org", "ACCEPTED", "20270520T080000Z")
    chloe = _reply(tmp_path / "c.ics", uid, "chloe@example.org", "ACCEPTED", "20270520T090000Z")

    code, out, err = run("replies", bruno, chloe)
    assert (code, err) == (0, "")
    assert "waiting list, position 1" in out and "position 2" in out

    code, out, err = run("notify", event_id, "--eml", tmp_path / "notices")

    assert (code, err) == (0, "")
    files = sorted((tmp_path / "notices").iterdir())
    assert len(files) == 2 and "2 notices" in out
    texts = dict(_read(f) for f in files)
    english = texts["Waiting list: Visite de la ressourcerie"]
    assert "you are on the waiting list, in position 1" in english
    french = next(body for subject, body in texts.items() if subject.startswith("Liste"))
    assert "position 2" in french
    # Done: notifying again writes nothing, and nobody is left « to notify ».
    assert run("notify", event_id, "--eml", tmp_path / "again")[1].startswith("0 notices")
    catalogue = open_catalogue(str(db))
    detail = planning.get_event(catalogue, event_id)
    assert not any(p.to_notify for p in detail.participants)
    assert outbox.pending(catalogue, event_id) == []
    catalogue.close()


def test_a_place_freed_by_a_decline_is_offered_to_the_first_waiting(run, db, full_event, tmp_path):
    event_id, uid, _ids = full_event
    run("invite", event_id, "--out", tmp_path / "i.ics")
    run(
        "replies",
        _reply(tmp_path / "b.ics", uid, "bruno@example.org", "ACCEPTED", "20270520T080000Z"),
    )
    run("notify", event_id, "--eml", tmp_path / "first")

    declined = _reply(tmp_path / "a.ics", uid, "alice@example.org", "DECLINED", "20270521T080000Z")
    assert run("replies", declined)[0] == 0
    code, _out, _err = run("notify", event_id, "--eml", tmp_path / "second")

    assert code == 0
    (offer,) = (tmp_path / "second").iterdir()
    subject, body = _read(offer)
    assert subject == "A place for you: Visite de la ressourcerie"
    assert "it is yours" in body
    message = email.message_from_bytes(offer.read_bytes())
    calendars = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    assert calendars and calendars[0].get_param("method") == "REQUEST"


def test_notify_without_any_organiser_is_refused(run, db, tmp_path):
    catalogue = open_catalogue(str(db))
    alice = _person(catalogue, "Alice", "Martin", "alice@example.org")
    bruno = _person(catalogue, "Bruno", "Durand", "bruno@example.org")
    event_id = planning.create_event(
        catalogue,
        planning.EventInput(
            kind="visit", title="V", start="2027-06-10T09:00", end="2027-06-10T12:00", capacity=1
        ),
    ).created_id("event")
    plist.add_participants(catalogue, event_id, [alice, bruno])
    plist.set_participant(catalogue, event_id, alice, status="accepted")
    plist.set_participant(catalogue, event_id, bruno, status="accepted")  # waiting, flagged
    catalogue.close()

    code, _out, err = run("notify", event_id, "--eml", tmp_path / "n")

    assert code == 1 and "organiser" in err


def test_accepting_on_a_full_event_from_the_command_line_flags_and_says_so(
    run, db, full_event, tmp_path
):
    """`participants add … --status accepted` on a full event: waiting, told, flagged."""
    event_id, _uid, _ids = full_event
    catalogue = open_catalogue(str(db))
    _person(catalogue, "Denis", "Petit", "denis@example.org", "en")
    catalogue.close()

    code, out, err = run(
        "participants", "add", event_id, "denis@example.org", "--status", "accepted"
    )

    assert (code, err) == (0, "")
    assert "number 1 on the waiting list" in out and "to notify" in out
    catalogue = open_catalogue(str(db))
    denis = next(
        p for p in planning.get_event(catalogue, event_id).participants if p.name == "Denis Petit"
    )
    catalogue.close()
    assert (denis.status, denis.to_notify) == ("waitlisted", True)
    code, out, _err = run("notify", event_id, "--eml", tmp_path / "n")
    (notice,) = (tmp_path / "n").iterdir()
    assert "you are on the waiting list, in position 1" in _read(notice)[1]


def test_adding_people_accepted_beyond_the_capacity_flags_them(db, full_event):
    event_id, _uid, _ids = full_event
    catalogue = open_catalogue(str(db))
    denis = _person(catalogue, "Denis", "Petit", "denis@example.org")
    plist.add_participants(catalogue, event_id, [denis], status="accepted")
    row = next(
        p for p in planning.get_event(catalogue, event_id).participants if p.person_id == denis
    )
    catalogue.close()
    assert (row.status, row.to_notify) == ("waitlisted", True)
