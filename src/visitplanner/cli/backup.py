"""Command-line ``backup``: a consistent copy of the catalogue."""

from __future__ import annotations

import argparse
from typing import Any

from visitplanner.i18n import _


def add_parsers(sub: Any) -> None:
    backup = sub.add_parser("backup", help=_("write a consistent copy of the catalogue"))
    backup.add_argument(
        "--out", metavar="FILE", help=_("where to write it; a dated file in the backup folder")
    )


def cmd_backup(args: argparse.Namespace) -> int:
    from visitplanner.cli.catalogue_access import open_catalogue
    from visitplanner.services.recovery.backups import backup

    target = backup(open_catalogue(args), args.out)
    print(_("Backup written to {path}.").format(path=target))
    return 0


COMMANDS = {"backup": cmd_backup}
