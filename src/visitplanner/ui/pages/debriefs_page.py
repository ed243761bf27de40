"""The page "Debriefs": pick an event, write its debrief; every follow-up action in one list."""

from __future__ import annotations

from datetime import date
from functools import partial

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from visitplanner.i18n import _
from visitplanner.services.changes import ChangeKind, Changes
from visitplanner.services.directory import table_rows as tables
from visitplanner.services.documents import debriefs
from visitplanner.store.database import Catalogue
from visitplanner.ui.formats import day
from visitplanner.ui.forms.debrief import DebriefEditor
from visitplanner.ui.models.record_table import RecordTableModel
from visitplanner.ui.pages.catalogue_page import page_title


class DebriefsPage(QWidget):
    changes_applied = Signal(object)
    key = "debriefs"

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(_("Filter (Ctrl+F)"))
        self.filter.setAccessibleName(_("Filter the events"))
        self.filter.setClearButtonEnabled(True)
        self.model = RecordTableModel(
            [lambda: _("Date"), lambda: _("Title")],
            partial(tables.event_ids, catalogue),
            lambda ids: [tables.Row(r.id, r.cells[:2]) for r in tables.event_rows(catalogue, ids)],
            self,
        )
        self.table = QTableView()
        self.table.setAccessibleName(_("Events"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 120)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        self.actions = QTreeWidget()
        self.actions.setAccessibleName(_("Follow-up actions"))
        self.actions.setRootIsDecorated(False)
        self.actions.setHeaderLabels([_("Due"), _("Action"), _("Owner"), _("Event")])
        self.actions.setColumnWidth(0, 100)
        self.actions.setColumnWidth(1, 260)
        self.actions.itemActivated.connect(self._action_activated)

        events_tab = QWidget()
        events_layout = QVBoxLayout(events_tab)
        events_layout.addWidget(self.filter)
        events_layout.addWidget(self.table, 1)
        self.left = QTabWidget()
        self.left.addTab(events_tab, _("Events"))
        self.left.addTab(self.actions, _("Follow-up actions"))

        self.editor = DebriefEditor(catalogue)
        self.editor.changes_applied.connect(self.changes_applied)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.editor)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([340, 700])

        self.print_button = QPushButton(_("Debrief PDF…"))
        self.print_button.setAccessibleName(_("Print the debrief as a PDF"))
        self.print_button.clicked.connect(self.print_debrief)
        self.booklet_button = QPushButton(_("Booklet PDF…"))
        self.booklet_button.setAccessibleName(_("Print a booklet of all debriefs"))
        self.booklet_button.clicked.connect(self.print_booklet)
        header = QHBoxLayout()
        header.addWidget(page_title(_("Debriefs")))
        header.addStretch(1)
        header.addWidget(self.print_button)
        header.addWidget(self.booklet_button)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.splitter, 1)

        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self.reload)
        self.filter.textChanged.connect(lambda _t: self._debounce.start())
        self.reload()
        self.editor.load(None)

    def reload(self) -> None:
        self.model.reload(tables.TableQuery(search=self.filter.text(), period="past"))
        self._fill_actions()

    def _fill_actions(self) -> None:
        self.actions.clear()
        today = date.today()
        for action in debriefs.list_actions(self.catalogue, open_only=True):
            due = day(action.due_date) if action.due_date else ""
            row = QTreeWidgetItem([due, action.text, action.owner_name or "", action.event_title])
            row.setData(0, Qt.ItemDataRole.UserRole, action.event_id)
            if action.overdue(today):
                font = row.font(0)
                font.setBold(True)
                for column in range(4):
                    row.setFont(column, font)
                row.setText(0, _("{date} (overdue)").format(date=due))
            self.actions.addTopLevelItem(row)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.editor.load(self.model.id_at(current.row()) if current.isValid() else None)

    def open_event(self, event_id: int) -> None:
        """Shows the debrief of ``event_id`` (the events page's "Debrief" goes here)."""
        self.left.setCurrentIndex(0)
        row = self.model.row_of(event_id)
        if row is None:
            self.filter.clear()
            self.model.reload(tables.TableQuery())
            row = self.model.row_of(event_id)
        if row is not None:
            self.table.setCurrentIndex(self.model.index(row, 0))
        else:
            self.editor.load(event_id)

    def _action_activated(self, item: QTreeWidgetItem) -> None:
        self.open_event(item.data(0, Qt.ItemDataRole.UserRole))

    def print_debrief(self) -> None:
        from visitplanner.domain.errors import UserError
        from visitplanner.services.documents.printing import debrief_pdf
        from visitplanner.ui import dialogs
        from visitplanner.ui.export import ask_save_path, open_file

        view = self.editor.view
        if view is None:
            return
        self.editor.flush()
        from visitplanner.ui.file_dialogs import suggested_name

        suggested = suggested_name(
            _("debrief"), view.event_title, view.event_start.date(), suffix="pdf"
        )
        path = ask_save_path(self, _("Debrief PDF"), suggested, "pdf")
        if path is None:
            return
        try:
            open_file(debrief_pdf(self.catalogue, view.event_id, path))
        except UserError as exc:
            dialogs.show_error(self, _("The document was not written"), exc.message)

    def print_booklet(self) -> None:
        """Long documents are built off the GUI thread, with progress and Cancel."""
        from visitplanner.domain.errors import UserError
        from visitplanner.services.documents.printing import booklet_pdf
        from visitplanner.ui import dialogs, tasks
        from visitplanner.ui.booklet_dialog import BookletDialog
        from visitplanner.ui.export import ask_save_path, open_file

        self.editor.flush()
        choice = BookletDialog.ask(self.catalogue, self)
        if choice is None:
            return
        from visitplanner.ui.file_dialogs import suggested_name

        suggested = suggested_name(_("booklet"), choice.title, suffix="pdf")
        path = ask_save_path(self, _("Booklet PDF"), suggested, "pdf")
        if path is None:
            return
        settings = getattr(self.window(), "settings", None)  # the catalogue's zone: its days
        zone = getattr(settings, "default_timezone", None) or "Europe/Paris"

        def work(progress, cancelled):  # type: ignore[no-untyped-def]
            return booklet_pdf(
                self.catalogue,
                path,
                start=choice.start,
                end=choice.end,
                dynamic_id=choice.dynamic_id,
                title=choice.title,
                network=choice.network,
                progress=progress,
                cancelled=cancelled,
                zone=zone,
            )

        def done(result, error):  # type: ignore[no-untyped-def]
            if isinstance(error, UserError):
                dialogs.show_error(self, _("The document was not written"), error.message)
            elif error is not None:
                raise error
            else:
                open_file(result)

        tasks.run_task(self, _("Building the booklet…"), work, done)

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(ChangeKind.EVENT):
            self.reload()
        elif changes.touches(ChangeKind.DEBRIEF):
            self._fill_actions()

    def confirm_leave(self) -> bool:
        return True  # what is typed saves itself (see flush)

    def flush(self) -> None:
        """The debrief being typed is saved now, not when the editor's timer fires."""
        self.editor.flush()

    def hideEvent(self, event: object) -> None:
        self.editor.flush()  # leaving the page saves what was typed
        super().hideEvent(event)  # type: ignore[arg-type]
