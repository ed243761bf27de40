"""The outbox against a real SMTP server on 127.0.0.1, and the password in the keyring only.

aiosmtpd runs in a thread of the test process; what it receives is parsed back
as a mail client would: MIME layout, method= equal to METHOD, From equal to
ORGANIZER, the stored bytes delivered unchanged, each message at most once.
"""

from __future__ import annotations

import datetime as dt
import email
import functools
import ipaddress
import logging
import smtplib
import socket
import ssl
from email import policy
from pathlib import Path

import keyring
import keyring.backend
import keyring.backends.fail
import keyring.errors
import pytest
from sqlalchemy import select, update

from backends import server_rows
from visitplanner.domain.errors import NotFoundError, UserError
from visitplanner.exchange import mail
from visitplanner.services.directory import records as cat
from visitplanner.services.events import planning
from visitplanner.services.invitations import outbox
from visitplanner.services.invitations import smtp_password as secrets
from visitplanner.settings import Settings, load_settings, save_settings
from visitplanner.store.models import OutboxMessage, Participation

aiosmtpd_controller = pytest.importorskip("aiosmtpd.controller")
aiosmtpd_smtp = pytest.importorskip("aiosmtpd.smtp")

ORGANIZER = "elodie.martin@cress-exemple.fr"
PASSWORD = "s3cret-Pässword!"


# --- a real SMTP server --------------------------------------------------------------------


class Collector:
    """aiosmtpd handler: keeps what arrives, refuses the recipients listed in ``reject``."""

    def __init__(self) -> None:
        self.received: list[tuple[str, list[str], bytes]] = []
        self.reject: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.reject:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 2.0.0 Ok: queued"

    def messages(self) -> list[email.message.EmailMessage]:
        return [email.message_from_bytes(data, policy=policy.default) for *_, data in self.received]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(**kwargs):
    handler = Collector()
    controller = aiosmtpd_controller.Controller(
        handler, hostname="127.0.0.1", port=free_port(), **kwargs
    )
    controller.start()
    return handler, controller


@pytest.fixture
def server():
    handler, controller = start_server()
    yield handler, controller
    controller.stop()


def smtp_settings(controller, **values) -> Settings:
    values.setdefault("smtp_security", "none")
    # The plain-text server is this test's own, on 127.0.0.1: a local relay indeed.
    values.setdefault("smtp_local_relay_confirmed", values["smtp_security"] == "none")
    return Settings(
        organiser_name="Élodie Martin",
        organiser_email=ORGANIZER,
        smtp_host="127.0.0.1",
        smtp_port=controller.port,
        **values,
    )


# --- a catalogue with an event and its participants -------------------------------------------


def calendar(method: str, sequence: int, attendee: str) -> bytes:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Visit Planner//Tests//FR",
        f"METHOD:{method}",
        "BEGIN:VEVENT",
        "UID:visite-42@visitplanner.test",
        f"SEQUENCE:{sequence}",
        "DTSTAMP:20270601T080000Z",
        "DTSTART:20270701T070000Z",
        "DTEND:20270701T153000Z",
        "SUMMARY:Visite de la fromagerie",
        f'ORGANIZER;CN="Martin, Élodie":mailto:{ORGANIZER}',
        f"ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:{attendee}",
        "STATUS:CANCELLED" if method == "CANCEL" else "STATUS:CONFIRMED",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def invitation(event_id, person_id, address, name="Zoé Dupont", method="REQUEST", sequence=0):
    subject, text = mail.invitation_texts(
        "en",
        kind="cancel" if method == "CANCEL" else "request",
        title="Visite de la fromagerie",
        when="1 July 2027",
        where="Lyon",
        organiser="Élodie Martin",
        question=None,
        programme=[],
    )
    message = mail.build_message(
        from_name="Élodie Martin",
        from_email=ORGANIZER,
        to_name=name,
        to_email=address,
        subject=subject,
        text=text,
        calendar=calendar(method, sequence, address),
        method=method,
    )
    return outbox.QueuedMessage(event_id, person_id, method, sequence, address, subject, message)


