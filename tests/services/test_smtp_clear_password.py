"""No password in clear: with SMTP security "None" a login needs the local relay confirmed.

A real aiosmtpd server on 127.0.0.1 accepts a login without TLS, as a careless server
would; the test proves from the server's side that without the confirmation nothing
reaches it (no login attempt, no message), and that with it the login and the sending work.
"""

from __future__ import annotations

import socket

import pytest

from visitplanner.domain.errors import UserError
from visitplanner.services.directory import records as cat
from visitplanner.services.events import planning
from visitplanner.services.invitations import outbox
from visitplanner.settings import Settings, load_settings, save_settings

aiosmtpd_controller = pytest.importorskip("aiosmtpd.controller")
aiosmtpd_smtp = pytest.importorskip("aiosmtpd.smtp")

PASSWORD = "Clair-comme-l’eau-42"
SENDER = "anais.benhamou@example.org"


class Server:
    """Everything the server saw: connections, logins (with the password sent), messages."""

    def __init__(self) -> None:
        self.connections = 0
        self.logins: list[tuple[bytes, bytes]] = []
        self.received: list[bytes] = []

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_DATA(self, server, session, envelope):
        self.received.append(envelope.content)
        return "250 OK"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        self.logins.append((auth_data.login, auth_data.password))
        ok = auth_data.login == b"anais" and auth_data.password == PASSWORD.encode()
        return aiosmtpd_smtp.AuthResult(success=ok, handled=False)


@pytest.fixture
def server():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    seen = Server()
    controller = aiosmtpd_controller.Controller(
        seen,
        hostname="127.0.0.1",
        port=port,
        authenticator=seen.authenticate,
        auth_require_tls=False,  # a server that would take a password in clear
    )
    controller.start()
    yield seen, port
    controller.stop()


@pytest.fixture
def queued(catalogue):
    event_id = planning.create_event(
        catalogue,
        planning.EventInput(
            kind="visit", title="Visite du tiers-lieu", start="2027-07-01T09:00",
            end="2027-07-01T17:00",
        ),
    ).created_id("event")  # fmt: skip
    person_id = cat.create_person(
        catalogue, cat.PersonInput(family_name="Dupont", email="zoe@example.org")
    ).created_id("person")
    message = (
        f"From: {SENDER}\r\nTo: zoe@example.org\r\nSubject: Invitation\r\n\r\nBonjour\r\n"
    ).encode()
    outbox.queue(
        catalogue,
        [
            outbox.QueuedMessage(
                event_id, person_id, "REQUEST", 0, "zoe@example.org", "Invitation", message
            )
        ],
    )
    return event_id


def settings_for(port: int, **values) -> Settings:
    values = {"smtp_security": "none", "smtp_user": "anais", **values}
    return Settings(organiser_email=SENDER, smtp_host="127.0.0.1", smtp_port=port, **values)


def test_a_login_without_encryption_is_refused_before_connecting(catalogue, queued, server):
    seen, port = server
    with pytest.raises(UserError) as refusal:
        outbox.send_pending(catalogue, settings_for(port), PASSWORD)
    message = refusal.value.message
    assert "unencrypted" in message and "anais" in message and "127.0.0.1" in message
    assert outbox.local_relay_label() in message  # names the setting that allows it
    assert "STARTTLS" in message
    # From the server's side: nobody came, so the password never crossed.
    assert (seen.connections, seen.logins, seen.received) == (0, [], [])
    assert [(i.attempts, i.sent_at) for i in outbox.list_outbox(catalogue)] == [(0, None)]
    with pytest.raises(UserError, match="unencrypted"):
        outbox.check_smtp(settings_for(port), PASSWORD)
    assert seen.connections == 0


def test_a_hand_edited_confirmation_that_is_not_true_does_not_count(catalogue, queued, server):
    seen, port = server
    with pytest.raises(UserError, match="unencrypted"):
        outbox.send_pending(
            catalogue, settings_for(port, smtp_local_relay_confirmed="yes"), PASSWORD
        )
    assert seen.connections == 0


def test_a_confirmed_local_relay_logs_in_and_sends(catalogue, queued, server):
    seen, port = server
    save_settings(settings_for(port, smtp_local_relay_confirmed=True))
    report = outbox.send_pending(catalogue, load_settings(), PASSWORD)
    assert report.sent == 1
    assert seen.logins == [(b"anais", PASSWORD.encode())]
    assert len(seen.received) == 1


def test_without_a_user_name_no_password_is_sent_and_no_confirmation_is_needed(
    catalogue, queued, server
):
    seen, port = server
    report = outbox.send_pending(catalogue, settings_for(port, smtp_user=""), None)
    assert report.sent == 1
    assert seen.logins == []


def test_encrypted_security_needs_no_confirmation(catalogue, queued, server):
    """STARTTLS is asked of a server that has none: refused for that reason, not this one."""
    seen, port = server
    with pytest.raises(UserError) as refusal:
        outbox.send_pending(catalogue, settings_for(port, smtp_security="starttls"), PASSWORD)
    assert "STARTTLS" in refusal.value.message
    assert "unencrypted" not in refusal.value.message
    assert seen.logins == []


def test_the_command_line_sets_the_confirmation_too():
    from visitplanner.domain.errors import ValidationError
    from visitplanner.services import preferences

    assert preferences.set_preference("smtp_local_relay_confirmed", "yes") is True
    assert load_settings().smtp_local_relay_confirmed is True
    with pytest.raises(ValidationError, match="yes or no"):
        preferences.set_preference("smtp_local_relay_confirmed", "perhaps")
    assert load_settings().smtp_local_relay_confirmed is True
    assert preferences.set_preference("smtp_local_relay_confirmed", "non") is False
