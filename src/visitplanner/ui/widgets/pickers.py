"""Pickers for links between records: dynamics by ticking, a person by typing."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QListWidget, QListWidgetItem, QWidget

from visitplanner.i18n import _
from visitplanner.services.directory import records as cat
from visitplanner.store.database import Catalogue
from visitplanner.ui.widgets.fit import fit_completer


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


class RecordPicker(QLineEdit):
    """Type part of a name; suggestions come from the catalogue through SQL, however large."""

    picked = Signal()

    def __init__(
        self,
        search: Callable[[str], list[tuple[int, str]]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._search = search
        self.record_id: int | None = None
        self._labels: dict[str, int] = {}
        self.setPlaceholderText(_("Type a name to search"))
        self.setClearButtonEnabled(True)
        self._model = QStringListModel(self)
        completer = QCompleter(self._model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.activated.connect(self._choose)
        self.setCompleter(completer)
        fit_completer(completer)
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self._suggest)
        self.textEdited.connect(self._edited)

    def _edited(self, _text: str) -> None:
        self.record_id = None  # typed text is not a choice until a suggestion is picked
        self._timer.start()

    def _suggest(self) -> None:
        text = self.text().strip()
        if not text:
            self.record_id = None
            self.picked.emit()
            return
        self._labels = {label: record_id for record_id, label in self._search(text)}
        self._model.setStringList(list(self._labels))
        self.completer().complete()

    def _choose(self, label: str) -> None:
        self.record_id = self._labels.get(label)
        self.picked.emit()

    def set_record(self, record_id: int | None, name: str | None) -> None:
        self.record_id = record_id
        self.setText(name or "")

    def chosen_id(self, field: str) -> int | None:
        """The picked record; typed text that matches no suggestion is an error at ``field``."""
        from visitplanner.domain.errors import ValidationError

        if not self.text().strip():
            return None
        if self.record_id is None:
            raise ValidationError(
                field, _("choose a person among the suggestions, or leave it empty.")
            )
        return self.record_id


def people_search(catalogue: Catalogue) -> Callable[[str], list[tuple[int, str]]]:
    def search(text: str) -> list[tuple[int, str]]:
        found = []
        for person in cat.list_people(catalogue, text, limit=15):
            extra = person.organisation or person.email
            found.append((person.id, f"{person.name} ({extra})" if extra else person.name))
        return found

    return search


def hosts_search(catalogue: Catalogue) -> Callable[[str], list[tuple[int, str]]]:
    def search(text: str) -> list[tuple[int, str]]:
        return [
            (host.id, f"{host.name} ({host.city})" if host.city else host.name)
            for host in cat.list_hosts(catalogue, text, limit=15)
        ]

    return search


class PersonPicker(RecordPicker):
    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(people_search(catalogue), parent)
        self.catalogue = catalogue

    @property
    def person_id(self) -> int | None:
        return self.record_id

    def set_person(self, person_id: int | None, name: str | None) -> None:
        self.set_record(person_id, name)