@pytest.fixture
def planned(catalogue):
    """An event with three invited people; returns (event_id, {address: person_id})."""
    event_id = planning.create_event(
        catalogue,
        planning.EventInput(
            kind="visit",
            title="Visite de la fromagerie",
            start="2027-07-01T09:00",
            end="2027-07-01T17:30",
        ),
    ).created_id("event")
    people = {}
    for family, address in (("Dupont", "zoe@example.org"), ("Morel", "luc@example.org"),
                            ("Nguyen", "anh@example.org")):  # fmt: skip
        person_id = cat.create_person(
            catalogue, cat.PersonInput(family_name=family, email=address)
        ).created_id("person")
        planning.add_participant(catalogue, event_id, person_id)
        people[address] = person_id
    return event_id, people


def queue_all(catalogue, planned) -> list[int]:
    event_id, people = planned
    changes = outbox.queue(
        catalogue, [invitation(event_id, pid, address) for address, pid in people.items()]
    )
    return sorted(i for kind, i in changes.created if kind == "outbox")


def invited_at(catalogue, event_id, person_id):
    with catalogue.session() as session:
        return session.scalar(
            select(Participation.invited_at).where(
                Participation.event_id == event_id, Participation.person_id == person_id
            )
        )


# --- queue and lists ------------------------------------------------------------------------


def test_queue_keeps_the_exact_message(catalogue, planned) -> None:
    event_id, people = planned
    queued = invitation(event_id, people["zoe@example.org"], "zoe@example.org")
    changes = outbox.queue(catalogue, [queued])
    outbox_id = changes.created_id("outbox")
    assert outbox.message_text(catalogue, outbox_id).encode() == mail.message_bytes(queued.message)
    [item] = outbox.pending(catalogue)
    assert (item.id, item.method, item.recipient, item.state) == (
        outbox_id,
        "REQUEST",
        "zoe@example.org",
        "pending",
    )
    assert item.subject == "Invitation: Visite de la fromagerie"


def test_queue_is_all_or_nothing(catalogue, planned) -> None:
    event_id, people = planned
    good = invitation(event_id, people["zoe@example.org"], "zoe@example.org")
    bad = outbox.QueuedMessage(event_id, None, "REQUEST", 0, "not an address", "x", good.message)
    with pytest.raises(UserError, match="not an address"):
        outbox.queue(catalogue, [good, bad])
    assert outbox.list_outbox(catalogue) == []


def test_a_newer_message_replaces_an_unsent_older_one(catalogue, planned) -> None:
    event_id, people = planned
    pid = people["zoe@example.org"]
    first = outbox.queue(catalogue, [invitation(event_id, pid, "zoe@example.org")])
    second = outbox.queue(catalogue, [invitation(event_id, pid, "zoe@example.org", sequence=1)])
    assert second.deleted == first.created
    [item] = outbox.pending(catalogue, event_id)
    assert item.sequence == 1


# --- sending over SMTP ---------------------------------------------------------------------


def test_send_delivers_each_message_once(catalogue, planned, server) -> None:
    handler, controller = server
    event_id, people = planned
    ids = queue_all(catalogue, planned)
    stored = {i: outbox.message_text(catalogue, i).encode() for i in ids}
    calls = []

    report = outbox.send_pending(
        catalogue, smtp_settings(controller), None, progress=lambda *a: calls.append(a)
    )

    assert (report.sent, report.failed, report.unconfirmed, report.stopped) == (3, [], [], None)
    assert calls == [(1, 3), (2, 3), (3, 3)]
    assert sorted(rcpt[0] for _, rcpt, _ in handler.received) == sorted(people)
    assert {mail_from for mail_from, *_ in handler.received} == {ORGANIZER}
    assert sorted(data for *_, data in handler.received) == sorted(stored.values())
    for message in handler.messages():
        parts = {part.get_content_type(): part for part in message.walk()}
        assert message.get_content_type() == "multipart/mixed"
        assert parts["multipart/alternative"].get_payload()[0].get_content_type() == "text/plain"
        inline = parts["text/calendar"]
        ics = inline.get_payload(decode=True)
        assert inline.get_param("method") == "REQUEST"
        assert inline.get_content_charset() == "utf-8"
        assert b"\r\nMETHOD:REQUEST\r\n" in ics
        assert message["From"].addresses[0].addr_spec == ORGANIZER
        assert f"mailto:{ORGANIZER}".encode() in ics.split(b"ORGANIZER")[1].split(b"\r\n")[0]
    assert all(item.state == "sent" for item in outbox.list_outbox(catalogue))
    assert outbox.pending(catalogue) == []
    for person_id in people.values():
        assert invited_at(catalogue, event_id, person_id) is not None
    assert report.changes.touches("participation")

    again = outbox.send_pending(catalogue, smtp_settings(controller), None)
    assert again.sent == 0 and again.failed == []
    assert len(handler.received) == 3


