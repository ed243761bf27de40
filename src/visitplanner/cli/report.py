"""Command-line activity report: ``report --from DATE --to DATE --out FILE.pdf|.json|.csv``."""

from __future__ import annotations

import argparse
from typing import Any

from visitplanner.i18n import _, document_language


def add_parsers(sub: Any) -> None:
    report = sub.add_parser(
        "report", help=_("the activity report of a period, for funders (PDF, JSON or CSV)")
    )
    report.add_argument(
        "--from", dest="start", required=True, metavar="DATE", help=_("first day (YYYY-MM-DD)")
    )
    report.add_argument(
        "--to", dest="end", required=True, metavar="DATE", help=_("last day (YYYY-MM-DD)")
    )
    report.add_argument(
        "--out",
        required=True,
        metavar="FILE.pdf|FILE.json|FILE.csv",
        help=_("the file to write; its extension chooses the format"),
    )
    report.add_argument("--title", metavar="TEXT", help=_("title printed on the cover"))
    report.add_argument("--network", metavar="TEXT", help=_("network name printed on the cover"))
    report.add_argument("--doc-lang", choices=("fr", "en"), help=_("language of the document"))


def cmd_report(args: argparse.Namespace) -> int:
    from visitplanner.services.reports import Period, parse_day
    from visitplanner.services.reports.export import write_report
    from visitplanner.settings import load_settings
    from visitplanner.store.database import open_catalogue

    period = Period(
        parse_day(args.start, "--from"),
        parse_day(args.end, "--to"),
        load_settings().default_timezone or "Europe/Paris",
    )
    catalogue = open_catalogue(args.db)
    path = write_report(
        catalogue,
        period,
        args.out,
        language=document_language(args.doc_lang),
        title=args.title,
        network=args.network,
    )
    print(_("{file} written.").format(file=path))
    return 0


COMMANDS = {"report": cmd_report}
