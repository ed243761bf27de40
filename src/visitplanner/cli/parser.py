"""argparse speaks the user's language: its own words go through our catalogue.

argparse translates its texts ("usage: ", "options", "invalid choice: …") with
the module-level ``_`` and ``ngettext`` it imports from :mod:`gettext` at
import time, which read the process-wide ``messages`` domain. Binding that
domain would mean installing our catalogue under the system's locale rules
and ignoring ``--lang``; instead the two module globals are pointed at our
own functions, which follow :func:`visitplanner.i18n.set_language`. The texts
are listed below so that ``tools/translations.py`` extracts them into our
``.po`` files; they must stay character for character the ones in argparse.
"""

from __future__ import annotations

import argparse
from typing import Any

from visitplanner.i18n import N_, _, current_language, ngettext

# argparse's translatable texts (Python 3.11–3.13) a user can meet.
MESSAGES = (
    N_("usage: "),
    N_("options"),
    N_("positional arguments"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
)


def expected_arguments(n: int) -> str:
    """argparse's one plural text, written out so that it is extracted with its plural."""
    return ngettext("expected %s argument", "expected %s arguments", n)


def install() -> None:
    """Routes argparse's texts through our catalogue (idempotent)."""
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]


class HelpFormatter(argparse.HelpFormatter):
    """argparse writes a section's colon itself ("options:"); French puts a non-breaking
    space before it, as everywhere else in our French texts."""

    def start_section(self, heading: str | None) -> None:
        if heading and current_language() == "fr":
            heading += "\u00a0"
        super().start_section(heading)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose sub-parsers (made with its class) share our formatter."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)
