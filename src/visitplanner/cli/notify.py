"""``notify EVENT --eml DIR``: the pending notices about people's places, as e-mails.

Waiting-list placements (an acceptance that found the event full), places
offered from the waiting list, removals from the list: each pending one is
written as a ready-to-send .eml file and marked done, so it is not written or
sent twice. People flagged « to notify » without a queued notice get one first.
"""

from __future__ import annotations

import argparse
from typing import Any

from visitplanner.i18n import _, ngettext


def add_parsers(sub: Any) -> None:
    from visitplanner.cli.arguments import REF_HELP

    notify = sub.add_parser(
        "notify",
        help=_("write the pending notices (waiting list, places offered, removals) as e-mails"),
    )
    notify.add_argument("event", metavar="EVENT", help=_(REF_HELP["event"]))
    notify.add_argument(
        "--eml", required=True, metavar="DIR", help=_("folder for the .eml files (created)")
    )


def cmd_notify(args: argparse.Namespace) -> int:
    from visitplanner.services.invitations.notices import write_notices
    from visitplanner.settings import load_settings
    from visitplanner.store.database import open_catalogue

    paths = write_notices(open_catalogue(args.db), args.event, load_settings(), args.eml)
    for path in paths:
        print(path)
    print(
        ngettext(
            "{n} notice written to {folder}.", "{n} notices written to {folder}.", len(paths)
        ).format(n=len(paths), folder=args.eml)
    )
    return 0


COMMANDS = {"notify": cmd_notify}
