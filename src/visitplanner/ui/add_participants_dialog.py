"""Adding people to an event: search as you type, tick several, or a whole dynamic."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.enums import ResponseStatus, Role
from visitplanner.domain.errors import UserError
from visitplanner.i18n import _
from visitplanner.services.changes import ChangeKind, Changes
from visitplanner.services.directory import records as cat
from visitplanner.services.directory import table_rows as tables
from visitplanner.services.events import participants as plist
from visitplanner.store.database import Catalogue
from visitplanner.ui.forms.base import enum_combo, form_label, set_combo

PERSON = Qt.ItemDataRole.UserRole


class AddParticipantsDialog(QDialog):
    def __init__(self, catalogue: Catalogue, event_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.catalogue = catalogue
        self.event_id = event_id
        self.outcome: plist.ParticipantChange | None = None
        self.setWindowTitle(_("Add people"))
        self.resize(560, 520)

        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Type part of a name, an e-mail or an organisation"))
        self.search.setAccessibleName(_("Search people"))
        self.results = QListWidget()
        self.results.setAccessibleName(_("People found"))
        self.dynamic = QComboBox()
        self.dynamic.setAccessibleName(_("All members of a dynamic"))
        self.dynamic.addItem(_("— nobody —"), None)
        for dynamic_id, name in tables.dynamic_choices(catalogue):
            self.dynamic.addItem(name, dynamic_id)
        self.role = enum_combo(Role, empty=False)
        self.role.setAccessibleName(_("Role"))
        set_combo(self.role, "participant")
        self.status = enum_combo(ResponseStatus, empty=False)
        self.status.setAccessibleName(_("Status"))
        self.new_given = QLineEdit()
        self.new_given.setPlaceholderText(_("Given name"))
        self.new_given.setAccessibleName(_("Given name of the new person"))
        self.new_family = QLineEdit()
        self.new_family.setPlaceholderText(_("Family name"))
        self.new_family.setAccessibleName(_("Family name of the new person"))
        self.new_email = QLineEdit()
        self.new_email.setPlaceholderText(_("E-mail"))
        self.new_email.setAccessibleName(_("E-mail of the new person"))
        self.create_button = QPushButton(_("Create and tick"))
        self.create_button.setAccessibleName(_("Create the person and tick them"))
        self.create_button.clicked.connect(self.create_person)
        new_row = QHBoxLayout()
        for widget in (self.new_given, self.new_family, self.new_email):
            new_row.addWidget(widget, 1)
        new_row.addWidget(self.create_button)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")

        form = QFormLayout()
        form.addRow(form_label(_("Also add all members of")), self.dynamic)
        form.addRow(form_label(_("Role")), self.role)
        form.addRow(form_label(_("Status")), self.status)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Add"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.add)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Tick the people to add:")))
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        layout.addWidget(QLabel(_("Not in the catalogue yet? Create the person here:")))
        layout.addLayout(new_row)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

        self._ticked: dict[int, str] = {}
        self.created: list[int] = []
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.results.itemChanged.connect(self._ticked_changed)
        self.refresh()

    def refresh(self) -> None:
        self.results.blockSignals(True)
        self.results.clear()
        for person in cat.list_people(self.catalogue, self.search.text(), limit=100):
            label = person.name
            if person.organisation:
                label += f" — {person.organisation}"
            item = QListWidgetItem(label)
            item.setData(PERSON, person.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            ticked = person.id in self._ticked
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            self.results.addItem(item)
        self.results.blockSignals(False)

    def _ticked_changed(self, item: QListWidgetItem) -> None:
        person_id = item.data(PERSON)
        if item.checkState() == Qt.CheckState.Checked:
            self._ticked[person_id] = item.text()
        else:
            self._ticked.pop(person_id, None)

    def create_person(self) -> None:
        from visitplanner.services.directory.records import DuplicateEmailError

        data = cat.PersonInput(
            family_name=self.new_family.text(),
            given_name=self.new_given.text(),
            email=self.new_email.text(),
        )
        try:
            person_id = cat.create_person(self.catalogue, data).created_id(ChangeKind.PERSON)
        except DuplicateEmailError as exc:
            if exc.in_trash:
                self.error.setText(exc.message)
                return
            person_id = exc.existing_id  # already known: tick that person instead
        except UserError as exc:
            self.error.setText(exc.message)
            return
        self.error.clear()
        for edit in (self.new_given, self.new_family, self.new_email):
            edit.clear()
        self.created.append(person_id)
        self.tick([person_id])

    def tick(self, person_ids: list[int]) -> None:
        for person_id in person_ids:
            self._ticked[person_id] = ""
        self.refresh()

    def add(self) -> None:
        role, status = self.role.currentData(), self.status.currentData()
        try:
            outcome = None
            if self._ticked:
                outcome = plist.add_participants(
                    self.catalogue, self.event_id, list(self._ticked), role=role, status=status
                )
            dynamic_id = self.dynamic.currentData()
            if dynamic_id is not None:
                members = plist.add_dynamic_members(
                    self.catalogue, self.event_id, dynamic_id, role=role, status=status
                )
                outcome = plist.combined(outcome, members)
        except UserError as exc:
            self.error.setText(exc.message)
            return
        if outcome is not None and self.created:
            created = Changes.of(created=[(ChangeKind.PERSON, i) for i in self.created])
            outcome = plist.ParticipantChange(
                outcome.changes | created,
                outcome.status,
                outcome.waitlist_position,
                outcome.promoted,
            )
        self.outcome = outcome
        self.accept()

    @classmethod
    def run(
        cls, catalogue: Catalogue, event_id: int, parent: QWidget | None = None
    ) -> plist.ParticipantChange | None:
        """Runs the dialog; tests replace this method."""
        dialog = cls(catalogue, event_id, parent)
        return dialog.outcome if dialog.exec() == QDialog.DialogCode.Accepted else None
