"""Invitation e-mails (RFC 6047 iMIP) that Outlook, Gmail, Apple Mail and Thunderbird accept.

Layout of a message from :func:`build_message`::

    multipart/mixed                                   (only when attach_ics)
    ├── multipart/alternative
    │   ├── text/plain; charset="utf-8"               quoted-printable
    │   ├── text/html; charset="utf-8"                quoted-printable (optional)
    │   └── text/calendar; charset=UTF-8; method=REQUEST   base64
    └── application/ics; name="invite.ics"            base64, attachment

The inline ``text/calendar`` part inside ``multipart/alternative`` is what
calendar clients act on (Outlook needs its ``method=`` parameter); the attached
copy is Gmail's and Outlook's own practice, for clients that only offer
attachments. With ``attach_ics=False`` the ``multipart/alternative`` is the
whole message.

Everything is 7-bit: quoted-printable keeps the text readable in a raw .eml,
base64 keeps the calendar's CRLF line ends and UTF-8 folding byte for byte and
needs no 8BITMIME from the server. So the message's bytes are plain ASCII and
can be stored as text in the outbox and sent later exactly as built.

Subject and display names are RFC 2047-encoded here rather than by the
``policy.default`` header folder: the folder of Python 3.11 drops or adds
spaces where it splits encoded words (a subject with a comma and an accent
loses a space) and turns French no-break spaces into plain ones. The values are
handed to the message already encoded, and the policy below emits them as they
are.
"""

from __future__ import annotations

import gettext
import os
from datetime import UTC, datetime
from email.generator import BytesGenerator
from email.message import EmailMessage, Message
from email.policy import EmailPolicy
from email.utils import format_datetime, formataddr, make_msgid
from io import BytesIO
from pathlib import Path
from typing import Any

from visitplanner.i18n import N_, translation_for

METHODS = ("REQUEST", "CANCEL", "REPLY")
KINDS = ("request", "update", "cancel", "promoted", "removed")
ICS_FILENAME = "invite.ics"


class _PreEncoded(str):
    """A header value already RFC 2047-encoded and folded here: emitted as is."""

    __slots__ = ()


class _Policy(EmailPolicy):
    """``policy.SMTP`` (CRLF, 7-bit headers), except that pre-encoded values are kept."""

    def header_store_parse(self, name: str, value: Any) -> tuple[str, Any]:
        if isinstance(value, _PreEncoded):
            return name, str(value)
        return super().header_store_parse(name, value)


POLICY = _Policy(linesep="\r\n", refold_source="none")

# Characters an RFC 2047 "Q" encoded word may carry as they are, even in a display name.
_Q_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!*+-/")
# "Subject: " and one encoded word of at most this length stay within 78 characters a line.
_WORD_ROOM = 66


def _single_line(value: str) -> str:
    """A header value on one line: CR, LF and tabs would end or forge a header."""
    for char in "\r\n\t":
        value = value.replace(char, " ")
    return value.strip(" ")


def _q(char: str) -> str:
    if char in _Q_SAFE:
        return char
    if char == " ":
        return "_"
    return "".join(f"={byte:02X}" for byte in char.encode("utf-8"))


def _encoded_words(value: str) -> list[str]:
    """``value`` as UTF-8 "Q" encoded words, split between characters, never inside one.

    Every character goes inside a word, spaces too: decoders drop the white
    space between two encoded words, so a space left outside would be lost; and
    a no-break space (French typography) must stay what it is.
    """
    room = _WORD_ROOM - len("=?utf-8?q??=")
    words, current = [], ""
    for char in value:
        piece = _q(char)
        if current and len(current) + len(piece) > room:
            words.append(current)
            current = ""
        current += piece
    words.append(current)
    return [f"=?utf-8?q?{word}?=" for word in words]


def _fold_ascii(value: str) -> list[str]:
    """Plain ASCII text cut at spaces into pieces of a readable line length."""
    pieces: list[str] = []
    for word in value.split(" "):
        if pieces and len(pieces[-1]) + 1 + len(word) <= _WORD_ROOM:
            pieces[-1] += " " + word
        else:
            pieces.append(word)
    return pieces


