"""The window, driven as a person would: File › Connect to a team catalogue…, the form
filled in, a wrong password tested, then the right one, Connect, and the team's people
on the People page; and the warning for a catalogue file in a synced folder."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox

from visitplanner.cli.main import main
from visitplanner.settings import load_settings
from visitplanner.store.database import open_catalogue
from visitplanner.store.postgres import KEYRING_SERVICE
from visitplanner.ui.main_window import MainWindow
from visitplanner.ui.team_connect_dialog import TeamConnectDialog


@pytest.fixture(autouse=True)
def _window_guards(monkeypatch):
    """Background work inline; a modal dialog nobody answers fails instead of hanging."""
    monkeypatch.setattr("visitplanner.ui.tasks.SYNCHRONOUS", True)

    def unexpected(*args, **kwargs):
        raise AssertionError(f"unexpected dialog: {args[1:3]}")

    for name in ("ask_yes_no", "ask_save_discard_cancel", "show_error"):
        monkeypatch.setattr(f"visitplanner.ui.dialogs.{name}", unexpected)


@pytest.fixture
def window(qtbot, db_path):
    catalogue = open_catalogue(str(db_path))
    win = MainWindow(catalogue, load_settings())
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()
    win.catalogue.close()


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def retype(qtbot, line, text):
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Delete)
    qtbot.keyClicks(line, text)


def test_connecting_from_the_window_opens_the_team_catalogue(
    qtbot, monkeypatch, window, team_server, team_fields, memory_keyring
):
    # A colleague already put someone in the team's catalogue, from the command line.
    url = team_fields.db_value(team_server.password)
    assert (
        main(["--db", url, "person", "add", "--given-name", "Awa", "--family-name", "Diallo"]) == 0
    )
    results = []

    def fill_in_and_connect(cls, parent, initial=None, message=""):
        dialog = TeamConnectDialog(initial, parent)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.tls.currentData() == "verify-full"  # the careful mode is suggested
        assert not dialog.connect_button.isEnabled()  # nothing to connect to yet
        qtbot.keyClicks(dialog.host, team_server.host)
        retype(qtbot, dialog.port.lineEdit(), str(team_server.port))
        qtbot.keyClicks(dialog.database, team_fields.database)
        qtbot.keyClicks(dialog.user, team_server.user)
        qtbot.keyClicks(dialog.password, "not-this-one")
        dialog.tls.setFocus()
        qtbot.keyClick(dialog.tls, Qt.Key.Key_Home)  # this test server has no TLS
        assert dialog.tls.currentData() == "disable"
        assert "readable" in dialog.tls_help.text()
        click(qtbot, dialog.test_button)
        results.append(dialog.outcome.text())
        retype(qtbot, dialog.password, team_server.password)
        click(qtbot, dialog.remember)
        click(qtbot, dialog.test_button)
        results.append(dialog.outcome.text())
        dialog.grab().save("/tmp/team-connect-dialog.png")
        click(qtbot, dialog.connect_button)
        assert dialog.result() == QDialog.DialogCode.Accepted
        return dialog.choice()

    monkeypatch.setattr(TeamConnectDialog, "ask", classmethod(fill_in_and_connect))
    window.team_action.trigger()

    assert results == [
        "✖ The server refused the user name “planner” or its password: check both "
        "(the password is case-sensitive).",
        "✔ Connected to PostgreSQL 18.6, not encrypted. The catalogue is ready to open.",
    ]
    assert window.windowTitle().endswith("(team catalogue on 127.0.0.1)")
    mark = window.statusBar().findChild(QLabel, "teamCatalogue")
    assert mark.text() == f"Team catalogue: “{team_fields.database}” on 127.0.0.1"
    assert window.show_page("people")
    page = window.page("people")
    names = [page.model.index(r, 0).data() for r in range(page.model.rowCount())]
    assert any("Diallo" in name for name in names), names
    qtbot.wait(50)
    window.grab().save("/tmp/team-window.png")
    # The password went to the keyring, the server's fields to the recent catalogues.
    assert list(memory_keyring.entries.values()) == [team_server.password]
    assert next(iter(memory_keyring.entries))[0] == KEYRING_SERVICE
    recent = window.settings.recent_catalogues[0]
    assert recent["kind"] == "server" and recent["database"] == team_fields.database
    assert team_server.password not in repr(window.settings)


def test_a_recent_team_catalogue_opens_with_the_keyring_password(
    qtbot, window, team_server, team_fields, memory_keyring
):
    from visitplanner.recent_catalogues import recent, remember_server
    from visitplanner.services.team.connection import remember_password

    remember_password(team_fields, team_server.password)
    remember_server(window.settings, team_fields)
    window.recent_menu.aboutToShow.emit()
    actions = window.recent_menu.actions()
    assert actions[0].text() == f"Team catalogue “{team_fields.database}” on 127.0.0.1"
    actions[0].trigger()
    assert not window.catalogue.is_sqlite
    assert window.stack.currentWidget() is window.welcome  # a new, empty team catalogue
    assert recent(window.settings)[0].server == team_fields


def test_a_catalogue_in_a_synced_folder_gets_a_warning_once(qtbot, tmp_path):
    path = tmp_path / "Nextcloud" / "reseau.sqlite"
    path.parent.mkdir()
    catalogue = open_catalogue(str(path))
    settings = load_settings()
    win = MainWindow(catalogue, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.findChild(QMessageBox) is not None)
    box = win.findChild(QMessageBox)
    assert box.windowTitle() == "This catalogue is in a shared folder"
    assert "synchronised by Nextcloud" in box.informativeText()
    assert "team mode" in box.informativeText()
    assert not box.isModal()  # the window stays usable
    box.grab().save("/tmp/team-network-warning.png")
    click(qtbot, box.checkBox())
    click(qtbot, box.button(QMessageBox.StandardButton.Ok))
    assert settings.extra["network_folder_ignored"] == [str(path)]
    win.close()
    catalogue.close()

    again = MainWindow(open_catalogue(str(path)), settings)
    qtbot.addWidget(again)
    again.show()
    QApplication.processEvents()
    assert again.findChild(QMessageBox) is None
    again.close()
    again.catalogue.close()


def test_opening_another_file_moves_the_lock_with_it(qtbot, monkeypatch, window, db_path, tmp_path):
    from visitplanner.domain.errors import CatalogueError
    from visitplanner.store.lock import CatalogueLock

    held = CatalogueLock(db_path)
    assert held.acquire()
    window.catalogue_lock = held  # as app.run hands it over
    other = tmp_path / "autre.sqlite"
    monkeypatch.setattr(
        "visitplanner.ui.startup_dialog.choose_catalogue_file", lambda parent: other
    )
    file_menu = window.menuBar().actions()[0].menu()
    opening = next(a for a in file_menu.actions() if a.text() == "Open a catalogue…")
    opening.trigger()
    assert window.catalogue.path == other
    assert window.windowTitle() == "Visit Planner — autre"
    assert window.statusBar().findChild(QLabel, "teamCatalogue") is None
    with pytest.raises(CatalogueError):  # the new file is this window's now
        CatalogueLock(other).acquire()
    again = CatalogueLock(db_path)  # and the old one is free again
    assert again.acquire()
    again.release()
    assert str(other) == window.settings.recent_catalogues[0]["path"]


def test_a_recent_team_catalogue_without_its_password_asks_for_it(
    qtbot, monkeypatch, window, team_fields, memory_keyring
):
    from visitplanner.recent_catalogues import remember_server

    remember_server(window.settings, team_fields)
    asked = []

    def cancel(cls, parent, initial=None, message=""):
        asked.append((initial, message))
        return None

    monkeypatch.setattr(TeamConnectDialog, "ask", classmethod(cancel))
    window.recent_menu.aboutToShow.emit()
    window.recent_menu.actions()[0].trigger()
    assert asked == [(team_fields, "The server asks for a password for “planner”: enter it.")]
    assert window.catalogue.is_sqlite  # nothing changed
