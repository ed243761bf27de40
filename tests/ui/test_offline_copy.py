"""An offline copy of a team catalogue says what it is for as long as it is open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel

from visitplanner.cli.main import main as cli
from visitplanner.services.demo import load_demo
from visitplanner.settings import load_settings
from visitplanner.store.database import open_catalogue
from visitplanner.ui.main_window import MainWindow


def test_the_window_marks_an_offline_copy_and_not_the_team_catalogue(
    postgres_url: str, qtbot, tmp_path: Path
) -> None:
    team = open_catalogue(postgres_url)
    load_demo(team, "small")
    team.close()
    away = tmp_path / "away.sqlite"
    assert cli(["copy", postgres_url, str(away)]) == 0

    copy = open_catalogue(str(away))
    window = MainWindow(copy, load_settings())
    qtbot.addWidget(window)
    window.show()
    assert "(offline copy)" in window.windowTitle()
    label = window.statusBar().findChild(QLabel, "offlineCopy")
    assert label is not None and label.isVisible()
    assert "stays in this file" in label.toolTip()
    assert "postgresql" in label.toolTip() and " on " in label.text()
    window.close()
    copy.close()

    team = open_catalogue(postgres_url)
    window = MainWindow(team, load_settings())
    qtbot.addWidget(window)
    assert "(offline copy)" not in window.windowTitle()
    assert window.statusBar().findChild(QLabel, "offlineCopy") is None
    window.close()
    team.close()
