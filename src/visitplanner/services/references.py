"""What a user types to name a record, turned into its id: one rule for every kind.

A script has at hand whatever it was given: the id shown by ``list``, an event's
UID, a person's e-mail, or just a name. Names are compared folded (case and
accents do not matter) and must name one record exactly; a name shared by
several records is refused with the candidates, so nobody edits the wrong one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from visitplanner.domain import validation as check
from visitplanner.domain.errors import NotFoundError, UserError
from visitplanner.domain.text import fold
from visitplanner.i18n import _
from visitplanner.services.query import with_search
from visitplanner.store.database import Catalogue
from visitplanner.store.models import Dynamic, Event, Host, Person

KINDS = ("event", "person", "host", "dynamic")
MAX_LISTED = 8  # candidates named in an ambiguity message; the rest are counted


@dataclass(frozen=True)
class Candidate:
    id: int
    label: str


class AmbiguousReferenceError(UserError):
    """A name shared by several records; ``candidates`` says which, with their ids."""

    def __init__(self, kind: str, reference: str, candidates: list[Candidate]) -> None:
        # The list separator is the language's: French puts a no-break space before « ; ».
        shown = _("; ").join(f"{c.id} ({c.label})" for c in candidates[:MAX_LISTED])
        if len(candidates) > MAX_LISTED:
            shown += " …"
        message = {
            "event": _("“{ref}” names several events: {candidates}. Give the id instead."),
            "person": _("“{ref}” names several people: {candidates}. Give the id instead."),
            "host": _(
                "“{ref}” names several host organisations: {candidates}. Give the id instead."
            ),
            "dynamic": _("“{ref}” names several dynamics: {candidates}. Give the id instead."),
        }[kind].format(ref=reference, candidates=shown)
        super().__init__(message)
        self.candidates = tuple(candidates)


def _not_found(kind: str, reference: str) -> NotFoundError:
    message = {
        "event": _("No event matches “{ref}”."),
        "person": _("No person matches “{ref}”."),
        "host": _("No host organisation matches “{ref}”."),
        "dynamic": _("No dynamic matches “{ref}”."),
    }[kind]
    return NotFoundError(message.format(ref=reference))


def _no_id(kind: str, reference: str) -> NotFoundError:
    message = {
        "event": _("No event matches “{ref}”.").format(ref=reference),
        "person": _("No person has id {id}.").format(id=reference),
        "host": _("No host organisation has id {id}.").format(id=reference),
        "dynamic": _("No dynamic has id {id}.").format(id=reference),
    }[kind]
    return NotFoundError(message)


_MODELS: dict[str, Any] = {"event": Event, "person": Person, "host": Host, "dynamic": Dynamic}


def resolve(catalogue: Catalogue, kind: str, reference: str | int) -> int:
    """The id of the live record of ``kind`` that ``reference`` names.

    ``reference``: the numeric id; an event's UID; a person's e-mail; or a name
    (an event's title, a person's full name, a host's or dynamic's name).
    """
    if kind not in KINDS:
        raise ValueError(kind)
    ref = str(reference).strip()
    if not ref:
        raise _not_found(kind, ref)
    with catalogue.session() as session:
        return resolve_in(session, kind, ref)


def resolve_in(session: Session, kind: str, ref: str) -> int:
    """:func:`resolve` inside a service's own session."""
    ref = ref.strip()
    if not ref:
        raise _not_found(kind, ref)
    model = _MODELS[kind]
    live = model.deleted_at.is_(None)
    if ref.isdigit():
        found = session.scalar(select(model.id).where(model.id == int(ref), live))
        if found is None:
            raise _no_id(kind, ref)
        return found
    if kind == "event":
        found = session.scalar(select(Event.id).where(Event.uid == ref, live))
        if found is not None:
            return found
    if kind == "person" and "@" in ref:
        found = session.scalar(
            select(Person.id).where(Person.email_key == check.email_key(ref), live)
        )
        if found is not None:
            return found
    candidates = _named(session, kind, ref)
    if not candidates:
        raise _not_found(kind, ref)
    if len(candidates) > 1:
        raise AmbiguousReferenceError(kind, ref, candidates)
    return candidates[0].id


def _named(session: Session, kind: str, ref: str) -> list[Candidate]:
    """Live records whose folded name is the folded ``ref``, in id order.

    The indexed search key narrows the rows first; the exact comparison is done
    here, on the folded name alone.
    """
    wanted = fold(ref)
    model = _MODELS[kind]
    stmt = with_search(select(model).where(model.deleted_at.is_(None)), model.search_key, ref)
    found = []
    for record in session.scalars(stmt.order_by(model.id)):
        if kind == "person":
            names = (record.full_name, f"{record.family_name} {record.given_name or ''}")
            if wanted in {fold(n) for n in names}:
                found.append(Candidate(record.id, _person_label(record)))
        elif kind == "event":
            if fold(record.title) == wanted:
                day = record.starts_at.astimezone(ZoneInfo(record.timezone)).date().isoformat()
                found.append(Candidate(record.id, f"{record.title}, {day}"))
        elif fold(record.name) == wanted:
            place = next(
                (v for v in (getattr(record, f, None) for f in ("city", "territory")) if v), None
            )
            found.append(Candidate(record.id, f"{record.name}, {place}" if place else record.name))
    return found


def _person_label(person: Person) -> str:
    details = [d for d in (person.email, person.organisation) if d]
    return f"{person.full_name}, {details[0]}" if details else person.full_name
