"""The dashboard's figures of the year: key numbers and small charts, each a way into its records.

Computed off the GUI thread after the window shows (the window's start never
waits for them), with the light form of the activity report (SQL aggregates only).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtWidgets import QGridLayout, QGroupBox, QHBoxLayout

from visitplanner.exchange.charts.model import Selection
from visitplanner.i18n import _, current_language
from visitplanner.store.database import Catalogue
from visitplanner.ui.widgets.charts import ChartView, FigureLink

START_DELAY_MS = 250


def this_year(zone: str) -> int:
    """The year shown, as the catalogue's zone counts it on New Year's Eve (tests choose theirs)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo(zone)).year


class YearFigures(QGroupBox):
    """« L'année 2026 en chiffres »: clicking a figure or a bar emits its period and records."""

    figure_requested = Signal(object, object, object)  # first day, last day, Selection

    FIGURES = (
        ("events", lambda: _("events"), Selection("events")),
        ("participants", lambda: _("participants"), Selection("participants")),
        ("dynamics", lambda: _("dynamics involved"), Selection("dynamics")),
        ("share", lambda: _("cross-family share"), Selection("crossing")),
        ("overdue", lambda: _("follow-up actions overdue"), Selection("actions", "overdue")),
    )

    def __init__(self, catalogue: Catalogue, zone: str = "Europe/Paris", parent=None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.zone = zone
        self.year = this_year(zone)
        self.setTitle(_("The year {year} in figures").format(year=self.year))
        self.buttons: dict[str, FigureLink] = {}
        row = QHBoxLayout()
        for key, label, selection in self.FIGURES:
            text = label()
            button = FigureLink(text, selection is not None)
            button.activated.connect(lambda s=selection, t=text: self._figure(s, t))
            self.buttons[key] = button
            row.addWidget(button)
        self.charts: dict[str, ChartView] = {}
        charts = QHBoxLayout()
        for key in ("quarters", "actors", "actions"):
            view = ChartView(minimum=QSize(150, 140))
            view.selected.connect(lambda s: self._figure(s, s.label))
            self.charts[key] = view
            charts.addWidget(view)
        layout = QGridLayout(self)
        layout.addLayout(row, 0, 0)
        layout.addLayout(charts, 1, 0)
        self.report = None
        self._asked = False

    def showEvent(self, event) -> None:
        """A moment after the figures first show: the window's start neither waits for
        them nor shares its first paint with their queries."""
        super().showEvent(event)
        if not self._asked:
            self._asked = True
            QTimer.singleShot(START_DELAY_MS, self.refresh)

    def period(self):  # -> services.reports.Period
        from visitplanner.services.reports import Period

        return Period.year_of(date(self.year, 1, 1), self.zone)

    def refresh(self) -> None:
        from visitplanner.services.reports import activity_report
        from visitplanner.ui.tasks import run_task

        catalogue, period = self.catalogue, self.period()

        def work(_progress, _cancelled):
            return activity_report(catalogue, period, light=True)

        def done(report, error) -> None:
            if error is None:
                self.show_report(report)

        run_task(self, _("Figures of the year"), work, done, quiet=True)

    def show_report(self, report) -> None:
        from visitplanner.services.reports.charts import (
            Texts,
            actions_chart,
            actors_chart,
            quarters_chart,
        )

        self.report = report
        t = Texts(_, current_language())
        values = {
            "events": t.number(report.events),
            "participants": t.number(report.participants),
            "dynamics": t.number(report.dynamics),
            "share": t.share(report.cross_family_share),
            "overdue": t.number(report.actions["overdue"]),
        }
        for key, button in self.buttons.items():
            button.set_value(values[key])
        for chart in (quarters_chart(report, t), actors_chart(report, t), actions_chart(report, t)):
            self.charts[chart.key].set_chart(chart)

    def _figure(self, selection: Selection | None, label: str) -> None:
        if selection is None:
            return
        period = self.period()
        chosen = Selection(selection.what, selection.value, selection.label or label)
        self.figure_requested.emit(period.start, period.end, chosen)
