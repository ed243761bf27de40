"""Command-line calendar work: invite, cancel, replies, calendar feed, calendar import."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime, time
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
        parser.add_argument("event", metavar="EVENT")
        parser.add_argument("--out", required=True, metavar="FILE.ics")
        parser.add_argument("--eml", metavar="DIR")
    replies = sub.add_parser("replies", help=_("read .ics or .eml replies, update statuses"))
    replies.add_argument("files", nargs="+", metavar="FILE")
    feed = sub.add_parser("calendar", help=_("write all events as one .ics feed"))
    feed.add_argument("--out", required=True, metavar="FILE.ics")
    feed.add_argument("--from", dest="start", metavar="DATE")
    feed.add_argument("--to", dest="end", metavar="DATE")
    imp = sub.add_parser("import", help=_("import a calendar file"))
    imp_sub = imp.add_subparsers(dest="import_kind", metavar="KIND", required=True)
    cal = imp_sub.add_parser("calendar", help=_("events of an .ics file"))
    cal.add_argument("file", metavar="FILE.ics")


def _open(args: argparse.Namespace):  # -> Catalogue
    from visitplanner.store.database import open_catalogue

    return open_catalogue(args.db)


def _write(path: str, data: bytes) -> Path:
    from visitplanner.services.calendar_files import _atomic_write

    target = Path(path)
    try:
        _atomic_write(target, data)
    except OSError as exc:
        raise UserError(
            _("Cannot write {path}: {reason}.").format(path=target, reason=exc.strerror or exc)
        ) from None
    return target


def cmd_invite(args: argparse.Namespace) -> int:
    from visitplanner.exchange.mail import write_eml
    from visitplanner.services import invitations, planning
    from visitplanner.settings import load_settings

    catalogue = _open(args)
    settings = load_settings()
    kind = "request"
    if args.command == "cancel":
        planning.update_event(catalogue, args.event, planning.EventPatch(status="cancelled"))
        kind = "cancel"
    calendar, messages = invitations.compose(catalogue, args.event, settings, kind=kind)
    _write(args.out, calendar)
    if args.eml:
        folder = Path(args.eml)
        for message in messages:
            safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in message.recipient)
            write_eml(folder / f"{message.event_id}-{safe}.eml", message.message)
    print(
        ngettext(
            "{file} written for {n} participant.",
            "{file} written for {n} participants.",
            len(messages),
        ).format(file=args.out, n=len(messages))
    )
    return 0


def cmd_replies(args: argparse.Namespace) -> int:
    from visitplanner.services.replies import import_replies

    report = import_replies(_open(args), args.files)
    for outcome in report.outcomes:
        print(outcome.message)
    print(report.summary())
    return 0


def _day(value: str | None, field: str) -> datetime | None:
    from datetime import date

    if not value:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise UserError(
            _("{field}: “{value}” is not a date like 2027-03-12.").format(field=field, value=value)
        ) from None
    return datetime.combine(day, time(0), UTC)


def cmd_calendar(args: argparse.Namespace) -> int:
    from visitplanner.services.calendar_files import export_feed

    count = export_feed(
        _open(args),
        args.out,
        start_from=_day(args.start, "--from"),
        start_to=_day(args.end, "--to"),
    )
    print(
        ngettext("{n} event written to {file}.", "{n} events written to {file}.", count).format(
            n=count, file=args.out
        )
    )
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from visitplanner.services.calendar_files import import_calendar

    result = import_calendar(_open(args), args.file)
    print(
        _("{file}: {created} events created, {updated} updated, {unchanged} unchanged.").format(
            file=args.file,
            created=result.created,
            updated=result.updated,
            unchanged=result.unchanged,
        )
    )
    return 0


COMMANDS = {
    "invite": cmd_invite,
    "cancel": cmd_invite,
    "replies": cmd_replies,
    "calendar": cmd_calendar,
    "import": cmd_import,
}
