"""The shared story as a printed document: cover, contents, one chapter per year, entry by entry.

Same quality as the booklet of debriefs, since both are handed to funders and
partners: the bundled DejaVu fonts embedded, every user string escaped and its
missing glyphs replaced visibly (``theme.markup``), "page X / Y" naming the
document, bookmarks for years, months and entries, contents with page numbers.
Built from plain values; the service (``services.story_export``) gathers them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
)
from reportlab.platypus.doctemplate import ActionFlowable
from reportlab.platypus.tableofcontents import TableOfContents

from visitplanner.exchange.pdf import theme
from visitplanner.exchange.pdf.debrief import Heading, photo_flowable, report_styles
from visitplanner.exchange.story_text import (
    Bullets,
    ExportCancelled,
    ExportedEntry,
    StoryMeta,
    by_year_and_month,
    contents_label,
    day_label,
    kind_label,
    meta_parts,
    text_blocks,
)
from visitplanner.i18n import _

PHOTO_WIDTH = 130 * mm
_FRAME_HEIGHT = A4[1] - 2 * theme.MARGIN - 4 * mm
_WHOLE = 0.4  # entries up to this share of a page are never split
_LINES_AFTER_HEADING = 16 * mm
# multiBuild lays the story out about this many times (contents, then "page X / Y"):
# progress is spread over them so that the bar moves on during the whole build.
_EXPECTED_PASSES = 2

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class _Styles:
    """The story's own styles, derived from the shared theme."""

    def __init__(self) -> None:
        st = theme.styles()
        rs = report_styles()
        self.cover_title = ParagraphStyle(
            "vp-story-cover", parent=st.doc_title, fontSize=28, leading=34, spaceAfter=10
        )
        self.cover_sub = ParagraphStyle(
            "vp-story-cover-sub", parent=st.title, fontSize=15, leading=19, spaceAfter=6
        )
        self.cover_meta = ParagraphStyle(
            "vp-story-cover-meta",
            parent=st.meta,
            fontSize=12,
            leading=16,
            spaceAfter=3,
            textColor=theme.MUTED,
        )
        self.contents = rs.h1
        self.year = ParagraphStyle(
            "vp-story-year", parent=rs.h1, fontSize=26, leading=31, spaceAfter=8
        )
        self.month = ParagraphStyle(
            "vp-story-month",
            parent=rs.h2,
            fontSize=14,
            leading=18,
            spaceBefore=10,
            spaceAfter=6,
            textColor=theme.MUTED,
            keepWithNext=1,
        )
        self.when = ParagraphStyle(
            "vp-story-when", parent=st.meta, fontSize=8.5, leading=11, textColor=theme.MUTED
        )
        self.title = ParagraphStyle(
            "vp-story-title", parent=st.title, fontSize=12.5, leading=16, spaceAfter=1
        )
        self.meta = ParagraphStyle("vp-story-meta", parent=st.note, spaceAfter=4)
        self.body = ParagraphStyle("vp-story-body", parent=st.body, spaceAfter=5)
        self.item = ParagraphStyle(
            "vp-story-item",
            parent=st.body,
            leftIndent=5 * mm,
            bulletIndent=1 * mm,
            bulletFontName=theme.FONT,
            spaceAfter=2,
        )
        self.caption = rs.caption
        self.note = st.note
        self.toc = [
            ParagraphStyle(
                "vp-story-toc0",
                fontName=theme.FONT_BOLD,
                fontSize=11,
                leading=15,
                spaceBefore=6,
                textColor=theme.INK,
            ),
            ParagraphStyle(
                "vp-story-toc1",
                fontName=theme.FONT,
                fontSize=10,
                leading=13.5,
                leftIndent=7 * mm,
                spaceBefore=1,
                textColor=theme.INK,
            ),
        ]


class _EntryTitle(Heading):
    """An entry's title: a bookmark under its month, and a step of the progress bar."""