def test_a_refused_recipient_fails_with_the_reason_and_the_others_go(
    catalogue, planned, server
) -> None:
    handler, controller = server
    event_id, people = planned
    queue_all(catalogue, planned)
    handler.reject.add("luc@example.org")

    report = outbox.send_pending(catalogue, smtp_settings(controller), None)

    assert report.sent == 2
    [(item, reason)] = report.failed
    assert item.recipient == "luc@example.org"
    assert reason.startswith("550 5.1.1") and "User unknown" in reason
    assert "\n" not in reason
    assert (item.state, item.attempts, item.last_error) == ("failed", 1, reason)
    assert invited_at(catalogue, event_id, people["luc@example.org"]) is None
    assert [i.recipient for i in outbox.pending(catalogue)] == ["luc@example.org"]

    handler.reject.clear()
    retry = outbox.send_pending(catalogue, smtp_settings(controller), None)
    assert (retry.sent, retry.failed) == (1, [])
    assert [rcpt for _, rcpt, _ in handler.received].count(["luc@example.org"]) == 1
    assert invited_at(catalogue, event_id, people["luc@example.org"]) is not None


def test_server_down_changes_nothing(catalogue, planned) -> None:
    queue_all(catalogue, planned)
    port = free_port()  # nothing listens there
    settings = Settings(smtp_host="127.0.0.1", smtp_port=port, smtp_security="none")
    with pytest.raises(UserError, match=f"Cannot connect to the SMTP server 127.0.0.1:{port}"):
        outbox.send_pending(catalogue, settings, None)
    assert [(i.state, i.attempts) for i in outbox.list_outbox(catalogue)] == [("pending", 0)] * 3


def test_settings_are_checked_before_connecting(catalogue, planned) -> None:
    queue_all(catalogue, planned)
    with pytest.raises(UserError, match="No SMTP server"):
        outbox.send_pending(catalogue, Settings(), None)
    with pytest.raises(UserError, match="password"):
        outbox.send_pending(catalogue, Settings(smtp_host="x", smtp_user="elodie"), None)
    with pytest.raises(UserError, match="security"):
        outbox.send_pending(catalogue, Settings(smtp_host="x", smtp_security="tls1.0"), None)


def test_nothing_to_send_does_not_connect(catalogue) -> None:
    def connect(settings, password):
        raise AssertionError("no connection is needed")

    report = outbox.send_pending(catalogue, Settings(), None, connect=connect)
    assert report.sent == 0


class DroppingClient:
    """Accepts the first message, then loses the connection during the second."""

    def __init__(self) -> None:
        self.sent: list[str] = []

    def sendmail(self, from_addr, to_addrs, msg):
        if self.sent:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        self.sent.append(to_addrs[0])
        return {}

    def quit(self):
        return None


