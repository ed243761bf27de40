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

import math
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time, timedelta

from PySide6.QtCore import (
    QEvent,
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
    QColor,
    QFont,
    QFontMetrics,
    QHideEvent,
    QIcon,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QResizeEvent,
    QShowEvent,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.enums import EventKind, EventStatus
from visitplanner.i18n import _, current_language, ngettext, number
from visitplanner.services.planning import EventView

MODES = ("month", "week", "agenda")
AGENDA_DAYS = 60
MONTH_CHIPS = 3  # events written in a month cell; the others are counted in "+N"
# Events are fetched by their start: one that began before the period and still runs
# is found by looking this far back (seminars last two days, study trips a week). Not
# further: every event of the extra days is read for nothing.
LOOKBACK = timedelta(days=14)
# Mid-tone hues that read both as a stripe on white and on a dark base.
KIND_COLOURS = {
    "visit": "#2e9d5b",
    "seminar": "#3b73d9",
    "meeting": "#d08a00",
    "workshop": "#a64fc9",
}
EVENT_ID = Qt.ItemDataRole.UserRole
KIND = Qt.ItemDataRole.UserRole + 1

Fetch = Callable[[datetime, datetime], list[EventView]]


# --- dates and words ----------------------------------------------------------------------


def _format(day: date, pattern: str) -> str:
    from babel.dates import format_date

    return format_date(day, pattern, locale=current_language())


def _long_day(day: date) -> str:
    """« jeudi 11 février 2027 », "Thursday 11 February 2027"."""
    return _format(day, "EEEE d MMMM y")


def _weekday_names() -> list[str]:
    """Abbreviated weekday names, Monday first: « lun. » … / "Mon" …."""
    from babel.dates import get_day_names

    names = get_day_names("abbreviated", context="stand-alone", locale=current_language())
    return [names[i] for i in range(7)]


def _hm(moment: datetime) -> str:
    return moment.strftime("%H:%M")


def _midnight_utc(day: date) -> datetime:
    """The start of ``day`` on this computer's clock, as an aware UTC moment."""
    return datetime.combine(day, time()).astimezone().astimezone(UTC)


def first_day(event: EventView) -> date:
    return event.start.date()


def last_day(event: EventView) -> date:
    """The last date the event covers: one ending at midnight does not spill onto the next day."""
    if event.end <= event.start:
        return event.start.date()
    return (event.end - timedelta(microseconds=1)).date()


def _days_of(event: EventView) -> list[date]:
    first, last = first_day(event), last_day(event)
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _whole_day(event: EventView, day: date) -> bool:
    """All-day events and the middle days of a long one are listed before timed ones."""
    if event.all_day:
        return True
    return first_day(event) < day < last_day(event)


def time_label(event: EventView, day: date) -> str:
    """What the event occupies of ``day``: "09:30–17:00", "09:30 →", "→ 16:00" or "All day"."""
    first, last = first_day(event), last_day(event)
    if _whole_day(event, day):
        return _("All day")
    if first == last:
        return f"{_hm(event.start)}–{_hm(event.end)}"
    if day == first:
        return f"{_hm(event.start)} →"
    return f"→ {_hm(event.end)}"


def _chip_text(event: EventView, day: date) -> str:
    """A month cell is narrow: the start time on the first day, an arrow on the following ones."""
    if event.all_day:
        return event.title
    if day == first_day(event):
        return f"{_hm(event.start)} {event.title}"
    return f"→ {event.title}"


def _sort_key(event: EventView, day: date) -> tuple[int, datetime, int]:
    whole = _whole_day(event, day) or day != first_day(event)
    return (0 if whole else 1, event.start, event.id)


def _kind_label(kind: str) -> str:
    try:
        return EventKind(kind).label
    except ValueError:
        return kind


def _status_label(status: str) -> str:
    try:
        return EventStatus(status).label
    except ValueError:
        return status


def _when_text(event: EventView) -> str:
    first, last = first_day(event), last_day(event)
    if event.all_day:
        if first == last:
            return _long_day(first)
        return f"{_long_day(first)} – {_long_day(last)}"
    if first == last:
        return f"{_long_day(first)}, {_hm(event.start)}–{_hm(event.end)}"
    return f"{_long_day(first)}, {_hm(event.start)} – {_long_day(last)}, {_hm(event.end)}"


def describe(event: EventView) -> list[str]:
    """The event in words, for tooltips and screen readers: colour is never the only clue."""
    lines = [
        event.title,
        _when_text(event),
        f"{_kind_label(event.kind)} · {_status_label(event.status)}",
    ]
    if event.location:
        lines.append(event.location)
    return lines


# --- colours ------------------------------------------------------------------------------


def kind_colour(kind: str, palette: QPalette) -> QColor:
    value = KIND_COLOURS.get(kind)
    return QColor(value) if value else palette.color(QPalette.ColorRole.Mid)


def _mix(colour: QColor, base: QColor, amount: float) -> QColor:
    """``amount`` of ``colour`` over ``base``: a tint that keeps the palette's text readable."""
    return QColor.fromRgbF(
        colour.redF() * amount + base.redF() * (1 - amount),
        colour.greenF() * amount + base.greenF() * (1 - amount),
        colour.blueF() * amount + base.blueF() * (1 - amount),
    )


def _swatch(kind: str, palette: QPalette, size: int) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(kind_colour(kind, palette))
    inset = max(1, size // 6)
    painter.drawRoundedRect(QRectF(inset, inset, size - 2 * inset, size - 2 * inset), 2, 2)
    painter.end()
    return QIcon(pixmap)


def _struck(font: QFont, event: EventView) -> QFont:
    """A cancelled event is struck through, as calendars do; its status says so in words too."""
    if event.status == EventStatus.CANCELLED.value:
        font = QFont(font)
        font.setStrikeOut(True)
    return font


# --- month ------------------------------------------------------------------------------


class _Chip(QWidget):
    """One event in a month cell: a tinted pill with a stripe of its kind's colour and its title."""

    activated = Signal(int)

    def __init__(self, event: EventView, day: date, parent: QWidget) -> None:
        super().__init__(parent)
        self.record = event  # not ``self.event``: that would hide QWidget.event()
        self.day = day
        self.text = _chip_text(event, day)
        lines = describe(event)
        self.setAccessibleName(", ".join(lines))
        self.setAccessibleDescription(_("Double-click or press Enter to open the event."))
        self.setToolTip("\n".join(lines))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setFont(_struck(self.font(), event))

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
        painter.fillPath(path, _mix(colour, base, 0.32 if self.underMouse() else 0.22))
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


class _DayCell(QWidget):
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
        self.chips: list[_Chip] = []
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
            chip = _Chip(event, day, self)
            chip.activated.connect(self.event_activated)
            self.chips.append(chip)
        count = len(self.events)
        summary = ngettext("{n} event", "{n} events", count).format(n=number(count))
        self.setAccessibleName(f"{_long_day(day)}, {summary}")
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
            self.more.setAccessibleName(f"{tip} ({_long_day(self.day)})")
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
        number = _format(self.day, "d MMM") if self.day.day == 1 else str(self.day.day)
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


class _Lines(QWidget):
    """Paints the grid's gaps in the palette's mid tone: the lines between the days."""

    def paintEvent(self, _event: QPaintEvent) -> None:
        palette = self.palette()
        painter = QPainter(self)
        painter.fillRect(
            self.rect(),
            _mix(
                palette.color(QPalette.ColorRole.Mid), palette.color(QPalette.ColorRole.Base), 0.6
            ),
        )


class _MonthView(QWidget):
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
        self.grid = _Lines()
        grid = QGridLayout(self.grid)
        grid.setContentsMargins(1, 1, 1, 1)
        grid.setSpacing(1)
        self.cells: list[_DayCell] = []
        for index in range(42):
            cell = _DayCell()
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
        for label, name in zip(self.headers, _weekday_names(), strict=True):
            label.setText(name)
        for index, cell in enumerate(self.cells):
            day = start + timedelta(days=index)
            cell.set_day(day, day.month == month, by_day.get(day, []))


# --- week ---------------------------------------------------------------------------------


class _StripeDelegate(QStyledItemDelegate):
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


class _DayList(QListWidget):
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
        self.setItemDelegate(_StripeDelegate(self))

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self.itemAt(event.position().toPoint()) is None:
            event.accept()
            self.day_activated.emit(self.day)
            return
        super().mouseDoubleClickEvent(event)


class _WeekColumn(QWidget):
    """A day's header ("lun. 8 mars") over its list; today's header is underlined in the
    highlight colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = QLabel()
        self.header.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.header.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.list = _DayList()
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
        self.header.setToolTip(_long_day(day))
        self._fit_header()
        count = len(events)
        summary = ngettext("{n} event", "{n} events", count).format(n=number(count))
        self.list.setAccessibleName(f"{_long_day(day)}, {summary}")
        self.list.clear()
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        for event in events:
            # A no-break space keeps the dot with the kind when the line wraps.
            kind_status = f"{_kind_label(event.kind)}\u00a0· {_status_label(event.status)}"
            item = QListWidgetItem(f"{time_label(event, day)}\n{event.title}\n{kind_status}")
            item.setData(EVENT_ID, event.id)
            item.setData(KIND, event.kind)
            item.setToolTip("\n".join(describe(event)))
            item.setBackground(QBrush(_mix(kind_colour(event.kind, palette), base, 0.14)))
            item.setFont(_struck(self.list.font(), event))
            self.list.addItem(item)
        self.update()

    def _fit_header(self) -> None:
        """« lun. 8 mars », else « lun. 8 », else « 8 »: the longest that fits the column."""
        metrics = QFontMetrics(self.header.font())
        room = self.header.width() - 4
        patterns = ("EEE d MMM", "EEE d", "d")
        texts = [_format(self.list.day, pattern) for pattern in patterns]
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


class _WeekView(QWidget):
    """Seven columns, Monday to Sunday, each listing its events with their times."""

    event_activated = Signal(int)
    day_activated = Signal(date)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.columns: list[_WeekColumn] = []
        for _n in range(7):
            column = _WeekColumn()
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


# --- agenda ---------------------------------------------------------------------------------


class _AgendaView(QTreeWidget):
    """The coming days that have events, each under its date, in the order they happen.

    Columns (time, title, kind, status) rather than one sentence per line, so the
    titles start at the same place whatever the time reads ("All day", "09:30 →").
    """

    event_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setColumnCount(4)
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setUniformRowHeights(False)
        self.setAllColumnsShowFocus(True)
        self.setIndentation(self.fontMetrics().horizontalAdvance("M"))
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.itemActivated.connect(self._activated)

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        event_id = item.data(0, EVENT_ID)
        if event_id is not None:
            self.event_activated.emit(int(event_id))

    def _fit_columns(self) -> None:
        """Widths from every possible label, not the ones shown: columns stay put when paging."""
        metrics = self.fontMetrics()
        em = metrics.horizontalAdvance("M")

        def widest(texts: Sequence[str]) -> int:
            return max(metrics.horizontalAdvance(text) for text in texts) + 2 * em

        times = ["00:00–00:00", "00:00 →", "→ 00:00", _("All day")]
        self.setColumnWidth(0, widest(times) + self.indentation() + metrics.height())
        self.setColumnWidth(2, widest([kind.label for kind in EventKind]))
        self.setColumnWidth(3, widest([status.label for status in EventStatus]))

    def show_days(self, days: Sequence[date], by_day: dict[date, list[EventView]]) -> None:
        self.clear()
        self._fit_columns()
        palette = self.palette()
        metrics = self.fontMetrics()
        size = metrics.height()
        bold = QFont(self.font())
        bold.setBold(True)
        for day in days:
            events = by_day.get(day, [])
            if not events:
                continue
            header = QTreeWidgetItem([_long_day(day)])
            header.setFont(0, bold)
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)
            # Air above each date, as a printed agenda leaves it.
            header.setSizeHint(0, QSize(0, round(metrics.height() * 1.9)))
            header.setTextAlignment(0, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
            self.addTopLevelItem(header)
            header.setFirstColumnSpanned(True)
            for event in events:
                line = QTreeWidgetItem(
                    [
                        time_label(event, day),
                        event.title,
                        _kind_label(event.kind),
                        _status_label(event.status),
                    ]
                )
                line.setData(0, EVENT_ID, event.id)
                tip = "\n".join(describe(event))
                for column in range(4):
                    line.setToolTip(column, tip)
                line.setIcon(0, _swatch(event.kind, palette, size))
                line.setFont(1, _struck(self.font(), event))
                header.addChild(line)
        if self.topLevelItemCount() == 0:
            empty = QTreeWidgetItem([_("No events in this period.")])
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addTopLevelItem(empty)
            empty.setFirstColumnSpanned(True)
        self.expandAll()

    def line_text(self, item: QTreeWidgetItem) -> str:
        """The line as a screen reader or a test reads it: "09:30–17:00  Title — Planned"."""
        return f"{item.text(0)}  {item.text(1)} — {item.text(3)}"

    def event_items(self) -> list[QTreeWidgetItem]:
        found = []
        for top in range(self.topLevelItemCount()):
            header = self.topLevelItem(top)
            found.extend(header.child(n) for n in range(header.childCount()))
        return found


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
                self.title.fontMetrics().horizontalAdvance(_format(date(2026, m, 1), "LLLL y"))
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

        self.month = _MonthView()
        self.week = _WeekView()
        self.agenda = _AgendaView()
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
            for day in _days_of(event):
                if first <= day < end:
                    self._by_day.setdefault(day, []).append(event)
        for day, events in self._by_day.items():
            events.sort(key=lambda e, d=day: _sort_key(e, d))
        self._render()

    def visible_range(self) -> tuple[datetime, datetime]:
        """The period shown, from the first day's midnight to the midnight after the last
        day, as aware UTC moments (midnights on this computer's clock)."""
        first, end = self._days()
        return _midnight_utc(first), _midnight_utc(end)

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
            return _format(self._anchor, "LLLL y")
        if self._mode == "week":
            return _("Week of {day}").format(day=_format(first, "d MMMM y"))
        last = end - timedelta(days=1)
        left = _format(first, "d MMMM" if first.year == last.year else "d MMMM y")
        return f"{left} – {_format(last, 'd MMMM y')}"

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
            swatch.setPixmap(_swatch(kind.value, self.palette(), size).pixmap(size, size))
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
