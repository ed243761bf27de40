"""What every printed document shares: fonts, styles, page frame, "page X / Y", metadata, text.

No Qt and no database here: documents are built from plain values. Following the
design notes (PRINT.md): the bundled DejaVu family is embedded (the standard
Helvetica is neither embedded nor complete), every user string is escaped before
reportlab's mini-markup sees it, and a character the font lacks is replaced visibly.
"""

from __future__ import annotations

import gettext
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from babel.dates import format_date
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from visitplanner import __version__
from visitplanner.i18n import N_, translation_for
from visitplanner.resources import resource_path

# Photos and long tables build several times faster without ASCII85 encoding.
rl_config.useA85 = 0

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
FONT_BOLD_ITALIC = "DejaVuSans-BoldOblique"
_FONT_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
    FONT_BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}
REPLACEMENT = "\u25a1"  # WHITE SQUARE: a visible mark where the font has no glyph
# Invisible joiners and selectors that make up emoji sequences: dropped when the font lacks them.
_INVISIBLE = {"Cf", "Mn", "Me", "Sk"}

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#52606d")
RULE = colors.HexColor("#9aa5b1")
SHADE = colors.HexColor("#e4e7eb")
MARGIN = 15 * mm
_FROM_TO = N_("from {start} to {end}")
_PAGE = N_("page {page} / {total}")


@cache
def register_fonts() -> frozenset[int]:
    """Registers the bundled DejaVu family once; returns the code points the regular face has."""
    for name, filename in _FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC
    )
    face = pdfmetrics.getFont(FONT).face
    return frozenset(face.charToGlyph)


def printable(value: str | None) -> str:
    """The text as typed, with each character the font cannot draw replaced visibly."""
    if not value:
        return ""
    known = register_fonts()
    text = unicodedata.normalize("NFC", value)
    out: list[str] = []
    for char in text:
        code = ord(char)
        if code in known or char in "\n\t":
            out.append(char)
        elif unicodedata.category(char) in _INVISIBLE:
            continue
        else:
            out.append(REPLACEMENT)
    return "".join(out)


def markup(value: str | None) -> str:
    """A user string made safe for ``Paragraph``: printable, then escaped."""
    return escape(printable(value)).replace("\n", "<br/>")


@dataclass(frozen=True)
class Styles:
    doc_title: ParagraphStyle
    title: ParagraphStyle
    meta: ParagraphStyle
    note: ParagraphStyle
    cell: ParagraphStyle
    head: ParagraphStyle
    body: ParagraphStyle


@cache
def styles() -> Styles:
    register_fonts()
    base = ParagraphStyle("vp-body", fontName=FONT, fontSize=10, leading=13, textColor=INK)
    return Styles(
        doc_title=ParagraphStyle(
            "vp-doc-title", parent=base, fontName=FONT_BOLD, fontSize=16, leading=20, spaceAfter=2
        ),
        title=ParagraphStyle(
            "vp-title", parent=base, fontName=FONT_BOLD, fontSize=12, leading=15, spaceAfter=3
        ),
        meta=ParagraphStyle("vp-meta", parent=base, fontSize=9.5, leading=12.5),
        note=ParagraphStyle(
            "vp-note", parent=base, fontName=FONT_ITALIC, fontSize=9, leading=12, textColor=MUTED
        ),
        cell=ParagraphStyle("vp-cell", parent=base, fontSize=9, leading=11),
        head=ParagraphStyle("vp-head", parent=base, fontName=FONT_BOLD, fontSize=8.5, leading=10),
        body=base,
    )


# --- language ----------------------------------------------------------------------------


def table_of_contents() -> TableOfContents:
    """A table of contents set in the document's embedded font."""
    # Its table would otherwise set the standard (not embedded) Helvetica.
    return TableOfContents(
        dotsMinLevel=0,
        tableStyle=TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 10),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
    )


def translation(language: str) -> gettext.NullTranslations:
    """The catalogue of the document's language, whatever the interface shows."""
    return translation_for(language)


def pdf_lang(language: str) -> str:
    return {"fr": "fr-FR", "en": "en-GB"}.get(language, language)


def _babel(language: str) -> str:
    """Documents in English are British (``en-GB`` in their metadata): « Friday 31 December »."""
    return "en_GB" if language == "en" else language


