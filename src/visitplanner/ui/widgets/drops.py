"""Dropping a CSV file where people expect it: onto a list of people or participants."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent

SUFFIXES = (".csv", ".txt", ".tsv")


def csv_path(event: QDragEnterEvent | QDropEvent) -> Path | None:
    """The one CSV file being dragged, if that is what it is."""
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    path = Path(urls[0].toLocalFile())
    return path if path.suffix.lower() in SUFFIXES else None


class CsvDropFilter(QObject):
    """Installed on a widget: a dropped CSV file is announced through ``dropped``."""

    dropped = Signal(object)  # Path

    def eventFilter(self, watched: QObject, event: object) -> bool:
        from PySide6.QtCore import QEvent

        kind = getattr(event, "type", lambda: None)()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if csv_path(event) is not None:  # type: ignore[arg-type]
                event.acceptProposedAction()  # type: ignore[attr-defined]
                return True
        elif kind == QEvent.Type.Drop:
            path = csv_path(event)  # type: ignore[arg-type]
            if path is not None:
                event.acceptProposedAction()  # type: ignore[attr-defined]
                self.dropped.emit(path)
                return True
        return False
