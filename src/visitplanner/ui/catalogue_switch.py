"""Opening another catalogue from the window (a file, a team catalogue, a recent one),
and what the window says about where the open catalogue lives.

One path for all of them (:func:`open_in_window`): the file's lock is taken, the
catalogue opened (created, or upgraded, as at start-up), the old one's background work
stopped and the old one closed with its lock, then every page is rebuilt on the new one.
A team catalogue wears a mark in the status bar and the title; a file in a synced or
network folder gets a warning that points to team mode.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel, QMenu, QMessageBox

from visitplanner.domain.errors import UserError
from visitplanner.i18n import _
from visitplanner.recent_catalogues import SERVER, RecentCatalogue, recent, remember_url
from visitplanner.ui import dialogs

log = logging.getLogger(__name__)

IGNORED_KEY = "network_folder_ignored"  # settings.extra: files the user said to stop warning about
STYLE = (
    "QLabel { color: palette(highlighted-text); background: palette(highlight); "
    "padding: 1px 6px; border-radius: 3px; }"
)


def add_catalogue_actions(window: Any, menu: QMenu) -> None:
    """Open, Connect to a team catalogue, Recent catalogues: the first entries of File."""
    menu.addAction(window._action(_("Open a catalogue…"), lambda: open_file_in_window(window)))
    window.team_action = window._action(
        _("Connect to a team catalogue…"), lambda: connect_team(window)
    )
    menu.addAction(window.team_action)
    window.recent_menu = menu.addMenu(_("Recent catalogues"))
    window.recent_menu.aboutToShow.connect(lambda: _fill_recent(window))
    _fill_recent(window)
    menu.addSeparator()


def _fill_recent(window: Any) -> None:
    window.recent_menu.clear()
    shown = catalogue_name(window.catalogue)
    # The open catalogue is not one to open again.
    entries = [e for e in recent(window.settings) if e.label != shown]
    for entry in entries:
        text = (
            _("Team catalogue {name}").format(name=entry.label)
            if entry.kind == SERVER
            else entry.label
        )
        action = window.recent_menu.addAction(text)
        action.triggered.connect(lambda _c=False, e=entry: open_recent(window, e))
    window.recent_menu.setEnabled(bool(entries))


def open_file_in_window(window: Any) -> bool:
    from visitplanner.ui.startup_dialog import choose_catalogue_file

    path = choose_catalogue_file(window)
    return path is not None and open_in_window(window, str(path))


def connect_team(window: Any, initial: Any = None, message: str = "") -> bool:
    """The connection dialog, then the catalogue it names opened in the window."""
    from visitplanner.services.team import connection
    from visitplanner.ui.team_connect_dialog import TeamConnectDialog

    choice = TeamConnectDialog.ask(window, initial, message)
    if choice is None:
        return False
    if choice.remember and choice.password:
        try:
            connection.remember_password(choice.server, choice.password)
        except UserError as exc:  # the catalogue still opens; the password is asked next time
            window.statusBar().showMessage(exc.message, 15000)
    elif not choice.remember:
        connection.forget_password(choice.server)
    return open_in_window(window, choice.server.db_value(choice.password or None))


def open_recent(window: Any, entry: RecentCatalogue) -> bool:
    """A recent file opens at once; a team catalogue too, with the keyring's password,
    else its connection dialog comes back filled in, saying what went wrong."""
    if entry.kind != SERVER:
        return open_in_window(window, entry.db_value())
    try:
        return open_in_window(window, entry.db_value(), quiet=True)
    except UserError as exc:
        return connect_team(window, entry.server, exc.message)


def open_in_window(window: Any, db: str, *, quiet: bool = False) -> bool:
    """Opens ``db`` (a file path or a server URL) in place of the window's catalogue.

    A failure is shown and the window keeps its catalogue (``quiet``: raised instead).
    """
    from visitplanner.store.database import catalogue_file, open_catalogue
    from visitplanner.store.lock import CatalogueLock
    from visitplanner.ui import tasks

    path = catalogue_file(db)
    current = window.catalogue.path
    if path is not None and current is not None and path == current:
        window.statusBar().showMessage(_("This catalogue is already open."), 5000)
        return True
    if not window._leave_pages():
        return False
    lock = CatalogueLock(path) if path is not None else None
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        if lock is not None and not lock.acquire():
            lock = None  # a folder without a lock file: opened as at start-up, unlocked
        catalogue = open_catalogue(db)
    except UserError as exc:
        if lock is not None:
            lock.release()
        QApplication.restoreOverrideCursor()
        if quiet:
            raise
        dialogs.show_error(window, _("The catalogue was not opened"), exc.message)
        return False
    QApplication.restoreOverrideCursor()
    old, old_lock = window.catalogue, getattr(window, "catalogue_lock", None)
    if not tasks.release_catalogue(old):
        catalogue.close()
        if lock is not None:
            lock.release()
        dialogs.show_error(
            window,
            _("The catalogue was not opened"),
            _("Work in the background would not stop; try again in a moment."),
        )
        return False
    if old_lock is not None:
        old_lock.release()
    window.catalogue_lock = lock
    window.replace_catalogue(catalogue)
    catalogue_opened(window)
    window.statusBar().showMessage(
        _("Catalogue opened: {name}").format(name=catalogue_name(catalogue)), 8000
    )
    return True


# --- where the catalogue lives ----------------------------------------------------------------


def catalogue_name(catalogue: Any) -> str:
    """A file's path, or “database” on host for a team catalogue (never a password)."""
    if catalogue.is_sqlite:
        return catalogue.label
    from visitplanner.services.team.connection import ServerFields

    return ServerFields.from_url(catalogue.url).label


