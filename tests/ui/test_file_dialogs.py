"""One place for file dialogs: remembered folders, names from the record, safe browsing."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QLineEdit, QPushButton

from visitplanner.settings import Settings, load_settings
from visitplanner.ui import file_dialogs
from visitplanner.ui.main_window import MainWindow

BROWSE = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog

    app = QApplication([])
    folder = Path(sys.argv[2])
    (folder / "control.txt").read_text()  # an open strace must see: the probe works
    if sys.argv[1] == "qt":
        dialog = QFileDialog(None, "Qt", str(folder))
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    else:
        from visitplanner.ui.file_dialogs import make_dialog
        dialog = make_dialog(None, "Ours", "catalogue", start=folder)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)  # the Type column asks for every type
    dialog.show()
    QTimer.singleShot(1500, app.quit)
    app.exec()
    print(dialog.directory().absolutePath())
    """
)


def _accept_when_shown(fill: str | None = None) -> None:
    """Answers the next modal file dialog as a person would: a name typed, then Enter."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, answer)
            return
        if fill is not None:
            dialog.findChild(QLineEdit, "fileNameEdit").setText(fill)
        dialog.accept()

    QTimer.singleShot(0, answer)


def _opened_files(log: Path, names: tuple[str, ...]) -> list[str]:
    return [
        line
        for line in log.read_text(errors="replace").splitlines()
        if "open" in line and any(f'/{name}"' in line for name in names)
    ]


def test_browsing_a_catalogue_folder_never_opens_the_catalogue(tmp_path: Path) -> None:
    """Opening a file to sniff its type would drop SQLite's locks on it in this process."""
    strace = shutil.which("strace")
    if strace is None:
        pytest.skip("strace is not installed (Debian/Ubuntu: apt-get install strace)")
    folder = tmp_path / "catalogues"
    folder.mkdir()
    catalogue = folder / "catalogue.sqlite"
    connection = sqlite3.connect(catalogue)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("CREATE TABLE t (x)")
    connection.execute("INSERT INTO t VALUES (1)")
    connection.commit()
    names = ("catalogue.sqlite", "catalogue.sqlite-wal", "catalogue.sqlite-shm")
    assert sorted(p.name for p in folder.iterdir()) == sorted(names)
    (folder / "control.txt").write_text("seen", encoding="utf-8")
    script = tmp_path / "browse.py"
    script.write_text(BROWSE, encoding="utf-8")
    try:
        opened = {}
        for which in ("qt", "ours"):
            log = tmp_path / f"{which}.strace"
            trace = [strace, "-f", "-e", "trace=open,openat", "-o", str(log)]
            result = subprocess.run(
                [*trace, sys.executable, str(script), which, str(folder)],
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert result.returncode == 0, result.stderr[-2000:]
            assert result.stdout.strip() == str(folder)  # it did browse the folder
            assert _opened_files(log, ("control.txt",)), "strace saw no open at all"
            opened[which] = _opened_files(log, names)
    finally:
        connection.close()
    # Qt's plain dialog (6.11) opens all three to guess their types: the defect guarded
    # against here. Ours never opens any of them.
    assert opened["ours"] == [], opened["ours"]


def test_the_dialog_speaks_our_language_and_guesses_types_by_name(qtbot, tmp_path) -> None:
    from visitplanner.i18n import set_language

    set_language("fr")
    (tmp_path / "catalogue.sqlite-wal").write_bytes(b"SQLite format 3\x00")
    dialog = file_dialogs.make_dialog(None, "Ouvrir", "catalogue", start=tmp_path)
    qtbot.addWidget(dialog)
    texts = {label.text() for label in dialog.findChildren(QLabel)}
    assert {"Regarder dans\u00a0:", "Type de fichier\u00a0:"} <= texts, texts
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
    provider = dialog.iconProvider()
    from PySide6.QtCore import QFileInfo

    assert provider.type(QFileInfo(str(tmp_path / "catalogue.sqlite-wal"))) == "Fichier"


def test_a_name_from_the_record() -> None:
    assert (
        file_dialogs.suggested_name(
            "invitation", "Séminaire commun", date(2027, 2, 11), suffix="ics"
        )
        == "invitation-seminaire-commun-2027-02-11.ics"
    )
    assert file_dialogs.suggested_name("livret", None, suffix="pdf") == "livret.pdf"
    assert file_dialogs.slug("L’Atelier « Tiers-lieux » : été 2027 !") == (
        "l-atelier-tiers-lieux-ete-2027"
    )


def test_each_kind_of_file_reopens_in_its_last_folder(qtbot, catalogue, tmp_path) -> None:
    window = MainWindow(catalogue, Settings())
    qtbot.addWidget(window)
    calendars, photos = tmp_path / "agendas", tmp_path / "photos"
    calendars.mkdir()
    photos.mkdir()

    _accept_when_shown(str(calendars / "invitation-atelier-2027-03-18.ics"))
    chosen = file_dialogs.save_path(window, "Save", "ics", "invitation.ics")
    assert chosen == calendars / "invitation-atelier-2027-03-18.ics"

    _accept_when_shown(str(photos))
    assert file_dialogs.choose_folder(window, "Folder", "photo") == photos

    assert load_settings().extra["folders"] == {"ics": str(calendars), "photo": str(photos)}
    assert window.settings.extra["folders"]["ics"] == str(calendars)
    for kind, folder in (("ics", calendars), ("photo", photos), ("csv", Path.home())):
        dialog = file_dialogs.make_dialog(window, "Again", kind)
        qtbot.addWidget(dialog)
        assert Path(dialog.directory().absolutePath()) == folder.resolve()


def test_a_save_proposes_the_record_name_and_adds_the_suffix(qtbot, catalogue, tmp_path):
    window = MainWindow(catalogue, Settings())
    qtbot.addWidget(window)
    dialog = file_dialogs.make_dialog(
        window, "Save", "ics", mode="save", suggested="invitation-x-2027-02-11.ics"
    )
    qtbot.addWidget(dialog)
    assert dialog.findChild(QLineEdit, "fileNameEdit").text() == "invitation-x-2027-02-11.ics"

    _accept_when_shown(str(tmp_path / "sans-suffixe"))
    path = file_dialogs.save_path(window, "Save", "ics", "invitation.ics")
    assert path == tmp_path / "sans-suffixe.ics"


def test_a_written_file_is_confirmed_with_a_way_to_its_folder(
    qtbot, catalogue, tmp_path, monkeypatch
) -> None:
    window = MainWindow(catalogue, Settings())
    qtbot.addWidget(window)
    window.show()
    written = tmp_path / "exports" / "personnes-2027-01-05.csv"
    written.parent.mkdir()
    written.write_text("x", encoding="utf-8")
    opened = []
    monkeypatch.setattr(
        "visitplanner.ui.file_dialogs.QDesktopServices.openUrl",
        lambda url: opened.append(url.toLocalFile()),
    )

    file_dialogs.confirm_written(window, written, "12 people exported.")

    assert window.statusBar().currentMessage() == "12 people exported."
    button = window.statusBar().findChild(QPushButton, file_dialogs.OPEN_FOLDER_BUTTON)
    assert button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert opened == [str(written.parent)]


def test_exporting_people_names_the_file_and_confirms_it(qtbot, catalogue, tmp_path) -> None:
    from visitplanner.services.demo import load_demo

    load_demo(catalogue)
    window = MainWindow(catalogue, Settings())
    qtbot.addWidget(window)
    window.show()
    seen = {}

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, answer)
            return
        seen["name"] = dialog.findChild(QLineEdit, "fileNameEdit").text()
        dialog.setDirectory(str(tmp_path))
        dialog.findChild(QLineEdit, "fileNameEdit").setText(str(tmp_path / seen["name"]))
        dialog.accept()

    QTimer.singleShot(0, answer)
    window.export_people()

    assert seen["name"] == f"people-{date.today().isoformat()}.csv"
    assert (tmp_path / seen["name"]).is_file()
    assert str(tmp_path / seen["name"]) in window.statusBar().currentMessage()
    button = window.statusBar().findChild(QPushButton, file_dialogs.OPEN_FOLDER_BUTTON)
    assert button.isVisible()


