"""The main window: navigation sidebar, one page per part of the coordinator's work."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime

from PySide6.QtCore import QByteArray, Qt, Signal
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
from visitplanner.settings import Settings, save_settings
from visitplanner.store.database import Catalogue
from visitplanner.ui.dialogs import show_error

PAGES = (
    ("dashboard", lambda: _("Dashboard")),
    ("dynamics", lambda: _("Dynamics")),
    ("hosts", lambda: _("Host organisations")),
    ("people", lambda: _("People")),
    ("events", lambda: _("Visits and seminars")),
    ("debriefs", lambda: _("Debriefs")),
    ("log", lambda: _("Shared story")),
)


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    font.setBold(True)
    label.setFont(font)
    return label


class WelcomePage(QWidget):
    """First run on an empty catalogue: the two ways to get started."""

    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        title = _heading(_("Welcome to Visit Planner"))
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
        layout.addWidget(text)
        row = QHBoxLayout()
        row.addStretch(1)
        self.demo_button = QPushButton(_("Load the demo catalogue"))
        self.demo_button.setAccessibleName(_("Load the demo catalogue"))
        self.demo_button.setDefault(True)
        self.demo_button.clicked.connect(self.demo_requested)
        row.addWidget(self.demo_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)


class DashboardPage(QWidget):
    """What needs attention now: upcoming events, replies awaited, overdue actions."""

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        layout = QVBoxLayout(self)
        layout.addWidget(_heading(_("Dashboard")))
        layout.addWidget(QLabel(_("Upcoming events")))
        self.upcoming = QListWidget()
        self.upcoming.setAccessibleName(_("Upcoming events"))
        layout.addWidget(self.upcoming)
        layout.addWidget(QLabel(_("Overdue follow-up actions")))
        self.overdue = QListWidget()
        self.overdue.setAccessibleName(_("Overdue follow-up actions"))
        layout.addWidget(self.overdue)
        self.refresh()

    def refresh(self) -> None:
        from babel.dates import format_date, format_datetime

        from visitplanner.i18n import current_language
        from visitplanner.services.debriefs import list_actions
        from visitplanner.services.planning import list_events

        self.upcoming.clear()
        now = datetime.now(UTC)
        for event in list_events(self.catalogue, start_from=now, limit=20):
            when = format_datetime(event.start, "EEE d MMM y, HH:mm", locale=current_language())
            self.upcoming.addItem(QListWidgetItem(f"{when} — {event.title}"))
        if not self.upcoming.count():
            self.upcoming.addItem(_("No upcoming event."))
        self.overdue.clear()
        today = now.date()
        for action in list_actions(self.catalogue, open_only=True):
            if action.overdue(today):
                owner = f" ({action.owner_name})" if action.owner_name else ""
                due = format_date(action.due_date, "d MMM y", locale=current_language())
                self.overdue.addItem(f"{due} — {action.text}{owner}")
        if not self.overdue.count():
            self.overdue.addItem(_("No overdue action."))


class PendingPage(QWidget):
    """An honest empty state for a page that a later version fills."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(_heading(title))
        note = QLabel(_("This page is not available yet in this version."))
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addStretch(1)


class MainWindow(QMainWindow):
    changes_applied = Signal(object)

    def __init__(self, catalogue: Catalogue, settings: Settings) -> None:
        super().__init__()
        self.catalogue = catalogue
        self.settings = settings
        self.setWindowTitle(f"{APP_NAME} — {catalogue.label}")
        self.resize(1280, 800)

        self.sidebar = QListWidget()
        self.sidebar.setAccessibleName(_("Navigation"))
        self.sidebar.setFixedWidth(220)
        self.sidebar.setSpacing(3)
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}
        for key, title in PAGES:
            page = self._make_page(key, title())
            self.pages[key] = page
            self.stack.addWidget(page)
            item = QListWidgetItem(title())
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.sidebar.addItem(item)
        self.welcome = WelcomePage()
        self.welcome.demo_requested.connect(self.load_demo)
        self.stack.addWidget(self.welcome)
        self.sidebar.currentRowChanged.connect(self._show_row)

        central = QWidget()
        row = QHBoxLayout(central)
        row.addWidget(self.sidebar)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._build_menus()
        self.changes_applied.connect(self._on_changes)
        self._restore()
        self.statusBar().showMessage(_("Catalogue: {path}").format(path=catalogue.label))

    def _make_page(self, key: str, title: str) -> QWidget:
        if key == "dashboard":
            return DashboardPage(self.catalogue)
        if key == "people":
            from visitplanner.ui.pages.people_page import PeoplePage

            page = PeoplePage(self.catalogue)
            page.changes_applied.connect(self.changes_applied)
            return page
        return PendingPage(title)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        demo = QAction(_("Load the demo catalogue"), self)
        demo.triggered.connect(self.load_demo)
        file_menu.addAction(demo)
        file_menu.addSeparator()
        quit_action = QAction(_("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu(_("&Help"))
        about = QAction(_("About Visit Planner"), self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

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

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        key = self.sidebar.item(row).data(Qt.ItemDataRole.UserRole)
        self.stack.setCurrentWidget(self.pages[key])
        self.settings.last_page = key

    def current_page(self) -> str:
        widget = self.stack.currentWidget()
        if widget is self.welcome:
            return "welcome"
        return next(key for key, page in self.pages.items() if page is widget)

    def load_demo(self) -> None:
        from visitplanner.services.demo import is_empty, load_demo

        if not is_empty(self.catalogue):
            answer = QMessageBox.question(
                self,
                _("Replace the catalogue?"),
                _("The catalogue is not empty. Replace its whole content with the demo catalogue?"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            summary = load_demo(self.catalogue, force=True)
        except UserError as exc:
            show_error(self, _("The demo catalogue was not loaded"), exc.message)
            return
        self.changes_applied.emit(Changes.of(created=[("catalogue", 0)]))
        self.sidebar.setCurrentRow(0)
        self.statusBar().showMessage(
            _("Demo catalogue loaded: {people} people, {events} events.").format(
                people=summary.people, events=summary.events
            )
        )

    def _on_changes(self, changes: Changes) -> None:
        dashboard = self.pages["dashboard"]
        if isinstance(dashboard, DashboardPage):
            dashboard.refresh()
        if changes.touches("catalogue"):
            people = self.pages["people"]
            if hasattr(people, "reload"):
                people.reload()

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            _("About Visit Planner"),
            _(
                "Visit Planner {version}\nLearning visits and joint seminars for territorial "
                "cooperation networks.\nLicence: EUPL-1.2"
            ).format(version=__version__),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.window_geometry = bytes(self.saveGeometry().toBase64()).decode()
        # Preferences are a comfort; failing to save them never blocks closing the window.
        with contextlib.suppress(OSError):
            save_settings(self.settings)
        super().closeEvent(event)
