"""The page "Visits and seminars": list or calendar, and the event editor with its tabs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from typing import Any

from PySide6.QtWidgets import QButtonGroup, QPushButton

from visitplanner.domain.enums import EventKind, EventStatus
from visitplanner.i18n import _, ngettext, number
from visitplanner.services.changes import ChangeKind, Changes
from visitplanner.services.directory import table_rows as tables
from visitplanner.services.directory.table_rows import Row, TableQuery
from visitplanner.services.events import planning
from visitplanner.ui import file_dialogs
from visitplanner.ui.forms.attendance import AttendancePanel
from visitplanner.ui.forms.event import EventForm
from visitplanner.ui.forms.participants import ParticipantsPanel
from visitplanner.ui.pages.catalogue_page import CataloguePage, Facet


class EventsPage(CataloguePage):
    kind = ChangeKind.EVENT
    key = "events"

    def title(self) -> str:
        return _("Visits and seminars")

    def new_label(self) -> str:
        return _("New event")

    def empty_text(self) -> str:
        return _("Learning visits, joint seminars and workshops go here. Plan the first one.")

    def count_text(self, n: int) -> str:
        return ngettext("{n} event", "{n} events", n).format(n=number(n))

    def columns(self) -> Sequence[Callable[[], str]]:
        return (
            lambda: _("Date"),
            lambda: _("Title"),
            lambda: _("Kind"),
            lambda: _("Status"),
            lambda: _("Accepted"),
        )

    def column_widths(self) -> Sequence[int]:
        return (120, 230, 130, 90)

    def fetch_ids(self, query: TableQuery) -> list[int]:
        return tables.event_ids(self.catalogue, query)

    def fetch_rows(self, ids: Sequence[int]) -> list[Row]:
        return tables.event_rows(self.catalogue, ids)

    def facets(self) -> Sequence[Facet]:
        def kinds() -> list[tuple[Any, str]]:
            return [(m.value, m.label) for m in EventKind]

        def statuses() -> list[tuple[Any, str]]:
            return [(m.value, m.label) for m in EventStatus]

        return (
            Facet(
                "period",
                lambda: _("All dates"),
                lambda: [
                    ("upcoming", _("Upcoming")),
                    ("past", _("Past")),
                ],
            ),
            Facet("kind", lambda: _("All kinds"), kinds),
            Facet("status", lambda: _("All statuses"), statuses),
            Facet(
                "dynamic_id",
                lambda: _("All dynamics"),
                partial(tables.dynamic_choices, self.catalogue),
            ),
        )

    def make_form(self) -> EventForm:
        form = EventForm(self.catalogue)
        self.participants = ParticipantsPanel(self.catalogue)
        self.attendance = AttendancePanel(self.catalogue)
        form.tabs.addTab(self.participants, _("Participants"))
        form.tabs.addTab(self.attendance, _("Attendance"))
        self.participants.changes_applied.connect(self._participants_changed)
        self.participants.open_requested.connect(self.open_requested)
        self.attendance.changes_applied.connect(self.changes_applied)
        form.saved.connect(lambda _changes: self._load_panels(form.event_id))
        form.saved.connect(self._after_save)
        return form

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from visitplanner.ui.widgets.calendar_view import CalendarView

        self.calendar = CalendarView(
            lambda start, end: planning.list_events(self.catalogue, start_from=start, start_to=end)
        )
        self.calendar.event_activated.connect(self.select_record)
        self.calendar.day_activated.connect(self.new_on_day)
        self.list_stack.addWidget(self.calendar)
        self.list_button = QPushButton(_("List"))
        self.calendar_button = QPushButton(_("Calendar"))
        group = QButtonGroup(self)
        for button in (self.list_button, self.calendar_button):
            button.setCheckable(True)
            button.setAccessibleName(button.text())
            group.addButton(button)
        # The view switch sits with the filters: the header keeps room for the actions.
        self.filters.insertWidget(0, self.list_button)
        self.filters.insertWidget(1, self.calendar_button)
        self.list_button.setChecked(True)
        self.list_button.clicked.connect(lambda: self.show_calendar(False))
        self.calendar_button.clicked.connect(lambda: self.show_calendar(True))
        self.form.tabs.currentChanged.connect(self._tab_changed)
        self.splitter.setSizes([520, 540])
        self.duplicate_button = QPushButton(_("Duplicate…"))
        self.duplicate_button.setAccessibleName(_("Duplicate the event"))
        self.duplicate_button.setToolTip(_("A new event with the same programme, on another date"))
        self.duplicate_button.clicked.connect(self.duplicate_current)
        self.header.insertWidget(self.header.count() - 1, self.duplicate_button)
        self.invite_button = QPushButton(_("Invite…"))
        self.invite_button.setAccessibleName(_("Send the calendar invitation"))
        self.invite_button.setToolTip(
            _("One calendar invitation per participant, in their language, put in the outbox")
        )
        self.invite_button.clicked.connect(lambda: self.send_invitations("request"))
        self.header.insertWidget(self.header.count() - 1, self.invite_button)
        self.ics_button = QPushButton(_("Calendar file…"))
        self.ics_button.setAccessibleName(_("Save the invitation as a calendar file"))
        self.ics_button.setToolTip(_("A plain .ics file to attach to an e-mail by hand"))
        self.ics_button.clicked.connect(self.save_ics)
        self.header.insertWidget(self.header.count() - 1, self.ics_button)
        self.debrief_button = QPushButton(_("Debrief"))
        self.debrief_button.setAccessibleName(_("Write the debrief of the event"))
        self.debrief_button.clicked.connect(self.open_debrief)
        self.header.insertWidget(self.header.count() - 1, self.debrief_button)
        self.sheet_button = QPushButton(_("Sign-in sheet…"))
        self.sheet_button.setAccessibleName(_("Print the attendance sign-in sheet"))
        self.sheet_button.setToolTip(_("The attendance sign-in sheet of the event, as a PDF"))
        self.sheet_button.clicked.connect(self.print_attendance)
        self.header.insertWidget(self.header.count() - 1, self.sheet_button)
        self.settings = None  # given by the window: the organiser's identity
        if self.read_only:
            for button in (self.duplicate_button, self.invite_button):
                button.setEnabled(False)
                button.setToolTip(_("This catalogue is open read-only."))
            self.attendance.table.setEnabled(False)  # its ticks cannot be made read-only
            self.participants.export_button.setEnabled(True)  # reading the list writes nothing

    # --- views ------------------------------------------------------------------------

    def show_calendar(self, on: bool) -> None:
        self.calendar_button.setChecked(on)
        self.list_button.setChecked(not on)
        if on:
            self.calendar.refresh()
            self.list_stack.setCurrentWidget(self.calendar)
        else:
            self.reload()

    def reload(self) -> None:
        super().reload()
        if getattr(self, "calendar_button", None) is not None and self.calendar_button.isChecked():
            self.list_stack.setCurrentWidget(self.calendar)
            self.calendar.refresh()

    def new_on_day(self, day: date) -> None:
        self.new_record()
        self.form.load(None, day)

    def select_record(self, record_id: int) -> bool:
        found = super().select_record(record_id)
        if not found or self.calendar_button.isChecked():
            if self.confirm_leave():
                self.form.load(record_id)
                self._load_panels(record_id)
            return True
        return found

    def _current_changed(self, current: Any, previous: Any) -> None:
        before = self.form.event_id
        super()._current_changed(current, previous)
        if self.form.event_id != before:
            self._load_panels(self.form.event_id)

    def _tab_changed(self, _index: int) -> None:
        # Participants and attendance save each change themselves; Save is for the event.
        lists = self.form.tabs.currentWidget() in (self.participants, self.attendance)
        self.form.save_button.setVisible(not lists and not self.form.read_only)
        self.form.revert_button.setVisible(not lists and not self.form.read_only)
        self._load_panels(self.form.event_id)

    def _load_panels(self, event_id: int | None) -> None:
        tab = self.form.tabs.currentWidget()
        if tab is self.participants:
            self.participants.load(event_id)
        elif tab is self.attendance:
            self.attendance.load(event_id)
        else:
            self.participants.event_id = event_id
            self.attendance.event_id = event_id

    def _participants_changed(self, changes: Changes) -> None:
        if self.form.event_id is not None:
            self.model.refresh_records([self.form.event_id])
        self.changes_applied.emit(changes)

    def _after_save(self, _changes: Changes) -> None:
        """After a change that calendars must hear about, offer to send it (RFC 5546)."""
        from visitplanner.ui import dialogs

        before = self.form.sequence_before_save
        event_id = self.form.event_id
        if event_id is None or before is None:
            return
        event = planning.get_event(self.catalogue, event_id).event
        if event.sequence <= before:
            return
        kind = "cancel" if event.status == "cancelled" else "update"
        question = (
            _("The event is cancelled. Send the cancellation to the participants?")
            if kind == "cancel"
            else _("The date, place or status changed. Send the update to the participants?")
        )
        if dialogs.ask_yes_no(self, _("Tell the participants"), question):
            self.send_invitations(kind)

    def send_invitations(self, kind: str = "request") -> None:
        from visitplanner.domain.errors import UserError
        from visitplanner.services.invitations import compose as invitations
        from visitplanner.ui import dialogs

        event_id = self.form.event_id
        if event_id is None or self.settings is None or not self.confirm_leave():
            return
        try:
            queued = invitations.queue_invitations(
                self.catalogue, event_id, self.settings, kind=kind
            )
        except UserError as exc:
            self._not_prepared(exc.message)
            return
        self.changes_applied.emit(queued.changes)
        ready = ngettext(
            "{n} message is in the outbox. Open the outbox to send it?",
            "{n} messages are in the outbox. Open the outbox to send them?",
            queued.count,
        ).format(n=number(queued.count))
        # Whoever was left out (an address no calendar can carry) is named, not forgotten.
        text = "\n\n".join(["\n".join(queued.skipped), ready]) if queued.skipped else ready
        if dialogs.ask_yes_no(self, _("Invitations ready"), text):
            self.window().show_outbox()

    def _not_prepared(self, message: str) -> None:
        """Says why no invitation was prepared; without an organiser, offers the way to one."""
        from visitplanner.domain.errors import UserError
        from visitplanner.services.invitations import compose as invitations
        from visitplanner.ui import dialogs

        event_id = self.form.event_id
        try:
            detail = planning.get_event(self.catalogue, event_id)
            invitations.event_organiser(self.catalogue, detail, self.settings)
        except UserError:
            if dialogs.ask_open_preferences(self, _("No invitation was prepared"), message):
                self.window().show_preferences()
            return
        dialogs.show_error(self, _("No invitation was prepared"), message)

    def print_attendance(self) -> None:
        from visitplanner.domain.errors import UserError
        from visitplanner.services.documents.printing import attendance_pdf
        from visitplanner.ui import dialogs
        from visitplanner.ui.export import ask_save_path, open_file

        event_id = self.form.event_id
        if event_id is None:
            return
        suggested = self._file_name(_("attendance sheet"), "pdf")
        path = ask_save_path(self, _("Attendance sign-in sheet"), suggested, "pdf")
        if path is None:
            return
        try:
            written = attendance_pdf(self.catalogue, event_id, path)
        except UserError as exc:
            dialogs.show_error(self, _("The sheet was not written"), exc.message)
            return
        open_file(written)

    def open_debrief(self) -> None:
        event_id = self.form.event_id
        window = self.window()
        if event_id is None or not self.confirm_leave() or not window.show_page("debriefs"):
            return
        window.page("debriefs").open_event(event_id)

    def save_ics(self) -> None:
        from visitplanner.domain.errors import UserError
        from visitplanner.services.calendars.files import write_calendar_file
        from visitplanner.services.invitations import compose as invitations
        from visitplanner.ui import dialogs
        from visitplanner.ui.export import ask_save_path

        event_id = self.form.event_id
        if event_id is None or self.settings is None:
            return
        try:
            composed = invitations.prepare(self.catalogue, event_id, self.settings)
        except UserError as exc:
            self._not_prepared(exc.message)
            return
        suggested = self._file_name(_("invitation"), "ics")
        path = ask_save_path(self, _("Save the invitation"), suggested, "ics")
        if path is None:
            return
        try:
            write_calendar_file(path, composed.calendar)
        except OSError as exc:
            dialogs.show_error(self, _("The file was not written"), str(exc))
            return
        if not self.read_only:  # read-only: the file is a copy to look at; nothing is recorded
            sequence = planning.get_event(self.catalogue, event_id).event.sequence
            invitations.mark_issued(self.catalogue, event_id, sequence)
        file_dialogs.confirm_written(self, path, _("Invitation saved to {path}.").format(path=path))
        if composed.skipped:  # the others are in the file; say who is not, and why
            dialogs.show_error(
                self, _("Some participants were left out"), "\n".join(composed.skipped)
            )

    def _file_name(self, prefix: str, suffix: str) -> str:
        """« invitation-seminaire-commun-2027-02-11.ics »: the name says which event it is."""
        event = planning.get_event(self.catalogue, self.form.event_id).event
        return file_dialogs.suggested_name(prefix, event.title, event.start.date(), suffix=suffix)

    def duplicate_current(self) -> None:
        """A series of visits: same programme, host and dynamics, a new date."""
        from visitplanner.ui.dialogs import ask_date

        event_id = self.current_id() or self.form.event_id
        if event_id is None or not self.confirm_leave():
            return
        event = planning.get_event(self.catalogue, event_id).event
        day = ask_date(
            self, _("Duplicate the event"), _("Date of the new event"), event.start.date()
        )
        if day is None:
            return
        changes = planning.duplicate_event(self.catalogue, event_id, day)
        new_id = changes.created_id(ChangeKind.EVENT)
        self.reload()
        self.select_record(new_id)
        self.changes_applied.emit(changes)

    # --- deletion and changes -----------------------------------------------------------

    def delete_current(self) -> None:
        record_id = self.current_id()
        if record_id is None or self.read_only:
            return
        changes = planning.trash_event(self.catalogue, record_id)
        self.form.load(None)
        self._load_panels(None)
        self.reload()
        self.changes_applied.emit(changes)

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(ChangeKind.DYNAMIC):
            self.refresh_facets()
        if changes.whole or changes.created or changes.deleted:
            if changes.touches(ChangeKind.EVENT):
                self.reload()
        elif changes.touches(ChangeKind.EVENT):
            self.model.refresh_records(changes.updated_ids(ChangeKind.EVENT))
        event_id = self.form.event_id
        if (
            event_id is not None
            and not changes.whole
            and (
                event_id in changes.updated_ids(ChangeKind.EVENT)
                or changes.touches(ChangeKind.PARTICIPATION)
            )
        ):
            self._load_panels(event_id)  # replies imported elsewhere show in the open list