def _needs_encoding(value: str) -> bool:
    # "=?" in plain text would be read as the start of an encoded word.
    return not value.isascii() or "=?" in value


def _encode_text_header(value: str) -> _PreEncoded:
    """An unstructured header (Subject): as it is if plain ASCII, else encoded words.

    The policy's own folder is not used: the one of Python 3.11 loses or adds
    spaces where it splits encoded words, and turns a no-break space into a
    plain one.
    """
    value = _single_line(value)
    pieces = _encoded_words(value) if _needs_encoding(value) else _fold_ascii(value)
    return _PreEncoded("\n ".join(pieces))


def ascii_address(address: str) -> str:
    """The address in ASCII: an IDN domain in its ``xn--`` form, the local part as it is.

    A local part in another script would need SMTPUTF8, which few servers
    offer; such an address is refused rather than sent broken.
    """
    address = address.strip()
    local, at, domain = address.rpartition("@")
    if not at or not local or not domain or any(c in address for c in ' <>()[]\r\n\t,;:"\\'):
        raise ValueError(f"not a usable e-mail address: {address!r}")
    if not local.isascii():
        raise ValueError(f"e-mail address needs SMTPUTF8, not supported: {address!r}")
    if not domain.isascii():
        domain = domain.encode("idna").decode("ascii")
    return f"{local}@{domain}"


def format_address(name: str | None, address: str) -> str:
    """``Name <address>``, the name quoted or RFC 2047-encoded as it needs; ASCII only."""
    address = ascii_address(address)
    name = _single_line(name or "")
    if not name:
        return address
    if not _needs_encoding(name):
        return formataddr((name, address))
    words = _encoded_words(name)
    gap = "\n " if len(words[-1]) + len(address) > 70 else " "
    return "\n ".join(words) + gap + f"<{address}>"


# --- the calendar's own METHOD and ORGANIZER ------------------------------------------------


def _unfolded_lines(calendar: bytes) -> list[str]:
    text = calendar.decode("utf-8")
    text = text.replace("\r\n ", "").replace("\r\n\t", "").replace("\n ", "").replace("\n\t", "")
    return text.replace("\r\n", "\n").split("\n")


def _split_property(line: str) -> tuple[str, str]:
    """(NAME;PARAMS, value) split at the first colon outside double quotes."""
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return line[:index], line[index + 1 :]
    return line, ""


def calendar_method(calendar: bytes) -> str | None:
    """The METHOD of the VCALENDAR (upper case), None if it has none."""
    depth = 0
    for line in _unfolded_lines(calendar):
        head, value = _split_property(line)
        name = head.split(";", 1)[0].upper()
        if name == "BEGIN":
            depth += 1
        elif name == "END":
            depth -= 1
        elif name == "METHOD" and depth == 1:
            return value.strip().upper()
    return None


def calendar_organizers(calendar: bytes) -> set[str]:
    """The ORGANIZER addresses of the components, without ``mailto:``, case-folded."""
    found = set()
    for line in _unfolded_lines(calendar):
        head, value = _split_property(line)
        if head.split(";", 1)[0].upper() == "ORGANIZER":
            value = value.strip()
            if value.lower().startswith("mailto:"):
                value = value[len("mailto:") :]
            found.add(value.casefold())
    return found


# --- messages ---------------------------------------------------------------------------


