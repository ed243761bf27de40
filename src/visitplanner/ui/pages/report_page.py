"""The « Bilan » page: the activity report of any period, its charts, and the records behind.

Figures and charts come from ``services.reports`` (the same ones the PDF prints);
clicking a figure, a bar, a node or an edge lists its records on the right, and
opening one goes to it. The report is computed off the GUI thread.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.errors import UserError
from visitplanner.exchange.charts.model import Selection
from visitplanner.i18n import _, current_language, ngettext
from visitplanner.services.changes import Changes
from visitplanner.store.database import Catalogue
from visitplanner.ui.pages.catalogue_page import page_title
from visitplanner.ui.widgets.charts import ChartView, FigureLink

TARGET = Qt.ItemDataRole.UserRole


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def presets(today: date) -> list[tuple[str, tuple[date, date]]]:
    """The periods funders ask about: this year and the last, this quarter and the last."""
    quarter = (today.month - 1) // 3
    first = date(today.year, 3 * quarter + 1, 1)
    previous = date(today.year - (quarter == 0), 3 * ((quarter - 1) % 4) + 1, 1)

    def quarter_end(start: date) -> date:
        following = date(start.year + (start.month == 10), (start.month + 2) % 12 + 1, 1)
        return date.fromordinal(following.toordinal() - 1)

    return [
        (_("This year"), (date(today.year, 1, 1), date(today.year, 12, 31))),
        (_("Last year"), (date(today.year - 1, 1, 1), date(today.year - 1, 12, 31))),
        (_("This quarter"), (first, quarter_end(first))),
        (_("Last quarter"), (previous, quarter_end(previous))),
    ]


class ReportPage(QWidget):
    open_requested = Signal(str, int)  # "event", "person" or "dynamic", id
    status_message = Signal(str)

    TILES = (
        ("events", lambda: _("events"), Selection("events")),
        ("participants", lambda: _("participants"), Selection("participants")),
        ("organisations", lambda: _("organisations"), Selection("organisations")),
        ("dynamics", lambda: _("dynamics involved"), Selection("dynamics")),
        ("person_hours", lambda: _("person-hours"), Selection("events")),  # their events
        ("territories", lambda: _("départements"), Selection("departements")),
        ("done", lambda: _("follow-up actions done"), Selection("actions", "done")),
        ("overdue", lambda: _("follow-up actions overdue"), Selection("actions", "overdue")),
    )

    def __init__(self, catalogue: Catalogue, zone: str = "Europe/Paris", parent=None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.zone = zone
        self.report = None
        today = date.today()
        self.start = QDateEdit(_qdate(date(today.year, 1, 1)))
        self.end = QDateEdit(_qdate(date(today.year, 12, 31)))
        for edit, name in ((self.start, _("First day")), (self.end, _("Last day"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")  # French and British English alike
            edit.setAccessibleName(name)
            edit.dateChanged.connect(self._schedule)
        self.preset = QComboBox()
        self.preset.setAccessibleName(_("Period"))
        for label, span in presets(today):
            self.preset.addItem(label, span)
        self.preset.addItem(_("Other period"), None)
        self.preset.activated.connect(self._preset_chosen)
        self.export_pdf = QPushButton(_("Export the report (PDF)…"))
        self.export_pdf.setAccessibleName(_("Export the report (PDF)…"))
        self.export_pdf.setDefault(True)
        self.export_pdf.clicked.connect(lambda: self._export("pdf"))
        self.export_csv = QPushButton(_("Export the figures (CSV)…"))
        self.export_csv.setAccessibleName(_("Export the figures (CSV)…"))
        self.export_csv.clicked.connect(lambda: self._export("csv"))

        header = QHBoxLayout()
        header.addWidget(page_title(_("Activity report")))
        header.addStretch(1)
        header.addWidget(self.preset)
        header.addWidget(QLabel(_("From")))
        header.addWidget(self.start)
        header.addWidget(QLabel(_("to")))
        header.addWidget(self.end)
        # The exports under the period, not beside it: one row would need 1,375 px at the
        # 11-point interface font GNOME and Ubuntu use.
        exports = QHBoxLayout()
        exports.addStretch(1)
        exports.addWidget(self.export_csv)
        exports.addWidget(self.export_pdf)

        body = QWidget()
        column = QVBoxLayout(body)
        tiles = QGridLayout()
        self.tiles: dict[str, FigureLink] = {}
        for index, (key, label, selection) in enumerate(self.TILES):
            tile = FigureLink(label(), selection is not None)
            tile.selection = selection
            tile.activated.connect(lambda t=tile: self._tile_clicked(t))
            self.tiles[key] = tile
            tiles.addWidget(tile, index // 4, index % 4)
        column.addLayout(tiles)
        self.continuing = QLabel()
        self.continuing.setWordWrap(True)
        self.continuing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.continuing)
        self.share = QLabel()
        self.share.setWordWrap(True)
        self.share.setFrameShape(QFrame.Shape.StyledPanel)
        self.share.setTextFormat(Qt.TextFormat.RichText)
        self.share.setAccessibleName(_("Cross-family share"))
        self.share.setMargin(8)
        self.share.linkActivated.connect(lambda _l: self.show_records(Selection("crossing")))
        column.addWidget(self.share)
        grid = QGridLayout()
        self.charts: dict[str, ChartView] = {}
        self.chart_boxes: dict[str, QGroupBox] = {}
        places = {
            "quarters": (0, 0, 1, 1),
            "actors": (0, 1, 1, 1),
            "actions": (1, 0, 1, 1),
            "graph": (1, 1, 1, 1),
        }
        for key, (row, col, rows, cols) in places.items():
            view = ChartView(minimum=QSize(200, 230 if key != "graph" else 320))
            view.selected.connect(self.show_records)
            box = QGroupBox()
            inner = QVBoxLayout(box)
            inner.addWidget(view)
            self.charts[key] = view
            self.chart_boxes[key] = box
            grid.addWidget(box, row, col, rows, cols)
        column.addLayout(grid, 1)
        from visitplanner.ui.pages.report_tables import ReportTables

        self.tables = ReportTables()
        self.tables.selected.connect(self.show_records)
        column.addWidget(self.tables)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        self.records_title = QLabel(_("Click a figure or a chart to list its records."))
        self.records_title.setWordWrap(True)
        self.records = QListWidget()
        self.records.setAccessibleName(_("Records"))
        self.records.setWordWrap(True)
        self.records.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.records.itemActivated.connect(self._open)
        self.records.itemDoubleClicked.connect(self._open)
        side_layout.addWidget(self.records_title)
        side_layout.addWidget(self.records, 1)

        split = QSplitter()
        split.addWidget(scroll)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([900, 300])

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(exports)
        layout.addWidget(split, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.refresh)
        self._pending_selection: Selection | None = None
        self._stale = False
        self.refresh()

    # --- period and computation -----------------------------------------------------------

    def period(self):  # -> services.reports.Period
        from visitplanner.services.reports import Period

        return Period(_day(self.start.date()), _day(self.end.date()), self.zone)

    def set_period(self, start: date, end: date, selection: Selection | None = None) -> None:
        """Shows ``start``..``end`` (the dashboard's figures lead here), then ``selection``."""
        self._pending_selection = selection
        for edit, day in ((self.start, start), (self.end, end)):
            edit.blockSignals(True)
            edit.setDate(_qdate(day))
            edit.blockSignals(False)
        self._show_preset(start, end)
        self.refresh()

    def _schedule(self) -> None:
        self._show_preset(_day(self.start.date()), _day(self.end.date()))
        self._timer.start()

    def _show_preset(self, start: date, end: date) -> None:
        """The list names the period when it is one of its choices, else "Other period"."""
        spans = [self.preset.itemData(i) for i in range(self.preset.count())]
        found = [
            i for i, span in enumerate(spans) if span is not None and tuple(span) == (start, end)
        ]
        self.preset.setCurrentIndex(found[0] if found else self.preset.count() - 1)

    def _preset_chosen(self, index: int) -> None:
        span = self.preset.itemData(index)
        if span is not None:
            self.set_period(*span)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    # --- the page protocol (ui.pages.protocol) -----------------------------------------

    def on_changes(self, changes: Changes) -> None:
        """Any change may move a count: counted again (when shown, see :meth:`refresh`)."""
        self.refresh()

    def confirm_leave(self) -> bool:
        return True  # the period is kept as chosen; nothing to save

    def flush(self) -> None:
        pass  # nothing typed here is saved

    def refresh(self) -> None:
        """Counts again; a hidden page only notes that it must (edits elsewhere call this)."""
        from visitplanner.services.reports import activity_report
        from visitplanner.ui.tasks import run_task

        self._stale = not self.isVisible() and self.report is not None
        if self._stale:
            return
        try:
            period = self.period()
        except UserError as exc:
            self.share.setText(exc.message)
            return
        catalogue = self.catalogue

        def work(_progress, _cancelled):
            return activity_report(catalogue, period)

        def done(report, error) -> None:
            if error is not None:
                message = error.message if isinstance(error, UserError) else str(error)
                self.status_message.emit(message)
                return
            if report.period != self.period():
                return  # the period changed meanwhile; the newer result follows
            self.show_report(report)

        run_task(self, _("Activity report"), work, done, quiet=True)

    def show_report(self, report) -> None:
        from visitplanner.services.reports.charts import (
            CROSS_FAMILY_DEFINITION,
            Texts,
            all_charts,
        )

        self.report = report
        t = Texts(_, current_language())
        values = {
            "events": report.events,
            "participants": report.participants,
            "organisations": report.organisations,
            "dynamics": report.dynamics,
            "person_hours": report.person_hours,
            "territories": len(report.territories),
            "done": report.actions["done"],
            "overdue": report.actions["overdue"],
        }
        for key, tile in self.tiles.items():
            tile.set_value(t.number(values[key]))
        again = report.organisations_continuing or 0
        self.continuing.setText(
            ngettext(
                "{n} of these organisations took part again after the period.",
                "{n} of these organisations took part again after the period.",
                again,
            ).format(n=t.number(again))
        )
        share = t.share(report.cross_family_share)
        title, link = _("Cross-family share"), _("list the visits")
        self.share.setText(
            f"<b style='font-size:large'>{share}</b> — <b>{title}</b> "
            f"(<a href='crossing'>{link}</a>)<br/>{_(CROSS_FAMILY_DEFINITION)}"
        )
        for chart in all_charts(report, t):
            self.charts[chart.key].set_chart(chart)
            title = chart.title + (f" — {chart.note}" if getattr(chart, "note", "") else "")
            self.chart_boxes[chart.key].setTitle(title)
        self.tables.show_report(report, t)
        if self._pending_selection is not None:
            selection, self._pending_selection = self._pending_selection, None
            self.show_records(selection)

    # --- records behind a figure ----------------------------------------------------------

    def _tile_clicked(self, tile: FigureLink) -> None:
        if tile.selection is not None:
            self.show_records(Selection(tile.selection.what, tile.selection.value, tile.label))

    def show_records(self, selection: Selection) -> None:
        from visitplanner.services.reports.records import records

        found = records(self.catalogue, self.period(), selection)
        self.records.clear()
        from visitplanner.ui.formats import day

        for row in found.rows:
            detail = " — ".join(p for p in (day(row.day) if row.day else "", row.detail) if p)
            text = f"{row.title}\n{detail}" if detail else row.title
            item = QListWidgetItem(text)
            item.setData(TARGET, (row.kind, row.id))
            self.records.addItem(item)
        label = selection.label or _("Records")
        count = ngettext("{n} record", "{n} records", found.total).format(n=found.total)
        if found.total > len(found.rows):
            count += " " + _("(the first {n} shown)").format(n=len(found.rows))
        self.records_title.setText(f"<b>{label}</b><br/>{count}")

    def _open(self, item: QListWidgetItem) -> None:
        target = item.data(TARGET)
        if target:
            self.open_requested.emit(target[0], int(target[1]))

    # --- export ---------------------------------------------------------------------------

    def _export(self, kind: str) -> None:
        from visitplanner.services.reports.export import write_report
        from visitplanner.ui.export import ask_save_path, open_file
        from visitplanner.ui.tasks import run_task

        try:
            period = self.period()
        except UserError as exc:
            self.status_message.emit(exc.message)
            return
        stem = _("activity-report")
        name = f"{stem}-{period.start.isoformat()}-{period.end.isoformat()}.{kind}"
        path = ask_save_path(self, _("Export the activity report"), name, kind)
        if path is None:
            return
        catalogue, language = self.catalogue, current_language()

        def work(_progress, _cancelled):
            return write_report(catalogue, period, path, language=language)

        def done(result, error) -> None:
            if error is not None:
                message = error.message if isinstance(error, UserError) else str(error)
                self.status_message.emit(message)
                return
            self.status_message.emit(_("{file} written.").format(file=result))
            if kind == "pdf":
                open_file(result)

        run_task(self, _("Activity report"), work, done)