def test_a_lost_connection_leaves_one_message_unconfirmed_never_resent(
    catalogue, planned, server
) -> None:
    handler, controller = server
    queue_all(catalogue, planned)
    client = DroppingClient()

    report = outbox.send_pending(
        catalogue, Settings(smtp_host="x"), None, connect=lambda s, p: client
    )

    assert report.sent == 1 and report.failed == []
    [doubtful] = report.unconfirmed
    assert "lost" in report.stopped and "unexpectedly closed" in report.stopped
    assert (doubtful.state, doubtful.attempts) == ("unconfirmed", 1)
    states = sorted(item.state for item in outbox.list_outbox(catalogue))
    assert states == ["pending", "sent", "unconfirmed"]

    # The next sending sends the untouched one, not the one in doubt, and says so again.
    later = outbox.send_pending(catalogue, smtp_settings(controller), None)
    assert later.sent == 1
    assert [item.id for item in later.unconfirmed] == [doubtful.id]
    assert doubtful.recipient not in [rcpt[0] for _, rcpt, _ in handler.received]

    # The user decides to send it again.
    outbox.allow_resend(catalogue, [doubtful.id])
    assert [item.id for item in outbox.pending(catalogue)] == [doubtful.id]
    final = outbox.send_pending(catalogue, smtp_settings(controller), None)
    assert final.sent == 1 and final.unconfirmed == []
    assert [rcpt[0] for _, rcpt, _ in handler.received].count(doubtful.recipient) == 1


def test_a_crash_between_claim_and_confirmation_is_not_resent(catalogue, planned, server) -> None:
    handler, controller = server
    ids = queue_all(catalogue, planned)
    with catalogue.session() as session:  # what a crash right after the claim leaves behind
        session.execute(update(OutboxMessage).where(OutboxMessage.id == ids[0]).values(attempts=1))

    report = outbox.send_pending(catalogue, smtp_settings(controller), None)

    assert report.sent == 2
    assert [item.id for item in report.unconfirmed] == [ids[0]]
    assert len(handler.received) == 2


def test_cancelling_stops_before_the_next_message(catalogue, planned, server) -> None:
    _handler, controller = server
    queue_all(catalogue, planned)
    answers = iter([False, True])
    report = outbox.send_pending(
        catalogue, smtp_settings(controller), None, cancelled=lambda: next(answers)
    )
    assert report.sent == 1 and report.stopped == "Sending was cancelled."
    assert len(outbox.pending(catalogue)) == 2


def test_a_cancellation_does_not_touch_invited_at(catalogue, planned, server) -> None:
    handler, controller = server
    event_id, people = planned
    pid = people["zoe@example.org"]
    outbox.queue(catalogue, [invitation(event_id, pid, "zoe@example.org", method="CANCEL")])
    outbox.send_pending(catalogue, smtp_settings(controller), None)
    [message] = handler.messages()
    inline = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
    assert inline.get_param("method") == "CANCEL"
    assert b"\r\nMETHOD:CANCEL\r\n" in inline.get_payload(decode=True)
    assert invited_at(catalogue, event_id, pid) is None


def test_only_one_event(catalogue, planned, server) -> None:
    _handler, controller = server
    event_id, _people = planned
    queue_all(catalogue, planned)
    assert outbox.send_pending(catalogue, smtp_settings(controller), None, event_id=999).sent == 0
    assert outbox.send_pending(catalogue, smtp_settings(controller), None, event_id=event_id).sent


# --- authentication and TLS ------------------------------------------------------------------


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login == b"elodie" and auth_data.password == PASSWORD.encode()
    return aiosmtpd_smtp.AuthResult(success=ok, handled=False)


@pytest.fixture
def auth_server():
    # Login over plain text is only for this local test server.
    handler, controller = start_server(authenticator=authenticator, auth_require_tls=False)
    yield handler, controller
    controller.stop()


def test_login_and_the_password_stays_out_of_logs_settings_and_catalogue(
    catalogue, planned, auth_server, caplog, db_path, tmp_path
) -> None:
    _handler, controller = auth_server
    caplog.set_level(logging.DEBUG)
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        settings = smtp_settings(controller, smtp_user="elodie")
        save_settings(settings)
        secrets.set_smtp_password(settings.smtp_host, settings.smtp_user, PASSWORD)
        queue_all(catalogue, planned)

        with pytest.raises(UserError, match="refused the user name or the password"):
            outbox.send_pending(catalogue, settings, "wrong")
        password = secrets.get_smtp_password(settings.smtp_host, settings.smtp_user)
        report = outbox.send_pending(catalogue, load_settings(), password)
    finally:
        keyring.set_keyring(previous)

    assert report.sent == 3
    assert PASSWORD not in caplog.text
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert PASSWORD.encode() not in path.read_bytes(), path
    if catalogue.is_sqlite:
        assert db_path.exists()  # the catalogue file was among those read
    else:
        assert PASSWORD not in repr(server_rows(catalogue.url.render_as_string(False)))


