"""The programme of an event: timed items, reordered by drag and drop."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.errors import ValidationError
from visitplanner.i18n import _
from visitplanner.services.events.planning import ProgrammeItemInput, ProgrammeItemView
from visitplanner.ui.forms.limits import LimitedDelegate, column_length

DEFAULT_DURATION = timedelta(minutes=30)  # a talk, a tour of a workshop: adjust as needed

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


class ProgrammeTree(QTreeWidget):
    """The programme as a small spreadsheet: Return and Tab go from cell to cell.

    Return commits the cell being edited and moves to the next one (the next
    line after the last column); on a cell not being edited it starts editing.
    Tab in a cell edits the next one; on the table itself, Tab goes on to the
    buttons as everywhere else. Return never leaves the table, so it can never
    switch the editor's tabs.
    """

    def _editable(self) -> bool:
        return self.editTriggers() != QAbstractItemView.EditTrigger.NoEditTriggers

    def _next_cell(self, index: QModelIndex) -> QModelIndex:
        if index.column() + 1 < self.columnCount():
            return index.siblingAtColumn(index.column() + 1)
        below = self.indexBelow(index.siblingAtColumn(0))
        return below if below.isValid() else index

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            index = self.currentIndex()
            if index.isValid() and self._editable():
                if self.state() == QAbstractItemView.State.EditingState:
                    self.setCurrentIndex(self._next_cell(index))
                else:
                    self.edit(index)
            event.accept()
            return
        super().keyPressEvent(event)

    def _previous_cell(self, index: QModelIndex) -> QModelIndex:
        if index.column() > 0:
            return index.siblingAtColumn(index.column() - 1)
        above = self.indexAbove(index)
        return above.siblingAtColumn(self.columnCount() - 1) if above.isValid() else index

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """Return: on to the next cell; Tab and Shift+Tab: edit the next or previous cell."""
        hints = QAbstractItemDelegate.EndEditHint
        if hint not in (hints.SubmitModelCache, hints.EditNextItem, hints.EditPreviousItem):
            super().closeEditor(editor, hint)
            return
        index = self.currentIndex()
        super().closeEditor(editor, hints.NoHint)
        target = (
            self._previous_cell(index) if hint == hints.EditPreviousItem else self._next_cell(index)
        )
        self.setCurrentIndex(target)
        if hint != hints.SubmitModelCache and target != index:
            self.edit(target)

    def cancel_edit(self) -> None:
        editor = self.indexWidget(self.currentIndex()) or self.focusWidget()
        if editor is not None and editor is not self:
            self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)
        self.setFocus()


class ProgrammeEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first_day: date | None = None
        self.event_start: datetime | None = None  # where the first item starts by default
        self.tree = ProgrammeTree()
        length = column_length("ProgrammeItem", "title")
        self.tree.setItemDelegate(LimitedDelegate({2: length, 3: length}, self.tree))
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.tree.setAccessibleName(_("Programme"))
        self.tree.setHeaderLabels([c() for c in COLUMNS])
        self.tree.setRootIsDecorated(False)
        self.tree.setColumnWidth(3, 160)
        header = self.tree.header()
        header.setStretchLastSection(False)
        # The title takes the room: editing it never scrolls the times out of sight.
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        time_width = self.tree.fontMetrics().horizontalAdvance("00:00") + 28
        for column in (0, 1):  # "09:30"; a full date on another day can be widened by hand
            self.tree.setColumnWidth(column, time_width)
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

    def _new_times(self) -> tuple[str, str]:
        """A new item starts where the last one ends (or with the event) for 30 minutes."""
        start: datetime | None = None
        count = self.tree.topLevelItemCount()
        for row in range(count - 1, -1, -1):
            item = self.tree.topLevelItem(row)
            for column in (1, 0):
                try:
                    text = self._moment(item.text(column), row + 1)
                except ValidationError:
                    text = None
                if text is not None:
                    start = datetime.fromisoformat(text)
                    if column == 0:  # no end given: the item takes the default duration
                        start += DEFAULT_DURATION
                    break
            if start is not None:
                break
        if start is None and count == 0:
            start = self.event_start
        if start is None:
            return "", ""
        end = start + DEFAULT_DURATION
        return _cell(start, self.first_day), _cell(end, self.first_day)

    def add_item(self) -> None:
        start, end = self._new_times()
        item = self._new_row([start, end, _("New item"), ""])
        self.tree.addTopLevelItem(item)
        self.tree.setCurrentItem(item, 2)
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
