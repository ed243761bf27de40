"""The month grid of the calendar: a cell per day holding a few event chips."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import (
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from visitplanner.i18n import _, ngettext, number
from visitplanner.services.events.planning import EventView
from visitplanner.ui.widgets.calendar_colours import (
    kind_colour,
    mix,
    struck,
)
from visitplanner.ui.widgets.calendar_words import (
    MONTH_CHIPS,
    chip_text,
    describe,
    format_date,
    long_day,
    weekday_names,
)

# --- month ------------------------------------------------------------------------------


class Chip(QWidget):
    """One event in a month cell: a tinted pill with a stripe of its kind's colour and its title."""

    activated = Signal(int)

    def __init__(self, event: EventView, day: date, parent: QWidget) -> None:
        super().__init__(parent)
        self.record = event  # not ``self.event``: that would hide QWidget.event()
        self.day = day
        self.text = chip_text(event, day)
        lines = describe(event)
        self.setAccessibleName(", ".join(lines))
        self.setAccessibleDescription(_("Double-click or press Enter to open the event."))
        self.setToolTip("\n".join(lines))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setFont(struck(self.font(), event))

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance(self.text) + 12, metrics.height() + 4)

    def shown_text(self, width: int) -> str:
        """The whole text when it fits; else the title alone, which says more than
        « 14:00 … » (the time stays in the tooltip and the accessible name)."""
        if self.fontMetrics().horizontalAdvance(self.text) <= width:
            return self.text
        return self.record.title if self.text.endswith(self.record.title) else self.text

    def paintEvent(self, _event: QPaintEvent) -> None:
        palette = self.palette()
        colour = kind_colour(self.record.kind, palette)
        base = palette.color(QPalette.ColorRole.Base)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        path = QPainterPath()
        path.addRoundedRect(rect, 3, 3)
        painter.fillPath(path, mix(colour, base, 0.32 if self.underMouse() else 0.22))
        painter.save()
        painter.setClipPath(path)
        painter.fillRect(QRectF(rect.left(), rect.top(), 4, rect.height()), colour)
        painter.restore()
        if self.hasFocus():
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 1.5))
            painter.drawPath(path)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        text_rect = self.rect().adjusted(8, 0, -3, 0)
        shown = self.fontMetrics().elidedText(
            self.shown_text(text_rect.width()), Qt.TextElideMode.ElideRight, text_rect.width()
        )
        painter.drawText(
            text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, shown
        )

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        event.accept()
        self.activated.emit(self.record.id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit(self.record.id)
            return
        super().keyPressEvent(event)


class DayCell(QWidget):
    """A day of the month grid: its number, up to three chips, "+N" for the rest."""

    event_activated = Signal(int)
    day_activated = Signal(date)
    more_requested = Signal(date)

    MARGIN = 3
    GAP = 2

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.day = date.today()
        self.in_month = True
        self.events: list[EventView] = []
        self.chips: list[Chip] = []
        self.more = QToolButton(self)
        self.more.setAutoRaise(True)
        self.more.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.more.clicked.connect(lambda: self.more_requested.emit(self.day))
        self.more.hide()
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

    def set_day(self, day: date, in_month: bool, events: Sequence[EventView]) -> None:
        for chip in self.chips:
            chip.hide()
            chip.deleteLater()
        self.day, self.in_month, self.events = day, in_month, list(events)
        self.chips = []
        for event in self.events[:MONTH_CHIPS]:
            chip = Chip(event, day, self)
            chip.activated.connect(self.event_activated)
            self.chips.append(chip)
        count = len(self.events)
        summary = ngettext("{n} event", "{n} events", count).format(n=number(count))
        self.setAccessibleName(f"{long_day(day)}, {summary}")
        self.setAccessibleDescription(_("Double-click an empty place to plan an event that day."))
        self._place()
        self.update()

    def _header_height(self) -> int:
        return self.fontMetrics().height() + 2 * self.GAP

    def _place(self) -> None:
        """Shows the chips that fit the cell's height; the hidden ones count in "+N"."""
        m, width = self.MARGIN, self.width()
        top = self._header_height() + self.GAP
        shown = 0
        if self.chips:
            step = self.chips[0].sizeHint().height() + self.GAP
            fits = max(0, (self.height() - top - m + self.GAP) // step)
            shown = min(len(self.chips), fits)
            for index, chip in enumerate(self.chips):
                chip.setGeometry(m, top + index * step, width - 2 * m, step - self.GAP)
                chip.setVisible(index < shown)
        hidden = len(self.events) - shown
        if hidden:
            self.more.setText(f"+{hidden}")
            tip = ngettext(
                "{n} more event: show the week", "{n} more events: show the week", hidden
            ).format(n=number(hidden))
            self.more.setToolTip(tip)
            self.more.setAccessibleName(f"{tip} ({long_day(self.day)})")
            hint = self.more.sizeHint()
            height = min(hint.height(), self._header_height())
            self.more.setGeometry(width - m - hint.width(), 1, hint.width(), height)
            self.more.show()
        else:
            self.more.hide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place()

    def paintEvent(self, _event: QPaintEvent) -> None:
        palette = self.palette()
        painter = QPainter(self)
        role = QPalette.ColorRole.Base if self.in_month else QPalette.ColorRole.Window
        painter.fillRect(self.rect(), palette.color(role))
        is_today = self.day == date.today()
        font = QFont(self.font())
        font.setBold(is_today)
        painter.setFont(font)
        painter.setPen(
            palette.color(
                QPalette.ColorRole.Text if self.in_month else QPalette.ColorRole.PlaceholderText
            )
        )
        number = format_date(self.day, "d MMM") if self.day.day == 1 else str(self.day.day)
        header = self.rect().adjusted(self.MARGIN + 2, 0, 0, 0)
        header.setHeight(self._header_height())
        painter.drawText(header, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, number)
        if is_today:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        event.accept()
        self.day_activated.emit(self.day)


class Lines(QWidget):
    """Paints the grid's gaps in the palette's mid tone: the lines between the days."""

    def paintEvent(self, _event: QPaintEvent) -> None:
        palette = self.palette()
        painter = QPainter(self)
        painter.fillRect(
            self.rect(),
            mix(palette.color(QPalette.ColorRole.Mid), palette.color(QPalette.ColorRole.Base), 0.6),
        )


class MonthView(QWidget):
    """Six weeks of seven days, Monday first, as French calendars print them."""

    event_activated = Signal(int)
    day_activated = Signal(date)
    more_requested = Signal(date)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headers: list[QLabel] = []
        header_row = QGridLayout()
        header_row.setContentsMargins(1, 0, 1, 2)
        header_row.setSpacing(1)
        for column in range(7):
            label = QLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            header_row.addWidget(label, 0, column)
            header_row.setColumnStretch(column, 1)
            self.headers.append(label)
        self.grid = Lines()
        grid = QGridLayout(self.grid)
        grid.setContentsMargins(1, 1, 1, 1)
        grid.setSpacing(1)
        self.cells: list[DayCell] = []
        for index in range(42):
            cell = DayCell()
            cell.event_activated.connect(self.event_activated)
            cell.day_activated.connect(self.day_activated)
            cell.more_requested.connect(self.more_requested)
            grid.addWidget(cell, index // 7, index % 7)
            self.cells.append(cell)
        for n in range(7):
            grid.setColumnStretch(n, 1)
        for n in range(6):
            grid.setRowStretch(n, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(header_row)
        layout.addWidget(self.grid, 1)

    def show_days(self, start: date, month: int, by_day: dict[date, list[EventView]]) -> None:
        for label, name in zip(self.headers, weekday_names(), strict=True):
            label.setText(name)
        for index, cell in enumerate(self.cells):
            day = start + timedelta(days=index)
            cell.set_day(day, day.month == month, by_day.get(day, []))
