"""What to do when the catalogue cannot be opened at start-up: never a dead end.

The dialog says what happened in a sentence or two and offers the ways out that
fit the trouble (open read-only, try again, restore a backup, open another
catalogue, quit). It only answers with a :class:`StartupChoice`; ``app.py`` acts on
it and asks again for as long as nothing opens.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from visitplanner import APP_NAME
from visitplanner.domain.errors import CatalogueError
from visitplanner.i18n import _
from visitplanner.services.recovery.backups import BackupInfo

QUIT = "quit"
OPEN = "open"  # another (or a new) catalogue file: ``path``
READ_ONLY = "read_only"
RESTORE = "restore"  # the backup ``path`` over the catalogue
RETRY = "retry"


@dataclass(frozen=True)
class StartupChoice:
    action: str
    path: Path | None = None
    db: str | None = None  # OPEN: a recent catalogue or a team catalogue's URL


def headline(reason: str) -> str:
    return {
        CatalogueError.LOCKED: _("This catalogue is already in use"),
        CatalogueError.READ_ONLY: _("This catalogue cannot be changed"),
        CatalogueError.DISK_FULL: _("The disk is full"),
        CatalogueError.NOT_CATALOGUE: _("This file is not a catalogue"),
        CatalogueError.NEWER: _("This catalogue is from a newer version"),
    }.get(reason, _("The catalogue cannot be opened"))


def advice(reason: str, has_backups: bool) -> str:
    """The second sentence: what the user can do about it, matching the buttons shown."""
    if reason == CatalogueError.LOCKED:
        return _(
            "You can open it read-only to look at it, or open another catalogue. "
            "To change it here, close the other window first, then try again."
        )
    if reason == CatalogueError.READ_ONLY:
        return _(
            "You can open it read-only to look at it, or open another catalogue. "
            "To change it, ask for write access to the file and its folder."
        )
    if reason == CatalogueError.DISK_FULL:
        return _(
            "Free some space on the disk, then try again. "
            "Meanwhile you can open the catalogue read-only."
        )
    if reason == CatalogueError.NEWER:
        if has_backups:
            return _(
                "Update Visit Planner to open it, restore one of its backups, "
                "or open another catalogue."
            )
        return _("Update Visit Planner to open it, or open another catalogue.")
    if has_backups:
        return _("Restore one of its backups, or open another catalogue.")
    return _("Open another catalogue, or create a new one.")


def choose_catalogue_file(parent: QWidget | None) -> Path | None:
    """A catalogue file to open, or a new name to create one; tests replace this."""
    from visitplanner.ui import file_dialogs

    dialog = file_dialogs.make_dialog(parent, _("Open or create a catalogue"), "catalogue")
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)  # a new name creates a catalogue
    dialog.setDefaultSuffix("sqlite")
    chosen = file_dialogs.run_dialog(dialog, parent, "catalogue")
    return chosen[0] if chosen else None


class StartupDialog(QDialog):
    """One failure, its explanation and the choices that fit it."""

    def __init__(
        self,
        error: CatalogueError,
        path: Path | None,
        backups: Sequence[BackupInfo] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.error = error
        self.path = path
        self.backups = list(backups)
        self.choice = StartupChoice(QUIT)
        reason = error.reason
        self.setWindowTitle(APP_NAME)
        self.setAccessibleName(_("The catalogue cannot be opened"))

        icon = QLabel()
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(48, 48)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.title = QLabel(headline(reason))
        self.title.setAccessibleName(self.title.text())
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)
        self.message = QLabel(error.message)
        self.message.setAccessibleName(_("What happened"))
        self.advice = QLabel(advice(reason, bool(self.backups)))
        self.advice.setAccessibleName(_("What you can do"))
        for label in (self.message, self.advice):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setMinimumWidth(440)

        # --- the ways out ---------------------------------------------------------
        self.buttons: dict[str, QPushButton] = {}
        is_file = path is not None
        offers_read_only = (
            CatalogueError.LOCKED,
            CatalogueError.READ_ONLY,
            CatalogueError.DISK_FULL,
        )
        if is_file and reason in offers_read_only:
            self._button(READ_ONLY, _("Open read-only"), self._read_only)
        if reason in (CatalogueError.LOCKED, CatalogueError.DISK_FULL, CatalogueError.OTHER):
            self._button(RETRY, _("Try again"), lambda: self._done(StartupChoice(RETRY)))
        if self.backups and is_file:
            self._button(RESTORE, _("Restore a backup…"), self._restore)
        self._button(OPEN, _("Open another catalogue…"), self._open_other)
        self._button(QUIT, _("Quit"), self.reject)
        first = next(iter(self.buttons.values()))
        first.setDefault(True)
        first.setFocus()

        from visitplanner.ui.startup_recent import RecentChooser

        # Another way out: a catalogue opened lately, or a team catalogue on a server.
        self.recent = RecentChooser(
            path,
            lambda db: self._done(StartupChoice(OPEN, db=db)),
            failed_server=getattr(error, "server", None),  # a team catalogue's URL
            failure=error.message,
        )

        text = QVBoxLayout()
        text.addWidget(self.title)
        text.addWidget(self.message)
        text.addWidget(self.advice)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(text, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        for button in self.buttons.values():
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.recent)
        layout.addSpacing(12)
        layout.addLayout(row)

    def _button(self, key: str, text: str, slot: object) -> None:
        button = QPushButton(text)
        button.setAccessibleName(text.rstrip("…"))
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        self.buttons[key] = button

    def choices(self) -> list[str]:
        """The buttons' texts, in order: what the user is offered."""
        return [button.text() for button in self.buttons.values()]

    # --- answers --------------------------------------------------------------------------

    def _done(self, choice: StartupChoice) -> None:
        self.choice = choice
        self.accept()

    def _read_only(self) -> None:
        self._done(StartupChoice(READ_ONLY))

    def _open_other(self) -> None:
        path = choose_catalogue_file(self)
        if path is not None:
            self._done(StartupChoice(OPEN, path))

    def _restore(self) -> None:
        from visitplanner.ui.restore_dialog import RestoreDialog

        chosen = RestoreDialog.choose(self.backups, self)
        if chosen is not None:
            self._done(StartupChoice(RESTORE, chosen.path))

    def reject(self) -> None:
        self.choice = StartupChoice(QUIT)
        super().reject()

    # --- entry point ------------------------------------------------------------------------

    @classmethod
    def ask(
        cls,
        error: CatalogueError,
        path: Path | None,
        backups: Sequence[BackupInfo] = (),
        parent: QWidget | None = None,
    ) -> StartupChoice:
        """Shows the dialog modally and returns what the user chose; tests replace this."""
        dialog = cls(error, path, backups, parent)
        try:
            dialog.exec()
            return dialog.choice
        finally:
            dialog.deleteLater()
