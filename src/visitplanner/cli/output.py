"""What the command line prints: JSON for scripts, tables and labels for people.

Shared by the command modules; it imports nothing of theirs, so any of them can use it.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from visitplanner.i18n import number


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=_json_default) + "\n")


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        for i, value in enumerate(row):
            widths[i] = min(max(widths[i], len(value)), 48)

    def line(values: Sequence[str]) -> str:
        out = []
        for value, width in zip(values, widths, strict=True):
            text = value if len(value) <= width else value[: width - 1] + "…"
            out.append(text.ljust(width))
        return "  ".join(out).rstrip()

    print(line(headers))
    for row in cells:
        print(line(row))


def when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def kind_label(family: str, code: str) -> str:
    from visitplanner.domain import enums

    enum = {
        "dynamic": enums.DynamicKind,
        "event": enums.EventKind,
        "status": enums.EventStatus,
        "debrief": enums.DebriefStatus,
        "log": enums.StoryKind,
        "role": enums.Role,
        "response": enums.ResponseStatus,
    }[family]
    return enum(code).label


def count_text(value: int | None) -> str:
    """A count in a table read by people: « 100 000 » in French; the JSON keeps the number."""
    return "" if value is None else number(value)
