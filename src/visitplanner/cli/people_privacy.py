"""Command-line rights of the people in the catalogue (RGPD): ``people report|erase|...``.

``people report PERSON --out FILE.json|FILE.pdf`` writes everything kept about one
person (right of access); ``people review [--inactive-years N] [--json]
[--purge-messages]`` lists the people due for a retention review and purges the text of
old sent messages; ``people erase PERSON --yes [--purge-backups]`` erases a person from
this catalogue; ``people register --out FILE.pdf`` prints the register of processing
activities. Both go through :mod:`visitplanner.services.privacy`, the services
the window uses. They are ``people`` actions beside ``import`` and
``export``: :func:`add_parsers` adds them to that sub-command, :data:`ACTIONS` runs them.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from visitplanner.cli.catalogue_access import open_catalogue, resolve
from visitplanner.cli.output import print_json, print_table
from visitplanner.i18n import _, document_language, ngettext
from visitplanner.services.changes import ChangeKind


def add_parsers(people_sub: Any) -> None:
    """Adds the privacy actions to ``people``'s sub-parsers."""
    from visitplanner.cli.arguments import REF_HELP

    report = people_sub.add_parser(
        "report", help=_("everything kept about one person (right of access)")
    )
    report.add_argument("person", metavar="PERSON", help=_(REF_HELP["person"]))
    report.add_argument(
        "--out",
        required=True,
        metavar="FILE.json|FILE.pdf",
        help=_("the file to write: .json (the data) or .pdf (for the person)"),
    )
    report.add_argument(
        "--doc-lang",
        choices=("fr", "en"),
        help=_("language of the PDF; default: the person’s preferred language"),
    )

    erase = people_sub.add_parser(
        "erase", help=_("erase one person from this catalogue (right to erasure)")
    )
    erase.add_argument("person", metavar="PERSON", help=_(REF_HELP["person"]))
    erase.add_argument(
        "--yes", action="store_true", help=_("really erase; without it, only say what would go")
    )
    erase.add_argument(
        "--purge-backups",
        action="store_true",
        help=_("also delete the backup files that still hold the person"),
    )

    register = people_sub.add_parser(
        "register", help=_("the register of processing activities (RGPD), pre-filled, as PDF")
    )
    register.add_argument(
        "--out", required=True, metavar="FILE.pdf", help=_("the PDF file to write")
    )
    register.add_argument("--doc-lang", choices=("fr", "en"), help=_("language of the document"))

    review = people_sub.add_parser(
        "review", help=_("people who took part in nothing for years (retention review)")
    )
    review.add_argument(
        "--inactive-years",
        type=int,
        metavar="N",
        help=_("years without participation; default: the preference (3)"),
    )
    review.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    review.add_argument(
        "--purge-messages",
        action="store_true",
        help=_("also empty the text of messages sent longer ago than the preference says"),
    )


def cmd_report(args: argparse.Namespace) -> int:
    from visitplanner.services.privacy.access import write_access_report

    catalogue = open_catalogue(args)
    person_id = resolve(catalogue, "person", args.person)
    target = write_access_report(catalogue, person_id, args.out, language=args.doc_lang)
    print(_("Access report written to {path}.").format(path=target))
    return 0


def _print_summary(summary: Any) -> None:
    counts = (
        ngettext(
            "{n} participation stays, without a name (head counts do not change).",
            "{n} participations stay, without a name (head counts do not change).",
            summary.participations,
        ).format(n=summary.participations),
        ngettext("{n} quote erased.", "{n} quotes erased.", summary.quotes).format(
            n=summary.quotes
        ),
        ngettext("{n} photo erased.", "{n} photos erased.", summary.photos).format(
            n=summary.photos
        ),
        ngettext("{n} message erased.", "{n} messages erased.", summary.messages).format(
            n=summary.messages
        ),
    )
    print(summary.name)
    for line in counts:
        print(line)
    for title in summary.story_entries:
        print(
            _(
                "Story entry naming them, redacted here and in the shared story folder: {title}"
            ).format(title=title)
        )
    for title in summary.debriefs:
        print(_("Debrief still naming them (edit it by hand): {title}").format(title=title))
    for title in summary.programme:
        print(_("Programme of “{title}”: the name is replaced.").format(title=title))
    for path in summary.backups:
        print(_("Backup still holding them: {path}").format(path=path))


