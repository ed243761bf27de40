"""The outbox's messages written as .eml files, for a mail program to send."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select

from visitplanner.domain.enums import OutboxMethod
from visitplanner.domain.errors import UserError
from visitplanner.domain.text import fold
from visitplanner.exchange.mail import write_eml
from visitplanner.i18n import _
from visitplanner.services.invitations.outbox_items import sendable
from visitplanner.store.database import Catalogue
from visitplanner.store.models import Event, OutboxMessage

_UNSAFE = re.compile(r"[^A-Za-z0-9@._+-]+")


def _file_stem(starts_at: datetime, timezone: str, title: str, recipient: str) -> str:
    try:
        day = starts_at.astimezone(ZoneInfo(timezone)).date()
    except (ZoneInfoNotFoundError, ValueError):
        day = starts_at.date()
    event = "-".join(fold(title).split())[:40].strip("-.") or "event"
    address = _UNSAFE.sub("-", recipient).strip("-.")[:80] or "recipient"
    return f"{day:%Y%m%d}-{_UNSAFE.sub('-', event)}-{address}"


def export_eml(
    catalogue: Catalogue,
    folder: str | Path,
    event_id: int | None = None,
    ids: Sequence[int] | None = None,
) -> list[Path]:
    """Writes each message :func:`pending` lists as a ready-to-send .eml file; returns the paths.

    Names are ``YYYYMMDD-<event>-<recipient>.eml`` (the event's first day, in
    its zone), with ``-cancel`` for a cancellation and a number if two would
    clash. The messages are NOT marked sent: whether they leave depends on the
    user's mail program; :func:`mark_sent_manually` records it once they did,
    and until then "Envoyer maintenant" would still send them.
    """
    target = Path(folder)
    stmt = (
        select(OutboxMessage, Event.starts_at, Event.timezone, Event.title)
        .join(Event, Event.id == OutboxMessage.event_id)
        .where(sendable())
        .order_by(OutboxMessage.id)
    )
    if event_id is not None:
        stmt = stmt.where(OutboxMessage.event_id == event_id)
    if ids is not None:
        stmt = stmt.where(OutboxMessage.id.in_(list(ids)))
    with catalogue.session() as session:
        rows = session.execute(stmt).all()
    written: list[Path] = []
    used: set[str] = set()
    try:
        target.mkdir(parents=True, exist_ok=True)
        for row, starts_at, timezone, title in rows:
            stem = _file_stem(starts_at, timezone, title, row.recipient)
            if row.method == OutboxMethod.CANCEL.value:
                stem += "-cancel"
            elif row.method == OutboxMethod.NOTICE.value:
                stem += "-notice"
            name, number = f"{stem}.eml", 2
            while name.casefold() in used:
                name, number = f"{stem}-{number}.eml", number + 1
            used.add(name.casefold())
            written.append(write_eml(target / name, row.message.encode("utf-8")))
    except OSError as exc:
        for path in written:  # never half a set: a mail program would send the ones left
            with contextlib.suppress(OSError):
                path.unlink()
        raise UserError(
            _("Cannot write the messages in {folder}: {reason}.").format(
                folder=target, reason=exc.strerror or exc
            )
        ) from None
    return written
