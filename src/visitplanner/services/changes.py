"""What a write changed, so each view refreshes only what it shows."""

from __future__ import annotations

from dataclasses import dataclass, field

Key = tuple[str, int]


@dataclass(frozen=True)
class Changes:
    """Kinds and ids created, updated and deleted by one operation."""

    created: frozenset[Key] = field(default_factory=frozenset)
    updated: frozenset[Key] = field(default_factory=frozenset)
    deleted: frozenset[Key] = field(default_factory=frozenset)

    @classmethod
    def of(
        cls,
        created: list[Key] | None = None,
        updated: list[Key] | None = None,
        deleted: list[Key] | None = None,
    ) -> Changes:
        return cls(frozenset(created or ()), frozenset(updated or ()), frozenset(deleted or ()))

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.created | other.created,
            self.updated | other.updated,
            self.deleted | other.deleted,
        )

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(kind for kind, _ in self.created | self.updated | self.deleted)

    def created_id(self, kind: str) -> int:
        """The id of the one record of ``kind`` this operation created."""
        ids = sorted(i for k, i in self.created if k == kind)
        if len(ids) != 1:
            raise LookupError(f"expected one created {kind}, got {ids}")
        return ids[0]

    def touches(self, kind: str) -> bool:
        return kind in self.kinds

    def __bool__(self) -> bool:
        return bool(self.created or self.updated or self.deleted)
