"""The report of a calendar import, in sentences the command line and the window both show."""

from __future__ import annotations

from typing import Any

from visitplanner.domain.enums import EventKind
from visitplanner.i18n import _, ngettext


def report_lines(result: Any) -> list[str]:
    """Counts first, then the notes: what the import leaves out, and why."""
    counts = _("{file}: {created} events created, {updated} updated, {unchanged} unchanged.")
    return [
        counts.format(
            file=result.source,
            created=result.created,
            updated=result.updated,
            unchanged=result.unchanged,
        ),
        *notes(result),
    ]


def preview_lines(result: Any) -> list[str]:
    """What an import would do, then the same notes as its report."""
    counts = _("{file}: {created} events to create, {updated} to update, {unchanged} to skip.")
    return [
        counts.format(
            file=result.source,
            created=result.created,
            updated=result.updated,
            unchanged=result.unchanged,
        ),
        *notes(result),
    ]


def notes(result: Any) -> list[str]:
    """One sentence for each kind of thing the import leaves out or decides for the user."""
    lines: list[str] = []
    if result.neutral_kind:
        lines.append(
            ngettext(
                "{n} event has no category naming a kind of event: it is imported as “{kind}”.",
                "{n} events have no category naming a kind of event: they are imported as "
                "“{kind}”.",
                result.neutral_kind,
            ).format(n=result.neutral_kind, kind=EventKind.MEETING.label)
        )
    left = result.left_out
    # One literal ngettext call per sentence, so that the translation tools find them.
    if left.alarms:
        lines.append(
            ngettext(
                "{n} alarm (VALARM) is not imported: the catalogue keeps no reminders.",
                "{n} alarms (VALARM) are not imported: the catalogue keeps no reminders.",
                left.alarms,
            ).format(n=left.alarms)
        )
    if left.attachments:
        lines.append(
            ngettext(
                "{n} attachment (ATTACH) is not imported: add files to the event by hand.",
                "{n} attachments (ATTACH) are not imported: add files to the events by hand.",
                left.attachments,
            ).format(n=left.attachments)
        )
    if left.attendees:
        lines.append(
            ngettext(
                "{n} event lists attendees, who are not imported: add participants by hand.",
                "{n} events list attendees, who are not imported: add participants by hand.",
                left.attendees,
            ).format(n=left.attendees)
        )
    if left.others:
        lines.append(
            ngettext(
                "{n} to-do, journal entry or free/busy block is not imported.",
                "{n} to-dos, journal entries or free/busy blocks are not imported.",
                left.others,
            ).format(n=left.others)
        )
    if left.duplicates:
        lines.append(
            ngettext(
                "{n} event repeats a UID already read in the file: only the first one is imported.",
                "{n} events repeat a UID already read in the file: only the first ones are "
                "imported.",
                left.duplicates,
            ).format(n=left.duplicates)
        )
    return lines
