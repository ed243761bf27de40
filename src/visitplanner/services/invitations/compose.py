"""Calendar invitations for an event: compose, queue in the outbox, read the replies.

The event in the catalogue is the source of truth; each invitation is one iTIP
REQUEST (or CANCEL) built from it and queued, one message per participant, in
that person's language. Sending is the outbox's job, so composing works offline.

Who is invited: everyone on the list who has an e-mail address and is not
declined or on the waiting list. A waiting person receives the REQUEST when
promoted (a place freed), not before: a calendar entry for a place they do not
have would mislead them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select

from visitplanner.domain.errors import UserError
from visitplanner.exchange.ical import CalEvent, CalPerson, build_itip
from visitplanner.i18n import _
from visitplanner.services.changes import Changes
from visitplanner.services.events.planning import EventDetail, get_event
from visitplanner.services.invitations.issuing import event_organiser, usable_address
from visitplanner.services.invitations.issuing import mark_issued as mark_issued  # re-exported
from visitplanner.services.invitations.issuing import organiser as organiser  # re-exported
from visitplanner.services.invitations.issuing import record_issued as record_issued  # re-exported
from visitplanner.settings import Settings
from visitplanner.store.database import Catalogue
from visitplanner.store.models import Person

ROLES = {"organiser": "CHAIR", "observer": "OPT-PARTICIPANT"}
PARTSTATS = {
    "accepted": "ACCEPTED",
    "tentative": "TENTATIVE",
    "declined": "DECLINED",
    "delegated": "DELEGATED",
}
INVITED = ("invited", "accepted", "tentative")


@dataclass(frozen=True)
class Recipient:
    person_id: int
    name: str
    email: str
    language: str


def _languages(catalogue: Catalogue, person_ids: Sequence[int]) -> dict[int, str]:
    with catalogue.session() as session:
        rows = session.execute(
            select(Person.id, Person.preferred_language).where(Person.id.in_(list(person_ids)))
        )
        return {r.id: r.preferred_language for r in rows}


def recipients(catalogue: Catalogue, detail: EventDetail) -> list[Recipient]:
    """Who receives the REQUEST: on the list, with an address, neither declined nor waiting."""
    chosen = [p for p in detail.participants if p.email and p.status in INVITED]
    languages = _languages(catalogue, [p.person_id for p in chosen])
    return [
        Recipient(p.person_id, p.name, p.email or "", languages.get(p.person_id, "fr"))
        for p in chosen
    ]


def description(detail: EventDetail) -> str:
    """The visit question, objectives and programme, as calendars show them in the event."""
    e = detail.event
    parts: list[str] = []
    if e.visit_question:
        parts.append(e.visit_question)
    if e.objectives:
        parts.append(e.objectives)
    if detail.programme:
        lines = []
        for item in detail.programme:
            hours = item.start.strftime("%H:%M") + " " if item.start else ""
            speaker = f" — {item.speaker}" if item.speaker else ""
            lines.append(f"{hours}{item.title}{speaker}")
        parts.append("\n".join(lines))
    if e.online_url:
        parts.append(e.online_url)
    return "\n\n".join(parts)


def _usable(address: str | None) -> str | None:
    return address if address and usable_address(address) else None


def cal_event(
    detail: EventDetail,
    chair: CalPerson,
    invited: Sequence[Recipient],
    *,
    cancelled: bool = False,
    with_delegators: bool = False,
) -> CalEvent:
    """The event with its organiser and ``invited`` as attendees. ``with_delegators`` adds
    the people who delegated their place (PARTSTAT=DELEGATED, DELEGATED-TO), as RFC 5546
    §4.2.5 keeps them in the group's updates; they receive no message themselves."""
    e = detail.event
    by_person = {p.person_id: p for p in detail.participants}
    attendees = [chair]
    for r in invited:
        if r.email.casefold() == chair.email.casefold():
            continue
        p = by_person.get(r.person_id)  # None: removed from the list, receiving a CANCEL
        attendees.append(
            CalPerson(
                email=r.email,
                name=r.name,
                role=ROLES.get(p.role, "REQ-PARTICIPANT") if p else "REQ-PARTICIPANT",
                partstat=PARTSTATS.get(p.status, "NEEDS-ACTION") if p else "NEEDS-ACTION",
                rsvp=True,
                delegated_from=_usable(p.delegated_from) if p else None,
            )
        )
    if with_delegators:
        for p in detail.participants:
            if p.status != "delegated" or not _usable(p.email):
                continue
            attendees.append(
                CalPerson(
                    email=p.email or "",
                    name=p.name,
                    role=ROLES.get(p.role, "REQ-PARTICIPANT"),
                    partstat="DELEGATED",
                    rsvp=False,
                    delegated_to=_usable(p.delegated_to),
                )
            )
    from dataclasses import replace

    from visitplanner.services.calendars.files import cal_event_of

    if cancelled or e.status == "cancelled":
        status = "CANCELLED"
    else:
        status = "TENTATIVE" if e.status in ("draft", "planned") else "CONFIRMED"
    return replace(
        cal_event_of(e),
        description=description(detail) or None,
        status=status,
        organizer=chair,
        attendees=tuple(attendees),
    )


