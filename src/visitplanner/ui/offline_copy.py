"""The mark an offline copy of a team catalogue wears for as long as it is open.

``visitplanner copy SERVER FILE`` writes ``copy_of`` and ``copied_at`` into the copy
(docs/team-server.md): what is typed in it never goes back to the server, so the
window must never let it pass for the team catalogue.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QLabel, QMainWindow

from visitplanner.i18n import _
from visitplanner.store.database import Catalogue
from visitplanner.ui import formats

STYLE = (
    "QLabel { color: palette(highlighted-text); background: palette(highlight); "
    "padding: 1px 6px; border-radius: 3px; }"
)


def mark_offline_copy(window: QMainWindow, catalogue: Catalogue) -> QLabel:
    """A permanent label in the status bar; its tooltip says what becomes of edits."""
    source = catalogue.info("copy_of") or ""
    label = window.statusBar().findChild(QLabel, "offlineCopy")
    if label is None:
        label = QLabel()
        label.setObjectName("offlineCopy")
        label.setStyleSheet(STYLE)
        window.statusBar().addPermanentWidget(label)
    try:
        taken = formats.when(datetime.fromisoformat(catalogue.info("copied_at") or "").astimezone())
    except ValueError:
        taken = "?"
    label.setText(
        _("Offline copy of {source} ({when}): edits stay in this file").format(
            source=server_label(source), when=taken
        )
    )
    label.setToolTip(
        _(
            "This file is an offline copy of the team catalogue {source}, taken {when}. "
            "What you type in it stays in this file and does not go back to the server; "
            "story entries still travel through the shared story folder."
        ).format(source=source, when=taken)
    )
    return label


def server_label(url: str) -> str:
    """« visitplanner » on server.example.org: a team catalogue named as people say it."""
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
    except Exception:
        return url
    host = parsed.host or str(parsed.query.get("host", "")) or "localhost"
    return _("“{database}” on {host}").format(database=parsed.database, host=host)
