"""The event editor: what, when, where, who organises, and the programme."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.enums import EventKind, EventStatus
from visitplanner.domain.errors import UserError, ValidationError
from visitplanner.i18n import _
from visitplanner.services.changes import ChangeKind, Changes
from visitplanner.services.events import planning
from visitplanner.store.database import Catalogue
from visitplanner.ui.forms.base import (
    add_row,
    cancel_edit,
    enum_combo,
    error_label,
    form_label,
    make_read_only,
    save_buttons,
    set_combo,
    watch,
)
from visitplanner.ui.forms.limits import SHORT_TEXT, TEXT, column_length, limit_fields
from visitplanner.ui.forms.programme import ProgrammeEditor
from visitplanner.ui.widgets.dates import TypedDateTimeEdit
from visitplanner.ui.widgets.pickers import (
    DynamicsChecklist,
    PersonPicker,
    RecordPicker,
    hosts_search,
)

ZONES = (
    "Europe/Paris",
    "Europe/Brussels",
    "Europe/Luxembourg",
    "Europe/Zurich",
    "Europe/Berlin",
    "Europe/Madrid",
    "Europe/Rome",
    "Europe/London",
    "America/Guadeloupe",
    "America/Martinique",
    "America/Cayenne",
    "Indian/Reunion",
    "Indian/Mayotte",
    "Pacific/Noumea",
    "Pacific/Tahiti",
    "UTC",
)


def _qdatetime(moment: datetime) -> QDateTime:
    return QDateTime(
        QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute)
    )


def _iso(edit: QDateTimeEdit, all_day: bool, end: bool = False) -> str:
    value = edit.dateTime()
    d, t = value.date(), value.time()
    moment = datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())
    if all_day:
        moment = datetime.combine(moment.date(), time(23, 59) if end else time(0, 0))
    return moment.isoformat(timespec="minutes")


class EventForm(QWidget):
    saved = Signal(object)  # Changes
    open_requested = Signal(str, int)

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.event_id: int | None = None
        self._detail: planning.EventDetail | None = None
        self.sequence_before_save: int | None = None
        self._loading = False
        self.read_only = False
        self._fields: dict[str, QWidget] = {}

        general = QWidget()
        self.form = QFormLayout(general)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.kind = self._add(_("kind"), _("Kind"), enum_combo(EventKind, empty=False))
        self.title = self._add(_("title"), _("Title"), QLineEdit())
        self.status = self._add(_("status"), _("Status"), enum_combo(EventStatus, empty=False))
        self.start = self._add(_("start"), _("Start"), TypedDateTimeEdit())
        self.end = self._add(_("end"), _("End"), TypedDateTimeEdit())
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
        self._shown_start = self.start.dateTime()
        self.start.dateTimeChanged.connect(self._start_moved)
        self.all_day = QCheckBox(_("All day"))
        self.all_day.setAccessibleName(_("All day"))
        self.all_day.toggled.connect(self._all_day_toggled)
        self.form.addRow("", self.all_day)
        self._watch(self.all_day)
        self.timezone = QComboBox()
        self.timezone.setEditable(True)
        self.timezone.addItems(ZONES)
        self._add(_("time zone"), _("Time zone"), self.timezone)
        self.timezone.lineEdit().setMaxLength(column_length("Event", "timezone"))
        host_row = QWidget()
        host_layout = QHBoxLayout(host_row)
        host_layout.setContentsMargins(0, 0, 0, 0)
        self.host = RecordPicker(hosts_search(catalogue))
        self.host.setAccessibleName(_("Host organisation"))
        self.host.picked.connect(self.mark_changed)
        self.suggest_button = QPushButton(_("Suggest…"))
        self.suggest_button.setAccessibleName(_("Suggest hosts for the visit question"))
        self.suggest_button.setToolTip(
            _("Hosts and dynamics whose practices or past debriefs match the visit question")
        )
        self.suggest_button.clicked.connect(self.suggest_hosts)
        host_layout.addWidget(self.host, 1)
        host_layout.addWidget(self.suggest_button)
        self.form.addRow(form_label(_("Host organisation")), host_row)
        self._fields[_("host organisation")] = self.host
        location = QPlainTextEdit()
        location.setMaximumHeight(60)
        location.setPlaceholderText(_("Address, if not at the host organisation"))
        self.location = self._add(_("location"), _("Place"), location)
        self.online_url = self._add(_("online link"), _("Online link"), QLineEdit())
        self.capacity = self._add(_("capacity"), _("Capacity"), QLineEdit())
        self.fee = self._add(_("fee"), _("Fee (€)"), QLineEdit())
        self.organiser = self._add(_("organiser"), _("Organiser"), PersonPicker(catalogue))
        self.organiser.picked.connect(self.mark_changed)
        question = QPlainTextEdit()
        question.setMaximumHeight(60)
        question.setPlaceholderText(_("What does the group want to learn?"))
        self.question = self._add(_("visit question"), _("Visit question"), question)
        objectives = QPlainTextEdit()
        objectives.setMaximumHeight(60)
        self.objectives = self._add(_("objectives"), _("Objectives"), objectives)
        self.visiting = self._add(
            _("visiting dynamics"), _("Visiting dynamics"), DynamicsChecklist(catalogue)
        )
        self.visited = self._add(
            _("visited dynamics"), _("Visited dynamics"), DynamicsChecklist(catalogue)
        )
        limit_fields(
            self,
            title=column_length("Event", "title"),
            online_url=column_length("Event", "online_url"),
            location=SHORT_TEXT,
            question=TEXT,
            objectives=TEXT,
        )
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setAccessibleName(_("Warnings"))
        self.warnings.setStyleSheet("color: #8a5300;")
        self.warnings.hide()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(general)

        self.programme = ProgrammeEditor()
        self.programme.changed.connect(self.mark_changed)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Event"))
        self.tabs.addTab(scroll, _("Event"))
        self.tabs.addTab(self.programme, _("Programme"))

        self.error = error_label()
        self.save_button, self.revert_button, buttons = save_buttons(self.save, self.revert)
        from visitplanner.ui.record_history import history_button

        self.history_button = history_button(self, "event", lambda: self.event_id)
        self.history_button.setEnabled(False)
        buttons.insertWidget(0, self.history_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.warnings)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        escape = QShortcut(QKeySequence(QKeySequence.StandardKey.Cancel), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self._escape)

        self._warn_timer = QTimer(self, singleShot=True, interval=300)
        self._warn_timer.timeout.connect(self.refresh_warnings)

    # --- building ------------------------------------------------------------------------

    def _add(self, field: str, label: str, widget: QWidget) -> QWidget:
        return add_row(self.form, self._fields, field, label, widget, self.mark_changed)

    def _watch(self, widget: QWidget) -> None:
        watch(widget, self.mark_changed)

    def _start_moved(self, start: QDateTime) -> None:
        """The end follows the start, keeping the duration, as in any calendar."""
        previous, self._shown_start = self._shown_start, start
        if self._loading:
            return
        self.end.setDateTime(self.end.dateTime().addSecs(previous.secsTo(start)))
        moment = start.toPython()
        self.programme.event_start = moment
        self.programme.first_day = moment.date()

    def _all_day_toggled(self, on: bool) -> None:
        fmt = "dd/MM/yyyy" if on else "dd/MM/yyyy HH:mm"
        self.start.setDisplayFormat(fmt)
        self.end.setDisplayFormat(fmt)

    # --- state ------------------------------------------------------------------------------

    @property
    def record_id(self) -> int | None:
        return self.event_id

    def first_field(self) -> QWidget:
        self.tabs.setCurrentIndex(0)
        return self.title

    @property
    def dirty(self) -> bool:
        return self.save_button.isEnabled()

    def mark_changed(self, *_args: object) -> None:
        if self._loading or self.read_only:
            return
        self.save_button.setEnabled(True)
        self.revert_button.setEnabled(True)
        self.error.hide()  # it spoke of the input as it was; the warnings re-check the new one
        self._warn_timer.start()

    def load(self, event_id: int | None, day: date | None = None) -> None:
        """Shows an event, or a new one (on ``day`` if given, 09:30-17:00)."""
        self._loading = True
        self.event_id = event_id
        self.history_button.setEnabled(event_id is not None)
        detail = planning.get_event(self.catalogue, event_id) if event_id is not None else None
        self._detail = detail
        e = detail.event if detail else None
        set_combo(self.kind, e.kind if e else "visit")
        self.title.setText(e.title if e else "")
        set_combo(self.status, e.status if e else "planned")
        first = day or date.today()
        start = e.start.replace(tzinfo=None) if e else datetime.combine(first, time(9, 30))
        end = e.end.replace(tzinfo=None) if e else datetime.combine(first, time(17, 0))
        if e and e.all_day:
            # Stored as the midnight after the last day (iCalendar); shown as that last day.
            end = datetime.combine(planning.last_day(e), time(23, 59))
        self.start.setDateTime(_qdatetime(start))
        self.end.setDateTime(_qdatetime(end))
        self._shown_start = self.start.dateTime()
        self.all_day.setChecked(bool(e and e.all_day))
        self._all_day_toggled(bool(e and e.all_day))
        self.timezone.setCurrentText(e.timezone if e else "Europe/Paris")
        self.host.set_record(e.host_id if e else None, e.host_name if e else None)
        self.location.setPlainText(e.own_location or "" if e else "")
        self.online_url.setText(e.online_url or "" if e else "")
        self.capacity.setText("" if not e or e.capacity is None else str(e.capacity))
        fee = "" if not e or e.fee_cents is None else f"{e.fee_cents / 100:.2f}".replace(".", ",")
        self.fee.setText(fee)
        self.organiser.set_person(e.organiser_id if e else None, e.organiser_name if e else None)
        self.question.setPlainText(e.visit_question or "" if e else "")
        self.objectives.setPlainText(e.objectives or "" if e else "")
        for checklist, ids in (
            (self.visiting, e.visiting_dynamic_ids if e else ()),
            (self.visited, e.visited_dynamic_ids if e else ()),
        ):
            checklist.reload()
            checklist.set_selected(ids)
        self.programme.load(detail.programme if detail else (), start.date())
        self.programme.event_start = start
        self.error.hide()
        self.save_button.setEnabled(False)
        self.revert_button.setEnabled(False)
        for widget in self._fields.values():
            if isinstance(widget, QLineEdit):
                widget.setCursorPosition(0)  # show the start of long titles and links
        self._loading = False
        self.refresh_warnings()

    def revert(self) -> None:
        self.load(self.event_id)

    def _escape(self) -> None:
        if self.programme.tree.state() == QAbstractItemView.State.EditingState:
            self.programme.tree.cancel_edit()  # Esc in a programme cell only leaves the cell
            return
        cancel_edit(self)

    def set_read_only(self) -> None:
        """A catalogue opened read-only: everything shows, nothing can be typed or saved."""
        self.read_only = True
        make_read_only(self)
        self.save_button.hide()
        self.revert_button.hide()

    def make_input(self) -> planning.EventInput:
        all_day = self.all_day.isChecked()
        host_id = self.host.chosen_id(_("host organisation"))
        return planning.EventInput(
            kind=self.kind.currentData(),
            title=self.title.text(),
            start=_iso(self.start, all_day),
            end=_iso(self.end, all_day, end=True),
            timezone=self.timezone.currentText().strip(),
            all_day=all_day,
            status=self.status.currentData(),
            host_id=host_id,
            location=self.location.toPlainText(),
            online_url=self.online_url.text(),
            capacity=self.capacity.text(),
            fee=self.fee.text(),
            organiser_id=self.organiser.chosen_id(_("organiser")),
            visit_question=self.question.toPlainText(),
            objectives=self.objectives.toPlainText(),
            programme=tuple(self.programme.items()),
            visiting_dynamic_ids=tuple(self.visiting.selected_ids()),
            visited_dynamic_ids=tuple(self.visited.selected_ids()),
        )

    def save(self) -> bool:
        if not self.dirty:
            return True
        # What calendars last heard: the page compares it after saving (update to send?).
        self.sequence_before_save = self._detail.event.sequence if self._detail else None
        try:
            changes: Changes | None = self._save_over_loaded(self.make_input())
            if changes is None:  # their values taken, or back to the form unsaved
                return not self.dirty
        except ValidationError as exc:
            self._show_error(exc.message, self._fields.get(exc.field))
            return False
        except UserError as exc:
            self._show_error(exc.message, None)
            return False
        if self.event_id is None:
            self.event_id = changes.created_id(ChangeKind.EVENT)
        self.load(self.event_id)
        self.saved.emit(changes)
        return True

    def _save_over_loaded(self, data: planning.EventInput) -> Changes | None:
        """Saves naming the version loaded; someone else's save in between is settled first."""
        if self._detail is None:
            return planning.save_event(self.catalogue, self.event_id, data)
        from visitplanner.domain.errors import EditConflict
        from visitplanner.ui.conflict_dialog import settle

        data = replace(data, expected_version=self._detail.event.version)
        try:
            return planning.save_event(self.catalogue, self.event_id, data)
        except EditConflict as conflict:
            return settle(
                self,
                self.catalogue,
                conflict,
                data,
                planning.event_input(self._detail),
                planning.event_input,
                lambda merged: planning.save_event(self.catalogue, self.event_id, merged),
                self.revert,
            )

    def _show_error(self, message: str, widget: QWidget | None) -> None:
        self.error.setText(message)
        self.error.show()
        if widget is not None:
            self.tabs.setCurrentIndex(0)
            widget.setFocus()
        elif _("programme") in message:
            self.tabs.setCurrentWidget(self.programme)
        self.refresh_warnings()

    def refresh_warnings(self) -> None:
        from visitplanner.services.events.checks import check_event, participant_conflicts

        try:
            found = check_event(self.catalogue, self.make_input(), self.event_id)
        except UserError:
            found = []
        if self.event_id is not None and not self.dirty:
            found += participant_conflicts(self.catalogue, self.event_id)
        if self.error.isVisible():  # the refusal already says it: never the same thing twice
            found = [w for w in found if w.code != "end_before_start"]
        self.warnings.setText("\n".join(f"⚠ {w.message}" for w in found))
        self.warnings.setVisible(bool(found))

    def suggest_hosts(self) -> None:
        from visitplanner.ui.suggestions_dialog import SuggestionsDialog

        chosen = SuggestionsDialog.choose(self.catalogue, self.question.toPlainText(), self)
        if chosen is not None:
            kind, record_id, name = chosen
            if kind == "host":
                self.host.set_record(record_id, name)
            else:
                ids = set(self.visited.selected_ids()) | {record_id}
                self.visited.set_selected(sorted(ids))
            self.mark_changed()
