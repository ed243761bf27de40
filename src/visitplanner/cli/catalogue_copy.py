"""Command-line ``copy SOURCE TARGET``: a whole catalogue, SQLite file <-> database server."""

from __future__ import annotations

import argparse
import sys
from contextlib import ExitStack
from typing import Any

from visitplanner.i18n import _, ngettext


def add_parsers(sub: Any) -> None:
    copy = sub.add_parser(
        "copy",
        help=_("copy a whole catalogue: SQLite file <-> PostgreSQL URL"),
        description=_(
            "Publishes a catalogue file to a team server, or takes an offline copy of a "
            "team catalogue. The target must be new or empty."
        ),
    )
    copy.add_argument("source", metavar="SOURCE", help=_("catalogue file or database URL"))
    copy.add_argument("target", metavar="TARGET", help=_("new file or empty database URL"))


def cmd_copy(args: argparse.Namespace) -> int:
    from visitplanner.store.catalogue_copy import copy_catalogue, refuse_same
    from visitplanner.store.lock import command_lock

    refuse_same(args.source, args.target)
    with ExitStack() as locks:
        # Both files' locks: no window may write the source while it is read, nor open
        # the target before it is complete.
        locks.enter_context(command_lock(args.source, "copy"))
        locks.enter_context(command_lock(args.target, "copy"))
        report = copy_catalogue(args.source, args.target, _progress())
    print(
        _("Copied {count} records from {source} to {target}.").format(
            count=report.total, source=report.source, target=report.target
        )
    )
    if not report.offline_copy and "://" in args.target:
        _upload_photos(args.target)
    if report.offline_copy:
        print(
            _(
                "{target} is an offline copy of the team catalogue, marked as such. What "
                "you type in it stays in this file and does not go back to the server; the "
                "story still travels through its shared folder."
            ).format(target=report.target)
        )
    return 0


def _upload_photos(target: str) -> None:
    """A laptop's photos were files in its data folder: the team catalogue keeps them."""
    from visitplanner.services.documents.attachments import upload_missing
    from visitplanner.store.database import open_catalogue

    catalogue = open_catalogue(target)
    try:
        stored, missing = upload_missing(catalogue)
    finally:
        catalogue.close()
    if stored:
        print(
            ngettext(
                "{n} photo stored in the team catalogue.",
                "{n} photos stored in the team catalogue.",
                stored,
            ).format(n=stored)
        )
    if missing:
        print(
            ngettext(
                "{n} photo was not found in this computer's data folder; it goes up "
                "when the laptop that has it opens the team catalogue.",
                "{n} photos were not found in this computer's data folder; each goes up "
                "when the laptop that has it opens the team catalogue.",
                missing,
            ).format(n=missing),
            file=sys.stderr,
        )


def _progress():
    if not sys.stderr.isatty():
        return None

    def show(table: str, count: int) -> None:
        print(f"\r{table}: {count}", end="", file=sys.stderr, flush=True)

    return show


COMMANDS = {"copy": cmd_copy}
