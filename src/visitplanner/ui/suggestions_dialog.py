"""Hosts and dynamics that match a visit question, best first, to pick one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from visitplanner.i18n import _
from visitplanner.store.database import Catalogue


class SuggestionsDialog(QDialog):
    def __init__(self, catalogue: Catalogue, question: str, parent: QWidget | None = None):
        super().__init__(parent)
        from visitplanner.services.directory.suggestions import suggest_hosts

        self.setWindowTitle(_("Suggested hosts"))
        self.resize(640, 400)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(_("Suggested hosts"))
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels([_("Name"), _("Why")])
        self.tree.setColumnWidth(0, 240)
        self.suggestions = suggest_hosts(catalogue, question) if question.strip() else []
        for suggestion in self.suggestions:
            kind = _("Host organisation") if suggestion.kind == "host" else _("Dynamic")
            item = QTreeWidgetItem([f"{suggestion.name} ({kind})", "; ".join(suggestion.reasons)])
            item.setData(0, Qt.ItemDataRole.UserRole, suggestion)
            item.setToolTip(1, "\n".join(suggestion.reasons))
            self.tree.addTopLevelItem(item)
        if self.suggestions:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self.tree.itemDoubleClicked.connect(lambda *_args: self.accept())
        intro = QLabel(
            _("Hosts and dynamics whose practices or past debriefs match: “{question}”").format(
                question=question.strip()
            )
            if self.suggestions
            else _("Write the visit question first: suggestions come from its words.")
            if not question.strip()
            else _("No host or dynamic matches the words of the visit question yet.")
        )
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Choose"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.suggestions))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)

    def chosen(self) -> tuple[str, int, str] | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        suggestion = item.data(0, Qt.ItemDataRole.UserRole)
        return suggestion.kind, suggestion.id, suggestion.name

    @classmethod
    def choose(
        cls, catalogue: Catalogue, question: str, parent: QWidget | None = None
    ) -> tuple[str, int, str] | None:
        """Runs the dialog; tests replace this method."""
        dialog = cls(catalogue, question, parent)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
