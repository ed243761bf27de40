"""The command line: parse, call one service, print. No Qt is imported here.

Exit status: 0 done; 1 refused (bad input, not found, conflict) with one plain
sentence on stderr and nothing changed; 2 wrong usage (argparse's own).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from visitplanner import __version__
from visitplanner.domain.errors import UserError
from visitplanner.i18n import N_, _, ngettext, number, set_language

LIST_KINDS = ("dynamics", "hosts", "people", "events", "debriefs", "actions", "log")
EVENT_KINDS = ("visit", "seminar", "meeting", "workshop")

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    from visitplanner.cli_argparse import Parser, install

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

    lst = sub.add_parser("list", help=_("list the records of one kind"))
    lst.add_argument("kind", choices=LIST_KINDS, metavar="KIND", help=", ".join(LIST_KINDS))
    lst.add_argument("--search", metavar="TEXT", help=_("only the records matching these words"))
    lst.add_argument("--json", action="store_true", help=_("print JSON for scripts"))

    show = sub.add_parser("show", help=_("show one record"))
    show_sub = show.add_subparsers(dest="show_kind", metavar="KIND", required=True)
    show_event = show_sub.add_parser("event", help=_("one event with programme and participants"))
    show_event.add_argument("event", metavar="EVENT", help=_(REF_HELP["event"]))
    show_event.add_argument("--json", action="store_true", help=_("print JSON for scripts"))

    event = sub.add_parser("event", help=_("create or change an event"))
    event_sub = event.add_subparsers(dest="event_command", metavar="ACTION", required=True)
    add = event_sub.add_parser("add", help=_("create an event"))
    add.add_argument("--kind", required=True, choices=EVENT_KINDS, help=_("kind of event"))
    add.add_argument("--title", required=True, metavar="T", help=_("the event's title"))
    add.add_argument("--start", required=True, metavar="ISO", help=_(START_HELP))
    add.add_argument("--end", required=True, metavar="ISO", help=_(END_HELP))
    _event_options(add)
    add.set_defaults(tz="Europe/Paris", status="planned")
    edit = event_sub.add_parser("edit", help=_("change an event"))
    edit.add_argument("event", metavar="EVENT", help=_(REF_HELP["event"]))
    edit.add_argument("--kind", choices=EVENT_KINDS, help=_("kind of event"))
    edit.add_argument("--title", metavar="T", help=_("the event's title"))
    edit.add_argument("--start", metavar="ISO", help=_(START_HELP))
    edit.add_argument("--end", metavar="ISO", help=_(END_HELP))
    _event_options(edit)

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
            codes=_codes("Role"), default="participant"
        ),
    )
    p_add.add_argument(
        "--status",
        default="invited",
        help=_("one of {codes}; default: {default}").format(
            codes=_codes("ResponseStatus"), default="invited"
        ),
    )
    p_import = p_sub.add_parser("import", help=_("put the people of a CSV file on an event's list"))
    p_import.add_argument("event", metavar="EVENT", help=_(REF_HELP["event"]))
    p_import.add_argument("file", metavar="FILE.csv", help=_("the CSV file to read"))
    p_import.add_argument("--dry-run", action="store_true", help=_("check the file, write nothing"))
    p_export = p_sub.add_parser("export", help=_("write an event's participant list to CSV"))
    p_export.add_argument("event", metavar="EVENT", help=_(REF_HELP["event"]))
    _output_file(p_export)

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
    _output_file(people_export)
    from visitplanner import cli_people_privacy

    cli_people_privacy.add_parsers(people_sub)

    from visitplanner import cli_calendar, cli_config, cli_log, cli_pdf, cli_records

    cli_calendar.add_parsers(sub)
    cli_pdf.add_parsers(sub)
    cli_log.add_parsers(sub)
    cli_records.add_parsers(sub)
    cli_config.add_parsers(sub)
    from visitplanner import cli_notify

    cli_notify.add_parsers(sub)
    from visitplanner import cli_report

    cli_report.add_parsers(sub)

    backup = sub.add_parser("backup", help=_("write a consistent copy of the catalogue"))
    backup.add_argument(
        "--out", metavar="FILE", help=_("where to write it; a dated file in the backup folder")
    )
    return parser


# Help of the arguments that name a record (translated where used).
REF_HELP = {
    "event": N_("the event: its id, UID or exact title"),
    "person": N_("the person: id, e-mail or full name"),
    "host": N_("the host organisation: id or exact name"),
    "dynamic": N_("the dynamic: id or exact name"),
}
START_HELP = N_("start, like 2027-03-12T09:30 (a date with --all-day)")
END_HELP = N_("end, like 2027-03-12T17:00 (the last day with --all-day)")


def _output_file(parser: argparse.ArgumentParser) -> None:
    """``FILE.csv`` as in the first versions, or ``--out FILE.csv`` as the other exports."""
    parser.add_argument("file", metavar="FILE.csv", nargs="?", help=_("the CSV file to write"))
    parser.add_argument("--out", metavar="FILE.csv", help=_("the CSV file to write"))
    parser.set_defaults(output_file=True)


def _check_output_file(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if not getattr(args, "output_file", False):
        return
    if args.file and args.out and args.file != args.out:
        parser.error(_("give the file to write once: FILE.csv or --out FILE.csv"))
    args.file = args.file or args.out
    if not args.file:
        parser.error(_("the file to write is missing: FILE.csv or --out FILE.csv"))


def _event_options(parser: argparse.ArgumentParser) -> None:
    """The options ``event add`` and ``event edit`` share."""
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
        help=_("one of {codes}").format(codes=_codes("EventStatus")),
    )


def _codes(enum_name: str) -> str:
    """The stable codes an option takes, for its help line."""
    from visitplanner.domain import enums

    return ", ".join(getattr(enums, enum_name).codes())


# --- output helpers ---------------------------------------------------------------------


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=_json_default) + "\n")


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        for i, value in enumerate(row):
            widths[i] = min(max(widths[i], len(value)), 48)

    def line(values: Sequence[str]) -> str:
        out = []
        for value, width in zip(values, widths, strict=True):
            text = value if len(value) <= width else value[: width - 1] + "…"
            out.append(text.ljust(width))
        return "  ".join(out).rstrip()

    print(line(headers))
    for row in cells:
        print(line(row))


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


# --- commands --------------------------------------------------------------------------------


def _open(args: argparse.Namespace):  # -> Catalogue
    from visitplanner.store.database import open_catalogue

    return open_catalogue(args.db)


def cmd_demo(args: argparse.Namespace) -> int:
    from visitplanner.services.demo import load_demo

    catalogue = _open(args)
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


def _event_json(e: Any) -> dict[str, Any]:
    return {
        "id": e.id,
        "uid": e.uid,
        "kind": e.kind,
        "title": e.title,
        "start": e.start.isoformat(),
        "end": e.end.isoformat(),
        "timezone": e.timezone,
        "all_day": e.all_day,
        "status": e.status,
        "location": e.location,
        "host_id": e.host_id,
        "capacity": e.capacity,
        "sequence": e.sequence,
        "organiser": e.organiser_name,
        "organiser_email": e.organiser_email,
    }


def cmd_list(args: argparse.Namespace) -> int:
    from visitplanner.services import catalogue as cat
    from visitplanner.services import debriefs, narrative, planning

    catalogue = _open(args)
    kind, search = args.kind, args.search
    if kind == "dynamics":
        items = cat.list_dynamics(catalogue, search)
        data = [
            {
                "id": d.id,
                "name": d.name,
                "kind": d.kind,
                "region": d.region,
                "territory": d.territory,
                "tags": list(d.tags),
                "services": list(d.services),
            }
            for d in items
        ]
        headers = [_("Id"), _("Name"), _("Kind"), _("Region")]
        rows = [[d.id, d.name, _kind_label("dynamic", d.kind), d.region] for d in items]
    elif kind == "hosts":
        items = cat.list_hosts(catalogue, search)
        data = [
            {
                "id": h.id,
                "name": h.name,
                "actor_type": h.actor_type,
                "postal_code": h.postal_code,
                "city": h.city,
                "capacity": h.capacity,
                "contact_person_id": h.contact_person_id,
            }
            for h in items
        ]
        headers = [_("Id"), _("Name"), _("City"), _("Capacity")]
        rows = [[h.id, h.name, h.city, _count(h.capacity)] for h in items]
    elif kind == "people":
        items = cat.list_people(catalogue, search)
        data = [
            {
                "id": p.id,
                "name": p.name,
                "given_name": p.given_name,
                "family_name": p.family_name,
                "email": p.email,
                "organisation": p.organisation,
                "actor_type": p.actor_type,
            }
            for p in items
        ]
        headers = [_("Id"), _("Name"), _("E-mail"), _("Organisation")]
        rows = [[p.id, p.name, p.email, p.organisation] for p in items]
    elif kind == "events":
        items = planning.list_events(catalogue, search)
        data = [_event_json(e) for e in items]
        headers = [_("Id"), _("Start"), _("Kind"), _("Status"), _("Title")]
        rows = [
            [
                e.id,
                _when(e.start),
                _kind_label("event", e.kind),
                _kind_label("status", e.status),
                e.title,
            ]
            for e in items
        ]
    elif kind == "debriefs":
        items = debriefs.list_debriefs(catalogue, search)
        data = [
            {"id": d.id, "event_id": d.event_id, "event": d.event_title, "status": d.status}
            for d in items
        ]
        headers = [_("Id"), _("Event"), _("Date"), _("Status")]
        rows = [
            [d.id, d.event_title, d.event_start.isoformat(), _kind_label("debrief", d.status)]
            for d in items
        ]
    elif kind == "actions":
        items = debriefs.list_actions(catalogue, search)
        data = [
            {
                "id": a.id,
                "debrief_id": a.debrief_id,
                "event_id": a.event_id,
                "text": a.text,
                "owner": a.owner_name,
                "due_date": a.due_date,
                "done": a.done,
            }
            for a in items
        ]
        headers = [_("Id"), _("Due"), _("Done"), _("Owner"), _("Action")]
        rows = [
            [a.id, a.due_date, _("yes") if a.done else _("no"), a.owner_name, a.text] for a in items
        ]
    else:
        items = narrative.list_log(catalogue, search)
        data = [
            {"id": e.uuid, "date": e.date, "title": e.title, "kind": e.kind, "author": e.author}
            for e in items
        ]
        headers = [_("Date"), _("Kind"), _("Title"), _("Author")]
        rows = [[e.date, _kind_label("log", e.kind), e.title, e.author] for e in items]
    if args.json:
        print_json(data)
    elif rows:
        print_table(headers, rows)
    else:
        print(_("Nothing to list."))
    return 0


def _kind_label(family: str, code: str) -> str:
    from visitplanner.domain import enums

    enum = {
        "dynamic": enums.DynamicKind,
        "event": enums.EventKind,
        "status": enums.EventStatus,
        "debrief": enums.DebriefStatus,
        "log": enums.LogKind,
        "role": enums.Role,
        "response": enums.ResponseStatus,
    }[family]
    return enum(code).label


def cmd_show(args: argparse.Namespace) -> int:
    from visitplanner.services.planning import get_event

    catalogue = _open(args)
    detail = get_event(catalogue, resolve(catalogue, "event", args.event))
    e = detail.event
    if args.json:
        data = _event_json(e) | {
            "visit_question": e.visit_question,
            "online_url": e.online_url,
            "fee_cents": e.fee_cents,
            "programme": [
                {
                    "start": item.start.isoformat() if item.start else None,
                    "end": item.end.isoformat() if item.end else None,
                    "title": item.title,
                    "speaker": item.speaker,
                }
                for item in detail.programme
            ],
            "participants": [
                {
                    "person_id": p.person_id,
                    "name": p.name,
                    "email": p.email,
                    "organisation": p.organisation,
                    "role": p.role,
                    "status": p.status,
                    "waitlist_position": p.waitlist_position,
                }
                for p in detail.participants
            ],
        }
        print_json(data)
        return 0
    print(f"{e.title}  [{_kind_label('event', e.kind)} · {_kind_label('status', e.status)}]")
    if e.all_day:
        from visitplanner.services.planning import last_day

        first, last = e.start.date(), last_day(e)
        days = first.isoformat() if first == last else f"{first.isoformat()} → {last.isoformat()}"
        print(_("{days}, whole days ({zone})").format(days=days, zone=e.timezone))
    else:
        print(f"{_when(e.start)} → {_when(e.end)} ({e.timezone})")
    if e.organiser_name:
        organiser = e.organiser_name + (f" <{e.organiser_email}>" if e.organiser_email else "")
        print(_("Organiser: {name}").format(name=organiser))
    if e.location:
        print(e.location.replace("\n", ", "))
    if e.visit_question:
        print(_("Visit question: {text}").format(text=e.visit_question))
    print(f"UID: {e.uid}  SEQUENCE: {e.sequence}")
    if detail.programme:
        print()
        print(_("Programme"))
        for item in detail.programme:
            hours = item.start.strftime("%H:%M") if item.start else "     "
            speaker = f" — {item.speaker}" if item.speaker else ""
            print(f"  {hours}  {item.title}{speaker}")
    print()
    accepted = detail.count("accepted")
    capacity = e.capacity if e.capacity is not None else "∞"
    print(
        _("Participants: {accepted} / {capacity} accepted, {waiting} waiting").format(
            accepted=accepted, capacity=capacity, waiting=detail.count("waitlisted")
        )
    )
    if detail.participants:
        print_table(
            [_("Id"), _("Name"), _("Role"), _("Status"), _("E-mail")],
            [
                [
                    p.person_id,
                    p.name,
                    _kind_label("role", p.role),
                    _kind_label("response", p.status)
                    + (f" #{p.waitlist_position}" if p.waitlist_position else ""),
                    p.email,
                ]
                for p in detail.participants
            ],
        )
    return 0


def resolve(catalogue: Any, kind: str, reference: str | None) -> int | None:
    """The id ``reference`` names (id, UID, e-mail or unique name); None stays None."""
    if reference is None:
        return None
    from visitplanner.services.references import resolve as resolve_reference

    return resolve_reference(catalogue, kind, reference)


def cmd_event(args: argparse.Namespace) -> int:
    from visitplanner.services import planning

    catalogue = _open(args)
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
        event = planning.get_event(catalogue, changes.created_id("event")).event
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
    from visitplanner.services import catalogue as cat
    from visitplanner.services import planning

    catalogue = _open(args)
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
                name=person.name, status=_kind_label("response", outcome.status)
            )
        )
    return 0


def _import_csv(args: argparse.Namespace, event_ref: str | None) -> int:
    """Reads the file first (a bad file must not even create the catalogue), then imports."""
    from visitplanner.exchange.csvio import guess_mapping, read_table
    from visitplanner.services import imports

    table = read_table(args.file)
    catalogue = _open(args)
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


def _count(value: int | None) -> str:
    """A count in a table read by people: « 100 000 » in French; the JSON keeps the number."""
    return "" if value is None else number(value)


def _exported(count: int, path: str) -> None:
    print(
        ngettext("{n} person written to {path}.", "{n} people written to {path}.", count).format(
            n=number(count), path=path
        )
    )


def cmd_people(args: argparse.Namespace) -> int:
    from visitplanner.cli_people_privacy import ACTIONS as PRIVACY_ACTIONS

    if args.people_command in PRIVACY_ACTIONS:
        return PRIVACY_ACTIONS[args.people_command](args)
    if args.people_command == "import":
        return _import_csv(args, None)
    from visitplanner.services.exports import export_people

    _exported(export_people(_open(args), args.file), args.file)
    return 0


def cmd_participants_all(args: argparse.Namespace) -> int:
    """``participants add`` (above), ``participants import`` and ``participants export``."""
    if args.participants_command == "import":
        return _import_csv(args, args.event)
    if args.participants_command == "export":
        from visitplanner.services.exports import export_participants

        catalogue = _open(args)
        event_id = resolve(catalogue, "event", args.event)
        _exported(export_participants(catalogue, event_id, args.file), args.file)
        return 0
    return cmd_participants(args)


def cmd_backup(args: argparse.Namespace) -> int:
    from visitplanner.services.backup import backup

    target = backup(_open(args), args.out)
    print(_("Backup written to {path}.").format(path=target))
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "demo": cmd_demo,
    "list": cmd_list,
    "show": cmd_show,
    "event": cmd_event,
    "participants": cmd_participants_all,
    "people": cmd_people,
    "backup": cmd_backup,
}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    set_language(_peek_lang(argv))
    parser = build_parser()
    args = parser.parse_args(argv)
    _check_output_file(parser, args)
    if args.command is None:
        from visitplanner.app import run

        return run(db=args.db, lang=args.lang)
    from visitplanner import cli_calendar, cli_config, cli_log, cli_pdf, cli_records

    commands = (
        COMMANDS
        | cli_calendar.COMMANDS
        | cli_pdf.COMMANDS
        | cli_log.COMMANDS
        | cli_records.COMMANDS
        | cli_config.COMMANDS
    )
    from visitplanner import cli_notify

    commands = commands | cli_notify.COMMANDS
    from visitplanner import cli_report

    commands = commands | cli_report.COMMANDS
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


WITHOUT_CATALOGUE = frozenset({"config"})


# Commands that never open a catalogue, so take no catalogue lock (preferences only).
WITHOUT_CATALOGUE = ("config",)


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
