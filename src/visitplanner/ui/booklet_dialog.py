"""Which debriefs go into a booklet: a period and/or a dynamic, a title, the network's name."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from visitplanner.i18n import _
from visitplanner.services.directory import table_rows as tables
from visitplanner.store.database import Catalogue
from visitplanner.ui.forms.base import form_label


@dataclass(frozen=True)
class BookletChoice:
    start: date | None
    end: date | None
    dynamic_id: int | None
    title: str | None
    network: str | None


class BookletDialog(QDialog):
    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Booklet PDF"))
        today = date.today()
        self.use_period = QCheckBox(_("Only the visits of a period"))
        self.use_period.setAccessibleName(_("Only the visits of a period"))
        self.start = QDateEdit(QDate(today.year, 1, 1))
        self.end = QDateEdit(QDate(today.year, 12, 31))
        for edit, name in ((self.start, _("From")), (self.end, _("Until"))):
            edit.setCalendarPopup(True)
            edit.setAccessibleName(name)
            edit.setEnabled(False)
        self.use_period.toggled.connect(self.start.setEnabled)
        self.use_period.toggled.connect(self.end.setEnabled)
        # The current year, not everything: a whole large catalogue is thousands of pages.
        self.use_period.setChecked(True)
        self.dynamic = QComboBox()
        self.dynamic.setAccessibleName(_("Dynamic"))
        self.dynamic.addItem(_("All dynamics"), None)
        for dynamic_id, name in tables.dynamic_choices(catalogue):
            self.dynamic.addItem(name, dynamic_id)
        self.title = QLineEdit()
        self.title.setAccessibleName(_("Title"))
        self.title.setPlaceholderText(_("Debriefs of learning visits"))
        self.network = QLineEdit()
        self.network.setAccessibleName(_("Network name"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Build"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("", self.use_period)
        form.addRow(form_label(_("From")), self.start)
        form.addRow(form_label(_("Until")), self.end)
        form.addRow(form_label(_("Dynamic")), self.dynamic)
        form.addRow(form_label(_("Title")), self.title)
        form.addRow(form_label(_("Network name")), self.network)
        form.addRow(buttons)

    def choice(self) -> BookletChoice:
        def day(edit: QDateEdit) -> date:
            d = edit.date()
            return date(d.year(), d.month(), d.day())

        period = self.use_period.isChecked()
        return BookletChoice(
            day(self.start) if period else None,
            day(self.end) if period else None,
            self.dynamic.currentData(),
            self.title.text().strip() or None,
            self.network.text().strip() or None,
        )

    @classmethod
    def ask(cls, catalogue: Catalogue, parent: QWidget | None = None) -> BookletChoice | None:
        """Runs the dialog; tests replace this method."""
        dialog = cls(catalogue, parent)
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
