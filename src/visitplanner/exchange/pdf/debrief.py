"""The debrief of one visit as a report: header, sections, quotes with consent, photos, actions.

Built from plain values (:class:`DebriefReport`); the service gathers them. The story
is shared with the booklet, which prints one report per chapter.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from visitplanner.exchange.pdf import theme
from visitplanner.i18n import N_

_DOC_TITLE = N_("Visit debrief")
_SUBJECT = N_("Debrief of the visit: {title}")
_DATE = N_("Date:")
_PLACE = N_("Place:")
_HOST = N_("Hosted by:")
_ORGANISER = N_("Organised by:")
_AUTHORS = N_("Written by:")
_DRAFT = N_("Draft: this debrief has not been finalised.")
_PRESENT = N_("Participants present")
_NO_ORGANISATION = N_("Without organisation")
_CONTEXT = N_("Context and visit question")
_QUESTION = N_("Visit question:")
_SAW = N_("What we saw")
_TAKEAWAYS = N_("Takeaways")
_NO_CHALLENGE = N_("No shared challenge")
_IDEAS = N_("Ideas to transpose")
_QUOTES = N_("Quotes")
_QUOTES_LEFT_OUT = N_(
    "{count} quote(s) left out: the people quoted have not agreed to be quoted in print."
)
_PHOTOS = N_("Photos")
_PHOTOS_LEFT_OUT = N_(
    "{count} photo(s) left out: people who appear on them or who came have not agreed "
    "to photos in this document."
)
_ACTIONS = N_("Follow-up actions")
_ACTION = N_("Action")
_OWNER = N_("Owner")
_DUE = N_("Due")
_DONE = N_("Done")
_YES = N_("yes")
_NO = N_("no")

PHOTO_WIDTH = 120 * mm
PHOTO_HEIGHT = 85 * mm


@dataclass(frozen=True)
class DebriefReport:
    title: str
    dates: str  # already written out in the document's language
    place: str | None = None
    host: str | None = None
    organiser: str | None = None
    visit_question: str | None = None
    draft: bool = False
    authors: tuple[str, ...] = ()
    # (organisation or "", names), in print order
    present: tuple[tuple[str, tuple[str, ...]], ...] = ()
    context: str | None = None
    what_we_saw: str | None = None
    ideas_to_transpose: str | None = None
    takeaways: tuple[tuple[str, str | None], ...] = ()  # (text, challenge label)
    quotes: tuple[tuple[str, str], ...] = ()  # (text, person), consent given
    quotes_left_out: int = 0
    photos: tuple[tuple[Any, str | None], ...] = ()  # (PIL image or path, caption)
    photos_left_out: int = 0  # without the consent of people on them, or who came
    actions: tuple[tuple[str, str, str, bool], ...] = ()  # (text, owner, due, done)
    extra: dict[str, Any] = field(default_factory=dict)


class Heading(Paragraph):
    """A heading that the document turns into a bookmark (and a contents entry when ``level`` 0)."""

    def __init__(self, text: str, style: ParagraphStyle, *, level: int, key: str) -> None:
        super().__init__(theme.markup(text), style)
        self.plain = theme.printable(text)
        self.level = level
        self.key = key


@dataclass(frozen=True)
class ReportStyles:
    h1: ParagraphStyle
    h2: ParagraphStyle
    quote: ParagraphStyle
    caption: ParagraphStyle
    bullet: ParagraphStyle


def report_styles() -> ReportStyles:
    st = theme.styles()
    return ReportStyles(
        h1=ParagraphStyle(
            "vp-h1", parent=st.doc_title, fontSize=17, leading=21, spaceAfter=4, spaceBefore=0
        ),
        h2=ParagraphStyle(
            "vp-h2",
            parent=st.title,
            fontSize=12,
            leading=15,
            spaceBefore=9,
            spaceAfter=4,
            textColor=theme.INK,
        ),
        quote=ParagraphStyle(
            "vp-quote",
            parent=st.body,
            fontName=theme.FONT_ITALIC,
            leftIndent=8 * mm,
            rightIndent=8 * mm,
            spaceAfter=2,
        ),
        caption=ParagraphStyle(
            "vp-caption", parent=st.note, alignment=1, spaceBefore=2, spaceAfter=8
        ),
        bullet=ParagraphStyle(
            "vp-bullet",
            parent=st.body,
            leftIndent=5 * mm,
            bulletIndent=0,
            bulletFontName=theme.FONT,
            spaceAfter=3,
        ),
    )


BULLETS = ("- ", "* ", "• ", "– ")


def _text_block(text: str | None, style: ParagraphStyle) -> list[Flowable]:
    """One paragraph per typed paragraph (blank lines), line breaks kept; lines that
    start with "- ", "* " or "• " print as a bullet list (the editor's simple rich text)."""
    if not text or not text.strip():
        return []
    item_style = ParagraphStyle(
        f"{style.name}-item", parent=style, leftIndent=5 * mm, bulletIndent=1 * mm
    )
    out: list[Flowable] = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        if not block.strip():
            continue
        lines: list[str] = []
        for line in block.strip("\n").split("\n"):
            if line.lstrip().startswith(BULLETS):
                if lines:
                    out.append(Paragraph(theme.markup("\n".join(lines)), style))
                    lines = []
                item = line.lstrip()[2:].strip()
                out.append(Paragraph(theme.markup(item), item_style, bulletText="•"))
            else:
                lines.append(line)
        if lines:
            out.append(Paragraph(theme.markup("\n".join(lines)), style))
        out.append(Spacer(1, 2.5 * mm))
    return out


def photo_flowable(source: Any, max_width: float) -> Image:
    """A photo scaled to fit: a JPEG file is copied into the PDF as it is, never decoded;
    a PIL image is encoded once as a JPEG."""
    if isinstance(source, str | Path):
        path = str(source)
        iw, ih = ImageReader(path).getSize()
        scale = min(max_width / iw, PHOTO_HEIGHT / ih)
        return Image(path, width=iw * scale, height=ih * scale, lazy=2)
    if hasattr(source, "save"):
        data = io.BytesIO()
        source.save(data, "JPEG", quality=85)
        data.seek(0)
        source = data
    iw, ih = ImageReader(source).getSize()
    if hasattr(source, "seek"):
        source.seek(0)
    scale = min(max_width / iw, PHOTO_HEIGHT / ih)
    return Image(source, width=iw * scale, height=ih * scale)


def report_story(
    report: DebriefReport,
    *,
    language: str,
    width: float,
    key: str = "debrief",
    level: int = 0,
) -> list[Flowable]:
    """The report's flowables: used alone (one debrief) or as a booklet chapter."""
    tr = theme.translation(language)
    st = theme.styles()
    rs = report_styles()
    g = tr.gettext

    def labelled(label: str, value: str | None) -> Paragraph:
        return Paragraph(f"<b>{theme.markup(g(label))}</b> {theme.markup(value)}", st.meta)

    def section(label: str, number: int) -> list[Flowable]:
        return [
            CondPageBreak(30 * mm),
            Heading(g(label), rs.h2, level=level + 1, key=f"{key}-s{number}"),
        ]

    story: list[Flowable] = [Heading(report.title, rs.h1, level=level, key=key)]
    story.append(labelled(_DATE, report.dates))
    if report.place:
        story.append(labelled(_PLACE, report.place))
    if report.host:
        story.append(labelled(_HOST, report.host))
    if report.organiser:
        story.append(labelled(_ORGANISER, report.organiser))
    if report.authors:
        story.append(labelled(_AUTHORS, ", ".join(report.authors)))
    if report.draft:
        story.append(Paragraph(theme.markup(g(_DRAFT)), st.note))
    story.append(Spacer(1, 2 * mm))
    story.append(_Rule(width))

    if report.present:
        story += section(_PRESENT, 1)
        for organisation, names in report.present:
            org = organisation or g(_NO_ORGANISATION)
            story.append(
                Paragraph(
                    f"<b>{theme.markup(org)}</b> — {theme.markup(', '.join(names))}", rs.bullet
                )
            )

    if report.context or report.visit_question:
        story += section(_CONTEXT, 2)
        if report.visit_question:
            story.append(labelled(_QUESTION, report.visit_question))
            story.append(Spacer(1, 2.5 * mm))
        story += _text_block(report.context, st.body)

    if report.what_we_saw:
        story += section(_SAW, 3)
        story += _text_block(report.what_we_saw, st.body)

    if report.takeaways:
        story += section(_TAKEAWAYS, 4)
        for text, challenge in report.takeaways:
            label = challenge or g(_NO_CHALLENGE)
            story.append(
                Paragraph(
                    f"{theme.markup(text)} <font color='#52606d'><i>"
                    f"({theme.markup(label)})</i></font>",
                    rs.bullet,
                    bulletText="•",
                )
            )

    if report.ideas_to_transpose:
        story += section(_IDEAS, 5)
        story += _text_block(report.ideas_to_transpose, st.body)

    if report.quotes or report.quotes_left_out:
        story += section(_QUOTES, 6)
        for text, person in report.quotes:
            story.append(
                KeepTogether(
                    [
                        Paragraph(theme.markup(text), rs.quote),
                        Paragraph(f"— {theme.markup(person)}", _right(rs.quote)),
                        Spacer(1, 2 * mm),
                    ]
                )
            )
        if report.quotes_left_out:
            note = g(_QUOTES_LEFT_OUT).format(count=report.quotes_left_out)
            story.append(Paragraph(theme.markup(note), st.note))

    if report.photos or report.photos_left_out:
        story += section(_PHOTOS, 7)
        for source, caption in report.photos:
            parts: list[Flowable] = [photo_flowable(source, min(PHOTO_WIDTH, width))]
            if caption:
                parts.append(Paragraph(theme.markup(caption), rs.caption))
            else:
                parts.append(Spacer(1, 6 * mm))
            story.append(KeepTogether(parts))
        if report.photos_left_out:
            note = g(_PHOTOS_LEFT_OUT).format(count=report.photos_left_out)
            story.append(Paragraph(theme.markup(note), st.note))

    if report.actions:
        story += section(_ACTIONS, 8)
        story.append(actions_table(report.actions, language=language, width=width))
    return story


def _right(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-right", parent=style, alignment=2, fontName=theme.FONT)


class _Rule(Flowable):
    def __init__(self, width: float) -> None:
        super().__init__()
        self.width = width

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return available_width, 2 * mm

    def draw(self) -> None:
        self.canv.setStrokeColor(theme.RULE)
        self.canv.setLineWidth(0.6)
        self.canv.line(0, 1 * mm, self.width, 1 * mm)


def table_style() -> TableStyle:
    return TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), theme.FONT, 9),
            ("TEXTCOLOR", (0, 0), (-1, -1), theme.INK),
            ("BACKGROUND", (0, 0), (-1, 0), theme.SHADE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("GRID", (0, 0), (-1, -1), 0.5, theme.RULE),
            ("LINEBELOW", (0, 0), (-1, 0), 1, theme.INK),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
    )


