"""Date fields that take a whole typed date, and an optional date for due dates.

Qt's date editors edit one section at a time: select everything and type
"15/05/2027 10:00" and the day section swallows digits and jumps sections on
its own, so what was typed is not what is kept. People type dates whole (they
copy them from an e-mail), so these fields collect what is typed over a full
selection and read it as one date when the typing ends (Return, Tab, leaving).
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, QPoint, Qt, QTime
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QDateTimeEdit, QWidget

_FINISH = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def parse_typed(text: str, current: QDateTime, with_time: bool) -> QDateTime | None:
    """Reads "15/05/2027 10:00", "15.5.27", "2027-05-15T10:00" or "15/5" (this year).

    A missing time keeps the current one; ``None`` when the text is no date.
    """
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    first = re.match(r"\s*(\d+)", text)
    if len(numbers) < 2:
        return None
    if first is not None and len(first.group(1)) == 4:  # ISO: year first
        if len(numbers) < 3:
            return None
        year, month, day, rest = numbers[0], numbers[1], numbers[2], numbers[3:]
    else:
        day, month = numbers[0], numbers[1]
        year = numbers[2] if len(numbers) > 2 else current.date().year()
        rest = numbers[3:]
        if year < 100:
            year += 2000
    when = QDate(year, month, day)
    if not when.isValid():
        return None
    moment = current.time()
    if with_time and rest:
        moment = QTime(rest[0], rest[1] if len(rest) > 1 else 0)
        if not moment.isValid():
            return None
    return QDateTime(when, moment)


class TypedDateTimeEdit(QDateTimeEdit):
    """A date (and time) field where a date typed over a full selection is kept whole."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._typed: str | None = None

    # --- typing a whole date ------------------------------------------------------------

    def _typing_starts(self, event: QKeyEvent) -> bool:
        text = event.text()
        if not text or not text.isprintable():
            return False
        if event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        ):
            return False
        line = self.lineEdit()
        return self.is_empty() or (line.hasSelectedText() and line.selectedText() == line.text())

    def is_empty(self) -> bool:
        """Only optional fields (a special value text) can be empty."""
        return bool(self.specialValueText()) and self.dateTime() == self.minimumDateTime()

    def _show_typed(self) -> None:
        line = self.lineEdit()
        line.blockSignals(True)  # the parser would rewrite a half-typed date
        line.setText(self._typed or "")
        line.setCursorPosition(len(self._typed or ""))
        line.blockSignals(False)

    def commit_typed(self) -> None:
        """Reads what was typed as one date; text that is no date puts the value back."""
        typed, self._typed = self._typed, None
        if typed is None:
            return
        with_time = bool(self.displayedSections() & QDateTimeEdit.Section.HourSection)
        parsed = parse_typed(typed, self.dateTime(), with_time) if typed.strip() else None
        if parsed is not None and self.minimumDateTime() <= parsed <= self.maximumDateTime():
            self.setDateTime(parsed)
        elif not typed.strip() and self.specialValueText():
            self.setDateTime(self.minimumDateTime())
        else:
            QApplication.beep()
        self.lineEdit().setText(self.textFromDateTime(self.dateTime()))
        if self.is_empty():
            self.lineEdit().setText(self.specialValueText())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._typed is not None:
            key = event.key()
            if key == Qt.Key.Key_Escape:
                self._typed = None
                self.lineEdit().setText(self.textFromDateTime(self.dateTime()))
                event.accept()
                return
            if key == Qt.Key.Key_Backspace:
                self._typed = self._typed[:-1]
                self._show_typed()
                event.accept()
                return
            if event.text() and event.text().isprintable():
                self._typed += event.text()
                self._show_typed()
                event.accept()
                return
            self.commit_typed()
            if key in _FINISH:
                event.accept()
                return
        elif self._typing_starts(event):
            self._typed = event.text()
            self._show_typed()
            event.accept()
            return
        elif (
            self.specialValueText()
            and event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete)
            and self.lineEdit().selectedText() == self.lineEdit().text()
        ):
            self.setDateTime(self.minimumDateTime())  # an optional date is cleared
            event.accept()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Reached with the keyboard, the whole date is selected, ready to be typed over.

        Qt selects only the day there, and a date typed whole then lands section by
        section ("15/05/2027 10:00" became 15/04 at 20:27).
        """
        super().focusInEvent(event)
        if event.reason() in (
            Qt.FocusReason.TabFocusReason,
            Qt.FocusReason.BacktabFocusReason,
            Qt.FocusReason.ShortcutFocusReason,
        ):
            self.lineEdit().selectAll()

    def focusOutEvent(self, event: object) -> None:
        self.commit_typed()
        super().focusOutEvent(event)  # type: ignore[arg-type]


class OptionalDateEdit(TypedDateTimeEdit):
    """A date that may be empty (a due date): blank until chosen, typed or picked.

    Its calendar opens on the current month rather than on the "empty" date,
    and stays inside the window rather than spilling out of a table cell.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("dd/MM/yyyy")
        self.setCalendarPopup(True)
        self.setMinimumDate(QDate(2000, 1, 1))
        self.setSpecialValueText(" ")
        self.setDate(self.minimumDate())
        self._popup = self.calendarWidget().window()
        self._popup.installEventFilter(self)

    def value(self) -> date | None:
        if self.is_empty():
            return None
        chosen = self.date()
        return date(chosen.year(), chosen.month(), chosen.day())

    def set_value(self, value: date | None) -> None:
        self.setDate(QDate(value.year, value.month, value.day) if value else self.minimumDate())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._popup and event.type() == QEvent.Type.Show:
            shown = self.date() if not self.is_empty() else QDate.currentDate()
            self.calendarWidget().setCurrentPage(shown.year(), shown.month())
            self._keep_inside_window()
        return super().eventFilter(watched, event)

    def _keep_inside_window(self) -> None:
        popup, window = self._popup, self.window()
        area = window.geometry()  # the window's client area, in global coordinates
        size = popup.sizeHint().expandedTo(popup.size())
        below = self.mapToGlobal(QPoint(0, self.height()))
        x = min(max(below.x(), area.left()), max(area.left(), area.right() - size.width()))
        y = below.y()
        if y + size.height() > area.bottom():
            y = self.mapToGlobal(QPoint(0, 0)).y() - size.height()  # open upwards
        y = min(max(y, area.top()), max(area.top(), area.bottom() - size.height()))
        popup.move(x, y)
