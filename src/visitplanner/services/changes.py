"""What a write changed, so each view refreshes only what it shows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class ChangeKind(StrEnum):
    """The kinds of record a write reports; a view refreshes when a kind it shows changed.

    The values are the names the trash, the undo history and links already give these
    records, so a kind read from one of them compares equal to its member.
    """

    DYNAMIC = "dynamic"
    HOST = "host"
    PERSON = "person"
    EVENT = "event"
    PARTICIPATION = "participation"
    DEBRIEF = "debrief"
    PHOTO = "photo"
    STORY_ENTRY = "story_entry"
    OUTBOX = "outbox"


Key = tuple[ChangeKind, int]


def _keys(keys: Iterable[tuple[str, int]] | None) -> frozenset[Key]:
    # ChangeKind(kind) refuses a kind nobody listens to, instead of a view never refreshing.
    return frozenset((ChangeKind(kind), record_id) for kind, record_id in keys or ())


@dataclass(frozen=True)
class Changes:
    """Kinds and ids created, updated and deleted by one operation.

    ``unnamed`` holds kinds whose changed records are not named (entries read by a
    sync); ``whole`` says the catalogue's whole content was replaced (the demo loaded):
    both touch every record of their kinds.
    """

    created: frozenset[Key] = field(default_factory=frozenset)
    updated: frozenset[Key] = field(default_factory=frozenset)
    deleted: frozenset[Key] = field(default_factory=frozenset)
    unnamed: frozenset[ChangeKind] = field(default_factory=frozenset)
    whole: bool = False

    @classmethod
    def of(
        cls,
        created: Iterable[tuple[str, int]] | None = None,
        updated: Iterable[tuple[str, int]] | None = None,
        deleted: Iterable[tuple[str, int]] | None = None,
    ) -> Changes:
        return cls(_keys(created), _keys(updated), _keys(deleted))

    @classmethod
    def everything(cls) -> Changes:
        """The whole content changed at once: every view shows it again from the start."""
        return cls(whole=True)

    @classmethod
    def of_kinds(cls, *kinds: ChangeKind) -> Changes:
        """Records of these kinds changed, without saying which (a sync read some entries)."""
        return cls(unnamed=frozenset(ChangeKind(kind) for kind in kinds))

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.created | other.created,
            self.updated | other.updated,
            self.deleted | other.deleted,
            self.unnamed | other.unnamed,
            self.whole or other.whole,
        )

    @property
    def kinds(self) -> frozenset[ChangeKind]:
        if self.whole:
            return frozenset(ChangeKind)
        named = self.created | self.updated | self.deleted
        return frozenset(kind for kind, _ in named) | self.unnamed

    def created_id(self, kind: ChangeKind) -> int:
        """The id of the one record of ``kind`` this operation created."""
        ids = sorted(i for k, i in self.created if k == kind)
        if len(ids) != 1:
            raise LookupError(f"expected one created {kind}, got {ids}")
        return ids[0]

    def created_ids(self, kind: ChangeKind) -> list[int]:
        """The records of ``kind`` created, by id (messages queued, to count them)."""
        return sorted(i for k, i in self.created if k == kind)

    def updated_ids(self, kind: ChangeKind) -> list[int]:
        """The records of ``kind`` updated, by id (not those created or deleted)."""
        return sorted(i for k, i in self.updated if k == kind)

    def touches(self, kind: ChangeKind, record_id: int | None = None) -> bool:
        """Whether a view of ``kind`` (or of that one record) may have to show it again."""
        if self.whole or kind in self.unnamed:
            return True
        if record_id is None:
            return kind in self.kinds
        key = (ChangeKind(kind), record_id)
        return key in self.created or key in self.updated or key in self.deleted

    def __bool__(self) -> bool:
        return bool(self.whole or self.unnamed or self.created or self.updated or self.deleted)
