"""The register of processing activities (RGPD art. 30) as a printable PDF.

Built from :class:`visitplanner.services.privacy.register.Register`: a header naming the
controller, then one two-column table per processing activity, and a box for what only
the association can fill in (its address, the person in charge, the signature).
"""

from __future__ import annotations

import os
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer, Table, TableStyle

from visitplanner.exchange.pdf import theme
from visitplanner.i18n import N_

_DOC_TITLE = N_("Register of processing activities")
_SUBTITLE = N_("General Data Protection Regulation, article 30 — pre-filled by Visit Planner")
_CONTROLLER = N_("Controller:")
_CONTACT = N_("Data protection contact:")
_UPDATED = N_("Updated on:")
_FACTS = N_("The catalogue holds {people} people and {events} events.")
_TO_FILL = N_("To be completed by the association")
_BLANKS = (
    N_("Address of the association"),
    N_("Person in charge of the register"),
    N_("Data protection officer (if any)"),
    N_("Date and signature"),
)
_UNNAMED = N_("(the organiser’s name is not set in the preferences)")


def build_register_pdf(path: str | os.PathLike[str], register: Any, *, language: str = "fr") -> int:
    """Writes the register to ``path``; returns its number of pages."""
    tr = theme.translation(language)
    t = tr.gettext
    st = theme.styles()
    width = A4[0] - 2 * theme.MARGIN

    def labelled(label: str, value: str) -> Paragraph:
        return Paragraph(f"<b>{theme.markup(t(label))}</b> {theme.markup(value)}", st.meta)

    story: list[Any] = [
        Paragraph(theme.markup(t(_DOC_TITLE)), st.doc_title),
        Paragraph(theme.markup(t(_SUBTITLE)), st.note),
        Spacer(1, 3 * mm),
        labelled(_CONTROLLER, register.controller or t(_UNNAMED)),
        labelled(_CONTACT, register.contact or "—"),
        labelled(_UPDATED, theme.long_date(register.updated, language)),
        Paragraph(
            theme.markup(t(_FACTS).format(people=register.people, events=register.events)),
            st.meta,
        ),
    ]
    for number, activity in enumerate(register.activities, start=1):
        story.append(CondPageBreak(60 * mm))
        story.append(Spacer(1, 5 * mm))
        story.append(Paragraph(theme.markup(f"{number}. {activity.name}"), st.title))
        data = [
            [Paragraph(theme.markup(field), st.head), Paragraph(theme.markup(value), st.cell)]
            for field, value in activity.rows
        ]
        table = Table(data, colWidths=[42 * mm, width - 42 * mm], hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), theme.FONT, 9),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BACKGROUND", (0, 0), (0, -1), theme.SHADE),
                    ("GRID", (0, 0), (-1, -1), 0.4, theme.RULE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 4),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        story.append(table)

    blanks = Table(
        [[Paragraph(theme.markup(t(label)), st.head), ""] for label in _BLANKS],
        colWidths=[60 * mm, width - 60 * mm],
        rowHeights=[12 * mm] * len(_BLANKS),
        hAlign="LEFT",
    )
    blanks.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), theme.FONT, 9),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("GRID", (0, 0), (-1, -1), 0.4, theme.RULE),
            ]
        )
    )
    story.append(
        KeepTogether(
            [
                Spacer(1, 6 * mm),
                Paragraph(theme.markup(t(_TO_FILL)), st.title),
                blanks,
            ]
        )
    )
    title = t(_DOC_TITLE)
    doc = theme.DocumentTemplate(
        os.fspath(path),
        pagesize=A4,
        language=language,
        title=title,
        author=register.controller,
        subject=t(_SUBTITLE),
        footer_left=f"{title} — {register.controller}" if register.controller else title,
    )
    return doc.build_all(story)