def build_message(
    *,
    from_name: str,
    from_email: str,
    to_name: str,
    to_email: str,
    subject: str,
    text: str,
    calendar: bytes,
    method: str,
    html: str | None = None,
    attach_ics: bool = True,
    message_id_domain: str = "visitplanner.invalid",
    date: datetime | None = None,
) -> EmailMessage:
    """One invitation, cancellation or reply e-mail, laid out as the module docstring shows.

    ``method`` must equal the calendar's own METHOD (RFC 6047: Outlook and Gmail
    act on the MIME parameter, other clients on the file), and for REQUEST and
    CANCEL the sender must be the calendar's ORGANIZER (clients otherwise treat
    the message as a forwarded copy and hide the answer buttons); both are
    checked and a mismatch raises ValueError, as it is a programming error.
    """
    method = method.strip().upper()
    if method not in METHODS:
        raise ValueError(f"unsupported iTIP method {method!r}")
    inside = calendar_method(calendar)
    if inside != method:
        raise ValueError(f"method={method} but the calendar says METHOD:{inside}")
    sender = ascii_address(from_email)
    if method in ("REQUEST", "CANCEL"):
        organizers = calendar_organizers(calendar)
        if organizers != {sender.casefold()} and organizers != {from_email.strip().casefold()}:
            raise ValueError(f"From {sender} is not the calendar's ORGANIZER {organizers}")

    message = EmailMessage(policy=POLICY)
    message["From"] = _PreEncoded(format_address(from_name, sender))
    message["To"] = _PreEncoded(format_address(to_name, to_email))
    message["Subject"] = _encode_text_header(subject)
    message["Date"] = format_datetime(date or datetime.now(UTC).replace(microsecond=0))
    message["Message-ID"] = make_msgid(domain=message_id_domain)
    message.set_content(text, cte="quoted-printable")
    if html is not None:
        message.add_alternative(html, subtype="html", cte="quoted-printable")
    message.add_alternative(calendar, maintype="text", subtype="calendar", cte="base64")
    calendar_part = message.get_payload()[-1]
    calendar_part.replace_header(
        "Content-Type", _PreEncoded(f"text/calendar; charset=UTF-8; method={method}")
    )
    if attach_ics:
        message.add_attachment(
            calendar,
            maintype="application",
            subtype="ics",
            filename=ICS_FILENAME,
            params={"name": ICS_FILENAME},
        )
    for part in message.walk():
        if part is not message:
            # set_content() puts one on each part; it belongs on the message (RFC 2045).
            del part["MIME-Version"]
    return message


def message_bytes(message: Message | bytes) -> bytes:
    """The message as it goes on the wire: CRLF line ends, no mbox ``From`` line."""
    if isinstance(message, bytes):
        return message
    buffer = BytesIO()
    policy = message.policy.clone(linesep="\r\n")
    BytesGenerator(buffer, mangle_from_=False, policy=policy).flatten(message, unixfrom=False)
    return buffer.getvalue()


def write_eml(path: str | os.PathLike[str], message: Message | bytes) -> Path:
    """Writes a ready-to-send .eml file atomically; returns its path.

    The bytes go to a temporary file in the same folder, are flushed to disk,
    and then replace the target in one step, so a crash or a full disk never
    leaves a truncated message that a mail client would send as is.
    """
    target = Path(path)
    data = message_bytes(message)
    from visitplanner.atomic_files import write_bytes_atomic

    write_bytes_atomic(target, data)
    return target


# --- texts in the recipient's language --------------------------------------------------------

# The message ids, listed with N_ so that tools/translations.py extracts them; they are
# translated with the recipient's catalogue, not the interface's (see _translation).
_SUBJECTS = {
    "request": N_("Invitation: {title}"),
    "update": N_("Updated invitation: {title}"),
    "cancel": N_("Cancelled: {title}"),
    "promoted": N_("A place for you: {title}"),
    "removed": N_("No longer on the list: {title}"),
}
_OPENINGS = {
    "request": N_("You are invited to “{title}”."),
    "update": N_("The invitation to “{title}” has changed; here are the new details."),
    "cancel": N_("The event “{title}” is cancelled."),
    "promoted": N_(
        "A place has become free at “{title}” and it is yours: you were on the waiting list "
        "and are now expected."
    ),
    "removed": N_("You are no longer on the list of participants of “{title}”."),
}
_CLOSINGS = {
    "request": N_(
        "Your calendar application can add this event and send your answer with the buttons "
        "it shows; if it does not, please reply to this e-mail."
    ),
    "update": N_(
        "Your calendar application can update this event and send your answer with the "
        "buttons it shows; if it does not, please reply to this e-mail."
    ),
    "cancel": N_("Your calendar application can remove this event from your calendar."),
    "promoted": N_(
        "Your calendar application can add this event and send your answer with the buttons "
        "it shows; if you can no longer come, please decline so that the place goes to "
        "someone else."
    ),
    "removed": N_("Your calendar application can remove this event from your calendar."),
}
_GONE = ("cancel", "removed")  # no question or programme: the person is not coming
_WHEN = N_("When: {when}")
_WHERE = N_("Where: {where}")
_ORGANISER = N_("Organised by: {organiser}")
_QUESTION = N_("Question of the visit: {question}")
_PROGRAMME = N_("Programme:")


