"""Several debriefs in one printable booklet: cover, contents, one chapter per visit, synthesis.

Built from plain values (:class:`Booklet`); the service gathers them. Chapters,
the synthesis and the open actions are PDF bookmarks and contents entries with
their page numbers.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
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

from visitplanner.exchange.pdf import theme
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


@dataclass(frozen=True)
class Booklet:
    title: str
    period: str  # already written out in the document's language
    chapters: tuple[DebriefReport, ...]
    # (challenge label or None, ((takeaway, visit title), ...)), in print order
    synthesis: tuple[tuple[str | None, tuple[tuple[str, str], ...]], ...] = ()
    open_actions: tuple[tuple[str, str, str, str], ...] = ()  # (text, owner, due, visit)
    network: str | None = None
    logo: Any = None  # PIL image or path
    author: str = ""


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


def _synthesis(booklet: Booklet, language: str) -> list[Flowable]:
    tr = theme.translation(language)
    st = theme.styles()
    rs = report_styles()
    story: list[Flowable] = [
        Heading(tr.gettext(_SYNTHESIS), rs.h1, level=0, key="synthesis"),
        Paragraph(theme.markup(tr.gettext(_SYNTHESIS_INTRO)), st.note),
    ]
    for number, (label, items) in enumerate(booklet.synthesis):
        story.append(CondPageBreak(30 * mm))
        story.append(
            Heading(label or tr.gettext(_NO_CHALLENGE), rs.h2, level=1, key=f"synthesis-{number}")
        )
        for text, visit in items:
            story.append(
                Paragraph(
                    f"{theme.markup(text)} <font color='#52606d'><i>— "
                    f"{theme.markup(visit)}</i></font>",
                    rs.bullet,
                    bulletText="•",
                )
            )
    return story


def _open_actions(booklet: Booklet, language: str, width: float) -> list[Flowable]:
    tr = theme.translation(language)
    st = theme.styles()
    rs = report_styles()
    story: list[Flowable] = [Heading(tr.gettext(_OPEN_ACTIONS), rs.h1, level=0, key="actions")]
    if not booklet.open_actions:
        return [*story, Paragraph(theme.markup(tr.gettext(_NO_OPEN_ACTION)), st.note)]
    heads = [tr.gettext(_ACTION), tr.gettext(_OWNER), tr.gettext(_DUE), tr.gettext(_VISIT)]
    data: list[list[Any]] = [[Paragraph(theme.markup(h), st.head) for h in heads]]
    for row in booklet.open_actions:
        data.append([Paragraph(theme.markup(value), st.cell) for value in row])
    fixed = [34 * mm, 22 * mm, 48 * mm]
    widths = [width - sum(fixed), *fixed]
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT", splitByRow=1)
    table.setStyle(table_style())
    return [*story, Spacer(1, 2 * mm), table]


def build_booklet(
    path: str | os.PathLike[str],
    booklet: Booklet,
    *,
    language: str = "fr",
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Writes the booklet to ``path``; returns its number of pages."""
    tr = theme.translation(language)
    pagesize = A4
    width = pagesize[0] - 2 * theme.MARGIN
    doc = ReportTemplate(
        os.fspath(path),
        pagesize=pagesize,
        language=language,
        title=f"{booklet.title} — {booklet.period}",
        author=booklet.author or booklet.network or "",
        subject=tr.gettext(_SUBJECT).format(period=booklet.period),
        footer_left=f"{booklet.title} — {booklet.period}",
    )
    doc.toc = theme.table_of_contents()
    story: list[Flowable] = [*_cover(booklet, language, width), *_contents(language, doc.toc)]
    total = len(booklet.chapters)
    for number, report in enumerate(booklet.chapters, start=1):
        story.append(PageBreak())
        story += report_story(report, language=language, width=width, key=f"visit-{number}")
        if progress is not None:
            progress(number, total)
    story += [PageBreak(), *_synthesis(booklet, language)]
    story += [PageBreak(), *_open_actions(booklet, language, width)]
    return doc.build_all(story)
