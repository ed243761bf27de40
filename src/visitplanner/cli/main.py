"""The command line: parse, call one service, print. No Qt is imported here.

Exit status: 0 done; 1 refused (bad input, not found, conflict) with one plain
sentence on stderr and nothing changed; 2 wrong usage (argparse's own).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence

from visitplanner import __version__
from visitplanner.cli.arguments import check_output_file
from visitplanner.cli.catalogue_access import open_catalogue
from visitplanner.domain.errors import UserError
from visitplanner.i18n import _, set_language

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    from visitplanner.cli.parser import Parser, install

    install()
    parser = Parser(
        prog="visitplanner",
        description=_("Plan learning visits and joint seminars for cooperation networks."),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"Visit Planner {__version__}",
        help=_("show the version number and exit"),
    )
    parser.add_argument("--db", metavar="DB", help=_("catalogue file or database URL"))
    parser.add_argument("--lang", choices=("fr", "en"), help=_("language of messages"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", help=_("fill the catalogue with the demo data"))
    demo.add_argument(
        "--size", choices=("small", "large"), default="small", help=_("how much demo data")
    )
    demo.add_argument("--force", action="store_true", help=_("replace a non-empty catalogue"))

    from visitplanner.cli import calendars as cli_calendar
    from visitplanner.cli import config as cli_config
    from visitplanner.cli import events as cli_events
    from visitplanner.cli import listing as cli_listing
    from visitplanner.cli import pdf as cli_pdf
    from visitplanner.cli import people as cli_people
    from visitplanner.cli import records as cli_records
    from visitplanner.cli import story as cli_story

    cli_listing.add_parsers(sub)
    cli_events.add_parsers(sub)
    cli_people.add_parsers(sub)

    cli_calendar.add_parsers(sub)
    cli_pdf.add_parsers(sub)
    cli_story.add_parsers(sub)
    cli_records.add_parsers(sub)
    cli_config.add_parsers(sub)
    from visitplanner.cli import notify as cli_notify

    cli_notify.add_parsers(sub)
    from visitplanner.cli import report as cli_report

    cli_report.add_parsers(sub)

    from visitplanner.cli import backup as cli_backup

    cli_backup.add_parsers(sub)
    from visitplanner.cli import catalogue_copy as cli_copy

    cli_copy.add_parsers(sub)
    from visitplanner.cli import debriefs as cli_debriefs

    cli_debriefs.add_parsers(sub)
    return parser


# --- commands --------------------------------------------------------------------------------


def cmd_demo(args: argparse.Namespace) -> int:
    from visitplanner.services.demo import load_demo

    catalogue = open_catalogue(args)
    summary = load_demo(catalogue, args.size, force=args.force)
    print(
        _(
            "Demo catalogue loaded into {path}: {dynamics} dynamics, {hosts} hosts, "
            "{people} people, {events} events."
        ).format(
            path=catalogue.label,
            dynamics=summary.dynamics,
            hosts=summary.hosts,
            people=summary.people,
            events=summary.events,
        )
    )
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "demo": cmd_demo,
}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    set_language(_peek_lang(argv))
    parser = build_parser()
    args = parser.parse_args(argv)
    check_output_file(parser, args)
    if args.command is None:
        from visitplanner.app import run

        return run(db=args.db, lang=args.lang)
    from visitplanner.cli import backup as cli_backup
    from visitplanner.cli import calendars as cli_calendar
    from visitplanner.cli import config as cli_config
    from visitplanner.cli import events as cli_events
    from visitplanner.cli import listing as cli_listing
    from visitplanner.cli import pdf as cli_pdf
    from visitplanner.cli import people as cli_people
    from visitplanner.cli import records as cli_records
    from visitplanner.cli import story as cli_story

    commands = (
        COMMANDS
        | cli_listing.COMMANDS
        | cli_events.COMMANDS
        | cli_people.COMMANDS
        | cli_backup.COMMANDS
        | cli_calendar.COMMANDS
        | cli_pdf.COMMANDS
        | cli_story.COMMANDS
        | cli_records.COMMANDS
        | cli_config.COMMANDS
    )
    from visitplanner.cli import notify as cli_notify

    commands = commands | cli_notify.COMMANDS
    from visitplanner.cli import report as cli_report

    commands = commands | cli_report.COMMANDS
    from visitplanner.cli import catalogue_copy as cli_copy

    commands = commands | cli_copy.COMMANDS
    from visitplanner.cli import debriefs as cli_debriefs

    commands = commands | cli_debriefs.COMMANDS
    from visitplanner.store.lock import command_lock

    try:
        # The window's lock too: while another process holds it, refuse and name it.
        # ``config`` reads and writes the settings file only: it works beside the window.
        if args.command in WITHOUT_CATALOGUE:
            return commands[args.command](args)
        needed = args.command not in WITHOUT_CATALOGUE
        with command_lock(args.db, _command_name(args), needed=needed):
            return commands[args.command](args)
    except UserError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (``| head``): not an error worth a message.
        sys.stderr.close()
        return 0
    except Exception:
        from visitplanner.logs import setup_logging

        path = setup_logging()
        log.exception("unexpected error in command %s", args.command)
        where = str(path) if path else _("the standard error output")
        print(
            _("Unexpected error; nothing more was done. Details are in {path}.").format(path=where),
            file=sys.stderr,
        )
        return 1


# Commands that take no lock on ``--db``: ``config`` opens no catalogue, ``copy`` locks
# the two catalogues it names itself.
WITHOUT_CATALOGUE = ("config", "copy")


def _command_name(args: argparse.Namespace) -> str:
    """``event add``: what the lock file says this process is doing."""
    words = [args.command]
    words += [
        str(value)
        for key, value in vars(args).items()
        if key.endswith(("_command", "_kind")) and isinstance(value, str)
    ][:1]
    return " ".join(words)


def _peek_lang(argv: Sequence[str]) -> str | None:
    """``--lang`` is needed before the parser is built, so its help is translated.

    A language we do not ship is left to argparse to refuse, in the system's language.
    """
    for i, arg in enumerate(argv):
        value = None
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value is not None:
            return value if value in ("fr", "en") else None
    return None
