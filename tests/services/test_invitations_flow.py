"""The invitation round trip a coordinator makes, against a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import email
import socket
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller

from visitplanner.services.changes import ChangeKind
from visitplanner.services.demo import load_demo
from visitplanner.services.directory.records import list_people as catalogue_people
from visitplanner.services.events import planning
from visitplanner.services.invitations import compose as invitations
from visitplanner.services.invitations import notices, outbox
from visitplanner.services.invitations.replies import import_replies
from visitplanner.settings import Settings


class Collector:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp():
    handler = Collector()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield controller, handler
    controller.stop()


def _settings(controller) -> Settings:
    return Settings(
        organiser_name="Anaïs Benhamou",
        organiser_email="anais.benhamou@example.org",
        smtp_host="127.0.0.1",
        smtp_port=controller.port,
        smtp_security="none",
    )


def _calendar_part(raw: bytes) -> tuple[str, bytes]:
    message = email.message_from_bytes(raw)
    for part in message.walk():
        if part.get_content_type() == "text/calendar":
            return part.get_param("method"), part.get_payload(decode=True)
    raise AssertionError("no text/calendar part")


def _reply(uid: str, sequence: int, address: str, partstat: str) -> bytes:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//Client//EN\r\nMETHOD:REPLY\r\n"
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nSEQUENCE:{sequence}\r\nDTSTAMP:20270101T120000Z\r\n"
        f"ATTENDEE;PARTSTAT={partstat}:MAILTO:{address.upper()}\r\n"
        "ORGANIZER:mailto:anais.benhamou@example.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


def test_invite_update_replies_and_cancel(catalogue, smtp, tmp_path):
    controller, server = smtp
    load_demo(catalogue)
    settings = _settings(controller)
    seminar = next(e for e in planning.list_events(catalogue) if e.kind == "seminar")

    # Invite: one message per invited participant, sent over SMTP, never twice.
    _calendar, _changes, count = invitations.invite(catalogue, seminar.id, settings)
    report = outbox.send_pending(catalogue, settings, None)
    assert report.sent == count == len(server.envelopes) > 10
    assert outbox.send_pending(catalogue, settings, None).sent == 0
    method, ics = _calendar_part(server.envelopes[0].content)
    assert method == "REQUEST" and b"METHOD:REQUEST" in ics
    message = email.message_from_bytes(server.envelopes[0].content)
    detail = planning.get_event(catalogue, seminar.id)
    # The event's organiser invites when that person has an e-mail (else Preferences').
    organiser = next(p for p in catalogue_people(catalogue) if p.id == detail.event.organiser_id)
    assert organiser.email and organiser.email in message["From"]
    assert all(
        p.invited_at is not None
        for p in detail.participants
        if p.email and p.status in ("invited", "accepted", "tentative")
    )

    # Move the seminar by one hour: same UID, SEQUENCE + 1, an update goes out.
    before = detail.event
    planning.update_event(
        catalogue,
        seminar.id,
        planning.EventPatch(
            start=(before.start + timedelta(hours=1)).isoformat(),
            end=(before.end + timedelta(hours=1)).isoformat(),
        ),
    )
    moved = planning.get_event(catalogue, seminar.id).event
    assert (moved.uid, moved.sequence) == (before.uid, before.sequence + 1)
    invitations.invite(catalogue, seminar.id, settings, kind="update")
    outbox.send_pending(catalogue, settings, None)
    _method, update = _calendar_part(server.envelopes[-1].content)
    assert f"SEQUENCE:{moved.sequence}".encode() in update

    # Three replies: accept, decline, tentative; the decline promotes the first waiting.
    people = {p.status: p for p in planning.get_event(catalogue, seminar.id).participants}
    waiting = sorted(
        (
            p
            for p in planning.get_event(catalogue, seminar.id).participants
            if p.status == "waitlisted"
        ),
        key=lambda p: p.waitlist_position,
    )
    accepted = next(
        p
        for p in planning.get_event(catalogue, seminar.id).participants
        if p.status == "accepted" and p.email
    )
    files = []
    for name, person, partstat in (
        ("accept.ics", people["invited"], "ACCEPTED"),
        ("decline.ics", accepted, "DECLINED"),
        ("maybe.ics", people["tentative"], "TENTATIVE"),
    ):
        path = tmp_path / name
        path.write_bytes(_reply(moved.uid, moved.sequence, person.email, partstat))
        files.append(path)
    stale = tmp_path / "stale.ics"
    stale.write_bytes(_reply(moved.uid, moved.sequence - 1, people["invited"].email, "DECLINED"))
    result = import_replies(catalogue, [*files, stale])
    assert (result.applied, result.ignored) == (3, 1)
    after = {p.person_id: p for p in planning.get_event(catalogue, seminar.id).participants}
    assert after[people["invited"].person_id].status in ("accepted", "waitlisted")
    assert after[accepted.person_id].status == "declined"
    assert after[waiting[0].person_id].status == "accepted"
    assert after[waiting[0].person_id].to_notify

    # Cancel: METHOD:CANCEL, same UID, a greater SEQUENCE, STATUS:CANCELLED.
    planning.update_event(catalogue, seminar.id, planning.EventPatch(status="cancelled"))
    invitations.invite(catalogue, seminar.id, settings, kind="cancel")
    outbox.send_pending(catalogue, settings, None)
    method, cancel = _calendar_part(server.envelopes[-1].content)
    assert method == "CANCEL"
    assert b"METHOD:CANCEL" in cancel and b"STATUS:CANCELLED" in cancel
    assert f"UID:{moved.uid}".encode() in cancel.replace(b"\r\n ", b"")


def test_removal_sends_a_cancel_and_promotion_a_request(catalogue, smtp):
    from visitplanner.services.events import participants as plist

    controller, server = smtp
    load_demo(catalogue)
    settings = _settings(controller)
    seminar = next(e for e in planning.list_events(catalogue) if e.kind == "seminar")
    invitations.invite(catalogue, seminar.id, settings)
    outbox.send_pending(catalogue, settings, None)
    sent = len(server.envelopes)
    detail = planning.get_event(catalogue, seminar.id)
    leaver = next(p for p in detail.participants if p.status == "accepted" and p.email)
    first_waiting = min(
        (p for p in detail.participants if p.status == "waitlisted" and p.email),
        key=lambda p: p.waitlist_position,
    )
    change = plist.remove_participant(catalogue, seminar.id, leaver.person_id)
    assert change.promoted == (first_waiting.person_id,)
    queued = notices.notify_list_changes(
        catalogue, seminar.id, settings, removed=[leaver.person_id], promoted=change.promoted
    )
    assert len(queued.created_ids(ChangeKind.OUTBOX)) == 2  # the outbox messages queued
    outbox.send_pending(catalogue, settings, None)
    new = server.envelopes[sent:]
    by_recipient = {e.rcpt_tos[0].casefold(): _calendar_part(e.content)[0] for e in new}
    assert by_recipient[leaver.email.casefold()] == "CANCEL"
    assert by_recipient[first_waiting.email.casefold()] == "REQUEST"
