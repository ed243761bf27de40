"""The catalogue a command works on, and the records its arguments name.

One home for every command module (they used to reach into :mod:`.main`, which imports
them back to build the parser).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from visitplanner.i18n import _


def open_catalogue(args: argparse.Namespace):  # -> Catalogue
    """The catalogue ``--db`` names (or the default one), for every command module."""
    from visitplanner.store.database import open_catalogue as open_store

    catalogue = open_store(args.db)
    if catalogue.path is not None:  # one line on stderr; the command goes on
        from visitplanner.services.team.network_folders import risky_place, warning

        place = risky_place(catalogue.path)
        if place is not None:
            print(_("Warning: {text}").format(text=warning(place, catalogue.path)), file=sys.stderr)
    return catalogue


def resolve(catalogue: Any, kind: str, reference: str | None) -> int | None:
    """The id ``reference`` names (id, UID, e-mail or unique name); None stays None."""
    if reference is None:
        return None
    from visitplanner.services.references import resolve as resolve_reference

    return resolve_reference(catalogue, kind, reference)
