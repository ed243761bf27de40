"""Command-line shared story: ``log add``, ``log export`` and ``log sync FOLDER``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from visitplanner.i18n import _, document_language

KINDS = ("note", "milestone", "decision", "visit", "seminar")


def add_parsers(sub: Any) -> None:
    log = sub.add_parser("log", help=_("write, export or share the collective's story"))
    log_sub = log.add_subparsers(dest="log_command", metavar="ACTION", required=True)
    add = log_sub.add_parser("add", help=_("add an entry to the shared story"))
    add.add_argument("--title", required=True, metavar="T", help=_("the entry's title"))
    add.add_argument("--text", metavar="X", help=_("the entry's text ('-' reads standard input)"))
    add.add_argument("--date", metavar="DATE", help=_("day of the entry (YYYY-MM-DD); today"))
    add.add_argument("--kind", choices=KINDS, default="note", help=_("kind of entry"))
    add.add_argument(
        "--author", metavar="NAME", help=_("who writes it; the organiser of the settings")
    )
    add.add_argument(
        "--dynamic", action="append", metavar="DYNAMIC", help=_("a dynamic it concerns (repeat)")
    )
    export = log_sub.add_parser("export", help=_("write the story as a document"))
    export.add_argument(
        "--format",
        required=True,
        choices=("md", "html", "pdf"),
        dest="fmt",
        help=_("Markdown, HTML or PDF"),
    )
    export.add_argument("--out", required=True, metavar="FILE", help=_("the file to write"))
    export.add_argument("--from", dest="start", metavar="DATE", help=_("first day (YYYY-MM-DD)"))
    export.add_argument("--to", dest="end", metavar="DATE", help=_("last day (YYYY-MM-DD)"))
    export.add_argument("--dynamic", metavar="DYNAMIC", help=_("only this dynamic (id or name)"))
    export.add_argument("--kind", choices=KINDS, help=_("only entries of this kind"))
    export.add_argument("--title", metavar="TEXT", help=_("title of the document"))
    export.add_argument("--network", metavar="TEXT", help=_("network name printed on the cover"))
    export.add_argument("--doc-lang", choices=("fr", "en"), help=_("language of the document"))
    sync = log_sub.add_parser(
        "sync", help=_("exchange the story's entries with a folder shared with other coordinators")
    )
    sync.add_argument("folder", metavar="FOLDER", help=_("the shared folder"))


def _author(args: argparse.Namespace) -> str | None:
    if args.author:
        return args.author.strip() or None
    from visitplanner.settings import load_settings

    return load_settings().organiser_name.strip() or None


def cmd_log(args: argparse.Namespace) -> int:
    from visitplanner.cli.arguments import day_argument
    from visitplanner.cli.catalogue_access import open_catalogue, resolve
    from visitplanner.services.story import entries as story_entries

    catalogue = open_catalogue(args)
    if args.log_command == "add":
        from datetime import date

        text = sys.stdin.read() if args.text == "-" else args.text
        entry = story_entries.StoryEntryInput(
            date=day_argument(args.date) or date.today(),
            title=args.title,
            kind=args.kind,
            text=text,
            dynamic_ids=tuple(resolve(catalogue, "dynamic", d) for d in args.dynamic or ()),
        )
        uuid = story_entries.add_entry(catalogue, entry, _author(args)).uuid
        print(
            _("Story entry “{title}” of {date} added (id {id}).").format(
                title=entry.title.strip(), date=entry.date.isoformat(), id=uuid
            )
        )
        _sync_if_shared(catalogue)
        return 0
    if args.log_command == "export":
        from visitplanner.services.story.export import export_story

        filters = story_entries.StoryFilter(
            dynamic_id=resolve(catalogue, "dynamic", args.dynamic),
            kind=args.kind,
            start=day_argument(args.start),
            end=day_argument(args.end),
        )
        path = export_story(
            catalogue,
            args.fmt,
            args.out,
            filters=filters,
            title=args.title,
            network=args.network,
            language=document_language(args.doc_lang),
        )
        print(_("{file} written.").format(file=path))
        return 0
    from pathlib import Path

    from visitplanner.services.story import folder_sync

    report = folder_sync.sync_folder(catalogue, Path(args.folder))
    print(report.summary())
    for problem in report.problems:
        print(
            _("Skipped {file}: {reason}.").format(file=problem.file, reason=problem.reason),
            file=sys.stderr,
        )
    if folder_sync.shared_folder(catalogue) is None:
        folder_sync.set_shared_folder(catalogue, Path(args.folder))
    return 0


def _sync_if_shared(catalogue: Any) -> None:
    """A new entry reaches the shared folder at once when the folder is there."""
    from visitplanner.domain.errors import UserError
    from visitplanner.services.story import folder_sync

    folder = folder_sync.shared_folder(catalogue)
    if folder is None or not folder_sync.folder_reachable(folder):
        return
    try:
        folder_sync.sync_folder(catalogue, folder)
    except UserError as exc:
        print(exc.message, file=sys.stderr)


COMMANDS = {"log": cmd_log}
