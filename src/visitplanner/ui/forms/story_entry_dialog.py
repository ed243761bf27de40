"""Writing or editing one entry of the shared story.

The dialog calls the story service itself, so that a refusal (an empty title, a
file that is not an image) is shown under the field it concerns while the dialog
stays open with everything typed still there.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.enums import Challenge, StoryKind
from visitplanner.domain.errors import UserError, ValidationError
from visitplanner.i18n import _, current_language
from visitplanner.services.events import planning
from visitplanner.services.story import entries as story_entries
from visitplanner.services.story.entries import StoryEntryInput, StoryEntryView
from visitplanner.store.database import Catalogue
from visitplanner.ui import dialogs
from visitplanner.ui.formats import day
from visitplanner.ui.forms.base import error_label, form_label, watch
from visitplanner.ui.forms.limits import LONG_TEXT, SHORT_TEXT, column_length, limit
from visitplanner.ui.widgets.drops import ImageDropFilter
from visitplanner.ui.widgets.pickers import DynamicsChecklist, RecordPicker

THUMBNAIL = (180, 120)


def ask_photo(parent: QWidget | None) -> Path | None:
    """The photo chooser; tests replace this function."""
    from visitplanner.ui import file_dialogs

    return file_dialogs.open_path(parent, _("Choose a photo"), "photo")


class EventPicker(RecordPicker):
    """Type part of an event's title; suggestions show its day."""

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        def search(text: str) -> list[tuple[int, str]]:
            return [
                (e.id, f"{day(e.start.date())} — {e.title}")
                for e in planning.list_events(catalogue, search=text, limit=15)
            ]

        super().__init__(search, parent)
        self.setPlaceholderText(_("Type part of the event's title"))

    def chosen_id(self, field: str) -> int | None:
        if not self.text().strip():
            return None
        if self.record_id is None:
            raise ValidationError(
                field, _("choose an event among the suggestions, or leave it empty.")
            )
        return self.record_id


