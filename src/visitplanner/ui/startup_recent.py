"""The start-up dialog's other ways out: a catalogue opened lately, or a team catalogue.

When the usual catalogue cannot be opened, the one opened yesterday (a file, or the
team's catalogue on its server) is one double-click away, and connecting to a team
catalogue is offered there as well.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.errors import UserError
from visitplanner.i18n import _
from visitplanner.recent_catalogues import SERVER, recent
from visitplanner.services.team.connection import ServerFields
from visitplanner.settings import load_settings


class RecentChooser(QWidget):
    """Recent catalogues (but the one that failed) and « Connect to a team catalogue… »;
    ``chosen(db)`` is called with what to open."""

    def __init__(
        self,
        failed: Path | None,
        chosen: Callable[[str], None],
        failed_server: str | None = None,
        failure: str = "",
    ) -> None:
        super().__init__()
        self.chosen = chosen
        # A team catalogue that did not open: « Connect… » comes filled in with it.
        self.failed_server = ServerFields.from_url(failed_server) if failed_server else None
        self.failure = failure
        self.list = QListWidget()
        self.list.setAccessibleName(_("Recent catalogues"))
        for entry in recent(load_settings()):
            if failed is not None and entry.path == failed:
                continue
            text = (
                _("Team catalogue {name}").format(name=entry.label)
                if entry.kind == SERVER
                else entry.label
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, entry)
            self.list.addItem(item)
        self.list.itemActivated.connect(self._open_item)
        self.list.setMaximumHeight(self.list.sizeHintForRow(0) * 5 + 8 if self.list.count() else 0)
        self.open_button = QPushButton(_("Open"))
        self.open_button.setAccessibleName(_("Open the recent catalogue"))
        self.open_button.setAutoDefault(False)
        self.open_button.clicked.connect(lambda: self._open_item(self.list.currentItem()))
        self.team_button = QPushButton(_("Connect to a team catalogue…"))
        self.team_button.setAccessibleName(_("Connect to a team catalogue"))
        self.team_button.setAutoDefault(False)
        self.team_button.clicked.connect(lambda: self.connect_team())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        if self.list.count():
            layout.addWidget(QLabel(_("Recent catalogues")))
            layout.addWidget(self.list)
        row = QHBoxLayout()
        row.addStretch(1)
        if self.list.count():
            row.addWidget(self.open_button)
        row.addWidget(self.team_button)
        layout.addLayout(row)

    def _open_item(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        entry = item.data(Qt.ItemDataRole.UserRole)
        if entry.kind == SERVER:
            self.connect_team(entry.server)
        else:
            self.chosen(entry.db_value())

    def connect_team(self, initial: ServerFields | None = None) -> None:
        from visitplanner.services.team import connection
        from visitplanner.ui.team_connect_dialog import TeamConnectDialog

        message = ""
        if initial is None and self.failed_server is not None:
            initial, message = self.failed_server, self.failure
        choice = TeamConnectDialog.ask(self, initial, message)
        if choice is None:
            return
        if choice.remember and choice.password:
            # A keyring that refuses: the catalogue still opens; the password is asked again.
            with contextlib.suppress(UserError):
                connection.remember_password(choice.server, choice.password)
        self.chosen(choice.server.db_value(choice.password or None))
