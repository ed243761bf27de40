"""The activity report for funders: cover, a one-page summary, then the detail.

Built from plain values (:class:`ReportDocument`): texts already in the
document's language, charts as definitions (drawn here with reportlab's own
graphics), tables as rows of text. reportlab cannot write a tagged PDF, so each
chart's alt text is printed under it as its description, where screen readers
and text extraction find it, and its figures follow in a table.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from visitplanner.exchange.charts.model import Chart, GraphChart, is_empty
from visitplanner.exchange.pdf import theme
from visitplanner.exchange.pdf.charts import chart_drawing
from visitplanner.exchange.pdf.debrief import Heading, ReportTemplate, report_styles, table_style
from visitplanner.i18n import N_

_KIND = N_("Activity report")
_SUMMARY = N_("Summary")
_DETAIL = N_("Detail")
_DESCRIPTION = N_("Description:")
_DEFINITIONS = N_("Definitions")
_SUBJECT = N_("Activity report: {period}")


@dataclass(frozen=True)
class DataTable:
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""
    numeric_from: int = 1  # columns from this one are right-aligned


@dataclass(frozen=True)
class ReportDocument:
    title: str
    period: str  # written out in the document's language
    generated: str  # "as of" line
    figures: tuple[tuple[str, str], ...]  # (label, value), the summary's tiles
    share_label: str
    share_value: str
    share_definition: str
    charts: tuple[Chart, ...]
    chart_tables: tuple[DataTable | None, ...]  # one per chart, its figures
    tables: tuple[DataTable, ...]  # territories, links...
    definitions: tuple[tuple[str, str], ...]
    network: str | None = None
    author: str = ""
    continuing: str = ""  # "3 of these organisations took part again after the period."


def _styles() -> dict[str, ParagraphStyle]:
    st = theme.styles()
    return {
        "cover": ParagraphStyle("vp-r-cover", parent=st.doc_title, fontSize=26, leading=32),
        "sub": ParagraphStyle("vp-r-sub", parent=st.title, fontSize=14, leading=18, spaceAfter=6),
        "meta": ParagraphStyle(
            "vp-r-meta", parent=st.meta, fontSize=11, leading=15, textColor=theme.MUTED
        ),
        "big": ParagraphStyle(
            "vp-r-big", parent=st.doc_title, fontSize=18, leading=21, alignment=1, spaceAfter=0
        ),
        "tile": ParagraphStyle(
            "vp-r-tile",
            parent=st.cell,
            fontSize=8.5,
            leading=10.5,
            alignment=1,
            textColor=theme.MUTED,
        ),
        "right": ParagraphStyle("vp-r-right", parent=st.cell, alignment=2),
    }


def _cover(doc: ReportDocument, tr: Any) -> list[Flowable]:
    s = _styles()
    story: list[Flowable] = [Spacer(1, 45 * mm)]
    story.append(Paragraph(theme.markup(tr.gettext(_KIND)), s["meta"]))
    story.append(Spacer(1, 3 * mm))
    story.append(Paragraph(theme.markup(doc.title), s["cover"]))
    story.append(Spacer(1, 4 * mm))
    story.append(Paragraph(theme.markup(doc.period), s["sub"]))
    if doc.network:
        story.append(Paragraph(theme.markup(doc.network), s["meta"]))
    story.append(Spacer(1, 10 * mm))
    story.append(Paragraph(theme.markup(doc.generated), s["meta"]))
    return [*story, PageBreak()]


def _tiles(doc: ReportDocument, width: float) -> Table:
    s = _styles()
    cells = [
        [Paragraph(theme.markup(value), s["big"]), Paragraph(theme.markup(label), s["tile"])]
        for label, value in doc.figures
    ]
    columns = 4
    rows = [cells[i : i + columns] for i in range(0, len(cells), columns)]
    rows[-1] += [""] * (columns - len(rows[-1]))
    table = Table(rows, colWidths=[width / columns] * columns, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), theme.FONT, 9),
                ("BOX", (0, 0), (-1, -1), 0.5, theme.RULE),
                ("INNERGRID", (0, 0), (-1, -1), 0.5, theme.RULE),
                ("BACKGROUND", (0, 0), (-1, -1), colors_shade()),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return table


def colors_shade() -> Any:
    from reportlab.lib import colors

    return colors.HexColor("#f5f7fa")


def _summary(doc: ReportDocument, tr: Any, width: float, language: str) -> list[Flowable]:
    st = theme.styles()
    rs = report_styles()
    story: list[Flowable] = [
        Heading(tr.gettext(_SUMMARY), rs.h1, level=0, key="summary"),
        Paragraph(theme.markup(doc.period), st.meta),
        Spacer(1, 4 * mm),
        _tiles(doc, width),
        Spacer(1, 2 * mm),
    ]
    if doc.continuing:
        story += [Paragraph(theme.markup(doc.continuing), st.note), Spacer(1, 2 * mm)]
    share = Table(
        [
            [
                Paragraph(theme.markup(doc.share_value), _styles()["big"]),
                Paragraph(
                    f"<b>{theme.markup(doc.share_label)}</b><br/>"
                    f"{theme.markup(doc.share_definition)}",
                    st.cell,
                ),
            ]
        ],
        colWidths=[32 * mm, width - 32 * mm],
        hAlign="LEFT",
    )
    share.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), theme.FONT, 9),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BOX", (0, 0), (-1, -1), 0.5, theme.RULE),
                ("BACKGROUND", (0, 0), (-1, -1), colors_shade()),
            ]
        )
    )
    story += [share, Spacer(1, 5 * mm)]
    half = (width - 6 * mm) / 2
    small = [c for c in doc.charts if c.key in ("quarters", "actors")]
    if small:
        heads = [Paragraph(theme.markup(c.title), rs.h2) for c in small]
        drawings = [chart_drawing(c, half, 62 * mm, language) for c in small]
        grid = Table([heads, drawings], colWidths=[half + 6 * mm, half][: len(small)])
        grid.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), theme.FONT, 9),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    *_no_padding(),
                ]
            )
        )
        story.append(grid)
    for chart in (c for c in doc.charts if c.key == "actions"):
        story += [
            Spacer(1, 4 * mm),
            Paragraph(theme.markup(chart.title), rs.h2),
            chart_drawing(chart, width, 38 * mm, language),
        ]
    return [*story, PageBreak()]


def _no_padding() -> list[tuple[Any, ...]]:
    return [
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ]


def data_table(table: DataTable, width: float) -> list[Flowable]:
    st = theme.styles()
    right = _styles()["right"]
    data: list[list[Any]] = [[Paragraph(theme.markup(h), st.head) for h in table.headers]]
    for row in table.rows:
        data.append(
            [
                Paragraph(theme.markup(v), right if i >= table.numeric_from else st.cell)
                for i, v in enumerate(row)
            ]
        )
    numeric = len(table.headers) - table.numeric_from
    number_w = 28 * mm
    first = width - numeric * number_w
    widths = [first / table.numeric_from] * table.numeric_from + [number_w] * numeric
    out = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT", splitByRow=1)
    out.setStyle(table_style())
    story: list[Flowable] = [out]
    if table.note:
        story.append(Paragraph(theme.markup(table.note), st.note))
    return story


def chart_flowables(
    chart: Chart, width: float, language: str, *, key: str, level: int = 1
) -> list[Flowable]:
    """A chart with its heading, note and printed description (its alt text), kept together.

    Shared with the booklet's synthesis.
    """
    tr = theme.translation(language)
    st = theme.styles()
    rs = report_styles()
    height = 125 * mm if isinstance(chart, GraphChart) else 72 * mm
    if is_empty(chart):
        height = 26 * mm if isinstance(chart, GraphChart) else 18 * mm  # legend and sentence
    parts: list[Flowable] = [
        Heading(chart.title, rs.h2, level=level, key=key),
        chart_drawing(chart, width, height, language),
        Spacer(1, 2 * mm),
    ]
    note = getattr(chart, "note", "")
    if note:
        parts.append(Paragraph(theme.markup(note), st.note))
    parts.append(
        Paragraph(
            f"<b>{theme.markup(tr.gettext(_DESCRIPTION))}</b> {theme.markup(chart.alt_text)}",
            st.note,
        )
    )
    return [CondPageBreak(height + 30 * mm), KeepTogether(parts)]


def _chart_section(
    chart: Chart, table: DataTable | None, number: int, width: float, language: str
) -> list[Flowable]:
    story = chart_flowables(chart, width, language, key=f"chart-{number}")
    if table is not None and table.rows:
        story += [Spacer(1, 2 * mm), *data_table(table, width)]
    return [*story, Spacer(1, 6 * mm)]


def build_report(path: str | os.PathLike[str], doc: ReportDocument, *, language: str = "fr") -> int:
    """Writes the report to ``path``; returns its number of pages."""
    tr = theme.translation(language)
    st = theme.styles()
    rs = report_styles()
    width = A4[0] - 2 * theme.MARGIN
    template = ReportTemplate(
        os.fspath(path),
        pagesize=A4,
        language=language,
        title=f"{doc.title} — {doc.period}",
        author=doc.author or doc.network or "",
        subject=tr.gettext(_SUBJECT).format(period=doc.period),
        footer_left=f"{doc.title} — {doc.period}",
    )
    story: list[Flowable] = [*_cover(doc, tr), *_summary(doc, tr, width, language)]
    story.append(Heading(tr.gettext(_DETAIL), rs.h1, level=0, key="detail"))
    for number, (chart, table) in enumerate(zip(doc.charts, doc.chart_tables, strict=True)):
        story += _chart_section(chart, table, number, width, language)
    for number, table in enumerate(doc.tables):
        story += [
            CondPageBreak(40 * mm),
            Heading(table.title, rs.h2, level=1, key=f"table-{number}"),
            *data_table(table, width),
            Spacer(1, 6 * mm),
        ]
    story += [CondPageBreak(50 * mm), Heading(tr.gettext(_DEFINITIONS), rs.h2, level=1, key="defs")]
    for term, text in doc.definitions:
        story.append(Paragraph(f"<b>{theme.markup(term)}</b> — {theme.markup(text)}", st.body))
        story.append(Spacer(1, 2 * mm))
    return template.build_all(story)
