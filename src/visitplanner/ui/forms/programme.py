"""The programme of an event: timed items, reordered by drag and drop."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.errors import ValidationError
from visitplanner.i18n import _
from visitplanner.services.planning import ProgrammeItemInput, ProgrammeItemView

COLUMNS = (
    lambda: _("Start"),
    lambda: _("End"),
    lambda: _("Title"),
    lambda: _("Speaker"),
)


def _cell(moment: datetime | None, first_day: date | None) -> str:
    if moment is None:
        return ""
    if first_day is not None and moment.date() == first_day:
        return moment.strftime("%H:%M")
    return moment.strftime("%Y-%m-%d %H:%M")


class ProgrammeEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first_day: date | None = None
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(_("Programme"))
        self.tree.setHeaderLabels([c() for c in COLUMNS])
        self.tree.setRootIsDecorated(False)
        self.tree.setColumnWidth(0, 90)
        self.tree.setColumnWidth(1, 90)
        self.tree.setColumnWidth(2, 280)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.tree.itemChanged.connect(lambda *_args: self.changed.emit())
        self.tree.model().rowsMoved.connect(lambda *_args: self.changed.emit())

        self.add_button = QPushButton(_("Add an item"))
        self.add_button.setAccessibleName(_("Add a programme item"))
        self.add_button.clicked.connect(self.add_item)
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.setAccessibleName(_("Remove the programme item"))
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button = QPushButton(_("Move up"))
        self.up_button.setAccessibleName(_("Move the item up"))
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button = QPushButton(_("Move down"))
        self.down_button.setAccessibleName(_("Move the item down"))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)

    def _new_row(self, values: list[str]) -> QTreeWidgetItem:
        item = QTreeWidgetItem(values)
        item.setFlags(
            (item.flags() | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDragEnabled)
            & ~Qt.ItemFlag.ItemIsDropEnabled
        )
        return item

    def load(self, items: tuple[ProgrammeItemView, ...], first_day: date | None) -> None:
        self.first_day = first_day
        self.tree.blockSignals(True)
        self.tree.clear()
        for item in items:
            self.tree.addTopLevelItem(
                self._new_row(
                    [
                        _cell(item.start, first_day),
                        _cell(item.end, first_day),
                        item.title,
                        item.speaker or "",
                    ]
                )
            )
        self.tree.blockSignals(False)

    def add_item(self) -> None:
        item = self._new_row(["", "", _("New item"), ""])
        self.tree.addTopLevelItem(item)
        self.tree.setCurrentItem(item)
        self.tree.editItem(item, 2)
        self.changed.emit()

    def remove_current(self) -> None:
        item = self.tree.currentItem()
        if item is not None:
            self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(item))
            self.changed.emit()

    def move_current(self, step: int) -> None:
        item = self.tree.currentItem()
        if item is None:
            return
        row = self.tree.indexOfTopLevelItem(item)
        target = row + step
        if 0 <= target < self.tree.topLevelItemCount():
            self.tree.takeTopLevelItem(row)
            self.tree.insertTopLevelItem(target, item)
            self.tree.setCurrentItem(item)
            self.changed.emit()

    def _moment(self, text: str, line: int) -> str | None:
        value = text.strip()
        if not value:
            return None
        try:
            if len(value) <= 5:
                hours, minutes = value.replace("h", ":").split(":")
                if self.first_day is None:
                    raise ValueError
                moment = datetime.combine(self.first_day, datetime.min.time()).replace(
                    hour=int(hours), minute=int(minutes or 0)
                )
            else:
                moment = datetime.fromisoformat(value)
        except ValueError:
            raise ValidationError(
                _("programme"),
                _("line {n}: “{value}” is not a time like 09:30.").format(n=line, value=value),
            ) from None
        return moment.isoformat(timespec="minutes")

    def items(self) -> list[ProgrammeItemInput]:
        found = []
        for row in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(row)
            found.append(
                ProgrammeItemInput(
                    title=item.text(2),
                    start=self._moment(item.text(0), row + 1),
                    end=self._moment(item.text(1), row + 1),
                    speaker=item.text(3).strip() or None,
                )
            )
        return found
