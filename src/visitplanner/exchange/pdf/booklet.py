"""Several debriefs in one printable booklet: cover, contents, one chapter per visit, synthesis.

Built from plain values (:class:`Booklet`); the service gathers them. Chapters,
the synthesis and the open actions are PDF bookmarks and contents entries with
their page numbers.
"""

from __future__ import annotations

import io
import os
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
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

from visitplanner.exchange.pdf import streaming, theme
from visitplanner.exchange.pdf.debrief import (
    DebriefReport,
    Heading,
    ReportTemplate,
    _photo,
    report_story,
    report_styles,
    table_style,
)
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
        logo = _photo(booklet.logo, 60 * mm)
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


def build_booklet(
    path: str | os.PathLike[str],
    booklet: Booklet,
    *,
    language: str = "fr",
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Writes the booklet to ``path``; returns its number of pages.

    Two passes (see :mod:`.streaming`): the first lays the chapters out one at a time
    on a canvas that keeps nothing, keeping their values in a spool file and where
    each starts; the second writes the document once with the contents and "page X / Y"
    known. Memory holds one chapter at a time, whatever the number of visits.
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

    with streaming.Spool[DebriefReport](os.path.dirname(os.fspath(path)) or None) as spool:

        def chapters_once() -> Iterator[Flowable]:
            for number, report in enumerate(booklet.chapters, start=1):
                tick(number - 1)
                spool.add(report)
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
            yield PageBreak()
            yield from _synthesis(booklet, synthesis, language)
            yield PageBreak()
            yield from _open_actions(actions, language, width)

        counter = template(io.BytesIO(), _HeadingRecorder)
        relative_pages = streaming.count_pages(counter, chain(chapters_once(), closing()))

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
        starts = [(page + offset, text) for _key, text, page in counter.headings]

        doc = template(os.fspath(path), decorate=_running_header(starts))
        doc.total_pages = offset + relative_pages
        toc = theme.table_of_contents()
        toc._lastEntries = _contents_entries(counter.headings, offset)

        def final_story() -> Iterator[Flowable]:
            yield from _cover(booklet, language, width)
            yield from _contents(language, toc)
            for number, report in enumerate(spool, start=1):
                tick(total + number - 1)
                yield PageBreak()
                yield from report_story(
                    report, language=language, width=width, key=f"visit-{number}"
                )
            yield from closing()

        doc.build(streaming.LazyStory(final_story()))
    tick(steps)
    return int(doc.page)


def _value(value: Any) -> Any:
    return value() if callable(value) else value
