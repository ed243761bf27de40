"""The people's rights (RGPD) from the window: access report, register, retention review.

The same service as ``visitplanner people report`` (:mod:`visitplanner.services.privacy`).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from visitplanner.i18n import _
from visitplanner.store.database import Catalogue


def save_access_report(
    parent: QWidget, catalogue: Catalogue, person_id: int, name: str
) -> Path | None:
    """Asks where, writes the PDF (or JSON) in the person's language, and opens it."""
    from visitplanner.domain.errors import UserError
    from visitplanner.services.privacy.access import write_access_report
    from visitplanner.ui import dialogs
    from visitplanner.ui.export import ask_save_path, open_file
    from visitplanner.ui.file_dialogs import suggested_name

    suggested = suggested_name(_("access report"), name, date.today(), suffix="pdf")
    path = ask_save_path(parent, _("Access report (RGPD)"), suggested, "pdf")
    if path is None:
        return None
    try:
        written = write_access_report(catalogue, person_id, path)
    except UserError as exc:
        dialogs.show_error(parent, _("The document was not written"), exc.message)
        return None
    open_file(written)
    return written


def save_register(parent: QWidget, catalogue: Catalogue) -> Path | None:
    """Asks where, writes the register of processing activities, and opens it."""
    from visitplanner.domain.errors import UserError
    from visitplanner.i18n import current_language
    from visitplanner.services.privacy.register import write_register
    from visitplanner.ui import dialogs
    from visitplanner.ui.export import ask_save_path, open_file
    from visitplanner.ui.file_dialogs import suggested_name

    suggested = suggested_name(_("register of processing activities"), date.today(), suffix="pdf")
    path = ask_save_path(parent, _("Register of processing activities"), suggested, "pdf")
    if path is None:
        return None
    language = current_language() if current_language() in ("fr", "en") else "fr"
    try:
        written = write_register(catalogue, path, language=language)
    except UserError as exc:
        dialogs.show_error(parent, _("The document was not written"), exc.message)
        return None
    open_file(written)
    return written


def add_privacy_actions(window: QMainWindow, menu: QMenu) -> None:
    """The File menu's personal-data entries: the register and the retention review."""
    from PySide6.QtGui import QAction

    register = QAction(_("Register of processing activities (RGPD)…"), window)
    register.triggered.connect(lambda: save_register(window, window.catalogue))
    review = QAction(_("Retention review…"), window)
    review.triggered.connect(lambda: _review(window))
    window.register_action, window.review_action = register, review
    menu.addAction(review)
    menu.addAction(register)


def _review(window: QMainWindow) -> None:
    """The People page, then its retention review over it."""
    window.show_page("people")
    window.page("people").review_button.click()