def catalogue_opened(window: Any) -> None:
    """After any opening: the recent list, the team mark, the synced-folder warning."""
    catalogue = window.catalogue
    try:
        remember_url(window.settings, str(catalogue.path) if catalogue.path else str(catalogue.url))
    except Exception:  # a broken settings entry never stops a catalogue from opening
        log.exception("recent catalogues not updated")
    mark_team_catalogue(window)
    if catalogue.path is not None:
        QTimer.singleShot(0, lambda: warn_if_network_folder(window, catalogue.path))


def mark_team_catalogue(window: Any) -> QLabel | None:
    """A permanent label in the status bar for a team catalogue; removed for a file."""
    label = window.statusBar().findChild(QLabel, "teamCatalogue")
    if window.catalogue.is_sqlite:
        if label is not None:
            window.statusBar().removeWidget(label)
            label.deleteLater()
        return None
    if label is None:
        label = QLabel()
        label.setObjectName("teamCatalogue")
        label.setStyleSheet(STYLE)
        window.statusBar().addPermanentWidget(label)
    name = catalogue_name(window.catalogue)
    label.setText(_("Team catalogue: {name}").format(name=name))
    label.setAccessibleName(label.text())
    label.setToolTip(
        _(
            "This catalogue is kept on a PostgreSQL server and shared with the other "
            "coordinators who connect to it: what you save, they see."
        )
    )
    return label


def warn_if_network_folder(window: Any, path: Path) -> QMessageBox | None:
    """A warning, once per file and window, unless the user asked not to be warned."""
    from visitplanner.services.team.network_folders import risky_place, warning

    warned = window.__dict__.setdefault("_network_warned", set())
    ignored = window.settings.extra.get(IGNORED_KEY, [])
    if str(path) in warned or (isinstance(ignored, list) and str(path) in ignored):
        return None
    place = risky_place(path)
    if place is None:
        return None
    warned.add(str(path))
    log.warning("catalogue %s is in %s (%s)", path, place.folder, place.name)
    box = QMessageBox(window)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("This catalogue is in a shared folder"))
    box.setText(_("This catalogue is in a shared folder"))
    box.setInformativeText(warning(place))
    box.setStyleSheet("#qt_msgbox_informativelabel { min-width: 460px; }")  # not a column
    box.setAccessibleName(box.windowTitle())
    stop = QCheckBox(_("Do not warn again for this file"))
    box.setCheckBox(stop)
    box.addButton(QMessageBox.StandardButton.Ok)
    team = box.addButton(_("Connect to a team catalogue…"), QMessageBox.ButtonRole.ActionRole)

    def finished(_result: int) -> None:
        if stop.isChecked():
            kept = window.settings.extra.get(IGNORED_KEY)
            kept = kept if isinstance(kept, list) else []
            window.settings.extra[IGNORED_KEY] = [*kept, str(path)]
        if box.clickedButton() is team:
            QTimer.singleShot(0, lambda: connect_team(window))

    box.finished.connect(finished)
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.show()  # the window stays usable: a warning, not a question
    return box
