"""Where to write an exported file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from visitplanner.i18n import _


def ask_save_path(
    parent: QWidget | None, title: str, suggested: str, kind: str = "csv"
) -> Path | None:
    """The save dialog; tests replace this function."""
    filters = {
        "csv": _("CSV files (*.csv);;All files (*)"),
        "ics": _("Calendars (*.ics);;All files (*)"),
        "pdf": _("PDF documents (*.pdf);;All files (*)"),
        "md": _("Markdown text (*.md);;All files (*)"),
        "html": _("Web pages (*.html);;All files (*)"),
    }
    name, _filter = QFileDialog.getSaveFileName(parent, title, suggested, filters[kind])
    if not name:
        return None
    path = Path(name)
    return path if path.suffix else path.with_suffix(f".{kind}")


def open_file(path: Path) -> None:
    """Opens a finished document with the system's viewer; tests replace this function."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
