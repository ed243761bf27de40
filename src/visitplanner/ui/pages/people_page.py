"""The people page: a filterable list of the whole catalogue and the person editor."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.enums import ActorType
from visitplanner.i18n import _, ngettext
from visitplanner.services import catalogue as cat
from visitplanner.services import tables
from visitplanner.services.changes import Changes
from visitplanner.store.database import Catalogue
from visitplanner.ui.models.record_table import RecordTableModel
from visitplanner.ui.pages.person_form import PersonForm


class PeoplePage(QWidget):
    changes_applied = Signal(object)

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        title = QLabel(_("People"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)

        self.filter = QLineEdit()
        self.filter.setPlaceholderText(_("Filter by name, e-mail or organisation"))
        self.filter.setAccessibleName(_("Filter people"))
        self.filter.setClearButtonEnabled(True)
        self.actor_filter = QComboBox()
        self.actor_filter.setAccessibleName(_("Actor type"))
        self.actor_filter.addItem(_("All actor types"), None)
        for member in ActorType:
            self.actor_filter.addItem(member.label, member.value)
        self.new_button = QPushButton(_("New person"))
        self.new_button.setAccessibleName(_("New person"))
        self.new_button.setDefault(True)
        self.new_button.clicked.connect(self.new_person)
        self.count = QLabel()

        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(self.filter, 2)
        header.addWidget(self.actor_filter)
        header.addWidget(self.new_button)

        self.model = RecordTableModel(
            [
                lambda: _("Name"),
                lambda: _("Organisation"),
                lambda: _("Actor type"),
                lambda: _("E-mail"),
                lambda: _("Phone"),
            ],
            partial(tables.people_ids, catalogue),
            partial(tables.people_rows, catalogue),
            self,
        )
        self.table = QTableView()
        self.table.setAccessibleName(_("People"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((220, 220, 160, 240)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        self.form = PersonForm(catalogue)
        self.form.saved.connect(self._saved)
        self.form.open_requested.connect(self.select_person)
        self.delete_button = QPushButton(_("Move to trash"))
        self.delete_button.setAccessibleName(_("Move to trash"))
        self.delete_button.clicked.connect(self.delete_current)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.addWidget(self.form)
        detail_layout.addWidget(self.delete_button, 0, Qt.AlignmentFlag.AlignRight)

        self.splitter = QSplitter()
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([640, 400])

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.count)

        # Filtering runs in SQL; a short pause lets fast typists finish a word.
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self.reload)
        self.filter.textChanged.connect(lambda _text: self._debounce.start())
        self.actor_filter.currentIndexChanged.connect(self.reload)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.filter.setFocus)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, activated=self.delete_current)
        self.reload()

    def reload(self) -> None:
        current = self.current_id()
        self.model.reload(
            tables.TableQuery(search=self.filter.text(), actor_type=self.actor_filter.currentData())
        )
        n = self.model.rowCount()
        self.count.setText(ngettext("{n} person", "{n} people", n).format(n=n))
        row = self.model.row_of(current) if current is not None else None
        if row is not None:
            self.table.setCurrentIndex(self.model.index(row, 0))

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def select_person(self, person_id: int) -> None:
        row = self.model.row_of(person_id)
        if row is None and (self.filter.text() or self.actor_filter.currentIndex()):
            self.filter.clear()
            self.actor_filter.setCurrentIndex(0)
            self.reload()
            row = self.model.row_of(person_id)
        if row is not None:
            self.table.setCurrentIndex(self.model.index(row, 0))
            self.table.scrollTo(self.model.index(row, 0))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.form.dirty and not self.form.save():
            return
        self.form.load(self.model.id_at(current.row()) if current.isValid() else None)

    def new_person(self) -> None:
        if self.form.dirty and not self.form.save():
            return
        self.table.clearSelection()
        self.table.setCurrentIndex(QModelIndex())
        self.form.load(None)
        self.form.given_name.setFocus()

    def delete_current(self) -> None:
        person_id = self.current_id()
        if person_id is None:
            return
        changes = cat.move_to_trash(self.catalogue, "person", person_id)
        self.reload()
        self.form.load(None)
        self.changes_applied.emit(changes)

    def _saved(self, changes: Changes) -> None:
        self.changes_applied.emit(changes)
        person_id = self.form.person_id
        if changes.created:
            self.reload()
            if person_id is not None:
                self.select_person(person_id)
        else:
            self.model.refresh_records([i for kind, i in changes.updated if kind == "person"])
