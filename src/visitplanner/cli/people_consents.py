"""Command-line consents: ``people consent PERSON [give|withdraw PURPOSE] [options]``.

``people consent PERSON`` lists the person's consent records (``--json`` for scripts);
``give PURPOSE`` records one (``--scope internal|partners|public``, default internal;
``--event EVENT`` to limit it to one event; ``--date YYYY-MM-DD``, default today;
``--by NAME``, ``--note TEXT``); ``withdraw PURPOSE`` dates the current ones that allow
``--scope`` (by default every scope). PURPOSE is ``photos``, ``quotes`` or
``story_naming``. Withdrawing ``story_naming`` redacts the story entries naming the
person and takes the redaction to the shared folder at once, as ``people erase`` does.
"""

from __future__ import annotations

import argparse
from typing import Any

from visitplanner.cli.catalogue_access import open_catalogue, resolve
from visitplanner.cli.output import print_json, print_table
from visitplanner.domain.consent import ConsentPurpose, ConsentScope
from visitplanner.i18n import _, ngettext


def add_parser(people_sub: Any) -> None:
    from visitplanner.cli.arguments import REF_HELP

    consent = people_sub.add_parser(
        "consent", help=_("list, give or withdraw a person's consents (photos, quotes, story)")
    )
    consent.add_argument("person", metavar="PERSON", help=_(REF_HELP["person"]))
    consent.add_argument(
        "action",
        nargs="?",
        choices=("give", "withdraw"),
        metavar="give|withdraw",
        help=_("without it, list the consents"),
    )
    consent.add_argument(
        "purpose",
        nargs="?",
        metavar="PURPOSE",
        help=_("what is consented to: {codes}").format(codes=", ".join(ConsentPurpose.codes())),
    )
    consent.add_argument(
        "--scope",
        metavar="SCOPE",
        help=_("{codes}; give: internal by default, withdraw: every scope").format(
            codes=", ".join(ConsentScope.codes())
        ),
    )
    consent.add_argument("--event", metavar="EVENT", help=_("give: for this event only"))
    consent.add_argument(
        "--date", metavar="DATE", help=_("the day it was given or withdrawn (YYYY-MM-DD); today")
    )
    consent.add_argument("--by", metavar="NAME", help=_("give: who records the consent"))
    consent.add_argument("--note", metavar="TEXT", help=_("how it was given or withdrawn"))
    consent.add_argument("--json", action="store_true", help=_("list: print JSON for scripts"))


def cmd_consent(args: argparse.Namespace) -> int:
    from visitplanner.cli.arguments import day_argument
    from visitplanner.domain.errors import UserError
    from visitplanner.services.privacy import consents

    if args.action is not None and not args.purpose:
        raise UserError(
            _("Say what is consented to after “{action}”: {codes}.").format(
                action=args.action, codes=", ".join(ConsentPurpose.codes())
            )
        )
    day = day_argument(args.date)
    catalogue = open_catalogue(args)
    person_id = resolve(catalogue, "person", args.person)
    if args.action is None:
        _print_consents(consents.list_consents(catalogue, person_id), args.json)
        return 0
    if args.action == "give":
        event_id = resolve(catalogue, "event", args.event) if args.event else None
        consents.give_consent(
            catalogue,
            person_id,
            args.purpose,
            args.scope,
            given_on=day,
            event_id=event_id,
            recorded_by=args.by,
            note=args.note,
        )
        print(
            _("Consent recorded: {purpose}, {scope}.").format(
                purpose=consents.parse_purpose(args.purpose).label,
                scope=consents.parse_scope(args.scope).label,
            )
        )
        return 0
    if args.event:
        raise UserError(_("--event: a consent is withdrawn whatever event it was given for."))
    result = consents.withdraw_consent(
        catalogue, person_id, args.purpose, args.scope, withdrawn_on=day, note=args.note
    )
    count = len(result.withdrawn)
    print(ngettext("{n} consent withdrawn.", "{n} consents withdrawn.", count).format(n=count))
    if result.redacted_entries:
        print(
            ngettext(
                "{n} story entry naming them was redacted.",
                "{n} story entries naming them were redacted.",
                result.redacted_entries,
            ).format(n=result.redacted_entries)
        )
        from visitplanner.cli.people_privacy import share_redaction

        share_redaction(catalogue)
    return 0


def _print_consents(records: list, as_json: bool) -> None:
    if as_json:
        print_json(
            [
                {
                    "id": c.id,
                    "purpose": c.purpose,
                    "scope": c.scope,
                    "event_id": c.event_id,
                    "event": c.event_title,
                    "given_on": c.given_on.isoformat(),
                    "withdrawn_on": c.withdrawn_on.isoformat() if c.withdrawn_on else None,
                    "recorded_by": c.recorded_by,
                    "note": c.note,
                    "withdrawal_note": c.withdrawal_note,
                }
                for c in records
            ]
        )
        return
    if not records:
        print(_("No consent recorded: no photo, no quote, not named in documents."))
        return
    print_table(
        [_("Purpose"), _("Scope"), _("Event"), _("Given on"), _("Withdrawn on")],
        [
            [
                ConsentPurpose(c.purpose).label,
                ConsentScope(c.scope).label,
                c.event_title or "",
                c.given_on.isoformat(),
                c.withdrawn_on.isoformat() if c.withdrawn_on else "",
            ]
            for c in records
        ],
    )
