"""Command-line preferences: ``config list``, ``config get KEY``, ``config set KEY VALUE``.

The same settings file as the window's Preferences, checked by the same rules
(:mod:`visitplanner.services.preferences`); no catalogue is opened.
"""

from __future__ import annotations

import argparse
from typing import Any

from visitplanner.i18n import _


def add_parsers(sub: Any) -> None:
    config = sub.add_parser("config", help=_("read or change the preferences"))
    c_sub = config.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    lst = c_sub.add_parser("list", help=_("every preference with its value"))
    lst.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    get = c_sub.add_parser("get", help=_("print the value of one preference"))
    get.add_argument("key", metavar="KEY", help=_("name of the preference, as “config list” shows"))
    put = c_sub.add_parser("set", help=_("change one preference"))
    put.add_argument("key", metavar="KEY", help=_("name of the preference, as “config list” shows"))
    put.add_argument("value", metavar="VALUE", nargs="?", help=_('its new value ("" empties it)'))


def _shown(value: Any) -> str:
    return "" if value is None else str(value)


def cmd_config(args: argparse.Namespace) -> int:
    from visitplanner.domain.errors import UserError
    from visitplanner.services import preferences as prefs

    if args.config_command == "list":
        values = prefs.preferences()
        if args.json:
            from visitplanner.cli.output import print_json

            print_json(dict(values))
        else:
            for key, value in values:
                print(f"{key} = {_shown(value)}")
        return 0
    if args.config_command == "get":
        print(_shown(prefs.get_preference(args.key)))
        return 0
    if args.value is None and args.key != prefs.PASSWORD_KEY:
        prefs.get_preference(args.key)  # an unknown key is the first thing to say
        raise UserError(_("{key}: give the new value.").format(key=args.key))
    stored = prefs.set_preference(args.key, args.value or "")
    print(_("{key} is now “{value}”.").format(key=args.key, value=_shown(stored)))
    return 0


COMMANDS = {"config": cmd_config}
