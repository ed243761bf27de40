"""Sizes that follow the words: French labels are longer, and accents need their height.

A combo box sized for twelve characters cuts « Toutes les dynamiques »; a completion
popup whose rows are as tall as a line's ascent cuts the accents of « É » and the tails
of « ç ». These helpers size a widget from the text it will show, with Qt's own
metrics, so the fix holds in any language, font or screen scale.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionComboBox,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)


def fit_text(box: QComboBox, text: str) -> None:
    """``box`` is never narrower than ``text`` needs (its arrow and frame included)."""
    option = QStyleOptionComboBox()
    box.initStyleOption(option)
    metrics = box.fontMetrics()
    width = metrics.horizontalAdvance(text) + metrics.averageCharWidth()
    icon = box.itemIcon(box.currentIndex()) if box.count() else None
    if icon is not None and not icon.isNull():
        width += box.iconSize().width() + 4
    size = box.style().sizeFromContents(
        QStyle.ContentsType.CT_ComboBox, option, QSize(width, metrics.height()), box
    )
    box.setMinimumWidth(max(box.minimumWidth(), size.width()))


class _CompletionRows(QStyledItemDelegate):
    """Rows of a completion list a line and a margin tall, so that « É », « Å » and « ç »
    keep their accents and tails; the current row is drawn focused, as Qt's own does."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: Any) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width(), max(hint.height(), row_height(self._view)))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Any) -> None:
        if self._view.currentIndex() == index:
            option = QStyleOptionViewItem(option)
            option.state |= QStyle.StateFlag.State_HasFocus
        super().paint(painter, option, index)


def row_height(view: QWidget) -> int:
    """The font's whole line (accents above capitals, descenders below) and a margin."""
    metrics = view.fontMetrics()
    return max(metrics.lineSpacing(), metrics.ascent() + metrics.descent()) + 6


def fit_completer(completer: QCompleter) -> None:
    """Completion rows tall enough for accented capitals (« Élodie », « Île-de-France »)."""
    popup = completer.popup()
    popup.setItemDelegate(_CompletionRows(popup))


def fit_headers(view: QTableView) -> None:
    """Every column at least as wide as its title (« Réalisé », « Enjeu partagé »)."""
    header = view.horizontalHeader()
    style = header.style()
    margin = 2 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    if view.isSortingEnabled():
        margin += style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header) + 4
    model = view.model()
    metrics = header.fontMetrics()
    for column in range(header.count()):
        text = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        widest = max((metrics.horizontalAdvance(line) for line in text.splitlines()), default=0)
        needed = widest + margin + 8
        if header.isSectionHidden(column):
            continue
        if header.stretchLastSection() and column == header.count() - 1:
            # A stretched last column gets what is left, down to the header's minimum.
            header.setMinimumSectionSize(max(header.minimumSectionSize(), needed))
        elif header.sectionSize(column) < needed:
            header.resizeSection(column, needed)


class ColumnsInView(QObject):
    """The widest columns give way so that every column of ``view`` stays in sight.

    A list beside a form is narrow at 1280 pixels: without this the last columns
    ("Statut") sat behind a horizontal scroll bar. The flexible ``columns`` (the title,
    the kind), in that order, shrink down to ``minimum``; room to spare is shared
    between them and the last column; a column resized by hand keeps its width.
    """

    def __init__(self, view: QTableView, columns: Sequence[int], minimum: int = 90) -> None:
        super().__init__(view)
        self.view = view
        self.columns = list(columns)
        self.minimum = minimum
        header = view.horizontalHeader()
        self.preferred = {column: header.sectionSize(column) for column in self.columns}
        self._applied = dict(self.preferred)  # what this object last set
        self._fitting = False
        view.viewport().installEventFilter(self)
        header.sectionResized.connect(self._resized)

    def _resized(self, column: int, _old: int, new: int) -> None:
        if self._fitting:
            return
        self._release(column)
        self.fit()

    def _release(self, column: int) -> None:
        """A width chosen by hand (or remembered from the last session) is the person's:
        that column no longer gives way."""
        self.preferred.pop(column, None)
        if column in self.columns:
            self.columns.remove(column)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        header = self.view.horizontalHeader()
        for column in list(self.columns):  # restoreState resizes without a signal
            if header.sectionSize(column) != self._applied.get(column):
                self._release(column)
        last = header.count() - 1
        others = 0
        last_natural = 0
        for column in range(header.count()):
            if column in self.preferred or header.isSectionHidden(column):
                continue
            if column == last and header.stretchLastSection():
                text = str(self.view.model().headerData(column, Qt.Orientation.Horizontal) or "")
                # A stretched last section never gets narrower than the default size.
                natural = header.fontMetrics().horizontalAdvance(text) + 24
                last_natural = max(
                    header.defaultSectionSize(), header.minimumSectionSize(), natural
                )
                others += last_natural
            else:
                others += header.sectionSize(column)
        widths = dict(self.preferred)
        over = sum(widths.values()) - (self.view.viewport().width() - others)
        for column in self.columns:
            cut = max(0, min(over, widths[column] - self.minimum))
            widths[column] -= cut
            over -= cut
        if over < 0 and self.columns:
            # Room to spare is shared, in proportion to their widths, between these
            # columns and a stretched last one (which takes what they leave).
            shares = {column: widths[column] for column in self.columns}
            total = sum(shares.values()) + (last_natural if last_natural else 0)
            for column, width in shares.items():
                widths[column] += (-over) * width // max(1, total)
        self._fitting = True
        try:
            for column, width in widths.items():
                if header.sectionSize(column) != width:
                    header.resizeSection(column, width)
                self._applied[column] = width
        finally:
            self._fitting = False
