"""Writing the story from its page: new, edited, deleted and restored entries."""

from __future__ import annotations

from typing import Any

from visitplanner.domain.errors import UserError
from visitplanner.i18n import _
from visitplanner.services.changes import Changes
from visitplanner.services.story import entries as story_entries
from visitplanner.services.story import folder_sync
from visitplanner.ui import dialogs


class StoryEntries:
    """The entry commands of :class:`StoryPage`, a part of the page rather than a widget."""

    # --- entries ------------------------------------------------------------------------

    def author(self) -> str | None:
        return self.settings.organiser_name.strip() or None

    def new_record(self) -> None:
        """Ctrl+N from the window while this page is shown."""
        self.new_entry()

    def new_entry(self) -> None:
        from visitplanner.ui.forms.story_entry_dialog import StoryEntryDialog

        if self.read_only:
            return  # Ctrl+N, or Enter on the empty page: nothing to write into
        self._open_entry_dialog(StoryEntryDialog(self.catalogue, None, self.author(), self))

    def edit_current(self) -> None:
        from visitplanner.ui.forms.story_entry_dialog import StoryEntryDialog

        uuid = self.current_uuid()
        if uuid is None or self.read_only:
            return
        try:
            entry = story_entries.get_entry(self.catalogue, uuid)
        except UserError:
            self.reload()
            return
        self._open_entry_dialog(StoryEntryDialog(self.catalogue, entry, self.author(), self))

    def _open_entry_dialog(self, dialog: Any) -> None:
        if self.entry_dialog is not None and not self.entry_dialog.isVisible():
            self.entry_dialog.deleteLater()  # the previous one, closed
        dialog.saved.connect(self._entry_saved)
        self.entry_dialog = dialog
        dialog.open()  # window-modal without a nested event loop

    def _entry_saved(self, uuid: str, changes: Changes) -> None:
        self.reload(select=uuid)
        if uuid not in self.entries:  # the filters hide what was just written: show it
            self.clear_filters()
            self.select_entry(uuid)
        self._emit(changes)

    def _emit(self, changes: Changes) -> None:
        if not changes:
            return
        self._own_change = True
        try:
            self.changes_applied.emit(changes)
        finally:
            self._own_change = False

    def delete_current(self) -> None:
        entry = self.current_entry()
        if entry is None or self.read_only:
            return
        if folder_sync.shared_folder(self.catalogue) is not None:
            question = _(
                "Delete “{title}” from the shared story? The other coordinators will see it "
                "removed at their next sync. Its history keeps every version."
            )
        else:
            question = _("Delete “{title}” from the story? Its history keeps every version.")
        if not dialogs.ask_yes_no(self, _("Delete the entry"), question.format(title=entry.title)):
            return
        try:
            changes = story_entries.delete_entry(self.catalogue, entry.uuid, self.author())
        except UserError as exc:
            dialogs.show_error(self, _("The entry was not deleted"), exc.message)
            return
        neighbours = list(self.entries)
        index = neighbours.index(entry.uuid)
        following = neighbours[index + 1] if index + 1 < len(neighbours) else None
        previous = neighbours[index - 1] if index > 0 else None
        self.reload(select=following or previous)
        self._emit(changes)
        self.window().statusBar().showMessage(_("Entry deleted."), 5000)

    def show_history(self) -> None:
        from visitplanner.ui.story_history_dialog import StoryHistoryDialog

        uuid = self.current_uuid()
        if uuid is None:
            return
        dialog = StoryHistoryDialog(self.catalogue, uuid, self.author(), self)
        dialog.restored.connect(lambda changes: self._restored(uuid, changes))
        if self.history_dialog is not None and not self.history_dialog.isVisible():
            self.history_dialog.deleteLater()
        self.history_dialog = dialog
        dialog.open()

    def _restored(self, uuid: str, changes: Changes) -> None:
        self.reload(select=uuid)
        self._emit(changes)
        self.window().statusBar().showMessage(_("The chosen version is now the current one."), 5000)
