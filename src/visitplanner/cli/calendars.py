"""Command-line calendar work: invite, cancel, replies, calendar feed, calendar import."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from visitplanner.domain.errors import UserError
from visitplanner.i18n import _, ngettext


def add_parsers(sub: Any) -> None:
    for name, text in (
        ("invite", _("write the invitation (.ics) and one e-mail per participant (.eml)")),
        ("cancel", _("cancel the event and write the cancellation (.ics, .eml)")),
    ):
        parser = sub.add_parser(name, help=text)
        parser.add_argument(
            "event", metavar="EVENT", help=_("the event: its id, UID or exact title")
        )
        parser.add_argument(
            "--out", required=True, metavar="FILE.ics", help=_("the .ics file to write")
        )
        parser.add_argument(
            "--eml", metavar="DIR", help=_("folder for one .eml e-mail per participant")
        )
    replies = sub.add_parser("replies", help=_("read .ics or .eml replies, update statuses"))
    replies.add_argument("files", nargs="+", metavar="FILE", help=_("reply files (.ics or .eml)"))
    feed = sub.add_parser("calendar", help=_("write all events as one .ics feed"))
    feed.add_argument("--out", required=True, metavar="FILE.ics", help=_("the .ics file to write"))
    feed.add_argument("--from", dest="start", metavar="DATE", help=_("first day (YYYY-MM-DD)"))
    feed.add_argument("--to", dest="end", metavar="DATE", help=_("last day (YYYY-MM-DD)"))
    imp = sub.add_parser("import", help=_("import a calendar file"))
    imp_sub = imp.add_subparsers(dest="import_kind", metavar="KIND", required=True)
    cal = imp_sub.add_parser("calendar", help=_("events of an .ics file"))
    cal.add_argument("file", metavar="FILE.ics", help=_("the .ics file to read"))


def _open(args: argparse.Namespace):  # -> Catalogue
    from visitplanner.store.database import open_catalogue

    return open_catalogue(args.db)


def _write(path: str, data: bytes) -> Path:
    from visitplanner.services.calendars.files import write_calendar_file

    target = Path(path)
    try:
        write_calendar_file(target, data)
    except OSError as exc:
        raise UserError(
            _("Cannot write {path}: {reason}.").format(path=target, reason=exc.strerror or exc)
        ) from None
    return target


def cmd_invite(args: argparse.Namespace) -> int:
    """The .ics (and .eml files) for an invitation or cancellation, all written or none.

    The .eml folder is created when missing, and checked before the event is
    cancelled or anything is written. Writing them records the SEQUENCE as
    issued, so the next significant change raises it.
    """
    import sys

    from visitplanner.services.events import planning
    from visitplanner.services.invitations import compose as invitations
    from visitplanner.settings import load_settings

    catalogue = _open(args)
    settings = load_settings()
    folder = _eml_folder(args.eml) if args.eml else None
    kind = "request"
    if args.command == "cancel":
        # Checked first, so that a missing organiser refuses before anything changes.
        invitations.event_organiser(catalogue, planning.get_event(catalogue, args.event), settings)
        planning.update_event(catalogue, args.event, planning.EventPatch(status="cancelled"))
        kind = "cancel"
    composed = invitations.prepare(catalogue, args.event, settings, kind=kind)
    for sentence in composed.skipped:
        print(sentence, file=sys.stderr)
    files: list[tuple[Path, bytes]] = [(Path(args.out), composed.calendar)]
    if folder is not None:
        from visitplanner.exchange.mail import message_bytes

        for message in composed.messages:
            safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in message.recipient)
            files.append(
                (folder / f"{message.event_id}-{safe}.eml", message_bytes(message.message))
            )
    _write_all(files)
    invitations.mark_issued(catalogue, composed.event_id, composed.sequence)
    print(
        ngettext(
            "{file} written for {n} participant.",
            "{file} written for {n} participants.",
            len(composed.messages),
        ).format(file=args.out, n=len(composed.messages))
    )
    return 0


def _eml_folder(name: str) -> Path:
    """The folder for the .eml files, created if missing; refused before anything is written."""
    folder = Path(name)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(
            _("Cannot create the folder {path}: {reason}.").format(
                path=folder, reason=exc.strerror or exc
            )
        ) from None
    if not folder.is_dir():
        raise UserError(_("{path} is not a folder.").format(path=folder))
    return folder


def _write_all(files: list[tuple[Path, bytes]]) -> None:
    """Writes every file or, when one fails, removes those already written: never half a set."""
    import contextlib

    from visitplanner.services.calendars.files import write_calendar_file

    done: list[Path] = []
    for path, data in files:
        existed = path.exists()
        try:
            write_calendar_file(path, data)
        except OSError as exc:
            for written in done:
                with contextlib.suppress(OSError):
                    written.unlink()
            raise UserError(
                _("Cannot write {path}: {reason}; no file was written.").format(
                    path=path, reason=exc.strerror or exc
                )
            ) from None
        if not existed:
            done.append(path)


def cmd_replies(args: argparse.Namespace) -> int:
    from visitplanner.services.invitations.replies import import_replies
    from visitplanner.settings import load_settings

    report = import_replies(_open(args), args.files, settings=load_settings())
    for outcome in report.outcomes:
        print(outcome.message)
    print(report.summary())
    if report.notices:
        print(
            ngettext(
                "{n} notice put in the outbox (see notify).",
                "{n} notices put in the outbox (see notify).",
                report.notices,
            ).format(n=report.notices)
        )
    return 0


def cmd_calendar(args: argparse.Namespace) -> int:
    """The feed: --from/--to are calendar days in the catalogue's zone (Preferences), both
    included, and an event overlapping them is in it. An event calendars cannot carry is
    named on stderr and the others are written."""
    import sys

    from visitplanner.domain.periods import day_range
    from visitplanner.services.calendars.files import write_feed
    from visitplanner.settings import load_settings

    period = None
    if args.start or args.end:
        period = day_range(args.start, args.end, load_settings().default_timezone or "Europe/Paris")
    result = write_feed(_open(args), args.out, period=period)
    for sentence in result.skipped:
        print(sentence, file=sys.stderr)
    count = result.count
    print(
        ngettext("{n} event written to {file}.", "{n} events written to {file}.", count).format(
            n=count, file=args.out
        )
    )
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from visitplanner.services.calendars.files import import_calendar

    result = import_calendar(_open(args), args.file)
    for line in result.lines():  # the counts, then what the catalogue has no place for
        print(line)
    return 0


COMMANDS = {
    "invite": cmd_invite,
    "cancel": cmd_invite,
    "replies": cmd_replies,
    "calendar": cmd_calendar,
    "import": cmd_import,
}
