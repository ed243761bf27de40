"""How much text each field takes: the column's length, or the service's rule for long texts.

A field that takes 5,000 characters and then refuses them at Save wastes the
typing; a field that stops at the limit says it at once. The lengths come from
the model's columns where the column has one, so they never drift apart.
"""

from __future__ import annotations

import inspect

from PySide6.QtCore import QModelIndex, QObject
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from visitplanner.domain import validation
from visitplanner.store import models

# What the services allow for free texts without a column length (validation.optional_text).
TEXT = inspect.signature(validation.optional_text).parameters["max_length"].default
LONG_TEXT = 100_000  # debrief sections and story entries (documents.debriefs, story.entries)
SHORT_TEXT = 2000  # places, captions, follow-up actions (services.event_form, services.photos)


def column_length(model: str, column: str) -> int:
    """The length of ``models.<model>.<column>`` (a String column)."""
    length = getattr(models, model).__table__.c[column].type.length
    assert length, f"{model}.{column} has no length"
    return int(length)


def limit(widget: QWidget, length: int) -> None:
    """Stops ``widget`` at ``length`` characters (typed or pasted)."""
    if isinstance(widget, QLineEdit):
        widget.setMaxLength(length)
    elif isinstance(widget, QPlainTextEdit):
        widget.textChanged.connect(lambda: _cut(widget, length))
    widget.setProperty("maxTextLength", length)


def _cut(edit: QPlainTextEdit, length: int) -> None:
    text = edit.toPlainText()
    if len(text) <= length:
        return
    cursor = edit.textCursor()
    position = min(cursor.position(), length)
    edit.blockSignals(True)
    edit.setPlainText(text[:length])
    edit.blockSignals(False)
    cursor = edit.textCursor()
    cursor.setPosition(position)
    edit.setTextCursor(cursor)
    edit.textChanged.emit()  # the form still hears that something changed
    QApplication.beep()


def limit_fields(form: object, **lengths: int) -> None:
    """``limit_fields(self, title=300, notes=TEXT)``: each attribute of ``form`` is limited."""
    for name, length in lengths.items():
        limit(getattr(form, name), length)


class LimitedDelegate(QStyledItemDelegate):
    """Table cells edited in a line that stops at each column's limit."""

    def __init__(self, lengths: dict[int, int], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lengths = lengths

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex
    ) -> QWidget:
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit) and index.column() in self.lengths:
            editor.setMaxLength(self.lengths[index.column()])
        return editor
