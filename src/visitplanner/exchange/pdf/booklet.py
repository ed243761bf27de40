"""Several debriefs in one printable booklet: cover, contents, one chapter per visit, synthesis.

Built from plain values (:class:`Booklet`); the service gathers them. Chapters,
the synthesis and the open actions are PDF bookmarks and contents entries with
their page numbers. Written in parts joined at the end, so that memory does not grow
with the number of visits or photos (docs/booklet.md).
"""

from __future__ import annotations

import gc
import io
import os
import tempfile
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from functools import partial
from itertools import chain
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
)
from reportlab.platypus.tableofcontents import TableOfContents

from visitplanner.exchange.pdf import joining, streaming, theme
from visitplanner.exchange.pdf.debrief import (
    DebriefReport,
    Heading,
    ReportTemplate,
    photo_flowable,
    report_story,
    report_styles,
    table_style,
)
from visitplanner.exchange.pdf.joining import OutlineEntry, PageLink
from visitplanner.i18n import N_

_DOC_TITLE = N_("Visit debriefs")
_CONTENTS = N_("Contents")
_SYNTHESIS = N_("Thematic synthesis")
_SYNTHESIS_INTRO = N_("Takeaways by shared challenge, across the visits of the booklet.")
_NO_CHALLENGE = N_("No shared challenge")
_OPEN_ACTIONS = N_("Open follow-up actions")
_NO_OPEN_ACTION = N_("No open follow-up action.")
_ACTION = N_("Action")
_OWNER = N_("Owner")
_DUE = N_("Due")
_VISIT = N_("Visit")
_SUBJECT = N_("Debriefs of the visits: {period}")


Synthesis = tuple[tuple[str | None, tuple[tuple[str, str], ...]], ...]
OpenActions = tuple[tuple[str, str, str, str], ...]


@dataclass(frozen=True)
class Booklet:
    title: str
    period: str  # already written out in the document's language
    # Read once, in print order: a tuple, or a generator that fetches chapters as they print.
    chapters: Iterable[DebriefReport]
    # (challenge label or None, ((takeaway, visit title), ...)), in print order; or a
    # callable giving it once the chapters have been read.
    synthesis: Synthesis | Callable[[], Synthesis] = ()
    open_actions: OpenActions | Callable[[], OpenActions] = ()  # (text, owner, due, visit)
    network: str | None = None
    logo: Any = None  # PIL image or path
    author: str = ""
    chapter_count: int = 0  # needed when ``chapters`` is a generator
    # Chart definitions (exchange.charts.model) of the booklet's period: the actor mix and
    # the cooperation graph, printed at the head of the synthesis.
    charts: tuple[Any, ...] = ()


def _cover(booklet: Booklet, language: str, width: float) -> list[Flowable]:
    st = theme.styles()
    big = ParagraphStyle("vp-cover", parent=st.doc_title, fontSize=26, leading=32, spaceAfter=8)
    sub = ParagraphStyle("vp-cover-sub", parent=st.title, fontSize=14, leading=18, spaceAfter=6)
    plain = ParagraphStyle(
        "vp-cover-meta", parent=st.meta, fontSize=12, leading=16, textColor=theme.MUTED
    )
    story: list[Flowable] = [Spacer(1, 35 * mm)]
    if booklet.logo is not None:
        logo = photo_flowable(booklet.logo, 60 * mm)
        logo.hAlign = "LEFT"
        if logo.drawHeight > 30 * mm:
            ratio = 30 * mm / logo.drawHeight
            logo.drawHeight *= ratio
            logo.drawWidth *= ratio
        story += [logo, Spacer(1, 12 * mm)]
    story.append(Paragraph(theme.markup(booklet.title), big))
    story.append(Paragraph(theme.markup(booklet.period), sub))
    if booklet.network:
        story.append(Paragraph(theme.markup(booklet.network), plain))
    return [*story, PageBreak()]


def _contents(language: str, toc: TableOfContents) -> list[Flowable]:
    tr = theme.translation(language)
    rs = report_styles()
    toc.levelStyles = [
        ParagraphStyle(
            "vp-toc0",
            fontName=theme.FONT,
            fontSize=10.5,
            leading=14,
            leftIndent=0,
            firstLineIndent=0,
            spaceBefore=3,
            textColor=theme.INK,
        )
    ]
    return [Paragraph(theme.markup(tr.gettext(_CONTENTS)), rs.h1), Spacer(1, 4 * mm), toc]


def _synthesis(booklet: Booklet, synthesis: Synthesis, language: str) -> Iterator[Flowable]:
    tr = theme.translation(language)
    st = theme.styles()
    rs = report_styles()
    yield Heading(tr.gettext(_SYNTHESIS), rs.h1, level=0, key="synthesis")
    yield Paragraph(theme.markup(tr.gettext(_SYNTHESIS_INTRO)), st.note)
    if booklet.charts:
        from visitplanner.exchange.pdf.report import chart_flowables

        width = A4[0] - 2 * theme.MARGIN
        for number, chart in enumerate(booklet.charts):
            yield from chart_flowables(chart, width, language, key=f"synthesis-chart-{number}")
    for number, (label, items) in enumerate(synthesis):
        yield CondPageBreak(30 * mm)
        yield Heading(label or tr.gettext(_NO_CHALLENGE), rs.h2, level=1, key=f"synthesis-{number}")
        for text, visit in items:
            yield Paragraph(
                f"{theme.markup(text)} <font color='#52606d'><i>— {theme.markup(visit)}</i></font>",
                rs.bullet,
                bulletText="•",
            )