def cmd_erase(args: argparse.Namespace) -> int:
    from visitplanner.domain.errors import UserError
    from visitplanner.services.privacy import erasure

    catalogue = open_catalogue(args)
    person_id = resolve(catalogue, "person", args.person)
    summary = erasure.erasure_summary(catalogue, person_id)
    _print_summary(summary)
    if not args.yes:
        raise UserError(_("Nothing was erased: add --yes to erase this person."))
    result = erasure.erase_person(catalogue, person_id)
    print(_("{name} was erased from this catalogue.").format(name=summary.name))
    if not result.compacted:
        print(
            _(
                "Another program was using the catalogue, so its free space was not wiped: "
                "the erased data may stay there until the next erasure."
            )
        )
    if args.purge_backups and summary.backups:
        removed = erasure.purge_backups(list(summary.backups))
        print(ngettext("{n} backup deleted.", "{n} backups deleted.", removed).format(n=removed))
    if summary.story_entries:
        share_redaction(catalogue)
    return 0


def share_redaction(catalogue: Any) -> None:
    """Takes the redaction to the shared folder now, rather than at the next sync."""
    from visitplanner.services.story import folder_sync

    folder = folder_sync.shared_folder(catalogue)
    if folder is None:
        return
    if not folder_sync.folder_reachable(folder):
        print(
            _(
                "The shared story folder {path} cannot be reached: the story entries will be "
                "redacted there at the next sync."
            ).format(path=folder)
        )
        return
    print(folder_sync.sync_folder(catalogue, folder).summary())


def cmd_register(args: argparse.Namespace) -> int:
    from visitplanner.services.privacy.register import write_register

    target = write_register(
        open_catalogue(args), args.out, language=document_language(args.doc_lang)
    )
    print(_("Register of processing activities written to {path}.").format(path=target))
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from visitplanner.domain.errors import UserError
    from visitplanner.services.privacy import retention
    from visitplanner.settings import load_settings

    settings = load_settings()
    years = settings.inactive_years if args.inactive_years is None else args.inactive_years
    if not 1 <= years <= 50:
        raise UserError(_("--inactive-years: give a number from 1 to 50."))
    catalogue = open_catalogue(args)
    purged = 0
    if args.purge_messages:
        purged = len(
            retention.purge_message_bodies(catalogue, settings.outbox_days).updated_ids(
                ChangeKind.OUTBOX
            )
        )
    rows = retention.due_for_review(catalogue, years)
    if args.json:
        print_json(
            [
                {
                    "id": r.id,
                    "name": r.name,
                    "email": r.email,
                    "organisation": r.organisation,
                    "last_event": r.last_event,
                    "last_change": r.last_change,
                    "participations": r.participations,
                }
                for r in rows
            ]
        )
        return 0
    if rows:
        print_table(
            [_("Id"), _("Name"), _("Organisation"), _("Last event"), _("Record changed")],
            [[r.id, r.name, r.organisation, r.last_event, r.last_change] for r in rows],
        )
    else:
        print(
            _(
                "Nobody is due for review: everyone took part in something in the last {n} years."
            ).format(n=years)
        )
    if args.purge_messages:
        print(
            ngettext(
                "The text of {n} old message was purged.",
                "The text of {n} old messages were purged.",
                purged,
            ).format(n=purged)
        )
    else:
        due = retention.message_bodies_due(catalogue, settings.outbox_days)
        if due:
            print(
                ngettext(
                    "{n} message sent over {days} days ago still holds its text; "
                    "--purge-messages empties it.",
                    "{n} messages sent over {days} days ago still hold their text; "
                    "--purge-messages empties them.",
                    due,
                ).format(n=due, days=settings.outbox_days)
            )
    return 0


ACTIONS: dict[str, Callable[[argparse.Namespace], int]] = {
    "report": cmd_report,
    "review": cmd_review,
    "register": cmd_register,
    "erase": cmd_erase,
}
