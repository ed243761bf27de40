"""Read-only views of records: the shared story written out as flowing text.

The story page's reading view and the one-entry dialog share this rendering, so an
entry reads the same wherever it is opened: a heading, the day, the kind as a small
label, paragraphs and bullets as typed, the photo, then a discreet line of links.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape
from itertools import groupby
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QImageReader, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.enums import Challenge, StoryKind
from visitplanner.domain.errors import UserError
from visitplanner.i18n import _, current_language
from visitplanner.services.story.entries import StoryEntryView, get_entry
from visitplanner.store.database import Catalogue

_BULLET = re.compile(r"^\s*[-•*]\s+")


@dataclass(frozen=True)
class StoryColours:
    """Colours taken from the palette, so the story reads well in light and dark mode."""

    meta: str
    chip: str
    highlight: str

    @classmethod
    def from_palette(cls, palette: QPalette | None = None) -> StoryColours:
        palette = palette or QApplication.palette()
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        accent = palette.color(QPalette.ColorRole.Highlight)
        return cls(
            meta=_blend(text, base, 0.62).name(),
            chip=_blend(text, base, 0.12).name(),
            highlight=_blend(accent, base, 0.16).name(),
        )


def _blend(front: QColor, back: QColor, amount: float) -> QColor:
    def mix(a: int, b: int) -> int:
        return round(a * amount + b * (1 - amount))

    return QColor(
        mix(front.red(), back.red()),
        mix(front.green(), back.green()),
        mix(front.blue(), back.blue()),
    )


def long_day(value: date) -> str:
    """« mardi 10 mars 2026 », "Tuesday 10 March 2026": a story names its days in full."""
    from babel.dates import format_date

    return format_date(value, "EEEE d MMMM y", locale=current_language())


def month_name(year: int, month: int, with_year: bool = True) -> str:
    """« Novembre 2026 », capitalised as a heading."""
    from babel.dates import format_date

    text = format_date(
        date(year, month, 1), "LLLL y" if with_year else "LLLL", locale=current_language()
    )
    return text[:1].upper() + text[1:]


def kind_label(code: str) -> str:
    return StoryKind.label_in(code, _)


def challenge_label(code: str) -> str:
    return Challenge.label_in(code, _)


def text_html(text: str | None) -> str:
    """Paragraphs separated by blank lines; lines starting with "- " become bullets."""
    out = []
    for block in re.split(r"\n\s*\n", (text or "").strip()):
        lines = [line.rstrip() for line in block.split("\n") if line.strip()]
        for is_bullet, run in groupby(lines, key=lambda line: bool(_BULLET.match(line))):
            group = list(run)
            if is_bullet:
                items = "".join(f"<li>{escape(_BULLET.sub('', line))}</li>" for line in group)
                out.append(f'<ul style="margin-top:0px; margin-bottom:6px;">{items}</ul>')
            else:
                out.append(
                    '<p style="margin-top:0px; margin-bottom:8px;">'
                    + "<br>".join(escape(line) for line in group)
                    + "</p>"
                )
    return "".join(out)


def photo_html(
    photo: Path | None, caption: str | None, max_width: int, colours: StoryColours
) -> str:
    """The photo upright and no wider than the view; nothing if it cannot be read here."""
    if photo is None or not Path(photo).is_file():
        return ""
    from visitplanner.services.documents.photos import display_file

    try:
        shown = display_file(Path(photo), 1200)
    except UserError:
        return ""
    size = QImageReader(str(shown)).size()
    if not size.isValid() or size.width() <= 0:
        return ""
    width = max(80, min(size.width(), max_width))
    src = escape(QUrl.fromLocalFile(str(shown)).toString())
    html = f'<p style="margin-top:4px; margin-bottom:2px;"><img src="{src}" width="{width}"></p>'
    if caption:
        html += f'<p style="margin-top:0px; color:{colours.meta};"><i>{escape(caption)}</i></p>'
    return html


def entry_html(
    entry: StoryEntryView,
    colours: StoryColours,
    max_width: int,
    selected: bool = False,
) -> str:
    """One entry as a short passage of the story; ``selected`` tints its background."""
    meta = [escape(long_day(entry.date))]
    if entry.author:
        meta.append(escape(entry.author))
    chip = (
        f'<span style="background-color:{colours.chip};">&nbsp;{escape(kind_label(entry.kind))}'
        "&nbsp;</span>"
    )
    head = (
        f'<p style="margin-top:0px; margin-bottom:2px; color:{colours.meta};">'
        f"{chip}&nbsp;&nbsp;{' · '.join(meta)}"
        "</p>"
    )
    title = f'<h3 style="margin-top:2px; margin-bottom:6px;">{escape(entry.title)}</h3>'
    links = []
    if entry.dynamic_names:
        links.append(_("Dynamics: {names}").format(names=escape(", ".join(entry.dynamic_names))))
    if entry.challenges:
        links.append(
            _("Challenges: {names}").format(
                names=escape(", ".join(challenge_label(c) for c in entry.challenges))
            )
        )
    if entry.event_id is not None and entry.event_title:
        link = f'<a href="event:{entry.event_id}">{escape(entry.event_title)}</a>'
        if entry.debrief_id is not None:
            links.append(_("From the debrief of {event}").format(event=link))
        else:
            links.append(_("Event: {event}").format(event=link))
    footer = (
        f'<p style="margin-top:2px; margin-bottom:0px; color:{colours.meta};"><small>'
        + " · ".join(links)
        + "</small></p>"
        if links
        else ""
    )
    body = (
        head
        + title
        + text_html(entry.text)
        + photo_html(entry.photo, entry.photo_caption, max_width - 40, colours)
        + footer
    )
    background = f' bgcolor="{colours.highlight}"' if selected else ""
    return (
        f'<a name="{escape(entry.uuid)}"></a>'
        f'<table width="100%" cellspacing="0" cellpadding="12"{background}>'
        f"<tr><td>{body}</td></tr></table>"
    )


def story_html(
    entries: Sequence[StoryEntryView],
    colours: StoryColours,
    max_width: int,
    selected: str | None = None,
    heading: str | None = None,
) -> str:
    """Entries in the order they happened, under month headings, as one document."""
    ordered = sorted(entries, key=lambda e: e.date)
    parts = [f"<h1>{escape(heading)}</h1>"] if heading else []
    months = {(e.date.year, e.date.month) for e in ordered}
    for (year, month), group in groupby(ordered, key=lambda e: (e.date.year, e.date.month)):
        if len(months) > 1:
            parts.append(f'<h2 style="margin-top:18px;">{escape(month_name(year, month))}</h2>')
        parts.extend(entry_html(e, colours, max_width, e.uuid == selected) for e in group)
    return "".join(parts)


def show_story_entry(parent: QWidget | None, catalogue: Catalogue, uuid: str) -> None:
    """One entry on its own, read-only (for places that have no story page at hand)."""
    try:
        entry = get_entry(catalogue, uuid)
    except UserError:
        return
    dialog = QDialog(parent)
    dialog.setWindowTitle(_("Shared story"))
    dialog.resize(640, 520)
    browser = QTextBrowser()
    browser.setAccessibleName(entry.title)
    browser.setHtml(entry_html(entry, StoryColours.from_palette(), 600))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(browser)
    layout.addWidget(buttons)
    dialog.exec()
