"""The Bilan page's tables: participants by territory, and the cooperation links.

The charts show the shape; these give every figure, as the PDF's tables do. A row
activated lists its records, like a bar of a chart.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QTabWidget, QTreeWidget, QTreeWidgetItem

from visitplanner.exchange.charts.model import Selection
from visitplanner.i18n import _

SELECTION = Qt.ItemDataRole.UserRole


def _tree(headers: list[str], name: str) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setHeaderLabels(headers)
    tree.setRootIsDecorated(False)
    tree.setAlternatingRowColors(True)
    tree.setAccessibleName(name)
    tree.setUniformRowHeights(True)
    tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    tree.header().setStretchLastSection(False)
    for column in range(1, len(headers)):
        tree.header().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    return tree


class ReportTables(QTabWidget):
    selected = Signal(object)  # Selection

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.territories = _tree(
            [_("Département"), _("Région"), _("Participants")], _("Participants by département")
        )
        self.links = _tree(
            [_("Visiting dynamic"), _("Visited dynamic"), _("Events")], _("Cooperation links")
        )
        self.links.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.addTab(self.territories, _("Participants by département"))
        self.addTab(self.links, _("Cooperation links"))
        self.setMinimumHeight(220)
        for tree in (self.territories, self.links):
            tree.itemActivated.connect(self._activated)
            tree.itemClicked.connect(self._activated)

    def _activated(self, item: QTreeWidgetItem) -> None:
        selection = item.data(0, SELECTION)
        if selection is not None:
            self.selected.emit(selection)

    def show_report(self, report, t) -> None:
        from visitplanner.services.reports.territories import departements

        table = departements()
        self.territories.clear()
        for code, count in sorted(report.territories.items(), key=lambda kv: -kv[1]):
            name = f"{code} {table[code].name}"
            item = QTreeWidgetItem([name, table[code].region, t.number(count)])
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setData(0, SELECTION, Selection("departement", code, name))
            self.territories.addTopLevelItem(item)
        self.links.clear()
        for link in report.links[:500]:
            a, b = report.names[link.from_id], report.names[link.to_id]
            item = QTreeWidgetItem([a, b, t.number(link.events)])
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setData(
                0, SELECTION, Selection("directed_link", (link.from_id, link.to_id), f"{a} → {b}")
            )
            self.links.addTopLevelItem(item)
