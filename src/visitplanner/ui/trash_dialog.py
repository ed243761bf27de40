"""The trash: every deleted record, restorable one by one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.errors import UserError
from visitplanner.i18n import _
from visitplanner.services.recovery import trash
from visitplanner.store.database import Catalogue
from visitplanner.ui import dialogs
from visitplanner.ui.formats import when

KIND_LABELS = {
    "dynamic": lambda: _("Dynamic"),
    "host": lambda: _("Host organisation"),
    "person": lambda: _("Person"),
    "event": lambda: _("Event"),
}


class TrashDialog(QDialog):
    changes_applied = Signal(object)

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.setWindowTitle(_("Trash"))
        self.resize(640, 420)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(_("Deleted records"))
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels([_("Record"), _("Kind"), _("Deleted")])
        self.tree.setColumnWidth(0, 300)
        self.tree.setColumnWidth(1, 150)
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        self.tree.itemDoubleClicked.connect(lambda *_args: self.restore_selected())
        self.empty = QLabel(_("The trash is empty."))
        self.restore_button = QPushButton(_("Restore"))
        self.restore_button.setAccessibleName(_("Restore"))
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.restore_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Deleted records stay here until you restore them.")))
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        self.tree.clear()
        for item in trash.list_trash(self.catalogue):
            row = QTreeWidgetItem(
                [item.title, KIND_LABELS[item.kind](), when(item.deleted_at.astimezone())]
            )
            row.setData(0, Qt.ItemDataRole.UserRole, (item.kind, item.id))
            self.tree.addTopLevelItem(row)
        self.empty.setVisible(self.tree.topLevelItemCount() == 0)

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(bool(self.tree.selectedItems()))

    def restore_selected(self) -> None:
        for row in self.tree.selectedItems():
            kind, record_id = row.data(0, Qt.ItemDataRole.UserRole)
            try:
                changes = trash.restore(self.catalogue, kind, record_id)
            except UserError as exc:
                dialogs.show_error(self, _("This record cannot be restored"), exc.message)
                continue
            self.changes_applied.emit(changes)
        self.reload()
