"""The person editor."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
)

from visitplanner.domain.enums import ActorType, Language
from visitplanner.domain.errors import UserError
from visitplanner.i18n import _
from visitplanner.services.directory import records as cat
from visitplanner.ui.forms.base import RecordForm, enum_combo, form_label, link_html, set_combo
from visitplanner.ui.forms.limits import TEXT, column_length, limit_fields
from visitplanner.ui.forms.person_consents import ConsentsPanel
from visitplanner.ui.widgets.pickers import DynamicsChecklist


class PersonForm(RecordForm):
    kind = "person"
    erase_requested = Signal(int)  # the person shown, to erase (RGPD) after a summary

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._view: cat.PersonView | None = None
        self.given_name = self.add_field(_("given name"), _("Given name"), QLineEdit())
        self.family_name = self.add_field(_("family name"), _("Family name"), QLineEdit())
        self.email = self.add_field(_("e-mail"), _("E-mail"), QLineEdit())
        self.phone = self.add_field(_("phone"), _("Phone"), QLineEdit())
        self.organisation = self.add_field(_("organisation"), _("Organisation"), QLineEdit())
        self.function = self.add_field(_("function"), _("Function"), QLineEdit())
        self.actor_type = self.add_field(_("actor type"), _("Actor type"), enum_combo(ActorType))
        self.language = self.add_field(
            _("language"), _("Preferred language"), enum_combo(Language, empty=False)
        )
        self.dynamics = self.add_field(
            _("dynamics"), _("Dynamics"), DynamicsChecklist(self.catalogue)
        )
        self.dynamic_links = QLabel()
        self.dynamic_links.setWordWrap(True)
        self.dynamic_links.setAccessibleName(_("Open a dynamic"))
        self.dynamic_links.linkActivated.connect(self._open_link)
        self.form.addRow("", self.dynamic_links)
        # Dated records, given and withdrawn at once: not fields saved with the form.
        self.consents = ConsentsPanel(self.catalogue)
        self.consents.changed.connect(self.saved.emit)
        self.form.addRow(form_label(_("Consents")), self.consents)
        notes = QPlainTextEdit()
        notes.setMaximumHeight(80)
        self.notes = self.add_field(_("notes"), _("Notes"), notes)
        # The person's rights (RGPD): a copy of everything kept about them.
        self.access_report_button = QPushButton(_("Access report (RGPD)…"))
        self.access_report_button.setToolTip(
            _("Everything kept about this person, as a PDF to hand them")
        )
        self.access_report_button.setAccessibleName(_("Access report (RGPD)"))
        self.access_report_button.clicked.connect(self._access_report)
        self.erase_button = QPushButton(_("Erase (RGPD)…"))
        self.erase_button.setToolTip(
            _("Erase everything that identifies this person; head counts stay")
        )
        self.erase_button.setAccessibleName(_("Erase this person (RGPD)"))
        self.erase_button.clicked.connect(
            lambda: self._view is not None and self.erase_requested.emit(self._view.id)
        )
        rights = QHBoxLayout()
        rights.addWidget(self.access_report_button)
        rights.addWidget(self.erase_button)
        rights.addStretch(1)
        self.form.addRow("", rights)
        self.form.labelForField(self.dynamics).setText(form_label(_("Dynamics")))
        limit_fields(
            self,
            **{
                name: column_length("Person", name)
                for name in ("given_name", "family_name", "email", "phone", "organisation")
            },
            function=column_length("Person", "function"),
            notes=TEXT,
        )

    def set_read_only(self) -> None:
        super().set_read_only()
        self.consents.set_read_only()

    def fetch(self, record_id: int) -> cat.PersonView:
        return cat.get_person(self.catalogue, record_id)

    def show_view(self, view: cat.PersonView | None) -> None:
        self._view = view
        self.given_name.setText(view.given_name or "" if view else "")
        self.family_name.setText(view.family_name if view else "")
        self.email.setText(view.email or "" if view else "")
        self.phone.setText(view.phone or "" if view else "")
        self.organisation.setText(view.organisation or "" if view else "")
        self.function.setText(view.function or "" if view else "")
        set_combo(self.actor_type, view.actor_type if view else None)
        set_combo(self.language, view.preferred_language if view else "fr")
        self.dynamics.reload()
        self.dynamics.set_selected(view.dynamic_ids if view else ())
        self.dynamic_links.setText(
            link_html(
                [
                    ("dynamic", i, n)
                    for i, n in zip(view.dynamic_ids, view.dynamic_names, strict=True)
                ]
            )
            if view
            else ""
        )
        self.consents.show_person(view.id if view else None, view.name if view else "")
        self.notes.setPlainText(view.notes or "" if view else "")
        self.access_report_button.setEnabled(view is not None)
        self.erase_button.setEnabled(view is not None and not self.read_only)

    def make_input(self) -> cat.PersonInput:
        return cat.PersonInput(
            family_name=self.family_name.text(),
            given_name=self.given_name.text(),
            email=self.email.text(),
            phone=self.phone.text(),
            organisation=self.organisation.text(),
            function=self.function.text(),
            actor_type=self.actor_type.currentData(),
            preferred_language=self.language.currentData(),
            notes=self.notes.toPlainText(),
            dynamic_ids=tuple(self.dynamics.selected_ids()),
        )

    def refused(self, error: UserError) -> None:
        if isinstance(error, cat.DuplicateEmailError) and not error.in_trash:
            from visitplanner.ui import dialogs

            self.email.setFocus()
            if dialogs.ask_yes_no(
                self,
                _("This e-mail address is already known"),
                _("Another person already has this e-mail address. Open that person instead?"),
            ):
                self.revert()  # the typed duplicate is dropped in favour of the existing record
                self.open_requested.emit("person", error.existing_id)

    def _access_report(self) -> None:
        from visitplanner.ui.privacy_actions import save_access_report

        if self._view is None or (self.dirty and not self.save()):
            return
        save_access_report(self, self.catalogue, self._view.id, self._view.name)

    def _open_link(self, href: str) -> None:
        kind, _sep, rid = href.partition(":")
        self.open_requested.emit(kind, int(rid))
