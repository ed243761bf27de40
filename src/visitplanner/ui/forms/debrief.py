"""The debrief editor: what the group saw and learned, saved as it is typed.

Each section saves itself a moment after the last keystroke (one small
transaction), so closing the window or a crash loses at most that moment.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.enums import Challenge
from visitplanner.domain.errors import ReadOnlyCatalogueError, UserError
from visitplanner.i18n import _
from visitplanner.services.documents import debriefs, photos
from visitplanner.services.events import planning
from visitplanner.store.database import Catalogue
from visitplanner.ui.forms.base import form_label, make_read_only
from visitplanner.ui.forms.debrief_photos import PhotoStrip
from visitplanner.ui.forms.limits import LONG_TEXT, SHORT_TEXT, LimitedDelegate, limit
from visitplanner.ui.widgets.dates import OptionalDateEdit
from visitplanner.ui.widgets.fit import fit_headers

AUTOSAVE_MS = 800


def _text_edit(placeholder: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setPlaceholderText(placeholder)
    edit.setAccessibleName(placeholder)
    edit.setMinimumHeight(70)
    return edit


class RowsTable(QTableWidget):
    """A small editable list (takeaways, quotes, actions) with add and remove."""

    def __init__(self, headers: list[str], name: str) -> None:
        super().__init__(0, len(headers))
        self.setHorizontalHeaderLabels(headers)
        self.setAccessibleName(name)
        self.verticalHeader().hide()
        self.horizontalHeader().setStretchLastSection(False)
        # The text takes the room left by the choice columns.
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.setMinimumHeight(110)


class DebriefEditor(QWidget):
    changes_applied = Signal(object)

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.view: debriefs.DebriefView | None = None
        self.people: list[tuple[int, str]] = []
        self._loading = False
        self._dirty: set[str] = set()

        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.status = QPushButton()
        self.status.setAccessibleName(_("Debrief status"))
        self.status.clicked.connect(self.toggle_status)
        self.saved_label = QLabel()
        self.saved_label.setAccessibleName(_("Autosave"))

        self.context = _text_edit(_("Context and the visit question"))
        self.what_we_saw = _text_edit(_("What we saw: the host’s practices"))
        self.ideas = _text_edit(_("Ideas to transpose at home"))
        for key, edit in (
            ("context", self.context),
            ("what_we_saw", self.what_we_saw),
            ("ideas_to_transpose", self.ideas),
        ):
            edit.textChanged.connect(lambda k=key: self._changed(k))

        self.takeaways = RowsTable([_("Takeaway"), _("Shared challenge")], _("Takeaways"))
        self.takeaways.setColumnWidth(1, 210)
        self.takeaways.itemChanged.connect(lambda *_a: self._changed("takeaways"))
        self.quotes = RowsTable([_("Quote"), _("Said by")], _("Quotes"))
        self.quotes.setColumnWidth(1, 190)
        self.quotes.itemChanged.connect(lambda *_a: self._changed("quotes"))
        self.actions = RowsTable(
            [_("Action"), _("Owner"), _("Due"), _("Done")], _("Follow-up actions")
        )
        for column, width in ((1, 160), (2, 120), (3, 50)):
            self.actions.setColumnWidth(column, width)
        for table in (self.takeaways, self.quotes, self.actions):
            fit_headers(table)  # « Réalisé » is wider than "Done"
        self.actions.setItemDelegate(LimitedDelegate({0: SHORT_TEXT}, self.actions))
        for edit in (self.context, self.what_we_saw, self.ideas):
            limit(edit, LONG_TEXT)
        self.actions.itemChanged.connect(lambda *_a: self._changed("actions"))
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #8a5300;")
        self.warnings.setAccessibleName(_("Consent warnings"))

        self.authors = QListWidget()
        self.authors.setAccessibleName(_("Authors"))
        self.authors.setMaximumHeight(100)
        self.authors.itemChanged.connect(lambda *_a: self._changed("authors"))

        self.photo_list = PhotoStrip()
        self.photo_list.itemChanged.connect(self._caption_changed)
        from visitplanner.ui.widgets.drops import ImageDropFilter

        self._photo_drops = ImageDropFilter(self)
        self._photo_drops.dropped.connect(self.add_photos)
        self.setAcceptDrops(True)
        self.installEventFilter(self._photo_drops)
        self.photo_list.viewport().setAcceptDrops(True)
        self.photo_list.viewport().installEventFilter(self._photo_drops)
        add_photo = QPushButton(_("Add photos…"))
        add_photo.setAccessibleName(_("Add photos"))
        add_photo.clicked.connect(self.add_photos)
        remove_photo = QPushButton(_("Remove the photo"))
        remove_photo.setAccessibleName(_("Remove the selected photo"))
        remove_photo.clicked.connect(self.remove_photo)

        def row_buttons(table: RowsTable, key: str) -> QHBoxLayout:
            add = QPushButton(_("Add"))
            add.setAccessibleName(_("Add a line to {name}").format(name=table.accessibleName()))
            add.clicked.connect(lambda: self._add_row(table, key))
            remove = QPushButton(_("Remove"))
            remove.setAccessibleName(
                _("Remove the line from {name}").format(name=table.accessibleName())
            )
            remove.clicked.connect(lambda: self._remove_row(table, key))
            row = QHBoxLayout()
            row.addWidget(add)
            row.addWidget(remove)
            row.addStretch(1)
            return row

        form = QFormLayout()
        form.addRow(form_label(_("Context")), self.context)
        form.addRow(form_label(_("What we saw")), self.what_we_saw)
        form.addRow(form_label(_("Takeaways")), self.takeaways)
        form.addRow("", row_buttons(self.takeaways, "takeaways"))
        form.addRow(form_label(_("Ideas to transpose")), self.ideas)
        form.addRow(form_label(_("Quotes")), self.quotes)
        form.addRow("", row_buttons(self.quotes, "quotes"))
        form.addRow("", self.warnings)
        form.addRow(form_label(_("Follow-up actions")), self.actions)
        form.addRow("", row_buttons(self.actions, "actions"))
        form.addRow(form_label(_("Photos")), self.photo_list)
        photo_row = QHBoxLayout()
        photo_row.addWidget(add_photo)
        photo_row.addWidget(remove_photo)
        photo_row.addStretch(1)
        form.addRow("", photo_row)
        form.addRow(form_label(_("Authors")), self.authors)

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.saved_label)
        top.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.question)
        layout.addLayout(form)

        self._timer = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._timer.timeout.connect(self.flush)

    # --- loading ------------------------------------------------------------------------

    def load(self, event_id: int | None) -> None:
        self.flush()
        self._loading = True
        try:
            unwritten = False
            try:
                self.view = debriefs.open_debrief(self.catalogue, event_id) if event_id else None
            except ReadOnlyCatalogueError:  # its first opening would create the draft
                self.view, event_id, unwritten = None, None, True
            v = self.view
            self.setEnabled(v is not None)
            detail = planning.get_event(self.catalogue, event_id) if event_id else None
            self.people = [(p.person_id, p.name) for p in detail.participants] if detail else []
            organiser = detail.event.organiser_id if detail else None
            if organiser is not None and organiser not in {pid for pid, _n in self.people}:
                # The organiser often owns the follow-up without being on the list.
                self.people.insert(0, (organiser, detail.event.organiser_name or ""))
            self.title.setText(
                v.event_title
                if v
                else _("This event has no debrief, and a read-only catalogue cannot start one.")
                if unwritten
                else _("Choose an event to write its debrief.")
            )
            self.question.setText(v.visit_question or "" if v else "")
            self.context.setPlainText(v.context or "" if v else "")
            self.what_we_saw.setPlainText(v.what_we_saw or "" if v else "")
            self.ideas.setPlainText(v.ideas_to_transpose or "" if v else "")
            self._fill_takeaways(v)
            self._fill_quotes(v)
            self._fill_actions(v)
            self._fill_photos(v)
            self._fill_authors(v)
            self._show_status()
        finally:
            self._loading = False
        self._dirty.clear()
        self.saved_label.clear()
        if getattr(self.catalogue, "read_only", False):
            make_read_only(self)  # rows are rebuilt on each load: lock them again

    def _person_combo(self, person_id: int | None, empty: str) -> QComboBox:
        combo = QComboBox()
        combo.addItem(empty, None)
        for pid, name in self.people:
            combo.addItem(name, pid)
        index = combo.findData(person_id)
        combo.setCurrentIndex(max(index, 0))
        return combo

    def _fill_takeaways(self, v: debriefs.DebriefView | None) -> None:
        self.takeaways.setRowCount(0)
        for t in v.takeaways if v else ():
            self._add_takeaway(t.text, t.challenge)

    def _add_takeaway(self, text: str, challenge: str | None) -> None:
        row = self.takeaways.rowCount()
        self.takeaways.insertRow(row)
        self.takeaways.setItem(row, 0, QTableWidgetItem(text))
        combo = QComboBox()
        combo.addItem("—", None)
        for member in Challenge:
            combo.addItem(member.label, member.value)
        combo.setCurrentIndex(max(combo.findData(challenge), 0))
        combo.currentIndexChanged.connect(lambda *_a: self._changed("takeaways"))
        self.takeaways.setCellWidget(row, 1, combo)

    def _fill_quotes(self, v: debriefs.DebriefView | None) -> None:
        self.quotes.setRowCount(0)
        for q in v.quotes if v else ():
            self._add_quote(q.text, q.person_id)
        self.warnings.setText("\n".join(debriefs.consent_warnings(v)) if v else "")

    def _add_quote(self, text: str, person_id: int | None) -> None:
        row = self.quotes.rowCount()
        self.quotes.insertRow(row)
        self.quotes.setItem(row, 0, QTableWidgetItem(text))
        combo = self._person_combo(person_id, _("— not attributed —"))
        combo.currentIndexChanged.connect(lambda *_a: self._changed("quotes"))
        self.quotes.setCellWidget(row, 1, combo)

    def _fill_actions(self, v: debriefs.DebriefView | None) -> None:
        self.actions.setRowCount(0)
        for a in v.actions if v else ():
            self._add_action(a.text, a.owner_id, a.due_date, a.done)

    def _add_action(self, text: str, owner_id: int | None, due: date | None, done: bool) -> None:
        row = self.actions.rowCount()
        self.actions.insertRow(row)
        self.actions.setItem(row, 0, QTableWidgetItem(text))
        owner = self._person_combo(owner_id, _("— nobody —"))
        owner.currentIndexChanged.connect(lambda *_a: self._changed("actions"))
        self.actions.setCellWidget(row, 1, owner)
        due_edit = OptionalDateEdit()
        due_edit.setAccessibleName(_("Due"))
        due_edit.set_value(due)
        due_edit.dateChanged.connect(lambda *_a: self._changed("actions"))
        self.actions.setCellWidget(row, 2, due_edit)
        done_box = QCheckBox()
        done_box.setAccessibleName(_("Done"))
        done_box.setChecked(done)
        done_box.toggled.connect(lambda *_a: self._changed("actions"))
        self.actions.setCellWidget(row, 3, done_box)

    def _fill_photos(self, v: debriefs.DebriefView | None) -> None:
        self.photo_list.show_photos(v.photos if v else ())

    def _fill_authors(self, v: debriefs.DebriefView | None) -> None:
        self.authors.blockSignals(True)
        self.authors.clear()
        chosen = {pid for pid, _name in v.authors} if v else set()
        for pid, name in self.people:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, pid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if pid in chosen else Qt.CheckState.Unchecked)
            self.authors.addItem(item)
        self.authors.blockSignals(False)

    def _show_status(self) -> None:
        final = bool(self.view and self.view.status == "final")
        self.status.setText(_("Final — back to draft") if final else _("Draft — finalise"))

    # --- editing ------------------------------------------------------------------------

    def _changed(self, section: str) -> None:
        if self._loading or self.view is None:
            return
        self._dirty.add(section)
        self.saved_label.setText(_("Saving…"))
        self._timer.start()

    def _add_row(self, table: RowsTable, key: str) -> None:
        if key == "takeaways":
            self._add_takeaway("", None)
        elif key == "quotes":
            self._add_quote("", None)
        else:
            self._add_action("", None, None, False)
        table.setCurrentCell(table.rowCount() - 1, 0)
        table.editItem(table.item(table.rowCount() - 1, 0))

    def _remove_row(self, table: RowsTable, key: str) -> None:
        row = table.currentRow()
        if row >= 0:
            table.removeRow(row)
            self._changed(key)

    def flush(self) -> None:
        """Saves every section changed since the last save (autosave, or before leaving)."""
        self._timer.stop()
        if self.view is None or not self._dirty:
            return
        sections, self._dirty = self._dirty, set()
        debrief_id = self.view.id
        try:
            changes = None
            for section in sorted(sections):
                result = self._save_section(debrief_id, section)
                changes = result if changes is None else changes | result
        except UserError as exc:
            self.saved_label.setText(exc.message)
            return
        self.view = debriefs.get_debrief(self.catalogue, debrief_id)
        self.warnings.setText("\n".join(debriefs.consent_warnings(self.view)))
        self.saved_label.setText(_("Saved"))
        if changes is not None:
            self.changes_applied.emit(changes)

    def _save_section(self, debrief_id: int, section: str):  # -> Changes
        if section in ("context", "what_we_saw", "ideas_to_transpose"):
            edit = {"context": self.context, "what_we_saw": self.what_we_saw}.get(
                section, self.ideas
            )
            return debriefs.save_text(self.catalogue, debrief_id, section, edit.toPlainText())
        if section == "takeaways":
            items = [
                debriefs.TakeawayInput(
                    self._cell(self.takeaways, r), self.takeaways.cellWidget(r, 1).currentData()
                )
                for r in range(self.takeaways.rowCount())
            ]
            return debriefs.save_takeaways(self.catalogue, debrief_id, items)
        if section == "quotes":
            items = [
                debriefs.QuoteInput(
                    self._cell(self.quotes, r), self.quotes.cellWidget(r, 1).currentData()
                )
                for r in range(self.quotes.rowCount())
            ]
            return debriefs.save_quotes(self.catalogue, debrief_id, items)
        if section == "actions":
            items = []
            for r in range(self.actions.rowCount()):
                due = self.actions.cellWidget(r, 2).value()
                items.append(
                    debriefs.ActionInput(
                        self._cell(self.actions, r),
                        self.actions.cellWidget(r, 1).currentData(),
                        due,
                        self.actions.cellWidget(r, 3).isChecked(),
                    )
                )
            return debriefs.save_actions(self.catalogue, debrief_id, items)
        ids = [
            self.authors.item(r).data(Qt.ItemDataRole.UserRole)
            for r in range(self.authors.count())
            if self.authors.item(r).checkState() == Qt.CheckState.Checked
        ]
        return debriefs.set_authors(self.catalogue, debrief_id, ids)

    @staticmethod
    def _cell(table: QTableWidget, row: int) -> str:
        item = table.item(row, 0)
        return item.text() if item else ""

    def toggle_status(self) -> None:
        if self.view is None:
            return
        self.flush()
        status = "draft" if self.view.status == "final" else "final"
        changes = debriefs.set_status(self.catalogue, self.view.id, status)
        self.view = debriefs.get_debrief(self.catalogue, self.view.id)
        self._show_status()
        self.changes_applied.emit(changes)

    # --- photos -------------------------------------------------------------------------

    def ask_photos(self) -> list[Path]:
        """The file chooser; tests replace this method."""
        from visitplanner.ui import file_dialogs

        return file_dialogs.open_paths(self, _("Add photos"), "photo")

    def add_photos(self, paths: list[Path] | None = None) -> None:
        if self.view is None or getattr(self.catalogue, "read_only", False):
            return
        for path in paths or self.ask_photos():
            try:
                self.changes_applied.emit(photos.add_photo(self.catalogue, self.view.id, path))
            except UserError as exc:
                self.saved_label.setText(exc.message)
        self.view = debriefs.get_debrief(self.catalogue, self.view.id)
        self._fill_photos(self.view)

    def remove_photo(self) -> None:
        item = self.photo_list.currentItem()
        if item is None or self.view is None:
            return
        photos.remove_photo(self.catalogue, item.data(Qt.ItemDataRole.UserRole))
        self.view = debriefs.get_debrief(self.catalogue, self.view.id)
        self._fill_photos(self.view)

    def _caption_changed(self, item: QListWidgetItem) -> None:
        if not self._loading:
            photos.set_caption(self.catalogue, item.data(Qt.ItemDataRole.UserRole), item.text())