def _translation(language: str) -> gettext.NullTranslations:
    """The recipient's language, whatever the coordinator's interface shows."""
    return translation_for(language)


def _t(tr: gettext.NullTranslations, message: str) -> str:
    return tr.gettext(message)


def invitation_texts(
    language: str,
    *,
    kind: str,
    title: str,
    when: str,
    where: str | None,
    organiser: str,
    question: str | None,
    programme: list[str],
) -> tuple[str, str]:
    """(subject, plain text body) of an invitation, update or cancellation in ``language``.

    ``when`` and ``programme`` come formatted by the caller (dates in the
    recipient's language and the event's time zone); they are used as given.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown invitation kind {kind!r}")
    tr = _translation((language or "").strip().lower()[:2])
    subject = _t(tr, _SUBJECTS[kind]).format(title=title)
    lines = [_t(tr, _OPENINGS[kind]).format(title=title), ""]
    lines.append(_t(tr, _WHEN).format(when=when))
    if where:
        lines.append(_t(tr, _WHERE).format(where=where))
    if organiser:
        lines.append(_t(tr, _ORGANISER).format(organiser=organiser))
    if question and kind not in _GONE:
        lines += ["", _t(tr, _QUESTION).format(question=question)]
    if programme and kind not in _GONE:
        lines += ["", _t(tr, _PROGRAMME)]
        lines += [f"- {item}" for item in programme]
    lines += ["", _t(tr, _CLOSINGS[kind])]
    return subject, "\n".join(lines) + "\n"


# --- notices about a place (no calendar) -------------------------------------------------------

_WAITLISTED_SUBJECT = N_("Waiting list: {title}")
_WAITLISTED_TEXT = N_(
    "Thank you for your answer. “{title}” is full, so you are on the waiting list, "
    "in position {position}: you do not have a place yet."
)
_WAITLISTED_CLOSING = N_(
    "If a place becomes free, you will receive a new invitation to confirm it. Until then, "
    "please do not count on coming; your calendar may show the event as accepted."
)


def waitlist_texts(
    language: str, *, title: str, when: str, organiser: str, position: int
) -> tuple[str, str]:
    """(subject, plain text) telling an accepting person they are only on the waiting list."""
    tr = _translation((language or "").strip().lower()[:2])
    lines = [
        _t(tr, _WAITLISTED_TEXT).format(title=title, position=position),
        "",
        _t(tr, _WHEN).format(when=when),
    ]
    if organiser:
        lines.append(_t(tr, _ORGANISER).format(organiser=organiser))
    lines += ["", _t(tr, _WAITLISTED_CLOSING)]
    return _t(tr, _WAITLISTED_SUBJECT).format(title=title), "\n".join(lines) + "\n"


def build_notice(
    *,
    from_name: str,
    from_email: str,
    to_name: str,
    to_email: str,
    subject: str,
    text: str,
    message_id_domain: str = "visitplanner.invalid",
    date: datetime | None = None,
) -> EmailMessage:
    """A plain e-mail from the organiser (no calendar part): a notice such as a waiting-list
    placement, which calendars have no method for. 7-bit, like the invitations."""
    message = EmailMessage(policy=POLICY)
    message["From"] = _PreEncoded(format_address(from_name, ascii_address(from_email)))
    message["To"] = _PreEncoded(format_address(to_name, to_email))
    message["Subject"] = _encode_text_header(subject)
    message["Date"] = format_datetime(date or datetime.now(UTC).replace(microsecond=0))
    message["Message-ID"] = make_msgid(domain=message_id_domain)
    message.set_content(text, cte="quoted-printable")
    return message
