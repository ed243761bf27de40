"""Command-line printed documents: ``pdf attendance EVENT --out FILE.pdf``."""

from __future__ import annotations

import argparse
from typing import Any

from visitplanner.i18n import _


def add_parsers(sub: Any) -> None:
    pdf = sub.add_parser("pdf", help=_("write a printable document (PDF)"))
    pdf_sub = pdf.add_subparsers(dest="pdf_kind", metavar="DOCUMENT", required=True)
    sheet = pdf_sub.add_parser(
        "attendance", help=_("the attendance sheet to sign, one box per half-day")
    )
    sheet.add_argument("event", metavar="EVENT")
    sheet.add_argument("--out", required=True, metavar="FILE.pdf")
    sheet.add_argument(
        "--doc-lang", choices=("fr", "en"), default="fr", help=_("language of the document")
    )
    sheet.add_argument("--funder", metavar="TEXT", help=_("funding line printed in the header"))
    sheet.add_argument("--blank-rows", type=int, default=5, metavar="N")


def _open(args: argparse.Namespace):  # -> Catalogue
    from visitplanner.store.database import open_catalogue

    return open_catalogue(args.db)


def cmd_pdf(args: argparse.Namespace) -> int:
    from visitplanner.services import documents

    catalogue = _open(args)
    if args.pdf_kind == "attendance":
        path = documents.attendance_pdf(
            catalogue,
            args.event,
            args.out,
            language=args.doc_lang,
            funder=args.funder,
            blank_rows=max(0, args.blank_rows),
        )
        print(_("{file} written.").format(file=path))
    return 0


COMMANDS = {"pdf": cmd_pdf}
