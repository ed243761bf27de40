"""The reading view of the page "Shared story": the selected month told as flowing text."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QUrl
from PySide6.QtWidgets import (
    QMenu,
    QWidget,
)

from visitplanner.ui.pages.story_timeline import ROLE
from visitplanner.ui.story_views import StoryColours, month_name, story_html

READING_WIDTH = 820  # pixels: lines of a comfortable length for reading


class StoryReading:
    """The reading view of :class:`StoryPage`, a part of the page rather than a widget."""

    # --- reading view -------------------------------------------------------------------

    def _render(self) -> None:
        """Writes the selected month (or year) as text and brings the selected entry into view."""
        item = self.tree.currentItem()
        data = item.data(0, ROLE) if item is not None else None
        if not data:
            self.reader.clear()
            self.scope_label.clear()
            return
        kind, value = data
        if kind == "entry":
            chosen = self.entries[value]
            year, month = chosen.date.year, chosen.date.month
        elif kind == "month":
            year, month = value
        else:
            year, month = value, None
        shown = [
            e
            for e in self.entries.values()
            if e.date.year == year and (month is None or e.date.month == month)
        ]
        heading = month_name(year, month) if month else str(year)
        self.scope_label.setText(heading)
        side = max((self.reader.viewport().width() - READING_WIDTH) // 2, 12)
        width = max(self.reader.viewport().width() - 2 * side, 240)
        html = story_html(
            shown,
            StoryColours.from_palette(self.palette()),
            width,
            selected=value if kind == "entry" else None,
        )
        scroll = self.reader.verticalScrollBar().value() if self._scope == data else None
        self._scope = data
        self.reader.setHtml(html)
        # A column of readable width, centred, however wide the window is.
        frame = self.reader.document().rootFrame()
        layout = frame.frameFormat()
        layout.setLeftMargin(side)
        layout.setRightMargin(side)
        frame.setFrameFormat(layout)
        if kind == "entry":
            self.reader.scrollToAnchor(value)
        elif scroll is not None:
            self.reader.verticalScrollBar().setValue(scroll)

    def _link(self, url: QUrl) -> None:
        scheme, _sep, value = url.toString().partition(":")
        if scheme == "event" and value.isdigit():
            self.open_requested.emit("event", int(value))

    def _context_menu(self, widget: QWidget, position: QPoint) -> None:
        if widget is self.tree.viewport():
            item = self.tree.itemAt(position)
            if item is not None:
                self.tree.setCurrentItem(item)
        menu = QMenu(self)
        for action in (self.new_action, self.edit_action, self.history_action, self.delete_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.sync_action)
        menu.addAction(self.folder_action)
        menu.addMenu(self.export_menu)
        menu.exec(widget.mapToGlobal(position))
