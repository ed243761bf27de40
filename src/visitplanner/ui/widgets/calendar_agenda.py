"""The agenda of the calendar: the coming days as a tree of dated events."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import (
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from visitplanner.domain.enums import EventKind, EventStatus
from visitplanner.i18n import _
from visitplanner.services.events.planning import EventView
from visitplanner.ui.widgets.calendar_colours import (
    kind_swatch,
    struck,
)
from visitplanner.ui.widgets.calendar_words import (
    EVENT_ID,
    describe,
    kind_label,
    long_day,
    status_label,
    time_label,
)

# --- agenda ---------------------------------------------------------------------------------


class AgendaView(QTreeWidget):
    """The coming days that have events, each under its date, in the order they happen.

    Columns (time, title, kind, status) rather than one sentence per line, so the
    titles start at the same place whatever the time reads ("All day", "09:30 →").
    """

    event_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setColumnCount(4)
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setUniformRowHeights(False)
        self.setAllColumnsShowFocus(True)
        self.setIndentation(self.fontMetrics().horizontalAdvance("M"))
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.itemActivated.connect(self._activated)

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        event_id = item.data(0, EVENT_ID)
        if event_id is not None:
            self.event_activated.emit(int(event_id))

    def _fit_columns(self) -> None:
        """Widths from every possible label, not the ones shown: columns stay put when paging."""
        metrics = self.fontMetrics()
        em = metrics.horizontalAdvance("M")

        def widest(texts: Sequence[str]) -> int:
            return max(metrics.horizontalAdvance(text) for text in texts) + 2 * em

        times = ["00:00–00:00", "00:00 →", "→ 00:00", _("All day")]
        self.setColumnWidth(0, widest(times) + self.indentation() + metrics.height())
        self.setColumnWidth(2, widest([kind.label for kind in EventKind]))
        self.setColumnWidth(3, widest([status.label for status in EventStatus]))

    def show_days(self, days: Sequence[date], by_day: dict[date, list[EventView]]) -> None:
        self.clear()
        self._fit_columns()
        palette = self.palette()
        metrics = self.fontMetrics()
        size = metrics.height()
        bold = QFont(self.font())
        bold.setBold(True)
        for day in days:
            events = by_day.get(day, [])
            if not events:
                continue
            header = QTreeWidgetItem([long_day(day)])
            header.setFont(0, bold)
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)
            # Air above each date, as a printed agenda leaves it.
            header.setSizeHint(0, QSize(0, round(metrics.height() * 1.9)))
            header.setTextAlignment(0, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
            self.addTopLevelItem(header)
            header.setFirstColumnSpanned(True)
            for event in events:
                line = QTreeWidgetItem(
                    [
                        time_label(event, day),
                        event.title,
                        kind_label(event.kind),
                        status_label(event.status),
                    ]
                )
                line.setData(0, EVENT_ID, event.id)
                tip = "\n".join(describe(event))
                for column in range(4):
                    line.setToolTip(column, tip)
                line.setIcon(0, kind_swatch(event.kind, palette, size))
                line.setFont(1, struck(self.font(), event))
                header.addChild(line)
        if self.topLevelItemCount() == 0:
            empty = QTreeWidgetItem([_("No events in this period.")])
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addTopLevelItem(empty)
            empty.setFirstColumnSpanned(True)
        self.expandAll()

    def line_text(self, item: QTreeWidgetItem) -> str:
        """The line as a screen reader or a test reads it: "09:30–17:00  Title — Planned"."""
        return f"{item.text(0)}  {item.text(1)} — {item.text(3)}"

    def event_items(self) -> list[QTreeWidgetItem]:
        found = []
        for top in range(self.topLevelItemCount()):
            header = self.topLevelItem(top)
            found.extend(header.child(n) for n in range(header.childCount()))
        return found
