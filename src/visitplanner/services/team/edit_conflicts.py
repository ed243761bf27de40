"""No silent overwrite: a form's save names the version it loaded (docs/team.md).

Two checks, because two moments can go wrong. The service compares the version the
form loaded with the row it has just read in its own transaction: someone who saved
before that is caught here, and :class:`EditConflict` carries the record as it is now.
Someone who commits between that read and our UPDATE is caught by the database
itself: the ORM's ``version_id_col`` adds ``WHERE version = :loaded`` to the UPDATE,
which then touches no row; the session refuses it (:class:`ConcurrentSaveError`, see
``Catalogue.session``) and a form's save turns that into the same conflict.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy.orm import Session

from visitplanner.domain.errors import ConcurrentSaveError, EditConflict
from visitplanner.store.database import Catalogue


def last_saved(session: Session, kind: str, record_id: int) -> tuple[str, Any]:
    """Who saved the record last and when, as the audit trail says ("" and None: unknown)."""
    from visitplanner.store.audit import history

    entries = history(session, kind, record_id)
    if not entries:
        return "", None
    last = entries[-1]
    return last.coordinator or last.db_user, last.at


def check_version(
    session: Session, kind: str, record: Any, expected: int | None, view: Callable[[Any], Any]
) -> None:
    """Refuses the save when the record's version is not the one the form loaded.

    ``expected`` None is "last write wins": the command line and imports, which do not
    show a record before changing it, pass nothing.
    """
    if expected is None or record.version == expected:
        return
    who, when = last_saved(session, kind, record.id)
    raise EditConflict(kind, record.id, view(record), record.version, who, when)


@contextmanager
def refused_when_stale(
    catalogue: Catalogue, kind: str, record_id: int, read: Callable[[Session], Any]
) -> Iterator[None]:
    """Turns an UPDATE that found its row changed meanwhile into :class:`EditConflict`.

    ``read`` gives (view, version) of the record in a new session: the failed
    transaction is gone by then, and what it shows is the other save.
    """
    try:
        yield
    except ConcurrentSaveError:
        with catalogue.session() as session:
            view, version = read(session)
            who, when = last_saved(session, kind, record_id)
        raise EditConflict(kind, record_id, view, version, who, when) from None
