"""The page shown before there is anything else: the welcome page."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from visitplanner.i18n import _
from visitplanner.ui.pages.catalogue_page import page_title


class WelcomePage(QWidget):
    """First run on an empty catalogue: the two ways to get started."""

    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        title = page_title(_("Welcome to Visit Planner"))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        layout.addSpacing(6)
        text = QLabel(
            _(
                "Your catalogue is empty. Load the demo catalogue to explore the application "
                "with French cooperation networks, or start by importing your contacts."
            )
        )
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # A wrapped label gets the height of its lines only when the layout gives it a
        # width (no alignment flag): centred by stretches, between 420 and 560 pixels wide.
        text.setMinimumWidth(min(420, text.sizeHint().width()))
        text.setMaximumWidth(560)
        self.text = text
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(text, 4)
        centred.addStretch(1)
        layout.addLayout(centred)
        layout.addSpacing(12)
        row = QHBoxLayout()
        row.addStretch(1)
        self.demo_button = QPushButton(_("Load the demo catalogue"))
        self.demo_button.setAccessibleName(_("Load the demo catalogue"))
        self.demo_button.setDefault(True)
        self.demo_button.clicked.connect(self.demo_requested)
        row.addWidget(self.demo_button)
        self.import_button = QPushButton(_("Import people (CSV)"))
        self.import_button.setAccessibleName(_("Import people (CSV)"))
        row.addWidget(self.import_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