def actions_table(
    actions: tuple[tuple[str, str, str, bool], ...], *, language: str, width: float
) -> Table:
    tr = theme.translation(language)
    st = theme.styles()
    heads = [tr.gettext(_ACTION), tr.gettext(_OWNER), tr.gettext(_DUE), tr.gettext(_DONE)]
    data: list[list[Any]] = [[Paragraph(theme.markup(h), st.head) for h in heads]]
    for text, owner, due, done in actions:
        data.append(
            [
                Paragraph(theme.markup(text), st.cell),
                Paragraph(theme.markup(owner), st.cell),
                Paragraph(theme.markup(due), st.cell),
                Paragraph(theme.markup(tr.gettext(_YES if done else _NO)), st.cell),
            ]
        )
    fixed = [40 * mm, 30 * mm, 16 * mm]
    table = Table(
        data, colWidths=[width - sum(fixed), *fixed], repeatRows=1, hAlign="LEFT", splitByRow=1
    )
    table.setStyle(table_style())
    return table


class ReportTemplate(theme.DocumentTemplate):
    """Turns :class:`Heading` flowables into PDF bookmarks (and contents entries at level 0)."""

    toc: Any = None  # the booklet's TableOfContents; none for a single debrief

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Heading):
            self.canv.bookmarkPage(flowable.key)
            self.canv.addOutlineEntry(flowable.plain, flowable.key, flowable.level, closed=True)
            if self.toc is not None and flowable.level == 0:
                # Contents entries are parsed as markup again: escape them.
                entry = (flowable.level, theme.markup(flowable.plain), self.page, flowable.key)
                self.toc.notify("TOCEntry", entry)


def build_debrief(
    path: str | os.PathLike[str], report: DebriefReport, *, language: str = "fr"
) -> int:
    """Writes the debrief report to ``path``; returns its number of pages."""
    tr = theme.translation(language)
    pagesize = A4
    width = pagesize[0] - 2 * theme.MARGIN
    doc = ReportTemplate(
        os.fspath(path),
        pagesize=pagesize,
        language=language,
        title=f"{tr.gettext(_DOC_TITLE)} — {report.title}",
        author=", ".join(report.authors) or report.organiser or "",
        subject=tr.gettext(_SUBJECT).format(title=report.title),
        footer_left=f"{tr.gettext(_DOC_TITLE)} — {report.title}",
    )
    story: list[Flowable] = [
        Paragraph(theme.markup(tr.gettext(_DOC_TITLE)), theme.styles().note),
        *report_story(report, language=language, width=width),
    ]
    return doc.build_all(story)
