"""Command-line reading: ``list KIND`` and ``show event``, as tables or as JSON."""

from __future__ import annotations

import argparse
from typing import Any

from visitplanner.cli.catalogue_access import open_catalogue, resolve
from visitplanner.cli.output import count_text, kind_label, print_json, print_table, when
from visitplanner.i18n import _

LIST_KINDS = ("dynamics", "hosts", "people", "events", "debriefs", "actions", "log")


def add_parsers(sub: Any) -> None:
    from visitplanner.cli.arguments import REF_HELP

    lst = sub.add_parser("list", help=_("list the records of one kind"))
    lst.add_argument("kind", choices=LIST_KINDS, metavar="KIND", help=", ".join(LIST_KINDS))
    lst.add_argument("--search", metavar="TEXT", help=_("only the records matching these words"))
    lst.add_argument("--json", action="store_true", help=_("print JSON for scripts"))

    show = sub.add_parser("show", help=_("show one record"))
    show_sub = show.add_subparsers(dest="show_kind", metavar="KIND", required=True)
    show_event = show_sub.add_parser("event", help=_("one event with programme and participants"))
    show_event.add_argument("event", metavar="EVENT", help=_(REF_HELP["event"]))
    show_event.add_argument("--json", action="store_true", help=_("print JSON for scripts"))


def event_json(e: Any) -> dict[str, Any]:
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
    from visitplanner.services.directory import records as cat
    from visitplanner.services.documents import debriefs
    from visitplanner.services.events import planning
    from visitplanner.services.story import entries as story_entries

    catalogue = open_catalogue(args)
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
        rows = [[d.id, d.name, kind_label("dynamic", d.kind), d.region] for d in items]
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
        rows = [[h.id, h.name, h.city, count_text(h.capacity)] for h in items]
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
        data = [event_json(e) for e in items]
        headers = [_("Id"), _("Start"), _("Kind"), _("Status"), _("Title")]
        rows = [
            [
                e.id,
                when(e.start),
                kind_label("event", e.kind),
                kind_label("status", e.status),
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
            [d.id, d.event_title, d.event_start.isoformat(), kind_label("debrief", d.status)]
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
        items = story_entries.list_story(catalogue, search)
        data = [
            {"id": e.uuid, "date": e.date, "title": e.title, "kind": e.kind, "author": e.author}
            for e in items
        ]
        headers = [_("Date"), _("Kind"), _("Title"), _("Author")]
        rows = [[e.date, kind_label("log", e.kind), e.title, e.author] for e in items]
    if args.json:
        print_json(data)
    elif rows:
        print_table(headers, rows)
    else:
        print(_("Nothing to list."))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from visitplanner.services.events.planning import get_event

    catalogue = open_catalogue(args)
    detail = get_event(catalogue, resolve(catalogue, "event", args.event))
    e = detail.event
    if args.json:
        data = event_json(e) | {
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
    print(f"{e.title}  [{kind_label('event', e.kind)} · {kind_label('status', e.status)}]")
    if e.all_day:
        from visitplanner.services.events.planning import last_day

        first, last = e.start.date(), last_day(e)
        days = first.isoformat() if first == last else f"{first.isoformat()} → {last.isoformat()}"
        print(_("{days}, whole days ({zone})").format(days=days, zone=e.timezone))
    else:
        print(f"{when(e.start)} → {when(e.end)} ({e.timezone})")
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
                    kind_label("role", p.role),
                    kind_label("response", p.status)
                    + (f" #{p.waitlist_position}" if p.waitlist_position else ""),
                    p.email,
                ]
                for p in detail.participants
            ],
        )
    return 0


COMMANDS = {"list": cmd_list, "show": cmd_show}
