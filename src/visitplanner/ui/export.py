"""Where to write an exported file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from visitplanner.ui import file_dialogs


def ask_save_path(
    parent: QWidget | None, title: str, suggested: str, kind: str = "csv"
) -> Path | None:
    """The save dialog, in the folder last used for ``kind``; tests replace this function."""
    return file_dialogs.save_path(parent, title, kind, suggested)


def open_file(path: Path) -> None:
    """Opens a finished document with the system's viewer; tests replace this function.

    The status line also says where it was written, with a button opening its folder.
    """
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    file_dialogs.confirm_written(None, path)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
