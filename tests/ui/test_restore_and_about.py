"""File > Restore a backup, and Help > About."""

from __future__ import annotations

from PySide6.QtCore import Qt

from visitplanner import __version__
from visitplanner.services.directory import records as cat
from visitplanner.services.recovery.backups import backup, list_backups
from visitplanner.settings import Settings
from visitplanner.store.database import open_catalogue
from visitplanner.ui import about_dialog
from visitplanner.ui.about_dialog import AboutDialog
from visitplanner.ui.main_window import MainWindow
from visitplanner.ui.restore_dialog import RestoreDialog


def names_on_people_page(window):
    window.show_page("people")
    model = window.page("people").model
    return sorted(model.index(r, 0).data() for r in range(model.rowCount()))


def menu_texts(window, title):
    (menu,) = [a.menu() for a in window.menuBar().actions() if a.text() == title]
    return [a.text() for a in menu.actions() if not a.isSeparator()]


# --- restore ----------------------------------------------------------------------------------


def test_the_file_menu_offers_restore(qtbot, window):
    assert "Restore a backup…" in menu_texts(window, "&File")
    assert window.restore_action.isEnabled()


def test_the_restore_dialog_lists_backups_newest_first(qtbot, catalogue, db_path):
    backup(catalogue, db_path.parent / "backups" / "catalogue-20270301-080000.sqlite")
    backup(catalogue, db_path.with_name("catalogue.before-upgrade-0001-20270302-080000.sqlite"))
    dialog = RestoreDialog(list_backups(db_path))
    qtbot.addWidget(dialog)
    rows = dialog.rows()
    assert [row[1] for row in rows] == ["Before an upgrade", "Manual"]
    assert rows[0][0].startswith("Tue 2 Mar 2027")
    assert all(row[2].endswith(("kB", "MB", "bytes")) for row in rows)
    assert dialog.selected().kind == "before-upgrade"  # the newest is preselected
    assert dialog.restore_button.isEnabled()


def test_without_backups_the_dialog_says_so(qtbot):
    dialog = RestoreDialog([])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.empty.isVisible()
    assert dialog.empty.text() == "There is no backup of this catalogue yet."
    assert not dialog.restore_button.isEnabled()


def test_restore_replaces_the_catalogue_and_reloads_every_page(qtbot, window, db_path, monkeypatch):
    cat.create_person(window.catalogue, cat.PersonInput(family_name="Dupont"))
    saved = backup(window.catalogue)
    martin = cat.create_person(window.catalogue, cat.PersonInput(family_name="Martin"))
    window.changes_applied.emit(martin)
    assert names_on_people_page(window) == ["Dupont", "Martin"]

    questions = []
    monkeypatch.setattr(
        RestoreDialog, "choose", classmethod(lambda cls, backups, parent=None: backups[0])
    )
    monkeypatch.setattr(
        "visitplanner.ui.dialogs.ask_yes_no",
        lambda parent, title, text: questions.append(title) or True,
    )
    old = window.catalogue
    window.restore_action.trigger()

    assert questions == ["Restore this backup?"]
    assert window.catalogue is not old
    assert names_on_people_page(window) == ["Dupont"]
    assert "restored" in window.statusBar().currentMessage()
    (aside,) = db_path.parent.glob("catalogue.before-restore-*.sqlite")
    kept = open_catalogue(str(aside))
    try:
        assert sorted(p.family_name for p in cat.list_people(kept)) == ["Dupont", "Martin"]
    finally:
        kept.close()
    assert saved.exists()
    # The window keeps working on the restored catalogue.
    zola = cat.create_person(window.catalogue, cat.PersonInput(family_name="Zola"))
    window.changes_applied.emit(zola)
    assert names_on_people_page(window) == ["Dupont", "Zola"]


def test_restore_asks_before_replacing_and_no_means_no(qtbot, window, db_path, monkeypatch):
    cat.create_person(window.catalogue, cat.PersonInput(family_name="Dupont"))
    backup(window.catalogue)
    cat.create_person(window.catalogue, cat.PersonInput(family_name="Martin"))
    monkeypatch.setattr(
        RestoreDialog, "choose", classmethod(lambda cls, backups, parent=None: backups[0])
    )
    monkeypatch.setattr("visitplanner.ui.dialogs.ask_yes_no", lambda *args: False)
    old = window.catalogue
    window.restore_backup()
    assert window.catalogue is old
    assert not list(db_path.parent.glob("*before-restore*"))
    assert len(cat.list_people(window.catalogue)) == 2


def test_restore_is_disabled_for_a_catalogue_on_a_server(qtbot):
    catalogue = open_catalogue("sqlite://")  # like a server: no file to replace
    try:
        window = MainWindow(catalogue, Settings())
        qtbot.addWidget(window)
        assert not window.restore_action.isEnabled()
        assert "server" in window.restore_action.toolTip()
    finally:
        catalogue.close()


# --- about ------------------------------------------------------------------------------------


def test_about_shows_the_version_purpose_licence_and_credits(qtbot, db_path):
    dialog = AboutDialog(str(db_path))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.name.text() == "Visit Planner"
    assert dialog.version.text() == f"Version {__version__}"
    assert "learning visits" in dialog.summary.text()
    assert "EUPL-1.2" in dialog.licence.text()
    credits = {name: licence for name, _use, licence in dialog.credit_rows()}
    for name in (
        "Qt / PySide6",
        "Material Design Icons (QtAwesome)",
        "DejaVu fonts",
        "SQLAlchemy",
        "Alembic",
        "reportlab",
        "icalendar",
        "Pillow",
        "Babel",
        "platformdirs",
        "keyring",
        "python-dateutil",
    ):
        assert credits.get(name), name
    assert credits["Qt / PySide6"] == "LGPL-3.0"
    assert dialog.catalogue.text() == str(db_path)
    assert "visitplanner" in dialog.log_folder.text()
    assert str(db_path) in dialog.details()


def test_about_shows_the_licence_texts(qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(about_dialog, "show_text", lambda parent, title, text: shown.append(text))
    dialog = AboutDialog("catalogue.sqlite")
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.licence_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.fonts_button, Qt.MouseButton.LeftButton)
    assert "EUROPEAN UNION PUBLIC LICENCE" in shown[0]
    assert "DejaVu" in shown[1]


def test_about_copes_without_the_icon(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(about_dialog, "resource_path", lambda *parts: tmp_path.joinpath(*parts))
    dialog = AboutDialog("catalogue.sqlite")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.icon.isVisible()
    assert dialog.version.isVisible()


def test_help_about_opens_the_about_dialog(qtbot, window, monkeypatch):
    shown = []
    monkeypatch.setattr(
        AboutDialog,
        "present",
        classmethod(lambda cls, label, parent=None: shown.append(label)),
    )
    (about,) = [
        a
        for a in window.menuBar().actions()[-1].menu().actions()
        if a.text() == "About Visit Planner"
    ]
    about.trigger()
    assert shown == [window.catalogue.label]
