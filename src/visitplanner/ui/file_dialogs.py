"""Every open, save and folder dialog of the window, in one place.

Three comforts and one safety:

* each kind of file (calendar, e-mail, CSV, PDF, photo, backup, catalogue, story
  folder…) reopens in the folder last used for it, remembered in the settings;
* a save dialog proposes a name made from the record (``invitation-seminaire-commun-
  2027-02-11.ics``), never a generic ``export.csv``;
* after a file is written, the status line says where, with a button that opens
  its folder;
* the dialog never opens a file to guess its type. Qt's own dialog (and its default
  icon provider) reads the first bytes of files whose name says nothing, such as a
  catalogue's ``-wal`` and ``-shm``; closing that descriptor drops every POSIX lock
  SQLite holds on the file in this process (sqlite.org, "How To Corrupt An SQLite
  Database File", §2.2). Icons and types here come from the name alone.

The non-native Qt dialog is used everywhere: it is the only one whose file access
we control, and it looks the same on every system. Its labels come from our own
catalogue, since Qt's French one lacks "Look in:" and "Files of type:".
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QFileInfo, QMimeDatabase, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QFileIconProvider,
    QListView,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStyle,
    QWidget,
)

from visitplanner.i18n import _
from visitplanner.settings import Settings, load_settings, save_settings
from visitplanner.ui.widgets.drops import IMAGE_SUFFIXES

# Kind of file -> its name filters (translated when asked) and the suffix a name gets.
FILTERS: dict[str, Callable[[], str]] = {
    "ics": lambda: _("Calendars (*.ics)"),
    "eml": lambda: _("E-mail files (*.eml)"),
    "replies": lambda: _("Replies (*.ics *.eml)"),
    "csv": lambda: _("CSV files (*.csv *.txt)"),
    "pdf": lambda: _("PDF documents (*.pdf)"),
    "md": lambda: _("Markdown text (*.md)"),
    "html": lambda: _("Web pages (*.html)"),
    "photo": lambda: _("Images ({patterns})").format(
        patterns=" ".join(f"*{suffix}" for suffix in IMAGE_SUFFIXES)
    ),
    "backup": lambda: _("Catalogue backups (*.sqlite *.db)"),
    "catalogue": lambda: _("Catalogues (*.sqlite *.db)"),
}
SETTINGS_KEY = "folders"
OPEN_FOLDER_BUTTON = "open-written-folder"
CONFIRM_MS = 10000


def slug(text: str, limit: int = 60) -> str:
    """« Séminaire commun — 2027 » -> ``seminaire-commun-2027``: safe on every file system."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    plain = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    return plain[:limit].rstrip("-")


def suggested_name(*parts: str | date | None, suffix: str) -> str:
    """A file name from the record: ``suggested_name("invitation", title, day, suffix="ics")``."""
    words = [p.isoformat() if isinstance(p, date) else slug(p) for p in parts if p]
    return "-".join(w for w in words if w) + f".{suffix}"


# --- the last folder of each kind ------------------------------------------------------------


def _settings(parent: QWidget | None) -> Settings:
    """The window's settings object when there is one (so its own save keeps ours)."""
    window = parent.window() if parent is not None else QApplication.activeWindow()
    for widget in (window, parent):
        settings = getattr(widget, "settings", None)
        if isinstance(settings, Settings):
            return settings
    return load_settings()


def last_folder(parent: QWidget | None, kind: str) -> Path | None:
    settings = _settings(parent)
    value = settings.extra.get(SETTINGS_KEY, {}).get(kind)
    folder = Path(value) if value else None
    return folder if folder is not None and folder.is_dir() else None


def remember_folder(parent: QWidget | None, kind: str, folder: Path) -> None:
    settings = _settings(parent)
    folders = dict(settings.extra.get(SETTINGS_KEY, {}))
    folders[kind] = str(folder)
    settings.extra[SETTINGS_KEY] = folders
    # A comfort: a read-only settings folder never blocks choosing a file.
    with contextlib.suppress(OSError):
        save_settings(settings)


# --- a dialog that never reads a file ---------------------------------------------------------


class NameOnlyIconProvider(QFileIconProvider):
    """Icons and type names from the file's name alone: no file is opened to sniff it."""

    def __init__(self) -> None:
        super().__init__()
        self.setOptions(QFileIconProvider.Option.DontUseCustomDirectoryIcons)
        self._mime = QMimeDatabase()
        self._icons: dict[bool, QIcon] = {}

    def icon(self, what: object) -> QIcon:  # type: ignore[override]
        if isinstance(what, QFileInfo):
            is_dir = what.isDir()
        else:
            is_dir = what in (
                QFileIconProvider.IconType.Folder,
                QFileIconProvider.IconType.Drive,
                QFileIconProvider.IconType.Computer,
                QFileIconProvider.IconType.Network,
            )
        if is_dir not in self._icons:
            pixmap = (
                QStyle.StandardPixmap.SP_DirIcon if is_dir else QStyle.StandardPixmap.SP_FileIcon
            )
            self._icons[is_dir] = QApplication.style().standardIcon(pixmap)
        return self._icons[is_dir]

    def type(self, info: QFileInfo) -> str:  # type: ignore[override]
        if info.isDir():
            return _("Folder")
        mime = self._mime.mimeTypeForFile(info.fileName(), QMimeDatabase.MatchMode.MatchExtension)
        return mime.comment() if not mime.isDefault() else _("File")


