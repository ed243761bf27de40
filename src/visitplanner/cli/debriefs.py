"""Command-line debrief work: ``debrief photo EVENT FILE [--caption C]``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from visitplanner.i18n import _, ngettext


def add_parsers(sub: Any) -> None:
    from visitplanner.cli.arguments import REF_HELP

    debrief = sub.add_parser("debrief", help=_("work on a visit's debrief"))
    commands = debrief.add_subparsers(dest="debrief_command", metavar="ACTION", required=True)
    photo = commands.add_parser("photo", help=_("attach a photo to the visit's debrief"))
    photo.add_argument("event", metavar="EVENT", help=_(REF_HELP["event"]))
    photo.add_argument("file", metavar="FILE", help=_("the photo (JPEG, PNG, …)"))
    photo.add_argument("--caption", metavar="C", help=_("the photo's caption"))


def cmd_debrief(args: argparse.Namespace) -> int:
    from visitplanner.cli.catalogue_access import open_catalogue, resolve
    from visitplanner.domain.errors import UserError
    from visitplanner.services.documents import debriefs, photos

    source = Path(args.file)
    if not source.is_file():
        raise UserError(_("“{name}” is not a file.").format(name=source.name))
    catalogue = open_catalogue(args)
    event_id = resolve(catalogue, "event", args.event)
    photos.check_image(source)  # refused before a draft debrief is made for nothing
    debrief = debriefs.open_debrief(catalogue, event_id)
    photos.add_photo(catalogue, debrief.id, Path(args.file), args.caption)
    count = len(debriefs.get_debrief(catalogue, debrief.id).photos)
    print(
        ngettext(
            "Photo “{name}” attached to the debrief of “{title}” ({count} photo).",
            "Photo “{name}” attached to the debrief of “{title}” ({count} photos).",
            count,
        ).format(name=Path(args.file).name, title=debrief.event_title, count=count)
    )
    return 0


COMMANDS = {"debrief": cmd_debrief}
