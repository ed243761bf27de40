"""The retention review (RGPD): people who took part in nothing for years, one click each.

Reached from the People page. Each row offers "Keep" (the record leaves the list for
another N years), "Erase…" (after the erasure summary) and "Open" (the person's page);
the outbox line erases the text of old sent messages. The services are
:mod:`visitplanner.services.privacy.retention` and :mod:`~.privacy.erasure`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from visitplanner.i18n import _, ngettext
from visitplanner.services.changes import Changes
from visitplanner.settings import Settings, load_settings
from visitplanner.store.database import Catalogue

COLUMNS = 7  # name, organisation, last event, record changed, keep, erase, open


class RetentionDialog(QDialog):
    changes_applied = Signal(object)  # Changes: a person kept
    open_requested = Signal(str, int)  # the person's page
    erase_requested = Signal(int)  # a person to erase, after the erasure summary

    def __init__(
        self, catalogue: Catalogue, settings: Settings | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.settings = settings or load_settings()
        self.setWindowTitle(_("Retention review"))
        intro = QLabel(
            _(
                "Personal data is kept no longer than needed. These people have taken part "
                "in nothing for the years below: keep each record that still has a reason "
                "to be, open the others to correct or erase them."
            )
        )
        intro.setWordWrap(True)
        self.years = QSpinBox()
        self.years.setRange(1, 50)
        self.years.setPrefix(_("Inactive for "))
        self.years.setSuffix(_(" years"))
        self.years.setAccessibleName(_("Years without participation"))
        self.years.setValue(min(50, self.settings.inactive_years))
        self.years.valueChanged.connect(self.reload)
        years_row = QHBoxLayout()
        years_row.addWidget(self.years)
        years_row.addStretch(1)

        self.table = QTableWidget(0, COLUMNS)
        self.table.setHorizontalHeaderLabels(
            [_("Name"), _("Organisation"), _("Last event"), _("Record changed"), "", "", ""]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setAccessibleName(_("People due for review"))
        self.empty = QLabel()
        self.empty.setWordWrap(True)

        self.messages = QLabel()
        self.messages.setWordWrap(True)
        self.purge_button = QPushButton(_("Erase their text now"))
        self.purge_button.setAccessibleName(_("Erase the text of old sent messages now"))
        self.purge_button.clicked.connect(self.purge_messages)
        messages_row = QHBoxLayout()
        messages_row.addWidget(self.messages, 1)
        messages_row.addWidget(self.purge_button)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(_("Close"))
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(years_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(messages_row)
        layout.addWidget(buttons)
        self.resize(760, 460)
        self.reload()

    def reload(self) -> None:
        from visitplanner.services.privacy import retention
        from visitplanner.ui.formats import day

        rows = retention.due_for_review(self.catalogue, self.years.value())
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            values = [
                row.name,
                row.organisation or "",
                day(row.last_event) if row.last_event else _("never"),
                day(row.last_change),
            ]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, row.id)
                self.table.setItem(r, c, item)
            keep = QPushButton(_("Keep"))
            keep.setAccessibleName(_("Keep {name}").format(name=row.name))
            keep.clicked.connect(lambda _checked=False, pid=row.id: self.keep(pid))
            self.table.setCellWidget(r, 4, keep)
            erase = QPushButton(_("Erase…"))
            erase.setAccessibleName(_("Erase {name}").format(name=row.name))
            erase.clicked.connect(lambda _checked=False, pid=row.id: self.erase_requested.emit(pid))
            self.table.setCellWidget(r, 5, erase)
            show = QPushButton(_("Open"))
            show.setAccessibleName(_("Open {name}").format(name=row.name))
            show.clicked.connect(lambda _checked=False, pid=row.id: self.open_person(pid))
            self.table.setCellWidget(r, 6, show)
        self.table.resizeColumnsToContents()
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        self.empty.setText(
            _(
                "Nobody is due for review: everyone took part in something in the last {n} years."
            ).format(n=self.years.value())
        )
        due = retention.message_bodies_due(self.catalogue, self.settings.outbox_days)
        self.messages.setText(
            ngettext(
                "{n} message sent over {days} days ago still holds its text.",
                "{n} messages sent over {days} days ago still hold their text.",
                due,
            ).format(n=due, days=self.settings.outbox_days)
        )
        self.purge_button.setEnabled(due > 0)

    def row_ids(self) -> list[int]:
        return [
            self.table.item(r, 0).data(Qt.ItemDataRole.UserRole)
            for r in range(self.table.rowCount())
        ]

    def keep(self, person_id: int) -> None:
        from visitplanner.services.privacy import retention

        changes: Changes = retention.keep_person(self.catalogue, person_id)
        self.changes_applied.emit(changes)
        self.reload()

    def open_person(self, person_id: int) -> None:
        self.open_requested.emit("person", person_id)
        self.accept()

    def purge_messages(self) -> None:
        from visitplanner.services.privacy import retention

        changes = retention.purge_message_bodies(self.catalogue, self.settings.outbox_days)
        self.changes_applied.emit(changes)  # the outbox shows the purged texts
        self.reload()


def add_review_button(page: QWidget) -> QPushButton:
    """A "Retention review…" button in the People page's header, before "New person"."""
    button = QPushButton(_("Retention review…"))
    button.setToolTip(_("People who took part in nothing for years (RGPD)"))
    button.setAccessibleName(_("Retention review"))
    button.clicked.connect(lambda: open_review(page))
    header = page.header
    header.insertWidget(header.indexOf(page.new_button), button)
    return button


def open_review(page: QWidget) -> RetentionDialog:
    dialog = RetentionDialog(page.catalogue, parent=page)
    dialog.changes_applied.connect(page.changes_applied)
    dialog.open_requested.connect(page.open_requested)
    dialog.erase_requested.connect(lambda person_id: _erase(page, dialog, person_id))
    dialog.open()
    page.retention_dialog = dialog
    return dialog


def _erase(page: QWidget, review: RetentionDialog, person_id: int) -> None:
    from visitplanner.ui.erasure_dialog import ask_erase

    ask_erase(page, person_id, over=review).erased.connect(lambda _changes: review.reload())
