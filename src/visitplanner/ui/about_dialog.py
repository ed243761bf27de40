"""About Visit Planner: what it is, its version and licence, whose work it builds on.

The catalogue path and the log folder are shown too: they are the first two
things anyone helping a coordinator asks for.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from visitplanner import APP_NAME, __version__
from visitplanner.i18n import _
from visitplanner.resources import ICON_FILE, resource_path, resources_root
from visitplanner.ui.forms.base import form_label

EUPL_URL = "https://joinup.ec.europa.eu/collection/eupl/eupl-text-eupl-12"

# (component, what it does for us, licence). Names and licences are not translated.
CREDITS: tuple[tuple[str, Callable[[], str], str], ...] = (
    ("Qt / PySide6", lambda: _("the window and its widgets"), "LGPL-3.0"),
    ("Material Design Icons (QtAwesome)", lambda: _("the icons"), "Apache-2.0 / MIT"),
    ("DejaVu fonts", lambda: _("the font of printed documents"), "Bitstream Vera / Arev"),
    ("SQLAlchemy", lambda: _("the catalogue database"), "MIT"),
    ("Alembic", lambda: _("catalogue upgrades"), "MIT"),
    ("reportlab", lambda: _("printed documents (PDF)"), "BSD-3-Clause"),
    ("icalendar", lambda: _("calendar invitations and files"), "BSD-2-Clause"),
    ("Pillow", lambda: _("photos"), "MIT-CMU"),
    ("Babel", lambda: _("translations, dates and numbers"), "BSD-3-Clause"),
    ("platformdirs", lambda: _("where files are kept"), "MIT"),
    ("keyring", lambda: _("the mail password in the system keyring"), "MIT"),
    ("python-dateutil", lambda: _("public holidays and dates"), "Apache-2.0 / BSD-3-Clause"),
)


def licence_text() -> str | None:
    """The EUPL text shipped with the application: the checkout's, else the package's."""
    candidates = [resources_root().parent / "LICENSE", resource_path("LICENSE")]
    for candidate in candidates:
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    try:
        from importlib.metadata import distribution

        dist = distribution("visitplanner")
        for name in ("licenses/LICENSE", "LICENSE"):
            text = dist.read_text(name)
            if text:
                return text
    except Exception:  # not installed as a distribution (frozen build): the link will do
        return None
    return None


def fonts_licence_text() -> str | None:
    path = resource_path("fonts", "LICENSE-DejaVu.txt")
    return path.read_text(encoding="utf-8") if path.is_file() else None


def app_icon() -> QIcon | None:
    """Our icon, when the file is there (it is drawn separately and may be missing)."""
    path = resource_path("icons", ICON_FILE)
    if not path.is_file():
        return None
    icon = QIcon(str(path))
    return None if icon.isNull() else icon


def show_text(parent: QWidget | None, title: str, text: str) -> None:
    """A long read-only text (a licence) in its own window; tests replace this."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    view = QPlainTextEdit(text)
    view.setReadOnly(True)
    view.setAccessibleName(title)
    view.setFont(QFont("monospace"))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    close = buttons.button(QDialogButtonBox.StandardButton.Close)
    close.setText(_("Close"))
    close.setAccessibleName(_("Close"))
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(view)
    layout.addWidget(buttons)
    dialog.resize(640, 560)
    dialog.exec()
    dialog.deleteLater()


