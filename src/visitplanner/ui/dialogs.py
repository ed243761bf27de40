"""Dialogs for decisions and errors, each with a class-level entry point tests can replace."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from visitplanner.i18n import _
from visitplanner.logs import log_file


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent
    )
    box.setAccessibleName(title)
    box.exec()


def show_unexpected_error(error: BaseException, details: str) -> None:
    """A readable dialog for a bug: what happened, where the log is, and a way to copy details."""
    parent = QApplication.activeWindow()
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(_("Unexpected error"))
    box.setText(
        _(
            "Something went wrong and the last action may not have finished. "
            "Your saved data is safe."
        )
    )
    box.setInformativeText(
        _("The details were written to {path}.").format(path=log_file())
        + "\n"
        + f"{type(error).__name__}: {error}"
    )
    box.setDetailedText(details)
    copy = box.addButton(_("Copy details"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    copy.clicked.disconnect()
    copy.clicked.connect(lambda: QApplication.clipboard().setText(details))
    box.exec()


def ask_yes_no(parent: QWidget | None, title: str, question: str) -> bool:
    """A decision the user must take; tests replace this function."""
    answer = QMessageBox.question(parent, title, question)
    return answer == QMessageBox.StandardButton.Yes


def ask_save_discard_cancel(parent: QWidget | None, title: str, question: str) -> str:
    """Unsaved changes: returns "save", "discard" or "cancel"; tests replace this function."""
    buttons = (
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    answer = QMessageBox.question(parent, title, question, buttons, QMessageBox.StandardButton.Save)
    if answer == QMessageBox.StandardButton.Save:
        return "save"
    if answer == QMessageBox.StandardButton.Discard:
        return "discard"
    return "cancel"


def ask_open_preferences(parent: QWidget | None, title: str, message: str) -> bool:
    """A refusal that Preferences can fix: True when the user chose to open them."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.NoButton, parent
    )
    box.setAccessibleName(title)
    open_button = box.addButton(_("Open Preferences…"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("Close"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(open_button)
    box.exec()
    return box.clickedButton() is open_button


def ask_date(parent: QWidget | None, title: str, label: str, initial: date) -> date | None:
    """A date to choose; tests replace this function."""
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox, QFormLayout

    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    edit = QDateEdit(QDate(initial.year, initial.month, initial.day))
    edit.setCalendarPopup(True)
    edit.setAccessibleName(label)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("OK"))
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form = QFormLayout(dialog)
    form.addRow(label, edit)
    form.addRow(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())


def show_report(parent: QWidget | None, title: str, summary: str, lines: list[str]) -> None:
    """A summary with the details one line each (import results); tests replace this."""
    box = QMessageBox(
        QMessageBox.Icon.Information, title, summary, QMessageBox.StandardButton.Ok, parent
    )
    box.setDetailedText("\n".join(lines))
    box.exec()
