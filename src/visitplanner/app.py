"""Composition root: settings, language, catalogue, Qt application, main window."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import traceback
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from visitplanner.domain.errors import CatalogueError, UserError
from visitplanner.i18n import _, current_language, set_language
from visitplanner.logs import setup_logging
from visitplanner.settings import load_settings
from visitplanner.store.lock import CatalogueLock

if TYPE_CHECKING:
    from visitplanner.services.changes import Changes
    from visitplanner.store.database import Catalogue
    from visitplanner.ui.main_window import MainWindow

log = logging.getLogger(__name__)

# Failures a backup can cure: the file is not (or no longer) a catalogue this version reads.
RESTORABLE = (CatalogueError.NOT_CATALOGUE, CatalogueError.NEWER, CatalogueError.OTHER)

Opened = tuple["Catalogue", "CatalogueLock | None"]


def import_catalogue_side() -> None:
    """Imports the catalogue's modules (SQLAlchemy, the models) before Qt's.

    Once imported, PySide6 reads the source of every module imported after it, looking
    for ``from __feature__``: for SQLAlchemy's two hundred modules, a tenth of the start.
    """
    from visitplanner.store import database, models  # noqa: F401


def run(db: str | None = None, lang: str | None = None) -> int:
    """Opens the window on the catalogue ``db`` (else the default one); returns the exit code."""
    import_catalogue_side()
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from visitplanner import APP_ID, APP_NAME, __version__
    from visitplanner.resources import ICON_FILE, resource_path

    settings = load_settings()
    set_language(lang or settings.language)
    setup_logging()
    missing = None if QApplication.instance() else no_display_message()
    if missing is not None:
        print(missing, file=sys.stderr)
        return 1
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("visitplanner")
    # Lets Wayland and the desktop match our windows with the installed .desktop file.
    QApplication.setDesktopFileName(APP_ID)
    icon = resource_path("icons", ICON_FILE)
    if icon.is_file():
        QApplication.setWindowIcon(QIcon(str(icon)))
    app.setStyle("Fusion")
    install_qt_translations(app, current_language())
    sys.excepthook = _excepthook

    opened = open_at_startup(db, settings.backup_folder or None)
    if opened is None:
        return 1
    catalogue, lock = opened

    from visitplanner.ui.main_window import MainWindow

    window = MainWindow(catalogue, settings)
    window.catalogue_lock = lock  # handed over when the window opens another catalogue
    window.show()
    # After the first paint: start-up never waits for the copy.
    QTimer.singleShot(0, lambda: start_daily_backup(window))
    QTimer.singleShot(0, lambda: purge_old_message_texts(window))
    try:
        return app.exec()
    finally:
        from visitplanner.ui import tasks

        # Background work (sync, backup) is cancelled and awaited before the catalogue
        # closes, and the catalogue is closed before its lock is given up.
        if not tasks.settle():
            log.warning("exiting while background work still runs")
        window.catalogue.close()  # the window may have reopened it (restore)
        if window.catalogue_lock is not None:  # the lock of the catalogue open at the end
            window.catalogue_lock.release()


def qt_translation_folders() -> list[Path]:
    """Where Qt's own catalogues (qtbase_fr.qm) may be, best first.

    Qt's configured folder is right for the wheel from PyPI and the packaged app; a
    Linux distribution's PySide6 points at the distribution's Qt, whose translations
    are a separate package (qt6-translations-l10n), so the wheel's folder and the
    system's are tried after it.
    """
    import PySide6
    from PySide6.QtCore import QLibraryInfo

    folders = [
        Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
        Path(PySide6.__file__).parent / "Qt" / "translations",
        Path("/usr/share/qt6/translations"),
    ]
    return list(dict.fromkeys(folders))


def install_qt_translations(app: Any, language: str) -> Any:
    """Qt's own words (« Annuler », « Regarder dans : ») in the interface's language.

    Standard buttons and Qt's file dialog take their text from Qt's catalogue, not
    ours: without it a French window shows "Cancel" and "Look in:". Returns the
    installed QTranslator (None for English, Qt's source language, or when no
    catalogue was found, which the log says).
    """
    from PySide6.QtCore import QLocale, QTranslator

    QLocale.setDefault(QLocale(language))
    if language == "en":
        return None
    translator = QTranslator(app)
    for folder in qt_translation_folders():
        if translator.load(f"qtbase_{language}", str(folder)):
            app.installTranslator(translator)
            return translator
    log.warning("Qt's %s translations (qtbase_%s.qm) were not found", language, language)
    return None


# Qt platforms that draw without a desktop session (tests, screenshots, kiosks).
HEADLESS_PLATFORMS = ("offscreen", "minimal", "vnc", "eglfs", "linuxfb", "vkkhrdisplay")


def no_display_message(environ: Mapping[str, str] | None = None) -> str | None:
    """Why the window cannot open here, or None when it can.

    Without a display, Qt's xcb plugin aborts the process (exit 134) with a message
    about plugins that sends people looking in the wrong place. Only Linux and the
    other X11/Wayland systems need a display server; Windows and macOS always have one.
    """
    if sys.platform.startswith(("win", "darwin")):
        return None
    env = os.environ if environ is None else environ
    platform = env.get("QT_QPA_PLATFORM", "").split(":")[0].strip().lower()
    if platform in HEADLESS_PLATFORMS:
        return None
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    return _(
        "No display was found, so the window cannot open here; the commands work "
        "without one: run “visitplanner --help” to see them."
    )


# --- one window per catalogue -------------------------------------------------------------


def open_locked(db: str | None) -> Opened:
    """Takes the catalogue's lock, then opens it (creating or upgrading it if needed)."""
    from visitplanner.store.database import catalogue_file, open_catalogue

    path = catalogue_file(db)
    lock: CatalogueLock | None = None
    if path is not None and not path.is_dir():
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
        lock = CatalogueLock(path)
        if not lock.acquire():
            log.warning("no lock file beside %s; opening without one", path)
            lock = None
    try:
        return open_catalogue(db), lock
    except BaseException:
        if lock is not None:
            lock.release()
        raise


