"""The retention settings (RGPD) of the Preferences dialog, kept out of the dialog's module.

Two numbers: after how many years without participation a person is listed for review,
and after how many days the text of a sent message is purged from the outbox
(:mod:`visitplanner.services.privacy.retention`).
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QSpinBox

from visitplanner.i18n import _
from visitplanner.settings import Settings


class PrivacyPreferences:
    """The section's widgets; the dialog lays them out and saves through :meth:`apply`."""

    def __init__(self, settings: Settings) -> None:
        self.inactive_years = QSpinBox()
        self.inactive_years.setRange(1, 50)
        self.inactive_years.setPrefix(_("Review people inactive for "))
        self.inactive_years.setSuffix(_(" years"))
        self.inactive_years.setAccessibleName(
            _("Years without participation before a person is reviewed")
        )
        self.inactive_years.setValue(min(50, settings.inactive_years))
        self.outbox_days = QSpinBox()
        self.outbox_days.setRange(1, 3650)
        self.outbox_days.setPrefix(_("Erase the text of sent messages after "))
        self.outbox_days.setSuffix(_(" days"))
        self.outbox_days.setAccessibleName(_("Days before the text of a sent message is erased"))
        self.outbox_days.setValue(min(3650, settings.outbox_days))
        self.rows: list[QHBoxLayout] = []  # one form row each
        for box in (self.inactive_years, self.outbox_days):
            row = QHBoxLayout()
            row.addWidget(box)
            row.addStretch(1)
            self.rows.append(row)
        self.initial = self.values()

    def values(self) -> tuple[int, int]:
        return self.inactive_years.value(), self.outbox_days.value()

    @property
    def dirty(self) -> bool:
        return self.values() != self.initial

    def connect(self, slot: object) -> None:
        self.inactive_years.valueChanged.connect(slot)
        self.outbox_days.valueChanged.connect(slot)

    def apply(self, settings: Settings) -> tuple[int, int]:
        """Puts the values into ``settings``; returns the previous ones (to undo a failed save)."""
        before = settings.privacy_inactive_years, settings.outbox_body_days
        settings.privacy_inactive_years, settings.outbox_body_days = self.values()
        return before

    @staticmethod
    def restore(settings: Settings, before: tuple[int, int]) -> None:
        settings.privacy_inactive_years, settings.outbox_body_days = before