def long_date(day: date, language: str) -> str:
    """``jeudi 11 février 2027``."""
    return format_date(day, "EEEE d MMMM y", locale=_babel(language))


def short_date(day: date, language: str) -> str:
    """``jeu. 11 févr.``."""
    return format_date(day, "EEE d MMM", locale=_babel(language))


def date_span(first: date, last: date, language: str, tr: gettext.NullTranslations) -> str:
    """One day written out, or ``du jeudi 11 février au samedi 13 février 2027``."""
    if first == last:
        return long_date(first, language)
    start = format_date(first, "EEEE d MMMM", locale=_babel(language))
    if first.year != last.year:
        start = long_date(first, language)
    return tr.gettext(_FROM_TO).format(start=start, end=long_date(last, language))


# --- page frame and numbering ------------------------------------------------------------


class PageTotal(Flowable):
    """Keeps ``multiBuild`` going until the page count is stable, for "page X / Y".

    The total printed on each page is the previous pass's count; no NumberedCanvas
    (it breaks bookmarks and contents links).
    """

    def __init__(self, doc: DocumentTemplate) -> None:
        super().__init__()
        self.doc = doc
        self.previous: int | None = None

    def isIndexing(self) -> int:
        return 1

    def isSatisfied(self) -> int:
        return int(self.previous is not None and self.previous == self.doc.total_pages)

    def beforeBuild(self) -> None:
        self.previous = self.doc.total_pages

    def afterBuild(self) -> None:
        self.doc.total_pages = self.doc.page

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        return None


PageDecorator = Callable[[Any, "DocumentTemplate"], None]


class DocumentTemplate(BaseDocTemplate):
    """A document in the bundled font, with metadata in its language and a numbered footer."""

    def __init__(
        self,
        target: Any,
        *,
        pagesize: tuple[float, float],
        language: str,
        title: str,
        author: str,
        subject: str,
        top: float = MARGIN,
        decorate: PageDecorator | None = None,
        footer_left: str = "",
    ) -> None:
        register_fonts()
        self.language = language
        self.tr = translation(language)
        self.total_pages: int | None = None
        self._decorate = decorate
        self._footer_left = printable(footer_left)
        super().__init__(
            target,
            pagesize=pagesize,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=top,
            bottomMargin=MARGIN + 4 * mm,
            title=printable(title),
            author=printable(author),
            subject=printable(subject),
            creator=f"Visit Planner {__version__}",
            producer=f"Visit Planner {__version__} (ReportLab)",
            lang=pdf_lang(language),
            displayDocTitle=True,
            initialFontName=FONT,
            initialFontSize=10,
        )
        frame = Frame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            self.height,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates([PageTemplate(id="body", frames=[frame], onPage=self._on_page)])

    def _on_page(self, canvas: Any, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        if self._decorate is not None:
            self._decorate(canvas, self)
        width, _height = self.pagesize
        y = MARGIN
        canvas.setFont(FONT, 8)
        canvas.setFillColor(MUTED)
        total = "…" if self.total_pages is None else str(self.total_pages)
        number = self.tr.gettext(_PAGE).format(page=doc.page, total=total)
        canvas.drawRightString(width - MARGIN, y, number)
        if self._footer_left:
            room = width - 2 * MARGIN - canvas.stringWidth(number, FONT, 8) - 10 * mm
            canvas.drawString(MARGIN, y, fit(self._footer_left, FONT, 8, room))
        canvas.restoreState()

    def build_all(self, story: list[Flowable]) -> int:
        """Builds until "page X / Y" is right; returns the number of pages."""
        self.multiBuild([PageTotal(self), *story])
        return int(self.page)


def fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut with an ellipsis to fit ``width`` points."""
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def draw_paragraphs(
    canvas: Any, items: list[Paragraph], x: float, top: float, width: float
) -> float:
    """Draws paragraphs downwards from ``top``; returns the y reached."""
    y = top
    for item in items:
        _w, h = item.wrapOn(canvas, width, 10_000)
        y -= h
        item.drawOn(canvas, x, y)
        y -= item.style.spaceAfter or 0
    return y


def paragraphs_height(items: list[Paragraph], width: float) -> float:
    total = 0.0
    for item in items:
        _w, h = item.wrap(width, 10_000)
        total += h + (item.style.spaceAfter or 0)
    return total
