"""The page "Shared story": the collective's story by year and month, read like a text.

Left, a timeline (year › month › entries); right, the selected month told as flowing
text. The story is shared with other coordinators through a folder; ``StorySync``
keeps that folder and this catalogue in step in the background, whether or not the
page has been opened, because a finalised debrief adds to the story from elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QToolButton,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.errors import UserError
from visitplanner.i18n import _
from visitplanner.services.changes import ChangeKind, Changes
from visitplanner.services.story import folder_sync
from visitplanner.services.story.entries import StoryEntryView
from visitplanner.settings import Settings
from visitplanner.store.database import Catalogue
from visitplanner.ui import dialogs, icons
from visitplanner.ui.pages.catalogue_page import page_title
from visitplanner.ui.pages.story_entries import StoryEntries
from visitplanner.ui.pages.story_export import EXPORT_FORMATS, StoryExport
from visitplanner.ui.pages.story_filters import StoryFilters
from visitplanner.ui.pages.story_reading import StoryReading
from visitplanner.ui.pages.story_timeline import StoryTimeline
from visitplanner.ui.story_sync import StorySync, choose_folder
from visitplanner.ui.story_views import StoryColours

# --- the page ------------------------------------------------------------------------


class StoryPage(StoryFilters, StoryTimeline, StoryReading, StoryEntries, StoryExport, QWidget):
    changes_applied = Signal(object)  # Changes made on this page
    open_requested = Signal(str, object)  # a link to a record shown on another page
    key = "story"

    def __init__(
        self,
        catalogue: Catalogue,
        settings: Settings,
        sync: StorySync | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.settings = settings
        self.sync = sync
        self.entries: dict[str, StoryEntryView] = {}
        self.entry_dialog: QWidget | None = None
        self.history_dialog: QWidget | None = None
        self._scope: tuple[Any, ...] | None = None
        self._own_change = False
        self._pending_splitter = settings.extra.get("pages", {}).get(self.key, {}).get("splitter")
        self._build_actions()
        self._build_filters()
        self._build_body()

        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self.reload)
        self._resize_timer = QTimer(self, singleShot=True, interval=200)
        self._resize_timer.timeout.connect(self._render)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        for box in (self.dynamic_box, self.kind_box, self.challenge_box):
            box.currentIndexChanged.connect(lambda _index: self.reload())
        self.period_box.currentIndexChanged.connect(lambda _index: self._period_changed())
        self.start_edit.dateChanged.connect(lambda _day: self.reload())
        self.end_edit.dateChanged.connect(lambda _day: self.reload())
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.focus_search)
        if sync is not None:
            sync.status_changed.connect(self._sync_status)
        self._sync_status()
        self.reload()

    # --- building -----------------------------------------------------------------------

    def _action(
        self, icon: str, text: str, slot: Callable[[], Any], tip: str | None = None
    ) -> QAction:
        action = QAction(icons.get(icon), text, self)
        action.triggered.connect(lambda _checked=False: slot())
        if tip:
            action.setToolTip(tip)
        return action

    def _button(self, action: QAction, accessible: str) -> QToolButton:
        button = QToolButton()
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setAutoRaise(True)
        button.setAccessibleName(accessible)
        return button

    def _build_actions(self) -> None:
        self.new_action = self._action(
            "new", _("New entry"), self.new_entry, _("New entry (Ctrl+N)")
        )
        self.edit_action = self._action("edit", _("Edit"), self.edit_current, _("Edit (Enter)"))
        self.delete_action = self._action(
            "trash", _("Delete"), self.delete_current, _("Delete the entry (Delete)")
        )
        self.history_action = self._action(
            "history",
            _("History…"),
            self.show_history,
            _("Every version of the entry, and who wrote it"),
        )
        self.sync_action = self._action(
            "sync",
            _("Sync now"),
            self.sync_now,
            _("Exchange the entries with the shared folder now"),
        )
        self.folder_action = self._action(
            "folder",
            _("Shared folder…"),
            self.choose_shared_folder,
            _("Choose the folder shared with the other coordinators"),
        )
        self.open_folder_action = self._action(
            "open", _("Open the shared folder"), self.open_shared_folder
        )
        self.clear_folder_action = self._action(
            "folder-off", _("Stop sharing through this folder"), self.clear_shared_folder
        )
        self.export_menu = QMenu(_("Export"), self)
        self.export_actions: dict[str, QAction] = {}
        for fmt, label, _name in EXPORT_FORMATS:
            action = self.export_menu.addAction(label())
            action.triggered.connect(lambda _c=False, f=fmt: self.export(f))
            self.export_actions[fmt] = action
        self.export_action = QAction(icons.get("export"), _("Export…"), self)
        self.export_action.setMenu(self.export_menu)
        self.export_action.setToolTip(_("The story as a PDF, Markdown or web page"))

    def _build_body(self) -> None:
        self.new_button = QPushButton(icons.get("new"), _("New entry"))
        self.new_button.setAccessibleName(_("New entry"))
        self.new_button.setToolTip(_("New entry (Ctrl+N)"))
        self.new_button.setDefault(True)
        self.new_button.clicked.connect(self.new_entry)
        self.sync_button = self._button(self.sync_action, _("Sync now"))
        self.folder_button = self._button(self.folder_action, _("Shared folder"))
        self.folder_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        folder_menu = QMenu(self.folder_button)
        folder_menu.addAction(self.folder_action)
        folder_menu.addAction(self.open_folder_action)
        folder_menu.addAction(self.clear_folder_action)
        self.folder_button.setMenu(folder_menu)
        self.export_button = QPushButton(icons.get("export"), _("Export…"))
        self.export_button.setAccessibleName(_("Export the story"))
        self.export_button.setToolTip(self.export_action.toolTip())
        self.export_button.setFlat(True)
        self.export_button.setMenu(self.export_menu)

        header = QHBoxLayout()
        header.addWidget(page_title(_("Shared story")))
        header.addStretch(1)
        header.addWidget(self.sync_button)
        header.addWidget(self.folder_button)
        header.addWidget(self.export_button)
        header.addWidget(self.new_button)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        for box in (self.dynamic_box, self.kind_box, self.challenge_box, self.period_box):
            filters.addWidget(box, 1)
        filters.addWidget(self.start_edit)
        filters.addWidget(self.end_edit)

        self.tree = QTreeWidget()
        self.tree.setAccessibleName(_("Timeline"))
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setExpandsOnDoubleClick(False)
        self.tree.currentItemChanged.connect(self._current_changed)
        # Double-click or Enter, never a single click (some desktops activate on one).
        self.tree.itemDoubleClicked.connect(self._activated)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(
            lambda pos: self._context_menu(self.tree.viewport(), pos)
        )
        delete = QShortcut(
            QKeySequence(Qt.Key.Key_Delete), self.tree, activated=self.delete_current
        )
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.tree, activated=self._enter)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)

        self.reader = QTextBrowser()
        self.reader.setAccessibleName(_("The story"))
        self.reader.setOpenLinks(False)
        self.reader.anchorClicked.connect(self._link)
        self.reader.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.reader.customContextMenuRequested.connect(
            lambda pos: self._context_menu(self.reader.viewport(), pos)
        )
        self.reader.document().setDocumentMargin(12)
        entry_bar = QHBoxLayout()
        entry_bar.setContentsMargins(0, 0, 0, 0)
        self.edit_button = self._button(self.edit_action, _("Edit the entry"))
        self.delete_button = self._button(self.delete_action, _("Delete the entry"))
        self.history_button = self._button(self.history_action, _("History of the entry"))
        self.scope_label = QLabel()
        font = self.scope_label.font()
        font.setBold(True)
        self.scope_label.setFont(font)
        entry_bar.addWidget(self.scope_label, 1)
        entry_bar.addWidget(self.edit_button)
        entry_bar.addWidget(self.history_button)
        entry_bar.addWidget(self.delete_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(entry_bar)
        right_layout.addWidget(self.reader, 1)

        self.splitter = QSplitter()
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([360, 700])
        self.splitter.splitterMoved.connect(lambda _pos, _index: self.save_state())

        self.empty = self._empty_state()
        self.body = QStackedWidget()
        self.body.addWidget(self.splitter)
        self.body.addWidget(self.empty)

        self.count = QLabel()
        self.count.setAccessibleName(_("Number of entries"))
        self.sync_label = QLabel()
        self.sync_label.setAccessibleName(_("Shared folder status"))
        self.sync_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.sync_label.setTextFormat(Qt.TextFormat.RichText)
        self.sync_label.setWordWrap(False)
        self.sync_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.sync_label.linkActivated.connect(lambda _link: self.choose_shared_folder())
        footer = QHBoxLayout()
        footer.addWidget(self.count)
        footer.addWidget(self.sync_label, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(filters)
        layout.addWidget(self.body, 1)
        layout.addLayout(footer)

    def _empty_state(self) -> QWidget:
        widget = QWidget()
        layout = QVBoxLayout(widget)
        layout.addStretch(1)
        picture = QLabel()
        picture.setPixmap(icons.get("story").pixmap(64, 64, QIcon.Mode.Disabled))
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(picture)
        self.empty_text = QLabel()
        self.empty_text.setWordWrap(True)
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row = QHBoxLayout()  # a centred column of text that wraps instead of being clipped
        row.addStretch(1)
        row.addWidget(self.empty_text, 4)
        row.addStretch(1)
        layout.addLayout(row)
        self.empty_button = QPushButton()
        self.empty_button.clicked.connect(self._empty_clicked)
        layout.addWidget(self.empty_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        return widget

    # --- sharing ------------------------------------------------------------------------

    def sync_now(self) -> None:
        """Shares at once; with no folder chosen yet, choosing one is the first step."""
        if folder_sync.shared_folder(self.catalogue) is None:
            self.choose_shared_folder()
        elif self.sync is not None:
            self.sync.sync(manual=True)

    def choose_shared_folder(self) -> None:
        folder = choose_folder(self, folder_sync.shared_folder(self.catalogue))
        if folder is None:
            return
        try:
            folder_sync.set_shared_folder(self.catalogue, folder)
        except UserError as exc:
            dialogs.show_error(self, _("This folder cannot be used"), exc.message)
            return
        self._sync_status()  # updates the actions too
        self.sync_now()

    def open_shared_folder(self) -> None:
        """The folder in the file manager: to check what the sync tool did with it."""
        from visitplanner.ui.export import open_file

        folder = folder_sync.shared_folder(self.catalogue)
        if folder is not None and folder_sync.folder_reachable(folder):
            open_file(folder)

    def clear_shared_folder(self) -> None:
        folder_sync.set_shared_folder(self.catalogue, None)
        if self.sync is not None:
            self.sync._update_status()
        self._sync_status()  # updates the actions too
        self.window().statusBar().showMessage(
            _("The story is no longer shared; the folder was left as it is."), 8000
        )

    def _sync_status(self, _text: str = "") -> None:
        folder = folder_sync.shared_folder(self.catalogue)
        if folder is None:
            hint = _(
                "Share this story with other coordinators: choose a shared folder (Nextcloud, "
                "Syncthing, network share, USB key)"
            )
            colour = StoryColours.from_palette(self.palette()).meta
            self.sync_label.setText(
                f'<a href="folder" style="color:{colour}; text-decoration:none;">'
                f"{_escape(hint)}</a>"
            )
            self.sync_label.setToolTip(hint)
        else:
            text = self.sync.status if self.sync is not None and self.sync.status else str(folder)
            self.sync_label.setText(_escape(text))
            tip = getattr(self.sync, "status_tooltip", "") if self.sync is not None else ""
            self.sync_label.setToolTip(tip or str(folder))
        self._update_actions(shared=folder is not None)

    # --- changes and layout ---------------------------------------------------------------

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._resize_timer.start()  # photos follow the width of the view

    def confirm_leave(self) -> bool:
        return True  # entries are written in their own dialog, saved or cancelled there

    def flush(self) -> None:
        pass  # nothing typed on the page itself

    def on_changes(self, changes: Changes) -> None:
        """Changes made elsewhere (a finalised debrief, a sync, the demo): refresh the story."""
        if self.sync is not None and self.sync.catalogue is not self.catalogue:
            return  # this page is being replaced along with its catalogue
        if changes.touches(ChangeKind.DYNAMIC):
            self.refresh_dynamics()
        if self._own_change:
            return
        shown = (ChangeKind.STORY_ENTRY, ChangeKind.EVENT, ChangeKind.DYNAMIC)
        if any(changes.touches(kind) for kind in shown):
            self.reload()
        if changes.whole:
            self._sync_status()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._pending_splitter:
            self.splitter.restoreState(QByteArray.fromBase64(self._pending_splitter.encode()))
            self._pending_splitter = None
        self._sync_status()  # the folder may have been chosen elsewhere (command line)
        self._resize_timer.start()

    def save_state(self) -> None:
        """The splitter is remembered with the other pages' layouts (saved at close)."""
        pages = dict(self.settings.extra.get("pages", {}))
        pages[self.key] = {"splitter": bytes(self.splitter.saveState().toBase64()).decode()}
        self.settings.extra["pages"] = pages


def _escape(text: str) -> str:
    from html import escape

    return escape(text)
