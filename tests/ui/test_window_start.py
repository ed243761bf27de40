"""The window's start: it shows first, then the dashboard fills; it loads what the dashboard needs.

The time itself is measured by ``benchmarks/window_start.py``, never here.
"""

from __future__ import annotations

import os
import subprocess
import sys

from visitplanner.services.demo import load_demo
from visitplanner.settings import Settings
from visitplanner.store.database import open_catalogue
from visitplanner.ui import tasks
from visitplanner.ui.main_window import MainWindow


def test_the_dashboard_fills_once_the_window_has_painted(qtbot, catalogue, monkeypatch) -> None:
    monkeypatch.setattr(tasks, "SYNCHRONOUS", False)
    load_demo(catalogue)
    window = MainWindow(catalogue, Settings())
    qtbot.addWidget(window)
    dashboard = window.page("dashboard")
    assert dashboard.upcoming.count() == 0  # no query before the window is on screen
    window.show()
    qtbot.waitUntil(lambda: dashboard.upcoming.count() > 0)
    upcoming = [dashboard.upcoming.item(i).text() for i in range(dashboard.upcoming.count())]
    assert any("Séminaire" in text for text in upcoming)
    assert dashboard.latest.count() == 8
    assert tasks.settle()  # the figures of the year and the story sync, in their threads


START = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from visitplanner.settings import Settings
from visitplanner.store.database import open_catalogue
catalogue = open_catalogue(sys.argv[1])
already = set(sys.modules)
from visitplanner.ui.main_window import MainWindow
window = MainWindow(catalogue, Settings())
window.show()
app.processEvents()
print(" ".join(sorted(set(sys.modules) - already)))
"""

# Modules the first paint of the dashboard does without: other pages' work, file formats,
# the icon library's Python side and the demo's data.
NOT_AT_START = (
    "qtawesome",
    "qtpy",
    "icalendar",
    "reportlab",
    "alembic",
    "PIL",
    "visitplanner.exchange.calendar_import",
    "visitplanner.services.calendars.importing",
    "visitplanner.services.demo.small_data",
    "visitplanner.services.demo.large_words",
    "visitplanner.services.story.folder_sync",
    "visitplanner.ui.file_dialogs",
    "visitplanner.ui.forms.person",
    "visitplanner.ui.pages.catalogue_pages",
    "visitplanner.ui.widgets.fit",
)


def test_the_window_starts_without_what_its_first_page_does_not_need(tmp_path) -> None:
    catalogue = open_catalogue(str(tmp_path / "start.sqlite"))
    load_demo(catalogue)
    catalogue.close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["VISITPLANNER_SETTINGS"] = str(tmp_path / "settings.json")
    out = subprocess.run(
        [sys.executable, "-c", START, str(tmp_path / "start.sqlite")],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    loaded = out.stdout.split()
    assert "visitplanner.ui.main_window" in loaded
    assert [m for m in loaded if m.split(".")[0] in NOT_AT_START or m in NOT_AT_START] == []