class StoryEntryDialog(QDialog):
    saved = Signal(str, object)  # the entry's UUID, Changes

    def __init__(
        self,
        catalogue: Catalogue,
        entry: StoryEntryView | None,
        author: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.entry = entry
        self.author = author
        self.photo: Path | None = entry.photo if entry else None
        self._loading = True
        self._closing = False
        self.setWindowTitle(_("New entry") if entry is None else _("Edit the entry"))
        self.setAcceptDrops(True)
        self.resize(920, 620)
        self.errors: dict[str, QLabel] = {}
        self.fields: dict[str, QWidget] = {}

        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        # « mar. 24 nov. 2026 », "Tue 24 Nov 2026": the day written as elsewhere in the window.
        self.date_edit.setLocale(QLocale(current_language()))
        self.date_edit.setDisplayFormat("ddd d MMM yyyy")
        self.title_edit = QLineEdit()
        self.kind_box = QComboBox()
        for kind in StoryKind:
            self.kind_box.addItem(kind.label, kind.value)
        self.text_edit = QPlainTextEdit()
        self.text_edit.setMinimumHeight(260)
        self.text_edit.setPlaceholderText(
            _("What happened, what was decided. A line starting with “- ” is a bullet.")
        )
        self.dynamics = DynamicsChecklist(catalogue)
        self.dynamics.setMaximumHeight(130)
        self.challenges = QListWidget()
        for challenge in Challenge:
            item = QListWidgetItem(challenge.label)
            item.setData(Qt.ItemDataRole.UserRole, challenge.value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.challenges.addItem(item)
        self.challenges.setMaximumHeight(
            self.challenges.sizeHintForRow(0) * self.challenges.count() + 6
        )
        self.event_picker = EventPicker(catalogue)
        self.thumbnail = QLabel()
        self.thumbnail.setFixedSize(*THUMBNAIL)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumbnail.setFrameShape(QLabel.Shape.StyledPanel)
        self.thumbnail.setAccessibleName(_("Photo preview"))
        self.choose_photo_button = QPushButton(_("Choose a photo…"))
        self.choose_photo_button.setAccessibleName(_("Choose a photo"))
        self.choose_photo_button.setToolTip(_("Or drop an image file onto this window"))
        self.choose_photo_button.clicked.connect(self.choose_photo)
        self.remove_photo_button = QPushButton(_("Remove the photo"))
        self.remove_photo_button.setAccessibleName(_("Remove the photo"))
        self.remove_photo_button.clicked.connect(lambda: self.set_photo(None))
        self.caption_edit = QLineEdit()
        self.title_edit.setMaxLength(column_length("StoryEntry", "title"))
        self.caption_edit.setMaxLength(SHORT_TEXT)
        limit(self.text_edit, LONG_TEXT)

        left = QFormLayout()
        left.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        right = QFormLayout()
        right.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._row(left, "date", _("Date"), self.date_edit)
        self._row(left, "kind", _("Kind"), self.kind_box)
        self._row(left, "title", _("Title"), self.title_edit)
        self._row(left, "text", _("Text"), self.text_edit)
        self._row(right, "dynamics", _("Dynamics"), self.dynamics)
        self._row(right, "challenges", _("Challenges"), self.challenges)
        self._row(right, "event", _("Linked event"), self.event_picker)
        photo_buttons = QVBoxLayout()
        photo_buttons.addWidget(self.choose_photo_button)
        photo_buttons.addWidget(self.remove_photo_button)
        photo_buttons.addStretch(1)
        photo_box = QWidget()
        photo_row = QHBoxLayout(photo_box)
        photo_row.setContentsMargins(0, 0, 0, 0)
        photo_row.addWidget(self.thumbnail)
        photo_row.addLayout(photo_buttons, 1)
        photo_box.setAccessibleName(_("Photo"))
        self._row(right, "photo", _("Photo"), photo_box, watched=False)
        self._row(right, "caption", _("Caption"), self.caption_edit)

        self.debrief_note = QLabel()
        self.debrief_note.setWordWrap(True)
        self.debrief_note.setAccessibleName(_("Created from a debrief"))
        self.debrief_note.hide()
        self.error = error_label()
        self.save_button = QPushButton(_("Save"))
        self.save_button.setAccessibleName(_("Save"))
        self.save_button.setToolTip(_("Save (Ctrl+S)"))
        self.save_button.setDefault(True)
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.setAccessibleName(_("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)

        right_column = QVBoxLayout()
        right_column.addLayout(right)
        right_column.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addSpacing(12)
        columns.addLayout(right_column, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.debrief_note)
        layout.addLayout(columns, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

        self._drops = ImageDropFilter(self)
        self._drops.dropped.connect(lambda paths: self.set_photo(Path(paths[0])))
        # An image dropped anywhere is the photo, even over the text (not its path as text).
        for widget in (self, self.thumbnail, self.text_edit.viewport(), self.title_edit):
            widget.setAcceptDrops(True)
            widget.installEventFilter(self._drops)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        self._show(entry)
        self._loading = False
        self.title_edit.setFocus()

    # --- building -----------------------------------------------------------------------

    def _row(
        self, form: QFormLayout, field: str, label: str, widget: QWidget, watched: bool = True
    ) -> None:
        """A field with its own error line under it, where the service's refusal appears."""
        widget.setAccessibleName(label)
        error = error_label()
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(error)
        form.addRow(form_label(label), box)
        self.errors[field] = error
        self.fields[field] = widget
        if watched:
            watch(widget, self.mark_changed)
        if isinstance(widget, RecordPicker):
            widget.picked.connect(self.mark_changed)

    def _show(self, entry: StoryEntryView | None) -> None:
        today = date.today()
        value = entry.date if entry else today
        self.date_edit.setDate(QDate(value.year, value.month, value.day))
        if entry is None:
            self.kind_box.setCurrentIndex(self.kind_box.findData(StoryKind.NOTE.value))
            self._show_photo()
            return
        self.title_edit.setText(entry.title)
        self.title_edit.setCursorPosition(0)
        self.kind_box.setCurrentIndex(max(self.kind_box.findData(entry.kind), 0))
        self.text_edit.setPlainText(entry.text or "")
        self.dynamics.set_selected(entry.dynamic_ids)
        for row in range(self.challenges.count()):
            item = self.challenges.item(row)
            ticked = item.data(Qt.ItemDataRole.UserRole) in entry.challenges
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        if entry.event_id is not None:
            self.event_picker.set_record(entry.event_id, entry.event_title)
        self.caption_edit.setText(entry.photo_caption or "")
        if entry.debrief_id is not None:
            self.debrief_note.setText(
                _("Created from the debrief of {event}; editing keeps the link.").format(
                    event=entry.event_title or _("an event")
                )
            )
            self.debrief_note.show()
        self._show_photo()

    # --- photo --------------------------------------------------------------------------

    def choose_photo(self) -> None:
        path = ask_photo(self)
        if path is not None:
            self.set_photo(path)

    def set_photo(self, path: Path | None) -> None:
        self.photo = path
        self._show_photo()
        self.mark_changed()

    def _show_photo(self) -> None:
        pixmap = QPixmap(str(self.photo)) if self.photo is not None else QPixmap()
        if pixmap.isNull():
            self.thumbnail.setPixmap(QPixmap())
            self.thumbnail.setText(_("No photo") if self.photo is None else self.photo.name)
        else:
            self.thumbnail.setPixmap(
                pixmap.scaled(
                    *THUMBNAIL,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        self.remove_photo_button.setEnabled(self.photo is not None)
        self.caption_edit.setEnabled(self.photo is not None)

    # --- state --------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self.save_button.isEnabled()

    def mark_changed(self, *_args: Any) -> None:
        if not self._loading:
            self.save_button.setEnabled(True)

    def make_input(self) -> StoryEntryInput:
        challenges = tuple(
            self.challenges.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.challenges.count())
            if self.challenges.item(row).checkState() == Qt.CheckState.Checked
        )
        return StoryEntryInput(
            date=self.date_edit.date().toPython(),
            title=self.title_edit.text(),
            kind=self.kind_box.currentData(),
            text=self.text_edit.toPlainText(),
            dynamic_ids=tuple(self.dynamics.selected_ids()),
            challenges=challenges,
            event_id=self.event_picker.chosen_id(_("event")),
            photo=self.photo,
            photo_caption=self.caption_edit.text() if self.photo is not None else None,
        )

    def save(self) -> bool:
        """Writes the entry; False (and a message at the field) if the service refused it."""
        if not self.dirty:
            return self.entry is not None
        self._clear_errors()
        try:
            data = self.make_input()
            if self.entry is None:
                added = story_entries.add_entry(self.catalogue, data, self.author)
                uuid, changes = added.uuid, added.changes
            else:
                uuid = self.entry.uuid
                changes = story_entries.edit_entry(self.catalogue, uuid, data, self.author)
        except ValidationError as exc:
            self._show_error(exc)
            return False
        except UserError as exc:
            self.error.setText(exc.message)
            self.error.show()
            return False
        self._closing = True
        self.accept()
        self.saved.emit(uuid, changes)
        return True

    def _clear_errors(self) -> None:
        self.error.hide()
        for label in self.errors.values():
            label.hide()

    def _show_error(self, exc: ValidationError) -> None:
        """Under the field the service names; in the dialog's own error line otherwise."""
        names = {
            _("date"): "date",
            _("title"): "title",
            _("kind"): "kind",
            _("text"): "text",
            _("dynamics"): "dynamics",
            _("challenge"): "challenges",
            _("event"): "event",
            _("photo"): "photo",
            _("caption"): "caption",
        }
        field = names.get(exc.field)
        reason = getattr(exc, "reason", exc.message)
        if field is None:
            self.error.setText(exc.message)
            self.error.show()
            return
        label = self.errors[field]
        label.setText(reason[:1].upper() + reason[1:])
        label.show()
        self.fields[field].setFocus()

    def reject(self) -> None:
        """Esc, Cancel or the close button: typed text is never thrown away unasked."""
        if self.dirty and not self._closing:
            answer = dialogs.ask_save_discard_cancel(
                self, _("Unsaved entry"), _("Save what you typed before closing?")
            )
            if answer == "cancel":
                return
            if answer == "save":
                self.save()
                return
        self._closing = True
        super().reject()
