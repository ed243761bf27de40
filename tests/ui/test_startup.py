"""Start-up never strands a user: each failure explains itself and offers a way out."""

from __future__ import annotations

import hashlib
import os
import socket
import sqlite3
import stat
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from visitplanner import app
from visitplanner.domain.errors import CatalogueError
from visitplanner.services.directory import records as cat
from visitplanner.services.recovery.backups import backup, list_backups
from visitplanner.settings import Settings
from visitplanner.store.database import open_catalogue
from visitplanner.store.lock import CatalogueLock, read_holder
from visitplanner.ui import startup_dialog
from visitplanner.ui.main_window import MainWindow
from visitplanner.ui.startup_dialog import StartupChoice, StartupDialog


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def filled(catalogue, db_path):
    cat.create_person(catalogue, cat.PersonInput(given_name="Hélène", family_name="Dupont"))
    catalogue.close()
    return db_path


@pytest.fixture
def held_lock(db_path):
    """Another Visit Planner has the catalogue open."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    lock = CatalogueLock(db_path)
    assert lock.acquire()
    yield lock
    lock.release()


class Answers:
    """Replaces StartupDialog.ask: records what was shown, answers from a script."""

    def __init__(self, monkeypatch, *choices: StartupChoice) -> None:
        self.choices = list(choices)
        self.shown: list[tuple[str, str, Path | None, list]] = []
        monkeypatch.setattr(StartupDialog, "ask", classmethod(self._ask))

    def _ask(self, _cls, error, path, backups=(), parent=None):
        self.shown.append((error.reason, error.message, path, list(backups)))
        return self.choices.pop(0)


def dialog_for(qtbot, error, path=None, backups=()):
    dialog = StartupDialog(error, path, backups)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


# --- the dialog: one message and set of choices per failure ---------------------------------


def test_locked_says_who_holds_it_and_offers_read_only(qtbot, filled, held_lock):
    with pytest.raises(CatalogueError) as info:
        app.open_locked(str(filled))
    error = info.value
    assert error.reason == CatalogueError.LOCKED
    holder = read_holder(filled)
    assert error.message == (
        f"{filled} is open in Visit Planner by {holder.user} on {socket.gethostname()} "
        f"(process {os.getpid()}) since {holder.since:%H:%M}; close that window or try again."
    )
    dialog = dialog_for(qtbot, error, filled)
    assert dialog.title.text() == "This catalogue is already in use"
    assert "close the other window first" in dialog.advice.text()
    assert dialog.choices() == [
        "Open read-only",
        "Try again",
        "Open another catalogue…",
        "Quit",
    ]


def test_read_only_offers_read_only_and_another_file(qtbot, filled):
    error = CatalogueError("x cannot be changed.", CatalogueError.READ_ONLY)
    dialog = dialog_for(qtbot, error, filled)
    assert dialog.title.text() == "This catalogue cannot be changed"
    assert dialog.message.text() == "x cannot be changed."
    assert "ask for write access" in dialog.advice.text()
    assert dialog.choices() == ["Open read-only", "Open another catalogue…", "Quit"]


def test_a_full_disk_asks_to_free_some_space(qtbot, filled):
    error = CatalogueError("No space left.", CatalogueError.DISK_FULL)
    dialog = dialog_for(qtbot, error, filled)
    assert dialog.title.text() == "The disk is full"
    assert dialog.advice.text().startswith("Free some space on the disk, then try again.")
    assert dialog.choices() == ["Open read-only", "Try again", "Open another catalogue…", "Quit"]


def test_not_a_catalogue_offers_its_backups(qtbot, filled):
    with closing(open_catalogue(str(filled))) as catalogue:
        backup(catalogue)
    error = CatalogueError("notes is not a Visit Planner catalogue.", CatalogueError.NOT_CATALOGUE)
    dialog = dialog_for(qtbot, error, filled, list_backups(filled))
    assert dialog.title.text() == "This file is not a catalogue"
    assert dialog.advice.text() == "Restore one of its backups, or open another catalogue."
    assert dialog.choices() == ["Restore a backup…", "Open another catalogue…", "Quit"]

    without = dialog_for(qtbot, error, filled, [])
    assert without.advice.text() == "Open another catalogue, or create a new one."
    assert without.choices() == ["Open another catalogue…", "Quit"]


def test_a_newer_catalogue_asks_for_an_update(qtbot, filled):
    error = CatalogueError("written by a newer version", CatalogueError.NEWER)
    dialog = dialog_for(qtbot, error, filled)
    assert dialog.title.text() == "This catalogue is from a newer version"
    assert dialog.advice.text() == "Update Visit Planner to open it, or open another catalogue."
    assert dialog.choices() == ["Open another catalogue…", "Quit"]


def test_buttons_answer_with_the_choice(qtbot, filled, tmp_path, monkeypatch):
    error = CatalogueError("x", CatalogueError.LOCKED)
    dialog = dialog_for(qtbot, error, filled)
    qtbot.mouseClick(dialog.buttons["read_only"], Qt.MouseButton.LeftButton)
    assert dialog.choice == StartupChoice("read_only")

    other = tmp_path / "other.sqlite"
    monkeypatch.setattr(startup_dialog, "choose_catalogue_file", lambda parent: other)
    dialog = dialog_for(qtbot, error, filled)
    qtbot.mouseClick(dialog.buttons["open"], Qt.MouseButton.LeftButton)
    assert dialog.choice == StartupChoice("open", other)

    dialog = dialog_for(qtbot, error, filled)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.choice == StartupChoice("quit")


def test_the_restore_button_answers_with_the_chosen_backup(qtbot, filled, monkeypatch):
    with closing(open_catalogue(str(filled))) as catalogue:
        saved = backup(catalogue)
    backups = list_backups(filled)
    from visitplanner.ui.restore_dialog import RestoreDialog

    monkeypatch.setattr(RestoreDialog, "choose", classmethod(lambda cls, b, parent=None: b[0]))
    error = CatalogueError("x", CatalogueError.NOT_CATALOGUE)
    dialog = dialog_for(qtbot, error, filled, backups)
    qtbot.mouseClick(dialog.buttons["restore"], Qt.MouseButton.LeftButton)
    assert dialog.choice == StartupChoice("restore", saved)


# --- the loop -------------------------------------------------------------------------------


def test_a_locked_catalogue_opens_read_only_when_the_user_chooses_so(
    qtbot, filled, held_lock, monkeypatch
):
    before = digest(filled)
    answers = Answers(monkeypatch, StartupChoice("read_only"))

    catalogue, lock = app.open_at_startup(str(filled))
    try:
        assert lock is None  # a viewer does not keep a writer out
        assert catalogue.read_only
        assert [r[0] for r in answers.shown] == [CatalogueError.LOCKED]
        window = MainWindow(catalogue, Settings())
        qtbot.addWidget(window)
        # Named as its feed is: the file's name; the folders are the status bar's.
        assert window.windowTitle() == f"Visit Planner — {filled.stem} (read-only)"
        assert str(filled.parent) not in window.windowTitle()
        assert str(filled) in window.statusBar().currentMessage()
        assert not window.restore_action.isEnabled()
    finally:
        catalogue.close()
    assert digest(filled) == before


def test_the_read_only_window_takes_no_typing_and_writes_nothing(
    qtbot, filled, held_lock, monkeypatch
):
    before = digest(filled)
    Answers(monkeypatch, StartupChoice("read_only"))
    catalogue, _lock = app.open_at_startup(str(filled))
    window = MainWindow(catalogue, Settings())
    qtbot.addWidget(window)
    window.show()
    window.show_page("people")
    page = window.page("people")
    page.table.selectRow(0)
    name = page.form.family_name.text()
    page.form.family_name.setFocus()
    qtbot.keyClicks(page.form.family_name, "Martin")

    assert page.form.family_name.isReadOnly()
    assert page.form.family_name.text() == name
    assert not page.form.dirty
    window.close()
    catalogue.close()
    assert digest(filled) == before


def test_the_lock_is_held_while_open_and_taken_over_once_released(filled):
    catalogue, lock = app.open_locked(str(filled))
    try:
        assert lock is not None and lock.path.exists()
        with pytest.raises(CatalogueError) as info:
            app.open_locked(str(filled))
        assert info.value.reason == CatalogueError.LOCKED
    finally:
        catalogue.close()
        lock.release()
    assert not lock.path.exists()
    again, lock = app.open_locked(str(filled))
    again.close()
    lock.release()


def test_not_a_catalogue_then_another_file_opens_that_one(qtbot, tmp_path, monkeypatch):
    bogus = tmp_path / "notes.sqlite"
    bogus.write_text("shopping list", encoding="utf-8")
    fresh = tmp_path / "fresh" / "catalogue.sqlite"
    answers = Answers(monkeypatch, StartupChoice("open", fresh))

    catalogue, lock = app.open_at_startup(str(bogus))
    try:
        assert catalogue.path == fresh and not catalogue.read_only
        assert lock is not None
    finally:
        catalogue.close()
        lock.release()
    assert answers.shown[0][:2] == (
        CatalogueError.NOT_CATALOGUE,
        f"{bogus} is not a Visit Planner catalogue.",
    )
    assert bogus.read_text(encoding="utf-8") == "shopping list"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "home") == [
        "fresh",
        "notes.sqlite",
    ]  # no lock file left beside the refused file


def test_a_damaged_catalogue_is_restored_from_its_backup(filled, monkeypatch):
    with closing(open_catalogue(str(filled))) as catalogue:
        saved = backup(catalogue)
    filled.write_bytes(b"\x00" * 4096)
    answers = Answers(monkeypatch, StartupChoice("restore", saved))

    catalogue, lock = app.open_at_startup(str(filled))
    try:
        assert [p.name for p in cat.list_people(catalogue)] == ["Hélène Dupont"]
    finally:
        catalogue.close()
        lock.release()
    reason, _message, _path, offered = answers.shown[0]
    assert reason == CatalogueError.NOT_CATALOGUE
    assert [b.path for b in offered] == [saved]
    (aside,) = filled.parent.glob("catalogue.before-restore-*.sqlite")
    assert aside.read_bytes() == b"\x00" * 4096


def test_the_dialog_asks_again_until_something_opens(tmp_path, monkeypatch):
    bogus = tmp_path / "notes.sqlite"
    bogus.write_text("shopping list", encoding="utf-8")
    answers = Answers(
        monkeypatch,
        StartupChoice("retry"),
        StartupChoice("read_only"),  # a text file cannot be read either
        StartupChoice("quit"),
    )
    assert app.open_at_startup(str(bogus)) is None
    assert [r[0] for r in answers.shown] == [CatalogueError.NOT_CATALOGUE] * 3


def test_a_read_only_folder_offers_read_only(filled, monkeypatch):
    folder = filled.parent
    listing = sorted(p.name for p in folder.iterdir())
    answers = Answers(monkeypatch, StartupChoice("read_only"))
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        catalogue, lock = app.open_at_startup(str(filled))
        try:
            assert catalogue.read_only and lock is None
            assert len(cat.list_people(catalogue)) == 1
        finally:
            catalogue.close()
    finally:
        folder.chmod(stat.S_IRWXU)
    assert answers.shown[0][0] == CatalogueError.READ_ONLY
    assert sorted(p.name for p in folder.iterdir()) == listing


def test_a_newer_catalogue_is_left_untouched_when_the_user_quits(filled, monkeypatch):
    with closing(sqlite3.connect(filled)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    before = digest(filled)
    answers = Answers(monkeypatch, StartupChoice("quit"))
    assert app.open_at_startup(str(filled)) is None
    assert answers.shown[0][0] == CatalogueError.NEWER
    assert digest(filled) == before


def test_run_returns_1_when_the_user_quits(qtbot, tmp_path, monkeypatch):
    bogus = tmp_path / "notes.sqlite"
    bogus.write_text("shopping list", encoding="utf-8")
    answers = Answers(monkeypatch, StartupChoice("quit"))

    assert app.run(db=str(bogus), lang="en") == 1

    assert answers.shown[0][1] == f"{bogus} is not a Visit Planner catalogue."
    assert bogus.read_text(encoding="utf-8") == "shopping list"


# --- the daily backup at start-up -------------------------------------------------------------


def test_the_daily_backup_is_announced_in_the_status_bar(qtbot, window, db_path):
    app.start_daily_backup(window)
    (written,) = (db_path.parent / "backups").glob("catalogue-auto-*.sqlite")
    assert window.statusBar().currentMessage() == (
        f"Today's automatic backup was written to {written}."
    )
    window.statusBar().clearMessage()
    app.start_daily_backup(window)  # once a day only
    assert window.statusBar().currentMessage() == ""
    assert len(list((db_path.parent / "backups").iterdir())) == 1


def test_texts_of_messages_sent_long_ago_leave_the_outbox_at_start_up(qtbot, window):
    from datetime import UTC, datetime

    from visitplanner.services.events import planning
    from visitplanner.store.models import OutboxMessage

    event = planning.create_event(
        window.catalogue,
        planning.EventInput(
            kind="visit", title="Visite", start="2020-03-05T09:00", end="2020-03-05T12:00"
        ),
    ).created_id("event")
    with window.catalogue.session() as session, session.begin():
        for sent in (datetime(2020, 3, 1, tzinfo=UTC), None):
            session.add(
                OutboxMessage(
                    event_id=event,
                    method="REQUEST",
                    sequence=0,
                    recipient="ana@example.org",
                    subject="Invitation",
                    message="the text",
                    sent_at=sent,
                )
            )
    app.purge_old_message_texts(window)
    with window.catalogue.session() as session:
        bodies = sorted(m for (m,) in session.query(OutboxMessage.message))
    assert bodies == ["", "the text"]  # the one still to send keeps its text


def test_no_daily_backup_when_turned_off(qtbot, window, db_path):
    window.settings.backup_keep = 0
    app.start_daily_backup(window)
    assert not (db_path.parent / "backups").exists()


def test_preferences_set_how_many_daily_backups_are_kept(qtbot):
    from visitplanner.settings import load_settings
    from visitplanner.ui.preferences_dialog import PreferencesDialog

    settings = Settings()
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.backup_keep.text() == "Keep the last 7 daily backups"
    dialog.backup_keep.setValue(0)
    assert dialog.backup_keep.text() == "No automatic backups"
    assert dialog.save_button.isEnabled()
    assert dialog.save()
    assert settings.backup_keep == 0
    assert load_settings().backup_keep == 0


def test_a_refusal_nobody_caught_is_shown_as_its_sentence_not_a_traceback(qtbot, monkeypatch):
    from visitplanner.domain.errors import ReadOnlyCatalogueError

    shown = []
    monkeypatch.setattr(
        "visitplanner.ui.dialogs.show_error", lambda parent, title, text: shown.append(text)
    )
    monkeypatch.setattr(
        "visitplanner.ui.dialogs.show_unexpected_error",
        lambda error, details: shown.append("traceback"),
    )
    error = ReadOnlyCatalogueError()
    app._excepthook(type(error), error, None)
    assert shown == [error.message]
    assert shown[0].startswith("This catalogue is open read-only")