class AboutDialog(QDialog):
    def __init__(
        self,
        catalogue_label: str | None = None,
        log_folder: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("About Visit Planner"))
        self.setAccessibleName(_("About Visit Planner"))

        self.icon = QLabel()
        self.icon.setAccessibleName(_("Application icon"))
        icon = app_icon()
        if icon is not None:
            self.icon.setPixmap(icon.pixmap(96, 96))
        self.icon.setVisible(icon is not None)
        self.name = QLabel(APP_NAME)
        self.name.setAccessibleName(APP_NAME)
        font = self.name.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.6)
        self.name.setFont(font)
        self.version = QLabel(_("Version {version}").format(version=__version__))
        self.version.setAccessibleName(_("Version"))
        self.version.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary = QLabel(
            _(
                "Plans learning visits and joint seminars for territorial cooperation "
                "networks: who to invite, who comes, and what was learnt."
            )
        )
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(_("What Visit Planner is for"))
        self.licence = QLabel(
            _("Free software under the European Union Public Licence (EUPL-1.2).")
        )
        self.licence.setWordWrap(True)
        self.licence.setAccessibleName(_("Licence"))
        self.licence_button = QPushButton(_("Read the licence"))
        self.licence_button.setAccessibleName(_("Read the licence"))
        self.licence_button.clicked.connect(self.show_licence)

        heading = QVBoxLayout()
        heading.addWidget(self.name)
        heading.addWidget(self.version)
        heading.addWidget(self.summary)
        licence_row = QHBoxLayout()
        licence_row.addWidget(self.licence, 1)
        licence_row.addWidget(self.licence_button)
        heading.addLayout(licence_row)
        top = QHBoxLayout()
        top.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(heading, 1)

        credits_title = QLabel(_("Built with"))
        credits_title.setAccessibleName(_("Built with"))
        bold = credits_title.font()
        bold.setBold(True)
        credits_title.setFont(bold)
        self.credits = QTreeWidget()
        self.credits.setAccessibleName(_("Credits"))
        self.credits.setHeaderLabels([_("Component"), _("Used for"), _("Licence")])
        self.credits.setRootIsDecorated(False)
        for name, purpose, licence in CREDITS:
            self.credits.addTopLevelItem(QTreeWidgetItem([name, purpose(), licence]))
        for column in range(3):
            self.credits.header().setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents
            )
        # Wide enough for every licence name: a truncated licence is no credit.
        self.credits.setMinimumWidth(
            sum(self.credits.sizeHintForColumn(c) + 16 for c in range(3)) + 8
        )
        self.fonts_button = QPushButton(_("Read the DejaVu fonts licence"))
        self.fonts_button.setAccessibleName(_("Read the DejaVu fonts licence"))
        self.fonts_button.clicked.connect(self.show_fonts_licence)
        self.fonts_button.setEnabled(fonts_licence_text() is not None)

        support = QFormLayout()
        self.catalogue = self._selectable(catalogue_label or _("none"), _("Catalogue"))
        self.log_folder = self._selectable(str(log_folder or _log_folder()), _("Log folder"))
        support.addRow(form_label(_("Catalogue")), self.catalogue)
        support.addRow(form_label(_("Log folder")), self.log_folder)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = buttons.addButton(
            _("Copy these details"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.copy_button.setAccessibleName(_("Copy these details"))
        self.copy_button.clicked.connect(self.copy_details)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(_("Close"))
        close.setAccessibleName(_("Close"))
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addSpacing(8)
        layout.addWidget(credits_title)
        layout.addWidget(self.credits, 1)
        layout.addWidget(self.fonts_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addSpacing(8)
        layout.addLayout(support)
        layout.addWidget(buttons)
        self.resize(self.sizeHint().width(), 540)

    @staticmethod
    def _selectable(text: str, name: str) -> QLabel:
        label = QLabel(text)
        label.setAccessibleName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def credit_rows(self) -> list[tuple[str, str, str]]:
        """The credits as shown: component, use, licence."""
        return [
            (item.text(0), item.text(1), item.text(2))
            for item in (
                self.credits.topLevelItem(r) for r in range(self.credits.topLevelItemCount())
            )
        ]

    def details(self) -> str:
        """What a support request needs, as plain text."""
        return "\n".join(
            (
                f"{APP_NAME} {__version__}",
                f"{_('Catalogue')}: {self.catalogue.text()}",
                f"{_('Log folder')}: {self.log_folder.text()}",
            )
        )

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self.details())

    def show_licence(self) -> None:
        text = licence_text() or _("The licence text is at {url}").format(url=EUPL_URL)
        show_text(self, _("Licence"), text)

    def show_fonts_licence(self) -> None:
        text = fonts_licence_text()
        if text:
            show_text(self, _("DejaVu fonts licence"), text)

    @classmethod
    def present(cls, catalogue_label: str | None, parent: QWidget | None = None) -> None:
        """Shows the dialog modally; tests replace this."""
        dialog = cls(catalogue_label, parent=parent)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()


def _log_folder() -> Path:
    from visitplanner.logs import log_file

    return log_file().parent
