"""The invitation cycle in the window: delegation shown on the list, times refused at save,
the waiting-list notice queued like the other messages."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from tests.ui.conftest import type_text

from visitplanner.services.directory import records as cat
from visitplanner.services.events import participants as plist
from visitplanner.services.events import planning
from visitplanner.services.invitations import outbox
from visitplanner.store.models import Event

FIXTURES = Path(__file__).parents[1] / "fixtures" / "imip"
UID = "3f6d2a9e-7c41-4b8e-9a55-0c1d2e3f4a5b@visitplanner"


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _person(catalogue, given, family, address):
    data = cat.PersonInput(family_name=family, given_name=given, email=address)
    return cat.create_person(catalogue, data).created_id("person")


def _seminar(catalogue):
    organiser = _person(catalogue, "Anaïs", "Benhamou", "anais@example.org")
    bruno = _person(catalogue, "Bruno", "Durand", "bruno@example.org")
    alice = _person(catalogue, "Alice", "Martin", "alice@example.org")
    event_id = planning.create_event(
        catalogue,
        planning.EventInput(
            kind="seminar",
            title="Séminaire circuits courts",
            start="2027-06-10T09:00",
            end="2027-06-10T17:00",
            capacity=1,
            organiser_id=organiser,
        ),
    ).created_id("event")
    with catalogue.session() as session:
        session.get(Event, event_id).uid = UID
    plist.add_participants(catalogue, event_id, [bruno], role="speaker", status="accepted")
    plist.add_participants(catalogue, event_id, [alice])
    return event_id


def _rows(table):
    return [
        tuple(table.item(row, column).text() for column in range(3))
        for row in range(table.rowCount())
    ]


def test_a_delegation_shows_both_people_on_the_list(qtbot, window, tmp_path):
    event_id = _seminar(window.catalogue)
    window.open_record("event", event_id)
    panel = window.page("events").participants
    files = []
    for name in ("outlook-reply-delegated.eml", "outlook-reply-delegate-accepted.eml"):
        shutil.copy(FIXTURES / name, tmp_path / name)
        files.append(tmp_path / name)

    panel.import_replies(files)

    rows = {name: (status, position) for name, status, position in _rows(panel.table)}
    assert rows["Bruno Durand"] == ("Delegated", "")
    assert rows["Claire Petit"] == ("Accepted", "")
    assert "2 replies applied" in panel.message.text()
    tips = {
        panel.table.item(row, 0).text(): panel.table.item(row, 1).toolTip()
        for row in range(panel.table.rowCount())
    }
    assert tips["Bruno Durand"] == "Delegated to claire.petit@example.org"
    assert tips["Claire Petit"] == "In the place of bruno@example.org"
    panel.grab().save(str(tmp_path / "delegation.png"))


def test_a_zero_length_event_is_refused_at_the_end_field(qtbot, window):
    window.show_page("events")
    page = window.page("events")
    click(qtbot, page.new_button)
    type_text(page.form.title, "Atelier")
    page.form.start.setDateTime(QDateTime(QDate(2027, 4, 14), QTime(14, 0)))
    page.form.end.setDateTime(QDateTime(QDate(2027, 4, 14), QTime(14, 0)))
    click(qtbot, page.form.save_button)
    assert page.form.error.isVisible()
    assert "same as the start" in page.form.error.text()
    assert planning.list_events(window.catalogue) == []


def test_an_acceptance_on_a_full_event_queues_the_waiting_list_notice(qtbot, window):
    event_id = _seminar(window.catalogue)
    window.settings.organiser_name = "Anaïs Benhamou"
    window.settings.organiser_email = "anais@example.org"
    from visitplanner.services.invitations import compose as invitations

    invitations.invite(window.catalogue, event_id, window.settings)  # the invitations left
    window.open_record("event", event_id)
    panel = window.page("events").participants
    alice = next(
        p.person_id
        for p in planning.get_event(window.catalogue, event_id).participants
        if p.name == "Alice Martin"
    )

    panel.set_status(alice, "accepted")

    rows = {name: (status, position) for name, status, position in _rows(panel.table)}
    assert rows["Alice Martin"] == ("Waiting list", "1")
    notices = [m for m in outbox.pending(window.catalogue, event_id) if m.method == "NOTICE"]
    assert [m.recipient for m in notices] == ["alice@example.org"]
    assert "1 message put in the outbox" in panel.message.text()


def test_the_calendar_export_writes_the_good_events_and_names_the_bad_one(
    qtbot, window, monkeypatch, tmp_path
):
    for title in ("Bonne visite", "Visite sans durée"):
        planning.create_event(
            window.catalogue,
            planning.EventInput(
                kind="visit", title=title, start="2027-05-03T09:00", end="2027-05-03T10:00"
            ),
        )
    with window.catalogue.session() as session:  # as an older version could leave it
        bad = session.query(Event).filter_by(title="Visite sans durée").one()
        bad.ends_at = bad.starts_at
    target = tmp_path / "agenda.ics"
    errors = []
    monkeypatch.setattr("visitplanner.ui.file_dialogs.save_path", lambda *args: target)
    monkeypatch.setattr(
        "visitplanner.ui.dialogs.show_error", lambda parent, title, text: errors.append(text)
    )

    window.export_calendar()

    text = target.read_bytes().decode().replace("\r\n ", "")
    assert "SUMMARY:Bonne visite" in text and "sans durée" not in text
    assert len(errors) == 1 and "Visite sans durée" in errors[0]
    assert str(target) in window.statusBar().currentMessage()


def test_a_waiting_notice_is_queued_once_and_gives_way_to_the_offered_place(qtbot, window):
    event_id = _seminar(window.catalogue)
    window.settings.organiser_name = "Anaïs Benhamou"
    window.settings.organiser_email = "anais@example.org"
    from visitplanner.services.invitations import compose as invitations

    invitations.invite(window.catalogue, event_id, window.settings)
    window.open_record("event", event_id)
    panel = window.page("events").participants
    by_name = {
        p.name: p.person_id for p in planning.get_event(window.catalogue, event_id).participants
    }

    def alice_pending():
        return [
            (m.id, m.method)
            for m in outbox.pending(window.catalogue, event_id)
            if m.recipient == "alice@example.org"
        ]

    panel.set_status(by_name["Alice Martin"], "accepted")  # full: waiting, notice queued
    first = alice_pending()
    panel.set_status(by_name["Bruno Durand"], "accepted")  # nothing changes for Alice
    # Her invitation (not sent yet) and the notice, not a second notice.
    assert alice_pending() == first and [m for _i, m in first] == ["REQUEST", "NOTICE"]
    assert "outbox" not in panel.message.text()

    panel.set_status(by_name["Bruno Durand"], "declined")  # the place goes to Alice

    # The offer of the place replaces both: one message, the latest news.
    assert [m for _i, m in alice_pending()] == ["REQUEST"]
    subjects = [
        m.subject
        for m in outbox.pending(window.catalogue, event_id)
        if m.recipient.startswith("alice")
    ]
    assert subjects == ["Une place pour vous : Séminaire circuits courts"]


def test_sending_invitations_names_who_was_left_out_for_a_bad_address(qtbot, window, monkeypatch):
    """Before, the window said only how many messages were queued: a participant whose
    address no calendar can carry was left out without a word."""
    from visitplanner.store.models import Person

    event_id = _seminar(window.catalogue)
    with window.catalogue.session() as session:  # e.g. imported by an older version
        session.query(Person).filter_by(
            email="alice@example.org"
        ).one().email = "alice martin@example.org"
    asked = []
    monkeypatch.setattr(
        "visitplanner.ui.dialogs.ask_yes_no", lambda *args: asked.append(args[1:]) or False
    )
    window.open_record("event", event_id)
    page = window.page("events")
    click(qtbot, page.invite_button)

    ((title, text),) = asked
    assert title == "Invitations ready"
    assert "Alice Martin" in text and "alice martin@example.org" in text and "left out" in text
    assert "1 message is in the outbox" in text
    assert len(outbox.pending(window.catalogue, event_id)) == 1


def test_saving_the_invitation_file_names_who_was_left_out(qtbot, window, monkeypatch, tmp_path):
    from visitplanner.store.models import Person

    event_id = _seminar(window.catalogue)
    with window.catalogue.session() as session:
        person = session.query(Person).filter_by(email="alice@example.org").one()
        person.email = "alice martin@example.org"
    target = tmp_path / "invitation.ics"
    monkeypatch.setattr("visitplanner.ui.export.ask_save_path", lambda *args: target)
    shown = []
    monkeypatch.setattr("visitplanner.ui.dialogs.show_error", lambda *args: shown.append(args[1:]))
    window.open_record("event", event_id)
    click(qtbot, window.page("events").ics_button)

    assert b"bruno@example.org" in target.read_bytes().replace(b"\r\n ", b"")
    ((title, text),) = shown
    assert title == "Some participants were left out" and "alice martin@example.org" in text
