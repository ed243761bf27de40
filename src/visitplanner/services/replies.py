"""Answers coming back: iTIP REPLY files update the participant list.

A reply is matched to the event by UID and to the participant by e-mail,
case-insensitively. It is reported and ignored when the event is unknown, the
address is not on the list, or it answers an older SEQUENCE than the event's
current one (the person answered a version that has since changed). Declines go
through the same waiting-list rules as a decline typed in the window.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from visitplanner.domain.errors import UserError
from visitplanner.i18n import _, ngettext
from visitplanner.services import participants as plist
from visitplanner.services.changes import Changes
from visitplanner.store.database import Catalogue
from visitplanner.store.models import Event, Participation, Person
from visitplanner.store.types import utcnow

STATUSES = {"ACCEPTED": "accepted", "DECLINED": "declined", "TENTATIVE": "tentative"}


@dataclass(frozen=True)
class ReplyOutcome:
    source: str
    email: str
    applied: bool
    message: str
    event_id: int | None = None
    promoted: tuple[int, ...] = ()


@dataclass
class RepliesReport:
    outcomes: list[ReplyOutcome] = field(default_factory=list)
    changes: Changes = field(default_factory=Changes)

    @property
    def applied(self) -> int:
        return sum(1 for o in self.outcomes if o.applied)

    @property
    def ignored(self) -> int:
        return sum(1 for o in self.outcomes if not o.applied)

    def summary(self) -> str:
        applied = ngettext("{n} reply applied", "{n} replies applied", self.applied).format(
            n=self.applied
        )
        ignored = ngettext("{n} ignored", "{n} ignored", self.ignored).format(n=self.ignored)
        return _("{applied}, {ignored}.").format(applied=applied, ignored=ignored)


def _event_and_participation(
    catalogue: Catalogue, uid: str, email: str
) -> tuple[Event | None, Participation | None]:
    with catalogue.session() as session:
        event = session.scalar(select(Event).where(Event.uid == uid, Event.deleted_at.is_(None)))
        if event is None:
            return None, None
        participation = session.scalar(
            select(Participation)
            .join(Person, Participation.person_id == Person.id)
            .where(Participation.event_id == event.id, Person.email_key == email.casefold())
        )
        return event, participation


def apply_reply(catalogue: Catalogue, reply: object, source: str) -> ReplyOutcome:
    """One reply (an ``exchange.ical.Reply``) applied to the list, or the reason it was not."""
    email = (reply.attendee_email or "").strip()  # type: ignore[attr-defined]
    event, participation = _event_and_participation(catalogue, reply.uid, email)  # type: ignore[attr-defined]
    if event is None:
        return ReplyOutcome(
            source,
            email,
            False,
            _("{file}: the reply is for an event not in this catalogue.").format(file=source),
        )
    if participation is None:
        return ReplyOutcome(
            source,
            email,
            False,
            _("{file}: {email} is not on the list of “{title}”.").format(
                file=source, email=email, title=event.title
            ),
            event.id,
        )
    if reply.sequence < event.sequence:  # type: ignore[attr-defined]
        return ReplyOutcome(
            source,
            email,
            False,
            _(
                "{file}: {email} answered an older version of “{title}” "
                "(sequence {old}, now {new}); ignored."
            ).format(
                file=source,
                email=email,
                title=event.title,
                old=reply.sequence,  # type: ignore[attr-defined]
                new=event.sequence,
            ),
            event.id,
        )
    if reply.method == "COUNTER" or reply.proposed_start is not None:  # type: ignore[attr-defined]
        note = _("{email} proposes another time; the status is left as it is.").format(email=email)
        return ReplyOutcome(source, email, False, f"{source}: {note}", event.id)
    partstat = (reply.partstat or "").upper()  # type: ignore[attr-defined]
    if partstat == "DELEGATED":
        delegate = reply.delegated_to or "?"  # type: ignore[attr-defined]
        with catalogue.session() as session:
            row = session.get(Participation, participation.id)
            row.delegated_to = delegate
            row.responded_at = utcnow()
        return ReplyOutcome(
            source,
            email,
            True,
            _("{email} delegated their place to {delegate}.").format(
                email=email, delegate=delegate
            ),
            event.id,
        )
    status = STATUSES.get(partstat)
    if status is None:
        return ReplyOutcome(
            source,
            email,
            False,
            _("{file}: the answer “{value}” is not one Visit Planner records.").format(
                file=source, value=partstat
            ),
            event.id,
        )
    outcome = plist.set_participant(catalogue, event.id, participation.person_id, status=status)
    with catalogue.session() as session:
        row = session.get(Participation, participation.id)
        row.responded_at = utcnow()
        row.reply_sequence = reply.sequence  # type: ignore[attr-defined]
        comment = reply.comment  # type: ignore[attr-defined]
        if comment:
            row.notes = "\n".join(p for p in (row.notes, comment.strip()) if p)
    from visitplanner.domain.enums import ResponseStatus

    shown = ResponseStatus(outcome.status or status).label
    return ReplyOutcome(
        source,
        email,
        True,
        _("{email}: {status} for “{title}”.").format(email=email, status=shown, title=event.title),
        event.id,
        outcome.promoted,
    )


def import_replies(
    catalogue: Catalogue,
    files: Sequence[str | Path],
    *,
    progress: Callable[[int, int], None] | None = None,
) -> RepliesReport:
    """Reads each .ics or .eml file and applies its replies; unreadable files are reported."""
    from visitplanner.exchange.ical import read_replies

    report = RepliesReport()
    changed: list[tuple[str, int]] = []
    for n, name in enumerate(files, start=1):
        path = Path(name)
        try:
            data = path.read_bytes()
            replies = read_replies(data, path.name)
        except OSError as exc:
            report.outcomes.append(
                ReplyOutcome(
                    path.name,
                    "",
                    False,
                    _("{file}: {reason}.").format(file=path.name, reason=exc.strerror or exc),
                )
            )
            continue
        except UserError as exc:
            report.outcomes.append(ReplyOutcome(path.name, "", False, exc.message))
            continue
        for reply in replies:
            outcome = apply_reply(catalogue, reply, path.name)
            report.outcomes.append(outcome)
            if outcome.applied and outcome.event_id is not None:
                changed.append(("event", outcome.event_id))
        if progress:
            progress(n, len(files))
    report.changes = Changes.of(updated=changed)
    return report