_PROVIDER: NameOnlyIconProvider | None = None


def _provider() -> NameOnlyIconProvider:
    global _PROVIDER
    if _PROVIDER is None:
        _PROVIDER = NameOnlyIconProvider()
    return _PROVIDER


def make_dialog(
    parent: QWidget | None,
    title: str,
    kind: str,
    *,
    mode: str = "open",
    suggested: str = "",
    start: Path | None = None,
) -> QFileDialog:
    """The configured dialog, not shown: ``mode`` is open, open-many, save or folder."""
    dialog = QFileDialog(parent, title)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setOption(QFileDialog.Option.DontUseCustomDirectoryIcons)
    dialog.setIconProvider(_provider())
    labels = (
        (QFileDialog.DialogLabel.LookIn, _("Look in:")),
        (QFileDialog.DialogLabel.FileName, _("File name:")),
        (QFileDialog.DialogLabel.FileType, _("Files of type:")),
        (QFileDialog.DialogLabel.Reject, _("Cancel")),
    )
    for label, text in labels:
        dialog.setLabelText(label, text)
    folder = start or last_folder(parent, kind) or Path.home()
    dialog.setDirectory(str(folder))
    _widen(dialog)
    if mode == "folder":
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly)
        dialog.setLabelText(QFileDialog.DialogLabel.Accept, _("Choose"))
        return dialog
    filters = [FILTERS[kind](), _("All files (*)")] if kind in FILTERS else [_("All files (*)")]
    dialog.setNameFilters(filters)
    if mode == "save":
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setLabelText(QFileDialog.DialogLabel.Accept, _("Save"))
        if suggested:
            dialog.selectFile(suggested)
            dialog.setDefaultSuffix(Path(suggested).suffix.lstrip("."))
    else:
        many = mode == "open-many"
        dialog.setFileMode(
            QFileDialog.FileMode.ExistingFiles if many else QFileDialog.FileMode.ExistingFile
        )
        dialog.setLabelText(QFileDialog.DialogLabel.Accept, _("Open"))
    return dialog


def _widen(dialog: QFileDialog) -> None:
    """Room for French words: the places ("Ordinateur") are not cut."""
    sidebar = dialog.findChild(QListView, "sidebar")
    splitter = dialog.findChild(QSplitter, "splitter")
    if sidebar is not None and splitter is not None:
        places = sidebar.sizeHintForColumn(0) + 2 * sidebar.frameWidth() + 8
        splitter.setSizes([max(places, 140), 640])


def run_dialog(dialog: QFileDialog, parent: QWidget | None, kind: str) -> list[Path]:
    """Shows ``dialog``; what was chosen, its folder remembered for the next ``kind``."""
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return []
    chosen = [Path(name) for name in dialog.selectedFiles()]
    if chosen:
        folder = chosen[0] if dialog.fileMode() == QFileDialog.FileMode.Directory else None
        remember_folder(parent, kind, folder or chosen[0].parent)
    return chosen


def open_path(parent: QWidget | None, title: str, kind: str) -> Path | None:
    chosen = run_dialog(make_dialog(parent, title, kind), parent, kind)
    return chosen[0] if chosen else None


def open_paths(parent: QWidget | None, title: str, kind: str) -> list[Path]:
    return run_dialog(make_dialog(parent, title, kind, mode="open-many"), parent, kind)


def save_path(parent: QWidget | None, title: str, kind: str, suggested: str) -> Path | None:
    """Where to write; the kind's suffix is added to a name typed without one."""
    dialog = make_dialog(parent, title, kind, mode="save", suggested=suggested)
    chosen = run_dialog(dialog, parent, kind)
    if not chosen:
        return None
    path = chosen[0]
    return path if path.suffix else path.with_suffix(Path(suggested).suffix or f".{kind}")


def choose_folder(
    parent: QWidget | None, title: str, kind: str, start: Path | None = None
) -> Path | None:
    chosen = run_dialog(make_dialog(parent, title, kind, mode="folder", start=start), parent, kind)
    return chosen[0] if chosen else None


# --- saying where a file went ---------------------------------------------------------------


def open_folder(path: Path) -> None:
    """The folder holding ``path`` in the system's file manager."""
    folder = path if path.is_dir() else path.parent
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def confirm_written(parent: QWidget | None, path: Path, message: str | None = None) -> None:
    """The status line names the file written, with a button opening its folder."""
    window = parent.window() if parent is not None else None
    if not isinstance(window, QMainWindow):
        window = next(
            (w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow)), None
        )
    if window is None:
        return
    bar = window.statusBar()
    bar.showMessage(message or _("Written to {path}.").format(path=path), CONFIRM_MS)
    button = bar.findChild(QPushButton, OPEN_FOLDER_BUTTON)
    if button is None:
        button = QPushButton(_("Open the folder"))
        button.setObjectName(OPEN_FOLDER_BUTTON)
        button.setFlat(True)
        button.clicked.connect(lambda: open_folder(Path(button.property("written"))))
        bar.addPermanentWidget(button)
        timer = QTimer(button)
        timer.setSingleShot(True)
        timer.timeout.connect(button.hide)
    button.setProperty("written", str(path))
    button.setToolTip(str(path.parent))
    button.show()
    button.findChild(QTimer).start(CONFIRM_MS)
