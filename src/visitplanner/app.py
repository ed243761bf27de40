"""Composition root: settings, language, catalogue, Qt application, main window."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from visitplanner.domain.errors import CatalogueError
from visitplanner.i18n import _, current_language, set_language
from visitplanner.logs import setup_logging
from visitplanner.settings import load_settings

log = logging.getLogger(__name__)


def run(db: str | None = None, lang: str | None = None) -> int:
    """Opens the window on the catalogue ``db`` (else the default one); returns the exit code."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
    from PySide6.QtWidgets import QApplication

    from visitplanner import APP_NAME, __version__

    settings = load_settings()
    set_language(lang or settings.language)
    setup_logging()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("visitplanner")
    app.setStyle("Fusion")
    QLocale.setDefault(QLocale(current_language()))
    translator = QTranslator(app)
    qt_translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if current_language() != "en" and translator.load(
        f"qtbase_{current_language()}", qt_translations
    ):
        app.installTranslator(translator)
    sys.excepthook = _excepthook

    from visitplanner.store.database import open_catalogue
    from visitplanner.ui.dialogs import show_error

    try:
        catalogue = open_catalogue(db)
    except CatalogueError as exc:
        show_error(None, _("The catalogue cannot be opened"), exc.message)
        return 1

    from visitplanner.ui.main_window import MainWindow

    window = MainWindow(catalogue, settings)
    window.show()
    code = app.exec()
    catalogue.close()
    return code


def _excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    """Unexpected errors are logged and shown in a readable dialog, never a silent crash."""
    details = "".join(traceback.format_exception(kind, value, tb))
    log.error("unexpected error\n%s", details)
    try:
        from visitplanner.ui.dialogs import show_unexpected_error

        show_unexpected_error(value, details)
    except Exception:  # the dialog itself failed: the log still has it
        sys.__excepthook__(kind, value, tb)
