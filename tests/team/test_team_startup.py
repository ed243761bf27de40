"""When the usual catalogue cannot be opened, the start-up dialog offers the recent ones,
team catalogues included, and connecting to a team catalogue; start-up then opens it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from visitplanner.domain.errors import CatalogueError
from visitplanner.recent_catalogues import remember_file, remember_server
from visitplanner.settings import load_settings, save_settings
from visitplanner.ui.startup_dialog import OPEN, StartupChoice, StartupDialog
from visitplanner.ui.team_connect_dialog import TeamChoice, TeamConnectDialog


def test_the_startup_dialog_offers_recent_team_catalogues(
    qtbot, monkeypatch, tmp_path, team_server, team_fields
):
    settings = load_settings()
    remember_server(settings, team_fields)
    remember_file(settings, tmp_path / "previous.sqlite")
    save_settings(settings)
    failed = tmp_path / "broken.sqlite"
    error = CatalogueError(f"{failed} is not a Visit Planner catalogue.", "not_catalogue")
    dialog = StartupDialog(error, failed)
    qtbot.addWidget(dialog)
    listed = [dialog.recent.list.item(row).text() for row in range(dialog.recent.list.count())]
    assert listed == [
        str(tmp_path / "previous.sqlite"),
        f"Team catalogue “{team_fields.database}” on 127.0.0.1",
    ]
    asked = []

    def answer(cls, parent, initial=None, message=""):
        asked.append(initial)
        return TeamChoice(initial, team_server.password, remember=False)

    monkeypatch.setattr(TeamConnectDialog, "ask", classmethod(answer))
    dialog.recent.list.setCurrentRow(1)
    qtbot.mouseClick(dialog.recent.open_button, Qt.MouseButton.LeftButton)
    assert asked == [team_fields]  # the form comes filled in with the server's fields
    assert dialog.choice == StartupChoice(OPEN, db=team_fields.db_value(team_server.password))


def test_startup_opens_the_team_catalogue_chosen(monkeypatch, tmp_path, team_server, team_fields):
    from visitplanner import app

    failed = tmp_path / "broken.sqlite"
    failed.write_text("not a database")
    chosen = StartupChoice(OPEN, db=team_fields.db_value(team_server.password))
    monkeypatch.setattr(StartupDialog, "ask", classmethod(lambda cls, *args: chosen))
    catalogue, lock = app.open_at_startup(str(failed))
    try:
        assert lock is None
        assert not catalogue.is_sqlite
        assert catalogue.url.database == team_fields.database
        assert team_server.password not in catalogue.label
    finally:
        catalogue.close()


def test_a_refused_team_catalogue_at_startup_logs_no_password(monkeypatch, caplog, team_fields):
    from visitplanner import app
    from visitplanner.ui.startup_dialog import QUIT

    shown = []

    def ask(cls, error, path, backups=()):
        shown.append(error.message)
        return StartupChoice(QUIT)

    monkeypatch.setattr(StartupDialog, "ask", classmethod(ask))
    assert app.open_at_startup(team_fields.db_value("Wr0ng-S3cret")) is None
    assert shown == [
        "The server refused the user name “planner” or its password: check both "
        "(the password is case-sensitive)."
    ]
    assert "postgresql+psycopg://planner:***@127.0.0.1" in caplog.text
    assert "Wr0ng-S3cret" not in caplog.text


def test_a_team_catalogue_that_did_not_open_comes_back_filled_in(qtbot, monkeypatch, team_fields):
    import pytest

    from visitplanner.store.database import open_catalogue

    with pytest.raises(CatalogueError) as refused:
        open_catalogue(team_fields.db_value())  # no password anywhere
    dialog = StartupDialog(refused.value, None)
    qtbot.addWidget(dialog)
    asked = []

    def answer(cls, parent, initial=None, message=""):
        asked.append((initial, message))
        return None

    monkeypatch.setattr(TeamConnectDialog, "ask", classmethod(answer))
    qtbot.mouseClick(dialog.recent.team_button, Qt.MouseButton.LeftButton)
    assert asked == [(team_fields, "The server asks for a password for “planner”: enter it.")]