def test_wrong_password_changes_nothing(catalogue, planned, auth_server) -> None:
    _handler, controller = auth_server
    queue_all(catalogue, planned)
    settings = smtp_settings(controller, smtp_user="elodie")
    with pytest.raises(UserError):
        outbox.send_pending(catalogue, settings, "wrong")
    assert [item.attempts for item in outbox.list_outbox(catalogue)] == [0, 0, 0]


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A self-signed certificate for 127.0.0.1: (server context, client context)."""
    x509 = pytest.importorskip("cryptography.x509")
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("tls")
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(cert_file, key_file)
    client_context = ssl.create_default_context(cafile=str(cert_file))
    return server_context, client_context


def test_starttls_with_login(catalogue, planned, certificate) -> None:
    server_context, client_context = certificate
    _handler, controller = start_server(
        tls_context=server_context, require_starttls=True, authenticator=authenticator
    )
    try:
        queue_all(catalogue, planned)
        settings = smtp_settings(controller, smtp_security="starttls", smtp_user="elodie")
        connect = functools.partial(outbox.smtp_connect, context=client_context)
        report = outbox.send_pending(catalogue, settings, PASSWORD, connect=connect)
        assert report.sent == 3
    finally:
        controller.stop()


def test_starttls_refuses_an_unknown_certificate(catalogue, planned, certificate) -> None:
    server_context, _client = certificate
    handler, controller = start_server(tls_context=server_context, require_starttls=True)
    try:
        queue_all(catalogue, planned)
        settings = smtp_settings(controller, smtp_security="starttls")
        with pytest.raises(UserError, match="Cannot connect"):
            outbox.send_pending(catalogue, settings, None)
        assert handler.received == []
    finally:
        controller.stop()


def test_starttls_missing_is_said_clearly(catalogue, planned, server) -> None:
    _handler, controller = server
    queue_all(catalogue, planned)
    with pytest.raises(UserError, match="does not offer STARTTLS"):
        outbox.send_pending(catalogue, smtp_settings(controller, smtp_security="starttls"), None)


def test_implicit_tls(catalogue, planned, certificate) -> None:
    server_context, client_context = certificate
    _handler, controller = start_server(ssl_context=server_context)
    try:
        queue_all(catalogue, planned)
        settings = smtp_settings(controller, smtp_security="ssl")
        connect = functools.partial(outbox.smtp_connect, context=client_context)
        assert outbox.send_pending(catalogue, settings, None, connect=connect).sent == 3
    finally:
        controller.stop()


# --- .eml files and the user's own decisions -----------------------------------------------


def test_export_eml_writes_the_stored_bytes_and_marks_nothing(catalogue, planned, tmp_path) -> None:
    event_id, people = planned
    ids = queue_all(catalogue, planned)
    outbox.queue(
        catalogue,
        [invitation(event_id, people["anh@example.org"], "anh@example.org", method="CANCEL",
                    sequence=1)],
    )  # fmt: skip
    folder = tmp_path / "envoi"
    paths = outbox.export_eml(catalogue, folder)
    assert sorted(p.name for p in paths) == [
        "20270701-visite-de-la-fromagerie-anh@example.org-cancel.eml",
        "20270701-visite-de-la-fromagerie-luc@example.org.eml",
        "20270701-visite-de-la-fromagerie-zoe@example.org.eml",
    ]
    for path in paths:
        data = path.read_bytes()
        assert data.count(b"\n") == data.count(b"\r\n")
        message = email.message_from_bytes(data, policy=policy.default)
        assert message["From"].addresses[0].addr_spec == ORGANIZER
    zoe = next(p for p in paths if "zoe" in p.name)
    assert zoe.read_bytes() == outbox.message_text(catalogue, ids[0]).encode()
    assert all(item.sent_at is None for item in outbox.list_outbox(catalogue))
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in paths)


def test_mark_sent_manually_and_discard(catalogue, planned) -> None:
    event_id, _people = planned
    ids = queue_all(catalogue, planned)
    changes = outbox.mark_sent_manually(catalogue, [ids[0]])
    assert ("outbox", ids[0]) in changes.updated and changes.touches("participation")
    [first] = [item for item in outbox.list_outbox(catalogue) if item.id == ids[0]]
    assert first.state == "sent"
    assert invited_at(catalogue, event_id, first.person_id) == first.sent_at

    assert outbox.discard(catalogue, [ids[1]]).deleted == frozenset({("outbox", ids[1])})
    assert [item.id for item in outbox.pending(catalogue)] == [ids[2]]
    with pytest.raises(NotFoundError):
        outbox.discard(catalogue, [12345])


# --- the keyring ----------------------------------------------------------------------------


class MemoryKeyring(keyring.backend.KeyringBackend):
    """Passwords in a dict: tests never touch the machine's real keyring."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.entries[(service, username)]
        except KeyError:
            raise keyring.errors.PasswordDeleteError("no such password") from None


