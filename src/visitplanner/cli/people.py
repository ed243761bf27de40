"""Command-line people: ``people import`` and ``people export`` (CSV), and their rights."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from visitplanner.cli.catalogue_access import open_catalogue, resolve
from visitplanner.i18n import _, ngettext, number


def add_parsers(sub: Any) -> None:
    from visitplanner.cli.arguments import output_file

    people = sub.add_parser(
        "people", help=_("the catalogue's people: CSV import and export, their rights (RGPD)")
    )
    people_sub = people.add_subparsers(dest="people_command", metavar="ACTION", required=True)
    people_import = people_sub.add_parser("import", help=_("add the people of a CSV file"))
    people_import.add_argument("file", metavar="FILE.csv", help=_("the CSV file to read"))
    people_import.add_argument(
        "--dry-run", action="store_true", help=_("check the file, write nothing")
    )
    people_export = people_sub.add_parser("export", help=_("write the people to a CSV file"))
    output_file(people_export)
    from visitplanner.cli import people_privacy as cli_people_privacy

    cli_people_privacy.add_parsers(people_sub)
    from visitplanner.cli import people_consents

    people_consents.add_parser(people_sub)


def import_csv(args: argparse.Namespace, event_ref: str | None) -> int:
    """Reads the file first (a bad file must not even create the catalogue), then imports."""
    from visitplanner.exchange.csvio import guess_mapping, read_table
    from visitplanner.services.directory import imports

    table = read_table(args.file)
    catalogue = open_catalogue(args)
    event_id = resolve(catalogue, "event", event_ref)
    try:
        report = imports.import_people(
            catalogue,
            table,
            guess_mapping(table.headers),
            event_ref=event_id,
            dry_run=args.dry_run,
        )
    except imports.ImportRejected as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        return 1
    for line in report.summary():
        print(line)
    return 0


def report_exported(count: int, path: str) -> None:
    print(
        ngettext("{n} person written to {path}.", "{n} people written to {path}.", count).format(
            n=number(count), path=path
        )
    )


def cmd_people(args: argparse.Namespace) -> int:
    from visitplanner.cli.people_privacy import ACTIONS as PRIVACY_ACTIONS

    if args.people_command in PRIVACY_ACTIONS:
        return PRIVACY_ACTIONS[args.people_command](args)
    if args.people_command == "consent":
        from visitplanner.cli.people_consents import cmd_consent

        return cmd_consent(args)
    if args.people_command == "import":
        return import_csv(args, None)
    from visitplanner.services.directory.exports import export_people

    report_exported(export_people(open_catalogue(args), args.file), args.file)
    return 0


COMMANDS = {"people": cmd_people}