def _open_actions(actions: OpenActions, language: str, width: float) -> list[Flowable]:
    tr = theme.translation(language)
    st = theme.styles()
    rs = report_styles()
    story: list[Flowable] = [Heading(tr.gettext(_OPEN_ACTIONS), rs.h1, level=0, key="actions")]
    if not actions:
        return [*story, Paragraph(theme.markup(tr.gettext(_NO_OPEN_ACTION)), st.note)]
    heads = [tr.gettext(_ACTION), tr.gettext(_OWNER), tr.gettext(_DUE), tr.gettext(_VISIT)]
    data: list[list[Any]] = [[Paragraph(theme.markup(h), st.head) for h in heads]]
    for row in actions:
        data.append([Paragraph(theme.markup(value), st.cell) for value in row])
    fixed = [34 * mm, 22 * mm, 48 * mm]
    widths = [width - sum(fixed), *fixed]
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT", splitByRow=1)
    table.setStyle(table_style())
    return [*story, Spacer(1, 2 * mm), table]


def _contents_entries(
    headings: list[tuple[str, str, int]], offset: int
) -> list[tuple[int, str, int, str]]:
    """Contents entries (level 0) for headings found at relative pages, ``offset`` pages in."""
    return [(0, theme.markup(text), page + offset, key) for key, text, page in headings]


class _HeadingRecorder(ReportTemplate):
    """First pass: where each level-0 heading starts, relative to the first chapter."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.headings: list[tuple[str, str, int]] = []

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Heading) and flowable.level == 0:
            self.headings.append((flowable.key, flowable.plain, self.page))


class _PartTemplate(ReportTemplate):
    """Second pass: one part of the booklet, its pages numbered from ``first_page``.

    Its headings are noted for the joined document's outline (the join keeps pages,
    not a part's own bookmarks).
    """

    def __init__(self, *args: Any, first_page: int = 1, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.first_page = first_page
        self.outline: list[OutlineEntry] = []

    def handle_documentBegin(self) -> None:
        super().handle_documentBegin()
        self.page = self.first_page - 1

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Heading):
            self.outline.append(OutlineEntry(flowable.plain, flowable.level, self.page))


def _running_header(starts: list[tuple[int, str]]) -> Callable[[Any, Any], None]:
    """Draws the current chapter's title at the top of its pages, but its first one."""
    firsts = [page for page, _title in starts]

    def decorate(canvas: Any, doc: Any) -> None:
        index = bisect_right(firsts, doc.page) - 1
        if index < 0 or firsts[index] == doc.page:
            return
        width, height = doc.pagesize
        title = starts[index][1]
        canvas.setFont(theme.FONT, 8)
        canvas.setFillColor(theme.MUTED)
        y = height - theme.MARGIN + 4.5 * mm
        canvas.drawString(
            theme.MARGIN, y, theme.fit(title, theme.FONT, 8, width - 2 * theme.MARGIN)
        )
        canvas.setStrokeColor(theme.RULE)
        canvas.setLineWidth(0.4)
        canvas.line(theme.MARGIN, y - 1.8 * mm, width - theme.MARGIN, y - 1.8 * mm)

    return decorate


# A part of the booklet holds at most this many pages and bytes of photos (JPEG
# files, as embedded), except a chapter larger than that on its own. reportlab holds
# a part's pages and photos until the part is saved, and needs about four times the
# photos' bytes then (docs/booklet.md).
PART_PAGES = 400
PART_IMAGE_BYTES = 40_000_000


