"""Arguments several commands share: the help of a record reference, dates, output files.

Apart from :mod:`.main` so that the command modules can use them without importing the
module that imports them.
"""

from __future__ import annotations

import argparse

from visitplanner.i18n import N_, _

# Help of the arguments that name a record (translated where used).
REF_HELP = {
    "event": N_("the event: its id, UID or exact title"),
    "person": N_("the person: id, e-mail or full name"),
    "host": N_("the host organisation: id or exact name"),
    "dynamic": N_("the dynamic: id or exact name"),
}
START_HELP = N_("start, like 2027-03-12T09:30 (a date with --all-day)")
END_HELP = N_("end, like 2027-03-12T17:00 (the last day with --all-day)")


def output_file(parser: argparse.ArgumentParser) -> None:
    """``FILE.csv`` as in the first versions, or ``--out FILE.csv`` as the other exports."""
    parser.add_argument("file", metavar="FILE.csv", nargs="?", help=_("the CSV file to write"))
    parser.add_argument("--out", metavar="FILE.csv", help=_("the CSV file to write"))
    parser.set_defaults(output_file=True)


def check_output_file(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """The file to write, given once, as ``FILE.csv`` or ``--out`` (usage error otherwise)."""
    if not getattr(args, "output_file", False):
        return
    if args.file and args.out and args.file != args.out:
        parser.error(_("give the file to write once: FILE.csv or --out FILE.csv"))
    args.file = args.file or args.out
    if not args.file:
        parser.error(_("the file to write is missing: FILE.csv or --out FILE.csv"))


def day_argument(value: str | None):  # -> date | None
    """A ``YYYY-MM-DD`` argument as a date; None stays None."""
    from datetime import date

    from visitplanner.domain.errors import UserError

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UserError(
            _("Not a date: {value} (expected YYYY-MM-DD).").format(value=value)
        ) from None
