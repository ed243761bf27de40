"""Redaction files of the shared story folder: which revisions every catalogue must purge.

The folder is a union of revisions nobody changes, so taking a person's name out of the
story cannot be an edit alone: the earlier revisions that name them would stay in the
folder and in every catalogue's history, and a catalogue that was offline would bring
them back at its next sync. A redaction is a file of its own, written once like a
revision and never changed::

    redactions/<redaction uuid>.<catalogue uuid>.json

It names, for each entry, the revision number up to which every revision of that entry
is purged (``through``; the revisions the writing catalogue knew are listed too, in
``purge``) and the redacted revision that replaces them (``replacement``, a whole
revision as ``entries/`` holds them, numbered above ``through``). It holds no name: only
the text already redacted. See docs/shared-log.md for the format and why.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from visitplanner.exchange.story_folder import (
    RevisionRecord,
    StoryFileError,
    finished_names,
    write_atomically,
)

FORMAT = "visitplanner-redaction"
FORMAT_VERSION = 1
REDACTIONS = "redactions"
# A redaction holds whole revisions (up to 1 MB each): an erasure rarely covers many.
MAX_FILE_SIZE = 64_000_000
REASONS = ("erasure", "consent_withdrawn", "other")

_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_NAME = re.compile(rf"^(?P<redaction>{_UUID})\.(?P<origin>{_UUID})\.json$")


@dataclass(frozen=True)
class RedactedEntry:
    """One entry of a redaction: what goes (every revision up to ``through``) and what stays."""

    entry: str
    through: int
    purge: tuple[tuple[int, str], ...]  # (revision, origin) the writing catalogue knew
    replacement: RevisionRecord

    def covers(self, revision: int, origin: str) -> bool:
        """True for a revision this redaction purges (never its own replacement)."""
        if (revision, origin) == (self.replacement.revision, self.replacement.origin):
            return False
        return revision <= self.through or (revision, origin) in self.purge


@dataclass(frozen=True)
class Redaction:
    redaction: str
    origin: str
    saved_at: datetime
    reason: str
    entries: tuple[RedactedEntry, ...]

    @property
    def file_name(self) -> str:
        return file_name(self.redaction, self.origin)

    def to_json(self) -> str:
        data = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "redaction": self.redaction,
            "origin": self.origin,
            "saved_at": self.saved_at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
            "reason": self.reason,
            "entries": [
                {
                    "entry": e.entry,
                    "through": e.through,
                    "purge": [{"revision": r, "origin": o} for r, o in e.purge],
                    "replacement": json.loads(e.replacement.to_json()),
                }
                for e in self.entries
            ],
        }
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"

    @classmethod
    def from_json(cls, raw: bytes) -> Redaction:
        """The redaction in ``raw``; StoryFileError (corrupt, foreign, future) otherwise."""
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
            raise StoryFileError("corrupt", str(exc)) from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise StoryFileError("foreign")
        version = data.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise StoryFileError("corrupt", "version")
        if version > FORMAT_VERSION:
            raise StoryFileError("future", str(version))
        try:
            return _from_dict(data)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise StoryFileError("corrupt", str(exc)) from None


def _from_dict(data: dict) -> Redaction:
    origin = _uuid(data["origin"])
    saved_at = datetime.fromisoformat(_str(data["saved_at"]).replace("Z", "+00:00"))
    if saved_at.tzinfo is None:
        raise ValueError("saved_at has no offset")
    reason = _str(data.get("reason", "other"))
    entries = data["entries"]
    if not isinstance(entries, list) or not entries:
        raise ValueError("entries")
    return Redaction(
        redaction=_uuid(data["redaction"]),
        origin=origin,
        saved_at=saved_at.astimezone(UTC),
        reason=reason if reason in REASONS else "other",
        entries=tuple(_entry(item, origin) for item in entries),
    )


def _entry(item: object, origin: str) -> RedactedEntry:
    if not isinstance(item, dict):
        raise TypeError("entry")
    entry = _uuid(item["entry"])
    through = _int(item["through"])
    purge = tuple((_int(p["revision"]), _uuid(p["origin"])) for p in _list(item.get("purge") or []))
    replacement_data = item["replacement"]
    if not isinstance(replacement_data, dict):
        raise TypeError("replacement")
    replacement = RevisionRecord.from_json(json.dumps(replacement_data).encode("utf-8"))
    # A redaction replaces what it purges, with a revision of its own writer, newer than
    # all it purges: anything else could hide or purge an entry it does not redact.
    if replacement.entry != entry or replacement.origin != origin:
        raise ValueError("replacement of another entry or catalogue")
    if replacement.revision <= through or any(r > through for r, _o in purge):
        raise ValueError("replacement not newer than what it purges")
    return RedactedEntry(entry, through, purge, replacement)


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {type(value).__name__}")
    return value


def _list(value: object) -> list:
    if not isinstance(value, list):
        raise TypeError(f"expected a list, got {type(value).__name__}")
    return value


def _int(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1 or value > 10**9:
        raise ValueError(f"expected a positive whole number, got {value!r}")
    return value


def _uuid(value: object) -> str:
    text = _str(value)
    if not re.fullmatch(_UUID, text):
        raise ValueError(f"not a UUID: {text!r}")
    return text


def file_name(redaction: str, origin: str) -> str:
    return f"{redaction}.{origin}.json"


def list_redaction_names(folder: Path) -> list[str]:
    """Names of the finished redaction files; none when the folder has no ``redactions``."""
    redactions = folder / REDACTIONS
    if not redactions.is_dir():
        return []
    return finished_names(redactions)


def read_redaction(folder: Path, name: str) -> Redaction:
    """The redaction in ``redactions/name``, checked against its name when well named."""
    path = folder / REDACTIONS / name
    if path.stat().st_size > MAX_FILE_SIZE:
        raise StoryFileError("too_big")
    redaction = Redaction.from_json(path.read_bytes())
    named = _NAME.match(name)
    if named and (named["redaction"], named["origin"]) != (redaction.redaction, redaction.origin):
        raise StoryFileError("mismatch")
    return redaction


def write_redaction(folder: Path, name: str, content: str) -> None:
    """Writes a redaction the folder lacks (complete under its name, or not at all)."""
    target = folder / REDACTIONS
    target.mkdir(exist_ok=True)
    write_atomically(target / name, content.encode("utf-8"))
