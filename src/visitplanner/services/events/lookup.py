"""Finding the event a user names, shared by every use case that reads or changes one.

Apart from :mod:`.planning` so that the list, attendance and warning rules, and the
directory's imports and exports, can find an event without importing the planning use
cases (which import the list rules back).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from visitplanner.domain.errors import NotFoundError
from visitplanner.i18n import _
from visitplanner.store.models import Event
from visitplanner.store.sqlite import lock_for_writing


def find_event(session: Session, reference: str | int, *, lock: bool = False) -> Event:
    """The live event ``reference`` names: id, UID, or a title no other event has.

    ``lock`` holds the event's row until the transaction ends (``SELECT ... FOR UPDATE``;
    on SQLite, the one writer's lock taken first): whatever counts its list (capacity,
    waiting list) must ask for it, as the first thing its transaction does, or two windows
    accepting at once both see a free place (or, on SQLite, one is refused as "locked").
    """
    if lock:
        lock_for_writing(session)
    ref = str(reference).strip()
    if ref.isdigit():
        e = session.get(Event, int(ref))
    else:
        e = session.scalar(select(Event).where(Event.uid == ref))
        if e is None and ref:
            from visitplanner.services.references import resolve_in

            e = session.get(Event, resolve_in(session, "event", ref))
    if e is None or e.deleted_at is not None:
        raise NotFoundError(_("No event matches “{ref}”.").format(ref=ref))
    if lock:
        session.refresh(e, with_for_update=True)  # and read it again once it is ours
    return e
