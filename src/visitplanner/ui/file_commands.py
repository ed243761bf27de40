"""The window's File menu commands: import, export, outbox, demo, restoring a backup.

A mixin of :class:`~visitplanner.ui.main_window.MainWindow`, kept apart so the window
module holds the pages and menus; it uses the window's catalogue, settings, history,
pages and ``changes_applied`` signal.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from visitplanner.domain.errors import UserError
from visitplanner.i18n import _, number
from visitplanner.ui import dialogs


class FileCommands:
    """File menu commands of the main window (which supplies every attribute they use)."""

    def import_people(self, path: Any = None) -> None:
        from visitplanner.ui.import_dialog import ImportDialog

        report = ImportDialog.run(self.catalogue, self, path=path or None)
        if report is not None:
            self.changes_applied.emit(report.changes)
            if self.stack.currentWidget() is self.welcome:
                self.show_page("people")
            self.statusBar().showMessage(" ".join(report.summary()[:1]), 8000)

    def export_people(self) -> None:
        from visitplanner.services.directory.exports import export_people
        from visitplanner.ui import file_dialogs
        from visitplanner.ui.export import ask_save_path

        suggested = file_dialogs.suggested_name(_("people"), date.today(), suffix="csv")
        path = ask_save_path(self, _("Export people"), suggested)
        if path is None:
            return
        try:
            count = export_people(self.catalogue, path)
        except UserError as exc:
            dialogs.show_error(self, _("The export failed"), exc.message)
            return
        file_dialogs.confirm_written(
            self, path, _("{n} people exported to {path}.").format(n=number(count), path=path)
        )

    def show_outbox(self) -> None:
        from visitplanner.ui.outbox_dialog import OutboxDialog

        dialog = OutboxDialog(self.catalogue, self.settings, self)
        dialog.changes_applied.connect(self.changes_applied)
        dialog.exec()

    def import_replies(self, files: Any = None) -> None:
        from visitplanner.services.invitations.replies import import_replies
        from visitplanner.ui import file_dialogs

        if not files:
            files = file_dialogs.open_paths(self, _("Import replies"), "replies")
        if not files:
            return
        report = import_replies(self.catalogue, files, settings=self.settings)
        self.changes_applied.emit(report.changes)
        dialogs.show_report(
            self,
            _("Replies"),
            report.summary(),
            [o.message for o in report.outcomes],
        )

    def import_calendar(self) -> None:
        """Preview the file's events, import them on request, and keep Undo for the whole."""
        from visitplanner.ui import file_dialogs
        from visitplanner.ui.calendar_import_dialog import start_import

        name = file_dialogs.open_path(self, _("Import a calendar"), "ics")
        if name:
            start_import(self, self.catalogue, name, self._calendar_imported)

    def _calendar_imported(self, result: Any) -> None:
        if result.step is not None:
            self.history.record(result.step)
        self.changes_applied.emit(result.changes)
        self.statusBar().showMessage(" ".join(result.lines()), 15000)

    def export_calendar(self) -> None:
        from visitplanner.services.calendars.files import write_feed
        from visitplanner.ui import file_dialogs

        suggested = file_dialogs.suggested_name(_("calendar"), date.today(), suffix="ics")
        name = file_dialogs.save_path(self, _("Export the calendar"), "ics", suggested)
        if not name:
            return
        try:
            result = write_feed(self.catalogue, name)
        except UserError as exc:
            dialogs.show_error(self, _("The export failed"), exc.message)
            return
        file_dialogs.confirm_written(
            self,
            name,
            _("{n} events written to {path}.").format(n=number(result.count), path=name),
        )
        if result.skipped:  # the others are written; say which were left out and why
            dialogs.show_error(self, _("Some events were left out"), "\n".join(result.skipped))

    def load_demo(self) -> None:
        from visitplanner.services.demo import is_empty, load_demo

        if not is_empty(self.catalogue) and not dialogs.ask_yes_no(
            self,
            _("Replace the catalogue?"),
            _("The catalogue is not empty. Replace its whole content with the demo catalogue?"),
        ):
            return
        try:
            summary = load_demo(self.catalogue, force=True)
        except UserError as exc:
            dialogs.show_error(self, _("The demo catalogue was not loaded"), exc.message)
            return
        self.history.clear()
        self.changes_applied.emit(summary.changes)
        self.sidebar.setCurrentRow(0)
        self.stack.setCurrentWidget(self.page("dashboard"))
        self.statusBar().showMessage(
            _("Demo catalogue loaded: {people} people, {events} events.").format(
                people=number(summary.people), events=number(summary.events)
            )
        )

    # --- restoring a backup ------------------------------------------------------------------

    def _update_restore_action(self) -> None:
        """Only a catalogue file this window may write can be replaced by a backup."""
        if self.catalogue.path is None:
            tip = _("A catalogue on a database server is restored with the server's own tools.")
        elif self.catalogue.read_only:
            tip = _("This catalogue is open read-only.")
        else:
            tip = ""
        self.restore_action.setEnabled(not tip)
        self.restore_action.setToolTip(tip or _("Bring back an earlier copy of this catalogue"))
        self.restore_action.setStatusTip(tip)

    def restore_backup(self) -> None:
        """File > Restore a backup: choose a copy, confirm, replace the file, reload every page."""
        from visitplanner.domain.errors import CatalogueError
        from visitplanner.services.recovery.backups import list_backups, restore_backup
        from visitplanner.store.database import open_catalogue
        from visitplanner.ui import tasks
        from visitplanner.ui.formats import when
        from visitplanner.ui.restore_dialog import RestoreDialog

        path = self.catalogue.path
        if path is None or self.catalogue.read_only:
            dialogs.show_error(self, _("Restore a backup"), self.restore_action.toolTip())
            return
        folder = self.settings.backup_folder or None
        chosen = RestoreDialog.choose(list_backups(path, folder), self)
        if chosen is None:
            return
        if not dialogs.ask_yes_no(
            self,
            _("Restore this backup?"),
            _(
                "The catalogue will be replaced by its copy of {date}. Changes made since "
                "then will be gone from it; the catalogue as it is now is kept aside as a "
                "backup of its own."
            ).format(date=when(chosen.taken_at.astimezone())),
        ):
            return
        if not self._leave_pages():
            return
        # The story sync and the daily backup are stopped and awaited: none may write
        # into the file while it is swapped.
        if not tasks.release_catalogue(self.catalogue):
            dialogs.show_error(
                self,
                _("The backup was not restored"),
                _("Work in the background would not stop; try again in a moment."),
            )
            return
        try:
            aside = restore_backup(path, chosen.path)
        except UserError as exc:
            self.replace_catalogue(open_catalogue(str(path)))
            dialogs.show_error(self, _("The backup was not restored"), exc.message)
            return
        try:
            restored = open_catalogue(str(path))
        except CatalogueError as exc:
            # Put back what was there, so the window still has a catalogue to show.
            if aside is not None:
                restore_backup(path, aside)
            self.replace_catalogue(open_catalogue(str(path)))
            dialogs.show_error(self, _("The backup was not restored"), exc.message)
            return
        self.replace_catalogue(restored)
        self.statusBar().showMessage(
            _("Backup of {date} restored.").format(date=when(chosen.taken_at.astimezone())),
            8000,
        )

    def _leave_pages(self) -> bool:
        """Saves what is typed that saves itself (a debrief); asks about an unsaved form."""
        for page in self.built_pages():
            page.flush()
        shown = self.shown_page()
        return shown is None or shown.confirm_leave()
