"""The report of a calendar import, in sentences the command line and the window both show."""

from __future__ import annotations

from typing import Any

from visitplanner.domain.enums import EventKind
from visitplanner.i18n import _, ngettext


def report_lines(result: Any) -> list[str]:
    """Counts first, then one sentence for each kind of thing the import left out."""
    lines = [
        _("{file}: {created} events created, {updated} updated, {unchanged} unchanged.").format(
            file=result.source,
            created=result.created,
            updated=result.updated,
            unchanged=result.unchanged,
        )
    ]
    if result.neutral_kind:
        lines.append(
            ngettext(
                "{n} event has no category naming a kind of event: it was imported as “{kind}”.",
                "{n} events have no category naming a kind of event: they were imported as "
                "“{kind}”.",
                result.neutral_kind,
            ).format(n=result.neutral_kind, kind=EventKind.MEETING.label)
        )
    left = result.left_out
    # One literal ngettext call per sentence, so that the translation tools find them.
    if left.alarms:
        lines.append(
            ngettext(
                "{n} alarm (VALARM) was not imported: the catalogue keeps no reminders.",
                "{n} alarms (VALARM) were not imported: the catalogue keeps no reminders.",
                left.alarms,
            ).format(n=left.alarms)
        )
    if left.attachments:
        lines.append(
            ngettext(
                "{n} attachment (ATTACH) was not imported: add files to the event by hand.",
                "{n} attachments (ATTACH) were not imported: add files to the events by hand.",
                left.attachments,
            ).format(n=left.attachments)
        )
    if left.attendees:
        lines.append(
            ngettext(
                "{n} event lists attendees, which were not imported: add participants by hand.",
                "{n} events list attendees, which were not imported: add participants by hand.",
                left.attendees,
            ).format(n=left.attendees)
        )
    if left.others:
        lines.append(
            ngettext(
                "{n} to-do, journal entry or free/busy block was not imported.",
                "{n} to-dos, journal entries or free/busy blocks were not imported.",
                left.others,
            ).format(n=left.others)
        )
    if left.duplicates:
        lines.append(
            ngettext(
                "{n} event repeats a UID already read in the file: only the first one was "
                "imported.",
                "{n} events repeat a UID already read in the file: only the first ones were "
                "imported.",
                left.duplicates,
            ).format(n=left.duplicates)
        )
    return lines
