"""A catalogue page: header with filter and primary action, list and editor side by side.

Dynamics, host organisations and people share this shape (UI.md); each
subclass names its columns, its facet filters and its editor.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from visitplanner.i18n import _
from visitplanner.services.changes import ChangeKind, Changes
from visitplanner.store.database import Catalogue
from visitplanner.ui import icons

if TYPE_CHECKING:
    from visitplanner.services.directory.table_rows import Row, TableQuery
    from visitplanner.services.recovery.history import History
    from visitplanner.ui.forms.base import RecordForm


@dataclass(frozen=True)
class Facet:
    """A drop-down filter: the TableQuery field it sets and where its choices come from."""

    field: str
    all_label: Callable[[], str]
    choices: Callable[[], list[tuple[Any, str]]]


def page_title(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    font.setBold(True)
    label.setFont(font)
    return label


class CataloguePage(QWidget):
    changes_applied = Signal(object)  # Changes made on this page
    open_requested = Signal(str, int)  # a link to a record shown on another page
    import_requested = Signal(object)  # a CSV file dropped on the list of people

    kind: ChangeKind
    key = ""

    # --- what subclasses provide -----------------------------------------------------

    def title(self) -> str:
        raise NotImplementedError

    def new_label(self) -> str:
        raise NotImplementedError

    def empty_text(self) -> str:
        raise NotImplementedError

    def count_text(self, n: int) -> str:
        raise NotImplementedError

    def columns(self) -> Sequence[Callable[[], str]]:
        raise NotImplementedError

    def column_widths(self) -> Sequence[int]:
        return ()

    def fetch_ids(self, query: TableQuery) -> list[int]:
        raise NotImplementedError

    def fetch_rows(self, ids: Sequence[int]) -> list[Row]:
        raise NotImplementedError

    def facets(self) -> Sequence[Facet]:
        return ()

    def make_form(self) -> RecordForm:
        raise NotImplementedError

    # --- construction -------------------------------------------------------------------

    def __init__(self, catalogue: Catalogue, history: History, parent: QWidget | None = None):
        # Imported with the first list page built: the window's start (the dashboard)
        # does without them, and their Qt classes' enums cost time to create.
        from visitplanner.ui.models.record_table import RecordTableModel
        from visitplanner.ui.widgets.fit import ColumnsInView, fit_headers, fit_text

        super().__init__(parent)
        self.catalogue = catalogue
        self.history = history

        self.filter = QLineEdit()
        self.filter.setPlaceholderText(_("Filter (Ctrl+F)"))
        self.filter.setAccessibleName(_("Filter the list"))
        self.filter.setClearButtonEnabled(True)
        self.facet_boxes: list[tuple[Facet, QComboBox]] = []
        for facet in self.facets():
            box = QComboBox()
            box.setAccessibleName(facet.all_label())
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(12)
            fit_text(box, facet.all_label())  # « Toutes les dynamiques » never cut
            self.facet_boxes.append((facet, box))
        self.new_button = QPushButton(icons.get("new"), self.new_label())
        self.new_button.setAccessibleName(self.new_label())
        self.new_button.setDefault(True)
        self.new_button.clicked.connect(self.new_record)

        # Two rows: the page and its primary action, then the filters, so that long
        # French labels never squeeze the filter field.
        header = QHBoxLayout()
        self.title_label = page_title(self.title())
        # With a large system font (11 pt) and the Visits page's row of buttons, a title
        # on two lines is what keeps the window within a 1280-pixel screen; the room the
        # buttons leave goes to the title first, so it wraps only when it must.
        self.title_label.setWordWrap(True)
        header.addWidget(self.title_label, 1)
        header.addStretch(0)
        header.addWidget(self.new_button)
        self.header = header
        filters = QHBoxLayout()
        self.filters = filters
        filters.addWidget(self.filter, 3)
        for _facet, box in self.facet_boxes:
            filters.addWidget(box, 1)

        self.model = RecordTableModel(self.columns(), self.fetch_ids, self.fetch_rows, self)
        self.table = QTableView()
        self.table.setAccessibleName(self.title())
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setHighlightSections(False)
        for column, width in enumerate(self.column_widths()):
            self.table.setColumnWidth(column, width)
        fit_headers(self.table)
        widths = list(self.column_widths())
        # The two widest columns give way, so that every column stays in sight.
        widest = sorted(range(len(widths)), key=lambda c: -widths[c])[:2]
        self._columns = ColumnsInView(self.table, widest)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        if self.kind == "person":
            from visitplanner.ui.widgets.drops import CsvDropFilter

            self._drops = CsvDropFilter(self)
            self._drops.dropped.connect(self.import_requested)
            for widget in (self.table.viewport(), self):
                widget.setAcceptDrops(True)
                widget.installEventFilter(self._drops)

        self.empty = QLabel(self.empty_text())
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setAccessibleName(self.empty_text())
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty)

        self.form = self.make_form()
        self.form.saved.connect(self._saved)
        self.form.open_requested.connect(self._open_link)
        self.delete_button = QPushButton(icons.get("trash"), _("Move to trash"))
        self.delete_button.setAccessibleName(_("Move to trash"))
        self.delete_button.setToolTip(_("Move to trash (Delete); Undo brings it back"))
        self.delete_button.clicked.connect(self.delete_current)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.form)
        detail_layout.addWidget(self.delete_button, 0, Qt.AlignmentFlag.AlignRight)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(detail)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Never narrower than the editor needs: the splitter shrinks the list instead of
        # clipping the form.
        scroll.setMinimumWidth(
            detail.minimumSizeHint().width() + scroll.verticalScrollBar().sizeHint().width()
        )

        self.splitter = QSplitter()
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.list_stack)
        self.splitter.addWidget(scroll)
        # The editor keeps its width when the window grows; the list takes the rest.
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([600, 440])

        self.count = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.count)

        # Filtering runs in SQL; a short pause lets a fast typist finish a word.
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self.reload)
        self.filter.textChanged.connect(lambda _text: self._debounce.start())
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.focus_filter)
        # Only while the list has the focus: Return in the editor (a programme cell) must
        # not jump back to the first field, nor Delete in a field trash the record.
        for key, slot in (
            (Qt.Key.Key_Delete, self.delete_current),
            (Qt.Key.Key_Return, self.open_current),
        ):
            shortcut = QShortcut(QKeySequence(key), self.table, activated=slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.refresh_facets()
        for _facet, box in self.facet_boxes:
            box.currentIndexChanged.connect(self.reload)
        self.reload()
        self.form.load(None)
        if self.read_only:
            self.form.set_read_only()
            for button in (self.new_button, self.delete_button):
                button.setEnabled(False)
                button.setToolTip(_("This catalogue is open read-only."))

    @property
    def read_only(self) -> bool:
        return bool(getattr(self.catalogue, "read_only", False))

    # --- list -----------------------------------------------------------------------------

    def query(self) -> TableQuery:
        from visitplanner.services.directory.table_rows import TableQuery

        values: dict[str, Any] = {"search": self.filter.text()}
        for facet, box in self.facet_boxes:
            values[facet.field] = box.currentData()
        return TableQuery(**values)

    def refresh_facets(self) -> None:
        for facet, box in self.facet_boxes:
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(facet.all_label(), None)
            for value, label in facet.choices():
                box.addItem(label, value)
            index = box.findData(current)
            box.setCurrentIndex(max(index, 0))
            box.blockSignals(False)

    def reload(self) -> None:
        current = self.current_id()
        self.model.reload(self.query())
        n = self.model.rowCount()
        filtered = bool(self.filter.text().strip()) or any(
            box.currentIndex() > 0 for _f, box in self.facet_boxes
        )
        self.empty.setText(_("Nothing matches this filter.") if filtered else self.empty_text())
        self.list_stack.setCurrentWidget(self.table if n else self.empty)
        self.count.setText(self.count_text(n))
        row = self.model.row_of(current) if current is not None else None
        if row is not None:
            self.table.setCurrentIndex(self.model.index(row, 0))

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def focus_filter(self) -> None:
        self.filter.setFocus()
        self.filter.selectAll()

    def open_current(self) -> None:
        first = self.form.first_field()
        if first is not None:
            first.setFocus()

    def select_record(self, record_id: int) -> bool:
        """Shows a record, clearing the filters if they hide it."""
        if self.model.row_of(record_id) is None:
            self.filter.blockSignals(True)
            self.filter.clear()
            self.filter.blockSignals(False)
            for _facet, box in self.facet_boxes:
                box.blockSignals(True)
                box.setCurrentIndex(0)
                box.blockSignals(False)
            self.reload()
        row = self.model.row_of(record_id)
        if row is None:
            return False
        self.table.setCurrentIndex(self.model.index(row, 0))
        self.table.scrollTo(self.model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        record_id = self.model.id_at(current.row()) if current.isValid() else None
        if record_id == self.form.record_id:
            return
        if not self.confirm_leave():
            self.table.selectionModel().blockSignals(True)
            self.table.setCurrentIndex(previous)
            self.table.selectionModel().blockSignals(False)
            return
        self.form.load(record_id)

    def confirm_leave(self) -> bool:
        """The unsaved-changes guard: save, discard or stay."""
        if not self.form.dirty:
            return True
        from visitplanner.ui import dialogs

        answer = dialogs.ask_save_discard_cancel(
            self, _("Unsaved changes"), _("Save the changes to this record before leaving it?")
        )
        if answer == "save":
            return self.form.save()
        if answer == "discard":
            self.form.revert()
            return True
        return False

    def flush(self) -> None:
        pass  # a record's form saves only when asked; confirm_leave asks

    def new_record(self) -> None:
        if self.read_only or not self.confirm_leave():
            return
        self.table.selectionModel().blockSignals(True)
        self.table.setCurrentIndex(QModelIndex())
        self.table.clearSelection()
        self.table.selectionModel().blockSignals(False)
        self.form.load(None)
        first = self.form.first_field()
        if first is not None:
            first.setFocus()

    def delete_current(self) -> None:
        record_id = self.current_id()
        if record_id is None or self.read_only:
            return
        row = self.table.currentIndex().row()
        changes = self.history.trash(self.kind, record_id)
        self.form.load(None)
        self.reload()
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1), 0))
        self.changes_applied.emit(changes)

    def _context_menu(self, position: Any) -> None:
        menu = QMenu(self)
        for text, slot in (
            (self.new_label(), self.new_record),
            (_("Move to trash"), self.delete_current),
        ):
            action = QAction(text, menu)
            action.setEnabled(not self.read_only)
            action.triggered.connect(slot)
            menu.addAction(action)
        menu.exec(self.table.viewport().mapToGlobal(position))

    # --- changes --------------------------------------------------------------------------

    def _saved(self, changes: Changes) -> None:
        record_id = self.form.record_id
        if changes.created:
            self.reload()
            if record_id is not None:
                self.select_record(record_id)
        else:
            self.model.refresh_records(changes.updated_ids(self.kind))
        self.changes_applied.emit(changes)

    def on_changes(self, changes: Changes) -> None:
        """Changes made elsewhere (undo, another page, the demo): refresh what is shown."""
        if changes.touches(ChangeKind.DYNAMIC):
            self.refresh_facets()
        if not changes.touches(self.kind):
            return
        if changes.created or changes.deleted or changes.whole:
            self.reload()
        else:
            self.model.refresh_records(changes.updated_ids(self.kind))
        if not self.form.dirty:
            self.form.load(self.current_id())

    def _open_link(self, kind: str, record_id: int) -> None:
        if kind == self.kind:
            self.select_record(record_id)
        else:
            self.open_requested.emit(kind, record_id)

    # --- remembered layout ------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        pending = getattr(self, "_pending_splitter", None)
        if pending:
            self.splitter.restoreState(QByteArray.fromBase64(pending.encode()))
            self._pending_splitter = None

    def save_state(self) -> dict[str, str]:
        return {
            "splitter": bytes(self.splitter.saveState().toBase64()).decode(),
            "header": bytes(self.table.horizontalHeader().saveState().toBase64()).decode(),
        }

    def restore_state(self, state: dict[str, str]) -> None:
        # The splitter is restored once the page has its real width (first show);
        # restored earlier, the first resize would redistribute it.
        self._pending_splitter = state.get("splitter")
        if state.get("header"):
            self.table.horizontalHeader().restoreState(
                QByteArray.fromBase64(state["header"].encode())
            )