class LockedKeyring(MemoryKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("Failed to unlock the collection")


@pytest.fixture
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_password_round_trip(memory_keyring) -> None:
    assert secrets.get_smtp_password("smtp.example.org", "elodie") is None
    secrets.set_smtp_password("SMTP.example.org ", "elodie", PASSWORD)
    assert secrets.get_smtp_password("smtp.example.org", "elodie") == PASSWORD
    assert list(memory_keyring.entries) == [("visitplanner-smtp", "elodie@smtp.example.org")]
    assert secrets.get_smtp_password("smtp.example.org", "other") is None
    secrets.delete_smtp_password("smtp.example.org", "elodie")
    secrets.delete_smtp_password("smtp.example.org", "elodie")  # already gone: fine
    assert secrets.get_smtp_password("smtp.example.org", "elodie") is None
    secrets.set_smtp_password("smtp.example.org", "elodie", PASSWORD)
    secrets.set_smtp_password("smtp.example.org", "elodie", "")  # empty: forget it
    assert memory_keyring.entries == {}


def test_no_keyring_on_this_machine_is_a_clear_error(caplog) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        for call in (
            lambda: secrets.get_smtp_password("smtp.example.org", "elodie"),
            lambda: secrets.set_smtp_password("smtp.example.org", "elodie", PASSWORD),
            lambda: secrets.delete_smtp_password("smtp.example.org", "elodie"),
        ):
            with pytest.raises(secrets.KeyringUnavailableError) as raised:
                call()
            assert str(raised.value).startswith(
                "No system keyring is available to keep the SMTP password;"
            )
    finally:
        keyring.set_keyring(previous)
    assert PASSWORD not in caplog.text


def test_a_locked_keyring_says_why() -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(LockedKeyring())
    try:
        with pytest.raises(UserError, match="Failed to unlock the collection"):
            secrets.get_smtp_password("smtp.example.org", "elodie")
    finally:
        keyring.set_keyring(previous)


def test_the_settings_file_has_no_password_field(tmp_path: Path) -> None:
    settings = Settings(smtp_host="smtp.example.org", smtp_user="elodie")
    path = tmp_path / "settings.json"
    save_settings(settings, path)
    text = path.read_text(encoding="utf-8")
    assert "password" not in text.lower()
    assert load_settings(path).smtp_port == 587
    assert load_settings(path).smtp_security == "starttls"


def test_check_smtp_for_the_preferences(auth_server) -> None:
    _handler, controller = auth_server
    settings = smtp_settings(controller, smtp_user="elodie")
    outbox.check_smtp(settings, PASSWORD)
    with pytest.raises(UserError, match="refused the user name or the password"):
        outbox.check_smtp(settings, "wrong")
    with pytest.raises(UserError, match="Enter the SMTP password"):
        outbox.check_smtp(settings, None)
