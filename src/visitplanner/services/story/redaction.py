"""Taking a person's name out of the shared story, in every catalogue that shares it.

Public functions (the erasure and the withdrawal of "being named in the story" call them)::

    redact_mentions(catalogue, person_names_and_emails, reason, language=None) -> Changes
    redact_mentions_in(session, person_names_and_emails, reason, language=None) -> Changes
    redact_text(text, person_names_and_emails, marker) -> str | None

``person_names_and_emails`` are the forms that name the person: "Given Family",
"Family Given" (any case and accents: they are folded) and e-mail addresses.
``reason`` is ``"erasure"``, ``"consent_withdrawn"`` or ``"other"``.

Every entry of which the shown revision or any kept revision names the person gets a
new, redacted revision (the names replaced by « [nom retiré] » / "[name removed]", in
the document language), and all its earlier revisions are deleted from this catalogue's
history. A redaction record (``exchange.story_redactions``) says so; the next sync
writes it to the shared folder, where every catalogue applies it: the same revisions
go from their history and from the folder, and, remembered, are never taken back from
a catalogue or a folder that still holds them.
"""

from __future__ import annotations

import json
import re
import uuid as uuidlib
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from visitplanner.domain.text import fold
from visitplanner.exchange.story_folder import RevisionRecord
from visitplanner.exchange.story_redactions import RedactedEntry, Redaction
from visitplanner.i18n import N_, current_language, translation_for
from visitplanner.services.changes import ChangeKind, Changes
from visitplanner.services.story.revisions import RevisionStore, catalogue_id, ensure_revisions
from visitplanner.store.database import Catalogue
from visitplanner.store.models import CatalogueInfo, StoryEntry, StoryRevision

NAME_REMOVED = N_("[name removed]")
REDACTIONS_KEY = "story_redactions"  # catalogue_info: {"known": {file name: JSON}, ...}

_WORD = re.compile(r"\w+")
# Folding drops apostrophes ("N'Diaye" is "ndiaye"), but French elides before a name
# ("d’Anne Martin"): both readings of the text are tried.
_JOINED = re.compile(r"\w+(?:['’ʼ`´]\w+)*")
_EMAIL = re.compile(r"[^\s@<>()\[\],;:\"']+@[^\s@<>()\[\],;:\"']+")


# --- the text -----------------------------------------------------------------


def _terms(person_names_and_emails: Iterable[str]) -> tuple[list[list[str]], list[str]]:
    """(names as lists of folded words, e-mail addresses in lower case)."""
    names, emails = [], []
    for term in person_names_and_emails:
        term = (term or "").strip()
        if not term:
            continue
        if _EMAIL.fullmatch(term):
            emails.append(term.lower())
            continue
        words = _WORD.findall(fold(term))
        if words and words not in names:
            names.append(words)
    return names, emails


def redact_text(
    text: str | None, person_names_and_emails: Iterable[str], marker: str
) -> str | None:
    """``text`` with every mention of the person replaced by ``marker``.

    A mention is what the access report calls one: the name as whole words in either
    order given (case, accents and punctuation between the words ignored), or the
    e-mail address. The family name alone is kept: it would take namesakes out too.
    """
    names, emails = _terms(person_names_and_emails)
    return _redact(text, names, emails, marker)


def _redact(text: str | None, names: list[list[str]], emails: list[str], marker: str) -> str | None:
    if not text:
        return text
    for email in emails:
        text = re.sub(re.escape(email), marker, text, flags=re.IGNORECASE)
    for pattern in (_WORD, _JOINED):
        if not names:
            break
        words = [(m.start(), m.end(), fold(m.group())) for m in pattern.finditer(text)]
        spans = []
        i = 0
        while i < len(words):
            for name in sorted(names, key=len, reverse=True):
                found = _match(words, i, name)
                if found:
                    spans.append((words[i][0], words[found - 1][1]))
                    i = found
                    break
            else:
                i += 1
        for start, end in reversed(spans):
            text = text[:start] + marker + text[end:]
    return text


def _match(words: list[tuple[int, int, str]], i: int, name: list[str]) -> int:
    """The index after the words of ``name`` starting at ``words[i]``, else 0.

    A word may fold to several ("Jean-Marie" is one \\w+ run per part, "ß" folds to
    "ss"), so the folded words are compared one by one, each split as fold splits it.
    """
    wanted = list(name)
    j = i
    while wanted:
        if j >= len(words):
            return 0
        parts = words[j][2].split()
        if parts != wanted[: len(parts)] or not parts:
            return 0
        wanted = wanted[len(parts) :]
        j += 1
    return j


def _marker(language: str | None) -> str:
    return translation_for(language or current_language()).gettext(NAME_REMOVED)


def _redacted_record(
    record: RevisionRecord, names: list[list[str]], emails: list[str], marker: str
) -> RevisionRecord:
    def red(value: str | None) -> str | None:
        return _redact(value, names, emails, marker)

    return replace(
        record,
        title=red(record.title) or marker,
        text=red(record.text),
        author=red(record.author),
        photo_caption=red(record.photo_caption),
        event_title=red(record.event_title),
        extra={k: _redact_json(v, red) for k, v in record.extra.items()},
    )