def test_the_participant_list_export_is_named_after_its_event(
    qtbot, catalogue, tmp_path, monkeypatch
) -> None:
    from visitplanner.services.demo import load_demo
    from visitplanner.services.events import planning

    load_demo(catalogue)
    event = next(e for e in planning.list_events(catalogue) if e.title.startswith("Séminaire"))
    asked = []

    def ask(parent, title, suggested, kind="csv"):
        asked.append(suggested)
        return tmp_path / suggested

    monkeypatch.setattr("visitplanner.ui.export.ask_save_path", ask)
    window = MainWindow(catalogue, Settings())
    qtbot.addWidget(window)
    window.show()
    window.show_page("events")
    page = window.page("events")
    page.select_record(event.id)
    page.form.tabs.setCurrentWidget(page.participants)
    qtbot.mouseClick(page.participants.export_button, Qt.MouseButton.LeftButton)

    assert asked == [
        f"participants-{file_dialogs.slug(event.title)}-{event.start.date().isoformat()}.csv"
    ]
    assert (tmp_path / asked[0]).is_file()
    assert str(tmp_path / asked[0]) in window.statusBar().currentMessage()
    button = window.statusBar().findChild(QPushButton, file_dialogs.OPEN_FOLDER_BUTTON)
    assert button.isVisible()
