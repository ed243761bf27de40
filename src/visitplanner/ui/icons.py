"""Icons by meaning, from one family (Material Design through qtawesome), tinted by the palette.

Looked up by a semantic name (``icons.get("person")``) so a page never names a
glyph, and drawn in the palette's text colour so they follow light and dark mode.
"""

from __future__ import annotations

import os
from functools import cache

from PySide6.QtGui import QIcon, QPalette
from PySide6.QtWidgets import QApplication

GLYPHS = {
    "dashboard": "mdi6.view-dashboard-outline",
    "dynamics": "mdi6.hub-outline",
    "hosts": "mdi6.home-city-outline",
    "people": "mdi6.account-group-outline",
    "events": "mdi6.calendar-month-outline",
    "debriefs": "mdi6.file-document-edit-outline",
    "log": "mdi6.book-open-page-variant-outline",
    "new": "mdi6.plus",
    "trash": "mdi6.trash-can-outline",
    "search": "mdi6.magnify",
    "undo": "mdi6.undo",
    "redo": "mdi6.redo",
}


@cache
def get(name: str) -> QIcon:
    os.environ.setdefault("QT_API", "pyside6")
    import qtawesome

    palette = QApplication.palette()
    return qtawesome.icon(
        GLYPHS[name],
        color=palette.color(QPalette.ColorRole.WindowText),
        color_active=palette.color(QPalette.ColorRole.HighlightedText),
        color_selected=palette.color(QPalette.ColorRole.HighlightedText),
    )
