"""The preferences dialog: language, organiser, time zone, mail, backups, shared story."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from visitplanner import settings as settings_store
from visitplanner.domain import validation
from visitplanner.domain.errors import ValidationError
from visitplanner.i18n import _
from visitplanner.services.story import folder_sync
from visitplanner.settings import Settings
from visitplanner.store.database import Catalogue
from visitplanner.ui.forms.base import form_label
from visitplanner.ui.preferences_labels import (
    DEFAULT_ZONE,
    error_label,
    message_label,
    section,
    shorten_long_words,
    timezone_names,
)


class PreferencesDialog(QDialog):
    """Edits a :class:`Settings` object; it changes (and is saved) only on Save."""

    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        catalogue: Catalogue | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.catalogue = catalogue
        self.setWindowTitle(_("Preferences"))
        self.setAccessibleName(_("Preferences"))

        # --- fields ----------------------------------------------------------------
        self.language = QComboBox()
        self.language.addItem(_("System language"), "system")
        # Each language is named in itself, so anyone can find their own.
        self.language.addItem("Français", "fr")
        self.language.addItem("English", "en")
        self.language.setAccessibleName(_("Language"))
        self.language_note = message_label(_("Language note"))
        self.language_note.setText(
            _("The new language applies the next time Visit Planner starts.")
        )

        self.timezone = QComboBox()
        self.timezone.setEditable(True)
        self.timezone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.timezone.addItems(timezone_names())
        self.timezone.setMaxVisibleItems(15)
        self.timezone.setAccessibleName(_("Default time zone"))
        completer = QCompleter(self.timezone.model(), self.timezone)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.timezone.setCompleter(completer)
        from visitplanner.ui.widgets.fit import fit_completer

        fit_completer(completer)
        self.timezone_error = error_label(_("Time zone problem"))

        self.organiser_name = QLineEdit()
        self.organiser_name.setAccessibleName(_("Organiser name"))
        self.organiser_email = QLineEdit()
        self.organiser_email.setAccessibleName(_("Organiser e-mail"))
        self.email_error = error_label(_("E-mail problem"))

        organiser_title, organiser_hint = section(
            _("Organiser of invitations"),
            _("Calendar invitations are sent in this name and from this address."),
            wrap=False,
        )

        mail_title, mail_hint = section(
            _("Sending e-mail"),
            _("The mail server that sends invitations; the password stays in the system keyring."),
        )
        self.smtp_host = QLineEdit()
        self.smtp_host.setAccessibleName(_("Mail server"))
        self.smtp_host.setPlaceholderText("smtp.example.org")
        self.smtp_port = QSpinBox()
        self.smtp_port.setRange(1, 65535)
        self.smtp_port.setAccessibleName(_("Port"))
        self.smtp_security = QComboBox()
        self.smtp_security.setAccessibleName(_("Security"))
        for code, label in (("starttls", "STARTTLS"), ("ssl", "SSL/TLS"), ("none", _("None"))):
            self.smtp_security.addItem(label, code)
        self.smtp_user = QLineEdit()
        self.smtp_user.setAccessibleName(_("User name"))
        self.smtp_password = QLineEdit()
        self.smtp_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.smtp_password.setAccessibleName(_("Password"))
        self.smtp_password.setPlaceholderText(_("Unchanged"))
        self.smtp_error = error_label(_("Mail server problem"))
        # Without encryption a login sends the password in clear: allowed only for a relay
        # the user vouches for (services.outbox refuses it otherwise, naming this box).
        self.smtp_relay = QCheckBox(_("The server without encryption is a local relay I trust"))
        self.smtp_relay.setAccessibleName(_("Local relay without encryption"))
        self.smtp_relay.setToolTip(
            _(
                "Only for a server on this computer or on a network you trust: "
                "the user name and the password are sent without encryption."
            )
        )

        backup_title, backup_hint = section(
            _("Automatic backups"),
            _(
                "Once a day, when Visit Planner starts, a copy of the catalogue is made "
                "in the backups folder beside it."
            ),
        )
        # The sentence is the spin box's own text, so it reads as one phrase in any language
        # (and adds no label row to the form).
        self.backup_keep = QSpinBox()
        self.backup_keep.setRange(0, 365)
        self.backup_keep.setPrefix(_("Keep the last "))
        self.backup_keep.setSuffix(_(" daily backups"))
        self.backup_keep.setSpecialValueText(_("No automatic backups"))
        self.backup_keep.setAccessibleName(_("Keep the last N daily backups (0: none)"))
        backup_row = QHBoxLayout()
        backup_row.addWidget(self.backup_keep)
        backup_row.addStretch(1)
        from visitplanner.ui.privacy_preferences import PrivacyPreferences

        privacy_title, privacy_hint = section(
            _("Personal data (RGPD)"),
            _("Data is kept no longer than needed: how long before a review or an erasure."),
        )
        self.privacy = PrivacyPreferences(settings)

        story_title, story_hint = section(
            _("Shared story"),
            _(
                "The story of this catalogue is shared with the other coordinators through "
                "a folder you all sync (Nextcloud, Syncthing, a network share, a USB key)."
            ),
        )
        self._hints = [mail_hint, backup_hint, privacy_hint, story_hint]
        self.story_folder = QLabel()
        self.story_folder.setAccessibleName(_("Shared story folder"))
        self.story_folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.story_choose = QPushButton(_("Choose a folder…"))
        self.story_choose.setAccessibleName(_("Choose the shared story folder"))
        self.story_choose.clicked.connect(self._choose_story_folder)
        self.story_clear = QPushButton(_("Stop sharing"))
        self.story_clear.setAccessibleName(_("Stop sharing the story"))
        self.story_clear.clicked.connect(lambda: self._set_story_folder(None))
        story_row = QHBoxLayout()
        story_row.addWidget(self.story_folder, 1)
        story_row.addWidget(self.story_choose)
        story_row.addWidget(self.story_clear)
        self._story_folder_initial = (
            folder_sync.shared_folder(catalogue) if catalogue is not None else None
        )
        self._story_folder = self._story_folder_initial

        # Messages are rows of their own, right under their field, shown only when they
        # apply (a field and its message nested in one cell get clipped); _fit sizes them.
        self.form = form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(form_label(_("Language")), self.language)
        form.addRow("", self.language_note)
        form.addRow(form_label(_("Default time zone")), self.timezone)
        form.addRow("", self.timezone_error)
        form.addRow(organiser_title)
        form.addRow(organiser_hint)
        form.addRow(form_label(_("Name")), self.organiser_name)
        form.addRow(form_label(_("E-mail")), self.organiser_email)
        form.addRow("", self.email_error)
        form.addRow(mail_title)
        form.addRow(mail_hint)
        form.addRow(form_label(_("Mail server")), self.smtp_host)
        form.addRow(form_label(_("Port")), self.smtp_port)
        form.addRow(form_label(_("Security")), self.smtp_security)
        form.addRow("", self.smtp_relay)
        form.addRow(form_label(_("User name")), self.smtp_user)
        form.addRow(form_label(_("Password")), self.smtp_password)
        form.addRow("", self.smtp_error)
        form.addRow(backup_title)
        form.addRow(backup_hint)
        form.addRow(backup_row)
        form.addRow(privacy_title)
        form.addRow(privacy_hint)
        for row in self.privacy.rows:
            form.addRow(row)
        # The folder belongs to the catalogue, not to these settings: only with one open.
        if catalogue is not None:
            form.addRow(story_title)
            form.addRow(story_hint)
            form.addRow(story_row)
            self._show_story_folder()
        for message in (self.language_note, self.timezone_error, self.email_error, self.smtp_error):
            form.setRowVisible(message, False)

        # --- buttons ---------------------------------------------------------------
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        # Our own words, so no English is left when Qt's translations are missing.
        self.save_button.setText(_("Save"))
        self.save_button.setAccessibleName(_("Save"))
        self.cancel_button.setText(_("Cancel"))
        self.cancel_button.setAccessibleName(_("Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addSpacing(10)
        layout.addWidget(self.buttons)

        # --- values ----------------------------------------------------------------
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.timezone.setCurrentText(settings.default_timezone or DEFAULT_ZONE)
        self.organiser_name.setText(settings.organiser_name)
        self.organiser_email.setText(settings.organiser_email)
        self.smtp_host.setText(settings.smtp_host)
        self.smtp_port.setValue(settings.smtp_port or 587)
        self.smtp_security.setCurrentIndex(
            max(0, self.smtp_security.findData(settings.smtp_security))
        )
        self.smtp_user.setText(settings.smtp_user)
        self.smtp_relay.setChecked(settings.smtp_local_relay_confirmed is True)
        self._relay_initial = self.smtp_relay.isChecked()
        self.backup_keep.setValue(min(365, settings.daily_backups_to_keep))
        self._initial = self._values()

        self.language.currentIndexChanged.connect(self._changed)
        self.timezone.currentTextChanged.connect(self._changed)
        self.timezone.currentTextChanged.connect(
            lambda: self._set_shown(self.timezone_error, False)
        )
        self.organiser_name.textChanged.connect(self._changed)
        self.organiser_email.textChanged.connect(self._changed)
        self.organiser_email.textChanged.connect(lambda: self._set_shown(self.email_error, False))
        for edit in (self.smtp_host, self.smtp_user, self.smtp_password):
            edit.textChanged.connect(self._changed)
        self.smtp_port.valueChanged.connect(self._changed)
        self.backup_keep.valueChanged.connect(self._changed)
        self.privacy.connect(self._changed)
        self.smtp_security.currentIndexChanged.connect(self._changed)
        self.smtp_relay.toggled.connect(self._changed)
        self._set_shown(self.smtp_error, False)
        self._changed()
        # Room for the French labels and for most messages on one line.
        self.setMinimumWidth(self.sizeHint().width() + 120)

    # --- state -------------------------------------------------------------------------

    def _values(self) -> tuple[str, str, str, str, str, int, str, str, str, int]:
        return (
            self.language.currentData(),
            self.timezone.currentText().strip(),
            self.organiser_name.text().strip(),
            self.organiser_email.text().strip(),
            self.smtp_host.text().strip(),
            self.smtp_port.value(),
            self.smtp_security.currentData(),
            self.smtp_user.text().strip(),
            self.smtp_password.text(),
            self.backup_keep.value(),
        )

    @property
    def dirty(self) -> bool:
        return (
            self._values() != self._initial
            or self._story_folder != self._story_folder_initial
            or self.smtp_relay.isChecked() != self._relay_initial
            or self.privacy.dirty
        )

    # --- shared story folder -------------------------------------------------------------

    def _choose_story_folder(self) -> None:
        from visitplanner.ui import story_sync

        folder = story_sync.choose_folder(self, self._story_folder)
        if folder is not None:
            self._set_story_folder(folder)

    def _set_story_folder(self, folder: Path | None) -> None:
        self._story_folder = folder
        self._show_story_folder()
        self._changed()

    def _show_story_folder(self) -> None:
        folder = self._story_folder
        self.story_folder.setText(str(folder) if folder else _("Not shared"))
        self.story_folder.setToolTip(str(folder) if folder else "")
        self.story_clear.setEnabled(folder is not None)

    def _changed(self, *_args: object) -> None:
        self.smtp_relay.setEnabled(self.smtp_security.currentData() == "none")
        self.save_button.setEnabled(self.dirty)
        self._set_shown(self.language_note, self.language.currentData() != self._initial[0])

    def _set_shown(self, message: QLabel, shown: bool) -> None:
        self.form.setRowVisible(message, shown)
        if shown:
            self._fit(message)

    def _fit(self, message: QLabel) -> None:
        """Gives a wrapped message the height its lines need at the field column's width.

        Neither the form nor a window's minimum size follows wrapped text reliably: without
        this a two-line message is clipped, and a one-line one floats in a two-line gap.
        """
        message.setMinimumHeight(0)  # heightForWidth never answers less than the minimum
        message.setFixedHeight(message.heightForWidth(self.organiser_email.width()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        for message in (self.language_note, self.timezone_error, self.email_error, self.smtp_error):
            if message.isVisibleTo(self):
                self._fit(message)
        # Full-width sentences wrap too; without their height they overlap their title.
        width = self.width() - 2 * self.layout().contentsMargins().left()
        for hint in self._hints:
            hint.setMinimumHeight(hint.heightForWidth(width))

    # --- saving ------------------------------------------------------------------------

    def save(self) -> bool:
        """Validates, writes the settings file and closes; on a problem, says where."""
        if not self.dirty:
            return False
        (language, zone_text, name, email_text, host, port, security, user, password, keep) = (
            self._values()
        )
        problems: list[QWidget] = []
        try:
            email = validation.email(email_text, _("e-mail")) or ""
        except ValidationError as exc:
            self._show(self.email_error, exc)
            problems.append(self.organiser_email)
        try:
            zone = validation.timezone(zone_text, _("time zone")).key
        except ValidationError as exc:
            self._show(self.timezone_error, exc)
            problems.append(self.timezone)
        if password and host and user:
            from visitplanner.domain.errors import UserError
            from visitplanner.services.invitations import smtp_password as secrets

            try:
                secrets.set_smtp_password(host, user, password)
            except UserError as exc:
                self.smtp_error.setText(exc.message)
                self._set_shown(self.smtp_error, True)
                problems.append(self.smtp_password)
        if problems:
            problems[0].setFocus()
            return False
        if self.catalogue is not None and self._story_folder != self._story_folder_initial:
            from visitplanner.domain.errors import UserError

            try:
                folder_sync.set_shared_folder(self.catalogue, self._story_folder)
            except UserError as exc:
                from visitplanner.ui.dialogs import show_error

                show_error(self, _("Preferences not saved"), exc.message)
                return False
            self._story_folder_initial = self._story_folder
        mail_before = (
            self.settings.smtp_host,
            self.settings.smtp_port,
            self.settings.smtp_security,
            self.settings.smtp_user,
        )
        keep_before = self.settings.backup_keep
        relay_before = self.settings.smtp_local_relay_confirmed
        # Kept only with security "None": choosing encryption withdraws the exception.
        self.settings.smtp_local_relay_confirmed = (
            security == "none" and self.smtp_relay.isChecked()
        )
        self.settings.smtp_host, self.settings.smtp_port = host, port
        self.settings.smtp_security, self.settings.smtp_user = security, user
        self.settings.backup_keep = keep
        privacy_before = self.privacy.apply(self.settings)

        previous = (
            self.settings.language,
            self.settings.organiser_name,
            self.settings.organiser_email,
            self.settings.default_timezone,
        )
        self._store(language, name, email, zone)
        try:
            settings_store.save_settings(self.settings)
        except OSError as exc:
            self._store(*previous)
            (
                self.settings.smtp_host,
                self.settings.smtp_port,
                self.settings.smtp_security,
                self.settings.smtp_user,
            ) = mail_before
            self.settings.backup_keep = keep_before
            self.privacy.restore(self.settings, privacy_before)
            self.settings.smtp_local_relay_confirmed = relay_before
            from visitplanner.ui.dialogs import show_error

            show_error(
                self,
                _("Preferences not saved"),
                _("The preferences could not be written: {error}").format(error=exc),
            )
            return False
        self.accept()
        return True

    def _store(self, language: str, name: str, email: str, zone: str) -> None:
        self.settings.language = language
        self.settings.organiser_name = name
        self.settings.organiser_email = email
        self.settings.default_timezone = zone

    def _show(self, label: QLabel, error: ValidationError) -> None:
        reason = error.reason[:1].upper() + error.reason[1:]
        label.setText(shorten_long_words(reason))
        label.setToolTip(reason)
        self._set_shown(label, True)

    # --- entry point -------------------------------------------------------------------

    @classmethod
    def edit(
        cls, settings: Settings, parent: QWidget | None = None, catalogue: Catalogue | None = None
    ) -> bool:
        """Shows the dialog modally; whether the user saved. Tests replace this."""
        dialog = cls(settings, parent, catalogue)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()
