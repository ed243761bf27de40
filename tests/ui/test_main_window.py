"""The minimal window: first run offers the demo catalogue, then the dashboard shows it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from visitplanner.settings import Settings, load_settings
from visitplanner.ui.main_window import MainWindow


def test_first_run_offers_the_demo_then_shows_the_dashboard(qtbot, catalogue) -> None:
    window = MainWindow(catalogue, Settings())
    qtbot.addWidget(window)
    window.show()
    assert window.current_page() == "welcome"

    qtbot.mouseClick(window.welcome.demo_button, Qt.MouseButton.LeftButton)

    assert window.current_page() == "dashboard"
    dashboard = window.pages["dashboard"]
    upcoming = [dashboard.upcoming.item(i).text() for i in range(dashboard.upcoming.count())]
    assert any("Séminaire" in text for text in upcoming)
    assert "Demo catalogue loaded" in window.statusBar().currentMessage()


def test_last_page_and_geometry_are_remembered(qtbot, catalogue) -> None:
    from visitplanner.services.demo import load_demo

    load_demo(catalogue)
    window = MainWindow(catalogue, Settings())
    qtbot.addWidget(window)
    window.sidebar.setCurrentRow(3)
    window.close()
    saved = load_settings()
    assert saved.last_page == "people"
    assert saved.window_geometry

    again = MainWindow(catalogue, saved)
    qtbot.addWidget(again)
    assert again.current_page() == "people"
