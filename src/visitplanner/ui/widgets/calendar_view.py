"""A month, week and agenda calendar of the events, for the page "Visites et séminaires".

Coordinators think of their year in months ("what is on in March?") and prepare
week by week; the page's table answers neither question. This view only reads:
it asks ``fetch(start, end)`` for the events starting in a period and lays them
out. Opening an event or creating one on a day is the page's business, through
:attr:`CalendarView.event_activated` and :attr:`CalendarView.day_activated`.

Everything is drawn with the palette at paint time (chips, outlines, day
numbers), so the view follows the system's light or dark mode without a style
sheet. An event is placed on the dates of its own time zone, the way its
organisers and participants read it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import (
    QEvent,
    QSize,
    Signal,
)
from PySide6.QtGui import (
    QHideEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.enums import EventKind
from visitplanner.i18n import _
from visitplanner.services.events.planning import EventView
from visitplanner.ui.widgets.calendar_agenda import AgendaView
from visitplanner.ui.widgets.calendar_colours import kind_swatch
from visitplanner.ui.widgets.calendar_month import MonthView

# Names the tests and the import dialog read from here.
from visitplanner.ui.widgets.calendar_week import StripeDelegate as _StripeDelegate  # noqa: F401
from visitplanner.ui.widgets.calendar_week import WeekColumn as _WeekColumn  # noqa: F401
from visitplanner.ui.widgets.calendar_week import WeekView
from visitplanner.ui.widgets.calendar_words import (
    AGENDA_DAYS,
    LOOKBACK,
    MODES,
    Fetch,
    days_of,
    first_day,
    format_date,
    last_day,
    midnight_utc,
    sort_key,
    time_label,  # noqa: F401
)

# --- the view -----------------------------------------------------------------------------


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


class CalendarView(QWidget):
    """Events by month, by week or as an agenda of the coming 60 days.

    ``fetch(start, end)`` returns the events starting in ``[start, end)`` (aware
    UTC moments); the view asks for a little more than it shows so that an
    event begun before the period but still running appears on its days.
    """

    event_activated = Signal(int)
    day_activated = Signal(date)
    mode_changed = Signal(str)

    def __init__(self, fetch: Fetch, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._mode = "month"
        self._anchor = date.today()
        self._events: list[EventView] = []
        self._by_day: dict[date, list[EventView]] = {}

        style = self.style()
        self.today_button = QToolButton()
        self.today_button.clicked.connect(self.today)
        self.previous_button = QToolButton()
        self.previous_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowBack))
        self.previous_button.clicked.connect(self.previous)
        self.next_button = QToolButton()
        self.next_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowForward))
        self.next_button.clicked.connect(self.next)
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        # Never cut: as wide as the longest month's name, and a longer period (a week,
        # the agenda's two months) goes on two lines rather than losing its end.
        self.title.setWordWrap(True)
        self.title.setMinimumWidth(
            max(
                self.title.fontMetrics().horizontalAdvance(format_date(date(2026, m, 1), "LLLL y"))
                for m in range(1, 13)
            )
        )

        self.mode_group = QButtonGroup(self)
        self.mode_group.setExclusive(True)
        self.mode_buttons: dict[str, QToolButton] = {}
        modes = QHBoxLayout()
        modes.setSpacing(0)
        for index, mode in enumerate(MODES):
            button = QToolButton()
            button.setCheckable(True)
            self.mode_group.addButton(button, index)
            self.mode_buttons[mode] = button
            modes.addWidget(button)
        self.mode_group.idClicked.connect(lambda index: self.set_mode(MODES[index]))

        toolbar = QHBoxLayout()
        toolbar.addWidget(self.today_button)
        toolbar.addWidget(self.previous_button)
        toolbar.addWidget(self.next_button)
        toolbar.addSpacing(8)
        toolbar.addWidget(self.title, 1)
        toolbar.addLayout(modes)

        self.month = MonthView()
        self.week = WeekView()
        self.agenda = AgendaView()
        for view in (self.month, self.week, self.agenda):
            view.event_activated.connect(self.event_activated)
        self.month.day_activated.connect(self.day_activated)
        self.week.day_activated.connect(self.day_activated)
        self.month.more_requested.connect(self._show_week_of)
        self.stack = QStackedWidget()
        for view in (self.month, self.week, self.agenda):
            self.stack.addWidget(view)

        self.legend = QHBoxLayout()
        self.legend.setSpacing(4)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(toolbar)
        layout.addWidget(self.stack, 1)
        layout.addLayout(self.legend)
        self._retranslate()
        self.refresh()

    # --- size ---------------------------------------------------------------------------

    def minimumSizeHint(self) -> QSize:
        """Nothing while hidden behind the list: a stack is as wide as its widest page,
        and the calendar's toolbar would widen the page (and the window) for nothing."""
        return QSize(0, 0) if self.isHidden() else super().minimumSizeHint()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.updateGeometry()  # shown: its real minimum counts again

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.updateGeometry()

    # --- public API -----------------------------------------------------------------------

    def mode(self) -> str:
        """ "month", "week" or "agenda": the page remembers it between sessions."""
        return self._mode

    def set_mode(self, mode: str) -> None:
        """Shows the month grid, the week columns or the agenda, around the same date."""
        if mode not in MODES:
            raise ValueError(f"unknown calendar mode {mode!r}")
        changed = mode != self._mode
        self._mode = mode
        self.mode_buttons[mode].setChecked(True)
        self.stack.setCurrentIndex(MODES.index(mode))
        self.refresh()
        if changed:
            self.mode_changed.emit(mode)

    def go_to(self, day: date) -> None:
        """Shows the period holding ``day`` (the agenda starts on it)."""
        self._anchor = day
        self.refresh()

    def next(self) -> None:
        """One month, one week or one agenda page (60 days) later."""
        self._step(1)

    def previous(self) -> None:
        """One month, one week or one agenda page (60 days) earlier."""
        self._step(-1)

    def today(self) -> None:
        """Back to the period holding today's date."""
        self.go_to(date.today())

    def refresh(self) -> None:
        """Asks ``fetch`` again: the page calls it after any change to the events."""
        first, end = self._days()
        start, stop = self.visible_range()
        fetched = self._fetch(start - LOOKBACK, stop + timedelta(days=1))
        seen: set[int] = set()
        self._events = []
        for event in sorted(fetched, key=lambda e: (e.start, e.id)):
            if event.id in seen or last_day(event) < first or first_day(event) >= end:
                continue
            seen.add(event.id)
            self._events.append(event)
        self._by_day = {}
        for event in self._events:
            for day in days_of(event):
                if first <= day < end:
                    self._by_day.setdefault(day, []).append(event)
        for day, events in self._by_day.items():
            events.sort(key=lambda e, d=day: sort_key(e, d))
        self._render()

    def visible_range(self) -> tuple[datetime, datetime]:
        """The period shown, from the first day's midnight to the midnight after the last
        day, as aware UTC moments (midnights on this computer's clock)."""
        first, end = self._days()
        return midnight_utc(first), midnight_utc(end)

    def visible_days(self) -> tuple[date, date]:
        """The first day shown and the day after the last one."""
        return self._days()

    def shown_event_ids(self) -> list[int]:
        """Every event on a day of the period, in the order they start (those behind "+N" too)."""
        return [event.id for event in self._events]

    def events_on(self, day: date) -> list[int]:
        """The events listed on ``day``, in the order the views list them."""
        return [event.id for event in self._by_day.get(day, [])]

    def title_text(self) -> str:
        """The period as the toolbar reads it: « mars 2027 », "Week of 8 March 2027"."""
        return self.title.text()

    # --- inside -----------------------------------------------------------------------------

    def _days(self) -> tuple[date, date]:
        if self._mode == "month":
            first = self._anchor.replace(day=1)
            start = first - timedelta(days=first.weekday())
            return start, start + timedelta(days=42)
        if self._mode == "week":
            start = self._anchor - timedelta(days=self._anchor.weekday())
            return start, start + timedelta(days=7)
        return self._anchor, self._anchor + timedelta(days=AGENDA_DAYS)

    def _step(self, direction: int) -> None:
        if self._mode == "month":
            self._anchor = _add_months(self._anchor.replace(day=1), direction)
        elif self._mode == "week":
            self._anchor += timedelta(days=7 * direction)
        else:
            self._anchor += timedelta(days=AGENDA_DAYS * direction)
        self.refresh()

    def _show_week_of(self, day: date) -> None:
        self._anchor = day
        self.set_mode("week")

    def _period_title(self) -> str:
        first, end = self._days()
        if self._mode == "month":
            return format_date(self._anchor, "LLLL y")
        if self._mode == "week":
            return _("Week of {day}").format(day=format_date(first, "d MMMM y"))
        last = end - timedelta(days=1)
        left = format_date(first, "d MMMM" if first.year == last.year else "d MMMM y")
        return f"{left} – {format_date(last, 'd MMMM y')}"

    def _render(self) -> None:
        first, end = self._days()
        self.title.setText(self._period_title())
        if self._mode == "month":
            self.month.show_days(first, self._anchor.month, self._by_day)
        elif self._mode == "week":
            self.week.show_days(first, self._by_day)
        else:
            days = [first + timedelta(days=n) for n in range((end - first).days)]
            self.agenda.show_days(days, self._by_day)
        self._retranslate_steps()

    def _retranslate_steps(self) -> None:
        previous, following = {
            "month": (_("Previous month"), _("Next month")),
            "week": (_("Previous week"), _("Next week")),
            "agenda": (_("Previous 60 days"), _("Next 60 days")),
        }[self._mode]
        self.previous_button.setToolTip(previous)
        self.previous_button.setAccessibleName(previous)
        self.next_button.setToolTip(following)
        self.next_button.setAccessibleName(following)

    def _retranslate(self) -> None:
        self.today_button.setText(_("Today"))
        self.today_button.setAccessibleName(_("Today"))
        self.today_button.setToolTip(_("Show the period holding today's date"))
        labels = {"month": _("Month"), "week": _("Week"), "agenda": _("Agenda")}
        for mode, button in self.mode_buttons.items():
            button.setText(labels[mode])
            button.setAccessibleName(labels[mode])
        self.mode_buttons[self._mode].setChecked(True)
        self.title.setAccessibleName(_("Period shown"))
        self.month.setAccessibleName(_("Month"))
        self.week.setAccessibleName(_("Week"))
        self.agenda.setAccessibleName(_("Agenda"))
        self._fill_legend()
        self._retranslate_steps()

    def _fill_legend(self) -> None:
        while self.legend.count():
            item = self.legend.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        size = self.fontMetrics().height()
        for kind in EventKind:
            swatch = QLabel()
            swatch.setPixmap(kind_swatch(kind.value, self.palette(), size).pixmap(size, size))
            self.legend.addWidget(swatch)
            self.legend.addWidget(QLabel(kind.label))
            self.legend.addSpacing(8)
        self.legend.addStretch(1)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if not hasattr(self, "stack"):  # a parent's palette can arrive during __init__
            return
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            self._render()
        elif event.type() == QEvent.Type.PaletteChange:
            self._fill_legend()
            self._render()


__all__ = ["MODES", "CalendarView"]
