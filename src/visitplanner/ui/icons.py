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
    "report": "mdi6.chart-box-outline",
    "new": "mdi6.plus",
    "trash": "mdi6.trash-can-outline",
    "search": "mdi6.magnify",
    "undo": "mdi6.undo",
    "redo": "mdi6.redo",
    "edit": "mdi6.pencil-outline",
    "history": "mdi6.history",
    "sync": "mdi6.sync",
    "export": "mdi6.export-variant",
    "folder": "mdi6.folder-sync-outline",
    "folder-off": "mdi6.folder-remove-outline",
    "open": "mdi6.open-in-new",
    "kind-visit": "mdi6.map-marker-path",
    "kind-seminar": "mdi6.account-group-outline",
    "kind-milestone": "mdi6.flag-outline",
    "kind-decision": "mdi6.gavel",
    "kind-note": "mdi6.note-text-outline",
}


@cache
def get(name: str) -> QIcon:
    os.environ.setdefault("QT_API", "pyside6")
    import qtawesome

    palette = QApplication.palette()
    text = palette.color(QPalette.ColorRole.ButtonText)
    # Active is the mode of a hovered or focused button, drawn on the button's own
    # background: it keeps the text colour (the highlight colour made it vanish there).
    # Selected is a selected row of a list, drawn on the highlight: its text colour.
    return qtawesome.icon(
        GLYPHS[name],
        color=text,
        color_active=text,
        color_selected=palette.color(QPalette.ColorRole.HighlightedText),
        color_disabled=palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText),
    )
