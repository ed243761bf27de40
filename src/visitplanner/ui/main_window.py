"""The main window: navigation sidebar, one page per part of the coordinator's work."""

from __future__ import annotations

import contextlib
from typing import Any

from PySide6.QtCore import QByteArray, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from visitplanner import APP_NAME, __version__
from visitplanner.domain.errors import UserError
from visitplanner.i18n import _
from visitplanner.services.changes import Changes
from visitplanner.services.history import History
from visitplanner.settings import Settings, save_settings
from visitplanner.store.database import Catalogue
from visitplanner.ui import dialogs, icons
from visitplanner.ui.pages.catalogue_page import CataloguePage, page_title
from visitplanner.ui.pages.catalogue_pages import DynamicsPage, HostsPage, PeoplePage
from visitplanner.ui.pages.dashboard_page import DashboardPage

PAGES = (
    ("dashboard", lambda: _("Dashboard")),
    ("dynamics", lambda: _("Dynamics")),
    ("hosts", lambda: _("Host organisations")),
    ("people", lambda: _("People")),
    ("events", lambda: _("Visits and seminars")),
    ("debriefs", lambda: _("Debriefs")),
    ("log", lambda: _("Shared story")),
)
PAGE_OF_KIND = {"dynamic": "dynamics", "host": "hosts", "person": "people", "event": "events"}


class WelcomePage(QWidget):
    """First run on an empty catalogue: the two ways to get started."""

    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        title = page_title(_("Welcome to Visit Planner"))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        text = QLabel(
            _(
                "Your catalogue is empty. Load the demo catalogue to explore the application "
                "with French cooperation networks, or start by importing your contacts."
            )
        )
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setMaximumWidth(560)
        layout.addWidget(text, 0, Qt.AlignmentFlag.AlignHCenter)
        row = QHBoxLayout()
        row.addStretch(1)
        self.demo_button = QPushButton(_("Load the demo catalogue"))
        self.demo_button.setAccessibleName(_("Load the demo catalogue"))
        self.demo_button.setDefault(True)
        self.demo_button.clicked.connect(self.demo_requested)
        row.addWidget(self.demo_button)
        self.import_button = QPushButton(_("Import people (CSV)"))
        self.import_button.setAccessibleName(_("Import people (CSV)"))
        row.addWidget(self.import_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)