def build_booklet(
    path: str | os.PathLike[str],
    booklet: Booklet,
    *,
    language: str = "fr",
    progress: Callable[[int, int], None] | None = None,
    part_pages: int = PART_PAGES,
    part_image_bytes: int = PART_IMAGE_BYTES,
) -> int:
    """Writes the booklet to ``path``; returns its number of pages.

    Two passes (see :mod:`.streaming`): the first lays the chapters out one at a time
    on a canvas that keeps nothing, keeping their values in a spool file and where
    each starts; the second writes runs of chapters (at most ``part_pages`` pages and
    ``part_image_bytes`` of photos each) as PDF files of their own, with the contents,
    "page X / Y" and running headers already known, and joins them (:mod:`.joining`).
    Memory holds one part at a time, whatever the number of visits and photos.
    ``booklet.chapters`` is read once; ``synthesis`` and ``open_actions`` may be
    callables, read after the chapters (the service gathers them as chapters go by).
    """
    tr = theme.translation(language)
    pagesize = A4
    width = pagesize[0] - 2 * theme.MARGIN
    total = booklet.chapter_count or len(booklet.chapters)  # type: ignore[arg-type]
    steps = 2 * total + 1

    def tick(step: int) -> None:
        if progress is not None:
            progress(step, steps)

    def template(target: Any, cls: type = ReportTemplate, **extra: Any) -> Any:
        return cls(
            target,
            pagesize=pagesize,
            language=language,
            title=f"{booklet.title} — {booklet.period}",
            author=booklet.author or booklet.network or "",
            subject=tr.gettext(_SUBJECT).format(period=booklet.period),
            footer_left=f"{booklet.title} — {booklet.period}",
            **extra,
        )

    folder = os.path.dirname(os.fspath(path)) or None
    with streaming.Spool[DebriefReport](folder) as spool:
        image_bytes: list[int] = []

        def chapters_once() -> Iterator[Flowable]:
            for number, report in enumerate(booklet.chapters, start=1):
                tick(number - 1)
                spool.add(report)
                image_bytes.append(_image_bytes(report))
                if number > 1:  # the first pass starts on a page of its own
                    yield PageBreak()
                yield from report_story(
                    report, language=language, width=width, key=f"visit-{number}"
                )

        # Read once every chapter has gone by (a generator's body waits until it is reached).
        closing_values: list[Any] = []

        def closing() -> Iterator[Flowable]:
            if not closing_values:
                closing_values[:] = [_value(booklet.synthesis), _value(booklet.open_actions)]
            synthesis, actions = closing_values
            yield from _synthesis(booklet, synthesis, language)
            yield PageBreak()
            yield from _open_actions(actions, language, width)

        counter = template(io.BytesIO(), _HeadingRecorder)
        relative_pages = streaming.count_pages(
            counter, chain(chapters_once(), [PageBreak()], closing())
        )

        # Cover and contents: as many pages as the contents need with its own page numbers.
        offset = 2
        for _attempt in range(5):
            toc = theme.table_of_contents()
            toc._lastEntries = _contents_entries(counter.headings, offset)
            front = streaming.count_pages(
                template(io.BytesIO()),
                [*_cover(booklet, language, width), *_contents(language, toc)],
            )
            if front == offset:
                break
            offset = front
        pages = offset + relative_pages
        starts = [(page + offset, text) for _key, text, page in counter.headings]
        first_pages = {key: page + offset for key, _text, page in counter.headings}
        # Where each chapter starts, then the synthesis and open actions (one more
        # section), and the page after the last: how many pages each section takes.
        bounds = [first_pages[f"visit-{number}"] for number in range(1, total + 1)]
        bounds += [first_pages["synthesis"], pages + 1]
        sizes = [(bounds[i + 1] - bounds[i], size) for i, size in enumerate([*image_bytes, 0])]
        plan = streaming.plan_parts(sizes, max_pages=part_pages, max_bytes=part_image_bytes)

        with tempfile.TemporaryDirectory(prefix=".booklet-", dir=folder) as parts_folder:
            parts = [os.path.join(parts_folder, f"{n:04d}.pdf") for n in range(len(plan) + 1)]
            noted_links: list[tuple[int, tuple[float, ...], str]] = []
            doc = template(parts[0], _PartTemplate)
            doc.total_pages = pages
            toc = theme.table_of_contents()
            toc._lastEntries = _contents_entries(counter.headings, offset)
            doc.build(
                [*_cover(booklet, language, width), *_contents(language, toc)],
                canvasmaker=partial(streaming.LinkRecorder, links=noted_links),
            )
            links = [
                PageLink(page, rect, first_pages[key])  # type: ignore[arg-type]
                for page, rect, key in noted_links
            ]

            outline: list[OutlineEntry] = []
            decorate = _running_header(starts)
            reports = enumerate(spool, start=1)
            section = 0  # sections (chapters, then the closing one) written so far

            def part_story(count: int) -> Iterator[Flowable]:
                nonlocal section
                for index in range(count):
                    if index:
                        yield PageBreak()
                    section += 1
                    if section > total:
                        yield from closing()
                        continue
                    number, report = next(reports)
                    tick(total + number - 1)
                    yield from report_story(
                        report, language=language, width=width, key=f"visit-{number}"
                    )

            for part, count in zip(parts[1:], plan, strict=True):
                doc = template(part, _PartTemplate, decorate=decorate, first_page=bounds[section])
                doc.total_pages = pages
                doc.build(streaming.LazyStory(part_story(count)))
                outline += doc.outline
                del doc
                gc.collect()  # the part's canvas and its photos, held in reference cycles
            tick(2 * total)
            pages = joining.join_parts(parts, path, outline=outline, links=links)
    tick(steps)
    return pages


def _image_bytes(report: DebriefReport) -> int:
    """About how many bytes the chapter's photos take in the PDF: a JPEG file is copied
    as it is; an image in memory is encoded at about a quarter of a byte per pixel."""
    size = 0
    for source, _caption in report.photos:
        if isinstance(source, str | os.PathLike):
            with suppress(OSError):
                size += os.path.getsize(source)
        elif hasattr(source, "size"):
            width, height = source.size
            size += width * height // 4
    return size


def _value(value: Any) -> Any:
    return value() if callable(value) else value
