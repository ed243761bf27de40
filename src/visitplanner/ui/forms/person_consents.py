"""The consents on a person's page: the dated records, « Donner un consentement… », « Retirer ».

Each button acts at once, in its own transaction, apart from the person's form (which
saves identity and contact): a consent is a record with a date, not a field to edit.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
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

from visitplanner.domain.consent import ConsentPurpose, ConsentScope
from visitplanner.domain.errors import UserError, ValidationError
from visitplanner.i18n import _
from visitplanner.services.privacy import consents as service
from visitplanner.store.database import Catalogue
from visitplanner.ui import formats
from visitplanner.ui.forms.base import enum_combo


def _day(value: date | None) -> str:
    return formats.day(value) if value else ""


def scope_text(record: service.ConsentView) -> str:
    scope = ConsentScope(record.scope).label
    if record.event_title:
        return _("{scope}, for “{event}” only").format(scope=scope, event=record.event_title)
    return scope


def dates_text(record: service.ConsentView) -> str:
    if record.withdrawn_on is not None:
        return _("given on {given}, withdrawn on {withdrawn}").format(
            given=_day(record.given_on), withdrawn=_day(record.withdrawn_on)
        )
    return _("given on {given}").format(given=_day(record.given_on))


def withdrawal_effect(purpose: str, name: str) -> str:
    """What happens at once, said before the user confirms."""
    if purpose == ConsentPurpose.STORY_NAMING:
        return _(
            "The story entries that name {name} are redacted at once: the name is replaced by "
            "“[name removed]” and their earlier versions are deleted; the catalogues sharing "
            "the story folder do the same at their next sync. This cannot be undone."
        ).format(name=name)
    if purpose == ConsentPurpose.PHOTOS:
        return _(
            "From now on, documents made afterwards (printed debriefs, booklets) leave out the "
            "photos that name {name} and those of the events {name} came to. Documents already "
            "printed or sent are not changed."
        ).format(name=name)
    return _(
        "From now on, documents made afterwards (printed debriefs, booklets, the story’s next "
        "entries) leave out the quotes of {name}. Documents already printed or sent are not "
        "changed."
    ).format(name=name)


class ConsentsPanel(QWidget):
    """The person's consent records, current ones first in bold, withdrawn ones greyed."""

    changed = Signal(object)  # Changes

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.person_id: int | None = None
        self.person_name = ""
        self.read_only = False
        self._records: list[service.ConsentView] = []
        self.dialog: GiveConsentDialog | None = None
        # One entry per record on two lines (what, then for whom and when): the form is
        # narrow, and a table's columns would be cut.
        self.table = QListWidget()
        self.table.setAccessibleName(_("Consents"))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.setMinimumHeight(150)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.empty = QLabel(_("No consent recorded: no photo, no quote, not named in documents."))
        self.empty.setWordWrap(True)
        self.give_button = QPushButton(_("Give a consent…"))
        self.give_button.setToolTip(_("Record a consent the person gave, with its date and scope"))
        self.give_button.setAccessibleName(_("Give a consent"))
        self.give_button.clicked.connect(self.give)
        self.withdraw_button = QPushButton(_("Withdraw"))
        self.withdraw_button.setToolTip(
            _("Withdraw the selected consent today; it applies at once")
        )
        self.withdraw_button.setAccessibleName(_("Withdraw the selected consent"))
        self.withdraw_button.clicked.connect(self.withdraw)
        buttons = QHBoxLayout()
        buttons.addWidget(self.give_button)
        buttons.addWidget(self.withdraw_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        self.show_person(None, "")

    def show_person(self, person_id: int | None, name: str) -> None:
        self.person_id, self.person_name = person_id, name
        self.reload()

    def reload(self) -> None:
        self._records = (
            service.list_consents(self.catalogue, self.person_id) if self.person_id else []
        )
        today = date.today()
        # Current ones first (newest first), then the history.
        ordered = sorted(
            self._records,
            key=lambda c: (not c.holds_on(today), -c.given_on.toordinal(), c.id),
        )
        self.table.clear()
        for record in ordered:
            purpose = ConsentPurpose(record.purpose).label
            item = QListWidgetItem(f"{purpose}\n{scope_text(record)} · {dates_text(record)}")
            item.setData(Qt.ItemDataRole.UserRole, record.id)
            tip = "\n".join(
                t for t in (record.note, record.withdrawal_note, record.recorded_by) if t
            )
            if tip:
                item.setToolTip(tip)
            if record.holds_on(today):
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            else:
                item.setForeground(self.palette().placeholderText())
            self.table.addItem(item)
        self.table.setVisible(bool(self._records))
        self.empty.setVisible(self.person_id is not None and not self._records)
        self._update_buttons()

    def selected(self) -> service.ConsentView | None:
        items = self.table.selectedItems()
        if not items:
            return None
        wanted = items[0].data(Qt.ItemDataRole.UserRole)
        return next((c for c in self._records if c.id == wanted), None)

    def set_read_only(self) -> None:
        self.read_only = True
        self._update_buttons()

    def _update_buttons(self) -> None:
        editable = self.person_id is not None and not self.read_only
        self.give_button.setEnabled(editable)
        record = self.selected()
        self.withdraw_button.setEnabled(
            editable and record is not None and record.withdrawn_on is None
        )

    def give(self) -> None:
        if self.person_id is None:
            return
        # Window-modal and open() rather than exec(): the page stays responsive behind it.
        self.dialog = GiveConsentDialog(self.catalogue, self.person_id, self.person_name, self)
        self.dialog.accepted.connect(self._given)
        self.dialog.open()

    def _given(self) -> None:
        dialog = self.dialog
        if dialog is not None and dialog.changes is not None:
            self.reload()
            self.changed.emit(dialog.changes)

    def withdraw(self) -> None:
        from visitplanner.ui import dialogs

        record = self.selected()
        if self.person_id is None or record is None or record.withdrawn_on is not None:
            return
        purpose = ConsentPurpose(record.purpose).label
        question = (
            _("Withdraw “{purpose}” ({scope}) for {name}, as of today?").format(
                purpose=purpose, scope=scope_text(record), name=self.person_name
            )
            + "\n\n"
            + withdrawal_effect(record.purpose, self.person_name)
        )
        if not dialogs.ask_yes_no(self, _("Withdraw a consent"), question):
            return
        try:
            result = service.withdraw_consent(
                self.catalogue, self.person_id, record.purpose, record_id=record.id
            )
        except UserError as exc:
            dialogs.show_error(self, _("The consent was not withdrawn"), exc.message)
            return
        self.reload()
        self.changed.emit(result.changes)


class GiveConsentDialog(QDialog):
    """Purpose, scope, optionally one event, the day it was given, who records it, a note."""

    def __init__(
        self, catalogue: Catalogue, person_id: int, name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.catalogue, self.person_id = catalogue, person_id
        self.changes = None
        self.setWindowTitle(_("Give a consent"))
        self.purpose = enum_combo(ConsentPurpose, empty=False)
        self.purpose.setAccessibleName(_("Purpose"))
        self.scope = enum_combo(ConsentScope, empty=False)
        self.scope.setAccessibleName(_("Scope"))
        self.event = QComboBox()
        self.event.setAccessibleName(_("Event"))
        self.event.addItem(_("Every event"), None)
        for event_id, title in service.events_of(catalogue, person_id):
            self.event.addItem(title, event_id)
        today = date.today()
        self.given_on = QDateEdit(QDate(today.year, today.month, today.day))
        self.given_on.setCalendarPopup(True)
        self.given_on.setDisplayFormat("dd/MM/yyyy")  # as the report page: French and British
        self.given_on.setMaximumDate(QDate(today.year, today.month, today.day))
        self.given_on.setAccessibleName(_("Given on"))
        self.recorded_by = QLineEdit()
        self.recorded_by.setAccessibleName(_("Recorded by"))
        self.recorded_by.setMaxLength(200)
        self.note = QLineEdit()
        self.note.setAccessibleName(_("Note"))
        self.note.setPlaceholderText(_("How it was given: signed form, e-mail…"))
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Record the consent"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.record)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        intro = QLabel(_("A consent {name} gave, kept with its date.").format(name=name))
        intro.setWordWrap(True)
        form.addRow(intro)
        form.addRow(_("Purpose"), self.purpose)
        form.addRow(_("Scope"), self.scope)
        form.addRow(_("Event"), self.event)
        form.addRow(_("Given on"), self.given_on)
        form.addRow(_("Recorded by"), self.recorded_by)
        form.addRow(_("Note"), self.note)
        form.addRow(self.error)
        form.addRow(buttons)

    def record(self) -> None:
        chosen = self.given_on.date()
        try:
            self.changes = service.give_consent(
                self.catalogue,
                self.person_id,
                self.purpose.currentData(),
                self.scope.currentData(),
                given_on=date(chosen.year(), chosen.month(), chosen.day()),
                event_id=self.event.currentData(),
                recorded_by=self.recorded_by.text(),
                note=self.note.text(),
            )
        except (ValidationError, UserError) as exc:
            self.error.setText(exc.message)
            self.error.show()
            return
        self.accept()