class StoryTemplate(theme.DocumentTemplate):
    """Bookmarks every heading, lists years and months in the contents, reports progress."""

    def __init__(
        self,
        *args: Any,
        entries: int,
        progress: Progress | None,
        cancelled: Cancelled | None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.toc: TableOfContents | None = None
        self._entries = max(entries, 1)
        self._progress = progress
        self._cancelled = cancelled
        self._pass = 0
        self._placed = 0
        self._reported = -1
        self._month: str | None = None  # the month being printed, for the running header
        self._header: str | None = None
        self._fresh = True

    @property
    def total_steps(self) -> int:
        return self._entries * _EXPECTED_PASSES + 1

    def handle_documentBegin(self) -> None:
        self._pass += 1
        self._placed = 0
        self._month = None
        self._header = None
        self._fresh = True
        super().handle_documentBegin()

    def beforePage(self) -> None:
        # A page that continues a month says which one at its top...
        self._header = self._month
        self._fresh = True

    def afterPage(self) -> None:
        if not self._header:
            return
        width, height = self.pagesize
        self.canv.saveState()
        self.canv.setFont(theme.FONT, 8)
        self.canv.setFillColor(theme.MUTED)
        self.canv.drawRightString(
            width - theme.MARGIN, height - theme.MARGIN + 5 * mm, self._header
        )
        self.canv.restoreState()

    def afterFlowable(self, flowable: Flowable) -> None:
        if not isinstance(flowable, Heading):
            if not isinstance(flowable, _UNSEEN):
                self._fresh = False
            return
        if self._fresh and flowable.level <= 1:
            self._header = None  # ...unless it starts with its year's or month's heading
        self._fresh = False
        if flowable.level == 0:
            self._month = None
        elif flowable.level == 1:
            self._month = flowable.plain
        self.canv.bookmarkPage(flowable.key)
        self.canv.addOutlineEntry(
            flowable.plain, flowable.key, flowable.level, closed=flowable.level > 0
        )
        if self.toc is not None and flowable.level <= 1:
            # Contents entries are parsed as markup again: escape them.
            entry = (flowable.level, theme.markup(flowable.plain), self.page, flowable.key)
            self.toc.notify("TOCEntry", entry)
        if isinstance(flowable, _EntryTitle):
            self._placed += 1
            self.step()

    def step(self) -> None:
        """Stops the build if the user cancelled; moves the progress bar on, never back."""
        if self._cancelled is not None and self._cancelled():
            raise ExportCancelled(_("Export cancelled; nothing was written."))
        if self._progress is None:
            return
        done = min((self._pass - 1) * self._entries + self._placed, self.total_steps - 1)
        if done > self._reported:
            self._reported = done
            self._progress(done, self.total_steps)


class _Rule(Flowable):
    """A short light line between two entries of a month; nothing at the top of a page."""

    def _at_top(self) -> bool:
        frame = getattr(self, "_frame", None)  # set by the frame while it places us
        return bool(frame is not None and frame._atTop)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, 0 if self._at_top() else 6 * mm

    def draw(self) -> None:
        if self._at_top():
            return
        self.canv.setStrokeColor(theme.SHADE)
        self.canv.setLineWidth(0.8)
        self.canv.line(0, 3 * mm, 25 * mm, 3 * mm)


# What does not count as a page's first content (spacing, breaks, the page counter).
_UNSEEN = (_Rule, Spacer, CondPageBreak, PageBreak, ActionFlowable, theme.PageTotal)


class _Bar(Flowable):
    """The strong line under the cover's title."""

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return available_width, 8 * mm

    def draw(self) -> None:
        self.canv.setStrokeColor(theme.INK)
        self.canv.setLineWidth(2.2)
        self.canv.line(0, 4 * mm, 45 * mm, 4 * mm)


def _cover(meta: StoryMeta, count: int, ss: _Styles) -> list[Flowable]:
    story: list[Flowable] = [Spacer(1, 45 * mm)]
    story.append(Paragraph(theme.markup(meta.heading), ss.cover_title))
    if meta.network:
        story.append(Paragraph(theme.markup(meta.network), ss.cover_sub))
    story += [_Bar(), Spacer(1, 2 * mm)]
    if meta.period:
        story.append(Paragraph(theme.markup(meta.period), ss.cover_meta))
    story.append(Paragraph(theme.markup(meta.count_label(count)), ss.cover_meta))
    story.append(Paragraph(theme.markup(meta.generated_label()), ss.cover_meta))
    return story


def _text(entry: ExportedEntry, ss: _Styles) -> list[Flowable]:
    out: list[Flowable] = []
    for block in text_blocks(entry.text):
        if isinstance(block, Bullets):
            out += [Paragraph(theme.markup(item), ss.item, bulletText="•") for item in block.items]
            out.append(Spacer(1, 2 * mm))
        else:
            out.append(Paragraph(theme.markup("\n".join(block.lines)), ss.body))
    return out


def _figure(entry: ExportedEntry, photo: Path | None, width: float, ss: _Styles) -> list[Flowable]:
    """The photo scaled to fit (aspect kept, never wider than the column) and its caption."""
    if photo is None:
        return []
    try:
        image = photo_flowable(photo, min(PHOTO_WIDTH, width))
    except (OSError, ValueError, SyntaxError):
        return []  # an unreadable file is left out of print, the entry is not
    image.hAlign = "CENTER"
    caption = (entry.photo_caption or "").strip()
    parts: list[Flowable] = [Spacer(1, 1.5 * mm), image]
    if caption:
        parts.append(Paragraph(theme.markup(caption), ss.caption))
    else:
        parts.append(Spacer(1, 4 * mm))
    return parts


def _estimated_height(flowable: Flowable, width: float) -> float:
    """About how tall a flowable will print, without laying it out (a layout pass of a
    500-entry story is seconds of line breaking; this only decides what to keep together)."""
    if isinstance(flowable, Paragraph):
        style = flowable.style
        room = max(width - style.leftIndent - style.rightIndent, 50.0)
        lines = max(1, -(-len(flowable.text) * style.fontSize * 0.55 // room))
        lines += flowable.text.count("<br/>")
        return lines * style.leading + style.spaceBefore + style.spaceAfter
    if isinstance(flowable, Image):
        return float(flowable.drawHeight)
    if isinstance(flowable, Spacer):
        return float(flowable.height)
    return 6 * mm


def _entry(
    entry: ExportedEntry,
    meta: StoryMeta,
    key: str,
    photo: Path | None,
    width: float,
    ss: _Styles,
    *,
    separated: bool,
) -> list[Flowable]:
    language = meta.language
    when = day_label(entry.date, language)
    title = _EntryTitle(entry.title, ss.title, level=2, key=key)
    title.plain = theme.printable(f"{when} — {entry.title}")
    # The line between two entries travels with the entry below it, never ends a page.
    head: list[Flowable] = [_Rule()] if separated else []
    head += [
        Paragraph(
            f"<b>{theme.markup(when)}</b>  ·  {theme.markup(kind_label(entry.kind, language))}",
            ss.when,
        ),
        title,
    ]
    parts = meta_parts(entry, language)
    if parts:
        head.append(Paragraph(theme.markup(" · ".join(parts)), ss.meta))
    else:
        head.append(Spacer(1, 2 * mm))
    body = _text(entry, ss)
    figure = _figure(entry, photo, width, ss)
    everything = [*head, *body, *figure]
    heights = [_estimated_height(f, width) for f in everything]
    if sum(heights) <= _WHOLE * _FRAME_HEIGHT:
        return [KeepTogether(everything)]  # a short entry stays whole
    # A long one: its heading never ends a page (at least a few lines follow it), its text
    # flows, and its photo stays with its caption and with a short last paragraph.
    head_height = sum(heights[: len(head)])
    out: list[Flowable] = [CondPageBreak(head_height + _LINES_AFTER_HEADING), KeepTogether(head)]
    if not figure:
        return [*out, *body]
    tail = body[-1:] if body and heights[len(head) + len(body) - 1] < 30 * mm else []
    out += body[: len(body) - len(tail)]
    return [*out, KeepTogether([*tail, *figure])]


def build_story_pdf(
    entries: Sequence[ExportedEntry],
    meta: StoryMeta,
    out_path: str | os.PathLike[str],
    photos: Mapping[str, Path],
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> int:
    """Writes the story to ``out_path`` (oldest first, as given); returns its number of pages.

    ``photos`` maps an entry's uuid to a print-size JPEG (``photos.display_file``).
    ``progress(done, total)`` is called as entries are laid out; ``cancelled()``
    returning true stops the build with :class:`ExportCancelled`.
    """
    language = meta.language
    ss = _Styles()
    pagesize = A4
    width = pagesize[0] - 2 * theme.MARGIN
    heading = meta.heading
    document_name = " — ".join(part for part in (heading, meta.network) if part)
    doc = StoryTemplate(
        os.fspath(out_path),
        pagesize=pagesize,
        language=language,
        title=document_name,
        author=meta.network or "Visit Planner",
        subject=" — ".join(part for part in (heading, meta.network, meta.period) if part),
        footer_left=document_name,
        entries=len(entries),
        progress=progress,
        cancelled=cancelled,
    )
    years = by_year_and_month(entries, language)
    story: list[Flowable] = _cover(meta, len(entries), ss)
    if years:
        doc.toc = theme.table_of_contents()
        doc.toc.levelStyles = ss.toc
        # The contents' lines are known now, only their pages are not: laid out at their
        # full length from the first pass, they never push the story on by a page, which
        # would cost a third layout pass.
        doc.toc._entries = [
            (level, theme.markup(label), 0, key)
            for year in years
            for level, label, key in (
                (0, year.label, year.anchor),
                *((1, month.label, month.anchor) for month in year.months),
            )
        ]
        story += [
            PageBreak(),
            Paragraph(theme.markup(contents_label(language)), ss.contents),
            Spacer(1, 4 * mm),
            doc.toc,
        ]
    number = 0
    for year in years:
        story += [PageBreak(), Heading(year.label, ss.year, level=0, key=year.anchor)]
        for index, month in enumerate(year.months):
            if index:
                story.append(CondPageBreak(45 * mm))
            story.append(Heading(month.label, ss.month, level=1, key=month.anchor))
            for position, entry in enumerate(month.entries):
                number += 1
                photo = photos.get(entry.uuid)
                story += _entry(entry, meta, f"e{number}", photo, width, ss, separated=position > 0)
                if cancelled is not None and cancelled():
                    raise ExportCancelled(_("Export cancelled; nothing was written."))
    pages = doc.build_all(story)
    if progress is not None:
        progress(doc.total_steps, doc.total_steps)
    return pages
