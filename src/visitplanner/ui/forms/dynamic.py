"""The dynamic (network) editor."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit

from visitplanner.domain.enums import DynamicKind, Service
from visitplanner.i18n import _
from visitplanner.services.directory import records as cat
from visitplanner.ui.forms.base import RecordForm, enum_combo, set_combo
from visitplanner.ui.forms.limits import TEXT, column_length, limit_fields


class DynamicForm(RecordForm):
    kind = "dynamic"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.name = self.add_field(_("name"), _("Name"), QLineEdit())
        self.kind_combo = self.add_field(_("kind"), _("Kind"), enum_combo(DynamicKind, empty=False))
        self.region = self.add_field(_("region"), _("Region"), QLineEdit())
        self.territory = self.add_field(_("territory"), _("Territory"), QLineEdit())
        self.website = self.add_field(_("website"), _("Website"), QLineEdit())
        self.tags = self.add_field(_("tags"), _("Practices and themes"), QLineEdit())
        self.tags.setPlaceholderText(_("Separated by commas: réemploi, living lab…"))
        services = QListWidget()
        services.setMaximumHeight(130)
        for member in Service:
            item = QListWidgetItem(member.label)
            item.setData(Qt.ItemDataRole.UserRole, member.value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            services.addItem(item)
        self.services = self.add_field(_("services"), _("Services offered"), services)
        description = QPlainTextEdit()
        description.setMaximumHeight(120)
        self.description = self.add_field(_("description"), _("Description"), description)
        limit_fields(
            self,
            **{
                name: column_length("Dynamic", name)
                for name in ("name", "region", "territory", "website")
            },
            description=TEXT,
        )

    def fetch(self, record_id: int) -> cat.DynamicView:
        return cat.get_dynamic(self.catalogue, record_id)

    def show_view(self, view: cat.DynamicView | None) -> None:
        self.name.setText(view.name if view else "")
        set_combo(self.kind_combo, view.kind if view else "other")
        self.region.setText(view.region or "" if view else "")
        self.territory.setText(view.territory or "" if view else "")
        self.website.setText(view.website or "" if view else "")
        self.tags.setText(", ".join(view.tags) if view else "")
        offered = set(view.services) if view else set()
        for row in range(self.services.count()):
            item = self.services.item(row)
            on = item.data(Qt.ItemDataRole.UserRole) in offered
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.description.setPlainText(view.description or "" if view else "")

    def make_input(self) -> cat.DynamicInput:
        services = [
            self.services.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.services.count())
            if self.services.item(row).checkState() == Qt.CheckState.Checked
        ]
        return cat.DynamicInput(
            name=self.name.text(),
            kind=self.kind_combo.currentData(),
            region=self.region.text(),
            territory=self.territory.text(),
            website=self.website.text(),
            description=self.description.toPlainText(),
            tags=[t for t in self.tags.text().split(",") if t.strip()],
            services=services,
        )
