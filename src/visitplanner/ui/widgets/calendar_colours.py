"""Colours of the calendar, taken from the palette at paint time so dark mode follows."""

from __future__ import annotations

from PySide6.QtCore import (
    QRectF,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QIcon,
    QPainter,
    QPalette,
    QPixmap,
)

from visitplanner.domain.enums import EventStatus
from visitplanner.services.events.planning import EventView

# Mid-tone hues that read both as a stripe on white and on a dark base.
KIND_COLOURS = {
    "visit": "#2e9d5b",
    "seminar": "#3b73d9",
    "meeting": "#d08a00",
    "workshop": "#a64fc9",
}

# --- colours ------------------------------------------------------------------------------


def kind_colour(kind: str, palette: QPalette) -> QColor:
    value = KIND_COLOURS.get(kind)
    return QColor(value) if value else palette.color(QPalette.ColorRole.Mid)


def mix(colour: QColor, base: QColor, amount: float) -> QColor:
    """``amount`` of ``colour`` over ``base``: a tint that keeps the palette's text readable."""
    return QColor.fromRgbF(
        colour.redF() * amount + base.redF() * (1 - amount),
        colour.greenF() * amount + base.greenF() * (1 - amount),
        colour.blueF() * amount + base.blueF() * (1 - amount),
    )


def kind_swatch(kind: str, palette: QPalette, size: int) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(kind_colour(kind, palette))
    inset = max(1, size // 6)
    painter.drawRoundedRect(QRectF(inset, inset, size - 2 * inset, size - 2 * inset), 2, 2)
    painter.end()
    return QIcon(pixmap)


def struck(font: QFont, event: EventView) -> QFont:
    """A cancelled event is struck through, as calendars do; its status says so in words too."""
    if event.status == EventStatus.CANCELLED.value:
        font = QFont(font)
        font.setStrikeOut(True)
    return font
