"""Command-line planning: ``event add``, ``event edit`` and ``participants add/import/export``."""

from __future__ import annotations

import argparse
from typing import Any

from visitplanner.cli.catalogue_access import open_catalogue, resolve
from visitplanner.cli.output import kind_label
from visitplanner.i18n import _
from visitplanner.services.changes import ChangeKind

EVENT_KINDS = ("visit", "seminar", "meeting", "workshop")


def add_parsers(sub: Any) -> None:
    from visitplanner.cli.arguments import END_HELP, REF_HELP, START_HELP, output_file

    event = sub.add_parser("event", help=_("create or change an event"))
    event_sub = event.add_subparsers(dest="event_command", metavar="ACTION", required=True)
    add = event_sub.add_parser("add", help=_("create an event"))
    add.add_argument("--kind", required=True, choices=EVENT_KINDS, help=_("kind of event"))
    add.add_argument("--title", required=True, metavar="T", help=_("the event's title"))
    add.add_argument("--start", required=True, metavar="ISO", help=_(START_HELP))
    add.add_argument("--end", required=True, metavar="ISO", help=_(END_HELP))
    event_options(add)
    add.set_defaults(tz="Europe/Paris", status="planned")
    edit = event_sub.add_parser("edit", help=_("change an event"))
    edit.add_argument("event", metavar="EVENT", help=_(REF_HELP["event"]))
    edit.add_argument("--kind", choices=EVENT_KINDS, help=_("kind of event"))
    edit.add_argument("--title", metavar="T", help=_("the event's title"))
    edit.add_argument("--start", metavar="ISO", help=_(START_HELP))
    edit.add_argument("--end", metavar="ISO", help=_(END_HELP))
    event_options(edit)

    participants = sub.add_parser("participants", help=_("manage an event's participants"))
    p_sub = participants.add_subparsers(
        dest="participants_command", metavar="ACTION", required=True
    )
    p_add = p_sub.add_parser("add", help=_("add a person to an event"))
    p_add.add_argument("event", metavar="EVENT", help=_(REF_HELP["event"]))
    p_add.add_argument("person", metavar="PERSON", help=_(REF_HELP["person"]))
    p_add.add_argument(
        "--role",
        default="participant",
        help=_("one of {codes}; default: {default}").format(
            codes=codes("Role"), default="participant"
        ),
    )
    p_add.add_argument(
        "--status",
        default="invited",
        help=_("one of {codes}; default: {default}").format(
            codes=codes("ResponseStatus"), default="invited"
        ),
    )
    p_import = p_sub.add_parser("import", help=_("put the people of a CSV file on an event's list"))
    p_import.add_argument("event", metavar="EVENT", help=_(REF_HELP["event"]))
    p_import.add_argument("file", metavar="FILE.csv", help=_("the CSV file to read"))
    p_import.add_argument("--dry-run", action="store_true", help=_("check the file, write nothing"))
    p_export = p_sub.add_parser("export", help=_("write an event's participant list to CSV"))
    p_export.add_argument("event", metavar="EVENT", help=_(REF_HELP["event"]))
    output_file(p_export)


def event_options(parser: argparse.ArgumentParser) -> None:
    """The options ``event add`` and ``event edit`` share."""
    from visitplanner.cli.arguments import REF_HELP

    parser.add_argument(
        "--all-day",
        action=argparse.BooleanOptionalAction,
        help=_("whole days: --start and --end are dates, the end day included"),
    )
    parser.add_argument("--tz", metavar="ZONE", help=_("time zone, like Europe/Paris"))
    parser.add_argument("--host", metavar="HOST", help=_(REF_HELP["host"]))
    parser.add_argument(
        "--organiser", metavar="PERSON", help=_("the organiser: id, e-mail or name")
    )
    parser.add_argument("--capacity", metavar="N", help=_("number of places"))
    parser.add_argument("--location", metavar="L", help=_("where it takes place"))
    parser.add_argument(
        "--status",
        metavar="STATUS",
        help=_("one of {codes}").format(codes=codes("EventStatus")),
    )


def codes(enum_name: str) -> str:
    """The stable codes an option takes, for its help line."""
    from visitplanner.domain import enums

    return ", ".join(getattr(enums, enum_name).codes())


def cmd_event(args: argparse.Namespace) -> int:
    from visitplanner.services.events import planning

    catalogue = open_catalogue(args)
    host_id = resolve(catalogue, "host", args.host)
    organiser_id = resolve(catalogue, "person", args.organiser)
    if args.event_command == "add":
        changes = planning.create_event(
            catalogue,
            planning.EventInput(
                kind=args.kind,
                title=args.title,
                start=args.start,
                end=args.end,
                timezone=args.tz,
                all_day=bool(args.all_day),
                host_id=host_id,
                organiser_id=organiser_id,
                capacity=args.capacity,
                location=args.location,
                status=args.status,
            ),
        )
        event = planning.get_event(catalogue, changes.created_id(ChangeKind.EVENT)).event
        print(
            _("Event {id} created: {title} ({uid}).").format(
                id=event.id, title=event.title, uid=event.uid
            )
        )
        return 0
    event_id = resolve(catalogue, "event", args.event)
    patch = planning.EventPatch(
        kind=args.kind,
        title=args.title,
        start=args.start,
        end=args.end,
        timezone=args.tz,
        all_day=args.all_day,
        host_id=host_id,
        organiser_id=organiser_id,
        location=args.location,
        capacity=args.capacity,
        status=args.status,
    )
    planning.update_event(catalogue, event_id, patch)
    event = planning.get_event(catalogue, event_id).event
    print(_("Event {id} updated: {title}.").format(id=event.id, title=event.title))
    return 0


def cmd_participants(args: argparse.Namespace) -> int:
    from visitplanner.services.directory import records as cat
    from visitplanner.services.events import planning

    catalogue = open_catalogue(args)
    event_id = resolve(catalogue, "event", args.event)
    person = cat.get_person(catalogue, resolve(catalogue, "person", args.person))
    outcome = planning.add_participant(
        catalogue, event_id, person.id, role=args.role, status=args.status
    )
    if outcome.waitlist_position is not None and args.status != "waitlisted":
        print(
            _("The event is full: {name} is number {n} on the waiting list.").format(
                name=person.name, n=outcome.waitlist_position
            )
        )
        print(
            _(
                "{name} is flagged « to notify »: `notify {event} --eml DIR` writes the e-mail "
                "telling them so."
            ).format(name=person.name, event=args.event)
        )
    else:
        print(
            _("{name} added ({status}).").format(
                name=person.name, status=kind_label("response", outcome.status)
            )
        )
    return 0


def cmd_participants_all(args: argparse.Namespace) -> int:
    """``participants add`` (above), ``participants import`` and ``participants export``."""
    from visitplanner.cli.people import import_csv, report_exported

    if args.participants_command == "import":
        return import_csv(args, args.event)
    if args.participants_command == "export":
        from visitplanner.services.directory.exports import export_participants

        catalogue = open_catalogue(args)
        event_id = resolve(catalogue, "event", args.event)
        report_exported(export_participants(catalogue, event_id, args.file), args.file)
        return 0
    return cmd_participants(args)


COMMANDS = {"event": cmd_event, "participants": cmd_participants_all}
