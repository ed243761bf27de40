"""The people's rights (RGPD) from the window: the access report of the person shown.

The same service as ``visitplanner people report`` (:mod:`visitplanner.services.privacy`).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QWidget

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
