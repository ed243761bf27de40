"""Command-line printed documents.

``pdf attendance EVENT --out FILE.pdf``, ``pdf debrief EVENT --out FILE.pdf`` and
``pdf booklet --out FILE.pdf [--from DATE] [--to DATE] [--dynamic DYNAMIC]``.
"""

from __future__ import annotations

import argparse
from typing import Any

from visitplanner.i18n import _, document_language


def add_parsers(sub: Any) -> None:
    from visitplanner.cli.arguments import REF_HELP

    pdf = sub.add_parser("pdf", help=_("write a printable document (PDF)"))
    pdf_sub = pdf.add_subparsers(dest="pdf_kind", metavar="DOCUMENT", required=True)
    sheet = pdf_sub.add_parser(
        "attendance", help=_("the attendance sheet to sign, one box per half-day")
    )
    sheet.add_argument("event", metavar="EVENT", help=_(REF_HELP["event"]))
    sheet.add_argument("--out", required=True, metavar="FILE.pdf", help=_("the PDF file to write"))
    sheet.add_argument("--doc-lang", choices=("fr", "en"), help=_("language of the document"))
    sheet.add_argument("--funder", metavar="TEXT", help=_("funding line printed in the header"))
    sheet.add_argument(
        "--blank-rows",
        type=int,
        default=5,
        metavar="N",
        help=_("empty rows for people who come unannounced (default: 5)"),
    )
    debrief = pdf_sub.add_parser("debrief", help=_("the debrief of one visit, as a report"))
    debrief.add_argument("event", metavar="EVENT", help=_(REF_HELP["event"]))
    debrief.add_argument(
        "--out", required=True, metavar="FILE.pdf", help=_("the PDF file to write")
    )
    debrief.add_argument("--doc-lang", choices=("fr", "en"), help=_("language of the document"))
    booklet = pdf_sub.add_parser("booklet", help=_("several debriefs in one printable booklet"))
    booklet.add_argument(
        "--out", required=True, metavar="FILE.pdf", help=_("the PDF file to write")
    )
    booklet.add_argument(
        "--from", dest="start", metavar="DATE", help=_("first day of the period (YYYY-MM-DD)")
    )
    booklet.add_argument(
        "--to", dest="end", metavar="DATE", help=_("last day of the period (YYYY-MM-DD)")
    )
    booklet.add_argument(
        "--dynamic", metavar="DYNAMIC", help=_("only the visits of this dynamic (id or name)")
    )
    booklet.add_argument("--title", metavar="TEXT", help=_("title printed on the cover"))
    booklet.add_argument("--network", metavar="TEXT", help=_("network name printed on the cover"))
    booklet.add_argument(
        "--logo", metavar="IMAGE", help=_("logo printed on the cover (image file)")
    )
    booklet.add_argument("--doc-lang", choices=("fr", "en"), help=_("language of the document"))


def cmd_pdf(args: argparse.Namespace) -> int:
    from visitplanner.cli.arguments import day_argument
    from visitplanner.cli.catalogue_access import open_catalogue, resolve
    from visitplanner.services.documents import printing as documents
    from visitplanner.settings import load_settings

    catalogue = open_catalogue(args)
    if args.pdf_kind == "attendance":
        path = documents.attendance_pdf(
            catalogue,
            resolve(catalogue, "event", args.event),
            args.out,
            language=document_language(args.doc_lang),
            funder=args.funder,
            blank_rows=max(0, args.blank_rows),
        )
    elif args.pdf_kind == "debrief":
        path = documents.debrief_pdf(
            catalogue,
            resolve(catalogue, "event", args.event),
            args.out,
            language=document_language(args.doc_lang),
        )
    else:
        path = documents.booklet_pdf(
            catalogue,
            args.out,
            start=day_argument(args.start),
            end=day_argument(args.end),
            dynamic_id=resolve(catalogue, "dynamic", args.dynamic),
            language=document_language(args.doc_lang),
            title=args.title,
            network=args.network,
            logo=args.logo,
            zone=load_settings().default_timezone or "Europe/Paris",
        )
    print(_("{file} written.").format(file=path))
    return 0


COMMANDS = {"pdf": cmd_pdf}
