"""The dashboard: upcoming events, replies awaited, overdue actions, latest story entries."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from visitplanner.i18n import _, ngettext, number
from visitplanner.services.changes import Changes
from visitplanner.store.database import Catalogue
from visitplanner.ui.pages.catalogue_page import page_title
from visitplanner.ui.tasks import after_first_paint

TARGET = Qt.ItemDataRole.UserRole


class DashboardPage(QWidget):
    open_requested = Signal(str, object)  # kind ("event", "story"), id or uuid
    figure_requested = Signal(object, object, object)  # first day, last day, Selection

    def __init__(
        self, catalogue: Catalogue, parent: QWidget | None = None, *, zone: str = "Europe/Paris"
    ) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.upcoming = self._panel(_("Upcoming events"))
        self.awaited = self._panel(_("Replies awaited"))
        self.overdue = self._panel(_("Overdue follow-up actions"))
        self.latest = self._panel(_("Latest entries of the shared story"))
        grid = QGridLayout()
        for position, widget in enumerate((self.upcoming, self.awaited, self.overdue, self.latest)):
            box = QGroupBox(widget.accessibleName())
            inner = QVBoxLayout(box)
            inner.addWidget(widget)
            grid.addWidget(box, position // 2, position % 2)
        from visitplanner.ui.pages.year_figures import YearFigures

        self.figures = YearFigures(catalogue, zone)  # the year's days in Preferences' zone
        self.figures.figure_requested.connect(self.figure_requested)
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(_("Dashboard")))
        layout.addWidget(self.figures)
        layout.addLayout(grid, 1)
        # Its queries wait for its first paint: the window shows at once, then fills.
        after_first_paint(self, self.refresh)

    def _panel(self, title: str) -> QListWidget:
        panel = QListWidget()
        panel.setAccessibleName(title)
        panel.setWordWrap(True)
        panel.itemActivated.connect(self._activated)
        panel.itemClicked.connect(self._activated)
        return panel

    def _activated(self, item: QListWidgetItem) -> None:
        target = item.data(TARGET)
        if target:
            self.open_requested.emit(*target)

    @staticmethod
    def _add(panel: QListWidget, text: str, target: tuple[str, object] | None) -> None:
        item = QListWidgetItem(text)
        item.setData(TARGET, target)
        if target is None:
            item.setFlags(Qt.ItemFlag.NoItemFlags)
        panel.addItem(item)

    # --- the page protocol (ui.pages.protocol) -----------------------------------------

    def on_changes(self, changes: Changes) -> None:
        """Every figure may count what changed: the whole dashboard is read again."""
        self.refresh()

    def confirm_leave(self) -> bool:
        return True  # nothing typed here

    def flush(self) -> None:
        pass  # nothing typed here

    def refresh(self) -> None:
        from visitplanner.services.dashboard import dashboard
        from visitplanner.ui.formats import day, when

        if self.figures.report is not None:  # the first figures come after the first paint
            self.figures.refresh()
        data = dashboard(self.catalogue)
        for panel in (self.upcoming, self.awaited, self.overdue, self.latest):
            panel.clear()
        for event in data.upcoming:
            self._add(self.upcoming, f"{when(event.start)} — {event.title}", ("event", event.id))
        for group in data.awaited:
            text = ngettext(
                "{title}: {n} reply awaited", "{title}: {n} replies awaited", group.count
            ).format(title=group.title, n=number(group.count))
            self._add(self.awaited, text, ("event", group.event_id))
        for action in data.overdue:
            owner = f" ({action.owner_name})" if action.owner_name else ""
            due = day(action.due_date) if action.due_date else ""
            text = f"{due} — {action.text}{owner}"
            self._add(self.overdue, text, ("event", action.event_id))
        for entry in data.latest_story:
            self._add(self.latest, f"{day(entry.date)} — {entry.title}", ("story", entry.uuid))
        empty = (
            (self.upcoming, _("No upcoming event.")),
            (self.awaited, _("No reply awaited.")),
            (self.overdue, _("No overdue action.")),
            (self.latest, _("The shared story has no entry yet.")),
        )
        for panel, text in empty:
            if not panel.count():
                self._add(panel, text, None)
