"""The week of the calendar: a column per day listing its events as striped rows."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QFont,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
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
    EVENT_ID,
    KIND,
    describe,
    format_date,
    kind_label,
    long_day,
    status_label,
    time_label,
)

# --- week ---------------------------------------------------------------------------------


class StripeDelegate(QStyledItemDelegate):
    """Paints a week item like the month's chips: a tint, a stripe of its kind's colour, and
    its lines wrapped to the column's width.

    The delegate measures and draws the wrapped text itself: the stock one measures
    with one width and paints with another in a narrow list, which clipped the last
    line ("Visite apprenante · …") and left gaps between items.
    """

    STRIPE = 4
    PAD = 5

    @staticmethod
    def _wrap() -> QTextOption:
        """Words wrap; a word wider than a narrow column breaks rather than being cut."""
        option = QTextOption(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        return option

    @classmethod
    def _text_height(cls, text: str, font: QFont, width: int) -> int:
        height = 0.0
        for paragraph in text.split("\n"):
            layout = QTextLayout(paragraph, font)
            layout.setTextOption(cls._wrap())
            layout.beginLayout()
            while (line := layout.createLine()).isValid():
                line.setLineWidth(width)
                height += line.height()
            layout.endLayout()
        return math.ceil(height)

    def _text_width(self, option: QStyleOptionViewItem) -> int:
        view = self.parent()
        if isinstance(view, QListWidget):
            width = view.viewport().width() - 2 * view.spacing()
        else:
            width = option.rect.width()
        return max(1, width - self.STRIPE - 3 * self.PAD)

    @staticmethod
    def _font(option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QFont:
        font = index.data(Qt.ItemDataRole.FontRole)
        return font if isinstance(font, QFont) else option.font

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        width = self._text_width(option)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        height = self._text_height(text, self._font(option, index), width)
        return QSize(width + self.STRIPE + 3 * self.PAD, height + 2 * self.PAD)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        palette = option.palette
        rect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        background = index.data(Qt.ItemDataRole.BackgroundRole)
        painter.save()
        if selected:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight))
        elif isinstance(background, QBrush):
            painter.fillRect(rect, background)
        stripe = QRect(rect)
        stripe.setWidth(self.STRIPE)
        painter.fillRect(stripe, kind_colour(str(index.data(KIND) or ""), palette))
        painter.setFont(self._font(option, index))
        painter.setPen(
            palette.color(
                QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
            )
        )
        text_rect = rect.adjusted(self.STRIPE + 2 * self.PAD, self.PAD, -self.PAD, -self.PAD)
        text = str(index.data(Qt.ItemDataRole.DisplayRole))
        painter.drawText(QRectF(text_rect), text, self._wrap())
        if option.state & QStyle.StateFlag.State_HasFocus:
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
        painter.restore()


class DayList(QListWidget):
    """The events of one day of the week; double-clicking below them plans a new one."""

    day_activated = Signal(date)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.day = date.today()
        self.setWordWrap(True)
        self.setSpacing(2)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
        self.setAccessibleDescription(_("Double-click an empty place to plan an event that day."))
        self.setItemDelegate(StripeDelegate(self))

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self.itemAt(event.position().toPoint()) is None:
            event.accept()
            self.day_activated.emit(self.day)
            return
        super().mouseDoubleClickEvent(event)


class WeekColumn(QWidget):
    """A day's header ("lun. 8 mars") over its list; today's header is underlined in the
    highlight colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = QLabel()
        self.header.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.header.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.list = DayList()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.header)
        layout.addWidget(self.list, 1)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    @property
    def is_today(self) -> bool:
        return self.list.day == date.today()

    def show_day(self, day: date, events: Sequence[EventView]) -> None:
        self.list.day = day
        font = QFont(self.font())
        font.setBold(self.is_today)
        self.header.setFont(font)
        self.header.setToolTip(long_day(day))
        self._fit_header()
        count = len(events)
        summary = ngettext("{n} event", "{n} events", count).format(n=number(count))
        self.list.setAccessibleName(f"{long_day(day)}, {summary}")
        self.list.clear()
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        for event in events:
            # A no-break space keeps the dot with the kind when the line wraps.
            kind_status = f"{kind_label(event.kind)}\u00a0· {status_label(event.status)}"
            item = QListWidgetItem(f"{time_label(event, day)}\n{event.title}\n{kind_status}")
            item.setData(EVENT_ID, event.id)
            item.setData(KIND, event.kind)
            item.setToolTip("\n".join(describe(event)))
            item.setBackground(QBrush(mix(kind_colour(event.kind, palette), base, 0.14)))
            item.setFont(struck(self.list.font(), event))
            self.list.addItem(item)
        self.update()

    def _fit_header(self) -> None:
        """« lun. 8 mars », else « lun. 8 », else « 8 »: the longest that fits the column."""
        metrics = QFontMetrics(self.header.font())
        room = self.header.width() - 4
        patterns = ("EEE d MMM", "EEE d", "d")
        texts = [format_date(self.list.day, pattern) for pattern in patterns]
        fitting = [t for t in texts if metrics.horizontalAdvance(t) <= room]
        self.header.setText(fitting[0] if fitting else texts[-1])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_header()

    def paintEvent(self, _event: QPaintEvent) -> None:
        if not self.is_today:
            return
        painter = QPainter(self)
        geometry = self.header.geometry()
        painter.fillRect(
            0,
            geometry.bottom() + 1,
            self.width(),
            2,
            self.palette().color(QPalette.ColorRole.Highlight),
        )


class WeekView(QWidget):
    """Seven columns, Monday to Sunday, each listing its events with their times."""

    event_activated = Signal(int)
    day_activated = Signal(date)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.columns: list[WeekColumn] = []
        for _n in range(7):
            column = WeekColumn()
            column.list.itemActivated.connect(self._activated)
            column.list.day_activated.connect(self.day_activated)
            layout.addWidget(column, 1)
            self.columns.append(column)

    def _activated(self, item: QListWidgetItem) -> None:
        self.event_activated.emit(int(item.data(EVENT_ID)))

    def show_days(self, start: date, by_day: dict[date, list[EventView]]) -> None:
        for index, column in enumerate(self.columns):
            day = start + timedelta(days=index)
            column.show_day(day, by_day.get(day, []))
