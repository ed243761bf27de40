"""Pickers for links between records: dynamics by ticking, a person by typing."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QListWidget, QListWidgetItem, QWidget

from visitplanner.i18n import _
from visitplanner.services import catalogue as cat
from visitplanner.store.database import Catalogue


class DynamicsChecklist(QListWidget):
    """All dynamics of the catalogue (a few hundred at most), ticked when linked."""

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.setMaximumHeight(140)
        self.reload()

    def reload(self) -> None:
        ticked = set(self.selected_ids())
        self.blockSignals(True)
        self.clear()
        for dynamic in cat.list_dynamics(self.catalogue):
            item = QListWidgetItem(dynamic.name)
            item.setData(Qt.ItemDataRole.UserRole, dynamic.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = dynamic.id in ticked
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.addItem(item)
        self.blockSignals(False)

    def set_selected(self, ids: Sequence[int]) -> None:
        wanted = set(ids)
        self.blockSignals(True)
        for row in range(self.count()):
            item = self.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.blockSignals(False)

    def selected_ids(self) -> list[int]:
        return [
            self.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.count())
            if self.item(row).checkState() == Qt.CheckState.Checked
        ]


class PersonPicker(QLineEdit):
    """Type part of a name; suggestions come from the catalogue, however large."""

    picked = Signal()

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.person_id: int | None = None
        self._labels: dict[str, int] = {}
        self.setPlaceholderText(_("Type a name to search"))
        self.setClearButtonEnabled(True)
        self._model = QStringListModel(self)
        completer = QCompleter(self._model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.activated.connect(self._choose)
        self.setCompleter(completer)
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self._suggest)
        self.textEdited.connect(self._edited)

    def _edited(self, _text: str) -> None:
        self.person_id = None  # typed text is not a choice until a suggestion is picked
        self._timer.start()

    def _suggest(self) -> None:
        text = self.text().strip()
        if not text:
            self.person_id = None
            self.picked.emit()
            return
        people = cat.list_people(self.catalogue, text, limit=15)
        self._labels = {self._label(p): p.id for p in people}
        self._model.setStringList(list(self._labels))
        self.completer().complete()

    @staticmethod
    def _label(person: cat.PersonView) -> str:
        extra = person.organisation or person.email
        return f"{person.name} ({extra})" if extra else person.name

    def _choose(self, label: str) -> None:
        self.person_id = self._labels.get(label)
        self.picked.emit()

    def set_person(self, person_id: int | None, name: str | None) -> None:
        self.person_id = person_id
        self.setText(name or "")
