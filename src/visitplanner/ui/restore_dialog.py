"""Choosing one of a catalogue's backups to restore: date, kind and size, newest first."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from visitplanner.i18n import _
from visitplanner.services.recovery import backups as backups_service
from visitplanner.services.recovery.backups import BackupInfo
from visitplanner.ui.formats import when


def kind_label(kind: str) -> str:
    return {
        backups_service.AUTO: _("Automatic (daily)"),
        backups_service.MANUAL: _("Manual"),
        backups_service.BEFORE_UPGRADE: _("Before an upgrade"),
        backups_service.BEFORE_RESTORE: _("Before a restore"),
    }.get(kind, kind)


def size_label(size: int) -> str:
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)


class RestoreDialog(QDialog):
    """Lists the backups; Restore returns the one selected."""

    def __init__(self, backups: Sequence[BackupInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backups = sorted(backups, key=lambda b: b.taken_at, reverse=True)
        self.setWindowTitle(_("Restore a backup"))
        self.setAccessibleName(_("Restore a backup"))

        intro = QLabel(
            _(
                "Choose the copy to bring back. The catalogue as it is now is kept aside "
                "first, so a restore can itself be undone."
            )
        )
        intro.setWordWrap(True)
        intro.setAccessibleName(_("About restoring"))
        self.empty = QLabel(_("There is no backup of this catalogue yet."))
        self.empty.setAccessibleName(_("No backups"))
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(_("Backups"))
        self.tree.setHeaderLabels([_("Date"), _("Kind"), _("Size")])
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        for info in self.backups:
            item = QTreeWidgetItem(
                [when(info.taken_at.astimezone()), kind_label(info.kind), size_label(info.size)]
            )
            item.setToolTip(0, str(info.path))
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setData(0, Qt.ItemDataRole.UserRole, info)
            self.tree.addTopLevelItem(item)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.addButton(
            _("Restore"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.restore_button.setAccessibleName(_("Restore"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(_("Cancel"))
        cancel.setAccessibleName(_("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        self.tree.itemDoubleClicked.connect(lambda *_args: self.accept())

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.empty)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.buttons)
        self.empty.setVisible(not self.backups)
        self.tree.setVisible(bool(self.backups))
        if self.backups:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self._selection_changed()
        self.resize(560, 360)

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def selected(self) -> BackupInfo | None:
        items = self.tree.selectedItems()
        return items[0].data(0, Qt.ItemDataRole.UserRole) if items else None

    def rows(self) -> list[list[str]]:
        """What the list shows, row by row."""
        return [
            [self.tree.topLevelItem(r).text(c) for c in range(3)]
            for r in range(self.tree.topLevelItemCount())
        ]

    @classmethod
    def choose(
        cls, backups: Sequence[BackupInfo], parent: QWidget | None = None
    ) -> BackupInfo | None:
        """The backup the user chose to restore, or None; tests replace this."""
        dialog = cls(backups, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.selected()
        finally:
            dialog.deleteLater()
