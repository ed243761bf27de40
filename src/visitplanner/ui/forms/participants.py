"""An event's participants: who is invited, who answered, who waits, and the mix of actors.

Every change here is saved at once (one transaction each): a list is edited the
way a coordinator ticks a paper list, not through a Save button.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.enums import ResponseStatus, Role
from visitplanner.domain.errors import UserError
from visitplanner.i18n import _, ngettext, number
from visitplanner.services.changes import ChangeKind, Changes
from visitplanner.services.events import participants as plist
from visitplanner.services.events import planning
from visitplanner.store.database import Catalogue
from visitplanner.ui.formats import day
from visitplanner.ui.forms.base import enum_combo

# Status chips: colour and text together, never colour alone (UI.md).
STATUS_COLOURS = {
    "accepted": "#2e7d32",
    "tentative": "#b26a00",
    "declined": "#c62828",
    "waitlisted": "#e65100",
    "invited": "#616161",
    "delegated": "#5e35b1",  # passed their place on: listed, but not taking a place
}
PERSON = Qt.ItemDataRole.UserRole


class ParticipantsPanel(QWidget):
    changes_applied = Signal(object)
    open_requested = Signal(str, int)

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.event_id: int | None = None
        self.detail: planning.EventDetail | None = None
        self.settings = None  # the window's settings: organiser identity for notifications
        self._removed_invited: list[int] = []

        self.counters = QLabel()
        self.counters.setWordWrap(True)
        self.counters.setAccessibleName(_("Counters"))
        self.mix = QLabel()
        self.mix.setWordWrap(True)
        self.mix.setAccessibleName(_("Mix of actors"))
        self.table = QTableWidget(0, 7)
        self.table.setAccessibleName(_("Participants"))
        self.table.setHorizontalHeaderLabels(
            [
                _("Name"),
                _("Status"),
                _("Waiting"),
                _("Role"),
                _("Organisation"),
                _("Invitation"),
                _("To notify"),
            ]
        )
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((170, 110, 60, 110, 160, 120)):
            self.table.setColumnWidth(column, width)
        self.table.itemDoubleClicked.connect(self._open_person)
        from visitplanner.ui.widgets.drops import CsvDropFilter

        self._drops = CsvDropFilter(self)
        self._drops.dropped.connect(self.import_csv)
        self._drops.replies_dropped.connect(self.import_replies)
        self.table.viewport().setAcceptDrops(True)
        self.table.viewport().installEventFilter(self._drops)
        self._bold = self.table.font()
        self._bold.setBold(True)

        # Both start on "unchanged": applying a status never rewrites roles, nor the reverse.
        self.role = enum_combo(Role)
        self.role.setItemText(0, _("Role unchanged"))
        self.role.setAccessibleName(_("Role of the selected participants"))
        self.status = enum_combo(ResponseStatus)
        self.status.setItemText(0, _("Status unchanged"))
        self.status.setAccessibleName(_("Status of the selected participants"))
        self.apply_button = apply_button = QPushButton(_("Apply to selection"))
        apply_button.setAccessibleName(_("Apply the role and status to the selection"))
        apply_button.clicked.connect(self.apply_to_selection)
        self.add_button = QPushButton(_("Add people…"))
        self.add_button.setAccessibleName(_("Add people to the list"))
        self.add_button.clicked.connect(self.add_people)
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.setAccessibleName(_("Remove the selected participants"))
        self.remove_button.clicked.connect(self.remove_selection)
        self.import_button = QPushButton(_("Import (CSV)…"))
        self.import_button.setAccessibleName(_("Import participants from a CSV file"))
        self.import_button.clicked.connect(self.import_csv)
        self.export_button = QPushButton(_("Export (CSV)…"))
        self.export_button.setAccessibleName(_("Export the list to a CSV file"))
        self.export_button.clicked.connect(self.export_csv)
        self.notified_button = QPushButton(_("Mark as notified"))
        self.notified_button.setAccessibleName(_("Mark the selected participants as notified"))
        self.notified_button.clicked.connect(self.mark_notified)

        edit_row = QHBoxLayout()
        edit_row.addWidget(self.role, 1)
        edit_row.addWidget(self.status, 1)
        edit_row.addWidget(apply_button)
        notify_row = QHBoxLayout()
        notify_row.addWidget(self.remove_button)
        notify_row.addStretch(1)
        notify_row.addWidget(self.notified_button)
        list_row = QHBoxLayout()
        list_row.addWidget(self.add_button)
        list_row.addStretch(1)
        list_row.addWidget(self.import_button)
        list_row.addWidget(self.export_button)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(_("Message"))

        layout = QVBoxLayout(self)
        layout.addWidget(self.counters)
        layout.addWidget(self.mix)
        layout.addLayout(list_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(edit_row)
        layout.addLayout(notify_row)
        layout.addWidget(self.message)

    # --- showing ------------------------------------------------------------------------

    def load(self, event_id: int | None) -> None:
        self.event_id = event_id
        self.setEnabled(event_id is not None)
        self.detail = planning.get_event(self.catalogue, event_id) if event_id else None
        self._fill()

    def _fill(self) -> None:
        detail = self.detail
        if detail is None:
            self.table.setRowCount(0)
            self._shown = ()
            self.counters.setText(_("Save the event first, then add its participants."))
            self.mix.clear()
            return
        counts = plist.counters(detail)
        capacity = "∞" if counts.capacity is None else str(counts.capacity)
        self.counters.setText(
            _(
                "Accepted {accepted} / {capacity} · waiting list {waiting} · "
                "no answer {invited} · tentative {tentative} · declined {declined}"
            ).format(
                accepted=counts.accepted,
                capacity=capacity,
                waiting=counts.waiting,
                invited=counts.no_answer,
                tentative=counts.tentative,
                declined=counts.declined,
            )
        )
        groups = plist.mix_groups(detail)
        self.mix.setText(
            _("Mix of actors: {groups}").format(
                groups=" · ".join(f"{label} {n}" for label, n in groups if n)
                or _("nobody has accepted yet")
            )
        )
        self._fill_rows(detail.participants)

    def _fill_rows(self, people: tuple[planning.ParticipantView, ...]) -> None:
        """Rewrites only the rows that changed: a status change redraws a few rows, not 500."""
        previous = getattr(self, "_shown", ())
        same_people = [p.person_id for p in previous] == [p.person_id for p in people]
        if not same_people:
            self.table.setRowCount(0)
            self.table.setRowCount(len(people))
        self.table.setUpdatesEnabled(False)
        try:
            for row, p in enumerate(people):
                if same_people and previous[row] == p:
                    continue
                status = QTableWidgetItem(ResponseStatus(p.status).label)
                if p.delegated_to and p.status == ResponseStatus.DELEGATED.value:
                    status.setToolTip(_("Delegated to {email}").format(email=p.delegated_to))
                elif p.delegated_from:
                    status.setToolTip(_("In the place of {email}").format(email=p.delegated_from))
                status.setForeground(QBrush(QColor(STATUS_COLOURS.get(p.status, "#616161"))))
                status.setFont(self._bold)
                cells = (
                    QTableWidgetItem(p.name),
                    status,
                    QTableWidgetItem(str(p.waitlist_position) if p.waitlist_position else ""),
                    QTableWidgetItem(Role(p.role).label),
                    QTableWidgetItem(p.organisation or ""),
                    QTableWidgetItem(
                        _("sent {day}").format(day=day(p.invited_at.astimezone().date()))
                        if p.invited_at
                        else ""
                    ),
                    QTableWidgetItem(_("to notify") if p.to_notify else ""),
                )
                for column, item in enumerate(cells):
                    item.setData(PERSON, p.person_id)
                    self.table.setItem(row, column, item)
        finally:
            self.table.setUpdatesEnabled(True)
        self._shown = people

    # --- editing ------------------------------------------------------------------------

    def selected_people(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectedIndexes()})
        return [self.table.item(row, 0).data(PERSON) for row in rows]

    def _after(self, outcome: plist.ParticipantChange | Changes, message: str = "") -> None:
        changes = outcome.changes if isinstance(outcome, plist.ParticipantChange) else outcome
        promoted = outcome.promoted if isinstance(outcome, plist.ParticipantChange) else ()
        removed, self._removed_invited = self._removed_invited, []
        notices = self._notify(removed, promoted)
        changes |= notices  # the outbox shows the notices queued
        queued = len(notices.created_ids(ChangeKind.OUTBOX))
        selected = self.selected_people()
        self.load(self.event_id)
        if promoted:
            names = [p.name for p in self.detail.participants if p.person_id in promoted]
            message = ngettext(
                "{names} moved from the waiting list to accepted: to notify.",
                "{names} moved from the waiting list to accepted: to notify.",
                len(names),
            ).format(names=", ".join(names))
        if queued:
            message += " " + ngettext(
                "{n} message put in the outbox.", "{n} messages put in the outbox.", queued
            ).format(n=number(queued))
        self.message.setText(message.strip())
        chosen = QItemSelection()
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(PERSON) in selected:
                chosen.select(self.table.model().index(row, 0), self.table.model().index(row, 0))
        flags = QItemSelectionModel.SelectionFlag
        # All of them stay selected (selectRow would keep only the last one).
        self.table.selectionModel().select(chosen, flags.ClearAndSelect | flags.Rows)
        self.changes_applied.emit(changes)

    def _notify(self, removed: list[int], promoted: tuple[int, ...]) -> Changes:
        """Removed people get a CANCEL, promoted people a REQUEST, people whose acceptance
        found the event full a waiting-list notice (through the outbox; see services.notices)."""
        if self.settings is None or self.event_id is None:
            return Changes()
        from visitplanner.services.invitations.notices import (
            notify_list_changes,
            with_pending_notice,
        )

        told = with_pending_notice(self.catalogue, self.event_id)
        waiting = [
            p.person_id
            for p in planning.get_event(self.catalogue, self.event_id).participants
            if p.to_notify
            and p.status == ResponseStatus.WAITLISTED.value
            and p.person_id not in told
        ]
        if not (removed or promoted or waiting):
            return Changes()
        try:
            return notify_list_changes(
                self.catalogue,
                self.event_id,
                self.settings,
                removed=removed,
                promoted=promoted,
                waitlisted=waiting,
            )
        except UserError as exc:
            self.message.setText(exc.message)
            return Changes()

    def apply_to_selection(self) -> None:
        people = self.selected_people()
        if self.event_id is None or not people:
            return
        role, status = self.role.currentData(), self.status.currentData()
        if role is None and status is None:
            self.message.setText(_("Choose a role or a status to apply to the selection."))
            return
        try:
            result = None
            for person_id in people:
                outcome = plist.set_participant(
                    self.catalogue,
                    self.event_id,
                    person_id,
                    role=role,
                    status=status,
                )
                result = plist.combined(result, outcome)
        except UserError as exc:
            self.message.setText(exc.message)
            self.load(self.event_id)
            return
        if result is not None:
            self._after(result)

    def set_status(self, person_id: int, status: str) -> plist.ParticipantChange:
        """One participant's answer, as a click would set it (used by tests and menus)."""
        assert self.event_id is not None
        outcome = plist.set_participant(self.catalogue, self.event_id, person_id, status=status)
        self._after(outcome)
        return outcome

    def remove_selection(self) -> None:
        people = self.selected_people()
        if self.event_id is None or not people:
            return
        invited = {
            p.person_id for p in (self.detail.participants if self.detail else ()) if p.invited_at
        }
        self._removed_invited = [p for p in people if p in invited]
        result = None
        for person_id in people:
            outcome = plist.remove_participant(self.catalogue, self.event_id, person_id)
            result = (
                outcome
                if result is None
                else plist.ParticipantChange(
                    result.changes | outcome.changes, None, None, result.promoted + outcome.promoted
                )
            )
        if result is not None:
            self._after(result)

    def mark_notified(self) -> None:
        people = self.selected_people()
        if self.event_id is not None and people:
            self._after(plist.clear_notify(self.catalogue, self.event_id, people))

    def add_people(self) -> None:
        from visitplanner.ui.add_participants_dialog import AddParticipantsDialog

        if self.event_id is None:
            return
        outcome = AddParticipantsDialog.run(self.catalogue, self.event_id, self)
        if outcome is not None:
            self._after(outcome)

    def import_csv(self, path: object = None) -> None:
        from pathlib import Path

        from visitplanner.ui.import_dialog import ImportDialog

        if self.event_id is None:
            return
        report = ImportDialog.run(
            self.catalogue,
            self,
            event_id=self.event_id,
            path=path if isinstance(path, Path) else None,
        )
        if report is not None:
            self.load(self.event_id)
            self.message.setText(" ".join(report.summary()))
            self.changes_applied.emit(report.changes)

    def import_replies(self, paths: list) -> None:
        """Reply e-mails or .ics files dropped on the list update the statuses."""
        from visitplanner.services.invitations.replies import import_replies

        report = import_replies(self.catalogue, paths, settings=self.settings)
        self.load(self.event_id)
        self.message.setText(
            "\n".join([report.summary(), *(o.message for o in report.outcomes if not o.applied)])
        )
        self.changes_applied.emit(report.changes)

    def export_csv(self) -> None:
        from visitplanner.services.directory.exports import export_participants
        from visitplanner.ui.export import ask_save_path

        if self.event_id is None or self.detail is None:
            return
        from visitplanner.ui.file_dialogs import suggested_name

        event = self.detail.event
        suggested = suggested_name(_("participants"), event.title, event.start.date(), suffix="csv")
        path = ask_save_path(self, _("Export the participants"), suggested)
        if path is None:
            return
        try:
            count = export_participants(self.catalogue, self.event_id, path)
        except UserError as exc:
            self.message.setText(exc.message)
            return
        text = _("{n} participants exported to {path}.").format(n=number(count), path=path)
        self.message.setText(text)
        from visitplanner.ui.file_dialogs import confirm_written

        confirm_written(self, path, text)  # the status line offers to open its folder

    def _open_person(self, item: QTableWidgetItem) -> None:
        self.open_requested.emit("person", item.data(PERSON))
