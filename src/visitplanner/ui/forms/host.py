"""The host organisation editor."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from visitplanner.domain.enums import ActorType
from visitplanner.i18n import _
from visitplanner.services.directory import records as cat
from visitplanner.ui.forms.base import RecordForm, enum_combo, link_html, set_combo
from visitplanner.ui.forms.limits import TEXT, column_length, limit_fields
from visitplanner.ui.widgets.pickers import DynamicsChecklist, PersonPicker


class HostForm(RecordForm):
    kind = "host"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.name = self.add_field(_("name"), _("Name"), QLineEdit())
        self.actor_type = self.add_field(_("actor type"), _("Actor type"), enum_combo(ActorType))
        self.address_line1 = self.add_field(_("address"), _("Address"), QLineEdit())
        self.address_line2 = QLineEdit()
        self.address_line2.setAccessibleName(_("Address, second line"))
        self._watch(self.address_line2)
        self.form.addRow("", self.address_line2)
        self.postal_code = QLineEdit()
        self.postal_code.setMaximumWidth(90)
        self.postal_code.setAccessibleName(_("Postal code"))
        self.city = QLineEdit()
        self.city.setAccessibleName(_("City"))
        town = QWidget()
        town_row = QHBoxLayout(town)
        town_row.setContentsMargins(0, 0, 0, 0)
        town_row.addWidget(self.postal_code)
        town_row.addWidget(self.city, 1)
        self.add_field(_("city"), _("Postal code and city"), town)
        self._fields[_("postal code")] = self.postal_code
        self._watch(self.postal_code)
        self._watch(self.city)
        self.capacity = self.add_field(_("capacity"), _("Capacity"), QLineEdit())
        self.capacity.setPlaceholderText(_("Number of people the place can receive"))
        self.contact = self.add_field(
            _("contact person"), _("Contact person"), PersonPicker(self.catalogue)
        )
        self.contact.picked.connect(self.mark_changed)
        self.contact_link = QLabel()
        self.contact_link.setAccessibleName(_("Open the contact person"))
        self.contact_link.linkActivated.connect(self._open_link)
        self.form.addRow("", self.contact_link)
        self.dynamics = self.add_field(
            _("dynamics"), _("Dynamics"), DynamicsChecklist(self.catalogue)
        )
        accessibility = QPlainTextEdit()
        accessibility.setMaximumHeight(70)
        self.accessibility = self.add_field(_("accessibility"), _("Accessibility"), accessibility)
        notes = QPlainTextEdit()
        notes.setMaximumHeight(70)
        self.notes = self.add_field(_("notes"), _("Notes"), notes)
        limit_fields(
            self,
            **{
                name: column_length("Host", name)
                for name in ("name", "address_line1", "address_line2", "postal_code", "city")
            },
            accessibility=TEXT,
            notes=TEXT,
        )

    def fetch(self, record_id: int) -> cat.HostView:
        return cat.get_host(self.catalogue, record_id)

    def show_view(self, view: cat.HostView | None) -> None:
        self.name.setText(view.name if view else "")
        set_combo(self.actor_type, view.actor_type if view else None)
        self.address_line1.setText(view.address_line1 or "" if view else "")
        self.address_line2.setText(view.address_line2 or "" if view else "")
        self.postal_code.setText(view.postal_code or "" if view else "")
        self.city.setText(view.city or "" if view else "")
        self.capacity.setText("" if not view or view.capacity is None else str(view.capacity))
        self.contact.set_person(
            view.contact_person_id if view else None, view.contact_person_name if view else None
        )
        self.contact_link.setText(
            link_html([("person", view.contact_person_id, view.contact_person_name or "")])
            if view and view.contact_person_id
            else ""
        )
        self.dynamics.reload()
        self.dynamics.set_selected(view.dynamic_ids if view else ())
        self.accessibility.setPlainText(view.accessibility or "" if view else "")
        self.notes.setPlainText(view.notes or "" if view else "")

    def make_input(self) -> cat.HostInput:
        contact_id = self.contact.chosen_id(_("contact person"))
        return cat.HostInput(
            name=self.name.text(),
            actor_type=self.actor_type.currentData(),
            address_line1=self.address_line1.text(),
            address_line2=self.address_line2.text(),
            postal_code=self.postal_code.text(),
            city=self.city.text(),
            capacity=self.capacity.text(),
            contact_person_id=contact_id,
            dynamic_ids=tuple(self.dynamics.selected_ids()),
            accessibility=self.accessibility.toPlainText(),
            notes=self.notes.toPlainText(),
        )

    def _open_link(self, href: str) -> None:
        kind, _sep, rid = href.partition(":")
        self.open_requested.emit(kind, int(rid))
