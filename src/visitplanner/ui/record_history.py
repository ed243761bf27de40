"""« Historique… »: who changed a record, when, and which fields (the audit trail)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from visitplanner.i18n import _
from visitplanner.services.record_history import action_label, record_history
from visitplanner.ui import formats

# Each column under the label its form shows it with (the same words, so translated once).
FIELD_LABELS = {
    "given_name": lambda: _("Given name"),
    "family_name": lambda: _("Family name"),
    "email": lambda: _("E-mail"),
    "phone": lambda: _("Phone"),
    "organisation": lambda: _("Organisation"),
    "function": lambda: _("Function"),
    "actor_type": lambda: _("Actor type"),
    "preferred_language": lambda: _("Language"),
    "notes": lambda: _("Notes"),
    "name": lambda: _("Name"),
    "kind": lambda: _("Kind"),
    "region": lambda: _("Region"),
    "territory": lambda: _("Territory"),
    "website": lambda: _("Website"),
    "description": lambda: _("Description"),
    "address_line1": lambda: _("Address"),
    "address_line2": lambda: _("Address"),
    "postal_code": lambda: _("Postal code and city"),
    "city": lambda: _("Postal code and city"),
    "capacity": lambda: _("Capacity"),
    "accessibility": lambda: _("Accessibility"),
    "contact_person_id": lambda: _("Contact person"),
    "title": lambda: _("Title"),
    "status": lambda: _("Status"),
    "starts_at": lambda: _("Start"),
    "ends_at": lambda: _("End"),
    "all_day": lambda: _("All day"),
    "timezone": lambda: _("Time zone"),
    "host_id": lambda: _("Host organisation"),
    "location": lambda: _("Place"),
    "online_url": lambda: _("Online link"),
    "fee_cents": lambda: _("Fee (€)"),
    "organiser_id": lambda: _("Organiser"),
    "visit_question": lambda: _("Visit question"),
    "objectives": lambda: _("Objectives"),
    "participants": lambda: _("Participants"),
    "deleted_at": lambda: _("Trash"),
    "erased_at": lambda: _("Erasure"),
}


def field_label(name: str) -> str:
    label = FIELD_LABELS.get(name)
    return label() if label else name.replace("_", " ")


def history_button(
    form: Any, kind: str | None = None, record_id: Callable[[], int | None] | None = None
) -> QPushButton:
    """The button a record form shows beside Save; enabled once a record is shown.

    ``kind`` defaults to the form's own and ``record_id`` to its ``record_id``, both
    read when clicked (subclasses set them).
    """
    button = QPushButton(_("History…"))
    button.setAccessibleName(_("History of this record"))
    button.setToolTip(_("Who changed this record, when, and which fields"))
    button.setFlat(True)
    button.clicked.connect(
        lambda: RecordHistoryDialog(
            form.catalogue,
            kind or form.kind,
            record_id() if record_id else form.record_id,
            form,
        ).exec()
    )
    return button


class RecordHistoryDialog(QDialog):
    def __init__(
        self,
        catalogue: Any,
        kind: str,
        record_id: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("History"))
        self.resize(720, 380)
        lines = record_history(catalogue, kind, record_id) if record_id is not None else []
        self.table = QTableWidget(len(lines), 4, self)
        self.table.setHorizontalHeaderLabels([_("When"), _("Who"), _("What"), _("Fields")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        for row, line in enumerate(lines):
            who = line.coordinator
            if line.db_user and line.db_user != line.coordinator:
                who = _("{name} (database user {user})").format(name=who, user=line.db_user)
            names = list(dict.fromkeys(field_label(f) for f in line.fields))
            for column, text in enumerate(
                [
                    formats.when(line.at.astimezone()),
                    who,
                    action_label(line.action),
                    ", ".join(names),
                ]
            ):
                self.table.setItem(row, column, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        empty = QLabel(_("No change recorded yet."))
        empty.setVisible(not lines)
        self.table.setVisible(bool(lines))  # an empty table's bare headers say nothing
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(empty)
        layout.addWidget(buttons)
