"""The main window: navigation sidebar, one page per part of the coordinator's work."""

from __future__ import annotations

import contextlib
from typing import Any, cast

from PySide6.QtCore import QByteArray, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from visitplanner import APP_NAME
from visitplanner.domain.errors import UserError
from visitplanner.i18n import _
from visitplanner.services.changes import Changes
from visitplanner.services.recovery.history import History
from visitplanner.settings import Settings, save_settings
from visitplanner.store.database import Catalogue
from visitplanner.ui import dialogs, icons
from visitplanner.ui.file_commands import FileCommands
from visitplanner.ui.pages.catalogue_page import CataloguePage
from visitplanner.ui.pages.dashboard_page import DashboardPage
from visitplanner.ui.pages.protocol import Page
from visitplanner.ui.welcome_page import WelcomePage

PAGES = (
    ("dashboard", lambda: _("Dashboard")),
    ("dynamics", lambda: _("Dynamics")),
    ("hosts", lambda: _("Host organisations")),
    ("people", lambda: _("People")),
    ("events", lambda: _("Visits and seminars")),
    ("debriefs", lambda: _("Debriefs")),
    ("story", lambda: _("Shared story")),
    ("report", lambda: _("Activity report")),
)
PAGE_OF_KIND = {"dynamic": "dynamics", "host": "hosts", "person": "people", "event": "events"}


