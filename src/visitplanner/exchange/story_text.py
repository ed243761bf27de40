"""What the three exports of the shared story (PDF, Markdown, HTML) read the same way.

Pure Python, no reportlab: an entry's typed text becomes blocks (paragraphs and
bullet lists, the editor's simple rich text), entries are grouped by year and
month, and labels (kinds, challenges, dates, the period) are written in the
document's language, which need not be the interface's. Keeping this in one
place is what makes the printed, Markdown and HTML stories say the same thing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from visitplanner.domain.enums import Challenge, StoryKind
from visitplanner.domain.errors import UserError
from visitplanner.i18n import N_, number, translation_for

# The line starts the debrief PDF prints as bullets (exchange.pdf.debrief.BULLETS):
# the same set, so a list typed in a debrief reads as a list in the story too.
BULLETS = ("- ", "* ", "• ", "– ")

_STORY = N_("Shared story")
_FROM_TO = N_("from {start} to {end}")
_SINCE = N_("since {start}")
_UNTIL = N_("until {end}")
_EVENT = N_("Event: {title}")
_GENERATED = N_("Generated on {date}")
_CONTENTS = N_("Contents")


class ExportedEntry(Protocol):
    """What the exports read from an entry: ``services.story.entries.StoryEntryView`` fits."""

    uuid: str
    date: date
    title: str
    text: str | None
    kind: str
    author: str | None
    dynamic_names: tuple[str, ...]
    challenges: tuple[str, ...]
    photo_caption: str | None
    event_title: str | None


class ExportCancelled(UserError):
    """The user pressed Cancel; the target file was left as it was."""


@dataclass(frozen=True)
class StoryMeta:
    """The document's own words: what it is, whose story, which period, when, in which language.

    ``title`` empty means the default, "Shared story" in the document's language.
    """

    language: str = "fr"
    title: str = ""
    network: str | None = None
    period: str | None = None  # already written out in the document's language
    generated_on: date = field(default_factory=date.today)

    @property
    def heading(self) -> str:
        return self.title.strip() or translation_for(self.language).gettext(_STORY)

    def gettext(self, message: str) -> str:
        return translation_for(self.language).gettext(message)

    def generated_label(self) -> str:
        """``Generated on 26 November 2026`` in the document's language."""
        return self.gettext(_GENERATED).format(date=day_label(self.generated_on, self.language))

    def count_label(self, count: int) -> str:
        tr = translation_for(self.language)
        shown = number(count, self.language)
        return tr.ngettext("{count} entry", "{count} entries", count).format(count=shown)


# --- text ----------------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    """One typed paragraph; its single line breaks are kept (addresses, short lists of lines)."""

    lines: tuple[str, ...]


@dataclass(frozen=True)
class Bullets:
    """Consecutive lines typed with a leading "- " (or "* ", "• ", "– ")."""

    items: tuple[str, ...]


Block = Paragraph | Bullets


def text_blocks(text: str | None) -> list[Block]:
    """The entry's text as the editor means it: blank lines part paragraphs, "- " lines are bullets.

    Same reading as the debrief PDF, so a debrief's "What we keep" list stays a list.
    Empty bullets and blank lines are dropped; nothing else is changed.
    """
    if not text or not text.strip():
        return []
    blocks: list[Block] = []
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    for chunk in normalised.split("\n\n"):
        if not chunk.strip():
            continue
        lines: list[str] = []
        items: list[str] = []
        for line in chunk.strip("\n").split("\n"):
            stripped = line.strip()
            if stripped.startswith(BULLETS) or stripped in {"-", "*", "•", "–"}:
                if lines:
                    blocks.append(Paragraph(tuple(lines)))
                    lines = []
                item = stripped[2:].strip()
                if item:
                    items.append(item)
            elif stripped:
                if items:
                    blocks.append(Bullets(tuple(items)))
                    items = []
                lines.append(line.rstrip())
        if lines:
            blocks.append(Paragraph(tuple(lines)))
        if items:
            blocks.append(Bullets(tuple(items)))
    return blocks


# --- dates and labels ------------------------------------------------------------