def _open_read_only(db: str | None) -> Opened:
    from visitplanner.store.database import open_catalogue

    return open_catalogue(db, read_only=True), None


def _restore_then_open(db: str | None, backup: Path) -> Opened:
    from visitplanner.services.recovery.backups import restore_backup
    from visitplanner.store.database import catalogue_file, open_catalogue

    path = catalogue_file(db)
    if path is None:
        raise CatalogueError(_("Only a catalogue file can be restored from a backup."))
    lock = CatalogueLock(path)
    held = lock.acquire()  # nobody may have it open while it is replaced, nor take it after
    try:
        aside = restore_backup(path, backup)
        log.info("restored %s from %s (previous file kept as %s)", path, backup, aside)
        return open_catalogue(db), (lock if held else None)
    except BaseException:
        if held:
            lock.release()
        raise


def open_at_startup(db: str | None, backup_folder: str | None = None) -> Opened | None:
    """Opens the catalogue, asking what to do for as long as it cannot be opened.

    Returns None when the user chooses to quit. Every failure ends in the start-up
    dialog, with the way out that fits it, never in a traceback. ``backup_folder``
    is where the automatic and manual copies are looked for (default: beside it).
    """
    target = db
    attempt: Callable[[], Opened] = partial(open_locked, target)
    while True:
        try:
            return attempt()
        except UserError as exc:
            error = exc if isinstance(exc, CatalogueError) else CatalogueError(exc.message)
            log.warning(
                "catalogue %s not opened (%s): %s", _shown(target), error.reason, error.message
            )
        except Exception as exc:
            log.exception("catalogue %s not opened", _shown(target))
            error = CatalogueError(
                _("The catalogue cannot be opened: {reason}.").format(reason=exc)
            )
        # Only a catalogue that failed to open needs these: the usual start-up skips them.
        from visitplanner.services.recovery.backups import BackupInfo, list_backups
        from visitplanner.store.database import catalogue_file
        from visitplanner.ui import startup_dialog

        path = catalogue_file(target)
        backups: list[BackupInfo] = []
        if path is not None and error.reason in RESTORABLE:
            backups = list_backups(path, backup_folder)
        choice = startup_dialog.StartupDialog.ask(error, path, backups)
        if choice.action == startup_dialog.QUIT:
            return None
        if choice.action == startup_dialog.OPEN and (choice.path or choice.db):
            target = choice.db or str(choice.path)  # a file, or a team catalogue's URL
            attempt = partial(open_locked, target)
        elif choice.action == startup_dialog.READ_ONLY:
            attempt = partial(_open_read_only, target)
        elif choice.action == startup_dialog.RESTORE and choice.path is not None:
            attempt = partial(_restore_then_open, target, choice.path)
        else:  # try again
            attempt = partial(open_locked, target)


