"""What every record editor shares: dirty tracking, inline errors, save through the history.

A form edits one record at a time. It never holds an ORM object: it loads a
read model, builds an input dataclass on save, and hands it to the history,
which performs the service call and remembers how to undo it.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.errors import EditConflict, NotFoundError, UserError, ValidationError
from visitplanner.i18n import _, current_language
from visitplanner.services.changes import Changes
from visitplanner.store.database import Catalogue

if TYPE_CHECKING:
    from visitplanner.services.recovery.history import History


def form_label(text: str) -> str:
    """French puts a no-break space before the colon; English none at all (UI.md)."""
    return f"{text}\u00a0:" if current_language() == "fr" else text


class RecordForm(QWidget):
    """Base editor; subclasses add fields and convert between views and inputs."""

    kind = ""
    saved = Signal(object)  # Changes
    open_requested = Signal(str, int)  # kind, id: a link to another record

    def __init__(self, catalogue: Catalogue, history: History, parent: QWidget | None = None):
        super().__init__(parent)
        self.catalogue = catalogue
        self.history = history
        self.record_id: int | None = None
        self._loading = False
        self.read_only = False
        self._error_widget: QWidget | None = None
        self._fields: dict[str, QWidget] = {}
        self.loaded_view: Any | None = None

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.error = error_label()
        self.save_button, self.revert_button, buttons = save_buttons(self.save, self.revert)
        from visitplanner.ui.record_history import history_button

        self.history_button = history_button(self)
        self.history_button.setEnabled(False)
        buttons.insertWidget(0, self.history_button)

        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addStretch(1)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        escape = QShortcut(QKeySequence(QKeySequence.StandardKey.Cancel), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(lambda: cancel_edit(self))

    # --- building ---------------------------------------------------------------------

    def add_field(self, field: str, label: str, widget: QWidget) -> QWidget:
        """Adds a row; ``field`` is the name validation errors use for this widget."""
        return add_row(self.form, self._fields, field, label, widget, self.mark_changed)

    def add_check(self, widget: QCheckBox) -> QCheckBox:
        widget.setAccessibleName(widget.text())
        self.form.addRow("", widget)
        self._watch(widget)
        return widget

    def _watch(self, widget: QWidget) -> None:
        watch(widget, self.mark_changed)

    # --- state --------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self.save_button.isEnabled()

    def mark_changed(self, *_args: Any) -> None:
        if not self._loading and not self.read_only:
            self.save_button.setEnabled(True)
            self.revert_button.setEnabled(True)
            self._clear_error_of(self.sender())

    def _clear_error_of(self, changed: object) -> None:
        """A refusal goes once its field is edited: it spoke of a value no longer there."""
        field = self._error_widget
        if field is None or (
            isinstance(changed, QWidget) and (changed is field or field.isAncestorOf(changed))
        ):
            self.error.hide()

    def load(self, record_id: int | None) -> None:
        """Shows a record (``None``: an empty form for a new one)."""
        self._loading = True
        try:
            view = self.fetch(record_id) if record_id is not None else None
        except NotFoundError:
            view, record_id = None, None
        self.record_id = record_id
        self.loaded_view = view  # its version goes with the save (no silent overwrite)
        try:
            self.show_view(view)
        finally:
            self._loading = False
        for widget in self._fields.values():
            if isinstance(widget, QLineEdit):
                widget.setCursorPosition(0)  # show the start of long names and links
        self.error.hide()
        self.save_button.setEnabled(False)
        self.revert_button.setEnabled(False)
        self.history_button.setEnabled(record_id is not None)

    def revert(self) -> None:
        self.load(self.record_id)

    def set_read_only(self) -> None:
        """A catalogue opened read-only: the fields show, nothing can be typed or saved."""
        self.read_only = True
        make_read_only(self)
        self.save_button.hide()
        self.revert_button.hide()

    def save(self) -> bool:
        """Saves if needed; False (and a message at the field) if the input was refused."""
        if not self.dirty:
            return True
        try:
            data = self.make_input()
            if self.record_id is None:
                changes: Changes = self.history.create(self.kind, data)
                self.record_id = changes.created_id(self.kind)
            else:
                changes = self._update(data)
                if changes is None:  # their values taken, or back to the form unsaved
                    return not self.dirty
        except ValidationError as exc:
            self.show_error(exc.message, self._fields.get(exc.field))
            return False
        except UserError as exc:
            self.show_error(exc.message, None)
            self.refused(exc)
            return False
        self.load(self.record_id)
        self.saved.emit(changes)
        return True

    def _update(self, data: Any) -> Changes | None:
        """Saves over the version loaded; someone else's save in between is settled first."""
        from visitplanner.ui import conflict_dialog

        version = getattr(self.loaded_view, "version", None)
        data = dataclasses.replace(data, expected_version=version)
        try:
            return self.history.update(self.kind, self.record_id, data)
        except EditConflict as conflict:
            to_input = conflict_dialog.input_of(self.kind)
            loaded = to_input(self.loaded_view) if self.loaded_view is not None else None
            return conflict_dialog.settle(
                self,
                self.catalogue,
                conflict,
                data,
                loaded,
                to_input,
                lambda merged: self.history.update(self.kind, self.record_id, merged),
                self.revert,
            )

    def show_error(self, message: str, widget: QWidget | None) -> None:
        self.error.setText(message)
        self.error.show()
        self._error_widget = widget
        if widget is not None:
            widget.setFocus()

    # --- for subclasses -----------------------------------------------------------------

    def fetch(self, record_id: int) -> Any:
        raise NotImplementedError

    def show_view(self, view: Any | None) -> None:
        raise NotImplementedError

    def make_input(self) -> Any:
        raise NotImplementedError

    def refused(self, error: UserError) -> None:
        """Hook for refusals that deserve more than a message (duplicate e-mail)."""

    def first_field(self) -> QWidget | None:
        return next(iter(self._fields.values()), None)


