"""Attendance per half-day, copied from the signed sheet after the event."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.enums import HalfDay
from visitplanner.i18n import _
from visitplanner.services.events import participants as plist
from visitplanner.services.events import planning
from visitplanner.store.database import Catalogue
from visitplanner.ui.formats import day

PERSON = Qt.ItemDataRole.UserRole


class AttendancePanel(QWidget):
    changes_applied = Signal(object)

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.event_id: int | None = None
        self.slots: list[tuple] = []
        self.table = QTableWidget()
        self.table.setAccessibleName(_("Attendance"))
        self.table.verticalHeader().hide()
        self.table.itemChanged.connect(lambda *_args: self.save_button.setEnabled(True))
        self.note = QLabel(
            _("Tick who was present, half-day by half-day, from the signed attendance sheet.")
        )
        self.note.setWordWrap(True)
        self.save_button = QPushButton(_("Save attendance"))
        self.save_button.setAccessibleName(_("Save attendance"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)

    def load(self, event_id: int | None) -> None:
        self.event_id = event_id
        self.setEnabled(event_id is not None)
        self.table.blockSignals(True)
        self.table.clear()
        self.table.setRowCount(0)
        if event_id is None:
            self.table.blockSignals(False)
            return
        detail = planning.get_event(self.catalogue, event_id)
        self.slots = plist.half_days(detail.event)
        people = [p for p in detail.participants if p.status in ("accepted", "tentative")]
        self.table.setColumnCount(1 + len(self.slots))
        self.table.setHorizontalHeaderLabels(
            [_("Participant")] + [f"{day(d)}\n{HalfDay(h).label}" for d, h in self.slots]
        )
        self.table.setColumnWidth(0, 220)
        self.table.setRowCount(len(people))
        for r, person in enumerate(people):
            name = QTableWidgetItem(person.name)
            name.setFlags(Qt.ItemFlag.ItemIsEnabled)
            name.setData(PERSON, person.person_id)
            self.table.setItem(r, 0, name)
            present = {(d, h) for d, h, here in person.attendance if here}
            for c, slot in enumerate(self.slots, start=1):
                cell = QTableWidgetItem()
                cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                checked = slot in present
                cell.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                cell.setData(
                    Qt.ItemDataRole.AccessibleTextRole, f"{person.name} {slot[0]} {slot[1]}"
                )
                self.table.setItem(r, c, cell)
        self.table.blockSignals(False)
        self.save_button.setEnabled(False)

    def save(self) -> None:
        if self.event_id is None:
            return
        rows = []
        for r in range(self.table.rowCount()):
            person_id = self.table.item(r, 0).data(PERSON)
            for c, (d, h) in enumerate(self.slots, start=1):
                present = self.table.item(r, c).checkState() == Qt.CheckState.Checked
                rows.append((person_id, d, h, present))
        changes = plist.record_attendance_bulk(self.catalogue, self.event_id, rows)
        self.save_button.setEnabled(False)
        self.changes_applied.emit(changes)