def _shown(db: str | None) -> str | None:
    """``db`` as a log may show it: a server URL without its password."""
    from visitplanner.store.postgres import without_password

    return without_password(db)


# --- start-up housekeeping, off the GUI thread ------------------------------------------


def purge_old_message_texts(window: MainWindow) -> None:
    """Retention (RGPD): the text of messages sent long ago leaves the outbox at start-up,
    off the GUI thread like the daily backup."""
    from visitplanner.ui.tasks import run_task

    catalogue, days = window.catalogue, window.settings.outbox_days
    if catalogue.read_only:
        return

    def work(_progress: Any, _cancelled: Any) -> Changes | None:
        from visitplanner.services.privacy.retention import purge_message_bodies

        with catalogue.guard.shared() as usable:  # a restore or the exit waits for it
            return purge_message_bodies(catalogue, days) if usable else None

    def done(purged: Changes | None, error: BaseException | None) -> None:
        if error is not None:  # a locked or damaged catalogue says so elsewhere
            log.warning("purging old message texts failed: %s", error)
        elif purged:
            window.changes_applied.emit(purged)  # an outbox already open shows the texts gone

    run_task(window, _("Removing old message texts…"), work, done, quiet=True)


def start_daily_backup(window: MainWindow) -> None:
    """Writes today's automatic copy off the GUI thread; says so in the status bar only."""
    from visitplanner.services.recovery.backups import daily_backup
    from visitplanner.ui.tasks import run_task

    catalogue, settings = window.catalogue, window.settings
    keep = settings.daily_backups_to_keep
    if keep == 0 or catalogue.path is None or catalogue.read_only:
        return
    folder = settings.backup_folder or None

    def work(_progress: Any, _cancelled: Any) -> Path | None:
        with catalogue.guard.shared() as usable:  # a restore or the exit waits for the copy
            return daily_backup(catalogue, keep, folder=folder) if usable else None

    def done(written: Path | None, error: BaseException | None) -> None:
        if error is not None:
            log.warning("daily backup of %s failed: %s", catalogue.label, error)
            window.statusBar().showMessage(
                _("Today's automatic backup could not be written: {reason}").format(
                    reason=getattr(error, "message", error)
                ),
                10000,
            )
        elif written is not None:
            log.info("daily backup written to %s", written)
            window.statusBar().showMessage(
                _("Today's automatic backup was written to {path}.").format(path=written), 8000
            )

    run_task(window, _("Writing today's backup…"), work, done, quiet=True)


def _excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    """Unexpected errors are logged and shown in a readable dialog, never a silent crash."""
    if isinstance(value, UserError):
        # A refusal no screen caught (a change on a read-only catalogue): its sentence is
        # the whole story, a traceback would only frighten.
        log.info("refused: %s", value.message)
        try:
            from PySide6.QtWidgets import QApplication

            from visitplanner.ui.dialogs import show_error

            show_error(QApplication.activeWindow(), _("This was not done"), value.message)
            return
        except Exception:
            pass
    details = "".join(traceback.format_exception(kind, value, tb))
    log.error("unexpected error\n%s", details)
    try:
        from visitplanner.ui.dialogs import show_unexpected_error

        show_unexpected_error(value, details)
    except Exception:  # the dialog itself failed: the log still has it
        sys.__excepthook__(kind, value, tb)
