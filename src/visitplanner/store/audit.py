"""Who changed what and when, written in the same transaction as the change itself.

A team catalogue is edited by several coordinators; a record's history must say who
(the coordinator's name and the database user) changed it, when, and which fields.
The trail is kept by the unit of work, not by each service: every flush of a
dynamic, host, person, event, participant list or debrief adds its rows, so a new
service cannot forget to. Values are not copied into the trail, only field names:
the trail then holds nothing an erasure would have to chase (docs/team.md).

Each committed transaction also becomes a :class:`Notice` that other windows on a
team catalogue receive (PostgreSQL ``NOTIFY``, see :mod:`visitplanner.store.live`).
"""

from __future__ import annotations

import getpass
import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session

from visitplanner.store.audit_models import AuditRecord
from visitplanner.store.types import utcnow

CHANNEL = "visitplanner_changes"
# PostgreSQL refuses NOTIFY payloads from 8,000 bytes on: beyond this, say "everything".
MAX_PAYLOAD = 7_000
# Columns that follow from others and say nothing to a reader of the history.
DERIVED = frozenset(
    {"search_key", "sort_key", "email_key", "updated_at", "created_at", "sequence", "version"}
)


@dataclass
class Actor:
    """Who is writing through one open catalogue.

    The coordinator is the name set in Preferences (the organiser's name invitations
    are signed with), else the login; the database user is the server's own account.
    """

    coordinator: str = field(default_factory=lambda: _coordinator())
    db_user: str = ""
    instance: str = field(default_factory=lambda: uuid.uuid4().hex)

    @property
    def coordinator_login(self) -> str:
        return _login()


def _coordinator() -> str:
    from visitplanner.settings import load_settings

    try:
        name = load_settings().organiser_name.strip()
    except Exception:  # unreadable settings: the window says so elsewhere
        name = ""
    return name or _login()


@dataclass(frozen=True)
class Notice:
    """What one transaction changed, as another window on the catalogue learns it."""

    instance: str
    coordinator: str
    changes: tuple[tuple[str, int | None, str, str], ...]  # kind, id (None: all), action, label

    def to_json(self) -> str:
        data = {"i": self.instance, "c": self.coordinator, "k": [list(c) for c in self.changes]}
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        if len(text.encode("utf-8")) > MAX_PAYLOAD:
            kinds = sorted({c[0] for c in self.changes})
            data["k"] = [[kind, None, "update", ""] for kind in kinds]
            text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        return text

    @classmethod
    def from_json(cls, text: str) -> Notice | None:
        try:
            data = json.loads(text)
            changes = tuple(
                (str(k), None if i is None else int(i), str(a), str(label))
                for k, i, a, label in data["k"]
            )
            return cls(str(data["i"]), str(data["c"]), changes)
        except (ValueError, KeyError, TypeError):
            return None


def _login() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (a service account without one)
        return ""


def _kinds() -> dict[type, str]:
    from visitplanner.store.debrief_models import Debrief
    from visitplanner.store.models import Dynamic, Event, Host, Participation, Person

    return {
        Dynamic: "dynamic",
        Host: "host",
        Person: "person",
        Event: "event",
        Debrief: "debrief",
        Participation: "participation",
    }


def _label(obj: Any, kind: str) -> str:
    if kind == "person":
        return " ".join(p for p in (obj.given_name, obj.family_name) if p)
    if kind == "event":
        return obj.title or ""
    if kind in ("dynamic", "host"):
        return obj.name or ""
    return ""


def _changed_fields(obj: Any) -> list[str]:
    state = inspect(obj)
    names = []
    for attr in state.mapper.column_attrs:
        if attr.key in DERIVED:
            continue
        if state.attrs[attr.key].history.has_changes():
            names.append(attr.key)
    return names


def _action(obj: Any, fields: list[str]) -> str:
    if "erased_at" in fields and getattr(obj, "erased_at", None) is not None:
        return "erase"
    if "deleted_at" in fields:
        return "trash" if getattr(obj, "deleted_at", None) is not None else "restore"
    return "update"


def install(sessions: Any, actor: Actor, notify: bool) -> None:
    """Keeps the trail (and, on a server, the notices) for every session ``sessions`` makes."""
    kinds = _kinds()

    def after_flush(session: Session, _context: Any) -> None:
        rows: list[dict[str, Any]] = []
        seen: list[tuple[str, int | None, str, str]] = session.info.setdefault("vp_notice", [])
        for objects, base_action in (
            (session.new, "create"),
            (session.dirty, "update"),
            (session.deleted, "delete"),
        ):
            for obj in objects:
                kind = kinds.get(type(obj))
                if kind is None:
                    continue
                fields: list[str] = []
                action = base_action
                if base_action == "update":
                    fields = _changed_fields(obj)
                    if not fields:
                        continue
                    action = _action(obj, fields)
                if kind == "participation":
                    # A list belongs to its event: its history shows the list's changes.
                    kind, record_id = "event", obj.event_id
                    fields, action = ["participants"], "update"
                    label = ""
                else:
                    record_id = obj.id
                    label = "" if action in ("delete", "erase") else _label(obj, kind)
                rows.append(
                    {
                        "at": utcnow(),
                        "coordinator": actor.coordinator[:200],
                        "db_user": actor.db_user[:200],
                        "kind": kind,
                        "record_id": record_id,
                        "action": action,
                        "fields": json.dumps(fields) if fields else None,
                    }
                )
                seen.append((kind, record_id, action, label))
        if rows:
            session.connection().execute(insert(AuditRecord), rows)

    def bulk(state: Any) -> None:
        # ``update(Person)…`` statements skip the unit of work: a whole kind changed.
        if not (state.is_update or state.is_delete) or state.bind_mapper is None:
            return
        kind = kinds.get(state.bind_mapper.class_)
        if kind is not None:
            state.session.info.setdefault("vp_notice", []).append((kind, None, "update", ""))

    def before_commit(session: Session) -> None:
        if session.new or session.dirty or session.deleted:
            session.flush()  # commit flushes after this hook: the trail must see it all
        changes = session.info.pop("vp_notice", None)
        if not changes or not notify:
            return
        unique = tuple(dict.fromkeys(tuple(c) for c in changes))
        notice = Notice(actor.instance, actor.coordinator, unique)
        session.connection().exec_driver_sql(
            "SELECT pg_notify(%(channel)s, %(payload)s)",
            {"channel": CHANNEL, "payload": notice.to_json()},
        )

    def after_rollback(session: Session) -> None:
        session.info.pop("vp_notice", None)

    event.listen(sessions, "after_flush", after_flush)
    event.listen(sessions, "do_orm_execute", bulk)
    event.listen(sessions, "before_commit", before_commit)
    event.listen(
        sessions, "after_soft_rollback", lambda session, _previous: after_rollback(session)
    )


def history(session: Session, kind: str, record_id: int) -> list[AuditRecord]:
    """A record's changes, oldest first."""
    from sqlalchemy import select

    return list(
        session.scalars(
            select(AuditRecord)
            .where(AuditRecord.kind == kind, AuditRecord.record_id == record_id)
            .order_by(AuditRecord.id)
        )
    )
