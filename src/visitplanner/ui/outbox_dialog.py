"""The outbox: invitations waiting to go, sent, or failed with their reason."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.errors import UserError
from visitplanner.i18n import _, ngettext, number
from visitplanner.services.invitations import outbox
from visitplanner.settings import Settings
from visitplanner.store.database import Catalogue
from visitplanner.ui import dialogs, tasks
from visitplanner.ui.formats import when

ITEM = Qt.ItemDataRole.UserRole


class OutboxDialog(QDialog):
    changes_applied = Signal(object)

    def __init__(
        self, catalogue: Catalogue, settings: Settings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.settings = settings
        self.setWindowTitle(_("Outbox"))
        self.resize(760, 460)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(_("Messages"))
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QTreeWidget.SelectionMode.ExtendedSelection)
        self.tree.setHeaderLabels([_("To"), _("Subject"), _("State")])
        self.tree.setColumnWidth(0, 220)
        self.tree.setColumnWidth(1, 300)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.send_button = QPushButton(_("Send now"))
        self.send_button.setAccessibleName(_("Send now"))
        self.send_button.clicked.connect(self.send_now)
        self.eml_button = QPushButton(_("Save as e-mail files…"))
        self.eml_button.setAccessibleName(_("Save the pending messages as .eml files"))
        self.eml_button.clicked.connect(self.save_eml)
        self.resend_button = QPushButton(_("Allow resending"))
        self.resend_button.setAccessibleName(_("Allow the selected messages to be sent again"))
        self.resend_button.clicked.connect(
            lambda: self._decide(outbox.allow_resend, self._selected())
        )
        self.mark_button = QPushButton(_("Mark as sent"))
        self.mark_button.setAccessibleName(_("Mark the selected messages as sent"))
        self.mark_button.clicked.connect(
            lambda: self._decide(outbox.mark_sent_manually, self._selected())
        )
        self.discard_button = QPushButton(_("Discard"))
        self.discard_button.setAccessibleName(_("Discard the selected messages"))
        self.discard_button.clicked.connect(self.discard_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        for button in (
            self.send_button,
            self.eml_button,
            self.resend_button,
            self.mark_button,
            self.discard_button,
        ):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        self.tree.clear()
        items = outbox.list_outbox(self.catalogue)
        waiting = 0
        for item in items:
            if item.state == "sent":
                state = _("sent {when}").format(when=when(item.sent_at.astimezone()))
            elif item.state == "unconfirmed":
                state = _("not confirmed: check whether it arrived, then resend or mark sent")
            elif item.state == "failed":
                state = _("failed: {reason}").format(reason=item.last_error)
                waiting += 1
            else:
                state = _("waiting")
                waiting += 1
            row = QTreeWidgetItem([item.recipient, item.subject, state])
            row.setData(0, ITEM, item.id)
            row.setToolTip(2, state)
            self.tree.addTopLevelItem(row)
        self.summary.setText(
            ngettext(
                "{n} message waiting to be sent.", "{n} messages waiting to be sent.", waiting
            ).format(n=number(waiting))
            if waiting
            else _("Nothing is waiting to be sent.")
        )
        self.send_button.setEnabled(bool(waiting))
        self.eml_button.setEnabled(bool(waiting))

    def send_now(self) -> None:
        from visitplanner.services.invitations import smtp_password as secrets

        s = self.settings
        if not s.smtp_host:
            dialogs.show_error(
                self,
                _("No mail server"),
                _("Set the mail server in Preferences, or save the messages as e-mail files."),
            )
            return
        password = None
        if s.smtp_user:
            try:
                password = secrets.get_smtp_password(s.smtp_host, s.smtp_user)
            except UserError:
                password = None
            if password is None:
                password = self.ask_password()
                if password is None:
                    return

        def work(progress, cancelled):  # type: ignore[no-untyped-def]
            return outbox.send_pending(
                self.catalogue, s, password, progress=progress, cancelled=cancelled
            )

        tasks.run_task(self, _("Sending invitations…"), work, self._sent)

    def ask_password(self) -> str | None:
        """The SMTP password, when the keyring has none; tests replace this method."""
        text, ok = QInputDialog.getText(
            self,
            _("Mail server password"),
            _("Password for {user} on {host}:").format(
                user=self.settings.smtp_user, host=self.settings.smtp_host
            ),
            QLineEdit.EchoMode.Password,
        )
        return text if ok else None

    def _sent(self, report: outbox.SendReport | None, error: BaseException | None) -> None:
        if error is not None:
            if not isinstance(error, UserError):
                raise error
            dialogs.show_error(self, _("Nothing was sent"), error.message)
            self.reload()
            return
        assert report is not None
        self.changes_applied.emit(report.changes)
        self.reload()
        text = ngettext("{n} message sent.", "{n} messages sent.", report.sent).format(
            n=number(report.sent)
        )
        if report.failed:
            text += " " + ngettext(
                "{n} failed (see the list).", "{n} failed (see the list).", len(report.failed)
            ).format(n=number(len(report.failed)))
        if report.unconfirmed:
            text += " " + ngettext(
                "{n} was not confirmed by the server.",
                "{n} were not confirmed by the server.",
                len(report.unconfirmed),
            ).format(n=number(len(report.unconfirmed)))
        if report.stopped:
            text += " " + report.stopped
        self.summary.setText(text)

    def save_eml(self) -> None:
        folder = self.ask_folder()
        if folder is None:
            return
        try:
            paths = outbox.export_eml(self.catalogue, folder)
        except UserError as exc:
            dialogs.show_error(self, _("The files were not written"), exc.message)
            return
        self.summary.setText(
            ngettext(
                "{n} e-mail file written to {folder}; send them from your mail program.",
                "{n} e-mail files written to {folder}; send them from your mail program.",
                len(paths),
            ).format(n=number(len(paths)), folder=folder)
        )

    def ask_folder(self) -> Path | None:
        """The folder chooser; tests replace this method."""
        from visitplanner.ui import file_dialogs

        return file_dialogs.choose_folder(self, _("Folder for the e-mail files"), "eml")

    def _selected(self) -> list[int]:
        return [row.data(0, ITEM) for row in self.tree.selectedItems()]

    def _decide(self, action, ids: list[int]) -> None:  # type: ignore[no-untyped-def]
        if ids:
            self.changes_applied.emit(action(self.catalogue, ids))
            self.reload()

    def discard_selected(self) -> None:
        self._decide(outbox.discard, self._selected())
