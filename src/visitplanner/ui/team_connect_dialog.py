"""« Se connecter à un catalogue d'équipe… »: where the team's PostgreSQL server is, who
connects, how the connection is protected, and a test that answers in plain words.

The dialog only asks and tests; the window opens the catalogue with what it answers
(:class:`TeamChoice`), the same way it opens a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from visitplanner.i18n import _
from visitplanner.services.team.connection import (
    SUGGESTED_TLS_MODE,
    TLS_MODES,
    ConnectionReport,
    ServerFields,
    check_connection,
    missing_fields,
    tls_mode_help,
)
from visitplanner.store.postgres import PORT
from visitplanner.ui.forms.base import form_label


@dataclass(frozen=True)
class TeamChoice:
    """What to open: the server's fields, the password typed, and whether to keep it."""

    server: ServerFields
    password: str
    remember: bool


def tls_mode_label(mode: str) -> str:
    return {
        "disable": _("No encryption (disable)"),
        "prefer": _("Encrypt if possible (prefer)"),
        "require": _("Always encrypt (require)"),
        "verify-ca": _("Encrypt and check the certificate (verify-ca)"),
        "verify-full": _("Encrypt, check the certificate and the name (verify-full)"),
    }[mode]


class TeamConnectDialog(QDialog):
    """The connection form; Connect is offered once the required fields are filled."""

    def __init__(self, initial: ServerFields | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Connect to a team catalogue"))
        self.setAccessibleName(self.windowTitle())
        self.report: ConnectionReport | None = None

        intro = QLabel(
            _(
                "A team catalogue is kept on a PostgreSQL server, so that several "
                "coordinators work on it at once. Your administrator gives you these details."
            )
        )
        intro.setWordWrap(True)

        self.host = self._line(_("Server"), "db.example.org")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(PORT)
        self.port.setAccessibleName(_("Port"))
        self.port.setMaximumWidth(self.fontMetrics().horizontalAdvance("0") * 8 + 40)
        self.database = self._line(_("Database"), "visitplanner")
        self.user = self._line(_("User"), "")
        self.password = self._line(_("Password"), "")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(_("Remember the password in the system keyring"))
        self.remember.setAccessibleName(_("Remember the password"))

        self.tls = QComboBox()
        self.tls.setAccessibleName(_("TLS mode"))
        for mode in TLS_MODES:
            self.tls.addItem(tls_mode_label(mode), mode)
        self.tls_help = QLabel()
        self.tls_help.setWordWrap(True)
        self.tls_help.setAccessibleName(_("What the TLS mode does"))
        self.root_cert = self._line(
            _("Root certificate"), _("The .crt or .pem file your administrator gave you")
        )
        browse = QPushButton(_("Choose…"))
        browse.setAccessibleName(_("Choose the root certificate file"))
        browse.clicked.connect(self._choose_root_cert)
        cert_row = QHBoxLayout()
        cert_row.addWidget(self.root_cert, 1)
        cert_row.addWidget(browse)

        form = QFormLayout()
        form.addRow(form_label(_("Server")), self.host)
        form.addRow(form_label(_("Port")), self.port)
        form.addRow(form_label(_("Database")), self.database)
        form.addRow(form_label(_("User")), self.user)
        form.addRow(form_label(_("Password")), self.password)
        form.addRow("", self.remember)
        form.addRow(form_label(_("TLS mode")), self.tls)
        form.addRow("", self.tls_help)
        form.addRow(form_label(_("Root certificate")), cert_row)

        self.test_button = QPushButton(_("Test the connection"))
        self.test_button.setAccessibleName(_("Test the connection"))
        self.test_button.clicked.connect(lambda: self.test())
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setAccessibleName(_("Connection test result"))
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outcome.setMinimumHeight(self.fontMetrics().height() * 3)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.outcome, 1)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.connect_button = self.buttons.addButton(
            _("Connect"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.connect_button.setAccessibleName(_("Connect"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(test_row)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

        self._fill(initial)
        for line in (self.host, self.database, self.user):
            line.textChanged.connect(self._update_buttons)
        for widget in (self.host, self.database, self.user, self.password, self.root_cert):
            widget.textChanged.connect(self._forget_result)
        self.port.valueChanged.connect(self._forget_result)
        self.tls.currentIndexChanged.connect(self._tls_changed)
        self._tls_changed()
        self._update_buttons()

    def _line(self, name: str, placeholder: str) -> QLineEdit:
        line = QLineEdit()
        line.setAccessibleName(name)
        line.setPlaceholderText(placeholder)
        return line

    def _fill(self, initial: ServerFields | None) -> None:
        mode = initial.sslmode if initial is not None else SUGGESTED_TLS_MODE
        self.tls.setCurrentIndex(max(0, TLS_MODES.index(mode) if mode in TLS_MODES else 0))
        if initial is None:
            return
        self.host.setText(initial.host)
        self.port.setValue(initial.port or PORT)
        self.database.setText(initial.database)
        self.user.setText(initial.user)
        self.root_cert.setText(initial.sslrootcert)
        from visitplanner.services.team.connection import saved_password

        password = saved_password(initial)
        if password:
            self.password.setText(password)
            self.remember.setChecked(True)

    # --- reading the form -------------------------------------------------------------------

    def server(self) -> ServerFields:
        return ServerFields(
            host=self.host.text().strip(),
            port=self.port.value(),
            database=self.database.text().strip(),
            user=self.user.text().strip(),
            sslmode=str(self.tls.currentData()),
            sslrootcert=self.root_cert.text().strip(),
        )

    def choice(self) -> TeamChoice:
        return TeamChoice(self.server(), self.password.text(), self.remember.isChecked())

    def _update_buttons(self) -> None:
        missing = missing_fields(self.server())
        self.connect_button.setEnabled(not missing)
        self.test_button.setEnabled(not missing)
        tip = _("Fill in: {fields}.").format(fields=", ".join(missing)) if missing else ""
        self.connect_button.setToolTip(tip)
        self.test_button.setToolTip(tip)

    def _tls_changed(self, *_args: Any) -> None:
        mode = str(self.tls.currentData())
        text = tls_mode_help(mode)
        if mode in ("disable", "prefer", "require"):
            text += " " + _("“verify-full” is recommended.")
        self.tls_help.setText(text)
        self._forget_result()

    def _forget_result(self, *_args: Any) -> None:
        self.report = None
        self.outcome.clear()

    def _choose_root_cert(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            _("Root certificate of the server"),
            self.root_cert.text(),
            _("Certificates (*.crt *.pem *.cer);;All files (*)"),
        )
        if name:
            self.root_cert.setText(name)

    # --- the test ---------------------------------------------------------------------------

    def test(self, then: Any = None) -> None:
        """Connects once with what is typed, off the GUI thread; the answer is shown under
        the button, and ``then()`` runs when the connection works."""
        from visitplanner.ui.tasks import run_task

        server, password = self.server(), self.password.text() or None
        self.outcome.setText(_("Connecting…"))
        self.test_button.setEnabled(False)
        self.connect_button.setEnabled(False)

        def work(_progress: Any, _cancelled: Any) -> ConnectionReport:
            return check_connection(server, password)

        def done(report: ConnectionReport | None, error: BaseException | None) -> None:
            self._update_buttons()
            if report is None:
                report = ConnectionReport(False, str(getattr(error, "message", error)))
            self.report = report
            self.outcome.setText(("✔ " if report.ok else "✖ ") + report.message)
            if report.ok and then is not None:
                then()

        run_task(self, _("Testing the connection…"), work, done)

    def accept(self) -> None:
        """Connect: tested first (again if something changed), closed only when it works."""
        if self.report is not None and self.report.ok:
            super().accept()
        else:
            self.test(then=super().accept)

    @classmethod
    def ask(
        cls, parent: QWidget | None, initial: ServerFields | None = None, message: str = ""
    ) -> TeamChoice | None:
        """Shows the dialog modally (``message``: why it is shown again); the choice, or
        None when cancelled. Tests replace this."""
        dialog = cls(initial, parent)
        if message:
            dialog.outcome.setText("✖ " + message)
        try:
            return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()
