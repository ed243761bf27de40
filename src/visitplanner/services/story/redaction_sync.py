"""Redactions through the shared folder: applied before any revision is read, never undone.

A sync first reads the redaction files it does not know and applies them (one
transaction), then deletes from the folder every revision file a known redaction
purges, and leaves those names out of what it reads: a catalogue that was offline, or
a USB key that still holds an old revision, cannot bring it back. It ends by writing
the redactions the folder lacks, so the next catalogue applies them too.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from visitplanner.exchange import story_folder, story_redactions
from visitplanner.exchange.story_folder import StoryFileError
from visitplanner.exchange.story_redactions import RedactedEntry, Redaction
from visitplanner.services.story.redaction import (
    apply_redaction,
    known_redactions,
    rejected_redactions,
    save_stored,
)
from visitplanner.store.database import Catalogue


@dataclass
class Purges:
    """Every revision the known redactions purge, asked about by entry, number and origin."""

    by_entry: dict[str, list[RedactedEntry]] = field(default_factory=dict)

    def covers(self, entry: str, revision: int, origin: str) -> bool:
        return any(r.covers(revision, origin) for r in self.by_entry.get(entry, ()))

    def covers_name(self, name: str) -> bool:
        named = story_folder.parse_name(name)
        return named is not None and self.covers(*named)


@dataclass
class RedactionOutcome:
    purges: Purges
    applied: int = 0  # redactions read from the folder and applied here
    problems: list[tuple[str, StoryFileError]] = field(default_factory=list)
    skipped: int = 0


def _purges(known: dict[str, str]) -> Purges:
    purges = Purges()
    for content in known.values():
        try:
            redaction = Redaction.from_json(content.encode("utf-8"))
        except StoryFileError:
            continue
        for item in redaction.entries:
            purges.by_entry.setdefault(item.entry, []).append(item)
    return purges


def read_redactions(
    catalogue: Catalogue,
    root: Path,
    names: list[str],
    unreachable: Callable[[OSError], Exception],
) -> RedactionOutcome:
    """Applies the redactions of ``names`` not applied yet, all in one transaction."""
    with catalogue.session() as session:
        known = known_redactions(session)
        rejected = rejected_redactions(session)
        fresh = [n for n in names if n not in known]
        if not fresh and not rejected:
            return RedactionOutcome(_purges(known))
        outcome = RedactionOutcome(Purges())
        still_bad: dict[str, list[int]] = {}
        for name in sorted(fresh):
            stamp = [0, 0]
            try:
                stat = (root / story_redactions.REDACTIONS / name).stat()
                stamp = [stat.st_size, stat.st_mtime_ns]
                redaction = story_redactions.read_redaction(root, name)
            except FileNotFoundError as exc:
                if not root.is_dir():
                    raise unreachable(exc) from None
                continue
            except StoryFileError as exc:
                still_bad[name] = stamp
                if rejected.get(name) != stamp:
                    outcome.problems.append((name, exc))
                continue
            except OSError as exc:
                if not root.is_dir():
                    raise unreachable(exc) from None
                still_bad[name] = stamp
                if rejected.get(name) != stamp:
                    outcome.problems.append((name, StoryFileError("unreadable")))
                continue
            if redaction.file_name in known_redactions(session):
                continue  # the same redaction under another name (a sync tool's copy)
            apply_redaction(session, redaction)
            outcome.applied += 1
        known = known_redactions(session)
        if still_bad != rejected:
            save_stored(session, known, still_bad)
        outcome.skipped = len(still_bad)
        outcome.purges = _purges(known)
        return outcome


def drop_purged(root: Path, names: list[str], purges: Purges) -> tuple[list[str], int]:
    """(the names left to consider, how many purged files were deleted from the folder)."""
    if not purges.by_entry:
        return names, 0
    kept, deleted = [], 0
    for name in names:
        if not purges.covers_name(name):
            kept.append(name)
            continue
        with contextlib.suppress(FileNotFoundError):
            try:
                (root / story_folder.ENTRIES / name).unlink()
                deleted += 1
            except PermissionError:
                pass  # a read-only folder: never read back, deleted by the next writer
    return kept, deleted


def write_redactions(catalogue: Catalogue, root: Path, names: list[str]) -> int:
    """Writes every redaction this catalogue knows that the folder lacks."""
    with catalogue.session() as session:
        known = known_redactions(session)
    missing = sorted(set(known) - set(names))
    for name in missing:
        story_redactions.write_redaction(root, name, known[name])
    return len(missing)
