"""Command-line catalogue records: ``dynamic add``, ``host add`` and ``person add``.

They go through the catalogue services the window's forms use, so a record
typed here is checked by the same rules (required name, valid e-mail, no
e-mail twice) and searched and sorted the same way.
"""

from __future__ import annotations

import argparse
from typing import Any

from visitplanner.cli.catalogue_access import open_catalogue
from visitplanner.i18n import _
from visitplanner.services.changes import ChangeKind


def _codes(enum_name: str) -> str:
    from visitplanner.domain import enums

    return ", ".join(getattr(enums, enum_name).codes())


def add_parsers(sub: Any) -> None:
    dynamic = sub.add_parser("dynamic", help=_("add a dynamic to the catalogue"))
    d_sub = dynamic.add_subparsers(dest="dynamic_command", metavar="ACTION", required=True)
    d_add = d_sub.add_parser("add", help=_("create a dynamic"))
    d_add.add_argument("--name", required=True, metavar="N", help=_("the dynamic's name"))
    d_add.add_argument(
        "--kind",
        required=True,
        metavar="KIND",
        help=_("kind of dynamic: {codes}").format(codes=_codes("DynamicKind")),
    )
    d_add.add_argument("--city", metavar="C", help=_("main town of its territory"))
    d_add.add_argument("--postcode", metavar="P", help=_("postal code of that town"))
    d_add.add_argument("--region", metavar="R", help=_("region"))

    host = sub.add_parser("host", help=_("add a host organisation to the catalogue"))
    h_sub = host.add_subparsers(dest="host_command", metavar="ACTION", required=True)
    h_add = h_sub.add_parser("add", help=_("create a host organisation"))
    h_add.add_argument("--name", required=True, metavar="N", help=_("the organisation's name"))
    h_add.add_argument("--address", metavar="A", help=_("street address"))
    h_add.add_argument("--postcode", metavar="P", help=_("postal code"))
    h_add.add_argument("--city", metavar="C", help=_("town"))
    h_add.add_argument("--capacity", metavar="N", help=_("how many visitors it can welcome"))
    h_add.add_argument(
        "--dynamic",
        action="append",
        metavar="DYNAMIC",
        help=_("a dynamic it belongs to: id or name (repeat for several)"),
    )

    person = sub.add_parser("person", help=_("add a person to the catalogue"))
    p_sub = person.add_subparsers(dest="person_command", metavar="ACTION", required=True)
    p_add = p_sub.add_parser("add", help=_("create a person"))
    p_add.add_argument("--given-name", required=True, metavar="G", help=_("given name"))
    p_add.add_argument("--family-name", required=True, metavar="F", help=_("family name"))
    p_add.add_argument("--email", metavar="E", help=_("e-mail address, unique in the catalogue"))
    p_add.add_argument("--organisation", metavar="O", help=_("organisation the person works for"))
    p_add.add_argument(
        "--actor-type",
        metavar="A",
        help=_("type of actor: {codes}").format(codes=_codes("ActorType")),
    )
    p_add.add_argument("--phone", metavar="PHONE", help=_("telephone number"))
    p_add.add_argument(
        "--dynamic",
        action="append",
        metavar="DYNAMIC",
        help=_("a dynamic the person belongs to: id or name (repeat for several)"),
    )


def _dynamic_ids(catalogue: Any, references: list[str] | None) -> tuple[int, ...]:
    from visitplanner.services.references import resolve

    return tuple(resolve(catalogue, "dynamic", ref) for ref in references or ())


def cmd_dynamic(args: argparse.Namespace) -> int:
    from visitplanner.services.directory import records as cat

    catalogue = open_catalogue(args)
    territory = " ".join(p.strip() for p in (args.postcode, args.city) if p and p.strip())
    changes = cat.create_dynamic(
        catalogue,
        cat.DynamicInput(
            name=args.name, kind=args.kind, region=args.region, territory=territory or None
        ),
    )
    made = cat.get_dynamic(catalogue, changes.created_id(ChangeKind.DYNAMIC))
    print(_("Dynamic {id} created: {name}.").format(id=made.id, name=made.name))
    return 0


def cmd_host(args: argparse.Namespace) -> int:
    from visitplanner.services.directory import records as cat

    catalogue = open_catalogue(args)
    changes = cat.create_host(
        catalogue,
        cat.HostInput(
            name=args.name,
            address_line1=args.address,
            postal_code=args.postcode,
            city=args.city,
            capacity=args.capacity,
            dynamic_ids=_dynamic_ids(catalogue, args.dynamic),
        ),
    )
    made = cat.get_host(catalogue, changes.created_id(ChangeKind.HOST))
    print(_("Host organisation {id} created: {name}.").format(id=made.id, name=made.name))
    return 0


def cmd_person(args: argparse.Namespace) -> int:
    from visitplanner.services.directory import records as cat

    catalogue = open_catalogue(args)
    changes = cat.create_person(
        catalogue,
        cat.PersonInput(
            given_name=args.given_name,
            family_name=args.family_name,
            email=args.email,
            organisation=args.organisation,
            actor_type=args.actor_type,
            phone=args.phone,
            dynamic_ids=_dynamic_ids(catalogue, args.dynamic),
        ),
    )
    made = cat.get_person(catalogue, changes.created_id(ChangeKind.PERSON))
    print(_("Person {id} created: {name}.").format(id=made.id, name=made.name))
    return 0


COMMANDS = {"dynamic": cmd_dynamic, "host": cmd_host, "person": cmd_person}