def _locale(language: str) -> str:
    # "en" alone is American in CLDR; the application's English is British (see pdf_lang).
    return {"en": "en_GB"}.get(language, language)


def day_label(day: date, language: str) -> str:
    """``19 mai 2026`` / ``19 May 2026``; French writes the first of the month ``1er``."""
    from babel.dates import format_date

    text = format_date(day, "d MMMM y", locale=_locale(language))
    if language == "fr" and day.day == 1:
        text = "1er" + text[1:]
    return text


def month_label(year: int, month: int, language: str) -> str:
    """``mai 2026`` / ``May 2026``: the stand-alone month name, as CLDR writes it."""
    from babel.dates import format_date

    return format_date(date(year, month, 1), "LLLL yyyy", locale=_locale(language))


def kind_label(code: str, language: str) -> str:
    return StoryKind.label_in(code, translation_for(language).gettext)


def challenge_label(code: str, language: str) -> str:
    return Challenge.label_in(code, translation_for(language).gettext)


def meta_parts(entry: ExportedEntry, language: str) -> list[str]:
    """The small line under a title: author, dynamics, shared challenges, the linked event.

    The event is left out when the entry already bears its title (finalised debriefs).
    """
    parts: list[str] = []
    if entry.author:
        parts.append(entry.author)
    if entry.dynamic_names:
        parts.append(", ".join(entry.dynamic_names))
    if entry.challenges:
        parts.append(", ".join(challenge_label(c, language) for c in entry.challenges))
    if entry.event_title and entry.event_title.strip().casefold() != entry.title.strip().casefold():
        parts.append(translation_for(language).gettext(_EVENT).format(title=entry.event_title))
    return parts


def period_label(
    language: str,
    *,
    start: date | None = None,
    end: date | None = None,
    dates: Iterable[date] = (),
) -> str | None:
    """The period the document covers: the filter's days if it has any, else the entries' months."""
    tr = translation_for(language)
    if start and end:
        if start == end:
            return day_label(start, language)
        return tr.gettext(_FROM_TO).format(
            start=day_label(start, language), end=day_label(max(start, end), language)
        )
    if start:
        return tr.gettext(_SINCE).format(start=day_label(start, language))
    if end:
        return tr.gettext(_UNTIL).format(end=day_label(end, language))
    known = sorted(dates)
    if not known:
        return None
    first, last = known[0], known[-1]
    if (first.year, first.month) == (last.year, last.month):
        return month_label(first.year, first.month, language)
    begin = month_label(first.year, first.month, language)
    return f"{begin} – {month_label(last.year, last.month, language)}"


def contents_label(language: str) -> str:
    return translation_for(language).gettext(_CONTENTS)


def safe_id(value: str) -> str:
    """An identifier fit for an anchor, whatever the shared folder put in an entry's name."""
    return "".join(c for c in value if c.isascii() and (c.isalnum() or c in "-_")) or "x"


# --- grouping --------------------------------------------------------------------


@dataclass(frozen=True)
class Month:
    year: int
    month: int
    label: str
    entries: tuple[ExportedEntry, ...]

    @property
    def anchor(self) -> str:
        return f"m{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True)
class Year:
    year: int
    months: tuple[Month, ...]

    @property
    def anchor(self) -> str:
        return f"y{self.year:04d}"

    @property
    def label(self) -> str:
        return str(self.year)

    @property
    def count(self) -> int:
        return sum(len(m.entries) for m in self.months)


def by_year_and_month(entries: Sequence[ExportedEntry], language: str) -> list[Year]:
    """Chapters of the story, oldest first; entries keep their order within a month."""
    years: dict[int, dict[int, list[ExportedEntry]]] = {}
    for entry in sorted(entries, key=lambda e: e.date):  # stable: same-day order kept
        years.setdefault(entry.date.year, {}).setdefault(entry.date.month, []).append(entry)
    return [
        Year(
            year,
            tuple(
                Month(year, month, month_label(year, month, language), tuple(found))
                for month, found in sorted(months.items())
            ),
        )
        for year, months in sorted(years.items())
    ]
