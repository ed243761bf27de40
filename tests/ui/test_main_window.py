"""First run, the dashboard, and what the window remembers between sessions."""

from __future__ import annotations

from PySide6.QtCore import Qt

from visitplanner.services.demo import load_demo
from visitplanner.settings import Settings, load_settings
from visitplanner.ui.main_window import MainWindow


def test_first_run_offers_the_demo_then_shows_the_dashboard(qtbot, catalogue) -> None:
    window = MainWindow(catalogue, Settings())
    qtbot.addWidget(window)
    window.show()
    assert window.current_page() == "welcome"
    assert window.welcome.import_button.text() == "Import people (CSV)"

    qtbot.mouseClick(window.welcome.demo_button, Qt.MouseButton.LeftButton)

    assert window.current_page() == "dashboard"
    dashboard = window.pages["dashboard"]
    upcoming = [dashboard.upcoming.item(i).text() for i in range(dashboard.upcoming.count())]
    assert any("Séminaire" in text for text in upcoming)
    assert "Demo catalogue loaded" in window.statusBar().currentMessage()


def test_dashboard_items_open_their_record(qtbot, catalogue) -> None:
    load_demo(catalogue)
    window = MainWindow(catalogue, Settings())
    qtbot.addWidget(window)
    dashboard = window.page("dashboard")
    for panel in (dashboard.upcoming, dashboard.awaited, dashboard.overdue):
        window.show_page("dashboard")
        item = panel.item(0)
        _kind, event_id = item.data(Qt.ItemDataRole.UserRole)
        dashboard._activated(item)
        assert window.current_page() == "events"
        assert window.page("events").form.event_id == event_id
    assert dashboard.latest.count() == 8


def test_last_page_geometry_splitter_and_columns_are_remembered(qtbot, catalogue) -> None:
    load_demo(catalogue)
    window = MainWindow(catalogue, Settings())
    qtbot.addWidget(window)
    window.resize(760, 560)  # fits the offscreen screen, which clamps restored geometry
    window.show()
    window.show_page("people")
    people = window.page("people")
    people.splitter.setSizes([300, 400])
    people.table.setColumnWidth(0, 321)
    window.close()
    saved = load_settings()
    assert saved.last_page == "people"
    assert saved.window_geometry

    again = MainWindow(catalogue, saved)
    qtbot.addWidget(again)
    again.show()
    assert again.current_page() == "people"
    assert again.page("people").table.columnWidth(0) == 321
    assert again.size() == window.size()
    assert again.page("people").splitter.sizes() == people.splitter.sizes()