class MainWindow(FileCommands, QMainWindow):
    changes_applied = Signal(object)  # Changes, broadcast to every page

    def __init__(self, catalogue: Catalogue, settings: Settings) -> None:
        super().__init__()
        self.catalogue = catalogue
        self.settings = settings
        self.history = History(catalogue)
        self.search_popup: QWidget | None = None
        self._update_title()
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
        self.sidebar.setFixedWidth(widest + 56)
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
        from visitplanner.ui.story_sync import StorySync

        self.story_sync = StorySync(self)  # shares the story through its folder, in the background
        from visitplanner.ui.live_refresh import LiveRefresh

        self.live_refresh = LiveRefresh(self)  # a team catalogue: the others' changes, live
        self.history.on_change = self._update_undo_actions
        self._update_undo_actions()
        self._restore()
        self.statusBar().showMessage(_("Catalogue: {path}").format(path=catalogue.label))
        from visitplanner.ui.catalogue_switch import catalogue_opened

        catalogue_opened(self)  # recent list, team mark, warning for a synced folder

    def _update_title(self) -> None:
        """The catalogue in the title, and whether it is read-only, always in sight.

        Named as its calendar feed is (the file's name, not its folders): the status bar
        says where it is stored.
        """
        from visitplanner.services.calendars.naming import feed_name

        title = f"{APP_NAME} — {feed_name(self.catalogue)}"
        if self.catalogue.read_only:
            title += " " + _("(read-only)")
        if self.catalogue.info("copy_of"):
            from visitplanner.ui.offline_copy import mark_offline_copy

            title += " " + _("(offline copy)")
            mark_offline_copy(self, self.catalogue)
        if not self.catalogue.is_sqlite:  # shared with the team: never mistaken for a file
            url = self.catalogue.url
            host = url.host or url.query.get("host") or "localhost"
            title += " " + _("(team catalogue on {host})").format(host=host)
        self.setWindowTitle(title)

    # --- pages -------------------------------------------------------------------------

    def _make_page(self, key: str) -> QWidget:
        if key == "dashboard":
            page = DashboardPage(
                self.catalogue, zone=self.settings.default_timezone or "Europe/Paris"
            )
            page.open_requested.connect(self.open_record)
            page.figure_requested.connect(self.show_figure)
            return page
        # The other pages, their forms and models are imported when first shown.
        from visitplanner.ui.pages.catalogue_pages import DynamicsPage, HostsPage, PeoplePage
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
            if isinstance(catalogue_page, EventsPage):
                catalogue_page.participants.settings = self.settings
            return catalogue_page
        if key == "story":
            from visitplanner.ui.pages.story_page import StoryPage

            story_page = StoryPage(self.catalogue, self.settings, self.story_sync)
            story_page.changes_applied.connect(self.changes_applied)
            story_page.open_requested.connect(self.open_record)
            return story_page
        if key == "report":
            from visitplanner.ui.pages.report_page import ReportPage

            report_page = ReportPage(self.catalogue, self.settings.default_timezone)
            report_page.open_requested.connect(self.open_record)
            report_page.status_message.connect(lambda m: self.statusBar().showMessage(m, 8000))
            return report_page
        raise ValueError(f"no page {key!r}")

    def page(self, key: str) -> QWidget:
        """The page ``key``, built on first use."""
        if key not in self.pages:
            page = self._make_page(key)
            if not isinstance(page, Page):
                raise TypeError(f"{type(page).__name__} does not keep ui.pages.protocol.Page")
            if isinstance(page, CataloguePage):
                page.restore_state(self.settings.extra.get("pages", {}).get(key, {}))
            self.pages[key] = page
            self.stack.addWidget(page)
        return self.pages[key]

    def catalogue_pages(self) -> list[CataloguePage]:
        return [p for p in self.pages.values() if isinstance(p, CataloguePage)]

    def built_pages(self) -> list[Page]:
        """The pages built so far, as the window talks to them (checked when built)."""
        return [cast(Page, page) for page in self.pages.values()]

    def shown_page(self) -> Page | None:
        """The page on screen; None for the welcome page, which is none of the sidebar's."""
        widget = self.stack.currentWidget()
        shown = [page for page in self.pages.values() if page is widget]
        return cast(Page, shown[0]) if shown else None

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
        leaving = self.shown_page()
        if leaving is not None and not leaving.confirm_leave():
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
        elif kind == "story" and self.show_page("story"):
            story = self.page("story")
            if not story.select_entry(str(record_id)):
                self.statusBar().showMessage(_("This entry is no longer in the story."), 5000)

    def show_figure(self, start: Any, end: Any, selection: Any) -> None:
        """A dashboard figure opens the activity report of its period, on its records."""
        if self.show_page("report"):
            self.page("report").set_period(start, end, selection)

    # --- menus -------------------------------------------------------------------------

    def _action(self, text: str, slot: Any, shortcut: Any = None) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        return action

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        file_menu.setToolTipsVisible(True)  # why "Restore a backup…" may be disabled
        from visitplanner.ui.catalogue_switch import add_catalogue_actions

        add_catalogue_actions(self, file_menu)  # open a file, connect to a team, recent ones
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
        from visitplanner.ui.privacy_actions import add_privacy_actions

        add_privacy_actions(self, file_menu)
        file_menu.addSeparator()
        self.restore_action = self._action(_("Restore a backup…"), self.restore_backup)
        file_menu.addAction(self.restore_action)
        self._update_restore_action()
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
        for position, (key, title) in enumerate(PAGES, start=1):
            go_menu.addAction(
                self._action(title(), lambda _c=False, k=key: self.show_page(k), f"Ctrl+{position}")
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
        if page is self.pages.get("story"):
            page.new_record()
            return
        if not isinstance(page, CataloguePage):
            if not self.show_page("people"):
                return
            page = self.page("people")
        assert isinstance(page, CataloguePage)
        page.new_record()

    def show_preferences(self) -> None:
        from visitplanner.services.story import folder_sync
        from visitplanner.ui.preferences_dialog import PreferencesDialog

        before = folder_sync.shared_folder(self.catalogue)
        if PreferencesDialog.edit(self.settings, self, self.catalogue):
            self.statusBar().showMessage(_("Preferences saved."), 5000)
            if self.catalogue.actor is not None:  # the audit trail's name follows at once
                actor = self.catalogue.actor
                actor.coordinator = self.settings.organiser_name.strip() or actor.coordinator_login
            self._zone_changed(self.settings.default_timezone or "Europe/Paris")
            if folder_sync.shared_folder(self.catalogue) != before:
                self.story_sync.sync()  # a folder just chosen is shared at once

    def _zone_changed(self, zone: str) -> None:
        """The year's figures and the Bilan count calendar days in Preferences' time zone."""
        dashboard, report_page = self.pages.get("dashboard"), self.pages.get("report")
        if isinstance(dashboard, DashboardPage) and dashboard.figures.zone != zone:
            dashboard.figures.zone = zone
            dashboard.figures.refresh()
        if report_page is not None and report_page.zone != zone:
            report_page.zone = zone
            report_page.refresh()

    def show_trash(self) -> None:
        from visitplanner.ui.trash_dialog import TrashDialog

        dialog = TrashDialog(self.catalogue, self)
        dialog.changes_applied.connect(self.changes_applied)
        dialog.exec()

    def _on_changes(self, changes: Changes) -> None:
        for page in self.built_pages():
            page.on_changes(changes)
        self._update_undo_actions()
        if changes and not changes.whole:
            self.statusBar().showMessage(_("Saved."), 3000)

    def show_about(self) -> None:
        from visitplanner.ui.about_dialog import AboutDialog

        AboutDialog.present(self.catalogue.label, self)

    def replace_catalogue(self, catalogue: Catalogue) -> None:
        """Shows another (or a reopened) catalogue: every page is rebuilt on it.

        Pages hold the catalogue they were made with and cache rows; building them
        again is simpler and surer than teaching each one to switch.
        """
        states = dict(self.settings.extra.get("pages", {}))
        states.update({p.key: p.save_state() for p in self.catalogue_pages()})
        self.settings.extra["pages"] = states
        current = self.current_page()
        self.stack.setCurrentWidget(self.welcome)
        for page in self.pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages = {}
        self.catalogue = catalogue
        self.history = History(catalogue)
        self.history.on_change = self._update_undo_actions
        self._update_undo_actions()
        self._update_title()
        self._update_restore_action()
        if current == "welcome":
            current = self.settings.last_page
        self.sidebar.blockSignals(True)
        self.sidebar.setCurrentRow(-1)
        self.sidebar.blockSignals(False)
        self._restore_page(current)

    # --- remembered state ------------------------------------------------------------------------

    def _restore(self) -> None:
        if self.settings.window_geometry:
            self.restoreGeometry(QByteArray.fromBase64(self.settings.window_geometry.encode()))
        self._restore_page(self.settings.last_page)

    def _restore_page(self, last: str) -> None:
        """The welcome page on an empty catalogue, else the page ``last`` (or the dashboard)."""
        from visitplanner.services.demo import is_empty

        keys = [key for key, _title in PAGES]
        if is_empty(self.catalogue):
            self.sidebar.setCurrentRow(-1)
            self.stack.setCurrentWidget(self.welcome)
            # The sidebar, first to get the focus, would pick its first row and leave
            # the welcome page at once: the focus starts on the page's first action.
            self.welcome.demo_button.setFocus()
        else:
            last = last if last in keys else "dashboard"
            self.sidebar.setCurrentRow(keys.index(last))

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._leave_pages():  # what was typed is saved, not lost
            event.ignore()
            return
        self.settings.window_geometry = bytes(self.saveGeometry().toBase64()).decode()
        states = dict(self.settings.extra.get("pages", {}))
        states.update({p.key: p.save_state() for p in self.catalogue_pages()})
        self.settings.extra["pages"] = states
        # Preferences are a comfort; failing to save them never blocks closing the window.
        with contextlib.suppress(OSError):
            save_settings(self.settings)
        self.live_refresh.stop()
        self.story_sync.stop()
        super().closeEvent(event)
