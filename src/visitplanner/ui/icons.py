"""Icons by meaning, from one family (Material Design Icons), tinted by the palette.

Looked up by a semantic name (``icons.get("person")``) so a page never names a
glyph, and drawn in the palette's text colour so they follow light and dark mode.

The glyphs come from the Material Design Icons font that QtAwesome ships, drawn as
QtAwesome draws them (the glyph as text, 7/8 of the icon's height, centred) but
straight through Qt: importing QtAwesome (and qtpy with it) and loading its eleven
fonts cost half a second of the window's start, loading this one font 10 ms.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QIcon,
    QIconEngine,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import QApplication

from visitplanner.resources import frozen_root

# Semantic name -> (Material Design Icons name, code point in QtAwesome's "mdi6" font).
# tests/ui/test_icons.py checks the code points against the font's own charmap.
GLYPHS: dict[str, tuple[str, int]] = {
    "dashboard": ("view-dashboard-outline", 0xF0A1D),
    "dynamics": ("hub-outline", 0xF1C96),
    "hosts": ("home-city-outline", 0xF0D16),
    "people": ("account-group-outline", 0xF0B58),
    "events": ("calendar-month-outline", 0xF0E18),
    "debriefs": ("file-document-edit-outline", 0xF0DC9),
    "story": ("book-open-page-variant-outline", 0xF15D6),
    "report": ("chart-box-outline", 0xF154E),
    "new": ("plus", 0xF0415),
    "trash": ("trash-can-outline", 0xF0A7A),
    "search": ("magnify", 0xF0349),
    "undo": ("undo", 0xF054C),
    "redo": ("redo", 0xF044E),
    "edit": ("pencil-outline", 0xF0CB6),
    "history": ("history", 0xF02DA),
    "sync": ("sync", 0xF04E6),
    "export": ("export-variant", 0xF0B93),
    "folder": ("folder-sync-outline", 0xF0D0C),
    "folder-off": ("folder-remove-outline", 0xF0B9E),
    "open": ("open-in-new", 0xF03CC),
    "kind-visit": ("map-marker-path", 0xF0D20),
    "kind-seminar": ("account-group-outline", 0xF0B58),
    "kind-milestone": ("flag-outline", 0xF023D),
    "kind-decision": ("gavel", 0xF029B),
    "kind-note": ("note-text-outline", 0xF11D7),
}


# The font's file in QtAwesome's folder, whatever QtAwesome's version.
FONT_FILES = "materialdesignicons6-webfont-*.ttf"


def font_folder() -> Path:
    """QtAwesome's font folder, found without importing QtAwesome (nor qtpy)."""
    bundle = frozen_root()
    if bundle is not None:  # packaging/visitplanner.spec collects QtAwesome's data files
        return bundle / "qtawesome" / "fonts"
    spec = importlib.util.find_spec("qtawesome")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("QtAwesome's icon fonts are not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "fonts"


@cache
def font_family() -> str:
    """Loads the icon font once, on the first icon drawn; its family name."""
    files = sorted(font_folder().glob(FONT_FILES))
    font_id = QFontDatabase.addApplicationFont(str(files[-1])) if files else -1
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id != -1 else []
    if not families:
        raise RuntimeError(f"the icon font could not be loaded from {font_folder()}")
    return families[0]


class GlyphEngine(QIconEngine):
    """One glyph of the icon font, in one colour per mode (whether on or off)."""

    def __init__(self, char: str, colours: dict[QIcon.Mode, QColor]) -> None:
        super().__init__()
        self.char = char
        self.colours = colours

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        painter.save()
        painter.setPen(self.colours[mode])
        # 7/8 of the height, as QtAwesome: the glyph's bearings fill the rest.
        font = QFont()
        font.setFamily(font_family())
        font.setPixelSize(round(0.875 * rect.height()))
        painter.setFont(font)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.char)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return GlyphEngine(self.char, self.colours)


@cache
def get(name: str) -> QIcon:
    palette = QApplication.palette()
    text = palette.color(QPalette.ColorRole.ButtonText)
    # Active is the mode of a hovered or focused button, drawn on the button's own
    # background: it keeps the text colour (the highlight colour made it vanish there).
    # Selected is a selected row of a list, drawn on the highlight: its text colour.
    colours = {
        QIcon.Mode.Normal: text,
        QIcon.Mode.Active: text,
        QIcon.Mode.Selected: palette.color(QPalette.ColorRole.HighlightedText),
        QIcon.Mode.Disabled: palette.color(
            QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText
        ),
    }
    return QIcon(GlyphEngine(chr(GLYPHS[name][1]), colours))