def cancel_edit(form: Any) -> None:
    """Esc leaves the edit; typed changes, new record or not, are not thrown away unasked.

    The question is the one asked when leaving a record with unsaved changes: Esc is
    pressed by habit (to close a completion list, a popup) and must not cost the typing.
    """
    if form.dirty:
        from visitplanner.ui import dialogs

        answer = dialogs.ask_save_discard_cancel(
            form, _("Unsaved changes"), _("Save the changes to this record before leaving it?")
        )
        if answer == "save":
            form.save()
            return
        if answer != "discard":
            return
    form.revert()


def make_read_only(root: QWidget) -> None:
    """Every field under ``root`` shows its value but takes no input; buttons are off."""
    for widget in root.findChildren(QWidget):
        if widget.window() is not root.window() or isinstance(widget.parent(), QTabBar):
            continue  # a calendar popup, the tab scroll arrows: for looking, not editing
        if isinstance(widget, (QLineEdit, QPlainTextEdit, QAbstractSpinBox)):
            widget.setReadOnly(True)
        elif isinstance(widget, (QComboBox, QAbstractButton)):
            widget.setEnabled(False)
        elif isinstance(widget, QAbstractItemView):
            widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            widget.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)
            if isinstance(widget, QListWidget):
                widget.setEnabled(False)  # ticks in a list cannot be made read-only


def add_row(
    form: QFormLayout,
    fields: dict[str, QWidget],
    field: str,
    label: str,
    widget: QWidget,
    on_change: Any,
) -> QWidget:
    """Adds a labelled row to ``form``, known in ``fields`` as ``field`` (the name
    validation errors use), calling ``on_change`` whenever the user changes it."""
    widget.setAccessibleName(label)
    form.addRow(form_label(label), widget)
    fields[field] = widget
    watch(widget, on_change)
    return widget


def watch(widget: QWidget, slot: Any) -> None:
    """Calls ``slot`` whenever the user changes ``widget``, whatever kind of field it is."""
    if isinstance(widget, QLineEdit):
        widget.textEdited.connect(slot)
    elif isinstance(widget, QPlainTextEdit):
        widget.textChanged.connect(slot)
    elif isinstance(widget, QComboBox):
        widget.currentIndexChanged.connect(slot)
        if widget.isEditable():
            widget.editTextChanged.connect(slot)
    elif isinstance(widget, QAbstractButton):
        widget.toggled.connect(slot)
    elif isinstance(widget, QSpinBox):
        widget.valueChanged.connect(slot)
    elif isinstance(widget, QDateTimeEdit):
        widget.dateTimeChanged.connect(slot)
    elif isinstance(widget, QListWidget):
        widget.itemChanged.connect(slot)


def error_label() -> QLabel:
    """Where a refused save says why, under the form."""
    label = QLabel()
    label.setWordWrap(True)
    label.setAccessibleName(_("Error"))
    label.setStyleSheet("color: #b3261e; font-weight: bold;")
    label.hide()
    return label


def save_buttons(save: Any, revert: Any) -> tuple[QPushButton, QPushButton, QHBoxLayout]:
    """Save and Cancel, disabled until something changes (UI.md)."""
    save_button = QPushButton(_("Save"))
    save_button.setAccessibleName(_("Save"))
    save_button.setToolTip(_("Save (Ctrl+S)"))
    save_button.setEnabled(False)
    save_button.clicked.connect(save)
    revert_button = QPushButton(_("Cancel"))
    revert_button.setAccessibleName(_("Cancel changes"))
    revert_button.setEnabled(False)
    revert_button.clicked.connect(revert)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(revert_button)
    row.addWidget(save_button)
    return save_button, revert_button, row


def set_combo(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(index if index >= 0 else 0)


def enum_combo(enum: type, empty: bool = True) -> QComboBox:
    combo = QComboBox()
    if empty:
        combo.addItem("—", None)
    for member in enum:
        combo.addItem(member.label, member.value)
    return combo


def link_html(items: list[tuple[str, int, str]]) -> str:
    """Links to other records (kind, id, text), for a QLabel that opens them."""
    from html import escape

    return ", ".join(f'<a href="{kind}:{rid}">{escape(text)}</a>' for kind, rid, text in items)
