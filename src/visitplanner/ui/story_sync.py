"""Keeping the story and the shared folder in step, in the background.

Owned by the main window rather than the story page, so that a debrief finalised
on the Debriefs page reaches the other coordinators even if the page was never
opened, and imported at window start without the page's weight.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from visitplanner.domain.errors import UserError
from visitplanner.i18n import _
from visitplanner.services.changes import ChangeKind, Changes
from visitplanner.services.story import folder_setting
from visitplanner.store.database import Catalogue
from visitplanner.ui import dialogs, tasks

if TYPE_CHECKING:
    # The sync itself (and the story's modules) is imported by the first sync, after
    # the window's first paint; the start only reads where the story is shared.
    from visitplanner.services.story import folder_sync

SYNC_INTERVAL_MS = 5 * 60 * 1000


def choose_folder(parent: QWidget | None, current: Path | None) -> Path | None:
    """The folder chooser; tests replace this function."""
    from visitplanner.ui import file_dialogs

    title = _("Folder shared with the other coordinators")
    return file_dialogs.choose_folder(parent, title, "story", start=current)


def short_folder(folder: Path) -> str:
    """« …/Récit »: enough of the path to recognise the folder in a status line."""
    return f"…/{folder.name}" if folder.name else str(folder)


# --- the background sync -------------------------------------------------------------


class StorySync(QObject):
    """Shares the story through the chosen folder: at start, after changes, every 5 minutes.

    Owned by the main window rather than the page, so that a debrief finalised on the
    Debriefs page reaches the other coordinators even if the story page was never opened.
    An unreachable folder (laptop on a train) is normal: it only shows in the status text.
    """

    status_changed = Signal(str)

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self._seen: Catalogue | None = window.catalogue
        self.running = False
        self.last_sync: datetime | None = None
        self.status = ""
        self._again = False
        self._again_manual = False
        self._broadcasting = False
        self.timer = QTimer(self, interval=SYNC_INTERVAL_MS)
        self.timer.timeout.connect(self.sync)
        self.timer.start()
        self._start = QTimer(self, singleShot=True, interval=1000)
        self._start.timeout.connect(self.sync)
        window.changes_applied.connect(self._on_changes)
        window.installEventFilter(self)
        self._update_status()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Show:
            self.window.removeEventFilter(self)
            self._start.start()  # once the window has painted
        return False

    @property
    def catalogue(self) -> Catalogue:
        """The window's catalogue, which a restored backup may replace."""
        catalogue: Catalogue = self.window.catalogue
        if catalogue is not self._seen:
            self._seen, self.last_sync = catalogue, None
        return catalogue

    def folder(self) -> Path | None:
        return folder_setting.shared_folder(self.catalogue)

    def _on_changes(self, changes: Changes) -> None:
        if not self._broadcasting and changes.touches(ChangeKind.STORY_ENTRY):
            self.sync()

    def sync(self, manual: bool = False) -> None:
        """Starts a sync unless one is running (then one more runs right after it)."""
        catalogue = self.catalogue
        folder = self.folder()
        if folder is not None and getattr(catalogue, "read_only", False):
            self._set_status(
                _("Folder: {folder} — not synchronised: the catalogue is open read-only.").format(
                    folder=short_folder(folder)
                ),
                str(folder),
            )
            return
        if folder is None or not folder_setting.folder_reachable(folder):
            self._update_status()
            if manual and folder is not None:
                self.window.statusBar().showMessage(self.status, 8000)
            return
        if self.running:
            self._again = True
            self._again_manual = self._again_manual or manual
            return
        self.running = True
        self._set_status(_("Folder: {folder} — synchronising…").format(folder=short_folder(folder)))
        from visitplanner.services.story import folder_sync

        def work(progress, cancelled):  # type: ignore[no-untyped-def]
            # Never against a catalogue being closed or swapped (restore, exit): its
            # guard waits for this sync to end, and a sync after it does nothing.
            with catalogue.guard.shared() as usable:
                if not usable:
                    return None
                return folder_sync.sync_folder(catalogue, folder, progress, cancelled)

        def done(report: folder_sync.SyncReport | None, error: BaseException | None) -> None:
            self._finished(folder, report, error, manual)

        # Automatic syncs stay in the status line; one asked for shows its progress.
        tasks.run_task(
            self.window, _("Synchronising the shared story…"), work, done, quiet=not manual
        )

    def _finished(
        self,
        folder: Path,
        report: folder_sync.SyncReport | None,
        error: BaseException | None,
        manual: bool,
    ) -> None:
        self.running = False
        if isinstance(error, UserError):
            if folder_setting.folder_reachable(folder):
                text = _("Folder: {folder} — {reason}").format(
                    folder=short_folder(folder), reason=error.message
                )
            else:
                text = _("Folder: {folder} — not reachable; the story will be shared later.")
                text = text.format(folder=short_folder(folder))
            self._set_status(text, error.message)
            if manual:
                self.window.statusBar().showMessage(error.message, 8000)
        elif error is not None:
            raise error
        elif report is not None:
            self.last_sync = datetime.now()
            self._set_status(self._report_text(folder, report), str(folder))
            if report.changes:
                self._broadcast(report.changes)
            if manual or report.changed_anything or report.problems:
                self.window.statusBar().showMessage(report.summary(), 8000)
            if report.problems:
                # The service reports each bad file once; later syncs skip it quietly.
                dialogs.show_report(
                    self.window,
                    _("Shared story"),
                    _("Some files of the shared folder cannot be read; they were skipped."),
                    [
                        _("{file}: {reason}").format(file=p.file, reason=p.reason)
                        for p in report.problems
                    ],
                )
        else:  # the catalogue was closed before the sync could start
            self._update_status()
        if self._again:
            again_manual = self._again_manual
            self._again = self._again_manual = False
            self.sync(again_manual)

    def _broadcast(self, changes: Changes) -> None:
        """Entries arrived: the page and the dashboard refresh like after any change."""
        self._broadcasting = True
        try:
            self.window.changes_applied.emit(changes)
        finally:
            self._broadcasting = False

    def _report_text(self, folder: Path, report: folder_sync.SyncReport) -> str:
        parts = report.details()
        result = ", ".join(parts) or _("up to date")
        moment = self.last_sync.strftime("%H:%M") if self.last_sync else ""
        return _("Folder: {folder} — {result} (last sync {time})").format(
            folder=short_folder(folder), result=result, time=moment
        )

    def stop(self) -> None:
        """No sync starts once the window has closed (the catalogue is about to close)."""
        self.timer.stop()
        self._start.stop()

    def _update_status(self) -> None:
        folder = self.folder()
        if folder is None:
            self._set_status("")
        elif not folder_setting.folder_reachable(folder):
            self._set_status(
                _("Folder: {folder} — not reachable; the story will be shared later.").format(
                    folder=short_folder(folder)
                ),
                str(folder),
            )
        elif not self.running and self.last_sync is None:
            self._set_status(
                _("Folder: {folder} — not synchronised yet").format(folder=short_folder(folder)),
                str(folder),
            )

    def _set_status(self, text: str, tooltip: str = "") -> None:
        self.status = text
        self.status_tooltip = tooltip
        self.status_changed.emit(text)