def _redact_json(value: object, red) -> object:
    if isinstance(value, str):
        return red(value)
    if isinstance(value, list):
        return [_redact_json(v, red) for v in value]
    if isinstance(value, dict):
        return {k: _redact_json(v, red) for k, v in value.items()}
    return value


def _names_person(record: RevisionRecord, names: list[list[str]], emails: list[str]) -> bool:
    marked = _redacted_record(record, names, emails, "\0")
    return marked != record or marked.extra != record.extra


# --- this catalogue -------------------------------------------------------------


def redact_mentions(
    catalogue: Catalogue,
    person_names_and_emails: Sequence[str],
    reason: str,
    language: str | None = None,
) -> Changes:
    """Redacts, in one transaction, every story entry naming the person (see the module)."""
    with catalogue.session() as session:
        return redact_mentions_in(session, person_names_and_emails, reason, language)


def redact_mentions_in(
    session: Session,
    person_names_and_emails: Sequence[str],
    reason: str,
    language: str | None = None,
) -> Changes:
    """:func:`redact_mentions` inside the caller's transaction (the erasure's own)."""
    names, emails = _terms(person_names_and_emails)
    if not names and not emails:
        return Changes()
    ensure_revisions(session)
    by_entry: dict[str, list[RevisionRecord]] = {}
    for row in session.scalars(select(StoryRevision)):
        record = RevisionRecord.from_json(row.content.encode("utf-8"))
        by_entry.setdefault(row.entry_uuid, []).append(record)
    origin = catalogue_id(session)
    now = datetime.now(UTC)
    marker = _marker(language)
    redacted = []
    for entry_uuid, records in sorted(by_entry.items()):
        if not any(_names_person(r, names, emails) for r in records):
            continue
        current = max(records, key=RevisionRecord.sort_key)
        through = max(r.revision for r in records)
        replacement = replace(
            _redacted_record(current, names, emails, marker),
            revision=through + 1,
            origin=origin,
            saved_at=now,
            parent=(current.revision, current.origin),
        )
        purge = tuple(sorted({(r.revision, r.origin) for r in records}))
        redacted.append(RedactedEntry(entry_uuid, through, purge, replacement))
    if not redacted:
        return Changes()
    redaction = Redaction(str(uuidlib.uuid4()), origin, now, reason, tuple(redacted))
    ids = apply_redaction(session, redaction)
    return Changes.of(updated=[(ChangeKind.STORY_ENTRY, i) for i in ids])


# --- every catalogue ------------------------------------------------------------


def apply_redaction(session: Session, redaction: Redaction) -> list[int]:
    """Purges what ``redaction`` covers from this catalogue and shows its replacements.

    Idempotent: applying a redaction twice changes nothing the second time. Returns the
    ids of the entries whose shown revision changed.
    """
    if session.get_bind().dialect.name == "sqlite":
        # Deleted rows' pages are overwritten with zeros instead of left for reuse.
        session.execute(text("PRAGMA secure_delete = ON"))
    store = RevisionStore(session, [e.entry for e in redaction.entries])
    changed = []
    for item in redaction.entries:
        session.execute(
            delete(StoryRevision).where(
                StoryRevision.entry_uuid == item.entry, StoryRevision.revision <= item.through
            )
        )
        kept = session.scalar(
            select(StoryRevision.id).where(
                StoryRevision.entry_uuid == item.entry,
                StoryRevision.revision == item.replacement.revision,
                StoryRevision.origin == item.replacement.origin,
            )
        )
        entry = session.scalar(select(StoryEntry).where(StoryEntry.uuid == item.entry))
        if kept is None:
            shown = store.store(item.replacement)
            if shown is not None:
                session.flush()
                changed.append(shown.id)
        elif entry is not None and entry.revision <= item.through:
            # Received earlier as a plain revision but not shown: show it now.
            store.apply(entry, item.replacement)
            changed.append(entry.id)
    _remember(session, redaction)
    session.flush()
    return changed


def known_redactions(session: Session) -> dict[str, str]:
    """The redactions this catalogue applied, by file name: their JSON, as written."""
    return dict(_stored(session).get("known", {}))


def _stored(session: Session) -> dict:
    row = session.get(CatalogueInfo, REDACTIONS_KEY)
    try:
        value = json.loads(row.value) if row else {}
    except ValueError:
        value = {}
    return value if isinstance(value, dict) else {}


def save_stored(session: Session, known: dict[str, str], rejected: dict[str, list[int]]) -> None:
    value = json.dumps({"known": known, "rejected": rejected}, ensure_ascii=False)
    row = session.get(CatalogueInfo, REDACTIONS_KEY)
    if row is None:
        session.add(CatalogueInfo(key=REDACTIONS_KEY, value=value))
    elif row.value != value:
        row.value = value


def rejected_redactions(session: Session) -> dict[str, list[int]]:
    """Bad redaction files already reported, by name: [size, mtime_ns]."""
    rejected = _stored(session).get("rejected", {})
    return dict(rejected) if isinstance(rejected, dict) else {}


def _remember(session: Session, redaction: Redaction) -> None:
    known = known_redactions(session)
    if redaction.file_name not in known:
        known[redaction.file_name] = redaction.to_json()
        save_stored(session, known, rejected_redactions(session))
