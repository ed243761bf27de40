"""How each row of a CSV table becomes a person, and a place on an event's list.

Runs inside the import's one transaction (see :mod:`visitplanner.services.directory.imports`).
Every row is validated completely before anything is applied, so a bad row
changes nothing; people are matched by e-mail against everyone the file names,
loaded in a few queries up front instead of one query per row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from visitplanner.domain import validation as check
from visitplanner.domain.enums import ActorType, Language, ResponseStatus, Role
from visitplanner.domain.errors import UserError
from visitplanner.exchange.cell_values import optional_choice, read_choice, split_full_name
from visitplanner.exchange.csvio import Table, unneutralise
from visitplanner.i18n import _, ngettext, number
from visitplanner.services import search_keys as keys
from visitplanner.services.changes import ChangeKind, Changes
from visitplanner.services.directory.people import apply_person as apply_person_rules
from visitplanner.services.directory.records import DuplicateEmailError, PersonInput
from visitplanner.services.events.planning import accepted_count
from visitplanner.store.models import Event, Participation, Person
from visitplanner.store.types import utcnow

_REPLIES = {
    ResponseStatus.ACCEPTED.value,
    ResponseStatus.TENTATIVE.value,
    ResponseStatus.DECLINED.value,
}
_FILLABLE = ("given_name", "email", "phone", "organisation", "actor_type", "function", "notes")


@dataclass(frozen=True)
class RowError:
    line: int  # line of the file, as a text editor numbers it (the header is line 1)
    message: str

    def __str__(self) -> str:
        return _("line {line}: {message}").format(line=self.line, message=self.message)


@dataclass(frozen=True)
class ImportReport:
    """What an import did, or would do (preview, dry run)."""

    rows: int = 0  # data rows read (blank lines are not rows)
    created: int = 0  # new people
    matched: int = 0  # people already in the catalogue, found by e-mail
    updated: int = 0  # matched people whose blank fields the file filled in
    duplicates: int = 0  # rows repeating an e-mail address of an earlier row
    added_to_event: int = 0
    waitlisted: int = 0  # of those added, put on the waiting list (full event)
    already_on_event: int = 0  # skipped: they were on the list already
    errors: tuple[RowError, ...] = ()
    written: bool = False
    event_title: str | None = None
    changes: Changes = field(default_factory=Changes)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def people(self) -> int:
        """Distinct people the file names: created plus matched."""
        return self.created + self.matched

    def summary(self) -> list[str]:
        """What happened, one short sentence a line, for the command line and the window."""
        if self.written and self.matched and not self.created:
            # Nothing new: saying "3 people imported" then "already there: 3" contradicts itself.
            lines = [
                ngettext(
                    "No person imported: the one in the file is already in the catalogue.",
                    "No person imported: the {n} are already in the catalogue.",
                    self.matched,
                ).format(n=number(self.matched))
            ]
        elif self.written:
            n = self.created
            lines = [
                ngettext("{n} person imported.", "{n} people imported.", n).format(n=number(n))
            ]
        else:
            lines = [
                ngettext(
                    "Dry run: {n} row is valid; nothing was written.",
                    "Dry run: {n} rows are valid; nothing was written.",
                    self.rows,
                ).format(n=number(self.rows))
            ]
        if self.matched and (self.created or not self.written):
            lines.append(
                _("Already in the catalogue, matched by e-mail: {n}.").format(
                    n=number(self.matched)
                )
            )
        if self.updated and self.written:
            lines.append(
                _("Blank fields filled in from the file for people already there: {n}.").format(
                    n=number(self.updated)
                )
            )
        if self.duplicates:
            lines.append(
                _("Rows repeating an earlier row's e-mail, merged: {n}.").format(
                    n=number(self.duplicates)
                )
            )
        if self.event_title is not None:
            lines.append(
                _("New on the list of “{title}”: {n}.").format(
                    title=self.event_title, n=number(self.added_to_event)
                )
            )
            if self.waitlisted:
                lines.append(_("On the waiting list: {n}.").format(n=number(self.waitlisted)))
            if self.already_on_event:
                lines.append(_("Already on the list: {n}.").format(n=number(self.already_on_event)))
        return lines


# A person is either already in the catalogue (an ORM object) or new (a row to insert).
Target = Person | dict[str, Any]


def _get(target: Target, name: str) -> Any:
    return target[name] if isinstance(target, dict) else getattr(target, name)


def _put(target: Target, name: str, value: Any) -> None:
    if isinstance(target, dict):
        target[name] = value
    else:
        setattr(target, name, value)


class RowImporter:
    """One import's state inside its transaction.

    New people and participations are kept as plain rows and inserted in bulk at
    the end: the unit of work would spend seconds tracking 10,000 new objects.
    """

    def __init__(
        self, session: Session, table: Table, columns: list[tuple[int, str]], role: str, status: str
    ) -> None:
        self.session, self.table, self.columns = session, table, columns
        self.role, self.status = role, status
        self.event: Event | None = None
        self.errors: list[RowError] = []
        self.known: dict[str, Person] = {}  # email_key -> person already in the catalogue
        self.touched: dict[str, Target] = {}  # email_key -> person an earlier row resolved to
        self.new_people: list[dict[str, Any]] = []
        self.matched: set[int] = set()
        self.updated: set[int] = set()
        self.on_event: set[int] = set()  # ids of the people on the list before the import
        self.listed: set[int] = set()  # id() of the targets this import put on the list
        self.participations: list[dict[str, Any]] = []
        self.counts = {"rows": 0, "duplicates": 0, "already_on_event": 0, "waitlisted": 0}

    def open_event(self, event: Event) -> None:
        self.event = event
        self.accepted = accepted_count(self.session, event.id)
        rows = self.session.execute(
            select(Participation.person_id, Participation.waitlist_position).where(
                Participation.event_id == event.id
            )
        ).all()
        self.on_event = {person_id for person_id, _pos in rows}
        self.next_position = max((pos or 0 for _id, pos in rows), default=0) + 1

    def prefetch(self) -> None:
        """Loads, in a few queries, everyone in the catalogue the file's e-mails name."""
        index = next(i for i, key in self.columns if key == "email")
        wanted = set()
        for row in self.table.rows:
            cell = unneutralise(row[index]).strip() if index < len(row) else ""
            if cell.lower().startswith("mailto:"):
                cell = cell[7:]
            wanted.add(check.email_key(cell))
        ordered = sorted(k for k in wanted if k)
        for start in range(0, len(ordered), 500):
            stmt = select(Person).where(Person.email_key.in_(ordered[start : start + 500]))
            for person in self.session.scalars(stmt):
                self.known[person.email_key] = person

    def values(self, row: list[str]) -> dict[str, str]:
        width = len(self.table.headers)
        if any(cell.strip() for cell in row[width:]):
            raise UserError(
                _(
                    "this line has {n} cells but the header line has {m}; "
                    "check the separator and the quotes."
                ).format(n=len(row), m=width)
            )
        return {
            key: unneutralise(row[index]).strip() if index < len(row) else ""
            for index, key in self.columns
        }

    def take(self, row: list[str]) -> None:
        """Validates one row completely, then applies it (a bad row changes nothing)."""
        self.counts["rows"] += 1
        values = self.values(row)
        candidate = self.candidate(values)
        role, status = self.role, self.status
        if self.event is not None and values.get("role"):
            role = read_choice(Role, values["role"], _("role"))
        if self.event is not None and values.get("status"):
            status = read_choice(ResponseStatus, values["status"], _("status"))
        target = self.resolve(candidate)
        if self.event is not None:
            self.put_on_event(target, role, status)

    def candidate(self, values: dict[str, str]) -> Person:
        """A person built from the row by the catalogue's own rules; not in the session."""
        family, given = values.get("family_name", ""), values.get("given_name", "")
        if not family and values.get("full_name"):
            split_given, family = split_full_name(values["full_name"])
            given = given or split_given or ""
        data = PersonInput(
            family_name=family,
            given_name=given,
            phone=values.get("phone"),
            organisation=values.get("organisation"),
            actor_type=optional_choice(ActorType, values.get("actor_type"), _("actor type")),
            function=values.get("function"),
            preferred_language=optional_choice(Language, values.get("language"), _("language"))
            or "fr",
            notes=values.get("notes"),
        )
        person = Person()
        # The e-mail is checked with the same rule below; matching replaces the per-row query.
        apply_person_rules(self.session, person, data)
        person.email = check.email(values.get("email"), _("e-mail"))
        person.email_key = check.email_key(person.email)
        return person

    def resolve(self, candidate: Person) -> Target:
        key = candidate.email_key
        if key is not None and key in self.touched:
            self.counts["duplicates"] += 1
            target = self.touched[key]
            self.fill_blanks(target, candidate)
            return target
        existing = self.known.get(key) if key is not None else None
        if existing is not None:
            if existing.deleted_at is not None:
                raise DuplicateEmailError(existing.id, candidate.email, in_trash=True)
            self.matched.add(existing.id)
            self.fill_blanks(existing, candidate)
            target: Target = existing
        else:
            target = {name: getattr(candidate, name) for name in _COLUMNS}
            # The rules computed the keys without the e-mail; only the search key uses it.
            target["search_key"] = keys.person_search_key(
                candidate.given_name, candidate.family_name, candidate.email, candidate.organisation
            )
            self.new_people.append(target)
        if key is not None:
            self.touched[key] = target
        return target

    def fill_blanks(self, target: Target, candidate: Person) -> None:
        filled = False
        for name in _FILLABLE:
            value = getattr(candidate, name)
            if value is not None and _get(target, name) in (None, ""):
                _put(target, name, value)
                filled = True
        if filled:
            _refresh_keys(target)
            if isinstance(target, Person):
                self.updated.add(target.id)

    def put_on_event(self, target: Target, role: str, status: str) -> None:
        """The rule of ``planning.add_participant``, counted in memory instead of queried."""
        assert self.event is not None
        if id(target) in self.listed:
            return  # a repeated row of the file, already counted as a duplicate
        self.listed.add(id(target))
        if isinstance(target, Person) and target.id in self.on_event:
            self.counts["already_on_event"] += 1
            return
        position = None
        replied = status in _REPLIES
        capacity = self.event.capacity
        if status == ResponseStatus.WAITLISTED.value or (
            status == ResponseStatus.ACCEPTED.value
            and capacity is not None
            and self.accepted >= capacity
        ):
            status, position = ResponseStatus.WAITLISTED.value, self.next_position
            self.next_position += 1
            self.counts["waitlisted"] += 1
        elif status == ResponseStatus.ACCEPTED.value:
            self.accepted += 1
        self.participations.append(
            {
                "target": target,
                "event_id": self.event.id,
                "role": role,
                "status": status,
                "waitlist_position": position,
                "responded_at": utcnow() if replied else None,
            }
        )

    def write(self) -> ImportReport:
        """Inserts the new rows in bulk (ids come back in order) and reports the changes."""
        self.session.flush()  # the blanks filled in on people already in the catalogue
        person_ids: list[int] = []
        if self.new_people:
            person_ids = _insert(self.session, Person.__table__, self.new_people)
            for row, person_id in zip(self.new_people, person_ids, strict=True):
                row["id"] = person_id
        participation_ids: list[int] = []
        if self.participations:
            rows = [
                {k: v for k, v in p.items() if k != "target"}
                | {"person_id": _get(p["target"], "id")}
                for p in self.participations
            ]
            participation_ids = _insert(self.session, Participation.__table__, rows)
        created = [(ChangeKind.PERSON, i) for i in person_ids]
        created += [(ChangeKind.PARTICIPATION, i) for i in participation_ids]
        updated = [(ChangeKind.PERSON, i) for i in self.updated]
        if participation_ids and self.event is not None:
            updated.append((ChangeKind.EVENT, self.event.id))
        return self.report(Changes.of(created=created, updated=updated))

    def report(self, changes: Changes | None = None) -> ImportReport:
        return ImportReport(
            rows=self.counts["rows"],
            created=len(self.new_people),
            matched=len(self.matched),
            updated=len(self.updated),
            duplicates=self.counts["duplicates"],
            added_to_event=len(self.participations),
            waitlisted=self.counts["waitlisted"],
            already_on_event=self.counts["already_on_event"],
            errors=tuple(self.errors),
            written=changes is not None,
            event_title=self.event.title if self.event is not None else None,
            changes=changes or Changes(),
        )


_COLUMNS = (
    "family_name", "given_name", "email", "email_key", "phone", "organisation", "actor_type",
    "function", "preferred_language", "notes", "sort_key",
)  # fmt: skip


def _insert(session: Session, table: Any, rows: list[dict[str, Any]]) -> list[int]:
    """Core executemany (batched into multi-row INSERTs): the ids, in the order of ``rows``.

    Core rather than ORM bulk insert, which splits the rows by the set of their
    non-null fields and would send thousands of small statements.
    """
    stmt = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return list(session.execute(stmt, rows).scalars())


def _refresh_keys(target: Target) -> None:
    given, family = _get(target, "given_name"), _get(target, "family_name")
    email, organisation = _get(target, "email"), _get(target, "organisation")
    _put(target, "search_key", keys.person_search_key(given, family, email, organisation))
    _put(target, "sort_key", keys.person_sort_key(given, family))
