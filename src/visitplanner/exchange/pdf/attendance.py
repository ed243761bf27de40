"""The attendance sheet ("feuille d'émargement"): one row per expected person, a box per half-day.

Built from plain values (:class:`AttendanceSheet`); the service gathers them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from visitplanner.exchange.pdf import theme
from visitplanner.i18n import N_

ROW_HEIGHT = 11 * mm  # room for a pen
PAD = 3
_DOC_TITLE = N_("Attendance sheet")
_DATE = N_("Date:")
_PLACE = N_("Place:")
_ORGANISER = N_("Organised by:")
_NAME = N_("Name")
_ORGANISATION = N_("Home organisation")
_ROLE = N_("Role")
_HALF = {"am": N_("morning"), "pm": N_("afternoon")}
_SIGNATURE = N_("Organiser’s signature")
_SUBJECT = N_("Attendance sheet: {title}")


@dataclass(frozen=True)
class AttendanceSheet:
    title: str
    dates: str  # already written out in the document's language
    place: str | None
    organiser: str | None
    half_days: tuple[tuple[date, str], ...]
    rows: tuple[tuple[str, str, str], ...]  # (name, organisation, role label), in print order
    funder: str | None = None
    blank_rows: int = 5


def _column_widths(available: float, halves: int) -> list[float]:
    """Name, organisation, role, then equal signature boxes (about 3 cm when there is room)."""
    text = [52 * mm, 44 * mm, 26 * mm]
    if not halves:
        return [w * available / sum(text) for w in text]
    text_total = min(sum(text), max(84 * mm, available - 32 * mm * halves))
    scaled = [w * text_total / sum(text) for w in text]
    return scaled + [(available - text_total) / halves] * halves


def build_attendance(
    path: str | os.PathLike[str], sheet: AttendanceSheet, *, language: str = "fr"
) -> int:
    """Writes the sheet to ``path``; returns its number of pages."""
    tr = theme.translation(language)
    st = theme.styles()
    pagesize = landscape(A4) if len(sheet.half_days) > 2 else A4
    width = pagesize[0] - 2 * theme.MARGIN

    def labelled(label: str, value: str | None) -> str:
        return f"<b>{theme.markup(tr.gettext(label))}</b> {theme.markup(value)}"

    header = [
        Paragraph(theme.markup(tr.gettext(_DOC_TITLE)), st.doc_title),
        Paragraph(theme.markup(sheet.title), st.title),
        Paragraph(labelled(_DATE, sheet.dates), st.meta),
    ]
    if sheet.place:
        header.append(Paragraph(labelled(_PLACE, sheet.place), st.meta))
    if sheet.organiser:
        header.append(Paragraph(labelled(_ORGANISER, sheet.organiser), st.meta))
    if sheet.funder:
        header.append(Paragraph(theme.markup(sheet.funder), st.note))
    header_height = theme.paragraphs_height(header, width)
    top = theme.MARGIN + header_height + 6 * mm

    def decorate(canvas: Any, doc: theme.DocumentTemplate) -> None:
        page_height = doc.pagesize[1]
        y = theme.draw_paragraphs(canvas, header, theme.MARGIN, page_height - theme.MARGIN, width)
        canvas.setStrokeColor(theme.RULE)
        canvas.setLineWidth(0.6)
        canvas.line(theme.MARGIN, y - 2.5 * mm, theme.MARGIN + width, y - 2.5 * mm)

    doc = theme.DocumentTemplate(
        os.fspath(path),
        pagesize=pagesize,
        language=language,
        title=f"{tr.gettext(_DOC_TITLE)} — {sheet.title}",
        author=sheet.organiser or "",
        subject=tr.gettext(_SUBJECT).format(title=sheet.title),
        top=top,
        decorate=decorate,
        footer_left=f"{tr.gettext(_DOC_TITLE)} — {sheet.title}",
    )

    heads = [tr.gettext(_NAME), tr.gettext(_ORGANISATION), tr.gettext(_ROLE)]
    for day, half in sheet.half_days:
        heads.append(f"{theme.short_date(day, language)} — {tr.gettext(_HALF[half])}")
    data: list[list[Any]] = [[Paragraph(theme.markup(h), st.head) for h in heads]]
    # A spacer in the first box gives every row at least a pen's height; longer text grows it.
    floor = ROW_HEIGHT - 2 * PAD
    boxes = len(sheet.half_days)

    def row(cells: list[Any]) -> list[Any]:
        if boxes:
            return [*cells, Spacer(1, floor), *([""] * (boxes - 1))]
        return [*cells[:-1], [cells[-1], Spacer(1, floor)]]

    for name, organisation, role in sheet.rows:
        data.append(
            row(
                [
                    Paragraph(theme.markup(name), st.cell),
                    Paragraph(theme.markup(organisation), st.cell),
                    Paragraph(theme.markup(role), st.cell),
                ]
            )
        )
    for _ in range(max(0, sheet.blank_rows)):
        data.append(row(["", "", ""]))

    table = Table(
        data, colWidths=_column_widths(width, boxes), repeatRows=1, hAlign="LEFT", splitByRow=1
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), theme.FONT, 9),
                ("TEXTCOLOR", (0, 0), (-1, -1), theme.INK),
                ("BACKGROUND", (0, 0), (-1, 0), theme.SHADE),
                ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
                ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
                ("GRID", (0, 0), (-1, -1), 0.5, theme.RULE),
                ("LINEBELOW", (0, 0), (-1, 0), 1, theme.INK),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), PAD),
                ("BOTTOMPADDING", (0, 0), (-1, -1), PAD),
            ]
        )
    )

    signature_label = Paragraph(f"<b>{theme.markup(tr.gettext(_SIGNATURE))}</b>", st.meta)
    signer = Paragraph(theme.markup(sheet.organiser), st.meta)
    signature = Table(
        [[[signature_label, Spacer(1, 1.5 * mm), signer], ""]],
        colWidths=[70 * mm, 80 * mm],
        rowHeights=[26 * mm],
        hAlign="LEFT",
    )
    signature.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), theme.FONT, 9.5),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOX", (1, 0), (1, 0), 0.6, theme.RULE),
                ("LEFTPADDING", (0, 0), (0, 0), 0),
            ]
        )
    )
    story = [table, KeepTogether([Spacer(1, 8 * mm), signature])]
    return doc.build_all(story)
