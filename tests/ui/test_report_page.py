"""The Bilan page and the dashboard's figures, driven as a coordinator would."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

import report_data
from visitplanner.settings import load_settings
from visitplanner.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, catalogue, monkeypatch):
    ids = report_data.build(catalogue)
    monkeypatch.setattr("visitplanner.ui.pages.year_figures.this_year", lambda _zone: 2027)
    win = MainWindow(catalogue, load_settings())
    win.resize(1280, 800)
    win.show()
    win.ids = ids
    yield win
    win.close()
    win.deleteLater()


def _type_year(qtbot, edit, year: str) -> None:
    """Clicks into the year of a date field and types another one."""
    edit.setFocus()
    edit.setSelectedSection(edit.Section.YearSection)
    qtbot.keyClicks(edit, year)


def test_choose_a_period_then_click_a_bar_to_open_its_event(qtbot, window) -> None:
    assert window.show_page("report")
    page = window.page("report")
    _type_year(qtbot, page.start, "2027")
    _type_year(qtbot, page.end, "2027")
    qtbot.waitUntil(
        lambda: page.report is not None and page.report.period.start == date(2027, 1, 1),
        timeout=3000,
    )
    assert page.tiles["participants"].value == "6"
    assert page.tiles["organisations"].value == "4"
    assert page.continuing.text().startswith("1 of these organisations")
    assert "50" in page.share.text()
    chart = page.charts["quarters"]
    assert chart.accessibleDescription().startswith("Bar chart")
    point = chart.point_of("quarter_kind", ("2027-Q1", "visit"))
    assert point is not None
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=point.toPoint())
    assert page.records.count() == 1
    item = page.records.item(0)
    assert item.text().startswith("E1 visit")
    page.records.setCurrentItem(item)
    qtbot.keyClick(page.records, Qt.Key.Key_Return)
    assert window.current_page() == "events"
    assert window.page("events").form.event_id == window.ids["E1"]


def test_a_node_of_the_graph_lists_the_dynamics_events(qtbot, window) -> None:
    window.show_page("report")
    page = window.page("report")
    page.set_period(date(2027, 1, 1), date(2027, 12, 31))
    graph = page.charts["graph"]
    qtbot.waitUntil(lambda: graph.chart is not None and len(graph.chart.nodes) == 4)
    node = next(n for n in graph.chart.nodes if n.label == "Nova Child & Co")
    point = graph.point_of("dynamic", node.id)
    qtbot.mouseClick(graph, Qt.MouseButton.LeftButton, pos=point.toPoint())
    texts = [page.records.item(i).text().splitlines()[0] for i in range(page.records.count())]
    assert texts == ["E8 workshop", "E1 visit"]
    assert "Nova Child & Co" in page.records_title.text()


def test_a_dashboard_chart_opens_the_report_on_its_records(qtbot, window) -> None:
    window.show_page("dashboard")
    figures = window.page("dashboard").figures
    qtbot.waitUntil(lambda: figures.report is not None, timeout=3000)
    assert figures.buttons["participants"].value == "6"
    chart = figures.charts["actions"]
    point = chart.point_of("actions", "done")
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=point.toPoint())
    assert window.current_page() == "report"
    page = window.page("report")
    assert page.period().start == date(2027, 1, 1)
    assert [page.records.item(i).text().splitlines()[0] for i in range(page.records.count())] == [
        "Done one"
    ]


def test_a_chart_is_usable_from_the_keyboard(qtbot, window) -> None:
    window.show_page("report")
    page = window.page("report")
    page.set_period(date(2027, 1, 1), date(2027, 12, 31))
    chart = page.charts["actions"]
    qtbot.waitUntil(lambda: chart.chart is not None)
    chart.setFocus()
    qtbot.keyClick(chart, Qt.Key.Key_Right)  # "done", the first bar
    qtbot.keyClick(chart, Qt.Key.Key_Right)  # "still open"
    assert chart.accessibleDescription() == "Actions still open"
    qtbot.keyClick(chart, Qt.Key.Key_Return)
    texts = [page.records.item(i).text().splitlines()[0] for i in range(page.records.count())]
    # "Late one" is open or overdue depending on the day the test runs.
    assert (
        {"Open dated", "Open undated"} <= set(texts) <= {"Open dated", "Open undated", "Late one"}
    )


def test_export_the_report_from_the_page(qtbot, window, tmp_path, monkeypatch) -> None:
    targets = iter([tmp_path / "bilan.pdf", tmp_path / "bilan.csv"])
    opened = []
    monkeypatch.setattr("visitplanner.ui.export.ask_save_path", lambda *args: next(targets))
    monkeypatch.setattr("visitplanner.ui.export.open_file", opened.append)
    window.show_page("report")
    page = window.page("report")
    page.set_period(date(2027, 1, 1), date(2027, 12, 31))
    qtbot.mouseClick(page.export_pdf, Qt.MouseButton.LeftButton)
    assert (tmp_path / "bilan.pdf").read_bytes().startswith(b"%PDF")
    assert opened == [tmp_path / "bilan.pdf"]
    qtbot.mouseClick(page.export_csv, Qt.MouseButton.LeftButton)
    assert (tmp_path / "bilan.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_territories_and_links_tables_list_their_records(qtbot, window) -> None:
    window.show_page("report")
    page = window.page("report")
    page.set_period(date(2027, 1, 1), date(2027, 12, 31))
    tree = page.tables.territories
    rows = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert sorted(rows) == ["2B Haute-Corse", "46 Lot", "75 Paris"]
    corsica = next(
        tree.topLevelItem(i)
        for i in range(tree.topLevelItemCount())
        if tree.topLevelItem(i).text(0) == "2B Haute-Corse"
    )
    assert corsica.text(1) == "Corse" and corsica.text(2) == "2"
    tree.setCurrentItem(corsica)
    qtbot.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(corsica).center()
    )
    assert page.records.count() == 2
    page.tables.setCurrentWidget(page.tables.links)
    links = page.tables.links
    first = next(
        links.topLevelItem(i)
        for i in range(links.topLevelItemCount())
        if links.topLevelItem(i).text(1) == "Nova Child & Co"
    )
    qtbot.mouseClick(
        links.viewport(), Qt.MouseButton.LeftButton, pos=links.visualItemRect(first).center()
    )
    texts = [page.records.item(i).text().splitlines()[0] for i in range(page.records.count())]
    assert texts == ["E8 workshop"]  # Collectif Ørsted → Nova Child & Co, one way only


def test_a_preset_period_is_chosen_from_the_list(qtbot, window) -> None:
    from visitplanner.ui.pages.report_page import presets

    window.show_page("report")
    page = window.page("report")
    assert page.preset.currentText() == "This year"
    last_year = presets(date.today())[1][1]
    page.preset.setFocus()
    qtbot.keyClick(page.preset, Qt.Key.Key_Down)  # "Last year"
    assert page.period().start == last_year[0] and page.period().end == last_year[1]
    _type_year(qtbot, page.start, "2027")
    _type_year(qtbot, page.end, "2027")
    assert page.preset.currentText() == "Other period"
    page.set_period(*presets(date.today())[0][1])
    assert page.preset.currentText() == "This year"


def test_the_departements_figure_lists_the_people_counted_in_them(qtbot, window) -> None:
    window.show_page("report")
    page = window.page("report")
    page.set_period(date(2027, 1, 1), date(2027, 12, 31))
    tile = page.tiles["territories"]
    qtbot.waitUntil(lambda: tile.value == "3", timeout=3000)
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    # 6 participants, one of whom only took part in events with no known département.
    assert page.records.count() == 5
    assert "départements" in page.records_title.text()
    qtbot.mouseClick(page.tiles["person_hours"], Qt.MouseButton.LeftButton)
    assert page.records.count() == int(page.tiles["events"].value)  # the events they come from


def test_the_years_figures_follow_the_time_zone_of_the_preferences(
    qtbot, catalogue, monkeypatch
) -> None:
    """E8 runs from 31 December 2026, 23:00 to 1 January 2027, 01:00 in Paris: in New York
    it is all on 31 December 2026, outside the year 2027."""
    from visitplanner.settings import save_settings

    report_data.build(catalogue)
    monkeypatch.setattr("visitplanner.ui.pages.year_figures.this_year", lambda _zone: 2027)
    settings = load_settings()
    settings.default_timezone = "America/New_York"
    save_settings(settings)
    win = MainWindow(catalogue, load_settings())
    win.show()
    figures = win.page("dashboard").figures
    qtbot.waitUntil(lambda: figures.report is not None, timeout=3000)
    new_york = int(figures.buttons["events"].value)
    assert figures.report.period.zone == "America/New_York"
    figures.report = None
    win._zone_changed("Europe/Paris")  # what saving another zone in Preferences does
    qtbot.waitUntil(lambda: figures.report is not None, timeout=3000)
    assert int(figures.buttons["events"].value) == new_york + 1
    win.close()
    win.deleteLater()
