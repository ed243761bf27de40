"""Importing a partner's calendar from the window: preview first, then import, then Undo.

The coordinator sees every event the file holds and what the import will do
with it (create, update, skip, and why), plus what the catalogue has no place
for, before anything is written. The import itself runs off the GUI thread
and lands in the undo history as one step, so a wrong file goes away with one
Undo.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.enums import EventKind, EventStatus
from visitplanner.domain.errors import UserError
from visitplanner.i18n import _, ngettext, number
from visitplanner.services.calendars.importing import (
    CalendarImport,
    PreviewRow,
    import_calendar,
    preview_calendar,
)
from visitplanner.services.calendars.report import preview_lines
from visitplanner.store.database import Catalogue
from visitplanner.ui import dialogs, tasks

SHOWN_ROWS = 2000  # a longer list tells how many more rows there are

ACTIONS: dict[str, Callable[[], str]] = {
    "create": lambda: _("Create"),
    "update": lambda: _("Update"),
    "skip": lambda: _("Skip"),
}


def _when(row: PreviewRow) -> str:
    if row.all_day:
        return row.start.strftime("%Y-%m-%d")
    return row.start.strftime("%Y-%m-%d %H:%M")


def _label(enum: type[EventKind] | type[EventStatus], code: str) -> str:
    return enum.label_in(code, _)


class CalendarImportDialog(QDialog):
    """The preview of one file; Import writes it and emits :attr:`imported`."""

    imported = Signal(object)  # the CalendarImport, with its undo step

    def __init__(
        self, catalogue: Catalogue, path: str, preview: CalendarImport, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.path = path
        self.preview = preview
        self.setWindowTitle(_("Import a calendar"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(980, 540)
        lines = preview_lines(preview)
        self.summary = QLabel(lines[0])
        self.summary.setWordWrap(True)
        self.notes = QLabel("\n".join(lines[1:]))
        self.notes.setWordWrap(True)
        self.notes.setVisible(len(lines) > 1)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(_("Events in the file"))
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setHeaderLabels(
            [_("Action"), _("Start"), _("Title"), _("Kind"), _("Status"), _("Reason"), _("Line")]
        )
        for column, width in enumerate((80, 130, 260, 150, 100, 300)):
            self.tree.setColumnWidth(column, width)
        items = [self._item(row) for row in preview.rows[:SHOWN_ROWS]]
        self.tree.addTopLevelItems(items)
        hidden = len(preview.rows) - len(items)
        self.more = QLabel(
            ngettext(
                "… and {n} more event, imported the same way.",
                "… and {n} more events, imported the same way.",
                hidden,
            ).format(n=number(hidden))
        )
        self.more.setVisible(hidden > 0)
        self.import_button = QPushButton(_("Import"))
        self.import_button.setAccessibleName(_("Import"))
        self.import_button.setDefault(True)
        self.import_button.setEnabled(bool(preview.created or preview.updated))
        self.import_button.clicked.connect(self.run_import)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.notes)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.more)
        layout.addWidget(
            QLabel(_("Nothing is written before you press Import; Undo removes the whole import."))
        )
        layout.addWidget(buttons)

    def _item(self, row: PreviewRow) -> QTreeWidgetItem:
        return QTreeWidgetItem(
            [
                ACTIONS[row.action](),
                _when(row),
                row.title,
                _label(EventKind, row.kind),
                _label(EventStatus, row.status),
                row.reason,
                str(row.line),
            ]
        )

    def rows(self) -> list[list[str]]:
        """The table as the user reads it, one list of cells a row."""
        tree = self.tree
        return [
            [tree.topLevelItem(i).text(c) for c in range(tree.columnCount())]
            for i in range(tree.topLevelItemCount())
        ]

    def run_import(self) -> None:
        self.import_button.setEnabled(False)

        def work(_progress, _cancelled) -> CalendarImport:  # type: ignore[no-untyped-def]
            return import_calendar(self.catalogue, self.path)

        tasks.run_task(self, _("Importing the calendar…"), work, self._finished)

    def _finished(self, result: CalendarImport | None, error: BaseException | None) -> None:
        if isinstance(error, UserError):
            dialogs.show_error(self, _("This calendar cannot be imported"), error.message)
            self.import_button.setEnabled(True)
            return
        if error is not None:
            raise error
        self.imported.emit(result)
        self.accept()


def start_import(
    parent: QWidget, catalogue: Catalogue, path: str, on_imported: Callable[[object], None]
) -> None:
    """Reads the file off the GUI thread, then shows its preview (or why it is refused)."""

    def work(_progress, _cancelled) -> CalendarImport:  # type: ignore[no-untyped-def]
        return preview_calendar(catalogue, path)

    def done(preview: CalendarImport | None, error: BaseException | None) -> None:
        if isinstance(error, UserError):
            dialogs.show_error(parent, _("This calendar cannot be imported"), error.message)
            return
        if error is not None:
            raise error
        assert preview is not None
        dialog = CalendarImportDialog(catalogue, path, preview, parent)
        dialog.imported.connect(on_imported)
        dialog.open()

    tasks.run_task(parent, _("Reading {file}…").format(file=Path(path).name), work, done)
