"""Invitation e-mails as RFC 6047 and real clients want them (ICALENDAR.md assertions 18-19)."""

from __future__ import annotations

import email
import os
from datetime import UTC, datetime
from email import policy
from email.header import decode_header
from pathlib import Path

import pytest

from visitplanner.exchange import mail
from visitplanner.i18n import _, set_language

ORGANIZER = "elodie.martin@cress-exemple.fr"
NBSP = "\u00a0"


def calendar(method: str = "REQUEST", organizer: str = ORGANIZER) -> bytes:
    """A small hand-written iTIP object: CRLF, a folded line cut inside nothing."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Visit Planner//Tests//FR",
        f"METHOD:{method}",
        "BEGIN:VEVENT",
        "UID:42@visitplanner.test",
        "SEQUENCE:0",
        "DTSTAMP:20270601T080000Z",
        "DTSTART:20270701T070000Z",
        "DTEND:20270701T153000Z",
        "SUMMARY:Visite « fromagerie », été 🧀",
        "DESCRIPTION:Une description assez longue pour être pliée sur plusieurs ligne",
        " s\\, avec une virgule échappée et des accents : é à ç.",
        f'ORGANIZER;CN="Martin, Élodie":mailto:{organizer}',
        "ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:zoe@example.org",
        "STATUS:CANCELLED" if method == "CANCEL" else "STATUS:CONFIRMED",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def build(**overrides):
    values = {
        "from_name": "Élodie Martin, CRESS",
        "from_email": ORGANIZER,
        "to_name": "Zoé Dupont-Lefèvre",
        "to_email": "zoe@example.org",
        "subject": f"Invitation{NBSP}: Visite «{NBSP}fromagerie{NBSP}», été",
        "text": "Bonjour,\nvous êtes invitée.\n",
        "calendar": calendar(),
        "method": "REQUEST",
    }
    values.update(overrides)
    return mail.build_message(**values)


def parsed(message) -> email.message.EmailMessage:
    return email.message_from_bytes(mail.message_bytes(message), policy=policy.default)


def raw_header(data: bytes, name: str) -> str:
    """A header as it travels: unfolded, still encoded."""
    head = data.split(b"\r\n\r\n", 1)[0].decode("ascii")
    value = head.replace("\r\n ", " ").split(f"\r\n{name}: ", 1)[-1]
    if head.startswith(f"{name}: "):
        value = head[len(name) + 2 :]
    return value.split("\r\n", 1)[0]


def decoded(value: str) -> str:
    return "".join(
        part.decode(charset or "ascii") if isinstance(part, bytes) else part
        for part, charset in decode_header(value)
    )


def test_layout_with_attachment() -> None:
    message = parsed(build(html="<p>Bonjour</p>"))
    assert [part.get_content_type() for part in message.walk()] == [
        "multipart/mixed",
        "multipart/alternative",
        "text/plain",
        "text/html",
        "text/calendar",
        "application/ics",
    ]
    attachment = list(message.walk())[-1]
    assert attachment.get_filename() == "invite.ics"
    assert attachment.get_content_disposition() == "attachment"


def test_without_attachment_the_message_is_multipart_alternative() -> None:
    message = parsed(build(attach_ics=False))
    assert message.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in message.iter_parts()] == [
        "text/plain",
        "text/calendar",
    ]


@pytest.mark.parametrize("method", ["REQUEST", "CANCEL"])
def test_calendar_part_names_the_method_and_keeps_the_bytes(method: str) -> None:
    data = mail.message_bytes(build(calendar=calendar(method), method=method))
    assert f"Content-Type: text/calendar; charset=UTF-8; method={method}\r\n".encode() in data
    message = email.message_from_bytes(data, policy=policy.default)
    parts = {part.get_content_type(): part for part in message.walk()}
    inline = parts["text/calendar"]
    assert inline.get_param("method") == method
    assert inline.get_content_charset() == "utf-8"
    assert f"METHOD:{method}\r\n".encode() in inline.get_payload(decode=True)
    assert inline.get_payload(decode=True) == calendar(method)
    assert parts["application/ics"].get_payload(decode=True) == calendar(method)


def test_from_is_the_organizer() -> None:
    message = parsed(build())
    organizer = mail.calendar_organizers(calendar())
    assert {message["From"].addresses[0].addr_spec.casefold()} == organizer
    assert message["From"].addresses[0].display_name == "Élodie Martin, CRESS"


def test_method_must_match_the_calendar() -> None:
    with pytest.raises(ValueError, match="METHOD:REQUEST"):
        build(method="CANCEL")
    with pytest.raises(ValueError, match="unsupported"):
        build(method="PUBLISH", calendar=calendar("PUBLISH"))


def test_sender_must_be_the_organizer() -> None:
    with pytest.raises(ValueError, match="ORGANIZER"):
        build(from_email="someone.else@example.org")
    # The organiser's address is compared without regard to case.
    build(from_email=ORGANIZER.upper())


def test_the_whole_message_is_seven_bit_with_crlf_line_ends() -> None:
    data = mail.message_bytes(build(html="<p>é</p>", text="ligne " * 40 + "\n"))
    assert data.isascii()
    assert data.count(b"\n") == data.count(b"\r\n")
    assert b"\r\r" not in data
    assert max(len(line) for line in data.split(b"\r\n")) <= 78
    assert data.startswith(b"From: ")  # no mbox "From " line


def test_non_ascii_headers_are_encoded_and_read_back_exactly() -> None:
    subject = f"Invitation{NBSP}: «{NBSP}Économie circulaire, réemploi{NBSP}» — Lyon, Villeurbanne"
    long_name = "Marie-Hélène de La Tour d’Auvergne-Lauraguais, Région Auvergne-Rhône-Alpes"
    data = mail.message_bytes(build(subject=subject, to_name=long_name))
    assert decoded(raw_header(data, "Subject")) == subject
    assert decoded(raw_header(data, "To")) == f"{long_name} <zoe@example.org>"
    assert decoded(raw_header(data, "From")) == f"Élodie Martin, CRESS <{ORGANIZER}>"
    message = email.message_from_bytes(data, policy=policy.default)
    assert str(message["Subject"]) == subject
    assert message["To"].addresses[0].addr_spec == "zoe@example.org"


def test_plain_names_are_quoted_when_they_need_it() -> None:
    data = mail.message_bytes(build(to_name="Dupont, Marie", subject="Plain subject"))
    assert raw_header(data, "To") == '"Dupont, Marie" <zoe@example.org>'
    assert raw_header(data, "Subject") == "Plain subject"


def test_header_injection_is_impossible() -> None:
    data = mail.message_bytes(build(subject="Hello\r\nBcc: victim@example.org"))
    assert b"\r\nBcc:" not in data


def test_idn_domains_are_written_in_ascii() -> None:
    message = parsed(build(to_email="zoe@exämple.fr"))
    assert message["To"].addresses[0].domain == "xn--exmple-cua.fr"
    with pytest.raises(ValueError, match="SMTPUTF8"):
        build(to_email="zoé@example.fr")


def test_text_parts_read_back() -> None:
    message = parsed(build(html="<p>Été</p>"))
    parts = {part.get_content_type(): part for part in message.walk()}
    # Text travels with CRLF line ends, as RFC 2046 wants its canonical form.
    assert parts["text/plain"].get_content() == "Bonjour,\r\nvous êtes invitée.\r\n"
    assert parts["text/plain"]["Content-Transfer-Encoding"] == "quoted-printable"
    assert parts["text/html"].get_content() == "<p>Été</p>\r\n"
    assert "MIME-Version" not in parts["text/plain"]


def test_date_and_message_id() -> None:
    when = datetime(2027, 6, 1, 8, 0, tzinfo=UTC)
    message = parsed(build(date=when, message_id_domain="cress-exemple.fr"))
    assert message["Date"].datetime == when
    assert str(message["Message-ID"]).endswith("@cress-exemple.fr>")


def test_write_eml_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    message = build()
    target = tmp_path / "invitation.eml"
    assert mail.write_eml(target, message) == target
    assert target.read_bytes() == mail.message_bytes(message)
    assert b"\r\n" in target.read_bytes()

    before = target.read_bytes()

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        mail.write_eml(target, build(subject="Another"))
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["invitation.eml"]


def test_english_texts() -> None:
    subject, text = mail.invitation_texts(
        "en",
        kind="request",
        title="Cheese dairy visit",
        when="Thursday 1 July 2027, 9:00–17:30",
        where="Ferme des Alpages, Lyon",
        organiser="Élodie Martin",
        question="How do they share the machines?",
        programme=["9:00 Welcome", "10:00 Tour"],
    )
    assert subject == "Invitation: Cheese dairy visit"
    assert text.startswith("You are invited to “Cheese dairy visit”.\n")
    assert "When: Thursday 1 July 2027, 9:00–17:30\n" in text
    assert "Where: Ferme des Alpages, Lyon\n" in text
    assert "- 10:00 Tour\n" in text
    assert "Question of the visit: How do they share the machines?" in text


def test_cancellation_texts_leave_out_the_programme() -> None:
    subject, text = mail.invitation_texts(
        "en",
        kind="cancel",
        title="Visit",
        when="1 July",
        where=None,
        organiser="Élodie",
        question="Why?",
        programme=["9:00 Welcome"],
    )
    assert subject == "Cancelled: Visit"
    assert "Welcome" not in text and "Why?" not in text and "Where" not in text


def test_french_texts_use_french_typography_without_changing_the_interface() -> None:
    set_language("en")
    subject, text = mail.invitation_texts(
        "fr",
        kind="request",
        title="Visite de la fromagerie",
        when="jeudi 1er juillet 2027, 9 h – 17 h 30",
        where="Ferme des Alpages, Lyon",
        organiser="Élodie Martin",
        question=None,
        programme=[],
    )
    assert subject == f"Invitation{NBSP}: Visite de la fromagerie"
    assert f"«{NBSP}Visite de la fromagerie{NBSP}»" in text
    assert f"Quand{NBSP}: jeudi" in text
    assert f"Où{NBSP}: Ferme des Alpages" in text
    assert _("Dashboard") == "Dashboard"  # the interface stayed in English


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError):
        mail.invitation_texts(
            "en",
            kind="reminder",
            title="",
            when="",
            where=None,
            organiser="",
            question=None,
            programme=[],
        )


def test_with_the_icalendar_builder() -> None:
    ical = pytest.importorskip("visitplanner.exchange.ical")
    organiser = ical.CalPerson(ORGANIZER, "Élodie Martin")
    event = ical.CalEvent(
        uid="7@visitplanner.test",
        sequence=1,
        summary="Visite « fromagerie », été",
        start=datetime(2027, 7, 1, 7, 0, tzinfo=UTC),
        end=datetime(2027, 7, 1, 15, 30, tzinfo=UTC),
        organizer=organiser,
        attendees=(ical.CalPerson("zoe@example.org", "Zoé"),),
    )
    for method in ("REQUEST", "CANCEL"):
        if method == "CANCEL":
            event = ical.CalEvent(**{**event.__dict__, "status": "CANCELLED", "sequence": 2})
        data = ical.build_itip(event, method)
        message = parsed(build(calendar=data, method=method))
        inline = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
        assert inline.get_param("method") == method
        assert inline.get_payload(decode=True) == data
        assert message["From"].addresses[0].addr_spec == ORGANIZER
