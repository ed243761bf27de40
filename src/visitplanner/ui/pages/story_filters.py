"""The filters bar of the page "Shared story": search, dynamic, kind, challenge, period."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QLineEdit,
)

from visitplanner.domain.enums import Challenge, StoryKind
from visitplanner.i18n import _
from visitplanner.services.directory import table_rows as tables
from visitplanner.services.story.entries import StoryFilter
from visitplanner.ui import icons


class StoryFilters:
    """The filters of :class:`StoryPage`, a part of the page rather than a widget of its own."""

    def _build_filters(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search the story (Ctrl+F)"))
        self.search.setAccessibleName(_("Search the story"))
        self.search.setClearButtonEnabled(True)
        self.dynamic_box = self._combo(_("All dynamics"))
        self.kind_box = self._combo(_("All kinds"))
        for kind in StoryKind:
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

    def filters(self) -> StoryFilter:
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
        return StoryFilter(
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