def event_when(detail: EventDetail, language: str) -> str:
    """The event's date and times as messages write them, in ``language``."""
    from babel.dates import format_date, format_datetime

    e = detail.event
    if e.all_day:
        return format_date(e.start.date(), "full", locale=language)
    start = format_datetime(e.start, "EEEE d MMMM y, HH:mm", tzinfo=e.start.tzinfo, locale=language)
    end = (
        e.end.strftime("%H:%M")
        if e.end.date() == e.start.date()
        else format_datetime(e.end, "EEEE d MMMM y, HH:mm", tzinfo=e.end.tzinfo, locale=language)
    )
    return f"{start} – {end} ({e.timezone})"


@dataclass(frozen=True)
class Composed:
    """An invitation ready to leave: the calendar, one message per recipient, and one
    sentence for each participant left out (an address no calendar can carry)."""

    event_id: int
    sequence: int
    calendar: bytes
    messages: list  # of outbox.QueuedMessage
    skipped: tuple[str, ...] = ()


def prepare(
    catalogue: Catalogue,
    event_ref: str | int,
    settings: Settings,
    *,
    kind: str = "request",
    person_ids: Sequence[int] | None = None,
    purpose: str | None = None,
) -> Composed:
    """The calendar file and one message per recipient (``kind``: request, update, cancel,
    promoted).

    ``person_ids`` narrows the recipients (a removed participant's CANCEL, a
    promoted person's REQUEST); the calendar still lists the whole group. A
    participant whose address cannot be written is left out and named in
    ``skipped`` rather than stopping everyone's invitation. An event calendars
    cannot carry (end not after start) raises :class:`UserError` naming it.
    """
    from visitplanner.exchange.mail import build_message, invitation_texts
    from visitplanner.services.invitations.outbox import QueuedMessage

    detail = get_event(catalogue, event_ref)
    chair = event_organiser(catalogue, detail, settings)
    method = "CANCEL" if kind in ("cancel", "removed") else "REQUEST"
    everyone = recipients(catalogue, detail)
    if person_ids is not None:
        wanted = set(person_ids)
        targets = [r for r in everyone if r.person_id in wanted]
        extra = wanted - {r.person_id for r in targets}
        if extra:  # e.g. a removed or declined participant receiving a CANCEL
            targets += _recipients_by_id(catalogue, extra)
    else:
        targets = everyone
    # People on the list with no address at all are named too: nobody would tell them otherwise.
    asked = None if person_ids is None else set(person_ids)
    skipped = tuple(
        _("{name} has no e-mail address: no invitation can reach them; left out.").format(
            name=p.name
        )
        for p in detail.participants
        if not p.email and p.status in INVITED and (asked is None or p.person_id in asked)
    ) + tuple(
        _("{name}: “{email}” is not an address invitations can be sent to; left out.").format(
            name=r.name, email=r.email
        )
        for r in {r.person_id: r for r in [*everyone, *targets]}.values()
        if not usable_address(r.email)
    )
    everyone = [r for r in everyone if usable_address(r.email)]
    targets = [r for r in targets if usable_address(r.email)]
    try:
        calendar = build_itip(
            cal_event(
                detail,
                chair,
                everyone if method == "REQUEST" else targets or everyone,
                cancelled=kind == "cancel" and person_ids is None,
                with_delegators=method == "REQUEST" or person_ids is None,
            ),
            method,
            dtstamp=datetime.now(UTC),
        )
    except ValueError:
        raise UserError(
            _(
                "“{title}” cannot be written as an invitation: its end is not after its start."
            ).format(title=detail.event.title)
            if detail.event.end <= detail.event.start
            else _("“{title}” cannot be written as an invitation.").format(title=detail.event.title)
        ) from None
    messages = []
    for r in targets:
        subject, text = invitation_texts(
            r.language,
            kind=kind,
            title=detail.event.title,
            when=event_when(detail, r.language),
            where=detail.event.location,
            organiser=chair.name or chair.email,
            question=detail.event.visit_question,
            programme=[
                (f"{i.start:%H:%M} " if i.start else "") + i.title for i in detail.programme
            ],
        )
        message = build_message(
            from_name=chair.name or "",
            from_email=chair.email,
            to_name=r.name,
            to_email=r.email,
            subject=subject,
            text=text,
            calendar=calendar,
            method=method,
        )
        messages.append(
            QueuedMessage(
                event_id=detail.event.id,
                person_id=r.person_id,
                method=method,
                sequence=detail.event.sequence,
                recipient=r.email,
                subject=subject,
                message=message,
                purpose=purpose,
            )
        )
    return Composed(detail.event.id, detail.event.sequence, calendar, messages, skipped)


