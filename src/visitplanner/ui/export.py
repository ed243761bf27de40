"""Where to write an exported file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from visitplanner.i18n import _


def ask_save_path(parent: QWidget | None, title: str, suggested: str) -> Path | None:
    """The save dialog; tests replace this function."""
    name, _filter = QFileDialog.getSaveFileName(
        parent, title, suggested, _("CSV files (*.csv);;All files (*)")
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix else path.with_suffix(".csv")
