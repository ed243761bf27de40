"""Inviting from the window: the Invite button, the outbox, replies dropped in."""

from __future__ import annotations

import socket

import pytest
from aiosmtpd.controller import Controller
from PySide6.QtCore import Qt

from visitplanner.services.changes import Changes
from visitplanner.services.demo import load_demo
from visitplanner.services.events import planning
from visitplanner.ui.outbox_dialog import OutboxDialog


class Collector:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    handler = Collector()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield controller, handler
    controller.stop()


def test_invite_then_send_from_the_outbox(qtbot, window, smtp, monkeypatch):
    controller, server = smtp
    load_demo(window.catalogue)
    window.changes_applied.emit(Changes.everything())
    window.settings.organiser_name = "Anaïs Benhamou"
    window.settings.organiser_email = "anais.benhamou@example.org"
    window.settings.smtp_host = "127.0.0.1"
    window.settings.smtp_port = controller.port
    window.settings.smtp_security = "none"
    asked = []
    monkeypatch.setattr(
        "visitplanner.ui.dialogs.ask_yes_no", lambda *args: asked.append(args[1]) or False
    )
    seminar = next(e for e in planning.list_events(window.catalogue) if e.kind == "seminar")
    window.open_record("event", seminar.id)
    page = window.page("events")
    qtbot.mouseClick(page.invite_button, Qt.MouseButton.LeftButton)
    assert asked == ["Invitations ready"]

    dialog = OutboxDialog(window.catalogue, window.settings, window)
    qtbot.addWidget(dialog)
    waiting = dialog.tree.topLevelItemCount()
    assert waiting > 10 and dialog.send_button.isEnabled()
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    assert len(server.envelopes) == waiting
    assert "sent" in dialog.summary.text()
    assert not dialog.send_button.isEnabled()


def test_without_an_organiser_the_window_says_what_to_do(qtbot, window, monkeypatch):
    load_demo(window.catalogue)
    window.changes_applied.emit(Changes.everything())
    errors = []
    preferences = []
    monkeypatch.setattr(
        "visitplanner.ui.dialogs.ask_open_preferences",
        lambda parent, title, text: errors.append(text) or True,
    )
    monkeypatch.setattr(window, "show_preferences", lambda: preferences.append(True))
    seminar = next(e for e in planning.list_events(window.catalogue) if e.kind == "seminar")
    from visitplanner.store.models import Event

    with window.catalogue.session() as session:  # no organiser of its own to fall back on
        session.get(Event, seminar.id).organiser_id = None
    window.open_record("event", seminar.id)
    qtbot.mouseClick(window.page("events").invite_button, Qt.MouseButton.LeftButton)
    assert errors and "Preferences" in errors[0]
    assert preferences == [True]  # the dialog's button leads to Preferences


def test_replies_imported_from_the_file_menu_update_the_list(qtbot, window, monkeypatch, tmp_path):
    load_demo(window.catalogue)
    window.changes_applied.emit(Changes.everything())
    seminar = planning.get_event(
        window.catalogue,
        next(e for e in planning.list_events(window.catalogue) if e.kind == "seminar").id,
    )
    invited = next(p for p in seminar.participants if p.status == "invited" and p.email)
    reply = tmp_path / "reponse.ics"
    reply.write_bytes(
        (
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nMETHOD:REPLY\r\n"
            f"BEGIN:VEVENT\r\nUID:{seminar.event.uid}\r\nSEQUENCE:{seminar.event.sequence}\r\n"
            "DTSTAMP:20270101T120000Z\r\n"
            f"ATTENDEE;PARTSTAT=TENTATIVE:mailto:{invited.email}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        ).encode()
    )
    reports = []
    monkeypatch.setattr(
        "visitplanner.ui.dialogs.show_report",
        lambda parent, title, summary, lines: reports.append((summary, lines)),
    )
    window.import_replies([str(reply)])
    assert reports[0][0] == "1 reply applied, 0 ignored."
    after = {
        p.person_id: p for p in planning.get_event(window.catalogue, seminar.event.id).participants
    }
    assert after[invited.person_id].status == "tentative"


def test_a_plain_calendar_file_to_attach_by_hand(qtbot, window, monkeypatch, tmp_path):
    load_demo(window.catalogue)
    window.changes_applied.emit(Changes.everything())
    window.settings.organiser_name = "Anaïs Benhamou"
    window.settings.organiser_email = "anais.benhamou@example.org"
    target = tmp_path / "invitation.ics"
    monkeypatch.setattr("visitplanner.ui.export.ask_save_path", lambda *args: target)
    seminar = next(e for e in planning.list_events(window.catalogue) if e.kind == "seminar")
    window.open_record("event", seminar.id)
    qtbot.mouseClick(window.page("events").ics_button, Qt.MouseButton.LeftButton)
    data = target.read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and b"METHOD:REQUEST\r\n" in data
    assert f"UID:{seminar.uid}".encode() in data.replace(b"\r\n ", b"")