def compose(
    catalogue: Catalogue,
    event_ref: str | int,
    settings: Settings,
    *,
    kind: str = "request",
    person_ids: Sequence[int] | None = None,
) -> tuple[bytes, list]:
    """:func:`prepare`'s calendar and messages, for callers that only need those."""
    composed = prepare(catalogue, event_ref, settings, kind=kind, person_ids=person_ids)
    return composed.calendar, composed.messages


def _recipients_by_id(catalogue: Catalogue, person_ids: set[int]) -> list[Recipient]:
    with catalogue.session() as session:
        people = session.scalars(select(Person).where(Person.id.in_(list(person_ids))))
        return [
            Recipient(p.id, p.full_name, p.email, p.preferred_language) for p in people if p.email
        ]


@dataclass(frozen=True)
class Queued:
    """Invitations put in the outbox, and one sentence per participant left out, which the
    window shows beside the count (as the command prints them on stderr)."""

    calendar: bytes
    changes: Changes
    count: int
    skipped: tuple[str, ...] = ()


def queue_invitations(
    catalogue: Catalogue,
    event_ref: str | int,
    settings: Settings,
    *,
    kind: str = "request",
    person_ids: Sequence[int] | None = None,
) -> Queued:
    """Composes and queues the messages in the outbox; says who was left out and why."""
    from visitplanner.services.invitations.outbox import queue

    composed = prepare(catalogue, event_ref, settings, kind=kind, person_ids=person_ids)
    if not composed.messages:
        raise UserError(
            " ".join(
                [
                    _("Nobody to write to: no participant with an e-mail address is invited."),
                    *composed.skipped,
                ]
            )
        )
    changes = queue(catalogue, composed.messages)
    return Queued(composed.calendar, changes, len(composed.messages), composed.skipped)


def invite(
    catalogue: Catalogue,
    event_ref: str | int,
    settings: Settings,
    *,
    kind: str = "request",
    person_ids: Sequence[int] | None = None,
) -> tuple[bytes, Changes, int]:
    """Composes and queues the messages in the outbox; returns (calendar, changes, count)."""
    queued = queue_invitations(catalogue, event_ref, settings, kind=kind, person_ids=person_ids)
    return queued.calendar, queued.changes, queued.count
