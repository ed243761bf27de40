"""Where the components of a calendar text are, found without parsing them.

A partner's calendar can hold tens of thousands of events. Parsing it whole
with icalendar keeps every component in memory at once; finding the
``BEGIN:``/``END:`` lines first lets the importer parse a batch of events at a
time, tell the line each event starts on, and refuse a broken nesting before
anything is parsed. Only offsets are kept here, never copies of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_MARK = re.compile(r"^(BEGIN|END)[ \t]*:[ \t]*([A-Za-z0-9-]+)[ \t\r]*$", re.M | re.I)
_RECURRENCE_ID = re.compile(r"^RECURRENCE-ID[;:]", re.M | re.I)

Span = tuple[int, int, int]  # start offset, end offset, line number (1-based)


class LayoutError(ValueError):
    """The nesting of BEGIN and END lines is broken at ``line``."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


@dataclass
class CalendarLayout:
    """One VCALENDAR of the text: its own properties, and where each component is."""

    head: list[str] = field(default_factory=list)  # the calendar's own property lines
    timezones: list[Span] = field(default_factory=list)
    events: list[Span] = field(default_factory=list)  # VEVENTs without RECURRENCE-ID
    overrides: list[Span] = field(default_factory=list)  # VEVENTs with RECURRENCE-ID
    others: int = 0  # to-dos, journal entries, free/busy times: nothing to import them as


def layout(text: str) -> list[CalendarLayout]:
    """The calendars of ``text``; raises :class:`LayoutError` on a broken nesting."""
    found: list[CalendarLayout] = []
    stack: list[str] = []
    current: CalendarLayout | None = None
    line, counted = 1, 0
    begin = head_from = 0
    for mark in _MARK.finditer(text):
        line += text.count("\n", counted, mark.start())
        counted = mark.start()
        is_begin = mark.group(1).upper() == "BEGIN"
        name = mark.group(2).upper()
        if is_begin:
            if not stack:
                if name != "VCALENDAR":
                    raise LayoutError(line)
                current = CalendarLayout()
                head_from = mark.end()
            elif len(stack) == 1:
                begin, begin_line = mark.start(), line
                if current is not None:
                    current.head += _lines(text[head_from : mark.start()])
            stack.append(name)
            continue
        if not stack or stack[-1] != name:
            raise LayoutError(line)
        stack.pop()
        if current is None:  # pragma: no cover - a VCALENDAR always opens first
            raise LayoutError(line)
        if not stack:
            current.head += _lines(text[head_from : mark.start()])
            found.append(current)
            current = None
        elif len(stack) == 1:
            span = (begin, mark.end(), begin_line)
            if name == "VEVENT":
                if _RECURRENCE_ID.search(text, begin, mark.start()):
                    current.overrides.append(span)
                else:
                    current.events.append(span)
            elif name == "VTIMEZONE":
                current.timezones.append(span)
            else:
                current.others += 1
            head_from = mark.end()
    if stack:
        raise LayoutError(line)
    return found


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def piece(text: str, spans: list[Span], head: list[str] | None = None) -> str:
    """A small calendar holding only the components at ``spans``, for icalendar to parse."""
    parts = ["BEGIN:VCALENDAR", *(head or ()), *(text[start:end] for start, end, _ in spans)]
    parts += ["END:VCALENDAR", ""]
    return "\r\n".join(parts)
