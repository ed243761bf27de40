"""Command-line rights of the people in the catalogue (RGPD): ``people report``.

``people report PERSON --out FILE.json|FILE.pdf`` writes everything kept about one
person (right of access) through :mod:`visitplanner.services.privacy`, the service the
person's page in the window uses. They are ``people`` actions beside ``import`` and
``export``: :func:`add_parsers` adds them to that sub-command, :data:`ACTIONS` runs them.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from visitplanner.i18n import _


def add_parsers(people_sub: Any) -> None:
    """Adds the privacy actions to ``people``'s sub-parsers."""
    from visitplanner.cli import REF_HELP

    report = people_sub.add_parser(
        "report", help=_("everything kept about one person (right of access)")
    )
    report.add_argument("person", metavar="PERSON", help=_(REF_HELP["person"]))
    report.add_argument(
        "--out",
        required=True,
        metavar="FILE.json|FILE.pdf",
        help=_("the file to write: .json (the data) or .pdf (for the person)"),
    )
    report.add_argument(
        "--doc-lang",
        choices=("fr", "en"),
        help=_("language of the PDF; default: the person’s preferred language"),
    )


def cmd_report(args: argparse.Namespace) -> int:
    from visitplanner import cli
    from visitplanner.services.privacy.access import write_access_report

    catalogue = cli._open(args)
    person_id = cli.resolve(catalogue, "person", args.person)
    target = write_access_report(catalogue, person_id, args.out, language=args.doc_lang)
    print(_("Access report written to {path}.").format(path=target))
    return 0


ACTIONS: dict[str, Callable[[argparse.Namespace], int]] = {"report": cmd_report}
