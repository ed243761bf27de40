"""Importing people from CSV: choose the columns, preview, then import all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.errors import UserError
from visitplanner.exchange import csvio
from visitplanner.i18n import _, number
from visitplanner.services.directory import imports
from visitplanner.store.database import Catalogue
from visitplanner.ui import tasks

PREVIEW_ROWS = 8


class ImportDialog(QDialog):
    def __init__(
        self,
        catalogue: Catalogue,
        table: csvio.Table,
        event_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.table = table
        self.event_id = event_id
        self.report: imports.ImportReport | None = None
        self.setWindowTitle(_("Import people"))
        self.resize(860, 560)

        where = _("into the event’s list") if event_id else _("into the catalogue")
        intro = QLabel(
            _(
                "{file}: {rows} rows. Check what each column holds, preview, then import "
                "{where}. People already known are matched by e-mail."
            ).format(file=table.path.name, rows=number(len(table.rows)), where=where)
        )
        intro.setWordWrap(True)
        self.grid = QTableWidget(1 + min(PREVIEW_ROWS, len(table.rows)), len(table.headers))
        self.grid.setAccessibleName(_("Columns of the file"))
        self.grid.setHorizontalHeaderLabels(table.headers)
        self.grid.setVerticalHeaderLabels(
            [_("Holds")] + [str(line) for line in table.lines[:PREVIEW_ROWS]]
        )
        guessed = csvio.guess_mapping(table.headers)
        self.combos: list[QComboBox] = []
        for column, header in enumerate(table.headers):
            combo = QComboBox()
            combo.setAccessibleName(_("Field for column {name}").format(name=header))
            combo.addItem(_("— leave out —"), None)
            for key in csvio.FIELDS:
                combo.addItem(csvio.field_label(key), key)
            index = combo.findData(guessed.get(column))
            combo.setCurrentIndex(max(index, 0))
            combo.currentIndexChanged.connect(self._mapping_changed)
            self.grid.setCellWidget(0, column, combo)
            self.combos.append(combo)
            for row, values in enumerate(table.rows[:PREVIEW_ROWS], start=1):
                self.grid.setItem(
                    row, column, QTableWidgetItem(values[column] if column < len(values) else "")
                )
        self.grid.resizeColumnsToContents()

        self.preview_button = QPushButton(_("Preview"))
        self.preview_button.setAccessibleName(_("Preview the import"))
        self.preview_button.clicked.connect(self.preview)
        self.result = QPlainTextEdit()
        self.result.setReadOnly(True)
        self.result.setAccessibleName(_("What the import will do"))
        self.result.setMaximumHeight(150)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.import_button = self.buttons.addButton(
            _("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setAccessibleName(_("Import"))
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.start_import)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.preview_button)
        layout.addWidget(self.result)
        layout.addWidget(self.buttons)
        self.preview()

    def mapping(self) -> dict[int, str | None]:
        return {column: combo.currentData() for column, combo in enumerate(self.combos)}

    def _mapping_changed(self, *_args: Any) -> None:
        self.import_button.setEnabled(False)
        self.result.setPlainText(_("The columns changed: preview again."))

    def preview(self) -> None:
        try:
            report = imports.preview_people(
                self.catalogue, self.table, self.mapping(), event_ref=self.event_id
            )
        except UserError as exc:
            self.result.setPlainText(exc.message)
            self.import_button.setEnabled(False)
            return
        lines = report.summary()
        if report.errors:
            lines.append(_("Fix these rows in the file, then import it again:"))
            lines += [str(e) for e in report.errors[:50]]
        self.result.setPlainText("\n".join(lines))
        self.import_button.setEnabled(report.ok and report.rows > 0)

    def start_import(self) -> None:
        mapping = self.mapping()

        def work(progress: Any, cancelled: Any) -> imports.ImportReport:
            return imports.import_people(
                self.catalogue,
                self.table,
                mapping,
                event_ref=self.event_id,
                progress=progress,
                cancelled=cancelled,
            )

        self.import_button.setEnabled(False)
        tasks.run_task(self, _("Importing people…"), work, self._finished)

    def _finished(self, report: imports.ImportReport | None, error: BaseException | None) -> None:
        if error is not None:
            if not isinstance(error, UserError):
                raise error
            message = (
                "\n".join(error.lines())
                if isinstance(error, imports.ImportRejected)
                else error.message
            )
            self.result.setPlainText(message)
            self.import_button.setEnabled(not isinstance(error, imports.ImportRejected))
            return
        assert report is not None
        self.report = report
        self.accept()

    @classmethod
    def ask_file(cls, parent: QWidget | None) -> Path | None:
        """The file chooser; tests replace this method."""
        from visitplanner.ui import file_dialogs

        return file_dialogs.open_path(parent, _("Import people"), "csv")

    @classmethod
    def run(
        cls,
        catalogue: Catalogue,
        parent: QWidget | None,
        event_id: int | None = None,
        path: Path | None = None,
    ) -> imports.ImportReport | None:
        """Asks for a file (unless given), reads it, and runs the dialog."""
        from visitplanner.ui import dialogs

        path = path or cls.ask_file(parent)
        if path is None:
            return None
        try:
            table = imports.read_people_file(path)
        except UserError as exc:
            dialogs.show_error(parent, _("This file cannot be imported"), exc.message)
            return None
        dialog = cls(catalogue, table, event_id, parent)
        dialog.exec()
        return dialog.report