class PendingPage(QWidget):
    """An honest empty state for a page that a later version fills."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(title))
        note = QLabel(_("This page is not available yet in this version."))
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addStretch(1)


class MainWindow(QMainWindow):
    changes_applied = Signal(object)  # Changes, broadcast to every page

    def __init__(self, catalogue: Catalogue, settings: Settings) -> None:
        super().__init__()
        self.catalogue = catalogue
        self.settings = settings
        self.history = History(catalogue)
        self.search_popup: QWidget | None = None
        self.setWindowTitle(f"{APP_NAME} — {catalogue.label}")
        self.resize(1280, 800)

        self.sidebar = QListWidget()
        self.sidebar.setAccessibleName(_("Navigation"))
        self.sidebar.setIconSize(QSize(20, 20))
        self.sidebar.setSpacing(2)
        self.stack = QStackedWidget()
        # Pages are built when first shown: start-up pays only for the first page.
        self.pages: dict[str, QWidget] = {}
        for key, title in PAGES:
            item = QListWidgetItem(icons.get(key), title())
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setSizeHint(QSize(0, self.sidebar.fontMetrics().height() + 14))
            self.sidebar.addItem(item)
        widest = max(self.sidebar.fontMetrics().horizontalAdvance(t()) for _k, t in PAGES)
        self.sidebar.setFixedWidth(widest + 72)
        self.welcome = WelcomePage()
        self.welcome.demo_requested.connect(self.load_demo)
        self.welcome.import_button.clicked.connect(self.import_people)
        self.stack.addWidget(self.welcome)
        self.sidebar.currentRowChanged.connect(self._show_row)

        central = QWidget()
        row = QHBoxLayout(central)
        row.addWidget(self.sidebar)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._build_menus()
        self.changes_applied.connect(self._on_changes)
        self.history.on_change = self._update_undo_actions
        self._update_undo_actions()
        self._restore()
        self.statusBar().showMessage(_("Catalogue: {path}").format(path=catalogue.label))

    # --- pages -------------------------------------------------------------------------

    def _make_page(self, key: str, title: str) -> QWidget:
        if key == "dashboard":
            page = DashboardPage(self.catalogue)
            page.open_requested.connect(self.open_record)
            return page
        from visitplanner.ui.pages.events_page import EventsPage

        if key == "debriefs":
            from visitplanner.ui.pages.debriefs_page import DebriefsPage

            debriefs_page = DebriefsPage(self.catalogue)
            debriefs_page.changes_applied.connect(self.changes_applied)
            return debriefs_page

        classes = {
            "dynamics": DynamicsPage,
            "hosts": HostsPage,
            "people": PeoplePage,
            "events": EventsPage,
        }
        if key in classes:
            catalogue_page = classes[key](self.catalogue, self.history)
            catalogue_page.changes_applied.connect(self.changes_applied)
            catalogue_page.open_requested.connect(self.open_record)
            catalogue_page.import_requested.connect(self.import_people)
            catalogue_page.settings = self.settings
            participants = getattr(catalogue_page, "participants", None)
            if participants is not None:
                participants.settings = self.settings
            return catalogue_page
        return PendingPage(title)

    def page(self, key: str) -> QWidget:
        """The page ``key``, built on first use."""
        if key not in self.pages:
            title = dict(PAGES)[key]()
            page = self._make_page(key, title)
            if isinstance(page, CataloguePage):
                page.restore_state(self.settings.extra.get("pages", {}).get(key, {}))
            self.pages[key] = page
            self.stack.addWidget(page)
        return self.pages[key]

    def catalogue_pages(self) -> list[CataloguePage]:
        return [p for p in self.pages.values() if isinstance(p, CataloguePage)]

    def current_page(self) -> str:
        widget = self.stack.currentWidget()
        if widget is self.welcome:
            return "welcome"
        return next(key for key, page in self.pages.items() if page is widget)

    def show_page(self, key: str) -> bool:
        keys = [k for k, _title in PAGES]
        if self.current_page() == key:
            return True
        self.sidebar.setCurrentRow(keys.index(key))
        return self.current_page() == key

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        key = self.sidebar.item(row).data(Qt.ItemDataRole.UserRole)
        leaving = self.stack.currentWidget()
        if isinstance(leaving, CataloguePage) and not leaving.confirm_leave():
            keys = [k for k, _title in PAGES]
            self.sidebar.blockSignals(True)
            self.sidebar.setCurrentRow(keys.index(self.current_page()))
            self.sidebar.blockSignals(False)
            return
        self.stack.setCurrentWidget(self.page(key))
        self.settings.last_page = key

    def open_record(self, kind: str, record_id: Any) -> None:
        """Follows a link or a search hit to the record, wherever it lives."""
        if kind in PAGE_OF_KIND:
            page_key = PAGE_OF_KIND[kind]
            if self.show_page(page_key):
                page = self.page(page_key)
                assert isinstance(page, CataloguePage)
                if not page.select_record(int(record_id)):
                    self.statusBar().showMessage(_("This record is in the trash."), 5000)
        elif kind == "log":
            from visitplanner.ui.record_views import show_log_entry

            show_log_entry(self, self.catalogue, str(record_id))

    # --- menus -------------------------------------------------------------------------

    def _action(self, text: str, slot: Any, shortcut: Any = None) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        return action

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        file_menu.addAction(self._action(_("Load the demo catalogue"), self.load_demo))
        file_menu.addAction(self._action(_("Import people (CSV)…"), self.import_people))
        file_menu.addAction(self._action(_("Export people (CSV)…"), self.export_people))
        file_menu.addSeparator()
        file_menu.addAction(self._action(_("Outbox…"), self.show_outbox))
        file_menu.addAction(self._action(_("Import replies (.ics, .eml)…"), self.import_replies))
        file_menu.addAction(self._action(_("Import a calendar (.ics)…"), self.import_calendar))
        file_menu.addAction(self._action(_("Export the calendar (.ics)…"), self.export_calendar))
        file_menu.addSeparator()
        file_menu.addAction(self._action(_("Trash…"), self.show_trash))
        file_menu.addSeparator()
        file_menu.addAction(
            self._action(
                _("Preferences…"), self.show_preferences, QKeySequence.StandardKey.Preferences
            )
        )
        file_menu.addSeparator()
        file_menu.addAction(self._action(_("&Quit"), self.close, QKeySequence.StandardKey.Quit))

        edit_menu = self.menuBar().addMenu(_("&Edit"))
        self.undo_action = self._action(_("Undo"), self.undo, QKeySequence.StandardKey.Undo)
        self.undo_action.setIcon(icons.get("undo"))
        self.redo_action = self._action(_("Redo"), self.redo, "Ctrl+Shift+Z")
        self.redo_action.setIcon(icons.get("redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self.search_action = self._action(_("Search everything…"), self.show_search, "Ctrl+K")
        self.search_action.setIcon(icons.get("search"))
        edit_menu.addAction(self.search_action)
        edit_menu.addAction(
            self._action(_("New record"), self.new_record, QKeySequence.StandardKey.New)
        )

        go_menu = self.menuBar().addMenu(_("&Go"))
        for number, (key, title) in enumerate(PAGES, start=1):
            go_menu.addAction(
                self._action(title(), lambda _c=False, k=key: self.show_page(k), f"Ctrl+{number}")
            )

        help_menu = self.menuBar().addMenu(_("&Help"))
        help_menu.addAction(self._action(_("About Visit Planner"), self.show_about))

    # --- undo ----------------------------------------------------------------------------

    def _update_undo_actions(self) -> None:
        self.undo_action.setEnabled(self.history.can_undo)
        self.redo_action.setEnabled(self.history.can_redo)
        self.undo_action.setText(
            _("Undo {action}").format(action=self.history.undo_label)
            if self.history.can_undo
            else _("Undo")
        )
        self.redo_action.setText(
            _("Redo {action}").format(action=self.history.redo_label)
            if self.history.can_redo
            else _("Redo")
        )

    def undo(self) -> None:
        self._replay(self.history.undo, _("Undone: {action}"), self.history.undo_label)

    def redo(self) -> None:
        self._replay(self.history.redo, _("Redone: {action}"), self.history.redo_label)

    def _replay(self, operation: Any, message: str, label: str) -> None:
        page = self.stack.currentWidget()
        if isinstance(page, CataloguePage) and page.form.dirty:
            page.form.revert()
        try:
            changes = operation()
        except UserError as exc:
            dialogs.show_error(self, _("This cannot be undone"), exc.message)
            return
        self.changes_applied.emit(changes)
        self.statusBar().showMessage(message.format(action=label), 5000)

    # --- other actions ----------------------------------------------------------------------

    def show_search(self) -> None:
        from visitplanner.ui.search_popup import SearchPopup

        # Window-modal, not a nested event loop: the window stays alive behind it.
        self.search_popup = SearchPopup(self.catalogue, self)
        self.search_popup.open_requested.connect(self.open_record)
        self.search_popup.open()

    def new_record(self) -> None:
        """Ctrl+N: a new record of the page shown (people from the dashboard)."""
        page = self.stack.currentWidget()
        if not isinstance(page, CataloguePage):
            if not self.show_page("people"):
                return
            page = self.page("people")
        assert isinstance(page, CataloguePage)
        page.new_record()

    def import_people(self, path: Any = None) -> None:
        from visitplanner.ui.import_dialog import ImportDialog

        report = ImportDialog.run(self.catalogue, self, path=path or None)
        if report is not None:
            self.changes_applied.emit(report.changes)
            if self.stack.currentWidget() is self.welcome:
                self.show_page("people")
            self.statusBar().showMessage(" ".join(report.summary()[:1]), 8000)

    def export_people(self) -> None:
        from visitplanner.services.exports import export_people
        from visitplanner.ui.export import ask_save_path

        path = ask_save_path(self, _("Export people"), "people.csv")
        if path is None:
            return
        try:
            count = export_people(self.catalogue, path)
        except UserError as exc:
            dialogs.show_error(self, _("The export failed"), exc.message)
            return
        self.statusBar().showMessage(
            _("{n} people exported to {path}.").format(n=count, path=path), 8000
        )

    def show_outbox(self) -> None:
        from visitplanner.ui.outbox_dialog import OutboxDialog

        dialog = OutboxDialog(self.catalogue, self.settings, self)
        dialog.changes_applied.connect(self.changes_applied)
        dialog.exec()

    def import_replies(self, files: Any = None) -> None:
        from PySide6.QtWidgets import QFileDialog

        from visitplanner.services.replies import import_replies

        if not files:
            files, _filter = QFileDialog.getOpenFileNames(
                self, _("Import replies"), "", _("Replies (*.ics *.eml);;All files (*)")
            )
        if not files:
            return
        report = import_replies(self.catalogue, files)
        self.changes_applied.emit(report.changes)
        dialogs.show_report(
            self,
            _("Replies"),
            report.summary(),
            [o.message for o in report.outcomes],
        )

    def import_calendar(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from visitplanner.services.calendar_files import import_calendar

        name, _filter = QFileDialog.getOpenFileName(
            self, _("Import a calendar"), "", _("Calendars (*.ics);;All files (*)")
        )
        if not name:
            return
        try:
            result = import_calendar(self.catalogue, name)
        except UserError as exc:
            dialogs.show_error(self, _("This calendar cannot be imported"), exc.message)
            return
        self.changes_applied.emit(result.changes)
        self.statusBar().showMessage(
            _("{created} events created, {updated} updated, {unchanged} unchanged.").format(
                created=result.created, updated=result.updated, unchanged=result.unchanged
            ),
            8000,
        )

    def export_calendar(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from visitplanner.services.calendar_files import export_feed

        name, _filter = QFileDialog.getSaveFileName(
            self, _("Export the calendar"), "visitplanner.ics", _("Calendars (*.ics)")
        )
        if not name:
            return
        try:
            count = export_feed(self.catalogue, name)
        except UserError as exc:
            dialogs.show_error(self, _("The export failed"), exc.message)
            return
        self.statusBar().showMessage(
            _("{n} events written to {path}.").format(n=count, path=name), 8000
        )

    def show_preferences(self) -> None:
        from visitplanner.ui.preferences_dialog import PreferencesDialog

        if PreferencesDialog.edit(self.settings, self):
            self.statusBar().showMessage(_("Preferences saved."), 5000)

    def show_trash(self) -> None:
        from visitplanner.ui.trash_dialog import TrashDialog

        dialog = TrashDialog(self.catalogue, self)
        dialog.changes_applied.connect(self.changes_applied)
        dialog.exec()

    def load_demo(self) -> None:
        from visitplanner.services.demo import is_empty, load_demo

        if not is_empty(self.catalogue) and not dialogs.ask_yes_no(
            self,
            _("Replace the catalogue?"),
            _("The catalogue is not empty. Replace its whole content with the demo catalogue?"),
        ):
            return
        try:
            summary = load_demo(self.catalogue, force=True)
        except UserError as exc:
            dialogs.show_error(self, _("The demo catalogue was not loaded"), exc.message)
            return
        self.history.clear()
        self.changes_applied.emit(Changes.of(created=[("catalogue", 0)]))
        self.sidebar.setCurrentRow(0)
        self.stack.setCurrentWidget(self.page("dashboard"))
        self.statusBar().showMessage(
            _("Demo catalogue loaded: {people} people, {events} events.").format(
                people=summary.people, events=summary.events
            )
        )

    def _on_changes(self, changes: Changes) -> None:
        dashboard = self.pages.get("dashboard")
        if isinstance(dashboard, DashboardPage):
            dashboard.refresh()
        for page in self.catalogue_pages():
            page.on_changes(changes)
        debriefs_page = self.pages.get("debriefs")
        if debriefs_page is not None and hasattr(debriefs_page, "on_changes"):
            debriefs_page.on_changes(changes)
        self._update_undo_actions()
        if changes and not changes.touches("catalogue"):
            self.statusBar().showMessage(_("Saved."), 3000)

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            _("About Visit Planner"),
            _(
                "Visit Planner {version}\nLearning visits and joint seminars for territorial "
                "cooperation networks.\nLicence: EUPL-1.2"
            ).format(version=__version__),
        )

    # --- remembered state ------------------------------------------------------------------------

    def _restore(self) -> None:
        from visitplanner.services.demo import is_empty

        if self.settings.window_geometry:
            self.restoreGeometry(QByteArray.fromBase64(self.settings.window_geometry.encode()))
        keys = [key for key, _title in PAGES]
        if is_empty(self.catalogue):
            self.sidebar.setCurrentRow(-1)
            self.stack.setCurrentWidget(self.welcome)
        else:
            last = self.settings.last_page if self.settings.last_page in keys else "dashboard"
            self.sidebar.setCurrentRow(keys.index(last))

    def closeEvent(self, event: QCloseEvent) -> None:
        debriefs_page = self.pages.get("debriefs")
        if debriefs_page is not None and hasattr(debriefs_page, "editor"):
            debriefs_page.editor.flush()  # what was typed is saved, not lost
        page = self.stack.currentWidget()
        if isinstance(page, CataloguePage) and not page.confirm_leave():
            event.ignore()
            return
        self.settings.window_geometry = bytes(self.saveGeometry().toBase64()).decode()
        states = dict(self.settings.extra.get("pages", {}))
        states.update({p.key: p.save_state() for p in self.catalogue_pages()})
        self.settings.extra["pages"] = states
        # Preferences are a comfort; failing to save them never blocks closing the window.
        with contextlib.suppress(OSError):
            save_settings(self.settings)
        super().closeEvent(event)
