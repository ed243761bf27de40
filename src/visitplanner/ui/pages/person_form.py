"""The person editor: a form with inline validation, saved as one transaction."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.enums import ActorType, Language
from visitplanner.domain.errors import UserError, ValidationError
from visitplanner.i18n import _
from visitplanner.services import catalogue as cat
from visitplanner.services.changes import Changes
from visitplanner.store.database import Catalogue


def form_label(text: str) -> str:
    """French puts a no-break space before the colon; English none at all (UI.md)."""
    from visitplanner.i18n import current_language

    return f"{text}\u00a0:" if current_language() == "fr" else text


class PersonForm(QWidget):
    saved = Signal(object)  # Changes
    open_requested = Signal(int)  # id of an existing person (duplicate e-mail)

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.person_id: int | None = None
        self._loading = False

        self.given_name = QLineEdit()
        self.family_name = QLineEdit()
        self.email = QLineEdit()
        self.phone = QLineEdit()
        self.organisation = QLineEdit()
        self.function = QLineEdit()
        self.actor_type = QComboBox()
        self.actor_type.addItem("—", None)
        for member in ActorType:
            self.actor_type.addItem(member.label, member.value)
        self.language = QComboBox()
        for member in Language:
            self.language.addItem(member.label, member.value)
        self.consent_photos = QCheckBox(_("May appear in photos"))
        self.consent_quotes = QCheckBox(_("May be quoted in the shared story"))
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: palette(bright-text); background: #b3261e; padding: 4px;")
        self.error.hide()

        form = QFormLayout()
        rows = (
            (_("Given name"), self.given_name),
            (_("Family name"), self.family_name),
            (_("E-mail"), self.email),
            (_("Phone"), self.phone),
            (_("Organisation"), self.organisation),
            (_("Function"), self.function),
            (_("Actor type"), self.actor_type),
            (_("Preferred language"), self.language),
        )
        for label, widget in rows:
            widget.setAccessibleName(label)
            form.addRow(form_label(label), widget)
        form.addRow("", self.consent_photos)
        form.addRow("", self.consent_quotes)

        self.save_button = QPushButton(_("Save"))
        self.save_button.setAccessibleName(_("Save"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(_("Cancel"))
        self.revert_button.clicked.connect(self.revert)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addStretch(1)

        for edit in (self.given_name, self.family_name, self.email, self.phone):
            edit.textEdited.connect(self._changed)
        for edit in (self.organisation, self.function):
            edit.textEdited.connect(self._changed)
        self.actor_type.currentIndexChanged.connect(self._changed)
        self.language.currentIndexChanged.connect(self._changed)
        self.consent_photos.toggled.connect(self._changed)
        self.consent_quotes.toggled.connect(self._changed)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Cancel), self, activated=self.revert)

    # --- state ---------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self.save_button.isEnabled()

    def _changed(self, *_args: object) -> None:
        if not self._loading:
            self.save_button.setEnabled(True)

    def load(self, person_id: int | None) -> None:
        """Shows a person (``None``: an empty form for a new one)."""
        self._loading = True
        self.person_id = person_id
        view = cat.get_person(self.catalogue, person_id) if person_id is not None else None
        self.given_name.setText(view.given_name or "" if view else "")
        self.family_name.setText(view.family_name if view else "")
        self.email.setText(view.email or "" if view else "")
        self.phone.setText(view.phone or "" if view else "")
        self.organisation.setText(view.organisation or "" if view else "")
        self.function.setText(view.function or "" if view else "")
        self.actor_type.setCurrentIndex(
            max(0, self.actor_type.findData(view.actor_type if view else None))
        )
        self.language.setCurrentIndex(
            max(0, self.language.findData(view.preferred_language if view else "fr"))
        )
        self.consent_photos.setChecked(bool(view and view.consent_photos))
        self.consent_quotes.setChecked(bool(view and view.consent_quotes))
        self.error.hide()
        self.save_button.setEnabled(False)
        self._loading = False

    def revert(self) -> None:
        self.load(self.person_id)

    def _input(self) -> cat.PersonInput:
        existing = cat.get_person(self.catalogue, self.person_id) if self.person_id else None
        return cat.PersonInput(
            family_name=self.family_name.text(),
            given_name=self.given_name.text(),
            email=self.email.text(),
            phone=self.phone.text(),
            organisation=self.organisation.text(),
            function=self.function.text(),
            actor_type=self.actor_type.currentData(),
            preferred_language=self.language.currentData(),
            consent_photos=self.consent_photos.isChecked(),
            consent_quotes=self.consent_quotes.isChecked(),
            consent_date=existing.consent_date if existing else None,
            notes=existing.notes if existing else None,
            dynamic_ids=existing.dynamic_ids if existing else (),
        )

    def save(self) -> bool:
        if not self.dirty:
            return True
        try:
            if self.person_id is None:
                changes: Changes = cat.create_person(self.catalogue, self._input())
                self.person_id = changes.created_id("person")
            else:
                changes = cat.update_person(self.catalogue, self.person_id, self._input())
        except cat.DuplicateEmailError as exc:
            self._show_error(exc.message, self.email)
            self._offer_existing(exc.existing_id)
            return False
        except ValidationError as exc:
            self._show_error(exc.message, self._field_widget(exc.field))
            return False
        except UserError as exc:
            self._show_error(exc.message, None)
            return False
        self.load(self.person_id)
        self.saved.emit(changes)
        return True

    def _offer_existing(self, existing_id: int) -> None:
        from visitplanner.ui.dialogs import ask_yes_no

        if ask_yes_no(
            self,
            _("This e-mail address is already known"),
            _("Another person already has this e-mail address. Open that person instead?"),
        ):
            self.open_requested.emit(existing_id)

    def _field_widget(self, field: str) -> QWidget | None:
        return {
            _("family name"): self.family_name,
            _("given name"): self.given_name,
            _("e-mail"): self.email,
            _("phone"): self.phone,
            _("organisation"): self.organisation,
            _("function"): self.function,
        }.get(field)

    def _show_error(self, message: str, widget: QWidget | None) -> None:
        self.error.setText(message)
        self.error.show()
        if widget is not None:
            widget.setFocus()
