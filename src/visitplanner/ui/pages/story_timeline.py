"""The timeline of the page "Shared story": year › month › entries, and the selection."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QTreeWidgetItem

from visitplanner.domain.enums import StoryKind
from visitplanner.i18n import _, current_language, ngettext, number
from visitplanner.services.story import entries as story_entries
from visitplanner.services.story import folder_sync
from visitplanner.services.story.entries import StoryEntryView
from visitplanner.ui import icons
from visitplanner.ui.story_views import month_name

EXPAND_ALL_UP_TO = 60  # entries; beyond, only the selected entry's month is open
ROLE = Qt.ItemDataRole.UserRole  # ("year", y) / ("month", (y, m)) / ("entry", uuid)


class StoryTimeline:
    """The timeline of :class:`StoryPage`, a part of the page rather than a widget of its own."""

    # --- timeline -----------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        """Lists the entries the filters let through, keeping (or moving to) a selection."""
        keep = select or self.current_uuid()
        scope = self._scope
        entries = story_entries.list_story(self.catalogue, filters=self.filters())
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
            row.setText(0, f"{short_day(entry.date)}   {entry.title}")
            row.setToolTip(0, f"{entry.title}\n{entry.author or ''}".strip())
            row.setIcon(
                0,
                icons.get(f"kind-{entry.kind}")
                if entry.kind in StoryKind.codes()
                else icons.get("story"),
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

    def current_entry(self) -> StoryEntryView | None:
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
            shared = folder_sync.shared_folder(self.catalogue) is not None
        self.clear_folder_action.setEnabled(shared and writable)
        self.open_folder_action.setEnabled(shared)

    @property
    def read_only(self) -> bool:
        return bool(getattr(self.catalogue, "read_only", False))


def short_day(value: date) -> str:
    from babel.dates import format_date

    return format_date(value, "d MMM", locale=current_language())
