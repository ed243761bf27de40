"""The page "Shared story": the collective's story by year and month, read like a text.

Left, a timeline (year › month › entries); right, the selected month told as flowing
text. The story is shared with other coordinators through a folder; ``StorySync``
keeps that folder and this catalogue in step in the background, whether or not the
page has been opened, because a finalised debrief adds to the story from elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QDate, QPoint, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QFont, QIcon, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.enums import Challenge, LogKind
from visitplanner.domain.errors import UserError
from visitplanner.i18n import _, current_language, ngettext, number
from visitplanner.services import logsync, narrative, tables
from visitplanner.services.changes import Changes
from visitplanner.services.narrative import LogEntryView, LogFilter
from visitplanner.settings import Settings
from visitplanner.store.database import Catalogue
from visitplanner.ui import dialogs, icons, tasks
from visitplanner.ui.pages.catalogue_page import page_title
from visitplanner.ui.record_views import StoryColours, month_name, story_html
from visitplanner.ui.story_sync import StorySync, choose_folder

EXPAND_ALL_UP_TO = 60  # entries; beyond, only the selected entry's month is open
READING_WIDTH = 820  # pixels: lines of a comfortable length for reading
ROLE = Qt.ItemDataRole.UserRole  # ("year", y) / ("month", (y, m)) / ("entry", uuid)
EXPORT_FORMATS = (
    ("pdf", lambda: _("PDF document…"), "recit-commun.pdf"),
    ("md", lambda: _("Markdown text…"), "recit-commun.md"),
    ("html", lambda: _("Web page (HTML)…"), "recit-commun.html"),
)


# --- the page ------------------------------------------------------------------------


class StoryPage(QWidget):
    changes_applied = Signal(object)  # Changes made on this page
    open_requested = Signal(str, object)  # a link to a record shown on another page
    key = "log"

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
        self.entries: dict[str, LogEntryView] = {}
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

    def _build_filters(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search the story (Ctrl+F)"))
        self.search.setAccessibleName(_("Search the story"))
        self.search.setClearButtonEnabled(True)
        self.dynamic_box = self._combo(_("All dynamics"))
        self.kind_box = self._combo(_("All kinds"))
        for kind in LogKind:
            self.kind_box.addItem(icons.get(f"kind-{kind.value}"), kind.label, kind.value)
        self.challenge_box = self._combo(_("All challenges"))
        for challenge in Challenge:
            self.challenge_box.addItem(challenge.label, challenge.value)
        self.period_box = self._combo(_("All dates"))
        self.period_box.setAccessibleName(_("Period"))
        for value, label in (
            ("year", _("This year")),
            ("12m", _("Last 12 months")),
            ("custom", _("Custom period")),
        ):
            self.period_box.addItem(label, value)
        today = date.today()
        self.start_edit = QDateEdit(QDate(today.year, 1, 1))
        self.end_edit = QDateEdit(QDate(today.year, today.month, today.day))
        for edit, name in ((self.start_edit, _("From")), (self.end_edit, _("Until"))):
            edit.setCalendarPopup(True)
            edit.setAccessibleName(name)
            edit.setToolTip(name)
            edit.hide()
        self.refresh_dynamics()

    def _combo(self, all_label: str) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(all_label)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        # Never narrower than its "All …" label, in whichever language.
        box.setMinimumContentsLength(max(10, len(all_label) + 1))
        box.addItem(all_label, None)
        return box

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
        picture.setPixmap(icons.get("log").pixmap(64, 64, QIcon.Mode.Disabled))
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

    # --- filters ------------------------------------------------------------------------

    def refresh_dynamics(self) -> None:
        current = self.dynamic_box.currentData()
        self.dynamic_box.blockSignals(True)
        while self.dynamic_box.count() > 1:
            self.dynamic_box.removeItem(1)
        for dynamic_id, name in tables.dynamic_choices(self.catalogue):
            self.dynamic_box.addItem(name, dynamic_id)
        self.dynamic_box.setCurrentIndex(max(self.dynamic_box.findData(current), 0))
        self.dynamic_box.blockSignals(False)

    def _period_changed(self) -> None:
        custom = self.period_box.currentData() == "custom"
        self.start_edit.setVisible(custom)
        self.end_edit.setVisible(custom)
        self.reload()

    def filters(self) -> LogFilter:
        """What the person asked to see; the export writes the same selection."""
        today = date.today()
        start = end = None
        period = self.period_box.currentData()
        if period == "year":
            start, end = date(today.year, 1, 1), date(today.year, 12, 31)
        elif period == "12m":
            start, end = today - timedelta(days=365), today
        elif period == "custom":
            start, end = self.start_edit.date().toPython(), self.end_edit.date().toPython()
        return LogFilter(
            search=self.search.text().strip() or None,
            dynamic_id=self.dynamic_box.currentData(),
            kind=self.kind_box.currentData(),
            challenge=self.challenge_box.currentData(),
            start=start,
            end=end,
        )

    def filtered(self) -> bool:
        return bool(self.search.text().strip()) or any(
            box.currentIndex() > 0
            for box in (self.dynamic_box, self.kind_box, self.challenge_box, self.period_box)
        )

    def clear_filters(self) -> None:
        widgets = (
            self.search,
            self.dynamic_box,
            self.kind_box,
            self.challenge_box,
            self.period_box,
        )
        for widget in widgets:
            widget.blockSignals(True)
        self.search.clear()
        for box in widgets[1:]:
            box.setCurrentIndex(0)  # type: ignore[attr-defined]
        for widget in widgets:
            widget.blockSignals(False)
        self.start_edit.hide()
        self.end_edit.hide()
        self.reload()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # --- timeline -----------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        """Lists the entries the filters let through, keeping (or moving to) a selection."""
        keep = select or self.current_uuid()
        scope = self._scope
        entries = narrative.list_log(self.catalogue, filters=self.filters())
        self.entries = {e.uuid: e for e in entries}
        self.tree.blockSignals(True)
        self.tree.clear()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        years: dict[int, QTreeWidgetItem] = {}
        months: dict[tuple[int, int], QTreeWidgetItem] = {}
        counts: dict[Any, int] = {}
        for entry in entries:  # newest first
            year, month = entry.date.year, entry.date.month
            if year not in years:
                item = QTreeWidgetItem(self.tree)
                item.setData(0, ROLE, ("year", year))
                item.setFont(0, bold)
                years[year] = item
            if (year, month) not in months:
                item = QTreeWidgetItem(years[year])
                item.setData(0, ROLE, ("month", (year, month)))
                months[(year, month)] = item
            counts[year] = counts.get(year, 0) + 1
            counts[(year, month)] = counts.get((year, month), 0) + 1
            row = QTreeWidgetItem(months[(year, month)])
            row.setText(0, f"{_short_day(entry.date)}   {entry.title}")
            row.setToolTip(0, f"{entry.title}\n{entry.author or ''}".strip())
            row.setIcon(
                0,
                icons.get(f"kind-{entry.kind}")
                if entry.kind in LogKind.codes()
                else icons.get("log"),
            )
            row.setData(0, ROLE, ("entry", entry.uuid))
        for year, item in years.items():
            item.setText(0, _("{year} ({n})").format(year=year, n=number(counts[year])))
            item.setExpanded(True)
        for (year, month), item in months.items():
            item.setText(
                0,
                _("{month} ({n})").format(
                    month=month_name(year, month, False), n=counts[(year, month)]
                ),
            )
            # A short story opens entirely; a long one opens at its months.
            item.setExpanded(len(entries) <= EXPAND_ALL_UP_TO)
        self.tree.blockSignals(False)

        n = len(entries)
        self.count.setText(ngettext("{n} entry", "{n} entries", n).format(n=number(n)))
        if not entries:
            self._show_empty()
            self._update_actions()
            return
        self.body.setCurrentWidget(self.splitter)
        target = self._item_for(("entry", keep)) if keep else None
        if target is None and scope is not None:
            target = self._item_for(scope)
        if target is None:
            first_month = self.tree.topLevelItem(0).child(0)
            target = first_month.child(0)
        self._scope = None
        self.tree.setCurrentItem(target)
        self.tree.scrollToItem(target)  # opens its month if needed
        self._current_changed(target, None)

    def _show_empty(self) -> None:
        self.reader.clear()
        self._scope = None
        if self.filtered():
            self.empty_text.setText(_("No entry matches these filters."))
            self.empty_button.setText(_("Clear the filters"))
            self.empty_button.setIcon(icons.get("search"))
        else:
            self.empty_text.setText(
                _(
                    "The shared story tells what the collective did and decided, entry by "
                    "entry. Write the first one."
                )
            )
            self.empty_button.setText(_("New entry"))
            self.empty_button.setIcon(icons.get("new"))
        self.empty_button.setAccessibleName(self.empty_button.text())
        self.body.setCurrentWidget(self.empty)

    def _empty_clicked(self) -> None:
        if self.filtered():
            self.clear_filters()
        else:
            self.new_entry()

    def _item_for(self, data: tuple[Any, ...]) -> QTreeWidgetItem | None:
        for year_index in range(self.tree.topLevelItemCount()):
            year = self.tree.topLevelItem(year_index)
            if year.data(0, ROLE) == data:
                return year
            for month_index in range(year.childCount()):
                month = year.child(month_index)
                if month.data(0, ROLE) == data:
                    return month
                for entry_index in range(month.childCount()):
                    entry = month.child(entry_index)
                    if entry.data(0, ROLE) == data:
                        return entry
        return None

    def current_uuid(self) -> str | None:
        item = self.tree.currentItem()
        data = item.data(0, ROLE) if item is not None else None
        return data[1] if data and data[0] == "entry" else None

    def current_entry(self) -> LogEntryView | None:
        uuid = self.current_uuid()
        return self.entries.get(uuid) if uuid else None

    def select_entry(self, uuid: str) -> bool:
        """Shows the entry ``uuid``, clearing the filters if they hide it."""
        if uuid not in self.entries and self.filtered():
            self.clear_filters()
        if uuid not in self.entries:
            return False
        item = self._item_for(("entry", uuid))
        self.tree.setCurrentItem(item)
        self.tree.scrollToItem(item)
        return True

    def _current_changed(self, item: QTreeWidgetItem | None, _previous: Any) -> None:
        self._update_actions()
        self._render()

    def _enter(self) -> None:
        item = self.tree.currentItem()
        if item is not None:
            self._activated(item)

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        data = item.data(0, ROLE)
        if data and data[0] == "entry":
            self.edit_current()
        else:
            item.setExpanded(not item.isExpanded())

    def _update_actions(self, shared: bool | None = None) -> None:
        """``shared``: whether a folder is chosen, when the caller has just read it."""
        has_entry = self.current_uuid() is not None
        writable = not self.read_only  # read-only: the story shows, nothing offers to write
        for action in (self.edit_action, self.delete_action):
            action.setEnabled(has_entry and writable)
        self.history_action.setEnabled(has_entry)
        for action in (self.sync_action, self.folder_action):
            action.setEnabled(writable)
        self.new_button.setEnabled(writable)
        self.empty_button.setEnabled(writable or self.filtered())
        if self.read_only:
            self.new_button.setToolTip(_("This catalogue is open read-only."))
        if shared is None:
            shared = logsync.shared_folder(self.catalogue) is not None
        self.clear_folder_action.setEnabled(shared and writable)
        self.open_folder_action.setEnabled(shared)

    @property
    def read_only(self) -> bool:
        return bool(getattr(self.catalogue, "read_only", False))

    # --- reading view -------------------------------------------------------------------

    def _render(self) -> None:
        """Writes the selected month (or year) as text and brings the selected entry into view."""
        item = self.tree.currentItem()
        data = item.data(0, ROLE) if item is not None else None
        if not data:
            self.reader.clear()
            self.scope_label.clear()
            return
        kind, value = data
        if kind == "entry":
            chosen = self.entries[value]
            year, month = chosen.date.year, chosen.date.month
        elif kind == "month":
            year, month = value
        else:
            year, month = value, None
        shown = [
            e
            for e in self.entries.values()
            if e.date.year == year and (month is None or e.date.month == month)
        ]
        heading = month_name(year, month) if month else str(year)
        self.scope_label.setText(heading)
        side = max((self.reader.viewport().width() - READING_WIDTH) // 2, 12)
        width = max(self.reader.viewport().width() - 2 * side, 240)
        html = story_html(
            shown,
            StoryColours.from_palette(self.palette()),
            width,
            selected=value if kind == "entry" else None,
        )
        scroll = self.reader.verticalScrollBar().value() if self._scope == data else None
        self._scope = data
        self.reader.setHtml(html)
        # A column of readable width, centred, however wide the window is.
        frame = self.reader.document().rootFrame()
        layout = frame.frameFormat()
        layout.setLeftMargin(side)
        layout.setRightMargin(side)
        frame.setFrameFormat(layout)
        if kind == "entry":
            self.reader.scrollToAnchor(value)
        elif scroll is not None:
            self.reader.verticalScrollBar().setValue(scroll)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._resize_timer.start()  # photos follow the width of the view

    def _link(self, url: QUrl) -> None:
        scheme, _sep, value = url.toString().partition(":")
        if scheme == "event" and value.isdigit():
            self.open_requested.emit("event", int(value))

    def _context_menu(self, widget: QWidget, position: QPoint) -> None:
        if widget is self.tree.viewport():
            item = self.tree.itemAt(position)
            if item is not None:
                self.tree.setCurrentItem(item)
        menu = QMenu(self)
        for action in (self.new_action, self.edit_action, self.history_action, self.delete_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.sync_action)
        menu.addAction(self.folder_action)
        menu.addMenu(self.export_menu)
        menu.exec(widget.mapToGlobal(position))

    # --- entries ------------------------------------------------------------------------

    def author(self) -> str | None:
        return self.settings.organiser_name.strip() or None

    def new_record(self) -> None:
        """Ctrl+N from the window while this page is shown."""
        self.new_entry()

    def new_entry(self) -> None:
        from visitplanner.ui.forms.story_entry_dialog import StoryEntryDialog

        if self.read_only:
            return  # Ctrl+N, or Enter on the empty page: nothing to write into
        self._open_entry_dialog(StoryEntryDialog(self.catalogue, None, self.author(), self))

    def edit_current(self) -> None:
        from visitplanner.ui.forms.story_entry_dialog import StoryEntryDialog

        uuid = self.current_uuid()
        if uuid is None or self.read_only:
            return
        try:
            entry = narrative.get_entry(self.catalogue, uuid)
        except UserError:
            self.reload()
            return
        self._open_entry_dialog(StoryEntryDialog(self.catalogue, entry, self.author(), self))

    def _open_entry_dialog(self, dialog: Any) -> None:
        if self.entry_dialog is not None and not self.entry_dialog.isVisible():
            self.entry_dialog.deleteLater()  # the previous one, closed
        dialog.saved.connect(self._entry_saved)
        self.entry_dialog = dialog
        dialog.open()  # window-modal without a nested event loop

    def _entry_saved(self, uuid: str, changes: Changes) -> None:
        self.reload(select=uuid)
        if uuid not in self.entries:  # the filters hide what was just written: show it
            self.clear_filters()
            self.select_entry(uuid)
        self._emit(changes)

    def _emit(self, changes: Changes) -> None:
        if not changes:
            return
        self._own_change = True
        try:
            self.changes_applied.emit(changes)
        finally:
            self._own_change = False

    def delete_current(self) -> None:
        entry = self.current_entry()
        if entry is None or self.read_only:
            return
        if logsync.shared_folder(self.catalogue) is not None:
            question = _(
                "Delete “{title}” from the shared story? The other coordinators will see it "
                "removed at their next sync. Its history keeps every version."
            )
        else:
            question = _("Delete “{title}” from the story? Its history keeps every version.")
        if not dialogs.ask_yes_no(self, _("Delete the entry"), question.format(title=entry.title)):
            return
        try:
            changes = narrative.delete_entry(self.catalogue, entry.uuid, self.author())
        except UserError as exc:
            dialogs.show_error(self, _("The entry was not deleted"), exc.message)
            return
        neighbours = list(self.entries)
        index = neighbours.index(entry.uuid)
        following = neighbours[index + 1] if index + 1 < len(neighbours) else None
        previous = neighbours[index - 1] if index > 0 else None
        self.reload(select=following or previous)
        self._emit(changes)
        self.window().statusBar().showMessage(_("Entry deleted."), 5000)

    def show_history(self) -> None:
        from visitplanner.ui.story_history_dialog import StoryHistoryDialog

        uuid = self.current_uuid()
        if uuid is None:
            return
        dialog = StoryHistoryDialog(self.catalogue, uuid, self.author(), self)
        dialog.restored.connect(lambda changes: self._restored(uuid, changes))
        if self.history_dialog is not None and not self.history_dialog.isVisible():
            self.history_dialog.deleteLater()
        self.history_dialog = dialog
        dialog.open()

    def _restored(self, uuid: str, changes: Changes) -> None:
        self.reload(select=uuid)
        self._emit(changes)
        self.window().statusBar().showMessage(_("The chosen version is now the current one."), 5000)

    # --- sharing ------------------------------------------------------------------------

    def sync_now(self) -> None:
        """Shares at once; with no folder chosen yet, choosing one is the first step."""
        if logsync.shared_folder(self.catalogue) is None:
            self.choose_shared_folder()
        elif self.sync is not None:
            self.sync.sync(manual=True)

    def choose_shared_folder(self) -> None:
        folder = choose_folder(self, logsync.shared_folder(self.catalogue))
        if folder is None:
            return
        try:
            logsync.set_shared_folder(self.catalogue, folder)
        except UserError as exc:
            dialogs.show_error(self, _("This folder cannot be used"), exc.message)
            return
        self._sync_status()  # updates the actions too
        self.sync_now()

    def open_shared_folder(self) -> None:
        """The folder in the file manager: to check what the sync tool did with it."""
        from visitplanner.ui.export import open_file

        folder = logsync.shared_folder(self.catalogue)
        if folder is not None and logsync.folder_reachable(folder):
            open_file(folder)

    def clear_shared_folder(self) -> None:
        logsync.set_shared_folder(self.catalogue, None)
        if self.sync is not None:
            self.sync._update_status()
        self._sync_status()  # updates the actions too
        self.window().statusBar().showMessage(
            _("The story is no longer shared; the folder was left as it is."), 8000
        )

    def _sync_status(self, _text: str = "") -> None:
        folder = logsync.shared_folder(self.catalogue)
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

    # --- export -------------------------------------------------------------------------

    def export(self, fmt: str) -> None:
        """Writes the story as filtered on screen, off the GUI thread."""
        from visitplanner.ui.export import ask_save_path, open_file

        suggested = next(name for f, _label, name in EXPORT_FORMATS if f == fmt)
        path = ask_save_path(self, _("Export the shared story"), suggested, fmt)
        if path is None:
            return
        filters = self.filters()
        catalogue = self.catalogue
        language = current_language()

        def work(progress, cancelled):  # type: ignore[no-untyped-def]
            from visitplanner.services.story_export import export_story

            return export_story(
                catalogue,
                fmt,
                path,
                filters=filters,
                language=language,
                progress=progress,
                cancelled=cancelled,
            )

        def done(result: Path | None, error: BaseException | None) -> None:
            if isinstance(error, UserError):
                dialogs.show_error(self, _("The story was not exported"), error.message)
            elif error is not None:
                raise error
            elif result is not None:
                self._offer_open(Path(result), open_file)

        tasks.run_task(self, _("Exporting the shared story…"), work, done)

    def _offer_open(self, path: Path, open_file: Callable[[Path], None]) -> None:
        """A quiet confirmation with an Open button in the status bar, not a pop-up."""
        bar = self.window().statusBar()
        old = getattr(self, "open_export_button", None)
        if old is not None:
            bar.removeWidget(old)
            old.deleteLater()
        button = QPushButton(icons.get("open"), _("Open {name}").format(name=path.name))
        button.setAccessibleName(_("Open the exported story"))
        button.setFlat(True)

        def remove() -> None:
            if getattr(self, "open_export_button", None) is button:
                bar.removeWidget(button)
                button.deleteLater()
                self.open_export_button = None

        button.clicked.connect(lambda: (open_file(path), remove()))
        bar.addPermanentWidget(button)
        self.open_export_button: QPushButton | None = button
        QTimer.singleShot(30_000, button, remove)
        bar.showMessage(_("Story exported to {path}.").format(path=path), 10_000)

    # --- changes and layout ---------------------------------------------------------------

    def on_changes(self, changes: Changes) -> None:
        """Changes made elsewhere (a finalised debrief, a sync, the demo): refresh the story."""
        if self.sync is not None and self.sync.catalogue is not self.catalogue:
            return  # this page is being replaced along with its catalogue
        if changes.touches("dynamic") or changes.touches("catalogue"):
            self.refresh_dynamics()
        if self._own_change:
            return
        if any(changes.touches(k) for k in ("log_entry", "catalogue", "event", "dynamic")):
            self.reload()
        if changes.touches("catalogue"):
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


def _short_day(value: date) -> str:
    from babel.dates import format_date

    return format_date(value, "d MMM", locale=current_language())


def _escape(text: str) -> str:
    from html import escape

    return escape(text)
